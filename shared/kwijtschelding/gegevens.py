"""A household's figures for the toets from the source registrations, each with its origin.

Who is in the household and what they earn come from the one derivation every service
uses (`shared.bronnen.huishouden`, `shared.bronnen.inkomen`, with their legal readings):

- Leefsituatie: a partner makes GEHUWD, a child under 18 at the address ALLEENSTAANDE_OUDER
  (URI art. 12 lid 1 and 13 lid 2 take the household of Pw art. 3 and 4).
- Kostendelende medebewoners (Pw art. 19a, for the kostendelersnorm of URI art. 16 lid 2).
- Pensioengerechtigd: an AOW benefit in force for the debtor or the partner (Pw art. 22).
- Netto inkomen: both partners' net income per month with holiday pay (Leidraad 26.2.11:
  what was paid, or 7% when the polis shows none), before the art. 15 expenses, which the
  toets deducts from the woonlasten and premium given.
- Liquide middelen: per account the latest balance on or before the date, both partners
  (Belastingdienst holds balances on 31 December: a warning names that date).
- Auto's: every vehicle of both partners on the date, valued with
  `shared.rules.voertuigwaarde`.

A figure whose source has no snapshot in force on the date is not derived; the reason
names the source and the date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic.alias_generators import to_camel

from shared.bronnen import inkomen as inkomens
from shared.bronnen.huishouden import HUISHOUDEN_BRONNEN, Huishouden, Records, persoonsgegevens
from shared.models.kwijtschelding import Voertuigwaardering
from shared.models.uitleg import Herkomst
from shared.rules.leeftijd import leeftijd
from shared.rules.parameters import in_force
from shared.rules.periode import op
from shared.rules.voertuigwaarde import METHODE, handelswaarde

LID_BRONNEN = (*HUISHOUDEN_BRONNEN, "uitkeringen", "uwv-polis", "bd-rekeningen", "rdw-voertuigen")
"""What is read of the applicant and the partner."""
NUL = Decimal(0)
VAKANTIEGELD = "vakantiegeld_percentage"
KOSTENDELERSNORM = "kostendelersnorm_minimumleeftijd"
NODIG = {
    "leefsituatie": {"brp-personen", "brp-relaties"},
    "aantal_kostendelende_medebewoners": {"brp-personen"},
    "pensioengerechtigd": {"uitkeringen"},
    "netto_inkomen_maand": {"uitkeringen", "uwv-polis"},
    "liquide_middelen": {"bd-rekeningen"},
    "auto_waarde": {"rdw-voertuigen"},
}
"""Each figure and the sources it is derived from."""


@dataclass
class Afgeleid:
    waarden: dict[str, Any] = field(default_factory=dict)
    herkomst: list[Herkomst] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)
    voertuigen: list[Voertuigwaardering] = field(default_factory=list)
    ontbrekend: dict[str, str] = field(default_factory=dict)
    """Figures that could not be derived, with the reason."""

    def zet(self, naam: str, waarde: Any, bron: str, toelichting: str) -> None:
        self.waarden[naam] = waarde
        self.herkomst.append(
            Herkomst(invoer=to_camel(naam), herkomst="bron", bron=bron, toelichting=toelichting)
        )


def afleiden(
    huishouden: Huishouden,
    personen: Mapping[str, Records],
    gegeven: set[str],
    bekend: set[str],
    bewoners_onbekend: str | None = None,
) -> Afgeleid:
    """The figures not in `gegeven`, for the household derived from the same `personen`;
    only from sources in `bekend` (those with a snapshot in force on the date), and the
    kostendelers only when the persons at the address are known."""
    out = Afgeleid()
    peildatum = huishouden.peildatum
    leden = [personen.get(bsn, {}) for bsn in huishouden.leden]
    if "netto_besteedbaar_inkomen_maand" in gegeven:
        gegeven = gegeven | {"netto_inkomen_maand"}
    for naam, bronnen in NODIG.items():
        zonder = sorted(bronnen - bekend)
        if naam not in gegeven and zonder:
            out.ontbrekend[naam] = (
                f"geen snapshot van {', '.join(zonder)} op {peildatum.isoformat()}"
            )
    if bewoners_onbekend and "aantal_kostendelende_medebewoners" not in gegeven:
        out.ontbrekend["aantal_kostendelende_medebewoners"] = bewoners_onbekend
    if reden := out.ontbrekend.get("aantal_kostendelende_medebewoners"):
        out.waarschuwingen.append(
            f"wie er op het adres wonen is niet bekend ({reden}): getoetst zonder "
            "kostendelende medebewoners; geef aantalKostendelendeMedebewoners op"
        )
    gegeven = gegeven | set(out.ontbrekend)
    if "leefsituatie" not in gegeven:
        out.zet(
            "leefsituatie",
            huishouden.leefsituatie,
            "brp-personen, brp-relaties",
            "echtgenoot en kinderen onder 18 op hetzelfde adres (Participatiewet art. 3 en 4)",
        )
    if "aantal_kostendelende_medebewoners" not in gegeven:
        vanaf = in_force(peildatum, [KOSTENDELERSNORM])[KOSTENDELERSNORM]
        leeftijden = [
            leeftijd(gegevens["geboortedatum"], peildatum)
            for bsn in huishouden.leden
            if (gegevens := persoonsgegevens(personen.get(bsn, {}))) is not None
        ]
        # lid 1: the debtor of 21 or older; lid 3: spouses of whom one is
        jong = bool(leeftijden) and max(leeftijden) < int(vanaf.value)
        if jong and huishouden.kostendelers:
            out.waarschuwingen.append(
                f"de belastingschuldige (en zijn echtgenoot) is jonger dan {vanaf.value}: de "
                f"kostendelersnorm geldt niet ({vanaf.artikel})"
            )
        out.zet(
            "aantal_kostendelende_medebewoners",
            0 if jong else len(huishouden.kostendelers),
            "brp-personen, duo-studiefinanciering, duo-inschrijvingen",
            "kostendelende medebewoners op hetzelfde adres (Participatiewet art. 19a; zie de "
            "lezingen)",
        )
    out.waarschuwingen += huishouden.lezingen
    if "pensioengerechtigd" not in gegeven:
        aow = any(
            r["regeling"] == "AOW" and op(r["begindatum"], r["einddatum"], peildatum)
            for p in leden
            for r in p.get("uitkeringen", [])
        )
        out.zet("pensioengerechtigd", aow, "uitkeringen", "een AOW-uitkering van een van beiden")
    if "netto_inkomen_maand" not in gegeven:
        percentage = in_force(peildatum, [VAKANTIEGELD])[VAKANTIEGELD]
        inkomens_per_lid = [inkomens.afleiden(lid, peildatum) for lid in leden]
        per_lid = [inkomen.met_vakantiegeld(percentage) for inkomen in inkomens_per_lid]
        maanden = ", ".join(sorted({m for i in inkomens_per_lid for m in i.perioden})) or "geen"
        out.zet(
            "netto_inkomen_maand",
            sum((netto for netto, _ in per_lid), NUL),
            "uwv-polis, uitkeringen",
            f"netto per maand van beide partners, loontijdvakken {maanden}, met vakantiegeld "
            "(Leidraad Invordering 2008 art. 26.2.11); zonder andere eenmalige betalingen",
        )
        lezingen = [lezing for i in inkomens_per_lid for lezing in i.lezingen]
        lezingen += [lezing for _, lezing in per_lid if lezing]
        out.waarschuwingen += list(dict.fromkeys(lezingen))
        out.waarschuwingen.append(
            "bijstand van de gemeente zelf staat in geen bron; geef nettoInkomenMaand op als "
            "die er is"
        )
    if "liquide_middelen" not in gegeven:
        _liquide_middelen(out, leden, peildatum)
    if "auto_waarde" not in gegeven:
        _autos(out, leden, peildatum)
    return out


def _liquide_middelen(out: Afgeleid, leden: list[Records], peildatum: date) -> None:
    laatste: dict[str, dict[str, Any]] = {}
    for persoon in leden:
        for r in persoon.get("bd-rekeningen", []):
            if r["peildatum"] <= peildatum and (
                r["iban"] not in laatste or r["peildatum"] > laatste[r["iban"]]["peildatum"]
            ):
                laatste[r["iban"]] = r
    saldo = sum(max(0, r["saldo_cent"]) for r in laatste.values())
    data = sorted({r["peildatum"].isoformat() for r in laatste.values()})
    out.zet(
        "liquide_middelen",
        Decimal(saldo) / 100,
        "bd-rekeningen",
        f"positieve saldi op {', '.join(data) or '-'}, beide partners",
    )
    if data and data[-1] != peildatum.isoformat():
        out.waarschuwingen.append(
            f"de saldi zijn die op {', '.join(data)}, niet op de peildatum: geef "
            "liquideMiddelen op met de saldi op de datum van het verzoek (URI art. 12)"
        )


def _autos(out: Afgeleid, leden: list[Records], peildatum: date) -> None:
    for persoon in leden:
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
    waarden = [v.waarde for v in out.voertuigen]
    out.zet(
        "auto_waarde",
        waarden[0] if waarden else NUL,
        "rdw-voertuigen",
        "de waardevolste auto van beide partners",
    )
    if waarden[1:]:
        out.zet(
            "overige_autos",
            tuple(waarden[1:]),
            "rdw-voertuigen",
            "de andere auto's van beide partners; ze tellen mee als vermogen (URI art. 12 lid 2 c)",
        )
