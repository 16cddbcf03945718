"""Names built from ordinary words and a naming ending, which token runs miss:
`米商務省`, `欧州委員会` (a country and an organ), `港北アリーナ計画`, `しらさぎ計画`
(a named plan: some part of it is a proper noun, katakana or hiragana — 増産計画 is not a name).
"""

from __future__ import annotations

from builder.analyze.candidate import Candidate
from builder.analyze.cues import OPEN_PAREN
from builder.analyze.tokens import Token, match_word
from builder.analyze.vocab import Vocab

MAX_MIDDLE = 4
HIRAGANA = ("\u3041", "\u309f")


def _noun(t: Token) -> bool:
    return t.pos1 in ("名詞", "接尾辞", "接頭辞") and t.pos2 != "数詞" and not t.space_before


def _hiragana(t: Token) -> bool:
    return all(HIRAGANA[0] <= ch <= HIRAGANA[1] for ch in t.surface)


def compound_names(tokens: list[Token], text: str, base: int, vocab: Vocab) -> list[Candidate]:
    found = []
    organs, plans = vocab.organ_endings.prefixes, vocab.plan_endings
    for j in [k for k in range(1, len(tokens)) if tokens[k].surface in vocab.compound_openers]:
        surface = tokens[j].surface
        if surface in OPEN_PAREN and j + 2 < len(tokens):
            inner = tokens[j + 1]
            if inner.latin and inner.surface not in vocab.latin_common and inner.surface not in vocab.person_markers \
                    and not inner.surface.isdigit():
                found += _before_apposition(tokens, j, text, base, vocab)
            continue
        if surface not in organs and surface not in plans:
            continue
        organ, width = match_word(tokens, j, vocab.organ_endings, 3)
        if organ:
            found += _organization(tokens, j, width, text, base, vocab)
        plan, width = match_word(tokens, j, vocab.plan_endings, 1)
        if plan and not tokens[j].space_before:
            found += _plan(tokens, j, width, text, base)
    return found


def _before_apposition(tokens, j, text, base, vocab) -> list[Candidate]:
    """`台湾積体電路製造（TSMC）`: the ordinary words before a parenthesised Latin name are its
    full name, whatever they are made of (the apposition then links the two)."""
    i = j
    while i > 0 and j - i < 2 * MAX_MIDDLE and _noun(tokens[i - 1]) and tokens[i - 1].surface not in vocab.cue_words:
        i -= 1
    if i < j and sum(len(t.surface) for t in tokens[i:j]) >= 3 and not all(t.proper or t.katakana for t in tokens[i:j]):
        return [_span(tokens, i, j, text, base, "")]
    return []


def _span(tokens: list[Token], i: int, j: int, text: str, base: int, kind: str) -> Candidate:
    return Candidate(i, j, tokens[i].start, tokens[j - 1].end, text[tokens[i].start - base : tokens[j - 1].end - base], kind)


def _organization(tokens, j, width, text, base, vocab) -> list[Candidate]:
    """Back from an organ ending over ordinary nouns to a place or a country abbreviation;
    a ministry or agency (…省, …庁) needs no place: 経済産業省, 金融庁."""
    i = j - 1
    while i >= 0 and j - i <= MAX_MIDDLE:
        t = tokens[i]
        if t.pos3 == "地名" or t.surface in vocab.country_abbreviations:
            return [_span(tokens, i, j + width, text, base, "organization")]
        if not _noun(t) or t.proper or t.surface in vocab.cue_words:
            break
        i -= 1
    first = i + 1
    if first < j and tokens[j].surface in vocab.ministry_endings and all(_noun(t) or t.latin for t in tokens[first:j]):
        return [_span(tokens, first, j + width, text, base, "organization")]
    return []


def _plan(tokens, j, width, text, base) -> list[Candidate]:
    """Back from 計画/構想 over nouns; a name needs a proper noun, katakana or hiragana in it."""
    i = j
    while i > 0 and j - i < MAX_MIDDLE and _noun(tokens[i - 1]) and tokens[i - 1].surface not in ("「", "」"):
        i -= 1
    part = tokens[i:j]
    if part and any(t.proper or t.katakana or _hiragana(t) for t in part):
        return [_span(tokens, i, j + width, text, base, "project")]
    return []
