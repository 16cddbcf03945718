"""What the last build read and wrote, so a rebuild does only what changed.

`<cache>/manifest.json` holds a digest of every input — each seed's path and
bytes, the lexicon, content/curation.yaml, the templates, musubi's own code and
data files, and the settings that reach the output — and the size and
modification time of every file the build left in `content/` and `site/`.
When the inputs give the same digest and every output is still there,
unchanged and alone, the previous output is exactly what a build would write,
so nothing is analysed, linked, rendered or written. Any difference (an input,
a deleted or hand-edited output, a stray file) means a normal build, which
then writes a new manifest.

It also holds what each record and each self-contained page was made from (a
fingerprint of its data, `fingerprint`). In a normal build, a file whose
fingerprint and whose size and time on disk are what the last build left, made
by the same code and templates, is not made again: its bytes would be the same.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import time
from collections.abc import Callable
from pathlib import Path

from builder.files.cache import replace_file
from builder.files.config import Config

CODE = Path(__file__).resolve().parent.parent
VERSION = 1


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def code_digest(config: Config) -> str:
    """Everything that turns data into files: the templates, musubi's code and data files, the settings."""
    h = hashlib.sha256(f"v{VERSION}\0{config.title}\0{config.base_url}\0".encode())
    for path in [*_files_under(config.templates), *_files_under(CODE)]:
        if path.suffix != ".pyc":
            h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def input_digest(code: str, config: Config, seeds: list[Path], seed_digests: list[bytes], curation: Path) -> str:
    """One digest of everything a build's output depends on (`code` is `code_digest`;
    `seed_digests` the seeds' own, from `Seeds`)."""
    h = hashlib.sha256(code.encode())
    for path in (config.lexicon, curation):
        if path.is_file():
            h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    for path, digest in zip(seeds, seed_digests):
        h.update(str(path).encode() + b"\0" + digest)
    return h.hexdigest()


class Seeds:
    """Each seed's sha256. A seed whose size and times are what the last build recorded is
    not read again: with nothing changed, reading 10,000 articles was a fifth of the check. A
    file is recorded only if it had not changed for `SETTLE` seconds when it was read, since an
    edit of the same size within one tick of the file system's clock keeps its time. The bytes
    read here are kept for the build (`bytes_of`)."""

    SETTLE = 2.0

    def __init__(self, files: list[Path], known: dict[str, list], read: Callable[[Path], bytes]):
        self.digests: list[bytes] = []
        self.record: dict[str, list] = {}  # {path: [size, mtime_ns, ctime_ns, sha256 hex]}
        self._read: dict[Path, bytes] = {}
        settled = time.time_ns() - int(self.SETTLE * 1e9)
        for path in files:
            try:
                st = os.stat(path)
                seen = [st.st_size, st.st_mtime_ns, st.st_ctime_ns]
            except OSError:
                seen = None
            was = known.get(str(path))
            if seen and isinstance(was, list) and was[:3] == seen:
                digest = bytes.fromhex(was[3])
            else:
                data = self._read[path] = read(path)
                digest = hashlib.sha256(data).digest()
            self.digests.append(digest)
            if seen and seen[1] < settled and seen[2] < settled:
                self.record[str(path)] = [*seen, digest.hex()]

    def bytes_of(self, path: Path, read: Callable[[Path], bytes]) -> bytes:
        """The seed's bytes: as read for its digest, once, else read now."""
        data = self._read.pop(path, None)
        return read(path) if data is None else data


def fingerprint(data) -> str:
    """What a record or a page is made from, as one digest of its plain data (dicts in their
    order). marshal's format 2 has no back-references, so equal data gives equal bytes whatever
    objects it shares; it is twice as fast as JSON, which matters at 70,000 pages a build."""
    return hashlib.sha256(marshal.dumps(data, 2)).hexdigest()[:32]


def _outputs(config: Config, kinds: tuple[str, ...]) -> dict[str, list[int]]:
    """{path: [size, mtime_ns]} for every file under content/<kind>/ and site/."""
    found = {}
    for folder in [*(config.content / k for k in kinds), config.out]:
        for root, _, names in os.walk(folder):
            inside = os.path.join(root, "")  # joined once: at 80,000 files a join per file shows
            for name in names:
                st = os.stat(inside + name)
                found[inside + name] = [st.st_size, st.st_mtime_ns]
    return found


def _path(config: Config) -> Path | None:
    return config.cache / "manifest.json" if config.cache else None


class Previous:
    """The last build's manifest, next to what is on disk now."""

    def __init__(self, config: Config, code: str, kinds: tuple[str, ...]):
        path = _path(config)
        try:
            saved = json.loads(path.read_text(encoding="utf-8")) if path else {}
        except (OSError, ValueError):
            saved = {}
        self.saved = saved if isinstance(saved, dict) else {}
        self.then = self.saved.get("outputs", {})
        self.now = _outputs(config, kinds)
        self.made_from = self.saved.get("made_from", {}) if self.saved.get("code") == code else {}
        seeds = self.saved.get("seeds")
        self.seeds = seeds if isinstance(seeds, dict) else {}

    def up_to_date(self, digest: str) -> bool:
        return self.saved.get("inputs") == digest and bool(self.now) and self.then == self.now

    def unchanged(self, folder: Path, rel: str, fingerprint: str) -> bool:
        """True if `folder/rel` was made from `fingerprint` by this code, and nobody touched it since."""
        path = os.path.join(folder, rel)
        return self.made_from.get(path) == fingerprint and self._as_left(path)

    def _as_left(self, path: str) -> bool:
        """The file is there, with the size and time the last build left it with."""
        return path in self.now and self.then.get(path) == self.now[path]

    def left(self, folder: Path, made: dict[str, bool] | None = None,
             moved: dict[str, list[int]] | None = None) -> dict[str, list[int]]:
        """{path: [size, mtime_ns]} of what `folder` holds after a build that made exactly `made`
        there ({rel: bytes changed?}; None: left it alone) and moved in `moved` (what
        `Staged.commit` returned). A file whose bytes did not change is as it was at the check."""
        if made is None:
            inside = os.path.join(folder, "")
            return {path: size_time for path, size_time in self.now.items() if path.startswith(inside)}
        moved = moved or {}
        return {os.path.join(folder, rel): moved[rel] if rel in moved else self.now.get(os.path.join(folder, rel))
                for rel in made}

    def untouched(self, folder: Path) -> dict[str, str]:
        """What the files under `folder` were made from, for those nobody touched since."""
        inside = os.path.join(folder, "")
        return {path: fp for path, fp in self.made_from.items() if path.startswith(inside) and self._as_left(path)}


def save(config: Config, digest: str, code: str, outputs: dict[str, list[int]], made_from: dict[str, str],
         seeds: dict[str, list] | None = None) -> None:
    """`outputs`: `Previous.left` of content/ and site/; `made_from`: {path as
    `os.path.join(folder, rel)`: fingerprint} of the files that have one; `seeds`: `Seeds.record`."""
    path = _path(config)
    if path is None:
        return
    data = {"inputs": digest, "code": code, "outputs": outputs, "made_from": made_from, "seeds": seeds or {}}
    replace_file(path, lambda fh: fh.write(json.dumps(data, sort_keys=True).encode()))


def forget(config: Config) -> None:
    """Before writing: a build that stops half-way must not leave a manifest that vouches for it."""
    path = _path(config)
    if path:
        path.unlink(missing_ok=True)
