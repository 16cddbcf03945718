"""Shared helpers: the real lexicon, an empty one, articles from text, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from builder.analyze.lexicon import load_lexicon
from builder.datafiles import DATA_DIR
from builder.ingest import parse

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def lexicon():
    return load_lexicon(DATA_DIR / "lexicon.yaml")


@pytest.fixture(scope="session")
def no_lexicon():
    return load_lexicon(None)


def article(text: str, article_id: str = "t"):
    return parse(article_id, f"{article_id}.txt", text)


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "builder", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
