"""Build settings: defaults, then `[tool.musubi]` in ./pyproject.toml, then what the last
build of the same site was given on the command line (`with_last_build`), then CLI flags.

Every unknown or mistyped key is reported at once, naming pyproject.toml.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path

from builder.errors import InputError
from builder.files.cache import replace_file
from builder.files.datafiles import DATA_DIR

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


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
    if config.base_url and not re.fullmatch(r"https?://[^/\s]+(/\S*)?", config.base_url):
        given = "--base-url" if overrides.get("base_url") is not None else project
        raise InputError(given, None, f"base URL {config.base_url!r} is not an http(s) address, e.g. https://example.org/kb/")
    if config.cache is None:
        config = replace(config, cache=config.content.parent / ".musubi-cache")
    return config


REMEMBERED = {"base_url": ("base URL", "--base-url"), "title": ("site title", "--title")}
LAST_BUILD = "last-build.json"  # in the cache folder: {site folder: {setting: value given on the command line}}


def with_last_build(options: dict, log: Callable[[str], None], project: Path = Path("pyproject.toml")) -> Config:
    """The settings of `build`, `render` and `serve`. The base URL and title are publishing
    settings: `make publish BASE_URL=…` followed by a plain `make site` or `make serve` must
    not silently lose sitemap.xml, the feed and every canonical link. So what the command line
    gives for them is remembered for the site folder (in the cache folder, never in the site,
    which is published), and a later command that does not give them again uses them, saying
    so; they win over pyproject.toml, a flag wins over them. An empty value (`--base-url ""`)
    forgets one: no base URL for this build, and pyproject's title (or the default) for
    `--title ""`."""
    given = {k: options.get(k) for k in REMEMBERED if options.get(k) is not None}
    config = load_config(project, **{**options, "title": options.get("title") or None})
    path = config.cache / LAST_BUILD
    try:
        sites = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or unreadable: nothing is remembered
        sites = {}
    site = str(config.out.resolve())
    last = {k: v for k, v in (sites.get(site) or {}).items() if k in REMEMBERED and isinstance(v, str) and v}
    kept = {k: v for k, v in last.items() if k not in given}
    for k, v in kept.items():
        what, flag = REMEMBERED[k]
        log(f'musubi: using {what} {v} from the last build (give {flag} "" to drop it)')
    remembered = {**kept, **{k: v for k, v in given.items() if v}}
    if remembered != last:
        sites = {**sites, site: remembered} if remembered else {k: v for k, v in sites.items() if k != site}
        try:
            replace_file(path, lambda fh: fh.write(json.dumps(sites, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")))
        except OSError as exc:
            raise InputError(path, None, f"cannot remember the publishing settings ({exc.strerror})") from None
    return replace(config, **kept)
