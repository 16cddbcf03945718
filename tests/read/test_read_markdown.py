import pytest

from builder.read.front_matter import split
from builder.read.markdown import blocks
from builder.read.metadata import Metadata


def test_headings_atx_and_setext():
    body = "# ミライ電池が新工場\n\n## 生産計画\n\n### 投資額は？ ###\n\n販売の見通し\n======\n\n価格\n---\n"
    assert blocks(body) == [("heading", "ミライ電池が新工場"), ("heading", "生産計画"), ("heading", "投資額は？"),
                            ("heading", "販売の見通し"), ("heading", "価格")]


def test_nested_and_ordered_lists_one_block_per_item():
    body = """- 国内
  - 札幌工場
  - 仙台工場
    1. 第1期
    2. 第2期
- 海外

1. 発表は28日。
2) 出荷は4月から
"""
    assert blocks(body) == [("list_item", "国内"), ("list_item", "札幌工場"), ("list_item", "仙台工場"),
                            ("list_item", "第1期"), ("list_item", "第2期"), ("list_item", "海外"),
                            ("list_item", "発表は28日。"), ("list_item", "出荷は4月から")]


def test_an_item_of_several_paragraphs_is_one_item():
    body = ("- 新工場は2026年に稼働する。\n\n  投資額は500億円。\n  - 詳細\n\n  後述の通り。\n"
            "- Zeta Labs expands.\n\n  It hires 200 people.\n")
    assert blocks(body) == [("list_item", "新工場は2026年に稼働する。投資額は500億円。"), ("list_item", "詳細"),
                            ("list_item", "後述の通り。"), ("list_item", "Zeta Labs expands. It hires 200 people.")]


def test_links_keep_their_text_autolinks_their_address():
    body = ("[ミライ電池](https://example.com/mirai)の発表を[テスト通信][t]が報じた。\n"
            "原文は<https://example.com/news/1>にある。\n\n[t]: https://example.com/tsushin\n")
    assert blocks(body) == [("paragraph", "ミライ電池の発表をテスト通信が報じた。原文はhttps://example.com/news/1にある。")]


def test_images_are_dropped():
    body = "![記者会見する山田社長](photo.jpg)\n\n会見は本社で開かれた![図1](chart.png)。 ![図2](b.png) 次の文。\n"
    assert blocks(body) == [("paragraph", "会見は本社で開かれた。 次の文。")]


def test_emphasis_strong_and_strikethrough_lose_their_markers():
    body = "*斜体*と**太字**、***両方***、_下線_、__強い__、~~120億円~~ 150億円。\\*印は残る。\n"
    assert blocks(body) == [("paragraph", "斜体と太字、両方、下線、強い、120億円 150億円。*印は残る。")]


def test_bold_next_to_japanese_punctuation_loses_its_markers_too():
    body = "**「Zeta-7B」**を公開し、性能は従来比**20%**向上。社名は~~「北斗」~~から変わった。\\*\\*は残る。\n"
    assert blocks(body) == [("paragraph", "「Zeta-7B」を公開し、性能は従来比20%向上。社名は「北斗」から変わった。**は残る。")]


def test_inline_code_is_kept_code_blocks_are_dropped():
    body = "新モデル`Zeta-7B`を公開した。\n\n```python\nimport zeta\nmodel = zeta.load()\n```\n\n    indented = True\n\n以上。\n"
    assert blocks(body) == [("paragraph", "新モデルZeta-7Bを公開した。"), ("paragraph", "以上。")]


def test_table_rows_are_paragraphs_of_cells():
    body = """| 会社 | 売上高 | 前年比 |
|:---|---:|:--:|
| ミライ電池 | 120億円 | 15%増 |
| Zeta Labs | **80億円** |  |
| | | |
| 北斗\\|南斗 | 3億円 | 横ばい |
"""
    assert blocks(body) == [("paragraph", "会社 | 売上高 | 前年比"), ("paragraph", "ミライ電池 | 120億円 | 15%増"),
                            ("paragraph", "Zeta Labs | 80億円"), ("paragraph", "北斗|南斗 | 3億円 | 横ばい")]


def test_blockquotes_are_transparent():
    body = "> 山田社長は「量産を急ぐ」と述べた。\n> 続けて価格にも触れた。\n>\n> > 二重の引用。\n>\n> - 引用内の項目\n"
    assert blocks(body) == [("paragraph", "山田社長は「量産を急ぐ」と述べた。続けて価格にも触れた。"),
                            ("paragraph", "二重の引用。"), ("list_item", "引用内の項目")]


def test_raw_html_tags_dropped_their_text_kept_html_blocks_dropped():
    body = """<div class="embed">
<iframe src="https://example.com/video"></iframe>
</div>

<!--more-->

<div class="note">

枠の中の段落。

</div>

<span class="red">ゼータ製薬</span>は<b>新薬</b>を<br>申請した。<br/>
Jane<br>Doe
"""
    assert blocks(body) == [("paragraph", "枠の中の段落。"), ("paragraph", "ゼータ製薬は新薬を申請した。Jane Doe")]


@pytest.mark.parametrize("body, text", [
    ("ミライ電池は\n28日、発表した。", "ミライ電池は28日、発表した。"),
    ("需要が急増した。\n  　価格も上がった。", "需要が急増した。価格も上がった。"),
    ("Zeta Labs\nannounced\n   a model.", "Zeta Labs announced a model."),
    ("米\nZeta Labsは\nAIモデルを発表した。", "米Zeta LabsはAIモデルを発表した。"),
    ("二行目  \n三行目", "二行目三行目"),
    ("first line\\\nsecond line", "first line second line"),
    ("ＡＢＣ\n社", "ＡＢＣ社"),
])
def test_line_breaks_join_japanese_without_space_latin_with_one(body, text):
    assert blocks(body) == [("paragraph", text)]


def test_character_references_are_decoded():
    assert blocks("R&amp;D費は&lt;速報&gt;で&#x3042;&#12356;&copy;。") == [("paragraph", "R&D費は<速報>であい©。")]


def test_obsidian_links_keep_what_they_show():
    body = "[[株式会社ミライ電池]]と[[ゼータ製薬|ゼータ]]が[[提携#条件]]で合意。\n\n![[会見.png]]\n"
    assert blocks(body) == [("paragraph", "株式会社ミライ電池とゼータが提携で合意。")]


def test_empty_blocks_are_left_out():
    assert blocks("\n\n#\n\n- \n\n---\n\n![写真](a.jpg)\n\n<br>\n") == []


HUGO = """---
title: "Zeta Labs、日本語特化の新モデルを公開"
date: 2025-01-28T10:15:00+09:00
publisher: テスト通信
url: https://example.com/news/2025/01/28/zeta
author: ["Jane Doe", 鈴木次郎]
tags: ["AI", "新モデル"]
---

札幌のAIスタートアップ**Zeta Labs**は28日、日本語に特化した
大規模言語モデル「Zeta-7B」を公開した。

<!--more-->

{{< figure src="/img/zeta.jpg" caption="発表会の様子" >}}

## 性能

- 日本語の質問応答で従来比**20%**向上
- 開発費は約6億円

{{< tweet user="zetalabs" id="1234567890" >}}
"""

OBSIDIAN = """---
title: ゼータ製薬 新薬申請
date: 2025年1月28日
tags:
  - 製薬
  - 新薬
---
# ゼータ製薬 新薬申請

[[ゼータ製薬]]は、[[北斗大学|北斗大]]と共同開発した新薬を
厚生労働省に申請した。

![[申請書類.png]]

> 承認は2026年の見込み。

- [ ] 続報を確認
- [x] 株価の反応
"""


def test_a_hugo_note():
    meta, body = split(HUGO, "seeds/zeta.md")
    assert meta == Metadata(title="Zeta Labs、日本語特化の新モデルを公開", date="2025-01-28", publisher="テスト通信",
                        url="https://example.com/news/2025/01/28/zeta", author="Jane Doe、鈴木次郎",
                        tags=("AI", "新モデル"), date_from="front matter")
    assert blocks(body) == [
        ("paragraph", "札幌のAIスタートアップZeta Labsは28日、日本語に特化した大規模言語モデル「Zeta-7B」を公開した。"),
        ("heading", "性能"),
        ("list_item", "日本語の質問応答で従来比20%向上"),
        ("list_item", "開発費は約6億円"),
    ]


def test_an_obsidian_note():
    meta, body = split(OBSIDIAN, "seeds/zeta-pharma.md")
    assert meta == Metadata(title="ゼータ製薬 新薬申請", date="2025-01-28", tags=("製薬", "新薬"), date_from="front matter")
    assert blocks(body) == [
        ("heading", "ゼータ製薬 新薬申請"),
        ("paragraph", "ゼータ製薬は、北斗大と共同開発した新薬を厚生労働省に申請した。"),
        ("paragraph", "承認は2026年の見込み。"),
        ("list_item", "続報を確認"),
        ("list_item", "株価の反応"),
    ]


@pytest.mark.parametrize("body", [HUGO, OBSIDIAN, "a\n\nb  \nc\n\n| x\ny |\n|--|\n| 1\\\n2 |\n"])
def test_no_block_holds_a_line_break(body):
    assert all("\n" not in text and text == text.strip() for _, text in blocks(body))
