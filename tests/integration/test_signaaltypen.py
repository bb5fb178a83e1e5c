"""Each signal type with a hand-made case that must signal and one that must not, on the
boundary where the rule has one (an age, an address, a limit, a period's end).

The rules run in DuckDB over Parquet files written here from hand-made source records,
exactly as the delivery processing runs them over the snapshots in force, with the dated
vermogensgrenzen the delivery processing uses. The examples: docs/domein/rechtmatigheid.md
RM-1 to RM-14 and RM-17 to RM-30, each naming its test here.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from shared.bronnen.catalogus import BY_CODE
from shared.bronnen.kolommen import schema
from shared.rechtmatigheid.matching import POPULATIE, afschrijvingen_tabel, match, parameters
from shared.rechtmatigheid.signaaltypen import BY_CODE as BY_TYPE
from shared.rechtmatigheid.verwerking import vermogensgrenzen_cent
from shared.rules.leeftijd import leeftijd, sql_leeftijd
from shared.rules.voertuigwaarde import METHODE, handelswaarde, sql_handelswaarde_cent

PEIL = date(2026, 5, 31)
ONTVANGER, PARTNER, ANDER = "111222333", "123456782", "999999990"
KIND = "100000009"
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


def persoon(bsn: str, geboortedatum: date, **overrides: Any) -> dict[str, Any]:
    """A `brp-personen` record, by default at the recipient's delivered address."""
    row = {
        "bsn": bsn,
        "geboortedatum": geboortedatum,
        "land": "NL",
        "gemeentecode": "0363",
        "postcode": "1012JR",
        "huisnummer": 1,
    }
    return {**row, **overrides}


def relatie(bsn: str, soort: str, ander: str, begin: date) -> dict[str, Any]:
    return {"bsn": bsn, "soort": soort, "relatie_bsn": ander, "begindatum": begin}


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
    result: list[dict[str, Any]] = match(
        [str(pop)], snapshots, PEIL, vermogensgrenzen_cent(PEIL), tmp_path
    ).signalen.to_pylist()
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


def test_a_period_ending_the_day_the_benefit_starts_does_not_overlap_one_day_later_does(
    tmp_path: Path,
) -> None:
    """Half-open periods (`periode.sql_overlappen`): an einddatum is the first day no longer
    in the period, for the sources and for the delivered benefit alike. A detention (Pw art.
    13 lid 1 a), a UWV benefit (art. 15) or another gemeente's bijstand that ends the day the
    bijstand starts was never at the same time as it."""

    def feiten(einde: date) -> dict[str, list[dict[str, Any]]]:
        return {
            "dji-detenties": [
                {"bsn": ONTVANGER, "begindatum": date(2024, 6, 1), "einddatum": einde, "land": "NL"}
            ],
            "uitkeringen": [
                {
                    "bsn": ONTVANGER,
                    "instantie": "UWV",
                    "regeling": "WW",
                    "begindatum": date(2024, 6, 1),
                    "einddatum": einde,
                    "bedrag_per_maand_cent": 150000,
                }
            ],
            "gemeenten-uitkeringen": [
                {
                    "bsn": ONTVANGER,
                    "gemeentecode": "0599",
                    "regeling": "PW",
                    "begindatum": date(2024, 6, 1),
                    "einddatum": einde,
                }
            ],
        }

    assert signals(tmp_path, feiten(BEGIN)) == []
    assert types(signals(tmp_path, feiten(date(2025, 1, 2)))) == [
        "DETENTIE",
        "UITKERING_ANDERE_GEMEENTE",
        "VOORLIGGENDE_VOORZIENING",
    ]
    # and the other way round: bijstand that ends the day the detention starts
    detentie = {"dji-detenties": [{"bsn": ONTVANGER, "begindatum": date(2026, 3, 1), "land": "NL"}]}
    assert signals(tmp_path, detentie, ontvanger(einddatum=date(2026, 3, 1))) == []
    assert types(signals(tmp_path, detentie, ontvanger(einddatum=date(2026, 3, 2)))) == ["DETENTIE"]


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


def test_study_finance_and_higher_education_under_27_signal_from_27_not(tmp_path: Path) -> None:
    """Pw art. 13 lid 2 c: only "die jonger is dan 27 jaar". The age counts on the first day
    benefit and study run together (2025-09-01): the recipient is 27 that very day, the
    partner, born a day later, 26."""
    studie = {
        "duo-studiefinanciering": [
            {"bsn": bsn, "begindatum": date(2025, 9, 1), "soort": "lening"}
            for bsn in (ONTVANGER, PARTNER)
        ],
        "duo-inschrijvingen": [
            {"bsn": bsn, "begindatum": date(2025, 9, 1), "onderwijssoort": soort, "brin": brin}
            for bsn in (ONTVANGER, PARTNER)
            for soort, brin in (("HBO", "21PB"), ("MBO", "25LP"))
        ],
        "brp-personen": [
            persoon(ONTVANGER, date(1998, 9, 1)),
            persoon(PARTNER, date(1998, 9, 2)),
        ],
    }
    found = signals(tmp_path, studie, ontvanger(partner_bsn=PARTNER))
    assert sorted((r["type"], r["rol"], r["bewijs"]["leeftijd_bij_samenloop"]) for r in found) == [
        ("HOGER_ONDERWIJS", "partner", 26),
        ("STUDIEFINANCIERING", "partner", 26),
    ]


def test_a_snapshot_with_two_records_of_one_bsn_reads_the_first_once(tmp_path: Path) -> None:
    """The intake takes one BRP record per BSN (`Bron.een_per_persoon`); a snapshot from before
    may hold two. The matching then reads the first, as the real-time services do, and each
    signal once: born 1998-09-02 the recipient is 26 when the study starts, not 27."""
    studie = {
        "duo-studiefinanciering": [
            {"bsn": ONTVANGER, "begindatum": date(2025, 9, 1), "soort": "lening"}
        ],
        "brp-personen": [
            persoon(ONTVANGER, date(1998, 9, 2)),
            persoon(ONTVANGER, date(1998, 9, 1)),
        ],
    }
    found = signals(tmp_path, studie)
    assert [(r["type"], r["bewijs"]["leeftijd_bij_samenloop"]) for r in found] == [
        ("STUDIEFINANCIERING", 26)
    ]
    studie["brp-personen"].reverse()
    assert signals(tmp_path, studie) == []


def kostendelers(tmp_path: Path, anderen: list[dict[str, Any]], **bronnen: Any) -> list[str]:
    """The KOSTENDELER signals' medebewoners when the recipient (born 1980) lives at
    1012JR 1 and `anderen` are in the BRP too."""
    brp = [persoon(ONTVANGER, date(1980, 1, 1)), *anderen]
    found = signals(tmp_path, {"brp-personen": brp, **bronnen})
    return sorted(r["sleutel"] for r in found if r["type"] == "KOSTENDELER")


def test_an_adult_at_the_address_is_a_kostendeler_a_child_is_not(tmp_path: Path) -> None:
    anderen = [
        persoon(ANDER, date(1990, 1, 1), adres_sinds=date(2025, 6, 1)),
        persoon(KIND, date(2010, 1, 1)),
    ]
    assert kostendelers(tmp_path, anderen) == [ANDER]


def test_the_persons_read_besides_the_population_are_the_home_and_the_brp_family(
    tmp_path: Path,
) -> None:
    """Everyone at the recipient's home, of any age, and his BRP partner and children
    wherever they live, are read for the gemeente (and so on record as processed); a
    neighbour at another number and a person who moved out before the day are not."""
    elders = {"postcode": "3511AA", "huisnummer": 5}
    brp = [
        persoon(ONTVANGER, date(1980, 1, 1)),
        persoon(KIND, date(2010, 1, 1)),
        persoon(PARTNER, date(1981, 1, 1), **elders),
        persoon("999999011", date(1970, 1, 1), huisnummer=2),
        persoon("999999023", date(1970, 1, 1), adres_sinds=date(2026, 6, 1)),
        persoon("999999035", date(2012, 1, 1), **elders),
    ]
    relaties = [
        relatie(ONTVANGER, "partner", PARTNER, date(2001, 1, 1)),
        relatie(ONTVANGER, "kind", "999999035", date(2012, 1, 1)),
    ]
    pq.write_table(pa.Table.from_pylist([ontvanger()], schema=POPULATIE), tmp_path / "p.parquet")
    snapshots = {}
    for code, rows in {"brp-personen": brp, "brp-relaties": relaties}.items():
        full = [{name: None for name in BY_CODE[code].kolommen} | row for row in rows]
        pq.write_table(
            pa.Table.from_pylist(full, schema=schema(BY_CODE[code].model)), tmp_path / code
        )
        snapshots[code] = [str(tmp_path / code)]
    gelezen = match(
        [str(tmp_path / "p.parquet")], snapshots, PEIL, vermogensgrenzen_cent(PEIL), tmp_path
    ).gelezen.to_pylist()
    assert sorted((r["gemeente"], r["bsn"]) for r in gelezen) == sorted(
        (GEMEENTE, bsn) for bsn in (ONTVANGER, KIND, PARTNER, "999999035")
    )


def test_a_recipient_of_another_gemeente_on_the_same_iban_is_read_for_both(
    tmp_path: Path,
) -> None:
    pq.write_table(
        pa.Table.from_pylist(
            [ontvanger(), ontvanger(gemeente="GM0344", bsn=ANDER, postcode="3511AA")],
            schema=POPULATIE,
        ),
        tmp_path / "p.parquet",
    )
    resultaat = match(
        [str(tmp_path / "p.parquet")], {}, PEIL, vermogensgrenzen_cent(PEIL), tmp_path
    )
    assert sorted((r["type"], r["gemeente"]) for r in resultaat.signalen.to_pylist()) == [
        ("IBAN_GEDEELD", "GM0344"),
        ("IBAN_GEDEELD", GEMEENTE),
    ]
    assert sorted((r["gemeente"], r["bsn"]) for r in resultaat.gelezen.to_pylist()) == [
        ("GM0344", ONTVANGER),
        (GEMEENTE, ANDER),
    ]


def test_kostendeler_from_27_on_the_peildatum_not_at_26(tmp_path: Path) -> None:
    """Pw art. 19a lid 1: "de persoon van 27 jaar of ouder"; counted by month and day
    (`leeftijd`): born 1999-05-31 he is 27 on the peildatum 2026-05-31, born a day later 26."""
    assert kostendelers(tmp_path, [persoon(ANDER, date(1999, 5, 31))]) == [ANDER]
    assert kostendelers(tmp_path, [persoon(ANDER, date(1999, 6, 1))]) == []


def test_kostendeler_only_in_the_same_home_12_1_and_12_2_are_two(tmp_path: Path) -> None:
    """Pw art. 19a lid 1: "in dezelfde woning als de belanghebbende zijn hoofdverblijf heeft".
    The recipient's address is his BRP address (12-1), not the delivery's (1): a person at
    12-2 or at 1 is not in his home, one at 12-1 is."""
    thuis = {"postcode": "1012JR", "huisnummer": 12, "huisnummertoevoeging": "1"}
    ontvanger_brp = persoon(ONTVANGER, date(1980, 1, 1), **thuis)
    anderen = [
        persoon(ANDER, date(1990, 1, 1), **{**thuis, "huisnummertoevoeging": "2"}),
        persoon(KIND, date(1990, 1, 1)),  # 1012JR 1, the delivered address
    ]
    assert signals(tmp_path, {"brp-personen": [ontvanger_brp, *anderen]}) == []
    found = signals(
        tmp_path, {"brp-personen": [ontvanger_brp, persoon(ANDER, date(1990, 1, 1), **thuis)]}
    )
    assert [
        (r["type"], r["sleutel"], r["bewijs"]["adres"], r["bewijs"]["adres_bron"]) for r in found
    ] == [("KOSTENDELER", ANDER, "1012JR|12||1", "BRP")]


def test_without_a_brp_address_the_delivered_one_is_the_home(tmp_path: Path) -> None:
    """Pw art. 19a lid 1, "dezelfde woning", when the BRP has no address of the recipient
    (he is in it, born 1980, registered abroad): the delivery has postcode and huisnummer
    only: 1012JR 1, which is not 1012JR 1A."""
    buitenland = {"land": "BE", "gemeentecode": None, "postcode": None, "huisnummer": None}
    anderen = [
        persoon(ANDER, date(1990, 1, 1)),
        persoon(KIND, date(1990, 1, 1), huisletter="A"),
    ]
    found = signals(
        tmp_path, {"brp-personen": [persoon(ONTVANGER, date(1980, 1, 1), **buitenland), *anderen]}
    )
    assert [(r["sleutel"], r["bewijs"]["adres"], r["bewijs"]["adres_bron"]) for r in found] == [
        (ANDER, "1012JR|1||", "aanlevering")
    ]


def test_kostendelersnorm_from_21_on_the_day_not_at_20(tmp_path: Path) -> None:
    """Pw art. 22a lid 1: the kostendelersnorm is for "de belanghebbende van 21 jaar of
    ouder". A recipient living with his parent (born 1970) is signalled when he is 21 on the
    day the household is read (born 2005-05-31: 21 on the peildatum 2026-05-31), not at 20
    (born 2005-06-01). Without a birth date of him in the BRP his age is not known: none."""

    def bij_ouder(ontvanger_brp: list[dict[str, Any]]) -> list[str]:
        brp = {"brp-personen": [*ontvanger_brp, persoon(ANDER, date(1970, 1, 1))]}
        return sorted(r["sleutel"] for r in signals(tmp_path, brp) if r["type"] == "KOSTENDELER")

    assert bij_ouder([persoon(ONTVANGER, date(2005, 5, 31))]) == [ANDER]
    assert bij_ouder([persoon(ONTVANGER, date(2005, 6, 1))]) == []
    assert bij_ouder([]) == []


def test_kostendelersnorm_for_spouses_when_one_of_them_is_21(tmp_path: Path) -> None:
    """Pw art. 22a lid 3: spouses of whom one is 18, 19 or 20 and the other 21 or older
    have the kostendelersnorm too. The recipient is 20 on the peildatum; his partner 21
    (born 2005-05-31): signal; the partner 20 as well (born 2005-06-01): none. The partner
    counts whether delivered (and not in the BRP) or only the spouse in the BRP."""

    def met_partner(partner_geboren: date, geleverd: bool) -> list[str]:
        echtgenoot = [] if geleverd else [relatie(ONTVANGER, "partner", PARTNER, date(2025, 1, 1))]
        bronnen: dict[str, list[dict[str, Any]]] = {
            "brp-personen": [
                persoon(ONTVANGER, date(2005, 6, 1)),
                persoon(PARTNER, partner_geboren),
                persoon(ANDER, date(1970, 1, 1)),
            ],
            "brp-relaties": echtgenoot,
        }
        populatie = ontvanger(partner_bsn=PARTNER if geleverd else None)
        found = signals(tmp_path, bronnen, populatie)
        return sorted(r["sleutel"] for r in found if r["type"] == "KOSTENDELER")

    assert met_partner(date(2005, 5, 31), geleverd=True) == [ANDER]
    assert met_partner(date(2005, 5, 31), geleverd=False) == [ANDER]
    assert met_partner(date(2005, 6, 1), geleverd=True) == []
    assert met_partner(date(2005, 6, 1), geleverd=False) == []


def test_an_address_with_more_than_10_persons_of_27_is_not_signalled(tmp_path: Path) -> None:
    """A care home or rooms registered at one address: the bewijs says how many persons of 27
    or older are registered there (`aantal_op_adres`, the recipient included when he is one of
    them); above the
    parameter `kostendeler_maximum_op_adres` (10) nothing is signalled: a resident of an
    inrichting has the norm of Pw art. 23, not the kostendelersnorm, and the BRP does not say
    whether an address is one. 11 persons: none; 10: each of the 9 others; 2: the one other."""

    def bewoners(aantal: int) -> list[dict[str, Any]]:
        return [persoon(f"90000{i:04d}", date(1950, 1, 1)) for i in range(1, aantal)]

    def kostendeler_signalen(aantal: int) -> list[tuple[str, int]]:
        brp = {"brp-personen": [persoon(ONTVANGER, date(1980, 1, 1)), *bewoners(aantal)]}
        return sorted(
            (r["sleutel"], r["bewijs"]["aantal_op_adres"])
            for r in signals(tmp_path, brp)
            if r["type"] == "KOSTENDELER"
        )

    assert kostendeler_signalen(11) == []
    assert kostendeler_signalen(10) == [(f"90000{i:04d}", 10) for i in range(1, 10)]
    assert kostendeler_signalen(2) == [("900000001", 2)]


def test_a_student_a_spouse_and_the_dead_are_no_kostendelers(tmp_path: Path) -> None:
    """Pw art. 19a lid 1 a (the echtgenoot, here one the BRP knows but the delivery not) and
    d (studiefinanciering in force on the peildatum); and only the living. A study finance
    that ended on the peildatum (einddatum exclusive) no longer exempts."""
    student = persoon(ANDER, date(1996, 1, 1))  # 30
    studie = [{"bsn": ANDER, "begindatum": date(2025, 9, 1), "soort": "basisbeurs"}]
    assert kostendelers(tmp_path, [student], **{"duo-studiefinanciering": studie}) == []
    afgelopen = [{**studie[0], "einddatum": PEIL}]
    assert kostendelers(tmp_path, [student], **{"duo-studiefinanciering": afgelopen}) == [ANDER]
    echtgenoot = [relatie(ONTVANGER, "partner", ANDER, date(2020, 1, 1))]
    assert kostendelers(tmp_path, [student], **{"brp-relaties": echtgenoot}) == []
    overleden = persoon(ANDER, date(1960, 1, 1), overlijdensdatum=date(2026, 1, 1))
    assert kostendelers(tmp_path, [overleden]) == []


def test_a_job_that_started_during_the_benefit_signals_an_older_one_not(tmp_path: Path) -> None:
    def polis(start: date, periode: str) -> dict[str, Any]:
        jaar, maand = (int(deel) for deel in periode.split("-"))
        return {
            "bsn": ONTVANGER,
            "begindatum": start,
            "periode": periode,
            "tijdvak_begin": date(jaar, maand, 1),
            "tijdvak_einde": date(jaar + maand // 12, maand % 12 + 1, 1),
            "loonheffingennummer": "123456789L01",
            "loontijdvak": "maand",
            "soort_inkomen": "dienstbetrekking",
            "loon_sv_cent": 100000,
            "loon_lb_cent": 100000,
            "vakantiegeld_cent": 0,
            "eenmalig_cent": 0,
            "ingehouden_lb_cent": 10000,
            "ingehouden_lb_bijzonder_cent": 0,
            "zvw_inhouding_cent": 0,
            "wga_premie_cent": 0,
            "prive_auto_cent": 0,
            "vrijgesteld_cent": 0,
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

    # A later opgave of the same relation and tijdvak is its correction (models.bronnen
    # Polisregel): the evidence shows its wage, whichever of the two is higher.
    origineel = polis(date(2026, 2, 1), "2026-03")
    for lonen in ((100000, 121967), (121967, 100000)):
        opgaven = [{**origineel, "loon_sv_cent": loon} for loon in lonen]
        found = signals(tmp_path, {"uwv-polis": opgaven})
        assert [r["bewijs"]["loon_sv_laatste_cent"] for r in found] == [lonen[1]]


def test_a_benefit_in_the_polis_and_in_the_benefits_source_is_one_signal(tmp_path: Path) -> None:
    """RM-31. No double counting: a WW paid through the polis that UWV also delivers as a benefit is
    signalled once, as VOORLIGGENDE_VOORZIENING; a benefit only in the polis is INKOMSTEN."""
    ww_polis = {
        "bsn": ONTVANGER,
        "begindatum": date(2026, 2, 1),
        "periode": "2026-02",
        "tijdvak_begin": date(2026, 2, 1),
        "tijdvak_einde": date(2026, 3, 1),
        "loonheffingennummer": "888888888L01",
        "loontijdvak": "maand",
        "soort_inkomen": "uitkering",
        "uitkeringsinstantie": "UWV",
        "loon_sv_cent": 150000,
        "loon_lb_cent": 150000,
        "vakantiegeld_cent": 0,
        "eenmalig_cent": 0,
        "ingehouden_lb_cent": 20000,
        "ingehouden_lb_bijzonder_cent": 0,
        "zvw_inhouding_cent": 0,
        "wga_premie_cent": 0,
        "prive_auto_cent": 0,
        "vrijgesteld_cent": 0,
        "verloonde_uren": Decimal("0.00"),
    }
    ww = {
        "bsn": ONTVANGER,
        "instantie": "UWV",
        "regeling": "WW",
        "begindatum": date(2026, 2, 1),
        "bedrag_per_maand_cent": 150000,
    }
    both = signals(tmp_path, {"uwv-polis": [ww_polis], "uitkeringen": [ww]})
    assert types(both) == ["VOORLIGGENDE_VOORZIENING"]
    assert types(signals(tmp_path, {"uwv-polis": [ww_polis]})) == ["INKOMSTEN"]
    # Only the latest opgave of a tijdvak counts: an opgave as wage that its correction makes
    # the WW is that one benefit, not a new income as well; the other way round it is both.
    als_loon = {**ww_polis, "soort_inkomen": "dienstbetrekking", "uitkeringsinstantie": None}
    gecorrigeerd = signals(tmp_path, {"uwv-polis": [als_loon, ww_polis], "uitkeringen": [ww]})
    assert types(gecorrigeerd) == ["VOORLIGGENDE_VOORZIENING"]
    omgekeerd = signals(tmp_path, {"uwv-polis": [ww_polis, als_loon], "uitkeringen": [ww]})
    assert types(omgekeerd) == ["INKOMSTEN", "VOORLIGGENDE_VOORZIENING"]


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
    above = [rekening(ONTVANGER, known, 500_000), rekening(PARTNER, known, 1_100_000)]
    found = signals(tmp_path, {"bd-rekeningen": above}, ontvanger(partner_bsn=PARTNER))
    vermogen = [r for r in found if r["type"] == "VERMOGEN"]
    assert [
        (r["bewijs"]["totaal_saldo_cent"], r["bewijs"]["grens_cent"], r["bewijs"]["huishouden"])
        for r in vermogen
    ] == [(1_600_000, 1_554_000, "gezin")]
    below = [rekening(ONTVANGER, known, 500_000), rekening(PARTNER, known, 1_054_000)]
    assert signals(tmp_path, {"bd-rekeningen": below}, ontvanger(partner_bsn=PARTNER)) == []


def test_the_limit_is_the_one_in_force_on_the_balance_date_not_today(tmp_path: Path) -> None:
    """Pw art. 34 lid 3 a: a balance on 31-12-2025 is held against the limit of 2025
    (€ 7.770), not the one of the run's date in 2026 (€ 8.000)."""
    known = "NL91ABNA0417164300"
    found = signals(tmp_path, {"bd-rekeningen": [rekening(ONTVANGER, known, 777_001)]})
    assert [(r["type"], r["bewijs"]["grens_cent"], r["bewijs"]["huishouden"]) for r in found] == [
        ("VERMOGEN", 777_000, "alleenstaande")
    ]
    assert signals(tmp_path, {"bd-rekeningen": [rekening(ONTVANGER, known, 777_000)]}) == []


def test_the_gezin_limit_needs_a_child_under_18_living_at_the_address(tmp_path: Path) -> None:
    """Pw art. 34 lid 3 b with art. 4 lid 1: an alleenstaande ouder has the gezin limit. On the
    balance date 31-12-2025 a child born 2008-01-01 is 17 and counts when he lives at the
    address; born 2007-12-31 he is 18; living elsewhere he does not count either."""
    saldo = {"bd-rekeningen": [rekening(ONTVANGER, "NL91ABNA0417164300", 1_000_000)]}

    def vermogen(kind: dict[str, Any]) -> list[tuple[int, str]]:
        bronnen = {
            **saldo,
            "brp-personen": [persoon(ONTVANGER, date(1980, 1, 1)), kind],
            "brp-relaties": [relatie(ONTVANGER, "kind", KIND, date(2008, 1, 1))],
        }
        return [
            (r["bewijs"]["grens_cent"], r["bewijs"]["huishouden"])
            for r in signals(tmp_path, bronnen)
            if r["type"] == "VERMOGEN"
        ]

    assert vermogen(persoon(KIND, date(2008, 1, 1))) == []
    assert vermogen(persoon(KIND, date(2007, 12, 31))) == [(777_000, "alleenstaande")]
    elders = persoon(KIND, date(2008, 1, 1), postcode="3511AA")
    assert vermogen(elders) == [(777_000, "alleenstaande")]


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
    # a household whose benefit ended the day this one started is not "another household"
    eerder = ontvanger(bsn=ANDER, postcode="3511AA", begindatum=date(2024, 1, 1), einddatum=BEGIN)
    assert signals(tmp_path, {}, ontvanger(), eerder) == []


def auto(kenteken: str, prijs: int, eerste_toelating: date) -> dict[str, Any]:
    return {
        "bsn": ONTVANGER,
        "kenteken": kenteken,
        "merk": "Kia",
        "catalogusprijs_cent": prijs,
        "datum_eerste_toelating": eerste_toelating,
        "tenaamstelling_sinds": date(2024, 1, 1),
    }


def test_a_vehicle_is_held_against_the_limit_by_its_value_not_its_catalogue_price(
    tmp_path: Path,
) -> None:
    """Pw art. 34 lid 1 a: "de waarde in het economische verkeer", estimated by
    `voertuigwaarde.handelswaarde`. € 30.000 new in 2015: 136 months old on the peildatum,
    90 % written off, worth € 3.000: no signal. € 12.000 first admitted 2025-12-01: 5 months,
    15 % off, € 10.200 > € 8.000."""
    oud = auto("1BDF23", 3_000_000, date(2015, 1, 1))
    assert signals(tmp_path, {"rdw-voertuigen": [oud]}) == []
    nieuw = auto("2GHJ45", 1_200_000, date(2025, 12, 1))
    found = signals(tmp_path, {"rdw-voertuigen": [nieuw]})
    assert [(r["type"], r["sleutel"]) for r in found] == [("VOERTUIG_WAARDE", "2GHJ45")]
    bewijs = found[0]["bewijs"]
    assert (bewijs["handelswaarde_cent"], bewijs["grens_cent"], bewijs["methode"]) == (
        1_020_000,
        800_000,
        METHODE,
    )
    assert bewijs["catalogusprijs_cent"] == 1_200_000
    # with a partner the gezin limit (€ 16.000) applies: the same car is below it
    assert signals(tmp_path, {"rdw-voertuigen": [nieuw]}, ontvanger(partner_bsn=PARTNER)) == []


def test_ioaw_and_ioaz_have_no_asset_signals(tmp_path: Path) -> None:
    """The Wet IOAW and the Wet IOAZ have no asset test (only an income test): the limits of
    Pw art. 34 do not govern them. The same facts, € 10.000 on the known account on
    31-12-2025, a box-3 grondslag in 2025 and a car worth € 10.200, signal VERMOGEN, BOX3 and
    VOERTUIG_WAARDE for a PW recipient and nothing for an IOAW or IOAZ recipient; an income
    fact (heffingskortingen) still signals for IOAW."""
    feiten: dict[str, list[dict[str, Any]]] = {
        "bd-rekeningen": [rekening(ONTVANGER, "NL91ABNA0417164300", 1_000_000)],
        "bd-inkomen": [
            {
                "bsn": ONTVANGER,
                "jaar": 2025,
                "box1_cent": 1_500_000,
                "heffingskortingen_cent": 0,
                "box3_grondslag_cent": 200_000,
            }
        ],
        "rdw-voertuigen": [auto("2GHJ45", 1_200_000, date(2025, 12, 1))],
    }
    assert types(signals(tmp_path, feiten, ontvanger(regeling="PW"))) == [
        "BOX3",
        "VERMOGEN",
        "VOERTUIG_WAARDE",
    ]
    assert signals(tmp_path, feiten, ontvanger(regeling="IOAW")) == []
    assert signals(tmp_path, feiten, ontvanger(regeling="IOAZ")) == []
    kortingen = {"bd-inkomen": [{**feiten["bd-inkomen"][0], "heffingskortingen_cent": 30000}]}
    assert types(signals(tmp_path, kortingen, ontvanger(regeling="IOAW"))) == ["HEFFINGSKORTINGEN"]


def test_more_than_one_vehicle(tmp_path: Path) -> None:
    twee = [auto("1BDF23", 900_000, date(2020, 1, 1)), auto("2GHJ45", 700_000, date(2020, 1, 1))]
    assert types(signals(tmp_path, {"rdw-voertuigen": twee})) == ["VOERTUIGEN_MEERDERE"]
    assert signals(tmp_path, {"rdw-voertuigen": twee[:1]}) == []


def test_the_rule_texts_say_what_the_sources_cannot_show() -> None:
    """What the gemeente reads with each signal: a balance above the limit is a reason to ask
    (Pw art. 34 lid 2 b and c), the vehicle estimate lies below the selling value the law
    asks for (art. 34 lid 1 a), IOAW and IOAZ have no asset test, and the KOSTENDELER text
    names the age of art. 22a and the threshold in force."""
    vermogen, voertuig = BY_TYPE["VERMOGEN"].regel, BY_TYPE["VOERTUIG_WAARDE"].regel
    assert "geen overtreding" in vermogen
    assert "lid 2 onder b" in vermogen
    assert "spaargelden opgebouwd tijdens de periode" in vermogen
    assert "bij vrije oplevering" in voertuig
    assert "alleen te weinig melden" in voertuig
    for code in ("VERMOGEN", "VOERTUIG_WAARDE", "BOX3"):
        assert "Wet IOAW en Wet IOAZ: geen vermogenstoets" in BY_TYPE[code].regel, code
    kostendeler = BY_TYPE["KOSTENDELER"].regel
    assert "21 jaar of ouder" in kostendeler
    assert "zonder geboortedatum" in kostendeler
    assert f"meer dan {parameters(PEIL)['kostendeler_maximum_op_adres']} " in kostendeler


def test_age_and_vehicle_value_in_sql_are_the_python_rules() -> None:
    """`sql_leeftijd` and `sql_handelswaarde_cent` give what `leeftijd` and `handelswaarde`
    give, on every day around birthdays (29 February too) and depreciation steps."""
    geboren = [date(2000, 2, 29), date(1999, 5, 31), date(1999, 6, 1), date(2010, 12, 31)]
    dagen = [date(2026, m, d) for m in range(1, 13) for d in (1, 15, 28)] + [
        date(2024, 2, 28),
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2025, 3, 1),
        date(2026, 5, 31),
    ]
    toelating = [date(2026, 1, 31), date(2025, 12, 1), date(2020, 5, 1), date(2001, 1, 1)]
    rows = [(g, d) for g in geboren + toelating for d in dagen if g <= d]
    connection = duckdb.connect()
    connection.register("t", pa.table({"g": [r[0] for r in rows], "d": [r[1] for r in rows]}))
    connection.register("afschrijvingen", afschrijvingen_tabel(date(2026, 12, 31)))
    prijs = 1_234_567
    result = connection.sql(
        f"SELECT g, d, {sql_leeftijd('g', 'd')} AS jaren, "  # noqa: S608 (SQL of ours)
        f"{sql_handelswaarde_cent(str(prijs), 'g', 'd')} AS waarde FROM t"
    ).fetchall()
    connection.close()
    for g, d, jaren, waarde in result:
        assert jaren == leeftijd(g, d), (g, d)
        assert waarde == int(handelswaarde(Decimal(prijs) / 100, g, d) * 100), (g, d)
