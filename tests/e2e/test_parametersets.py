"""The law's amounts as operated data, end to end: a date after the last known set is
refused by name; one operator proposes the sets for it, a second approves them, and the BVV
and kwijtschelding answer for that date, computed with them. Proposals that lack, invent or
mistype a parameter are refused naming each, and nobody approves their own proposal.

The values proposed here are TEST-ONLY: the amounts of 1 January 2026 under a date on which
nothing is published (1 July 2027), so that the answers can be compared to the cent with the
same request on a date of the real set."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from local.issuer import local_client_id
from local.runtime import Platform
from local.seed import BUREAU
from shared.security.access import PARAMETERBEHEER, PARAMETERVASTSTELLING
from tests.e2e.api import Api
from tests.e2e.test_audit import audit_of

pytestmark = pytest.mark.e2e

GEMEENTE = "GM0991"
NIEUW, BEKEND = "2027-07-01", "2026-01-01"
REGELINGEN = ("beslagvrije-voet", "participatiewet", "kwijtschelding")
TEST_BRON = "TEST-ONLY: de bedragen van 1 januari 2026 onder een datum zonder publicatie"
BVV = {
    "leefsituatie": "ALLEENSTAANDE",
    "woonadresInNederland": True,
    "belastbaarJaarinkomen": "30000.00",
    "inkomenMaand": "2000.00",
}
KWIJTSCHELDING = {
    "belastingsoort": "AFVALSTOFFENHEFFING",
    "aanslagbedrag": "400.00",
    "leefsituatie": "ALLEENSTAANDE",
    "pensioengerechtigd": False,
    "nettoBesteedbaarInkomenMaand": "1420.00",
}


def path(regeling: str, datum: str = NIEUW) -> str:
    return f"/api/v1/parametersets/{regeling}/{datum}"


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    return Api(platform)


@pytest.fixture(scope="module")
def operators(api: Api) -> dict[str, str]:
    """Two operator clients, and one that holds both roles (to show it still cannot approve
    its own proposal)."""
    now = datetime.now(UTC)
    beide = (PARAMETERBEHEER, PARAMETERVASTSTELLING)
    api.bind_operator(beide, since=now)
    api.organisation(GEMEENTE)
    api.bind(GEMEENTE)
    api.connect(GEMEENTE, "beslagvrije-voet", "berekenen")
    api.connect(GEMEENTE, "kwijtschelding", "toetsen")
    return {
        "voorsteller": api.token(BUREAU, (PARAMETERBEHEER,)),
        "vaststeller": api.token(BUREAU, (PARAMETERVASTSTELLING,)),
        "beide": api.token(BUREAU, beide),
    }


def proefset(api: Api, token: str, regeling: str, datum: str = NIEUW) -> dict[str, Any]:
    """The set of 1 January 2026, as read, re-dated and named test-only; with the parameters
    the law has only from a later date (art. 34a from 2027) as the latest set before `datum`
    gives them, for a proposal must hold every parameter in force on its date."""
    body: dict[str, Any] = api.expect(api.call("GET", path(regeling, BEKEND), token), 200)
    lijst = api.expect(api.call("GET", f"/api/v1/parametersets?regeling={regeling}", token), 200)
    eerder = sorted(
        s["ingangsdatum"] for s in lijst["parametersets"] if BEKEND < s["ingangsdatum"] <= datum
    )
    for ingang in eerder:
        later = api.expect(api.call("GET", path(regeling, ingang), token), 200)["parameters"]
        for naam, parameter in later.items():
            if naam not in body["parameters"] and parameter.get("waarde") is not None:
                body["parameters"][naam] = parameter
    body["ingangsdatum"] = datum
    body["bron"] = TEST_BRON
    return body


def bvv(api: Api, peildatum: str) -> Any:
    body = {**BVV, "peildatum": peildatum}
    return api.call("POST", "/api/v1/beslagvrije-voet/berekeningen", api.token(GEMEENTE), body)


def kwijtschelding(api: Api, peildatum: str) -> Any:
    body = {**KWIJTSCHELDING, "peildatum": peildatum}
    return api.call("POST", "/api/v1/kwijtschelding/toetsen", api.token(GEMEENTE), body)


def test_a_proposal_that_lacks_invents_or_mistypes_a_parameter_is_refused_naming_each(
    api: Api, operators: dict[str, str]
) -> None:
    body = proefset(api, operators["voorsteller"], "participatiewet", "2031-01-01")
    parameters = body["parameters"]
    parameters["norm_alleenstaande"]["waarde"] = "14015.00"  # a shifted decimal point
    del parameters["vermogensgrens_gezin"]
    parameters["norm_bestaat_niet"] = copy.deepcopy(parameters["meerderjarigheid"])
    parameters["meerderjarigheid"]["eenheid"] = "maand"
    answer = api.call("PUT", path("participatiewet", "2031-01-01"), operators["voorsteller"], body)
    problem = api.expect(answer, 422)
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    found = {(p["name"], p["code"]) for p in problem["invalidParams"]}
    assert found == {
        ("body.parameters.norm_alleenstaande", "implausibel"),
        ("body.parameters.vermogensgrens_gezin", "ontbreekt"),
        ("body.parameters.norm_bestaat_niet", "onbekend"),
        ("body.parameters.meerderjarigheid.eenheid", "eenheid"),
    }
    gone = api.call("GET", path("participatiewet", "2031-01-01"), operators["voorsteller"])
    assert gone.status == 404  # nothing stored


def test_a_new_period_is_refused_until_a_second_operator_approves_its_sets(
    api: Api, operators: dict[str, str]
) -> None:
    refused = api.expect(bvv(api, NIEUW), 422)
    named = {p["name"] for p in refused["invalidParams"]}
    assert f"parametersets/beslagvrije-voet/{NIEUW}" in named
    assert f"parametersets/participatiewet/{NIEUW}" in named
    assert api.expect(kwijtschelding(api, NIEUW), 422)

    etags = {}
    for regeling in REGELINGEN:
        proposed = api.call(
            "PUT",
            path(regeling),
            operators["voorsteller"],
            proefset(api, operators["voorsteller"], regeling),
        )
        stored = api.expect(proposed, 201)
        assert stored["status"] == "VOORGESTELD"
        assert stored["controles"]["band"] == []
        etags[regeling] = proposed.headers["ETag"]
    shown = api.expect(api.call("GET", path("beslagvrije-voet"), operators["vaststeller"]), 200)
    assert shown["controles"]["lid8"] == []  # the four maxima follow from the formula
    assert shown["controles"]["voorvertoning"]["peildatum"] == NIEUW

    # proposed, not approved: still refused
    assert api.expect(bvv(api, NIEUW), 422)
    # the proposer cannot approve (no role), nor can a client that holds both roles approve
    # its own proposal
    vaststelling = path("kwijtschelding") + "/vaststelling"
    if_match = {"If-Match": etags["kwijtschelding"]}
    assert api.call("POST", vaststelling, operators["voorsteller"], None, if_match).status == 403
    eigen = api.call(
        "PUT",
        path("kwijtschelding"),
        operators["beide"],
        proefset(api, operators["beide"], "kwijtschelding"),
        if_match,
    )
    api.expect(eigen, 201)
    if_match = {"If-Match": eigen.headers["ETag"]}
    refused = api.call("POST", vaststelling, operators["beide"], None, if_match)
    assert refused.status == 403
    assert "Vier ogen" in refused.json()["detail"]
    zelfde_mens = api.platform.local_issuer.mint(
        local_client_id(BUREAU, [PARAMETERVASTSTELLING]),
        [PARAMETERVASTSTELLING],
        oid=local_client_id(BUREAU, sorted((PARAMETERBEHEER, PARAMETERVASTSTELLING))),
    )  # the proposer (his principal, oid) signed in through the approvers' client
    assert api.call("POST", vaststelling, zelfde_mens, None, if_match).status == 403

    for regeling in REGELINGEN:
        current = api.call("GET", path(regeling), operators["vaststeller"])
        approved = api.call(
            "POST",
            path(regeling) + "/vaststelling",
            operators["vaststeller"],
            None,
            {"If-Match": current.headers["ETag"]},
        )
        assert api.expect(approved, 200)["status"] == "VASTGESTELD"

    reference = api.expect(bvv(api, "2026-03-01"), 201)
    answer = api.expect(bvv(api, NIEUW), 201)
    assert answer["beslagvrijeVoet"] == reference["beslagvrijeVoet"]  # the same amounts
    used = {p["naam"]: p for p in answer["parameters"]}
    assert used["maximum_alleenstaande"]["ingang"] == NIEUW
    assert used["norm_alleenstaande"]["ingang"] == NIEUW
    getoetst = api.expect(kwijtschelding(api, NIEUW), 200)
    bekend = api.expect(kwijtschelding(api, "2026-03-01"), 200)
    for veld in ("uitkomst", "kwijtschelding", "kostenVanBestaan", "betalingscapaciteit"):
        assert getoetst[veld] == bekend[veld], veld
    assert getoetst["peildatum"] == NIEUW

    listed = api.call(
        "GET", "/api/v1/parametersets?regeling=kwijtschelding", operators["vaststeller"]
    )
    versies = [s for s in api.expect(listed, 200)["parametersets"] if s["ingangsdatum"] == NIEUW]
    assert [(s["versie"], s["status"]) for s in versies] == [
        (1, "INGETROKKEN"),
        (2, "VASTGESTELD"),
    ]
    assert versies[1]["vastgesteldDoor"] != versies[1]["voorgesteldDoor"]
    acties = [e["actie"] for e in audit_of(api, BUREAU)]
    assert "parameterset voorstellen" in acties
    assert "parameterset vaststellen" in acties
