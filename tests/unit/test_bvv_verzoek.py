"""The request of POST /api/v1/beslagvrije-voet/berekeningen: woonlandBuitenNederland."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from functions import _openapi
from functions._http import ENDPOINTS
from shared.models.bvv import BerekeningVerzoek, Invoerwaarden
from tests import indexed

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ZONDER_BSN = {
    "peildatum": "2026-01-15",
    "leefsituatie": "ALLEENSTAANDE",
    "woonadresInNederland": False,
    "belastbaarJaarinkomen": "20000.00",
    "inkomenMaand": "1500.00",
}


def refused(body: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as error:
        BerekeningVerzoek.model_validate(body)
    return [str(e["msg"]) for e in error.value.errors()]


def test_a_country_code_is_taken() -> None:
    verzoek = BerekeningVerzoek.model_validate({**ZONDER_BSN, "woonlandBuitenNederland": "BE"})
    assert verzoek.woonland_buiten_nederland == "BE"
    assert BerekeningVerzoek.model_validate(ZONDER_BSN).woonland_buiten_nederland is None


@pytest.mark.parametrize("code", ["be", "BEL", "XX", "", "B1"])
def test_anything_but_an_iso_3166_alpha_2_code_is_refused(code: str) -> None:
    [message] = refused({**ZONDER_BSN, "woonlandBuitenNederland": code})
    assert "ISO 3166-1 alpha-2" in message


def test_the_netherlands_is_not_a_country_of_residence_abroad() -> None:
    [message] = refused({**ZONDER_BSN, "woonlandBuitenNederland": "NL"})
    assert "NL is geen land buiten Nederland" in message


def test_a_country_abroad_contradicts_a_dutch_address() -> None:
    [message] = refused(
        {**ZONDER_BSN, "woonadresInNederland": True, "woonlandBuitenNederland": "DE"}
    )
    assert "woonadresInNederland: true" in message


def test_stored_inputs_without_a_country_still_read() -> None:
    stored = {k: v for k, v in ZONDER_BSN.items() if k != "peildatum"}
    stored |= {"nietBeslagenInkomenPartnerMaand": "0", "nietBeslagenEigenInkomenMaand": "0"}
    assert Invoerwaarden.model_validate(stored).woonland_buiten_nederland is None


def test_the_openapi_document_describes_the_field() -> None:
    indexed.functions()
    schemas = _openapi.build(ENDPOINTS)["components"]["schemas"]
    verzoek = schemas["BerekeningVerzoek"]["properties"]["woonlandBuitenNederland"]
    string = next(s for s in verzoek["anyOf"] if s.get("type") == "string")
    assert "BE" in string["enum"]
    assert "NL" not in string["enum"]  # a country outside the Netherlands
    assert "BK" not in string["enum"]  # two capitals, no country: the fuzzer sent it
    assert "woonlandfactor" in verzoek["description"]
    assert "woonlandBuitenNederland" in schemas["Invoerwaarden"]["properties"]
