"""What the name tagger sees of each token: one list of feature strings per token.

Training (`ner/train.py`) and tagging (`ner/tagger.py`) both call `sentence_features`,
so the model is always read with the features it was trained on. The features are
what a reader of Japanese news uses to see where a name starts and ends: the word,
its UniDic part of speech (固有名詞・人名・地名…), its script, its first and last
characters, the same for two words on either side, and whether a word is one of the
cue words of `cues.yaml` (titles such as 社長, endings such as ホールディングス, place
suffixes such as 市). No name is a feature by itself: the tagger learns shapes.
"""

from __future__ import annotations

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


_SEEN: dict[tuple, tuple[list[str], ...]] = {}  # a word's features at each offset, per distinct word
MAX_SEEN = 200_000


def _word_features(t: Token, vocab: Vocab) -> tuple[list[str], ...]:
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
    around = []
    for side, d in OFFSETS:
        f = [f"{side}{d}w={s}", f"{side}{d}p={pos}", f"{side}{d}s={sc}"]
        if cue:
            f.append(f"{side}{d}c={cue}")
        if d == 1:
            f.append(f"-1l={s[-1]}" if side == "-" else f"+1f={s[0]}")
        around.append(f)
    found = (own, *around)
    if len(_SEEN) < MAX_SEEN:
        _SEEN[key] = found
    return found


OFFSETS = [(side, d) for d in range(1, WINDOW + 1) for side in ("-", "+")]  # -1, +1, -2, +2
EDGE = ([], *[[f"{side}{d}=EDGE"] for side, d in OFFSETS])  # what the nothing past either end contributes


def sentence_features(tokens: list[Token], vocab: Vocab, hints: list[list[str]]) -> list[list[str]]:
    """One feature list per token of one sentence, with what the rules and the lexicon propose
    for it and its neighbours (`hints`). Runs on every token
    of every article: the per-word parts come from `_word_features`, each pair of neighbours is
    spelled once per token, and the rest is list concatenation."""
    n = len(tokens)
    words = [EDGE, EDGE, *(_word_features(t, vocab) for t in tokens), EDGE, EDGE]  # token i is words[i + 2]
    result = []
    for i in range(n):
        f = words[i + 2][0] + words[i + 1][1] + words[i + 3][2] + words[i][3] + words[i + 4][4]
        if i > 0:
            a, b = tokens[i - 1], tokens[i]
            f += ["ww=" + a.surface + "|" + b.surface, "pp=" + a.pos2 + "|" + b.pos2]
        if i + 1 < n:
            a, b = tokens[i], tokens[i + 1]
            f += ["wn=" + a.surface + "|" + b.surface, "pn=" + a.pos2 + "|" + b.pos2]
        for k in (i - 1, i, i + 1):
            if 0 <= k < n and hints[k]:
                f += [f"{k - i}{h}" for h in hints[k]]
        result.append(f)
    return result
