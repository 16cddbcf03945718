"""Link all analysed articles into one knowledge base."""

from __future__ import annotations

from builder.analyze import Analysis
from builder.analyze.lexicon import Lexicon
from builder.link import duplicates, facts, statements
from builder.link.entities import build_entities
from builder.model import KnowledgeBase


def link(analyses: list[Analysis], lexicon: Lexicon) -> KnowledgeBase:
    entities = build_entities(analyses, lexicon)
    facts.titles(analyses, entities)
    articles = [a.article for a in analyses]
    similar = duplicates.similar_pairs(articles, [a.sketch for a in analyses])  # the same article twice
    return KnowledgeBase(
        articles=articles,
        entities=entities,
        relations=facts.relations(analyses, entities),
        events=facts.events(analyses, entities),
        claims=facts.claims(analyses, entities),
        similar=similar,
        duplicates=duplicates.group(articles, similar),
        statements=statements.statements(analyses, entities),
    )
