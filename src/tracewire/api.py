"""The Python API: open a store, read entities, claims, sanctions matches and alerts.

    >>> import tracewire
    >>> with tracewire.open("tracewire.db") as graph:
    ...     irgc = graph.entity("IRGC")
    ...     frame = graph.claims("IRGC", relation="supplies").to_pandas()

Every list comes back as `Records`, a list with `to_pandas()` (pandas is an optional extra:
`pip install 'tracewire[pandas]'`). Names are looked up as `tracewire show` does: any
alias, resolved to its cluster.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from tracewire.records import BuildReport
from tracewire.store import Store, open_store
from tracewire.store.read.claims import ClaimView, claim_views
from tracewire.store.read.entities import EntitySummary, find_entity, list_entities
from tracewire.store.sanctions import MatchView, match_views
from tracewire.store.watch import Alert, alerts

if TYPE_CHECKING:
    import pandas

T = TypeVar("T")


def _row(item: object) -> dict[str, Any]:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}
    if isinstance(item, dict):
        return dict(item)
    raise TypeError(f"cannot make a table row of {type(item).__name__}")


def to_pandas(items: Iterable[object]) -> pandas.DataFrame:
    """A DataFrame with one row per record and one column per field."""
    try:
        import pandas  # noqa: PLC0415 - an optional extra
    except ImportError as exc:
        raise ImportError(
            "to_pandas() needs pandas: pip install 'tracewire[pandas]' (or pip install pandas)"
        ) from exc
    rows = [_row(item) for item in items]
    return pandas.DataFrame.from_records(rows)


class Records(list[T], Generic[T]):
    """A list of records (dataclasses) that turns into a DataFrame."""

    def to_pandas(self) -> pandas.DataFrame:
        """One row per record, one column per field."""
        return to_pandas(self)


class EntityNotFoundError(KeyError):
    """No entity goes by the name asked for."""


class Graph:
    """An evidence store opened from Python."""

    def __init__(self, db: str | Path | None = None, *, create: bool = False) -> None:
        self.store: Store = open_store(str(db) if db is not None else None, create=create)

    def __enter__(self) -> Graph:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the database connection."""
        self.store.close()

    def _id(self, name: str) -> int:
        found = self.entity(name)
        if found is None:
            raise EntityNotFoundError(f"no entity named {name!r} in the store")
        return found.id

    def entity(self, name: str) -> EntitySummary | None:
        """The resolved entity a name or alias refers to, or None."""
        with self.store.session() as session:
            return find_entity(session, name)

    def entities(self, type_: str | None = None) -> Records[EntitySummary]:
        """Resolved entities, most mentioned first (optionally of one type: "Company")."""
        with self.store.session() as session:
            return Records(list_entities(session, type_))

    def claims(
        self, entity: str | None = None, *, relation: str | None = None
    ) -> Records[ClaimView]:
        """Claims in document order: all, or those of one entity and/or relation."""
        entity_id = self._id(entity) if entity is not None else None
        with self.store.session() as session:
            return Records(claim_views(session, entity_id, relation))

    def matches(self, entity: str | None = None, *, hits_only: bool = True) -> Records[MatchView]:
        """Sanctions matches (hits only, by default), best first per entity."""
        ids = [self._id(entity)] if entity is not None else None
        with self.store.session() as session:
            return Records(match_views(session, ids, hits_only=hits_only))

    def alerts(self, limit: int | None = None) -> Records[Alert]:
        """Alerts recorded by builds, newest first."""
        with self.store.session() as session:
            return Records(alerts(session, limit=limit))

    def build(self, *paths: str | Path) -> BuildReport:
        """Ingest report files or folders, as `tracewire build` does."""
        from tracewire.pipeline import build  # noqa: PLC0415 - loads the NLP model on use

        return build([Path(p) for p in paths], self.store)


def open(db: str | Path | None = None, *, create: bool = False) -> Graph:
    """Open a store (`$TRACEWIRE_DB` or ./tracewire.db when `db` is None); with `create`,
    a missing one is made."""
    return Graph(db, create=create)
