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
    if problems:
        raise InputError(project, None, "[tool.musubi]: " + "; ".join(problems))
    values = {k: (v if known[k] == "str" else Path(v)) for k, v in settings.items()}
    values.update({k: v for k, v in overrides.items() if v is not None})
    return replace(Config(), **values)
