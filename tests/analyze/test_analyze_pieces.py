"""MeCab in bounded pieces: the same tokens as one call over the whole text, for any length."""

import itertools

import pytest
import yaml
from conftest import SEEDS, TESTS, article

from builder.analyze import SENTENCE_MAX, analyze, pieces, sentences_of
from builder.analyze.tokens import tokenize

DEVSET = sorted((TESTS / "devset").glob("*.yaml"))


def texts() -> list[str]:
    found = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for path in DEVSET:
        found += [doc["text"] for doc in yaml.safe_load(path.read_text(encoding="utf-8")) if "text" in doc]
    return found


def every_token(text: str, size: int) -> list:
    stream = pieces.Tokens(text, size)
    return stream.take_until(len(text))


def fields(tokens) -> list[tuple]:
    return [(t.surface, t.start, t.end, t.space_before, t.pos1, t.pos2, t.pos3, t.reading, t.proper) for t in tokens]


@pytest.mark.parametrize("size", [300, 1024])
def test_pieces_give_the_tokens_of_the_whole_text(size):
    """Seeds and development set cut into pieces far smaller than real ones: every token,
    with its part of speech and whether white space precedes it, is as MeCab reads the whole."""
    cut_somewhere = 0
    for text in texts():
        assert fields(every_token(text, size)) == fields(tokenize(text)), text[:40]
        cut_somewhere += len(text) > size
    assert cut_somewhere >= 3


def test_a_piece_is_read_with_the_sentence_before_it():
    # in a text of its own, the katakana run after the break is read as two words
    first, second = "規制当局は新たな指針を8月に公表する予定だ。", "ヘリオウルス銀行傘下のベルカイロが発表した。"
    assert len(tokenize(second)) != len(tokenize(first + "\n\n" + second)) - len(tokenize(first))
    text = first + "\n\n" + second
    assert fields(every_token(text, len(first) + 4)) == fields(tokenize(text))


def test_pieces_are_bounded_and_cut_at_breaks():
    text = ("日本銀行の植田和男総裁は24日、会見した。" * 400 + "\n") * 3
    starts, at = [], 0
    while at < len(text):
        starts.append(at)
        at = pieces.cut(text, at, at + 5000)
    assert all(b - a <= 5000 for a, b in zip(starts, [*starts[1:], len(text)]))
    assert all(text[s - 1] in "。\n" or text[s] == "\n" for s in starts[1:])


def test_a_run_without_breaks_is_cut_anywhere_but_inside_a_combining_mark():
    text = "か\u3099" * 3000  # が written as か + combining voiced mark
    at = pieces.cut(text, 0, 1001)
    assert text[at] == "か" and at <= 1001


def test_megabytes_without_a_line_break_are_analysed(no_lexicon):
    """One MeCab call over this crashed the process (a segmentation fault)."""
    text = "長い記事\n\n" + "日本銀行の植田和男総裁は24日、会見した。" * 60_000  # 1.3 million characters, one line
    a = analyze(article(text), no_lexicon)
    assert len(a.sentences) == 60_001
    assert all(text[m.start : m.end] == m.text for m in a.mentions)
    assert {m.text for m in a.mentions} >= {"日本銀行", "植田和男"}


def test_a_sentence_without_an_end_is_read_in_bounded_parts():
    text = "あ" * (SENTENCE_MAX * 3 + 10)
    spans = list(sentences_of(text, 100))
    assert spans[0][0] == 100 and spans[-1][1] == 100 + len(text)
    assert all(end - start <= SENTENCE_MAX for start, end in spans)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))


def test_a_full_stop_inside_a_gloss_ends_no_sentence():
    """子会社(同。売上高116億円)の株式: the 。 of a short parenthesis belongs to its gloss; one left
    open (or closed only far on) does not keep the rest of the paragraph in one sentence."""
    text = "ミナセは、同名の子会社(同。売上高116億円)の全株式を譲渡する。次の文だ。"
    assert [text[a:b] for a, b in sentences_of(text, 0)] == ["ミナセは、同名の子会社(同。売上高116億円)の全株式を譲渡する。", "次の文だ。"]
    unclosed = "注記(これは閉じない。次の文だ。"
    assert [unclosed[a:b] for a, b in sentences_of(unclosed, 0)] == ["注記(これは閉じない。", "次の文だ。"]
