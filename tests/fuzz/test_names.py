"""Generated file names: any bytes a POSIX name may hold, shown and stored without fail."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracewire.extract import Extractor
from tracewire.ingest import discover
from tracewire.ingest.paths import path_key, shown
from tracewire.pipeline import Builder
from tracewire.records import Skip
from tracewire.store import Store, open_store

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")
SUFFIXES = [b".txt", b".md", b".html", b".pdf", b".csv", b"", b".TXT", b".\xff"]
# Any byte but "/" and NUL; not "." or "..".
stems = st.binary(min_size=1, max_size=40).map(
    lambda raw: raw.replace(b"/", b"_").replace(b"\x00", b"_")
)
names = st.tuples(stems, st.sampled_from(SUFFIXES)).map(lambda parts: parts[0] + parts[1])
REPORT = "Kestrel Networks sold radio scanners to the coast guard of Elbonia in {n}.\n"


@pytest.fixture(scope="module")
def names_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return open_store(str(tmp_path_factory.mktemp("names") / "names.db"))


@given(batch=st.lists(names, min_size=1, max_size=8, unique=True))
def test_any_names_are_read_shown_and_stored(
    names_store: Store, extractor: Extractor, batch: list[bytes]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        written = []
        for n, raw in enumerate(batch):
            if raw in (b".", b".."):
                continue
            path = root / os.fsdecode(raw)
            path.write_text(REPORT.format(n=1000 + len(raw) * 10 + n), encoding="utf-8")
            written.append(path)
        builder = Builder(names_store, extractor)
        found = list(discover([root]))
        for item in found:
            label = item.source if isinstance(item, Skip) else shown(item)
            label.encode("utf-8")  # printable: no lone surrogate survives
            assert "\ufffd" in label or label == os.fsdecode(os.fsencode(label))
            if isinstance(item, Path):
                assert builder.add(item) in ("stored", "unchanged", "duplicate", "skipped")
        for skip in builder.report.skipped:
            assert "\n" not in str(skip)
            str(skip).encode("utf-8")
        visible = [p for p in written if not p.name.startswith(".")]
        keys = {path_key(p) for p in visible}
        assert len(keys) == len(visible)  # two names, two keys, even when shown alike
        for key in keys:
            key.encode("utf-8")
