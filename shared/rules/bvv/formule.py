"""The beslagvrije voet (BVV): Rv art. 475da, 475db, 475dc and 475e lid 2, text of 1 January 2026.

A pure function of the inputs and the parameters in force on the reference date
(`parameters/`, each with its source). Amounts are Decimal, unrounded until the end
(`shared.rules.afronding`). Every step adds a component with its article, so the sum
of the components is the outcome and a debtor can follow it.

Where the statute is silent, the choice made is stated as a warning in the outcome:
a huur or kind component is never negative (the components stand for toeslagen lost
through income, which cannot be below nothing), and the BVV is never below zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from shared.rules import afronding
from shared.rules.parameters import MissingParameters, Waarde, in_force

PARAMETERS = Path(__file__).parent / "parameters"
NUL = Decimal(0)
TWAALF = Decimal(12)


class Leefsituatie(StrEnum):
    ALLEENSTAANDE = "ALLEENSTAANDE"
    ALLEENSTAANDE_OUDER = "ALLEENSTAANDE_OUDER"
    GEHUWD_ZONDER_KINDEREN = "GEHUWD_ZONDER_KINDEREN"
    GEHUWD_MET_KINDEREN = "GEHUWD_MET_KINDEREN"

    @property
    def gehuwd(self) -> bool:
        return self in (Leefsituatie.GEHUWD_ZONDER_KINDEREN, Leefsituatie.GEHUWD_MET_KINDEREN)


@dataclass(frozen=True)
class Invoer:
    peildatum: date
    leefsituatie: Leefsituatie
    woonadres_in_nederland: bool
    belastbaar_jaarinkomen: Decimal
    """C: debtor and spouse, annualised (art. 475d lid 1)."""
    inkomen_maand: Decimal
    """The debtor's monthly income incl. holiday pay (art. 475dc)."""
    niet_beslagen_inkomen_partner_maand: Decimal = NUL
    niet_beslagen_eigen_inkomen_maand: Decimal = NUL
    woonkosten_maand: Decimal | None = None
    verzoek_verhoging_woonkosten: bool = False
    inrichting_kosten_maand: Decimal | None = None


@dataclass(frozen=True)
class Onderdeel:
    code: str
    omschrijving: str
    bedrag: Decimal
    artikel: str


@dataclass
class Uitkomst:
    beslagvrije_voet: Decimal
    aflossingscapaciteit: Decimal
    onderdelen: list[Onderdeel]
    parameters: list[Waarde]
    waarschuwingen: list[str] = field(default_factory=list)


@dataclass
class _Stappen:
    onderdelen: list[Onderdeel] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)

    @property
    def totaal(self) -> Decimal:
        return sum((o.bedrag for o in self.onderdelen), NUL)

    def add(self, code: str, omschrijving: str, bedrag: Decimal, artikel: str) -> None:
        self.onderdelen.append(Onderdeel(code, omschrijving, bedrag, artikel))

    def begrens(self, code: str, omschrijving: str, grens: Decimal, artikel: str) -> None:
        """Lower the running total to `grens` when it is above it."""
        if self.totaal > grens:
            self.add(code, omschrijving, grens - self.totaal, artikel)


def _v(p: dict[str, Waarde], name: str) -> Decimal:
    return p[name].value


def _norm_475da(invoer: Invoer, p: dict[str, Waarde], stappen: _Stappen) -> None:
    ls, c = invoer.leefsituatie, invoer.belastbaar_jaarinkomen
    alleen = ls in (Leefsituatie.ALLEENSTAANDE, Leefsituatie.ALLEENSTAANDE_OUDER)
    norm = _v(p, "norm_alleenstaande") if alleen else _v(p, "norm_gehuwden")
    letter = "A" if alleen else "B"
    stappen.add(
        "NORM",
        f"95% van de bijstandsnorm ({letter})",
        Decimal("0.95") * norm,
        "Rv art. 475da lid 2; Participatiewet art. 21",
    )

    d0 = Decimal("1.08") * TWAALF * _v(p, "wml_maand")
    d = min(d0, c)
    zorg = (c - d) / TWAALF * _v(p, "zorg_percentage")
    premies = _v(p, "standaardpremie") / TWAALF * (1 if alleen else 2)
    cap = premies - (_v(p, "normpremie_alleenstaande") if alleen else _v(p, "normpremie_gehuwden"))
    stappen.add(
        "ZORG",
        "Zorgcomponent ((C − D) / 12 × E), ten hoogste de standaardpremie min de normpremie",
        min(zorg, cap),
        "Rv art. 475da lid 2 en lid 3; Wet op de zorgtoeslag art. 1 en 2",
    )

    een = ls is Leefsituatie.ALLEENSTAANDE
    i = c - (_v(p, "ijkpunt_eenpersoons") if een else _v(p, "ijkpunt_meerpersoons"))
    if i < 0:
        stappen.waarschuwingen.append(
            "C ligt onder het minimum-inkomensijkpunt; de huurcomponent is op nul gesteld "
            "(art. 475da lid 2 zegt niet wat geldt als I negatief is)"
        )
        i = NUL
    afbouw = _v(p, "afbouw_eenpersoons") if een else _v(p, "afbouw_meerpersoons")
    basishuur = _v(p, "basishuur_eenpersoons") if een else _v(p, "basishuur_meerpersoons")
    huur = min(i * afbouw / TWAALF, _v(p, "maximale_huurgrens") - basishuur)
    stappen.add(
        "HUUR",
        f"Huurcomponent (I × {'F' if een else 'G'} / 12, of H − J als dat minder is)",
        huur,
        "Rv art. 475da lid 2; Wet op de huurtoeslag art. 13, 16, 17 en 21",
    )

    if ls is Leefsituatie.ALLEENSTAANDE_OUDER:
        kind = (c - d) / TWAALF * _v(p, "kgb_percentage")
        stappen.add(
            "KIND",
            "Kindcomponent ((C − D) / 12 × K)",
            kind,
            "Rv art. 475da lid 2 onder b; Wet op het kindgebonden budget art. 2",
        )
    elif ls is Leefsituatie.GEHUWD_MET_KINDEREN:
        kind = (c - (d + _v(p, "kgb_verhoging_partner"))) / TWAALF * _v(p, "kgb_percentage")
        if kind < 0:
            stappen.waarschuwingen.append(
                "C ligt onder D + L; de kindcomponent is op nul gesteld "
                "(art. 475da lid 2 onder d zegt niet wat geldt bij een negatieve uitkomst)"
            )
            kind = NUL
        stappen.add(
            "KIND",
            "Kindcomponent ((C − (D + L)) / 12 × K)",
            kind,
            "Rv art. 475da lid 2 onder d; Wet op het kindgebonden budget art. 2",
        )

    maximum = _v(p, f"maximum_{ls.value.lower()}")
    stappen.begrens(
        "MAXIMUM", "Begrensd op het maximum voor de leefsituatie", maximum, "Rv art. 475da lid 1"
    )


def _inrichting(invoer: Invoer, kosten: Decimal, p: dict[str, Waarde], stappen: _Stappen) -> None:
    gehuwd = invoer.leefsituatie.gehuwd
    stappen.add(
        "INRICHTING_KOSTEN",
        "Prijs van de verzorging in de inrichting",
        kosten,
        "Rv art. 475e lid 2",
    )
    norm = _v(p, "inrichting_gehuwden") if gehuwd else _v(p, "inrichting_alleenstaande")
    stappen.add(
        "INRICHTING_NORM",
        "Twee derde van de norm voor personen in een inrichting",
        norm * 2 / 3,
        "Rv art. 475e lid 2; Participatiewet art. 23 lid 1",
    )
    premie = _v(p, "normpremie_gehuwden") if gehuwd else _v(p, "normpremie_alleenstaande")
    stappen.add(
        "INRICHTING_PREMIE",
        "Bedrag voor de zorgverzekering",
        premie,
        "Rv art. 475e lid 2; Participatiewet art. 23 lid 2",
    )


def _woonkosten(invoer: Invoer, p: dict[str, Waarde], stappen: _Stappen) -> None:
    if not invoer.verzoek_verhoging_woonkosten or invoer.woonkosten_maand is None:
        return
    drempel = Decimal("1.10") * _v(p, "maximale_huurgrens")
    extra = invoer.woonkosten_maand - drempel
    if extra <= 0:
        stappen.waarschuwingen.append(
            "Geen verhoging voor woonkosten: zij liggen niet ten minste 10% boven de rekenhuur"
        )
        return
    if invoer.leefsituatie.gehuwd:
        extra = max(NUL, extra - invoer.niet_beslagen_inkomen_partner_maand)
    stappen.add(
        "WOONKOSTEN",
        "Verhoging op verzoek: woonkosten boven de rekenhuur plus 10%",
        extra,
        "Rv art. 475da lid 5",
    )
    stappen.waarschuwingen.append(
        "De verhoging voor woonkosten geldt ten hoogste 18 maanden "
        "(Regeling beslagvrije voet art. 1a)"
    )


def _aftrek_en_begrenzing(invoer: Invoer, stappen: _Stappen) -> None:
    partner = min(invoer.niet_beslagen_inkomen_partner_maand, stappen.totaal / 2)
    if partner > 0:
        stappen.add(
            "AFTREK_PARTNER",
            "Niet-beslagen inkomen van de echtgenoot, ten hoogste de helft",
            -partner,
            "Rv art. 475db lid 1 onder a",
        )
    if invoer.niet_beslagen_eigen_inkomen_maand > 0:
        stappen.add(
            "AFTREK_EIGEN",
            "Eigen niet-beslagen inkomen",
            -invoer.niet_beslagen_eigen_inkomen_maand,
            "Rv art. 475db lid 1 onder b",
        )
    stappen.begrens(
        "INKOMEN_95",
        "Ten hoogste 95% van het maandinkomen inclusief vakantiebijslag",
        Decimal("0.95") * invoer.inkomen_maand,
        "Rv art. 475dc lid 1",
    )
    if stappen.totaal < 0:
        stappen.waarschuwingen.append(
            "De aftrekken zijn hoger dan de beslagvrije voet; deze is op nul gesteld"
        )
        stappen.add("NUL", "Niet lager dan nul", -stappen.totaal, "Rv art. 475db")


def bereken(invoer: Invoer) -> Uitkomst:
    """The BVV on the reference date, or `MissingParameters` naming what is not known."""
    p = in_force(PARAMETERS, invoer.peildatum)
    if not invoer.woonadres_in_nederland and invoer.inrichting_kosten_maand is None:
        raise MissingParameters(
            invoer.peildatum,
            [
                (
                    "woonlandfactor",
                    "NIET GEVONDEN: bijlage 1 van de Regeling beslagvrije voet "
                    "(Stcrt. 2020, 62980) met de woonlandfactoren van art. 475da lid 4",
                )
            ],
        )
    stappen = _Stappen()
    if invoer.inrichting_kosten_maand is not None:
        _inrichting(invoer, invoer.inrichting_kosten_maand, p, stappen)
    else:
        _norm_475da(invoer, p, stappen)
        _woonkosten(invoer, p, stappen)
    _aftrek_en_begrenzing(invoer, stappen)
    bvv = afronding.op_centen(stappen.totaal)
    return Uitkomst(
        beslagvrije_voet=bvv,
        aflossingscapaciteit=afronding.op_centen(max(NUL, invoer.inkomen_maand - bvv)),
        onderdelen=stappen.onderdelen,
        parameters=sorted(p.values(), key=lambda w: w.naam),
        waarschuwingen=stappen.waarschuwingen,
    )
