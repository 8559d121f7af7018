"""Soft hyphens in long German words of headings, table headers and captions (see hairguide.hyphenation).

After the page is rendered (on_post_page), so the search index keeps the words whole.
"""

from __future__ import annotations

from hairguide.hyphenation import hyphenate_html


def on_post_page(output, page, config):
    return hyphenate_html(output, getattr(page.file, "locale", None) or config.theme.language)
