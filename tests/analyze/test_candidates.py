"""Where a name starts and ends when news writes something around it (candidates._edges): the
spans the rules and the tagger took in, trimmed — on sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import article

from builder.analyze import analyze
from builder.link import link


def names(no_lexicon, text: str) -> list[str]:
    kb = link([analyze(article("見出し\n" + text), no_lexicon)], no_lexicon)
    return sorted(m.text for e in kb.entities for m in e.mentions if e.type != "place")


@pytest.mark.parametrize("text, expected", [
    ("鉄鋼大手大和製鋼は10日、新工場の建設を発表した。", ["大和製鋼"]),  # a descriptor glued on
    ("コンビニ大手ミドリマートは10日、値上げを発表した。", ["ミドリマート"]),
    ("投資ファンド・アカツキパートナーズは出資を決めた。", ["アカツキパートナーズ"]),
    ("山田太郎前農相は10日、辞任した。", ["山田太郎"]),  # a name cut inside a title
    ("鈴木新社長は抱負を述べた。", ["鈴木"]),
    ("佐藤・田中両氏は会談した。", ["佐藤", "田中"]),
    ("[東京 8日 ロイター] - 大和自動車は8日、新型車を発表した。", ["大和自動車"]),  # a wire dateline
])
def test_what_is_written_around_a_name_stays_outside_it(no_lexicon, text, expected):
    assert names(no_lexicon, text) == expected


@pytest.mark.parametrize("text, spellings", [
    ("株式会社アオバは10日、上場した。アオバの株価は上昇した。", ["アオバ", "株式会社アオバ"]),
    ("アオバ株式会社は10日、上場した。同日、アオバは会見した。", ["アオバ", "アオバ株式会社"]),
])
def test_a_company_and_its_name_without_its_legal_form_are_one(no_lexicon, text, spellings):
    kb = link([analyze(article("見出し\n" + text), no_lexicon)], no_lexicon)
    companies = [e for e in kb.entities if e.type == "company"]
    assert len(companies) == 1 and sorted({m.text for m in companies[0].mentions}) == spellings
