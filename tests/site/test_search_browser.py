"""Japanese search in Debian's chromium, over http and from file://, as a reader uses it:
type in the header box, press Enter, follow the first result."""

from __future__ import annotations

import json
import random
import re
import sys
from array import array
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import PHONE, ROOT, follow, run_cli, screenshot
from test_search_index import indexed_documents

from builder.kb.record_cache import load_records
from builder.kb.records import from_dicts
from builder.site.render import Site
from builder.site.search_index import documents, norm, spellings

sys.path.insert(0, str(ROOT / "bench"))
from search_bench import (
    QUERIES,  # (the bench's queries: names, other spellings, compounds, parts of words)
    serve,  # a plain static server in a thread, as a host would serve the site
)


def entity_url(built_site, spelling: str) -> str:
    kb = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    return next(e["url"] for e in kb["entities"] if spelling in [e["name"], *e["aliases"]])


def home(site_url, built_site, over: str) -> str:
    return site_url + "index.html" if over == "http" else built_site.joinpath("index.html").as_uri()


@pytest.mark.parametrize("over", ["http", "file"])
@pytest.mark.parametrize("query, spelling", [("アルトマン", "アルトマン"), ("エヌビディア", "エヌビディア"), ("日経平均", "日経平均株価")])
def test_a_query_leads_to_the_right_page(page, site_url, built_site, over, query, spelling):
    page.goto(home(site_url, built_site, over))
    page.fill("#q", query)
    page.press("#q", "Enter")
    first = page.locator("#search-results li").first
    first.wait_for()
    assert first.locator(".tag").inner_text()  # the page type is shown
    assert first.locator(".snippet mark").count() == 1  # and a highlighted snippet
    follow(page, first.locator("a"))
    assert page.url.endswith(entity_url(built_site, spelling))
    assert spelling in page.locator("h1").inner_text() or spelling in page.locator("dl.infobox").inner_text()


def test_one_spelling_finds_pages_written_with_another(page, site_url, built_site):
    page.goto(site_url + "search.html?q=エヌビディア")
    page.locator("#search-results li").first.wait_for()
    marks = page.locator("#search-results .snippet mark").all_inner_texts()
    assert any(m.lower() == "nvidia" for m in marks), marks  # the article says NVIDIA/Nvidia, not エヌビディア


def answered(page, query: str) -> None:
    """Wait until the search page shows its answer to `query` (shards load asynchronously)."""
    page.wait_for_function("q => document.getElementById('search-status').textContent.includes('「' + q + '」')", arg=query)


def test_latin_is_case_insensitive_and_parts_of_words_match(page, site_url):
    for query in ("nvidia", "NVIDIA", "導体"):
        page.goto(site_url + "search.html?q=" + query)
        answered(page, query)
        assert page.locator("#search-results li").first.is_visible(), query
    page.goto(site_url + "search.html?q=導体")
    assert "半導体" in page.locator("#search-results .snippet").first.inner_text()


def test_no_hits_says_so_and_typing_searches_live(page, site_url):
    page.goto(site_url + "search.html?q=存在しない言葉")
    answered(page, "存在しない言葉")
    assert "一致するページはありません" in page.locator("#search-status").inner_text()
    assert page.locator("#search-results li").count() == 0
    page.fill("#search-q", "アルトマン")
    page.locator("#search-results li").first.wait_for()
    screenshot(page, "search-desktop")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(page, "search-phone")


# --- ranking and snippets, on a site built from invented articles (names no lexicon knows) ---

ARTICLES = {
    "hibari-0301": """---
title: 雲雀ロボティクス、新型の配膳ロボを発表
date: 2026-03-01
publisher: 架空新聞
---
札幌のロボット開発会社、雲雀ロボティクス（ヒバリロボ）は1日、配膳ロボット「ミナモ」を発表した。ミナモは1台あたり約120万円で、飲食店向けに4月から出荷する。同社の北条真琴社長は「人手不足に悩む店舗を支えたい」と語った。

雲雀ロボティクスは2019年創業。これまでに累計12億円を調達している。競合のミナモ工業は、同名の製品はないとしている。
""",
    "minamo-0305": """---
title: ミナモ工業、配膳ロボ市場に参入へ
date: 2026-03-05
publisher: 架空新聞
---
大阪の機械メーカー、ミナモ工業は5日、配膳ロボット市場に参入すると発表した。ミナモ工業の社長は、雲雀ロボティクスのミナモを意識した製品ではないと説明した。配膳ロボットの国内市場は2030年に約900億円に達するとの予測もある。
""",
    "houjou-0310": """---
title: 北条真琴記念財団が奨学金を創設
date: 2026-03-10
publisher: 架空新聞
---
北条真琴記念財団は10日、ロボット工学を学ぶ学生向けの奨学金を創設したと発表した。北条真琴記念財団はこれまでに寄付で累計5億円を調達している。理事長は雲雀ロボティクスの北条真琴社長が務める。
""",
    "minamo-0320": """---
title: ミナモ工業、新サービスを来春開始
date: 2026-03-20
publisher: 架空新聞
---
ミナモ工業は20日、2025年度の決算説明会を開き、代表取締役のアレクサンドラ・ミナミサワ氏がHibariCloudとの提携で契約数が前年比1,250件増えたと説明したうえで配膳ロボット向けの遠隔保守サービスを来春から始めると明らかにした。同社は新サービスの利用料を月額9,800円とする方針だ。
""",
}


@pytest.fixture(scope="module")
def invented_site(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("invented")
    (where / "seeds").mkdir()
    for name, text in ARTICLES.items():
        (where / "seeds" / f"{name}.txt").write_text(text, encoding="utf-8")
    result = run_cli("build", "--seeds", where / "seeds", "--content", where / "content", "--out", where / "site")
    assert result.returncode == 0, result.stderr
    kb = json.loads((where / "site" / "kb.json").read_text(encoding="utf-8"))
    # what the tests below rely on the analyzer to have found
    assert {"雲雀ロボティクス", "ミナモ", "ミナモ工業", "北条真琴", "北条真琴記念財団"} <= {e["name"] for e in kb["entities"]}
    assert "ヒバリロボ" in next(e["aliases"] for e in kb["entities"] if e["name"] == "雲雀ロボティクス")
    return where / "site"


def typed(page, site: Path, query: str) -> list[dict]:
    """Type `query` into the search page's box key by key (it searches as one types, from
    file://) and read the results: title, page type, snippet and its highlighted part."""
    page.goto(site.joinpath("search.html").as_uri())
    page.locator("#search-q").press_sequentially(query)
    answered(page, query)
    return page.evaluate("""() => [...document.querySelectorAll('#search-results li')].map(li => ({
        title: li.querySelector('.result-title').textContent, kind: li.querySelector('.tag').className.slice('tag t-'.length),
        snippet: li.querySelector('.snippet').textContent, mark: li.querySelector('.snippet mark').textContent}))""")


@pytest.mark.parametrize("query, name, snippet, mark", [
    ("ヒバリロボ", "雲雀ロボティクス", "別名: ヒバリロボ", "ヒバリロボ"),  # a katakana short form
    ("ﾋﾊﾞﾘ", "雲雀ロボティクス", "別名: ヒバリロボ", "ヒバリ"),  # part of it, in half-width kana
])
def test_an_alias_query_shows_the_alias_that_matched(page, invented_site, query, name, snippet, mark):
    first = typed(page, invented_site, query)[0]
    assert (first["title"], first["snippet"], first["mark"]) == (name, snippet, mark)


def test_an_alias_query_on_the_seeds_shows_the_alias(page, built_site):
    first = typed(page, built_site, "アルトマン")[0]
    assert (first["title"], first["snippet"], first["mark"]) == ("サム・アルトマン", "別名: アルトマン", "アルトマン")
    first = typed(page, built_site, "サム・アルトマン")[0]  # the name itself: no alias to show
    assert first["snippet"] == "サム・アルトマン"


@pytest.mark.parametrize("query, first", [
    ("ミナモ", ["ミナモ", "ミナモ工業"]),  # the exact name, then the name it begins
    ("ヒバリロボ", ["雲雀ロボティクス"]),  # the exact alias
    ("雲雀", ["雲雀ロボティクス"]),  # a name it begins, above pages that mention that name
    ("北条 真琴", ["北条真琴", "北条真琴記念財団"]),  # typed with a space, and mentioned less than the foundation
    ("ロボティクス", ["雲雀ロボティクス"]),  # inside a name
])
def test_exact_names_then_prefixes_then_parts_then_text(page, invented_site, query, first):
    hits = typed(page, invented_site, query)
    assert [h["title"] for h in hits[:len(first)]] == first


def test_a_page_only_mentioning_the_query_ranks_below_pages_named_with_it(page, invented_site):
    hits = typed(page, invented_site, "ミナモ")
    titles = [h["title"] for h in hits]
    mentioned = titles.index("アレクサンドラ・ミナミサワ")  # an entity whose text only says ミナモ工業の代表
    assert all("ミナモ" in t for t in titles[:mentioned]) and all("ミナモ" not in t for t in titles[mentioned:])
    assert hits == typed(page, invented_site, "ミナモ")  # the same order every time


@pytest.mark.parametrize("query, start", [
    ("月額", "…同社は新サービスの利用料を"),  # the sentence holding the match starts near it
    ("遠隔保守", "…HibariCloudとの提携"),  # no pause near it: at the start of the word the window cuts
    ("増えた", "…アレクサンドラ・ミナミサワ氏が"),  # at the start of the name the window cuts: a ・ between katakana is inside it
    ("明らかに", "…1,250件増えた"),  # at the start of the number 1,250, not inside it
    ("ミナモ工業、新サ", "ミナモ工業、新サービス"),  # at the start of the text: no ellipsis
])
def test_article_snippets_start_at_a_boundary(page, invented_site, query, start):
    hit = next(h for h in typed(page, invented_site, query) if h["kind"] == "source")
    assert hit["snippet"].startswith(start), hit["snippet"]


KANA_OR_WORD = re.compile(r"[\u30a1-\u30fa\u30fc-\u30ffｦ-ﾟA-Za-z0-9Ａ-Ｚａ-ｚ０-９,.，．]")  # katakana but ・, Latin, digits


def cuts_a_word(text: str, snippet: str, mark: str) -> bool:
    """Does the snippet open inside a katakana word, a Latin word or a number of `text`?"""
    left = snippet.removeprefix("…").split(mark)[0]
    at = text.index(left + mark)
    return at > 0 and bool(KANA_OR_WORD.match(text[at - 1]) and KANA_OR_WORD.match(text[at]))


@pytest.mark.parametrize("query", ["半導体", "投資家", "開発費", "生成AI", "導体", "先端", "国株", "争力", "透明性", "株価", "規制"])
def test_seed_article_snippets_do_not_open_mid_word(page, built_site, query):
    texts = {title: text for url, kind, title, text in indexed_documents(built_site) if kind == "source"}
    for hit in typed(page, built_site, query):
        if hit["kind"] == "source":
            assert not cuts_a_word(texts[hit["title"]], hit["snippet"], hit["mark"]), hit["snippet"]


# --- the sharded index against a reference: the single-file search it replaced, in Python ---

EXACT, PREFIX, PART, TEXT = range(4)
KIND_ORDER = {"event": 1, "source": 2}


def units(text: str) -> str:
    """`text` as JavaScript sees it: one character per UTF-16 unit."""
    return "".join(map(chr, array("H", text.encode("utf-16-le"))))


def written(text: str) -> str:
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")


def folded(raw: str) -> tuple[str, str, list[int]]:
    """The raw text in units, folded character by character, and where each folded unit came from."""
    out, came_from, at = [], [], 0
    for ch in raw:
        n = units(norm(ch))
        out.append(n)
        came_from += [at] * len(n)
        at += len(units(ch))
    return units(raw), "".join(out), [*came_from, at]


def reference(docs: list[dict], groups: list[list[str]], query: str) -> list[tuple[str, str]]:
    """What the single-file search.js showed for `query`: (url, highlighted text) of each
    result, best first — substring matching of every word (or another spelling of it) in the
    folded text, then ranked by name tier, kind, matches (up to 20 a word), name, order."""
    words = [units(w) for w in re.split(r"\s+", norm(query)) if w]
    spelled = [[units(s) for s in g] for g in groups]

    def alternatives(word: str) -> list[str]:
        out = [word]
        for g in spelled:
            if word in g:
                out += [s for s in g if s not in out]
        return out

    terms = [alternatives(w) for w in words]
    phrases = [" ".join(words), "".join(words)] if len(words) > 1 else []
    names = [(t, i == 0) for typed in words + phrases for i, t in enumerate(alternatives(typed))]
    found = []
    for d in docs:
        text = d["folded"][1]
        score, first, length = 0, -1, 0
        for alts in terms:
            best = 0
            for term in alts:
                at, count = text.find(term), 0
                while at >= 0 and count < 20:
                    if first < 0 or at < first:
                        first, length = at, len(term)
                    count += 1
                    at = text.find(term, at + len(term))
                best = max(best, count)
            if not best:
                break
            score += best
        else:
            tier, key, shown = TEXT, None, None
            for term, typed in names:
                for index, (_, spelling, _) in enumerate(d["spellings"]):
                    at = spelling.find(term)
                    t = EXACT if spelling == term else TEXT if at < 0 else PREFIX if at == 0 and index == 0 else PART
                    if t == TEXT:
                        continue
                    tier = min(tier, t)
                    if key is None or (0 if typed else 1, t, index) < key:
                        key, shown = (0 if typed else 1, t, index), (index, at, len(term))
            if shown and shown[0] > 0:
                raw, _, where = d["spellings"][shown[0]]
                mark = raw[where[shown[1]]:where[shown[1] + shown[2]]]
            else:
                raw, _, where = d["folded"]
                mark = raw[where[first]:where[first + length]]
            found.append(((tier, KIND_ORDER.get(d["k"], 0), -score, d["n"].encode("utf-16-be")), d["u"], written(mark)))
    found.sort(key=lambda f: f[0])
    return [(u, m) for _, u, m in found[:50]]


def reference_documents(site: Path) -> tuple[list[dict], list[list[str]]]:
    """The documents and spelling groups the build indexed, from its records, in the order the
    single-file index listed them (which breaks ties between equal names)."""
    records = from_dicts(load_records(site.parent / "content", None, "")[0])
    docs = []
    for d in documents(Site(records)):
        d["folded"] = folded(d["x"])
        d["spellings"] = [folded(s) for s in [d["n"], *d.get("a", [])]]
        docs.append(d)
    return docs, spellings(Site(records))


def asked(page, query: str) -> list[tuple[str, str]]:
    """Submit `query` on the search page already open and read (url, highlighted text) of each result."""
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    answered(page, query)
    return [tuple(r) for r in page.evaluate("""() => [...document.querySelectorAll('#search-results li')].map(li =>
        [li.querySelector('.result-title').getAttribute('href'), li.querySelector('.snippet mark').textContent])""")]


def queries_for(docs: list[dict], extra: list[str], count: int, seed: int = 16) -> list[str]:
    """`extra`, then random pieces (2–6 characters) of the documents' text and titles, one
    word or two: whatever a reader might type, common and rare."""
    rng = random.Random(seed)
    out = list(extra)
    while len(out) < count:
        d = rng.choice(docs)
        source = d["x"] if rng.random() < 0.8 else d["n"]
        at, size = rng.randrange(max(1, len(source) - 6)), rng.randint(2, 6)
        piece = source[at:at + size].strip()
        if rng.random() < 0.15:
            other = rng.choice(docs)["x"]
            start = rng.randrange(max(1, len(other) - 4))
            piece += " " + other[start:start + rng.randint(2, 4)].strip()
        piece = " ".join(piece.split())  # as a search box holds it: one line
        words = norm(piece).split()
        if words and all(len(w) >= 2 for w in words) and piece not in out and "「" not in piece and "」" not in piece:
            out.append(piece)
    return out


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A synthetic archive of a few hundred articles (bench/corpus.py), built."""
    from corpus import write_corpus

    where = tmp_path_factory.mktemp("archive")
    write_corpus(where / "seeds", ARCHIVE)
    result = run_cli("build", "--seeds", where / "seeds", "--content", where / "content", "--out", where / "site")
    assert result.returncode == 0, result.stderr
    return where / "site"


ARCHIVE = 200


@pytest.mark.parametrize("over", ["http", "file"])
def test_the_sharded_search_gives_the_results_and_order_of_the_single_file_search_on_the_seeds(page, built_site, site_url, over):
    docs, groups = reference_documents(built_site)
    page.goto(site_url + "search.html" if over == "http" else built_site.joinpath("search.html").as_uri())
    for query in queries_for(docs, [q for q, _ in QUERIES] + ["北条 真琴", "Sam Altman", "ZetaLab", "幹線"], 90):
        assert asked(page, query) == reference(docs, groups, query), query


def test_the_sharded_search_gives_the_results_and_order_of_the_single_file_search_on_an_archive(page, archive):
    docs, groups = reference_documents(archive)
    names = [d["n"] for d in docs if d["k"] not in ("event", "source")][:20]
    page.goto(archive.joinpath("search.html").as_uri())
    common = ["発表", "株価", "半導体", "生成AI", "透明性", "開発費", "規制", "した", "億円", "日、"]
    for query in queries_for(docs, [q for q, _ in QUERIES] + names + common, 150):
        assert asked(page, query) == reference(docs, groups, query), query


def shards_loaded(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('script[src]')].map(s => s.src).filter(s => s.includes('/assets/search/'))")


@pytest.mark.parametrize("over", ["http", "file"])
def test_a_query_loads_a_few_small_shards_not_the_whole_index(page, archive, over):
    folder = archive / "assets" / "search"
    total = sum(p.stat().st_size for p in folder.rglob("*.js"))
    files = sum(1 for _ in folder.rglob("*.js"))
    assert not (archive / "assets" / "search-index.js").exists()
    served = None
    if over == "http":
        server, served = serve(archive)
    try:
        queries = [q for q, _ in QUERIES] + ["発表", "株価", "半導体"]
        for query in queries if served else queries[::3]:  # from disk: every third, the loading is the same code
            url = served + "search.html?q=" + query if served else archive.joinpath("search.html").as_uri() + "?q=" + query
            page.goto(url)
            answered(page, query)
            loaded = shards_loaded(page)
            sizes = [folder.joinpath(unquote(s.split("/assets/search/", 1)[1])).stat().st_size for s in loaded]
            shown = page.locator("#search-results li").count()
            pages = [s for s in loaded if "/search/m/" in s or "/search/t/" in s]  # titles and text: only for what is shown
            assert len(pages) <= 3 * shown and len(loaded) <= 200, (query, len(pages), shown, len(loaded))
            assert sum(sizes) <= min(total // 10, 250_000), (query, sum(sizes), total, files)  # a tenth of the index at most
    finally:
        if served:
            server.shutdown()


def test_a_word_of_one_character_asks_for_two(page, site_url):
    page.goto(site_url + "search.html?q=株")
    answered(page, "株")
    assert "2文字以上" in page.locator("#search-status").inner_text() and page.locator("#search-results li").count() == 0
    assert shards_loaded(page) == [page.url.split("search.html")[0] + "assets/search/info.js"]  # and loads nothing more
