"""Where Rv 475da lid 5, 475dc and 475e lid 2 admit more than one reading, the answer says
which reading it followed, with the article, exactly when the outcome depends on it.
Examples: docs/domein/beslagvrije-voet.md BVV-19 to BVV-25."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shared.rules.bvv.formule import Invoer, Leefsituatie, Uitkomst, bereken

LS = Leefsituatie
JAN_2026 = date(2026, 1, 15)

LID_475DC_1 = "Rv art. 475dc lid 1"
LID_475E_2 = "Rv art. 475e lid 2"
WOONKOSTEN_GEHUWD = "Rv art. 475da lid 5, tweede zin"
WOONKOSTEN_LID_5 = "Rv art. 475da lid 5"


def lezingen(uitkomst: Uitkomst) -> list[str]:
    """The article of each reading stated, in order."""
    return [w.split(" gelezen als:")[0] for w in uitkomst.waarschuwingen if " gelezen als:" in w]


def uitkomst(
    leefsituatie: Leefsituatie = LS.ALLEENSTAANDE,
    *,
    c: str = "0",
    inkomen: str = "5000",
    partner: str = "0",
    woonkosten: str | None = None,
    inrichting: str | None = None,
    in_nederland: bool = True,
) -> Uitkomst:
    return bereken(
        Invoer(
            peildatum=JAN_2026,
            leefsituatie=leefsituatie,
            woonadres_in_nederland=in_nederland,
            belastbaar_jaarinkomen=Decimal(c),
            inkomen_maand=Decimal(inkomen),
            niet_beslagen_inkomen_partner_maand=Decimal(partner),
            woonkosten_maand=Decimal(woonkosten) if woonkosten else None,
            verzoek_verhoging_woonkosten=woonkosten is not None,
            inrichting_kosten_maand=Decimal(inrichting) if inrichting else None,
        )
    )


def test_the_95_percent_cap_is_not_applied_to_an_inrichting_and_that_is_said() -> None:
    """475dc names 475da and 475db only; 2.000 + 2/3 × 443,76 + 47 = 2.342,84 > 0,95 × 2.000."""
    result = uitkomst(inkomen="2000", inrichting="2000")
    assert result.beslagvrije_voet == Decimal("2342.84")
    assert result.aflossingscapaciteit == Decimal("0.00")
    assert lezingen(result) == [LID_475DC_1]
    assert "€ 1.900,00" in result.waarschuwingen[-1]


def test_no_475dc_reading_where_the_cap_would_not_bind_or_475da_applies() -> None:
    assert lezingen(uitkomst(inkomen="5000", inrichting="2000")) == []
    capped = uitkomst(inkomen="900")
    assert capped.beslagvrije_voet == Decimal("855.00")
    assert lezingen(capped) == []


def test_the_married_norm_in_an_inrichting_is_a_stated_reading() -> None:
    """2.000 + 2/3 × 690,27 + 106 = 2.566,18 (Pw art. 23 lid 1 b and lid 2 b)."""
    result = uitkomst(LS.GEHUWD_ZONDER_KINDEREN, inrichting="2000")
    assert result.beslagvrije_voet == Decimal("2566.18")
    assert lezingen(result) == [LID_475E_2]
    assert "art. 23 lid 3" in result.waarschuwingen[0]
    assert lezingen(uitkomst(LS.ALLEENSTAANDE_OUDER, inrichting="2000")) == []


def test_the_spouses_income_against_the_woonkosten_increase_is_a_stated_reading() -> None:
    """1.902,0235 + (1.300 − 1.026,223 − 100) − 100 (475db lid 1 a) = 1.975,8005."""
    result = uitkomst(LS.GEHUWD_ZONDER_KINDEREN, woonkosten="1300", partner="100")
    assert result.beslagvrije_voet == Decimal("1975.80")
    assert lezingen(result) == [WOONKOSTEN_GEHUWD]


@pytest.mark.parametrize(
    ("leefsituatie", "woonkosten", "partner"),
    [
        (LS.GEHUWD_ZONDER_KINDEREN, "1300", "0"),  # nothing of the spouse to weigh
        (LS.GEHUWD_MET_KINDEREN, "1000", "100"),  # below the rekenhuur plus 10%
        (LS.GEHUWD_MET_KINDEREN, None, "100"),  # no request
        (LS.ALLEENSTAANDE_OUDER, "1300", "100"),  # not married
    ],
)
def test_no_woonkosten_reading_where_the_second_sentence_changes_nothing(
    leefsituatie: Leefsituatie, woonkosten: str | None, partner: str
) -> None:
    assert WOONKOSTEN_GEHUWD not in lezingen(
        uitkomst(leefsituatie, woonkosten=woonkosten, partner=partner)
    )


def test_a_spouse_who_can_pay_the_higher_woonkosten_leaves_no_increase() -> None:
    result = uitkomst(LS.GEHUWD_ZONDER_KINDEREN, woonkosten="1300", partner="400")
    assert "WOONKOSTEN" not in [o.code for o in result.onderdelen]
    assert lezingen(result) == [WOONKOSTEN_GEHUWD]
    assert not any("18 maanden" in w for w in result.waarschuwingen)


def test_an_increase_above_the_lid_1_maximum_is_a_stated_reading() -> None:
    """2.191,42 + (1.200 − 1.026,223) = 2.365,197: lid 5 does not say "met inachtneming"."""
    result = uitkomst(c="60000", woonkosten="1200")
    assert result.beslagvrije_voet == Decimal("2365.20")
    assert lezingen(result) == [WOONKOSTEN_LID_5]
    assert "lid 1" in result.waarschuwingen[-1]
    assert lezingen(uitkomst(c="0", woonkosten="1200")) == []


def test_an_increase_without_a_dutch_address_is_a_stated_reading() -> None:
    """951,01175 + (1.200 − 1.026,223) = 1.124,78875."""
    result = uitkomst(in_nederland=False, woonkosten="1200")
    assert result.beslagvrije_voet == Decimal("1124.79")
    assert lezingen(result) == [WOONKOSTEN_LID_5]
    assert "lid 4" in result.waarschuwingen[-1]
    assert lezingen(uitkomst(in_nederland=False)) == []


def test_an_inrichting_before_lid_4_is_a_stated_reading() -> None:
    """Both 475e lid 2 and 475da lid 4 could apply; the inrichting is taken: 2.342,84."""
    result = uitkomst(inrichting="2000", in_nederland=False)
    assert result.beslagvrije_voet == Decimal("2342.84")
    assert lezingen(result) == [LID_475E_2]
    assert "lid 4" in result.waarschuwingen[0]
    assert lezingen(uitkomst(inrichting="2000")) == []
