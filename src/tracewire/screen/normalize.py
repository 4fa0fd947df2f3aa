"""Name normalisation for screening: one `NameForm` per name, built with rigour.

Casefolded ASCII tokens; possessive "'s" dropped ("Iran's" -> "iran"); person title
prefixes ("Dr.", "Mr.") and organisation articles ("The") removed; the words of
organisation legal forms ("LLC", "Co., Ltd.", "Joint Stock Company") marked, so that they
weigh little. Also token-level knowledge: transliteration skeletons, rigour organisation
symbols ("co" = "company") and the words that name countries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml
from rigour.names import (
    NameTypeTag,
    SymbolCategory,
    analyze_names,
    remove_obj_prefixes,
    remove_org_prefixes,
    remove_org_types,
    remove_person_prefixes,
    tokenize_name,
)
from rigour.territories import get_territories
from rigour.text import ascii_text

PERSON = "Person"
_POSSESSIVE = re.compile(r"(?<=\w)['’ʼ]s\b", re.IGNORECASE)
_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
_ACRONYM_DOTS = re.compile(r"(?<![^\W\d_])([^\W\d_])\.(?=[^\W\d_]\b|[^\W\d_]\.)")


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name ready for comparison: its tokens, which of them form a legal form."""

    text: str
    tokens: tuple[str, ...]
    legal: tuple[bool, ...] = ()
    family: int = 0
    """How many leading tokens are a family name ("SOLEIMANI, Qasem": 1); 0 if unknown."""

    @property
    def key(self) -> str:
        """The non-legal-form tokens joined by spaces: equal keys, equal names."""
        return " ".join(self.core)

    @property
    def core(self) -> tuple[str, ...]:
        """The tokens that are not part of a legal form."""
        if not self.legal:
            return self.tokens
        return tuple(t for t, legal in zip(self.tokens, self.legal, strict=True) if not legal)

    @property
    def legal_tokens(self) -> tuple[str, ...]:
        """The tokens of the legal form(s) ("llc", "joint stock company")."""
        if not self.legal:
            return ()
        return tuple(t for t, legal in zip(self.tokens, self.legal, strict=True) if legal)


def name_form(text: str, schema: str | None) -> NameForm:
    """Normalise one name for a schema.

    A person's name loses its titles, a vessel's or aircraft's its "M/V"-like prefix, any
    other name its leading article, and its legal-form words are marked.
    """
    kind = schema if schema in _OBJECTS or schema == PERSON else "Organization"
    tokens, legal = _normalize(text, kind)
    family = 0
    if kind == PERSON and "," in text:
        # Lists write persons "FAMILY, Given": the part before the comma.
        family = len(_normalize(text.split(",", 1)[0], kind)[0])
    return NameForm(text=text, tokens=tokens, legal=legal, family=family)


_OBJECTS = frozenset({"Vessel", "Aircraft"})


@lru_cache(maxsize=65536)
def _normalize(text: str, kind: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    text = _POSSESSIVE.sub("", text)
    if kind == PERSON:
        text = remove_person_prefixes(text)
    elif kind in _OBJECTS:
        text = remove_obj_prefixes(text)
    else:
        text = remove_org_prefixes(text)
    if not text.isascii():
        text = ascii_text(text)
    text = _ACRONYM_DOTS.sub(r"\1", _APOSTROPHES.sub("", text.casefold()))
    tokens = tuple(tokenize_name(text))
    if kind != "Organization" or not tokens:
        return tokens, ()
    core = tokenize_name(remove_org_types(" ".join(tokens), replacement=" "))
    core = _strip_extra_legal(core)
    if not core or len(core) == len(tokens):
        return tokens, ()
    legal: list[bool] = []
    pointer = 0
    for token in tokens:
        if pointer < len(core) and token == core[pointer]:
            legal.append(False)
            pointer += 1
        else:
            legal.append(True)
    return tokens, tuple(legal)


def _strip_extra_legal(core: list[str]) -> list[str]:
    """Drop a trailing legal form rigour does not know ("CYTROX AD", "... ZRT")."""
    for form in extra_legal_forms():
        if len(core) > len(form) and tuple(core[-len(form) :]) == form:
            return core[: -len(form)]
    return core


@cache
def vocabulary_data() -> dict[str, Any]:
    """The word lists of data/vocabulary.yaml."""
    text = resources.files("tracewire.screen").joinpath("data/vocabulary.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError("data/vocabulary.yaml must be a mapping")
    return data


def word_tokens(text: str) -> tuple[str, ...]:
    """Casefolded ASCII tokens of a word or phrase."""
    return tuple(tokenize_name(ascii_text(text).casefold()))


@cache
def extra_legal_forms() -> tuple[tuple[str, ...], ...]:
    """Legal forms rigour does not know, longest first, as token sequences."""
    forms = {word_tokens(str(form)) for form in vocabulary_data()["legal_forms"]}
    return tuple(sorted((f for f in forms if f), key=len, reverse=True))


_FOLDS = (
    ("ph", "f"),
    ("c", "k"),
    ("q", "k"),
    ("kh", "h"),
    ("dj", "j"),
    ("w", "v"),
    ("y", "i"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ie", "i"),
)
_DOUBLES = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=131072)
def skeleton(token: str) -> str:
    """A transliteration-folded form: ph/f, c/k/q, kh/h, w/v, y/i, ou/u... and no doubles.

    "Youssef" and "Yusuf", "Liabylity" and "Liability", "Stocc" and "Stock" fold alike.
    """
    for old, new in _FOLDS:
        token = token.replace(old, new)
    return _DOUBLES.sub(r"\1", token)


_SYMBOLS = frozenset({SymbolCategory.SYMBOL, SymbolCategory.DOMAIN, SymbolCategory.ORG_CLASS})


@lru_cache(maxsize=65536)
def org_symbols(token: str) -> frozenset[str]:
    """rigour's organisation symbols for one word: "co" and "company" both give CO,
    "intl" and "international" INTL, "tech" and "technology" TECH, "ltd" and "llc" LLC."""
    found: set[str] = set()
    for name in analyze_names(
        NameTypeTag.ORG, [token], phonetics=False, numerics=False, consolidate=False, rewrite=False
    ):
        for span in name.spans:
            if span.symbol.category in _SYMBOLS and len(span.parts) == 1:
                found.add(f"{span.symbol.category.value}:{span.symbol.id}")
    return frozenset(found)


@cache
def place_tokens() -> frozenset[str]:
    """One-word country names and nationality adjectives (a weak signal in org names)."""
    words: set[str] = set()
    for territory in get_territories():
        if territory.is_country:
            tokens = tokenize_name(ascii_text(territory.name).casefold())
            if len(tokens) == 1:
                words.add(tokens[0])
    data = resources.files("tracewire.screen").joinpath("data/demonyms.yaml").read_text("utf-8")
    words.update(str(word).casefold() for word in yaml.safe_load(data)["demonyms"])
    return frozenset(words)
