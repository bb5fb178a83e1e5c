"""The audit log is hash-chained: an entry changed or removed by someone with write rights
on the container (but without the key) is found by `auditketen verify` (issue 13 §3)."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest

from shared.models.audit import Resultaat
from shared.security import audit, auditketen
from shared.security.access import SYSTEEM, Caller, Dienstgebruik
from shared.security.diensten import RECHTMATIGHEID_CONTROLEREN
from shared.security.tokens import Identity
from shared.storage.audit import AuditLog
from tests.conftest import gebruik_eigen_database

pytestmark = pytest.mark.integration


def organisatie() -> str:
    return f"GM{uuid.uuid4().int % 9000 + 1000:04d}"


def schrijf(org: str, aantal: int) -> list[str]:
    return [
        audit.record(f"GET v1/voorbeeld/{i}", Resultaat.TOEGESTAAN, organisatie=org).id
        for i in range(aantal)
    ]


def verify(org: str) -> int:
    return auditketen.main(["verify", "--organisatie", org])


def raw() -> Any:
    """The audit container as an attacker with a data role on it reaches it: the SDK."""
    return AuditLog().container


def test_an_untouched_log_verifies(app_settings: dict[str, str]) -> None:
    org = organisatie()
    ids = schrijf(org, 5)
    assert [i.rsplit(":", 1)[1] for i in ids] == ["0", "1", "2", "3", "4"]
    assert verify(org) == 0


def test_an_edited_entry_breaks_its_chain(
    app_settings: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    org = organisatie()
    ids = schrijf(org, 4)
    entry = raw().read_item(ids[2], partition_key=org)
    entry["actie"] = "niets gebeurd"
    raw().replace_item(ids[2], entry)
    assert verify(org) == 1
    assert f"{ids[2]}): inhoud gewijzigd" in capsys.readouterr().out


def test_a_deleted_entry_breaks_its_chain(
    app_settings: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    org = organisatie()
    ids = schrijf(org, 4)
    raw().delete_item(ids[1], partition_key=org)
    assert verify(org) == 1
    assert "ontbreekt" in capsys.readouterr().out


def test_an_inserted_entry_is_found(app_settings: dict[str, str]) -> None:
    org = organisatie()
    [eerste] = schrijf(org, 1)
    vals = raw().read_item(eerste, partition_key=org)
    vals = {k: v for k, v in vals.items() if not k.startswith("_")}
    keten = vals["keten"]
    vals.update(id=f"{keten}:1", volgnummer=1, vorige=vals["hash"], actie="vervalst")
    raw().create_item(vals)
    assert verify(org) == 1


def test_two_writers_of_one_chain_never_write_the_same_place(app_settings: dict[str, str]) -> None:
    """Two threads that (by accident) share a writer id: the second's create of place 0
    conflicts, it reads the chain's head and appends after it; the chain stays whole."""
    org = organisatie()
    schrijf(org, 3)
    gedeeld = auditketen._schrijver().id
    result: list[str] = []

    def ander() -> None:
        auditketen._schrijver().id = gedeeld
        result.extend(schrijf(org, 2))

    thread = threading.Thread(target=ander)
    thread.start()
    thread.join()
    assert [i.rsplit(":", 1)[1] for i in result] == ["3", "4"]
    assert verify(org) == 0


def test_many_persons_are_audited_in_batches_and_chain(app_settings: dict[str, str]) -> None:
    org = organisatie()
    bsns = [f"{i:09d}" for i in range(250)]
    caller = Caller(
        Identity("client", frozenset({SYSTEEM}), "client"),
        org,
        org,
        Dienstgebruik(RECHTMATIGHEID_CONTROLEREN),
    )
    regels = audit.personen(caller, "signalen lezen", RECHTMATIGHEID_CONTROLEREN, bsns)
    assert len(regels) == 250
    assert len({r.bsn_hash for r in regels}) == 250
    assert verify(org) == 0


def test_a_process_pointed_at_another_database_starts_its_chains_there_afresh(
    app_settings: dict[str, str],
) -> None:
    """The tests and the local host switch databases in one process: a chain in the second
    database begins at place 0, not where the same writer had got to in the first."""
    org = organisatie()
    schrijf(org, 3)
    gebruik_eigen_database(f"keten-{uuid.uuid4().hex[:6]}")
    ids = schrijf(org, 2)
    assert [i.rsplit(":", 1)[1] for i in ids] == ["0", "1"]
    assert verify(org) == 0
