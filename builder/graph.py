"""The entity graph, laid out at build time and drawn by the templates as SVG.

No script library is downloaded and nothing is computed in the browser, so the
graph shows from file:// and on any host, and is the same bytes every build:
positions come from a force-directed layout that starts from a fixed circle
(ordered by type and id) and runs a fixed number of steps.

Edges are the relations (solid, labelled) and, so that a corpus with few
relations is still a map, each entity's strongest co-occurrences (dashed; two
entities are "co-occurring" when articles mention both).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass

from builder.records import Records

MAX_NODES = 120  # the most-mentioned entities on the graph page; the layout is O(nodes² · steps)
STEPS = 150
WIDTH, HEIGHT, MARGIN = 1000.0, 680.0, 60.0
COOCCURRENCE_PER_NODE = 2
NEIGHBOURS = 12
MAX_TOGETHER = 300  # entities one article names, beyond which co-occurrence is counted per block (`cooccurrence`)
SMALL = 340.0  # the neighbourhood graph's square viewBox


@dataclass
class Node:
    id: str
    name: str
    type: str
    x: float
    y: float
    r: float


@dataclass
class Edge:
    a: Node
    b: Node
    label: str  # a relation's predicate, or "" for co-occurrence


def cooccurrence(records: Records) -> dict[str, Counter]:
    """For each entity, how many articles it shares with each other entity. In an article that
    names more than `MAX_TOGETHER` entities (a long report, a transcript), two of them count as
    together only when one block (a paragraph, a heading, a list item) names both: every pair of
    thousands of names would say nothing, and cost the square of their number."""
    present: dict[str, set[str]] = defaultdict(set)
    for e in records.entities:
        for m in e["mentions"]:
            present[m["source"]].add(e["id"])
    large = {source for source, members in present.items() if len(members) > MAX_TOGETHER}
    pairs = _pairs_by_block(records, large) if large else {}
    counts: dict[str, Counter] = defaultdict(Counter)
    for source, members in present.items():
        if source in large:
            for a, b in pairs[source]:
                counts[a][b] += 1
                counts[b][a] += 1
        else:
            for a in members:
                counts[a].update(b for b in members if b != a)
    return counts


def _pairs_by_block(records: Records, sources: set[str]) -> dict[str, set[tuple[str, str]]]:
    """The pairs of entities that share a block, in each of `sources`."""
    starts = {s["id"]: [b["start"] for b in s["blocks"]] for s in records.sources if s["id"] in sources}
    in_block: dict[tuple[str, int], set[str]] = defaultdict(set)
    for e in records.entities:
        for m in e["mentions"]:
            if m["source"] in sources:
                in_block[(m["source"], bisect_right(starts[m["source"]], m["start"]))].add(e["id"])
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for (source, _), members in in_block.items():
        ordered = sorted(members)
        pairs[source].update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    return pairs


class Graph:
    """Nodes and edges for the graph page (`page()`) and for one entity (`neighbourhood()`)."""

    def __init__(self, records: Records, cooccur: dict[str, Counter] | None = None):
        self.entities = {e["id"]: e for e in records.entities}
        self.relations = sorted({(e["id"], r["predicate"], r["object"]) for e in records.entities for r in e["relations"]})
        self.relations_of: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for s, p, o in self.relations:
            self.relations_of[s].append((s, p, o))
            if o != s:
                self.relations_of[o].append((s, p, o))
        self.cooccur = cooccurrence(records) if cooccur is None else cooccur
        self._page: tuple[list[Node], list[Edge]] | None = None
        self._closest: dict[str, list[str]] = {}

    def weight(self, eid: str) -> int:
        return len(self.entities[eid]["mentions"])

    def page(self) -> tuple[list[Node], list[Edge]]:
        """The graph page: the MAX_NODES most-mentioned entities, laid out once."""
        if self._page is None:
            chosen = sorted(self.entities, key=lambda i: (-self.weight(i), i))[:MAX_NODES]
            links = self._links(set(chosen))
            self._page = self._draw(chosen, links, _force_layout(chosen, links))
        return self._page

    @property
    def total(self) -> int:
        return len(self.entities)

    def neighbourhood(self, eid: str) -> tuple[list[Node], list[Edge]]:
        """The entity in the middle; its relation partners, then the entities most often in
        the same articles, on a circle around it."""
        mine = self.relations_of.get(eid, [])
        partners = [o for s, _, o in mine if s == eid] + [s for s, _, o in mine if o == eid]
        around = [o for o in dict.fromkeys(partners + self.closest(eid)) if o != eid][:NEIGHBOURS]
        if not around:
            return [], []
        centre = SMALL / 2
        spot = {eid: (centre, centre)}
        for n, other in enumerate(around):
            angle = -math.pi / 2 + 2 * math.pi * n / len(around)
            spot[other] = (centre + 0.36 * SMALL * math.cos(angle), centre + 0.36 * SMALL * math.sin(angle))
        links = [(s, p, o) for s, p, o in mine if s in spot and o in spot]
        linked = {s for s, _, o in links} | {o for s, _, o in links}
        links += [(eid, "", o) for o in around if o not in linked]
        return self._draw([eid, *around], links, spot, small=True)

    def closest(self, eid: str) -> list[str]:
        """The entities in the most articles with `eid`, first; then the most mentioned, then by id
        (an entity's page asks twice: its neighbourhood and its related list)."""
        found = self._closest.get(eid)
        if found is None:
            shared = self.cooccur.get(eid, Counter())
            found = self._closest[eid] = sorted(shared, key=lambda o: (-shared[o], -self.weight(o), o))
        return found

    def _links(self, chosen: set[str]) -> list[tuple[str, str, str]]:
        links = [(s, p, o) for s, p, o in self.relations if s in chosen and o in chosen]
        related = {(s, o) for s, _, o in links} | {(o, s) for s, _, o in links}
        for eid in sorted(chosen):
            shared = self.cooccur.get(eid, Counter())
            ranked = sorted(((tuple(sorted((eid, b))), n) for b, n in shared.items() if b in chosen),
                            key=lambda item: (-item[1], item[0]))
            for (a, b), _ in ranked[:COOCCURRENCE_PER_NODE]:
                if (a, b) not in related:
                    related |= {(a, b), (b, a)}
                    links.append((a, "", b))
        return links

    def _draw(self, ids: list[str], links, spot: dict[str, tuple[float, float]], small: bool = False) -> tuple[list[Node], list[Edge]]:
        top = max((self.weight(i) for i in ids), default=1)  # no entities at all: an empty graph
        nodes = {}
        for i in ids:
            e = self.entities[i]
            size = (5 if small else 6) + (9 if small else 16) * math.sqrt(self.weight(i) / top)
            nodes[i] = Node(i, e["name"], e["type"], round(spot[i][0], 1), round(spot[i][1], 1), round(size, 1))
        edges = [Edge(nodes[s], nodes[o], p) for s, p, o in links]
        return list(nodes.values()), edges


def _force_layout(ids: list[str], links) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold from a fixed start: linked entities pull together, all push apart."""
    n = len(ids)
    if n < 2:
        return {i: (WIDTH / 2, HEIGHT / 2) for i in ids}
    order = sorted(ids)
    angles = [2 * math.pi * k / n for k in range(n)]
    xs = [WIDTH / 2 + 0.4 * WIDTH * math.cos(a) for a in angles]
    ys = [HEIGHT / 2 + 0.4 * HEIGHT * math.sin(a) for a in angles]
    ideal = math.sqrt((WIDTH - 2 * MARGIN) * (HEIGHT - 2 * MARGIN) / n)
    index = {i: k for k, i in enumerate(order)}
    pairs = [(index[s], index[o]) for s, _, o in links if s != o]
    heat = WIDTH / 10
    for _ in range(STEPS):  # plain lists and locals: the O(n²) loop is most of a rebuild's graph cost
        mx, my = [0.0] * n, [0.0] * n
        for a in range(n):
            ax, ay, ma, na = xs[a], ys[a], mx[a], my[a]
            for b in range(a + 1, n):
                dx, dy = ax - xs[b], ay - ys[b]
                d2 = dx * dx + dy * dy or 0.01
                push = ideal * ideal / d2
                ma += dx * push
                na += dy * push
                mx[b] -= dx * push
                my[b] -= dy * push
            mx[a], my[a] = ma, na
        for s, o in pairs:
            dx, dy = xs[s] - xs[o], ys[s] - ys[o]
            d = math.sqrt(dx * dx + dy * dy) or 0.1
            pull = d / ideal
            mx[s] -= dx * pull
            my[s] -= dy * pull
            mx[o] += dx * pull
            my[o] += dy * pull
        for k in range(n):
            dx, dy = mx[k], my[k]
            d = math.sqrt(dx * dx + dy * dy) or 1.0
            step = min(d, heat)
            xs[k] = min(WIDTH - MARGIN, max(MARGIN, xs[k] + dx / d * step))
            ys[k] = min(HEIGHT - MARGIN, max(MARGIN, ys[k] + dy / d * step))
        heat *= 0.97
    pos = {i: (xs[k], ys[k]) for k, i in enumerate(order)}
    return {i: pos[i] for i in ids}
