"""Gold files for `musubi eval`: read them, and check that they say what they mean.

A gold file is a YAML list of documents, or one happening — `{happening, beat, documents}` —
reported by several outlets (tests/real/README.md). A document carries its `text`, or a `path`
to it: the real articles' texts are third-party and not in the project, so a document whose
text is missing is set aside and counted (`Gold.missing`), and one whose text is not the one it
was annotated on (`sha256`) is an error, not a silent change of figures.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from builder.analyze.lexicon import TYPES
from builder.analyze.patterns import PREDICATE_TYPES
from builder.analyze.vocab import vocab
from builder.errors import InputError
from builder.files.yamlio import yaml_error
from builder.model import CLAIM_BASES, STATEMENT_KINDS

EVENT_TYPES = ("market", "product", "policy", "investment", "people", "insolvency")
UNITS = ("JPY", "USD", "EUR", "CNY", "KRW", "%", "people", "ratio", "")
# Properties a reader may give a figure; musubi states a subset of them. A figure musubi gives
# under another property than the reader's is wrong, so the reader's list is the wider one.
GOLD_PROPERTIES = ("acquisition_price", "valuation")
DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


@dataclass
class Gold:
    docs: list[dict] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # paths of texts not there (not in the project)


def _read(path: Path, what: str, encoding: str = "utf-8") -> str:
    try:
        return path.read_text(encoding=encoding)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, None, f"cannot read {what} ({exc.strerror if isinstance(exc, OSError) else exc})") from None


def load(paths: list[Path], root: Path) -> Gold:
    """Every document of every file, with its text; those whose text file is missing are left
    out and listed."""
    gold = Gold()
    for path in paths:
        raw = _read(path, "gold file")
        try:
            data = yaml.safe_load(raw) or []
        except yaml.YAMLError as exc:
            raise yaml_error(exc, path, raw) from None
        docs = data.get("documents", []) if isinstance(data, dict) else data
        happening = data.get("happening") if isinstance(data, dict) else None
        for doc in docs:
            doc = {**doc, "file": str(path), **({"happening": happening} if happening else {})}
            if "path" in doc:
                where = root / doc["path"]
                if not where.is_file():
                    gold.missing.append(doc["path"])
                    continue
                text = _read(where, "article text", "utf-8-sig")
                digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
                if doc.get("sha256") and doc["sha256"] != digest:
                    raise InputError(doc["path"], None, f"not the text {path} was annotated on (sha256 {digest}, gold"
                                     f" {doc['sha256']}): rebuild it as tests/real/README.md says")
                doc = {**doc, "text": text, "digest": digest}
                _words_said(doc)
            gold.docs.append(doc)
    return gold


def _words_said(doc: dict) -> None:
    """A third-party text's statements are written as where they are (`at`, `chars`) and how they
    start (`starts`), not copied: their words are read from the text."""
    text = doc["text"]
    for part in (doc, doc.get("acceptable") or {}):
        for st in part.get("statements", []):
            if "at" in st:
                st["text"] = text[st["at"] : st["at"] + st["chars"]]
                if not st["text"].startswith(str(st.get("starts", ""))):
                    raise InputError(doc["path"], None, f"statement at {st['at']} does not start {st.get('starts')!r}")


def load_gold(paths: list[Path], root: Path) -> list[dict]:
    """The documents of gold files that carry all their texts (the development set's)."""
    gold = load(paths, root)
    if gold.missing:
        raise InputError(gold.missing[0], None, "text not found")
    return gold.docs


def gold_mentions(doc: dict) -> dict[tuple[int, int], tuple[str, str]]:
    """(start, end) → (type, gold id) for every occurrence of every spelling, longer spellings
    winning overlaps, without those inside an `unscored` stretch."""
    text = doc["text"]
    spellings = sorted(((s, e["id"], e["type"]) for e in doc.get("entities", []) for s in e["spellings"]),
                       key=lambda x: -len(x[0]))
    taken: dict[tuple[int, int], tuple[str, str]] = {}
    covered: set[int] = set()
    for spelling, gid, kind in spellings:
        pos = text.find(spelling)
        if pos < 0:
            raise InputError(doc["id"], None, f"spelling {spelling!r} does not occur in the text")
        while pos >= 0:
            span = set(range(pos, pos + len(spelling)))
            if not span & covered:
                taken[(pos, pos + len(spelling))] = (kind, gid)
                covered |= span
            pos = text.find(spelling, pos + 1)
    masked = unscored(doc)
    return {span: v for span, v in taken.items() if not masked & set(range(*span))}


def unscored(doc: dict) -> set[int]:
    """The characters of a document where names are not scored."""
    text, out = doc["text"], set()
    for s in doc.get("unscored", []):
        pos = text.find(s)
        if pos < 0:
            raise InputError(doc["id"], None, f"unscored {s!r} does not occur in the text")
        while pos >= 0:
            out |= set(range(pos, pos + len(s)))
            pos = text.find(s, pos + 1)
    return out


def predicates() -> set[str]:
    v = vocab()
    return {*PREDICATE_TYPES, *v.titles.values(), *v.place_offices.values(), "minister_of"} - {"place_within"}


def problems(docs: list[dict]) -> list[str]:
    """What is wrong with gold documents, one line each: unknown kinds, ids used and not
    declared, strings that are not in the text, one id given two types."""
    out = []
    props = {*vocab().properties, *GOLD_PROPERTIES}
    preds = predicates()
    types_of: dict[str, tuple[str, str]] = {}
    seen_docs: set[str] = set()
    for doc in docs:
        did = doc.get("id", "?")
        say = out.append
        if did in seen_docs:
            say(f"{did}: document id used twice")
        seen_docs.add(did)
        text = doc.get("text", "")
        ids = set()
        for e in doc.get("entities", []):
            ids.add(e["id"])
            if e.get("type") not in TYPES:
                say(f"{did}: entity {e['id']}: unknown type {e.get('type')!r}")
            first = types_of.setdefault(e["id"], (e.get("type"), did))
            if first[0] != e.get("type"):
                say(f"{did}: entity {e['id']} is {e.get('type')} here and {first[0]} in {first[1]}")
            for s in e.get("spellings", []):
                if str(s) not in text:
                    say(f"{did}: spelling {s!r} of {e['id']} not in the text")
        for s in doc.get("unscored", []):
            if str(s) not in text:
                say(f"{did}: unscored {s!r} not in the text")
        acceptable = doc.get("acceptable") or {}
        for where, part in (("", doc), ("acceptable ", acceptable)):
            for r in part.get("relations", []):
                if len(r) != 3 or r[1] not in preds:
                    say(f"{did}: {where}relation {r}: predicate not one of {sorted(preds)}")
                elif {r[0], r[2]} - ids:
                    say(f"{did}: {where}relation {r}: {sorted({r[0], r[2]} - ids)} not among the entities")
            for ev in part.get("events", []):
                kinds = ev.get("type") if isinstance(ev.get("type"), list) else [ev.get("type")]
                if set(kinds) - set(EVENT_TYPES):
                    say(f"{did}: {where}event {ev.get('id')}: type {ev.get('type')!r} not one of {EVENT_TYPES}")
                if not DATE.match(str(ev.get("date", ""))):
                    say(f"{did}: {where}event {ev.get('id')}: date {ev.get('date')!r} is not YYYY-MM-DD or YYYY-MM")
                if ev.get("actor") not in ids:
                    say(f"{did}: {where}event {ev.get('id')}: actor {ev.get('actor')!r} not among the entities")
                if set(ev.get("entities", [])) - ids:
                    say(f"{did}: {where}event {ev.get('id')}: {sorted(set(ev['entities']) - ids)} not among the entities")
            for c in part.get("claims", []):
                if c.get("property") not in props:
                    say(f"{did}: {where}claim {c}: property not one of {sorted(props)}")
                if c.get("subject") not in ids:
                    say(f"{did}: {where}claim {c}: subject not among the entities")
                if c.get("unit") not in UNITS or not isinstance(c.get("number"), (int, float)):
                    say(f"{did}: {where}claim {c}: number must be a number, unit one of {UNITS}")
                if c.get("basis", "") not in (*CLAIM_BASES, ""):
                    say(f"{did}: {where}claim {c}: basis not one of {CLAIM_BASES} or \"\"")
            for st in part.get("statements", []):
                if st.get("speaker") not in ids:
                    say(f"{did}: {where}statement {st.get('text', '')[:20]!r}: speaker {st.get('speaker')!r} not among the entities")
                if st.get("kind") not in STATEMENT_KINDS:
                    say(f"{did}: {where}statement {st.get('text', '')[:20]!r}: kind not one of {STATEMENT_KINDS}")
                if str(st.get("text")) not in text:
                    say(f"{did}: {where}statement {st.get('text')!r} not in the text")
        if "path" in doc and not doc.get("sha256"):
            say(f"{did}: no sha256; the text's is {doc.get('digest')}")
    return out


def check(gold: Gold) -> tuple[list[str], str]:
    """`musubi eval --check`: the problems and texts missing, one line each, and a line that counts."""
    found = problems(gold.docs)
    lines = [*found, *(f"{path}: text not found (tests/real/README.md says how to rebuild it)" for path in gold.missing)]
    outlets = {d.get("outlet") for d in gold.docs if d.get("outlet")}
    summary = (f"{len(gold.docs)} documents checked, {len(found)} problems, {len(gold.missing)} texts missing"
               + (f", {len(outlets)} outlets" if outlets else ""))
    return lines, summary
