"""Rebuilds that cost what changed: cached analyses, untouched files, any number of workers,
and always the same bytes as a clean build."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, SEEDS, article, run, seeds_from_devset, tree

from builder.analyze import analyze
from builder.files.cache import AnalysisCache


def test_an_unchanged_article_is_not_analysed_again(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    assert run(tmp_path, seeds).counts["from_cache"] == 0
    shutil.rmtree(tmp_path / "site")  # so that the build is not skipped as up to date
    assert run(tmp_path, seeds).counts["from_cache"] == 3
    first = min(seeds.glob("*.txt"))
    first.write_text(first.read_text(encoding="utf-8") + "\n追記: ヘリオス電機は18日、新工場を公開した。\n", encoding="utf-8")
    assert run(tmp_path, seeds).counts["from_cache"] == 2
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("entries:\n  - {id: helios, name: ヘリオス電機, type: company}\n", encoding="utf-8")
    assert run(tmp_path, seeds, lexicon=lexicon).counts["from_cache"] == 0  # another lexicon: analyse again


@pytest.mark.parametrize("change", ["added article", "edited article", "deleted article", "renamed article", "renamed entity",
                                    "words around a name"])
def test_an_incremental_build_gives_the_bytes_of_a_clean_build(tmp_path, change):
    """Records and self-contained pages are not made again when their data is unchanged;
    whatever the change, what a rebuild leaves is what a clean build writes."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    quoted = {"deepseek": min(seeds.glob("*.txt")), "heriosudenki": seeds / "zz-quoted.txt"}
    if change == "words around a name":  # the first in a quote of DeepSeek; the second in the quote of a relation
        quoted["deepseek"].write_text(quoted["deepseek"].read_text(encoding="utf-8") + "\nDeepSeekをめぐる議論はなおも続いた。\n",
                                      encoding="utf-8")
        quoted["heriosudenki"].write_text("ヘリオス電機の山田太郎社長は、長い時間をかけて準備してきた新しい工場の計画について、"
                                          "記者会見でとても丁寧に説明した。\n", encoding="utf-8")
    first = run(tmp_path / "a", seeds)
    if change == "words around a name":  # same length, no new fact: the two entities' records stay as they are
        before = {eid: tree(tmp_path / "a" / "content" / "entities")[f"{eid}.yaml"] for eid in quoted}
        for path, (old, new) in zip(quoted.values(), [("なおも", "さらに"), ("とても", "いつも")]):
            path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    elif change == "added article":
        (seeds / "zz-added.txt").write_text("NVIDIAは20日、新型GPUを発表した。同社のジェンスン・フアンCEOが登壇した。\n", encoding="utf-8")
    elif change == "edited article":
        article = min(seeds.glob("*.txt"))
        article.write_text(article.read_text(encoding="utf-8").replace("。", "。\n", 1), encoding="utf-8")
    elif change == "deleted article":
        max(seeds.glob("*.txt")).unlink()
    elif change == "renamed article":  # the same bytes under another name: a new source id
        article = max(seeds.glob("*.txt"))
        article.rename(article.with_name("renamed-" + article.name))
    else:  # a name shown on event and source pages of all three articles
        renamed = "entities:\n  deepseek:\n    name: ディープシーク社\n"
        for where in ("a", "b"):
            (tmp_path / where / "content").mkdir(parents=True, exist_ok=True)
            (tmp_path / where / "content" / "curation.yaml").write_text(renamed, encoding="utf-8")
    again = run(tmp_path / "a", seeds)
    run(tmp_path / "b", seeds, cache=tmp_path / "empty-cache")
    for part in ("site", "content"):
        assert tree(tmp_path / "a" / part) == tree(tmp_path / "b" / part)
    assert first.counts["pages_rendered"] == first.counts["pages"]
    if change == "renamed entity":  # every event and source page shows the name: all are made again
        events = [p.read_text(encoding="utf-8") for p in (tmp_path / "a" / "site" / "events").glob("2*.html")]
        assert events and all("ディープシーク社" in page for page in events)
    elif change != "deleted article":  # one of three articles gone: every page showed something of it
        assert again.counts["pages_rendered"] < again.counts["pages"]
        assert again.counts["records_written"] < first.counts["records_written"]
    if change == "words around a name":  # ...but their pages show the new words
        for (eid, record), word in zip(before.items(), ["さらに", "いつも丁寧"]):
            assert (tmp_path / "a" / "content" / "entities" / f"{eid}.yaml").read_bytes() == record
            assert word in (tmp_path / "a" / "site" / "entities" / f"{eid}.html").read_text(encoding="utf-8")


def test_unchanged_files_are_not_rewritten(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    run(tmp_path, seeds, cache=tmp_path / "cache")
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "site").rglob("*.html")}
    (tmp_path / "cache" / "manifest.json").unlink()  # a full build, not the up-to-date shortcut
    assert run(tmp_path, seeds, cache=tmp_path / "cache").counts["up_to_date"] == 0
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "site").rglob("*.html")} == before
    (seeds / "zz-added.txt").write_text("ヘリオス電機は18日、新工場を公開した。\n", encoding="utf-8")
    run(tmp_path, seeds)
    after = {p: p.stat().st_mtime_ns for p in (tmp_path / "site").rglob("*.html")}
    changed = {p.relative_to(tmp_path / "site").as_posix() for p in after if before.get(p) != after[p]}
    assert "sources/zz-added.html" in changed and "index.html" in changed
    assert len(changed) < len(after) / 2, sorted(changed)  # entity pages the new article does not touch stay as they were


@pytest.mark.parametrize("workers", [1, 2])
def test_results_do_not_depend_on_the_number_of_workers(tmp_path, workers):
    seeds = seeds_from_devset(tmp_path / "seeds", 24)
    run(tmp_path / "one", seeds, workers=1, cache=tmp_path / "c1")
    run(tmp_path / "many", seeds, workers=workers, cache=tmp_path / f"c{workers}x")
    assert tree(tmp_path / "one" / "site") == tree(tmp_path / "many" / "site")


def test_a_build_with_nothing_changed_stops_after_checking(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    run(tmp_path, seeds)
    again = run(tmp_path, seeds)
    assert again.counts == {"up_to_date": 1} and [name for name, _, _ in again.stages] == ["check"]


@pytest.mark.parametrize("change", ["deleted page", "stray page", "hand-edited record", "hand-edited event page", "edited template",
                                    "other title"])
def test_any_change_to_inputs_or_outputs_means_a_real_build(tmp_path, change):
    seeds, templates = tmp_path / "seeds", tmp_path / "templates"
    shutil.copytree(SEEDS, seeds)
    shutil.copytree(ROOT / "templates", templates)
    run(tmp_path, seeds, templates=templates)
    clean = {part: tree(tmp_path / part) for part in ("site", "content")}
    title = None
    if change == "deleted page":
        (tmp_path / "site" / "timeline.html").unlink()
    elif change == "stray page":
        (tmp_path / "site" / "stray.html").write_text("x", encoding="utf-8")
    elif change == "hand-edited record":
        record = next((tmp_path / "content" / "entities").glob("*.yaml"))
        record.write_text(record.read_text(encoding="utf-8") + "# note\n", encoding="utf-8")
    elif change == "hand-edited event page":  # its data did not change, but the file did: it is made again
        page = next((tmp_path / "site" / "events").glob("*.html"))
        page.write_text(page.read_text(encoding="utf-8").replace("<h1>", "<h1>手で"), encoding="utf-8")
    elif change == "edited template":
        (templates / "404.html").write_text((templates / "404.html").read_text(encoding="utf-8") + "<!-- v2 -->\n", encoding="utf-8")
    else:
        title = "別の題"
    report = run(tmp_path, seeds, templates=templates, title=title)
    assert report.counts["up_to_date"] == 0
    if change in ("deleted page", "stray page", "hand-edited record", "hand-edited event page"):  # the build puts back what it makes
        assert {part: tree(tmp_path / part) for part in ("site", "content")} == clean


def test_an_analysis_comes_back_from_the_cache_as_it_went_in(tmp_path, lexicon):
    text = "ゼタラボは3日、新モデル「Zeta-2」を公開した。ゼタラボの高森美咲CEOは「性能は2倍」と述べた。"
    analysis = analyze(article(text), lexicon)
    cache = AnalysisCache(tmp_path / "cache", None)
    cache.put("k", analysis)
    back = AnalysisCache(tmp_path / "cache", None).get("k")
    assert back == analysis and back.mentions and back.sentences
    votes = [id(m.votes) for m in back.mentions]
    assert len(set(votes)) == len({id(m.votes) for m in analysis.mentions})  # shared tables stay shared
