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

from builder.read.textnorm import fold_variants, name_key

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
    reading: str
    unknown: bool
    katakana: bool
    latin: bool
    proper: bool  # a proper noun, or a katakana word whose UniDic lemma is Latin letters (a brand, not a loanword gloss)
    key: str  # name_key of the surface; keys of a token run concatenate
    name_like: bool  # may be part of a name: Latin, katakana, a proper noun or an unknown noun
    cform: str  # conjugated form of a word that inflects (連用形-一般), else ""
    chunk_class: str  # what the word is to the chunker (`chunk_class`)
    flags: int  # what the word is in a chunk (`word_flags`)
    ending: str  # how a chunk that ends with it ends (`word_flags`)



_WORDS: dict[str, tuple[str, tuple]] = {}  # MeCab output line → `_word`; a dict lookup is the cheapest cache
MAX_WORDS = 200_000  # bounded: a few hundred thousand distinct lines is a very large archive


FUNCTION_POS = ("助詞", "助動詞")
DEPENDENT_POS = ("動詞", "形容詞")  # …with pos2 非自立可能: する, いる, ある, ない after another word


def chunk_class(pos1: str, pos2: str, pos3: str, cform: str, surface: str) -> str:
    """The word as the chunker sees it (analyze/clauses.py): function words and the verbs that
    can follow another word are a closed set, so by their spelling; other words by their part
    of speech (a noun's third level: 副詞可能 such as 昨年 starts a chunk, 一般 may go on one);
    a word that inflects with its form (連用形 売り in 売り上げ, 連体形 before a noun)."""
    form = "/" + cform.split("-")[0] if cform else ""
    if pos1 in FUNCTION_POS or (pos1 in DEPENDENT_POS and pos2 == "非自立可能") or (pos1 == "補助記号" and pos2 == "一般"):
        return f"{pos1}/{pos2}/{surface}{form}"
    return f"{pos1}/{pos2}/{pos3}" if pos1 == "名詞" else f"{pos1}/{pos2}{form}"


# `Token.flags`: what a word is in a chunk (analyze/clauses.py)
FUNCTION, PUNCT, COMMA, VERB, ADJ, OPENS, CLOSES, PARTICLE, NOUN = (1 << k for k in range(9))


def word_flags(pos1: str, pos2: str, cform: str, surface: str) -> tuple[int, str]:
    """What a word is in a chunk, as bits, and how a chunk that ends with it ends: P:<particle>,
    V:<conjugated form>[:だ/です/た], or N:<part of speech>. A function word belongs to the
    chunk before it: a particle, an auxiliary, a suffix, a punctuation mark, or a verb that can
    follow another word (する of 発表する, いる of している)."""
    punct = pos1 in ("補助記号", "記号")
    function = punct or pos1 in ("助詞", "助動詞", "接尾辞") or (pos1 in DEPENDENT_POS and pos2 == "非自立可能")
    flags = (function * FUNCTION | punct * PUNCT | (surface in "、，,") * COMMA | (pos1 == "動詞") * VERB
             | (pos1 in ("形容詞", "形状詞")) * ADJ | (pos2 == "括弧開") * OPENS | (pos2 == "括弧閉") * CLOSES
             | (pos1 == "助詞") * PARTICLE | (pos1 in ("名詞", "代名詞", "接尾辞")) * NOUN)
    if pos1 == "助詞":
        return flags, surface
    if pos1 in ("助動詞", "動詞", "形容詞"):
        form = cform.split("-")[0]
        return flags, f"V:{form}:{surface}" if pos1 == "助動詞" and surface in ("だ", "です", "た") else f"V:{form}"
    return flags, f"N:{pos1}"


def _word(line: str) -> tuple[str, tuple]:
    """A token's surface, and everything its word says about itself, from one line of
    MeCab's output (see `tagger`). Known words have seven tab-separated fields: pos1-3,
    conjugated form, lemma, kana, surface; unknown words have no form, lemma or kana."""
    fields = line.split("\t")
    pos1, pos2, pos3, surface = fields[0], fields[1], fields[2], fields[-1]
    unknown = len(fields) == 4
    cform = "" if unknown else fields[3]
    lemma = surface if unknown or not fields[4] else fields[4]
    reading = surface if unknown or not fields[5] else fields[5]
    katakana = KATAKANA.match(surface) is not None
    latin = LATIN.match(surface) is not None
    proper = pos2 == "固有名詞" or (katakana and LATIN_LEMMA.match(lemma) is not None)
    name_like = latin or (katakana and surface != "ー") or proper or (unknown and pos1 == "名詞" and pos2 != "数詞")
    word = surface, (pos1, pos2, pos3, reading, unknown, katakana, latin, proper, name_key(surface), name_like, cform,
                     chunk_class(pos1, pos2, pos3, cform, surface), *word_flags(pos1, pos2, cform, surface))
    if len(_WORDS) < MAX_WORDS:
        _WORDS[line] = word
    return word


@lru_cache(maxsize=1)
def tagger() -> fugashi.Tagger:
    """MeCab printing one short line per token with only the UniDic fields used here:
    part of speech 1-3, conjugated form, lemma and kana (an unknown word has none of the last three, and a
    separate format, since asking for a field it lacks crashes MeCab). One string for a
    whole text is much cheaper than one Python object per token. MeCab prints `*` as empty;
    the surface comes last because fugashi strips the white space at the end of the output."""
    known = r"%f[0]\t%f[1]\t%f[2]\t%f[5]\t%f[7]\t%f[17]\t%m\n"
    unknown = r"%f[0]\t%f[1]\t%f[2]\t%m\n"
    return fugashi.Tagger(f"-O '' -F '{known}' -U '{unknown}' -E ''")


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Tokens of a text (MeCab treats line breaks as white space); offsets are `base` plus
    the position in `text`. One call holds the whole text in one lattice: a long text goes
    through `pieces.Tokens` instead.

    This runs on every token of every article, so it stays lean: what a word says about
    itself is worked out once per distinct word (`_word`).
    """
    tokens = []
    cursor = 0
    read = fold_variants(text)  # what MeCab is given: 髙橋 as 高橋, which it knows; the surfaces stay as written
    find = read.find
    # fugashi strips white space off the end of MeCab's output, which would cut the line of a
    # last token that is white space to MeCab's eyes but not Python's (\r, \u2028, \u3000):
    # the text goes in without its trailing white space, which makes no token anyway
    for line in tagger().parse(read.rstrip()).split("\n"):
        if not line:
            continue
        surface, word = _WORDS.get(line) or _word(line)
        start = find(surface, cursor)  # MeCab skips only white space, so a gap is white space
        if start < 0:
            continue
        end = start + len(surface)
        if read is not text:
            surface = text[start:end]
        tokens.append(Token(surface, base + start, base + end, start > cursor, *word))
        cursor = end
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
