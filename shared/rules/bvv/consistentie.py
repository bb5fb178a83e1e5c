"""The check the published maxima must pass: Rv 475da lid 8 says the four maxima of lid 1
equal the formula of lid 2 at the income where I × F/12 (or I × G/12) equals H, the maximale
rekenhuur. A set of amounts in which they do not (a norm typed ten times too high, a maximum
of the wrong half year) is inconsistent; the check names each maximum it does not reproduce,
before anyone approves the set."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from shared.rules import afronding
from shared.rules.bvv.formule import Invoer, Leefsituatie, bereken
from shared.rules.parameters import Waarde

TWAALF = Decimal(12)


def _lid_8_inkomen(leefsituatie: Leefsituatie, p: dict[str, Waarde]) -> Decimal:
    """C at which I × F/12 (eenpersoons) or I × G/12 (meerpersoons) equals H."""
    soort = "eenpersoons" if leefsituatie is Leefsituatie.ALLEENSTAANDE else "meerpersoons"
    afbouw, ijkpunt = p[f"afbouw_{soort}"].value, p[f"ijkpunt_{soort}"].value
    return p["maximale_huurgrens"].value * TWAALF / afbouw + ijkpunt


def maxima_niet_gereproduceerd(peildatum: date, p: dict[str, Waarde]) -> list[tuple[str, str]]:
    """Per maximum the formula does not reproduce to the cent: (its name, why)."""
    problemen = []
    for leefsituatie in Leefsituatie:
        naam = f"maximum_{leefsituatie.value.lower()}"
        inkomen = _lid_8_inkomen(leefsituatie, p)
        # the monthly income set as high as C: the 95% cap of art. 475dc does not bind
        invoer = Invoer(peildatum, leefsituatie, True, inkomen, inkomen)
        formule = afronding.op_centen(
            sum(
                (o.bedrag for o in bereken(invoer, p).onderdelen if o.code != "MAXIMUM"),
                Decimal(0),
            )
        )
        if formule != p[naam].value:
            problemen.append(
                (
                    naam,
                    f"de formule van lid 2 geeft bij het inkomen van lid 8 (€ {inkomen:.2f}) "
                    f"€ {formule}, niet € {p[naam].value} (Rv art. 475da lid 8)",
                )
            )
    return problemen
