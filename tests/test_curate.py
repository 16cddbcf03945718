"""Hand edits in content/curation.yaml: applied on every build, kept across rebuilds and
new articles, told apart from generated facts, and checked with file and line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SEEDS, run_cli

EDITS = """\
entities:
  nvidia:
    name: エヌビディア
    type: company
    description: |
      米国の**半導体**大手。<script>alert(1)</script> [x](javascript:alert(1))
    aliases_add: [英偉達]
  chuugokutoukyoku:
    merge_into: china-government
  reddit:
    suppress: true
  deepseek-r1:
    split:
      - {name: R1モデル, type: model, spellings: [R1]}
relations_add:
  - [nvidia, invested_in, openai]
events:
  2025-01-27-market-deepseek-nikkei-225:
    title: DeepSeekショック（株価急落）
    date: 2025-01-27
claims_add:
  - {subject: stargate, property: investment, value: 最大5000億ドル}
"""


def build(tmp_path: Path, edits: str | None, seeds: Path = SEEDS):
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    if edits is not None:
        (content / "curation.yaml").write_text(edits, encoding="utf-8")
    return run_cli("build", "--seeds", seeds, "--content", content, "--out", tmp_path / "site")


def kb(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "site" / "kb.json").read_text(encoding="utf-8"))


def entity(data: dict, name: str) -> dict:
    return next(e for e in data["entities"] if e["name"] == name)


@pytest.fixture(scope="module")
def curated(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("curated")
    result = build(where, EDITS)
    assert result.returncode == 0, result.stderr
    return where


def test_every_kind_of_edit_is_applied(curated):
    data = kb(curated)
    renamed = entity(data, "エヌビディア")
    assert "英偉達" in renamed["aliases"] and "Nvidia" in renamed["aliases"]
    names = {e["name"] for e in data["entities"]}
    assert "Reddit" not in names and "中国当局" not in names  # suppressed; merged
    assert "中国当局" in entity(data, "中国政府")["aliases"]
    split = entity(data, "R1モデル")
    assert split["type"] == "model" and all(m["text"] == "R1" for m in split["mentions"])
    assert all(m["text"] != "R1" for m in entity(data, "DeepSeek-R1")["mentions"])
    hand = [(r["subject"], r["predicate"], r["object"]) for r in data["relations"] if r["origin"] == "hand"]
    assert hand == [(renamed["id"], "invested_in", "openai")]
    event = next(ev for ev in data["events"] if ev["id"] == "2025-01-27-market-deepseek-nikkei-225")
    assert event["title"] == "DeepSeekショック（株価急落）"
    claims = [c for c in data["claims"] if c["origin"] == "hand"]
    assert [(c["subject"], c["number"], c["unit"], c["qualifier"]) for c in claims] == [("stargate", 5e11, "USD", "最大")]


def test_hand_made_facts_are_marked_in_records_and_pages(curated):
    data = kb(curated)
    renamed = entity(data, "エヌビディア")
    record = yaml.safe_load((curated / "content" / "entities" / f"{renamed['id']}.yaml").read_text(encoding="utf-8"))
    assert record["origin"] == "curated" and set(record["edited"]) >= {"name", "description", "aliases_add"}
    assert any(r["origin"] == "hand" for r in record["relations"])
    html = (curated / "site" / "entities" / f"{renamed['id']}.html").read_text(encoding="utf-8")
    assert "手で編集した項目" in html and "手動" in html
    assert "<strong>半導体</strong>" in html  # Markdown rendered…
    assert "<script>alert" not in html and 'href="javascript' not in html  # …but nothing from it runs


def test_merged_and_renamed_pages_redirect(curated):
    data = kb(curated)
    renamed = entity(data, "エヌビディア")
    assert {"from": "entities/nvidia.html", "to": f"entities/{renamed['id']}.html"} in data["redirects"]
    assert {"from": "entities/chuugokutoukyoku.html", "to": "entities/china-government.html"} in data["redirects"]
    old = (curated / "site" / "entities" / "nvidia.html").read_text(encoding="utf-8")
    assert f'http-equiv="refresh" content="0; url={renamed["id"]}.html"' in old and f'href="{renamed["id"]}.html"' in old


def test_edits_survive_rebuilds_and_new_articles(curated, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "zz-new.txt").write_text("NVIDIAの株価は18日、3%上昇した。ヘリオス電機は新型チップを発表した。\n", encoding="utf-8")
    assert build(tmp_path, EDITS, seeds).returncode == 0
    data = kb(tmp_path)
    renamed = entity(data, "エヌビディア")
    assert "zz-new" in {m["source"] for m in renamed["mentions"]}  # the new article's NVIDIA joins the renamed page
    assert "Reddit" not in {e["name"] for e in data["entities"]}
    first = (tmp_path / "site" / "kb.json").read_bytes()
    assert build(tmp_path, EDITS, seeds).returncode == 0
    assert (tmp_path / "site" / "kb.json").read_bytes() == first


@pytest.mark.parametrize("edits, line, message", [
    ("entities:\n  nvidia:\n    nmae: X\n", 3, "unknown key 'nmae'"),
    ("entities:\n  no-such-id:\n    type: company\n", 2, "no entity with id 'no-such-id'"),
    ("entities:\n  nvidia:\n    type: compnay\n", 3, "unknown type 'compnay'"),
    ("entities:\n  nvidia:\n    suppress: true\n    name: X\n", 3, "cannot also be edited or merged"),
    ("entities:\n  amd:\n    merge_into: nvidia\n  nvidia:\n    merge_into: amd\n", 3, "goes round in a circle"),
    ("entities:\n  amd:\n    merge_into: reddit\n  reddit:\n    suppress: true\n", 3, "'reddit' is suppressed"),
    ("relations_add:\n  - [nvidia, owns, openai]\n", 2, "unknown predicate 'owns'"),
    ("claims_add:\n  - {subject: stargate, property: investment, value: たくさん}\n", 2, "not an amount"),
    ("entities:\n  nvidia:\n    name: AMD\n", 3, "taken by another entity; merge instead"),
    ("entities: [\n", 2, "invalid YAML"),
])
def test_mistakes_name_the_file_and_line_and_keep_the_site(tmp_path, edits, line, message):
    assert build(tmp_path, None).returncode == 0
    before = (tmp_path / "site" / "kb.json").read_bytes()
    result = build(tmp_path, edits)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert f"curation.yaml:{line}: " in result.stderr and message in result.stderr, result.stderr
    assert (tmp_path / "site" / "kb.json").read_bytes() == before
