"""The cue vocabulary (`data/cues.yaml`) as ready-to-use sets and maps."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from builder.datafiles import load_data


@dataclass(frozen=True)
class Vocab:
    titles: dict[str, str]
    offices: frozenset[str]
    honorifics: frozenset[str]
    company_words: frozenset[str]
    company_suffixes: frozenset[str]
    organization_suffixes: frozenset[str]
    index_suffixes: frozenset[str]
    index_after: frozenset[str]
    model_words: frozenset[str]
    project_words: frozenset[str]
    develop_verbs: frozenset[str]
    lead_verbs: frozenset[str]
    list_enders: frozenset[str]
    parent_words: frozenset[str]
    child_words: frozenset[str]
    invest_verbs: frozenset[str]
    found_verbs: frozenset[str]
    headquarters_words: frozenset[str]
    latin_common: frozenset[str]
    events: dict[str, tuple[str, ...]]
    event_names: frozenset[str]
    properties: dict[str, tuple[str, ...]]

    @cached_property
    def name_endings(self) -> dict[str, str]:
        """Ending → category; where a word is in several lists, index beats organization beats company."""
        endings = {w: "company" for w in self.company_suffixes}
        endings.update({w: "organization" for w in self.organization_suffixes})
        endings.update({w: "index" for w in self.index_suffixes})
        return endings

    @cached_property
    def name_endings_set(self) -> frozenset[str]:
        return frozenset(self.name_endings)

    @cached_property
    def cue_words(self) -> frozenset[str]:
        """Words that describe names and are never names themselves (スタートアップ, モデル)."""
        return (self.company_words | self.model_words | self.project_words | self.index_after | self.event_names
                | self.person_markers | self.parent_words | self.child_words)

    @cached_property
    def title_words(self) -> frozenset[str]:
        return frozenset(self.titles)

    @cached_property
    def person_markers(self) -> frozenset[str]:
        return frozenset(self.titles) | self.offices | self.honorifics

    @cached_property
    def trailing_cues(self) -> frozenset[str]:
        """Words that end a katakana run but are not part of the name."""
        return self.model_words | self.project_words | self.event_names | self.index_after


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    d = load_data("cues.yaml")
    sets = {k: frozenset(str(w) for w in v) for k, v in d.items() if isinstance(v, list)}
    return Vocab(
        titles={str(k): v for k, v in d["titles"].items()},
        events={k: tuple(v) for k, v in d["events"].items()},
        properties={k: tuple(v) for k, v in d["properties"].items()},
        **sets,
    )
