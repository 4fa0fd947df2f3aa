"""A small invented trade store with every relation the exports map specially."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest

from tracewire.store import Store, open_store
from tracewire.store.models import DocumentRow

from .web.factory import StoreBuilder

DOC_A = (
    "Acme Vision supplied facial recognition cameras to the Ruritanian Interior Ministry in "
    "March 2021. The Ruritanian Interior Ministry signed a contract with Acme Vision Ltd in "
    "2022. Acme Vision later confirmed the contract with the Ruritanian Interior Ministry. "
    "Acme Vision is allegedly the owner of Zenith Labs. Borduria sanctioned Zenith Labs in "
    "2023. Ruritania joined the Northern Alliance."
)
DOC_B = (
    "Acme Vision plans to supply drones to the Ruritanian Interior Ministry. Zenith Labs "
    'supplies\nGaze, the "eye", to anyone.'
)
URL_A = "https://example.org/reports/ruritania"


@dataclass
class Trade:
    """The invented store and the ids the tests refer to."""

    store: Store
    ids: dict[str, int]
    claims: dict[str, int]


def build_trade(store: Store, *, reverse: bool = False) -> Trade:
    """Two reports and eight claims; `reverse` adds the entities in the opposite order,
    so that row ids differ while every key stays the same."""
    b = StoreBuilder(store)
    b.document("docA", "ruritania.txt", DOC_A, "Cameras for Ruritania", date(2023, 6, 1))
    b.document("docB", "zenith.txt", DOC_B)
    with store.transaction() as s:
        row = s.get(DocumentRow, "docA")
        assert row is not None
        row.url = URL_A
    specs = [
        ("acme", "Acme Vision", "Company", ("AV Group",)),
        ("ministry", "Ruritanian Interior Ministry", "PublicBody", ("Interior Ministry",)),
        ("zenith", "Zenith Labs", "Company", ()),
        ("borduria", "Borduria", "Country", ()),
        ("ruritania", "Ruritania", "Country", ()),
        ("alliance", "Northern Alliance", "Organization", ()),
        ("gaze", "Gaze", "Technology", ()),
    ]
    ids: dict[str, int] = {}
    for name, canonical, type_, aliases in reversed(specs) if reverse else specs:
        ids[name] = b.entity(canonical, type_, aliases=aliases)
    ids["acme_ltd"] = b.entity("Acme Vision Ltd", "Company", cluster=ids["acme"])
    b.mention("docA", ids["acme"], "Acme Vision")
    b.mention("docA", ids["acme_ltd"], "Acme Vision Ltd")
    b.mention("docA", ids["zenith"], "Zenith Labs")
    i = ids
    claims = {
        "supplies_a": b.claim("docA", i["acme"], "supplies", i["ministry"],
                              "Acme Vision supplied facial recognition cameras to the "
                              "Ruritanian Interior Ministry in March 2021.",
                              date="2021-03", technology="facial recognition cameras"),
        "contract": b.claim("docA", i["ministry"], "contract", i["acme_ltd"],
                            "The Ruritanian Interior Ministry signed a contract with Acme "
                            "Vision Ltd in 2022.",
                            hedging=("reported",), date="2022", source="Local Watch"),
        "contract_again": b.claim("docA", i["acme"], "contract", i["ministry"],
                                  "Acme Vision later confirmed the contract with the "
                                  "Ruritanian Interior Ministry."),
        "owns": b.claim("docA", i["acme"], "owns", i["zenith"],
                        "Acme Vision is allegedly the owner of Zenith Labs.",
                        hedging=("alleged",)),
        "sanctions": b.claim("docA", i["borduria"], "sanctions", i["zenith"],
                             "Borduria sanctioned Zenith Labs in 2023.", date="2023"),
        "member_of": b.claim("docA", i["ruritania"], "member_of", i["alliance"],
                             "Ruritania joined the Northern Alliance."),
        "supplies_b": b.claim("docB", i["acme"], "supplies", i["ministry"],
                              "Acme Vision plans to supply drones to the Ruritanian Interior "
                              "Ministry.", hedging=("planned",), technology="drones"),
        "technology": b.claim("docB", i["zenith"], "supplies", i["gaze"],
                              'Zenith Labs supplies\nGaze, the "eye", to anyone.'),
    }  # fmt: skip
    b.match(ids["zenith"], "ZENITH LABS", hit=True, explanation="exact name match")
    b.match(ids["acme"], "ACME VISIONS LLC", hit=False, explanation="similar name only")
    return Trade(store, ids, claims)


@pytest.fixture(scope="module")
def trade(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Trade]:
    """The invented trade store, built once per test module."""
    store = open_store(str(tmp_path_factory.mktemp("trade") / "trade.db"))
    yield build_trade(store)
    store.close()
