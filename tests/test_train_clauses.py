"""The clause layer's model is made from open data, the same bytes every time, and is what ships."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT

from builder import gsd, train_clauses
from builder.analyze import clauses

GSD = Path(os.environ.get("GSD", ROOT.parent / "shared" / "data" / "ud-japanese-gsd"))


@pytest.mark.skipif(not GSD.is_dir(), reason=f"no UD Japanese GSD trees at {GSD} (set GSD=)")
def test_training_gives_the_shipped_model_byte_for_byte(tmp_path):
    out = tmp_path / "clauses.json"
    assert train_clauses.main([str(GSD), str(out)]) == 0
    assert out.read_bytes() == clauses.MODEL.read_bytes()


@pytest.mark.skipif(not GSD.is_dir(), reason=f"no UD Japanese GSD trees at {GSD} (set GSD=)")
def test_the_score_part_is_never_trained_on():
    sentences = gsd.read(GSD)
    score = {s.id for s in gsd.split(sentences, "score")}
    tune = {s.id for s in gsd.split(sentences, "tune")}
    assert score and tune and not score & tune and len(score) + len(tune) == len(sentences)


def test_a_model_file_that_is_gone_gives_no_structure(tmp_path, monkeypatch):
    monkeypatch.setattr(clauses, "MODEL", tmp_path / "none.json")
    clauses.model.cache_clear()
    try:
        assert clauses.model() is None and clauses.parse([]) is None
    finally:
        clauses.model.cache_clear()
