"""The scorer itself, on a gold document written for this test."""

import pytest

from builder.errors import InputError
from builder.evaluate import Score, evaluate
from builder.gold import gold_mentions

DOC = {
    "id": "d1",
    "date": "2026-03-02",
    "text": "見出し\nZetaLabのジェーン・ミラーCEOは2日、新モデル「Zeta-2」を発表した。ミラー氏によると開発費は約300万ドルだった。",
    "entities": [
        {"id": "zetalab", "type": "company", "spellings": ["ZetaLab"]},
        {"id": "jane-miller", "type": "person", "spellings": ["ジェーン・ミラー", "ミラー"]},
        {"id": "zeta-2", "type": "model", "spellings": ["Zeta-2"]},
    ],
    "relations": [["jane-miller", "ceo_of", "zetalab"], ["zeta-2", "developed_by", "zetalab"]],
    "events": [{"id": "ev", "date": "2026-03-02", "type": "product", "entities": ["zetalab", "zeta-2"]}],
    "claims": [{"subject": "zeta-2", "property": "development_cost", "number": 3000000, "unit": "USD"}],
}


def test_score_arithmetic():
    s = Score()
    s.add({1, 2, 3}, {2, 3, 4, 5})
    assert (s.tp, s.fp, s.fn) == (2, 2, 1)
    assert s.precision == 0.5 and s.recall == 2 / 3 and round(s.f1, 4) == round(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), 4)


def test_longer_spellings_win_overlaps():
    spans = gold_mentions(DOC)
    texts = sorted(DOC["text"][a:b] for a, b in spans)
    assert texts == ["Zeta-2", "ZetaLab", "ジェーン・ミラー", "ミラー"]  # ミラー inside ジェーン・ミラー is not counted twice


def test_a_perfect_document_scores_one(no_lexicon):
    figures = evaluate([DOC], no_lexicon).figures()
    assert figures["all.precision"] == figures["all.recall"] == 1.0
    assert figures["merge.accuracy"] == 1.0 and figures["merge.wrong"] == 0
    assert figures["relations.f1"] == figures["events.f1"] == figures["claims.f1"] == 1.0


def test_misses_are_counted(no_lexicon):
    harder = {**DOC, "entities": DOC["entities"] + [{"id": "extra", "type": "company", "spellings": ["新モデル"]}]}
    report = evaluate([harder], no_lexicon)
    assert report.entities["company"].fn == 1 and report.all_entities.recall < 1
    assert any("新モデル" in line for line in report.errors)


def test_a_spelling_missing_from_the_text_is_an_error():
    with pytest.raises(InputError, match="does not occur"):
        gold_mentions({**DOC, "entities": [{"id": "x", "type": "company", "spellings": ["NoSuchName"]}]})
