"""End to end: every kind of file a user really has, through `musubi build` to `site/kb.json`.

Each test builds a small project in a temporary folder through the real CLI (relative paths, run
in that folder, so that the log and the errors say `seeds/x.txt` as a user sees them) and checks
what it finds in `site/kb.json`, in `content/sources/<id>.yaml` and on the source page.

The articles are written for these tests (invented companies and people): readable UTF-8 files
in tests/fixtures/inputs/, and the saved web pages of tests/fixtures/html/. Every variant a user's
editor or browser makes of them — CRLF, CR, a BOM, CP932, EUC-JP, Latin-1, binary garbage, a
3 MB article — is made from them here, so the fixtures stay readable.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import run_cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
INPUTS = FIXTURES / "inputs"
HTML = FIXTURES / "html"
BUILD = ("build", "--seeds", "seeds", "--content", "content", "--out", "site")
ARTICLE_SUFFIXES = ".txt, .md, .markdown, .html, .htm"
BOM = b"\xef\xbb\xbf"
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --- helpers ------------------------------------------------------------------------------------

def fixture(name: str) -> str:
    return (INPUTS / name).read_text(encoding="utf-8")


def write_seeds(where: Path, files: dict[str, str | bytes]) -> None:
    seeds = where / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (seeds / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def build(where: Path, *extra: str):
    return run_cli(*BUILD, *extra, cwd=where)


def built(where: Path, files: dict[str, str | bytes], *extra: str):
    """Write `files` into where/seeds, build, and return (the CLI's result, kb.json)."""
    write_seeds(where, files)
    result = build(where, *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result, kb_of(where)


def kb_of(where: Path) -> dict:
    return json.loads((where / "site" / "kb.json").read_text(encoding="utf-8"))


def record(where: Path, source_id: str) -> dict:
    return yaml.load((where / "content" / "sources" / f"{source_id}.yaml").read_text(encoding="utf-8"), Loader=Loader)


def source(kb: dict, source_id: str) -> dict:
    found = [s for s in kb["sources"] if s["id"] == source_id]
    assert len(found) == 1, [s["id"] for s in kb["sources"]]
    return found[0]


def meta(kb: dict, source_id: str) -> dict:
    """What kb.json says about a source besides its id and addresses."""
    s = source(kb, source_id)
    return {k: s[k] for k in ("title", "date", "date_from", "publisher", "original_url", "author", "tags", "format")}


def entities_in(kb: dict, source_id: str | None = None) -> set[tuple[str, str]]:
    """(name, type) of the entities kb.json lists (those mentioned in `source_id`, if given)."""
    return {(e["name"], e["type"]) for e in kb["entities"] if source_id is None or source_id in e["sources"]}


def mentions(kb: dict, source_id: str) -> list[tuple[int, int, str, str]]:
    """Every mention kb.json lists in one source: (start, end, text, entity name), in order."""
    return sorted((m["start"], m["end"], m["text"], e["name"]) for e in kb["entities"] for m in e["mentions"]
                  if m["source"] == source_id)


def assert_offsets(where: Path, kb: dict) -> None:
    """Every mention in kb.json and in the source records points at its text in the stored text."""
    texts = {s["id"]: record(where, s["id"]) for s in kb["sources"]}
    checked = 0
    for e in kb["entities"]:
        for m in e["mentions"]:
            assert texts[m["source"]]["text"][m["start"]:m["end"]] == m["text"], (e["name"], m)
            checked += 1
    for rec in texts.values():
        for m in rec["mentions"]:
            assert rec["text"][m["start"]:m["end"]] == m["text"], m
        for b in rec["blocks"]:
            assert 0 <= b["start"] < b["end"] <= len(rec["text"]) and "\n" not in rec["text"][b["start"]:b["end"]], b
    assert checked


def blocks(rec: dict) -> list[tuple[str, str]]:
    return [(b["kind"], rec["text"][b["start"]:b["end"]]) for b in rec["blocks"]]


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def digest(folder: Path) -> str:
    return hashlib.sha256(repr(sorted(tree_bytes(folder).items())).encode()).hexdigest()


def snapshot(where: Path) -> tuple[str, str]:
    return digest(where / "site"), digest(where / "content")


def assert_refused(where: Path, name: str, data: bytes, expected: str) -> None:
    """Add seeds/`name` to a project that built, rebuild: exit code 1, `expected` as the only
    line on stderr, and site/ and content/ exactly as they were."""
    before, entries = snapshot(where), sorted(p.name for p in where.iterdir())
    (where / "seeds" / name).write_bytes(data)
    result = build(where)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr == expected + "\n", result.stderr
    assert snapshot(where) == before
    assert sorted(p.name for p in where.iterdir()) == entries  # no half-written folders left beside them


def source_page_body(where: Path, source_id: str) -> str:
    page = (where / "site" / "sources" / f"{source_id}.html").read_text(encoding="utf-8")
    m = re.search(r'<div class="body">\n(.*?)\n</div>\n</article>', page, re.DOTALL)
    assert m, page[:2000]
    return m.group(1)


def without_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.fixture(scope="module")
def good_project(tmp_path_factory) -> Path:
    """A project that built: the battery article in seeds/, content/ and site/ made from it."""
    where = tmp_path_factory.mktemp("good")
    built(where, {"battery.txt": fixture("battery.txt")})
    return where


@pytest.fixture
def project(good_project, tmp_path) -> Path:
    """A copy of `good_project` (timestamps kept) to break."""
    where = tmp_path / "project"
    shutil.copytree(good_project, where)
    return where


# --- the battery article: one text, every way it is saved ---------------------------------------

BATTERY_ENTITIES = {("青葉電機", "company"), ("仙台市", "place"), ("宮城県", "place"), ("大崎市", "place"),
                    ("森田健太", "person"), ("髙野精機", "company"), ("ノヴァテック", "company")}
BATTERY_META = {"title": "青葉電機、家庭用蓄電池の新工場を建設へ", "date": "2025-01-28", "date_from": "text",
                "publisher": "東北経済新聞", "original_url": "https://tohoku-keizai.example/news/aoba-battery",
                "author": None, "tags": [], "format": "text"}
BATTERY_BLOCKS = [
    ("title", "青葉電機、家庭用蓄電池の新工場を建設へ"),
    ("paragraph", "家電中堅の青葉電機（仙台市）は27日、宮城県大崎市に家庭用蓄電池の新工場を建設すると発表した。投資額は約120億円で、2026年度の稼働を目指す。"),
    ("paragraph", "同社の森田健太社長は記者会見で「需要は今後も伸びる」と述べた。"),
    ("heading", "新工場の概要"),
    ("list_item", "年産能力は①家庭用20万台、②業務用5万台とする"),
    ("list_item", "主要部品は協力会社の髙野精機㈱が供給する"),
    ("paragraph", "蓄電池の市場には海外勢も参入しており、価格競争が激しい。米半導体大手のノヴァテックも昨年、同様の製品を発表した。"),
    ("source", "Source: 東北経済新聞"),
]


def mixed_endings(text: str) -> bytes:
    """`text` with its line breaks CRLF, LF and CR in turn (an article pasted together from three
    editors); a CR is never followed by the LF of an empty line, which would make one CRLF."""
    out = []
    lines = text.split("\n")
    for n, line in enumerate(lines[:-1]):
        ending = ("\r\n", "\n", "\r")[n % 3]
        if ending == "\r" and lines[n + 1] == "":
            ending = "\r\n"
        out.append(line + ending)
    out.append(lines[-1])
    raw = "".join(out).encode("utf-8")
    assert b"\r\n" in raw and re.search(rb"[^\r]\n", raw) and re.search(rb"\r[^\n]", raw)
    return raw


LINE_ENDINGS = {
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "crlf-bom": lambda t: BOM + t.replace("\n", "\r\n").encode("utf-8"),
    "lf-bom": lambda t: BOM + t.encode("utf-8"),
    "cr": lambda t: t.replace("\n", "\r").encode("utf-8"),
    "mixed": mixed_endings,
}


@pytest.fixture(scope="module")
def lf_build(tmp_path_factory):
    """The battery article as UTF-8 with LF line endings: what every other variant must give."""
    where = tmp_path_factory.mktemp("lf")
    _, kb = built(where, {"a.txt": fixture("battery.txt")})
    extract = run_cli("extract", "seeds/a.txt", cwd=where)
    assert extract.returncode == 0, extract.stderr
    return where, kb, json.loads(extract.stdout)


def test_the_lf_article_itself(lf_build):
    where, kb, _ = lf_build
    assert meta(kb, "a") == BATTERY_META
    assert entities_in(kb) == BATTERY_ENTITIES
    rec = record(where, "a")
    assert rec["text"] == fixture("battery.txt") and rec["encoding"] == "UTF-8"
    assert blocks(rec) == BATTERY_BLOCKS
    assert [(d["text"], d["date"]) for d in rec["dates"]] == [("2025年1月28日", "2025-01-28"), ("27日", "2025-01-27")]
    assert_offsets(where, kb)


@pytest.mark.parametrize("variant", LINE_ENDINGS)
def test_line_endings(tmp_path, lf_build, variant):
    """CRLF (Windows), with and without a BOM, CR alone (classic Mac OS), all three in one file:
    the build succeeds (it used to crash in the tokeniser with an IndexError on a CR), the text
    is stored with LF only, and everything — records, pages, kb.json, extract's offsets — is what
    the LF file gives."""
    lf_where, lf_kb, lf_extract = lf_build
    raw = LINE_ENDINGS[variant](fixture("battery.txt"))
    assert (b"\r" in raw) == (variant != "lf-bom")
    _, kb = built(tmp_path, {"a.txt": raw})
    rec = record(tmp_path, "a")
    assert "\r" not in rec["text"] and "\ufeff" not in rec["text"]
    assert rec["text"] == fixture("battery.txt")
    assert meta(kb, "a") == BATTERY_META
    assert entities_in(kb) == BATTERY_ENTITIES
    assert mentions(kb, "a") == mentions(lf_kb, "a")
    assert blocks(rec) == BATTERY_BLOCKS
    assert_offsets(tmp_path, kb)
    # the same article in the same place: the whole output is the LF file's, byte for byte
    assert tree_bytes(tmp_path / "content") == tree_bytes(lf_where / "content")
    assert tree_bytes(tmp_path / "site") == tree_bytes(lf_where / "site")
    # `musubi extract` counts in the same decoded text
    extract = run_cli("extract", "seeds/a.txt", cwd=tmp_path)
    assert extract.returncode == 0, extract.stderr
    found = json.loads(extract.stdout)
    assert found["mentions"] == lf_extract["mentions"]
    # the file's own text is not what the offsets count in: the line carries the text they do
    assert found.get("text") == (rec["text"] if b"\r" in raw else None)
    for m in found["mentions"]:
        assert rec["text"][m["start"]:m["end"]] == m["text"]
    assert {("company", "青葉電機"), ("date", "27日"), ("money", "約120億円")} <= {(m["type"], m["text"]) for m in found["mentions"]}


# --- legacy Japanese encodings ------------------------------------------------------------------

# EUC-JP has neither the circled digits nor the NEC/IBM extensions of CP932 (①, ㈱, 髙)
EUC_TEXT = fixture("battery.txt").replace("①", "(1)").replace("②", "(2)").replace("㈱", "(株)").replace("髙", "高")

LEGACY = {
    # name: (text, bytes, the encoding the build log names)
    "cp932": (fixture("battery.txt"), fixture("battery.txt").encode("cp932"), "CP932 (Shift_JIS)"),
    "cp932-crlf": (fixture("battery.txt"), fixture("battery.txt").replace("\n", "\r\n").encode("cp932"), "CP932 (Shift_JIS)"),
    "euc-jp": (EUC_TEXT, EUC_TEXT.encode("euc_jp"), "EUC-JP"),
}


@pytest.mark.parametrize("variant", LEGACY)
def test_legacy_encodings(tmp_path, variant):
    """A file saved by an older Windows editor (CP932, with ① ㈱ 髙 from its extensions) or a Unix
    one (EUC-JP) builds as its UTF-8 twin does, and the log says how it was read."""
    text, raw, name = LEGACY[variant]
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    if variant.startswith("cp932"):
        with pytest.raises(UnicodeEncodeError):
            text.encode("shift_jis")  # ① ㈱ 髙 are CP932's own: plain Shift_JIS has none of them
    utf8_result, utf8_kb = built(tmp_path / "utf8", {"a.txt": text})
    result, kb = built(tmp_path / "legacy", {"a.txt": raw})
    assert [line for line in result.stdout.splitlines() if line.startswith("  read ")] == [f"  read     seeds/a.txt as {name}"]
    assert not [line for line in utf8_result.stdout.splitlines() if line.startswith("  read ")]  # UTF-8 is not named
    rec, utf8_rec = record(tmp_path / "legacy", "a"), record(tmp_path / "utf8", "a")
    assert rec["text"] == text and rec["encoding"] == name and utf8_rec["encoding"] == "UTF-8"
    assert {k: v for k, v in rec.items() if k != "encoding"} == {k: v for k, v in utf8_rec.items() if k != "encoding"}
    assert entities_in(kb) == entities_in(utf8_kb)
    assert mentions(kb, "a") == mentions(utf8_kb, "a")
    assert meta(kb, "a") == meta(utf8_kb, "a") == BATTERY_META
    assert_offsets(tmp_path / "legacy", kb)
    if variant.startswith("cp932"):
        assert entities_in(kb) == BATTERY_ENTITIES
        assert ("list_item", "年産能力は①家庭用20万台、②業務用5万台とする") in blocks(rec)
        assert "髙野精機㈱" in without_tags(source_page_body(tmp_path / "legacy", "a"))


def test_names_written_with_cp932_kanji_are_found_whole(tmp_path):
    """髙 (the 'ladder' 高) and 﨑 are how many people write their names, and what a CP932 file
    carries: a person named with them is found as the whole name, like 高橋 and 崎 are."""
    text = ("髙野精機、検査装置の新工場\n"
            "髙野精機（岡山市）の髙橋一郎社長は27日、記者会見で新工場の建設を発表した。\n"
            "同社の山﨑恵子専務は「海外の顧客からの引き合いが増えている」と述べた。\n")
    _, kb = built(tmp_path, {"a.txt": text.encode("cp932")})
    assert {("髙野精機", "company"), ("髙橋一郎", "person"), ("山﨑恵子", "person"), ("岡山市", "place")} <= entities_in(kb)
    assert not {("一郎", "person"), ("恵子", "person")} & entities_in(kb)


# --- files that are not text ----------------------------------------------------------------------

LATIN1 = "Menu du jour\nEntrée : soupe à l'oignon\nPlat : bœuf bourguignon\n".replace("œ", "oe")


def garbage() -> bytes:
    """Two short ASCII lines, then random bytes from 0xff on (a byte UTF-8 never has)."""
    rng = random.Random(20250128)
    return b"GIF-like header\nsize 4096\n\xff" + bytes(rng.randrange(256) for _ in range(4095))


@pytest.mark.parametrize("name, data, expected", [
    ("latin1.txt", LATIN1.encode("latin-1"),
     "seeds/latin1.txt:2: not UTF-8 text (byte 0xe9), nor Japanese in Shift_JIS or EUC-JP; save the article as UTF-8"),
    ("garbage.txt", garbage(),
     "seeds/garbage.txt:3: not UTF-8 text (byte 0xff), nor Japanese in Shift_JIS or EUC-JP; save the article as UTF-8"),
    # Windows Notepad's "Unicode": UTF-16 with a byte-order mark, which musubi does not read
    ("notepad.txt", fixture("battery.txt").replace("\n", "\r\n").encode("utf-16"),
     "seeds/notepad.txt:1: not UTF-8 text (byte 0xff), nor Japanese in Shift_JIS or EUC-JP; save the article as UTF-8"),
], ids=["latin-1", "binary", "utf-16"])
def test_text_that_is_not_japanese_stops_the_build(project, name, data, expected):
    assert_refused(project, name, data, expected)


# --- a very long article ----------------------------------------------------------------------------

COMPANIES = ["青葉電機", "白鷺精機", "朱鷺ロボティクス", "ミナセ化学", "コトブキ食品", "カナメ製作所", "ツバキ電子", "ナギサ銀行",
             "ソヨカ通信", "千早建設"]
PEOPLE = ["森田健太", "早川真理", "桐谷俊介", "宮下陽子", "久保田誠", "南雲彩花", "藤波直樹", "関口美穂"]
TITLES = ["社長", "会長", "専務"]
PLACES = ["仙台市", "新潟市", "金沢市", "静岡市", "岡山市", "熊本市", "函館市", "高松市"]
PRODUCTS = ["家庭用蓄電池", "産業用ロボット", "冷凍食品", "半導体の検査装置", "小型風力発電機", "医療用の樹脂部品",
            "物流倉庫の管理システム", "電動アシスト自転車", "業務用の空調機", "発酵調味料", "工作機械", "住宅用の断熱材"]
QUOTES = ["需要は想定以上に強い", "地域の雇用を守りたい", "品質を最優先に生産を進める", "来期には黒字化できる",
          "提携の幅を広げていく", "価格より使いやすさで選ばれたい", "海外の顧客からの引き合いが増えている",
          "若い技術者が働きたくなる工場にする", "電気代の上昇は製品価格に転嫁せざるを得ない"]
HEADINGS = ["業績の動向", "新工場の概要", "各社の対応", "今後の見通し", "地元の反応", "設備投資の動き", "人材の確保", "海外展開"]
# a sentence about a company ({c}) may open with one of these: with the sentences below, several
# hundred distinct sentence shapes before names, places, products and numbers are filled in
OPENERS = ["関係者によると、", "円安が追い風となるなか、", "原材料価格の高止まりが続くなか、", "地元の期待が高まるなか、",
           "人手不足への対応を急ぐため、", "脱炭素の流れを受けて、", "競合の値下げに対抗し、", "取引先の要望を受けて、",
           "政府の補助金を活用し、", "海外市場の減速を見越して、", "業界再編の動きが強まるなか、", "株主からの要請を受け、"]
SENTENCES = [
    "{c}は{m}月{d}日、{place}に{product}の新工場を建設すると発表した。",
    "{c}の{p}{t}は記者会見で「{quote}」と述べた。",
    "投資額は約{n}億円で、{y}年度の稼働を目指す。",
    "{c}は{c2}と{product}の共同開発で提携すると明らかにした。",
    "{c}の{y}年3月期の連結純利益は前期比{pct}%増の{n}億円だった。",
    "{c}は{c2}から{product}の事業を約{n}億円で買収する。",
    "{p}{t}は「{quote}」と話し、{c2}との価格競争には加わらない考えを示した。",
    "{c}の株価は{m}月{d}日、前日比{pct}%高の{n}円で取引を終えた。",
    "市場関係者の間では、{c}と{c2}の競争が一段と激しくなるとの見方が広がっている。",
    "{c}は{place}の拠点で{n}人の従業員を新たに採用する計画だ。",
    "{c}によると、{product}の受注は前年の{pct}倍に増えたという。",
    "{c2}傘下の{c}も、同日に{product}の値上げを公表した。",
    "{c}や{c2}などの大手各社は、{product}向けの設備投資を拡大している。",
    "{place}の経済団体は、{c}の進出で地元に約{n}億円の経済効果があると試算した。",
    "{c}は{m}月から{product}の出荷を始め、初年度に{n}万台の販売を見込む。",
    "{c}の{p}{t}は、{y}年までに海外売上高の比率を{pct}%に高める目標を掲げた。",
    "一方で、原材料価格の上昇や人手不足が業績の重荷になるとの指摘もある。",
    "{c}は{place}で開いた説明会で、{product}の新製品を披露した。",
    "{c}は{m}月{d}日付で{p}氏が{t}に就任する人事を発表した。",
    "業界団体の統計では、{product}の国内出荷額は{y}年に{n}億円と過去最高を更新した。",
    "{c}の広報担当者は「{quote}」とコメントした。",
    "{c}は{c2}に{n}億円を出資し、{product}の販売網を共同で整える。",
    "{place}の工場では、{product}の生産ラインを{pct}本に増やす。",
    "{c}は{y}年度から{product}の価格を平均{pct}%引き上げると発表した。",
    "調査会社の試算では、{product}の世界市場は{y}年に{n}億ドル規模に達する見通しだ。",
    "{c}の{p}{t}は、{c2}との統合交渉について「現時点で決まったことはない」と述べた。",
    "{c}は{m}月{d}日、{place}の物流拠点を閉鎖し、業務を{c2}に委託すると明らかにした。",
    "同社は{product}の不具合を受け、約{n}万台を自主回収する。",
    "{c}の{p}{t}は{m}月{d}日、{place}の市長と面会し、工場の増設を説明した。",
    "{c}は{product}事業の営業利益率を{pct}%まで改善させる中期経営計画をまとめた。",
    "{c}は{place}の大学と組み、{product}の技術者を育てる講座を{m}月に開く。",
    "{c}の{y}年の売上高は{n}億円で、{product}が全体の{pct}%を占めた。",
    "{c}は{product}の生産を{place}に集約し、年間約{n}億円の費用を削減する。",
    "{c}は{m}月{d}日、{c2}との資本業務提携を解消すると発表した。",
    "{c}は環境負荷を減らすため、{place}の工場の電力をすべて再生可能エネルギーに切り替える。",
    "{c}の{p}{t}は、{product}の値上げについて「{quote}」と説明した。",
    "{c}は{y}年春までに{place}の本社を移転し、研究開発の拠点と一体にする。",
    "{c}は{product}の受注残が{n}億円に達し、納期が最長{pct}カ月に延びていると明らかにした。",
    "{c}は{m}月{d}日、{product}の販売で{c2}と合弁会社を設立すると発表した。",
    "{place}の商工会議所は、{c}の工場の新設を歓迎するとの声明を出した。",
]


def sentence(rng: random.Random) -> str:
    c, c2 = rng.sample(COMPANIES, 2)
    shape = rng.choice(SENTENCES)
    if shape.startswith("{c}") and rng.random() < 0.4:
        shape = rng.choice(OPENERS) + shape
    return shape.format(c=c, c2=c2, p=rng.choice(PEOPLE), t=rng.choice(TITLES), place=rng.choice(PLACES),
                        product=rng.choice(PRODUCTS), quote=rng.choice(QUOTES), y=rng.randint(2024, 2030),
                        m=rng.randint(1, 12), d=rng.randint(1, 28), n=f"{rng.randint(2, 9800):,}", pct=rng.randint(2, 45))


LONG_TITLE = "東北と北陸の製造業、設備投資の動向（全文）"


def long_article(size: int, seed: int, line_breaks: bool = True) -> str:
    """An article of at least `size` bytes of UTF-8: a title and a dateline, then paragraphs of 1 to
    12 sentences with headings between them, and now and then a paragraph of 3,000 sentences
    (some 150,000 characters) without a line break; without `line_breaks`, all on one line."""
    rng = random.Random(seed)
    if not line_breaks:
        parts, total = [LONG_TITLE + "。"], 0
        while total < size:
            parts.append(sentence(rng))
            total += len(parts[-1].encode("utf-8"))
        return "".join(parts)
    lines, total = [LONG_TITLE, "2025年1月28日 配信", ""], 0
    while total < size:
        if rng.random() < 0.1:
            lines += [rng.choice(HEADINGS), ""]
        paragraph = "".join(sentence(rng) for _ in range(rng.randint(1, 12) if rng.random() < 0.995 else 3000))
        lines += [paragraph, ""]
        total += len(paragraph.encode("utf-8")) + 2
    return "\n".join(lines)


LONG_ENTITIES = ({(c, "company") for c in COMPANIES} | {(p, "person") for p in PEOPLE} | {(p, "place") for p in PLACES}
                 | {("東北", "place"), ("北陸", "place")})  # the last two from the title


def check_long_build(where: Path, text: str, source_id: str, seconds: float) -> tuple[dict, dict]:
    kb = kb_of(where)
    rec = record(where, source_id)
    assert rec["text"] == text
    assert entities_in(kb) == LONG_ENTITIES
    for e in kb["entities"]:  # every spelling of every name, and nothing else
        assert len(e["mentions"]) == text.count(e["name"]), e["name"]
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"] == e["name"]
    assert len(rec["mentions"]) == sum(len(e["mentions"]) for e in kb["entities"])
    page = where / "site" / "sources" / f"{source_id}.html"
    assert page.is_file()
    body = source_page_body(where, source_id)
    assert body.count("<p>") == sum(1 for b in rec["blocks"] if b["kind"] == "paragraph")
    assert 'class="mention t-company">青葉電機</a>' in body
    print(f"\n{source_id}: {len(text.encode('utf-8')):,} bytes, {len(text):,} characters, {len(rec['blocks']):,} blocks, "
          f"{len(rec['mentions']):,} mentions: built in {seconds:.1f}s")
    return kb, rec


def test_a_3_mb_article(tmp_path):
    """3 MB of UTF-8 in one article (a long report, a transcript) builds: one MeCab call over a
    few megabytes ended in a segmentation fault (exit 139). Slow: about 70 seconds here (the bench
    builds 20 MB: README, "Long articles"); CI has 20 minutes for everything."""
    text = long_article(3 * 2**20, seed=1)
    assert len(text.encode("utf-8")) >= 3 * 2**20
    write_seeds(tmp_path, {"report.txt": text})
    started = time.perf_counter()
    result = build(tmp_path)
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert f"ingest   1 articles, {len(text.encode('utf-8')):,} bytes" in result.stdout
    kb, rec = check_long_build(tmp_path, text, "report", seconds)
    assert meta(kb, "report") == {"title": LONG_TITLE, "date": "2025-01-28", "date_from": "text", "publisher": None,
                                  "original_url": None, "author": None, "tags": [], "format": "text"}
    assert max(b["end"] - b["start"] for b in rec["blocks"]) > 100_000  # the paragraphs without a line break are whole


def test_a_2_mb_article_on_one_line(tmp_path):
    """2 MB without a single line break: one paragraph, its first sentence the title."""
    text = long_article(2 * 2**20, seed=2, line_breaks=False)
    assert "\n" not in text and len(text.encode("utf-8")) >= 2 * 2**20
    write_seeds(tmp_path, {"oneline.txt": text})
    started = time.perf_counter()
    result = build(tmp_path)
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    kb, rec = check_long_build(tmp_path, text, "oneline", seconds)
    assert meta(kb, "oneline") == {"title": LONG_TITLE, "date": None, "date_from": None, "publisher": None,
                                   "original_url": None, "author": None, "tags": [], "format": "text"}
    assert [(b["kind"], b["start"], b["end"]) for b in rec["blocks"]] == [("paragraph", 0, len(text))]


# --- front matter -------------------------------------------------------------------------------------

FRONT_MATTER_TEXT = {"title": "青葉電機、蓄電池の新工場に120億円", "date": "2025-01-29", "date_from": "front matter",
                     "publisher": "みちのく産業新聞", "original_url": "https://michinoku-sangyo.example/articles/aoba-plant",
                     "author": "村井早紀、大友圭", "tags": ["蓄電池", "設備投資"], "format": "text"}
FRONT_MATTER_MARKDOWN = {"title": "コトブキ食品、冷凍食品の新工場を熊本に", "date": "2025-01-29", "date_from": "front matter",
                         "publisher": "九州ビジネス報", "original_url": "https://kyushu-business.example/news/kotobuki-frozen?ref=top",
                         "author": "有村千尋", "tags": ["食品", "設備投資"], "format": "markdown"}
DATE_FORMS = ["2025-01-29", "2025-01-29T10:15:00+09:00", "2025-01-29 10:15:00", "'2025-01-29'", "2025年1月29日",
              "2025年1月29日 10時15分", "2025/01/29 10:15", "2025.1.29", "２０２５年１月２９日"]


def with_date(text: str, form: str) -> str:
    return re.sub(r"^date: .*$", f"date: {form}", text, count=1, flags=re.MULTILINE)


@pytest.fixture(scope="module")
def front_matter_build(tmp_path_factory):
    where = tmp_path_factory.mktemp("front-matter")
    files = {"fm-text.txt": fixture("front_matter_text.txt"), "fm-markdown.md": fixture("front_matter_markdown.md"),
             # saved by a Windows editor: BOM and CRLF, front matter included
             "fm-windows.markdown": BOM + fixture("front_matter_markdown.md").replace("\n", "\r\n").encode("utf-8")}
    files |= {f"fm-date-{n}.txt": with_date(fixture("front_matter_text.txt"), form) for n, form in enumerate(DATE_FORMS)}
    _, kb = built(where, files)
    return where, kb


def test_front_matter_in_a_text_file(front_matter_build):
    """Every key; the front matter wins over the dateline (2025年1月28日), the Source: line
    (東北経済新聞), the bare URL line and the first line as the title."""
    where, kb = front_matter_build
    assert meta(kb, "fm-text") == FRONT_MATTER_TEXT
    rec = record(where, "fm-text")
    assert {k: rec[k] for k in ("title", "date", "date_from", "publisher", "url", "author", "tags", "format")} == {
        **{k: v for k, v in FRONT_MATTER_TEXT.items() if k != "original_url"}, "url": FRONT_MATTER_TEXT["original_url"]}
    body = fixture("front_matter_text.txt").split("---\n", 2)[2]
    assert rec["text"] == "青葉電機、蓄電池の新工場に120億円\n\n" + body  # the title leads the text: its names are found
    assert "---" not in rec["text"] and "publisher:" not in rec["text"]
    assert blocks(rec) == [
        ("title", "青葉電機、蓄電池の新工場に120億円"),
        ("heading", "青葉電機が新工場を建設へ"),
        ("paragraph", "家電中堅の青葉電機（仙台市）は27日、宮城県大崎市に家庭用蓄電池の新工場を建設すると発表した。投資額は約120億円で、2026年度の稼働を目指す。"),
        ("paragraph", "同社の森田健太社長は記者会見で「需要は今後も伸びる」と述べた。"),
        ("source", "Source: 東北経済新聞"),
    ]
    assert [(d["text"], d["date"]) for d in rec["dates"]] == [("2025年1月28日", "2025-01-28"), ("27日", "2025-01-27")]
    assert entities_in(kb, "fm-text") == {("青葉電機", "company"), ("仙台市", "place"), ("宮城県", "place"),
                                          ("大崎市", "place"), ("森田健太", "person")}
    assert (0, 4, "青葉電機", "青葉電機") in mentions(kb, "fm-text")  # in the title
    page = source_page_body(where, "fm-text")
    assert "publisher" not in page and "みちのく産業新聞" not in page
    assert_offsets(where, kb)


@pytest.mark.parametrize("source_id", ["fm-markdown", "fm-windows"])
def test_front_matter_in_a_markdown_file(front_matter_build, source_id):
    """A quoted title, a comment line, a date-time, tags as a block list; the same file saved with a
    BOM and CRLF reads the same."""
    where, kb = front_matter_build
    assert meta(kb, source_id) == FRONT_MATTER_MARKDOWN
    rec = record(where, source_id)
    assert blocks(rec) == [
        ("title", "コトブキ食品、冷凍食品の新工場を熊本に"),
        ("heading", "冷凍食品の新工場"),
        ("paragraph", "コトブキ食品（熊本市）は27日、冷凍食品の新工場を熊本県菊池市に建設すると発表した。投資額は約85億円。"),
        ("paragraph", "同社の南雲彩花社長は「共働き世帯の需要は今後も伸びる」と述べた。"),
        ("source", "Source: 西日本経済新聞"),
    ]
    assert "**" not in rec["text"] and "#" not in rec["text"] and "\r" not in rec["text"]
    assert {("コトブキ食品", "company"), ("熊本市", "place"), ("熊本県", "place"), ("菊池市", "place"),
            ("南雲彩花", "person")} <= entities_in(kb, source_id)
    assert [(d["text"], d["date"]) for d in rec["dates"]] == [("2025年1月28日", "2025-01-28"), ("27日", "2025-01-27")]
    assert_offsets(where, kb)


@pytest.mark.parametrize("n, form", list(enumerate(DATE_FORMS)), ids=[f"form{n}" for n in range(len(DATE_FORMS))])
def test_front_matter_date_forms(front_matter_build, n, form):
    _, kb = front_matter_build
    assert meta(kb, f"fm-date-{n}") == FRONT_MATTER_TEXT


FRONT_MATTER_ERRORS = [
    # (name, file, expected stderr line)
    ("bad-yaml", "---\ntitle: 青葉電機が新工場\ndate: 2025-01-28\npublisher: 東北: 経済\n---\n本文。\n",
     "seeds/x.md:4: front matter is not valid YAML: mapping values are not allowed in this context"),
    ("unclosed-list", "---\ntitle: 青葉電機が新工場\ntags: [電池, 工場\npublisher: 東北経済新聞\n---\n本文。\n",
     "seeds/x.md:3: front matter is not valid YAML: did not find expected ',' or ']'"),
    ("unclosed-quote", "---\ntitle: \"青葉電機が新工場\ndate: 2025-01-28\n---\n本文。\n",
     "seeds/x.md:2: front matter is not valid YAML: found unexpected end of stream"),
    ("unknown-key", "---\ntitle: 青葉電機が新工場\ndate: 2025-01-28\npublisher: 東北経済新聞\ncategory: 経済\n---\n本文。\n",
     "seeds/x.md:5: unknown front matter key 'category' (allowed: title, date, publisher, url, author, tags)"),
    ("date-27-jan", "---\ntitle: 青葉電機が新工場\n\ndate: 27 Jan\n---\n本文。\n",
     "seeds/x.md:4: date '27 Jan' is not a date (write 2025-01-28, 2025-01-28T10:15:00+09:00 or 2025年1月28日)"),
    ("date-feb-30", "---\n# from Obsidian\ntitle: 青葉電機が新工場\ndate: 2025-02-30\n---\n本文。\n",
     "seeds/x.md:4: date '2025-02-30' is not a date (write 2025-01-28, 2025-01-28T10:15:00+09:00 or 2025年1月28日)"),
    ("url-ftp", "---\ntitle: 青葉電機が新工場\ndate: 2025-01-28\nurl: ftp://tohoku-keizai.example/a\n---\n本文。\n",
     "seeds/x.md:4: url 'ftp://tohoku-keizai.example/a' is not an http(s) address (https://…)"),
    ("url-bare", "---\ntitle: 青葉電機が新工場\nurl: www.tohoku-keizai.example/a\n---\n本文。\n",
     "seeds/x.md:3: url 'www.tohoku-keizai.example/a' is not an http(s) address (https://…)"),
    ("key-twice", "---\ntitle: 青葉電機が新工場\ndate: 2025-01-28\ntitle: 別の見出し\n---\n本文。\n",
     "seeds/x.md:4: 'title' is written twice in the front matter; keep one"),
    ("never-closed", "---\ntitle: 青葉電機が新工場\ndate: 2025-01-28\n本文。\n",
     "seeds/x.md:1: the front matter opened by this '---' is never closed: end it with a line '---'"),
    ("crlf-unknown-key", "\ufeff---\r\ntitle: 青葉電機が新工場\r\nsummary: 新工場\r\n---\r\n本文。\r\n",
     "seeds/x.md:3: unknown front matter key 'summary' (allowed: title, date, publisher, url, author, tags)"),
]


@pytest.mark.parametrize("name, text, expected", FRONT_MATTER_ERRORS, ids=[c[0] for c in FRONT_MATTER_ERRORS])
def test_front_matter_mistakes_stop_the_build(project, name, text, expected):
    """One line `seeds/x.md:LINE: message`, the line being the one to fix; nothing written."""
    assert_refused(project, "x.md", text.encode("utf-8"), expected)


def test_front_matter_mistake_in_a_text_file(project):
    text = "---\ntitle: 青葉電機が新工場\ndate: 27 Jan\n---\n青葉電機は27日、新工場を建設すると発表した。\n"
    assert_refused(project, "x.txt", text.encode("cp932"),
                   "seeds/x.txt:3: date '27 Jan' is not a date (write 2025-01-28, 2025-01-28T10:15:00+09:00 or 2025年1月28日)")


# --- a Markdown body ----------------------------------------------------------------------------------

ARENA_BLOCKS = [
    ("title", "汐見アリーナ計画、2027年春の開業へ前進"),
    ("paragraph", "静岡市は10日、市内の臨海部で進める大型アリーナの建設計画について、運営事業者に千早建設を中心とする企業連合を選んだと発表した。"),
    ("heading", "計画の概要"),
    ("list_item", "収容人数は約1万2000人"),
    ("list_item", "総事業費は約450億円で、市が3分の1を負担する"),
    ("list_item", "最寄り駅から徒歩5分の旧貨物ヤード跡地"),
    ("list_item", "2025年度に着工"),
    ("list_item", "2027年春に開業"),
    ("paragraph", "千早建設の関口美穂会長は「音楽とスポーツの拠点にしたい」と述べた。"),
    ("heading", "周辺の交通対策"),
    ("paragraph", "市は開業に合わせてシャトルバスの運行を検討する。来場者の見込みは当初計画の2割増の年間150万人で、立体駐車場の整備は見送る。"),
]


def test_markdown_body(tmp_path):
    """Headings, bullet and numbered lists, links, emphasis, an image, a block quote, a code
    block, inline code, strikethrough, ** around Japanese: the stored text is what a reader reads,
    the source page shows the structure."""
    _, kb = built(tmp_path, {"arena.md": fixture("arena.md")})
    assert meta(kb, "arena") == {"title": "汐見アリーナ計画、2027年春の開業へ前進", "date": "2025-03-10",
                                 "date_from": "front matter", "publisher": "湾岸タイムズ", "original_url": None,
                                 "author": None, "tags": [], "format": "markdown"}
    rec = record(tmp_path, "arena")
    assert blocks(rec) == ARENA_BLOCKS
    assert rec["text"] == "".join(text + "\n" for _, text in ARENA_BLOCKS)
    for syntax in ("**", "](", "#", "![", "`", "~~", "> ", "- ", "1. ", "https://", "images/", "完成予想図", "地図", "print(",
                   "この行は記事ではない"):
        assert syntax not in rec["text"], syntax
    assert entities_in(kb) == {("静岡市", "place"), ("千早建設", "company"), ("関口美穂", "person"),
                               ("汐見アリーナ計画", "project")}
    assert [(d["text"], d["date"]) for d in rec["dates"]] == [("10日", "2025-03-10")]
    body = source_page_body(tmp_path, "arena")
    assert re.findall(r"<h3>(.*?)</h3>", body) == ["計画の概要", "周辺の交通対策"]
    assert [without_tags(li) for li in re.findall(r"<li>(.*?)</li>", body)] == [t for k, t in ARENA_BLOCKS if k == "list_item"]
    assert body.count("<p>") == 3
    assert 'class="mention t-company">千早建設</a>' in body
    page = (tmp_path / "site" / "sources" / "arena.html").read_text(encoding="utf-8")
    assert re.search(r"<h1>.*汐見アリーナ計画.*、2027年春の開業へ前進</h1>", page)
    assert_offsets(tmp_path, kb)


# --- saved web pages ----------------------------------------------------------------------------------

HTML_META = {
    "news_site": {"title": "潮見ロボティクス、倉庫向け自律搬送ロボを量産へ 月産500台体制", "date": "2025-03-14", "date_from": "html",
                  "publisher": "みなと経済新聞",
                  "original_url": "https://www.minato-keizai.example/articles/robotics-amr-mass-production",
                  "author": "佐伯 涼", "tags": ["ロボット", "物流", "製造業", "テクノロジー"], "format": "html"},
    "jsonld_article": {"title": "白樺製薬、新しい花粉症治療薬の治験を最終段階へ", "date": "2024-11-05", "date_from": "html",
                       "publisher": "北辰テックジャーナル",
                       "original_url": "https://hokushin-tech.example/news/2024/shirakaba-pollen",  # JSON-LD url / mainEntityOfPage
                       "author": "山科 奈緒", "tags": [], "format": "html"},
    "shift_jis": {"title": "雪室熟成の日本酒、輸出が過去最高に", "date": "2024-12-05", "date_from": "html", "publisher": "北国新報社",
                  "original_url": "https://www.kitaguni-shimpo.example/news/1205a.html", "author": None, "tags": [],
                  "format": "html"},
}
HTML_FURNITURE = {
    "news_site": ["記事を検索", "ログイン", "会員登録", "マーケット", "オピニオン", "ホーム", "ポストする", "シェアする",
                  "はてなブックマーク", "LINEで送る", "リンクをコピー", "ニュースレター", "関連記事", "倉庫作業の自動化", "井波電子",
                  "運転手の残業規制から1年", "アクセスランキング", "平均株価", "地方銀行の再編", "コメント", "導入を検討したいと思います",
                  "会社概要", "プライバシーポリシー", "利用規約", "Copyright", "All rights reserved", "dataLayer", "更新"],
    "jsonld_article": ["schema.org", "NewsArticle", "@type", "logo.png", "dateModified"],
    "shift_jis": ["トップページ", "県内ニュース", "スポーツ", "天気予報", "おくやみ", "関連ニュース", "酒米の作付け", "雪まつり",
                  "無断転載", "Copyright", "saved from"],
}
HTML_ENTITIES = {
    "news_site": {("潮見ロボティクス", "company"), ("真鍋浩一", "person"), ("横浜市", "place"), ("相模原市", "place")},
    "jsonld_article": {("白樺製薬", "company"), ("大河内隆", "person"), ("札幌市", "place")},
    # 雪嶺酒造 (a common noun + 酒造) is in the text but not found: the rules' miss, not the reader's (issue 14)
    "shift_jis": {("小野寺健吾", "person"), ("台湾", "place"), ("香港", "place"), ("米国", "place")},
}
HTML_FIRST_PARAGRAPH = {
    "news_site": "産業用ロボットを手がける潮見ロボティクス（横浜市）は14日、倉庫向けの自律搬送ロボット「ハコブ2」を今夏から量産すると発表した。",
    "jsonld_article": "製薬中堅の白樺製薬（札幌市）は5日、開発中の花粉症治療薬「SK-208」について、最終段階となる第3相臨床試験を国内で始めると発表した。",
    "shift_jis": "雪を詰めた貯蔵庫「雪室」で熟成させた日本酒の輸出が伸びている。",
}


@pytest.fixture(scope="module")
def html_build(tmp_path_factory):
    where = tmp_path_factory.mktemp("html")
    result, kb = built(where, {f"{name}.html": (HTML / f"{name}.html").read_bytes() for name in HTML_META})
    return where, kb, result


@pytest.mark.parametrize("name", HTML_META)
def test_saved_web_page_metadata(html_build, name):
    _, kb, _ = html_build
    assert meta(kb, name) == HTML_META[name]


@pytest.mark.parametrize("name", HTML_META)
def test_saved_web_page_text_and_entities(html_build, name):
    """The article body and nothing of the page around it; the body's names are found."""
    where, kb, result = html_build
    rec = record(where, name)
    assert rec["text"].startswith(HTML_META[name]["title"] + "\n")
    assert any(text.startswith(HTML_FIRST_PARAGRAPH[name]) for kind, text in blocks(rec) if kind == "paragraph")
    for piece in HTML_FURNITURE[name]:
        assert piece not in rec["text"], piece
        assert piece not in source_page_body(where, name), piece
    assert "<" not in rec["text"] and "&" not in rec["text"]
    read = [line for line in result.stdout.splitlines() if line.startswith("  read ")]
    assert read == ["  read     seeds/shift_jis.html as CP932 (Shift_JIS)"]
    assert_offsets(where, kb)
    assert HTML_ENTITIES[name] <= entities_in(kb, name)


def test_saved_web_page_structure(html_build):
    where, _, _ = html_build
    news = blocks(record(where, "news_site"))
    assert [t for k, t in news if k == "heading"] == ["人手不足が追い風に", "価格競争は激しさを増す"]
    assert [t for k, t in news if k == "list_item"] == ["導入費用を抑える月額制のレンタルプランの開始",
                                                        "既存の倉庫管理システムとつなぐ接続キットの無償提供", "全国8カ所への保守拠点の新設"]
    assert len(news) == 12 and news[0][0] == "title"
    body = source_page_body(where, "news_site")
    assert re.findall(r"<h3>(.*?)</h3>", body) == ["人手不足が追い風に", "価格競争は激しさを増す"]
    assert body.count("<li>") == 3
    jsonld = blocks(record(where, "jsonld_article"))
    assert [t for k, t in jsonld if k == "list_item"] == ["全国40の医療機関で患者を募る", "対象は18歳以上の患者", "重いぜんそくのある人は除く",
                                                          "12週間にわたり毎日服用してもらう"]
    assert ("paragraph", "第3相試験 | 約900人 | 2025〜2026年") in jsonld
    sjis = blocks(record(where, "shift_jis"))
    assert ("paragraph", "① 海外の飲食店向けの試飲会を年4回開く") in sjis


def test_saved_web_page_byline_is_no_place(html_build):
    """The Shift_JIS page keeps its byline `経済部　髙田 美咲` (a desk and a reporter) as a line of
    text; 髙田, in a kanji CP932 has and UniDic does not, is read as the family name it is, the
    two halves written apart are one name (the tagger), and the given name is not a place."""
    where, kb, _ = html_build
    assert ("paragraph", "経済部 髙田 美咲") in blocks(record(where, "shift_jis"))
    found = entities_in(kb, "shift_jis")
    assert ("髙田 美咲", "person") in found and ("美咲", "place") not in found


# --- publication dates from the text --------------------------------------------------------------

@pytest.fixture(scope="module")
def dates_build(tmp_path_factory):
    where = tmp_path_factory.mktemp("dates")
    names = ["dateline.txt", "published_label.txt", "credit_at_end.txt", "body_date.txt"]
    _, kb = built(where, {name: fixture(name) for name in names})
    return where, kb


@pytest.mark.parametrize("source_id, dateline, first_block", [
    ("dateline", "2025年1月28日 10時15分 配信", ("title", "ナギサ銀行、地元企業の脱炭素に500億円の融資枠")),
    ("published_label", "公開日：2025年1月28日", ("title", "ミナセ化学、静岡の工場で樹脂部品を増産")),
    ("credit_at_end", "2025/01/28 18:30（北日本通信）", ("title", "ソヨカ通信、山間部の携帯電話基地局を倍増")),
], ids=["dateline", "published_label", "credit_at_end"])
def test_dateline_gives_the_date(dates_build, source_id, dateline, first_block):
    """A dateline near the top or the credit at the bottom is the article's date (date_from "text"),
    27日 is the 27th of that month; the dateline is not part of the body."""
    where, kb = dates_build
    s = source(kb, source_id)
    assert (s["date"], s["date_from"]) == ("2025-01-28", "text")
    rec = record(where, source_id)
    assert dateline in rec["text"]
    assert all(dateline not in text for _, text in blocks(rec))
    assert blocks(rec)[0] == first_block
    resolved = {d["text"]: (d["date"], d["basis"]) for d in rec["dates"]}
    assert resolved["27日"] == ("2025-01-27", "年月は記事の日付 2025-01-28から推定")
    if source_id == "dateline":
        assert resolved["2月3日"] == ("2025-02-03", "年は記事の日付 2025-01-28から推定")
        assert len(blocks(rec)) == 4
    assert dateline not in source_page_body(where, source_id)
    events = [e for e in kb["events"] if source_id in e["sources"]]
    assert all(e["date"].startswith("2025-01") for e in events), events


def test_a_date_in_the_body_is_not_the_articles_date(dates_build):
    """2023年4月10日 (line 3, in a sentence) and 2024年9月2日 (the middle) are dates the article
    tells of: it has no date; 15日 takes its month from the nearest full date."""
    where, kb = dates_build
    s = source(kb, "body_date")
    assert (s["date"], s["date_from"]) == (None, None)
    rec = record(where, "body_date")
    assert [(d["text"], d["date"], d["basis"]) for d in rec["dates"]] == [
        ("2023年4月10日", "2023-04-10", ""), ("2024年9月2日", "2024-09-02", ""),
        ("15日", "2024-09-15", "年月は本文中の近い日付「2024年9月2日」から推定")]
    assert len(blocks(rec)) == 14  # every line is the body
    assert (where / "site" / "sources" / "by-month" / "undated.html").read_text(encoding="utf-8").count("body_date.html") >= 1


# --- a folder as users have it ------------------------------------------------------------------------

def pdf() -> bytes:
    return (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def docx(tmp_path: Path) -> bytes:
    path = tmp_path / "memo.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document><w:body><w:p><w:r>'
                                        "<w:t>千早建設の社内メモ</w:t></w:r></w:p></w:body></w:document>")
    return path.read_bytes()


def mixed_folder(tmp_path: Path) -> dict[str, bytes | str]:
    return {
        "battery.txt": fixture("battery.txt").replace("\n", "\r\n").encode("cp932"),
        "arena.md": fixture("arena.md"),
        "kotobuki.markdown": fixture("front_matter_markdown.md"),
        "robotics.html": (HTML / "news_site.html").read_bytes(),
        "pharma.htm": (HTML / "jsonld_article.html").read_bytes(),
        "Nagisa.TXT": fixture("dateline.txt"),
        "report.pdf": pdf(),
        "memo.docx": docx(tmp_path),
        ".DS_Store": b"\x00\x00\x00\x01Bud1",
    }


MIXED_IDS = ["Nagisa", "arena", "battery", "kotobuki", "pharma", "robotics"]


def test_mixed_folder(tmp_path):
    """.txt, .md, .markdown, .html, .htm (and an upper-case .TXT) build; a PDF and a Word file are
    skipped, each with a line naming it; hidden files and sub-folders are not articles."""
    files = mixed_folder(tmp_path)
    write_seeds(tmp_path, files)
    (tmp_path / "seeds" / "robotics_files").mkdir()  # a page saved "complete" keeps its images in a folder
    (tmp_path / "seeds" / "robotics_files" / "notes.txt").write_text("画像の説明\n", encoding="utf-8")
    result = build(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    log = result.stdout.splitlines()
    assert log[0] == "musubi: building 6 article(s) from seeds/"
    assert [line for line in log if "skipped" in line] == [
        f"  skipped  seeds/memo.docx: not an article file ({ARTICLE_SUFFIXES})",
        f"  skipped  seeds/report.pdf: not an article file ({ARTICLE_SUFFIXES})",
    ]
    assert [line for line in log if line.startswith("  read ")] == ["  read     seeds/battery.txt as CP932 (Shift_JIS)"]
    kb = kb_of(tmp_path)
    assert sorted(s["id"] for s in kb["sources"]) == MIXED_IDS
    assert {s["id"]: s["format"] for s in kb["sources"]} == {"Nagisa": "text", "arena": "markdown", "battery": "text",
                                                             "kotobuki": "markdown", "pharma": "html", "robotics": "html"}
    assert {s["id"]: s["path"] for s in kb["sources"]}["pharma"] == "seeds/pharma.htm"
    assert meta(kb, "battery") == BATTERY_META
    assert meta(kb, "robotics") == HTML_META["news_site"]
    assert meta(kb, "kotobuki") == FRONT_MATTER_MARKDOWN
    for source_id in MIXED_IDS:
        assert (tmp_path / "site" / "sources" / f"{source_id}.html").is_file()
        assert (tmp_path / "content" / "sources" / f"{source_id}.yaml").is_file()
    assert BATTERY_ENTITIES | HTML_ENTITIES["news_site"] | HTML_ENTITIES["jsonld_article"] <= entities_in(kb)
    assert not list((tmp_path / "content" / "sources").glob("memo*")) and not list((tmp_path / "content" / "sources").glob("report*"))
    assert_offsets(tmp_path, kb)


def test_two_files_for_one_article(tmp_path):
    write_seeds(tmp_path, {"a.txt": fixture("battery.txt"), "a.md": fixture("arena.md"), "b.txt": fixture("dateline.txt")})
    result = build(tmp_path)
    assert result.returncode == 1
    assert result.stderr == "seeds/a.txt: a.md has the same name: both would be article 'a'; rename one\n"
    assert not (tmp_path / "site").exists() and not (tmp_path / "content").exists()


def test_two_files_for_one_article_leave_the_previous_site(project):
    (project / "seeds" / "battery.md").write_text(fixture("arena.md"), encoding="utf-8")
    before = snapshot(project)
    result = build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == "seeds/battery.txt: battery.md has the same name: both would be article 'battery'; rename one\n"
    assert snapshot(project) == before


# --- the same folder, the same bytes ------------------------------------------------------------------

def determinism_folder(tmp_path: Path) -> dict[str, bytes | str]:
    """The mixed folder and 18 more articles, so that two workers really share the analysis
    (a process takes at least 8)."""
    files = mixed_folder(tmp_path)
    rng = random.Random(3)
    for n in range(18):
        body = "".join(sentence(rng) for _ in range(rng.randint(4, 12)))
        files[f"extra-{n:02d}.txt"] = f"{rng.choice(COMPANIES)}、{rng.choice(PRODUCTS)}を強化\n2025年{n % 12 + 1}月{n + 1}日\n{body}\n"
    return files


def test_builds_are_byte_identical(tmp_path):
    files = determinism_folder(tmp_path)
    trees = {}
    for run, workers in (("first", "1"), ("again", "1"), ("two-workers", "2")):
        where = tmp_path / run
        built(where, files, "--workers", workers)
        trees[run] = tree_bytes(where / "content"), tree_bytes(where / "site")
    assert len(trees["first"][0]) > 50 and len(trees["first"][1]) > 100
    assert trees["again"] == trees["first"]
    assert trees["two-workers"] == trees["first"]


def test_an_error_in_a_worker_is_one_line(tmp_path):
    """With enough articles for two worker processes, a bad file still stops the build with its one
    line (the error travels back from the worker), and nothing is written."""
    files = determinism_folder(tmp_path)
    files["zz-bad.md"] = "---\ntitle: 青葉電機が新工場\ndate: 2025-02-30\n---\n本文。\n"
    write_seeds(tmp_path, files)
    result = build(tmp_path, "--workers", "2")
    assert result.returncode == 1
    assert result.stderr == ("seeds/zz-bad.md:3: date '2025-02-30' is not a date "
                             "(write 2025-01-28, 2025-01-28T10:15:00+09:00 or 2025年1月28日)\n")
    assert not (tmp_path / "site").exists() and not (tmp_path / "content").exists()
