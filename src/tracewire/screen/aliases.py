"""Every name a list entry can be found by: listed names, their variants, list acronyms.

Beyond its primary name and the aliases of the list, an entry is indexed under the
variants of names with parentheses ("ACME (HK) LTD" -> "ACME LTD"), acronyms the name
defines ("RAJAH SOLAIMAN MOVEMENT (RSM)" -> "RSM") and acronyms another entry defines for
its name: "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE" makes "IRGC" a name of
ISLAMIC REVOLUTIONARY GUARD CORPS, which the SDN list itself gives no alias.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from tracewire.screen.lists import SanctionsEntry
from tracewire.screen.normalize import name_form, place_tokens, variants


def listed_names(entries: Sequence[SanctionsEntry]) -> Iterator[tuple[int, str, str | None]]:
    """Every listed name and alias, their parenthesis variants and list-defined acronyms."""
    acronyms: dict[str, tuple[str, str]] = {}
    by_text: defaultdict[str, list[int]] = defaultdict(list)
    for pos, entry in enumerate(entries):
        for text in entry.names:
            yield pos, text, None
            if entry.schema != "Person":
                by_text[" ".join(name_form(text, entry.schema).tokens)].append(pos)
            for variant, note in variants(text):
                if _all_places(variant):
                    continue
                yield pos, variant, note
                if note.startswith("acronym of "):
                    expansion = note.removeprefix("acronym of ")
                    acronyms.setdefault(variant, (expansion, entry.entry_id))
            for acronym, expansion in _inner_acronyms(text):
                acronyms.setdefault(acronym, (expansion, entry.entry_id))
    # An acronym defined in one entry's name ("... GUARD CORPS (IRGC)-QODS FORCE") also
    # names the entry whose name is its expansion (ISLAMIC REVOLUTIONARY GUARD CORPS).
    for acronym, (expansion, source) in acronyms.items():
        key = " ".join(name_form(expansion, "Organization").tokens)
        for pos in dict.fromkeys(by_text.get(key, [])):
            note = f"acronym {acronym} defined in entry {source} as {expansion}"
            yield pos, acronym, note


def _inner_acronyms(text: str) -> list[tuple[str, str]]:
    """Acronyms defined inside a name, followed by more words ("X Y (XY)-QODS FORCE")."""
    found: list[tuple[str, str]] = []
    for _, note in variants(text):
        if note.startswith("acronym ") and not note.startswith("acronym of "):
            acronym, _, expansion = note.removeprefix("acronym ").partition(" of ")
            if len(acronym) >= 3:
                found.append((acronym, expansion))
    return found


def _all_places(text: str) -> bool:
    tokens = name_form(text, "Organization").tokens
    places = place_tokens()
    return all(token in places for token in tokens)
