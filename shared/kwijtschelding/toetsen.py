"""One household tested in real time: the caller's policy, the figures given or gathered."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any

from pydantic.alias_generators import to_camel

from shared.bronnen import huishoudlezer
from shared.bronnen.raadplegen import Bronnen
from shared.errors import Invalid
from shared.kwijtschelding.beleid import BeleidRepository
from shared.kwijtschelding.gegevens import LID_BRONNEN, Afgeleid, afleiden
from shared.models.kwijtschelding import (
    VERDELING,
    AanslagUitkomst,
    BelemmeringUit,
    KwijtscheldingBeleid,
    Toetsuitkomst,
    ToetsVerzoek,
)
from shared.models.uitleg import GebruiktParameter, Herkomst
from shared.rules.kwijtschelding.toets import Aanslag, Huishouden, Resultaat, toets
from shared.security import audit
from shared.security.access import Caller
from shared.security.diensten import KWIJTSCHELDING_TOETSEN
from shared.telemetrie import gebeurtenis

HUISHOUDEN = {f.name for f in fields(Huishouden)}
INKOMEN = ("netto_besteedbaar_inkomen_maand", "netto_inkomen_maand")


def huishouden(gegeven: dict[str, Any], afgeleid: Afgeleid) -> Huishouden:
    """The given figures win over the derived ones; a required one missing is named, with
    why the sources could not give it."""
    values = {**afgeleid.waarden, **{k: v for k, v in gegeven.items() if k in HUISHOUDEN}}
    required = [f.name for f in fields(Huishouden) if f.default is MISSING]
    missing = [name for name in required if name not in values]
    if not any(name in values for name in INKOMEN):
        missing.append("netto_inkomen_maand")
    if missing:
        names = ", ".join(
            to_camel(name) + (f" ({reden})" if (reden := afgeleid.ontbrekend.get(name)) else "")
            for name in missing
        )
        raise Invalid(f"niet af te leiden uit de bronnen, geef op: {names}")
    return Huishouden(**values)


def aanslagen(verzoek: ToetsVerzoek) -> dict[str, Any]:
    """The request's assessments as the toets takes them."""
    if verzoek.aanslagen is None:
        return {}
    return {
        "aanslagen": tuple(Aanslag(a.belastingsoort, a.aanslagbedrag) for a in verzoek.aanslagen)
    }


def uitkomst(
    organisatie: str,
    h: Huishouden,
    result: Resultaat,
    beleid: KwijtscheldingBeleid,
    afgeleid: Afgeleid,
    herkomst: list[Herkomst],
) -> Toetsuitkomst:
    meer = len(result.aanslagen) > 1
    return Toetsuitkomst(
        peildatum=h.peildatum,
        organisatie=organisatie,
        belastingsoort=h.belastingsoort,
        aanslagbedrag=h.aanslagbedrag,
        uitkomst=result.uitkomst,
        kwijtschelding=result.kwijtschelding,
        te_betalen=result.te_betalen,
        aanslagen=[
            AanslagUitkomst(
                belastingsoort=a.belastingsoort,
                aanslagbedrag=a.aanslagbedrag,
                kwijtschelding=a.kwijtschelding,
                te_betalen=a.te_betalen,
            )
            for a in result.aanslagen
        ],
        kosten_van_bestaan=result.kosten_van_bestaan,
        netto_besteedbaar_inkomen=result.netto_besteedbaar_inkomen,
        woonlasten_aftrek=result.woonlasten_aftrek,
        zorgpremie_aftrek=result.zorgpremie_aftrek,
        aantal_kostendelende_medebewoners=h.aantal_kostendelende_medebewoners,
        betalingscapaciteit=result.betalingscapaciteit,
        vermogen=result.vermogen,
        belemmeringen=[
            BelemmeringUit(
                soort=b.soort, omschrijving=b.omschrijving, artikel=b.artikel, bedrag=b.bedrag
            )
            for b in result.belemmeringen
        ],
        beleid=KwijtscheldingBeleid.model_validate(
            beleid.model_dump(include=set(KwijtscheldingBeleid.model_fields))
        ),
        parameters=[GebruiktParameter.van(w) for w in result.parameters],
        herkomst=[*herkomst, *afgeleid.herkomst],
        voertuigen=afgeleid.voertuigen,
        waarschuwingen=[
            *afgeleid.waarschuwingen,
            *result.lezingen,
            *([VERDELING] if meer else []),
        ],
    )


class Toetsen:
    def __init__(self, bronnen: Bronnen | None = None) -> None:
        self.bronnen = bronnen or Bronnen()
        self.beleid = BeleidRepository()

    def toets(self, caller: Caller, verzoek: ToetsVerzoek) -> Toetsuitkomst:
        beleid, _ = self.beleid.van(caller.namens)
        values = {name: getattr(verzoek, name) for name in ToetsVerzoek.model_fields}
        values.pop("aanslagen")
        gegeven = {name: value for name, value in values.items() if value is not None}
        gegeven |= aanslagen(verzoek)
        herkomst = [
            Herkomst(invoer=to_camel(name), herkomst="opgegeven")
            for name in sorted(verzoek.model_fields_set)
            if name in HUISHOUDEN and name != "peildatum" and getattr(verzoek, name) is not None
        ]
        afgeleid = Afgeleid()
        audit.access(
            caller,
            "kwijtschelding toetsen",
            audit.doel_van(caller, KWIJTSCHELDING_TOETSEN),
            verzoek.bsn,
        )
        if verzoek.bsn is not None:
            afgeleid = self._gather(caller, verzoek.bsn, verzoek, set(gegeven))
        h = huishouden(gegeven, afgeleid)
        result = toets(h, beleid.regel())
        gebeurtenis(
            "toetsing",
            dienst="kwijtschelding",
            organisatie=caller.namens,
            uitkomst=result.uitkomst.value,
            aantal=1,
        )
        return uitkomst(caller.namens, h, result, beleid, afgeleid, herkomst)

    def _gather(
        self, caller: Caller, bsn: str, verzoek: ToetsVerzoek, gegeven: set[str]
    ) -> Afgeleid:
        gelezen = huishoudlezer.lees(
            self.bronnen,
            bsn,
            verzoek.peildatum,
            LID_BRONNEN,
            medebewoners=True,
            audit=lambda bsns: audit.personen(
                caller,
                "kwijtschelding toetsen: huishouden",
                audit.doel_van(caller, KWIJTSCHELDING_TOETSEN),
                bsns,
            ),
        )
        return afleiden(
            gelezen.huishouden,
            gelezen.personen,
            gegeven,
            gelezen.bekend,
            gelezen.bewoners_onbekend,
        )
