"""Search quality and cost: musubi's sharded index on the seeds site (against Pagefind,
when installed) and on synthetic archives.

Queries run in Debian's chromium (playwright) over a local http server, with a fixed
list of queries — names, other spellings of them, compound words and parts of words,
all taken from the seed articles. A query counts as found when the expected page is
among the first five results. Also reported: the index on disk, its number of shard
files and the largest, and the bytes of the shards a query loads (each query on a fresh
page, so nothing is reused from an earlier one; search.js itself, 20 KB loaded once with
the page, is not counted). Pagefind fetches index chunks per query and cannot run from
file:// (it fetches its index), which musubi's search must do, so musubi keeps its own.

Sizes of the synthetic archives (bench/corpus.py): MUSUBI_SEARCH_SIZES (default 1000;
"" for none). Sites built before can be measured as they are: `search_bench.py SITE…`.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import unquote

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
TOP = 5
SHARDS = "assets/search"

# (query, what it should find): an entity by one of its spellings, or "text" — a page whose
# text contains the query (the first source, in id order, that does).
QUERIES = [
    ("アルトマン", "サム・アルトマン"), ("サム・アルトマン", "サム・アルトマン"), ("Altman", "サム・アルトマン"),
    ("エヌビディア", "Nvidia"), ("NVIDIA", "Nvidia"), ("nvidia", "Nvidia"), ("ザッカーバーグ", "マーク・ザッカーバーグ"),
    ("アモデイ", "ダリオ・アモデイ"), ("日経平均", "日経平均株価"), ("ナスダック", "ナスダック総合指数"),
    ("ディープシーク", "DeepSeek"), ("deepseek", "DeepSeek"), ("R1", "DeepSeek-R1"), ("スターゲート", "スターゲート"),
    ("オープンAI", "OpenAI"), ("半導体", "text"), ("投資家", "text"), ("開発費", "text"), ("生成AI", "text"),
    ("導体", "text"), ("先端", "text"), ("国株", "text"), ("争力", "text"), ("透明性", "text"), ("株価", "text"), ("規制", "text"), ("中国政府", "中国政府"),
]


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def expected_pages(site: Path) -> list[str]:
    kb = json.loads((site / "kb.json").read_text(encoding="utf-8"))
    by_spelling = {s.casefold(): e["url"] for e in kb["entities"] for s in [e["name"], *e["aliases"]]}
    by_name = {e["name"]: e["url"] for e in kb["entities"]}
    texts = sorted((s["url"], (ROOT / "seeds" / f"{s['id']}.txt").read_text(encoding="utf-8")) for s in kb["sources"])
    pages = []
    for query, target in QUERIES:
        if target == "text":
            pages.append(next((url for url, html in texts if query in html), ""))
        else:
            pages.append(by_name.get(target) or by_spelling.get(query.casefold(), ""))
    return pages


def body_size(response) -> int:
    try:
        return len(response.body()) if response.ok else 0
    except PlaywrightError:  # the page moved on before the body was read (a late response)
        return 0


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def ours(page, base: str, site: Path, query: str) -> tuple[list[str], int, int]:
    """The first results' urls, and how many shard files the query loaded and their bytes."""
    page.goto(base + "search.html?q=" + query)
    page.wait_for_function("document.getElementById('search-status').textContent.includes('「')")
    urls = [a.get_attribute("href") for a in page.locator(".result-title").all()[:TOP]]
    srcs = page.evaluate("() => [...document.querySelectorAll('script[src]')].map(s => s.src)")
    shards = [site / SHARDS / unquote(s.split(f"/{SHARDS}/", 1)[1]) for s in srcs if f"/{SHARDS}/" in s]
    return urls, len(shards), sum(p.stat().st_size for p in shards)


PAGEFIND_QUERY = f"""async (q) => {{
  window.pf = window.pf || await import('/pagefind/pagefind.js');
  const found = await window.pf.search(q);
  const data = await Promise.all(found.results.slice(0, {TOP}).map(r => r.data()));
  return data.map(d => d.url);
}}"""


def pagefind_executable():
    """Pagefind's binary, or None when the bench's extra (pagefind-bin-extended) is not installed."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        return None
    return get_executable()


def build(seeds: Path, work: Path) -> Path:
    subprocess.run([sys.executable, "-m", "builder", "build", "--seeds", str(seeds), "--content", str(work / "content"),
                    "--out", str(work / "site"), "--cache", str(work / "cache")], check=True, capture_output=True)
    return work / "site"


def index_figures(site: Path) -> str:
    files = [p.stat().st_size for p in (site / SHARDS).rglob("*.js")]
    return f"index: {sum(files):,} bytes in {len(files):,} shard files (largest {max(files):,}, median {int(statistics.median(files)):,})"


def loaded_figures(counts: list[int], sizes: list[int]) -> str:
    return (f"a query loads {statistics.mean(counts):.1f} shards (max {max(counts)}), "
            f"{int(statistics.mean(sizes)):,} bytes (max {max(sizes):,})")


def seeds_report(browser, work: Path) -> None:
    site = build(ROOT / "seeds", work / "seeds")
    pagefind = pagefind_executable()
    if pagefind:
        subprocess.run([str(pagefind), "--site", str(site)], check=True, capture_output=True)
    expected = expected_pages(site)
    server, base = serve(site)
    found = {"musubi": [], "pagefind": []}
    loaded = {"musubi": [], "pagefind": []}
    counts = []
    for engine in ["musubi", "pagefind"] if pagefind else ["musubi"]:
        context = browser.new_context()
        page = context.new_page()
        sizes = []
        page.on("response", lambda r, sizes=sizes: sizes.append(body_size(r)))
        if engine == "pagefind":
            page.goto(base + "index.html")
            page.evaluate(PAGEFIND_QUERY, "warm-up")  # loads pagefind.js, its wasm and the entry file once
        for (query, _), want in zip(QUERIES, expected):
            sizes.clear()
            if engine == "musubi":
                urls, count, size = ours(page, base, site, query)
                counts.append(count)
            else:
                urls, size = page.evaluate(PAGEFIND_QUERY, query), None
            found[engine].append(bool(want) and any(u.lstrip("/").endswith(want) for u in urls if u))
            loaded[engine].append(sum(sizes) if size is None else size)
        context.close()
    server.shutdown()
    print(f"== seeds: {len(QUERIES)} queries, found = expected page in the first {TOP} results")
    print(f"{'query':16} {'expected page':44} musubi pagefind")
    for n, ((query, _), want) in enumerate(zip(QUERIES, expected)):
        theirs = ("yes" if found["pagefind"][n] else "NO") if pagefind else "-"
        print(f"{query:16} {want:44} {'yes' if found['musubi'][n] else 'NO':6} {theirs}")
    print(f"{'':16} {'found':44} {sum(found['musubi'])}/{len(QUERIES):<4} "
          + (f"{sum(found['pagefind'])}/{len(QUERIES)}" if pagefind else "-"))
    print(f"musubi {index_figures(site)}; {loaded_figures(counts, loaded['musubi'])}")
    if pagefind:
        per_query = sum(loaded["pagefind"]) // len(QUERIES)
        print(f"pagefind index: {folder_bytes(site / 'pagefind'):,} bytes; a query fetches {per_query:,} bytes (mean) once its "
              "loader and wasm are loaded. Pagefind does not work from file://; musubi's search does.")
    else:
        print("pagefind: not installed (pip install pagefind-bin-extended, or `make bench`): skipped")


def archive_report(browser, site: Path, label: str) -> None:
    server, base = serve(site)
    context = browser.new_context()
    page = context.new_page()
    counts, sizes, hits = [], [], []
    for query, _ in QUERIES:
        urls, count, size = ours(page, base, site, query)
        counts.append(count)
        sizes.append(size)
        hits.append(len(urls))
    context.close()
    server.shutdown()
    print(f"== {label}: {index_figures(site)}")
    print(f"  over the {len(QUERIES)} queries: {loaded_figures(counts, sizes)}")
    worst = sorted(zip(sizes, counts, (q for q, _ in QUERIES)), reverse=True)[:5]
    print("  most loaded: " + ", ".join(f"{q} {s:,} B in {c}" for s, c, q in worst))


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import write_corpus

    work = Path(tempfile.mkdtemp(prefix="musubi-search-bench-"))
    sizes = [int(n) for n in os.environ.get("MUSUBI_SEARCH_SIZES", "1000").split(",") if n]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"))
            seeds_report(browser, work)
            for n in sizes:
                site = build(write_corpus(work / f"a{n}" / "seeds", n), work / f"a{n}")
                archive_report(browser, site, f"{n:,} synthetic articles")
                shutil.rmtree(work / f"a{n}", ignore_errors=True)
            for built in argv:
                archive_report(browser, Path(built), built)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
