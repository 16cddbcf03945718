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
    space_before: bool
    # the rest depends only on the word, not on where it stands (see `_word`)
    pos1: str
    pos2: str
    pos3: str
    pos4: str
    lemma: str
    reading: str
    unknown: bool
    katakana: bool
    latin: bool
    proper: bool  # a proper noun, or a katakana word whose UniDic lemma is Latin letters (a brand, not a loanword gloss)
    key: str  # name_key of the surface; keys of a token run concatenate
    name_like: bool  # may be part of a name: Latin, katakana, a proper noun or an unknown noun



KATAKANA_TYPE, ALPHA_TYPE, NUMERIC_TYPE = 7, 5, 4  # MeCab character categories (char.def)


@lru_cache(maxsize=65536)
def _word(surface: str, raw: str, ctype: int, unknown: bool) -> tuple:
    """Everything a token's word says about itself, from UniDic's CSV (read directly: cheaper
    than fugashi's feature objects, and the same word is read once). pos1-4 are fields 0-3,
    the lemma 7, the kana 17; unknown words carry only the six POS fields. The first 18
    fields never hold a comma."""
    fields = raw.split(",", 18)
    pos1, pos2, pos3, pos4 = fields[0], fields[1], fields[2], fields[3]
    lemma = fields[7] if len(fields) > 7 and fields[7] else surface
    kana = fields[17] if len(fields) > 17 else ""
    katakana = ctype == KATAKANA_TYPE and KATAKANA.match(surface) is not None
    latin = (ctype == ALPHA_TYPE or ctype == NUMERIC_TYPE) and LATIN.match(surface) is not None
    proper = pos2 == "固有名詞" or (katakana and LATIN_LEMMA.match(lemma) is not None)
    name_like = latin or (katakana and surface != "ー") or proper or (unknown and pos1 == "名詞" and pos2 != "数詞")
    reading = kana if kana and kana != "*" else surface
    return (pos1, pos2, pos3, pos4, lemma, reading, unknown, katakana, latin, proper, name_key(surface), name_like)


@lru_cache(maxsize=1)
def tagger() -> fugashi.Tagger:
    return fugashi.Tagger()


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Tokens of a text (MeCab treats line breaks as white space); offsets are `base` plus
    the position in `text`.

    This runs on every token of every article, so it stays lean: what a word says about
    itself is worked out once per distinct word (`_word`), MeCab's character category gives
    the script.
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
        tokens.append(Token(surface, base + start, base + cursor, bool(space),
                            *_word(surface, word.feature_raw, word.char_type, bool(word.is_unk))))
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
    n = len(tokens)
    if j >= n:
        return NO_MATCH
    spelled = tokens[j].surface
    if spelled not in words.prefixes:  # the usual case: answer before building anything
        return NO_MATCH
    best = (spelled, 1) if spelled in words else NO_MATCH
    for k in range(j + 1, min(n, j + width)):
        t = tokens[k]
        if t.space_before:
            break
        spelled += t.surface
        if spelled not in words.prefixes:
            break
        if spelled in words:
            best = (spelled, k - j + 1)
    return best
