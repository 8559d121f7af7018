"""What a page may contain, and the Content-Security-Policy every page carries.

Contributors are trusted with text, not code. The page-content policy is checked on
each page's rendered content with an HTML parser: no script, no event handlers, no
javascript:/vbscript:/data: URLs, no embedded frames, objects or forms, and no resource
from another host. Ordinary outgoing links (<a href="https://doi.org/...">) are fine.
The CSP is the second line: only the site's own scripts and the theme's inline scripts,
by hash, may run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter

import lxml.etree
import lxml.html

from hairguide.links import line_in_source
from hairguide.report import Problem

FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "meta",
                  "link", "portal", "noscript", "template"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background",
                  "cite", "longdesc", "ping", "manifest", "codebase", "lowsrc", "dynsrc"}
# Attributes that make the browser fetch something (on any element but a plain link).
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "manifest", "codebase"}
LINK_ELEMENTS = {"a", "area"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)|@import\s+['\"]([^'\"]*)", re.I)
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)


def _scheme_of(url: str) -> str:
    """The URL as a browser reads its scheme: spaces and control characters dropped."""
    return _IGNORED.sub("", url).lower()


def _external(url: str) -> bool:
    plain = _scheme_of(url)
    return plain.startswith("//") or bool(re.match(r"^[a-z][a-z0-9+.-]*:", plain))


class PageScan:
    """One parse of a page's rendered content (lxml's HTML parser, libxml2): policy
    violations, anchors (element ids, <a name>), links. lxml selects what matters, so Python sees only that."""

    def __init__(self, html: str):
        self.found: list[tuple[str, str]] = []  # (message, text to find in the source)
        try:  # control characters are reported elsewhere (inputs.invisible_characters)
            root = lxml.html.fragment_fromstring(CONTROL.sub("", html), create_parent="div")
        except (lxml.etree.ParserError, ValueError) as error:
            self.found.append((f"the page's HTML cannot be read ({error})", ""))
            self.ids, self.links = set(), []
            return
        ids = Counter(str(i) for i in root.xpath("//@id"))
        self.ids = set(ids) | {str(name) for name in root.xpath("//a/@name")}  # what a link's #anchor can name
        self.found += [(f"id '{i}' is used twice on this page (links and screen readers find only the first)", f"#{i}")
                       for i, count in sorted(ids.items()) if count > 1]
        # The attributes of every <a href> and <img src> (its src as its href): what links.check_html_links checks.
        self.links = [{**element.attrib, "href": element.get("href", element.get("src"))} for element in root.xpath("//a[@href] | //img[@src]")]
        for element in root.iter(*FORBIDDEN_TAGS, "style"):
            if element.tag == "style":
                self._check_css(element.text or "")
            else:
                self.found.append((f"<{element.tag}> is not allowed in a page", f"<{element.tag}"))
        for attribute in root.xpath("//@*"):
            name = attribute.attrname.lower()
            if name.startswith("on"):
                self.found.append((f"event handler attribute '{name}' is not allowed in a page", name))
            elif name == "style":
                self._check_css(attribute)
            elif name in URL_ATTRIBUTES or name.endswith(":href"):
                for url in ([u.strip().split(" ")[0] for u in attribute.split(",")] if name == "srcset" else [attribute]):
                    self._check_url(attribute.getparent().tag, name, url)

    def _check_url(self, tag: str, name: str, url: str) -> None:
        if ":" not in url and "//" not in url:
            return  # no scheme and no other host: a link within the site
        if _scheme_of(url).startswith(BAD_SCHEMES):
            self.found.append((f"{_scheme_of(url).split(':')[0]}: URLs are not allowed ({name}=\"{url[:40]}\")", url))
        elif _external(url) and (name in RESOURCE_ATTRIBUTES or tag not in LINK_ELEMENTS):
            self.found.append((f"<{tag} {name}> loads a resource from another host ({url[:60]}); keep files in docs/", url))

    def _check_css(self, css: str) -> None:
        for match in CSS_URL.finditer(css):
            url = match.group(1) or match.group(2) or ""
            if _external(url):
                self.found.append((f"CSS loads a resource from another host or scheme ({url[:60]})", url))


def check_page_content(scan: PageScan, source: str, path: str) -> list[Problem]:
    """Policy problems of a page's rendered content, at the source line where they can be found."""
    return sorted({Problem(path, line_in_source(source, needle), message) for message, needle in scan.found})


def inline_script_hashes(page_html: str) -> list[str]:
    """CSP source expressions ('sha256-…') for every inline script a page runs (not JSON data)."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(page_html):
        attrs = match.group("attrs").lower()
        if re.search(r"\bsrc\s*=", attrs) or re.search(r"\btype\s*=\s*['\"]?application/(?:ld\+)?json", attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


def content_security_policy(script_hashes: list[str], header: bool = False) -> str:
    """The site's policy: its own files, the theme's inline scripts by hash, nothing from other hosts."""
    directives = [
        "default-src 'self'",
        # 'wasm-unsafe-eval': the search (Pagefind) runs WebAssembly; it allows no JavaScript eval.
        " ".join(["script-src 'self' 'wasm-unsafe-eval'", *script_hashes]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if header:  # only a header can say these
        directives.append("frame-ancestors 'none'")
    return "; ".join(d.strip() for d in directives)


def with_csp_meta(page_html: str) -> tuple[str, list[str]]:
    """The page with its CSP right after its charset declaration, and the hashes it allows."""
    hashes = inline_script_hashes(page_html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(hashes)}">'
    # After <meta charset> (browsers look for it in the first 1024 bytes), before any script.
    anchor = re.search(r"<meta charset=[^>]*>", page_html, re.I) or re.search(r"<head[^>]*>", page_html, re.I)
    if anchor is None:
        return page_html, hashes
    return page_html[: anchor.end()] + meta + page_html[anchor.end():], hashes


def defer_external_scripts(html: str) -> str:
    """Let the first paint not wait for scripts: `defer` on every <script src> without it.
    Deferred scripts keep their order and still run before DOMContentLoaded."""
    return re.sub(r"<script(?![^>]*\b(?:defer|async)\b)(?=[^>]*\bsrc=)", "<script defer", html)
