"""Who said what: each statement the analyzer proposed, given its speaker.

The speaker is a person, company or organisation entity, found where the analyzer said it
is written (analyze/statements.py): the name that ends in one of the hint's zones and is
marked as the speaker (`Xは`, `X社長が`, `X氏によると`), else what a stand-in refers to in
the article (同氏 and 彼 the last person named before, 同社 the last organisation, a title
alone the last person named before with that title), else — when the sentence writes no
speaker at all (「…」と述べた) — whoever spoke in the statement just before, if that is nearer
than the person or organisation the text was last about (its topic, `Xは`) within the few
sentences before, else that topic — unless the words open with a topic of their own that names
someone (…。ベスト電は…に充てるとしている), or the text went on to a speaker who is no one
entity (判決は…を示した。その上で…と指摘). A statement whose speaker cannot be found this way is left
out, and so is one with no speaker written right after it: an unknown speaker is better than
a wrong one. A verb of saying that describes a noun (「…」と発言した青柳農相) is that noun's when
its clause has no subject of its own, and no one's otherwise.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from builder.analyze import Analysis
from builder.analyze.patterns import ORG_TYPES
from builder.analyze.statements import DIRECT, StatementHint, describes, words
from builder.link.clause_names import every_named, named_in, names_a_person
from builder.link.facts import Context
from builder.model import Entity, Mention, Span, Statement

SPEAKER_TYPES = {"person"} | ORG_TYPES
CONTEXT = "context"  # how a speaker not written in the sentence was found: the topic before
TOPIC_REACH = 1000  # characters back to the topic a statement with no written speaker is by: news keeps one speaker for paragraphs
NAMED_REACH = 5000  # characters back to the full name of 汪氏, or to the person a title alone (頭取は) is
SURNAME = re.compile(r"[\u4e00-\u9fff\u30a1-\u30fa]{1,4}$")  # 汪 in 汪氏は
PAIRED = ("と", "・", "、")  # between two names written together: 北浜重工と南都電機
CERTAIN = re.compile(r"(?<!で)ある$")  # ある自民党議員: someone of it, unnamed (not である, of XのCEOである佐藤氏)
ALOUD = ("語", "述べ", "話", "意気込")  # verbs of a voice: a person's, never an organisation's unwritten
BESIDE = 4  # characters between a person's name and an organisation's: 鷲尾玲奈東都銀総裁は is 鷲尾玲奈 speaking
TOPICS = ("P:は", "P:では")  # a chunk that is what the words after it are about, or who says them
LINKING = ("P:の", "P:と", "P:や")  # a chunk that is part of the noun phrase of the one after it


def statements(analyses: list[Analysis], entities: list[Entity]) -> list[Statement]:
    """Every article's statements whose speaker is known (`statements_in`)."""
    kinds = {e.id: e.type for e in entities}
    titles = {e.id: set(e.titles) for e in entities if e.titles}
    return [st for a in analyses for st in statements_in(a, Context(a, kinds), kinds, titles)]


def statements_in(a: Analysis, context: Context, kinds: dict[str, str], titles: dict[str, set[str]]) -> list[Statement]:
    """The map: one article's statements, each with its speaker (`context`: the article's,
    `facts.Context`; `kinds`: every entity's type; `titles`: every person's titles, from all articles)."""
    if not a.statements:
        return []
    found: list[Statement] = []
    speakers = _Speakers(a, context, kinds, titles)
    named = sorted((m.start, m.end, m.entity) for m in a.mentions if m.entity)
    starts = [n[0] for n in named]
    for h in a.statements:
        speaker, basis = speakers.of(h)
        speakers.last = (h.start, h.end, speaker)
        if speaker is None:
            continue
        inside = named[bisect_left(starts, h.start) : bisect_left(starts, h.end)]
        text = a.article.text
        lo, hi = h.context
        for who in [speaker, *speakers.together(h, speaker, basis)]:  # AとBは…と発表した: the words of both
            about = list(dict.fromkeys(eid for _, end, eid in inside if end <= h.end and eid != who))
            found.append(Statement(who, a.article.id, text[h.start : h.end], h.start, h.end, h.kind, h.verb,
                                   a.article.date, about, Span(a.article.id, lo, hi, text[lo:hi]), speaker_from=basis))
    return found


def _family_names_of_several(named: list[Mention], kinds: dict[str, str]) -> set[str]:
    """The person entities written only as a family name that two or more other people named in
    the article begin with."""
    people: dict[str, set[str]] = {}
    for m in named:
        if kinds.get(m.entity) == "person":
            people.setdefault(m.entity, set()).add(m.text)
    return {e for e, texts in people.items()
            if any(SURNAME.fullmatch(t) and sum(any(o.startswith(t) and o != t for o in others)
                                                 for other, others in people.items() if other != e) >= 2 for t in texts)}


class _Speakers:
    """One article's speakers: its person and organisation mentions in order of where they end."""

    def __init__(self, a: Analysis, context: Context, kinds: dict[str, str], titles: dict[str, set[str]]):
        self.text, self.kinds, self.titles = a.article.text, kinds, titles
        self.sentences = a.sentences
        self.sentence_starts = [s.span.start for s in a.sentences]
        self.w = words()
        self.named: list[Mention] = sorted((m for m in a.mentions if m.entity and kinds.get(m.entity) in SPEAKER_TYPES),
                                           key=lambda m: (m.end, m.start))
        self.ends = [m.end for m in self.named]
        self.context = context
        self.said = sorted((h.start, h.end) for h in a.statements)  # where words said are: no one in them says them
        self.said_starts = [lo for lo, _ in self.said]
        self.last: tuple[int, int, str | None] | None = None  # where the statement before starts and ends, and its speaker (None: unknown)
        self.ambiguous = _family_names_of_several(self.named, kinds)

    def of(self, h: StatementHint) -> tuple[str | None, str]:
        """The speaker, and how it was found (`Statement.speaker_from`): the subject of the verb
        of saying, when the clause structure names one (`_subject_of`); else as the analyzer said
        where to look. A family name alone that several people of the article have (佐藤 of 佐藤茂
        and 佐藤伸朗) is no one known."""
        speaker, basis = self._of(h)
        return (None, basis) if speaker in self.ambiguous else (speaker, basis)

    def _of(self, h: StatementHint) -> tuple[str | None, str]:
        said_by = self._subject_of(h)
        if said_by or h.describing:  # 「…」と発言した農相: the noun described, or no one
            return said_by or self._described(h), ""
        if h.source and self.w.unnamed_start.search(self.text, h.zones[0][0] if h.zones else h.context[0], h.verb_at):
            return None, ""  # 両社の発表によると: words of no one entity
        for lo, hi in h.zones:
            found = self._in_zone(lo, hi)
            if found:
                return found, ""
            if found is None and not h.stand_in and self.w.other_speaker.search(self.text, lo, hi):
                return self._surname(lo, hi), ""  # 汪氏は, あるアナリストが: someone not found as a name speaks
        if h.stand_in:
            return self._stand_in(h.stand_in, h.start), h.stand_in
        if h.source:  # 声明によると: its organisation; 県警によると, 共同通信によると: no one found
            document = self.w.document.search(self.text, max(0, h.verb_at - 8), h.verb_at)
            return (self.context.at(h.start, ORG_TYPES, set()) if document else None), CONTEXT
        if h.kind != DIRECT and not self._going_on(h):
            if self._opens_with_a_speaker(h):  # …。ベスト電は増資で調達する資金を…に充てるとしている: its own topic's
                return None, CONTEXT  # words, not the text's topic before (taking the topic's name, the held sets' speakers fell)
        topic, at = self._topic(h.start)
        if self._unnamed_since(max(at, 0), h.start):
            return None, CONTEXT  # X社は…。判決は…を示した。その上で、…と指摘: the ruling goes on, not X社
        if self.last and at < self.last[1] and self.last[1] >= h.start - TOPIC_REACH:
            return self.last[2], CONTEXT  # 首相は…「…」と語った。後任人事については「…」と述べた: still the prime minister (or still unknown)
        if h.kind == DIRECT and self.kinds.get(topic) in ORG_TYPES and h.verb.startswith(ALOUD):
            return None, CONTEXT  # 三菱地所は…懇話の場を設けた。「…」と語った: a person spoke, not the company
        return topic, CONTEXT

    def _subject_of(self, h: StatementHint) -> str | None:
        """The person or organisation the subject (が, は) of the statement's verb of saying names;
        for X氏によると, X's name, or its owner's (北浜重工の有価証券報告書によると: 北浜重工)."""
        if h.verb_at < 0:
            return None
        c = self._clauses_at(h.verb_at)
        k = c.at(h.verb_at) if c is not None else -1
        if h.source:
            found = named_in(self.context, c, k, self.text) if k >= 0 else None
            return found if found and self.kinds.get(found) in SPEAKER_TYPES else None
        subject = c.subject(k) if k >= 0 else -1
        if subject < 0:
            return None
        lo, hi = c.span(subject)
        if self._inside_words_said(lo) or self.w.other_speaker.search(self.text, lo, hi):
            return None  # inside words said (these or the next: …あったとし、…Xも関与したとしている), or someone unnamed
        person = names_a_person(self.text, c, subject)  # 昭和シェルの亀岡氏は: 亀岡, not his company
        found = named_in(self.context, c, subject, self.text, through_owner=not person)
        return found if found and self.kinds.get(found) in SPEAKER_TYPES and (not person or self.kinds[found] == "person") else None

    def together(self, h: StatementHint, speaker: str, basis: str) -> list[str]:
        """Who else said the words: those listed with the speaker where the sentence writes them
        (北浜重工と南都電機は…と発表した); for 両社 (`pair_words`), the other of the two
        organisations written together last (北浜重工と南都電機は…。両社は…)."""
        if basis in self.w.pair_words:
            pair = self._pair_before(h.start)
            return [e for e in pair if e != speaker] if speaker in pair else []
        if basis or self.kinds.get(speaker) not in ORG_TYPES:
            return []  # people speak one at a time: 小田切社長と山城社長は「…」と語った is one of them
        s = self.sentences[bisect_right(self.sentence_starts, h.context[0]) - 1]
        c = s.clauses
        written = [m for m in self.named[bisect_right(self.ends, s.span.start) : bisect_right(self.ends, s.span.end)]
                   if m.entity == speaker and not self._inside_words_said(m.start)]
        if c is None or not written:
            return []
        listed = every_named(self.context, c, c.at(written[-1].end - 1), self.text)
        return [e for e in listed if e != speaker and self.kinds.get(e) == self.kinds.get(speaker)] if speaker in listed else []

    def _pair_before(self, at: int) -> list[str]:
        """The two organisations last written together before `at` (AとB, A・B), or []."""
        for k in range(bisect_left(self.ends, at) - 1, 0, -1):
            b, a = self.named[k], self.named[k - 1]
            if b.end < at - TOPIC_REACH:
                break
            if (self.text[a.end : b.start] in PAIRED and a.entity != b.entity
                    and self.kinds.get(a.entity) in ORG_TYPES and self.kinds.get(b.entity) in ORG_TYPES):
                return [a.entity, b.entity]
        return []

    def _opens_with_a_speaker(self, h: StatementHint) -> bool:
        """Do reported words open with a topic (…は, …では) that names a person or an
        organisation, or is marked as a speaker (総理は): whose words they are, written where the
        analyzer did not know it for a name — not the topic of the text before?"""
        c = self._clauses_at(h.start)
        k = c.at(h.start) if c is not None else -1
        while k >= 0 and c.roles[k] not in TOPICS and c.heads[k] >= 0 and c.roles[k] in LINKING:
            k = c.heads[k]  # 同罪で起訴された大成建設と鹿島の2社は: through what describes it
        if k < 0 or c.roles[k] not in TOPICS:
            return False
        lo, hi = c.span(k)
        named = any(lo <= m.start and m.end <= hi for m in self.named[bisect_right(self.ends, lo) : bisect_right(self.ends, hi)])
        return named or bool(self.w.other_speaker.search(self.text, lo, hi))

    def _going_on(self, h: StatementHint) -> bool:
        """Do these words follow the statement before in the same sentence (Xは「A」と強調し、B
        と述べた): the speaker goes on, and a topic in B is in what X said."""
        return bool(self.last) and bisect_right(self.sentence_starts, self.last[1]) == bisect_right(self.sentence_starts, h.start)

    def _unnamed_since(self, lo: int, hi: int) -> bool:
        """Has the text gone on, between `lo` and `hi`, to a speaker who is no one entity: one of
        `unnamed` as the topic of a verb of saying or showing (判決は…枠組みを示した), outside names
        and words said — not one the sentence only tells of (メディア関係者は40人が集まった)?"""
        for m in self.w.unnamed_speaker.finditer(self.text, lo, hi):
            if self._inside_words_said(m.start()) or self._inside_a_name(m.start()):
                continue
            c = self._clauses_at(m.start())
            k = c.predicate_of(c.at(m.start())) if c is not None else -1
            if k >= 0:
                lo_k, hi_k = c.span(k)
                if self.w.verb.search(self.text, lo_k, hi_k) or self.w.showing.search(self.text, lo_k, hi_k):
                    return True
        return False

    def _clauses_at(self, at: int):
        """The clause structure of the sentence holding offset `at` (None: not parsed)."""
        return self.sentences[bisect_right(self.sentence_starts, at) - 1].clauses

    def _inside_a_name(self, at: int) -> bool:
        k = bisect_right(self.ends, at)
        return any(m.start <= at < m.end for m in self.named[k : k + 3])

    def _inside_words_said(self, at: int) -> bool:
        k = bisect_right(self.said_starts, at) - 1
        return k >= 0 and at < self.said[k][1]

    def _described(self, h: StatementHint) -> str | None:
        """The person or organisation named right after a describing verb of saying (…と発言した
        青柳農相は): what the clause, with no subject of its own, is about. A name marked with が
        before the quote may be that clause's subject (首相が「…」と批判した農相): then no one."""
        lo = h.context[0]
        for m in self.named[bisect_right(self.ends, lo) : bisect_right(self.ends, h.start)]:
            mark = self.w.mark.match(self.text, m.end, h.start)
            if m.start >= lo and mark and mark.group().endswith("が"):
                return None
        k = bisect_left(self.ends, h.verb_at + 2)
        return next((m.entity for m in self.named[k : k + 3] if m.start == h.verb_at + 1), None)

    def _surname(self, lo: int, hi: int) -> str | None:
        """The person `X氏` in text[lo:hi] is, when X is how the name of a person named before
        begins (汪氏 after 汪文傑副社長); None when there is none, or X is unnamed (関係者は)."""
        for m in self.w.other_speaker.finditer(self.text, lo, hi):
            name = SURNAME.search(self.text, lo, m.start())
            if not name:
                continue
            for known in self._before(lo):
                if self.kinds[known.entity] == "person" and known.text.startswith(name.group()) and known.text != name.group():
                    return known.entity
        return None

    def _in_zone(self, lo: int, hi: int) -> str | None:
        """The speaker named in text[lo:hi]: the last name marked as a speaker (は, が, も after it
        and its titles), or one the zone ends with (X氏によると, "…," said Mira Castell)."""
        inside = self.named[bisect_right(self.ends, lo) : bisect_right(self.ends, hi)]
        for k in range(len(inside) - 1, -1, -1):
            m = inside[k]
            if m.start < lo or self.last and self.last[0] <= m.start < self.last[1]:
                continue  # before the zone, or in the words said before (…はXが提案したと明かし、「…」と語った)
            mark = self.w.mark.match(self.text, m.end, hi + 1)
            if mark and self.w.other_speaker.search(self.text, mark.end(), hi):
                return None  # 北浜重工は…が、汪氏は「…」: someone later in the zone, not found as a name, speaks
            if mark and CERTAIN.search(self.text, max(lo, m.start - 3), m.start):
                return None  # ある自民党議員は: a member no one names, not the party
            if mark and not self._subject(mark, hi):
                continue
            label = self.w.label.match(self.text, m.end, hi)
            if mark or (label and (label.end() == hi or self.text[label.end() : label.end() + 1] in "）)")):  # 「…」（伊藤社長）と
                person = inside[k - 1] if k else None
                if (self.kinds[m.entity] != "person" and person and self.kinds[person.entity] == "person"
                        and person.start >= lo and 0 <= m.start - person.end <= BESIDE):
                    return person.entity
                return m.entity
        return None

    def _stand_in(self, word: str, at: int) -> str | None:
        if word in self.w.pair_words:
            return next(iter(self._pair_before(at)), None)
        if word in self.w.same_person:
            return self.context.at(at, {"person"}, set())
        if word in self.w.same_company:
            return self.context.at(at, {"company"}, set()) or self.context.at(at, ORG_TYPES, set())
        if word in self.w.same_organisation:
            return self.context.at(at, ORG_TYPES, set())
        for m in self._before(at):  # a title alone: 総裁は
            if word in self.titles.get(m.entity, ()):
                return m.entity
        return None

    def _before(self, at: int):
        """The names ending before `at`, nearest first, as far back as NAMED_REACH characters:
        every statement of a long article looking back to its start made linking it quadratic."""
        for k in range(bisect_left(self.ends, at + 1) - 1, -1, -1):
            m = self.named[k]
            if m.end < at - NAMED_REACH:
                return
            yield m

    def _topic(self, at: int) -> tuple[str | None, int]:
        """The person or organisation the text was last about (marked `Xは`, or the subject `Xが`
        of a lead such as 鷲尾首相が会見。), not far before `at`; and where its name ends. A
        stand-in set as the topic after it (同社は…と想定。…と予想しています) is what it stands for."""
        found, end = None, -1
        for m in self._before(at):
            if m.end < at - TOPIC_REACH:
                break
            mark = self.w.mark.match(self.text, m.end)
            if m.topic or (mark and self._subject(mark, len(self.text))):
                found, end = m.entity, m.end
                break
        stand_in = self._stand_in_topic(max(end, at - TOPIC_REACH), at)
        return (self._stand_in(*stand_in), stand_in[1] + len(stand_in[0])) if stand_in else (found, end)

    def _stand_in_topic(self, lo: int, hi: int) -> tuple[str, int] | None:
        """The last stand-in set as a topic (同社は, 同氏は) in text[lo:hi], outside words said, and where it is."""
        last = None
        for m in self.w.stand_in_topic.finditer(self.text, lo, hi):
            if not self._inside_words_said(m.start()):
                last = (m.group(1), m.start())
        return last

    def _subject(self, mark, hi: int) -> bool:
        """Whether `Xは` / `Xが` makes X the speaker: が does only when no verb after it describes
        a noun (鷲尾首相が会見。, 小田切会長が15日、「…」; analyze/statements.describes)."""
        return not describes(self.text, mark, hi)
