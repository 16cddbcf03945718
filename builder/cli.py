"""Command line: a thin layer over the library.

Errors the user can fix (`BuilderError`) become one line, `path:line: message`,
and exit code 1; nothing else is caught, so bugs still show their traceback. A reader
of the output that goes away (`musubi extract … | head`) is no error either: the
output stops quietly. `--quiet` drops the build log and its progress, never an error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from builder import __version__
from builder.errors import BuilderError


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="musubi", description="Build a cross-referenced knowledge-base website from Japanese news articles.")
    p.add_argument("--version", action="version", version=f"musubi {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser("build", help="seeds/ (.txt, .md, .html) → content/*.yaml → site/",
                       description="Read every article in seeds/ (.txt, .md, .markdown, .html, .htm), write the records in content/ and the site in site/.")
    r = sub.add_parser("render", help="re-render site/ from the records in content/ (after editing them)", description="Render site/ from content/ without reading the seeds again.")
    s = sub.add_parser("serve", help="build, serve site/ on 127.0.0.1 and rebuild when seeds, content or templates change",
                       description="A local web server for the site; a reload after an edit shows the rebuilt site.")
    s.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    for cmd in (b, r, s):
        if cmd is not r:
            cmd.add_argument("--seeds", type=Path, help="folder of articles: .txt, .md, .markdown, .html, .htm (default: seeds)")
            cmd.add_argument("--workers", type=int, help="processes for analysis and rendering (default: 0, one per core); results do not depend on it")
            cmd.add_argument("--cache", type=Path, help="folder for analyses kept between builds (default: .musubi-cache beside content/)")
            cmd.add_argument("--lexicon", type=Path, help="alias lexicon YAML (default: the one shipped in builder/data)")
        cmd.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors (on stderr): no stage lines, no progress"
                         + ("; serve still prints its address and failed rebuilds" if cmd is s else ""))
        cmd.add_argument("--content", type=Path, help="folder of YAML records (default: content)")
        cmd.add_argument("--out", type=Path, help="output folder for the site (default: site)")
        cmd.add_argument("--title", help="site title (default: musubi; remembered for later builds, \"\" forgets it)")
        cmd.add_argument("--base-url", help="public address of the site, e.g. https://example.org/kb/ (for sitemap, feed and canonical links;"
                                            " remembered for later builds of the same site, \"\" drops it)")
    w = sub.add_parser("review", help="list the extractions to check, each with the edit that confirms or rejects it",
                       description="Names seen once, possible merges and inferred dates, from the records in content/.")
    w.add_argument("--content", type=Path, help="folder of YAML records (default: content)")
    e = sub.add_parser("extract", help="print the mentions found in FILEs as JSON lines", description="One JSON object per line per file: {path, mentions: [{start, end, text, type}]}.")
    e.add_argument("files", nargs="+", metavar="FILE")
    e.add_argument("--lexicon", type=Path, help="alias lexicon YAML (default: the one shipped in builder/data)")
    v = sub.add_parser("eval", help="score extraction against gold YAML files", description="Precision/recall/F1 per type, alias merges, relations, events and claims.")
    v.add_argument("gold", nargs="*", type=Path, metavar="GOLD.yaml")
    v.add_argument("--stockmark", type=Path, metavar="JSON",
                   help="instead, exact-span scores on the Stockmark NER data (its scoring part; see README)")
    v.add_argument("--gsd", type=Path, metavar="FOLDER",
                   help="instead, the clause layer's chunks and heads on UD Japanese GSD's trees (its scoring part; see README)")
    v.add_argument("--lexicon", type=Path, help="alias lexicon YAML (default: the one shipped in builder/data)")
    v.add_argument("--name", default="gold", help="label printed above the table")
    v.add_argument("--errors", action="store_true", help="also list every miss and false find")
    v.add_argument("--check", action="store_true", help="only check the gold files (ids, kinds, strings in the text, text digests); score nothing")
    return p


SIGPIPE_EXIT = 141  # what a shell reports for a program stopped by a closed pipe (128 + SIGPIPE)


def _silence_stdout() -> None:
    """Send what is still printed, and Python's flush at exit, nowhere: the reader is gone."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _say(line: str) -> None:
    """A line of the build log, seen at once in a pipe or a log file. When the reader has gone
    (`musubi build | head -3`), the build carries on without its log instead of stopping
    half-way: it was asked to build, not to print."""
    try:
        print(line, flush=True)
    except BrokenPipeError:
        _silence_stdout()


def _nothing(_line: str) -> None:
    """The build log under `--quiet`: errors still reach stderr, as exceptions (`main`)."""


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        run(args)
    except BuilderError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except BrokenPipeError:
        _silence_stdout()
        return SIGPIPE_EXIT
    return 0


def run(args: argparse.Namespace) -> None:
    """One command. The stages are imported here, inside `main`'s error handling, because
    importing them reads the vocabularies in builder/data/: a user's typo in labels.yaml or
    cues.yaml is then one line naming the file, not a traceback."""
    from builder import stockmark
    from builder.analyze.lexicon import load_lexicon
    from builder.evaluate import evaluate, table
    from builder.gold import check, load
    from builder.extract import extract
    from builder.files.config import load_config, with_last_build
    from builder.files.manifest import code_digest
    from builder.files.progress import for_output
    from builder.kb.review import review_text
    from builder.pipeline import build, records_in, render_only
    from builder.serve import serve

    options = {k: getattr(args, k, None) for k in ("seeds", "lexicon", "content", "out", "title", "base_url", "workers", "cache")}
    if args.command in ("build", "render", "serve"):
        log = _nothing if args.quiet else _say
        progress = for_output(args.quiet, _say)
        config = with_last_build(options, log)
    else:
        config = load_config(**options)
    if args.command == "build":
        build(config, log, progress)
    elif args.command == "render":
        render_only(config, log, progress)
    elif args.command == "serve":
        serve(config, args.port, log=_say, build_log=log, progress=progress)
    elif args.command == "review":
        print(review_text(records_in(config, code_digest(config))[0]), end="")
    elif args.command == "eval" and args.stockmark:
        sentences = stockmark.split(stockmark.read_checked(args.stockmark), "score")
        print(stockmark.table(args.name, stockmark.score(sentences, load_lexicon(config.lexicon))))
    elif args.command == "eval" and args.gsd:
        from builder import gsd
        from builder.analyze import clauses

        print(gsd.table(args.name, gsd.score(gsd.split(gsd.read(args.gsd), "score"), clauses.model())))
    elif args.command == "eval" and args.check:
        lines, summary = check(load(args.gold, Path.cwd()))
        print("\n".join([*lines, summary]))
        if lines:
            raise BuilderError(f"musubi eval --check: {len(lines)} problems in the gold")
    elif args.command == "eval":
        gold = load(args.gold, Path.cwd())
        if gold.missing:
            print(f"== {args.name}: not scored: {len(gold.missing)} of {len(gold.missing) + len(gold.docs)} article texts not found"
                  f" (third-party, not in the project; tests/real/README.md says how to rebuild them)")
            return
        report = evaluate(gold.docs, load_lexicon(config.lexicon))
        print(table(args.name, report))
        if args.errors:
            print("\n".join(report.errors))
    else:
        for line in extract(args.files, load_lexicon(config.lexicon)):
            print(line)
