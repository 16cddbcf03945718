"""The publication date an article's own lines print (its dateline), when no metadata gives one.

A page copied from a news site carries its date where the site's chrome is: beside the title and
the outlet at the top (日本経済新聞 2025年1月28日 10:15, 公開日：2025年1月28日), or with the credit
at the bottom (2025/01/28 06:30 (共同通信)). So only the first and last `SCAN` lines are read —
six covers a title, an outlet, a byline, the dateline and a line or two of share buttons above the
body, and the credit, `Source:` line, address and comment or contents chrome below it, while a date
further in is one the article tells of — and of each line at most `LINE_MAX` characters: the cost is
the same for a 50 MB article as for a short one.

A line is a dateline when it is only metadata: full dates (year, month and day, a real day of the
calendar), times (10:15, 10時15分), weekdays ((火)), year-less dates (1/28, beside an update cue),
cue words (`data/datelines.yaml`: 公開日, 配信, 更新 …), spaces, brackets and separators, and at most
`NAME_MAX` characters of names in kanji, katakana and Latin letters — an outlet, a desk, a byline
(共同通信, 時事通信 編集局) — none of them written onto the end of a date or time. What a sentence
adds to a date is none of these: hiragana (2025年1月28日の東京株式市場で), punctuation (、。), other
numbers, a word glued to the date (2025年1月28日現在), an address. The body leaves datelines out.
Two kinds of line give their date but stay in the body: one that starts with a stamp (a date with a
time or a cue, then a space or separator: 2025-01-15 23:04 | 国際ニュース…) before other text, and a
dateline that is also another field (出典：日本経済新聞 2025年1月28日).

No date is made up: 1/28(火) 10:15配信 and ［東京 28日 ロイター］ print no year, so they give none.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from builder.files.datafiles import load_data
from builder.read import dates
from builder.read.textnorm import fold_width

SCAN = 6  # lines read at each end of the article
LINE_MAX = 80  # a dateline is shorter; of a longer line only a stamp at its start is read
NAME_MAX = 20  # characters of outlet, desk and byline names a dateline may carry

PUBLISHED, PLAIN, UPDATED = 0, 1, 2  # what a date is, by its cue; the article's date is the best
STAMP = {"date", "time", "weekday", "cue", "space", "sep"}  # what a stamp before body text is made of
NAME = re.compile(r"[\u4e00-\u9fff々\u30a1-\u30ffA-Za-z&!']+")
TIME = r"(?:午前|午後)?\d{1,2}(?::\d{2}(?::\d{2})?|時(?:\d{1,2}分)?)"
WEEKDAY = r"\([月火水木金土日](?:曜日?)?(?:・祝)?\)|[月火水木金土日]曜日?"
YEARLESS = r"\d{1,2}/\d{1,2}|\d{1,2}月\d{1,2}日"
SEP = r"[\[\]()【】〔〕<>《》|/=:\-–—,]+"  # matched on folded text, so ［］（）｜／＝：－ too


@dataclass(frozen=True)
class Found:
    iso: str  # YYYY-MM-DD
    lines: frozenset[int]  # the lines that are only metadata (the dateline): not part of the article's body


@dataclass(frozen=True)
class _Token:
    kind: str  # date, time, weekday, yearless, cue, space, sep, or name (any other text)
    text: str
    iso: str = ""  # of a date
    rank: int = PLAIN  # of a cue: PUBLISHED or UPDATED
    label: bool = False  # a cue written as a label (公開日：, 配信日時), naming the date after it


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[re.Pattern[str], dict[str, int]]:
    data = load_data("datelines.yaml")
    ranks = {word: PUBLISHED for word in data["published"]} | {word: UPDATED for word in data["updated"]}
    words = "|".join(map(re.escape, sorted(ranks, key=len, reverse=True)))
    pattern = re.compile(
        f"(?P<cue>(?P<word>{words})(?P<label>日時|日付|日|時刻)?(?:\\s*:)?)|(?P<time>{TIME})|(?P<weekday>{WEEKDAY})"
        f"|(?P<yearless>{YEARLESS})|(?P<space>\\s+)|(?P<sep>{SEP})|(?P<name>.)"
    )
    return pattern, ranks


def _tokens(line: str) -> list[_Token]:
    """`line` as the parts a dateline is made of; a run of text that is none of them is one `name`."""
    pattern, ranks = _vocabulary()
    folded = fold_width(line)
    out: list[_Token] = []

    def scan(start: int, end: int) -> None:
        for m in pattern.finditer(folded, start, end):
            kind = m.lastgroup
            if kind == "name" and out and out[-1].kind == "name":
                out[-1] = _Token("name", out[-1].text + m[0])
            elif kind == "cue":
                out.append(_Token("cue", m[0], rank=ranks[m["word"]], label=bool(m["label"]) or m[0].endswith(":")))
            else:
                out.append(_Token(kind, m[0]))

    pos = 0
    for d in dates.absolute_dates(line):
        if len(d.iso) == 10 and dates.calendar_date(d.iso):  # a month alone, or 2月30日, stays text (and digits are no name)
            scan(pos, d.start)
            out.append(_Token("date", folded[d.start:d.end], iso=d.iso))
            pos = d.end
    scan(pos, len(folded))
    return out


def _is_dateline(parts: Sequence[_Token]) -> bool:
    """Whether a line made of `parts` is only metadata around a date (see the module's docstring)."""
    names = [t.text for t in parts if t.kind == "name"]
    glued = any(b.kind == "name" and a.kind in ("date", "time", "weekday", "yearless") for a, b in itertools.pairwise(parts))
    return (any(t.kind == "date" for t in parts) and not glued
            and len("".join(names)) <= NAME_MAX and all(NAME.fullmatch(n) for n in names))


def _labels_a_field(parts: Sequence[_Token]) -> bool:
    """A name followed by a colon: the line is also another field (出典：…, 写真：…)."""
    return any(a.kind == "name" and b.kind == "sep" and b.text.startswith(":") for a, b in itertools.pairwise(parts))


def _leading_stamp(parts: Sequence[_Token]) -> Sequence[_Token] | None:
    """The parts of a stamp that starts a line of other text: a date with a time or a cue, then a
    space or separator (not 2025年1月28日午前10時、… — a sentence's date runs on into it)."""
    end = next((k for k, t in enumerate(parts) if t.kind not in STAMP), len(parts))
    head, kinds = parts[:end], {t.kind for t in parts[:end]}
    if end < len(parts) and head and head[-1].kind in ("space", "sep") and "date" in kinds and kinds & {"time", "cue"}:
        return head
    return None


def _named(parts: Sequence[_Token], i: int) -> int | None:
    """The index of the date the cue at `i` names: written bare after a date or time (10:15配信,
    2025年1月30日 更新), the nearest date before it; else (公開日：…, 更新 2025.1.30) the next part but
    spaces and separators, if that is a date (最終更新 1/28 12:00 names no date: it has no year)."""
    before = [k for k in range(i - 1, -1, -1) if parts[k].kind != "space"]
    if not parts[i].label and before and parts[before[0]].kind in ("date", "time", "weekday"):
        return next((k for k in before if parts[k].kind == "date"), None)
    after = next((k for k in range(i + 1, len(parts)) if parts[k].kind not in ("space", "sep")), None)
    return after if after is not None and parts[after].kind == "date" else None


def _ranked(parts: Sequence[_Token]) -> list[tuple[int, str]]:
    """Each date among `parts` with what its cues say it is: PUBLISHED if a publication cue names
    it (whatever else does), UPDATED if only an update cue does, PLAIN without one."""
    said: dict[int, int] = {}
    for i, t in enumerate(parts):
        if t.kind == "cue" and (k := _named(parts, i)) is not None:
            said[k] = min(said.get(k, t.rank), t.rank)
    return [(said.get(i, PLAIN), t.iso) for i, t in enumerate(parts) if t.kind == "date"]


def _read(line: str) -> tuple[list[tuple[int, str]], bool] | None:
    """The dates `line` prints as a dateline or a stamp, ranked, and whether the line is only that
    metadata; None if it prints none."""
    parts = _tokens(line[:LINE_MAX])
    if len(line) <= LINE_MAX and _is_dateline(parts):
        return _ranked(parts), not _labels_a_field(parts)
    head = _leading_stamp(parts)
    return (_ranked(head), False) if head else None


def find(lines: Sequence[str]) -> Found | None:
    """The publication date among `lines` (each stripped, non-blank, in order), and which lines print it.

    Of the dates printed in the first and last `SCAN` lines, the first a publication cue names
    (公開, 配信, 掲載 …) wins; then the first without a cue (sites print the publication date bare
    and label the update); then the first update date (更新, 最終更新, 修正). An update date alone is
    taken: it is a date the page printed, the day its text was last stated as current, so what the
    article reports happened on or before it — and a news article is updated within hours or days
    of its publication, so year-less dates in it (27日) still resolve to the right month."""
    n = len(lines)
    best: tuple[int, str] | None = None
    metadata = set()
    for i in [*range(min(SCAN, n)), *range(max(SCAN, n - SCAN), n)]:
        got = _read(lines[i])
        if got is None:
            continue
        stamps, only_metadata = got
        if only_metadata:
            metadata.add(i)
        for stamp in stamps:
            if best is None or stamp[0] < best[0]:
                best = stamp
    return Found(best[1], frozenset(metadata)) if best else None
