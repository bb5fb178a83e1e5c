"""A household's figures from source records: what is derived, from where, and what is not."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from shared.kwijtschelding.gegevens import BRONNEN, afleiden, partner_van
from shared.rules.kwijtschelding.toets import Leefsituatie

PEIL = date(2026, 3, 1)
ALLE = set(BRONNEN)


def kind(geboren: date) -> dict[str, object]:
    return {"soort": "kind", "begindatum": geboren, "einddatum": None, "relatie_bsn": "1"}


def test_a_child_born_on_29_february_is_a_minor_until_1_march() -> None:
    records = {"brp-relaties": [kind(date(2008, 2, 29))]}
    on_28_feb = afleiden(records, None, date(2026, 2, 28), set(), ALLE)
    assert on_28_feb.waarden["leefsituatie"] is Leefsituatie.ALLEENSTAANDE_OUDER
    on_1_march = afleiden(records, None, date(2026, 3, 1), set(), ALLE)
    assert on_1_march.waarden["leefsituatie"] is Leefsituatie.ALLEENSTAANDE


def test_partner_income_counts_kinderbijslag_does_not_aow_makes_pensioner() -> None:
    aanvrager = {
        "brp-relaties": [
            {
                "soort": "partner",
                "begindatum": date(2000, 1, 1),
                "einddatum": None,
                "relatie_bsn": "p",
            }
        ],
        "uitkeringen": [
            {
                "regeling": "KINDERBIJSLAG",
                "begindatum": date(2020, 1, 1),
                "einddatum": None,
                "bedrag_per_maand_cent": 30000,
            },
            {
                "regeling": "WW",
                "begindatum": date(2025, 1, 1),
                "einddatum": date(2026, 1, 1),
                "bedrag_per_maand_cent": 99999,
            },
        ],
    }
    partner = {
        "uitkeringen": [
            {
                "regeling": "AOW",
                "begindatum": date(2024, 1, 1),
                "einddatum": None,
                "bedrag_per_maand_cent": 150000,
            }
        ],
        "uwv-polis": [
            {"periode": "2026-01", "loon_incl_vakantiegeld_cent": 20000},
            {"periode": "2026-02", "loon_incl_vakantiegeld_cent": 30000},
            {"periode": "2026-04", "loon_incl_vakantiegeld_cent": 99999},
        ],
    }
    assert partner_van(aanvrager, PEIL) == "p"
    found = afleiden(aanvrager, partner, PEIL, set(), ALLE)
    assert found.waarden["leefsituatie"] is Leefsituatie.GEHUWD
    assert found.waarden["pensioengerechtigd"] is True
    # AOW 1500.00 + the wage of February (the latest month on or before the date); the WW
    # ended before the date and kinderbijslag does not count (URI art. 14 lid 1 c)
    assert found.waarden["netto_besteedbaar_inkomen_maand"] == D("1800.00")
    assert any("bruto" in w for w in found.waarschuwingen)


def test_the_most_valuable_car_is_tested_and_the_others_are_named() -> None:
    cars = [
        {
            "kenteken": "AA11BB",
            "catalogusprijs_cent": 3000000,
            "datum_eerste_toelating": date(2020, 1, 1),
            "tenaamstelling_sinds": date(2021, 1, 1),
        },
        {
            "kenteken": "CC22DD",
            "catalogusprijs_cent": 1000000,
            "datum_eerste_toelating": date(2025, 6, 1),
            "tenaamstelling_sinds": date(2025, 6, 1),
        },
        {
            "kenteken": "EE33FF",
            "catalogusprijs_cent": 9000000,
            "datum_eerste_toelating": date(2026, 1, 1),
            "tenaamstelling_sinds": date(2026, 6, 1),
        },
    ]
    found = afleiden({"rdw-voertuigen": cars}, None, PEIL, set(), ALLE)
    # 2020-01-01 → 74 months: 77% off 30,000; 2025-06-01 → 9 months: 24% off 10,000;
    # the third is registered to them only after the date
    assert [(v.kenteken, v.waarde) for v in found.voertuigen] == [
        ("CC22DD", D("7600.00")),
        ("AA11BB", D("6900.00")),
    ]
    assert found.waarden["auto_waarde"] == D("7600.00")
    assert "2 voertuigen op naam: alleen het waardevolste is getoetst" in found.waarschuwingen


def test_what_was_given_or_has_no_snapshot_is_not_derived() -> None:
    found = afleiden({}, None, PEIL, {"leefsituatie"}, ALLE - {"bd-rekeningen"})
    assert "leefsituatie" not in found.waarden
    assert "liquide_middelen" not in found.waarden
    assert found.waarden["auto_waarde"] == D(0)  # RDW has a snapshot: no vehicle on name
