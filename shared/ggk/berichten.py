"""Routing GGk messages: from the sender, checked, into the receiver's postbus until the
receiver acknowledges it; a refusal is a Fo01 in the sender's postbus.

Guaranteed delivery: a message is stored (content in blob storage, its track in Cosmos DB)
before the sender hears 201, and stays `nieuw` in the receiver's postbus, offered at every
fetch, until the receiver acknowledges it; an acknowledgement is idempotent. A referentienummer
is used once per sender: the second message with it is refused (CC08), never delivered.
Messages for care providers (an AGB code) go to the postbus of VECOZO, which also sends theirs.
"""

from __future__ import annotations

import contextlib
import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import chain

from azure.core.exceptions import ResourceNotFoundError
from azure.cosmos.exceptions import CosmosResourceNotFoundError
from azure.storage.blob import StorageErrorCode
from lxml import etree

from shared.errors import Gone, NotFound
from shared.ggk import xml
from shared.ggk.envelop import (
    VECOZO,
    Afkeur,
    Afzender,
    Envelop,
    Soort,
    base64_inhoud,
    soort_van,
    toets,
)
from shared.ggk.fo01 import GGK_APPLICATIE, GGK_ORGANISATIE, fo01
from shared.ggk.kenmerken import kenmerken
from shared.ggk.wlz import Toewijzingen
from shared.log import mask_bsn
from shared.models.ggk import Fout, GgkBericht, GgkBerichtDocument, GgkReferentie
from shared.security import audit
from shared.security.access import Caller
from shared.security.diensten import GGK_BERICHTENVERKEER, WLZ_SAMENLOOP
from shared.storage.blobs import BlobStore
from shared.storage.containers import GGK_BERICHTEN, GGK_REFERENTIES, BlobContainers
from shared.storage.documents import AlreadyExists, ConcurrentChange, DocumentRepository
from shared.storage.toegang import AansluitingRepository
from shared.telemetrie import gebeurtenis

Clock = Callable[[], datetime]
log = logging.getLogger(__name__)
BSN = re.compile(r"^[0-9]{9}$")
INHOUD_DAGEN = BlobContainers.RETENTIE_DAGEN[BlobContainers.GGK_BERICHTEN]
TEKST = 200
"""The longest envelope field the track keeps (StUF's `Organisatie` is at most 200)."""


def _now() -> datetime:
    return datetime.now(UTC)


class GgkBerichtRepository(DocumentRepository[GgkBerichtDocument]):
    def __init__(self) -> None:
        super().__init__(GGK_BERICHTEN, GgkBerichtDocument)


class GgkReferentieRepository(DocumentRepository[GgkReferentie]):
    def __init__(self) -> None:
        super().__init__(GGK_REFERENTIES, GgkReferentie)

    def verwijder(self, zender: str, referentienummer: str) -> None:
        with contextlib.suppress(CosmosResourceNotFoundError):
            self.container.delete_item(referentienummer, partition_key=zender)


def zonder_waarden(tekst: str) -> str:
    """A refusal's reason as the track keeps it: without the values a schema error quotes
    (the names of elements and facets stay) and without any nine digits, so no BSN is in
    the track; the Fo01 in the sender's postbus has the full text.

    >>> zonder_waarden("Element 'Bsn': The value '12345678' is not accepted; 111222333")
    "Element 'Bsn': The value '…' is not accepted; *********"
    >>> zonder_waarden("Element 'Bsn': '1234' is not a valid value of the atomic type 'x'.")
    "Element 'Bsn': '…' is not a valid value of the atomic type '…'."
    """

    def waarde(gevonden: re.Match[str]) -> str:
        return gevonden.group(0) if gevonden.group(1) else "'…'"

    return mask_bsn(re.sub(r"(Element |facet )?'[^']*'", waarde, tekst))


def _bsns(bericht: etree._Element) -> list[str]:
    gevonden = (
        (e.text or "").strip()
        for e in bericht.iter(etree.Element)  # elements only: no comments, no instructions
        if etree.QName(e).localname == "Bsn"
    )
    return list(dict.fromkeys(b for b in gevonden if BSN.fullmatch(b)))


def personen_in(opgeslagen: bytes) -> list[str]:
    """The persons of the message in a stored envelope, or in the original a Fo01 holds:
    read from the content itself, so the track keeps no person and any size of message
    is audited in full."""
    try:
        root = xml.lees(opgeslagen)
    except etree.XMLSyntaxError:
        return []  # stored as it came, not XML: no person to name
    gevonden = _bsns(root)  # a message put in the envelope as elements, not as a file
    for element in root.iter(etree.Element):
        if etree.QName(element).localname != "xmlBestand" or not element.text:
            continue
        with contextlib.suppress(etree.XMLSyntaxError):  # not base64 or not XML: nobody
            gevonden += _bsns(xml.lees(base64_inhoud(element.text) or b""))
    return list(dict.fromkeys(gevonden))


class Berichten:
    def __init__(self, clock: Clock = _now, store: BlobStore | None = None) -> None:
        self.clock = clock
        self.store = store or BlobStore()
        self.repository = GgkBerichtRepository()

    def _aangesloten(self, organisatie: str) -> bool:
        return AansluitingRepository().actief(
            organisatie, GGK_BERICHTENVERKEER.dienst, GGK_BERICHTENVERKEER.code, self.clock()
        )

    def _postbus(self, envelop: Envelop) -> str | None:
        """The platform organisation that receives for the envelope's ontvanger, if connected."""
        soort = soort_van(envelop.ontvanger)
        postbus = f"GM{envelop.ontvanger}" if soort == "gemeente" else VECOZO
        return postbus if soort is not None and self._aangesloten(postbus) else None

    def _bewaar(
        self, postbus: str, afzender: str, envelop: Envelop, inhoud: bytes, **velden: object
    ) -> GgkBerichtDocument:
        bericht_id = str(uuid.uuid4())
        blob = f"{postbus}/{bericht_id}.xml"
        self.store.client(BlobContainers.GGK_BERICHTEN, blob).upload_blob(inhoud, overwrite=True)
        document = GgkBerichtDocument.model_validate(
            {
                "id": bericht_id,
                "postbus": postbus,
                "afzender": afzender,
                "blob": blob,
                # a refused envelope's fields are whatever it held: kept short, as read
                "soort": envelop.soort[:TEKST] or "onbekend",
                "functie": envelop.functie[:TEKST] or "onbekend",
                "zender": envelop.zender[:TEKST],
                "ontvanger": envelop.ontvanger[:TEKST],
                "referentienummer": envelop.referentienummer[:TEKST],
                "crossrefnummer": (envelop.crossrefnummer or "")[:TEKST] or None,
                "grootte": len(inhoud),
                "ontvangen_op": self.clock(),
                **velden,
            }
        )
        self.repository.create(document)
        return document

    def ontvang(self, caller: Caller, inhoud: bytes) -> GgkBericht:
        """Check and route one envelope; the answer is the message's track (afgekeurd with
        its Fo01 when a layer refuses it)."""
        gemeente = caller.namens[2:] if caller.namens.startswith("GM") else None
        bereikbaar: set[Soort] = {"gemeente"}
        if self._aangesloten(VECOZO):
            bereikbaar.add("aanbieder")
        envelop, afkeur = toets(inhoud, Afzender(gemeente), frozenset(bereikbaar))
        if not envelop.zender:  # nothing readable: the Fo01 goes to the caller as it is known
            envelop = replace(envelop, zender=gemeente or VECOZO)
        postbus = self._postbus(envelop) if afkeur is None else None
        if afkeur is None:
            afkeur = (
                Afkeur("ontvanger_onbekend", f"organisatie {envelop.ontvanger} niet aangesloten")
                if postbus is None
                else self._uniek(caller, envelop)
            )
        # refused before its message was read, the envelope still holds the persons in it
        bsns = _bsns(envelop.boom) if envelop.boom is not None else personen_in(inhoud)
        audit.gelezen(caller, "ggk-bericht versturen", GGK_BERICHTENVERKEER, bsns)
        if afkeur is not None or postbus is None:
            reden = afkeur or Afkeur("ontvanger_onbekend", envelop.ontvanger)
            return self._weiger(caller, envelop, inhoud, reden).openbaar()
        try:
            document = self._bewaar(
                postbus,
                caller.namens,
                envelop,
                inhoud,
                status="nieuw",
                kenmerken=kenmerken(envelop.boom) if envelop.boom is not None else None,
            )
        except Exception:
            # not delivered: the referentienummer is free again, so a retry is not a CC08
            GgkReferentieRepository().verwijder(caller.namens, envelop.referentienummer)
            raise
        gebeurtenis("ggk-bericht afgeleverd", dienst="ggk", soort=envelop.functie)
        if envelop.soort == "Du01":
            self._koppel_retour(caller.namens, envelop, document)
        if envelop.functie == "WMO301" and envelop.boom is not None:
            self._wmo_toewijzing(caller.namens, envelop.boom, document)
        return document.openbaar()

    def _wmo_toewijzing(
        self, gemeente: str, bericht: etree._Element, document: GgkBerichtDocument
    ) -> None:
        """For the Wlz-signalen, of a gemeente connected for them only. The message is
        delivered whatever happens here; a failure is for the operators."""
        try:
            if AansluitingRepository().actief(
                gemeente, WLZ_SAMENLOOP.dienst, WLZ_SAMENLOOP.code, self.clock()
            ):
                Toewijzingen().neem_op(gemeente, bericht, document.ontvangen_op)
        except Exception:
            log.exception("wmo-toewijzing van bericht %s niet vastgelegd", document.id)

    def _uniek(self, caller: Caller, envelop: Envelop) -> Afkeur | None:
        referentie = GgkReferentie(
            id=envelop.referentienummer, zender=caller.namens, bericht=envelop.functie
        )
        try:
            GgkReferentieRepository().create(referentie)
        except AlreadyExists:
            return Afkeur(
                "referentie_niet_uniek",
                f"referentienummer {envelop.referentienummer} is al gebruikt door deze zender",
            )
        return None

    def _weiger(
        self, caller: Caller, envelop: Envelop, inhoud: bytes, afkeur: Afkeur
    ) -> GgkBerichtDocument:
        referentie, foutbericht = fo01(envelop, afkeur, self.clock(), inhoud)
        fo01_envelop = Envelop(
            soort="Fo01",
            zender=GGK_ORGANISATIE,
            zender_applicatie=GGK_APPLICATIE,
            ontvanger=envelop.zender,
            referentienummer=referentie,
            crossrefnummer=envelop.referentienummer or None,
            functie="Fo01",
            versie="00010000",
        )
        fout = self._bewaar(
            caller.namens, GGK_ORGANISATIE, fo01_envelop, foutbericht, status="nieuw"
        )
        gebeurtenis("ggk-bericht afgekeurd", dienst="ggk", soort=afkeur.code)
        return self._bewaar(
            caller.namens,
            caller.namens,
            envelop,
            inhoud,
            status="afgekeurd",
            fout=Fout(code=afkeur.code, omschrijving=zonder_waarden(afkeur.tekst)),
            foutbericht=fout.id,
        )

    def _koppel_retour(self, afzender: str, envelop: Envelop, retour: GgkBerichtDocument) -> None:
        """The heen message this retour answers (the sender of the retour received it) gets
        the retour's id and time."""
        for heen in self.repository.all(
            "SELECT * FROM c WHERE c.postbus = @postbus AND c.referentienummer = @ref",
            {"@postbus": afzender, "@ref": envelop.crossrefnummer},
            partition=afzender,
        ):
            found = self.repository.get(afzender, heen.id)
            if found is None:
                continue
            document, etag = found
            bijgewerkt = document.model_copy(
                update={"retour": retour.id, "retour_ontvangen_op": retour.ontvangen_op}
            )
            try:
                self.repository.replace(document.id, bijgewerkt, etag)
            except ConcurrentChange:
                continue

    def _pagina(
        self,
        veld: str,
        organisatie: str,
        partitie: str | None,
        status: str | None,
        pagina: int,
        vervolg: str | None,
    ) -> tuple[list[GgkBerichtDocument], str | None]:
        """One page of the messages whose `veld` (postbus or afzender) is the organisation."""
        filter_ = " AND c.status = @status" if status else ""
        return self.repository.query(
            f"SELECT * FROM c WHERE c.{veld} = @organisatie{filter_}",  # noqa: S608 (fixed text)
            {"@organisatie": organisatie, **({"@status": status} if status else {})},
            partition=partitie,
            page_size=pagina,
            continuation=vervolg,
        )

    def postbus(
        self, caller: Caller, status: str | None, pagina: int, vervolg: str | None
    ) -> tuple[list[GgkBericht], str | None]:
        """The caller's postbus; what is fetched for the first time gets its time."""
        gevonden, volgende = self._pagina(
            "postbus", caller.namens, caller.namens, status, pagina, vervolg
        )
        moment = self.clock()
        return [self._opgehaald(d, moment).openbaar() for d in gevonden], volgende

    def _opgehaald(self, document: GgkBerichtDocument, moment: datetime) -> GgkBerichtDocument:
        if document.opgehaald_op is not None or document.status != "nieuw":
            return document
        found = self.repository.get(document.postbus, document.id)
        if found is None:
            return document
        bijgewerkt = found[0].model_copy(update={"opgehaald_op": moment})
        try:
            self.repository.replace(document.id, bijgewerkt, found[1])
        except ConcurrentChange:
            return document
        return bijgewerkt

    def verzonden(
        self, caller: Caller, status: str | None, pagina: int, vervolg: str | None
    ) -> tuple[list[GgkBericht], str | None]:
        """The track of what the caller sent: delivered, fetched, acknowledged, refused."""
        gevonden, volgende = self._pagina("afzender", caller.namens, None, status, pagina, vervolg)
        return [d.openbaar() for d in gevonden], volgende

    def _eigen(self, caller: Caller, bericht_id: str) -> tuple[GgkBerichtDocument, str]:
        found = self.repository.get(caller.namens, bericht_id)
        if found is None:
            raise NotFound("Dit bericht staat niet in de postbus van de organisatie.")
        return found

    def inhoud(self, caller: Caller, bericht_id: str) -> bytes:
        """The envelope (or Fo01) as it arrived; each person in it audited."""
        document, _ = self._eigen(caller, bericht_id)
        client = self.store.client(BlobContainers.GGK_BERICHTEN, document.blob)
        try:
            inhoud = bytes(client.download_blob().readall())
        except ResourceNotFoundError as error:
            # the storage SDK adds the service's code to the error it raises
            if getattr(error, "error_code", None) != StorageErrorCode.BLOB_NOT_FOUND:
                raise
            bewaard_tot = document.ontvangen_op + timedelta(days=INHOUD_DAGEN)
            if self.clock() < bewaard_tot:  # gone before its time: for the operators
                log.error("inhoud van ggk-bericht %s ontbreekt voor %s", document.id, bewaard_tot)
            raise Gone(
                f"De inhoud van dit bericht is er niet meer (de inhoud wordt {INHOUD_DAGEN} "
                "dagen bewaard); het verloop blijft te zien."
            ) from None
        personen = personen_in(inhoud)
        audit.gelezen(caller, "ggk-bericht lezen", GGK_BERICHTENVERKEER, personen)
        return inhoud

    def bevestig(self, caller: Caller, bericht_id: str) -> GgkBericht:
        """Acknowledged: no longer offered. Twice is the same as once."""
        document, etag = self._eigen(caller, bericht_id)
        if document.status != "nieuw":
            return document.openbaar()
        moment = self.clock()
        bijgewerkt = document.model_copy(
            update={
                "status": "bevestigd",
                "bevestigd_op": moment,
                "opgehaald_op": document.opgehaald_op or moment,
            }
        )
        try:
            self.repository.replace(document.id, bijgewerkt, etag)
        except ConcurrentChange:
            return self._eigen(caller, bericht_id)[0].openbaar()
        return bijgewerkt.openbaar()


__all__ = ["Berichten", "chain"]
