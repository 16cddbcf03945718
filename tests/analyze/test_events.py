"""Events read from the clause structure: the date that modifies the trigger's predicate, the
actor that is its subject — on sentences written for these tests, in the shapes that gave
false dates and actors before (issue 25), through the real analyzer and linker."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import article

from builder.analyze import analyze
from builder.link import link
from builder.read.dates import all_dates

DATE = "2026-03-10"


def events(no_lexicon, *texts: str) -> list[tuple[str, str, str]]:
    analyses = []
    for n, text in enumerate(texts):
        a = article("見出し\n" + text, f"s{n}")
        analyses.append(analyze(dataclasses.replace(a, date=DATE, dates=tuple(all_dates(a.text, DATE))), no_lexicon))
    kb = link(analyses, no_lexicon)
    names = {e.id: e.name for e in kb.entities}
    return sorted((ev.type, ev.date, names.get(ev.actor, "")) for ev in kb.events)


def test_the_date_is_the_one_that_modifies_the_reporting_verb_not_a_mix_of_two(no_lexicon):
    """Not a release on 6月2日 (the day of one date, the month of another): the announcement on the 2nd."""
    assert events(no_lexicon, "ルナテック社は2日、新型ゲーム機「ルナ5」を6月5日に発売すると発表した。") == [
        ("product", "2026-03-02", "ルナテック社")]


def test_a_decision_is_dated_when_it_was_made_not_when_what_it_decides_takes_effect(no_lexicon):
    found = events(no_lexicon, "ミドリフィナンシャルグループは3日、子会社のアオバ銀行とシロ銀行が2027年5月1日に合併することを決議したと発表した。")
    assert [date for _, date, _ in found] == ["2026-03-03"]  # not 2027-05-01, when the merger is to take effect


def test_a_date_of_another_clause_dates_nothing(no_lexicon):
    """The 15th is when the governor spoke; the rate rise is only to be discussed."""
    assert events(no_lexicon, "日銀の植田和男総裁は15日、次の会合で利上げを議論すると述べた。") == []


def test_an_outlet_in_a_dateline_is_no_actor(no_lexicon):
    assert events(no_lexicon, "ニューヨーク(CNN) ルナテック社は2日、新型ゲーム機「ルナ5」を発表した。") == [
        ("product", "2026-03-02", "ルナテック社")]


@pytest.mark.parametrize("text, expected", [
    # a trigger the argument of a reporting verb: the company that announced it
    ("ミドリ電機は4日、アオバ精工を買収すると発表した。", ("investment", "2026-03-04", "ミドリ電機")),
    # an announcing word takes the type of what it reports
    ("ミドリ電機とアオバ精工は4日、経営統合に向けた協議を始めると発表した。", ("investment", "2026-03-04", "ミドリ電機")),
    # …the decision, dated, by the body that took it
    ("北斗政策委員会は5日、短期金利の引き上げを決めた。", ("policy", "2026-03-05", "北斗政策委員会")),
    # the date of the market session, through nouns; what moved is the subject, or what its own の names
    ("5日の東京株式市場でミドリ電機の株価が急落した。", ("market", "2026-03-05", "ミドリ電機")),
    # a comma-set date at the main level dates a predicate the parser attached elsewhere
    ("北斗電工は6日、東北の新工場で生産を始め、新型スマートフォン「ホクト7」を発売した。", ("product", "2026-03-06", "北斗電工")),
    # an application to a ministry is a happening of its own (申請: policy)
    ("ミドリ鉄道は6日、運賃の値上げを国土交通省に申請したと発表した。", ("policy", "2026-03-06", "ミドリ鉄道")),
    # an intention announced is dated by the announcement: 辞意を表明 (cues.yaml, people)
    ("港北市の青葉一郎市長は7日の記者会見で、辞意を表明した。", ("people", "2026-03-07", "青葉一郎")),
    # a filing under the insolvency laws is a company failing, not a policy: its trigger says what the
    # application is of (民事再生法の適用を申請した), and reaches the verb through that noun
    ("ミドリ精機は8日、民事再生法の適用を申請した。", ("insolvency", "2026-03-08", "ミドリ精機")),
    # …but a trigger in a description of a name (投資ファンドのX) does not reach through the name: X stays the subject
    ("独立系投資ファンドのアサナギ・キャピタルは9日、新しいファンドを組成したと発表した。", ("investment", "2026-03-09", "アサナギ・キャピタル")),
])
def test_dated_predicates_and_their_subjects(no_lexicon, text, expected):
    assert events(no_lexicon, text) == [expected]


def test_a_share_exchange_is_dated_when_it_took_effect(no_lexicon):
    """Outlets date an acquisition by the share exchange that made it (3月1日付で株式交換を行った)."""
    assert ("investment", "2026-03-01", "ミドリ電機") in events(
        no_lexicon, "ミドリ電機は4日、アオバ精工の全株式を取得したと発表した。3月1日付で株式交換を行ったもの。")


def test_a_clause_that_goes_on_into_the_happening_gives_its_subject(no_lexicon):
    """北条一郎が社長を務め、…会長に就任した: he is appointed; with no one written, the company
    the article is on is not (a person is appointed)."""
    assert events(no_lexicon, "北辰自動車は1937年に設立された。2009年からは創業家出身の北条一郎が社長を務め、"
                              "2023年4月に会長に就任した。") == [("people", "2023-04", "北条一郎")]
    assert events(no_lexicon, "北辰自動車は1937年に設立された。2023年4月に会長に就任した。") == []


def test_what_was_expected_is_no_event(no_lexicon):
    """The acquisition was done on the 5th; October 2025 was only what had been expected."""
    text = ("ミドリ電機は5日、アオバ精工を完全子会社化した。"
            "当初は2025年10月の完全子会社化を見込んでいたものの、各国当局の審査に時間を要し、8回延期された。")
    assert events(no_lexicon, text) == [("investment", "2026-03-05", "ミドリ電機")]


def test_a_subject_that_names_no_one_leaves_the_event_unstated(no_lexicon):
    assert events(no_lexicon, "政府は6日、北斗特区の指定を閣議決定した。") == []


def test_no_subject_written_is_the_topic_the_article_is_on(no_lexicon):
    """投資額は is the topic of the second sentence, but a figure's property is no one who acts."""
    text = "ミドリ電機は4日、新工場の計画を発表した。投資額は500億円で、8日に新工場の建設を始めた。"
    assert ("investment", "2026-03-08", "ミドリ電機") in events(no_lexicon, text)


def test_what_is_quoted_is_said_not_done(no_lexicon):
    assert events(no_lexicon, "記者から「4月の利上げはあり得るか」と問われ、北斗銀行の早瀬総裁は明言を避けた。") == []
    # words said that run on past the sentence (the quote closes in a later one)
    assert events(no_lexicon, "ミドリ電機の社長は次のように述べた。「3日に南海政府が輸出禁止を決定し、"
                              "昨日6日にアオバ精工と共同で提訴しました。私たちは争います」") == []


def test_reports_of_one_happening_from_two_outlets_are_one_event(no_lexicon):
    found = events(no_lexicon, "ミドリ電機は4日、アオバ精工を約500億円で買収すると発表した。",
                   "ミドリ電機が4日発表したアオバ精工の買収は、業界の再編を促す。ミドリ電機は4日、アオバ精工を買収すると明らかにした。")
    assert found == [("investment", "2026-03-04", "ミドリ電機")]


@pytest.mark.parametrize("text", [
    "ミドリ電機は8日に株式公開買い付けを開始し、4月18日まで実施する。",  # the 18th ends it; it starts on the 8th, still to come
    "ミドリ電機は4月20日にアオバ精工を買収する。",  # a plan, not a happening
    "ミドリ電機は理事会の承認を経て、4月20日にアオバ精工を子会社化する。",
    "ミドリ電機の青山一郎社長は6日、新工場について「建設を始めている」と明らかにした。",  # what is talked about
    "ミドリ電機とアオバ精工は、ことし10月をめどに経営統合することで基本合意している。",  # a target, no date of anything done
    "ミドリ電機の青山一郎氏は2027年4月1日付で社長に就任した。",  # after the article's own date: still to come
    "ミドリ大学は学費を上げる。引き上げ時期は、学士課程では2025年4月入学者より。",  # when it takes effect
    "ミドリゴムは北米工場の生産能力を増強する。\n\n(1)北米工場\n\n設立年月:2004年6月",  # a profile's label
    # a plant stopped: nothing invested
    "ミドリ自動車は台風の影響で工場の敷地が冠水したため、車を生産している北浜県南市の追浜工場と、エンジンを生産している"
    "北浜市の横浜工場の操業を9日朝から停止しています。",
])
def test_what_is_to_come_or_talked_about_is_no_event(no_lexicon, text):
    assert events(no_lexicon, text) == []


def test_a_periods_first_day_dates_no_happening(no_lexicon):
    """TOB期間は11月30日から1月18日まで: when the offer runs, not a second happening on the 30th."""
    a = analyze(article("見出し\n北浜不動産は27日、南海ドームにTOBを実施すると発表した。TOB期間は11月30日から来年1月18日まで。", "s0"), no_lexicon)
    assert [s.event.date.iso for s in a.sentences if s.event] == ["XXXX-XX-27"]


def test_a_person_is_not_the_actor_of_their_companys_deal(no_lexicon):
    """ミドリ電機の青山社長は…買収を発表: the company bought, and its name is written with him."""
    assert events(no_lexicon, "ミドリ電機の青山一郎社長は4日、アオバ精工を買収したと発表した。") == [
        ("investment", "2026-03-04", "ミドリ電機")]
    assert events(no_lexicon, "ミドリ電機の青山一郎社長は4日、会見した。4日には、アオバ精工を買収した。") == []


def test_a_policy_with_no_subject_written_is_not_the_companys_the_text_is_on(no_lexicon):
    """課徴金納付命令は5日付: the regulator ordered it; the company it is on made no policy."""
    assert events(no_lexicon, "北浜証券は国債先物の取引で処分を受けた。課徴金納付命令は5日付。") == []


def test_a_day_counted_from_a_happening_dates_what_happens_on_it(no_lexicon):
    """提携発表翌日の5日、株価は急騰した: a sharp rise on the 5th, not a tie-up on the 5th."""
    found = events(no_lexicon, "ミドリ製薬は4日、アオバ社との提携を発表した。提携発表翌日の5日、ミドリ製薬の株価は10%急騰した。")
    assert found == [("investment", "2026-03-04", "ミドリ製薬"), ("market", "2026-03-05", "ミドリ製薬")]


@pytest.mark.parametrize("text", [
    "北浜電機は7月19日に東京地裁より再生計画の認可決定を受けた。",
    "北浜証券は5日、金融庁から課徴金納付命令を受け、同日納付したと発表した。",
    "ミドリ製薬は6日、新薬が「承認して差し支えない」との判断を厚生労働省から受けたと発表した。",
])
def test_a_decision_received_is_not_the_receivers_doing(no_lexicon, text):
    """認可決定を受けた, 命令を受け, との判断を受けた: the court's or the ministry's decision, done
    to the sentence's subject — not a policy the company made."""
    assert events(no_lexicon, text) == []
    assert events(no_lexicon, "北浜県は5日、補助金の申請を受け付けると発表した。") != []  # 受け付け: no receiving


def test_no_subject_written_is_not_a_topic_met_in_passing_paragraphs_before(no_lexicon):
    """With no subject written, the happening is the topic's only where the text is on it: named
    in the paragraph or the sentence before, or the article's first or most named."""
    lead = "ミドリ電機は3日、決算を発表した。ミドリ電機は電子部品の大手で、ミドリ電機の株価は堅調だ。\n\nアオバ工業は提携先で、新潟県に本社を置く。\n\n"
    assert events(no_lexicon, lead + "業界では再編が続いている。\n\n4日には新工場を建設した。") == []
    assert events(no_lexicon, lead.rstrip() + "4日には新工場を建設した。") == [("investment", "2026-03-04", "アオバ工業")]
