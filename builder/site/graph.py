"""The entity graph, laid out at build time and drawn by the templates as SVG.

No script library is downloaded and nothing is computed in the browser, so the
graph shows from file:// and on any host, and is the same bytes every build:
positions come from a force-directed layout that starts from a fixed circle
(ordered by type and id) and runs a fixed number of steps.

Edges are the relations (solid, labelled) and, so that a corpus with few
relations is still a map, each entity's strongest co-occurrences (dashed; two
entities are "co-occurring" when articles mention both).

A line that runs over a circle reads as a link to it, and names written over
each other read as one long name; so after the layout (`_arrange`) a node on a
line it is not part of is moved off it, a line that still runs over one gets
one bend around it (a co-occurrence that no bend clears is left out; a relation
is always in the text list under the graph too), and each name and each
relation's word goes in the first free spot of a few, judged by text widths
estimated here on the wide side (`text_box`). A name with no free spot is
written on hover and focus only.
"""

from __future__ import annotations

import math
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from builder.kb.records import Records
from builder.site.labels import PREDICATE_LABELS

Box = tuple[float, float, float, float]  # left, top, right, bottom
MAX_NODES = 120  # the most-mentioned entities on the graph page; the layout is O(nodes² · steps)
STEPS = 150
WIDTH, HEIGHT, MARGIN = 1000.0, 680.0, 60.0  # the graph page's canvas for up to ROOMY nodes
ROOMY = 45  # more nodes than this get a larger canvas, as much room each
GRAVITY = 1.0  # the pull to the middle against a link's pull (`_force_layout`)
COOCCURRENCE_PER_NODE = 2
NEIGHBOURS = 12
MAX_TOGETHER = 300  # entities one article names, beyond which co-occurrence is counted per block (`cooccurrence`)
SMALL_WIDTH, SMALL = 440.0, 340.0  # the neighbourhood graph's viewBox: wider than high, for the names left and right
RING = 0.34  # the neighbours' distance from the entity in the middle, per SMALL

NODE_FONT, SMALL_FONT, EDGE_FONT = 13.0, 12.0, 11.0  # px of the SVG; graph_svg in macros.html writes the same sizes
ROUNDING = 1.0  # px, see `text_box`
ASCENT, DESCENT = 1.2, 0.36  # em above and below the baseline of a text's box in a browser (Noto Sans CJK JP: 1.17, 0.34 at 11-13 px)
LONGEST = 11.0  # em: a longer name is cut short with "…" (whole in its <title>, and on hover and focus)
CLEAR = 5.0  # px a line keeps from a circle it does not join
GAP = 2.0  # px between a name and the circles and names around it
NUDGE = 24.0  # px a node may be moved off a line it does not join
BENDS = (0.12, 0.22, 0.34, 0.48, 0.65)  # how far a bent line's corner is from the straight one, per its length
ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)  # where on its line a relation's word may go, per the line's length


def text_width(text: str, size: float) -> float:
    """How wide `text` is at `size` px in the site's font (Noto Sans CJK JP), on the wide side: a
    name must never turn out longer than the room it was given. Full-width (and ambiguous)
    characters 1 em, the widest Latin letters 0.95, capitals 0.75, anything else 0.63."""
    return size * _ems(text)


def text_box(anchor: str, x: float, baseline: float, text: str, size: float) -> Box:
    """The box (left, top, right, bottom) `text` takes written at x and baseline with this
    text-anchor: `text_width`, and ROUNDING each side, as a browser draws a text up to 0.75 px
    wider than its characters and puts it on whole pixels of the screen (of a scaled picture)."""
    width = text_width(text, size) + 2 * ROUNDING
    left = x - width / 2 if anchor == "middle" else x - ROUNDING if anchor == "start" else x + ROUNDING - width
    return left, baseline - ASCENT * size, left + width, baseline + DESCENT * size


@cache  # names come back in neighbourhood after neighbourhood
def _ems(text: str) -> float:
    return sum(_em(ch) for ch in text)


def _em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WFA":
        return 1.0
    if ch in "mwMW@%":
        return 0.95
    return 0.75 if ch.isupper() or ch == "&" else 0.63


def short_name(name: str) -> str:
    """`name`, or, if it is wider than LONGEST em, as much of it as fits with "…"."""
    if _ems(name) <= LONGEST:
        return name
    cut = name
    while cut and _ems(cut + "…") > LONGEST:
        cut = cut[:-1]
    return cut + "…"


def canvas(count: int) -> tuple[float, float]:
    """The graph page's size for `count` nodes: WIDTH × HEIGHT, larger beyond ROOMY nodes."""
    grow = max(1.0, math.sqrt(count / ROOMY))
    return round(WIDTH * grow), round(HEIGHT * grow)


@dataclass
class Node:
    id: str
    name: str
    type: str
    x: float
    y: float
    r: float
    label: str = ""  # the name as written by the circle (`short_name`)
    lx: float = 0.0  # where: the text's x and baseline, and its text-anchor
    ly: float = 0.0
    anchor: str = "middle"
    shown: bool = True  # False: no free spot; written on hover and focus only


@dataclass
class Edge:
    a: Node
    b: Node
    label: str  # a relation's predicate, or "" for co-occurrence
    points: list[tuple[float, float]] = field(default_factory=list)  # the line as drawn, straight or bent once; [] not drawn
    word: str = ""  # the predicate's word as written on the line; "" when not written (no free spot, or a co-occurrence)
    wx: float = 0.0  # where: the word's middle and baseline
    wy: float = 0.0


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
            width, height = self.size
            nodes, edges = self._draw(chosen, links, _force_layout(chosen, links, width, height))
            _arrange(nodes, edges, width, height, NODE_FONT, movable=True)
            self._page = nodes, edges
        return self._page

    @property
    def size(self) -> tuple[float, float]:
        """The graph page's canvas (`canvas`)."""
        return canvas(min(len(self.entities), MAX_NODES))

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
        cx, cy = SMALL_WIDTH / 2, SMALL / 2
        spot = {eid: (cx, cy)}
        for n, other in enumerate(around):
            angle = -math.pi / 2 + 2 * math.pi * n / len(around)
            spot[other] = (cx + RING * SMALL * math.cos(angle), cy + RING * SMALL * math.sin(angle))
        links = [(s, p, o) for s, p, o in mine if s in spot and o in spot]
        linked = {s for s, _, o in links} | {o for s, _, o in links}
        links += [(eid, "", o) for o in around if o not in linked]
        nodes, edges = self._draw([eid, *around], links, spot, small=True)
        _arrange(nodes, edges, SMALL_WIDTH, SMALL, SMALL_FONT, movable=False, middle=(cx, cy))
        return nodes, edges

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
            nodes[i] = Node(i, e["name"], e["type"], round(spot[i][0], 1), round(spot[i][1], 1), round(size, 1), short_name(e["name"]))
        edges = [Edge(nodes[s], nodes[o], p) for s, p, o in links]
        return list(nodes.values()), edges


def _force_layout(ids: list[str], links, width: float, height: float) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold from a fixed start: linked entities pull together, all push apart,
    and everything is pulled gently to the middle (GRAVITY) — without that pull the groups that
    share no link drift to the edges and pile up in the corners, circle on circle."""
    n = len(ids)
    if n < 2:
        return {i: (width / 2, height / 2) for i in ids}
    order = sorted(ids)
    angles = [2 * math.pi * k / n for k in range(n)]
    xs = [width / 2 + 0.4 * width * math.cos(a) for a in angles]
    ys = [height / 2 + 0.4 * height * math.sin(a) for a in angles]
    ideal = math.sqrt((width - 2 * MARGIN) * (height - 2 * MARGIN) / n)
    index = {i: k for k, i in enumerate(order)}
    pairs = [(index[s], index[o]) for s, _, o in links if s != o]
    heat = width / 10
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
            gx, gy = width / 2 - xs[k], height / 2 - ys[k]
            pull = GRAVITY * math.sqrt(gx * gx + gy * gy) / ideal
            dx, dy = mx[k] + gx * pull, my[k] + gy * pull
            d = math.sqrt(dx * dx + dy * dy) or 1.0
            step = min(d, heat)
            xs[k] = min(width - MARGIN, max(MARGIN, xs[k] + dx / d * step))
            ys[k] = min(height - MARGIN, max(MARGIN, ys[k] + dy / d * step))
        heat *= 0.97
    pos = {i: (xs[k], ys[k]) for k, i in enumerate(order)}
    return {i: pos[i] for i in ids}


def _arrange(nodes: list[Node], edges: list[Edge], width: float, height: float, font: float, movable: bool,
             middle: tuple[float, float] | None = None) -> None:
    """Nodes off the lines they do not join (if `movable`), the lines around the nodes, then the
    words; with `middle`, the names of the nodes around it go outwards first, away from its lines."""
    if movable:
        _separate(nodes, width, height)
        _nudge(nodes, edges, width, height)
    _route(nodes, edges, width, height)
    _place_words(nodes, edges, width, height, font, middle)


def _nearest(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> tuple[float, float, float]:
    """The distance from (px, py) to the segment a–b, and the segment's point nearest to it."""
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = min(1.0, max(0.0, ((px - ax) * dx + (py - ay) * dy) / length)) if length else 0.0
    qx, qy = ax + t * dx, ay + t * dy
    return math.hypot(px - qx, py - qy), qx, qy


def _separate(nodes: list[Node], width: float, height: float) -> None:
    """Pushes apart, half each way, two circles closer than GAP: the force layout keeps nodes
    apart by their centres, and a big circle can still reach over a small one beside it."""
    for _ in range(50):
        moved = False
        for k, a in enumerate(nodes):
            for b in nodes[k + 1:]:
                dx, dy = b.x - a.x, b.y - a.y
                d, need = math.hypot(dx, dy), a.r + b.r + GAP
                if d >= need:
                    continue
                ux, uy = (dx / d, dy / d) if d else (1.0, 0.0)
                shift = (need - d) / 2 + 0.1  # and some, for the rounding to 0.1 px
                for n, sign in ((a, -1), (b, 1)):
                    n.x = round(min(width - n.r - GAP, max(n.r + GAP, n.x + sign * ux * shift)), 1)
                    n.y = round(min(height - n.r - GAP, max(n.r + GAP, n.y + sign * uy * shift)), 1)
                moved = True
        if not moved:
            return


def _nudge(nodes: list[Node], edges: list[Edge], width: float, height: float) -> None:
    """Moves a node that sits on a line it does not join (within CLEAR of its circle) just off
    it — at most NUDGE px, and only to where it is clear of the other circles — so that the
    line no longer reads as passing through it. A few rounds: a move can put it on another line."""
    for _ in range(4):
        moved = False
        for e in edges:
            a, b = e.a, e.b
            left, right, top, bottom = min(a.x, b.x), max(a.x, b.x), min(a.y, b.y), max(a.y, b.y)
            for n in nodes:
                room = n.r + CLEAR + 0.5  # and some, for the rounding to 0.1 px
                if n is a or n is b or n.x + room < left or n.x - room > right or n.y + room < top or n.y - room > bottom:
                    continue
                d, qx, qy = _nearest(n.x, n.y, a.x, a.y, b.x, b.y)
                if d >= room or room - d > NUDGE or a is b:
                    continue
                if d > 0.01:
                    ux, uy = (n.x - qx) / d, (n.y - qy) / d
                else:  # right on the line: to its left (up, when the line is a point: its two ends at one spot)
                    length = math.hypot(b.x - a.x, b.y - a.y)
                    ux, uy = (-(b.y - a.y) / length, (b.x - a.x) / length) if length else (0.0, -1.0)
                x, y = round(n.x + ux * (room - d), 1), round(n.y + uy * (room - d), 1)
                if MARGIN / 2 <= x <= width - MARGIN / 2 and MARGIN / 2 <= y <= height - MARGIN / 2 and all(
                        math.hypot(x - o.x, y - o.y) >= o.r + n.r + GAP for o in nodes if o is not n):
                    n.x, n.y, moved = x, y, True
        if not moved:
            return


def _route(nodes: list[Node], edges: list[Edge], width: float, height: float) -> None:
    """Each line straight if that clears every circle but its own two's (and no line joins the
    two already), else bent once, at the first corner of a fixed list (nearest the straight
    line first) that clears them. A line no corner clears is not drawn: a co-occurrence is
    left out, a relation is still in the text list under the graph."""
    joined: set[tuple[str, str]] = set()
    for e in edges:
        if e.a is e.b:
            continue
        pair = (min(e.a.id, e.b.id), max(e.a.id, e.b.id))
        for points in _courses(e.a, e.b, width, height, straight=pair not in joined):
            if _clear(points, nodes):
                e.points = points
                joined.add(pair)
                break


def _courses(a: Node, b: Node, width: float, height: float, straight: bool):
    """The ways a line from a to b may go, in the order they are tried: straight, then with one
    corner at a third, half or two thirds of the way, off to either side by a share of its length."""
    if straight:
        yield [(a.x, a.y), (b.x, b.y)]
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy)
    if not length:  # both ends at one spot: there is no line to bend
        return
    for share in BENDS:
        off = max(share * length, 12.0) / length
        for t in (0.5, 0.35, 0.65):
            for side in (1, -1):
                x, y = round(a.x + t * dx - side * dy * off, 1), round(a.y + t * dy + side * dx * off, 1)
                if GAP <= x <= width - GAP and GAP <= y <= height - GAP:
                    yield [(a.x, a.y), (x, y), (b.x, b.y)]


def _clear(points: list[tuple[float, float]], nodes: list[Node]) -> bool:
    """Whether each segment of a line keeps CLEAR px from every circle but those it starts or ends at."""
    for (ax, ay), (bx, by) in pairwise(points):
        left, right, top, bottom = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
        for n in nodes:
            room = n.r + CLEAR
            if n.x + room < left or n.x - room > right or n.y + room < top or n.y - room > bottom:
                continue
            if (n.x, n.y) != (ax, ay) and (n.x, n.y) != (bx, by) and _nearest(n.x, n.y, ax, ay, bx, by)[0] < room:
                return False
    return True


class _Grid:
    """Things by the cells of a coarse grid that their boxes touch, so that a word is checked
    against what is near it only (the graph page has hundreds of lines and names). A small
    graph (`cell` None) is one cell: looking things up would cost more than checking them all."""

    def __init__(self, cell: float | None) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list] = defaultdict(list)

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        c = self.cell
        if c is None:
            return [(0, 0)]
        return [(i, j) for i in range(int(box[0] // c), int(box[2] // c) + 1) for j in range(int(box[1] // c), int(box[3] // c) + 1)]

    def add(self, item, box: Box) -> None:
        for key in self._keys(box):
            self.cells[key].append(item)

    def near(self, box: Box) -> list:
        keys = self._keys(box)
        if len(keys) == 1:
            return self.cells.get(keys[0], [])
        found = {}
        for key in keys:
            for item in self.cells.get(key, ()):
                found[id(item)] = item
        return list(found.values())


def _name_spots(n: Node, font: float, middle: tuple[float, float] | None) -> list[tuple[str, float, float]]:
    """Where a node's name may go (text-anchor, x, baseline), in the order they are tried:
    below, above, right, left of the circle, then its four corners; with `middle` (not at the
    node), those pointing away from it first."""
    r, up, down, centred = n.r + GAP + 0.5, ASCENT * font, DESCENT * font, (ASCENT - DESCENT) / 2 * font  # 0.5: rounding
    d = n.r * 0.71 + GAP + 0.5
    spots = [(0, 1, "middle", n.x, n.y + r + up), (0, -1, "middle", n.x, n.y - r - down), (1, 0, "start", n.x + r + GAP, n.y + centred),
             (-1, 0, "end", n.x - r - GAP, n.y + centred), (1, 1, "start", n.x + d, n.y + d + up), (-1, 1, "end", n.x - d, n.y + d + up),
             (1, -1, "start", n.x + d, n.y - d - down), (-1, -1, "end", n.x - d, n.y - d - down)]
    if middle and (n.x, n.y) != middle:
        ox, oy = n.x - middle[0], n.y - middle[1]
        spots.sort(key=lambda s: -(s[0] * ox + s[1] * oy) / math.hypot(s[0], s[1]))
    return [s[2:] for s in spots]


def _word_spots(points: list[tuple[float, float]], font: float) -> list[tuple[str, float, float]]:
    """Where a relation's word may go on its line: centred on it, half way along first."""
    lengths = [math.hypot(bx - ax, by - ay) for (ax, ay), (bx, by) in pairwise(points)]
    spots = []
    for share in ALONG:
        rest, k = share * sum(lengths), 0
        while k < len(lengths) - 1 and rest > lengths[k]:
            rest, k = rest - lengths[k], k + 1
        (ax, ay), (bx, by) = points[k], points[k + 1]
        t = rest / lengths[k] if lengths[k] else 0.0
        spots.append(("middle", ax + t * (bx - ax), ay + t * (by - ay) + (ASCENT - DESCENT) / 2 * font))
    return spots


def _crosses(segment: tuple[float, float, float, float], box: Box) -> bool:
    """Whether a segment (ax, ay, bx, by) runs through a box (Liang–Barsky clipping)."""
    ax, ay, bx, by = segment
    dx, dy = bx - ax, by - ay
    low, high = 0.0, 1.0
    for p, q in ((-dx, ax - box[0]), (dx, box[2] - ax), (-dy, ay - box[1]), (dy, box[3] - ay)):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            low = max(low, q / p)
        else:
            high = min(high, q / p)
        if low > high:
            return False
    return True


def _covers(box: Box, n: Node) -> bool:
    nx, ny = min(max(n.x, box[0]), box[2]), min(max(n.y, box[1]), box[3])
    return math.hypot(n.x - nx, n.y - ny) < n.r


def _place_words(nodes: list[Node], edges: list[Edge], width: float, height: float, font: float,
                 middle: tuple[float, float] | None) -> None:
    """Each node's name (in the nodes' order: the most mentioned first), then each drawn relation's
    word, at the spot of its candidates that is free — inside the picture, GAP from every circle
    and every word already placed — and crosses the fewest lines, the earliest of those (around a
    `middle`, the first free one: outwards, the names are off its lines already, and a thousand
    neighbourhoods are laid out each build). A name with no free spot is written on hover and
    focus only; a word with none is left out (the line's <title> and the text list say it)."""
    cell = 64.0 if len(nodes) > 20 else None
    circles, taken, lines = _Grid(cell), _Grid(cell), _Grid(cell)
    for n in nodes:
        circles.add(n, (n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r))
    for k, e in enumerate(edges if middle is None else ()):
        for (ax, ay), (bx, by) in pairwise(e.points):
            around = (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
            lines.add((k, (ax, ay, bx, by), around), around)

    def best(spots, text: str, size: float, own: int | None):
        """The chosen spot and its box, or None, for `text` at `size` px (on line `own`)."""
        chosen, fewest = None, math.inf
        for anchor, x, y in spots:
            x, y = round(x, 1), round(y, 1)
            box = text_box(anchor, x, y, text, size)
            room = (box[0] - GAP, box[1] - GAP, box[2] + GAP, box[3] + GAP)
            if box[0] < 1 or box[1] < 1 or box[2] > width - 1 or box[3] > height - 1:
                continue
            if any(c.x + c.r > room[0] and c.x - c.r < room[2] and c.y + c.r > room[1] and c.y - c.r < room[3] and _covers(room, c)
                   for c in circles.near(room)) or any(
                    room[0] < t[2] and t[0] < room[2] and room[1] < t[3] and t[1] < room[3] for t in taken.near(room)):
                continue
            crossed = sum(1 for k, segment, around in lines.near(box) if k != own and around[0] <= box[2] and box[0] <= around[2]
                          and around[1] <= box[3] and box[1] <= around[3] and _crosses(segment, box))
            if crossed < fewest:
                chosen, fewest = (anchor, x, y, box), crossed
                if not crossed:
                    break
        return chosen

    for n in nodes:
        spots = _name_spots(n, font, middle)
        chosen = best(spots, n.label, font, None)
        if chosen:
            n.anchor, n.lx, n.ly, box = chosen
            taken.add(box, box)
        else:
            n.anchor, n.lx, n.ly = spots[0][0], round(spots[0][1], 1), round(spots[0][2], 1)
            n.shown = False
    for k, e in enumerate(edges):
        if not e.label or not e.points:
            continue
        word = str(PREDICATE_LABELS.get(e.label, e.label))
        chosen = best(_word_spots(e.points, EDGE_FONT), word, EDGE_FONT, k)
        if chosen:
            _, e.wx, e.wy, box = chosen
            e.word = word
            taken.add(box, box)
