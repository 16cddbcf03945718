"""Bytes → text: UTF-8 first, CP932 and EUC-JP only when the text reads as Japanese, LF line endings."""

import random

import pytest

from builder.errors import InputError
from builder.read.decode import decode

TEXT = "翔洋自動車の佐伯拓海社長は８日、新工場の稼働を発表した。\n２０２５年の生産は前年比３％増の見通し。\n"


@pytest.mark.parametrize("codec, name", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8"), ("cp932", "CP932 (Shift_JIS)"), ("shift_jis", "CP932 (Shift_JIS)"), ("euc_jp", "EUC-JP"),
])
def test_japanese_in_every_encoding_people_save_it_in(codec, name):
    decoded = decode(TEXT.encode(codec), "seeds/a.txt")
    assert (decoded.text, decoded.encoding) == (TEXT, name)


def test_windows_characters_of_cp932():
    text = "髙野精機㈱の①新工場、山﨑恵子取締役が説明した。\n"
    assert decode(text.encode("cp932"), "x").text == text


def test_half_width_katakana_of_old_files_is_japanese():
    text = "ｿﾌﾄｳｪｱ部門の売上は前年を上回った。ｼｽﾃﾑ開発も好調だという。\n"
    assert decode(text.encode("cp932"), "x").encoding == "CP932 (Shift_JIS)"
    # saved as EUC-JP, the same text decodes as CP932 too (kanji and half-width garbage, no kana): EUC-JP wins
    assert decode(text.encode("euc_jp"), "x").encoding == "EUC-JP"


@pytest.mark.parametrize("raw, ending", [
    ("一行目\r\n二行目\r\n", "CRLF"), ("一行目\r二行目\r", "CR"), ("一行目\r\n二行目\r三行目\n", "mixed"),
])
def test_line_endings_become_lf(raw, ending):
    assert "\r" not in decode(raw.encode(), "x").text
    assert decode(raw.encode(), "x").text.split("\n")[:2] == ["一行目", "二行目"]


@pytest.mark.parametrize("raw, line, byte", [
    ("Menu du jour\nCafé crème, naïveté".encode("latin-1"), 2, "0xe9"),
    ("Ørsted A/S".encode("latin-1"), 1, "0xd8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", 1, "0x89"),
])
def test_latin1_and_binary_are_not_taken_for_japanese(raw, line, byte):
    with pytest.raises(InputError) as err:
        decode(raw, "seeds/x.txt")
    assert str(err.value) == (f"seeds/x.txt:{line}: not UTF-8 text (byte {byte}), nor Japanese in Shift_JIS or EUC-JP; "
                              "save the article as UTF-8")


def test_random_bytes_are_not_read_as_japanese():
    rng = random.Random(13)
    taken = 0
    for _ in range(2000):
        raw = bytes(rng.randrange(128, 256) for _ in range(rng.randrange(40, 400)))
        try:
            taken += decode(raw, "x").encoding != "UTF-8"
        except InputError:
            pass
    assert taken == 0


@pytest.mark.parametrize("raw, message", [
    (b"", "x: empty article: the file has no text"),
    (b" \n\r\n\t", "x: empty article: the file has no text"),
    ("一行目\n二\x00行目".encode(), "x:2: binary data (NUL byte) in a text article"),
])
def test_empty_and_nul(raw, message):
    with pytest.raises(InputError) as err:
        decode(raw, "x")
    assert str(err.value) == message
