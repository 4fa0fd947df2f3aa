"""Comparable forms of names: legal forms and descriptors stripped, plurals folded,
transliteration variants reduced to a consonant skeleton."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from rigour.names import remove_org_types, remove_person_prefixes

FILLER = frozenset({"the", "of", "and", "for", "a", "an", "in", "on", "de", "al"})
# Spelling pairs that transliterations of the same name alternate between.
FOLDS = (
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("dh", "d"),
    ("th", "t"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "z"),
    ("ou", "u"),
    ("ee", "i"),
    ("oo", "u"),
)
VOWELS = set("aeiouy")
LEGAL_TAILS = frozenset({"co", "corp", "inc", "ltd", "llc", "plc", "sa", "ag", "gmbh", "bv"})


def plain(name: str) -> str:
    """Lowercase ASCII-folded words, quotes and possessives removed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"'s\b", "", text).replace("'", "")
    text = re.sub(r"[^\w]+", " ", text)
    text = re.sub(r"^the\s+", "", text.strip())
    return " ".join(text.split())


def singular(word: str) -> str:
    """A crude singular: "guards" -> "guard", "industries" -> "industry"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def org_key(name: str) -> str:
    """Organisation names that differ only in legal form, case or plural share this key."""
    stripped = remove_org_types(name) or name
    words = [w for w in plain(stripped).split() if w not in FILLER]
    while len(words) > 1 and words[-1] in LEGAL_TAILS:  # "Huawei Technologies Co"
        words.pop()
    return " ".join(singular(w) for w in words)


def skeleton(word: str) -> str:
    """A transliteration-insensitive form: Ibrahim/Ebrahim, Hussein/Hossein, Baqeri/Bagheri."""
    word = plain(word).replace(" ", "")
    word = re.sub(r"(?<=[aeiou])gh(?=[aeiou])", "q", word)  # Bagheri / Baqeri
    word = re.sub(r"^gh(?=[aeiou])", "q", word)  # Ghasem / Qasem
    for a, b in FOLDS:
        word = word.replace(a, b)
    if not word:
        return ""
    head = "V" if word[0] in VOWELS else word[0]
    rest = "".join(c for c in word[1:] if c not in VOWELS)
    return re.sub(r"(.)\1+", r"\1", head + rest)


def person_tokens(name: str) -> list[str]:
    """The skeletons of a person's name parts, titles removed."""
    bare = remove_person_prefixes(name) or name
    return [skeleton(w) for w in re.split(r"[\s\-]+", plain(bare)) if w]


def acronym_of(short: str, long: str) -> bool:
    """Whether `short` ("IRGC", "MOU") is made of the initials of `long`."""
    letters = re.sub(r"[^A-Za-z]", "", short).upper()
    if len(letters) < 2 or not short.replace(".", "").replace("-", "").isupper():
        return False
    words = [w for w in re.split(r"[\s\-]+", plain(long)) if w]
    # content words give a letter each; filler words ("of", "and") may or may not
    pattern = "".join(f"(?:{w[0]})?" if w in FILLER else w[0] for w in words)
    return bool(words) and re.fullmatch(pattern.upper(), letters) is not None


def typo_distance(a: str, b: str) -> int:
    """Edit distance counting a swap of neighbours as one edit (IVPM/IPVM = 1)."""
    a, b = a.upper(), b.upper()
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            best = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, rows[-2][j - 2] + 1)
            row.append(best)
        rows.append(row)
    return rows[-1][-1]


def core_forms(
    name: str,
    countries: Mapping[str, str],
    corporate: frozenset[str],
    generic: frozenset[str] = frozenset(),
) -> tuple[set[str], frozenset[str]]:
    """The distinctive cores of an organisation's name, squashed, and the states it names.

    Country names and demonyms, filler words and trailing corporate words (legal forms,
    "Systems", "Technologies", "Group") are set aside: "China Exim Bank", "Exim Bank of
    China" and "EXIMBANK China" share "eximbank"; "Cognyte Software Ltd" and "Cognyte"
    share "cognyte"; "Arvan Cloud" and "ArvanCloud Global Technologies LLC" share
    "arvancloud". A core made only of corporate words, or one generic word ("bank"), is no
    core. `countries` maps country words to their state's key.
    """
    words = plain(remove_org_types(name) or name).split()
    states: set[str] = set()
    kept: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if i + 1 < len(words) and pair in countries:
            states.add(countries[pair])
            i += 2
            continue
        if words[i] in countries:
            states.add(countries[words[i]])
        elif words[i] not in FILLER:
            kept.append(words[i])
        i += 1
    cores: set[str] = set()
    for k in range(1, len(kept) + 1):
        head, tail = kept[:k], kept[k:]
        if all(w in corporate for w in head) or not all(w in corporate for w in tail):
            continue
        core = "".join(singular(w) for w in head)
        if len(core) >= 4 and not (len(head) == 1 and head[0] in generic):
            cores.add(core)
    return cores, frozenset(states)
