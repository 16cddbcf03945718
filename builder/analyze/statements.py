"""Who said what: the places in an article's text that report speech.

It only proposes, as the other patterns do. For each statement it finds where the words
said are (the inside of 「…」, or the clause before と述べた), whether they were quoted
(`direct`) or reported (`indirect`), the verb as written, and where its speaker is
written: stretches of text to look in, nearest first, and a word that stands for someone
named before (同氏, 同社, 彼, a title alone such as 総裁は). Which entity spoke is decided in
link/statements.py, once every name knows its entity (some names are only found there).

The words are in data/statements.yaml. A quote is a statement only if a verb of saying
follows it (「…」と述べた, 「…」と、X社長は語った): a product name in 「」 is followed by
を or は, and a single word in quotes (「AIバブル」と指摘した) is not a clause, so neither
is one. Headings and titles are not read.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from builder.analyze.clauses import Clauses
from builder.analyze.vocab import vocab
from builder.files.datafiles import load_data
from builder.model import STATEMENT_KINDS, Mention, pickled_by_fields

DIRECT, INDIRECT = STATEMENT_KINDS
READ_BLOCKS = ("paragraph", "list_item")
VERB_REACH = 40  # characters from a quote's と to its verb: 「…」と、北浜重工の小田切修三社長は記者団に語った
MARK_REACH = 40  # characters from a name to the は that makes it the speaker: ミラ・カステル最高経営責任者（CEO）は
SWITCHES = ("ほか、", "一方、", "一方で、")  # after one, a new topic (Bは) is who speaks next
VERB_TAIL = 8  # characters of the rest of a verb of saying's clause, after what was taken as its verb (を語り、)
SETTING_MAX = 30  # characters of an opening chunk that may be a setting (28日の記者会見で、)
MIN_CONTENT = 4  # characters: less is not something said
MIN_CLAUSE = 5  # characters of a quote that does not end as a clause does, yet says something (「なお高い状況」)
SENTENCE_ENDS = "。！？!?"
QUESTION_DASHES = ("──", "――", "—", "―")  # an interview's question starts with one
NOT_SAID = "(?!を(?:避け|控え|差し控え|拒)|せず|しなかった|しない)"  # コメントを避けた, 明言せず: nothing was said
HIRAGANA = re.compile(r"[ぁ-ゖ]")
NOUN_CHAR = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ffA-Za-z0-9Ａ-Ｚａ-ｚ０-９]")
VERB_ENDINGS = tuple("るたいうくすつむぬぶぐだずん")
GOES_ON = re.compile(r"上で|うえで|上、|後[、に]|ほか|一方|際")  # 述べた上で: the verb is not describing a noun  # how a clause ends before 方針を示した: 投じる方針, 続く見通し


@pickled_by_fields
@dataclass(slots=True)
class StatementHint:
    """A statement's words (`start`, `end`), its kind and verb, and where its speaker is:
    a name ending in one of `zones` (first zone first; in a zone, the name nearest its end),
    else `stand_in` (同氏, 同社, 彼, a title) read at `start` in context, else the topic in
    context. `context`: the sentence or sentences it is in."""

    start: int
    end: int
    kind: str
    verb: str
    zones: tuple[tuple[int, int], ...]
    stand_in: str
    context: tuple[int, int]
    verb_at: int = -1  # where its verb of saying is: its subject is the speaker (link/statements.py)
    describing: bool = False  # 「…」と発言した農相: the verb describes the noun after it, which, with no subject of its own, said it
    source: bool = False  # X氏によると: `verb_at` is where によると starts, and what is written before it said it


@dataclass(frozen=True)
class Words:
    verb: re.Pattern  # a verb of saying, with its ending; not in the passive (と指摘されている has no speaker)
    stance: re.Pattern  # (との)見方を示した
    after_quote: re.Pattern  # と、 / とも / （X氏）と / などと — what follows a quote before the verb
    received: re.Pattern  # 「…」との判断を受けた: words of a decision received, not said by who received it
    weak: re.Pattern  # した, し、: a verb of saying only right after a quote's と or a clause's
    mark: re.Pattern  # what follows a speaker's name: (社長)(の広報担当者)は
    label: re.Pattern  # the same without the particle: 氏 in X氏によると
    other_speaker: re.Pattern  # 氏は, 社長が, 関係者は: someone marked as a speaker, whatever their name
    unnamed_start: re.Pattern  # 関係者, 両社: a speaker who is no one entity
    unnamed_speaker: re.Pattern  # 判決は, 運転士は: such a speaker as the topic
    showing: re.Pattern  # 示した, 表明した: a verb that tells, as a verb of saying does
    stand_in: re.Pattern  # 同氏は, 同社は, 総裁は (`_stand_ins` checks that no name is written before it)
    reported: re.Pattern  # …と述べた, …と記者団に語った
    according: re.Pattern
    document: re.Pattern  # 声明 before によると: the organisation the text is about issued it
    hearsay_end: re.Pattern
    english: re.Pattern
    same_person: frozenset[str]
    same_company: frozenset[str]
    same_organisation: frozenset[str]
    stand_in_topic: re.Pattern  # 同社は, 同氏は: a stand-in set as the topic (group 1: the stand-in)
    same_any: frozenset[str]  # all three, and `pair_words`
    pair_words: frozenset[str]  # 両社: the two organisations written together before
    setting_endings: tuple[str, ...]
    setting_words: tuple[str, ...]
    connectives: frozenset[str]
    asides: tuple[str, ...]
    not_content_endings: tuple[str, ...]


def _any(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def words() -> Words:
    d, v = load_data("statements.yaml"), vocab()
    titles = set(v.titles) | set(v.offices) | set(v.place_offices) | set(v.ministers)
    unnamed = set(d["unnamed"]) | set(v.generic_bodies)  # 関係者, 判決, 第三者委員会: speakers who are no one entity
    people, companies, orgs, pairs = d["same_person"], d["same_company"], d["same_organisation"], d["pair_words"]
    en = _any(d["english_verbs"])
    name = r"[A-Z][A-Za-z.'\- ]{1,60}?"
    ending = f"(?:{_any(d['verb_endings'])})?"  # 述べ+た, 強調+した: not the particles after it (明らかにしたことが)
    title = f"(?:{_any(titles | set(v.honorifics))}|[\u4e00-\u9fff]{{1,10}}?(?:{_any(d['title_endings'])}))"  # 経済安全保障担当相
    label = (f"[）)]?(?:<?\\d{{4}}\\.[A-Z]{{1,2}}>?)?(?: ?[（(][^（）()]{{1,15}}[）)])?(?:[ ・]?{title}兼?(?:[（(][^（）()]{{1,15}}[）)])?)*"  # （読み）董事長（会長）兼CEO, 森望 社長, 横山隆介・CIO, 資生堂<4911.T>
             f"(?:の?(?:{_any(d['spokespeople'])}))?")
    return Words(
        verb=re.compile(f"(?:{_any(d['verbs'])})(?!さ?れ|られ){NOT_SAID}{ending}"),
        stance=re.compile(f"(?:との|という|と(?=の))?(?:{_any(d['stances'])})[をも](?:{_any(d['stance_adverbs'])})?"
                          f"(?:{_any(d['showing'])}){ending}"),
        received=re.compile(f"との[\u4e00-\u9fff\u30a0-\u30ff]{{1,8}}を(?:{_any(v.receiving_verbs)})"),
        after_quote=re.compile(r"[ \u3000]*(?:[（(][^（）()「」]{1,20}[）)])?(?:など|だ|です)?と(?:も|は)?(?:[、，,][ \u3000]*)?"),
        weak=re.compile(f"(?:{_any(d['weak_verbs'])})"),
        mark=re.compile(f"{label}[ \u3000]?(?:は|が|も)"),  # 大塚アナリスト は: a line broken before the particle
        label=re.compile(label),
        other_speaker=re.compile(f"(?:{_any(set(v.honorifics) | titles | unnamed)})(?:は|が|では)"),  # 判決では、「…」とした
        unnamed_start=re.compile(_any(unnamed)),
        unnamed_speaker=re.compile(f"(?:{_any(unnamed)})(?:は|では)"),
        showing=re.compile(_any(d["showing"])),
        stand_in=re.compile(f"({_any([*people, *companies, *orgs, *pairs, *titles])})(?:は|が|も)"),
        reported=re.compile(f"(?<![」』「こ])(?:など)?と(?:も)?[、，]?(?:[^、。「」と]{{1,12}}?に)?"
                            f"(?P<verb>(?:{_any(d['verbs'])})(?!さ?れ|られ){NOT_SAID}{ending})"
                            f"|(?<=[{''.join(VERB_ENDINGS)}])(?<!よう)と(?P<weak>{_any(d['weak_verbs'])})(?!わけ)"),  # 変えようとしている: tries to; 作ろうとしたわけでは: not that
        according=re.compile(f"(?:{_any(d['according'])})[、，,]?"),
        document=re.compile(f"(?:{_any(d['documents'])})$"),
        hearsay_end=re.compile(f"(?:{_any(d['hearsay_endings'])})?[{SENTENCE_ENDS}]?\\s*$"),
        english=re.compile(f"[“\"]([^”\"]{{2,600}}?)[,，]?[”\"]\\s*,?\\s*(?:(?P<pron>he|she|He|She)\\s+(?:{en})\\b"
                           f"|(?:{en})\\s+(?P<after>{name})(?=[,.;]|$)|(?P<before>{name})\\s+(?:{en})\\b)"),
        same_person=frozenset(people),
        stand_in_topic=re.compile(f"({_any(set(people) | set(companies) | set(orgs))})は"),
        same_company=frozenset(companies),
        same_organisation=frozenset(orgs),
        same_any=frozenset([*people, *companies, *orgs, *pairs]),
        pair_words=frozenset(pairs),
        setting_endings=tuple(d["setting_endings"]),
        setting_words=tuple(d["setting_words"]),
        connectives=frozenset(d["connectives"]),
        asides=tuple(d["asides"]),
        not_content_endings=tuple(d["not_content_endings"]),
    )


def find_statements(text: str, blocks, sentences, mentions: list[Mention]) -> list[StatementHint]:
    """Every statement in the article's body blocks; `sentences` are the analysis's (their
    spans in text order), `mentions` its names so far."""
    w = words()
    starts = [s.span.start for s in sentences]
    ends = [s.span.end for s in sentences]
    found: list[StatementHint] = []
    for block in blocks:
        if block.kind not in READ_BLOCKS:
            continue
        quoted, taken = _direct(text, block.start, block.end, starts, ends, w)
        found += quoted
        found += _english(text, block.start, block.end, w)
        opened = [a for a, _ in taken]  # in text order
        first = bisect_right(ends, block.start)
        for n in range(first, len(sentences)):
            s = sentences[n]
            if s.span.start >= block.end:
                break
            near = taken[bisect_left(opened, s.span.start) : bisect_left(opened, s.span.end)]  # a block of one line has thousands
            after = sentences[n + 1].span if n + 1 < len(sentences) and sentences[n + 1].span.end <= block.end else None
            found += _indirect(text, s.span.start, s.span.end, [mentions[k] for k in s.mentions], near, w, s.clauses, after)
    found.sort(key=lambda h: h.start)
    return _without_overlaps(found)


def _without_overlaps(found: list[StatementHint]) -> list[StatementHint]:
    """One statement per stretch of text: where two overlap, the quote (direct) stays."""
    kept: list[StatementHint] = []
    for h in found:
        if kept and h.start < kept[-1].end:
            if h.kind == DIRECT and kept[-1].kind != DIRECT:
                kept[-1] = h
            continue
        kept.append(h)
    return kept


def _sentence_at(starts: list[int], ends: list[int], pos: int, lo: int, hi: int) -> tuple[int, int]:
    k = bisect_right(starts, pos) - 1
    if k < 0 or ends[k] <= pos:
        return lo, hi
    return max(starts[k], lo), min(ends[k], hi)


def _quotes(text: str, lo: int, hi: int):
    """(open, close) of each outermost 「…」 in text[lo:hi]; a quote never closed ends the search."""
    depth, opened = 0, 0
    for i in range(lo, hi):
        c = text[i]
        if c == "「":
            if depth == 0:
                opened = i
            depth += 1
        elif c == "」" and depth:
            depth -= 1
            if depth == 0:
                yield opened, i


def _chains(text: str, lo: int, hi: int) -> list[list[tuple[int, int]]]:
    """Quotes written one after the other (「A」「B」と, 「A」、「B」と) are said with one verb."""
    chains: list[list[tuple[int, int]]] = []
    for q in _quotes(text, lo, hi):
        if chains and text[chains[-1][-1][1] + 1 : q[0]] in ("", "、", "，"):
            chains[-1].append(q)
        else:
            chains.append([q])
    return chains


def _clause(words_said: str) -> bool:
    """Said, not named: a sentence end inside, or it ends as a clause does (in hiragana), or it
    holds kana beyond の and is long enough to be more than a name (「2025年の崖」 is a name, 「なお高い状況」 is not)."""
    if any(c in SENTENCE_ENDS for c in words_said):
        return True
    if HIRAGANA.match(words_said[-1:]) and len(words_said) >= MIN_CONTENT:
        return True
    return len(words_said) >= MIN_CLAUSE and any(HIRAGANA.match(c) and c not in "のとや" for c in words_said)


def _verb_after(text: str, at: int, hi: int, w: Words) -> tuple[re.Match | None, bool]:
    """The verb of saying a quote's と leads to: within reach, before the sentence ends or
    another quote opens; and whether it describes the noun after it (発言した農相, 指摘する声),
    which only a clause-ending verb after it does not beat."""
    stop = at
    limit = min(hi, at + VERB_REACH)
    while stop < limit and text[stop] not in SENTENCE_ENDS and text[stop] != "「":
        stop += 1
    verbs = list(w.verb.finditer(text, at, stop))
    ending = next((m for m in verbs if _ends_clause(text, m.end())), None)
    return (ending, False) if ending or not verbs else (verbs[0], True)


def _ends_clause(text: str, at: int) -> bool:
    """A verb ending at `at` ends its clause: not 指摘する声, 発表した計画; 述べた上で does."""
    return not NOUN_CHAR.match(text, at) or GOES_ON.match(text, at) is not None


def _direct(text: str, lo: int, hi: int, starts, ends, w: Words) -> tuple[list[StatementHint], list[tuple[int, int]]]:
    """The quoted statements of a block, and where each quote and its verb are (from the
    opening 「 to the verb's end): reported words are never looked for there."""
    found, taken = [], []
    for chain in _chains(text, lo, hi):
        close = chain[-1][1] + 1
        stance = w.stance.match(text, close, hi)
        after = w.after_quote.match(text, close, hi)
        if w.received.match(text, close, hi):
            continue  # 「承認して差し支えない」との判断を受けた: the ministry's words, not the company's
        verb = stance if stance and stance.group().startswith("との") else None
        zone_after, describing = (close, close), False
        if verb is None and after:
            verb = w.weak.match(text, after.end(), hi)
            naming = _NAMING.match(text, after.end(), hi) if verb is None else None
            if naming and not w.stance.match(text, naming.end(), hi):  # 「…」とする弁護側の主張: the noun's words (とする見方を示した: a stance)
                verb, describing = naming, True
            elif verb is None:
                verb, describing = _verb_after(text, after.end(), hi, w)
            zone_after = (close, verb.start()) if verb else zone_after
        if verb is None:
            continue
        said = [q for q in chain if _clause(text[q[0] + 1 : q[1]])]
        if not said:
            continue
        s_lo, _ = _sentence_at(starts, ends, chain[0][0], lo, hi)
        _, s_hi = _sentence_at(starts, ends, verb.start(), lo, hi)
        before = _outside_quotes(text, s_lo, chain[0][0])
        zones = (zone_after, *reversed(before))
        stand_in = _stand_in(text, zones, w)
        for q_open, q_close in said:
            found.append(StatementHint(q_open + 1, q_close, DIRECT, _verb_text(verb.group()), zones, stand_in, (s_lo, s_hi),
                                       verb.end() - 1, describing))
        taken.append((chain[0][0], verb.end()))
    return found, taken


_NAMING = re.compile(r"(?:する|いう)(?=[\u4e00-\u9fff\u30a0-\u30ff])")  # 「…」と|する弁護側, と|いう声: a quote naming a noun


def _verb_text(verb: str) -> str:
    return verb[2:] if verb.startswith(("との", "という")) else verb


def _outside_quotes(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """text[lo:hi] without what is inside quotes, as stretches: a name quoted in an earlier
    statement did not say this one."""
    parts, pos = [], lo
    for q_open, q_close in _quotes(text, lo, hi):
        parts.append((pos, q_open))
        pos = q_close + 1
    parts.append((pos, hi))
    return [p for p in parts if p[1] > p[0]]


STAND_IN_AFTER = "、。」 　の"  # what may come right before a stand-in: 総裁は, 同行の総裁は, not 鷲尾総裁は


def _stand_ins(text: str, lo: int, hi: int, w: Words):
    """同氏は, 同社は anywhere; a title only where no name is written right before it."""
    for m in w.stand_in.finditer(text, lo, hi):
        word = m.group(1)
        if word in w.same_any or m.start() == lo or text[m.start() - 1] in STAND_IN_AFTER:
            yield m


def _stand_in(text: str, zones, w: Words) -> str:
    """The first 同氏 / 同社 / title alone followed by は, が or も in the zones."""
    for lo, hi in zones:
        for m in _stand_ins(text, lo, hi, w):
            return m.group(1)
    return ""


def _indirect(text: str, lo: int, hi: int, mentions: list[Mention], taken: list[tuple[int, int]], w: Words,
              c: Clauses | None = None, after=None) -> list[StatementHint]:
    """Reported speech in one sentence: `Xは…と述べた`, `Xは…との見方を示した`, `…する方針を示した`,
    `X氏によると、…という` — which runs on into the next sentence (`after`, its span) when only
    that one ends in という. Reported words start after any quote before them and its verb
    (`taken`): 「A」と述べ、Bと強調した reports B."""
    found = []
    acc = w.according.search(text, lo, hi)
    if acc:
        ending = w.hearsay_end.search(text[lo:hi])
        end, context_end = lo + ending.start(), hi
        if after and not ending.group().strip(SENTENCE_ENDS + " \n") and not w.according.search(text, after.start, after.end):
            going_on = w.hearsay_end.search(text[after.start : after.end])
            if going_on.group().strip(SENTENCE_ENDS + " \n"):  # 声明によると、…を調査。…判明したという。
                end, context_end = after.start + going_on.start(), after.end
        start = _skip_space(text, acc.end(), end)
        if end - start >= MIN_CONTENT:
            zone = (max(lo, acc.start() - MARK_REACH), acc.start())
            stand_in = max((x for x in w.same_any if text.endswith(x, lo, acc.start()) or text.find(x + "の", lo, acc.start()) >= 0),
                           key=len, default="")  # 同社によると, 両社の発表によると
            found.append(StatementHint(start, end, INDIRECT, acc.group().rstrip("、，,"), (zone,), stand_in, (lo, context_end),
                                       acc.start(), source=True))
        return found
    floor = lo
    for end, verb, verb_end in _reports(text, lo, hi, w):
        floor = max([floor, *(b for a, b in taken if lo <= a and b <= end)])
        if end <= floor:
            continue
        if floor > lo:  # Xは「A」と強調し、Bは…と述べた: X goes on speaking, and Bは is in what X said
            marker, zone = _past_clause(text, floor, end), None
        else:
            marker, zone = _marker(text, floor, end, mentions, w, c)
        start = past_settings(text, marker, end)
        if end - start >= MIN_CONTENT and _says_something(text, lo, start, end, w):
            stand_in = _stand_in(text, (zone,), w) if zone else ""
            found.append(StatementHint(start, end, INDIRECT, verb, (zone,) if zone else (), stand_in, (lo, hi), verb_end - 1))
        floor = verb_end
    return found


def _says_something(text: str, lo: int, start: int, end: int, w: Words) -> bool:
    """Are text[start:end], of the sentence starting at `lo`, words said: not in an interviewer's
    question (──出澤社長は、…), nor what a stance is about or how strong it is (…の買収計画に関する
    見解, …成立に強い決意)?"""
    return not text.startswith(QUESTION_DASHES, lo) and not text.endswith(w.not_content_endings, start, end)


def _past_clause(text: str, at: int, end: int) -> int:
    """Past the rest of the clause of a verb of saying that ends before `at` (「A」と意気込みを語り、B:
    B), when a comma soon ends it after an inflection; else `at`."""
    comma = text.find("、", at, min(end, at + VERB_TAIL))
    return comma + 1 if comma > at and "\u3041" <= text[comma - 1] <= "\u309f" and "「" not in text[at:comma] else at


def _reports(text: str, lo: int, hi: int, w: Words) -> list[tuple[int, str, int]]:
    """(end of the words said, the verb as a statement gives it, where the verb ends) for each
    `…と述べた` and `…(との)方針を示した` in a sentence, in text order."""
    found = []
    for m in w.stance.finditer(text, lo, hi):
        before = text[m.start() - 1] if m.start() > lo else ""
        if (m.group().startswith(("との", "という")) or before.endswith(VERB_ENDINGS)) and before != "」":
            found.append((m.start(), _verb_text(m.group()), m.end()))
    stances = [(start, stop) for start, _, stop in found]
    for m in w.reported.finditer(text, lo, hi):
        if _ends_clause(text, m.end()) and not any(a <= m.start() < b for a, b in stances):
            found.append((m.start(), m.group("verb") or "と" + m.group("weak"), m.end()))
    return sorted(found)


def _marker(text: str, lo: int, end: int, mentions: list[Mention], w: Words, c: Clauses | None = None
            ) -> tuple[int, tuple[int, int] | None]:
    """Where the words said start, after their speaker (`Xは`, `X社長が`, `同社は`, `総裁は`),
    and the zone the speaker's name ends in; (lo, None) when no speaker is written. `Xが` after
    (or `Xも`) after a topic that is not a name (付与はXが提案したと明かした, これらにはXも関与したと
    している) is the subject of the words said."""
    named = None
    for m in sorted(mentions, key=lambda m: m.start):
        if lo <= m.start and m.end < end:
            mark = w.mark.match(text, m.end, min(end, m.end + MARK_REACH))
            if mark and not describes(text, mark, end):
                if named is None and not (mark.group().endswith(("が", "も")) and _topic_before(c, text, lo, m.start, w)):
                    named = (m.start, mark.end(), (lo, m.end))
                elif named and mark.group().endswith("は") and any(b in text[named[1] : m.start] for b in SWITCHES):
                    named = (m.start, mark.end(), (lo, m.end))  # Aは…表明したほか、Bは…と明らかにした: B's words
                if named is None:
                    break
    standing = next(_stand_ins(text, lo, end, w), None)
    if standing and (named is None or standing.start() < named[0]):
        return standing.end(), (lo, standing.end())
    if named is None:  # 両社は, 関係者は: the speaker is written, but is no one entity (link/statements.py leaves it out);
        other = w.other_speaker.search(text, lo, end)  # 関氏は: a name not found, and its honorific, open the sentence
        if other and (w.unnamed_start.match(text, other.start()) or (
                UNFOUND_NAME.fullmatch(text, lo, other.start()) and text.startswith(tuple(vocab().honorifics), other.start()))):
            return other.end(), (lo, other.end())
    return (named[1], named[2]) if named else (lo, None)


def _topic_before(c: Clauses | None, text: str, lo: int, at: int, w: Words) -> bool:
    """Is there a topic (…は) between `lo` and `at` that is not the setting (28日は, 会見では)?"""
    if c is None:
        return False
    for k in range(c.at(lo) if c.at(lo) >= 0 else 0, len(c)):
        start, stop = c.span(k)
        if start >= at:
            return False
        if start >= lo and c.roles[k] in ("P:は", "P:には"):
            chunk = text[start:stop].rstrip("、，, \u3000")[:-1]
            if not (chunk.endswith(w.setting_endings) or any(s in chunk for s in w.setting_words)):
                return True
    return False


UNFOUND_NAME = re.compile(r"[\u4e00-\u9fff\u30a1-\u30faー・A-Za-z]{1,8}")  # 関 of 関氏は: a name, however short, and nothing else

RELATIVE = re.compile(r"[るたいだ](?=[\u4e00-\u9fff\u30a1-\u30faA-Za-z0-9０-９])")  # 掲げる目標: a clause describing a noun


def describes(text: str, mark: re.Match, end: int) -> bool:
    """Whether `Xが` (`mark`) is the subject of a clause that describes a noun, not of the verb of
    saying: in 東都銀が掲げる目標について、「…」 and Xが公開したAIモデルについて、Yは…と述べた a verb
    right before a noun follows it before the next comma, the quote or `end`."""
    if not mark.group().endswith("が"):
        return False
    stops = [k for k in (text.find("、", mark.end(), end), text.find("「", mark.end(), end), text.find("。", mark.end(), end)) if k >= 0]
    return RELATIVE.search(text, mark.end(), min(stops, default=end)) is not None


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start] in "、，, \u3000":
        start += 1
    return start


def past_settings(text: str, start: int, end: int) -> int:
    """Past the comma after the speaker and any opening that is the setting, not what was said
    (28日、 / 記者会見で、 / 同日の会見で、 / また、 / …に言及し、 / 会見で with no comma)."""
    w = words()
    start = _skip_space(text, start, end)
    while True:
        place = next((start + len(p) + len(e) for p in w.setting_words for e in ("では", "で")
                      if text.startswith(p + e, start)), None)
        if place is not None and place < end:  # 会見で半導体事業に…投じる方針を示した: no comma after the setting
            start = _skip_space(text, place, end)
            continue
        comma = text.find("、", start, min(end, start + SETTING_MAX))
        if comma < 0:
            return start
        chunk = text[start:comma]
        skipped = chunk.endswith(w.setting_endings + w.asides) or any(s in chunk for s in w.setting_words)
        if not (skipped or chunk in w.connectives):
            return start
        start = _skip_space(text, comma, end)


def _english(text: str, lo: int, hi: int, w: Words) -> list[StatementHint]:
    """"…," she said / "…," said Mira Castell / "…," Mira Castell said."""
    found = []
    for m in w.english.finditer(text, lo, hi):
        said = m.group(1).rstrip(",， ")
        if len(said.split()) < 2:
            continue
        start = m.start(1)
        if m.group("pron"):
            zones, stand_in = (), "彼"
        else:
            name = "after" if m.group("after") else "before"
            zones, stand_in = ((m.start(name), m.end(name)),), ""
        found.append(StatementHint(start, start + len(said), DIRECT, "said", zones, stand_in, (lo, hi)))
    return found
