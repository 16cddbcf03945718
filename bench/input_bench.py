"""What bounded tokenisation costs (`make bench`): one 20 MB article and 1,000 ordinary ones,
each built in a fresh process two ways — MeCab over each article in one call, as musubi did
before (`pieces.SIZE` as large as the article), and in pieces of `pieces.SIZE` characters —
with the time of every stage and the peak memory of the build. An ordinary article is one
piece either way, so its cost must not move; a 20 MB article in one call crashes MeCab. Whole
builds on a shared machine move by a third from run to run, so the ordinary articles' analysis
is also timed in this process: CPU time of analysing 300 articles, both ways in turn, 7 rounds.
Reproduce with `.venv/bin/python bench/input_bench.py` (MUSUBI_BENCH_LONG_MB sets the size)."""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from build_bench import run_build
from corpus import article, long_article, write_corpus

from builder.analyze import analyze, pieces
from builder.analyze.lexicon import load_lexicon
from builder.files.datafiles import DATA_DIR
from builder.read.plain import parse

LONG_MB = int(os.environ.get("MUSUBI_BENCH_LONG_MB", "20"))
WAYS = {"one call (before)": "import builder.analyze.pieces as p; p.SIZE = 1 << 60", "pieces (now)": ""}
ROUNDS = 7


def analysis_cpu() -> dict[str, list[float]]:
    """CPU seconds to analyse 300 ordinary articles, MeCab in one call and in pieces, in turn."""
    lexicon = load_lexicon(DATA_DIR / "lexicon.yaml")
    rng = random.Random(20250127)
    articles = [parse(f"a{n}", f"a{n}.txt", article(n, rng)) for n in range(300)]
    for a in articles[:20]:
        analyze(a, lexicon)  # warm: the dictionary, the word cache
    sizes = {"one call (before)": 1 << 60, "pieces (now)": pieces.SIZE}
    seconds: dict[str, list[float]] = {way: [] for way in sizes}
    for n in range(ROUNDS):
        for way in list(sizes)[:: 1 if n % 2 == 0 else -1]:
            pieces.SIZE, started = sizes[way], time.process_time()
            for a in articles:
                analyze(a, lexicon)
            seconds[way].append(time.process_time() - started)
    pieces.SIZE = sizes["pieces (now)"]
    return seconds


def describe(run: dict) -> str:
    if "signal" in run:
        return f"killed by signal {run['signal']} after {run['wall']:.1f}s (no message, no site)"
    stages = ", ".join(f"{name} {seconds:.1f}" for name, _, seconds in run["stages"] if seconds >= 0.05)
    peak = max(run["peak_kb"] + [run["children_kb"]]) / 1024
    return f"{sum(s for _, _, s in run['stages']):7.1f}s  peak {peak:6.0f} MB  ({stages})"


def main() -> int:
    print(f"bounded tokenisation on {os.cpu_count()} cores (one run each; the machine is shared and noisy)")
    work = Path(tempfile.mkdtemp(prefix="musubi-input-bench-"))
    try:
        corpora = {f"one article of {LONG_MB} MB": work / "long", "1,000 ordinary articles": work / "many"}
        (work / "long" / "seeds").mkdir(parents=True)
        (work / "long" / "seeds" / "long.txt").write_text(long_article(LONG_MB * 2**20), encoding="utf-8")
        write_corpus(work / "many" / "seeds", 1000)
        for name, project in corpora.items():
            print(f"== {name}")
            for way, setup in WAYS.items():
                for built in ("content", "site", ".musubi-cache"):
                    shutil.rmtree(project / built, ignore_errors=True)
                print(f"  {way:18} {describe(run_build(project, setup))}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"== analysis of 300 ordinary articles, CPU seconds, {ROUNDS} rounds in turn")
    for way, seconds in analysis_cpu().items():
        print(f"  {way:18} median {statistics.median(seconds):6.3f}  best {min(seconds):6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
