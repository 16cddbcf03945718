"""site.Staged: nothing in the target changes before commit; then exactly the files made,
unchanged ones untouched."""

from __future__ import annotations

import os
import stat

from builder.files.staging import Staged


def test_a_new_folder_appears_in_one_move(tmp_path):
    staged = Staged(tmp_path / "site")
    assert staged.put("a/b.html", "本文") is True
    assert not (tmp_path / "site").exists()
    staged.commit({"a/b.html"})
    assert (tmp_path / "site" / "a" / "b.html").read_text(encoding="utf-8") == "本文"
    assert not staged.staging.exists()


def test_only_changed_files_are_written_and_others_removed(tmp_path):
    target = tmp_path / "site"
    first = Staged(target)
    for name in ("same.html", "changed.html", "gone/old.html"):
        first.put(name, name)
    first.commit({"same.html", "changed.html", "gone/old.html"})
    before = (target / "same.html").stat().st_mtime_ns
    second = Staged(target)
    assert second.put("same.html", "same.html") is False
    assert second.put("changed.html", "新しい") is True
    assert second.put("new.html", "new") is True
    assert (target / "changed.html").read_text(encoding="utf-8") == "changed.html"  # nothing moves before commit
    second.commit({"same.html", "changed.html", "new.html"})
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["changed.html", "new.html", "same.html"]
    assert (target / "same.html").stat().st_mtime_ns == before
    assert (target / "changed.html").read_text(encoding="utf-8") == "新しい"


def test_a_discarded_build_leaves_the_target_as_it_was(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("old", encoding="utf-8")
    staged = Staged(target)
    staged.put("index.html", "new")
    staged.discard()
    assert (target / "index.html").read_text(encoding="utf-8") == "old" and not staged.staging.exists()


def test_owned_folders_limit_what_is_removed(tmp_path):
    content = tmp_path / "content"
    (content / "entities").mkdir(parents=True)
    (content / "curation.yaml").write_text("entities: {}\n", encoding="utf-8")
    (content / "entities" / "old.yaml").write_text("id: old\n", encoding="utf-8")
    staged = Staged(content, owned=("entities", "events"))
    staged.put("entities/new.yaml", "id: new\n")
    staged.commit({"entities/new.yaml"})
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file()) == [
        "curation.yaml", "entities/new.yaml"]


def test_a_file_given_in_pieces_is_staged_only_when_its_bytes_changed(tmp_path):
    target = tmp_path / "site"
    first = Staged(target)
    assert first.put("kb.json", iter(["{", '"名前"', ":1}"])) is True
    first.commit({"kb.json"})
    before = (target / "kb.json").stat().st_mtime_ns
    second = Staged(target)
    assert second.put("kb.json", iter(['{"名', '前":1}'])) is False  # same bytes, cut elsewhere
    assert second.put("new.json", iter(["[", "]"])) is True
    assert not (second.staging / "kb.json").exists()
    assert second.put("other.json", ['{"名前":2}']) is True
    second.commit({"kb.json", "new.json", "other.json"})
    assert (target / "kb.json").stat().st_mtime_ns == before
    assert (target / "new.json").read_text(encoding="utf-8") == "[]"


def test_files_are_readable_by_a_web_server_whatever_the_umask(tmp_path):
    old = os.umask(0o077)
    try:
        staged = Staged(tmp_path / "site")
        staged.put("a/b/page.html", "本文")
        staged.put("big.json", iter(["[", "]"]))
        staged.commit({"a/b/page.html", "big.json"})
    finally:
        os.umask(old)
    for name in ("a/b/page.html", "big.json"):
        assert stat.S_IMODE((tmp_path / "site" / name).stat().st_mode) == 0o644, name
