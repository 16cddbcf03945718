"""Clause structure: a sentence's bunsetsu (chunks) and the chunk each depends on.

A Japanese sentence is a row of chunks — a content word or compound, then the particles and
auxiliaries that say how it attaches (日本製鉄は / 2日、/ USスチールを / 買収すると / 発表した。) — and
every chunk depends on one chunk after it; the last is the sentence's main predicate. Facts read
this instead of distance: the date that modifies an event's predicate, the subject (が/は) of a
verb of saying, the noun that governs an amount.

Both steps are learned from the dependency trees of UD Japanese GSD (`builder/train_clauses.py`;
the model, `builder/data/clauses.json`, carries that data's licence, CC BY-SA 4.0):

- chunking: whether a chunk starts at a word — by the pair of it and the word before, as
  `tokens.chunk_class` names them, where that pair always decided it in the training data
  (a noun then が: no; が then a noun: yes), else by an averaged perceptron over the word, the
  two before it and the one after it, and its spelling (に + 対し + て is inside a chunk, に + 行く
  is not);
- attachment: Sassano's (2004) left-to-right shift-reduce — a stack of chunks still looking
  for their head; each new chunk is asked, for the chunk on top, "does it depend on you?"
  (an averaged perceptron over what both chunks end with, their kinds, distance, commas and
  topics between) — which is linear in the chunks and always gives a tree whose arcs do not cross.

Decisions depend only on the chunks' descriptions, so they are memoised across sentences.
"""

from __future__ import annotations

import json
import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from builder.analyze.tokens import CLOSES, COMMA, FUNCTION, NOUN, OPENS, PARTICLE, PUNCT, VERB, ADJ, Token
from builder.model import pickled_by_fields

MODEL = Path(__file__).resolve().parent.parent / "data" / "clauses.json"
TOPICS = frozenset(("P:は", "P:も", "P:には", "P:では", "P:とは"))
SUBJECTS = frozenset(("P:が", "P:は", "P:も"))
WHEN = re.compile(r"^[\d０-９]|^(?:今|前|来|昨|本|同)?(?:年度?|期|月|週|日)")  # a chunk that says when (12日、, 今期の), not who
TOPIC_ROLES = frozenset(("P:は", "P:も"))
NON_PAST = "V:終止形"  # how a clause ends in the non-past (発売する, 就任する); done: V:終止形:た
GLOSS_OPENS = frozenset("（(")
# How a clause that shares its subject with the next one ends: 上場し、, 開き, 訪れて, 述べながら
CHAINED = frozenset(("V:連用形", "P:て", "P:ながら", "P:つつ", "P:し"))
FRAMES = CHAINED | {"P:と", "P:とを"}  # …し、…した and …すると発表した: one happening, told once
MEMO_MAX = 500_000  # memoised decisions; a few tens of thousands cover a large archive

# How a chunk ends (`Clauses.roles`): P:<particles> (P:が, P:は, P:の, P:には), V:<form of the last
# inflecting word> (V:連用形, V:終止形:た), or N:<part of speech> for a bare word (N:名詞).
Description = tuple[str, bool, str, str]  # role, comma after it, kind of its head word, that word
_IDS: dict[Description, int] = {}  # each distinct description's number: decisions are keyed on numbers,
_DESCRIPTIONS: list[Description] = []  # which hash far faster than nested tuples


def describe(tokens: Sequence[Token]) -> Description:
    """What attachment needs to know of one chunk (its tokens, in order): how it ends, whether a
    comma follows, the kind of its head word (verb, adj, noun, …) and that word."""
    k = len(tokens) - 1
    comma = False
    while k > 0 and tokens[k].flags & PUNCT:
        comma = comma or bool(tokens[k].flags & COMMA)
        k -= 1
    last = tokens[k]
    role = last.ending
    if last.flags & PARTICLE:
        role = f"P:{tokens[k - 1].surface}{role}" if k > 0 and tokens[k - 1].flags & PARTICLE else f"P:{role}"
    h = k
    while h > 0 and tokens[h].flags & FUNCTION:
        h -= 1
    head = tokens[h] if not tokens[h].flags & FUNCTION else last
    every = 0
    for t in tokens:
        every |= t.flags
    kind = "verb" if every & VERB else "adj" if every & ADJ else "noun" if head.flags & NOUN else head.pos1
    return (role, comma, kind, head.surface)


def number(d: Description) -> int:
    """The number of a description (`_IDS`)."""
    found = _IDS.get(d)
    if found is None:
        found = _IDS[d] = len(_DESCRIPTIONS)
        _DESCRIPTIONS.append(d)
    return found


def situation(d: Sequence[int], i: int, j: int, commas: Sequence[int], topics: Sequence[int]) -> tuple:
    """All that "chunk i depends on chunk j" (i < j) is decided on: both chunks (`d`: the numbers
    of their descriptions), whether they are neighbours, whether j is the last, their distance,
    the commas and topics between them (`commas`, `topics`: running counts, `counts`), and the chunk after j."""
    distance, commas_between, topics_between = j - i, commas[j] - commas[i + 1], topics[j] - topics[i + 1]
    return (d[i], d[j], distance == 1, j == len(d) - 1, distance if distance < 4 else 4,
            commas_between if commas_between < 2 else 2, topics_between if topics_between < 1 else 1,
            d[j + 1] if j + 1 < len(d) else -1)


def features(situation: tuple) -> tuple:
    """The perceptron's features of a `situation`."""
    i, j, adjacent, last, distance, commas_between, topics_between, k = situation
    (role, comma, kind, _), (jrole, jcomma, jkind, jword) = _DESCRIPTIONS[i], _DESCRIPTIONS[j]
    after = _DESCRIPTIONS[k][:3:2] if k >= 0 else ("$", "$")
    jr = "END" if last else jrole
    return (("b",), ("dj", role, jr), ("dh", role, jkind), ("dhj", role, jkind, jr), ("dha", role, jkind, adjacent),
            ("dl", role, last), ("dc", role, comma, adjacent), ("dcj", role, comma, jkind, jr), ("dd", role, distance),
            ("djc", role, jcomma, last), ("bc", role, commas_between), ("bt", role, topics_between),
            ("hj", kind, jkind, jr), ("dhjl", role, jkind, jr, last, adjacent), ("djw", role, jword),
            ("dja", role, jr, *after))


def counts(d: Sequence[int]) -> tuple[list[int], list[int]]:
    """Running counts of chunks ending in a comma and in a topic (`features`; `d`: description numbers)."""
    commas, topics = [0], [0]
    for role, comma, _, _ in map(_DESCRIPTIONS.__getitem__, d):
        commas.append(commas[-1] + comma)
        topics.append(topics[-1] + (role in TOPICS))
    return commas, topics


def place(tokens: Sequence[Token], k: int) -> tuple:
    """All that "a chunk starts at token k" (k ≥ 1) is decided on."""
    t = tokens[k]
    return (tokens[k - 2].chunk_class if k > 1 else "^", tokens[k - 1].chunk_class, t.chunk_class,
            tokens[k + 1].chunk_class if k + 1 < len(tokens) else "$", t.surface, t.space_before)


def start_features(place: tuple) -> tuple:
    """The chunking perceptron's features of a `place`."""
    p2, p1, c, n, surface, space = place
    return (("b",), ("c", c), ("p", p1), ("pc", p1, c), ("pcn", p1, c, n), ("ppc", p2, p1, c), ("cn", c, n),
            ("pcs", p1, c, surface), ("sp", space), ("psn", p1, surface, n), ("s", surface))


class Model:
    """The learned weights (builder/data/clauses.json, made by builder/train_clauses.py)."""

    def __init__(self, data: dict):
        self.start_weights: dict[tuple, float] = {tuple(f): w for f, w in data["start_weights"]}
        self.start_pairs: dict[tuple[str, str], bool] = {tuple(k.split("\t")): v for k, v in data["start_pairs"].items()}
        self.weights: dict[tuple, float] = {tuple(f): w for f, w in data["weights"]}
        self._starts: dict[tuple, bool] = {}
        self._memo: dict[tuple, bool] = {}

    def starts_chunk(self, tokens: Sequence[Token], k: int) -> bool:
        """Whether a new chunk starts at token k (k ≥ 1), by the perceptron (`chunk` asks
        `start_pairs` first: the pairs that always decided alike in the training data)."""
        return _decided(self._starts, self.start_weights, place(tokens, k), start_features)

    def depends(self, d: Sequence[int], commas: Sequence[int], topics: Sequence[int]) -> Callable[[int, int], bool]:
        """`attach`'s question for one sentence's chunks (`d`: description numbers): does chunk i
        depend on chunk j? Asked for every pair the parser meets, so the memo is looked up first."""
        memo, weights = self._memo, self.weights

        def depends(i: int, j: int) -> bool:
            key = situation(d, i, j, commas, topics)
            known = memo.get(key)
            return _decided(memo, weights, key, features) if known is None else known

        return depends


def _decided(memo: dict[tuple, bool], weights: dict[tuple, float], key: tuple, features_of) -> bool:
    """A perceptron's yes or no for `key`, worked out once per distinct key (`memo`, bounded)."""
    known = memo.get(key)
    if known is None:
        known = sum(weights.get(f, 0.0) for f in features_of(key)) > 0
        if len(memo) < MEMO_MAX:
            memo[key] = known
    return known


@lru_cache(maxsize=1)
def model() -> Model | None:
    if not MODEL.is_file():
        return None
    return Model(json.loads(MODEL.read_text(encoding="utf-8")))


def chunk(tokens: Sequence[Token], m: Model) -> list[tuple[int, int]]:
    """(first, end) token indices of each chunk."""
    out, first = [], 0
    pairs = m.start_pairs
    before = tokens[0].chunk_class if tokens else ""
    for k in range(1, len(tokens)):
        now = tokens[k].chunk_class
        starts = pairs.get((before, now))
        if starts is None:
            starts = m.starts_chunk(tokens, k)
        if starts and tokens[k].surface in GLOSS_OPENS and tokens[k - 1].flags & NOUN:
            starts = False  # 米連邦準備制度理事会（FRB）は: a gloss in parentheses is its name's chunk
        if starts:
            out.append((first, k))
            first = k
        before = now
    if tokens:
        out.append((first, len(tokens)))
    return out


def brackets(tokens: Sequence[Token], spans: Sequence[tuple[int, int]]) -> list[tuple[bool, bool]]:
    """For each chunk, whether it leaves a bracket open (「, （) and whether it closes one opened
    before it: 「X」を does neither, 「(統合により) opens one."""
    if not any(t.flags & (OPENS | CLOSES) for t in tokens):
        return [(False, False)] * len(spans)
    out = []
    for a, b in spans:
        depth = 0
        for t in tokens[a:b]:
            depth += bool(t.flags & OPENS) - bool(t.flags & CLOSES)
        out.append((depth > 0, depth < 0))
    return out


OPEN = -2  # on the stack: where a bracket opened


def attach(n: int, depends: Callable[[int, int], bool], marks: Sequence[tuple[bool, bool]]) -> list[int]:
    """The chunk each of `n` chunks depends on (-1 for the last), by shift-reduce: `depends(i, j)`
    answers for the chunk i on top of the stack and the new chunk j. What is inside brackets
    (`marks`: `brackets`) depends on something inside them, the chunk that closes them at the
    latest: a quote's words are not the arguments of the verb that reports it, nor is the
    speaker an argument of its first words."""
    heads = [-1] * n
    stack: list[int] = []
    for j in range(n):
        opens, closes = marks[j]
        while stack and stack[-1] != OPEN and (closes or not opens) and depends(stack[-1], j):
            heads[stack.pop()] = j  # nothing outside a quote depends on what opens it: 亀岡氏は「(統合により)…」と語った
        if opens:
            stack.append(OPEN)
        if closes and OPEN in stack:
            while (i := stack.pop()) != OPEN:
                heads[i] = j
        stack.append(j)
    for i in stack:
        if i not in (OPEN, n - 1):
            heads[i] = n - 1
    return heads


def parse_chunks(tokens: Sequence[Token], spans: Sequence[tuple[int, int]], m: Model) -> tuple[list[Description], list[int]]:
    """The descriptions of the chunks `spans` (token indices) and the chunk each depends on."""
    d = [describe(tokens[a:b]) for a, b in spans]
    ids = [number(x) for x in d]
    commas, topics = counts(ids)
    depends = m.depends(ids, commas, topics)
    named = {k for k in range(len(spans) - 1) if d[k][0].startswith("N:") and not d[k][1] and tokens[spans[k + 1][0]].surface == "「"}
    # a bare noun before a quoted name is that name's description: AIモデル「Zeta-2」, 新型機「ルナ5」
    return d, attach(len(d), lambda i, j: (j == i + 1 and i in named) or depends(i, j), brackets(tokens, spans))


@pickled_by_fields
@dataclass(slots=True)
class Clauses:
    """One sentence's chunks, compactly (kept for every sentence of every article): chunk k is
    `start + bounds[k]` to `start + bounds[k + 1]` in the article's text, depends on chunk
    `heads[k]` (-1: none), ends as `roles[k]` says (P:が, V:連用形…) and has a head word of the
    kind `kinds[k]` (verb, adj, noun, …)."""

    start: int
    bounds: array
    heads: array
    roles: tuple[str, ...]
    kinds: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.heads)

    def at(self, offset: int) -> int:
        """The chunk holding the character at `offset` of the article's text, or -1."""
        k = bisect_right(self.bounds, offset - self.start) - 1
        return k if 0 <= k < len(self.heads) else -1

    def span(self, k: int) -> tuple[int, int]:
        return self.start + self.bounds[k], self.start + self.bounds[k + 1]

    def up(self, k: int):
        """Chunk k and the chunks above it, to the sentence's main predicate."""
        while k >= 0:
            yield k
            k = self.heads[k]

    def predicate_of(self, k: int) -> int:
        """The first predicate at or above chunk k (the clause it is in), or -1."""
        return next((p for p in self.up(k) if self.is_predicate(p)), -1)

    def dependents(self, k: int) -> list[int]:
        return [i for i in range(k) if self.heads[i] == k]

    def describes(self, k: int) -> bool:
        """Whether chunk k is a clause that describes the noun after it (発表した決算, 投資するファンド)."""
        return self.roles[k].startswith("V:連体形")

    def is_predicate(self, k: int) -> bool:
        """A verb, an adjective, a noun with だ/です, or the sentence's last chunk (体言止め)."""
        return self.kinds[k] in ("verb", "adj") or self.roles[k].startswith("V:") or k == len(self.heads) - 1

    def subject(self, k: int, exclude: frozenset[int] | set[int] = frozenset(), shared: bool = False) -> int:
        """The chunk that is the subject or topic (が, は, も) of the predicate chunk k, or -1: the
        nearest before it, else — where k's clause goes on into the next (上場し、…調達した) — that
        clause's; a predicate of the sentence's main level has the topic (は, も) of that level,
        wherever it attached (FRBは29日、FOMCを開き、…据え置くことを決めた), or the sentence's
        (`topic`) — but not a が of another clause (部品が好調で、…1520億円だった). Chunks in
        `exclude` are passed over (売上高は3兆円だった: the property is no one's subject). `shared`:
        a clause that goes on into k gives its subject too (豊田章男が社長を務め、…会長に就任した)."""
        start = before = k
        while k >= 0:
            found = [i for i in range(k) if self.heads[i] == k and self.roles[i] in SUBJECTS and i not in exclude]
            if found:  # a clause that goes on into k (Aは…投じて取得、Bは…検討する) has the subject before it, not B
                return next((i for i in reversed(found) if i < before), found[-1])
            if shared and k == start:  # Xが社長を務め、…会長に就任した: a clause that goes on into k shares its subject
                found = [i for c in range(k) if self.heads[c] == k and self.roles[c] in CHAINED
                         for i in range(c) if self.heads[i] == c and self.roles[i] in SUBJECTS and i not in exclude]
                if found:
                    return found[-1]
            before, k = k, (self.heads[k] if self.roles[k] in CHAINED else -1)
        main = self.main_level()
        if start not in main:
            return -1
        attached = next((i for i in range(start) if self.heads[i] in main and self.roles[i] in TOPIC_ROLES and i not in exclude), -1)
        topic = self.topic()
        return attached if attached >= 0 else topic if topic not in exclude else -1

    def topic(self) -> int:
        """The sentence's topic: a chunk ending in は or も before its first predicate (金融庁は26日、
        …業務改善命令を出した), however it was attached; -1 if there is none."""
        for i in range(len(self.heads)):
            if self.roles[i] in TOPIC_ROLES:
                return i
            if self.is_predicate(i):
                return -1
        return -1

    def predicates_between(self, a: int, b: int, descriptions: bool = True) -> int:
        """How many clauses the path from chunk a to chunk b crosses: the predicates on it (not a
        or b), but not one reached from a clause it reports or goes on from (…買収すると発表した,
        …し、…した: one happening). 0 for Xの社長Y, 1 for XがYを買収した and for X社は…Yを買収すると
        発表した; more across clauses."""
        def up(k: int) -> list[tuple[int, bool]]:  # the chunks above k, each with whether a frame reached it
            out, framed = [], False
            while k >= 0:
                out.append((k, framed))
                h = self.heads[k]  # a clause that goes on into one with a subject of its own is another happening
                framed = self.roles[k] in FRAMES and not (self.roles[k] in CHAINED and any(
                    self.heads[i] == h and self.roles[i] in SUBJECTS for i in range(k + 1, h)))
                k = h
            return out

        from_a, from_b = up(a), up(b)
        on_b = {k: i for i, (k, _) in enumerate(from_b)}
        ia = next((i for i, (k, _) in enumerate(from_a) if k in on_b), -1)
        if ia < 0:
            return len(self.heads)
        shared, ib = from_a[ia][0], on_b[from_a[ia][0]]
        counts = (lambda k: self.is_predicate(k) and (descriptions or not self.describes(k)))
        crossed = sum(counts(k) and not framed for k, framed in from_a[1:ia] + from_b[1:ib])
        if shared not in (a, b) and counts(shared) and not (from_a[ia][1] or from_b[ib][1]):
            crossed += 1
        return crossed

    def naming(self, pattern, text: str, base: int) -> set[int]:
        """The chunks in which `pattern` matches (text: the sentence's, starting at offset `base`)."""
        return {self.at(base + m.start()) for m in pattern.finditer(text)} - {-1}

    def subtree(self, k: int) -> list[int]:
        """The chunks under chunk k (that depend on it, directly or not), in order."""
        inside = {k}
        for i in range(k - 1, -1, -1):
            if self.heads[i] in inside:
                inside.add(i)
        return sorted(inside - {k})

    def of_chain(self, k: int, text: str, base: int = 0):
        """Chunk k and, while it is a noun of another (Xの), the noun it is of, upwards: …を投じた
        Xの買収 gives Xの, then 買収. Not from a predicate, nor across a conjunction the chunker
        reads as の (変わらないものの、). `text` starts at offset `base` of the article."""
        while True:
            yield k
            if self.roles[k] != "P:の" or self.heads[k] < 0 or self.is_predicate(k) or text[self.span(k)[1] - base - 1] != "の":
                return
            k = self.heads[k]

    def main_level(self) -> set[int]:
        """The sentence's main predicate and the clauses that go on into it (…し、…た): what a
        date or a topic set off by a comma at the start (Xは2日、) modifies."""
        level = {len(self.heads) - 1}
        for k in range(len(self.heads) - 2, -1, -1):
            if self.heads[k] in level and self.roles[k] in CHAINED:
                level.add(k)
        return level

    def governed(self, k: int, targets: set[int]) -> int:
        """The one of `targets` that chunk k modifies, directly or through nouns only (27日の東京市場で
        急落した: 27日 dates 急落; through a quality too), or -1: not through another predicate."""
        k = self.heads[k]
        while k >= 0 and k not in targets:
            if self.is_predicate(k) and not self.qualifies(k):
                return -1
            k = self.heads[k]
        return k

    def qualifies(self, k: int) -> bool:
        """Whether chunk k is a noun with な describing the next (実質的な売上高): a quality, no clause.
        (An adjective, 新たな or 早い, may take words of its own: 1日も早い辞任.)"""
        return self.describes(k) and self.kinds[k] == "noun"


def bracket_depth(text: str, lo: int, at: int, opening: str = "（(", closing: str = "）)") -> int:
    """How many brackets of `opening` opened in text[lo:at] are still open at `at`."""
    depth = 0
    for ch in text[lo:at]:
        depth += ch in opening
        depth -= ch in closing and depth > 0
    return depth


def in_parentheses(text: str, lo: int, at: int) -> bool:
    """Whether offset `at` of `text` is inside parentheses opened after `lo`: a gloss (TOB価格は
    1株1万0360円(6日終値は8913円)で, ことぶきマート（名古屋市）は) is not what is around it."""
    return bracket_depth(text, lo, at) > 0


_INTERNED: dict[str, str] = {}


def parse(tokens: Sequence[Token]) -> Clauses | None:
    """The clause structure of one sentence's tokens; None without a model or tokens."""
    m = model()
    if m is None or not tokens:
        return None
    spans = chunk(tokens, m)
    d, heads = parse_chunks(tokens, spans, m)
    start = tokens[0].start
    bounds = array("H" if tokens[-1].end - start < 65_536 else "L", [tokens[a].start - start for a, _ in spans])
    bounds.append(tokens[-1].end - start)
    intern = _INTERNED.setdefault
    return Clauses(start, bounds, array("h" if len(heads) < 32_768 else "l", heads),
                   tuple(intern(x[0], x[0]) for x in d), tuple(intern(x[2], x[2]) for x in d))
