"""When two party names count as the same for scoring."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

FILLER = frozenset({"the", "of", "and", "a", "an", "s"})


def score_norm(name: str) -> str:
    """Case, quotes, possessive, punctuation and a leading "the" removed."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    text = text.replace("\u2018", "'").replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"^\s*the\s+", "", text)
    return " ".join(text.split())


def content_words(name: str) -> set[str]:
    """The words of a name without filler words."""
    return set(score_norm(name).split()) - FILLER


class NameMatcher:
    """Equal names, names of one alias cluster, or a short name inside a longer one."""

    def __init__(self, clusters: Iterable[Mapping[str, object]] = ()) -> None:
        self.cluster_of: dict[str, int] = {}
        for index, row in enumerate(clusters):
            aliases = row.get("aliases")
            names = [str(row.get("canonical", ""))]
            names += [str(a) for a in aliases] if isinstance(aliases, list) else []
            for name in names:
                self.cluster_of.setdefault(score_norm(name), index)

    def same(self, a: str, b: str) -> bool:
        """Whether `a` and `b` name the same party under the scoring rules."""
        left, right = score_norm(a), score_norm(b)
        if not left or not right:
            return False
        if left == right:
            return True
        cluster = self.cluster_of.get(left)
        if cluster is not None and cluster == self.cluster_of.get(right):
            return True
        words_a, words_b = content_words(a), content_words(b)
        if not words_a or not words_b:
            return False
        shorter, longer = sorted((words_a, words_b), key=len)
        return shorter <= longer and len(shorter) / len(longer) > 0.5
