"""Records parsed once, kept between `musubi render` runs.

`musubi render` (and `make serve`, after an edit in content/) reads every
record. YAML parsing, even with libyaml, is slow enough that a 10,000-article
archive — 600 MB of records — took minutes before the first page was
rendered, for an edit to one file. `<cache>/records.pickle` keeps each
record as parsed, with the size and modification time its file had; a file
whose size and time are unchanged is taken from there, any other is read and
checked again (`records.parse_record`). The entries are keyed on musubi's code
as well, so a new version of the checks reads everything once more.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from builder.errors import InputError
from builder.files.cache import UNREADABLE, replace_file
from builder.kb.records import KINDS, parse_record


def _stats(content: Path) -> dict[str, tuple[int, int]]:
    """{kind/name.yaml: (size, mtime_ns)} of every record file."""
    found = {}
    for kind in KINDS:
        folder = content / kind
        if folder.is_dir():
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".yaml") and entry.is_file():
                        st = entry.stat()
                        found[f"{kind}/{entry.name}"] = (st.st_size, st.st_mtime_ns)
    return found


def _saved(path: Path | None, code: str) -> dict[str, tuple[int, int, dict]]:
    try:
        with open(path, "rb") as fh:
            saved_code, entries = pickle.load(fh)
    except UNREADABLE:
        return {}  # no cache folder, no file yet, or a damaged one: parse everything
    return entries if saved_code == code and isinstance(entries, dict) else {}


def load_records(content: Path, cache: Path | None, code: str) -> tuple[dict[str, dict], int]:
    """Every record under `content/` as `{relative path: record}`, and how many files were
    parsed (the others came from the cache). `code`: `manifest.code_digest`."""
    stats = _stats(content)
    if not stats:
        raise InputError(content, None, "no records found; run `musubi build` first")
    path = cache / "records.pickle" if cache else None
    saved = _saved(path, code)
    records, entries, parsed = {}, {}, 0
    for rel in sorted(stats):
        old = saved.get(rel)
        if old is not None and old[:2] == stats[rel]:
            records[rel] = old[2]
        else:
            try:
                text = (content / rel).read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise InputError(content / rel, None, "not UTF-8 text") from None
            records[rel] = parse_record(rel.split("/", 1)[0], f"{content}/{rel}", text)
            parsed += 1
        entries[rel] = (*stats[rel], records[rel])
    if path is not None and (parsed or entries.keys() != saved.keys()):
        replace_file(path, lambda fh: pickle.dump((code, entries), fh, protocol=pickle.HIGHEST_PROTOCOL))
    return records, parsed
