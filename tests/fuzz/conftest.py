"""Hypothesis settings for the fuzz tests: a few hundred cases in all by default.

`TRACEWIRE_FUZZ_EXAMPLES=N` runs N cases per test instead (and draws them at random:
the default run is derandomized so that CI sees the same cases every time).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES_VAR = "TRACEWIRE_FUZZ_EXAMPLES"
DEFAULT_EXAMPLES = 50

_asked = os.environ.get(EXAMPLES_VAR)
settings.register_profile(
    "tracewire-fuzz",
    max_examples=int(_asked) if _asked else DEFAULT_EXAMPLES,
    derandomize=not _asked,
    deadline=None,  # the NLP model and local servers make some cases slow; no timing here
    database=None,  # nothing written into the work tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("tracewire-fuzz")
