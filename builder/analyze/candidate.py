"""A stretch of tokens that may be a name (see `candidates.py` for how they are found)."""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.analyze.lexicon import LexEntry
from builder.textnorm import name_key


@dataclass(slots=True)
class Candidate:
    i: int  # first token
    j: int  # one past the last token
    start: int
    end: int
    text: str
    implied: str = ""  # the kind its own parts say: an ending (グループ, 平均, 市) or a compound (米商務省)
    lexicon: LexEntry | None = None
    key: str = field(init=False)  # name_key of the text

    def __post_init__(self) -> None:
        self.key = name_key(self.text)
