"""A stream's tasks over processes: results in the stream's order, a lone task in this
process, a failure raised where its result is taken."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from shared import processen as processen_module
from shared.processen import Geordend


def traag_eerst(nummer: int) -> tuple[int, int]:
    """The earlier the task, the longer it takes: results would come back reversed."""
    time.sleep(0.05 * (6 - nummer))
    return nummer, os.getpid()


def faalt(nummer: int) -> int:
    if nummer == 3:
        raise ValueError(f"taak {nummer} kan niet voor 111222333")
    return nummer


def sterft(nummer: int) -> int:
    if nummer == 3:
        os._exit(1)  # a process that dies (out of memory, killed)
    return nummer


def test_results_come_back_in_the_order_of_the_tasks_from_other_processes() -> None:
    with Geordend(traag_eerst, 2) as werk:
        uitkomsten = [u for n in range(6) for u in werk.geef(n)] + werk.rest()
    assert [nummer for nummer, _ in uitkomsten] == list(range(6))
    assert os.getpid() not in {pid for _, pid in uitkomsten}


def test_a_single_task_runs_in_this_process() -> None:
    with Geordend(traag_eerst, 2) as werk:
        assert werk.geef(5) == []
        assert werk.rest() == [(5, os.getpid())]
        assert werk.pool is None


def test_a_failing_task_fails_where_its_result_is_taken() -> None:
    with (  # noqa: PT012 (the failure surfaces in geef or in rest)
        pytest.raises(RuntimeError, match=r"^ValueError: taak 3 kan niet voor \*{9}$"),
        Geordend(faalt, 2) as werk,
    ):
        for n in range(6):
            werk.geef(n)
        werk.rest()


def test_a_lone_failing_task_fails_the_same_way_in_this_process() -> None:
    with Geordend(faalt, 2) as werk:
        assert werk.geef(3) == []  # held back: perhaps the only task
        with pytest.raises(RuntimeError, match=r"^ValueError: taak 3 kan niet voor \*{9}$"):
            werk.rest()
        assert werk.pool is None


def test_after_a_process_died_the_next_stream_gets_a_working_pool() -> None:
    with pytest.raises(BrokenProcessPool), Geordend(sterft, 2) as werk:  # noqa: PT012
        for n in range(6):
            werk.geef(n)
        werk.rest()
    with Geordend(sterft, 2) as werk:
        uitkomsten = [u for n in (0, 1, 2) for u in werk.geef(n)] + werk.rest()
    assert uitkomsten == [0, 1, 2]


@pytest.mark.parametrize(
    ("cpu_max", "verwacht"),
    [("max 100000", 4), ("250000 100000", 2), ("150000 100000", 1), ("50000 100000", 1)],
)
def test_a_container_quota_of_one_cpu_gives_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cpu_max: str, verwacht: int
) -> None:
    """An instance of one vCPU on a host of many: its work stays in one process."""
    monkeypatch.delenv("WERKPROCESSEN", raising=False)
    (tmp_path / "cpu.max").write_text(cpu_max + "\n")
    monkeypatch.setattr(processen_module, "CPU_MAX", tmp_path / "cpu.max")
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1, 2, 3})
    assert processen_module.processen() == verwacht


@pytest.mark.parametrize(("waarde", "verwacht"), [("1", 1), ("2", 2), ("9", 4)])
def test_the_setting_bounds_the_processes(
    monkeypatch: pytest.MonkeyPatch, waarde: str, verwacht: int
) -> None:
    """The infrastructure sets WERKPROCESSEN from the instance's memory."""
    monkeypatch.setenv("WERKPROCESSEN", waarde)
    monkeypatch.setattr(processen_module, "CPU_MAX", Path("/nonexistent/cpu.max"))
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1, 2, 3, 4, 5})
    assert processen_module.processen() == verwacht


def test_a_wrong_setting_is_named() -> None:
    with pytest.MonkeyPatch.context() as m:
        m.setenv("WERKPROCESSEN", "veel")
        with pytest.raises(ValueError, match="WERKPROCESSEN is 'veel'"):
            processen_module.processen()


def pid(_: int) -> int:
    return os.getpid()


def test_a_process_that_died_between_streams_does_not_fail_the_next() -> None:
    with Geordend(pid, 2) as werk:
        pids = {p for n in range(4) for p in werk.geef(n)} | set(werk.rest())
    for dood in pids:
        os.kill(dood, signal.SIGKILL)  # killed while idle (out of memory, say)
    time.sleep(1)  # the executor's manager notices and marks the pool broken
    with Geordend(traag_eerst, 2) as werk:
        uitkomsten = [u for n in range(4) for u in werk.geef(n)] + werk.rest()
    assert [nummer for nummer, _ in uitkomsten] == [0, 1, 2, 3]
    assert not pids & {p for _, p in uitkomsten}
