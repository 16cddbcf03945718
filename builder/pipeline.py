"""The one place that lists the stages in order and times them.

Phase one reads, analyzes and links every article, turns the knowledge base
into records and renders every page; each record and page that differs from
what is in `content/` or `site/` is staged beside them as soon as it is made
(so pages are never all in memory at once). Only when all of that succeeded
does phase two move the staged files in (`site.Staged`).
"""

from __future__ import annotations

import functools
import gc
import os
import pickle
import resource
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from builder.analyze import Analysis, analyze
from builder.analyze.lexicon import Lexicon, load_lexicon
from builder.files import manifest
from builder.files.cache import AnalysisCache, Entries
from builder.files.config import Config
from builder.files.lock import held
from builder.files.parallel import ordered_map
from builder.files.progress import QUIET, Progress, active
from builder.files.staging import Made, Staged
from builder.kb import records as rec
from builder.kb.curate import apply as apply_curation
from builder.kb.curate import load_curation
from builder.kb.export import Parts
from builder.kb.record_cache import load_records
from builder.link import link
from builder.link.duplicates import percent
from builder.read import FORMATS, read_article, read_bytes, seed_files
from builder.read.decode import UTF8
from builder.site.render import render_pages

MIN_JOBS_PER_PROCESS = 8  # articles: below this a new process costs more (it loads the dictionary) than it saves
CURATION = "curation.yaml"  # hand edits, in content/; read by every build, never written
ANALYSES = "analyses"  # the analysis cache's own folder in the cache: it drops every entry a build did not use
SEARCH = "search"  # the search index's leaves (`search_index.leaves`), in a folder of their own for the same reason


@dataclass
class BuildReport:
    stages: list[tuple[str, str, float]] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)  # this process's peak memory after each stage
    counts: dict[str, int] = field(default_factory=dict)
    content_left: dict[str, list[int]] | None = None  # {path: [size, mtime_ns]} of content/ as written; None: untouched

    @property
    def seconds(self) -> float:
        return sum(s for _, _, s in self.stages)


class _Stages:
    def __init__(self, report: BuildReport, log: Callable[[str], None], progress: Progress):
        self.report, self.log, self.progress = report, log, progress

    def run(self, name: str, fn, describe, unit: str = ""):
        """Run one stage and log its summary line; a stage that counts its work in `unit`
        shows its progress while it runs (its bar is gone before the summary is printed)."""
        started = time.perf_counter()
        with self.progress.stage(name, unit) if unit else nullcontext():
            result = fn()
        elapsed = time.perf_counter() - started
        what = describe(result)
        self.report.stages.append((name, what, elapsed))
        self.report.peak_kb.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        self.log(f"  {name:<8} {what:<44} {elapsed:6.2f}s")
        return result


def analyze_all(files: list[Path], raw: list[bytes], lexicon: Lexicon, cache: AnalysisCache, workers: int) -> list[Analysis]:
    """Each article's analysis, from the cache when its bytes, the analyzer and the lexicon
    are unchanged; the rest over `workers` processes (0: one per core). Order, and so the
    result, does not depend on the number of processes."""
    keys = [cache.key(str(p), data) for p, data in zip(files, raw)]
    meter = active()
    meter.expect(len(files))  # loading 10,000 cached analyses takes seconds too: they count
    found = []
    for k in keys:
        found.append(cache.get(k))
        if found[-1] is not None:
            meter.advance()
    todo = [n for n, a in enumerate(found) if a is None]

    def fresh(n: int) -> bytes:  # in a worker: it stores the entry, and sends the same pickle back
        return cache.put(keys[n], analyze(read_article(files[n], str(files[n]), raw[n]), lexicon))

    for n, data in zip(todo, ordered_map(fresh, todo, workers, MIN_JOBS_PER_PROCESS)):
        found[n] = pickle.loads(data)
    return found


def without_cycle_collection(fn):
    """Run `fn` with Python's cycle collector paused. A build makes millions of objects that
    live until the build ends (analyses, then records); the collector would walk all of them
    again and again (two thirds of the time it takes to load the cached analyses) and, in a
    forked worker, touch every inherited page. Reference counting still frees everything: no
    stage makes reference cycles per article or per page (tests/test_pipeline.py checks); the
    Jinja environment, one a build, is collected when the collector resumes."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return run


def one_at_a_time(fn):
    """Run `fn(config, log, progress)` holding the locks of the folders it writes (`lock.held`):
    a second build on them waits for the first instead of interleaving its writes with it."""

    @functools.wraps(fn)
    def run(config: Config, log: Callable[[str], None] = print, progress: Progress = QUIET):
        with held([config.content, config.out], log):
            return fn(config, log, progress)

    return run


@one_at_a_time
@without_cycle_collection
def build(config: Config, log: Callable[[str], None] = print, progress: Progress = QUIET) -> BuildReport:
    """`log`: the build log, a line at a time; `progress`: how the long stages show how far
    they are (`builder.files.progress`; never a change to what is built)."""
    report = BuildReport()
    stage = _Stages(report, log, progress).run
    curation = load_curation(config.content / CURATION)  # read first: a mistake in it stops the build at once
    files, skipped = seed_files(config.seeds)
    log(f"musubi: building {len(files)} article(s) from {config.seeds}/")
    for path in skipped:
        log(f"  skipped  {path}: not an article file ({', '.join(FORMATS)})")
    code = manifest.code_digest(config)

    def check() -> tuple[manifest.Previous, manifest.Seeds, str]:
        previous = manifest.Previous(config, code, rec.KINDS)
        seeds = manifest.Seeds(files, previous.seeds, _read_seed)
        return previous, seeds, manifest.input_digest(code, config, files, seeds.digests, config.content / CURATION)

    previous, seeds, digest = stage("check", check, lambda c: "nothing changed since the last build" if c[0].up_to_date(c[2])
                                    else "inputs or outputs changed")
    if previous.up_to_date(digest):
        report.counts = {"up_to_date": 1}
        log(f"up to date: {config.content}/ and {config.out}/ are what this build would write")
        return report
    lexicon = load_lexicon(config.lexicon)  # after the check: with nothing changed, parsing it was a third of the build
    cache = AnalysisCache(config.cache / ANALYSES if config.cache else None, config.lexicon)
    raw = stage("ingest", lambda: [seeds.bytes_of(p, _read_seed) for p in files], lambda r: f"{len(r)} articles, {sum(map(len, r)):,} bytes")
    analyses = stage("analyze", lambda: analyze_all(files, raw, lexicon, cache, config.workers),
                     lambda r: f"{sum(len(a.mentions) for a in r)} name candidates, {cache.hits} from cache", "articles")
    raw.clear()  # the articles' bytes (60 MB at 10,000): each analysis holds its text
    for a in analyses:
        if a.article.encoding != UTF8:
            log(f"  read     {a.article.path} as {a.article.encoding}")
    kb = stage("link", lambda: link(analyses, lexicon),
               lambda kb: f"{len(kb.entities)} entities, {len(kb.relations)} relations, {len(kb.events)} events, {len(kb.claims)} claims")
    analyses.clear()  # the knowledge base holds what is needed from here; at 10,000 articles this frees a gigabyte
    redirects = stage("curate", lambda: apply_curation(kb, curation),
                      lambda r: f"{len(curation.data.get('entities') or {})} entity edits, {len(r)} redirects")
    paths = {a.id: a.path for a in kb.articles}
    for copy, same in kb.duplicates.items():  # the same article twice: counted as one source (link/duplicates.py)
        log(f"  same     {paths[copy]} is the same article as {paths[same.original]} ({percent(same.similarity)} alike)")

    content, site = Staged(config.content, owned=rec.KINDS), Staged(config.out)
    try:
        def make_records() -> tuple[rec.Records, Made]:
            by_path = rec.to_records(kb, redirects)
            made = rec.dump_all(by_path, content.put, config.workers, functools.partial(previous.unchanged, config.content))
            return rec.from_dicts(by_path, str(config.content)), made

        records, made = stage("records", make_records, lambda r: _describe(r[1], "records"), "records")
        report.counts = {"up_to_date": 0, "entities": len(kb.entities), "relations": len(kb.relations), "events": len(kb.events),
                         "claims": len(kb.claims), "from_cache": cache.hits}
        kb = None  # the records hold everything from here on: free the knowledge base before rendering
        digests = rec.Digests(dict(made.made_from))  # a copy: what it adds must not reach the manifest
        search = _search_cache(config, code)
        with Parts(config.cache, code, digests) as kb_parts:
            pages = stage("render", lambda: render_pages(records, config.templates, config.title, site.put, config.base_url,
                                                         config.workers, functools.partial(previous.unchanged, config.out), kb_parts,
                                                         digests, search),
                          lambda p: _describe(p, "files"), "files")

            moved = {}

            def write() -> int:
                manifest.forget(config)
                moved[config.content] = content.commit(set(made.changed))
                moved[config.out] = site.commit(set(pages.changed))
                return sum(made.changed.values()) + sum(pages.changed.values())

            stage("write", write, lambda n: f"{n} changed files moved into {config.content}/ and {config.out}/")
            kb_parts.keep()
    finally:
        content.discard()
        site.discard()
    cache.prune()
    search.prune()
    made_from = {os.path.join(folder, path): fp for folder, part in ((config.content, made), (config.out, pages))
                 for path, fp in part.made_from.items()}
    report.content_left = previous.left(config.content, made.changed, moved[config.content])
    outputs = {**report.content_left, **previous.left(config.out, pages.changed, moved[config.out])}
    manifest.save(config, digest, code, outputs, made_from, seeds.record)
    report.counts.update(pages=len(pages.changed), pages_rendered=len(pages.changed) - pages.skipped,
                         records_written=len(made.changed) - made.skipped)
    log(f"done in {report.seconds:.2f}s: open {config.out}/index.html")
    return report


def _search_cache(config: Config, code: str) -> Entries:
    """The search index's leaves of the last build, valid for the same code."""
    return Entries(config.cache / SEARCH if config.cache else None, code.encode())


def _read_seed(path: Path) -> bytes:
    return read_bytes(path, str(path))


def _describe(made: Made, what: str) -> str:
    return f"{len(made.changed)} {what}, {made.skipped} as they were, {sum(made.changed.values())} changed"


def records_in(config: Config, code: str) -> tuple[rec.Records, int]:
    """The records in `content/` as they are now (hand edits included), and how many files had
    to be parsed: the others are as `record_cache` last saw them."""
    found, parsed = load_records(config.content, config.cache, code)
    return rec.from_dicts(found, str(config.content)), parsed


@one_at_a_time
@without_cycle_collection
def render_only(config: Config, log: Callable[[str], None] = print, progress: Progress = QUIET) -> int:
    """Re-render `site/` from the records in `content/` (after editing them by hand). Like a
    build, it makes again only the pages whose data changed; its manifest never vouches for
    the inputs, so the next build is a real one (it puts generated records back)."""
    code = manifest.code_digest(config)
    records, parsed = records_in(config, code)
    previous = manifest.Previous(config, code, rec.KINDS)
    site, search = Staged(config.out), _search_cache(config, code)
    try:
        digests = rec.Digests()  # made once for the pages and kb.json
        with Parts(config.cache, code, digests) as kb_parts, progress.stage("render", "files"):
            pages = render_pages(records, config.templates, config.title, site.put, config.base_url, config.workers,
                                 functools.partial(previous.unchanged, config.out), kb_parts, digests, search)
            manifest.forget(config)
            moved = site.commit(set(pages.changed))
            kb_parts.keep()
    finally:
        site.discard()
    search.prune()
    made_from = {**previous.untouched(config.content), **{os.path.join(config.out, p): fp for p, fp in pages.made_from.items()}}
    manifest.save(config, "", code, {**previous.left(config.content), **previous.left(config.out, pages.changed, moved)}, made_from,
                  previous.seeds)
    log(f"rendered {config.out}/ from {config.content}/ ({parsed} record files read): {_describe(pages, 'files')}")
    return len(pages.changed)
