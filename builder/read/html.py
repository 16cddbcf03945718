"""Saved web pages (`.html`, `.htm`) → the article's metadata and its blocks.

A page saved from a browser is mostly not the article: navigation, share buttons,
breadcrumbs, related-article lists, rankings, comments and footers surround it.
Telling the article from its surroundings is what trafilatura does (it is the
maintained reference for news main text and metadata; htmldate, its companion,
finds the date). Each page is parsed once, adjusted where trafilatura is known to
go wrong (`_prepare`), and extracted in one `bare_extraction` call, whose `body`
tree gives the structure: headings, paragraphs, list items, tables and quotes.

Nothing here fetches anything: the page comes as bytes, is decoded here (the
page's declared charset, else `decode.decode`'s detection) and handed over as a
parsed tree, which neither trafilatura nor htmldate ever treats as an address.
"""

from __future__ import annotations

import codecs
import json
import re

import trafilatura
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.settings import Document

from builder.errors import InputError
from builder.read.dates import calendar_date
from builder.read.decode import LEGACY, UTF8, Decoded, decode, normalise_newlines, utf8
from builder.read.metadata import Metadata

# htmldate's options (trafilatura's `date_extraction_params`). Its default latest
# acceptable date is the end of *today*, so a page would lose its date depending on the
# day of the build: a fixed far date instead. Its "extensive search" guesses a date from
# any text on the page (a list of other articles, a copyright line): off, since a wrong
# date is worse than none. And the date the article was first published, not the last
# time it was touched.
DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}

PRESCAN = 4096  # bytes in which a page declares its charset (the HTML spec's prescan reads 1024)
CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# labels Japanese pages use that Python does not know, or knows as a stricter codec:
# Windows' Shift_JIS (CP932) is what every "Shift_JIS" page really is (①, 髙, NEC symbols)
CODECS = {"shift_jis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932", "x-euc-jp": "euc_jp"}
NAMES = {"utf_8": UTF8, **dict(LEGACY)}
TAG = re.compile(r"<[A-Za-z][^<>]*>")
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s>]+?)\s*-->", re.IGNORECASE)

# A table whose cells hold headings, paragraphs, lists or other tables lays out the page
# (older sites put their menu and the article side by side in one): trafilatura keeps
# such a table whole, menu and all. As plain blocks, its parts are judged one by one.
LAYOUT_TABLES = XPath("//table[.//h1 or .//h2 or .//h3 or .//h4 or .//h5 or .//h6 or .//p"
                      " or .//ul or .//ol or .//blockquote or .//table]")
OWN_CELLS = XPath("./tr | ./*/tr | ./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th | ./thead | ./tbody | ./tfoot")
# A <time> inside a link, or in an entry of a list of links, dates the page linked to.
# htmldate reads every <time> on the page and, asked for the original date, takes the
# oldest: the related articles' dates would win over the article's own.
LINKED_DATES = XPath("//time[ancestor::a[@href] or ancestor::*[self::li or self::dt or self::dd][1]/..//a[@href]]")

KINDS = {"head": "heading", "p": "paragraph", "ab": "paragraph", "code": "paragraph", "item": "list_item"}
INLINE_ONLY = {"list", "table", "quote"}  # block children left to the walk, not part of an element's own text
CELL_SEPARATOR = " | "
SPACE = re.compile(r"\s+")


def read_html(raw: bytes, shown: str) -> tuple[Metadata, list[tuple[str, str]], str]:
    """(metadata, blocks, encoding name) of a saved web page; blocks are (kind, text) with kind in
    "heading", "paragraph", "list_item", in reading order, text plain (no markup)."""
    decoded = decode_page(raw, shown)
    tree = _parse(decoded.text, shown)
    canonical, fallback = _canonical(tree), _json_ld_url(tree) or _saved_from(decoded.text)  # before trafilatura prunes the tree
    document = trafilatura.bare_extraction(
        _prepare(tree), with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, include_formatting=False,
        date_extraction_params=DATE_PARAMS,
    )
    blocks = _blocks(document.body) if document is not None and document.body is not None else []
    title = _clean(document.title) if document is not None else None
    if not blocks:
        raise InputError(shown, None, "no article text found in this page")
    return _meta(document, title, canonical, fallback), blocks, decoded.encoding


# --- bytes → text ---------------------------------------------------------------------------

def decode_page(raw: bytes, shown: str) -> Decoded:
    """The page's text: a byte-order mark wins; then bytes that are valid UTF-8 are UTF-8 (a page
    converted to UTF-8 often keeps its old `<meta charset="Shift_JIS">`, while Japanese text in
    a legacy encoding is never valid UTF-8, and UTF-8 bytes can pass for CP932); then the
    charset the page declares, decoded strictly; otherwise, or if the bytes do not fit it,
    `decode`'s detection."""
    label = _declared_charset(raw)
    codec = _codec(label) if label else None
    # decode() reads UTF-8 first: a page without a declaration or declaring UTF-8 goes straight there
    if label is None or codec == "utf_8" or raw.startswith(codecs.BOM_UTF8) or utf8(raw) is not None:
        return decode(raw, shown)
    misfit = None
    if codec not in (None, "utf_8"):
        try:
            return Decoded(normalise_newlines(raw.decode(codec)), NAMES.get(codec, label.upper()))
        except UnicodeDecodeError as exc:
            misfit = exc
    try:
        return decode(raw, shown)
    except InputError as failed:
        if misfit is not None:
            line = raw[: misfit.start].count(b"\n") + 1
            raise InputError(shown, line, f"not {label} text as the page declares (byte 0x{raw[misfit.start]:02x}), "
                                          "and not readable as UTF-8, Shift_JIS or EUC-JP either; save the page as UTF-8") from None
        if codec is None:
            raise InputError(shown, failed.line, f"the page declares a charset Python does not know ({label}), and it is "
                                                 "not UTF-8, Shift_JIS or EUC-JP text either; save the page as UTF-8") from None
        raise


def _declared_charset(raw: bytes) -> str | None:
    """The charset a `<meta charset>` or `<meta http-equiv="Content-Type">` near the top names."""
    m = CHARSET.search(raw[:PRESCAN])
    return m.group(1).decode("ascii") if m else None


def _codec(label: str) -> str | None:
    """Python's codec for a charset label, None when Python has none."""
    try:
        codec = codecs.lookup(CODECS.get(label.lower(), label)).name.replace("-", "_")
    except LookupError:
        return None
    codec = CODECS.get(codec, codec)
    # a page that names UTF-16 in ASCII bytes is not UTF-16 (the HTML spec reads it as UTF-8)
    return "utf_8" if codec.startswith(("utf_16", "utf_32")) else codec


# --- the tree ---------------------------------------------------------------------------------

def _parse(text: str, shown: str) -> HtmlElement:
    """The page's tree, parsed as trafilatura parses. trafilatura refuses a document without
    <html> that has a single top element; such a fragment (an article saved without the page
    around it) is read wrapped in one. Text without any markup is not a web page."""
    tree = trafilatura.load_html(text)
    if tree is None and TAG.search(text):
        tree = trafilatura.load_html(f"<html><body>{text}</body></html>")
    if tree is None:
        raise InputError(shown, None, "not a web page: no HTML markup found")
    return tree


def _prepare(tree: HtmlElement) -> HtmlElement:
    """`tree` with its layout tables turned into plain blocks and other pages' dates unmarked
    (their text kept): see LAYOUT_TABLES and LINKED_DATES."""
    for table in LAYOUT_TABLES(tree):
        for part in [table, *OWN_CELLS(table)]:
            part.tag = "div"
    for time in LINKED_DATES(tree):
        time.drop_tag()
    return tree


def _canonical(tree: HtmlElement) -> str | None:
    """The page's `<link rel="canonical">`, if it is an absolute web address (trafilatura would
    take og:url first, which may carry a share-tracking query)."""
    link = tree.find('.//link[@rel="canonical"]')
    return _web_address(link.get("href")) if link is not None else None


ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting", "Report"}
JSON_LD = XPath('//script[@type="application/ld+json"]')


def _json_ld_url(tree: HtmlElement) -> str | None:
    """The address a page's JSON-LD gives its article (`url`, else `mainEntityOfPage`), which
    trafilatura does not read: a page whose only metadata is JSON-LD keeps its address."""
    for script in JSON_LD(tree):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if not isinstance(item, dict) or not set(_as_list(item.get("@type"))) & ARTICLE_TYPES:
                continue
            page = item.get("mainEntityOfPage")
            for url in (item.get("url"), page.get("@id") if isinstance(page, dict) else page):
                if found := _web_address(url):
                    return found
    return None


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _saved_from(text: str) -> str | None:
    """The address in the `<!-- saved from url=(0048)https://... -->` a browser writes on saving."""
    m = SAVED_FROM.search(text[:PRESCAN])
    return m.group(1) if m else None


# --- trafilatura's body → blocks -------------------------------------------------------------

def _blocks(body: HtmlElement) -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = []
    _walk(body, blocks)
    return blocks


def _walk(element: HtmlElement, blocks: list[tuple[str, str]]) -> None:
    """The blocks in a container (the body, a div, list, quote, table, cell), in reading order;
    text loose in it is a paragraph."""
    _add(blocks, "paragraph", _squash(element.text))
    for child in element:
        if child.tag in KINDS:
            for line in _own_text(child).split("\n"):
                _add(blocks, KINDS[child.tag], line)
            for nested in child:
                if nested.tag in INLINE_ONLY:
                    _walk(nested, blocks)  # a list inside a list item
        elif child.tag == "row" and not any(_has_blocks(cell) for cell in child):
            _add(blocks, "paragraph", CELL_SEPARATOR.join(filter(None, (_squash(_own_text(c)) for c in child))))
        else:
            _walk(child, blocks)
        _add(blocks, "paragraph", _squash(child.tail))


def _own_text(element: HtmlElement) -> str:
    """The text of an element without its block children, a line break (<lb/>, a <br> in the
    page) as "\\n": older pages separate paragraphs with <br> rather than <p>."""
    parts = [_squash(element.text)]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in INLINE_ONLY:
            parts.append(_own_text(child))
        parts.append(_squash(child.tail))
    return "".join(parts)


def _has_blocks(cell: HtmlElement) -> bool:
    return any(child.tag in KINDS or child.tag in INLINE_ONLY for child in cell)


def _squash(text: str | None) -> str:
    return SPACE.sub(" ", text) if text else ""


def _add(blocks: list[tuple[str, str]], kind: str, text: str) -> None:
    text = text.strip()
    if text:
        blocks.append((kind, text))


# --- metadata ------------------------------------------------------------------------------

def _meta(document: Document, title: str | None, canonical: str | None, fallback: str | None) -> Metadata:
    date = calendar_date(document.date) if document.date else None
    return Metadata(
        title=title,
        date=date,
        publisher=_publisher(document.sitename),
        url=canonical or _clean(document.url) or fallback,  # trafilatura keeps only an http(s) og:url
        author=_author(document.author),
        tags=_tags([*(document.tags or ()), *(document.categories or ())]),
        date_from="html" if date else None,
    )


def _web_address(url: str | None) -> str | None:
    """An http(s) address, or None: the original address is a link on the source page, and a
    `javascript:` one would run in the reader's browser."""
    url = _clean(url)
    return url if url and url.startswith(("http://", "https://")) else None


def _publisher(sitename: str | None) -> str | None:
    """The outlet (og:site_name, JSON-LD publisher, a publisher or copyright meta); not an
    address (`article:publisher` is often the outlet's Facebook page)."""
    name = _clean(sitename)
    return None if name is None or name.startswith(("http://", "https://")) else name


def _author(author: str | None) -> str | None:
    """trafilatura's author, unless it is only punctuation left of a byline (such as "（")."""
    author = _clean(author)
    return author if author and any(ch.isalnum() for ch in author) else None


def _tags(values: list[str]) -> tuple[str, ...]:
    """Tags and categories, each once: trafilatura keeps a keywords meta as one "a,b,c" string."""
    tags = (_clean(t) for value in values for t in re.split(r"[,、，]", value))
    return tuple(dict.fromkeys(t for t in tags if t))


def _clean(value: str | None) -> str | None:
    value = value.strip() if isinstance(value, str) else None
    return value or None
