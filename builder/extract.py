"""`musubi extract`: the analyzer's mentions of each file as JSON lines.

Files given together are linked together (a name typed by a cue in one file
is typed in all), as in a build. Besides names (company, person, model,
index, project, organization, place) it reports amounts (`money`,
`percent`) and `date`s. Offsets are characters in each file's decoded text,
so any outside evaluation can score them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from builder.analyze import Analysis, analyze
from builder.analyze.lexicon import Lexicon
from builder.analyze.quantities import CURRENCIES
from builder.link.entities import build_entities
from builder.read import read_article

QUANTITY_TYPES = {**{code: "money" for code in CURRENCIES.values()}, "%": "percent"}


def mentions_of(a: Analysis) -> list[dict]:
    found = [{"start": m.start, "end": m.end, "text": m.text, "type": m.type} for m in a.mentions if m.type]
    found += [{"start": q.start, "end": q.end, "text": q.text, "type": QUANTITY_TYPES[q.unit]}
              for s in a.sentences for q in s.quantities if q.unit in QUANTITY_TYPES]
    found += [{"start": d.start, "end": d.end, "text": d.text, "type": "date"} for d in a.article.dates]
    return sorted(found, key=lambda m: (m["start"], m["end"], m["type"]))


def extract(paths: list[str], lexicon: Lexicon) -> Iterator[str]:
    analyses = [analyze(read_article(Path(p), p), lexicon) for p in paths]
    build_entities(analyses, lexicon)
    for path, a in zip(paths, analyses):
        yield json.dumps({"path": path, "mentions": mentions_of(a)}, ensure_ascii=False)
