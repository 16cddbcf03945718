"""An article's text as HTML, every mention a link to its entity page.

The text is untrusted and is plain text, not Markdown: its structure (title,
headings, list items, paragraphs) was found by ingest, so each block becomes
its element here and every character of the text goes through markupsafe's
escape — nothing in an article can become markup. Each mention is a link with
`id="m-<offset>"`, so an entity page can link to the exact spot; each statement's
words are a `<mark class="said">` with `id="s-<offset>"`, followed by a link to
who said them. A mention that crosses a statement's edge is left unlinked. (Rendering
this through a Markdown parser instead cost 7 ms an article in link parsing.)

Hand-written descriptions are Markdown and do go through markdown-it-py.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

BODY_BLOCKS = {"heading": "h3", "paragraph": "p", "list_item": "li"}
TITLE_BLOCKS = {"title": "h1"}
CLOSING = ("」", "”", '"')


def _linked(text: str, offset: int, lo: int, hi: int, mentions: list[dict], k: int, types: dict[str, str], prefix: str) -> tuple[str, int]:
    """text[lo:hi] (offsets of the block, which starts at `offset`), its mentions links; `k`: the
    first of `mentions` (in text order) not yet passed, and the first after this stretch with it,
    so that a block's mentions are walked once however many statements cut it."""
    out, pos = [], lo
    while k < len(mentions) and mentions[k]["start"] - offset < hi:
        m = mentions[k]
        start, end = m["start"] - offset, m["end"] - offset
        if end > hi:
            break  # crosses the stretch's end: the next stretch skips it
        k += 1
        if start < pos or m["entity"] not in types:
            continue
        out.append(escape(text[pos:start]))
        out.append(f'<a href="{escape(prefix)}entities/{escape(m["entity"])}.html" id="m-{int(m["start"])}" '
                   f'class="mention t-{escape(types[m["entity"]])}">{escape(text[start:end])}</a>')
        pos = end
    out.append(escape(text[pos:hi]))
    return "".join(out), k


def _inline(text: str, offset: int, mentions: list[dict], said: list[dict], types: dict[str, str], prefix: str,
            speakers: dict[str, str]) -> str:
    out, pos, k = [], 0, 0
    for st in said:
        start, end = st["start"] - offset, st["end"] - offset
        if start < pos or end > len(text) or st["speaker"] not in speakers:
            continue
        before, k = _linked(text, offset, pos, start, mentions, k, types, prefix)
        k = _past(mentions, k, offset, start)
        inside, k = _linked(text, offset, start, end, mentions, k, types, prefix)
        k = _past(mentions, k, offset, end)
        who = speakers[st["speaker"]]
        close = end + 1 if text[end : end + 1] in CLOSING else end  # the speaker's name after the quote's 」
        out.append(before)
        out.append(f'<mark class="said {escape(st["kind"])}" id="s-{int(st["start"])}" title="{escape(who)}の発言（{escape(st["verb"])}）">'
                   f'{inside}</mark>{escape(text[end:close])}'
                   f'<a class="said-by" href="{escape(prefix)}entities/{escape(st["speaker"])}.html">{escape(who)}</a>')
        pos = close
    out.append(_linked(text, offset, pos, len(text), mentions, k, types, prefix)[0])
    return "".join(out)


def _past(mentions: list[dict], k: int, offset: int, at: int) -> int:
    """The first mention from `k` on that starts at or after `at`: one that crosses a statement's
    edge is left unlinked."""
    while k < len(mentions) and mentions[k]["start"] - offset < at:
        k += 1
    return k


def _within(items: list[dict], first: int, start: int, end: int) -> tuple[int, list[dict]]:
    """The first of `items` (sorted by start) at or after `start`, from `first` on, and those inside [start, end)."""
    while first < len(items) and items[first]["start"] < start:
        first += 1
    inside, k = [], first
    while k < len(items) and items[k]["start"] < end:
        if items[k]["end"] <= end:
            inside.append(items[k])
        k += 1
    return first, inside


def article_html(source: dict, types: dict[str, str], prefix: str, blocks: dict[str, str] = BODY_BLOCKS,
                 speakers: dict[str, str] | None = None) -> Markup:
    """HTML of a source record's body (or, with TITLE_BLOCKS, its title line);
    `prefix` leads from the page to the site root; `speakers`: {entity id: name} of the
    statements to mark (none marked without). Consecutive list items share a <ul>."""
    text = source["text"]
    mentions = sorted(source["mentions"], key=lambda m: m["start"])
    said = sorted(source.get("statements", []), key=lambda st: st["start"]) if speakers else []
    parts, in_list, first, first_said = [], False, 0, 0
    for block in source["blocks"]:
        tag = blocks.get(block["kind"])
        if tag is None:
            continue
        if (tag == "li") != in_list:
            parts.append("<ul>\n" if not in_list else "</ul>\n")
            in_list = not in_list
        first, inside = _within(mentions, first, block["start"], block["end"])
        first_said, said_inside = _within(said, first_said, block["start"], block["end"])
        raw = text[block["start"] : block["end"]]
        lead = len(raw) - len(raw.lstrip())
        parts.append(f"<{tag}>{_inline(raw.strip(), block['start'] + lead, inside, said_inside, types, prefix, speakers or {})}</{tag}>\n")
    if in_list:
        parts.append("</ul>\n")
    return Markup("".join(parts))  # safe: every character of the text went through escape()


_NOTES = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def markdown(text: str) -> Markup:
    """A hand-written description (curation.yaml) as HTML. Raw HTML is off, so tags in it
    are shown as text, and markdown-it refuses javascript: and data: links."""
    return Markup(_NOTES.render(text or ""))
