"""Tasks of one stream spread over processes, their results taken back in the stream's order.

One Python process runs Python on one core at a time (the GIL): where a stream's work is
Python (validating records, building documents), more cores need more processes. `Geordend`
runs each task in one of `processen` spawned processes, at most `IN_DE_RIJ` per process
waiting or running, and hands the results back in the order the tasks came in. A stream of a
single task runs in the calling process: no interpreter is started for it.

The processes are started once and kept for the next streams of this process (starting one
costs about a second and a half of CPU, as much as writing some 20,000 source records). They
run with the environment they were started with, so a changed environment (settings) starts
new ones; a pool whose process died is replaced at the next stream.

A task's function must be importable (a module's top-level function); its argument and
result cross processes, pickled. A task runs in a fresh interpreter: what a composition root
installs (`function_app` installs the store of approved parameter sets, `parameters.gebruik`)
is not installed there, so a task that applies rules with parameters must install it itself
or be given them. The source intake's tasks only validate records and write documents. A failure in a task is raised again where its result is
taken, as a `RuntimeError` naming it (an SDK's exception does not always survive pickling).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import Generic, TypeVar

from shared import settings

T = TypeVar("T")
R = TypeVar("R")

IN_DE_RIJ = 2
"""Tasks per process submitted at once: one running, one waiting, so a process never idles
while the stream reads on, and memory holds only a few tasks."""


def processen() -> int:
    """Processes for a stream's work: the cores of the machine (at most 4)."""
    return max(1, min(4, os.cpu_count() or 1))


class _Taak(Generic[T, R]):
    """Runs the task's function and makes any failure pickle."""

    def __init__(self, functie: Callable[[T], R]) -> None:
        self.functie = functie

    def __call__(self, taak: T) -> R:
        try:
            return self.functie(taak)
        except Exception as error:
            raise RuntimeError(f"{type(error).__name__}: {error}") from None


_pools: dict[int, tuple[frozenset[tuple[str, str]], ProcessPoolExecutor]] = {}
_pools_lock = threading.Lock()


def _pool(aantal: int) -> ProcessPoolExecutor:
    """The pool of `aantal` processes started in this environment (started now if need be)."""
    omgeving = settings.omgeving()
    with _pools_lock:
        bestaand = _pools.get(aantal)
        if bestaand is not None:
            if bestaand[0] == omgeving and not getattr(bestaand[1], "_broken", False):
                return bestaand[1]
            bestaand[1].shutdown(wait=False, cancel_futures=True)
        pool = ProcessPoolExecutor(aantal, mp_context=multiprocessing.get_context("spawn"))
        _pools[aantal] = (omgeving, pool)
        return pool


class Geordend(Generic[T, R]):
    def __init__(self, functie: Callable[[T], R], aantal: int | None = None) -> None:
        self.functie = functie
        self.aantal = processen() if aantal is None else aantal
        self.pool: ProcessPoolExecutor | None = None
        self.eerste: T | None = None
        self.rij: deque[Future[R]] = deque()

    def geef(self, taak: T) -> list[R]:
        """Take this task; the results that are ready, in order (none for a while at first)."""
        if self.aantal == 1:
            return [self.functie(taak)]
        if self.pool is None:
            if self.eerste is None:
                self.eerste = taak  # perhaps the only one: then it runs here
                return []
            self.pool = _pool(self.aantal)
            self.rij.append(self.pool.submit(_Taak(self.functie), self.eerste))
            self.eerste = None
        self.rij.append(self.pool.submit(_Taak(self.functie), taak))
        klaar = []
        while self.rij and (len(self.rij) > self.aantal * IN_DE_RIJ or self.rij[0].done()):
            klaar.append(self.rij.popleft().result())
        return klaar

    def rest(self) -> list[R]:
        """The results of every task still out, in order."""
        if self.eerste is not None:
            taak, self.eerste = self.eerste, None
            return [self.functie(taak)]
        klaar = []
        while self.rij:
            klaar.append(self.rij.popleft().result())
        return klaar

    def __enter__(self) -> Geordend[T, R]:
        return self

    def __exit__(
        self,
        soort: type[BaseException] | None,
        fout: BaseException | None,
        spoor: TracebackType | None,
    ) -> None:
        for taak in self.rij:  # after a failure: what has not started, does not start
            taak.cancel()
