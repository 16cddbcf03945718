"""kb_export: kb.json from records, with each record's items reused while the record is unchanged."""

from __future__ import annotations

import json

import pytest

from builder.files.jsonstream import dumps
from builder.kb import records as rec
from builder.kb.export import FILE, Parts, kb_json
from builder.kb.record_cache import load_records


def records_of(built_site):
    found, _ = load_records(built_site.parent / "content", None, "")
    return rec.from_dicts(found)


def export(records, parts: Parts) -> str:
    return "".join(kb_json(records, parts))


GROUPS = {"sources": 2, "events": 1, "entities": 4}  # a record's groups of items (export._source, _event, _entity)


def keep_marked(cache, code: str, kind: str, record: dict, fingerprints=None) -> None:
    """A parts file in which `record`'s items are a marker instead of its real items."""
    with Parts(cache, code, rec.Digests(fingerprints)) as parts:
        parts.of(kind, record, lambda _: ((dumps({"kept": True}),), *(() for _ in range(GROUPS[kind] - 1))))
        parts.keep()


def test_the_export_is_what_the_build_wrote_with_or_without_kept_items(built_site, tmp_path):
    records = records_of(built_site)
    with Parts() as parts:
        text = export(records, parts)
    assert text == (built_site / "kb.json").read_text(encoding="utf-8")
    with Parts(tmp_path, "code") as parts:
        assert export(records, parts) == text
        parts.keep()
    assert [p.name for p in tmp_path.iterdir()] == [FILE]  # the build's file, and no temporary one left
    with Parts(tmp_path, "code") as parts:  # every item now comes from the file
        assert export(records, parts) == text


def test_an_unchanged_record_takes_its_kept_items_and_a_changed_one_is_made_again(built_site, tmp_path):
    records = records_of(built_site)
    event = records.events[0]
    keep_marked(tmp_path, "code", "events", event)
    with Parts(tmp_path, "code") as parts:
        assert json.loads(export(records, parts))["events"][0] == {"kept": True}
    event["title"] += "（訂正）"  # another fingerprint
    with Parts(tmp_path, "code") as parts:
        assert json.loads(export(records, parts))["events"][0]["title"].endswith("（訂正）")


def test_items_kept_by_other_code_are_not_used(built_site, tmp_path):
    records = records_of(built_site)
    keep_marked(tmp_path, "old code", "events", records.events[0])
    with Parts(tmp_path, "new code") as parts:
        assert json.loads(export(records, parts))["events"][0]["id"] == records.events[0]["id"]


def test_fingerprints_from_the_records_stage_are_used_as_keys(built_site, tmp_path):
    records = records_of(built_site)
    source = records.sources[0]
    fingerprints = {f"sources/{source['id']}.yaml": "FP"}
    keep_marked(tmp_path, "code", "sources", source, fingerprints)
    with Parts(tmp_path, "code", rec.Digests(fingerprints)) as parts:
        assert json.loads(export(records, parts))["sources"][0] == {"kept": True}
    with Parts(tmp_path, "code", rec.Digests({f"sources/{source['id']}.yaml": "OTHER"})) as parts:
        assert json.loads(export(records, parts))["sources"][0]["id"] == source["id"]


@pytest.mark.parametrize("damage", [lambda b: b[: len(b) // 2], lambda b: b"", lambda b: b[:-3] + b"\xff\xff\xff"])
def test_a_damaged_file_is_ignored_and_a_build_that_does_not_keep_leaves_the_last_one(built_site, tmp_path, damage):
    records = records_of(built_site)
    text = (built_site / "kb.json").read_text(encoding="utf-8")
    keep_marked(tmp_path, "code", "events", records.events[0])
    kept = (tmp_path / FILE).read_bytes()
    with Parts(tmp_path, "code") as parts:  # a build that fails before keep(): the last file stays as it was
        export(records, parts)
    assert (tmp_path / FILE).read_bytes() == kept and [p.name for p in tmp_path.iterdir()] == [FILE]
    (tmp_path / FILE).write_bytes(damage(kept))
    with Parts(tmp_path, "code") as parts:
        assert export(records, parts) == text


def test_sources_say_which_article_they_are_a_copy_of(no_lexicon):
    from conftest import article
    from test_link_duplicates import ROBOT, ROBOT_ELSEWHERE, edited

    from builder.analyze import analyze
    from builder.link import link

    texts = [(ROBOT, "robo"), (edited(ROBOT), "robo-copy"), (ROBOT_ELSEWHERE, "robo-x")]
    kb = link([analyze(article(t, i), no_lexicon) for t, i in texts], no_lexicon)
    records = rec.from_dicts(rec.to_records(kb))
    with Parts() as parts:
        data = json.loads(export(records, parts))
    assert {s["id"]: (s["duplicate_of"], s["similarity"]) for s in data["sources"]} == {
        "robo": (None, None), "robo-copy": ("robo", 0.886), "robo-x": (None, None)}
    shares = {(c["source"], c["agreed_by"]) for c in data["claims"] if c["property"] == "share_price_change"}
    assert shares == {("robo", 2), ("robo-copy", 2), ("robo-x", 2)}  # three files, two articles
