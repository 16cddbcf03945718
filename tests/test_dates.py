from builder.dates import absolute_dates, all_dates


def test_absolute_forms():
    found = absolute_dates("2024年12月3日と2025/2/7、それに2023年5月。")
    assert [d.iso for d in found] == ["2024-12-03", "2025-02-07", "2023-05"]
    assert all(d.basis == "" for d in found)


def test_partial_dates_take_the_year_from_the_article_date():
    found = all_dates("3月5日に発表し、12日に発売する。", "2026-03-01")
    assert [(d.text, d.iso) for d in found] == [("3月5日", "2026-03-05"), ("12日", "2026-03-12")]
    assert "article date 2026-03-01" in found[0].basis


def test_partial_dates_fall_back_to_the_nearest_absolute_date():
    found = all_dates("9/14に急落した。2031年9月の出来事だ。", None)
    slash = next(d for d in found if d.text == "9/14")
    assert slash.iso == "2031-09-14" and "2031年9月" in slash.basis


def test_no_reference_means_no_guess():
    assert all_dates("14日に会合がある。", None) == []


def test_durations_are_not_dates():
    assert all_dates("4年間で10日間の試験。", "2025-01-01") == []
