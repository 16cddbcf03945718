"""The publication date an article's own lines print (a dateline), when no metadata gives one.

(First version: a line that is only a date, anywhere in the article.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from builder import dates

DATELINE = re.compile(r"^(?:(?:公開|更新|配信|掲載|投稿)(?:日|日時)?\s*[:：]?\s*)?(?:19|20)\d{2}\s*[年/\-.]\s*\d{1,2}\s*[月/\-.]\s*\d{1,2}\s*日?(?:\s*[(（][^)）]{1,3}[)）])?(?:\s*\d{1,2}[:：時]\d{2}分?)?\s*$")


@dataclass(frozen=True)
class Found:
    iso: str  # YYYY-MM-DD
    lines: frozenset[int]  # the lines that are only metadata (the dateline): not part of the article's body


def find(lines: Sequence[str]) -> Found | None:
    """The publication date among `lines` (each stripped), and which lines print it."""
    for n, line in enumerate(lines):
        if DATELINE.match(line):
            found = dates.absolute_dates(line)
            return Found(found[0].iso, frozenset({n})) if found else None
    return None
