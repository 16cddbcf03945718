import pytest
from conftest import article

from builder.errors import InputError
from builder.read import read_article
from builder.read.plain import is_furniture

TEXT = """新型電池の量産、来春に前倒し
2025年4月10日
電池メーカー各社は量産計画を見直している。需要が急増したためだ。
市場の見通し
• 供給網の再編
・ 価格の下落
よかったらシェアしてね!
目次
Source：テスト通信
"""


def test_blocks_keep_offsets_into_the_original_text():
    a = article(TEXT)
    assert a.title == "新型電池の量産、来春に前倒し"
    for b in a.blocks:
        assert a.text[b.start : b.end] == b.text
    kinds = [(b.kind, b.text) for b in a.blocks]
    assert ("heading", "市場の見通し") in kinds
    assert ("list_item", "供給網の再編") in kinds and ("list_item", "価格の下落") in kinds
    assert a.publisher == "テスト通信"
    assert a.date == "2025-04-10"


def test_page_furniture_is_dropped_by_general_rules():
    texts = [b.text for b in article(TEXT).blocks]
    assert "よかったらシェアしてね!" not in texts and "目次" not in texts
    assert is_furniture("この記事が気に入ったら") and is_furniture("URLをコピーしました!")
    assert not is_furniture("首相がシェア拡大の方針を示した。")  # a sentence, not furniture
    assert not is_furniture("ソニーの新戦略")


def test_long_first_line_gives_its_first_sentence_as_title_and_stays_body_text():
    sentence = "電池大手の株価は朝方から大きく値を下げ、市場関係者の間では先行きを不安視する声が相次いでいると伝えられた"
    a = article(f"{sentence}。{sentence}。\n次の段落。")
    assert a.blocks[0].kind == "paragraph"
    assert a.title == sentence


def test_very_long_first_sentence_is_cut():
    a = article("あ" * 30 + "、" + "い" * 60 + "。続き。")
    assert len(a.title) == 60 and a.title.endswith("…")


def test_bom_is_not_part_of_the_text(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff見出し\n本文です。".encode("utf-8"))
    a = read_article(path)
    assert a.id == "bom" and a.text.startswith("見出し") and a.title == "見出し"


@pytest.mark.parametrize("content", [b"", b"  \n\n \n"])
def test_empty_file_is_an_error(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match="empty article"):
        read_article(path)


SHARED = """---
title: 青葉精工、新型ロボットを発表
---
青葉精工は3日、新型ロボットを発表した。

## 共有する

- Xで共有
- LINEで送る
- リンクをコピー

## データ共有の仕組み

工場のデータを取引先と共有する。
"""

SHARED_PAGE = """<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>青葉精工、新型ロボットを発表</title></head>
<body><article><h1>青葉精工、新型ロボットを発表</h1>
<p>青葉精工は3日、新型ロボットを発表した。価格は未定で、来年の発売を目指すという。同社は工場の自動化を進めている。</p>
<h2>【共有する】</h2>
<h2>データ共有の仕組み</h2>
<p>工場のデータを取引先と共有する。取引先は在庫を減らせるとみている。</p>
</article></body></html>
"""


@pytest.mark.parametrize(("name", "content"), [("shared.md", SHARED), ("shared.html", SHARED_PAGE)])
def test_share_lines_are_furniture_a_heading_about_sharing_is_not(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    texts = [b.text for b in read_article(path).blocks]
    assert not {"共有する", "【共有する】", "Xで共有", "LINEで送る", "リンクをコピー"} & set(texts)
    assert "データ共有の仕組み" in texts and "工場のデータを取引先と共有する。" in texts[-1]
    assert is_furniture("共有 :") and not is_furniture("両社が技術を共有")


def test_a_source_line_that_gives_an_address_is_the_original_address_not_the_publisher():
    a = article("青葉精工が新型ロボット\n青葉精工は3日、新型ロボットを発表した。\n出典：https://example.com/news/robot\nSource: テスト通信\n")
    assert a.url == "https://example.com/news/robot" and a.publisher == "テスト通信"
    assert "https://example.com/news/robot" not in [b.text for b in a.blocks]
