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

import re
from itertools import pairwise

from builder.analyze.candidate import Candidate
from builder.analyze.compounds import compound_names
from builder.analyze.cues import stock_code_after, title_chain
from builder.analyze.lexicon import Lexicon
from builder.analyze.ner.tagger import tag
from builder.analyze.tokens import HAS_LETTER, Token, match_word
from builder.analyze.vocab import Vocab
from builder.read.textnorm import name_key

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
# the tagger's kinds → musubi's types; a kind not here (facility, event) makes no page
TAGGED_TYPES = {"person": "person", "company": "company", "organization": "organization", "place": "place", "product": "model"}
SURE = 0.5  # a tagged span this sure beats a longer rule run over the same words
SHARES = ("株", "株価", "株式")  # 翔洋株は6%上昇, 翔洋株式のうち26%: the company's shares, written after its name
FAMILY_NAMES = ("人名", "地名")  # UniDic reads many family names as places (佐久間, 松本)


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
        if a == "kana" and nxt.surface in vocab.generation_words:
            return True  # ルミナタブ Pro: a product and its edition
        return a == b == "latin" and (nxt.surface[0].isupper() or nxt.surface[0].isdigit()) and nxt.surface not in vocab.latin_common \
            and nxt.surface not in vocab.titles and prev.surface not in vocab.latin_common  # By Kenji Arai: the name is after By
    if a == b:
        if a == "kanji" and prev.pos3 == nxt.pos3 == "地名":
            return False  # 北海道 苫小牧: two places, not one name
        if a == "kanji" and prev.pos3 == "人名" and nxt.pos3 == "地名":
            return False  # 横田隆一 + 千歳市長: a person, then the place of the title
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
    if match_word(tokens, j, vocab.person_markers, 5)[0]:
        return False  # 宮崎洋一 + 副社長: the character opens the title, it does not end the name
    return (len(tail.surface) == 1 and "\u4e00" <= tail.surface <= "\u9fff" and not tail.space_before
            and bool(match_word(tokens, j + 1, vocab.person_markers, 5)[0]))


def _glued_head(tokens: list[Token], i: int, vocab: Vocab) -> int:
    """Where a name starting at token i really starts when UniDic read its first character as a
    word of its own: a single kanji noun glued before a family name or a katakana word (楢 +
    木野仁司, 楢 + 木野 + 氏; 昭 + シェル, the short form of 昭和シェル), standing alone after a
    particle, a symbol or the start, is the name's first character. Not a title prefix (前, 新),
    a place or a country's abbreviation (米) or a word of time (今)."""
    if i == 0 or tokens[i].space_before or not (tokens[i].pos3 == "人名" or tokens[i].katakana):
        return i
    head = tokens[i - 1]
    if (len(head.surface) != 1 or not "\u4e00" <= head.surface <= "\u9fff" or head.pos1 != "名詞"
            or head.pos2 == "固有名詞" and head.pos3 != "人名" or head.pos3 == "副詞可能"
            or head.surface in vocab.title_prefixes or head.surface in vocab.country_abbreviations):
        return i
    if i >= 2 and not head.space_before and tokens[i - 2].pos1 in ("名詞", "接頭辞", "接尾辞"):
        return i  # the character ends the word before it
    return i - 1


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
        cand = _span(tokens, i, j, text, base, run_suffix)
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


KANJI = re.compile(r"[\u4e00-\u9fff々〆ヶ]+")
NAME_CHARS = (2, 5)  # a Japanese full name in kanji: 2 to 5 characters (森健, 氷見野良三)


def _name_before_title(tokens: list[Token], text: str, base: int, vocab: Vocab) -> list[Candidate]:
    """`組織のY社長`: between `の` and a title someone holds stands a person's name, however MeCab
    cut it (三毛+兼+承, 氷見+野良+三): the kanji run from the `の` to the title, without the place
    of a place's office (横田隆一 + 千歳 + 市長) or a title word (代表取締役). Only titles of office
    (not 選手 or 監督, which make 映画監督), and a run with a personal name in it or of four
    characters or more (not 初代社長, 共同社長)."""
    found = []
    for t in range(2, len(tokens)):
        title, width = match_word(tokens, t, vocab.held_titles, 5)
        if not title or tokens[t].space_before or (t + width < len(tokens) and tokens[t + width].pos1 == "名詞"):
            continue  # not a title, or part of a longer word (社長室, 総裁選)
        i = t
        while i > 0 and KANJI.fullmatch(tokens[i - 1].surface) and not tokens[i - 1].space_before \
                and tokens[i - 1].surface not in vocab.title_modifiers and not match_word(tokens, i - 1, vocab.person_markers, 5)[0]:
            i -= 1
        if i == t or i == 0 or tokens[i - 1].surface != "の":
            continue
        j = t
        while j > i and (tokens[j - 1].pos3 == "地名" or tokens[j - 1].surface in vocab.place_suffixes):
            j -= 1  # the place of the office that follows (千歳 + 市長, 大阪 + 府 + 知事)
        spelled = text[tokens[i].start - base : tokens[j - 1].end - base] if j > i else ""
        named = any(tok.pos3 == "人名" for tok in tokens[i:j]) or len(spelled) >= 4  # 初代, 共同 are no names
        if named and NAME_CHARS[0] <= len(spelled) <= NAME_CHARS[1] and not any(
                tokens[k].surface in vocab.company_words or match_word(tokens, k, vocab.name_endings_set, MAX_SUFFIX_TOKENS)[0]
                for k in range(i, j)):
            found.append(Candidate(i, j, tokens[i].start, tokens[j - 1].end, spelled, "person"))
    return found


def proposals(tokens: list[Token], text: str, base: int, vocab: Vocab, lexicon: Lexicon) -> tuple[list[Candidate], list[Candidate]]:
    """What the lexicon and the rules propose, before the tagger: (lexicon matches, rule runs)."""
    rules = [c for c in _rule_runs(tokens, text, base, vocab) + compound_names(tokens, text, base, vocab)
             + _name_before_title(tokens, text, base, vocab) if c.end - c.start <= NAME_MAX]
    known = _lexicon_matches(tokens, text, base, lexicon) if lexicon.entries else []
    for cand in rules:
        cand.lexicon = lexicon.get(cand.key)
    return known, rules


def proposal_features(n: int, known: list[Candidate], rules: list[Candidate]) -> list[list[str]]:
    """What the proposals say of each of n tokens, as features for the tagger: where a rule run
    or a lexicon match starts and goes on, and the kind its ending or the lexicon gives. The
    tagger learns from real text when to trust each (`ner/features.py`)."""
    hints: list[list[str]] = [[] for _ in range(n)]
    for source, cands in (("r", rules), ("x", known)):
        for c in cands:
            kind = c.lexicon.type if c.lexicon else c.implied
            for k in range(c.i, c.j):
                place = "B" if k == c.i else "I"
                hints[k].append(f"{source}={place}")
                if kind:
                    hints[k].append(f"{source}={place}-{kind}")
            if c.j < n:
                hints[c.j].append(f"{source}=after")
    return hints


def _ending(tokens: list[Token], i: int, j: int, vocab: Vocab) -> str:
    """The kind a naming ending at the end of tokens i..j-1 implies (…平均株価: an index), as for a rule run."""
    for k in range(1, min(MAX_SUFFIX_TOKENS, j - i - 1) + 1):
        category, got = _suffix_at(tokens, j - k, vocab)
        if got == k:
            return category
    return ""


def _trimmed(tokens: list[Token], i: int, j: int, vocab: Vocab) -> tuple[int, int]:
    """A tagged span without what news writes around a name and Wikipedia, which the tagger
    learned from, does not: a country abbreviation before it (米 + テスラ, 英 + アーム; `cues.yaml`
    country_abbreviations) or a byline's By, the shares or a cue word after it (翔洋 + 株, X + 先物,
    Reddit + AMA), and anything from a bracket on
    (東証株価指数（TOPIX: the name ends at the parenthesis)."""
    for k in range(i, j):
        t = tokens[k]
        if t.pos1 == "補助記号" and t.surface not in JOINERS:
            j = k
            break
    if j - i > 1 and (tokens[i].surface in vocab.country_abbreviations or tokens[i].surface in vocab.byline_words):
        i += 1
    for k in range(i + 1, j):  # X1 + 推論 | モデル: a cue word (推論モデル) that starts inside the span ends the name
        word, width = match_word(tokens, k, vocab.trailing_cues, 3)
        if word and k + width >= j and word not in vocab.name_endings:
            j = k
            break
    while j - i > 1 and (tokens[j - 1].surface in SHARES or tokens[j - 1].surface in vocab.latin_common or (
            tokens[j - 1].surface in vocab.trailing_cues and tokens[j - 1].surface not in vocab.name_endings)):
        j -= 1
    return i, j


CLOSERS = frozenset("]］】》")
OPEN_PARENS = frozenset("(（")
GROUP, HEAD_OFFICE = "グループ", "本社"  # Xグループ本社 is one name (a group's holding company), where X本社 is X's head office
DATELINE_GLUE = frozenset(("-", "－", "—", "・", " ", "\u3000"))
ATTRIBUTIVE = "連体形"  # the form of a verb that describes the noun after it (つくる + 協会; not イー of イーロン)
DASHES = frozenset("−‐‑–—-－")  # written inside a name between its words (セブン−イレブン)


def _edges(tokens: list[Token], c: Candidate, text: str, base: int, vocab: Vocab) -> None:
    """Where a chosen name starts and ends, without what news writes around names and the rules
    or the tagger took in: a wire dateline before it ([東京 8日 ロイター] - 大和自動車), a descriptor
    (鉄鋼大手大和製鋼, 投資ファンド・アカツキ), the verb of a clause describing it (つくる +
    国立大学協会), and after a person's name what goes with the title after it (山田前 + 農相, 鈴木新 +
    社長, 田中両 + 氏). A name the lexicon knows is left as it is."""
    if c.lexicon:
        return
    i, j = c.i, c.j
    closed = max((k for k in range(i, j) if tokens[k].surface in CLOSERS), default=-1)
    if closed >= 0:
        i = closed + 1
    for k in range(j - 2, i - 1, -1):
        word, width = match_word(tokens, k, vocab.descriptors, 2)
        if not word and tokens[k].surface in vocab.kind_words and (tokens[k + 1].katakana or tokens[k + 1].latin) \
                and not (k > 0 and tokens[k - 1].surface + tokens[k].surface in vocab.legal_forms):
            word, width = tokens[k].surface, 1  # 製薬企業 + セルジーン (株式会社 + メルカリ is one name)
        if word and k + width < j:
            i = k + width
            break
    i = _past_date(tokens, i, j)  # 25日 + 損害保険ジャパン: the day the sentence is on, written without a comma
    while i < j - 1 and (tokens[i].surface in DATELINE_GLUE or (tokens[i].pos1 == "動詞" and tokens[i].cform.startswith(ATTRIBUTIVE) and not tokens[i].katakana)):
        i += 1  # (つくる + 国立大学協会: the verb of the clause that describes the name)
    last = tokens[j - 1].surface
    if j - i > 1 and last in vocab.honorifics and tokens[j - 2].surface in vocab.title_prefixes:
        j -= 2  # 田中両 + 氏
    elif j - i > 1 and last[:1] in vocab.title_prefixes and last[1:] in vocab.honorifics:
        j -= 1  # 田中 + 両氏
    elif j - i > 1 and tokens[j - 1].surface in vocab.title_prefixes and (
            match_word(tokens, j, vocab.held_titles, 3)[0] or match_word(tokens, j, vocab.honorifics, 1)[0]):
        j -= 1  # 山田前 + 農相
    if (i, j) != (c.i, c.j) and j > i:
        _respan(tokens, c, i, j, text, base)


def _span(tokens: list[Token], i: int, j: int, text: str, base: int, implied: str = "", **given) -> Candidate:
    """The candidate of tokens i..j-1, spelled as the text writes them."""
    return Candidate(i, j, tokens[i].start, tokens[j - 1].end, text[tokens[i].start - base : tokens[j - 1].end - base], implied, **given)


DATE_COUNTERS = frozenset(("年", "月", "日"))


def _past_date(tokens: list[Token], i: int, j: int) -> int:
    """Where a span starts after the date written at its start (2025年1月14日 + 北浜電機, 25日 +
    損害保険ジャパン): numbers each followed by 年, 月 or 日. (A number before another word is a
    name's own: 八十二銀行, 三十三フィナンシャルグループ.)"""
    k = i
    while k < j and tokens[k].pos2 == "数詞":
        k += 1
    if i < k < j - 1 and tokens[k].surface in DATE_COUNTERS:
        return _past_date(tokens, k + 1, j)
    return i


def _respan(tokens: list[Token], c: Candidate, i: int, j: int, text: str, base: int) -> None:
    c.i, c.j, c.start, c.end = i, j, tokens[i].start, tokens[j - 1].end
    c.text = text[c.start - base : c.end - base]
    c.key = name_key(c.text)


def _fused_organisations(tokens: list[Token], chosen: list[Candidate], proposed: list[Candidate], text: str, base: int,
                         vocab: Vocab) -> list[Candidate]:
    """A person the tagger ran into the organisation written after them, before a title (永松文彦
    セブン社長, 竹増貞信ローソン社長): where the lexicon or the rules found that organisation's name
    (a known name, a katakana or Latin run) ending where the person does, and the rest is a
    kanji name, the person is cut back to it and the organisation is a name of its own, returned."""
    ends: dict[int, list[Candidate]] = {}
    for r in proposed:
        ends.setdefault(r.j, []).append(r)
    split = []
    for c in chosen:
        if c.tagged != "person" or c.j >= len(tokens) or tokens[c.j].surface not in vocab.titles:
            continue
        org = next((r for r in ends.get(c.j, ()) if c.i < r.i and (r.lexicon and r.lexicon.type in ("company", "organization")
                                                                   or tokens[r.i].katakana or tokens[r.i].latin)), None)
        if org and sum(len(t.surface) for t in tokens[c.i : org.i]) >= 2 and all(_kanji(t.surface) for t in tokens[c.i : org.i]):
            _respan(tokens, c, c.i, org.i, text, base)
            split.append(org)
    return split


def _kanji(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)


def _after_tagging(tokens: list[Token], chosen: list[Candidate], taken: list[bool], text: str, base: int, vocab: Vocab
                   ) -> list[Candidate]:
    """The chosen names mended where UniDic cut a name the rules and the tagger both followed:
    done after tagging, so that what the tagger learned from (the rules' proposals) stays as it
    was trained. A kanji proper noun and the katakana name glued to it are one (昭和 + シェル); a
    first character read as a word of its own joins its name (昭 + シェル, 楢 + 木野); a word of doing
    or a title before a company's ending is no part of it (更新 + 日産自動車, 社長 + グループ); Xグループ
    + 本社 is one name; words for a kind of company, common abbreviations and what spells one out
    are no names (ファンド, 保険会社, TOB, 株式公開買い付け(TOB))."""
    kept: list[Candidate] = []
    for c in chosen:
        if c.lexicon:
            kept.append(c)
            continue
        last = kept[-1] if kept else None
        if (last is not None and not last.lexicon and last.j + 1 == c.i and tokens[last.j].surface in DASHES
                and (tokens[last.j - 1].katakana or tokens[last.j - 1].latin) and (tokens[c.i].katakana or tokens[c.i].latin)):
            _respan(tokens, last, last.i, c.j, text, base)  # セブン + − + イレブン・ジャパン: one name across its dash
            last.tagged = last.tagged or c.tagged
            continue
        if (last is not None and not last.lexicon and last.j == c.i and last.j - last.i == 1 and tokens[c.i].katakana
                and not tokens[c.i].space_before and tokens[last.i].pos2 == "固有名詞" and tokens[last.i].pos3 == "一般"
                and not tokens[last.i].katakana and not tokens[last.i].latin):
            _respan(tokens, last, last.i, c.j, text, base)
            last.tagged = last.tagged or c.tagged
            continue
        if (last is not None and last.j == c.i and not tokens[c.i].space_before and stock_code_after(tokens, c.j)
                and all(t.pos3 == "地名" for t in tokens[last.i : last.j])):
            _respan(tokens, last, last.i, c.j, text, base)  # 日本 + エアーテック<6291>: a listed company's whole name
            last.lexicon, last.tagged, last.implied = None, "company", ""
            continue
        if c.i > 0 and not taken[c.i - 1]:
            i = _glued_head(tokens, c.i, vocab)
            if i != c.i:
                _respan(tokens, c, i, c.j, text, base)
        if c.implied == "company" and c.j - c.i > 1 and (tokens[c.i].pos3 == "サ変可能" or tokens[c.i].surface in vocab.person_markers):
            if match_word(tokens, c.i + 1, vocab.name_endings_set, MAX_SUFFIX_TOKENS)[1] == c.j - c.i - 1:
                continue  # 社長 + グループ: a title before an ending alone
            _respan(tokens, c, c.i + 1, c.j, text, base)
        ticker = next((k for k in range(c.i, c.j) if _ticker(tokens, k)), None)
        if ticker == c.i:
            continue  # 8697.T: a stock code, no name
        if ticker is not None:
            _respan(tokens, c, c.i, ticker, text, base)  # 資生堂 + 4911.T
        end = person_end(tokens, c, vocab)
        if end != c.j:
            _respan(tokens, c, c.i, end, text, base)  # 江原信 + 上級副社長, 森山裕 + 国対委員長, 池田純 + 前球団社長
            c.tagged, c.implied = "person", ""  # (櫻田 + グループCEO: the ending that made it a company's was the title's)
        given = _given_name_read_as_words(tokens, c, taken, vocab)
        if given != c.j:
            _respan(tokens, c, c.i, given, text, base)  # 前田 + 新造 + 会長
        if c.text.endswith(GROUP) and c.j < len(tokens) and tokens[c.j].surface == HEAD_OFFICE and not taken[c.j]:
            _respan(tokens, c, c.i, c.j + 1, text, base)  # 日清製粉グループ本社: a holding company's name
        if _counted(tokens[c.i : c.j]):  # コンビニ3社, ボーイング767F型機6機: a count is no part of a name
            if c.j - c.i == 2 or all(map(_dictionary_noun, tokens[c.i : c.j - 2])):
                continue  # 3社, コンビニ3社, 大手2行: names counted, none named
            _respan(tokens, c, c.i, c.j - 2, text, base)
        if last is not None and last.tagged == "person" and _title_after_name(tokens, last.j, c.i, c.j, vocab):
            continue  # 石井一久 + GM(47): his title, not a company
        if last is not None and _reading_after(tokens, last.j, c.i, c.j):
            continue  # 青木斗益(ますみ): how the name before is read
        if tokens[c.i].surface in vocab.same_words:
            continue  # 同社グループ: the company in context, no name of its own
        if _names_a_kind(tokens, c.i, c.j, vocab):
            continue  # 製薬 + 大手の…, コンビニ + 大手, スーパー + 「…」: the kind of what is named next
        if not _common_noun(tokens[c.i : c.j], vocab) and not _spells_out_abbreviation(tokens, c.i, c.j, vocab):
            kept.append(c)
    return kept


KANJI_DIGITS = frozenset("〇一二三四五六七八九十百千")


def _numbered_names(tokens: list[Token], taken: list[bool], text: str, base: int, vocab: Vocab) -> list[Candidate]:
    """Names that are a number written in kanji and a company's ending (八十二銀行, 十六銀行,
    七十七銀行): UniDic reads the number as a count, which neither the rules nor the tagger take for
    a name. One kanji digit (大手三銀行) is a count of banks, no name."""
    found = []
    k = 0
    while k < len(tokens):
        i = k
        while k < len(tokens) and tokens[k].pos2 == "数詞" and set(tokens[k].surface) <= KANJI_DIGITS:
            k += 1
        digits = sum(len(t.surface) for t in tokens[i:k])
        category, width = _suffix_at(tokens, k, vocab) if digits >= 2 else ("", 0)
        if category == "company" and not any(taken[i : k + width]) and not (i > 0 and tokens[i - 1].pos1 == "名詞"):
            found.append(_span(tokens, i, k + width, text, base, category))
            k += width
        k = max(k, i + 1)
    return found


def _names_a_kind(tokens: list[Token], i: int, j: int, vocab: Vocab) -> bool:
    """Is the span only ordinary words (katakana ones too: コンビニ, スーパー) written just before a
    descriptor (製薬大手, 通信大手) or a name in quotes (スーパー「…」)? It says what kind of thing
    the name after it is, and is none itself."""
    if j >= len(tokens) or not all(map(_dictionary_noun, tokens[i:j])):
        return False
    return tokens[j].surface in NAME_QUOTES or bool(match_word(tokens, j, vocab.descriptors, 2)[0])


def _dictionary_noun(t: Token) -> bool:
    """An ordinary noun UniDic knows (コンビニ, 製薬, 大手): no proper noun, Latin or unknown word."""
    return t.pos2 == "普通名詞" and not (t.proper or t.unknown or t.latin)


NAME_QUOTES = frozenset("「『")
HIRAGANA = re.compile(r"[\u3041-\u309f]+")


def _reading_after(tokens: list[Token], name_end: int, i: int, j: int) -> bool:
    """Is the span hiragana alone in parentheses right after a name (青木斗益(ますみ))? It is
    how the name is read, not a name."""
    return (name_end == i - 1 and j < len(tokens) and tokens[i - 1].surface in OPEN_PARENS and tokens[j].surface in ")）"
            and all(HIRAGANA.fullmatch(t.surface) for t in tokens[i:j]))


def _title_after_name(tokens: list[Token], name_end: int, i: int, j: int, vocab: Vocab) -> bool:
    """Is the span Latin letters glued to the end of a person's name and followed by no title
    (石井一久GM(47), 山田太郎CEO)? Then it is the person's title. A company is written after a
    name only before the title held at it (柳井正ファーストリテイリング会長)."""
    return name_end == i and not tokens[i].space_before and all(_letters(t) for t in tokens[i:j]) \
        and not match_word(tokens, j, vocab.held_titles, 3)[0]


def _counted(span: list[Token]) -> bool:
    """Does the span end in a number and a counter (3社, 2行, 6機)? (Banks named with a kanji
    number, 百五銀行, are names: only digits count.)"""
    return len(span) >= 2 and span[-2].pos2 == "数詞" and span[-2].surface.isdigit() and span[-1].pos3 == "助数詞可能"


def _ticker(tokens: list[Token], k: int) -> bool:
    """Does a stock code start at token k (4911.T, 7203.T: four digits, a dot, an exchange's letters)?"""
    return (k + 2 < len(tokens) and len(tokens[k].surface) == 4 and tokens[k].surface.isdigit() and tokens[k + 1].surface == "."
            and tokens[k + 2].latin and tokens[k + 2].surface.isupper() and len(tokens[k + 2].surface) <= 2)


def person_end(tokens: list[Token], c: Candidate, vocab: Vocab) -> int:
    """Where the name of a person the tagger found ends, when it ran on into the title after
    it (`_title_inside`, `_title_glued`, `_latin_title`); else the span's end."""
    return min(_title_inside(tokens, c, vocab), _title_glued(tokens, c, vocab), _latin_title(tokens, c))


def _latin_title(tokens: list[Token], c: Candidate) -> int:
    """Where a person's name written in kanji or kana ends that the tagger ran on into Latin
    letters glued after it (山田太郎 + CDO, 石井一久 + GM): a title's abbreviation; else its end."""
    k = c.j
    while k > c.i and _letters(tokens[k - 1]) and not tokens[k - 1].space_before:
        k -= 1
    return k if c.tagged == "person" and c.i < k < c.j and not tokens[k - 1].latin else c.j


def _letters(t: Token) -> bool:
    """Latin letters only (GM, CDO; not ミラ + 2)."""
    return t.latin and t.surface.isascii() and t.surface.isalpha()


GIVEN_CHARS = 3  # characters at most of a given name UniDic read as ordinary words (新造)


def _given_name_read_as_words(tokens: list[Token], c: Candidate, taken: list[bool], vocab: Vocab) -> int:
    """Where a person's name ends that the tagger found as its family name alone, when what
    follows up to a title is a given name UniDic read as ordinary kanji words (前田 + 新造 + 会長:
    新造, "newly built"); else the span's end. Not a title's prefix (鈴木 + 新 + 社長), a place's
    unit (吉村 + 府 + 知事), an organisation (中西 + 経団連 + 会長) nor a title's own first words
    (中村 + 財務相)."""
    if c.tagged != "person" or c.j - c.i != 1 or tokens[c.i].pos3 != "人名":
        return c.j
    for k in range(c.j + 1, min(len(tokens), c.j + 3)):
        words = tokens[c.j : k]
        if (taken[k - 1] or sum(len(t.surface) for t in words) > GIVEN_CHARS or title_chain(tokens, c.j, vocab)[0]
                or any(not KANJI.fullmatch(t.surface) or t.pos2 != "普通名詞" or t.surface in vocab.title_prefixes
                       or t.surface in vocab.place_suffixes for t in words)):
            return c.j
        if title_chain(tokens, k, vocab)[0] and sum(len(t.surface) for t in words) >= 2:
            return k
    return c.j


def _title_inside(tokens: list[Token], c: Candidate, vocab: Vocab) -> int:
    """Where a person's name ends whose span the tagger ran on into a title that runs to its end
    or beyond (鈴木 + 財務相, 秀則 + 副知事): the first token from which a title does; else its end.
    A span the tagger typed otherwise, unsure, that is only a family name and a title (佐久間 +
    頭取, a company at 0.35), or a proper noun or a katakana word and the start of a title word it
    cuts in two (吉原 + 代表 of 代表取締役, スティル + 事務局 of 事務局長), is a person's too: the caller
    types it so."""
    for k in range(c.i + 1, c.j):
        if tokens[k].pos3 == "人名" or (c.tagged == "person" and (tokens[k].katakana or tokens[k].latin)):
            continue  # a name's own word (コンロイ + 国防産業相 is read as a minister's title by its shape)
        word, width = match_word(tokens, k, vocab.held_titles, 4)
        if word and k + width > c.j and all(t.pos2 == "固有名詞" or t.katakana for t in tokens[c.i : k]):
            return k  # 吉原 + 代表|取締役社長: whatever its type, a span that ends inside a title word is a name and a title's start
        if c.tagged != "person" and not (c.sure < SURE and all(t.pos3 in FAMILY_NAMES and KANJI.fullmatch(t.surface) for t in tokens[c.i : k])
                                         and tokens[k].surface not in vocab.place_offices):
            return c.j  # (松本 + 市長 is as often the city's mayor)
        chain, end = title_chain(tokens, k, vocab)
        if not chain and (tokens[k].surface in vocab.title_prefixes or tokens[k].pos1 == "接頭辞"):
            chain, end = title_chain(tokens, k + 1, vocab)  # 前 + 社長, 副 + 知事
        if chain and end >= c.j:
            return k
    return c.j


def _title_glued(tokens: list[Token], c: Candidate, vocab: Vocab) -> int:
    """Where a person's name ends that the tagger ran into the title after it: a family and a
    given name UniDic knows as such, then ordinary words of two characters or more (one of a
    title's prefixes: 前, 元) that go on into the noun after the span (上級 + 副社長, 国対 + 委員長,
    前 + 球団 + 社長) — the title's first words, no part of the name. (A one-kanji word is as
    often the end of a given name UniDic cut: 近藤紳 + 雅.)"""
    if c.tagged != "person" or c.j >= len(tokens) or tokens[c.j].pos1 not in ("名詞", "接尾辞", "接頭辞"):
        return c.j
    named = [k for k in range(c.i, c.j) if tokens[k].pos3 == "人名"]
    if len(named) < 2 or named[-1] == c.j - 1 or named != list(range(c.i, named[-1] + 1)):
        return c.j
    rest = tokens[named[-1] + 1 : c.j]
    title_words = all(t.pos2 in ("普通名詞", "") and not (t.katakana or t.latin)
                      and (len(t.surface) >= 2 or t.surface in vocab.title_prefixes) for t in rest)
    return named[-1] + 1 if title_words else c.j


def _spells_out_abbreviation(tokens: list[Token], i: int, j: int, vocab: Vocab) -> bool:
    """Is tokens i..j-1 glossed as, or the gloss of, a common abbreviation (株式公開買い付け(TOB),
    TOB（株式公開買い付け）)? Then it is that ordinary term written out, no name."""
    after = j + 2 < len(tokens) and tokens[j].surface in OPEN_PARENS and tokens[j + 1].surface in vocab.common_abbreviations
    before = i >= 2 and tokens[i - 1].surface in OPEN_PARENS and tokens[i - 2].surface in vocab.common_abbreviations
    return after or before


def _person_before_office(tokens: list[Token], i: int, j: int, vocab: Vocab) -> int:
    """The end of a person's full name (two or more name tokens) that opens a span the tagger
    took for an organisation, when the rest of the span is their title (斉藤鉄夫 + 国土交通相) or
    the organisation of the title after it (中沢公彦 + 県議会 + 議長: the speaker of the
    assembly); else 0."""
    k = i
    while k < j and tokens[k].pos3 == "人名" and not tokens[k].katakana:
        k += 1
    if k - i >= 2 and k < j and (title_chain(tokens, k, vocab)[1] == j or match_word(tokens, j, vocab.person_markers, 5)[0]):
        return k
    return _katakana_name_before_title(tokens, i, j, vocab)


def _office_after(tokens: list[Token], i: int, j: int, vocab: Vocab) -> int:
    """Where a span the tagger took for an organisation ends before a company office that closes
    it (松下 + 頭取, 北浜 + 社長: a person's family name, or a company written with its officer), or 0.
    Not 代表 (サッカー日本代表 is a team)."""
    for k in range(i + 1, j):
        chain, end = title_chain(tokens, k, vocab)
        if end == j and chain and all(t in vocab.titles and vocab.titles[t] != "representative_of" for t in chain):
            return k
    return 0


def _katakana_name_before_title(tokens: list[Token], i: int, j: int, vocab: Vocab) -> int:
    """The end of a foreign name written in katakana with a middle dot (パット・コンロイ) that opens
    a span ending in a title (国防産業相, 副首相兼国防相); else 0."""
    k = i
    while k < j and (tokens[k].katakana or tokens[k].surface in JOINERS):
        k += 1
    if k - i < 3 or k == j or not any(t.surface in JOINERS for t in tokens[i:k]):
        return 0
    m = k
    while m < j and tokens[m].pos1 == "接頭辞":  # 副 + 首相
        m += 1
    return k if title_chain(tokens, m, vocab)[1] == j else 0


def _before_office(tokens: list[Token], i: int, j: int, vocab: Vocab) -> int:
    """Where a person's name really ends when the tagger ran it into a title that follows: before
    the title's first word (林 + 官房 + 長官), or before the place of the title (横田隆一 + 千歳 +
    市長: the mayor of 千歳; 〜 + 大阪 + 府 + 知事)."""
    for k in range(i + 1, j):
        word, width = match_word(tokens, k, vocab.person_markers, 5)
        if word and k + width > j:
            return k
    if not match_word(tokens, j, vocab.person_markers, 5)[0]:
        return j
    end = j
    while end - 1 > i and (tokens[end - 1].pos3 == "地名" or tokens[end - 1].surface in vocab.place_suffixes):
        end -= 1
    return end if end > i + 1 or end == j else j


def _common_noun(tokens: list[Token], vocab: Vocab) -> bool:
    """Is a span only a word for a kind of company (ファンド), a body named by what it does
    (第三者委員会), a common abbreviation (TOB, EBITDA) or Latin word (AI), or ordinary kanji words ending in a company word
    (保険会社, 持ち株会社)? Not a name with its legal form (アオバ株式会社)."""
    if "".join(t.surface for t in tokens) in vocab.generic_bodies:
        return True  # 第三者委員会: a body named by what it does
    if len(tokens) == 1:
        return tokens[0].surface in vocab.company_words | vocab.descriptors | vocab.common_abbreviations | vocab.latin_common
    if tokens[0].surface in vocab.common_abbreviations and all(
            t.pos1 in ("名詞", "接尾辞") and t.pos2 != "固有名詞" and not (t.proper or t.katakana or t.latin) for t in tokens[1:]):
        return True  # FC店, EC事業: an ordinary term
    return tokens[-1].surface in vocab.company_words and tokens[-2].surface != "株式" and all(
        t.pos2 == "普通名詞" and not (t.unknown or t.proper or t.katakana or t.latin) for t in tokens)


def _ordinary_words(tokens: list[Token]) -> bool:
    """Whether every word is an ordinary kanji word or a number (二 + 強 + 体制): nothing in them a
    product's name is made of (a proper noun, katakana, Latin letters, a word UniDic does not know).
    Alone it does not tell: 日章 + 興産 is a company's name."""
    return all(not (t.proper or t.katakana or t.latin or t.unknown) and t.pos2 != "固有名詞"
               and all("\u4e00" <= ch <= "\u9fff" or ch.isdigit() for ch in t.surface) for t in tokens)


def _before_block(tokens: list[Token], i: int, j: int, vocab: Vocab) -> int:
    """Where a place written as an address ends (渋谷区 + 渋谷 + 2): after its last administrative
    unit (区, 市), without the block and its town name, which have no page of their own."""
    unit = max((k for k in range(i, j) if tokens[k].surface in vocab.place_suffixes), default=-1)
    if unit >= 0:
        return unit + 1
    while j - i > 1 and (tokens[j - 1].pos2 == "数詞" or tokens[j - 1].surface.isdigit()):
        j -= 1
    return j


def _described(tokens: list[Token], i: int, j: int, proposed: list[Candidate], vocab: Vocab, placed: bool = False) -> bool:
    """Is the tagged span a proposed name and words that only say where about it (東京 + 株式市場,
    北海道 + 沖, 広島市 + 内; `cues.yaml` name_descriptions)? Then the proposed name is the name.
    `placed`: only a place's name (鷹峯 + エリア; not 大阪ベイ + エリア, one place 大阪ベイエリア)."""
    head = next((c for c in proposed if c.i == i and c.j < j
                 and (not placed or c.implied == "place" or all(t.pos3 == "地名" for t in tokens[c.i : c.j]))), None)
    return head is not None and "".join(t.surface for t in tokens[head.j : j]) in vocab.name_descriptions


def _wire_dateline(tokens: list[Token], j: int, vocab: Vocab) -> bool:
    """Does a tagged span end with a news agency closing a wire dateline (【ワシントン + 共同 + 】)?
    Then it is no name: the place before the agency is, and the rules have it."""
    return 0 < j < len(tokens) and tokens[j].surface == "】" and tokens[j - 1].surface in vocab.wire_services


def _person_after_a_space(tokens: list[Token], i: int, j: int, by_span: dict) -> int | None:
    """Where a person's name starts that the tagger ran an organisation into across a space
    (ソフトバンク 宮川潤一): a token after a space that UniDic reads as a person's name, right after
    a katakana or Latin name the rules found; else None. (澤田 純 is one person's name.)"""
    return next((k for k in range(i + 1, j) if tokens[k].space_before and tokens[k].pos3 == "人名" and (i, k) in by_span
                 and all(t.katakana or t.latin or t.surface in JOINERS for t in tokens[i:k])), None)


def _place_parts(rules: list[Candidate], i: int, j: int) -> list[Candidate]:
    """The rule runs that tile a tagged place exactly, if there are several: 宮城県 + 大崎市 are
    two places, each with its page (and 大崎市 in 宮城県), where the Stockmark annotation the
    tagger learned from underlines one 宮城県大崎市; a page for the pair would split 大崎市's."""
    inside = sorted((c for c in rules if i <= c.i and c.j <= j), key=lambda c: c.i)
    tiled = len(inside) > 1 and inside[0].i == i and inside[-1].j == j and all(
        a.j == b.i for a, b in pairwise(inside))
    return inside if tiled else []


def _tagged(tokens: list[Token], text: str, base: int, vocab: Vocab, known: list[Candidate], rules: list[Candidate]
            ) -> tuple[list[Candidate], list[Candidate]]:
    """The learned tagger's names (`ner/tagger.py`): a span a rule also found keeps the rule's
    candidate and gains the tagger's kind; the others become candidates of their own. Spans of
    kinds musubi keeps no page for (a facility, a named event such as リーマン・ショック) are
    returned apart: they only keep rule runs inside them from being taken for names."""
    by_span = {(c.i, c.j): c for c in rules}
    own, blocking = [], []
    tagging = tag(tokens, vocab, proposal_features(len(tokens), known, rules))
    for i, j, kind, sure in tagging.spans:
        kind = TAGGED_TYPES.get(kind, "")
        if kind == "model" and tokens[i].pos2 == "数詞" and _ordinary_words(tokens[i:j]):
            continue  # 「二強体制」: a counted phrase of ordinary words in quotes names no product
        if (i, j) not in by_span:  # a rule that found the same span knows its parts (米商務省 is one name)
            i, j = _trimmed(tokens, i, j, vocab)
            if j - i > 1 and tokens[i].pos3 == "サ変可能" and (rest := by_span.get((i + 1, j))) and rest.implied:
                i += 1  # 更新 + 大和自動車: a word of doing (a page's 更新) before a name whose ending names it
        if kind != "person" and (end := _person_before_office(tokens, i, j, vocab)):
            kind, j = "person", end
        elif kind in ("company", "organization") and (end := _office_after(tokens, i, j, vocab)):
            j = end  # 松下 + 頭取: a name and the office its holder has, which no organisation is called
            kind = "person" if all(t.pos3 == "人名" for t in tokens[i:j]) else kind
        if kind == "person":
            i, j = _glued_head(tokens, i, vocab), _before_office(tokens, i, j, vocab)
        elif kind:
            i = _glued_head(tokens, i, vocab)
        if j - i < 1:
            continue
        if kind == "place" and j - i > 1 and (tokens[j - 1].pos2 == "数詞" or tokens[j - 1].surface.isdigit()):
            end = _before_block(tokens, i, j, vocab)  # the rest is no name either: it blocks the rules' runs in it
            blocking.append(_span(tokens, end, j, text, base, sure=1.0))
            j = end
        split = _person_after_a_space(tokens, i, j, by_span) if kind in ("company", "organization", "person") else None
        if split is not None:  # ソフトバンク + 宮川潤一 (written with a space): the organisation, then its person
            if kind != "person":
                by_span[(i, split)].tagged, by_span[(i, split)].sure = kind, sure
            person = by_span.get((split, j))
            if person is None:
                person = _span(tokens, split, j, text, base)
                own.append(person)
            person.tagged, person.sure = "person", sure
            continue
        parts = _place_parts(rules, i, j) if kind == "place" and not _described(tokens, i, j, known + rules, vocab, placed=True) else []
        for part in parts or [by_span.get((i, j))]:
            if part:
                part.tagged, part.sure = kind, sure
        if parts or (i, j) in by_span:
            continue
        if _described(tokens, i, j, known + rules, vocab) or _wire_dateline(tokens, j, vocab):
            continue
        if any(c.implied and c.i == i and c.j > j for c in rules):
            continue  # the rules' run goes on to an ending that names it (X + 指数, X + ホールディングス)
        cand = _span(tokens, i, j, text, base, _ending(tokens, i, j, vocab), tagged=kind, sure=sure)
        if cand.end - cand.start <= NAME_MAX and len(cand.key) >= 2:
            (own if kind else blocking).append(cand)
    for c in rules:
        if not c.sure:  # only a run the tagger did not take needs to know whether it is no name
            c.outside = tagging.outside(c.i, c.j)
    return own, blocking


def _tier(c: Candidate) -> int:
    """Which candidates win overlaps, before length: 0, the lexicon, a name the tagger is sure
    of, a name between の and a title; 1, a rule run whose ending names its kind (…平均: an
    index, which the tagger never learned); 2, the rest, longer first (ベトナム in ベトナム戦争
    loses to the war even when the tagger is unsure of it)."""
    if c.lexicon or c.sure >= SURE or c.implied == "person":
        return 0
    return 1 if c.implied and not c.sure else 2


def find_candidates(tokens: list[Token], text: str, base: int, vocab: Vocab, lexicon: Lexicon
                    ) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """Non-overlapping candidates in text order (`_tier`, then the longer, then a lexicon match),
    and the (start, end) of the names of kinds musubi keeps no page for that the tagger found
    (linking finds no name inside them: no アメリカ in アメリカ同時多発テロ事件). The tagger has
    learned where names end on real text, where the rules' longest run takes in a title or a
    place (宮崎洋一+副社長, a name + a city + 市長)."""
    known, rules = proposals(tokens, text, base, vocab, lexicon)
    tagged, blocking = _tagged(tokens, text, base, vocab, known, rules)
    for cand in tagged:
        cand.lexicon = lexicon.get(cand.key)
    everything = known + rules + tagged + blocking
    ranked = sorted(everything, key=lambda c: (_tier(c), c.i - c.j, c.lexicon is None, c.i))
    chosen: list[Candidate] = []
    taken = [False] * len(tokens)
    for cand in ranked:
        if any(taken[cand.i : cand.j]):
            continue
        taken[cand.i : cand.j] = [True] * (cand.j - cand.i)
        chosen.append(cand)
    chosen += _fused_organisations(tokens, chosen, known + rules, text, base, vocab)
    for cand in chosen:
        _edges(tokens, cand, text, base, vocab)
    chosen = _after_tagging(tokens, sorted(chosen, key=lambda c: c.i), taken, text, base, vocab)
    chosen = sorted(chosen + _numbered_names(tokens, taken, text, base, vocab), key=lambda c: c.i)
    # a facility or named event that won its words is no candidate, and no known name is found in it
    kept = {id(c) for c in chosen}
    others = [(c.start, c.end) for c in blocking if id(c) in kept]
    return sorted((c for c in chosen if c.lexicon or c.tagged or not c.sure), key=lambda c: c.i), others
