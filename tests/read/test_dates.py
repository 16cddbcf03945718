from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.read.dates import (
    absolute_dates,
    all_dates,
    calendar_date,
    compatible,
    date_label,
    html_datetime,
    is_partial,
    later_than,
)


def resolved(text, article_date=None):
    return {d.text: d for d in all_dates(text, article_date)}


def test_absolute_forms():
    found = absolute_dates("2024年12月3日と2025/2/7、それに2023年5月。")
    assert [d.iso for d in found] == ["2024-12-03", "2025-02-07", "2023-05"]
    assert all(d.basis == "" for d in found)


def test_an_era_year_is_its_western_year():
    found = all_dates("令和7年3月5日に発表し、平成元年4月と昭和64年1月7日を振り返った。", "2026-03-01")
    assert [(d.text, d.iso) for d in found] == [("令和7年3月5日", "2025-03-05"), ("平成元年4月", "1989-04"), ("昭和64年1月7日", "1989-01-07")]


def test_a_two_digit_year_with_its_month_is_a_full_date_near_the_article():
    found = all_dates("21年1月の市長選で落選した。その後、同年5月12日に逮捕された。", "2022-02-22")
    assert [(d.text, d.iso) for d in found] == [("21年1月", "2021-01"), ("同年5月12日", "2021-05-12")]
    found = all_dates("29年1月に就任した。", "2017-05-22")  # the Heisei era's 29th year, not 2029
    assert [(d.text, d.iso) for d in found] == [("29年1月", "2017-01")]


@pytest.mark.parametrize("iso, article, later", [
    ("2020-01-01", "2019-10-07", True), ("2019-11", "2019-10-07", True), ("2019-10-08", "2019-10-07", True),
    ("2019-10", "2019-10-07", False),  # the article's own month: not known to be later
    ("2019-10-07", "2019-10", False), ("XXXX-12-31", "2019-10-07", False), ("2020-01-01", None, False),
])
def test_a_date_later_than_its_article_is_known_to_the_precision_both_give(iso, article, later):
    assert later_than(iso, article) is later


def test_days_in_a_row_are_no_date():
    found = all_dates("日経平均株価は23日、8日続伸した。TOPIXは3日続落した。", "2015-03-23")
    assert [(d.text, d.iso) for d in found] == [("23日", "2015-03-23")]


def test_partial_dates_take_the_year_from_the_article_date():
    found = all_dates("3月5日に発表し、12日に発売する。", "2026-03-01")
    assert [(d.text, d.iso) for d in found] == [("3月5日", "2026-03-05"), ("12日", "2026-03-12")]
    assert "記事の日付 2026-03-01" in found[0].basis
    assert "同じ文の「3月5日」" in found[1].basis  # after the article's day: the sentence gave the month


def test_an_earlier_date_elsewhere_in_the_text_lends_nothing():
    """The failures of issue 14: a day took the year and month of an unrelated date."""
    found = resolved("円相場は2008年10月以来の円高水準となった。\n日銀の植田総裁は24日、記者会見で追加利上げに慎重な姿勢を示した。")
    assert found["24日"].iso == "XXXX-XX-24" and found["24日"].basis == "年月は記事から分からない"
    assert found["2008年10月"].reference
    found = resolved("同社は8年前の2017年3月に東証に上場した。\n同社は2日、新しい中期経営計画を公表した。")
    assert found["2日"].iso == "XXXX-XX-02" and found["2017年3月"].reference
    found = resolved("ナスダック総合指数は11月に大きく下げた。\n20日の米市場で半導体株が売られた。")
    assert found["20日"].iso == "XXXX-XX-20"
    assert resolved("9/14に急落した。2031年8月の出来事だ。")["9/14"].iso == "XXXX-09-14"  # a later sentence neither


def test_a_month_and_day_take_the_year_the_text_gives_that_month():
    found = resolved("9/14に急落した。2031年9月の出来事だ。")["9/14"]
    assert found.iso == "2031-09-14" and found.basis == "年は本文中の同じ月の日付「2031年9月」から推定"
    assert resolved("9/14に急落した。2030年9月と2031年9月の話だ。")["9/14"].iso == "XXXX-09-14"  # which one?
    assert resolved("9/14に急落した。2008年9月以来だ。")["9/14"].iso == "XXXX-09-14"  # a point of comparison
    found = resolved("北浜電機は6月24日、民事再生法の適用を申請した。\n\n2017年6月に申請した南都工業と並び、最大級の負債だ。")
    assert found["6月24日"].iso == "XXXX-06-24" and found["2017年6月"].reference  # another case, compared with


def test_with_the_article_date_the_reference_point_does_not_matter():
    found = resolved("政策金利は2008年10月以来の高さとなる。日銀は24日、利上げを決めた。", "2026-01-24")
    assert found["24日"].iso == "2026-01-24" and "記事の日付 2026-01-24" in found["24日"].basis


def test_reference_points_are_marked():
    for text, written in [("日経平均の下げ幅は2024年8月5日以来の大きさだった。", "2024年8月5日"),
                          ("失業率は2020年5月以来、約6年ぶりの高さ。", "2020年5月"),
                          ("株価は2023年10月末以来の安値に沈んだ。", "2023年10月"),
                          ("受注残は2025年12月比で1割増えた。", "2025年12月"),
                          ("昨年7月の会合以来の利上げとなる。", "昨年7月"),
                          ("3年前の2023年4月に社長に就いた。", "2023年4月")]:
        assert resolved(text, "2026-03-10")[written].reference, text
    assert not resolved("日銀は2026年1月23日、利上げを決めた。")["2026年1月23日"].reference


def test_same_day_does_not_follow_a_reference_point():
    found = resolved("終値は2016年6月24日以来の安値。同日の欧州市場も下げた。")
    assert "同日" not in found


def test_no_support_keeps_what_is_known():
    found = all_dates("14日に会合がある。", None)
    assert [(d.text, d.iso, d.basis) for d in found] == [("14日", "XXXX-XX-14", "年月は記事から分からない")]
    found = resolved("3月5日に発売し、4月に増産する。")
    assert found["3月5日"].iso == "XXXX-03-05" and found["4月"].iso == "XXXX-04"
    assert found["4月"].basis == "年は記事から分からない"


def test_a_later_day_is_last_months_only_when_it_is_the_recent_past():
    assert resolved("30日に発表した。", "2026-04-02")["30日"].iso == "2026-03-30"  # three days before
    assert "前月" in resolved("30日に発表した。", "2026-04-02")["30日"].basis
    later = resolved("20日に発売する。", "2026-04-02")["20日"]  # a plan this month, or news of 13 days ago
    assert later.iso == "XXXX-XX-20" and "記事の日付 2026-04-02より後の日" in later.basis
    assert resolved("31日に開いた。", "2026-03-02")["31日"].iso == "XXXX-XX-31"  # February has no 31st
    assert resolved("5日に開いた。", "2026-03")["5日"].iso == "2026-03-05"  # an article dated to the month


def test_a_month_and_day_near_the_new_year_is_last_years():
    assert resolved("12月30日に発表した。", "2026-01-03")["12月30日"].iso == "2025-12-30"
    assert resolved("12月1日に発売する。", "2026-03-10")["12月1日"].iso == "2026-12-01"  # 昨年 would say so


def test_an_enumeration_led_by_a_full_date_governs_its_sentence():
    found = resolved("同社は2025年1月27日、新型機の受注を始め、28日には価格を改定した。", "2025-03-30")
    assert found["28日"].iso == "2025-01-28" and found["28日"].basis == "年月は同じ文の「2025年1月27日」から推定"
    found = resolved("日銀は18日、決定会合を始め、19日に結論を出す。", "2025-12-18")
    assert found["19日"].iso == "2025-12-19"


def test_a_month_written_once_for_two_days():
    found = resolved("日銀は28日、昨年12月18、19日の会合の議事要旨を公表した。", "2026-01-28")
    assert (found["28日"].iso, found["昨年12月18"].iso, found["19日"].iso) == ("2026-01-28", "2025-12-18", "2025-12-19")
    found = resolved("政府は22、23日に会議を開いた。", "2026-02-24")
    assert (found["22"].iso, found["23日"].iso) == ("2026-02-22", "2026-02-23")


def test_a_date_that_opens_its_sentence_continues_the_one_before():
    text = "同社は2024年9月2日、新工場の試運転を始めた。\n15日には取引先を招いた見学会を開いた。"
    assert resolved(text)["15日"].iso == "2024-09-15"
    assert resolved(text)["15日"].basis == "年月は本文中の近い日付「2024年9月2日」から推定"
    backwards = "同社は2024年9月20日、新工場の試運転を始めた。\n15日には取引先を招いた。"
    assert resolved(backwards)["15日"].iso == "XXXX-XX-15"
    far = "同社は2024年9月2日、新工場の試運転を始めた。\n地元の取引先を招いた見学会は15日に開いた。"
    assert resolved(far)["15日"].iso == "XXXX-XX-15"


def test_weekdays_pick_the_month():
    assert resolved("日銀は19日（金）に結論を出す。", "2025-12-18")["19日"].iso == "2025-12-19"  # a Friday
    wrong = resolved("日銀は19日（火）に結論を出す。", "2025-12-18")["19日"]  # 19 Nov was a Wednesday, 19 Jan a Monday
    assert wrong.iso == "XXXX-XX-19" and "曜日" in wrong.basis
    assert resolved("1月27日（月）に急落した。", "2025-03-01")["1月27日"].iso == "2025-01-27"


def test_times_of_day_stay_dates():
    found = all_dates("24日午前、24日前場、24日10時、24日夜の会見。", "2026-03-24")
    assert [d.iso for d in found] == ["2026-03-24"] * 4


def test_relative_months_and_days():
    found = resolved("今月14日に講演し、先月28日にも発言した。きのうの市場で反発した。", "2026-01-20")
    assert found["今月14日"].iso == "2026-01-14" and found["先月28日"].iso == "2025-12-28"
    assert found["きのう"].iso == "2026-01-19"
    found = resolved("同社は2025年6月10日に申請し、同月24日に認可を得た。同年9月に開業した。")
    assert found["同月24日"].iso == "2025-06-24" and found["同年9月"].iso == "2025-09"
    found = resolved("去年12月と一昨年4月。", "2026-03-09")
    assert found["去年12月"].iso == "2025-12" and found["一昨年4月"].iso == "2024-04"


def test_same_day_of_a_partial_date_is_partial():
    found = resolved("30日に発表し、同日に公開した。翌日に値下げした。", "2025-02-14")
    assert found["同日"].iso == "XXXX-XX-30" and "翌日" not in found  # the 31st, or the 1st of the next month?
    assert resolved("24日に発表し、前日に予告していた。")["前日"].iso == "XXXX-XX-23"
    assert "前日" not in resolved("3月1日に発表し、前日に予告していた。")  # 28 or 29 February: the year is not known


def test_durations_are_not_dates():
    assert all_dates("4年間で10日間の試験。", "2025-01-01") == []


@pytest.mark.parametrize("text", ["服用は1日1回。", "1日あたり300件の注文。", "1日平均で2万人が訪れた。", "24時間営業の店。",
                                  "大会の第2日は雨だった。", "約3日で完売した。", "2日以内に返金する。", "1日中売られた。",
                                  "1日の下げ幅としては過去2番目。", "1日に2回発表した。", "3日後に再開した。", "2日遅れで届いた。"])
def test_counts_of_days_are_not_dates(text):
    assert all_dates(text, "2026-03-05") == []


def test_comparisons_are_not_dates():
    assert all_dates("前日比2.1%安、前月比3%増、前週末比1%高。", "2026-03-09") == []


def test_a_fiscal_period_is_not_a_month():
    assert all_dates("2026年3月期の純利益と4〜12月期の売上高。", "2026-02-10") == []


def test_same_day_and_next_day_follow_the_last_full_date():
    found = {d.text: d for d in all_dates("2026年3月2日に発表。同日、株価は急落。翌日は反発した。", None)}
    assert found["同日"].iso == "2026-03-02" and found["翌日"].iso == "2026-03-03"


def test_last_week_end_and_last_month_need_the_article_date():
    found = {d.text: d for d in all_dates("前週末の市場で下落。先月から提供。", "2026-03-09")}
    assert found["前週末"].iso == "2026-03-06"  # the Friday before Monday 9 March
    assert found["先月"].iso == "2026-02" and "記事の日付" in found["先月"].basis
    assert all_dates("前週末の市場で下落。", None) == []


def test_relative_years():
    found = [(d.text, d.iso) for d in all_dates("昨年12月に発表、今年2月に発売。", "2026-03-09")]
    assert found == [("昨年12月", "2025-12"), ("今年2月", "2026-02")]


def test_a_day_count_is_not_a_date():
    assert all_dates("時価総額は1日で1,500億ドル減った。3日ぶりに反発し、2日連続で上げた。", "2026-03-05") == []


def test_the_partial_form():
    assert [calendar_date(v, partial=True) for v in ("XXXX-XX-24", "XXXX-03-24", "XXXX-03", "XXXX-02-29")] == \
        ["XXXX-XX-24", "XXXX-03-24", "XXXX-03", "XXXX-02-29"]
    assert [calendar_date(v, partial=True) for v in ("XXXX-XX-32", "XXXX-02-30", "XXXX-13", "XXXX-XX", "XXXX")] == [None] * 5
    assert calendar_date("XXXX-XX-24") is None  # an article's date is never partial
    assert is_partial("XXXX-XX-24") and not is_partial("2026-03-24")
    assert compatible("XXXX-XX-24", "2026-03-24") and compatible("XXXX-03-24", "2026-03-24") and compatible("XXXX-03", "2026-03")
    assert not compatible("XXXX-XX-24", "2026-03-25") and not compatible("XXXX-03-24", "2026-04-24") and not compatible("XXXX-XX-24", "2026-03")
    assert [date_label(v) for v in ("XXXX-XX-24", "XXXX-03-24", "XXXX-03", "2026-03-24")] == ["24日", "3月24日", "3月", "2026-03-24"]
    assert [html_datetime(v) for v in ("XXXX-XX-24", "XXXX-03-24", "XXXX-03", "2026-03")] == ["", "03-24", "", "2026-03"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789年月日/-、・〜（）()金月同前翌先今来昨去一比以来ぶり期間。\n 第約", max_size=40),
       st.sampled_from([None, "2026-03-02", "2026-03", "0001-01-01", "9999-12-31"]))
def test_every_date_found_is_on_the_calendar_or_partial(text, article_date):
    for d in all_dates(text, article_date):
        assert text[d.start:d.end] == d.text
        if is_partial(d.iso):
            assert calendar_date(d.iso, partial=True) == d.iso, d
        else:
            assert date.fromisoformat(d.iso if len(d.iso) == 10 else d.iso + "-01"), d


@pytest.mark.parametrize("text, expected", [
    ("北浜重工は十日、統合で合意した。", [("十日", "2018-07-10")]),
    ("二〇一九年四月に統合し、同年三月二十五日に上場を廃止する。", [("二〇一九年四月", "2019-04"), ("同年三月二十五日", "2019-03-25")]),
    ("統一日本代表が一日本部を訪れた。", []),  # no date: 一 inside a word
])
def test_dates_in_kanji_numerals_are_read_where_they_are_written(text, expected):
    found = all_dates(text, "2018-07-11")
    assert [(d.text, d.iso) for d in found] == expected
    assert all(text[d.start : d.end] == d.text for d in found)
