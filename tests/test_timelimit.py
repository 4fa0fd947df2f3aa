"""The time limit on one document: a SIGALRM timer in the main thread, none elsewhere."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from tracewire.timelimit import TimeLimitError, deadline_after, limited


def busy(seconds: float) -> int:
    """Python work (no sleeping) for about `seconds`."""
    end, n = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        n += 1
    return n


def test_work_past_the_deadline_is_stopped() -> None:
    started = time.monotonic()
    stop = pytest.raises(TimeLimitError, match=r"took longer than the 0\.2 s limit")
    with stop, limited(deadline_after(0.2), 0.2):
        busy(5)
    assert time.monotonic() - started < 2


def test_work_within_the_deadline_is_left_alone_and_the_handler_restored() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with limited(deadline_after(2.0), 2.0):
        assert busy(0.05) > 0
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # nothing left armed


def test_a_deadline_already_passed_stops_at_once() -> None:
    with pytest.raises(TimeLimitError), limited(time.monotonic() - 1, 1.0):
        busy(5)


def test_no_limit_without_a_deadline_or_outside_the_main_thread() -> None:
    with limited(None, 0):
        busy(0.05)
    finished: list[bool] = []

    def work() -> None:
        with limited(deadline_after(0.01), 0.01):  # a thread cannot take signals
            busy(0.1)
        finished.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert finished == [True]
