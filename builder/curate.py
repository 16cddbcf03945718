"""Hand edits that survive every rebuild: `content/curation.yaml`.

The build writes the records in `content/` from the articles each time, so
edits made there would be lost; the curation file is the one file the build
reads and never writes. It names entities and events by the id the build
gives them, so an edit keeps applying when articles are added or the rules
improve. An edit that points at an id that does not exist, a key that is not
known, or two edits that contradict each other stop the build with the file
and line — a typo never silently drops an edit.

    entities:
      <id>:
        name: 新しい名前          # rename; the old page redirects to the new one
        type: company             # pin the type
        description: Markdown     # shown on the page, rendered with markdown-it-py
        aliases_add: [別名]
        aliases_remove: [誤った別名]
        merge_into: <other id>    # one page for both; this id redirects
        suppress: true            # a false entity; never shown again
        split:                    # a wrong merge: these spellings get their own page
          - {name: 名前, type: model, spellings: [綴り]}
        confirmed: true           # reviewed; off the review list
    distinct: [[<id>, <id>]]      # reviewed: not the same thing (off the review list)
    relations_add: [[<subject>, <predicate>, <object>]]
    relations_remove: [[<subject>, <predicate>, <object>]]
    events:
      <event id>: {date: 2025-01-27, title: 新しい題, suppress: false}
    events_add: [{date: 2025-01-27, title: 題, type: market, entities: [<id>]}]
    claims_add: [{subject: <id>, property: development_cost, value: 600万ドル, source: <source id>}]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from builder.analyze.lexicon import TYPES
from builder.analyze.patterns import PREDICATE_TYPES
from builder.analyze.quantities import find_quantities
from builder.analyze.vocab import vocab
from builder.errors import InputError
from builder.model import Claim, Entity, Event, KnowledgeBase, Relation, Span
from builder.slug import slugify
from builder.textnorm import name_key

ENTITY_KEYS = {"name", "type", "description", "aliases_add", "aliases_remove", "merge_into", "suppress", "split", "confirmed"}
TOP_KEYS = {"entities", "distinct", "relations_add", "relations_remove", "events", "events_add", "claims_add"}
EVENT_KEYS = {"date", "title", "suppress"}
NEW_EVENT_KEYS = {"date", "title", "type", "entities"}
CLAIM_KEYS = {"subject", "property", "value", "source"}
SPLIT_KEYS = {"name", "type", "spellings"}
HAND = "hand"


def predicates() -> set[str]:
    """Every predicate the build can produce: the relation patterns' and the titles'."""
    return (set(PREDICATE_TYPES) - {"place_within"}) | set(vocab().titles.values()) | {"member_of"}


@dataclass
class Curation:
    """The parsed file; `line(*path)` is where a value was written, for error messages."""

    path: str
    data: dict
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, *where) -> int | None:
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where)

    def error(self, message: str, *where) -> InputError:
        return InputError(self.path, self.line(*where), message)

    def entity(self, eid: str) -> dict:
        return self.data.get("entities", {}).get(eid) or {}


def load_curation(path: Path) -> Curation:
    """The curation file, checked for shape; a missing file means no edits."""
    if not path.is_file():
        return Curation(str(path), {})
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(path, mark.line + 1 if mark else None, f"invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    curation = Curation(str(path), data or {}, {})
    if node is not None:
        _record_lines(node, (), curation.lines, str(path))
    _check_shape(curation)
    return curation


def _record_lines(node, where: tuple, lines: dict, path: str) -> None:
    """Where each value was written. A key written twice in one mapping is an error: YAML
    loaders keep only the last, which would drop the first edit without a word."""
    lines[where] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if key.value in seen:
                raise InputError(path, key.start_mark.line + 1, f"{key.value!r} is written twice here; put both edits under one {key.value}:")
            seen.add(key.value)
            _record_lines(value, (*where, key.value), lines, path)
            lines[(*where, key.value)] = key.start_mark.line + 1  # a key's own line, not its value's
    elif isinstance(node, yaml.SequenceNode):
        for n, item in enumerate(node.value):
            _record_lines(item, (*where, n), lines, path)


def _mapping(c: Curation, value, what: str, *where) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise c.error(f"{what} must be a mapping (key: value)", *where)
    return value


def _keys(c: Curation, value: dict, allowed: set[str], what: str, *where) -> None:
    unknown = sorted(str(k) for k in value if k not in allowed)
    if unknown:
        raise c.error(f"unknown key {unknown[0]!r} in {what} (allowed: {', '.join(sorted(allowed))})", *where, unknown[0])


def _triples(c: Curation, key: str) -> list[tuple[str, str, str]]:
    items = c.data.get(key) or []
    if not isinstance(items, list):
        raise c.error(f"{key} must be a list of [subject, predicate, object]", key)
    for n, item in enumerate(items):
        if not (isinstance(item, list) and len(item) == 3 and all(isinstance(x, str) for x in item)):
            raise c.error(f"{key}: each item is [subject, predicate, object]", key, n)
        if item[1] not in predicates():
            raise c.error(f"unknown predicate {item[1]!r} (known: {', '.join(sorted(predicates()))})", key, n)
    return [tuple(x) for x in items]


def _check_shape(c: Curation) -> None:
    data = _mapping(c, c.data, "the curation file")
    _keys(c, data, TOP_KEYS, "the curation file")
    for eid, edit in _mapping(c, data.get("entities"), "entities", "entities").items():
        edit = _mapping(c, edit, f"entities.{eid}", "entities", eid)
        _keys(c, edit, ENTITY_KEYS, f"entities.{eid}", "entities", eid)
        if "type" in edit and edit["type"] not in TYPES:
            raise c.error(f"unknown type {edit['type']!r} (known: {', '.join(TYPES)})", "entities", eid, "type")
        for key in ("aliases_add", "aliases_remove"):
            if key in edit and not (isinstance(edit[key], list) and all(isinstance(a, str) for a in edit[key])):
                raise c.error(f"{key} must be a list of names", "entities", eid, key)
        if edit.get("suppress") and set(edit) - {"suppress", "confirmed"}:
            raise c.error(f"entities.{eid}: a suppressed entity cannot also be edited or merged", "entities", eid, "suppress")
        for n, part in enumerate(edit.get("split") or []):
            part = _mapping(c, part, "a split", "entities", eid, "split", n)
            _keys(c, part, SPLIT_KEYS, "a split", "entities", eid, "split", n)
            if not part.get("name") or not part.get("spellings"):
                raise c.error("a split needs name and spellings", "entities", eid, "split", n)
            if part.get("type", "company") not in TYPES:
                raise c.error(f"unknown type {part['type']!r}", "entities", eid, "split", n)
    for n, pair in enumerate(data.get("distinct") or []):
        if not (isinstance(pair, list) and len(pair) == 2):
            raise c.error("distinct: each item is [id, id]", "distinct", n)
    _triples(c, "relations_add")
    _triples(c, "relations_remove")
    for evid, edit in _mapping(c, data.get("events"), "events", "events").items():
        _keys(c, _mapping(c, edit, f"events.{evid}", "events", evid), EVENT_KEYS, f"events.{evid}", "events", evid)
    for n, ev in enumerate(data.get("events_add") or []):
        ev = _mapping(c, ev, "a new event", "events_add", n)
        _keys(c, ev, NEW_EVENT_KEYS, "a new event", "events_add", n)
        if not ev.get("date") or not ev.get("title"):
            raise c.error("a new event needs date and title", "events_add", n)
    for n, claim in enumerate(data.get("claims_add") or []):
        claim = _mapping(c, claim, "a new claim", "claims_add", n)
        _keys(c, claim, CLAIM_KEYS, "a new claim", "claims_add", n)
        if not all(claim.get(k) for k in ("subject", "property", "value")):
            raise c.error("a new claim needs subject, property and value", "claims_add", n)


def apply(kb: KnowledgeBase, c: Curation) -> dict[str, str]:
    """Apply the edits to the linked knowledge base, in place. Returns the redirects
    {old entity id: new entity id} that merges and renames leave behind."""
    if not c.data:
        return {}
    entities = {e.id: e for e in kb.entities}
    _check_ids(kb, c, entities)
    for eid in sorted(c.data.get("entities") or {}):
        for n, part in enumerate(c.entity(eid).get("split") or []):
            _split(kb, c, entities, eid, n, part)
    for eid, edit in sorted((c.data.get("entities") or {}).items()):
        if edit and edit.get("suppress"):
            _drop(kb, entities.pop(eid))
    targets = _merge_targets(c, entities)
    for eid, target in sorted(targets.items()):
        _merge(kb, entities.pop(eid), entities[target])
    redirects = dict(targets)
    for eid, edit in sorted((c.data.get("entities") or {}).items()):
        if eid in entities and edit:
            new_id = _edit(c, entities[eid], edit, set(entities))
            if new_id != eid:
                entities[new_id] = entities.pop(eid)
                _rename(kb, eid, new_id)
                redirects = {old: (new_id if to == eid else to) for old, to in redirects.items()}
                redirects[eid] = new_id
    resolve = _resolver(c, entities, redirects)
    for eid, edit in (c.data.get("entities") or {}).items():
        if edit and edit.get("confirmed"):
            entities[resolve(eid, "entities", eid)].reviewed.append("confirmed")
    for n, (a, b) in enumerate(c.data.get("distinct") or []):
        a, b = resolve(a, "distinct", n), resolve(b, "distinct", n)
        entities[a].reviewed.append(b)
        entities[b].reviewed.append(a)
    _hand_relations(kb, c, resolve)
    _hand_events(kb, c, resolve)
    _hand_claims(kb, c, resolve)
    kb.entities = sorted(entities.values(), key=lambda e: e.id)
    return dict(sorted(redirects.items()))


def _check_ids(kb: KnowledgeBase, c: Curation, entities: dict[str, Entity]) -> None:
    """Every id the file names must exist in this build (the build's own ids)."""
    split_ids = {slugify(p["name"]) for e in (c.data.get("entities") or {}).values() if e for p in e.get("split") or []}
    known = set(entities) | split_ids
    for eid, edit in (c.data.get("entities") or {}).items():
        if eid not in entities:
            raise c.error(f"no entity with id {eid!r} in this build (see content/entities/)", "entities", eid)
        if edit and "merge_into" in edit and edit["merge_into"] not in known:
            raise c.error(f"merge_into: no entity with id {edit['merge_into']!r}", "entities", eid, "merge_into")
    for n, pair in enumerate(c.data.get("distinct") or []):
        for eid in pair:
            if eid not in known:
                raise c.error(f"distinct: no entity with id {eid!r}", "distinct", n)
    events = {ev.id for ev in kb.events}
    for evid in c.data.get("events") or {}:
        if evid not in events:
            raise c.error(f"no event with id {evid!r} in this build (see content/events/)", "events", evid)


def _resolver(c: Curation, entities: dict[str, Entity], redirects: dict[str, str]):
    """An id as written in the file (the build's id, or the id after a rename) → the id now."""
    def resolve(eid: str, *where) -> str:
        eid = redirects.get(eid, eid)
        if eid not in entities:
            raise c.error(f"no entity with id {eid!r} (suppressed, or not in this build)", *where)
        return eid
    return resolve


def _split(kb: KnowledgeBase, c: Curation, entities: dict[str, Entity], eid: str, n: int, part: dict) -> None:
    """Move the mentions spelled as listed to a new entity of their own."""
    source = entities[eid]
    keys = {name_key(s) for s in part["spellings"]}
    moved = [m for m in source.mentions if m.key in keys or name_key(m.text) in keys]
    if not moved:
        raise c.error(f"split: none of {part['spellings']} is a mention of {eid!r}", "entities", eid, "split", n)
    new_id = slugify(part["name"])
    if new_id in entities:
        raise c.error(f"split: id {new_id!r} is taken by another entity", "entities", eid, "split", n)
    source.mentions = [m for m in source.mentions if m not in moved]
    source.aliases = [a for a in source.aliases if name_key(a) not in keys]
    kind = part.get("type", source.type)
    for m in moved:
        m.entity, m.type = new_id, kind
    spellings = sorted({m.text for m in moved} - {part["name"]})
    entities[new_id] = Entity(new_id, kind, part["name"], spellings, moved, edited=["split"])
    kb.entities.append(entities[new_id])


def _drop(kb: KnowledgeBase, e: Entity) -> None:
    """A false entity: gone with its mentions, relations and claims."""
    kb.relations = [r for r in kb.relations if e.id not in (r.subject, r.object)]
    kb.claims = [cl for cl in kb.claims if cl.subject != e.id]
    for ev in kb.events:
        ev.entities = [x for x in ev.entities if x != e.id]


def _merge_targets(c: Curation, entities: dict[str, Entity]) -> dict[str, str]:
    """merge_into, followed to its end (a → b → c); a loop or a suppressed target is an error."""
    direct = {eid: edit["merge_into"] for eid, edit in (c.data.get("entities") or {}).items() if edit and "merge_into" in edit}
    final = {}
    for eid, first in direct.items():
        seen, target = [eid], first
        while target in direct:
            if target in seen:
                raise c.error(f"merge_into goes round in a circle: {' → '.join([*seen, target])}", "entities", eid, "merge_into")
            seen.append(target)
            target = direct[target]
        if target not in entities:
            raise c.error(f"merge_into: {target!r} is suppressed", "entities", eid, "merge_into")
        if target == eid:
            raise c.error("an entity cannot be merged into itself", "entities", eid, "merge_into")
        final[eid] = target
    return final


def _merge(kb: KnowledgeBase, gone: Entity, into: Entity) -> None:
    for m in gone.mentions:
        m.entity, m.type = into.id, into.type
    into.mentions = sorted(into.mentions + gone.mentions, key=lambda m: (m.source, m.start))
    into.aliases = sorted((set(into.aliases) | set(gone.aliases) | {gone.name}) - {into.name})
    into.titles = sorted(set(into.titles) | set(gone.titles))
    into.edited = sorted(set(into.edited) | {"merged"})
    _rename(kb, gone.id, into.id)


def _rename(kb: KnowledgeBase, old: str, new: str) -> None:
    """Point every relation, claim and event at `new` instead of `old` (dropping what that doubles)."""
    seen, relations = set(), []
    for r in kb.relations:
        r.subject, r.object = (new if r.subject == old else r.subject), (new if r.object == old else r.object)
        if r.subject != r.object and (r.subject, r.predicate, r.object) not in seen:
            seen.add((r.subject, r.predicate, r.object))
            relations.append(r)
    kb.relations = relations
    for cl in kb.claims:
        if cl.subject == old:
            cl.subject = new
    for ev in kb.events:
        ev.entities = list(dict.fromkeys(new if x == old else x for x in ev.entities))


def _edit(c: Curation, e: Entity, edit: dict, taken: set[str]) -> str:
    """Type, description, aliases and name; returns the entity's id (new if renamed)."""
    if "type" in edit:
        e.type = edit["type"]
        for m in e.mentions:
            m.type = e.type
    if "description" in edit:
        e.description = str(edit["description"] or "")
    removed = {name_key(a) for a in edit.get("aliases_remove") or []}
    e.aliases = sorted({a for a in e.aliases if name_key(a) not in removed} | set(edit.get("aliases_add") or []))
    new_id = e.id
    if edit.get("name") and edit["name"] != e.name:
        e.aliases = sorted((set(e.aliases) | {e.name}) - {edit["name"]})
        e.name = str(edit["name"])
        new_id = slugify(e.name, _reading(e.name))
        if new_id in taken and new_id != e.id:
            raise c.error(f"rename: the new name's id {new_id!r} is taken by another entity; merge instead", "entities", e.id, "name")
        for m in e.mentions:
            m.entity = new_id
        e.id = new_id
    e.edited = sorted(set(e.edited) | {k for k in edit if k not in ("confirmed", "split")})
    return new_id


def _reading(name: str) -> str:
    from builder.analyze.tokens import tokenize

    return "".join(t.reading for t in tokenize(name))


def _hand_relations(kb: KnowledgeBase, c: Curation, resolve) -> None:
    for n, (s, p, o) in enumerate(_triples(c, "relations_remove")):
        s, o = resolve(s, "relations_remove", n), resolve(o, "relations_remove", n)
        before = len(kb.relations)
        kb.relations = [r for r in kb.relations if (r.subject, r.predicate, r.object) != (s, p, o)]
        if len(kb.relations) == before:
            raise c.error(f"relations_remove: there is no relation {s} {p} {o}", "relations_remove", n)
    for n, (s, p, o) in enumerate(_triples(c, "relations_add")):
        s, o = resolve(s, "relations_add", n), resolve(o, "relations_add", n)
        kb.relations = [r for r in kb.relations if (r.subject, r.predicate, r.object) != (s, p, o)]
        kb.relations.append(Relation(s, p, o, [], origin=HAND))


def _hand_events(kb: KnowledgeBase, c: Curation, resolve) -> None:
    events = {ev.id: ev for ev in kb.events}
    for evid, edit in sorted((c.data.get("events") or {}).items()):
        edit = edit or {}
        if edit.get("suppress"):
            del events[evid]
            continue
        ev = events[evid]
        if "date" in edit:
            ev.date, ev.date_basis = str(edit["date"]), "手で修正"
        if "title" in edit:
            ev.title = str(edit["title"])
        ev.origin = "edited"
    for n, new in enumerate(c.data.get("events_add") or []):
        date, title = str(new["date"]), str(new["title"])
        evid = f"{date}-{slugify(title, _reading(title))}"
        if evid in events:
            raise c.error(f"events_add: an event with id {evid!r} exists already", "events_add", n)
        members = [resolve(x, "events_add", n) for x in new.get("entities") or []]
        events[evid] = Event(evid, str(new.get("type", "other")), date, title, members, [], "", origin=HAND)
    kb.events = sorted(events.values(), key=lambda ev: (ev.date, ev.id))


def _hand_claims(kb: KnowledgeBase, c: Curation, resolve) -> None:
    sources = {a.id for a in kb.articles}
    for n, new in enumerate(c.data.get("claims_add") or []):
        subject = resolve(new["subject"], "claims_add", n)
        value = str(new["value"])
        amounts = find_quantities(value)
        if not amounts:
            raise c.error(f"claims_add: {value!r} is not an amount musubi can read (e.g. 600万ドル, 17%)", "claims_add", n)
        source = str(new.get("source") or "")
        if source and source not in sources:
            raise c.error(f"claims_add: no source with id {source!r}", "claims_add", n)
        q = amounts[0]
        kb.claims.append(Claim(subject, str(new["property"]), q.text, q.number, q.unit, q.qualifier, source,
                               Span(source, 0, 0, ""), origin=HAND))
