"""Lines of an article's text → the `Article`: title, blocks, publisher, address and date.

Every format ends here. A plain-text file's text is kept as decoded (line endings
as LF) and its structure is inferred from general line shapes: the first line is
the title, short lines without sentence punctuation are headings, lines starting
with a bullet are list items. Markdown and HTML give each line's kind
themselves (`joined`). In every format a `Source:` line names the publisher, a
bare URL line (or a `Source:` line giving an address) the original address and a
dateline the publication date, unless the front matter or the page's metadata
(`Metadata`) says otherwise; page furniture (share buttons, follow prompts,
comment forms, tables of contents) is dropped by the cue words and the share
lines in `data/furniture.yaml`. Blocks record their character offsets into the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from builder.errors import InputError
from builder.files.datafiles import load_data
from builder.model import Article, Block
from builder.read import datelines, dates
from builder.read.metadata import NO_METADATA, Metadata

BULLET = re.compile(r"^[•・\-*＊●◦▪■□◆◇►▶](?=\s|[^\s・\-*＊])\s*")
SOURCE_LINE = re.compile(r"^(?:Source|SOURCE|source|出典|出所|ソース|配信元)\s*[:：]\s*(.+)$")
URL_LINE = re.compile(r"^(?:(?:URL|元記事|元の記事|記事URL|Source|SOURCE|source|出典|出所|ソース|配信元)\s*[:：]\s*)?(https?://\S+)$")  # 出典: https://… is where, not who
SENTENCE_END = "。．"
CONTINUES = "、，,:：;；"
HEADING_MAX = 40
TITLE_MAX = 60
REST_MAX = 10  # a furniture line is mostly its cue: "よかったらシェアしてね!"
BODY = ("title", "paragraph", "heading", "list_item")

Line = tuple[int, int, str, str | None]  # start, end, the line without surrounding white space, its kind if the format said


def _bare(line: str) -> str:
    """A line without spaces or symbols, case folded: 【共有する】 and "Share :" as the words they are."""
    return "".join(ch for ch in line.casefold() if ch.isalnum())


@lru_cache(maxsize=1)
def _furniture() -> tuple[tuple[str, ...], int, frozenset[str]]:
    data = load_data("furniture.yaml")
    return tuple(data["cues"]), int(data["max_length"]), frozenset(_bare(x) for x in data.get("lines") or ())


def is_furniture(line: str) -> bool:
    """A short line that is a site's chrome rather than the article."""
    cues, max_length, lines = _furniture()
    if len(line) > max_length or any(p in line for p in SENTENCE_END):
        return False
    folded = line.casefold()
    if not any(ch.isalnum() for ch in line) or _bare(line) in lines:
        return True
    return any(cue in folded and len(line) - len(cue) <= REST_MAX for cue in cues)


def lines_of(text: str) -> Iterator[Line]:
    """Each non-blank line of a plain text, kind left to its shape; offsets into `text`."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped[0])
            yield start, start + len(stripped), stripped, None
        pos += len(raw) + 1


def joined(pieces: Iterable[tuple[str, str]]) -> tuple[str, list[Line]]:
    """The text of blocks whose kinds a format gave ((kind, text), e.g. from Markdown), one
    line each, and those lines."""
    parts, lines, pos = [], [], 0
    for kind, piece in pieces:
        piece = " ".join(piece.split("\n")).strip()
        if piece:
            parts.append(piece)
            lines.append((pos, pos + len(piece), piece, kind))
            pos += len(piece) + 1
    return "\n".join(parts) + ("\n" if parts else ""), lines


def _classify(line: str) -> str:
    quoted = line.startswith("「") and line.endswith("」")
    if not quoted and len(line) <= HEADING_MAX and not any(p in line for p in SENTENCE_END) and line[-1] not in CONTINUES:
        return "heading"
    return "paragraph"


def headline(paragraph: str) -> str:
    """A title for an article whose first line is already body text: its first sentence, shortened."""
    first = re.split(r"(?<=[。！？!?])", paragraph, maxsplit=1)[0].rstrip("。")
    return first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1] + "…"


def titled(title: str | None, blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Blocks a format gave (Markdown, a page) led by the title its metadata gives, once: a first
    block that only repeats it (a page's <h1>, a note's # heading) is not a second title."""
    if not title:
        return blocks
    repeats = blocks and " ".join(blocks[0][1].split()) == title
    return [("title", title), *(blocks[1:] if repeats else blocks)]


def with_title(text: str, title: str | None) -> str:
    """`text` led by the title the metadata gives, unless its first line is that title already:
    names in a title are found like names anywhere else."""
    if not title:
        return text
    first = next(lines_of(text), None)
    return text if first and first[2] == title else f"{title}\n\n{text}"


def parse(article_id: str, path: str, text: str, meta: Metadata = NO_METADATA, lines: Iterable[Line] | None = None,
          encoding: str = "UTF-8", kind: str = "text") -> Article:
    """The article in `text` (its `lines`, by default every line of a plain text), with what
    `meta` gives winning over what the lines suggest."""
    lines = list(lines_of(text) if lines is None else lines)
    found = datelines.find([line for _, _, line, _ in lines])
    blocks: list[Block] = []
    publisher = url = None
    has_body = False
    for n, (start, end, line, given) in enumerate(lines):
        if found and n in found.lines:
            continue
        if (m := URL_LINE.match(line)) and url is None:
            url = m.group(1)
            continue
        if (m := SOURCE_LINE.match(line)) and publisher is None and not URL_LINE.match(line):
            publisher = m.group(1).strip()
            blocks.append(Block("source", start, end, line))
            continue
        if given is None and (m := BULLET.match(line)) and len(line) > m.end():
            start, line = start + m.end(), line[m.end():]
            block_kind = "list_item"
        else:
            block_kind = given or _classify(line)
        if is_furniture(line):
            continue
        if not has_body and (line == meta.title if meta.title else block_kind == "heading"):
            block_kind = "title"
        has_body = True
        blocks.append(Block(block_kind, start, end, line))
    body = [b for b in blocks if b.kind != "source"]
    if not body:
        raise InputError(path, 1, "no article text: every line looks like page furniture")
    date, date_from = (meta.date, meta.date_from) if meta.date else ((found.iso, "text") if found else (None, None))
    title = meta.title or (body[0].text if body[0].kind == "title" else headline(body[0].text))
    return Article(
        id=article_id, path=path, text=text, title=title, publisher=meta.publisher or publisher, date=date,
        url=meta.url or url, blocks=tuple(blocks), dates=tuple(dates.all_dates(text, date)), date_from=date_from,
        author=meta.author, tags=meta.tags, encoding=encoding, format=kind,
    )
