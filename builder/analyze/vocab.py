"""The cue vocabulary (`data/cues.yaml`) as ready-to-use sets and maps."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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
    latin_common: frozenset[str]
    events: dict[str, tuple[str, ...]]
    event_names: frozenset[str]
    properties: dict[str, tuple[str, ...]]

    @property
    def person_markers(self) -> frozenset[str]:
        return frozenset(self.titles) | self.offices | self.honorifics

    @property
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
