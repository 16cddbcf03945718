"""Normalisation used only for matching: offsets always point into the raw text.

`fold_width` and `fold_variants` keep every character in place (one in, one
out), so a regex run over the folded text, or MeCab's tokens of it, give offsets
that are valid in the original. `name_key` is the lossy key under which
spellings of one name meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from builder.files.datafiles import load_data

_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20  # ideographic space
_WIDE_RUN = re.compile("[\uFF01-\uFF5E\u3000]+")
_SEPARATORS = str.maketrans("", "", " ・･‐-‑–—_＝=.．'’")


@lru_cache(maxsize=1)
def _variants() -> tuple[dict[str, str], re.Pattern]:
    """Variant kanji → their common form: data/variants.yaml, and every CJK compatibility
    ideograph or Kangxi radical whose normalisation is one character (text copied out of PDFs
    writes 木 as the radical ⽊, which neither the dictionary nor a reader's search knows)."""
    codes = [*range(0x2F00, 0x2FE0), *range(0xF900, 0xFB00)]
    table = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in codes}
    table = {v: c for v, c in table.items() if len(c) == 1 and c != v}
    table.update({str(v): str(c) for v, c in load_data("variants.yaml")["variants"].items() if len(str(v)) == len(str(c)) == 1})
    return table, re.compile("[" + "".join(sorted(table)) + "]")


def fold_variants(text: str) -> str:
    """Variant kanji (髙, 﨑) as their common form (高, 崎), which the dictionary knows; the
    same length, character for character."""
    table, pattern = _variants()
    return pattern.sub(lambda m: table[m.group()], text) if pattern.search(text) else text


def fold_width(text: str) -> str:
    """Full-width ASCII to half-width, length-preserving."""
    # Only runs of wide characters are translated: str.translate looks up every character
    # of a Japanese text one by one, which costs more than the rest of finding amounts.
    return _WIDE_RUN.sub(lambda m: m.group().translate(_WIDTH), text)


@lru_cache(maxsize=131072)
def name_key(text: str) -> str:
    """The key two spellings of one name share: NFKC, variant kanji folded, case-folded, no separators."""
    return fold_variants(unicodedata.normalize("NFKC", text)).casefold().translate(_SEPARATORS)
