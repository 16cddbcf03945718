"""jsonstream: the pieces of a document are exactly the text of dumping it whole."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from builder.files.jsonstream import dumps, parts

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                      max_leaves=20)


@given(VALUES)
def test_pieces_join_to_the_whole_document(value):
    assert "".join(parts(value)) == dumps(value) == json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def test_generators_are_streamed_item_by_item():
    made = []

    def items():
        for n in range(3):
            made.append(n)
            yield {"番号": n, "b": [n]}

    pieces = parts({"z": 1, "a": items()})
    assert next(pieces) == "{" and next(pieces) == '"a":' and next(pieces) == "[" and made == []
    assert next(pieces) == '{"b":[0],"番号":0}' and made == [0]
    assert "".join(pieces) == ',{"b":[1],"番号":1},{"b":[2],"番号":2}],"z":1}'
