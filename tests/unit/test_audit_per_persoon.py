"""Reads of a partner's data and list reads of persons are audited per person (issue 13 §3):
one entry per person, the BSN only as its keyed hash, many entries in batches."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from functions.rechtmatigheid import audit_signalen
from shared import correlation, settings
from shared.bronnen import huishoudlezer
from shared.models.audit import AuditRegel, Resultaat
from shared.models.rechtmatigheid import Signaal, SignaalStatus
from shared.models.verwerkingen import Verwerking
from shared.rechtmatigheid import verwerking
from shared.rechtmatigheid.signaalbestanden import SIGNAALBESTANDEN
from shared.rechtmatigheid.verwerking import audit_gecontroleerd
from shared.security import audit
from shared.security.access import SYSTEEM, Caller, Dienstgebruik
from shared.security.diensten import RECHTMATIGHEID_CONTROLEREN
from shared.security.pseudonym import bsn_hash
from shared.security.tokens import Identity
from shared.storage.documents import BATCH
from shared.verwerkingen import log as verwerkingslog
from tests.unit.test_bvv_gegevens import IK, PARTNER, PEIL, Bronnen, brp

KEY = "k" * 32
CALLER = Caller(
    Identity("client", frozenset({SYSTEEM}), "client"),
    "GM0363",
    "GM0363",
    Dienstgebruik(RECHTMATIGHEID_CONTROLEREN),
)


class Log:
    """The audit log as the writer sees it, in memory: what was appended, in which calls;
    and the processing log's lines."""

    def __init__(self) -> None:
        self.calls: list[list[AuditRegel]] = []
        self.verwerkingen: list[Verwerking] = []

    def schrijf(self, regels: list[Verwerking]) -> None:
        self.verwerkingen.extend(regels)

    def append_all(self, regels: list[AuditRegel]) -> None:
        self.calls.append(list(regels))

    @property
    def regels(self) -> list[AuditRegel]:
        return [r for call in self.calls for r in call]


@pytest.fixture
def log(monkeypatch: pytest.MonkeyPatch) -> Log:
    monkeypatch.setenv("AUDIT_HASH_KEY", KEY)
    memory = Log()
    monkeypatch.setattr(audit, "_audit_log", lambda: memory)
    monkeypatch.setattr(verwerkingslog, "_log", lambda: memory)
    return memory


def test_a_list_of_1000_persons_writes_1000_entries_in_batches(log: Log) -> None:
    bsns = [f"{i:09d}" for i in range(1000)]
    audit.personen(CALLER, "signalen lezen", RECHTMATIGHEID_CONTROLEREN, bsns)
    assert len(log.regels) == 1000
    assert len(log.calls) == 1000 // BATCH
    assert {r.bsn_hash for r in log.regels} == {
        bsn_hash(b, settings.audit_hash_key()) for b in bsns
    }
    logged = repr(log.regels)
    assert not any(b in logged for b in bsns[1:])


def test_a_list_of_1000_persons_is_one_processing_with_a_line_per_person(log: Log) -> None:
    """The Logboek Dataverwerkingen: one line per data subject, never a sample; the lines of
    one processing share its operation id and the trace, and each names its audit entry."""
    bsns = [f"{i:09d}" for i in range(1000)]
    audit.personen(CALLER, "signalen lezen", RECHTMATIGHEID_CONTROLEREN, bsns)
    lines = log.verwerkingen
    assert sorted(v.betrokkene for v in lines) == sorted(r.bsn_hash or "" for r in log.regels)
    assert {v.audit_id for v in lines} == {r.id for r in log.regels}
    assert len({(v.operation_id, v.trace_id) for v in lines}) == 1
    assert {v.activiteit for v in lines} == {
        "urn:ibnext:verwerkingsactiviteit:rechtmatigheid:controleren:1"
    }
    assert {v.ontvanger for v in lines} == {"GM0363"}
    assert {v.ttl for v in lines} == {2 * 365 * 24 * 3600}
    written = repr(lines)
    assert not any(b in written for b in bsns[1:])


def test_a_request_carries_the_callers_trace_into_the_log(log: Log) -> None:
    traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    with correlation.bound("req-00000001", traceparent):
        audit.access(CALLER, "signaal lezen", RECHTMATIGHEID_CONTROLEREN, bsn="111222333")
    [line] = log.verwerkingen
    assert (line.trace_id, line.parent_operation_id) == (
        "4bf92f3577b34da6a3ce929d0e0e4736",
        "00f067aa0ba902b7",
    )
    assert line.operation_id != line.parent_operation_id
    assert line.start_tijd <= line.eind_tijd


def test_a_refusal_and_an_entry_without_a_person_are_no_processing(log: Log) -> None:
    audit.access(CALLER, "signalen lezen", RECHTMATIGHEID_CONTROLEREN)
    audit.record("x", Resultaat.GEWEIGERD, organisatie="GM0363", bsn="111222333")
    assert len(log.regels) == 2
    assert log.verwerkingen == []


def signaal(bsn: str, betrokkene: str, **anders: Any) -> Signaal:
    return Signaal(
        **{
            "id": f"{bsn}{betrokkene}",
            "organisatie": "GM0363",
            "type": "DETENTIE",
            "omschrijving": "detentie",
            "bsn": bsn,
            "rol": "partner",
            "betrokkene_bsn": betrokkene,
            "sleutel": "2026-01-10",
            "bewijs": {},
            "inhoud_hash": "0" * 64,
            "status": SignaalStatus.NIEUW,
            "geleverd_op": datetime(2026, 5, 1, tzinfo=UTC),
            "levering": "l",
            **anders,
        }
    )


MEDEBEWONER = "100000009"
KOSTENDELER = {
    "type": "KOSTENDELER",
    "sleutel": MEDEBEWONER,
    "bewijs": {"medebewoner": MEDEBEWONER},
}


def test_a_page_of_signals_is_audited_per_person_it_holds(log: Log) -> None:
    audit_signalen(
        CALLER, "signalen lezen", [signaal(IK, IK), signaal(IK, PARTNER), signaal("1", "1")]
    )
    key = settings.audit_hash_key()
    assert [r.bsn_hash for r in log.regels] == [bsn_hash(b, key) for b in (IK, PARTNER, "1")]


def test_the_co_resident_a_kostendeler_signal_names_is_audited_when_it_is_read(log: Log) -> None:
    audit_signalen(CALLER, "signalen lezen", [signaal(IK, IK, **KOSTENDELER)])
    key = settings.audit_hash_key()
    assert [r.bsn_hash for r in log.regels] == [bsn_hash(b, key) for b in (IK, MEDEBEWONER)]


def test_a_signal_file_names_the_co_resident_in_its_csv_and_its_json() -> None:
    signalen = [signaal(IK, PARTNER), signaal(IK, IK, **KOSTENDELER)]
    csv_bestand = b"".join(verwerking._csv_chunks(signalen))
    json_bestand = b"".join(verwerking._json_chunks(signalen))
    for naam, inhoud in (("m.signalen.csv", csv_bestand), ("m.signalen.json", json_bestand)):
        assert SIGNAALBESTANDEN.personen_in(naam, inhoud) == [IK, PARTNER, MEDEBEWONER]


class Gelogd(Bronnen):
    def __init__(self, data: Any, order: list[str]) -> None:
        super().__init__(data, set())
        self.order = order

    def persoon(self, bsn: str, peildatum: Any, bronnen: Any = None) -> Any:
        self.order.append(f"lees {bsn}")
        return super().persoon(bsn, peildatum, bronnen)


def test_the_partner_is_audited_before_his_records_are_read() -> None:
    relatie = {"soort": "partner", "relatie_bsn": PARTNER, "begindatum": "2000-01-01"}
    data = {
        IK: {"brp-personen": [brp()], "brp-relaties": [relatie]},
        PARTNER: {"brp-personen": [brp()]},
    }
    order: list[str] = []
    huishoudlezer.lees(
        Gelogd(data, order),  # type: ignore[arg-type]
        IK,
        PEIL,
        ["uwv-polis"],
        medebewoners=False,
        audit=lambda bsns: order.extend(f"audit {b}" for b in bsns),
    )
    assert order == [f"lees {IK}", f"audit {PARTNER}", f"lees {PARTNER}"]


def test_a_request_that_fails_after_reading_is_on_record_as_a_failed_processing(
    log: Log,
) -> None:
    """Inside a request the lines wait for its end: written with status OK, or ERROR when it
    raised or answered with an error, the data having been read either way."""
    with verwerkingslog.verwerking():
        audit.access(CALLER, "signaal lezen", RECHTMATIGHEID_CONTROLEREN, bsn="111222333")
        assert log.verwerkingen == []  # not before the processing ends

    def mislukt() -> None:
        with verwerkingslog.verwerking():
            audit.access(CALLER, "signaal lezen", RECHTMATIGHEID_CONTROLEREN, bsn="111222345")
            raise RuntimeError("de bron antwoordde niet")

    with pytest.raises(RuntimeError):
        mislukt()
    with verwerkingslog.verwerking() as afloop:
        audit.access(CALLER, "signaal lezen", RECHTMATIGHEID_CONTROLEREN, bsn="111222357")
        afloop.mislukt = True  # a 422 answered without raising
    assert [v.status for v in log.verwerkingen] == ["OK", "ERROR", "ERROR"]
    assert all(v.start_tijd <= v.eind_tijd for v in log.verwerkingen)


def test_a_signal_check_is_on_record_once_for_each_recipient_partner_and_person_read(
    log: Log, tmp_path: Path
) -> None:
    populatie = tmp_path / "populatie.parquet"
    rijen = [{"bsn": "111222333", "partner_bsn": "111222345"}, {"bsn": "111222357"}]
    pq.write_table(pa.Table.from_pylist(rijen), populatie)
    audit_gecontroleerd("GM0363", populatie, ["111222369", "111222333"])
    key = settings.audit_hash_key()
    assert sorted(v.betrokkene for v in log.verwerkingen) == sorted(
        bsn_hash(b, key) for b in ("111222333", "111222345", "111222357", "111222369")
    )
    assert {v.ontvanger for v in log.verwerkingen} == {"GM0363"}
