"""The only place that talks to fugashi/MeCab (UniDic-lite dictionary).

The raw text is tokenised as written — NFKC before MeCab would turn dictionary
words such as ＮＶＩＤＩＡ into unknown words — and each token keeps its
character offsets into that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import fugashi

from builder.textnorm import name_key

KATAKANA = re.compile(r"^[\u30A1-\u30FAー]+$")
LATIN = re.compile(r"^[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]+$")
LATIN_LEMMA = re.compile(r"^[A-ZＡ-Ｚ][A-Za-zＡ-Ｚａ-ｚ&＆]+$")
HAS_LETTER = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")


@dataclass(slots=True)
class Token:
    surface: str
    start: int
    end: int
    pos1: str
    pos2: str
    pos3: str
    pos4: str
    lemma: str
    reading: str
    unknown: bool
    space_before: bool
    katakana: bool
    latin: bool
    proper: bool  # a proper noun, or a katakana word whose UniDic lemma is Latin letters (a brand, not a loanword gloss)
    key: str  # name_key of the surface; keys of a token run concatenate
    name_like: bool  # may be part of a name: Latin, katakana, a proper noun or an unknown noun

    @property
    def noun(self) -> bool:
        return self.pos1 in ("名詞", "接尾辞") or self.unknown


@lru_cache(maxsize=65536)
def token_key(surface: str) -> str:
    return name_key(surface)


@lru_cache(maxsize=1)
def tagger() -> fugashi.Tagger:
    return fugashi.Tagger()


KATAKANA_TYPE, ALPHA_TYPE, NUMERIC_TYPE = 7, 5, 4  # MeCab character categories (char.def)


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Tokens of a text (MeCab treats line breaks as white space); offsets are `base` plus
    the position in `text`.

    This runs on every token of every article, so it stays lean: MeCab's
    character category gives the script, and the cached key is shared.
    """
    tokens = []
    cursor = 0
    for word in tagger()(text):
        surface = word.surface
        space = word.white_space
        start = cursor + len(space)
        if not text.startswith(surface, start):  # MeCab skips only white space; stay safe anyway
            start = text.find(surface, cursor)
            if start < 0:
                continue
        cursor = start + len(surface)
        # UniDic's CSV, read directly (cheaper than fugashi's feature objects): pos1-4 at 0-3,
        # lemma at 7, kana at 17; unknown words carry only the six POS fields. The first
        # 18 fields never hold a comma.
        fields = word.feature_raw.split(",", 18)
        pos1, pos2, pos3, pos4 = fields[0], fields[1], fields[2], fields[3]
        lemma = fields[7] if len(fields) > 7 and fields[7] else surface
        kana = fields[17] if len(fields) > 17 else ""
        ctype = word.char_type
        katakana = ctype == KATAKANA_TYPE and KATAKANA.match(surface) is not None
        latin = (ctype == ALPHA_TYPE or ctype == NUMERIC_TYPE) and LATIN.match(surface) is not None
        unknown = bool(word.is_unk)
        proper = pos2 == "固有名詞" or (katakana and LATIN_LEMMA.match(lemma) is not None)
        name_like = latin or (katakana and surface != "ー") or proper or (unknown and pos1 == "名詞" and pos2 != "数詞")
        tokens.append(Token(
            surface, base + start, base + cursor, pos1, pos2, pos3, pos4, lemma,
            kana if kana and kana != "*" else surface, unknown, bool(space), katakana, latin, proper,
            token_key(surface), name_like,
        ))
    return tokens


class WordSet(frozenset):
    """A set of words that also knows every prefix of its words, so a match can stop early."""

    def __new__(cls, words=()):
        self = super().__new__(cls, words)
        self.prefixes = frozenset(w[:n] for w in self for n in range(1, len(w) + 1))
        return self


NO_MATCH = ("", 0)


def match_word(tokens: list[Token], j: int, words: WordSet, width: int = 3) -> tuple[str, int]:
    """The longest word of `words` spelled by tokens j, j+1, … (no spaces), and its token count."""
    if j >= len(tokens):
        return NO_MATCH
    prefixes = words.prefixes
    spelled = tokens[j].surface
    if spelled not in prefixes:  # the usual case: answer before building anything
        return NO_MATCH
    best = (spelled, 1) if spelled in words else NO_MATCH
    for k in range(j + 1, min(len(tokens), j + width)):
        t = tokens[k]
        if t.space_before:
            break
        spelled += t.surface
        if spelled not in prefixes:
            break
        if spelled in words:
            best = (spelled, k - j + 1)
    return best
