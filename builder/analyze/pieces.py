"""MeCab over an article of any length, a bounded piece at a time.

MeCab builds one lattice for the text it is given; a few megabytes in one call
crash it (a segmentation fault, no message). So an article is tokenised in
consecutive pieces of at most `SIZE` characters, cut at a line break where
there is one (else after a sentence end or a comma, else at white space — a word
is cut only in a run with none of them), and only as the analysis reaches them: the
tokens held at any time are those of one piece, not of the article. An article
of up to `SIZE` characters is one piece, exactly as MeCab reads it whole.
"""

from __future__ import annotations

import unicodedata

from builder.analyze.tokens import Token, tokenize

SIZE = 32_768  # characters (about 96 KB of Japanese in UTF-8); a long news article is a fifth of it
LEAD = 512  # characters before a piece read with it, at most
# where to cut, best first; a piece starts with the white space it was cut at, so that its first
# token is seen to follow white space (`Token.space_before`) as in the whole text
BREAKS = (("\n", 0), ("。！？!?", 1), ("、，,", 1), (" \u3000\t", 0))


def cut(text: str, start: int, limit: int) -> int:
    """Where a piece of `text` that starts at `start` ends, at most at `limit`: at the last
    break of the best kind in the second half of the range, or at `limit` when it has none
    (moved back off combining marks, which belong to the character before them)."""
    if limit >= len(text):
        return len(text)
    low = start + (limit - start) // 2
    for chars, after in BREAKS:
        at = max(text.rfind(ch, low, limit) for ch in chars)
        if at > start:
            return at + after
    while limit > low and unicodedata.combining(text[limit]):
        limit -= 1
    return limit


def _lead(text: str, start: int) -> int:
    """Where to start reading for a piece that starts at `start`: MeCab chooses a word by its
    neighbours too (初芝 after a full stop is a family name, at the start of a text a place;
    a katakana run after 。 is one word, at the start two), so the piece is read with the
    sentence before it, whose tokens are then dropped. That sentence starts after a line
    break or a sentence end, where a reading starts afresh as well as it can."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0:
        return 0
    low = max(0, end - LEAD)
    at = max(text.rfind(ch, low, end - 1) for ch in "\n。")
    return at + 1 if at >= 0 else low


class Tokens:
    """The tokens of a text in order, tokenised piece by piece as they are asked for."""

    def __init__(self, text: str, size: int | None = None):
        self.text, self.size = text, size or SIZE
        self._marks = bytearray(len(text) + 1)  # 1 where a token starts or ends (see Analysis.bounds)
        self._next = 0  # where the next piece starts
        self._tokens: list[Token] = []
        self._i = 0  # the next token not yet taken or skipped

    def _more(self) -> bool:
        """Tokenise the next piece, if there is one; the previous piece's tokens are let go."""
        if self._next >= len(self.text):
            return False
        start = self._next
        self._next = cut(self.text, start, start + self.size)
        lead = _lead(self.text, start)
        self._tokens = [t for t in tokenize(self.text[lead : self._next], lead) if t.start >= start]
        self._i = 0
        marks = self._marks
        for t in self._tokens:
            marks[t.start] = marks[t.end] = 1
        return True

    def skip_to(self, pos: int) -> None:
        """Pass over the tokens that start before `pos`."""
        while True:
            tokens, i = self._tokens, self._i
            while i < len(tokens) and tokens[i].start < pos:
                i += 1
            self._i = i
            if i < len(tokens) or not self._more():
                return

    def take_until(self, end: int) -> list[Token]:
        """The next tokens that end by `end`."""
        taken: list[Token] = []
        while True:
            tokens, i = self._tokens, self._i
            first = i
            while i < len(tokens) and tokens[i].end <= end:
                i += 1
            taken += tokens[first:i]
            self._i = i
            if i < len(tokens) or not self._more():
                return taken

    def bounds(self) -> bytes:
        """Where every token of the whole text starts or ends (the rest is tokenised first)."""
        while self._more():
            pass
        return bytes(self._marks)
