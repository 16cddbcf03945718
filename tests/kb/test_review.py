"""`musubi review` and review.html: the least certain extractions, each with the edit that
confirms it and the one that rejects it; after either, the item is gone."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import run_cli

ARTICLE = ("ヘリオス電機のジェーン・ミラーCEOは18日、新型チップ「ヘリオスX1」を発表した。"
           "ミラー氏は「需要は強い」と語った。ネビュラ精機も同日、新工場を公開した。\n")


def build(tmp_path: Path, edits: str = "", articles: dict[str, str] | None = None) -> str:
    """Build `articles` ({file name: text}; by default one article) with `edits` as the curation
    file, and return what `musubi review` prints."""
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    for name, text in (articles or {"a.txt": "ヘリオス電機の発表\n2026年3月20日\n\n" + ARTICLE}).items():
        (seeds / name).write_text(text, encoding="utf-8")
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / "content" / "curation.yaml").write_text(edits, encoding="utf-8")
    result = run_cli("build", "--seeds", seeds, "--content", tmp_path / "content", "--out", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    review = run_cli("review", "--content", tmp_path / "content")
    assert review.returncode == 0, review.stderr
    return review.stdout


def edits_for(listing: str, title: str) -> tuple[str, str]:
    """The confirm and reject edits printed for the item titled `title`."""
    block = listing.split(f"] {title} —", 1)[1].split("\n\n", 1)[0]
    confirm = re.search(r"confirm:  (.*?)\n   reject:", block, re.DOTALL).group(1)
    reject = re.search(r"reject:   (.*?)(?:\n\d+\. |\Z)", block, re.DOTALL).group(1)
    clean = lambda edit: "\n".join(line[13:] if n else line for n, line in enumerate(edit.rstrip().split("\n"))) + "\n"
    return clean(confirm), clean(reject)


def test_a_name_seen_once_is_listed_and_confirming_it_clears_it(tmp_path):
    listing = build(tmp_path)
    assert "] ネビュラ精機 — 1 回だけ" in listing
    confirm, _ = edits_for(listing, "ネビュラ精機")
    assert "confirmed: true" in confirm
    assert "] ネビュラ精機 —" not in build(tmp_path, confirm)
    page = (tmp_path / "site" / "review.html").read_text(encoding="utf-8")
    assert 'name="robots" content="noindex"' in page and "ネビュラ精機 <span" not in page


def test_rejecting_a_name_suppresses_it(tmp_path):
    _, reject = edits_for(build(tmp_path), "ネビュラ精機")
    assert "suppress: true" in reject
    assert "] ネビュラ精機 —" not in build(tmp_path, reject)
    assert '"name": "ネビュラ精機"' not in (tmp_path / "site" / "kb.json").read_text(encoding="utf-8")


def test_the_review_page_lists_what_the_command_lists(tmp_path):
    listing = build(tmp_path)
    page = (tmp_path / "site" / "review.html").read_text(encoding="utf-8")
    count = int(listing.split(" item(s)", 1)[0])
    assert page.count('<li>\n  <h2 class="review-title">') == count > 0


def test_an_inferred_date_is_listed_and_a_corrected_date_clears_it(tmp_path):
    listing = build(tmp_path)
    title = next(line.split("] ", 1)[1].split(" —")[0] for line in listing.splitlines() if "[date]" in line)
    confirm, _ = edits_for(listing, title)
    assert f"] {title} —" not in build(tmp_path, confirm.replace("date: 2026-03-18", "date: 2026-03-17"))
    assert "2026-03-17" in (tmp_path / "site" / "timeline.html").read_text(encoding="utf-8")


def test_two_edits_pasted_under_the_same_key_are_an_error_not_a_silent_loss(tmp_path):
    build(tmp_path)
    (tmp_path / "content" / "curation.yaml").write_text(
        "entities:\n  nebyuraseiki:\n    confirmed: true\nentities:\n  heriosux1:\n    confirmed: true\n", encoding="utf-8")
    result = run_cli("build", "--seeds", tmp_path / "seeds", "--content", tmp_path / "content", "--out", tmp_path / "site")
    assert result.returncode == 1 and "curation.yaml:4: " in result.stderr and "twice" in result.stderr, result.stderr


# --- the same article twice ---

def build_copies(tmp_path: Path, edits: str = "") -> str:
    from test_link_duplicates import ROBOT, edited

    return build(tmp_path, edits, {"robo.txt": ROBOT, "robo-copy.txt": edited(ROBOT)})


def copy_of(tmp_path: Path) -> str | None:
    import json

    kb = json.loads((tmp_path / "site" / "kb.json").read_text(encoding="utf-8"))
    return next(s["duplicate_of"] for s in kb["sources"] if s["id"] == "robo-copy")


TITLE = "倉庫ロボ「ミナト3」、積載1.5倍　蒼海ロボティクス"  # the copy's title


def test_a_copy_is_listed_with_the_edit_that_confirms_it_and_the_one_that_rejects_it(tmp_path):
    listing = build_copies(tmp_path)
    assert f"[same article?] {TITLE} — robo-copy.txt は robo.txt（" in listing and "本文の 88% が同じ" in listing
    confirm, reject = edits_for(listing, TITLE)
    assert confirm == "duplicate_sources:\n  - [robo, robo-copy]\n"
    assert reject == "distinct_sources:\n  - [robo, robo-copy]\n"
    page = (tmp_path / "site" / "review.html").read_text(encoding="utf-8")
    item = page[page.index(f"{TITLE} <span class=\"tag\">同じ記事？</span>"):].split("</li>", 1)[0]
    assert '<a href="../sources/robo.html">' not in item and '<a href="sources/robo.html">' in item and '<a href="sources/robo-copy.html">' in item
    assert "duplicate_sources:\n  - [robo, robo-copy]" in item and "distinct_sources:\n  - [robo, robo-copy]" in item


def test_confirming_a_copy_clears_it_and_keeps_it_one_source(tmp_path):
    confirm, _ = edits_for(build_copies(tmp_path), TITLE)
    assert f"] {TITLE} —" not in build_copies(tmp_path, confirm)
    assert copy_of(tmp_path) == "robo"
    assert "duplicate_confirmed: true" in (tmp_path / "content" / "sources" / "robo-copy.yaml").read_text(encoding="utf-8")


def test_rejecting_a_copy_clears_it_and_makes_it_a_source_of_its_own(tmp_path):
    _, reject = edits_for(build_copies(tmp_path), TITLE)
    assert f"] {TITLE} —" not in build_copies(tmp_path, reject)
    assert copy_of(tmp_path) is None


SAID = ("北浜重工の決算\n2026年3月20日\n\n北浜重工の小田切修三社長は19日、記者会見を開いた。\n\n"
        "今後の投資については「国内の工場を優先する」と述べた。\n")


def test_a_speaker_taken_from_context_is_listed_and_marked_until_confirmed(tmp_path):
    listing = build(tmp_path, articles={"a.txt": SAID})
    assert "[who said it?] 小田切修三「国内の工場を優先する」 —" in listing
    person = next(p for p in (tmp_path / "site" / "entities").glob("*.html") if "<h1>小田切修三 <span" in p.read_text(encoding="utf-8"))
    assert "話し手は文脈から推定" in person.read_text(encoding="utf-8")
    confirm, reject = edits_for(listing, "小田切修三「国内の工場を優先する」")
    assert "speaker: " in confirm and "suppress: true" in reject
    assert "[who said it?]" not in build(tmp_path, confirm, articles={"a.txt": SAID})
    assert "話し手は文脈から推定" not in person.read_text(encoding="utf-8")
    assert "[who said it?]" not in build(tmp_path, reject, articles={"a.txt": SAID})
    assert "国内の工場を優先する" not in json_statements(tmp_path)


def json_statements(tmp_path: Path) -> str:
    return json.dumps(json.loads((tmp_path / "site" / "kb.json").read_text(encoding="utf-8"))["statements"], ensure_ascii=False)
