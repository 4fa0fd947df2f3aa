"""Technology classes stored with the claims, and redone when the taxonomy changes."""

from __future__ import annotations

from sqlalchemy import select

from tests.serve.web.factory import StoreBuilder
from tracewire.ontology.technology import load_taxonomy, parse_taxonomy
from tracewire.store import Store
from tracewire.store.models import ClaimTechnologyRow
from tracewire.store.technology import reclassify_if_changed

TEXT = "Orbit Labs sold iris scanners and drones to the Valdorian Army. Nothing else."


def _classes(store: Store) -> set[tuple[int, str]]:
    with store.session() as s:
        return set(s.execute(select(ClaimTechnologyRow.claim_id,
                                    ClaimTechnologyRow.technology_class)).tuples())  # fmt: skip


def test_classes_are_stored_and_redone_for_a_new_taxonomy(store: Store) -> None:
    b = StoreBuilder(store)
    b.document("d", "orbit.txt", TEXT)
    orbit, army = b.entity("Orbit Labs", "Company"), b.entity("Valdorian Army", "PublicBody")
    sentence = TEXT.split(". ", maxsplit=1)[0] + "."
    claim = b.claim("d", orbit, "supplies", army, sentence, technology="iris scanners and drones")
    bare = b.claim("d", army, "meets", orbit, sentence)
    assert _classes(store) == {(claim, "biometric-id"), (claim, "drones-aerial")}
    with store.transaction() as s:
        assert reclassify_if_changed(s) is None  # the store's classes are current
    other = parse_taxonomy(b"classes:\n  aerial: {label: aerial, words: [drone]}\n", "x.yaml")
    with store.transaction() as s:
        assert reclassify_if_changed(s, other) == 1
    assert _classes(store) == {(claim, "aerial")}
    with store.transaction() as s:
        assert reclassify_if_changed(s, load_taxonomy()) == 2
    assert bare not in {c for c, _cls in _classes(store)}
