"""Status: healthy when Cosmos and Blob answer; 503 naming the dependency that does not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from local.runtime import Platform
from shared.bronnen.catalogus import CATALOGUS
from tests.conftest import start_platform
from tests.e2e.api import Api
from tests.e2e.http import get

pytestmark = pytest.mark.e2e


def test_status_is_ok_with_version_and_dependencies(platform: Platform) -> None:
    answer = get(f"{platform.url}/api/v1/status")
    assert answer.status == 200
    body = answer.json()
    assert body["status"] == "ok"
    assert body["afhankelijkheden"] == {"cosmos": "ok", "blob": "ok"}
    assert isinstance(body["gereed"], bool)
    assert body["versie"]
    assert answer.headers["API-Version"] == "1.0.0"


def test_openapi_document_is_served(platform: Platform) -> None:
    answer = get(f"{platform.url}/api/v1/openapi.json")
    assert answer.status == 200
    paths = answer.json()["paths"]
    assert {"/api/v1/status", "/api/v1/aanleveringen", "/api/v1/aanleveringen/{id}"} <= set(paths)


@pytest.fixture
def doomed_platform(tmp_path: Path) -> Iterator[Platform]:
    """A platform of its own: this test kills its Cosmos emulator."""
    running = start_platform(tmp_path)
    yield running
    running.stop()


def test_a_fresh_platform_is_healthy_but_not_ready_and_503_naming_cosmos_once_cosmos_dies(
    doomed_platform: Platform,
) -> None:
    """A real-time answer from sources needs the sources: until each has a snapshot, status
    says so instead of "ready" (a fresh environment, or `make run` still loading). One
    platform for both states: a platform's start costs more than the checks."""
    body = get(f"{doomed_platform.url}/api/v1/status").json()
    assert (body["status"], body["gereed"]) == ("ok", False)
    assert body["bronnenZonderSnapshot"] == [b.code for b in CATALOGUS]

    doomed_platform.cosmos.kill()
    answer = get(f"{doomed_platform.url}/api/v1/status")
    assert answer.status == 503
    body = answer.json()
    assert body["status"] == "storing"
    assert body["afhankelijkheden"]["cosmos"] != "ok"
    assert body["afhankelijkheden"]["blob"] == "ok"
    token = Api(doomed_platform).token("GM0363")
    listing = get(
        f"{doomed_platform.url}/api/v1/aanleveringen", {"Authorization": f"Bearer {token}"}
    )
    assert listing.status == 503
    assert listing.headers["Content-Type"].startswith("application/problem+json")
    assert doomed_platform.host is not None
    assert doomed_platform.host.poll() is None
