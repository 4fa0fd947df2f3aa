"""Write the embedded OFAC SDN snapshot from the Treasury's `sdn.csv`.

Usage: python scripts/make_sdn_snapshot.py SRC.csv [--out PATH] [--source TEXT]

Writes `src/tracewire/screen/data/us-ofac-sdn.jsonl.gz` by default; the list date comes
from a `sdn-YYYY-MM-DD.csv` file name (else the file's modification date).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from tracewire.screen.lists import SanctionsError
from tracewire.screen.ofac import read_ofac_csv
from tracewire.screen.snapshot import SNAPSHOT_NAME, write_snapshot

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "tracewire" / "screen" / "data" / SNAPSHOT_NAME
SOURCE = "https://www.treasury.gov/ofac/downloads/sdn.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path, help="an OFAC SDN CSV file (sdn.csv)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--source", default=SOURCE, help="source recorded in the snapshot")
    args = parser.parse_args(argv)
    try:
        lst = read_ofac_csv(args.src)
    except SanctionsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    # The snapshot records where the list is published, not a path on this machine.
    path = write_snapshot(replace(lst, source=f"{args.source} ({args.src.name})"), args.out)
    size = path.stat().st_size
    print(
        f"{path}: {len(lst)} entries, {lst.skipped} rows skipped, date {lst.date}, {size:,} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
