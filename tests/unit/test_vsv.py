"""The VSV priorities and target group, each rule and each boundary from both sides: the
threshold (EUR 579.99/580.00 in 2024, EUR 300 in 2023), the age (26/27 from 2026-01-01,
22/23 before), Ziektewet as work, a pension ignored."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shared.rules.vsv import Prioriteit, Soort, Verhouding, buiten_doelgroep, prioriteit

IN_2024, IN_2023 = date(2024, 3, 1), date(2023, 3, 1)


def loon(bedrag: str, soort: Soort = Soort.LOON) -> Verhouding:
    return Verhouding(soort, Decimal(bedrag))


@pytest.mark.parametrize(
    ("verhoudingen", "peildatum", "verwacht"),
    [
        ([], IN_2024, Prioriteit.GEEN_WERK_OF_UITKERING),
        ([loon("579.99")], IN_2024, Prioriteit.WEINIG_WERK),
        ([loon("580.00")], IN_2024, Prioriteit.WERK),  # the threshold itself: not below it
        ([loon("299.99")], IN_2023, Prioriteit.WEINIG_WERK),
        ([loon("300.00")], IN_2023, Prioriteit.WERK),
        ([loon("400.00")], IN_2023, Prioriteit.WERK),
        ([loon("400.00")], IN_2024, Prioriteit.WEINIG_WERK),  # the same wage a year later
        ([loon("300.00"), loon("280.00")], IN_2024, Prioriteit.WERK),  # relations added up
        ([loon("700.00", Soort.ZIEKTEWET)], IN_2024, Prioriteit.WERK),  # Ziektewet is work
        ([loon("100.00"), loon("900.00", Soort.UITKERING)], IN_2024, Prioriteit.WERK_EN_UITKERING),
        (
            [loon("900.00", Soort.ZIEKTEWET), loon("300.00", Soort.UITKERING)],
            IN_2024,
            Prioriteit.WERK_EN_UITKERING,
        ),
        ([loon("900.00", Soort.UITKERING)], IN_2024, Prioriteit.UITKERING),
        ([loon("400.00", Soort.PENSIOEN)], IN_2024, Prioriteit.GEEN_WERK_OF_UITKERING),
        ([loon("400.00", Soort.LIJFRENTE), loon("650.00")], IN_2024, Prioriteit.WERK),
        ([loon("0.00")], IN_2024, Prioriteit.WEINIG_WERK),  # a job paying nothing is work
        ([loon("400.00")], date(2023, 12, 31), Prioriteit.WERK),  # the last day of EUR 300
        ([loon("400.00")], date(2024, 1, 1), Prioriteit.WEINIG_WERK),  # the first of EUR 580
        ([loon("700.00"), loon("-150.00")], IN_2024, Prioriteit.WEINIG_WERK),  # a correction
        ([loon("300.00"), loon("300.00", Soort.ZIEKTEWET)], IN_2024, Prioriteit.WERK),
    ],
)
def test_each_priority_rule(
    verhoudingen: list[Verhouding], peildatum: date, verwacht: Prioriteit
) -> None:
    assert prioriteit(verhoudingen, peildatum).prioriteit is verwacht


def test_the_threshold_used_is_named_with_its_date() -> None:
    uitkomst = prioriteit([loon("579.99")], IN_2024)
    assert uitkomst.loon == Decimal("579.99")
    assert [(w.naam, w.value) for w in uitkomst.parameters] == [
        ("doorstroompunt_inkomensdrempel", Decimal("580.00"))
    ]


@pytest.mark.parametrize(
    ("geboren", "peildatum", "buiten"),
    [
        (date(1999, 1, 2), date(2026, 1, 1), False),  # 26 on 2026-01-01
        (date(1999, 1, 1), date(2026, 1, 1), True),  # 27 that day
        (date(2003, 1, 1), date(2025, 12, 31), False),  # 22 before the change
        (date(2002, 12, 31), date(2025, 12, 31), True),  # 23 before the change
        (date(2002, 12, 31), date(2026, 1, 1), False),  # 23 after it: still followed
    ],
)
def test_the_target_group_age_before_and_after_2026(
    geboren: date, peildatum: date, buiten: bool
) -> None:
    assert (buiten_doelgroep(geboren, False, peildatum) is not None) is buiten


def test_a_startkwalificatie_leaves_the_target_group() -> None:
    assert buiten_doelgroep(date(2005, 1, 1), True, date(2026, 3, 1)) == (
        "heeft een startkwalificatie"
    )
