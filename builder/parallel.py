"""Spread a pure function over processes, with the same result as a plain loop.

Workers are forked after the items exist, so they share them (records, the
lexicon, the derived views of the site) instead of receiving a pickled copy;
only each result travels back. Results come back in the order of the items,
so the output never depends on the number of processes. Where `fork` is not
available, or there is too little work to pay for a process, it is a loop.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

_WORK: tuple[Callable, Sequence] | None = None  # what the forked workers see


def _run(bounds: tuple[int, int]) -> list:
    fn, items = _WORK
    return [fn(item) for item in items[bounds[0] : bounds[1]]]


def ordered_map(fn: Callable, items: Sequence, workers: int, min_per_process: int) -> Iterator:
    """`fn(x) for x in items`, over up to `workers` processes (0: one per core). Results are
    yielded as their chunk arrives, so the caller's own work on them (unpickling analyses)
    overlaps the workers' instead of following it."""
    global _WORK
    processes = min(workers or os.cpu_count() or 1, len(items) // min_per_process)
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(fn, items)
        return
    step = -(-len(items) // (processes * 4))  # a few chunks per process, so one slow chunk does not idle the rest
    _WORK = (fn, items)
    try:
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            for part in pool.map(_run, [(n, n + step) for n in range(0, len(items), step)]):
                yield from part
    finally:
        _WORK = None
