"""Sentence patterns that relate names to each other, to amounts and to dates.

They only propose: `RelationHint` says "if X is a model and Y a company, X was
developed by Y"; the link stage checks the types once every article is read.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.analyze.candidate import Candidate
from builder.analyze.cues import skip_parenthesis, starts_with_word
from builder.analyze.tokens import Token, match_word
from builder.analyze.vocab import Vocab
from builder.model import DateRef, Quantity

# Which types a hint's subject and object must have, by predicate.
PREDICATE_TYPES = {
    "developed_by": ({"model"}, {"company", "organization"}),
    "parent_of": ({"company", "organization"}, {"company", "organization"}),
    "invested_in": ({"company", "organization", "person"}, {"company", "organization", "project"}),
    "founder_of": ({"person"}, {"company", "organization"}),
    "leads": ({"company", "organization", "person"}, {"project"}),
    "located_in": ({"company", "organization"}, {"place"}),
    "place_within": ({"place"}, {"place"}),  # published as located_in
}
ORG_TYPES = {"company", "organization"}
TOPIC = {"は", "も"}
FOUNDING_GLUE = {"し", "た", "する", "の", "、", "である", "で", "ある", ""}


CONTEXT = -1  # "the company in context": 同社の…社長, or a title with no organisation written


@dataclass(frozen=True)
class RelationHint:
    subject: int  # candidate index in the sentence
    predicate: str
    object: int  # candidate index, or CONTEXT


@dataclass(frozen=True)
class ClaimHint:
    subjects: tuple[int, ...]  # candidate indices, most likely subject first
    property: str
    quantity: Quantity


@dataclass(frozen=True)
class EventHint:
    type: str
    trigger: str
    date: DateRef
    name: str


def person_relations(tokens: list[Token], cands: list[Candidate], vocab: Vocab) -> tuple[list[RelationHint], dict[int, list[str]]]:
    """Relations and titles from `OrgのPerson CEO`, `OrgのCEOであるPerson`, `Org CEOのPerson氏`."""
    ends = {c.j: k for k, c in enumerate(cands)}
    hints, titles = [], {}
    for k, c in enumerate(cands):
        chain, org = c.titles, None
        if chain:
            if c.i >= 1 and tokens[c.i - 1].surface == "の":
                org = ends.get(c.i - 1)
        elif c.title_before:
            chain, org = [c.title_before], ends.get(c.org_end)
        if not chain:
            continue
        titles[k] = chain
        for title in chain:
            predicate = vocab.titles.get(title)
            if predicate and org != k:
                hints.append(RelationHint(k, predicate, CONTEXT if org is None else org))
    return hints, titles


def thing_relations(tokens: list[Token], cands: list[Candidate], vocab: Vocab) -> list[RelationHint]:
    """Relations between things: makers and products, corporate family, founders,
    investments, head offices and places (see `_pair` for the patterns)."""
    hints = []
    last_verb = None  # looked for once a topic needs it
    for k, c in enumerate(cands):
        for m in range(k + 1, min(len(cands), k + 4)):
            gap = tokens[c.j : cands[m].i]
            if len(gap) > 9:
                break
            words = [t.surface for t in gap]
            hints += _pair(words, k, m, vocab)
            if len(words) >= 3 and words[0] == "の" and words[-1] == "「" and words[-2] in vocab.naming_words \
                    and all(t.pos1 == "名詞" for t in gap[1:-1]) and not all(w in vocab.bridges for w in words):
                hints.append(RelationHint(m, "developed_by", k))  # Xのクラウドサービス「Y」
        if k + 1 < len(cands) and tokens[c.j].surface == "が" and cands[k + 1].i == c.j + 1:
            rest = cands[k + 1].j
            while rest < len(tokens) and tokens[rest].surface in vocab.bridge_words:
                rest += 1
            if rest + 1 < len(tokens) and tokens[rest].surface == "を" and starts_with_word(tokens, rest + 1, vocab.develop_verbs, 2):
                hints.append(RelationHint(k + 1, "developed_by", k))  # XがYモデルを発表
        hints += _investment(tokens, cands, k, vocab)
        if _is_topic(tokens, c):
            if last_verb is None:
                last_verb = _last_develop_verb(tokens, vocab)
            hints += _made_by_topic(tokens, cands, k, last_verb, vocab)
        if c.phrase and k > 0 and cands[k - 1].i == c.phrase[0] and tokens[cands[k - 1].j].surface == "の":
            hints.append(RelationHint(k, "located_in", k - 1))  # 中国のAIスタートアップ、X
    return hints


def _pair(words: list[str], k: int, m: int, vocab: Vocab) -> list[RelationHint]:
    """Patterns decided by the words between two names X (k) and Y (m); types are checked later."""
    hints = []
    first = words[0] if words else ""
    if first == "の" and all(w in vocab.bridges for w in words):
        hints.append(RelationHint(m, "developed_by", k))  # XのYモデル, Xの最新AIモデル「Y」
    elif first == "が" and _verb_then_bridge(words[1:], vocab.develop_verbs, vocab.bridge_words):
        hints.append(RelationHint(m, "developed_by", k))  # Xが開発したY
    elif first == "が" and _verb_then_bridge(words[1:], vocab.lead_verbs, vocab.bridge_words):
        hints.append(RelationHint(k, "leads", m))  # Xが主導する「Y」
    joined = "".join(words)
    if joined in vocab.parent_gaps:
        hints.append(RelationHint(m, "parent_of", k))  # Xの親会社Y, X親会社のY
    if joined in vocab.child_gaps:
        hints.append(RelationHint(k, "parent_of", m))  # X傘下のY, Xの子会社Y
    if len(words) > 1 and first == "を" and any(words[1].startswith(v) for v in vocab.found_verbs) \
            and set(words[2:]) <= FOUNDING_GLUE:
        hints.append(RelationHint(m, "founder_of", k))  # Xを創業したY
    if len(words) > 1 and first == "に" and words[1] in vocab.headquarters_words:
        hints.append(RelationHint(m, "located_in", k))  # 東京に本社を置くX
    if not words or words == ["の"]:
        hints.append(RelationHint(m, "located_in", k))  # 韓国のサムスン電子
        hints.append(RelationHint(m, "place_within", k))  # カリフォルニア州クパチーノ
    if words in (["（"], ["("], ["（", "本社", "・"], ["（", "本社", "："], ["(", "本社", "・"]):
        hints.append(RelationHint(k, "located_in", m))  # 北辰ロボティクス（札幌市）
    return hints


def _last_develop_verb(tokens: list[Token], vocab: Vocab) -> int:
    """Index of the sentence's last verb of making (開発, 発売, 発表), or -1."""
    prefixes = vocab.develop_verbs.prefixes
    for v in range(len(tokens) - 1, -1, -1):
        if tokens[v].surface[:1] in prefixes and starts_with_word(tokens, v, vocab.develop_verbs, 2):
            return v
    return -1


def _is_topic(tokens: list[Token], c: Candidate) -> bool:
    """Is the name (with its titles or a parenthesis) followed by は or が?"""
    after = c.title_end if c.titles else skip_parenthesis(tokens, c.j)
    return after < len(tokens) and tokens[after].surface in ("は", "が")


def _made_by_topic(tokens: list[Token], cands: list[Candidate], k: int, last_verb: int, vocab: Vocab) -> list[RelationHint]:
    """`Xは2日、新モデル「Y」を発表した`: the topic of the sentence (`_is_topic`) made the thing
    it presents. When the topic is an officer (`XのY社長は…発表した`), the maker is their
    organisation X."""
    c = cands[k]
    maker = k
    if c.titles and k > 0 and cands[k - 1].j + 1 == c.i and tokens[cands[k - 1].j].surface == "の":
        maker = k - 1
    hints = []
    if last_verb < c.j:
        return []
    for m in range(k + 1, len(cands)):
        j = cands[m].j
        while j < len(tokens) and (tokens[j].surface in vocab.after_name or tokens[j].surface in vocab.trailing_cues):
            j += 1
        if j + 1 < len(tokens) and tokens[j].surface == "を":
            for verb_at in range(j + 1, min(len(tokens), j + 8)):  # を2026年1月に発売する
                if starts_with_word(tokens, verb_at, vocab.develop_verbs, 2):
                    hints.append(RelationHint(m, "developed_by", maker))
                    break
                if tokens[verb_at].surface in ("、", "。", "を", "が", "は"):
                    break
        elif not _owned(tokens, cands[m]) and last_verb >= j:
            hints.append(RelationHint(m, "developed_by", maker))  # Xは5日、EV「Y」の受注を始めると発表した
    return hints


def _owned(tokens: list[Token], c: Candidate) -> bool:
    """Is the name written as someone's (`テスラの「モデルY」`, `テスラのモデルY`)?"""
    k = c.i - 1
    if k >= 0 and tokens[k].surface == "「":
        k -= 1
    return k >= 0 and tokens[k].surface == "の"


def _investment(tokens: list[Token], cands: list[Candidate], k: int, vocab: Vocab) -> list[RelationHint]:
    """`XがYに出資した`, `XはYに…を投資する`: the first name marked に after the topic."""
    c = cands[k]
    if c.j >= len(tokens) or tokens[c.j].surface not in ("が", "は"):
        return []
    for m in range(k + 1, len(cands)):
        after = cands[m].j
        if after < len(tokens) and tokens[after].surface in ("に", "へ"):
            rest = tokens[after + 1 : after + 12]
            return [RelationHint(k, "invested_in", m)] if any(t.surface in vocab.invest_verbs for t in rest) else []
    return []


def _verb_then_bridge(words: list[str], verbs: frozenset[str], bridge: frozenset[str]) -> bool:
    """`開発 し た 最新 モデル 「` — a verb of the set, its inflection, then bridge words."""
    if not words or not any(words[0].startswith(v) for v in verbs):
        return False
    rest = words[1:]
    while rest and rest[0] in ("し", "た", "する", "て", "いる", "さ", "れ", "出し"):
        rest = rest[1:]
    return all(w in bridge for w in rest)


def claim_hints(tokens: list[Token], cands: list[Candidate], quantities: list[Quantity], text: str, base: int, vocab: Vocab) -> list[ClaimHint]:
    """Each amount with its property (the nearest property word) and likely subjects (the topic first)."""
    hints = []
    for q in quantities:
        prop = _nearest_property(text, q.start - base, q.end - base, q.unit, vocab)
        before = [k for k, c in enumerate(cands) if c.end <= q.start]
        if not prop:
            continue  # no subject in the sentence is fine: the link stage looks at the context

        def rank(k: int) -> tuple[int, int]:
            after = cands[k].after
            marker = tokens[after].surface if after < len(tokens) else ""
            return (0 if marker in TOPIC else 1 if marker == "が" else 2, -cands[k].start)

        hints.append(ClaimHint(tuple(sorted(before, key=rank)), prop, q))
    return hints


def _nearest_property(text: str, start: int, end: int, unit: str, vocab: Vocab) -> str:
    """The property an amount measures: the nearest property word (within 20 characters).
    A percentage is a share-price move when a word of rising or falling follows it, and
    nothing else (17%増 of a profit is a growth rate, not the profit)."""
    tail = text[end : end + 6]
    if unit == "%":
        return "share_price_change" if any(w in tail for w in vocab.price_moves) else ""
    best = None
    for prop, words in vocab.properties.items():
        for word in words:
            pos = text.find(word)
            while pos >= 0:
                distance = start - (pos + len(word)) if pos < start else pos - end
                if distance >= 0 and distance <= 20 and (best is None or (distance, -len(word)) < best[0]):
                    best = ((distance, -len(word)), prop)
                pos = text.find(word, pos + 1)
    prop = best[1] if best else ""
    if prop == "market_value" and any(w in text[end : end + 10] for w in vocab.losses):
        return "market_value_lost"  # 時価総額は…1,500億ドル減少した
    return prop


def event_hint(tokens: list[Token], cands: list[Candidate], dates: list[DateRef], text: str, base: int, vocab: Vocab) -> EventHint | None:
    """A dated sentence with a trigger word is an event; `Xショック` names it.

    Announcing words (発表, 公開) are the weakest trigger: `…に出資すると発表した` is an
    investment. The event's date is the day set after the topic (`Xは18日、`), else the
    date written closest before its trigger.
    """
    if not dates or not cands:
        return None
    found = []
    for kind, words in vocab.events.items():
        for word in words:
            pos = text.find(word)
            if pos >= 0:
                found.append((word in vocab.announce_words, pos, kind, word))
    if not found:
        return None
    _, pos, kind, word = min(found)
    at = base + pos
    before = [d for d in dates if d.start < at]
    lead = [d for d in dates if text[d.start - base - 1 : d.start - base] == "は" and text[d.end - base : d.end - base + 1] in "、,"]
    if lead:
        date = lead[0]  # Xは18日、…と発表した: the news happened on the day after the topic
    else:
        date = max(before, key=lambda d: d.start) if before else min(dates, key=lambda d: d.start)
    name = ""
    for c in cands:
        event_word, _ = match_word(tokens, c.j, vocab.event_names, 1)
        if event_word:
            name = c.text + event_word
            break
    return EventHint(kind, word, date, name)
