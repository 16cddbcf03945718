"""`musubi serve` as a real process on a copy of the project: it serves the site and, after
an edit to an article, a record or a template, serves the rebuilt one."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from conftest import ROOT, SEEDS


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.headers["Cache-Control"] == "no-store"
        return response.read().decode("utf-8")


def until(check, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("the served site did not change in time")


@pytest.fixture
def served(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(SEEDS, project / "seeds")
    shutil.copytree(ROOT / "templates", project / "templates")
    (project / "pyproject.toml").write_text('[tool.musubi]\ntemplates = "templates"\ntitle = "テスト知識ベース"\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--port", "0"], cwd=project, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = None
        for line in process.stdout:
            if m := re.search(r"(http://127\.0\.0\.1:\d+/)", line):
                url = m.group(1)
                break
        assert url, "serve did not start"
        yield project, url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serves_the_site_and_rebuilds_after_edits(served):
    project, url = served
    assert "テスト知識ベース" in fetch(url + "index.html")
    seed = min((project / "seeds").glob("*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nヘリオス電機は18日、新工場を公開した。\n", encoding="utf-8")
    until(lambda: "ヘリオス電機" in fetch(url + f"sources/{seed.stem}.html"))
    base = project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("musubi で生成", "テンプレートを編集"), encoding="utf-8")
    until(lambda: "テンプレートを編集" in fetch(url + "index.html"))
    record = project / "content" / "entities" / "openai.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("name: OpenAI", "name: OpenAI（手で編集）"), encoding="utf-8")
    until(lambda: "OpenAI（手で編集）" in fetch(url + "entities/openai.html"))


def test_a_broken_edit_keeps_the_previous_site(served):
    project, url = served
    before = fetch(url + "index.html")
    (project / "seeds" / "broken.txt").write_bytes(b"\xff\xfe not utf-8")
    time.sleep(3)  # a few polls
    assert fetch(url + "index.html") == before


def fetch_missing(url: str) -> str:
    """The body of an answer that must be a 404."""
    with pytest.raises(urllib.error.HTTPError) as answer:
        fetch(url)
    assert answer.value.code == 404 and answer.value.headers["Content-Type"] == "text/html; charset=utf-8"
    return answer.value.read().decode("utf-8")


def test_a_missing_page_or_a_folder_gets_the_sites_404_page(served):
    _, url = served
    for missing in ("entities/no-such-thing.html", "entities/", "nowhere/at/all"):
        html = fetch_missing(url + missing)
        assert "ページが見つかりません" in html and "テスト知識ベース" in html, missing
        assert "Error response" not in html and "Directory listing" not in html and "<li><a href=\"openai.html\"" not in html
        assert '<base href="/">' in html  # its relative links start from the root, at any depth


def test_types_opens_the_list_of_types_not_one_type(served):
    _, url = served
    html = fetch(url + "types/")
    assert "<h1>種類</h1>" in html and 'href="../types/market-index.html">市場指数</a>' in html and 'href="../types/company.html"' in html
    assert "日経平均" not in html.split("<main", 1)[1]  # the market indices' members are on their own page
    assert "日経平均" in fetch(url + "types/market-index.html")


def test_an_edit_made_the_moment_a_build_ends_is_not_lost(tmp_path):
    """The watcher logs 'rebuilt' after the site is in place and before it polls again: a record
    edited at that instant (here, from the log line itself) is re-rendered at the next poll."""
    from builder.files.config import Config
    from builder.pipeline import build
    from builder.serve import Watcher

    shutil.copytree(SEEDS, tmp_path / "seeds")
    config = Config(seeds=tmp_path / "seeds", content=tmp_path / "content", out=tmp_path / "site", cache=tmp_path / "cache", workers=1)
    build(config, log=lambda _: None)
    record = tmp_path / "content" / "entities" / "openai.yaml"

    def edit_record(line: str) -> None:
        if "rebuilt" in line:
            record.write_text(record.read_text(encoding="utf-8").replace("name: OpenAI", "name: OpenAI（直後に編集）"), encoding="utf-8")

    watcher = Watcher(config, edit_record)
    seed = min((tmp_path / "seeds").glob("*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nヘリオス電機は18日、新工場を公開した。\n", encoding="utf-8")
    assert watcher.check() == "build"
    assert watcher.check() == "render"
    assert "OpenAI（直後に編集）" in (tmp_path / "site" / "entities" / "openai.html").read_text(encoding="utf-8")
    assert watcher.check() == ""
