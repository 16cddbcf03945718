"""Find dates written in Japanese text and resolve partial ones.

Absolute forms (2025年1月27日, 2025/1/27, 2025-01-27, 2025年1月) are read as
written. Partial forms (1月27日, 1/27, 27日) take the missing year and month from
a reference date: the article's own date when it has one, otherwise the nearest
absolute date written in the same text. `DateRef.basis` records which.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, datetime, timedelta

from builder.model import DateRef
from builder.textnorm import fold_width

_FULL = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|[/\-.](\d{1,2})[/\-.](\d{1,2})(?!\d))")
_MONTH_DAY = re.compile(r"(?<![\d年/.\-])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_SLASH = re.compile(r"(?<![\d/.\-])(\d{1,2})/(\d{1,2})(?![\d/])")
_DAY = re.compile(r"(?<![\d月/.\-])(\d{1,2})日(?![間後前目でぶ連])")  # not 1日で (in a day), 3日ぶり, 2日連続
_YEAR_MONTH = re.compile(r"(昨年|前年|今年|本年|来年)\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_MONTH_ONLY = re.compile(r"(?<![\d年/.\-])(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)(?![間末])")
# words that name a date relative to another one; the value says how
_RELATIVE = {
    "同日": ("same", 0), "当日": ("same", 0), "前日": ("same", -1), "翌日": ("same", 1),
    "前週末": ("friday", -1), "先週末": ("friday", -1),
    "先月": ("month", -1), "前月": ("month", -1), "今月": ("month", 0), "来月": ("month", 1),
}
_RELATIVE_RE = re.compile("|".join(sorted(_RELATIVE, key=len, reverse=True)))
_YEAR_OFFSET = {"昨年": -1, "前年": -1, "今年": 0, "本年": 0, "来年": 1}


_WRITTEN = re.compile(r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|[/.](\d{1,2})(?:[/.](\d{1,2}))?)(?:\s*[(（][^)）]{1,3}[)）])?(?:\s*\d{1,2}\s*(?:[:：]\s*\d{2}|時(?:\s*\d{1,2}\s*分)?)(?:[:：]\d{2})?)?")
_YEAR_MONTH_ISO = re.compile(r"((?:19|20)\d{2})-(\d{2})")


def calendar_date(value) -> str | None:
    """A date given as a value (front matter, curation, page metadata) as `YYYY-MM-DD`, or
    `YYYY-MM` when only the month is given; None when it is not a real date of the calendar.

    Takes a `date`/`datetime`, any ISO 8601 form Python reads (2025-01-28, 20250128,
    2025-01-28T10:15:00+09:00, 2025-W05-2), 2025-01, and the forms Japanese pages print
    (2025年1月28日, 2025年1月28日 10時15分, 2025/01/28 10:15, 2025.1.28). A date-time keeps the
    calendar day as written, whatever its time zone: that is the day the source printed."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = fold_width(value.strip())
    for parse in (date.fromisoformat, lambda t: datetime.fromisoformat(t).date()):
        try:
            return parse(text).isoformat()
        except ValueError:
            pass
    if m := _YEAR_MONTH_ISO.fullmatch(text):
        return _checked(int(m.group(1)), int(m.group(2)), None)
    if m := _WRITTEN.fullmatch(text):
        month, day = m.group(2) or m.group(4), m.group(3) or m.group(5)
        return _checked(int(m.group(1)), int(month), int(day) if day else None) if month else None
    return None


def _checked(year: int, month: int, day: int | None) -> str | None:
    try:
        return date(year, month, day or 1).isoformat()[: 10 if day else 7]
    except ValueError:
        return None


def _real(year: int, month: int, day: int | None) -> bool:
    """Is it a day (or, without one, a month) of the calendar? Not 2月30日, not 13月, not a year
    Python's dates cannot hold (前年 of a front matter's 0001-01-01): such a date is left as text,
    as `calendar_date` refuses it, and nothing downstream is handed an ISO date that does not exist."""
    try:
        date(year, month, day or 1)
    except ValueError:
        return False
    return True


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
        if _real(year, month, day):
            found.append(DateRef(m.start(), m.end(), text[m.start():m.end()], _iso(year, month, day)))
    return found


def _nearest(anchors: list[DateRef], starts: list[int], pos: int) -> DateRef | None:
    """The anchor nearest to `pos` (the earlier one on a tie); `starts` are theirs, in order."""
    i = bisect_left(starts, pos)
    near = anchors[max(i - 1, 0) : i + 1]
    return min(near, key=lambda d: (abs(d.start - pos), d.start)) if near else None


def all_dates(text: str, article_date: str | None) -> list[DateRef]:
    """Every date in `text`: absolute ones, then partial ones resolved in context."""
    absolutes = absolute_dates(text)
    starts = [d.start for d in absolutes]
    covered = bytearray(len(text))  # 1 under every date found so far: a date found later must not overlap one
    folded = fold_width(text)
    result = []

    def take(ref: DateRef) -> None:
        covered[ref.start : ref.end] = b"\1" * (ref.end - ref.start)
        result.append(ref)

    def free(start: int, end: int) -> bool:
        return not any(covered[start:end])

    for d in absolutes:
        take(d)

    def reference(pos: int) -> tuple[int, int, str] | None:
        if article_date:
            year, month = (int(x) for x in article_date.split("-")[:2])
            return year, month, f"記事の日付 {article_date}"
        near = _nearest(absolutes, starts, pos)
        if near is None:
            return None
        year, month = (int(x) for x in near.iso.split("-")[:2])
        return year, month, f"本文中の近い日付「{near.text}」"

    partial = []
    for m in list(_MONTH_DAY.finditer(folded)) + list(_SLASH.finditer(folded)):
        partial.append((m.start(), m.end(), int(m.group(1)), int(m.group(2))))
    for m in _DAY.finditer(folded):
        partial.append((m.start(), m.end(), None, int(m.group(1))))
    for m in _YEAR_MONTH.finditer(folded):
        ref = reference(m.start())
        month, day = int(m.group(2)), int(m.group(3)) if m.group(3) else None
        year = ref[0] + _YEAR_OFFSET[m.group(1)] if ref else 0
        if ref and _real(year, month, day) and free(m.start(), m.end()):
            take(DateRef(m.start(), m.end(), text[m.start():m.end()], _iso(year, month, day),
                         f"年は{ref[2]}から推定"))
    for start, end, month, day in sorted(partial):
        if not free(start, end):
            continue
        ref = reference(start)
        if ref is None or not _real(ref[0], month or ref[1], day):
            continue
        year, ref_month, basis = ref
        what = "年" if month else "年月"
        take(DateRef(start, end, text[start:end], _iso(year, month or ref_month, day), f"{what}は{basis}から推定"))
    for m in _MONTH_ONLY.finditer(folded):
        ref = reference(m.start())
        if ref and _real(ref[0], int(m.group(1)), None) and free(m.start(), m.end()):
            take(DateRef(m.start(), m.end(), text[m.start():m.end()], _iso(ref[0], int(m.group(1)), None), f"年は{ref[2]}から推定"))
    result.sort(key=lambda d: d.start)
    full = [d for d in result if len(d.iso) == 10]
    full_starts = [d.start for d in full]
    last_relative = None  # a relative date resolved to a day anchors the next relative words (as the first version did)
    for m in _RELATIVE_RE.finditer(text):
        i = bisect_left(full_starts, m.start())
        resolved = _relative(m.group(0), last_relative or (full[i - 1] if i else None), article_date)
        if resolved and free(m.start(), m.end()):
            take(ref := DateRef(m.start(), m.end(), m.group(0), *resolved))
            last_relative = ref if len(ref.iso) == 10 else last_relative
    return sorted(result, key=lambda d: d.start)


def _relative(word: str, before: DateRef | None, article_date: str | None) -> tuple[str, str] | None:
    """Resolve 同日/前日/翌日 against the full date `before` them (else the article date),
    and 前週末/先月/今月 against the article date."""
    kind, offset = _RELATIVE[word]
    if kind == "same":
        anchor, basis = (before.iso, f"「{word}」は{before.text}が基準") if before else (article_date, f"「{word}」は記事の日付が基準")
        if not anchor or len(anchor) != 10:
            return None
        return _days_from(date.fromisoformat(anchor), offset, basis)
    if not article_date:
        return None
    day = date.fromisoformat(article_date if len(article_date) == 10 else article_date + "-01")
    if kind == "friday":
        back = (day.weekday() - 4) % 7 or 7
        return _days_from(day, -back, f"「{word}」は記事の日付 {article_date} の前の金曜日")
    month_index = day.year * 12 + day.month - 1 + offset
    if not _real(month_index // 12, month_index % 12 + 1, None):
        return None  # 先月 of 0001-01, 来月 of 9999-12
    return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", f"「{word}」は記事の日付 {article_date} が基準"


def _days_from(day: date, offset: int, basis: str) -> tuple[str, str] | None:
    """`day` moved by `offset` days, None past either end of the calendar (翌日 of 9999-12-31)."""
    try:
        return (day + timedelta(days=offset)).isoformat(), basis
    except OverflowError:
        return None
