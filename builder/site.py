"""Write a folder so that it holds exactly the files a build made, and nothing else.

A build hands each file over as soon as it is made (`put`), so no build holds
all its pages in memory; a file whose bytes are already in the folder is left
alone (its timestamp stays, so `rsync` and static hosts upload only what
really changed), any other is written into a staging folder beside the
target. Nothing in the target changes until `commit`, which the build calls
only when everything succeeded: a mistake in the input never leaves half a
site. `commit` moves the staged files in (each one rename) and removes files
that are no longer produced; a target that did not exist is the staging
folder, renamed into place in one move.

`put` may be called from forked worker processes: all they share is the
staging folder on disk.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from builder.manifest import fingerprint
from builder.parallel import ordered_map


@dataclass
class Made:
    """What a stage handed to a `Staged` folder: every path it makes and whether its bytes
    changed; what each self-contained file was made from (`manifest.fingerprint`); and how
    many were not made again because that and the file on disk were as the last build left them."""

    changed: dict[str, bool] = field(default_factory=dict)
    made_from: dict[str, str] = field(default_factory=dict)
    skipped: int = 0

    def add(self, path: str, outcome: bool | None, fingerprint: str | None = None) -> None:
        """`outcome`: what `Staged.put` returned, or None for a file not made again."""
        self.changed[path] = bool(outcome)
        self.skipped += outcome is None
        if fingerprint is not None:
            self.made_from[path] = fingerprint


def never(_path: str, _fingerprint: str) -> bool:
    """For `unchanged` arguments: nothing is known from a last build, everything is made."""
    return False


Unchanged = Callable[[str, str], bool]  # (path in the folder, fingerprint): may the file stay as it is?
T = TypeVar("T")


def make_all(items: dict[str, T], recipe: Callable[[T], tuple[object, Callable[[], str | Iterable[str]]]],
             put: Callable[[str, str | Iterable[str]], bool], workers: int, min_per_process: int, unchanged: Unchanged = never) -> Made:
    """Make the file of each of `items` ({path: job}) over `workers` processes, in order.
    `recipe(job)` gives what the file is made from, as plain data (None for a file that reads
    more than it could list), and how to make its text; a file `unchanged` vouches for is not
    made again. Records and pages both go through here."""

    def one(item: tuple[str, T]) -> tuple[bool | None, str | None]:
        path, job = item
        data, make = recipe(job)
        made_from = None if data is None else fingerprint(data)
        if made_from is not None and unchanged(path, made_from):
            return None, made_from
        return put(path, make()), made_from

    made = Made()
    for path, (outcome, made_from) in zip(items, ordered_map(one, list(items.items()), workers, min_per_process)):
        made.add(path, outcome, made_from)
    return made


class Staged:
    """The next contents of `target`. `owned` limits what it may delete to those top-level
    folders (content/ also holds curation.yaml, which a build reads and never writes)."""

    def __init__(self, target: Path, owned: tuple[str, ...] | None = None):
        self.target = Path(target)
        self.owned = owned
        self.staging = self.target.parent / f".{self.target.name}.staging"
        shutil.rmtree(self.staging, ignore_errors=True)  # left by a build that was killed
        self.staging.mkdir(parents=True)
        self.fresh = not self.target.is_dir()

    def put(self, rel: str, text: str | Iterable[str]) -> bool:
        """Stage one file unless the target already has these bytes; True if staged. A big
        file comes as an iterator of pieces: written as they come, then compared on disk."""
        if not isinstance(text, str):
            return self._put_pieces(rel, text)
        data = text.encode("utf-8")
        if not self.fresh:
            try:
                if (self.target / rel).read_bytes() == data:
                    return False
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                pass
        self._path(rel).write_bytes(data)
        return True

    def _put_pieces(self, rel: str, pieces: Iterable[str]) -> bool:
        staged, old = self._path(rel), self.target / rel
        with open(staged, "wb") as fh:
            fh.writelines(piece.encode("utf-8") for piece in pieces)
        if not self.fresh and old.is_file() and filecmp.cmp(staged, old, shallow=False):
            staged.unlink()
            return False
        return True

    def _path(self, rel: str) -> Path:
        """Where `rel` is staged: its folder made, and an empty file readable by a web server."""
        path = self.staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        os.chmod(path, 0o644)
        return path

    def commit(self, wanted: set[str]) -> None:
        """Make the target hold exactly `wanted` (paths put in this build)."""
        if self.fresh:
            os.chmod(self.staging, 0o755)
            self.staging.rename(self.target)
            return
        for path in sorted(self.staging.rglob("*")):
            if path.is_file():
                place = self.target / path.relative_to(self.staging)
                place.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, place)
        folders = [self.target / name for name in self.owned] if self.owned is not None else [self.target]
        for folder in folders:
            for path in sorted(folder.rglob("*"), reverse=True):  # deepest first, so emptied folders go too
                if path.is_dir():
                    if not any(path.iterdir()):
                        path.rmdir()
                elif path.relative_to(self.target).as_posix() not in wanted:
                    path.unlink()
        shutil.rmtree(self.staging, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
