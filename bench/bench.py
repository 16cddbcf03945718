"""Benchmarks (`make bench`): numbers to read, never asserted by tests.

Extraction cost: `analyze` over a text (what `musubi extract` does per file)
against tokenising the same text with fugashi alone (reading each token's
part of speech). Two measures: CPU time, best of several interleaved rounds,
and — because time on a shared virtual machine wanders by ±30% — the number of
instructions executed, counted by valgrind's callgrind (repeatable to the last
digit), with the cost of starting Python and importing subtracted.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from builder.analyze import analyze
from builder.analyze.lexicon import load_lexicon
from builder.analyze.tokens import tagger
from builder.datafiles import DATA_DIR
from builder.ingest import parse, read_article

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 15


def corpus() -> list:
    articles = [read_article(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for path in sorted((ROOT / "tests" / "devset").glob("*.yaml")):
        for doc in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            articles.append(parse(doc["id"], doc["id"], doc["text"]))
    return articles


def fugashi_alone(articles) -> None:
    t = tagger()
    for a in articles:
        for word in t(a.text):
            word.feature.pos1


def analysis(articles, lexicon) -> None:
    for a in articles:
        analyze(a, lexicon)


def timed(fn, *args) -> float:
    """CPU seconds of this process (less disturbed by other work on the machine than wall time)."""
    started = time.process_time()
    fn(*args)
    return time.process_time() - started


def instructions(mode: str) -> int:
    """Instructions callgrind counts for one run of `bench.py --mode MODE`."""
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__, "--mode", mode],
        capture_output=True, text=True, check=True,
    )
    return int(re.search(r"Collected : (\d+)", run.stderr).group(1))


def run_mode(mode: str) -> None:
    """The body callgrind measures: imports and warm-up always, then one kind of work."""
    lexicon = load_lexicon(DATA_DIR / "lexicon.yaml")
    articles = corpus()
    analysis(articles[:2], lexicon)
    for _ in range(3):
        if mode == "fugashi":
            fugashi_alone(articles)
        elif mode == "analyze":
            analysis(articles, lexicon)


def main() -> int:
    if sys.argv[1:2] == ["--mode"]:
        run_mode(sys.argv[2])
        return 0
    lexicon = load_lexicon(DATA_DIR / "lexicon.yaml")
    articles = corpus()
    chars = sum(len(a.text) for a in articles)
    analysis(articles[:1], lexicon)  # warm up: dictionary, vocabularies
    base, ours = [], []
    for _ in range(ROUNDS):  # interleaved, so both see the same machine
        base.append(timed(fugashi_alone, articles * 3))
        ours.append(timed(analysis, articles * 3, lexicon))
    b, o = min(base) / 3, min(ours) / 3
    print(f"extraction speed: {len(articles)} texts, {chars:,} characters, best of {ROUNDS} rounds (CPU time)")
    print(f"  fugashi alone   {b * 1000:8.1f} ms   {chars / b / 1000:8.0f} k chars/s")
    print(f"  musubi analyze  {o * 1000:8.1f} ms   {chars / o / 1000:8.0f} k chars/s")
    print(f"  ratio analyze / fugashi alone: {o / b:.2f}x in CPU time (target: at most 2x)")
    if shutil.which("valgrind"):
        counts = {mode: instructions(mode) for mode in ("none", "fugashi", "analyze")}
        work = {mode: counts[mode] - counts["none"] for mode in ("fugashi", "analyze")}
        print(f"  instructions (callgrind, 3 passes): fugashi alone {work['fugashi']:,}, analyze {work['analyze']:,}")
        print(f"  ratio analyze / fugashi alone: {work['analyze'] / work['fugashi']:.2f}x in instructions (target: at most 2x)")
    else:
        print("  (install valgrind for the instruction-count measure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
