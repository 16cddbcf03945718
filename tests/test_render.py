import re

from builder.article_html import article_html, escape_md
from builder.config import TEMPLATES
from builder.records import Records
from builder.render import render_pages, snippet


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


def test_markdown_punctuation_in_text_survives():
    assert escape_md("1. a_b") == r"1\. a\_b"


def test_snippet_stays_on_one_line():
    s = snippet("一行目\n前の文ZetaLab後の文\n次", 7, 14)
    assert s == {"left": "前の文", "hit": "ZetaLab", "right": "後の文"}


def test_every_page_links_relatively():
    records = Records(sources=[source("本文ZetaLabの話。", [{"start": 2, "end": 9, "text": "ZetaLab", "entity": "zetalab"}])],
                      entities=[{"id": "zetalab", "type": "company", "name": "ZetaLab", "aliases": [], "description": "",
                                 "titles": [], "mentions": [{"source": "s", "start": 2, "end": 9, "text": "ZetaLab"}],
                                 "relations": [], "claims": []}],
                      events=[], redirects=[])
    pages = render_pages(records, TEMPLATES, "テスト")
    assert {"index.html", "entities/zetalab.html", "sources/s.html", "types/company.html", "kb.json"} <= set(pages)
    for path, html in pages.items():
        if path.endswith(".html"):
            assert 'href="/' not in html and not re.search(r'(href|src|action)="https?:', html), path
    assert 'href="../sources/s.html#m-2"' in pages["entities/zetalab.html"]
