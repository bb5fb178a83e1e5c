"""The beslagvrije voet (BVV): Rv art. 475da, 475db, 475dc and 475e lid 2, text of 1 January 2026.

A pure function of the inputs and the parameters in force on the reference date
(`parameters/`, each with its source). Amounts are Decimal, unrounded until the end
(`shared.rules.afronding`). Every step adds a component with its article, so the sum
of the components is the outcome and a debtor can follow it.

Where the statute is silent, the choice made is stated as a warning in the outcome:
a huur or kind component is never negative (the components stand for toeslagen lost
through income, which cannot be below nothing), and the BVV is never below zero. Where
the text admits more than one reading, the reading followed is stated as a warning
("Rv … gelezen als: …") whenever the outcome depends on it, never silently.

Without a Dutch address (lid 4) the first sentence applies: 47,5% of B. Only a fixed
residence abroad, named by its country, brings the second sentence's woonlandfactor; a
factor that is not sourced refuses the calculation by name, like any unknown parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from shared.rules import afronding
from shared.rules.parameters import (
    BESLAGVRIJE_VOET,
    MissingParameters,
    Parametersets,
    Waarde,
    in_force,
    namen,
    parameters,
)

WOONLANDFACTOREN = BESLAGVRIJE_VOET.map / "woonlandfactoren"
"""One file per country code when its factor is known; `overige_landen` for every other."""
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
    """Per the BRP, unless given (Rv 475da lid 4, first sentence; 475e lid 1)."""
    belastbaar_jaarinkomen: Decimal
    """C: debtor and spouse, annualised (art. 475d lid 1)."""
    inkomen_maand: Decimal
    """The debtor's monthly income incl. holiday pay (art. 475dc)."""
    niet_beslagen_inkomen_partner_maand: Decimal = NUL
    niet_beslagen_eigen_inkomen_maand: Decimal = NUL
    woonkosten_maand: Decimal | None = None
    verzoek_verhoging_woonkosten: bool = False
    inrichting_kosten_maand: Decimal | None = None
    woonland_buiten_nederland: str | None = None
    """ISO 3166-1 alpha-2 code of a fixed residence abroad (Rv 475da lid 4, second sentence)."""


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
        _v(p, "aandeel_bijstandsnorm") * norm,
        "Rv art. 475da lid 2; Participatiewet art. 21",
    )

    d0 = _v(p, "drempel_wml_factor") * TWAALF * _v(p, "wml_maand")
    d = min(d0, c)
    zorg = (c - d) / TWAALF * _v(p, "zorg_percentage")
    dubbel = 1 if alleen else _v(p, "standaardpremie_factor_toeslagpartner")
    premies = _v(p, "standaardpremie") / TWAALF * dubbel
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
        norm * _v(p, "inrichting_aandeel_norm"),
        "Rv art. 475e lid 2; Participatiewet art. 23 lid 1",
    )
    premie = _v(p, "normpremie_gehuwden") if gehuwd else _v(p, "normpremie_alleenstaande")
    stappen.add(
        "INRICHTING_PREMIE",
        "Bedrag voor de zorgverzekering",
        premie,
        "Rv art. 475e lid 2; Participatiewet art. 23 lid 2",
    )
    if gehuwd:
        stappen.waarschuwingen.append(
            "Rv art. 475e lid 2 gelezen als: voor een gehuwde gelden de norm voor gehuwden "
            "(Participatiewet art. 23 lid 1 onder b) en het bedrag voor gehuwden (art. 23 lid 2 "
            "onder b), ook als de echtgenoot niet in de inrichting verblijft; art. 23 lid 3 "
            "Participatiewet (de som van de normen als alleenstaande wanneer een van de "
            "gehuwden in een inrichting verblijft) is niet toegepast, omdat art. 475e lid 2 "
            "alleen het eerste en tweede lid van art. 23 noemt"
        )
    if not invoer.woonadres_in_nederland:
        stappen.waarschuwingen.append(
            "Rv art. 475e lid 2 gelezen als: gaat voor art. 475da lid 4 (geen woonadres in "
            "Nederland); bij opname in een inrichting is de beslagvrije voet de prijs van de "
            "verzorging met de bedragen van lid 2, zonder 47,5%-regel en zonder woonlandfactor"
        )


def _zonder_woonadres(
    invoer: Invoer, p: dict[str, Waarde], factor: Waarde | None, stappen: _Stappen
) -> None:
    """Rv 475da lid 4: no address in the Netherlands per the BRP."""
    stappen.add(
        "ZONDER_WOONADRES",
        "47,5% van de bijstandsnorm voor gehuwden (B), zonder woonadres in Nederland",
        _v(p, "zonder_woonadres_aandeel") * _v(p, "norm_gehuwden"),
        "Rv art. 475da lid 4, eerste zin; Participatiewet art. 21 onderdeel b",
    )
    if factor is None:
        stappen.waarschuwingen.append(
            "Geen woonadres in Nederland volgens de BRP en geen vaste woon- of verblijfplaats "
            "buiten Nederland opgegeven: de beslagvrije voet is 47,5% van de norm voor "
            "gehuwden, zonder woonlandfactor (Rv art. 475da lid 4, eerste zin). Wie een vaste "
            "woon- of verblijfplaats heeft die niet in de BRP staat en inzicht geeft in "
            "leefsituatie en inkomsten, valt niet onder deze regel (Rv art. 475e lid 1)"
        )
        return
    stappen.add(
        "WOONLANDFACTOR",
        f"Vermenigvuldigd met de woonlandfactor {str(factor.value).replace('.', ',')} "
        f"({invoer.woonland_buiten_nederland})",
        stappen.totaal * (factor.value - 1),
        "Rv art. 475da lid 4, tweede zin; Regeling beslagvrije voet art. 1",
    )


def _verhoging_woonkosten(
    invoer: Invoer, woonkosten: Decimal, p: dict[str, Waarde], stappen: _Stappen
) -> Decimal:
    """Rv 475da lid 5: what the woonkosten exceed the rekenhuur plus 10% by, for gehuwden
    less what the spouse's free income can pay; zero (with the reason) when nothing."""
    extra = woonkosten - (1 + _v(p, "woonkosten_ophoging")) * _v(p, "maximale_huurgrens")
    if extra <= 0:
        stappen.waarschuwingen.append(
            "Geen verhoging voor woonkosten: zij liggen niet boven de rekenhuur plus 10%"
        )
        return NUL
    partner = invoer.niet_beslagen_inkomen_partner_maand
    if not (invoer.leefsituatie.gehuwd and partner > 0):
        return extra
    stappen.waarschuwingen.append(
        "Rv art. 475da lid 5, tweede zin gelezen als: de verhoging is het deel van de "
        "woonkosten boven de rekenhuur plus 10%, verminderd met het volledige niet-beslagen "
        f"inkomen van de echtgenoot ({_euro(partner)}); dat inkomen gaat daarnaast volgens "
        "art. 475db lid 1 onder a van de beslagvrije voet af"
    )
    if extra <= partner:
        stappen.waarschuwingen.append(
            "Geen verhoging voor woonkosten: het niet-beslagen inkomen van de echtgenoot is "
            "genoeg voor de hogere woonkosten (Rv art. 475da lid 5, tweede zin)"
        )
        return NUL
    return extra - partner


def _woonkosten(
    invoer: Invoer, p: dict[str, Waarde], stappen: _Stappen, maximum: Decimal | None
) -> None:
    """Rv 475da lid 5, on request; `maximum` is the lid-1 maximum when lid 2 applied."""
    if not invoer.verzoek_verhoging_woonkosten or invoer.woonkosten_maand is None:
        return
    extra = _verhoging_woonkosten(invoer, invoer.woonkosten_maand, p, stappen)
    if extra == 0:
        return
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
    if maximum is None:
        stappen.waarschuwingen.append(
            "Rv art. 475da lid 5 gelezen als: ook van toepassing op de beslagvrije voet zonder "
            "woonadres in Nederland (lid 4); lid 5 maakt daarop geen uitzondering"
        )
    elif stappen.totaal > maximum:
        stappen.waarschuwingen.append(
            "Rv art. 475da lid 5 gelezen als: de verhoging voor woonkosten komt bovenop het "
            f"maximum van lid 1 ({_euro(maximum)}), omdat lid 5, anders dan lid 2, niet zegt "
            '"met inachtneming van het eerste lid"'
        )


def _aftrek_en_begrenzing(invoer: Invoer, p: dict[str, Waarde], stappen: _Stappen) -> None:
    helft = _v(p, "aftrek_echtgenoot_ten_hoogste")
    partner = min(invoer.niet_beslagen_inkomen_partner_maand, stappen.totaal * helft)
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
    grens = _v(p, "aandeel_maandinkomen") * invoer.inkomen_maand
    if invoer.inrichting_kosten_maand is None:
        stappen.begrens(
            "INKOMEN_95",
            "Ten hoogste 95% van het maandinkomen inclusief vakantiebijslag",
            grens,
            "Rv art. 475dc lid 1",
        )
    elif stappen.totaal > grens:
        stappen.waarschuwingen.append(
            "Rv art. 475dc lid 1 gelezen als: niet van toepassing bij opname in een inrichting "
            "(art. 475e lid 2). Art. 475dc noemt alleen de artikelen 475da en 475db, terwijl "
            "art. 475db lid 1 art. 475e lid 2 wel noemt; de beslagvrije voet is daarom niet "
            f"begrensd op 95% van het maandinkomen ({_euro(grens)})"
        )
    if stappen.totaal < 0:
        stappen.waarschuwingen.append(
            "De aftrekken zijn hoger dan de beslagvrije voet; deze is op nul gesteld"
        )
        stappen.add("NUL", "Niet lager dan nul", -stappen.totaal, "Rv art. 475db")


def _euro(amount: Decimal) -> str:
    """A warning's amount, to the cent.

    >>> _euro(Decimal("1331.425"))
    '€ 1.331,43'
    """
    text = f"{afronding.op_centen(amount):,.2f}"
    return "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")


def _woonlandfactor(land: str, peildatum: date) -> Waarde | tuple[str, str]:
    """The factor of the country of residence (Rv 475da lid 4), or (name, why unknown)."""
    known = parameters(WOONLANDFACTOREN)
    result = (known.get(land) or known["overige_landen"]).on(peildatum)
    naam = f"woonlandfactor_{land}"
    return replace(result, naam=naam) if isinstance(result, Waarde) else (naam, result[1])


NORMEN = ["norm_alleenstaande", "norm_gehuwden"]
"""A and B of lid 2: the bijstandsnormen, kept once in the participatiewet set."""


def _in_force(
    invoer: Invoer, sets: Parametersets | None
) -> tuple[dict[str, Waarde], Waarde | None]:
    """The parameters and the woonlandfactor that apply; every unknown one named at once."""
    missing: list[tuple[str, str]] = []
    factor = None
    if _lid_4(invoer) and invoer.woonland_buiten_nederland is not None:
        found = _woonlandfactor(invoer.woonland_buiten_nederland, invoer.peildatum)
        if isinstance(found, Waarde):
            factor = found
        else:
            missing.append(found)
    try:
        p = in_force(invoer.peildatum, [*namen(BESLAGVRIJE_VOET), *NORMEN], sets)
    except MissingParameters as refused:
        raise MissingParameters(invoer.peildatum, [*refused.missing, *missing]) from None
    if missing:
        raise MissingParameters(invoer.peildatum, missing)
    return p, factor


def _lid_4(invoer: Invoer) -> bool:
    return not invoer.woonadres_in_nederland and invoer.inrichting_kosten_maand is None


def bereken(
    invoer: Invoer,
    parameters: dict[str, Waarde] | None = None,
    sets: Parametersets | None = None,
) -> Uitkomst:
    """The BVV on the reference date, or `MissingParameters` naming what is not known: with
    the approved sets, or `sets`, or exactly the `parameters` given (a proposed set, checked
    before it is approved)."""
    p, factor = _in_force(invoer, sets) if parameters is None else (parameters, None)
    stappen = _Stappen()
    if invoer.inrichting_kosten_maand is not None:
        _inrichting(invoer, invoer.inrichting_kosten_maand, p, stappen)
    elif _lid_4(invoer):
        _zonder_woonadres(invoer, p, factor, stappen)
        _woonkosten(invoer, p, stappen, maximum=None)
    else:
        _norm_475da(invoer, p, stappen)
        _woonkosten(
            invoer, p, stappen, maximum=_v(p, f"maximum_{invoer.leefsituatie.value.lower()}")
        )
    _aftrek_en_begrenzing(invoer, p, stappen)
    bvv = afronding.op_centen(stappen.totaal)
    gebruikt = [*p.values(), *([factor] if factor else [])]
    return Uitkomst(
        beslagvrije_voet=bvv,
        aflossingscapaciteit=afronding.op_centen(max(NUL, invoer.inkomen_maand - bvv)),
        onderdelen=stappen.onderdelen,
        parameters=sorted(gebruikt, key=lambda w: w.naam),
        waarschuwingen=stappen.waarschuwingen,
    )
