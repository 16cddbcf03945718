"""Relations, events and claims, once every mention knows its entity.

The analyzer proposed them sentence by sentence; here they are checked
against the entities' types, merged across sources (one relation with all
its supporting sentences; one event however many articles report it) and
compared (claims on the same subject and property that disagree).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping

from builder.analyze import Analysis
from builder.analyze.patterns import ORG_TYPES, PREDICATE_TYPES
from builder.analyze.vocab import vocab
from builder.link.entities import developer_prefix
from builder.model import Claim, Entity, Event, Mention, Relation, Span


def _entity_of(a: Analysis, k: int) -> str | None:
    return a.mentions[k].entity


def relations(analyses: list[Analysis], entities: list[Entity]) -> list[Relation]:
    kinds = {e.id: e.type for e in entities}
    found: dict[tuple[str, str, str], dict[tuple[str, int], Span]] = defaultdict(dict)
    for a in analyses:
        context = _Context(a, kinds)
        for s in a.sentences:
            for x, predicate, y in s.relations:
                subject = _entity_of(a, x)
                obj = _entity_of(a, y) if y is not None else context.at(a.mentions[x].start, ORG_TYPES, {subject})
                if subject and obj and subject != obj and _fits(predicate, kinds[subject], kinds[obj]):
                    found[(subject, predicate, obj)][(s.span.source, s.span.start)] = s.span
    orgs = {m.key: e.id for e in entities if e.type in ORG_TYPES for m in e.mentions}
    by_source = {a.article.id: a for a in analyses}
    has_developer = {k[0] for k in found if k[1] == "developed_by"}
    for e in entities:  # a model named after its developer (ZetaLab-Z2)
        org = developer_prefix(e, orgs) if e.type == "model" else None
        if org and e.id not in has_developer:
            first = e.mentions[0]
            span = _sentence_of(by_source[first.source], first)
            found[(e.id, "developed_by", org)][(span.source, span.start)] = span
    merged: dict[tuple[str, str, str], dict] = defaultdict(dict)
    for (s, p, o), spans in found.items():
        merged[(s, PUBLISHED_AS.get(p, p), o)].update(spans)
    return [Relation(s, p, o, [spans[k] for k in sorted(spans)]) for (s, p, o), spans in sorted(merged.items())]


PUBLISHED_AS = {"place_within": "located_in"}


class _Context:
    """What an article is talking about at a point, of a given type: the last topic (Xは…) before
    it, else the nearest mention before it. 同社 and a title without an organisation refer to it.

    The article's mentions are kept per type, in text order (names found corpus-wide were
    added at the end of the list), with their place in that order; a question is a binary
    search per type instead of a walk from the start of the article, which made a long
    article's relations quadratic in its mentions."""

    def __init__(self, a: Analysis, kinds: dict[str, str]):
        self.mentions: dict[str, list] = defaultdict(list)  # type → [(start, order, entity)]
        self.topics: dict[str, list] = defaultdict(list)
        for order, m in enumerate(sorted(a.mentions, key=lambda m: m.start)):
            kind = kinds.get(m.entity) if m.entity else None
            if kind:
                self.mentions[kind].append((m.start, order, m.entity))
                if m.topic:
                    self.topics[kind].append((m.start, order, m.entity))
        self.starts = {kind: [x[0] for x in found] for kind, found in self.mentions.items()}
        self.topic_starts = {kind: [x[0] for x in found] for kind, found in self.topics.items()}

    def at(self, before: int, wanted: set[str], exclude: set) -> str | None:
        topic = _last(self.topics, self.topic_starts, before, wanted, exclude)
        return topic or _last(self.mentions, self.starts, before, wanted, exclude)


def _last(found: dict[str, list], starts: dict[str, list[int]], before: int, wanted: set[str], exclude: set) -> str | None:
    """The entity of the last of `found` (of a type in `wanted`, not in `exclude`) before `before`."""
    best = None
    for kind in wanted:
        items = found.get(kind)
        if not items:
            continue
        i = bisect_left(starts[kind], before) - 1
        while i >= 0 and items[i][2] in exclude:
            i -= 1
        if i >= 0 and (best is None or items[i][1] > best[1]):
            best = items[i]
    return best[2] if best else None


def _fits(predicate: str, subject: str, obj: str) -> bool:
    if predicate in PREDICATE_TYPES:
        subjects, objects = PREDICATE_TYPES[predicate]
        return subject in subjects and obj in objects
    return subject == "person" and obj in ORG_TYPES  # titles: ceo_of, chairman_of, …


def _sentence_of(a: Analysis, m: Mention) -> Span:
    for s in a.sentences:
        if s.span.start <= m.start < s.span.end:
            return s.span
    return Span(m.source, m.start, m.end, m.text)


def titles(analyses: list[Analysis], entities: list[Entity]) -> None:
    """Each person's titles (CEO, 大統領) as written after or before their name."""
    by_id = {e.id: e for e in entities}
    for a in analyses:
        for k, chain in a.titles.items():
            e = by_id.get(_entity_of(a, k) or "")
            if e and e.type == "person":
                e.titles = sorted(set(e.titles) | set(chain))


def events(analyses: list[Analysis], entities: list[Entity]) -> list[Event]:
    """One event per dated, triggered sentence, then merged across sources:
    same type, same date, at least one shared entity that is not a place."""
    names = {e.id: e for e in entities}
    drafts = []
    for a in analyses:
        for s in a.sentences:
            hint = s.event
            involved = list(dict.fromkeys(eid for k in s.mentions if (eid := _entity_of(a, k))))
            if not hint or not [e for e in involved if names[e].type != "place"]:
                continue
            if hint.type == "product" and not any(names[e].type in ("model", "project") for e in involved):
                continue  # a product event names its product
            drafts.append((hint, involved, s.span))
    merged: list[dict] = []
    same_day: dict[tuple[str, str], list[dict]] = defaultdict(list)  # (type, date): events so far, in order
    for hint, involved, span in sorted(drafts, key=lambda d: (d[0].date.iso, d[2].source, d[2].start)):
        core = {e for e in involved if names[e].type != "place"}
        for ev in same_day[(hint.type, hint.date.iso)]:
            if ev["core"] & core:
                break
        else:
            ev = {"type": hint.type, "date": hint.date.iso, "core": set(), "entities": [], "spans": [],
                  "name": "", "trigger": hint.trigger, "basis": hint.date.basis}
            merged.append(ev)
            same_day[(hint.type, hint.date.iso)].append(ev)
        ev["core"] |= core
        ev["entities"] += [e for e in involved if e not in ev["entities"]]
        ev["spans"].append(span)
        ev["name"] = ev["name"] or hint.name
    result, taken = [], set()
    for ev in merged:
        title = ev["name"] or _title(ev, names)
        core = [e for e in ev["entities"] if e in ev["core"]]
        base = "-".join([ev["date"], ev["type"], *core[:2]])[:80].strip("-")
        event_id, n = base, 2
        while event_id in taken:
            event_id, n = f"{base}-{n}", n + 1
        taken.add(event_id)
        result.append(Event(event_id, ev["type"], ev["date"], title, ev["entities"], ev["spans"], ev["basis"]))
    return sorted(result, key=lambda e: (e.date, e.id))


def _title(ev: dict, names: dict[str, Entity]) -> str:
    """A readable title: `XがYを発表`, or `X・Yの下落`."""
    core = [names[e] for e in ev["entities"] if names[e].type != "place"]
    makers = [e for e in core if e.type in ORG_TYPES]
    things = [e for e in core if e.type in ("model", "project")]
    if makers and things:
        return f"{makers[0].name}が{things[0].name}を{ev['trigger']}"
    return f"{'・'.join(e.name for e in core[:3])}の{ev['trigger']}"


def claims(analyses: list[Analysis], entities: list[Entity]) -> list[Claim]:
    """Each amount with a property, about the first name of a fitting type in its sentence
    (the topic first), else about the thing of that type the article is talking about."""
    kinds = {e.id: e.type for e in entities}
    wanted_by = vocab().property_subjects
    found = {}
    for a in analyses:
        context = _Context(a, kinds)
        for s in a.sentences:
            for hint in s.claims:
                wanted = wanted_by.get(hint.property, ("company",))
                subject = next((eid for k in hint.subjects if (eid := _entity_of(a, k)) and kinds[eid] in wanted), None)
                for kind in wanted:
                    subject = subject or context.at(hint.quantity.start, {kind}, set())
                if not subject:
                    continue
                q = hint.quantity
                key = (subject, hint.property, q.unit, q.number, a.article.id)
                found.setdefault(key, Claim(subject, hint.property, q.text, q.number, q.unit, q.qualifier, a.article.id, s.span))
    return [found[k] for k in sorted(found)]


def disagreements(claims: list[Claim], originals: Mapping[str, str] | None = None) -> set[tuple[str, str, str]]:
    """(subject, property, unit) where sources give different numbers. Copies of one article
    (`originals`: {copy's source id: its original's}, from `KnowledgeBase.duplicates`) are one
    source: a copy whose number differs from its original's (a typo) is no dispute."""
    one = _one_source(originals)
    values: dict[tuple[str, str, str], set[float]] = defaultdict(set)
    sources: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for c in claims:
        values[(c.subject, c.property, c.unit)].add(c.number)
        sources[(c.subject, c.property, c.unit)].add(one(c.source))
    return {k for k in values if len(values[k]) > 1 and len(sources[k]) > 1}


def agreements(claims: list[Claim], originals: Mapping[str, str] | None = None) -> dict[tuple[str, str, str, float], int]:
    """How many sources give each number, by (subject, property, unit, number): copies of one
    article (`originals`, as for `disagreements`) count once, so two copies agreeing are one
    source, not two. Hand-made claims without a source are not counted."""
    found: dict[tuple[str, str, str, float], set[str]] = defaultdict(set)
    one = _one_source(originals)
    for c in claims:
        if c.source:
            found[(c.subject, c.property, c.unit, c.number)].add(one(c.source))
    return {k: len(v) for k, v in found.items()}


def _one_source(originals: Mapping[str, str] | None):
    """A source id → the id it counts as: its original's if it is a copy."""
    return (lambda s: originals.get(s, s)) if originals else (lambda s: s)
