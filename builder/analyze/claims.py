"""Figures: each amount that is the level of a property (売上高, 営業利益, 投資額, 時価総額…), read in
its clause — a result, a forecast or a plan, its fiscal period — and whose it is.

The property is the word that governs the amount (`_governing_property`). Whose it is, is read
from the clause structure (analyze/clauses.py), not from the names nearest it: the owner the
property noun is written with (Xの売上高; `ClaimHint.owner`), else the subject of the predicate
that states the amount (J社は…K社に最大4兆円を出資する: J社, not K社, which receives it;
`ClaimHint.subject`), else — no subject written — the thing the article is about there. An
owner or subject that names no one (新会社の売上高, 3グループの純利益合計) leaves the figure no
one's: no claim is better than a false one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from builder.analyze.clauses import SUBJECTS, TOPIC_ROLES, WHEN, Clauses
from builder.analyze.tokens import Token
from builder.analyze.vocab import Vocab
from builder.files.datafiles import load_data
from builder.model import Quantity
from builder.read.dates import ERA_YEAR, short_year, western_year
from builder.read.textnorm import fold_width


@dataclass(frozen=True)
class ClaimAmount(Quantity):
    """An amount as its claim reads it: `basis` is `actual`, `forecast` or `plan` as its clause
    gives it ("" when the clause does not say), `period` the fiscal period written for it
    (2025年3月期, 4〜6月期, 通期; "" when none is). They ride on the amount because the
    analyzer hands a hint's amount on as it is."""

    basis: str = ""
    period: str = ""


@dataclass(frozen=True)
class ClaimHint:
    owner: int  # the chunk of the name the property noun is written with (Xの売上高), or -1
    subject: int  # the chunk of the subject of the predicate that states it, or -1: none is written
    property: str
    quantity: ClaimAmount


def claim_hints(tokens: list[Token], quantities: list[Quantity], text: str, base: int, vocab: Vocab, c: Clauses | None,
                year: int | None = None) -> list[ClaimHint]:
    """Each amount that is the level of a property (`_governing_property`), read in its clause:
    a result, a forecast or a plan (`_basis`), its fiscal period (`_period`), whose it is
    (`_whose`). An amount that is a change (450億円減), where a change started (0.75%から),
    someone else's estimate (市場予想の), a replaced figure (従来予想の) or a move of the yen
    (1円の円高) is no claim: no claim is better than a false one."""
    if not quantities or c is None:
        return []
    r = _claim_reading()
    folded = fold_width(text)
    parens = _parentheses(folded)
    moves = [q for q in quantities if q.unit == "JPY" and _starts_with(folded, q.end - base, r.fx_moves)]
    hints = []
    previous = (-1, "", "")  # where the last amount with a property ends, its property and unit
    for q in quantities:
        s, e = q.start - base, q.end - base
        if q in moves or (s >= 2 and folded[s - 1] in RANGE_DASHES and (folded[s - 2].isdigit() or folded[s - 2] in UNIT_ENDS)) \
                or q.unit == "ratio" \
                or _starts_with(folded, e, r.bands) or _starts_with(folded, e, r.rate_marks) \
                or folded[max(0, s - 3) : s].rstrip("約 ").endswith(r.rate_marks) \
                or folded[max(0, s - 5) : s].rstrip("約 ").endswith(r.than_words):
            continue  # a move of the yen; the end of a range (2〜3%上げた), a fraction of something else's
            # (100分の1以下), a band (1000億円台), a rate (1米ドル=147円), a gap (終値より21%高い): no one's level
        paren = next(((lo, hi) for lo, hi in parens if lo <= s and e <= hi), None)
        if paren and folded[paren[0] : s] == SAME_PERIOD:
            continue  # 68億円の赤字（同68億円の黒字）: the year before's, its period not written
        prop, word_at, loss = _governing_property(folded, s, e, q.unit, vocab, r, paren)
        if not prop and paren and paren[0] - 1 == previous[0] and (q.unit == "%") == (previous[2] == "%"):
            prop = previous[1]  # 純利益は800億円（前期は610億円）, 20億ドル（約3千億円）を投じる: the same property
        if not prop or (loss and s - word_at - len(loss) > LOSS_GAP):
            continue
        if _describes_a_part(c, q, folded, base, r):
            continue  # 売上1兆円超えが確実なXの防衛・宇宙事業: the figure of a part, not of X
        prop, word_at = _described(c, q, prop, word_at, folded, base, vocab)
        if prop == "funding" and _starts_with(folded, e + (folded[e : e + 1] in ("で", "を")), r.underwriting):
            prop, word_at = "investment", None  # Yの増資を11億円で引き受け: who underwrites it pays, not Y
        if _unsettled(c, q, word_at, folded, base, r) or _supposed(c, c.at(q.start)):
            continue  # 一時費用がなければ純利益は186億ドル: what it would have been, not what it was
        deficit = next((w for w in r.deficits if folded.startswith(w, e)), "") if prop in r.profit_properties and not loss else ""
        previous = (e + len(deficit), prop, q.unit)
        after = folded[_past_parenthesis(folded, e) :]  # 15億円(4.3%)の減益: a change all the same
        move = next((m for m in reversed(moves) if m.end - base <= s and not _crosses(folded, m.end - base, s, r.contrast_breaks)), None)
        if move:  # 1円の円高で営業利益が約450億円減る: a sensitivity, not a profit
            lo = _clause_start(folded, move.start - base, r.contrast_breaks)
            if move.number != 1 or (prop not in r.profit_properties and prop != "fx_sensitivity") \
                    or any(w in folded[lo : move.start - base] for w in r.fx_other_currencies):
                continue  # another move, another currency or another property: figures no one compares
            prop = "fx_sensitivity"
        elif _changed_from(folded[e:], e, quantities, base, r) or (prop != "market_value_lost" and _starts_with(after, 0, r.change_words)
                                                                  and not _starts_with(after, 0, r.summaries)):
            continue
        lo, hi = _clause(folded, s, e, parens, r.clause_breaks)
        if any(w in folded[_clause_start(folded, s, r.contrast_breaks) : s] for w in r.totals):
            continue  # 58クラブ合計でも売上高は1445億円: a sum of several
        basis = _basis(folded, tokens, base, s, e, lo, hi, parens, r)
        if basis is None:
            continue
        start, end, number, written = q.start, q.end, q.number, q.text
        if deficit:  # 営業損益は100億円の赤字: a loss of 100億円
            number, written, end = -number, text[s : e + len(deficit)], end + len(deficit)
        elif loss:  # 営業損失188億円: the same, written before it
            number, written, start = -number, text[word_at:e], base + word_at
        period = _period(folded, s, parens, r, year)
        if _starts_with(folded, e, r.bound_after):  # 5兆円超え, 6兆7000億円を超えた: a bound, and it reads as one
            qualifier = f"{q.qualifier} {r.bounds[0]}".lstrip()
            written = written if written.endswith(r.bounds[0]) else written + r.bounds[0]
        else:
            qualifier = q.qualifier
        if is_bound(qualifier) and folded.startswith(BAND_TOPIC, end - base):
            continue  # 売上高100億円以上は69社: the companies in a band of a survey, no one's level
        amount = ClaimAmount(start, end, written, number, q.unit, qualifier, basis, period)
        glossed = paren and paren[0] > 1 and word_at is not None and paren[0] <= word_at < paren[1] \
            and not any(o.end - base == paren[0] - 1 for o in quantities)  # 118億円（前期は営業損失…）: the figure's own gloss
        whose = (c.at(base + paren[0] - 2), -1) if glossed else _whose(c, q, prop, word_at, folded, base, vocab, r)
        part = _segment_topic(c, c.at(q.start), folded, base, r) if whose[0] < 0 else -1
        if part >= 0:  # 不動産業は、相鉄が売上高を…660億円と伸ばした: the part's figure, though its company is written
            whose = (part, -1)
        elif whose == (-1, -1):  # 音楽分野について、売上高は…: a part's figure, not the company's in context
            whose = (_segment_frame(c, c.at(q.start), folded, base, r), -1)
        hints.append(ClaimHint(*whose, prop, amount))  # X社（米国、売上高2兆円）: X's, as X社の売上高 is
    return hints


def _described(c: Clauses, q: Quantity, prop: str, word_at: int | None, text: str, base: int, vocab: Vocab) -> tuple[str, int | None]:
    """The property of an amount stated in a clause that describes a noun naming a property of
    its own: 約141億ドルを投じた巨額買収 is the price of the acquisition, not an investment (the
    noun says what was paid for), and so is 約1370億円を投じたATGの買収 (the noun through what it
    is of). Else the property its own word gives."""
    for noun in _described_nouns(c, q, text, base):
        lo, hi = c.span(noun)
        found = [(text.find(w, lo - base, hi - base), name) for name, words in vocab.properties.items() for w in words
                 if w in text[lo - base : hi - base]]
        if found:
            return min(found)[1], min(found)[0]
    return prop, word_at


def _described_nouns(c: Clauses, q: Quantity, text: str, base: int):
    """The nouns a clause stating the amount describes, through what each is of (…を投じたXの買収:
    Xの, then 買収), nearest first; none if the amount's clause describes no noun."""
    k = c.predicate_of(c.at(q.start))
    if k < 0 or not c.describes(k) or c.heads[k] < 0:
        return
    yield from c.of_chain(c.heads[k], text, base)


def _describes_a_part(c: Clauses, q: Quantity, text: str, base: int, r: _ClaimReading) -> bool:
    """Does the amount's clause describe a part of a company (…が確実なXの防衛・宇宙事業)?"""
    return any(_chunk(c, k, text, base).rstrip("、，,。 ").removesuffix("の").endswith(r.segments)
               for k in _described_nouns(c, q, text, base))


RANGE_DASHES = "〜~-─－—‐"  # between the ends of a range: 2〜3%, 700億─720億ドル
UNIT_ENDS = "億万兆千百円ドル%"  # how the first end of a range may end (700億─720億ドル)
CONDITIONAL = frozenset(("P:ば", "P:たら", "P:なら", "P:ならば"))  # なければ, 超えたら: a clause of a supposition


def _supposed(c: Clauses, k: int) -> bool:
    """Is chunk k (an amount) stated under a supposition: in a conditional clause (1兆円を超えれば),
    or in one a conditional before it governs (一時費用がなければ純利益は186億ドルと…)?"""
    path = list(c.up(k))
    on_path = set(path)
    return any(c.roles[p] in CONDITIONAL for p in path) or any(
        c.roles[i] in CONDITIONAL and c.heads[i] in on_path for i in range(path[0]))


def _unsettled(c: Clauses, q: Quantity, word_at: int | None, text: str, base: int, r: _ClaimReading) -> bool:
    """Whether the noun that governs the amount, or the predicate that states it, says the deal
    is only proposed, talked about or called off (約7兆円の買収提案を撤回した)."""
    k = c.at(q.start)
    chunks = {k, c.at(base + word_at) if word_at is not None else k}
    while k >= 0 and not c.is_predicate(k):
        k = c.heads[k]
        chunks.add(k)
    return any(w in _chunk(c, x, text, base) for x in chunks if x >= 0 for w in r.unsettled)


CHANGE_AFTER = re.compile(r"[0-9.,]+(?:%|ポイント)(?:の)?(?:増|減|上昇|低下|改善|悪化)")  # 前期 + 46.2%増: the base of a change
COMPARED_BASE = re.compile(r"を[^、。]{0,12}?(?:上回|下回)")  # Xを10.9%上回る: X is what is compared with
SAME_PERIOD = "同"  # in a parenthesis after a figure: the same period a year before
DOERS = frozenset(("P:は", "P:が", "P:と", "P:や"))  # how a noun ends that a clause before it may have as its doer
FRAMING = ("P:では", "P:で")  # Xの決算では、X社の連結業績で、: what the figures after it are of
AGENT = "による"  # 富士フイルムによる買収額: the one who does it owns the figure, as トヨタの営業利益 does


def _whose(c: Clauses, q: Quantity, prop: str, word_at: int | None, text: str, base: int, vocab: Vocab, r: _ClaimReading) -> tuple[int, int]:
    """(owner, subject) chunks of an amount whose property word is at `word_at` (None: written
    right after it, 約120億円を出資). The owner is the name the property noun is written with,
    through periods and dates (トヨタの2025年3月期の営業利益: トヨタ); the subject, that of the
    predicate the amount is stated by, leaving out chunks that are themselves a property, a
    period or the amount (売上高は3兆円, 2027年2月期は…見込む: neither is anyone)."""
    amount = c.at(q.start)
    noun = c.at(base + word_at) if word_at is not None else (c.heads[amount] if c.heads[amount] >= 0 else amount)
    owner = _owner(c, noun, amount, text, base, r)
    if owner >= 0:
        return owner, -1
    predicate = amount
    while not c.is_predicate(predicate) and not _chunk(c, predicate, text, base).endswith("で、") and c.heads[predicate] >= 0:
        predicate = c.heads[predicate]  # …3兆円で、: a clause of its own (総事業費は約1兆2,000億円で、北洋エナジーが主導する)
    not_whose = c.naming(vocab.property_words, text, base) | {k for k in range(len(c)) if _is_time(_chunk(c, k, text, base), r)}
    exclude = {amount, noun} | not_whose  # 売上高は, 2027年2月期は: no one
    listed = [i for i in range(amount) if c.heads[i] == amount and c.roles[i] in SUBJECTS and i not in exclude]
    if listed and c.roles[amount].startswith("N:"):  # 北陸電力も売上高が6137億円、…: the subject of the amount written as a clause of its own
        return -1, listed[-1]
    own = [i for i in range(predicate) if c.heads[i] == predicate and c.roles[i] in SUBJECTS]
    doer = c.heads[predicate]
    if not own and c.describes(predicate) and doer >= 0 and c.roles[doer] in DOERS and doer not in exclude \
            and prop not in r.paid_properties:
        # 1兆円の純利益を確保した北斗物産は: a clause with no subject of its own describes its doer — not the
        # property itself (379万円からという価格設定が) nor what was paid for (141億ドルを投じた買収は)
        return -1, doer
    if own and set(own) <= exclude:  # 総投資額は約12億ドルで、米エネルギー省が支援する: its clause's subject is the property,
        if prop in r.paid_properties:
            return -1, -1
        owner = next((k for i in own if (k := _owner(c, i, amount, text, base, r)) >= 0), -1)  # and Xの価格は…: X's
        return owner, -1 if owner >= 0 else _framing(c, predicate, amount, text, base, r, exclude)
    return -1, c.subject(predicate, exclude=exclude)


def _framing(c: Clauses, predicate: int, amount: int, text: str, base: int, r: _ClaimReading, exclude: set[int]) -> int:
    """Whose a figure is when its predicate's subject is only the property (売り上げが…9852億円
    となった): the sentence's topic, where it is someone (北陸電力も…純損益は68億円の赤字だった), or
    the one a frame before it is of (京セラが発表した決算では, 京セラの決算では); else -1."""
    topic = c.topic()
    if 0 <= topic < amount and topic not in exclude:
        return topic
    for i in range(amount):
        if c.heads[i] == predicate and c.roles[i] in FRAMING:
            owner = _owner(c, i, amount, text, base, r)
            described = next((c.subject(k) for k in range(i) if c.heads[k] == i and c.describes(k)), -1)
            return owner if owner >= 0 else described
    return -1


_FRAMES = ("について", "については", "では", "は", "で", "の", "における", "においては")  # how a chunk that frames a sentence ends


def _segment_frame(c: Clauses, amount: int, text: str, base: int, r: _ClaimReading) -> int:
    """A chunk before the amount naming a part of a company (`segments`: 音楽分野について、,
    ゲーム事業では, モバイル単体では) or a part of a figure (`not_property`: 国内売上高では) and
    framing what follows, or -1."""
    return next((k for k in range(amount - 1, -1, -1) if _names_a_part(c, k, text, base, r)), -1)


def _segment_topic(c: Clauses, amount: int, text: str, base: int, r: _ClaimReading) -> int:
    """A topic of the sentence's main level before the amount that names a part of a company
    (不動産業は、ホテル業は、), or -1: what the sentence tells is that part's."""
    main = c.main_level()
    return next((k for k in range(amount) if c.roles[k] in TOPIC_ROLES and c.heads[k] in main
                 and _names_a_part(c, k, text, base, r)), -1)


def _names_a_part(c: Clauses, k: int, text: str, base: int, r: _ClaimReading) -> bool:
    body = _chunk(c, k, text, base).rstrip("、，, ")
    stem = next((body[: -len(f)] for f in _FRAMES if body.endswith(f)), "")
    return stem.endswith(r.segments) or stem.endswith(r.not_property)


def _owner(c: Clauses, noun: int, amount: int, text: str, base: int, r: _ClaimReading) -> int:
    """The chunk the property noun `noun` is written with (Xの売上高, Xによる買収額), through
    periods, dates and qualities (トヨタの2025年3月期の営業利益, Xの17年3月期の実質的な売上高: the
    name's); -1 if none."""
    owners = [i for i in range(noun - 1, -1, -1) if c.heads[i] == noun and i != amount
              and (c.roles[i] == "P:の" or _chunk(c, i, text, base).endswith(AGENT) or c.qualifies(i))]
    while owners:
        k = owners.pop(0)
        if not (_is_time(_chunk(c, k, text, base), r) or c.qualifies(k)):  # (実質的な: no one's)
            return k
        owners += [i for i in range(k - 1, -1, -1) if c.heads[i] == k and c.roles[i] == "P:の"]
    return -1


def _chunk(c: Clauses, k: int, text: str, base: int) -> str:
    lo, hi = c.span(k)
    return text[lo - base : hi - base]


def _is_time(chunk: str, r: _ClaimReading) -> bool:
    """A chunk that says when (2025年3月期の, 今期の, 昨年の), not whose."""
    return bool(WHEN.match(chunk) or r.periods.match(chunk))


@dataclass(frozen=True)
class _ClaimReading:
    """cues.yaml's `claim_reading`, ready to match against width-folded text."""

    percent_properties: frozenset[str]
    profit_properties: frozenset[str]
    paid_properties: frozenset[str]
    period_properties: frozenset[str]
    cues: re.Pattern  # every word that says what a figure is, longest first
    cue_kinds: dict[str, str]  # word → actual, forecast, plan, revision or not_own (a replaced forecast is a forecast)
    disowning: frozenset[str]  # not_own and replaced words: just before an amount, no claim
    from_words: tuple[str, ...]
    rate_marks: tuple[str, ...]
    than_words: tuple[str, ...]
    underwriting: tuple[str, ...]
    change_words: tuple[str, ...]
    bands: tuple[str, ...]
    bounds: tuple[str, ...]
    bound_after: tuple[str, ...]
    totals: tuple[str, ...]
    unsettled: tuple[str, ...]
    summaries: tuple[str, ...]
    deficits: tuple[str, ...]  # longest first
    losses: dict[str, str]  # a loss written before its amount → the profit it is of
    not_a_level: tuple[str, ...]
    not_property: tuple[str, ...]
    fx_moves: tuple[str, ...]
    fx_other_currencies: tuple[str, ...]
    reporters: tuple[str, ...]
    clause_breaks: tuple[str, ...]
    contrast_breaks: tuple[str, ...]
    periods: re.Pattern
    compared_with: tuple[str, ...]
    property_after: tuple[str, ...]
    amount_prefixes: tuple[str, ...]
    segments: tuple[str, ...]


# A period written with a year or months: 2025年3月期, 25年3月期, 2025年4〜12月期, 4〜6月期, 2025年度,
# 第1四半期 (matched on width-folded text: ～ is ~ there).
_YEAR = rf"(?:{ERA_YEAR}|(?<!\d)(?:\d{{4}}|\d{{2}}))年"  # 2025年, 25年, 平成29年
_DATED_PERIOD = rf"{_YEAR}\d{{1,2}}月中間期?|{_YEAR}\d{{1,2}}月期|(?:{_YEAR})?(?<!\d)\d{{1,2}}[〜~\-－ー―—‐]\d{{1,2}}月期|{_YEAR}度|第[1-4一二三四]四半期(?:累計)?"
_KANJI_DIGITS = str.maketrans("一二三四", "1234")
_QUARTER = re.compile("第([一二三四])")
_RANGE = re.compile(r"[〜~\-－ー―—‐]")
_SHORT_YEAR = re.compile(r"(?<!\d)(\d{2})年")
_ERA = re.compile(rf"({ERA_YEAR})年")
_INTERIM = re.compile(r"月中間(?!期)")
# What may stand between an amount and the property word after it: 約120億円を出資, 42億ドルで買収,
# 約2000億円で同業を買収, 10億ドルの資金調達, 379万円からという価格, 4400億円もの時価総額.
_ATTACHED = re.compile(r"(?:規模|相当|程度)?(?:から)?(?:という|もの|の|を|で(?:[^、。\d]{1,12}を)?)?")
PROPERTY_REACH = 20  # characters between a property word and the amount it governs, at most
LOSS_GAP = 2  # characters between a loss and its amount (営業損失は188億円), at most: the claim's value spans both
NOT_OWN_REACH = 10  # characters between 市場予想 (従来予想, …) and the amount it disowns, at most


@lru_cache(maxsize=1)
def _claim_reading() -> _ClaimReading:
    """Read once: every amount of every article is read with it."""
    d = load_data("cues.yaml")["claim_reading"]
    lists = {"actual": "actual", "forecast": "forecast", "plan": "plan", "revisions": "revision", "not_own": "not_own",
             "replaced_forecasts": "forecast", "replaced_plans": "plan"}
    kinds = {str(w): kind for key, kind in lists.items() for w in d[key]}
    words = tuple(sorted(map(str, d["periods"]), key=len, reverse=True))
    return _ClaimReading(
        percent_properties=frozenset(d["percent_properties"]), profit_properties=frozenset(d["profit_properties"]),
        paid_properties=frozenset(d["paid_properties"]), period_properties=frozenset(d["period_properties"]),
        cues=re.compile("|".join(re.escape(w) for w in sorted(kinds, key=len, reverse=True))), cue_kinds=kinds,
        disowning=frozenset(map(str, d["not_own"] + d["replaced_forecasts"] + d["replaced_plans"])),
        deficits=tuple(sorted(d["deficits"], key=len, reverse=True)), losses=dict(d["losses"]),
        periods=re.compile("|".join([_DATED_PERIOD, *map(re.escape, words)])),
        **{name: tuple(map(str, d[name])) for name in WORD_LISTS},
    )


# claim_reading's lists taken as they are written (`_ClaimReading`)
WORD_LISTS = ("from_words", "rate_marks", "than_words", "underwriting", "change_words", "bands", "bounds", "bound_after", "totals",
              "unsettled", "summaries",
              "not_a_level", "not_property", "fx_moves", "fx_other_currencies", "reporters", "clause_breaks",
              "contrast_breaks", "compared_with", "property_after", "amount_prefixes", "segments")


def _starts_with(text: str, at: int, words: tuple[str, ...]) -> bool:
    return any(text.startswith(w, at) for w in words)


def _changed_from(after: str, e: int, quantities: list[Quantity], base: int, r: _ClaimReading) -> bool:
    """Is the amount ending at `e` where a change started: a from-word, then another amount
    (0.75%から1%に, 645億円→755億円), or what another amount is measured against (前年の303億円を
    10.9%上回る336億円)? A from-word alone is where a range starts (12万9,800円から)."""
    word = next((w for w in r.from_words if after.startswith(w)), None)
    if word is not None and any(0 <= other.start - base - e - len(word) <= 2 for other in quantities):
        return True
    return COMPARED_BASE.match(after) is not None


def _crosses(text: str, start: int, end: int, breaks: tuple[str, ...]) -> bool:
    return any(text.find(b, start, end) >= 0 for b in breaks)


def _clause_start(text: str, at: int, breaks: tuple[str, ...]) -> int:
    return max((i + len(b) for b in breaks if (i := text.rfind(b, 0, at)) >= 0), default=0)


def _parentheses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of each outermost parenthesis: `(前期は610億円)` is a clause of its own."""
    spans, depth, opened = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
            if depth == 1:
                opened = i + 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, i))
    return spans


def _clause(text: str, s: int, e: int, parens: list[tuple[int, int]], breaks: tuple[str, ...]) -> tuple[int, int]:
    """Where the clause of the amount at s–e starts and ends: its parenthesis, else the stretch
    between clause breaks (売上高は3兆円で、… ends after 3兆円)."""
    for lo, hi in parens:
        if lo <= s and e <= hi:
            return lo, hi
    hi = min((i for b in breaks if (i := text.find(b, e)) >= 0), default=len(text))
    return _clause_start(text, s, breaks), hi


def _outside(at: int, s: int, parens: list[tuple[int, int]]) -> bool:
    """Is `at` outside every parenthesis that does not hold the amount at `s` (a cue in
    `(前期は2.9兆円だった)` says nothing of the amount before it)?"""
    return not any(lo <= at < hi and not lo <= s <= hi for lo, hi in parens)


def _governing_property(text: str, s: int, e: int, unit: str, vocab: Vocab, r: _ClaimReading,
                        paren: tuple[int, int] | None) -> tuple[str, int | None, str]:
    """The property the amount at s–e is a level of, where its word starts when it stands before
    the amount, and that word if it is a loss (営業損失: the amount is a negative profit). The
    word that governs it is the nearest property word before it (within
    PROPERTY_REACH: 売上高は…3兆円、営業利益は…2000億円 gives each its own, and within `paren`,
    the parenthesis the amount is in) or attached right after it (約120億円を出資); a word of
    `not_a_level` nearer still (関税の影響は) leaves it none. A percentage is a level only of a
    percent property (政策金利を1%に), or a share-price move when no other property governs it
    and a word of rising or falling follows it (17%増 of a profit is a growth rate, not the
    profit); money is never a percent property."""
    best = None
    losses = [(prop, (word,)) for word, prop in r.losses.items()]
    for prop, words in [*vocab.properties.items(), *losses, ("", r.not_a_level)]:
        for word in words:
            pos = text.find(word)
            while pos >= 0:
                if pos + len(word) <= s:
                    distance, at = s - pos - len(word), pos
                elif pos >= e and _ATTACHED.fullmatch(text, _past_parenthesis(text, e), pos):  # 20億ドル（約3千億円）を投じ
                    distance, at = pos - e, None
                else:
                    distance = -1
                if 0 <= distance <= PROPERTY_REACH and not _in_other_word(text, pos, word, r.not_property) \
                        and (paren is None or paren[0] <= pos and pos + len(word) <= paren[1]) \
                        and (best is None or (distance, -len(word)) < best[0]):
                    best = ((distance, -len(word)), prop, at, word if word in r.losses and at is not None else "")
                pos = text.find(word, pos + 1)
    if best and not best[1]:
        return "", None, ""  # 関税の影響は, 買い付け価格は…15%高い: nearest is a word of no level
    if unit != "%" and best and best[2] is not None and _own_noun(text, best[2], s, r):
        return "", None, ""  # 売上高2兆円、純資産8273億円: the next item's noun, not the property, governs it
    prop, at, loss = best[1:] if best else ("", None, "")
    if unit == "%":
        if prop == "policy_rate":  # 政策金利を1%に引き上げ; 0.25%引き上げ is the step, not the rate
            return (prop, at, "") if text[e : e + 1] in ("に", "で", "と", "へ", "を", "。", "、", ")") else ("", None, "")
        moved = any(text.startswith(w, e) or text.startswith("も" + w, e) or text.startswith("の" + w, e) for w in vocab.price_moves)
        return ("share_price_change", at, "") if moved and prop in ("", "share_price_change") else ("", None, "")
    if prop in r.percent_properties:
        return "", None, ""  # 株価は3000円: a price level, no property here
    if prop == "market_value" and any(w in text[e : e + 10] for w in vocab.losses):
        return "market_value_lost", at, ""  # 時価総額は…1,500億ドル減少した
    return prop, at, loss


_LIST_ITEM = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ffA-Za-z]+$")  # a bare noun written right before an amount (純資産8273億円), no particle


def _own_noun(text: str, word_at: int, s: int, r: _ClaimReading) -> bool:
    """Whether the amount at `s` starts a list item of its own after the property word at
    `word_at` (…売上高2兆円、純資産8273億円): a comma between them, and a noun written right
    before the amount that is no mere prefix of it (約, 総額)."""
    comma = max(text.rfind(c, word_at, s) for c in "、,，")
    if comma < 0:
        return False
    noun = _LIST_ITEM.search(text, comma + 1, s)
    return bool(noun) and noun.start() == comma + 1 and noun.group() not in r.amount_prefixes


def _past_parenthesis(text: str, at: int) -> int:
    """Where the text goes on after a parenthesis opened at `at` (if one is)."""
    if text.startswith("(", at):
        close = text.find(")", at)
        return close + 1 if close >= 0 else at
    return at


def _in_other_word(text: str, pos: int, word: str, others: tuple[str, ...]) -> bool:
    """Is the word at `pos` part of a longer word that is no property (投資 of 投資家)?"""
    for other in others:
        k = other.find(word)
        while k >= 0:
            if text.startswith(other, pos - k):
                return True
            k = other.find(word, k + 1)
    return False


def _basis(text: str, tokens: list[Token], base: int, s: int, e: int, lo: int, hi: int,
           parens: list[tuple[int, int]], r: _ClaimReading) -> str | None:
    """`actual`, `forecast` or `plan`: the cue nearest the amount within its clause lo–hi
    (after it on a tie: the predicate follows what it says), a past tense after it counting as
    a result (増えた, 上昇した; before it, a past tense modifies something else, and after a
    と it is the telling: …450億円減ると明らかにした). "" when the clause does not say; None
    when 市場予想 or 従来予想 stands just before it (`_disowned`)."""
    if _disowned(text, s, r):
        return None
    found = [(m.start(), m.end(), r.cue_kinds[m.group()]) for m in r.cues.finditer(text, lo, hi)]
    quoted = next((t.start - base for t in tokens if t.surface == "と" and t.pos1 == "助詞" and t.start - base >= e), hi)
    revised = {end + k for start, end, kind in found if kind == "revision" for k in range(3)}  # 引き上げた, 据え置いた
    found += [(t.start - base, t.end - base, "actual") for t in tokens if t.surface == "た" and t.pos1 == "助動詞"
              and e <= t.start - base < min(hi, quoted) and t.start - base not in revised]
    best = None
    for start, end, kind in found:
        if not _outside(start, s, parens) or kind in ("revision", "not_own"):
            continue
        if end <= s:
            distance, after = s - end, False
        elif start >= e:
            distance, after = start - e, True
        else:
            continue
        if best is None or (distance, not after) < best[0]:
            best = ((distance, not after), kind)
    return best[1] if best else ""


def _disowned(text: str, s: int, r: _ClaimReading) -> bool:
    """Does a word of `disowning` stand just before the amount at `s`, with no other amount
    between (市場予想の平均（5800億円）, 従来予想の645億円 — not the 755億円 after it)? The figure
    is then someone else's, or one since replaced: not the subject's own current one."""
    for m in r.cues.finditer(text, max(0, s - NOT_OWN_REACH - 8), s):
        if m.group() in r.disowning and s - m.end() <= NOT_OWN_REACH and not any(ch.isdigit() for ch in text[m.end() : s]):
            return True
    return False


def _period(text: str, s: int, parens: list[tuple[int, int]], r: _ClaimReading, year: int | None) -> str:
    """The fiscal period written nearest before the amount at `s`, within its parenthesis or
    up to a contrast (…期予想を据え置いたが、純利益は… is not that period's)."""
    lo = _clause_start(text, s, r.contrast_breaks)
    for p_lo, p_hi in parens:
        if p_lo <= s <= p_hi:
            lo = max(lo, p_lo)
    return _last_period(text, lo, s, [p for p in parens if not p[0] <= s <= p[1]], r, year)[0]


def period_in_context(prop: str, text: str, lo: int, hi: int, year: int | None = None) -> tuple[str, str]:
    """The fiscal period of a figure of `prop` whose sentence writes none, and what that period
    was written for: the period written last in text[lo:hi], the paragraph before it (after
    `2026年3月期の連結決算を発表した。`, 売上高は… is that year's), with the basis of the first cue
    after it in its sentence (決算: `actual`; 業績予想を上方修正: `forecast`; "" if none), so
    that a forecast after a year's results is not given that year. ("", "") for the properties
    that are not given by period (a price is not a year's)."""
    r = _claim_reading()
    if prop not in r.period_properties:
        return "", ""
    folded = fold_width(text[lo:hi])
    period, end = _last_period(folded, 0, hi - lo, [], r, year)
    stop = folded.find("。", end)
    cue = next((r.cue_kinds[m.group()] for m in r.cues.finditer(folded, end, stop if stop >= 0 else len(folded))
                if r.cue_kinds[m.group()] in ("actual", "forecast", "plan")), "") if period else ""
    return period, cue


def _last_period(text: str, lo: int, hi: int, skip: list[tuple[int, int]], r: _ClaimReading, year: int | None) -> tuple[str, int]:
    """The last period written in text[lo:hi] outside the parentheses `skip`, normalised so that
    two articles write it alike: 25年3月期 → 2025年3月期, 4～6月期 → 4〜6月期, 2026年3月期の
    第1四半期 → 2026年3月期第1四半期, 2026年3月期通期 → 2026年3月期. A period followed by 比
    or から (前年同期比), or by a change (前期46.2%増), is what the figure is compared with, not its own; one followed by 利益
    (当期利益, 当期純利益) is the property's name. ("", -1) if none is;
    else the period and where it ends."""
    groups: list[list] = []  # runs of periods written together, [start, end, [parts]]
    for m in r.periods.finditer(text, lo, hi):
        if _starts_with(text, m.end(), r.compared_with + r.property_after) or CHANGE_AFTER.match(text, m.end()) \
                or any(a <= m.start() < b for a, b in skip):
            continue
        if groups and text[groups[-1][1] : m.start()] in ("", "の"):
            groups[-1][1] = m.end()
            groups[-1][2].append(m.group())
        else:
            groups.append([m.start(), m.end(), [m.group()]])
    if not groups:
        return "", -1
    parts = groups[-1][2]
    if len(parts) > 1 and "通期" in parts:
        parts = [p for p in parts if p != "通期"]  # the whole of the year named with it
    return normal_period("".join(parts), year), groups[-1][1]


BAND_TOPIC = "は"  # after a bound: the band is what the sentence is about (100億円以上は69社)


def is_bound(qualifier: str) -> bool:
    """Whether an amount so qualified is a bound (3兆円超, 1000万人以上), not a level."""
    return qualifier.endswith(_claim_reading().bounds)


def normal_period(written: str, year: int | None = None) -> str:
    """A period as two articles write it alike: 25年3月期 → 2025年3月期, 4～6月期 → 4〜6月期, 第一四半期 → 第1四半期,
    24年9月中間 → 2024年9月中間期.
    A year of two digits is of this century, or of the Heisei era when that is nearer the
    article's `year` (31年3月期 in 2018 is 2019's, written as the era's 31st year)."""
    written = _QUARTER.sub(lambda m: "第" + m.group(1).translate(_KANJI_DIGITS), written)
    written = _ERA.sub(lambda m: f"{western_year(m.group(1))}年", written)  # 平成29年3月期 → 2017年3月期
    written = _INTERIM.sub("月中間期", written)  # 24年9月中間 → 2024年9月中間期
    return _SHORT_YEAR.sub(lambda m: f"{short_year(int(m.group(1)), year)}年", _RANGE.sub("〜", written))



