"""The rules, not the lexicon, find the names: proofs on the seeds."""

import json
import re

from conftest import ROOT, SEEDS, run_cli

EXPECTED = [
    ("DeepSeek", "company"), ("OpenAI", "company"), ("Anthropic", "company"), ("Meta", "company"), ("Nvidia", "company"),
    ("AMD", "company"), ("サム・アルトマン", "person"), ("マーク・ザッカーバーグ", "person"), ("ダリオ・アモデイ", "person"),
    ("ドナルド・トランプ", "person"), ("DeepSeek-R1", "model"), ("o3-mini", "model"), ("GPT-4o", "model"), ("ChatGPT", "model"),
    ("日経平均", "index"), ("NYダウ", "index"), ("ナスダック", "index"), ("スターゲート", "project"),
]
NAMES_IN_SEEDS = [name for name, _ in EXPECTED] + ["R1", "アルトマン", "ザッカーバーグ", "アモデイ", "トランプ", "Claude", "GPT-o1", "Decrypt", "Futurism"]


def test_seeds_built_with_an_empty_lexicon_still_find_most_names(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("entries: []\n", encoding="utf-8")
    result = run_cli("build", "--seeds", SEEDS, "--lexicon", empty, "--content", tmp_path / "content", "--out", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    kb = json.loads((tmp_path / "site" / "kb.json").read_text(encoding="utf-8"))
    spelled = {(n, e["type"]) for e in kb["entities"] for n in [e["name"], *e["aliases"]]}
    found = [pair for pair in EXPECTED if pair in spelled]
    assert len(found) >= 16, sorted(set(EXPECTED) - set(found))  # 16 of 18 today: ChatGPT and GPT-4o need the lexicon
    r1 = [e for e in kb["entities"] if e["name"] == "DeepSeek-R1"]
    assert r1 and "R1" in r1[0]["aliases"] and len(r1[0]["sources"]) == 3


SPELLED_AS_IS = {"Meta"}  # in lower case it is HTML's <meta> element, which the reader of saved pages must name


def test_no_seed_name_is_written_in_the_code():
    for path in (ROOT / "builder").rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        for name in NAMES_IN_SEEDS:
            pattern = re.escape(name) if not name.isascii() else rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])"
            folded = name.isascii() and len(name) > 3 and name not in SPELLED_AS_IS
            assert not re.search(pattern, code, re.IGNORECASE if folded else 0), f"{path.name} names {name}"
