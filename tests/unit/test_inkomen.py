"""What a person earns per month (shared.bronnen.inkomen): the net of the polisadministratie
as the Regeling Participatiewet (netto-inkomen) computes it, which tijdvakken count,
four-weekly periods, corrections, holiday pay and other one-off payments, and a benefit
counted once. Examples: docs/domein/huishouden-en-inkomen.md HI-8 to HI-18."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D
from typing import Any

from shared.bronnen.inkomen import afleiden, netto
from shared.rules.parameters import Waarde

PEIL = date(2026, 5, 15)
RESERVERING = Waarde("vakantiebijslag_minimum", D("0.08"), date(2021, 1, 1), "-", "WML art. 15")


def opgave(periode: str = "2026-05", **extra: Any) -> dict[str, Any]:
    begin = date.fromisoformat(f"{periode}-01")
    return {
        "begindatum": date(2025, 1, 1),
        "einddatum": None,
        "periode": periode,
        "loontijdvak": "maand",
        "tijdvak_begin": begin,
        "tijdvak_einde": (begin + timedelta(days=32)).replace(day=1),
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
    """docs/domein/huishouden-en-inkomen.md HI-8: 2.200,00 − 300,00 LB − 10,00 Zvw − 12,00
    WGA − 150,00 auto − 50,00 vrijgesteld."""
    assert netto(opgave()) == D("1678.00")


def test_four_weekly_pay_counts_13_12_per_month() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-9: 1.678,00 × 13/12."""
    found = afleiden({"uwv-polis": [opgave(loontijdvak="vier_weken")]}, PEIL)
    assert found.netto_maand == D("1678.00") * 13 / 12


def test_two_four_weekly_tijdvakken_in_one_month_count_as_one() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-10. The month with a thirteenth tijdvak
    holds two opgaven: one tijdvak counts, × 13/12."""
    eerste = opgave(loontijdvak="vier_weken", tijdvak_begin=date(2026, 5, 1))
    tweede = opgave(loontijdvak="vier_weken", tijdvak_begin=date(2026, 5, 29))
    found = afleiden({"uwv-polis": [eerste, tweede]}, PEIL)
    assert found.netto_maand == D("1678.00") * 13 / 12


def test_a_correction_of_a_tijdvak_replaces_it() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-11: the later opgave of a tijdvak counts."""
    fout = opgave(loon_lb_cent=999900)
    assert afleiden({"uwv-polis": [fout, opgave()]}, PEIL).netto_maand == D("1678.00")


def vakantiegeld_in_mei(bedrag_cent: int) -> dict[str, Any]:
    return opgave(
        vakantiegeld_cent=bedrag_cent, ingehouden_lb_cent=104000, ingehouden_lb_bijzonder_cent=74000
    )


def test_holiday_pay_is_not_regular_monthly_income_and_not_multiplied_by_twelve() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-12: net 2.000,00 − 740,00 = 1.260,00 apart;
    gross year 12 × 2.200,00 + 2.000,00."""
    found = afleiden({"uwv-polis": [opgave("2026-04"), vakantiegeld_in_mei(200000)]}, PEIL)
    assert found.netto_maand == D("1678.00")
    assert (found.vakantiegeld_bruto_jaar, found.vakantiegeld_netto_jaar) == (
        D("2000.00"),
        D("1260.00"),
    )
    assert found.bruto_jaar == D("2200.00") * 12 + D("2000.00")


def test_with_holiday_pay_a_twelfth_of_what_was_paid_or_else_the_reservation() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-13. Rv 475dc lid 1 counts the income
    "inclusief vakantiebijslag": 1.678,00 + 1.660,00 / 12, or 1.678,00 × 1,08."""
    betaald = afleiden({"uwv-polis": [vakantiegeld_in_mei(240000)]}, PEIL)
    assert betaald.met_vakantiegeld(RESERVERING) == (D("1678.00") + D("1660.00") / 12, None)
    netto_maand, lezing = afleiden({"uwv-polis": [opgave()]}, PEIL).met_vakantiegeld(RESERVERING)
    assert netto_maand == D("1678.00") * D("1.08")
    assert lezing is not None
    assert "8% van het netto loon gereserveerd" in lezing


def test_a_relation_ended_on_or_before_the_date_does_not_count_one_ending_later_does() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-14. What the person can expect to receive
    (URI art. 13, Rv 475dc): a job whose einddatum (exclusive) is the reference date is
    gone."""
    assert afleiden({"uwv-polis": [opgave("2026-04", einddatum=PEIL)]}, PEIL).netto_maand == D(0)
    later = opgave("2026-04", einddatum=date(2026, 5, 16))
    assert afleiden({"uwv-polis": [later]}, PEIL).netto_maand == D("1678.00")


def test_an_opgave_counts_up_to_two_months_before_the_month() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-15 (polis_recentheid_maanden)."""
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
    """docs/domein/huishouden-en-inkomen.md HI-16: 2.200,00 − 300,00 − 10,00 − 12,00."""
    in_polis = opgave(
        soort_inkomen="uitkering",
        uitkeringsinstantie="UWV",
        prive_auto_cent=0,
        vrijgesteld_cent=0,
    )
    found = afleiden({"uwv-polis": [in_polis], "uitkeringen": [ww()]}, PEIL)
    assert found.netto_maand == D("1878.00")
    assert found.lezingen == ()


def test_a_benefit_not_in_the_polis_counts_as_delivered_and_says_gross() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-17."""
    found = afleiden({"uitkeringen": [ww()]}, PEIL)
    assert found.netto_maand == D("1500.00")
    assert "bruto" in found.lezingen[0]
    assert afleiden({"uitkeringen": [ww(einde=PEIL)]}, PEIL).netto_maand == D(0)


def test_kinderbijslag_is_no_income() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-18."""
    kinderbijslag = ww() | {"instantie": "SVB", "regeling": "KINDERBIJSLAG"}
    assert afleiden({"uitkeringen": [kinderbijslag]}, PEIL).netto_maand == D(0)
