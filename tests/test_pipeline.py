"""The build as a whole. It runs with the cycle collector paused, so what it makes per article
or per page must be freed by reference counting alone."""

from __future__ import annotations

import gc

from conftest import run, seeds_from_devset

from builder.pipeline import without_cycle_collection


def cycles_left_by_a_build(where, articles: int) -> tuple[int, int]:
    """(objects in cycles the build left for the collector, pages it made)."""
    seeds = seeds_from_devset(where / "seeds", articles)
    gc.collect()
    report = run(where, seeds, workers=1)  # one process: everything happens here, where it can be counted
    return gc.collect(), report.counts["pages"]


def test_cycles_do_not_grow_with_the_archive(tmp_path):
    """The one cyclic structure is the Jinja environment with its compiled templates,
    made once a build (a few hundred objects, give or take a cached tuple). Five times the
    articles, and over a hundred more pages, must leave about as much behind."""
    small, small_pages = cycles_left_by_a_build(tmp_path / "small", 8)
    large, large_pages = cycles_left_by_a_build(tmp_path / "large", 50)
    assert large_pages > small_pages + 100
    assert abs(large - small) <= 10


def test_the_collector_is_paused_only_while_the_build_runs():
    seen = []
    assert gc.isenabled()
    without_cycle_collection(lambda: seen.append(gc.isenabled()))()
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        without_cycle_collection(lambda: None)()
        assert not gc.isenabled()  # a caller that paused it itself keeps it paused
    finally:
        gc.enable()
