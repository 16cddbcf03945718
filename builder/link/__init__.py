"""Link all analysed articles into one knowledge base."""

from __future__ import annotations

from builder.analyze import Analysis
from builder.analyze.lexicon import Lexicon
from builder.link import facts
from builder.link.entities import build_entities
from builder.model import KnowledgeBase


def link(analyses: list[Analysis], lexicon: Lexicon) -> KnowledgeBase:
    entities = build_entities(analyses, lexicon)
    facts.titles(analyses, entities)
    return KnowledgeBase(
        articles=[a.article for a in analyses],
        entities=entities,
        relations=facts.relations(analyses, entities),
        events=facts.events(analyses, entities),
        claims=facts.claims(analyses, entities),
    )
