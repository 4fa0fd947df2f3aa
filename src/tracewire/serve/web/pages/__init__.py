"""Server-rendered pages (Jinja2, autoescaping on), one router per resource."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from tracewire.records import EntityType, Hedge, Relation
from tracewire.serve.ftm_entities import publisher_of
from tracewire.serve.web.hedging import HEDGE_STRENGTH, LINE_STYLE

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
# One colour per relation, for relation badges and the network view's edges.
RELATION_COLOURS: dict[str, str] = {
    Relation.SUPPLIES: "#1f77b4",
    Relation.CONTRACT: "#ff7f0e",
    Relation.AGREEMENT: "#2ca02c",
    Relation.OWNS: "#9467bd",
    Relation.FUNDS: "#8c564b",
    Relation.SANCTIONS: "#d62728",
    Relation.TRAINS: "#e377c2",
    Relation.COOPERATES: "#17becf",
    Relation.MEETS: "#7f7f7f",
    Relation.MEMBER_OF: "#bcbd22",
}


_BADGE = Markup('<span class="hedge hedge-{0}" title="hedging: {0}">{0}</span>')


def badges(labels: Iterable[str] | None) -> Markup:
    """Hedging labels as badges ("asserted" for none), their text escaped."""
    return _badges(tuple(labels or ()))


@lru_cache(maxsize=1024)
def _badges(labels: tuple[str, ...]) -> Markup:
    # A page shows hundreds of claims with a handful of label sets: each is built once.
    return Markup("").join(_BADGE.format(label) for label in labels or ("asserted",))


def reviewing(request: Any) -> bool:
    """Whether the server takes reviews (started with --review)."""
    return getattr(request.app.state, "review_token", None) is not None


def _environment() -> Environment:
    # Autoescaping for every template, whatever its file name: report text is untrusted.
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    env.globals.update(
        badges=badges,
        reviewing=reviewing,
        publisher_of=publisher_of,
        entity_types=[t.value for t in EntityType],
        relations=[r.value for r in Relation],
        hedges=[h.value for h in Hedge],
        hedge_strength=[h.value for h in HEDGE_STRENGTH],
        line_style={str(k): v for k, v in LINE_STYLE.items()},
        relation_colours={str(k): v for k, v in RELATION_COLOURS.items()},
    )
    return env


templates = Jinja2Templates(env=_environment())
