"""Claims on the right property and subject, results told from forecasts, and disputes only
between figures that can be compared — on sentences written for these tests, through the real
analyzer and linker (empty lexicon), in the shapes results briefings take."""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import article

from builder.analyze import analyze
from builder.errors import InputError
from builder.files.config import TEMPLATES
from builder.kb import records as rec
from builder.kb.curate import apply, load_curation
from builder.kb.export import Parts, kb_json
from builder.kb.records import Records
from builder.link import link
from builder.link.facts import FAR_OWNER, agreements, disagreements
from builder.site.render import render_pages


def build(no_lexicon, *texts):
    analyses = [analyze(article("見出し\n" + t, f"s{i}"), no_lexicon) for i, t in enumerate(texts)]
    return link(analyses, no_lexicon)


def claims(kb) -> set[tuple]:
    names = {e.id: e.name for e in kb.entities}
    return {(names[c.subject], c.property, c.number, c.unit, c.basis, c.period) for c in kb.claims}


def figures(kb) -> set[tuple]:
    """Claims without their reading: (subject, property, number, unit)."""
    return {c[:4] for c in claims(kb)}


# --- the property is the one whose word governs the number ---

def test_revenue_and_operating_profit_each_get_their_own_number(no_lexicon):
    kb = build(no_lexicon, "カザミ自動車の2025年3月期の売上高は前年比5%増の3兆円、営業利益は20%減の2000億円だった。")
    assert claims(kb) == {("カザミ自動車", "revenue", 3e12, "JPY", "actual", "2025年3月期"),
                          ("カザミ自動車", "operating_profit", 2e11, "JPY", "actual", "2025年3月期")}  # the % changes are no claims


@pytest.mark.parametrize("sentence, prop, number", [
    ("ミナセ電機の連結純利益は1200億円だった。", "profit", 1.2e11),
    ("ミナセ電機の最終利益は前年同期比8%減の640億円だった。", "profit", 6.4e10),
    ("ミナセ電機の経常利益は980億円だった。", "ordinary_profit", 9.8e10),
    ("ミナセ電機の売上収益は2兆1000億円だった。", "revenue", 2.1e12),
    ("ミナセ電機の営業収益は過去最高の4兆3000億円だった。", "revenue", 4.3e12),
    ("ミナセ電機の時価総額は約5兆円に達した。", "market_value", 5e12),
    ("ミナセ電機の新型ゲーム機「ルナR9」の価格は約3万円だ。", "price", 3e4),
    ("ミナセ電機は新工場を建設し、投資額は約800億円となる。", "investment", 8e10),
    ("ミナセ電機の調達額は約300億円となった。", "funding", 3e10),
    ("ミナセ電機は約2000億円で同業を買収すると発表した。", "acquisition_price", 2e11),
    ("ミナセ電機の4〜6月期の営業利益は118億60百万円だった。", "operating_profit", 1.186e10),  # results tables write 百万円
])
def test_the_governing_word_names_the_property(no_lexicon, sentence, prop, number):
    assert {(p, n) for _, p, n, _ in figures(build(no_lexicon, sentence))} == {(prop, number)}


def test_a_policy_rate_is_its_level_not_its_step_nor_where_it_started(no_lexicon):
    kb = build(no_lexicon, "日本銀行は23日の金融政策決定会合で、政策金利を0.75%から1%に引き上げることを決めた。")
    assert figures(kb) == {("日本銀行", "policy_rate", 1.0, "%")}
    kb = build(no_lexicon, "日本銀行は23日の金融政策決定会合で、政策金利を0.25%引き上げることを決めた。")
    assert figures(kb) == set()


def test_a_sensitivity_to_the_yen_is_no_profit(no_lexicon):
    """`1円の円高で営業利益が約450億円減る` is the company's exchange-rate sensitivity (為替感応度):
    a figure of its own, which companies disclose and outlets compare; never its profit, and the
    1円 is no amount of anything."""
    kb = build(no_lexicon, "カザミ自動車は8日、1円の円高で営業利益が約450億円減ると明らかにした。")
    assert claims(kb) == {("カザミ自動車", "fx_sensitivity", 4.5e10, "JPY", "", "")}
    kb = build(no_lexicon, "カザミ自動車の為替感応度は、対ドルで1円円高になると年間の営業利益が400億円目減りする水準だ。")
    assert figures(kb) == {("カザミ自動車", "fx_sensitivity", 4e10, "JPY")}


@pytest.mark.parametrize("sentence", [
    "カザミ自動車は、10円の円高で営業利益が約3500億円減ると試算した。",  # another move: not the sensitivity
    "カザミ自動車は、ユーロに対して1円の円高で営業利益が60億円減ると明らかにした。",  # another currency
    "カザミ自動車は、関税の影響で営業利益が1800億円押し下げられると明らかにした。",  # an effect, not a level
    "カザミ自動車の営業利益は前年同期比450億円減った。",  # a change, not a level
    "カザミ自動車の想定為替レートは1ドル=145円で、営業利益への影響は大きい。",  # an exchange rate
    "カザミ自動車の純利益は増えた。年間配当は1株50円とする。",  # a dividend
    "カザミ自動車の営業利益は2000億円で、市場予想の2500億円を下回った。",  # only the result is the company's
])
def test_what_is_not_the_level_of_a_property_is_no_claim(no_lexicon, sentence):
    found = figures(build(no_lexicon, sentence))
    assert all(n in (2e11,) for _, _, n, _ in found), found


def test_a_loss_is_a_negative_profit(no_lexicon):
    kb = build(no_lexicon, "ソラミ製作所の2025年4〜9月期の最終損益は120億円の赤字だった。")
    [c] = kb.claims
    assert (c.property, c.number, c.value, c.basis, c.period) == ("profit", -1.2e10, "120億円の赤字", "actual", "2025年4〜9月期")
    kb = build(no_lexicon, "ソラミ製作所の当期の営業利益は118億60百万円（前期は営業損失188億26百万円）となった。")
    assert {(c.number, c.value, c.period) for c in kb.claims} == {(1.186e10, "118億60百万円", "当期"),
                                                                 (-1.8826e10, "営業損失188億26百万円", "前期")}


@pytest.mark.parametrize("sentence, found", [
    # a summary of the year after the amount is no change of it
    ("ソラミ製作所の営業利益は4兆7955億円（同10.4%減）の増収減益だった。", {("operating_profit", 4.7955e12)}),
    # a change after a parenthesis is a change all the same
    ("ソラミ製作所の営業利益は前期に比べ15億84百万円（15.5%）の減益となった。", set()),
    # an amount converted in a parenthesis is the same property's
    ("ソラミ製作所は11日、米国の組立工場に20億ドル（約3千億円）を投じると発表した。", {("investment", 2e9), ("investment", 3e11)}),
    # the end of a range is no one's figure
    ("東証でソラミ製作所などのハイテク株も2〜3%上げた。", set()),
    # the market's estimate, in a parenthesis after it
    ("ソラミ製作所の営業利益は4500億円になりそうだ。市場予想の平均（5800億円）を大きく下回る。", {("operating_profit", 4.5e11)}),
])
def test_what_surrounds_an_amount(no_lexicon, sentence, found):
    assert {(p, n) for _, p, n, _ in figures(build(no_lexicon, sentence))} == found


# --- the subject is the entity whose figure it is ---

def test_an_investment_belongs_to_the_company_not_the_place_it_goes_to(no_lexicon):
    kb = build(no_lexicon, "ミナセ電機は米テキサス州に100億ドルを投資する。")
    assert claims(kb) == {("ミナセ電機", "investment", 1e10, "USD", "plan", "")}


def test_not_the_outlet_nor_the_officer_who_announces_it(no_lexicon):
    kb = build(no_lexicon, "ロイター通信は5日、ミナセ電機が最大50億ドルを調達する計画だと報じた。")
    assert figures(kb) == {("ミナセ電機", "funding", 5e9, "USD")}
    kb = build(no_lexicon, "ミナセ電機の早瀬拓真社長は5日、インド工場に約600億円を投じる考えを示した。")
    assert figures(kb) == {("ミナセ電機", "investment", 6e10, "JPY")}
    kb = build(no_lexicon, "調査会社のブライトン・リサーチによると、ミナセ電機の売上高は約1兆円にのぼった。")
    assert figures(kb) == {("ミナセ電機", "revenue", 1e12, "JPY")}


def test_the_figure_of_the_name_it_is_written_with(no_lexicon):
    """`Xの利用者`: the figure is X's, however the sentence's topic is another name."""
    kb = build(no_lexicon, "ソラノワ・テックは10日、対話AI「ミラ5」の利用者が1,000万人を突破したと発表した。")
    assert figures(kb) == {("ミラ5", "users", 1e7, "people")}


PASSING = ("ミナセ電機は10日、2025年3月期の決算を発表した。ミナセ電機は電子部品を手がける。\n\n"
           "ミナセ電機は昨年、提携先のカザミ工業と新素材の共同開発を始めた。カザミ工業は群馬県に工場を持つ。\n\n")


def test_a_figure_no_sentence_near_it_owns_is_not_given_to_a_name_met_in_passing(no_lexicon):
    """Written with no owner, a figure is of what the text is on there: the company of its
    paragraph or the sentence before, else the article's first or most named — not a company
    named in passing paragraphs before. Such a figure goes to review."""
    far = build(no_lexicon, PASSING + "業界では再編が続いている。\n\n売上高は3兆円だった。")
    assert figures(far) == set()
    assert [(u.kind, u.fact["value"], u.why) for u in far.unsure if u.kind == "claim"] == [("claim", "3兆円", FAR_OWNER)]
    near = build(no_lexicon, PASSING + "業界では再編が続いている。売上高は3兆円だった。")
    assert figures(near) == set()  # the sentence before names no one either
    here = build(no_lexicon, PASSING.rstrip() + "売上高は500億円だ。")
    assert figures(here) == {("カザミ工業", "revenue", 5e10, "JPY")}  # named just before: what the text is on
    lead = build(no_lexicon, "ミナセ電機は10日、決算を発表した。\n\n提携先のカザミ工業も群馬県に工場を持つ。\n\n"
                             "業界では再編が続いている。\n\n売上高は3兆円だった。")
    assert figures(lead) == {("ミナセ電機", "revenue", 3e12, "JPY")}  # the article's first company, wherever it was named



def test_a_figure_after_a_topic_that_is_another_name_is_not_the_company_in_context(no_lexicon):
    """When the text has moved on to another name as its topic (ソラベは…), a figure written with
    no owner after it is not given to the company named before that topic: a name the analysis
    could not type (a surname-like short form, here) may own it. Such a figure goes to review."""
    moved = build(no_lexicon, "北辰精機は20億円を出資し、ソラベ・ウエディングを子会社にする。\n\n"
                              "海外挙式の草分けのソラベは、事業環境が悪化した。最終損益は117億円の赤字となった。")
    assert ("北辰精機", "profit") not in {c[:2] for c in figures(moved)}
    assert [(u.fact["value"], u.why) for u in moved.unsure if u.kind == "claim"] == [("117億円の赤字", FAR_OWNER)]
    glossed = build(no_lexicon, "カザミ自動車が12日に発表した2026年3月期の連結営業利益(国際会計基準、IFRS)は5兆円となった。"
                                "一方、27年3月期の営業利益は4兆円の見通し。")
    assert figures(glossed) == {("カザミ自動車", "operating_profit", 4e12, "JPY")}  # a gloss (IFRS) is no other name

# --- results, forecasts and plans ---

@pytest.mark.parametrize("sentence, basis, period", [
    ("ハルカ電子の2026年3月期の営業利益は3兆円だった。", "actual", "2026年3月期"),
    ("ハルカ電子は2026年3月期の営業利益が3兆円になる見通しだと発表した。", "forecast", "2026年3月期"),
    ("ハルカ電子は通期の営業利益予想を従来の2.8兆円から3兆円に上方修正した。", "forecast", "通期"),
    ("ハルカ電子は26年3月期の営業利益について、前期比12%増の3兆円を見込む。", "forecast", "2026年3月期"),
    ("ハルカ電子は2030年度に営業利益3兆円を目指す方針だ。", "plan", "2030年度"),
    ("ハルカ電子は中期経営計画で、営業利益を3兆円に引き上げる目標を掲げた。", "plan", ""),
    # a target a few years out, in words said
    ("ハルカ電子の社長は「ハルカ電子の営業利益を3年後には3兆円にするため、全力を注ぐ」と述べた。", "plan", ""),
    ("ハルカ電子の2025年4～6月期決算は、営業利益が3兆円と前年同期から2割増えた。", "actual", "2025年4〜6月期"),
    ("ハルカ電子の2026年3月期の第1四半期の営業利益は3兆円で、過去最高となった。", "", "2026年3月期第1四半期"),
])
def test_results_forecasts_and_plans_are_told_apart(no_lexicon, sentence, basis, period):
    [c] = build(no_lexicon, sentence).claims
    assert (c.property, c.number, c.basis, c.period) == ("operating_profit", 3e12, basis, period)


def test_a_result_and_the_forecast_in_one_sentence(no_lexicon):
    kb = build(no_lexicon, "ハルカ電子の前期の営業利益は2.9兆円だったが、今期は3兆円を見込む。")
    assert claims(kb) == {("ハルカ電子", "operating_profit", 2.9e12, "JPY", "actual", "前期"),
                          ("ハルカ電子", "operating_profit", 3e12, "JPY", "forecast", "今期")}


def test_a_parenthesis_is_a_clause_of_its_own(no_lexicon):
    kb = build(no_lexicon, "ハルカ電子は2026年3月期の純利益が800億円（前期は610億円）になる見通しだと発表した。")
    assert claims(kb) == {("ハルカ電子", "profit", 8e10, "JPY", "forecast", "2026年3月期"),
                          ("ハルカ電子", "profit", 6.1e10, "JPY", "", "前期")}


def test_a_replaced_forecast_is_no_claim(no_lexicon):
    kb = build(no_lexicon, "ハルカ電子は通期の営業利益の見通しを645億円から755億円に引き上げた。")
    assert claims(kb) == {("ハルカ電子", "operating_profit", 7.55e10, "JPY", "forecast", "通期")}
    kb = build(no_lexicon, "ハルカ電子は、通期の営業利益を従来予想の645億円から755億円に上方修正した。")
    assert figures(kb) == {("ハルカ電子", "operating_profit", 7.55e10, "JPY")}


def test_a_comparison_base_is_not_the_period(no_lexicon):
    [c] = build(no_lexicon, "ハルカ電子の営業利益は前年同期比17%増の3,420億円だった。").claims
    assert c.period == "" and c.basis == "actual"


def test_a_headline_and_its_body_give_one_claim(no_lexicon):
    kb = build(no_lexicon, "ハルカ電子、営業益3兆円\nハルカ電子の2026年3月期の営業利益は3兆円だった。")
    assert claims(kb) == {("ハルカ電子", "operating_profit", 3e12, "JPY", "actual", "2026年3月期")}


# --- disputes only between comparable claims ---

FORECAST = "ハルカ電子は2026年3月期の営業利益が3兆円になる見通しだと発表した。"
RESULT = "ハルカ電子の2026年3月期の営業利益は2.9兆円だった。"
OTHER_RESULT = "ハルカ電子の2026年3月期の営業利益は2.95兆円だった。"
OTHER_YEAR = "ハルカ電子の2025年3月期の営業利益は2.7兆円だった。"


def test_a_forecast_and_a_result_are_no_dispute(no_lexicon):
    kb = build(no_lexicon, FORECAST, RESULT)
    assert len(kb.claims) == 2 and disagreements(kb.claims) == set()


def test_two_fiscal_years_are_no_dispute(no_lexicon):
    kb = build(no_lexicon, RESULT, OTHER_YEAR)
    assert len(kb.claims) == 2 and disagreements(kb.claims) == set()


def test_two_results_of_one_year_are(no_lexicon):
    kb = build(no_lexicon, RESULT, OTHER_RESULT, FORECAST)
    [subject] = {c.subject for c in kb.claims}
    assert disagreements(kb.claims) == {(subject, "operating_profit", "JPY", "2026年3月期", "actual")}
    kb = build(no_lexicon, RESULT, RESULT.replace("だった", "だったと発表した"), FORECAST)
    assert agreements(kb.claims)[(subject, "operating_profit", "JPY", "2026年3月期", "actual", 2.9e12)] == 2
    assert agreements(kb.claims)[(subject, "operating_profit", "JPY", "2026年3月期", "forecast", 3e12)] == 1


def test_records_kb_json_and_pages_show_the_basis_and_period(no_lexicon):
    kb = build(no_lexicon, FORECAST, RESULT, OTHER_RESULT)
    files = rec.to_records(kb)
    [entity] = [r for p, r in files.items() if p.startswith("entities/") and r["claims"]]
    rows = {(c["number"], c["basis"], c["period"], c["disputed"], c["agreed_by"]) for c in entity["claims"]}
    assert rows == {(3e12, "forecast", "2026年3月期", False, 1), (2.9e12, "actual", "2026年3月期", True, 1),
                    (2.95e12, "actual", "2026年3月期", True, 1)}
    records = Records(*([r for p, r in sorted(files.items()) if p.startswith(kind + "/")]
                        for kind in ("sources", "entities", "events", "redirects")))
    with Parts() as parts:
        exported = json.loads("".join(kb_json(records, parts)))
    assert {(c["basis"], c["period"]) for c in exported["claims"]} == {("forecast", "2026年3月期"), ("actual", "2026年3月期")}
    pages: dict[str, str] = {}
    render_pages(records, TEMPLATES, "テスト", lambda path, text: pages.__setitem__(path, text if isinstance(text, str) else "".join(text)) or True)
    results, forecast = pages[f"entities/{entity['id']}.html"].split("予想</span>")  # a group each: results, then the forecast
    assert '<span class="tag">2026年3月期</span> <span class="tag">実績</span> <span class="warn">出典により異なる' in results
    assert forecast.startswith("</th>")  # the forecast disputes nothing


def test_a_hand_made_claim_carries_its_basis_and_period(no_lexicon, tmp_path):
    kb = build(no_lexicon, RESULT)
    [c] = kb.claims
    path = tmp_path / "curation.yaml"
    path.write_text(f"claims_add:\n  - {{subject: {c.subject}, property: operating_profit, value: 3.1兆円, "
                    f"basis: forecast, period: 2027年3月期}}\n", encoding="utf-8")
    apply(kb, load_curation(path))
    hand = [x for x in kb.claims if x.origin == "hand"]
    assert [(x.number, x.basis, x.period) for x in hand] == [(3.1e12, "forecast", "2027年3月期")]
    path.write_text(f"claims_add:\n  - {{subject: {c.subject}, property: operating_profit, value: 3.1兆円, basis: guess}}\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match="unknown basis 'guess' \\(known: actual, forecast, plan\\)"):
        load_curation(path)


def test_a_period_a_figure_is_compared_with_is_not_the_period_of_the_next(no_lexicon):
    kb = build(no_lexicon, "カザミ自動車の2026年3月期の営業利益は800億円だった。営業利益はこれまで最高だった2008年3月期を上回った。"
                           "純利益は500億円だった。")
    assert ("カザミ自動車", "profit", 5e10, "JPY", "actual", "2026年3月期") in claims(kb)  # not 2008年3月期's


def test_an_era_years_period_is_its_western_years(no_lexicon):
    kb = build(no_lexicon, "カザミ自動車が10日発表した平成29年3月期連結決算は、最終利益が1兆円となった。")
    assert claims(kb) == {("カザミ自動車", "profit", 1e12, "JPY", "actual", "2017年3月期")}


def test_an_interim_period_is_its_own_not_the_year_named_before(no_lexicon):
    kb = build(no_lexicon, "ミナセ電機は2024年3月期に赤字だった。ミナセ電機の24年9月中間決算は、純利益が1760億円だった。")
    assert [c.period for c in kb.claims] == ["2024年9月中間期"]


def test_a_two_digit_year_is_the_heisei_eras_where_that_is_nearer_the_articles_date(no_lexicon):
    a = article("見出し\nカザミ自動車の31年3月期の純利益は2兆円を見込む。", "s0")
    kb = link([analyze(dataclasses.replace(a, date="2018-05-09"), no_lexicon)], no_lexicon)
    assert [c.period for c in kb.claims] == ["2019年3月期"]  # not 2031
    kb = link([analyze(dataclasses.replace(a, date="2026-05-09"), no_lexicon)], no_lexicon)
    assert [c.period for c in kb.claims] == ["2031年3月期"]


def test_a_bound_is_kept_only_where_the_level_itself_is_not_given(no_lexicon):
    """3兆円超 in a headline says no more than 3兆552億円 in the body, and disagrees with nothing;
    alone, it is what the article says (its value keeps the 超)."""
    kb = build(no_lexicon, "カザミ自動車、純利益3兆円超\nカザミ自動車の純利益は3兆552億円だった。")
    assert {(c.value, c.qualifier) for c in kb.claims} == {("3兆552億円", "")}
    kb = build(no_lexicon, "カザミ自動車の純利益は5兆円超えとなった。", "カザミ自動車の純利益は5兆3529億円だった。")
    assert {(c.value, c.qualifier) for c in kb.claims} == {("5兆円超", "超"), ("5兆3529億円", "")}
    assert disagreements(kb.claims) == set()
    kb = build(no_lexicon, "カザミ製薬の売上収益は初めて1兆円を突破した。カザミ製薬の売上収益は1兆1680億円だった。")
    assert {c.value for c in kb.claims} == {"1兆1680億円"}  # 突破した: a line passed, beside the level


def test_a_paragraph_gives_its_period_to_the_results_after_it(no_lexicon):
    kb = build(no_lexicon, "カザミ自動車は12日、2026年3月期の連結決算を発表した。売上高は9兆8000億円だった。純利益は5000億円を見込む。")
    assert claims(kb) == {("カザミ自動車", "revenue", 9.8e12, "JPY", "actual", "2026年3月期"),
                          ("カザミ自動車", "profit", 5e11, "JPY", "forecast", "")}  # not the year whose results it follows
    kb = build(no_lexicon, "カザミ自動車は12日、2026年3月期の業績予想を上方修正した。純利益は5000億円を見込む。")
    assert claims(kb) == {("カザミ自動車", "profit", 5e11, "JPY", "forecast", "2026年3月期")}


# --- whose a figure is, read from the clause structure (issue 25's false figures, in invented sentences) ---

@pytest.mark.parametrize("sentence, expected", [
    # the investment of a country no article names as a company, not of the company named later
    ("首相はアルカディア国への投資額を1兆ドルに引き上げる考えを表明した。ベータ商事の買収も議題となった。", set()),
    # the proceeds are the listed company's, not its parent's, named in the next sentence
    ("カワセミ工業は東証に上場し、300億円を調達した。親会社のツバサ電機が株式の6割を保有する。",
     {("カワセミ工業", "funding", 3e10, "JPY")}),
    # a proposal withdrawn is no acquisition price, nor anyone's investment
    ("エンデバー社はフォルテ社に対する約7兆円の買収提案を撤回した。", set()),
    # a total of several is no one member's
    ("ガンマ社、デルタ社、イプシロン社の3グループの純利益合計は4兆円だった。", set()),
    ("ミナセ電機は決算を発表した。子会社58社合計でも売上高は過去最高の1445億円となった。", set()),  # a sum of several
    ("まずはガンマ社とデルタ社の売上高約1000億円がイプシロン社の売上高に上乗せされる。", set()),
    # a figure in a clause describing a part of the company is the part's (…が確実なXの防衛・宇宙事業)
    ("ミナセ重工は12日、説明会を開いた。短期間で売上1兆円超えが確実なMJKの防衛・宇宙事業。", set()),
    # a band of a survey is no one's level: the companies in it (100億円以上は69社)
    ("ハルカ・リサーチの調査によると、売上高100億円以上は69社だった。", set()),
    # a band is no level
    ("ミナモト電機の最終利益は初めて1000億円台を回復した。", set()),
    # what it would have been is no figure, nor by how much; the end of a range is no level either
    ("ミナモト電機の純利益は27億ドルだった。一時費用がなければ純利益は186億ドルと、159億ドル多かったとしている。",
     {("ミナモト電機", "profit", 2.7e9, "USD")}),
    ("ミナモト電機は今年の設備投資の見通しを700億─720億ドルとした。", set()),
    # what a figure is measured against is no level of this year's
    ("ミナセ電機の通期売上高は前年の303億円を10.9%上回る336億円だった。", {("ミナセ電機", "revenue", 3.36e10, "JPY")}),
    # who pays, not who receives
    ("ジュピター社は2日、カシオペア社に最大4兆円を出資すると発表した。", {("ジュピター社", "investment", 4e12, "JPY")}),
    # the one by whom (による) a deal is done owns its price; what is bought (X買収) never does
    ("ミナセ電機は事業を売却すると発表した。ジュピター社による買収額は約1790億円。", {("ジュピター社", "acquisition_price", 1.79e11, "JPY")}),
    ("ジュピター社:米カシオペア買収へ、総額9400億円。", {("ジュピター社", "acquisition_price", 9.4e11, "JPY")}),
    # who is paid into (Xに…出資) does not invest
    ("カシオペア社に53億円出資=販路拡大", set()),
    # a sum of two is no one's; a rate's sides are no price; "before the acquisition" names no price
    ("ジュピター社の売上高は1兆円だが、カシオペア社と単純合算すると1兆7千億円に拡大する。", {("ジュピター社", "revenue", 1e12, "JPY")}),
    ("ジュピター社の買収額は最大9,000万ドル(1米ドル=約147円のレートで約132億円)。",
     {("ジュピター社", "acquisition_price", 9e7, "USD"), ("ジュピター社", "acquisition_price", 1.32e10, "JPY")}),
    ("ジュピター社は買収により、海外事業の最終利益は買収前と比べ38%増の約1750億円に増える。", set()),
    # a tender offer's price per share, and how far it is above the close, are no price nor move of a product or share
    ("ジュピター社の発表によると買い付け価格は2620円で、11日の終値(2166円)より21%高い。", set()),
    # by how much a record was beaten is no level; a threshold (以上の) is none either
    ("ジュピター社の営業利益はこれまで最高だった1998年3月期を約2000億円上回った。", set()),
    ("ジュピター社の北条CFOは「営業利益5000億円以上の連続達成はない」と述べた。", set()),
    # who is issued shares (Xに…発行し) pays; the issuer raises the money
    ("カシオペア社はジュピター社に新株を発行し約1017億円を調達する。", {("カシオペア社", "funding", 1.017e11, "JPY")}),
    # who underwrites a share issue pays it: its investment, not its funding
    ("ジュピター社はカシオペア社の第三者割当増資を11億5千万円で引き受け、子会社化する。", {("ジュピター社", "investment", 1.15e9, "JPY")}),
    # the new model's price, not its predecessor's
    ("ミナセ電機の新型ゲーム機「ルナ5」の価格は3万円で、前モデル「ルナ4」より安い。", {("ルナ5", "price", 3e4, "JPY")}),
    # a fraction of a rival's cost is no development cost
    ("ゼタラボのAIモデル「Zeta-3」の開発費は競合の100分の1以下だという。", set()),
    # an unlisted company's 企業価値 is its valuation, not a market value
    ("新興企業のカイロスラボは資金調達を計画しており、企業価値は約120億ドルと評価される見通しだ。",
     {("カイロスラボ", "valuation", 1.2e10, "USD")}),
    # what a clause describes names what the money was for: an acquisition's price
    ("ミナセ電機が約141億ドルを投じた巨額買収は合理的だった。", {("ミナセ電機", "acquisition_price", 1.41e10, "USD")}),
    # …through what that noun is of (Xの買収): a price paid for X, no investment of the company in context
    ("ミナセ電機は米国で事業を広げてきた。約1370億円を投じたトウカイ精機の買収交渉に当たったのは、山田太郎常務だった。", set()),
    # a figure in a gloss is the glossed name's (a date before it is no member of a list); a gloss of no name, no one's
    ("ミナセ電機は12日、トウカイ精機（大阪府、売上高1200億円）を買収すると発表した。", {("トウカイ精機", "revenue", 1.2e11, "JPY")}),
    ("ミナセ電機は12日、海外の6社（売上高1713億円）を買収すると発表した。", set()),
    # the next item of a list is governed by its own noun, not by the property before the comma
    ("ミナセ電機は12日、トウカイ精機（米国、売上高2兆円、純資産8000億円）を買収すると発表した。", {("トウカイ精機", "revenue", 2e12, "JPY")}),
    # an investment cap (投資枠) is no investment
    ("ミナセ銀行は20億円の投資枠を持つファンドを設立した。", set()),
    # a figure of a part of the company (音楽分野について、) is not the company's
    ("ミナセ電機は決算を発表した。音楽分野について、営業利益は2631億円と増益した。", set()),
    # …nor where the part is the sentence's topic and the company its subject (不動産業は、Xが…)
    ("北浜鉄道は決算を発表した。不動産業は、北浜鉄道が売上高を前期比14・0%増の660億円と大きく伸ばした。", set()),
    ("北浜鉄道は決算を発表した。北浜鉄道の売上高は前期比14・0%増の660億円だった。", {("北浜鉄道", "revenue", 6.6e10, "JPY")}),
    # a clause with no subject of its own that describes a name is that name's doing, not the topic's before;
    # describing several, it is their total
    ("ミナセ電機は3日、決算を発表した。1兆1306億円の純利益を確保したトウカイ精機は、好調が続く。",
     {("トウカイ精機", "profit", 1.1306e12, "JPY")}),
    ("ミナセ電機は3日、決算を発表した。1兆円規模の純利益を出したトウカイ精機やジュピター社の快進撃が止まった。", set()),
    # results framed by the company whose results they are (Xの…連結業績で、), not the topic before
    ("ミナセ電機は12日、新施設を開業した。なお、トウカイ精機の2024年10月期の連結業績で、売上高は5237億円だった。",
     {("トウカイ精機", "revenue", 5.237e11, "JPY")}),
    # a clause that goes on into the next (Aは…投じて取得、Bは…検討する) has A as its subject, not B
    ("ミナセ電機は8000億円を投じて鉱山の権益を取得、トウカイ精機は事業の拡張を検討する。",
     {("ミナセ電機", "investment", 8e11, "JPY")}),
    # the price of a thing no name gives (Xの価格は) is not the product the article is about
    ("ミナセ電機は新型洗濯機「ルナ5」を発売した。専用洗剤「キラリ液」のメーカー希望小売価格は税込980円。", set()),
])
def test_a_figure_belongs_to_the_name_the_structure_gives_it(no_lexicon, sentence, expected):
    assert figures(build(no_lexicon, sentence)) == expected


@pytest.mark.parametrize("sentence", ["トウカイ精機の2026年3月期の営業利益は500億円だった。",
                                      "トウカイ精機の2026年3月期の実質的な営業利益は500億円だった。"])
def test_a_property_noun_written_with_a_name_owns_the_figure_through_its_period(no_lexicon, sentence):
    kb = build(no_lexicon, "ミナセ電機は10日決算を発表した。" + sentence)
    assert figures(kb) == {("トウカイ精機", "operating_profit", 5e10, "JPY")}


def test_an_owner_that_names_no_one_leaves_the_figure_no_ones(no_lexicon):
    kb = build(no_lexicon, "ミナセ電機とトウカイ精機は経営統合で合意した。新会社の売上高は5兆円規模となる。")
    assert figures(kb) == set()


# --- whose a figure is when the property is its predicate's only subject ---

def test_a_company_written_as_the_subject_of_its_figures_owns_them_not_the_topic_before(no_lexicon):
    """北陸電力も売上高が…6137億円、純損益は…赤字だった: 北陸電力's, though 関西電力 was the topic;
    the year before's figure in （同…） is no claim of any period."""
    kb = build(no_lexicon, "関西電力は売上高が3%減の1兆円だった。"
                           "北陸電力も売上高が4%減の6137億円、純損益は68億円の赤字（同68億円の黒字）だった。")
    assert figures(kb) == {("関西電力", "revenue", 1e12, "JPY"), ("北陸電力", "revenue", 6.137e11, "JPY"),
                           ("北陸電力", "profit", -6.8e9, "JPY")}


def test_the_company_whose_results_frame_the_figure_owns_it(no_lexicon):
    """京セラが発表した決算では、売り上げが…9852億円: 京セラ's, not the topic 富士通's."""
    kb = build(no_lexicon, "富士通は営業損益が黒字化した。京セラが発表した半年間の決算では、売り上げが2.7%減って9852億円となった。")
    assert figures(kb) == {("京セラ", "revenue", 9.852e11, "JPY")}


def test_figures_of_a_periods_results_are_results(no_lexicon):
    kb = build(no_lexicon, "25年3月期の連結業績はカザミ建設が売上高8475億円、営業利益485億円。")
    assert ("カザミ建設", "revenue", 8.475e11, "JPY", "actual", "2025年3月期") in claims(kb)


def test_a_headline_rounds_its_figures_and_the_body_gives_them(no_lexicon):
    kb = build(no_lexicon, "カザミ電機、米社を2兆円で買収\nカザミ電機は米アルバ社を約2兆2000億円で買収すると発表した。")
    assert {c.number for c in kb.claims} == {2.2e12}  # not the headline's 2兆円
    kb = build(no_lexicon, "カザミ自動車、営業益5兆3529億円\n詳細は後日発表する。")
    assert figures(kb) == {("カザミ自動車", "operating_profit", 5.3529e12, "JPY")}  # an exact one is the figure
    kb = build(no_lexicon, "カザミ製薬の通期売上高は初の1兆円突破となった。")
    assert {(c.value, c.qualifier) for c in kb.claims} == {("1兆円超", "超")}  # a line passed, not the level


def test_a_company_has_no_price_its_products_do(no_lexicon):
    """The main product's price (no page of its own), not the company's."""
    kb = build(no_lexicon, "ミナセ食品は4月から主力商品を値上げすると発表した。価格は160円になる。")
    assert kb.claims == []


def test_a_figure_passed_reads_as_a_bound(no_lexicon):
    """時価総額は6兆7000億円を超えた: the page says 6兆7000億円超, not a market value of 6兆7000億円."""
    kb = build(no_lexicon, "カザミ製薬の時価総額は6兆7000億円を超えた。")
    assert {(c.value, c.qualifier) for c in kb.claims} == {("6兆7000億円超", "超")}


def test_a_period_word_in_a_propertys_name_is_no_period(no_lexicon):
    """当期純利益: the property's name; the figure's period is the one the sentence gives (24年4―9月期)."""
    kb = build(no_lexicon, "カザミ銀行の24年4―9月期連結決算は、当期純利益が前年同期比20%増の1兆2581億円だった。")
    assert {(c.property, c.period) for c in kb.claims} == {("profit", "2024年4〜9月期")}


def test_a_period_before_a_change_is_what_the_figure_is_compared_with(no_lexicon):
    """連結売上高が前期46.2%増の977億円: 前期 is the base of the change, not the figure's period (as
    前期比 is)."""
    kb = build(no_lexicon, "北浜電機は決算を発表した。期中は大型ヒットで連結売上高が前期46.2%増の977億1600万円となった。")
    assert claims(kb) == {("北浜電機", "revenue", 97716000000.0, "JPY", "actual", "")}
