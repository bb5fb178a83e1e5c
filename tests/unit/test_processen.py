"""A stream's tasks over processes: results in the stream's order, a lone task in this
process, a failure raised where its result is taken."""

from __future__ import annotations

import os
import time

import pytest

from shared.processen import Geordend


def traag_eerst(nummer: int) -> tuple[int, int]:
    """The earlier the task, the longer it takes: results would come back reversed."""
    time.sleep(0.05 * (6 - nummer))
    return nummer, os.getpid()


def faalt(nummer: int) -> int:
    if nummer == 3:
        raise ValueError(f"taak {nummer} kan niet")
    return nummer


def test_results_come_back_in_the_order_of_the_tasks_from_other_processes() -> None:
    with Geordend(traag_eerst, 2) as werk:
        uitkomsten = [u for n in range(6) for u in werk.geef(n)] + werk.rest()
    assert [nummer for nummer, _ in uitkomsten] == list(range(6))
    pids = {pid for _, pid in uitkomsten}
    assert os.getpid() not in pids
    assert len(pids) == 2


def test_a_single_task_runs_in_this_process() -> None:
    with Geordend(traag_eerst, 2) as werk:
        assert werk.geef(5) == []
        assert werk.rest() == [(5, os.getpid())]
        assert werk.pool is None


def test_a_failing_task_fails_where_its_result_is_taken() -> None:
    with (  # noqa: PT012 (the failure surfaces in geef or in rest)
        pytest.raises(RuntimeError, match="ValueError: taak 3 kan niet"),
        Geordend(faalt, 2) as werk,
    ):
        for n in range(6):
            werk.geef(n)
        werk.rest()
