"""Relations, events and claims, once every mention knows its entity.

The analyzer proposed them sentence by sentence; here they are checked
against the entities' types, merged across sources (one relation with all
its supporting sentences; one event however many articles report it) and
compared (claims on the same subject, property, period and basis that disagree).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping

from builder.analyze import Analysis
from builder.analyze.claims import is_bound, period_in_context
from builder.analyze.clauses import Clauses, bracket_depth, in_parentheses
from builder.analyze.tokens import tokenize
from builder.analyze.patterns import INVERSE_OF, ORG_TYPES, PREDICATE_TYPES, SYMMETRIC
from builder.analyze.vocab import vocab
from builder.link.clause_names import named_in, several
from builder.link.entities import developer_prefix
from builder.model import Claim, Entity, Event, Mention, Relation, Span, Unsure
from builder.read.dates import ERAS, article_year, compatible, is_partial, later_than, parts


def _entity_of(a: Analysis, k: int) -> str | None:
    return a.mentions[k].entity


def relations_in(a: Analysis, context: Context, kinds: dict[str, str], unsure: list | None = None
                 ) -> list[tuple[str, str, str, Span, bool]]:
    """The map: one article's relations between entities of fitting types, in text order,
    each with its sentence and whether its object was read from context (`context`: the
    article's, `Context`; `kinds`: every entity's type). One whose names are not on one
    dependency path is not stated: it goes to `unsure`."""
    found = []
    guessed: set[tuple[str, str, str]] = set()  # titles whose organisation in context was not stated (kept for review)
    for s in a.sentences:
        for x, predicate, y in s.relations:
            subject = _entity_of(a, x)
            if y is not None:
                obj = _entity_of(a, y)
            elif predicate in PREDICATE_TYPES or predicate in INVERSE_OF:
                obj = context.at(a.mentions[x].start, ORG_TYPES, {subject})
            else:  # a title with no organisation written
                obj, guess = _title_organisation(a, s, a.mentions[x], subject, context, kinds)
                if obj and not _office_at(predicate, kinds[obj]):
                    obj, guess = None, obj  # 大塚取締役は… after 金融庁は…: a company's office, not the ministry's
                if obj is None and guess and subject and _fits(predicate, kinds[subject], kinds[guess]):
                    guessed.add((subject, predicate, guess))
                    if unsure is not None:
                        unsure.append(Unsure("relation", a.article.id, s.span, {"subject": subject, "predicate": predicate, "object": guess}, UNWRITTEN))
            written = predicate
            if predicate in INVERSE_OF:  # 同社はYを買収: proposed from Y, as Y acquired_by the company in context
                subject, predicate, obj = obj, INVERSE_OF[predicate], subject
            if subject and obj and subject != obj and _fits(predicate, kinds[subject], kinds[obj]):
                if y is None or _on_one_path(s.clauses, a.mentions[x], a.mentions[y], written, a.article.text):
                    found.append((subject, predicate, obj, s.span, y is None))
                elif unsure is not None:
                    unsure.append(Unsure("relation", a.article.id, s.span, {"subject": subject, "predicate": PUBLISHED_AS.get(predicate, predicate),
                                                                             "object": obj}, APART))
    return _one_holder_each(found, guessed, unsure)


def _office_at(predicate: str, kind: str) -> bool:
    """Can a title of relation `predicate` be held at an organisation of `kind`: a company's
    office (社長) only at a company, one no company has (委員長: a union's) never at one?"""
    v = vocab()
    return (kind == "company") if predicate in v.company_offices else not (kind == "company" and predicate in v.organisation_offices)


def _one_holder_each(found: list[tuple[str, str, str, Span, bool]], guessed: set[tuple[str, str, str]], unsure: list | None) -> list:
    """Without the offices read from context (北条社長は → the company in context) that the article
    also gives someone else there (南雲社長も, read the same way, or 南雲浩二トウカイ社長): one
    person at a time is a company's president (`one_holder` in cues.yaml). Those go to review."""
    one_holder = vocab().one_holder
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for subject, predicate, obj, *_ in [*found, *guessed]:
        if predicate in one_holder:
            holders[(predicate, obj)].add(subject)
    kept = []
    for f in found:
        subject, predicate, obj, span, inferred = f
        if not (inferred and predicate in one_holder and len(holders[(predicate, obj)]) > 1):
            kept.append(f)
        elif unsure is not None:
            unsure.append(Unsure("relation", span.source, span, {"subject": subject, "predicate": predicate, "object": obj}, UNWRITTEN))
    return kept


UNWRITTEN = "肩書の組織が書かれておらず、その人は文の主題でないか、文に別の組織も出てくる（別の組織の肩書かもしれない）"
APART = "二つの名前が文の中の別の節にあり、この関係を述べているとは限らない"
NO_ACTOR = "誰がしたのかが文から読めない（主語が名前でない）"
TO_COME = "日付が記事の日付より後で、まだ起きていない（予定）"
NO_OWNER = "この数字が誰のものかが文から読めない（持ち主が名前でないか、種類が合わない）"
FAR_OWNER = "この数字の持ち主が文にも段落にも直前の文にも書かれておらず、前に出てきた名前は記事の主な対象でもない"


PHRASE_REACH = 5  # chunks up from an organisation to the holder of a title in its noun phrase


def _title_organisation(a: Analysis, s, holder: Mention, subject: str | None, context: Context, kinds: dict[str, str]
                        ) -> tuple[str | None, str | None]:
    """(the organisation of a title written without one, the guess kept for review when it is not
    settled): 同社 written in the sentence; else the company in context, for the one the sentence
    is about (`_holder_in_context`) when the sentence names no other organisation."""
    in_context = context.at(holder.start, ORG_TYPES, {subject})
    if not _holder_in_context(s.clauses, holder, a.article.text):
        return None, in_context
    same = _same_company(context, s.span, a.article.text, subject)
    if same:
        return same, None
    return (None, in_context) if _another_written_with(a, s, holder, kinds, in_context) else (in_context, None)


def _another_written_with(a: Analysis, s, holder: Mention, kinds: dict[str, str], in_context: str | None) -> bool:
    """Is an organisation other than the one in context written in the holder's own noun phrase
    (カシオペアの創業者であるA会長とB社長は: whose B is 社長 is not settled)?"""
    c = s.clauses
    if c is None:
        return False
    k = c.at(holder.end - 1)
    for n in s.mentions:
        e = _entity_of(a, n)
        if e and e != in_context and kinds.get(e) in ORG_TYPES and a.mentions[n].end <= holder.start:
            if k in itertools.islice(c.up(c.at(a.mentions[n].end - 1)), PHRASE_REACH):
                return True
    return False


def _same_company(context: Context, sentence: Span, text: str, holder: str) -> str | None:
    """What 同社 written in the sentence stands for: the organisation named last before it in the
    same sentence (大久保・西友社長は同社の副会長に就任: 西友), else None (the company in context)."""
    at = min((k for w in vocab().same_company_words if (k := text.find(w, sentence.start, sentence.end)) >= 0), default=-1)
    return context.last_in(sentence.start, at, ORG_TYPES, {holder}) if at >= 0 else None


def _holder_in_context(c: Clauses | None, m: Mention, text: str) -> bool:
    """Is a title written without its organisation the company in context's? When its holder is
    what the sentence is about (孫会長は, マスクCEOが) or 同社 is written with them (同社の…CEO).
    A holder named in passing (創業家のうち、出光名誉会長の長男である…) may hold it elsewhere."""
    if text.endswith(tuple(f"{w}の" for w in vocab().same_company_words), 0, m.start):
        return True
    return c is None or c.roles[c.at(m.end - 1)] in ("P:は", "P:が")


def _on_one_path(c: Clauses | None, a: Mention, b: Mention, predicate: str, text: str) -> bool:
    """Whether a relation's two names are written on one dependency path (each name by the chunk
    its last word is in): a title and its organisation in one noun phrase (Xの社長Y, XのCEOである
    Y) or taken by an office verb (XはYの会長に就任した), any other relation within one happening
    (XがYを買収した, X社は…Yを買収すると発表した: `Clauses.predicates_between`)."""
    if c is None:
        return True
    ka, kb = c.at(a.end - 1), c.at(b.end - 1)
    if ka == kb:
        return True
    if predicate not in PREDICATE_TYPES and predicate not in INVERSE_OF:
        return c.predicates_between(ka, kb, descriptions=False) == 0 or _office_taken(c, ka, kb, text)
    return c.predicates_between(ka, kb) <= 1


def _office_taken(c: Clauses, holder: int, org: int, text: str) -> bool:
    """XはYの会長に就任した, X・Z社長はY会長に就任し: the first predicate above the organisation's
    chunk is an office verb whose subject is the holder's chunk; XがZを務めるY: an office verb
    whose subject is the holder describes the organisation's chunk."""
    verbs = [c.predicate_of(org)] + [v for v in range(org) if c.heads[v] == org and c.describes(v)]
    return any(v >= 0 and c.subject(v) == holder and text.startswith(tuple(vocab().office_verbs), c.span(v)[0]) for v in verbs)


def relations(per_article: list[list[tuple[str, str, str, Span, bool]]], analyses: list[Analysis], entities: list[Entity]) -> list[Relation]:
    """The reduce: one relation with all its sentences, from every article's (`relations_in`).
    A title written without its organisation (中西社長は) is of the organisation in context only
    for someone no article writes with an organisation of their own: 三菱商事の中西勝也社長 is
    not ローソン's president because ローソン is what the next paragraph is about."""
    written = {(s, o) for article in per_article for s, p, o, _, inferred in article if not inferred and p not in PREDICATE_TYPES}
    held_elsewhere = {s for s, _ in written}  # people written with a title at an organisation
    found: dict[tuple[str, str, str], dict[tuple[str, int], Span]] = defaultdict(dict)
    read_from: dict[tuple[str, str, str], str] = {}  # "path" if a sentence writes both ends, else "context"
    for article in per_article:
        for subject, predicate, obj, span, inferred in article:
            if inferred and predicate not in PREDICATE_TYPES and subject in held_elsewhere and (subject, obj) not in written:
                continue
            if predicate in SYMMETRIC and (obj, predicate, subject) in found:
                subject, obj = obj, subject  # YとXが経営統合 is the XとYが経営統合 already found
            found[(subject, predicate, obj)][(span.source, span.start)] = span
            if read_from.get((subject, predicate, obj)) != "path":
                read_from[(subject, predicate, obj)] = "context" if inferred else "path"
    orgs = {m.key: e.id for e in entities if e.type in ORG_TYPES for m in e.mentions}
    by_source = {a.article.id: a for a in analyses}
    has_developer = {k[0] for k in found if k[1] == "developed_by"}
    for e in entities:  # a model named after its developer (ZetaLab-Z2)
        org = developer_prefix(e, orgs) if e.type == "model" else None
        if org and e.id not in has_developer:
            first = e.mentions[0]
            span = _sentence_of(by_source[first.source], first)
            found[(e.id, "developed_by", org)][(span.source, span.start)] = span
            read_from[(e.id, "developed_by", org)] = "name"
    merged: dict[tuple[str, str, str], dict] = defaultdict(dict)
    how: dict[tuple[str, str, str], str] = {}
    for (s, p, o), spans in found.items():
        key = (s, PUBLISHED_AS.get(p, p), o)
        merged[key].update(spans)
        if how.get(key) != "path":
            how[key] = read_from[(s, p, o)]
    return [Relation(s, p, o, [spans[k] for k in sorted(spans)], read_from=how[(s, p, o)]) for (s, p, o), spans in sorted(merged.items())]


PUBLISHED_AS = {"place_within": "located_in"}
COMPANY_EVENTS = frozenset(("investment", "product", "market", "insolvency"))  # happenings an organisation is the actor of
ACTOR_TYPES = ORG_TYPES | {"person"}  # who can be the actor of an event taken from the article's topic
# who the topic must be to be the actor of a happening whose sentence writes none: a person is
# appointed or resigns (トヨタは…。2023年4月に会長に就任した is not トヨタ's), an organisation buys
TOPIC_ACTORS = {"people": {"person"}, **{kind: ORG_TYPES for kind in COMPANY_EVENTS}}


class Context:
    """What an article is talking about at a point, of a given type: the last topic (Xは…) before
    it, else the nearest mention before it. 同社 and a title without an organisation refer to it.

    The article's mentions are kept per type, in text order (names found corpus-wide were
    added at the end of the list), with their place in that order; a question is a binary
    search per type instead of a walk from the start of the article, which made a long
    article's relations quadratic in its mentions."""

    def __init__(self, a: Analysis, kinds: dict[str, str], titles: dict[str, set[str]] | None = None):
        self.titles = titles or {}  # person → the titles written with them, in every article
        self.kinds = kinds
        self.mentions: dict[str, list] = defaultdict(list)  # type → [(start, order, entity)]
        self.topics: dict[str, list] = defaultdict(list)
        for order, m in enumerate(sorted(a.mentions, key=lambda m: m.start)):
            kind = kinds.get(m.entity) if m.entity else None
            if kind:
                self.mentions[kind].append((m.start, order, m.entity))
                if m.topic:
                    self.topics[kind].append((m.start, order, m.entity))
        self.starts = {kind: [x[0] for x in found] for kind, found in self.mentions.items()}
        self.spans = sorted((m.start, m.end, m.entity) for m in a.mentions if m.entity and kinds.get(m.entity))  # every named mention
        self.span_starts = [x[0] for x in self.spans]
        self.topic_starts = {kind: [x[0] for x in found] for kind, found in self.topics.items()}
        self.block_starts = [b.start for b in a.article.blocks]
        self.sentence_starts = [s.span.start for s in a.sentences]

    def spoken_of(self, entity: str, sentence: int, before: int) -> bool:
        """Is `entity` what the article is on at `before`, in the sentence starting at `sentence`:
        named in the same paragraph or the sentence before, or the first or most often named of
        its type in the article? Reaching further (a company named paragraphs earlier, in
        passing) gives a figure or a happening with no owner or subject written to whoever was
        named last, not to whom the text is about."""
        found = [e for _, _, e in self.mentions.get(self.kinds.get(entity), [])]
        if found and (found[0] == entity or found.count(entity) == max(Counter(found).values())):
            return True
        block = bisect_left(self.block_starts, sentence + 1) - 1
        previous = bisect_left(self.sentence_starts, sentence) - 1
        lo = min(self.block_starts[block] if block >= 0 else 0, self.sentence_starts[previous] if previous >= 0 else 0)
        return any(e == entity for _, _, e in self.spans[bisect_left(self.span_starts, lo) : bisect_left(self.span_starts, before)])

    def topic_at(self, before: int, wanted: set[str]) -> str | None:
        """The last topic (Xは…) before `before` of a type in `wanted`."""
        return _last(self.topics, self.topic_starts, before, wanted, set())

    def last_in(self, lo: int, hi: int, wanted: set[str], exclude: set) -> str | None:
        """The last entity of a type in `wanted` (not in `exclude`) named between `lo` and `hi`."""
        for start, _, entity in reversed(self.spans[bisect_left(self.span_starts, lo) : bisect_left(self.span_starts, hi)]):
            if self.kinds.get(entity) in wanted and entity not in exclude:
                return entity
        return None

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


def event_drafts(a: Analysis, context: Context, names: dict[str, Entity], unsure: list | None = None) -> list[tuple]:
    """The map: one article's reports of events, (hint, entities involved, those not places,
    sentence, actor, how the actor was found), each a dated, triggered sentence naming something
    that can take part. The actor is the predicate's subject, or the topic the article is on where
    none is written; a report whose actor is not known (政府は…, or no topic to go on) is not stated."""
    v = vocab()
    deciding = v.announce_words
    drafts = []
    for s in a.sentences:
        hint = s.event
        if not hint:
            continue
        actor_from = "context" if hint.subject < 0 else "subject"
        if hint.subject < 0:  # none written: the article's topic goes on, if it is who does such things
            actor = context.topic_at(s.span.start, TOPIC_ACTORS.get(hint.type, ACTOR_TYPES))
            if actor and not context.spoken_of(actor, s.span.start, s.span.start):
                actor = None  # a topic paragraphs before, and not what the article is on
        else:
            actor = named_in(context, s.clauses, hint.subject, a.article.text)
            if actor and names[actor].type == "person" and hint.type in COMPANY_EVENTS:  # TSMCの魏会長は…投資: TSMC
                actor = named_in(context, s.clauses, hint.subject, a.article.text, skip_named=True)
        if actor and names[actor].type == "person" and hint.type in COMPANY_EVENTS:
            actor = None  # a person the article is on did not buy, launch or move: their company did, unwritten
        if not actor and hint.named >= 0:  # 1/27にXショックという言葉が…: the event its name is after
            actor, actor_from = named_in(context, s.clauses, hint.named, a.article.text), "name"
        involved = list(dict.fromkeys([*([actor] if actor else []),
                                       *(eid for k in s.mentions if (eid := _entity_of(a, k)) and not _aside(a, s.span.start, k)
                                         and (names[eid].type != "place" or _where_it_happens(a, s, hint.path, k, names)))]))
        core = {e for e in involved if names[e].type != "place"}
        if not core:
            continue
        if hint.type == "product" and not any(names[e].type in ("model", "project") for e in involved):
            continue  # a product event names its product
        if hint.type == "market" and not any(names[e].type in ("index", "company") for e in core):
            continue  # what moves in a market is an index or a share: 総裁は「賃金の上昇が…」と述べた is none
        if hint.type == "policy" and hint.trigger in deciding and not any(_makes_policy(names[e], v) for e in core):
            continue  # a company that decides to raise its prices, or holds its forecast, makes no policy
        if hint.type == "policy" and hint.subject < 0 and actor and not _makes_policy(names[actor], v):
            actor = None  # 課徴金納付命令は30日付 in an article on 野村HD: the regulator's order, not the company's
        if not actor or names[actor].type == "place":  # who did it is not known (政府は…): not stated, rather than guessed
            if unsure is not None:
                unsure.append(Unsure("event", a.article.id, s.span, {"type": hint.type, "date": hint.date.iso, "entities": sorted(core)}, NO_ACTOR))
            continue
        if later_than(hint.date.iso, a.article.date):  # 2020年1月1日付で就任することが決まった, in an article of 2019: still to come
            if unsure is not None:
                unsure.append(Unsure("event", a.article.id, s.span, {"type": hint.type, "date": hint.date.iso, "entities": sorted(core)}, TO_COME))
            continue
        drafts.append((hint, involved, core, s.span, actor, actor_from))
    return drafts


OPENING, CLOSING = "（([［【", "）)]］】"


def _aside(a: Analysis, start: int, k: int) -> bool:
    """Is mention k written in brackets opened in its sentence (after `start`): a head office
    (千葉銀行(千葉市)と…), a reading, a wire dateline ([東京 1日 ロイター] -) — no part of what happened?"""
    return bracket_depth(a.article.text, start, a.mentions[k].start, OPENING, CLOSING) > 0


def _where_it_happens(a: Analysis, s, path: tuple[int, ...], k: int, names: dict[str, Entity]) -> bool:
    """Is the place of mention k where the happening is: written on its path, or modifying a
    chunk of it directly or through nouns only (北海道に工場を建設する, 茨城県の工場を買収), and
    describing no other name of the sentence (`_describes_a_name`: 台湾の鴻海) — not through another
    clause that describes something else (米国で事業を展開する…, 青森県を地盤とする、青森銀行)?"""
    c = s.clauses
    if c is None or not path:
        return True
    chunk = c.at(a.mentions[k].start)
    return (chunk in path or c.governed(chunk, set(path)) >= 0) and not _describes_a_name(a, s, path, k, names)


def _describes_a_name(a: Analysis, s, path: tuple[int, ...], k: int, names: dict[str, Entity]) -> bool:
    """Is the place of mention k part of what describes another name of the sentence (台湾の鴻海,
    米国で事業を展開するキャッスルロック) rather than where the happening is (北海道に工場を建設する):
    does the chain of chunks it modifies reach a chunk naming something that is no place before
    it reaches the happening's path?"""
    c = s.clauses
    if c is None or not path:
        return False
    named = {c.at(m.start) for j in s.mentions if (m := a.mentions[j]).entity and names[m.entity].type != "place"}
    chunk = c.at(a.mentions[k].start)
    while chunk >= 0 and chunk not in path:
        chunk = c.heads[chunk]
        if chunk in named and chunk not in path:
            return True
    return False


def events(per_article: list[list[tuple]], names: dict[str, Entity]) -> list[Event]:
    """The reduce: one event per happening, however many articles report it (`event_drafts`:
    each article's reports). Reports meet when they have the same type, the same date and an
    entity that is not a place in common — transitively, so six outlets on one sell-off,
    naming the index and various shares, are one event with six sources.

    A report whose date is partial (`XXXX-XX-24`: its article gave no month) meets the reports
    that date the same happening in full (`dates.compatible`: the same day of the month, the same
    type, an entity in common) and takes their date, with `date_basis` saying it came from another
    report — but only when all the dated reports it fits agree on one date: 24日 next to both
    2026-01-24 and 2026-02-24 stays 24日."""
    drafts = [d for article in per_article for d in article]  # (hint, involved, core, span, actor, actor_from): one report each
    drafts.sort(key=lambda d: (d[0].date.iso, d[3].source, d[3].start))
    parent = list(range(len(drafts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[max(root(i), root(j))] = min(root(i), root(j))

    first_with: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)  # (type, date) → entity → its first report
    for i, (hint, _, core, *_) in enumerate(drafts):
        seen = first_with[(hint.type, hint.date.iso)]
        for e in sorted(core):
            if e in seen:
                join(seen[e], i)
            else:
                seen[e] = i
    _meet_dated_reports(drafts, first_with, root, join)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(drafts)):
        groups[root(i)].append(i)
    result, taken = [], set()
    for members in groups.values():
        reports = [drafts[i] for i in members]
        ev = _event(reports)
        title = ev["name"] or _title(ev, names)
        core = [e for e in ev["entities"] if e in ev["core"]]
        base = "-".join([ev["date"].lower(), ev["type"], *core[:2]])[:80].strip("-")
        event_id, n = base, 2
        while event_id in taken:
            event_id, n = f"{base}-{n}", n + 1
        taken.add(event_id)
        result.append(Event(event_id, ev["type"], ev["date"], title, ev["entities"], ev["spans"], ev["basis"], actor=ev["actor"],
                            actor_from=ev["actor_from"]))
    return sorted(result, key=lambda e: (e.date, e.id))


def _makes_policy(e: Entity, v) -> bool:
    """Governments, central banks, regulators (organisations) and office holders (大統領, 大臣)
    make policy; a company's president deciding something does not."""
    return e.type == "organization" or (e.type == "person" and any(t in v.offices or t in v.ministers for t in e.titles))


def _meet_dated_reports(drafts: list, first_with: dict[tuple[str, str], dict[str, int]], root, join) -> None:
    """Join each group of reports with a partial date to the fully dated reports it fits (see
    `events`), when they all give one date. Dated reports are looked up by the day (or month)
    they share with the partial date, not compared with every one."""
    by_part: dict[tuple[str, int, int | None], list[str]] = defaultdict(list)  # (type, kind of date, its day or month) → dates
    for kind, iso in first_with:
        if not is_partial(iso):
            by_part[_shared_part(kind, iso)].append(iso)
    partial_groups: dict[int, tuple[str, str, set[str]]] = {}
    for i, (hint, _, core, *_) in enumerate(drafts):
        if is_partial(hint.date.iso):
            _, _, entities = partial_groups.setdefault(root(i), (hint.type, hint.date.iso, set()))
            entities |= core
    for group, (kind, iso, entities) in partial_groups.items():
        fits = {(full, first_with[(kind, full)][e]) for full in by_part.get(_shared_part(kind, iso), ()) if compatible(iso, full)
                for e in entities & first_with[(kind, full)].keys()}
        if len({full for full, _ in fits}) == 1:
            for _, i in fits:
                join(group, i)


def _shared_part(kind: str, iso: str) -> tuple[str, int, int | None]:
    """What a partial date and the full dates it may be have in common: the event type, whether
    it is a day or a month, and the day (or, for a month, the month)."""
    _, month, day = parts(iso)
    return kind, iso.count("-"), day if day is not None else month


def _event(reports: list) -> dict:
    """What one group of reports says, in report order (dated reports first): its date — the
    dated reports' when there are any, with the basis of one that wrote it in full if one did —,
    entities, sentences, name and trigger."""
    dated = [r for r in reports if not is_partial(r[0].date.iso)]
    partial = [r for r in reports if is_partial(r[0].date.iso)]
    ordered = dated + partial
    lead = next((r for r in dated if not r[0].date.basis), (dated or partial)[0])
    basis = lead[0].date.basis
    if dated and partial:
        sources = "・".join(dict.fromkeys(r[3].source for r in partial))
        texts = "」「".join(dict.fromkeys(r[0].date.text for r in partial))
        other = f"{sources}の「{texts}」の年月は、同じ出来事を伝える別の報道（{lead[3].source}の「{lead[0].date.text}」）から推定"
        basis = f"{basis}。{other}" if basis else other
    entities = list(dict.fromkeys(e for r in ordered for e in r[1]))
    return {"type": lead[0].type, "date": lead[0].date.iso, "basis": basis, "entities": entities, "actor": lead[4], "actor_from": lead[5],
            "core": set().union(*(r[2] for r in ordered)), "spans": [r[3] for r in ordered],
            "name": next((r[0].name for r in ordered if r[0].name), ""), "trigger": ordered[0][0].trigger}


# Triggers written as verbs (cues.yaml: 決めた, 据え置く), as a title names them.
TITLE_WORDS = {"決定し": "決定", "決定する": "決定", "決めた": "決定", "決める": "決定", "決めまし": "決定", "据え置": "据え置き"}


def _title(ev: dict, names: dict[str, Entity]) -> str:
    """A readable title, its actor first: `XがYを発表`, or `X・Yの下落`, `日本銀行の決定`."""
    first = [names[ev["actor"]]] if ev["actor"] else []
    core = first + [names[e] for e in ev["entities"] if names[e].type != "place" and e != ev["actor"]]
    things = [e for e in core[len(first):] if e.type in ("model", "project")]
    word = TITLE_WORDS.get(ev["trigger"], ev["trigger"])
    if first and first[0].type in ORG_TYPES and things:
        return f"{first[0].name}が{things[0].name}を{word}"
    return f"{'・'.join(e.name for e in core[:3])}の{word}"


def claims_in(a: Analysis, context: Context, kinds: dict[str, str], unsure: list | None = None) -> list[Claim]:
    """The map: one article's claims. Each amount with a property is about the name its
    property noun is written with (Xの売上高), else the subject of the predicate that states it
    (analyze/claims.py), when that is of a type the property is about; else, when the sentence
    writes neither, about the thing of that type the article is talking about. An owner or
    subject that names no one, or something of another type, leaves the figure no one's.

    An article that gives one number twice (a headline and its body) gives one claim: the one
    that says more of its basis and period, if the two readings agree; a forecast and a result
    that happen to be equal stay two claims."""
    wanted_by = vocab().property_subjects
    found: dict[tuple, list[Claim]] = defaultdict(list)
    starts = [b.start for b in a.article.blocks]
    for n, s in enumerate(a.sentences):
        for hint in s.claims:
            wanted = wanted_by.get(hint.property, ("company",))
            subject, subject_from = _claim_subject(a, s, hint, context, kinds, wanted)
            far = subject if subject_from == "context" and subject and (
                not context.spoken_of(subject, s.span.start, hint.quantity.start) or _on_another(a, n, subject, hint.quantity.start, context)) else None
            subject = None if far else subject  # a company met in passing paragraphs before: to review
            if not subject:
                if unsure is not None and (hint.owner >= 0 or hint.subject >= 0 or far):
                    q = hint.quantity
                    unsure.append(Unsure("claim", a.article.id, s.span, {"property": hint.property, "value": q.text, "number": q.number,
                                                                          "unit": q.unit}, FAR_OWNER if far else NO_OWNER))
                continue
            q = hint.quantity
            period = q.period
            if not period:  # a year's results, not a forecast after them (`period_in_context`)
                written, basis = _period_before(a, starts, s.span.start, hint.property)
                period = written if not (q.basis and basis and q.basis != basis) else ""
            claim = Claim(subject, hint.property, q.text, q.number, q.unit, q.qualifier, a.article.id, s.span,
                          basis=q.basis, period=period, subject_from=subject_from)
            _add_reading(found[(subject, hint.property, q.unit, q.number)], claim)
    levels = {(c.subject, c.property, c.unit) for same in found.values() for c in same if not is_bound(c.qualifier)}
    return [c for same in found.values() for c in same if not (is_bound(c.qualifier) and (c.subject, c.property, c.unit) in levels)]


def _on_another(a: Analysis, n: int, entity: str, at: int, context: Context) -> bool:
    """Has the text moved on from `entity` before `at` (in sentence n): is the last name written
    before it, of `entity` or as a sentence's topic (Xは at its main level), a topic that is not
    `entity` — another organisation, a person with no title, or a name the analysis could not
    type (ソラベは…悪化した。…最終損益は117億円の赤字 is ソラベ's, not that of 北辰精機 named before)?
    Topics of ordinary words (売上高は, 2025年3月期業績は) and 同社は go on with the entity. Read back
    at most `ANOTHER_REACH` characters: every figure of a long article looking back to its start
    would make linking it quadratic."""
    for s in reversed(a.sentences[: n + 1]):
        if s.span.end < at - ANOTHER_REACH:
            return False
        c = s.clauses
        main = c.main_level() if c is not None else set()
        topics = [k for k in range(len(c)) if c.roles[k] == "P:は" and c.heads[k] in main] if c is not None else []
        marks = sorted([(a.mentions[k].start, "name", k) for k in s.mentions] + [(c.span(k)[0], "topic", k) for k in topics], reverse=True)
        for start, what, k in marks:
            if start >= at:
                continue
            if what == "name":
                if a.mentions[k].entity == entity:
                    return False
                continue
            lo, hi = c.span(k)
            text = a.article.text
            named = [m for j in s.mentions if (m := a.mentions[j]).start < hi and m.end > lo and not in_parentheses(text, s.span.start, m.start)]
            if any(m.entity == entity for m in named) or text.startswith(tuple(vocab().same_company_words), lo):
                return False
            words = _outside_parentheses(text, s.span.start, lo, hi)
            if any(_topic_apart(m, context) for m in named) or (not any(m.entity for m in named) and _name_like(words)):
                return True
    return False


ANOTHER_REACH = 2000  # characters back from a figure where the text may have moved on to another topic
GLOSS_OPENING, GLOSS_CLOSING = "（(<＜", "）)>＞"  # what a gloss is written in: (IFRS), a ticker <.KH225>


def _outside_parentheses(text: str, sentence: int, lo: int, hi: int) -> str:
    """text[lo:hi] without the glosses opened in the sentence (営業利益(IFRS)は, 北浜平均<.KH225>は)."""
    depth, kept = bracket_depth(text, sentence, lo, GLOSS_OPENING, GLOSS_CLOSING), []
    for ch in text[lo:hi]:
        depth += ch in GLOSS_OPENING
        if not depth:
            kept.append(ch)
        depth -= ch in GLOSS_CLOSING and depth > 0
    return "".join(kept)


def _topic_apart(m: Mention, context: Context) -> bool:
    """A topic name that is not the company in context's: an organisation, or a person no title
    ties to one; a place (米国は) or an office holder says nothing of whose figures follow."""
    kind = context.kinds.get(m.entity) if m.entity else None
    return kind in ORG_TYPES or (kind == "person" and not context.titles.get(m.entity))


def _name_like(chunk: str) -> bool:
    """Does a topic chunk hold a word only a name is made of (a proper noun, Latin letters, a word
    UniDic does not know) that no entity was found for: a name the analysis could not type
    (ソラベは)? Not a number, an era (平成29年3月期は) or a common abbreviation (TOB期間は)."""
    v = vocab()
    return any((t.proper or t.unknown) and t.pos2 != "数詞" and t.surface not in ERAS and t.surface not in v.latin_common
               and t.surface not in v.common_abbreviations for t in tokenize(chunk))


def _claim_subject(a: Analysis, s, hint, context: Context, kinds: dict[str, str], wanted: tuple[str, ...]
                   ) -> tuple[str | None, str]:
    """Whose the figure of `hint` is (`claims_in`), and how that was found (`Claim.subject_from`)."""
    text = a.article.text
    receivers = _receivers(a, s, text, hint.property)
    if hint.owner >= 0:
        if several(context, s.clauses, hint.owner, text):
            return None, "owner"  # JTと鳥居の売上高: a total of several is not one member's
        owner = named_in(context, s.clauses, hint.owner, text, through_owner=False)
        return (owner if owner and kinds[owner] in wanted and owner not in receivers else None), "owner"
    if hint.subject >= 0:
        if several(context, s.clauses, hint.subject, text):
            return None, "subject"  # AやBが計上した1兆円: theirs together, not one's
        subject = named_in(context, s.clauses, hint.subject, text)
        if subject and kinds[subject] == "person" and "person" not in wanted:  # 日本製鉄の橋本会長は…投じる: his company's
            subject = named_in(context, s.clauses, hint.subject, text, through_owner=True, skip_named=True)
        return (subject if subject and kinds[subject] in wanted else None), "subject"
    return next((found for kind in wanted if (found := context.at(hint.quantity.start, {kind}, receivers))), None), "context"


def _receivers(a: Analysis, s, text: str, prop: str) -> set[str]:
    """What the sentence writes as bought or paid into (X買収へ, Xに53億円出資): never the one who
    paid (`RECEIVING`: the marks after such a name, by property)."""
    marks = RECEIVING.get(prop)
    if not marks:
        return set()
    marks = (*marks, *vocab().deals["acquired"]) if prop == "acquisition_price" else marks
    return {m.entity for k in s.mentions if (m := a.mentions[k]).entity and text.startswith(marks, m.end)}


def claims(per_article: list[list[Claim]]) -> list[Claim]:
    """The reduce: every article's claims (`claims_in`), in one order."""
    return sorted((c for article in per_article for c in article),
                  key=lambda c: (c.subject, c.property, c.unit, c.number, c.source, c.period, c.basis))


# properties of the one who pays (or raises), and how a sentence marks the other side: X買収へ (a deal
# word after the name), Xに出資. (Xを…で買収 is not read so: a name before を is as often what is paid with.)
RECEIVING = {"acquisition_price": (), "investment": ("に", "へ"), "funding": ("に", "から")}  # funding: Xに株を発行し…調達, Xから調達
PERIOD_LOOKBACK = 400  # characters of a paragraph before a sentence where its period may be written


def _period_before(a: Analysis, starts: list[int], at: int, prop: str) -> tuple[str, str]:
    """The period written before `at` in its paragraph (`starts`: where the article's blocks
    start), for a figure of `prop`, and its basis (`period_in_context`)."""
    k = bisect_right(starts, at) - 1
    if k < 0 or starts[k] == at or at >= a.article.blocks[k].end:
        return "", ""
    return period_in_context(prop, a.article.text, max(starts[k], at - PERIOD_LOOKBACK), at, article_year(a.article.date))


def _add_reading(same: list[Claim], claim: Claim) -> None:
    """Add `claim` to the claims of one article giving its number (`same`), unless one of them
    reads it alike (bases and periods equal or unsaid): then the one that says more stays."""
    def said(c: Claim) -> int:
        return bool(c.basis) + bool(c.period)

    for k, c in enumerate(same):
        if all(not x or not y or x == y for x, y in ((c.basis, claim.basis), (c.period, claim.period))):
            if said(claim) > said(c):
                same[k] = claim
            return
    same.append(claim)


def disagreements(claims: list[Claim], originals: Mapping[str, str] | None = None) -> set[tuple[str, str, str, str, str]]:
    """The `Claim.comparable` keys (subject, property, unit, period, basis) under which sources
    give different numbers: only claims that can be compared disagree — a forecast and a
    result, or two fiscal years, do not. Copies of one article (`originals`: {copy's source id:
    its original's}, from `KnowledgeBase.duplicates`) are one source: a copy whose number
    differs from its original's (a typo) is no dispute."""
    one = _one_source(originals)
    values: dict[tuple[str, str, str, str, str], set[float]] = defaultdict(set)
    sources: dict[tuple[str, str, str, str, str], set[str]] = defaultdict(set)
    for c in claims:
        if is_bound(c.qualifier):
            continue  # 3兆円超 and 3兆552億円 agree
        values[c.comparable].add(c.number)
        sources[c.comparable].add(one(c.source))
    return {k for k in values if len(values[k]) > 1 and len(sources[k]) > 1}


def agreements(claims: list[Claim], originals: Mapping[str, str] | None = None) -> dict[tuple[str, str, str, str, str, float], int]:
    """How many sources give each number, by `Claim.comparable` and the number: a forecast and
    a result of one number are not two sources agreeing. Copies of one article (`originals`, as
    for `disagreements`) count once, so two copies agreeing are one source, not two. Hand-made
    claims without a source are not counted."""
    found: dict[tuple[str, str, str, str, str, float], set[str]] = defaultdict(set)
    one = _one_source(originals)
    for c in claims:
        if c.source:
            found[(*c.comparable, c.number)].add(one(c.source))
    return {k: len(v) for k, v in found.items()}


def _one_source(originals: Mapping[str, str] | None):
    """A source id → the id it counts as: its original's if it is a copy."""
    return (lambda s: originals.get(s, s)) if originals else (lambda s: s)
