"""Events that meet across sources, and events whose date is partial, through the real
analyzer and linker (articles written for these tests, read as seed files are), the records
and the pages."""

from pathlib import Path

import pytest

from builder.analyze import analyze
from builder.files.config import TEMPLATES
from builder.files.yamlio import dump
from builder.kb.curate import apply, load_curation
from builder.kb.records import from_texts, to_records
from builder.link import link
from builder.read import read_article
from builder.site.render import render_pages


def seed(name: str, body: str, date: str | None = None):
    front = f"---\ndate: {date}\npublisher: {name}通信\n---\n" if date else ""
    return read_article(Path(f"{name}.txt"), raw=(front + body).encode())


def build(lexicon, *articles):
    return link([analyze(a, lexicon) for a in articles], lexicon)


def events_about(kb, entity_id, kind=None):
    return [ev for ev in kb.events if entity_id in ev.entities and (kind is None or ev.type == kind)]


BOJ = [
    ("kanto", ("日銀、金利を据え置き\n日本銀行は24日の金融政策決定会合で、政策金利を0.75%程度に据え置くことを賛成多数で決めた。"
               "政策金利は1995年9月以来の高い水準にある。\n"), "2026-01-24"),
    ("minato", "日銀が現状維持\n日銀は24日、短期金利の誘導目標を0.75%程度で維持することを決定した。植田和男総裁が午後に記者会見する。\n",
     "2026-01-24"),
    ("undated", "日銀、据え置き決める\n日本銀行は24日、政策金利を0.75%程度に据え置くと決めた。前回の2025年12月の会合で利上げしていた。\n", None),
]


def test_one_policy_decision_reported_three_times_is_one_event(lexicon):
    kb = build(lexicon, *(seed(*a) for a in BOJ))
    [ev] = events_about(kb, "boj", "policy")
    assert ev.sources == ["kanto", "minato", "undated"]
    assert ev.date == "2026-01-24"  # the undated report takes the date of the dated ones
    assert "undatedの「24日」の年月は、同じ出来事を伝える別の報道（kantoの「24日」）から推定" in ev.date_basis
    assert not ev.id.startswith("xxxx")


def test_alone_a_day_without_its_month_stays_partial(lexicon):
    kb = build(lexicon, seed(*BOJ[2]))
    [ev] = events_about(kb, "boj", "policy")
    assert ev.date == "XXXX-XX-24" and ev.date_basis == "年月は記事から分からない"
    assert ev.id.startswith("xxxx-xx-24-policy-boj")


SELL_OFF = [
    ("a", "東証大幅安\n10日の東京株式市場で日経平均株価は大幅に続落し、終値は前日比2100円安となった。下げ幅は2024年8月以来の大きさ。\n", "2026-03-10"),
    ("b", "日経平均、2千円超安\n日経平均株価は10日、前日比2100円下落し、TOPIXも急落した。\n", "2026-03-10"),
    ("c", "前日の株安\n10日の東京市場では日経平均株価が急落し、終値は3万6000円台だった。\n", "2026-03-11"),
    ("d", "株安広がる\n日経平均株価は10日、一時2500円超下落した。\n", None),
    ("e", "全面安\n東証株価指数（TOPIX）は10日、前日比5%下落した。\n", "2026-03-10"),
    ("f", "リーマン以来\n日経平均株価の下落率は2008年10月以来の大きさとなった。日経平均は10日、一時7%下落した。\n", "2026-03-10"),
]


def test_six_outlets_on_one_sell_off_are_one_event(lexicon):
    """Each names the index (one only TOPIX, which another names beside the Nikkei), one has no
    date at all, one is of the next day (前日, 10日): one event, six sources."""
    kb = build(lexicon, *(seed(*a) for a in SELL_OFF))
    market = [ev for ev in kb.events if ev.type == "market"]
    assert len(market) == 1, [(ev.id, ev.sources) for ev in market]
    [ev] = market
    assert ev.date == "2026-03-10" and ev.sources == ["a", "b", "c", "d", "e", "f"]
    assert {"nikkei-225", "topix"} <= set(ev.entities)


def test_a_partial_date_that_fits_two_dates_joins_neither(lexicon):
    kb = build(lexicon,
               seed("jan", "1月の会合\n日本銀行は24日、政策金利を0.5%程度に引き上げることを決めた。\n", "2026-01-24"),
               seed("feb", "2月の会合\n日本銀行は24日、政策金利を0.75%程度に引き上げることを決めた。\n", "2026-02-24"),
               seed("nodate", "会合\n日本銀行は24日、政策金利の引き上げを決めた。\n"))
    dates = sorted((ev.date, ev.sources) for ev in events_about(kb, "boj", "policy"))
    assert dates == [("2026-01-24", ["jan"]), ("2026-02-24", ["feb"]), ("XXXX-XX-24", ["nodate"])]


def test_other_days_are_other_events(lexicon):
    kb = build(lexicon, seed("mon", "急落\n日経平均株価は9日、大幅に下落した。\n", "2026-03-09"),
               seed("tue", "反発\n日経平均株価は10日、大幅に反発した。\n", "2026-03-10"))
    assert sorted(ev.date for ev in events_about(kb, "nikkei-225")) == ["2026-03-09", "2026-03-10"]


@pytest.mark.parametrize("body", [
    "安値\n日経平均株価は2008年10月以来の安値に急落した。\n",  # a point of comparison dates nothing
    "物価\n5月の消費者物価指数は前年同月比3%上昇し、日経平均株価も上昇基調が続いた。\n",  # a monthly figure
])
def test_no_event_without_the_day_it_happened(lexicon, body):
    kb = build(lexicon, seed("x", body))
    assert [ev for ev in kb.events if ev.type == "market"] == []


def test_a_company_deciding_makes_no_policy(lexicon):
    kb = build(lexicon, seed("co", "値上げ\nトヨタ自動車は5日、主力車種の価格を引き上げると決めた。\n", "2026-03-05"),
               seed("cb", "利上げ\n日本銀行は5日、短期金利の引き上げを決めた。\n", "2026-03-05"))
    assert [ev.sources for ev in kb.events if ev.type == "policy"] == [["cb"]]
    assert next(ev for ev in kb.events if ev.type == "policy").title == "日本銀行の引き上げ"


def test_a_partial_event_round_trips_and_renders(lexicon, tmp_path):
    """The records of an event dated 24日 load back, its page says what is known, the timeline
    puts it on a page of its own (not timeline/XXXX-XX.html, nor first as the newest), and the
    edit `musubi review` proposes to confirm it is accepted by the curation file."""
    kb = build(lexicon, seed(*BOJ[2]), seed(*SELL_OFF[0]))
    [partial] = events_about(kb, "boj", "policy")
    path = tmp_path / "curation.yaml"
    path.write_text(f"events:\n  {partial.id}:\n    date: {partial.date}\n", encoding="utf-8")
    apply(kb, load_curation(path))
    assert partial.date == "XXXX-XX-24" and partial.date_basis == "手で修正"
    records = from_texts({rel: dump(r) for rel, r in to_records(kb).items()})
    [stored] = [ev for ev in records.events if ev["id"] == partial.id]
    assert stored["date"] == "XXXX-XX-24"
    pages: dict[str, str] = {}
    render_pages(records, TEMPLATES, "テスト", lambda p, text: pages.__setitem__(p, text if isinstance(text, str) else "".join(text)) or True)
    page = pages[f"events/{partial.id}.html"]
    assert '<dt>日付</dt><dd><span class="date">24日</span> <span class="muted">(手で修正)</span></dd>' in page
    assert '"startDate"' not in page  # schema.org has no date for 24日
    assert "timeline/unknown.html" in pages and not any("XXXX" in p or "xxxx-xx" in p.split("/")[0] for p in pages)
    assert "年月不明" in pages["timeline/unknown.html"] and "24日" in pages["timeline/unknown.html"]
    assert f"events/{partial.id}.html" not in pages["timeline.html"] and "日経平均株価" in pages["timeline.html"]
    assert '<time datetime="2026-03-10">2026-03-10</time>' in pages["timeline.html"]


def test_an_unconfirmed_partial_event_says_why(lexicon):
    kb = build(lexicon, seed(*BOJ[2]))
    records = from_texts({rel: dump(r) for rel, r in to_records(kb).items()})
    pages: dict[str, str] = {}
    render_pages(records, TEMPLATES, "テスト", lambda p, text: pages.__setitem__(p, text if isinstance(text, str) else "".join(text)) or True)
    [ev] = records.events
    assert '<span class="date">24日</span> <span class="muted">(年月は記事から分からない)</span>' in pages[f"events/{ev['id']}.html"]


def test_a_head_office_or_a_wire_dateline_in_brackets_takes_no_part(lexicon):
    """千葉銀行(千葉市)と…: the city is where the bank is, not in the tie-up; [東京 10日 ロイター]: the wire."""
    kb = build(lexicon, seed("wire", "提携のお知らせ\n[東京 10日 ロイター] - 北浜銀行(千葉市)と南都銀行(横浜市)は10日、"
                                     "業務提携することで基本合意したと発表した。\n", "2019-07-10"))
    [ev] = kb.events
    names = {e.id: e.name for e in kb.entities}
    assert sorted(names[e] for e in ev.entities) == ["北浜銀行", "南都銀行"]


@pytest.mark.parametrize("body, places", [
    ("北浜電機は14日、熊本県菊陽町で新工場を稼働させたと発表した。", ["熊本県", "菊陽町"]),  # where it happened
    ("北浜電機は10日、米国で住宅事業を展開するアオバ電子を買収したと発表した。", []),  # where the bought one works
    ("台湾の北浜電機は30日、ミドリ精工を買収したと発表した。", []),  # the buyer's country
    # where a name not found works, or the home of those who did it: through a clause of its own
    ("北浜電機は10日、米国で住宅事業を展開するキャッスルロックを買収したと発表した。", []),
    ("北浜県を地盤とする、北浜銀行と南都銀行は12日、経営統合で合意したと発表した。", []),
])
def test_a_place_takes_part_in_an_event_only_where_it_happens(no_lexicon, body, places):
    kb = build(no_lexicon, seed("a", "見出し\n" + body, "2025-01-31"))
    [ev] = kb.events
    names = {e.id: e for e in kb.entities}
    assert [names[x].name for x in ev.entities if names[x].type == "place"] == places
