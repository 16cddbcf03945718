"""What the last build read and wrote, so a build with nothing changed stops at once.

`<cache>/manifest.json` holds a digest of every input — each seed's path and
bytes, the lexicon, content/curation.yaml, the templates, musubi's own code and
data files, and the settings that reach the output — and the size and
modification time of every file the build left in `content/` and `site/`.
When the inputs give the same digest and every output is still there,
unchanged and alone, the previous output is exactly what a build would write,
so nothing is analysed, linked, rendered or written. Any difference (an input,
a deleted or hand-edited output, a stray file) means a normal build, which
then writes a new manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from builder.config import Config

CODE = Path(__file__).resolve().parent
VERSION = 1


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def input_digest(config: Config, seeds: list[Path], raw: list[bytes], curation: Path) -> str:
    """One digest of everything a build's output depends on."""
    h = hashlib.sha256(f"v{VERSION}\0{config.title}\0{config.base_url}\0".encode())
    extra = [config.lexicon, curation, *_files_under(config.templates), *_files_under(CODE)]
    for path in extra:
        if path.suffix != ".pyc" and path.is_file():
            h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    for path, data in zip(seeds, raw):
        h.update(str(path).encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def _outputs(config: Config, kinds: tuple[str, ...]) -> dict[str, list[int]]:
    """{path: [size, mtime_ns]} for every file under content/<kind>/ and site/."""
    found = {}
    for folder in [*(config.content / k for k in kinds), config.out]:
        for root, _, names in os.walk(folder):
            for name in names:
                path = os.path.join(root, name)
                st = os.stat(path)
                found[path] = [st.st_size, st.st_mtime_ns]
    return found


def _path(config: Config) -> Path | None:
    return config.cache / "manifest.json" if config.cache else None


def up_to_date(config: Config, digest: str, kinds: tuple[str, ...]) -> bool:
    path = _path(config)
    try:
        saved = json.loads(path.read_text(encoding="utf-8")) if path else None
    except (OSError, ValueError):
        return False
    return (isinstance(saved, dict) and saved.get("inputs") == digest and bool(saved.get("outputs"))
            and saved["outputs"] == _outputs(config, kinds))


def save(config: Config, digest: str, kinds: tuple[str, ...]) -> None:
    path = _path(config)
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"inputs": digest, "outputs": _outputs(config, kinds)}, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def forget(config: Config) -> None:
    """Before writing: a build that stops half-way must not leave a manifest that vouches for it."""
    path = _path(config)
    if path:
        path.unlink(missing_ok=True)
