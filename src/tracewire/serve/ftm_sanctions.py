"""Sanctions screening results as FollowTheMoney, the way OpenSanctions publishes them.

A party screening found `listed` (its own designation) gets a `Sanction` entity whose
`entity` is the party, with the issuer as `authority` and `country`, the list's programs as
`program`, the entry's id on the list as `authorityId` and the list's address as
`sourceUrl` — what OpenSanctions' crawlers write for every designation (zavod's
`make_sanction`), and what Aleph shows on the party's page under "Sanctions". The list
itself is a `Document` (its name, date, file and address) that each Sanction cites as
`proof`, so the hit points to the party and to the list it was found on, and says how it
was found (`summary`: score and algorithm; `description`: the explanation).

`related` matches (a separate designated entity whose name holds the party's, such as
"IRGC Air Force" for the IRGC) are no designation of the party: they are not Sanctions,
and they go to the party's `notes` as "related designation (not this entity's own
listing): ..." so an analyst still sees them. `possible` and `near` candidates and
rejected matches are not exported.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath
from typing import Any

from followthemoney.proxy import EntityProxy
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracewire.serve.ftm_entities import (
    STRING_MAX,
    clip,
    ftm_config,
    ftm_id,
    iso_date,
    make,
    web_url,
)
from tracewire.store.models import SanctionsListRow
from tracewire.store.sanctions import LISTED, RELATED, MatchView, match_views


def issuer(list_name: str) -> dict[str, Any]:
    """Who issues a list (serve/ftm.yaml), by the start of its name; {} if unknown."""
    for entry in ftm_config()["lists"]:
        if list_name.casefold().startswith(str(entry["prefix"]).casefold()):
            return dict(entry)
    return {}


def list_id(list_key: str) -> str:
    """The FtM id of a loaded sanctions list."""
    return ftm_id("sanctions-list", list_key)


def list_entity(row: SanctionsListRow) -> EntityProxy:
    """A loaded sanctions list as an FtM `Document`."""
    found = issuer(row.name)
    address = web_url(row.source) or found.get("url")
    file_name = PurePosixPath(row.source.replace("\\", "/")).name or row.id
    return make(
        "Document",
        list_id(row.id),
        {
            "title": [clip(row.name, STRING_MAX)],
            "fileName": [clip(file_name, STRING_MAX)],
            "publishedAt": [iso_date(row.date)],
            "publisher": [found.get("authority")],
            "sourceUrl": [address],
        },
    )


def sanction_entity(view: MatchView, party: str, source_url: str | None) -> EntityProxy:
    """A `listed` match as an FtM `Sanction` of the party (FtM id `party`)."""
    found = issuer(view.list_name)
    return make(
        "Sanction",
        ftm_id("sanction", view.list_id, view.entry_id, party),
        {
            "entity": [party],
            "authority": [found.get("authority") or clip(view.list_name, STRING_MAX)],
            "country": [found.get("country")],
            "program": [clip(p, STRING_MAX) for p in view.programs],
            "authorityId": [clip(view.entry_id, STRING_MAX)],
            "status": [view.level],
            "summary": [
                f"{view.list_name}: {view.entry_name} (screened by {view.algorithm}, "
                f"score {view.score:.2f}"
                + (f"; {view.review.describe()}" if view.review else "")
                + ")"
            ],
            "description": [view.explanation],
            "proof": [list_id(view.list_id)],
            "sourceUrl": [source_url],
        },
    )


def related_notes(views: list[MatchView]) -> dict[int, list[str]]:
    """Per entity id, a note for each `related` designation."""
    notes: dict[int, list[str]] = defaultdict(list)
    for view in views:
        if view.level == RELATED:
            notes[view.entity_id].append(
                f"Related designation (not this entity's own listing): {view.label()}"
            )
    return notes


def screening_entities(
    session: Session, parties: dict[int, str]
) -> tuple[list[EntityProxy], dict[int, list[str]]]:
    """The lists and Sanctions for the `listed` matches of the exported parties (entity id
    -> FtM id), and the notes on `related` ones."""
    views = match_views(session, list(parties), levels=[LISTED, RELATED])
    listed = [v for v in views if v.level == LISTED]
    rows = {
        row.id: row
        for row in session.scalars(
            select(SanctionsListRow).where(SanctionsListRow.id.in_({v.list_id for v in listed}))
        )
    }
    lists = [list_entity(rows[key]) for key in sorted(rows)]
    urls = {
        key: next(iter(doc.get("sourceUrl")), None)
        for key, doc in zip(sorted(rows), lists, strict=True)
    }
    sanctions = [sanction_entity(v, parties[v.entity_id], urls.get(v.list_id)) for v in listed]
    return lists + sanctions, related_notes(views)
