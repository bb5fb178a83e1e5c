"""The kwijtscheldingstoets for one household: a pure function of its figures and a policy.

URI = Uitvoeringsregeling Invorderingswet 1990 (for gemeente- and waterschapsbelastingen
through art. 27 and 28); RKBM = Regeling kwijtschelding belastingen medeoverheden.

- Kosten van bestaan (URI art. 16, RKBM art. 2 and 3): the policy's percentage (90–100%)
  of the bijstandsnorm for the household, or for pensioners the net AOW where the policy
  chooses it. With kostendelende medebewoners the norm is the kostendelersnorm of Pw
  art. 22a: (40% + A × 30%) / A × B per person, A the number of kostendelers plus the
  debtor and his spouse, B the gehuwdennorm (or twice the net AOW of a spouse, RKBM art. 3
  lid 2 b); spouses together have twice that. The harvested URI art. 16 predates this
  structure; RKBM art. 3 lid 2 b (which names "artikel 16, tweede lid, onderdelen b en d"
  and "factor B, genoemd in artikel 22a") shows the text in force applies it:
  https://wetten.overheid.nl/BWBR0004766 (current text, art. 16 lid 2).
- Netto besteedbaar inkomen (URI art. 14 and 15): the net income minus the art. 15
  expenses: the netto-woonlasten (rent or mortgage interest minus huurtoeslag) up to the
  maximale huurgrens, insofar above the minimum basishuur that huurtoeslag leaves to the
  tenant (lid b: "het bedrag genoemd in artikel 17, tweede lid" of the former
  Huursubsidiewet, today Wet op de huurtoeslag art. 17); and the health premium insofar
  above what the maximum zorgtoeslag covers, the standaardpremie minus the normpremie
  (lid c; Leidraad Invordering 2008 art. 26.2.19). An NBI the organisation gives is taken
  as already after these expenses.
- Betalingscapaciteit (URI art. 13): twelve times the positive difference between the
  netto besteedbaar inkomen (after childcare costs where the policy deducts them, URI
  art. 28 lid 3) and the kosten van bestaan.
- Vermogen (URI art. 12): financial means above the kosten van bestaan plus the monthly
  art. 15 b and c amounts (lid 2 d), plus the policy's extra buffer (RKBM art. 4);
  household goods above € 2.269 (lid 2 a); every car at its full value except one exempt
  car: the indispensable one, or one whose value is within the policy's limit (lid 2 c);
  the equity of an owned home (lid 1).
- Kwijtschelding (URI art. 11): what remains of the assessments after the vermogen and at
  least 80% of the betalingscapaciteit are used, once for all assessments of the request
  together. The remission is divided over the assessments in proportion to their amounts:
  the law sets no order, and a proportional share does not depend on the order in which
  they are listed. Every amount is exact; rounded once, to the cent, half up (the last
  assessment takes the rounding difference, so the shares add up to the total).
- Other repayments above € 136 a month (URI art. 17): kwijtschelding only in very special
  circumstances, which the organisation judges: the toets refuses and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from shared.bronnen.huishouden import Leefsituatie
from shared.rules.afronding import op_centen
from shared.rules.parameters import Parametersets, Waarde, in_force

NUL = Decimal(0)


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
    AFLOSSINGEN = "AFLOSSINGEN"


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

    kosten_van_bestaan_percentage: Decimal | None = None
    """90 to 100 (RKBM art. 2); None: the URI art. 16 percentage, `kosten_van_bestaan_standaard`."""
    verhoging_vermogensnorm: Decimal = NUL
    """For gehuwden; for an alleenstaande ouder and an alleenstaande the shares of RKBM art. 4
    (`verhoging_vermogensnorm_aandeel_*`)."""
    autogrens: Autogrens = Autogrens.URI
    kinderopvang_aftrekbaar: bool = False
    belastingsoorten: frozenset[str] | None = None
    """The tax types that qualify; None: all the organisation levies."""
    pensioennorm: Pensioennorm = Pensioennorm.BIJSTANDSNORM
    ondernemers_prive: bool = False
    """Ondernemers tested as particulieren for their private taxes."""


@dataclass(frozen=True)
class Aanslag:
    belastingsoort: str
    bedrag: Decimal


@dataclass(frozen=True)
class Huishouden:
    """One request: one assessment (`belastingsoort`, `aanslagbedrag`) or several
    (`aanslagen`; then `belastingsoort` and `aanslagbedrag` are their names and total)."""

    peildatum: date
    leefsituatie: Leefsituatie
    pensioengerechtigd: bool
    belastingsoort: str = ""
    aanslagbedrag: Decimal = NUL
    aanslagen: tuple[Aanslag, ...] = ()
    netto_besteedbaar_inkomen_maand: Decimal | None = None
    """Debtor and partner together, after the URI art. 15 expenses, as given."""
    netto_inkomen_maand: Decimal | None = None
    """Debtor and partner together, before the art. 15 expenses (from the sources)."""
    aantal_kostendelende_medebewoners: int = 0
    woonlasten_maand: Decimal = NUL
    """Netto-woonlasten: rent or mortgage interest minus the huurtoeslag received."""
    zorgpremie_maand: Decimal = NUL
    kinderopvang_maand: Decimal = NUL
    aflossingen_maand: Decimal = NUL
    """Repayments on other debts than those in the betalingscapaciteit (URI art. 17)."""
    liquide_middelen: Decimal = NUL
    auto_waarde: Decimal = NUL
    overige_autos: tuple[Decimal, ...] = ()
    """The values of further cars of the household."""
    auto_onmisbaar: bool = False
    inboedel_waarde: Decimal = NUL
    eigen_woning_waarde: Decimal = NUL
    hypotheekschuld: Decimal = NUL
    alimentatie_ontvangen_maand: Decimal = NUL
    """Part of the income (URI art. 14 lid 1 b); named so the obstacle can say so."""
    ondernemer: bool = False
    belasting_zakelijk: bool = False
    bezwaar_of_beroep_aanhangig: bool = False

    def __post_init__(self) -> None:
        if self.aanslagen:
            soorten = ", ".join(a.belastingsoort for a in self.aanslagen)
            object.__setattr__(self, "belastingsoort", soorten)
            object.__setattr__(self, "aanslagbedrag", sum((a.bedrag for a in self.aanslagen), NUL))
        if (self.netto_besteedbaar_inkomen_maand is None) == (self.netto_inkomen_maand is None):
            raise ValueError("geef netto_besteedbaar_inkomen_maand of netto_inkomen_maand")

    @property
    def alle_aanslagen(self) -> tuple[Aanslag, ...]:
        return self.aanslagen or (Aanslag(self.belastingsoort, self.aanslagbedrag),)


@dataclass(frozen=True)
class Belemmering:
    soort: Soort
    omschrijving: str
    artikel: str
    bedrag: Decimal | None = None


@dataclass(frozen=True)
class AanslagUitkomst:
    belastingsoort: str
    aanslagbedrag: Decimal
    kwijtschelding: Decimal
    te_betalen: Decimal


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
    aanslagen: list[AanslagUitkomst] = field(default_factory=list)
    netto_besteedbaar_inkomen: Decimal = NUL
    woonlasten_aftrek: Decimal = NUL
    zorgpremie_aftrek: Decimal = NUL
    lezingen: list[str] = field(default_factory=list)
    """The readings the outcome depends on, with their article."""


class OngeldigBeleid(ValueError):
    """A policy outside what the law lets an organisation choose."""


def _norm_name(h: Huishouden, beleid: Beleid, *, gehuwd: bool) -> str:
    if h.pensioengerechtigd and beleid.pensioennorm is Pensioennorm.NETTO_AOW:
        return "netto_aow_gehuwden" if gehuwd else "netto_aow_alleenstaande"
    return ("norm_gehuwden" if gehuwd else "norm_alleenstaande") + (
        "_pensioen" if h.pensioengerechtigd else ""
    )


VERHOGING_AANDEEL = {
    Leefsituatie.ALLEENSTAANDE_OUDER: "verhoging_vermogensnorm_aandeel_alleenstaande_ouder",
    Leefsituatie.ALLEENSTAANDE: "verhoging_vermogensnorm_aandeel_alleenstaande",
}
"""RKBM art. 4 onder b and c; gehuwden have the verhoging itself (onder a)."""


def _names(h: Huishouden, beleid: Beleid) -> list[str]:
    gehuwd = h.leefsituatie is Leefsituatie.GEHUWD
    kostendelers = (
        [
            _norm_name(h, beleid, gehuwd=True),
            "kostendelersnorm_basis",
            "kostendelersnorm_per_persoon",
        ]
        if h.aantal_kostendelende_medebewoners
        else []
    )
    return [
        _norm_name(h, beleid, gehuwd=gehuwd),
        *kostendelers,
        "aflossingsgrens",
        "aanwending_betalingscapaciteit",
        "kosten_van_bestaan_minimum",
        "kosten_van_bestaan_maximum",
        "verhoging_vermogensnorm_maximum",
        *([VERHOGING_AANDEEL[h.leefsituatie]] if h.leefsituatie in VERHOGING_AANDEEL else []),
        *(["kosten_van_bestaan_standaard"] if beleid.kosten_van_bestaan_percentage is None else []),
        "inboedel_vrijstelling",
        f"autogrens_{beleid.autogrens.value.lower()}",
    ]


def _percentage(beleid: Beleid, p: dict[str, Waarde]) -> Decimal:
    """The policy's kosten van bestaan percentage, or the URI art. 16 one where it sets none."""
    if beleid.kosten_van_bestaan_percentage is not None:
        return beleid.kosten_van_bestaan_percentage
    return p["kosten_van_bestaan_standaard"].value * 100


GRENZEN = [
    "kosten_van_bestaan_minimum",
    "kosten_van_bestaan_maximum",
    "verhoging_vermogensnorm_maximum",
]
"""What the law lets a policy choose (`controleer`)."""


def controleer(beleid: Beleid, p: dict[str, Waarde]) -> None:
    low = p["kosten_van_bestaan_minimum"].value * 100
    high = p["kosten_van_bestaan_maximum"].value * 100
    if not low <= _percentage(beleid, p) <= high:
        raise OngeldigBeleid(f"kosten van bestaan moet tussen {low:.0f}% en {high:.0f}% liggen")
    maximum = p["verhoging_vermogensnorm_maximum"].value
    if not NUL <= beleid.verhoging_vermogensnorm <= maximum:
        raise OngeldigBeleid(f"de verhoging van de vermogensnorm is ten hoogste € {maximum}")


def _verhoging(beleid: Beleid, leefsituatie: Leefsituatie, p: dict[str, Waarde]) -> Decimal:
    naam = VERHOGING_AANDEEL.get(leefsituatie)
    return beleid.verhoging_vermogensnorm * (p[naam].value if naam else 1)


def _afgewezen(h: Huishouden, reden: Belemmering, p: dict[str, Waarde]) -> Resultaat:
    return Resultaat(
        Uitkomst.AFGEWEZEN,
        NUL,
        h.aanslagbedrag,
        NUL,
        NUL,
        NUL,
        [reden],
        list(p.values()),
        [AanslagUitkomst(a.belastingsoort, a.bedrag, NUL, a.bedrag) for a in h.alle_aanslagen],
    )


def _kosten_van_bestaan(h: Huishouden, beleid: Beleid, p: dict[str, Waarde]) -> Decimal:
    gehuwd = h.leefsituatie is Leefsituatie.GEHUWD
    norm = p[_norm_name(h, beleid, gehuwd=gehuwd)].value
    if h.aantal_kostendelende_medebewoners:
        personen = 2 if gehuwd else 1  # not statutory: the debtor and his spouse, in A
        a = h.aantal_kostendelende_medebewoners + personen
        b = p[_norm_name(h, beleid, gehuwd=True)].value
        basis, per = p["kostendelersnorm_basis"].value, p["kostendelersnorm_per_persoon"].value
        norm = (basis + a * per) / a * b * personen  # Pw 22a lid 2: both spouses' norms
    return op_centen(norm * _percentage(beleid, p) / 100)


def kosten_van_bestaan_alleenstaande(
    beleid: Beleid, peildatum: date, sets: Parametersets | None = None
) -> Decimal:
    """The monthly kosten van bestaan of an alleenstaande under the AOW age under the
    policy (URI art. 16, RKBM art. 2): how a new set moves a policy, before it is approved.
    `OngeldigBeleid` when the set no longer allows the policy."""
    p = in_force(peildatum, ["norm_alleenstaande", *GRENZEN, "kosten_van_bestaan_standaard"], sets)
    controleer(beleid, p)
    return op_centen(p["norm_alleenstaande"].value * _percentage(beleid, p) / 100)


def _uitgaven_art15(h: Huishouden, p: dict[str, Waarde]) -> tuple[Decimal, Decimal]:
    """The woonlasten and the health premium insofar URI art. 15 b and c deduct them."""
    eenpersoons = (
        h.leefsituatie is Leefsituatie.ALLEENSTAANDE and not h.aantal_kostendelende_medebewoners
    )
    basishuur = p["basishuur_eenpersoons" if eenpersoons else "basishuur_meerpersoons"].value
    woonlasten = op_centen(
        max(NUL, min(h.woonlasten_maand, p["maximale_huurgrens"].value) - basishuur)
    )
    gehuwd = h.leefsituatie is Leefsituatie.GEHUWD
    normpremie = p["normpremie_gehuwden" if gehuwd else "normpremie_alleenstaande"].value
    # Wet op de zorgtoeslag art. 2 lid 1: with a toeslagpartner "het dubbele van de
    # standaardpremie" (gehuwd read as having a toeslagpartner, as the BVV reads it)
    dubbel = p["standaardpremie_factor_toeslagpartner"].value if gehuwd else 1
    gedekt = p["standaardpremie"].value / 12 * dubbel - normpremie
    return woonlasten, op_centen(max(NUL, h.zorgpremie_maand - gedekt))


LEZING_WOONLASTEN = (
    "URI art. 15 onder b gelezen als: de woonlasten boven de minimum basishuur van de "
    "huurtoeslag (wat de huurder na huurtoeslag ten minste zelf draagt), niet boven de hogere "
    "normhuur van Wet op de huurtoeslag art. 17 lid 2 waar de tekst naar verwijst: de keuze die "
    "de belastingschuldige het minst laat dragen"
)
LEZING_ZORGPREMIE = (
    "URI art. 15 onder c gelezen als: de premie boven wat de maximale zorgtoeslag dekt "
    "(standaardpremie/12 min de normpremie van Leidraad 26.2.19); ontvangt het huishouden "
    "geen of minder zorgtoeslag, geef dan de premie min de ontvangen zorgtoeslag op"
)


def _verdeel(aanslagen: list[Aanslag], totaal: Decimal) -> list[Decimal]:
    """The remission per assessment, in proportion to the amounts, adding up to `totaal`."""
    som = sum((a.bedrag for a in aanslagen), NUL)
    delen = [op_centen(totaal * a.bedrag / som) for a in aanslagen[:-1]]
    return [*delen, totaal - sum(delen, NUL)] if aanslagen else []


TOESLAGEN = [
    "basishuur_eenpersoons",
    "basishuur_meerpersoons",
    "maximale_huurgrens",
    "standaardpremie",
    "standaardpremie_factor_toeslagpartner",
    "normpremie_alleenstaande",
    "normpremie_gehuwden",
]
"""Huurtoeslag and zorgtoeslag amounts, kept once in the beslagvrije-voet set."""


def toets(h: Huishouden, beleid: Beleid, sets: Parametersets | None = None) -> Resultaat:
    """Raises `MissingParameters` for a date whose amounts are not known, `OngeldigBeleid`
    for a policy the law does not allow."""
    p = in_force(h.peildatum, [*_names(h, beleid), *TOESLAGEN], sets)
    controleer(beleid, p)
    belemmeringen: list[Belemmering] = []
    getoetst = [
        a
        for a in h.alle_aanslagen
        if beleid.belastingsoorten is None or a.belastingsoort in beleid.belastingsoorten
    ]
    for a in h.alle_aanslagen:
        if a not in getoetst:
            belemmeringen.append(
                Belemmering(
                    Soort.BELASTINGSOORT,
                    f"voor {a.belastingsoort} kent de organisatie geen kwijtschelding",
                    "Invorderingswet 1990 art. 26 jo. de verordening",
                )
            )
    if not getoetst:
        return replace(_afgewezen(h, belemmeringen[0], p), belemmeringen=belemmeringen)
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
    kosten = _kosten_van_bestaan(h, beleid, p)
    woonlasten, zorgpremie = _uitgaven_art15(h, p)
    besteedbaar = (
        h.netto_besteedbaar_inkomen_maand
        if h.netto_besteedbaar_inkomen_maand is not None
        else (h.netto_inkomen_maand or NUL) - woonlasten - zorgpremie
    )
    inkomen = besteedbaar - (h.kinderopvang_maand if beleid.kinderopvang_aftrekbaar else NUL)
    capaciteit = max(NUL, 12 * (inkomen - kosten))
    aangewend = op_centen(capaciteit * p["aanwending_betalingscapaciteit"].value)

    vrij = kosten + woonlasten + zorgpremie + _verhoging(beleid, h.leefsituatie, p)
    liquide = max(NUL, h.liquide_middelen - vrij)
    inboedel = max(NUL, h.inboedel_waarde - p["inboedel_vrijstelling"].value)
    grens = p[f"autogrens_{beleid.autogrens.value.lower()}"]
    auto = _autos(h, grens.value)
    woning = max(NUL, h.eigen_woning_waarde - h.hypotheekschuld)
    vermogen = liquide + inboedel + auto + woning

    te_toetsen = sum((a.bedrag for a in getoetst), NUL)
    totaal = max(NUL, min(te_toetsen, te_toetsen - vermogen - aangewend))
    aflossingen = p["aflossingsgrens"]
    if totaal > 0 and h.aflossingen_maand > aflossingen.value:
        totaal = NUL
        belemmeringen.append(
            Belemmering(
                Soort.AFLOSSINGEN,
                f"aflossingen op andere schulden boven € {aflossingen.value} per maand: "
                "kwijtschelding alleen in zeer bijzondere omstandigheden, ter beoordeling "
                "van de organisatie",
                aflossingen.artikel,
                h.aflossingen_maand,
            )
        )
    delen = iter(_verdeel(getoetst, totaal))
    per_aanslag = []
    for a in h.alle_aanslagen:
        deel = next(delen) if a in getoetst else NUL
        per_aanslag.append(AanslagUitkomst(a.belastingsoort, a.bedrag, deel, a.bedrag - deel))
    belemmeringen += _belemmeringen(h, aangewend, liquide + inboedel, auto, woning, grens)
    if totaal == h.aanslagbedrag:
        uitkomst = Uitkomst.TOEGEKEND
    elif totaal > 0:
        uitkomst = Uitkomst.GEDEELTELIJK
    else:
        uitkomst = Uitkomst.AFGEWEZEN
    return Resultaat(
        uitkomst=uitkomst,
        kwijtschelding=totaal,
        te_betalen=h.aanslagbedrag - totaal,
        kosten_van_bestaan=kosten,
        betalingscapaciteit=capaciteit,
        vermogen=vermogen,
        belemmeringen=belemmeringen,
        parameters=list(p.values()),
        aanslagen=per_aanslag,
        netto_besteedbaar_inkomen=besteedbaar,
        woonlasten_aftrek=woonlasten,
        zorgpremie_aftrek=zorgpremie,
        lezingen=[
            *([LEZING_WOONLASTEN] if h.woonlasten_maand > 0 else []),
            *([LEZING_ZORGPREMIE] if h.zorgpremie_maand > 0 else []),
        ],
    )


def _autos(h: Huishouden, grens: Decimal) -> Decimal:
    """Every car counts at its full value except one: the indispensable one, else the most
    valuable one within the limit (URI art. 12 lid 2 c)."""
    waarden = sorted((v for v in (h.auto_waarde, *h.overige_autos) if v > 0), reverse=True)
    if not waarden:
        return NUL
    vrijgesteld = waarden[0] if h.auto_onmisbaar else next((v for v in waarden if v <= grens), NUL)
    return sum(waarden, NUL) - vrijgesteld


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
