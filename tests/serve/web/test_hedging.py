"""The strength order of hedging labels and how edges are drawn."""

from __future__ import annotations

from tracewire.records import Hedge
from tracewire.serve.web.hedging import (
    HEDGE_STRENGTH,
    LINE_STYLE,
    claim_hedge,
    labels,
    strongest,
    weakest,
)


def test_strength_order_is_the_documented_one() -> None:
    assert [h.value for h in HEDGE_STRENGTH] == [
        "asserted", "reported", "planned", "alleged", "speculative", "rumoured", "denied",
    ]  # fmt: skip
    assert set(HEDGE_STRENGTH) == set(Hedge)


def test_strongest_and_weakest_follow_strength_not_listing_order() -> None:
    assert strongest(["alleged", "planned"]) == "planned"
    assert weakest(["alleged", "planned"]) == "alleged"
    assert weakest(["speculative", "rumoured", "asserted"]) == "rumoured"
    assert strongest(["denied", "rumoured"]) == "rumoured"


def test_a_claim_counts_as_its_weakest_label() -> None:
    assert claim_hedge("reported,alleged") == "alleged"
    assert claim_hedge("rumoured,planned") == "rumoured"
    assert claim_hedge(("planned", "reported")) == "planned"
    assert claim_hedge("") == "asserted"
    assert labels("reported,unknown-label") == ("reported",)


def test_line_styles() -> None:
    assert {h: LINE_STYLE[h] for h in Hedge} == {
        Hedge.ASSERTED: "solid", Hedge.REPORTED: "solid", Hedge.PLANNED: "dashed",
        Hedge.ALLEGED: "dashed", Hedge.SPECULATIVE: "dashed", Hedge.RUMOURED: "dashed",
        Hedge.DENIED: "dotted",
    }  # fmt: skip
