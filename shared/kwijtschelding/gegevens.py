"""A household's figures for the toets from the source registrations, each with its origin.

- Leefsituatie: BRP relations in force on the date: a partner makes GEHUWD, a child under 18
  ALLEENSTAANDE_OUDER (URI art. 12 lid 1 and 13 lid 2 take the household of Pw art. 3 and 4).
- Pensioengerechtigd: an AOW benefit in force for the debtor or the partner (Pw art. 22).
- Netto besteedbaar inkomen: benefits in force (not kinderbijslag, URI art. 14 lid 1 c) and
  the wage of the latest month in the polisadministratie, of both partners. The sources hold
  gross amounts and know nothing of the art. 15 expenses: a warning says so, and an income
  the organisation gives always wins.
- Liquide middelen: positive balances on 31 December of both partners (Belastingdienst).
- Auto: the vehicles of both partners, valued with `shared.rules.voertuigwaarde`; the most
  valuable one is the household's car, further vehicles are named in a warning.

Records are plain dicts per source, so the same code serves a single lookup (point reads)
and a batch (one DuckDB read per source).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic.alias_generators import to_camel

from shared.models.kwijtschelding import Voertuigwaardering
from shared.models.uitleg import Herkomst
from shared.rules.kwijtschelding.toets import Leefsituatie
from shared.rules.leeftijd import leeftijd
from shared.rules.voertuigwaarde import METHODE, handelswaarde

BRONNEN = ("brp-relaties", "uitkeringen", "uwv-polis", "bd-rekeningen", "rdw-voertuigen")
NUL = Decimal(0)
NODIG = {
    "leefsituatie": {"brp-relaties"},
    "pensioengerechtigd": {"uitkeringen"},
    "netto_besteedbaar_inkomen_maand": {"uitkeringen", "uwv-polis"},
    "liquide_middelen": {"bd-rekeningen"},
    "auto_waarde": {"rdw-voertuigen"},
}
"""Each figure and the sources it is derived from."""
Records = dict[str, list[dict[str, Any]]]
"""What the sources hold on one person: per source code, its records as dicts."""


@dataclass
class Afgeleid:
    waarden: dict[str, Any] = field(default_factory=dict)
    herkomst: list[Herkomst] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)
    voertuigen: list[Voertuigwaardering] = field(default_factory=list)

    def zet(self, naam: str, waarde: Any, bron: str, toelichting: str) -> None:
        self.waarden[naam] = waarde
        self.herkomst.append(
            Herkomst(invoer=to_camel(naam), herkomst="bron", bron=bron, toelichting=toelichting)
        )


def _in_force(record: dict[str, Any], peildatum: date) -> bool:
    begin, end = record.get("begindatum"), record.get("einddatum")
    return (begin is None or begin <= peildatum) and (end is None or peildatum < end)


def partner_van(persoon: Records, peildatum: date) -> str | None:
    return next(
        (
            r["relatie_bsn"]
            for r in persoon.get("brp-relaties", [])
            if r["soort"] == "partner" and _in_force(r, peildatum)
        ),
        None,
    )


def _minderjarige_kinderen(persoon: Records, peildatum: date) -> int:
    return sum(
        1
        for r in persoon.get("brp-relaties", [])
        if r["soort"] == "kind"
        and _in_force(r, peildatum)
        and leeftijd(r["begindatum"], peildatum) < 18
    )


def _inkomen_maand(persoon: Records, peildatum: date) -> tuple[Decimal, bool]:
    """Benefits in force plus the latest month's wage; and whether any wage was found."""
    cents = sum(
        r["bedrag_per_maand_cent"]
        for r in persoon.get("uitkeringen", [])
        if r["regeling"] != "KINDERBIJSLAG" and _in_force(r, peildatum)
    )
    polis = [r for r in persoon.get("uwv-polis", []) if r["periode"] <= f"{peildatum:%Y-%m}"]
    if polis:
        latest = max(r["periode"] for r in polis)
        cents += sum(r["loon_incl_vakantiegeld_cent"] for r in polis if r["periode"] == latest)
    return Decimal(cents) / 100, bool(polis)


def afleiden(
    aanvrager: Records,
    partner: Records | None,
    peildatum: date,
    gegeven: set[str],
    bekend: set[str],
) -> Afgeleid:
    """The figures not in `gegeven`, from the applicant's and the partner's records; only
    from sources in `bekend` (those with a snapshot in force: no snapshot, no figure)."""
    out = Afgeleid()
    huishouden = [aanvrager] + ([partner] if partner is not None else [])
    gegeven = gegeven | {naam for naam, bronnen in NODIG.items() if not bronnen <= bekend}
    if "leefsituatie" not in gegeven:
        if partner is not None:
            leefsituatie = Leefsituatie.GEHUWD
        elif _minderjarige_kinderen(aanvrager, peildatum):
            leefsituatie = Leefsituatie.ALLEENSTAANDE_OUDER
        else:
            leefsituatie = Leefsituatie.ALLEENSTAANDE
        out.zet("leefsituatie", leefsituatie, "brp-relaties", "partner en kinderen onder 18")
    if "pensioengerechtigd" not in gegeven:
        aow = any(
            r["regeling"] == "AOW" and _in_force(r, peildatum)
            for p in huishouden
            for r in p.get("uitkeringen", [])
        )
        out.zet("pensioengerechtigd", aow, "uitkeringen", "een AOW-uitkering van een van beiden")
    if "netto_besteedbaar_inkomen_maand" not in gegeven:
        totals = [_inkomen_maand(p, peildatum) for p in huishouden]
        out.zet(
            "netto_besteedbaar_inkomen_maand",
            sum((t[0] for t in totals), NUL),
            "uitkeringen, uwv-polis",
            "uitkeringen (zonder kinderbijslag) en het loon van de laatste maand, beide partners",
        )
        out.waarschuwingen.append(
            "het inkomen komt uit de bronnen: bruto, zonder de uitgaven van URI art. 15 en "
            "zonder bijstand van de gemeente zelf (die staat in geen bron); geef "
            "nettoBesteedbaarInkomenMaand op voor een exacte toets"
        )
    if "liquide_middelen" not in gegeven:
        saldo = sum(max(0, r["saldo_cent"]) for p in huishouden for r in p.get("bd-rekeningen", []))
        out.zet(
            "liquide_middelen",
            Decimal(saldo) / 100,
            "bd-rekeningen",
            "positieve saldi op 31 december, beide partners",
        )
    if "auto_waarde" not in gegeven:
        _auto(out, huishouden, peildatum)
    return out


def _auto(out: Afgeleid, huishouden: list[Records], peildatum: date) -> None:
    for persoon in huishouden:
        for r in persoon.get("rdw-voertuigen", []):
            if r["tenaamstelling_sinds"] > peildatum:
                continue
            catalogus = Decimal(r["catalogusprijs_cent"]) / 100
            out.voertuigen.append(
                Voertuigwaardering(
                    kenteken=r["kenteken"],
                    catalogusprijs=catalogus,
                    datum_eerste_toelating=r["datum_eerste_toelating"],
                    waarde=handelswaarde(catalogus, r["datum_eerste_toelating"], peildatum),
                    methode=METHODE,
                )
            )
    out.voertuigen.sort(key=lambda v: v.waarde, reverse=True)
    waarde = out.voertuigen[0].waarde if out.voertuigen else NUL
    out.zet("auto_waarde", waarde, "rdw-voertuigen", "de waardevolste auto van beide partners")
    if len(out.voertuigen) > 1:
        out.waarschuwingen.append(
            f"{len(out.voertuigen)} voertuigen op naam: alleen het waardevolste is getoetst"
        )
