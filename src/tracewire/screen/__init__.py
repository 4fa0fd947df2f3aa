"""Screen parties against official sanctions lists.

Read a list (`read_list_file` for OFAC SDN CSV or advanced XML, OpenSanctions FtM
entities, the EU consolidated financial sanctions XML or the UK sanctions list XML, or
`load_snapshot()` for the embedded OFAC SDN snapshot), build a `Screener` over it and
call `screen(name, schema)` for `Match`es with a level (`listed`, `related`,
`possible`, `near`), a score, per-feature values and a one-line explanation.
"""

from tracewire.screen.download import OFAC_SDN_URL, download_list, download_sdn, sdn_url
from tracewire.screen.eu import read_eu_xml
from tracewire.screen.ftm import read_ftm_jsonl
from tracewire.screen.lists import SanctionsEntry, SanctionsError, SanctionsList
from tracewire.screen.matcher import (
    ALGORITHM,
    HIT_LEVELS,
    VERSION,
    Match,
    Screener,
    compatible_schemata,
)
from tracewire.screen.ofac import read_ofac_csv
from tracewire.screen.ofac_xml import read_ofac_xml
from tracewire.screen.readers import read_list_file
from tracewire.screen.snapshot import load_snapshot, read_snapshot, write_snapshot
from tracewire.screen.uk import read_uk_xml

__all__ = [
    "ALGORITHM",
    "HIT_LEVELS",
    "OFAC_SDN_URL",
    "VERSION",
    "Match",
    "SanctionsEntry",
    "SanctionsError",
    "SanctionsList",
    "Screener",
    "compatible_schemata",
    "download_list",
    "download_sdn",
    "load_snapshot",
    "read_eu_xml",
    "read_ftm_jsonl",
    "read_list_file",
    "read_ofac_csv",
    "read_ofac_xml",
    "read_snapshot",
    "read_uk_xml",
    "sdn_url",
    "write_snapshot",
]
