"""Blocking keys: which entities a merge rule could ever pair, as strings to look up.

Every pair of entities that any rule in `resolve.rules` may propose (or, for the rules
that pick one partner among several, may consider) shares at least one key here. The keys
are necessary conditions only: context, states and uniqueness are checked by the rules
themselves. This is what lets a build re-resolve only the neighbourhood of its new names
(`resolve.incremental`): entities that share no key, no cluster and no user judgement with
a changed entity cannot be affected by it.
"""

from __future__ import annotations

import re
from itertools import product

from tracewire.ontology import load_type_rules
from tracewire.records import EntityType
from tracewire.resolve.keys import FILLER, core_forms, org_key, person_tokens, plain
from tracewire.resolve.rules import (
    KINDRED,
    ORGANISATIONS,
    EntityInfo,
    _country_words,
    _generic_words,
)

# The rules that pick one partner among several (acronyms, short forms) pair a short name
# with long ones: their keys come in two kinds, and a key of one kind finds the other.
SHORT = {"ac": "acs", "sf": "sfs"}
LONG = {"ac": "acl", "sf": "sfl"}
PARTNER = {SHORT[r]: LONG[r] for r in SHORT} | {LONG[r]: SHORT[r] for r in SHORT}
# The rules whose edges depend on the pair alone: a key they share is checked by the rule.
PAIRWISE = ("tr", "cn", "ty")


def partner_blocks(blocks: set[str]) -> set[str]:
    """The keys whose holders the holders of `blocks` may pair with: the same key, or the
    other kind of a short/long key."""
    found = set()
    for block in blocks:
        kind, _, rest = block.partition(":")
        found.add(f"{PARTNER[kind]}:{rest}" if kind in PARTNER else block)
    return found


# Bump when a rule or key changes: stores resolved with other keys are resolved in full.
VERSION = 2
MAX_FILLERS = 8  # filler words of one name that may or may not give an acronym letter
LETTERS = re.compile(r"[A-Z]+")


def _acronym(short: str) -> str | None:
    """The letters of a stand-alone acronym, as `keys.acronym_of` reads them."""
    letters = re.sub(r"[^A-Za-z]", "", short).upper()
    if len(letters) < 2 or not short.replace(".", "").replace("-", "").isupper():
        return None
    return letters


def _acronyms_of(long: str) -> set[str]:
    """Every acronym `keys.acronym_of` accepts for a long name (fillers optional)."""
    words = [w for w in re.split(r"[\s\-]+", plain(long)) if w]
    if not words or sum(w in FILLER for w in words) > MAX_FILLERS:
        return set()
    choices = [("", w[0].upper()) if w in FILLER else (w[0].upper(),) for w in words]
    return {"".join(parts) for parts in product(*choices)} - {""}


def _deletions(word: str) -> set[str]:
    """The word and every form of it one letter shorter: two words one substitution,
    insertion or swap of neighbours apart share one of these."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def blocking_keys(entity: EntityInfo) -> set[str]:
    """The keys under which the rules could pair `entity` with another."""
    names = entity.names | {entity.canonical}
    kind = entity.type.value
    keys: set[str] = set()
    if entity.type in ORGANISATIONS:  # name_forms
        keys |= {f"nf:{kind}:{k}" for k in {org_key(n) for n in names} - {""}}
    if entity.type is EntityType.PERSON:  # transliterations: parts equal or prefixes
        for name in names:
            if len(name.split()) > 1:
                tokens = person_tokens(name)
                if len(tokens) >= 2:
                    keys.add(f"tr:{len(tokens)}:" + "|".join(t[:3] for t in tokens))
    if not entity.gazetteer and (letters := _acronym(entity.canonical)):  # acronyms: short
        keys.add(f"{SHORT['ac']}:{letters}")
    if entity.type in ORGANISATIONS:  # acronyms: long
        keys |= {
            f"{LONG['ac']}:{a}" for n in names for a in _acronyms_of(n) if LETTERS.fullmatch(a)
        }
        words = plain(entity.canonical).split()
        if not entity.gazetteer and len(words) >= 2:  # short_forms: the short form
            keys.add(f"{SHORT['sf']}:{kind}:{' '.join(words)}")
        for name in names:  # short_forms: hosts end with the short form
            words = plain(name).split()
            keys |= {f"{LONG['sf']}:{kind}:{' '.join(words[-k:])}" for k in range(2, len(words))}
    if (family := KINDRED.get(entity.type)) is not None:  # core_names
        countries, corporate = _country_words(), load_type_rules().corporate_words
        for name in names:
            cores, _states = core_forms(name, countries, corporate, _generic_words())
            keys |= {f"cn:{family}:{core}" for core in cores}
    name = entity.canonical
    if " " not in name and len(name) >= 4:  # typos
        keys |= {f"ty:{kind}:{name[0].upper()}:{d}" for d in _deletions(name.upper())}
    return {key[:512] for key in keys}


__all__ = ["PAIRWISE", "VERSION", "blocking_keys", "partner_blocks"]
