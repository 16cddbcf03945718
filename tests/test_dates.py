from builder.dates import absolute_dates, all_dates


def test_absolute_forms():
    found = absolute_dates("2024年12月3日と2025/2/7、それに2023年5月。")
    assert [d.iso for d in found] == ["2024-12-03", "2025-02-07", "2023-05"]
    assert all(d.basis == "" for d in found)


def test_partial_dates_take_the_year_from_the_article_date():
    found = all_dates("3月5日に発表し、12日に発売する。", "2026-03-01")
    assert [(d.text, d.iso) for d in found] == [("3月5日", "2026-03-05"), ("12日", "2026-03-12")]
    assert "記事の日付 2026-03-01" in found[0].basis


def test_partial_dates_fall_back_to_the_nearest_absolute_date():
    found = all_dates("9/14に急落した。2031年9月の出来事だ。", None)
    slash = next(d for d in found if d.text == "9/14")
    assert slash.iso == "2031-09-14" and "2031年9月" in slash.basis


def test_no_reference_means_no_guess():
    assert all_dates("14日に会合がある。", None) == []


def test_durations_are_not_dates():
    assert all_dates("4年間で10日間の試験。", "2025-01-01") == []


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
