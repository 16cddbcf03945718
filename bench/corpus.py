"""A deterministic synthetic news corpus: N articles recombined from sentences written
for this benchmark, with varied invented names, dates and amounts.

The names are made up (katakana and kanji companies with the usual endings, people,
models, indices) so that the corpus exercises the rules, not the lexicon. An article
has a title, a dateline, and about as much text as a seed article (~2,300 characters).
"""

from __future__ import annotations

import random
from pathlib import Path

KANA = ["アル", "ベル", "カナ", "ディオ", "エマ", "フィン", "ガイア", "ヘリオ", "イリス", "ジュノ", "カイロ", "ルナ", "ミラ", "ノヴァ",
        "オルテ", "ペガ", "クオン", "リブラ", "セラ", "テラ", "ウルス", "ヴェガ", "ゼノ", "ソラ", "トワ", "ネビュラ", "コルト", "メリ"]
ENDINGS = ["テック", "ラボ", "電機", "精機", "自動車", "ロボティクス", "ホールディングス", "システムズ", "製薬", "銀行"]
KANJI = ["東雲", "北辰", "翔洋", "紫峰", "蒼海", "白鷺", "朱雀", "若葉", "青嶺", "千歳", "光陽", "大和田"]
FAMILY = ["高森", "佐伯", "小野寺", "早瀬", "水城", "桐島", "結城", "朝霧", "神崎", "一ノ瀬"]
GIVEN = ["美咲", "健太", "陽菜", "拓海", "莉子", "翔", "結衣", "大輝", "葵", "蓮"]
FOREIGN = ["ジェーン・ミラー", "カルロス・ベガ", "アンナ・ホルム", "リー・チェン", "オマール・ファルーク", "エレナ・ソコロワ",
           "ルーカス・ブラント", "マヤ・シン", "ノア・ケラー", "イネス・モラレス"]
TITLES = ["CEO", "社長", "会長", "最高技術責任者", "副社長"]
MODELS = ["{k}-{n}", "{k} {n}", "{k}{n}X", "{k}-{n} Pro", "{k} Vision {n}"]
LATIN = ["Astra", "Nimbus", "Quill", "Vesta", "Orion", "Lyra", "Pulse", "Kite", "Atlas", "Sable"]
INDICES = ["日経平均株価", "TOPIX", "NYダウ", "ナスダック総合指数", "S&P500"]
PLACES = ["東京", "大阪", "札幌", "福岡", "シンガポール", "ソウル", "ロンドン", "ベルリン", "深圳", "ベンガルール"]
HEADINGS = ["市場の反応", "技術の特徴", "各社の対応", "今後の見通し", "規制をめぐる議論", "投資の動き"]

SENTENCES = [
    "{company}は{day}日、新しいAIモデル「{model}」を発表した。",
    "{company}の{person}{title}は「{quote}」と語った。",
    "{company}が開発した{model}は、従来の半分のコストで同等の性能を示したという。",
    "この発表を受けて{index}は一時{pct}%下落し、{month}月{day}日の取引を終えた。",
    "{company}の株価は前日比{pct}%安となり、時価総額は約{amount}億ドル減少した。",
    "{company}は{place}に本社を置く{kind}で、{year}年に設立された。",
    "{company}は{other}に{amount}億円を出資すると発表した。",
    "{person}{title}は、{company}が今後{year}年までに{amount}億ドルを投資する計画を明らかにした。",
    "市場関係者の間では、{company}と{other}の競争が一段と激しくなるとの見方が広がっている。",
    "{other}傘下の{company}も、同日に新型チップの量産開始を公表した。",
    "{company}や{other}、{third}などの大手各社は、生成AI向けの設備投資を拡大している。",
    "アナリストは、{model}の登場が半導体需要の構造を変える可能性があると指摘する。",
    "{company}によると、{model}の開発費は約{amount}億円にとどまったという。",
    "一方で、データの扱いや透明性をめぐる懸念も指摘されている。",
    "{place}の規制当局は、AIモデルの安全性評価に関する新たな指針を{month}月に公表する予定だ。",
    "{index}は{month}月{day}日、前週末比{pct}%高で取引を終えた。",
]
QUOTES = ["需要は想定以上に強い", "価格競争には加わらない", "安全性を最優先に開発を進める", "来年には黒字化できる",
          "提携の幅を広げていく"]


def _company(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(KANJI) + rng.choice(ENDINGS[1:6])
    return rng.choice(KANA) + rng.choice(KANA) + rng.choice(ENDINGS)


def _person(rng: random.Random) -> str:
    return rng.choice(FOREIGN) if rng.random() < 0.5 else rng.choice(FAMILY) + rng.choice(GIVEN)


def _model(rng: random.Random) -> str:
    return rng.choice(MODELS).format(k=rng.choice(LATIN), n=rng.randint(2, 9))


def article(n: int, rng: random.Random) -> str:
    """One article: title, dateline, paragraphs with a heading or two."""
    cast = {"company": _company(rng), "other": _company(rng), "third": _company(rng), "person": _person(rng),
            "model": _model(rng), "index": rng.choice(INDICES), "place": rng.choice(PLACES), "title": rng.choice(TITLES),
            "kind": rng.choice(["スタートアップ", "半導体大手", "電機メーカー", "新興企業"])}
    year, month = rng.choice([2025, 2026]), rng.randint(1, 12)
    lines = [f"{cast['company']}、新モデル「{cast['model']}」を発表 市場に波紋", f"{year}年{month}月{rng.randint(1, 28)}日", ""]
    size = 0
    while size < 2200:
        if lines[-1] == "" and size and rng.random() < 0.25:
            lines += [rng.choice(HEADINGS), ""]
        paragraph = "".join(
            rng.choice(SENTENCES).format(**cast, day=rng.randint(1, 28), month=month, year=year + rng.randint(0, 3),
                                         pct=round(rng.uniform(0.5, 18), 1), amount=f"{rng.randint(5, 9000):,}",
                                         quote=rng.choice(QUOTES))
            for _ in range(rng.randint(3, 5)))
        lines += [paragraph, ""]
        size += len(paragraph)
    return "\n".join(lines)


def write_corpus(folder: Path, count: int, seed: int = 20250127) -> Path:
    """`count` articles as folder/a00000.txt …; the same seed gives the same bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for n in range(count):
        (folder / f"a{n:05d}.txt").write_text(article(n, rng), encoding="utf-8")
    return folder


def long_article(size: int, seed: int = 20250127) -> str:
    """One article of about `size` bytes of UTF-8 (a long report, a transcript): a title, a
    dateline, then the paragraphs of many generated articles, one after the other."""
    rng = random.Random(seed)
    lines = ["長期報告：AI産業と市場の動向（全文）", "2025年1月28日", ""]
    total = sum(len(line.encode()) + 1 for line in lines)
    n = 0
    while total < size:
        body = article(n, rng).split("\n")[3:]  # without its own title and dateline
        lines += body
        total += sum(len(line.encode()) + 1 for line in body)
        n += 1
    return "\n".join(lines)
