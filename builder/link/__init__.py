"""Link all analysed articles into one knowledge base: map, reduce, map, reduce.

The analyses are the first map. Deciding the entities (which spellings are one
thing, of what type) is a reduce over all of them (`entities`); finding the
names they teach in each article, and then each article's relations, claims,
event reports and statements, are maps over the articles, each reading one
analysis and the decisions; merging those (one relation per triple, one event
per happening) is the last reduce. Every map's results are taken in article
order, so the knowledge base does not depend on where the maps run.

The maps run in this process: forked over two cores they took longer (at 2,000
articles 7.6 s against 6.3 s), since a child that reads the parent's analyses
touches their reference counts and so copies most of their pages, and the
results travel back pickled. They are kept apart so that an engine whose
workers hold the analyses (issue 18) can run them where the analyses are.
"""

from __future__ import annotations

from builder.analyze import Analysis
from builder.analyze.lexicon import Lexicon
from builder.link import duplicates, facts, statements
from builder.link.entities import build_entities
from builder.model import Entity, KnowledgeBase


def link(analyses: list[Analysis], lexicon: Lexicon) -> KnowledgeBase:
    entities = build_entities(analyses, lexicon)
    facts.titles(analyses, entities)
    found = _Facts(entities)
    per_article = [found.of(a) for a in analyses]
    articles = [a.article for a in analyses]
    similar = duplicates.similar_pairs(articles, [a.sketch for a in analyses])  # the same article twice
    return KnowledgeBase(
        articles=articles,
        entities=entities,
        relations=facts.relations([done[0] for done in per_article], analyses, entities),
        events=facts.events([done[2] for done in per_article], found.names),
        claims=facts.claims([done[1] for done in per_article]),
        similar=similar,
        duplicates=duplicates.group(articles, similar),
        statements=[st for done in per_article for st in done[3]],
        unsure=[u for done in per_article for u in done[4]],
    )


class _Facts:
    """What one article says once its mentions know their entities (the second map)."""

    def __init__(self, entities: list[Entity]):
        self.names = {e.id: e for e in entities}
        self.kinds = {e.id: e.type for e in entities}
        self.titles = {e.id: set(e.titles) for e in entities if e.titles}

    def of(self, a: Analysis) -> tuple[list, list, list, list, list]:
        """(relations, claims, event reports, statements, facts left unstated) of article `a`."""
        context = facts.Context(a, self.kinds, self.titles)
        unsure: list = []
        return (facts.relations_in(a, context, self.kinds, unsure), facts.claims_in(a, context, self.kinds, unsure),
                facts.event_drafts(a, context, self.names, unsure), statements.statements_in(a, context, self.kinds, self.titles),
                unsure)
