"""The search index as written for the browser: what its shards hold, normalised how,
escaped, and how they change from one build to the next."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

from builder.files.cache import Entries
from builder.kb.records import Records
from builder.site.render import Site
from builder.site.search_index import (
    BAND_BITS,
    BIG,
    CHUNK,
    DIGITS,
    FOLDER,
    INLINE,
    documents,
    fold,
    index_files,
    leaves,
    norm,
    ranked,
    shards,
    spellings,
    text_hash,
)


def records(title: str = "テスト記事", text: str = "本文ＺｅｔａＬａｂの話。新幹線の話。") -> Records:
    source = {"id": "s", "title": title, "publisher": None, "date": None, "url": None, "path": "s.txt", "text": text,
              "blocks": [], "mentions": [{"start": 2, "end": 9, "text": "ＺｅｔａＬａｂ", "entity": "zetalab"}]}
    zeta = {"id": "zetalab", "type": "company", "name": "ZetaLab", "aliases": ["ゼータラボ", "ＺｅｔａＬａｂ"], "description": "",
            "titles": [], "mentions": [{"source": "s", "start": 2, "end": 9, "text": "ＺｅｔａＬａｂ"}], "relations": [],
            "claims": [{"property": "funding", "value": "600万ドル", "number": 6e6, "unit": "USD", "qualifier": "", "source": "s",
                        "evidence": {"source": "s", "start": 0, "end": 5, "text": "600万ドルを調達"}, "disputed": False}]}
    return Records(sources=[source], entities=[zeta], events=[], redirects=[])


# --- reading shards back, as search.js does (also used by the browser tests) ---

def parse(shard: str):
    """The (key, data) a shard registers."""
    assert shard.startswith('musubiSearch("') and shard.endswith(");\n")
    key, _, data = shard[len('musubiSearch("'):-3].partition('",')
    return key, json.loads(data)


def numbers(text: str) -> list[int]:
    out, v = [], 0
    for ch in text:
        c = DIGITS.index(ch)
        if c >= 32:
            v = v * 32 + c - 32
        else:
            out.append(v * 32 + c)
            v = 0
    return out


def positions(text: str, names: bool = False) -> dict:
    """{document (, spelling): [positions]} from postings as written."""
    a, out, doc, i = numbers(text), {}, 0, 0
    while i < len(a):
        doc += a[i]
        key = doc
        if names:
            key, i = (doc, a[i + 1]), i + 2
        n = a[i + 1]
        where = [a[i + 2]]
        for gap in a[i + 3:i + 2 + n]:
            where.append(where[-1] + gap)
        out[key] = where
        i += 2 + n
    return out


def index_of(site: Site) -> dict[str, str]:
    return {path: text for path, text, _ in shards(site)}


def loaded(files: dict[str, str]) -> dict[str, object]:
    return {parse(text)[0]: parse(text)[1] for text in files.values()}


def indexed_documents(site_dir: Path) -> list[tuple[str, str, str, str]]:
    """(url, kind, title, text) of every document, in the order of their numbers, from the
    shards of a built site."""
    folder = site_dir / FOLDER
    info = parse((folder / "info.js").read_text(encoding="utf-8"))[1]
    out = []
    for block in range((info["docs"] + info["block"] - 1) // info["block"]):
        for url, kind, title, _aliases, length, *inline in parse((folder / "m" / f"{block}.js").read_text(encoding="utf-8"))[1]:
            page, pieces = url.removesuffix(".html"), max(length - 1, 0) // info["chunk"] + 1
            text = inline[0] if inline else "".join(parse((folder / "t" / f"{page}.{j}.js").read_text(encoding="utf-8"))[1][1]
                                                     for j in range(pieces))
            out.append((url, kind, title, text))
    return out


def text_of(data: dict, block: str, at: int) -> str:
    """A document's text from loaded shards: in its metadata when short, else its pieces."""
    meta = data[block][at]
    if len(meta) > 5:
        return meta[5]
    page = meta[0].removesuffix(".html")
    return "".join(data[f"t/{page}.{j}"][1] for j in range(max(meta[4] - 1, 0) // data["info"]["chunk"] + 1))


def test_every_page_kind_and_claims_are_searchable():
    data = loaded(index_of(Site(records())))
    assert data["info"]["docs"] == 2 and data["info"]["kinds"] == [1, 1]  # the entity, then the article
    company, source = data["m/0"]
    assert company[:2] == ["entities/zetalab.html", "company"] and source[:2] == ["sources/s.html", "source"]
    assert "ゼータラボ" in text_of(data, "m/0", 0) and "600万ドル" in text_of(data, "m/0", 0)  # claims: on their subject
    assert "新幹線" in text_of(data, "m/0", 1)


def test_bigrams_index_every_position_of_the_folded_text():
    # 幹線 must find 新幹線: each pair of neighbouring units of the folded text is indexed where it is.
    site = Site(records())
    data = loaded(index_of(site))
    docs = [d for d in documents(site)]
    texts = {n: fold(d["x"]) for n, d in enumerate(sorted(docs, key=lambda d: d["k"] == "source"))}
    buckets = {k: v for k, v in data.items() if k.startswith("g/")}
    for doc, text in texts.items():
        for i in range(len(text) - 1):
            key = "".join(f"{ord(u):04x}" for u in text[i:i + 2])
            entry = next(b[key] for b in buckets.values() if key in b)
            assert i in positions(entry)[doc]
    assert fold("ＺｅｔａＬａｂ") == "zetalab" and "zetalab" in texts[1]


def test_entities_carry_their_aliases_as_written_for_ranking_and_snippets():
    # The browser ranks a query equal to an alias like one equal to the name, and shows the
    # alias that matched; it needs them apart from the text, and as the article wrote them.
    data = loaded(index_of(Site(records())))
    company, source = data["m/0"]
    assert company[3] == ["ゼータラボ", "ＺｅｔａＬａｂ"] and source[3] == []  # an article has a title only
    names = {k: v for k, v in data.items() if k.startswith("n/")}
    entry = next(b["30e930dc"] for b in names.values() if "30e930dc" in b)  # ラボ: in ゼータラボ, the first alias
    assert positions(entry, names=True) == {(0, 1): [3]}


def test_spellings_are_grouped_normalised_for_alias_expansion():
    data = loaded(index_of(Site(records())))
    for member in ("zetalab", "ゼータラボ"):  # found under each of its members
        assert data[f"s/{text_hash(member, data['info']['spellings'])}"] == [sorted({"zetalab", "ゼータラボ"})]
    assert spellings(Site(records())) == [sorted({"zetalab", "ゼータラボ"})]
    assert norm("ＮＶＩＤＩＡ") == norm("NVIDIA") == "nvidia"


def test_text_from_articles_cannot_break_out_of_the_script():
    nasty = "</script><script>alert(1)</script>\u2028行\u2029末"
    files = index_of(Site(records(title=nasty, text=nasty)))
    for text in files.values():
        assert "</script" not in text and "<script" not in text and "\u2028" not in text and "\u2029" not in text
    data = loaded(files)
    assert data["m/0"][1][2] == nasty and data["m/0"][1][5] == nasty  # and the text survives intact (short: with the title)
    assert not [k for k in data if k.startswith("t/")]


def test_the_index_is_deterministic():
    assert index_of(Site(records())) == index_of(Site(records()))


def test_long_texts_are_cut_in_pieces_by_folded_position_and_common_bigrams_get_files_of_their_own():
    line = "新幹線の話をする。" * 50 + "\n"  # 451 characters
    text = line * 2 + "長" * 3000 + "\n"
    data = loaded(index_of(Site(records(text=text))))
    pieces = [data[f"t/sources/s.{j}"] for j in range(len(text) // CHUNK + 1)]
    assert "".join(p[1] for p in pieces) == text and f"t/sources/s.{len(pieces)}" not in data
    assert [p[0] for p in pieces] == [j * CHUNK for j in range(len(pieces))]  # where each starts, folded
    assert data["m/0"][1][4] == len(text)  # the length of the folded text: how many pieces there are
    # 長長: 2,999 positions, more than BIG bytes: files of its own, for the one kind that has it (1: articles)
    assert [k for k in data if k.startswith(("p/", "c/"))] == ["p/95779577.2", "c/95779577.2"]
    assert len(data["p/95779577.2"]) > BIG >= max(len(v) for k, v in data.items() if k.startswith("g/") for v in v.values())
    assert numbers(data["c/95779577.2"]) == [1, 20, 2 * 451]  # document 1: 20 matches (the cap), the first after 2 lines
    bucket = next(v["95779577"] for k, v in data.items() if k.startswith("g/") and "95779577" in v)
    assert bucket[0][:2] == bucket[1][:2] == [0, 0] and bucket[0][2] > BIG  # its size per kind: none in entities, events


def test_a_piece_starts_where_its_first_character_folds_to():
    # ㍿ folds to 株式会社: positions in the folded text run four times as fast as in the text.
    data = loaded(index_of(Site(records(text="㍿" * 200))))
    assert data["t/sources/s.0"] == [0, "㍿" * 128] and data["t/sources/s.1"] == [512, "㍿" * 72]
    assert data["m/0"][1][4] == 800 and len(data["m/0"][1]) == 5  # no text with the title: it is long


def test_a_short_text_comes_with_its_title_and_a_longer_one_in_pieces():
    for length, inline in ((INLINE, True), (INLINE + 1, False)):
        text = "あ" * length
        data = loaded(index_of(Site(records(text=text))))
        assert (len(data["m/0"][1]) > 5) == inline and ("t/sources/s.0" in data) != inline
        assert text_of(data, "m/0", 1) == text


def _pages(n: int) -> list[dict]:
    """Pages of every kind, some sharing bigrams across the leaves' edges, a few of them long."""
    words = ["新幹線", "半導体", "日経平均", "ーー", "AI", "株価"]
    return [{"u": f"{kind}/{k}.html", "k": kind, "n": f"{words[k % 6]}{k}", "a": [words[(k + 1) % 6]] if kind == "company" else [],
             "x": "、".join(words[(k * j) % 6] for j in range(1 + k % 40))}
            for k, kind in enumerate(["company", "event", "source"] * (n // 3))]


def _files(docs: list[dict], **how) -> dict[str, str | None]:
    return {path: text for path, text, _ in index_files(docs, [], **how)}


def test_postings_made_in_leaves_over_processes_are_the_postings_of_one_loop():
    docs = _pages(2100)
    one_loop = _files(docs, workers=1, leaf=len(docs))
    assert _files(docs, workers=1, leaf=3000) == one_loop
    assert _files(docs, workers=2, leaf=3000) == one_loop


def test_leaves_end_where_their_own_pages_say_so_and_never_across_kinds():
    docs = ranked(_pages(2100))
    kinds = (700, 1400)
    spans = leaves(docs, kinds, 3000)
    assert spans[0][0] == 0 and spans[-1][1] == len(docs)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    assert not any(start < bound < end for start, end in spans for bound in kinds)
    text = sum(len(d["x"]) + 1 for d in docs)
    assert text / 3000 / 2 < len(spans) < text / 3000 * 2  # about one leaf per 3,000 characters
    # a page added in the middle changes its own leaf, and the ends of no other
    added = ranked([*_pages(2100), {"u": "source/extra.html", "k": "source", "n": "株価9999", "x": "株価、新幹線"}])
    after = leaves(added, kinds, 3000)
    ends = {docs[end - 1]["u"] for _, end in spans} - {docs[-1]["u"]}  # the last page ends a leaf by being last
    assert ends <= {added[end - 1]["u"] for _, end in after}
    assert len(after) - len(spans) <= 1


def test_leaves_come_from_the_cache_and_give_the_bytes_of_a_clean_index(tmp_path):
    docs = _pages(900)
    clean = _files(docs, leaf=1500)
    cache = Entries(tmp_path / "search", b"code")
    assert _files(docs, leaf=1500, cache=cache) == clean
    stems = {p.stem for p in (tmp_path / "search").glob("*.pickle")}
    made = {stem for stem in stems if "-" not in stem}  # a leaf's counts, and each of its bands apart
    assert len(made) == len(leaves(ranked(docs), (300, 600), 1500)) and cache.misses == len(made)
    assert stems == made | {f"{stem}-{b}" for stem in made for b in range(1 << BAND_BITS)}
    edited = [dict(d, x=d["x"] + "、追記の本文") if d["u"] == "source/5.html" else d for d in docs]
    again = Entries(tmp_path / "search", b"code")
    assert _files(edited, leaf=1500, cache=again) == _files(edited, leaf=1500)
    assert again.misses == 1  # only the edited page's leaf was made again
    assert len(again.used) == len(stems) and len(again.used - stems) == 1 + (1 << BAND_BITS)  # one leaf for another
    other_code = Entries(tmp_path / "search", b"other code")
    _files(docs, leaf=1500, cache=other_code)
    assert other_code.misses == len(made)  # other code: every leaf made again


def test_a_long_pages_pieces_are_not_made_again_when_the_last_build_left_them():
    docs = [{"u": "sources/long.html", "k": "source", "n": "長い記事", "x": "新幹線の話。" * 400},
            {"u": "sources/short.html", "k": "source", "n": "短い記事", "x": "半導体"}]
    first = list(index_files(docs, []))
    pieces = {path: made_from for path, _, made_from in first if "/t/" in path}
    assert len(pieces) > 2 and len(set(pieces.values())) == 1
    vouched = list(index_files(docs, [], unchanged=lambda path, fp: pieces.get(path) == fp))
    assert {path for path, text, _ in vouched if text is None} == set(pieces)
    assert [p for p, _, _ in vouched] == [p for p, _, _ in first]
    longer = [dict(docs[0], x=docs[0]["x"] + "追記"), docs[1]]
    again = list(index_files(longer, [], unchanged=lambda path, fp: pieces.get(path) == fp))
    assert all(text is not None for path, text, _ in again if "/t/" in path)
