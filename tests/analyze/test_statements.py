"""Where statements are and what kind they are (analyze/statements.py), on sentences written
for these tests: quotes before a verb of saying, reported speech, hearsay, English quotes —
and the quotes that are not statements (names, scare quotes, headings, the passive)."""

from __future__ import annotations

import pytest
from conftest import article

from builder.analyze import analyze
from builder.analyze.statements import past_settings


def said(no_lexicon, text: str) -> list[tuple[str, str, str]]:
    a = analyze(article("見出し\n\n" + text), no_lexicon)
    return [(h.kind, h.verb, a.article.text[h.start : h.end]) for h in a.statements]


@pytest.mark.parametrize("text, expected", [
    ("北浜重工の小田切修三社長は記者会見で「受注は過去最高の水準にある」と述べた。",
     [("direct", "述べた", "受注は過去最高の水準にある")]),
    ("「市場の動きを注視する。必要なら対応する」と、北浜重工の小田切修三社長は記者団に語った。",
     [("direct", "語った", "市場の動きを注視する。必要なら対応する")]),
    ("小田切氏は「値上げは避けられない」「ただ時期は慎重に見極める」と強調した。",
     [("direct", "強調した", "値上げは避けられない"), ("direct", "強調した", "ただ時期は慎重に見極める")]),
    ("鷲尾玲奈氏は「約束は必ず守る」とX（旧ツイッター）に投稿した。",
     [("direct", "投稿した", "約束は必ず守る")]),
    ("小田切社長は「新工場は予定通り動かす」と述べた上で、投資額は明かさなかった。",
     [("direct", "述べた", "新工場は予定通り動かす")]),
    ("同社の幹部は「なお高い状況」との認識を示した。", [("direct", "認識を示した", "なお高い状況")]),
    ("小田切社長は「需要は回復に向かっている」との見方も示した。", [("direct", "見方も示した", "需要は回復に向かっている")]),
    ("小田切社長は「今期は厳しい一年だった」と総括した。", [("direct", "総括した", "今期は厳しい一年だった")]),
])
def test_quotes_before_a_verb_of_saying_are_direct_statements(no_lexicon, text, expected):
    assert said(no_lexicon, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("北浜重工は28日、2027年に新工場を稼働させると発表した。",
     [("indirect", "発表した", "2027年に新工場を稼働させる")]),
    ("小田切修三社長は記者会見で、今期の配当を増やす考えを示した。",
     [("indirect", "考えを示した", "今期の配当を増やす")]),
    ("鷲尾玲奈議員は、景気は緩やかに回復しているとの見方を示した。",
     [("indirect", "見方を示した", "景気は緩やかに回復している")]),
    ("北浜重工によると、新工場は2027年に稼働するという。",
     [("indirect", "によると", "新工場は2027年に稼働する")]),
    ("北浜重工は新工場を建てると発表し、賃上げも続けると説明した。",  # two reports in one sentence
     [("indirect", "発表し", "新工場を建てる"), ("indirect", "説明した", "賃上げも続ける")]),
    ("小田切社長は「値上げは避けられない」と述べ、賃上げも続けると強調した。",
     [("direct", "述べ", "値上げは避けられない"), ("indirect", "強調した", "賃上げも続ける")]),
    ("小田切社長は「工場を造る」と抱負を語り、技術者を500人雇用する考えを示した。",  # the rest of the first verb's clause is no one's words
     [("direct", "抱負を語り", "工場を造る"), ("indirect", "考えを示した", "技術者を500人雇用する")]),
    ("北浜重工の株価は急落した。小田切修三社長が前日、新工場の稼働を延期すると明らかにしたことが嫌気された。",
     [("indirect", "明らかにした", "新工場の稼働を延期する")]),  # the verb ends before こと
    ("南海商務省は同日、「断固として反対する」との談話を出した。", [("direct", "談話を出した", "断固として反対する")]),
    # a clause of other words said before it (…謝罪の言葉を述べ、) is no part of what was announced
    ("北浜事務所の東山和夫社長は2日、冒頭で改めて謝罪の言葉を述べ、社名を変えることを発表した。",
     [("indirect", "ことを発表した", "社名を変える")]),
    # a title written after a middle dot is the speaker's, not the start of what was said
    ("北浜取引所の横山隆介・最高情報責任者(CIO)は原因について、サーバーの一つが故障したと説明した。",
     [("indirect", "説明した", "原因について、サーバーの一つが故障した")]),
    # a name not found as one, and its honorific, opening the sentence are the speaker, not what was said
    ("関氏は自動車事業などを率い、会長とともに経営を担う考えを示した。",
     [("indirect", "考えを示した", "自動車事業などを率い、会長とともに経営を担う")]),
    # a forecast given, after a connective and a setting
    ("ただし、来期の見通しでは、純利益は3兆円と3割の減益になるとの予想を示した。",
     [("indirect", "予想を示した", "純利益は3兆円と3割の減益になる")]),
])
def test_reported_speech_is_an_indirect_statement_without_its_setting(no_lexicon, text, expected):
    assert said(no_lexicon, text) == expected


def test_an_english_quote_with_said_is_a_statement(no_lexicon):
    found = said(no_lexicon, '"We will keep investing in Osaka," said Mira Castell.')
    assert found == [("direct", "said", "We will keep investing in Osaka")]


@pytest.mark.parametrize("text", [
    "北浜重工は新型EV「ソラリス」を発売した。",  # a product's name
    "政府は「しらかば計画」を閣議決定した。",  # a plan's name
    "専門家はいわゆる「2030年の崖」と指摘した。",  # a name in quotes, not a clause
    "その背景には規制の強化があると指摘されている。",  # the passive: nobody is said to speak
    "市場では「AIバブル」との声も出ている。",  # no verb of saying
    "北浜重工は業界を変えようとしている。",  # ようとしている: tries to
    "北浜重工は新たに公表した計画で、工場を増やす。",  # 公表した計画: the verb describes a noun
    "小田切社長は提携について問われるとコメントを避けた。",  # declining to comment says nothing
    "小田切社長は再建の時期について明言しなかった。",  # 明言しなかった
    "小田切社長は会見を開き、南都電機の買収計画に関する見解を表明した。",  # what the view is about, not the view
    "鷲尾首相は代議士会で、今国会での法案成立に強い決意を示した。",  # how strong, not what was said
    "──小田切社長は、これまでも鷲尾社長と話すことが度々あったと話す。",  # an interviewer's question
    "北浜映画は海外向けの大作を作ろうとしたわけではない。",  # としたわけでは: no one said so
    "小田切修三社長は21日、都内で開いた発表会でこう意気込みを示した。",  # こう points back to words quoted before
])
def test_names_scare_quotes_and_the_passive_are_not_statements(no_lexicon, text):
    assert said(no_lexicon, text) == []


def test_words_of_a_decision_received_are_not_the_receivers(no_lexicon):
    """「…」との判断を受けたと発表した: the ministry's words; what the company announced is that it received them."""
    found = said(no_lexicon, "ミドリ製薬は6日、新薬が厚生労働省から「承認して差し支えない」との判断を受けたと発表した。")
    assert [s for s in found if s[2] == "承認して差し支えない"] == []


def test_a_heading_is_not_read_for_statements(no_lexicon):
    a = analyze(article("「値上げは避けられない」と社長が語った\n\n本文はここにある。"), no_lexicon)
    assert a.statements == []


def test_settings_before_what_was_said_are_skipped_and_what_it_is_about_is_kept():
    text = "28日の記者会見で、また、今後について、工場を増やす"
    assert text[past_settings(text, 0, len(text)):] == "今後について、工場を増やす"
    text = "会見で半導体事業に1600億円を投じる"  # a setting with no comma after it
    assert text[past_settings(text, 0, len(text)):] == "半導体事業に1600億円を投じる"
    text = "2020年10月、元社員が不正に資金を集めていた"  # when it was announced, not when it happened
    assert text[past_settings(text, 0, len(text)):] == "元社員が不正に資金を集めていた"
    text = "3月末、被害額を全額補償する"
    assert text[past_settings(text, 0, len(text)):] == "被害額を全額補償する"
    text = "先に、北条氏が来年初めに任期を終えて退任する"  # when it was said before, not what
    assert text[past_settings(text, 0, len(text)):] == "北条氏が来年初めに任期を終えて退任する"
    text = "先ほど、南都銀行と共同で会見を開き、両行で包括業務提携した"  # how it was announced, not what
    assert text[past_settings(text, 0, len(text)):] == "両行で包括業務提携した"
    text = "介入の反応について聞かれると、他国の当局とは常に連絡を取り合っている"  # the question asked
    assert text[past_settings(text, 0, len(text)):] == "他国の当局とは常に連絡を取り合っている"
    text = "調査結果を公表し、計1610人の所在が分からなくなっている"  # what was done before saying it
    assert text[past_settings(text, 0, len(text)):] == "計1610人の所在が分からなくなっている"
