"""A time budget for one stage on one article.

``time_budget(seconds, what)`` arms a real-time timer around a block; when it fires, the block
is interrupted with ``StageTimeout`` (Python's regular-expression engine and pure-Python loops
check for signals, so a runaway pattern stops too). The timer works in the main thread of a
process (the CLI, each worker process of a local run); in other threads (Dask worker threads,
the web app's thread pool) the block runs without a budget, and the packaged patterns' own
safety (tests/test_pattern_safety.py) is what bounds them. An outer timer is restored after
the block.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .errors import StageTimeout


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None, what: str) -> Iterator[None]:
    if not seconds or seconds <= 0 or not _can_time():
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise StageTimeout(f"{what} ran past its time budget of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # give an enclosing timer what is left of its time
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))
