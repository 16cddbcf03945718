"""Where a name starts and ends when news writes something around it (candidates._edges): the
spans the rules and the tagger took in, trimmed — on sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import article

from builder.analyze import analyze
from builder.analyze.candidate import Candidate
from builder.analyze.candidates import find_candidates, person_end
from builder.analyze.tokens import tokenize
from builder.analyze.vocab import vocab
from builder.link import link


def names(no_lexicon, text: str) -> list[str]:
    kb = link([analyze(article("見出し\n" + text), no_lexicon)], no_lexicon)
    return sorted(m.text for e in kb.entities for m in e.mentions if e.type != "place")


@pytest.mark.parametrize("text, expected", [
    ("鉄鋼大手大和製鋼は10日、新工場の建設を発表した。", ["大和製鋼"]),  # a descriptor glued on
    ("コンビニ大手ミドリマートは10日、値上げを発表した。", ["ミドリマート"]),
    ("投資ファンド・アカツキパートナーズは出資を決めた。", ["アカツキパートナーズ"]),
    ("米製薬企業アルバジーンは10日、新薬を発表した。", ["アルバジーン"]),  # a kind of company before a katakana name
    ("[東京 11日 ロイター] ミドリ電機4911.Tは11日、社長交代を発表した。", ["ミドリ電機"]),  # a stock code is no part of it
    ("ミドリ電機<4911.T>は11日、社長交代を発表した。", ["ミドリ電機"]),
    ("アオバ−ミドリ・ジャパンは11日、社長交代を発表した。", ["アオバ−ミドリ・ジャパン"]),  # one name across its dash
    ("株式会社ミドリマートは10日、値上げを発表した。", ["株式会社ミドリマート"]),  # but a legal form is written with it
    ("山田太郎前農相は10日、辞任した。", ["山田太郎"]),  # a name cut inside a title
    ("鈴木新社長は抱負を述べた。", ["鈴木"]),
    ("ミナセ堂は11日、前田新造会長(66)が社長を兼務すると発表した。", ["ミナセ堂", "前田新造"]),  # a given name read as words (新造)
    ("佐藤・田中両氏は会談した。", ["佐藤", "田中"]),
    ("[東京 8日 ロイター] - 大和自動車は8日、新型車を発表した。", ["大和自動車"]),  # a wire dateline
    ("新会長に梅木村太郎氏が就任した。", ["梅木村太郎"]),  # a first character UniDic reads as a word (梅 + 木村)
    ("社長に桐山田花子が就いた。桐山田氏は抱負を述べた。", ["桐山田", "桐山田花子"]),
    ("昭テクノの山田太郎社長は語った。", ["山田太郎", "昭テクノ"]),  # a company's short form (昭 + テクノ)
    ("北浜石油と昭和シェルは統合する。", ["北浜石油", "昭和シェル"]),  # a kanji proper noun and the katakana glued to it
    ("北浜通信は9日から株式公開買い付け(TOB)を実施する。", ["北浜通信"]),  # an ordinary term and its abbreviation
    ("北浜通信の事業利益は伸び、EBITDAは同10%増の727億円。", ["北浜通信"]),  # a measure, not a body that earns it
    ("北浜通信が開発したAIが、画像から病変を判定する。", ["北浜通信"]),  # a Latin word never a name alone
    ("ミドリ電機は台湾でFC出店を加速する。台湾のFC店は30店になった。", ["ミドリ電機"]),  # FC: franchise
    ("報告は岡部信之県議会議長に提出された。", ["岡部信之"]),  # a person before the organisation of their title
    ("計画は大橋健一国土交通相が認定した。", ["大橋健一"]),  # a minister's title glued on
    ("パット・コンロイ国防産業相は会見で歓迎した。", ["パット・コンロイ"]),  # …to a foreign name in katakana
    ("北浜HDの里見治紀代表取締役社長グループCEOは語った。", ["北浜HD", "里見治紀"]),  # グループ after a title is no company
    ("北浜HD、米保険会社を約9400億円で買収。国策ファンドが動いた。", ["北浜HD"]),  # words for a kind of company
    ("更新大和自動車(本社・札幌市)は新工場を建てる。", ["大和自動車"]),  # a page's 更新 glued before a name
    ("北浜電機は14日、子会社の翔洋建機株式のうち26%を売却した。", ["北浜電機", "翔洋建機"]),  # its shares written after it
    ("松下頭取は行名は変える方針だと説明した。", ["松下"]),  # an office after a name the tagger took for a company
])
def test_what_is_written_around_a_name_stays_outside_it(no_lexicon, text, expected):
    assert names(no_lexicon, text) == expected


@pytest.mark.parametrize("text, spellings", [
    ("株式会社アオバは10日、上場した。アオバの株価は上昇した。", ["アオバ", "株式会社アオバ"]),
    ("アオバ株式会社は10日、上場した。同日、アオバは会見した。", ["アオバ", "アオバ株式会社"]),
])
def test_a_company_and_its_name_without_its_legal_form_are_one(no_lexicon, text, spellings):
    kb = link([analyze(article("見出し\n" + text), no_lexicon)], no_lexicon)
    companies = [e for e in kb.entities if e.type == "company"]
    assert len(companies) == 1 and sorted({m.text for m in companies[0].mentions}) == spellings


def test_a_place_in_parentheses_says_where_a_company_is_not_what_it_is_called(no_lexicon):
    """イオン（千葉県）: a company of no known kind and the place of its head office stay two."""
    kb = link([analyze(article("見出し\n買収にはミドリマート（千葉県）も名乗りを上げた。"), no_lexicon)], no_lexicon)
    merged = [e for e in kb.entities if e.type == "place" and e.aliases]
    assert merged == [] and any(e.name == "千葉県" for e in kb.entities)


def test_an_address_block_number_is_no_part_of_a_place(no_lexicon):
    kb = link([analyze(article("見出し\nミドリ電機(渋谷区渋谷2)は新工場を建てる。"), no_lexicon)], no_lexicon)
    assert "渋谷区渋谷2" not in {m.text for e in kb.entities for m in e.mentions}
    assert "渋谷区" in {e.name for e in kb.entities if e.type == "place"}


def test_a_counted_phrase_in_quotes_is_no_product(no_lexicon):
    """「二強体制」 after XのY: a phrase of ordinary words, not a product X made."""
    kb = link([analyze(article("見出し\n業界は首位のアオバホールディングスと、大和・北辰連合の「二強体制」となる。"), no_lexicon)], no_lexicon)
    assert "二強体制" not in {m.text for e in kb.entities for m in e.mentions}
    assert not [r for r in kb.relations if r.predicate == "developed_by"]


@pytest.mark.parametrize("written, tagged, kept", [
    ("江原信上級副社長", "江原信上級", "江原信"),  # ordinary words the tagger ran into go on into the title after them
    ("森山裕国対委員長", "森山裕国対", "森山裕"),
    ("池田純前球団社長", "池田純前球団", "池田純"),  # a title's prefix of one character (前) too
    ("近藤紳雅社長", "近藤紳雅", "近藤紳雅"),  # but one kanji after a given name is as often the rest of it (紳 + 雅)
    ("鈴木財務相は", "鈴木財務相", "鈴木"),  # a title inside the span, to its end
    ("山田秀則副知事", "山田秀則副", "山田秀則"),  # or beyond it (副 + 知事)
    ("パット・コンロイ国防産業相", "パット・コンロイ", "パット・コンロイ"),  # a foreign name is no minister's title
])
def test_a_person_the_tagger_ran_into_a_title_ends_where_the_name_does(written, tagged, kept):
    tokens = tokenize(written, 0)
    end = next(k for k, t in enumerate(tokens) if t.end == len(tagged))
    c = Candidate(0, end + 1, 0, len(tagged), tagged, tagged="person")
    assert written[: tokens[person_end(tokens, c, vocab()) - 1].end] == kept


@pytest.mark.parametrize("written, sure, kept", [
    ("佐久間頭取", 0.35, "佐久間"),  # a family name (UniDic: a place) and a title, typed a company unsure: a person's
    ("佐久間頭取", 0.9, "佐久間頭取"),  # the tagger sure of the company: left as it is
    ("松本市長", 0.35, "松本市長"),  # the city's mayor as often as 松本 the mayor
    ("北浜銀行頭取", 0.35, "北浜銀行頭取"),  # not a family name before the title
])
def test_an_unsure_organisation_that_is_a_family_name_and_a_title_is_a_person(written, sure, kept):
    tokens = tokenize(written, 0)
    c = Candidate(0, len(tokens), 0, len(written), written, tagged="company", sure=sure)
    assert written[: tokens[person_end(tokens, c, vocab()) - 1].end] == kept


@pytest.mark.parametrize("text, places", [
    ("北浜重工は9月、京都市北区の鷹峯エリアで新店を開いた。", ["京都市", "北区", "鷹峯"]),  # エリア only says where about
    ("北浜重工は下越エリアを中心に7拠点を展開した。", ["下越"]),
])
def test_an_area_word_after_a_place_is_no_place_of_its_own(no_lexicon, text, places):
    kb = link([analyze(article("見出し\n" + text), no_lexicon)], no_lexicon)
    assert sorted(m.text for e in kb.entities for m in e.mentions if e.type == "place") == sorted(places)


def test_a_description_before_a_middle_dot_is_no_part_of_the_name(no_lexicon):
    """労働組合の全国組織・連合: 連合, described (as 投資ファンド・アカツキパートナーズ is)."""
    found = names(no_lexicon, "労働組合の全国組織・連合は、今年の春闘を評価しました。")
    assert "連合" in found and not any("全国組織" in n for n in found)


def test_a_company_written_before_a_space_is_no_part_of_the_persons_name(no_lexicon):
    """ミドリモバイル 宮川潤一副社長: the person is 宮川潤一 (the tagger ran the two together)."""
    found = names(no_lexicon, "ミドリモバイル 宮川潤一副社長は「5Gに投資する」と述べた。")
    assert "宮川潤一" in found and "ミドリモバイル 宮川潤一" not in found



@pytest.mark.parametrize("text, name, kinds", [
    ("北浜薬品は27日、英製薬大手のベルカノと開発・販売提携したと発表した。", "ベルカノ", ["製薬"]),
    ("コンビニ大手のサンエーマートは、通信大手のミドリ通信と組む。", "サンエーマート", ["コンビニ", "通信"]),
    ("北浜ストアは、関東地盤のスーパー「まるい屋」との経営統合を目指す。", "まるい屋", ["スーパー"]),
])
def test_a_word_for_the_kind_of_what_is_named_next_is_no_name(no_lexicon, text, name, kinds):
    """製薬大手の…, コンビニ大手…, スーパー「…」: the word says what the next name is, and is no
    candidate (elsewhere in an article, コンビニでは…, it would gather a type of its own)."""
    chosen, _ = find_candidates(tokenize(text, 0), text, 0, vocab(), no_lexicon)
    found = [c.text for c in chosen]
    assert name in found and not set(kinds) & set(found)


@pytest.mark.parametrize("text, person, title", [
    ("北浜ベアーズは12日、新監督に石井一久GM(47)が就任すると発表した。", "石井一久", "GM"),
    ("会見した山田太郎CDOはデータ活用を強調した。", "山田太郎", "CDO"),
    ("Kリーグの大河正明チェアマンは「黒字化した」と述べた。", "大河正明", "大河正明チェアマン"),
])
def test_latin_letters_glued_after_a_persons_name_are_a_title(no_lexicon, text, person, title):
    """石井一久GM(47): his title, not a company called GM; 大河正明チェアマン: his title, no part of his name."""
    chosen, _ = find_candidates(tokenize(text, 0), text, 0, vocab(), no_lexicon)
    found = [c.text for c in chosen]
    assert person in found and title not in found


def test_a_name_before_a_stock_code_is_a_listed_companys_whole_name(lexicon, no_lexicon):
    """ローランド<7944>: a code in angle brackets follows a listed company's name — a company, not
    a person called Roland; and a place glued before it (日本 + エアーテック<6291>) is part of it."""
    kb = link([analyze(article("見出し\n電子楽器メーカーのローランド<7944>は増収増益を達成した。"), no_lexicon)], no_lexicon)
    assert [(e.name, e.type) for e in kb.entities if e.name == "ローランド"] == [("ローランド", "company")]
    kb = link([analyze(article("見出し\n[東京 13日 ロイター] - 島北<8184.T>は13日、経営統合を決議したと発表した。"), no_lexicon)],
              no_lexicon)  # as wires write it, with the exchange's letters
    assert [(e.name, e.type) for e in kb.entities] == [("島北", "company")]
    kb = link([analyze(article("見出し\n日本エアーテック<6291>(東1)は新しい作業台を開発したと伝えられ、急伸した。"), lexicon)], lexicon)
    assert ("日本エアーテック", "company") in [(e.name, e.type) for e in kb.entities]
    assert not [r for r in kb.relations if r.predicate == "located_in"]


def test_a_body_named_by_what_it_does_is_no_name(no_lexicon):
    """第三者委員会, 取締役会: every company may have one; they are named by what they do. Their
    words are no one entity's either (not given to the company's president in context)."""
    text = "北浜電機の北条健一社長は辞任した。会計問題を調査していた第三者委員会は報告書で、利益の水増しがあったと指摘した。"
    chosen, _ = find_candidates(tokenize(text, 0), text, 0, vocab(), no_lexicon)
    assert "第三者委員会" not in [c.text for c in chosen]
    kb = link([analyze(article("見出し\n" + text), no_lexicon)], no_lexicon)
    assert [st.text for st in kb.statements] == []


def test_a_group_title_after_a_name_leaves_a_person_not_a_group(no_lexicon):
    """北条健一グループCEO: グループ opens his title, and once cut off it no longer makes him a
    company (the ending that implied one went with the title)."""
    text = ("ミナセホールディングスは26日、北条健一グループCEOが3月末で退任すると発表した。"
            "会見で北条グループCEOは「申し訳ない」と述べた。")
    kb = link([analyze(article("見出し\n" + text), no_lexicon)], no_lexicon)
    people = {e.name: sorted(m.text for m in e.mentions) for e in kb.entities if e.type == "person"}
    assert people == {"北条健一": ["北条", "北条健一"]}
    assert not [e.name for e in kb.entities if "グループ" in e.name]


def test_a_foreign_name_the_tagger_ran_into_a_title_is_a_persons(no_lexicon):
    """ミランダ + 事務局 | 長: the span cuts 事務局長 in two; the name before it, in katakana, is a person's,
    not an organisation called ミランダ事務局."""
    text = "国際機関のミランダ事務局長は「協力して対応する時だ」と述べた。"
    chosen, _ = find_candidates(tokenize(text, 0), text, 0, vocab(), no_lexicon)
    assert [(c.text, c.tagged) for c in chosen if "ミランダ" in c.text] == [("ミランダ", "person")]


def test_a_span_that_ends_inside_a_title_word_is_a_name_and_the_titles_start(no_lexicon):
    """吉原 + 代表 | 取締役社長: the tagger's organisation 「吉原代表」 cuts 代表取締役 in two; the
    name is 吉原, a person's (not 日本 of サッカー日本代表 + 監督: two title words, no word cut)."""
    text = "冒頭で、星野代表取締役会長と吉原代表取締役社長は「新しい商品をみせたい」と抱負を語った。"
    chosen, _ = find_candidates(tokenize(text, 0), text, 0, vocab(), no_lexicon)
    assert ("吉原", "person") in [(c.text, c.tagged) for c in chosen] and "吉原代表" not in [c.text for c in chosen]


@pytest.mark.parametrize("text, name, not_names", [
    ("同社グループは「コスト増が続く」と説明した。", "コスト", ["同社グループ", "同社"]),
    ("新しい大学をつくる国立大学協会は声明を出した。", "国立大学協会", ["つくる国立大学協会"]),
    ("社長の青木斗益(ますみ)氏は「共働きの家庭を支えたい」と述べた。", "青木斗益", ["ますみ"]),
])
def test_a_stand_in_a_describing_verb_and_a_reading_are_no_names(no_lexicon, text, name, not_names):
    """同社グループ is the company in context; つくる describes the name after it; (ますみ) is how the
    name before it is read. (コスト is a candidate of no type, typed or left when linking.)"""
    chosen, _ = find_candidates(tokenize(text, 0), text, 0, vocab(), no_lexicon)
    found = [c.text for c in chosen]
    assert name in found and not set(not_names) & set(found)


@pytest.mark.parametrize("text, found", [
    ("八十二銀行(長野市)と南海銀行(松本市)は28日、経営統合すると発表した。", ["八十二銀行", "南海銀行"]),
    ("七十七銀行は5日、新店を開くと発表した。", ["七十七銀行"]),
    ("大手三銀行は28日、決算を発表した。", []),  # one digit: a count of banks
])
def test_a_number_written_in_kanji_before_a_companys_ending_is_a_name(no_lexicon, text, found):
    """八十二銀行, 七十七銀行: UniDic reads the number as a count; the bank is named by it."""
    chosen, _ = find_candidates(tokenize(text, 0), text, 0, vocab(), no_lexicon)
    assert [c.text for c in chosen if c.text.endswith("銀行")] == found


@pytest.mark.parametrize("text, name", [
    ("金融庁は25日損害保険ジャパンに業務改善命令を出した。", "損害保険ジャパン"),  # 25日 + the name, no comma
    ("八十二銀行と十六銀行は提携した。", "八十二銀行"),  # a number that is the name's own
])
def test_a_date_written_before_a_name_is_no_part_of_it(no_lexicon, text, name):
    chosen, _ = find_candidates(tokenize(text, 0), text, 0, vocab(), no_lexicon)
    found = [c.text for c in chosen]
    assert name in found and not any(f.endswith(name) and f != name for f in found)
