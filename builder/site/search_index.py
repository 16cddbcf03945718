"""The search index the browser loads: `assets/search-index.js`.

Japanese has no spaces to split words on, and a reader may type any part of a
compound (幹線 for 新幹線), so search is substring matching over each page's
text, normalised the same way here and in `assets/search.js` (NFKC, lower
case: ＺＥＴＡ, ZETA and zeta meet). The index is a script that sets
one global rather than a JSON file, because browsers refuse `fetch()` from
file:// pages and the site must work opened straight from disk.

Entities also list all their spellings, so a query that is one spelling of a
thing (ゼータラボ) also finds the pages that only use another (ZetaLab).

Ranking and snippets are decided in the browser, which alone knows the query:
a name or alias equal to the query first, then a name it begins, then a name or
alias holding it, then text (see `assets/search.js`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from builder.files import jsonstream
from builder.read.dates import date_label
from builder.site.labels import EVENT_LABELS, PREDICATE_LABELS, PROPERTY_LABELS

INDEX = "assets/search-index.js"


def norm(text: str) -> str:
    """What both sides compare: NFKC, lower case (as JavaScript's toLowerCase)."""
    return unicodedata.normalize("NFKC", text).lower()


def documents(site) -> Iterator[dict]:
    """One document per page worth finding: {u: url, k: kind, n: title, x: text}, and for an
    entity a: its aliases as written — the browser ranks a query equal to an alias with one
    equal to the name, and shows the alias that matched (it is not the title) as the snippet.
    They stay in x too, where a query of several words may find one word in them."""
    for e in site.r.entities:
        facts = [f"{PREDICATE_LABELS.get(r['predicate'], r['predicate'])} {site.entities[r['object']]['name']}" for r in e["relations"]]
        claims = [f"{PROPERTY_LABELS.get(c['property'], c['property'])} {c['value']}: {c['evidence']['text']}" for c in e["claims"]]
        text = "\n".join([e["name"], "、".join(e["aliases"]), site.summary(e), *e.get("titles", []), *facts, *claims])
        yield {"u": f"entities/{e['id']}.html", "k": e["type"], "n": e["name"], "a": e["aliases"], "x": text}
    for ev in site.events:
        names = "、".join(site.entities[x]["name"] for x in ev["entities"])
        quotes = "\n".join(s["text"] for s in ev["evidence"])
        text = f"{ev['title']}\n{date_label(ev['date'])} {EVENT_LABELS.get(ev['type'], ev['type'])}\n{names}\n{quotes}"
        yield {"u": f"events/{ev['id']}.html", "k": "event", "n": ev["title"], "x": text}
    for s in site.r.sources:
        yield {"u": f"sources/{s['id']}.html", "k": "source", "n": s["title"], "x": s["text"]}


def spellings(site) -> list[list[str]]:
    """Each entity's spellings, normalised: a query equal to one of them also looks for the others."""
    groups = []
    for e in site.r.entities:
        group = sorted({norm(x) for x in [e["name"], *e["aliases"]] if len(norm(x)) >= 2})
        if len(group) > 1:
            groups.append(group)
    return groups


def index_script(site) -> Iterator[str]:
    """`assets/search-index.js`, in pieces (`jsonstream`). Safe inside any script context:
    no `</script>`, no line terminators JavaScript rejects (escaping never spans two pieces)."""
    yield "window.MUSUBI_SEARCH = "
    for piece in jsonstream.parts({"docs": documents(site), "spellings": spellings(site)}):
        yield piece.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    yield ";\n"
