"""The graph layout: the same every build, inside the picture, nodes apart, capped; and, read
back from the built SVG, no line over a circle it does not join and no words over each other."""

from __future__ import annotations

import itertools
import math
import re
import sys
import time
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import ROOT, run_cli

from builder.kb.records import Records
from builder.site.graph import (
    EDGE_FONT,
    LONGEST,
    MARGIN,
    MAX_NODES,
    MAX_TOGETHER,
    NEIGHBOURS,
    NODE_FONT,
    SMALL,
    SMALL_FONT,
    SMALL_WIDTH,
    Graph,
    canvas,
    cooccurrence,
    short_name,
    text_box,
    text_width,
)


def entity(n: int, mentions: int, relations=()) -> dict:
    return {"id": f"e{n:03d}", "type": ("company", "person", "model")[n % 3], "name": f"名前{n}", "aliases": [],
            "mentions": [{"source": f"s{k % 7}", "start": k, "end": k + 1, "text": "x"} for k in range(mentions)],
            "relations": [{"predicate": p, "object": o, "evidence": []} for p, o in relations], "claims": []}


def corpus(count: int) -> Records:
    entities = [entity(n, 1 + (n * 7) % 11, [("ceo_of", f"e{(n + 1) % count:03d}")] if n % 4 == 0 else []) for n in range(count)]
    return Records(sources=[], entities=entities, events=[], redirects=[])


def test_layout_is_deterministic_and_inside_the_picture():
    first, second = Graph(corpus(40)).page(), Graph(corpus(40)).page()
    assert [vars(n) for n in first[0]] == [vars(n) for n in second[0]]
    assert [(e.a.id, e.b.id, e.points, e.word, e.wx, e.wy) for e in first[1]] == [(e.a.id, e.b.id, e.points, e.word, e.wx, e.wy) for e in second[1]]
    width, height = Graph(corpus(40)).size
    for n in first[0]:
        assert 0 <= n.x <= width and 0 <= n.y <= height


def test_nodes_do_not_sit_on_each_other():
    nodes, _ = Graph(corpus(40)).page()
    for a, b in itertools.combinations(nodes, 2):
        assert (a.x - b.x) ** 2 + (a.y - b.y) ** 2 > (a.r + b.r) ** 2 / 4, (a.id, b.id)


def test_relations_and_cooccurrence_are_edges():
    _, edges = Graph(corpus(12)).page()
    labels = {(e.a.id, e.label, e.b.id) for e in edges}
    assert ("e000", "ceo_of", "e001") in labels
    assert any(label == "" for _, label, _ in labels)  # entities named in the same articles


def test_the_graph_page_shows_the_most_mentioned_entities_only():
    started = time.process_time()
    graph = Graph(corpus(MAX_NODES + 60))
    nodes, _ = graph.page()
    elapsed = time.process_time() - started
    assert len(nodes) == MAX_NODES and graph.total == MAX_NODES + 60
    weights = sorted((graph.weight(i) for i in graph.entities), reverse=True)
    assert min(graph.weight(n.id) for n in nodes) >= weights[MAX_NODES - 1]
    print(f"layout of {MAX_NODES} nodes: {elapsed:.2f}s CPU")


def test_neighbourhood_puts_partners_around_the_entity():
    nodes, edges = Graph(corpus(30)).neighbourhood("e000")
    assert nodes[0].id == "e000" and (nodes[0].x, nodes[0].y) == (SMALL_WIDTH / 2, SMALL / 2)
    assert "e001" in [n.id for n in nodes[1:]] and len(nodes) <= NEIGHBOURS + 1
    assert all(e.a.id == "e000" or e.b.id == "e000" for e in edges)
    assert Graph(corpus(1)).neighbourhood("e000") == ([], [])


def test_in_an_article_naming_hundreds_of_entities_only_those_of_one_block_count_as_together():
    count = MAX_TOGETHER + 10
    blocks = [{"kind": "paragraph", "start": 10 * n, "end": 10 * n + 9} for n in range(count // 2)]
    entities = [{"id": f"e{n:03d}", "mentions": [{"source": "long", "start": 10 * (n // 2) + n % 2, "end": 10 * (n // 2) + n % 2 + 1,
                                                 "text": "x"}]} for n in range(count)]  # two a paragraph
    for e in (entities[0], entities[2]):
        e["mentions"].append({"source": "short", "start": 0, "end": 1, "text": "x"})
    sources = [{"id": "long", "blocks": blocks}, {"id": "short", "blocks": [{"kind": "paragraph", "start": 0, "end": 5}]}]
    shared = cooccurrence(Records(sources=sources, entities=entities, events=[], redirects=[]))
    assert shared["e000"] == {"e001": 1, "e002": 1}  # its paragraph in the long one; the short one (every pair there)
    assert shared["e304"] == {"e305": 1}


# --- read back from the SVG as built: every line, circle and word where the browser draws it ---

CLEAR_OF = 1.0  # px a line must keep from a circle it does not join (the builder keeps CLEAR; rounding eats some)


def graphs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m.group(0)) for m in re.finditer(r'<svg class="graph.*?</svg>', html, re.DOTALL)]


def box_of(text: ET.Element, size: float) -> tuple[float, float, float, float]:
    """The box a <text> takes by the builder's own estimate, from its x, baseline and text-anchor
    (the browser test proves the estimate is never too small)."""
    return text_box(text.get("text-anchor"), float(text.get("x")), float(text.get("y")), text.text or "", size)


def geometry(svg: ET.Element):
    """Circles (owner, x, y, r), lines (title, points) and the words shown at rest (text, owner, box)."""
    circles, lines, words = [], [], []
    for g in svg.iter("g"):
        size = float(g.get("font-size"))
        for item in g:
            if item.tag in ("polyline", "line"):
                points = ([tuple(map(float, p.split(","))) for p in item.get("points").split()] if item.tag == "polyline"
                          else [(float(item.get("x1")), float(item.get("y1"))), (float(item.get("x2")), float(item.get("y2")))])
                lines.append((item.findtext("title"), points))
            elif item.tag == "text":
                words.append((item.text, None, box_of(item, size)))
            elif item.tag == "a":
                c = item.find("circle")
                circles.append((item.get("href"), float(c.get("cx")), float(c.get("cy")), float(c.get("r"))))
                words += [(t.text, item.get("href"), box_of(t, size)) for t in item.iter("text")
                          if not {"full", "rest-hidden"} & set((t.get("class") or "").split())]
    return circles, lines, words


def distance(px, py, a, b) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy))) if dx or dy else 0.0
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def overlap(p, q) -> bool:
    return p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]


def covers(box, circle) -> bool:
    _, x, y, r = circle
    return math.hypot(x - min(max(x, box[0]), box[2]), y - min(max(y, box[1]), box[3])) < r


def problems(svg: ET.Element) -> list[str]:
    """What reads wrongly: a line segment within CLEAR_OF of a circle it neither starts nor ends
    at, two words over each other, a word over another node's circle (or either end's, for a
    relation's word), a circle over another, anything outside the picture."""
    width, height = map(float, svg.get("viewBox").split()[2:])
    circles, lines, words = geometry(svg)
    found = []
    for title, points in lines:
        for a, b in itertools.pairwise(points):
            found += [f"line {title} over {c[0]}" for c in circles
                      if (c[1], c[2]) not in (a, b) and distance(c[1], c[2], a, b) < c[3] + CLEAR_OF]
    for (s, _, p), (t, _, q) in itertools.combinations(words, 2):
        if overlap(p, q):
            found.append(f"{s} over {t}")
    for text, owner, box in words:
        found += [f"{text} over {c[0]}" for c in circles if c[0] != owner and covers(box, c)]
        if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
            found.append(f"{text} outside the picture")
    found += [f"{c[0]} outside the picture" for c in circles if not (c[3] <= c[1] <= width - c[3] and c[3] <= c[2] <= height - c[3])]
    found += [f"{c[0]} over {d[0]}" for c, d in itertools.combinations(circles, 2) if math.hypot(c[1] - d[1], c[2] - d[2]) < c[3] + d[3]]
    return found


def site_problems(site) -> list[str]:
    """Problems of the graph page and of every entity page's neighbourhood."""
    found = [f"graph.html: {p}" for svg in graphs((site / "graph.html").read_text(encoding="utf-8")) for p in problems(svg)]
    for page in sorted((site / "entities").glob("*.html")):
        found += [f"{page.name}: {p}" for svg in graphs(page.read_text(encoding="utf-8")) for p in problems(svg)]
    return found


@pytest.fixture(scope="session")
def archive(tmp_path_factory):
    """A site built from 300 articles of bench/corpus.py (about 940 entities: a full graph page)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import write_corpus

    where = tmp_path_factory.mktemp("archive")
    write_corpus(where / "seeds", 300)
    result = run_cli("build", "--seeds", where / "seeds", "--content", where / "content", "--out", where / "site")
    assert result.returncode == 0, result.stderr
    return where / "site"


@pytest.fixture(scope="session")
def devset_site(tmp_path_factory):
    """A site built from the development set's news paragraphs (87, from many beats): many small
    groups of entities that share no link, which a layout without a pull to the middle drove into
    the corners, circle on circle."""
    where = tmp_path_factory.mktemp("devset")
    (where / "seeds").mkdir()
    for path in sorted((ROOT / "tests" / "devset").glob("*.yaml")):
        for doc in yaml.safe_load(path.read_text(encoding="utf-8")):
            (where / "seeds" / f"{doc['id']}.txt").write_text(doc["text"], encoding="utf-8")
    result = run_cli("build", "--seeds", where / "seeds", "--content", where / "content", "--out", where / "site")
    assert result.returncode == 0, result.stderr
    return where / "site"


def test_unlinked_groups_do_not_pile_up_in_the_corners(devset_site):
    svg = graphs((devset_site / "graph.html").read_text(encoding="utf-8"))[0]
    circles = geometry(svg)[0]
    width, height = map(float, svg.get("viewBox").split()[2:])
    assert len(circles) == MAX_NODES
    assert site_problems(devset_site) == []
    on_edge = [c for c in circles if min(c[1], width - c[1], c[2], height - c[2]) < MARGIN + 1]
    assert len(on_edge) <= len(circles) // 10, on_edge  # the canvas is used, not its rim


def test_seeds_graphs_draw_no_false_links_and_no_words_over_each_other(built_site):
    svg = graphs((built_site / "graph.html").read_text(encoding="utf-8"))[0]
    assert len(geometry(svg)[0]) >= 20 and len(geometry(svg)[1]) >= 20  # a real graph, not an empty one
    assert site_problems(built_site) == []


def test_a_300_article_archive_draws_no_false_links_and_no_words_over_each_other(archive):
    svg = graphs((archive / "graph.html").read_text(encoding="utf-8"))[0]
    circles, lines, _ = geometry(svg)
    assert len(circles) == MAX_NODES and len(lines) > 200
    assert site_problems(archive) == []
    listed = (archive / "graph.html").read_text(encoding="utf-8").split('<details class="graph-text">')[1].count("<li>")
    assert listed >= sum(1 for title, _ in lines if "同じ記事に登場" not in title)  # a relation not drawn is still listed


def test_the_svg_says_the_font_sizes_the_words_were_placed_for(built_site):
    html = (built_site / "graph.html").read_text(encoding="utf-8")
    svg = graphs(html)[0]
    assert [g.get("font-size") for g in svg.iter("g")] == [f"{EDGE_FONT:g}", f"{NODE_FONT:g}"]
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "templates" / "assets" / "graph.css").read_text(encoding="utf-8"), flags=re.DOTALL)
    inside = [body for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", css) if re.search(r"\.graph[ .]", selector)]
    assert inside and not any("font" in body or "text-anchor" in body for body in inside)  # no rule changes what was placed
    entity = next(p for p in sorted((built_site / "entities").glob("*.html")) if graphs(p.read_text(encoding="utf-8")))
    small = graphs(entity.read_text(encoding="utf-8"))[0]
    assert [g.get("font-size") for g in small.iter("g")] == [f"{EDGE_FONT:g}", f"{SMALL_FONT:g}"]
    assert small.get("viewBox") == f"0 0 {SMALL_WIDTH:g} {SMALL:g}"


def test_a_long_name_is_cut_short_and_kept_whole_for_hover():
    name = "ネビュラクオンホールディングス"  # 15 full-width characters
    short = short_name(name)
    assert short.endswith("…") and name.startswith(short[:-1]) and text_width(short, 1) <= LONGEST
    assert short_name("短い名前") == "短い名前"
    entities = [{**entity(n, 5 - n), "name": name if n == 1 else f"名前{n}"} for n in range(4)]
    nodes, _ = Graph(Records(sources=[], entities=entities, events=[], redirects=[])).page()
    assert next(n for n in nodes if n.id == "e001").label == short


def test_a_crowded_layout_moves_or_bends_lines_off_other_nodes():
    """Nodes in a row, each linked to the next but one: the straight lines would run through the
    node between; after the layout none of them does, and all are drawn."""
    entities = [entity(n, 3, [("ceo_of", f"e{n + 2:03d}")] if n + 2 < 9 else []) for n in range(9)]
    graph = Graph(Records(sources=[], entities=entities, events=[], redirects=[]))
    nodes, edges = graph.page()
    for e in edges:
        assert e.points, (e.a.id, e.b.id)
        for c in nodes:
            for a, b in itertools.pairwise(e.points):
                if (c.x, c.y) not in (a, b):
                    assert distance(c.x, c.y, a, b) >= c.r + CLEAR_OF, (e.a.id, e.b.id, c.id)


def test_the_canvas_grows_with_the_nodes():
    assert canvas(30) == canvas(1) == (1000, 680)
    width, height = canvas(MAX_NODES)
    assert width * height >= 2 * 1000 * 680 and round(width / height, 2) == round(1000 / 680, 2)
