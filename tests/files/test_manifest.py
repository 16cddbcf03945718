"""manifest.Seeds: a seed is read again only when its size or times moved, or when it was
recorded too soon after an edit to trust them."""

from __future__ import annotations

import hashlib
import os
import time

from builder.files.manifest import Seeds


def reader(calls: list):
    def read(path):
        calls.append(path.name)
        return path.read_bytes()
    return read


def test_a_seed_unchanged_since_it_settled_is_not_read_again(tmp_path):
    seed = tmp_path / "a.txt"
    seed.write_text("北斗精機は10日、新工場を公開した。", encoding="utf-8")
    time.sleep(Seeds.SETTLE + 0.2)
    calls: list = []
    first = Seeds([seed], {}, reader(calls))
    assert calls == ["a.txt"] and first.digests == [hashlib.sha256(seed.read_bytes()).digest()] and str(seed) in first.record
    again = Seeds([seed], first.record, reader(calls))
    assert calls == ["a.txt"] and again.digests == first.digests and again.record == first.record
    assert again.bytes_of(seed, reader(calls)) == seed.read_bytes() and calls == ["a.txt", "a.txt"]  # the build still reads it


def test_an_edit_of_the_same_size_is_seen(tmp_path):
    seed = tmp_path / "a.txt"
    seed.write_bytes(b"version one")
    time.sleep(Seeds.SETTLE + 0.2)
    first = Seeds([seed], {}, reader([]))
    st = os.stat(seed)
    seed.write_bytes(b"version two")
    os.utime(seed, ns=(st.st_atime_ns, st.st_mtime_ns))  # the same size and modification time: the change time still moves
    calls: list = []
    again = Seeds([seed], first.record, reader(calls))
    assert calls == ["a.txt"] and again.digests == [hashlib.sha256(b"version two").digest()]


def test_a_seed_edited_a_moment_ago_is_not_trusted_next_time(tmp_path):
    seed = tmp_path / "a.txt"
    seed.write_bytes(b"just written")
    calls: list = []
    first = Seeds([seed], {}, reader(calls))
    assert first.record == {}  # an edit within the same tick of the clock would keep its times
    Seeds([seed], first.record, reader(calls))
    assert calls == ["a.txt", "a.txt"]
    data = first.bytes_of(seed, reader(calls))
    assert data == b"just written" and calls == ["a.txt", "a.txt"]  # read once for its digest, handed to the build
