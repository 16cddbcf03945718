"""Context cues: what the words around a candidate say it is.

Each cue adds points to a type. Points from every mention of a name, in
every article, are added up when linking, so one clear cue ("Xが開発した",
"Xの…CEO", "米半導体大手のX") types a name everywhere it appears.
"""

from __future__ import annotations

import re

from builder.analyze.candidate import Candidate
from builder.analyze.tokens import Token, WordSet, match_word
from builder.analyze.vocab import Vocab

STRONG, MEDIUM, WEAK = 3, 2, 1
KATAKANA_WORD = re.compile(r"[\u30a1-\u30faー]+")
UNTAGGED_KINDS = ("index", "project", "model")  # kinds the tagger never learned: an ending that says one outweighs it
ORG_TYPES = frozenset(("company", "organization"))  # (patterns.py and the linker read it from here)
NO_NAME = 0.8  # how sure the tagger must be that a rule run is no name for weak cues not to count
LEXICON = 10
LIST_SEPARATORS = {"や", "と", "、", "・", "および", "及び", "，"}
APPOSITION_SEPARATORS = {"、", "「", "の", "である", "，"}
PHRASE_PARTS = {"名詞", "接頭辞", "接尾辞"}
OPEN_PAREN, CLOSE_PAREN = {"（", "("}, {"）", ")"}
HEAD_OFFICE = {"本社を置く", "本社を構える", "本拠を置く", "本部を置く", "本社を持つ"}


def surfaces(tokens: list[Token], start: int, count: int) -> str:
    return "".join(t.surface for t in tokens[start : start + count])


def starts_with_word(tokens: list[Token], j: int, words: WordSet, width: int = 3) -> str:
    return match_word(tokens, j, words, width)[0]


def after_quote(tokens: list[Token], c: Candidate) -> int:
    """Index of the first token after the candidate and a closing 」 that wraps it."""
    if c.i > 0 and tokens[c.i - 1].surface == "「" and c.j < len(tokens) and tokens[c.j].surface == "」":
        return c.j + 1
    return c.j


def title_chain(tokens: list[Token], j: int, vocab: Vocab) -> tuple[list[str], int]:
    """Titles starting at token j and the token after them: 会長兼社長 → [会長, 社長], and
    titles written together, 代表取締役社長 → [代表取締役, 社長], 社長執行役員 → [社長, 執行役員];
    a minister's title is read by its shape (`minister_title`)."""
    found = []
    while j < len(tokens):
        word, width = match_word(tokens, j, vocab.person_markers, 5)  # 最高+経営+責任+者
        if not word:
            word, width = minister_title(tokens, j, vocab)
        if not word:
            break
        found.append(word)
        j += width
        if j + 1 < len(tokens) and tokens[j].surface == "兼":
            j += 1
            continue
        if word in vocab.titles and j < len(tokens) and not tokens[j].space_before and match_word(tokens, j, vocab.title_words, 5)[0]:
            continue
        break
    return found, j


MINISTRY_WORD_PARTS = {"名詞", "接尾辞"}


def minister_title(tokens: list[Token], j: int, vocab: Vocab) -> tuple[str, int]:
    """`財務+相`, `経済+再生+担当+相`, `経済+産業+大臣` at token j: ordinary words (the
    ministry's), then a minister ending, with its token count; ("", 0) if there is none.
    The ministries are too many, and too often renamed or abbreviated (経産相, 経財相), to list."""
    if j >= len(tokens) or tokens[j].pos1 != "名詞" or tokens[j].pos2 == "固有名詞" or tokens[j].space_before:
        return "", 0
    for k in range(j + 1, min(len(tokens), j + 5)):
        t = tokens[k]
        if t.space_before:
            break
        if t.surface in vocab.minister_endings and (t.pos1 == "接尾辞" or t.surface != "相"):
            return "".join(x.surface for x in tokens[j : k + 1]), k + 1 - j
        if t.pos1 not in MINISTRY_WORD_PARTS or t.pos2 == "固有名詞" or t.pos2 == "数詞":
            break
    return "", 0


def is_minister(title: str, vocab: Vocab) -> bool:
    """A minister's title: a listed one (外相), or one read by its shape (財務相, never a listed marker)."""
    return title in vocab.ministers or (title not in vocab.person_markers and any(title.endswith(e) for e in vocab.minister_endings))


def relates_holder(title: str, vocab: Vocab) -> bool:
    """Does the title tie its holder to what is named with it (社長 to a company, 知事 to a
    prefecture, 財務相 to a country)? Honorifics (氏) and offices such as 首相 do not."""
    return title in vocab.titles or title in vocab.place_offices or is_minister(title, vocab)


def title_before(tokens: list[Token], c: Candidate, vocab: Vocab) -> tuple[list[str], int | None]:
    """`OrgのCEOであるX`, `OrgのCEO、X`, `Org CEOのX`, `Org代表取締役社長のX`, `熊本県知事のX`:
    the titles set before a name, and the index of the token just after the organisation (or
    place) named before them, or None. The longest run of titles ending at the separator wins."""
    k = c.i - 1
    if k >= 1 and tokens[k].surface == "ある" and tokens[k - 1].surface == "で":
        k -= 2
    elif k >= 0 and tokens[k].surface in ("、", "の", "・"):
        k -= 1
    else:
        return [], None
    if k < 0 or tokens[k].surface not in vocab.title_endings:
        return [], None
    for start in range(max(0, k - 7), k + 1):
        chain, end = title_chain(tokens, start, vocab)
        if end == k + 1 and chain and all(relates_holder(t, vocab) for t in chain):
            before = start - 1
            if before >= 0 and tokens[before].surface == "の":
                before -= 1
            return chain, before + 1
    return [], None


INFLECTION = {"し", "た", "する", "して", "て", "いる", "い", "さ", "れ", "せ", "ます", "まし", "だ", "です", "中"}
CLAUSE_ENDS = {"、", "。", "，", "！", "？"}
NEGATIONS = ("ない", "ず", "なかっ", "ぬ")
DEAL_WINDOW = 12  # tokens after a deal word read for its state (協議, 断念)


def deal_word(tokens: list[Token], v: int, vocab: Vocab) -> tuple[str, str, int] | None:
    """The deal word at token v, if it states a deal: (kind, predicate, width). A word inside a
    longer noun (事業統合, 買収額, 提携先) or with something else as its object (データを統合)
    states none."""
    if tokens[v].surface not in vocab.deal_words.prefixes:  # the usual case: answer before looking further
        return None
    before = tokens[v - 1] if v else None
    for kind, table in (("deal", vocab.deals), ("joint", vocab.joint_deals)):
        for predicate, words in table.items():
            word, width = match_word(tokens, v, words, 4)
            if word:
                if kind == "joint" and before and (before.surface == "を" or (before.pos1 == "名詞" and not before.space_before)):
                    return None
                if v + width < len(tokens) and tokens[v + width].pos1 == "名詞" and tokens[v + width].surface not in vocab.deal_talks:
                    return None
                return kind, predicate, width
    for kind, words in (("supply_from", vocab.supply_from), ("supply_to", vocab.supply_to), ("supply_orders", vocab.supply_orders)):
        word, width = match_word(tokens, v, words, 2)
        if word and not (v + width < len(tokens) and tokens[v + width].pos1 == "名詞"):
            return kind, "supplies", width
    return None


def deal_state(tokens: list[Token], after: int, vocab: Vocab) -> str:
    """'done' (or decided), 'talks' or 'off', from the words after a deal word to the end of its
    clause: 買収する / 経営統合に向けて協議 / 提携を解消, 買収しない; a deal the subject makes others
    do (SPCをHCCと合併させる) is none of the subject's: 'off'."""
    window = []
    for t in tokens[after : after + DEAL_WINDOW]:
        if t.surface in CLAUSE_ENDS:
            break
        window.append(t.surface)
    lead = 0
    while lead < len(window) and window[lead] in INFLECTION:
        lead += 1
    text = "".join(window)
    if text.startswith(CAUSATIVE) or (lead < len(window) and window[lead].startswith(NEGATIONS)) or any(w in text for w in vocab.deal_off):
        return "off"
    return "talks" if any(w in text for w in vocab.deal_talks) else "done"


CAUSATIVE = ("させ", "さす")  # 合併させる: the subject makes two others merge
SIDE_MARKS = {"を", "と", "との", "から", "に", "へ", "向け"}
SIDE_REACH = 8  # tokens from a marked name to its deal word (Yから車載電池を調達)


def deal_sides(tokens: list[Token], cands: list[Candidate], vocab: Vocab) -> set[int]:
    """The names (candidate indices) that take part in a deal written in the sentence: the name
    nearest before a deal word in its clause marked を, と, から, に or 向け (Yを買収, Yと提携,
    Yから部品を調達; what is supplied, 電池を供給, is no side), the topic of the clause (Xは24日、…),
    and the name a deal clause describes (Yを買収したX). A deal is made between companies, so
    each is a cue to the type."""
    openers = vocab.deal_words.prefixes
    spots = [(v, found[0], found[2]) for v, t in enumerate(tokens) if t.surface in openers and (found := deal_word(tokens, v, vocab))]
    if not spots:
        return set()
    sides = set()
    for k, c in enumerate(cands):
        j = after_quote(tokens, c)
        mark = tokens[j].surface if j < len(tokens) else ""
        for v, kind, width in spots:
            between = tokens[j:v]
            if v < j:
                rest = tokens[v + width : c.i]
                if rest and all(t.surface in INFLECTION or t.pos1 == "動詞" for t in rest) and len(rest) <= 3:
                    sides.add(k)  # Yを買収したX
                continue
            if any(t.surface == "。" for t in between):
                break
            if mark in ("は", "が", "も"):
                sides.add(k)
                break
            nearest = not (k + 1 < len(cands) and cands[k + 1].i < v)  # not スマートフォン in スマートフォン向けゲームを手がけるYを買収
            if nearest and mark in SIDE_MARKS and not (mark == "を" and kind.startswith("supply")) \
                    and len(between) <= SIDE_REACH and not any(t.surface in CLAUSE_ENDS for t in between):
                sides.add(k)
                break
    return sides


def preceding_phrase(tokens: list[Token], c: Candidate) -> tuple[int, int] | None:
    """The noun phrase set before a name as its description: 中国のAIスタートアップ、X.

    Returns token indices [a, b) of the phrase, found across one separator
    (、 「 の or である), or None.
    """
    k = c.i - 1
    if k >= 0 and tokens[k].surface == "ある" and k > 0 and tokens[k - 1].surface == "で":
        k -= 2
    elif k >= 0 and tokens[k].surface in APPOSITION_SEPARATORS:
        k -= 1
    elif not (k >= 0 and tokens[k].pos1 in PHRASE_PARTS and not tokens[c.i].space_before):
        return None  # 新興企業ネクサ・シリコン: the phrase may also touch the name
    b = k + 1
    while k >= 0 and (tokens[k].pos1 in PHRASE_PARTS or tokens[k].surface == "の" or tokens[k].latin):
        k -= 1
    a = k + 1
    while a < b and tokens[a].surface == "の":
        a += 1
    return (a, b) if b - a >= 1 else None


def is_common(tokens: list[Token], c: Candidate) -> bool:
    """Made only of ordinary dictionary words (ディープ+シーク, データ+センター)."""
    return not c.lexicon and all(not (t.proper or t.unknown or t.latin) for t in tokens[c.i : c.j])


def _ends_with(tokens: list[Token], k: int, words: frozenset[str]) -> bool:
    """Do the tokens ending just before index k spell one of `words` (up to three tokens)?
    A parenthesis in between is skipped: 電気自動車（EV）「X」."""
    if k >= 1 and tokens[k - 1].surface in CLOSE_PAREN:
        while k > 0 and tokens[k - 1].surface not in OPEN_PAREN:
            k -= 1
        k -= 1
    spelled = ""
    for back in range(k - 1, max(-1, k - 4), -1):
        spelled = tokens[back].surface + spelled
        if spelled in words:
            return True
    return False


def quoted(tokens: list[Token], c: Candidate) -> bool:
    return after_quote(tokens, c) != c.j


def vote(tokens: list[Token], cands: list[Candidate], vocab: Vocab) -> list[tuple[dict[str, int], str]]:
    """Points per type for each candidate of one sentence, from its own context,
    and the descriptive phrase set before it (中国のAIスタートアップ), if any.

    A name made only of ordinary words (オープンソース, ビジネス) counts only
    the cues that name things: an ending, a title, quotes, an apposition.
    """
    starts = {c.i: c for c in cands}
    by_end = {c.j: c for c in cands}
    ends = set(by_end)
    in_deals = deal_sides(tokens, cands, vocab)
    result = []
    for k, c in enumerate(cands):
        votes: dict[str, int] = {}
        description = ""
        common = is_common(tokens, c)
        loose = not common or quoted(tokens, c)  # may ordinary context words type it?
        several = c.j - c.i > 1

        adjective = c.j < len(tokens) and not tokens[c.j].space_before and tokens[c.j].surface in vocab.place_adjective_suffixes
        if c.lexicon and not (adjective and c.lexicon.type == "place"):
            _add(votes, c, c.lexicon.type, LEXICON)
            phrase = c.phrase if c.lexicon.type == "company" else None
            description = _description(tokens, phrase, vocab) if phrase else ""
            result.append((votes, description))
            continue  # the lexicon has settled the type; context cues could not outvote it
        if c.implied:
            _add(votes, c, c.implied, STRONG)
        if c.tagged and c.implied not in UNTAGGED_KINDS:
            association = c.tagged == "company" and c.text.endswith(tuple(vocab.association_endings))
            _add(votes, c, "organization" if association else c.tagged, _tagged_points(c))  # 日本観光振興協会: no company
        strong_only = not c.tagged and c.outside >= NO_NAME  # the tagger is sure no word of it is a name (リーグ)
        if c.i > 0 and tokens[c.i - 1].surface in vocab.byline_words:
            _add(votes, c, "person", STRONG)  # By Kenji Arai
        nxt = after_quote(tokens, c)
        titles, end = c.titles, c.title_end
        if titles and titles[0] in vocab.place_offices and all(t.pos3 == "地名" for t in tokens[c.i : c.j]):
            _add(votes, c, "place", STRONG)  # 相模原市長, 千葉県知事: the office of a place, no person's name
            titles = ()
        elif titles and c.implied in ("company", "organization"):
            titles = ()  # 神奈川県議会議員, 北辰電工社長: a name whose ending makes it an organisation is the title's, no person's
        if titles:
            org_before_person = end + 1 < len(tokens) and tokens[end].surface == "の" and (end + 1) in starts
            if not ((org_before_person or holder_before(tokens, c, by_end)) and any(relates_holder(t, vocab) for t in titles)):
                _add(votes, c, "person", STRONG)
            elif any(t in vocab.titles for t in titles):
                _add(votes, c, "company", STRONG)  # X社長のY, 三部敏宏・ホンダ社長; a place (熊本県知事のY) has cues of its own
        if c.title_before:
            _add(votes, c, "person", STRONG)
        if c.j + 1 < len(tokens) and tokens[c.j].surface in ("の", "・"):
            joined = tokens[c.j].surface == "・"
            if not joined and starts_with_word(tokens, c.j + 1, vocab.title_words):
                _add(votes, c, "company", STRONG)
            person = starts.get(c.j + 1)
            if person and any(t in vocab.titles or t in vocab.honorifics for t in person.titles) and (
                    not joined or (_looks_like_person(tokens[person.i : person.j]) and not _looks_like_person(tokens[c.i : c.j]))):
                _add(votes, c, "company", STRONG)  # XのY社長, ホンダ・三部敏宏社長 (not 北海道の鈴木直道知事)
        place = tokens[c.i].pos3 == "地名" and all(t.pos3 == "地名" for t in tokens[c.i : c.j])
        if loose and not place and (starts_with_word(tokens, c.j, vocab.company_words, 1) or (c.j < len(tokens) and tokens[c.j].surface in ("株", "株価"))):
            _add(votes, c, "company", MEDIUM)
        if loose and starts_with_word(tokens, nxt, vocab.model_words):
            _add(votes, c, "model", STRONG)
        if loose and starts_with_word(tokens, nxt, vocab.project_words, 1):
            _add(votes, c, "project", STRONG)
        if loose and starts_with_word(tokens, c.j, vocab.index_after, 1):
            _add(votes, c, "index", MEDIUM)
        if (loose or several) and c.j + 1 < len(tokens) and tokens[c.j].surface == "が" and starts_with_word(tokens, c.j + 1, vocab.making_verbs, 2):
            _add(votes, c, "company", MEDIUM)
        if quoted(tokens, c) and _ends_with(tokens, c.i - 1, vocab.naming_words):
            _add(votes, c, "model", STRONG)  # AIモデル「X」, 物流ロボット「X」
        owned = starts_with_word(tokens, c.j, vocab.family_words, 2) or (
            c.j + 1 < len(tokens) and tokens[c.j].surface == "の" and starts_with_word(tokens, c.j + 1, vocab.family_words, 2)) or (
            c.i >= 3 and surfaces(tokens, c.i - 3, 3) in HEAD_OFFICE) or _legal_form_written(tokens, c, vocab) or stock_code_after(tokens, c.j)
        if owned:
            _add(votes, c, "company", STRONG)  # X傘下の…, Xの親会社, 東京に本社を置くX, X(株), 株式会社X, X<7944>
        if not c.implied and not c.text.endswith(tuple(vocab.association_endings)) and not any(
                t.pos3 == "地名" for t in tokens[max(0, c.i - 1) : c.j]) and _head_office_after(tokens, c.j, vocab):
            # マイヤ(岩手県大船渡市): where its head office is — not 高崎(群馬県), a place's place, nor the rest
            # of a name a place opens (東京 + フットボールクラブ(調布市))
            _add(votes, c, "company", STRONG)
        if loose and quoted(tokens, c) and c.i >= 3 and tokens[c.i - 2].surface == "の" and (c.i - 2) in ends:
            _add(votes, c, "model", MEDIUM)  # 任天堂の「X」: a named thing of a named maker
        if loose and not place and c.j + 2 < len(tokens) and tokens[c.j].surface == "の" and tokens[c.j + 1].surface == "「" \
                and (c.j + 2) in starts:
            _add(votes, c, "company", MEDIUM)  # 任天堂の「X」: the maker of a named thing
        if loose and not place and _topic_with_date(tokens, c):
            _add(votes, c, "company", MEDIUM)  # Xは5日、…: how news opens on a company (or, named so, an organisation)
        if (loose or several) and k in in_deals:
            _add(votes, c, "company", MEDIUM)  # Xは…Yを買収, Yと経営統合, Yから調達
        phrase = c.phrase if c.phrase and not (common and not several and _compounded(tokens, c, vocab)) else None
        described = bool(phrase) and tokens[phrase[1]].surface != "の"  # 米決済大手キューブ (鉄道会社のキャンペーン: whose)
        if phrase:
            _add(votes, c, "company", STRONG)
            description = _description(tokens, phrase, vocab)
        name_tokens = [t for t in tokens[c.i : c.j] if t.surface not in ("・", "＝", "=")]
        if not c.implied and not adjective and all(t.pos3 == "地名" for t in name_tokens):
            _add(votes, c, "place", STRONG)
        elif _looks_like_person(tokens[c.i : c.j]):
            _add(votes, c, "person", MEDIUM)
        if strong_only:  # then only strong cues count, and ordinary words are nobody (サッカー選手, バンドのメンバー)
            votes = {kind: points for kind, points in votes.items() if points >= STRONG and not (common and kind == "person")}
        if common and not several and not c.tagged and not c.implied and tokens[c.i].pos2 == "普通名詞" and not (described or owned):
            # one ordinary word (シェア, パートナー, キューブ) is a company only where the text says it is one: a
            # description set before it (米決済大手キューブ), its group or parent (キューブ傘下の), its head
            # office — not by what is near it (国内企業のシェア, パートナーの代表)
            votes = {kind: points for kind, points in votes.items() if kind not in ORG_TYPES}
        result.append((votes, description))
    return result


def _compounded(tokens: list[Token], c: Candidate, vocab: Vocab) -> bool:
    """Is one ordinary word written glued to the company word before it, as the second half of a
    compound noun (企業コード, 商社トップ, 大手コンビニ, 医療法人グループ) rather than a name the
    phrase describes? A description that names an industry before its descriptor (決済サービス大手
    キューブ, 携帯電話大手ナミキ) describes the name after it."""
    a, b = c.phrase
    if b != c.i or tokens[c.i].space_before:
        return False  # set off by 、 の or である: a description
    return not (b - a > 1 and tokens[b - 1].surface in vocab.descriptors)


def holder_before(tokens: list[Token], c: Candidate, by_end: dict[int, Candidate]) -> Candidate | None:
    """`三部敏宏・ホンダ社長`, `木村敬熊本県知事`: the person's name written right before this
    one (touching it, or across ・), when this one is not a person's: the titles after this
    name are then that person's, and this name is their organisation or place."""
    if c.i >= 1 and tokens[c.i - 1].surface == "・":
        before = by_end.get(c.i - 1)
    else:
        before = by_end.get(c.i) if not tokens[c.i].space_before else None
    if before and _looks_like_person(tokens[before.i : before.j]) and not _looks_like_person(tokens[c.i : c.j]):
        return before
    return None


def _tagged_points(c: Candidate) -> int:
    """What the learned tagger's kind is worth (`ner/tagger.py`): as much as a strong cue when it
    is sure. A product counts nothing: the data it learned from calls much a product that musubi
    does not call a model (a ship, a law, a TV series, a company's Latin name), and a vote on
    every mention of a name adds up over an archive: a product's span is kept, its kind is left to
    the cues (モデル「X」, 新型ゲーム機「X」)."""
    if c.tagged == "model":
        return 0
    if c.tagged == "person" and KATAKANA_WORD.fullmatch(c.text):
        return MEDIUM if c.sure >= 0.8 else 0  # one katakana word: a loanword (ハルシネーション) or a short form (カイロス) as often as a name
    return STRONG if c.sure >= 0.8 else MEDIUM if c.sure >= 0.5 else 0


def _add(votes: dict[str, int], c: Candidate, kind: str, points: int) -> None:
    if kind == "company" and c.implied == "organization":
        kind = "organization"  # 東京大学の佐伯教授: an organisation, named as one
    votes[kind] = votes.get(kind, 0) + points


def _legal_form_written(tokens: list[Token], c: Candidate, vocab: Vocab) -> bool:
    """Is a company's legal form written right after the name or right before it (X(株), 株式会社X)?"""
    before = surfaces(tokens, max(0, c.i - 3), min(3, c.i))
    return bool(starts_with_word(tokens, c.j, vocab.legal_forms, 3)) or before.endswith(tuple(vocab.legal_forms))


STOCK_CODE = (("<", "＜"), (">", "＞"))  # around a listed company's code: ローランド<7944>


def stock_code_after(tokens: list[Token], j: int) -> bool:
    """Is a stock exchange code written in angle brackets at token j (ローランド<7944>, with the
    exchange's letters as wires write it: 島忠<8184.T>): the name before it is a listed company's?"""
    if not (j + 2 < len(tokens) and tokens[j].surface in STOCK_CODE[0] and len(tokens[j + 1].surface) == 4
            and tokens[j + 1].surface.isdigit()):
        return False
    k = j + 2
    if k + 2 < len(tokens) and tokens[k].surface == "." and tokens[k + 1].latin and tokens[k + 1].surface.isupper():
        k += 2  # .T
    return tokens[k].surface in STOCK_CODE[1]


def _head_office_after(tokens: list[Token], j: int, vocab: Vocab) -> bool:
    """Does a parenthesis that opens at j hold only where someone is (マイヤ(岩手県大船渡市),
    X（本社・札幌市）): a place and its parts, how news writes a company's head office after its
    name — a person's parenthesis holds an age, a party or a birthplace (…出身)?"""
    if j >= len(tokens) or tokens[j].surface not in OPEN_PAREN:
        return False
    end = skip_parenthesis(tokens, j) - 1
    inside = [t for t in tokens[j + 1 : end] if t.surface not in ("・", "、", "：", ":")]
    if inside and inside[0].surface == "本社":
        inside = inside[1:]
    return bool(inside) and end < len(tokens) and any(t.pos3 == "地名" for t in inside) and all(
        t.pos3 == "地名" or t.surface in vocab.place_suffixes for t in inside)


def skip_parenthesis(tokens: list[Token], j: int) -> int:
    """The index after a parenthesis that opens at j (X（Y）は), or j."""
    if j < len(tokens) and tokens[j].surface in OPEN_PAREN:
        while j < len(tokens) and tokens[j].surface not in CLOSE_PAREN:
            j += 1
        return j + 1
    return j


def _description(tokens: list[Token], phrase: tuple[int, int], vocab: Vocab) -> str:
    """The phrase as written, unless it only relates the name to another (競合他社)."""
    words = [t.surface for t in tokens[phrase[0] : phrase[1]] if t.surface != "の"]
    if all(w in vocab.relative_company_words for w in words) or "".join(words) in vocab.relative_company_words:
        return ""
    return "".join(t.surface if not t.space_before else " " + t.surface for t in tokens[phrase[0] : phrase[1]]).strip()


def _topic_with_date(tokens: list[Token], c: Candidate) -> bool:
    """`Xは5日、` or `Xは1月28日、` (a day, then a comma) right after the name, after `X（Y）` or
    after `（X）`."""
    k = c.j
    if k < len(tokens) and tokens[k].surface in CLOSE_PAREN:
        k += 1
    else:
        k = skip_parenthesis(tokens, k)
    words = [t.surface for t in tokens[k : k + 6]]
    if len(words) >= 4 and words[1].isdigit() and words[2] == "月":
        words = words[:1] + words[3:]  # the month before the day
    return len(words) >= 4 and words[0] == "は" and words[1].isdigit() and words[2] == "日" and words[3] == "、"


def company_phrase(tokens: list[Token], c: Candidate, vocab: Vocab) -> tuple[int, int] | None:
    """`preceding_phrase` when it ends in a company word (米半導体大手の, AIスタートアップ、)."""
    phrase = preceding_phrase(tokens, c)
    if phrase and any(t.surface in vocab.company_words for t in tokens[max(phrase[0], phrase[1] - 2) : phrase[1]]):
        return phrase
    return None


def read_context(tokens: list[Token], cands: list[Candidate], vocab: Vocab) -> None:
    """Read the words around each candidate once: the titles after and before it, a
    describing company phrase, and where the name and its closing words end."""
    for c in cands:
        c.titles, c.title_end = title_chain(tokens, c.j, vocab)
        if not c.titles and c.j < len(tokens) and tokens[c.j].surface == "・":
            c.titles, c.title_end = title_chain(tokens, c.j + 1, vocab)  # 横山隆介・最高情報責任者
        c.title_before, c.org_end = title_before(tokens, c, vocab)
        c.phrase = company_phrase(tokens, c, vocab)
        j = skip_parenthesis(tokens, c.j)
        while j < len(tokens) and (tokens[j].surface in vocab.after_name or tokens[j].surface in vocab.trailing_cues):
            j += 1
        c.after = j
    ends = {c.j for c in cands}
    for c in cands:  # 永松文彦セブン社長、細見研介…: the title before the comma is 永松's, the item before;
        # and …京都市長、山田啓二京都府知事: a name with a title of its own after it is the next item of a list
        if c.title_before and c.i > 0 and tokens[c.i - 1].surface == "、" and any(
                o.titles and (o.title_end == c.i - 1 and o.i in ends or o.i == c.j) for o in cands):
            c.title_before, c.org_end = [], None


def _looks_like_person(span: list[Token]) -> bool:
    """UniDic person names: all 人名, or katakana parts joined by ・ with a 人名 among them."""
    parts = [t for t in span if t.surface not in ("・", "＝", "=")]
    if parts and all(t.pos3 == "人名" for t in parts):
        return True
    joined = len(parts) < len(span)
    return joined and all(t.katakana for t in parts) and any(t.pos3 == "人名" or t.unknown for t in parts)


def _headline_subject(tokens: list[Token], cands: list[Candidate], group: list[int]) -> bool:
    """`X、Yを子会社化`: a sentence that opens on a name and a comma, then the one name the verb
    takes (を, に, から…), is its subject and object, not a list of two."""
    first, second = cands[group[0]], cands[group[-1]]
    return (len(group) == 2 and first.i == 0 and tokens[first.j].surface == "、"
            and second.j < len(tokens) and tokens[second.j].surface in OBJECT_MARKS)


OBJECT_MARKS = {"を", "に", "へ", "から"}


def name_lists(tokens: list[Token], cands: list[Candidate], vocab: Vocab) -> list[tuple[list[int], bool]]:
    """Lists of names (XやY、Zなど): candidate indices, and whether a company word follows."""
    groups: list[list[int]] = []
    for k, c in enumerate(cands):
        if k and groups and groups[-1][-1] == k - 1:
            prev = cands[k - 1]
            if c.i == prev.j + 1 and tokens[prev.j].surface in LIST_SEPARATORS:
                groups[-1].append(k)
                continue
        groups.append([k])
    lists = []
    for group in groups:
        if len(group) < 2 or _headline_subject(tokens, cands, group):
            continue
        j = cands[group[-1]].j
        ender, width = match_word(tokens, j, vocab.list_enders)
        companyish = False
        if ender:
            tail = tokens[j + width : j + width + 5]
            for t in tail:
                if t.surface in vocab.company_words:
                    companyish = True
                    break
                if not (t.pos1 in PHRASE_PARTS or t.surface == "の" or t.latin):
                    break
        lists.append((group, companyish))
    return lists
