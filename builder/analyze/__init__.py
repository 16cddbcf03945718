"""Analyze one article: names with their context votes, and the patterns
(relations, amounts, dated events) around them.

Types are not decided here: a name's type comes from the cues of all its
mentions across the corpus, which `builder.link.typing` adds up.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from builder.analyze import claims, clauses, cues, events, patterns, pieces, sketch
from builder.analyze.candidates import find_candidates
from builder.analyze.lexicon import Lexicon
from builder.analyze.quantities import find_quantities, round_figure
from builder.analyze.statements import StatementHint, find_statements
from builder.analyze.vocab import vocab
from builder.model import Article, Mention, Quantity, Span, pickled_by_fields
from builder.read.dates import article_year

SENTENCE_END = re.compile(r"[。]|[！？!?](?=\s|$|[「『（(])")
ANALYZED_BLOCKS = ("title", "heading", "paragraph", "list_item")
BODY_BLOCKS = ("paragraph", "list_item")
SENTENCE_MAX = 2_000  # characters; a sentence of news is rarely a tenth of this


@pickled_by_fields
@dataclass(slots=True)  # slots: a third less time to pickle and unpickle (the cache, the workers)
class Sentence:
    """Lists while the sentence is read; an empty one becomes the shared () after (`_share_repeats`)."""

    span: Span
    mentions: list[int]
    relations: Sequence[tuple[int, str, int | None]] = field(default_factory=list)  # object None: the company in context
    claims: Sequence[claims.ClaimHint] = field(default_factory=list)
    event: events.EventHint | None = None
    quantities: Sequence[Quantity] = field(default_factory=list)
    clauses: clauses.Clauses | None = None  # its chunks and what each depends on (None: no model)


@dataclass
class Analysis:
    """Everything one article contributes; mention indices point into `mentions`."""

    article: Article
    mentions: list[Mention]
    sentences: list[Sentence]
    lists: list[tuple[list[int], bool]]
    titles: dict[int, list[str]]
    descriptions: dict[int, str]
    aliases: list[tuple[int, int]]
    others: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of names of kinds with no page (a facility, a named event)
    bounds: bytes = b""  # one byte per offset in the text: 1 where a token starts or ends (a set cost 50x the memory)
    sketch: bytes | None = None  # the body's MinHash, to find the same article twice (analyze/sketch.py; None: not made)
    statements: list[StatementHint] = field(default_factory=list)  # who said what, speakers still to be decided


HEREAFTER = ("以下",)  # X（東京都、以下Y）: the article calls X "Y" from here on
GLOSS_REACH = 12  # tokens inside a gloss's parentheses that are looked through for 以下


def _glosses(tokens, cands) -> list[tuple[int, int]]:
    """(name, the other name its parenthesis gives it): X（Y） and X（…以下、Y）, by candidate."""
    starts = {c.i: g for g, c in enumerate(cands)}
    found = []
    for k, c in enumerate(cands):
        if c.j >= len(tokens) or tokens[c.j].surface not in cues.OPEN_PAREN:
            continue
        at = c.j + 1
        for n in range(c.j + 1, min(len(tokens), c.j + GLOSS_REACH)):
            if tokens[n].surface in cues.CLOSE_PAREN:
                break
            if tokens[n].surface in HEREAFTER:
                at = n + 1 + (n + 1 < len(tokens) and tokens[n + 1].surface in ("、", "，", "「"))
                break
        g = starts.get(at)
        if g is not None and cands[g].j < len(tokens) and tokens[cands[g].j].surface in cues.CLOSE_PAREN | {"」"}:
            found.append((k, g))
    return found


def sentences_of(text: str, base: int):
    """(start, end) of each sentence of one block, offsets shifted by `base`. A run of more than
    `SENTENCE_MAX` characters without a sentence end (a table pasted as one line, a transcript)
    is read as several sentences, so that no sentence holds more than that many tokens."""
    start = 0
    for m in SENTENCE_END.finditer(text):
        if _inside_gloss(text, start, m.start()):
            continue  # 子会社(同。売上高116億円…)の株式を: the gloss's 。 ends no sentence
        if text[start : m.end()].strip():
            yield from _bounded(text, base, start, m.end())
        start = m.end()
    if text[start:].strip():
        yield from _bounded(text, base, start, len(text))


GLOSS_REACH = 120  # characters: a parenthesis closed further on is no gloss (an unclosed one, a long aside)


def _inside_gloss(text: str, start: int, at: int) -> bool:
    """Is `at` inside a parenthesis opened since `start` that closes within `GLOSS_REACH`?"""
    if not clauses.in_parentheses(text, start, at):
        return False
    close = min((k for k in (text.find("）", at), text.find(")", at)) if k >= 0), default=-1)
    return 0 <= close - at <= GLOSS_REACH


def _bounded(text: str, base: int, start: int, end: int):
    while end - start > SENTENCE_MAX:
        cut = pieces.cut(text, start, start + SENTENCE_MAX)
        yield base + start, base + cut
        start = cut
    yield base + start, base + end


def analyze(article: Article, lexicon: Lexicon) -> Analysis:
    v = vocab()
    result = Analysis(article, [], [], [], {}, {}, [])
    text = article.text
    tokens = pieces.Tokens(text)  # MeCab over pieces of at most pieces.SIZE characters, as they are needed
    quantities = find_quantities(text)
    date_starts = [d.start for d in article.dates]  # in text order, as are the amounts
    q = 0
    for block in article.blocks:
        if block.kind not in ANALYZED_BLOCKS:
            continue
        tokens.skip_to(block.start)
        for s_start, s_end in sentences_of(block.text, block.start):
            in_sentence = tokens.take_until(s_end)
            if in_sentence and in_sentence[0].start < s_start:  # a sentence cut inside a word: the word is the last one's
                in_sentence = [t for t in in_sentence if t.start >= s_start]
            while q < len(quantities) and quantities[q].start < s_start:
                q += 1
            inside, k = [], q
            while k < len(quantities) and quantities[k].start < s_end:
                if quantities[k].end <= s_end:
                    inside.append(quantities[k])
                k += 1
            dates = article.dates[bisect_left(date_starts, s_start) : bisect_left(date_starts, s_end)]
            _analyze_sentence(result, text, s_start, s_end, in_sentence, inside, dates, v, lexicon, block.kind in BODY_BLOCKS)
    result.bounds = tokens.bounds()
    result.statements = find_statements(text, article.blocks, result.sentences, result.mentions)
    _share_repeats(result)
    result.sketch = sketch.sketch(article)
    return result


def _share_repeats(result: Analysis) -> None:
    """One object for equal spellings and equal vote tables within the article. Every
    analysis is held in memory until linking, and pickling keeps the sharing: a name
    mentioned ten times no longer costs ten copies of each string and table. Done last,
    because votes are still added to while the article is read; read-only afterwards."""
    seen: dict = {}
    for m in result.mentions:
        m.text = seen.setdefault(m.text, m.text)
        m.key = seen.setdefault(m.key, m.key)
        m.reading = seen.setdefault(m.reading, m.reading)
        m.votes = seen.setdefault(tuple(sorted(m.votes.items())), m.votes)
    for s in result.sentences:  # most sentences have no relation, claim or amount: () is one shared object
        s.relations, s.claims, s.quantities = s.relations or (), s.claims or (), s.quantities or ()


def _topics(cands, c: clauses.Clauses | None, text: str) -> set[int]:
    """The candidates that are a topic (Xは): the last name, outside parentheses, of a chunk that
    ends in は — ことぶきマート（名古屋市）は is ことぶきマート's topic, 北浜開発銀行（KDB、小田切修三社長）は the bank's."""
    if c is None:
        return set()
    found: dict[int, int] = {}
    for k, cand in enumerate(cands):
        chunk = c.at(cand.start)
        if chunk >= 0 and c.roles[chunk] == "P:は" and not clauses.in_parentheses(text, c.start, cand.start):
            found[chunk] = k
    return set(found.values())


def _analyze_sentence(result: Analysis, text: str, s_start: int, s_end: int, tokens, quantities, dates, v, lexicon: Lexicon,
                      body: bool) -> None:
    """One sentence's clauses, names, figures and happening. In a headline (not `body`), a round
    figure is no claim: a title rounds (2兆円で買収 for 約2兆2000億円) and writes thresholds; an
    exact one (営業益5兆3529億円) is the figure."""
    article = result.article
    sentence_text = text[s_start:s_end]
    sentence = Sentence(Span(article.id, s_start, s_end, sentence_text), [])
    sentence.quantities = quantities
    sentence.clauses = clauses.parse(tokens)
    result.sentences.append(sentence)
    cands, others = find_candidates(tokens, sentence_text, s_start, v, lexicon)
    result.others += others
    # whose a figure is, and who did a happening, are read when linking: names found across the
    # corpus, and what 同社 stands for, are known only then
    exact = quantities if body else [q for q in quantities if not round_figure(q.number)]
    sentence.claims = claims.claim_hints(tokens, exact, sentence_text, s_start, v, sentence.clauses, article_year(article.date))
    sentence.event = events.event_hint(tokens, cands, dates, sentence_text, s_start, v, sentence.clauses)
    if not cands:
        return
    cues.read_context(tokens, cands, v)
    votes = cues.vote(tokens, cands, v)
    first = len(result.mentions)
    topics = _topics(cands, sentence.clauses, text)
    for k, (c, (points, _)) in enumerate(zip(cands, votes)):
        reading = "".join(t.reading for t in tokens[c.i : c.j])
        result.mentions.append(
            Mention(article.id, c.start, c.end, c.text, c.key, reading=reading, votes=points,
                    lexicon_id=c.lexicon.id if c.lexicon else None,
                    topic=k in topics or (c.after < len(tokens) and tokens[c.after].surface == "は"))
        )
    ids = list(range(first, first + len(cands)))
    for k, c in enumerate(cands):
        if votes[k][1]:
            result.descriptions[ids[k]] = votes[k][1]
    result.aliases += [(ids[k], ids[g]) for k, g in _glosses(tokens, cands)]
    for group, companyish in cues.name_lists(tokens, cands, v):
        members = [ids[k] for k in group]
        if companyish:
            for m in members:
                result.mentions[m].votes["company"] = result.mentions[m].votes.get("company", 0) + cues.STRONG
        result.lists.append((members, companyish))
    person_hints, titles = patterns.person_relations(tokens, cands, v, sentence.clauses)
    for k, chain in titles.items():
        result.titles[ids[k]] = chain
    sentence.mentions = ids
    for hint in person_hints + patterns.thing_relations(tokens, cands, v):
        obj = None if hint.object == patterns.CONTEXT else ids[hint.object]
        sentence.relations.append((ids[hint.subject], hint.predicate, obj))
