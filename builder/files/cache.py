"""Analyses kept between builds, so an unchanged article is never tokenised again.

An entry is keyed on everything the analysis of one article depends on: the
article's bytes and its path (the id and what the pages show), the analyzer's
version — a digest of its own code and of the data files it reads — and the
lexicon. Change any of them and the key changes; entries nobody asked for in a
build are removed at its end, so the cache holds one entry per current article.

Entries are pickles written by this program on this machine (the cache is a
local folder, git-ignored); a damaged entry is treated as missing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

from builder.files.datafiles import DATA_DIR

PACKAGE = Path(__file__).resolve().parent.parent
ANALYSIS_CODE = ("read", "analyze")  # an analysis holds its article as read; the tagger is under analyze/
# what reading a cache file that is missing, cut short or written by another version can raise
UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)


def replace_file(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write a cache file beside `path` with `write(file)`, then move it over `path`: a reader
    (another process, the next build) sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        write(fh)
    os.replace(tmp, path)


@lru_cache(maxsize=1)
def analyzer_version() -> str:
    """A digest of the analyzer's code and data files, and of the version of the library that
    reads saved pages: any edit to them (the dates an article holds are worked out by dates.py,
    its names with the tagger's model), or another trafilatura, is a new version."""
    h = hashlib.sha256(f"trafilatura {metadata.version('trafilatura')}\0".encode())
    code = [path for folder in ANALYSIS_CODE for path in sorted((PACKAGE / folder).rglob("*.py"))]
    data = sorted(DATA_DIR.glob("*.yaml")) + sorted(DATA_DIR.glob("*.crfsuite"))  # the tagger's model too
    for path in code + data + [PACKAGE / "model.py"]:
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


class Entries:
    """`folder/<key>.pickle`, one value each; `None` folder means no caching. The folder is the
    cache's own: `prune` removes every pickle in it that the build did not ask for. Keys are
    digests of `salt` (what every value depends on: the code that made it) and the value's inputs."""

    def __init__(self, folder: Path | None, salt: bytes):
        self.folder, self.salt = folder, salt
        self.used: set[str] = set()
        self.hits = self.misses = 0

    def key_of(self, data: bytes) -> str:
        return hashlib.sha256(self.salt + b"\0" + data).hexdigest()[:32]

    def get(self, key: str):
        self.used.add(key)
        if self.folder is None:
            self.misses += 1
            return None
        try:
            with open(self.folder / f"{key}.pickle", "rb") as fh:
                value = pickle.load(fh)
        except UNREADABLE:
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value) -> bytes:
        """Store `value` under `key` (safe to call from several processes). Returns its pickle,
        which is also what a worker sends back: an analysis is pickled once, not twice."""
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if self.folder is not None:
            replace_file(self.folder / f"{key}.pickle", lambda fh: fh.write(data))
        return data

    def prune(self) -> None:
        """Drop entries this build did not use (deleted or changed articles, old versions)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for entry in self.folder.glob("*.pickle"):
            if entry.stem not in self.used:
                entry.unlink(missing_ok=True)


class AnalysisCache(Entries):
    """One analysis per article, keyed on the article's bytes and path, the analyzer and the lexicon."""

    def __init__(self, folder: Path | None, lexicon_path: Path | None):
        lexicon = lexicon_path.read_bytes() if lexicon_path and lexicon_path.is_file() else b""
        super().__init__(folder, analyzer_version().encode() + b"\0" + hashlib.sha256(lexicon).digest())

    def key(self, path: str, data: bytes) -> str:
        return self.key_of(path.encode("utf-8") + b"\0" + data)
