"""Seconds to read (and extract) inputs built to be slow, at one size and at twice it.

Usage: python benchmarks/hostile_inputs.py [--size 100000] [--no-extract]

Each input is one line of `size` characters shaped to make a step super-linear: a
markdown heading of spaces and tabs (the old title regex), a summary of `<` (tag
stripping), `<meta` without `>` (charset sniffing), a paragraph of prose without a line
break, a line of punctuation (a token per character), a line without a space. A step
linear in its input takes about twice as long at twice the size: the `ratio` column
shows it (timings under a few milliseconds are noisy).
"""

from __future__ import annotations

import argparse
import random
import string
import time
from collections.abc import Callable
from contextlib import suppress
from functools import partial

from tracewire.extract import Extractor
from tracewire.ingest import IngestError, document_from_bytes, parse_feed
from tracewire.ingest.decode import decode_text
from tracewire.ingest.readers import markdown_title

SENTENCE = "Northwind Optics sold {n} thermal cameras to the harbour police of Ruritania. "


def inputs(size: int) -> dict[str, tuple[str, Callable[[], object]]]:
    """Name -> (what is timed, the call), for inputs of `size` characters."""
    rng = random.Random(size)
    heading = "# a" + " " * size + "b\n\nbody"  # the old title regex: quadratic
    item = b"<item><guid>a</guid><description>" + b"&lt;" * (size // 4) + b"</description></item>"
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel>' + item + b"</channel></rss>"
    meta = b"<meta" * (size // 5) + b"<p>caf\xe9</p>"  # not UTF-8: the charset is sniffed
    prose = "".join(SENTENCE.format(n=n) for n in range(size // len(SENTENCE) + 1))[:size]
    punctuation = "".join(rng.choices(string.punctuation, k=size))
    letters = "".join(rng.choices(string.ascii_lowercase, k=size))

    def read(text: str) -> Callable[[], object]:
        return lambda: document_from_bytes(text.encode(), "input.txt", "text/plain")

    return {
        "markdown heading": ("title", lambda: markdown_title(heading)),
        "feed of '<'": ("parse", lambda: parse_feed(feed, "http://feed.test/")),
        "'<meta' x n": ("decode", lambda: decode_text(meta, "m.html", html=True)),
        "prose, one line": ("read", read(prose)),
        "punctuation": ("read", read(punctuation)),
        "no space": ("read", read(letters)),
    }


def timed(call: Callable[[], object]) -> float:
    """Seconds `call` takes (to a result or to a refusal: both are outcomes)."""
    started = time.perf_counter()
    with suppress(IngestError):
        call()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="characters per input")
    parser.add_argument("--no-extract", action="store_true", help="time reading only")
    args = parser.parse_args()
    extractor = None if args.no_extract else Extractor.load()
    small, large = inputs(args.size), inputs(2 * args.size)
    print(f"{'input':<18}{'step':<16}{args.size:>10,}{2 * args.size:>12,}  ratio (s)")
    for name, (step, call) in small.items():
        steps = [(step, call, large[name][1])]
        if step == "read" and extractor is not None:  # the NLP stage on what was read
            documents = (call(), large[name][1]())
            steps.append(("extract", *(partial(extractor.extract, d) for d in documents)))
        for label, once, twice in steps:
            a, b = timed(once), timed(twice)
            print(f"{name:<18}{label:<16}{a:>10.3f}{b:>12.3f}  {b / a if a else 0:.1f}")


if __name__ == "__main__":
    main()
