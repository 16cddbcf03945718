"""Render loaded records into the pages of the site (in memory).

Jinja2 with autoescape on and StrictUndefined: every value from an article
is escaped, and a template that asks for a missing field fails the build
instead of printing nothing. All links are relative (each page knows its
`root`), so the site works from file://, a local server or any sub-path.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from functools import partial
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from builder.analyze.lexicon import TYPES
from builder.files.cache import Entries
from builder.files.staging import Made, Unchanged, make_all, never
from builder.kb.export import Parts, kb_json
from builder.kb.records import Digests, Records
from builder.kb.review import review_items
from builder.link.duplicates import percent
from builder.read.dates import date_label, html_datetime, is_partial
from builder.site import publish, said, search_index
from builder.site.article_html import TITLE_BLOCKS, article_html, markdown
from builder.site.graph import Edge, Graph, Node, cooccurrence
from builder.site.labels import (
    BASIS_LABELS,
    DATE_FROM_LABELS,
    EVENT_LABELS,
    PREDICATE_LABELS,
    PROPERTY_LABELS,
    ROLE_PREDICATES,
    TYPE_LABELS,
)

SNIPPET = 40
MIN_PAGES_PER_PROCESS = 200  # below this a forked worker costs more than it saves
RELATED = 10
SHOWN_SOURCES = 50  # an entity page shows snippets from this many articles, then links to the rest
SHOWN_CLAIMS = 30  # rows per claimed property; kb.json has them all
SHOWN_EVIDENCE = 10  # quotes under each relation (a CEO named in 3,000 articles made a 650 KB list); kb.json has them all
INFOBOX_NAMES = 10  # names in one infobox row of relations pointing at an entity (a country is where hundreds of companies are); the relations list has all
RECENT_EVENTS = 200  # the first page of the timeline, the events list and the sources list; every month has its own page
UNDATED = "undated"  # the month of an article with no date
UNKNOWN_MONTH = "unknown"  # the timeline page of events whose year or month no source gave (24日)
REVIEW_SHOWN = 300  # review.html lists this many; `musubi review` prints them all
TYPE_PAGE_NAMES = {"index": "market-index"}  # a type whose name would make types/index.html gets another


def type_page(kind: str) -> str:
    """The page listing one type of entity, relative to site/. types/index.html is the list of
    every type: it is what a web server opens for types/, so no type may have it (the market
    indices, type `index`, once did, and types/ opened them)."""
    return f"types/{TYPE_PAGE_NAMES.get(kind, kind)}.html"


def environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = markdown
    env.filters["sources_first"] = sources_first
    env.filters["when"] = when
    env.globals.update(article_html=article_html, title_blocks=TITLE_BLOCKS, type_labels=TYPE_LABELS, predicate_labels=PREDICATE_LABELS,
                       property_labels=PROPERTY_LABELS, basis_labels=BASIS_LABELS, event_labels=EVENT_LABELS,
                       date_from_labels=DATE_FROM_LABELS, types=TYPES, type_page=type_page,
                       shown_evidence=SHOWN_EVIDENCE, infobox_names=INFOBOX_NAMES)
    return env


def snippet(text: str, start: int, end: int) -> dict:
    """Keyword in context: up to SNIPPET characters each side, within one line."""
    left = text[max(0, start - SNIPPET) : start].rsplit("\n", 1)[-1]
    right = text[end : end + SNIPPET].split("\n", 1)[0]
    return {"left": left, "hit": text[start:end], "right": right}


class Site:
    """Derived views over the records that several pages share."""

    def __init__(self, records: Records):
        self.r = records
        self.entities = {e["id"]: e for e in records.entities}
        self.sources = {s["id"]: s for s in records.sources}
        self.originals = {s["id"]: s["duplicate_of"] for s in records.sources if s.get("duplicate_of")}  # copy → original
        self.copies: dict[str, list[dict]] = defaultdict(list)  # original → its copies' records, in id order
        for s in records.sources:
            if s.get("duplicate_of"):
                self.copies[s["duplicate_of"]].append(s)
        self.events = records.events
        self.incoming: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
        for e in records.entities:
            for rel in e["relations"]:
                self.incoming[rel["object"]].append((e, rel))
        self.events_of: dict[str, list[dict]] = defaultdict(list)
        self.events_in: dict[str, list[dict]] = defaultdict(list)  # source → the events it reports
        for ev in records.events:
            for eid in ev["entities"]:
                self.events_of[eid].append(ev)
            for sid in dict.fromkeys(x["source"] for x in ev["evidence"]):
                self.events_in[sid].append(ev)
        self.cooccur = cooccurrence(records)
        self.said = said.Index(records.entities)
        self.related = {e["id"]: {r["object"] for r in e["relations"]} for e in records.entities}
        self._block_starts: dict[str, list[int]] = {}
        self._summaries: dict[str, str] = {}

    def said_section(self, statements: list[dict], shown: int = said.SHOWN) -> dict:
        """Statements as a page lists them: the newest `shown` (`said.line`), and how many more."""
        ordered = said.newest_first(statements)
        return {"shown": [said.line(st, self.entities, self.sources, _brief, _source_brief) for st in ordered[:shown]],
                "more": max(0, len(ordered) - shown)}

    def said_at_event(self, event: dict) -> list[tuple[dict, dict]]:
        """Who said what about an event, grouped by speaker (`said.by_party`): in each source
        that reports it, every statement when the source reports no other event; else, near a
        sentence reporting it (`said.Index.near`), those in that sentence's paragraph and those
        by one of its entities (not a place), by someone related to one (its 総裁), or naming one
        in their sentence (財務相は東都銀の決定について「…」と述べた)."""
        parties = [x for x in event["entities"] if self.entities[x]["type"] != "place"]
        wanted = set(parties)
        found: dict[tuple[str, int], dict] = {}
        for q in event["evidence"]:
            sid = q["source"]
            if len(self.events_in.get(sid, ())) <= 1:
                found.update(((sid, st["start"]), st) for st in self.said.in_source.get(sid, []))
                continue
            paragraph = self.block_of(sid, q["start"])
            named = self.said.named_in(self.sources[sid])
            for st in self.said.near(sid, q):
                if (paragraph[0] <= st["start"] < paragraph[1]
                        or wanted & ({st["speaker"], *st["about"]} | self.related[st["speaker"]] | named(st["context"]))):
                    found[(sid, st["start"])] = st
        ordered = [found[k] for k in sorted(found)]
        return [(_brief(self.entities[p]), self.said_section(sts, said.SHOWN_PER_PARTY)) for p, sts in said.by_party(ordered, parties)]

    def block_of(self, sid: str, at: int) -> tuple[int, int]:
        """(start, end) of the block of source `sid` that holds offset `at`."""
        blocks = self.sources[sid]["blocks"]
        starts = self._block_starts.get(sid)
        if starts is None:
            starts = self._block_starts[sid] = [b["start"] for b in blocks]
        k = bisect_right(starts, at) - 1
        return (blocks[k]["start"], blocks[k]["end"]) if k >= 0 else (at, at)

    def independent(self, sources: Iterable[str]) -> int:
        """How many different articles `sources` are: a copy and its original are one."""
        return len({self.originals.get(sid, sid) for sid in sources})

    def seen(self, entity: dict) -> tuple[str, str, str]:
        """First and last date, and what they are: the dates of the articles that mention it,
        or when no article is dated, of the events it takes part in; ('', '', '') if neither."""
        dates = sorted({self.sources[m["source"]]["date"] for m in entity["mentions"]} - {None, ""})
        basis = "記事の日付"
        if not dates:
            dates, basis = sorted({ev["date"] for ev in self.events_of[entity["id"]] if not is_partial(str(ev["date"]))}), "出来事の日付"
        return (str(dates[0]), str(dates[-1]), basis) if dates else ("", "", "")

    def summary(self, entity: dict) -> str:
        """A one-line description: the sources' own words (札幌のAIスタートアップ) when they have
        one, else what its relations say (ZetaLabのCEO, ZetaLabが開発), else its type. Made once
        an entity: its page, its search entry and every timeline month that shows it ask."""
        found = self._summaries.get(entity["id"])
        if found is None:
            found = self._summaries[entity["id"]] = self._summary(entity)
        return found

    def _summary(self, entity: dict) -> str:
        if entity.get("description"):
            return entity["description"]
        parts = []
        for rel in entity["relations"]:
            other = self.entities[rel["object"]]["name"]
            if rel["predicate"] == "developed_by" or rel["predicate"] in ROLE_PREDICATES:
                parts.append(PREDICATE_LABELS[rel["predicate"]].text("of_subject", o=other))
            elif rel["predicate"] == "located_in":
                parts.append(f"{other}の{TYPE_LABELS[entity['type']]}")
        return "、".join(dict.fromkeys(parts)) or "・".join(entity.get("titles", [])) or TYPE_LABELS[entity["type"]]

    def mentions_by_source(self, entity: dict) -> dict[str, list[dict]]:
        """The entity's mentions grouped by source, sources in id order: a page quotes the first
        SHOWN_SOURCES (`quotes`) and counts the others, so that a name in thousands of
        articles still has a page one can open."""
        grouped: dict[str, list[dict]] = defaultdict(list)
        for m in entity["mentions"]:
            grouped[m["source"]].append(m)
        return {sid: grouped[sid] for sid in sorted(grouped)}

    def quotes(self, grouped: dict[str, list[dict]]) -> list[tuple[dict, list[dict]]]:
        """(source brief, mentions each with its snippet) for each of `grouped`'s sources."""
        return [(_source_brief(self.sources[sid]), [{**m, **snippet(self.sources[sid]["text"], m["start"], m["end"])} for m in ms])
                for sid, ms in grouped.items()]

    def claim_groups(self, entity: dict) -> list[dict]:
        """Claims in groups whose numbers can be compared — by property, unit, period and basis, as
        `Claim.comparable` — each with the anchor of the subject's mention in its sentence. A
        group is headed by its period, and by its basis when every claim in it gives one (a
        figure given without one is compared with results, but is not called a result)."""
        starts: dict[str, list[int]] = defaultdict(list)
        for m in entity["mentions"]:
            starts[m["source"]].append(m["start"])
        for found in starts.values():
            found.sort()
        groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for c in entity["claims"]:
            ev = c["evidence"]
            found = starts.get(ev["source"], [])
            k = bisect_left(found, ev["start"])
            inside = k < len(found) and found[k] < ev["end"]
            key = (c["property"], c["unit"], c.get("period", ""), c.get("basis", "") or "actual")
            groups[key].append({**c, "anchor": f"#m-{found[k]}" if inside else ""})
        return [{"property": p, "unit": u, "period": period, "basis": basis if all(c.get("basis") == basis for c in cs) else "",
                 "claims": sorted(cs, key=lambda c: (c["source"], c["number"]))[:SHOWN_CLAIMS],
                 "more": max(0, len(cs) - SHOWN_CLAIMS), "disputed": any(c["disputed"] for c in cs)}
                for (p, u, period, basis), cs in sorted(groups.items())]


class FromRecords:
    """A value of a page's context made only when the page is rendered. The page's fingerprint
    holds, in its place, the digests of the records it is made from: a page quoting fifty
    articles would cost more to fingerprint than to render, and a page whose records are
    unchanged is then skipped without making its quotes at all."""

    __slots__ = ("digests", "make")

    def __init__(self, make: Callable[[], object], digests: list[str]):
        self.make, self.digests = make, digests

    @classmethod
    def record(cls, record: dict, digest: str) -> FromRecords:
        return cls(lambda: record, [digest])


def render_pages(records: Records, templates: Path, title: str, put: Callable[[str, str | Iterable[str]], bool], base_url: str = "",
                 workers: int = 1, unchanged: Unchanged = never, kb_parts: Parts | None = None,
                 digests: Digests | None = None, search_cache: Entries | None = None) -> Made:
    """Every file of the site, each handed to `put(path relative to site/, text)` as soon as
    it is made (see `site.Staged`) — a text, or for the big files an iterator of its
    pieces. The templates run over `workers` processes (0: one per core), which does not
    change a byte; `put` then runs in the worker, so with more than one it must write to disk.

    Entity, event, source, timeline and type-list pages are self-contained: their context is
    plain data (no `site`), so its fingerprint says all they show, and a page `unchanged` vouches
    for is not rendered again; where it shows a record, or quotes made from records, its fingerprint
    holds their digests instead (`FromRecords`; `digests`: shared with the records stage and kb.json). The others
    (home, graph, sources list, review) read the whole site and are always rendered. `kb_parts`:
    kb.json's items as the last build left them (`kb_export`); `search_cache`: the search index's
    postings as the last build left them (`search_index.index_files`)."""
    env = environment(templates)
    site = Site(records)
    digest = digests or Digests()
    graph = Graph(records, site.cooccur)
    jobs: dict[str, tuple[str, dict, bool, Callable[[], dict] | None]] = {}  # path: (template, context, self-contained, view)
    types_used = [t for t in TYPES if any(e["type"] == t for e in records.entities)]
    feed = publish.feed(site, base_url, title)  # made first: every page's <head> links it when there is one

    def page(path: str, template: str, page_kind: str, subject: dict | None = None, alone: bool = False,
             view: Callable[[], dict] | None = None, **context) -> None:
        """One page; `page_kind` and `subject` (the record it shows) feed its <head> (`publish.page_head`).
        `alone`: the page is self-contained — `context`, and what `view` returns (made in the
        worker that renders the page), are all it shows, as plain data."""
        if path in jobs:
            raise ValueError(f"two pages at {path}")
        root = "../" * path.count("/")
        if path == "404.html" and base_url:  # a host shows it at any depth: only absolute links work there
            root = base_url.rstrip("/") + "/"
        head = publish.page_head(site, path, page_kind, subject, base_url, title, feed is not None)
        whole_site = {} if alone else {"site": site, "graph": graph}
        jobs[path] = (template, dict(root=root, site_title=title, types_used=types_used, head=head, **whole_site, **context), alone, view)

    counts = Counter(e["type"] for e in records.entities)
    top = sorted(records.entities, key=lambda e: (-len(e["mentions"]), e["id"]))[:15]
    by_date = sorted(records.events, key=lambda ev: (not is_partial(str(ev["date"])), str(ev["date"]), ev["id"]))  # 24日 is not the newest
    page("index.html", "index.html", "home", counts=counts, top=top, latest=by_date[::-1][:10])
    page("types/index.html", "types.html", "types", alone=True, kinds=[(t, counts[t]) for t in types_used])
    for t in types_used:
        members = sorted((e for e in records.entities if e["type"] == t), key=lambda e: (-len(e["mentions"]), e["id"]))
        page(type_page(t), "type.html", "type", alone=True, kind=t,
             members=[{**_brief(e), "aliases": e["aliases"], "mentions": len(e["mentions"]),
                       "sources": site.independent({m["source"] for m in e["mentions"]})} for e in members])
    by_month = _by_month(by_date, _event_month)
    months = [(m, len(evs)) for m, evs in by_month.items()]
    recent = _newest({m: evs for m, evs in by_month.items() if m != UNKNOWN_MONTH}) or by_date
    page("events/index.html", "events_index.html", "events", alone=True, events=[_event_line(ev) for ev in recent[::-1]],
         names={i: site.entities[i]["name"] for ev in recent for i in ev["entities"]}, months=months, total=len(by_date))
    page("timeline.html", "timeline.html", "timeline", alone=True, view=partial(timeline_view, site, recent),
         months=months, month="", total=len(by_date))
    bare_months = [(m, None) for m in by_month]  # without counts, so a month's page changes only with its own events
    for m, evs in by_month.items():
        page(f"timeline/{m}.html", "timeline.html", "timeline", alone=True, view=partial(timeline_view, site, evs),
             months=bare_months, month=m)
    page("graph.html", "graph.html", "graph")
    page("search.html", "search.html", "search")
    page("404.html", "404.html", "404")
    items = review_items(records)
    page("review.html", "review.html", "review", items=items[:REVIEW_SHOWN], more=len(items) - len(items[:REVIEW_SHOWN]))
    dated = sorted(records.sources, key=lambda s: (s["date"] or "", s["id"]))
    sources_by_month = _by_month(dated, lambda s: s["date"] or "")
    source_months = [(m, len(ss)) for m, ss in sources_by_month.items()]
    newest = _newest({m: ss for m, ss in sources_by_month.items() if m != UNDATED}) or dated
    page("sources/index.html", "sources_index.html", "sources", alone=True, sources=[_source_line(s) for s in newest[::-1]],
         months=source_months, month="", total=len(dated))
    for m, ss in sources_by_month.items():
        page(f"sources/by-month/{m}.html", "sources_index.html", "sources", alone=True, sources=[_source_line(s) for s in ss[::-1]],
             months=[(other, None) for other in sources_by_month], month=m, total=len(ss))
    kinds = {e["id"]: e["type"] for e in records.entities}
    for s in records.sources:
        contributed = sorted({m["entity"] for m in s["mentions"]}, key=lambda i: (kinds[i], i))
        original = site.sources.get(s.get("duplicate_of") or "")
        page(f"sources/{s['id']}.html", "source.html", "source", s, alone=True, source=FromRecords.record(s, digest("sources", s)),
             original={**_source_brief(original), "percent": percent(s.get("similarity"))} if original else None,
             copies=[{**_source_brief(c), "percent": percent(c.get("similarity"))} for c in site.copies.get(s["id"], [])],
             kinds={i: kinds[i] for i in contributed},
             contributed=[_brief(site.entities[i]) for i in contributed],
             speakers={x["speaker"]: site.entities[x["speaker"]]["name"] for x in s.get("statements", []) if x["speaker"] in site.entities},
             said=site.said_section(site.said.in_source.get(s["id"], [])),
             events=[_event_brief(ev) for ev in site.events_in.get(s["id"], [])])
    for e in records.entities:
        page(f"entities/{e['id']}.html", "entity.html", "entity", e, alone=True, view=partial(entity_view, site, graph, e, digest))
    for ev in records.events:
        page(f"events/{ev['id']}.html", "event.html", "event", ev, alone=True, event=FromRecords.record(ev, digest("events", ev)),
             entities={x: _brief(site.entities[x]) for x in ev["entities"]}, view=partial(_said_at, site, ev),
             cited={q["source"]: _source_brief(site.sources[q["source"]]) for q in ev["evidence"]})
    for r in records.redirects:  # merged or renamed: the old address still leads somewhere
        page(f"entities/{r['id']}.html", "redirect.html", "redirect", r, redirect=r, target=site.entities[r["to"]])
    graph.page()  # laid out once, before any worker starts, so no worker lays it out again

    def recipe(job: tuple[str, dict, bool, Callable[[], dict] | None]) -> tuple[list | None, Callable[[], str]]:
        template, context, alone, view = job
        if view:
            context = {**context, **view()}

        def make() -> str:
            return env.get_template(template).render({k: v.make() if isinstance(v, FromRecords) else v for k, v in context.items()})

        made_from = {k: v.digests if isinstance(v, FromRecords) else v for k, v in context.items()}
        return ([template, made_from] if alone else None), make

    made = make_all(jobs, recipe, put, workers, MIN_PAGES_PER_PROCESS, unchanged)
    assets = sorted(a for a in (templates / "assets").iterdir() if a.is_file())  # style sheet and scripts, as they are
    for a in assets:
        made.add(f"assets/{a.name}", put(f"assets/{a.name}", a.read_text(encoding="utf-8")))
    with nullcontext(kb_parts) if kb_parts else Parts(digests=digest) as parts:  # the two big files are streamed, one after the other
        made.add("kb.json", put("kb.json", kb_json(records, parts)))
    for path, text, made_from in search_index.shards(site, workers, search_cache, unchanged):  # small files, each loaded when a query needs it
        made.add(path, None if text is None else put(path, text), made_from)
    for path, text in publish.site_files(site, sorted(made.changed), base_url, feed).items():
        made.add(path, put(path, text))
    return made


def _said_at(site: Site, event: dict) -> dict:
    """An event page's who-said-what, worked out in the worker that renders it."""
    return {"said": site.said_at_event(event)}


def sources_first(spans: list[dict]) -> list[dict]:
    """The first quote from each source, then the others: the few quotes a page shows come
    from as many articles as they can."""
    firsts, others, seen = [], [], set()
    for span in spans:
        (others if span["source"] in seen else firsts).append(span)
        seen.add(span["source"])
    return firsts + others


def entity_view(site: Site, graph: Graph, e: dict, digest: Digests) -> dict:
    """Everything an entity page shows besides its <head>, as plain data (its fingerprint decides
    whether the page is rendered again): other records only as far as it shows them. The record
    itself, its claims, its quotes and the relations pointing at it are `FromRecords`."""
    own = digest("entities", e)
    grouped = site.mentions_by_source(e)
    quoted = dict(list(grouped.items())[:SHOWN_SOURCES])
    nodes, edges = graph.neighbourhood(e["id"])
    incoming = site.incoming.get(e["id"], [])
    return {
        "entity": FromRecords(lambda: {k: v for k, v in e.items() if k not in ("mentions", "claims", "statements")}, [own]),  # shown as counts, quotes, groups and `said`
        "mention_count": len(e["mentions"]),
        "source_count": site.independent(grouped),  # a copy of an article is not another source
        "copy_count": len(grouped) - site.independent(grouped),
        "summary": site.summary(e),
        "seen": site.seen(e),
        "objects": {r["object"]: _brief(site.entities[r["object"]]) for r in e["relations"]},
        "incoming": FromRecords(lambda: [(_brief(subject), r) for subject, r in incoming],
                                [digest("entities", subject) for subject, _ in incoming]),
        "groups": FromRecords(partial(site.claim_groups, e), [own]),
        "source_names": {c["source"]: _claim_source(site, c["source"]) for c in e["claims"] if c["source"]},
        "cited": {q["source"]: _source_brief(site.sources[q["source"]])  # the articles of the quotes under its relations, by title
                  for r in [*e["relations"], *(r for _, r in incoming)] for q in sources_first(r["evidence"])[:SHOWN_EVIDENCE]},
        "events": [_event_brief(ev) for ev in site.events_of.get(e["id"], [])],
        "neighbourhood": _plain_graph(nodes, edges),
        "shown": FromRecords(partial(site.quotes, quoted), [own, *(digest("sources", site.sources[sid]) for sid in quoted)]),
        "rest": [(_source_brief(site.sources[sid]), len(ms)) for sid, ms in list(grouped.items())[SHOWN_SOURCES:]],
        "related": [(_brief(site.entities[b]), site.cooccur[e["id"]][b]) for b in graph.closest(e["id"])[:RELATED]],
        "said": site.said_section([{**st, "speaker": e["id"]} for st in e.get("statements", [])]),
        "said_about": site.said_section([st for st in site.said.about.get(e["id"], []) if st["speaker"] != e["id"]]),
    }


def _by_month(items: list[dict], date: Callable[[dict], str]) -> dict[str, list[dict]]:
    """Items (in date order) by month: "2025-01", "2025" for a date known only to the year, UNDATED."""
    months: dict[str, list[dict]] = {}
    for item in items:
        months.setdefault(date(item)[:7] or UNDATED, []).append(item)
    return months


def _newest(by_month: dict[str, list[dict]]) -> list[dict]:
    """Whole months, the newest, up to RECENT_EVENTS items (at least one month): what a list's first page shows."""
    recent: list[dict] = []
    for m in reversed(by_month):
        if recent and len(recent) + len(by_month[m]) > RECENT_EVENTS:
            break
        recent = by_month[m] + recent
    return recent


def _source_line(source: dict) -> dict:
    return {**_source_brief(source), "date": source["date"], "mentions": len(source["mentions"]),
            "duplicate_of": source.get("duplicate_of")}


def _claim_source(site: Site, sid: str) -> dict:
    """A claim's source as its row shows it: with the article it is a copy of, if it is one."""
    original = site.originals.get(sid)
    return {**_source_brief(site.sources[sid]), "copy_of": _source_brief(site.sources[original]) if original else None}


def timeline_view(site: Site, events: list[dict]) -> dict:
    """What a timeline page shows of its events, their entities (with the preview card's
    line) and their sources, as plain data."""
    ids = dict.fromkeys(i for ev in events for i in ev["entities"])
    lines = [_event_line(ev) for ev in events]
    return {
        "events": lines,
        "previews": {i: {**_brief(site.entities[i]), "summary": site.summary(site.entities[i])} for i in ids},
        "sources": {sid: _source_brief(site.sources[sid]) for line in lines for sid in line["sources"]},
    }


def _event_month(event: dict) -> str:
    """The timeline page an event is on: its month, or UNKNOWN_MONTH for a date without a year
    (XXXX-XX-24 must not make a page named after it, nor sort as the newest)."""
    date = str(event["date"])
    return UNKNOWN_MONTH if is_partial(date) else date[:7]


def when(value) -> Markup:
    """A date as pages show it: in a `<time>` element when HTML can say it (2025-01-27, 2025-01,
    a yearless 03-24), as plain text otherwise (24日: a day whose month no source gave)."""
    iso = str(value)
    label, machine = escape(date_label(iso)), html_datetime(iso)
    return Markup(f'<time datetime="{escape(machine)}">{label}</time>' if machine else f'<span class="date">{label}</span>')


def _event_line(event: dict) -> dict:
    """An event in a list: its brief, what it is about and who reported it."""
    return {**_event_brief(event), "type": event["type"], "date_basis": event.get("date_basis", ""), "month": _event_month(event),
            "entities": event["entities"], "sources": list(dict.fromkeys(x["source"] for x in event["evidence"]))}


def _plain_graph(nodes: list[Node], edges: list[Edge]) -> tuple[list[dict], list[dict]]:
    """Nodes and edges as dicts (`dataclasses.asdict` copies deeply: ten times slower)."""
    plain = {n.id: vars(n).copy() for n in nodes}
    return list(plain.values()), [{**vars(x), "a": plain[x.a.id], "b": plain[x.b.id]} for x in edges]


def _brief(entity: dict) -> dict:
    """What a link to an entity shows: enough for `entity_link`, and nothing that changes with every article."""
    return {"id": entity["id"], "type": entity["type"], "name": entity["name"]}


def _source_brief(source: dict) -> dict:
    return {"id": source["id"], "title": source["title"], "publisher": source["publisher"]}


def _event_brief(event: dict) -> dict:
    return {"id": event["id"], "date": event["date"], "title": event["title"]}
