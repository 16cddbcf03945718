"""Dated happenings, read from a sentence's clause structure (analyze/clauses.py).

A trigger word (cues.yaml `events`: 買収, 発売, 利上げ, 辞任…) is an event when a date modifies its
predicate: the predicate is the trigger's own chunk, or the verb it is the argument of
(買収を発表した), and the verbs above it that report or decide it (…買収すると発表した,
…引き上げることを決めた: `reporting_verbs`, through `plan_nouns`), and clauses that go on into them
(辞表を提出し受理されたと明らかにした). A date modifies them when it is written as one of their
modifiers — directly, or through nouns only (27日の東京市場で急落した) — or set off by a comma at
the sentence's main level (Xは18日、…と発表した). A date of another clause dates nothing:
「総裁は15日、次の会合で利上げを議論すると述べた」 is no rate rise on the 15th, since 述べた reports
a statement, not a happening. Of two dates the reporting verb's wins: 「2日、新型機を6月5日に
発売すると発表した」 happened on the 2nd (the release is a plan).

Who did it is the subject (が, は) of those predicates, nearest the trigger first
(`Clauses.subject`); the analysis keeps the subject's chunk, and linking reads the name in it
(link/clause_names.py), since names found across the corpus are known only then.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from builder.analyze.candidate import Candidate
from builder.analyze.clauses import CHAINED, NON_PAST, Clauses, bracket_depth, in_parentheses
from builder.analyze.tokens import Token, match_word
from builder.analyze.vocab import Vocab
from builder.model import DateRef

ARGUMENTS = frozenset(("P:を", "P:が", "P:は", "P:に", "P:も", "P:へ", "P:と", "N:名詞"))  # a noun that is its predicate's argument
UNTIL = frozenset(("P:まで", "P:までに"))  # a date that ends a stretch of time
SINCE = "P:から"  # a date that starts one
COMPLEMENTS = frozenset(("P:と", "P:とを", "P:とも"))  # what a reporting verb takes: …すると発表した


@dataclass(frozen=True)
class EventHint:
    type: str
    trigger: str
    date: DateRef
    name: str
    subject: int = -1  # the chunk (of the sentence's `Clauses`) that is the happening's subject; -1: none is written
    named: int = -1  # the chunk of its name (Xショック), whose namesake it is about
    path: tuple[int, ...] = ()  # the trigger's chunk, its predicate and the verbs that report it (`_path`)


def event_hint(tokens: list[Token], cands: list[Candidate], dates: list[DateRef], text: str, base: int, vocab: Vocab,
               c: Clauses | None) -> EventHint | None:
    """The sentence's event, if a trigger's predicate is dated; `Xショック` names it, and is a
    trigger of its own, dated by what dates the predicate it is an argument of. Strong
    triggers first; announcing and deciding words (発表, 決定, 引き上げ) are the weakest, and take
    the type of a strong trigger in what they report (経営統合に向けた協議を始めると発表した is an
    investment; 18日に発表した買収完了, too). A point of comparison (2008年10月以来) dates
    nothing; a market event is a day's move, not a month's figure; a sentence of a disruption
    (停止, 冠水: `disruptions`) makes no investment."""
    dates = [d for d in dates if not d.reference and not in_parentheses(text, 0, d.start - base)]  # (6日終値は…): a gloss
    if not dates or c is None:  # names are checked when linking: 同指数 is one only then
        return None
    found = []
    talked_about = tuple(vocab.subject_matter)
    disrupted = any(w in text for w in vocab.disruptions)
    for kind, words in vocab.events.items():
        if kind == "investment" and disrupted:
            continue  # 台風で工場が冠水し、生産を停止した: a plant stopped, nothing invested
        for word in words:
            pos = text.find(word)
            while pos >= 0:  # every place it is written: 自社株式の取得を求めてきたため、…取得を実施すると発表した
                if not text.startswith(talked_about, pos + len(word)) and not _in_quotes(text, pos):  # 第2工場について: talked about
                    found.append((word in vocab.announce_words, pos, kind, word))
                pos = text.find(word, pos + len(word))
    name, named_at = "", -1
    for cand in cands:
        event_word, _ = match_word(tokens, cand.j, vocab.event_names, 1)
        if event_word:
            name, named_at = cand.text + event_word, cand.start - base
            found.append((True, named_at, vocab.event_name_kinds[event_word], name))
            break
    strong = sorted((c.at(base + pos), kind, word) for weak, pos, kind, word in found if not weak)
    main = c.main_level()
    named = {c.at(cand.start) for cand in cands}
    paths = {}
    for _, pos, _, _ in found:
        k = c.at(base + pos)
        if k >= 0:
            paths[pos] = _path(c, k, text, base, vocab, named) if pos != named_at else [k, c.heads[k]] if c.heads[k] >= 0 else [k]
    # of announcing words, one the sentence is about (its path reaches the main level: 短期金利の引き上げを
    # 決めた, not 3/2に公開したモデルを…組み込むと発表した) first
    found.sort(key=lambda f: (f[0], f[0] and not main & set(paths.get(f[1], ())), f[1]))
    quoted = _quoted(c, text, base)
    for weak, pos, kind, word in found:
        if pos not in paths or c.at(base + pos) in quoted:
            continue  # 「6月の利下げはあり得るか」と問われ: what is quoted is said, not done
        path = paths[pos]
        governing = {up for k in path if (up := c.heads[k]) >= 0} | set(path[1:])
        if any(w in _chunk_text(c, k, text, base) for k in governing for w in vocab.expectation_words):
            continue  # 完全子会社化を見込んでいた: expected, not done
        if _planned(c, path[-1], text, base):
            continue  # 10日に発売する, …承認を経て正式決定する: still to come, not done
        date = _date_of(c, path, dates, text, base, vocab)
        if date is None or (kind == "market" and date.iso.count("-") < 2):
            continue
        if weak:
            reported = _reported(c, path, text, base)
            kind, word, k = next(((kd, w, at) for at, kd, w in strong if at in reported), (kind, word, path[0]))
        else:
            k = path[0]
        if _received(c, k, text, base, vocab):
            continue  # 東京地裁より再生計画の認可決定を受けた: the court's decision, not the company's
        # the trigger is not its own actor (先行予約が超えた), nor a figure's property (投資額は…で、8日に
        # 建設する) — but what moved in a market is (ミドリ電機の株価が急落した)
        figures = set() if kind == "market" else c.naming(vocab.property_words, text, base)
        subjects = (s for p in path if (s := c.subject(p, exclude=figures, shared=True)) >= 0 and s not in path)
        return EventHint(kind, word, date, name, next(subjects, -1), c.at(base + named_at) if name else -1, tuple(path))
    return None


QUOTING = ("P:との", "P:という")  # …との判断: what the noun after it says
QUOTES = ("「『", "」』")  # what opens and closes words quoted
GOING_ON = ("てい", "でい", "てお", "でお")  # 取得している, 進めており: a state that holds now, not a plan


def _received(c: Clauses, k: int, text: str, base: int, vocab: Vocab) -> bool:
    """Is the trigger's chunk k the object of a verb of receiving (命令を受けた, 決定を受け), or
    what describes that object (承認して差し支えないとの判断を受けた): done to the sentence's
    subject by another, not by it?"""
    while k >= 0 and c.roles[k] != "P:を" and (c.describes(k) or c.roles[k] in QUOTING or c.roles[k] in CHAINED):
        k = c.heads[k]
    if k < 0:
        return False
    up = c.heads[k]
    return c.roles[k] == "P:を" and up >= 0 and _chunk_text(c, up, text, base).startswith(tuple(vocab.receiving_verbs))


def _planned(c: Clauses, k: int, text: str, base: int) -> bool:
    """Whether the clause of chunk k, with the clauses it goes on into (受け、…経て決定する),
    ends in the non-past: what is to happen, not what happened."""
    while c.heads[k] >= 0 and c.roles[k] in CHAINED:
        k = c.heads[k]
    body = _chunk_text(c, k, text, base).rstrip("。、，, 」")
    return c.roles[k] == NON_PAST and not any(g in body[-5:] for g in GOING_ON)


def _quoted(c: Clauses, text: str, base: int) -> set[int]:
    """The chunks inside a quotation of more than one chunk (「…」と述べた); a name in 「」 is not one."""
    inside, opened = set(), None
    for k in range(len(c)):
        chunk = _chunk_text(c, k, text, base)
        if "「" in chunk and opened is None:
            opened = k
        if "」" in chunk and opened is not None:
            if k > opened:
                inside |= set(range(opened, k + 1))
            opened = None
    return inside


def _in_quotes(text: str, at: int) -> bool:
    """Is `at` inside a 「 or 『 the sentence does not close: words said that go on past it
    (「…禁止命令を決定し、昨日6日に…提訴しました。), not a happening told? (A name in 「」 closed
    in the sentence is read: 「半導体未来基金」を創設すると発表した.)"""
    depth = bracket_depth(text, 0, at, QUOTES[0], QUOTES[1])
    for ch in text[at:]:
        depth -= ch in QUOTES[1] and depth > 0
    return depth > 0


def _chunk_text(c: Clauses, k: int, text: str, base: int) -> str:
    lo, hi = c.span(k)
    return text[lo - base : hi - base]


def _path(c: Clauses, k: int, text: str, base: int, vocab: Vocab, named: set[int]) -> list[int]:
    """The trigger's chunk, its predicate and the verbs that report or decide it, upwards. A
    trigger that says what a noun is of (民事再生法の適用を申請した) reaches that noun first — not
    a name it describes (投資ファンドの朝凪キャピタルは: `named`, the chunks names are in)."""
    path = [k]
    for noun in itertools.islice(c.of_chain(k, text, base), 1, None):
        if noun in named:
            break
        path.append(noun)
        k = noun
    if not c.is_predicate(k) and c.roles[k] in ARGUMENTS and c.heads[k] >= 0:
        k = c.heads[k]
        path.append(k)
    while c.heads[k] >= 0:
        up = c.heads[k]
        if c.roles[k] == "V:連用形":  # 辞表を提出し受理されたと明らかにした: the next clause reports it too
            path.append(up)
            k = up
            continue
        if c.describes(k) and c.heads[up] >= 0 and any(_chunk_text(c, up, text, base).startswith(w) for w in vocab.plan_nouns):
            up = c.heads[up]  # …引き上げることを決めた, …強化する方針を表明した
        elif c.roles[k] not in COMPLEMENTS:
            break
        said = text[c.span(k)[1] - base : c.span(up)[1] - base]  # 明らかに / した: from the clause to its verb
        if not any(w in said for w in vocab.reporting_verbs):
            break
        path.append(up)
        k = up
    return path


def _date_of(c: Clauses, path: list[int], dates: list[DateRef], text: str, base: int, vocab: Vocab) -> DateRef | None:
    """The date that modifies the path's chunks, the one highest on it (the reporting verb's) first."""
    main = c.main_level()
    on_path = set(path)
    ranked = []
    spans = any(c.roles[k] in UNTIL for d in dates if (k := c.at(d.start)) >= 0)
    for d in dates:
        k = c.at(d.start)
        if k < 0 or c.roles[k] in UNTIL or text.startswith(tuple(vocab.target_marks), d.end - base):
            continue  # 6月18日まで実施する: when it ends, not when it happens; 10月をめどに: a target
        if spans and c.roles[k] == SINCE:
            continue  # 11月30日から1月18日まで: a period's first day, no happening's
        _, end = c.span(k)
        if k in on_path:
            reached = k
        elif text[end - base - 1] in "、，," or c.roles[k] == "P:は":  # Xは18日、… / 11日は…: the sentence's
            reached = next((p for p in path if p in main), -1)           # main level, however it was attached
        else:
            reached = c.governed(k, on_path)
        if reached >= 0:
            ranked.append((-path.index(reached), abs(d.start - c.span(path[0])[0]), d))
    return min(ranked, key=lambda r: r[:2])[2] if ranked else None


def _reported(c: Clauses, path: list[int], text: str, base: int) -> set[int]:
    """What an announcing word at the top of `path` reports: the clause under it, without its
    subjects, and — for 18日に発表した買収完了 — the noun it describes and what that noun is of."""
    reported = set(c.subtree(path[-1])) - {c.subject(p) for p in path}
    if c.describes(path[-1]):
        reported |= set(c.of_chain(c.heads[path[-1]], text, base))
    return reported
