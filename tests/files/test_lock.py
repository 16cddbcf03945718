"""One build at a time on the same folders: a second one waits, then builds; never both at once."""

import subprocess
import sys
import time

from conftest import ROOT, SEEDS, run_cli

from builder.files.lock import held, lock_path


def tree(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_second_build_waits_for_the_lock_then_builds(tmp_path):
    content, site = tmp_path / "content", tmp_path / "site"
    args = [sys.executable, "-m", "builder", "build", "--seeds", str(SEEDS), "--content", str(content), "--out", str(site)]
    with held([content, site], log=lambda _: None):
        second = subprocess.Popen(args, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": ""}, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert second.poll() is None, second.communicate()  # still waiting
        assert not site.exists() and not content.exists()
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert f"waiting  for another build of {content.resolve()}/" in out or f"waiting  for another build of {site.resolve()}/" in out
    assert (site / "index.html").is_file()


def test_two_builds_at_once_give_the_site_of_one(tmp_path):
    alone = tmp_path / "alone"
    assert run_cli("build", "--seeds", SEEDS, "--content", alone / "content", "--out", alone / "site").returncode == 0
    both = tmp_path / "both"
    args = [sys.executable, "-m", "builder", "build", "--seeds", str(SEEDS), "--content", str(both / "content"), "--out", str(both / "site")]
    runs = [subprocess.Popen(args, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": ""}, stdout=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [r.communicate(timeout=300)[0] for r in runs]
    assert [r.returncode for r in runs] == [0, 0]
    assert any("waiting" in out for out in outputs)
    assert tree(both / "site") == tree(alone / "site") and tree(both / "content") == tree(alone / "content")


def test_the_lock_is_released_when_the_holder_dies(tmp_path):
    site = tmp_path / "site"
    holder = subprocess.Popen([sys.executable, "-c", ("import sys, time; from builder.files.lock import held\n"
                               f"with held([__import__('pathlib').Path({str(site)!r})]):\n    print('held', flush=True); time.sleep(60)")],
                              cwd=ROOT, env={"PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    assert lock_path(site.resolve()).read_text().strip() == str(holder.pid)
    holder.kill()
    holder.wait()
    started = time.monotonic()
    with held([site], log=lambda _: None):
        assert time.monotonic() - started < 5
