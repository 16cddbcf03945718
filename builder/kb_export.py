"""kb.json: the public export of the knowledge base (version 1), written in pieces.

Each item of the export comes from one record (a source, an entity with its
relations and claims, an event, a redirect). At 10,000 articles the export is
about 200 MB, and turning every record into JSON again was seconds of a
rebuild that changed one article. So each record's items are kept as JSON text
(`Parts`), keyed on the record's fingerprint (`manifest.fingerprint`, which the
records stage has already computed), in `<cache>/kb-parts.pickle`; a record
whose fingerprint is known is not dumped again. The text is the same either way.
Fields are only ever added, never removed.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from builder import jsonstream
from builder.jsonstream import Raw, dumps
from builder.manifest import fingerprint
from builder.records import Records

Items = tuple[tuple[str, ...], ...]  # a record's items as JSON text, grouped by the list of the export they go to


class Parts:
    """Records' items as JSON text: those of the last build (`saved`), and those used now."""

    def __init__(self, saved: Mapping[str, Items] | None = None, fingerprints: Mapping[str, str] | None = None):
        self.saved = saved or {}
        self.fingerprints = fingerprints or {}  # {records' relative path: fingerprint}, as the records stage made them
        self.used: dict[str, Items] = {}

    def of(self, kind: str, record: dict, make: Callable[[dict], Items]) -> Items:
        key = kind + (self.fingerprints.get(f"{kind}/{record['id']}.yaml") or fingerprint(record))
        items = self.used.get(key) or self.saved.get(key)
        if items is None:
            items = make(record)
        self.used[key] = items
        return items


def _texts(*values) -> tuple[str, ...]:
    """Plain `str`, not `Raw`: a str subclass pickles ten times slower (the parts file is 200 MB at 10,000 articles)."""
    return tuple(dumps(v) for v in values)


def _source(s: dict) -> Items:
    return (_texts({"id": s["id"], "title": s["title"], "publisher": s["publisher"], "date": s["date"], "path": s["path"],
                  "url": f"sources/{s['id']}.html", "original_url": s.get("url")}),)


def _entity(e: dict) -> Items:
    """The entity, its relations, its claims."""
    entity = {"id": e["id"], "type": e["type"], "name": e["name"], "aliases": e["aliases"], "description": e.get("description", ""),
              "url": f"entities/{e['id']}.html", "sources": sorted({m["source"] for m in e["mentions"]}),
              "mentions": [{"source": m["source"], "start": m["start"], "end": m["end"], "text": m["text"]} for m in e["mentions"]]}
    relations = [{"subject": e["id"], "predicate": r["predicate"], "object": r["object"],
                  "sources": sorted({s["source"] for s in r["evidence"]}), "evidence": r["evidence"], "origin": r.get("origin", "generated")}
                 for r in e["relations"]]
    claims = [{"subject": e["id"], "property": c["property"], "value": c["value"], "number": c["number"], "unit": c["unit"],
               "qualifier": c["qualifier"], "source": c["source"], "evidence": c["evidence"], "disputed": c["disputed"],
               "origin": c.get("origin", "generated")}
              for c in e["claims"]]
    return _texts(entity), _texts(*relations), _texts(*claims)


def _event(ev: dict) -> Items:
    return (_texts({"id": ev["id"], "type": ev["type"], "date": ev["date"], "title": ev["title"], "entities": ev["entities"],
                  "sources": sorted({s["source"] for s in ev["evidence"]}), "url": f"events/{ev['id']}.html",
                  "date_basis": ev.get("date_basis", "")}),)


def kb_json(records: Records, parts: Parts) -> Iterator[str]:
    """The export, in pieces (`jsonstream`); `parts` supplies (and keeps) each record's items."""
    entities = [parts.of("entities", e, _entity) for e in records.entities]
    data = {
        "version": 1,
        "sources": (Raw(item) for s in records.sources for item in parts.of("sources", s, _source)[0]),
        "entities": (Raw(item) for e in entities for item in e[0]),
        "relations": (Raw(item) for e in entities for item in e[1]),
        "events": (Raw(item) for ev in records.events for item in parts.of("events", ev, _event)[0]),
        "redirects": ({"from": f"entities/{r['id']}.html", "to": f"entities/{r['to']}.html"} for r in records.redirects),
        "claims": (Raw(item) for e in entities for item in e[2]),
    }
    yield from jsonstream.parts(data)
    yield "\n"


def load_parts(cache: Path | None, code: str, fingerprints: Mapping[str, str] | None = None) -> Parts:
    """The items the last build kept, if it ran this code (`manifest.code_digest`)."""
    try:
        with open(cache / "kb-parts.pickle", "rb") as fh:
            saved_code, saved = pickle.load(fh)
    except (TypeError, OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError):
        saved_code, saved = "", {}  # no cache folder, none yet, or damaged: every item is dumped
    return Parts(saved if saved_code == code and isinstance(saved, dict) else {}, fingerprints)


def save_parts(cache: Path | None, code: str, parts: Parts) -> None:
    """Keep the items this build used (and only those) for the next one."""
    if cache is None:
        return
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cache / f"kb-parts.{os.getpid()}.tmp"
    with open(tmp, "wb") as fh:
        pickle.dump((code, parts.used), fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, cache / "kb-parts.pickle")
