"""An in-process blocking index over every name of a sanctions list.

Each indexed name is cut into keys: its tokens (`t:`), their metaphone codes (`p:`),
transliteration skeletons (`s:`), one-letter deletions (`d:`, so a typo still meets its
token) and the concatenations of adjacent tokens (`c:`, so "HIZB ALLAH" meets
"Hizballah"). Legal-form words ("llc") make no keys. A query looks its keys up, ignoring
keys shared by a large share of names (from document frequency: "company", "of", "al"),
adds up the rarity (IDF) of the keys each name shares with it, and hands only the best
few names to the scorer.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rigour.text import metaphone

from tracewire.screen.aliases import listed_names
from tracewire.screen.lists import SCHEMATA, SanctionsEntry, SanctionsList
from tracewire.screen.normalize import NameForm, name_form, org_symbols, place_tokens, skeleton
from tracewire.screen.scoring import PLACE_WEIGHT, Side

INITIAL_WEIGHT = 1.0
"""Fixed weight of a one-letter token (an initial)."""
COMMON_SHARE = 0.02
"""A key shared by more than this share of a schema's names is too common to block on."""
MIN_COMMON = 150
LEGAL_WEIGHT = 0.25
"""Weight factor for the words of a legal form ("limited liability company")."""
PHONETIC_FACTOR = 0.6
SKELETON_FACTOR = 0.8
DELETION_FACTOR = 0.5
MIN_DELETION_LENGTH = 4
SYMBOL_MIN_DF = 3
"""Organisation words in at least this many names get their rigour symbols looked up."""
SYMBOL_MAX_LENGTH = 5
"""Query words unknown to the list are looked up when this short ("intl", "corp")."""
_NO_SYMBOLS: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class IndexedName:
    """One name of one entry, normalised and weighted for its schema."""

    entry: int
    """Position of the entry in the list."""
    text: str
    schema: str
    side: Side
    legal: tuple[str, ...]
    """The words of its legal form(s), weighed low in comparisons."""
    total: float
    note: str | None = None
    """Where a derived name comes from ("acronym of ..."); None for a listed name."""
    legal_mask: tuple[bool, ...] = ()
    """Which tokens belong to a legal form (empty: none)."""


class SchemaIndex:
    """Postings and token statistics for the names of one schema."""

    def __init__(self, schema: str) -> None:
        self.schema = schema
        self.person = schema == "Person"
        self.df: Counter[str] = Counter()
        self.postings: defaultdict[str, list[int]] = defaultdict(list)
        self.size = 0
        self.limit = MIN_COMMON
        self._places = place_tokens()
        self.symbols: dict[str, frozenset[str]] = {}

    def finish(self, names: int) -> None:
        """Freeze statistics once all names are added."""
        self.size = max(names, 1)
        self.limit = max(MIN_COMMON, int(self.size * COMMON_SHARE))
        if self.schema == "Organization":
            # Symbols ("co" = "company") only matter for the list's common words.
            common = (token for token, df in self.df.items() if df >= SYMBOL_MIN_DF)
            self.symbols = {token: found for token in common if (found := org_symbols(token))}

    def side(self, form: NameForm, *, query: bool = False) -> Side:
        """A name as the scorer sees it: tokens with weights, codes and symbols."""
        return Side(
            tokens=form.tokens,
            weights=self.weights(form),
            phonetic=phonetics(form.tokens),
            skeleton=tuple(skeleton(token) for token in form.tokens),
            symbols=self.token_symbols(form.tokens, query=query),
            family=0 if query else form.family,
            places=() if self.person else tuple(token in self._places for token in form.tokens),
        )

    def token_symbols(
        self, tokens: tuple[str, ...], query: bool = False
    ) -> tuple[frozenset[str], ...]:
        """rigour organisation symbols per token; () outside organisation names."""
        if self.schema != "Organization":
            return ()
        symbols = self.symbols
        return tuple(
            symbols.get(t, _NO_SYMBOLS)
            if t in symbols or not query or len(t) > SYMBOL_MAX_LENGTH or t in self.df
            else org_symbols(t)
            for t in tokens
        )

    def weight(self, token: str, legal: bool = False) -> float:
        """The IDF weight of a token in this schema's names (reduced for places, legal forms)."""
        if len(token) == 1 and not token.isdigit():
            return INITIAL_WEIGHT
        idf = math.log(1.0 + self.size / (self.df.get(token, 0) + 0.5))
        if legal:
            return idf * LEGAL_WEIGHT
        if not self.person and token in self._places:
            return idf * PLACE_WEIGHT
        return idf

    def weights(self, form: NameForm) -> tuple[float, ...]:
        """The weight of each token of a name."""
        legal = form.legal or (False,) * len(form.tokens)
        return tuple(self.weight(t, flag) for t, flag in zip(form.tokens, legal, strict=True))


def name_keys(form: NameForm, phonetic: Sequence[str]) -> list[tuple[str, int, float]]:
    """Blocking keys of an indexed name: (key, token position, weight factor)."""
    keys: list[tuple[str, int, float]] = []
    tokens = form.tokens
    legal = form.legal or (False,) * len(tokens)
    for pos, token in enumerate(tokens):
        if legal[pos]:
            continue
        if len(token) > 1 or token.isdigit():
            keys.append(("t:" + token, pos, 1.0))
        if phonetic[pos]:
            keys.append(("p:" + phonetic[pos], pos, PHONETIC_FACTOR))
        folded = skeleton(token)
        if folded != token:
            keys.append(("s:" + folded, pos, SKELETON_FACTOR))
        if len(token) >= MIN_DELETION_LENGTH and not token.isdigit():
            keys.extend(("d:" + cut, pos, DELETION_FACTOR) for cut in _deletions(token))
    for pos in range(len(tokens) - 1):
        if not legal[pos] and not legal[pos + 1]:
            keys.append(("c:" + tokens[pos] + tokens[pos + 1], pos, 1.0))
    return keys


def query_keys(
    form: NameForm, phonetic: Sequence[str], unknown: Sequence[bool]
) -> list[tuple[str, int, float]]:
    """The keys a query looks up: (key, token position, weight factor).

    Besides its own tokens, metaphones and skeletons, a query looks for a joined pair
    ("hizb allah" as `t:hizballah`), a split pair ("hizballah" among `c:` keys) and, for
    words the list does not know, one-letter typos: its deletions among the index's
    tokens and deletions, and itself among the index's deletions.
    """
    keys: list[tuple[str, int, float]] = []
    tokens = form.tokens
    legal = form.legal or (False,) * len(tokens)
    for pos, token in enumerate(tokens):
        if legal[pos]:
            continue
        if len(token) > 1 or token.isdigit():
            keys.append(("t:" + token, pos, 1.0))
            keys.append(("c:" + token, pos, 1.0))
        if phonetic[pos]:
            keys.append(("p:" + phonetic[pos], pos, PHONETIC_FACTOR))
        folded = skeleton(token)
        if folded != token:
            keys.append(("s:" + folded, pos, SKELETON_FACTOR))
        if unknown[pos] and len(token) >= MIN_DELETION_LENGTH and not token.isdigit():
            keys.append(("d:" + token, pos, DELETION_FACTOR))
            for cut in _deletions(token):
                keys.append(("d:" + cut, pos, DELETION_FACTOR))
                keys.append(("t:" + cut, pos, DELETION_FACTOR))
    for pos in range(len(tokens) - 1):
        if not legal[pos] and not legal[pos + 1]:
            keys.append(("t:" + tokens[pos] + tokens[pos + 1], pos, 1.0))
    return keys


def _deletions(token: str) -> set[str]:
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


def phonetics(tokens: Iterable[str]) -> tuple[str, ...]:
    """Metaphone codes for tokens of three letters or more ("" for the rest)."""
    return tuple(
        metaphone(token) if len(token) > 2 and not token.isdigit() else "" for token in tokens
    )


class NameIndex:
    """All names of a list (primary, aliases, derived forms), indexed per schema."""

    def __init__(self, lst: SanctionsList) -> None:
        self.list = lst
        self.entries: tuple[SanctionsEntry, ...] = lst.entries
        self.schemas = {schema: SchemaIndex(schema) for schema in SCHEMATA}
        self.names: list[IndexedName] = []
        forms: list[tuple[int, NameForm, str | None]] = []
        seen: set[tuple[int, tuple[str, ...]]] = set()
        for entry, text, note in listed_names(self.entries):
            form = name_form(text, self.entries[entry].schema)
            if form.tokens and (entry, form.tokens) not in seen:
                seen.add((entry, form.tokens))
                forms.append((entry, form, note))
        counts: Counter[str] = Counter()
        for entry, form, _ in forms:
            schema = self.entries[entry].schema
            self.schemas[schema].df.update(set(form.tokens))
            counts[schema] += 1
        for schema, index in self.schemas.items():
            index.finish(counts[schema])
        for entry, form, note in forms:
            self._add(entry, form, note)

    def _add(self, entry: int, form: NameForm, note: str | None) -> None:
        index = self.schemas[self.entries[entry].schema]
        side = index.side(form)
        name_id = len(self.names)
        self.names.append(
            IndexedName(
                entry=entry,
                text=form.text,
                schema=index.schema,
                side=side,
                legal=form.legal_tokens,
                total=sum(side.weights),
                note=note,
                legal_mask=form.legal,
            )
        )
        for key in {key for key, _, _ in name_keys(form, side.phonetic)}:
            index.postings[key].append(name_id)

    def candidates(self, form: NameForm, schema: str, limit: int) -> list[tuple[float, int]]:
        """The names of `schema` sharing the most rare keys with `form`: (rank, name id).

        The rank is the IDF mass of the shared keys over both names' total weight.
        """
        index = self.schemas[schema]
        weights = index.weights(form)
        postings = index.postings
        # Words the list knows need no typo lookups: that is where most keys come from.
        unknown = [token not in index.df for token in form.tokens]
        found: list[tuple[int, float, list[int]]] = []
        for key, pos, factor in query_keys(form, phonetics(form.tokens), unknown):
            ids = postings.get(key)
            if ids:
                found.append((pos, factor * weights[pos], ids))
        if not found:
            return []
        rare = [item for item in found if len(item[2]) <= index.limit]
        if not rare:
            rare = sorted(found, key=lambda item: len(item[2]))[:2]
        # Per query token, a name scores its best key only (a token and its metaphone,
        # skeleton and deletions would otherwise count several times).
        rare.sort(key=lambda item: -item[1])
        counted: set[tuple[int, int]] = set()
        acc: defaultdict[int, float] = defaultdict(float)
        for pos, weight, ids in rare:
            for name_id in ids:
                if (pos, name_id) not in counted:
                    counted.add((pos, name_id))
                    acc[name_id] += weight
        query_total = sum(weights)
        names = self.names
        ranked = ((weight / (query_total + names[nid].total), nid) for nid, weight in acc.items())
        return heapq.nlargest(limit, ranked)
