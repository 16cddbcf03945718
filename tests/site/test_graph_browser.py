"""The graph page and an entity's neighbourhood in Debian's chromium: click a node to open
its page, untick a type to hide it (no script needed), from file:// too; the words as the
browser draws them are where the builder meant (never over each other or over a circle);
on a phone the graph scrolls and says so, and zooms."""

from __future__ import annotations

import itertools

import pytest
from conftest import PHONE, follow, screenshot
from test_graph import covers, overlap

from builder.site.graph import text_box


@pytest.mark.parametrize("over", ["http", "file"])
def test_clicking_a_node_opens_its_page(page, site_url, built_site, over):
    page.goto(site_url + "graph.html" if over == "http" else built_site.joinpath("graph.html").as_uri())
    node = page.locator("svg.graph a.node").first
    name = node.locator("text").last.text_content()  # the whole name (a long one is also written cut short)
    href = node.get_attribute("href")
    follow(page, node.locator("circle"))
    assert page.url.endswith(href) and page.locator("h1").inner_text().startswith(name)


def test_unticking_a_type_hides_its_nodes_and_edges(page, site_url):
    page.goto(site_url + "graph.html")
    people = page.locator("svg.graph a.node.t-person")
    assert people.count() > 0 and people.first.is_visible()
    edges = page.locator("svg.graph .edge.from-person, svg.graph .edge.to-person")
    page.get_by_label("人物").uncheck()
    assert not people.first.is_visible() and all(not e.is_visible() for e in edges.all())
    assert page.locator("svg.graph a.node.t-company").first.is_visible()
    screenshot(page, "graph-without-people")
    page.get_by_label("人物").check()
    assert people.first.is_visible()


def test_entity_page_has_a_neighbourhood_graph(page, site_url):
    page.goto(site_url + "graph.html")
    follow(page, page.locator("svg.graph a.node circle").first)
    small = page.locator(".neighbourhood svg.graph a.node")
    assert small.count() >= 2
    neighbour = small.nth(1)
    href = neighbour.get_attribute("href")
    follow(page, neighbour.locator("circle"))
    assert page.url.endswith(href.removeprefix("../"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_graph_screenshots(browser, site_url, scheme):
    for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        pg = context.new_page()
        pg.goto(site_url + "graph.html")
        assert pg.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        screenshot(pg, f"graph-{name}-{scheme}")
        follow(pg, pg.locator("svg.graph a.node circle").first)
        screenshot(pg, f"entity-with-neighbourhood-{name}-{scheme}")
        context.close()


WORDS = """svg => [...svg.querySelectorAll("text")].filter(t => t.checkVisibility()).map(t => {
  const b = t.getBBox(), a = t.closest("a");
  return {text: t.textContent, owner: a && a.getAttribute("href"), box: [b.x, b.y, b.x + b.width, b.y + b.height],
          x: +t.getAttribute("x"), y: +t.getAttribute("y"), anchor: t.getAttribute("text-anchor"),
          size: parseFloat(getComputedStyle(t).fontSize)};
})"""
CIRCLES = """svg => [...svg.querySelectorAll("a.node")].map(a => {
  const c = a.querySelector("circle");
  return [a.getAttribute("href"), +c.getAttribute("cx"), +c.getAttribute("cy"), +c.getAttribute("r")];
})"""


def drawn_problems(svg) -> list[str]:
    """The words shown at rest, boxed by the browser (getBBox): each inside the box the builder
    estimated for it (so the estimate is never too small), none over another or over a circle
    not its own."""
    words, circles = svg.evaluate(WORDS), svg.evaluate(CIRCLES)
    assert words and circles
    found = []
    for w in words:
        meant = text_box(w["anchor"], w["x"], w["y"], w["text"], w["size"])
        if not (meant[0] <= w["box"][0] and meant[1] <= w["box"][1] and w["box"][2] <= meant[2] and w["box"][3] <= meant[3]):
            found.append(f"{w['text']} drawn at {w['box']}, outside {meant}")
        found += [f"{w['text']} over {c[0]}" for c in circles if c[0] != w["owner"] and covers(w["box"], c)]
    found += [f"{v['text']} over {w['text']}" for v, w in itertools.combinations(words, 2) if overlap(v["box"], w["box"])]
    return found


def test_words_as_drawn_fit_the_room_they_were_given(page, site_url):
    page.goto(site_url + "graph.html")
    assert drawn_problems(page.locator(".graph-scroll svg.graph")) == []
    pages = page.locator("svg.graph a.node").evaluate_all("links => links.map(a => new URL(a.getAttribute('href'), location.href).href)")
    for url in pages[:12]:  # the most mentioned: their neighbourhoods are the fullest
        page.goto(url)
        assert drawn_problems(page.locator(".neighbourhood svg.graph")) == [], url


def test_on_a_phone_the_graph_scrolls_says_so_and_zooms(browser, site_url):
    context = browser.new_context(viewport=PHONE, color_scheme="dark", locale="ja-JP")
    pg = context.new_page()
    pg.goto(site_url + "graph.html")
    box, svg = pg.locator(".graph-scroll"), pg.locator(".graph-scroll svg.graph")
    assert pg.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert box.evaluate("b => b.scrollWidth > b.clientWidth && b.getBoundingClientRect().right <= window.innerWidth")
    assert pg.get_by_text("横にスクロールできます").is_visible()
    assert svg.evaluate("s => s.getBoundingClientRect().width / s.viewBox.baseVal.width") >= 0.75  # words readable, not shrunk
    assert box.evaluate("b => { b.scrollLeft = 300; return b.scrollLeft; }") > 0
    before = svg.bounding_box()["width"]
    pg.get_by_role("button", name="拡大").click()
    assert svg.bounding_box()["width"] > before
    pg.get_by_role("button", name="全体を表示").click()
    assert abs(svg.bounding_box()["width"] - box.evaluate("b => b.clientWidth")) < 1
    assert pg.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    follow(pg, pg.locator("svg.graph a.node circle").first)
    small = pg.locator(".neighbourhood svg.graph").bounding_box()
    assert small["x"] >= 0 and small["x"] + small["width"] <= PHONE["width"]
    assert pg.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()


def test_on_a_wide_screen_a_small_graph_fits_without_a_hint(page, site_url):
    page.goto(site_url + "graph.html")
    box = page.locator(".graph-scroll")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
    assert not page.get_by_text("横にスクロールできます").is_visible()
