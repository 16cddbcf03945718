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

KATAKANA = re.compile(r"^[\u30A1-\u30FAー]+$")
LATIN = re.compile(r"^[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]+$")
LATIN_LEMMA = re.compile(r"^[A-ZＡ-Ｚ][A-Za-zＡ-Ｚａ-ｚ&＆]+$")
HAS_LETTER = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")


@dataclass(frozen=True)
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

    @property
    def katakana(self) -> bool:
        return bool(KATAKANA.match(self.surface))

    @property
    def latin(self) -> bool:
        return bool(LATIN.match(self.surface))

    @property
    def proper(self) -> bool:
        """A proper noun, or a katakana word UniDic spells in Latin letters (UniDic spells some brands so: its lemma is ＡＢＣ, not a loanword gloss)."""
        return self.pos2 == "固有名詞" or bool(LATIN_LEMMA.match(self.lemma) and self.katakana)

    @property
    def noun(self) -> bool:
        return self.pos1 in ("名詞", "接尾辞") or self.unknown


@lru_cache(maxsize=1)
def tagger() -> fugashi.Tagger:
    return fugashi.Tagger()


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Tokens of one line of text; offsets are `base` plus the position in `text`."""
    tokens = []
    cursor = 0
    for word in tagger()(text):
        surface = word.surface
        start = text.find(surface, cursor)
        if start < 0:  # MeCab never rewrites surfaces, but stay safe
            continue
        cursor = start + len(surface)
        f = word.feature
        tokens.append(
            Token(
                surface=surface,
                start=base + start,
                end=base + cursor,
                pos1=f.pos1 or "",
                pos2=f.pos2 or "",
                pos3=f.pos3 or "",
                pos4=f.pos4 or "",
                lemma=f.lemma or surface,
                reading=(f.kana if getattr(f, "kana", None) and f.kana != "*" else surface),
                unknown=bool(word.is_unk),
                space_before=bool(word.white_space),
            )
        )
    return tokens
