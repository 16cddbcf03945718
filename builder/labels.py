"""The Japanese words the site uses for types, relations, properties and events."""

from __future__ import annotations

from typing import Self

TYPE_LABELS = {
    "company": "企業", "person": "人物", "model": "AIモデル・製品", "index": "市場指数",
    "project": "プロジェクト", "organization": "組織・機関", "place": "地域",
}


class Predicate(str):
    """A predicate's short label (the infobox, the graph, search: what the object is to the
    subject, 開発元, 子会社) that also knows how its relation reads from either end, written
    after the other entity's name: on the subject's page `of_subject` (北辰ロボティクス｜を買収),
    on the object's page `of_object` (翔洋自動車｜に買収された). One table gives every page
    both, so a relation never reads backwards on the page of the thing it points at."""

    of_subject: str
    of_object: str

    def __new__(cls, label: str, of_subject: str, of_object: str) -> Self:
        made = super().__new__(cls, label)
        made.of_subject, made.of_object = of_subject, of_object
        return made

    def __getnewargs__(self) -> tuple[str, str, str]:  # copied and pickled whole, with both readings
        return str(self), self.of_subject, self.of_object


def _role(label: str) -> Predicate:
    """A title held in an organisation or over a place: 翔洋自動車｜の社長 / 黒川健吾｜が社長."""
    return Predicate(label, f"の{label}", f"が{label}")


PREDICATE_LABELS = {
    "ceo_of": _role("CEO"), "chairman_of": _role("会長"), "president_of": _role("社長"), "cfo_of": _role("CFO"),
    "cto_of": _role("CTO"), "coo_of": _role("COO"), "vice_president_of": _role("副社長"), "vice_chairman_of": _role("副会長"),
    "executive_of": _role("役員"), "representative_of": _role("代表"), "director_of": _role("取締役"),
    "head_of": _role("トップ"), "deputy_head_of": _role("副総裁"), "chair_of": _role("議長"), "leader_of": _role("指導者"),
    "governor_of": _role("知事"), "mayor_of": _role("市町村長"), "minister_of": _role("閣僚"),
    "founder_of": Predicate("創業者", "の創業者", "が創業"),
    "member_of": Predicate("所属", "に所属", "が所属"),
    "developed_by": Predicate("開発元", "が開発", "を開発"),
    "leads": Predicate("主導", "を主導", "が主導"),
    "located_in": Predicate("所在地", "にある", "がある"),
    "parent_of": Predicate("子会社", "の親会社", "の子会社"),
    "invested_in": Predicate("出資先", "に出資", "が出資"),
    "acquired": Predicate("買収先", "を買収", "に買収された"),
    "merged": Predicate("経営統合", "と経営統合", "と経営統合"),
    "merger_talks": Predicate("統合協議", "と経営統合を協議", "と経営統合を協議"),
    "partners_with": Predicate("提携先", "と提携", "と提携"),
    "supplies": Predicate("供給先", "に供給", "から調達"),
}
PROPERTY_LABELS = {
    "development_cost": "開発コスト", "funding": "資金調達", "investment": "投資額", "market_value": "時価総額",
    "market_value_lost": "失われた時価総額", "share_price_change": "株価の変動", "revenue": "売上高",
    "operating_profit": "営業利益", "ordinary_profit": "経常利益", "profit": "純利益", "fx_sensitivity": "為替感応度",
    "policy_rate": "政策金利", "price": "価格", "users": "利用者数",
}
BASIS_LABELS = {"actual": "実績", "forecast": "予想", "plan": "計画"}  # what a claim's number is
ROLE_PREDICATES = {p for p, label in PREDICATE_LABELS.items() if label.of_subject == f"の{label}"}  # a person's place: 翔洋自動車の社長
DATE_FROM_LABELS = {"front matter": "フロントマター", "html": "ページの情報", "text": "本文の日付行"}  # where an article's date came from
EVENT_LABELS = {"market": "市場", "product": "製品", "policy": "政策", "investment": "投資", "people": "人事"}
