"""kb.json: the public export of the knowledge base (version 1), written in pieces.

Each item of the export comes from one record (a source, an entity with its
relations and claims, an event, a redirect). At 10,000 articles the export is
about 200 MB, and turning every record into JSON again was seconds of a
rebuild that changed one article. So each record's items are kept as JSON text
(`Parts`), keyed on the record's fingerprint (`manifest.fingerprint`, which the
records stage has already computed), in `<cache>/kb-parts.bin`; a record
whose fingerprint is known is not dumped again. The text is the same either way.
Fields are only ever added, never removed.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, Self

from builder.files import jsonstream
from builder.files.cache import UNREADABLE
from builder.files.jsonstream import Raw, dumps
from builder.kb.records import Digests, Records

FILE = "kb-parts.bin"
Items = tuple[tuple[str, ...], ...]  # a record's items as JSON text, grouped by the list of the export they go to
Span = tuple[int, int]  # (offset, length) of one group of items, a line each, in a parts file
Spans = tuple[Span, ...]  # one record's groups


class Parts:
    """Records' items as JSON text, one line each, in a file: those of the last build (read
    from `<cache>/kb-parts.bin` when the same code wrote it) and those of this build, written
    to a new file as they are used. Only byte offsets stay in memory: kept as strings, the
    items of 10,000 articles were 250 MB of a build's peak. Use as a context manager; `keep()`
    (after the build succeeded) makes the new file the one the next build reads."""

    def __init__(self, cache: Path | None = None, code: str = "", digests: Digests | None = None):
        self.digest = digests or Digests()
        self._code, self._path = code, (cache / FILE if cache else None)
        self._old, self._saved = _open_kept(self._path, code)
        if self._path:
            cache.mkdir(parents=True, exist_ok=True)
            self._tmp = cache / f"kb-parts.{os.getpid()}.tmp"
            self._new = open(self._tmp, "w+b")  # noqa: SIM115 (closed by __exit__)
        else:
            self._tmp, self._new = None, tempfile.TemporaryFile()  # noqa: SIM115 (closed by __exit__)
        self._size, self._unread = 0, False
        self._used: dict[str, Spans] = {}

    def of(self, kind: str, record: dict, make: Callable[[dict], Items]) -> Spans:
        """Where the record's items are in the new file: copied from the last build's file when
        the record is unchanged, else made now."""
        key = kind + self.digest(kind, record)
        spans = self._used.get(key)
        if spans is None:
            kept = self._saved.get(key)
            texts = ([os.pread(self._old.fileno(), n, at) for at, n in kept] if kept is not None
                     else ["\n".join(group).encode() for group in make(record)])
            spans = self._used[key] = tuple(self._append(t) for t in texts)
        return spans

    def items(self, span: Span) -> list[Raw]:
        at, n = span
        if self._unread:
            self._new.flush()
            self._unread = False
        return [Raw(t) for t in os.pread(self._new.fileno(), n, at).decode().split("\n")] if n else []

    def _append(self, text: bytes) -> Span:
        self._new.write(text)
        self._unread = True
        self._size += len(text)
        return self._size - len(text), len(text)

    def keep(self) -> None:
        """Make this build's file the one the next build reads: the items it used, then the
        index of them, then where the index starts."""
        if self._path is None:
            return
        pickle.dump((self._code, self._used), self._new, protocol=pickle.HIGHEST_PROTOCOL)
        self._new.write(self._size.to_bytes(8, "big"))
        self._new.close()
        os.replace(self._tmp, self._path)
        self._tmp = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_) -> None:
        for fh in (self._old, self._new):
            if fh is not None:
                fh.close()
        if self._tmp is not None:  # not kept: the build failed, or had no cache
            self._tmp.unlink(missing_ok=True)


def _open_kept(path: Path | None, code: str) -> tuple[BinaryIO | None, dict[str, Spans]]:
    """The last build's file and its index, if that build ran this code (`manifest.code_digest`)."""
    if path is None:
        return None, {}
    try:
        fh = open(path, "rb")  # noqa: SIM115 (Parts closes it)
    except OSError:
        return None, {}  # none yet
    try:
        fh.seek(-8, os.SEEK_END)
        fh.seek(int.from_bytes(fh.read(8), "big"))
        saved_code, saved = pickle.load(fh)
        if saved_code == code and isinstance(saved, dict):
            return fh, saved
    except UNREADABLE:
        pass  # damaged: every item is made again
    fh.close()
    return None, {}


def _texts(*values) -> tuple[str, ...]:
    return tuple(dumps(v) for v in values)


def _source(s: dict) -> Items:
    """The source, and the facts it seems to state whose attachment is uncertain (not stated)."""
    return (_texts({"id": s["id"], "title": s["title"], "publisher": s["publisher"], "date": s["date"], "path": s["path"],
                  "url": f"sources/{s['id']}.html", "original_url": s.get("url"), "date_from": s.get("date_from"),
                  "author": s.get("author"), "tags": s.get("tags", []), "format": s.get("format", "text"),
                  "duplicate_of": s.get("duplicate_of"), "similarity": s.get("similarity")}),
            _texts(*({"kind": u["kind"], "source": s["id"], **u["fact"], "evidence": u["evidence"], "why": u["why"],
                      "confidence": "low"} for u in s.get("unsure", []))))


def _entity(e: dict) -> Items:
    """The entity, its relations, its claims, what it said."""
    entity = {"id": e["id"], "type": e["type"], "name": e["name"], "aliases": e["aliases"], "description": e.get("description", ""),
              "url": f"entities/{e['id']}.html", "sources": sorted({m["source"] for m in e["mentions"]}),
              "mentions": [{"source": m["source"], "start": m["start"], "end": m["end"], "text": m["text"]} for m in e["mentions"]]}
    relations = [{"subject": e["id"], "predicate": r["predicate"], "object": r["object"],
                  "sources": sorted({s["source"] for s in r["evidence"]}), "evidence": r["evidence"], "origin": r.get("origin", "generated"),
                  "read_from": r.get("read_from", "")}
                 for r in e["relations"]]
    claims = [{"subject": e["id"], "property": c["property"], "value": c["value"], "number": c["number"], "unit": c["unit"],
               "qualifier": c["qualifier"], "source": c["source"], "evidence": c["evidence"], "disputed": c["disputed"],
               "origin": c.get("origin", "generated"), "agreed_by": c.get("agreed_by"),
               "basis": c.get("basis", ""), "period": c.get("period", ""), "subject_from": c.get("subject_from", "")}
              for c in e["claims"]]
    said = [{"speaker": e["id"], "source": st["source"], "text": st["text"], "start": st["start"], "end": st["end"],
             "kind": st["kind"], "verb": st["verb"], "date": st["date"], "about": st["about"], "speaker_from": st.get("speaker_from", "")}
            for st in e.get("statements", [])]
    return _texts(entity), _texts(*relations), _texts(*claims), _texts(*said)


def _event(ev: dict) -> Items:
    return (_texts({"id": ev["id"], "type": ev["type"], "date": ev["date"], "title": ev["title"], "entities": ev["entities"],
                  "sources": sorted({s["source"] for s in ev["evidence"]}), "url": f"events/{ev['id']}.html",
                  "date_basis": ev.get("date_basis", ""), "actor": ev.get("actor", ""),
                  "actor_from": ev.get("actor_from", "")}),)


def kb_json(records: Records, parts: Parts) -> Iterator[str]:
    """The export, in pieces (`jsonstream`); `parts` supplies (and keeps) each record's items."""
    sources = [parts.of("sources", s, _source) for s in records.sources]
    entities = [parts.of("entities", e, _entity) for e in records.entities]
    events = [parts.of("events", ev, _event) for ev in records.events]
    data = {
        "version": 1,
        "sources": (item for s in sources for item in parts.items(s[0])),
        "entities": (item for e in entities for item in parts.items(e[0])),
        "relations": (item for e in entities for item in parts.items(e[1])),
        "events": (item for ev in events for item in parts.items(ev[0])),
        "redirects": ({"from": f"entities/{r['id']}.html", "to": f"entities/{r['to']}.html"} for r in records.redirects),
        "claims": (item for e in entities for item in parts.items(e[2])),
        "statements": (item for e in entities for item in parts.items(e[3])),
        "unsure": (item for s in sources for item in parts.items(s[1])),
    }
    yield from jsonstream.parts(data)
    yield "\n"
