"""Big JSON documents (kb.json, the search index) written piece by piece.

At 10,000 articles each is a few hundred megabytes; built as one string it is
held several times over (the objects, the text, its UTF-8 bytes), which was
most of a build's peak memory. `parts` yields the same text in pieces, and a
document's lists may be generators, so items are made, written and dropped one
at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator


class Raw(str):
    """Text that is already one JSON value (made earlier by `dumps`): `parts` writes it as it is."""


def dumps(value) -> str:
    """One value as musubi writes JSON: compact, sorted keys, UTF-8 text kept as it is."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def parts(value) -> Iterator[str]:
    """The text of `dumps(value)`, in pieces. A dict's values and a list's (or any
    iterator's) items are yielded one at a time (a `Raw` item as it is); everything else is dumped whole."""
    if isinstance(value, dict):
        yield "{"
        for n, key in enumerate(sorted(value)):
            yield ("," if n else "") + dumps(key) + ":"
            yield from parts(value[key])
        yield "}"
    elif isinstance(value, (list, tuple)) or hasattr(value, "__next__"):
        yield "["
        for n, item in enumerate(value):
            yield ("," if n else "") + (item if isinstance(item, Raw) else dumps(item))
        yield "]"
    else:
        yield dumps(value)
