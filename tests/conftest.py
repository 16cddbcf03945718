"""Shared helpers: the real lexicon, an empty one, articles from text, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builder.analyze.lexicon import load_lexicon
from builder.files.config import load_config
from builder.files.datafiles import DATA_DIR
from builder.pipeline import build
from builder.read.plain import parse

TESTS = Path(__file__).resolve().parent  # its fixtures/, devset/ and gold/ serve tests in every folder
ROOT = TESTS.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def lexicon():
    return load_lexicon(DATA_DIR / "lexicon.yaml")


@pytest.fixture(scope="session")
def no_lexicon():
    return load_lexicon(None)


def article(text: str, article_id: str = "t"):
    return parse(article_id, f"{article_id}.txt", text)


# --- builds of real paragraphs: the development set as seed articles ---

DEVSET = sorted((TESTS / "devset").glob("*.yaml"))


def seeds_from_devset(folder: Path, count: int) -> Path:
    """Real paragraphs (the development set) as seed articles."""
    folder.mkdir(parents=True)
    docs = [d for path in DEVSET for d in yaml.safe_load(path.read_text(encoding="utf-8"))][:count]
    for d in docs:
        (folder / f"{d['id']}.txt").write_text(d["text"], encoding="utf-8")
    return folder


def run(where: Path, seeds: Path, **options):
    config = load_config(ROOT / "no-such-pyproject.toml", seeds=seeds, content=where / "content", out=where / "site", **options)
    return build(config, log=lambda _: None)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "builder", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


# --- the built site, served, and a real browser (Debian's chromium driven by playwright) ---

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"  # git-ignored; look at them after a run
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built from seeds/ into a temporary folder (content/ there too)."""
    where = tmp_path_factory.mktemp("built")
    result = run_cli("build", "--seeds", SEEDS, "--content", where / "content", "--out", where / "site",
                     "--base-url", "https://example.org/kb/")
    assert result.returncode == 0, result.stderr
    return where / "site"


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site over http (a plain static server, as a host would serve it)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "chromium is not installed: run `make browser` (apt-get install chromium fonts-noto-cjk)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page; any request leaving the machine fails the test."""
    context = browser.new_context(viewport=DESKTOP, locale="ja-JP")
    outside = []
    context.route(lambda url: not url.startswith(("http://127.0.0.1", "file://", "data:", "about:")),
                  lambda route: (outside.append(route.request.url), route.abort()))
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not outside, f"requests outside the site: {outside}"
    assert not errors, f"script errors: {errors}"


def screenshot(pg, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def follow(pg, link, key: str | None = None) -> None:
    """Click `link` (or press `key` on it) and wait until the page it opens has loaded.

    Playwright's click returns once the click is dispatched; asking the page anything before
    the next document is in place races with the navigation (document.body can be null)."""
    with pg.expect_navigation():
        link.press(key) if key else link.click()
