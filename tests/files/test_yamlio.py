import math

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.files.yamlio import SAFE_LOADER, dump

# Text of every kind: Japanese, Latin, digits, YAML indicators, quotes, spaces, tabs,
# line breaks, controls and the separators YAML treats as line breaks. (No lone surrogates:
# text comes from UTF-8 files, which cannot hold them.)
TEXT = st.text(st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(list("日本語テスト abc:#-'\"|>[]{},&*!%@`?\t\n\r\x85\u2028\ufeff"))))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT,
                    st.sampled_from(["yes", "No", "null", "~", "1e3", "0x1F", "2025-01-27", "12:30", "- a", "a: b",
                                     "a #b", "<<", "=", ".inf", "", " ", "\n", "a\n", "a\n\n", "\na", "  a\nb"]))
RECORDS = st.dictionaries(TEXT, st.recursive(SCALARS, lambda inner: st.lists(inner) | st.dictionaries(TEXT, inner), max_leaves=20))


@settings(max_examples=300, deadline=None)
@given(RECORDS)
def test_what_is_written_loads_back_the_same(record):
    assert yaml.load(dump(record), Loader=SAFE_LOADER) == record


def test_layout_is_block_style_with_sorted_keys_and_literal_text():
    text = dump({"b": [{"y": 1, "x": "日本"}], "a": "一行目\n二行目\n", "c": "2025-01-27", "d": []})
    assert text == "a: |\n  一行目\n  二行目\nb:\n- x: 日本\n  y: 1\nc: '2025-01-27'\nd: []\n"


def test_floats_read_back_as_floats():
    assert yaml.safe_load(dump({"n": 1e20}))["n"] == 1e20
    assert math.isinf(yaml.safe_load(dump({"n": float("inf")}))["n"])


def test_values_records_never_hold_are_refused():
    with pytest.raises(TypeError):
        dump({"a": (1, 2)})
