"""Train the clause layer: `python -m builder.train_clauses GSD_FOLDER [MODEL]` (or `make model`).

Learns, from the *tune* part of UD Japanese GSD's dependency trees (`gsd.py`), where chunks
start and when a chunk depends on the next one the shift-reduce parser offers it
(analyze/clauses.py). Deterministic: averaged perceptrons over the sentences in
file order, weights rounded, the file written with sorted keys — the same data gives the same
file, byte for byte. The model is derived from CC BY-SA 4.0 data and carries that licence.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from builder import gsd
from builder.analyze import clauses
from builder.analyze.tokens import tokenize

EPOCHS = 5
LICENCE = ("Learned from UD Japanese GSD (r2.8, dev and test parts' dependency trees; the UD Japanese GSD"
           " contributors), CC BY-SA 4.0; this file is under the same licence.")


PAIR_LEAST = 2  # times a pair of words must have been seen, always deciding alike, to decide alone


def start_pairs(examples) -> dict[str, bool]:
    """Pairs of word classes (`tokens.chunk_class`) that always started a chunk, or never did."""
    seen: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for tokens, spans, _ in examples:
        starts = {a for a, _ in spans}
        for k in range(1, len(tokens)):
            seen[tokens[k - 1].chunk_class, tokens[k].chunk_class][k in starts] += 1
    return {"\t".join(pair): bool(c[1]) for pair, c in sorted(seen.items()) if sum(c) >= PAIR_LEAST and 0 in c}


def places(examples) -> list[tuple[tuple, bool]]:
    """Every place a chunk may start, and whether one does in the gold."""
    out = []
    for tokens, spans, _ in examples:
        starts = {a for a, _ in spans}
        out += [(clauses.start_features(clauses.place(tokens, k)), k in starts) for k in range(1, len(tokens))]
    return out


def situations(examples) -> list[tuple[tuple, bool]]:
    """What the parser is asked while it reads each gold tree, and the gold answers."""
    out = []
    for tokens, spans, heads in examples:
        d = [clauses.number(clauses.describe(tokens[a:b])) for a, b in spans]
        commas, topics = clauses.counts(d)

        def gold(i: int, j: int) -> bool:
            out.append((clauses.features(clauses.situation(d, i, j, commas, topics)), heads[i] == j))
            return heads[i] == j

        clauses.attach(len(d), gold, clauses.brackets(tokens, spans))
    return out


def perceptron(asked: list[tuple[tuple, bool]]) -> dict[tuple, float]:
    """Averaged perceptron weights (w − u/c, the usual trick for the average)."""
    w: dict[tuple, float] = defaultdict(float)
    u: dict[tuple, float] = defaultdict(float)
    c = 1
    for _ in range(EPOCHS):
        for fs, y in asked:
            if (sum(w[f] for f in fs) > 0) != y:
                step = 1 if y else -1
                for f in fs:
                    w[f] += step
                    u[f] += c * step
            c += 1
    return {f: round(w[f] - u[f] / c, 4) for f in w if round(w[f] - u[f] / c, 4)}


def train(sentences: list[gsd.Sentence]) -> dict:
    examples = []
    for s in sentences:
        tokens = tokenize(s.text)
        spans = gsd.token_chunks(tokens, s.chunks)
        if spans is not None and all(h < 0 or h > k for k, h in enumerate(s.heads)):  # head-final trees only
            examples.append((tokens, spans, s.heads))
    return {"licence": LICENCE, "sentences": len(examples),
            "start_pairs": start_pairs(examples),
            "start_weights": sorted([list(f), w] for f, w in perceptron(places(examples)).items()),
            "weights": sorted([list(f), w] for f, w in perceptron(situations(examples)).items())}


def dumps(data: dict) -> str:
    """JSON with one weight a line, so that a retrained model reads as a diff."""
    parts = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, list):
            lines = ",\n".join(json.dumps(x, ensure_ascii=False) for x in value)
            parts.append(f"{json.dumps(key)}: [\n{lines}\n]")
        else:
            parts.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print("usage: python -m builder.train_clauses GSD_FOLDER [MODEL_FILE]", file=sys.stderr)
        return 2
    out = Path(argv[1]) if len(argv) > 1 else clauses.MODEL
    tune = gsd.split(gsd.read(Path(argv[0])), "tune")
    data = train(tune)
    out.write_text(dumps(data), encoding="utf-8")
    print(f"trained on {data['sentences']} of {len(tune)} sentences of the tune part: {out} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
