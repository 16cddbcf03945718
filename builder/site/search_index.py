"""The search index the browser loads: many small shards under `assets/search/`.

Japanese has no spaces to split words on, and a reader may type any part of a
compound (幹線 for 新幹線), so search is substring matching over each page's
text, normalised the same way here and in `assets/search.js` (NFKC, lower
case, character by character: ＺＥＴＡ, ZETA and zeta meet). Entities also list
all their spellings, so a query that is one spelling of a thing (ゼータラボ)
also finds the pages that only use another (ZetaLab).

One file holding every page's text grew to 120 MB at 10,000 articles, more than
a phone tab will load, so the index is cut into shards, each a script calling
`musubiSearch(key, data)`: scripts, not JSON, because browsers refuse `fetch()`
from file:// pages and the site must work opened straight from disk. A query
loads only the shards it needs:

- `g/<bucket>`: a character-bigram inverted index of the normalised text (in
  UTF-16 units, as JavaScript's indexOf counts). A bigram's postings are, per
  document, its positions, delta-encoded; the query's bigrams aligned at their
  offsets confirm a real substring and give the exact number of matches (two
  bigrams covering every character of the query suffice, so `search.js` picks
  the cheapest cover). Bigrams are bucketed by a hash (files sized for 8 KB of
  small postings);
  a bigram whose postings outgrow `BIG` gets files of its own instead — its
  positions (`p/<hex>.<kind>`) and its per-document count and first position
  (`c/<hex>.<kind>`, all a two-character query needs), for each kind of document
  (entities, events, articles) apart — and its bucket says how big they are, so
  the browser can choose between covers before loading them, and loads the
  events' and the articles' only when the results above them are not 50 yet.
- `n/<bucket>` (own files `q/<hex>`): the same over names and aliases, per
  spelling, with the spelling's length: it decides whether a page's name equals,
  begins with or holds the query, which ranks the results before anything is
  known about a page but its number.
- `s/<bucket>`: the groups of spellings, hashed by each member, for alias expansion.
- `m/<block>`: url, kind, title, aliases and the length of the folded text,
  for `BLOCK` documents: loaded only for the results shown; and the text itself
  when it is at most `INLINE` folded units (most events): a file of its own
  per short page made most of the index's files.
- `t/<page>.<n>`: a longer document's text in pieces of `CHUNK` folded units,
  for snippets: loaded only for the results shown, only the piece holding the
  match (and a neighbour when it is near an edge — a snippet shows up to 40
  characters either side, more when it reaches back to a word's start).
- `info`: the number of buckets and where each kind of document begins.

Documents are numbered in the order the results are ranked within a tier: kind
(entities, events, articles), then title (as JavaScript compares strings), then
the order `documents` yields them. Ranking by tier, kind, number of matches and
then title is then a sort on numbers from the postings alone, and a query never
needs the titles of the thousands of pages that hold a common word. The price:
one page added early in that order renumbers the pages after it, and the bigram
shards holding them change (measured in the README). Text chunks are named by
page, so they change only with their page's text.

The index is made in leaves and bands. The ranked pages are cut into leaves
(`leaves`) whose postings are made, and kept in the cache, together: a rebuild
makes again only the leaves holding a changed page. The bigrams are split into
bands by their hash (`band`), and the leaves' postings are joined and written a
band at a time, so a build holds an eighth of the postings at once.

A query word of one character is not searched (it would need the list of nearly
every page); the search page says so. Not solved yet: a query of three or four
characters that thousands of pages repeat needs two of the biggest
positions files (up to 420 KB at 10,000 synthetic articles; README).
"""

from __future__ import annotations

import bisect
import json
import math
import operator
import pickle
import unicodedata
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from builder.files.cache import Entries
from builder.files.manifest import fingerprint
from builder.files.parallel import ordered_map
from builder.files.progress import Meter
from builder.files.staging import Unchanged, never
from builder.read.dates import date_label
from builder.site.labels import EVENT_LABELS, PREDICATE_LABELS, PROPERTY_LABELS

FOLDER = "assets/search"
BLOCK = 4  # documents per metadata shard: the 50 results shown load at most 50 of them
CHUNK = 512  # folded UTF-16 units of text per chunk shard: a snippet needs about 100 of them
LEAF = 200_000  # characters of text aimed at per leaf, whose postings are made (and cached) together: about 0.2 s of work
INLINE = 160  # folded units of text up to which a document's text is in its metadata shard
BAND_BITS = 3  # the bigrams in 8 bands by hash, joined and written one at a time: a build holds an eighth of the postings
BIG = 2048  # bytes of a bigram's postings beyond which it has files of its own
BUCKET = 8192  # bytes aimed at per bucket shard
CAP = 20  # matches counted per word and page, as search.js always has
RANK = {"event": 1, "source": 2}  # entities (every type) first

# Numbers in postings: base 32, most significant digit first, the last digit from
# the first half of DIGITS and the others from the second (no separators needed).
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"


def _number(n: int) -> str:
    out = DIGITS[n & 31]
    n >>= 5
    while n:
        out = DIGITS[32 + (n & 31)] + out
        n >>= 5
    return out


NUMBERS = [_number(n) for n in range(65536)]  # encoding is most of the build's time: look the usual ones up


def number(n: int) -> str:
    return NUMBERS[n] if n < 65536 else _number(n)


def norm(text: str) -> str:
    """What a query is compared as: NFKC, lower case (as JavaScript's toLowerCase)."""
    return unicodedata.normalize("NFKC", text).lower()


_FOLD: dict[int, str] = {}  # each character met, by code point: its normalised form
_MET: set[str] = set()


def fold(text: str) -> str:
    """`text` normalised character by character, as search.js folds a page's text (so that a
    hit maps back to the text as written), in UTF-16 units: an astral character becomes its
    two surrogates, as JavaScript counts it."""
    for ch in set(text).difference(_MET):
        _FOLD[ord(ch)] = norm(ch)
        _MET.add(ch)
    folded = text.translate(_FOLD)
    if folded.isascii() or max(folded) < "\U00010000":
        return folded
    units = array("H", folded.encode("utf-16-le"))
    return "".join(map(chr, units))


def units(text: str) -> int:
    """The length of `text` as JavaScript counts it."""
    return len(text.encode("utf-16-le")) // 2


def documents(site) -> Iterator[dict]:
    """One document per page worth finding: {u: url, k: kind, n: title, x: text}. An entity's
    text holds what it said, so a statement's words find its speaker's page (where it is listed
    with a link to its place in the article). For an entity a: its aliases as written — the browser ranks a query equal to an alias with one
    equal to the name, and shows the alias that matched (it is not the title) as the snippet.
    They stay in x too, where a query of several words may find one word in them."""
    for e in site.r.entities:
        facts = [f"{PREDICATE_LABELS.get(r['predicate'], r['predicate'])} {site.entities[r['object']]['name']}" for r in e["relations"]]
        claims = [f"{PROPERTY_LABELS.get(c['property'], c['property'])} {c['value']}: {c['evidence']['text']}" for c in e["claims"]]
        said = [f"発言 {st['verb']}: {st['text']}" for st in e.get("statements", [])]  # found by its words, and by its speaker
        text = "\n".join([e["name"], "、".join(e["aliases"]), site.summary(e), *e.get("titles", []), *facts, *claims, *said])
        yield {"u": f"entities/{e['id']}.html", "k": e["type"], "n": e["name"], "a": e["aliases"], "x": text}
    for ev in site.events:
        names = "、".join(site.entities[x]["name"] for x in ev["entities"])
        quotes = "\n".join(s["text"] for s in ev["evidence"])
        text = f"{ev['title']}\n{date_label(ev['date'])} {EVENT_LABELS.get(ev['type'], ev['type'])}\n{names}\n{quotes}"
        yield {"u": f"events/{ev['id']}.html", "k": "event", "n": ev["title"], "x": text}
    for s in site.r.sources:
        yield {"u": f"sources/{s['id']}.html", "k": "source", "n": s["title"], "x": s["text"]}


def spellings(site) -> list[list[str]]:
    """Each entity's spellings, normalised, in sorted groups sorted: a query equal to one of
    them also looks for the others (sorted, so a group's place depends on it alone)."""
    groups = set()
    for e in site.r.entities:
        group = tuple(sorted({norm(x) for x in [e["name"], *e["aliases"]] if units(norm(x)) >= 2}))
        if len(group) > 1:
            groups.add(group)
    return [list(g) for g in sorted(groups)]


def ranked(docs: list[dict]) -> list[dict]:
    """The documents in the order of their numbers: kind, title as JavaScript compares
    strings (by UTF-16 unit), then as given."""
    order = sorted(range(len(docs)), key=lambda i: (RANK.get(docs[i]["k"], 0), docs[i]["n"].encode("utf-16-be"), i))
    return [docs[i] for i in order]


def gram_hash(gram: str, bits: int) -> int:
    """A bigram's bucket (search.js computes the same): multiplicative hashing of its two units."""
    return ((((ord(gram[0]) << 16) | ord(gram[1])) * 0x9E3779B1) & 0xFFFFFFFF) >> (32 - bits)


def text_hash(text: str, bits: int) -> int:
    """A spelling's bucket: FNV-1a over its UTF-16 units."""
    h = 0x811C9DC5
    for unit in array("H", text.encode("utf-16-le")):
        h = ((h ^ unit) * 0x01000193) & 0xFFFFFFFF
    return h >> (32 - bits)


def hex_of(gram: str) -> str:
    return "".join(f"{ord(u):04x}" for u in gram)


def script(key: str, data) -> str:
    """One shard: a call of the registration function. Safe inside any script context: no
    `</script>`, no line terminators JavaScript rejects."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'musubiSearch("{key}",{text});\n'


def bits_for(total: int) -> int:
    """Bucket bits for `total` bytes of entries: a power of two, so that the buckets (and
    every bucket shard) change only when the index doubles."""
    return max(1, math.ceil(math.log2(max(total, 1) / BUCKET)))


def chunks(text: str) -> list[tuple[int, str]]:
    """The text in pieces by position in its folded form: a character belongs to piece n
    when its folded form starts in [n * CHUNK, (n + 1) * CHUNK). Each with where it starts,
    folded. So the browser finds the piece of a match from its position alone, and loads a
    neighbour when the match is near an edge."""
    fold(text)  # every character in the table
    widths = {ch: units(_FOLD[ord(ch)]) for ch in set(text)}
    if all(w == 1 and ch < "\U00010000" for ch, w in widths.items()):  # nearly always: positions agree
        return [(at, text[at:at + CHUNK]) for at in range(0, max(len(text), 1), CHUNK)]
    pieces: list[tuple[int, list[str]]] = [(0, [])]
    at = 0
    for ch in text:
        while len(pieces) <= at // CHUNK:
            pieces.append((at, []))
        pieces[at // CHUNK][1].append(ch)
        at += widths[ch]
    while len(pieces) <= max(at - 1, 0) // CHUNK:  # the last character's fold may reach into the next piece: one for each
        pieces.append((at, []))
    return [(start, "".join(chars)) for start, chars in pieces]


def positions(text: str) -> dict[str, list[int]]:
    """Each bigram of `text` with its positions, in increasing order."""
    seen: dict[str, list[int]] = defaultdict(list)
    for i, gram in enumerate(map(operator.add, text, text[1:])):
        seen[gram].append(i)
    return seen


class Postings:
    """Per bigram, its postings as the numbers they are written as, in flat arrays (a build
    holds some 40 million at 10,000 articles): per document its number (from the document
    before), `tag`, how many positions, the first and the gaps; and, when `counted`, its counts
    (document, matches up to CAP, first). Documents must come in the order of their numbers.
    Kept apart for each part of the documents that `bounds` (where each part after the first
    begins) marks, so the browser can load one kind of page's postings alone; a part's first
    document is numbered from 0 (`whole` renumbers it from the part before). Turning the
    numbers into text is then one C loop per bigram (`encode`)."""

    def __init__(self, bounds: tuple[int, ...] = (), counted: bool = False):
        self.bounds, self.counted = bounds, counted
        self.grams: dict[str, list[list | None]] = {}  # gram: per part [last doc, postings, counts]

    def add(self, doc: int, text: str, tag: tuple[int, ...] = ()) -> None:
        part, counted = bisect.bisect_right(self.bounds, doc), self.counted
        for gram, where in positions(text).items():
            slots = self.grams.get(gram)
            if slots is None:
                slots = self.grams[gram] = [None] * (len(self.bounds) + 1)
            slot = slots[part]
            if slot is None:
                slot = slots[part] = [0, array("I"), array("I")]
            step, slot[0] = doc - slot[0], doc
            a = slot[1]
            a.append(step)
            a.extend(tag)
            a.append(len(where))
            a.append(where[0])
            a.extend(map(operator.sub, where[1:], where))
            if counted:
                slot[2].extend((step, min(len(where), CAP) if gram[0] != gram[1] else _matches(where), where[0]))

    def join(self, grams: dict[str, list[list | None]], base: int, part: int) -> None:
        """Add the postings of a leaf (another, unbounded `Postings`'s `grams`, its documents
        numbered from 0) whose documents are numbered from `base` here, all after those here
        and all in `part`. The leaf is used up: its arrays become these."""
        parts = len(self.bounds) + 1
        for gram, (slot,) in grams.items():
            slots = self.grams.get(gram)
            if slots is None:
                slots = self.grams[gram] = [None] * parts
            have = slots[part]
            step = base - (have[0] if have else 0)  # the leaf's first document, from the last one before it
            slot[1][0] += step
            if slot[2]:
                slot[2][0] += step
            if have is None:
                slot[0] += base
                slots[part] = slot
            else:
                have[1].extend(slot[1])
                have[2].extend(slot[2])
                have[0] = slot[0] + base

    def take(self, gram: str) -> list[Part | None]:
        """The bigram's parts as text, its numbers let go."""
        return [Part(encode(s[1]), encode(s[2]), s[1][0], s[0]) if s else None for s in self.grams.pop(gram)]


@dataclass(frozen=True)
class Part:
    """A bigram's postings (and counts) for one part of the documents, its first document
    numbered from 0; `first` and `last` are its first and last documents."""
    postings: str
    counts: str
    first: int
    last: int


def whole(parts: list[Part | None]) -> str:
    """The postings of every part as one, each part's first document numbered from the last
    document of the part before."""
    out, last = [], 0
    for p in parts:
        if p:
            out += [number(p.first - last), p.postings[len(number(p.first)):]]
            last = p.last
    return "".join(out)


def encode(numbers: array) -> str:
    """Numbers as text (`number`), by table lookups in C when they all are in the table."""
    if not numbers:
        return ""
    if max(numbers) < len(NUMBERS):
        return "".join(map(NUMBERS.__getitem__, numbers))
    return "".join(map(number, numbers))


def _matches(where: list[int]) -> int:
    """Matches that do not overlap, up to CAP, of a bigram of one character twice (ーー)."""
    count, end = 0, -1
    for p in where:
        if p >= end and count < CAP:
            count, end = count + 1, p + 2
    return count


class _Buckets:
    """One bigram index's shards (the text's or the names'), filled one band of bigrams at a
    time: a big bigram's own files are written as soon as its band is joined, a small one's
    postings wait in text for its bucket, whose number is known only once every bigram's size
    is (`bits_for`). When the postings have parts (the text: one per kind of document), a big
    bigram has files for each part, so that a query whose first 50 results are all entities
    loads no article's positions."""

    def __init__(self, folder: str, own: str):
        self.folder, self.own = folder, own
        self.entries: dict[str, object] = {}  # bigram: its postings (small) or its own files' sizes
        self.total = 0  # bytes the buckets would hold: what decides their number

    def add(self, postings: Postings) -> Iterator[Shard]:
        """Take every bigram of `postings` (a band of them), writing the own files of the big ones."""
        for gram in sorted(postings.grams):
            parts = postings.take(gram)
            size = sum(len(p.postings) for p in parts if p)
            self.total += min(size, BIG) + 12
            key = hex_of(gram)
            if size <= BIG:  # small: in its bucket, every kind together
                self.entries[gram] = whole(parts)
            elif not postings.bounds:
                shard = script(f"{self.own}/{key}", whole(parts))
                yield f"{FOLDER}/{self.own}/{key}.js", shard, None
                self.entries[gram] = [len(shard)]
            else:
                sizes: list[list[int]] = [[], []]
                for kind, part in enumerate(parts):
                    for n, (sub, data) in enumerate(zip((self.own, "c"), (part.postings, part.counts) if part else ("", ""))):
                        shard = script(f"{sub}/{key}.{kind}", data) if data else ""
                        if shard:
                            yield f"{FOLDER}/{sub}/{key}.{kind}.js", shard, None
                        sizes[n].append(len(shard))
                self.entries[gram] = sizes

    def shards(self) -> tuple[int, Iterator[Shard]]:
        """The bucket bits, and the bucket shards: an empty one too, since a query asks for its
        bucket without knowing."""
        bits = bits_for(self.total)
        buckets: dict[int, dict[str, object]] = defaultdict(dict)
        for gram, entry in self.entries.items():
            buckets[gram_hash(gram, bits)][hex_of(gram)] = entry
        return bits, ((f"{FOLDER}/{self.folder}/{b}.js", script(f"{self.folder}/{b}", buckets.get(b, {})), None) for b in range(1 << bits))


def shards(site, workers: int = 1, cache: Entries | None = None, unchanged: Unchanged = never) -> Iterator[Shard]:
    """Every file of the index (see `index_files`)."""
    return index_files(list(documents(site)), spellings(site), workers, cache=cache, unchanged=unchanged)


@dataclass(frozen=True)
class Leaf:
    """What a leaf's documents give the index, their numbers counted from the leaf's first: per
    document the length of its folded text and how many pieces of it have files of their own (0:
    in its metadata); and per band of bigrams (`band`) the pickled text's and names' postings
    (`Postings.grams`) of those bigrams — None when they are in the cache, one entry per band."""
    lengths: list[int]
    pieces: list[int]
    bands: list[bytes] | None


def band(gram: str) -> int:
    """The band of a bigram: the index is joined and written one band at a time."""
    return gram_hash(gram, BAND_BITS)


def leaves(docs: list[dict], kinds: tuple[int, ...], leaf: int = LEAF) -> list[tuple[int, int]]:
    """The ranked documents in ranges (leaves) whose postings are made, and cached, together.
    A leaf ends after a document with a chance proportional to its text (its address's hash
    below its length, modulo `leaf`), so it holds about `leaf` characters; also at 4 x `leaf`,
    and where a kind of page begins. A page's ends depend on that page alone: an added or
    removed page changes the leaf it is in and the ends of no other, and a rebuild finds most
    of its leaves in the cache."""
    out, start, size, ends = [], 0, 0, set(kinds)
    for n, d in enumerate(docs, 1):
        weight = len(d["x"]) + 1
        size += weight
        if n == len(docs) or n in ends or size >= 4 * leaf or zlib.crc32(d["u"].encode()) % leaf < weight:
            out.append((start, n))
            start, size = n, 0
    return out


def _leaf(docs: list[dict], span: tuple[int, int]) -> Leaf:
    """The postings of documents `span`, numbered from its start."""
    text, names, lengths, pieces = Postings(counted=True), Postings(), [], []
    for n in range(*span):
        d = docs[n]
        folded = fold(d["x"])
        text.add(n - span[0], folded)
        for k, spelling in enumerate([d["n"], *d.get("a", [])]):
            folded_name = fold(spelling)
            names.add(n - span[0], folded_name, (k, len(folded_name)))
        lengths.append(len(folded))
        pieces.append(len(chunks(d["x"])) if len(folded) > INLINE else 0)
    split: list[tuple[dict, dict]] = [({}, {}) for _ in range(1 << BAND_BITS)]
    for n, grams in enumerate((text.grams, names.grams)):
        for gram, slots in grams.items():
            split[band(gram)][n][gram] = slots
    return Leaf(lengths, pieces, [pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL) for part in split])


def _leaf_key(cache: Entries, docs: list[dict], span: tuple[int, int]) -> str:
    """A leaf's documents as they are ranked and written: its postings depend on nothing else."""
    return cache.key_of(json.dumps([[d["n"], d.get("a", []), d["x"]] for d in docs[span[0]:span[1]]], ensure_ascii=False).encode())


def _made(docs: list[dict], spans: list[tuple[int, int]], keys: list[str], workers: int, cache: Entries | None, leaf: int) -> list[Leaf]:
    """Each leaf of `spans`, from `cache` when its documents are as a build before left them;
    the others made over `workers` processes (0: one per core) when they hold more than two
    leaves' worth of text (`leaf` characters each; less is not worth starting processes), and
    stored, a band per entry (`_band_of` reads them back one band at a time)."""
    found = [cache.get(k) for k in keys] if cache else [None] * len(spans)
    todo = [n for n, got in enumerate(found) if got is None]
    work = sum(len(docs[d]["x"]) + 1 for n in todo for d in range(*spans[n]))

    def fresh(n: int) -> bytes:  # in a worker: with a cache, the bands stay in it and only the counts come back
        new = _leaf(docs, spans[n])
        if not cache:
            return pickle.dumps(new, protocol=pickle.HIGHEST_PROTOCOL)
        for b, data in enumerate(new.bands):
            cache.put(f"{keys[n]}-{b}", data)
        return cache.put(keys[n], Leaf(new.lengths, new.pieces, None))

    made = dict(zip(todo, ordered_map(fresh, todo, workers if work > 2 * leaf else 1, 1, Meter())))
    return [got if got is not None else pickle.loads(made.pop(n)) for n, got in enumerate(found)]


def _band_of(leaf: Leaf, key: str, b: int, cache: Entries | None, docs: list[dict], span: tuple[int, int]) -> tuple[dict, dict]:
    """Band `b` of a leaf's (text, names) postings: from the leaf, else from the cache, else
    (an entry gone since the leaf was read) made again."""
    data = leaf.bands[b] if leaf.bands is not None else cache.get(f"{key}-{b}")
    if data is None:
        data = _leaf(docs, span).bands[b]
    return pickle.loads(data)


Shard = tuple[str, str | None, str | None]  # (path relative to site/, text or None: as the last build left it, fingerprint)


def index_files(documents: list[dict], groups: list[list[str]], workers: int = 1, leaf: int = LEAF, cache: Entries | None = None,
                unchanged: Unchanged = never) -> Iterator[Shard]:
    """The index of `documents` (as `documents` yields them) and spelling `groups` (as `spellings`
    makes them). Finding each page's bigrams is most of the cost: it is done per leaf (`leaves`),
    over `workers` processes (0: one per core), and a leaf whose pages are as a build before left
    them comes from `cache`; the leaves are joined in order, which gives the bytes of one loop
    over the pages. A long page's text pieces are fingerprinted, and not made again when
    `unchanged` vouches for them."""
    docs = ranked(documents)
    kinds = (*(sum(1 for d in docs if RANK.get(d["k"], 0) < r) for r in (1, 2)),)
    spans = leaves(docs, kinds, leaf)
    keys = [_leaf_key(cache, docs, span) if cache else "" for span in spans]
    made = _made(docs, spans, keys, workers, cache, leaf)
    lengths = [n for leaf in made for n in leaf.lengths]
    pieces = [n for leaf in made for n in leaf.pieces]
    text_buckets, name_buckets = _Buckets("g", "p"), _Buckets("n", "q")
    for b in range(1 << BAND_BITS):
        text, names = Postings(kinds, counted=True), Postings()
        for span, got, key in zip(spans, made, keys):
            text_grams, name_grams = _band_of(got, key, b, cache, docs, span)
            text.join(text_grams, span[0], bisect.bisect_right(kinds, span[0]))
            names.join(name_grams, span[0], 0)
        yield from text_buckets.add(text)
        yield from name_buckets.add(names)
    bits = {}
    for name, buckets in (("grams", text_buckets), ("names", name_buckets)):
        bits[name], files = buckets.shards()
        yield from files
    for start in range(0, len(docs), BLOCK):
        block = []
        for n in range(start, min(start + BLOCK, len(docs))):
            d, length = docs[n], lengths[n]
            meta = [d["u"], d["k"], d["n"], d.get("a", []), length]
            if not pieces[n]:
                meta.append(d["x"])
            else:
                yield from _pieces(d, pieces[n], unchanged)
            block.append(meta)
        yield f"{FOLDER}/m/{start // BLOCK}.js", script(f"m/{start // BLOCK}", block), None
    bits["spellings"] = bits_for(sum(len(json.dumps(g, ensure_ascii=False).encode()) * len(g) for g in groups))
    by_bucket: dict[int, list[list[str]]] = defaultdict(list)
    for g in groups:
        for b in sorted({text_hash(s, bits["spellings"]) for s in g}):
            by_bucket[b].append(g)
    for b in range(1 << bits["spellings"]):
        yield f"{FOLDER}/s/{b}.js", script(f"s/{b}", by_bucket.get(b, [])), None
    yield f"{FOLDER}/info.js", script("info", {**bits, "block": BLOCK, "chunk": CHUNK, "docs": len(docs), "kinds": kinds}), None


def _pieces(d: dict, count: int, unchanged: Unchanged) -> Iterator[Shard]:
    """A long page's text pieces: each fingerprinted by the text, and made only when `unchanged`
    does not vouch for every one of them."""
    page, made_from = d["u"].removesuffix(".html"), fingerprint([CHUNK, d["x"]])
    paths = [f"{FOLDER}/t/{page}.{j}.js" for j in range(count)]
    if all(unchanged(path, made_from) for path in paths):
        for path in paths:
            yield path, None, made_from
        return
    for path, (j, piece) in zip(paths, enumerate(chunks(d["x"]))):
        yield path, script(f"t/{page}.{j}", piece), made_from
