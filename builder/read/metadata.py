"""What a file says about its article besides the text: front matter or a page's metadata.

Values given here win over what is guessed from the text (a `Source:` line, a
dateline, the first line as the title); `date_from` says where the date came from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD, or YYYY-MM when only the month is known (`dates.calendar_date`)
    publisher: str | None = None
    url: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    date_from: str | None = None  # "front matter" or "html" when `date` is set


NO_METADATA = Metadata()
