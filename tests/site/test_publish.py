"""Head data, sitemap, robots.txt and the Atom feed: absolute URLs only from base_url,
the right schema.org type on each kind of page, escaped, the same bytes every build."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import SEEDS, run_cli

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def jsonld(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)]


def test_each_kind_of_page_has_its_schema_type(built_site):
    kb = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    expected = {"company": "Organization", "person": "Person", "model": "SoftwareApplication", "place": "Place"}
    for kind, schema in expected.items():
        e = next(e for e in kb["entities"] if e["type"] == kind)
        [data] = jsonld((built_site / e["url"]).read_text(encoding="utf-8"))
        assert data["@type"] == schema and data["name"] == e["name"]
        assert data["@id"] == "https://example.org/kb/" + e["url"]
    [event] = jsonld((built_site / kb["events"][0]["url"]).read_text(encoding="utf-8"))
    assert event["@type"] == "Event" and event["startDate"] == str(kb["events"][0]["date"])
    [article] = jsonld((built_site / kb["sources"][0]["url"]).read_text(encoding="utf-8"))
    assert article["@type"] == "NewsArticle" and article["mentions"]
    [home] = jsonld((built_site / "index.html").read_text(encoding="utf-8"))
    assert home["@type"] == "WebSite"


def test_open_graph_and_canonical_use_base_url(built_site):
    html = (built_site / "entities" / "openai.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/kb/entities/openai.html">' in html
    assert '<meta property="og:url" content="https://example.org/kb/entities/openai.html">' in html
    for prop in ("og:title", "og:type", "og:description", "og:site_name", "og:locale"):
        assert f'property="{prop}"' in html
    assert 'href="../' in html and 'href="/' not in html  # links inside the site stay relative


def test_sitemap_lists_every_page_but_the_unlisted_ones(built_site):
    locs = [u.findtext(f"{SITEMAP}loc") for u in ET.parse(built_site / "sitemap.xml").getroot()]
    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    listed = {loc.removeprefix("https://example.org/kb/") for loc in locs}
    assert listed == pages - {"404.html", "review.html", "search.html"}
    assert "Sitemap: https://example.org/kb/sitemap.xml" in (built_site / "robots.txt").read_text(encoding="utf-8")


def full_day(date) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(date or "")))


def test_feed_is_atom_with_every_source_and_event_that_has_a_day(built_site):
    kb = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    feed = ET.parse(built_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed" and feed.findtext(f"{ATOM}updated").endswith("Z")
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert ids and sorted(ids) == sorted("https://example.org/kb/" + x["url"] for x in kb["sources"] + kb["events"] if full_day(x["date"]))
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}updated")


def build_articles(tmp_path, articles: dict[str, str], base_url: str = "https://example.org/kb/"):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in articles.items():
        (seeds / name).write_text(text, encoding="utf-8")
    result = run_cli("build", "--seeds", seeds, "--content", tmp_path / "content", "--out", tmp_path / "site", "--base-url", base_url)
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"


DATED = "ゼタ社、新モデルを公開\n日本経済新聞 2025年1月28日 10:15\nSource: テスト通信\n札幌のAIスタートアップZetaLabは28日、新モデルを公開した。性能は高い。\n"


def test_an_article_without_a_day_is_left_out_of_the_feed_not_given_another_date(tmp_path):
    site = build_articles(tmp_path, {
        "dated.txt": DATED,
        "month.md": "---\ntitle: 月だけ分かる記事\ndate: 2025-03\n---\n本文の最初の文だ。\n",
        "undated.txt": "日付のない記事\nきょうは雨が降った。\n",
    })
    feed = ET.parse(site / "feed.xml").getroot()
    entries = {e.findtext(f"{ATOM}id").rsplit("/", 1)[1]: e.findtext(f"{ATOM}updated") for e in feed.findall(f"{ATOM}entry")}
    assert entries == {"dated.html": "2025-01-28T00:00:00Z"}  # not 2025-01-28 for the undated one, nor 2025-03-01 for March
    assert feed.findtext(f"{ATOM}updated") == "2025-01-28T00:00:00Z"
    assert 'type="application/atom+xml"' in (site / "index.html").read_text(encoding="utf-8")


def test_without_any_day_there_is_no_feed_and_no_link_to_one(tmp_path):
    site = build_articles(tmp_path, {"undated.txt": "日付のない記事\nきょうは雨が降った。\n"})
    assert not (site / "feed.xml").exists() and (site / "sitemap.xml").is_file()
    assert "application/atom+xml" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_summary_starts_at_the_body_not_the_dateline_or_the_publisher(tmp_path):
    site = build_articles(tmp_path, {
        "dated.txt": DATED,
        "byline.md": "---\ntitle: 署名のある記事\ndate: 2025-01-29\nauthor: Jane Doe\n---\nBy Jane Doe\n\nミライ電池は29日、量産を前倒しした。理由は需要だ。\n",
    })
    feed = ET.parse(site / "feed.xml").getroot()
    summaries = {e.findtext(f"{ATOM}id").rsplit("/", 1)[1]: e.findtext(f"{ATOM}summary") for e in feed.findall(f"{ATOM}entry")}
    assert summaries == {"dated.html": "札幌のAIスタートアップZetaLabは28日、新モデルを公開した。",
                         "byline.html": "ミライ電池は29日、量産を前倒しした。"}
    html = (site / "sources" / "dated.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="札幌のAIスタートアップZetaLabは28日、新モデルを公開した。">' in html
    assert '<meta property="og:description" content="札幌のAIスタートアップZetaLabは28日、新モデルを公開した。">' in html


@pytest.mark.parametrize("base_url, note", [("https://example.org/kb/", True), ("https://example.org/", False)])
def test_robots_txt_gives_the_sitemaps_absolute_url_and_says_where_it_must_go(tmp_path, base_url, note):
    robots = (build_articles(tmp_path, {"dated.txt": DATED}, base_url) / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base_url}sitemap.xml\n" in robots
    assert ("# Crawlers read only https://example.org/robots.txt" in robots) == note


def test_without_base_url_there_are_no_absolute_urls(tmp_path):
    result = run_cli("build", "--seeds", SEEDS, "--content", tmp_path / "content", "--out", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert not (site / "sitemap.xml").exists() and not (site / "feed.xml").exists()
    assert "Sitemap:" not in (site / "robots.txt").read_text(encoding="utf-8")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in html or page.parent.name == "entities", page  # redirect pages point relatively
        assert "og:url" not in html


def test_the_404_page_links_absolutely_when_the_address_is_known(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/kb/index.html"' in html and 'action="https://example.org/kb/search.html"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_untrusted_titles_are_escaped_in_head_and_json_ld(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "x.txt").write_text('</script><img src=x onerror=alert(1)>"見出し\n2025年1月28日\nZetaLabのジェーン・ミラーCEOは語った。\n',
                                 encoding="utf-8")
    result = run_cli("build", "--seeds", seeds, "--content", tmp_path / "content", "--out", tmp_path / "site",
                     "--base-url", "https://example.org/")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "sources" / "x.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert "<img" not in head and head.count("</script>") == head.count("<script")
    [article] = jsonld(html)
    assert article["headline"].startswith("</script><img")  # the text survives, as data
    feed = (tmp_path / "site" / "feed.xml").read_text(encoding="utf-8")
    assert "<img" not in feed and ET.fromstring(feed.encode("utf-8")).find(f"{ATOM}entry") is not None


def test_an_entity_known_only_by_its_type_is_described_by_its_reports_not_its_type_twice(built_site):
    kb = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    by_reports = 0
    for e in kb["entities"]:
        html = (built_site / e["url"]).read_text(encoding="utf-8")
        [description] = re.findall(r'<meta name="description" content="([^"]*)">', html)
        kind, about = description.split("（", 1)[1].split("）: ", 1)
        assert about != kind, description
        by_reports += bool(re.fullmatch(r"\d+ 本の記事に登場", about))
    assert by_reports, "the seeds have entities with nothing but a type"
