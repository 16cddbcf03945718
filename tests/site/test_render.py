import re

import pytest

from builder.errors import InputError
from builder.files.config import TEMPLATES
from builder.kb.records import Records
from builder.site.article_html import article_html
from builder.site.render import render_pages, snippet, sources_first


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
    from builder.site.render import SHOWN_CLAIMS, SHOWN_EVIDENCE, SHOWN_SOURCES

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
    import builder.site.render

    monkeypatch.setattr(builder.site.render, "RECENT_EVENTS", 2)
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
    import builder.site.render

    monkeypatch.setattr(builder.site.render, "RECENT_EVENTS", 2)
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


# --- how pages word relations, cite quotes, describe entities, show titles and addresses

def entity(eid: str, name: str, kind: str = "company", relations=(), **more) -> dict:
    return {"id": eid, "type": kind, "name": name, "aliases": [], "description": "", "titles": [],
            "mentions": [{"source": "s", "start": 0, "end": 2, "text": name}], "relations": list(relations), "claims": [], **more}


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).strip()


# subject 甲, object 乙: on 甲's page, on 乙's page, and as one sentence (the graph's list)
READINGS = {
    "ceo_of": ("乙のCEO", "甲がCEOを務める", "甲は乙のCEO"),
    "chairman_of": ("乙の会長", "甲が会長を務める", "甲は乙の会長"),
    "president_of": ("乙の社長", "甲が社長を務める", "甲は乙の社長"),
    "cfo_of": ("乙のCFO", "甲がCFOを務める", "甲は乙のCFO"),
    "cto_of": ("乙のCTO", "甲がCTOを務める", "甲は乙のCTO"),
    "coo_of": ("乙のCOO", "甲がCOOを務める", "甲は乙のCOO"),
    "vice_president_of": ("乙の副社長", "甲が副社長を務める", "甲は乙の副社長"),
    "vice_chairman_of": ("乙の副会長", "甲が副会長を務める", "甲は乙の副会長"),
    "executive_of": ("乙の役員", "甲が役員を務める", "甲は乙の役員"),
    "representative_of": ("乙の代表", "甲が代表を務める", "甲は乙の代表"),
    "director_of": ("乙の取締役", "甲が取締役を務める", "甲は乙の取締役"),
    "head_of": ("乙のトップ", "甲がトップを務める", "甲は乙のトップ"),
    "deputy_head_of": ("乙の副総裁", "甲が副総裁を務める", "甲は乙の副総裁"),
    "chair_of": ("乙の議長", "甲が議長を務める", "甲は乙の議長"),
    "leader_of": ("乙の指導者", "甲が指導者を務める", "甲は乙の指導者"),
    "governor_of": ("乙の知事", "甲が知事を務める", "甲は乙の知事"),
    "mayor_of": ("乙の首長", "甲が首長を務める", "甲は乙の首長"),
    "minister_of": ("乙の閣僚", "甲が閣僚を務める", "甲は乙の閣僚"),
    "founder_of": ("乙を創業", "甲が創業", "甲は乙を創業"),
    "member_of": ("乙に所属", "甲が所属", "甲は乙に所属"),
    "developed_by": ("乙が開発", "甲を開発", "乙は甲を開発"),
    "leads": ("乙を主導", "甲が主導", "甲は乙を主導"),
    "located_in": ("乙にある", "甲がある", "甲は乙にある"),
    "parent_of": ("乙の親会社", "甲の子会社", "乙は甲の子会社"),
    "invested_in": ("乙に出資", "甲が出資", "甲は乙に出資"),
    "acquired": ("乙を買収", "甲に買収された", "甲は乙を買収"),
    "merged": ("乙と経営統合", "甲と経営統合", "甲は乙と経営統合"),
    "merger_talks": ("乙と経営統合を協議", "甲と経営統合を協議", "甲は乙と経営統合を協議"),
    "partners_with": ("乙と提携", "甲と提携", "甲は乙と提携"),
    "supplies": ("乙に供給", "甲から調達", "甲は乙に供給"),
}


def test_every_predicate_reads_as_a_whole_phrase_from_either_end():
    """The subject's page, the object's page and the graph's sentence word each predicate as
    the table above — never 「甲のCEOが…」 or 「…がこの項目」."""
    from builder.kb.curate import predicates
    from builder.site.render import environment

    assert set(READINGS) == predicates()
    people = [entity(f"s-{p}", "甲", relations=[{"predicate": p, "object": f"o-{p}", "evidence": []}]) for p in READINGS]
    pages = render(Records(sources=[source("甲と乙")], entities=[*people, *(entity(f"o-{p}", "乙") for p in READINGS)],
                           events=[], redirects=[]))
    sentence = environment(TEMPLATES).from_string('{% from "macros.html" import relation_sentence %}{{ relation_sentence("甲", p, "乙") }}')
    for p, (of_subject, of_object, whole) in READINGS.items():
        for page, expected in ((f"entities/s-{p}.html", of_subject), (f"entities/o-{p}.html", of_object)):
            relations = re.search(r'<ul class="relations">\n  <li>(.*?)\n', pages[page])
            assert relations and text_of(relations.group(1)).removesuffix("手動").strip() == expected, (p, page)
        assert sentence.render(p=p) == whole, p
        for reading in (of_subject, of_object, whole):
            assert not re.search(r"[甲乙]の[^甲乙]*が", reading) and "この項目" not in reading, (p, reading)


def test_the_object_infobox_and_the_links_here_say_what_the_other_is():
    person = entity("kurokawa", "黒川健吾", "person", [{"predicate": "ceo_of", "object": "aoba", "evidence": []}])
    model = entity("hoshi", "ホシ-3", "model", [{"predicate": "developed_by", "object": "aoba", "evidence": []}])
    pages = render(Records(sources=[source("本文")], entities=[person, model, entity("aoba", "青葉精工")], events=[], redirects=[]))
    page = pages["entities/aoba.html"]
    assert re.search(r"<dt>CEO</dt><dd><a [^>]*>黒川健吾</a></dd>", page)
    assert re.search(r"<dt>開発したもの</dt><dd><a [^>]*>ホシ-3</a></dd>", page)
    links_here = text_of(page.split("<h2>リンク元</h2>")[1].split("</ul>")[0])
    assert "黒川健吾 人物 CEO" in links_here and "ホシ-3 AIモデル・製品 開発したもの" in links_here
    assert re.search(r"<dt>CEO</dt><dd><a [^>]*>青葉精工</a></dd>", pages["entities/kurokawa.html"])


def test_labels_cover_every_name_the_records_use_and_a_reading_must_name_its_entity():
    from builder.analyze.lexicon import TYPES
    from builder.analyze.vocab import vocab
    from builder.site.labels import (
        BASIS_LABELS,
        EVENT_LABELS,
        PROPERTY_LABELS,
        TYPE_LABELS,
        _predicate,
    )

    assert set(TYPE_LABELS) == set(TYPES) and set(vocab().properties) <= set(PROPERTY_LABELS)
    assert set(vocab().events) | {"other"} <= set(EVENT_LABELS) and set(BASIS_LABELS) == {"actual", "forecast", "plan"}
    with pytest.raises(InputError, match="predicate leads: 'object'"):
        _predicate("leads", {"label": "主導", "inverse": "主導", "subject": "{o}を主導", "object": "が主導", "sentence": "{s}は{o}を主導"})


def test_a_description_that_only_repeats_the_type_is_not_shown():
    pages = render(Records(sources=[source("本文")], entities=[entity("aoba", "青葉精工"), entity("hokuto", "北斗", "place")],
                           events=[], redirects=[]))
    for page in ("entities/aoba.html", "entities/hokuto.html"):
        assert '<p class="lead">' not in pages[page], page


def test_quotes_are_cited_by_the_articles_title_and_publisher_not_its_id():
    text = "青葉精工は北斗にある。"
    evidence = [{"source": "s", "start": 0, "end": len(text), "text": text}]
    s = {**source(text), "title": "青葉精工、北斗に新工場", "publisher": "テスト通信"}
    event = {"id": "e1", "type": "investment", "date": "2025-02-03", "title": "新工場", "entities": ["aoba"], "origin": "generated",
             "date_basis": "", "evidence": evidence}
    pages = render(Records(sources=[s], entities=[entity("aoba", "青葉精工", relations=[{"predicate": "located_in", "object": "hokuto",
                                                                                          "evidence": evidence}]),
                                                  entity("hokuto", "北斗", "place")], events=[event], redirects=[]))
    cite = '<cite><a href="../sources/s.html">青葉精工、北斗に新工場</a>（テスト通信）</cite>'
    for page in ("entities/aoba.html", "entities/hokuto.html", "events/e1.html"):
        assert cite in pages[page] and '<cite><a href="../sources/s.html">s</a>' not in pages[page], page


def test_titles_that_fit_are_not_cut_and_every_shortened_one_keeps_its_whole_title():
    """No title is cut to a count of characters (the numbers table cut at 16, the timeline at 24,
    with room to spare); the style sheet clips one only where it does not fit (tests/test_site_browser.py),
    and the link's title attribute holds it whole."""
    short, longer = "青葉精工、北斗市に新工場を建設へ　来春に着工", "青葉精工と北斗電機、次世代ロボットの共同開発で合意　年内に試作機"
    sources = [{**source("青葉精工は北斗市に工場を建てる。"), "id": sid, "title": title} for sid, title in (("s", short), ("t", longer))]
    claim = {"property": "investment", "value": "300億円", "number": 3e10, "unit": "JPY", "qualifier": "", "source": "s",
             "evidence": {"source": "s", "start": 0, "end": 4, "text": "青葉精工"}, "disputed": False}
    event = {"id": "e1", "type": "investment", "date": "2025-02-03", "title": "新工場", "entities": ["aoba"], "origin": "generated",
             "date_basis": "", "evidence": [{"source": sid, "start": 0, "end": 4, "text": "青葉精工"} for sid in ("s", "t")]}
    pages = render(Records(sources=sources, entities=[entity("aoba", "青葉精工", claims=[claim])], events=[event], redirects=[]))
    for page, sid, title in (("entities/aoba.html", "s", short), ("timeline.html", "s", short), ("timeline.html", "t", longer)):
        assert re.search(rf'<a class="cl\w+" href="[^"]*sources/{sid}.html" title="{title}">{title}</a>', pages[page]), page
        assert not re.search(rf"{title[:10]}[^<]*…", pages[page]), page


def test_an_event_added_by_hand_has_no_empty_line_of_reports(tmp_path):
    """An event from curation.yaml's events_add (no article reports it): no 報道 line on the
    timeline, no 報道 section on its page."""
    from conftest import run_cli

    seeds, content, out = tmp_path / "seeds", tmp_path / "content", tmp_path / "site"
    seeds.mkdir()
    (seeds / "a.txt").write_text("青葉精工が新型ロボットを発表\n青葉精工は3日、新型ロボットを発表した。\n", encoding="utf-8")
    build = ("build", "--seeds", seeds, "--content", content, "--out", out)
    assert run_cli(*build).returncode == 0
    ids = sorted(p.stem for p in (content / "entities").glob("*.yaml"))
    assert ids
    (content / "curation.yaml").write_text(f"events_add:\n  - {{date: 2025-02-03, title: 手で加えた出来事, type: product, entities: [{ids[0]}]}}\n",
                                           encoding="utf-8")
    result = run_cli(*build)
    assert result.returncode == 0, result.stderr
    [page] = [p for p in (out / "events").glob("2025-02-03-*.html") if "手で加えた出来事" in p.read_text(encoding="utf-8")]
    html = page.read_text(encoding="utf-8")
    assert "<h2>報道</h2>" not in html and "手で追加した出来事" in html
    timeline = (out / "timeline.html").read_text(encoding="utf-8")
    event = re.search(r'<li class="tl-event">(?:(?!<li class="tl-event">).)*?手で加えた出来事.*?</li>', timeline, re.DOTALL)
    assert event and "報道" not in event.group(0)


def test_the_original_address_is_a_link_only_when_it_is_a_web_address():
    web = {**source("本文"), "id": "web", "url": "https://example.com/news?id=1&p=2"}
    script = {**source("本文"), "id": "script", "url": "javascript:alert(1)"}
    pages = render(Records(sources=[web, script], entities=[], events=[], redirects=[]))
    assert ('<a class="clip" href="https://example.com/news?id=1&amp;p=2" title="https://example.com/news?id=1&amp;p=2"'
            ' rel="noopener noreferrer nofollow">https://example.com/news?id=1&amp;p=2</a>') in pages["sources/web.html"]
    page = pages["sources/script.html"]
    assert 'href="javascript:' not in page.lower() and "元の記事: <span" in page and "javascript:alert(1)" in page


def test_the_colour_key_of_a_source_is_labelled_and_has_no_links():
    text = "青葉精工の黒川健吾社長"
    s = source(text, [{"start": 0, "end": 4, "text": "青葉精工", "entity": "aoba"}, {"start": 5, "end": 9, "text": "黒川健吾", "entity": "kuro"}])
    pages = render(Records(sources=[s], entities=[entity("aoba", "青葉精工"), entity("kuro", "黒川健吾", "person")], events=[], redirects=[]))
    legend = re.search(r'<div class="legend">(.*?)</div>', pages["sources/s.html"])
    assert legend and "色の見方" in legend.group(1) and "<a" not in legend.group(1) and "mention" not in legend.group(1)
    assert text_of(legend.group(1)) == "色の見方企業人物"
