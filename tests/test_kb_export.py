"""kb_export: kb.json from records, with each record's items reused while the record is unchanged."""

from __future__ import annotations

import json

from builder import records as rec
from builder.jsonstream import Raw
from builder.kb_export import Parts, kb_json, load_parts, save_parts
from builder.manifest import fingerprint
from builder.record_cache import load_records


def records_of(built_site):
    found, _ = load_records(built_site.parent / "content", None, "")
    return rec.from_dicts(found)


def test_the_export_is_what_the_build_wrote_and_kept_items_are_reused(built_site, tmp_path):
    records = records_of(built_site)
    parts = Parts()
    text = "".join(kb_json(records, parts))
    assert text == (built_site / "kb.json").read_text(encoding="utf-8")
    save_parts(tmp_path, "code", parts)
    kept = load_parts(tmp_path, "code")
    assert "".join(kb_json(records, kept)) == text and kept.used == parts.used

    event = records.events[0]
    marker = (Raw('{"kept":true}'),)
    saved = {**kept.saved, "events" + fingerprint(event): (marker,)}
    assert json.loads("".join(kb_json(records, Parts(saved))))["events"][0] == {"kept": True}  # taken as it was kept
    event["title"] += "（訂正）"  # a changed record has another fingerprint: its items are made again
    assert json.loads("".join(kb_json(records, Parts(saved))))["events"][0]["title"].endswith("（訂正）")
    assert load_parts(tmp_path, "other code").saved == {}  # other code may write other items


def test_fingerprints_from_the_records_stage_are_used_as_keys(built_site):
    records = records_of(built_site)
    source = records.sources[0]
    parts = Parts(saved={"sourcesFP": ((Raw('{"from":"fp"}'),),)}, fingerprints={f"sources/{source['id']}.yaml": "FP"})
    assert json.loads("".join(kb_json(records, parts)))["sources"][0] == {"from": "fp"}
