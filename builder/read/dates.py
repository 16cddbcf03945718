"""Find dates written in Japanese text and resolve partial ones.

Written in full (2025年1月27日, 2025/1/27, 2025-01-27, 2025年1月) a date is read as written. News
mostly writes less — 1月27日, 1/27, 3月, 27日, 27日午前, 27日（月）, 18、19日, 昨年12月, 先月14日,
同日, 前日, 前週末, きのう — and relies on the article's date. What is missing is taken:

1. from the article's publication date (`Article.date`): a day on or before the article's day is
   in the article's month; a later day is last month's only when that is at most `WRAP_DAYS`
   before the article (an article of the 2nd writes 30日 for last month's 30th) — otherwise the
   text does not say whether it is a plan for later this month or last month's news; a month and
   day take the article's year (the year before when that puts them at most `WRAP_DAYS` before
   the article; news writes 昨年 for last year's months);
2. else from a date that governs the same clause: a day-level date written earlier in the same
   sentence (`2024年2月29日と3日`, `18、19日`), or, for a date that opens its sentence, the one the
   sentence before it wrote, when the day moves forward (`…2024年9月2日、…始めた。15日には…`). An
   enumeration of days led by a date set off by a comma (`2025年1月27日、…し、28日には…`) governs
   even before the article's date: the writer gave the month once for the whole sentence. A
   month and day (1/27) also take the year of the text's own dates in that month (2025年1月),
   when they all give one;
3. else from nothing: what is known is kept as a partial date, `XXXX` for an unknown year and
   `XX` for an unknown month (`XXXX-XX-24`, `XXXX-03-24`, `XXXX-03`), as `2025-03` is a month
   whose day is not known.

Never from any other date in the text: 24日 in an article that also writes 2008年10月以来 is not
in October 2008. A date written as a point of comparison (2008年10月以来, 8年前の2017年3月,
2016年6月24日以来、約8年ぶり, 2025年12月比, 12月末時点, 2017年6月に申請したX社と並び) is marked `reference`: it anchors no
other date and dates no event. `DateRef.basis` says what filled in the missing part (記事の日付,
同じ文の日付, 本文中の近い日付) or that nothing could (記事から分からない).

Counts of days are not dates: 3日間, 1日1回, 1日あたり, 1日平均, 第2日, 約3日, 2日以内, 3日ぶり, 8日続伸.
Dates in kanji numerals (十日, 二〇一九年四月) are read too (`kanji_numerals`).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from datetime import date, datetime, timedelta

from builder.model import DateRef
from builder.read.kanji_numerals import arabic
from builder.read.textnorm import fold_width

UNKNOWN_YEAR, UNKNOWN_MONTH = "XXXX", "XX"
WRAP_DAYS = 10  # how far before the article a day after the article's day may be (last month's)
LEAD = 6  # a date that starts within this many characters of its sentence opens the sentence
REACH = 300  # how far back a date looks for the one that governs it (a sentence without 。 can be a whole text)

_ENUM = r"[、,・〜～~]"
_DAY_PART = r"(\d{1,2})\s*(?:日|(?=" + _ENUM + r"\s*\d{1,2}\s*日))"  # a day, or the first day of 18、19日
ERAS = {"昭和": 1925, "平成": 1988, "令和": 2018}  # an era's year N is the year given + N (元年: 1)
ERA_YEAR = r"(?:" + "|".join(ERAS) + r")\s*(?:\d{1,2}|元)"  # 令和7, 平成元
_FULL = re.compile(r"(?:(?<!\d)((?:19|20)\d{2})|(" + ERA_YEAR + r")|(?<![\d.])(\d{2})(?=\s*年\s*\d{1,2}\s*月))\s*"
                   r"(?:年\s*(\d{1,2})\s*月(?:\s*" + _DAY_PART + r")?|[/\-.](\d{1,2})[/\-.](\d{1,2})(?!\d))")  # 2025年, 令和7年, 21年1月
_MONTH_DAY = re.compile(r"(?<![\d年/.\-])(\d{1,2})\s*月\s*" + _DAY_PART)
_SLASH = re.compile(r"(?<![\d/.\-])(\d{1,2})/(\d{1,2})(?![\d/])")
_DAY = re.compile(r"(?<![\d月/.\-])" + _DAY_PART)
_YEAR_MONTH = re.compile(r"(一昨年|昨年|去年|前年|今年|本年|来年|同年)\s*(\d{1,2})\s*月(?:\s*" + _DAY_PART + r")?")
_MONTH_WORD_DAY = re.compile(r"(先月|前月|今月|本月|来月|同月)\s*(\d{1,2})\s*日")
_MONTH_ONLY = re.compile(r"(?<![\d年/.\-〜～~])(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)(?![間末期])")
_WEEKDAY = re.compile(r"\s*[(（]\s*([月火水木金土日])\s*(?:・\s*祝\s*)?[)）]")
_SENTENCE_END = re.compile(r"[。！？!?\n]+")
# words that name a date relative to another one; the value says how
_RELATIVE = {
    "同日": ("same", 0), "当日": ("same", 0), "前日": ("same", -1), "翌日": ("same", 1),
    "一昨日": ("today", -2), "おととい": ("today", -2), "昨日": ("today", -1), "きのう": ("today", -1),
    "本日": ("today", 0), "きょう": ("today", 0), "あす": ("today", 1),
    "前週末": ("friday", -1), "先週末": ("friday", -1),
    "先月": ("month", -1), "前月": ("month", -1), "今月": ("month", 0), "来月": ("month", 1),
}
_RELATIVE_RE = re.compile("|".join(sorted(_RELATIVE, key=len, reverse=True)))
_YEAR_OFFSET = {"一昨年": -2, "昨年": -1, "去年": -1, "前年": -1, "今年": 0, "本年": 0, "来年": 1}
_MONTH_OFFSET = {"先月": -1, "前月": -1, "今月": 0, "本月": 0, "来月": 1}
_WEEKDAYS = "月火水木金土日"

# A date is a point of comparison when what follows it says so (以来, ぶり, 比, 時点; also after
# 末 or a short noun: 2023年10月末以来, 去年7月の会合以来) or what comes before it does (8年前の).
_REFERENCE_AFTER = re.compile(r"(?:末|初め|初旬|上旬|中旬|下旬|ごろ|頃)?(?:以来|ぶり|以前|比|時点)|(?:末|初め|上旬|中旬|下旬)?の[^\s、。,\d]{1,5}?以来")
_REFERENCE_BEFORE = re.compile(r"(?:(?:年|月|日|週間)前|前回)の\s*$")
_REFERENCE_CLAUSE = re.compile(r"[^、。]*?(?:と並[びぶ]|に並[びぶ]|に次[ぐい])")  # 2017年6月に申請したX社と並び、: another case compared
# A number of days, not a day of the month: what precedes the number, what follows 日.
_COUNT_BEFORE = ("第", "約", "計", "延べ", "毎月", "毎週", "最短", "最長", "最大", "わずか", "丸", "各", "ここ", "過去", "直近", "残り", "およそ")
_COUNT_AFTER = re.compile(r"間|後(?!場)|前(?!場)|目|で|ぶり|連|続(?:伸|落|騰|急)|以内|以上|未満|程度|ほど|余り|超|分|当たり|あたり|平均|最大|おき|置き|ごと|毎|がかり|足らず|弱|強|遅れ"
                          r"|\d+(?!\d)(?!\s*(?:時|[:：]))|に\d+(?:回|度)")  # 1日1回, 1日に2回; not 24日10時
_ONE_DAY_FIGURE = re.compile(r"中|の(?:下げ幅|上げ幅|下落幅|上昇幅|値幅)|としては")  # 1日中, 1日の下げ幅: in a single day
# きょう, きのう, あす are dates only as words of their own (not きょうだい): what may follow them
_AFTER_KANA_WORD = set("はのにもまかで、,。")


def calendar_date(value, partial: bool = False) -> str | None:
    """A date given as a value (front matter, curation, page metadata) as `YYYY-MM-DD`, or
    `YYYY-MM` when only the month is given; None when it is not a real date of the calendar.
    With `partial` (an event's date, which may be all a text told), also the partial forms
    `XXXX-XX-24`, `XXXX-03-24` and `XXXX-03` of this module.

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
    if partial and (m := _PARTIAL_ISO.fullmatch(text)):
        month, day = None if m.group(1) == UNKNOWN_MONTH else int(m.group(1)), int(m.group(2)) if m.group(2) else None
        if (month or day) and _real(None, month, day):
            return _iso(None, month, day)
    return None


_WRITTEN = re.compile(r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|[/.](\d{1,2})(?:[/.](\d{1,2}))?)(?:\s*[(（][^)）]{1,3}[)）])?(?:\s*\d{1,2}\s*(?:[:：]\s*\d{2}|時(?:\s*\d{1,2}\s*分)?)(?:[:：]\d{2})?)?")
_YEAR_MONTH_ISO = re.compile(r"((?:19|20)\d{2})-(\d{2})")
_PARTIAL_ISO = re.compile(UNKNOWN_YEAR + r"-(\d{2}|" + UNKNOWN_MONTH + r")(?:-(\d{2}))?")


def is_partial(iso: str) -> bool:
    """Is the year of this date unknown (`XXXX-XX-24`, `XXXX-03-24`, `XXXX-03`)?"""
    return iso.startswith(UNKNOWN_YEAR)


def parts(iso: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of an ISO or partial date, None for what it does not know."""
    fields = iso.split("-")
    year, month, day = (fields + [""] * 3)[:3]
    return (None if year in ("", UNKNOWN_YEAR) else int(year), None if month in ("", UNKNOWN_MONTH) else int(month),
            int(day) if day else None)


def later_than(iso: str, article_date: str | None) -> bool:
    """Is the date `iso` after the article's own, to the precision both give (2020-01 after
    2019-10-07; 2019-10 not after 2019-10-07)? A date without its year never is."""
    day = _article_day(article_date)
    if day is None or is_partial(iso):
        return False
    known = [p for p in parts(iso) if p is not None]
    given = [p for p in day if p is not None]
    n = min(len(known), len(given))
    return known[:n] > given[:n]


def article_year(article_date: str | None) -> int | None:
    """The year of an article's date (2018-05-09 → 2018), None without one."""
    day = _article_day(article_date)
    return day[0] if day else None


def compatible(partial: str, full: str) -> bool:
    """Can the partial date `partial` be the date `full`: the same kind of date (a day, or a
    month), and every part it knows is the same? XXXX-XX-24 can be 2026-03-24, not 2026-03."""
    if partial.count("-") != full.count("-"):
        return False
    return all(p is None or p == f for p, f in zip(parts(partial), parts(full)))


def date_label(iso: str) -> str:
    """How a page writes a date: an ISO date as it is, a partial one as Japanese news writes
    what it knows (24日, 3月24日, 3月): `XXXX-XX-24` would read as a broken date."""
    if not is_partial(iso):
        return iso
    _, month, day = parts(iso)
    return (f"{month}月" if month else "") + (f"{day}日" if day else "")


def html_datetime(iso: str) -> str:
    """The value of `<time datetime>` for a date, or "" when HTML has none for it: a month and
    day without a year is a yearless date (`03-24`), a day alone or a month alone is nothing."""
    if not is_partial(iso):
        return iso
    _, month, day = parts(iso)
    return f"{month:02d}-{day:02d}" if month and day else ""


def _checked(year: int, month: int, day: int | None) -> str | None:
    try:
        return date(year, month, day or 1).isoformat()[: 10 if day else 7]
    except ValueError:
        return None


def _real(year: int | None, month: int | None, day: int | None) -> bool:
    """Is it a day (or, without one, a month) of the calendar? Not 2月30日, not 13月, not a year
    Python's dates cannot hold (前年 of a front matter's 0001-01-01): such a date is left as text,
    as `calendar_date` refuses it, and nothing downstream is handed an ISO date that does not exist.
    An unknown year is taken as a leap year (2月29日 exists in some year), an unknown month as one
    of 31 days."""
    try:
        date(2000 if year is None else year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        return False
    return True


HEISEI_LAST = 2019  # the last year of the Heisei era


def short_year(short: int, year: int | None) -> int:
    """The year a year of two digits is: of this century, or of the Heisei era when that is
    nearer the article's `year` (31年 in an article of 2018 is 2019, the era's 31st year)."""
    western, heisei = 2000 + short, ERAS["平成"] + short
    return heisei if year and heisei <= HEISEI_LAST and abs(heisei - year) < abs(western - year) else western


def western_year(era_year: str) -> int:
    """令和7 → 2025, 平成元 → 1989: the year an era's year is (`ERA_YEAR`)."""
    era = era_year[:2]
    n = era_year[2:].strip()
    return ERAS[era] + (1 if n == "元" else int(n))


def _iso(year: int | None, month: int | None, day: int | None) -> str:
    y = UNKNOWN_YEAR if year is None else f"{year:04d}"
    m = UNKNOWN_MONTH if month is None else f"{month:02d}"
    return f"{y}-{m}" + (f"-{day:02d}" if day else "")


def _is_reference(folded: str, start: int, end: int) -> bool:
    return bool(_REFERENCE_AFTER.match(folded, end) or _REFERENCE_BEFORE.search(folded[max(0, start - 6) : start])
                or _REFERENCE_CLAUSE.match(folded, end))


def absolute_dates(text: str, article_year: int | None = None) -> list[DateRef]:
    """Dates that carry their own year, in text order: 2025年1月27日, 令和7年1月27日, and 21年1月
    (a year of two digits, read by `short_year` near the article's year). A month followed by
    期 (2026年3月期) is a fiscal period, not a date."""
    found = []
    folded = fold_width(text)
    for m in _FULL.finditer(folded):
        year = int(m.group(1)) if m.group(1) else western_year(m.group(2)) if m.group(2) else short_year(int(m.group(3)), article_year)
        month = int(m.group(4) or m.group(6))
        day_s = m.group(5) or m.group(7)
        day = int(day_s) if day_s else None
        if day is None and folded.startswith("期", m.end()):
            continue
        if _real(year, month, day):
            found.append(DateRef(m.start(), m.end(), text[m.start():m.end()], _iso(year, month, day), "",
                                 _is_reference(folded, m.start(), m.end())))
    return found


def _counts_days(folded: str, start: int, end: int) -> bool:
    """Is `N日` at start..end a number of days (3日間, 1日1回, 第2日, 約3日) rather than a day?"""
    if _COUNT_AFTER.match(folded, end) or folded.endswith(_COUNT_BEFORE, 0, start):
        return True
    return folded[start:end].rstrip("日") == "1" and bool(_ONE_DAY_FIGURE.match(folded, end))


def _matches(folded: str) -> list[tuple[int, int, str, tuple]]:
    """Every date form found, as (start, end, kind, groups), in text order, without overlaps:
    where two forms overlap, the one written more fully wins (2025年1月27日 over 1月27日, 今月14日
    over 今月 and 14日)."""
    found = []  # (rank, start, end, kind, groups)
    for m in _FULL.finditer(folded):
        found.append((0, m.start(), m.end(), "full", ()))
    for m in _YEAR_MONTH.finditer(folded):
        found.append((1, m.start(), m.end(), "year_word", (m.group(1), int(m.group(2)), int(m.group(3)) if m.group(3) else None)))
    for m in _MONTH_WORD_DAY.finditer(folded):
        found.append((1, m.start(), m.end(), "month_word", (m.group(1), int(m.group(2)))))
    for m in list(_MONTH_DAY.finditer(folded)) + list(_SLASH.finditer(folded)):
        found.append((2, m.start(), m.end(), "month_day", (int(m.group(1)), int(m.group(2)))))
    for m in _DAY.finditer(folded):
        if not _counts_days(folded, m.start(), m.end()):
            found.append((3, m.start(), m.end(), "day", (int(m.group(1)),)))
    for m in _MONTH_ONLY.finditer(folded):
        found.append((4, m.start(), m.end(), "month", (int(m.group(1)),)))
    for m in _RELATIVE_RE.finditer(folded):
        if folded.startswith("比", m.end()) or (m.group(0) in ("きょう", "きのう", "おととい", "あす") and folded[m.end() : m.end() + 1] not in _AFTER_KANA_WORD):
            continue
        found.append((5, m.start(), m.end(), "word", (m.group(0),)))
    covered = bytearray(len(folded))
    taken = []
    for rank, start, end, kind, groups in sorted(found):
        if not any(covered[start:end]):
            covered[start:end] = b"\1" * (end - start)
            taken.append((start, end, kind, groups))
    return sorted(taken)


def all_dates(text: str, article_date: str | None) -> list[DateRef]:
    """Every date in `text`, in text order, partial ones resolved as the module says; dates in
    kanji numerals (十日, 二〇一九年四月) too, with their offsets in `text` as written."""
    read, where = arabic(text)
    found = _Resolver(read, article_date).run()
    if where is None:
        return found
    return [dataclasses.replace(d, start=where[d.start], end=where[d.end], text=text[where[d.start] : where[d.end]]) for d in found]


class _Resolver:
    """Reads the dates of one text left to right: each is resolved from the article's date and
    the dates before it (the only ones a reader has seen), never from a later one."""

    def __init__(self, text: str, article_date: str | None):
        self.text, self.folded = text, fold_width(text)
        self.article_date = article_date
        self.article = _article_day(article_date)
        self.ends = [m.end() for m in _SENTENCE_END.finditer(self.folded)]  # where each sentence ends
        self.found: list[DateRef] = []
        self.anchors: list[DateRef] = []  # the dates found that are no point of comparison
        self.last: dict[str, DateRef] = {}  # the last anchor with a known "day", "month", "year"
        self.absolute = {d.start: d for d in absolute_dates(text, article_year(article_date))}
        months: dict[int, list[DateRef]] = {}
        for d in self.absolute.values():
            if not d.reference:
                months.setdefault(parts(d.iso)[1], []).append(d)
        self.in_month = {m: ds[0] for m, ds in months.items() if len({parts(d.iso)[0] for d in ds}) == 1}

    def run(self) -> list[DateRef]:
        """Each lookup goes back at most two sentences or keeps its answer in `last`: an
        article of 20 MB has tens of thousands of dates."""
        for start, end, kind, groups in _matches(self.folded):
            ref = self.absolute.get(start) if kind == "full" else getattr(self, "_" + kind)(start, end, *groups)
            if ref:
                self.found.append(ref)
                if not ref.reference:
                    self.anchors.append(ref)
                    for part, value in zip(("year", "month", "day"), parts(ref.iso)):
                        if value is not None:
                            self.last[part] = ref
        return self.found

    def _ref(self, start: int, end: int, year: int | None, month: int | None, day: int | None, basis: str) -> DateRef | None:
        if not _real(year, month, day):
            return None
        return DateRef(start, end, self.text[start:end], _iso(year, month, day), basis, _is_reference(self.folded, start, end))

    # --- where a date sits ---

    def _sentence(self, pos: int) -> int:
        return bisect_right(self.ends, pos)

    def _sentence_start(self, pos: int) -> int:
        k = self._sentence(pos)
        return self.ends[k - 1] if k else 0

    def _governing(self, start: int, need: str) -> DateRef | None:
        """The last date before `start` in its sentence that can lend what is missing: a known
        month and a day (`need` "day", for 28日) or a known year (`need` "year", for 3月5日)."""
        first = max(self._sentence_start(start), start - REACH)
        for d in reversed(self.anchors):
            if d.start < first:
                return None
            if self._lends(d, need):
                return d
        return None

    def _continued(self, start: int, need: str, moves_on) -> DateRef | None:
        """For a date that opens its sentence (`15日には…`), the last date of the sentence just
        before, when `moves_on(it)` (the day moves forward): the story goes on from there."""
        first = self._sentence_start(start)
        if not first or start - first > 4 * LEAD or len(self.folded[first:start].strip()) > LEAD or (self.found and self.found[-1].start >= first):
            return None
        before = max(self._sentence_start(first - 1), start - REACH)
        for d in reversed(self.anchors):
            if d.start < before:
                return None
            if d.start < first and self._lends(d, need):
                return d if moves_on(d) else None
        return None

    @staticmethod
    def _lends(d: DateRef, need: str) -> bool:
        year, month, day = parts(d.iso)
        return (month is not None and day is not None) if need == "day" else year is not None

    def _same_month(self, month: int) -> DateRef | None:
        """The date the text writes in full in `month` (2025年1月 for 1/27), when every such date
        that is no point of comparison has one year: the text is telling of that month."""
        return self.in_month.get(month)

    def _listed_after(self, start: int) -> DateRef | None:
        """The date `start` continues in a list of days (18 in 12月18、19日, 22 in 22、23日)."""
        if self.found and re.fullmatch(r"\s*" + _ENUM + r"\s*", self.folded[self.found[-1].end : start]):
            d = self.found[-1]
            return d if parts(d.iso)[2] is not None else None
        return None

    def _weekday(self, end: int) -> int | None:
        m = _WEEKDAY.match(self.folded, end)
        return _WEEKDAYS.index(m.group(1)) if m else None

    # --- the forms ---

    def _day(self, start: int, end: int, day: int) -> DateRef | None:
        """24日: its year and month in the order the module's docstring gives."""
        listed = self._listed_after(start)
        if listed:
            year, month, _ = parts(listed.iso)
            return self._ref(start, end, year, month, day, f"年月は同じ文の「{listed.text}」から推定")
        governing = self._governing(start, "day")
        if governing and self.folded.startswith(("、", ","), governing.end) and parts(governing.iso)[2] < day:
            return self._from_date(start, end, governing, day, "同じ文の")  # 2025年1月27日、…し、28日には
        if self.article and self.article[2] is None:
            year, month, _ = self.article
            return self._ref(start, end, year, month, day, f"年月は記事の日付 {self.article_date}から推定")
        if self.article:
            return self._day_by_article(start, end, day, governing)
        if governing:
            return self._from_date(start, end, governing, day, "同じ文の")
        continued = self._continued(start, "day", lambda d: parts(d.iso)[2] < day)
        if continued:
            return self._from_date(start, end, continued, day, "本文中の近い日付")
        return self._ref(start, end, None, None, day, "年月は記事から分からない")

    def _from_date(self, start: int, end: int, anchor: DateRef, day: int, where: str) -> DateRef | None:
        """A day in the month of `anchor`, unless the weekday written after it says otherwise."""
        year, month, _ = parts(anchor.iso)
        weekday = self._weekday(end)
        if weekday is not None and year is not None and _real(year, month, day) and date(year, month, day).weekday() != weekday:
            return self._ref(start, end, None, None, day, f"年月は記事から分からない（「{anchor.text}」の月では曜日が合わない）")
        return self._ref(start, end, year, month, day, f"年月は{where}「{anchor.text}」から推定")

    def _day_by_article(self, start: int, end: int, day: int, governing: DateRef | None) -> DateRef | None:
        """A day by the article's date (see the module's docstring); a weekday written after it
        picks among this month, the month before and the month after."""
        published = date(*self.article)
        this_month, last_month, next_month = (_month_from(published.year, published.month, n) for n in (0, -1, 1))
        weekday = self._weekday(end)
        if weekday is not None:
            fits = [ym for ym in (this_month, last_month, next_month) if _real(*ym, day) and date(*ym, day).weekday() == weekday]
            if len(fits) == 1:
                return self._ref(start, end, *fits[0], day, f"年月は記事の日付 {self.article_date}と曜日から推定")
            return self._ref(start, end, None, None, day, f"年月は記事から分からない（記事の日付 {self.article_date}の前後で曜日が合わない）")
        if day <= published.day:
            return self._ref(start, end, *this_month, day, f"年月は記事の日付 {self.article_date}から推定")
        if governing:
            return self._from_date(start, end, governing, day, "同じ文の")
        if _real(*last_month, day) and (published - date(*last_month, day)).days <= WRAP_DAYS:
            return self._ref(start, end, *last_month, day, f"年月は記事の日付 {self.article_date}から推定（前月）")
        return self._ref(start, end, None, None, day, f"年月は記事から分からない（記事の日付 {self.article_date}より後の日）")

    def _month_day(self, start: int, end: int, month: int, day: int) -> DateRef | None:
        """1月27日, 1/27: the year by the article's date (a weekday picks among it, the year before
        and the year after), else by a date that governs it, else unknown."""
        weekday = self._weekday(end)
        if self.article:
            year = self.article[0]
            if weekday is not None:
                fits = [y for y in (year, year - 1, year + 1) if _real(y, month, day) and date(y, month, day).weekday() == weekday]
                if len(fits) == 1:
                    return self._ref(start, end, fits[0], month, day, f"年は記事の日付 {self.article_date}と曜日から推定")
                return self._ref(start, end, None, month, day, "年は記事から分からない（曜日が合わない）")
            if self.article[2] is not None and _real(year, month, day) and _real(year - 1, month, day):
                published = date(*self.article)
                if date(year, month, day) > published and (published - date(year - 1, month, day)).days <= WRAP_DAYS:
                    return self._ref(start, end, year - 1, month, day, f"年は記事の日付 {self.article_date}から推定（前年）")
            return self._ref(start, end, year, month, day, f"年は記事の日付 {self.article_date}から推定")
        anchor = self._governing(start, "year")
        where = "同じ文の"
        if anchor is None:
            anchor = self._continued(start, "year", lambda d: parts(d.iso)[2] is not None and parts(d.iso)[1:] < (month, day))
            where = "本文中の近い日付"
        if anchor is None:
            anchor = self._same_month(month)
            where = "本文中の同じ月の日付"
        if anchor:
            year = parts(anchor.iso)[0]
            if weekday is None or (_real(year, month, day) and date(year, month, day).weekday() == weekday):
                return self._ref(start, end, year, month, day, f"年は{where}「{anchor.text}」から推定")
        return self._ref(start, end, None, month, day, "年は記事から分からない")

    def _month(self, start: int, end: int, month: int) -> DateRef | None:
        """3月: the article's year (news writes 昨年 for last year's), else a governing date's."""
        if self.article:
            return self._ref(start, end, self.article[0], month, None, f"年は記事の日付 {self.article_date}から推定")
        anchor = self._governing(start, "year")
        if anchor:
            return self._ref(start, end, parts(anchor.iso)[0], month, None, f"年は同じ文の「{anchor.text}」から推定")
        return self._ref(start, end, None, month, None, "年は記事から分からない")

    def _year_word(self, start: int, end: int, word: str, month: int, day: int | None) -> DateRef | None:
        """昨年12月, 今年2月5日 count from the article's year; 同年3月 from the last year written."""
        if word == "同年":
            anchor = self.last.get("year")
            year = parts(anchor.iso)[0] if anchor else None
            basis = f"「同年」は「{anchor.text}」の年" if anchor else "年は記事から分からない"
        elif self.article:
            year, basis = self.article[0] + _YEAR_OFFSET[word], f"年は記事の日付 {self.article_date}から推定"
        else:
            year, basis = None, "年は記事から分からない"
        return self._ref(start, end, year, month, day, basis)

    def _month_word(self, start: int, end: int, word: str, day: int) -> DateRef | None:
        """先月14日, 今月14日 count from the article's month; 同月24日 is in the last month written."""
        if word == "同月":
            anchor = self.last.get("month")
            if anchor is None:
                return self._ref(start, end, None, None, day, "年月は記事から分からない")
            year, month, _ = parts(anchor.iso)
            return self._ref(start, end, year, month, day, f"「同月」は「{anchor.text}」の月")
        if not self.article:
            return self._ref(start, end, None, None, day, "年月は記事から分からない")
        year, month = _month_from(*self.article[:2], _MONTH_OFFSET[word])
        return self._ref(start, end, year, month, day, f"「{word}」は記事の日付 {self.article_date} が基準")

    def _word(self, start: int, end: int, word: str) -> DateRef | None:
        """同日/前日/翌日 count from the last day written before them (else the article's date);
        前週末, 先月, きのう from the article's date."""
        kind, offset = _RELATIVE[word]
        if kind == "same":
            before = self.last.get("day")
            if before:
                shifted = _shift(parts(before.iso), offset)
                return self._ref(start, end, *shifted, f"「{word}」は{before.text}が基準") if shifted else None
            kind = "today"
        if not self.article or (kind != "month" and self.article[2] is None):
            return None
        published = self.article
        if kind == "month":  # 先月 of 0001-01, 来月 of 9999-12 are off the calendar: `_ref` refuses them
            return self._ref(start, end, *_month_from(*published[:2], offset), None, f"「{word}」は記事の日付 {self.article_date} が基準")
        day = date(*published)
        if kind == "friday":
            offset = -((day.weekday() - 4) % 7 or 7)
        shifted = _shift((day.year, day.month, day.day), offset)
        basis = f"「{word}」は記事の日付 {self.article_date} の前の金曜日" if kind == "friday" else f"「{word}」は記事の日付が基準"
        return self._ref(start, end, *shifted, basis) if shifted else None


def _article_day(article_date: str | None) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) of an article's date, `YYYY-MM-DD` or `YYYY-MM`; None without one."""
    if not article_date:
        return None
    try:
        day = date.fromisoformat(article_date)
        return day.year, day.month, day.day
    except ValueError:
        m = re.fullmatch(r"(\d{4})-(\d{2})", article_date)
        return (int(m.group(1)), int(m.group(2)), None) if m and _real(int(m.group(1)), int(m.group(2)), None) else None


def _month_from(year: int, month: int, offset: int) -> tuple[int, int]:
    """The month `offset` months from year-month (its year may fall off the calendar: `_real` says)."""
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def _shift(ymd: tuple[int | None, int | None, int | None], offset: int) -> tuple[int | None, int | None, int] | None:
    """A day moved by `offset` days, keeping what is unknown unknown: 前日 of XXXX-03-01 is
    XXXX-02-28 or -29, so None; of XXXX-XX-24, XXXX-XX-23. None past either end of the calendar."""
    year, month, day = ymd
    if offset == 0:
        return ymd
    if year is not None:
        try:
            moved = date(year, month, day) + timedelta(days=offset)
        except OverflowError:
            return None
        return moved.year, moved.month, moved.day
    if month is not None:
        ways = {(d.month, d.day) for d in (date(y, month, day) + timedelta(days=offset) for y in (2001, 2004) if _real(y, month, day))}
        return (None, *ways.pop()) if len(ways) == 1 else None
    return (None, None, day + offset) if 1 <= day + offset <= 28 else None
