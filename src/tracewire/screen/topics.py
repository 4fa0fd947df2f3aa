"""What a list entry is on its list for: OpenSanctions topics with their labels.

Only sanction topics make a match `listed` (data/topics.yaml); the rest are shown as
what they are ("export-controlled", "debarred", "crime").
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def _topics() -> dict[str, dict[str, object]]:
    text = resources.files("tracewire.screen").joinpath("data/topics.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError("data/topics.yaml must map topics to their labels")
    return {str(key): dict(value) for key, value in data.items()}


def known_topics() -> frozenset[str]:
    """Every topic tracewire knows a label for."""
    return frozenset(_topics())


def is_sanction(topic: str) -> bool:
    """Whether a topic makes an entry a sanctions designation (`sanction` only)."""
    return bool(_topics().get(topic, {}).get("listed", False))


def topic_label(topic: str) -> str:
    """A reader's label for a topic ("export.control" -> "export-controlled")."""
    return str(_topics().get(topic, {}).get("label", topic))


def describe_topics(topics: tuple[str, ...] | list[str]) -> str:
    """The labels of several topics, joined ("sanctioned", "debarred, crime")."""
    return ", ".join(topic_label(t) for t in topics) or "no topic"
