"""How far a long stage (analysis, records, pages) has got, shown where the build log goes.

On a terminal it is a tqdm bar with counts and the time left, cleared when the stage ends so
that the stage's summary line takes its place. Anywhere else (a pipe, a log file, CI) it is one
plain line every few seconds, written through the log itself: no carriage returns or escape
codes in a log file, and a reader that has gone (`musubi build | head -3`) is handled as for
any log line. With `--quiet` it is nothing. It only ever writes to the output, so it cannot
change what a build makes.

The work is counted where it is done item by item, `parallel.ordered_map`, which reports to the
meter of the stage now running (`active`): the record and page code between the stage and that
loop need not carry a meter through.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from builder.errors import BuilderError

EVERY = 5.0  # seconds between two plain lines
EVERY_VARIABLE = "MUSUBI_PROGRESS_EVERY"  # sets them (0: a line for every item; the tests use it)
REDRAW = 0.5  # seconds between two redraws of a bar: a few a second cost nothing
POLL = 0.25  # seconds between two looks at what the worker processes have done (parallel.py)


class Meter:
    """One stage's count of work done; shows nothing (quiet, or no stage running)."""

    def __init__(self, name: str = "", unit: str = ""):
        self.name, self.unit = name, unit
        self.total: int | None = None
        self.n = 0
        self.started = time.monotonic()

    def expect(self, total: int) -> None:
        """The stage's amount of work, from whoever knows it first: the analysis counts every
        article, cached or not, and `ordered_map`'s share of them then does not replace it."""
        if self.total is None:
            self.total = total
            self._begin()

    def advance(self, n: int = 1) -> None:
        if n:
            self.n += n
            self._show()

    def _begin(self) -> None:
        pass

    def _show(self) -> None:
        pass

    def close(self) -> None:
        pass


class Lines(Meter):
    """A plain line through `log` when `every` seconds have passed since the last one."""

    def __init__(self, name: str, unit: str, log: Callable[[str], None], every: float):
        super().__init__(name, unit)
        self.log, self.every = log, every
        self.shown = self.started

    def _show(self) -> None:
        now = time.monotonic()
        if now - self.shown >= self.every:
            self.shown = now
            self.log(line(self.name, self.n, self.total or self.n, self.unit, now - self.started))


def line(name: str, n: int, total: int, unit: str, elapsed: float) -> str:
    """`  analyze  1,200/10,000 articles, 12 s, about 90 s left`: the stage's column and width
    as in its summary line, so that the log reads as one table."""
    text = f"  {name:<8} {n:,}/{total:,} {unit}, {_duration(elapsed)}"
    if 0 < n < total:
        text += f", about {_duration(elapsed * (total - n) / n)} left"
    return text


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


class Bar(Meter):
    """A tqdm bar on the terminal that is the standard output (where the log goes). tqdm is
    imported only here: its import takes about 0.1 s, which `musubi --help`, a pipe or `--quiet`
    need not pay."""

    def __init__(self, name: str, unit: str):
        super().__init__(name, unit)
        self.bar = None

    def _begin(self) -> None:
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: workers are forked while a bar is up, and a fork copies no thread
        self.bar = tqdm(total=self.total, desc=self.name, unit=f" {self.unit}", file=sys.stdout, leave=False, mininterval=REDRAW,
                        dynamic_ncols=True, bar_format="  {desc:<8} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_fmt}]")

    def _show(self) -> None:
        self.bar.update(self.n - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


_active: Meter | None = None


def active() -> Meter:
    """The running stage's meter (one that shows nothing when no stage is running)."""
    return _active or Meter()


@dataclass(frozen=True)
class Progress:
    """How a command shows its stages' progress: `kind` is "bar", "lines" (through `log`, every
    `every` seconds) or "off"."""

    kind: str = "off"
    log: Callable[[str], None] = print
    every: float = EVERY

    @contextmanager
    def stage(self, name: str, unit: str) -> Iterator[Meter]:
        """The meter of stage `name`, counting `unit`, active while the stage runs; a bar is
        cleared when it ends."""
        global _active
        if self.kind == "bar":
            meter: Meter = Bar(name, unit)
        elif self.kind == "lines":
            meter = Lines(name, unit, self.log, self.every)
        else:
            meter = Meter(name, unit)
        _active = meter
        try:
            yield meter
        finally:
            _active = None
            meter.close()


QUIET = Progress()


def for_output(quiet: bool, log: Callable[[str], None]) -> Progress:
    """What the command line shows: nothing with `--quiet`, a bar when the log goes to a
    terminal, else lines through `log` every `MUSUBI_PROGRESS_EVERY` seconds (default 5)."""
    if quiet:
        return QUIET
    if sys.stdout.isatty():
        return Progress("bar")
    value = os.environ.get(EVERY_VARIABLE, "")
    try:
        every = float(value) if value else EVERY
    except ValueError:
        every = -1.0
    if not every >= 0:  # also NaN
        raise BuilderError(f"{EVERY_VARIABLE}={value}: not a number of seconds (e.g. 5, or 0 for a line per item)")
    return Progress("lines", log, every)
