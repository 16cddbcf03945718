"""Stable ASCII, URL-safe ids: Latin names as written, Japanese by their reading.

ジェーン・ミラー → jen-mira, ZetaLab-Z2 → zetalab-z2. Readings come
from UniDic (katakana), romanised with a plain Hepburn table.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_BASE = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n", "ヴ": "vu",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
}
_SMALL_Y = {"ャ": "a", "ュ": "u", "ョ": "o"}
_MAX = 60


def romanize(kana: str) -> str:
    """Katakana (or hiragana) to Latin letters; other characters pass through."""
    kana = "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in kana)
    out: list[str] = []
    double = False
    for ch in kana:
        if ch == "ッ":
            double = True
            continue
        if ch in _SMALL_Y and out and len(out[-1]) >= 2 and out[-1].endswith("i"):
            stem = out[-1][:-1]
            out[-1] = (stem if stem in ("sh", "ch", "j") else stem + "y") + _SMALL_Y[ch]
            continue
        if ch in "ァィゥェォ" and out and len(out[-1]) >= 2:
            out[-1] = out[-1][:-1] + _BASE[ch]  # フィ → fi, ティ → ti
            continue
        if ch == "ー":
            continue
        roman = _BASE.get(ch, ch)
        if double and roman and roman[0].isalpha():
            roman = roman[0] + roman
        double = False
        out.append(roman)
    return "".join(out)


def slugify(text: str, reading: str = "") -> str:
    """An ASCII slug for `text`, using `reading` (katakana) for Japanese parts."""
    latin = unicodedata.normalize("NFKC", text)
    if not re.search(r"[A-Za-z0-9]", latin) or re.search(r"[^\x00-\x7f]", latin):
        latin = romanize(unicodedata.normalize("NFKC", reading or text))
    slug = re.sub(r"[^a-z0-9]+", "-", latin.casefold()).strip("-")[:_MAX].strip("-")
    return slug or "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


_SOUND_RULES = [("ng", "n"), ("ph", "f"), ("ck", "k"), ("th", "s"), ("sh", "s"), ("ch", "t"), ("ts", "t"), ("c", "k"), ("q", "k"),
                ("x", "ks"), ("l", "r"), ("v", "b"), ("w", ""), ("h", ""), ("y", "")]
_VOWELS = re.compile(r"[aeiou]+")
ACRONYM = re.compile(r"[B-DF-HJ-NP-TV-XZ]+")  # capitals and no vowel: DCM, NTT


def sound_key(text: str) -> str:
    """A rough consonant skeleton shared by a Latin name and its katakana spelling:
    Microsoft and マイクロソフト both give `mkrsft`. Empty for mixed or very short names."""
    written = re.sub(r"[\s・･\-_.=＝&']", "", unicodedata.normalize("NFKC", text))
    if ACRONYM.fullmatch(written):
        return ""  # DCM is read letter by letter, not ドコモ
    letters = written.casefold()
    version = re.search(r"\d+$", letters)  # Mira 2 ~ ミラ2
    digits = version.group(0) if version else ""
    letters = letters[: len(letters) - len(digits)]
    if re.fullmatch(r"[a-z]+", letters):
        roman = letters
    elif re.fullmatch(r"[\u30a1-\u30faー]+", letters):
        roman = romanize(letters)
    else:
        return ""
    for a, b in _SOUND_RULES:
        roman = roman.replace(a, b)
    skeleton = re.sub(r"(.)\1+", r"\1", _VOWELS.sub("", roman))
    while len(skeleton) > 3 and skeleton[-1] in "sr":  # Labs ~ ラボ, Palantir ~ パランティア
        skeleton = skeleton[:-1]
    if digits and len(skeleton) >= 2:
        return skeleton + digits
    return skeleton if len(skeleton) >= 3 else ""
