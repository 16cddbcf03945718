"""Plain data passed between the stages.

Every record keeps where it came from (source id and character offsets into
the decoded text of that source), so any page can link back to the exact spot.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter


def pickled_by_fields(cls):
    """Pickle a slotted dataclass as its class and its field values, so that loading one calls
    `__init__` once instead of the `__setstate__` that `slots=True` generates (a Python loop
    per object): loading the analysis cache — a thousand of these per article — takes half the time."""
    values = attrgetter(*[f.name for f in fields(cls)])

    def __reduce__(self):
        return cls, values(self)

    cls.__reduce__ = __reduce__
    return cls


@dataclass(frozen=True)
class Span:
    """A stretch of one source's text: the unit of evidence."""

    source: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Block:
    """One structural piece of an article: title, heading, paragraph, list item."""

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DateRef:
    """A date written in a text, resolved to ISO form (`2025-01-27` or `2025-01`), or to the
    partial form of what the text tells (`XXXX-XX-24`, `XXXX-03-24`, `XXXX-03`: builder/read/dates.py).

    `basis` says how a missing year or month was filled in, or that it could not be, and is
    empty when the text wrote the date in full. `reference`: the date is a point of comparison
    (2008年10月以来, 8年前の2017年3月), not when something the sentence tells happened, so it
    lends no year or month to other dates and dates no event.
    """

    start: int
    end: int
    text: str
    iso: str
    basis: str = ""
    reference: bool = False


@dataclass(frozen=True)
class Article:
    id: str
    path: str
    text: str
    title: str
    publisher: str | None
    date: str | None
    url: str | None
    blocks: tuple[Block, ...]
    dates: tuple[DateRef, ...]
    date_from: str | None = None  # where `date` came from: "front matter", "html" (the page's metadata) or "text"
    author: str | None = None
    tags: tuple[str, ...] = ()
    encoding: str = "UTF-8"  # what the file was decoded from (builder/read/decode.py)
    format: str = "text"  # the file's kind: text, markdown or html


@dataclass(frozen=True)
class Quantity:
    """An amount written in the text: 約600万ドル → 6000000 USD, qualifier 約."""

    start: int
    end: int
    text: str
    number: float
    unit: str
    qualifier: str = ""


@pickled_by_fields
@dataclass(slots=True)
class Mention:
    """A name found in a source. `key` is the normalised form used for matching."""

    source: str
    start: int
    end: int
    text: str
    key: str
    type: str | None = None
    entity: str | None = None
    reading: str = ""
    votes: dict[str, int] = field(default_factory=dict)
    lexicon_id: str | None = None
    topic: bool = False  # followed by the topic particle は: what the sentence is about


@dataclass
class Entity:
    id: str
    type: str
    name: str
    aliases: list[str]
    mentions: list[Mention]
    description: str = ""
    titles: list[str] = field(default_factory=list)
    reading: str = ""  # katakana reading of the name, for its id
    edited: list[str] = field(default_factory=list)  # what curation.yaml changed (name, type, merged, …)
    in_lexicon: bool = False  # named by the lexicon, so not a new name to review
    reviewed: list[str] = field(default_factory=list)  # "confirmed", and ids confirmed to be different things

    @property
    def sources(self) -> list[str]:
        return sorted({m.source for m in self.mentions})


@dataclass
class Relation:
    subject: str
    predicate: str
    object: str
    evidence: list[Span]
    origin: str = "generated"  # or "hand": added in curation.yaml
    read_from: str = ""  # how: "path" (both names on one dependency path), "context" (one end is what the article is on), "name" (X-Model: X's)

    @property
    def sources(self) -> list[str]:
        return sorted({e.source for e in self.evidence})


@dataclass
class Event:
    """A happening, with every sentence (of every article) that reports it."""

    id: str
    type: str
    date: str  # 2025-01-27, 2025-01, or what the reports tell of it: XXXX-XX-27 (builder/read/dates.py)
    title: str
    entities: list[str]
    evidence: list[Span]
    date_basis: str = ""  # how a missing year or month was filled in (from the article, another report), or that none could be
    origin: str = "generated"  # "edited" or "hand" (see curate.py)
    actor: str = ""  # the entity that did it (the subject of its predicate; for a market event, what moved); "" not known
    actor_from: str = ""  # how: "subject" of the predicate, "context" (none written: what the article is on), "name" (Xショック)

    @property
    def sources(self) -> list[str]:
        return sorted({e.source for e in self.evidence})


CLAIM_BASES = ("actual", "forecast", "plan")  # what a claim's number is, when its source says


@dataclass
class Claim:
    """A number a source gives for a property of its subject. `qualifier` is how the amount is
    hedged as written (約, 最大, 以上); `basis` whether the source gives it as a result (`actual`),
    a `forecast` or a `plan` ("" when it does not say); `period` the fiscal period written for
    it (2025年3月期, 2025年4〜6月期, 通期; "" when none is). `subject_from` says how its subject was
    found: "owner", the name its property noun is written with (Xの売上高); "subject", the subject
    of the predicate that states it; "context", what the article is on there, the sentence naming
    no one ("" for a claim added by hand)."""

    subject: str
    property: str
    value: str
    number: float
    unit: str
    qualifier: str
    source: str
    evidence: Span
    origin: str = "generated"
    basis: str = ""
    period: str = ""
    subject_from: str = ""

    @property
    def comparable(self) -> tuple[str, str, str, str, str]:
        """What two claims share when their numbers can be compared: subject, property, unit,
        period and basis. A forecast of 3兆円 and a result of 2.9兆円 do not disagree, nor do two
        fiscal years. A figure given without a basis is given as fact, so it is compared with
        results: a forecast or plan is almost always written as one (予想, 見通し, 計画)."""
        return self.subject, self.property, self.unit, self.period, self.basis or "actual"


STATEMENT_KINDS = ("direct", "indirect")  # quoted (「…」と述べた), or reported (…と述べた, X氏によると)


@dataclass
class Statement:
    """What a person or organisation said, as one source reports it: the words (`text`, at
    `start`-`end` of the source's text, as written), quoted or reported, the verb, who spoke,
    the entities the words name (`about`), and the sentence they are in (`context`). `date`
    is the source's date (None when it has none): when it was reported, not when it was said."""

    speaker: str
    source: str
    text: str
    start: int
    end: int
    kind: str
    verb: str
    date: str | None
    about: list[str]
    context: Span
    origin: str = "generated"  # "edited": curation.yaml gave it its speaker
    speaker_from: str = ""  # "" named in the sentence; the stand-in (同氏, 同社, 総裁) it was read from; "context": the topic before

    @property
    def anchor(self) -> str:
        """Its id on the source's page."""
        return f"s-{self.start}"


@dataclass(frozen=True)
class Duplicate:
    """A source that is the same article as another, `original` (link/duplicates.py): they are
    counted as one source wherever sources are compared."""

    source: str
    original: str
    similarity: float  # Jaccard of the two bodies' shingles, 0-1, rounded down to 3 decimals
    confirmed: bool = False  # curation.yaml's duplicate_sources says so


@dataclass(frozen=True)
class Unsure:
    """A fact an article seems to state, whose attachment its sentence's structure does not settle
    (who did it, whose the figure is, two names in different clauses): not stated on the site;
    `musubi review` lists it with the edit that states it, kb.json keeps it with confidence "low"."""

    kind: str  # relation, event or claim
    source: str
    evidence: Span
    fact: dict  # what it would state: {subject, predicate, object}, {type, date, entities}, {property, value, unit}
    why: str


@dataclass
class KnowledgeBase:
    articles: list[Article]
    entities: list[Entity]
    relations: list[Relation]
    events: list[Event]
    claims: list[Claim]
    similar: list[tuple[str, str, float]] = field(default_factory=list)  # pairs of sources found alike, before curation
    duplicates: dict[str, Duplicate] = field(default_factory=dict)  # copy's source id → how it is a copy, by id
    statements: list[Statement] = field(default_factory=list)
    unsure: list[Unsure] = field(default_factory=list)  # facts not stated: their attachment is uncertain
