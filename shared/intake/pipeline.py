"""The intake of one delivered file, the same for every blob-triggered service.

    aanleveringen/{dienst}/{organisatie}/{bestandsnaam}
        → delivery registered (ontvangen), keyed by name + content, with the upload grant
          it was written under (`shared.intake.uploads`); without one it is refused
        → claimed (in behandeling) by exactly one worker
        → the service's processor reads the file line by line
        → verwerkt, or afgewezen with reasons (unreadable files go to quarantaine)
        → feedback report in terugmeldingen/{dienst}/{organisatie}/{bestandsnaam}.terugmelding.json

Event Grid delivers at least once. A second event for a file already handled, or one
another worker is handling, changes nothing. A worker that dies mid-way leaves a claim
that goes stale after `CLAIM_TIMEOUT`; the next event then takes it over. Attempts are
counted when they start, so a file whose processing died `MAX_POGINGEN` times goes to
quarantaine at the start of the next, whether or not the worker reached its error branch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from azure.storage.blob import BlobClient

from shared import correlation
from shared.intake.processing import (
    Bestand,
    BlobVerwerking,
    FileRejected,
    Processor,
    Verwerkingsresultaat,
)
from shared.intake.uploads import Uploadtoets
from shared.models.aanlevering import Aanlevering, Afkeuring, Status
from shared.models.upload import UploadHerkomst
from shared.storage import blobs
from shared.storage.aanleveringen import AanleveringRepository
from shared.storage.blobs import BlobStore, UnreadableFile
from shared.storage.containers import BlobContainers
from shared.storage.documents import AlreadyExists, ConcurrentChange
from shared.storage.ids import document_id
from shared.telemetrie import gebeurtenis

log = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=30)
"""As long as the function timeout in host.json: a claim older than this is abandoned."""
MAX_POGINGEN = 3
MAX_BESTAND = 2 * 1024**3
"""A delivered file is at most 2 GiB: the national files of a gemeente (a few hundred
thousand lines of a few hundred characters) are far below it, and a larger one, or a page
or append blob, is refused unread instead of occupying a worker for hours."""


def _niet_te_lezen(blob_type: object, grootte: int) -> str | None:
    soort = getattr(blob_type, "value", blob_type)
    if soort != "BlockBlob":
        return f"alleen een gewone bestandsupload (block blob) wordt gelezen, geen {soort}"
    if grootte > MAX_BESTAND:
        return f"het bestand is {grootte} bytes; ten hoogste {MAX_BESTAND} worden gelezen"
    return None


"""After this many failed attempts the file goes to quarantaine: on the third failure that
reaches our error branch, or, when the worker never got there (killed, out of memory), at
the start of the next attempt, since each attempt is counted (`pogingen`) when it starts."""
AFKEURINGEN_IN_DOCUMENT = 100
"""Reasons kept on the delivery document; the feedback report holds all of them."""

BRONNEN = "bronnen"
"""The service name of source deliveries (`bronnen/{bron}/{peildatum}/{bestand}`)."""

Clock = Callable[[], datetime]
Admission = Callable[["Pad"], str | None]
"""Whether the organisation may deliver to this service: None, or the reason it may not."""


def _now() -> datetime:
    return datetime.now(UTC)


class NotADelivery(ValueError):
    """The blob's path is not `{dienst}/{organisatie}/{bestandsnaam}` in `aanleveringen`."""


@dataclass(frozen=True)
class Pad:
    """Where a delivered file lies, read as `{container}/{dienst}/{organisatie}/{bestandsnaam}`.

    Organisations deliver at `aanleveringen/{dienst}/{organisatie}/{bestand}`. Source
    holders deliver at `bronnen/{bron}/{peildatum}/{bestand}`: there the service is
    `bronnen`, the "organisation" (the delivery's partition) is the source, and the file
    name keeps its peildatum: `{peildatum}/{bestand}`.
    """

    container: str
    dienst: str
    organisatie: str
    bestandsnaam: str

    @classmethod
    def of(cls, blob: BlobClient) -> Pad:
        parts = blob.blob_name.split("/", 2)
        if len(parts) != 3 or not all(parts):
            raise NotADelivery(f"expected three parts in the path, got {blob.blob_name}")
        if blob.container_name == BlobContainers.AANLEVERINGEN:
            return cls(blob.container_name, *parts)
        if blob.container_name == BlobContainers.BRONNEN:
            bron, peildatum, bestand = parts
            return cls(blob.container_name, BRONNEN, bron, f"{peildatum}/{bestand}")
        raise NotADelivery(f"not a container of deliveries: {blob.container_name}")

    @property
    def blobpad(self) -> str:
        if self.container == BlobContainers.BRONNEN:
            return f"{self.container}/{self.organisatie}/{self.bestandsnaam}"
        return f"{self.container}/{self.dienst}/{self.organisatie}/{self.bestandsnaam}"

    @property
    def terugmelding(self) -> str:
        return f"{self.dienst}/{self.organisatie}/{self.bestandsnaam}.terugmelding.json"


class Intake:
    def __init__(
        self,
        admission: Admission,
        repository: AanleveringRepository | None = None,
        store: BlobStore | None = None,
        clock: Clock = _now,
        uploads: Uploadtoets | None = None,
    ) -> None:
        self.repository = repository or AanleveringRepository()
        self.uploads = uploads or Uploadtoets()
        """A file in `aanleveringen` is processed only under a valid upload grant."""
        self.store = store or BlobStore()
        self.clock = clock
        self.admission = admission

    def handle(
        self, blob: BlobClient, dienst: str, processor: Processor | BlobVerwerking
    ) -> Aanlevering | None:
        """Take a delivered file through the pipeline; None when someone else is handling it."""
        pad = Pad.of(blob)
        if pad.dienst != dienst:
            raise NotADelivery(f"{pad.blobpad} is not a delivery for {dienst}")
        eigenschappen = blob.get_blob_properties()
        upload = self.uploads(pad, eigenschappen.last_modified)
        te_groot = _niet_te_lezen(eigenschappen.blob_type, eigenschappen.size)
        if te_groot is None:
            inhoud_hash, grootte = blobs.sha256_of(blobs.iter_chunks(blob))
        else:  # not read at all: known by its ETag instead of its content
            inhoud_hash, grootte = f"niet gelezen {eigenschappen.etag}", eigenschappen.size
        delivery_id = document_id(
            pad.dienst, pad.organisatie, pad.bestandsnaam, inhoud_hash, *upload.sleutel
        )
        claimed = self._claim(pad, delivery_id, inhoud_hash, grootte, upload.herkomst)
        # the grant names its delivery only once the delivery exists: a client following the
        # grant never reads an id that answers 404
        self.uploads.koppel(upload, delivery_id)
        if claimed is None:
            return None
        aanlevering, etag = claimed
        weigering = upload.weigering or te_groot
        with correlation.bound(aanlevering.correlatie_id):
            return self._process(blob, pad, aanlevering, etag, processor, weigering)

    def _claim(
        self,
        pad: Pad,
        delivery_id: str,
        inhoud_hash: str,
        grootte: int,
        herkomst: UploadHerkomst | None = None,
    ) -> tuple[Aanlevering, str] | None:
        now = self.clock()
        found = self.repository.get(pad.organisatie, delivery_id)
        if found is None:
            registered = Aanlevering(
                id=delivery_id,
                organisatie=pad.organisatie,
                dienst=pad.dienst,
                bestandsnaam=pad.bestandsnaam,
                blobpad=pad.blobpad,
                inhoud_hash=inhoud_hash,
                grootte=grootte,
                status=Status.ONTVANGEN,
                ontvangen=now,
                bijgewerkt=now,
                correlatie_id=correlation.new_id(),
                upload=herkomst,
            )
            try:
                found = registered, self.repository.create(registered)
            except AlreadyExists:
                found = self.repository.get(pad.organisatie, delivery_id)
                if found is None:
                    return None
        aanlevering, etag = found
        if aanlevering.status.is_final:
            log.info("aanlevering %s is al %s", delivery_id, aanlevering.status.value)
            return None
        if (
            aanlevering.status is Status.IN_BEHANDELING
            and now - aanlevering.bijgewerkt < CLAIM_TIMEOUT
        ):
            log.info("aanlevering %s is al in behandeling", delivery_id)
            return None
        claimed = aanlevering.model_copy(
            update={
                "status": Status.IN_BEHANDELING,
                "bijgewerkt": now,
                "pogingen": aanlevering.pogingen + 1,
            }
        )
        try:
            return claimed, self.repository.replace(claimed.id, claimed, etag)
        except ConcurrentChange:
            log.info("aanlevering %s is door een andere verwerking geclaimd", delivery_id)
            return None

    def _process(
        self,
        blob: BlobClient,
        pad: Pad,
        aanlevering: Aanlevering,
        etag: str,
        processor: Processor | BlobVerwerking,
        weigering: str | None = None,
    ) -> Aanlevering:
        bestand = Bestand(
            dienst=pad.dienst,
            organisatie=pad.organisatie,
            bestandsnaam=pad.bestandsnaam,
            delivery_id=aanlevering.id,
            correlation_id=aanlevering.correlatie_id,
        )
        log.info("aanlevering %s in behandeling (poging %d)", aanlevering.id, aanlevering.pogingen)
        if aanlevering.pogingen > MAX_POGINGEN:
            reden = (
                f"verwerking {MAX_POGINGEN} keer begonnen en niet afgerond "
                "(afgebroken, bijvoorbeeld door geheugengebrek)"
            )
            log.error("aanlevering %s naar quarantaine: %s", aanlevering.id, reden)
            return self._quarantine(blob, pad, aanlevering, etag, reden)
        refusal = weigering or self.admission(pad)
        if refusal is not None:
            return self._finish(
                pad, aanlevering, etag, Status.AFGEWEZEN, [Afkeuring(reden=refusal)]
            )
        try:
            result = (
                processor.verwerk(bestand, blob)
                if isinstance(processor, BlobVerwerking)
                else processor(bestand, blobs.iter_lines(blobs.iter_chunks(blob)))
            )
        except FileRejected as rejection:
            return self._finish(
                pad, aanlevering, etag, Status.AFGEWEZEN, rejection.afkeuringen, rejection.resultaat
            )
        except UnreadableFile as unreadable:
            return self._quarantine(blob, pad, aanlevering, etag, unreadable.reason)
        except Exception as error:
            if aanlevering.pogingen >= MAX_POGINGEN:
                reden = (
                    f"verwerking mislukt na {aanlevering.pogingen} pogingen: {type(error).__name__}"
                )
                log.exception("aanlevering %s naar quarantaine", aanlevering.id)
                return self._quarantine(blob, pad, aanlevering, etag, reden)
            self._release(aanlevering, etag)
            raise
        return self._finish(pad, aanlevering, etag, Status.VERWERKT, result.afkeuringen, result)

    def _release(self, aanlevering: Aanlevering, etag: str) -> None:
        """Hand the delivery back, so the trigger's retry can claim it again."""
        released = aanlevering.model_copy(
            update={"status": Status.ONTVANGEN, "bijgewerkt": self.clock()}
        )
        self.repository.replace(released.id, released, etag)

    def _quarantine(
        self, blob: BlobClient, pad: Pad, aanlevering: Aanlevering, etag: str, reden: str
    ) -> Aanlevering:
        path = self.store.quarantine(blob, reden)
        gebeurtenis("bestand in quarantaine", dienst=pad.dienst, organisatie=pad.organisatie)
        rejected = aanlevering.model_copy(update={"quarantaine": path})
        return self._finish(pad, rejected, etag, Status.AFGEWEZEN, [Afkeuring(reden=reden)])

    def _finish(
        self,
        pad: Pad,
        aanlevering: Aanlevering,
        etag: str,
        status: Status,
        afkeuringen: list[Afkeuring],
        result: Verwerkingsresultaat | None = None,
    ) -> Aanlevering:
        finished = aanlevering.model_copy(
            update={
                "status": status,
                "bijgewerkt": self.clock(),
                "aantal_records": result.aantal_records if result else None,
                "aantal_goedgekeurd": result.aantal_goedgekeurd if result else None,
                "aantal_afgekeurd": result.aantal_afgekeurd if result else None,
                "afkeuringen": afkeuringen[:AFKEURINGEN_IN_DOCUMENT],
                "terugmelding": f"{BlobContainers.TERUGMELDINGEN}/{pad.terugmelding}",
            }
        )
        report = finished.model_dump(mode="json", by_alias=True)
        report["afkeuringen"] = [a.model_dump(mode="json") for a in afkeuringen]
        self.store.write_json(BlobContainers.TERUGMELDINGEN, pad.terugmelding, report)
        self.repository.replace(finished.id, finished, etag)
        log.info("aanlevering %s %s", aanlevering.id, status.value)
        gebeurtenis(
            "aanlevering afgerond",
            dienst=pad.dienst,
            organisatie=pad.organisatie,
            status=status.value,
            correct=status is Status.VERWERKT and not afkeuringen,
            aantal=finished.aantal_records or 0,
        )
        return finished
