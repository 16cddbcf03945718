"""An article's text as HTML, every mention a link to its entity page.

The text is untrusted. It is turned into Markdown with every ASCII
punctuation character backslash-escaped (so nothing in it can become
Markdown syntax), HTML disabled, and rendered by markdown-it-py. Each
mention is a Markdown link whose title carries `m-<offset> <type>`; a core
rule moves that into `id` and `class`, so an entity page can link to the
exact spot.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup

_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
BODY_BLOCKS = {"heading": "### ", "paragraph": "", "list_item": "- "}
TITLE_BLOCKS = {"title": "# "}


def escape_md(text: str) -> str:
    return _PUNCT.sub(r"\\\1", text)


def _anchor_rule(state) -> None:
    for block in state.tokens:
        for tok in block.children or ():
            if tok.type == "link_open" and tok.attrs.get("title", "").startswith("m-"):
                anchor, kind = tok.attrs.pop("title").split(" ", 1)
                tok.attrs["id"] = anchor
                tok.attrs["class"] = f"mention t-{kind}"


_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_MD.core.ruler.push("mention_anchors", _anchor_rule)


def _inline(text: str, offset: int, mentions: list[dict], types: dict[str, str], prefix: str) -> str:
    out, pos = [], 0
    for m in mentions:
        start, end = m["start"] - offset, m["end"] - offset
        if start < pos or end > len(text) or m["entity"] not in types:
            continue
        out.append(escape_md(text[pos:start]))
        out.append(f'[{escape_md(text[start:end])}]({prefix}entities/{m["entity"]}.html "m-{m["start"]} {types[m["entity"]]}")')
        pos = end
    out.append(escape_md(text[pos:]))
    return "".join(out)


def article_html(source: dict, types: dict[str, str], prefix: str, blocks: dict[str, str] = BODY_BLOCKS) -> Markup:
    """HTML of a source record's body (or, with TITLE_BLOCKS, its title line);
    `prefix` leads from the page to the site root."""
    text = source["text"]
    mentions = sorted(source["mentions"], key=lambda m: m["start"])
    parts, previous = [], None
    for block in source["blocks"]:
        kind = block["kind"]
        if kind not in blocks:
            continue
        body = text[block["start"] : block["end"]]
        inside = [m for m in mentions if block["start"] <= m["start"] and m["end"] <= block["end"]]
        line = blocks[kind] + _inline(body, block["start"], inside, types, prefix)
        joiner = "\n" if kind == previous == "list_item" else "\n\n"
        parts.append((joiner if parts else "") + line)
        previous = kind
    return Markup(_MD.render("".join(parts)))  # safe: markdown-it escaped every character of the text


_NOTES = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def markdown(text: str) -> Markup:
    """A hand-written description (curation.yaml) as HTML. Raw HTML is off, so tags in it
    are shown as text, and markdown-it refuses javascript: and data: links."""
    return Markup(_NOTES.render(text or ""))
