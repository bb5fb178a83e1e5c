"""The request of POST /api/v1/kwijtschelding/toetsen: several assessments, the kostendelers
and the net income before the art. 15 expenses, in the model and the OpenAPI document."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from functions import _openapi
from functions._http import ENDPOINTS
from shared.models.kwijtschelding import ToetsVerzoek
from tests import indexed

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ZONDER_BSN = {
    "peildatum": "2026-03-01",
    "leefsituatie": "ALLEENSTAANDE",
    "pensioengerechtigd": False,
    "nettoInkomenMaand": "1540.00",
}
AANSLAGEN = [
    {"belastingsoort": "AFVALSTOFFENHEFFING", "aanslagbedrag": "400.00"},
    {"belastingsoort": "RIOOLHEFFING", "aanslagbedrag": "200.00"},
]


def refused(body: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as error:
        ToetsVerzoek.model_validate(body)
    return str(error.value)


def test_several_assessments_or_one_but_not_both() -> None:
    verzoek = ToetsVerzoek.model_validate({**ZONDER_BSN, "aanslagen": AANSLAGEN})
    assert [a.belastingsoort for a in verzoek.aanslagen or []] == [
        "AFVALSTOFFENHEFFING",
        "RIOOLHEFFING",
    ]
    enkel = {"belastingsoort": "AFVALSTOFFENHEFFING", "aanslagbedrag": "400.00"}
    assert ToetsVerzoek.model_validate({**ZONDER_BSN, **enkel}).aanslagen is None
    assert "niet beide" in refused({**ZONDER_BSN, **enkel, "aanslagen": AANSLAGEN})
    assert "of aanslagen" in refused(ZONDER_BSN)
    assert "aanslagbedrag" in refused(
        {**ZONDER_BSN, "aanslagen": [{"belastingsoort": "X", "aanslagbedrag": "0"}]}
    )


def test_one_income_figure_is_required_without_bsn_and_not_both() -> None:
    basis = {**ZONDER_BSN, "aanslagen": AANSLAGEN}
    zonder = {k: v for k, v in basis.items() if k != "nettoInkomenMaand"}
    assert "nettoBesteedbaarInkomenMaand of nettoInkomenMaand" in refused(zonder)
    assert "niet beide" in refused({**basis, "nettoBesteedbaarInkomenMaand": "1000.00"})


def test_kostendelers_are_a_count() -> None:
    basis = {**ZONDER_BSN, "aanslagen": AANSLAGEN}
    assert (
        ToetsVerzoek.model_validate(
            {**basis, "aantalKostendelendeMedebewoners": 2}
        ).aantal_kostendelende_medebewoners
        == 2
    )
    assert "aantalKostendelendeMedebewoners" in refused(
        {**basis, "aantalKostendelendeMedebewoners": -1}
    )


def test_the_openapi_document_describes_the_additions() -> None:
    indexed.functions()
    schemas = _openapi.build(ENDPOINTS)["components"]["schemas"]
    verzoek = schemas["ToetsVerzoek"]["properties"]
    assert {
        "aanslagen",
        "aantalKostendelendeMedebewoners",
        "nettoInkomenMaand",
        "aflossingenMaand",
    } <= set(verzoek)
    uitkomst = schemas["Toetsuitkomst"]["properties"]
    assert {
        "aanslagen",
        "aantalKostendelendeMedebewoners",
        "woonlastenAftrek",
        "zorgpremieAftrek",
    } <= set(uitkomst)
    assert set(schemas["AanslagUitkomst"]["properties"]) == {
        "belastingsoort",
        "aanslagbedrag",
        "kwijtschelding",
        "teBetalen",
    }
