"""The whole built seeds site: every link and source inside it resolves (anchors included),
every page parses as HTML5 without a single error, every JSON-LD block parses and has
@type, and nothing is loaded from outside the site."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import html5lib
import pytest


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src", "action"):
            if attrs.get(name):
                self.refs.append((tag, attrs[name]))


def parsed(path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def pages(built_site):
    return sorted(built_site.rglob("*.html"))


def test_every_link_and_anchor_inside_the_site_resolves(built_site):
    checked, broken = 0, []
    ids = {p: parsed(p).ids for p in pages(built_site)}
    for page in pages(built_site):
        for tag, ref in parsed(page).refs:
            if ref.startswith("https://example.org/kb/"):  # the 404 page links absolutely to the site's address
                ref = "/" + ref.removeprefix("https://example.org/kb/")
                target_base = built_site
            elif re.match(r"^[a-z]+:", ref):
                assert tag == "a" and ref.startswith(("http://", "https://", "mailto:")), (page, ref)
                continue
            else:
                target_base = page.parent
            parts = urlsplit(ref)
            target = (target_base / unquote(parts.path.lstrip("/"))).resolve() if parts.path else page
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(built_site)}: {ref}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids.get(target, parsed(target).ids):
                broken.append(f"{page.relative_to(built_site)}: {ref} (no such anchor)")
    assert checked > 500 and not broken, broken[:10]


def test_nothing_is_loaded_from_outside_the_site(built_site):
    """Scripts, styles and images come from the site itself (relative, or on the 404 page
    from the site's own address); an <a> may point anywhere."""
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|img|iframe|source)[^>]+src="([^"]+)"', html)
        loaded += re.findall(r'<link rel="(?:stylesheet|icon|preload)"[^>]+href="([^"]+)"', html)
        for ref in loaded:
            assert not re.match(r"^[a-z]+:", ref) or ref.startswith("https://example.org/kb/"), (page, ref)


@pytest.mark.parametrize("strict", [True])
def test_every_page_is_valid_html5(built_site, strict):
    for page in pages(built_site):
        parser = html5lib.HTMLParser(strict=strict)
        try:
            parser.parse(page.read_bytes())
        except html5lib.html5parser.ParseError as exc:
            raise AssertionError(f"{page.relative_to(built_site)}: {exc}") from None


def test_every_json_ld_block_parses_and_has_a_type(built_site):
    blocks = 0
    for page in pages(built_site):
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.DOTALL):
            data = json.loads(block)
            assert data.get("@type") and data.get("@context") == "https://schema.org", page
            blocks += 1
    assert blocks >= len(pages(built_site)) // 2
