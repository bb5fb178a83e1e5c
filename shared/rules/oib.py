"""Inkomstenverrekening bijstand (OIB): what a month's income means for the algemene bijstand of
that month, a pure function of the month's net income, the person's situation and the
gemeente's choice for holiday pay.

The law (Participatiewet, text of 1 January 2025; the 2026 amounts from the Normenbrief):
- art. 31 lid 4 with the Regeling Participatiewet, IOAW en IOAZ par. 6: the aanspraak op
  vakantietoeslag over an income counts with it, by formula on the net income per month:
  art. 11 for income from present work, art. 12 from former work (WW, ZW, WIA), art. 13
  when the net was computed without the algemene heffingskorting;
- art. 31 lid 2 n, r and y: vrijlatingen of income from work (25% for at most six months,
  12.5% for an alleenstaande ouder with a child under 12 for at most 30 months after those
  six, 15% for someone medisch urenbeperkt unless n applies), each with its monthly
  maximum; lid 5: n and r not below 27;
- art. 19 lid 2 and 3: the bijstand is the norm minus the income; 5% of it is
  vakantietoeslag, paid in June (art. 45 lid 1);
- art. 58 lid 4: middelen received in the six months before may be offset against the
  running bijstand without a terugvorderingsbesluit.

Readings (each stated, none silent):
- The base of a vrijlating is the net income from work without the aanspraak op
  vakantietoeslag (no source says whether the aanspraak is part of "deze inkomsten").
- Whether a vrijlating contributes to arbeidsinschakeling is the college's judgement: the
  caller says so (`college_akkoord`); without it, n (below the AOW age) and r do not apply.
- The months of n and r already used are the caller's count; this rule does not keep them.
- The gemeente chooses how holiday pay counts: `AANSPRAAK` adds the monthly aanspraak of
  the Regeling; `UITBETAALD` adds the holiday pay when it is paid (the bureau offers both).
- The aanspraak is computed per source of income (work, former work), each in its own
  table; art. 13 (a net without the algemene heffingskorting) applies to both. Art. 14 (the
  pensioner's tables) is not in the parameters: a pensioner's month under `AANSPRAAK` is
  not computed.
- `UITBETAALD` departs from art. 31 lid 4 (the aanspraak per month) and art. 32 lid 2 (income
  counted over the period it was earned): it is the gemeente's choice because the bureau
  offers it, and the answer names it.
- A vrijlating is its share of the income rounded down to the cent ("tot 25 procent"), then
  at most its maximum; every other amount half up to the cent.
- The vrijlating of art. 31 lid 2 z and aa (doelgroep loonkostensubsidie) is not modelled;
  r is refused where y applies, and must be checked by the gemeente where z or aa would.
- Art. 58 lid 4 is counted in whole calendar months: middelen received in one of the six
  months before the month of the bijstand they are offset against, not in that month.
- A bracket of the Regeling that is not known leaves the month uncomputed, named, never
  estimated: the 2026 art. 11 brackets from € 1.059,26 are printed doubtfully ("02,67",
  "01,68") and are left out of the parameters until the Staatscourant text is read.
- Art. 34a (from 2027-01-01, Stb. 2025, 312) applies where its parameters are in force, and
  art. 31 lid 2 n, r and y before; whether those are repealed on that date is not in the
  text read, so their 2027 values are unknown, not assumed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from shared.bronnen.inkomen import maand_index
from shared.rules.afronding import CENT, op_centen
from shared.rules.parameters import (
    MissingParameters,
    Parametersets,
    Waarde,
    in_force,
    regeling_van,
)

NUL = Decimal(0)


class Herkomst(StrEnum):
    """Which formula of the Regeling gives the aanspraak op vakantietoeslag."""

    TEGENWOORDIGE_ARBEID = "TEGENWOORDIGE_ARBEID"  # art. 11
    VROEGERE_ARBEID = "VROEGERE_ARBEID"  # art. 12
    ZONDER_HEFFINGSKORTING = "ZONDER_HEFFINGSKORTING"  # art. 13


ARTIKEL = {
    Herkomst.TEGENWOORDIGE_ARBEID: 11,  # not statutory: an article number (parameter names)
    Herkomst.VROEGERE_ARBEID: 12,  # not statutory: an article number (parameter names)
    Herkomst.ZONDER_HEFFINGSKORTING: 13,  # not statutory: an article number (parameter names)
}


class Vakantiegeld(StrEnum):
    AANSPRAAK = "AANSPRAAK"
    UITBETAALD = "UITBETAALD"


class Vrijlating(StrEnum):
    GEEN = "GEEN"
    ARBEID = "ARBEID"  # art. 31 lid 2 n
    ALLEENSTAANDE_OUDER = "ALLEENSTAANDE_OUDER"  # art. 31 lid 2 r
    MEDISCH_URENBEPERKT = "MEDISCH_URENBEPERKT"  # art. 31 lid 2 y
    ARBEID_2027 = "ARBEID_2027"  # art. 34a lid 1 a
    MEDISCH_URENBEPERKT_2027 = "MEDISCH_URENBEPERKT_2027"  # art. 34a lid 1 b
    PENSIOENGERECHTIGD_2027 = "PENSIOENGERECHTIGD_2027"  # art. 34a lid 1 c


@dataclass(frozen=True)
class Situatie:
    """The person in the month, as the gemeente knows it."""

    leeftijd: int
    pensioengerechtigd: bool = False
    college_akkoord: bool = False
    """The college judges a vrijlating to contribute to arbeidsinschakeling (n and r)."""
    maanden_arbeid_gebruikt: int = 0
    """Months of the art. 31 lid 2 n vrijlating already used before this month."""
    alleenstaande_ouder_kind_leeftijd: int | None = None
    """The age of the youngest child in the full care of an alleenstaande ouder."""
    maanden_alleenstaande_ouder_gebruikt: int = 0
    medisch_urenbeperkt: bool = False
    maanden_2027_gebruikt: int = 0
    """Months of the art. 34a lid 1 a vrijlating in the current period (from 2027)."""


@dataclass(frozen=True)
class Inkomen:
    """The net income of the month (art. 32), by origin."""

    arbeid: Decimal = NUL
    vroegere_arbeid: Decimal = NUL
    overig: Decimal = NUL
    """Income without an aanspraak op vakantietoeslag."""
    zonder_heffingskorting: bool = False
    vakantiegeld_uitbetaald: Decimal = NUL
    """Net holiday pay paid in the month (counted under `UITBETAALD`)."""


class OnbekendeSchijf(LookupError):
    """A bracket of the Regeling whose amounts are not known: the month is not computed."""


@dataclass(frozen=True)
class Verrekening:
    vakantiegeld: Decimal
    vrijlating: Decimal
    vrijlating_soort: Vrijlating
    inkomen: Decimal
    bijstand: Decimal
    """Including vakantietoeslag (art. 19 lid 3)."""
    vakantietoeslag: Decimal
    maandbedrag: Decimal
    """The bijstand paid for the month, the vakantietoeslag reserved for June."""
    parameters: list[Waarde] = field(default_factory=list)


def aanspraak_vakantietoeslag(
    netto: Decimal, herkomst: Herkomst, peildatum: date, sets: Parametersets | None = None
) -> tuple[Decimal, list[Waarde]]:
    """The aanspraak op vakantietoeslag over a net income per month (Regeling art. 11-13):
    the bracket's percentage of the income minus its amount, to the cent."""
    artikel = ARTIKEL[herkomst]
    schijf = 1
    while regeling_van(volgende := f"vt_art{artikel}_grens_{schijf + 1}") is not None:
        if netto < in_force(peildatum, [volgende], sets)[volgende].value:
            break
        schijf += 1
    namen = [f"vt_art{artikel}_aandeel_{schijf}", f"vt_art{artikel}_aftrek_{schijf}"]
    if regeling_van(namen[0]) is None:
        raise OnbekendeSchijf(
            f"schijf {schijf} van art. {artikel} van de Regeling is niet in de parameters: "
            "de normenbrief drukt haar bedragen onbetrouwbaar af"
        )
    try:
        p = in_force(peildatum, namen, sets)
    except MissingParameters as error:
        raise OnbekendeSchijf(
            f"schijf {schijf} van art. {artikel} van de Regeling is niet bekend: {error}"
        ) from error
    bedrag = op_centen(netto * p[namen[0]].value - p[namen[1]].value)
    return max(NUL, bedrag), list(p.values())


ART_34A = (
    "vrijlating_34a_aandeel",
    "vrijlating_34a_maanden",
    "vrijlating_34a_pensioen_aandeel",
    "vrijlating_34a_pensioen_maximum",
)


def _art_34a(
    arbeid: Decimal, situatie: Situatie, p: dict[str, Waarde]
) -> tuple[Decimal, Vrijlating, list[Waarde]]:
    """Art. 34a lid 1 (from 2027): a) 15% for at most twelve months where the college judges
    it helps, b) 15% when medisch urenbeperkt, c) 25% up to the maximum from the AOW age."""
    aandeel = p["vrijlating_34a_aandeel"].value
    if situatie.pensioengerechtigd:
        bedrag = min(
            op_centen(arbeid * p["vrijlating_34a_pensioen_aandeel"].value),
            p["vrijlating_34a_pensioen_maximum"].value,
        )
        return bedrag, Vrijlating.PENSIOENGERECHTIGD_2027, list(p.values())
    if (
        situatie.college_akkoord
        and situatie.maanden_2027_gebruikt < p["vrijlating_34a_maanden"].value
    ):
        return op_centen(arbeid * aandeel), Vrijlating.ARBEID_2027, list(p.values())
    if situatie.medisch_urenbeperkt:
        return op_centen(arbeid * aandeel), Vrijlating.MEDISCH_URENBEPERKT_2027, list(p.values())
    return NUL, Vrijlating.GEEN, list(p.values())


def art_34a_geldt(peildatum: date, sets: Parametersets | None = None) -> bool:
    """Whether the vrijlatingen of art. 34a are in force on the date (their parameters are)."""
    try:
        in_force(peildatum, ART_34A, sets)
    except MissingParameters:
        return False
    return True


def vrijlating(
    arbeid: Decimal, situatie: Situatie, peildatum: date, sets: Parametersets | None = None
) -> tuple[Decimal, Vrijlating, list[Waarde]]:
    """The part of the income from work that is not counted: art. 34a where its parameters
    are in force (from 2027), else art. 31 lid 2 n, r and y with lid 5."""
    try:
        return _art_34a(arbeid, situatie, in_force(peildatum, ART_34A, sets))
    except MissingParameters:
        pass  # before 2027: art. 31 lid 2
    p = in_force(
        peildatum,
        [
            "vrijlating_minimumleeftijd",
            "vrijlating_arbeid_maanden",
            "vrijlating_alleenstaande_ouder_maanden",
            "vrijlating_alleenstaande_ouder_kindleeftijd",
        ],
        sets,
    )
    gebruikt = list(p.values())
    oud_genoeg = situatie.leeftijd >= p["vrijlating_minimumleeftijd"].value
    n_duurt = (
        situatie.pensioengerechtigd
        or situatie.maanden_arbeid_gebruikt < p["vrijlating_arbeid_maanden"].value
    )
    kind = situatie.alleenstaande_ouder_kind_leeftijd
    r_geldt = (
        kind is not None
        and kind < p["vrijlating_alleenstaande_ouder_kindleeftijd"].value
        and not n_duurt
        and situatie.maanden_alleenstaande_ouder_gebruikt
        < p["vrijlating_alleenstaande_ouder_maanden"].value
        and not situatie.medisch_urenbeperkt  # r only where y, z and aa do not apply
    )
    # the six months and the college's judgement are for those below the AOW age only
    n_geldt = situatie.pensioengerechtigd or (situatie.college_akkoord and n_duurt)
    soort, naam = Vrijlating.GEEN, ""
    if oud_genoeg and n_geldt:
        soort, naam = Vrijlating.ARBEID, "vrijlating_arbeid"
    elif oud_genoeg and situatie.college_akkoord and r_geldt:
        soort, naam = Vrijlating.ALLEENSTAANDE_OUDER, "vrijlating_alleenstaande_ouder"
    elif situatie.medisch_urenbeperkt:  # y: unless n applies (n was tried first)
        soort, naam = Vrijlating.MEDISCH_URENBEPERKT, "vrijlating_medisch"
    if soort is Vrijlating.GEEN:
        return NUL, soort, gebruikt
    q = in_force(peildatum, [f"{naam}_aandeel", f"{naam}_maximum"], sets)
    bedrag = min(
        (arbeid * q[f"{naam}_aandeel"].value).quantize(CENT, rounding=ROUND_DOWN),
        q[f"{naam}_maximum"].value,
    )
    return bedrag, soort, [*gebruikt, *q.values()]


@dataclass(frozen=True)
class Aanmerking:
    """A person's income of the month as it counts against the bijstand (art. 31-32)."""

    vakantiegeld: Decimal
    vrijlating: Decimal
    vrijlating_soort: Vrijlating
    inkomen: Decimal
    parameters: list[Waarde] = field(default_factory=list)


def in_aanmerking(
    maand: str,
    inkomen: Inkomen,
    situatie: Situatie,
    keuze: Vakantiegeld,
    sets: Parametersets | None = None,
) -> Aanmerking:
    """The month's income with its holiday pay (aanspraak or paid, as the gemeente chose)
    and after the vrijlating. `OnbekendeSchijf` when the aanspraak cannot be computed."""
    peildatum = date.fromisoformat(f"{maand}-01")
    gebruikt: list[Waarde] = []
    if keuze is Vakantiegeld.AANSPRAAK:
        if situatie.pensioengerechtigd:
            raise OnbekendeSchijf(
                "art. 14 van de Regeling (pensioengerechtigden) is niet in de parameters"
            )
        zonder = inkomen.zonder_heffingskorting
        vakantiegeld = NUL
        for bedrag, herkomst in (
            (inkomen.arbeid, Herkomst.TEGENWOORDIGE_ARBEID),
            (inkomen.vroegere_arbeid, Herkomst.VROEGERE_ARBEID),
        ):
            herkomst = Herkomst.ZONDER_HEFFINGSKORTING if zonder else herkomst
            if bedrag > 0:
                aanspraak, waarden = aanspraak_vakantietoeslag(bedrag, herkomst, peildatum, sets)
                vakantiegeld += aanspraak
                gebruikt += waarden
    else:
        vakantiegeld = inkomen.vakantiegeld_uitbetaald
    vrij, soort, waarden = vrijlating(inkomen.arbeid, situatie, peildatum, sets)
    totaal = inkomen.arbeid + inkomen.vroegere_arbeid + inkomen.overig + vakantiegeld - vrij
    return Aanmerking(vakantiegeld, vrij, soort, totaal, [*gebruikt, *waarden])


def verreken(
    maand: str,
    norm: Decimal,
    inkomen: Inkomen,
    situatie: Situatie,
    keuze: Vakantiegeld,
    sets: Parametersets | None = None,
) -> Verrekening:
    """The bijstand of the month against `norm` (incl. vakantietoeslag) and its income.
    `OnbekendeSchijf` when the aanspraak op vakantietoeslag cannot be computed."""
    telt = in_aanmerking(maand, inkomen, situatie, keuze, sets)
    bijstand = max(NUL, norm - telt.inkomen)
    peildatum = date.fromisoformat(f"{maand}-01")
    aandeel = in_force(peildatum, ["vakantietoeslag_aandeel"], sets)["vakantietoeslag_aandeel"]
    vakantietoeslag = op_centen(bijstand * aandeel.value)
    return Verrekening(
        vakantiegeld=telt.vakantiegeld,
        vrijlating=telt.vrijlating,
        vrijlating_soort=telt.vrijlating_soort,
        inkomen=telt.inkomen,
        bijstand=bijstand,
        vakantietoeslag=vakantietoeslag,
        maandbedrag=bijstand - vakantietoeslag,
        parameters=[*telt.parameters, aandeel],
    )


def verrekenbaar(ontvangen: str, verrekenmaand: str, sets: Parametersets | None = None) -> bool:
    """Whether middelen received in month `ontvangen` may still be offset against the
    bijstand of `verrekenmaand` (art. 58 lid 4: received in the six months before it)."""

    dag = date.fromisoformat(f"{verrekenmaand}-01")
    maanden = int(in_force(dag, ["verrekening_maanden"], sets)["verrekening_maanden"].value)
    return 1 <= maand_index(verrekenmaand) - maand_index(ontvangen) <= maanden
