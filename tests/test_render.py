import re

from builder.article_html import article_html
from builder.config import TEMPLATES
from builder.records import Records
from builder.render import render_pages, snippet, sources_first


def render(records: Records) -> dict[str, str]:
    pages: dict[str, str] = {}
    render_pages(records, TEMPLATES, "テスト", lambda path, text: pages.__setitem__(path, text if isinstance(text, str) else "".join(text)) or True)
    return pages


def source(text, mentions=()):
    return {"id": "s", "title": "t", "publisher": None, "date": None, "url": None, "path": "seeds/s.txt", "text": text,
            "blocks": [{"kind": "paragraph", "start": 0, "end": len(text)}], "dates": [], "mentions": list(mentions)}


def test_article_text_is_escaped_not_interpreted():
    text = '<script>alert("x")</script> *強調* [リンク](javascript:x) # 見出し &amp;'
    html = article_html(source(text), {}, "../")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<em>" not in html and "<a" not in html and "&amp;amp;" in html


def test_mentions_become_anchored_relative_links():
    text = "前置きZetaLabの話。"
    html = article_html(source(text, [{"start": 3, "end": 10, "text": "ZetaLab", "entity": "zetalab"}]), {"zetalab": "company"}, "../")
    assert '<a href="../entities/zetalab.html" id="m-3" class="mention t-company">ZetaLab</a>' in html


def test_text_that_looks_like_markdown_stays_text():
    html = article_html(source("1. a_b **x** `y`"), {}, "../")
    assert html == "<p>1. a_b **x** `y`</p>\n"


def test_headings_and_list_items_keep_their_structure():
    text = "見出し\n項目一\n項目二\n本文。"
    blocks = [{"kind": "heading", "start": 0, "end": 3}, {"kind": "list_item", "start": 4, "end": 7},
              {"kind": "list_item", "start": 8, "end": 11}, {"kind": "paragraph", "start": 12, "end": 15}]
    html = article_html({**source(text), "blocks": blocks}, {}, "../")
    assert html == "<h3>見出し</h3>\n<ul>\n<li>項目一</li>\n<li>項目二</li>\n</ul>\n<p>本文。</p>\n"


def test_snippet_stays_on_one_line():
    s = snippet("一行目\n前の文ZetaLab後の文\n次", 7, 14)
    assert s == {"left": "前の文", "hit": "ZetaLab", "right": "後の文"}


def test_every_page_links_relatively():
    records = Records(sources=[source("本文ZetaLabの話。", [{"start": 2, "end": 9, "text": "ZetaLab", "entity": "zetalab"}])],
                      entities=[{"id": "zetalab", "type": "company", "name": "ZetaLab", "aliases": [], "description": "",
                                 "titles": [], "mentions": [{"source": "s", "start": 2, "end": 9, "text": "ZetaLab"}],
                                 "relations": [], "claims": []}],
                      events=[], redirects=[])
    pages = render(records)
    assert {"index.html", "entities/zetalab.html", "sources/s.html", "types/company.html", "kb.json"} <= set(pages)
    for path, html in pages.items():
        if path.endswith(".html"):
            assert 'href="/' not in html and not re.search(r'(href|src|action)="https?:', html), path
    assert 'href="../sources/s.html#m-2"' in pages["entities/zetalab.html"]


def test_a_name_in_many_articles_keeps_a_page_of_bounded_size():
    """Snippets from the first SHOWN_SOURCES articles, plain links to the others; at most
    SHOWN_CLAIMS rows per claimed property and SHOWN_EVIDENCE quotes per relation, on both
    of its ends, with the count of the rest."""
    from builder.render import SHOWN_CLAIMS, SHOWN_EVIDENCE, SHOWN_SOURCES

    n = SHOWN_SOURCES + 7
    sources = [{**source("本文ZetaLabの話。", [{"start": 2, "end": 9, "text": "ZetaLab", "entity": "zetalab"}]), "id": f"s{k:03d}"}
               for k in range(n)]
    claims = [{"property": "revenue", "value": f"{k}億円", "number": float(k), "unit": "円", "qualifier": "", "source": f"s{k:03d}",
               "evidence": {"source": f"s{k:03d}", "start": 0, "end": 4, "text": "本文"}, "disputed": False} for k in range(n)]
    entity = {"id": "zetalab", "type": "company", "name": "ZetaLab", "aliases": [], "description": "", "titles": [],
              "mentions": [{"source": f"s{k:03d}", "start": 2, "end": 9, "text": "ZetaLab"} for k in range(n)],
              "relations": [{"predicate": "located_in", "object": "hokuto",
                             "evidence": [{"source": f"s{k:03d}", "start": 0, "end": 4, "text": "本文"} for k in range(n)]}],
              "claims": claims}
    place = {"id": "hokuto", "type": "place", "name": "北斗", "aliases": [], "description": "", "titles": [], "mentions": [],
             "relations": [], "claims": []}
    pages = render(Records(sources=sources, entities=[entity, place], events=[], redirects=[]))
    for page in ("entities/zetalab.html", "entities/hokuto.html"):
        assert pages[page].count('<blockquote class="evidence">') == SHOWN_EVIDENCE
        assert len(set(re.findall(r'<cite><a href="../sources/(s\d+).html">', pages[page]))) == SHOWN_EVIDENCE  # from 10 articles
        assert f"根拠 {n} 件" in pages[page] and f"ほか {n - SHOWN_EVIDENCE} 件（すべては kb.json に）" in pages[page]
    html = pages["entities/zetalab.html"]
    assert html.count("<mark>ZetaLab</mark>") == SHOWN_SOURCES
    assert f"ほか {n - SHOWN_SOURCES} 本の記事" in html and 'href="../sources/s056.html"' in html
    assert html.count('class="num"') == SHOWN_CLAIMS and f"ほか {n - SHOWN_CLAIMS} 件" in html


def test_a_page_is_made_again_when_a_record_it_quotes_changes():
    """A page's fingerprint holds the digests of the records it quotes (`FromRecords`), not the
    quotes: a page is made again when an article it quotes, or the quote of a relation pointing
    at it, changes while its own record stays as it was; pages that quote neither stay."""

    def records(text: str, quote: str) -> Records:
        s = source(text, [{"start": 2, "end": 9, "text": "ZetaLab", "entity": "zetalab"}])
        evidence = [{"source": "s", "start": 0, "end": len(text), "text": quote}]
        zetalab = {"id": "zetalab", "type": "company", "name": "ZetaLab", "aliases": [], "description": "", "titles": [],
                   "mentions": [{"source": "s", "start": 2, "end": 9, "text": "ZetaLab"}],
                   "relations": [{"predicate": "located_in", "object": "hokuto", "evidence": evidence}], "claims": []}
        place = {"id": "hokuto", "type": "place", "name": "北斗", "aliases": [], "description": "", "titles": [], "mentions": [],
                 "relations": [], "claims": []}
        return Records(sources=[s], entities=[zetalab, place], events=[], redirects=[])

    def made_again(before, changed: Records) -> set[str]:
        put: set[str] = set()
        render_pages(changed, TEMPLATES, "テスト", lambda path, _: put.add(path) or True,
                     unchanged=lambda path, fp: before.made_from.get(path) == fp)
        return {p for p in put if p.startswith(("entities/", "sources/s."))}

    text = "本文ZetaLabは北斗にある。以上。"
    before = render_pages(records(text, "ZetaLabは北斗にある。"), TEMPLATES, "テスト", lambda *_: True)
    assert made_again(before, records(text, "ZetaLabは北斗にある。")) == set()
    assert made_again(before, records(text.replace("以上", "以下"), "ZetaLabは北斗にある。")) == {"entities/zetalab.html", "sources/s.html"}
    assert made_again(before, records(text, "ZetaLabは北斗に今もある。")) == {"entities/zetalab.html", "entities/hokuto.html"}


def test_the_timeline_has_a_page_per_month_and_starts_with_the_latest(monkeypatch):
    import builder.render

    monkeypatch.setattr(builder.render, "RECENT_EVENTS", 2)
    entity = {"id": "zetalab", "type": "company", "name": "ZetaLab", "aliases": [], "description": "", "titles": [],
              "mentions": [{"source": "s", "start": 2, "end": 9, "text": "ZetaLab"}], "relations": [], "claims": []}
    events = [{"id": f"e{n}", "type": "product", "date": date, "title": f"出来事{n}", "entities": ["zetalab"], "origin": "generated", "date_basis": "",
               "evidence": [{"source": "s", "start": 0, "end": 4, "text": "本文"}]}
              for n, date in enumerate(["2025-01-05", "2025-02-01", "2025-03-02", "2025-03-09"])]
    pages = render(Records(sources=[source("本文ZetaLabの話。", [{"start": 2, "end": 9, "text": "ZetaLab", "entity": "zetalab"}])],
                           entities=[entity], events=events, redirects=[]))
    assert {"timeline/2025-01.html", "timeline/2025-02.html", "timeline/2025-03.html"} <= set(pages)
    first = pages["timeline.html"]
    assert "出来事2" in first and "出来事3" in first and "出来事0" not in first  # the newest whole month
    assert 'href="timeline/2025-01.html"' in first
    assert "出来事0" in pages["timeline/2025-01.html"] and 'aria-current="page"' in pages["timeline/2025-01.html"]
    assert 'href="../events/e0.html"' in pages["timeline/2025-01.html"]
    later = {**events[-1], "id": "e9", "date": "2025-03-20", "title": "出来事9"}
    again = render(Records(sources=[source("本文ZetaLabの話。", [{"start": 2, "end": 9, "text": "ZetaLab", "entity": "zetalab"}])],
                           entities=[entity], events=[*events, later], redirects=[]))
    assert "出来事9" in again["timeline/2025-03.html"]  # a month's page changes with its own events only
    assert again["timeline/2025-01.html"] == pages["timeline/2025-01.html"]


def test_quotes_come_from_as_many_sources_as_possible():
    spans = [{"source": src, "start": n} for n, src in enumerate(["a", "a", "a", "b", "b", "c"])]
    assert [(s["source"], s["start"]) for s in sources_first(spans)] == [("a", 0), ("b", 3), ("c", 5), ("a", 1), ("a", 2), ("b", 4)]


def test_the_sources_list_has_a_page_per_month_and_starts_with_the_latest(monkeypatch):
    import builder.render

    monkeypatch.setattr(builder.render, "RECENT_EVENTS", 2)
    dates = ["2025-01-05", "2025-02-01", "2025-03-02", "2025-03-09", None]
    sources = [{**source(f"本文{n}"), "id": f"s{n}", "title": f"記事{n}", "date": date} for n, date in enumerate(dates)]
    pages = render(Records(sources=sources, entities=[], events=[], redirects=[]))
    first = pages["sources/index.html"]
    assert "記事2" in first and "記事3" in first and "記事1" not in first  # the newest whole month, newest first
    assert first.index("記事3") < first.index("記事2") and "(5)" in first
    for month, shown in (("2025-01", "記事0"), ("2025-02", "記事1"), ("undated", "記事4")):
        page = pages[f"sources/by-month/{month}.html"]
        assert shown in page and 'href="../../sources/' in page and f'href="../sources/by-month/{month}.html"' in first
    assert "日付なし" in pages["sources/by-month/undated.html"]
