"""Who turns 18 in a month, from both sides of its first and last day."""

from __future__ import annotations

from datetime import date

import pytest

from shared.vsv.suggesties import wordt_in

MAART = (date(2026, 3, 1), date(2026, 3, 31))


@pytest.mark.parametrize(
    ("geboren", "in_maart"),
    [
        (date(2008, 2, 28), False),  # 18 on 28 February
        (date(2008, 3, 1), True),  # 18 on the first day
        (date(2008, 3, 31), True),  # 18 on the last day
        (date(2008, 4, 1), False),  # 18 on 1 April
        (date(2008, 2, 29), True),  # a common year: 18 on 1 March
        (date(2007, 3, 15), False),  # 19 in March
    ],
)
def test_turning_18_in_march_2026(geboren: date, in_maart: bool) -> None:
    assert wordt_in(geboren, 18, *MAART) is in_maart
