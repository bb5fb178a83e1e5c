"""The valet key of the file channel: a grant to write one blob, and the intake's check of it.

An organisation never holds a role on a blob container. Its system asks the API for an
upload grant (`uitgeven`); the answer is a SAS URL that can create and write exactly
`aanleveringen/{dienst}/{organisatie}/{bestandsnaam}` for `GELDIGHEID`, nothing else (no
read, no list, no other name). The intake (`Uploadtoets`) processes a file only if a grant
for that blob was valid when the blob was written, and records on the delivery who asked.

The SAS kind follows the configuration: with the managed identity (Azure) a user-delegation
SAS, signed with a key Entra ID hands out; with Azurite's connection string (locally: the
emulator serves OAuth only over HTTPS, so it hands out no delegation key here) a service
SAS signed with the emulator's well-known account key. `shared.settings` refuses an account
key for anything but a loopback emulator, so a service SAS never occurs in Azure.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from azure.storage.blob import BlobSasPermissions, generate_blob_sas

from shared import settings
from shared.errors import Conflict
from shared.models.audit import Resultaat
from shared.models.upload import Upload, UploadHerkomst, UploadMachtiging
from shared.security import audit
from shared.security.diensten import (
    GGK_BERICHTENVERKEER,
    KWIJTSCHELDING_TOETSEN,
    MINIMATOETS_TOETSEN,
    PROACTIEF_SIGNALEREN,
    PROEFAANLEVERING_TESTEN,
    RECHTMATIGHEID_CONTROLEREN,
    VSV_VOLGEN,
    Doel,
)
from shared.storage import clients
from shared.storage.containers import BlobContainers
from shared.storage.uploads import UploadRepository
from shared.validation.organisatie import is_valid

if TYPE_CHECKING:
    from shared.intake.pipeline import Pad

log = logging.getLogger(__name__)

GELDIGHEID = timedelta(minutes=15)
MAX_ACTIEF = 50
"""Valid grants an organisation holds at once: a file per service and a few retries fit
many times over; a system that asks for more in fifteen minutes is looping, and each grant
costs a store write and a signed key."""
"""How long a grant's SAS can write: long enough to upload a large file, short enough that
a leaked URL is worth little."""
KLOKAFWIJKING = timedelta(seconds=5)
"""Tolerance between the app's clock and the storage service's `Last-Modified` (whole
seconds): a blob written just after the grant may show the second before it."""
SLEUTEL_VOORLOOP = timedelta(minutes=5)
"""A user-delegation key starts this much before the grant, in case the storage service's
clock runs behind; the SAS itself has no start, so it works from the moment it exists."""
SAS_USER_DELEGATION, SAS_SERVICE = "user-delegation", "service"

BESTANDSDIENSTEN: dict[str, Doel] = {
    doel.dienst: doel
    for doel in (
        PROEFAANLEVERING_TESTEN,
        KWIJTSCHELDING_TOETSEN,
        RECHTMATIGHEID_CONTROLEREN,
        GGK_BERICHTENVERKEER,
        MINIMATOETS_TOETSEN,
        PROACTIEF_SIGNALEREN,
        VSV_VOLGEN,
    )
}
"""The services that take files, with the purpose their blob trigger is connected for: a
grant is given only to an organisation connected for that purpose."""

ACTIE_VERWERKEN = "aanlevering verwerken"
"""The audit action of the intake's decision (the same as `admission.Aansluitingstoets`)."""

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def volgpad(upload_id: str) -> str:
    return f"/api/v1/aanleveringen/uploads/{upload_id}"


def machtiging(
    aanvrager: str, client_id: str, namens: str, dienst: str, bestandsnaam: str, moment: datetime
) -> Upload:
    """A grant for one blob, from `moment` for `GELDIGHEID`, as it is stored."""
    return Upload(
        id=uuid.uuid4().hex,
        organisatie=namens,
        aanvrager=aanvrager,
        client_id=client_id,
        dienst=dienst,
        bestandsnaam=bestandsnaam,
        blobpad=f"{BlobContainers.AANLEVERINGEN}/{dienst}/{namens}/{bestandsnaam}",
        uitgegeven=moment,
        verloopt=moment + GELDIGHEID,
    )


def uitgeven(
    *,
    aanvrager: str,
    client_id: str,
    namens: str,
    dienst: str,
    bestandsnaam: str,
    repository: UploadRepository | None = None,
    clock: Clock = _now,
) -> UploadMachtiging:
    """Record a grant for one blob and sign its SAS URL.

    The caller's access (connection to the service, mandate) is checked before this runs.
    While another system's grant for the same blob is still valid a second one is refused
    (409): the intake could otherwise not tell who wrote the file.
    """
    repository = repository or UploadRepository()
    moment = clock()
    upload = machtiging(aanvrager, client_id, namens, dienst, bestandsnaam, moment)
    if repository.actief(namens, moment) >= MAX_ACTIEF:
        raise Conflict(
            f"{namens} heeft al {MAX_ACTIEF} geldige uploadmachtigingen; gebruik die eerst of "
            f"wacht tot ze verlopen ({GELDIGHEID.seconds // 60} minuten na uitgifte)"
        )
    for eerder in repository.voor_blob(namens, upload.blobpad):
        if eerder.verloopt > moment and eerder.client_id != client_id:
            raise Conflict(
                f"een ander systeem uploadt {bestandsnaam} al; probeer het na "
                f"{eerder.verloopt.isoformat(timespec='seconds')} opnieuw of kies een andere naam"
            )
    repository.create(upload)
    blobnaam = upload.blobpad.removeprefix(f"{BlobContainers.AANLEVERINGEN}/")
    url, soort = schrijf_url(blobnaam, moment, upload.verloopt)
    return UploadMachtiging(
        upload=upload, upload_url=url, sas_soort=soort, volgen=volgpad(upload.id)
    )


def schrijf_url(blobnaam: str, moment: datetime, verloopt: datetime) -> tuple[str, str]:
    """A SAS URL that can create and write `aanleveringen/{blobnaam}` only, and its kind."""
    service = clients.blob_service()
    blob = service.get_blob_client(BlobContainers.AANLEVERINGEN, blobnaam)
    permission = BlobSasPermissions(create=True, write=True)
    sleutel: dict[str, Any]
    if settings.blob().connection_string is not None:
        soort = SAS_SERVICE
        sleutel = {"account_key": service.credential.account_key}
    else:
        soort = SAS_USER_DELEGATION
        sleutel = {
            "user_delegation_key": service.get_user_delegation_key(
                moment - SLEUTEL_VOORLOOP, verloopt
            ),
            "protocol": "https",
        }
    token = generate_blob_sas(
        service.account_name or "",
        BlobContainers.AANLEVERINGEN,
        blobnaam,
        permission=permission,
        expiry=verloopt,
        **sleutel,
    )
    return f"{blob.url}?{token}", soort


@dataclass(frozen=True)
class Uploadcontrole:
    """What the intake found for one blob: the grant(s) it was written under, or the refusal."""

    herkomst: UploadHerkomst | None = None
    machtigingen: tuple[Upload, ...] = ()
    weigering: str | None = None

    @property
    def sleutel(self) -> tuple[str, ...]:
        """Added to the delivery's natural key: a file refused for want of a grant does not
        block the same file uploaded later under one."""
        return ("zonder uploadmachtiging",) if self.weigering else ()


class Uploadtoets:
    """Was this organisation's blob written under a grant that was valid at that moment?"""

    def __init__(self, repository: UploadRepository | None = None) -> None:
        self.repository = repository or UploadRepository()

    def __call__(self, pad: Pad, geschreven: datetime) -> Uploadcontrole:
        """`geschreven`: the blob's Last-Modified, read once by the intake with its other
        properties."""
        if pad.container != BlobContainers.AANLEVERINGEN:
            return Uploadcontrole()  # source holders: who may write there is Azure RBAC's job
        alle = self.repository.voor_blob(pad.organisatie, pad.blobpad)
        geldig = tuple(
            u
            for u in alle
            if u.uitgegeven - KLOKAFWIJKING <= geschreven <= u.verloopt + KLOKAFWIJKING
        )
        if geldig:
            laatste = geldig[-1]
            herkomst = UploadHerkomst(
                upload=laatste.id,
                aanvrager=laatste.aanvrager,
                client_id=laatste.client_id,
                uitgegeven=laatste.uitgegeven,
                verloopt=laatste.verloopt,
            )
            return Uploadcontrole(herkomst=herkomst, machtigingen=geldig)
        if alle:
            reden = (
                "geen geldige uploadmachtiging: het bestand is geschreven op "
                f"{geschreven.isoformat(timespec='seconds')}, buiten de geldigheid van elke "
                "machtiging voor deze naam"
            )
        else:
            reden = (
                "geen uploadmachtiging voor dit bestand: vraag er een aan met "
                "POST /api/v1/aanleveringen/uploads"
            )
        doel = BESTANDSDIENSTEN.get(pad.dienst)
        audit.record(
            ACTIE_VERWERKEN,
            Resultaat.GEWEIGERD,
            organisatie=pad.organisatie if is_valid(pad.organisatie) else None,
            dienst=pad.dienst,
            doel=doel.code if doel else None,
            reden=reden,
        )
        log.warning("bestand zonder geldige uploadmachtiging geweigerd: %s", pad.blobpad)
        return Uploadcontrole(weigering=reden)

    def koppel(self, controle: Uploadcontrole, aanlevering: str) -> None:
        """Let every grant the file may have been written under name its delivery."""
        for upload in controle.machtigingen:
            self.repository.koppel(upload, aanlevering)
