"""Linking across sources, on articles written for these tests (empty lexicon)."""

import pickle
import re

import pytest
import yaml
from conftest import TESTS, article
from hypothesis import given
from hypothesis import strategies as st

from builder.analyze import analyze
from builder.link import _Facts, facts, link
from builder.link.entities import Known, _decide, longest_match_pattern, short_forms
from builder.link.facts import disagreements
from builder.link.slug import sound_key

A = """ZetaLab、新モデル発表
米AIスタートアップ、ZetaLabが開発したAIモデル「ZetaLab-Z2」は、わずか300万ドルの開発費で作られた。
ZetaLabのジェーン・ミラーCEOは、2026年3月2日の会見で戦略を語った。
3月3日にはハンセン指数やKX50先物が急落した。
"""
B = """ミラー氏「Z2は始まりにすぎない」
ミラー氏によると、Z2のトレーニングコストは約450万ドルだった。
2026年3月3日、ハンセン指数は一時3%下落した。
"""


def build(no_lexicon, *texts):
    analyses = [analyze(article(t, f"s{i}"), no_lexicon) for i, t in enumerate(texts)]
    return link(analyses, no_lexicon)


def by_name(kb):
    return {e.name: e for e in kb.entities}


def test_short_forms_join_their_full_names(no_lexicon):
    kb = build(no_lexicon, A, B)
    names = by_name(kb)
    person = names["ジェーン・ミラー"]
    assert person.type == "person" and "ミラー" in person.aliases and person.sources == ["s0", "s1"]
    model = names["ZetaLab-Z2"]
    assert model.type == "model" and "Z2" in model.aliases and model.sources == ["s0", "s1"]
    assert "ミラー" not in names and "Z2" not in names


def test_a_short_form_already_glossing_one_name_joins_no_other(no_lexicon):
    """ミドリ is ミドリ商事's short form in one article; ミドリホールディングス, its parent, in
    another article is another company. Its own short form ミドリHD joins it."""
    kb = build(no_lexicon, "ミドリ商事（ミドリ）は5日、新店を開いた。ミドリの社長は会見した。",
               "ミドリホールディングス株式会社は6日、決算を発表した。ミドリHDの株価は上がった。")
    spellings = sorted(sorted([e.name, *e.aliases]) for e in kb.entities)
    assert spellings == [["ミドリ", "ミドリ商事"], ["ミドリHD", "ミドリホールディングス株式会社"]]


def test_a_short_form_is_what_its_own_article_makes_it(no_lexicon):
    """Two articles shorten two sister companies to one word: each article's ミドリ is its own
    article's company; an article that names both leaves its ミドリ to neither."""
    kb = build(no_lexicon, "ミドリカンパニー（ミドリ）は5日、新店を開いた。ミドリの社長は会見した。",
               "ミドリホールディングス（東京都、以下、ミドリ）は6日、決算を発表した。ミドリは増益だった。",
               "ミドリカンパニーとミドリホールディングスは7日、会見した。ミドリは好調だ。")
    owner = {(m.source, m.start): max([e.name, *e.aliases], key=len) for e in kb.entities for m in e.mentions if m.text == "ミドリ"}
    assert owner == {("s0", 9): "ミドリカンパニー", ("s0", 24): "ミドリカンパニー",
                     ("s1", 19): "ミドリホールディングス", ("s1", 35): "ミドリホールディングス"}, owner


def test_a_places_short_form_is_a_proper_name_not_an_ordinary_word(no_lexicon):
    """静岡県 is 静岡 too; 大手町 is not 大手, which news writes for any big company (鉄鋼大手)."""
    kb = build(no_lexicon, "東京・大手町の北浜電機本社で会見した。", "鉄鋼大手の南都製鋼は10日、静岡県に工場を建てる。静岡の工場は来年動く。")
    places = {m.text for e in kb.entities if e.type == "place" for m in e.mentions}
    assert "大手" not in places and {"大手町", "静岡県", "静岡"} <= places, places


def test_a_glossed_spelling_is_its_names_not_the_short_form_of_another(no_lexicon):
    """ミナセ（Minase） is not the first word of Minase Sammy Holdings, its parent; HIC, glossed as
    北辰投資機構's, is not HICキャピタル's short form."""
    kb = build(no_lexicon, "ゲーム大手ミナセ(Minase)は17日、ロビオを買収すると発表した。ミナセの親会社、"
                           "ミナセサミーホールディングス(Minase Sammy Holdings)の里見社長は歓迎した。",
               "北辰投資機構（HIC）はアオバ化学を買収する。同機構の完全子会社、HICキャピタル（HICC）がTOBを実施する。")
    groups = sorted(sorted({m.text for m in e.mentions}) for e in kb.entities if e.type in ("company", "organization"))
    assert ["Minase", "ミナセ"] in groups and ["HICC", "HICキャピタル"] in groups, groups
    assert ["HIC", "北辰投資機構"] in groups, groups


def test_a_family_name_with_a_title_is_its_articles_person_unless_a_company_starts_so(no_lexicon):
    """南条大臣 is the article's 南条健一 (another article names a 南条聡子); 南条会長, where the
    article names 南条石油, is that company's chairman, not 南条昭介."""
    kb = build(no_lexicon, "南条健一財務相は10日、会見した。南条大臣は「予算は足りる」と述べた。",
               "北浜電機の南条聡子社長は11日、新工場を発表した。",
               "南条石油は12日、統合で合意した。南条会長は「前を向く」と語った。創業家の南条昭介名誉会長は反対していた。")
    owner = {(m.source, m.start): max([e.name, *e.aliases], key=len) for e in kb.entities for m in e.mentions if m.text == "南条"}
    assert owner.get(("s0", 17)) == "南条健一", owner
    assert owner.get(("s2", 17)) != "南条昭介", owner


@pytest.mark.parametrize("text", ["ハヤブサマーク(BC)は28日、民事再生法の適用を申請した。",
                                  "ハヤブサマーク(BC)は1月28日、民事再生法の適用を申請した。"])
def test_a_name_news_opens_on_with_a_day_is_a_company(no_lexicon, text):
    """Xは28日、 and Xは1月28日、 (a month before the day): how news opens on a company."""
    assert [(e.name, e.type) for e in build(no_lexicon, text).entities if e.name == "ハヤブサマーク"] == [("ハヤブサマーク", "company")]


@pytest.mark.parametrize("text, speaker", [("知事選で玉城デニー氏が当選した。玉城氏は「配備には反対だ」と述べた。", "玉城デニー"),
                                           ("市長選に麓幸子氏が立った。麓氏は「暮らしが大事だ」と主張した。", "麓幸子")])
def test_a_family_name_alone_is_the_articles_person_whatever_its_length_or_given_names_script(no_lexicon, text, speaker):
    kb = build(no_lexicon, text)
    names = {e.id: e.name for e in kb.entities}
    assert [names[s.speaker] for s in kb.statements] == [speaker]


@pytest.mark.parametrize("text, name, kind", [
    ("地場スーパーのミライヤ(岩手県大船渡市)と北浜ストアが提携した。", "ミライヤ", "company"),  # its head office
    ("東京フットボールクラブ(調布市)は新監督を発表した。", "フットボールクラブ", None),  # the rest of a name a place opens
])
def test_a_place_in_brackets_after_a_name_is_its_head_office(no_lexicon, text, name, kind):
    kinds = {e.name: e.type for e in build(no_lexicon, text).entities}
    assert kinds.get(name) == kind


def test_a_name_written_with_its_legal_form_is_a_company(no_lexicon):
    """コインチェック(株): two ordinary katakana words, and a company because its legal form says so."""
    kb = build(no_lexicon, "580億円が流出したコインチェック(株)(渋谷区)。金融庁から業務改善命令を受けていた。")
    assert ("コインチェック", "company") in [(e.name, e.type) for e in kb.entities]


def test_a_family_name_with_a_title_after_its_organisation_is_its_articles_person(no_lexicon):
    """村瀬製作所の村瀬会長: the company is written before it, so 村瀬 is the article's 村瀬恒夫 (a
    family name the company's name starts with, but not the company's short form here)."""
    kb = build(no_lexicon, "村瀬製作所の村瀬恒夫会長は「回復する」と述べた。在庫の消化も進む。村瀬製作所の村瀬会長は「若干の回復」と振り返る。")
    assert sorted((e.name, e.type, sorted({m.text for m in e.mentions})) for e in kb.entities) == [
        ("村瀬恒夫", "person", ["村瀬", "村瀬恒夫"]), ("村瀬製作所", "company", ["村瀬製作所"])]


def test_a_family_name_with_a_members_word_is_its_articles_person(no_lexicon):
    """南条委員 is the article's 南条健一 (another article names a 南条聡子), as 南条大臣 would be."""
    kb = build(no_lexicon, "日銀の南条健一審議委員は10日、講演した。南条委員は「緩和を続ける」と述べた。",
               "北浜電機の南条聡子社長は11日、新工場を発表した。")
    owner = {(m.source, m.start): max([e.name, *e.aliases], key=len) for e in kb.entities for m in e.mentions if m.text == "南条"}
    assert list(owner.values()) == ["南条健一"], owner


def test_an_ordinary_word_before_a_model_is_no_maker(no_lexicon):
    kb = build(no_lexicon, "ミナセ自動車は、2023年下半期にセダンの「ルナ5」を発売する。")
    assert sorted((e.name, e.type) for e in kb.entities) == [("ミナセ自動車", "company"), ("ルナ5", "model")]


def test_a_product_named_like_a_company_stays_the_product(no_lexicon):
    """ミナモ shortens ミナモ工業 and no other name: whether each ミナモ is the company is left to
    the evidence of every mention, which says product."""
    kb = build(no_lexicon, "配膳ロボット「ミナモ」を発表した。ミナモは1台あたり約120万円だ。競合のミナモ工業は製品がない。",
               "ミナモ工業は5日、配膳ロボット市場に参入すると発表した。同社は、ミナモを意識した製品ではないと説明した。")
    owner = {(m.source, m.start): e.name for e in kb.entities for m in e.mentions if m.text == "ミナモ"}
    assert owner == {("s0", 7): "ミナモ", ("s0", 17): "ミナモ", ("s1", 32): "ミナモ"}, owner


def test_relations_carry_their_sentence(no_lexicon):
    kb = build(no_lexicon, A, B)
    ids = {e.name: e.id for e in kb.entities}
    rels = {(r.subject, r.predicate, r.object): r for r in kb.relations}
    ceo = rels[(ids["ジェーン・ミラー"], "ceo_of", ids["ZetaLab"])]
    assert "ミラーCEO" in ceo.evidence[0].text
    assert (ids["ZetaLab-Z2"], "developed_by", ids["ZetaLab"]) in rels
    assert "CEO" in by_name(kb)["ジェーン・ミラー"].titles


def test_same_happening_from_two_sources_is_one_dated_event(no_lexicon):
    kb = build(no_lexicon, A, B)
    market = [e for e in kb.events if e.type == "market"]
    assert len(market) == 1
    [ev] = market
    assert ev.date == "2026-03-03" and ev.sources == ["s0", "s1"]
    assert "2026年3月" in ev.date_basis or ev.date_basis == ""


def test_disagreeing_claims_are_recorded(no_lexicon):
    kb = build(no_lexicon, A, B)
    model_id = by_name(kb)["ZetaLab-Z2"].id
    costs = sorted((c.number, c.source) for c in kb.claims if c.subject == model_id and c.property == "development_cost")
    assert costs == [(3_000_000, "s0"), (4_500_000, "s1")]
    assert (model_id, "development_cost", "USD", "", "actual") in disagreements(kb.claims)  # Claim.comparable


def test_one_source_alone_never_disagrees_with_itself(no_lexicon):
    kb = build(no_lexicon, A)
    assert disagreements(kb.claims) == set()


def test_apposition_makes_an_alias(no_lexicon):
    kb = build(no_lexicon, "見出し\n米ソフトウェア大手のクラウドネスト（CloudNest）は好調だ。\nCloudNestの株価は上がった。")
    [e] = [e for e in kb.entities if e.type == "company"]
    assert {e.name, *e.aliases} == {"クラウドネスト", "CloudNest"} and len(e.mentions) == 3


def test_ids_are_ascii_slugs(no_lexicon):
    kb = build(no_lexicon, A, B)
    for e in kb.entities:
        assert e.id.isascii() and e.id == e.id.lower() and " " not in e.id
    assert by_name(kb)["ジェーン・ミラー"].id == "jen-mira"


RELATION_CASES = yaml.safe_load((TESTS / "fixtures" / "relations.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", RELATION_CASES, ids=[c["case"] for c in RELATION_CASES])
def test_relation_patterns(case, no_lexicon):
    kb = build(no_lexicon, "見出し\n" + case["text"])
    names = {e.id: e.name for e in kb.entities}
    got = sorted([names[r.subject], r.predicate, names[r.object]] for r in kb.relations)
    assert got == sorted(case["expect"])
    for r in kb.relations:
        assert r.evidence[0].text in case["text"]


def test_katakana_and_latin_spellings_meet(no_lexicon):
    kb = build(no_lexicon, "見出し\n米AIスタートアップのカイロス・ラボ（本社・東京）は新モデルを出した。",
               "見出し\nKairos Labsのエレナ・ヴォルコフCEOは語った。")
    [company] = [e for e in kb.entities if e.type == "company"]
    assert {company.name, *company.aliases} == {"カイロス・ラボ", "Kairos Labs"}


@pytest.mark.parametrize("latin, katakana", [("Kairos Labs", "カイロス・ラボ"), ("CloudNest", "クラウドネスト"), ("Mira 2", "ミラ2")])
def test_sound_keys_meet(latin, katakana):
    assert sound_key(latin) and sound_key(latin) == sound_key(katakana)


@pytest.mark.parametrize("a, b", [("Kairos Labs", "クラウドネスト"), ("Mira 2", "ミラ3"), ("ZetaLab", "ゼタ"),
                                  ("KDM", "カダモ")])  # an acronym is read letter by letter
def test_sound_keys_keep_apart(a, b):
    assert sound_key(a) != sound_key(b)


@pytest.mark.parametrize("name, kind, forms", [
    ("ジェーン・ミラー", "person", ["ミラー"]),
    ("高森美咲", "person", ["高", "高森", "高森美"]),
    ("麓幸子", "person", ["麓", "麓幸"]),  # a family name of one character (麓氏は)
    ("高森 美咲", "person", ["高森"]),  # a kanji name written with a space: its family name first
    ("玉城デニー", "person", ["玉城"]),  # a kanji family name and a given name in katakana
    ("カイロス・ラボ", "company", ["カイロス"]),
    ("翔洋自動車", "company", ["翔洋"]),
    ("東京都", "place", ["東京"]),
    ("北斗大学", "organization", ["北斗大"]),
    ("アオバホールディングス", "company", ["アオバHD", "アオバ"]),
    ("Zeta-2", "model", []),
])
def test_short_forms(name, kind, forms):
    assert short_forms(name, kind) == forms


WORDS = st.lists(st.text(alphabet="北辰ロボアイ.・Zz", min_size=1, max_size=5), min_size=1, max_size=12, unique=True)


@given(WORDS, st.text(alphabet="北辰ロボアイ.・Zz 。", max_size=40))
def test_the_prefix_tree_pattern_finds_what_the_longest_first_alternation_finds(words, text):
    flat = re.compile("|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))))
    tree = re.compile(longest_match_pattern(sorted(words)))
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_the_prefix_tree_pattern_prefers_the_longer_name():
    pattern = re.compile(longest_match_pattern(["北辰", "北辰ロボティクス", "北斗"]))
    assert pattern.pattern == "北(?:斗|辰(?:ロボティクス)?)"
    assert [m.group(0) for m in pattern.finditer("北辰ロボティクスと北辰と北斗")] == ["北辰ロボティクス", "北辰", "北斗"]


def test_each_article_is_linked_by_maps_that_read_it_and_the_decisions_alone(no_lexicon):
    """Map, reduce, map: the per-article steps change nothing they read, so they can run
    wherever the analysis is; what link makes is their results merged in article order."""
    texts = [A, B, "北辰ロボティクスは5日、新工場の建設を発表した。北辰ロボティクスの株価は上昇した。\n",
             "市場では北辰への期待が高い。小田切修三社長は「地域に根差す」と述べた。\n"]
    analyses = [analyze(article(t, f"s{i}"), no_lexicon) for i, t in enumerate(texts)]
    entities = _decide(analyses, no_lexicon)
    known = Known(entities)
    before = [pickle.dumps(a) for a in analyses]
    found = [known.found_in(a) for a in analyses]
    assert [pickle.dumps(a) for a in analyses] == before  # read, not changed
    bare = [(m.text, m.entity) for m, _ in found[3]]
    assert bare == [("北辰", next(e.id for e in entities if e.name == "北辰ロボティクス"))]  # taught by another article
    linked = [analyze(article(t, f"s{i}"), no_lexicon) for i, t in enumerate(texts)]
    kb = link(linked, no_lexicon)
    maps = _Facts(kb.entities)
    per_article = [maps.of(a) for a in linked]
    assert [st for done in per_article for st in done[3]] == kb.statements
    assert [u for done in per_article for u in done[4]] == kb.unsure
    assert facts.claims([done[1] for done in per_article]) == kb.claims and kb.claims
    assert {(s, p, o) for relations, *_ in per_article for s, p, o, *_ in relations} <= {(r.subject, r.predicate, r.object) for r in kb.relations}


@pytest.mark.parametrize("text, first, second, predicate, expected", [
    ("ミドリ電機の山田太郎副会長は会見した。", "山田太郎", "ミドリ電機", "vice_chairman_of", True),  # one noun phrase
    ("アオバ精工のCEOである山田太郎は会見した。", "山田太郎", "アオバ精工", "ceo_of", True),  # …through a describing clause
    ("ミドリ電機は、山田太郎副会長がアルカディア政府を訪れたと発表した。", "山田太郎", "アルカディア政府", "vice_chairman_of", False),
    ("ミドリ電機は4日、アオバ精工を買収すると発表した。", "ミドリ電機", "アオバ精工", "acquired", True),  # one happening, reported
    ("ミドリ電機は4日に新工場を完成させ、アオバ精工は5日に社長が交代した。", "ミドリ電機", "アオバ精工", "acquired", False),
    # a title taken or held: the holder is the office verb's subject
    ("ミドリ電機の山田太郎社長は11日、アオバ精工会長に就任した。", "山田太郎", "アオバ精工", "chairman_of", True),
    ("山田太郎氏が社長を務めるアオバ精工は会見した。", "山田太郎", "アオバ精工", "president_of", True),
    ("山田太郎氏は、アオバ精工が新会長に就任を求めたと述べた。", "山田太郎", "アオバ精工", "chairman_of", False),
])
def test_a_relation_needs_both_names_on_one_dependency_path(text, first, second, predicate, expected):
    from builder.analyze import clauses
    from builder.analyze.tokens import tokenize
    from builder.link.facts import _on_one_path
    from builder.model import Mention

    c = clauses.parse(tokenize(text))

    def mention(name: str) -> Mention:
        at = text.index(name)
        return Mention("s", at, at + len(name), name, name)

    assert _on_one_path(c, mention(first), mention(second), predicate, text) is expected


def test_a_family_name_alone_is_a_person_of_another_article_only_where_a_name_ties_them(no_lexicon):
    """高橋氏 of an article on one company is not the 高橋翔 of an article on another; 植田総裁 of an
    article on 北斗銀行 is the 植田和男 of another on it."""
    kb = build(no_lexicon, "北浜電機は赤字に転落した。高橋氏は「責任を感じている」と述べた。",
               "南都商事の高橋翔社長は10日、新事業を発表した。",
               "北斗銀行の植田和男総裁は会見した。", "北斗銀行は利上げを決めた。植田総裁は会見で説明した。")
    names = by_name(kb)
    assert "高橋" in names and names["高橋翔"].sources == ["s1"]
    assert "植田" not in names and names["植田和男"].sources == ["s2", "s3"]


def test_two_katakana_words_that_sound_alike_are_two_names(no_lexicon):
    """リゾート and ロゼッタ share a consonant skeleton; only a Latin spelling and a katakana one
    (Kairos Labs, カイロス・ラボ) are one name by sound."""
    kb = build(no_lexicon, "新製品\n米カナトは新製品を発表した。カナトのジョン・スミスCEOは語った。",
               "新製品\n米コノテは新製品を発表した。コノテのジョン・ドウCEOは語った。")
    assert sorted(e.name for e in kb.entities if e.type == "company") == ["カナト", "コノテ"]
