"""Find dates written in Japanese text and resolve partial ones.

Absolute forms (2025年1月27日, 2025/1/27, 2025-01-27, 2025年1月) are read as
written. Partial forms (1月27日, 1/27, 27日) take the missing year and month from
a reference date: the article's own date when it has one, otherwise the nearest
absolute date written in the same text. `DateRef.basis` records which.
"""

from __future__ import annotations

import re

from builder.model import DateRef
from builder.textnorm import fold_width

_FULL = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|[/\-.](\d{1,2})[/\-.](\d{1,2})(?!\d))")
_MONTH_DAY = re.compile(r"(?<![\d年/.\-])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_SLASH = re.compile(r"(?<![\d/.\-])(\d{1,2})/(\d{1,2})(?![\d/])")
_DAY = re.compile(r"(?<![\d月/.\-])(\d{1,2})日(?![間後前目])")


def _valid(month: int, day: int | None) -> bool:
    return 1 <= month <= 12 and (day is None or 1 <= day <= 31)


def _iso(year: int, month: int, day: int | None) -> str:
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def absolute_dates(text: str) -> list[DateRef]:
    """Dates that carry their own year, in text order."""
    found = []
    for m in _FULL.finditer(fold_width(text)):
        year = int(m.group(1))
        month = int(m.group(2) or m.group(4))
        day_s = m.group(3) or m.group(5)
        day = int(day_s) if day_s else None
        if _valid(month, day):
            found.append(DateRef(m.start(), m.end(), text[m.start():m.end()], _iso(year, month, day)))
    return found


def _nearest(anchors: list[DateRef], pos: int) -> DateRef | None:
    return min(anchors, key=lambda d: (abs(d.start - pos), d.start)) if anchors else None


def all_dates(text: str, article_date: str | None) -> list[DateRef]:
    """Every date in `text`: absolute ones, then partial ones resolved in context."""
    absolutes = absolute_dates(text)
    taken = [(d.start, d.end) for d in absolutes]
    folded = fold_width(text)
    result = list(absolutes)

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def reference(pos: int) -> tuple[int, int, str] | None:
        if article_date:
            year, month = (int(x) for x in article_date.split("-")[:2])
            return year, month, f"article date {article_date}"
        near = _nearest(absolutes, pos)
        if near is None:
            return None
        year, month = (int(x) for x in near.iso.split("-")[:2])
        return year, month, f"nearest date in text: {near.text}"

    partial = []
    for m in list(_MONTH_DAY.finditer(folded)) + list(_SLASH.finditer(folded)):
        partial.append((m.start(), m.end(), int(m.group(1)), int(m.group(2))))
    for m in _DAY.finditer(folded):
        partial.append((m.start(), m.end(), None, int(m.group(1))))
    for start, end, month, day in sorted(partial):
        if not free(start, end):
            continue
        ref = reference(start)
        if ref is None or not _valid(month or ref[1], day):
            continue
        year, ref_month, basis = ref
        taken.append((start, end))
        what = "year" if month else "year and month"
        result.append(DateRef(start, end, text[start:end], _iso(year, month or ref_month, day), f"{what} from {basis}"))
    return sorted(result, key=lambda d: d.start)
