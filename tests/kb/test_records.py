import pytest
import yaml
from conftest import ROOT, article

from builder.analyze import analyze
from builder.errors import InputError
from builder.files.manifest import fingerprint
from builder.kb import records as rec
from builder.link import link
from builder.read import read_article

TEXT = "見出し\nZetaLabのジェーン・ミラーCEOは、2026年3月2日に新モデル「Zeta-2」を発表した。\nZeta-2の開発費は約300万ドル。"


@pytest.fixture()
def files(no_lexicon):
    return texts(link([analyze(article(TEXT, "s1"), no_lexicon)], no_lexicon))


def texts(kb) -> dict[str, str]:
    out: dict[str, str] = {}
    rec.dump_all(rec.to_records(kb), lambda path, text: out.__setitem__(path, text) or True)
    return out


def test_one_file_per_source_entity_and_event(files):
    kinds = sorted({p.split("/")[0] for p in files})
    assert kinds == ["entities", "events", "sources"]
    assert "sources/s1.yaml" in files


def test_records_are_sorted_readable_yaml_that_round_trips(files):
    text = files["sources/s1.yaml"]
    assert "ジェーン・ミラー" in text  # allow_unicode: no \u escapes
    data = yaml.safe_load(text)
    assert list(data) == sorted(data)
    assert data["text"] == TEXT
    records = rec.from_texts(files)
    assert [s["id"] for s in records.sources] == ["s1"]
    person = next(e for e in records.entities if e["type"] == "person")
    assert person["relations"][0]["predicate"] == "ceo_of"


def test_dump_is_deterministic(files, no_lexicon):
    again = texts(link([analyze(article(TEXT, "s1"), no_lexicon)], no_lexicon))
    assert again == files


def test_broken_yaml_names_file_and_line(files):
    files = dict(files)
    files["sources/s1.yaml"] = "id: s1\ntitle: [unclosed\n"
    with pytest.raises(InputError) as err:
        rec.from_texts(files)
    assert str(err.value).startswith("content/sources/s1.yaml:2: invalid YAML")  # where the bracket opens


def test_missing_field_and_wrong_id(files):
    broken = dict(files)
    broken["sources/s1.yaml"] = "id: s1\ntitle: x\n"
    with pytest.raises(InputError, match="missing field"):
        rec.from_texts(broken)
    renamed = dict(files)
    renamed["sources/s2.yaml"] = renamed.pop("sources/s1.yaml")
    with pytest.raises(InputError, match="does not match the file name"):
        rec.from_texts(renamed)


def test_dangling_reference_is_an_error(files):
    eid = next(p for p in files if p.startswith("entities/"))
    data = yaml.safe_load(files[eid])
    data["relations"] = [{"predicate": "ceo_of", "object": "no-such-entity", "evidence": []}]
    broken = {**files, eid: rec.dump(data)}
    with pytest.raises(InputError, match="unknown entity 'no-such-entity'"):
        rec.from_texts(broken)


def test_a_build_renders_exactly_what_its_records_load_back_as(lexicon):
    """The build renders the dicts it dumps; loading the dumped YAML must give the same, keys in
    the same order, so that their fingerprints (which follow dict order) agree too."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    kb = link([analyze(read_article(p, p.name), lexicon) for p in seeds], lexicon)
    loaded, made = rec.from_texts(texts(kb)), rec.from_dicts(rec.to_records(kb))
    assert loaded == made
    for kind in rec.KINDS:
        assert [fingerprint(r) for r in getattr(loaded, kind)] == [fingerprint(r) for r in getattr(made, kind)], kind


# --- the same article twice: duplicate_of and similarity ---

def test_a_copy_records_its_original_and_other_sources_are_as_they_were(no_lexicon):
    from test_link_duplicates import ROBOT, edited

    alone = rec.to_records(link([analyze(article(TEXT, "s1"), no_lexicon)], no_lexicon))
    with_copies = rec.to_records(link([analyze(article(t, i), no_lexicon) for t, i in [(TEXT, "s1"), (ROBOT, "robo"),
                                                                                         (edited(ROBOT), "robo-copy")]], no_lexicon))
    assert with_copies["sources/s1.yaml"] == alone["sources/s1.yaml"]
    assert {k: alone["sources/s1.yaml"][k] for k in ("duplicate_of", "similarity", "duplicate_confirmed")} == {
        "duplicate_of": None, "similarity": None, "duplicate_confirmed": False}
    copy = with_copies["sources/robo-copy.yaml"]
    assert (copy["duplicate_of"], copy["similarity"], copy["duplicate_confirmed"]) == ("robo", 0.886, False)
    assert with_copies["sources/robo.yaml"]["duplicate_of"] is None
    loaded = rec.from_texts(texts_of(with_copies))
    assert next(s for s in loaded.sources if s["id"] == "robo-copy")["duplicate_of"] == "robo"


def texts_of(records: dict[str, dict]) -> dict[str, str]:
    out: dict[str, str] = {}
    rec.dump_all(records, lambda path, text: out.__setitem__(path, text) or True)
    return out


@pytest.mark.parametrize("original, message", [("nowhere", "duplicate_of points at unknown source 'nowhere'"),
                                               ("s1", "duplicate_of points at itself")])
def test_a_hand_edited_duplicate_of_must_name_another_source(files, original, message):
    data = yaml.safe_load(files["sources/s1.yaml"])
    data["duplicate_of"] = original
    with pytest.raises(InputError, match=message) as err:
        rec.from_texts({**files, "sources/s1.yaml": rec.dump(data)})
    assert str(err.value).startswith("content/sources/s1.yaml")
