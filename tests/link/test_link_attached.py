"""Every stated fact says how it was attached: a claim's subject written with its property noun,
as its predicate's subject, or read from what the article is on; an event's actor the same way;
a relation's two names on one dependency path, or one of them from context. Readers' checks
found the ways from context the least often right, so records, kb.json and the pages say which
a fact is — on sentences written for these tests, through the real analyzer and linker."""

from __future__ import annotations

import json

import pytest
from conftest import article

from builder.analyze import analyze
from builder.files.config import TEMPLATES
from builder.kb import records as rec
from builder.kb.export import Parts, kb_json
from builder.kb.records import Records
from builder.link import link
from builder.site.render import render_pages

RESULTS = "北浜電機は14日、決算を発表した。2025年3月期の売上高は3兆円だった。"


def build(no_lexicon, text: str):
    return link([analyze(article("見出し\n" + text, "s0"), no_lexicon)], no_lexicon)


def stated(kb) -> list[tuple]:
    """Each fact as (what, names, how it was attached)."""
    names = {e.id: e.name for e in kb.entities}
    return ([("claim", names[c.subject], c.subject_from) for c in kb.claims]
            + [("event", names[ev.actor], ev.actor_from) for ev in kb.events]
            + [("relation", f"{names[r.subject]} {r.predicate} {names[r.object]}", r.read_from) for r in kb.relations])


@pytest.mark.parametrize("text, fact", [
    ("北浜電機の2025年3月期の売上高は3兆円だった。", ("claim", "北浜電機", "owner")),
    ("北浜電機は2025年3月期に売上高が3兆円となった。", ("claim", "北浜電機", "subject")),
    (RESULTS, ("claim", "北浜電機", "context")),
    ("北浜電機は決算を発表した。2025年1月14日にはミドリ精工を買収した。", ("event", "北浜電機", "context")),
    ("北浜電機の山田太郎社長は会見した。", ("relation", "山田太郎 president_of 北浜電機", "path")),
    ("北浜電機は14日、決算を発表した。山田太郎社長は「増益だ」と述べた。", ("relation", "山田太郎 president_of 北浜電機", "context")),
])
def test_a_fact_says_how_it_was_attached(no_lexicon, text, fact):
    """Its claim's subject written with the property noun, as the predicate's subject or read from
    context; an event's actor likewise; a relation's two names on one path or one from context."""
    assert stated(build(no_lexicon, text)) == [fact]


def test_an_events_actor_written_as_its_subject_is_so_marked(no_lexicon):
    kb = build(no_lexicon, "北浜電機は2025年1月14日、ミドリ精工を買収したと発表した。")
    assert [f for f in stated(kb) if f[0] == "event"] == [("event", "北浜電機", "subject")]


def test_records_kb_json_and_pages_say_what_was_read_from_context(no_lexicon):
    kb = build(no_lexicon, RESULTS + "山田太郎社長は「増益だ」と述べた。2025年1月14日にはミドリ精工を買収した。")
    files = rec.to_records(kb)
    records = Records(*([r for p, r in sorted(files.items()) if p.startswith(kind + "/")]
                        for kind in ("sources", "entities", "events", "redirects")))
    with Parts() as parts:
        exported = json.loads("".join(kb_json(records, parts)))
    assert [c["subject_from"] for c in exported["claims"]] == ["context"]
    assert [ev["actor_from"] for ev in exported["events"]] == ["context"]
    assert [r["read_from"] for r in exported["relations"]] == ["context"]
    pages: dict[str, str] = {}
    render_pages(records, TEMPLATES, "テスト", lambda path, text: pages.__setitem__(path, text if isinstance(text, str) else "".join(text)) or True)
    [company] = [e["id"] for e in exported["entities"] if e["name"] == "北浜電機"]
    [person] = [e["id"] for e in exported["entities"] if e["name"] == "山田太郎"]
    [event] = [ev["id"] for ev in exported["events"]]
    assert "持ち主は文脈から推定" in pages[f"entities/{company}.html"]
    assert "相手は文脈から推定" in pages[f"entities/{person}.html"]
    assert "主体は文脈から推定" in pages[f"events/{event}.html"]
