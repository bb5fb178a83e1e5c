"""Storingen: operators post an outage, anyone reads it, subscribers are told at once."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from local.runtime import Platform
from local.seed import BUREAU
from shared.security.access import BEHEER
from tests.e2e.api import Api, iso

pytestmark = pytest.mark.e2e

ONTVANGER, ANDER = "GM0971", "GM0972"


class Receiver:
    """An organisation's loopback endpoint that records what it is sent."""

    def __init__(self, status: int) -> None:
        received: list[dict[str, Any]] = []
        self.received = received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                received.append(json.loads(self.rfile.read(length)))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/storingen"


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    api = Api(platform)
    for code in (ONTVANGER, ANDER):
        api.organisation(code)
        api.bind(code)
        api.connect(code, "storingen", "volgen")
    return api


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver(200)
    yield running
    running.server.shutdown()


def melding(titel: str, begin: datetime, einde: datetime | None = None) -> dict[str, Any]:
    return {
        "soort": "storing" if begin <= datetime.now(UTC) else "onderhoud",
        "titel": titel,
        "omschrijving": "Aanleveringen worden later verwerkt.",
        "diensten": ["rechtmatigheid"],
        "begin": iso(begin),
        **({"einde": iso(einde)} if einde else {}),
    }


def test_an_outage_is_read_by_anyone_and_pushed_to_subscribers(
    api: Api, receiver: Receiver
) -> None:
    operator = api.token(BUREAU, (BEHEER,))
    subscribed = api.call(
        "POST", "/api/v1/storingen/abonnementen", api.token(ONTVANGER), {"url": receiver.url}
    )
    abonnement = api.expect(subscribed, 201)
    now = datetime.now(UTC)
    posted = api.call(
        "POST",
        "/api/v1/storingen",
        operator,
        melding("Intake vertraagd", now - timedelta(minutes=5)),
    )
    storing = api.expect(posted, 201)
    planned = melding(
        "Onderhoud Cosmos DB", now + timedelta(days=2), now + timedelta(days=2, hours=2)
    )
    gepland = api.expect(api.call("POST", "/api/v1/storingen", operator, planned), 201)

    overzicht = api.expect(api.call("GET", "/api/v1/storingen", None), 200)
    assert storing["id"] in {s["id"] for s in overzicht["actueel"]}
    assert gepland["id"] in {s["id"] for s in overzicht["gepland"]}
    assert gepland["id"] not in {s["id"] for s in overzicht["actueel"]}

    told = {r["storing"]["id"] for r in receiver.received}
    assert {storing["id"], gepland["id"]} <= told
    mine = api.expect(api.call("GET", "/api/v1/storingen/abonnementen", api.token(ONTVANGER)), 200)
    [own] = [a for a in mine["abonnementen"] if a["id"] == abonnement["id"]]
    assert own["laatsteBezorging"]["gelukt"] is True
    others = api.expect(api.call("GET", "/api/v1/storingen/abonnementen", api.token(ANDER)), 200)
    assert abonnement["id"] not in {a["id"] for a in others["abonnementen"]}


def test_ending_an_outage_needs_the_current_version_and_tells_subscribers_again(
    api: Api, receiver: Receiver
) -> None:
    operator = api.token(BUREAU, (BEHEER,))
    api.call("POST", "/api/v1/storingen/abonnementen", api.token(ANDER), {"url": receiver.url})
    begin = datetime.now(UTC) - timedelta(minutes=10)
    posted = api.call("POST", "/api/v1/storingen", operator, melding("Bronnen niet bij", begin))
    storing = api.expect(posted, 201)
    ended = melding("Bronnen niet bij", begin, datetime.now(UTC) - timedelta(minutes=1))
    path = f"/api/v1/storingen/{storing['id']}"
    assert api.call("PUT", path, operator, ended).status == 428
    assert api.call("PUT", path, operator, ended, {"If-Match": '"oud"'}).status == 412
    updated = api.call("PUT", path, operator, ended, {"If-Match": posted.headers["ETag"]})
    assert api.expect(updated, 200)["einde"] is not None
    overzicht = api.expect(api.call("GET", "/api/v1/storingen", None), 200)
    assert storing["id"] not in {s["id"] for s in overzicht["actueel"]}
    versions = [r["storing"] for r in receiver.received if r["storing"]["id"] == storing["id"]]
    assert [v["einde"] is not None for v in versions] == [False, True]


def test_a_subscriber_that_fails_is_recorded_as_not_reached(api: Api) -> None:
    failing = Receiver(500)
    try:
        subscribed = api.call(
            "POST", "/api/v1/storingen/abonnementen", api.token(ONTVANGER), {"url": failing.url}
        )
        abonnement = api.expect(subscribed, 201)
        operator = api.token(BUREAU, (BEHEER,))
        api.expect(
            api.call("POST", "/api/v1/storingen", operator, melding("Test", datetime.now(UTC))), 201
        )
        assert len(failing.received) == 3  # first attempt and two retries
        mine = api.expect(
            api.call("GET", "/api/v1/storingen/abonnementen", api.token(ONTVANGER)), 200
        )
        [own] = [a for a in mine["abonnementen"] if a["id"] == abonnement["id"]]
        assert (own["laatsteBezorging"]["gelukt"], own["laatsteBezorging"]["toelichting"]) == (
            False,
            "HTTP 500",
        )
        ended = api.call(
            "DELETE", f"/api/v1/storingen/abonnementen/{abonnement['id']}", api.token(ONTVANGER)
        )
        assert api.expect(ended, 200)["id"] == abonnement["id"]
    finally:
        failing.server.shutdown()


def test_a_subscription_needs_https(api: Api) -> None:
    answer = api.call(
        "POST",
        "/api/v1/storingen/abonnementen",
        api.token(ONTVANGER),
        {"url": "http://ontvanger.example/x"},
    )
    assert answer.status == 400
    assert answer.json()["invalidParams"][0]["name"] == "body.url"
