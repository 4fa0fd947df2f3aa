"""The build's units of work: reading one file, extracting one document."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.engine.tasks import extract_document, extractor_for, read_document, use_extractor
from tracewire.extract import Extractor, UnknownExtractorError
from tracewire.records import Document, Skip

REPORT = (
    "Norvik Security Systems supplied thermal cameras to the Ruritanian border police in "
    "2019, according to procurement records. Quillfeather Analytics denied selling "
    "spyware to Borduria."
)


def test_reading_gives_the_document_or_the_reason(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    document = read_document(good)
    assert isinstance(document, Document) and document.text == REPORT
    skipped = read_document(tmp_path / "empty.txt")
    assert isinstance(skipped, Skip)
    assert skipped.source.endswith("empty.txt") and skipped.reason == "empty file"


def test_extraction_is_the_extractors_own(tmp_path: Path, extractor: Extractor) -> None:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    document = read_document(path)
    assert isinstance(document, Document)
    name = f"{extractor.name}#test"  # not the registry's name: other tests load that one
    use_extractor(name, extractor)
    assert extractor_for(name) is extractor
    found, made_by = extract_document(document, name)
    assert found == extractor.extract(document)
    assert found.mentions and found.claims
    assert made_by == (extractor.name, extractor.version)


def test_an_unknown_extractor_is_named_in_the_error() -> None:
    with pytest.raises(UnknownExtractorError, match=r"no\.such/9"):
        extractor_for("no.such/9")
