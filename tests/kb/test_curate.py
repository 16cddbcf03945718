"""Hand edits in content/curation.yaml: applied on every build, kept across rebuilds and
new articles, told apart from generated facts, and checked with file and line."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SEEDS, run_cli

from builder.analyze import analyze
from builder.analyze.vocab import vocab
from builder.errors import InputError
from builder.kb.curate import apply, load_curation
from builder.link import link
from builder.read import read_article

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


# --- wrong values: each is one `content/curation.yaml:LINE: message`, checked without a build ---

def curation_file(tmp_path: Path, edits: str) -> Path:
    path = tmp_path / "content" / "curation.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(edits, encoding="utf-8")
    return path


def load_error(tmp_path: Path, edits: str) -> tuple[Path, str]:
    path = curation_file(tmp_path, edits)
    with pytest.raises(InputError) as caught:
        load_curation(path)
    return path, str(caught.value)


WRONG_VALUES = [
    # dates: PyYAML would raise ValueError (a traceback) for the first two and accept the third
    ("events:\n  2025-01-27-market-deepseek-nikkei-225:\n    date: 2025-13-45\n", 3, "date '2025-13-45' is not a date of the calendar; write it as 2025-01-27"),
    ("events_add:\n  - title: R1公開\n    date: 2025-02-30\n", 3, "date '2025-02-30' is not a date of the calendar"),
    ("events_add:\n  - {date: 27 Jan, title: R1公開}\n", 2, "date '27 Jan' is not a date of the calendar"),
    ("events:\n  2025-01-27-market-deepseek-nikkei-225:\n    title: x\n    date: 2025-1-5\n", 4, "(or 2025-01 for a month"),
    # vocabularies
    ("events_add:\n  - date: 2025-01-20\n    title: R1公開\n    type: launch\n", 4, "unknown event type 'launch' (known: "),
    ("claims_add:\n  - subject: stargate\n    property: cost\n    value: 5000億ドル\n", 3, "unknown property 'cost' (known: "),
    ("entities:\n  deepseek-r1:\n    split:\n      - name: R1モデル\n        type: modle\n        spellings: [R1]\n", 5,
     "unknown type 'modle' (known: company, person, model"),
    # text where text belongs
    ("events_add:\n  - date: 2025-01-20\n    title: 2025\n", 3, "title must be text, not a number (put it in quotes)"),
    ("events:\n  2025-01-27-market-deepseek-nikkei-225:\n    title: [a, b]\n", 3, "title must be text, not a list"),
    ("entities:\n  nvidia:\n    name:\n", 3, "name is empty"),
    ("entities:\n  nvidia:\n    name: [エヌビディア]\n", 3, "name must be text, not a list"),
    ("entities:\n  nvidia:\n    description: 2025\n", 3, "description must be text, not a number"),
    ("entities:\n  chuugokutoukyoku:\n    merge_into: [china-government]\n", 3, "merge_into must be text, not a list"),
    ("entities:\n  123:\n    confirmed: true\n", 2, "an entity id must be text, not a number (put it in quotes)"),
    ("claims_add:\n  - subject: stargate\n    property: investment\n    value: [最大5000億ドル, 1000億ドル]\n", 4,
     "value must be text, not a list"),
    ("claims_add:\n  - subject: stargate\n    property: investment\n    value: 5000\n", 4, "value must be text, not a number"),
    ("claims_add:\n  - {subject: stargate, property: investment, value: 5000億ドル, source: 002}\n", 2, "source must be text, not a number"),
    # lists where lists belong
    ("events_add:\n  - date: 2025-01-20\n    title: R1公開\n    entities: deepseek\n", 4, "entities must be a list of entity ids; write [deepseek]"),
    ("events_add:\n  - date: 2025-01-20\n    title: R1公開\n    entities:\n      - deepseek\n      - 42\n", 6,
     "an item of entities must be text, not a number"),
    ("events_add:\n  date: 2025-01-20\n  title: R1公開\n", 1, "events_add must be a list of new events"),
    ("entities:\n  nvidia:\n    aliases_add: 英偉達\n", 3, "aliases_add must be a list of names; write [英偉達]"),
    ("entities:\n  nvidia:\n    aliases_remove:\n      - NVIDIA\n      - ''\n", 5, "an item of aliases_remove is empty"),
    ("entities:\n  deepseek-r1:\n    split: {name: R1モデル, spellings: [R1]}\n", 3, "split must be a list of {name, type, spellings}"),
    ("entities:\n  deepseek-r1:\n    split:\n      - name: R1モデル\n        spellings: R1\n", 5, "spellings must be a list of spellings; write [R1]"),
    ("distinct: true\n", 1, "distinct must be a list of [id, id] pairs"),
    ("distinct:\n  - [openai, [anthropic]]\n", 2, "distinct: each item is [id, id]"),
    ("distinct:\n  - [openai, openai]\n", 2, "'openai' twice; name two different entities"),
    ("distinct_sources: true\n", 1, "distinct_sources must be a list of [id, id] pairs"),
    ("duplicate_sources:\n  - robo-a\n", 2, "duplicate_sources: each item is [id, id]"),
    ("duplicate_sources:\n  - [robo-a, robo-a]\n", 2, "'robo-a' twice; name two different sources"),
    ("distinct_sources:\n  - [robo-a, robo-b]\nduplicate_sources:\n  - [robo-c, robo-d]\n  - [robo-b, robo-a]\n", 5,
     "duplicate_sources: [robo-b, robo-a] is also in distinct_sources; keep one"),
    ("relations_add: {nvidia: openai}\n", 1, "relations_add must be a list of [subject, predicate, object]"),
    # true or false
    ("entities:\n  reddit:\n    suppress: \"yes\"\n", 3, "suppress must be true or false, not 'yes'"),
    ("entities:\n  nebyuraseiki:\n    confirmed: 1\n", 3, "confirmed must be true or false, not 1"),
    ("events:\n  2025-01-27-market-deepseek-nikkei-225:\n    suppress: \"false\"\n", 3, "suppress must be true or false, not 'false'"),
    # edits that apply would drop without a word
    ("entities:\n  reddit:\n    suppress: true\n    confirmed: true\n", 4, "confirmed and suppressed at once; keep one"),
    ("entities:\n  chuugokutoukyoku:\n    merge_into: china-government\n    aliases_add: [当局]\n", 4,
     ("aliases_add would be lost: a merged entity takes the name, type, description and aliases of the one it joins; "
      "put it under entities.china-government")),
    ("events:\n  2025-01-27-market-deepseek-nikkei-225:\n    suppress: true\n    title: x\n", 3, "a suppressed event cannot also be edited"),
    # YAML that would end in a traceback, or be read as nothing
    ("events_add:\n  - date: !!int soon\n    title: R1公開\n", 2, "'soon' cannot be read as int"),
    ("entities: &all\n  nvidia: *all\n", 1, "this value contains itself"),
    ("[]\n", 1, "the curation file must be a mapping"),
]


@pytest.mark.parametrize("edits, line, message", WRONG_VALUES)
def test_a_wrong_value_is_one_error_at_its_line(tmp_path, edits, line, message):
    path, error = load_error(tmp_path, edits)
    assert error.startswith(f"{path}:{line}: ") and str(path).endswith("content/curation.yaml"), error
    assert message in error and "\n" not in error, error


def test_the_known_types_and_properties_listed_are_the_data_files(tmp_path):
    _, error = load_error(tmp_path, "events_add:\n  - {date: 2025-01-20, title: R1公開, type: launch}\n")
    assert error.endswith(f"(known: {', '.join([*vocab().events, 'other'])})")
    _, error = load_error(tmp_path, "claims_add:\n  - {subject: stargate, property: cost, value: 5000億ドル}\n")
    assert error.endswith(f"(known: {', '.join(vocab().properties)})")


def test_right_values_load_and_dates_are_kept_as_the_knowledge_base_writes_them(tmp_path):
    path = curation_file(tmp_path, (
        "events:\n  2025-01-27-market-deepseek-nikkei-225:\n    date: 2025年1月28日\n"
        "events_add:\n  - {date: 2025-01, title: R1公開, type: other}\n"
        "  - {date: 2025-01-20, title: R1発表, type: product, entities: [deepseek]}\n"
        "entities:\n  nvidia:\n    description:\n  nebyuraseiki:\n    confirmed: false\n"))
    curation = load_curation(path)
    assert curation.data["events_add"][1]["date"] == "2025-01-20"  # text, not a datetime.date
    assert curation.data["events"]["2025-01-27-market-deepseek-nikkei-225"]["date"] == "2025年1月28日"


# --- mistakes only the build's entities show: checked in apply ---

@pytest.fixture(scope="module")
def linked(lexicon):
    return link([analyze(read_article(p, p.name), lexicon) for p in sorted(SEEDS.glob("*.txt"))], lexicon)


def apply_text(linked, tmp_path: Path, edits: str):
    kb = copy.deepcopy(linked)
    apply(kb, load_curation(curation_file(tmp_path, edits)))
    return kb


def apply_error(linked, tmp_path: Path, edits: str, kb=None) -> tuple[Path, str]:
    path = curation_file(tmp_path, edits)
    curation = load_curation(path)  # the file's shape is right; the build's entities are not what it says
    with pytest.raises(InputError) as caught:
        apply(kb or copy.deepcopy(linked), curation)
    return path, str(caught.value)


def test_removing_an_alias_the_entity_does_not_have_names_its_aliases(linked, tmp_path):
    path, error = apply_error(linked, tmp_path, "entities:\n  nvidia:\n    aliases_remove:\n      - エヌビディア\n      - NVDA\n")
    assert error == (f"{path}:5: aliases_remove: 'nvidia' has no alias 'NVDA' "
                     "(its aliases: NVIDIA, エヌビディア, エヌヴィディア, 英伟达)")


def test_removing_an_alias_compares_names_as_matching_does(linked, tmp_path):
    kb = apply_text(linked, tmp_path, "entities:\n  nvidia:\n    aliases_remove: [ｎｖｉｄｉａ, エヌヴィディア]\n")
    assert next(e for e in kb.entities if e.id == "nvidia").aliases == ["エヌビディア", "英伟达"]


def test_removing_the_entitys_own_name_says_to_rename(linked, tmp_path):
    path, error = apply_error(linked, tmp_path, "entities:\n  amd:\n    aliases_remove: [AMD]\n")
    assert error == f"{path}:3: aliases_remove: 'AMD' is the name of 'amd', not an alias; change it with name:"


def test_a_long_alias_list_is_shortened_in_the_message(linked, tmp_path):
    kb = copy.deepcopy(linked)
    next(e for e in kb.entities if e.id == "nvidia").aliases = [f"別名{n:02d}" for n in range(25)]
    path, error = apply_error(linked, tmp_path, "entities:\n  nvidia:\n    aliases_remove: [NVDA]\n", kb)
    assert error == (f"{path}:3: aliases_remove: 'nvidia' has no alias 'NVDA' (its aliases: "
                     + ", ".join(f"別名{n:02d}" for n in range(10)) + ", … 25 in all)")


def test_an_alias_brought_by_a_merge_can_be_removed(linked, tmp_path):
    kb = apply_text(linked, tmp_path, "entities:\n  amd:\n    merge_into: nvidia\n  nvidia:\n    aliases_remove: [Advanced Micro Devices]\n")
    merged = next(e for e in kb.entities if e.id == "nvidia")
    assert "AMD" in merged.aliases and "Advanced Micro Devices" not in merged.aliases


def test_merged_entities_cannot_be_distinct_or_related_to_themselves(linked, tmp_path):
    merge = "entities:\n  amd:\n    merge_into: nvidia\n"
    path, error = apply_error(linked, tmp_path, merge + "distinct:\n  - [amd, nvidia]\n")
    assert error.startswith(f"{path}:5: distinct: 'amd' and 'nvidia' are one entity, 'nvidia', after this file's merges")
    path, error = apply_error(linked, tmp_path, merge + "relations_add:\n  - [nvidia, invested_in, amd]\n")
    assert error == f"{path}:5: relations_add: 'nvidia' on both sides; a relation joins two entities"


def test_a_new_events_unknown_entity_is_named_at_its_own_line(linked, tmp_path):
    path, error = apply_error(linked, tmp_path, "events_add:\n  - date: 2025-01-20\n    title: R1公開\n    entities:\n      - deepseek\n      - deepsek\n")
    assert error.startswith(f"{path}:6: no entity with id 'deepsek'")


def test_hand_dates_are_stored_as_calendar_dates(linked, tmp_path):
    kb = apply_text(linked, tmp_path, (
        "events:\n  2025-01-27-market-deepseek-nikkei-225:\n    date: 2025年1月28日\n"
        "events_add:\n  - {date: 2025/1/20, title: R1公開, type: product, entities: [deepseek, deepseek-r1, deepseek]}\n"))
    edited = next(ev for ev in kb.events if ev.id == "2025-01-27-market-deepseek-nikkei-225")
    added = next(ev for ev in kb.events if ev.origin == "hand")
    assert edited.date == "2025-01-28" and edited.date_basis == "手で修正"
    assert (added.id, added.date, added.type, added.entities) == ("2025-01-20-r1koukai", "2025-01-20", "product", ["deepseek", "deepseek-r1"])


# --- through the CLI: one line, exit 1, nothing written ---

GOOD = ("entities:\n  nvidia:\n    aliases_remove: [NVIDIA]\n"
        "events_add:\n  - title: R1公開\n    type: product\n    date: 2025-01-20\n    entities: [deepseek]\n"
        "claims_add:\n  - {subject: stargate, property: investment, value: 最大5000億ドル}\n")


@pytest.mark.parametrize("good, bad, line, message", [
    ("2025-01-20", "2025-02-30", 7, "date '2025-02-30' is not a date of the calendar"),
    ("2025-01-20", "2025-13-45", 7, "date '2025-13-45' is not a date of the calendar"),
    ("2025-01-20", '"27 Jan"', 7, "date '27 Jan' is not a date of the calendar"),
    ("type: product", "type: launch", 6, "unknown event type 'launch'"),
    ("property: investment", "property: cost", 10, "unknown property 'cost'"),
    ("aliases_remove: [NVIDIA]", "aliases_remove: [NVDA]", 3, "aliases_remove: 'nvidia' has no alias 'NVDA'"),
], ids=["impossible-day", "impossible-month", "not-a-date", "event-type", "claim-property", "missing-alias"])
def test_a_curation_mistake_stops_the_build_with_one_line_and_writes_nothing(tmp_path, good, bad, line, message):
    assert build(tmp_path, GOOD).returncode == 0
    curation = tmp_path / "content" / "curation.yaml"

    def written() -> dict[str, bytes]:
        return {str(p.relative_to(tmp_path)): p.read_bytes() for folder in ("site", "content")
                for p in sorted((tmp_path / folder).rglob("*")) if p.is_file() and p != curation}

    before = written()
    assert "site/timeline/2025-01.html" in before and "R1公開" in before["site/timeline/2025-01.html"].decode()
    result = build(tmp_path, GOOD.replace(good, bad))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"{curation}:{line}: {message}"), result.stderr
    assert written() == before


# --- the same article twice: distinct_sources and duplicate_sources ---

@pytest.fixture(scope="module")
def copies(no_lexicon):
    """robo-a, its copies robo-b (another title) and robo-c (edited), and another outlet's report robo-x."""
    from conftest import article
    from test_link_duplicates import ROBOT, ROBOT_ELSEWHERE, edited, retitled

    texts = {"robo-a": ROBOT, "robo-b": retitled(ROBOT, "物流ロボ「ミナト3」発表", "北都新報"), "robo-c": edited(ROBOT),
             "robo-x": ROBOT_ELSEWHERE}
    return link([analyze(article(t, sid), no_lexicon) for sid, t in texts.items()], no_lexicon)


def originals(kb) -> dict[str, str]:
    return {sid: d.original for sid, d in kb.duplicates.items()}


def test_distinct_sources_keeps_a_pair_apart(copies, tmp_path):
    assert originals(copies) == {"robo-b": "robo-a", "robo-c": "robo-a"}
    kb = apply_text(copies, tmp_path, "distinct_sources:\n  - [robo-a, robo-b]\n")
    assert originals(kb) == {"robo-c": "robo-a"}  # robo-b is as alike to robo-c, but joining them would join it to robo-a
    kb = apply_text(copies, tmp_path, "distinct_sources:\n  - [robo-a, robo-b]\n  - [robo-c, robo-a]\n")
    assert originals(kb) == {"robo-c": "robo-b"}


def test_duplicate_sources_joins_a_pair_and_confirms_it(copies, tmp_path):
    kb = apply_text(copies, tmp_path, "duplicate_sources:\n  - [robo-c, robo-a]\n  - [robo-x, robo-a]\n")
    assert originals(kb) == {"robo-b": "robo-a", "robo-c": "robo-a", "robo-x": "robo-a"}
    assert {sid for sid, d in kb.duplicates.items() if d.confirmed} == {"robo-c", "robo-x"}
    assert kb.duplicates["robo-x"].similarity < 0.1  # not alike: told so by hand


def test_source_pairs_name_sources_of_this_build(copies, tmp_path):
    path, error = apply_error(copies, tmp_path, "distinct_sources:\n  - [robo-a, robo-b]\n  - [robo-a, robo-z]\n")
    assert error == f"{path}:3: distinct_sources: no source with id 'robo-z'"
    path, error = apply_error(copies, tmp_path, "duplicate_sources:\n  - [minato3, robo-a]\n")
    assert error == f"{path}:2: duplicate_sources: no source with id 'minato3'"  # an entity's id, not a source's
    path, error = apply_error(copies, tmp_path, "distinct:\n  - [robo-a, minato3]\n")
    assert error == f"{path}:2: distinct: no entity with id 'robo-a'"


def test_pairs_told_alike_cannot_join_a_pair_told_apart(copies, tmp_path):
    path, error = apply_error(copies, tmp_path, ("distinct_sources:\n  - [robo-a, robo-x]\n"
                                                 "duplicate_sources:\n  - [robo-a, robo-b]\n  - [robo-b, robo-x]\n"))
    assert error == (f"{path}:5: duplicate_sources: this pair would make 'robo-a' and 'robo-x' one article, "
                     "which distinct_sources tells apart")


# --- statements: a wrong speaker set right, a false statement dropped ---

def test_a_statement_can_be_given_its_right_speaker_or_suppressed(linked, tmp_path):
    first, second = sorted(linked.statements, key=lambda st: (st.source, st.start))[:2]
    kb = apply_text(linked, tmp_path, f"statements:\n  - {{source: {first.source}, start: {first.start}, speaker: meta}}\n"
                                      f"  - {{source: {second.source}, start: {second.start}, suppress: true}}\n")
    by_place = {(st.source, st.start): st for st in kb.statements}
    assert by_place[(first.source, first.start)].speaker == "meta"
    assert by_place[(first.source, first.start)].origin == "edited"
    assert (second.source, second.start) not in by_place
    assert len(kb.statements) == len(linked.statements) - 1


def test_a_suppressed_or_merged_speaker_takes_its_statements_along(linked, tmp_path):
    speaker = linked.statements[0].speaker
    kb = apply_text(linked, tmp_path, f"entities:\n  {speaker}:\n    merge_into: meta\n")
    assert {st.speaker for st in kb.statements if st.source == linked.statements[0].source} == {"meta"}
    kb = apply_text(linked, tmp_path, f"entities:\n  {speaker}:\n    suppress: true\n")
    assert all(st.speaker != speaker for st in kb.statements)


@pytest.mark.parametrize("edit, message", [
    ("{source: nowhere, start: 5, speaker: meta}", "statements: no statement starts at 5 in source 'nowhere' in this build"),
    ("{source: SRC, start: START, speaker: united-states}", "statements: 'united-states' is a place; a speaker is a person, company, organization"),
    ("{source: SRC, start: START, speaker: no-such-id}", "no entity with id 'no-such-id' (suppressed, or not in this build)"),
])
def test_a_statement_edit_that_names_nothing_real_is_an_error(linked, tmp_path, edit, message):
    st = linked.statements[0]
    path, error = apply_error(linked, tmp_path, "statements:\n  - " + edit.replace("SRC", st.source).replace("START", str(st.start)) + "\n")
    assert error.startswith(f"{path}:2: {message}")


@pytest.mark.parametrize("edit, message", [
    ("{source: a, start: 5}", "a statement edit gives either speaker: <entity id> or suppress: true"),
    ("{source: a, start: 5, speaker: x, suppress: true}", "a statement edit gives either speaker: <entity id> or suppress: true"),
    ("{source: a, start: '5', suppress: true}", "start must be the number where the statement's words start"),
    ("{source: a, start: 5, who: x}", "unknown key 'who' in a statement edit"),
])
def test_a_statement_edit_of_the_wrong_shape_is_an_error_at_its_line(tmp_path, edit, message):
    path, error = load_error(tmp_path, "statements:\n  - " + edit + "\n")
    assert error.startswith(f"{path}:2: {message}")
