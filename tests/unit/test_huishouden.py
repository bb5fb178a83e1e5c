"""Who is in the household on a date (shared.bronnen.huishouden): Participatiewet art. 3,
4 and 19a, read from the BRP and DUO. Each boundary from both sides. Examples:
docs/domein/huishouden-en-inkomen.md HI-1 to HI-7."""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.bronnen.huishouden import LEZING_PARTNER_ELDERS, Records, afleiden

PEIL = date(2026, 3, 1)
IK, PARTNER, KIND, ANDER = "111222333", "123456782", "999999990", "100000009"


def persoon(
    geboren: date, huisnummer: int = 12, toevoeging: str | None = "1", **extra: Any
) -> Records:
    row = {
        "geboortedatum": geboren,
        "overlijdensdatum": None,
        "land": "NL",
        "postcode": "1234AB",
        "huisnummer": huisnummer,
        "huisletter": None,
        "huisnummertoevoeging": toevoeging,
        "adres_sinds": date(2010, 1, 1),
    } | extra
    return {"brp-personen": [row]}


def relatie(
    soort: str, bsn: str, begin: date = date(2000, 1, 1), einde: date | None = None
) -> dict[str, Any]:
    return {"soort": soort, "relatie_bsn": bsn, "begindatum": begin, "einddatum": einde}


def test_a_child_is_a_minor_by_its_own_birth_date_until_the_day_it_turns_18() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-1. Pw art. 4 lid 1 b: under 18; born
    29 February 2008 turns 18 on 1 March 2026. The relation's start (here 2000) is not the
    birth date."""
    ik = persoon(date(1980, 1, 1)) | {"brp-relaties": [relatie("kind", KIND)]}
    personen = {IK: ik, KIND: persoon(date(2008, 2, 29))}
    assert afleiden(IK, date(2026, 2, 28), personen).kinderen == (KIND,)
    assert afleiden(IK, date(2026, 3, 1), personen).kinderen == ()


def test_a_child_living_elsewhere_is_not_in_the_household() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-2: 12-2 is another home (Pw art. 4 lid 1 b)."""
    ik = persoon(date(1980, 1, 1)) | {"brp-relaties": [relatie("kind", KIND)]}
    elders = {IK: ik, KIND: persoon(date(2015, 1, 1), toevoeging="2")}
    assert afleiden(IK, PEIL, elders).kinderen == ()


def test_a_relation_ending_on_the_date_is_over() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-3. Half-open periods: the einddatum is the
    first day the marriage no longer exists."""
    ik = persoon(date(1980, 1, 1)) | {"brp-relaties": [relatie("partner", PARTNER, einde=PEIL)]}
    personen = {IK: ik, PARTNER: persoon(date(1980, 1, 1))}
    assert afleiden(IK, PEIL, personen).partner is None
    assert afleiden(IK, date(2026, 2, 28), personen).partner == PARTNER


def test_a_spouse_at_another_address_stays_the_partner_and_the_reading_says_so() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-4. Pw art. 3 lid 2 b (duurzaam gescheiden)
    cannot be read from the sources."""
    ik = persoon(date(1980, 1, 1)) | {"brp-relaties": [relatie("partner", PARTNER)]}
    h = afleiden(IK, PEIL, {IK: ik, PARTNER: persoon(date(1980, 1, 1), huisnummer=99)})
    assert h.partner == PARTNER
    assert LEZING_PARTNER_ELDERS in h.lezingen


def test_kostendeler_from_27_on_the_boundary_day() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-5. Pw art. 19a lid 1: "de persoon van 27
    jaar of ouder"."""
    personen = {IK: persoon(date(1980, 1, 1)), ANDER: persoon(date(1999, 3, 1))}
    assert afleiden(IK, date(2026, 2, 28), personen, [IK, ANDER]).kostendelers == ()
    assert afleiden(IK, date(2026, 3, 1), personen, [IK, ANDER]).kostendelers == (ANDER,)


def test_12_1_and_12_2_are_two_homes() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-6: the full address key."""
    personen = {IK: persoon(date(1980, 1, 1)), ANDER: persoon(date(1960, 1, 1), toevoeging="2")}
    assert afleiden(IK, PEIL, personen, [IK, ANDER]).kostendelers == ()
    samen = personen | {ANDER: persoon(date(1960, 1, 1), toevoeging="1")}
    assert afleiden(IK, PEIL, samen, [IK, ANDER]).kostendelers == (ANDER,)


def test_partner_student_dead_and_future_residents_are_no_kostendelers() -> None:
    """docs/domein/huishouden-en-inkomen.md HI-7. Pw art. 19a lid 1 a (the spouse) and d
    (in education with studiefinanciering)."""
    ik = persoon(date(1980, 1, 1)) | {"brp-relaties": [relatie("partner", PARTNER)]}
    student = persoon(date(1996, 1, 1)) | {
        "duo-studiefinanciering": [{"begindatum": date(2025, 9, 1), "einddatum": None}]
    }
    personen = {
        IK: ik,
        PARTNER: persoon(date(1980, 1, 1)),
        ANDER: student,
        "1": persoon(date(1950, 1, 1), overlijdensdatum=date(2026, 1, 1)),
        "2": persoon(date(1950, 1, 1), adres_sinds=date(2026, 4, 1)),
    }
    h = afleiden(IK, PEIL, personen, [IK, PARTNER, ANDER, "1", "2"])
    assert (h.partner, h.kostendelers) == (PARTNER, ())
    assert any("niet als kostendeler geteld" in lezing for lezing in h.lezingen)
    afgestudeerd = student | {
        "duo-studiefinanciering": [{"begindatum": date(2020, 9, 1), "einddatum": PEIL}]
    }
    assert afleiden(IK, PEIL, personen | {ANDER: afgestudeerd}, [IK, ANDER]).kostendelers == (
        ANDER,
    )
