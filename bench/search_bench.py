"""Search quality and cost: musubi's own index against Pagefind, on the seeds site.

Both are queried in Debian's chromium (playwright) over a local http server, with
a fixed list of queries — names, other spellings of them, compound words and parts
of words, all taken from the seed articles. A query counts as found when the
expected page is among the first five results. Also reported: the index on disk
and the bytes a query downloads (Pagefind fetches index chunks per query; musubi
loads its one index file with the search page). Pagefind cannot run from file://
(it fetches its index), which musubi's search must do, so musubi keeps its own.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from pagefind_bin_extended import get_executable
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
TOP = 5

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


def ours(page, base: str, query: str) -> list[str]:
    page.goto(base + "search.html?q=" + query)
    page.wait_for_function("document.getElementById('search-status').textContent.includes('「')")
    return [a.get_attribute("href") for a in page.locator(".result-title").all()[:TOP]]


PAGEFIND_QUERY = f"""async (q) => {{
  window.pf = window.pf || await import('/pagefind/pagefind.js');
  const found = await window.pf.search(q);
  const data = await Promise.all(found.results.slice(0, {TOP}).map(r => r.data()));
  return data.map(d => d.url);
}}"""


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="musubi-search-bench-"))
    try:
        site = work / "site"
        subprocess.run([sys.executable, "-m", "builder", "build", "--seeds", str(ROOT / "seeds"), "--content", str(work / "content"),
                        "--out", str(site), "--cache", str(work / "cache")], check=True, capture_output=True)
        subprocess.run([str(get_executable()), "--site", str(site)], check=True, capture_output=True)
        expected = expected_pages(site)
        server, base = serve(site)
        results = {"musubi": [], "pagefind": []}
        downloaded = {"musubi": [], "pagefind": []}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"))
            for engine, found in results.items():
                context = browser.new_context()
                page = context.new_page()
                sizes = []
                page.on("response", lambda r, sizes=sizes: sizes.append(body_size(r)))
                if engine == "pagefind":
                    page.goto(base + "index.html")
                    page.evaluate(PAGEFIND_QUERY, "warm-up")  # loads pagefind.js, its wasm and the entry file once
                for query, want in zip((q for q, _ in QUERIES), expected):
                    sizes.clear()
                    urls = ours(page, base, query) if engine == "musubi" else page.evaluate(PAGEFIND_QUERY, query)
                    found.append(bool(want) and any(u.lstrip("/").endswith(want) for u in urls if u))
                    downloaded[engine].append(sum(sizes))
                context.close()
            browser.close()
        server.shutdown()
        ours_index = (site / "assets" / "search-index.js").stat().st_size + (site / "assets" / "search.js").stat().st_size
        sizes = {"musubi": ours_index, "pagefind": folder_bytes(site / "pagefind")}
        print(f"search: {len(QUERIES)} queries on the seeds site, found = expected page in the first {TOP} results")
        print(f"{'query':16} {'expected page':44} musubi pagefind")
        for (query, _), want, a, b in zip(QUERIES, expected, results["musubi"], results["pagefind"]):
            print(f"{query:16} {want:44} {'yes' if a else 'NO':6} {'yes' if b else 'NO'}")
        print(f"{'':16} {'found':44} {sum(results['musubi'])}/{len(QUERIES):<4} {sum(results['pagefind'])}/{len(QUERIES)}")
        print(f"{'':16} {'index on disk (bytes)':44} {sizes['musubi']:<6,} {sizes['pagefind']:,}")
        per_query = {k: sum(v) // len(v) for k, v in downloaded.items()}
        print(f"{'':16} {'downloaded per query (bytes, mean)':44} {per_query['musubi']:<6,} {per_query['pagefind']:,}")
        print("musubi's figure is everything its search page loads (page, styles, scripts, index), fetched anew for each query")
        print("(a browser would cache all but the page); Pagefind's counts only the chunks it fetches per query once its loader")
        print("and wasm are loaded. Pagefind does not work from file://; musubi's search does, so musubi keeps its own index.")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
