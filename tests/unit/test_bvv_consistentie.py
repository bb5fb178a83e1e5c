"""Rv 475da lid 8 as a check on a set of amounts: the four maxima of lid 1 are the formula
of lid 2 at the lid-8 income (docs/domein/beslagvrije-voet.md BVV-11); a set that does not
reproduce them is caught, naming each maximum, before anyone approves it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from shared.rules.bvv.consistentie import maxima_niet_gereproduceerd
from shared.rules.bvv.formule import NORMEN
from shared.rules.parameters import BESLAGVRIJE_VOET, Waarde, in_force, namen

JAN_2026 = date(2026, 1, 15)


def set_van(**gewijzigd: str) -> dict[str, Waarde]:
    p = in_force(JAN_2026, [*namen(BESLAGVRIJE_VOET), *NORMEN])
    for naam, waarde in gewijzigd.items():
        p[naam] = replace(p[naam], value=Decimal(waarde))
    return p


def test_the_amounts_in_force_reproduce_the_four_published_maxima_to_the_cent() -> None:
    assert maxima_niet_gereproduceerd(JAN_2026, set_van()) == []


def test_a_norm_typed_ten_times_too_high_is_caught_for_the_maxima_it_feeds() -> None:
    problemen = maxima_niet_gereproduceerd(JAN_2026, set_van(norm_alleenstaande="14015.00"))
    assert [naam for naam, _ in problemen] == [
        "maximum_alleenstaande",
        "maximum_alleenstaande_ouder",
    ]
    assert "Rv art. 475da lid 8" in problemen[0][1]


def test_a_maximum_one_cent_off_is_named() -> None:
    problemen = maxima_niet_gereproduceerd(JAN_2026, set_van(maximum_gehuwd_met_kinderen="3155.32"))
    assert problemen == [
        (
            "maximum_gehuwd_met_kinderen",
            "de formule van lid 2 geeft bij het inkomen van lid 8 (€ 82387.09) € 3155.31, "
            "niet € 3155.32 (Rv art. 475da lid 8)",
        )
    ]
