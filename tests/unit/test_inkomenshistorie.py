"""A household's income per month from its records (shared/bronnen/inkomenshistorie.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from shared.bronnen.inkomenshistorie import per_maand

PEIL = date(2026, 6, 1)


def opgave(periode: str, loon: int, **extra: Any) -> dict[str, Any]:
    begin = date.fromisoformat(f"{periode}-01")
    return {
        "loonheffingennummer": "123456789L01",
        "begindatum": date(2025, 1, 1),
        "einddatum": None,
        "periode": periode,
        "loontijdvak": "maand",
        "tijdvak_begin": begin,
        "uitkeringsinstantie": None,
        "loon_lb_cent": loon,
        "prive_auto_cent": 0,
        "vrijgesteld_cent": 0,
        "ingehouden_lb_cent": 0,
        "ingehouden_lb_bijzonder_cent": 0,
        "zvw_inhouding_cent": 0,
        "wga_premie_cent": 0,
        "vakantiegeld_cent": 0,
        "eenmalig_cent": 0,
        **extra,
    }


def test_a_month_is_the_net_of_its_tijdvakken_and_a_correction_replaces() -> None:
    records = {
        "uwv-polis": [
            opgave("2026-01", 150_000),
            opgave("2026-02", 150_000),
            opgave("2026-02", 120_000),  # the correction of February
        ]
    }
    [jan, feb, mrt] = per_maand("1", None, {"1": records}, ["2026-01", "2026-02", "2026-03"], PEIL)
    assert (jan.netto, feb.netto) == (Decimal("1500.00"), Decimal("1200.00"))
    assert mrt.netto is None
    assert mrt.reden is not None


def test_four_weekly_pay_counts_its_monthly_equivalent_once_a_month() -> None:
    records = {
        "uwv-polis": [
            opgave("2026-01", 120_000, loontijdvak="vier_weken", tijdvak_begin=date(2026, 1, 1)),
            opgave("2026-01", 120_000, loontijdvak="vier_weken", tijdvak_begin=date(2026, 1, 29)),
        ]
    }
    [jan] = per_maand("1", None, {"1": records}, ["2026-01"], PEIL)
    assert jan.netto == Decimal(1200) * Decimal(13) / Decimal(12)


def test_holiday_pay_is_accrued_over_the_twelve_months_it_was_earned_in() -> None:
    """Art. 32 lid 2: paid in May 2026, earned June 2025 to May 2026."""
    records = {
        "uwv-polis": [
            opgave("2025-06", 100_000),
            opgave("2026-05", 150_000, vakantiegeld_cent=120_000, eenmalig_cent=24_000),
        ]
    }
    maanden = ["2025-05", "2025-06", "2026-05", "2026-06"]
    [voor, eerste, laatste, na] = per_maand("1", None, {"1": records}, maanden, PEIL)
    assert [m.vakantiegeld for m in (voor, eerste, laatste, na)] == [0, 100, 100, 0]
    assert eerste.netto == Decimal(1020)  # the wage and a twelfth of the other one-off
    assert laatste.netto == Decimal(1520)


def test_a_benefit_outside_the_polis_counts_bijstand_is_flagged_kinderbijslag_not() -> None:
    records = {
        "uitkeringen": [
            {
                "instantie": "SVB",
                "regeling": "ANW",
                "bedrag_per_maand_cent": 50_000,
                "begindatum": date(2026, 1, 15),
                "einddatum": None,
            },
            {
                "instantie": "SVB",
                "regeling": "KINDERBIJSLAG",
                "bedrag_per_maand_cent": 30_000,
                "begindatum": date(2025, 1, 1),
                "einddatum": None,
            },
        ],
        "gemeenten-uitkeringen": [
            {"regeling": "PW", "begindatum": date(2025, 6, 1), "einddatum": date(2026, 1, 1)}
        ],
    }
    [dec, jan] = per_maand("1", None, {"1": records}, ["2025-12", "2026-01"], PEIL)
    assert (dec.netto, dec.bijstand) == (Decimal(0), True)
    assert (jan.netto, jan.bijstand) == (Decimal(500), False)


def test_a_gemeente_benefit_without_an_amount_leaves_its_months_open() -> None:
    records = {
        "gemeenten-uitkeringen": [
            {"regeling": "IOAW", "begindatum": date(2026, 1, 1), "einddatum": None}
        ]
    }
    [dec, jan] = per_maand("1", None, {"1": records}, ["2025-12", "2026-01"], PEIL)
    assert dec.netto is None
    assert (jan.netto, jan.reden) == (
        None,
        "een IOAW-uitkering van de gemeente, zonder bedrag in de bronnen",
    )


def test_a_partner_other_than_the_one_read_leaves_the_month_open() -> None:
    def relatie(bsn: str, begin: date, einde: date | None) -> dict[str, Any]:
        return {"soort": "partner", "relatie_bsn": bsn, "begindatum": begin, "einddatum": einde}

    eigen = {
        "brp-relaties": [
            relatie("2", date(2020, 1, 1), date(2026, 2, 1)),
            relatie("3", date(2026, 3, 1), None),
        ],
        "uwv-polis": [opgave("2026-01", 100_000), opgave("2026-02", 100_000)],
    }
    partner = {"uwv-polis": [opgave("2026-03", 50_000)]}
    jan, feb, mrt = per_maand(
        "1", "3", {"1": eigen, "3": partner}, ["2026-01", "2026-02", "2026-03"], PEIL
    )
    assert (jan.netto, jan.reden) == (None, "een andere partner in deze maand")
    assert (feb.netto, feb.gehuwd) == (Decimal(1000), False)
    assert (mrt.netto, mrt.gehuwd) == (Decimal(500), True)
