"""Read one plain-text article, as copied from the web, into an `Article`.

The text is kept exactly as decoded (without a BOM); every block records its
character offsets into it. Structure is inferred from general line shapes:
the first line is the title, short lines without sentence punctuation are
headings, lines starting with a bullet are list items, a `Source:` line names
the publisher. Page furniture (share buttons, follow prompts, comment forms,
tables of contents) is dropped by the cue words in `data/furniture.yaml`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from builder import dates
from builder.datafiles import load_data
from builder.errors import InputError
from builder.model import Article, Block

BULLET = re.compile(r"^[•・\-*＊●◦▪■□◆◇►▶](?=\s|[^\s・\-*＊])\s*")
SOURCE_LINE = re.compile(r"^(?:Source|SOURCE|source|出典|出所|ソース|配信元)\s*[:：]\s*(.+)$")
URL_LINE = re.compile(r"^(?:URL\s*[:：]\s*)?(https?://\S+)$")
DATELINE = re.compile(r"^(?:(?:公開|更新|配信|掲載|投稿)(?:日|日時)?\s*[:：]?\s*)?(?:19|20)\d{2}\s*[年/\-.]\s*\d{1,2}\s*[月/\-.]\s*\d{1,2}\s*日?(?:\s*[(（][^)）]{1,3}[)）])?(?:\s*\d{1,2}[:：時]\d{2}分?)?\s*$")
SENTENCE_END = "。．"
CONTINUES = "、，,:：;；"
HEADING_MAX = 40
TITLE_MAX = 60
REST_MAX = 10  # a furniture line is mostly its cue: "よかったらシェアしてね!"


@lru_cache(maxsize=1)
def _furniture() -> tuple[tuple[str, ...], int]:
    data = load_data("furniture.yaml")
    return tuple(data["cues"]), int(data["max_length"])


def read_bytes(path: Path, shown: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(shown, None, f"cannot read file ({exc.strerror})") from None


def decode(path: Path, shown: str, raw: bytes | None = None) -> str:
    """UTF-8 text with or without a BOM; anything else is a user error naming `shown`."""
    if raw is None:
        raw = read_bytes(path, shown)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(shown, line, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the article as UTF-8") from None
    if not text.strip():
        raise InputError(shown, None, "empty article: the file has no text")
    if "\x00" in text:
        raise InputError(shown, text[: text.index("\x00")].count("\n") + 1, "binary data (NUL byte) in a text article")
    return text


def is_furniture(line: str) -> bool:
    """A short line that is a site's chrome rather than the article."""
    cues, max_length = _furniture()
    if len(line) > max_length or any(p in line for p in SENTENCE_END):
        return False
    folded = line.casefold()
    if not any(ch.isalnum() for ch in line):
        return True
    return any(cue in folded and len(line) - len(cue) <= REST_MAX for cue in cues)


def _lines(text: str):
    """(start, end, stripped line) for each non-blank line; offsets into `text`."""
    pos = 0
    for raw in text.split("\n"):
        body = raw.rstrip("\r")
        stripped = body.strip()
        if stripped:
            start = pos + body.index(stripped[0])
            yield start, start + len(stripped), stripped
        pos += len(raw) + 1


def _classify(line: str) -> str:
    quoted = line.startswith("「") and line.endswith("」")
    if not quoted and len(line) <= HEADING_MAX and not any(p in line for p in SENTENCE_END) and line[-1] not in CONTINUES:
        return "heading"
    return "paragraph"


def headline(paragraph: str) -> str:
    """A title for an article whose first line is already body text: its first sentence, shortened."""
    first = re.split(r"(?<=[。！？!?])", paragraph, maxsplit=1)[0].rstrip("。")
    return first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1] + "…"


def parse(article_id: str, path: str, text: str) -> Article:
    """Split decoded text into blocks and pick out title, publisher and dates."""
    blocks: list[Block] = []
    publisher = url = date = None
    for start, end, line in _lines(text):
        if (m := SOURCE_LINE.match(line)) and publisher is None:
            publisher = m.group(1).strip()
            blocks.append(Block("source", start, end, line))
            continue
        if (m := URL_LINE.match(line)) and url is None:
            url = m.group(1)
            continue
        if DATELINE.match(line) and date is None:
            found = dates.absolute_dates(line)
            date = found[0].iso if found else None
            continue
        if (m := BULLET.match(line)) and len(line) > m.end():
            start, line = start + m.end(), line[m.end():]
            kind = "list_item"
        else:
            kind = _classify(line)
        if is_furniture(line):
            continue
        if not any(b.kind in ("title", "paragraph", "heading", "list_item") for b in blocks) and kind == "heading":
            kind = "title"
        blocks.append(Block(kind, start, end, line))
    body = [b for b in blocks if b.kind != "source"]
    if not body:
        raise InputError(path, 1, "no article text: every line looks like page furniture")
    return Article(
        id=article_id,
        path=path,
        text=text,
        title=body[0].text if body[0].kind == "title" else headline(body[0].text),
        publisher=publisher,
        date=date,
        url=url,
        blocks=tuple(blocks),
        dates=tuple(dates.all_dates(text, date)),
    )


def read_article(path: Path, shown: str | None = None, raw: bytes | None = None) -> Article:
    """Decode and parse one `seeds/<id>.txt` (its bytes `raw` if already read); the id is
    the file name without `.txt`."""
    shown = shown or str(path)
    return parse(path.stem, shown, decode(path, shown, raw))
