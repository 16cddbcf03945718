"""Sentence patterns that relate names to each other, to amounts and to dates.

They only propose: `RelationHint` says "if X is a model and Y a company, X was
developed by Y"; the link stage checks the types once every article is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from builder.analyze.candidate import Candidate
from builder.analyze.cues import (
    CLAUSE_ENDS,
    INFLECTION,
    deal_state,
    deal_word,
    holder_before,
    is_minister,
    relates_holder,
    skip_parenthesis,
    starts_with_word,
    title_chain,
)
from builder.analyze.tokens import Token, match_word
from builder.analyze.vocab import Vocab
from builder.files.datafiles import load_data
from builder.model import DateRef, Quantity
from builder.read.textnorm import fold_width

# Which types a hint's subject and object must have, by predicate.
PREDICATE_TYPES = {
    "developed_by": ({"model"}, {"company", "organization"}),
    "parent_of": ({"company", "organization"}, {"company", "organization"}),
    "invested_in": ({"company", "organization", "person"}, {"company", "organization", "project"}),
    "founder_of": ({"person"}, {"company", "organization"}),
    "leads": ({"company", "organization", "person"}, {"project"}),
    "located_in": ({"company", "organization"}, {"place"}),
    "place_within": ({"place"}, {"place"}),  # published as located_in
    "governor_of": ({"person"}, {"place", "organization"}),
    "mayor_of": ({"person"}, {"place", "organization"}),
    "minister_of": ({"person"}, {"place", "organization"}),
    "acquired": ({"company", "organization"}, {"company", "organization"}),
    "merged": ({"company", "organization"}, {"company", "organization"}),
    "merger_talks": ({"company", "organization"}, {"company", "organization"}),
    "partners_with": ({"company", "organization"}, {"company", "organization"}),
    "supplies": ({"company", "organization"}, {"company", "organization"}),
}
SYMMETRIC = {"merged", "merger_talks", "partners_with"}  # XとYが経営統合 is YとXが経営統合
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
class ClaimAmount(Quantity):
    """An amount as its claim reads it: `basis` is `actual`, `forecast` or `plan` as its clause
    gives it ("" when the clause does not say), `period` the fiscal period written for it
    (2025年3月期, 4〜6月期, 通期; "" when none is). They ride on the amount because the
    analyzer hands a hint's amount on as it is."""

    basis: str = ""
    period: str = ""


@dataclass(frozen=True)
class ClaimHint:
    subjects: tuple[int, ...]  # candidate indices, most likely subject first
    property: str
    quantity: ClaimAmount


@dataclass(frozen=True)
class EventHint:
    type: str
    trigger: str
    date: DateRef
    name: str


def person_relations(tokens: list[Token], cands: list[Candidate], vocab: Vocab) -> tuple[list[RelationHint], dict[int, list[str]]]:
    """Relations and titles of people, in every order news writes them: `OrgのPerson CEO`,
    `Org・Person社長`, `Person・Org社長` and `Person熊本県知事` (`holder_before`), `Org社長の
    Person氏`, `Org代表取締役社長のPerson`, `OrgのCEOであるPerson`."""
    ends = {c.j: k for k, c in enumerate(cands)}
    starts = {c.i: k for k, c in enumerate(cands)}
    by_end = {c.j: c for c in cands}
    hints, titles = [], {}
    for k, c in enumerate(cands):
        held = []  # (the person, their titles, the organisation or place named with them, where it would be written)
        if c.titles:
            holder = holder_before(tokens, c, by_end)
            if holder:
                held.append((ends[holder.j], c.titles, k, None))
            else:
                org = ends.get(c.i - 1) if c.i >= 1 and tokens[c.i - 1].surface in ("の", "・") else None
                held.append((k, c.titles, org, c.i - 1 if c.i >= 1 and tokens[c.i - 1].surface == "の" else None))
        if c.title_before:
            held.append((k, c.title_before, ends.get(c.org_end), c.org_end))
        taken = _title_taken(tokens, cands, k, starts, vocab)
        if taken:
            held.append((k, *taken, None))
        for person, chain, org, org_end in held:
            titles[person] = titles.get(person, []) + chain
            if org is not None or _no_organisation_written(tokens, org_end, vocab):
                hints += _title_relations(person, chain, org, vocab)
    return hints, titles


def _no_organisation_written(tokens: list[Token], org_end: int | None, vocab: Vocab) -> bool:
    """`高森社長は`, `同社の高森社長は`, `同社社長の高森氏`: no organisation is written with a title
    (`org_end`: the token after where it would be, or None), so it is the company in context. In
    `北辰ロボの高森社長` one is, only not read as a name: the company in context would be a guess."""
    if org_end is None or org_end == 0:
        return True
    before = tokens[org_end - 1].surface
    return before in vocab.same_company_words or before in CLAUSE_ENDS


def _title_taken(tokens: list[Token], cands: list[Candidate], k: int, starts: dict[int, int], vocab: Vocab
                 ) -> tuple[list[str], int | None] | None:
    """`豊田章男が社長を務め`, `Xは翔洋自動車の会長に就任した`: a title held or taken after the
    name, and the organisation named with it (or None)."""
    j = skip_parenthesis(tokens, cands[k].j)
    if j >= len(tokens) or tokens[j].surface not in ("は", "が"):
        return None
    j += 1
    org = starts.get(j)
    if org is not None and cands[org].j < len(tokens) and tokens[cands[org].j].surface == "の":
        j = cands[org].j + 1
    else:
        org = None
    chain, end = title_chain(tokens, j, vocab)
    if not chain or not all(relates_holder(t, vocab) for t in chain) or end + 1 >= len(tokens):
        return None
    if tokens[end].surface in ("を", "に") and tokens[end + 1].surface.startswith(tuple(vocab.office_verbs)):
        return chain, org
    return None


def _title_relations(person: int, chain: list[str], org: int | None, vocab: Vocab) -> list[RelationHint]:
    """What each title says: 社長 → president_of the organisation, 知事 → governor_of the place,
    財務相 → minister_of the country. A title qualifying the next (代表取締役社長) says nothing of
    its own. With nothing named, an officer is of the company in context (CONTEXT); an office
    over a place or a ministry is of nothing: the company in context is not a prefecture."""
    hints = []
    for n, title in enumerate(chain):
        if title in vocab.title_modifiers and n + 1 < len(chain) and chain[n + 1] in vocab.titles:
            continue
        predicate = vocab.titles.get(title) or vocab.place_offices.get(title) or ("minister_of" if is_minister(title, vocab) else "")
        if not predicate or org == person or (org is None and title not in vocab.titles):
            continue
        hints.append(RelationHint(person, predicate, CONTEXT if org is None else org))
    return hints


def thing_relations(tokens: list[Token], cands: list[Candidate], vocab: Vocab) -> list[RelationHint]:
    """Relations between things: makers and products, corporate family, founders,
    investments, head offices and places (see `_pair` for the patterns), and the deals
    between companies (`deal_relations`)."""
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
        hints += _becomes_child(tokens, cands, k, vocab) + _child_of_topic(tokens, cands, k, vocab)
    return hints + deal_relations(tokens, cands, vocab)


def _child_of_topic(tokens: list[Token], cands: list[Candidate], k: int, vocab: Vocab) -> list[RelationHint]:
    """`Xは物流子会社のYを吸収合併する`, `Xは傘下のYを通じて`: a subsidiary named with no parent
    written before its word is the topic's (`X子会社のY`, `Zの子会社のY` are `_pair`'s)."""
    c = cands[k]
    if c.i < 2 or tokens[c.i - 1].surface != "の":
        return []
    for width in (1, 2, 3):
        start = c.i - 1 - width
        if start >= 0 and "".join(t.surface for t in tokens[start : c.i - 1]) in vocab.child_words:
            if start >= 1 and (tokens[start - 1].surface == "の" or any(x.j == start for x in cands)):
                return []
            parent = _topic_before(tokens, cands, start, vocab)
            return _deal(parent, "parent_of", k) if parent is not None else []
    return []


BECOMING = {"と", "に", "だ", "で", "である", "。"}  # 子会社となる, 傘下に入る, 子会社だ, 子会社である


def _becomes_child(tokens: list[Token], cands: list[Candidate], k: int, vocab: Vocab) -> list[RelationHint]:
    """`YはXの完全子会社となる`, `Yは上場を廃止し、Xの傘下に入る`: X is the parent of the topic."""
    c = cands[k]
    if c.j + 2 >= len(tokens) or tokens[c.j].surface != "の":
        return []
    word, width = match_word(tokens, c.j + 1, vocab.child_words, 3)  # 完全+子+会社
    after = c.j + 1 + width
    if not word or after >= len(tokens) or tokens[after].surface not in BECOMING or (after in {x.i for x in cands}):
        return []
    child = _topic_before(tokens, cands, c.i, vocab)
    return _deal(k, "parent_of", child) if child is not None else []


CASE_MARKS = {"は", "が", "を", "も", "に", "で", "と", "から", "へ"} | CLAUSE_ENDS
PARTNER_REACH = 9  # tokens from a partner's と to the deal word
TALKS = {"merged": "merger_talks"}  # a merger talked about is news of its own; other deals talked about are not deals
# A deal whose actor is the company in context (同社はYを買収, or no actor written) is proposed
# from its other side, whose mention is in the sentence, under the inverse predicate; the link
# stage turns it round (`INVERSE_OF`).
INVERSES = {"acquired": "acquired_by", "parent_of": "child_of", "supplies": "supplied_by"}
INVERSE_OF = {inverse: predicate for predicate, inverse in INVERSES.items()}


def deal_relations(tokens: list[Token], cands: list[Candidate], vocab: Vocab) -> list[RelationHint]:
    """Deals between companies: acquisitions and subsidiaries (`deals` in cues.yaml: one side acts
    on the other), mergers and partnerships (`joint_deals`: both together), and supply. Each is
    found from its word (買収, 経営統合, 調達) outwards; a deal talked about but not done gives
    `merger_talks` for a merger and nothing for the others (`cues.deal_state`)."""
    if not cands:
        return []
    ends = {c.j: k for k, c in enumerate(cands)}
    starts = {c.i: k for k, c in enumerate(cands)}
    hints: list[RelationHint] = []
    openers = vocab.deal_words.prefixes
    v = 0
    while v < len(tokens):
        found = deal_word(tokens, v, vocab) if tokens[v].surface in openers else None
        if not found:
            v += 1
            continue
        kind, predicate, width = found
        state = deal_state(tokens, v + width, vocab)
        if state == "done" and kind == "deal":
            hints += _directed_deal(tokens, cands, ends, starts, v, width, predicate, vocab)
        elif kind == "joint" and (state == "done" or (state == "talks" and predicate in TALKS)):
            hints += _joint_deal(tokens, cands, ends, v, predicate if state == "done" else TALKS[predicate], vocab)
        elif state == "done" and kind.startswith("supply"):
            hints += _supply(tokens, cands, ends, v, kind, vocab)
        v += width
    return hints


def _name_before(tokens: list[Token], ends: dict[int, int], at: int) -> int | None:
    """The name ending right before token `at` (a closing 」 skipped), or None."""
    if at >= 1 and tokens[at - 1].surface in ("」", "』"):
        at -= 1
    return ends.get(at)


def _side_before(tokens: list[Token], ends: dict[int, int], at: int, vocab: Vocab) -> int | None:
    """The side of a deal written right before token `at`: a name, or 同社 (CONTEXT), or None."""
    found = _name_before(tokens, ends, at)
    if found is None and at >= 1 and tokens[at - 1].surface in vocab.same_company_words:
        return CONTEXT
    return found


def _topic_before(tokens: list[Token], cands: list[Candidate], at: int, vocab: Vocab) -> int | None:
    """The actor of a clause: the nearest name marked は, が or も before token `at` (an officer
    stands for their organisation: XのY社長は…を買収すると述べた, and Y社長は… for the company in
    context); CONTEXT when the actor is 同社, or when none is written (2027年からYを買収する); else None."""
    for m in range(len(cands) - 1, -1, -1):
        c = cands[m]
        mark = c.title_end if c.titles else c.after
        if mark < at and tokens[mark].surface in ("は", "が", "も"):
            if c.titles and any(t in vocab.titles for t in c.titles):
                return m - 1 if m > 0 and cands[m - 1].j + 1 == c.i and tokens[cands[m - 1].j].surface == "の" else CONTEXT
            return m
    marked = [n for n in range(1, min(at, len(tokens))) if tokens[n].surface in ("は", "が")]
    if not marked or any(tokens[n - 1].surface in vocab.same_company_words for n in marked):
        return CONTEXT
    return None


def _deal(actor: int, predicate: str, target: int) -> list[RelationHint]:
    """The hint for `actor predicate target`; from the target when the actor is CONTEXT."""
    if actor == target:
        return []
    if actor == CONTEXT:
        return [RelationHint(target, INVERSES.get(predicate, predicate), CONTEXT)] if target != CONTEXT else []
    return [RelationHint(actor, predicate, target)]


def _start_of(cands: list[Candidate], side: int, fallback: int) -> int:
    """Where a side of a deal is written: its name's first token, or for 同社 (CONTEXT) `fallback`."""
    return fallback if side == CONTEXT else cands[side].i


def _name_after_clause(tokens: list[Token], starts: dict[int, int], at: int) -> int | None:
    """`…を買収した（米）X`: the name a relative clause ending at token `at` describes, or None."""
    while at < len(tokens) and tokens[at].surface in INFLECTION:
        at += 1
    for step in range(4):
        if at + step in starts:
            return starts[at + step]
        t = tokens[at + step] if at + step < len(tokens) else None
        if not t or t.pos1 not in ("名詞", "接頭辞") or t.surface in CASE_MARKS:
            return None
    return None


def _directed_deal(tokens: list[Token], cands: list[Candidate], ends: dict[int, int], starts: dict[int, int],
                   v: int, width: int, predicate: str, vocab: Vocab) -> list[RelationHint]:
    """`XがYを買収`, `XはYを約1000億円で買収`, `XはYの買収を発表`, `XによるYの買収`,
    `Yを買収したX`, `Xが同社を買収`, and the passive `YはXに買収された`, `Xに買収されたY`."""
    after = v + width
    if after + 1 < len(tokens) and tokens[after].surface == "さ" and tokens[after + 1].surface.startswith("れ"):
        actor = _name_before(tokens, ends, v - 1) if v >= 1 and tokens[v - 1].surface == "に" else None
        if actor is None:
            return []
        target = _name_after_clause(tokens, starts, after)
        if target is None:
            target = _topic_before(tokens, cands, cands[actor].i, vocab)
        return _deal(actor, predicate, target) if target is not None else []
    target = None
    if v >= 1 and tokens[v - 1].surface == "の":
        target = _side_before(tokens, ends, v - 1, vocab)  # Yの買収
        at = v - 1
    else:
        at = v - 1  # Yを(約1000億円で)買収
        while at >= 0 and at > v - 9 and tokens[at].surface != "を" and tokens[at].surface not in CASE_MARKS - {"で", "に"}:
            at -= 1
        if at >= 0 and tokens[at].surface == "を":
            target = _side_before(tokens, ends, at, vocab)
    if target is None:
        return []
    begin = _start_of(cands, target, at - 1)
    actor = None
    if begin >= 2 and tokens[begin - 1].surface == "よる" and tokens[begin - 2].surface == "に":
        actor = _name_before(tokens, ends, begin - 2)  # XによるYの買収
    if actor is None:
        actor = _name_after_clause(tokens, starts, after)  # Yを買収したX
    if actor is None:
        actor = _topic_before(tokens, cands, begin, vocab)
    return _deal(actor, predicate, target) if actor is not None else []


def _joint_deal(tokens: list[Token], cands: list[Candidate], ends: dict[int, int], v: int, predicate: str, vocab: Vocab) -> list[RelationHint]:
    """`XはYと資本業務提携`, `XがYとの経営統合で合意`, `Xは同社と提携`: the partner marked と
    shortly before the deal word (Yと包括的な業務提携, Yと先端パッケージングの分野で提携), with the topic; else
    `XとYが経営統合`, `X、YとZの3社は合併`: the names listed as the topic of the clause."""
    for back in range(v - 1, max(-1, v - PARTNER_REACH), -1):
        t = tokens[back]
        if t.surface in ("と", "との"):
            partner = _side_before(tokens, ends, back, vocab)
            if partner is None:
                break
            actor = _topic_before(tokens, cands, _start_of(cands, partner, back - 1), vocab)
            return _deal(actor, predicate, partner) if actor is not None else []
        if t.surface in CASE_MARKS - {"で", "に"}:
            break
    last = None
    for m in range(len(cands) - 1, -1, -1):
        c = cands[m]
        if c.j > v:
            continue
        if _joint_topic(tokens, c):
            last = m
            break
        if any(tok.surface in CLAUSE_ENDS - {"、"} for tok in tokens[c.j : v]):
            break
    if last is None or cands[last].i == 0 or tokens[cands[last].i - 1].surface != "と":
        return []
    members = [last]
    while members[0] > 0:
        prev = cands[members[0] - 1]
        if prev.j + 1 != cands[members[0]].i or tokens[prev.j].surface not in ("と", "、"):
            break
        members.insert(0, members[0] - 1)
    return [RelationHint(a, predicate, b) for n, a in enumerate(members) for b in members[n + 1 :]]


def _joint_topic(tokens: list[Token], c: Candidate) -> bool:
    """Is the name the last of the clause's topic: `Yは`, `Yが`, `Yの両社は`, `Yの3社が`?"""
    j = c.j
    if j < len(tokens) and tokens[j].surface == "の":
        j += 1
    if j < len(tokens) and tokens[j].surface == "両社":
        j += 1
    elif j + 1 < len(tokens) and tokens[j].pos2 == "数詞" and tokens[j + 1].surface == "社":
        j += 2
    return j < len(tokens) and tokens[j].surface in ("は", "が", "も")


def _supply(tokens: list[Token], cands: list[Candidate], ends: dict[int, int], v: int, kind: str, vocab: Vocab) -> list[RelationHint]:
    """`XがYからZを調達` (Y supplies X), `YがXから受注` (Y supplies X), `YがXにZを供給`,
    `YはX向けにZを納入` (Y supplies X): the other side is the name marked から (or に, へ,
    向け) before the verb in its clause, the topic is the buyer or the supplier. Money is not
    supplied: `XがYから資金を調達` is no supply."""
    marks = ("から",) if kind != "supply_to" else ("に", "へ", "向け")
    for back in range(v - 1, max(-1, v - 10), -1):
        t = tokens[back]
        if t.surface in CLAUSE_ENDS or t.surface in ("は", "が"):
            return []
        if t.surface not in marks:
            continue
        at = back - 1 if t.surface in ("に", "へ") and back >= 1 and tokens[back - 1].surface == "向け" else back
        other = _side_before(tokens, ends, at, vocab)
        if other is None:
            continue
        if any(w.surface in vocab.supply_not for w in tokens[back + 1 : v]):
            return []
        topic = _topic_before(tokens, cands, _start_of(cands, other, at - 1), vocab)
        if topic is None:
            return []
        return _deal(other, "supplies", topic) if kind == "supply_from" else _deal(topic, "supplies", other)
    return []


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
    """Each amount that is the level of a property (`_governing_property`), read in its clause:
    a result, a forecast or a plan (`_basis`), its fiscal period (`_period`), its likely
    subjects (`_claim_subjects`). An amount that is a change (450億円減), where a change
    started (0.75%から), someone else's estimate (市場予想の), a replaced figure (従来予想の)
    or a move of the yen (1円の円高) is no claim: no claim is better than a false one."""
    if not quantities:
        return []
    r = _claim_reading()
    folded = fold_width(text)
    parens = _parentheses(folded)
    moves = [q for q in quantities if q.unit == "JPY" and _starts_with(folded, q.end - base, r.fx_moves)]
    hints = []
    previous = (-1, "", "")  # where the last amount with a property ends, its property and unit
    for q in quantities:
        s, e = q.start - base, q.end - base
        if q in moves or (s >= 2 and folded[s - 1] in "〜~-" and folded[s - 2].isdigit()):
            continue  # a move of the yen; the end of a range (2〜3%上げた), which is no one's figure
        paren = next(((lo, hi) for lo, hi in parens if lo <= s and e <= hi), None)
        prop, word_at, loss = _governing_property(folded, s, e, q.unit, vocab, r, paren)
        if not prop and paren and paren[0] - 1 == previous[0] and (q.unit == "%") == (previous[2] == "%"):
            prop = previous[1]  # 純利益は800億円（前期は610億円）, 20億ドル（約3千億円）を投じる: the same property
        if not prop or (loss and s - word_at - len(loss) > LOSS_GAP):
            continue
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
        basis = _basis(folded, tokens, base, s, e, lo, hi, parens, r)
        if basis is None:
            continue
        start, end, number, written = q.start, q.end, q.number, q.text
        if deficit:  # 営業損益は100億円の赤字: a loss of 100億円
            number, written, end = -number, text[s : e + len(deficit)], end + len(deficit)
        elif loss:  # 営業損失188億円: the same, written before it
            number, written, start = -number, text[word_at:e], base + word_at
        period = _period(folded, s, parens, r)
        amount = ClaimAmount(start, end, written, number, q.unit, q.qualifier, basis, period)
        hints.append(ClaimHint(_claim_subjects(tokens, cands, q, folded, base, word_at, r), prop, amount))
    return hints


@dataclass(frozen=True)
class _ClaimReading:
    """cues.yaml's `claim_reading`, ready to match against width-folded text."""

    percent_properties: frozenset[str]
    profit_properties: frozenset[str]
    period_properties: frozenset[str]
    cues: re.Pattern  # every word that says what a figure is, longest first
    cue_kinds: dict[str, str]  # word → actual, forecast, plan, revision or not_own (a replaced forecast is a forecast)
    disowning: frozenset[str]  # not_own and replaced words: just before an amount, no claim
    from_words: tuple[str, ...]
    change_words: tuple[str, ...]
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


# A period written with a year or months: 2025年3月期, 25年3月期, 2025年4〜12月期, 4〜6月期, 2025年度,
# 第1四半期 (matched on width-folded text: ～ is ~ there).
_YEAR = r"(?<!\d)(?:\d{4}|\d{2})年"
_DATED_PERIOD = rf"{_YEAR}\d{{1,2}}月期|(?:{_YEAR})?(?<!\d)\d{{1,2}}[〜~\-－ー]\d{{1,2}}月期|{_YEAR}度|第[1-4一二三四]四半期(?:累計)?"
_KANJI_DIGITS = str.maketrans("一二三四", "1234")
_QUARTER = re.compile("第([一二三四])")
_RANGE = re.compile(r"[〜~\-－ー]")
_SHORT_YEAR = re.compile(r"(?<!\d)(\d{2})年")
# What may stand between an amount and the property word after it: 約120億円を出資, 42億ドルで買収,
# 約2000億円で同業を買収, 10億ドルの資金調達, 379万円からという価格, 4400億円もの時価総額.
_ATTACHED = re.compile(r"(?:規模|相当|程度)?(?:から)?(?:という|もの|の|を|で(?:[^、。\d]{1,12}を)?)?")
PROPERTY_REACH = 20  # characters between a property word and the amount it governs, at most
LOSS_GAP = 2  # characters between a loss and its amount (営業損失は188億円), at most: the claim's value spans both
NOT_OWN_REACH = 10  # characters between 市場予想 (従来予想, …) and the amount it disowns, at most
POSSESSOR_GAP = 16  # characters between a name and its property word in `Xの2025年3月期の営業利益`, at most


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
        period_properties=frozenset(d["period_properties"]),
        cues=re.compile("|".join(re.escape(w) for w in sorted(kinds, key=len, reverse=True))), cue_kinds=kinds,
        disowning=frozenset(map(str, d["not_own"] + d["replaced_forecasts"] + d["replaced_plans"])),
        from_words=tuple(d["from_words"]), change_words=tuple(d["change_words"]), summaries=tuple(d["summaries"]),
        deficits=tuple(sorted(d["deficits"], key=len, reverse=True)), losses=dict(d["losses"]),
        not_a_level=tuple(map(str, d["not_a_level"])),
        not_property=tuple(d["not_property"]), fx_moves=tuple(d["fx_moves"]), fx_other_currencies=tuple(d["fx_other_currencies"]),
        reporters=tuple(d["reporters"]), clause_breaks=tuple(d["clause_breaks"]), contrast_breaks=tuple(d["contrast_breaks"]),
        periods=re.compile("|".join([_DATED_PERIOD, *map(re.escape, words)])), compared_with=tuple(d["compared_with"]),
    )


def _starts_with(text: str, at: int, words: tuple[str, ...]) -> bool:
    return any(text.startswith(w, at) for w in words)


def _changed_from(after: str, e: int, quantities: list[Quantity], base: int, r: _ClaimReading) -> bool:
    """Is the amount ending at `e` where a change started: a from-word, then another amount
    (0.75%から1%に, 645億円→755億円)? A from-word alone is where a range starts (12万9,800円から)."""
    word = next((w for w in r.from_words if after.startswith(w)), None)
    return word is not None and any(0 <= other.start - base - e - len(word) <= 2 for other in quantities)


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


def _period(text: str, s: int, parens: list[tuple[int, int]], r: _ClaimReading) -> str:
    """The fiscal period written nearest before the amount at `s`, within its parenthesis or
    up to a contrast (…期予想を据え置いたが、純利益は… is not that period's)."""
    lo = _clause_start(text, s, r.contrast_breaks)
    for p_lo, p_hi in parens:
        if p_lo <= s <= p_hi:
            lo = max(lo, p_lo)
    return _last_period(text, lo, s, [p for p in parens if not p[0] <= s <= p[1]], r)[0]


def period_in_context(prop: str, text: str, lo: int, hi: int) -> tuple[str, str]:
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
    period, end = _last_period(folded, 0, hi - lo, [], r)
    stop = folded.find("。", end)
    cue = next((r.cue_kinds[m.group()] for m in r.cues.finditer(folded, end, stop if stop >= 0 else len(folded))
                if r.cue_kinds[m.group()] in ("actual", "forecast", "plan")), "") if period else ""
    return period, cue


def _last_period(text: str, lo: int, hi: int, skip: list[tuple[int, int]], r: _ClaimReading) -> tuple[str, int]:
    """The last period written in text[lo:hi] outside the parentheses `skip`, normalised so that
    two articles write it alike: 25年3月期 → 2025年3月期, 4～6月期 → 4〜6月期, 2026年3月期の
    第1四半期 → 2026年3月期第1四半期, 2026年3月期通期 → 2026年3月期. A period followed by 比
    or から (前年同期比) is what the figure is compared with, not its own. ("", -1) if none is;
    else the period and where it ends."""
    groups: list[list] = []  # runs of periods written together, [start, end, [parts]]
    for m in r.periods.finditer(text, lo, hi):
        if _starts_with(text, m.end(), r.compared_with) or any(a <= m.start() < b for a, b in skip):
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
    written = _QUARTER.sub(lambda m: "第" + m.group(1).translate(_KANJI_DIGITS), "".join(parts))
    return _SHORT_YEAR.sub(r"20\1年", _RANGE.sub("〜", written)), groups[-1][1]


def _claim_subjects(tokens: list[Token], cands: list[Candidate], q: Quantity, text: str, base: int,
                    word_at: int | None, r: _ClaimReading) -> tuple[int, ...]:
    """The names before the amount, most likely subject first: the one whose property word it is
    (ミラ2の利用者, X社の2025年3月期の売上高), a name marked が with no verb between it and the amount
    (the subject of its clause: …はX社が100億円を調達すると報じた), the topic, then the nearest.
    A name that reports or estimates the figure (Xによると, Xの試算) is none of them."""
    at = next((i for i, t in enumerate(tokens) if t.start >= q.start), len(tokens))

    def marker_at(c: Candidate) -> int:
        return tokens[c.after].start - base if c.after < len(tokens) else c.end - base

    def rank(k: int) -> tuple[int, int]:
        c = cands[k]
        marker = tokens[c.after].surface if c.after < len(tokens) else ""
        gap = text[c.end - base : word_at].lstrip("」』)") if word_at is not None and c.end - base <= word_at else None
        if gap is not None and (gap == "" or (gap.startswith("の") and len(gap) <= POSSESSOR_GAP and not any(ch in gap for ch in "、はがを"))):
            tier = 0
        elif marker == "が" and not any(t.pos1 == "動詞" for t in tokens[c.after + 1 : at]):
            tier = 1
        elif marker in TOPIC:
            tier = 2
        else:
            tier = 3 if marker == "が" else 4
        return tier, -c.start

    before = [k for k, c in enumerate(cands) if c.end <= q.start and not _starts_with(text, marker_at(c), r.reporters)]
    return tuple(sorted(before, key=rank))


def event_hint(tokens: list[Token], cands: list[Candidate], dates: list[DateRef], text: str, base: int, vocab: Vocab) -> EventHint | None:
    """A dated sentence with a trigger word is an event; `Xショック` names it.

    Announcing and deciding words (発表, 公開, 決定, 引き上げ) are the weakest triggers:
    `…に出資すると発表した` is an investment, `政策金利を…引き上げることを決めた` a policy. The
    event's date is the day set after the topic (`Xは18日、`), else the date written closest
    before its trigger. A point of comparison (`2008年10月以来`) dates nothing, and a market event
    is a day's move: dated by a month (`19日発表した4月の平均価格は12%上昇した`) it is a monthly
    figure, not an event.
    """
    dates = [d for d in dates if not d.reference]
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
    if kind == "market" and date.iso.count("-") < 2:
        return None  # 19日発表した4月の平均価格は…上昇した: the figure of a month
    name = ""
    for c in cands:
        event_word, _ = match_word(tokens, c.j, vocab.event_names, 1)
        if event_word:
            name = c.text + event_word
            break
    return EventHint(kind, word, date, name)
