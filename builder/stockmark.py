"""The Stockmark Wikipedia NER data (CC BY-SA 3.0): read, split, lined up with tokens.

The data is not in the project (its licence and the rule that fixtures are our own
sentences keep it out); `make model` and `make eval` read it from where it lies,
`../shared/data/stockmark-ner/dev.json` by default. It is split in two by Wikipedia
article (`curid`), with a hash, so the split never changes and no article is in
both parts: `tune` trains the tagger, `score` is only ever measured on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from builder.analyze import analyze
from builder.analyze.lexicon import Lexicon
from builder.analyze.tokens import Token, tokenize
from builder.errors import InputError
from builder.evaluate import Score
from builder.link import link
from builder.read.plain import parse

# the data's types → the tagger's labels; musubi's types are named where they exist
LABELS = {"人名": "person", "法人名": "company", "政治的組織名": "organization", "その他の組織名": "organization",
          "地名": "place", "施設名": "facility", "製品名": "product", "イベント名": "event"}
SCORE_SHARE = 4  # one article in this many is in the scoring part


@dataclass
class Sentence:
    curid: str
    text: str
    spans: list[tuple[int, int, str]]  # (start, end, label) in characters of text


def read(path: Path) -> list[Sentence]:
    """The sentences of the data file, in its order."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return [Sentence(str(r["curid"]), r["text"],
                     sorted((e["span"][0], e["span"][1], LABELS[e["type"]]) for e in r["entities"] if e["type"] in LABELS))
            for r in rows]


def read_checked(path: Path) -> list[Sentence]:
    """`read`, with a missing or malformed file reported in one line (`musubi eval --stockmark`)."""
    try:
        return read(path)
    except OSError as exc:
        raise InputError(path, None, f"cannot read the Stockmark data ({exc.strerror})") from None
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise InputError(path, None, f"not the Stockmark NER format ({type(exc).__name__}: {exc})") from None


def part(sentence: Sentence) -> str:
    """`score` or `tune`, by a hash of the sentence's Wikipedia article."""
    digest = hashlib.sha256(sentence.curid.encode()).digest()
    return "score" if digest[0] % SCORE_SHARE == 0 else "tune"


def split(sentences: list[Sentence], wanted: str) -> list[Sentence]:
    return [s for s in sentences if part(s) == wanted]


def bio(tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[str] | None:
    """B-/I-/O labels of the tokens, or None when a name starts or ends inside a token (the
    tagger cannot learn that span; the sentence is left out of training)."""
    starts = {t.start: k for k, t in enumerate(tokens)}
    ends = {t.end: k for k, t in enumerate(tokens)}
    labels = ["O"] * len(tokens)
    for start, end, label in spans:
        if start not in starts or end not in ends:
            return None
        first, last = starts[start], ends[end]
        labels[first] = "B-" + label
        for k in range(first + 1, last + 1):
            labels[k] = "I-" + label
    return labels


def tokenized(sentences: list[Sentence]) -> Iterator[tuple[Sentence, list[Token]]]:
    for s in sentences:
        yield s, tokenize(s.text)


SCORED = ("person", "company", "organization", "place", "product")
MUSUBI_TYPE = {"product": "model"}  # the data's 製品名 is what musubi calls a model (a named product)


def score(sentences: list[Sentence], lexicon: Lexicon) -> dict[str, Score]:
    """Exact-span scores per type of the whole pipeline (analysis and linking, as `musubi
    build` runs them) on these sentences, one article per Wikipedia article, a line each."""
    by_article: dict[str, list[Sentence]] = {}
    for s in sentences:
        by_article.setdefault(s.curid, []).append(s)
    articles, gold = [], set()
    for curid, group in by_article.items():
        pos = 0
        for s in group:
            gold |= {(curid, pos + a, pos + b, MUSUBI_TYPE.get(label, label)) for a, b, label in s.spans}
            pos += len(s.text) + 1
        articles.append(parse(curid, curid, "\n".join(s.text for s in group) + "\n"))
    kb = link([analyze(a, lexicon) for a in articles], lexicon)
    found = {(m.source, m.start, m.end, e.type) for e in kb.entities for m in e.mentions}
    scores = {}
    for label in SCORED:
        kind = MUSUBI_TYPE.get(label, label)
        scores[label] = Score()
        scores[label].add({g for g in gold if g[3] == kind}, {f for f in found if f[3] == kind})
    return scores


def table(name: str, scores: dict[str, Score]) -> str:
    lines = [f"== {name}", f"{'type':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'found':>7}"]
    for label, s in scores.items():
        lines.append(f"{label:<14}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp + s.fn:7d}{s.tp + s.fp:7d}")
    return "\n".join(lines)
