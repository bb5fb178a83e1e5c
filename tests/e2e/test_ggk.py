"""The GGk end to end: GM0363 sends a WMO301 to a care provider; VECOZO fetches it (offered
again until acknowledged) and acknowledges it; the provider's WMO305 comes back through
VECOZO and GM0363 fetches it; the track shows the chain; GM0344 sees none of it; the same
referentienummer twice is refused once (with a Fo01) and delivered once."""

from __future__ import annotations

import io
import struct
import uuid
import zipfile
from datetime import UTC, date, datetime
from typing import Any

import pytest
from azure.storage.blob import BlobServiceClient

from local.runtime import Platform
from shared.ggk.bestanden import MAX_MAP_BYTES
from shared.ggk.foutcodes import code
from shared.storage.containers import BlobContainers
from synth.ggk import Client, envelop, start_levering, toewijzing
from synth.ggk_verkeer import verkeer
from tests.e2e.api import Api
from tests.e2e.test_audit import audit_of

pytestmark = pytest.mark.e2e

GEMEENTE, ANDERE, VECOZO, AGB = "GM0363", "GM0344", "VECOZO", "01234567"
CLIENT = Client("111222333")
DAG = date(2026, 11, 2)


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    """The seeded platform: GM0363, GM0344 and VECOZO, each with its system's client and
    connected for ggk/berichtenverkeer (local/seed.py)."""
    return Api(platform)


def stuur(api: Api, organisatie: str, inhoud: bytes) -> dict[str, Any]:
    answer = api.call("POST", "/api/v1/ggk/berichten", api.token(organisatie), inhoud)
    bericht: dict[str, Any] = api.expect(answer, 201)
    return bericht


def postbus(api: Api, organisatie: str, richting: str = "ontvangen") -> list[dict[str, Any]]:
    path = f"/api/v1/ggk/berichten?richting={richting}"
    berichten: list[dict[str, Any]] = api.expect(
        api.call("GET", path, api.token(organisatie)), 200
    )["berichten"]
    return berichten


def nieuw(api: Api, organisatie: str) -> list[dict[str, Any]]:
    path = "/api/v1/ggk/berichten?status=nieuw"
    berichten: list[dict[str, Any]] = api.expect(
        api.call("GET", path, api.token(organisatie)), 200
    )["berichten"]
    return berichten


def alles(api: Api, organisatie: str, query: str) -> list[dict[str, Any]]:
    """Every page of a postbus or track listing."""
    gevonden: list[dict[str, Any]] = []
    vervolg = ""
    while True:
        path = f"/api/v1/ggk/berichten?{query}&paginaGrootte=1000{vervolg}"
        pagina = api.expect(api.call("GET", path, api.token(organisatie)), 200)
        gevonden += pagina["berichten"]
        if not pagina.get("volgende"):
            return gevonden
        vervolg = f"&vervolg={pagina['volgende']}"


def test_a_generated_day_of_flows_is_delivered_or_refused_as_each_message_should(
    api: Api,
) -> None:
    """Toewijzing, VOT and VOW flows of both domains with their retours, between two
    gemeenten and two providers, with invalid envelopes among them."""
    zendingen = verkeer(
        ("0363", "0344"), (AGB, "87654321"), (CLIENT, Client("123456782")), 12, ongeldig_per=4
    )
    assert {z.verwacht for z in zendingen} > {None, "regel", "referentie_niet_uniek"}
    geleverd: dict[str, dict[str, Any]] = {}
    for zending in zendingen:
        antwoord = stuur(api, zending.organisatie, zending.envelop)
        fout = (antwoord.get("fout") or {}).get("code")
        if zending.verwacht is None:
            assert (antwoord["status"], fout) == ("nieuw", None), zending.functie
            geleverd[zending.referentienummer] = antwoord
        else:
            verwacht = ("afgekeurd", code(zending.verwacht)[0])
            assert (antwoord["status"], fout) == verwacht, zending.functie

    # every delivered message waits in its receiver's postbus
    postbussen = {
        b["id"] for org in (GEMEENTE, ANDERE, VECOZO) for b in alles(api, org, "status=nieuw")
    }
    assert {b["id"] for b in geleverd.values()} <= postbussen
    # and every retour is matched to the message it answers, in the track of that message
    tracks = {
        t["id"]: t
        for org in (GEMEENTE, ANDERE, VECOZO)
        for t in alles(api, org, "richting=verzonden")
    }
    retouren = [z for z in zendingen if z.heen is not None and z.verwacht is None]
    assert retouren
    for zending in retouren:
        heen = tracks[geleverd[zending.heen]["id"]]  # type: ignore[index]
        assert heen["retour"] == geleverd[zending.referentienummer]["id"]


def test_a_toewijzing_and_its_start_levering_travel_the_chain(api: Api) -> None:
    referentie = str(uuid.uuid4())
    wmo301 = toewijzing("WMO301", "0363", AGB, CLIENT, "T-" + referentie[:8], DAG)
    heen = stuur(api, GEMEENTE, envelop("WMO301", "0363", AGB, referentie, wmo301))
    assert (heen["status"], heen["functie"], heen["ontvanger"]) == ("nieuw", "WMO301", AGB)

    # VECOZO fetches it: offered again until acknowledged, then no more
    assert heen["id"] in [b["id"] for b in nieuw(api, VECOZO)]
    assert heen["id"] in [b["id"] for b in nieuw(api, VECOZO)]
    inhoud = api.call("GET", f"/api/v1/ggk/berichten/{heen['id']}", api.token(VECOZO))
    assert inhoud.status == 200
    assert inhoud.body == envelop("WMO301", "0363", AGB, referentie, wmo301)
    path = f"/api/v1/ggk/berichten/{heen['id']}/ontvangstbevestiging"
    bevestigd = api.expect(api.call("POST", path, api.token(VECOZO)), 200)
    assert bevestigd["status"] == "bevestigd"
    assert api.expect(api.call("POST", path, api.token(VECOZO)), 200)["status"] == "bevestigd"
    assert heen["id"] not in [b["id"] for b in nieuw(api, VECOZO)]

    # the provider's start levering, through VECOZO, to GM0363
    wmo305 = start_levering("WMO305", AGB, "0363", CLIENT, "S-" + referentie[:8], DAG)
    start = stuur(api, VECOZO, envelop("WMO305", AGB, "0363", str(uuid.uuid4()), wmo305))
    assert start["status"] == "nieuw"
    assert start["id"] in [b["id"] for b in nieuw(api, GEMEENTE)]

    # track and trace of GM0363: its WMO301 delivered, fetched and acknowledged
    verzonden = {b["id"]: b for b in postbus(api, GEMEENTE, "verzonden")}
    spoor = verzonden[heen["id"]]
    assert spoor["opgehaaldOp"] is not None
    assert spoor["bevestigdOp"] is not None
    assert start["id"] in {b["id"] for b in postbus(api, VECOZO, "verzonden")}

    # GM0344 sees none of it
    ids = {heen["id"], start["id"]}
    assert ids.isdisjoint(b["id"] for b in postbus(api, ANDERE))
    assert ids.isdisjoint(b["id"] for b in postbus(api, ANDERE, "verzonden"))
    andere = api.call("GET", f"/api/v1/ggk/berichten/{heen['id']}", api.token(ANDERE))
    assert andere.status == 404

    # reading the message is audited per person, for VECOZO
    acties = [e["actie"] for e in audit_of(api, VECOZO)]
    assert "ggk-bericht lezen" in acties


def test_the_same_referentienummer_twice_is_refused_once_and_delivered_once(api: Api) -> None:
    referentie = str(uuid.uuid4())
    wmo301 = toewijzing("WMO301", "0363", AGB, CLIENT, "D-" + referentie[:8], DAG)
    inhoud = envelop("WMO301", "0363", AGB, referentie, wmo301)
    eerste, tweede = stuur(api, GEMEENTE, inhoud), stuur(api, GEMEENTE, inhoud)
    assert eerste["status"] == "nieuw"
    assert tweede["status"] == "afgekeurd"
    assert tweede["fout"]["code"] == "CC08"
    bij_vecozo = [b for b in postbus(api, VECOZO) if b["referentienummer"] == referentie]
    assert [b["id"] for b in bij_vecozo] == [eerste["id"]]
    fo01 = api.call("GET", f"/api/v1/ggk/berichten/{tweede['foutbericht']}", api.token(GEMEENTE))
    assert fo01.status == 200
    assert b"<StUF:code>CC08</StUF:code>" in fo01.body
    assert f"<StUF:crossRefnummer>{referentie}</StUF:crossRefnummer>".encode() in fo01.body


def test_a_message_whose_content_is_past_its_retention_is_gone_and_its_track_stays(
    api: Api,
) -> None:
    referentie = str(uuid.uuid4())
    wmo301 = toewijzing("WMO301", "0363", AGB, CLIENT, "B-" + referentie[:8], DAG)
    heen = stuur(api, GEMEENTE, envelop("WMO301", "0363", AGB, referentie, wmo301))
    service = BlobServiceClient.from_connection_string(api.platform.settings["BlobStorage"])
    service.get_blob_client(
        BlobContainers.GGK_BERICHTEN, f"{VECOZO}/{heen['id']}.xml"
    ).delete_blob()

    weg = api.call("GET", f"/api/v1/ggk/berichten/{heen['id']}", api.token(VECOZO))
    assert weg.status == 410
    assert weg.headers["Content-Type"].startswith("application/problem+json")
    assert heen["id"] in [b["id"] for b in postbus(api, GEMEENTE, "verzonden")]


def test_an_envelope_that_is_not_xml_is_refused_with_a_fo01(api: Api) -> None:
    afgekeurd = stuur(api, GEMEENTE, b"geen xml")
    assert (afgekeurd["status"], afgekeurd["fout"]["code"]) == ("afgekeurd", "RIN001")
    assert afgekeurd["foutbericht"] in [b["id"] for b in nieuw(api, GEMEENTE)]


def test_the_stuurinformatie_counts_the_months_traffic_without_a_bsn(api: Api) -> None:
    referentie = str(uuid.uuid4())
    wmo301 = toewijzing("WMO301", "0363", AGB, CLIENT, "M-" + referentie[:8], DAG)
    stuur(api, GEMEENTE, envelop("WMO301", "0363", AGB, referentie, wmo301))
    stuur(api, GEMEENTE, envelop("WMO301", "0363", AGB, referentie, wmo301))  # refused: CC08
    maand = datetime.now(UTC).strftime("%Y-%m")
    path = f"/api/v1/ggk/stuurinformatie?maand={maand}"
    informatie = api.expect(api.call("GET", path, api.token(GEMEENTE)), 200)
    verzonden = {t["sleutel"]: t["aantal"] for t in informatie["verzonden"]}
    assert verzonden["WMO301"] >= 1
    assert {t["sleutel"] for t in informatie["afkeur"]} >= {"CC08"}
    assert {"categorie": "01", "aanbieder": AGB} in [
        {k: t[k] for k in ("categorie", "aanbieder")} for t in informatie["toewijzingen"]
    ]
    assert CLIENT.bsn not in str(informatie)
    csv = api.call("GET", path, api.token(GEMEENTE), headers={"Accept": "text/csv"})
    assert csv.status == 200
    assert csv.body.startswith(b"onderdeel;sleutel;aantal;waarde\n")
    assert b"verzonden;WMO301;" in csv.body


def test_a_zip_through_the_file_channel_routes_each_envelope_and_reports_the_refused(
    api: Api,
) -> None:
    referentie = str(uuid.uuid4())
    wmo301 = toewijzing("WMO301", "0363", AGB, CLIENT, "Z-" + referentie[:8], DAG)
    inhoud = io.BytesIO()
    with zipfile.ZipFile(inhoud, "w") as archief:
        archief.writestr("toewijzing.xml", envelop("WMO301", "0363", AGB, referentie, wmo301))
        archief.writestr("map/ander.xml", envelop("WMO301", "0363", AGB, str(uuid.uuid4()), wmo301))
    naam = f"ggk-{referentie[:8]}.zip"
    api.drop(GEMEENTE, inhoud.getvalue(), naam, dienst="ggk")
    aanlevering = api.wait_until_finished(GEMEENTE, naam)
    assert (aanlevering["aantalRecords"], aanlevering["aantalAfgekeurd"]) == (2, 1)
    assert "BRS29" in aanlevering["afkeuringen"][0]["reden"]
    bij_vecozo = [b for b in postbus(api, VECOZO) if b["referentienummer"] == referentie]
    assert len(bij_vecozo) == 1


def test_a_zip_whose_table_of_contents_is_too_large_is_refused_whole_before_it_is_read(
    api: Api,
) -> None:
    """Its end record says so: no entry of it is read, nothing is routed."""
    inhoud = io.BytesIO()
    with zipfile.ZipFile(inhoud, "w") as archief:
        archief.writestr("toewijzing.xml", b"")
    zip_ = bytearray(inhoud.getvalue())
    zip_[-22 + 12 : -22 + 16] = struct.pack("<L", MAX_MAP_BYTES + 1)  # the stated size
    inhoud = io.BytesIO(bytes(zip_))
    naam = f"ggk-{uuid.uuid4().hex[:8]}.zip"
    api.drop(GEMEENTE, inhoud.getvalue(), naam, dienst="ggk")
    aanlevering = api.wait_until_finished(GEMEENTE, naam)
    assert (aanlevering["aantalRecords"], aanlevering["aantalAfgekeurd"]) == (1, 1)
    assert "splits het bestand" in aanlevering["afkeuringen"][0]["reden"]


def test_an_envelope_that_says_it_is_something_else_is_refused_and_kept_as_it_read(
    api: Api,
) -> None:
    wmo301 = toewijzing("WMO301", "0363", AGB, CLIENT, "X1", DAG)
    inhoud = envelop("WMO301", "0363", AGB, str(uuid.uuid4()), wmo301).replace(b">Di01<", b">Xx99<")
    afgekeurd = stuur(api, GEMEENTE, inhoud)
    assert (afgekeurd["soort"], afgekeurd["status"], afgekeurd["fout"]["code"]) == (
        "Xx99",
        "afgekeurd",
        "RIN001",
    )
