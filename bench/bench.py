"""Benchmarks (`make bench`): numbers to read, never asserted by tests.

Extraction cost: `analyze` over a text (what `musubi extract` does per file)
against tokenising the same text with fugashi alone (reading each token's
part of speech), best of several interleaved rounds of CPU time to damp noise.
"""

from __future__ import annotations

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


def main() -> int:
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
    print(f"  ratio analyze / fugashi alone: {o / b:.2f}x (target: at most 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
