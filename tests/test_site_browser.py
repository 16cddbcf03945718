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
    switch = page.get_by_role("button", name="ダークモード")
    assert switch.get_attribute("aria-pressed") == "true"
    screenshot(page, "home-dark")
    switch.click()
    light = background(page)
    assert light != dark and switch.get_attribute("aria-pressed") == "false"
    follow(page, page.get_by_role("link", name="年表"))  # the choice is kept on the next page
    assert background(page) == light
    switch = page.get_by_role("button", name="ダークモード")
    switch.click()
    assert background(page) == dark
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


def test_print_style_hides_the_navigation(page, site_url):
    page.goto(site_url + "index.html")
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="サイト").is_visible()
    assert page.locator("main").is_visible()
