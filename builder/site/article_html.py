"""An article's text as HTML, every mention a link to its entity page.

The text is untrusted and is plain text, not Markdown: its structure (title,
headings, list items, paragraphs) was found by ingest, so each block becomes
its element here and every character of the text goes through markupsafe's
escape — nothing in an article can become markup. Each mention is a link with
`id="m-<offset>"`, so an entity page can link to the exact spot. (Rendering
this through a Markdown parser instead cost 7 ms an article in link parsing.)

Hand-written descriptions are Markdown and do go through markdown-it-py.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

BODY_BLOCKS = {"heading": "h3", "paragraph": "p", "list_item": "li"}
TITLE_BLOCKS = {"title": "h1"}


def _inline(text: str, offset: int, mentions: list[dict], types: dict[str, str], prefix: str) -> str:
    out, pos = [], 0
    for m in mentions:
        start, end = m["start"] - offset, m["end"] - offset
        if start < pos or end > len(text) or m["entity"] not in types:
            continue
        out.append(escape(text[pos:start]))
        out.append(f'<a href="{escape(prefix)}entities/{escape(m["entity"])}.html" id="m-{int(m["start"])}" '
                   f'class="mention t-{escape(types[m["entity"]])}">{escape(text[start:end])}</a>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def article_html(source: dict, types: dict[str, str], prefix: str, blocks: dict[str, str] = BODY_BLOCKS) -> Markup:
    """HTML of a source record's body (or, with TITLE_BLOCKS, its title line);
    `prefix` leads from the page to the site root. Consecutive list items share a <ul>."""
    text = source["text"]
    mentions = sorted(source["mentions"], key=lambda m: m["start"])
    parts, in_list, first = [], False, 0
    for block in source["blocks"]:
        tag = blocks.get(block["kind"])
        if tag is None:
            continue
        if (tag == "li") != in_list:
            parts.append("<ul>\n" if not in_list else "</ul>\n")
            in_list = not in_list
        while first < len(mentions) and mentions[first]["start"] < block["start"]:
            first += 1
        inside, k = [], first
        while k < len(mentions) and mentions[k]["start"] < block["end"]:
            if mentions[k]["end"] <= block["end"]:
                inside.append(mentions[k])
            k += 1
        raw = text[block["start"] : block["end"]]
        lead = len(raw) - len(raw.lstrip())
        parts.append(f"<{tag}>{_inline(raw.strip(), block['start'] + lead, inside, types, prefix)}</{tag}>\n")
    if in_list:
        parts.append("</ul>\n")
    return Markup("".join(parts))  # safe: every character of the text went through escape()


_NOTES = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def markdown(text: str) -> Markup:
    """A hand-written description (curation.yaml) as HTML. Raw HTML is off, so tags in it
    are shown as text, and markdown-it refuses javascript: and data: links."""
    return Markup(_NOTES.render(text or ""))
