"""A stretch of tokens that may be a name (see `candidates.py` for how they are found),
and what the words right around it say (`cues.read_context` fills that in once, so the
votes and the relation patterns share one reading)."""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.analyze.lexicon import LexEntry
from builder.read.textnorm import name_key


@dataclass(slots=True)
class Candidate:
    i: int  # first token
    j: int  # one past the last token
    start: int
    end: int
    text: str
    implied: str = ""  # the kind its own parts say: an ending (グループ, 平均, 市) or a compound (米商務省)
    lexicon: LexEntry | None = None
    tagged: str = ""  # the kind the learned tagger gives the span (ner/tagger.py), if it found it
    sure: float = 0.0  # how sure the tagger is of that span and kind (0..1)
    outside: float = 0.0  # how sure the tagger is that no word of it is part of a name (0..1)
    key: str = field(init=False)  # name_key of the text
    # context, set by cues.read_context
    titles: list[str] = field(init=False)  # titles right after it (会長兼社長 → [会長, 社長])
    title_end: int = field(init=False)  # the token after those titles
    title_before: list[str] = field(init=False)  # titles set before it (OrgのCEOであるX, Org代表取締役社長のX)
    org_end: int | None = field(init=False)  # the token after the organisation named before that title
    phrase: tuple[int, int] | None = field(init=False)  # a describing company phrase before it (米半導体大手の)
    after: int = field(init=False)  # the token after it and what closes it (」, モデル, a parenthesis)

    def __post_init__(self) -> None:
        self.key = name_key(self.text)
