"""Apps over the dev corpus store and over small invented stores, for the web tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tracewire.records import BuildReport
from tracewire.serve.web import create_app, vendor
from tracewire.store import Store, open_store
from tracewire.store.models import DocumentRow, EntityLinkRow, EntityRow

from .factory import StoreBuilder

DOC_A = (
    "Acme Vision supplied facial recognition cameras to the Ruritanian Interior Ministry in "
    "March 2021. According to Local Watch, Acme Vision Ltd signed a contract with the "
    "Ruritanian Police in 2022. The Ruritanian Police confirmed the contract with Acme Vision. "
    "Acme Vision denied selling spyware to Ruritania in May 2023."
)
DOC_B = (
    "Borduria reportedly funds Acme Vision since 2020. Rumours suggest that Zenith Labs will "
    "supply intrusion software to the Bordurian Secret Police. Acme Vision is allegedly the "
    "owner of Zenith Labs. Acme Vision allegedly installed cameras for the Ruritanian Interior "
    "Ministry. Acme Vision plans to supply drones to the Ruritanian Interior Ministry. "
    "Officials reported that Acme Vision might supply more drones to the Interior Ministry."
)
XSS_TEXT = (
    "Evil Corp sold <script>alert(1)</script> kits to the Ministry of Truth. "
    'See <img src=x onerror=alert(1)> for details & "more". A last sentence.'
)


@dataclass
class Ruritania:
    """The invented store: a client and the ids the tests refer to."""

    client: TestClient
    ids: dict[str, int]
    claims: dict[str, int]


@pytest.fixture(scope="session")
def graph_library() -> Path:
    """cytoscape installed from the npm registry (package.json at the repository root)."""
    found = vendor.package_dirs(vendor.node_modules()).get("cytoscape")
    if found is None:
        pytest.fail(f"cytoscape is not in node_modules: {vendor.INSTALL_HINT} (npm ci)")
    return found


@pytest.fixture(scope="session")
def dev_client(dev_store: tuple[Store, BuildReport]) -> Iterator[TestClient]:
    """The app over the store built from the dev corpus."""
    store, _report = dev_store
    with TestClient(create_app(store.url)) as client:
        yield client


@pytest.fixture(scope="session")
def ruritania(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ruritania]:
    """Two invented reports with known claims, a cluster, and sanctions matches."""
    store = open_store(str(tmp_path_factory.mktemp("ruritania") / "r.db"))
    b = StoreBuilder(store)
    b.document("docA", "ruritania-cameras.txt", DOC_A, "Cameras for Ruritania", date(2023, 6, 1))
    b.document("docB", "borduria-deal.txt", DOC_B)
    ids = {
        "acme": b.entity("Acme Vision", "Company", aliases=("AV Group",)),
        "ministry": b.entity(
            "Ruritanian Interior Ministry", "PublicBody", aliases=("Interior Ministry",)
        ),
        "police": b.entity("Ruritanian Police", "PublicBody"),
        "ruritania": b.entity("Ruritania", "Country", qid="Q9999999"),
        "borduria": b.entity("Borduria", "Country"),
        "zenith": b.entity("Zenith Labs", "Company"),
        "secret": b.entity("Bordurian Secret Police", "PublicBody"),
    }
    ids["acme_ltd"] = b.entity("Acme Vision Ltd", "Company", cluster=ids["acme"])
    for occurrence in (0, 2, 3):
        b.mention("docA", ids["acme"], "Acme Vision", occurrence)
    b.mention("docA", ids["acme_ltd"], "Acme Vision Ltd")
    b.mention("docB", ids["zenith"], "Zenith Labs")
    i = ids
    claims = {
        "c1": b.claim("docA", i["acme"], "supplies", i["ministry"],
                      "Acme Vision supplied facial recognition cameras to the Ruritanian "
                      "Interior Ministry in March 2021.",
                      date="2021-03", technology="facial recognition cameras"),
        "c2": b.claim("docA", i["acme_ltd"], "contract", i["police"],
                      "According to Local Watch, Acme Vision Ltd signed a contract with the "
                      "Ruritanian Police in 2022.",
                      hedging=("reported",), date="2022", source="Local Watch"),
        "c3": b.claim("docA", i["police"], "contract", i["acme"],
                      "The Ruritanian Police confirmed the contract with Acme Vision."),
        "c12": b.claim("docA", i["police"], "cooperates", i["acme"],
                       "The Ruritanian Police confirmed the contract with Acme Vision."),
        "c4": b.claim("docA", i["acme"], "supplies", i["ruritania"],
                      "Acme Vision denied selling spyware to Ruritania in May 2023.",
                      hedging=("denied",), date="2023-05"),
        "c5": b.claim("docB", i["borduria"], "funds", i["acme"],
                      "Borduria reportedly funds Acme Vision since 2020.", hedging=("reported",),
                      date="2020"),
        "c6": b.claim("docB", i["zenith"], "supplies", i["secret"],
                      "Rumours suggest that Zenith Labs will supply intrusion software to the "
                      "Bordurian Secret Police.", hedging=("rumoured", "planned")),
        "c7": b.claim("docB", i["acme"], "owns", i["zenith"],
                      "Acme Vision is allegedly the owner of Zenith Labs.", hedging=("alleged",)),
        "c8": b.claim("docB", i["acme"], "supplies", i["ministry"],
                      "Acme Vision allegedly installed cameras for the Ruritanian Interior "
                      "Ministry.", hedging=("alleged",)),
        "c9": b.claim("docB", i["acme"], "supplies", i["ministry"],
                      "Acme Vision plans to supply drones to the Ruritanian Interior Ministry.",
                      hedging=("planned",)),
        "c10": b.claim("docB", i["acme"], "supplies", i["ministry"],
                       "Officials reported that Acme Vision might supply more drones to the "
                       "Interior Ministry.", hedging=("reported", "speculative")),
    }  # fmt: skip
    b.match(ids["secret"], "BORDURIAN SECRET POLICE", hit=True, explanation="exact name match")
    b.match(ids["acme"], "ACME VISIONS LLC", hit=False, explanation="similar name only")
    b.match(ids["secret"], "BORDURIAN SECRET POLICE ACADEMY", hit=True, level="related",
            explanation="the listed name adds: academy")  # fmt: skip
    b.match(ids["ministry"], "RURITANIAN INTERIOR MINISTRY", hit=True, level="possible",
            explanation="weak pairs")  # fmt: skip
    with TestClient(create_app(store.url)) as client:
        yield Ruritania(client, ids, claims)
    store.close()


@dataclass
class Hostile:
    """A store whose report and names carry markup; `url` is its database."""

    url: str
    ids: dict[str, int]
    claims: dict[str, int]


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    """A report containing <script> and onerror= inside evidence spans, and hostile names."""
    store = open_store(str(tmp_path_factory.mktemp("hostile") / "x.db"))
    b = StoreBuilder(store)
    b.document("x1", "hostile.txt", XSS_TEXT, "<script>alert('title')</script>")
    ids = {
        "evil": b.entity("Evil <b>Corp</b> <script>alert(2)</script>", "Company"),
        "ministry": b.entity("Ministry of <img src=x onerror=alert(3)>", "PublicBody"),
    }
    claims = {
        "sold": b.claim(
            "x1", ids["evil"], "supplies", ids["ministry"],
            "Evil Corp sold <script>alert(1)</script> kits to the Ministry of Truth.",
            source="<img src=x onerror=alert(4)>",
        ),
        "see": b.claim(
            "x1", ids["ministry"], "meets", ids["evil"],
            'See <img src=x onerror=alert(1)> for details & "more".', hedging=("alleged",),
        ),
    }  # fmt: skip
    b.mention("x1", ids["evil"], "Evil Corp")
    store.close()
    yield Hostile(store.url, ids, claims)


@pytest.fixture()
def report_file(tmp_path: Path) -> Path:
    """The hostile report as a file for the real build."""
    path = tmp_path / "hostile-report.txt"
    path.write_text(XSS_TEXT + "\n", encoding="utf-8")
    return path


KESTREL_TEXT = (
    "Kestrel Optics sold face-recognition terminals to the Valdorian Border Guard in 2021. "
    "Between 2010 and 2012 Kestrel Optics trained officers of the Valdorian Police. "
    "Kestrel Optics denied that it sold face recognition software to Marovia. "
    "Lumen Telecom built a 4G core network for Marovia in March 2019. "
    "Critics said Lumen Telecom shipped restraint chairs to Marovia."
)


@dataclass
class Kestrel:
    """A store of one invented report on technology classes, dates and countries."""

    url: str
    ids: dict[str, int]
    claims: dict[str, int]


@pytest.fixture(scope="session")
def kestrel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kestrel]:
    """Claims of several technology classes, a ranged date, a denial, a country's bodies
    (part_of links) and a listed party."""
    store = open_store(str(tmp_path_factory.mktemp("kestrel") / "k.db"))
    b = StoreBuilder(store)
    b.document("k1", "kestrel.txt", KESTREL_TEXT, "Kestrel in Valdoria", date(2023, 2, 1))
    with store.transaction() as s:  # a web report: its address and site
        doc = s.get(DocumentRow, "k1")
        assert doc is not None
        doc.url = "https://www.example-watch.org/reports/kestrel"
    i = {
        "kestrel": b.entity("Kestrel Optics", "Company"),
        "lumen": b.entity("Lumen Telecom", "Company"),
        "guard": b.entity("Valdorian Border Guard", "PublicBody"),
        "police": b.entity("Valdorian Police", "PublicBody"),
        "valdoria": b.entity("Valdoria", "Country"),
        "marovia": b.entity("Marovia", "Country"),
    }
    with store.transaction() as s:
        key = {name: s.get(EntityRow, i[name]).key for name in ("guard", "police", "valdoria")}  # type: ignore[union-attr]
        for body in ("guard", "police"):
            s.add(EntityLinkRow(child_key=key[body], parent_key=key["valdoria"],
                                relation="part_of", origin="text"))  # fmt: skip
    sentences = KESTREL_TEXT.split(". ")
    c = {
        "terminals": b.claim("k1", i["kestrel"], "supplies", i["guard"], sentences[0] + ".",
                             date="2021", technology="face-recognition terminals"),
        "trained": b.claim("k1", i["kestrel"], "trains", i["police"], sentences[1] + ".",
                           date="2010/2012", technology="training"),
        "denied": b.claim("k1", i["kestrel"], "supplies", i["marovia"], sentences[2] + ".",
                          hedging=("denied",), technology="face recognition software"),
        "core": b.claim("k1", i["lumen"], "supplies", i["marovia"], sentences[3] + ".",
                        date="2019-03", technology="4G core network"),
        "chairs": b.claim("k1", i["lumen"], "supplies", i["marovia"], sentences[4],
                          hedging=("alleged",), technology="restraint chairs"),
    }  # fmt: skip
    b.match(i["lumen"], "LUMEN TELECOM", hit=True, explanation="exact name")
    store.close()
    yield Kestrel(store.url, i, c)
