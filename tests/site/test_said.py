"""Who said what on the built site: statements in their speaker's record, on the source's
record and in kb.json; a 発言 section on the speaker's page, what others said on the page of
what they spoke about, an event's statements side by side by party and source, the words
marked in the article — built by `musubi build` from articles written for these tests (names
the lexicon does not know), and checked in a real browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import run, screenshot

from builder.kb.records import from_texts
from builder.site.render import Site
from builder.site.search_index import documents

ARTICLES = {
    "a": ("東都中央銀行が利上げ", "港北新聞", "2026-03-12",
          ("東都中央銀行は12日の政策委員会で、政策金利を0.5%程度に引き上げることを決めた。"
          "鷲尾玲奈総裁は記者会見で「物価の上昇はなお続いている」と述べた。"
          "北浜重工の小田切修三社長は「設備投資への影響を注視したい」とコメントした。")),
    "b": ("東都中銀、0.5%に", "南海通信", "2026-03-13",
          ("東都中央銀行は12日、政策金利を0.5%程度に引き上げると発表した。鷲尾玲奈総裁は「景気の回復は確かだ」と語った。"
          "全国商工連合の梶原一郎会長は、東都中央銀行の判断について「中小企業には重い負担になる」と批判した。")),
    "c": ("北浜重工の社長", "港北新聞", None,
          "北浜重工の小田切修三社長は「<b>太字</b>の時代は終わった」と述べた。"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("said")
    seeds = where / "seeds"
    seeds.mkdir()
    for name, (title, publisher, date, body) in ARTICLES.items():
        front = f"---\ntitle: {title}\npublisher: {publisher}\n" + (f"date: {date}\n" if date else "") + "---\n"
        (seeds / f"{name}.txt").write_text(front + body + "\n", encoding="utf-8")
    run(where, seeds)
    return where


def record(built: Path, kind: str, name: str) -> dict:
    for path in sorted((built / "content" / kind).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("name", data.get("title")) == name:
            return data
    raise AssertionError(f"no {kind} record named {name}")


def page(built: Path, kind: str, record_: dict) -> str:
    return (built / "site" / kind / f"{record_['id']}.html").read_text(encoding="utf-8")


def test_statements_are_in_the_speakers_record_and_listed_on_the_source(built):
    ueda = record(built, "entities", "鷲尾玲奈")
    said = {(st["source"], st["text"], st["kind"], st["verb"]) for st in ueda["statements"]}
    assert said == {("a", "物価の上昇はなお続いている", "direct", "述べた"), ("b", "景気の回復は確かだ", "direct", "語った")}
    st = next(st for st in ueda["statements"] if st["source"] == "a")
    source = yaml.safe_load((built / "content" / "sources" / "a.yaml").read_text(encoding="utf-8"))
    assert source["text"][st["start"] : st["end"]] == st["text"] and st["date"] == "2026-03-12"
    assert {(x["start"], x["speaker"]) for x in source["statements"]} >= {(st["start"], ueda["id"])}
    critic = record(built, "entities", "梶原一郎")
    assert [x["about"] for x in critic["statements"]] == [[]]  # the bank is named before the quote, not in it


def test_kb_json_lists_every_statement(built):
    kb = json.loads((built / "site" / "kb.json").read_text(encoding="utf-8"))
    assert len(kb["statements"]) == 6  # 鷲尾 2, 小田切 2, 梶原 1, and the bank's own announcement
    names = {e["id"]: e["name"] for e in kb["entities"]}
    first = next(st for st in kb["statements"] if st["text"] == "中小企業には重い負担になる")
    assert set(first) == {"speaker", "source", "text", "start", "end", "kind", "verb", "date", "about", "speaker_from"}
    assert names[first["speaker"]] == "梶原一郎" and first["source"] == "b" and first["verb"] == "批判した" and first["speaker_from"] == ""


def test_a_speakers_page_lists_what_they_said_newest_first_with_links_to_the_spot(built):
    ueda = record(built, "entities", "鷲尾玲奈")
    html = page(built, "entities", ueda)
    section = html[html.index('<section id="said">') :]
    assert section.index("景気の回復は確かだ") < section.index("物価の上昇はなお続いている")  # 03-13 before 03-12
    for st in ueda["statements"]:
        link = f'href="../sources/{st["source"]}.html#s-{st["start"]}"'
        assert link in section
        target = (built / "site" / "sources" / f"{st['source']}.html").read_text(encoding="utf-8")
        assert re.search(rf'<mark class="said direct" id="s-{st["start"]}"[^>]*>{st["text"]}</mark>', target)


def test_an_undated_statement_says_so(built):
    html = page(built, "entities", record(built, "entities", "小田切修三"))
    assert "日付不明" in html


def test_an_events_page_shows_each_partys_statements_from_every_source(built):
    events = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (built / "content" / "events").glob("*.yaml")]
    (event,) = [ev for ev in events if ev["type"] == "policy"]
    assert {q["source"] for q in event["evidence"]} == {"a", "b"}
    html = page(built, "events", event)
    grid = html[html.index('<div class="said-grid">') :]
    parties = re.findall(r'<section class="party">\s*<h3><a class="ent t-\w+" href="[^"]+">([^<]+)</a>', grid)
    assert parties[0] == "東都中央銀行" and set(parties) == {"東都中央銀行", "鷲尾玲奈", "小田切修三", "梶原一郎"}
    assert "港北新聞" in grid and "南海通信" in grid


def test_what_others_said_about_an_entity_is_on_its_page(built):
    html = page(built, "entities", record(built, "entities", "東都中央銀行"))
    assert '<section id="said">' in html  # it announced the rise itself (indirect)
    assert "政策金利を0.5%程度に引き上げる" in html


def test_statement_text_is_escaped(built):
    html = page(built, "entities", record(built, "entities", "小田切修三"))
    assert "&lt;b&gt;太字&lt;/b&gt;の時代は終わった" in html and "<b>太字" not in html
    source = (built / "site" / "sources" / "c.html").read_text(encoding="utf-8")
    assert "<b>" not in source and "&lt;b&gt;" in source


def test_search_finds_statements_by_their_words_and_their_speaker(built):
    files = {p.relative_to(built / "content").as_posix(): p.read_text(encoding="utf-8")
             for p in (built / "content").rglob("*.yaml") if p.name != "curation.yaml"}
    docs = {d["n"]: d["x"] for d in documents(Site(from_texts(files)))}
    assert "物価の上昇はなお続いている" in docs["鷲尾玲奈"]
    assert "中小企業には重い負担になる" in docs["梶原一郎"]


def test_a_statement_link_opens_the_article_at_the_words(built, page):
    ueda = record(built, "entities", "鷲尾玲奈")
    page.goto((built / "site" / "entities" / f"{ueda['id']}.html").as_uri())
    screenshot(page, "said-person")
    page.locator("#said a", has_text="東都中央銀行が利上げ").click()
    page.wait_for_load_state()
    st = next(st for st in ueda["statements"] if st["source"] == "a")
    assert page.url.endswith(f"#s-{st['start']}")
    marked = page.locator(f"#s-{st['start']}")
    assert marked.inner_text() == st["text"]
    assert marked.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"  # :target shows where
    screenshot(page, "said-source")
