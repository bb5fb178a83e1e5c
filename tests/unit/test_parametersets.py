"""Parameter sets as the rules read them: in force from their date until the next change
date (Rv 475da lid 8: 1 January and 1 July), the code's values as initial sets exactly, and
the checks a proposal passes before it is stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from shared.models.parametersets import ParametersetVoorstel, ParameterWaarde, Toelichting
from shared.parametersets import controles
from shared.parametersets.opslag import als_regelset
from shared.rules.parameters import (
    BESLAGVRIJE_VOET,
    KWIJTSCHELDING,
    PARTICIPATIEWET,
    REGELINGEN,
    MissingParameters,
    Parametersets,
    parameters,
    uit_code,
)

JAN, JUL = date(2026, 1, 1), date(2026, 7, 1)


def alleen(*sets: object) -> Parametersets:
    return Parametersets({PARTICIPATIEWET.naam: tuple(sets)})  # type: ignore[arg-type]


def test_a_set_is_in_force_until_the_day_before_the_next_change_date() -> None:
    januari = next(s for s in uit_code().sets[PARTICIPATIEWET.naam] if s.ingangsdatum == JAN)
    sets = alleen(januari)
    assert sets.in_force(JUL - timedelta(days=1), ["norm_alleenstaande"])
    with pytest.raises(MissingParameters) as refused:
        sets.in_force(JUL, ["norm_alleenstaande"])
    assert refused.value.missing == [
        (
            "parametersets/participatiewet/2026-07-01",
            "geen vastgestelde parameterset participatiewet per 2026-07-01",
        )
    ]
    with pytest.raises(MissingParameters):
        sets.in_force(JAN - timedelta(days=1), ["norm_alleenstaande"])


def test_a_set_between_change_dates_replaces_the_earlier_one_from_its_own_date() -> None:
    januari = next(s for s in uit_code().sets[PARTICIPATIEWET.naam] if s.ingangsdatum == JAN)
    maart = replace(
        januari,
        ingangsdatum=date(2026, 3, 1),
        waarden={
            **januari.waarden,
            "norm_alleenstaande": replace(januari.waarden["norm_alleenstaande"], value=Decimal(1)),
        },
    )
    sets = alleen(januari, maart)
    assert sets.in_force(date(2026, 2, 28), ["norm_alleenstaande"])[
        "norm_alleenstaande"
    ].value == Decimal("1401.50")
    assert sets.in_force(date(2026, 3, 1), ["norm_alleenstaande"])["norm_alleenstaande"].value == 1


@pytest.mark.parametrize("regeling", list(REGELINGEN.values()), ids=lambda r: r.naam)
def test_the_initial_sets_give_every_value_of_the_code_on_every_day(regeling: object) -> None:
    """What the rules computed with before the sets, they compute with now: on the first and
    the middle of every month from 2021 to 2027, each parameter's value or its absence."""
    known = parameters(regeling.map)  # type: ignore[attr-defined]
    for jaar in range(2021, 2028):
        for maand in range(1, 13):
            for dag in (1, 15):
                d = date(jaar, maand, dag)
                for naam, parameter in known.items():
                    expected = parameter.on(d)
                    try:
                        found = uit_code().in_force(d, [naam])[naam].value
                    except MissingParameters:
                        found = None
                    code = getattr(expected, "value", None)
                    if found != code:
                        # after the last date the code names, no set: refused, never guessed
                        assert found is None, (naam, d)
                        assert d >= max(v[0] for v in parameter.values), (naam, d)


def set_van(regeling: object, d: date, **gewijzigd: str) -> ParametersetVoorstel:
    s = next(s for s in uit_code().sets[regeling.naam] if s.ingangsdatum == d)  # type: ignore[attr-defined]
    return ParametersetVoorstel(
        bron="test",
        parameters={
            naam: ParameterWaarde(
                waarde=Decimal(gewijzigd.get(naam, w.value)),
                eenheid=w.unit or "",
                bron=w.source,
                artikel=w.artikel,
            )
            for naam, w in s.waarden.items()
        },
    )


@pytest.mark.parametrize(
    ("waarde", "binnen"),
    [("1121.20", True), ("1121.19", False), ("1751.87", True), ("1751.88", False)],
)
def test_the_band_is_20_percent_down_and_25_percent_up_from_the_previous_value(
    waarde: str, binnen: bool
) -> None:
    """The previous period's norm is € 1.401,50: × 0,8 = € 1.121,20 and × 1,25 = € 1.751,875."""
    voorstel = set_van(PARTICIPATIEWET, JAN, norm_alleenstaande=waarde)
    afwijkingen = controles.buiten_band(uit_code(), PARTICIPATIEWET, JUL, voorstel)
    assert (afwijkingen == []) is binnen
    if not binnen:
        assert afwijkingen[0].naam == "norm_alleenstaande"
        assert afwijkingen[0].vorige == Decimal("1401.50")


def test_a_missing_an_unknown_and_a_mistyped_unit_are_each_named() -> None:
    voorstel = set_van(BESLAGVRIJE_VOET, JAN)
    parameters_ = dict(voorstel.parameters)
    del parameters_["maximale_huurgrens"]
    parameters_["maximum_onbekend"] = parameters_["maximum_alleenstaande"]
    parameters_["wml_maand"] = parameters_["wml_maand"].model_copy(update={"eenheid": "EUR"})
    parameters_["afbouw_eenpersoons"] = parameters_["afbouw_eenpersoons"].model_copy(
        update={"waarde": Decimal("-0.01")}
    )
    fouten = controles.fouten(
        BESLAGVRIJE_VOET, voorstel.model_copy(update={"parameters": parameters_})
    )
    assert {(f.name, f.code) for f in fouten} == {
        ("body.parameters.maximale_huurgrens", "ontbreekt"),
        ("body.parameters.maximum_onbekend", "onbekend"),
        ("body.parameters.wml_maand.eenheid", "eenheid"),
        ("body.parameters.afbouw_eenpersoons", "negatief"),
    }


def test_a_zero_where_the_formula_divides_is_a_problem_of_lid_8_not_an_error() -> None:
    voorstel = set_van(BESLAGVRIJE_VOET, JAN, afbouw_eenpersoons="0")
    kandidaat = controles.met(
        uit_code(), als_regelset(BESLAGVRIJE_VOET.naam, JAN, voorstel.parameters)
    )
    assert controles.lid8(kandidaat, JAN) == [
        "niet te berekenen met deze bedragen (DivisionByZero)"
    ]


def test_lid_8_names_the_maximum_one_cent_off_in_the_sets_that_would_be_in_force() -> None:
    voorstel = set_van(BESLAGVRIJE_VOET, JAN, maximum_gehuwd_met_kinderen="3155.32")
    kandidaat = controles.met(
        uit_code(), als_regelset(BESLAGVRIJE_VOET.naam, JAN, voorstel.parameters)
    )
    assert controles.lid8(uit_code(), JAN) == []
    problemen = controles.lid8(kandidaat, JAN)
    assert len(problemen) == 1
    assert problemen[0].startswith("maximum_gehuwd_met_kinderen:")


def test_a_reason_holds_for_the_value_it_was_given_for_only() -> None:
    """A body sent back with an old reason does not let a changed value through."""
    voorstel = set_van(PARTICIPATIEWET, JAN, norm_alleenstaande="14015.00")
    for waarde, geldt in (("14015.00", True), ("1430.00", False)):
        met_reden = voorstel.model_copy(
            update={
                "toelichtingen": {
                    "norm_alleenstaande": Toelichting(waarde=Decimal(waarde), reden="x")
                }
            }
        )
        [afwijking] = controles.buiten_band(uit_code(), PARTICIPATIEWET, JUL, met_reden)
        assert (afwijking.toelichting == "x") is geldt


@pytest.mark.parametrize(
    ("naam", "waarde", "code"),
    [
        ("meerderjarigheid", "18.5", "geheel getal"),
        ("meerderjarigheid", "19", None),
        ("polis_recentheid_maanden", "2.0", None),
    ],
)
def test_ages_and_months_are_whole_numbers(naam: str, waarde: str, code: str | None) -> None:
    voorstel = set_van(PARTICIPATIEWET, JAN, **{naam: waarde})
    fouten = controles.fouten(PARTICIPATIEWET, voorstel, JAN)
    assert [f.code for f in fouten] == ([code] if code else [])


def test_a_parameter_the_law_has_only_from_a_later_date_is_not_missing_before_it() -> None:
    """The 2026 VT brackets of the Regeling are not asked of a set of July 2025; of a set
    of 2026 they are."""
    juli = date(2025, 7, 1)
    voorstel = set_van(PARTICIPATIEWET, juli)
    assert "vt_art12_grens_2" not in voorstel.parameters
    assert controles.fouten(PARTICIPATIEWET, voorstel, juli) == []
    later = {f.name for f in controles.fouten(PARTICIPATIEWET, voorstel, JAN)}
    assert "body.parameters.vt_art12_grens_2" in later


@pytest.mark.parametrize(
    ("waarde", "code"),
    [
        ("0.15", None),
        ("1", None),
        ("0", None),
        ("0.155", "heel percentage"),
        ("1.01", "heel percentage"),
    ],
)
def test_a_depreciation_step_is_a_whole_percent_from_0_to_1(waarde: str, code: str | None) -> None:
    voorstel = set_van(KWIJTSCHELDING, JAN, voertuig_afschrijving_02=waarde)
    assert [f.code for f in controles.fouten(KWIJTSCHELDING, voorstel)] == ([code] if code else [])


def test_only_a_formula_text_the_code_implements_is_accepted() -> None:
    voorstel = set_van(BESLAGVRIJE_VOET, JAN, formule_475da="2027")
    [fout] = controles.fouten(BESLAGVRIJE_VOET, voorstel)
    assert (fout.name, fout.code) == ("body.parameters.formule_475da", "formuletekst")
