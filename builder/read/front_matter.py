"""YAML front matter at the top of a text or Markdown article, as Hugo, Jekyll and Obsidian write it.

    ---
    title: 新型電池の量産を前倒し
    date: 2025-01-28T10:15:00+09:00
    publisher: テスト通信
    url: https://example.com/news/1
    author: [山田花子, 佐藤一郎]
    tags: [電池, 量産]
    ---

When is a first line `---` front matter? A plain-text article may open with a
line of dashes as decoration, so the dashes alone do not decide: the file has
front matter when its first line is `---` and the first line after it that is
neither blank nor a `#` comment looks like a YAML `key:` entry — a word that
starts with a letter, in any script, then a colon (`title:`, `作成日:`; not
`12:30`, not `https://`). Otherwise the dashes are text and the file has no front
matter. The block ends at the next line `---` or `...`. Once a file has front
matter, every mistake in it stops the build with the file and line — a key that
is not known or is written twice, a value that cannot be read, no closing line:
each would otherwise be lost without a word.

A value is taken as the text written: `title: 2025` is the title "2025",
and a date reaches `dates.calendar_date` as written (`TextDatesLoader` keeps
YAML from turning it into a date object, or an impossible one into a traceback).
"""

from __future__ import annotations

import re

import yaml

from builder.errors import InputError
from builder.files.yamlio import TextDatesLoader, yaml_error
from builder.read.dates import calendar_date
from builder.read.metadata import NO_METADATA, Metadata

KEYS = ("title", "date", "publisher", "url", "author", "tags")
_OPEN = re.compile(r"---[ \t]*(?:\n|$)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_FIRST_ENTRY = re.compile(r"^[ \t]*([^ \t\n#].*)$", re.MULTILINE)  # not blank, not a comment
_KEY = re.compile(r"[^\W\d][\w-]*[ \t]*:(?!//)")
_HTTP = re.compile(r"https?://[^\s/?#]+\S*")
_NULL = "tag:yaml.org,2002:null"
_DATE_FORMS = "write 2025-01-28, 2025-01-28T10:15:00+09:00 or 2025年1月28日"


def split(text: str, shown: str) -> tuple[Metadata, str]:
    """(metadata, body): the front matter at the top of `text`, if any, and the rest, exactly
    as written after the closing `---` (or `...`) line. Without front matter: (NO_METADATA,
    text). `shown` names the file in errors; their lines are the file's."""
    opening = _OPEN.match(text)
    if opening is None:
        return NO_METADATA, text
    closing = _CLOSE.search(text, opening.end())
    block = text[opening.end() : closing.start() if closing else len(text)]
    first = _FIRST_ENTRY.search(block)
    if first is None or not _KEY.match(first.group(1)):
        return NO_METADATA, text
    if closing is None:
        raise InputError(shown, 1, "the front matter opened by this '---' is never closed: end it with a line '---'")
    meta = _meta(_entries(block, shown), shown)
    return meta, text[closing.end() + 1 :]


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 2  # the block starts on the file's second line


def _entries(block: str, shown: str) -> dict[str, yaml.Node]:
    """Each key's value node, checked: a mapping of known keys, each written once."""
    try:
        node = yaml.compose(block, Loader=TextDatesLoader)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, shown, block, 2, "front matter is not valid YAML") from None  # the block starts on line 2
    if not isinstance(node, yaml.MappingNode):
        raise InputError(shown, _line(node), "front matter must be 'key: value' lines (with a space after the colon)")
    entries: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else block[key.start_mark.index : key.end_mark.index]
        if name not in KEYS:
            raise InputError(shown, _line(key), f"unknown front matter key {name!r} (allowed: {', '.join(KEYS)})")
        if name in entries:
            raise InputError(shown, _line(key), f"{name!r} is written twice in the front matter; keep one")
        entries[name] = value
    return entries


def _text(node: yaml.Node | None, shown: str, rule: str) -> str | None:
    """A scalar's text as written, white space runs as one space; None when empty or null."""
    if node is None or node.tag == _NULL:
        return None
    if isinstance(node, yaml.ScalarNode):
        return " ".join(node.value.split()) or None
    shape = "list" if isinstance(node, yaml.SequenceNode) else "mapping"
    raise InputError(shown, _line(node), f"{rule}, not a {shape}")


def _texts(node: yaml.Node | None, shown: str, rule: str) -> list[str]:
    """The texts of a list, or of a single value written without one."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    return [text for item in items if (text := _text(item, shown, rule))]


def _meta(entries: dict[str, yaml.Node], shown: str) -> Metadata:
    written_date = _text(entries.get("date"), shown, "date must be one date")
    date = calendar_date(written_date) if written_date else None
    if written_date and date is None:
        raise InputError(shown, _line(entries["date"]), f"date {written_date!r} is not a date ({_DATE_FORMS})")
    url = _text(entries.get("url"), shown, "url must be one address")
    if url and not _HTTP.fullmatch(url):
        raise InputError(shown, _line(entries["url"]), f"url {url!r} is not an http(s) address (https://…)")
    authors = _texts(entries.get("author"), shown, "author must be a name or a list of names")
    return Metadata(
        title=_text(entries.get("title"), shown, "title must be text"),
        date=date,
        publisher=_text(entries.get("publisher"), shown, "publisher must be text"),
        url=url,
        author="、".join(authors) or None,
        tags=tuple(dict.fromkeys(_texts(entries.get("tags"), shown, "tags must be text or a list of text"))),  # each once
        date_from="front matter" if date else None,
    )
