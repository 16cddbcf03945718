"""The learned name tagger (builder/analyze/ner/): its features, its training, and what it changes
in the extraction of names it was never told about (empty lexicon; sentences written here)."""

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT, article

from builder import stockmark
from builder.analyze import analyze
from builder.analyze.ner import tagger
from builder.analyze.ner.features import sentence_features
from builder.analyze.tokens import tokenize
from builder.analyze.vocab import vocab
from builder.link import link
from builder.link.entities import generation, other_generation
from builder.train_ner import train

pytestmark = pytest.mark.skipif(not tagger.available(), reason="no model file: run make model")


def names(no_lexicon, text):
    kb = link([analyze(article(text), no_lexicon)], no_lexicon)
    return {(m.text, e.type) for e in kb.entities for m in e.mentions}


def test_a_name_before_a_title_is_the_name_alone(no_lexicon):
    found = names(no_lexicon, "北辰精機の宮崎洋一副社長は記者会見で新工場の建設を発表した。"
                              "北海道千歳市の横田隆一千歳市長は工場の誘致を歓迎した。")
    assert ("宮崎洋一", "person") in found
    assert ("横田隆一", "person") in found
    assert not [t for t, _ in found if t.endswith("副") or t.endswith("千歳") and t != "千歳"]


def test_a_named_event_is_not_a_person_nor_a_place_inside_it(no_lexicon):
    found = names(no_lexicon, "株価はリーマン・ショック以来の下落幅となり、オンラインで開かれた会合で議論された。")
    assert not [t for t, _ in found if t.startswith("リーマン")]
    assert not [t for t, k in found if t == "オンライン"]


def test_names_never_listed_anywhere_are_found_with_their_kind(no_lexicon):
    found = names(no_lexicon, "青葉精工株式会社は、岐阜県大垣市に本社を置く部品メーカーである。"
                              "同社の創業者は森下雄三である。")
    assert ("青葉精工株式会社", "company") in found
    assert ("森下雄三", "person") in found
    assert any(k == "place" and "大垣" in t for t, k in found)


def test_a_product_and_its_next_generation_stay_two_things(no_lexicon):
    text = ("大江戸ゲームスは新型ゲーム機「ネビュラ2」を発売した。前世代の「ネビュラ」も値下げする。"
            "米ゼファー社は「Zeta-4o」を公開した。従来の「Zeta-4」より速い。「Zeta Pro」も出す。")
    kb = link([analyze(article(text), no_lexicon)], no_lexicon)
    groups = [{m.text for m in e.mentions} for e in kb.entities]
    for a, b in [("ネビュラ2", "ネビュラ"), ("Zeta-4o", "Zeta-4"), ("Zeta Pro", "Zeta-4")]:
        assert not [g for g in groups if a in g and b in g], (a, b)


def test_generation_reads_the_version_off_a_name():
    assert generation("ネビュラ2") == ("ネビュラ", "2")
    assert generation("Zeta Pro") == ("zeta", "pro")
    assert generation("Zeta-4o") == ("zeta", "4o")
    assert generation("ソニー") == ("ソニー", "")
    assert other_generation({"ネビュラ"}, {"ネビュラ2"})
    assert not other_generation({"Nebula 2"}, {"ネビュラ2"})  # one thing in two scripts


def test_the_rules_alone_still_build_without_the_model(no_lexicon, monkeypatch):
    monkeypatch.setattr(tagger, "_tagger", lambda: None)  # as a project without the model file
    found = names(no_lexicon, "北辰精機の宮崎洋一副社長は記者会見で話した。")
    assert ("宮崎洋一", "person") in found


def test_features_are_one_list_per_token_and_the_same_each_time():
    tokens = tokenize("森下雄三社長は大垣市で会見した。")
    hints = [[] for _ in tokens]
    first = sentence_features(tokens, vocab(), hints)
    assert len(first) == len(tokens)
    assert first == sentence_features(tokens, vocab(), hints)
    assert all(isinstance(f, bytes) for f in first[0])  # UTF-8, which CRFsuite takes as it is
    assert "w=森下".encode() in first[0] and "+1w=雄三".encode() in first[0] and b"-1=EDGE" in first[0]


def _data(tmp_path, rows):
    path = tmp_path / "ner.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


ROWS = [
    {"curid": str(n), "text": text, "entities": ents} for n, (text, ents) in enumerate([
        ("青葉精工は岐阜県に本社を置く。", [{"name": "青葉精工", "span": [0, 4], "type": "法人名"}, {"name": "岐阜県", "span": [5, 8], "type": "地名"}]),
        ("森下雄三は青葉精工の社長である。", [{"name": "森下雄三", "span": [0, 4], "type": "人名"}, {"name": "青葉精工", "span": [5, 9], "type": "法人名"}]),
        ("大垣市は岐阜県の市である。", [{"name": "大垣市", "span": [0, 3], "type": "地名"}, {"name": "岐阜県", "span": [4, 7], "type": "地名"}]),
    ])
]


def test_training_is_deterministic(tmp_path):
    sentences = stockmark.read(_data(tmp_path, ROWS))
    train(sentences, tmp_path / "a.crfsuite", {"max_iterations": 20})
    train(sentences, tmp_path / "b.crfsuite", {"max_iterations": 20})
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()


def test_the_split_is_by_article_and_stable(tmp_path):
    rows = [{"curid": str(n // 3), "text": "青葉精工は岐阜県にある。", "entities": []} for n in range(300)]
    sentences = stockmark.read(_data(tmp_path, rows))
    parts = {}
    for s in sentences:
        parts.setdefault(s.curid, set()).add(stockmark.part(s))
    assert all(len(p) == 1 for p in parts.values())  # no article in both parts
    share = sum(p == {"score"} for p in parts.values()) / len(parts)
    assert 0.15 < share < 0.35
    assert [stockmark.part(s) for s in sentences] == [stockmark.part(s) for s in stockmark.read(_data(tmp_path, rows))]


def test_a_name_cut_inside_a_token_is_left_out_of_training():
    tokens = tokenize("大垣市民が集まった。")
    assert stockmark.bio(tokens, [(0, 2, "place")]) is None or tokens[0].end == 2
    assert stockmark.bio(tokens, []) == ["O"] * len(tokens)


def test_eval_on_a_missing_stockmark_file_is_one_line(tmp_path):
    from conftest import run_cli
    got = run_cli("eval", "--stockmark", tmp_path / "none.json")
    assert got.returncode == 1
    assert got.stderr.strip().count("\n") == 0 and "none.json" in got.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('[{"text": 1}]', encoding="utf-8")
    got = run_cli("eval", "--stockmark", bad)
    assert got.returncode == 1 and "not the Stockmark NER format" in got.stderr and "Traceback" not in got.stderr


STOCKMARK = Path(os.environ.get("STOCKMARK", ROOT.parent / "shared" / "data" / "stockmark-ner" / "dev.json"))


@pytest.mark.skipif(not STOCKMARK.is_file(), reason=f"no Stockmark NER data at {STOCKMARK} (set STOCKMARK=)")
def test_the_shipped_model_is_what_make_model_trains(tmp_path):
    """The model in the package is the one the training script makes from the data, today's
    cues and lexicon included: a cue edit that changes the features needs `make model`."""
    train(stockmark.split(stockmark.read(STOCKMARK), "tune"), tmp_path / "ner.crfsuite")
    assert (tmp_path / "ner.crfsuite").read_bytes() == tagger.MODEL.read_bytes()
