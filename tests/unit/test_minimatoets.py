"""The inkomens- en vermogenstoets against the worked examples of income-services.md §3.3
(BB-D1 … BB-D4), each boundary from both sides."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from shared.bronnen.huishouden import Leefsituatie
from shared.rules.minimatoets import Huishouden, Minimabeleid, Soort, Uitkomst, toets

PEIL = date(2026, 3, 1)
BELEID = Minimabeleid(toetspercentage=130, vermogenstoets=False)
ALLEEN = Huishouden(
    leefsituatie=Leefsituatie.ALLEENSTAANDE,
    pensioengerechtigd=False,
    volwassenen=1,
    minima_uitkering=None,
    netto_inkomen=Decimal("1900.00"),
)


def test_bb_d1_an_alleenstaande_above_130_percent_has_an_income_obstacle() -> None:
    uitkomst = toets(PEIL, ALLEEN, BELEID)
    assert uitkomst.uitkomst is Uitkomst.BELEMMERING
    assert (uitkomst.inkomensnorm, uitkomst.toetsbedrag) == (Decimal("1401.50"), Decimal("1821.95"))
    assert uitkomst.overschrijding == Decimal("78.05")
    assert uitkomst.overschrijding_procent_toetsbedrag == Decimal("4.28")
    assert uitkomst.inkomen_procent_norm == Decimal("135.57")
    assert [b.soort for b in uitkomst.belemmeringen] == [Soort.INKOMEN]


def test_bb_d1_the_toetsbedrag_itself_meets_the_norm_a_cent_more_does_not() -> None:
    gelijk = toets(PEIL, replace(ALLEEN, netto_inkomen=Decimal("1821.95")), BELEID)
    meer = toets(PEIL, replace(ALLEEN, netto_inkomen=Decimal("1821.96")), BELEID)
    assert (gelijk.uitkomst, meer.uitkomst) == (Uitkomst.VOLDOET, Uitkomst.BELEMMERING)


def test_bb_d2_gehuwden_below_130_percent_meet_it() -> None:
    gehuwd = replace(
        ALLEEN, leefsituatie=Leefsituatie.GEHUWD, volwassenen=2, netto_inkomen=Decimal("2500.00")
    )
    uitkomst = toets(PEIL, gehuwd, BELEID)
    assert uitkomst.toetsbedrag == Decimal("2602.77")
    assert uitkomst.uitkomst is Uitkomst.VOLDOET


def test_bb_d3_a_running_bijstand_benefit_is_no_income_obstacle_and_no_income_read() -> None:
    uitkomst = toets(PEIL, replace(ALLEEN, minima_uitkering="PW", netto_inkomen=None), BELEID)
    assert uitkomst.uitkomst is Uitkomst.VOLDOET
    assert uitkomst.netto_inkomen is None


def test_bb_d4_three_adults_are_not_tested_two_are() -> None:
    drie = toets(PEIL, replace(ALLEEN, volwassenen=3), BELEID)
    twee = toets(PEIL, replace(ALLEEN, volwassenen=2, netto_inkomen=Decimal(1000)), BELEID)
    assert drie.uitkomst is Uitkomst.NIET_GETOETST
    assert [b.soort for b in drie.belemmeringen] == [Soort.HUISHOUDEN]
    assert twee.uitkomst is Uitkomst.VOLDOET


def test_the_vermogen_against_the_art_34_grens_or_the_gemeentes_own() -> None:
    met = replace(BELEID, vermogenstoets=True)
    arm = replace(ALLEEN, netto_inkomen=Decimal(1000))
    op_grens = toets(PEIL, replace(arm, bezittingen=Decimal(8500), schulden=Decimal(500)), met)
    erboven = toets(PEIL, replace(arm, bezittingen=Decimal("8500.01"), schulden=Decimal(500)), met)
    assert (op_grens.vermogensgrens, op_grens.uitkomst) == (Decimal(8000), Uitkomst.VOLDOET)
    assert erboven.uitkomst is Uitkomst.BELEMMERING
    eigen = replace(met, vermogensgrens=Decimal(5000))
    streng = toets(PEIL, replace(arm, bezittingen=Decimal(8500), schulden=Decimal(500)), eigen)
    assert [b.soort for b in streng.belemmeringen] == [Soort.VERMOGEN]
    nul = replace(met, vermogensgrens=Decimal(0))
    niets = toets(PEIL, replace(arm, bezittingen=Decimal("0.01"), schulden=Decimal(0)), nul)
    assert (niets.vermogensgrens, niets.uitkomst) == (Decimal(0), Uitkomst.BELEMMERING)
    ouder = replace(arm, leefsituatie=Leefsituatie.ALLEENSTAANDE_OUDER)
    gezin = toets(PEIL, replace(ouder, bezittingen=Decimal(12000), schulden=Decimal(0)), met)
    assert (gezin.vermogensgrens, gezin.uitkomst) == (Decimal(16000), Uitkomst.VOLDOET)
    onbekend = toets(PEIL, arm, met)
    assert [b.toelichting for b in onbekend.belemmeringen] == ["het vermogen is niet opgegeven"]


def test_a_pensioner_household_is_held_to_the_pensioner_norm() -> None:
    uitkomst = toets(PEIL, replace(ALLEEN, pensioengerechtigd=True), BELEID)
    assert uitkomst.inkomensnorm == Decimal("1564.69")
