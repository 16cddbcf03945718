"""Relations news is built on — titles of people in every order business and political pages
write them, and deals between companies (acquisition, merger and merger talks, partnership,
supply, subsidiary) — on sentences written for these tests, through the real analyzer and
linker (empty lexicon), and how their pages word them from either end."""

import pytest
from conftest import article

from builder.analyze import analyze
from builder.analyze.cues import title_chain
from builder.analyze.tokens import tokenize
from builder.analyze.vocab import vocab
from builder.files.config import TEMPLATES
from builder.kb.curate import predicates
from builder.kb.records import Records
from builder.link import link
from builder.site.labels import PREDICATE_LABELS
from builder.site.render import render_pages


def build(no_lexicon, *texts):
    analyses = [analyze(article("見出し\n" + t, f"s{i}"), no_lexicon) for i, t in enumerate(texts)]
    return link(analyses, no_lexicon)


def relations(kb) -> list[list[str]]:
    names = {e.id: e.name for e in kb.entities}
    return sorted([names[r.subject], r.predicate, names[r.object]] for r in kb.relations)


TITLES = [
    ("Org の Person 社長", "翔洋自動車の黒川健吾社長は増産を語った。", [["黒川健吾", "president_of", "翔洋自動車"]]),
    ("Org・Person 社長", "翔洋自動車・黒川健吾社長は増産を語った。", [["黒川健吾", "president_of", "翔洋自動車"]]),
    ("Person・Org 社長", "黒川健吾・翔洋自動車社長は増産を語った。", [["黒川健吾", "president_of", "翔洋自動車"]]),
    ("Org 社長の Person 氏", "翔洋自動車社長の黒川健吾氏は増産を語った。", [["黒川健吾", "president_of", "翔洋自動車"]]),
    ("Org の Person 会長", "翔洋自動車の黒川健吾会長は退任する。", [["黒川健吾", "chairman_of", "翔洋自動車"]]),
    ("Org 会長の Person", "翔洋自動車会長の黒川健吾は退任する。", [["黒川健吾", "chairman_of", "翔洋自動車"]]),
    ("代表取締役社長 is a 社長", "翔洋自動車代表取締役社長の黒川健吾氏が登壇した。", [["黒川健吾", "president_of", "翔洋自動車"]]),
    ("会長兼社長", "翔洋自動車の黒川健吾会長兼社長は語った。",
     [["黒川健吾", "chairman_of", "翔洋自動車"], ["黒川健吾", "president_of", "翔洋自動車"]]),
    ("副社長", "翔洋自動車の山田直樹副社長は説明した。", [["山田直樹", "vice_president_of", "翔洋自動車"]]),
    ("専務", "翔洋自動車の山田直樹専務は説明した。", [["山田直樹", "executive_of", "翔洋自動車"]]),
    ("CFO", "翔洋自動車の山本花子CFOは説明した。", [["山本花子", "cfo_of", "翔洋自動車"]]),
    ("Person・title", "翔洋自動車の山本花子・最高情報責任者(CIO)は説明した。", [["山本花子", "executive_of", "翔洋自動車"]]),
    ("総裁", "日銀の植田和男総裁は利上げを示唆した。", [["植田和男", "head_of", "日銀"]]),
    ("a governor of a place named before", "北海道の鈴木直道知事は歓迎した。", [["鈴木直道", "governor_of", "北海道"]]),
    ("X県知事の Person", "熊本県知事の木村敬氏は歓迎した。", [["木村敬", "governor_of", "熊本県"]]),
    ("a mayor", "千歳市の横田隆一市長は歓迎した。", [["横田隆一", "mayor_of", "千歳市"]]),
    ("同社の Person 社長: the company in context", "翔洋自動車は新型車を発表した。同社の黒川健吾社長は増産を語った。",
     [["黒川健吾", "president_of", "翔洋自動車"]]),
    ("同社社長の Person 氏", "翔洋自動車は新型車を発表した。同社社長の黒川健吾氏は増産を語った。",
     [["黒川健吾", "president_of", "翔洋自動車"]]),
    ("a title held", "翔洋自動車は1937年に設立された。2009年からは黒川健吾が社長を務めた。", [["黒川健吾", "president_of", "翔洋自動車"]]),
    # titles taken, read from the clause structure: the office verb's subject takes the title
    ("X・Org社長は Org2会長に就任", "翔洋自動車は子会社を増やした。黒川健吾・翔洋自動車社長は北辰ロボティクス会長に就任し、兼務する。",
     [["黒川健吾", "chairman_of", "北辰ロボティクス"], ["黒川健吾", "president_of", "翔洋自動車"]]),
    ("a clause describing the organisation holds the title", "黒川健吾氏が社長を務める北辰ロボティクスは新工場を建てる。",
     [["黒川健吾", "president_of", "北辰ロボティクス"]]),
    ("a governor with no place written is of no company", "翔洋自動車は新工場を建てる。鈴木直道知事は歓迎した。", []),
    ("a title beside another organisation is not the topic's", "翔洋自動車は東光電子を買収する。東光電子の創業者である山田一郎会長と鈴木次郎社長は留任する。",
     [["山田一郎", "founder_of", "東光電子"], ["翔洋自動車", "acquired", "東光電子"]]),
    ("同社 is the company named before it in its sentence", "翔洋自動車は北辰ロボティクスを子会社にした。黒川健吾・北辰ロボティクス社長は同社の取締役副会長に就任した。",
     [["黒川健吾", "president_of", "北辰ロボティクス"], ["黒川健吾", "vice_chairman_of", "北辰ロボティクス"], ["翔洋自動車", "parent_of", "北辰ロボティクス"]]),
    ("a holder named in passing may hold the title elsewhere", "翔洋自動車は北辰ロボティクスと合意した。創業家のうち、黒川健吾名誉会長の長男から同意を得た。", []),
]


@pytest.mark.parametrize("text, expect", [(t, e) for _, t, e in TITLES], ids=[c for c, _, _ in TITLES])
def test_titles_become_relations_in_every_order(text, expect, no_lexicon):
    kb = build(no_lexicon, text)
    assert relations(kb) == sorted(expect)
    for r in kb.relations:
        assert r.evidence[0].text in text


def test_a_title_of_someone_named_in_passing_is_kept_for_review(no_lexicon):
    kb = build(no_lexicon, "翔洋自動車は北辰ロボティクスと合意した。創業家のうち、黒川健吾名誉会長の長男から同意を得た。")
    names = {e.id: e.name for e in kb.entities}
    assert [(names[u.fact["subject"]], u.fact["predicate"]) for u in kb.unsure if u.kind == "relation"] == [("黒川健吾", "chairman_of")]


def test_a_title_keeps_its_holders_name_exact_and_is_listed_as_written(no_lexicon):
    kb = build(no_lexicon, "翔洋自動車代表取締役社長の黒川健吾氏が登壇した。")
    [person] = [e for e in kb.entities if e.type == "person"]
    assert person.name == "黒川健吾"
    assert {"代表取締役", "社長"} <= set(person.titles)


@pytest.mark.parametrize("text, titles", [
    ("会長兼社長は", ["会長", "社長"]),
    ("代表取締役社長は", ["代表取締役", "社長"]),
    ("財務相は", ["財務相"]),
    ("経済再生担当相は", ["経済再生担当相"]),
    ("経済産業大臣は", ["経済産業大臣"]),
    ("外相は", ["外相"]),
    ("首相は", ["首相"]),
])
def test_title_chain_reads_compound_titles_and_ministers(text, titles):
    tokens = tokenize(text)
    found, end = title_chain(tokens, 0, vocab())
    assert found == titles and tokens[end].surface == "は"


DEALS = [
    ("XがYを買収", "翔洋自動車が東光電子を買収した。", [["翔洋自動車", "acquired", "東光電子"]]),
    ("XはYを(金額で)買収すると発表", "翔洋自動車は東光電子を約1000億円で買収すると発表した。", [["翔洋自動車", "acquired", "東光電子"]]),
    ("XはYの買収を発表", "翔洋自動車は東光電子の買収を発表した。", [["翔洋自動車", "acquired", "東光電子"]]),
    ("XによるYの買収", "翔洋自動車による東光電子の買収が完了した。", [["翔洋自動車", "acquired", "東光電子"]]),
    ("Yを買収したX", "東光電子を買収した翔洋自動車は増益だった。", [["翔洋自動車", "acquired", "東光電子"]]),
    ("YはXに買収された", "東光電子は翔洋自動車に買収された。", [["翔洋自動車", "acquired", "東光電子"]]),
    ("Xが同社を買収", "東光電子の株価が急騰した。翔洋自動車が同日、同社を買収すると発表したためだ。",
     [["翔洋自動車", "acquired", "東光電子"]]),
    ("同社はYを買収", "翔洋自動車は新型車を発表した。同社は東光電子を買収する。", [["翔洋自動車", "acquired", "東光電子"]]),
    ("an officer speaks for their company", "翔洋自動車の黒川健吾社長は、東光電子を買収すると述べた。",
     [["翔洋自動車", "acquired", "東光電子"], ["黒川健吾", "president_of", "翔洋自動車"]]),
    ("XはYを吸収合併", "翔洋自動車は物流子会社の東光電子を吸収合併する。",
     [["翔洋自動車", "merged", "東光電子"], ["翔洋自動車", "parent_of", "東光電子"]]),
    ("XはYと合弁会社を設立", "翔洋自動車は東光電子と合弁会社を設立すると発表した。", [["翔洋自動車", "partners_with", "東光電子"]]),
    ("XとYが経営統合", "翔洋自動車と東光電子は経営統合すると発表した。", [["翔洋自動車", "merged", "東光電子"]]),
    ("XとYの両社は合併で合意", "翔洋自動車と東光電子の両社は合併で最終合意した。", [["翔洋自動車", "merged", "東光電子"]]),
    ("経営統合に向けて協議", "翔洋自動車と東光電子は経営統合に向けて協議を始めた。", [["翔洋自動車", "merger_talks", "東光電子"]]),
    ("XはYとの経営統合を検討", "翔洋自動車は東光電子との経営統合を検討している。", [["翔洋自動車", "merger_talks", "東光電子"]]),
    ("経営統合で合意する予定", "翔洋自動車と東光電子は来週、経営統合で最終合意する予定だ。", [["翔洋自動車", "merger_talks", "東光電子"]]),
    ("経営統合することになった", "翔洋自動車と東光電子は経営統合することになった。", [["翔洋自動車", "merger_talks", "東光電子"]]),
    ("X、YとZの3社", "翔洋自動車、東光電子と大和田自動車の3社は経営統合に向けた協議に入った。",
     [["東光電子", "merger_talks", "大和田自動車"], ["翔洋自動車", "merger_talks", "大和田自動車"], ["翔洋自動車", "merger_talks", "東光電子"]]),
    ("XはYと資本業務提携", "翔洋自動車は東光電子と資本業務提携を結んだ。", [["翔洋自動車", "partners_with", "東光電子"]]),
    ("XとYが業務提携", "翔洋自動車と東光電子が業務提携した。", [["翔洋自動車", "partners_with", "東光電子"]]),
    ("XはYと…分野で提携", "翔洋自動車は東光電子と電池の分野で提携した。", [["翔洋自動車", "partners_with", "東光電子"]]),
    ("XがYからZを調達", "翔洋自動車は東光電子から電池を調達する。", [["東光電子", "supplies", "翔洋自動車"]]),
    ("YがXにZを供給", "東光電子は翔洋自動車に電池を供給する。", [["東光電子", "supplies", "翔洋自動車"]]),
    ("YはX向けに納入", "東光電子は翔洋自動車向けに電池を納入する。", [["東光電子", "supplies", "翔洋自動車"]]),
    ("YはXから受注", "東光電子は翔洋自動車から部品を受注した。", [["東光電子", "supplies", "翔洋自動車"]]),
    ("no buyer written: the company in context", "翔洋自動車は2日、調達先を広げると発表した。2027年から東光電子から電池を調達する。",
     [["東光電子", "supplies", "翔洋自動車"]]),
    ("XはYを完全子会社化", "翔洋自動車は東光電子を完全子会社化する。", [["翔洋自動車", "parent_of", "東光電子"]]),
    ("XはYを傘下に収めた", "翔洋自動車は東光電子を傘下に収めた。", [["翔洋自動車", "parent_of", "東光電子"]]),
    ("YはXの完全子会社となる", "東光電子は翔洋自動車の完全子会社となる。", [["翔洋自動車", "parent_of", "東光電子"]]),
    ("X傘下のY", "翔洋自動車傘下の東光電子は増益だった。", [["翔洋自動車", "parent_of", "東光電子"]]),
]


@pytest.mark.parametrize("text, expect", [(t, e) for _, t, e in DEALS], ids=[c for c, _, _ in DEALS])
def test_deals_become_relations(text, expect, no_lexicon):
    kb = build(no_lexicon, text)
    assert relations(kb) == sorted(expect)
    for r in kb.relations:
        assert r.evidence[0].text in text and r.evidence[0].source == "s0"


NOT_DEALS = [
    ("買収を検討 is no acquisition", "翔洋自動車は東光電子の買収を検討している。"),
    ("買収しない", "翔洋自動車は東光電子を買収しない方針だ。"),
    ("a denied acquisition", "翔洋自動車は東光電子の買収について「検討していない」と否定した。"),
    ("an ended partnership", "翔洋自動車は東光電子との提携を解消した。"),
    ("a partnership talked about", "翔洋自動車は東光電子との提携を検討している。"),
    ("money is not supplied", "翔洋自動車は東光電子から資金を調達した。"),
    ("a place is not a company", "翔洋自動車は愛知県と包括提携を結んだ。"),
    ("a place is not a supplier", "翔洋自動車は韓国から電池を輸入する。"),
    ("a business integrated is no merger", "翔洋自動車と東光電子は物流事業を統合する。"),
    ("something else integrated", "翔洋自動車はデータを統合する。"),
    ("unrelated names", "翔洋自動車は新型車を発表した。一方、東光電子は株価が下がった。"),
    ("a deal word inside a noun", "翔洋自動車の買収額は東光電子の見積もりを上回った。"),
    ("a merger the subject makes others do", "翔洋自動車は米国に特別目的会社を設立し、東光電子と合併させる。"),
]


@pytest.mark.parametrize("text", [t for _, t in NOT_DEALS], ids=[c for c, _ in NOT_DEALS])
def test_what_is_no_deal_gives_no_relation(text, no_lexicon):
    assert relations(build(no_lexicon, text)) == []


def test_a_merger_written_both_ways_is_one_relation_with_both_sentences(no_lexicon):
    kb = build(no_lexicon, "翔洋自動車と東光電子は経営統合すると発表した。", "東光電子と翔洋自動車は経営統合すると発表した。")
    [merger] = kb.relations
    assert merger.predicate == "merged" and len(merger.evidence) == 2
    assert {s.source for s in merger.evidence} == {"s0", "s1"}


def test_talks_and_a_done_merger_stay_apart(no_lexicon):
    kb = build(no_lexicon, "翔洋自動車と東光電子は経営統合に向けて協議を始めた。", "翔洋自動車と東光電子は経営統合で最終合意した。")
    assert [p for _, p, _ in relations(kb)] == ["merged", "merger_talks"]


def test_every_predicate_has_wording_both_ways():
    for predicate in predicates():
        label = PREDICATE_LABELS[predicate]
        assert label and label.of_subject and label.of_object, predicate


def test_entity_pages_word_a_relation_from_either_end():
    def entity(eid, name, relations=()):
        return {"id": eid, "type": "company", "name": name, "aliases": [], "description": "", "titles": [],
                "mentions": [{"source": "s", "start": 0, "end": 5, "text": "翔洋自動車"}], "relations": list(relations), "claims": []}

    text = "翔洋自動車が東光電子を買収した。"
    evidence = [{"source": "s", "start": 0, "end": len(text), "text": text}]
    source = {"id": "s", "title": "t", "publisher": None, "date": None, "url": None, "path": "seeds/s.txt", "text": text,
              "blocks": [{"kind": "paragraph", "start": 0, "end": len(text)}], "dates": [], "mentions": []}
    records = Records(sources=[source], entities=[entity("shoyo", "翔洋自動車", [{"predicate": "acquired", "object": "toko", "evidence": evidence}]),
                                                  entity("toko", "東光電子")], events=[], redirects=[])
    pages: dict[str, str] = {}
    render_pages(records, TEMPLATES, "テスト", lambda path, text: pages.__setitem__(path, text if isinstance(text, str) else "".join(text)) or True)
    assert '東光電子</a><span class="pred">を買収</span>' in pages["entities/shoyo.html"]
    assert '翔洋自動車</a><span class="pred">に買収された</span>' in pages["entities/toko.html"]
    assert "翔洋自動車</a>は" in pages["graph.html"] and "を買収" in pages["graph.html"]


@pytest.mark.parametrize("text", [
    "ジュピター社(以下、ジュピター)は9月8日、後払いサービスを提供するカシオペア(以下、カシオペ)を3000億円で買収すると発表した。",
    "ジュピター社は9月8日、後払い決済サービス「カシオペア」を運営するカシオペアの買収を発表した。",
    "ミナセが「アングリーバード」開発元を買収",
])
def test_what_a_topic_buys_it_did_not_make(no_lexicon, text):
    """The topic's product is what it presents (「Y」の受注を始めると発表, 「Y」に組み込む), not a company it
    buys nor a product named by what it buys (開発元): no developed_by is proposed."""
    a = analyze(article("見出し\n" + text), no_lexicon)
    assert [(a.mentions[x].text, a.mentions[y].text) for s in a.sentences for x, p, y in s.relations if p == "developed_by"] == []


def test_a_product_presented_in_a_clause_taken_whole_is_the_topics(no_lexicon):
    """…Xが最新のAIモデル「Y」を発表したことを契機に: こと takes the clause whole; X made Y."""
    a = analyze(article("見出し\nこの現象は、2025年1月にゼタラボが最新のAIモデル「ゼタ9」を発表したことを契機に広がった。"), no_lexicon)
    assert [(a.mentions[x].text, a.mentions[y].text) for s in a.sentences for x, p, y in s.relations if p == "developed_by"] == [
        ("ゼタ9", "ゼタラボ")]


def test_a_place_or_an_organisation_before_a_title_is_not_a_person(no_lexicon):
    """相模原市長 is the office of a city and 神奈川県議会議員 a member of an assembly: neither
    names a person, and no one holds the offices listed."""
    kb = build(no_lexicon, "神奈川県知事・相模原市長・神奈川県議会議員の4選挙が7日に投開票された。")
    assert relations(kb) == []
    assert {(e.name, e.type) for e in kb.entities} == {("神奈川県", "place"), ("相模原", "place"), ("神奈川県議会", "organization")}


def test_a_person_run_into_the_company_before_a_title_is_cut_from_it(no_lexicon):
    """永松文彦セブン社長、細見研介ファミマ社長: each is the president of the company written with
    them; the title before the comma is the first one's, not the next person's."""
    kb = build(no_lexicon, "発表会には、佐藤健一ミナセ社長、鈴木浩二ソラミ社長が登壇した。")
    assert relations(kb) == [["佐藤健一", "president_of", "ミナセ"], ["鈴木浩二", "president_of", "ソラミ"]]


def test_two_people_given_one_companys_office_from_context_hold_neither(no_lexicon):
    """北条社長は…、南雲社長も: the company in context cannot have two presidents, so neither
    office is stated; both go to review."""
    kb = build(no_lexicon, "ミナセ電機とトウカイ精機は提携した。会見で北条社長は「協力したい」と語り、南雲社長も応じた。")
    assert relations(kb) == [["ミナセ電機", "partners_with", "トウカイ精機"]]
    names = {e.id: e.name for e in kb.entities}
    assert sorted(names[u.fact["subject"]] for u in kb.unsure if u.kind == "relation") == ["北条", "南雲"]
    kb = build(no_lexicon, "トウカイ精機は新工場を建てる。会見で北条社長は「協力したい」と語った。")
    assert relations(kb) == [["北条", "president_of", "トウカイ精機"]]  # one president: the company the article is on


@pytest.mark.parametrize("text, expect", [
    ("大阪市の翔洋自動車は増産を決めた。", [["翔洋自動車", "located_in", "大阪市"]]),
    ("容疑者は大阪市の翔洋自動車店内で店員を脅した。", []),  # one shop of it is there, not the company
    ("式典は大阪市の翔洋自動車工場で開かれた。", []),
    # Xの + Y + a word of doing: X's doing to Y, not Y in X; a place written before another still holds it
    ("ロシアのウクライナ侵攻で市場は混乱した。", []),
    ("逮捕されたのは埼玉県羽生市建設課の課長です。", [["羽生市", "located_in", "埼玉県"]]),
])
def test_a_place_before_a_site_of_a_company_does_not_locate_the_company(no_lexicon, text, expect):
    assert [r for r in relations(build(no_lexicon, text)) if r[1] == "located_in"] == expect


@pytest.mark.parametrize("text, expect", [
    ("知事選は、元浜松市長の鈴木康友氏が初当選した。", []),  # 元 before the place of the office: held no longer
    ("知事選は、浜松市長の鈴木康友氏が初当選した。", [["鈴木康友", "mayor_of", "浜松"]]),
])
def test_a_title_written_as_former_is_not_held(no_lexicon, text, expect):
    assert relations(build(no_lexicon, text)) == expect


def test_a_companys_office_is_not_read_from_a_ministry_in_context(no_lexicon):
    """金融庁は…。大塚雄介取締役は: a 取締役 is a company's; the ministry the text is on is not his."""
    kb = build(no_lexicon, "金融庁は29日、業務改善命令を出した。大塚雄介取締役は「出金を再開する」と語った。")
    assert relations(kb) == []
    names = {e.id: e.name for e in kb.entities}
    assert [(names[u.fact["subject"]], names[u.fact["object"]]) for u in kb.unsure if u.kind == "relation"] == [("大塚雄介", "金融庁")]


def test_an_office_no_company_has_is_not_read_from_a_company_in_context(no_lexicon):
    """北浜百貨店は…。寺岡健委員長は: a 委員長 chairs a union or a committee, not the store the text is on."""
    kb = build(no_lexicon, "北浜百貨店は31日、全館を臨時休業した。寺岡健委員長は「雇用を守りたい」と語った。")
    assert relations(kb) == []
    names = {e.id: e.name for e in kb.entities}
    assert [(names[u.fact["subject"]], names[u.fact["object"]]) for u in kb.unsure if u.kind == "relation"] == [("寺岡健", "北浜百貨店")]


def test_a_title_before_a_comma_is_not_the_next_listed_persons_who_has_their_own(no_lexicon):
    """…京都市長、西岡啓二大阪府知事ら: 市長 is the item before's (門川大作, read as a place here);
    西岡 is the governor only."""
    kb = build(no_lexicon, "来賓は門川大作京都市長、西岡啓二大阪府知事らだった。")
    assert [r for r in relations(kb) if r[0] == "西岡啓二"] == [["西岡啓二", "governor_of", "大阪府"]]


@pytest.mark.parametrize("text, expect", [
    ("北浜鉱山の家守伸正社長は6月に会長に就任する。", [["家守伸正", "president_of", "北浜鉱山"]]),  # 会長 is to come
    ("北浜鉱山の家守伸正社長は会長を務める。", [["家守伸正", "chairman_of", "北浜鉱山"], ["家守伸正", "president_of", "北浜鉱山"]]),
])
def test_a_title_to_be_taken_is_not_held_yet(no_lexicon, text, expect):
    assert relations(build(no_lexicon, text)) == expect


def test_a_place_glued_to_a_piece_of_a_longer_name_places_nothing():
    """新潟県 + 中部 + 産業団地: 中部 here is a piece of an estate's name, not a place 新潟県 holds; an
    administrative place glued to what follows it (羽生市 + 建設課) is still that place, and a title
    after a name (北海道ミナセ + 社長) ends it."""
    from builder.analyze.candidate import Candidate
    from builder.analyze.patterns import _name_goes_on

    def goes_on(text: str, name: str) -> bool:
        tokens = tokenize(text)
        i = next(k for k, t in enumerate(tokens) if text.startswith(name, t.start))
        j = next(k for k, t in enumerate(tokens) if t.end == tokens[i].start + len(name)) + 1
        return _name_goes_on(tokens, Candidate(i, j, tokens[i].start, tokens[j - 1].end, name), vocab())

    assert goes_on("新潟県中部産業団地に進出する。", "中部")
    assert not goes_on("埼玉県羽生市建設課の職員が逮捕された。", "羽生市")
    assert not goes_on("北海道ミナセ社長は述べた。", "ミナセ")
