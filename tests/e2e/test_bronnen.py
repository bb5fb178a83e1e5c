"""Source files dropped by a source holder become snapshots that an inzage request can read."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from azure.storage.blob import BlobServiceClient

from local.runtime import Platform
from local.seed import BUREAU
from shared.security.access import INZAGE
from synth.files import write_world
from synth.world import Wereld
from tests.e2e.api import Api, iso
from tests.e2e.http import wait_for

pytestmark = pytest.mark.e2e

PEILDATUM = date(2026, 9, 30)


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    return Api(platform)


@pytest.fixture(scope="module")
def world(platform: Platform, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small world delivered by its source holders through Blob Storage."""
    uit = tmp_path_factory.mktemp("synth")
    write_world(Wereld(21, PEILDATUM).huishoudens(30, 0.5), uit, PEILDATUM, 30)
    service = BlobServiceClient.from_connection_string(platform.settings["BlobStorage"])
    for bron in ("brp-personen", "bd-toeslagen"):
        path = uit / "bronnen" / bron / PEILDATUM.isoformat() / f"{bron}.csv"
        blob = service.get_blob_client("bronnen", f"{bron}/{PEILDATUM.isoformat()}/{bron}.csv")
        blob.upload_blob(path.read_bytes(), overwrite=True)
    return uit


def ask(api: Api, bsn: str) -> dict[str, Any]:
    body = {"bsn": bsn, "peildatum": PEILDATUM.isoformat()}
    token = api.token(BUREAU, (INZAGE,))
    answer: dict[str, Any] = api.expect(
        api.call("POST", "/api/v1/inzage/bronnen", token, body), 200
    )
    return answer


def test_an_operator_sees_what_the_sources_hold_on_one_person(api: Api, world: Path) -> None:
    lines = (
        world / "bronnen/bd-toeslagen" / PEILDATUM.isoformat() / "bd-toeslagen.csv"
    ).read_text()
    bsn = lines.splitlines()[1].split(";")[0]

    def published() -> dict[str, Any] | None:
        # Another test's older brp-personen snapshot may be in force until this one is.
        answer = ask(api, bsn)
        stands = {s["bron"]: s for s in answer["bronnen"]}
        ready = all(
            (stands[bron]["snapshot"] or {}).get("peildatum") == PEILDATUM.isoformat()
            for bron in ("brp-personen", "bd-toeslagen")
        )
        return stands if ready else None

    stands = wait_for(published, what="both snapshots of this world in force")
    assert [r["periode"] for r in stands["bd-toeslagen"]["records"]][-1] == "2026-09"
    assert len(stands["brp-personen"]["records"]) == 1
    assert stands["cjib-voortvluchtigen"]["snapshot"] is None  # never delivered: no snapshot


def test_the_inzage_request_is_audited_with_the_bsn_hashed(api: Api, world: Path) -> None:
    ask(api, "111222333")
    now = datetime.now(UTC)
    van, tot = quote(iso(now - timedelta(hours=1))), quote(iso(now + timedelta(hours=1)))
    path = f"/api/v1/audit?organisatie={BUREAU}&van={van}&tot={tot}&paginaGrootte=1000"
    entries = api.expect(api.call("GET", path, api.operator), 200)["regels"]
    asked = [e for e in entries if e["actie"] == "bronnen opvragen"]
    assert asked
    assert all(e["bsnHash"] for e in asked)
    assert "111222333" not in str(entries)


def test_only_the_inzage_role_may_ask(api: Api) -> None:
    body = {"bsn": "111222333", "peildatum": PEILDATUM.isoformat()}
    for token in (api.operator, api.admin, api.token("GM0363")):
        assert api.call("POST", "/api/v1/inzage/bronnen", token, body).status == 403


def test_an_invalid_bsn_is_400_and_not_looked_up(api: Api) -> None:
    body = {"bsn": "123456789", "peildatum": "gisteren"}
    answer = api.call("POST", "/api/v1/inzage/bronnen", api.token(BUREAU, (INZAGE,)), body)
    assert answer.status == 400
    assert {p["name"] for p in answer.json()["invalidParams"]} == {"body.bsn", "body.peildatum"}
