"""One household tested in real time: the caller's policy, the figures given or gathered."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any

from pydantic.alias_generators import to_camel

from shared.bronnen.raadplegen import Bronnen, Stand
from shared.errors import Invalid
from shared.kwijtschelding.beleid import BeleidRepository
from shared.kwijtschelding.gegevens import BRONNEN, Afgeleid, Records, afleiden, partner_van
from shared.models.kwijtschelding import (
    BelemmeringUit,
    KwijtscheldingBeleid,
    Toetsuitkomst,
    ToetsVerzoek,
)
from shared.models.uitleg import GebruiktParameter, Herkomst
from shared.rules.kwijtschelding.toets import Huishouden, Resultaat, toets
from shared.security import audit
from shared.security.access import Caller
from shared.security.diensten import KWIJTSCHELDING_TOETSEN
from shared.telemetrie import gebeurtenis

HUISHOUDEN = {f.name for f in fields(Huishouden)}


def records(stands: list[Stand]) -> tuple[Records, set[str]]:
    """A person's records as dicts, and the sources that had a snapshot in force."""
    return (
        {s.bron: [r.model_dump() for r in s.records] for s in stands},
        {s.bron for s in stands if s.snapshot is not None},
    )


def huishouden(gegeven: dict[str, Any], afgeleid: Afgeleid) -> Huishouden:
    """The given figures win over the derived ones; a required one missing is named."""
    values = {**afgeleid.waarden, **{k: v for k, v in gegeven.items() if k in HUISHOUDEN}}
    missing = [f.name for f in fields(Huishouden) if f.name not in values and f.default is MISSING]
    if missing:
        names = ", ".join(to_camel(name) for name in missing)
        raise Invalid(f"niet af te leiden uit de bronnen, geef op: {names}")
    return Huishouden(**values)


def uitkomst(
    organisatie: str,
    h: Huishouden,
    result: Resultaat,
    beleid: KwijtscheldingBeleid,
    afgeleid: Afgeleid,
    herkomst: list[Herkomst],
) -> Toetsuitkomst:
    return Toetsuitkomst(
        peildatum=h.peildatum,
        organisatie=organisatie,
        belastingsoort=h.belastingsoort,
        aanslagbedrag=h.aanslagbedrag,
        uitkomst=result.uitkomst,
        kwijtschelding=result.kwijtschelding,
        te_betalen=result.te_betalen,
        kosten_van_bestaan=result.kosten_van_bestaan,
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
        waarschuwingen=afgeleid.waarschuwingen,
    )


class Toetsen:
    def __init__(self, bronnen: Bronnen | None = None) -> None:
        self.bronnen = bronnen or Bronnen()
        self.beleid = BeleidRepository()

    def toets(self, caller: Caller, verzoek: ToetsVerzoek) -> Toetsuitkomst:
        beleid, _ = self.beleid.van(caller.namens)
        values = {name: getattr(verzoek, name) for name in ToetsVerzoek.model_fields}
        gegeven = {name: value for name, value in values.items() if value is not None}
        herkomst = [
            Herkomst(invoer=to_camel(name), herkomst="opgegeven")
            for name in sorted(verzoek.model_fields_set)
            if name in HUISHOUDEN and name != "peildatum" and values[name] is not None
        ]
        afgeleid = Afgeleid()
        audit.access(caller, "kwijtschelding toetsen", KWIJTSCHELDING_TOETSEN, verzoek.bsn)
        if verzoek.bsn is not None:
            afgeleid = self._gather(verzoek.bsn, verzoek, set(gegeven))
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

    def _gather(self, bsn: str, verzoek: ToetsVerzoek, gegeven: set[str]) -> Afgeleid:
        aanvrager, bekend = records(self.bronnen.persoon(bsn, verzoek.peildatum, BRONNEN))
        partner_bsn = partner_van(aanvrager, verzoek.peildatum)
        partner = None
        if partner_bsn is not None:
            partner = records(self.bronnen.persoon(partner_bsn, verzoek.peildatum, BRONNEN))[0]
        return afleiden(aanvrager, partner, verzoek.peildatum, gegeven, bekend)
