"""Inkomstenverrekening bijstand against the worked examples of income-services.md §1.9
(OIB-P1, OIB-D1 … D10) and rules.md §5.2 (VR-D1 … D6), each boundary of art. 31 lid 2 n, r
and lid 5 and art. 58 lid 4 from both sides."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from shared.bronnen.inkomen import netto
from shared.rules.afronding import op_centen
from shared.rules.oib import (
    ART_34A,
    Herkomst,
    Inkomen,
    OnbekendeSchijf,
    Situatie,
    Vakantiegeld,
    Vrijlating,
    aanspraak_vakantietoeslag,
    verreken,
    verrekenbaar,
    vrijlating,
)
from shared.rules.parameters import Parameterset, Parametersets, in_force, uit_code

MAAND, DAG = "2026-03", date(2026, 3, 1)
NORM = Decimal("1401.50")
WERKT = Situatie(leeftijd=35, college_akkoord=True, maanden_arbeid_gebruikt=2)


def test_oib_p1_four_weekly_income_of_1300_is_1408_33_a_month() -> None:
    factor = in_force(DAG, ["vier_weken_per_maand"])["vier_weken_per_maand"].value
    assert op_centen(Decimal(1300) * factor) == Decimal("1408.33")


def test_oib_d1_the_net_of_an_opgave() -> None:
    opgave = {
        "loon_lb_cent": 115_000,
        "prive_auto_cent": 0,
        "vrijgesteld_cent": 0,
        "ingehouden_lb_cent": 1_235,
        "ingehouden_lb_bijzonder_cent": 0,
        "zvw_inhouding_cent": 0,
        "wga_premie_cent": 552,
    }
    assert netto(opgave) == Decimal("1132.13")


def test_oib_d2_month_3_of_work_with_the_25_percent_vrijlating() -> None:
    v = verreken(MAAND, NORM, Inkomen(arbeid=Decimal(850)), WERKT, Vakantiegeld.AANSPRAAK)
    assert (v.vakantiegeld, v.vrijlating, v.vrijlating_soort) == (
        Decimal("68.00"),
        Decimal("212.50"),
        Vrijlating.ARBEID,
    )
    assert (v.inkomen, v.bijstand, v.vakantietoeslag, v.maandbedrag) == (
        Decimal("705.50"),
        Decimal("696.00"),
        Decimal("34.80"),
        Decimal("661.20"),
    )


@pytest.mark.parametrize(
    ("situatie", "vrij"),
    [
        (replace(WERKT, maanden_arbeid_gebruikt=5), Decimal("212.50")),  # the sixth month
        (replace(WERKT, maanden_arbeid_gebruikt=6), Decimal(0)),  # OIB-D3: month 7
        (replace(WERKT, leeftijd=27), Decimal("212.50")),
        (replace(WERKT, leeftijd=26), Decimal(0)),  # OIB-D4 (lid 5)
        (replace(WERKT, college_akkoord=False), Decimal(0)),
    ],
)
def test_the_boundaries_of_art_31_lid_2_n_and_lid_5(situatie: Situatie, vrij: Decimal) -> None:
    assert vrijlating(Decimal(850), situatie, DAG)[0] == vrij


def test_oib_d3_and_d4_without_a_vrijlating() -> None:
    for situatie in (replace(WERKT, maanden_arbeid_gebruikt=6), replace(WERKT, leeftijd=25)):
        v = verreken(MAAND, NORM, Inkomen(arbeid=Decimal(850)), situatie, Vakantiegeld.AANSPRAAK)
        assert (v.inkomen, v.bijstand, v.vakantietoeslag, v.maandbedrag) == (
            Decimal("918.00"),
            Decimal("483.50"),
            Decimal("24.18"),
            Decimal("459.32"),
        )


def test_oib_d5_the_second_bracket_of_art_11() -> None:
    v = verreken(MAAND, NORM, Inkomen(arbeid=Decimal(1000)), WERKT, Vakantiegeld.AANSPRAAK)
    assert (v.vakantiegeld, v.vrijlating, v.inkomen) == (
        Decimal("59.23"),
        Decimal("250.00"),
        Decimal("809.23"),
    )
    assert (v.bijstand, v.vakantietoeslag) == (Decimal("592.27"), Decimal("29.61"))


def test_oib_d6_ww_is_former_work_art_12_without_vrijlating() -> None:
    v = verreken(MAAND, NORM, Inkomen(vroegere_arbeid=Decimal(900)), WERKT, Vakantiegeld.AANSPRAAK)
    assert (v.vakantiegeld, v.vrijlating) == (Decimal("51.23"), Decimal(0))
    assert (v.bijstand, v.vakantietoeslag) == (Decimal("450.27"), Decimal("22.51"))


@pytest.mark.parametrize(
    ("netto", "herkomst", "aanspraak"),
    [
        (Decimal("876.38"), Herkomst.TEGENWOORDIGE_ARBEID, Decimal("70.11")),  # art. 11, 1
        (Decimal("876.39"), Herkomst.TEGENWOORDIGE_ARBEID, Decimal("49.34")),  # art. 11, 2
        (Decimal("672.37"), Herkomst.VROEGERE_ARBEID, Decimal("53.79")),  # art. 12, 1
        (Decimal("672.38"), Herkomst.VROEGERE_ARBEID, Decimal("34.56")),  # art. 12, 2
        (Decimal("1733.80"), Herkomst.VROEGERE_ARBEID, Decimal("117.93")),  # art. 12, 3
        (Decimal("1733.81"), Herkomst.VROEGERE_ARBEID, Decimal("106.13")),  # art. 12, 4
        (Decimal("1851.74"), Herkomst.VROEGERE_ARBEID, Decimal("114.63")),  # art. 12, 4
        (Decimal("1851.75"), Herkomst.VROEGERE_ARBEID, Decimal("114.68")),  # art. 12, 5
        (Decimal("2000.00"), Herkomst.ZONDER_HEFFINGSKORTING, Decimal("160.00")),  # art. 13
    ],
)
def test_each_bracket_limit_of_the_regeling_from_both_sides(
    netto: Decimal, herkomst: Herkomst, aanspraak: Decimal
) -> None:
    assert aanspraak_vakantietoeslag(netto, herkomst, DAG)[0] == aanspraak


def test_a_vrijlating_is_rounded_down_never_above_its_share() -> None:
    assert vrijlating(Decimal("850.02"), WERKT, DAG)[0] == Decimal("212.50")


def test_a_pensioner_keeps_the_25_percent_without_six_months_or_the_colleges_judgement() -> None:
    gepensioneerd = Situatie(leeftijd=68, pensioengerechtigd=True, maanden_arbeid_gebruikt=20)
    assert vrijlating(Decimal(850), gepensioneerd, DAG)[:2] == (
        Decimal("212.50"),
        Vrijlating.ARBEID,
    )
    with pytest.raises(OnbekendeSchijf, match=r"art\. 14"):
        verreken(MAAND, NORM, Inkomen(arbeid=Decimal(850)), gepensioneerd, Vakantiegeld.AANSPRAAK)


def test_medisch_urenbeperkt_15_percent_from_any_age_unless_n_applies() -> None:
    jong = Situatie(leeftijd=22, medisch_urenbeperkt=True)
    assert vrijlating(Decimal(1000), jong, DAG)[:2] == (
        Decimal("150.00"),
        Vrijlating.MEDISCH_URENBEPERKT,
    )
    assert vrijlating(Decimal(2000), jong, DAG)[0] == Decimal("180.19")  # the maximum
    met_n = replace(WERKT, medisch_urenbeperkt=True)
    assert vrijlating(Decimal(1000), met_n, DAG)[1] is Vrijlating.ARBEID


@pytest.mark.parametrize(
    ("wijziging", "soort"),
    [
        ({}, Vrijlating.ALLEENSTAANDE_OUDER),
        ({"alleenstaande_ouder_kind_leeftijd": 11}, Vrijlating.ALLEENSTAANDE_OUDER),
        ({"alleenstaande_ouder_kind_leeftijd": 12}, Vrijlating.GEEN),
        ({"maanden_alleenstaande_ouder_gebruikt": 29}, Vrijlating.ALLEENSTAANDE_OUDER),
        ({"maanden_alleenstaande_ouder_gebruikt": 30}, Vrijlating.GEEN),
        ({"maanden_arbeid_gebruikt": 5}, Vrijlating.ARBEID),  # n first, its sixth month
        ({"leeftijd": 27}, Vrijlating.ALLEENSTAANDE_OUDER),
        ({"leeftijd": 26}, Vrijlating.GEEN),  # lid 5
        ({"medisch_urenbeperkt": True}, Vrijlating.MEDISCH_URENBEPERKT),  # y blocks r
    ],
)
def test_the_boundaries_of_art_31_lid_2_r(wijziging: dict[str, object], soort: Vrijlating) -> None:
    ouder = Situatie(
        leeftijd=35,
        college_akkoord=True,
        maanden_arbeid_gebruikt=6,
        alleenstaande_ouder_kind_leeftijd=5,
    )
    assert vrijlating(Decimal(1600), replace(ouder, **wijziging), DAG)[1] is soort  # type: ignore[arg-type]


def test_oib_d7_an_alleenstaande_ouder_after_the_six_months_gets_12_5_percent_capped() -> None:
    ouder = Situatie(
        leeftijd=35,
        college_akkoord=True,
        maanden_arbeid_gebruikt=7,
        alleenstaande_ouder_kind_leeftijd=5,
    )
    assert vrijlating(Decimal(1600), ouder, DAG)[:2] == (
        Decimal("177.66"),
        Vrijlating.ALLEENSTAANDE_OUDER,
    )
    ouder_kind_12 = replace(ouder, alleenstaande_ouder_kind_leeftijd=12)
    assert vrijlating(Decimal(1600), ouder_kind_12, DAG)[1] is Vrijlating.GEEN
    na_30 = replace(ouder, maanden_alleenstaande_ouder_gebruikt=30)
    assert vrijlating(Decimal(1600), na_30, DAG)[1] is Vrijlating.GEEN


def test_a_doubtful_bracket_leaves_the_month_uncomputed() -> None:
    """OIB-D7's own aanspraak: art. 11 from € 1.059,26 is printed doubtfully for 2026."""
    with pytest.raises(OnbekendeSchijf, match=r"schijf 3 van art\. 11"):
        verreken(MAAND, NORM, Inkomen(arbeid=Decimal(1600)), WERKT, Vakantiegeld.AANSPRAAK)


def test_holiday_pay_as_paid_when_the_gemeente_chooses_it() -> None:
    inkomen = Inkomen(arbeid=Decimal(850), vakantiegeld_uitbetaald=Decimal(400))
    v = verreken(MAAND, NORM, inkomen, WERKT, Vakantiegeld.UITBETAALD)
    assert (v.vakantiegeld, v.inkomen) == (Decimal(400), Decimal("1037.50"))


def test_oib_d10_middelen_received_in_the_six_months_before_may_be_offset() -> None:
    assert verrekenbaar("2026-02", "2026-04")  # OIB-D10
    assert verrekenbaar("2025-10", "2026-04")  # six months before
    assert not verrekenbaar("2025-09", "2026-04")  # seven
    assert not verrekenbaar("2026-04", "2026-04")  # the month itself is not "voorafgaand"


def _2027() -> Parametersets:
    """OIB-D8 uses the 2026 norm and VT table as a placeholder in 2027: the code's 2026 values
    with the art. 34a parameters of 2027."""
    code = uit_code()
    basis, nieuw = code.op("participatiewet", DAG), code.op("participatiewet", date(2027, 1, 1))
    assert isinstance(basis, Parameterset)
    assert isinstance(nieuw, Parameterset)
    waarden = {**basis.waarden, **{n: nieuw.waarden[n] for n in ART_34A}}
    for naam in ("vrijlating_arbeid_aandeel", "vrijlating_minimumleeftijd"):
        waarden.pop(naam)
    set_2027 = replace(basis, ingangsdatum=date(2027, 1, 1), waarden=waarden)
    return Parametersets(
        {**code.sets, "participatiewet": (*code.sets["participatiewet"], set_2027)}
    )


def test_oib_d8_from_2027_art_34a_leaves_15_percent_without_a_maximum() -> None:
    v = verreken(
        "2027-03", NORM, Inkomen(arbeid=Decimal(850)), WERKT, Vakantiegeld.AANSPRAAK, _2027()
    )
    assert (v.vrijlating, v.vrijlating_soort) == (Decimal("127.50"), Vrijlating.ARBEID_2027)
    assert (v.inkomen, v.bijstand) == (Decimal("790.50"), Decimal("611.00"))
    na_12 = replace(WERKT, maanden_2027_gebruikt=12)
    assert vrijlating(Decimal(850), na_12, date(2027, 3, 1), _2027())[1] is Vrijlating.GEEN
    elf = replace(WERKT, maanden_2027_gebruikt=11)
    assert vrijlating(Decimal(850), elf, date(2027, 3, 1), _2027())[0] == Decimal("127.50")


def test_oib_d9_from_2027_a_pensioner_keeps_25_percent_up_to_226() -> None:
    gepensioneerd = Situatie(leeftijd=68, pensioengerechtigd=True)
    dag = date(2027, 3, 1)
    assert vrijlating(Decimal(1200), gepensioneerd, dag, _2027())[:2] == (
        Decimal("226.00"),
        Vrijlating.PENSIOENGERECHTIGD_2027,
    )
    assert vrijlating(Decimal(800), gepensioneerd, dag, _2027())[0] == Decimal("200.00")


VR_MAAND, VR_NORM = "2025-01", Decimal("1345.45")
"""rules.md §5.2 (DERIVED, 2025-01 parameters): holiday pay apart (none paid in the month)."""


@pytest.mark.parametrize(
    ("vector", "situatie", "arbeid", "vrij", "bijstand"),
    [
        ("VR-D1", Situatie(leeftijd=35, college_akkoord=True), "600.00", "150.00", "895.45"),
        ("VR-D2", Situatie(leeftijd=35, college_akkoord=True), "1200.00", "273.00", "418.45"),
        (
            "VR-D3",
            Situatie(leeftijd=35, college_akkoord=True, maanden_arbeid_gebruikt=6),
            "1200.00",
            "0",
            "145.45",
        ),
        ("VR-D4", Situatie(leeftijd=25, college_akkoord=True), "600.00", "0", "745.45"),
        (
            "VR-D5",
            Situatie(leeftijd=68, pensioengerechtigd=True, maanden_arbeid_gebruikt=11),
            "600.00",
            "150.00",
            "895.45",
        ),
        (
            "VR-D6",
            Situatie(
                leeftijd=35,
                college_akkoord=True,
                maanden_arbeid_gebruikt=7,
                alleenstaande_ouder_kind_leeftijd=5,
            ),
            "1600.00",
            "170.61",
            "0",  # the income after the vrijlating exceeds the norm (art. 19 lid 2)
        ),
    ],
)
def test_the_vrijlating_vectors_of_rules_md_5_2(
    vector: str, situatie: Situatie, arbeid: str, vrij: str, bijstand: str
) -> None:
    v = verreken(
        VR_MAAND, VR_NORM, Inkomen(arbeid=Decimal(arbeid)), situatie, Vakantiegeld.UITBETAALD
    )
    assert (v.vrijlating, v.bijstand) == (Decimal(vrij), Decimal(bijstand)), vector
