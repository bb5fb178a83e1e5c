"""The checks on a proposed set, before anyone approves it.

A proposal is refused (422, naming each parameter) when a parameter the services need is
missing, when it names one no service knows, when a unit differs from the code's, or when a
value leaves the band of the previous period without a reason. Then it is shown with the
lid-8 check of the BVV and a preview of what approving it would change.
"""

from __future__ import annotations

import contextlib
from datetime import date
from decimal import Decimal

from shared.bvv.berekeningen import Berekeningen
from shared.kwijtschelding.beleid import BeleidRepository
from shared.models.kwijtschelding import KwijtscheldingBeleid
from shared.models.parametersets import (
    Bandafwijking,
    BeleidVoorvertoning,
    Controles,
    ParametersetVoorstel,
    Voorvertoning,
    verschillen_van,
)
from shared.models.problem import InvalidParam
from shared.rules.bvv.consistentie import maxima_niet_gereproduceerd
from shared.rules.bvv.formule import NORMEN
from shared.rules.kwijtschelding.toets import OngeldigBeleid, kosten_van_bestaan_alleenstaande
from shared.rules.parameters import (
    BESLAGVRIJE_VOET,
    KWIJTSCHELDING,
    PARTICIPATIEWET,
    MissingParameters,
    Parameterset,
    Parametersets,
    Regeling,
    Waarde,
    namen,
    parameters,
)
from shared.rules.voertuigwaarde import STAP

BAND = (Decimal("0.8"), Decimal("1.25"))
"""A value may be at most 20% lower or 25% higher than the previous period's: the half-yearly
indexations move a few percent, a typo of a factor 10 (or a shifted decimal point) does not
pass. A real change beyond it (a new statute) passes with a reason the approver reads."""
BANDBREEDTE = "ten hoogste 20% lager of 25% hoger dan de waarde van de vorige periode"


def fouten(
    regeling: Regeling, voorstel: ParametersetVoorstel, ingangsdatum: date | None = None
) -> list[InvalidParam]:
    """Each parameter missing, unknown to the services, negative, or in another unit than
    the code's. A parameter the law only has from a later date than `ingangsdatum` (art. 34a
    of 2027 in a set of 2026, say) is not missing; it may be given."""
    bekend = parameters(regeling.map)
    found = [
        InvalidParam(
            name=f"body.parameters.{naam}",
            code="ontbreekt",
            reason=f"de diensten hebben {naam} nodig ({bekend[naam].description})",
        )
        for naam in namen(regeling)
        if naam not in voorstel.parameters
        and (ingangsdatum is None or bekend[naam].values[0][0] <= ingangsdatum)
    ]
    for naam, p in voorstel.parameters.items():
        vorm = _vorm(naam, p.waarde, bekend[naam].unit if naam in bekend else None)
        if vorm:
            found.append(InvalidParam(name=f"body.parameters.{naam}", code=vorm[0], reason=vorm[1]))
        if p.waarde < 0:
            reden = "geen bedrag, aandeel of aantal in deze regelingen is negatief"
            found.append(
                InvalidParam(name=f"body.parameters.{naam}", code="negatief", reason=reden)
            )
        if naam not in bekend:
            reden = f"geen dienst gebruikt {naam} in de regeling {regeling.naam}"
            found.append(
                InvalidParam(name=f"body.parameters.{naam}", code="onbekend", reason=reden)
            )
        elif p.eenheid != bekend[naam].unit:
            found.append(
                InvalidParam(
                    name=f"body.parameters.{naam}.eenheid",
                    code="eenheid",
                    reason=f"{naam} is in {bekend[naam].unit}, niet in {p.eenheid}",
                )
            )
    for naam in voorstel.toelichtingen:
        if naam not in voorstel.parameters:
            found.append(
                InvalidParam(
                    name=f"body.toelichtingen.{naam}",
                    code="onbekend",
                    reason=f"een toelichting bij {naam}, dat niet in de set staat",
                )
            )
    return found


GEHEEL = {"jaar", "maand", "personen"}
"""Units the rules count in whole numbers: ages, months, persons."""
FORMULE = "formule_475da"
"""The version of the statute text of the BVV formula: only a text the code implements."""


def _vorm(naam: str, waarde: Decimal, eenheid: str | None) -> tuple[str, str] | None:
    """(code, why) when the value has a form the rules cannot compute with."""
    if eenheid in GEHEEL and waarde != waarde.to_integral_value():
        return "geheel getal", f"{naam} telt in hele {eenheid}en"
    if STAP.fullmatch(naam) and not (
        0 <= waarde <= 1 and (waarde * 100) == (waarde * 100).to_integral_value()
    ):
        return "heel percentage", "een afschrijving is een heel percentage, van 0 tot 1"
    versies = {v for _, v, _ in parameters(BESLAGVRIJE_VOET.map)[FORMULE].values if v is not None}
    if naam == FORMULE and waarde not in versies:
        teksten = ", ".join(str(v) for v in sorted(versies))
        return "formuletekst", f"de code rekent alleen met de tekst van {teksten}"
    return None


def _vorige_waarde(
    sets: Parametersets, regeling: Regeling, ingangsdatum: date, naam: str
) -> Waarde | None:
    """The value of the newest earlier set that holds the parameter."""
    for s in reversed(sets.sets.get(regeling.naam, ())):
        if s.ingangsdatum < ingangsdatum and naam in s.waarden:
            return s.waarden[naam]
    return None


def buiten_band(
    sets: Parametersets, regeling: Regeling, ingangsdatum: date, voorstel: ParametersetVoorstel
) -> list[Bandafwijking]:
    """Each value outside `BAND` of the parameter's previous value, with the proposer's reason."""
    afwijkingen = []
    laag, hoog = BAND
    for naam, p in voorstel.parameters.items():
        oud = _vorige_waarde(sets, regeling, ingangsdatum, naam)
        if oud is None:
            continue
        binnen = p.waarde == oud.value if oud.value == 0 else laag <= p.waarde / oud.value <= hoog
        toelichting = voorstel.toelichtingen.get(naam)
        if not binnen:
            afwijkingen.append(
                Bandafwijking(
                    naam=naam,
                    vorige=oud.value,
                    nieuw=p.waarde,
                    toelichting=toelichting.reden
                    if toelichting and toelichting.waarde == p.waarde
                    else None,
                )
            )
    return afwijkingen


def met(sets: Parametersets, *erbij: Parameterset) -> Parametersets:
    """`sets` with each of `erbij` in force from its date (replacing a set of that date)."""
    nieuw = dict(sets.sets)
    for s in erbij:
        andere = [o for o in nieuw.get(s.regeling, ()) if o.ingangsdatum != s.ingangsdatum]
        nieuw[s.regeling] = tuple(sorted([*andere, s], key=lambda o: o.ingangsdatum))
    return Parametersets(nieuw)


NIET_TE_CONTROLEREN = "niet te controleren"
STANDAARD = "standaard"
"""The policy of every organisation that set none (in the preview)."""


def lid8(sets: Parametersets, ingangsdatum: date) -> list[str]:
    """Rv 475da lid 8 on the BVV amounts and the norms in force together from the date: each
    maximum not reproduced to the cent, or why the check cannot be made yet."""
    try:
        p = sets.in_force(ingangsdatum, [*namen(BESLAGVRIJE_VOET), *NORMEN])
    except MissingParameters as missing:
        return [f"{NIET_TE_CONTROLEREN}: {naam}: {reden}" for naam, reden in missing.missing]
    try:
        problemen = maxima_niet_gereproduceerd(ingangsdatum, p)
    except ArithmeticError as error:  # a zero where the formula divides
        return [f"niet te berekenen met deze bedragen ({type(error).__name__})"]
    return [f"{naam}: {reden}" for naam, reden in problemen]


def _beleid(
    huidig: Parametersets, kandidaat: Parametersets, peildatum: date
) -> list[BeleidVoorvertoning]:
    beleiden = [
        (STANDAARD, KwijtscheldingBeleid()),
        *((d.organisatie, d) for d in BeleidRepository().alle()),
    ]
    uitkomsten = []
    for organisatie, beleid in beleiden:
        regel = beleid.regel()
        oud = nieuw = None
        reden = None
        with contextlib.suppress(MissingParameters, OngeldigBeleid):
            oud = kosten_van_bestaan_alleenstaande(regel, peildatum, huidig)
        geldig: bool | None = True
        try:
            nieuw = kosten_van_bestaan_alleenstaande(regel, peildatum, kandidaat)
        except MissingParameters as error:
            geldig, reden = None, str(error)  # not yet known: the other sets of the date
        except OngeldigBeleid as error:
            geldig, reden = False, str(error)
        uitkomsten.append(
            BeleidVoorvertoning(
                organisatie=organisatie,
                kosten_van_bestaan_oud=oud,
                kosten_van_bestaan_nieuw=nieuw,
                geldig=geldig,
                reden=reden,
            )
        )
    return uitkomsten


def controleer(
    regeling: Regeling,
    ingangsdatum: date,
    voorstel: ParametersetVoorstel,
    huidig: Parametersets,
    kandidaat: Parametersets,
) -> Controles:
    """The checks and the preview of a proposal that passed `fouten`; `kandidaat` is `huidig`
    with the proposal (and the pending proposals of the same date) in force."""
    bvv = regeling in (BESLAGVRIJE_VOET, PARTICIPATIEWET)
    beleid = (
        _beleid(huidig, kandidaat, ingangsdatum)
        if regeling in (KWIJTSCHELDING, PARTICIPATIEWET)
        else []
    )
    verschillen = [
        b.kosten_van_bestaan_nieuw - b.kosten_van_bestaan_oud
        for b in beleid
        if b.kosten_van_bestaan_nieuw is not None and b.kosten_van_bestaan_oud is not None
    ]
    return Controles(
        compleet=True,
        band=buiten_band(huidig, regeling, ingangsdatum, voorstel),
        bandbreedte=BANDBREEDTE,
        lid8=lid8(kandidaat, ingangsdatum) if bvv else None,
        voorvertoning=Voorvertoning(
            peildatum=ingangsdatum,
            berekeningen=Berekeningen().voorvertoning(ingangsdatum, kandidaat) if bvv else None,
            beleid=beleid,
            beleid_verschillen=verschillen_van(verschillen) if beleid else None,
        ),
    )
