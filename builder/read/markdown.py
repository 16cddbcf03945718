r"""A Markdown article's body → its blocks of plain text, for `plain.joined`.

markdown-it-py parses CommonMark plus tables and ~~strikethrough~~. What is kept
is what a reader of the article reads, as sentences the analyzer can find names in:

- headings (`#`, setext) are headings, paragraphs paragraphs, each list item (bullet
  or ordered, at any depth) one list item — its paragraphs joined, since an item is
  one point; an item's nested list follows it as items of their own; a task list's
  `[ ]`/`[x]` box is dropped. A block quote is transparent: a quoted paragraph is a
  paragraph. A table row is one paragraph, its non-empty cells joined by ` | `,
  which keeps the columns apart where a cell has spaces in it (Zeta Labs).
- inline, the text without its markup: emphasis, links (their text, not the
  address; an autolink's text is its address), inline code (its content, often a
  product name), raw HTML (the tags dropped, the text between them kept; `<br>` is
  a line break), character references decoded. CommonMark does not take `**` as
  bold where a punctuation mark inside it meets a letter outside (従来比**20%**向上,
  **「Zeta-7B」**を) — the usual way Japanese is written — so a `**` or `~~` left in
  the text is dropped too (an escaped `\*\*` stays). Obsidian's `[[page|label]]`
  keeps what it shows; Hugo's shortcodes (`{{< figure src="a.jpg" >}}`, each on one
  line) are dropped, the text between a pair kept.
- dropped: images and Obsidian's `![[embeds]]` (alt text is a file name, 画像 or
  a repeat of the caption, and kept inline it would be spliced into the sentence
  around it; a caption written as text is kept), code blocks (not sentences: their
  identifiers would be read as names), HTML blocks (embeds, comments such as
  `<!--more-->`, layout wrappers — text written between a wrapper's tags after a
  blank line is Markdown again, and kept).

A line break inside a paragraph is where the author's editor wrapped the line, not
a space in the sentence: Japanese is written without spaces, so a break with a
wide character (kana, kanji, full-width forms) on either side joins them with
nothing (米Zeta Labsは / 発表した), and a break between two narrow ones — Latin
words — is one space, as CSS's segment-break rule does it.
"""

from __future__ import annotations

import re
import unicodedata

from markdown_it import MarkdownIt
from markdown_it.token import Token

# text_join off: an escaped character or a character reference stays a token of its own
# (`text_special`), so `\*\*` written on purpose is not taken for a stray marker (`_STRAY`)
_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")
CELL_SEPARATOR = " | "
_BREAK = re.compile(r"\s*\n\s*")
_SPACES = re.compile(r"[ \t]{2,}")  # left where an image or a tag between two spaces was dropped
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# {{< tweet 123 >}}, {{% note %}}: taken out of the body before parsing, since to Markdown the
# `<note>` of {{<note>}} is an HTML tag
_SHORTCODE = re.compile(r"\{\{[<%].*?[%>]\}\}")
_STRAY = re.compile(r"\*\*+|~~+")
_TASK = re.compile(r"\[[ xX]\]\s+")  # a task list's box: - [ ] 続報を確認
_WIKILINK = re.compile(r"(!?)\[\[([^\[\]|#]*)(?:#([^\[\]|]*))?(?:\|([^\[\]]*))?\]\]")  # ![[embed]], [[page#heading|label]]


def blocks(body: str) -> list[tuple[str, str]]:
    """(kind, text) for each block of a Markdown body, in order: kind "heading", "paragraph" or
    "list_item"; text is plain text, with no Markdown syntax left, on one line. Empty blocks
    are left out."""
    found: list[tuple[str, str]] = []
    items: list[list[str]] = []  # the paragraphs of each open list item not yet given, innermost last
    cells: list[str] = []
    opened = ""

    def item_done() -> None:
        if items and items[-1]:
            text = _joined("\n".join(items[-1]))
            found.append(("list_item", text[m.end():] if (m := _TASK.match(text)) else text))
            items[-1] = []

    for token in _PARSER.parse(_SHORTCODE.sub("", body)):
        if token.type == "list_item_open":
            items.append([])
        elif token.type == "list_item_close":
            item_done()
            items.pop()
        elif token.type in ("bullet_list_open", "ordered_list_open", "heading_open"):
            item_done()  # an item's own text comes before its nested list
        elif token.type == "tr_open":
            cells = []
        elif token.type == "tr_close":
            found.append(("paragraph", CELL_SEPARATOR.join(cell for cell in cells if cell)))
        elif token.type == "inline":
            text = _inline(token.children or [])
            if opened == "heading_open":
                found.append(("heading", text))
            elif opened in ("th_open", "td_open"):
                cells.append(text)
            elif items:
                items[-1].append(text)
            else:
                found.append(("paragraph", text))
        opened = token.type
    return [(kind, text) for kind, text in found if text]


def _inline(tokens: list[Token]) -> str:
    parts = []
    for token in tokens:
        if token.type == "text":
            parts.append(_STRAY.sub("", token.content))
        elif token.type in ("text_special", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak") or (token.type == "html_inline" and _BR.fullmatch(token.content)):
            parts.append("\n")
    return _joined(_WIKILINK.sub(_wikilink_text, "".join(parts)))


def _wikilink_text(m: re.Match) -> str:
    embed, page, heading, label = m.groups()
    return "" if embed else (label or page or heading or "")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("F", "W", "H")


def _joined(text: str) -> str:
    """`text` on one line: each line break (with the white space around it) joins the
    characters on its two sides with nothing if either is wide, else with one space."""
    text = _SPACES.sub(" ", text.strip())
    return _BREAK.sub(lambda m: "" if _wide(text[m.start() - 1]) or _wide(text[m.end()]) else " ", text)
