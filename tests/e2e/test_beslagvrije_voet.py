"""The beslagvrije voet over HTTP: from sources alone, stored, as PDF, for its owner only."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from azure.storage.blob import BlobServiceClient

from local.runtime import Platform
from synth.files import write_world
from synth.world import Wereld
from tests import pdftekst
from tests.e2e.api import Api
from tests.e2e.http import get, wait_for

pytestmark = pytest.mark.e2e

BRONPEILDATUM = date(2026, 5, 31)
PATH = "/api/v1/beslagvrije-voet/berekeningen"


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    api = Api(platform)
    for code in ("GM0901", "GM0902"):
        api.organisation(code)
        api.bind(code)
        api.connect(code, "beslagvrije-voet", "berekenen")
    return api


@pytest.fixture(scope="module")
def worker(platform: Platform, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The BSN of a synthetic single person with a wage, once BRP and polis are in force."""
    return single_workers(platform, tmp_path_factory.mktemp("synth"))[0]


def single_workers(platform: Platform, uit: Path) -> list[str]:
    """The synthetic single persons with a wage of this module's world, whose BRP and polis
    it delivers (the same files whoever delivers them, so other modules may use them too)."""
    write_world(Wereld(33, BRONPEILDATUM).huishoudens(60, 0.2), uit, BRONPEILDATUM, 60)
    service = BlobServiceClient.from_connection_string(platform.settings["BlobStorage"])
    for bron in ("brp-personen", "brp-relaties", "uwv-polis", "uitkeringen"):
        path = uit / "bronnen" / bron / BRONPEILDATUM.isoformat() / f"{bron}.csv"
        name = f"{bron}/{BRONPEILDATUM.isoformat()}/bvv-{bron}.csv"
        service.get_blob_client("bronnen", name).upload_blob(path.read_bytes(), overwrite=True)

    def column(bron: str) -> set[str]:
        path = uit / "bronnen" / bron / BRONPEILDATUM.isoformat() / f"{bron}.csv"
        return {line.split(";")[0] for line in path.read_text().splitlines()[1:-1]}

    return sorted(column("uwv-polis") - column("brp-relaties"))


def calculate(api: Api, organisatie: str, body: dict[str, Any]) -> Any:
    return api.call("POST", PATH, api.token(organisatie), body)


def test_calculated_from_sources_alone_fetched_back_and_printed(api: Api, worker: str) -> None:
    body = {"peildatum": "2026-06-15", "bsn": worker}

    def calculated() -> dict[str, Any] | None:
        answer = calculate(api, "GM0901", body)
        return answer.json() if answer.status == 201 else None

    berekening = wait_for(calculated, what="sources in force and the BVV calculated")
    herkomst = {h["invoer"]: h for h in berekening["bronnen"]}
    assert "brp-relaties" in herkomst["leefsituatie"]["bron"]
    assert "verzoekVerhogingWoonkosten" not in herkomst  # not sent, so not "opgegeven"
    assert "uwv-polis" in herkomst["inkomenMaand"]["bron"]
    assert herkomst["inkomenMaand"]["periode"] == "2026-05"
    assert berekening["invoer"]["leefsituatie"] == "ALLEENSTAANDE"
    assert berekening["geldigTot"] == "2027-06-15"
    assert worker not in str(berekening)  # the BSN is kept only as a keyed hash
    assert "bsnHash" not in berekening  # the audit log's pseudonym never leaves the platform
    total = sum(float(o["bedrag"]) for o in berekening["onderdelen"])
    assert abs(total - float(berekening["beslagvrijeVoet"])) < 0.011

    fetched = api.call("GET", f"{PATH}/{berekening['id']}", api.token("GM0901"))
    assert api.expect(fetched, 200) == berekening
    from tests.e2e.test_audit import audit_of

    acties = {"beslagvrije voet berekenen", "beslagvrije voet lezen"}
    entries = [e for e in audit_of(api, "GM0901") if e["actie"] in acties]
    by_action = {e["actie"]: e["bsnHash"] for e in entries if e["bsnHash"]}
    assert by_action.keys() == acties  # the read is found by the person, as the calculation
    assert by_action["beslagvrije voet lezen"] == by_action["beslagvrije voet berekenen"]
    pdf = api.call(
        "GET",
        f"{PATH}/{berekening['id']}",
        api.token("GM0901"),
        headers={"Accept": "application/pdf"},
    )
    assert pdf.status == 200
    assert pdf.headers["Content-Type"].startswith("application/pdf")
    assert pdf.body.startswith(b"%PDF")
    printed = pdftekst.text(pdf.body)
    assert printed.startswith("Overzicht van uw beslagvrije voet")
    assert re.findall(r"\b[a-z]+[A-Z][A-Za-z]*\b", printed) == []  # no field names
    other = api.call("GET", f"{PATH}/{berekening['id']}", api.token("GM0902"))
    assert other.status == 404
    abroad = calculate(api, "GM0901", {**body, "woonlandBuitenNederland": "BE"})
    assert abroad.status == 400  # the BRP gives this person a Dutch address
    assert "woonlandBuitenNederland" in abroad.json()["detail"]


def test_user_inputs_give_the_exact_amount(api: Api) -> None:
    """docs/domein/beslagvrije-voet.md BVV-1 through the API: 1.331,43 and aflossing 70,07."""
    body = {
        "peildatum": "2026-01-15",
        "leefsituatie": "ALLEENSTAANDE",
        "woonadresInNederland": True,
        "belastbaarJaarinkomen": "16818.00",
        "inkomenMaand": "1401.50",
    }
    berekening = api.expect(calculate(api, "GM0901", body), 201)
    assert (berekening["beslagvrijeVoet"], berekening["aflossingscapaciteit"]) == (
        "1331.43",
        "70.07",
    )
    assert {h["herkomst"] for h in berekening["bronnen"]} == {"opgegeven", "aangenomen"}


def test_every_invalid_field_is_named_at_once(api: Api) -> None:
    body = {
        "peildatum": "morgen",
        "leefsituatie": "ALLEEN",
        "belastbaarJaarinkomen": 30000.5,
        "inkomenMaand": "1,5",
    }
    answer = calculate(api, "GM0901", body)
    assert answer.status == 400
    names = {p["name"] for p in answer.json()["invalidParams"]}
    assert {
        "body.peildatum",
        "body.leefsituatie",
        "body.belastbaarJaarinkomen",
        "body.inkomenMaand",
    } <= names


def test_a_date_whose_amounts_are_unknown_is_refused_naming_them(api: Api) -> None:
    body = {
        "peildatum": "2026-08-01",
        "leefsituatie": "ALLEENSTAANDE",
        "woonadresInNederland": True,
        "belastbaarJaarinkomen": "30000.00",
        "inkomenMaand": "2000.00",
    }
    answer = calculate(api, "GM0901", body)
    assert answer.status == 422
    names = {p["name"] for p in answer.json()["invalidParams"]}
    assert "parameters.maximum_alleenstaande" in names


ZONDER_WOONADRES = {
    "peildatum": "2026-01-15",
    "leefsituatie": "ALLEENSTAANDE",
    "woonadresInNederland": False,
    "belastbaarJaarinkomen": "30000.00",
    "inkomenMaand": "2000.00",
}


def test_without_a_dutch_address_and_no_country_the_first_sentence_of_lid_4(api: Api) -> None:
    """Rv 475da lid 4, first sentence: 0,475 × 2.002,13 = 951,01, no woonlandfactor."""
    berekening = api.expect(calculate(api, "GM0901", ZONDER_WOONADRES), 201)
    assert berekening["beslagvrijeVoet"] == "951.01"
    assert [o["code"] for o in berekening["onderdelen"]] == ["ZONDER_WOONADRES"]
    assert berekening["invoer"].get("woonlandBuitenNederland") is None


def test_a_country_whose_woonlandfactor_is_unknown_is_refused_naming_it(api: Api) -> None:
    answer = calculate(api, "GM0901", {**ZONDER_WOONADRES, "woonlandBuitenNederland": "BE"})
    assert answer.status == 422
    [missing] = answer.json()["invalidParams"]
    assert missing["name"] == "parameters.woonlandfactor_BE"
    assert missing["reason"].startswith("NIET GEVONDEN")
    wrong = calculate(api, "GM0901", {**ZONDER_WOONADRES, "woonlandBuitenNederland": "Belgie"})
    assert wrong.status == 400
    names = {p["name"] for p in wrong.json()["invalidParams"]}
    assert names == {"body.woonlandBuitenNederland"}


def test_the_openapi_document_served_has_the_country_field(platform: Platform) -> None:
    document = get(f"{platform.url}/api/v1/openapi.json").json()
    verzoek = document["components"]["schemas"]["BerekeningVerzoek"]
    assert "woonlandBuitenNederland" in verzoek["properties"]


def test_a_recalculation_is_a_job_an_operator_with_the_role_starts_and_follows(
    api: Api,
) -> None:
    """A write across every organisation's calculations: not for beheer, 202 and a job to
    follow for the herberekening role, with its start and end in the audit log."""
    from local.seed import BUREAU
    from shared.security.access import BEHEER, HERBEREKENING

    path = "/api/v1/beslagvrije-voet/herberekeningen"
    body = {"peildatum": "2026-07-01"}
    assert api.call("POST", path, api.token(BUREAU, (BEHEER,)), body).status == 403
    started = api.call("POST", path, api.token(BUREAU, (HERBEREKENING,)), body)
    taak = api.expect(started, 202)
    assert started.headers["Location"] == f"{path}/{taak['id']}"
    assert taak["status"] == "gepland"
    assert taak["peildatum"] == "2026-07-01"

    def finished() -> bool:
        answer = api.call("GET", f"{path}/{taak['id']}", api.operator)
        return bool(api.expect(answer, 200)["status"] == "klaar")

    wait_for(finished, what="the recalculation job")
    done = api.expect(api.call("GET", f"{path}/{taak['id']}", api.operator), 200)
    resultaat = done["resultaat"]
    assert resultaat["peildatum"] == "2026-07-01"
    assert resultaat["bekeken"] >= 1  # the calculations of the tests above are still valid
    # the amounts per 1 July 2026 are not known: nothing is guessed, the job says why
    assert resultaat["nietMogelijk"] == resultaat["bekeken"]
    assert resultaat["gewijzigd"] == 0
    assert resultaat["redenNietMogelijk"]
    assert api.call("GET", f"{path}/bestaat-niet", api.operator).status == 404
