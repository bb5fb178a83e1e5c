"""Autorisatiebeheer: the only way rights are granted, changed or revoked.

- Only a caller with the `autorisatiebeheer` role gets here (the routes declare it).
- Nobody grants rights to an identity they hold themselves: not to their own client id,
  not to the organisation their client is bound to, and no client is bound to it.
- The bureau's own organisation exists once, made by the bootstrap; none is made here.
- A connection and a mandate are only what the catalogue allows the organisation's kind
  (`shared.security.diensten`).
- Every change needs the version the operator last read (optimistic concurrency).
- Every change, and every refused attempt, is in the audit log.
- The VUM bronnen the exchange asks are registered here too (`zet_vum_bron`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import NoReturn

from shared.errors import (
    Conflict,
    Forbidden,
    Invalid,
    NietToegestaan,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from shared.models.audit import Resultaat
from shared.models.toegang import (
    Aansluiting,
    AansluitingAanvraag,
    AansluitingWijziging,
    Koppeling,
    KoppelingAanvraag,
    Organisatie,
    OrganisatieGegevens,
    binnen_de_regio,
)
from shared.security import audit, diensten
from shared.security.access import Caller
from shared.storage.documents import AlreadyExists, ConcurrentChange
from shared.storage.toegang import (
    AansluitingRepository,
    KoppelingRepository,
    OrganisatieRepository,
    aansluiting_id,
)
from shared.validation.organisatie import Soort, soort_of
from shared.vum.bronnen import VumBron, VumBronGegevens, VumBronRepository

SELF_GRANT = "niemand verleent rechten aan een identiteit die hij zelf heeft"
GEEN_TWEEDE_BUREAU = "de organisatie van het bureau wordt niet via de API gemaakt of gewijzigd"


def _now() -> datetime:
    return datetime.now(UTC)


class Autorisatiebeheer:
    def __init__(self, caller: Caller, clock: Callable[[], datetime] = _now) -> None:
        self.caller = caller
        self.clock = clock
        self.organisaties = OrganisatieRepository()
        self.aansluitingen = AansluitingRepository()
        self.koppelingen = KoppelingRepository()

    def _audit(self, actie: str, namens: str, refusal: str | None = None) -> None:
        audit.record(
            actie,
            Resultaat.GEWEIGERD if refusal else Resultaat.TOEGESTAAN,
            organisatie=self.caller.organisatie,
            client_id=self.caller.identity.client_id,
            namens=namens,
            reden=refusal,
        )

    def _refuse(self, actie: str, namens: str, error: Exception) -> NoReturn:
        self._audit(actie, namens, str(error))
        raise error

    def _not_own_organisation(self, actie: str, organisatie: str) -> None:
        if organisatie == self.caller.organisatie:
            self._refuse(actie, organisatie, Forbidden(SELF_GRANT))

    def _not_own_client(self, actie: str, organisatie: str, client_id: str) -> None:
        if client_id == self.caller.identity.client_id:
            self._refuse(actie, organisatie, Forbidden(SELF_GRANT))

    @staticmethod
    def _version(etag: str | None, current: str) -> None:
        if etag is None:
            raise PreconditionRequired("stuur If-Match met de ETag die u het laatst las")
        if etag != current:
            raise PreconditionFailed("de gegevens zijn intussen gewijzigd; lees ze opnieuw")

    def zet_organisatie(
        self, organisatie_id: str, gegevens: OrganisatieGegevens, etag: str | None
    ) -> tuple[Organisatie, str, bool]:
        """Create or change an organisation; returns it, its ETag and whether it is new."""
        actie = "organisatie vastleggen"
        self._not_own_organisation(actie, organisatie_id)
        soort = soort_of(organisatie_id)
        if soort is None:
            self._refuse(
                actie, organisatie_id, Invalid(f"{organisatie_id} is geen organisatiecode")
            )
        if soort is Soort.BUREAU:
            self._refuse(actie, organisatie_id, Forbidden(GEEN_TWEEDE_BUREAU))
        for mandaat in gegevens.mandaten:  # well formed, not allowed
            reden = mandaat.waarom_niet_voor(soort) or self._buiten_de_regio(
                organisatie_id, mandaat.gemeente
            )
            if reden:
                self._refuse(actie, organisatie_id, NietToegestaan(reden))
        if gegevens.regio is not None and soort is not Soort.DOORSTROOMPUNT:
            reden = f"alleen een doorstroompunt heeft een regio, geen {soort}"
            self._refuse(actie, organisatie_id, NietToegestaan(reden))
        try:
            organisatie = Organisatie(
                id=organisatie_id, organisatie=organisatie_id, soort=soort, **dict(gegevens)
            )
        except ValueError as error:
            self._refuse(actie, organisatie_id, Invalid(str(error)))
        current = self.organisaties.find(organisatie_id)
        try:
            if current is None:
                new_etag = self.organisaties.create(organisatie)
            else:
                self._version(etag, current[1])
                new_etag = self.organisaties.replace(organisatie_id, organisatie, current[1])
        except (PreconditionRequired, PreconditionFailed) as error:
            self._refuse(actie, organisatie_id, error)
        except (AlreadyExists, ConcurrentChange) as error:
            self._refuse(
                actie, organisatie_id, PreconditionFailed(f"gelijktijdig gewijzigd: {error}")
            )
        self._audit(actie, organisatie_id)
        return organisatie, new_etag, current is None

    def _buiten_de_regio(self, organisatie_id: str, mandant: str) -> str | None:
        """Checked again on every request, against the region then in force."""
        gevonden = self.organisaties.find(mandant)
        if binnen_de_regio(mandant, gevonden[0] if gevonden else None, organisatie_id):
            return None
        return f"{organisatie_id} hoort niet bij de regio van {mandant}"

    def _existing_organisation(self, actie: str, organisatie_id: str) -> Organisatie:
        found = self.organisaties.find(organisatie_id)
        if found is None:
            self._refuse(
                actie, organisatie_id, NotFound(f"organisatie {organisatie_id} bestaat niet")
            )
            raise AssertionError("unreachable")
        return found[0]

    def verleen(
        self, organisatie_id: str, aanvraag: AansluitingAanvraag
    ) -> tuple[Aansluiting, str]:
        actie = "aansluiting verlenen"
        self._not_own_organisation(actie, organisatie_id)
        organisatie = self._existing_organisation(actie, organisatie_id)
        reden = diensten.waarom_niet_aan_te_sluiten(
            organisatie.soort, aanvraag.dienst, aanvraag.doel
        )
        if reden and not diensten.bestaat(aanvraag.dienst, aanvraag.doel):
            self._refuse(actie, organisatie_id, Invalid(reden))  # not in the document
        if reden:
            self._refuse(actie, organisatie_id, NietToegestaan(reden))  # not for this kind
        aansluiting = Aansluiting(
            **dict(aanvraag),
            id=aansluiting_id(organisatie_id, aanvraag.dienst, aanvraag.doel),
            organisatie=organisatie_id,
            verleend_door=self.caller.identity.client_id,
            gewijzigd_op=self.clock(),
        )
        try:
            etag = self.aansluitingen.create(aansluiting)
        except AlreadyExists:
            self._refuse(
                actie, organisatie_id, Conflict("deze aansluiting bestaat al; wijzig haar")
            )
        self._audit(actie, organisatie_id)
        return aansluiting, etag

    def _existing_aansluiting(
        self, actie: str, organisatie_id: str, aansluiting_id_: str
    ) -> tuple[Aansluiting, str]:
        found = self.aansluitingen.get(organisatie_id, aansluiting_id_)
        if found is None:
            self._refuse(actie, organisatie_id, NotFound("deze aansluiting bestaat niet"))
        return found

    def _replace_aansluiting(
        self, actie: str, current: tuple[Aansluiting, str], changed: Aansluiting, etag: str | None
    ) -> tuple[Aansluiting, str]:
        try:
            self._version(etag, current[1])
            new_etag = self.aansluitingen.replace(changed.id, changed, current[1])
        except (PreconditionRequired, PreconditionFailed) as error:
            self._refuse(actie, changed.organisatie, error)
        except ConcurrentChange:
            self._refuse(actie, changed.organisatie, PreconditionFailed("gelijktijdig gewijzigd"))
        self._audit(actie, changed.organisatie)
        return changed, new_etag

    def wijzig(
        self,
        organisatie_id: str,
        aansluiting_id_: str,
        wijziging: AansluitingWijziging,
        etag: str | None,
    ) -> tuple[Aansluiting, str]:
        actie = "aansluiting wijzigen"
        self._not_own_organisation(actie, organisatie_id)
        current = self._existing_aansluiting(actie, organisatie_id, aansluiting_id_)
        changed = current[0].model_copy(
            update={
                **dict(wijziging),
                "verleend_door": self.caller.identity.client_id,
                "gewijzigd_op": self.clock(),
            }
        )
        return self._replace_aansluiting(actie, current, changed, etag)

    def trek_in(
        self, organisatie_id: str, aansluiting_id_: str, etag: str | None
    ) -> tuple[Aansluiting, str]:
        """End the connection now (its history stays: the period is closed, not deleted)."""
        actie = "aansluiting intrekken"
        current = self._existing_aansluiting(actie, organisatie_id, aansluiting_id_)
        now = self.clock()
        end = min(current[0].geldig_tot or now, now)
        changed = current[0].model_copy(
            update={
                "geldig_tot": max(end, current[0].geldig_van),
                "verleend_door": self.caller.identity.client_id,
                "gewijzigd_op": now,
            }
        )
        return self._replace_aansluiting(actie, current, changed, etag)

    def koppel(
        self, client_id: str, aanvraag: KoppelingAanvraag, etag: str | None
    ) -> tuple[Koppeling, str, bool]:
        """Bind a client application to an organisation (or change the binding)."""
        actie = "koppeling vastleggen"
        self._not_own_client(actie, aanvraag.organisatie, client_id)
        self._not_own_organisation(actie, aanvraag.organisatie)
        self._existing_organisation(actie, aanvraag.organisatie)
        current = self.koppelingen.find(client_id)
        koppeling = Koppeling(
            **dict(aanvraag),
            id=client_id,
            client_id=client_id,
            verleend_door=self.caller.identity.client_id,
            gewijzigd_op=self.clock(),
        )
        try:
            if current is None:
                new_etag = self.koppelingen.create(koppeling)
            else:
                self._version(etag, current[1])
                new_etag = self.koppelingen.replace(client_id, koppeling, current[1])
        except (PreconditionRequired, PreconditionFailed) as error:
            self._refuse(actie, aanvraag.organisatie, error)
        except (AlreadyExists, ConcurrentChange):
            self._refuse(actie, aanvraag.organisatie, PreconditionFailed("gelijktijdig gewijzigd"))
        self._audit(actie, aanvraag.organisatie)
        return koppeling, new_etag, current is None

    def ontkoppel(self, client_id: str, etag: str | None) -> tuple[Koppeling, str]:
        """End a binding now: the client's tokens stop working from this moment.

        Ending rights is not granting them: an operator may end any binding, a departed
        colleague's included.
        """
        actie = "koppeling beëindigen"
        current = self.koppelingen.find(client_id)
        if current is None:
            raise NotFound("deze koppeling bestaat niet")
        now = self.clock()
        end = max(min(current[0].geldig_tot or now, now), current[0].geldig_van)
        changed = current[0].model_copy(
            update={
                "geldig_tot": end,
                "verleend_door": self.caller.identity.client_id,
                "gewijzigd_op": now,
            }
        )
        try:
            self._version(etag, current[1])
            new_etag = self.koppelingen.replace(client_id, changed, current[1])
        except (PreconditionRequired, PreconditionFailed) as error:
            self._refuse(actie, current[0].organisatie, error)
        except ConcurrentChange:
            self._refuse(
                actie, current[0].organisatie, PreconditionFailed("gelijktijdig gewijzigd")
            )
        self._audit(actie, current[0].organisatie)
        return changed, new_etag

    def zet_vum_bron(
        self, oin: str, gegevens: VumBronGegevens, etag: str | None
    ) -> tuple[VumBron, str, bool]:
        """Register a VUM bron or change it (a period's end stops it being asked); returns it,
        its ETag and whether it is new."""
        actie = "vum-bron vastleggen"
        bronnen = VumBronRepository()
        bron = VumBron(
            **dict(gegevens),
            id=oin,
            verleend_door=self.caller.identity.client_id,
            gewijzigd_op=self.clock(),
        )
        current = bronnen.find(oin)
        try:
            if current is None:
                new_etag = bronnen.create(bron)
            else:
                self._version(etag, current[1])
                new_etag = bronnen.replace(oin, bron, current[1])
        except (PreconditionRequired, PreconditionFailed) as error:
            self._refuse(actie, oin, error)
        except (AlreadyExists, ConcurrentChange) as error:
            self._refuse(actie, oin, PreconditionFailed(f"gelijktijdig gewijzigd: {error}"))
        self._audit(actie, oin)
        return bron, new_etag, current is None
