"""`tracewire train` and the corpus forms of `tracewire eval` (cross-validation,
train-then-test, an extractor on a corpus)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from tracewire.cli import render
from tracewire.evaluate.crossval import (
    Evaluation,
    cross_validate,
    score_extractor,
    score_rules,
    train_and_test,
)
from tracewire.extract import Extractor, UnknownExtractorError, extractor_names, get_extractor
from tracewire.extract.claims import RULES_NAME, rule_extractor
from tracewire.extract.learn.corpus import Corpus, CorpusError, builtin_corpus, load_corpora
from tracewire.extract.learn.extractor import HYBRID_NAME, MODEL_FILE
from tracewire.extract.learn.model import FitSettings
from tracewire.extract.learn.train import prepare, train

console = Console()
err = Console(stderr=True, soft_wrap=True)  # one line per message, for scripts

CorpusOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--corpus", help="A folder of annotated reports (gold.jsonl beside them); repeatable."
    ),
]
GoldOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--gold", help="Gold claims for each --corpus, in order (default: its gold.jsonl)."
    ),
]
AliasesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--aliases", help="Alias clusters for each --corpus (default: its aliases.jsonl)."
    ),
]
BuiltinOption = Annotated[
    bool,
    typer.Option(
        "--builtin/--no-builtin", help="Also learn from the team's own annotated examples."
    ),
]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the fold split.")]


def _corpora(
    folders: list[Path] | None, golds: list[Path] | None, aliases: list[Path] | None
) -> list[Corpus]:
    try:
        return load_corpora(folders or [], golds or [], aliases or [])
    except CorpusError as exc:
        err.print(Text(f"error: {exc}"), soft_wrap=True)
        raise typer.Exit(2) from exc


def _progress(label: str) -> Any:
    return lambda item: err.print(f"[dim]{label}: {item}[/]", highlight=False)


def train_cmd(  # Typer passes options by keyword
    *,
    corpus: CorpusOption = None,
    gold: GoldOption = None,
    aliases: AliasesOption = None,
    builtin: BuiltinOption = True,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the model file.")
    ] = MODEL_FILE,
    seed: SeedOption = 0,
) -> None:
    """Train the claim model from annotated corpora (reproducible for a fixed seed)."""
    corpora = _corpora(corpus, gold, aliases)
    if builtin:
        corpora.append(builtin_corpus())
    if not corpora:
        err.print("error: nothing to learn from: give --corpus DIR or keep --builtin")
        raise typer.Exit(2)
    nlp = Extractor.load(RULES_NAME)
    data = prepare(corpora, nlp.parse, rule_extractor(), progress=_progress("read"))
    model = train(data, FitSettings(seed=seed))
    output.parent.mkdir(parents=True, exist_ok=True)
    model.save(output)
    thresholds = ", ".join(f"{r} {m.threshold:.2f}" for r, m in sorted(model.relations.items()))
    console.print(
        f"trained on {len(data.documents)} documents "
        f"({', '.join(sorted(set(data.corpora)))}); thresholds: {thresholds}"
    )
    console.print(f"wrote {output}")


def _report(result: Evaluation, predictions: Path | None, as_json: bool) -> None:
    if predictions is not None:
        with predictions.open("w", encoding="utf-8") as out:
            for row in result.predictions:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        err.print(f"wrote {len(result.predictions)} predictions to {predictions}")
    if as_json:
        json.dump(result.scores.as_dict(), sys.stdout, indent=2)
        print()
    else:
        render.scores(console, result.scores)


def corpus_eval(
    *,
    corpus: list[Path],
    gold: list[Path] | None,
    aliases: list[Path] | None,
    cv: int | None,
    train_corpus: list[Path] | None,
    extractor: str,
    builtin: bool,
    seed: int,
    predictions: Path | None,
    as_json: bool,
) -> None:
    """Score a corpus: cross-validated, trained on other corpora, or with an extractor."""
    if len(corpus) != 1:
        err.print("error: give exactly one --corpus to evaluate on")
        raise typer.Exit(2)
    folder = corpus[0]
    test = _corpora(corpus, gold, aliases)[0]
    training = _corpora(train_corpus, None, None)
    if builtin:
        training.append(builtin_corpus())
    settings = FitSettings(seed=seed)
    name = extractor if extractor in {HYBRID_NAME, "tracewire.model/1"} else HYBRID_NAME
    if cv is not None:
        if cv < 2:
            err.print("error: --cv needs at least 2 folds")
            raise typer.Exit(2)
        result = cross_validate(
            folder, test, cv, extra=training, name=name, settings=settings,
            progress=_progress("cv"),
        )  # fmt: skip
    elif train_corpus:
        result = train_and_test(
            training, folder, test, name=name, settings=settings, progress=_progress("read")
        )
    elif extractor == RULES_NAME:
        result = score_rules(folder, test)
    else:
        result = _shipped(folder, test, extractor)
    _report(result, predictions, as_json)


def _shipped(folder: Path, test: Corpus, name: str) -> Evaluation:
    try:
        claims = get_extractor(name)
    except UnknownExtractorError as exc:
        err.print(Text(f"error: {exc}"), soft_wrap=True)
        raise typer.Exit(2) from exc
    return score_extractor(folder, test, claims)


def known_extractor(name: str) -> str:
    """Typer callback: the name if registered, else a one-line error listing the known."""
    if name not in extractor_names():
        known = ", ".join(extractor_names())
        # printed as one line at any terminal width (a usage-error box would wrap it)
        message = f"error: unknown extractor {name!r}; known extractors: {known}"
        err.print(Text(message), soft_wrap=True)
        raise typer.Exit(2)
    return name
