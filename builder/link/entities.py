"""Decide which mentions are the same thing, and what kind of thing it is.

Mentions meet under one group when they share a normalised spelling, a
lexicon entry, or an apposition X（Y）. Each group's type is the one with
most cue points from all its mentions in all articles; groups without
enough evidence are not entities (that is what keeps junk pages out). Then
short forms join their full forms: ミラー → ジェーン・ミラー (a person's
last name), Z2 → ZetaLab-Z2 (a model named after its developer).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from functools import lru_cache

from builder.analyze import Analysis
from builder.analyze.candidates import NAME_MAX
from builder.analyze.cues import MEDIUM, WEAK
from builder.analyze.lexicon import TYPES, Lexicon
from builder.analyze.patterns import ORG_TYPES
from builder.analyze.tokens import tokenize
from builder.analyze.vocab import vocab
from builder.link.slug import slugify, sound_key
from builder.model import Entity, Mention
from builder.read.textnorm import name_key

MIN_POINTS = MEDIUM
NAME_PARTS = re.compile(r"[・･＝=\s]+")
KANJI_NAME = re.compile(r"[\u4e00-\u9fff々]+")
KANJI_FAMILY = re.compile(r"([\u4e00-\u9fff々]{1,3})[\u30a1-\u30faー]{2,}")


class Groups:
    """Union-find over group labels (a lexicon id or a spelling key)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        """Join two groups; two different lexicon entries are never joined (ソフトバンク ≠ ソフトバンクグループ)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb and not (ra.startswith("lex:") and rb.startswith("lex:")):
            keep, drop = sorted((ra, rb))  # deterministic whatever the order of calls
            self.parent[drop] = keep


def label(m: Mention) -> str:
    return f"lex:{m.lexicon_id}" if m.lexicon_id else f"key:{m.key}"


class _Labels:
    """The group label of each mention: its lexicon entry, else its spelling — except a short
    form an article ties to one of its own names, which is that article's. トライアル is トライアル
    カンパニー where the article writes トライアルカンパニー（トライアル）, and トライアルホールディングス
    where another writes トライアルホールディングス（以下、トライアル）: a short form means what its
    own article says. A gloss decides; else, for a short form of several names in the corpus, the
    one name of the article it shortens (with two, none: the spelling's label). A short form of
    one name only is left to the corpus, which weighs every mention's evidence (ミナモ, a product,
    is not ミナモ工業 because the article also names the company)."""

    def __init__(self, analyses: list[Analysis]):
        self.scoped: dict[tuple[str, int], str] = {}
        self.ties: list[tuple[str, str]] = []  # (a short form's label in its article, its full name's)
        self._forms: dict[tuple[str, str], list[str]] = {}  # short forms' keys, once per spelling and kind
        honorifics = (*vocab().honorifics, *vocab().member_words)
        corpus: dict[str, set[str]] = defaultdict(set)  # short key → the full names' labels
        per_article = [self._owners(a) for a in analyses]
        for owners, _ in per_article:
            for key, names in owners.items():
                corpus[key] |= {name for name, _ in names}
        for a, (owners, glossed) in zip(analyses, per_article):
            organisations = [o.text for o in a.mentions if _winner(o.votes) in ORG_TYPES]
            for k, m in enumerate(a.mentions):
                owned = owners.get(m.key, set()) if not m.lexicon_id else set()
                if len(owned) > 1 and k in a.titles and a.article.text.endswith("の", 0, m.start):
                    owned = {o for o in owned if o[1] == "person"}  # 村田製作所の村田会長: the person's, not the company's
                if len(owned) != 1:
                    continue
                (full, kind), = owned
                if m.key in glossed or len(corpus[m.key]) > 1 and (
                        # a family name is its person written as one: 出光氏, or 鈴木大臣 where no organisation's
                        # name starts with it (出光会長 is 出光興産's chairman) or its organisation is written
                        # before it (村田製作所の村田会長), never 出光は
                        (a.article.text.startswith(honorifics, m.end) or k in a.titles and (
                            a.article.text.endswith("の", 0, m.start) or not any(o.startswith(m.text) for o in organisations)))
                        if kind == "person"
                        else _winner(m.votes) in ("", kind)):
                    self.scoped[m.source, m.start] = scoped = f"key:{m.key}@{a.article.id}"
                    self.ties.append((scoped, full))

    def _owners(self, a: Analysis) -> tuple[dict[str, set[tuple[str, str]]], set[str]]:
        """short key → (label, kind) of the article's names it shortens; and the short forms
        the article's glosses give (X（Y）, X（以下、Y）), which name only their X."""
        owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for m in a.mentions:
            if kind := _winner(m.votes):
                if (m.text, kind) not in self._forms:
                    self._forms[m.text, kind] = [name_key(f) for f in short_forms(m.text, kind)]
                for key in self._forms[m.text, kind]:
                    owners[key].add((label(m), kind))
        glossed = set()
        for x, y in a.aliases:
            full, short = a.mentions[x], a.mentions[y]
            if full.key.startswith(short.key) and short.key != full.key:
                owners[short.key] = {(label(full), _winner(full.votes) or _winner(short.votes))}
                glossed.add(short.key)
            elif short.key not in glossed:  # another spelling of X (セガ（Sega）): in this article the short form of
                owners.pop(short.key, None)  # no other name (Sega Sammy Holdings); the gloss joins it to X corpus-wide
        return owners, glossed

    def __call__(self, m: Mention) -> str:
        return self.scoped.get((m.source, m.start)) or label(m)


def build_entities(analyses: list[Analysis], lexicon: Lexicon) -> list[Entity]:
    """Entities with their mentions; each kept mention gets `.type` and `.entity` set. The
    decisions (which spellings are one thing, of what type) are a reduce over every article;
    finding the names they teach where no cue marked them is a map over the articles, whose
    finds are added here in article order."""
    entities = _decide(analyses, lexicon)
    known = Known(entities)
    by_id = {e.id: e for e in entities}
    for a in analyses:
        for m, sentence in known.found_in(a):
            a.mentions.append(m)
            by_id[m.entity].mentions.append(m)
            if sentence is not None:
                a.sentences[sentence].mentions.append(len(a.mentions) - 1)  # events read who a sentence names
    for e in entities:
        e.mentions.sort(key=lambda m: (m.source, m.start))
    return entities


def _decide(analyses: list[Analysis], lexicon: Lexicon) -> list[Entity]:
    """The reduce: every mention's group and type, the entities they make, with ids."""
    mentions = [m for a in analyses for m in a.mentions]
    groups = Groups()
    labels = _Labels(analyses)
    spellings = _Spellings(analyses, mentions, labels)
    for lab in spellings.votes:
        groups.find(lab)
    for short, full in labels.ties:
        groups.union(short, full)
    types = _decide_types(spellings, groups)
    for a in analyses:  # apposition X（Y）: the same thing, unless Y is of another kind (北辰ロボティクス（札幌市）)
        for x, y in a.aliases:
            rx, ry = groups.find(labels(a.mentions[x])), groups.find(labels(a.mentions[y]))
            tx, ty = types.get(rx), types.get(ry)
            # a place in parentheses says where X is (イオン（千葉県）), even when X's kind is not known;
            # a company and an organisation are both organisations (日本貨物航空（NCA）)
            same_kind = tx == ty or ty is None or tx is None and ty != "place" or {tx, ty} <= ORG_TYPES
            if same_kind and not other_generation(spellings.texts[labels(a.mentions[x])], spellings.texts[labels(a.mentions[y])]):
                groups.union(rx, ry)
    types = _decide_types(spellings, groups)
    glossed: dict[str, set[str]] = defaultdict(set)
    for a in analyses:
        for x, y in a.aliases:
            glossed[a.mentions[y].key].add(labels(a.mentions[x]))
    _join_short_forms(spellings, groups, types, glossed)
    types = _decide_types(spellings, groups)
    by_group: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        root = groups.find(labels(m))
        if root in types:
            m.type = types[root]
            by_group[root].append(m)
    lex_by_id = {e.id: e for e in lexicon.entries}
    entities = [_make_entity(ms, types[root], lex_by_id.get(root[4:]) if root.startswith("lex:") else None)
                for root, ms in by_group.items()]
    _assign_ids(entities)
    descriptions = {}
    for a in analyses:
        for k, text in a.descriptions.items():
            descriptions.setdefault((a.mentions[k].source, a.mentions[k].start), text)
    for e in entities:
        for m in e.mentions:
            m.entity = e.id
        found = [descriptions[(m.source, m.start)] for m in e.mentions if (m.source, m.start) in descriptions]
        e.description = Counter(found).most_common(1)[0][0] if found else ""
    return sorted(entities, key=lambda e: e.id)


class _Spellings:
    """What the mentions under each label (a lexicon id or a spelling key) add up to.
    Labels never change while groups of them are joined, so this is counted once, not
    once a mention on every pass (a million mentions at 10,000 articles)."""

    def __init__(self, analyses: list[Analysis], mentions: list[Mention], labels: _Labels):
        self.votes: dict[str, Counter] = defaultdict(Counter)  # summed points for each type
        self.strongest: dict[str, Counter] = defaultdict(Counter)  # the best single mention's points
        self.keys: dict[str, set[str]] = defaultdict(set)
        self.texts: dict[str, set[str]] = defaultdict(set)
        self.sources: dict[str, set[str]] = defaultdict(set)  # the articles each label is written in
        self.written: dict[str, set[str]] = defaultdict(set)  # the labels each article writes
        for m in mentions:
            lab = labels(m)
            self.sources[lab].add(m.source)
            self.written[m.source].add(lab)
            total, best = self.votes[lab], self.strongest[lab]
            for kind, points in m.votes.items():  # by hand: Counter.update is a Python loop of its own
                total[kind] += points
                best[kind] = max(best[kind], points)
            self.keys[lab].add(m.key)
            self.texts[lab].add(m.text)
        # what typing reads on each pass, by label: the members of each list (XやY), and
        # (model, maker) of each "developed by" (walking the analyses thrice cost seconds at 10,000 articles)
        self.lists = [[labels(a.mentions[k]) for k in members] for a in analyses for members, _ in a.lists]
        self.made_by = [(labels(a.mentions[x]), labels(a.mentions[y])) for a in analyses for s in a.sentences
                        for x, predicate, y in s.relations if predicate == "developed_by" and y is not None]


def _decide_types(spellings: _Spellings, groups: Groups) -> dict[str, str]:
    points: dict[str, Counter] = defaultdict(Counter)
    for lab, votes in spellings.votes.items():
        points[groups.find(lab)].update(votes)
    types = {root: _winner(c) for root, c in points.items() if _winner(c)}
    for members in spellings.lists:  # a name listed with names of one type (XやY) leans to that type
        roots = [groups.find(lab) for lab in members]
        kinds = Counter(types[r] for r in roots if r in types)
        if kinds:
            kind = kinds.most_common(1)[0][0]
            for lab, r in zip(members, roots):
                if r not in types and not _ordinary(spellings.texts[lab]):
                    points[r][kind] += WEAK
    for model, maker in spellings.made_by:  # the maker of a model is an organisation: ゼタラボは「Zeta-2」を公開した
        root = groups.find(maker)
        if types.get(groups.find(model)) == "model" and root not in types and not _ordinary(spellings.texts[maker]):
            points[root]["company"] += MEDIUM
    return {root: _winner(c) for root, c in points.items() if _winner(c)}


def _winner(points: dict[str, int]) -> str:
    if not points:
        return ""
    kind, best = max(points.items(), key=lambda kv: (kv[1], -TYPES.index(kv[0])))
    return kind if best >= MIN_POINTS else ""


def _join_short_forms(spellings: _Spellings, groups: Groups, types: dict[str, str],
                      glossed: dict[str, set[str]] | None = None) -> None:
    """Short forms joined to the one full name they shorten; a spelling a gloss gave a name its
    group holds (産業革新投資機構（JIC）: `glossed`, key → the glossed names' labels) is that
    name's, never the short form of another (JICキャピタル, its subsidiary)."""
    glossed = glossed or {}
    keys_by_root: dict[str, set[str]] = defaultdict(set)
    texts_by_root: dict[str, set[str]] = defaultdict(set)
    best: dict[str, Counter] = defaultdict(Counter)
    members: dict[str, list[str]] = defaultdict(list)  # root → its labels
    for lab in spellings.votes:
        root = groups.find(lab)
        members[root].append(lab)
        keys_by_root[root] |= spellings.keys[lab]
        texts_by_root[root] |= spellings.texts[lab]
        best[root].update({k: max(best[root][k], v) for k, v in spellings.strongest[lab].items()})
    weak = {root: max(c.values(), default=0) <= MEDIUM for root, c in best.items()}  # no mention has a strong cue
    # short forms → the one full name they shorten: ミラー → ジェーン・ミラー, 高森 → 高森美咲,
    # カイロス → カイロス・ラボ, 翔洋 → 翔洋自動車
    owners: dict[str, set[str]] = defaultdict(set)
    for root, texts in texts_by_root.items():
        for text in texts:
            for short in short_forms(text, types.get(root)):
                owners[name_key(short)].add(root)
    for root, keys in list(keys_by_root.items()):
        # a short form the group already has its full name for (トライアルカンパニー（トライアル）)
        # is that name's, not a key to another (トライアルホールディングス)
        candidates = set().union(*(owners.get(k, set()) for k in keys if root not in owners.get(k, ())
                                   and not any(groups.find(full) == root for full in glossed.get(k, ()))))
        if len(candidates) == 1:
            owner = candidates.pop()
            if types.get(owner) == "person" and not _met(root, owner, members, spellings, groups, types):
                continue  # 高橋氏 of an article on シャープ is not the 高橋翔 of another on nothing it names
            if (types.get(root) in (None, types.get(owner)) or weak.get(root, False)) \
                    and not other_generation(texts_by_root[root], texts_by_root[owner]):
                groups.union(root, owner)
    # a Latin name and its katakana spelling: Kairos Labs = カイロス・ラボ (same type, or one untyped)
    roots_by_key: dict[str, set[str]] = defaultdict(set)
    for root, keys in keys_by_root.items():
        for key in keys:
            roots_by_key[key].add(root)
    by_sound: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))  # key → (Latin roots, katakana roots)
    for root, texts in texts_by_root.items():
        for text in texts:  # a spelling two groups share (a short form each article gives its own) ties neither
            if (key := sound_key(text)) and len(roots_by_key[name_key(text)]) == 1:
                by_sound[key][not LATIN.search(text)].add(root)
    for latin, kana in by_sound.values():  # Latin spellings and one katakana: two katakana words (リゾート, ロゼッタ) are two
        roots = latin | kana
        kinds = {types.get(r) for r in roots} - {None}
        if latin and len(kana) == 1 and not latin & kana and len(kinds) == 1:
            first, *rest = sorted(roots)
            for other in rest:
                if not other_generation(texts_by_root[first], texts_by_root[other]):
                    groups.union(first, other)
    # a model named after its developer: ZetaLab-Z2 = ZetaLab + Z2 (the short form may be untyped)
    org_keys = {k for root, keys in keys_by_root.items() if types.get(root) in ("company", "organization") for k in keys}
    model_short = {k: root for root, keys in keys_by_root.items() if types.get(root) in ("model", None) for k in keys}
    models = sorted((k, root) for root, keys in keys_by_root.items() if types.get(root) == "model" for k in keys)
    for key, root in models:
        for end in range(len(key) + 1):  # each organisation name the key starts with, shortest first
            if key[:end] in org_keys and key[end:] in model_short:
                groups.union(root, model_short[key[end:]])


LATIN = re.compile(r"[A-Za-z]")


def _met(short: str, full: str, members: dict[str, list[str]], spellings: _Spellings, groups: Groups, types: dict[str, str]) -> bool:
    """Are a person's family name alone (`short`, a group) and a full name (`full`) written in one
    article, or each beside one name that is no place (植田総裁 in an article on 日本銀行, 植田和男
    in another; ミラー氏 on Z2, ジェーン・ミラー on Z2)? A family name is many people's: only that
    ties it to this one."""
    def sources(root: str) -> set[str]:
        return {source for lab in members[root] for source in spellings.sources[lab]}

    def beside(root: str) -> set[str]:
        return {g for source in sources(root) for other in spellings.written[source]
                if types.get(g := groups.find(other), "place") != "place" and g not in (short, full)}
    return bool(sources(short) & sources(full)) or bool(beside(short) & beside(full))


GENERATION = re.compile(r"^(.*?)(\d+(?:\.\d+)*[a-z]{0,2}|[ivx]+|v\d+|r\d+|第\d+世代|{words})$")


@lru_cache(maxsize=1)
def _generation_pattern() -> re.Pattern:
    words = "|".join(re.escape(w.casefold()) for w in sorted(vocab().generation_words, key=len, reverse=True))
    return re.compile(GENERATION.pattern.replace("{words}", words or "(?!)"))


def generation(text: str) -> tuple[str, str]:
    """(name, generation) of a product name: ネビュラ2 → (ネビュラ, 2), Zeta Pro → (zeta, pro),
    Zeta-4o → (zeta, 4o); a name with no generation gives (name, "")."""
    folded = name_key(text).casefold()
    m = _generation_pattern().match(folded)
    return (m.group(1), m.group(2)) if m and m.group(1) else (folded, "")


def other_generation(texts_a, texts_b) -> bool:
    """Do two groups of spellings name different generations of one product line (ネビュラ and
    ネビュラ2, Zeta-4 and Zeta-4o, X and X Pro)? Those are different things, never merged."""
    a = {generation(t) for t in texts_a}
    b = {generation(t) for t in texts_b}
    return any(na == nb and ga != gb for na, ga in a for nb, gb in b)


def short_forms(name: str, kind: str | None) -> list[str]:
    """How news shortens a name on second mention: a person's last name (Latin/katakana) or
    family name (kanji, written first), a company's first word, its name without the ending or
    without its legal form (株式会社), with its ending shortened (東北大, XHD)."""
    parts = [p for p in NAME_PARTS.split(name.strip()) if p]
    if kind == "person":
        if len(parts) > 1:  # Sam Altman → Altman; 澤田 純 → 澤田 (a kanji name's family name is written first)
            return [parts[0]] if all(KANJI_NAME.fullmatch(p) for p in parts) else [parts[-1]]
        if KANJI_NAME.fullmatch(name) and len(name) >= 3:
            return [name[:n] for n in range(1, len(name))]  # 麓幸子 → 麓 (麓氏は), 佐々木卓 → 佐々木
        family = KANJI_FAMILY.fullmatch(name)
        if family:
            return [family.group(1)]  # 玉城デニー → 玉城: a kanji family name and a given name in katakana
    if kind == "place":  # 静岡県 → 静岡; not 大手町 → 大手, an ordinary word
        return [name[:-1]] if len(name) >= 3 and name[-1] in vocab().place_suffixes and _proper_word(name[:-1]) else []
    if kind == "organization":
        return _ending_shortened(name, kind)
    if kind == "company":
        forms = [parts[0]] if len(parts) > 1 and len(parts[0]) >= 2 else []
        for form in vocab().legal_forms:  # 株式会社アオバ, アオバ株式会社 → アオバ
            bare = name.removeprefix(form) if name.startswith(form) else name.removesuffix(form)
            if bare != name and len(bare.strip("・ ")) >= 2:
                forms.append(bare.strip("・ "))
        forms += [short for base in [name, *forms] for short in _ending_shortened(base, kind)]
        for ending in _longest_first(vocab().company_suffixes):
            stem = name[: -len(ending)].rstrip("・･＝= ") if name.endswith(ending) else ""
            if len(stem) >= 2:
                if stem not in forms:
                    forms.append(stem)
                break
        return forms
    return []


def _ordinary(texts: set[str]) -> bool:
    """Is every spelling one ordinary word UniDic knows (セダン, マイナス)? Then being listed with
    companies, or written before a model (セダンの「SEAL」), does not make it a company."""
    return all(_ordinary_word(t) for t in texts)


@lru_cache(maxsize=4096)
def _ordinary_word(text: str) -> bool:
    words = tokenize(text)
    return len(words) == 1 and words[0].pos2 == "普通名詞"


@lru_cache(maxsize=4096)
def _proper_word(text: str) -> bool:
    """Is `text` one word UniDic knows as a proper noun (静岡, 渋谷), not an ordinary one (大手)?"""
    words = tokenize(text)
    return len(words) == 1 and words[0].pos2 == "固有名詞"


def _ending_shortened(name: str, kind: str) -> list[str]:
    return [name[: -len(end)] + short for end, short in vocab().short_endings.get(kind, {}).items()
            if name.endswith(end) and len(name) - len(end) >= 2]


@lru_cache(maxsize=4)
def _longest_first(words: frozenset[str]) -> list[str]:
    return sorted(words, key=len, reverse=True)


def developer_prefix(entity: Entity, orgs: dict[str, str]) -> str | None:
    """The id of the organisation a model's name starts with (ZetaLab-Z2 → ZetaLab); the
    longest such name wins. Looks up each prefix of each spelling, not each organisation."""
    for key in dict.fromkeys(m.key for m in entity.mentions):
        for end in range(len(key) - 1, 0, -1):
            if key[:end] in orgs:
                return orgs[key[:end]]
    return None


def _make_entity(mentions: list[Mention], kind: str, entry) -> Entity:
    counts = Counter(m.text for m in mentions)
    if entry:
        name = entry.name
    elif kind in ("person", "model"):  # the full name: ジェーン・ミラー over ミラー
        name = max(counts, key=lambda t: (len(name_key(t)), counts[t], t))
    else:
        name = max(counts, key=lambda t: (counts[t], len(t), t))
    aliases = set(counts) | set(entry.aliases if entry else ())
    aliases.discard(name)
    reading = next((m.reading for m in mentions if m.text == name), "")
    return Entity(id=entry.id if entry else "", type=kind, name=name, aliases=sorted(aliases),
                  mentions=sorted(mentions, key=lambda m: (m.source, m.start)), reading=reading, in_lexicon=entry is not None)


class Known:
    """Once the corpus has taught us a name, find it where no cue marked it: 北辰 alone, after
    北辰ロボティクス was typed elsewhere. Only whole tokens, only where nothing else was found;
    a spelling two entities share is no one's."""

    def __init__(self, entities: list[Entity]):
        owner: dict[str, set[int]] = defaultdict(set)
        for n, e in enumerate(entities):
            texts = {m.text for m in e.mentions}
            for spelling in texts | {f for text in texts for f in short_forms(text, e.type)}:
                if 2 <= len(spelling) <= NAME_MAX:
                    owner[spelling].add(n)
        spellings = sorted(s for s, ns in owner.items() if len(ns) == 1)
        self.owner = {s: (entities[next(iter(owner[s]))].id, entities[next(iter(owner[s]))].type) for s in spellings}
        self.pattern = re.compile(longest_match_pattern(spellings)) if spellings else None

    def found_in(self, a: Analysis) -> list[tuple[Mention, int | None]]:
        """The article's new mentions, each with the sentence it is in (None: in none). Reads
        the analysis, changes nothing: it may run in another process."""
        if self.pattern is None:
            return []
        starts = [sentence.span.start for sentence in a.sentences]
        taken = {(m.start, m.end) for m in a.mentions}
        covered = bytearray(len(a.article.text))  # 1 under every mention: a list to search made long articles quadratic
        for start, end in [(m.start, m.end) for m in a.mentions] + a.others:
            covered[start:end] = b"\1" * (end - start)
        found = []
        for block in a.article.blocks:
            if block.kind == "source":
                continue
            for hit in self.pattern.finditer(a.article.text, block.start, block.end):
                start, end = hit.span()
                if (start, end) in taken or not (a.bounds[start] and a.bounds[end]):
                    continue
                if any(covered[start:end]):
                    continue
                entity, kind = self.owner[hit.group(0)]
                if kind == "place" and a.article.text[end : end + 1] in vocab().place_adjective_suffixes:
                    continue  # 日本語 is a language, not a mention of 日本
                m = Mention(a.article.id, start, end, hit.group(0), name_key(hit.group(0)), type=kind, entity=entity)
                covered[start:end] = b"\1" * (end - start)
                k = bisect_right(starts, start) - 1
                found.append((m, k if k >= 0 and start < a.sentences[k].span.end else None))
        return found


def longest_match_pattern(words: list[str]) -> str:
    """A regular expression matching any of `words`, the longest where several start at one
    place — as `|`.join of them longest first, but as a tree of shared prefixes: 北辰(?:ロボティクス)?.
    With thousands of names the flat alternation tried each at every character (34 s of
    a 10,000-article link); the tree follows one branch."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict) -> str:
        nexts = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not nexts:
            return ""
        body = nexts[0] if len(nexts) == 1 else "(?:" + "|".join(nexts) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer word is tried first

    return branch(tree)


def _assign_ids(entities: list[Entity]) -> None:
    taken: set[str] = {e.id for e in entities if e.id}
    for e in sorted((e for e in entities if not e.id), key=lambda e: (e.name, e.type)):
        base = slugify(e.name, e.reading)
        candidate = base if base not in taken else f"{base}-{e.type}"
        n = 2
        while candidate in taken:
            candidate, n = f"{base}-{e.type}-{n}", n + 1
        taken.add(candidate)
        e.id = candidate
