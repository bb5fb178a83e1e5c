"""The file channel's valet key end to end: grant, SAS upload, intake, feedback, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from azure.core.exceptions import HttpResponseError
from azure.storage.blob import BlobClient, ContainerClient

from local.issuer import local_client_id
from local.runtime import Platform
from local.seed import GEMEENTE
from shared.security.access import SYSTEEM
from tests.e2e.api import Api
from tests.e2e.http import wait_for

pytestmark = pytest.mark.e2e

ANDER, ALLEEN_PROEF = "GM0014", "GM0034"
"""Another gemeente, and one connected to proefaanlevering only (not to kwijtschelding)."""
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    api = Api(platform)
    for code in (ANDER, ALLEEN_PROEF):
        api.organisation(code)
        api.bind(code)
        api.connect(code, "aanleveringen", "volgen")
        api.connect(code, "proefaanlevering", "testen")
    return api


def grant_request(api: Api, token: str, body: dict[str, Any], query: str = "") -> Any:
    return api.call("POST", f"/api/v1/aanleveringen/uploads{query}", token, body)


def follow(api: Api, organisatie: str, grant: dict[str, Any]) -> dict[str, Any]:
    """The client's way: the grant names its delivery once the file is in; then until done."""
    token = api.token(organisatie)

    def delivery_id() -> str | None:
        found: str | None = api.expect(api.call("GET", grant["volgen"], token), 200)["aanlevering"]
        return found

    identifier = wait_for(delivery_id, what="the grant naming its delivery")

    def finished() -> dict[str, Any] | None:
        answer = api.call("GET", f"/api/v1/aanleveringen/{identifier}", token)
        delivery: dict[str, Any] = api.expect(answer, 200)
        return delivery if delivery["status"] in ("verwerkt", "afgewezen") else None

    found: dict[str, Any] = wait_for(finished, what="the delivery finished")
    return found


def test_a_granted_upload_is_processed_followed_and_its_feedback_read(api: Api) -> None:
    name = f"{uuid.uuid4().hex}.csv"
    answer = grant_request(
        api, api.token(GEMEENTE), {"dienst": "proefaanlevering", "bestandsnaam": name}
    )
    grant = api.expect(answer, 201)
    upload = grant["upload"]
    assert upload["blobpad"] == f"aanleveringen/proefaanlevering/{GEMEENTE}/{name}"
    assert grant["sasSoort"] == "service"  # locally: Azurite hands out no delegation key
    assert "sp=cw&" in grant["uploadUrl"]  # create and write, nothing else
    BlobClient.from_blob_url(grant["uploadUrl"]).upload_blob(b"bsn;regeling\n111222333;PW\n")

    delivery = follow(api, GEMEENTE, grant)
    assert delivery["status"] == "verwerkt"
    assert delivery["upload"]["upload"] == upload["id"]
    assert delivery["upload"]["clientId"] == local_client_id(GEMEENTE, [SYSTEEM])
    answer = api.call(
        "GET", f"/api/v1/aanleveringen/{delivery['id']}/terugmelding", api.token(GEMEENTE)
    )
    report = api.expect(answer, 200)
    assert (report["id"], report["status"], report["aantalRecords"]) == (
        delivery["id"],
        "verwerkt",
        1,
    )


def test_a_blob_dropped_without_a_grant_is_refused_with_its_reason(api: Api) -> None:
    name = api.drop_without_grant(GEMEENTE, b"bsn;regeling\n111222333;PW\n")
    delivery = api.wait_until_finished(GEMEENTE, name)
    assert delivery["status"] == "afgewezen"
    assert delivery["aantalRecords"] is None  # nothing processed
    assert delivery["upload"] is None
    assert delivery["afkeuringen"] == [
        {
            "regel": None,
            "reden": "geen uploadmachtiging voor dit bestand: vraag er een aan met "
            "POST /api/v1/aanleveringen/uploads",
        }
    ]


def test_no_grant_for_another_gemeentes_folder(api: Api) -> None:
    body = {"dienst": "proefaanlevering", "bestandsnaam": "a.csv"}
    answer = grant_request(api, api.token(ANDER), body, f"?organisatie={GEMEENTE}")
    assert answer.status == 403, answer.body


def test_no_grant_for_a_service_the_organisation_is_not_connected_to(api: Api) -> None:
    body = {"dienst": "kwijtschelding", "bestandsnaam": "aanvragen-2026-12.csv"}
    answer = grant_request(api, api.token(ALLEEN_PROEF), body)
    assert answer.status == 403, answer.body
    proef = grant_request(api, api.token(ALLEEN_PROEF), {**body, "dienst": "proefaanlevering"})
    assert proef.status == 201, proef.body


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("bestandsnaam", "../GM0014/a.csv"),
        ("bestandsnaam", "map/a.csv"),
        ("bestandsnaam", "map\\a.csv"),
        ("bestandsnaam", ".."),
        ("bestandsnaam", "a..csv"),
        ("bestandsnaam", ".verborgen"),
        ("bestandsnaam", "a b.csv"),
        ("bestandsnaam", "aanvragen-é.csv"),
        ("bestandsnaam", "a.csv\n"),
        ("bestandsnaam", ""),
        ("bestandsnaam", "a" * 101),
        ("dienst", "bronnen"),
        ("dienst", "aanleveringen"),
    ],
)
def test_a_bad_name_or_service_is_400_naming_the_field(api: Api, field: str, value: str) -> None:
    body = {"dienst": "proefaanlevering", "bestandsnaam": "a.csv", field: value}
    answer = grant_request(api, api.token(GEMEENTE), body)
    assert answer.status == 400, answer.body
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    assert [p["name"] for p in answer.json()["invalidParams"]] == [f"body.{field}"]


def _other_blob(url: str, name: str) -> str:
    parts = urlsplit(url)
    path = parts.path.rsplit("/", 1)[0] + f"/{name}"
    return urlunsplit(parts._replace(path=path))


def test_the_sas_writes_its_one_blob_only_and_cannot_read_or_list(api: Api) -> None:
    name = f"{uuid.uuid4().hex}.csv"
    grant = api.expect(
        grant_request(
            api, api.token(GEMEENTE), {"dienst": "proefaanlevering", "bestandsnaam": name}
        ),
        201,
    )
    url = grant["uploadUrl"]
    refused: dict[str, str | None] = {}
    attempts = {
        "another name": lambda: BlobClient.from_blob_url(_other_blob(url, "ander.csv")).upload_blob(
            b"a;b\n1;2\n", overwrite=True
        ),
        "another gemeente": lambda: BlobClient.from_blob_url(
            url.replace(f"/{GEMEENTE}/", f"/{ANDER}/")
        ).upload_blob(b"a;b\n1;2\n", overwrite=True),
        "read": lambda: BlobClient.from_blob_url(url).download_blob().readall(),
        "list": lambda: list(
            ContainerClient.from_container_url(
                urlunsplit(urlsplit(url)._replace(path=urlsplit(url).path.rsplit("/", 3)[0]))
            ).list_blobs()
        ),
    }
    BlobClient.from_blob_url(url).upload_blob(b"a;b\n1;2\n")  # its own blob: allowed
    for what, attempt in attempts.items():
        with pytest.raises(HttpResponseError) as error:
            attempt()
        assert error.value.status_code == 403, what
        code = getattr(error.value, "error_code", None)
        refused[what] = str(getattr(code, "value", code))
    assert refused["read"] == "AuthorizationPermissionMismatch"
    assert {refused["another name"], refused["another gemeente"], refused["list"]} <= {
        "AuthenticationFailed",  # Azure: the signature covers the blob's path
        "AuthorizationFailure",  # Azurite
        "AuthorizationPermissionMismatch",
        "AuthorizationResourceTypeMismatch",
    }


def test_a_second_system_gets_no_grant_for_a_blob_another_is_uploading(api: Api) -> None:
    tweede = (SYSTEEM, "tweede-systeem")
    api.bind(GEMEENTE, tweede)
    name = f"{uuid.uuid4().hex}.csv"
    body = {"dienst": "proefaanlevering", "bestandsnaam": name}
    assert grant_request(api, api.token(GEMEENTE), body).status == 201
    assert grant_request(api, api.token(GEMEENTE), body).status == 201  # the same system again
    other = grant_request(api, api.token(GEMEENTE, tweede), body)
    assert other.status == 409, other.body


def test_the_feedback_of_another_organisations_delivery_is_404(api: Api) -> None:
    name = api.drop(GEMEENTE, b"a;b\n1;2\n")
    delivery = api.wait_until_finished(GEMEENTE, name)
    path = f"/api/v1/aanleveringen/{delivery['id']}/terugmelding"
    assert api.call("GET", path, api.token(GEMEENTE)).status == 200
    other = api.call("GET", path, api.token(ANDER))
    never = api.call("GET", f"/api/v1/aanleveringen/{'0' * 64}/terugmelding", api.token(ANDER))
    assert other.status == never.status == 404
    assert other.json()["detail"] == never.json()["detail"]
    grant = api.call(
        "GET", f"/api/v1/aanleveringen/uploads/{delivery['upload']['upload']}", api.token(ANDER)
    )
    assert grant.status == 404


def klant(platform: Platform, *arguments: str, token: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "klant", *arguments, "--api", platform.url, "--token", token],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_cli_uploads_follows_and_downloads_the_feedback(
    api: Api, platform: Platform, tmp_path: Path
) -> None:
    bestand = tmp_path / "proef-2026-12.csv"
    pairs = 150_000  # 4.5 MB: more than one 4 MiB block, so the bar moves per block
    bestand.write_bytes(b"bsn;regeling\n" + b"111222333;PW\n999999990;IOAW;x\n" * pairs)
    started = time.monotonic()
    done = klant(
        platform,
        "upload",
        "--dienst",
        "proefaanlevering",
        "--bestand",
        str(bestand),
        "--naam",
        f"{uuid.uuid4().hex}.csv",
        "--uit",
        str(tmp_path),
        token=api.token(GEMEENTE),
    )
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert "uploaden [" in done.stderr
    assert "100%" in done.stderr
    assert done.stderr.count("uploaden [") >= 2
    assert "status: verwerkt" in done.stderr
    [report_path] = tmp_path.glob("*.terugmelding.json")
    report = json.loads(report_path.read_text())
    assert (report["status"], report["aantalRecords"], report["aantalAfgekeurd"]) == (
        "verwerkt",
        2 * pairs,
        pairs,
    )
    print(f"CLI upload of {bestand.stat().st_size / 1e6:.1f} MB to feedback: {seconds:.1f} s")

    again = klant(
        platform,
        "terugmelding",
        report["id"],
        "--uit",
        str(tmp_path / "x"),
        token=api.token(GEMEENTE),
    )
    assert again.returncode == 1  # the folder does not exist: a clear error, no traceback
    assert "Traceback" not in again.stderr
    (tmp_path / "x").mkdir()
    again = klant(
        platform,
        "terugmelding",
        report["id"],
        "--uit",
        str(tmp_path / "x"),
        token=api.token(GEMEENTE),
    )
    assert again.returncode == 0, again.stderr
    assert json.loads(Path(again.stdout.strip()).read_text())["id"] == report["id"]


def test_the_cli_exits_non_zero_for_a_refused_delivery(
    api: Api, platform: Platform, tmp_path: Path
) -> None:
    bestand = tmp_path / "leeg.csv"
    bestand.write_bytes(b"")
    done = klant(
        platform,
        "upload",
        "--dienst",
        "proefaanlevering",
        "--bestand",
        str(bestand),
        "--naam",
        f"{uuid.uuid4().hex}.csv",
        "--uit",
        str(tmp_path),
        token=api.token(GEMEENTE),
    )
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "afgewezen" in done.stdout
    assert "leeg bestand" in done.stdout


def test_an_organisation_holds_at_most_the_limit_of_valid_grants(api: Api) -> None:
    from shared.intake.uploads import MAX_ACTIEF

    code = "GM0044"
    api.organisation(code)
    api.bind(code)
    api.connect(code, "aanleveringen", "volgen")
    api.connect(code, "proefaanlevering", "testen")
    token = api.token(code)
    for nummer in range(MAX_ACTIEF):
        body = {"dienst": "proefaanlevering", "bestandsnaam": f"bestand-{nummer}.csv"}
        assert grant_request(api, token, body).status == 201
    body = {"dienst": "proefaanlevering", "bestandsnaam": "een-te-veel.csv"}
    refused = grant_request(api, token, body)
    assert refused.status == 409
    assert f"al {MAX_ACTIEF} geldige uploadmachtigingen" in refused.json()["detail"]
