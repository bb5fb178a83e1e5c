"""Kwijtschelding end to end: a belastingsamenwerking drops one file for a gemeente (100% of
the norm) and a waterschap (the default 90%); each household follows its own organisation's
policy; another organisation sees none of it. The real-time API answers the same.
Examples: docs/domein/kwijtschelding.md KWS-15, KWS-24 to KWS-27 and KWS-39 to KWS-41."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from azure.storage.blob import BlobServiceClient

from local.runtime import Platform
from shared.bronnen.catalogus import BY_CODE
from shared.models.kwijtschelding import KOLOMMEN
from shared.security.pseudonym import bsn_hash
from tests.e2e.api import Api
from tests.e2e.test_audit import audit_of

pytestmark = pytest.mark.e2e

SAMENWERKING, GEMEENTE, WATERSCHAP, ANDERE = "MA00000002", "GM0961", "WS0962", "GM0963"
HUISHOUDEN, RIJK, KIND = "300000005", "300000017", "300000029"
DELER, MEDEBEWONER, BUUR = "300000030", "300000042", "300000054"
BRONPEIL, AANVRAAG = "2026-02-28", "2026-03-01"


def source(bron: str, *lines: str) -> bytes:
    header = ";".join(BY_CODE[bron].kolommen)
    return "\n".join([header, *lines, f"#aantal;{len(lines)}", ""]).encode()


def applicants(*lines: str, kolommen: tuple[str, ...] = KOLOMMEN) -> bytes:
    return "\n".join([";".join(kolommen), *lines, f"#aantal;{len(lines)}", ""]).encode()


GEMANDATEERD = [
    {"dienst": "kwijtschelding", "doel": "toetsen"},
    {"dienst": "aanleveringen", "doel": "volgen"},
]


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    api = Api(platform)
    since = "2026-01-01T00:00:00+00:00"
    for code in (GEMEENTE, WATERSCHAP, ANDERE):
        api.organisation(code)
    api.organisation(
        SAMENWERKING,
        mandaten=[
            {"gemeente": GEMEENTE, "geldigVan": since, "diensten": GEMANDATEERD},
            {"gemeente": WATERSCHAP, "geldigVan": since, "diensten": GEMANDATEERD},
        ],
    )
    for code in (SAMENWERKING, GEMEENTE, WATERSCHAP, ANDERE):
        api.bind(code)
        api.connect(code, "kwijtschelding", "toetsen")
        api.connect(code, "aanleveringen", "volgen")
    set_policy = api.call(
        "PUT",
        f"/api/v1/organisaties/{GEMEENTE}/kwijtscheldingsbeleid",
        api.admin,
        {"kostenVanBestaanPercentage": "100"},
    )
    api.expect(set_policy, 200)
    # One alleenstaande living on a WW benefit of € 1.350 a month: below 100% of the norm
    # (€ 1.401,50), above 90% (€ 1.261,35). A second household earns well. A third lives on
    # the same benefit with a medebewoner of 36 at "9999AA 3-1" (a kostendeler, Pw art.
    # 19a); the neighbour at "3-2" lives in another home.
    records = {
        "brp-personen": (
            f"{HUISHOUDEN};1980-01-01;;NL;0363;9999AA;1;;;2010-01-01",
            f"{RIJK};1975-01-01;;NL;0363;9999AA;2;;;2010-01-01",
            f"{KIND};2015-01-01;;NL;0363;9999AA;2;;;2015-01-01",
            f"{DELER};1985-01-01;;NL;0363;9999AA;3;;1;2010-01-01",
            f"{MEDEBEWONER};1990-01-01;;NL;0363;9999AA;3;;1;2012-01-01",
            f"{BUUR};1960-01-01;;NL;0363;9999AA;3;;2;2000-01-01",
        ),
        "uitkeringen": (
            f"{HUISHOUDEN};2025-06-01;;UWV;WW;135000",
            f"{DELER};2025-06-01;;UWV;WW;135000",
        ),
        "brp-relaties": (f"{RIJK};2010-01-01;;kind;{KIND}",),
        "uwv-polis": (
            f"{RIJK};2020-01-01;;2026-02;maand;2026-02-01;2026-03-01;123456789L01;"
            "dienstbetrekking;;500000;540000;0;0;"
            "150000;0;0;3000;0;0;160.00",
        ),
        "bd-rekeningen": (f"{HUISHOUDEN};NL91ABNA0417164300;betaalrekening;2025-12-31;10000;0",),
        "rdw-voertuigen": (f"{RIJK};AB123C;Tesla;6000000;2024-01-01;2024-01-01",),
    }
    for bron, lines in records.items():
        api.deliver_source(bron, BRONPEIL, source(bron, *lines))
    for bron, lines in records.items():
        api.wait_until_in_force(bron, lines[0].split(";")[0], AANVRAAG)
    return api


def report(platform: Platform, name: str) -> list[dict[str, str]]:
    service = BlobServiceClient.from_connection_string(platform.settings["BlobStorage"])
    path = f"kwijtschelding/{SAMENWERKING}/{name}.uitkomsten.csv"
    text = service.get_blob_client("terugmeldingen", path).download_blob().readall().decode()
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def toetsingen(api: Api, token: str, organisatie: str | None = None) -> Any:
    query = f"?organisatie={organisatie}" if organisatie else ""
    return api.call("GET", f"/api/v1/kwijtschelding/toetsingen{query}", token)


def test_one_file_two_policies_each_household_follows_its_own(api: Api, platform: Platform) -> None:
    """docs/domein/kwijtschelding.md KWS-26 (batch)."""
    name = api.drop(
        SAMENWERKING,
        applicants(
            f"{GEMEENTE};{HUISHOUDEN};AFVALSTOFFENHEFFING;30000;{AANVRAAG};J;;;",
            f"{WATERSCHAP};{HUISHOUDEN};watersysteemheffing_ingezetenen;30000;{AANVRAAG};N;;;",
            f"{GEMEENTE};{RIJK};AFVALSTOFFENHEFFING;30000;{AANVRAAG};N;;;",
            f"{ANDERE};{HUISHOUDEN};AFVALSTOFFENHEFFING;30000;{AANVRAAG};N;;;",
            f"{GEMEENTE};123;AFVALSTOFFENHEFFING;30000;{AANVRAAG};N;;;",
            kolommen=KOLOMMEN[:9],  # a file in the format before aflossingen and ondernemer
        ),
        dienst="kwijtschelding",
    )
    delivery = api.wait_until_finished(SAMENWERKING, name)
    assert delivery["status"] == "verwerkt"
    assert (delivery["aantalRecords"], delivery["aantalAfgekeurd"]) == (5, 2)
    reasons = {a["regel"]: a["reden"] for a in delivery["afkeuringen"]}
    assert reasons[5] == f"{SAMENWERKING} heeft geen actief mandaat van {ANDERE}"
    assert reasons[6].startswith("bsn")

    rows = {(r["organisatie"], r["bsn"]): r for r in report(platform, name)}
    assert set(rows) == {(GEMEENTE, HUISHOUDEN), (WATERSCHAP, HUISHOUDEN), (GEMEENTE, RIJK)}
    gemeente = rows[(GEMEENTE, HUISHOUDEN)]
    assert (gemeente["uitkomst"], gemeente["kwijtschelding"], gemeente["belemmeringen"]) == (
        "TOEGEKEND",
        "300.00",
        "",
    )
    assert gemeente["ambtshalve_verlenging"] == "J"
    # 90%: kosten van bestaan 1261.35; 12 × 88.65 = 1063.80; 80% = 851.04 > 300
    waterschap = rows[(WATERSCHAP, HUISHOUDEN)]
    assert (waterschap["uitkomst"], waterschap["betalingscapaciteit"]) == ("AFGEWEZEN", "1063.80")
    assert waterschap["belemmeringen"] == "INKOMEN"
    rijk = rows[(GEMEENTE, RIJK)]
    assert rijk["uitkomst"] == "AFGEWEZEN"
    assert rijk["belemmeringen"] == "INKOMEN,VOERTUIG"

    own = api.expect(toetsingen(api, api.token(GEMEENTE)), 200)["toetsingen"]
    assert {(t["bsn"], t["uitkomst"]["uitkomst"]) for t in own} == {
        (HUISHOUDEN, "TOEGEKEND"),
        (RIJK, "AFGEWEZEN"),
    }
    key = platform.settings["AUDIT_HASH_KEY"].encode()
    getoetst = {
        organisatie: {
            e["bsnHash"]
            for e in audit_of(api, organisatie)
            if e["actie"] == "kwijtschelding getoetst"
        }
        for organisatie in (GEMEENTE, WATERSCHAP, ANDERE)
    }  # every person read for a household, each once, for the organisation it was tested for
    assert {bsn_hash(b, key) for b in (HUISHOUDEN, RIJK, KIND)} <= getoetst[GEMEENTE]
    assert bsn_hash(HUISHOUDEN, key) in getoetst[WATERSCHAP]
    assert bsn_hash(RIJK, key) not in getoetst[WATERSCHAP]
    assert getoetst[ANDERE] == set()  # refused: no mandate, nothing read
    gelezen = {
        e["bsnHash"]
        for e in audit_of(api, GEMEENTE)
        if e["actie"] == "kwijtscheldingstoetsingen lezen"
    }  # the page holds the household's figures: the child is on record as read too
    assert {bsn_hash(b, key) for b in (HUISHOUDEN, RIJK, KIND)} <= gelezen
    assert all("huishoudenHashes" not in t for t in own)  # the pseudonyms stay inside
    assert [
        (e["resultaat"], e["bsnHash"], e["reden"])
        for e in audit_of(api, SAMENWERKING)
        if e["actie"] == "kwijtschelding toetsen"
    ] == [("geweigerd", bsn_hash(HUISHOUDEN, key), reasons[5])]  # the refusal is on record
    mandated = api.expect(toetsingen(api, api.token(SAMENWERKING), GEMEENTE), 200)
    assert len(mandated["toetsingen"]) == 2
    assert api.expect(toetsingen(api, api.token(ANDERE)), 200)["toetsingen"] == []
    assert toetsingen(api, api.token(ANDERE), GEMEENTE).status == 403


def test_real_time_answers_from_the_sources_with_the_callers_policy(api: Api) -> None:
    """docs/domein/kwijtschelding.md KWS-26 (real time)."""
    body = {
        "peildatum": AANVRAAG,
        "bsn": HUISHOUDEN,
        "belastingsoort": "AFVALSTOFFENHEFFING",
        "aanslagbedrag": "300.00",
    }
    gemeente = api.expect(
        api.call("POST", "/api/v1/kwijtschelding/toetsen", api.token(GEMEENTE), body), 200
    )
    assert (gemeente["uitkomst"], gemeente["kwijtschelding"], gemeente["teBetalen"]) == (
        "TOEGEKEND",
        "300.00",
        "0.00",
    )
    assert gemeente["beleid"]["kostenVanBestaanPercentage"] == "100"
    origins = {h["invoer"]: h["herkomst"] for h in gemeente["herkomst"]}
    assert origins["nettoInkomenMaand"] == "bron"
    assert origins["aantalKostendelendeMedebewoners"] == "bron"
    assert origins["aanslagbedrag"] == "opgegeven"
    assert gemeente["aantalKostendelendeMedebewoners"] == 0
    waterschap = api.expect(
        api.call("POST", "/api/v1/kwijtschelding/toetsen", api.token(WATERSCHAP), body), 200
    )
    assert (waterschap["uitkomst"], waterschap["kostenVanBestaan"]) == ("AFGEWEZEN", "1261.35")
    assert waterschap["belemmeringen"][0] == {
        "soort": "INKOMEN",
        "omschrijving": "het inkomen ligt boven de kosten van bestaan",
        "artikel": "URI art. 11, 13 en 16",
        "bedrag": "851.04",
    }


def test_the_car_is_valued_from_rdw_with_the_method_named(api: Api) -> None:
    """docs/domein/kwijtschelding.md KWS-27 (the first row)."""
    body = {
        "peildatum": AANVRAAG,
        "bsn": RIJK,
        "belastingsoort": "AFVALSTOFFENHEFFING",
        "aanslagbedrag": "300.00",
        "nettoBesteedbaarInkomenMaand": "1000.00",
    }
    answer = api.expect(
        api.call("POST", "/api/v1/kwijtschelding/toetsen", api.token(GEMEENTE), body), 200
    )
    [car] = answer["voertuigen"]
    # first admitted 2024-01-01, 26 months on 2026-03-01: 47% off € 60.000
    assert (car["kenteken"], car["waarde"]) == ("AB123C", "31800.00")
    assert "Wet BPM 1992 art. 10" in car["methode"]
    assert [b["soort"] for b in answer["belemmeringen"]] == ["VOERTUIG"]


def test_the_contract_example_without_bsn(api: Api) -> None:
    """docs/domein/kwijtschelding.md KWS-15 and KWS-25 through the API."""
    body = {
        "peildatum": AANVRAAG,
        "belastingsoort": "AFVALSTOFFENHEFFING",
        "aanslagbedrag": "400.00",
        "leefsituatie": "ALLEENSTAANDE",
        "pensioengerechtigd": False,
        "nettoBesteedbaarInkomenMaand": "1420.00",
        "woonlastenMaand": "0.00",
        "zorgpremieMaand": "0.00",
        "kinderopvangMaand": "0.00",
        "liquideMiddelen": "0.00",
        "autoWaarde": "0.00",
        "autoOnmisbaar": False,
        "ondernemer": False,
        "bezwaarOfBeroepAanhangig": False,
    }
    answer = api.expect(
        api.call("POST", "/api/v1/kwijtschelding/toetsen", api.token(GEMEENTE), body), 200
    )
    assert (answer["uitkomst"], answer["kwijtschelding"], answer["teBetalen"]) == (
        "GEDEELTELIJK",
        "222.40",
        "177.60",
    )
    missing = api.call(
        "POST",
        "/api/v1/kwijtschelding/toetsen",
        api.token(GEMEENTE),
        {**body, "peildatum": "2026-08-01"},
    )
    assert missing.status == 422
    incomplete = {k: v for k, v in body.items() if k != "leefsituatie"}
    answer_400 = api.call("POST", "/api/v1/kwijtschelding/toetsen", api.token(GEMEENTE), incomplete)
    assert answer_400.status == 400


def test_only_the_organisation_or_autorisatiebeheer_changes_a_policy_with_the_current_version(
    api: Api,
) -> None:
    """docs/domein/kwijtschelding.md KWS-24 over HTTP (a policy outside the law is 422: well
    formed, but not allowed by the law in force)."""
    path = "/api/v1/kwijtschelding/beleid"
    token = api.token(ANDERE)
    without_the_purpose = api.call("PUT", path, token, {"kostenVanBestaanPercentage": "95"})
    assert without_the_purpose.status == 403  # connected for toetsen, not for beleid
    api.connect(ANDERE, "kwijtschelding", "beleid")
    created = api.call("PUT", path, token, {"kostenVanBestaanPercentage": "95"})
    assert api.expect(created, 200)["kostenVanBestaanPercentage"] == "95"
    assert api.call("PUT", path, token, {"kostenVanBestaanPercentage": "96"}).status == 428
    stale = api.call(
        "PUT", path, token, {"kostenVanBestaanPercentage": "96"}, {"If-Match": '"oud"'}
    )
    assert stale.status == 412
    etag = api.call("GET", path, token).headers["ETag"]
    changed = api.call("PUT", path, token, {"kostenVanBestaanPercentage": "96"}, {"If-Match": etag})
    assert api.expect(changed, 200)["kostenVanBestaanPercentage"] == "96"
    outside_the_law = api.call(
        "PUT",
        path,
        token,
        {"kostenVanBestaanPercentage": "85"},
        {"If-Match": changed.headers["ETag"]},
    )
    assert outside_the_law.status == 422
    not_an_admin = api.call(
        "PUT",
        f"/api/v1/organisaties/{ANDERE}/kwijtscheldingsbeleid",
        api.token(ANDERE),
        {"kostenVanBestaanPercentage": "100"},
    )
    assert not_an_admin.status == 403
    never_set = api.call(
        "PUT",
        f"/api/v1/organisaties/{WATERSCHAP}/kwijtscheldingsbeleid",
        api.admin,
        {"kostenVanBestaanPercentage": "100"},
        {"If-Match": '"bestaat-niet"'},
    )
    assert never_set.status == 412
    changes = [
        e for e in audit_of(api, ANDERE) if e["actie"] == "kwijtscheldingsbeleid vastgesteld"
    ]
    assert len(changes) == 2
    assert {e["namens"] for e in changes} == {None}  # its own policy, by its own client


def test_a_kostendeler_at_the_address_lowers_the_kosten_van_bestaan(api: Api) -> None:
    """docs/domein/kwijtschelding.md KWS-39.
    Pw art. 22a via URI art. 16 lid 2: one kostendeler of 27 or older at "3-1" makes the
    norm (40% + 2 × 30%) / 2 × € 2.002,13 = € 1.001,07 at 100%; the same benefit that is
    fully remitted for the one living alone now leaves capacity. The neighbour at "3-2"
    does not count."""
    body = {
        "peildatum": AANVRAAG,
        "bsn": DELER,
        "belastingsoort": "AFVALSTOFFENHEFFING",
        "aanslagbedrag": "300.00",
    }
    answer = api.expect(
        api.call("POST", "/api/v1/kwijtschelding/toetsen", api.token(GEMEENTE), body), 200
    )
    assert answer["aantalKostendelendeMedebewoners"] == 1
    assert (answer["kostenVanBestaan"], answer["uitkomst"]) == ("1001.07", "AFGEWEZEN")
    given = api.call(
        "POST",
        "/api/v1/kwijtschelding/toetsen",
        api.token(GEMEENTE),
        {**body, "aantalKostendelendeMedebewoners": 0},
    )
    assert api.expect(given, 200)["uitkomst"] == "TOEGEKEND"


def test_several_assessments_share_one_capacity_through_the_api(api: Api) -> None:
    """docs/domein/kwijtschelding.md KWS-40.
    URI art. 11: 80% of the capacity (€ 851,04 at 90%) is used once for both; the
    remission of € 148,96 is divided in proportion to the amounts."""
    body = {
        "peildatum": AANVRAAG,
        "bsn": HUISHOUDEN,
        "aanslagen": [
            {"belastingsoort": "watersysteemheffing_ingezetenen", "aanslagbedrag": "600.00"},
            {"belastingsoort": "zuiveringsheffing_woonruimte", "aanslagbedrag": "400.00"},
        ],
    }
    answer = api.expect(
        api.call("POST", "/api/v1/kwijtschelding/toetsen", api.token(WATERSCHAP), body), 200
    )
    assert (answer["kwijtschelding"], answer["teBetalen"]) == ("148.96", "851.04")
    assert [(a["belastingsoort"], a["kwijtschelding"]) for a in answer["aanslagen"]] == [
        ("watersysteemheffing_ingezetenen", "89.38"),
        ("zuiveringsheffing_woonruimte", "59.58"),
    ]
    assert any("naar verhouding" in w for w in answer["waarschuwingen"])
    both = api.call(
        "POST",
        "/api/v1/kwijtschelding/toetsen",
        api.token(WATERSCHAP),
        {**body, "belastingsoort": "x", "aanslagbedrag": "1.00"},
    )
    assert both.status == 400


def test_batch_lines_of_one_household_are_one_request(api: Api, platform: Platform) -> None:
    """docs/domein/kwijtschelding.md KWS-41.
    The file groups a household's assessments (same organisation, BSN and date): they
    share one capacity; a line that gives other figures for it is rejected; an ondernemer
    (column `ondernemer`) is refused for business taxes under the default policy; every
    line of a household whose organisation gave no mandate is rejected."""
    name = api.drop(
        SAMENWERKING,
        applicants(
            f"{WATERSCHAP};{HUISHOUDEN};watersysteemheffing_ingezetenen;60000;{AANVRAAG};N;;;;;N",
            f"{WATERSCHAP};{HUISHOUDEN};zuiveringsheffing_woonruimte;40000;{AANVRAAG};N;;;;;N",
            f"{WATERSCHAP};{HUISHOUDEN};wegenheffing_ingezetenen;10000;{AANVRAAG};N;50000;;;;N",
            f"{GEMEENTE};{RIJK};AFVALSTOFFENHEFFING;30000;{AANVRAAG};N;;;;;J",
            f"{ANDERE};{HUISHOUDEN};AFVALSTOFFENHEFFING;30000;{AANVRAAG};N;;;;;N",
            f"{ANDERE};{HUISHOUDEN};RIOOLHEFFING;20000;{AANVRAAG};N;;;;;N",
        ),
        dienst="kwijtschelding",
    )
    delivery = api.wait_until_finished(SAMENWERKING, name)
    assert (delivery["aantalRecords"], delivery["aantalAfgekeurd"]) == (6, 3)
    reasons = {a["regel"]: a["reden"] for a in delivery["afkeuringen"]}
    assert "hetzelfde huishouden als regel 2" in reasons[4]
    assert reasons[6] == reasons[7] == f"{SAMENWERKING} heeft geen actief mandaat van {ANDERE}"
    rows = {(r["bsn"], r["belastingsoort"]): r for r in report(platform, name)}
    watersysteem = rows[(HUISHOUDEN, "watersysteemheffing_ingezetenen")]
    zuivering = rows[(HUISHOUDEN, "zuiveringsheffing_woonruimte")]
    assert (watersysteem["regel"], watersysteem["kwijtschelding"]) == ("2", "89.38")
    assert (zuivering["regel"], zuivering["kwijtschelding"]) == ("3", "59.58")
    assert rows[(RIJK, "AFVALSTOFFENHEFFING")]["belemmeringen"] == "ONDERNEMERSCHAP"
