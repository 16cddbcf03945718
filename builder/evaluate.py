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

from builder.analyze import analyze
from builder.analyze.claims import normal_period
from builder.analyze.lexicon import TYPES, Lexicon
from builder.analyze.patterns import SYMMETRIC
from builder.errors import InputError
from builder.gold import gold_mentions, unscored
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
    claims_read_right: int = 0  # of the claims right, those whose basis and period are the gold's too
    events_every_source: int = 0  # gold events found from every document that reports them
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
        out["claims.reading"] = self.claims_read_right / self.claims.tp if self.claims.tp else 1.0
        out["falsehoods.per100"] = self.falsehoods_per_100
        gold_events = self.events.tp + self.events.fn
        out["events.every_source"] = self.events_every_source / gold_events if gold_events else 1.0
        return out

    @property
    def stated(self) -> int:
        """Facts musubi states: relations, events, claims and statements (each with its speaker)."""
        return sum(s.tp + s.fp for s in (self.relations, self.events, self.claims, self.statements))

    @property
    def falsehoods_per_100(self) -> float:
        """Of every 100 facts stated, how many gold and acceptable facts contradict: a relation,
        event or claim no one lists, a statement where none is, a statement's speaker wrong."""
        wrong = self.relations.fp + self.events.fp + self.claims.fp + self.statements.fp + (self.statements.tp - self.speakers_right)
        return 100 * wrong / self.stated if self.stated else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.statements.tp if self.statements.tp else 1.0


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
    masked = {doc["id"]: unscored(doc) for doc in docs}
    for e in kb.entities:
        for m in e.mentions:
            if not masked[m.source] or not masked[m.source] & set(range(m.start, m.end)):
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

    _score_relations(report, docs, kb.relations, gold_of)
    _score_events(report, docs, kb.events, gold_of)
    _score_claims(report, docs, kb.claims, gold_of)
    _score_statements(report, docs, kb.statements, gold_of)
    return report


def _gathered(docs: list[dict], kind: str) -> tuple[list, list]:
    """Every document's gold facts of one kind, and those it lists as acceptable."""
    return ([x for doc in docs for x in doc.get(kind, [])],
            [x for doc in docs for x in (doc.get("acceptable") or {}).get(kind, [])])


def _relation_key(subject: str, predicate: str, obj: str) -> tuple[str, str, str]:
    """A relation as compared: XとYが経営統合 is YとXが経営統合."""
    return (min(subject, obj), predicate, max(subject, obj)) if predicate in SYMMETRIC else (subject, predicate, obj)


def _score_relations(report: Report, docs: list[dict], relations: list, gold_of: dict[str, str]) -> None:
    """Right when gold lists it; wrong when neither gold nor acceptable does."""
    gold, fine = (({_relation_key(*r) for r in rs}) for rs in _gathered(docs, "relations"))
    found = {_relation_key(gold_of.get(r.subject, "?" + r.subject), r.predicate, gold_of.get(r.object, "?" + r.object))
             for r in relations}
    report.relations = Score(tp=len(found & gold), fp=len(found - gold - fine), fn=len(gold - found))
    report.errors += [f"relation missed: {r}" for r in sorted(gold - found)]
    report.errors += [f"relation wrong: {r}" for r in sorted(found - gold - fine)]


def _score_events(report: Report, docs: list[dict], events: list, gold_of: dict[str, str]) -> None:
    """A found event is right when an event gold (or acceptable) lists has its type, its date and
    its actor (gold written without actors: an entity in common), as one of the documents that list
    it writes them (outlets may date one happening by their own day, or name its buyer or the group). A gold event is found when a
    right event reports it; `events_every_source` counts those reported from every document
    that lists it."""
    listed: dict[str, dict] = {}
    for doc in docs:
        for part, accepted in ((doc.get("events", []), False), ((doc.get("acceptable") or {}).get("events", []), True)):
            for ev in part:
                g = listed.setdefault(ev["id"], {**ev, "date": str(ev["date"]), "sources": set(), "accepted": accepted, "readings": []})
                g["sources"].add(doc["id"])
                g["accepted"] = g["accepted"] and accepted
                g["readings"].append({**ev, "date": str(ev["date"])})  # as each document writes it: 7日 (New York), 8日

    def fits_reading(g: dict, ev) -> bool:
        types = g["type"] if isinstance(g["type"], list) else [g["type"]]
        if ev.type not in types or g["date"] != ev.date:
            return False
        if g.get("actor"):
            return gold_of.get(ev.actor) == g["actor"]
        return bool({gold_of.get(e) for e in ev.entities} & set(g.get("entities", [])))

    def fits(g: dict, ev) -> bool:
        return any(fits_reading(r, ev) for r in g["readings"])

    matched, reported, right = set(), set(), 0
    found_in: dict[str, set] = defaultdict(set)  # gold event → the documents a right event was read from
    for ev in events:
        hits = [gid for gid, g in listed.items() if fits(g, ev)]
        right += bool(hits)
        matched |= set(hits)
        for gid in hits:
            found_in[gid] |= set(ev.sources)
        reported |= {gid for gid in hits if listed[gid]["sources"] <= set(ev.sources)}
        if not hits:
            report.errors.append(f"event wrong: {ev.type} {ev.date} actor={gold_of.get(ev.actor, ev.actor)}"
                                 f" {sorted(str(gold_of.get(e, e)) for e in ev.entities)} {ev.sources}")
    gold = {gid for gid, g in listed.items() if not g["accepted"]}
    report.events = Score(tp=len(gold & matched), fp=len(events) - right, fn=len(gold - matched))
    report.events_every_source = len(gold & reported)
    for gid in sorted(gold - reported):
        g = listed[gid]
        missed = "missed" if gid not in matched else f"not from every source (only {sorted(found_in[gid])})"
        report.errors.append(f"event {missed}: {gid}: {g['type']} {g['date']} actor={g.get('actor')} {sorted(g['sources'])}")


def _score_claims(report: Report, docs: list[dict], claims: list, gold_of: dict[str, str]) -> None:
    """A claim is right when its subject, property, number and unit are a gold one's (or an
    acceptable one's); `claims_read_right` counts the right ones whose basis and period are
    also the gold's, where the gold gives them: in the reports that say either (a headline that
    says neither contradicts nothing), and in at least one."""
    def key(c) -> tuple:
        return c["subject"], c["property"], float(c["number"]), c["unit"]

    gold_list, fine_list = _gathered(docs, "claims")
    gold, fine = {key(c): c for c in gold_list}, {key(c) for c in fine_list}
    found: dict[tuple, list] = defaultdict(list)
    for c in claims:
        found[(gold_of.get(c.subject, "?"), c.property, float(c.number), c.unit)].append(c)
    report.claims = Score(tp=len(found.keys() & gold.keys()), fp=len(found.keys() - gold.keys() - fine), fn=len(gold.keys() - found.keys()))
    for k in sorted(found.keys() & gold.keys(), key=str):
        g = gold[k]
        wanted = {f: normal_period(str(g[f])) if f == "period" else str(g[f]) for f in ("basis", "period") if g.get(f) is not None}
        # read right: one report gives the gold's reading, and none gives another (a headline that
        # says neither basis nor period contradicts nothing)
        confirms = any(all(v == getattr(c, f) for f, v in wanted.items()) for c in found[k])
        contradicts = any(getattr(c, f) and getattr(c, f) != v for c in found[k] for f, v in wanted.items())
        read = confirms and not contradicts
        report.claims_read_right += read
        if not read:
            report.errors.append(f"claim read wrongly: {k} gold basis={g.get('basis')!r} period={g.get('period')!r}"
                                 f" found {sorted((c.basis, c.period) for c in found[k])}")
    report.errors += [f"claim missed: {c}" for c in sorted(gold.keys() - found.keys(), key=str)]
    report.errors += [f"claim wrong: {c}" for c in sorted(found.keys() - gold.keys() - fine, key=str)]


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
            at = g["at"] if "at" in g else text.find(g["text"])
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
        fine = [(at, at + len(g["text"])) for g in (doc.get("acceptable") or {}).get("statements", [])
                for at in [g["at"] if "at" in g else text.find(g["text"])]]
        for st in left:
            if any(statement_match(span, (st.start, st.end)) for span in fine):
                continue
            report.statements.fp += 1
            report.errors.append(f"statement wrong: {doc['id']}: {gold_of.get(st.speaker, st.speaker)}「{st.text}」 ({st.verb})")


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
    lines.append(f"{'events whole':<14} {report.events_every_source}/{report.events.tp + report.events.fn} gold events found from every article reporting them")
    lines.append(f"{'claims read':<14} {report.claims_read_right}/{report.claims.tp} right claims with the gold's basis and period")
    lines.append(f"{'falsehoods':<14} {report.falsehoods_per_100:.1f} per 100 facts stated ({report.stated} stated)")
    return "\n".join(lines)
