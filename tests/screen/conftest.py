"""Fixtures: the real OFAC SDN list (read in place, never copied) and a screener over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.screen import SanctionsList, Screener, read_ofac_csv

SDN_CSV = Path(__file__).resolve().parents[3] / "shared" / "data" / "ofac" / "sdn-2024-05-03.csv"

SDN_HEADERLESS = (
    '10391,"ISLAMIC REVOLUTIONARY GUARD CORPS",-0- ,"FTO] [SDGT] [IRGC",-0- ,-0- ,-0- ,-0- ,'
    '-0- ,-0- ,-0- ,"Additional Sanctions Information - Subject to Secondary Sanctions."\r\n'
    '12941,"IRAN CENTRIFUGE TECHNOLOGY COMPANY",-0- ,"NPWMD] [IFSR",-0- ,-0- ,-0- ,-0- ,-0- ,'
    '-0- ,-0- ,"Additional Sanctions Information - Subject to Secondary Sanctions; '
    "a.k.a. 'TESA'.\"\r\n"
    '10481,"SOLEIMANI, Qasem","individual","SDGT] [IRGC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"DOB 11 Mar 1957; nationality Iran; Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS."\r\n'
)


@pytest.fixture()
def sdn_rows() -> str:
    """Three rows in the published SDN CSV format, for tests that need a small list file."""
    return SDN_HEADERLESS


@pytest.fixture(scope="session")
def sdn_csv() -> Path:
    """The real SDN CSV of 2024-05-03 in ../shared (skipped where it is absent)."""
    if not SDN_CSV.is_file():
        pytest.skip(f"OFAC SDN file not found at {SDN_CSV}")
    return SDN_CSV


@pytest.fixture(scope="session")
def sdn(sdn_csv: Path) -> SanctionsList:
    """The real SDN list, parsed once."""
    return read_ofac_csv(sdn_csv)


@pytest.fixture(scope="session")
def screener(sdn: SanctionsList) -> Screener:
    """A screener over the full real SDN list at the default threshold."""
    return Screener(sdn)
