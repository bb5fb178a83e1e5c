"""The kwijtscheldingstoets for one household: a pure function of its figures and a policy.

URI = Uitvoeringsregeling Invorderingswet 1990 (for gemeente- and waterschapsbelastingen
through art. 27 and 28); RKBM = Regeling kwijtschelding belastingen medeoverheden.

- Kosten van bestaan (URI art. 16, RKBM art. 2 and 3): the policy's percentage (90–100%)
  of the bijstandsnorm for the household, or for pensioners the net AOW where the policy
  chooses it.
- Betalingscapaciteit (URI art. 13): twelve times the positive difference between the
  netto besteedbaar inkomen (after the art. 15 expenses, and after childcare costs where
  the policy deducts them, URI art. 28 lid 3) and the kosten van bestaan.
- Vermogen (URI art. 12): financial means above the kosten van bestaan plus the monthly
  housing costs and health premium (lid 2 d), plus the policy's extra buffer (RKBM art. 4);
  household goods above € 2.269 (lid 2 a); a car above the policy's limit at its full
  value unless absolutely indispensable (lid 2 c); the equity of an owned home (lid 1).
- Kwijtschelding (URI art. 11): what remains of the assessment after the vermogen and at
  least 80% of the betalingscapaciteit are used. Every amount is exact; rounded once, to
  the cent, half up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from shared.rules.afronding import op_centen
from shared.rules.parameters import Waarde, in_force

PARAMETERS = Path(__file__).parent / "parameters"
NUL = Decimal(0)


class Leefsituatie(StrEnum):
    ALLEENSTAANDE = "ALLEENSTAANDE"
    ALLEENSTAANDE_OUDER = "ALLEENSTAANDE_OUDER"
    GEHUWD = "GEHUWD"


class Uitkomst(StrEnum):
    TOEGEKEND = "TOEGEKEND"
    GEDEELTELIJK = "GEDEELTELIJK"
    AFGEWEZEN = "AFGEWEZEN"


class Soort(StrEnum):
    """The kinds of obstacle the report names per household."""

    INKOMEN = "INKOMEN"
    VERMOGEN = "VERMOGEN"
    VOERTUIG = "VOERTUIG"
    ONDERNEMERSCHAP = "ONDERNEMERSCHAP"
    ALIMENTATIE = "ALIMENTATIE"
    HYPOTHEEKSCHULD = "HYPOTHEEKSCHULD"
    BELASTINGSOORT = "BELASTINGSOORT"
    BEZWAAR_OF_BEROEP = "BEZWAAR_OF_BEROEP"


class Autogrens(StrEnum):
    URI = "URI"
    """€ 2.269, URI art. 12 lid 2 c."""
    LEIDRAAD = "LEIDRAAD"
    """€ 3.350, Leidraad Invordering 2008 art. 26.2.3, where the organisation follows it."""


class Pensioennorm(StrEnum):
    BIJSTANDSNORM = "BIJSTANDSNORM"
    NETTO_AOW = "NETTO_AOW"


@dataclass(frozen=True)
class Beleid:
    """An organisation's choices within the law (its kwijtscheldingsverordening)."""

    kosten_van_bestaan_percentage: Decimal = Decimal(90)
    verhoging_vermogensnorm: Decimal = NUL
    """For gehuwden; 90% of it for an alleenstaande ouder, 75% for an alleenstaande."""
    autogrens: Autogrens = Autogrens.URI
    kinderopvang_aftrekbaar: bool = False
    belastingsoorten: frozenset[str] | None = None
    """The tax types that qualify; None: all the organisation levies."""
    pensioennorm: Pensioennorm = Pensioennorm.BIJSTANDSNORM
    ondernemers_prive: bool = False
    """Ondernemers tested as particulieren for their private taxes."""


@dataclass(frozen=True)
class Huishouden:
    peildatum: date
    belastingsoort: str
    aanslagbedrag: Decimal
    leefsituatie: Leefsituatie
    pensioengerechtigd: bool
    netto_besteedbaar_inkomen_maand: Decimal
    """Debtor and partner together, after the URI art. 15 expenses."""
    woonlasten_maand: Decimal = NUL
    zorgpremie_maand: Decimal = NUL
    kinderopvang_maand: Decimal = NUL
    liquide_middelen: Decimal = NUL
    auto_waarde: Decimal = NUL
    auto_onmisbaar: bool = False
    inboedel_waarde: Decimal = NUL
    eigen_woning_waarde: Decimal = NUL
    hypotheekschuld: Decimal = NUL
    alimentatie_ontvangen_maand: Decimal = NUL
    """Part of the income (URI art. 14 lid 1 b); named so the obstacle can say so."""
    ondernemer: bool = False
    belasting_zakelijk: bool = False
    bezwaar_of_beroep_aanhangig: bool = False


@dataclass(frozen=True)
class Belemmering:
    soort: Soort
    omschrijving: str
    artikel: str
    bedrag: Decimal | None = None


@dataclass(frozen=True)
class Resultaat:
    uitkomst: Uitkomst
    kwijtschelding: Decimal
    te_betalen: Decimal
    kosten_van_bestaan: Decimal
    betalingscapaciteit: Decimal
    vermogen: Decimal
    belemmeringen: list[Belemmering]
    parameters: list[Waarde] = field(default_factory=list)


class OngeldigBeleid(ValueError):
    """A policy outside what the law lets an organisation choose."""


def _names(h: Huishouden, beleid: Beleid) -> list[str]:
    gehuwd = h.leefsituatie is Leefsituatie.GEHUWD
    if h.pensioengerechtigd and beleid.pensioennorm is Pensioennorm.NETTO_AOW:
        norm = "netto_aow_gehuwden" if gehuwd else "netto_aow_alleenstaande"
    else:
        norm = ("norm_gehuwden" if gehuwd else "norm_alleenstaande") + (
            "_pensioen" if h.pensioengerechtigd else ""
        )
    return [
        norm,
        "aanwending_betalingscapaciteit",
        "kosten_van_bestaan_minimum",
        "kosten_van_bestaan_maximum",
        "verhoging_vermogensnorm_maximum",
        "inboedel_vrijstelling",
        f"autogrens_{beleid.autogrens.value.lower()}",
    ]


def controleer(beleid: Beleid, p: dict[str, Waarde]) -> None:
    low = p["kosten_van_bestaan_minimum"].value * 100
    high = p["kosten_van_bestaan_maximum"].value * 100
    if not low <= beleid.kosten_van_bestaan_percentage <= high:
        raise OngeldigBeleid(f"kosten van bestaan moet tussen {low:.0f}% en {high:.0f}% liggen")
    maximum = p["verhoging_vermogensnorm_maximum"].value
    if not NUL <= beleid.verhoging_vermogensnorm <= maximum:
        raise OngeldigBeleid(f"de verhoging van de vermogensnorm is ten hoogste € {maximum}")


def _verhoging(beleid: Beleid, leefsituatie: Leefsituatie) -> Decimal:
    share = {
        Leefsituatie.GEHUWD: Decimal(1),
        Leefsituatie.ALLEENSTAANDE_OUDER: Decimal("0.90"),
        Leefsituatie.ALLEENSTAANDE: Decimal("0.75"),
    }[leefsituatie]
    return beleid.verhoging_vermogensnorm * share


def _afgewezen(h: Huishouden, reden: Belemmering, p: dict[str, Waarde]) -> Resultaat:
    return Resultaat(
        Uitkomst.AFGEWEZEN, NUL, h.aanslagbedrag, NUL, NUL, NUL, [reden], list(p.values())
    )


def toets(h: Huishouden, beleid: Beleid) -> Resultaat:
    """Raises `MissingParameters` for a date whose amounts are not known, `OngeldigBeleid`
    for a policy the law does not allow."""
    p = in_force(PARAMETERS, h.peildatum, _names(h, beleid))
    controleer(beleid, p)
    if beleid.belastingsoorten is not None and h.belastingsoort not in beleid.belastingsoorten:
        return _afgewezen(
            h,
            Belemmering(
                Soort.BELASTINGSOORT,
                f"voor {h.belastingsoort} kent de organisatie geen kwijtschelding",
                "Invorderingswet 1990 art. 26 jo. de verordening",
            ),
            p,
        )
    if h.bezwaar_of_beroep_aanhangig:
        return _afgewezen(
            h,
            Belemmering(
                Soort.BEZWAAR_OF_BEROEP,
                "tegen de aanslag loopt bezwaar of beroep",
                "Leidraad Invordering 2008 art. 26.1.9",
            ),
            p,
        )
    if h.ondernemer and (h.belasting_zakelijk or not beleid.ondernemers_prive):
        return _afgewezen(
            h,
            Belemmering(
                Soort.ONDERNEMERSCHAP,
                "voor een ondernemer alleen via een saneringsakkoord"
                + ("" if beleid.ondernemers_prive else "; de verordening breidt niet uit"),
                "URI art. 28; Leidraad Invordering 2008 art. 26.3.1",
            ),
            p,
        )
    norm = next(p[n] for n in p if n.startswith(("norm_", "netto_aow_")))
    kosten = op_centen(norm.value * beleid.kosten_van_bestaan_percentage / 100)
    inkomen = h.netto_besteedbaar_inkomen_maand - (
        h.kinderopvang_maand if beleid.kinderopvang_aftrekbaar else NUL
    )
    capaciteit = max(NUL, 12 * (inkomen - kosten))
    aangewend = op_centen(capaciteit * p["aanwending_betalingscapaciteit"].value)

    vrij = kosten + h.woonlasten_maand + h.zorgpremie_maand + _verhoging(beleid, h.leefsituatie)
    liquide = max(NUL, h.liquide_middelen - vrij)
    inboedel = max(NUL, h.inboedel_waarde - p["inboedel_vrijstelling"].value)
    grens = p[f"autogrens_{beleid.autogrens.value.lower()}"]
    auto = h.auto_waarde if h.auto_waarde > grens.value and not h.auto_onmisbaar else NUL
    woning = max(NUL, h.eigen_woning_waarde - h.hypotheekschuld)
    vermogen = liquide + inboedel + auto + woning

    kwijtschelding = max(NUL, min(h.aanslagbedrag, h.aanslagbedrag - vermogen - aangewend))
    belemmeringen = _belemmeringen(h, aangewend, liquide + inboedel, auto, woning, grens)
    if kwijtschelding == h.aanslagbedrag:
        uitkomst = Uitkomst.TOEGEKEND
    elif kwijtschelding > 0:
        uitkomst = Uitkomst.GEDEELTELIJK
    else:
        uitkomst = Uitkomst.AFGEWEZEN
    return Resultaat(
        uitkomst=uitkomst,
        kwijtschelding=kwijtschelding,
        te_betalen=h.aanslagbedrag - kwijtschelding,
        kosten_van_bestaan=kosten,
        betalingscapaciteit=capaciteit,
        vermogen=vermogen,
        belemmeringen=belemmeringen,
        parameters=list(p.values()),
    )


def _belemmeringen(
    h: Huishouden,
    aangewend: Decimal,
    middelen: Decimal,
    auto: Decimal,
    woning: Decimal,
    grens: Waarde,
) -> list[Belemmering]:
    found = []
    if aangewend > 0:
        found.append(
            Belemmering(
                Soort.INKOMEN,
                "het inkomen ligt boven de kosten van bestaan",
                "URI art. 11, 13 en 16",
                aangewend,
            )
        )
        if h.alimentatie_ontvangen_maand > 0:
            found.append(
                Belemmering(
                    Soort.ALIMENTATIE,
                    "ontvangen alimentatie telt als inkomen",
                    "URI art. 14 lid 1 onder b",
                    h.alimentatie_ontvangen_maand,
                )
            )
    if middelen > 0:
        found.append(
            Belemmering(
                Soort.VERMOGEN,
                "financiële middelen of inboedel boven de vrijstelling",
                "URI art. 12 lid 2 onder a en d; RKBM art. 4",
                middelen,
            )
        )
    if auto > 0:
        found.append(
            Belemmering(
                Soort.VOERTUIG,
                f"een auto met een waarde boven € {grens.value} telt geheel als vermogen",
                grens.artikel,
                auto,
            )
        )
    if woning > 0:
        found.append(
            Belemmering(
                Soort.HYPOTHEEKSCHULD,
                "de eigen woning is meer waard dan de hypotheekschuld",
                "URI art. 12 lid 1",
                woning,
            )
        )
    return found
