"""The evaluation figures may rise, never slip: each is held at a floor just below
what the extractor reached when the floor was set (tests/eval_floors.yaml).
`make eval` prints the full tables."""

import os
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TESTS

from builder import stockmark
from builder.analyze.lexicon import load_lexicon
from builder.evaluate import evaluate
from builder.gold import load, load_gold
from builder.files.datafiles import DATA_DIR
from builder.read.textnorm import name_key

FLOORS = yaml.safe_load((TESTS / "eval_floors.yaml").read_text(encoding="utf-8"))
SETS = {
    "devset": (sorted((TESTS / "devset").glob("*.yaml")), DATA_DIR / "lexicon.yaml"),
    "devset_no_lexicon": (sorted((TESTS / "devset").glob("*.yaml")), TESTS / "fixtures" / "empty-lexicon.yaml"),
    "seeds": ([TESTS / "gold" / "seeds.yaml"], DATA_DIR / "lexicon.yaml"),
    "seeds_no_lexicon": ([TESTS / "gold" / "seeds.yaml"], TESTS / "fixtures" / "empty-lexicon.yaml"),
    "statements": ([TESTS / "gold" / "statements.yaml"], DATA_DIR / "lexicon.yaml"),
    # real articles (tests/real/README.md): their texts are third-party, not in the project
    "real_tune": (sorted((TESTS / "real" / "tune").glob("*.yaml")), DATA_DIR / "lexicon.yaml"),
    "real_held": (sorted((TESTS / "real" / "held").glob("*.yaml")), DATA_DIR / "lexicon.yaml"),
    "real_fresh": (sorted((TESTS / "real" / "fresh").glob("*.yaml")), DATA_DIR / "lexicon.yaml"),
    "real_held2": (sorted((TESTS / "real" / "held2").glob("*.yaml")), DATA_DIR / "lexicon.yaml"),
    "real_fresh3": (sorted((TESTS / "real" / "fresh3").glob("*.yaml")), DATA_DIR / "lexicon.yaml"),
}
CEILINGS = ("merge.wrong", "falsehoods.per100")  # figures that may fall, never rise


@pytest.fixture(scope="module", params=sorted(SETS))
def figures(request):
    paths, lexicon = SETS[request.param]
    gold = load(paths, ROOT)
    if not gold.docs and not gold.missing:
        pytest.skip(f"{request.param}: no gold files")
    if gold.missing:
        pytest.skip(f"{len(gold.missing)} texts of {request.param} not found (tests/real/README.md says how to rebuild them)")
    return request.param, evaluate(gold.docs, load_lexicon(lexicon)).figures()


def test_figures_hold_their_floors(figures):
    name, got = figures
    for key, floor in FLOORS[name].items():
        if key in CEILINGS:
            assert got[key] <= floor, f"{name} {key}: {got[key]} > {floor}"
        else:
            assert got[key] >= floor, f"{name} {key}: {got[key]:.3f} < {floor}"


def test_dev_set_is_big_enough_and_unseen():
    docs = load_gold(sorted((TESTS / "devset").glob("*.yaml")) + [TESTS / "gold" / "statements.yaml"], ROOT)
    assert len(docs) >= 40
    seeds = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt"))
    names = {s for d in docs for e in d["entities"] for s in e["spellings"] if len(s) >= 3 and e["type"] != "place"}
    assert not [n for n in names if n in seeds]


def test_the_statements_speakers_are_unknown_to_the_lexicon():
    """Who said what is found from the text, not from a list of speakers: none of the statements
    set's people and companies is in the lexicon (a few ministries and central banks are), and
    it has statements of every kind."""
    docs = load_gold([TESTS / "gold" / "statements.yaml"], ROOT)
    lexicon = load_lexicon(DATA_DIR / "lexicon.yaml")
    speakers = {st["speaker"] for d in docs for st in d.get("statements", [])}
    named = {s for d in docs for e in d["entities"] if e["id"] in speakers and e["type"] in ("person", "company") for s in e["spellings"]}
    assert len(speakers) >= 30 and len(named) >= 30 and not [s for s in named if lexicon.get(name_key(s))]
    assert {st["kind"] for d in docs for st in d["statements"]} == {"direct", "indirect"}


STOCKMARK = Path(os.environ.get("STOCKMARK", ROOT.parent / "shared" / "data" / "stockmark-ner" / "dev.json"))


@pytest.mark.skipif(not STOCKMARK.is_file(), reason=f"no Stockmark NER data at {STOCKMARK} (set STOCKMARK=)")
def test_stockmark_figures_hold_their_floors():
    """Exact-span F1 on the scoring part of the public data, which nothing was tuned on."""
    sentences = stockmark.split(stockmark.read(STOCKMARK), "score")
    scores = stockmark.score(sentences, load_lexicon(DATA_DIR / "lexicon.yaml"))
    for key, floor in FLOORS["stockmark"].items():
        kind, measure = key.split(".")
        got = getattr(scores[kind], measure)
        assert got >= floor, f"stockmark {key}: {got:.3f} < {floor}"


GSD = Path(os.environ.get("GSD", ROOT.parent / "shared" / "data" / "ud-japanese-gsd"))


@pytest.mark.skipif(not GSD.is_dir(), reason=f"no UD Japanese GSD trees at {GSD} (set GSD=)")
def test_clause_layer_figures_hold_their_floors():
    """Chunks and heads on the scoring part of UD Japanese GSD's trees, which nothing was trained on."""
    from builder import gsd
    from builder.analyze import clauses

    got = gsd.score(gsd.split(gsd.read(GSD), "score"), clauses.model()).figures()
    for key, floor in FLOORS["gsd"].items():
        assert got[key] >= floor, f"gsd {key}: {got[key]:.3f} < {floor}"
