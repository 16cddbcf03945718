"""The alias lexicon: a YAML list of known things and their spellings.

Each entry: `{id, name, type, aliases: [...]}`. The lexicon only helps: names
that are not in it are still found by the rules. Users extend it by editing
the file, or by passing their own with `--lexicon`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.errors import InputError
from builder.files.yamlio import SAFE_LOADER, yaml_error
from builder.read.textnorm import name_key

TYPES = ("company", "person", "model", "index", "project", "organization", "place")


@dataclass(frozen=True)
class LexEntry:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[LexEntry, ...]
    by_key: dict[str, LexEntry]
    max_tokens: int = 8
    prefixes: frozenset[str] = frozenset()  # every prefix of every key, to stop a match early

    def get(self, key: str) -> LexEntry | None:
        return self.by_key.get(key)


def load_lexicon(path: Path | None) -> Lexicon:
    """Read and check a lexicon file; every problem names the file and line."""
    if path is None:
        return Lexicon((), {})
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, None, f"cannot read lexicon ({exc})") from None
    try:
        nodes = yaml.compose(text, Loader=SAFE_LOADER)
        data = yaml.load(text, Loader=SAFE_LOADER)  # the safe loader, in C when libyaml is there
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path, text) from None
    if data is None:
        return Lexicon((), {})
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise InputError(path, 1, "a lexicon is a mapping with a list under `entries`")
    entries, by_key, seen = [], {}, {}
    for item, node in zip(data["entries"], _entry_nodes(nodes)):
        line = node.start_mark.line + 1
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("id", "name", "type")):
            raise InputError(path, line, "each entry needs `id`, `name` and `type` strings")
        if item["type"] not in TYPES:
            raise InputError(path, line, f"unknown type {item['type']!r} (one of: {', '.join(TYPES)})")
        if item["id"] in seen:
            raise InputError(path, line, f"duplicate id {item['id']!r} (first on line {seen[item['id']]})")
        seen[item["id"]] = line
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise InputError(path, line, "`aliases` must be a list of strings")
        entry = LexEntry(item["id"], item["name"], item["type"], tuple(aliases))
        entries.append(entry)
        for spelling in (entry.name, *entry.aliases):
            key = name_key(spelling)
            other = by_key.get(key)
            if other is not None and other.id != entry.id:
                raise InputError(path, line, f"alias {spelling!r} is already used by {other.id!r}")
            by_key[key] = entry
    prefixes = frozenset(k[:n] for k in by_key for n in range(1, len(k) + 1))
    return Lexicon(tuple(entries), by_key, prefixes=prefixes)


def _entry_nodes(root):
    for key, value in root.value:
        if key.value == "entries":
            return value.value
    return []
