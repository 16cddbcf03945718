import pytest

from builder.errors import InputError
from builder.read.front_matter import split
from builder.read.metadata import NO_METADATA, Metadata

SHOWN = "seeds/x.md"

EVERY_KEY = """---
title: ミライ電池、全固体電池の量産を前倒し
date: 2025-01-28
publisher: テスト通信
url: https://example.com/news/2025/0128
author: 山田花子
tags: [電池, 量産]
---
ミライ電池は28日、全固体電池の量産開始を2026年春に前倒しすると発表した。

　佐藤一郎社長は「需要に応える」と述べた。
"""


def test_every_key_and_the_body_as_written():
    meta, body = split(EVERY_KEY, SHOWN)
    assert meta == Metadata(title="ミライ電池、全固体電池の量産を前倒し", date="2025-01-28", publisher="テスト通信",
                        url="https://example.com/news/2025/0128", author="山田花子", tags=("電池", "量産"),
                        date_from="front matter")
    assert body == ("ミライ電池は28日、全固体電池の量産開始を2026年春に前倒しすると発表した。\n\n"
                    "　佐藤一郎社長は「需要に応える」と述べた。\n")
    assert EVERY_KEY.split("\n")[8:] == body.split("\n")  # the body starts on line 9


@pytest.mark.parametrize("written, iso", [
    ("2025-01-28", "2025-01-28"),
    ("2025-01-28T10:15:00+09:00", "2025-01-28"),
    ("2025-01-28 10:15", "2025-01-28"),
    ("20250128", "2025-01-28"),
    ("2025年1月28日", "2025-01-28"),
    ("'2025-01-28'", "2025-01-28"),
    ("2025-01", "2025-01"),
])
def test_date_forms(written, iso):
    meta, body = split(f"---\ndate: {written}\n---\n本文です。\n", SHOWN)
    assert (meta.date, meta.date_from, body) == (iso, "front matter", "本文です。\n")


def test_lists_numbers_and_single_values():
    meta, _ = split("---\ntitle: 2025\npublisher: 24\nauthor:\n  - 山田花子\n  - 佐藤一郎\ntags: 半導体\n---\n本文。", SHOWN)
    assert (meta.title, meta.publisher, meta.author, meta.tags) == ("2025", "24", "山田花子、佐藤一郎", ("半導体",))
    meta, _ = split("---\nauthor: [Jane Doe, 鈴木次郎]\ntags:\n  - AI\n  - 新モデル\n  - AI\n---\n本文。", SHOWN)
    assert (meta.author, meta.tags) == ("Jane Doe、鈴木次郎", ("AI", "新モデル"))


def test_a_title_over_several_lines_is_one_line():
    meta, _ = split("---\ntitle: |\n  ミライ電池\n  量産を前倒し\n---\n本文。", SHOWN)
    assert meta.title == "ミライ電池 量産を前倒し"


def test_empty_values_are_absent():
    meta, body = split("---\ntitle:\ndate: ''\npublisher: ~\nurl:\nauthor: []\ntags:\n---\n本文。\n", SHOWN)
    assert (meta, body) == (NO_METADATA, "本文。\n")


def test_comments_blank_lines_dots_and_trailing_spaces():
    text = "--- \n# 取材メモ\n\ntitle: ゼータ製薬が新薬を申請\n... \n本文。"
    assert split(text, SHOWN) == (Metadata(title="ゼータ製薬が新薬を申請"), "本文。")


@pytest.mark.parametrize("text", ["---\ntitle: 見出しだけ\n---\n", "---\ntitle: 見出しだけ\n---"])
def test_only_front_matter_gives_an_empty_body(text):
    assert split(text, SHOWN) == (Metadata(title="見出しだけ"), "")


@pytest.mark.parametrize("text", [
    "ミライ電池の新工場\n---\n本文。\n",                     # dashes, but not on the first line
    "---\nミライ電池の新工場\n---\n本文。\n",                 # a heading framed by dashes
    "---\n\n　工場の建設は2025年に始まる。\n",                 # an opening line of dashes, no closing one
    "----------\ntitle: x\n----------\n本文。\n",             # a longer line of dashes
    "---\n12:30 記者会見が始まった。\n---\n",                 # a time is not a key
    "---\nhttps://example.com/news/1\n---\n本文。\n",         # neither is an address
    "---\n---\n本文。\n",                                     # nothing between the lines
    "---",
])
def test_dashes_that_are_decoration_are_text(text):
    assert split(text, SHOWN) == (NO_METADATA, text)


@pytest.mark.parametrize("text, error", [
    ("---\ntitle: 新製品: 全固体電池\n---\n本文。",
     "seeds/x.md:2: front matter is not valid YAML: mapping values are not allowed in this context"),
    ("---\ntitle: ゼータ製薬\n本文はここから。\n",
     "seeds/x.md:1: the front matter opened by this '---' is never closed: end it with a line '---'"),
    ("---\ntitle:ゼータ製薬\n---\n本文。",
     "seeds/x.md:2: front matter must be 'key: value' lines (with a space after the colon)"),
    ("---\ntitle: ゼータ製薬\nsource: テスト通信\n---\n本文。",
     "seeds/x.md:3: unknown front matter key 'source' (allowed: title, date, publisher, url, author, tags)"),
    ("---\ntitle: x\n? [a, b]\n: c\n---\n本文。",
     "seeds/x.md:3: unknown front matter key '[a, b]' (allowed: title, date, publisher, url, author, tags)"),
    ("---\ntags: [電池]\ntitle: 一つ目\ntitle: 二つ目\n---\n本文。",
     "seeds/x.md:4: 'title' is written twice in the front matter; keep one"),
    ("---\n# メモ\n\ntitle: x\ndate: 27 Jan\n---\n本文。",
     "seeds/x.md:5: date '27 Jan' is not a date (write 2025-01-28, 2025-01-28T10:15:00+09:00 or 2025年1月28日)"),
    ("---\ndate: 2025-02-30\n---\n本文。",
     "seeds/x.md:2: date '2025-02-30' is not a date (write 2025-01-28, 2025-01-28T10:15:00+09:00 or 2025年1月28日)"),
    ("---\ndate: [2025-01-28, 2025-01-29]\n---\n本文。", "seeds/x.md:2: date must be one date, not a list"),
    ("---\ntitle: [ミライ電池, 量産]\n---\n本文。", "seeds/x.md:2: title must be text, not a list"),
    ("---\ntitle: x\npublisher:\n  name: テスト通信\n---\n本文。", "seeds/x.md:4: publisher must be text, not a mapping"),
    ("---\nauthor:\n  - 山田花子\n  - [佐藤, 一郎]\n---\n本文。",
     "seeds/x.md:4: author must be a name or a list of names, not a list"),
    ("---\ntags: {電池: 量産}\n---\n本文。", "seeds/x.md:2: tags must be text or a list of text, not a mapping"),
    ("---\nurl: example.com/news/1\n---\n本文。",
     "seeds/x.md:2: url 'example.com/news/1' is not an http(s) address (https://…)"),
    ("---\nurl: ftp://example.com/news/1\n---\n本文。",
     "seeds/x.md:2: url 'ftp://example.com/news/1' is not an http(s) address (https://…)"),
    ("---\nurl: [https://example.com/a]\n---\n本文。", "seeds/x.md:2: url must be one address, not a list"),
    ("---\ntitle: ok\ntags: [a\x07]\n---\n本文。",
     "seeds/x.md:3: front matter is not valid YAML: unacceptable character #x0007: control characters are not allowed"),
])
def test_mistakes_name_the_file_and_line(text, error):
    with pytest.raises(InputError) as caught:
        split(text, SHOWN)
    assert str(caught.value) == error


@pytest.mark.parametrize("text, line", [
    ("---\ntitle: 青葉電機が新工場\ntags: [電池, 工場\npublisher: 東北経済新聞\n---\n本文。", 3),  # the bracket opened here
    ('---\ntitle: "青葉電機が新工場\ndate: 2025-01-28\n---\n本文。', 2),  # the quote opened here
])
def test_an_unclosed_bracket_or_quote_is_reported_where_it_opens(text, line):
    with pytest.raises(InputError) as err:
        split(text, SHOWN)
    assert str(err.value).startswith(f"{SHOWN}:{line}: front matter is not valid YAML")
