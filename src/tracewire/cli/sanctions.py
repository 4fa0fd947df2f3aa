"""`tracewire sanctions ...` and `tracewire screen`: lists in the store, screening parties."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from tracewire.screen import SanctionsList
from tracewire.cli.options import DbOption
from tracewire.store import Store, open_store
from tracewire.store.sanctions import (
    entity_names,
    list_screeners,
    match_views,
    save_list,
    screen_store,
    stored_lists,
)

app = typer.Typer(help="Sanctions lists: load, update, list.", no_args_is_help=True)
console = Console()
err = Console(stderr=True)


def _read(path: Path, fmt: str) -> SanctionsList:
    from tracewire import screen as screening  # noqa: PLC0415 - loads the list tools on use

    if fmt == "auto":
        fmt = "ftm" if path.suffix in {".json", ".jsonl", ".ndjson"} else "ofac"
    if fmt == "ofac":
        return screening.read_ofac_csv(path)
    if fmt == "ftm":
        return screening.read_ftm_jsonl(path)
    raise screening.SanctionsError(f"{path}: unknown list format {fmt!r} (ofac, ftm)")


def _store_list(store: Store, lst: SanctionsList) -> None:
    with store.transaction() as session:
        count = save_list(session, lst)
    console.print(f"loaded {lst.name} ({lst.id}) of {lst.date}: {count} entries from {lst.source}")


@app.command("load")
def load(
    path: Annotated[Path, typer.Argument(help="An OFAC sdn.csv or an OpenSanctions FtM file.")],
    fmt: Annotated[str, typer.Option("--format", help="auto, ofac or ftm.")] = "auto",
    db: DbOption = None,
) -> None:
    """Load a local sanctions list into the store (replacing an earlier load of it)."""
    from tracewire import screen as screening  # noqa: PLC0415 - loads the list tools on use

    try:
        lst = _read(path, fmt)
    except (screening.SanctionsError, OSError) as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(1) from exc
    _store_list(open_store(db), lst)


@app.command("update")
def update(
    url: Annotated[
        str | None, typer.Option("--url", help="Where to download the OFAC SDN CSV.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Download the current OFAC SDN list (needs a network) and load it."""
    from tracewire import screen as screening  # noqa: PLC0415 - loads the list tools on use

    source = url or os.environ.get("TRACEWIRE_SDN_URL") or screening.OFAC_SDN_URL
    store = open_store(db)
    cache = Path(os.environ.get("TRACEWIRE_CACHE", Path.home() / ".cache" / "tracewire"))
    try:
        path = screening.download_list(source, cache / "sdn.csv")
        lst = screening.read_ofac_csv(path)
    except (screening.SanctionsError, OSError) as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(1) from exc
    _store_list(store, lst)


@app.command("list")
def list_cmd(db: DbOption = None) -> None:
    """The lists in the store, with source and date."""
    store = open_store(db)
    table = Table("id", "name", "date", "entries", "source", "loaded")
    with store.session() as session:
        for row in stored_lists(session):
            table.add_row(
                row.id,
                row.name,
                row.date,
                str(row.entries),
                row.source,
                f"{row.loaded_at:%Y-%m-%d %H:%M}",
            )
    console.print(table)


def screen(
    threshold: Annotated[
        float, typer.Option("--threshold", help="Score from which a match is a hit.")
    ] = 0.8,
    db: DbOption = None,
) -> None:
    """Screen every party in the store against the loaded lists (the embedded OFAC SDN
    snapshot is loaded first when the store has none)."""
    store = open_store(db)
    with store.transaction() as session:
        screeners, snapshot = list_screeners(session, threshold)
        if snapshot is not None:
            console.print(
                f"loaded {snapshot.name} ({snapshot.id}) of {snapshot.date}: "
                f"{len(snapshot.entries)} entries from {snapshot.source}"
            )
        report = screen_store(session, screeners)
        hits = match_views(session, hits_only=True)
        names = entity_names(session, {h.entity_id for h in hits})
    console.print(
        f"screened {report.entities} parties ({report.names} names) against {len(screeners)} "
        f"list(s): "
        f"{report.hits} hits, {report.matches} candidate matches kept"
    )
    table = Table("entity", "listed as", "list", "programs", "score", "why")
    for hit in hits:
        table.add_row(
            names.get(hit.entity_id, str(hit.entity_id)),
            hit.entry_name,
            hit.list_name,
            " ".join(hit.programs),
            f"{hit.score:.2f}",
            hit.explanation,
        )
    console.print(table)
