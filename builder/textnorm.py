"""Normalisation used only for matching: offsets always point into the raw text.

`fold_width` keeps every character in place (one in, one out), so a regex run
over the folded text gives offsets that are valid in the original. `name_key`
is the lossy key under which spellings of one name meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20  # ideographic space
_WIDE_RUN = re.compile("[\uFF01-\uFF5E\u3000]+")
_SEPARATORS = str.maketrans("", "", " ・･‐-‑–—_＝=.．'’")


def fold_width(text: str) -> str:
    """Full-width ASCII to half-width, length-preserving."""
    # Only runs of wide characters are translated: str.translate looks up every character
    # of a Japanese text one by one, which costs more than the rest of finding amounts.
    return _WIDE_RUN.sub(lambda m: m.group().translate(_WIDTH), text)


@lru_cache(maxsize=131072)
def name_key(text: str) -> str:
    """The key two spellings of one name share: NFKC, case-folded, no separators."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_SEPARATORS)
