"""A household's figures from source records: what is derived, from where, and what is not
(and then why). Examples: docs/domein/kwijtschelding.md KWS-27 and KWS-42 to KWS-44; the
derivation: docs/domein/huishouden-en-inkomen.md."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

from shared.bronnen import huishouden
from shared.bronnen.huishouden import Leefsituatie, Records
from shared.kwijtschelding.gegevens import NODIG, Afgeleid, afleiden

PEIL = date(2026, 3, 1)
ALLE = set().union(*NODIG.values())
IK, PARTNER = "111222333", "123456782"


def brp(**extra: Any) -> list[dict[str, Any]]:
    return [
        {
            "geboortedatum": date(1970, 1, 1),
            "overlijdensdatum": None,
            "land": "NL",
            "postcode": "1234AB",
            "huisnummer": 1,
            "huisletter": None,
            "huisnummertoevoeging": None,
            "adres_sinds": date(2000, 1, 1),
        }
        | extra
    ]


def afgeleid(
    personen: dict[str, Records], gegeven: frozenset[str] = frozenset(), bekend: set[str] = ALLE
) -> Afgeleid:
    return afleiden(huishouden.afleiden(IK, PEIL, personen), personen, set(gegeven), bekend)


def test_partner_income_counts_kinderbijslag_does_not_aow_makes_pensioner() -> None:
    """docs/domein/kwijtschelding.md KWS-42: netto inkomen 1.500,00, the partner's AOW."""
    aanvrager = {
        "brp-personen": brp(),
        "brp-relaties": [
            {
                "soort": "partner",
                "begindatum": date(2000, 1, 1),
                "einddatum": None,
                "relatie_bsn": PARTNER,
            }
        ],
        "uitkeringen": [
            {
                "instantie": "SVB",
                "regeling": "KINDERBIJSLAG",
                "begindatum": date(2020, 1, 1),
                "einddatum": None,
                "bedrag_per_maand_cent": 30000,
            },
            {
                "instantie": "UWV",
                "regeling": "WW",
                "begindatum": date(2025, 1, 1),
                "einddatum": PEIL,
                "bedrag_per_maand_cent": 99999,
            },
        ],
    }
    partner = {
        "brp-personen": brp(),
        "uitkeringen": [
            {
                "instantie": "SVB",
                "regeling": "AOW",
                "begindatum": date(2024, 1, 1),
                "einddatum": None,
                "bedrag_per_maand_cent": 150000,
            }
        ],
    }
    found = afgeleid({IK: aanvrager, PARTNER: partner})
    assert found.waarden["leefsituatie"] is Leefsituatie.GEHUWD
    assert found.waarden["pensioengerechtigd"] is True
    # the partner's AOW (not in the polis: as delivered); the WW ended on the date (half-open)
    # and kinderbijslag is no income (URI art. 14 lid 1 c)
    assert found.waarden["netto_inkomen_maand"] == D("1500.00")
    assert any("bruto" in w for w in found.waarschuwingen)


def test_every_car_is_valued_the_most_valuable_first() -> None:
    """docs/domein/kwijtschelding.md KWS-27 (the second and third rows)."""
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
    found = afgeleid({IK: {"brp-personen": brp(), "rdw-voertuigen": cars}})
    # 2020-01-01 → 74 months: 77% off 30,000; 2025-06-01 → 9 months: 24% off 10,000;
    # the third is registered to them only after the date
    assert [(v.kenteken, v.waarde) for v in found.voertuigen] == [
        ("CC22DD", D("7600.00")),
        ("AA11BB", D("6900.00")),
    ]
    assert found.waarden["auto_waarde"] == D("7600.00")
    assert found.waarden["overige_autos"] == (D("6900.00"),)


def test_balances_are_the_latest_per_account_on_or_before_the_date_and_named() -> None:
    """docs/domein/kwijtschelding.md KWS-43: 1.000,00 on 2025-12-31."""
    rekeningen = [
        {"iban": "NL91ABNA0417164300", "peildatum": date(2024, 12, 31), "saldo_cent": 900000},
        {"iban": "NL91ABNA0417164300", "peildatum": date(2025, 12, 31), "saldo_cent": 100000},
        {"iban": "NL91ABNA0417164300", "peildatum": date(2026, 12, 31), "saldo_cent": 500000},
    ]
    found = afgeleid({IK: {"brp-personen": brp(), "bd-rekeningen": rekeningen}})
    assert found.waarden["liquide_middelen"] == D("1000.00")
    assert any("2025-12-31" in w for w in found.waarschuwingen)


def test_what_was_given_or_has_no_snapshot_is_not_derived_and_the_reason_names_it() -> None:
    """docs/domein/kwijtschelding.md KWS-43."""
    found = afgeleid(
        {IK: {"brp-personen": brp()}}, frozenset({"leefsituatie"}), ALLE - {"bd-rekeningen"}
    )
    assert "leefsituatie" not in found.waarden
    assert "liquide_middelen" not in found.waarden
    assert found.ontbrekend["liquide_middelen"] == "geen snapshot van bd-rekeningen op 2026-03-01"
    assert found.waarden["auto_waarde"] == D(0)  # RDW has a snapshot: no vehicle on name


def test_no_kostendelersnorm_for_a_debtor_under_21() -> None:
    """docs/domein/kwijtschelding.md KWS-44. Pw art. 22a lid 1: the norm applies to a
    belanghebbende "van 21 jaar of ouder"."""
    ouder = "100000009"
    personen = {
        IK: {"brp-personen": brp(geboortedatum=date(2005, 3, 2))},
        ouder: {"brp-personen": brp(geboortedatum=date(1970, 1, 1))},
    }
    h = huishouden.afleiden(IK, PEIL, personen, [IK, ouder])
    assert h.kostendelers == (ouder,)
    jong = afleiden(h, personen, set(), ALLE)
    assert jong.waarden["aantal_kostendelende_medebewoners"] == 0
    assert any("jonger dan 21" in w for w in jong.waarschuwingen)
    met_partner = {
        **personen,
        IK: personen[IK]
        | {
            "brp-relaties": [
                {
                    "soort": "partner",
                    "relatie_bsn": PARTNER,
                    "begindatum": date(2024, 1, 1),
                    "einddatum": None,
                }
            ]
        },
        PARTNER: {"brp-personen": brp(geboortedatum=date(2000, 1, 1))},
    }
    h_lid3 = huishouden.afleiden(IK, PEIL, met_partner, [IK, ouder, PARTNER])
    # Pw art. 22a lid 3: spouses of whom one is 21 or older
    assert (
        afleiden(h_lid3, met_partner, set(), ALLE).waarden["aantal_kostendelende_medebewoners"] == 1
    )
    personen[IK] = {"brp-personen": brp(geboortedatum=date(2005, 3, 1))}
    h21 = huishouden.afleiden(IK, PEIL, personen, [IK, ouder])
    assert afleiden(h21, personen, set(), ALLE).waarden["aantal_kostendelende_medebewoners"] == 1


def test_kostendelers_from_21_before_2023_and_from_27_since() -> None:
    """Pw art. 19a lid 1: "21 jaar" became "27 jaar" on 1 January 2023 (Kamerstukken 35394,
    nr. 22)."""
    ander = "100000009"
    personen = {
        IK: {"brp-personen": brp()},
        ander: {"brp-personen": brp(geboortedatum=date(1998, 1, 1))},
    }
    assert huishouden.afleiden(IK, date(2022, 12, 31), personen, [IK, ander]).kostendelers == (
        ander,
    )
    assert huishouden.afleiden(IK, date(2023, 1, 1), personen, [IK, ander]).kostendelers == ()


def test_kwijtschelding_income_reserves_7_percent_holiday_pay_when_none_was_paid() -> None:
    """Leidraad Invordering 2008 art. 26.2.11: holiday pay is income; 7% where the actual
    amount is not known."""
    opgave = {
        "begindatum": date(2025, 1, 1),
        "einddatum": None,
        "periode": "2026-02",
        "loontijdvak": "maand",
        "tijdvak_begin": date(2026, 2, 1),
        "tijdvak_einde": date(2026, 3, 1),
        "loonheffingennummer": "123456789L01",
        "soort_inkomen": "dienstbetrekking",
        "uitkeringsinstantie": None,
        "loon_lb_cent": 200000,
        "vakantiegeld_cent": 0,
        "eenmalig_cent": 0,
        "ingehouden_lb_cent": 40000,
        "ingehouden_lb_bijzonder_cent": 0,
        "zvw_inhouding_cent": 0,
        "wga_premie_cent": 0,
        "prive_auto_cent": 0,
        "vrijgesteld_cent": 0,
    }
    found = afgeleid({IK: {"brp-personen": brp(), "uwv-polis": [opgave]}})
    assert found.waarden["netto_inkomen_maand"] == D("1712.00")
    assert any("7% van het netto loon gereserveerd" in w for w in found.waarschuwingen)
