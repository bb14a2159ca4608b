"""Worker processes of ``nlp.pipe(n_process=N)`` that stop with their parent.

spaCy forks the workers itself. While :func:`worker_guard` is active, a hook that runs in every child
right after the fork makes it ignore Ctrl-C (SIGINT goes to the whole process group: the parent alone
decides what to do) and, on Linux, asks the kernel to end it when the parent dies (``kill -9`` of the
parent leaves no orphan). Ctrl-C in the parent ends the workers at once instead of waiting for their
batch, then raises KeyboardInterrupt as usual.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.util
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from types import FrameType
from typing import TypeVar

_PR_SET_PDEATHSIG = 1
T = TypeVar("T")


class _Guard:
    """State shared with forked children (the fork copies it): whether to arm them, and their parent."""

    active = False
    parent = 0


_GUARD = _Guard()


def _after_fork(guard: _Guard) -> None:
    if not guard.active:
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):  # no prctl: the parent still ends us on Ctrl-C
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != guard.parent:  # the parent died before the hook ran
        os._exit(1)


multiprocessing.util.register_after_fork(_GUARD, _after_fork)


def end_workers() -> None:
    """Terminate this process's worker processes and wait for them."""
    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(timeout=5)


@contextmanager
def worker_guard(n_process: int) -> Iterator[None]:
    """Arm the workers forked inside the block (see the module docstring); a no-op for one process or
    outside the main thread (signal handlers can only be set there)."""
    if n_process <= 1 or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        end_workers()
        raise KeyboardInterrupt

    _GUARD.active, _GUARD.parent = True, os.getpid()
    signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        _GUARD.active = False


def guarded(items: Iterable[T], n_process: int) -> Iterator[T]:
    """The items of ``nlp.pipe(..., n_process=n_process)`` with :func:`worker_guard` active meanwhile."""
    with worker_guard(n_process):
        yield from items
