"""Pages: the one front-matter reader, page checks, heading ids and translation freshness.

Each German page `x.de.md` records in `translation_of:` a hash of the English page
`x.md` it translates; a different hash means the translation is outdated.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import re
import subprocess
from pathlib import Path
from typing import Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from hairguide.data import validate
from hairguide.inputs import decode, invisible_characters, load_yaml, newlines
from hairguide.markup import HTML_COMMENT, in_code
from hairguide.report import Problem, ProblemsFound

# The same block MkDocs reads (mkdocs.utils.meta.YAML_RE): `---` ... `---` or `...`.
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
# A heading, also in a box, a list or a quote; Python-Markdown needs no space ('##Notes' is one).
HEADING = re.compile(r"^(?:[ \t]*>)*[ \t]*#{1,6}(?!#)", re.M)
HEADING_ID = re.compile(r"^(?:[ \t]*>)*[ \t]*#{1,6}(?!#).*?\{[^{}\n]*#(?P<id>[\w-]+)[^{}\n]*\}[ \t]*#*[ \t]*$", re.M)
# An underlined heading: a paragraph's first line (after a blank line), then a line of = or -.
SETEXT = re.compile(r"(?:\A|(?<=\n\n))(?![ \t]|[-*+>|<#]|\d+\.)[^\n]*\S[^\n]*\n(?:=+|-+)[ \t]*$", re.M)
BOX_TYPES = ("note|abstract|summary|tldr|info|todo|tip|hint|important|success|check|done|question|help|faq|warning|caution|"
             "attention|failure|fail|missing|danger|error|bug|example|quote|cite")
# A box (admonition) as written: three marks, or a box's type or title after two or four.
BOX = re.compile(rf'^[ \t]*(?:(?:!!!|\?\?\?\+?)(?![!?])|(?:!!|!!!!)[ \t]+(?:"|(?:{BOX_TYPES})\b))[^\n]*$', re.M)
BOX_LINE = re.compile(r'[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*[ \t]+"[^\n]*"[ \t]*')  # as it should be
BLOCK_TAG = re.compile(r"<(?P<end>/?)(?P<tag>div|details|summary|section|aside|figure|blockquote|table|p|ul|ol|dl|pre)\b"
                       r"(?P<attrs>[^>]*)>", re.I)
HASH_FIELD = re.compile(r"^translation_of:[ \t]*['\"]?(?P<hash>[0-9a-f]+)['\"]?[ \t]*$", re.M)


class PageMeta(BaseModel):
    """Front matter every page needs; other keys (for the theme) are allowed."""

    model_config = ConfigDict(extra="allow")
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    last_reviewed: datetime.date
    next_review: datetime.date
    translation_of: Optional[Union[str, int]] = None  # a hash of digits only reads as a number


def split_front_matter(source: str) -> tuple[str | None, str, int]:
    """(front matter text or None, Markdown body, lines before the body).

    The body is what MkDocs renders: the block and the blank lines after it removed.
    """
    match = FRONT_MATTER.match(source)
    block, rest = (match.group(1), source[match.end():]) if match else (None, source)
    body = rest.lstrip("\n")
    return block, body, source[: len(source) - len(body)].count("\n")


def read_page(raw: bytes, path: str) -> tuple[str, dict, list[Problem]]:
    """A page's text, its front matter and every problem with them (never an exception).

    On problems the metadata holds only what is safe to use.
    """
    try:
        source = decode(raw, path)
    except ProblemsFound as found:
        return "", {}, found.problems
    problems = invisible_characters(source, path)
    block, _body, _offset = split_front_matter(source)
    if block is None:
        return source, {}, problems + [Problem(path, 1, "the page has no front matter (title, description, last_reviewed, next_review)")]
    try:
        raw_meta, lines = load_yaml(block, path, first_line=2)
    except ProblemsFound as found:
        return source, {}, problems + found.problems
    if not isinstance(raw_meta, dict):
        return source, {}, problems + [Problem(path, 2, "front matter must be a list of 'key: value' lines")]
    meta_problems: list[Problem] = []
    meta = validate(PageMeta, raw_meta, lines, path, meta_problems)
    problems += [_front_matter_message(p, raw_meta) for p in meta_problems]
    if meta is None:
        return source, {}, problems
    if meta.next_review < meta.last_reviewed:
        problems.append(Problem(path, lines.get(("next_review",), 1), "'next_review' is before 'last_reviewed'"))
    return source, meta.model_dump(), problems


def _front_matter_message(problem: Problem, raw: dict) -> Problem:
    """Messages in the authors' terms: which field, which value."""
    field, _, message = problem.message.partition(": ")
    if field not in PageMeta.model_fields:
        return problem
    if field not in raw or raw[field] in (None, ""):
        return Problem(problem.path, 1, f"front matter is missing '{field}'")
    if field in ("last_reviewed", "next_review"):
        return Problem(problem.path, problem.line, f"'{field}' must be a date written YYYY-MM-DD, not '{raw[field]}'")
    return Problem(problem.path, problem.line, f"'{field}' {message[:1].lower()}{message[1:]}")


def heading_ids(source: str) -> list[tuple[str, int]]:
    """(id, line) of every heading with an explicit `{#id}`, outside code blocks."""
    code = in_code(source)
    return [(m.group("id"), source.count("\n", 0, m.start()) + 1) for m in HEADING_ID.finditer(source) if not code(m.start())]


def structure_problems(source: str, path: str) -> list[Problem]:
    """What Markdown would read otherwise than the author meant (code and HTML comments aside):
    - a heading without an explicit id: Markdown makes one from the words, and the German page's
      links and the language switch miss the section; an underlined heading (no id either);
    - a box not written `!!! type "Title"` with its text indented below it: without quotes the title
      is the type's English name (on a German page too), and unindented text leaves the box empty;
    - an HTML block element left open: it swallows the rest of the page (Markdown is not read
      inside it, so the headings and sources after it would show as text)."""
    _block, body, offset = split_front_matter(source)
    code, skipped, lines = in_code(body), [m.span() for m in HTML_COMMENT.finditer(body)], body.split("\n")
    with_id = {m.start() for m in HEADING_ID.finditer(body)}

    def found(pattern):
        return [m for m in pattern.finditer(body) if not code(m.start()) and not any(s <= m.start() < e for s, e in skipped)]

    def at(m, message):
        return Problem(path, offset + body.count("\n", 0, m.start()) + 1, message)

    def in_table(m):  # '# x | y' as a row of a table is a cell, not a heading
        number = body.count("\n", 0, m.start())
        return number > 0 and "|" in lines[number] and "|" in lines[number - 1]

    problems, opened = [], []
    for m in found(BLOCK_TAG):
        if not m["end"]:
            opened.append(m)
        elif any(o["tag"].lower() == m["tag"].lower() for o in opened):
            while (first := opened.pop())["tag"].lower() != m["tag"].lower():
                pass  # an element opened inside it and not closed: named below if nothing else closes it
            if not opened and (first.start() == 0 or body[first.start() - 1] == "\n") and "markdown=" not in first["attrs"]:
                skipped.append((first.start(), m.end()))  # a raw HTML block: Markdown is not read in it
        else:
            problems.append(at(m, f"</{m['tag']}> closes no <{m['tag']}>"))
    problems += [at(m, f"<{m['tag']}> is never closed: write </{m['tag']}> where it ends, or the rest of the page "
                       "is read as HTML, not Markdown") for m in opened]
    problems += [at(m, "this heading has no id: end it with {#an-id}, the same in both languages (AUTHORING.md)")
                 for m in found(HEADING) if m.start() not in with_id and not in_table(m)]
    problems += [at(m, "this underlined heading has no place in the guide: write it as '## Title {#an-id}' (AUTHORING.md)")
                 for m in found(SETEXT)]
    for m in found(BOX):
        following = body[m.end():].lstrip("\n").split("\n", 1)[0].expandtabs(4)
        if not BOX_LINE.fullmatch(m.group(0)):
            problems.append(at(m, 'a box is written !!! type "Title", its title in quotes (AUTHORING.md); '
                                  "without them readers see the type's English name"))
        elif not following.strip() or len(following) - len(following.lstrip()) < len(m.group(0)) - len(m.group(0).lstrip()) + 4:
            problems.append(at(m, "this box has no text: indent its text by four spaces below this line"))
    return problems


def compare_heading_ids(translated: str, english: str, path: str, english_path: str) -> list[Problem]:
    """A translated page has the English page's heading ids, once each, in the same order. Each
    difference is named where it is: an id used twice, left out, added, moved or changed
    (difflib lines the two lists up)."""
    ours, theirs = heading_ids(translated), heading_ids(english)
    our_ids, their_lines = [i for i, _ in ours], dict(reversed(theirs))
    problems = [Problem(path, line, f"heading id '{own}' is used twice on this page")
                for n, (own, line) in enumerate(ours) if own in our_ids[:n]]
    matcher = difflib.SequenceMatcher(a=our_ids, b=[i for i, _ in theirs], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1 and not set(our_ids[i1:i2]) & set(their_lines):
            problems += [Problem(path, line, f"heading id '{own}' differs from the English page's '{other}' ({english_path}:{other_line})")
                         for (own, line), (other, other_line) in zip(ours[i1:i2], theirs[j1:j2])]
            continue
        for own, line in ours[i1:i2] if op in ("replace", "delete") else []:
            if our_ids.count(own) > 1:
                continue  # named above, as used twice
            problems.append(Problem(path, line, f"heading id '{own}' is in another place on the English page ({english_path}:"
                                                f"{their_lines[own]})" if own in their_lines else
                                                f"heading id '{own}' is not on the English page {english_path}"))
        at, where = (ours[i1][1], " before this heading") if i1 < len(ours) else \
            ((ours[-1][1], " after this heading") if ours else (1, ""))
        problems += [Problem(path, at, f"heading id '{other}' of the English page ({english_path}:{other_line}) is missing{where}")
                     for other, other_line in theirs[j1:j2] if op in ("replace", "insert") and other not in our_ids]
    return sorted(set(problems))


# Translation freshness

def text_of(page: Path | bytes) -> str:
    """A page's text (or a version's, from git) for comparing versions, with \n line ends as MkDocs
    reads it: never fails (a bad byte becomes U+FFFD)."""
    return newlines((page if isinstance(page, bytes) else page.read_bytes()).decode("utf-8-sig", "replace"))


def _normal(text: str) -> str:
    return newlines(text.lstrip("\ufeff"))


def source_hash(english_text: str) -> str:
    """A short, stable fingerprint of what a translation translates: an English page's title,
    description and body (the review dates, other front matter and line-end spaces ignored)."""
    block, body, _offset = split_front_matter(_normal(english_text))
    try:
        meta = load_yaml(block, "", first_line=2)[0] if block else {}
    except ProblemsFound:
        meta = {}
    words = [str(meta.get(key, "")) for key in ("title", "description")] if isinstance(meta, dict) else []
    normalized = "\n".join(words + [line.rstrip() for line in body.strip().splitlines()])
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:12]


def recorded_hash(translated_text: str) -> str | None:
    block, _body, _offset = split_front_matter(_normal(translated_text))
    match = HASH_FIELD.search(block or "")
    return match.group("hash") if match else None


def translated_path(english: Path, lang: str) -> Path:
    return english.with_name(f"{english.stem}.{lang}.md")


LANGUAGE_SUFFIX = re.compile(r"\.(?P<lang>[a-z]{2})\.md$")  # docs/x.de.md


def file_language(name: str) -> str | None:
    """The language suffix of a page file's name ('de' for x.de.md), None for x.md or v1.2.md."""
    match = LANGUAGE_SUFFIX.search(name)
    return match.group("lang") if match else None


def english_path(translated: Path) -> Path:
    """x.de.md -> x.md (x.md and v1.2.md stay as they are)."""
    return translated.with_name(LANGUAGE_SUFFIX.sub(".md", translated.name))


def page_state(english_text: str, recorded: str | None) -> str:
    """'current' when the recorded hash matches the English page, else 'outdated'."""
    return "current" if recorded and recorded == source_hash(english_text) else "outdated"


def mark_current(translated: Path) -> str:
    """Write the English page's current hash into the translated page's front matter,
    keeping a byte-order mark and CRLF line ends as they were."""
    raw = translated.read_bytes()
    bom, crlf = raw.startswith(b"\xef\xbb\xbf"), b"\r\n" in raw
    text = decode(raw, str(translated))
    digest = source_hash(decode(english_path(translated).read_bytes(), str(english_path(translated))))
    match = FRONT_MATTER.match(text)
    if not match:
        text = f"---\ntranslation_of: {digest}\n---\n\n{text}"
    elif HASH_FIELD.search(match.group(1)):
        text = f"---\n{HASH_FIELD.sub(f'translation_of: {digest}', match.group(1))}---\n" + text[match.end():]
    else:
        text = f"---\n{match.group(1)}translation_of: {digest}\n---\n" + text[match.end():]
    if crlf:
        text = text.replace("\n", "\r\n")
    translated.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return digest


def english_at_recorded_version(repo: Path, english: Path, recorded: str) -> str | None:
    """The English text as it was when the translation was made, found in git history."""
    rel = english.resolve().relative_to(repo.resolve()).as_posix()
    commits = subprocess.run(["git", "log", "--format=%H", "--", rel], cwd=repo, capture_output=True, text=True).stdout.split()
    for commit in commits:
        old = subprocess.run(["git", "show", f"{commit}:{rel}"], cwd=repo, capture_output=True)
        text = text_of(old.stdout)
        if old.returncode == 0 and source_hash(text) == recorded:
            return text
    return None


def page_states(docs: Path, lang: str) -> dict[str, list[str]]:
    """English pages sorted into current / outdated / missing for one language."""
    states: dict[str, list[str]] = {"current": [], "outdated": [], "missing": []}
    for english in sorted(docs.rglob("*.md")):
        if file_language(english.name):
            continue
        translated = translated_path(english, lang)
        rel = translated.relative_to(docs.parent).as_posix()
        if not translated.exists():
            states["missing"].append(rel)
            continue
        states[page_state(text_of(english), recorded_hash(text_of(translated)))].append(rel)
    return states


def status_report(root: Path, languages: list[str]) -> dict:
    """Translation status per language, as plain data (also `dev.py status --json`)."""
    from hairguide.catalog import catalog_counts, catalog_path

    report = {}
    for lang in languages:
        try:
            strings = catalog_counts(catalog_path(lang, root), lang)
            state = "present" if strings is not None else "missing"
        except ProblemsFound as found:
            strings, state = None, f"invalid ({found.problems[0]}{' and more' if len(found.problems) > 1 else ''})"
        pages = page_states(root / "docs", lang)
        counted = strings or {"translated": 0, "fuzzy": 0, "untranslated": 0}
        total = sum(counted.values()) + sum(len(v) for v in pages.values())
        done = counted["translated"] + len(pages["current"])
        report[lang] = {"catalog": state, "strings": counted, "pages": {k: len(v) for k, v in pages.items()},
                        "page_files": pages, "percent": 100 * done // total if total and strings is not None else 0}  # 100 only when done
    return report
