"""Rechtmatigheid end to end: a gemeente delivers its recipients and gets its signals."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import pytest
from azure.storage.blob import BlobServiceClient

from local.runtime import Platform
from tests.e2e.api import Api, iso

pytestmark = pytest.mark.e2e

GEMEENTE, ANDERE = "GM0951", "GM0952"
RECIPIENT = "100000009"
PEIL = "2026-05-31"
HEADER = "bsn;regeling;begindatum;einddatum;partner_bsn;iban;postcode;huisnummer"


def recipients_file(*lines: str) -> bytes:
    return "\n".join([HEADER, *lines, f"#aantal;{len(lines)}", ""]).encode()


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    api = Api(platform)
    for code in (GEMEENTE, ANDERE):
        api.organisation(code)
        api.bind(code)
        api.connect(code, "rechtmatigheid", "controleren")
        api.connect(code, "aanleveringen", "volgen")
    detention = f"bsn;begindatum;einddatum;land\n{RECIPIENT};2026-01-10;;BE\n#aantal;1\n".encode()
    api.deliver_source("dji-detenties", PEIL, detention)
    api.wait_until_in_force("dji-detenties", RECIPIENT, PEIL)
    return api


def signals_of(api: Api, gemeente: str) -> list[dict[str, Any]]:
    answer = api.call("GET", "/api/v1/rechtmatigheid/signalen", api.token(gemeente))
    found: list[dict[str, Any]] = api.expect(answer, 200)["signalen"]
    return found


def test_a_delivery_gives_feedback_a_signal_file_and_signals_over_http(
    api: Api, platform: Platform
) -> None:
    name = api.drop(
        GEMEENTE,
        recipients_file(
            f"{RECIPIENT};PW;2025-01-01;;;NL91ABNA0417164300;1012JR;1",
            "111222333;PW;2025-01-01;;;NL44RABO0123456789;1012JR;2",
            "123;PW;2025-01-01;;;NL44RABO0123456789;1012JR;3",
        ),
        dienst="rechtmatigheid",
    )
    delivery = api.wait_until_finished(GEMEENTE, name)
    assert delivery["status"] == "verwerkt"
    assert (delivery["aantalRecords"], delivery["aantalAfgekeurd"]) == (3, 1)
    assert delivery["afkeuringen"][0]["regel"] == 4

    service = BlobServiceClient.from_connection_string(platform.settings["BlobStorage"])
    base = f"rechtmatigheid/{GEMEENTE}/{name}.signalen"
    rows = list(
        csv.DictReader(
            io.StringIO(
                service.get_blob_client("terugmeldingen", f"{base}.csv")
                .download_blob()
                .readall()
                .decode()
            ),
            delimiter=";",
        )
    )
    assert [(r["type"], r["bsn"]) for r in rows] == [("DETENTIE", RECIPIENT)]
    kept = service.get_blob_client("bronsnapshots", f"rechtmatigheid/{GEMEENTE}/populatie.parquet")
    assert kept.exists()  # the valid recipients wait there for the monthly run

    [signaal] = [s for s in signals_of(api, GEMEENTE) if s["type"] == "DETENTIE"]
    assert signaal["bewijs"]["land"] == "BE"
    path = f"/api/v1/rechtmatigheid/signalen/{signaal['id']}"
    uitkomst = {"uitkomst": "terecht"}
    without = api.call("PUT", f"{path}/afhandeling", api.token(GEMEENTE), uitkomst)
    assert without.status == 428
    etag = api.call("GET", path, api.token(GEMEENTE)).headers["ETag"]
    handled = api.call(
        "PUT", f"{path}/afhandeling", api.token(GEMEENTE), uitkomst, {"If-Match": etag}
    )
    assert api.expect(handled, 200)["uitkomst"] == "terecht"
    stale = api.call(
        "PUT", f"{path}/afhandeling", api.token(GEMEENTE), {"uitkomst": "onterecht"},
        {"If-Match": etag},
    )  # fmt: skip
    assert stale.status == 412  # another employee's outcome is not overwritten unseen

    assert signals_of(api, ANDERE) == []
    assert api.call("GET", path, api.token(ANDERE)).status == 404


def test_the_next_months_delivery_does_not_repeat_an_unchanged_signal(api: Api) -> None:
    line = f"{RECIPIENT};PW;2025-01-01;;;NL91ABNA0417164300;1012JR;1"
    first = api.wait_until_finished(
        GEMEENTE, api.drop(GEMEENTE, recipients_file(line), dienst="rechtmatigheid")
    )
    before = {s["id"]: s["geleverdOp"] for s in signals_of(api, GEMEENTE)}
    second = api.wait_until_finished(
        GEMEENTE, api.drop(GEMEENTE, recipients_file(line + " "), dienst="rechtmatigheid")
    )
    assert first["status"] == second["status"] == "verwerkt"
    after = {s["id"]: s["geleverdOp"] for s in signals_of(api, GEMEENTE)}
    assert after == before


@pytest.mark.parametrize(
    ("content", "reden"),
    [
        (b"", "kop moet zijn"),
        (recipients_file(), "leeg bestand: geen ontvangers"),
        (
            recipients_file(
                "111222333;PW;2025-01-01;;;NL91ABNA0417164300;1012JR;1",
                "111222333;PW;2025-01-01;;;NL91ABNA0417164300;1012JR;1",
            ),
            "BSN staat dubbel",
        ),
    ],
)
def test_a_wrong_file_is_rejected_with_its_reason(api: Api, content: bytes, reden: str) -> None:
    delivery = api.wait_until_finished(
        GEMEENTE, api.drop(GEMEENTE, content, dienst="rechtmatigheid")
    )
    assert delivery["status"] == "afgewezen"
    assert reden in delivery["afkeuringen"][0]["reden"]


def test_production_figures_and_delivery_quality_for_operators(api: Api) -> None:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    cijfers = api.expect(
        api.call("GET", f"/api/v1/rechtmatigheid/productiecijfers?jaar={now.year}", api.operator),
        200,
    )
    detentie = next(t for t in cijfers["perType"] if t["type"] == "DETENTIE")
    assert detentie["geleverd"] >= 1
    kwaliteit = api.expect(
        api.call("GET", f"/api/v1/rechtmatigheid/leverkwaliteit?maand={now:%Y-%m}", api.operator),
        200,
    )
    assert kwaliteit["gemeenten"] >= 1
    assert 0 <= kwaliteit["aandeelCorrect"] <= 1


def test_signal_files_are_served_only_to_their_gemeente_and_audited_per_person(
    api: Api,
) -> None:
    line = f"{RECIPIENT};PW;2025-01-01;;;NL91ABNA0417164300;1012JR;1"
    name = api.drop(GEMEENTE, recipients_file(line), dienst="rechtmatigheid")
    assert api.wait_until_finished(GEMEENTE, name)["status"] == "verwerkt"
    listed = api.expect(
        api.call("GET", "/api/v1/rechtmatigheid/signaalbestanden", api.token(GEMEENTE)), 200
    )
    names = [b["naam"] for b in listed["bestanden"]]
    assert {f"{name}.signalen.csv", f"{name}.signalen.json"} <= set(names)

    seen: set[str] = set()  # a signal is delivered once: it is in the first file that had it
    for naam in (n for n in names if n.endswith(".csv")):
        answer = api.call(
            "GET", f"/api/v1/rechtmatigheid/signaalbestanden/{naam}", api.token(GEMEENTE)
        )
        assert answer.status == 200, answer.body
        assert answer.headers["Content-Type"].startswith("text/csv")
        rows = csv.DictReader(io.StringIO(answer.body.decode()), delimiter=";")
        seen |= {r["bsn"] for r in rows}
    assert RECIPIENT in seen

    path = f"/api/v1/rechtmatigheid/signaalbestanden/{name}.signalen.csv"
    other = api.call("GET", path, api.token(ANDERE))
    never = api.call(
        "GET", "/api/v1/rechtmatigheid/signaalbestanden/nooit.csv.signalen.csv", api.token(ANDERE)
    )
    assert other.status == never.status == 404
    assert other.json()["detail"] == never.json()["detail"]
    assert (
        name
        not in api.call(
            "GET", "/api/v1/rechtmatigheid/signaalbestanden", api.token(ANDERE)
        ).body.decode()
    )
    assert (
        api.call(
            "GET",
            "/api/v1/rechtmatigheid/signaalbestanden/..%2Fx.signalen.csv",
            api.token(GEMEENTE),
        ).status
        == 400  # a path part of another form than a file name the API gave
    )

    now = datetime.now(UTC)
    van, tot = quote(iso(now - timedelta(hours=1))), quote(iso(now + timedelta(hours=1)))
    audit = api.expect(
        api.call(
            "GET",
            f"/api/v1/audit?organisatie={GEMEENTE}&van={van}&tot={tot}&paginaGrootte=1000",
            api.operator,
        ),
        200,
    )["regels"]
    per_person = [
        e for e in audit if e["actie"] == "signaalbestand lezen" and e["bsnHash"] is not None
    ]
    assert len(per_person) >= 1
    assert {e["dienst"] for e in per_person} == {"rechtmatigheid"}
