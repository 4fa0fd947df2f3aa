"""Tests for finding report files under the paths a user names."""

from __future__ import annotations

from pathlib import Path

from tracewire.ingest import discover
from tracewire.records import Skip


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Some report text for the test.", encoding="utf-8")
    return path


def test_walks_directories_in_name_order(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "sub/deeper/d.HTML", "sub/c.pdf", "z.htm"):
        touch(tmp_path / name)
    assert list(discover([tmp_path])) == [
        tmp_path / "a.txt",
        tmp_path / "b.md",
        tmp_path / "sub/c.pdf",
        tmp_path / "sub/deeper/d.HTML",
        tmp_path / "z.htm",
    ]


def test_hidden_and_extensionless_files_are_passed_over(tmp_path: Path) -> None:
    for name in (".notes.txt", ".cache/report.txt", "README", "LICENSE", "report.txt"):
        touch(tmp_path / name)
    assert list(discover([tmp_path])) == [tmp_path / "report.txt"]


def test_unsupported_files_in_a_walk_are_skipped_with_a_reason(tmp_path: Path) -> None:
    touch(tmp_path / "data.csv")
    touch(tmp_path / "report.txt")
    assert list(discover([tmp_path])) == [
        Skip(str(tmp_path / "data.csv"), "unsupported file type '.csv'"),
        tmp_path / "report.txt",
    ]


def test_files_named_directly_are_yielded_whatever_their_type(tmp_path: Path) -> None:
    paths = [touch(tmp_path / "data.csv"), touch(tmp_path / ".hidden.txt"), touch(tmp_path / "x")]
    assert list(discover(paths)) == paths


def test_missing_path_is_skipped(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert list(discover([missing])) == [Skip(str(missing), "no such file or directory")]


def test_each_file_is_yielded_once(tmp_path: Path) -> None:
    report = touch(tmp_path / "reports" / "a.txt")
    (tmp_path / "alias").symlink_to(tmp_path / "reports")
    assert list(discover([report, tmp_path, report])) == [report]


def test_symlink_loops_end(tmp_path: Path) -> None:
    report = touch(tmp_path / "a.txt")
    (tmp_path / "loop").symlink_to(tmp_path)
    assert list(discover([tmp_path])) == [report]
