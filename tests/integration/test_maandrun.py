"""The monthly run stopped half way and started again ends with the same signals as one
that ran through, and a second run of an unchanged month delivers nothing again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from local.runtime import Platform
from local.world import bron_als_parquet, populatie_als_parquet
from shared import settings
from shared.rechtmatigheid.maandrun import run_month
from shared.security.pseudonym import bsn_hash
from shared.storage import clients
from shared.storage.containers import SIGNALEN, VERWERKINGEN, BlobContainers
from synth.files import write_world
from synth.world import Wereld
from tests.conftest import gebruik_eigen_database

pytestmark = pytest.mark.integration
PEIL = date(2026, 5, 31)
GRENZEN = (800_000, 1_600_000)
GEMEENTEN = 36
"""Gemeenten in the run: each costs a fixed number of round trips, and 36 leave room to kill
the run half way (at a third of them)."""


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, list[str]], dict[str, str]]:
    root = tmp_path_factory.mktemp("maandrun")
    write_world(Wereld(44, PEIL).huishoudens(600, 0.4), root / "synth", PEIL, 600)
    snapshots: dict[str, list[str]] = {}
    for path in (root / "synth" / "bronnen").iterdir():
        target = root / f"{path.name}.parquet"
        bron_als_parquet(root / "synth", PEIL, path.name, target)
        snapshots[path.name] = [str(target)]
    populaties = {}
    for path in sorted((root / "synth" / "gemeenten").rglob("*.csv"))[:GEMEENTEN]:
        target = root / f"pop-{path.parent.name}.parquet"
        populatie_als_parquet(path, target)
        populaties[path.parent.name] = str(target)
    return snapshots, populaties


def stored_signals() -> set[tuple[str, str]]:
    container = clients.cosmos_database().get_container_client(SIGNALEN.name)
    rows = container.query_items(
        "SELECT c.id, c.inhoudHash FROM c", enable_cross_partition_query=True
    )
    return {(r["id"], r["inhoudHash"]) for r in rows}


def processed() -> set[tuple[str, str]]:
    """(gemeente, person) of every line in the processing log."""
    container = clients.cosmos_database().get_container_client(VERWERKINGEN.name)
    rows = container.query_items(
        "SELECT c.ontvanger, c.betrokkene FROM c", enable_cross_partition_query=True
    )
    return {(r["ontvanger"], r["betrokkene"]) for r in rows}


def read_for_each_gemeente(populaties: dict[str, str], gelezen: Path) -> set[tuple[str, str]]:
    """Each recipient and partner of a gemeente, and each other person the matching read
    for it (stage 1's `gelezen`), as (gemeente, pseudonym)."""
    key = settings.audit_hash_key()
    bsns = {
        (gemeente, bsn)
        for gemeente, pad in populaties.items()
        for kolom in pq.read_table(pad, columns=["bsn", "partner_bsn"]).columns
        for bsn in kolom.to_pylist()
        if bsn
    }
    anderen = pq.read_table(gelezen).to_pylist()
    assert anderen, "the world has co-residents and BRP children"
    bsns |= {(str(r["gemeente"]), r["bsn"]) for r in anderen}
    return {(gemeente, bsn_hash(bsn, key)) for gemeente, bsn in bsns}


def use_database(platform: Platform, name: str) -> None:
    gebruik_eigen_database(name)


def markers(run_id: str) -> int:
    container = clients.blob_service().get_container_client(BlobContainers.TERUGMELDINGEN)
    return sum(
        1 for _ in container.list_blobs(name_starts_with=f"rechtmatigheid/maandrun/{run_id}/")
    )


RUN = """
import sys, json
from datetime import date
from pathlib import Path
from shared.rechtmatigheid.maandrun import run_month
snapshots, populaties, work = json.loads(sys.argv[1]), json.loads(sys.argv[2]), Path(sys.argv[3])
grenzen = (800000, 1600000)
run_month("onderbroken", populaties, snapshots, date(2026, 5, 31), grenzen, work, processen=2)
"""


def test_a_run_killed_half_way_and_restarted_equals_an_uninterrupted_run(
    world: tuple[dict[str, list[str]], dict[str, str]],
    emulators: Platform,
    app_settings: dict[str, str],
    tmp_path: Path,
) -> None:
    import json

    snapshots, populaties = world
    use_database(emulators, "doorgelopen")
    whole = run_month("doorgelopen", populaties, snapshots, PEIL, GRENZEN, tmp_path / "a")
    expected = stored_signals()
    assert whole.geleverd == len(expected) > 0
    assert processed() == read_for_each_gemeente(populaties, tmp_path / "a" / "gelezen")

    use_database(emulators, "onderbroken")
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            RUN,
            json.dumps(snapshots),
            json.dumps(populaties),
            str(tmp_path / "b"),
        ],
        env={**os.environ},
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while (
        markers("onderbroken") < GEMEENTEN // 3
        and child.poll() is None
        and time.monotonic() < deadline
    ):
        time.sleep(0.05)
    os.killpg(child.pid, signal.SIGKILL)  # the process and its workers, mid-way
    child.wait()
    halfway = markers("onderbroken")
    assert 0 < halfway < len(populaties), "the kill should land half way"

    # Restarted in one process, it still ends as the run spread over two processes did.
    restarted = run_month(
        "onderbroken", populaties, snapshots, PEIL, GRENZEN, tmp_path / "c", processen=1
    )
    assert restarted.overgeslagen == halfway
    assert stored_signals() == expected

    again = run_month(
        "onderbroken-2", populaties, snapshots, PEIL, GRENZEN, tmp_path / "d", processen=1
    )
    assert again.geleverd == 0  # the same facts next month: nothing is delivered twice
    assert stored_signals() == expected
