"""Context cues: what the words around a candidate say it is.

Each cue adds points to a type. Points from every mention of a name, in
every article, are added up when linking, so one clear cue ("Xが開発した",
"Xの…CEO", "米半導体大手のX") types a name everywhere it appears.
"""

from __future__ import annotations

from builder.analyze.candidate import Candidate
from builder.analyze.tokens import Token, WordSet, match_word
from builder.analyze.vocab import Vocab

STRONG, MEDIUM, WEAK = 3, 2, 1
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
    """Titles starting at token j (会長兼社長 → [会長, 社長]) and the token after them."""
    found = []
    while j < len(tokens):
        word, width = match_word(tokens, j, vocab.person_markers, 5)  # 最高+経営+責任+者
        if not word:
            break
        found.append(word)
        j += width
        if j + 1 < len(tokens) and tokens[j].surface == "兼":
            j += 1
            continue
        break
    return found, j


def title_before(tokens: list[Token], c: Candidate, vocab: Vocab) -> tuple[str, int | None]:
    """`OrgのCEOであるX`, `OrgのCEO、X`, `Org CEOのX`: the title set before a name,
    and the index of the token just after the organisation named before it (or None)."""
    k = c.i - 1
    if k >= 1 and tokens[k].surface == "ある" and tokens[k - 1].surface == "で":
        k -= 2
    elif k >= 0 and tokens[k].surface in ("、", "の", "・"):
        k -= 1
    else:
        return "", None
    for width in (3, 2, 1):
        start = k - width + 1
        if start < 0:
            continue
        word, got = match_word(tokens, start, vocab.title_words, width)
        if word and got == width:
            before = start - 1
            if before >= 0 and tokens[before].surface == "の":
                before -= 1
            return word, before + 1
    return "", None


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
    ends = {c.j for c in cands}
    result = []
    for c in cands:
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
        nxt = after_quote(tokens, c)
        titles, end = c.titles, c.title_end
        if titles:
            org_before_person = end + 1 < len(tokens) and tokens[end].surface == "の" and (end + 1) in starts
            _add(votes, c, "company" if org_before_person else "person", STRONG)
        if c.title_before:
            _add(votes, c, "person", STRONG)
        if c.j + 1 < len(tokens) and tokens[c.j].surface == "の":
            if starts_with_word(tokens, c.j + 1, vocab.title_words):
                _add(votes, c, "company", STRONG)
            person = starts.get(c.j + 1)
            if person and person.titles:
                _add(votes, c, "company", STRONG)
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
        if starts_with_word(tokens, c.j, vocab.family_words, 2) or (
                c.j + 1 < len(tokens) and tokens[c.j].surface == "の" and starts_with_word(tokens, c.j + 1, vocab.family_words, 2)):
            _add(votes, c, "company", STRONG)  # X傘下の…, Xの親会社
        if c.i >= 3 and surfaces(tokens, c.i - 3, 3) in HEAD_OFFICE:
            _add(votes, c, "company", STRONG)  # 東京に本社を置くX
        if loose and quoted(tokens, c) and c.i >= 3 and tokens[c.i - 2].surface == "の" and (c.i - 2) in ends:
            _add(votes, c, "model", MEDIUM)  # 任天堂の「X」: a named thing of a named maker
        if loose and not place and c.j + 2 < len(tokens) and tokens[c.j].surface == "の" and tokens[c.j + 1].surface == "「" \
                and (c.j + 2) in starts:
            _add(votes, c, "company", MEDIUM)  # 任天堂の「X」: the maker of a named thing
        if loose and not place and _topic_with_date(tokens, c):
            _add(votes, c, "company", MEDIUM)  # Xは5日、…: how news opens on a company (or, named so, an organisation)
        if c.phrase:
            _add(votes, c, "company", STRONG)
            description = _description(tokens, c.phrase, vocab)
        name_tokens = [t for t in tokens[c.i : c.j] if t.surface not in ("・", "＝", "=")]
        if not c.implied and not adjective and all(t.pos3 == "地名" for t in name_tokens):
            _add(votes, c, "place", STRONG)
        elif _looks_like_person(tokens[c.i : c.j]):
            _add(votes, c, "person", MEDIUM)
        result.append((votes, description))
    return result


def _add(votes: dict[str, int], c: Candidate, kind: str, points: int) -> None:
    if kind == "company" and c.implied == "organization":
        kind = "organization"  # 東京大学の佐伯教授: an organisation, named as one
    votes[kind] = votes.get(kind, 0) + points


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
    """`Xは5日、` (a day, then a comma) right after the name, after `X（Y）` or after `（X）`."""
    k = c.j
    if k < len(tokens) and tokens[k].surface in CLOSE_PAREN:
        k += 1
    else:
        k = skip_parenthesis(tokens, k)
    words = [t.surface for t in tokens[k : k + 4]]
    return len(words) == 4 and words[0] == "は" and words[1].isdigit() and words[2] == "日" and words[3] == "、"


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
        c.title_before, c.org_end = title_before(tokens, c, vocab)
        c.phrase = company_phrase(tokens, c, vocab)
        j = skip_parenthesis(tokens, c.j)
        while j < len(tokens) and (tokens[j].surface in vocab.after_name or tokens[j].surface in vocab.trailing_cues):
            j += 1
        c.after = j


def _looks_like_person(span: list[Token]) -> bool:
    """UniDic person names: all 人名, or katakana parts joined by ・ with a 人名 among them."""
    parts = [t for t in span if t.surface not in ("・", "＝", "=")]
    if parts and all(t.pos3 == "人名" for t in parts):
        return True
    joined = len(parts) < len(span)
    return joined and all(t.katakana for t in parts) and any(t.pos3 == "人名" or t.unknown for t in parts)


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
        if len(group) < 2:
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
