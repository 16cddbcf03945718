"""Which entity a chunk of a sentence names (analyze/clauses.py): the subject of an event, the
speaker of a statement. Read at link time, when every mention — those found across the corpus
too — knows its entity."""

from __future__ import annotations

from bisect import bisect_left

from builder.analyze.clauses import WHEN, Clauses, in_parentheses
from builder.analyze.patterns import ORG_TYPES
from builder.analyze.vocab import vocab

LISTING = frozenset(("P:と", "P:や", "P:とか"))  # how a chunk ends that lists it before the next: AとBは, AやBの


def named_in(context, c: Clauses, k: int, text: str, through_owner: bool = True, skip_named: bool = False) -> str | None:
    """The entity chunk k names: its last name outside parentheses (橋本英二社長は: 橋本英二;
    ことぶきマート（名古屋市）は: ことぶきマート) — the first of several listed with it (出光興産と
    昭和シェル石油は, KDDI、三菱商事、ローソンの3社は: the first, which did it with the others); what
    同社, 同行 or 同指数 stands for in context (cues.yaml `same_words`); the person named before
    with a title written alone (首相は: the 首相 named last); for a chunk that names no one, the name of its own の
    (アオバ電子の株価は: アオバ電子), or the subject of the clause that describes it (ノクトゲームズが
    発表した決算は: ノクトゲームズ), unless not `through_owner`; else None (政府は: no one named).
    `skip_named`: the name of the chunk's の even where the chunk names one (日本製鉄の橋本会長は:
    日本製鉄). `context`: the article's `facts.Context`."""
    k = _glossed(c, k, text)
    listed = listed_with(c, k, text)  # the first that names someone did it
    found = None if skip_named else next((e for m in reversed(listed) if (e := _named(context, c, m, text))), None)
    if found:
        return found  # (AI開発の新興企業、ソラリス・ラボは: the description names no one, the name does)
    lo, hi = c.span(k)
    same = next((kind for w, kind in vocab().same_words.items() if text.startswith(w, lo, hi)), None)
    if same:  # 同行は: the bank in context, before any other organisation
        return context.at(lo, {same}, set()) or (context.at(lo, ORG_TYPES, set()) if same in ORG_TYPES else None)
    title = next((t for t in vocab().held_titles if text.startswith(t, lo, hi) and _alone(text, lo + len(t), hi)), None)
    if title:  # 首相は19日、…決めた: the person named before with that title
        return next((e for start, _, e in reversed(context.spans[: bisect_left(context.span_starts, lo)])
                     if title in context.titles.get(e, ())), None)
    if not through_owner:
        return None
    for i in range(k - 1, -1, -1):  # the nearest that names someone: アオバ電子が発表した4〜6月期の決算は
        found = None
        if c.heads[i] == k and (c.roles[i] == "P:の" or c.roles[i].startswith("N:")):  # Xの, or a bare noun before
            found = named_in(context, c, i, text)
        elif c.heads[i] == k and c.describes(i) and 0 <= (s := c.subject(i)) < i:
            found = named_in(context, c, s, text)  # ノクトゲームズが13日発表した決算は: ノクトゲームズの
        if found:
            return found
    return None


def every_named(context, c: Clauses, k: int, text: str) -> list[str]:
    """The entities chunk k and the chunks listed with it, before or after it, name (AとBは: A
    and B, from either), in text order."""
    while k + 1 < len(c) and c.kinds[k] == "noun" and c.roles[k] == "P:と":
        k += 1
    listed = [k]
    while listed[-1] > 0 and c.kinds[listed[-1] - 1] == "noun" and c.roles[listed[-1] - 1] == "P:と":
        listed.append(listed[-1] - 1)
    return list(dict.fromkeys(e for m in reversed(listed) if (e := _named(context, c, m, text))))


def _lists(c: Clauses, k: int, text: str) -> bool:
    """Whether chunk k lists itself before the next: Aと, Aや, A、 (not 12日、)"""
    lo, hi = c.span(k)
    return c.roles[k] in LISTING or (c.roles[k].startswith("N:") and text[hi - 1] == "、" and not WHEN.match(text[lo:hi]))


def _glossed(c: Clauses, k: int, text: str) -> int:
    """The chunk whose name a parenthesis glosses, for chunk k when k starts inside that
    parenthesis (…ジャパン（…、劉学亮社長、|本社・横浜市）は: the company, not its president); else k."""
    lo = c.span(k)[0]
    start = c.span(0)[0]
    if not in_parentheses(text, start, lo):
        return k
    depth, at = 0, lo - 1
    while at >= start:
        depth += (text[at] in "）)") - (text[at] in "（(")
        if depth < 0:
            return c.at(at - 1) if at > start else k
        at -= 1
    return k


def listed_with(c: Clauses, k: int, text: str) -> list[int]:
    """Chunk k and the chunks listed with it before it: AとBは, A、B、Cの (k first)."""
    listed = [k]
    while listed[-1] > 0 and c.kinds[listed[-1] - 1] == "noun" and _lists(c, listed[-1] - 1, text):
        listed.append(listed[-1] - 1)
    return listed


def several(context, c: Clauses, k: int, text: str) -> bool:
    """Whether chunk k names one of several names listed together (AとBの, A、Bは, AやBの: k is
    A or B; not 一方、Aは, where what comes before names no one)."""
    listed = listed_with(c, k, text)[1:]
    j = k
    while j + 1 < len(c) and c.kinds[j] == "noun" and _lists(c, j, text):
        j += 1
        listed.append(j)
    return c.roles[k] in LISTING or any(c.roles[m] in LISTING or _named(context, c, m, text) for m in listed)


def _alone(text: str, at: int, hi: int) -> bool:
    """Whether a title that ends at `at` is all its chunk names: only particles and punctuation follow."""
    return all(ch in "はがもの、，, " for ch in text[at:hi])


def _named(context, c: Clauses, k: int, text: str) -> str | None:
    """The entity of the last mention that ends in chunk k, outside parentheses, or None: a name
    may start in the chunk before (「Zeta-|2」は, cut at its hyphen). A chunk that ends in a
    title someone holds is that person's (三好晴臣・北辰電工社長は: 三好晴臣, not the company whose
    title it is)."""
    lo, hi = c.span(k)
    spans, starts = context.spans, context.span_starts
    first = bisect_left(starts, lo)
    found = [entity for start, end, entity in spans[max(first - 1, 0) : bisect_left(starts, hi)]
             if lo < end <= hi and not in_parentheses(text, lo, max(start, lo))]
    if len(found) > 1 and _ends_in_title(text, lo, hi):
        return next((e for e in reversed(found) if context.kinds.get(e) == "person"), found[-1])
    return found[-1] if found else None


def _ends_in_title(text: str, lo: int, hi: int, honorifics: bool = False) -> bool:
    """Whether text[lo:hi], a chunk, ends in a title someone holds (or, with `honorifics`, in 氏
    or さん), before its particles."""
    body = text[lo:hi].rstrip("はがもの、，, ")
    v = vocab()
    return any(body.endswith(t) for t in (v.held_titles | v.honorifics if honorifics else v.held_titles))


def names_a_person(text: str, c: Clauses, k: int) -> bool:
    """Whether chunk k stands for a person by a title or honorific (亀岡氏は, 社長は), named or not."""
    return _ends_in_title(text, *c.span(k), honorifics=True)
