"""Hand edits that survive every rebuild: `content/curation.yaml`.

The build writes the records in `content/` from the articles each time, so
edits made there would be lost; the curation file is the one file the build
reads and never writes. It names entities and events by the id the build
gives them, so an edit keeps applying when articles are added or the rules
improve. An edit that points at an id that does not exist, a key that is not
known, a value of the wrong kind (a date that is not a day of the calendar, a
type, property or predicate musubi does not know, a number or a list where
text belongs, "yes" in quotes where true or false belongs, an alias the
entity does not have), or two edits that contradict each other stop the build
with the file and line — a typo never silently drops an edit, and no mistake
in the file ends in a traceback. What needs no build data is checked when the
file is loaded, before any article is read (`_check_shape`); ids and aliases
are checked against the build's entities in `apply`.

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
    distinct_sources: [[<source id>, <source id>]]   # reviewed: different articles, not one twice
    duplicate_sources: [[<source id>, <source id>]]  # reviewed: one article twice (counted as one source)
    relations_add: [[<subject>, <predicate>, <object>]]
    relations_remove: [[<subject>, <predicate>, <object>]]
    events:
      <event id>: {date: 2025-01-27, title: 新しい題, suppress: false}
    events_add: [{date: 2025-01-27, title: 題, type: market, entities: [<id>]}]
    claims_add: [{subject: <id>, property: development_cost, value: 600万ドル, source: <source id>,
                  basis: actual, period: 2025年3月期}]   # basis (actual, forecast, plan) and period are optional
    statements:                   # a statement is named by its source and where its words start
      - {source: <source id>, start: 1234, speaker: <id>}   # said by someone else than the build found
      - {source: <source id>, start: 1234, suppress: true}   # not a statement, or not one worth keeping
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
from builder.files.yamlio import TextDatesLoader, yaml_error
from builder.link import duplicates
from builder.link.slug import slugify
from builder.model import (
    CLAIM_BASES,
    Claim,
    Entity,
    Event,
    KnowledgeBase,
    Quantity,
    Relation,
    Span,
)
from builder.read.dates import calendar_date
from builder.read.textnorm import name_key

ENTITY_KEYS = {"name", "type", "description", "aliases_add", "aliases_remove", "merge_into", "suppress", "split", "confirmed"}
TOP_KEYS = {"entities", "distinct", "distinct_sources", "duplicate_sources", "relations_add", "relations_remove", "events",
            "events_add", "claims_add", "statements"}
PAIRS = {"distinct": "entities", "distinct_sources": "sources", "duplicate_sources": "sources"}  # lists of [id, id]: what they name
EVENT_KEYS = {"date", "title", "suppress"}
NEW_EVENT_KEYS = {"date", "title", "type", "entities"}
CLAIM_KEYS = {"subject", "property", "value", "source", "basis", "period"}
SPLIT_KEYS = {"name", "type", "spellings"}
STATEMENT_KEYS = {"source", "start", "speaker", "suppress"}
SPEAKER_TYPES = ("person", "company", "organization")
HAND = "hand"
_STR, _VALUE, _MERGE = (f"tag:yaml.org,2002:{t}" for t in ("str", "value", "merge"))


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
    loader, node = TextDatesLoader(text), None  # dates stay text: _date checks them
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path, text) from None
    except (ValueError, TypeError, KeyError, AttributeError) as exc:  # a tag that does not fit: !!int abc
        _lines(node, str(path))  # raises at the line of that value
        raise InputError(path, None, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    curation = Curation(str(path), {} if data is None else data, _lines(node, str(path)))
    _check_shape(curation)
    return curation


def _lines(root, path: str) -> dict[tuple, int]:
    """Where each value was written, by its path in the loaded data (keys as YAML reads them:
    `123:` is the number 123, `no:` is False). Also stops, at its line, what YAML loaders
    would get wrong without a word or with a traceback: a key written twice (the loader keeps
    the last, dropping the first edit), a value that contains itself (`&a [*a]`), and a tag that
    does not fit its value (`!!int abc`)."""
    lines: dict[tuple, int] = {}
    constructor = yaml.constructor.SafeConstructor()

    def read(node):
        try:
            return constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError):
            raise InputError(path, node.start_mark.line + 1, f"{node.value!r} cannot be read as {node.tag.rsplit(':', 1)[-1]}") from None

    def key_of(node):
        if not isinstance(node, yaml.ScalarNode):
            raise InputError(path, node.start_mark.line + 1, "a key must be a single word, not a list or mapping")
        return node.value if node.tag in (_STR, _VALUE) else read(node)

    def walk(node, where: tuple, inside: tuple) -> None:
        lines[where] = node.start_mark.line + 1
        if node in inside:
            raise InputError(path, lines[where], "this value contains itself (an alias *name inside its own &name)")
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key, value in node.value:
                if key.tag == _MERGE:  # `<<: *defaults`: the merged keys are the anchor's
                    continue
                k = key_of(key)
                if k in seen:
                    raise InputError(path, key.start_mark.line + 1, f"{key.value!r} is written twice here; put both edits under one {key.value}:")
                seen.add(k)
                walk(value, (*where, k), (*inside, node))
                lines[(*where, k)] = key.start_mark.line + 1  # a key's own line, not its value's
        elif isinstance(node, yaml.SequenceNode):
            for n, item in enumerate(node.value):
                walk(item, (*where, n), (*inside, node))
        else:
            read(node)

    if root is not None:
        walk(root, (), ())
    return lines


# --- checking values: each helper raises at the line of the value it checks ---

def _mapping(c: Curation, value, what: str, *where) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise c.error(f"{what} must be a mapping (key: value)", *where)
    return value


def _list(c: Curation, value, what: str, items: str, *where) -> list:
    """A list (nothing written is an empty one). A single value or a mapping here would be
    taken apart as something else: a name into its characters, a mapping into its keys."""
    if value is None:
        return []
    if not isinstance(value, list):
        hint = f"; write [{value}]" if isinstance(value, str) else ""
        raise c.error(f"{what} must be a list of {items}{hint}", *where)
    return value


def _keys(c: Curation, value: dict, allowed: set[str], what: str, *where) -> None:
    unknown = sorted((k for k in value if k not in allowed), key=str)
    if unknown:
        raise c.error(f"unknown key {str(unknown[0])!r} in {what} (allowed: {', '.join(sorted(allowed))})", *where, unknown[0])


def _kind(value) -> str:
    """What YAML made of a value, in the words of the messages."""
    if isinstance(value, bool):
        return "true/false (put it in quotes)"
    if isinstance(value, (int, float)):
        return "a number (put it in quotes)"
    return {list: "a list", dict: "a mapping", bytes: "binary data"}.get(type(value), type(value).__name__)


def _text(c: Curation, value, what: str, *where) -> str:
    """Names, titles, ids, amounts: text that is not empty. YAML reads `yes`, `2025` or `[a]`
    as something else, which str() would turn into "True", "2025" or "['a']"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise c.error(f"{what} is empty", *where)
    if not isinstance(value, str):
        raise c.error(f"{what} must be text, not {_kind(value)}", *where)
    return value


def _texts(c: Curation, value, what: str, items: str, *where) -> list[str]:
    """A list of texts, each checked at its own line."""
    values = _list(c, value, what, items, *where)
    for n, item in enumerate(values):
        _text(c, item, f"an item of {what}", *where, n)
    return values


def _flag(c: Curation, edit: dict, key: str, *where) -> None:
    """suppress, confirmed: true or false. A quoted "yes" or "false" is text, and any text but
    "" would count as true."""
    if key in edit and not isinstance(edit[key], bool):
        raise c.error(f"{key} must be true or false, not {edit[key]!r}", *where, key)


def _one_of(c: Curation, value, known, what: str, *where) -> str:
    """A value from a fixed vocabulary (types, predicates, properties), the choices listed."""
    if not (isinstance(value, str) and value in known):
        raise c.error(f"unknown {what} {value!r} (known: {', '.join(known)})", *where)
    return value


def _date(c: Curation, value, *where) -> str:
    """An event date as the knowledge base keeps it: 'YYYY-MM-DD', 'YYYY-MM' for a month, or
    the partial form of a date whose year or month no source gave ('XXXX-XX-24': what
    `musubi review` proposes to confirm for such an event must be accepted back).
    The file is read with dates as text, so 2025-02-30 is this message, not a traceback, and
    "27 Jan" is not a timeline page named after it."""
    date = calendar_date(value, partial=True)
    if date is None:
        raise c.error(f"date {value!r} is not a date of the calendar; write it as 2025-01-27 (or 2025-01 for a month, "
                      "or 2025年1月27日, or XXXX-XX-27 for a day whose year and month are not known)", *where)
    return date


def _amount(c: Curation, value, *where) -> Quantity:
    """The first amount in a claim's value, as the extractor reads amounts in articles."""
    amounts = find_quantities(_text(c, value, "value", *where))
    if not amounts:
        raise c.error(f"claims_add: {value!r} is not an amount musubi can read (e.g. 600万ドル, 17%)", *where)
    return amounts[0]


def event_types() -> tuple[str, ...]:
    """The types the build gives events (cues.yaml's `events:`), and "other" for a hand-made
    event that fits none."""
    return (*vocab().events, "other")


def claim_properties() -> tuple[str, ...]:
    """The properties the build gives claims (cues.yaml's `properties:`)."""
    return tuple(vocab().properties)


def _triples(c: Curation, key: str) -> list[tuple[str, str, str]]:
    items = _list(c, c.data.get(key), key, "[subject, predicate, object]", key)
    for n, item in enumerate(items):
        if not (isinstance(item, list) and len(item) == 3 and all(isinstance(x, str) for x in item)):
            raise c.error(f"{key}: each item is [subject, predicate, object]", key, n)
        _one_of(c, item[1], sorted(predicates()), "predicate", key, n)
    return [tuple(x) for x in items]


# --- the shape of the file, checked at load, before any build work ---

def _check_shape(c: Curation) -> None:
    data = _mapping(c, c.data, "the curation file")
    _keys(c, data, TOP_KEYS, "the curation file")
    for eid, edit in _mapping(c, data.get("entities"), "entities", "entities").items():
        _check_entity(c, eid, edit)
    for key, things in PAIRS.items():
        _pairs(c, key, things)
    _not_both(c, "duplicate_sources", "distinct_sources")
    _triples(c, "relations_add")
    _triples(c, "relations_remove")
    for evid, edit in _mapping(c, data.get("events"), "events", "events").items():
        _check_event_edit(c, evid, edit)
    for n, new in enumerate(_list(c, data.get("events_add"), "events_add", "new events {date, title, type, entities}", "events_add")):
        _check_new_event(c, new, "events_add", n)
    for n, claim in enumerate(_list(c, data.get("claims_add"), "claims_add", "new claims {subject, property, value, source}", "claims_add")):
        _check_claim(c, claim, "claims_add", n)
    for n, edit in enumerate(_list(c, data.get("statements"), "statements", "{source, start, speaker or suppress}", "statements")):
        _check_statement_edit(c, edit, "statements", n)


def _pairs(c: Curation, key: str, things: str) -> list[tuple[str, str]]:
    """A list of [id, id] pairs (distinct, distinct_sources, duplicate_sources), two different ids each."""
    pairs = _list(c, c.data.get(key), key, "[id, id] pairs", key)
    for n, pair in enumerate(pairs):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            raise c.error(f"{key}: each item is [id, id]", key, n)
        if pair[0] == pair[1]:
            raise c.error(f"{key}: {pair[0]!r} twice; name two different {things}", key, n)
    return [tuple(pair) for pair in pairs]


def _not_both(c: Curation, key: str, other: str) -> None:
    """One pair cannot be told the same and different at once."""
    told = {frozenset(pair) for pair in _pairs(c, other, "")}
    for n, pair in enumerate(_pairs(c, key, "")):
        if frozenset(pair) in told:
            raise c.error(f"{key}: [{pair[0]}, {pair[1]}] is also in {other}; keep one", key, n)


def _check_entity(c: Curation, eid, edit) -> None:
    where = ("entities", eid)
    _text(c, eid, "an entity id", *where)
    edit = _mapping(c, edit, f"entities.{eid}", *where)
    _keys(c, edit, ENTITY_KEYS, f"entities.{eid}", *where)
    for key in ("name", "merge_into"):
        if key in edit:
            _text(c, edit[key], key, *where, key)
    if edit.get("description") not in (None, ""):  # empty: no description
        _text(c, edit["description"], "description", *where, "description")
    if "type" in edit:
        _one_of(c, edit["type"], TYPES, "type", *where, "type")
    for key in ("aliases_add", "aliases_remove"):
        _texts(c, edit.get(key), key, "names", *where, key)
    for key in ("suppress", "confirmed"):
        _flag(c, edit, key, *where)
    _check_exclusive(c, eid, edit)
    for n, part in enumerate(_list(c, edit.get("split"), "split", "{name, type, spellings}", *where, "split")):
        _check_split(c, part, *where, "split", n)


def _check_exclusive(c: Curation, eid: str, edit: dict) -> None:
    """Edits that cannot both hold: apply would keep one and drop the other without a word."""
    if edit.get("suppress"):
        if set(edit) - {"suppress", "confirmed"}:
            raise c.error(f"entities.{eid}: a suppressed entity cannot also be edited or merged", "entities", eid, "suppress")
        if edit.get("confirmed"):
            raise c.error(f"entities.{eid}: confirmed and suppressed at once; keep one", "entities", eid, "confirmed")
    lost = sorted(set(edit) & {"name", "type", "description", "aliases_add", "aliases_remove"})
    if "merge_into" in edit and lost:
        target = edit["merge_into"]
        raise c.error(f"entities.{eid}: {lost[0]} would be lost: a merged entity takes the name, type, description "
                      f"and aliases of the one it joins; put it under entities.{target}", "entities", eid, lost[0])


def _check_split(c: Curation, part, *where) -> None:
    part = _mapping(c, part, "a split", *where)
    _keys(c, part, SPLIT_KEYS, "a split", *where)
    if not part.get("name") or not part.get("spellings"):
        raise c.error("a split needs name and spellings", *where)
    _text(c, part["name"], "a split's name", *where, "name")
    _texts(c, part["spellings"], "spellings", "spellings", *where, "spellings")
    if "type" in part:
        _one_of(c, part["type"], TYPES, "type", *where, "type")


def _check_event_edit(c: Curation, evid, edit) -> None:
    where = ("events", evid)
    _text(c, evid, "an event id", *where)
    edit = _mapping(c, edit, f"events.{evid}", *where)
    _keys(c, edit, EVENT_KEYS, f"events.{evid}", *where)
    if "date" in edit:
        _date(c, edit["date"], *where, "date")
    if "title" in edit:
        _text(c, edit["title"], "title", *where, "title")
    _flag(c, edit, "suppress", *where)
    if edit.get("suppress") and set(edit) - {"suppress"}:
        raise c.error(f"events.{evid}: a suppressed event cannot also be edited", *where, "suppress")


def _check_new_event(c: Curation, new, *where) -> None:
    new = _mapping(c, new, "a new event", *where)
    _keys(c, new, NEW_EVENT_KEYS, "a new event", *where)
    if not new.get("date") or not new.get("title"):
        raise c.error("a new event needs date and title", *where)
    _date(c, new["date"], *where, "date")
    _text(c, new["title"], "title", *where, "title")
    if "type" in new:
        _one_of(c, new["type"], event_types(), "event type", *where, "type")
    _texts(c, new.get("entities"), "entities", "entity ids", *where, "entities")


def _check_claim(c: Curation, claim, *where) -> None:
    claim = _mapping(c, claim, "a new claim", *where)
    _keys(c, claim, CLAIM_KEYS, "a new claim", *where)
    if not all(claim.get(k) for k in ("subject", "property", "value")):
        raise c.error("a new claim needs subject, property and value", *where)
    _text(c, claim["subject"], "subject", *where, "subject")
    _one_of(c, claim["property"], claim_properties(), "property", *where, "property")
    _amount(c, claim["value"], *where, "value")
    if claim.get("source") is not None:
        _text(c, claim["source"], "source", *where, "source")
    if claim.get("basis") is not None:
        _one_of(c, claim["basis"], CLAIM_BASES, "basis", *where, "basis")
    if claim.get("period") is not None:
        _text(c, claim["period"], "period", *where, "period")


def _check_statement_edit(c: Curation, edit, *where) -> None:
    edit = _mapping(c, edit, "a statement edit", *where)
    _keys(c, edit, STATEMENT_KEYS, "a statement edit", *where)
    _text(c, edit.get("source"), "source", *where, "source")
    if isinstance(edit.get("start"), bool) or not isinstance(edit.get("start"), int):
        raise c.error(f"start must be the number where the statement's words start (the s-<number> of its place on the "
                      f"source's page), not {edit.get('start')!r}", *where, "start")
    _flag(c, edit, "suppress", *where)
    if ("speaker" in edit) == bool(edit.get("suppress")):
        raise c.error("a statement edit gives either speaker: <entity id> or suppress: true", *where)
    if "speaker" in edit:
        _text(c, edit["speaker"], "speaker", *where, "speaker")


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
    for n, pair in enumerate(c.data.get("distinct") or []):
        a, b = (resolve(x, "distinct", n) for x in pair)
        if a == b:
            raise c.error(f"distinct: {pair[0]!r} and {pair[1]!r} are one entity, {a!r}, after this file's merges; "
                          "they cannot also be different things", "distinct", n)
        entities[a].reviewed.append(b)
        entities[b].reviewed.append(a)
    _hand_relations(kb, c, resolve)
    _hand_events(kb, c, resolve)
    _hand_claims(kb, c, resolve)
    _hand_statements(kb, c, entities, resolve)
    _same_articles(kb, c)
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
    _check_pair_ids(c, "distinct", known, "entity")
    sources = {a.id for a in kb.articles}
    _check_pair_ids(c, "distinct_sources", sources, "source")
    _check_pair_ids(c, "duplicate_sources", sources, "source")
    events = {ev.id for ev in kb.events}
    for evid in c.data.get("events") or {}:
        if evid not in events:
            raise c.error(f"no event with id {evid!r} in this build (see content/events/)", "events", evid)


def _check_pair_ids(c: Curation, key: str, known: set[str], what: str) -> None:
    for n, pair in enumerate(c.data.get(key) or []):
        for x in pair:
            if x not in known:
                raise c.error(f"{key}: no {what} with id {x!r}", key, n)


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
    kb.statements = [st for st in kb.statements if st.speaker != e.id]
    for st in kb.statements:
        st.about = [x for x in st.about if x != e.id]
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
    for st in kb.statements:
        st.speaker = new if st.speaker == old else st.speaker
        st.about = [x for x in dict.fromkeys(new if x == old else x for x in st.about) if x != st.speaker]
    for ev in kb.events:
        ev.entities = list(dict.fromkeys(new if x == old else x for x in ev.entities))


def _edit(c: Curation, e: Entity, edit: dict, taken: set[str]) -> str:
    """Type, description, aliases and name; returns the entity's id (new if renamed)."""
    if "type" in edit:
        e.type = edit["type"]
        for m in e.mentions:
            m.type = e.type
    if "description" in edit:
        e.description = edit["description"] or ""
    _check_aliases_remove(c, e, edit.get("aliases_remove") or [])
    removed = {name_key(a) for a in edit.get("aliases_remove") or []}
    e.aliases = sorted({a for a in e.aliases if name_key(a) not in removed} | set(edit.get("aliases_add") or []))
    new_id = e.id
    if edit.get("name") and edit["name"] != e.name:
        e.aliases = sorted((set(e.aliases) | {e.name}) - {edit["name"]})
        e.name = edit["name"]
        new_id = slugify(e.name, _reading(e.name))
        if new_id in taken and new_id != e.id:
            raise c.error(f"rename: the new name's id {new_id!r} is taken by another entity; merge instead", "entities", e.id, "name")
        for m in e.mentions:
            m.entity = new_id
        e.id = new_id
    e.edited = sorted(set(e.edited) | {k for k in edit if k not in ("confirmed", "split")})
    return new_id


def _check_aliases_remove(c: Curation, e: Entity, names: list[str]) -> None:
    """Each alias to remove must be one the entity has (after this file's splits and merges),
    compared as names are matched: a typo would otherwise remove nothing and say nothing."""
    have = {name_key(a) for a in e.aliases}
    for n, alias in enumerate(names):
        if name_key(alias) in have:
            continue
        if name_key(alias) == name_key(e.name):
            why = f"{alias!r} is the name of {e.id!r}, not an alias; change it with name:"
        else:
            why = f"{e.id!r} has no alias {alias!r} (its aliases: {_shortlist(e.aliases)})"
        raise c.error(f"aliases_remove: {why}", "entities", e.id, "aliases_remove", n)


def _shortlist(names: list[str], most: int = 10) -> str:
    """Names for a message: an entity met in many articles can have dozens of aliases."""
    if not names:
        return "none"
    shown = ", ".join(sorted(names)[:most])
    return shown if len(names) <= most else f"{shown}, … {len(names)} in all"


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
        if s == o:
            raise c.error(f"relations_add: {s!r} on both sides; a relation joins two entities", "relations_add", n)
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
            ev.date, ev.date_basis = _date(c, edit["date"]), "手で修正"
        if "title" in edit:
            ev.title = edit["title"]
        ev.origin = "edited"
    for n, new in enumerate(c.data.get("events_add") or []):
        date, title = _date(c, new["date"]), new["title"]
        evid = f"{date}-{slugify(title, _reading(title))}"
        if evid in events:
            raise c.error(f"events_add: an event with id {evid!r} exists already", "events_add", n)
        members = list(dict.fromkeys(resolve(x, "events_add", n, "entities", k) for k, x in enumerate(new.get("entities") or [])))
        events[evid] = Event(evid, new.get("type", "other"), date, title, members, [], "", origin=HAND)
    kb.events = sorted(events.values(), key=lambda ev: (ev.date, ev.id))


def _same_articles(kb: KnowledgeBase, c: Curation) -> None:
    """Group the copies again, with the pairs told apart (distinct_sources) kept apart and the
    pairs told alike (duplicate_sources) joined, however alike their texts are."""
    distinct, same = _pairs(c, "distinct_sources", "sources"), _pairs(c, "duplicate_sources", "sources")
    if not (distinct or same):
        return
    try:
        kb.duplicates = duplicates.group(kb.articles, kb.similar, distinct, same)
    except duplicates.Contradiction as exc:
        a, b = exc.apart
        raise c.error(f"duplicate_sources: this pair would make {a!r} and {b!r} one article, "
                      "which distinct_sources tells apart", "duplicate_sources", exc.index) from None


def _hand_claims(kb: KnowledgeBase, c: Curation, resolve) -> None:
    sources = {a.id for a in kb.articles}
    for n, new in enumerate(c.data.get("claims_add") or []):
        subject = resolve(new["subject"], "claims_add", n, "subject")
        q = _amount(c, new["value"], "claims_add", n, "value")
        source = new.get("source") or ""
        if source and source not in sources:
            raise c.error(f"claims_add: no source with id {source!r}", "claims_add", n, "source")
        kb.claims.append(Claim(subject, new["property"], q.text, q.number, q.unit, q.qualifier, source,
                               Span(source, 0, 0, ""), origin=HAND, basis=new.get("basis") or "", period=new.get("period") or ""))


def _hand_statements(kb: KnowledgeBase, c: Curation, entities: dict[str, Entity], resolve) -> None:
    """statements: a wrong speaker set right, a false statement dropped. Each names one the
    build found, by its source and the offset its words start at."""
    at = {(st.source, st.start): st for st in kb.statements}
    dropped = set()
    for n, edit in enumerate(c.data.get("statements") or []):
        st = at.get((edit["source"], edit["start"]))
        if st is None:
            raise c.error(f"statements: no statement starts at {edit['start']} in source {edit['source']!r} in this build "
                          "(see the statements in content/sources/)", "statements", n)
        if edit.get("suppress"):
            dropped.add(id(st))
            continue
        speaker = resolve(edit["speaker"], "statements", n, "speaker")
        if entities[speaker].type not in SPEAKER_TYPES:
            raise c.error(f"statements: {speaker!r} is a {entities[speaker].type}; a speaker is a "
                          f"{', '.join(SPEAKER_TYPES)}", "statements", n, "speaker")
        st.speaker, st.origin = speaker, "edited"
        st.about = [x for x in st.about if x != speaker]
    kb.statements = [st for st in kb.statements if id(st) not in dropped]
