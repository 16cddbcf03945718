"""The graph page and an entity's neighbourhood in Debian's chromium: click a node to open
its page, untick a type to hide it (no script needed), from file:// too."""

from __future__ import annotations

import pytest
from conftest import PHONE, follow, screenshot


@pytest.mark.parametrize("over", ["http", "file"])
def test_clicking_a_node_opens_its_page(page, site_url, built_site, over):
    page.goto(site_url + "graph.html" if over == "http" else built_site.joinpath("graph.html").as_uri())
    node = page.locator("svg.graph a.node").first
    name = node.locator("text").text_content()
    href = node.get_attribute("href")
    follow(page, node.locator("circle"))
    assert page.url.endswith(href) and page.locator("h1").inner_text().startswith(name)


def test_unticking_a_type_hides_its_nodes_and_edges(page, site_url):
    page.goto(site_url + "graph.html")
    people = page.locator("svg.graph a.node.t-person")
    assert people.count() > 0 and people.first.is_visible()
    edges = page.locator("svg.graph line.from-person, svg.graph line.to-person")
    page.get_by_label("人物").uncheck()
    assert not people.first.is_visible() and all(not e.is_visible() for e in edges.all())
    assert page.locator("svg.graph a.node.t-company").first.is_visible()
    screenshot(page, "graph-without-people")
    page.get_by_label("人物").check()
    assert people.first.is_visible()


def test_entity_page_has_a_neighbourhood_graph(page, site_url):
    page.goto(site_url + "graph.html")
    follow(page, page.locator("svg.graph a.node").first)
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
        follow(pg, pg.locator("svg.graph a.node").first)
        screenshot(pg, f"entity-with-neighbourhood-{name}-{scheme}")
        context.close()
