"""A file dropped in Blob Storage is followed through the HTTP API (track & trace)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from azure.storage.blob import BlobServiceClient

from local.runtime import Platform
from tests.e2e.http import get, send, wait_for

pytestmark = pytest.mark.e2e


@pytest.fixture
def organisatie() -> str:
    return f"GM{uuid.uuid4().hex[:8]}"


def drop(platform: Platform, organisatie: str, name: str, content: bytes) -> None:
    service = BlobServiceClient.from_connection_string(platform.settings["BlobStorage"])
    blob = service.get_blob_client("aanleveringen", f"proefaanlevering/{organisatie}/{name}")
    blob.upload_blob(content, overwrite=True)


def deliveries(platform: Platform, organisatie: str) -> list[dict[str, Any]]:
    answer = get(f"{platform.url}/api/v1/aanleveringen?organisatie={organisatie}")
    assert answer.status == 200, answer.body
    found: list[dict[str, Any]] = answer.json()["aanleveringen"]
    return found


def finished(platform: Platform, organisatie: str) -> list[dict[str, Any]]:
    found = deliveries(platform, organisatie)
    done = [d for d in found if d["status"] in ("verwerkt", "afgewezen")]
    return done if done and len(done) == len(found) else []


def test_a_dropped_file_reaches_verwerkt_through_the_api(
    platform: Platform, organisatie: str
) -> None:
    drop(platform, organisatie, "maart.csv", b"bsn;regeling\n111222333;PW\n999999990;IOAW;x\n")
    [delivery] = wait_for(lambda: finished(platform, organisatie), what="delivery verwerkt")
    assert delivery["status"] == "verwerkt"
    assert delivery["aantalRecords"] == 2
    assert delivery["aantalAfgekeurd"] == 1
    assert delivery["afkeuringen"] == [{"regel": 3, "reden": "3 velden, de kop heeft er 2"}]
    one = get(f"{platform.url}/api/v1/aanleveringen/{delivery['id']}?organisatie={organisatie}")
    assert one.status == 200
    assert one.json() == delivery


def test_the_same_file_dropped_twice_is_one_delivery(platform: Platform, organisatie: str) -> None:
    content = b"a;b\n1;2\n"
    drop(platform, organisatie, "dubbel.csv", content)
    [delivery] = wait_for(lambda: finished(platform, organisatie), what="first delivery")
    drop(platform, organisatie, "dubbel.csv", content)  # a new ETag: Event Grid delivers again
    host_log = platform.workspace / "host.log"
    wait_for(
        lambda: f"aanlevering {delivery['id']} is al verwerkt" in host_log.read_text(),
        what="the second event seen and ignored",
    )
    [again] = deliveries(platform, organisatie)
    assert again["id"] == delivery["id"]
    assert again["pogingen"] == 1


def test_an_unreadable_file_is_afgewezen_and_in_quarantaine(
    platform: Platform, organisatie: str
) -> None:
    drop(platform, organisatie, "latin1.csv", "naam\nJoëlle\n".encode("latin-1"))
    [delivery] = wait_for(lambda: finished(platform, organisatie), what="delivery afgewezen")
    assert delivery["status"] == "afgewezen"
    assert delivery["afkeuringen"] == [{"regel": None, "reden": "geen geldige UTF-8 bij byte 7"}]
    assert (
        delivery["quarantaine"]
        == f"quarantaine/aanleveringen/proefaanlevering/{organisatie}/latin1.csv"
    )


def test_an_unknown_delivery_is_404_problem_json(platform: Platform, organisatie: str) -> None:
    answer = get(f"{platform.url}/api/v1/aanleveringen/{'0' * 64}?organisatie={organisatie}")
    assert answer.status == 404
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    assert answer.json()["status"] == 404


def test_listing_without_an_organisation_is_400_naming_it(platform: Platform) -> None:
    answer = get(f"{platform.url}/api/v1/aanleveringen")
    assert answer.status == 400
    assert [p["name"] for p in answer.json()["invalidParams"]] == ["query.organisatie"]


def test_an_unknown_route_is_404_and_a_wrong_method_405(platform: Platform) -> None:
    assert get(f"{platform.url}/api/v1/bestaat-niet").status == 404
    wrong_method = send("DELETE", f"{platform.url}/api/v1/aanleveringen?organisatie=GM0363")
    assert wrong_method.status == 405
    assert wrong_method.headers["Allow"] == "GET"
