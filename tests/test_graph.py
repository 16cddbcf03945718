"""The graph layout: the same every build, inside the picture, nodes apart, capped."""

from __future__ import annotations

import itertools
import time

from builder.graph import (
    HEIGHT,
    MAX_NODES,
    MAX_TOGETHER,
    NEIGHBOURS,
    SMALL,
    WIDTH,
    Graph,
    cooccurrence,
)
from builder.records import Records


def entity(n: int, mentions: int, relations=()) -> dict:
    return {"id": f"e{n:03d}", "type": ("company", "person", "model")[n % 3], "name": f"名前{n}", "aliases": [],
            "mentions": [{"source": f"s{k % 7}", "start": k, "end": k + 1, "text": "x"} for k in range(mentions)],
            "relations": [{"predicate": p, "object": o, "evidence": []} for p, o in relations], "claims": []}


def corpus(count: int) -> Records:
    entities = [entity(n, 1 + (n * 7) % 11, [("ceo_of", f"e{(n + 1) % count:03d}")] if n % 4 == 0 else []) for n in range(count)]
    return Records(sources=[], entities=entities, events=[], redirects=[])


def test_layout_is_deterministic_and_inside_the_picture():
    first, second = Graph(corpus(40)).page(), Graph(corpus(40)).page()
    assert [(n.id, n.x, n.y) for n in first[0]] == [(n.id, n.x, n.y) for n in second[0]]
    for n in first[0]:
        assert 0 <= n.x <= WIDTH and 0 <= n.y <= HEIGHT


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
    assert nodes[0].id == "e000" and (nodes[0].x, nodes[0].y) == (SMALL / 2, SMALL / 2)
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
