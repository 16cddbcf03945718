"""Write a folder so that it holds exactly the given files.

Every build renders all its output in memory first (phase one); only when that
succeeded is anything written, so a mistake in the input never leaves half a
site. Writing then touches only files whose bytes changed — each one written
beside its place and renamed over it — and removes files that are no longer
produced. Unchanged files keep their timestamps, so `rsync` and static hosts
upload only what really changed. A folder that does not exist yet is built
aside and renamed into place in one move.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def replace_dir(target: Path, files: dict[str, str]) -> int:
    """Make `target` hold exactly `files` ({relative path: text}); returns how many files
    were written (created or changed)."""
    target = Path(target)
    if not target.is_dir():
        _create(target, files)
        return len(files)
    wanted = {rel: text.encode("utf-8") for rel, text in files.items()}
    written = 0
    for rel in sorted(wanted):
        path = target / rel
        try:
            if path.read_bytes() == wanted[rel]:
                continue
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
        tmp.write_bytes(wanted[rel])
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        written += 1
    for path in sorted(target.rglob("*"), reverse=True):  # deepest first, so emptied folders go too
        rel = path.relative_to(target).as_posix()
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif rel not in wanted:
            path.unlink()
    return written


def _create(target: Path, files: dict[str, str]) -> None:
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=parent))
    try:
        os.chmod(fresh, 0o755)
        for rel in sorted(files):
            path = fresh / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[rel].encode("utf-8"))
            os.chmod(path, 0o644)
        fresh.rename(target)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
