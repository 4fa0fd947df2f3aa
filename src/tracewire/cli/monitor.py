"""`tracewire follow`, `fetch`, `watch …` and `alerts`: new reporting and what it touches."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracewire.cli import render
from tracewire.cli.options import (
    DbOption,
    DebugOption,
    TimeLimitOption,
    UserOption,
    debug_logging,
    existing_store,
)
from tracewire.ingest import FetchPolicy
from tracewire.monitor import (
    DEFAULT_MAX_ITEMS,
    FollowError,
    fetch_new,
    follow,
    followed,
    unfollow,
)
from tracewire.notify import ALLOW_PRIVATE_SETTING, ATOM_SETTING, WEBHOOK_SETTING
from tracewire.pipeline import DEFAULT_TIME_LIMIT
from tracewire.resolve.resolution import current_user
from tracewire.serve.alerts import write_atom
from tracewire.store import open_store
from tracewire.store.watch import (
    WatchError,
    add_watch,
    alerts,
    get_setting,
    remove_watch,
    set_setting,
    watches,
)

console = Console()
err = Console(stderr=True, soft_wrap=True)  # one line per message, for scripts
watch_app = typer.Typer(help="Watch entities; new claims about them become alerts.")

AllowPrivate = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        envvar="TRACEWIRE_ALLOW_PRIVATE",
        help="Allow loopback and private addresses (refused by default; link-local and "
        "cloud metadata addresses never).",
    ),
]


def follow_cmd(
    feed_url: Annotated[str, typer.Argument(help="RSS or Atom feed URL.")],
    db: DbOption = None,
) -> None:
    """Follow an RSS or Atom feed: `tracewire fetch` reads its new items."""
    try:
        added = follow(open_store(db), feed_url)
    except FollowError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(2) from exc
    console.print(f"{'following' if added else 'already following'} {feed_url}")


def unfollow_cmd(
    feed_url: Annotated[str, typer.Argument(help="A followed feed URL.")],
    db: DbOption = None,
) -> None:
    """Stop following a feed (documents it brought stay in the store)."""
    try:
        unfollow(existing_store(db), feed_url)
    except FollowError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(1) from exc
    console.print(f"no longer following {feed_url}")


def feeds_cmd(db: DbOption = None) -> None:
    """The followed feeds, when each was last fetched, and its last error."""
    table = Table("feed", "title", "last fetched", "last error")
    for row in followed(existing_store(db)):
        fetched = f"{row.fetched_at:%Y-%m-%d %H:%M}" if row.fetched_at else "never"
        table.add_row(row.url, row.title or "", fetched, row.last_error or "")
    console.print(table)


def fetch_cmd(
    urls: Annotated[
        list[str] | None, typer.Argument(help="Web pages to read as well (optional).")
    ] = None,
    *,
    allow_private: AllowPrivate = False,
    timeout: Annotated[
        float, typer.Option(help="Seconds for each whole request, headers included.")
    ] = 20.0,
    max_bytes: Annotated[int, typer.Option(help="Largest response read.")] = 10_000_000,
    max_items: Annotated[
        int, typer.Option("--max-items", min=1, help="Items read per feed in one fetch.")
    ] = DEFAULT_MAX_ITEMS,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    debug: DebugOption = False,
    db: DbOption = None,
) -> None:
    """Read new items of every followed feed, and the web pages given, into the store."""
    debug_logging(debug)
    store = open_store(db)
    policy = FetchPolicy(timeout=timeout, max_bytes=max_bytes, allow_private=allow_private)
    report = fetch_new(store, urls or [], policy=policy, max_items=max_items, time_limit=time_limit)
    for message in report.errors:
        err.print(Text.assemble(("feed error ", "red"), message), soft_wrap=True)
    later = f" ({report.deferred} more next time)" if report.deferred else ""
    console.print(f"feeds {report.feeds}  new items {report.new_items}{later}")
    render.build_summary(console, report.build, store.location)
    store.close()


@watch_app.command("add")
def watch_add(
    name: Annotated[str | None, typer.Argument(help="A name or alias to watch.")] = None,
    sanctioned: Annotated[
        bool, typer.Option("--sanctioned", help="Watch any party on a sanctions list.")
    ] = False,
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """Watch a name (it need not be in the store yet), or any sanctioned party."""
    if bool(name) == sanctioned:
        err.print("error: give a NAME or --sanctioned")
        raise typer.Exit(2)
    store = open_store(db)
    try:
        with store.writer() as writer:
            session = writer.session
            row = add_watch(session, None if sanctioned else name, user or current_user())
            label = row.name
    except WatchError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(2) from exc
    console.print(f"watching: {label}")


@watch_app.command("remove")
def watch_remove(
    name: Annotated[str | None, typer.Argument(help="A watched name.")] = None,
    sanctioned: Annotated[bool, typer.Option("--sanctioned")] = False,
    db: DbOption = None,
) -> None:
    """Stop watching a name (or sanctioned parties); its alerts are removed."""
    if bool(name) == sanctioned:
        err.print("error: give a NAME or --sanctioned")
        raise typer.Exit(2)
    try:
        with existing_store(db).writer() as writer:
            session = writer.session
            remove_watch(session, None if sanctioned else name)
    except WatchError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(1) from exc
    console.print(f"no longer watching: {name or 'sanctioned parties'}")


@watch_app.command("list")
def watch_list(db: DbOption = None) -> None:
    """Watched names and where alerts go."""
    with existing_store(db).session() as session:
        rows = watches(session)
        atom, hook = get_setting(session, ATOM_SETTING), get_setting(session, WEBHOOK_SETTING)
    table = Table("watching", "kind", "by", "since")
    for row in rows:
        table.add_row(row.name, row.kind, row.user or "", f"{row.created_at:%Y-%m-%d}")
    console.print(table)
    console.print(f"atom feed: {atom or '(none)'}  webhook: {hook or '(none)'}")


@watch_app.command("notify")
def watch_notify(
    atom: Annotated[
        Path | None, typer.Option("--atom", help="Rewrite this Atom file after each build.")
    ] = None,
    webhook: Annotated[
        str | None, typer.Option("--webhook", help="POST new alerts as JSON to this URL.")
    ] = None,
    allow_private: AllowPrivate = False,
    off: Annotated[bool, typer.Option("--off", help="Stop writing and posting alerts.")] = False,
    db: DbOption = None,
) -> None:
    """Where builds send new alerts: an Atom feed file and/or a webhook."""
    if webhook and not webhook.startswith(("http://", "https://")):
        err.print(f"error: the webhook must be an http or https URL, not {webhook!r}")
        raise typer.Exit(2)
    with open_store(db).writer() as writer:
        session = writer.session
        if off:
            for key in (ATOM_SETTING, WEBHOOK_SETTING, ALLOW_PRIVATE_SETTING):
                set_setting(session, key, None)
        if atom is not None:
            set_setting(session, ATOM_SETTING, str(atom.resolve()))
        if webhook is not None:
            set_setting(session, WEBHOOK_SETTING, webhook)
            set_setting(session, ALLOW_PRIVATE_SETTING, "true" if allow_private else None)
        atom_now = get_setting(session, ATOM_SETTING)
        hook_now = get_setting(session, WEBHOOK_SETTING)
    console.print(f"atom feed: {atom_now or '(none)'}  webhook: {hook_now or '(none)'}")


def alerts_cmd(
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many, newest first.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
    atom: Annotated[
        Path | None, typer.Option("--atom", help="Also write them as an Atom file.")
    ] = None,
    db: DbOption = None,
) -> None:
    """New claims that touched a watched entity or a sanctioned party, newest first."""
    with existing_store(db).session() as session:
        found = alerts(session, limit=limit)
    if atom is not None:
        write_atom(found, atom)
        err.print(f"wrote {len(found)} alerts to {atom}")
    if as_json:
        for alert in found:
            print(json.dumps(alert.as_dict(), ensure_ascii=False))
        return
    if not found:
        console.print("no alerts")
        return
    for alert in found:  # report text is printed as it is, never read as markup
        when = f" {alert.created_at:%Y-%m-%d %H:%M}  {alert.title}  ({alert.reason})"
        console.print(Text.assemble((alert.watch, "bold"), when))
        for claim in alert.claims:
            hedging = ", ".join(claim.get("hedging") or [])
            console.print(Text(f"  {claim['summary']} [{hedging}]: {claim['evidence']}"))
