"""The intake pipeline against the emulators: once per name + content, claims, quarantaine."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from azure.storage.blob import BlobClient

from shared.intake import proefaanlevering
from shared.intake.pipeline import (
    CLAIM_TIMEOUT,
    MAX_POGINGEN,
    Admission,
    Clock,
    Intake,
    NotADelivery,
    Pad,
)
from shared.intake.processing import Bestand, Processor, Verwerkingsresultaat
from shared.models.aanlevering import Aanlevering, Status
from shared.storage import clients
from shared.storage.aanleveringen import AanleveringRepository
from shared.storage.containers import BlobContainers
from shared.storage.uploads import UploadRepository
from tests import uploads

pytestmark = pytest.mark.integration


@pytest.fixture
def organisatie(app_settings: dict[str, str]) -> str:
    """A fresh organisation per test, so tests never see each other's deliveries."""
    return f"GM{uuid.uuid4().hex[:8]}"


def admit_all(pad: Pad) -> str | None:
    return None


def handle(
    blob: BlobClient,
    processor: Processor = proefaanlevering.process,
    *,
    clock: Clock | None = None,
    admission: Admission = admit_all,
) -> Aanlevering | None:
    intake = Intake(admission) if clock is None else Intake(admission, clock=clock)
    return intake.handle(blob, proefaanlevering.DIENST, processor)


def drop(organisatie: str, content: bytes, name: str = "bestand.csv") -> BlobClient:
    """The file under an upload grant, stored as the API stores one (the API is not here)."""
    UploadRepository().create(uploads.grant(organisatie, proefaanlevering.DIENST, name))
    return drop_without_grant(organisatie, content, name)


def drop_without_grant(organisatie: str, content: bytes, name: str = "bestand.csv") -> BlobClient:
    path = f"{proefaanlevering.DIENST}/{organisatie}/{name}"
    blob = clients.blob_service().get_blob_client(BlobContainers.AANLEVERINGEN, path)
    blob.upload_blob(content, overwrite=True)
    return blob


def test_a_good_file_is_processed_with_counts_and_a_feedback_report(organisatie: str) -> None:
    blob = drop(organisatie, b"bsn;regeling\n111222333;PW\n123;PW;x\n")
    delivered = handle(blob)
    assert delivered is not None
    assert delivered.status is Status.VERWERKT
    assert (delivered.aantal_records, delivered.aantal_goedgekeurd) == (2, 1)
    stored = AanleveringRepository().get(organisatie, delivered.id)
    assert stored is not None
    assert stored[0] == delivered
    report_path = delivered.terugmelding.split("/", 1)[1]  # type: ignore[union-attr]
    report = json.loads(
        clients.blob_service()
        .get_blob_client(BlobContainers.TERUGMELDINGEN, report_path)
        .download_blob()
        .readall()
    )
    assert report["status"] == "verwerkt"
    assert report["afkeuringen"] == [{"regel": 3, "reden": "3 velden, de kop heeft er 2"}]


def test_a_second_event_for_the_same_file_changes_nothing(organisatie: str) -> None:
    blob = drop(organisatie, b"a;b\n1;2\n")
    first = handle(blob)
    again = handle(blob)
    assert first is not None
    assert again is None
    deliveries, _ = AanleveringRepository().list(organisatie, page_size=10)
    assert [d.id for d in deliveries] == [first.id]
    assert deliveries[0].pogingen == 1


def test_the_same_name_with_new_content_is_a_new_delivery(organisatie: str) -> None:
    first = handle(drop(organisatie, b"a;b\n1;2\n"))
    second = handle(drop(organisatie, b"a;b\n3;4\n"))
    assert first is not None
    assert second is not None
    assert first.id != second.id


def test_an_unreadable_file_goes_to_quarantaine_with_its_reason(organisatie: str) -> None:
    blob = drop(organisatie, b"a;b\n\xff\xfe\n", name="kapot.csv")
    delivered = handle(blob)
    assert delivered is not None
    assert delivered.status is Status.AFGEWEZEN
    assert delivered.afkeuringen[0].reden == "geen geldige UTF-8 bij byte 4"
    quarantaine = f"aanleveringen/{proefaanlevering.DIENST}/{organisatie}/kapot.csv"
    assert delivered.quarantaine == f"quarantaine/{quarantaine}"
    moved = clients.blob_service().get_blob_client(BlobContainers.QUARANTAINE, quarantaine)
    assert moved.download_blob().readall() == b"a;b\n\xff\xfe\n"
    assert not blob.exists()


def test_a_file_rejected_as_a_whole_is_afgewezen_not_quarantined(organisatie: str) -> None:
    delivered = handle(drop(organisatie, b""))
    assert delivered is not None
    assert delivered.status is Status.AFGEWEZEN
    assert [a.reden for a in delivered.afkeuringen] == ["leeg bestand"]
    assert delivered.quarantaine is None


class FailingProcessor:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, bestand: Bestand, lines: Iterator[str]) -> Verwerkingsresultaat:
        self.calls += 1
        raise ConnectionError("bron tijdelijk onbereikbaar")


def test_a_failure_hands_the_delivery_back_for_the_retry(organisatie: str) -> None:
    blob = drop(organisatie, b"a;b\n1;2\n")
    with pytest.raises(ConnectionError):
        handle(blob, FailingProcessor())
    retried = handle(blob)
    assert retried is not None
    assert retried.status is Status.VERWERKT
    assert retried.pogingen == 2


def test_after_repeated_failures_the_file_goes_to_quarantaine(organisatie: str) -> None:
    blob = drop(organisatie, b"a;b\n1;2\n")
    processor = FailingProcessor()
    for _ in range(MAX_POGINGEN - 1):
        with pytest.raises(ConnectionError):
            handle(blob, processor)
    delivered = handle(blob, processor)
    assert delivered is not None
    assert delivered.status is Status.AFGEWEZEN
    assert delivered.quarantaine is not None
    assert "ConnectionError" in delivered.afkeuringen[0].reden
    assert processor.calls == MAX_POGINGEN


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class DyingProcessor:
    """A worker that is killed mid-way: it never returns and never releases its claim."""

    def __call__(self, bestand: Bestand, lines: Iterator[str]) -> Verwerkingsresultaat:
        raise SystemExit("worker killed")


def test_a_claim_of_a_dead_worker_is_taken_over_once_stale(organisatie: str) -> None:
    clock = FakeClock()
    blob = drop(organisatie, b"a;b\n1;2\n")
    with pytest.raises(SystemExit):
        handle(blob, DyingProcessor(), clock=clock)
    clock.now += timedelta(minutes=1)
    assert handle(blob, clock=clock) is None
    clock.now += CLAIM_TIMEOUT
    taken_over = handle(blob, clock=clock)
    assert taken_over is not None
    assert taken_over.status is Status.VERWERKT


def test_a_file_whose_processing_died_three_times_goes_to_quarantaine(organisatie: str) -> None:
    """Killed mid-file (out of memory, a host stopped) the worker never reaches its error
    branch; the attempts are counted when they start, and the next one quarantines."""
    calls = 0

    def dying(bestand: Bestand, lines: Iterator[str]) -> Verwerkingsresultaat:
        nonlocal calls
        calls += 1
        raise SystemExit("worker killed")

    clock = FakeClock()
    blob = drop(organisatie, b"a;b\n1;2\n", name="sterft.csv")
    for _ in range(MAX_POGINGEN):
        with pytest.raises(SystemExit):
            handle(blob, dying, clock=clock)
        clock.now += CLAIM_TIMEOUT
    delivered = handle(blob, dying, clock=clock)
    assert calls == MAX_POGINGEN
    assert delivered is not None
    assert delivered.status is Status.AFGEWEZEN
    assert delivered.pogingen == MAX_POGINGEN + 1
    assert [a.reden for a in delivered.afkeuringen] == [
        "verwerking 3 keer begonnen en niet afgerond (afgebroken, bijvoorbeeld door geheugengebrek)"
    ]
    path = f"aanleveringen/{proefaanlevering.DIENST}/{organisatie}/sterft.csv"
    assert delivered.quarantaine == f"quarantaine/{path}"
    quarantaine = clients.blob_service().get_container_client(BlobContainers.QUARANTAINE)
    assert quarantaine.get_blob_client(path).download_blob().readall() == b"a;b\n1;2\n"
    reden = json.loads(quarantaine.get_blob_client(f"{path}.reden.json").download_blob().readall())
    assert reden["reden"] == delivered.afkeuringen[0].reden
    assert not blob.exists()
    stored = AanleveringRepository().get(organisatie, delivered.id)
    assert stored is not None
    assert stored[0].status is Status.AFGEWEZEN


@pytest.mark.parametrize(
    ("container", "path"),
    [
        (BlobContainers.AANLEVERINGEN, "kwijtschelding/{organisatie}/x.csv"),
        (BlobContainers.AANLEVERINGEN, "proefaanlevering/x.csv"),
        (BlobContainers.BRONNEN, "proefaanlevering/{organisatie}/x.csv"),
    ],
)
def test_a_blob_outside_the_services_path_is_refused_unread(
    organisatie: str, container: str, path: str
) -> None:
    other = clients.blob_service().get_blob_client(container, path.format(organisatie=organisatie))
    with pytest.raises(NotADelivery):
        handle(other)
    assert AanleveringRepository().list(organisatie, page_size=1) == ([], None)


def test_deliveries_are_listed_newest_first_in_pages(organisatie: str) -> None:
    clock = FakeClock()
    for number in range(3):
        clock.now += timedelta(minutes=1)
        blob = drop(organisatie, f"a;b\n{number};x\n".encode(), name=f"{number}.csv")
        handle(blob, clock=clock)
    repository = AanleveringRepository()
    first, token = repository.list(organisatie, page_size=2)
    assert [d.bestandsnaam for d in first] == ["2.csv", "1.csv"]
    assert token is not None
    rest, _ = repository.list(organisatie, page_size=2, continuation=token)
    assert [d.bestandsnaam for d in rest] == ["0.csv"]


def test_another_organisations_delivery_is_not_found(organisatie: str) -> None:
    delivered = handle(drop(organisatie, b"a;b\n1;2\n"))
    assert delivered is not None
    assert AanleveringRepository().get("GM9999", delivered.id) is None


def test_an_organisation_not_admitted_is_afgewezen_with_the_reason(organisatie: str) -> None:
    def no_connection(pad: Pad) -> str | None:
        return f"{pad.organisatie} heeft geen aansluiting op {pad.dienst}"

    blob = drop(organisatie, b"a;b\n1;2\n")
    delivered = handle(blob, admission=no_connection)
    assert delivered is not None
    assert delivered.status is Status.AFGEWEZEN
    assert delivered.aantal_records is None
    assert [a.reden for a in delivered.afkeuringen] == [
        f"{organisatie} heeft geen aansluiting op proefaanlevering"
    ]


def test_a_file_without_an_upload_grant_is_refused_unprocessed_with_the_reason(
    organisatie: str,
) -> None:
    def must_not_run(bestand: Bestand, lines: Iterator[str]) -> Verwerkingsresultaat:
        raise AssertionError("a file without a grant is never read")

    delivered = handle(drop_without_grant(organisatie, b"a;b\n1;2\n"), must_not_run)
    assert delivered is not None
    assert delivered.status is Status.AFGEWEZEN
    assert delivered.aantal_records is None
    assert delivered.upload is None
    assert [a.reden for a in delivered.afkeuringen] == [
        "geen uploadmachtiging voor dit bestand: vraag er een aan met "
        "POST /api/v1/aanleveringen/uploads"
    ]


def test_a_file_written_after_its_grant_expired_is_refused(organisatie: str) -> None:
    expired = uploads.grant(organisatie, proefaanlevering.DIENST, "laat.csv")
    expired = expired.model_copy(
        update={
            "uitgegeven": expired.uitgegeven - timedelta(hours=1),
            "verloopt": expired.verloopt - timedelta(hours=1),
        }
    )
    UploadRepository().create(expired)
    delivered = handle(drop_without_grant(organisatie, b"a;b\n1;2\n", "laat.csv"))
    assert delivered is not None
    assert delivered.status is Status.AFGEWEZEN
    assert delivered.afkeuringen[0].reden.startswith("geen geldige uploadmachtiging")


def test_the_delivery_records_who_asked_and_the_grant_names_the_delivery(
    organisatie: str,
) -> None:
    grant = uploads.grant(organisatie, proefaanlevering.DIENST, "a.csv", client_id="systeem-1")
    UploadRepository().create(grant)
    delivered = handle(drop_without_grant(organisatie, b"a;b\n1;2\n", "a.csv"))
    assert delivered is not None
    assert delivered.status is Status.VERWERKT
    assert delivered.upload is not None
    assert (delivered.upload.upload, delivered.upload.client_id) == (grant.id, "systeem-1")
    stored = UploadRepository().get(organisatie, grant.id)
    assert stored is not None
    assert stored[0].aanlevering == delivered.id


def test_a_file_refused_for_want_of_a_grant_does_not_block_it_under_one(
    organisatie: str,
) -> None:
    refused = handle(drop_without_grant(organisatie, b"a;b\n1;2\n"))
    granted = handle(drop(organisatie, b"a;b\n1;2\n"))
    assert refused is not None
    assert granted is not None
    assert (refused.status, granted.status) == (Status.AFGEWEZEN, Status.VERWERKT)
    assert refused.id != granted.id


def test_a_page_blob_is_refused_unread_with_its_reason(organisatie: str) -> None:
    """A SAS with create rights can also make a page blob of terabytes in one call: such a
    blob is refused by its properties, never read (no worker hashes it for hours)."""
    name = "groot.csv"
    UploadRepository().create(uploads.grant(organisatie, proefaanlevering.DIENST, name))
    path = f"{proefaanlevering.DIENST}/{organisatie}/{name}"
    blob = clients.blob_service().get_blob_client(BlobContainers.AANLEVERINGEN, path)
    blob.create_page_blob(size=1024 * 1024)

    delivered = handle(blob, lambda bestand, lines: pytest.fail("the blob was read"))
    assert delivered is not None
    assert delivered.status is Status.AFGEWEZEN
    assert [a.reden for a in delivered.afkeuringen] == [
        "alleen een gewone bestandsupload (block blob) wordt gelezen, geen PageBlob"
    ]


def test_a_file_above_the_maximum_is_refused_unread(
    organisatie: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shared.intake import pipeline

    monkeypatch.setattr(pipeline, "MAX_BESTAND", 10)
    delivered = handle(
        drop(organisatie, b"a;b\n1;2\n3;4\n"), lambda bestand, lines: pytest.fail("read")
    )
    assert delivered is not None
    assert delivered.status is Status.AFGEWEZEN
    [afkeuring] = delivered.afkeuringen
    assert afkeuring.reden == "het bestand is 12 bytes; ten hoogste 10 worden gelezen"
