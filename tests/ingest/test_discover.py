"""Tests for finding report files under the paths a user names."""

from __future__ import annotations

import os
import socket
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


def test_regular_files_named_directly_are_yielded_whatever_their_suffix(tmp_path: Path) -> None:
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


def test_special_entries_get_a_skip_line_each(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a-pipe.txt")
    os.mkfifo(tmp_path / "b-pipe")  # no extension: still not silently passed over
    (tmp_path / "c-dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "d-loop.md").symlink_to(tmp_path / "e-loop.md")
    (tmp_path / "e-loop.md").symlink_to(tmp_path / "d-loop.md")
    (tmp_path / "f-self.txt").symlink_to(tmp_path / "f-self.txt")
    report = touch(tmp_path / "g-report.txt")
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(tmp_path / "h-socket.txt"))
        found = list(discover([tmp_path]))
    assert found == [
        Skip(str(tmp_path / "a-pipe.txt"), "not a regular file (a named pipe)"),
        Skip(str(tmp_path / "b-pipe"), "not a regular file (a named pipe)"),
        Skip(str(tmp_path / "c-dangling.txt"), "dangling symbolic link"),
        Skip(str(tmp_path / "d-loop.md"), "symbolic link loop"),
        Skip(str(tmp_path / "e-loop.md"), "symbolic link loop"),
        Skip(str(tmp_path / "f-self.txt"), "symbolic link loop"),
        report,
        Skip(str(tmp_path / "h-socket.txt"), "not a regular file (a socket)"),
    ]


def test_special_entries_named_directly_get_a_skip_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    names = ["pipe.txt", "dangling.txt", "loop.txt"]
    assert [str(item) for item in discover([tmp_path / n for n in names])] == [
        f"{tmp_path}/pipe.txt: not a regular file (a named pipe)",
        f"{tmp_path}/dangling.txt: dangling symbolic link",
        f"{tmp_path}/loop.txt: symbolic link loop",
    ]


def test_undecodable_names_are_shown_with_replacement_characters(tmp_path: Path) -> None:
    touch(tmp_path / os.fsdecode(b"report-\xff.txt"))
    touch(tmp_path / os.fsdecode(b"table-\xfe.csv"))
    found = list(discover([tmp_path]))
    assert isinstance(found[0], Path) and found[0].name == os.fsdecode(b"report-\xff.txt")
    assert found[1] == Skip(f"{tmp_path}/table-\ufffd.csv", "unsupported file type '.csv'")
    str(found[1]).encode("utf-8")  # printable as it is
