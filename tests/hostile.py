"""A folder of 300 hostile inputs, made in the test that uses it (nothing is kept).

Each entry is one of the inputs that once stopped a build or could: names that are not
UTF-8, HTML naming a codec that is no character set, lines of more than a million
characters, headings and tags built to make a regex backtrack, named pipes, sockets,
dangling links and link loops, binary, empty, oversized, truncated and mislabelled
files, among ordinary reports (and copies of them). `expected` says what a build must
make of each: "stored", "duplicate", or the start of the skip reason.
"""

from __future__ import annotations

import os
import random
import socket
import string
from dataclasses import dataclass, field
from pathlib import Path

ENTRIES = 300
VENDORS = ("Northwind Optics", "Borealis Systems", "Kestrel Networks", "Lumen Vantage")
PLACES = ("Ruritania", "Borduria", "Freedonia", "Elbonia", "Eastport", "Syldavia")
GOODS = ("thermal cameras", "drones", "phone extraction kits", "radio scanners")
CODECS = ("hex", "base64", "rot13", "zlib", "bz2", "uu", "quopri", "idna", "punycode",
          "undefined", "unicode_escape", "utf-7", "no-such-charset", "")  # fmt: skip
UNSUPPORTED = (".exe", ".docx", ".jpg", ".csv", ".json", ".zip", ".xml", ".odt", ".rtf")


@dataclass
class HostileFolder:
    """The folder, its entries by path, and what a build must make of each."""

    root: Path
    expected: dict[Path, str] = field(default_factory=dict)
    sockets: list[socket.socket] = field(default_factory=list)  # closed by the test

    def close(self) -> None:
        for listener in self.sockets:
            listener.close()


def report(n: int) -> str:
    """An invented one-paragraph report, different for every `n`."""
    vendor, place = VENDORS[n % len(VENDORS)], PLACES[n % len(PLACES)]
    goods = GOODS[n % len(GOODS)]
    return (f"{vendor} sold {n + 3} {goods} to the police of {place} in {2000 + n % 24}, "
            f"according to procurement records seen by reporters in case {n}.\n")  # fmt: skip


class Maker:
    """Writes entries into the folder and records what a build must make of each."""

    def __init__(self, folder: HostileFolder, seed: int) -> None:
        self.folder, self.rng, self.numbers = folder, random.Random(seed), iter(range(10_000))

    def add(self, name: str | bytes, content: bytes | None, expected: str) -> Path:
        """An entry named `name` (bytes: not necessarily UTF-8) holding `content`."""
        path = self.folder.root / (os.fsdecode(name) if isinstance(name, bytes) else name)
        if content is not None:
            path.write_bytes(content)
        self.folder.expected[path] = expected
        return path

    def report(self) -> bytes:
        """A report never written before."""
        return report(next(self.numbers)).encode()


def make_hostile_folder(root: Path, seed: int = 16) -> HostileFolder:
    """Write the 300 entries under `root` (which must not exist yet)."""
    root.mkdir(parents=True)
    folder = HostileFolder(root)
    make = Maker(folder, seed)
    _reports_and_names(make)
    _long_lines(make)
    _special_files(make)
    _bad_content(make)
    for n in range(ENTRIES - len(folder.expected)):  # broken HTML: garbage, unclosed tags
        html = f"<div><p>{make.report().decode()}<table><tr><td>{'<b>' * n}</p>\x01"
        make.add(f"broken-{n:02d}.html", html.encode(), "stored")
    assert len(folder.expected) == ENTRIES
    return folder


def _reports_and_names(make: Maker) -> None:
    """Ordinary reports, copies, names that are not UTF-8, charsets that are no charset."""
    for n in range(20):
        make.add(f"report-{n:02d}.txt", make.report(), "stored")
    for n in range(5):
        copy = (make.folder.root / f"report-{n:02d}.txt").read_bytes()
        make.add(f"z-copy-{n}.md", copy, "duplicate")
    for n in range(10):  # Latin-1 names: stored, shown with U+FFFD
        make.add(b"caf\xe9-%d.txt" % n, make.report(), "stored")
        latin = b"caf\xe9 " + make.report()
        make.add(b"r\xe9sum\xe9-%d.txt" % n, latin, "not valid UTF-8 text")
    for codec in CODECS:
        page = f'<html><head><meta charset="{codec}"></head><body><p>{{}}</p></body></html>'
        label = codec or "empty"
        make.add(f"charset-{label}.html", page.format(make.report().decode()).encode(), "stored")
        latin = page.format("Caf\xe9 " + make.report().decode()).encode("latin-1")
        make.add(f"charset-{label}-latin.html", latin, "not valid UTF-8 text")


def _long_lines(make: Maker) -> None:
    """Lines of over a million characters, headings and tags built to make a regex
    backtrack."""
    letters = "".join(make.rng.choices(string.ascii_lowercase, k=1_200_000))
    make.add("line-letters.txt", letters.encode(), "stored")
    make.add("line-x.txt", b"x" * 1_200_000, "stored")
    make.add("line-prose.txt", (make.report().strip() + b" ") * 8_000, "stored")
    make.add("heading-spaces.md", b"# a" + b" " * 128_000 + b"b\n\n" + make.report(), "stored")
    make.add("heading-hashes.md", b"# " + b"#" * 128_000 + b"\n\n" + make.report(), "stored")
    make.add("heading-long.md", b"# " + b"word " * 25_000 + b"\n\n" + make.report(), "stored")
    make.add("less-than.txt", b"<" * 200_000, "stored")
    make.add("tags.html", b"<html><body><p>" + b"<" * 100_000 + b"</p></body></html>", "stored")


def _special_files(make: Maker) -> None:
    """Named pipes, sockets, dangling links and link loops."""
    root = make.folder.root
    for n in range(10):
        os.mkfifo(make.add(f"pipe-{n}.txt", None, "not a regular file (a named pipe)"))
    for n in range(2):
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(make.add(f"socket-{n}.txt", None, "not a regular file (a socket)")))
        make.folder.sockets.append(listener)
    for n in range(10):
        make.add(f"dangling-{n}.txt", None, "dangling symbolic link").symlink_to(root / f"gone-{n}")
    for n in range(5):
        a = make.add(f"loop-{n}-a.txt", None, "symbolic link loop")
        b = make.add(f"loop-{n}-b.txt", None, "symbolic link loop")
        a.symlink_to(b)
        b.symlink_to(a)


def _bad_content(make: Maker) -> None:
    """Binary, empty, blank, truncated, mislabelled, oversized and UTF-16 files."""
    rng = make.rng
    for n in range(30):
        noise = b"\x00" + rng.randbytes(rng.randint(10, 5000))
        name = f"binary-{n:02d}{('.txt', '.md', '.html')[n % 3]}"
        make.add(name, noise, "binary file (not text)")
    for n in range(10):
        make.add(f"empty-{n}.txt", b"", "empty file")
        make.add(f"blank-{n}.md", b" \n\t\n" * (n + 1), "no text content")
    for n in range(20):
        pdf = b"%PDF-1.4\n" + rng.randbytes(rng.randint(0, 3000))
        make.add(f"broken-{n:02d}.pdf", pdf, "unreadable PDF")
    for n in range(30):
        suffix = UNSUPPORTED[n % len(UNSUPPORTED)]
        make.add(f"other-{n:02d}{suffix}", b"data", "unsupported file type")
    huge = make.add("huge.txt", None, "file is larger than 20 MB")
    with huge.open("wb") as handle:  # sparse: 20 MB + 1 byte without writing them
        handle.truncate(20_000_001)
    for n in range(10):
        noise = bytes(rng.choice(range(1, 9)) for _ in range(400)) + b" words"
        make.add(f"control-{n}.txt", noise, "binary file (not text)")
    for n in range(10):
        utf16 = make.report().decode().encode("utf-16-le")
        make.add(f"utf16-{n}.txt", utf16, "binary file (not text)")
