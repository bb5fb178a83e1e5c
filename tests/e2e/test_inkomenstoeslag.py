"""The individuele inkomenstoeslag and the inkomens- en vermogenstoets through the API: a
gemeente sets its verordening or norms, then tests applications against the sources; a
gemeente without them is told so; each person read is audited."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

import pytest
from azure.storage.blob import BlobServiceClient

from local.runtime import Platform
from shared.bronnen.catalogus import BY_CODE
from tests.e2e.api import Api
from tests.e2e.test_audit import audit_of

pytestmark = pytest.mark.e2e

GEMEENTE, ANDERE = "GM0983", "GM0984"
IN_BIJSTAND, MET_WERK = "310000002", "310000014"
DRIE_VOLWASSENEN = ("310000105", "310000117", "310000129")
AANVRAGER_MET_AOW_PARTNER, AOW_PARTNER = "310000208", "310000221"
BRONPEIL, AANVRAAG = "2026-06-30", "2026-07-01"
PATH = "/api/v1/individuele-inkomenstoeslag"
VERORDENING = {
    "percentage": 100,
    "aggregatie": "ELKE_MAAND",
    "referteperiodeMaanden": 12,
    "metVakantietoeslag": True,
    "vermogenstoets": False,
    "bedragen": {"ALLEENSTAANDE": "459.00", "ALLEENSTAANDE_OUDER": "529.00", "GEHUWD": "648.00"},
}


def source(bron: str, *lines: str) -> bytes:
    header = ";".join(BY_CODE[bron].kolommen)
    return "\n".join([header, *lines, f"#aantal;{len(lines)}", ""]).encode()


def polis(bsn: str, periode: str, loon: int) -> str:
    jaar, maand = periode.split("-")
    volgende = f"{int(jaar) + int(maand) // 12}-{int(maand) % 12 + 1:02d}-01"
    return (
        f"{bsn};2025-01-01;;{periode};maand;{periode}-01;{volgende};123456789L01;"
        f"dienstbetrekking;;{loon};{loon};0;0;0;0;0;0;0;0;100.00"
    )


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    """Two gemeenten connected for the toets and their verordening. One resident lives on
    the gemeente's bijstand all along; the other on a WW benefit of € 1.000, with a wage of
    € 3.000 net in March 2026."""
    api = Api(platform)
    for code in (GEMEENTE, ANDERE):
        api.organisation(code)
        api.bind(code)
        api.connect(code, "individuele-inkomenstoeslag", "toetsen")
        api.connect(code, "individuele-inkomenstoeslag", "beleid")
    records = {
        "brp-personen": (
            f"{IN_BIJSTAND};1980-01-01;;NL;0363;9998AA;1;;;2010-01-01",
            f"{MET_WERK};1982-01-01;;NL;0363;9998AA;2;;;2010-01-01",
            *(f"{bsn};1970-01-01;;NL;0363;9998AA;3;;;2010-01-01" for bsn in DRIE_VOLWASSENEN),
            f"{AANVRAGER_MET_AOW_PARTNER};1980-01-01;;NL;0363;9998AA;4;;;2010-01-01",
            f"{AOW_PARTNER};1955-01-01;;NL;0363;9998AA;4;;;2010-01-01",
        ),
        "brp-relaties": (f"{AANVRAGER_MET_AOW_PARTNER};2005-01-01;;partner;{AOW_PARTNER}",),
        "gemeenten-uitkeringen": (f"{IN_BIJSTAND};2024-01-01;;0363;PW",),
        "uitkeringen": (
            f"{MET_WERK};2024-01-01;;UWV;WW;100000",
            f"{AOW_PARTNER};2022-01-01;;SVB;AOW;110000",
        ),
        "uwv-polis": (polis(MET_WERK, "2026-03", 300000),),
    }
    for bron, lines in records.items():
        api.deliver_source(bron, BRONPEIL, source(bron, *lines))
    for bron, lines in records.items():
        api.wait_until_in_force(bron, lines[0].split(";")[0], AANVRAAG)
    return api


def toets(api: Api, organisatie: str, bsn: str, **extra: Any) -> Any:
    body = {"bsn": bsn, "peildatum": AANVRAAG, **extra}
    return api.call("POST", f"{PATH}/toetsen", api.token(organisatie), body)


def test_without_a_verordening_the_toets_says_so(api: Api) -> None:
    answer = toets(api, ANDERE, IN_BIJSTAND)
    problem = api.expect(answer, 422)
    assert "verordening" in problem["detail"]
    assert api.call("GET", f"{PATH}/beleid", api.token(ANDERE)).status == 404


def test_a_resident_on_bijstand_all_year_meets_the_toets_and_gets_the_amount(api: Api) -> None:
    gezet = api.call("PUT", f"{PATH}/beleid", api.token(GEMEENTE), VERORDENING)
    etag = gezet.headers.get("ETag") if gezet.status == 200 else None
    if etag is None:  # set by an earlier run of this module on the same platform
        etag = api.call("GET", f"{PATH}/beleid", api.token(GEMEENTE)).headers["ETag"]
    again = api.call("PUT", f"{PATH}/beleid", api.token(GEMEENTE), VERORDENING)
    assert again.status == 428  # a change needs the version read
    changed = api.call(
        "PUT", f"{PATH}/beleid", api.token(GEMEENTE), VERORDENING, {"If-Match": etag}
    )
    api.expect(changed, 200)

    uitkomst = api.expect(toets(api, GEMEENTE, IN_BIJSTAND), 200)
    assert (uitkomst["uitkomst"], uitkomst["bedrag"]) == ("VOLDOET", "459.00")
    maanden = uitkomst["maanden"]
    assert [m["maand"] for m in maanden][0::11] == ["2025-07", "2026-06"]
    assert {m["norm"] for m in maanden} == {"1369.06", "1401.50"}
    assert {m["nettoInkomenProcentueel"] for m in maanden} == {"100.00"}
    assert IN_BIJSTAND not in str(uitkomst)
    acties = [
        e for e in audit_of(api, GEMEENTE) if e["actie"] == "individuele inkomenstoeslag toetsen"
    ]
    assert acties
    assert all(e["bsnHash"] for e in acties)


def test_one_month_of_wages_above_the_norm_fails_every_month(api: Api) -> None:
    uitkomst = api.expect(toets(api, GEMEENTE, MET_WERK), 200)
    assert uitkomst["uitkomst"] == "VOLDOET_NIET"
    boven = [m["maand"] for m in uitkomst["maanden"] if m["vergelijking"] == "BOVEN"]
    assert boven == ["2026-03"]
    maart = next(m for m in uitkomst["maanden"] if m["maand"] == "2026-03")
    assert maart["nettoInkomen"] == "4000.00"  # the wage and the WW (not in the polis)


def test_a_partner_with_the_aow_age_gives_the_norm_of_art_22_c(api: Api) -> None:
    uitkomst = api.expect(toets(api, GEMEENTE, AANVRAGER_MET_AOW_PARTNER), 200)
    assert uitkomst["leefsituatie"] == "GEHUWD"
    assert {m["norm"] for m in uitkomst["maanden"]} == {"2094.98", "2144.16"}
    assert {m["nettoInkomen"] for m in uitkomst["maanden"]} == {"1100.00"}


def test_a_verordening_outside_the_model_is_refused_with_each_field(api: Api) -> None:
    body = {**VERORDENING, "percentage": 99, "referteperiodeMaanden": 6}
    answer = api.call("PUT", f"{PATH}/beleid", api.token(ANDERE), body)
    problem = api.expect(answer, 400)
    names = {p["name"] for p in problem["invalidParams"]}
    assert names >= {"body.percentage", "body.referteperiodeMaanden"}


MINIMA = "/api/v1/inkomens-en-vermogenstoets"


def minimatoets(api: Api, organisatie: str, bsn: str) -> Any:
    body = {"bsn": bsn, "peildatum": BRONPEIL}  # the norms of 1 July 2026 are not known
    return api.call("POST", f"{MINIMA}/toetsen", api.token(organisatie), body)


@pytest.fixture(scope="module")
def normen(api: Api) -> None:
    for code in (GEMEENTE, ANDERE):
        api.connect(code, "inkomens-en-vermogenstoets", "toetsen")
        api.connect(code, "inkomens-en-vermogenstoets", "beleid")
        api.connect(code, "aanleveringen", "volgen")
    body = {"toetspercentage": 130, "vermogenstoets": False}
    gezet = api.call("PUT", f"{MINIMA}/beleid", api.token(GEMEENTE), body)
    assert gezet.status in (200, 428)  # 428: set by an earlier run on the same platform


def test_the_minimatoets_without_norms_is_refused(api: Api, normen: None) -> None:
    assert "normen" in api.expect(minimatoets(api, ANDERE, MET_WERK), 422)["detail"]


def test_a_running_bijstand_benefit_is_no_income_obstacle(api: Api, normen: None) -> None:
    uitkomst = api.expect(minimatoets(api, GEMEENTE, IN_BIJSTAND), 200)
    assert (uitkomst["uitkomst"], uitkomst["minimaUitkering"]) == ("VOLDOET", "PW")
    assert (uitkomst["inkomensnorm"], uitkomst["toetsbedrag"]) == ("1401.50", "1821.95")
    assert uitkomst["nettoInkomen"] is None  # not read


def test_an_income_below_the_toetsbedrag_meets_it(api: Api, normen: None) -> None:
    uitkomst = api.expect(minimatoets(api, GEMEENTE, MET_WERK), 200)
    assert uitkomst["uitkomst"] == "VOLDOET"
    assert uitkomst["nettoInkomen"] == "1000.00"  # the WW; the March wage is too old to count
    assert uitkomst["inkomenProcentNorm"] == "71.35"


def test_three_adults_at_one_address_are_not_tested(api: Api, normen: None) -> None:
    uitkomst = api.expect(minimatoets(api, GEMEENTE, DRIE_VOLWASSENEN[0]), 200)
    assert uitkomst["uitkomst"] == "NIET_GETOETST"
    assert [b["soort"] for b in uitkomst["belemmeringen"]] == ["HUISHOUDEN"]
    acties = [
        e
        for e in audit_of(api, GEMEENTE)
        if e["actie"] == "inkomens- en vermogenstoets: huishouden"
    ]
    assert len({e["bsnHash"] for e in acties}) >= 2  # the other two adults, each audited


def test_a_monthly_file_is_reported_per_household_within_the_same_norms(
    api: Api, normen: None, platform: Platform
) -> None:
    regels = [f"{IN_BIJSTAND};{BRONPEIL}", f"{MET_WERK};{BRONPEIL}", f"123456789;{BRONPEIL}"]
    inhoud = "\n".join(["bsn;peildatum", *regels, "#aantal;3", ""]).encode()
    naam = f"minima-{uuid.uuid4().hex[:8]}.csv"
    api.drop(GEMEENTE, inhoud, naam, dienst="inkomens-en-vermogenstoets")
    aanlevering = api.wait_until_finished(GEMEENTE, naam)
    assert (aanlevering["aantalRecords"], aanlevering["aantalAfgekeurd"]) == (3, 1)
    assert "elfproef" in aanlevering["afkeuringen"][0]["reden"]
    service = BlobServiceClient.from_connection_string(platform.settings["BlobStorage"])
    pad = f"inkomens-en-vermogenstoets/{GEMEENTE}/{naam}.uitkomsten.csv"
    tekst = service.get_blob_client("terugmeldingen", pad).download_blob().readall().decode()
    rapport = list(csv.DictReader(io.StringIO(tekst), delimiter=";"))
    assert [(r["bsn"], r["uitkomst"], r["toetsbedrag"]) for r in rapport] == [
        (IN_BIJSTAND, "VOLDOET", "1821.95"),
        (MET_WERK, "VOLDOET", "1821.95"),
    ]
    # another gemeente cannot drop under this one's name: its grant is for its own folder
    other = api.call(
        "POST",
        "/api/v1/aanleveringen/uploads",
        api.token(ANDERE),
        {"dienst": "inkomens-en-vermogenstoets", "bestandsnaam": naam},
    )
    assert f"/{ANDERE}/" in api.expect(other, 201)["uploadUrl"]
