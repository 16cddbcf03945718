"""One build at a time on the same folders.

A build reads `content/` and `site/` as the last build left them and moves its
staged files into them at the end; a second build on the same folders at the
same time (a `make site` while `make serve` rebuilds, two terminals) would
interleave those moves. So a build, `musubi render` and each rebuild of
`musubi serve` hold an exclusive lock on every folder they write — a file
`.<folder>.lock` beside it, locked with `flock` — and a second one waits,
saying for whom, until the first is done. The system releases the lock when the
process ends, however it ends, so a crashed build never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from builder.errors import InputError


def lock_path(folder: Path) -> Path:
    return folder.parent / f".{folder.name}.lock"


@contextmanager
def held(folders: list[Path], log: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the locks of `folders` (taken in a fixed order, so two builds never wait for each
    other in a circle), waiting for another build that holds one."""
    with ExitStack() as stack:
        for folder in sorted({f.resolve() for f in folders}):
            stack.enter_context(_one(folder, log))
        yield


@contextmanager
def _one(folder: Path, log: Callable[[str], None]) -> Iterator[None]:
    path = lock_path(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise InputError(path, None, f"cannot make the lock file of {folder.name}/ ({exc.strerror})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            log(f"  waiting  for another build of {folder}/ (process {holder}) to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
