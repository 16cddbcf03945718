"""Japanese search in Debian's chromium, over http and from file://, as a reader uses it:
type in the header box, press Enter, follow the first result."""

from __future__ import annotations

import json

import pytest
from conftest import PHONE, follow, screenshot


def entity_url(built_site, spelling: str) -> str:
    kb = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    return next(e["url"] for e in kb["entities"] if spelling in [e["name"], *e["aliases"]])


def home(site_url, built_site, over: str) -> str:
    return site_url + "index.html" if over == "http" else built_site.joinpath("index.html").as_uri()


@pytest.mark.parametrize("over", ["http", "file"])
@pytest.mark.parametrize("query, spelling", [("アルトマン", "アルトマン"), ("エヌビディア", "エヌビディア"), ("日経平均", "日経平均株価")])
def test_a_query_leads_to_the_right_page(page, site_url, built_site, over, query, spelling):
    page.goto(home(site_url, built_site, over))
    page.fill("#q", query)
    page.press("#q", "Enter")
    first = page.locator("#search-results li").first
    first.wait_for()
    assert first.locator(".tag").inner_text()  # the page type is shown
    assert first.locator(".snippet mark").count() == 1  # and a highlighted snippet
    follow(page, first.locator("a"))
    assert page.url.endswith(entity_url(built_site, spelling))
    assert spelling in page.locator("h1").inner_text() or spelling in page.locator("dl.infobox").inner_text()


def test_one_spelling_finds_pages_written_with_another(page, site_url, built_site):
    page.goto(site_url + "search.html?q=エヌビディア")
    page.locator("#search-results li").first.wait_for()
    marks = page.locator("#search-results .snippet mark").all_inner_texts()
    assert any(m.lower() == "nvidia" for m in marks), marks  # the article says NVIDIA/Nvidia, not エヌビディア


def test_latin_is_case_insensitive_and_parts_of_words_match(page, site_url):
    for query in ("nvidia", "NVIDIA", "導体"):
        page.goto(site_url + "search.html?q=" + query)
        assert page.locator("#search-results li").first.is_visible(), query
    page.goto(site_url + "search.html?q=導体")
    assert "半導体" in page.locator("#search-results .snippet").first.inner_text()


def test_no_hits_says_so_and_typing_searches_live(page, site_url):
    page.goto(site_url + "search.html?q=存在しない言葉")
    assert "一致するページはありません" in page.locator("#search-status").inner_text()
    assert page.locator("#search-results li").count() == 0
    page.fill("#search-q", "アルトマン")
    page.locator("#search-results li").first.wait_for()
    screenshot(page, "search-desktop")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(page, "search-phone")
