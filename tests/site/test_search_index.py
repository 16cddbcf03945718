"""The search index as written for the browser: what it holds, normalised how, escaped."""

from __future__ import annotations

import json

from builder.kb.records import Records
from builder.site.render import Site
from builder.site.search_index import index_script, norm


def records(title: str = "テスト記事", text: str = "本文ＺｅｔａＬａｂの話。新幹線の話。") -> Records:
    source = {"id": "s", "title": title, "publisher": None, "date": None, "url": None, "path": "s.txt", "text": text,
              "blocks": [], "mentions": [{"start": 2, "end": 9, "text": "ＺｅｔａＬａｂ", "entity": "zetalab"}]}
    zeta = {"id": "zetalab", "type": "company", "name": "ZetaLab", "aliases": ["ゼータラボ", "ＺｅｔａＬａｂ"], "description": "",
            "titles": [], "mentions": [{"source": "s", "start": 2, "end": 9, "text": "ＺｅｔａＬａｂ"}], "relations": [],
            "claims": [{"property": "funding", "value": "600万ドル", "number": 6e6, "unit": "USD", "qualifier": "", "source": "s",
                        "evidence": {"source": "s", "start": 0, "end": 5, "text": "600万ドルを調達"}, "disputed": False}]}
    return Records(sources=[source], entities=[zeta], events=[], redirects=[])


def script_of(site: Site) -> str:
    return "".join(index_script(site))


def load(script: str) -> dict:
    assert script.startswith("window.MUSUBI_SEARCH = ") and script.endswith(";\n")
    return json.loads(script[len("window.MUSUBI_SEARCH = "):-2])


def test_every_page_kind_and_claims_are_searchable():
    data = load(script_of(Site(records())))
    kinds = {d["k"]: d for d in data["docs"]}
    assert kinds["company"]["u"] == "entities/zetalab.html" and "ゼータラボ" in kinds["company"]["x"]
    assert "600万ドル" in kinds["company"]["x"]  # claims are found on their subject's page
    assert kinds["source"]["u"] == "sources/s.html" and "新幹線" in kinds["source"]["x"]


def test_entities_carry_their_aliases_as_written_for_ranking_and_snippets():
    # The browser ranks a query equal to an alias like one equal to the name, and shows the
    # alias that matched; it needs them apart from the text, and as the article wrote them.
    data = load(script_of(Site(records())))
    kinds = {d["k"]: d for d in data["docs"]}
    assert kinds["company"]["a"] == ["ゼータラボ", "ＺｅｔａＬａｂ"]
    assert "a" not in kinds["source"]  # an article has a title only


def test_spellings_are_grouped_normalised_for_alias_expansion():
    data = load(script_of(Site(records())))
    assert data["spellings"] == [sorted({"zetalab", "ゼータラボ"})]
    assert norm("ＮＶＩＤＩＡ") == norm("NVIDIA") == "nvidia"


def test_text_from_articles_cannot_break_out_of_the_script():
    nasty = "</script><script>alert(1)</script>\u2028行\u2029末"
    script = script_of(Site(records(title=nasty, text=nasty)))
    assert "</script" not in script and "<script" not in script and "\u2028" not in script and "\u2029" not in script
    assert load(script)["docs"][-1]["n"] == nasty  # and the text survives intact


def test_the_index_is_deterministic():
    assert script_of(Site(records())) == script_of(Site(records()))
