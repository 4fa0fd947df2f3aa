"""Claim extractors by name, like nomenklatura's matchers and spaCy's factories.

An extractor has a registered `name` ("tracewire.rules/2") and a `version` derived from
its code, ontology and model files, so every stored claim says what produced it and a
build can re-read documents whose claims came from another version.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Protocol, TypeVar, runtime_checkable

from tracewire.extract.parsed import ParsedDocument
from tracewire.records import Claim, Mention

PACKAGE = Path(__file__).resolve().parents[1]
DEFAULT_EXTRACTOR = "tracewire.hybrid/1"
# Modules that register the built-in extractors when imported.
BUILTIN_MODULES = ("tracewire.extract.claims", "tracewire.extract.learn.extractor")


@runtime_checkable
class ClaimExtractor(Protocol):
    """Reads claims off a parsed document."""

    @property
    def name(self) -> str:
        """The registered name, with its major version ("tracewire.rules/2")."""

    @property
    def version(self) -> str:
        """Changes whenever the extractor's code, data or model file changes."""

    def extract(self, parsed: ParsedDocument, mentions: Sequence[Mention]) -> list[Claim]:
        """The claims of one parsed document."""


class UnknownExtractorError(LookupError):
    """No extractor is registered under the name asked for."""


Factory = Callable[[], ClaimExtractor]
F = TypeVar("F", bound=Factory)
_REGISTRY: dict[str, Factory] = {}


def register(name: str) -> Callable[[F], F]:
    """Register a zero-argument factory of a claim extractor under `name`."""

    def decorate(factory: F) -> F:
        _REGISTRY[name] = factory
        return factory

    return decorate


def _load_builtins() -> None:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)


def extractor_names() -> list[str]:
    """Every registered extractor name, sorted."""
    _load_builtins()
    return sorted(_REGISTRY)


@cache
def get_extractor(name: str = DEFAULT_EXTRACTOR) -> ClaimExtractor:
    """The extractor registered as `name` (built once per process)."""
    _load_builtins()
    factory = _REGISTRY.get(name)
    if factory is None:
        known = ", ".join(sorted(_REGISTRY))
        raise UnknownExtractorError(f"unknown extractor {name!r}; known extractors: {known}")
    return factory()


def fingerprint(paths: Iterable[Path], *extra: str) -> str:
    """A short hash of files' contents (in name order) and extra strings: a version that
    changes whenever any of them does."""
    digest = hashlib.sha256()
    for path in sorted(set(paths)):
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(path.read_bytes())
    for value in extra:
        digest.update(value.encode())
    return digest.hexdigest()[:8]


def package_files(*patterns: str) -> list[Path]:
    """Files of the tracewire package matching glob patterns relative to it."""
    return [p for pattern in patterns for p in PACKAGE.glob(pattern) if p.is_file()]


# What every extractor depends on: the NLP stage and the ontology.
SHARED_FILES = (
    "extract/mentions.py",
    "extract/acronyms.py",
    "extract/context.py",
    "extract/nlp.py",
    "extract/parsed.py",
    "ontology/*.py",
    "ontology/*.yaml",
    "ontology/gazetteer/*.yaml",
)
