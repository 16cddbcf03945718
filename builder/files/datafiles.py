"""Load the YAML vocabularies shipped in `builder/data/` (editable by users)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from builder.errors import InputError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@cache
def load_data(name: str):
    """A vocabulary as YAML; a user's typo in one is their mistake to fix, so it is reported
    as `path:line: problem`, not as a traceback."""
    path = DATA_DIR / name
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(path, mark.line + 1 if mark else None, f"not valid YAML: {exc.problem or exc.context}") from None
