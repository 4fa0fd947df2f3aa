"""The Python API on the dev corpus store: what a notebook user gets."""

from __future__ import annotations

from pathlib import Path

import pytest

import tracewire
from tracewire.records import BuildReport
from tracewire.store import Store


@pytest.fixture
def graph(dev_store: tuple[Store, BuildReport]) -> tracewire.Graph:
    store, _ = dev_store
    return tracewire.open(store.location)


def test_entity_by_any_alias(graph: tracewire.Graph) -> None:
    irgc = graph.entity("Islamic Revolutionary Guards Corps")
    assert irgc is not None and irgc.canonical == "Islamic Revolutionary Guard Corps"
    assert graph.entity("IRGC") == irgc
    assert graph.entity("No Such Vendor Ltd") is None


def test_claims_of_an_entity_as_a_dataframe(graph: tracewire.Graph) -> None:
    claims = graph.claims("Tiandy", relation="contract")
    assert claims and all(c.relation == "contract" for c in claims)
    assert all("Tiandy" in (c.subject, c.object) for c in claims)
    frame = claims.to_pandas()
    assert len(frame) == len(claims)
    assert {"subject", "relation", "object", "hedging", "evidence", "document"} <= set(frame)
    pairs = set(zip(frame["subject"], frame["object"], strict=True))
    assert ("Islamic Revolutionary Guard Corps", "Tiandy") in pairs | {(b, a) for a, b in pairs}


def test_entities_filter_by_type(graph: tracewire.Graph) -> None:
    companies = graph.entities("Company")
    names = {e.canonical for e in companies}
    assert {"Tiandy", "Huawei"} <= names
    assert all(e.type == "Company" for e in companies)
    assert list(companies.to_pandas()["canonical"]) == [e.canonical for e in companies]


def test_unknown_names_raise_a_clear_error(graph: tracewire.Graph) -> None:
    with pytest.raises(tracewire.EntityNotFoundError, match="No Such Vendor"):
        graph.claims("No Such Vendor")


def test_open_missing_store_fails_unless_created(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        tracewire.open(tmp_path / "none.db")
    with tracewire.open(tmp_path / "new.db", create=True) as fresh:
        assert fresh.entities() == [] and fresh.alerts() == []


def test_to_pandas_without_pandas_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins  # noqa: PLC0415

    real_import = builtins.__import__

    def no_pandas(name: str, *args: object, **kwargs: object) -> object:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match=r"tracewire\[pandas\]"):
        tracewire.to_pandas([{"a": 1}])
