"""The individuele inkomenstoeslag (Participatiewet art. 36): the toets of one person on a
peildatum, a pure function of the household's monthly net income, its vermogen and the
gemeente's verordening.

The law: on application, a person of 21 or older and younger than the pensioengerechtigde
leeftijd who has had a low income for a long time, no vermogen to take into account (art.
34) and no prospect of a better income may receive it (lid 1); not when one was granted in
the 12 months right before the application (lid 3). The gemeenteraad sets by verordening
what "langdurig" and "laag inkomen" mean and the amounts (art. 8 lid 1 b): the policy.

Readings (an answer names those that depend on its case):
- The referteperiode is the policy's number of whole calendar months before the month of
  the peildatum (the bureau's IIT service looks back from peildatum − 3 years; the month of
  the peildatum itself is not over yet).
- The income is the household's net income (art. 32) plus the algemene bijstand: a month in
  which bijstand ran counts at least the norm (art. 19 lid 2). How each month's income is
  read from the sources is `shared.bronnen.inkomenshistorie`.
- The peildatum is the date of the application: the referteperiode, the ages and lid 3
  count from it (a verordening that anchors the period elsewhere, such as 1 January, is not
  supported).
- The norm of a month is the bijstandsnorm (art. 21) in force on its first day for the
  household of that month: gehuwden when a partner was part of it (art. 22 c when the
  partner had the AOW age), otherwise alleenstaande (ouder). The youth norms of art. 20 and
  the kostendelersnorm of art. 22a are not applied to earlier months. Excluding
  vakantietoeslag it is that norm less its art. 19 lid 3 share, rounded to the cent;
  including it, the income counts the holiday pay accrued in the month too.
- "Laag" is "niet hoger dan" the limit: an income equal to the policy's percentage of the
  norm is low (a verordening that says "lager dan" is not supported). "Elke maand" needs
  every month at or below the limit; "gemiddeld" compares the sum of the months' income
  with the sum of their limits (the average percentage is shown, rounded, never compared).
- A month whose income or norm is not known is incomplete. With "elke maand" one complete
  month above the limit decides (voldoet niet); otherwise an incomplete month leaves the
  outcome open (onvolledig), as it does with "gemiddeld".
- Vermogen (art. 34 lid 1 and 3): bezittingen minus schulden against the vermogensgrens of
  the household on the peildatum; equal to the grens is not above it. The bezittingen given
  exclude what art. 34 lid 2 leaves out. Without a vermogenstoets in the verordening the
  answer says the vermogen was not tested.
- The pensioengerechtigde leeftijd is the one of the year it is reached; where last year's
  is not in the parameters (before 2022), it is taken as not reached in that year.
- The previous IIT counts when granted on or after the same day twelve months before the
  peildatum (the application date).
- Whether there is a prospect of a better income, and the person's capacities and efforts
  (lid 1 and 2), are the college's judgement: never part of this toets, always named in it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from shared.bronnen.huishouden import Leefsituatie
from shared.bronnen.inkomenshistorie import Maandinkomen
from shared.rules.afronding import op_centen
from shared.rules.leeftijd import leeftijd
from shared.rules.parameters import MissingParameters, Parametersets, Waarde, in_force

NUL = Decimal(0)
HONDERD = Decimal(100)
PROCENT = Decimal("0.01")  # not statutory: a percentage is shown to two decimals
BEOORDELING_COLLEGE = (
    "geen uitzicht op inkomensverbetering, de krachten en bekwaamheden en de inspanningen "
    "(art. 36 lid 1 en 2) beoordeelt het college; deze toets doet dat niet"
)


class Aggregatie(StrEnum):
    ELKE_MAAND = "ELKE_MAAND"
    GEMIDDELD = "GEMIDDELD"


class Uitkomst(StrEnum):
    VOLDOET = "VOLDOET"
    VOLDOET_NIET = "VOLDOET_NIET"
    ONVOLLEDIG = "ONVOLLEDIG"


class Vergelijking(StrEnum):
    ONDER = "ONDER"
    BOVEN = "BOVEN"
    ONBEKEND = "ONBEKEND"


@dataclass(frozen=True)
class Beleid:
    """The gemeente's verordening (art. 8 lid 1 b)."""

    percentage: int
    aggregatie: Aggregatie
    referteperiode_maanden: int
    met_vakantietoeslag: bool
    vermogenstoets: bool
    bedragen: Mapping[Leefsituatie, Decimal]
    """The toeslag per year for each leefsituatie."""


@dataclass(frozen=True)
class Vermogen:
    bezittingen: Decimal
    schulden: Decimal


@dataclass(frozen=True)
class Maanduitkomst:
    maand: str
    netto_inkomen: Decimal | None
    norm: Decimal | None
    toetsingsnorm: Decimal | None
    netto_inkomen_procentueel: Decimal | None
    vergelijking: Vergelijking
    volledig: bool
    reden: str | None


@dataclass(frozen=True)
class Vermogenstoets:
    netto_vermogen: Decimal
    grens: Decimal
    procentueel: Decimal
    vergelijking: Vergelijking


@dataclass(frozen=True)
class Toets:
    uitkomst: Uitkomst
    redenen: list[str]
    maanden: list[Maanduitkomst]
    gemiddeld_procentueel: Decimal | None
    vermogen: Vermogenstoets | None
    bedrag: Decimal | None
    """The toeslag per year when the toets is met."""
    lezingen: list[str] = field(default_factory=list)
    parameters: list[Waarde] = field(default_factory=list)
    """Every parameter the toets used, once."""


def maanden_voor(peildatum: date, aantal: int) -> list[str]:
    """The `aantal` whole calendar months before the peildatum's month, oldest first.

    >>> maanden_voor(date(2025, 6, 1), 3)
    ['2025-03', '2025-04', '2025-05']
    """
    index = peildatum.year * 12 + peildatum.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - aantal, index)]


def pensioengerechtigd(
    geboortedatum: date, peildatum: date, sets: Parametersets | None = None
) -> bool:
    """Whether the person has reached the pensioengerechtigde leeftijd on the date. The
    leeftijd is set per calendar year (AOW art. 7a) for those who reach it in that year
    and never goes down: reached when this year's leeftijd is, or when last year's was
    reached before this year began."""

    def bereikt_met(jaar: int) -> date:
        waarde = in_force(date(jaar, 1, 1), ["pensioengerechtigde_leeftijd"], sets)
        maanden = geboortedatum.month - 1 + int(waarde["pensioengerechtigde_leeftijd"].value)
        jaar_bereikt = geboortedatum.year + maanden // 12
        return _dag_in_maand(jaar_bereikt, maanden % 12 + 1, geboortedatum.day)

    jaar = peildatum.year
    if bereikt_met(jaar) <= peildatum:
        return True
    try:
        return bereikt_met(jaar - 1) < date(jaar, 1, 1)
    except MissingParameters:  # last year's age is not in the parameters: not reached then
        return False


def _dag_in_maand(jaar: int, maand: int, dag: int) -> date:
    """The day in that month, or its last day (29 February in a year without one)."""
    while True:
        try:
            return date(jaar, maand, dag)
        except ValueError:
            dag -= 1


Gebruikt = dict[tuple[str, date], Waarde]


def _gebruik(gebruikt: Gebruikt, waarden: dict[str, Waarde]) -> dict[str, Waarde]:
    gebruikt.update({(w.naam, w.ingang): w for w in waarden.values()})
    return waarden


def _norm(
    maand: str,
    gehuwd: bool,
    partner_pensioengerechtigd: bool,
    beleid: Beleid,
    sets: Parametersets | None,
    gebruikt: Gebruikt,
) -> Decimal:
    naam = "norm_gehuwden" if gehuwd else "norm_alleenstaande"
    if gehuwd and partner_pensioengerechtigd:
        naam = "norm_gehuwden_pensioen"  # art. 22 c: one spouse has the AOW age
    dag = date.fromisoformat(f"{maand}-01")
    p = _gebruik(gebruikt, in_force(dag, [naam, "vakantietoeslag_aandeel"], sets))
    norm = p[naam].value
    if beleid.met_vakantietoeslag:
        return norm
    return op_centen(norm * (1 - p["vakantietoeslag_aandeel"].value))


def _maand(
    inkomen: Maandinkomen, beleid: Beleid, sets: Parametersets | None, gebruikt: Gebruikt
) -> Maanduitkomst:
    try:
        norm: Decimal | None = _norm(
            inkomen.maand,
            inkomen.gehuwd,
            inkomen.partner_pensioengerechtigd,
            beleid,
            sets,
            gebruikt,
        )
        reden = inkomen.reden
    except MissingParameters as missing:
        waarom = "; ".join(f"{naam}: {reden}" for naam, reden in missing.missing)
        norm, reden = None, f"geen bijstandsnorm bekend op {missing.peildatum} ({waarom})"
    netto = inkomen.netto
    if netto is not None and beleid.met_vakantietoeslag:
        netto += inkomen.vakantiegeld
    if netto is not None and norm is not None and inkomen.bijstand:
        netto = max(netto, norm)  # art. 19 lid 2: the bijstand makes up the difference
    if norm is None or netto is None:
        return Maanduitkomst(
            inkomen.maand, netto, norm, None, None, Vergelijking.ONBEKEND, False, reden
        )
    grens = op_centen(norm * beleid.percentage / HONDERD)
    procentueel = (netto / norm * HONDERD).quantize(PROCENT)
    vergelijking = Vergelijking.ONDER if netto <= grens else Vergelijking.BOVEN
    return Maanduitkomst(inkomen.maand, netto, norm, grens, procentueel, vergelijking, True, reden)


def _vermogenstoets(
    vermogen: Vermogen,
    leefsituatie: Leefsituatie,
    peildatum: date,
    sets: Parametersets | None,
    gebruikt: Gebruikt,
) -> Vermogenstoets:
    naam = (
        "vermogensgrens_alleenstaande"
        if leefsituatie is Leefsituatie.ALLEENSTAANDE
        else "vermogensgrens_gezin"
    )
    grens = _gebruik(gebruikt, in_force(peildatum, [naam], sets))[naam].value
    netto = vermogen.bezittingen - vermogen.schulden
    return Vermogenstoets(
        netto_vermogen=netto,
        grens=grens,
        procentueel=(netto / grens * HONDERD).quantize(PROCENT),
        vergelijking=Vergelijking.ONDER if netto <= grens else Vergelijking.BOVEN,
    )


def _eerder_verleend(vorige: date | None, peildatum: date, maanden: int) -> bool:
    if vorige is None or vorige > peildatum:
        return False
    index = peildatum.year * 12 + peildatum.month - 1 - maanden
    grens = _dag_in_maand(index // 12, index % 12 + 1, peildatum.day)
    return vorige >= grens


def _lezingen(beleid: Beleid, leefsituatie: Leefsituatie) -> list[str]:
    lezingen = []
    if not beleid.vermogenstoets:
        lezingen.append(
            "het vermogen is niet getoetst (de verordening toetst het niet); art. 36 lid 1 "
            "vraagt geen in aanmerking te nemen vermogen: dat beoordeelt het college"
        )
    if leefsituatie not in beleid.bedragen:
        lezingen.append(f"de verordening noemt geen bedrag voor {leefsituatie.value.lower()}")
    return lezingen


def toets(
    peildatum: date,
    geboortedatum: date,
    leefsituatie: Leefsituatie,
    inkomens: Sequence[Maandinkomen],
    beleid: Beleid,
    *,
    vermogen: Vermogen | None = None,
    vorige_toeslag: date | None = None,
    sets: Parametersets | None = None,
) -> Toets:
    """The toets; `inkomens` holds the months of the referteperiode (a month missing from it
    is a month without known income)."""
    redenen: list[str] = []
    gebruikt: Gebruikt = {}
    p = _gebruik(
        gebruikt, in_force(peildatum, ["iit_minimumleeftijd", "iit_uitsluiting_maanden"], sets)
    )
    minimumleeftijd = int(p["iit_minimumleeftijd"].value)
    uitsluiting = int(p["iit_uitsluiting_maanden"].value)
    if leeftijd(geboortedatum, peildatum) < minimumleeftijd:
        redenen.append(f"jonger dan {minimumleeftijd} jaar op de peildatum (art. 36 lid 1)")
    if pensioengerechtigd(geboortedatum, peildatum, sets):
        redenen.append("de pensioengerechtigde leeftijd is bereikt (art. 36 lid 1)")
    if _eerder_verleend(vorige_toeslag, peildatum, uitsluiting):
        redenen.append(
            f"een individuele inkomenstoeslag verleend op {vorige_toeslag} valt in de "
            f"{uitsluiting} maanden voor de aanvraag (art. 36 lid 3)"
        )
    per_maand = {i.maand: i for i in inkomens}
    maanden = [
        _maand(
            per_maand.get(m)
            or Maandinkomen(
                m, None, NUL, leefsituatie is Leefsituatie.GEHUWD, reden="geen inkomensgegevens"
            ),
            beleid,
            sets,
            gebruikt,
        )
        for m in maanden_voor(peildatum, beleid.referteperiode_maanden)
    ]
    open_ = [m for m in maanden if not m.volledig]
    gemiddeld = None
    if beleid.aggregatie is Aggregatie.ELKE_MAAND:
        boven = [m.maand for m in maanden if m.vergelijking is Vergelijking.BOVEN]
        if boven:
            redenen.append(
                f"het inkomen is hoger dan {beleid.percentage}% van de norm in {', '.join(boven)}"
            )
    elif not open_:
        inkomen = sum((m.netto_inkomen or NUL for m in maanden), NUL)
        normen = sum((m.norm or NUL for m in maanden), NUL)
        grenzen = sum((m.toetsingsnorm or NUL for m in maanden), NUL)
        gemiddeld = (inkomen / normen * HONDERD).quantize(PROCENT)  # shown, never compared
        if inkomen > grenzen:
            redenen.append(
                f"het gemiddelde inkomen is {gemiddeld}% van de norm, "
                f"hoger dan {beleid.percentage}%"
            )
    lezingen = [BEOORDELING_COLLEGE, *_lezingen(beleid, leefsituatie)]
    vermogenstoets = None
    onvolledig = [f"{m.maand}: {m.reden}" for m in open_]
    if beleid.vermogenstoets:
        if vermogen is None:
            onvolledig.append("vermogensgegevens ontbreken (het beleid toetst het vermogen)")
        else:
            vermogenstoets = _vermogenstoets(vermogen, leefsituatie, peildatum, sets, gebruikt)
            if vermogenstoets.vergelijking is Vergelijking.BOVEN:
                redenen.append(
                    f"het vermogen van {vermogenstoets.netto_vermogen} is hoger dan de grens van "
                    f"{vermogenstoets.grens} (art. 34)"
                )
    if redenen:
        uitkomst = Uitkomst.VOLDOET_NIET
    elif onvolledig:
        uitkomst, redenen = Uitkomst.ONVOLLEDIG, onvolledig
    else:
        uitkomst = Uitkomst.VOLDOET
    return Toets(
        uitkomst=uitkomst,
        redenen=redenen,
        maanden=maanden,
        gemiddeld_procentueel=gemiddeld,
        vermogen=vermogenstoets,
        bedrag=beleid.bedragen.get(leefsituatie) if uitkomst is Uitkomst.VOLDOET else None,
        lezingen=lezingen,
        parameters=sorted(gebruikt.values(), key=lambda w: (w.naam, w.ingang)),
    )
