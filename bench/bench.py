"""Benchmarks (`make bench`): numbers to read, never asserted by tests.

Extraction cost: `analyze` over a text (what `musubi extract` does per file)
against tokenising the same text with fugashi alone (reading each token's
part of speech). Two measures: CPU time, the median (and best) of interleaved
rounds, and — because time on a shared virtual machine wanders by ±30% — the number of
instructions executed, counted by valgrind's callgrind (repeatable to the last
digit), with the cost of starting Python and importing subtracted.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from statistics import median

import fugashi
import yaml

from builder.analyze import analyze
from builder.analyze.lexicon import load_lexicon
from builder.files.datafiles import DATA_DIR
from builder.read import read_article
from builder.read.plain import parse

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 21


def corpora() -> dict[str, list]:
    """Two kinds of text: the seeds (real news, as published) and the development set
    (short paragraphs written to be dense with names, so the analysis works hardest)."""
    seeds = [read_article(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    dense = []
    for path in sorted((ROOT / "tests" / "devset").glob("*.yaml")):
        for doc in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            dense.append(parse(doc["id"], doc["id"], doc["text"]))
    return {"seeds (news articles)": seeds, "development set (dense with names)": dense, "both": seeds + dense}


@lru_cache(maxsize=1)
def plain_tagger() -> fugashi.Tagger:
    return fugashi.Tagger()


def fugashi_alone(articles) -> None:
    """fugashi as its README shows it: a tagger with default settings, each word's part of speech."""
    t = plain_tagger()
    for a in articles:
        for word in t(a.text):
            _ = word.feature.pos1


def analysis(articles, lexicon) -> None:
    for a in articles:
        analyze(a, lexicon)


def timed(fn, *args) -> float:
    """CPU seconds of this process (less disturbed by other work on the machine than wall time)."""
    started = time.process_time()
    fn(*args)
    return time.process_time() - started


def instructions(mode: str, name: str) -> int:
    """Instructions callgrind counts for one run of `bench.py --mode MODE NAME`."""
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__, "--mode", mode, name],
        capture_output=True, text=True, check=True,
    )
    return int(re.search(r"Collected : (\d+)", run.stderr).group(1))


def run_mode(mode: str, name: str) -> None:
    """The body callgrind measures: imports and warm-up always, then one kind of work."""
    lexicon = load_lexicon(DATA_DIR / "lexicon.yaml")
    articles = corpora()[name]
    analysis(articles[:2], lexicon)
    fugashi_alone(articles[:2])
    for _ in range(3):
        if mode == "fugashi":
            fugashi_alone(articles)
        elif mode == "analyze":
            analysis(articles, lexicon)


def instruction_ratio(name: str) -> tuple[int, int]:
    """(fugashi alone, analyze) instructions over three passes, start-up subtracted; the
    three valgrind runs go in parallel."""
    with ThreadPoolExecutor(3) as pool:
        none, base, ours = pool.map(lambda mode: instructions(mode, name), ("none", "fugashi", "analyze"))
    return base - none, ours - none


def main() -> int:
    if sys.argv[1:2] == ["--mode"]:
        run_mode(sys.argv[2], sys.argv[3])
        return 0
    lexicon = load_lexicon(DATA_DIR / "lexicon.yaml")
    print(f"extraction speed: analyze vs fugashi alone; CPU time over {ROUNDS} interleaved rounds")
    print(f"{'text':38} {'chars':>7} {'fugashi ms':>10} {'analyze ms':>10} {'median':>7} {'best':>6} {'instr.':>7}")
    for name, articles in corpora().items():
        chars = sum(len(a.text) for a in articles)
        analysis(articles[:1], lexicon)  # warm up: dictionaries, vocabularies
        fugashi_alone(articles[:1])
        base, ours = [], []
        for _ in range(ROUNDS):  # interleaved, so both see the same machine
            base.append(timed(fugashi_alone, articles * 3) / 3)
            ours.append(timed(analysis, articles * 3, lexicon) / 3)
        b, o = median(base), median(ours)
        counted = "-"
        if shutil.which("valgrind"):
            fugashi_count, analyze_count = instruction_ratio(name)
            counted = f"{analyze_count / fugashi_count:.2f}x"
        print(f"{name:38} {chars:7,} {b * 1000:10.1f} {o * 1000:10.1f} {o / b:6.2f}x {min(ours) / min(base):5.2f}x {counted:>7}")
    print("target: analyze at most 2x fugashi alone. 'instr.' counts instructions with valgrind's callgrind")
    if not shutil.which("valgrind"):
        print("(install valgrind for the instruction counts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
