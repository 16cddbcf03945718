"""Amounts written in Japanese: 600万ドル, 約5,000億ドル, 3兆4,900億円, 約3千億円, 118億60百万円,
17%, 100分の1以下.

Each becomes a number in base units (6000000 USD), a unit, and the qualifier
written around it (約, 最大, 一時, 以上, …). Matching runs on width-folded
text, so offsets stay valid in the original.
"""

from __future__ import annotations

import re

from builder.model import Quantity
from builder.read.textnorm import fold_width

CURRENCIES = {"米ドル": "USD", "ドル": "USD", "円": "JPY", "ユーロ": "EUR", "人民元": "CNY", "元": "CNY", "ポンド": "GBP", "ウォン": "KRW"}
MULTIPLIERS = {"兆": 10**12, "億": 10**8, "万": 10**4, "千": 10**3, "百": 10**2, "十": 10, "": 1}
PREFIXES = "約|およそ|最大|最大で|最高|最低|一時|わずか|少なくとも|推定"
SUFFIXES = "以上|以下|超|強|弱|余り|程度|前後|近く|未満"

# A number is read from where its digits start, never from the middle of a run of digits (the
# look-behinds: a match there is one the run's start has too), and is bounded: at most
# NUMBER_MAX digits and commas, DECIMALS_MAX decimals, PARTS_MAX parts (兆, 億, 万, 千, and the
# compounds news and results tables write: 3千億, 5千万, 60百万 of 118億60百万円). Longer is
# no amount written in news — a pasted table, a scanner's digits — and unbounded, a run of
# thousands of digits took seconds (every start scanned to the run's end: quadratic) and gave
# int() more than the 4,300 digits it converts (a ValueError).
NUMBER_MAX, DECIMALS_MAX, PARTS_MAX = 40, 20, 4
_NUMBER = rf"(?<!\d)(?<!\d,)\d[\d,]{{0,{NUMBER_MAX - 1}}}(?:\.\d{{1,{DECIMALS_MAX}}})?"
_MULTIPLIER = r"(?:[十百千]?[兆億万]|千)"
_COMPOUND = rf"(?:{_NUMBER}\s*{_MULTIPLIER}){{1,{PARTS_MAX}}}(?:{_NUMBER})?|{_NUMBER}"
# Both patterns start at a digit (fast to scan for); a qualifier before the number is
# looked up afterwards in the few characters before it.
_AMOUNT = re.compile(
    rf"(?P<num>{_COMPOUND})\s*(?P<unit>{'|'.join(sorted(CURRENCIES, key=len, reverse=True))}|%|パーセント|人(?![気物材口工間員]))"
    rf"(?P<post>{SUFFIXES})?"
)
_FRACTION = re.compile(rf"(?<!\d)(?P<den>\d{{1,{NUMBER_MAX}}})\s*分の\s*(?P<num>\d{{1,{NUMBER_MAX}}})(?!\d)(?P<post>{SUFFIXES})?")
_PREFIX_BEFORE = re.compile(rf"(?:{PREFIXES})\s*$")
PREFIX_WINDOW = 6
_ANY_DIGIT = re.compile(r"[0-9０-９]")
DECIMAL_DOT = re.compile(r"(?<=\d)・(?=\d)")  # 0・75% is 0.75% (a 3・11 without a unit is no amount anyway)
_PART = re.compile(rf"({_NUMBER})\s*([十百千]?)([兆億万千]?)")


def parse_number(written: str) -> float:
    """`3兆4,900億` → 3490000000000; `5,000` → 5000; `3千億` → 300000000000."""
    total = 0.0
    for digits, small, large in _PART.findall(written):
        total += float(digits.replace(",", "")) * MULTIPLIERS[small] * MULTIPLIERS[large]
    return total


def _prefix(folded: str, start: int) -> str:
    m = _PREFIX_BEFORE.search(folded, max(0, start - PREFIX_WINDOW), start)
    return m.group(0) if m else ""


_NEGATIVE = re.compile(r"(?:マイナス|▲|△|-|−)\s*$")  # マイナス0.1%, ▲12億円: a negative amount, as results tables write it


def _quantity(text: str, folded: str, m: re.Match, base: int, number: float, unit: str) -> Quantity:
    pre = _prefix(folded, m.start())
    start = m.start() - len(pre)
    sign = _NEGATIVE.search(folded, max(0, start - 4), start)
    if sign and not (sign.group().strip() in "-−" and sign.start() > 0 and folded[sign.start() - 1].isdigit()):  # not 2-3%: a range
        start, number = sign.start(), -number
    qualifier = " ".join(p.strip() for p in (pre, m.group("post")) if p)
    return Quantity(base + start, base + m.end(), text[start : m.end()], number, unit, qualifier)


def find_quantities(text: str, base: int = 0) -> list[Quantity]:
    """Money, percentages and fractions in `text`, offsets shifted by `base`."""
    if not _ANY_DIGIT.search(text):
        return []
    folded = DECIMAL_DOT.sub(".", fold_width(text))  # ０・７５％: the dot newspapers write for a decimal point
    found = []
    for m in _AMOUNT.finditer(folded):
        unit = m.group("unit")
        unit = "%" if unit in ("%", "パーセント") else "people" if unit.endswith("人") else CURRENCIES[unit]
        found.append(_quantity(text, folded, m, base, parse_number(m.group("num")), unit))
    for m in _FRACTION.finditer(folded):
        number = int(m.group("num")) / int(m.group("den")) if int(m.group("den")) else 0.0
        found.append(_quantity(text, folded, m, base, number, "ratio"))
    return sorted(found, key=lambda q: q.start)


ROUND_DIGITS = 2  # significant digits at most of a figure a headline rounded (2兆円 for 約2兆2000億円, 約1.2兆円)


def round_figure(number: float) -> bool:
    """Is the figure written with so few significant digits that a headline may have rounded it?"""
    digits = f"{abs(number):.15g}".split("e")[0].replace(".", "").strip("0")
    return len(digits) <= ROUND_DIGITS
