"""Tasks of one stream spread over processes, their results taken back in the stream's order.

One Python process runs Python on one core at a time (the GIL): where a stream's work is
Python (validating records, building documents), more cores need more processes. `Geordend`
runs each task in one of `processen()` spawned processes, at most `IN_DE_RIJ` per process
waiting or running, and hands the results back in the order the tasks came in. A stream of a
single task, or a machine of one core, runs in the calling process: no interpreter is started.

The processes are started once and kept for the next streams of this process (starting one
costs about a second and a half of CPU, as much as writing some 20,000 source records). They
run with the environment they were started with, so a changed environment (settings) starts
new ones; a pool whose process died is replaced at the next stream.

A task's function must be importable (a module's top-level function); its argument and
result cross processes, pickled. A task runs in a fresh interpreter, set up as
`_begin_werkproces` does (logging with BSNs masked, telemetry). What a composition root
installs besides (`function_app` installs the store of approved parameter sets,
`parameters.gebruik`) is not installed there: a task that applies rules with parameters must
install it itself or be given them. The source intake's tasks only validate and write.

A failure in a task is raised where its result is taken, as a `RuntimeError` with its type
and its message, BSNs masked (an SDK's exception does not always survive pickling, and a
message may quote a value).
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import TracebackType
from typing import Generic, TypeVar

from shared import log, settings, telemetrie

T = TypeVar("T")
R = TypeVar("R")

IN_DE_RIJ = 2
"""Tasks per process submitted at once: one running, one waiting, so a process never idles
while the stream reads on, and memory holds only a few tasks."""
MAX_PROCESSEN = 4
CPU_MAX = Path("/sys/fs/cgroup/cpu.max")


def cpu_quotum(cpu_max: Path = CPU_MAX) -> float | None:
    """The CPUs a container may use (cgroup v2 `cpu.max`: quota and period in microseconds),
    or None when it has no quota.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pad = Path(d) / "cpu.max"
    ...     _ = pad.write_text("150000 100000\\n")
    ...     cpu_quotum(pad)
    1.5
    """
    try:
        quota, period = cpu_max.read_text().split()[:2]
        return None if quota == "max" else int(quota) / int(period)
    except (OSError, ValueError, ZeroDivisionError):
        return None


def processen() -> int:
    """Processes for a stream's work: the whole cores this process may use (its CPU affinity,
    and a container's quota: an instance of one vCPU gets 1), at most `MAX_PROCESSEN`, and at
    most the setting `WERKPROCESSEN` (the instance's memory)."""
    affiniteit = getattr(os, "sched_getaffinity", None)  # Linux; elsewhere: the CPU count
    cores = len(affiniteit(0)) if affiniteit else (os.cpu_count() or 1)
    quotum = cpu_quotum(CPU_MAX)
    if quotum is not None:
        cores = min(cores, math.floor(quotum))
    return max(1, min(MAX_PROCESSEN, settings.werkprocessen() or MAX_PROCESSEN, cores))


def _begin_werkproces() -> None:
    """What a worker process sets up before its first task, as `function_app` does."""
    log.install()
    try:
        telemetrie.configure()
    except Exception:  # a worker without telemetry still works; one that exits breaks the pool
        logging.getLogger(__name__).warning("werkproces zonder telemetrie", exc_info=True)


class _Taak(Generic[T, R]):
    """Runs the task's function and makes any failure pickle, its message masked."""

    def __init__(self, functie: Callable[[T], R]) -> None:
        self.functie = functie

    def __call__(self, taak: T) -> R:
        try:
            return self.functie(taak)
        except Exception as error:
            raise RuntimeError(log.mask_bsn(f"{type(error).__name__}: {error}")) from None


_pools: dict[int, tuple[frozenset[tuple[str, str]], ProcessPoolExecutor]] = {}
_pools_lock = threading.Lock()


def _pool(aantal: int) -> ProcessPoolExecutor:
    """The pool of `aantal` processes started in this environment (started now if need be)."""
    omgeving = settings.omgeving()
    with _pools_lock:
        bestaand = _pools.get(aantal)
        # A pool whose process died while idle is marked broken at once; one started in
        # another environment is left to the streams still using it (it winds down when the
        # last of them lets go of it).
        if bestaand is not None and bestaand[0] == omgeving and not _kapot(bestaand[1]):
            return bestaand[1]
        pool = ProcessPoolExecutor(
            aantal,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_begin_werkproces,
        )
        _pools[aantal] = (omgeving, pool)
        return pool


def _kapot(pool: ProcessPoolExecutor) -> bool:
    """Whether one of its processes died (the executor's own flag, set by its manager)."""
    return bool(getattr(pool, "_broken", False))


def _vergeet(pool: ProcessPoolExecutor) -> None:
    """A pool one of whose processes died is of no use any more: the next stream starts one."""
    with _pools_lock:
        for aantal, (_, bestaand) in list(_pools.items()):
            if bestaand is pool:
                del _pools[aantal]
    pool.shutdown(wait=False, cancel_futures=True)


class Geordend(Generic[T, R]):
    def __init__(self, functie: Callable[[T], R], aantal: int | None = None) -> None:
        self.taak = _Taak(functie)
        self.aantal = processen() if aantal is None else aantal
        self.pool: ProcessPoolExecutor | None = None
        self.eerste: T | None = None
        self.rij: deque[Future[R]] = deque()

    def geef(self, taak: T) -> list[R]:
        """Take this task; the results that are ready, in order (none for a while at first)."""
        if self.aantal == 1:
            return [self.taak(taak)]
        if self.pool is None:
            if self.eerste is None:
                self.eerste = taak  # perhaps the only one: then it runs here
                return []
            self.pool = _pool(self.aantal)
            self._submit(self.pool, self.eerste)
            self.eerste = None
        self._submit(self.pool, taak)
        klaar = []
        while self.rij and (len(self.rij) > self.aantal * IN_DE_RIJ or self.rij[0].done()):
            klaar.append(self._result())
        return klaar

    def rest(self) -> list[R]:
        """The results of every task still out, in order."""
        if self.eerste is not None:
            taak, self.eerste = self.eerste, None
            return [self.taak(taak)]
        klaar = []
        while self.rij:
            klaar.append(self._result())
        return klaar

    def _submit(self, pool: ProcessPoolExecutor, taak: T) -> None:
        try:
            self.rij.append(pool.submit(self.taak, taak))
        except BrokenProcessPool:
            _vergeet(pool)
            raise

    def _result(self) -> R:
        try:
            return self.rij.popleft().result()
        except BrokenProcessPool:
            if self.pool is not None:
                _vergeet(self.pool)
            raise

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
