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
from typing import BinaryIO, TypeVar

from builder.files.manifest import fingerprint
from builder.files.parallel import ordered_map


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
        self._folders: set[str] = set()

    def put(self, rel: str, text: str | Iterable[str]) -> bool:
        """Stage one file unless the target already has these bytes; True if staged. A big
        file comes as an iterator of pieces: written as they come, then compared on disk."""
        if not isinstance(text, str):
            return self._put_pieces(rel, text)
        data = text.encode("utf-8")
        if not self.fresh:
            try:
                with open(os.path.join(self.target, rel), "rb") as fh:
                    if fh.read() == data:
                        return False
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                pass
        with self._open(rel) as fh:
            fh.write(data)
        return True

    def _put_pieces(self, rel: str, pieces: Iterable[str]) -> bool:
        with self._open(rel) as fh:
            fh.writelines(piece.encode("utf-8") for piece in pieces)
        staged, old = os.path.join(self.staging, rel), os.path.join(self.target, rel)
        if not self.fresh and os.path.isfile(old) and filecmp.cmp(staged, old, shallow=False):
            os.unlink(staged)
            return False
        return True

    def _open(self, rel: str) -> BinaryIO:
        """`rel` in the staging folder, new and open for writing, readable by a web server
        whatever the umask. A folder is made once per process: at 70,000 files a build,
        each system call on a path shows."""
        path = os.path.join(self.staging, rel)
        folder = os.path.dirname(path)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.fchmod(fd, 0o644)
        return os.fdopen(fd, "wb")

    def commit(self, wanted: set[str]) -> dict[str, list[int]]:
        """Make the target hold exactly `wanted` (paths put in this build). Returns {rel:
        [size, mtime_ns]} of each file moved in, read from the staged copy (a move keeps both):
        a hand edit made a moment after the move is then never taken for the build's own."""
        staging, target = str(self.staging), str(self.target)
        moved = {}
        for root, _, names in os.walk(staging):
            for name in names:
                path = os.path.join(root, name)
                st = os.stat(path)
                moved[path[len(staging) + 1 :].replace(os.sep, "/")] = [st.st_size, st.st_mtime_ns]
                if not self.fresh:
                    place = target + path[len(staging):]
                    os.makedirs(os.path.dirname(place), exist_ok=True)
                    os.replace(path, place)
        if self.fresh:
            os.chmod(self.staging, 0o755)
            self.staging.rename(self.target)
            return moved
        folders = [os.path.join(target, name) for name in self.owned] if self.owned is not None else [target]
        for folder in folders:
            for root, _, names in os.walk(folder, topdown=False):  # deepest first, so emptied folders go too
                for name in names:
                    path = os.path.join(root, name)
                    if path[len(target) + 1 :].replace(os.sep, "/") not in wanted:
                        os.unlink(path)
                if root != folder and not os.listdir(root):
                    os.rmdir(root)
        shutil.rmtree(self.staging, ignore_errors=True)
        return moved

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
