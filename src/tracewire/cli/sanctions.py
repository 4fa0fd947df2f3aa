"""`tracewire sanctions ...`, `tracewire screen` and `tracewire match ...`: lists in the
store, screening parties, and reviewers' judgements of matches."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from tracewire.screen import SanctionsList
from tracewire.cli.options import DbOption, UserOption, existing_store
from tracewire.cli.render import decided_cells, match_record
from tracewire.cli.streams import exit_if_missing
from tracewire.resolve.resolution import current_user
from tracewire.store import Store, open_store
from tracewire.store.read.entities import canonical_names, entity_key_for_name, find_entity
from tracewire.store.reviews import (
    CONFIRMED,
    REJECTED,
    ReviewError,
    all_reviews,
    current_level,
    find_entry,
)
from tracewire.store.sanctions import (
    LEVEL_ORDER,
    entity_names,
    match_views,
    stored_lists,
)
from tracewire.store.screening import list_screeners, screen_store

app = typer.Typer(help="Sanctions lists: load, update, list.", no_args_is_help=True)
match_app = typer.Typer(
    help="Review sanctions matches: confirm or reject a party against a list entry.",
    no_args_is_help=True,
)
console = Console()
err = Console(stderr=True, soft_wrap=True)  # one line per message, for scripts
FORMATS = ("auto", "ofac", "ofac-xml", "ftm", "eu", "uk")


def _read(path: Path, fmt: str) -> SanctionsList:
    from tracewire import screen as screening  # noqa: PLC0415 - loads the list tools on use

    return screening.read_list_file(path, fmt)


def _store_list(store: Store, lst: SanctionsList) -> None:
    with store.writer() as writer:
        count = writer.save_list(lst)
    date = lst.date or "an unstated date"
    console.print(f"loaded {lst.name} ({lst.id}) of {date}: {count} entries from {lst.source}")
    if lst.skipped:
        console.print(f"{lst.skipped} unreadable record(s) of {lst.source} left out")
    console.print("run `tracewire screen` to screen every party against the loaded lists")


@app.command("load")
def load(
    path: Annotated[
        Path,
        typer.Argument(
            help="A list file: OFAC sdn.csv or sdn_advanced.xml, OpenSanctions FtM "
            "entities, the EU consolidated financial sanctions XML or the UK sanctions "
            "list XML."
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", help=f"One of {', '.join(FORMATS)}.")] = "auto",
    db: DbOption = None,
) -> None:
    """Load a local sanctions list into the store (replacing an earlier load of it)."""
    from tracewire import screen as screening  # noqa: PLC0415 - loads the list tools on use

    try:
        lst = _read(path, fmt)
    except (screening.SanctionsError, OSError) as exc:  # an input that cannot be read: 2
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from exc
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
    """The lists in the store, with source and publication date."""
    store = open_store(db)
    table = Table("id", "name", "published", "entries", "source", "loaded")
    with store.session() as session:
        for row in stored_lists(session):
            table.add_row(
                row.id,
                row.name,
                row.date or "not stated",
                str(row.entries),
                row.source,
                f"{row.loaded_at:%Y-%m-%d %H:%M}",
            )
    console.print(table)


def screen(
    threshold: Annotated[
        float, typer.Option("--threshold", help="Score from which a match is a flag.")
    ] = 0.8,
    candidates: Annotated[
        bool, typer.Option("--candidates", help="Also list candidates below the threshold.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The matches as JSON lines.")] = False,
    db: DbOption = None,
) -> None:
    """Screen every party in the store against the loaded lists again (after a list
    update; `build` and `fetch` screen new and changed parties by themselves). The
    embedded OFAC SDN snapshot is loaded first when the store has no list."""
    store = open_store(db)
    with store.writer() as writer:
        session = writer.session
        screeners, snapshot = list_screeners(session, threshold)
        if snapshot is not None:
            (err if as_json else console).print(
                f"loaded {snapshot.name} ({snapshot.id}) of {snapshot.date}: "
                f"{len(snapshot.entries)} entries from {snapshot.source}"
            )
        report = screen_store(session, screeners)
        views = match_views(session, hits_only=not candidates)
        names = entity_names(session, {v.entity_id for v in views})
    (err if as_json else console).print(
        f"screened {report.entities} parties ({report.names} names) against "
        f"{len(screeners)} list(s): {report.hits} flags, {report.matches} matches kept"
    )
    views.sort(key=lambda v: (LEVEL_ORDER.get(v.level, 9), -v.score))
    if as_json:
        for view in views:
            record = match_record(view, names.get(view.entity_id, str(view.entity_id)))
            print(json.dumps(record, ensure_ascii=False))
        return
    table = Table("level", "entity", "list entry", "list", "programs", "score", "why")
    for view in views:
        reviewed = f" ({view.review.judgement})" if view.review else ""
        table.add_row(
            view.level_label + reviewed,
            names.get(view.entity_id, str(view.entity_id)),
            view.entry_name,
            f"{view.list_name} of {view.list_date}",
            " ".join(view.programs),
            f"{view.score:.2f}",
            view.explanation,
        )
    console.print(table)


def _review(
    name: str,
    entry: str,
    judgement: str,
    *,
    list_id: str | None,
    note: str | None,
    user: str | None,
    db: str | None,
) -> None:
    with existing_store(db).writer() as writer:
        session = writer.session
        key = entity_key_for_name(session, name)
        entity = find_entity(session, name)
        if key is None or entity is None:
            err.print(f"error: no entity named {name!r} in the store")
            raise typer.Exit(1)
        try:
            ref = find_entry(session, entity.id, entry, list_id)
            row = writer.review_match(key, ref, judgement, user=user or current_user(), note=note)
        except ReviewError as exc:
            err.print(f"error: {exc}")
            raise typer.Exit(1) from exc
        number = row.id
    verb = "confirmed" if judgement == CONFIRMED else "rejected (never flagged again)"
    console.print(
        f"{verb}: {entity.canonical} / {ref.name} ({ref.list_id}:{ref.entry_id}) "
        f"by {user or current_user()}; kept across rebuilds and list reloads "
        f"(review {number}; `tracewire match undo {number}` takes it back)",
        highlight=False,
    )


ListOption = Annotated[
    str | None, typer.Option("--list", help="The list id, when ENTRY is on several.")
]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why (shown with the match).")]
EntityArg = Annotated[str, typer.Argument(help="A name or alias of the party.")]
EntryArg = Annotated[str, typer.Argument(help="The list entry: its id or its listed name.")]


@match_app.command("confirm")
def confirm(  # noqa: PLR0917 - typer maps parameters to options
    entity: EntityArg,
    entry: EntryArg,
    note: NoteOption = None,
    list_id: ListOption = None,
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """Confirm that the party is the listed entry (shown as reviewed)."""
    _review(entity, entry, CONFIRMED, list_id=list_id, note=note, user=user, db=db)


@match_app.command("reject")
def reject(  # noqa: PLR0917 - typer maps parameters to options
    entity: EntityArg,
    entry: EntryArg,
    note: NoteOption = None,
    list_id: ListOption = None,
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """Reject a match: the party is not the listed entry and is never flagged for it again."""
    _review(entity, entry, REJECTED, list_id=list_id, note=note, user=user, db=db)


@match_app.command("reviews")
def reviews_cmd(
    all_: Annotated[bool, typer.Option("--all", help="Also list undone verdicts.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines on standard output.")] = False,
    db: DbOption = None,
) -> None:
    """Reviewers' verdicts on matches: number (for `match undo`), party, entry, who and when."""
    with existing_store(db).session() as session:
        rows = all_reviews(session, include_deleted=all_)
        names = canonical_names(session, {row.entity_key for row in rows})
    if as_json:
        for row in rows:
            record = {
                "id": row.id, "judgement": row.judgement, "entity_key": row.entity_key,
                "entity": names.get(row.entity_key), "list_id": row.list_id,
                "entry_id": row.entry_id, "entry_name": row.entry_name, "user": row.user,
                "note": row.note, "created_at": row.created_at.isoformat(),
                "deleted_at": row.deleted_at.isoformat() if row.deleted_at else None,
            }  # fmt: skip
            print(json.dumps(record, ensure_ascii=False))
        return
    table = Table("#", "verdict", "entity", "list entry", "user", "when", "undone")
    for row in rows:
        table.add_row(
            str(row.id),
            row.judgement,
            names.get(row.entity_key, row.entity_key),
            f"{row.entry_name} ({row.list_id}:{row.entry_id})",
            *decided_cells(row),
        )
    console.print(table)


@match_app.command("undo")
def undo_cmd(
    number: Annotated[int, typer.Argument(help="The verdict's number (tracewire match reviews).")],
    db: DbOption = None,
) -> None:
    """Take back a verdict (kept as undone): the match shows again as it did before it."""
    with existing_store(db).writer() as writer:
        with exit_if_missing():
            row = writer.undo_match_review(number)
        name = canonical_names(writer.session, {row.entity_key}).get(row.entity_key, "")
        level = current_level(writer.session, row.entity_key, row.list_id, row.entry_id)
    console.print(
        f"undone: review {row.id} ({row.judgement} {name or row.entity_key} / "
        f"{row.entry_name}); the match is now {level or 'gone (the matcher never found it)'}",
        highlight=False,
    )
