"""The same article twice: a wire story saved from two outlets, or one file saved twice (as
`.txt` and as a page `.html`, with another title line or `Source:` line, other line breaks).

What is compared is an article's *body*: its heading, paragraph and list-item blocks — not the
title, the `Source:` line, the dateline or the address line, which the reader has set apart —
NFKC-normalised, case-folded, every white space removed, so that another headline, another
outlet, CRLF line breaks or other paragraphing do not hide a copy. Two bodies are as alike as
the Jaccard similarity of their sets of SHINGLE-character shingles (|A∩B| / |A∪B|); two
articles are the same article when that is at least THRESHOLD. Copies are grouped; a group
(of two, three or more) has one original — the earliest date, an undated article after the
dated ones, then the smallest id — and whatever compares sources counts a group as one source.

The numbers, from measurements (2026-12, on the 2-core development machine; the pairs written
for tests/test_link_duplicates.py are among them):

- SHINGLE = 8 characters. Different articles share names, figures and set phrases, and the
  bench corpus (bench/corpus.py: every article recombined from one pool of sixteen sentence
  patterns) shares whole sentences; longer shingles keep fewer of those in common. Between
  different bench articles (all 44,850 pairs of 300) the similarity is on average 0.26, at
  most 0.37 with 5-character shingles; 0.15 and 0.26 with 8; 0.10 and 0.20 with 10. Two
  reports of one event by two outlets (same company, same quote, same figures): 0.097 with 5,
  0.064 with 8, 0.051 with 10; two market reports of one day in the same set phrases 0.20,
  0.13 and 0.11; the three seed articles (one story, three outlets) at most 0.016 with 8. A
  copy with another title, one sentence reworded and one added keeps 0.90, 0.89 and 0.88: an
  edit costs about SHINGLE plus its length in shingles, so longer shingles cost copies little
  — until edits are many and small: ten one-word changes in a 450-character story leave
  0.74, 0.65 and 0.60.
- THRESHOLD = 0.6: more than twice the most that different articles were measured to share
  (0.26), and below copies as they come: the copy above (0.89), a page saved with a photo
  caption and a byline more (0.92), the last of five paragraphs cut (0.82), the ten small
  changes (0.65). At 0.6 three quarters of each body's shingles are the other's. Cut by two
  paragraphs of five (0.59), a copy is no longer found: name such a pair in the curation
  file's `duplicate_sources`. Reports generated from one template (a daily market summary
  whose figures alone change) can be as alike as copies: tell them apart with
  `distinct_sources`.

Finding the pairs without comparing every two (an archive holds tens of thousands):

- Each article's `sketch` (analyze/sketch.py, made where it is analysed and cached with
  the analysis) is a MinHash of its shingles: two sketches agree in a bin about as often as
  their articles' Jaccard similarity.
- Linking cuts each sketch into BANDS bands of ROWS bins; articles whose band is the same byte
  for byte are candidates. A pair of similarity s meets in some band with probability
  1 - (1 - s^ROWS)^BANDS: 0.95 at 0.6, 0.993 at 0.65, 0.9997 at 0.7, 1 - 1e-8 at 0.8, and
  6e-4 for two different bench articles (s about 0.15). Five-bin bands would find pairs at
  0.6 more surely (0.998), but made 116,010 candidate pairs of 10,000 bench articles instead
  of 10,455; seven-bin bands find only 78% at 0.6. The articles sharing a band are
  paired with each other, up to MAX_BUCKET of them; beyond that the band is most likely a
  boilerplate paragraph that thousands of one outlet's articles end with, and each is paired
  with the first of them only — enough to find a story saved many times over, as those are
  alike in every band, and only linear in their number.
- A candidate is kept if its sketches agree in at least THRESHOLD - MARGIN of the bins (four
  standard deviations below the threshold; the first FIRST bins are compared first, and a
  pair agreeing in fewer than FIRST_AGREE of those, 5 deviations below, is dropped), then
  verified exactly: the Jaccard similarity of the two shingle sets, from the articles' texts.

At 10,000 bench articles, finding the pairs took 0.4 s (0.3 s of it banding; 10,455
candidates, none of which needed the exact check: no duplicates) and grouping them 0.02 s;
with 100 edited copies added (another title, a sentence more), all 100 were found, each with
its original, in 0.6 s.

A sketch made another way (analyze/sketch.py's HEADER) is made again when linking.
"""

from __future__ import annotations

import struct
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations
from operator import eq

from builder.analyze.sketch import BINS, HEADER, VALUES, body, shingles, sketch
from builder.model import Article, Duplicate

ROWS = 6
BANDS = BINS // ROWS  # 64
THRESHOLD = 0.6
MARGIN = 0.1  # a candidate's estimate may fall this far below THRESHOLD and still be checked exactly
FIRST, FIRST_AGREE = 64, 0.3  # a candidate whose first 64 bins agree less than this is not estimated further
MAX_BUCKET = 100  # beyond this many articles sharing one band, each is compared with the first only
_FIRST = struct.Struct(f">{FIRST}I")


def similarity(a: Article, b: Article) -> float:
    """The exact Jaccard similarity of two articles' bodies, rounded down to 3 decimals."""
    return _jaccard(shingles(body(a)), shingles(body(b)))


def _jaccard(x: set[bytes], y: set[bytes]) -> float:
    common = len(x & y)
    union = len(x) + len(y) - common
    return (common * 1000 // union) / 1000 if union else 0.0


def percent(similarity: float | None) -> str:
    """0.973 → "97%" (rounded down: 100% only for the same text); "?%" if not known (a record edited by hand)."""
    return "?%" if similarity is None else f"{round(similarity * 1000) // 10}%"


def similar_pairs(articles: Sequence[Article], sketches: Sequence[bytes | None]) -> list[tuple[str, str, float]]:
    """Pairs of articles at least THRESHOLD alike, as (id, id, similarity), ids in order, sorted.
    `sketches[n]` is `articles[n]`'s sketch (from its analysis); one that is missing or was made
    another way is made here."""
    made = [s if s is not None and s[: len(HEADER)] == HEADER else sketch(a) for a, s in zip(articles, sketches)]
    usable = [n for n, s in enumerate(made) if len(s) > len(HEADER)]
    candidates = _banded(usable, [made[n] for n in usable])
    firsts_of: dict[int, tuple[int, ...]] = {}
    values: dict[int, tuple[int, ...]] = {}
    texts: dict[int, set[bytes]] = {}

    def first(n: int) -> tuple[int, ...]:
        if n not in firsts_of:
            firsts_of[n] = _FIRST.unpack_from(made[n], len(HEADER))
        return firsts_of[n]

    def of(n: int) -> tuple[int, ...]:
        if n not in values:
            values[n] = VALUES.unpack_from(made[n], len(HEADER))
        return values[n]

    def text(n: int) -> set[bytes]:
        if n not in texts:
            texts[n] = shingles(body(articles[n]))
        return texts[n]

    pairs = []
    for x, y in sorted(candidates):
        if sum(map(eq, first(x), first(y))) < FIRST_AGREE * FIRST:
            continue
        if sum(map(eq, of(x), of(y))) < (THRESHOLD - MARGIN) * BINS:
            continue
        alike = _jaccard(text(x), text(y))
        if alike >= THRESHOLD:
            a, b = sorted((articles[x].id, articles[y].id))
            pairs.append((a, b, alike))
    return sorted(pairs)


def _banded(members: list[int], sketches: list[bytes]) -> set[tuple[int, int]]:
    """Pairs of `members` whose sketches are the same in at least one band."""
    found: set[tuple[int, int]] = set()
    width = 4 * ROWS
    for band in range(BANDS):
        start = len(HEADER) + band * width
        keys = [s[start : start + width] for s in sketches]
        counts = Counter(keys)
        if len(counts) == len(keys):
            continue
        shared = {k for k, c in counts.items() if c > 1}
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for n in [n for n, k in enumerate(keys) if k in shared]:
            buckets[keys[n]].append(members[n])
        for bucket in buckets.values():
            if len(bucket) <= MAX_BUCKET:
                found.update(combinations(bucket, 2))
            else:  # boilerplate, or many copies of one story: each is compared with the first only
                found.update((bucket[0], m) for m in bucket[1:])
    return found


class Contradiction(ValueError):
    """Pairs the curation file says are one article join two it says are different."""

    def __init__(self, index: int, apart: tuple[str, str]):
        super().__init__(index, apart)
        self.index, self.apart = index, apart


def group(articles: Iterable[Article], similar: Iterable[tuple[str, str, float]],
          distinct: Iterable[Sequence[str]] = (), same: Iterable[Sequence[str]] = ()) -> dict[str, Duplicate]:
    """{copy id: Duplicate} for every article that is a copy of another: the articles joined by
    the `similar` pairs (`similar_pairs`) and by `same` (curation's duplicate_sources, joined
    first), never putting a pair of `distinct` (distinct_sources) in one group: the most alike
    pairs are joined first, and a pair that would join two told apart is left out. Each group's
    original is its earliest article (dated before undated, then the smallest id); every other
    member is its copy, with its exact similarity to the original. A `same` pair that would join
    two told apart raises `Contradiction` (with its index)."""
    by_id = {a.id: a for a in articles}
    apart: dict[str, set[str]] = defaultdict(set)
    for a, b in distinct:
        apart[a].add(b)
        apart[b].add(a)
    groups = {i: {i} for i in by_id}
    known: dict[frozenset, float] = {}

    def join(a: str, b: str) -> tuple[str, str] | None:
        """Join the groups of a and b; or the pair told apart that it would put together."""
        ga, gb = groups[a], groups[b]
        if ga is gb:
            return None
        small, large = sorted((ga, gb), key=len)
        for x in sorted(small):
            clash = sorted(apart[x] & large)
            if clash:
                return tuple(sorted((x, clash[0])))
        large |= small
        for x in small:
            groups[x] = large
        return None

    confirmed = set()
    for n, (a, b) in enumerate(same):
        clash = join(a, b)
        if clash:
            raise Contradiction(n, clash)
        confirmed |= {a, b}
    for a, b, alike in sorted(similar, key=lambda p: (-p[2], p[0], p[1])):
        known[frozenset((a, b))] = alike
        if b not in apart[a]:
            join(a, b)
    found = {}
    for members in {id(g): g for g in groups.values() if len(g) > 1}.values():
        original = min(members, key=lambda i: (by_id[i].date is None, by_id[i].date or "", i))
        for copy in sorted(members - {original}):
            alike = known.get(frozenset((copy, original)))
            if alike is None:
                alike = similarity(by_id[copy], by_id[original])
            found[copy] = Duplicate(copy, original, alike, copy in confirmed)
    return dict(sorted(found.items()))
