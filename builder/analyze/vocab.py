"""The cue vocabulary (`data/cues.yaml`) as ready-to-use sets and maps."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from builder.analyze.tokens import WordSet
from builder.files.datafiles import load_data


@dataclass(frozen=True)
class Vocab:
    titles: dict[str, str]
    one_holder: WordSet  # relations to an organisation only one person has at a time (president_of)
    company_offices: WordSet  # relations of titles only a company has (president_of, executive_of)
    organisation_offices: WordSet  # relations of titles no company has (chair_of of 委員長)
    title_modifiers: WordSet
    offices: WordSet
    place_offices: dict[str, str]
    ministers: WordSet
    minister_endings: WordSet
    office_verbs: WordSet
    honorifics: WordSet
    member_words: WordSet  # 委員, 議員: after a family name, it is the article's person (not the tagger's cue)
    company_words: WordSet
    descriptors: WordSet  # 大手, ファンド: they describe the name after them and are never part of it
    kind_words: WordSet  # 企業, 法人: they describe a katakana or Latin name glued after them
    association_endings: WordSet  # 協会, 労組: a name ending so is an organisation, whatever the tagger says
    title_prefixes: WordSet  # 前, 新, 両: between a name and a title (山田前農相), part of neither
    former_prefixes: WordSet  # 前, 元: a title held no longer
    legal_forms: WordSet  # 株式会社, ㈱: a company's legal form, written with its name
    short_endings: dict[str, dict[str, str]]  # kind → {大学: 大}: how a name of that kind is shortened
    relative_company_words: WordSet
    company_suffixes: WordSet
    organization_suffixes: WordSet
    index_suffixes: WordSet
    place_suffixes: WordSet
    organ_endings: WordSet
    country_abbreviations: WordSet
    ministry_endings: WordSet
    plan_endings: WordSet
    place_adjective_suffixes: WordSet
    product_words: WordSet
    index_after: WordSet
    model_words: WordSet
    project_words: WordSet
    bridge_words: WordSet
    develop_verbs: WordSet
    lead_verbs: WordSet
    list_enders: WordSet
    parent_words: WordSet
    child_words: WordSet
    invest_verbs: WordSet
    found_verbs: WordSet
    headquarters_words: WordSet
    facility_words: WordSet
    deals: dict[str, WordSet]
    joint_deals: dict[str, WordSet]
    deal_talks: WordSet
    deal_off: WordSet
    same_company_words: WordSet  # those of `same_words` that stand for a company
    same_words: dict[str, str]  # 同社 → company, 同指数 → index
    supply_from: WordSet
    supply_to: WordSet
    supply_orders: WordSet
    supply_not: WordSet
    latin_common: WordSet
    events: dict[str, tuple[str, ...]]
    event_names: WordSet
    event_name_kinds: dict[str, str]  # ショック → market: the kind of event a name ending so names
    announce_words: WordSet
    reporting_verbs: WordSet  # 発表, 決め: a happening reported or decided (…を買収すると発表した)
    plan_nouns: WordSet  # こと, 方針: what a reporting verb takes a clause through (…することを決めた)
    expectation_words: WordSet  # 見込, 予定: a trigger under one is expected, not done
    subject_matter: WordSet  # について, を巡: a trigger before one is what is talked about, not what happened
    disruptions: WordSet  # 停止, 冠水: a sentence of a plant stopped makes no investment
    target_marks: WordSet  # をめどに: a date before one is a target, not when it happened
    receiving_verbs: WordSet  # 受け: a decision received is not its receiver's doing
    common_abbreviations: WordSet  # TOB, HV: no names, dropped after tagging
    generic_bodies: WordSet  # 第三者委員会, 取締役会: bodies named by what they do, no names, dropped after tagging
    properties: dict[str, tuple[str, ...]]
    property_subjects: dict[str, tuple[str, ...]]
    price_moves: WordSet
    losses: WordSet
    name_descriptions: WordSet  # 株式市場, 沖: what follows a known name and only says where (candidates._described)
    wire_services: WordSet  # 共同 in 【ワシントン共同】: the place before it is where the report was filed
    byline_words: WordSet  # By: the name after it is the author's
    generation_words: WordSet  # Pro, mini: a product's generation or edition (link/entities.generation)

    @cached_property
    def name_endings(self) -> dict[str, str]:
        """Ending → category; where a word is in several lists, index beats organization beats company."""
        endings = {w: "company" for w in self.company_suffixes}
        endings.update({w: "organization" for w in self.organization_suffixes})
        endings.update({w: "index" for w in self.index_suffixes})
        return endings

    @cached_property
    def property_words(self) -> re.Pattern:
        """Any word of a claim property (売上高, 価格…), to find the chunks that name one."""
        return re.compile("|".join(map(re.escape, sorted({w for ws in self.properties.values() for w in ws}, key=len, reverse=True))))

    @cached_property
    def name_endings_set(self) -> WordSet:
        return WordSet(self.name_endings)

    @cached_property
    def parent_gaps(self) -> frozenset[str]:
        """What stands between X and Y in `Xの親会社Y`, `X親会社のY` (Y is the parent)."""
        return frozenset(g for p in self.parent_words for g in (f"の{p}", f"の{p}の", f"の{p}、", f"の{p}である", f"{p}の"))

    @cached_property
    def child_gaps(self) -> frozenset[str]:
        """What stands between X and Y in `X傘下のY`, `Xの子会社Y` (X is the parent)."""
        return frozenset(g for c in self.child_words for g in (f"{c}の", f"の{c}", f"の{c}の", f"の{c}、", f"の{c}である"))

    @cached_property
    def compound_openers(self) -> frozenset[str]:
        """Tokens at which a compound name can be recognised (an organ or plan ending, a parenthesis)."""
        return frozenset(self.organ_endings.prefixes | self.plan_endings | {"（", "("})

    @cached_property
    def naming_words(self) -> frozenset[str]:
        """Words right before a quoted product or model name: AIモデル「X」, 物流ロボット「X」."""
        return frozenset(self.model_words | self.product_words)

    @cached_property
    def after_name(self) -> frozenset[str]:
        """Words skipped after a name to reach its particle: 」, and bridge words such as モデル."""
        return frozenset({"」", "』"} | (self.bridge_words - {"の", "「"}))

    @cached_property
    def bridges(self) -> frozenset[str]:
        """Words that may stand between a maker and its product: `Xの最新AIモデル「Y」`."""
        return frozenset(self.bridge_words | self.product_words | self.model_words)

    @cached_property
    def title_endings(self) -> frozenset[str]:
        """Every ending of a title or a minister's ending (長, 社長, 相): a token that is none of them ends no title."""
        return frozenset(w[n:] for w in self.person_markers | self.minister_endings for n in range(len(w)))

    @cached_property
    def deal_words(self) -> WordSet:
        """Every word that names a deal (買収, 経営統合, 調達): a token not among their prefixes starts none."""
        return WordSet(set().union(*self.deals.values(), *self.joint_deals.values(), self.supply_from, self.supply_to, self.supply_orders))

    @cached_property
    def family_words(self) -> WordSet:
        return WordSet(self.parent_words | self.child_words)

    @cached_property
    def making_verbs(self) -> WordSet:
        return WordSet(self.develop_verbs | self.lead_verbs)

    @cached_property
    def cue_words(self) -> WordSet:
        """Words that describe names and are never names themselves (スタートアップ, モデル)."""
        return WordSet(self.company_words | self.model_words | self.project_words | self.index_after | self.event_names
                       | self.person_markers | self.parent_words | self.child_words)

    @cached_property
    def title_words(self) -> WordSet:
        return WordSet(self.titles)

    @cached_property
    def person_markers(self) -> WordSet:
        return WordSet(set(self.titles) | self.offices | set(self.place_offices) | self.ministers | self.honorifics)

    @cached_property
    def deal_triggers(self) -> WordSet:
        """Words of a deal between companies (cues.yaml `events`, investment): 買収, 出資."""
        return WordSet(self.events["investment"])

    @cached_property
    def held_titles(self) -> WordSet:
        """Titles a named person holds (社長, 総裁, 知事, 首相), without honorifics such as 氏 or 選手."""
        return WordSet(set(self.titles) | self.offices | set(self.place_offices) | self.ministers)

    @cached_property
    def trailing_cues(self) -> WordSet:
        """Words that end a katakana run but are not part of the name."""
        return WordSet(self.model_words | self.project_words | self.event_names | self.index_after)


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    d = load_data("cues.yaml")
    sets = {k: WordSet(str(w) for w in v) for k, v in d.items() if isinstance(v, list)}
    return Vocab(
        titles={str(k): v for k, v in d["titles"].items()},
        place_offices={str(k): v for k, v in d["place_offices"].items()},
        deals={k: WordSet(v) for k, v in d["deals"].items()},
        joint_deals={k: WordSet(v) for k, v in d["joint_deals"].items()},
        events={k: tuple(v) for k, v in d["events"].items()},
        event_names=WordSet(d["event_names"]),
        same_words=dict(d["same_words"]),
        short_endings={kind: {str(k): str(v or "") for k, v in ends.items()} for kind, ends in d["short_endings"].items()},
        same_company_words=WordSet(w for w, kind in d["same_words"].items() if kind == "company"),
        event_name_kinds=dict(d["event_names"]),
        properties={k: tuple(v) for k, v in d["properties"].items()},
        property_subjects={k: tuple(v) for k, v in d["property_subjects"].items()},
        **sets,
    )
