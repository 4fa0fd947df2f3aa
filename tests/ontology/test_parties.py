"""Party cues (parties.yaml) and what the gazetteer makes of them: government phrases of
every state, state bodies by function, the state a body belongs to."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.ontology import load_gazetteer, load_party_cues
from tracewire.ontology.gazetteer import build_gazetteer
from tracewire.ontology.parties import PARTIES_FILE
from tracewire.records import EntityType, Relation

COUNTRIES = """type: Country
entries:
  - name: Ruritania
    demonyms: [Ruritanian]
    capitals: [Strelsau]
  - name: Borduria
    demonyms: [Bordurian]
"""
BODIES = """type: PublicBody
entries:
  - name: Ruritanian Data Office
    aliases: [RDO]
    country: Ruritania
    function: data protection
  - name: Strelsau City Police
    country: Ruritania
  - name: Bordurian Government Press Office
    country: Borduria
"""
VENDORS = """type: Company
entries:
  - name: Zenda Optics
"""
FORMS = ["{demonym} authorities", "government of {name}", "{name}'s government"]


@pytest.fixture()
def small(tmp_path: Path) -> list[Path]:
    """A gazetteer of two invented states, their bodies and a vendor."""
    paths = []
    for name, text in (("a.yaml", COUNTRIES), ("b.yaml", BODIES), ("c.yaml", VENDORS)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize(
    ("phrase", "function"),
    [
        ("data protection authority", "data protection"),
        ("the national data protection authority", "data protection"),  # longest ending
        ("privacy watchdog", "data protection"),
        ("ministry of the interior", "interior ministry"),
        ("state security service", "security service"),
        ("national police", "police"),
        ("telecom regulator", "telecom regulator"),
        ("weather office", None),
        ("authority", None),  # too general to name a function
    ],
)
def test_function_of_reads_the_longest_known_ending(phrase: str, function: str | None) -> None:
    assert load_party_cues().function_of(phrase) == function


def test_government_words_and_anaphors_are_read_with_their_types() -> None:
    cues = load_party_cues()
    assert {"government", "authorities", "regime", "officials"} <= cues.government_words
    # singular "authority" names a body, never the state
    assert "authority" not in cues.government_words
    assert "interim" in cues.government_modifiers
    assert cues.anaphors["firm"] == (EntityType.COMPANY,)
    assert cues.anaphors["regulator"] == (EntityType.PUBLIC_BODY,)
    assert set(cues.anaphors["borrower"]) == {
        EntityType.COUNTRY,
        EntityType.COMPANY,
        EntityType.PUBLIC_BODY,
    }
    assert cues.anaphors["prime minister"] == (EntityType.PERSON,)
    # every function has a display name for described bodies
    assert set(cues.functions.values()) == set(cues.function_names)
    assert cues.function_names["police"] == "Police"


def test_cues_come_from_the_file_given(tmp_path: Path) -> None:
    path = tmp_path / "parties.yaml"
    text = PARTIES_FILE.read_text(encoding="utf-8").replace(
        "  central bank:\n",
        "  customs:\n    name: Customs service\n    words: [customs agency, border agency]\n"
        "  central bank:\n",
    )
    path.write_text(text, encoding="utf-8")
    cues = load_party_cues(path)
    assert cues.function_of("the federal border agency") == "customs"
    assert cues.function_names["customs"] == "Customs service"
    assert load_party_cues().function_of("border agency") is None


def test_government_forms_name_every_state_unless_an_entry_holds_the_phrase(
    small: list[Path],
) -> None:
    gazetteer = build_gazetteer(small, FORMS)
    for phrase, state in (
        ("Ruritanian authorities", "Ruritania"),
        ("government of Ruritania", "Ruritania"),
        ("Ruritania's government", "Ruritania"),
        ("Bordurian authorities", "Borduria"),
        ("GOVERNMENT OF BORDURIA", "Borduria"),  # looked up normalised
    ):
        hit = gazetteer.lookup(phrase)
        assert hit is not None, phrase
        assert (hit[0].name, hit[1]) == (state, "government")
    ruritania = gazetteer.entries["country:ruritania"]
    assert set(ruritania.government_forms) == {
        "Ruritanian authorities",
        "government of Ruritania",
        "Ruritania's government",
    }
    # an entry's own name is never taken over by a template
    press = gazetteer.lookup("Bordurian Government Press Office")
    assert press is not None and press[0].type is EntityType.PUBLIC_BODY
    # without templates no phrase is made
    assert build_gazetteer(small).lookup("Ruritanian authorities") is None


def test_a_template_does_not_take_a_phrase_an_entry_owns(tmp_path: Path) -> None:
    countries = tmp_path / "a.yaml"
    countries.write_text(COUNTRIES, encoding="utf-8")
    owner = tmp_path / "b.yaml"
    owner.write_text(
        "type: Organization\nentries:\n  - name: Ruritanian Authorities\n", encoding="utf-8"
    )
    gazetteer = build_gazetteer([countries, owner], FORMS)
    hit = gazetteer.lookup("Ruritanian authorities")
    assert hit is not None and hit[0].type is EntityType.ORGANIZATION
    assert "Ruritanian authorities" not in gazetteer.entries["country:ruritania"].government_forms


def test_body_state_of_and_countries(small: list[Path]) -> None:
    gazetteer = build_gazetteer(small, FORMS)
    office = gazetteer.body("country:ruritania", "data protection")
    assert office is not None and office.name == "Ruritanian Data Office"
    assert office.function == "data protection"
    assert gazetteer.body("country:borduria", "data protection") is None
    assert gazetteer.body("country:ruritania", "police") is None  # no function given
    state = gazetteer.state_of(office.key)
    assert state is not None and state.key == "country:ruritania"
    police = gazetteer.state_of("publicbody:strelsau-city-police")
    assert police is not None and police.name == "Ruritania"
    own = gazetteer.state_of("country:borduria")
    assert own is not None and own.key == "country:borduria"  # a state is its own
    assert gazetteer.state_of("company:zenda-optics") is None
    assert gazetteer.state_of("company:unknown") is None
    assert {e.name for e in gazetteer.countries()} == {"Ruritania", "Borduria"}


def test_shipped_bodies_by_function_and_their_functions_exist() -> None:
    gazetteer, cues = load_gazetteer(), load_party_cues()
    greek = gazetteer.body("country:greece", "data protection")
    assert greek is not None and greek.name == "Hellenic Data Protection Authority"
    kenya = gazetteer.body("country:kenya", "police")
    assert kenya is not None and kenya.name == "Kenya National Police Service"
    used = {e.function for e in gazetteer.entries.values() if e.function}
    assert used and used <= set(cues.function_names)
    # a function is named for bodies of states only, each of a known state
    for entry in gazetteer.entries.values():
        if entry.function:
            assert entry.type is EntityType.PUBLIC_BODY, entry.name
            assert entry.country and gazetteer.country(entry.country) is not None, entry.name
    egypt = gazetteer.lookup("Egyptian authorities")
    assert egypt is not None and (egypt[0].name, egypt[1]) == ("Egypt", "government")


def test_relations_never_between_a_body_and_its_own_state() -> None:
    cues = load_party_cues()
    assert {Relation.SUPPLIES, Relation.SANCTIONS, Relation.AGREEMENT} <= cues.not_with_own_state
    # a state may own its bodies and a body be a member of its state's institutions
    assert Relation.OWNS not in cues.not_with_own_state
    assert Relation.MEMBER_OF not in cues.not_with_own_state
