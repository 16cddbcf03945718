"""Build settings: defaults, then `[tool.musubi]` in ./pyproject.toml, then CLI flags.

Every unknown or mistyped key is reported at once, naming pyproject.toml.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from builder.datafiles import DATA_DIR
from builder.errors import InputError

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Config:
    seeds: Path = Path("seeds")
    content: Path = Path("content")
    out: Path = Path("site")
    lexicon: Path = DATA_DIR / "lexicon.yaml"
    templates: Path = TEMPLATES
    title: str = "musubi"
    cache: Path | None = None  # analyses kept between builds; default: .musubi-cache beside content/
    workers: int = 0  # processes for analysis and rendering; 0: one per core
    base_url: str = ""  # e.g. https://example.org/kb/ — only for absolute URLs (sitemap, feed, canonical, Open Graph)


def load_config(project: Path = Path("pyproject.toml"), **overrides) -> Config:
    """Defaults, overridden by the project's `[tool.musubi]`, overridden by non-None `overrides`."""
    settings: dict = {}
    if project.is_file():
        try:
            data = tomllib.loads(project.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(project, None, f"invalid TOML: {exc}") from None
        settings = data.get("tool", {}).get("musubi", {})
    known = {f.name: f.type for f in fields(Config)}
    problems = [f"unknown key {k!r}" for k in settings if k not in known]
    problems += [f"{k!r} must be a string" for k, v in settings.items() if k in known and not isinstance(v, str)]
    problems += [f"{k!r} is set on the command line only" for k in settings if k == "workers"]
    if problems:
        raise InputError(project, None, "[tool.musubi]: " + "; ".join(problems))
    values = {k: (v if known[k] == "str" else Path(v)) for k, v in settings.items()}
    if overrides.get("workers") is not None and overrides["workers"] < 0:
        raise InputError("--workers", None, "must be 0 (one per core) or more")
    values.update({k: v for k, v in overrides.items() if v is not None})
    config = replace(Config(), **values)
    if config.cache is None:
        config = replace(config, cache=config.content.parent / ".musubi-cache")
    return config
