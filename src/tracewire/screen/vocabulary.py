"""Word knowledge the screening rules read: common organisation words, generic person
names, kunya particles, legal forms rigour lacks, and the web domains an entry names.

Organisation words come from rigour's organisation symbols ("bank", "ministry",
"international", "technology") and `data/vocabulary.yaml`; generic person names from
rigour's list ("abdul rahman", "mohammad"); stop words from rigour.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rigour.names import NameTypeTag, SymbolCategory, analyze_names

from tracewire.screen.normalize import org_symbols, place_tokens, vocabulary_data, word_tokens

_data = vocabulary_data
_tokens = word_tokens


@cache
def stop_words() -> frozenset[str]:
    """Connecting words of names in many languages ("of", "the", "de", "al")."""
    from rigour._core import stopwords_list  # noqa: PLC0415 - rigour keeps it in its core

    return frozenset(t for word in stopwords_list() for t in _tokens(word))


@cache
def institution_words() -> frozenset[str]:
    """The words of data/vocabulary.yaml that name or qualify kinds of institution."""
    return frozenset(str(word) for word in _data()["institution_words"])


@lru_cache(maxsize=65536)
def is_common_org_word(token: str) -> bool:
    """Whether a word names or qualifies a kind of organisation ("bank", "central",
    "ministry", "command"), is a stop word or a country word: not a name of its own."""
    # rigour's DOMAIN symbols also name particular movements ("hezbollah"): only its
    # generic symbols and legal forms count here, the YAML lists the domain words.
    return (
        token in institution_words()
        or token in stop_words()
        or token in place_tokens()
        or any(not symbol.startswith("DOMAIN:") for symbol in org_symbols(token))
    )


@cache
def kunya_particles() -> frozenset[str]:
    """The words that open a kunya or teknonym ("abu", "umm")."""
    return frozenset(str(word) for word in _data()["kunya_particles"])


@cache
def name_particles() -> frozenset[str]:
    """Words that join the parts of a person's name ("al", "bin", "ibn")."""
    return frozenset(str(word) for word in _data()["name_particles"]) | kunya_particles()


@cache
def generic_person_names() -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    """rigour's generic person names: as token sequences, and the one-word ones."""
    from rigour._core import generic_person_names_list  # noqa: PLC0415

    phrases = {_tokens(name) for name in generic_person_names_list()}
    phrases.discard(())
    singles = {phrase[0] for phrase in phrases if len(phrase) == 1}
    return frozenset(phrases), frozenset(singles)


def is_generic_person_name(tokens: tuple[str, ...]) -> bool:
    """Whether these name tokens, particles left out, are only generic given names
    ("Abdul Rahman", "Mohammad", "Abu Ali"): names that identify nobody alone."""
    particles = name_particles()
    core = tuple(token for token in tokens if token not in particles)
    if not core:
        return True
    phrases, singles = generic_person_names()
    if core in phrases or tuple(t for t in tokens if t not in kunya_particles()) in phrases:
        return True
    return all(token in singles or token == "abdul" for token in core)


_WEBSITE = re.compile(r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})", re.IGNORECASE)
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"})
MIN_DOMAIN_LABEL = 5
"""Shorter domain labels ("aks.co.ir") are too ambiguous to name a party."""


def domain_label(website: str) -> str | None:
    """The name part of a website's registrable domain, hyphens dropped:
    "www.arvancloud.com" -> "arvancloud", "sisco.midhco.com" -> "midhco", "aks.co.ir" ->
    "aks", "bright-path.io" -> "brightpath"."""
    match = _WEBSITE.search(website.strip())
    if match is None:
        return None
    labels = match.group(1).casefold().split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return labels[-3].replace("-", "")
    return labels[-2].replace("-", "") if len(labels) >= 2 else None


_REMARK_WEBSITE = re.compile(r"\bWebsite\s+(\S+?)[;,]?(?:\s|$)", re.IGNORECASE)


def remark_websites(remarks: str | None) -> tuple[str, ...]:
    """The websites an OFAC-style remark names ("Website www.arvancloud.com; ...")."""
    if not remarks:
        return ()
    return tuple(dict.fromkeys(m.group(1).rstrip(".;,") for m in _REMARK_WEBSITE.finditer(remarks)))


@lru_cache(maxsize=65536)
def person_name_symbols(token: str) -> frozenset[str]:
    """rigour's identifiers of the given or family names a word can be ("mohammad" and
    "mohammed" share one; "muammar" and "muhammad" none)."""
    found: set[str] = set()
    for name in analyze_names(NameTypeTag.PER, [token], consolidate=False, phonetics=False):
        for span in name.spans:
            if span.symbol.category == SymbolCategory.NAME and len(span.parts) == 1:
                found.add(span.symbol.id)
    return frozenset(found)
