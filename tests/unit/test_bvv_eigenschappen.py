"""Properties of the beslagvrije voet that must hold for every input (Rv 475da–475dc):
docs/domein/beslagvrije-voet.md BVV-E1 to BVV-E6."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.rules.afronding import op_centen
from shared.rules.bvv.formule import Invoer, Leefsituatie, bereken

PEILDATUM = date(2026, 3, 1)
MAXIMA = {
    Leefsituatie.ALLEENSTAANDE: Decimal("2191.42"),
    Leefsituatie.ALLEENSTAANDE_OUDER: Decimal("2526.69"),
    Leefsituatie.GEHUWD_ZONDER_KINDEREN: Decimal("2881.41"),
    Leefsituatie.GEHUWD_MET_KINDEREN: Decimal("3155.31"),
}

euros = st.decimals(min_value=0, max_value=200_000, places=2, allow_nan=False, allow_infinity=False)
maand = st.decimals(min_value=0, max_value=20_000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def invoer(draw: st.DrawFn, woonkosten: bool = False) -> Invoer:
    return Invoer(
        peildatum=PEILDATUM,
        leefsituatie=draw(st.sampled_from(list(Leefsituatie))),
        woonadres_in_nederland=True,
        belastbaar_jaarinkomen=draw(euros),
        inkomen_maand=draw(maand),
        niet_beslagen_inkomen_partner_maand=draw(maand),
        niet_beslagen_eigen_inkomen_maand=draw(maand),
        woonkosten_maand=draw(maand) if woonkosten else None,
        verzoek_verhoging_woonkosten=woonkosten,
    )


@st.composite
def elk_pad(draw: st.DrawFn) -> Invoer:
    """Any of the three paths: 475da lid 2, lid 4 (no Dutch address) or 475e lid 2."""
    case = draw(invoer(woonkosten=draw(st.booleans())))
    pad = draw(st.sampled_from(["lid 2", "lid 4", "inrichting"]))
    return Invoer(
        **{
            **case.__dict__,
            "woonadres_in_nederland": pad != "lid 4",
            "inrichting_kosten_maand": draw(maand) if pad == "inrichting" else None,
        }
    )


@settings(max_examples=300, deadline=None)
@given(invoer())
def test_never_above_the_lid_1_maximum(case: Invoer) -> None:
    assert bereken(case).beslagvrije_voet <= MAXIMA[case.leefsituatie]


@settings(max_examples=300, deadline=None)
@given(invoer(woonkosten=True))
def test_never_above_95_percent_of_income_even_with_a_woonkosten_increase(case: Invoer) -> None:
    cap = op_centen(Decimal("0.95") * case.inkomen_maand)  # the one rounding, half up
    assert bereken(case).beslagvrije_voet <= cap


@settings(max_examples=300, deadline=None)
@given(invoer(woonkosten=True))
def test_aflossingscapaciteit_is_never_negative_and_bvv_never_below_zero(case: Invoer) -> None:
    uitkomst = bereken(case)
    assert uitkomst.aflossingscapaciteit >= 0
    assert uitkomst.beslagvrije_voet >= 0


@settings(max_examples=300, deadline=None)
@given(invoer(), euros, maand)
def test_more_income_never_lowers_the_bvv(
    case: Invoer, extra_jaar: Decimal, extra_maand: Decimal
) -> None:
    base = bereken(case).beslagvrije_voet
    richer = Invoer(
        **{
            **case.__dict__,
            "belastbaar_jaarinkomen": case.belastbaar_jaarinkomen + extra_jaar,
            "inkomen_maand": case.inkomen_maand + extra_maand,
        }
    )
    assert bereken(richer).beslagvrije_voet >= base
    only_yearly = Invoer(
        **{**case.__dict__, "belastbaar_jaarinkomen": case.belastbaar_jaarinkomen + extra_jaar}
    )
    assert bereken(only_yearly).beslagvrije_voet >= base


@settings(max_examples=300, deadline=None)
@given(elk_pad())
def test_the_components_add_up_to_the_outcome_on_every_path(case: Invoer) -> None:
    uitkomst = bereken(case)
    total = op_centen(sum((o.bedrag for o in uitkomst.onderdelen), Decimal(0)))
    assert total == uitkomst.beslagvrije_voet
    assert uitkomst.beslagvrije_voet >= 0


@settings(max_examples=300, deadline=None)
@given(elk_pad())
def test_the_95_percent_cap_holds_on_every_path_but_the_inrichting(case: Invoer) -> None:
    uitkomst = bereken(case)
    if case.inrichting_kosten_maand is None:
        assert uitkomst.beslagvrije_voet <= op_centen(Decimal("0.95") * case.inkomen_maand)
    elif uitkomst.beslagvrije_voet > op_centen(Decimal("0.95") * case.inkomen_maand):
        assert any(w.startswith("Rv art. 475dc lid 1 gelezen als") for w in uitkomst.waarschuwingen)


@settings(max_examples=300, deadline=None)
@given(elk_pad())
def test_every_stated_reading_names_its_article(case: Invoer) -> None:
    for waarschuwing in bereken(case).waarschuwingen:
        if "gelezen als" in waarschuwing:
            assert waarschuwing.startswith("Rv art. 475")
