"""The audit log records every personal-data access, grant and refusal, and can be queried."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import pytest

from local.issuer import local_client_id
from local.runtime import Platform
from local.seed import BUREAU
from shared.security.access import AUTORISATIEBEHEER
from tests.e2e.api import Api, iso

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    return Api(platform)


def audit_of(api: Api, organisatie: str) -> list[dict[str, Any]]:
    now = datetime.now(UTC)
    van, tot = quote(iso(now - timedelta(hours=1))), quote(iso(now + timedelta(hours=1)))
    path = f"/api/v1/audit?organisatie={organisatie}&van={van}&tot={tot}&paginaGrootte=1000"
    found: list[dict[str, Any]] = api.expect(api.call("GET", path, api.operator), 200)["regels"]
    return found


def test_reading_a_delivered_file_is_audited_for_its_organisation(api: Api) -> None:
    api.organisation("GM0301")
    api.connect("GM0301", "proefaanlevering", "testen")
    api.bind("GM0301")
    api.connect("GM0301", "aanleveringen", "volgen")
    name = api.drop("GM0301", b"bsn;x\n111222333;1\n")
    delivery = api.wait_until_finished("GM0301", name)
    entries = [e for e in audit_of(api, "GM0301") if e["actie"] == "aanlevering verwerken"]
    assert [(e["resultaat"], e["dienst"], e["doel"]) for e in entries] == [
        ("toegestaan", "proefaanlevering", "testen")
    ]
    assert entries[0]["correlatieId"] == delivery["correlatieId"]


def test_grants_are_audited_with_who_granted_them(api: Api) -> None:
    api.organisation("GM0302")
    api.connect("GM0302", "aanleveringen", "volgen")
    entries = [e for e in audit_of(api, BUREAU) if e.get("namens") == "GM0302"]
    assert [(e["actie"], e["resultaat"]) for e in entries] == [
        ("organisatie vastleggen", "toegestaan"),
        ("aansluiting verlenen", "toegestaan"),
    ]
    assert {e["clientId"] for e in entries} == {local_client_id(BUREAU, [AUTORISATIEBEHEER])}


def test_a_refused_request_is_audited_with_the_reason(api: Api) -> None:
    api.organisation("GM0303")
    api.bind("GM0303")
    assert api.call("GET", "/api/v1/aanleveringen", api.token("GM0303")).status == 403
    [entry] = [e for e in audit_of(api, "GM0303") if e["resultaat"] == "geweigerd"]
    assert entry["actie"] == "GET v1/aanleveringen"
    assert entry["reden"] == "geen actieve aansluiting op aanleveringen voor volgen"


def test_a_request_without_a_valid_token_is_audited_as_unknown(api: Api) -> None:
    marker = "corr-onbekend-12345678"
    api.call("GET", "/api/v1/aanleveringen", "niet.een.token", headers={"X-Correlation-ID": marker})
    entries = [e for e in audit_of(api, "onbekend") if e.get("correlatieId") == marker]
    assert [e["resultaat"] for e in entries] == ["geweigerd"]
    assert entries[0]["reden"].startswith("token:")


def test_the_audit_log_shows_no_bsn(api: Api) -> None:
    api.organisation("GM0304")
    api.connect("GM0304", "proefaanlevering", "testen")
    api.bind("GM0304")
    api.connect("GM0304", "aanleveringen", "volgen")
    api.wait_until_finished("GM0304", api.drop("GM0304", b"bsn\n123456782\n"))
    assert "123456782" not in str(audit_of(api, "GM0304"))
