"""The built seeds site in Debian's chromium, as a reader uses it: over http and from
file://, the timeline's previews, the colour scheme, a phone-sized screen."""

from __future__ import annotations

import json

import pytest
from conftest import PHONE, follow, screenshot

PAGES = ["index.html", "timeline.html", "entities/{person}.html", "sources/{source}.html", "events/index.html"]


def kb(built_site) -> dict:
    return json.loads((built_site / "kb.json").read_text(encoding="utf-8"))


def some_pages(built_site) -> list[str]:
    data = kb(built_site)
    person = next(e["id"] for e in data["entities"] if e["type"] == "person")
    return [p.format(person=person, source=data["sources"][0]["id"]) for p in PAGES]


@pytest.mark.parametrize("over", ["http", "file"])
def test_home_page_opens_and_its_navigation_works(page, site_url, built_site, over):
    home = site_url + "index.html" if over == "http" else built_site.joinpath("index.html").as_uri()
    page.goto(home)
    assert page.locator("html").get_attribute("lang") == "ja"
    nav = page.get_by_role("navigation", name="サイト")
    for label in ("企業", "人物", "出来事", "年表", "関係図", "記事"):
        assert nav.get_by_role("link", name=label, exact=True).count() == 1, label
    follow(page, nav.get_by_role("link", name="人物", exact=True))
    assert page.url.endswith("types/person.html")
    follow(page, page.locator("table.list a.ent").first)
    assert "/entities/" in page.url and page.locator("dl.infobox").is_visible()
    follow(page, page.get_by_role("link", name="年表"))
    assert page.url.endswith("timeline.html")
    screenshot(page, f"timeline-from-{over}")


def test_timeline_shows_a_preview_on_hover_and_on_keyboard_focus(page, site_url, built_site):
    data = kb(built_site)
    page.goto(site_url + "timeline.html")
    events = page.locator(".tl-event")
    assert events.count() == len(data["events"]) > 0
    dated = [ev["date"] for ev in data["events"]]
    shown = [events.nth(i).locator("time").first.get_attribute("datetime") for i in range(events.count())]
    assert shown == sorted(dated)
    link = page.locator(".tl-event .pv > a").first
    card = page.locator("#" + link.get_attribute("aria-describedby"))
    assert not card.is_visible()
    link.hover()
    assert card.is_visible()
    entity = next(e for e in data["entities"] if e["url"].endswith(link.get_attribute("href").split("/")[-1]))
    assert entity["name"] in card.inner_text()
    screenshot(page, "timeline-preview")
    page.mouse.move(0, 0)
    assert not card.is_visible()
    link.focus()
    assert card.is_visible()
    follow(page, link, "Enter")
    assert page.url.endswith(entity["url"])


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_colour_scheme_follows_the_system_and_the_switch(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + "index.html")
    dark = background(page)
    switch = page.locator("#theme")  # it says what a click does, so it is no toggle: no aria-pressed to contradict it
    assert switch.inner_text() == "ライトモード" and switch.get_attribute("aria-pressed") is None
    assert page.get_by_role("button", name="ライトモード", exact=True).is_visible()
    screenshot(page, "home-dark")
    switch.click()
    light = background(page)
    assert light != dark and switch.inner_text() == "ダークモード"
    follow(page, page.get_by_role("link", name="年表"))  # the choice is kept on the next page
    assert background(page) == light
    page.get_by_role("button", name="ダークモード", exact=True).click()
    assert background(page) == dark and page.locator("#theme").inner_text() == "ライトモード"
    context.close()


def test_phone_width_has_no_sideways_scrolling(browser, site_url, built_site):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    for path in some_pages(built_site):
        page.goto(site_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the screen"
        assert page.locator("#q").is_visible()
        screenshot(page, "phone-" + path.replace("/", "-").removesuffix(".html"))
    context.close()


def test_desktop_screenshots(page, site_url, built_site):
    for path in some_pages(built_site):
        page.goto(site_url + path)
        screenshot(page, "desktop-" + path.replace("/", "-").removesuffix(".html"))


@pytest.mark.parametrize("viewport", [None, PHONE])
def test_print_style_hides_the_navigation_search_box_and_theme_button(page, site_url, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    page.goto(site_url + "index.html")
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="サイト").is_visible()
    assert not page.get_by_role("search").is_visible() and not page.locator("#q").is_visible()
    assert not page.locator("#theme").is_visible()
    assert page.locator("main").is_visible() and page.locator("main h1").is_visible()


# --- a small site of hand-made records: the numbers table, titles and the colour key

LONG_TITLE = "青葉精工、北斗市に新工場を建設へ　投資額は過去最大の300億円、2027年の稼働を目指し地元で200人を新たに採用する計画で人手不足の解消が課題に"


def claim(value: str, number: float, source: str, quote: str, disputed: bool = True) -> dict:
    return {"property": "development_cost", "value": value, "number": number, "unit": "USD", "qualifier": "", "source": source,
            "basis": "actual", "evidence": {"source": source, "start": 0, "end": len(quote), "text": quote}, "disputed": disputed}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """Pages rendered from records written here (invented names), as files."""
    from builder.files.config import TEMPLATES
    from builder.kb.records import Records
    from builder.site.render import render_pages

    out = tmp_path_factory.mktemp("small")

    def put(path: str, text) -> bool:
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text if isinstance(text, str) else "".join(text), encoding="utf-8")
        return True

    quote = "青葉精工が開発したAIモデル「ホシ-3」は、わずか600万ドルの開発費で、競合に匹敵する性能を実現したと報じられている。"
    at = quote.index("ホシ-3")
    texts = {"short": (quote, "ホシ-3の開発費", None), "long": (quote, LONG_TITLE, None), "third": (quote, "ホシ-3の衝撃", "テスト通信ニュース編集部")}
    sources = [{"id": sid, "title": title, "publisher": publisher, "date": "2025-01-2" + str(n), "url": None, "path": f"seeds/{sid}.txt",
                "text": text, "blocks": [{"kind": "paragraph", "start": 0, "end": len(text)}], "dates": [],
                "mentions": [{"start": 0, "end": 4, "text": "青葉精工", "entity": "aoba"}, {"start": at, "end": at + 4, "text": "ホシ-3", "entity": "hoshi"}]}
               for n, (sid, (text, title, publisher)) in enumerate(texts.items())]
    evidence = [{"source": sid, "start": 0, "end": len(quote), "text": quote} for sid in texts]
    mentions = {name: [{"source": sid, "start": start, "end": start + len(name), "text": name} for sid in texts]
                for name, start in (("青葉精工", 0), ("ホシ-3", at))}
    hoshi = {"id": "hoshi", "type": "model", "name": "ホシ-3", "aliases": [], "description": "", "titles": [], "mentions": mentions["ホシ-3"],
             "relations": [{"predicate": "developed_by", "object": "aoba", "evidence": evidence}],
             "claims": [claim("わずか600万ドル", 6e6, "short", quote), claim("約560万ドル", 5.6e6, "long", quote),
                        claim("100分の1以下", 1e6, "third", quote)]}
    aoba = {"id": "aoba", "type": "company", "name": "青葉精工", "aliases": [], "description": "", "titles": [], "mentions": mentions["青葉精工"],
            "relations": [], "claims": []}
    events = [{"id": "e1", "type": "product", "date": "2025-01-20", "title": "ホシ-3公開", "entities": ["hoshi", "aoba"], "origin": "generated",
               "date_basis": "", "evidence": evidence}]
    render_pages(Records(sources=sources, entities=[aoba, hoshi], events=events, redirects=[]), TEMPLATES, "テスト", put)
    return out


# every word of every cell of the numbers table a reader sees (on a phone its column heads are
# for screen readers only, a pixel wide), and how wide the cell leaves it (a word broken over
# lines is measured as the sum of its pieces)
CRAMPED_WORDS = """() => {
  const words = new Intl.Segmenter("ja", {granularity: "word"});
  const cramped = [];
  for (const cell of document.querySelectorAll("table.claims th, table.claims td")) {
    if (cell.closest("thead") && cell.closest("thead").offsetWidth <= 1) continue;
    const style = getComputedStyle(cell);
    const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      for (const w of words.segment(node.data)) {
        if (!w.isWordLike) continue;
        const range = document.createRange();
        range.setStart(node, w.index);
        range.setEnd(node, w.index + w.segment.length);
        const width = [...range.getClientRects()].reduce((sum, r) => sum + r.width, 0);
        if (width > room + 1) cramped.push(`${w.segment}: ${Math.round(width)}px in ${Math.round(room)}px`);
      }
    }
  }
  return cramped;
}"""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_the_numbers_table_gives_every_word_its_width(browser, small_site, viewport):
    context = browser.new_context(viewport=viewport, color_scheme="dark" if viewport == PHONE else "light")
    page = context.new_page()
    page.goto((small_site / "entities" / "hoshi.html").as_uri())
    assert page.locator("table.claims td").count() >= 9
    assert page.evaluate(CRAMPED_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    padding = page.evaluate("parseFloat(getComputedStyle(document.querySelector('table.claims td.quote')).paddingLeft)")
    assert padding >= 10
    screenshot(page, f"claims-{'phone' if viewport == PHONE else 'desktop'}")
    context.close()


def clipped(locator) -> bool:
    return locator.evaluate("a => a.scrollWidth > a.clientWidth + 1 || a.scrollHeight > a.clientHeight + 1")


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_a_title_that_fits_is_shown_whole_and_a_long_one_is_clipped_with_its_title(browser, small_site, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    for path, links in (("timeline.html", ".tl-sources a"), ("entities/hoshi.html", "table.claims td.source a")):
        page.goto((small_site / path).as_uri())
        for shown, title in (("ホシ-3の開発費", "ホシ-3の開発費"), ("テスト通信ニュース編集部", "ホシ-3の衝撃")):
            link = page.locator(links, has_text=shown)
            assert link.inner_text() == shown and link.get_attribute("title") == title and not clipped(link), (path, shown)
        long = page.locator(links, has_text=LONG_TITLE[:10])
        assert long.get_attribute("title") == LONG_TITLE and clipped(long), path
    context.close()


def test_the_colour_key_is_labelled_and_does_not_look_like_links(page, small_site):
    page.goto((small_site / "sources" / "short.html").as_uri())
    legend = page.locator(".legend")
    assert legend.inner_text().startswith("色の見方")
    link = page.locator(".body a.mention").first.evaluate("a => getComputedStyle(a).color")
    for key in legend.locator("li").all():
        style = key.evaluate("k => [getComputedStyle(k).color, getComputedStyle(k).textDecorationLine, getComputedStyle(k).borderBottomStyle]")
        assert style[1] == "none" and style[2] == "none" and key.evaluate("k => k.closest('a')") is None
    assert link != legend.locator("li").first.evaluate("k => getComputedStyle(k).color")
    screenshot(page, "source-legend")
