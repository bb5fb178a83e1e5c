"""Beslagvrije voet, Rv art. 475da–475dc (text of 1 January 2026), to the cent.

Expected amounts are the derived examples of docs/domein/beslagvrije-voet.md (BVV-1 to
BVV-17), each naming its test; no published numeric example of the midden-inkomen formula
exists (that document lists what was searched).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from shared.rules.bvv import formule
from shared.rules.bvv.formule import Invoer, Leefsituatie, bereken
from shared.rules.parameters import MissingParameters, parameters

JAN_2026 = date(2026, 1, 15)
LS = Leefsituatie


def bvv(
    leefsituatie: Leefsituatie,
    c: str,
    inkomen: str,
    *,
    partner_vrij: str = "0",
    eigen_vrij: str = "0",
    woonkosten: str | None = None,
    verzoek: bool = False,
    peildatum: date = JAN_2026,
    in_nederland: bool = True,
    inrichting: str | None = None,
) -> tuple[Decimal, Decimal]:
    uitkomst = bereken(
        Invoer(
            peildatum=peildatum,
            leefsituatie=leefsituatie,
            woonadres_in_nederland=in_nederland,
            belastbaar_jaarinkomen=Decimal(c),
            inkomen_maand=Decimal(inkomen),
            niet_beslagen_inkomen_partner_maand=Decimal(partner_vrij),
            niet_beslagen_eigen_inkomen_maand=Decimal(eigen_vrij),
            woonkosten_maand=Decimal(woonkosten) if woonkosten else None,
            verzoek_verhoging_woonkosten=verzoek,
            inrichting_kosten_maand=Decimal(inrichting) if inrichting else None,
        )
    )
    return uitkomst.beslagvrije_voet, uitkomst.aflossingscapaciteit


def test_bvv_d1_bijstand_alleenstaande_is_95_percent_of_income() -> None:
    """docs/domein/beslagvrije-voet.md BVV-1: 0,95 × 1.401,50 = 1.331,425 → 1.331,43;
    aflossing 70,07 (475dc)."""
    assert bvv(LS.ALLEENSTAANDE, "16818.00", "1401.50") == (Decimal("1331.43"), Decimal("70.07"))


def test_bvv_d2_part_time_income_below_the_norm() -> None:
    """docs/domein/beslagvrije-voet.md BVV-2: 0,95 × 900,00 = 855,00; beslag 45,00 (475dc)."""
    assert bvv(LS.ALLEENSTAANDE, "10800.00", "900.00") == (Decimal("855.00"), Decimal("45.00"))


def test_bvv_d3_high_income_gets_the_maximum() -> None:
    """docs/domein/beslagvrije-voet.md BVV-3: the lid-1 maximum 2.191,42; beslag 1.008,58."""
    assert bvv(LS.ALLEENSTAANDE, "60000.00", "3200.00") == (Decimal("2191.42"), Decimal("1008.58"))


def test_bvv_d6_own_non_garnished_income_is_deducted_from_the_maximum() -> None:
    """docs/domein/beslagvrije-voet.md BVV-4: 3.155,31 − 300 = 2.855,31 (475da lid 1,
    475db lid 1 b)."""
    result = bvv(LS.GEHUWD_MET_KINDEREN, "90000.00", "4000.00", eigen_vrij="300.00")
    assert result == (Decimal("2855.31"), Decimal("1144.69"))


@pytest.mark.parametrize(
    ("leefsituatie", "c", "expected"),
    [
        (LS.ALLEENSTAANDE, "30000", "1482.39"),
        (LS.ALLEENSTAANDE, "45000", "1946.45"),
        (LS.ALLEENSTAANDE_OUDER, "35000", "1489.17"),
        (LS.GEHUWD_ZONDER_KINDEREN, "40000", "2175.30"),
        (LS.GEHUWD_MET_KINDEREN, "40000", "2180.74"),
        (LS.GEHUWD_MET_KINDEREN, "50000", "2541.83"),
    ],
)
def test_middle_incomes_2026(leefsituatie: Leefsituatie, c: str, expected: str) -> None:
    """docs/domein/beslagvrije-voet.md BVV-5 to BVV-10 (before 475db/475dc: income high
    enough)."""
    assert bvv(leefsituatie, c, "10000.00")[0] == Decimal(expected)


@pytest.mark.parametrize(
    ("leefsituatie", "maximum", "afbouw", "ijkpunt"),
    [
        (LS.ALLEENSTAANDE, "2191.42", "0.27", "23425"),
        (LS.ALLEENSTAANDE_OUDER, "2526.69", "0.22", "31500"),
        (LS.GEHUWD_ZONDER_KINDEREN, "2881.41", "0.22", "31500"),
        (LS.GEHUWD_MET_KINDEREN, "3155.31", "0.22", "31500"),
    ],
)
def test_the_formula_at_the_lid_8_income_reproduces_the_published_maximum(
    leefsituatie: Leefsituatie, maximum: str, afbouw: str, ijkpunt: str
) -> None:
    """Art. 475da lid 8: the maxima are the formula where I × F/12 (or G/12) equals H
    (docs/domein/beslagvrije-voet.md BVV-11)."""
    c = Decimal("932.93") * 12 / Decimal(afbouw) + Decimal(ijkpunt)
    uitkomst = bereken(Invoer(JAN_2026, leefsituatie, True, c, Decimal("10000")))
    assert uitkomst.beslagvrije_voet == Decimal(maximum)
    below_max = sum(o.bedrag for o in uitkomst.onderdelen if o.code != "MAXIMUM")
    assert abs(below_max - Decimal(maximum)) < Decimal("0.01")


def test_just_above_the_maximum_income_is_capped_at_the_maximum() -> None:
    assert bvv(LS.GEHUWD_ZONDER_KINDEREN, "200000", "10000")[0] == Decimal("2881.41")


def test_the_95_percent_cap_binds_exactly_at_its_boundary() -> None:
    """475dc: with income 1.401,50 the cap equals 0,95·A; one cent less and the cap binds
    (docs/domein/beslagvrije-voet.md BVV-12)."""
    assert bvv(LS.ALLEENSTAANDE, "0", "1401.50")[0] == Decimal("1331.43")
    assert bvv(LS.ALLEENSTAANDE, "0", "1401.49")[0] == Decimal("1331.42")


def test_partner_income_deducted_up_to_half() -> None:
    """475db lid 1 a: the spouse's free income is deducted, at most half of the BVV
    (docs/domein/beslagvrije-voet.md BVV-13)."""
    full = bvv(LS.GEHUWD_ZONDER_KINDEREN, "0", "5000", partner_vrij="0")[0]
    assert full == Decimal("1902.02")  # 0,95 × 2.002,13 = 1.902,0235
    assert bvv(LS.GEHUWD_ZONDER_KINDEREN, "0", "5000", partner_vrij="500")[0] == Decimal("1402.02")
    assert bvv(LS.GEHUWD_ZONDER_KINDEREN, "0", "5000", partner_vrij="5000")[0] == Decimal("951.01")
    # at the edge, half of 1.902,0235 is 951,01175: below it every cent counts, above it none
    rond_de_helft = [
        bvv(LS.GEHUWD_ZONDER_KINDEREN, "0", "5000", partner_vrij=vrij)[0]
        for vrij in ("951.00", "951.01", "951.02", "951.03")
    ]
    assert rond_de_helft == [
        Decimal("951.02"),
        Decimal("951.01"),
        Decimal("951.01"),
        Decimal("951.01"),
    ]


def test_woonkosten_increase_only_above_the_rekenhuur_plus_ten_percent() -> None:
    """docs/domein/beslagvrije-voet.md BVV-14, 475da lid 5: threshold 1,10 × 932,93 =
    1.026,223."""
    base = bvv(LS.ALLEENSTAANDE, "0", "5000")[0]
    at_threshold = bvv(LS.ALLEENSTAANDE, "0", "5000", woonkosten="1026.22", verzoek=True)[0]
    assert at_threshold == base
    above = bvv(LS.ALLEENSTAANDE, "0", "5000", woonkosten="1100.00", verzoek=True)[0]
    assert above == Decimal("1405.20")  # 1.331,425 + (1.100 − 1.026,223 = 73,777), rounded once
    not_asked = bvv(LS.ALLEENSTAANDE, "0", "5000", woonkosten="1100.00", verzoek=False)[0]
    assert not_asked == base


def test_inrichting_is_care_price_plus_two_thirds_norm_plus_premium() -> None:
    """475e lid 2: 2.000 + 2/3 × 443,76 + 47 = 2.342,84 (docs/domein/beslagvrije-voet.md
    BVV-15)."""
    assert bvv(LS.ALLEENSTAANDE, "0", "5000", inrichting="2000.00")[0] == Decimal("2342.84")


def test_a_period_whose_amounts_are_not_known_is_refused_naming_them() -> None:
    with pytest.raises(MissingParameters) as refused:
        bvv(LS.ALLEENSTAANDE, "20000", "1500", peildatum=date(2026, 7, 1))
    names = {name for name, _ in refused.value.missing}
    assert {"maximum_alleenstaande", "norm_alleenstaande", "norm_gehuwden"} <= names


def test_the_text_before_2026_is_not_known_and_refused() -> None:
    with pytest.raises(MissingParameters) as refused:
        bvv(LS.ALLEENSTAANDE, "20000", "1500", peildatum=date(2025, 6, 1))
    assert "formule_475da" in {name for name, _ in refused.value.missing}


def test_no_address_in_the_netherlands_and_no_country_is_the_first_sentence_of_lid_4() -> None:
    """475da lid 4, first sentence: 0,475 × B = 0,475 × 2.002,13 = 951,01175, no factor
    (docs/domein/beslagvrije-voet.md BVV-17)."""
    uitkomst = bereken(
        Invoer(JAN_2026, LS.GEHUWD_MET_KINDEREN, False, Decimal("90000"), Decimal("5000"))
    )
    assert uitkomst.beslagvrije_voet == Decimal("951.01")
    assert [o.code for o in uitkomst.onderdelen] == ["ZONDER_WOONADRES"]
    assert not any(w.naam.startswith("woonlandfactor") for w in uitkomst.parameters)
    assert any(
        "lid 4, eerste zin" in w and "zonder woonlandfactor" in w for w in uitkomst.waarschuwingen
    )


def test_without_an_address_the_deductions_and_the_95_percent_cap_still_apply() -> None:
    """475db and 475dc name 475da as a whole, lid 4 included."""
    assert bvv(LS.ALLEENSTAANDE, "0", "900", in_nederland=False)[0] == Decimal("855.00")
    with_partner = bvv(
        LS.GEHUWD_ZONDER_KINDEREN, "0", "5000", partner_vrij="100", in_nederland=False
    )
    assert with_partner[0] == Decimal("851.01")  # 951,01175 − 100


def test_a_country_whose_factor_is_not_sourced_is_refused_naming_the_factor() -> None:
    invoer = Invoer(
        JAN_2026,
        LS.ALLEENSTAANDE,
        False,
        Decimal("20000"),
        Decimal("1500"),
        woonland_buiten_nederland="BE",
    )
    with pytest.raises(MissingParameters) as refused:
        bereken(invoer)
    [(name, why)] = refused.value.missing
    assert name == "woonlandfactor_BE"
    assert why.startswith("NIET GEVONDEN")
    assert "Regeling beslagvrije voet" in why


def test_an_unknown_factor_is_named_together_with_unknown_amounts() -> None:
    invoer = Invoer(
        date(2026, 7, 1),
        LS.ALLEENSTAANDE,
        False,
        Decimal("20000"),
        Decimal("1500"),
        woonland_buiten_nederland="MA",
    )
    with pytest.raises(MissingParameters) as refused:
        bereken(invoer)
    names = {name for name, _ in refused.value.missing}
    assert {"woonlandfactor_MA", "norm_gehuwden", "maximum_alleenstaande"} <= names


def test_the_factor_belongs_to_lid_4_not_to_a_dutch_address_or_an_inrichting() -> None:
    """The factor multiplies the lid-4 amount only; with an inrichting 475e lid 2 applies."""
    for in_nederland, inrichting in ((True, None), (False, Decimal("2000"))):
        invoer = Invoer(
            JAN_2026,
            LS.ALLEENSTAANDE,
            in_nederland,
            Decimal("0"),
            Decimal("5000"),
            inrichting_kosten_maand=inrichting,
            woonland_buiten_nederland="BE",
        )
        codes = [o.code for o in bereken(invoer).onderdelen]
        assert "ZONDER_WOONADRES" not in codes
        assert "WOONLANDFACTOR" not in codes


def test_a_sourced_factor_multiplies_the_first_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Wiring only, with an INVENTED factor (no real factor is sourced): 951,01175 × 0,6."""
    (tmp_path / "ZZ.yaml").write_text(
        "description: verzonnen factor voor deze test\nartikel: test\nunit: ratio\n"
        'values:\n  2021-01-01:\n    value: "0.6"\n    source: verzonnen, alleen voor de test\n'
    )
    (tmp_path / "overige_landen.yaml").write_text(
        "description: onbekend\nartikel: test\nvalues:\n  2021-01-01:\n"
        '    value: null\n    source: "NIET GEVONDEN: test"\n'
    )
    monkeypatch.setattr(formule, "WOONLANDFACTOREN", tmp_path)
    uitkomst = bereken(
        Invoer(
            JAN_2026,
            LS.ALLEENSTAANDE,
            False,
            Decimal("0"),
            Decimal("5000"),
            woonland_buiten_nederland="ZZ",
        )
    )
    assert uitkomst.beslagvrije_voet == Decimal("570.61")  # 570,60705
    factor = next(w for w in uitkomst.parameters if w.naam == "woonlandfactor_ZZ")
    assert (factor.value, factor.source) == (Decimal("0.6"), "verzonnen, alleen voor de test")
    total = sum((o.bedrag for o in uitkomst.onderdelen), Decimal(0))
    assert total.quantize(Decimal("0.01")) == uitkomst.beslagvrije_voet
    with pytest.raises(MissingParameters):
        bereken(
            Invoer(
                JAN_2026,
                LS.ALLEENSTAANDE,
                False,
                Decimal("0"),
                Decimal("5000"),
                woonland_buiten_nederland="BE",
            )
        )


def test_every_woonlandfactor_is_dated_and_sourced_and_an_unknown_one_says_so() -> None:
    known = parameters(formule.WOONLANDFACTOREN)
    assert "overige_landen" in known
    for parameter in known.values():
        assert parameter.description
        assert parameter.artikel
        assert parameter.unit == "ratio"
        for ingang, value, source in parameter.values:
            assert ingang.year >= 2021
            assert source.strip()
            assert value is not None or source.startswith("NIET GEVONDEN")


def test_every_parameter_used_names_its_source_and_date() -> None:
    uitkomst = bereken(Invoer(JAN_2026, LS.ALLEENSTAANDE, True, Decimal("30000"), Decimal("2000")))
    assert all(w.source and w.ingang == date(2026, 1, 1) for w in uitkomst.parameters)
    total = sum((o.bedrag for o in uitkomst.onderdelen), Decimal(0))
    assert total.quantize(Decimal("0.01")) == Decimal("1482.39")
