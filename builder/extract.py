"""`musubi extract`: the analyzer's mentions of each file as JSON lines.

Files given together are linked together (a name typed by a cue in one file
is typed in all), as in a build. Besides names (company, person, model,
index, project, organization, place) it reports amounts (`money`,
`percent`) and `date`s, and the statements in it (who said what: the words, their
kind and verb, and the speaker's name). Offsets are characters of each article's text
as stored (see `extract`), so any outside evaluation can score them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from builder.analyze import Analysis, analyze
from builder.analyze.lexicon import Lexicon
from builder.analyze.quantities import CURRENCIES
from builder.link.entities import build_entities
from builder.link.statements import statements
from builder.read import read_article, read_bytes

QUANTITY_TYPES = {**{code: "money" for code in CURRENCIES.values()}, "%": "percent"}


def mentions_of(a: Analysis) -> list[dict]:
    found = [{"start": m.start, "end": m.end, "text": m.text, "type": m.type} for m in a.mentions if m.type]
    found += [{"start": q.start, "end": q.end, "text": q.text, "type": QUANTITY_TYPES[q.unit]}
              for s in a.sentences for q in s.quantities if q.unit in QUANTITY_TYPES]
    found += [{"start": d.start, "end": d.end, "text": d.text, "type": "date"} for d in a.article.dates]
    return sorted(found, key=lambda m: (m["start"], m["end"], m["type"]))


def extract(paths: list[str], lexicon: Lexicon) -> Iterator[str]:
    """One JSON line per file. Offsets count characters of the article's text as musubi stores
    it; when that is not the file's own text (line endings other than LF, another encoding,
    front matter, Markdown, a web page), the line carries it as `text`, so that a scorer can
    read what the offsets point at."""
    raws = [read_bytes(Path(p), p) for p in paths]
    analyses = [analyze(read_article(Path(p), p, raw), lexicon) for p, raw in zip(paths, raws)]
    entities = build_entities(analyses, lexicon)
    names = {e.id: e.name for e in entities}
    for path, raw, a in zip(paths, raws, analyses):
        said = [{"start": st.start, "end": st.end, "text": st.text, "kind": st.kind, "verb": st.verb, "speaker": names[st.speaker]}
                for st in statements([a], entities)]
        line = {"path": path, "mentions": mentions_of(a), "statements": said}
        if a.article.text != raw.decode("utf-8-sig", errors="replace"):
            line["text"] = a.article.text
        yield json.dumps(line, ensure_ascii=False)
