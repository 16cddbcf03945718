"""Saved web pages: main text, structure, metadata and encoding from the fixture pages in
tests/fixtures/html/ (written for these tests; the legacy-encoded ones by legacy.py there)."""

import importlib.util
import socket
from datetime import date, timedelta

import pytest
from conftest import TESTS

from builder.errors import InputError
from builder.read.html import read_html
from builder.read.plain import titled as titled_blocks

FIXTURES = TESTS / "fixtures" / "html"
PAGES = sorted(p.name for p in FIXTURES.glob("*.html"))


def read(name: str):
    return read_html((FIXTURES / name).read_bytes(), f"seeds/{name}")


def texts(blocks, kind=None):
    return [text for k, text in blocks if kind in (None, k)]


def body(blocks) -> str:
    return "\n".join(texts(blocks))


def assert_absent(blocks, *furniture):
    text = body(blocks)
    for piece in furniture:
        assert piece not in text, piece


def legacy_module():
    spec = importlib.util.spec_from_file_location("legacy_pages", FIXTURES / "legacy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_there_are_fixture_pages():
    assert {"news_site.html", "jsonld_article.html", "shift_jis.html", "euc_jp.html", "related_dates.html"} <= set(PAGES)


# --- (1) a news site's page: navigation, share buttons, breadcrumbs, related list, comments, footer

def test_news_site_metadata():
    meta, _, encoding = read("news_site.html")
    assert meta.title == "潮見ロボティクス、倉庫向け自律搬送ロボを量産へ 月産500台体制"
    assert meta.date == "2025-03-14" and meta.date_from == "html"  # article:published_time, not modified_time
    assert meta.publisher == "みなと経済新聞"
    # the canonical link, not og:url with its share-tracking query
    assert meta.url == "https://www.minato-keizai.example/articles/robotics-amr-mass-production"
    assert meta.author == "佐伯 涼"
    assert meta.tags == ("ロボット", "物流", "製造業", "テクノロジー")  # keywords split, article tags and section once each
    assert encoding == "UTF-8"


def test_news_site_main_text_and_structure():
    _, blocks, _ = read("news_site.html")
    assert blocks[0] == ("paragraph", texts(blocks)[0])
    assert blocks[0][1].startswith("産業用ロボットを手がける潮見ロボティクス（横浜市）は14日")
    assert texts(blocks, "heading") == ["人手不足が追い風に", "価格競争は激しさを増す"]
    assert texts(blocks, "list_item") == ["導入費用を抑える月額制のレンタルプランの開始",
                                          "既存の倉庫管理システムとつなぐ接続キットの無償提供", "全国8カ所への保守拠点の新設"]
    assert texts(blocks)[-1] == "潮見ロボティクスは部品の共通化で製造原価を2割下げ、1台あたりの価格を従来機より15％安い380万円に設定した。"
    assert "同社の真鍋浩一社長は記者会見で「中堅の倉庫会社からの引き合いが1年前の2倍に増えた」と述べた。" in body(blocks)
    assert len(blocks) == 11
    # the title is not repeated as the first block (plain.parse puts it first)
    assert "潮見ロボティクス、倉庫向け自律搬送ロボを量産へ" not in texts(blocks)[0]


def test_news_site_furniture_is_left_out():
    _, blocks, _ = read("news_site.html")
    assert_absent(blocks,
                  "記事を検索", "ログイン", "会員登録", "マーケット", "オピニオン", "ホーム",  # header, navigation, breadcrumbs
                  "ポストする", "シェアする", "はてなブックマーク", "LINEで送る", "リンクをコピー", "ニュースレター",  # share, follow
                  "関連記事", "倉庫作業の自動化", "井波電子", "運転手の残業規制から1年",  # related articles
                  "アクセスランキング", "平均株価", "地方銀行の再編",  # ranking
                  "コメント", "導入を検討したいと思います",  # comments
                  "会社概要", "プライバシーポリシー", "利用規約", "Copyright", "All rights reserved")  # footer


# --- (2) metadata in JSON-LD NewsArticle, little else

def test_json_ld_metadata():
    meta, _, encoding = read("jsonld_article.html")
    assert meta.title == "白樺製薬、新しい花粉症治療薬の治験を最終段階へ"  # headline, not <title> (the site's name)
    assert meta.date == "2024-11-05"  # datePublished; dateModified is 2024-11-08
    assert meta.publisher == "北辰テックジャーナル"
    assert meta.author == "山科 奈緒"
    assert meta.url == "https://hokushin-tech.example/news/2024/shirakaba-pollen"  # JSON-LD's url (no canonical link or og:url)
    assert meta.tags == ()
    assert encoding == "UTF-8"


def test_json_ld_page_tables_quotes_and_nested_lists():
    _, blocks, _ = read("jsonld_article.html")
    assert texts(blocks, "heading") == ["承認申請は2027年を目指す"]
    # a nested list comes right after its item, in reading order
    assert texts(blocks, "list_item") == ["全国40の医療機関で患者を募る", "対象は18歳以上の患者", "重いぜんそくのある人は除く",
                                          "12週間にわたり毎日服用してもらう"]
    rows = ["段階 | 対象 | 時期", "第2相試験 | 約300人 | 2023年", "第3相試験 | 約900人 | 2025〜2026年"]
    quote = "「患者さんが季節を楽しめるようにすることが私たちの目標です」（白樺製薬の発表資料より）"
    paragraphs = texts(blocks, "paragraph")
    assert all(row in paragraphs for row in rows) and quote in paragraphs
    assert paragraphs.index(rows[0]) < paragraphs.index(quote) < paragraphs.index("花粉症の患者は国内で4000万人を超えるとされ、市場の拡大が見込まれている。")
    assert all("<" not in text and ">" not in text for text in texts(blocks))


# --- (3) and (4) pages saved in legacy encodings

def test_legacy_pages_are_what_their_generator_writes():
    legacy = legacy_module()
    for name in legacy.PAGES:
        raw = (FIXTURES / name).read_bytes()
        assert raw == legacy.page_bytes(name), f"run python tests/fixtures/html/legacy.py ({name} is stale)"
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")


def test_shift_jis_page():
    meta, blocks, encoding = read("shift_jis.html")
    assert encoding == "CP932 (Shift_JIS)"  # declared in an http-equiv meta
    assert meta.title == "雪室熟成の日本酒、輸出が過去最高に"  # the <title> without its " | 北国新報"
    assert meta.date == "2024-12-05"  # <time datetime> in the article
    assert meta.publisher == "北国新報社"  # the copyright meta
    assert meta.url == "https://www.kitaguni-shimpo.example/news/1205a.html"  # the "saved from url" comment
    text = body(blocks)
    assert "髙田 美咲" in text  # 髙 exists in CP932, not in plain Shift_JIS
    assert "雪を詰めた貯蔵庫「雪室」で熟成させた日本酒の輸出が伸びている。" in text
    # lines separated by <br> are blocks of their own
    assert ("paragraph", "① 海外の飲食店向けの試飲会を年4回開く") in blocks
    assert ("paragraph", "② 雪室の見学ツアーを外国人旅行者向けに整える") in blocks
    assert texts(blocks)[-1].endswith("と話している。")
    # the menu in the layout table's other cell, the related news and the footer are left out
    assert_absent(blocks, "トップページ", "県内ニュース", "スポーツ", "天気予報", "おくやみ",
                  "関連ニュース", "酒米の作付け", "雪まつり", "無断転載", "Copyright")


def test_euc_jp_page():
    meta, blocks, encoding = read("euc_jp.html")
    assert encoding == "EUC-JP"
    assert meta.title == "棚田米のオーナー制度、申し込みが定員の2倍に"
    assert meta.date == "2023-06-20"
    assert meta.publisher == "山あい日報"
    assert meta.url == "https://yamaai-nippo.example/articles/tanada-owner"
    assert [kind for kind, _ in blocks] == ["heading"] + ["paragraph"] * 3
    titled = titled_blocks(meta.title, blocks)  # as read_article puts the title first
    assert [kind for kind, _ in titled] == ["title"] + ["paragraph"] * 3  # the <h1> repeating the title is not a second one
    assert texts(blocks)[1].startswith("山間部の棚田を守るため、水沢町が始めた「棚田オーナー制度」に")
    assert_absent(blocks, "ホーム", "くらし", "ツイート", "いいね", "シェア", "(c)")


# --- (5) other articles' dates on the page

def test_the_articles_own_date_wins_over_related_articles_dates():
    meta, blocks, _ = read("related_dates.html")
    assert meta.date == "2025-01-20"  # not 2024-11-12, the oldest related article's
    assert meta.author is None  # trafilatura's author here is "（", left of the byline
    assert meta.publisher == "東雲ビジネス"
    assert len(blocks) == 3 and texts(blocks)[2] == "同行の千葉祐介頭取は「取引先の脱炭素を支えることが地域経済の競争力につながる」と述べた。"
    assert_absent(blocks, "この記事を読んだ人は", "地銀の決算", "省エネ補助金", "最新ニュース", "住宅ローン金利",
                  "運営会社", "Shinonome")


def test_no_date_is_guessed_from_other_articles():
    raw = (FIXTURES / "related_dates.html").read_bytes()
    own = '<time datetime="2025-01-20T17:05:00+09:00">2025年1月20日 17時05分</time>'.encode()
    assert own in raw
    meta, blocks, _ = read_html(raw.replace(own, b""), "seeds/undated.html")
    assert meta.date is None and meta.date_from is None
    assert len(blocks) == 3


# --- dates do not depend on the day of the build

def page_published(day: str) -> bytes:
    return f"""<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">
<title>青葉電機、新型の家庭用蓄電池を発売 | テスト経済</title>
<meta property="article:published_time" content="{day}T10:00:00+09:00">
</head><body><article><h1>青葉電機、新型の家庭用蓄電池を発売</h1>
<p>家電中堅の青葉電機は、停電時に冷蔵庫や照明を丸一日動かせる家庭用蓄電池を発売すると発表した。</p>
<p>価格は税込み48万円で、自治体の補助金を使えば実質30万円台で導入できるという。</p>
</article></body></html>""".encode()


def test_a_date_after_today_is_kept_and_the_result_is_the_same_every_time():
    future = (date.today() + timedelta(days=400)).isoformat()  # htmldate's default limit is today
    raw = page_published(future)
    first, second = read_html(raw, "seeds/future.html"), read_html(raw, "seeds/future.html")
    assert first[0].date == future
    assert first == second


@pytest.mark.parametrize("name", PAGES)
def test_same_bytes_same_result(name):
    assert read(name) == read(name)


def test_pages_are_read_without_the_network(no_network):
    for name in PAGES:
        read(name)
    with pytest.raises(InputError):  # a "page" that is only an address is not fetched
        read_html(b"https://www.minato-keizai.example/articles/robotics-amr-mass-production", "seeds/address.html")


# --- declared charsets that are wrong or unknown

ARTICLE = """<html><head><meta {declaration}><title>雪室の日本酒</title></head><body><article>
<p>雪を詰めた貯蔵庫で熟成させた日本酒の輸出が伸びている。県酒造組合のまとめでは、上期の輸出量は過去最高を更新した。</p>
<p>輸出先の首位は台湾で、香港、米国が続く。</p></article></body></html>"""
SENTENCE = "雪を詰めた貯蔵庫で熟成させた日本酒の輸出が伸びている。県酒造組合のまとめでは、上期の輸出量は過去最高を更新した。"


@pytest.mark.parametrize(("declaration", "codec", "expected"), [
    ('charset="Shift_JIS"', "utf-8", "UTF-8"),  # converted to UTF-8, old declaration kept
    ('http-equiv="Content-Type" content="text/html; charset=EUC-JP"', "cp932", "CP932 (Shift_JIS)"),
    ('charset="utf-8"', "euc_jp", "EUC-JP"),
    ('charset="x-unknown-japanese"', "cp932", "CP932 (Shift_JIS)"),  # unknown to Python: detected
    ('charset="windows-31j"', "cp932", "CP932 (Shift_JIS)"),
    ('charset="x-sjis"', "cp932", "CP932 (Shift_JIS)"),
])
def test_wrong_or_unknown_declared_charset_falls_back_to_detection(declaration, codec, expected):
    meta, blocks, encoding = read_html(ARTICLE.format(declaration=declaration).encode(codec), "seeds/p.html")
    assert encoding == expected
    assert texts(blocks)[0] == SENTENCE and meta.title == "雪室の日本酒"


def test_utf8_bytes_that_also_pass_for_cp932_are_utf8():
    """UTF-8 Japanese can be valid CP932 (as mojibake): the stale declaration must not win."""
    page = ('<html><head><meta charset="Shift_JIS"><title>日本の株価は最高値を更新</title></head><body><article>'
            "<h1>日本の株価は最高値を更新</h1><p>日本の株価は最高値を更新 (新年の日本株は最高値)</p>"
            "<p>新社長の発表: 電池の新工場</p><p>雪の港湾で米を輸出</p></article></body></html>")
    raw = page.encode("utf-8")
    raw.decode("cp932")  # strictly: no error
    meta, blocks, encoding = read_html(raw, "seeds/p.html")
    assert encoding == "UTF-8" and meta.title == "日本の株価は最高値を更新"
    assert texts(titled_blocks(meta.title, blocks)) == [
        "日本の株価は最高値を更新", "日本の株価は最高値を更新 (新年の日本株は最高値)", "新社長の発表: 電池の新工場", "雪の港湾で米を輸出"]


def test_a_declared_charset_reads_what_detection_would_refuse():
    """A table of figures and names has almost no kana, so `decode` alone does not take it for
    Japanese; its declaration says Shift_JIS, read as CP932 (for ① and 髙)."""
    page = ('<html><head><meta charset="Shift_JIS"><title>決算速報</title></head><body><table>'
            "<tr><th>項目</th><th>数値</th></tr><tr><td>①売上高</td><td>1200億円</td></tr>"
            "<tr><td>②営業利益</td><td>85億円</td></tr><tr><td>③担当</td><td>髙橋常務</td></tr></table></body></html>")
    meta, blocks, encoding = read_html(page.encode("cp932"), "seeds/figures.html")
    assert encoding == "CP932 (Shift_JIS)" and meta.title == "決算速報"
    assert texts(blocks) == ["項目 | 数値", "①売上高 | 1200億円", "②営業利益 | 85億円", "③担当 | 髙橋常務"]


def test_bom_wins_over_the_declaration():
    raw = b"\xef\xbb\xbf" + ARTICLE.format(declaration='charset="Shift_JIS"').encode("utf-8")
    assert read_html(raw, "seeds/p.html")[2] == "UTF-8"


@pytest.mark.parametrize(("declaration", "words"), [
    ('charset="x-unknown-japanese"', ["x-unknown-japanese", "does not know"]),
    ('charset="Shift_JIS"', ["not Shift_JIS text as the page declares", "byte 0x"]),
])
def test_bytes_that_fit_no_encoding_are_one_line_errors(declaration, words):
    raw = ARTICLE.format(declaration=declaration).encode("ascii", "replace").replace(b"?", b"\x81 ", 5)  # 0x81 then a space: no encoding has it
    with pytest.raises(InputError) as err:
        read_html(raw, "seeds/bad.html")
    message = str(err.value)
    assert message.startswith("seeds/bad.html") and "\n" not in message
    assert all(word in message for word in words), message


# --- files that are not web pages, or pages without an article

@pytest.mark.parametrize(("raw", "message"), [
    (b"", "empty"),
    (b"  \n\t\n", "empty"),
    ("これはウェブページではなく、ただの文章です。\n二行目です。".encode(), "not a web page"),
    (b"https://www.minato-keizai.example/", "not a web page"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "not UTF-8"),
    (b"<!DOCTYPE html><html><head><title>t</title></head><body></body></html>", "no article text found in this page"),
    (b"<html><head><script>var a = 1;</script></head><body><img src='a.png'></body></html>", "no article text found"),
])
def test_not_an_article_is_an_input_error(raw, message, no_network):
    with pytest.raises(InputError) as err:
        read_html(raw, "seeds/x.html")
    assert message in str(err.value) and "\n" not in str(err.value)
    assert str(err.value).startswith("seeds/x.html")


def test_a_fragment_without_html_element_is_read():
    """trafilatura refuses markup without <html> that has a single top element."""
    raw = "<div class=\"article\"><p>これは保存された記事の本文です。段落が続きます。</p></div>".encode()
    meta, blocks, _ = read_html(raw, "seeds/fragment.html")
    assert meta.title is None and blocks == [("paragraph", "これは保存された記事の本文です。段落が続きます。")]


@pytest.mark.parametrize("canonical", ["javascript:alert(1)", "data:text/html,x", "/articles/1"])
def test_an_address_that_is_not_a_web_address_is_not_kept(canonical):
    page = ('<html><head><title>港北精機が新工場</title><meta property="og:url" content="javascript:alert(1)">'
            f'<link rel="canonical" href="{canonical}"></head><body><article><h1>港北精機が新工場</h1>'
            "<p>港北精機は3日、新工場の建設を始めたと発表した。生産能力は2倍になる見込みだ。</p></article></body></html>")
    meta, _, _ = read_html(page.encode(), "seeds/p.html")
    assert meta.url is None
