"""Progress of the long stages: plain lines in a pipe, a tqdm bar on a terminal, nothing
with --quiet; and never a change to what is built."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

from conftest import ROOT, SEEDS, seeds_from_devset, tree

from builder.files.progress import line

EVERY = "MUSUBI_PROGRESS_EVERY"
MUSUBI = [sys.executable, "-m", "builder"]
COUNTED = {"analyze": "articles", "records": "records", "render": "files"}  # the stages that show progress, and their unit


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != EVERY}
    return {**env, "PYTHONPATH": str(ROOT), **extra}


def musubi(*args, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([*MUSUBI, *map(str, args)], env=environment(**env), capture_output=True, text=True, timeout=300, check=False)


def folders(where: Path, seeds: Path = SEEDS) -> tuple:
    return ("--seeds", seeds, "--content", where / "content", "--out", where / "site", "--cache", where / "cache")


def progress_lines(log: str, stage: str) -> list[tuple[int, int]]:
    """(done, total) of each progress line of `stage`, in the format the README shows."""
    found = re.findall(rf"^  {stage:<8} ([\d,]+)/([\d,]+) {COUNTED[stage]}, \d+ (?:s|min)(?:, about \d+ (?:s|min) left)?$",
                       log, re.MULTILINE)
    return [(int(n.replace(",", "")), int(total.replace(",", ""))) for n, total in found]


def check_counts(log: str, stage: str, total: int | None = None) -> None:
    counts = progress_lines(log, stage)
    assert counts, f"no progress lines for {stage}:\n{log}"
    done = [n for n, _ in counts]
    assert done == sorted(done) and {t for _, t in counts} == {counts[-1][1]}, counts
    assert done[-1] == counts[-1][1] == (total or counts[-1][1]), counts  # they end at the total
    summary = re.search(rf"^  {stage:<8} [^\d\n]*\d.*\d+\.\d\ds$", log, re.MULTILINE)  # the stage's own line stays, after them
    assert summary and summary.start() > log.index(f"  {stage:<8} {done[-1]:,}/"), log


def test_a_build_in_a_pipe_prints_plain_progress_lines_that_end_at_the_total(tmp_path):
    result = musubi("build", *folders(tmp_path), "--workers", "1", **{EVERY: "0"})  # 0 s between lines: one per item
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stdout and "\x1b" not in result.stdout
    check_counts(result.stdout, "analyze", total=3)
    check_counts(result.stdout, "records")
    check_counts(result.stdout, "render")
    assert not re.search(r"^  (ingest|check|link|curate|write)\s+[\d,]+/", result.stdout, re.MULTILINE)  # short stages: no lines


def test_the_count_follows_the_worker_processes_and_changes_nothing(tmp_path):
    """Over two processes the workers count what they have done: the lines still end at the
    total, and the site and records are those of one process building without progress."""
    seeds = seeds_from_devset(tmp_path / "seeds", 24)  # enough articles for analysis over two processes
    shown = musubi("build", *folders(tmp_path / "shown", seeds), "--workers", "2", **{EVERY: "0"})
    assert shown.returncode == 0, shown.stderr
    check_counts(shown.stdout, "analyze", total=24)
    check_counts(shown.stdout, "render")
    quiet = musubi("build", *folders(tmp_path / "quiet", seeds), "--workers", "1", "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == "", quiet.stdout + quiet.stderr
    for part in ("site", "content"):
        assert tree(tmp_path / "shown" / part) == tree(tmp_path / "quiet" / part), part


def on_a_terminal(args: list[str]) -> tuple[int, str]:
    """Run musubi with its output on a pseudo-terminal of 100 columns: what a user sees."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen([*MUSUBI, *args], stdin=subprocess.DEVNULL, stdout=follower, stderr=follower, env=environment())
    os.close(follower)
    seen = b""
    try:
        while data := os.read(leader, 65536):
            seen += data
    except OSError:  # EIO: the program has ended and closed the terminal
        pass
    finally:
        os.close(leader)
    return process.wait(timeout=300), seen.decode("utf-8", "replace")


def test_a_build_on_a_terminal_shows_a_bar_with_counts(tmp_path):
    code, seen = on_a_terminal(["build", *map(str, folders(tmp_path))])
    assert code == 0, seen
    assert re.search(r"  analyze\s+\d+%\|[^|\n]*\| \d/3 \[", seen), seen
    assert re.search(r"  render\s+\d+%\|[^|\n]*\| \d+/\d+ \[", seen), seen
    for stage in ("analyze", "records", "render"):  # each bar is cleared, then the stage's line is printed as in a pipe
        assert re.search(rf"\r {{10,}}\r  {stage:<8} [^\r\n]*\d+\.\d\ds\r\n", seen), stage
    assert "Traceback" not in seen


def test_quiet_prints_nothing_but_an_error(tmp_path):
    built = musubi("build", *folders(tmp_path), "-q")
    assert (built.returncode, built.stdout, built.stderr) == (0, "", "")
    rendered = musubi("render", "--content", tmp_path / "content", "--out", tmp_path / "site", "--quiet")
    assert (rendered.returncode, rendered.stdout, rendered.stderr) == (0, "", "")
    failed = musubi("build", *folders(tmp_path, tmp_path / "nowhere"), "-q")
    assert failed.returncode == 1 and failed.stdout == ""
    assert len(failed.stderr.splitlines()) == 1 and "seeds folder not found" in failed.stderr


def test_quiet_serve_says_only_where_it_serves(tmp_path):
    server = subprocess.Popen([*MUSUBI, "serve", "-q", "--port", "0", *map(str, folders(tmp_path))], env=environment(**{EVERY: "0"}),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = server.stdout.readline()
    finally:
        server.terminate()
        server.wait(timeout=60)
    assert first.startswith("musubi serve: http://127.0.0.1:"), first + server.stderr.read()


def test_progress_into_a_closed_pipe_does_not_stop_the_build(tmp_path):
    build = subprocess.Popen([*MUSUBI, "build", *map(str, folders(tmp_path))], env=environment(**{EVERY: "0"}),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    build.stdout.close()
    assert build.wait(timeout=300) == 0 and build.stderr.read() == ""
    assert (tmp_path / "site" / "index.html").is_file()


def test_an_interval_that_is_not_a_number_is_one_line(tmp_path):
    result = musubi("build", *folders(tmp_path), **{EVERY: "soon"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == "MUSUBI_PROGRESS_EVERY=soon: not a number of seconds (e.g. 5, or 0 for a line per item)\n"


def test_a_line_says_how_far_and_how_long_is_left():
    assert line("analyze", 1200, 10000, "articles", 12.0) == "  analyze  1,200/10,000 articles, 12 s, about 88 s left"
    assert line("render", 100, 400, "files", 60.0) == "  render   100/400 files, 60 s, about 3 min left"
    assert line("records", 7, 7, "records", 3.2) == "  records  7/7 records, 3 s"
