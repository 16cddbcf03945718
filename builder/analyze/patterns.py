"""Sentence patterns that relate names to each other, to amounts and to dates.

They only propose: `RelationHint` says "if X is a model and Y a company, X was
developed by Y"; the link stage checks the types once every article is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from builder.analyze.candidate import Candidate
from builder.analyze.clauses import NON_PAST, Clauses
from builder.analyze.cues import (
    CLAUSE_ENDS,
    INFLECTION,
    ORG_TYPES,
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
TOPIC = {"は", "も"}
FOUNDING_GLUE = {"し", "た", "する", "の", "、", "である", "で", "ある", ""}


HOLDING = "務め"  # the office verb that says a title is held now (社長を務める)
CONTEXT = -1  # "the company in context": 同社の…社長, or a title with no organisation written


@dataclass(frozen=True)
class RelationHint:
    subject: int  # candidate index in the sentence
    predicate: str
    object: int  # candidate index, or CONTEXT


def person_relations(tokens: list[Token], cands: list[Candidate], vocab: Vocab, clauses: Clauses | None = None
                     ) -> tuple[list[RelationHint], dict[int, list[str]]]:
    """Relations and titles of people, in every order news writes them: `OrgのPerson CEO`,
    `Org・Person社長`, `Person・Org社長` and `Person熊本県知事` (`holder_before`), `Org社長の
    Person氏`, `Org代表取締役社長のPerson`, `OrgのCEOであるPerson`, and titles taken or held
    (`PersonはOrgの会長に就任した`: `_titles_taken`, from the sentence's `clauses`)."""
    ends = {c.j: k for k, c in enumerate(cands)}
    starts = {c.i: k for k, c in enumerate(cands)}
    by_end = {c.j: c for c in cands}
    hints, titles = [], {}
    taken = _titles_taken(tokens, cands, clauses, vocab)
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
        if k in taken:
            held.append((k, *taken[k]))
        for person, chain, org, org_end in held:
            titles[person] = titles.get(person, []) + chain
            if org is not None and cands[org].i > 0 and tokens[cands[org].i - 1].surface in vocab.former_prefixes:
                continue  # 元浜松市長の鈴木康友氏: a title they held, not one they hold
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


def _titles_taken(tokens: list[Token], cands: list[Candidate], c: Clauses | None, vocab: Vocab
                  ) -> dict[int, tuple[list[str], int | None, int | None]]:
    """`豊田章男が社長を務め`, `Xは翔洋自動車の会長に就任した`, `X・Y社長は西友会長に就任し`: titles
    taken or held, from the clause structure — a chunk ending in に or を that an office verb
    (就任, 務め) takes, and the person its subject names. By person candidate: the titles, the
    organisation written with them (西友会長, 翔洋自動車の会長) or None, and the token after
    where it would be written (for `_no_organisation_written`: 同社の取締役副会長に). A clause
    describing a noun holds its title there (豊田章男が社長を務めるトヨタ自動車), never in context.
    A title still to be taken (6月に会長に就任する) is not held."""
    offices = [n for n, t in enumerate(tokens[:-1])
               if t.surface in ("を", "に") and tokens[n + 1].surface.startswith(tuple(vocab.office_verbs))]
    if c is None or not offices:  # most sentences take no office: nothing more to read
        return {}
    by_chunk: dict[int, list[int]] = {}
    for k, cand in enumerate(cands):
        by_chunk.setdefault(c.at(cand.end - 1), []).append(k)
    taken = {}
    for n in offices:
        chunk = c.at(tokens[n].start)
        first = next(i for i in range(n, -1, -1) if i == 0 or c.at(tokens[i - 1].start) != chunk)
        for j in range(first, n):  # where the titles start: after the organisation, if one is written
            chain, end = title_chain(tokens, j, vocab)
            if chain and end == n and all(relates_holder(w, vocab) for w in chain):
                break
        else:
            continue
        org = next((k for k, cand in enumerate(cands) if cand.j == j and cand.i >= first), None)  # 西友会長に
        org_end = j if org is None and j > first else None
        if org is None and j == first and first > 0 and tokens[first - 1].surface == "の":  # 翔洋自動車の / 同社の 会長に
            owner = c.at(tokens[first - 1].start)
            org = next((k for k in reversed(by_chunk.get(owner, [])) if cands[k].j == first - 1), None)
            org_end = first - 1 if org is None else None
        verb = c.at(tokens[n + 1].start)
        if c.roles[verb] == NON_PAST and not tokens[n + 1].surface.startswith(HOLDING):
            continue  # 6月に会長に就任する: a title to come, not held yet (会長を務める is held)
        if org is None and c.describes(verb):  # 正和氏が社長を務める資産管理会社「日章興産」: the noun it describes
            org = next(reversed(by_chunk.get(c.heads[verb], [])), None)
            if org is None:
                continue
        person = next(iter(by_chunk.get(c.subject(verb), [])), None)  # written first: X・Y社長は
        if person is not None and person != org:
            taken[person] = (chain, org, org_end)
    return taken


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
            hints += _pair(words, k, m, vocab, tokens[cands[m].j] if cands[m].j < len(tokens) else None, _name_goes_on(tokens, cands[m], vocab))
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


def _pair(words: list[str], k: int, m: int, vocab: Vocab, next_word: Token | None, goes_on: bool) -> list[RelationHint]:
    """Patterns decided by the words between two names X (k) and Y (m), the word after Y
    (`next_word`) and whether Y is only a piece of a longer name (`goes_on`); types are checked later."""
    hints = []
    after = next_word.surface if next_word else ""
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
    # not 徳力のマクドナルド店内, nor ロシアのウクライナ侵攻 (X's doing to Y: a word of doing after Y), nor
    # 北海道 + コカ・コーラ + ボトリング (Y only a piece of a longer name: `goes_on`)
    if (not words or words == ["の"] and not (next_word and next_word.pos3 == "サ変可能")) and after not in vocab.facility_words \
            and not goes_on:
        hints.append(RelationHint(m, "located_in", k))  # 韓国のサムスン電子
        hints.append(RelationHint(m, "place_within", k))  # カリフォルニア州クパチーノ
    if words in (["（"], ["("], ["（", "本社", "・"], ["（", "本社", "："], ["(", "本社", "・"]):
        hints.append(RelationHint(k, "located_in", m))  # 北辰ロボティクス（札幌市）
    return hints


def _name_goes_on(tokens: list[Token], cand, vocab: Vocab) -> bool:
    """Is a name that is no administrative place (no 市, 県…: 中部, コカ・コーラ) followed by a noun
    glued to it, other than a title (社長), a number or the next part of an address: a piece of a
    longer name (北海道コカ・コーラ + ボトリング, 新潟県中部 + 産業団地)? (羽生市 + 建設課 is still 羽生市.)"""
    if cand.j >= len(tokens) or tokens[cand.j - 1].surface in vocab.place_suffixes:
        return False
    after = tokens[cand.j]
    return (after.pos1 == "名詞" and not after.space_before and after.pos2 != "数詞" and after.pos3 != "地名"
            and after.surface not in vocab.place_suffixes and after.surface not in vocab.person_markers.prefixes)


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
                    if not _describes_noun(tokens, verb_at, vocab):  # サービスを提供するZ: Z provides it
                        hints.append(RelationHint(m, "developed_by", maker))
                    break
                if tokens[verb_at].surface in ("、", "。", "を", "が", "は"):
                    break
        elif not _owned(tokens, cands[m]) and last_verb >= j and _launched(tokens, j, vocab):
            hints.append(RelationHint(m, "developed_by", maker))  # Xは5日、EV「Y」の受注を始めると発表した
    return hints


def _describes_noun(tokens: list[Token], verb_at: int, vocab: Vocab) -> bool:
    """Does the verb at `verb_at` (提供, 提供する, 提供している) describe the noun right after it
    (サービスを提供するZ)? Not a clause taken as a whole (発表したことを契機に: `plan_nouns`)."""
    k = verb_at + 1
    while k < len(tokens) and tokens[k].pos1 in ("動詞", "助動詞") and k - verb_at < 4:
        k += 1
    return k < len(tokens) and k > verb_at + 1 and tokens[k].pos1 == "名詞" and tokens[k].surface not in vocab.plan_nouns


def _launched(tokens: list[Token], j: int, vocab: Vocab) -> bool:
    """Is what follows a name something of it as a product (Yの国内受注, Yの利用者, 「Y」に組み込む)? Not a
    deal (Yの買収, Yに出資: Y is a company), nor a name with nothing of it said (Y(以下、Z)を…で買収,
    「Y」開発元を)."""
    return j + 1 < len(tokens) and tokens[j].surface in ("の", "に") and not match_word(tokens, j + 1, vocab.deal_triggers, 2)[0]


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
