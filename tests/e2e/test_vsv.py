"""VSV 2.0 from end to end: a Doorstroompunt registers young people by API and by file, the
next day's polis brings a job start for one of them, the daily signal arrives once and the
weekly report shows his changed priority; another region sees none of it; every read of a
young person is audited for him.

The daily and weekly work runs as the host's timers run it (`python -m shared.vsv`, against
this platform's store: the local host schedules no timers). The sources are of March 2025,
dates no other test reads."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from azure.storage.blob import BlobClient

from local.issuer import local_client_id
from local.runtime import Platform
from shared.bronnen.catalogus import BY_CODE
from shared.security.access import SYSTEEM
from shared.security.pseudonym import bsn_hash
from tests.e2e.api import Api, iso
from tests.e2e.test_audit import audit_of

pytestmark = pytest.mark.e2e

AMSTERDAM, UTRECHT = "DP31", "DP32"
API, BESTAND_A, BESTAND_B, ELDERS, DIPLOMA = (
    "380000003",
    "380000015",
    "380000027",
    "380000039",
    "380000040",
)
"""API: registered by API, finds a job on 4 March; BESTAND_A works (EUR 700 in January) and
BESTAND_B has nothing, both registered by file; ELDERS lives in Utrecht; DIPLOMA has a
startkwalificatie."""
ACHTTIEN, MET_DIPLOMA, GEVOLGD, OP_SCHOOL = "380000106", "380000118", "380000131", "380000143"
"""Residents of Rotterdam who turn 18 in March 2025: one to suggest, one with a
startkwalificatie, one at school, one Utrecht's Doorstroompunt already follows (its region
holds Rotterdam here)."""
ROTTERDAM = "GM0599"
AMERSFOORT, UTRECHTER, DEN_HAAG = "GM0307", "380000155", "GM0518"
"""Amersfoort belongs to Utrecht's region here and is mandated by it; UTRECHTER lives in
Utrecht and is registered by Amersfoort's system; Den Haag is outside the region."""
BRONPEIL, BAAN, WEEK_10, WEEK_11 = "2025-03-03", "2025-03-04", "2025-03-03", "2025-03-10"
PATH = "/api/v1/vsv"


def source(bron: str, *lines: str) -> bytes:
    header = ";".join(BY_CODE[bron].kolommen)
    return "\n".join([header, *sorted(lines), f"#aantal;{len(lines)}", ""]).encode()


def loon(bsn: str, begin: str, cent: int) -> str:
    return (
        f"{bsn};{begin};;2025-01;maand;2025-01-01;2025-02-01;987654321L01;"
        f"dienstbetrekking;;{cent};{cent};0;0;0;0;0;0;0;0;24.00"
    )


def run(platform: Platform, werk: str, dag: str) -> None:
    platform.run_module("-m", "shared.vsv", werk, "--dag", dag)


def regio(naam: str, *gemeenten: str) -> dict[str, Any]:
    return {"naam": naam, "contactgemeente": gemeenten[0], "gemeenten": gemeenten, "bron": "test"}


def report(api: Api, punt: str, naam: str) -> dict[str, dict[str, str]]:
    answer = api.call("GET", f"{PATH}/bestanden/{naam}", api.token(punt))
    assert answer.status == 200, answer.body
    rows = csv.DictReader(io.StringIO(answer.body.decode()), delimiter=";")
    return {row["bsn"]: row for row in rows}


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    api = Api(platform)
    regios = {
        AMSTERDAM: regio("Amsterdam", "GM0363"),
        UTRECHT: regio("Utrecht", "GM0344", ROTTERDAM, AMERSFOORT),
    }
    for code, gebied in regios.items():
        api.organisation(code, regio=gebied)
        api.bind(code)
        api.connect(code, "vsv", "volgen")
        api.connect(code, "aanleveringen", "volgen")
    jongeren = (API, BESTAND_A, BESTAND_B, DIPLOMA)
    bronnen = {
        "brp-personen": [
            *(f"{b};2004-05-01;;NL;0363;1012JR;1;;;2010-01-01" for b in jongeren),
            *(f"{b};2004-05-01;;NL;0344;3511AA;1;;;2010-01-01" for b in (ELDERS, UTRECHTER)),
            *(
                f"{b};{geboren};;NL;0599;3011AA;1;;;2010-01-01"
                for b, geboren in (
                    (ACHTTIEN, "2007-03-10"),
                    (MET_DIPLOMA, "2007-03-20"),
                    (GEVOLGD, "2007-03-05"),
                    (OP_SCHOOL, "2007-03-15"),
                )
            ),
        ],
        "duo-startkwalificaties": [f"{DIPLOMA};2024-07-01", f"{MET_DIPLOMA};2025-01-01"],
        "duo-inschrijvingen": [f"{OP_SCHOOL};2019-08-01;;MBO;25AB"],
        "uwv-polis": [loon(BESTAND_A, "2024-09-01", 70000)],
        "uitkeringen": [f"{ELDERS};2024-01-01;;UWV;WW;90000"],
        "gemeenten-uitkeringen": [f"{ELDERS};2024-01-01;;0344;PW"],
    }
    for bron, regels in bronnen.items():  # delivered side by side, then waited for
        api.deliver_source(bron, BRONPEIL, source(bron, *regels))
    for bron, regels in bronnen.items():
        api.wait_until_in_force(bron, sorted(regels)[0].split(";")[0], BRONPEIL)
    return api


def test_registered_by_api_and_file_signalled_once_and_reported_to_their_region_only(
    api: Api, platform: Platform
) -> None:
    aanmelding = {"bsn": API, "reden": "VOORTIJDIG_SCHOOLVERLATER", "datum": BRONPEIL}
    created = api.call("POST", f"{PATH}/aanmeldingen", api.token(AMSTERDAM), aanmelding)
    registratie = api.expect(created, 201)
    assert created.headers["Location"] == f"{PATH}/aanmeldingen/{registratie['id']}"
    again = api.call("POST", f"{PATH}/aanmeldingen", api.token(AMSTERDAM), aanmelding)
    assert api.expect(again, 200)["id"] == registratie["id"]
    elders = api.call(
        "POST", f"{PATH}/aanmeldingen", api.token(AMSTERDAM), {**aanmelding, "bsn": ELDERS}
    )
    assert elders.status == 422
    assert "niet in de regio Amsterdam" in elders.json()["detail"]

    lines = [
        f"{BESTAND_A};AANMELDEN;JONGERE_IN_KWETSBARE_POSITIE;{BRONPEIL}",
        f"{BESTAND_B};AANMELDEN;VOORTIJDIG_SCHOOLVERLATER;{BRONPEIL}",
        f"{DIPLOMA};AANMELDEN;VOORTIJDIG_SCHOOLVERLATER;{BRONPEIL}",
    ]
    body = "\n".join(["bsn;actie;reden;datum", *lines, "#aantal;3", ""]).encode()
    name = api.drop(AMSTERDAM, body, dienst="vsv")
    delivery = api.wait_until_finished(AMSTERDAM, name)
    assert delivery["aantalGoedgekeurd"] == 2, delivery
    [refused] = delivery["afkeuringen"]
    assert refused["regel"] == 4
    assert "startkwalificatie" in refused["reden"]
    listed = api.expect(api.call("GET", f"{PATH}/aanmeldingen", api.token(AMSTERDAM)), 200)
    assert sorted(i["bsn"] for i in listed["inschrijvingen"]) == [API, BESTAND_A, BESTAND_B]

    run(platform, "prioriteiten", WEEK_10)
    week10 = report(api, AMSTERDAM, "2025-W10.prioriteiten.csv")
    assert {b: r["prioriteit"] for b, r in week10.items()} == {
        API: "1",
        BESTAND_A: "3",  # EUR 700.00 in January (a polis of 3 March reads January)
        BESTAND_B: "1",
    }
    assert week10[BESTAND_A]["loon"] == "700.00"

    baan = [loon(BESTAND_A, "2024-09-01", 70000), loon(API, "2025-01-17", 25000)]
    api.deliver_source("uwv-polis", BAAN, source("uwv-polis", *baan))
    api.wait_until_in_force("uwv-polis", API, BAAN)
    run(platform, "signalen", BAAN)
    run(platform, "signalen", BAAN)  # the same day again: nothing new
    signalen = api.expect(api.call("GET", f"{PATH}/signalen", api.token(AMSTERDAM)), 200)
    assert [
        (s["bsn"], s["soort"], s["gebeurtenis"], s["omschrijving"], s["bronPeildatum"])
        for s in signalen["signalen"]
    ] == [(API, "INKOMSTENVERHOUDING", "BEGIN", "987654321L01", BAAN)]

    run(platform, "prioriteiten", WEEK_11)
    week11 = report(api, AMSTERDAM, "2025-W11.prioriteiten.csv")
    assert (week11[API]["prioriteit"], week11[API]["vorige_prioriteit"]) == ("2", "1")
    assert week11[API]["verandering"] == "GEWIJZIGD"
    assert week11[BESTAND_B]["verandering"] == "GELIJK"

    utrecht = api.token(UTRECHT)
    assert api.expect(api.call("GET", f"{PATH}/signalen", utrecht), 200)["signalen"] == []
    assert api.expect(api.call("GET", f"{PATH}/bestanden", utrecht), 200)["bestanden"] == []
    assert api.call("GET", f"{PATH}/bestanden/2025-W11.prioriteiten.csv", utrecht).status == 404
    assert api.expect(api.call("GET", f"{PATH}/aanmeldingen", utrecht), 200)["inschrijvingen"] == []
    afmelden = f"{PATH}/aanmeldingen/{registratie['id']}?reden=WERK&datum={BAAN}"
    assert api.call("DELETE", afmelden, utrecht).status == 404

    gelezen = {e["actie"]: e for e in audit_of(api, AMSTERDAM) if e["actie"].startswith("vsv")}
    for actie in ("vsv aanmelden", "vsv register lezen", "vsv-signalen lezen"):
        assert actie in gelezen, actie
    per_persoon = [e for e in audit_of(api, AMSTERDAM) if e["actie"] == "prioriteitenrapport lezen"]
    assert len({e["bsnHash"] for e in per_persoon}) == 3  # each young person in the report
    signaal = [e for e in audit_of(api, AMSTERDAM) if e["actie"] == "vsv-signalen lezen"]
    assert len({e["bsnHash"] for e in signaal}) == 1
    bepaald = [e for e in audit_of(api, AMSTERDAM) if e["actie"] == "vsv prioriteit bepaald"]
    assert len({e["bsnHash"] for e in bepaald}) == 3  # each young person in the reports
    vergeleken = [e for e in audit_of(api, AMSTERDAM) if e["actie"] == "vsv dagelijks vergeleken"]
    assert {e["bsnHash"] for e in vergeleken} <= {e["bsnHash"] for e in bepaald}
    assert vergeleken

    afgemeld = api.expect(api.call("DELETE", afmelden, api.token(AMSTERDAM)), 200)
    assert [g["actie"] for g in afgemeld["geschiedenis"]] == ["AANGEMELD", "AFGEMELD"]


def test_a_gemeente_is_told_who_turns_18_without_a_startkwalificatie_and_is_followed_by_nobody(
    api: Api,
) -> None:
    api.organisation(ROTTERDAM)
    api.bind(ROTTERDAM)
    api.connect(ROTTERDAM, "vsv", "aanmeldsuggesties")
    aanmelding = {"bsn": GEVOLGD, "reden": "JONGERE_IN_KWETSBARE_POSITIE", "datum": BRONPEIL}
    api.expect(api.call("POST", f"{PATH}/aanmeldingen", api.token(UTRECHT), aanmelding), 201)
    path = f"{PATH}/aanmeldsuggesties?maand=2025-03"
    answer = api.expect(api.call("GET", path, api.token(ROTTERDAM)), 200)
    assert [(s["bsn"], s["ingeschreven"]) for s in answer["suggesties"]] == [(ACHTTIEN, False)]
    assert answer["peildatum"] == "2025-03-31"
    amsterdam = api.expect(api.call("GET", path, api.token("GM0363")), 200)  # seeded
    assert amsterdam["suggesties"] == []  # none of Rotterdam's residents
    gelezen = [e for e in audit_of(api, ROTTERDAM) if e["actie"] == "vsv aanmeldsuggesties lezen"]
    assert len({e["bsnHash"] for e in gelezen if e.get("bsnHash")}) == 1
    key = api.platform.settings["AUDIT_HASH_KEY"].encode()
    getoetst = {
        e["bsnHash"]
        for e in audit_of(api, ROTTERDAM)
        if e["actie"] == "vsv aanmeldsuggesties getoetst"
    }  # the followed one was consulted too, and is on record though not delivered
    assert bsn_hash(GEVOLGD, key) in getoetst
    assert bsn_hash(ACHTTIEN, key) not in getoetst


def test_a_gemeente_mandated_by_its_doorstroompunt_does_its_work_only_while_in_the_region(
    api: Api,
) -> None:
    """Utrecht's contactgemeente mandates Amersfoort, a gemeente of its region, for VSV and
    the file channel: Amersfoort's system registers for the Doorstroompunt by API and by file
    and reads its register, not for itself and not for Amsterdam's; a gemeente outside the
    region is not given the mandate; when the region no longer holds Amersfoort, its next
    request is refused."""
    mandaat = {
        "gemeente": UTRECHT,
        "geldigVan": iso(datetime.now(UTC) - timedelta(hours=1)),
        "diensten": [
            {"dienst": "vsv", "doel": "volgen"},
            {"dienst": "aanleveringen", "doel": "volgen"},
        ],
    }
    api.organisation(AMERSFOORT, mandaten=[mandaat])
    api.bind(AMERSFOORT)
    api.connect(AMERSFOORT, "vsv", "volgen")
    api.connect(AMERSFOORT, "aanleveringen", "volgen")
    amersfoort = api.token(AMERSFOORT)
    assert api.call("GET", f"{PATH}/aanmeldingen", amersfoort).status == 403  # not its own

    aanmelding = {"bsn": UTRECHTER, "reden": "VOORTIJDIG_SCHOOLVERLATER", "datum": BRONPEIL}
    namens = f"?organisatie={UTRECHT}"
    created = api.call("POST", f"{PATH}/aanmeldingen{namens}", amersfoort, aanmelding)
    assert api.expect(created, 201)["geschiedenis"][0]["door"] == local_client_id(
        AMERSFOORT, [SYSTEEM]
    )
    lines = f"bsn;actie;reden;datum\n{ELDERS};AANMELDEN;VOORTIJDIG_SCHOOLVERLATER;{BRONPEIL}\n"
    grant = api.upload_grant(AMERSFOORT, "amersfoort.csv", dienst="vsv", namens=UTRECHT)
    BlobClient.from_blob_url(grant["uploadUrl"]).upload_blob(f"{lines}#aantal;1\n".encode())
    delivery = api.wait_until_finished(UTRECHT, "amersfoort.csv")
    assert delivery["aantalGoedgekeurd"] == 1, delivery
    listed = api.call("GET", f"{PATH}/aanmeldingen{namens}", amersfoort)
    assert {UTRECHTER, ELDERS} <= {i["bsn"] for i in api.expect(listed, 200)["inschrijvingen"]}
    voor_utrecht = api.expect(api.call("GET", f"{PATH}/aanmeldingen", api.token(UTRECHT)), 200)
    assert {UTRECHTER, ELDERS} <= {i["bsn"] for i in voor_utrecht["inschrijvingen"]}
    gelezen = [e for e in audit_of(api, AMERSFOORT) if e["actie"] == "vsv register lezen"]
    assert {e["namens"] for e in gelezen} == {UTRECHT}

    elders = f"{PATH}/aanmeldingen?organisatie={AMSTERDAM}"
    assert api.call("GET", elders, amersfoort).status == 403
    buiten = {"naam": "Den Haag", "mandaten": [mandaat], "regio": None}
    refused = api.call("PUT", f"/api/v1/organisaties/{DEN_HAAG}", api.admin, buiten)
    assert api.expect(refused, 422)["detail"] == f"{DEN_HAAG} hoort niet bij de regio van {UTRECHT}"

    path = f"/api/v1/organisaties/{UTRECHT}"
    etag = api.call("GET", path, api.admin).headers["ETag"]
    kleiner = {"naam": "Utrecht", "regio": regio("Utrecht", "GM0344", ROTTERDAM)}
    api.expect(api.call("PUT", path, api.admin, kleiner, {"If-Match": etag}), 200)
    assert api.call("GET", f"{PATH}/aanmeldingen{namens}", amersfoort).status == 403
