"""Dates written in kanji numerals, as some newspapers write every date (東京新聞: 二〇一九年四月,
十日), read as the Arabic numerals the date patterns know.

Only a run of numerals right before 年, 月 or 日 is read, and only where a date can start: after
a non-kanji character, or after 年 or 月 (一九年三月十日). 統一日本 and 一日本 are no dates. A run
with 十, 百 or 千 is a number (二十五 → 25); one without is written digit by digit (二〇一九 → 2019).
The text changes length (十日 → 10日), so the reader gets, with it, where each of its characters
was in the text as written.
"""

from __future__ import annotations

import re

DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
RUN = re.compile("[" + "".join(DIGITS) + "".join(UNITS) + r"]+(?=\s*(?:年|月|日(?!本)))")
KANJI = re.compile(r"[\u4e00-\u9fff々]")
DATE_WORDS = ("年", "月")


def value(run: str) -> int:
    """二十五 → 25, 十 → 10, 二〇一九 → 2019."""
    if not any(ch in UNITS for ch in run):
        return int("".join(str(DIGITS[ch]) for ch in run))
    total, digit = 0, None
    for ch in run:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * UNITS[ch]
            digit = None
    return total + (digit or 0)


def arabic(text: str) -> tuple[str, list[int] | None]:
    """The text with its kanji-numeral dates in Arabic numerals, and for each of its offsets
    (and its end) the offset in `text`; (text, None) when there is nothing to read."""
    pieces, where, last = [], [], 0
    for m in RUN.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        if before and KANJI.match(before) and before not in DATE_WORDS:
            continue
        digits = str(value(m.group()))
        pieces += [text[last : m.start()], digits]
        where += range(last, m.start())
        # each new digit stands where the run's characters were, the last ones sharing its end
        where += [min(m.start() + n, m.end() - 1) for n in range(len(digits))]
        last = m.end()
    if not pieces:
        return text, None
    pieces.append(text[last:])
    where += range(last, len(text) + 1)
    return "".join(pieces), where
