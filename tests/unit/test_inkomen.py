"""What a person earns per month (shared.bronnen.inkomen): the net of the polisadministratie
as the Regeling Participatiewet (netto-inkomen) computes it, which months count, four-weekly
periods, one-off payments, and a benefit counted once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

from shared.bronnen.inkomen import afleiden, netto

PEIL = date(2026, 5, 15)


def opgave(periode: str = "2026-05", **extra: Any) -> dict[str, Any]:
    return {
        "begindatum": date(2025, 1, 1),
        "einddatum": None,
        "periode": periode,
        "loontijdvak": "maand",
        "loonheffingennummer": "123456789L01",
        "soort_inkomen": "dienstbetrekking",
        "uitkeringsinstantie": None,
        "loon_sv_cent": 200000,
        "loon_lb_cent": 220000,
        "vakantiegeld_cent": 0,
        "eenmalig_cent": 0,
        "ingehouden_lb_cent": 30000,
        "ingehouden_lb_bijzonder_cent": 0,
        "zvw_inhouding_cent": 1000,
        "wga_premie_cent": 1200,
        "prive_auto_cent": 15000,
        "vrijgesteld_cent": 5000,
        "verloonde_uren": D("160.00"),
    } | extra


def test_net_is_taxable_wage_minus_withholdings_car_and_exempt_advantages() -> None:
    """2.200,00 − 300,00 LB − 10,00 Zvw − 12,00 WGA − 150,00 auto − 50,00 vrijgesteld."""
    assert netto(opgave()) == D("1678.00")


def test_four_weekly_pay_counts_13_12_per_month() -> None:
    found = afleiden({"uwv-polis": [opgave(loontijdvak="vier_weken")]}, PEIL)
    assert found.netto_maand == D("1678.00") * 13 / 12


def test_holiday_pay_is_not_monthly_income_and_not_multiplied_by_twelve() -> None:
    mei = opgave(
        vakantiegeld_cent=200000, ingehouden_lb_cent=104000, ingehouden_lb_bijzonder_cent=74000
    )
    found = afleiden({"uwv-polis": [opgave("2026-04"), mei]}, PEIL)
    assert found.netto_maand == D("1678.00")
    assert (found.eenmalig_bruto_jaar, found.eenmalig_netto_jaar) == (D("2000.00"), D("1260.00"))
    assert found.bruto_jaar == D("2200.00") * 12 + D("2000.00")


def test_a_relation_ended_before_the_month_does_not_count_one_ending_in_it_does() -> None:
    ended = opgave("2026-04", einddatum=date(2026, 5, 1))
    assert afleiden({"uwv-polis": [ended]}, PEIL).netto_maand == D(0)
    ending = opgave("2026-04", einddatum=date(2026, 5, 2))
    assert afleiden({"uwv-polis": [ending]}, PEIL).netto_maand == D("1678.00")


def test_an_opgave_counts_up_to_two_months_before_the_month() -> None:
    assert afleiden({"uwv-polis": [opgave("2026-03")]}, PEIL).netto_maand == D("1678.00")
    assert afleiden({"uwv-polis": [opgave("2026-02")]}, PEIL).netto_maand == D(0)
    assert afleiden({"uwv-polis": [opgave("2026-06")]}, PEIL).netto_maand == D(0)


def ww(einde: date | None = None) -> dict[str, Any]:
    return {
        "instantie": "UWV",
        "regeling": "WW",
        "begindatum": date(2026, 1, 1),
        "einddatum": einde,
        "bedrag_per_maand_cent": 150000,
    }


def test_a_benefit_in_the_polis_is_counted_once() -> None:
    in_polis = opgave(
        soort_inkomen="uitkering", uitkeringsinstantie="UWV", prive_auto_cent=0, vrijgesteld_cent=0
    )
    found = afleiden({"uwv-polis": [in_polis], "uitkeringen": [ww()]}, PEIL)
    assert found.netto_maand == D("1878.00")
    assert found.lezingen == ()


def test_a_benefit_not_in_the_polis_counts_as_delivered_and_says_gross() -> None:
    found = afleiden({"uitkeringen": [ww()]}, PEIL)
    assert found.netto_maand == D("1500.00")
    assert "bruto" in found.lezingen[0]
    assert afleiden({"uitkeringen": [ww(einde=PEIL)]}, PEIL).netto_maand == D(0)


def test_kinderbijslag_is_no_income() -> None:
    kinderbijslag = ww() | {"instantie": "SVB", "regeling": "KINDERBIJSLAG"}
    assert afleiden({"uitkeringen": [kinderbijslag]}, PEIL).netto_maand == D(0)
