"""Normalisation used only for matching: offsets always point into the raw text.

`fold_width` keeps every character in place (one in, one out), so a regex run
over the folded text gives offsets that are valid in the original. `name_key`
is the lossy key under which spellings of one name meet.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20  # ideographic space
_SEPARATORS = str.maketrans("", "", " ・･‐-‑–—_＝=.．'’")


def fold_width(text: str) -> str:
    """Full-width ASCII to half-width, length-preserving."""
    return text.translate(_WIDTH)


@lru_cache(maxsize=131072)
def name_key(text: str) -> str:
    """The key two spellings of one name share: NFKC, case-folded, no separators."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_SEPARATORS)
