"""Head data, sitemap, robots.txt and the Atom feed: absolute URLs only from base_url,
the right schema.org type on each kind of page, escaped, the same bytes every build."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

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


def test_feed_is_atom_with_every_source_and_event(built_site):
    kb = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    feed = ET.parse(built_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed" and feed.findtext(f"{ATOM}updated").endswith("Z")
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert sorted(ids) == sorted("https://example.org/kb/" + x["url"] for x in kb["sources"] + kb["events"])
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}updated")


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
    (seeds / "x.txt").write_text('</script><img src=x onerror=alert(1)>"見出し\nZetaLabのジェーン・ミラーCEOは語った。\n', encoding="utf-8")
    result = run_cli("build", "--seeds", seeds, "--content", tmp_path / "content", "--out", tmp_path / "site",
                     "--base-url", "https://example.org/")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "sources" / "x.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert "<img" not in head and head.count("</script>") == head.count("<script")
    [article] = jsonld(html)
    assert article["headline"].startswith("</script><img")  # the text survives, as data
    feed = (tmp_path / "site" / "feed.xml").read_text(encoding="utf-8")
    assert "<img" not in feed and ET.fromstring(feed.encode("utf-8")) is not None
