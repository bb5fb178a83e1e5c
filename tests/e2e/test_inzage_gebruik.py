"""A resident's usage view from end to end (issue 18): his data are used by two gemeenten
through three services (a BVV calculation and a signal check by one, a kwijtschelding toets
by the other); his own token lists exactly those uses with the right organisations and
purposes, newest first, and none of another resident's; the other resident sees only his own.
Every use got there the way every processing does: its audit entry wrote a line per person."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from local.issuer import local_client_id
from local.runtime import Platform
from local.seed import BUREAU
from shared.inzage.verzoeken import na_maanden
from shared.security.access import BURGERS, INZAGE
from shared.verwerkingen import activiteiten
from tests import pdftekst
from tests.e2e.api import Api
from tests.e2e.http import wait_for
from tests.e2e.test_audit import audit_of
from tests.e2e.test_beslagvrije_voet import BRONPEILDATUM, single_workers

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


def test_an_access_request_is_answered_with_every_record_outcome_and_use_and_released_by_another(
    api: Api, platform: Platform, worker: str
) -> None:
    """After the uses above (the module's first test): an operator registers the request,
    assembles the answer as JSON and PDF with every source record, the calculation and every
    use; the same operator cannot release it, a second one does."""
    eerste, tweede = (INZAGE, "eerste"), (INZAGE, "tweede")
    for rollen in (eerste, tweede):
        api.bind_operator(rollen, since=datetime.now(UTC) - timedelta(hours=1))
    vandaag = datetime.now(UTC).date()
    aanvraag = {"bsn": worker, "ontvangenOp": vandaag.isoformat(), "identiteit": "DigiD"}
    operator = api.token(BUREAU, eerste)
    verzoek = api.expect(api.call("POST", "/api/v1/inzage/verzoeken", operator, aanvraag), 201)
    assert verzoek["termijn"] == na_maanden(vandaag, 1).isoformat()
    pad = f"/api/v1/inzage/verzoeken/{verzoek['id']}"

    antwoord = api.expect(api.call("POST", f"{pad}/antwoord", operator), 200)
    vraag = {"bsn": worker, "peildatum": BRONPEILDATUM.isoformat()}
    bronnen = api.expect(api.call("POST", "/api/v1/inzage/bronnen", operator, vraag), 200)
    gehouden = {
        b["bron"]: b["records"]
        for b in bronnen["bronnen"]
        if b["records"] and b["snapshot"]["peildatum"] == BRONPEILDATUM.isoformat()
    }
    in_het_antwoord = {
        g["bron"]: len(g["records"])
        for g in antwoord["gegevens"]
        if g["peildatum"] == BRONPEILDATUM.isoformat()
    }
    assert in_het_antwoord == {bron: len(records) for bron, records in gehouden.items()}
    assert {"brp-personen", "uwv-polis"} <= gehouden.keys()
    assert worker not in str(antwoord["gegevens"])  # his own records, without his BSN
    [bvv] = [u for u in antwoord["uitkomsten"] if u["soort"] == "beslagvrije voet"]
    assert bvv["organisatie"] == BVV_GEMEENTE
    assert bvv["uitleg"].startswith("De beslagvrije voet is het deel van uw inkomen")
    assert {(v["organisatie"], v["handeling"]) for v in antwoord["verwerkingen"]} >= {
        (BVV_GEMEENTE, BVV),
        (KWIJTSCHELDING_GEMEENTE, KWIJTSCHELDING),
        (BVV_GEMEENTE, RECHTMATIGHEID),
    }
    assert all(v["vertrouwelijk"] is None for v in antwoord["verwerkingen"])

    opgehaald = api.expect(api.call("GET", f"{pad}/antwoord", operator), 200)
    assert opgehaald == antwoord
    pdf = {"Accept": "application/pdf"}
    assert api.call("GET", f"{pad}/antwoord", operator, headers=pdf).status == 409  # unreleased

    vrijgave = {"antwoord": antwoord["id"]}
    assert api.call("POST", f"{pad}/vrijgave", operator, vrijgave).status == 403
    zelfde_mens = platform.local_issuer.mint(
        local_client_id(BUREAU, list(tweede)),
        list(tweede),
        oid=local_client_id(BUREAU, list(eerste)),
    )  # the same person (the token's principal, oid) signed in through another client
    assert api.call("POST", f"{pad}/vrijgave", zelfde_mens, vrijgave).status == 403
    vrij = api.expect(api.call("POST", f"{pad}/vrijgave", api.token(BUREAU, tweede), vrijgave), 200)
    assert vrij["status"] == "VRIJGEGEVEN"
    assert api.call("POST", f"{pad}/antwoord", operator).status == 409
    brief = api.call("GET", f"{pad}/antwoord", operator, headers=pdf)
    assert brief.status == 200
    assert brief.headers["Content-Type"].startswith("application/pdf")
    tekst = pdftekst.text(brief.body)
    assert tekst.startswith("Inzage in uw gegevens")
    for woord in (f"Organisatie {BVV_GEMEENTE}", "Uw rechten", "Gegevens van anderen"):
        assert woord in tekst, woord
    assert worker not in tekst
    mijn = gebruik(api, platform, worker)
    assert (BUREAU, naam("inzage", "inzageverzoek")) in {
        (g["organisatie"], g["handeling"]) for g in mijn
    }


def test_a_confidential_activity_is_withheld_from_the_resident_and_marked_for_the_operators(
    api: Api, platform: Platform, worker: str
) -> None:
    """Autorisatiebeheer withholds the kwijtschelding toetsen from residents with its ground
    (a made-up one for the test): the resident's view no longer shows the toets, the
    operators' answer does, marked; the withholding is on record; lifted, it shows again."""
    code, grond = "kwijtschelding.toetsen.1", "UAVG art. 41 lid 1 onder d (test)"
    pad = f"/api/v1/verwerkingsactiviteiten/{code}/vertrouwelijkheid"
    api.expect(api.call("PUT", pad, api.admin, {"grond": grond}), 200)
    try:
        assert KWIJTSCHELDING not in {g["handeling"] for g in gebruik(api, platform, worker)}
        operator = api.token(BUREAU, (INZAGE, "eerste"))
        vandaag = datetime.now(UTC).date().isoformat()
        aanvraag = {"bsn": worker, "ontvangenOp": vandaag, "identiteit": "DigiD"}
        verzoek = api.expect(api.call("POST", "/api/v1/inzage/verzoeken", operator, aanvraag), 201)
        antwoord = api.expect(
            api.call("POST", f"/api/v1/inzage/verzoeken/{verzoek['id']}/antwoord", operator), 200
        )
        gemarkeerd = {v["handeling"]: v["vertrouwelijk"] for v in antwoord["verwerkingen"]}
        assert gemarkeerd[KWIJTSCHELDING] == grond
        assert gemarkeerd[BVV] is None
        achtergehouden = [
            e for e in audit_of(api, BURGERS) if e["actie"] == "inzage gebruik achtergehouden"
        ]
        assert any(grond in e["reden"] for e in achtergehouden)
    finally:
        api.expect(api.call("DELETE", pad, api.admin), 200)
    assert KWIJTSCHELDING in {g["handeling"] for g in gebruik(api, platform, worker)}
