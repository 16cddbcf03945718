"""Train the name tagger: `python -m builder.train_ner DATA [MODEL]` (or `make model`).

A linear-chain CRF (CRFsuite, through python-crfsuite) over the tokens of the `tune`
part of the Stockmark data (`stockmark.py`), with the features of `analyze/ner/features.py`.
Training is deterministic (L-BFGS from zero weights, sentences in file order): the
same data gives the same model file, byte for byte. The model is derived from
CC BY-SA 3.0 data and carries that licence (README, "The name tagger").
"""

from __future__ import annotations

import sys
from pathlib import Path

import pycrfsuite

from builder import stockmark
from builder.analyze.candidates import proposal_features, proposals
from builder.analyze.lexicon import load_lexicon
from builder.analyze.ner.features import sentence_features
from builder.analyze.ner.tagger import MODEL
from builder.analyze.vocab import vocab
from builder.files.config import Config

# L1 keeps the model small (most of the feature strings get weight zero); L2 smooths.
PARAMS = {"c1": 0.02, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}


def train(sentences: list[stockmark.Sentence], out: Path, params: dict | None = None) -> int:
    """Train on `sentences`, write the model to `out`; returns how many sentences were used."""
    trainer = pycrfsuite.Trainer(verbose=False)
    v, lexicon = vocab(), load_lexicon(Config().lexicon)  # the shipped lexicon, as a build reads it
    used = 0
    for s, tokens in stockmark.tokenized(sentences):
        labels = stockmark.bio(tokens, s.spans)
        if labels is None or not tokens:
            continue  # a name that starts or ends inside a token: not learnable
        hints = proposal_features(len(tokens), *proposals(tokens, s.text, 0, v, lexicon))
        trainer.append(sentence_features(tokens, v, hints), labels)
        used += 1
    trainer.set_params({**PARAMS, **(params or {})})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return used


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print("usage: python -m builder.train_ner STOCKMARK_JSON [MODEL_FILE]", file=sys.stderr)
        return 2
    data = Path(argv[0])
    if not data.is_file():
        print(f"{data}: no such file (the Stockmark NER data, see README)", file=sys.stderr)
        return 1
    out = Path(argv[1]) if len(argv) > 1 else MODEL
    tune = stockmark.split(stockmark.read(data), "tune")
    used = train(tune, out)
    print(f"trained on {used} of {len(tune)} sentences of the tune part: {out} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
