"""A resident's usage view from end to end (issue 18): his data are used by two gemeenten
through three services (a BVV calculation and a signal check by one, a kwijtschelding toets
by the other); his own token lists exactly those uses with the right organisations and
purposes, newest first, and none of another resident's; the other resident sees only his own.
Every use got there the way every processing does: its audit entry wrote a line per person."""

from __future__ import annotations

from typing import Any

import pytest

from local.runtime import Platform
from shared.verwerkingen import activiteiten
from tests.e2e.api import Api
from tests.e2e.http import wait_for
from tests.e2e.test_beslagvrije_voet import single_workers

pytestmark = pytest.mark.e2e

BVV_GEMEENTE, KWIJTSCHELDING_GEMEENTE = "GM0913", "GM0914"
ANDER = "391000007"
"""Another resident, only in the signal check's delivery (no other test uses him)."""
SUBSTANTIEEL = "http://eidas.europa.eu/LoA/substantial"


def naam(dienst: str, doel: str) -> str:
    activiteit = activiteiten.van(dienst, doel)
    assert activiteit is not None
    return activiteit.naam


BVV = naam("beslagvrije-voet", "berekenen")
KWIJTSCHELDING = naam("kwijtschelding", "toetsen")
RECHTMATIGHEID = naam("rechtmatigheid", "controleren")


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    api = Api(platform)
    diensten = {
        BVV_GEMEENTE: [
            ("beslagvrije-voet", "berekenen"),
            ("rechtmatigheid", "controleren"),
            ("aanleveringen", "volgen"),
        ],
        KWIJTSCHELDING_GEMEENTE: [("kwijtschelding", "toetsen")],
    }
    for code, doelen in diensten.items():
        api.organisation(code)
        api.bind(code)
        for dienst, doel in doelen:
            api.connect(code, dienst, doel)
    return api


@pytest.fixture(scope="module")
def worker(platform: Platform, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A synthetic single person with a wage in force, whom only this module uses (the BVV
    tests use the first)."""
    return single_workers(platform, tmp_path_factory.mktemp("synth"))[1]


def gebruik(api: Api, platform: Platform, bsn: str) -> list[dict[str, Any]]:
    token = platform.local_issuer.mint_burger(bsn, SUBSTANTIEEL)
    found: list[dict[str, Any]] = api.expect(
        api.call("GET", "/api/v1/inzage/gebruik?paginaGrootte=200", token), 200
    )["gebruik"]
    return found


def test_a_resident_sees_who_used_his_data_for_what_and_nobody_else_does(
    api: Api, platform: Platform, worker: str
) -> None:
    body = {"peildatum": "2026-06-15", "bsn": worker}

    def berekend() -> bool:
        answer = api.call(
            "POST", "/api/v1/beslagvrije-voet/berekeningen", api.token(BVV_GEMEENTE), body
        )
        return answer.status == 201

    wait_for(berekend, what="sources in force and the BVV calculated")
    toets = {**body, "belastingsoort": "AFVALSTOFFENHEFFING", "aanslagbedrag": "300.00"}
    api.call("POST", "/api/v1/kwijtschelding/toetsen", api.token(KWIJTSCHELDING_GEMEENTE), toets)
    ontvangers = [
        f"{worker};PW;2025-01-01;;;NL91ABNA0417164300;1012JR;1",
        f"{ANDER};PW;2025-01-01;;;NL44RABO0123456789;1012JR;2",
    ]
    kop = "bsn;regeling;begindatum;einddatum;partner_bsn;iban;postcode;huisnummer"
    bestand = "\n".join([kop, *ontvangers, "#aantal;2", ""]).encode()
    levering = api.drop(BVV_GEMEENTE, bestand, dienst="rechtmatigheid")
    assert api.wait_until_finished(BVV_GEMEENTE, levering)["status"] == "verwerkt"

    mijn = gebruik(api, platform, worker)
    assert {(g["organisatie"], g["handeling"]) for g in mijn} == {
        (BVV_GEMEENTE, BVV),
        (KWIJTSCHELDING_GEMEENTE, KWIJTSCHELDING),
        (BVV_GEMEENTE, RECHTMATIGHEID),
    }
    assert mijn[0]["handeling"] == RECHTMATIGHEID  # newest first
    assert [g["tijdstip"] for g in mijn] == sorted((g["tijdstip"] for g in mijn), reverse=True)
    assert {g["organisatieNaam"] for g in mijn} == {
        f"Organisatie {BVV_GEMEENTE}",
        f"Organisatie {KWIJTSCHELDING_GEMEENTE}",
    }
    kwijtschelding = next(g for g in mijn if g["handeling"] == KWIJTSCHELDING)
    assert kwijtschelding["grondslag"].startswith("Invorderingswet 1990 art. 26")
    assert "RDW: Voertuigen en hun houder" in kwijtschelding["bronnen"]
    assert worker not in str(mijn)

    ander = gebruik(api, platform, ANDER)
    assert [(g["organisatie"], g["handeling"]) for g in ander] == [(BVV_GEMEENTE, RECHTMATIGHEID)]

    organisatie = api.call("GET", "/api/v1/inzage/gebruik", api.token(BVV_GEMEENTE))
    assert organisatie.status == 401
