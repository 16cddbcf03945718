"""What the name tagger sees of each token: one list of feature strings per token, in UTF-8.

Training (`ner/train.py`) and tagging (`ner/tagger.py`) both call `sentence_features`,
so the model is always read with the features it was trained on. The features are
what a reader of Japanese news uses to see where a name starts and ends: the word,
its UniDic part of speech (固有名詞・人名・地名…), its script, its first and last
characters, the same for two words on either side, and whether a word is one of the
cue words of `cues.yaml` (titles such as 社長, endings such as ホールディングス, place
suffixes such as 市). No name is a feature by itself: the tagger learns shapes.
"""

from __future__ import annotations

from typing import NamedTuple

from builder.analyze.tokens import Token
from builder.analyze.vocab import Vocab

WINDOW = 2  # words on either side


def script(surface: str) -> str:
    """The kinds of characters a word is written in, in order of first appearance, at most three."""
    kinds = []
    for ch in surface:
        if "\u4e00" <= ch <= "\u9fff" or ch in "々〆ヶ":
            k = "K"
        elif "\u3041" <= ch <= "\u309f":
            k = "H"
        elif "\u30a0" <= ch <= "\u30ff":
            k = "T"
        elif ch.isdigit():
            k = "D"
        elif ch.isascii() and ch.isalpha() or "\uff21" <= ch <= "\uff5a":
            k = "U" if ch.isupper() or "\uff21" <= ch <= "\uff3a" else "L"
        else:
            k = "S"
        if k not in kinds:
            kinds.append(k)
    return "".join(kinds[:3])


def _cue(t: Token, vocab: Vocab) -> str:
    """Which cue list of `cues.yaml` the word belongs to, if any."""
    s = t.surface
    if s in vocab.titles:
        return "title"
    if s in vocab.person_markers:
        return "honorific"
    if s in vocab.name_endings:
        return "end-" + vocab.name_endings[s]
    if s in vocab.place_suffixes:
        return "place-suffix"
    if s in vocab.company_words:
        return "company-word"
    return ""


class Word(NamedTuple):
    """What one word contributes to its own features and to those of the words around it,
    as UTF-8: CRFsuite takes bytes as they are, where it encodes each str anew on every call,
    which cost a third of the tagging."""

    parts: tuple[list[bytes], ...]  # its own features, then those it gives the word at each of `OFFSETS` from it
    surface: bytes = b""
    pos2: bytes = b""
    # the pair it makes with the next word, but for that word's surface or pos2: the next word's
    # features of the pair (ww=, pp=), then its own (wn=, pn=)
    ww: bytes = b""
    pp: bytes = b""
    wn: bytes = b""
    pn: bytes = b""


_SEEN: dict[tuple, Word] = {}  # a word's features, per distinct word
MAX_SEEN = 200_000


def _word_features(t: Token, vocab: Vocab) -> Word:
    """What a word contributes to its own features and, prefixed by their offset, to those of
    the words up to `WINDOW` on either side: made once per distinct word, since string
    building costs as much as the tagging itself."""
    key = (t.surface, t.pos1, t.pos2, t.pos3, t.space_before, t.unknown)
    found = _SEEN.get(key)
    if found is not None:
        return found
    s = t.surface
    pos, sc, cue = f"{t.pos1}/{t.pos2}/{t.pos3}", script(s), _cue(t, vocab)
    own = ["b", "w=" + s, "p=" + pos, "s=" + sc, "f=" + s[0], "l=" + s[-1], "f2=" + s[:2], "l2=" + s[-2:], f"n={min(len(s), 4)}", "sp=" + ("1" if t.space_before else "")]
    if cue:
        own.append("c=" + cue)
    if t.unknown:
        own.append("unk")
    parts = [own]
    for side, d in OFFSETS:
        f = [f"{side}{d}w={s}", f"{side}{d}p={pos}", f"{side}{d}s={sc}"]
        if cue:
            f.append(f"{side}{d}c={cue}")
        if d == 1:
            f.append(f"-1l={s[-1]}" if side == "-" else f"+1f={s[0]}")
        parts.append(f)
    pairs = (s, t.pos2, f"ww={s}|", f"pp={t.pos2}|", f"wn={s}|", f"pn={t.pos2}|")
    found = Word(tuple([f.encode() for f in part] for part in parts), *(p.encode() for p in pairs))
    if len(_SEEN) < MAX_SEEN:
        _SEEN[key] = found
    return found


class _Hints(dict):
    """A hint of `candidates.proposal_features` as a feature of the word at an offset from the
    word it is about, by (offset, hint): made on first use, there being a few dozen."""

    def __missing__(self, key: tuple[int, str]) -> bytes:
        offset, hint = key
        value = self[key] = f"{offset}{hint}".encode()
        return value


_HINTS = _Hints()
OFFSETS = [(side, d) for d in range(1, WINDOW + 1) for side in ("-", "+")]  # -1, +1, -2, +2
EDGE = Word(([], *[[f"{side}{d}=EDGE".encode()] for side, d in OFFSETS]))  # the nothing past either end: no pair with it


def sentence_features(tokens: list[Token], vocab: Vocab, hints: list[list[str]]) -> list[list[bytes]]:
    """One feature list per token of one sentence, with what the rules and the lexicon propose
    for it and its neighbours (`hints`). Runs on every token of every article: the per-word
    parts come from `_word_features`, each pair of neighbours is spelled from two strings made
    once per word, and the rest is one list built per token."""
    n = len(tokens)
    words = [EDGE, EDGE, *[_word_features(t, vocab) for t in tokens], EDGE, EDGE]  # token i is words[i + 2]
    result = []
    for i in range(n):
        before, w, after = words[i + 1], words[i + 2], words[i + 3]
        f = [*w.parts[0], *before.parts[1], *after.parts[2], *words[i].parts[3], *words[i + 4].parts[4]]
        if i > 0:
            f += (before.ww + w.surface, before.pp + w.pos2)
        if i + 1 < n:
            f += (w.wn + after.surface, w.pn + after.pos2)
        for d in (-1, 0, 1):
            if 0 <= i + d < n and hints[i + d]:
                f += [_HINTS[d, h] for h in hints[i + d]]
        result.append(f)
    return result
