"""How sure a claim is: the strength order of hedging labels and what edges look like."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from tracewire.records import Hedge

# Strongest first. A claim stated as fact outranks one attributed to a source; a stated plan
# outranks an accusation, an accusation outranks speculation, speculation outranks rumour,
# and a denial is the weakest support a claim can have. (Hedge's own order is the order the
# labels are listed in, not their strength.)
HEDGE_STRENGTH: tuple[Hedge, ...] = (
    Hedge.ASSERTED,
    Hedge.REPORTED,
    Hedge.PLANNED,
    Hedge.ALLEGED,
    Hedge.SPECULATIVE,
    Hedge.RUMOURED,
    Hedge.DENIED,
)
RANK: dict[str, int] = {
    hedge.value: len(HEDGE_STRENGTH) - i for i, hedge in enumerate(HEDGE_STRENGTH)
}

# How an edge is drawn for its strongest hedging: solid, dashed, or (denied) red dotted.
LINE_STYLE: dict[str, str] = {
    Hedge.ASSERTED: "solid",
    Hedge.REPORTED: "solid",
    Hedge.PLANNED: "dashed",
    Hedge.ALLEGED: "dashed",
    Hedge.SPECULATIVE: "dashed",
    Hedge.RUMOURED: "dashed",
    Hedge.DENIED: "dotted",
}


def labels(hedging: str | Iterable[str]) -> tuple[str, ...]:
    """A claim's labels from the stored comma-joined form (no label means asserted)."""
    found = hedging.split(",") if isinstance(hedging, str) else hedging
    known = tuple(h for h in found if h in RANK)
    return known or (Hedge.ASSERTED.value,)


def claim_hedge(hedging: str | Iterable[str]) -> str:
    """The label a claim counts as: its weakest, since a claim is only as sure as its
    most doubtful qualifier ("reported, alleged" is an allegation that was reported)."""
    if isinstance(hedging, str):
        return _stored_hedge(hedging)
    return min(labels(hedging), key=RANK.__getitem__)


@cache
def _stored_hedge(hedging: str) -> str:
    # Stored label sets are few and repeat on every row of a hub's claims.
    return min(labels(hedging), key=RANK.__getitem__)


def strongest(hedges: Iterable[str]) -> str:
    """The strongest of some claims' labels (see HEDGE_STRENGTH)."""
    return max(hedges, key=RANK.__getitem__)


def weakest(hedges: Iterable[str]) -> str:
    """The weakest of some claims' labels (see HEDGE_STRENGTH)."""
    return min(hedges, key=RANK.__getitem__)
