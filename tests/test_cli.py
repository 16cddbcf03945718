"""End to end: the CLI builds the seed articles into a temporary folder."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, run_cli


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def digest(folder: Path) -> str:
    return hashlib.sha256(repr(sorted(tree_bytes(folder).items())).encode()).hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    result = run_cli("build", "--seeds", SEEDS, "--content", out / "content", "--out", out / "site")
    assert result.returncode == 0, result.stderr
    return out, result


@pytest.fixture(scope="module")
def kb(built):
    return json.loads((built[0] / "site" / "kb.json").read_text(encoding="utf-8"))


def entity(kb, name):
    matches = [e for e in kb["entities"] if e["name"] == name or name in e["aliases"]]
    assert len(matches) == 1, f"{name}: {[e['name'] for e in matches]}"
    return matches[0]


def test_build_reports_each_stage_with_its_time(built):
    out = built[1].stdout
    for stage in ("ingest", "analyze", "link", "records", "render", "write"):
        assert re.search(rf"^\s+{stage}\s.*\d+\.\d\ds$", out, re.MULTILINE), stage


@pytest.mark.parametrize("name, kind", [
    ("DeepSeek", "company"), ("OpenAI", "company"), ("Anthropic", "company"), ("Meta", "company"),
    ("Nvidia", "company"), ("AMD", "company"), ("サム・アルトマン", "person"), ("マーク・ザッカーバーグ", "person"),
    ("ダリオ・アモデイ", "person"), ("ドナルド・トランプ", "person"), ("o3-mini", "model"), ("GPT-4o", "model"),
    ("ChatGPT", "model"), ("日経平均", "index"), ("NYダウ", "index"), ("ナスダック", "index"), ("スターゲート", "project"),
])
def test_seed_entities(kb, name, kind):
    assert entity(kb, name)["type"] == kind


def test_r1_is_one_model_from_all_three_sources(kb):
    r1 = entity(kb, "R1")
    assert r1 is not None and entity(kb, "DeepSeek-R1")["id"] == r1["id"]
    assert r1["type"] == "model" and len(r1["sources"]) == 3
    deepseek = entity(kb, "DeepSeek")["id"]
    assert {"subject": r1["id"], "predicate": "developed_by", "object": deepseek} in [
        {k: r[k] for k in ("subject", "predicate", "object")} for r in kb["relations"]]


@pytest.mark.parametrize("person, predicate, org", [
    ("サム・アルトマン", "ceo_of", "OpenAI"), ("マーク・ザッカーバーグ", "ceo_of", "Meta"), ("ダリオ・アモデイ", "ceo_of", "Anthropic"),
])
def test_people_are_linked_to_their_organisation(kb, person, predicate, org):
    triples = {(r["subject"], r["predicate"], r["object"]) for r in kb["relations"]}
    assert (entity(kb, person)["id"], predicate, entity(kb, org)["id"]) in triples
    relation = next(r for r in kb["relations"] if r["subject"] == entity(kb, person)["id"])
    assert relation["evidence"][0]["text"] and relation["sources"]


def test_trump_has_his_title(built, kb):
    page = (built[0] / "site" / entity(kb, "ドナルド・トランプ")["url"]).read_text(encoding="utf-8")
    assert "大統領" in page


def test_dated_market_event(kb):
    market = [e for e in kb["events"] if e["type"] == "market" and e["date"] == "2025-01-27"]
    assert len(market) == 1
    assert entity(kb, "日経平均")["id"] in market[0]["entities"]


def test_development_cost_claims_disagree_side_by_side(built, kb):
    r1 = entity(kb, "R1")["id"]
    costs = {(c["number"], c["unit"]): c for c in kb["claims"] if c["subject"] == r1 and c["property"] == "development_cost"}
    assert (6_000_000, "USD") in costs and (5_600_000, "USD") in costs
    assert costs[(6_000_000, "USD")]["disputed"] and costs[(5_600_000, "USD")]["disputed"]
    assert costs[(6_000_000, "USD")]["source"] != costs[(5_600_000, "USD")]["source"]
    page = (built[0] / "site" / entity(kb, "R1")["url"]).read_text(encoding="utf-8")
    assert "600万ドル" in page and "560万ドル" in page and "出典により異なる" in page


def test_no_junk_pages(kb):
    for e in kb["entities"]:
        assert len(e["name"]) >= 2 and e["mentions"], e
    names = {e["name"] for e in kb["entities"]}
    for junk in ("モデル", "コスト", "ショック", "オープンソース", "ハルシネーション", "データセンター", "スタートアップ", "AI", "CEO", "GPU"):
        assert junk not in names


def test_kb_json_schema_and_offsets(built, kb):
    assert kb["version"] == 1
    texts = {s["id"]: (ROOT / s["path"]).read_text(encoding="utf-8") if (ROOT / s["path"]).exists()
             else Path(s["path"]).read_text(encoding="utf-8") for s in kb["sources"]}
    for s in kb["sources"]:
        assert set(s) >= {"id", "title", "publisher", "date", "path", "url"}
    for e in kb["entities"]:
        assert set(e) >= {"id", "type", "name", "aliases", "url", "sources", "mentions"}
        assert (built[0] / "site" / e["url"]).is_file()
        for m in e["mentions"]:
            assert texts[m["source"]][m["start"] : m["end"]] == m["text"]
    for ev in kb["events"]:
        assert set(ev) >= {"id", "type", "date", "title", "entities", "sources", "url"}
    for r in kb["relations"]:
        assert set(r) >= {"subject", "predicate", "object", "sources", "evidence"}
    for c in kb["claims"]:
        assert set(c) >= {"subject", "property", "value", "number", "unit", "source", "evidence"}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])


def test_every_internal_link_and_anchor_resolves(built):
    site = built[0] / "site"
    parsed = {}
    for page in site.rglob("*.html"):
        p = Links()
        p.feed(page.read_text(encoding="utf-8"))
        parsed[page] = p
    checked = 0
    for page, p in parsed.items():
        for link in p.links:
            assert not link.startswith(("/", "http:", "https:")), f"{page}: {link}"
            target, _, fragment = link.partition("#")
            dest = (page.parent / target).resolve() if target else page
            assert dest.is_file(), f"{page}: {link}"
            if fragment:
                assert fragment in parsed[dest].ids, f"{page}: {link}"
            checked += 1
    assert checked > 500


def test_content_records_are_written(built):
    content = built[0] / "content"
    assert len(list((content / "sources").glob("*.yaml"))) == 3
    assert list((content / "entities").glob("*.yaml")) and list((content / "events").glob("*.yaml"))


def test_two_builds_are_byte_identical(built, tmp_path):
    again = run_cli("build", "--seeds", SEEDS, "--content", tmp_path / "content", "--out", tmp_path / "site")
    assert again.returncode == 0
    assert tree_bytes(tmp_path / "site") == tree_bytes(built[0] / "site")
    assert tree_bytes(tmp_path / "content") == tree_bytes(built[0] / "content")


def build_one(tmp_path, name: str, text: str):
    """Build a site from one article written here."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / name).write_text(text, encoding="utf-8")
    result = run_cli("build", "--seeds", seeds, "--content", tmp_path / "content", "--out", tmp_path / "site")
    assert result.returncode == 0, result.stderr


def test_a_build_keeps_what_render_remembers_about_the_records(tmp_path):
    """`musubi render` after a build skips the same pages a second build skips (records read back
    from YAML give the same page data as the build's own); and the analysis cache prunes only its
    own entries, so a later `musubi render` still finds the records it read before."""
    build_one(tmp_path, "a.txt", "ZetaLabのジェーン・ミラーCEOは2026年3月2日、新しいモデルを発表した。\n")
    where = ("--content", tmp_path / "content", "--out", tmp_path / "site")
    kept = re.compile(r"\d+ files, (\d+) as they were")

    def build_again() -> str:
        (tmp_path / "site" / "index.html").unlink()  # so the build runs whole, and writes the same records
        result = run_cli("build", "--seeds", tmp_path / "seeds", *where)
        assert result.returncode == 0 and "3 as they were" in result.stdout, result.stdout + result.stderr
        return kept.search(result.stdout).group(1)

    by_build = build_again()
    render = run_cli("render", *where)
    assert render.returncode == 0 and "(0 record files read)" not in render.stdout, render.stdout + render.stderr
    assert kept.search(render.stdout).group(1) == by_build != "0"
    assert build_again() == by_build
    assert "(0 record files read)" in run_cli("render", *where).stdout


def test_script_in_an_article_is_shown_as_text(tmp_path):
    build_one(tmp_path, "xss.txt", '見出し<script>alert(1)</script>\nZetaLabのジェーン・ミラーCEOは"<img src=x onerror=alert(2)>"と語った。\n')
    for page in (tmp_path / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (tmp_path / "site" / "sources" / "xss.html").read_text(encoding="utf-8")


def test_an_article_that_names_nothing_still_makes_a_site(tmp_path):
    build_one(tmp_path, "weather.txt", "きょうは朝から雨が降った。午後には晴れる見込みだ。\n")
    assert (tmp_path / "site" / "graph.html").is_file() and (tmp_path / "site" / "sources" / "weather.html").is_file()


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", r"seeds/empty\.txt: empty article"),
    ("latin1.txt", "Menu du jour\nCafé crème".encode("latin-1"), r"seeds/latin1\.txt:2: not UTF-8 text \(byte 0xe9\), nor Japanese"),
])
def test_bad_input_leaves_the_previous_site(tmp_path, name, content, message):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "000_694aeae88350dc47.txt", seeds)
    args = ("build", "--seeds", "seeds", "--content", "content", "--out", "site")
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    before = digest(tmp_path / "site"), digest(tmp_path / "content")
    (seeds / name).write_bytes(content)
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert re.fullmatch(message + r".*\n", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert (digest(tmp_path / "site"), digest(tmp_path / "content")) == before
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".") and p.name not in (".musubi-cache", ".site.lock", ".content.lock")]
    assert not leftovers  # no half-written folders (the cache and the builds' lock files stay)


def test_an_article_over_the_size_limit_is_one_line_not_a_crash(tmp_path):
    from builder.read import MAX_BYTES

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    with open(seeds / "huge.txt", "wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # a sparse file: refused by its size, before it is read
    result = run_cli("build", "--seeds", "seeds", "--content", "content", "--out", "site", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == ("seeds/huge.txt: article too large: 104,857,601 bytes, and musubi reads articles of up to 100 MB "
                             "(104,857,600 bytes); split it into several files\n")
    assert not (tmp_path / "site").exists()


def test_missing_seeds_folder(tmp_path):
    result = run_cli("build", "--seeds", tmp_path / "nowhere", "--out", tmp_path / "site")
    assert result.returncode == 1 and "seeds folder not found" in result.stderr
    assert not (tmp_path / "site").exists()


def test_extract_prints_one_json_line_per_file(tmp_path):
    path = tmp_path / "a.txt"
    text = "\ufeff見出し\nZetaLabのジェーン・ミラーCEOは、2026年3月2日に約300万ドルを投じた。同氏は「次は欧州だ」と語った。"
    path.write_text(text, encoding="utf-8")
    result = run_cli("extract", path, SEEDS / "002_95c08449ed2527ad.txt")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["path"] for line in lines] == [str(path), str(SEEDS / "002_95c08449ed2527ad.txt")]
    decoded = text[1:]
    got = {(m["type"], m["text"]) for m in lines[0]["mentions"]}
    assert {("company", "ZetaLab"), ("person", "ジェーン・ミラー"), ("date", "2026年3月2日"), ("money", "約300万ドル")} <= got
    for m in lines[0]["mentions"]:
        assert decoded[m["start"] : m["end"]] == m["text"]
    assert "text" not in lines[0]  # the offsets are the file's own
    (said,) = lines[0]["statements"]
    assert said == {"start": decoded.index("次は"), "end": decoded.index("」"), "text": "次は欧州だ", "kind": "direct",
                    "verb": "語った", "speaker": "ジェーン・ミラー"}


def test_extract_gives_the_text_its_offsets_count_in_when_it_is_not_the_files(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("見出し\r\n\r\nZetaLabのジェーン・ミラーCEOは語った。\r\n".encode("cp932"))
    result = run_cli("extract", path)
    line = json.loads(result.stdout)
    assert line["text"] == "見出し\n\nZetaLabのジェーン・ミラーCEOは語った。\n"
    assert {m["text"] for m in line["mentions"]} == {"ZetaLab", "ジェーン・ミラー"}
    for m in line["mentions"]:
        assert line["text"][m["start"] : m["end"]] == m["text"]


def test_help():
    result = run_cli("--help")
    assert result.returncode == 0 and "build" in result.stdout and "extract" in result.stdout


def test_every_subcommand_is_in_the_readme():
    commands = re.findall(r"^    (\w+)\s{2,}", run_cli("--help").stdout, re.MULTILINE)  # the COMMAND list
    cli_block = (ROOT / "README.md").read_text(encoding="utf-8").split("## The CLI", 1)[1].split("```", 2)[1]
    assert commands and all(f"musubi {c} " in cli_block for c in commands), commands


def test_the_base_url_and_title_given_once_are_kept_until_dropped(tmp_path):
    """`make publish BASE_URL=…` then a plain `make site`, `make render` or `make serve` keeps the
    published site's sitemap, feed and canonical links; `--base-url ""` drops them."""
    where = ("--seeds", SEEDS, "--content", tmp_path / "content", "--out", tmp_path / "site")
    site = tmp_path / "site"

    def canonical() -> bool:
        return 'rel="canonical" href="https://example.org/kb/index.html"' in (site / "index.html").read_text(encoding="utf-8")

    first = run_cli("build", *where, "--base-url", "https://example.org/kb/", "--title", "私の知識ベース")
    assert first.returncode == 0, first.stderr
    assert "from the last build" not in first.stdout
    (site / "index.html").unlink()  # so that the next build renders again instead of finding it up to date
    again = run_cli("build", *where)
    assert again.returncode == 0, again.stderr
    assert 'musubi: using base URL https://example.org/kb/ from the last build (give --base-url "" to drop it)' in again.stdout
    assert "musubi: using site title 私の知識ベース from the last build" in again.stdout
    assert (site / "sitemap.xml").is_file() and (site / "feed.xml").is_file() and canonical()
    assert "私の知識ベース" in (site / "index.html").read_text(encoding="utf-8")
    render = run_cli("render", "--content", tmp_path / "content", "--out", site)
    assert render.returncode == 0 and "using base URL https://example.org/kb/" in render.stdout, render.stderr
    assert canonical()
    assert not [p for p in site.rglob("*") if "last-build" in p.name]  # remembered beside the site, not published in it
    dropped = run_cli("build", *where, "--base-url", "", "--title", "")
    assert dropped.returncode == 0 and "from the last build" not in dropped.stdout, dropped.stderr
    assert not (site / "sitemap.xml").exists() and not canonical()
    plain = run_cli("build", *where)
    assert "from the last build" not in plain.stdout and not (site / "feed.xml").exists()
    assert "<title>ホーム — musubi</title>" in (site / "index.html").read_text(encoding="utf-8")


def test_the_command_line_wins_over_the_last_build_which_wins_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.musubi]\nbase_url = "https://project.example/"\n', encoding="utf-8")
    where = ("--seeds", SEEDS, "--content", "content", "--out", "site")

    def build(*args: str) -> str:
        result = run_cli("build", *where, *args, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        (tmp_path / "site" / "index.html").unlink()
        return (tmp_path / "site" / "robots.txt").read_text(encoding="utf-8")

    assert "Sitemap: https://project.example/sitemap.xml" in build()
    assert "Sitemap: https://given.example/sitemap.xml" in build("--base-url", "https://given.example/")
    assert "Sitemap: https://given.example/sitemap.xml" in build()
    assert "Sitemap: https://other.example/sitemap.xml" in build("--base-url", "https://other.example/")
    assert "Sitemap:" not in build("--base-url", "")
    assert "Sitemap: https://project.example/sitemap.xml" in build()


def test_a_base_url_that_is_no_address_is_one_line(tmp_path):
    result = run_cli("build", "--seeds", SEEDS, "--content", tmp_path / "content", "--out", tmp_path / "site", "--base-url", "example.org/kb")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == "--base-url: base URL 'example.org/kb' is not an http(s) address, e.g. https://example.org/kb/\n"


def test_a_reader_that_stops_early_ends_the_output_quietly(tmp_path):
    """`musubi extract … | head`: the reader closes the pipe before musubi writes to it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-m", "builder"]
    extract = subprocess.Popen([*run, "extract", *sorted(map(str, SEEDS.glob("*.txt")))], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    extract.stdout.close()
    assert extract.wait(timeout=300) == 141  # as a shell reports a program stopped by a closed pipe
    assert extract.stderr.read() == ""
    build = subprocess.Popen([*run, "build", "--seeds", SEEDS, "--content", tmp_path / "content", "--out", tmp_path / "site"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    build.stdout.close()
    assert build.wait(timeout=300) == 0 and build.stderr.read() == ""  # the build goes on without its log
    assert (tmp_path / "site" / "index.html").is_file()


def test_render_after_hand_edit(built, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(built[0] / "content", content)
    record = content / "entities" / "deepseek.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("name: DeepSeek\n", "name: DeepSeek（深度求索）\n"), encoding="utf-8")
    result = run_cli("render", "--content", content, "--out", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "DeepSeek（深度求索）" in (tmp_path / "site" / "entities" / "deepseek.html").read_text(encoding="utf-8")
    record = content / "entities" / "anthropic.yaml"  # a second edit: one file read, only the pages it shows in made again
    record.write_text(record.read_text(encoding="utf-8").replace("name: Anthropic\n", "name: アンソロピック\n"), encoding="utf-8")
    again = run_cli("render", "--content", content, "--out", tmp_path / "site")
    assert again.returncode == 0, again.stderr
    assert "(1 record files read)" in again.stdout, again.stdout
    made = int(re.search(r"(\d+) as they were", again.stdout).group(1))
    pages = int(re.search(r"(\d+) files,", again.stdout).group(1))
    assert 0 < made < pages and "アンソロピック" in (tmp_path / "site" / "entities" / "anthropic.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("edit, message", [
    (lambda text: text.replace('subject: "{o}のCEO"', 'subject: "のCEO"'),
     "labels.yaml: predicate ceo_of: 'subject' must be text containing {o} (for of_subject)"),
    (lambda text: text.replace("types:\n", "types: [\n", 1), "labels.yaml:7: not valid YAML"),
    (lambda text: text.replace("events:", "event_kinds:"), "labels.yaml: missing section: events"),
])
def test_a_mistyped_labels_file_is_one_line_naming_it(tmp_path, edit, message):
    """A copy of the program with its labels.yaml edited as a user might get it wrong."""
    shutil.copytree(ROOT / "builder", tmp_path / "builder", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    labels = tmp_path / "builder" / "data" / "labels.yaml"
    labels.write_text(edit(labels.read_text(encoding="utf-8")), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "builder", "build", "--seeds", SEEDS, "--content", tmp_path / "content",
                             "--out", tmp_path / "site"], cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path)},
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists() and not (tmp_path / "content").exists()
