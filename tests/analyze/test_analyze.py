"""The analyzer on sentences written for these tests, with an EMPTY lexicon:
every name is new to musubi, so only the rules can find it."""


import pytest
import yaml
from conftest import TESTS, article

from builder.analyze import analyze
from builder.link import link
from builder.analyze.quantities import find_quantities, parse_number
from builder.analyze.tokens import tokenize
from builder.link.entities import build_entities
from builder.read.textnorm import name_key

CASES = yaml.safe_load((TESTS / "fixtures" / "names.yaml").read_text(encoding="utf-8"))


def typed_mentions(text, lexicon):
    a = analyze(article(text), lexicon)
    build_entities([a], lexicon)
    return a, sorted((m.type, m.text) for m in a.mentions if m.type)


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_names_found_by_rules(case, no_lexicon):
    _, got = typed_mentions(case["text"], no_lexicon)
    assert got == sorted(tuple(x) for x in case["expect"])


def test_offsets_point_into_the_raw_text(no_lexicon):
    text = "見出し\n　ＺｅｔａＬａｂのジェーン・ミラーCEOは語った。"
    a, _ = typed_mentions(text, no_lexicon)
    for m in a.mentions:
        assert text[m.start : m.end] == m.text


def test_tokens_are_not_nfkc_normalised():
    tokens = tokenize("ＮＶＩＤＩＡ株", 10)
    assert tokens[0].surface == "ＮＶＩＤＩＡ" and not tokens[0].unknown
    assert (tokens[0].start, tokens[0].end) == (10, 16)


def test_lexicon_spelling_needs_token_boundaries(lexicon):
    _, got = typed_mentions("メタバース関連の投資が増えた。", lexicon)
    assert got == []


@pytest.mark.parametrize("written, number, unit, qualifier", [
    ("わずか600万ドル", 6_000_000, "USD", "わずか"),
    ("約5,000億ドル", 500_000_000_000, "USD", "約"),
    ("3兆4,900億円", 3_490_000_000_000, "JPY", ""),
    ("一時18%以上", 18, "%", "一時 以上"),
    ("１７％", 17, "%", ""),
    ("100分の1以下", 0.01, "ratio", "以下"),
    ("０・７５％程度", 0.75, "%", "程度"),  # the dot newspapers write for a decimal point
    ("１・５兆円", 1_500_000_000_000, "JPY", ""),
    ("マイナス0.1%", -0.1, "%", ""),  # a negative amount keeps its sign
    ("▲12億円", -1_200_000_000, "JPY", ""),
])
def test_amounts(written, number, unit, qualifier):
    [q] = find_quantities(f"前置き{written}の後", 100)
    assert (q.text, q.number, q.unit, q.qualifier) == (written, number, unit, qualifier)
    assert q.start == 103


def test_compound_numbers():
    assert parse_number("3兆4,900億") == 3.49e12
    assert parse_number("1.5万") == 15000


def test_relation_and_claim_hints(no_lexicon):
    a = analyze(article("ゼタラボが開発したAIモデル「Zeta-2」は、約300万ドルの開発費で作られた。"), no_lexicon)
    build_entities([a], no_lexicon)
    [s] = a.sentences
    rels = {(a.mentions[x].text, p, a.mentions[y].text) for x, p, y in s.relations}
    assert ("Zeta-2", "developed_by", "ゼタラボ") in rels
    [claim] = s.claims  # the subject of 作られた, read from the clause structure: the model, not its maker
    lo, hi = s.clauses.span(claim.subject)
    assert claim.property == "development_cost" and claim.owner == -1 and "Zeta-2" in a.article.text[lo:hi]


@pytest.mark.parametrize("text, name, description", [
    ("米半導体大手のクロノス・デバイスは決算を発表した。", "クロノス・デバイス", "米半導体大手"),
    ("競合他社であるヴェルダ・ラボは反発した。", "ヴェルダ・ラボ", ""),  # how it stands to another company, not what it is
    ("取引先のオルテ精機は値上げした。", "オルテ精機", ""),
])
def test_the_phrase_before_a_name_describes_it_unless_it_only_relates_it(text, name, description, no_lexicon):
    a, _ = typed_mentions(text, no_lexicon)
    found = [k for k, m in enumerate(a.mentions) if m.text == name]
    assert found, [m.text for m in a.mentions]
    assert a.descriptions.get(found[0], "") == description


def test_variant_kanji_are_read_as_their_common_form_and_kept_as_written(no_lexicon):
    text = "髙野精機の髙橋一郎社長と栁田美咲氏は27日、会見した。"
    a, got = typed_mentions(text, no_lexicon)
    assert ("person", "髙橋一郎") in got and ("person", "栁田美咲") in got  # not 一郎 after an unknown word
    assert all(text[m.start : m.end] == m.text for m in a.mentions)
    assert name_key("髙橋一郎") == name_key("高橋一郎")  # one name however it is written


def test_radicals_pasted_from_a_pdf_are_read_as_the_kanji_they_stand_for(no_lexicon):
    """PDF text writes 西 as the radical ⻄ (U+2EC4) and 木 as ⽊ (U+2F4A): the same names."""
    text = "⻄原電機の新社長には、⽊村拓海氏が就任した。"
    a, got = typed_mentions(text, no_lexicon)
    assert ("person", "⽊村拓海") in got, got
    assert all(text[m.start : m.end] == m.text for m in a.mentions)
    assert name_key("⻄原電機") == name_key("西原電機") and name_key("⽊村拓海") == name_key("木村拓海")


@pytest.mark.parametrize("text, listed", [
    ("ミナセ電機、トウカイ精機を子会社化", []),  # a headline: subject, comma, object
    ("ミナセ電機、トウカイ精機、ソラミ工業の3社は提携した。", [["ミナセ電機", "トウカイ精機", "ソラミ工業"]]),
    ("ミナセ電機やトウカイ精機を買収した。", [["ミナセ電機", "トウカイ精機"]]),
])
def test_names_listed_together_lean_to_one_type_but_a_headlines_subject_and_object_do_not(text, listed, no_lexicon):
    a = analyze(article("見出し\n" + text, "s0"), no_lexicon)
    assert [[a.mentions[k].text for k in members] for members, _ in a.lists] == listed


def test_a_count_of_names_is_no_name_and_no_part_of_one(no_lexicon):
    a = analyze(article("見出し\nコンビニ3社は共同で発表した。ミナセ航空はボーイング767F型機6機を運航する。", "s0"), no_lexicon)
    assert [m.text for m in a.mentions] == ["ミナセ航空", "ボーイング767F型機"]


@pytest.mark.parametrize("text, name", [
    ("日本観光振興協会は18日、県と連携協定を結んだ。", "日本観光振興協会"),
    ("北浜ロボット工業会は18日、受注額を発表した。", "北浜ロボット工業会"),  # an industry's association
    ("南都漁業協同組合は18日、水揚げ量を発表した。", "南都漁業協同組合"),  # a co-operative of fishers, no company
])
def test_an_association_is_an_organisation_whatever_the_tagger_calls_it(text, name, no_lexicon):
    kb = link([analyze(article("見出し\n" + text, "s0"), no_lexicon)], no_lexicon)
    assert [(e.name, e.type) for e in kb.entities] == [(name, "organization")]


@pytest.mark.parametrize("text, companies", [
    ("米決済大手キューブは新しいサービスを始めた。", ["キューブ"]),  # described as one
    ("キューブ傘下の北浜精工は増益だった。", ["北浜精工", "キューブ"]),  # a group's parent
    ("国内企業のシェアは約3割にとどまる。", []),  # whose share, not a company called シェア
    ("建設パートナーの代表取締役社長である山田太郎氏が出席した。", []),
    ("鉄道会社のキャンペーンで客が増えた。", []),
    ("大手コンビニでは値上げが相次いだ。", []),  # glued to its company word: one compound noun, 大手 + コンビニ
    ("今期は商社トップに返り咲く見通しだ。", []),
    ("アートや企業ブランドのイベントが続く。", []),
    ("米決済サービス大手キューブは新しいサービスを始めた。", ["キューブ"]),  # an industry and its descriptor: a description
])
def test_one_ordinary_word_is_a_company_only_where_the_text_says_so(text, companies, no_lexicon):
    """A single dictionary word (キューブ, シェア) is a company's name only where a description is set
    before it or its group is named; a company word or a title near it (国内企業の, …の代表取締役社長)
    says whose it is, not what, and a company word glued to it makes one compound noun (企業ブランド)."""
    kb = link([analyze(article("見出し\n" + text), no_lexicon)], no_lexicon)
    assert sorted(e.name for e in kb.entities if e.type in ("company", "organization")) == sorted(companies)
