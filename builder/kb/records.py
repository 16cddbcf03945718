"""The knowledge base as YAML records in `content/`, and back.

One file per source, entity and event: `content/sources/<id>.yaml`,
`content/entities/<id>.yaml`, `content/events/<id>.yaml`. Keys are sorted,
Japanese is written as is, long text uses block style; files are read with
the safe loader only (both in builder/files/yamlio.py). The site is rendered from
these records, so whatever is in them is what readers see: a build renders
the very dicts it dumps, which load back equal (tests/test_records.py checks).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

from builder.errors import InputError
from builder.files.manifest import fingerprint
from builder.files.staging import Made, Unchanged, make_all, never
from builder.files.yamlio import SAFE_LOADER, dump, yaml_error
from builder.link.facts import agreements, disagreements
from builder.model import KnowledgeBase, Mention, Span

MIN_RECORDS_PER_PROCESS = 500
KINDS = ("sources", "entities", "events", "redirects")
REQUIRED = {
    "sources": ("id", "title", "path", "text", "blocks", "mentions"),
    "entities": ("id", "type", "name", "aliases", "mentions", "relations", "claims"),
    "events": ("id", "type", "date", "title", "entities", "evidence"),
    "redirects": ("id", "to"),  # an entity id that was merged or renamed away, and where it went
}


@dataclass
class Records:
    """Loaded records, each a plain dict as in its YAML file, sorted by id."""

    sources: list[dict]
    entities: list[dict]
    events: list[dict]
    redirects: list[dict]


class Digests:
    """Each record's fingerprint (`manifest.fingerprint`), by its relative path in content/
    (`sources/<id>.yaml`): those in `known` (the records stage's `Made.made_from`), the others
    made on first use and added to it, so the pages and kb.json that share it make each once."""

    def __init__(self, known: dict[str, str] | None = None):
        self.known = {} if known is None else known

    def __call__(self, kind: str, record: dict) -> str:
        path = f"{kind}/{record['id']}.yaml"
        found = self.known.get(path)
        if found is None:
            found = self.known[path] = fingerprint(record)
        return found


def _span(s: Span | Mention) -> dict:
    return {"end": s.end, "source": s.source, "start": s.start, "text": s.text}


def to_records(kb: KnowledgeBase, redirects: dict[str, str] | None = None) -> dict[str, dict]:
    """Every record as `{relative path: record}`; `redirects` are {old entity id: new id}.

    Every dict's keys are written in sorted order, the order in which they are dumped and so
    loaded again: a record made here and the same record read from `content/` then give the
    same fingerprint (`manifest.fingerprint` follows dict order), so `musubi render` after a
    build finds its pages as they were (tests/test_records.py checks the order)."""
    files: dict[str, dict] = {}
    mentions_in: dict[str, list[dict]] = defaultdict(list)
    unsure_in: dict[str, list[dict]] = defaultdict(list)  # source → the facts it seems to state that are not stated
    for u in kb.unsure:
        unsure_in[u.source].append({"evidence": _span(u.evidence), "fact": dict(sorted(u.fact.items())), "kind": u.kind, "why": u.why})
    said_in: dict[str, list[dict]] = defaultdict(list)  # source → its statements, for marking them in its text
    said_by: dict[str, list[dict]] = defaultdict(list)  # speaker → what it said
    for st in sorted(kb.statements, key=lambda st: (st.source, st.start)):
        said_in[st.source].append({"end": st.end, "kind": st.kind, "speaker": st.speaker, "start": st.start, "verb": st.verb})
        said_by[st.speaker].append({"about": st.about, "context": _span(st.context), "date": st.date, "end": st.end, "kind": st.kind,
                                    "origin": st.origin, "source": st.source, "speaker_from": st.speaker_from, "start": st.start,
                                    "text": st.text, "verb": st.verb})
    for e in kb.entities:
        for m in e.mentions:
            mentions_in[m.source].append({"end": m.end, "entity": m.entity, "start": m.start, "text": m.text})
    for a in kb.articles:
        copy = kb.duplicates.get(a.id)
        files[f"sources/{a.id}.yaml"] = {
            "author": a.author,
            "blocks": [{"end": b.end, "kind": b.kind, "start": b.start} for b in a.blocks],
            "date": a.date, "date_from": a.date_from,
            "dates": [{"basis": d.basis, "date": d.iso, "end": d.end, "start": d.start, "text": d.text} for d in a.dates],
            "duplicate_confirmed": bool(copy and copy.confirmed), "duplicate_of": copy.original if copy else None,
            "encoding": a.encoding, "format": a.format,
            "id": a.id,
            "mentions": sorted(mentions_in[a.id], key=lambda m: m["start"]),
            "path": a.path, "publisher": a.publisher, "similarity": copy.similarity if copy else None,
            "statements": said_in[a.id],
            "tags": list(a.tags), "text": a.text, "title": a.title, "unsure": unsure_in[a.id], "url": a.url,
        }
    originals = {sid: copy.original for sid, copy in kb.duplicates.items()}  # copies of one article are one source
    disputed = disagreements(kb.claims, originals)
    agreed = agreements(kb.claims, originals)
    relations_of: dict[str, list[dict]] = defaultdict(list)
    for r in kb.relations:
        relations_of[r.subject].append(
            {"evidence": [_span(s) for s in r.evidence], "object": r.object, "origin": r.origin, "predicate": r.predicate,
             "read_from": r.read_from})
    claims_of: dict[str, list[dict]] = defaultdict(list)
    for c in kb.claims:
        claims_of[c.subject].append(
            {"agreed_by": agreed.get((*c.comparable, c.number), 0), "basis": c.basis,
             "disputed": c.comparable in disputed, "evidence": _span(c.evidence), "number": c.number,
             "origin": c.origin, "period": c.period, "property": c.property, "qualifier": c.qualifier, "source": c.source,
             "subject_from": c.subject_from, "unit": c.unit, "value": c.value})
    for e in kb.entities:
        files[f"entities/{e.id}.yaml"] = {
            "aliases": e.aliases, "claims": claims_of[e.id], "description": e.description, "edited": e.edited,
            "id": e.id, "in_lexicon": e.in_lexicon,
            "mentions": [_span(m) for m in e.mentions],
            "name": e.name, "origin": "curated" if e.edited else "generated",
            "relations": relations_of[e.id],
            "reviewed": sorted(set(e.reviewed)), "statements": said_by[e.id], "titles": e.titles, "type": e.type,
        }
    for ev in kb.events:
        files[f"events/{ev.id}.yaml"] = {
            "actor": ev.actor, "actor_from": ev.actor_from, "date": ev.date, "date_basis": ev.date_basis, "entities": ev.entities,
            "evidence": [_span(s) for s in ev.evidence], "id": ev.id, "origin": ev.origin, "title": ev.title, "type": ev.type,
        }
    for old, new in (redirects or {}).items():
        files[f"redirects/{old}.yaml"] = {"id": old, "to": new}
    return files


def dump_all(records: dict[str, dict], put: Callable[[str, str], bool], workers: int = 1, unchanged: Unchanged = never) -> Made:
    """Each of `to_records`' records as YAML, handed to `put(relative path, text)` (see
    `site.Staged`) over `workers` processes — except those `unchanged` vouches for."""
    return make_all(records, lambda record: (record, partial(dump, record)), put, workers, MIN_RECORDS_PER_PROCESS, unchanged)


def parse_record(kind: str, path: str, text: str) -> dict:
    """One YAML record, checked; problems name the file and line."""
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path, text) from None
    if not isinstance(data, dict):
        raise InputError(path, 1, "a record must be a mapping of field: value")
    missing = [k for k in REQUIRED[kind] if k not in data]
    if missing:
        raise InputError(path, 1, f"missing field(s): {', '.join(missing)}")
    if Path(path).stem != str(data["id"]):
        raise InputError(path, _line_of(text, "id"), f"id {data['id']!r} does not match the file name")
    return data


def _line_of(text: str, key: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith(f"{key}:"):
            return n
    return 1


def from_texts(files: dict[str, str], root: str = "content") -> Records:
    """Records from `{relative path: YAML text}`; ids must point at existing records."""
    return from_dicts({rel: parse_record(rel.split("/", 1)[0], f"{root}/{rel}", text) for rel, text in files.items()}, root)


def from_dicts(files: dict[str, dict], root: str = "content") -> Records:
    """Records from `{relative path: record}` (as loaded or as `to_records` made them)."""
    loaded: dict[str, list[dict]] = {k: [] for k in KINDS}
    for rel in sorted(files):
        loaded[rel.split("/", 1)[0]].append(files[rel])
    records = Records(**{k: sorted(v, key=lambda r: str(r["id"])) for k, v in loaded.items()})
    _check_references(records, root)
    return records


def _check_references(records: Records, root: str) -> None:
    sources = {s["id"] for s in records.sources}
    entities = {e["id"] for e in records.entities}
    for s in records.sources:
        original = s.get("duplicate_of")
        if original is not None and (original not in sources or original == s["id"]):
            what = "itself" if original == s["id"] else f"unknown source {original!r}"
            raise InputError(f"{root}/sources/{s['id']}.yaml", None, f"duplicate_of points at {what}")
    for e in records.entities:
        where = f"{root}/entities/{e['id']}.yaml"
        for r in e["relations"]:
            if r["object"] not in entities:
                raise InputError(where, None, f"relation {r['predicate']} points at unknown entity {r['object']!r}")
        for m in [*e["mentions"], *e.get("statements", [])]:
            if m["source"] not in sources:
                raise InputError(where, None, f"{'statement' if 'verb' in m else 'mention'} points at unknown source {m['source']!r}")
    for ev in records.events:
        for eid in ev["entities"]:
            if eid not in entities:
                raise InputError(f"{root}/events/{ev['id']}.yaml", None, f"event names unknown entity {eid!r}")
    for r in records.redirects:
        where = f"{root}/redirects/{r['id']}.yaml"
        if r["to"] not in entities:
            raise InputError(where, None, f"redirect to unknown entity {r['to']!r}")
        if r["id"] in entities:
            raise InputError(where, None, f"{r['id']!r} is an entity's page; it cannot also redirect")
