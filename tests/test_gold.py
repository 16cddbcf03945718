"""Gold files: a happening's documents with their texts kept apart (the real articles), checked
before anything is scored, and scored on what a stated fact must get right."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest
import yaml

from builder.errors import InputError
from builder.evaluate import evaluate
from builder.gold import check, load

TEXT = "見出し\nミドリ電機は4日、アオバ精工を約500億円で買収すると発表した。青山一郎社長は「成長を急ぐ」と述べた。"


def happening(tmp_path, text=TEXT, **extra) -> tuple:
    """A happening file of one document whose text is in texts/ beside it."""
    (tmp_path / "texts").mkdir(exist_ok=True)
    (tmp_path / "texts" / "d1.txt").write_text(text, encoding="utf-8")
    doc = {"id": "d1", "url": "https://news.example.com/1", "query": "ミドリ電機 買収", "outlet": "例新聞", "date": "2026-03-10",
           "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "path": "texts/d1.txt",
           "entities": [{"id": "midori", "type": "company", "spellings": ["ミドリ電機"]},
                        {"id": "aoba", "type": "company", "spellings": ["アオバ精工"]},
                        {"id": "aoyama", "type": "person", "spellings": ["青山一郎"]}],
           "relations": [["midori", "acquired", "aoba"], ["aoyama", "president_of", "midori"]],
           "events": [{"id": "ev1", "type": "investment", "date": "2026-03-04", "actor": "midori", "entities": ["aoba"]}],
           "claims": [{"subject": "midori", "property": "acquisition_price", "number": 50000000000, "unit": "JPY", "basis": "plan", "period": ""}],
           "statements": [{"speaker": "aoyama", "kind": "direct", "verb": "述べた", "text": "成長を急ぐ"},
                          {"speaker": "midori", "kind": "indirect", "verb": "発表した", "text": "アオバ精工を約500億円で買収する"}],
           **extra}
    path = tmp_path / "h.yaml"
    path.write_text(yaml.safe_dump({"happening": "h", "beat": "test", "documents": [doc]}, allow_unicode=True), encoding="utf-8")
    return path, doc


def test_a_happening_file_loads_with_its_texts_and_checks_clean(tmp_path):
    path, _ = happening(tmp_path)
    gold = load([path], tmp_path)
    assert [d["id"] for d in gold.docs] == ["d1"] and gold.docs[0]["happening"] == "h" and not gold.missing
    lines, summary = check(gold)
    assert lines == [] and summary == "1 documents checked, 0 problems, 0 texts missing, 1 outlets"


def test_a_missing_text_is_counted_not_scored_and_a_changed_one_is_an_error(tmp_path):
    path, _ = happening(tmp_path)
    (tmp_path / "texts" / "d1.txt").unlink()
    gold = load([path], tmp_path)
    assert gold.docs == [] and gold.missing == ["texts/d1.txt"]
    (tmp_path / "texts" / "d1.txt").write_text(TEXT + "追記", encoding="utf-8")
    with pytest.raises(InputError, match="not the text .* was annotated on"):
        load([path], tmp_path)


def test_check_names_each_problem(tmp_path):
    path, _ = happening(tmp_path, events=[{"id": "ev1", "type": "launch", "date": "4日", "actor": "nobody"}],
                        claims=[{"subject": "midori", "property": "earnings", "number": "500億", "unit": "JPY"}])
    lines, _ = check(load([path], tmp_path))
    assert any("type 'launch' not one of" in line for line in lines)
    assert any("date '4日' is not YYYY-MM-DD" in line for line in lines)
    assert any("actor 'nobody' not among the entities" in line for line in lines)
    assert any("property not one of" in line for line in lines) and any("number must be a number" in line for line in lines)


def test_eval_check_on_the_command_line_exits_1_on_a_problem(tmp_path):
    path, _ = happening(tmp_path, statements=[{"speaker": "aoyama", "kind": "direct", "verb": "述べた", "text": "書かれていない言葉"}])
    run = subprocess.run([sys.executable, "-m", "builder", "eval", "--check", str(path)], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 1 and "statement '書かれていない言葉' not in the text" in run.stdout
    assert run.stderr.strip() == "musubi eval --check: 1 problems in the gold"


def test_a_gold_file_that_is_not_there_is_one_line_naming_it(tmp_path):
    run = subprocess.run([sys.executable, "-m", "builder", "eval", "gold/nothing.yaml"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr == "gold/nothing.yaml: cannot read gold file (No such file or directory)\n"


def test_a_document_scores_every_fact_kind_it_states(tmp_path, no_lexicon):
    path, _ = happening(tmp_path)
    figures = evaluate(load([path], tmp_path).docs, no_lexicon).figures()
    assert figures["events.precision"] == figures["events.recall"] == figures["events.every_source"] == 1.0
    assert figures["claims.precision"] == figures["claims.recall"] == 1.0 and figures["statements.speaker"] == 1.0
    assert figures["falsehoods.per100"] == 0.0


def test_a_fact_gold_does_not_list_is_wrong_unless_it_is_acceptable(tmp_path, no_lexicon):
    path, _ = happening(tmp_path, claims=[])
    assert evaluate(load([path], tmp_path).docs, no_lexicon).figures()["claims.precision"] == 0.0
    fine = {"claims": [{"subject": "midori", "property": "acquisition_price", "number": 50000000000, "unit": "JPY"}]}
    path, _ = happening(tmp_path, claims=[], acceptable=fine)
    figures = evaluate(load([path], tmp_path).docs, no_lexicon).figures()
    assert figures["claims.precision"] == 1.0 and figures["falsehoods.per100"] == 0.0


def test_an_event_with_another_actor_is_wrong(tmp_path, no_lexicon):
    path, _ = happening(tmp_path, events=[{"id": "ev1", "type": "investment", "date": "2026-03-04", "actor": "aoba", "entities": ["midori"]}])
    figures = evaluate(load([path], tmp_path).docs, no_lexicon).figures()
    assert figures["events.precision"] == 0.0 and figures["events.recall"] == 0.0
