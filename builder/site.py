"""Write a folder in one move: build it beside the target, then swap.

A failed build therefore never leaves half a site: until the final rename
the previous folder is untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def replace_dir(target: Path, files: dict[str, str]) -> None:
    """Make `target` hold exactly `files` ({relative path: text}), atomically."""
    target = Path(target)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=parent))
    try:
        os.chmod(fresh, 0o755)
        for rel in sorted(files):
            path = fresh / rel
            if path.parent != fresh:
                path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[rel].encode("utf-8"))
        old = None
        if target.exists():
            old = parent / f".{target.name}.old-{os.getpid()}"
            target.rename(old)
        fresh.rename(target)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
