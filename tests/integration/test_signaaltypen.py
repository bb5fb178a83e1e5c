"""Each signal type with a hand-made case that must signal and one that must not.

The rules run in DuckDB over Parquet files written here from hand-made source records,
exactly as the delivery processing runs them over the snapshots in force.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from shared.bronnen.catalogus import BY_CODE
from shared.bronnen.kolommen import schema
from shared.rechtmatigheid.matching import POPULATIE, match

PEIL = date(2026, 5, 31)
GRENZEN = (800_000, 1_600_000)
ONTVANGER, PARTNER, ANDER = "111222333", "123456782", "999999990"
GEMEENTE = "GM0363"
BEGIN = date(2025, 1, 1)


def ontvanger(**overrides: Any) -> dict[str, Any]:
    row = {
        "gemeente": GEMEENTE,
        "bsn": ONTVANGER,
        "regeling": "PW",
        "begindatum": BEGIN,
        "einddatum": None,
        "partner_bsn": None,
        "iban": "NL91ABNA0417164300",
        "postcode": "1012JR",
        "huisnummer": 1,
    }
    return {**row, **overrides}


def signals(
    tmp_path: Path, bronnen: dict[str, list[dict[str, Any]]], *populatie: dict[str, Any]
) -> list[dict[str, Any]]:
    snapshots = {}
    for code, rows in bronnen.items():
        target = tmp_path / f"{code}.parquet"
        full = [{name: None for name in BY_CODE[code].kolommen} | row for row in rows]
        pq.write_table(pa.Table.from_pylist(full, schema=schema(BY_CODE[code].model)), target)
        snapshots[code] = [str(target)]
    pop = tmp_path / "populatie.parquet"
    pq.write_table(pa.Table.from_pylist(list(populatie) or [ontvanger()], schema=POPULATIE), pop)
    result: list[dict[str, Any]] = match([str(pop)], snapshots, PEIL, GRENZEN, tmp_path).to_pylist()
    return [{**r, "bewijs": json.loads(r["bewijs"])} for r in result]


def types(found: list[dict[str, Any]]) -> list[str]:
    return sorted(r["type"] for r in found)


def test_detention_during_the_benefit_signals_for_recipient_and_partner(tmp_path: Path) -> None:
    found = signals(
        tmp_path,
        {"dji-detenties": [{"bsn": PARTNER, "begindatum": date(2025, 6, 1), "land": "BE"}]},
        ontvanger(partner_bsn=PARTNER),
    )
    assert [(r["type"], r["rol"], r["betrokkene"]) for r in found] == [
        ("DETENTIE", "partner", PARTNER)
    ]
    assert found[0]["bewijs"]["land"] == "BE"


def test_detention_that_ended_before_the_benefit_does_not_signal(tmp_path: Path) -> None:
    found = signals(
        tmp_path,
        {
            "dji-detenties": [
                {
                    "bsn": ONTVANGER,
                    "begindatum": date(2023, 1, 1),
                    "einddatum": date(2024, 12, 31),
                    "land": "NL",
                }
            ]
        },
    )
    assert found == []


def test_detention_after_the_benefit_ended_does_not_signal(tmp_path: Path) -> None:
    found = signals(
        tmp_path,
        {"dji-detenties": [{"bsn": ONTVANGER, "begindatum": date(2026, 3, 1), "land": "NL"}]},
        ontvanger(einddatum=date(2026, 2, 28)),
    )
    assert found == []


def test_fugitive_signals_unless_it_starts_after_the_benefit(tmp_path: Path) -> None:
    assert types(
        signals(tmp_path, {"cjib-voortvluchtigen": [{"bsn": ONTVANGER, "sinds": date(2024, 1, 1)}]})
    ) == ["VOORTVLUCHTIG"]
    later = signals(
        tmp_path,
        {"cjib-voortvluchtigen": [{"bsn": ONTVANGER, "sinds": date(2026, 1, 1)}]},
        ontvanger(einddatum=date(2025, 12, 31)),
    )
    assert later == []


def test_benefit_of_another_gemeente_signals_but_not_of_the_own(tmp_path: Path) -> None:
    rows = [
        {
            "bsn": ONTVANGER,
            "gemeentecode": "0599",
            "regeling": "PW",
            "begindatum": date(2025, 3, 1),
        },
        {
            "bsn": ONTVANGER,
            "gemeentecode": "0363",
            "regeling": "PW",
            "begindatum": date(2025, 3, 1),
        },
    ]
    found = signals(tmp_path, {"gemeenten-uitkeringen": rows})
    assert [(r["type"], r["sleutel"]) for r in found] == [
        ("UITKERING_ANDERE_GEMEENTE", "0599/2025-03-01")
    ]


def test_ww_is_a_voorliggende_voorziening_kinderbijslag_and_aow_beside_aio_are_not(
    tmp_path: Path,
) -> None:
    rows = [
        {
            "bsn": ONTVANGER,
            "instantie": "UWV",
            "regeling": "WW",
            "begindatum": date(2025, 5, 1),
            "bedrag_per_maand_cent": 150000,
        },
        {
            "bsn": ONTVANGER,
            "instantie": "SVB",
            "regeling": "KINDERBIJSLAG",
            "begindatum": date(2020, 1, 1),
            "bedrag_per_maand_cent": 9000,
        },
    ]
    assert types(signals(tmp_path, {"uitkeringen": rows})) == ["VOORLIGGENDE_VOORZIENING"]
    aow = [
        {
            "bsn": ONTVANGER,
            "instantie": "SVB",
            "regeling": "AOW",
            "begindatum": date(2024, 1, 1),
            "bedrag_per_maand_cent": 100000,
        }
    ]
    assert signals(tmp_path, {"uitkeringen": aow}, ontvanger(regeling="AIO")) == []
    assert types(signals(tmp_path, {"uitkeringen": aow}, ontvanger(regeling="PW"))) == [
        "VOORLIGGENDE_VOORZIENING"
    ]


def test_study_finance_and_higher_education_during_the_benefit(tmp_path: Path) -> None:
    found = signals(
        tmp_path,
        {
            "duo-studiefinanciering": [
                {"bsn": ONTVANGER, "begindatum": date(2025, 9, 1), "soort": "lening"}
            ],
            "duo-inschrijvingen": [
                {
                    "bsn": ONTVANGER,
                    "begindatum": date(2025, 9, 1),
                    "onderwijssoort": "HBO",
                    "brin": "21PB",
                },
                {
                    "bsn": ONTVANGER,
                    "begindatum": date(2025, 9, 1),
                    "onderwijssoort": "MBO",
                    "brin": "25LP",
                },
            ],
        },
    )
    assert types(found) == ["HOGER_ONDERWIJS", "STUDIEFINANCIERING"]


def test_an_adult_at_the_address_is_a_kostendeler_a_child_is_not(tmp_path: Path) -> None:
    personen = [
        {
            "bsn": ONTVANGER,
            "geboortedatum": date(1980, 1, 1),
            "land": "NL",
            "gemeentecode": "0363",
            "postcode": "1012JR",
            "huisnummer": 1,
        },
        {
            "bsn": ANDER,
            "geboortedatum": date(1990, 1, 1),
            "land": "NL",
            "gemeentecode": "0363",
            "postcode": "1012JR",
            "huisnummer": 1,
            "adres_sinds": date(2025, 6, 1),
        },
        {
            "bsn": "100000009",
            "geboortedatum": date(2010, 1, 1),
            "land": "NL",
            "gemeentecode": "0363",
            "postcode": "1012JR",
            "huisnummer": 1,
        },
    ]
    found = signals(tmp_path, {"brp-personen": personen})
    assert [(r["type"], r["sleutel"]) for r in found] == [("KOSTENDELER", ANDER)]


def test_a_job_that_started_during_the_benefit_signals_an_older_one_not(tmp_path: Path) -> None:
    def polis(start: date, periode: str) -> dict[str, Any]:
        return {
            "bsn": ONTVANGER,
            "begindatum": start,
            "periode": periode,
            "loonheffingennummer": "123456789L01",
            "soort_inkomen": "dienstbetrekking",
            "loon_sv_cent": 100000,
            "loon_incl_vakantiegeld_cent": 108000,
            "verloonde_uren": Decimal("40.00"),
        }

    found = signals(
        tmp_path,
        {"uwv-polis": [polis(date(2026, 2, 1), "2026-02"), polis(date(2026, 2, 1), "2026-03")]},
    )
    assert [
        (r["type"], r["bewijs"]["eerste_periode"], r["bewijs"]["laatste_periode"]) for r in found
    ] == [("INKOMSTEN", "2026-02", "2026-03")]
    assert signals(tmp_path, {"uwv-polis": [polis(date(2020, 1, 1), "2026-03")]}) == []


def test_heffingskortingen_and_box3_in_a_benefit_year(tmp_path: Path) -> None:
    rows = [
        {
            "bsn": ONTVANGER,
            "jaar": 2025,
            "box1_cent": 1_500_000,
            "heffingskortingen_cent": 30000,
            "box3_grondslag_cent": 200_000,
        },
        {
            "bsn": ONTVANGER,
            "jaar": 2023,
            "box1_cent": 1_500_000,
            "heffingskortingen_cent": 30000,
            "box3_grondslag_cent": 200_000,
        },
    ]
    assert types(signals(tmp_path, {"bd-inkomen": rows})) == ["BOX3", "HEFFINGSKORTINGEN"]
    zero = [
        {
            "bsn": ONTVANGER,
            "jaar": 2025,
            "box1_cent": 1_500_000,
            "heffingskortingen_cent": 0,
            "box3_grondslag_cent": 0,
        }
    ]
    assert signals(tmp_path, {"bd-inkomen": zero}) == []


def rekening(bsn: str, iban: str, saldo: int) -> dict[str, Any]:
    return {
        "bsn": bsn,
        "iban": iban,
        "soort": "spaarrekening",
        "peildatum": date(2025, 12, 31),
        "saldo_cent": saldo,
        "rente_cent": 0,
    }


def test_household_savings_above_the_limit_signal_below_do_not(tmp_path: Path) -> None:
    known = "NL91ABNA0417164300"
    above = [rekening(ONTVANGER, known, 500_000), rekening(PARTNER, known, 1_200_000)]
    found = signals(tmp_path, {"bd-rekeningen": above}, ontvanger(partner_bsn=PARTNER))
    vermogen = [r for r in found if r["type"] == "VERMOGEN"]
    assert [(r["bewijs"]["totaal_saldo_cent"], r["bewijs"]["grens_cent"]) for r in vermogen] == [
        (1_700_000, 1_600_000)
    ]
    below = [rekening(ONTVANGER, known, 500_000), rekening(PARTNER, known, 1_000_000)]
    assert signals(tmp_path, {"bd-rekeningen": below}, ontvanger(partner_bsn=PARTNER)) == []


def test_an_unknown_account_with_money_signals_the_known_one_not(tmp_path: Path) -> None:
    rows = [
        rekening(ONTVANGER, "NL91ABNA0417164300", 10000),
        rekening(ONTVANGER, "NL02RABO0123456789", 10000),
        rekening(ONTVANGER, "NL44INGB0001234567", 0),
    ]
    found = signals(tmp_path, {"bd-rekeningen": rows})
    assert [(r["type"], r["sleutel"]) for r in found] == [
        ("BANKREKENING_ONBEKEND", "NL02RABO0123456789")
    ]


def test_one_iban_for_two_households(tmp_path: Path) -> None:
    found = signals(tmp_path, {}, ontvanger(), ontvanger(bsn=ANDER, postcode="3511AA"))
    assert types(found) == ["IBAN_GEDEELD", "IBAN_GEDEELD"]
    couple = signals(tmp_path, {}, ontvanger(partner_bsn=PARTNER))
    assert couple == []


def test_vehicles_above_the_limit_and_more_than_one(tmp_path: Path) -> None:
    def auto(kenteken: str, prijs: int) -> dict[str, Any]:
        return {
            "bsn": ONTVANGER,
            "kenteken": kenteken,
            "merk": "Kia",
            "catalogusprijs_cent": prijs,
            "datum_eerste_toelating": date(2020, 1, 1),
            "tenaamstelling_sinds": date(2024, 1, 1),
        }

    found = signals(
        tmp_path, {"rdw-voertuigen": [auto("1BDF23", 900_000), auto("2GHJ45", 700_000)]}
    )
    assert types(found) == ["VOERTUIGEN_MEERDERE", "VOERTUIG_WAARDE"]
    assert signals(tmp_path, {"rdw-voertuigen": [auto("1BDF23", 700_000)]}) == []
