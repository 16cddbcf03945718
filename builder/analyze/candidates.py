"""Spans of tokens that could be names, before anyone decides what they are.

UniDic has no organisation tag and splits or mis-tags new names, so a
candidate is a maximal run of name-like tokens: Latin letters and digits
(with - . & joining them, and spaces before a capitalised word), katakana
words (joined by ・ or ＝), and proper nouns. A name-internal ending such as
グループ or 平均 is kept and remembered (`suffix`), a trailing cue such as
モデル is cut off. Lexicon spellings are matched over token boundaries so a
dictionary word is never matched inside a longer word.
"""

from __future__ import annotations

from builder.analyze.candidate import Candidate
from builder.analyze.compounds import compound_names
from builder.analyze.lexicon import Lexicon
from builder.analyze.tokens import HAS_LETTER, Token, match_word
from builder.analyze.vocab import Vocab
from builder.textnorm import name_key

KANA_JOINERS = {"・", "＝", "="}
LATIN_JOINERS = {"-", "－", ".", "&", "＆", "'", "’", "+"}
AMPERSANDS = {"&", "＆"}
JOINERS = KANA_JOINERS | LATIN_JOINERS
MAX_SUFFIX_TOKENS = 3
# A run of more characters than this is not a name but a table or a line of one letter pasted as
# text (news names are at most a few dozen: カーチス・エアロプレーン・アンド・モーター・カンパニー is 27). Each
# spelling of a name becomes a branch of one regular expression when linking, a level per character
# (`link.entities.longest_match_pattern`, which takes no longer spelling either): a run of 2,000
# katakana or Latin letters and digits taken for a name went past Python's recursion limit there.
NAME_MAX = 100


def _wordish(t: Token) -> bool:
    """May a lexicon spelling start or end on this token? Words yes, symbols and particles no."""
    return t.latin or (t.pos1 in ("名詞", "接尾辞", "接頭辞") and t.pos2 not in ("数詞",)) or t.name_like


def _kind(t: Token) -> str:
    if t.latin:
        return "latin"
    if t.katakana:
        return "kana"
    return "kanji"


def _joins(prev: Token, nxt: Token, vocab: Vocab) -> bool:
    """May `nxt` continue a name whose last token is `prev`?"""
    if not nxt.name_like:
        return False
    a, b = _kind(prev), _kind(nxt)
    if nxt.space_before:
        return a == b == "latin" and (nxt.surface[0].isupper() or nxt.surface[0].isdigit()) and nxt.surface not in vocab.latin_common and nxt.surface not in vocab.titles
    if a == b:
        if a == "kanji" and prev.pos3 == nxt.pos3 == "地名":
            return False  # 北海道 苫小牧: two places, not one name
        return a != "kanji" or (prev.proper and nxt.proper)
    if a == "latin" and b == "kana":
        return nxt.proper  # Xダウ (an index), not Xショック
    if a == "kana" and b == "latin":
        if nxt.surface in vocab.titles or nxt.surface in vocab.person_markers:
            return False  # ミラーCEO is a name and a title
        return nxt.surface.isdigit() or (nxt.surface.isupper() and len(nxt.surface) <= 3)  # ネビュラ7, スペースX
    return False


def _suffix_at(tokens: list[Token], j: int, vocab: Vocab) -> tuple[str, int]:
    """A naming ending starting at token j: (category, tokens it spans)."""
    word, width = match_word(tokens, j, vocab.name_endings_set, MAX_SUFFIX_TOKENS)
    return (vocab.name_endings[word], width) if word else ("", 0)


def _kanji_prefix(t: Token, vocab: Vocab) -> bool:
    """An ordinary two-or-more-kanji noun right before a katakana company name."""
    return (t.pos1 == "名詞" and len(t.surface) >= 2 and not t.katakana and not t.latin
            and t.pos2 not in ("数詞",) and t.surface not in vocab.company_words and t.pos3 != "地名"
            and all("\u4e00" <= ch <= "\u9fff" for ch in t.surface))


def _person_tail(tokens: list[Token], i: int, j: int, vocab: Vocab) -> bool:
    """Is token j the last character of a kanji person name whose other tokens are i..j-1?"""
    if j + 1 >= len(tokens) or tokens[i].pos3 != "人名" or not all(t.pos3 == "人名" and not t.katakana for t in tokens[i:j]):
        return False
    tail = tokens[j]
    return (len(tail.surface) == 1 and "\u4e00" <= tail.surface <= "\u9fff" and not tail.space_before
            and tail.surface not in vocab.person_markers and bool(match_word(tokens, j + 1, vocab.person_markers, 5)[0]))


def _rule_runs(tokens: list[Token], text: str, base: int, vocab: Vocab) -> list[Candidate]:
    found = []
    n = len(tokens)
    free = 0  # tokens before this one belong to a run already made
    for i in [k for k, t in enumerate(tokens) if t.name_like]:
        t = tokens[i]
        if i < free or (t.latin and not HAS_LETTER.search(t.surface)):
            continue
        j = i + 1
        while j < n:
            nxt = tokens[j]
            if nxt.surface in JOINERS and j + 1 < n and not nxt.space_before and not tokens[j + 1].space_before:
                kinds = {_kind(tokens[j - 1]), _kind(tokens[j + 1])}
                joiner_fits = kinds == ({"latin"} if nxt.surface in LATIN_JOINERS else {"kana"}) or (
                    kinds == {"kana"} and nxt.surface in AMPERSANDS)  # セブン&アイ
                if joiner_fits and tokens[j + 1].name_like:
                    j += 2
                    continue
            if _joins(tokens[j - 1], nxt, vocab):
                j += 1
                continue
            break
        while j - i > 1 and tokens[j - 1].surface in vocab.trailing_cues:
            j -= 1
        run_suffix, width = "", 0
        for k in range(1, min(MAX_SUFFIX_TOKENS, j - i) + 1):  # an ending already inside the run
            category, got = _suffix_at(tokens, j - k, vocab)
            if got == k:
                run_suffix, width = category, k
                break
        place = t.pos3 == "地名" and all(tok.pos3 == "地名" for tok in tokens[i:j])
        if _person_tail(tokens, i, j, vocab):
            j += 1  # 魏哲+家 会長: UniDic cut the last character of a name off
        if not run_suffix:
            category, got = _suffix_at(tokens, j, vocab)
            if got and (category != "organization" or place):
                run_suffix, j = category, j + got
                category, got = _suffix_at(tokens, j, vocab)
                if got and category == run_suffix == "company":
                    j += got  # 武田 + 薬品 + 工業
            elif place and j < n and not tokens[j].space_before and tokens[j].surface in vocab.place_suffixes:
                run_suffix, j = "place", j + 1  # 札幌市
        if run_suffix == "company" and i > 0 and not tokens[i].space_before and _kanji_prefix(tokens[i - 1], vocab):
            i -= 1  # 北辰 + ロボティクス: an ordinary kanji word opens a company name
        elif width == j - i:  # the run is only an ending (グループ): not a name
            free = j
            continue
        cand = Candidate(i, j, tokens[i].start, tokens[j - 1].end, text[tokens[i].start - base : tokens[j - 1].end - base], run_suffix)
        free = j
        if cand.text in vocab.cue_words:
            continue
        if len(cand.key) >= 2 and cand.text not in vocab.latin_common and cand.text not in vocab.person_markers:
            found.append(cand)
    return found


def _lexicon_matches(tokens: list[Token], text: str, base: int, lexicon: Lexicon) -> list[Candidate]:
    """Longest lexicon spellings, leftmost first, extended token by token while the joined
    key is still the prefix of some lexicon key. Only tokens that open some key are tried."""
    found = []
    prefixes, n = lexicon.prefixes, len(tokens)
    free = 0
    for i in [k for k, t in enumerate(tokens) if t.key in prefixes]:
        if i < free or not _wordish(tokens[i]):
            continue
        best, key = 0, ""
        for j in range(i, min(n, i + lexicon.max_tokens)):
            t = tokens[j]
            if j > i and t.space_before and not (t.latin and tokens[j - 1].latin):
                break
            key += t.key
            if key not in prefixes:
                break
            if key in lexicon.by_key and _wordish(t):
                best = j + 1
        if best:
            surface = text[tokens[i].start - base : tokens[best - 1].end - base]
            found.append(Candidate(i, best, tokens[i].start, tokens[best - 1].end, surface, lexicon=lexicon.get(name_key(surface))))
            free = best
    return found


def find_candidates(tokens: list[Token], text: str, base: int, vocab: Vocab, lexicon: Lexicon) -> list[Candidate]:
    """Non-overlapping candidates in text order; the longer span wins, a lexicon match wins a tie."""
    rules = [c for c in _rule_runs(tokens, text, base, vocab) + compound_names(tokens, text, base, vocab)
             if c.end - c.start <= NAME_MAX]
    known = _lexicon_matches(tokens, text, base, lexicon) if lexicon.entries else []
    for cand in rules:
        cand.lexicon = lexicon.get(cand.key)
    everything = known + rules
    if len(everything) < 2:
        return everything
    ranked = sorted(everything, key=lambda c: (c.i - c.j, c.lexicon is None, c.i))
    chosen: list[Candidate] = []
    taken = [False] * len(tokens)
    for cand in ranked:
        if any(taken[cand.i : cand.j]):
            continue
        taken[cand.i : cand.j] = [True] * (cand.j - cand.i)
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.i)
