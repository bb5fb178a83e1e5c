"""The kwijtscheldingstoets for real households: net income minus the URI art. 15 expenses,
the kostendelersnorm, several assessments sharing one capacity, every car, other debts.

Amounts of 1 January 2026: bijstandsnorm alleenstaande € 1.401,50 and gehuwden € 2.002,13
(Pw art. 21), minimum basishuur € 202,52 (one person) and € 200,71, maximale huurgrens
€ 932,93 (Wet op de huurtoeslag art. 13 and 17), standaardpremie € 2.119 a year and
normpremie € 47 / € 106 (Leidraad Invordering 2008 art. 26.2.19). Worked examples:
docs/domein/kwijtschelding.md KWS-28 to KWS-38, each naming its test.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from shared.bronnen.huishouden import Leefsituatie
from shared.rules.kwijtschelding.toets import (
    LEZING_WOONLASTEN,
    LEZING_ZORGPREMIE,
    Aanslag,
    Autogrens,
    Beleid,
    Huishouden,
    Soort,
    Uitkomst,
    toets,
)

PEIL = date(2026, 6, 1)
HONDERD = Beleid(kosten_van_bestaan_percentage=D(100))


def alleenstaande(**changes: object) -> Huishouden:
    base = Huishouden(
        peildatum=PEIL,
        leefsituatie=Leefsituatie.ALLEENSTAANDE,
        pensioengerechtigd=False,
        belastingsoort="AFVALSTOFFENHEFFING",
        aanslagbedrag=D("400.00"),
        netto_inkomen_maand=D("1401.50"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_net_income_after_rent_and_premium_gives_full_remission() -> None:
    """docs/domein/kwijtschelding.md KWS-28. URI art. 14 and 15 b, c: a single person
    earning € 1.620 gross, € 1.540 net, with € 550 rent and a € 160 premium has € 1.162,10
    to spend, under 90% of the norm (€ 1.261,35): all of it. Without the two deductions
    (as before, when the gross was tested) he is refused. The two readings of art. 15 are
    stated."""
    h = alleenstaande(
        netto_inkomen_maand=D("1540.00"), woonlasten_maand=D(550), zorgpremie_maand=D(160)
    )
    result = toets(h, Beleid())
    assert (result.woonlasten_aftrek, result.zorgpremie_aftrek) == (D("347.48"), D("30.42"))
    assert result.netto_besteedbaar_inkomen == D("1162.10")
    assert (result.uitkomst, result.kwijtschelding) == (Uitkomst.TOEGEKEND, D("400.00"))
    assert result.lezingen == [LEZING_WOONLASTEN, LEZING_ZORGPREMIE]
    assert toets(replace(h, woonlasten_maand=D(0), zorgpremie_maand=D(0)), Beleid()).uitkomst is (
        Uitkomst.AFGEWEZEN
    )


def test_woonlasten_count_above_the_basishuur_up_to_the_huurgrens() -> None:
    """docs/domein/kwijtschelding.md KWS-29. URI art. 15 b: only the part above the
    basishuur, and no more than the maximale huurgrens."""
    assert toets(alleenstaande(woonlasten_maand=D("202.52")), HONDERD).woonlasten_aftrek == D(0)
    assert toets(alleenstaande(woonlasten_maand=D("202.53")), HONDERD).woonlasten_aftrek == D(
        "0.01"
    )
    assert toets(alleenstaande(woonlasten_maand=D(1200)), HONDERD).woonlasten_aftrek == D("730.41")


def test_premium_counts_above_what_zorgtoeslag_covers() -> None:
    """docs/domein/kwijtschelding.md KWS-30. URI art. 15 c with Leidraad 26.2.19: the
    standaardpremie minus the normpremie is covered (€ 129,58 for one person), the rest is
    an expense."""
    assert toets(alleenstaande(zorgpremie_maand=D("129.58")), HONDERD).zorgpremie_aftrek == D(0)
    assert toets(alleenstaande(zorgpremie_maand=D("129.59")), HONDERD).zorgpremie_aftrek == D(
        "0.01"
    )


def test_given_nbi_is_taken_as_after_the_expenses() -> None:
    """docs/domein/kwijtschelding.md KWS-31."""
    h = alleenstaande(
        netto_inkomen_maand=None,
        netto_besteedbaar_inkomen_maand=D("1401.50"),
        woonlasten_maand=D(550),
    )
    assert toets(h, HONDERD).netto_besteedbaar_inkomen == D("1401.50")


def test_kostendelersnorm_in_the_kosten_van_bestaan() -> None:
    """docs/domein/kwijtschelding.md KWS-32.
    Pw art. 22a lid 1 through URI art. 16 lid 2 b: one kostendeler makes A = 2, so
    (40% + 2 × 30%) / 2 × € 2.002,13 = € 1.001,07 instead of € 1.401,50."""
    assert toets(alleenstaande(), HONDERD).kosten_van_bestaan == D("1401.50")
    met = alleenstaande(aantal_kostendelende_medebewoners=1)
    assert toets(met, HONDERD).kosten_van_bestaan == D("1001.07")
    assert toets(met, Beleid()).kosten_van_bestaan == D("900.96")


def test_kostendelersnorm_for_spouses_is_twice_the_norm_per_person() -> None:
    """docs/domein/kwijtschelding.md KWS-33. Pw art. 22a lid 2: spouses with one
    kostendeler, A = 3: 2 × 1.30 / 3 × € 2.002,13."""
    h = alleenstaande(leefsituatie=Leefsituatie.GEHUWD, aantal_kostendelende_medebewoners=1)
    assert toets(h, HONDERD).kosten_van_bestaan == D("1735.18")


def test_several_assessments_share_one_capacity() -> None:
    """docs/domein/kwijtschelding.md KWS-34.
    URI art. 11: the capacity is used once for all assessments together (80% of
    € 222,00 = € 177,60), and the remission divided in proportion to the amounts."""
    h = alleenstaande(
        netto_inkomen_maand=D("1420.00"),
        aanslagen=(
            Aanslag("AFVALSTOFFENHEFFING", D("400.00")),
            Aanslag("RIOOLHEFFING", D("200.00")),
        ),
    )
    result = toets(h, HONDERD)
    assert (result.kwijtschelding, result.te_betalen) == (D("422.40"), D("177.60"))
    assert [(a.belastingsoort, a.kwijtschelding, a.te_betalen) for a in result.aanslagen] == [
        ("AFVALSTOFFENHEFFING", D("281.60"), D("118.40")),
        ("RIOOLHEFFING", D("140.80"), D("59.20")),
    ]


def test_shares_add_up_to_the_total_to_the_cent() -> None:
    """docs/domein/kwijtschelding.md KWS-35: 122,40 in three shares of 40,80."""
    h = alleenstaande(
        netto_inkomen_maand=D("1420.00"),
        aanslagen=tuple(Aanslag(f"HEFFING_{i}", D("100.00")) for i in range(3)),
    )
    result = toets(h, HONDERD)
    assert sum((a.kwijtschelding for a in result.aanslagen), D(0)) == result.kwijtschelding
    assert [a.kwijtschelding for a in result.aanslagen] == [D("40.80"), D("40.80"), D("40.80")]


def test_an_assessment_outside_the_policy_keeps_its_amount_and_uses_no_capacity() -> None:
    """docs/domein/kwijtschelding.md KWS-36."""
    beleid = replace(HONDERD, belastingsoorten=frozenset({"AFVALSTOFFENHEFFING"}))
    h = alleenstaande(
        aanslagen=(Aanslag("AFVALSTOFFENHEFFING", D("300.00")), Aanslag("HONDENBELASTING", D(50)))
    )
    result = toets(h, beleid)
    assert (result.uitkomst, result.kwijtschelding) == (Uitkomst.GEDEELTELIJK, D("300.00"))
    assert result.aanslagen[1].te_betalen == D(50)
    assert [b.soort for b in result.belemmeringen] == [Soort.BELASTINGSOORT]


def test_every_car_counts_but_one_within_the_limit() -> None:
    """docs/domein/kwijtschelding.md KWS-37. URI art. 12 lid 2 c: one car within € 2.269
    is exempt; the others count in full."""
    twee = alleenstaande(auto_waarde=D(2200), overige_autos=(D(2000),))
    assert toets(twee, HONDERD).vermogen == D(2000)
    duur = alleenstaande(auto_waarde=D(5000), overige_autos=(D(2000),))
    assert toets(duur, HONDERD).vermogen == D(5000)
    onmisbaar = replace(duur, auto_onmisbaar=True)
    assert toets(onmisbaar, HONDERD).vermogen == D(2000)
    leidraad = replace(HONDERD, autogrens=Autogrens.LEIDRAAD)
    assert toets(alleenstaande(auto_waarde=D(3000)), leidraad).vermogen == D(0)


def test_other_repayments_above_136_refuse_remission() -> None:
    """docs/domein/kwijtschelding.md KWS-38. URI art. 17: above € 136 a month only in very
    special circumstances."""
    assert toets(alleenstaande(aflossingen_maand=D(136)), HONDERD).uitkomst is Uitkomst.TOEGEKEND
    result = toets(alleenstaande(aflossingen_maand=D("136.01")), HONDERD)
    assert (result.uitkomst, result.kwijtschelding) == (Uitkomst.AFGEWEZEN, D(0))
    assert [b.soort for b in result.belemmeringen] == [Soort.AFLOSSINGEN]
