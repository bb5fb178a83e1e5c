"""Proposing and approving parameter sets: four eyes, every step audited.

An operator with `parameterbeheer` proposes a set (a new version of the set of that regeling
and date); it is checked at once and stored as VOORGESTELD with its checks and preview.
Another client, with `parametervaststelling`, approves the version it read (If-Match): never
the client that proposed it. From approval the set is VASTGESTELD and the services compute
with it from its ingangsdatum; an earlier approved version of the same date is INGETROKKEN,
and the calculations it applies to are recalculated (a correction of a set in force).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, date, datetime

from shared.bvv.herberekening import Herberekeningen
from shared.errors import (
    DomainError,
    Forbidden,
    Invalid,
    NietToegestaan,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from shared.models.audit import Resultaat
from shared.models.parametersets import (
    Controles,
    ParametersetDocument,
    ParametersetSamenvatting,
    ParametersetVoorstel,
    Status,
)
from shared.models.problem import InvalidParam
from shared.parametersets import controles
from shared.parametersets.opslag import (
    ParametersetRepository,
    als_regelset,
    document_id,
    vastgestelde_sets,
)
from shared.rules.parameters import (
    BESLAGVRIJE_VOET,
    PARTICIPATIEWET,
    REGELINGEN,
    Parametersets,
    Regeling,
)
from shared.security import audit
from shared.security.access import Caller
from shared.storage.documents import AlreadyExists, ConcurrentChange
from shared.telemetrie import gebeurtenis

Clock = Callable[[], datetime]
OPNIEUW = "de parameterset is intussen gewijzigd; lees hem opnieuw"


def _now() -> datetime:
    return datetime.now(UTC)


class Parametersetbeheer:
    def __init__(self, clock: Clock = _now) -> None:
        self.clock = clock
        self.repository = ParametersetRepository()

    def lijst(self, regeling: str | None) -> list[ParametersetSamenvatting]:
        velden = set(ParametersetSamenvatting.model_fields)
        return [
            ParametersetSamenvatting.model_validate(d.model_dump(include=velden))
            for d in self.repository.lijst(regeling)
        ]

    def _nieuwste(
        self, regeling: str, ingangsdatum: date
    ) -> tuple[ParametersetDocument, str] | None:
        versies = self.repository.versies(regeling, ingangsdatum)
        return self.repository.get(regeling, versies[-1].id) if versies else None

    def lees(
        self, regeling: str, ingangsdatum: date, versie: int | None = None
    ) -> tuple[ParametersetDocument, str]:
        """The newest version of the set (or the one asked for) and its ETag; a proposal with
        its checks as of now (the other sets of its date may have been proposed since)."""
        found = (
            self._nieuwste(regeling, ingangsdatum)
            if versie is None
            else self.repository.get(regeling, document_id(ingangsdatum, versie))
        )
        if found is None:
            raise NotFound(f"er is geen parameterset {regeling} per {ingangsdatum.isoformat()}")
        document, etag = found
        if document.status is Status.VOORGESTELD:
            document = document.model_copy(update={"controles": self._controles(document)})
        return document, etag

    def _controles(self, document: ParametersetDocument) -> Controles:
        regeling = REGELINGEN[document.regeling]
        voorstel = _voorstel(document)
        huidig, kandidaat = self._kandidaat(regeling, document.ingangsdatum, voorstel)
        return controles.controleer(regeling, document.ingangsdatum, voorstel, huidig, kandidaat)

    def _audit(self, caller: Caller, actie: str, resultaat: Resultaat, reden: str) -> None:
        audit.record(
            actie,
            resultaat,
            organisatie=caller.organisatie,
            client_id=caller.identity.client_id,
            dienst="parametersets",
            reden=reden,
            moment=self.clock(),
        )

    def _kandidaat(
        self, regeling: Regeling, ingangsdatum: date, voorstel: ParametersetVoorstel
    ) -> tuple[Parametersets, Parametersets]:
        """The approved sets with this proposal and the pending proposals of the same date of
        the other regelingen in force: what the services would use once all are approved."""
        huidig = vastgestelde_sets()
        erbij = [als_regelset(regeling.naam, ingangsdatum, voorstel.parameters)]
        for andere in REGELINGEN.values():
            if andere is regeling:
                continue
            nieuwste = self._nieuwste(andere.naam, ingangsdatum)
            if nieuwste is not None and nieuwste[0].status is Status.VOORGESTELD:
                erbij.append(als_regelset(andere.naam, ingangsdatum, nieuwste[0].parameters))
        return huidig, controles.met(huidig, *erbij)

    def _weiger(
        self, caller: Caller, actie: str, samenvatting: str, fout: DomainError
    ) -> DomainError:
        """A refusal, audited with its reason before the caller hears it."""
        self._audit(caller, actie, Resultaat.GEWEIGERD, f"{samenvatting}: {fout.detail}")
        return fout

    def _versie_gelezen(
        self, nieuwste: tuple[ParametersetDocument, str] | None, etag: str | None
    ) -> DomainError | None:
        """Why `etag` is not the version of the set the caller must have read, or None."""
        if nieuwste is not None and etag is None:
            return PreconditionRequired("wijzigen kan alleen met If-Match (de laatst gelezen ETag)")
        if nieuwste is None and etag is not None:
            return PreconditionFailed("er is nog geen parameterset van deze datum")
        if nieuwste is not None and etag != nieuwste[1]:
            return PreconditionFailed(OPNIEUW)
        return None

    def stel_voor(
        self,
        caller: Caller,
        regeling: Regeling,
        ingangsdatum: date,
        voorstel: ParametersetVoorstel,
        etag: str | None,
    ) -> tuple[ParametersetDocument, str]:
        actie = "parameterset voorstellen"
        samenvatting = f"{regeling.naam} per {ingangsdatum.isoformat()}, bron: {voorstel.bron}"
        if voorstel.regeling not in (None, regeling.naam) or voorstel.ingangsdatum not in (
            None,
            ingangsdatum,
        ):
            reden = "regeling en ingangsdatum in de body horen bij een andere parameterset"
            raise self._weiger(caller, actie, samenvatting, Invalid(reden))
        fouten = controles.fouten(regeling, voorstel, ingangsdatum)
        huidig, kandidaat = self._kandidaat(regeling, ingangsdatum, voorstel)
        fouten += [
            InvalidParam(
                name=f"body.parameters.{b.naam}",
                code="implausibel",
                reason=(
                    f"{b.nieuw} ligt buiten de band van de vorige periode ({b.vorige}; "
                    f"{controles.BANDBREEDTE}); geef een toelichting bij deze waarde als "
                    "ze klopt"
                ),
            )
            for b in controles.buiten_band(huidig, regeling, ingangsdatum, voorstel)
            if not b.toelichting
        ]
        if fouten:
            raise self._weiger(
                caller,
                actie,
                samenvatting,
                NietToegestaan(
                    f"De parameterset {regeling.naam} per {ingangsdatum.isoformat()} is niet "
                    "voorgesteld: niet elke parameter is aanwezig, bekend en plausibel.",
                    fouten,
                ),
            )
        nieuwste = self._nieuwste(regeling.naam, ingangsdatum)
        fout = self._versie_gelezen(nieuwste, etag)
        if fout:
            raise self._weiger(caller, actie, samenvatting, fout)
        moment = self.clock()
        versie = nieuwste[0].versie + 1 if nieuwste else 1
        document = ParametersetDocument(
            id=document_id(ingangsdatum, versie),
            regeling=regeling.naam,
            ingangsdatum=ingangsdatum,
            versie=versie,
            status=Status.VOORGESTELD,
            bron=voorstel.bron,
            parameters=voorstel.parameters,
            toelichtingen=voorstel.toelichtingen,
            voorgesteld_door=caller.identity.door,
            voorgesteld_op=moment,
            controles=controles.controleer(regeling, ingangsdatum, voorstel, huidig, kandidaat),
        )
        self._audit(caller, actie, Resultaat.TOEGESTAAN, f"{samenvatting}, versie {versie}")
        try:
            if nieuwste is not None and nieuwste[0].status is Status.VOORGESTELD:
                # withdrawn first, on the version read: an approval of it cannot land between
                self._trek_in(nieuwste[0], nieuwste[1], moment)
            nieuwe_etag = self.repository.create(document)
        except (ConcurrentChange, AlreadyExists):
            raise self._weiger(
                caller, actie, f"{samenvatting}, versie {versie}", PreconditionFailed(OPNIEUW)
            ) from None
        return document, nieuwe_etag

    def _trek_in(self, document: ParametersetDocument, etag: str, moment: datetime) -> None:
        """`ConcurrentChange` when it changed since `etag` was read."""
        ingetrokken = document.model_copy(
            update={"status": Status.INGETROKKEN, "ingetrokken_op": moment}
        )
        self.repository.replace(document.id, ingetrokken, etag)

    def _bezwaren(self, regeling: Regeling, document: ParametersetDocument) -> list[InvalidParam]:
        """What stops an approval: lid 8 failing with the sets in force together from the date
        (for a participatiewet set only once a BVV set of that date can be checked), and a new
        set under which the default kwijtschelding policy is no longer allowed."""
        gecontroleerd = document.controles
        if gecontroleerd is None:
            return []
        bezwaren = [
            InvalidParam(name="parameters", code="lid8", reason=p)
            for p in gecontroleerd.lid8 or []
            if regeling is BESLAGVRIJE_VOET or not p.startswith(controles.NIET_TE_CONTROLEREN)
        ]
        voorvertoning = gecontroleerd.voorvertoning
        bezwaren += [
            InvalidParam(name="parameters", code="standaardbeleid", reason=b.reden or "")
            for b in (voorvertoning.beleid if voorvertoning else [])
            if b.organisatie == controles.STANDAARD and b.geldig is False
        ]
        return bezwaren

    def stel_vast(
        self, caller: Caller, regeling: Regeling, ingangsdatum: date, etag: str
    ) -> tuple[ParametersetDocument, str]:
        actie = "parameterset vaststellen"
        document, huidige_etag = self.lees(regeling.naam, ingangsdatum)
        samenvatting = f"{regeling.naam} per {ingangsdatum.isoformat()} versie {document.versie}"
        fout = self._versie_gelezen((document, huidige_etag), etag)
        if fout:
            raise self._weiger(caller, actie, samenvatting, fout)
        if document.status is not Status.VOORGESTELD:
            reden = f"versie {document.versie} is {document.status.value}, niet voorgesteld"
            raise self._weiger(caller, actie, samenvatting, NietToegestaan(reden))
        if document.voorgesteld_door == caller.identity.door:
            raise self._weiger(
                caller,
                actie,
                samenvatting,
                Forbidden(
                    "Vier ogen: wie een parameterset voorstelt, stelt hem niet vast. "
                    "Een andere operator met de rol parametervaststelling moet hem vaststellen."
                ),
            )
        bezwaren = self._bezwaren(regeling, document)
        if bezwaren:
            raise self._weiger(
                caller,
                actie,
                samenvatting,
                NietToegestaan(
                    "Niet vastgesteld: met de bedragen die vanaf deze datum samen gelden klopt "
                    "de controle niet.",
                    bezwaren,
                ),
            )
        moment = self.clock()
        vastgesteld = document.model_copy(
            update={
                "status": Status.VASTGESTELD,
                "vastgesteld_door": caller.identity.door,
                "vastgesteld_op": moment,
            }
        )
        self._audit(caller, actie, Resultaat.TOEGESTAAN, samenvatting)
        try:
            nieuwe_etag = self.repository.replace(document.id, vastgesteld, etag)
        except ConcurrentChange:
            raise self._weiger(caller, actie, samenvatting, PreconditionFailed(OPNIEUW)) from None
        for eerder in self.repository.versies(regeling.naam, ingangsdatum):
            if eerder.status is Status.VASTGESTELD and eerder.versie < document.versie:
                found = self.repository.get(regeling.naam, eerder.id)
                # changed meanwhile: the newest approved version decides anyway
                with contextlib.suppress(ConcurrentChange):
                    if found is not None:
                        self._trek_in(*found, moment)
        vastgestelde_sets.vergeet()
        gebeurtenis(
            "parameterset vastgesteld",
            dienst=regeling.naam,
            ingangsdatum=ingangsdatum.isoformat(),
            aantal=document.versie,
        )
        if regeling in (BESLAGVRIJE_VOET, PARTICIPATIEWET) and ingangsdatum <= moment.date():
            Herberekeningen().start(ingangsdatum, caller.organisatie, caller.identity.client_id)
        return vastgesteld, nieuwe_etag


def _voorstel(document: ParametersetDocument) -> ParametersetVoorstel:
    return ParametersetVoorstel(
        bron=document.bron, parameters=document.parameters, toelichtingen=document.toelichtingen
    )


def regeling_van(naam: str) -> Regeling:
    if naam not in REGELINGEN:
        raise NotFound(f"er is geen regeling {naam}")
    return REGELINGEN[naam]
