"""A time limit on reading one document, so that a pathological input becomes a skip.

Every stage is meant to be linear in its input; the limit is the guard for what is not
(a parser's worst case in a library). It is a SIGALRM timer, so it only works in the main
thread of a POSIX process, where builds run; elsewhere the block runs without a limit.
The timer fires between Python bytecodes, and NLP work is cut into blocks of bounded
size, so a limit is overrun by at most one block's time.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TimeLimitError(Exception):
    """A document took longer than its time limit; str is the one-line reason."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"took longer than the {seconds:g} s limit for one document")


def deadline_after(seconds: float | None) -> float | None:
    """The monotonic time `seconds` from now, or None for no limit (None or 0)."""
    return time.monotonic() + seconds if seconds else None


def can_limit() -> bool:
    """Whether a time limit can be enforced here (main thread, SIGALRM available)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def limited(deadline: float | None, seconds: float) -> Iterator[None]:
    """Raise `TimeLimitError(seconds)` inside the block once `deadline` has passed."""
    if deadline is None or not can_limit():
        yield
        return
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeLimitError(seconds)

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise TimeLimitError(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, remaining)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)
