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
from shared.parametersets.opslag import ParametersetRepository, document_id, vastgestelde_sets
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
        erbij = [controles.als_regelset(regeling, ingangsdatum, voorstel)]
        for andere in REGELINGEN.values():
            if andere is regeling:
                continue
            nieuwste = self._nieuwste(andere.naam, ingangsdatum)
            if nieuwste is not None and nieuwste[0].status is Status.VOORGESTELD:
                erbij.append(controles.als_regelset(andere, ingangsdatum, _voorstel(nieuwste[0])))
        return huidig, controles.met(huidig, *erbij)

    def stel_voor(
        self,
        caller: Caller,
        regeling: Regeling,
        ingangsdatum: date,
        voorstel: ParametersetVoorstel,
        etag: str | None,
    ) -> tuple[ParametersetDocument, str]:
        if voorstel.regeling not in (None, regeling.naam) or voorstel.ingangsdatum not in (
            None,
            ingangsdatum,
        ):
            raise Invalid("regeling en ingangsdatum in de body horen bij een andere parameterset")
        fouten = controles.fouten(regeling, voorstel)
        huidig, kandidaat = self._kandidaat(regeling, ingangsdatum, voorstel)
        fouten += [
            InvalidParam(
                name=f"body.parameters.{b.naam}",
                code="implausibel",
                reason=(
                    f"{b.nieuw} ligt buiten de band van de vorige periode ({b.vorige}; "
                    f"{controles.BANDBREEDTE}); geef een toelichting als het klopt"
                ),
            )
            for b in controles.buiten_band(huidig, regeling, ingangsdatum, voorstel)
            if not b.toelichting
        ]
        samenvatting = f"{regeling.naam} per {ingangsdatum.isoformat()}, bron: {voorstel.bron}"
        if fouten:
            self._audit(caller, "parameterset voorstellen", Resultaat.GEWEIGERD, samenvatting)
            raise NietToegestaan(
                f"De parameterset {regeling.naam} per {ingangsdatum.isoformat()} is niet "
                "voorgesteld: niet elke parameter is aanwezig, bekend en plausibel.",
                fouten,
            )
        nieuwste = self._nieuwste(regeling.naam, ingangsdatum)
        if nieuwste is not None and etag is None:
            raise PreconditionRequired("wijzigen kan alleen met If-Match (de laatst gelezen ETag)")
        if nieuwste is None and etag is not None:
            raise PreconditionFailed("er is nog geen parameterset van deze datum")
        if nieuwste is not None and etag != nieuwste[1]:
            raise PreconditionFailed(OPNIEUW)
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
            voorgesteld_door=caller.identity.client_id,
            voorgesteld_op=moment,
            controles=controles.controleer(regeling, ingangsdatum, voorstel, huidig, kandidaat),
        )
        self._audit(caller, "parameterset voorstellen", Resultaat.TOEGESTAAN, samenvatting)
        try:
            nieuwe_etag = self.repository.create(document)
        except AlreadyExists as error:
            raise PreconditionFailed(OPNIEUW) from error
        if nieuwste is not None and nieuwste[0].status is Status.VOORGESTELD:
            self._trek_in(nieuwste[0], nieuwste[1], moment)
        return document, nieuwe_etag

    def _trek_in(self, document: ParametersetDocument, etag: str, moment: datetime) -> None:
        ingetrokken = document.model_copy(
            update={"status": Status.INGETROKKEN, "ingetrokken_op": moment}
        )
        # changed meanwhile by another step that replaced it: the newest version decides
        with contextlib.suppress(ConcurrentChange):
            self.repository.replace(document.id, ingetrokken, etag)

    def stel_vast(
        self, caller: Caller, regeling: Regeling, ingangsdatum: date, etag: str
    ) -> tuple[ParametersetDocument, str]:
        document, huidige_etag = self.lees(regeling.naam, ingangsdatum)
        samenvatting = f"{regeling.naam} per {ingangsdatum.isoformat()} versie {document.versie}"
        if etag != huidige_etag:
            raise PreconditionFailed(OPNIEUW)
        if document.status is not Status.VOORGESTELD:
            raise NietToegestaan(
                f"versie {document.versie} is {document.status.value}, niet voorgesteld"
            )
        if document.voorgesteld_door == caller.identity.client_id:
            self._audit(
                caller,
                "parameterset vaststellen",
                Resultaat.GEWEIGERD,
                f"{samenvatting}: eigen voorstel",
            )
            raise Forbidden(
                "Vier ogen: wie een parameterset voorstelt, stelt hem niet vast. "
                "Een andere operator met de rol parametervaststelling moet hem vaststellen."
            )
        problemen = document.controles.lid8 if document.controles else None
        if problemen:
            self._audit(caller, "parameterset vaststellen", Resultaat.GEWEIGERD, samenvatting)
            raise NietToegestaan(
                "Rv art. 475da lid 8: de maxima volgen niet uit de formule met de bedragen die "
                "vanaf deze datum samen gelden.",
                [InvalidParam(name="parameters", code="lid8", reason=p) for p in problemen],
            )
        moment = self.clock()
        vastgesteld = document.model_copy(
            update={
                "status": Status.VASTGESTELD,
                "vastgesteld_door": caller.identity.client_id,
                "vastgesteld_op": moment,
            }
        )
        self._audit(caller, "parameterset vaststellen", Resultaat.TOEGESTAAN, samenvatting)
        try:
            nieuwe_etag = self.repository.replace(document.id, vastgesteld, etag)
        except ConcurrentChange as error:
            raise PreconditionFailed(OPNIEUW) from error
        for eerder in self.repository.versies(regeling.naam, ingangsdatum):
            if eerder.status is Status.VASTGESTELD and eerder.versie < document.versie:
                found = self.repository.get(regeling.naam, eerder.id)
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
