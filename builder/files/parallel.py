"""Spread a pure function over processes, with the same result as a plain loop.

Workers are forked after the items exist, so they share them (records, the
lexicon, the derived views of the site) instead of receiving a pickled copy;
only each result travels back. Results come back in the order of the items,
so the output never depends on the number of processes. Where `fork` is not
available, or there is too little work to pay for a process, it is a loop.

Every item done is counted on the running stage's meter (`progress.active`):
the workers add to a shared counter that this process reads while it waits
for their next chunk, so the count moves item by item, not chunk by chunk.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, wait

from builder.files import progress

_WORK: tuple[Callable, Sequence, object] | None = None  # what the forked workers see: function, items, counter of items done


def _run(bounds: tuple[int, int]) -> list:
    fn, items, done = _WORK
    results = []
    for item in items[bounds[0] : bounds[1]]:
        results.append(fn(item))
        with done.get_lock():
            done.value += 1
    return results


def ordered_map(fn: Callable, items: Sequence, workers: int, min_per_process: int, meter: progress.Meter | None = None) -> Iterator:
    """`fn(x) for x in items`, over up to `workers` processes (0: one per core). Results are
    yielded as their chunk arrives, so the caller's own work on them (unpickling analyses)
    overlaps the workers' instead of following it. Items done are counted on `meter`, by
    default the running stage's (a stage's side work passes one of its own)."""
    global _WORK
    meter = meter or progress.active()
    meter.expect(len(items))
    processes = min(workers or os.cpu_count() or 1, len(items) // min_per_process)
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for item in items:
            result = fn(item)
            meter.advance()
            yield result
        return
    step = -(-len(items) // (processes * 4))  # a few chunks per process, so one slow chunk does not idle the rest
    context = multiprocessing.get_context("fork")
    done = context.Value("q", 0)
    counted = 0

    def count() -> None:
        nonlocal counted
        now = done.value
        meter.advance(now - counted)
        counted = now

    _WORK = (fn, items, done)
    try:
        with ProcessPoolExecutor(processes, mp_context=context) as pool:
            chunks = [pool.submit(_run, (n, n + step)) for n in range(0, len(items), step)]
            try:
                for chunk in chunks:
                    while not wait([chunk], timeout=progress.POLL).done:
                        count()
                    count()
                    yield from chunk.result()
            finally:
                for chunk in chunks:  # after a failure, or a caller that stopped early: the rest is not wanted
                    chunk.cancel()
    finally:
        _WORK = None
