"""Outage notices: operators post and update them; subscribers are told in the background.

Delivery never runs inside the operator's request, and one subscriber never waits for
another. Each new version of a notice becomes a work item, a blob in `storingberichten`:

1. the request stores the notice and writes `meldingen/{storing}/{versie}.json`, and answers;
2. `storing_verdelen` (blob trigger) writes one `bezorgingen/{storing}/{versie}/{organisatie}/
   {abonnement}.json` per subscription, skipping those that exist, then deletes its item;
3. `storing_bezorgen` (blob trigger, one invocation per subscription) POSTs the notice, at
   most `POGINGEN` times, records the outcome on the subscription (`laatsteBezorging`), and
   deletes its item.

In Azure the blob triggers are fed by Event Grid, which retries a failed invocation (30
times within 24 hours, `infra/app/eventgrid.bicep`); locally the host polls the container.
Each step is idempotent, so a work item handled twice sends at most once more: receivers
must accept a notice twice and keep the one with the latest `gewijzigdOp` (two versions may
also arrive out of order).

Every delivery checks the address again (`shared.storingen.verzenden`). Organisations also
read current and planned notices from the public `GET /api/v1/storingen` (public: an
organisation whose sign-in is what fails must still be able to read it).
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from azure.core.exceptions import ResourceExistsError, ResourceNotFoundError
from azure.storage.blob import BlobClient, ContentSettings

from shared import settings
from shared.errors import Conflict, NotFound, PreconditionFailed, PreconditionRequired
from shared.models.audit import Resultaat
from shared.models.storing import (
    Abonnement,
    AbonnementAanvraag,
    Bezorging,
    Storing,
    StoringenOverzicht,
    StoringMelding,
)
from shared.security import audit
from shared.security.access import Caller
from shared.storage.blobs import BlobStore
from shared.storage.containers import STORINGABONNEMENTEN, STORINGEN, BlobContainers
from shared.storage.documents import ConcurrentChange, DocumentRepository, to_document
from shared.storingen import verzenden
from shared.storingen.adressen import (
    AdresGeweigerd,
    Resolver,
    adressen_van,
    controleer_url,
    systeem_resolver,
)

log = logging.getLogger(__name__)
PARTITIE = "storingen"
POGINGEN = 3
"""A first attempt and two retries (after 0.5 s and 1 s), each at most
`verzenden.TOTAAL_SECONDEN`; only for failures worth retrying (`Uitkomst.opnieuw`)."""
MAX_ABONNEMENTEN = 10
"""Subscriptions per organisation. One or two receiving systems per environment (production,
acceptance, test) fit easily; the limit bounds what one organisation makes the platform send
(every notice is one call per subscription), so no organisation can turn it into an
amplifier towards third parties or slow everyone's notices down."""
BERICHTEN = BlobContainers.STORINGBERICHTEN
MELDINGEN = "meldingen"
BEZORGINGEN = "bezorgingen"
Post = Callable[[str, bytes], verzenden.Uitkomst]


def _now() -> datetime:
    return datetime.now(UTC)


class AbonnementGeweigerd(Exception):
    """The address is not one the platform will call; `reden` says why."""

    def __init__(self, reden: str) -> None:
        self.reden = reden
        super().__init__(reden)


class Abonnementen(DocumentRepository[Abonnement]):
    def __init__(self, resolver: Resolver = systeem_resolver) -> None:
        super().__init__(STORINGABONNEMENTEN, Abonnement)
        self.resolver = resolver

    def van(self, organisatie: str) -> list[Abonnement]:
        return list(
            self.all(
                "SELECT * FROM c WHERE c.organisatie = @o",
                {"@o": organisatie},
                partition=organisatie,
            )
        )

    def neem(self, caller: Caller, aanvraag: AbonnementAanvraag) -> Abonnement:
        """Subscribe, when the address resolves to public addresses only and the
        organisation has fewer than `MAX_ABONNEMENTEN`."""
        try:
            adressen_van(
                controleer_url(aanvraag.url), self.resolver, settings.storingen_test().hosts
            )
        except AdresGeweigerd as geweigerd:
            raise AbonnementGeweigerd(geweigerd.reden) from None
        te_veel = Conflict(
            f"een organisatie heeft ten hoogste {MAX_ABONNEMENTEN} abonnementen; "
            "beëindig er eerst een"
        )
        if len(self.van(caller.namens)) >= MAX_ABONNEMENTEN:
            raise te_veel
        abonnement = Abonnement(
            id=str(uuid.uuid4()), organisatie=caller.namens, url=aanvraag.url, aangemaakt_op=_now()
        )
        self.create(abonnement)
        if len(self.van(caller.namens)) > MAX_ABONNEMENTEN:  # two subscribed at the same moment
            self.container.delete_item(abonnement.id, partition_key=caller.namens)
            raise te_veel
        return abonnement

    def beeindig(self, caller: Caller, abonnement_id: str) -> Abonnement:
        found = self.get(caller.namens, abonnement_id)
        if found is None:
            raise NotFound("dit abonnement bestaat niet voor de organisatie")
        self.container.delete_item(abonnement_id, partition_key=caller.namens)
        return found[0]

    def noteer(self, organisatie: str, abonnement_id: str, bezorging: Bezorging) -> None:
        """Keep `bezorging` as the subscription's last, unless a later one is kept already
        or the subscription has ended meanwhile."""
        for _ in range(5):
            found = self.get(organisatie, abonnement_id)
            if found is None:
                return
            abonnement, etag = found
            vorige = abonnement.laatste_bezorging
            if vorige is not None and vorige.moment > bezorging.moment:
                return
            bijgewerkt = abonnement.model_copy(update={"laatste_bezorging": bezorging})
            try:
                self.replace(abonnement_id, bijgewerkt, etag)
                return
            except ConcurrentChange:
                continue


class Storingen(DocumentRepository[Storing]):
    def __init__(self, berichten: Berichten | None = None) -> None:
        super().__init__(STORINGEN, Storing)
        self._berichten = berichten

    @property
    def berichten(self) -> Berichten:
        if self._berichten is None:
            self._berichten = Berichten()
        return self._berichten

    def overzicht(self, moment: datetime | None = None) -> StoringenOverzicht:
        moment = moment or _now()
        alle = list(
            self.all("SELECT * FROM c WHERE c.partitie = @p", {"@p": PARTITIE}, partition=PARTITIE)
        )
        return StoringenOverzicht(
            actueel=sorted((s for s in alle if s.actueel(moment)), key=lambda s: s.begin),
            gepland=sorted((s for s in alle if s.begin > moment), key=lambda s: s.begin),
        )

    def meld(self, caller: Caller, melding: StoringMelding) -> tuple[Storing, str]:
        storing = Storing(
            **melding.model_dump(),
            id=str(uuid.uuid4()),
            partitie=PARTITIE,
            gemeld_door=caller.identity.client_id,
            gewijzigd_op=_now(),
        )
        etag = self.create(storing)
        self._afgerond(caller, "storing gemeld", storing)
        return storing, etag

    def wijzig(
        self, caller: Caller, storing_id: str, melding: StoringMelding, etag: str | None
    ) -> tuple[Storing, str]:
        if etag is None:
            raise PreconditionRequired("wijzigen kan alleen met If-Match (de laatst gelezen ETag)")
        if self.get(PARTITIE, storing_id) is None:
            raise NotFound("deze storing bestaat niet")
        storing = Storing(
            **melding.model_dump(),
            id=storing_id,
            partitie=PARTITIE,
            gemeld_door=caller.identity.client_id,
            gewijzigd_op=_now(),
        )
        try:
            new_etag = self.replace(storing_id, storing, etag)
        except ConcurrentChange as error:
            raise PreconditionFailed(
                "de storing is intussen gewijzigd; lees haar opnieuw"
            ) from error
        self._afgerond(caller, "storing gewijzigd", storing)
        return storing, new_etag

    def _afgerond(self, caller: Caller, actie: str, storing: Storing) -> None:
        audit.record(
            actie,
            Resultaat.TOEGESTAAN,
            organisatie=caller.organisatie,
            client_id=caller.identity.client_id,
            reden=storing.titel,
        )
        self.berichten.plaats(storing)


def _lees(blob: BlobClient) -> dict[str, Any] | None:
    """A work item, or None when it is gone (handled before: nothing to do)."""
    try:
        inhoud: dict[str, Any] = json.loads(blob.download_blob().readall())
    except ResourceNotFoundError:
        return None
    return inhoud


def _verwijder(blob: BlobClient) -> None:
    with contextlib.suppress(ResourceNotFoundError):
        blob.delete_blob()


class Berichten:
    """The work items of the deliveries, and what handles them (see the module's doc)."""

    def __init__(
        self,
        store: BlobStore | None = None,
        abonnementen: Abonnementen | None = None,
        post: Post | None = None,
        wacht: Callable[[float], None] = time.sleep,
    ) -> None:
        self._store = store
        self.abonnementen = abonnementen or Abonnementen()
        self.post: Post = post or (lambda url, body: verzenden.post_json(url, body))
        self.wacht = wacht

    @property
    def store(self) -> BlobStore:
        if self._store is None:
            self._store = BlobStore()
        return self._store

    def _schrijf(self, pad: str, inhoud: dict[str, Any], *, overschrijf: bool) -> bool:
        try:
            self.store.client(BERICHTEN, pad).upload_blob(
                json.dumps(inhoud, ensure_ascii=False).encode("utf-8"),
                overwrite=overschrijf,
                content_settings=ContentSettings(content_type="application/json"),
            )
        except ResourceExistsError:
            return False
        return True

    def plaats(self, storing: Storing) -> str:
        """Step 1, in the operator's request: one work item for this version."""
        versie = uuid.uuid4().hex
        pad = f"{MELDINGEN}/{storing.id}/{versie}.json"
        self._schrijf(pad, {"versie": versie, "storing": to_document(storing)}, overschrijf=True)
        return pad

    def verdeel(self, blob: BlobClient) -> int:
        """Step 2: one work item per subscription (those already there are kept)."""
        melding = _lees(blob)
        if melding is None:
            return 0
        storing_id, versie = melding["storing"]["id"], melding["versie"]
        geplaatst = 0
        for abonnement in self.abonnementen.all("SELECT * FROM c", {}, partition=None):
            pad = (
                f"{BEZORGINGEN}/{storing_id}/{versie}/{abonnement.organisatie}/{abonnement.id}.json"
            )
            item = {**melding, "organisatie": abonnement.organisatie, "abonnement": abonnement.id}
            geplaatst += self._schrijf(pad, item, overschrijf=False)
        _verwijder(blob)
        return geplaatst

    def bezorg(self, blob: BlobClient) -> Bezorging | None:
        """Step 3: POST the notice to one subscription and keep the outcome on it."""
        item = _lees(blob)
        if item is None:
            return None
        found = self.abonnementen.get(item["organisatie"], item["abonnement"])
        if found is None:  # ended since: nobody to tell
            _verwijder(blob)
            return None
        abonnement = found[0]
        body = json.dumps({"storing": item["storing"]}, ensure_ascii=False).encode("utf-8")
        uitkomst = self.post(abonnement.url, body)
        for poging in range(1, POGINGEN):
            if uitkomst.gelukt or not uitkomst.opnieuw:
                break
            self.wacht(0.5 * 2 ** (poging - 1))
            uitkomst = self.post(abonnement.url, body)
        bezorging = Bezorging(
            moment=_now(),
            storing=item["storing"]["id"],
            gelukt=uitkomst.gelukt,
            toelichting=uitkomst.toelichting,
        )
        if not uitkomst.gelukt:
            log.warning(
                "storingsbericht niet bezorgd bij %s: %s",
                abonnement.organisatie,
                uitkomst.toelichting,
            )
        self.abonnementen.noteer(abonnement.organisatie, abonnement.id, bezorging)
        _verwijder(blob)
        return bezorging
