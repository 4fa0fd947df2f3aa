"""Every name a list entry can be found by: listed names, their variants, list acronyms.

Beyond its primary name and the aliases of the list, an entry is indexed under the
variants of names with parentheses ("ACME (HK) LTD" -> "ACME LTD"), acronyms the name
defines ("RAJAH SOLAIMAN MOVEMENT (RSM)" -> "RSM") and acronyms another entry defines for
its name: "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE" makes "IRGC" a name of
ISLAMIC REVOLUTIONARY GUARD CORPS, which the SDN list itself gives no alias.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from tracewire.screen.lists import SanctionsEntry
from tracewire.screen.normalize import name_form, place_tokens

_PARENS = re.compile(r"\s*\(([^()]*)\)\s*")
MIN_SHARED_ACRONYM = 3
"""Acronyms defined mid-name must be this long to name other entries ("IRGC", not "HK")."""


class Variant(NamedTuple):
    """Another form of a name, with a note saying where it came from."""

    text: str
    note: str
    acronym: str | None = None
    expansion: str | None = None


def listed_names(entries: Sequence[SanctionsEntry]) -> Iterator[tuple[int, str, str | None]]:
    """Every listed name and alias, their parenthesis variants and list-defined acronyms."""
    acronyms: dict[str, tuple[str, str]] = {}
    by_text: defaultdict[str, list[int]] = defaultdict(list)
    for pos, entry in enumerate(entries):
        for text in entry.names:
            yield pos, text, None
            if entry.schema != "Person":
                by_text[" ".join(name_form(text, entry.schema).tokens)].append(pos)
            for variant in variants(text):
                if _all_places(variant.text):
                    continue
                yield pos, variant.text, variant.note
                if variant.acronym and variant.expansion:
                    whole = variant.text == variant.acronym
                    if whole or len(variant.acronym) >= MIN_SHARED_ACRONYM:
                        found = (variant.expansion, entry.entry_id)
                        acronyms.setdefault(variant.acronym, found)
    # An acronym defined in one entry's name ("... GUARD CORPS (IRGC)-QODS FORCE") also
    # names the entry whose name is its expansion (ISLAMIC REVOLUTIONARY GUARD CORPS).
    for acronym, (expansion, source) in acronyms.items():
        key = " ".join(name_form(expansion, "Organization").tokens)
        for pos in dict.fromkeys(by_text.get(key, [])):
            note = f"acronym {acronym} defined in entry {source} as {expansion}"
            yield pos, acronym, note


def _all_places(text: str) -> bool:
    tokens = name_form(text, "Organization").tokens
    places = place_tokens()
    return all(token in places for token in tokens)


def variants(text: str) -> list[Variant]:
    """Extra forms of a name with parentheses.

    "ACME TRADING (HK) LIMITED" also yields "ACME TRADING LIMITED"; a parenthesised
    acronym of the words before it yields the acronym ("RAJAH SOLAIMAN MOVEMENT (RSM)" ->
    "RSM"), followed by the rest of the name if any ("... CORPS (IRGC)-QODS FORCE" ->
    "IRGC QODS FORCE").
    """
    out: list[Variant] = []
    if "(" not in text:
        return out
    bare = " ".join(_PARENS.sub(" ", text).split())
    if bare and bare != text:
        out.append(Variant(bare, "parenthesis removed"))
    for match in _PARENS.finditer(text):
        inner = match.group(1).strip()
        expansion = acronym_expansion(text[: match.start()], inner)
        if expansion is None:
            continue
        rest = text[match.end() :].strip(" -")
        if rest:
            note = f"acronym {inner} of {expansion}"
            out.append(Variant(f"{inner} {rest}", note, inner, expansion))
        else:
            out.append(Variant(inner, f"acronym of {expansion}", inner, expansion))
    return out


def acronym_expansion(before: str, acronym: str) -> str | None:
    """The words just before `acronym` that spell it, or None.

    Each word gives the acronym a prefix of itself ("NAFTIRAN INTERTRADE CO." -> NICO,
    "PETROIRAN DEVELOPMENT COMPANY" -> PEDCO); connecting words ("of", "and") may give none.
    """
    letters = acronym.replace(".", "").casefold()
    if not (2 <= len(letters) <= 10 and letters.isalnum()) or letters.isdigit():
        return None
    words = [w.strip(",.;:").casefold() for w in before.split()]
    raw = before.split()
    for size in range(1, min(len(words), len(letters) + 3) + 1):
        window = words[-size:]
        if window[0] in _STOP or not _spells(letters, window):
            continue
        return " ".join(raw[-size:]).strip(",;: ")
    return None


def _spells(letters: str, words: list[str]) -> bool:
    """Whether `letters` is a concatenation of prefixes of `words`, in order."""
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    if word in _STOP and _spells(letters, rest):
        return True
    for size in range(1, min(len(word), len(letters)) + 1):
        if word[:size] != letters[:size]:
            break
        if _spells(letters[size:], rest):
            return True
    return False


_STOP = frozenset({"of", "and", "the", "for", "de", "del", "la", "el", "al", "&", "-"})
