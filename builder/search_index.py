"""The search index the browser loads: `assets/search-index.js`.

Japanese has no spaces to split words on, and a reader may type any part of a
compound (幹線 for 新幹線), so search is substring matching over each page's
text, normalised the same way here and in `assets/search.js` (NFKC, lower
case: ＺＥＴＡ, ZETA and zeta meet). The index is a script that sets
one global rather than a JSON file, because browsers refuse `fetch()` from
file:// pages and the site must work opened straight from disk.

Entities also list all their spellings, so a query that is one spelling of a
thing (ゼータラボ) also finds the pages that only use another (ZetaLab).
"""

from __future__ import annotations

import json
import unicodedata

from builder.labels import EVENT_LABELS, PREDICATE_LABELS, PROPERTY_LABELS

INDEX = "assets/search-index.js"


def norm(text: str) -> str:
    """What both sides compare: NFKC, lower case (as JavaScript's toLowerCase)."""
    return unicodedata.normalize("NFKC", text).lower()


def documents(site) -> list[dict]:
    """One document per page worth finding: {u: url, k: kind, n: title, x: text}."""
    docs = []
    for e in site.r.entities:
        facts = [f"{PREDICATE_LABELS.get(r['predicate'], r['predicate'])} {site.entities[r['object']]['name']}" for r in e["relations"]]
        claims = [f"{PROPERTY_LABELS.get(c['property'], c['property'])} {c['value']}: {c['evidence']['text']}" for c in e["claims"]]
        text = "\n".join([e["name"], "、".join(e["aliases"]), site.summary(e), *e.get("titles", []), *facts, *claims])
        docs.append({"u": f"entities/{e['id']}.html", "k": e["type"], "n": e["name"], "x": text})
    for ev in site.events:
        names = "、".join(site.entities[x]["name"] for x in ev["entities"])
        quotes = "\n".join(s["text"] for s in ev["evidence"])
        text = f"{ev['title']}\n{ev['date']} {EVENT_LABELS.get(ev['type'], ev['type'])}\n{names}\n{quotes}"
        docs.append({"u": f"events/{ev['id']}.html", "k": "event", "n": ev["title"], "x": text})
    for s in site.r.sources:
        docs.append({"u": f"sources/{s['id']}.html", "k": "source", "n": s["title"], "x": s["text"]})
    return docs


def spellings(site) -> list[list[str]]:
    """Each entity's spellings, normalised: a query equal to one of them also looks for the others."""
    groups = []
    for e in site.r.entities:
        group = sorted({norm(x) for x in [e["name"], *e["aliases"]] if len(norm(x)) >= 2})
        if len(group) > 1:
            groups.append(group)
    return groups


def search_files(site) -> dict[str, str]:
    data = {"docs": documents(site), "spellings": spellings(site)}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Safe inside any script context: no `</script>`, no line terminators JavaScript rejects.
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return {INDEX: f"window.MUSUBI_SEARCH = {text};\n"}
