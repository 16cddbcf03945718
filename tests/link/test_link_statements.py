"""Who spoke (link/statements.py): the name marked as the speaker, what 同氏, 同社 and a title
alone refer to, the topic when no speaker is written — and no speaker rather than a wrong one.
Sentences written for these tests, through the real analyzer and linker with an empty
lexicon: every speaker here is a name musubi was never told about."""

from __future__ import annotations

import pytest
from conftest import article

from builder.analyze import analyze
from builder.link import link


def statements(no_lexicon, *texts: str, dated: str | None = None) -> list[tuple[str, str, str]]:
    analyses = [analyze(article("見出し\n\n" + t, f"s{i}"), no_lexicon) for i, t in enumerate(texts)]
    kb = link(analyses, no_lexicon)
    names = {e.id: e.name for e in kb.entities}
    return [(names[st.speaker], st.kind, st.text) for st in kb.statements]


def test_the_speaker_is_the_person_named_before_the_quote(no_lexicon):
    found = statements(no_lexicon, "北浜重工の小田切修三社長は28日の記者会見で「受注は過去最高の水準にある」と述べた。")
    assert found == [("小田切修三", "direct", "受注は過去最高の水準にある")]


def test_a_space_between_a_name_and_its_title_keeps_the_speaker(no_lexicon):
    found = statements(no_lexicon, "北浜重工の小田切修三 社長は22日の記者会見で、会社の収支は改善するとした。")
    assert found == [("小田切修三", "indirect", "会社の収支は改善する")]


def test_the_speaker_may_follow_the_quote(no_lexicon):
    found = statements(no_lexicon, "「値上げは避けられない」と、北浜重工の小田切修三社長は記者団に語った。")
    assert found == [("小田切修三", "direct", "値上げは避けられない")]


def test_stand_ins_refer_to_who_was_named_before(no_lexicon):
    found = statements(
        no_lexicon,
        "北浜重工の小田切修三社長は28日、記者会見を開いた。同氏は、今期の配当を増やす考えを示した。"
        "北浜重工は同日、新工場の建設を始めた。同社によると、稼働は2027年になるという。")
    assert ("小田切修三", "indirect", "今期の配当を増やす") in found
    assert ("北浜重工", "indirect", "稼働は2027年になる") in found


def test_a_title_alone_is_the_person_who_holds_it(no_lexicon):
    found = statements(no_lexicon, "南都銀行の鷲尾玲奈頭取は決算を発表した。頭取は「貸出は伸びている」と語った。")
    assert found == [("鷲尾玲奈", "direct", "貸出は伸びている")]


def test_with_no_speaker_written_the_topic_speaks(no_lexicon):
    found = statements(no_lexicon, "北浜重工の小田切修三社長は28日、記者会見を開いた。\n\n"
                                   "今後の投資については「国内の工場を優先する」と述べた。")
    assert found == [("小田切修三", "direct", "国内の工場を優先する")]



def test_a_head_named_in_an_organisations_gloss_is_not_the_topic(no_lexicon):
    """北浜開発銀行（KDB、小田切修三社長）は…: the は is the bank's; what the text goes on to report
    with no speaker written is the bank's, not its president's, named in its parenthesis."""
    found = statements(no_lexicon, "北浜開発銀行(KDB、小田切修三代表取締役社長)は、設備投資計画調査の結果をまとめた。\n\n"
                                   "特に非製造業は、省力化のための投資が増加すると予想している。")
    assert found == [("北浜開発銀行", "indirect", "特に非製造業は、省力化のための投資が増加する")]


def test_a_stand_in_set_as_the_topic_takes_over_from_the_speaker_before(no_lexicon):
    """同社は…と想定。…と予想している: after 同社 became the topic, the forecast is the company's,
    not that of its executive quoted before."""
    found = statements(no_lexicon, "北浜重工の小田切修三執行役員は説明会で「受注は好調だ」と話した。\n\n"
                                   "同社は防衛事業の規模が2倍以上になると想定。2027年3月期には売上高1兆円を達成すると予想している。")
    assert found[-1] == ("北浜重工", "indirect", "2027年3月期には売上高1兆円を達成する")


def test_a_mother_or_a_witness_speaks_for_no_one_named(no_lexicon):
    """別の母親は「…」と話している: words of someone the article does not name, not of the suspect
    named before (statements.yaml `unnamed`: 母親, 目撃者…)."""
    found = statements(no_lexicon, "北浜ケアに登録していた南雲一郎容疑者が逮捕された。\n\n"
                                   "別の母親は、「2人きりにさせてしまったことを後悔している」と話している。")
    assert [speaker for speaker, *_ in found] == []

SPOKE_BEFORE = ("首相は、江口氏の続投を決めながら判断を翻したことについて、「全て私の責任だ」と記者団に語った。"
               "後任人事については「人選を進めている」と述べた。")


def test_with_no_speaker_written_the_one_who_just_spoke_goes_on(no_lexicon):
    """The topic before is 青柳遥人; the words right before were the prime minister's, and so are these."""
    found = statements(no_lexicon, "鷲尾玲奈首相は20日、辞表を受理した。青柳遥人農相は辞任の理由を説明した。" + SPOKE_BEFORE)
    assert found == [("鷲尾玲奈", "direct", "全て私の責任だ"), ("鷲尾玲奈", "direct", "人選を進めている")]


def test_with_no_speaker_written_after_an_unknown_one_no_one_speaks(no_lexicon):
    """Who 首相 is is not known here: neither statement is 青柳遥人's, the topic before them."""
    assert statements(no_lexicon, "青柳遥人農相は辞任の理由を説明した。" + SPOKE_BEFORE) == []


def test_a_verb_of_saying_describing_a_person_is_that_persons(no_lexicon):
    """「…」と発言した農相: the clause has no subject of its own, so the minister said it — not the
    prime minister, the sentence's topic."""
    found = statements(no_lexicon, "鷲尾玲奈首相は21日、「コメは買ったことがない」などと発言した青柳遥人農相を更迭した。")
    assert found == [("青柳遥人", "direct", "コメは買ったことがない")]


def test_a_describing_clause_with_its_own_subject_is_not_the_nouns(no_lexicon):
    """首相が「…」と批判した農相: the words may be the prime minister's; as the parse does not say, no one's."""
    assert statements(no_lexicon, "鷲尾玲奈首相が「発言は大きな問題だ」と批判した青柳遥人農相は辞任した。") == []


def test_a_verb_of_saying_describing_a_thing_has_no_speaker(no_lexicon):
    assert statements(no_lexicon, "北浜重工は増産した。「市場は過熱している」と指摘する声もある。") == []


def test_an_unnamed_speaker_gives_no_statement(no_lexicon):
    """関係者 and アナリスト are nobody's page; the company before them did not speak."""
    found = statements(no_lexicon, "北浜重工の関係者は「工場の計画は白紙だ」と話した。", "市場のアナリストは「割安だ」と語った。")
    assert found == []


def test_a_new_topic_after_besides_is_who_speaks_next(no_lexicon):
    found = statements(no_lexicon, "北条健一首相は24日、第2工場への財政支援を表明したほか、南雲浩二経済産業相は補助額が最大7320億円になると明らかにした。")
    assert found == [("南雲浩二", "indirect", "補助額が最大7320億円になる")]


def test_a_speaker_goes_on_speaking_and_a_topic_in_the_words_said_is_not_a_speaker(no_lexicon):
    found = statements(no_lexicon, "創業者の王伝福氏は「EV化の波は戻せない」と強調し、ソラミは今や70か国にEVを提供すると述べた。")
    assert found == [("王伝福", "direct", "EV化の波は戻せない"), ("王伝福", "indirect", "ソラミは今や70か国にEVを提供する")]


def test_a_quote_naming_a_noun_is_that_nouns_not_the_judges_who_rejected_it(no_lexicon):
    found = statements(no_lexicon, "北条健一裁判長は判決を言い渡した。北条裁判長は「正当な業務行為だ」とする弁護側の無罪主張を退けた。")
    assert found == []


def test_a_person_in_a_companys_gloss_is_not_its_speaker(no_lexicon):
    found = statements(no_lexicon, "中国ソラミの日本法人ソラミジャパン(ソラミJ、北条健一社長、本社・横浜市)は21日、日本の乗用車市場へ参入すると発表した。")
    assert found == [("ソラミジャパン", "indirect", "日本の乗用車市場へ参入する")]


def test_a_certain_member_of_a_party_is_not_the_party(no_lexicon):
    found = statements(no_lexicon, "今回の対応について、ある自民党議員は「野党に質問時間を与えるのは異例だ」と話しています。",
                       "ミナセ電機のCEOである佐藤健一氏は「値上げは避けられない」と話した。")
    assert found == [("佐藤健一", "direct", "値上げは避けられない")]


def test_police_or_prosecutors_speaking_are_not_the_person_the_article_is_about(no_lexicon):
    found = statements(no_lexicon, "北条健一容疑者は成田空港に到着した。警察は報道陣に「逃げる恐れはない」と説明した。"
                                   "検察側は「捏造は不可能だ」と主張した。")
    assert found == []
    found = statements(no_lexicon, "北条健一被告は無罪を主張していた。判決では、争点となっていた北条被告の表明について、"
                                   "「市長の職務権限に属するものと認められ、職務に該当する」とした。")
    assert found == []  # the court's words, not the defendant's
    found = statements(no_lexicon, "北条健一首相は10日、南国の大統領と会談した。新たな宣言では「緊急事態に関して相互に協議し対応措置を検討する」とした。")
    assert found == []  # the declaration's words, not the prime minister's


def test_a_ruling_that_goes_on_speaking_is_not_the_party_named_before(no_lexicon):
    """判決は…を示した。その上で、…と指摘: the ruling is the topic the text went on to, and the
    words after it are its too — not the company the article named as a topic before it."""
    found = statements(no_lexicon, "北浜重工は南都電機を特許侵害で訴えていた。\n\n判決は、侵害の有無を判断する枠組みを示した。\n\n"
                                   "その上で、問題の機能は国内で利用され、効果が生まれていると指摘した。")
    assert found == []
    found = statements(no_lexicon, "北浜重工は28日、懇談会を開いた。メディア関係者は40人が集まった。"
                                   "小田切修三社長は、受注は過去最高の水準にあると説明した。"
                                   "その上で、国内の工場を優先すると述べた。")
    assert ("小田切修三", "indirect", "国内の工場を優先する") in found  # 関係者 only attended: the topic went on


def test_reported_words_that_open_with_a_topic_naming_someone_are_not_the_topic_befores(no_lexicon):
    """…。北浜証券では…準備するとしている: the company's words, not its president's, the text's
    topic before (a name the analyzer did not know as one makes them no one's)."""
    found = statements(no_lexicon, "北浜証券の宮原健一社長は、責任は当社にあると述べた。"
                                   "北浜証券では部品を交換してシステムを再稼働し、2日から売買ができるよう準備するとしている。")
    assert found == [("宮原健一", "indirect", "責任は当社にある")]
    found = statements(no_lexicon, "創業者の王伝福氏は「EV化の波は戻せない」と強調し、ソラミは今や70か国にEVを提供すると述べた。")
    assert ("王伝福", "indirect", "ソラミは今や70か国にEVを提供する") in found  # the speaker goes on in one sentence


def test_a_driver_or_a_board_speaks_for_no_one_else_or_for_its_company(no_lexicon):
    found = statements(no_lexicon, "北浜鉄道によると、貨物列車が脱線した。運転士は「強い揺れを感じた」と話している。")
    assert ("北浜鉄道", "direct", "強い揺れを感じた") not in found and all(text != "強い揺れを感じた" for _, _, text in found)
    found = statements(no_lexicon, "ミナセ電機の株主総会が25日開かれ、小田切修三社長の続投が決まった。"
                                   "総会後、ミナセ電機の取締役会は「株主の支持をうれしく思う」との声明を公表した。")
    assert found == [("ミナセ電機", "direct", "株主の支持をうれしく思う")]  # the board's words are the company's


def test_words_several_speakers_said_together_are_nobodys_alone(no_lexicon):
    found = statements(no_lexicon, "北浜重工の小田切修三社長と南都銀行の鷲尾玲奈頭取は28日、会見を開いた。"
                                   "両社は23日、2026年8月に経営統合する予定だと発表した。")
    assert found == []


@pytest.mark.parametrize("text", [
    # the organisation is the topic of the first clause; 劉氏 (not read as a name) said it
    "北浜重工は米国への投資を増やしているが、劉氏は「日本の計画に変更はない」と述べた。",
    # 80代の男性は「…」と話した: a bus user, not the company the text was about
    "北浜バスは7月に運賃を値上げする。利用する80代の男性は「値上げされると困ります」と話した。",
])
def test_a_speaker_not_found_as_a_name_is_not_replaced_by_another(no_lexicon, text):
    assert statements(no_lexicon, text) == []


def test_a_clause_subject_is_not_the_speaker(no_lexicon):
    found = statements(no_lexicon, "北浜重工の小田切修三社長は28日、会見を開いた。"
                                   "南都銀行が掲げる目標については、「実現は難しい」と述べた。")
    assert found == [("小田切修三", "direct", "実現は難しい")]


def test_the_entities_a_statement_names_are_what_it_is_about(no_lexicon):
    analyses = [analyze(article("見出し\n\n北浜重工の小田切修三社長は「南都銀行との提携を深める」と述べた。"), no_lexicon)]
    kb = link(analyses, no_lexicon)
    names = {e.id: e.name for e in kb.entities}
    (st,) = kb.statements
    assert [names[x] for x in st.about] == ["南都銀行"]
    assert st.context.text.startswith("北浜重工の小田切修三社長は") and st.verb == "述べた"


def test_the_subject_of_a_clause_describing_a_noun_is_not_the_speaker(no_lexicon):
    found = statements(no_lexicon, "北浜重工が3月に公開したAIモデルについて、南都総研の鷲尾玲奈研究員は5日、"
                                   "開発費は約450万ドルに上るとの試算を公表した。")
    assert found == [("鷲尾玲奈", "indirect", "開発費は約450万ドルに上る")]


def test_how_each_speaker_was_found_is_kept(no_lexicon):
    analyses = [analyze(article("見出し\n\n北浜重工の小田切修三社長は28日、会見を開いた。同氏は「受注は堅調だ」と述べた。"
                                "\n\n今後については「工場を増やす」と語った。小田切社長は「値上げはしない」と強調した。"), no_lexicon)]
    kb = link(analyses, no_lexicon)
    assert [(st.text, st.speaker_from) for st in kb.statements] == [
        ("受注は堅調だ", "同氏"), ("工場を増やす", "context"), ("値上げはしない", "")]


def test_a_name_inside_the_words_said_is_not_their_speaker(no_lexicon):
    """付与はXが提案したと明かし: X is the subject of what was said, and of no quote after it."""
    found = statements(no_lexicon, "北浜製鋼の橋本英二会長は19日、都内で記者会見した。"
                                   "特別株の付与は北浜製鋼が自ら米政府に提案したと明かし、買収は「極めて合理的だ」と語った。")
    assert found == [("橋本英二", "indirect", "特別株の付与は北浜製鋼が自ら米政府に提案した"),
                     ("橋本英二", "direct", "極めて合理的だ")]


def test_a_setting_topic_before_the_speaker_keeps_them_the_speaker(no_lexicon):
    assert statements(no_lexicon, "この日は、山田太郎社長が増産すると述べた。") == [("山田太郎", "indirect", "増産する")]


def test_two_organisations_written_together_both_say_it(no_lexicon):
    """AとBは…と発表した, and 両社 after them: one statement each, as gold lists them."""
    both = [("北浜重工", "indirect", "2027年4月に経営統合する"), ("南都電機", "indirect", "2027年4月に経営統合する")]
    assert statements(no_lexicon, "北浜重工と南都電機は10日、2027年4月に経営統合すると正式に発表した。") == both
    assert statements(no_lexicon, "北浜重工と南都電機は10日、記者会見した。両社は、2027年4月に経営統合すると発表した。") == both
    found = statements(no_lexicon, "北浜重工と南都電機は10日、記者会見した。両社の発表によると、まず南都電機を上場廃止とするという。")
    assert [speaker for speaker, _, _ in found] == ["北浜重工", "南都電機"]


def test_people_and_unwritten_pairs_do_not_speak_together(no_lexicon):
    assert statements(no_lexicon, "北浜重工の小田切修三社長と南都電機の山城健一社長は10日、会見した。両社は、統合すると発表した。") == []
    assert len(statements(no_lexicon, "小田切修三社長と山城健一社長は10日、「統合は順調に進んでいる」と語った。")) == 1


def test_hearsay_runs_on_to_the_sentence_that_ends_it(no_lexicon):
    found = statements(no_lexicon, "北浜重工は19日、声明を発表した。声明によると、同社は内部通報を受け、不正を調査。"
                                   "長年にわたり、報酬を減額して記載していたことが判明したという。")
    assert found == [("北浜重工", "indirect", "同社は内部通報を受け、不正を調査。長年にわたり、報酬を減額して記載していたことが判明した")]


def test_hearsay_from_a_document_is_its_owners(no_lexicon):
    """北浜重工の有価証券報告書によると: the company's words, not the topic's (小田切容疑者)."""
    found = statements(no_lexicon, "小田切容疑者は逮捕された。北浜重工の有価証券報告書によると、小田切容疑者の報酬は3割減少していた。")
    assert found == [("北浜重工", "indirect", "小田切容疑者の報酬は3割減少していた")]


def test_a_quote_ending_in_the_reporters_da_is_still_a_quote(no_lexicon):
    """「…悲願」だと述べた: the words in the quote, their speaker the one named before."""
    found = statements(no_lexicon, "北浜HDの里見治紀社長は、「モバイルゲームの展開を加速させることは長年の悲願」だと述べた。")
    assert found == [("里見治紀", "direct", "モバイルゲームの展開を加速させることは長年の悲願")]


def test_a_line_broken_before_the_particle_keeps_the_speaker(no_lexicon):
    assert statements(no_lexicon, "北浜証券の大塚亘アナリスト は「買収は布石だ」と指摘した。") == [("大塚亘", "direct", "買収は布石だ")]


@pytest.mark.parametrize("text, expected", [
    # 業績予想によると after the president spoke: the company's forecast, not his words
    ("北浜重工の小田切修三社長は「誠に遺憾だ」と陳謝した。今回発表された業績予想によると、営業損益は4300億円の赤字になる。",
     [("小田切修三", "direct", "誠に遺憾だ"), ("北浜重工", "indirect", "営業損益は4300億円の赤字になる")]),
    # 県警によると (共同通信によると): written, and no entity — not the person spoken of before
    ("県警の高森一郎部長は「心よりおわび申し上げます」と述べた。\n県警によると、現場の状況から第三者による犯行は困難と判断した。",
     [("高森一郎", "direct", "心よりおわび申し上げます")]),
])
def test_hearsay_from_a_source_with_no_name_written_is_a_documents_organisations_or_no_ones(no_lexicon, text, expected):
    assert statements(no_lexicon, text) == expected


def test_a_family_name_that_several_people_share_is_no_one_known(no_lexicon):
    found = statements(no_lexicon, "式典には北浜財団の佐藤茂理事長と東都市の佐藤伸朗技監が出席した。"
                                   "祝賀会で佐藤理事長は「異例の早さで完成した。価値の向上に寄与する」と語った。")
    assert found == []


def test_a_voice_with_no_speaker_written_is_a_persons_not_the_company_the_text_is_on(no_lexicon):
    """北浜地所は…懇話の場を設けた。「…」と語った: the new president spoke; a company never talks."""
    found = statements(no_lexicon, "北浜地所は19日、4月に社長に就任した中島篤氏との懇話の場を設けた。\n\n"
                                   "オフィス市場について、「オフィスの重要性は変わっていない」と力強く語った。")
    assert found == []
