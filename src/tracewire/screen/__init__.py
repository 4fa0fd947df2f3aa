"""Screen parties against official sanctions lists (OFAC SDN and FtM entity files).

Read a list (`read_ofac_csv`, `read_ftm_jsonl`, or `load_snapshot()` for the embedded
OFAC SDN snapshot), build a `Screener` over it and call `screen(name, schema)` for
`Match`es with scores, per-feature values and a one-line explanation.
"""

from tracewire.screen.download import OFAC_SDN_URL, download_list, download_sdn, sdn_url
from tracewire.screen.ftm import read_ftm_jsonl
from tracewire.screen.lists import SanctionsEntry, SanctionsError, SanctionsList
from tracewire.screen.matcher import ALGORITHM, VERSION, Match, Screener, compatible_schemata
from tracewire.screen.ofac import read_ofac_csv
from tracewire.screen.snapshot import load_snapshot, read_snapshot, write_snapshot

__all__ = [
    "ALGORITHM",
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
    "read_ftm_jsonl",
    "read_ofac_csv",
    "read_snapshot",
    "sdn_url",
    "write_snapshot",
]
