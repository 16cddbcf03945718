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
from builder.read import front_matter, markdown, plain
from builder.read.decode import decode

FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
MAX_BYTES = 100 * 1024 * 1024  # an article file larger than this is refused (README: input formats)


def seed_files(seeds: Path) -> tuple[list[Path], list[Path]]:
    """The article files in `seeds/` (not its subfolders: a page saved "complete" keeps its
    images and scripts in one), and the other files there, which a build skips. Two files
    with one name but for the suffix (or the case of its letters) would be one article: an error."""
    if not seeds.is_dir():
        raise InputError(seeds, None, "seeds folder not found")
    found = sorted(p for p in seeds.iterdir() if p.is_file() and not p.name.startswith("."))
    files = [p for p in found if p.suffix.lower() in FORMATS]
    if not files:
        raise InputError(seeds, None, f"no articles: put article files ({', '.join(FORMATS)}) in this folder")
    by_id: dict[str, Path] = {}
    for p in files:
        other = by_id.setdefault(p.stem.casefold(), p)  # News.txt and news.md: one page on a case-blind disk (macOS, Windows)
        if other is not p:
            raise InputError(p, None, f"{other.name} has the same name: both would be article {p.stem!r}; rename one")
    return files, [p for p in found if p.suffix.lower() not in FORMATS]


def read_bytes(path: Path, shown: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(shown, None, f"article too large: {size:,} bytes, and musubi reads articles of up to "
                                          f"{MAX_BYTES // 2**20} MB ({MAX_BYTES:,} bytes); split it into several files")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(shown, None, f"cannot read file ({exc.strerror})") from None


def read_article(path: Path, shown: str | None = None, raw: bytes | None = None) -> Article:
    """Decode and parse one article file (its bytes `raw` if already read), by its suffix."""
    shown = shown or str(path)
    if raw is None:
        raw = read_bytes(path, shown)
    kind = FORMATS.get(path.suffix.lower(), "text")
    if kind == "html":
        # trafilatura takes most of a second to import: only when a page is read
        from builder.read.html import read_html

        meta, blocks, encoding = read_html(raw, shown)
        text, lines = plain.joined(plain.titled(meta.title, blocks))
    else:
        decoded = decode(raw, shown)
        meta, body = front_matter.split(decoded.text, shown)
        encoding = decoded.encoding
        if kind == "markdown":
            text, lines = plain.joined(plain.titled(meta.title, markdown.blocks(body)))
        else:
            text, lines = plain.with_title(body, meta.title), None
    return plain.parse(path.stem, shown, text, meta, lines, encoding, kind)
