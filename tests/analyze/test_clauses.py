"""The clause layer: chunks, what each depends on, and the questions facts ask of them — on
sentences written for these tests, through the shipped model."""

from __future__ import annotations

import pytest

from builder.analyze import clauses
from builder.analyze.tokens import tokenize


def parsed(text: str) -> tuple[clauses.Clauses, list[str]]:
    c = clauses.parse(tokenize(text))
    return c, [text[slice(*(x - c.start for x in c.span(k)))] for k in range(len(c))]


def chunk_of(chunks: list[str], word: str) -> int:
    return next(k for k, ch in enumerate(chunks) if word in ch)


def test_a_sentence_is_cut_into_chunks_that_each_depend_on_one_after_it():
    c, chunks = parsed("ミドリ電機は2日、新型機を6月5日に発売すると発表した。")
    assert chunks == ["ミドリ電機は", "2日、", "新型機を", "6月5日に", "発売すると", "発表した。"]
    assert [c.heads[k] for k in range(len(c))][2:] == [4, 4, 5, -1]  # 新型機を and 6月5日に go with 発売
    assert c.roles[0] == "P:は" and c.roles[4] == "P:と" and c.kinds[5] == "verb"


def test_the_subject_of_a_verb_is_found_through_the_clauses_that_go_on_into_it():
    c, chunks = parsed("カワセミ工業は東証に上場し、300億円を調達した。")
    assert chunks[c.subject(chunk_of(chunks, "調達した"))] == "カワセミ工業は"
    assert chunks[c.subject(chunk_of(chunks, "上場し"))] == "カワセミ工業は"


def test_the_topic_scopes_over_the_sentence_but_a_ga_only_over_its_clause():
    c, chunks = parsed("部品が好調で、ミドリ電機の営業利益は1520億円だった。")
    last = len(c) - 1
    assert c.subject(last, exclude={chunk_of(chunks, "営業利益")}) == -1  # 部品が is the subject of 好調で only


def test_words_in_a_quote_depend_on_words_in_it_and_the_speaker_on_the_verb_of_saying():
    c, chunks = parsed("青山社長は「(統合により)業界の先頭に立つ」と語った。")
    speaker, verb = chunk_of(chunks, "青山社長は"), chunk_of(chunks, "語った")
    assert c.heads[speaker] == verb
    quoted = [k for k, ch in enumerate(chunks) if "「" in ch or "先頭" in ch]
    assert all(c.heads[k] < verb for k in quoted)  # nothing inside the quote depends on 語った directly


def test_a_gloss_in_parentheses_stays_with_its_name():
    c, chunks = parsed("米連邦準備制度理事会（FRB）は29日、政策金利を据え置いた。")
    assert chunks[0] == "米連邦準備制度理事会（FRB）は"


def test_main_level_and_what_modifies_a_predicate_through_nouns():
    c, chunks = parsed("27日の東京市場で日経平均株価が急落し、取引を終えた。")
    fell = chunk_of(chunks, "急落")
    assert fell in c.main_level() and len(c) - 1 in c.main_level()
    assert c.governed(chunk_of(chunks, "27日"), {fell}) == fell  # 27日の → 東京市場で → 急落し


def test_predicates_between_two_names():
    c, chunks = parsed("ミドリ電機がアオバ精工を買収した。")
    assert c.predicates_between(chunk_of(chunks, "ミドリ"), chunk_of(chunks, "アオバ")) == 1
    c, chunks = parsed("ミドリ電機の青山社長は会見した。")
    assert c.predicates_between(chunk_of(chunks, "ミドリ"), chunk_of(chunks, "青山")) == 0


def test_parsing_is_deterministic_and_keeps_offsets_into_the_text():
    text = "見出し。ミドリ電機は2日、新型機を発表した。"
    tokens = tokenize(text)[2:]  # the second sentence, as the analyzer hands it over
    a, b = clauses.parse(tokens), clauses.parse(tokens)
    assert a == b and a.start == text.index("ミドリ") and a.span(len(a) - 1)[1] == len(text)
    assert a.at(text.index("新型機")) == 2 and a.at(0) == -1


@pytest.mark.parametrize("text", ["", "。", "「」", "(((", "ああ", "2026年", "A、B、C、D、E、F、G、H、I、J、K"])
def test_any_token_run_parses_into_a_tree(text):
    tokens = tokenize(text)
    c = clauses.parse(tokens)
    if not tokens:
        assert c is None
        return
    assert c.heads[len(c) - 1] == -1 and all(k < h < len(c) for k, h in enumerate(c.heads) if h >= 0)


def test_a_noun_goes_on_to_the_noun_it_is_of_but_not_across_a_conjunction():
    """…を投じたトウカイ精機の買収: トウカイ精機の, then 買収; 変わらないものの、 is a conjunction the
    chunker reads as の."""
    text = "ミナセ電機が約141億ドルを投じたトウカイ精機の買収は合理的だった。"
    c, chunks = parsed(text)
    assert [chunks[k] for k in c.of_chain(chunk_of(chunks, "トウカイ精機の"), text, c.start)] == ["トウカイ精機の", "買収は"]
    text = "売上高は前回と変わらないものの、営業損益は悪化した。"
    c, chunks = parsed(text)
    assert [chunks[k] for k in c.of_chain(chunk_of(chunks, "ものの"), text, c.start)] == ["ものの、"]
