"""The learned name tagger at build time: names and their kinds in one sentence's tokens.

The model file ships in the package (`builder/data/ner.crfsuite`, made by `ner/train.py`)
and is loaded once per process; nothing is downloaded. A project without the file (or
with `MUSUBI_NER=off`, to measure the rules alone) still builds, from the rules only.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from builder.analyze.ner.features import sentence_features
from builder.analyze.tokens import Token
from builder.analyze.vocab import Vocab

MODEL = Path(__file__).resolve().parent.parent.parent / "data" / "ner.crfsuite"


@lru_cache(maxsize=1)
def _tagger() -> pycrfsuite.Tagger | None:
    if os.environ.get("MUSUBI_NER") == "off" or not MODEL.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    return tagger


def available() -> bool:
    return _tagger() is not None


class Tagging:
    """The tagger's reading of one sentence: the names it sees (`spans`: first token, one past
    the last, kind, how sure it is), and how sure it is that given words are no name at all.
    Read it before the next sentence is tagged: the tagger holds one sentence at a time."""

    def __init__(self, tagger: pycrfsuite.Tagger | None, labels: list[str]):
        self._tagger, self.spans = tagger, []
        i, n = 0, len(labels)
        while i < n:
            label = labels[i]
            if label == "O" or label.startswith("I-"):  # an I- without its B- is not a name
                i += 1
                continue
            kind = label[2:]
            j = i + 1
            while j < n and labels[j] == "I-" + kind:
                j += 1
            # how sure: the lowest marginal probability of the span's labels, boundaries included
            self.spans.append((i, j, kind, min(tagger.marginal(labels[k], k) for k in range(i, j))))
            i = j

    def outside(self, i: int, j: int) -> float:
        """How sure the tagger is that none of tokens i..j-1 is part of a name (0 without a model)."""
        return min(self._tagger.marginal("O", k) for k in range(i, j)) if self._tagger else 0.0


def tag(tokens: list[Token], vocab: Vocab, hints: list[list[str]]) -> Tagging:
    """The tagger's reading of one sentence's tokens. `hints`: what the rules and the lexicon
    propose, per token (`candidates.proposal_features`)."""
    tagger = _tagger()
    if tagger is None or not tokens:
        return Tagging(None, [])
    return Tagging(tagger, tagger.tag(sentence_features(tokens, vocab, hints)))
