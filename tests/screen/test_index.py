"""The blocking index: rarity from document frequency, typo keys, acronyms."""

from __future__ import annotations

from tracewire.screen import SanctionsEntry, SanctionsList, Screener
from tracewire.screen.normalize import name_form


def test_common_words_weigh_little_and_do_not_block(screener: Screener) -> None:
    orgs = screener.index.schemas["Organization"]
    for common in ("company", "of", "ltd", "the", "bank", "al"):
        assert orgs.weight(common) < 0.6 * orgs.weight("centrifuge"), common
    # Derived from document frequency, not from a list: "company" is in too many names
    # to fetch candidates, "centrifuge" in a handful.
    assert len(orgs.postings["t:company"]) > orgs.limit
    assert len(orgs.postings["t:centrifuge"]) < 10
    assert orgs.weight("llc", legal=True) < 0.5 * orgs.weight("llc")  # legal-form word
    assert orgs.weight("iranian") < 0.5 * orgs.weight("revolutionary")  # place word
    persons = screener.index.schemas["Person"]
    assert persons.weight("iran") > orgs.weight("iran")  # places weigh low in org names only


def test_candidates_rank_the_right_name_first(screener: Screener) -> None:
    index = screener.index
    for query, expected in [
        ("Iran Centrifuge Technology Company", "IRAN CENTRIFUGE TECHNOLOGY COMPANY"),
        ("Iran Centrifuje Tecnology Company", "IRAN CENTRIFUGE TECHNOLOGY COMPANY"),  # typos
        ("Hizb Allah", "HIZBALLAH"),  # joined
    ]:
        found = index.candidates(name_form(query, "Organization"), "Organization", 10)
        assert [rank for rank, _ in found] == sorted((rank for rank, _ in found), reverse=True)
        texts = [index.names[i].text for _, i in found]
        assert expected in texts, (query, texts)


def test_a_typo_in_a_one_word_name_still_finds_it(screener: Screener) -> None:
    # "TOKENTRUST HOLDINGS LIMITED": a deleted letter changes the token and its metaphone.
    match = screener.screen("Tokentrus Holdings Limited", "Organization")[0]
    assert match.entry.name == "TOKENTRUST HOLDINGS LIMITED"
    assert match.is_hit


def test_list_defined_acronyms() -> None:
    lst = SanctionsList(
        id="t",
        name="t",
        source="memory",
        date=None,
        entries=(
            SanctionsEntry("t", "1", "NATIONAL IRANIAN OIL COMPANY", "Organization"),
            SanctionsEntry("t", "2", "NATIONAL IRANIAN OIL COMPANY (NIOC) PTE LTD", "Organization"),
            SanctionsEntry("t", "3", "IRAN (NIOC)", "Organization"),
        ),
    )
    screener = Screener(lst)
    top = screener.screen("NIOC", "Organization")
    assert top[0].entry.entry_id == "1"
    assert "acronym NIOC defined in entry 2" in top[0].explanation
    # A parenthesis removed from a name never leaves only a country's name behind.
    assert not any(m.is_hit for m in screener.screen("Iran", "Organization"))
