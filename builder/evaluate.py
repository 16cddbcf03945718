"""Score the extractor against hand-labelled gold documents (`make eval`).

A gold file is a YAML list of documents: `{id, date?, text | path, entities:
[{id, type, spellings}], relations: [[s, p, o]], events: [{id, date, type,
entities}], claims: [{subject, property, number, unit, basis?, period?}], statements:
[{speaker, kind, verb, text}]}` (statements: what was said, as written; the conventions are in
tests/devset/README.md). Every occurrence
of a spelling in the text is a gold mention (longer spellings win overlaps);
the same gold id in two documents is the same thing. All documents of a set
are built as one corpus, as `musubi build` would.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import yaml

from builder.analyze import analyze
from builder.analyze.lexicon import TYPES, Lexicon
from builder.errors import InputError
from builder.files.yamlio import yaml_error
from builder.link import link
from builder.read.dates import all_dates
from builder.read.plain import parse
from builder.read.textnorm import name_key


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set, found: set) -> None:
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)


@dataclass
class Report:
    entities: dict[str, Score] = field(default_factory=dict)
    merges_expected: int = 0
    merges_right: int = 0
    merges_wrong: int = 0
    relations: Score = field(default_factory=Score)
    events: Score = field(default_factory=Score)
    claims: Score = field(default_factory=Score)
    statements: Score = field(default_factory=Score)  # found where gold is (`statement_match`), whoever the speaker
    speakers_right: int = 0  # of the statements found where gold is, those whose speaker is the gold one
    documents: int = 0
    errors: list[str] = field(default_factory=list)  # what was missed (-) or wrongly found (+), for `--errors`

    @property
    def all_entities(self) -> Score:
        total = Score()
        for s in self.entities.values():
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        return total

    def figures(self) -> dict[str, float]:
        """Flat figures, as the tests' floors name them."""
        out = {}
        for kind, s in {**self.entities, "all": self.all_entities}.items():
            out[f"{kind}.precision"], out[f"{kind}.recall"], out[f"{kind}.f1"] = s.precision, s.recall, s.f1
        out["merge.accuracy"] = self.merges_right / self.merges_expected if self.merges_expected else 1.0
        out["merge.wrong"] = self.merges_wrong
        for name in ("relations", "events", "claims", "statements"):
            s = getattr(self, name)
            out[f"{name}.precision"], out[f"{name}.recall"], out[f"{name}.f1"] = s.precision, s.recall, s.f1
        out["statements.speaker"] = self.speaker_accuracy
        return out

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.statements.tp if self.statements.tp else 1.0


def load_gold(paths: list[Path], root: Path) -> list[dict]:
    docs = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        try:
            data = yaml.safe_load(text) or []
        except yaml.YAMLError as exc:
            raise yaml_error(exc, path, text) from None
        for doc in data:
            if "path" in doc:
                doc = {**doc, "text": (root / doc["path"]).read_text(encoding="utf-8-sig")}
            docs.append(doc)
    return docs


def gold_mentions(doc: dict) -> dict[tuple[int, int], tuple[str, str]]:
    """(start, end) → (type, gold id) for every occurrence of every spelling."""
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
    return taken


def evaluate(docs: list[dict], lexicon: Lexicon) -> Report:
    articles = []
    for doc in docs:
        a = parse(doc["id"], doc["id"], doc["text"])
        if doc.get("date"):
            iso = str(doc["date"])
            a = dataclasses.replace(a, date=iso, dates=tuple(all_dates(a.text, iso)))
        articles.append(a)
    analyses = [analyze(a, lexicon) for a in articles]
    kb = link(analyses, lexicon)
    report = Report(entities={t: Score() for t in TYPES}, documents=len(docs))

    gold_by_doc = {doc["id"]: gold_mentions(doc) for doc in docs}
    found_by_doc: dict[str, dict[tuple[int, int], tuple[str, str]]] = defaultdict(dict)
    for e in kb.entities:
        for m in e.mentions:
            found_by_doc[m.source][(m.start, m.end)] = (e.type, e.id)
    for doc in docs:
        gold, found = gold_by_doc[doc["id"]], found_by_doc[doc["id"]]
        for t in TYPES:
            report.entities[t].add({s for s, (k, _) in gold.items() if k == t}, {s for s, (k, _) in found.items() if k == t})
        text = doc["text"]
        for span in sorted(set(gold) | set(found)):
            g, f = gold.get(span, ("", ""))[0], found.get(span, ("", ""))[0]
            if g != f:
                report.errors.append(f"{doc['id']}: {text[span[0]:span[1]]!r} gold={g or '-'} found={f or '-'}")

    # which gold thing each system entity is (majority of its span-matched mentions)
    votes: dict[str, Counter] = defaultdict(Counter)
    node_entity: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for doc in docs:
        text = doc["text"]
        for span, (_, gid) in gold_by_doc[doc["id"]].items():
            hit = found_by_doc[doc["id"]].get(span)
            node = (gid, name_key(text[span[0]:span[1]]))
            node_entity[node][hit[1] if hit else None] += 1
            if hit:
                votes[hit[1]][gid] += 1
    gold_of = {eid: c.most_common(1)[0][0] for eid, c in votes.items()}
    system_of = {node: c.most_common(1)[0][0] for node, c in node_entity.items()}
    for a, b in combinations(sorted(system_of), 2):
        same_gold = a[0] == b[0]
        same_system = system_of[a] is not None and system_of[a] == system_of[b]
        report.merges_expected += same_gold
        report.merges_right += same_gold and same_system
        report.merges_wrong += (not same_gold) and same_system
        if same_gold and not same_system:
            report.errors.append(f"not merged: {a[1]} ~ {b[1]} ({a[0]})")
        elif same_system and not same_gold:
            report.errors.append(f"merged wrongly: {a[1]} ({a[0]}) ~ {b[1]} ({b[0]})")

    gold_rel = {tuple(r) for doc in docs for r in doc.get("relations", [])}
    found_rel = {(gold_of.get(r.subject, "?" + r.subject), r.predicate, gold_of.get(r.object, "?" + r.object)) for r in kb.relations}
    report.relations.add(gold_rel, found_rel)
    report.errors += [f"relation missed: {r}" for r in sorted(gold_rel - found_rel)]
    report.errors += [f"relation wrong: {r}" for r in sorted(found_rel - gold_rel)]

    gold_events: dict[str, dict] = {}
    for doc in docs:
        for ev in doc.get("events", []):
            gold_events.setdefault(ev["id"], {**ev, "date": str(ev["date"])})
    matched_gold, matched_found = set(), 0
    for ev in kb.events:
        mapped = {gold_of.get(e) for e in ev.entities}
        hits = {gid for gid, g in gold_events.items() if g["type"] == ev.type and g["date"] == ev.date and mapped & set(g["entities"])}
        matched_gold |= hits
        matched_found += bool(hits)
    report.events = Score(tp=len(matched_gold), fp=len(kb.events) - matched_found, fn=len(gold_events) - len(matched_gold))

    gold_claims, found_claims = claim_keys(docs, kb.claims, gold_of)
    report.claims.add(gold_claims, found_claims)
    report.errors += [f"claim missed: {c}" for c in sorted(gold_claims - found_claims, key=str)]
    report.errors += [f"claim wrong: {c}" for c in sorted(found_claims - gold_claims, key=str)]
    found_events = {(ev.type, ev.date, tuple(sorted(str(gold_of.get(e)) for e in ev.entities))) for ev in kb.events}
    report.errors += [f"event gold: {g['type']} {g['date']} {g['entities']}" for gid, g in sorted(gold_events.items()) if gid not in matched_gold]
    report.errors += [f"event found: {e}" for e in sorted(found_events)]
    _score_statements(report, docs, kb.statements, gold_of)
    return report


STATEMENT_OVERLAP = 0.7  # of the union of a gold statement's and a found one's characters, shared: one statement


def statement_match(gold: tuple[int, int], found: tuple[int, int]) -> bool:
    """A found statement is the gold one when their stretches of text mostly coincide: where
    reported words start (after 28日、 or 記者会見で) is a matter of judgement, what was said is not."""
    shared = min(gold[1], found[1]) - max(gold[0], found[0])
    return shared > 0 and shared / (max(gold[1], found[1]) - min(gold[0], found[0])) >= STATEMENT_OVERLAP


def _score_statements(report: Report, docs: list[dict], found: list, gold_of: dict[str, str]) -> None:
    """Recall and precision of where statements are, and, of those found, how many have the gold
    speaker; each gold statement is matched at most once."""
    by_doc: dict[str, list] = defaultdict(list)
    for st in found:
        by_doc[st.source].append(st)
    for doc in docs:
        text, left = doc["text"], sorted(by_doc.get(doc["id"], []), key=lambda st: st.start)
        gold = []
        for g in doc.get("statements", []):
            at = text.find(g["text"])
            if at < 0:
                raise InputError(doc["id"], None, f"statement {g['text']!r} does not occur in the text")
            gold.append((g, (at, at + len(g["text"]))))
        # words two speakers said together (AとBは…と発表した) are two gold statements: a found one
        # is matched with the one of its speaker first
        gold.sort(key=lambda gs: not any(statement_match(gs[1], (st.start, st.end)) and gold_of.get(st.speaker) == gs[0]["speaker"]
                                         for st in left))
        for g, span in gold:
            hits = [st for st in left if statement_match(span, (st.start, st.end))]
            hit = next((st for st in hits if gold_of.get(st.speaker) == g["speaker"]), hits[0] if hits else None)
            if hit is None:
                report.statements.fn += 1
                report.errors.append(f"statement missed: {doc['id']}: {g['speaker']}「{g['text']}」")
                continue
            left.remove(hit)
            report.statements.tp += 1
            speaker = gold_of.get(hit.speaker, "?" + hit.speaker)
            report.speakers_right += speaker == g["speaker"]
            if speaker != g["speaker"]:
                report.errors.append(f"statement speaker: {doc['id']}: 「{g['text']}」 gold={g['speaker']} found={speaker}")
        for st in left:
            report.statements.fp += 1
            report.errors.append(f"statement wrong: {doc['id']}: {gold_of.get(st.speaker, st.speaker)}「{st.text}」 ({st.verb})")


def claim_keys(docs: list[dict], claims: list, gold_of: dict[str, str]) -> tuple[set, set]:
    """Gold and found claims as comparable keys: (subject, property, number, unit, basis, period).
    A gold claim that gives `basis` or `period` (written "" for "the text does not say") is matched
    on it; one that does not, as gold files written before these fields were, leaves it unscored
    (None), and so does a found claim of the same figure."""
    gold, scored = set(), {}
    for doc in docs:
        for c in doc.get("claims", []):
            figure = (c["subject"], c["property"], float(c["number"]), c["unit"])
            fields = tuple(str(c[f]) if f in c and c[f] is not None else None for f in ("basis", "period"))
            gold.add((*figure, *fields))
            scored[figure] = tuple(f is not None for f in fields)
    found = set()
    for c in claims:
        figure = (gold_of.get(c.subject, "?"), c.property, float(c.number), c.unit)
        checked = scored.get(figure, (False, False))
        found.add((*figure, *(v if on else None for v, on in zip((c.basis, c.period), checked))))
    return gold, found


def table(name: str, report: Report) -> str:
    lines = [f"== {name}: {report.documents} documents", f"{'type':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'found':>7}"]
    for kind, s in [*report.entities.items(), ("ALL", report.all_entities)]:
        if s.tp + s.fn + s.fp:
            lines.append(f"{kind:<14}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp + s.fn:7d}{s.tp + s.fp:7d}")
    lines.append(f"{'alias merges':<14} {report.merges_right}/{report.merges_expected} pairs merged right, {report.merges_wrong} pairs merged wrongly")
    for label in ("relations", "events", "claims", "statements"):
        s = getattr(report, label)
        lines.append(f"{label:<14}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp + s.fn:7d}{s.tp + s.fp:7d}")
    lines.append(f"{'speakers':<14} {report.speakers_right}/{report.statements.tp} statements found with the right speaker"
                 f" ({report.speaker_accuracy:.3f})")
    return "\n".join(lines)
