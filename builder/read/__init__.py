"""Read one article file into an `Article`, whatever kind of file it is.

`seeds/` may hold plain text (`.txt`), Markdown (`.md`, `.markdown`) and saved web
pages (`.html`, `.htm`); the file name without its suffix is the article's id.
Text and Markdown files may start with YAML front matter (`front_matter.py`).
Every reader ends in `plain.parse`, so an article has the same shape whatever it
was saved as. Any problem with a file is an `InputError` naming it.
"""

from __future__ import annotations

from pathlib import Path

from builder.errors import InputError
from builder.model import Article
from builder.read import plain
from builder.read.decode import decode

FORMATS = {".txt": "text"}
MAX_BYTES = 100 * 1024 * 1024  # an article file larger than this is refused (README: input formats)


def seed_files(seeds: Path) -> list[Path]:
    if not seeds.is_dir():
        raise InputError(seeds, None, "seeds folder not found")
    files = sorted(p for p in seeds.iterdir() if p.suffix.lower() in FORMATS and p.is_file())
    if not files:
        raise InputError(seeds, None, "no articles: put UTF-8 .txt files in this folder")
    return files


def read_bytes(path: Path, shown: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(shown, None, f"article too large ({size / 2**20:,.0f} MB; musubi reads articles of up to "
                                          f"{MAX_BYTES // 2**20} MB): split it into several files")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(shown, None, f"cannot read file ({exc.strerror})") from None


def read_article(path: Path, shown: str | None = None, raw: bytes | None = None) -> Article:
    """Decode and parse one article file (its bytes `raw` if already read)."""
    shown = shown or str(path)
    if raw is None:
        raw = read_bytes(path, shown)
    decoded = decode(raw, shown)
    return plain.parse(path.stem, shown, decoded.text, encoding=decoded.encoding)
