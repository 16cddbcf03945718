"""record_cache: `musubi render` parses only the record files that changed since it last
looked, and never serves a stale or broken record."""

from __future__ import annotations

import os
import shutil

import pytest

from builder.errors import InputError
from builder.kb.record_cache import load_records


@pytest.fixture()
def content(built_site, tmp_path):
    """A copy of the records built from seeds/."""
    shutil.copytree(built_site.parent / "content", tmp_path / "content")
    return tmp_path / "content"


def test_a_second_load_parses_only_what_changed(content, tmp_path):
    cache = tmp_path / "cache"
    first, parsed = load_records(content, cache, "code-1")
    assert parsed == len(first) > 20
    again, parsed = load_records(content, cache, "code-1")
    assert parsed == 0 and again == first
    record = content / "entities" / "deepseek.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("name: DeepSeek\n", "name: 深度求索\n"), encoding="utf-8")
    (content / "events" / min(os.listdir(content / "events"))).unlink()
    edited, parsed = load_records(content, cache, "code-1")
    assert parsed == 1 and edited["entities/deepseek.yaml"]["name"] == "深度求索"
    assert len(edited) == len(first) - 1
    assert load_records(content, cache, "code-2")[1] == len(edited)  # other checks: everything is read again


def test_a_broken_edit_is_reported_even_when_the_old_record_is_cached(content, tmp_path):
    cache = tmp_path / "cache"
    load_records(content, cache, "code")
    record = content / "entities" / "deepseek.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "relations: [\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_records(content, cache, "code")
    assert "deepseek.yaml" in str(error.value) and error.value.line is not None


def test_a_damaged_cache_is_read_as_empty(content, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "records.pickle").write_bytes(b"not a pickle")
    records, parsed = load_records(content, cache, "code")
    assert parsed == len(records) > 20
