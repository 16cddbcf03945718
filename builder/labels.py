"""The Japanese words the site uses for types, relations, properties and events."""

from __future__ import annotations

TYPE_LABELS = {
    "company": "企業", "person": "人物", "model": "AIモデル・製品", "index": "市場指数",
    "project": "プロジェクト", "organization": "組織・機関", "place": "地域",
}
PREDICATE_LABELS = {
    "ceo_of": "CEO", "chairman_of": "会長", "president_of": "社長", "founder_of": "創業者", "cfo_of": "CFO",
    "cto_of": "CTO", "coo_of": "COO", "vice_president_of": "副社長", "representative_of": "代表",
    "director_of": "取締役", "head_of": "トップ", "chair_of": "議長", "leader_of": "指導者", "member_of": "所属",
    "developed_by": "開発元", "leads": "主導", "located_in": "所在地", "parent_of": "親会社", "invested_in": "出資先",
}
PROPERTY_LABELS = {
    "development_cost": "開発コスト", "funding": "資金調達", "investment": "投資額", "market_value": "時価総額",
    "market_value_lost": "失われた時価総額", "share_price_change": "株価の変動", "revenue": "売上高",
    "profit": "利益", "price": "価格", "users": "利用者数",
}
ROLE_PREDICATES = {p for p in PREDICATE_LABELS if p.endswith("_of") and p not in ("parent_of", "member_of")}
DATE_FROM_LABELS = {"front matter": "フロントマター", "html": "ページの情報", "text": "本文の日付行"}  # where an article's date came from
EVENT_LABELS = {"market": "市場", "product": "製品", "policy": "政策", "investment": "投資", "people": "人事"}
