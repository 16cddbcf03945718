"""Who said what, as the pages show it: a speaker's statements, what others said about an
entity, and for an event what each party said about it in every source that reports it.

Statements are kept in their speaker's record (kb/records.py); this module turns them
around, by source and by what they are about, once per build. Every view is plain data
(briefs of the entities and sources it links to), so a page's fingerprint says all it shows.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

SHOWN = 50  # statements a page lists in one section; kb.json has them all
SHOWN_PARTIES = 12  # speakers side by side on an event's page
SHOWN_PER_PARTY = 10  # statements under each of them
NEAR_BEFORE, NEAR_AFTER = 300, 1500  # characters around a sentence reporting an event where what is said about it is looked for


class Index:
    """The statements of all entity records, each with its speaker, by source and by what it is about."""

    def __init__(self, entities: list[dict]):
        self.in_source: dict[str, list[dict]] = defaultdict(list)
        self.about: dict[str, list[dict]] = defaultdict(list)
        self._named: dict = {}
        self._starts: dict[str, list[int]] = {}
        for e in entities:
            for st in e.get("statements", []):
                said = {**st, "speaker": e["id"]}
                self.in_source[st["source"]].append(said)
                for eid in st["about"]:
                    self.about[eid].append(said)
        for found in self.in_source.values():
            found.sort(key=lambda st: st["start"])

    def near(self, source: str, span: dict) -> list[dict]:
        """The statements of `source` from a little before `span` to NEAR_AFTER characters after it."""
        found = self.in_source.get(source, [])
        starts = self._starts.get(source)
        if starts is None:
            starts = self._starts[source] = [st["start"] for st in found]
        return found[bisect_left(starts, span["start"] - NEAR_BEFORE) : bisect_left(starts, span["end"] + NEAR_AFTER)]

    def named_in(self, source: dict):
        """span → the entities a source's mentions name within it (made once a source: an
        archive's long article reports hundreds of events)."""
        found = self._named.get(source["id"])
        if found is None:
            mentions = sorted((m["start"], m["end"], m["entity"]) for m in source["mentions"])
            starts = [m[0] for m in mentions]

            def found(span: dict) -> set[str]:
                inside = mentions[bisect_left(starts, span["start"]) : bisect_left(starts, span["end"])]
                return {eid for _, end, eid in inside if end <= span["end"]}
            self._named[source["id"]] = found
        return found


def newest_first(statements: list[dict]) -> list[dict]:
    """By the date of the source, newest first (undated last), then in reading order."""
    ordered = sorted(statements, key=lambda st: (st["source"], st["start"]))
    dated = sorted((st for st in ordered if st["date"]), key=lambda st: str(st["date"]), reverse=True)
    return dated + [st for st in ordered if not st["date"]]


def line(st: dict, entities: dict[str, dict], sources: dict[str, dict], brief, source_brief) -> dict:
    """One statement as a page lists it: who, what, where (a link to its place in the article)."""
    return {"speaker": brief(entities[st["speaker"]]), "text": st["text"], "kind": st["kind"], "verb": st["verb"],
            "date": st["date"], "source": source_brief(sources[st["source"]]),
            "href": f"sources/{st['source']}.html#s-{st['start']}", "origin": st.get("origin", "generated"),
            "inferred": st.get("speaker_from") == "context" and st.get("origin", "generated") == "generated",
            "about": [brief(entities[x]) for x in st["about"] if x in entities]}


def by_party(statements: list[dict], parties: list[str]) -> list[tuple[str, list[dict]]]:
    """An event's statements grouped by speaker: the event's own entities first, in its order,
    then the others by how much they said (then in the order they first spoke); each party's
    statements newest first. At most SHOWN_PARTIES parties: a long article reporting an event
    quotes dozens of people."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for st in statements:
        grouped[st["speaker"]].append(st)
    others = sorted((p for p in grouped if p not in parties), key=lambda p: -len(grouped[p]))
    order = [p for p in parties if p in grouped] + others
    return [(p, newest_first(grouped[p])) for p in order[:SHOWN_PARTIES]]
