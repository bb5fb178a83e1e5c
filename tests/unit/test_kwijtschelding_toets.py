"""The kwijtscheldingstoets against published and derived examples, to the cent.

Published: docs/domein/kwijtschelding.md KWS-1 to KWS-12, scenarios for the HHNK
Kwijtscheldingsregeling 2023 (100% of the norm, net AOW for pensioners, extra buffer
€ 2.000/1.800/1.500, childcare deductible, ondernemers for their private taxes), calculation
date 2026-06-01. Derived: docs/domein/kwijtschelding.md KWS-13 to KWS-15 (test_kw_d1 to d3,
2026-01 norms) and KWS-16 to KWS-25, each naming its test.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from shared.bronnen.huishouden import Leefsituatie
from shared.rules.kwijtschelding.toets import (
    Autogrens,
    Beleid,
    Huishouden,
    OngeldigBeleid,
    Pensioennorm,
    Soort,
    Uitkomst,
    toets,
)
from shared.rules.parameters import MissingParameters

HHNK = Beleid(
    kosten_van_bestaan_percentage=D(100),
    verhoging_vermogensnorm=D(2000),
    kinderopvang_aftrekbaar=True,
    belastingsoorten=frozenset(
        {
            "watersysteemheffing_ingezetenen",
            "watersysteemheffing_gebouwd_woonruimte",
            "zuiveringsheffing_woonruimte",
            "verontreinigingsheffing_woonruimte",
            "wegenheffing_ingezetenen",
            "wegenheffing_gebouwd_woonruimte",
        }
    ),
    pensioennorm=Pensioennorm.NETTO_AOW,
    ondernemers_prive=True,
)
STANDAARD = Beleid()
ARM = D("1261.35")
"""90% of the 2026 norm for an alleenstaande: no betalingscapaciteit under the default policy."""


def huishouden(**changes: object) -> Huishouden:
    base = Huishouden(
        peildatum=date(2026, 6, 1),
        belastingsoort="watersysteemheffing_ingezetenen",
        aanslagbedrag=D("150.00"),
        leefsituatie=Leefsituatie.ALLEENSTAANDE,
        pensioengerechtigd=False,
        netto_besteedbaar_inkomen_maand=D("1401.50"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("scenario", "changes", "kwijtschelding"),
    [
        ("alleenstaande op de norm: alles", {}, D("150.00")),
        (
            "echtgenoten € 50 boven de norm: gedeeltelijk",
            {
                "leefsituatie": Leefsituatie.GEHUWD,
                "netto_besteedbaar_inkomen_maand": D("2052.13"),
                "aanslagbedrag": D("600.00"),
                "belastingsoort": "zuiveringsheffing_woonruimte",
            },
            D("120.00"),
        ),
        ("ondernemer, zakelijke aanslag", {"ondernemer": True, "belasting_zakelijk": True}, D(0)),
        (
            "alleenstaande AOW op de netto-AOW",
            {
                "pensioengerechtigd": True,
                "netto_besteedbaar_inkomen_maand": D("1558.15"),
                "aanslagbedrag": D("200.00"),
            },
            D("200.00"),
        ),
        (
            "echtgenoten AOW",
            {
                "leefsituatie": Leefsituatie.GEHUWD,
                "pensioengerechtigd": True,
                "netto_besteedbaar_inkomen_maand": D("2135.40"),
                "aanslagbedrag": D("250.00"),
            },
            D("250.00"),
        ),
        (
            "kinderopvang maakt volledige kwijtschelding mogelijk",
            {
                "leefsituatie": Leefsituatie.GEHUWD,
                "netto_besteedbaar_inkomen_maand": D("2500.00"),
                "kinderopvang_maand": D("600.00"),
                "aanslagbedrag": D("450.00"),
            },
            D("450.00"),
        ),
        (
            "auto van € 5.000 onmisbaar",
            {"auto_waarde": D("5000.00"), "auto_onmisbaar": True},
            D("150.00"),
        ),
        (
            "liquide middelen boven de vrijstelling",
            {"liquide_middelen": D("4000.00"), "aanslagbedrag": D("800.00")},
            D(0),
        ),
        (
            "belastingsoort buiten de regeling",
            {"belastingsoort": "watersysteemheffing_gebouwd_bedrijven"},
            D(0),
        ),
        ("hoog inkomen", {"netto_besteedbaar_inkomen_maand": D("3000.00")}, D(0)),
        ("ondernemer, privé-aanslag", {"ondernemer": True}, D("150.00")),
    ],
)
def test_published_hhnk_scenarios(
    scenario: str, changes: dict[str, object], kwijtschelding: D
) -> None:
    assert toets(huishouden(**changes), HHNK).kwijtschelding == kwijtschelding


def test_bezwaar_of_beroep_blocks() -> None:
    result = toets(huishouden(bezwaar_of_beroep_aanhangig=True), HHNK)
    assert (result.uitkomst, result.kwijtschelding) == (Uitkomst.AFGEWEZEN, D(0))
    assert [b.soort for b in result.belemmeringen] == [Soort.BEZWAAR_OF_BEROEP]


def derived(inkomen: str) -> Huishouden:
    return huishouden(
        peildatum=date(2026, 3, 1),
        belastingsoort="AFVALSTOFFENHEFFING",
        aanslagbedrag=D("400.00"),
        netto_besteedbaar_inkomen_maand=D(inkomen),
    )


def test_kw_d1_full_norm_income_above_blocks() -> None:
    result = toets(derived("1500.00"), Beleid(kosten_van_bestaan_percentage=D(100)))
    assert (result.kosten_van_bestaan, result.betalingscapaciteit) == (D("1401.50"), D("1182.00"))
    assert (result.uitkomst, result.kwijtschelding, result.te_betalen) == (
        Uitkomst.AFGEWEZEN,
        D(0),
        D("400.00"),
    )
    assert [(b.soort, b.bedrag) for b in result.belemmeringen] == [(Soort.INKOMEN, D("945.60"))]


def test_kw_d2_ninety_percent() -> None:
    result = toets(derived("1500.00"), STANDAARD)
    assert (result.kosten_van_bestaan, result.betalingscapaciteit) == (D("1261.35"), D("2863.80"))
    assert result.kwijtschelding == D(0)


def test_kw_d3_partial_to_the_cent() -> None:
    result = toets(derived("1420.00"), Beleid(kosten_van_bestaan_percentage=D(100)))
    assert (result.uitkomst, result.betalingscapaciteit) == (Uitkomst.GEDEELTELIJK, D("222.00"))
    assert (result.kwijtschelding, result.te_betalen) == (D("222.40"), D("177.60"))


def test_income_at_the_norm_does_not_block() -> None:
    result = toets(derived("1401.50"), Beleid(kosten_van_bestaan_percentage=D(100)))
    assert (result.uitkomst, result.belemmeringen) == (Uitkomst.TOEGEKEND, [])


def test_financial_means_within_the_buffer_do_not_block_above_they_do() -> None:
    """URI art. 12 lid 2 d: the buffer is the kosten van bestaan plus the monthly art. 15 b
    and c amounts, not the raw woonlasten and premium."""
    beleid = Beleid(kosten_van_bestaan_percentage=D(100))
    # 1401.50 + woonlasten (300 - basishuur 202.52) 97.48 + zorgpremie (150 - 129.58) 20.42
    within = huishouden(
        liquide_middelen=D("1519.40"), woonlasten_maand=D(300), zorgpremie_maand=D(150)
    )
    assert toets(within, beleid).uitkomst is Uitkomst.TOEGEKEND
    above = replace(within, liquide_middelen=D("1569.40"))
    result = toets(above, beleid)
    assert (result.kwijtschelding, result.vermogen) == (D("100.00"), D("50.00"))
    assert [b.soort for b in result.belemmeringen] == [Soort.VERMOGEN]


def test_extra_buffer_is_75_percent_for_an_alleenstaande() -> None:
    beleid = Beleid(kosten_van_bestaan_percentage=D(100), verhoging_vermogensnorm=D(2000))
    at_limit = huishouden(liquide_middelen=D("2901.50"))  # 1401.50 + 0.75 × 2000
    assert toets(at_limit, beleid).vermogen == D(0)
    assert toets(replace(at_limit, liquide_middelen=D("2901.51")), beleid).vermogen == D("0.01")


def test_extra_buffer_is_90_percent_for_an_alleenstaande_ouder() -> None:
    """RKBM art. 4 onder c: 90% of the verhoging of onderdeel a, from both sides."""
    beleid = Beleid(kosten_van_bestaan_percentage=D(100), verhoging_vermogensnorm=D(2000))
    at_limit = huishouden(
        leefsituatie=Leefsituatie.ALLEENSTAANDE_OUDER, liquide_middelen=D("3201.50")
    )  # 1401.50 + 0.90 × 2000
    assert toets(at_limit, beleid).vermogen == D(0)
    assert toets(replace(at_limit, liquide_middelen=D("3201.51")), beleid).vermogen == D("0.01")


def test_car_limit_is_the_policys_choice() -> None:
    car = huishouden(
        auto_waarde=D("3000.00"), aanslagbedrag=D("400.00"), netto_besteedbaar_inkomen_maand=ARM
    )
    uri = toets(car, STANDAARD)
    assert (uri.vermogen, uri.uitkomst) == (D("3000.00"), Uitkomst.AFGEWEZEN)
    assert [b.soort for b in uri.belemmeringen] == [Soort.VOERTUIG]
    leidraad = toets(car, Beleid(autogrens=Autogrens.LEIDRAAD))
    assert (leidraad.vermogen, leidraad.uitkomst) == (D(0), Uitkomst.TOEGEKEND)
    assert toets(replace(car, auto_waarde=D("2269.00")), STANDAARD).vermogen == D(0)


def test_household_goods_count_above_2269_only() -> None:
    assert toets(huishouden(inboedel_waarde=D("2269.00")), STANDAARD).vermogen == D(0)
    assert toets(huishouden(inboedel_waarde=D("2300.00")), STANDAARD).vermogen == D("31.00")


def test_home_equity_counts_and_is_named() -> None:
    owner = huishouden(
        eigen_woning_waarde=D("250000"),
        hypotheekschuld=D("200000"),
        netto_besteedbaar_inkomen_maand=ARM,
    )
    result = toets(owner, STANDAARD)
    assert (result.vermogen, result.uitkomst) == (D("50000"), Uitkomst.AFGEWEZEN)
    assert [b.soort for b in result.belemmeringen] == [Soort.HYPOTHEEKSCHULD]
    under_water = replace(owner, hypotheekschuld=D("260000"))
    assert toets(under_water, STANDAARD).belemmeringen == []


def test_received_alimony_is_named_when_income_blocks() -> None:
    result = toets(
        huishouden(
            netto_besteedbaar_inkomen_maand=D("1600.00"), alimentatie_ontvangen_maand=D(300)
        ),
        Beleid(kosten_van_bestaan_percentage=D(100)),
    )
    assert [b.soort for b in result.belemmeringen] == [Soort.INKOMEN, Soort.ALIMENTATIE]
    at_norm = huishouden(alimentatie_ontvangen_maand=D(300))
    assert toets(at_norm, Beleid(kosten_van_bestaan_percentage=D(100))).belemmeringen == []


def test_ondernemer_without_extension_is_refused_even_for_private_tax() -> None:
    result = toets(huishouden(ondernemer=True, netto_besteedbaar_inkomen_maand=ARM), STANDAARD)
    assert [b.soort for b in result.belemmeringen] == [Soort.ONDERNEMERSCHAP]
    particulier = huishouden(ondernemer=False, netto_besteedbaar_inkomen_maand=ARM)
    assert toets(particulier, STANDAARD).uitkomst is Uitkomst.TOEGEKEND


def test_policy_outside_the_law_is_refused() -> None:
    with pytest.raises(OngeldigBeleid):
        toets(huishouden(), Beleid(kosten_van_bestaan_percentage=D(85)))
    with pytest.raises(OngeldigBeleid):
        toets(huishouden(), Beleid(verhoging_vermogensnorm=D(2500)))


def test_unknown_norms_are_refused_not_guessed() -> None:
    with pytest.raises(MissingParameters) as refused:
        toets(huishouden(peildatum=date(2026, 8, 1)), STANDAARD)
    assert "norm_alleenstaande" in str(refused.value)
