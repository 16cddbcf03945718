import pytest

from builder.read import datelines
from builder.read.datelines import SCAN, Found, find
from builder.read.plain import parse

TITLE = "半導体株が反落、AI投資の先行きに警戒感"
BODY = [
    "東京株式市場で半導体関連株が売られ、指数は大きく値を下げた。",
    "市場関係者の間では、米国の金利動向を見極めたいとの声が多い。",
]
LEAD = "【ニューヨーク共同】27日のニューヨーク株式市場は、ハイテク株を中心に買い戻され反発した。"


def at_top(dateline: str) -> list[str]:
    return [TITLE, dateline, *BODY]


FORMS = [
    ("2025年1月28日 10時15分", "2025-01-28"),
    ("2025年1月28日（火）10:15", "2025-01-28"),
    ("2025年1月28日(火曜日)", "2025-01-28"),
    ("2025/01/28 10:15", "2025-01-28"),
    ("2025/1/28", "2025-01-28"),
    ("2025.1.28", "2025-01-28"),
    ("2025-01-28", "2025-01-28"),
    ("２０２５年１月２８日　１０：１５", "2025-01-28"),
    ("2025-01-15 23:04:40", "2025-01-15"),
    ("公開日：2025年1月28日", "2025-01-28"),
    ("公開日時 2025/01/28 10:15", "2025-01-28"),
    ("更新日：2025.1.30", "2025-01-30"),
    ("最終更新：2025年1月30日 9:00", "2025-01-30"),
    ("投稿日：2025年1月28日", "2025-01-28"),
    ("掲載日 2025年1月28日", "2025-01-28"),
    ("配信日時 2025年1月28日 10:15", "2025-01-28"),
    ("作成日: 2025-01-28", "2025-01-28"),
    ("発行日 2025年1月28日", "2025-01-28"),
    ("2025年1月28日 10:15 配信", "2025-01-28"),
    ("2025年1月28日 午前7時 公開", "2025-01-28"),
    ("日本経済新聞 2025年1月28日 10:15", "2025-01-28"),
    ("2025年1月28日 7時00分 共同通信", "2025-01-28"),
    ("2025/01/28 06:30 (共同通信)", "2025-01-28"),
    ("2025/01/28 Reuters", "2025-01-28"),
    ("時事通信 編集局2025年01月28日07時05分配信", "2025-01-28"),
    ("宮城2025.01.28 17:21", "2025-01-28"),
    ("2025/1/28 10:15（最終更新 1/28 12:00）", "2025-01-28"),  # the update has no year: the date is the other one
    ("【2025年1月28日 10:15】", "2025-01-28"),
]


@pytest.mark.parametrize(("dateline", "iso"), FORMS)
def test_a_dateline_gives_its_date_and_leaves_the_body(dateline, iso):
    assert find(at_top(dateline)) == Found(iso, frozenset({1}))


NEAR_MISSES = [
    "トヨタ自動車は2025年1月28日に新型車を発表した。",  # a sentence
    "2025年1月28日の東京株式市場で、日経平均株価は反落した。",
    "2025年1月28日午前10時、東京証券取引所で取引が始まった。",  # the time runs on into the sentence
    "2025年1月28日 東京株式市場で大幅反落",  # hiragana: a headline, not a name
    "2025年1月28日現在",  # a word written onto the date
    "2025年1月28日付",
    "2025年1月28日 第3面",  # another number
    "2025年1月28日 " + "ア" * (datelines.NAME_MAX + 1),  # too long for a name
    "2025年2月30日 配信",  # not a day of the calendar
    "2025年1月 配信",  # no day
    "1/28(火) 10:15配信",  # no year: none is made up
    "［東京 28日 ロイター］",  # a day only
    "https://news.example.jp/2025/01/28/chips",  # an address
]


@pytest.mark.parametrize("line", NEAR_MISSES)
def test_a_date_that_is_not_a_dateline_gives_nothing(line):
    assert find(at_top(line)) is None


def test_a_year_less_dateline_takes_no_year_from_elsewhere():
    assert find([TITLE, "1/28(火) 10:15配信", *BODY, "© 2025 共同通信"]) is None


def test_the_publication_date_wins_over_the_update():
    assert find([TITLE, "更新日：2025年1月30日", "公開日：2025年1月28日", *BODY]) == Found("2025-01-28", frozenset({1, 2}))
    assert find(at_top("公開日：2025年1月28日 更新日：2025年1月30日")) == Found("2025-01-28", frozenset({1}))
    assert find(at_top("2025年1月30日 更新 / 2025年1月28日 10:15 配信")) == Found("2025-01-28", frozenset({1}))


def test_a_bare_date_is_the_publication_when_the_update_is_labelled():
    assert find([TITLE, "2025年1月28日 10:15", *BODY, "最終更新：2025年1月30日"]) == Found("2025-01-28", frozenset({1, 4}))
    # a labelled cue names the date after it, not the one before
    assert find(at_top("2025年1月28日 10:15 更新日：2025年1月30日")) == Found("2025-01-28", frozenset({1}))


def test_a_date_both_cues_name_is_the_publication():
    assert find([TITLE, "更新日：2025年1月27日", "公開日 2025年1月28日 更新", *BODY]) == Found("2025-01-28", frozenset({1, 2}))


def test_a_cue_at_the_end_wins_over_a_bare_date_at_the_top():
    assert find([TITLE, "2025年1月27日", *BODY, "配信日：2025年1月28日"]) == Found("2025-01-28", frozenset({1, 4}))


def test_an_update_date_alone_is_taken():
    assert find(at_top("更新日：2025.1.30")) == Found("2025-01-30", frozenset({1}))


def test_of_two_bare_dates_the_first_wins():
    assert find([TITLE, "2025年1月28日", *BODY, "2025年1月29日"]) == Found("2025-01-28", frozenset({1, 4}))


def test_a_wire_story_keeps_its_lead_and_drops_only_the_date_line():
    after = [TITLE, LEAD, *BODY, "2025/01/28 06:30 (共同通信)"]
    assert find(after) == Found("2025-01-28", frozenset({4}))
    before = [TITLE, "2025年01月28日 06時30分", LEAD, *BODY]
    assert find(before) == Found("2025-01-28", frozenset({1}))
    assert find([TITLE, LEAD, *BODY]) is None


def test_a_stamp_that_starts_body_text_gives_its_date_but_stays():
    assert find(at_top("2025年1月28日 10:15配信 トヨタ自動車は28日、新型車を発表した。")) == Found("2025-01-28", frozenset())
    assert find(at_top("2025-01-15 23:04:40 | 国際ニュースの話題")) == Found("2025-01-15", frozenset())
    long_line = "2025年1月28日 10:15 " + "本文が続く。" * 200
    assert find(at_top(long_line)) == Found("2025-01-28", frozenset())
    assert find(at_top("2025年1月28日 トヨタ自動車は新型車を発表した。")) is None  # no time nor cue: a sentence's date


def test_a_dateline_that_is_also_another_field_stays():
    assert find(at_top("出典：日本経済新聞 2025年1月28日")) == Found("2025-01-28", frozenset())


def long_article(dateline_at: int, n: int = 40) -> list[str]:
    lines = [TITLE] + [f"段落{k}では、市場の動きについて関係者が説明した。" for k in range(1, n)]
    lines[dateline_at] = "2025年1月28日"
    return lines


def test_only_the_first_and_last_lines_are_read():
    assert find(long_article(SCAN - 1)) == Found("2025-01-28", frozenset({SCAN - 1}))
    assert find(long_article(40 - SCAN)) == Found("2025-01-28", frozenset({40 - SCAN}))
    assert find(long_article(SCAN)) is None
    assert find(long_article(40 - SCAN - 1)) is None
    assert find(long_article(20)) is None


def test_the_cost_does_not_grow_with_the_article(monkeypatch):
    seen = []
    tokens = datelines._tokens
    monkeypatch.setattr(datelines, "_tokens", lambda line: seen.append(len(line)) or tokens(line))
    huge = "あ" * 100_000
    assert find([huge] * 10_000) is None
    assert len(seen) == 2 * SCAN and max(seen) <= datelines.LINE_MAX


def test_a_short_article_reads_each_line_once():
    assert find(["2025年1月28日"]) == Found("2025-01-28", frozenset({0}))
    assert find([]) is None


# --- through the plain-text reader ---


def article(*lines: str):
    return parse("a", "a.txt", "\n".join(lines) + "\n")


def texts(a) -> list[str]:
    return [b.text for b in a.blocks]


def test_parse_dates_a_wire_story_and_keeps_its_lead():
    a = article("NY株が反発", LEAD, *BODY, "2025/01/28 06:30 (共同通信)")
    assert (a.date, a.date_from) == ("2025-01-28", "text")
    assert "2025/01/28 06:30 (共同通信)" not in texts(a)
    assert [b.kind for b in a.blocks if b.text == LEAD] == ["paragraph"]
    assert a.title == "NY株が反発"
    assert any(d.text == "27日" and d.iso == "2025-01-27" for d in a.dates)  # the year and month come from the dateline


def test_parse_takes_an_outlet_dateline_under_the_title():
    a = article(TITLE, "日本経済新聞 2025年1月28日 10:15", *BODY)
    assert (a.date, a.date_from, a.title) == ("2025-01-28", "text", TITLE)
    assert texts(a) == [TITLE, *BODY]


def test_parse_prefers_publication_and_drops_both_datelines():
    a = article(TITLE, "公開日：2025年1月28日", "更新日：2025年1月30日", *BODY)
    assert (a.date, a.date_from) == ("2025-01-28", "text")
    assert texts(a) == [TITLE, *BODY]


def test_parse_keeps_a_stamped_body_line():
    line = "2025年1月28日 10:15配信 トヨタ自動車は28日、新型車を発表した。"
    a = article(TITLE, line, *BODY)
    assert (a.date, a.date_from) == ("2025-01-28", "text")
    assert line in texts(a)


@pytest.mark.parametrize("line", ["1/28(火) 10:15配信", "トヨタ自動車は2025年1月28日に新型車を発表した。"])
def test_parse_leaves_undated_what_prints_no_dateline(line):
    a = article(TITLE, line, *BODY)
    assert (a.date, a.date_from) == (None, None)
    assert line in texts(a)
