"""What a person should look at: the extractions musubi is least sure of.

Six kinds, each with the one edit to `content/curation.yaml` that confirms it
and the one that rejects it (after either, it leaves the list):
new names seen only once, pairs of names that may be one thing, events
whose date was partly inferred or is only a month, articles that are the
same article as another (link/duplicates.py), and statements whose sentence
names no speaker (the one given is the topic before: link/statements.py); and the facts an article
seems to state that are not stated because its sentence's structure does not settle them (who did
it, whose a figure is: `KnowledgeBase.unsure`), with the edit that states one. A copy is already counted as one
source with its original, so confirming changes nothing but the list: it is
`duplicate_sources: [[original, copy]]`, which also keeps the pair together
should a later edit of either text make them less alike; deleting one of the
two files from seeds/ does as well.
"""

from __future__ import annotations

from collections import defaultdict

from builder.kb.records import Records
from builder.link.duplicates import percent
from builder.link.slug import sound_key
from builder.read.textnorm import name_key


def review_items(records: Records) -> list[dict]:
    """Items in a stable order: {kind, title, why, ids, confirm, reject} (edits as YAML text)."""
    items = []
    for e in records.entities:
        if len(e["mentions"]) == 1 and not e.get("in_lexicon") and "confirmed" not in e.get("reviewed", []) and not e.get("edited"):
            m = e["mentions"][0]
            items.append({
                "kind": "once", "title": e["name"], "ids": [e["id"]],
                "why": f"1 回だけ出てきた新しい名前（{m['source']}）",
                "confirm": f"entities:\n  {e['id']}:\n    confirmed: true",
                "reject": f"entities:\n  {e['id']}:\n    suppress: true",
            })
    for a, b in _possible_merges(records):
        items.append({
            "kind": "merge", "title": f"{a['name']} と {b['name']}", "ids": [a["id"], b["id"]],
            "why": "綴りや読みが近い同じ種類の項目",
            "confirm": f"entities:\n  {b['id']}:\n    merge_into: {a['id']}",
            "reject": f"distinct:\n  - [{a['id']}, {b['id']}]",
        })
    sources = {s["id"]: s for s in records.sources}
    for s in records.sources:
        if s.get("duplicate_of") and not s.get("duplicate_confirmed"):
            original = sources[s["duplicate_of"]]
            items.append({
                "kind": "same", "title": s["title"], "ids": [original["id"], s["id"]],
                "why": (f"{_file(s)} は {_file(original)}（{original['title']}）と本文の {percent(s.get('similarity'))} が同じ。"
                        "同じ記事として 1 本の出典に数えている。そのとおりなら今のままでよく、確かめた印に確認の編集を"
                        "（どちらかのファイルを消してもよい）"),
                "confirm": f"duplicate_sources:\n  - [{original['id']}, {s['id']}]",
                "reject": f"distinct_sources:\n  - [{original['id']}, {s['id']}]",
            })
    for ev in records.events:
        if ev.get("origin") == "generated" and (ev.get("date_basis") or len(str(ev["date"])) < 10):
            why = ev.get("date_basis") or "日付が月までしか分からない"
            items.append({
                "kind": "date", "title": ev["title"], "ids": [ev["id"]], "why": f"日付 {ev['date']}: {why}",
                "confirm": f"events:\n  {ev['id']}:\n    date: {ev['date']}",
                "reject": f"events:\n  {ev['id']}:\n    suppress: true",
            })
    for e in records.entities:
        for st in e.get("statements", []):
            if st.get("speaker_from") == "context" and st.get("origin", "generated") == "generated":
                where = f"statements:\n  - {{source: {st['source']}, start: {st['start']}"
                items.append({
                    "kind": "speaker", "title": f"{e['name']}「{_clip(st['text'])}」", "ids": [e["id"]],
                    "why": f"{st['source']} のこの発言の文には話し手が書かれていない。前の文の話題（{e['name']}）を話し手とした",
                    "confirm": f"{where}, speaker: {e['id']}}}", "reject": f"{where}, suppress: true}}",
                })
    for s in records.sources:
        for u in s.get("unsure", []):
            items.append({"kind": "unsure", "title": _clip(u["evidence"]["text"], 40), "ids": [s["id"]], "why": u["why"],
                          "confirm": _stating(u, s["id"]), "reject": "（何もしなくてよい: サイトには載せていない）"})
    return items


def _stating(u: dict, source: str) -> str:
    """The curation edit that states an unsure fact."""
    f = u["fact"]
    if u["kind"] == "relation":
        return f"relations_add:\n  - [{f['subject']}, {f['predicate']}, {f['object']}]"
    if u["kind"] == "event":
        return f"events_add:\n  - {{date: {f['date']}, title: <題>, type: {f['type']}, entities: [{', '.join(f['entities'])}]}}"
    return f"claims_add:\n  - {{subject: <id>, property: {f['property']}, value: {f['value']}, source: {source}}}"


def _clip(text: str, most: int = 30) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _file(source: dict) -> str:
    return source["path"].replace("\\", "/").split("/")[-1]


def _possible_merges(records: Records) -> list[tuple[dict, dict]]:
    """Same type, not both lexicon entries (those are known to differ), not already told
    apart, and one name inside the other (ミラー, ジェーン・ミラー) or the same sound
    skeleton (カイロス・ラボ, Kairos Labs). Candidates come from two indexes (names by
    their key, names by their skeleton) and each name's substrings are looked up, so an
    archive with thousands of names is not compared pair by pair."""
    by_type: dict[str, list[dict]] = defaultdict(list)
    for e in records.entities:
        by_type[e["type"]].append(e)
    pairs = []
    for members in by_type.values():
        ranked = sorted(members, key=lambda e: (-len(e["mentions"]), e["id"]))
        keys = [name_key(e["name"]) for e in ranked]
        by_key: dict[str, list[int]] = defaultdict(list)
        by_sound: dict[str, list[int]] = defaultdict(list)
        for n, key in enumerate(keys):
            if len(key) >= 2:
                by_key[key].append(n)
            sound = sound_key(ranked[n]["name"])
            if len(sound) >= 3:
                by_sound[sound].append(n)
        found = {tuple(sorted((n, m))) for n, key in enumerate(keys)
                 for part in {key[i:j] for i in range(len(key)) for j in range(i + 2, len(key) + 1)}
                 for m in by_key.get(part, ()) if m != n}
        found |= {(a, b) for group in by_sound.values() for i, a in enumerate(group) for b in group[i + 1:]}
        for a, b in sorted(found):
            first, second = ranked[a], ranked[b]
            if second["id"] not in first.get("reviewed", []) and not (first.get("in_lexicon") and second.get("in_lexicon")):
                pairs.append((first, second))
    return pairs


def review_text(records: Records) -> str:
    """The list as `musubi review` prints it."""
    items = review_items(records)
    if not items:
        return "nothing to review: every extraction is confirmed or well attested\n"
    out = [f"{len(items)} item(s) to review; add one of the edits to content/curation.yaml\n"]
    labels = {"once": "seen once", "merge": "same thing?", "date": "date", "same": "same article?", "speaker": "who said it?",
              "unsure": "not stated"}
    for n, item in enumerate(items, 1):
        out.append(f"{n}. [{labels[item['kind']]}] {item['title']} — {item['why']}")
        out.append("   confirm:  " + item["confirm"].replace("\n", "\n             "))
        out.append("   reject:   " + item["reject"].replace("\n", "\n             "))
    return "\n".join(out) + "\n"
