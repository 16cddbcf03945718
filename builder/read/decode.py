"""Bytes of an article file → its text, whatever encoding and line endings it was saved with.

UTF-8 comes first (with or without a BOM). Otherwise the two Japanese legacy
encodings are tried:
CP932 (Windows' Shift_JIS) and EUC-JP, each decoded strictly. Strict decoding alone
is not enough — Latin-1 text or binary data can happen to be valid CP932 — so a
decoding is taken only when it reads as Japanese (`_plausible`). Anything else is
a user error naming the file, line and byte.

Line endings are normalised: CRLF and a lone CR each become one LF, so offsets are
characters of the text as stored in `content/sources/<id>.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.errors import InputError

UTF8 = "UTF-8"
LEGACY = (("cp932", "CP932 (Shift_JIS)"), ("euc_jp", "EUC-JP"))
# What Japanese text decoded right is made of, beyond ASCII: kana, kanji, CJK punctuation,
# full-width forms and the symbols of JIS X 0208. A wrong decoding gives Latin-1 letters,
# private-use characters or rare kanji, and no kana at all (EUC-JP read as CP932 gives
# half-width katakana and kanji: it never makes the lead bytes of kana).
_JAPANESE = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff9f\u2010-\u2312\u2460-\u25ff]+")
_KANA = re.compile("[\u3041-\u309f\u30a1-\u30fa]+")
_HALF_WIDTH_KANA = re.compile("[\uff61-\uff9f]+")
_ASCII = re.compile("[\x00-\x7f]+")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # white space (tab, line breaks, form feed) is fine
MIN_JAPANESE = 0.9  # of the characters beyond ASCII
MIN_KANA = 0.1  # of the characters beyond ASCII: prose in Japanese is a third or more kana


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # as the build log names it: UTF-8, CP932 (Shift_JIS), EUC-JP


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def decode(raw: bytes, shown: str) -> Decoded:
    """The text of `raw` (the bytes of the file `shown`), line endings as LF; a file that is
    not text, or is empty, is an `InputError`."""
    found = utf8(raw) or _legacy(raw)
    if found is None:
        error = _utf8_error(raw)
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(shown, line, f"not UTF-8 text (byte 0x{raw[error.start]:02x}), nor Japanese in Shift_JIS or EUC-JP; "
                                      "save the article as UTF-8")
    text = normalise_newlines(found.text)
    if not text.strip():
        raise InputError(shown, None, "empty article: the file has no text")
    if "\x00" in text:
        raise InputError(shown, text[: text.index("\x00")].count("\n") + 1, "binary data (NUL byte) in a text article")
    return Decoded(text, found.encoding)


def utf8(raw: bytes) -> Decoded | None:
    """`raw` as UTF-8 (a BOM dropped), or None if it is not."""
    try:
        return Decoded(raw.decode("utf-8-sig"), UTF8)
    except UnicodeDecodeError:
        return None


def _utf8_error(raw: bytes) -> UnicodeDecodeError:
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return exc
    raise AssertionError("valid UTF-8")  # only called after decoding failed


def _legacy(raw: bytes) -> Decoded | None:
    """The legacy decoding that reads most like Japanese, if one does."""
    best, best_kana = None, -1.0
    for codec, name in LEGACY:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        kana = _plausible(text)
        if kana is not None and kana > best_kana:
            best, best_kana = Decoded(text, name), kana
    return best


def _plausible(text: str) -> float | None:
    """The share of kana among the characters beyond ASCII, if `text` reads as Japanese: no
    control characters but white space, at least `MIN_JAPANESE` of those characters Japanese
    and `MIN_KANA` of them kana, and no more half-width katakana than kana. None otherwise. (Counted over runs by regular expressions:
    a loop over the characters of a 50 MB file takes half a minute.)"""
    if _CONTROL.search(text):
        return None
    beyond = len(text) - sum(map(len, _ASCII.findall(text)))
    japanese = sum(map(len, _JAPANESE.findall(text)))
    kana = sum(map(len, _KANA.findall(text)))
    half_width = sum(map(len, _HALF_WIDTH_KANA.findall(text)))  # a quarter of all byte values read as CP932
    if not beyond or japanese < MIN_JAPANESE * beyond or kana < MIN_KANA * beyond or half_width > kana:
        return None
    return kana / beyond
