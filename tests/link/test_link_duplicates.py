"""The same article twice (builder/link/duplicates.py): found however it was saved, told apart
from other reports of the same event, and counted as one source when claims are compared.

The articles are written for these tests (invented companies, people and outlets)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, article, run_cli

from builder.analyze import analyze
from builder.analyze import sketch as sketching
from builder.kb import records as rec
from builder.link import duplicates, link
from builder.link.facts import agreements, disagreements
from builder.model import Claim, Span
from builder.read import read_article

sys.path.insert(0, str(ROOT / "bench"))
from corpus import write_corpus

ROBOT = """蒼海ロボティクス、物流倉庫向け新型ロボット「ミナト3」を発表
Source: みなと経済通信
2026年4月14日

蒼海ロボティクス（本社・横浜市）は14日、物流倉庫向けの新型自律搬送ロボット「ミナト3」を発表した。従来機に比べて積載量を1.5倍に高めつつ、消費電力を約3割抑えたという。6月から国内の大手物流会社向けに出荷を始める。

記者会見した水野恵理子社長は「人手不足に悩む現場の負担を、少しでも早く軽くしたい」と語った。同社は2027年度までに累計5000台の販売を目指す。

ミナト3は、棚の位置を自ら学習する画像認識技術を搭載し、倉庫のレイアウトが変わっても人が設定し直す必要がないのが特徴だ。開発費は約40億円で、一部は政府の補助金でまかなった。

物流業界では、2024年にトラック運転手の残業規制が強化されて以降、倉庫作業の自動化を急ぐ動きが広がっている。調査会社の試算では、国内の倉庫ロボット市場は2030年に約2800億円規模に拡大する見通しだ。

競合の北辰精機も今春、同種のロボットを投入しており、価格競争が激しくなる可能性もある。蒼海ロボティクスの株価は14日の東京株式市場で一時前日比8%高となった。
"""

# another outlet's report of the same announcement: the same company, people, figures and quote
ROBOT_ELSEWHERE = """倉庫ロボ、積載量1.5倍に　蒼海ロボティクスが新機種
Source: 北都新報
2026年4月15日

横浜市に本社を置く蒼海ロボティクスは14日、新しい自律搬送ロボット「ミナト3」を6月に発売すると明らかにした。倉庫の棚の配置を画像から学び、配置換えのたびに設定をやり直す手間を省ける。

水野恵理子社長は会見で「人手不足に悩む現場の負担を、少しでも早く軽くしたい」と強調した。価格は1台あたり約1200万円からで、従来機より2割ほど高い。

同社によると、積載量は従来機の1.5倍となり、消費電力は約3割減った。ミナト3の開発費は約45億円にのぼった。

倉庫の自動化をめぐっては、北辰精機や海外勢も新製品を相次いで投入している。蒼海ロボティクスの株価は14日、一時前日比8%高となった。市場関係者からは「性能だけでなく保守体制の充実が勝負を分ける」との声が出ている。
"""

MARKET = """日経平均が大幅反落、半導体株に売り
Source: みなと経済通信
2026年5月28日

28日の東京株式市場で日経平均株価は大幅に反落し、前日比812円安の3万8105円で取引を終えた。前日の米国市場でハイテク株が下落した流れを引き継ぎ、値がさの半導体関連株に売りが膨らんだ。

東証プライム市場の売買代金は概算で4兆6000億円と、活況の目安とされる3兆円を大きく上回った。値下がり銘柄は全体の8割を超えた。

個別では、北辰精機が前日比6%安、翔洋電機が5%安と大きく下げた。一方、円安が進んだことで輸出関連の一部には買いが入り、光陽自動車は小幅に上昇した。

市場では「米国の金利動向を見極めたいとの雰囲気が強く、当面は値動きの荒い展開が続きそうだ」（国内証券の担当者）との声が聞かれた。
"""

# the same day's market in another outlet's words: set phrases and the same figures
MARKET_ELSEWHERE = """東証大引け　日経平均812円安、半導体関連が安い
Source: 北都新報
2026年5月28日

28日の東京株式市場で日経平均株価は大幅に反落し、終値は前日比812円安の3万8105円だった。米国の半導体株安を受けて、北辰精機や翔洋電機など半導体関連株が軒並み下落した。

東証株価指数（TOPIX）も反落し、前日比41ポイント安の2688ポイントで取引を終えた。東証プライム市場の売買代金は概算で4兆6000億円だった。

外国為替市場で円相場が1ドル=158円台に下落したことから、光陽自動車など輸出関連株の一角には買いが入った。国内証券の担当者は「米国の金利動向を見極めたいとの雰囲気が強い」と話した。
"""


def retitled(text: str, title: str, source: str) -> str:
    lines = text.split("\n")
    return "\n".join([title, f"Source: {source}", *lines[2:]])


def edited(text: str) -> str:
    """Another title and outlet, one sentence reworded, one sentence added."""
    text = retitled(text, "倉庫ロボ「ミナト3」、積載1.5倍　蒼海ロボティクス", "北都新報")
    text = text.replace("開発費は約40億円で、一部は政府の補助金でまかなった。", "開発費は約40億円に上り、その一部を国の補助金でまかなった。")
    return text.replace("一時前日比8%高となった。", "一時前日比8%高となった。同社は来年にも東南アジアでの販売を始める方針だ。")


def pairs(*articles) -> list[tuple[str, str, float]]:
    return duplicates.similar_pairs(articles, [sketching.sketch(a) for a in articles])


# --- found however it was saved ---

def test_an_exact_copy_is_the_same_article():
    assert pairs(article(ROBOT, "a"), article(ROBOT, "b")) == [("a", "b", 1.0)]


def test_another_title_and_source_line_do_not_hide_a_copy():
    copy = retitled(ROBOT, "物流ロボ「ミナト3」発表", "北都新報")
    assert copy.split("\n")[:2] != ROBOT.split("\n")[:2]
    assert pairs(article(ROBOT, "a"), article(copy, "b")) == [("a", "b", 1.0)]


def test_crlf_line_breaks_and_other_paragraphing_do_not_hide_a_copy(tmp_path):
    head, body = ROBOT.split("\n\n", 1)
    sentences = re.sub("。(?!」)", "。\n", body.replace("\n\n", "")).strip()  # a sentence a line, no blank lines
    sentences = re.sub(r"(\d+)", r" \1 ", sentences).replace("、", "、 ")  # and spaces around figures, after commas
    (tmp_path / "a.txt").write_text(ROBOT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes((head + "\n\n" + sentences + "\n").replace("\n", "\r\n").encode("utf-8"))
    a, b = read_article(tmp_path / "a.txt"), read_article(tmp_path / "b.txt")
    assert len(b.blocks) > len(a.blocks) + 5 and "\r" not in b.text
    assert pairs(a, b) == [("a", "b", 1.0)]


def test_a_page_saved_as_html_is_the_same_article_as_the_text(tmp_path):
    (tmp_path / "a.txt").write_text(ROBOT, encoding="utf-8")
    (tmp_path / "page.html").write_text(as_page(ROBOT), encoding="utf-8")
    assert pairs(read_article(tmp_path / "a.txt"), read_article(tmp_path / "page.html")) == [("a", "page", 1.0)]


def test_a_copy_with_a_sentence_reworded_and_one_added_is_found():
    found = pairs(article(ROBOT, "a"), article(edited(ROBOT), "b"))
    assert [(a, b) for a, b, _ in found] == [("a", "b")]
    assert duplicates.THRESHOLD <= found[0][2] < 0.95


def test_a_group_of_copies_has_one_original_the_earliest_dated():
    undated = "\n".join(line for line in ROBOT.split("\n") if line != "2026年4月14日")
    copies = [article(undated, "a"), article(ROBOT.replace("2026年4月14日", "2026年4月15日"), "b"),
              article(edited(ROBOT), "c"), article(ROBOT, "d")]
    assert [c.date for c in copies] == [None, "2026-04-15", "2026-04-14", "2026-04-14"]
    found = duplicates.group(copies, pairs(*copies))
    assert {copy: d.original for copy, d in found.items()} == {"a": "c", "b": "c", "d": "c"}  # earliest, then the smaller id
    assert found["d"].similarity == duplicates.similarity(copies[3], copies[2]) < 1


def test_many_copies_are_found_past_a_crowded_band():
    copies = [article(ROBOT, f"x{n:03d}") for n in range(60)]
    copies += [article(ROBOT + f"\n（配信番号{n:04d}号、転載先{n * 7919 % 9973:04d}）\n", f"y{n:03d}") for n in range(150)]
    found = duplicates.group(copies, pairs(*copies))
    assert set(found) == {c.id for c in copies} - {"x000"} and {d.original for d in found.values()} == {"x000"}


# --- not the same article ---

@pytest.mark.parametrize("one, other", [(ROBOT, ROBOT_ELSEWHERE), (MARKET, MARKET_ELSEWHERE)])
def test_two_reports_of_one_event_are_different_articles(one, other):
    a, b = article(one, "a"), article(other, "b")
    assert pairs(a, b) == []
    assert duplicates.similarity(a, b) < duplicates.THRESHOLD / 3


def test_the_bench_corpus_has_no_duplicates_and_a_copy_in_it_is_found(tmp_path):
    """Its articles are recombined from one pool of sentences: alike, but none the same article."""
    folder = write_corpus(tmp_path / "corpus", 300)
    articles = [read_article(p) for p in sorted(folder.glob("*.txt"))]
    assert pairs(*articles) == []
    copy = read_article(tmp_path / "copy.txt", "copy.txt", edited_bench(folder / "a00123.txt"))
    assert [(a, b) for a, b, _ in pairs(*articles, copy)] == [("a00123", "copy")]


def edited_bench(path: Path) -> bytes:
    lines = path.read_text(encoding="utf-8").split("\n")
    return "\n".join(["別の見出し", *lines[1:], "この記事は配信記事を転載したものです。"]).encode("utf-8")


def test_a_body_too_short_to_compare_is_never_a_copy():
    short = "速報\n2026年4月14日\n\n蒼海ロボティクスが新型ロボを発表。\n"
    assert sketching.sketch(article(short, "a")) == sketching.HEADER
    assert pairs(article(short, "a"), article(short, "b")) == []


# --- the sketch: made with the analysis, the same in every process ---

def test_the_sketch_is_made_with_the_analysis(no_lexicon):
    a = article(ROBOT, "a")
    made = analyze(a, no_lexicon).sketch
    assert made == sketching.sketch(a) and made.startswith(sketching.HEADER)
    assert len(made) == len(sketching.HEADER) + 4 * sketching.BINS


def test_the_sketch_is_the_same_in_every_process_and_its_bytes_are_known():
    code = ("import sys; sys.path[:0] = ['tests', 'tests/link']; from conftest import article; from test_link_duplicates import ROBOT; "
            "from builder.analyze.sketch import sketch; print(sketch(article(ROBOT, 'a')).hex())")
    made = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}).stdout.strip()
            for seed in ("1", "2", "random")}
    assert made == {sketching.sketch(article(ROBOT, "a")).hex()}
    assert hashlib.sha256(bytes.fromhex(made.pop())).hexdigest()[:16] == "4f18a1815cb667d0", \
        "sketch() makes other bytes: change analyze/sketch.py's VERSION (cached analyses hold the old ones), then this digest"


def test_a_sketch_made_another_way_is_made_again():
    a, b = article(ROBOT, "a"), article(ROBOT, "b")
    stale = b"mh\x00" + sketching.sketch(a)[3:]  # another version, as an old cached analysis would hold
    assert duplicates.similar_pairs([a, b], [stale, None]) == [("a", "b", 1.0)]


# --- copies are one source when claims are compared ---

def claim(source: str, number: float, subject: str = "minato3") -> Claim:
    return Claim(subject, "development_cost", f"{number}億円", number, "JPY", "", source, Span(source, 0, 1, "x"))


def test_copies_agreeing_are_one_source_and_a_copys_typo_is_no_dispute():
    copies = {"copy": "original"}
    same = [claim("original", 40), claim("copy", 40)]
    assert agreements(same) == {("minato3", "development_cost", "JPY", "", "actual", 40): 2}  # as if two outlets had checked it
    assert agreements(same, copies) == {("minato3", "development_cost", "JPY", "", "actual", 40): 1}
    typo = [claim("original", 40), claim("copy", 4)]
    assert disagreements(typo) and not disagreements(typo, copies)
    other = [claim("original", 40), claim("copy", 4), claim("elsewhere", 45)]
    assert disagreements(other, copies) == {("minato3", "development_cost", "JPY", "", "actual")}
    assert agreements(other + [claim("elsewhere", 40)], copies)[("minato3", "development_cost", "JPY", "", "actual", 40)] == 2


def test_through_link_and_records_a_copy_is_one_source(no_lexicon):
    typo = retitled(ROBOT, "物流ロボ「ミナト3」発表", "北都新報").replace("開発費は約40億円", "開発費は約4億円")
    texts = [(ROBOT, "robo-a"), (typo, "robo-typo")]
    kb = link([analyze(article(t, i), no_lexicon) for t, i in texts], no_lexicon)
    assert {k: (d.original, d.similarity > 0.9) for k, d in kb.duplicates.items()} == {"robo-typo": ("robo-a", True)}
    claims = claims_by(rec.to_records(kb))
    assert claims[("minato3", "development_cost")] == {("robo-a", 4e9, False, 1), ("robo-typo", 4e8, False, 1)}  # both shown, no dispute
    assert claims[("soukairobotikusu", "share_price_change")] == {("robo-a", 8, False, 1), ("robo-typo", 8, False, 1)}
    kb = link([analyze(article(t, i), no_lexicon) for t, i in [*texts, (ROBOT_ELSEWHERE, "robo-b")]], no_lexicon)
    claims = claims_by(rec.to_records(kb))
    assert {(s, n, d) for s, n, d, _ in claims[("minato3", "development_cost")]} == {
        ("robo-a", 4e9, True), ("robo-typo", 4e8, True), ("robo-b", 4.5e9, True)}  # another article's figure: disputed
    assert {n for _, _, _, n in claims[("soukairobotikusu", "share_price_change")]} == {2}  # two articles, three files


def claims_by(files: dict[str, dict]) -> dict[tuple[str, str], set[tuple]]:
    found: dict[tuple[str, str], set[tuple]] = {}
    for path, r in files.items():
        if path.startswith("entities/"):
            for c in r["claims"]:
                found.setdefault((r["id"], c["property"]), set()).add((c["source"], c["number"], c["disputed"], c["agreed_by"]))
    return found


# --- through the CLI ---

def as_page(text: str) -> str:
    lines = text.split("\n")
    paragraphs = "".join(f"<p>{p}</p>\n" for p in "\n".join(lines[3:]).split("\n\n") if p.strip())
    return (f'<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8"><title>{lines[0]} | みなと経済通信</title>\n'
            '<meta property="og:site_name" content="みなと経済通信">\n'
            '<meta property="article:published_time" content="2026-04-14T10:00:00+09:00"></head>\n'
            '<body><header><a href="/">みなと経済通信</a> <nav><a href="/economy">経済</a> <a href="/tech">テクノロジー</a></nav></header>\n'
            f"<main><article><h1>{lines[0]}</h1>\n{paragraphs}</article></main>\n<footer>© みなと経済通信</footer></body></html>\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    where = tmp_path_factory.mktemp("dups")
    seeds = write_corpus(where / "seeds", 16)  # enough articles for two worker processes
    (seeds / "robot.txt").write_text(ROBOT, encoding="utf-8")
    (seeds / "robot-page.html").write_text(as_page(edited(ROBOT)), encoding="utf-8")
    (seeds / "robot-elsewhere.txt").write_text(ROBOT_ELSEWHERE, encoding="utf-8")
    result = run_cli("build", "--seeds", seeds, "--content", where / "content", "--out", where / "site", "--workers", "2")
    assert result.returncode == 0, result.stderr
    return where, result


def test_the_build_says_which_article_is_a_copy_of_which(built):
    where, result = built
    same = [line for line in result.stdout.splitlines() if line.startswith("  same ")]
    assert same == [f"  same     {where}/seeds/robot-page.html is the same article as {where}/seeds/robot.txt (88% alike)"]
    assert result.stdout.index("  curate ") < result.stdout.index(same[0]) < result.stdout.index("  records ")


def test_kb_json_and_the_records_say_duplicate_of(built):
    where, _ = built
    sources = {s["id"]: s for s in json.loads((where / "site" / "kb.json").read_text(encoding="utf-8"))["sources"]}
    assert (sources["robot-page"]["duplicate_of"], sources["robot-page"]["similarity"]) == ("robot", 0.886)
    assert {sid for sid, s in sources.items() if s["duplicate_of"] or s["similarity"] is not None} == {"robot-page"}
    record = (where / "content" / "sources" / "robot-page.yaml").read_text(encoding="utf-8")
    assert "\nduplicate_of: robot\n" in record and "\nsimilarity: 0.886\n" in record
    assert "\nduplicate_of: null\n" in (where / "content" / "sources" / "robot.yaml").read_text(encoding="utf-8")


def test_the_copys_page_links_its_original_and_the_original_lists_its_copies(built):
    where, _ = built
    copy = (where / "site" / "sources" / "robot-page.html").read_text(encoding="utf-8")
    notice = copy[copy.index('<p class="duplicate">'):]
    assert notice.startswith('<p class="duplicate"><span class="warn">同じ記事</span> この記事は <a href="../sources/robot.html">')
    assert "と同じ記事です（本文の 88% が同じ）" in notice.split("</p>")[0]
    assert copy.index('<p class="duplicate">') < copy.index('<div class="body">')  # near the top
    original = (where / "site" / "sources" / "robot.html").read_text(encoding="utf-8")
    assert '同じ記事の写し</span> <a href="../sources/robot-page.html">' in original and "（88% 同じ）" in original
    assert '<p class="duplicate">' not in (where / "site" / "sources" / "robot-elsewhere.html").read_text(encoding="utf-8")


def test_an_entity_counts_the_copy_as_no_other_article(built):
    where, _ = built
    page = (where / "site" / "entities" / "minato3.html").read_text(encoding="utf-8")
    assert "・2 記事 <span class=\"muted\">（ほかに同じ記事の写し 1 本）</span>" in page  # robot, robot-elsewhere; the page is a copy
    assert 'と同じ記事</a>' in page  # the copy's claim row says whose copy it is


def test_the_build_is_the_same_with_one_worker(built, tmp_path):
    where, _ = built
    again = run_cli("build", "--seeds", where / "seeds", "--content", tmp_path / "content", "--out", tmp_path / "site", "--workers", "1")
    assert again.returncode == 0, again.stderr
    for folder in ("site", "content"):
        mine = {p.relative_to(tmp_path / folder): p.read_bytes() for p in (tmp_path / folder).rglob("*") if p.is_file()}
        theirs = {p.relative_to(where / folder): p.read_bytes() for p in (where / folder).rglob("*") if p.is_file()}
        assert mine == theirs
