"""Storingen: operators post an outage, anyone reads it, subscribers are told at once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from local.runtime import Platform
from local.seed import BUREAU
from shared.security.access import BEHEER
from shared.storingen.meldingen import MAX_ABONNEMENTEN
from tests.e2e.api import Api, iso
from tests.webhooks import Ontvanger, OntvangerCa, uiteindelijk

pytestmark = pytest.mark.e2e

ONTVANGER, ANDER, VEEL = "GM0971", "GM0972", "GM0973"
"""Deliveries run in the background: a test waits for what it expects (`uiteindelijk`)."""


@pytest.fixture(scope="module")
def tls(platform: Platform) -> OntvangerCa:
    """Receivers at https://localhost:…, whose CA the host trusts (the platform's local CA)."""
    assert platform.tls is not None
    return platform.tls


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    api = Api(platform)
    for code in (ONTVANGER, ANDER, VEEL):
        api.organisation(code)
        api.bind(code)
        api.connect(code, "storingen", "volgen")
    return api


@pytest.fixture
def ontvanger(tls: OntvangerCa) -> Iterator[Ontvanger]:
    running = Ontvanger(tls)
    yield running
    running.stop()


Abonneer = Callable[[str, str], dict[str, Any]]


@pytest.fixture
def abonneer(api: Api) -> Iterator[Abonneer]:
    """Subscribe an organisation; every subscription made is ended after the test, so later
    notices are not sent to receivers that have stopped."""
    gemaakt: list[tuple[str, str]] = []

    def abonneer(organisatie: str, url: str) -> dict[str, Any]:
        answer = api.call(
            "POST", "/api/v1/storingen/abonnementen", api.token(organisatie), {"url": url}
        )
        abonnement: dict[str, Any] = api.expect(answer, 201)
        gemaakt.append((organisatie, abonnement["id"]))
        return abonnement

    yield abonneer
    for organisatie, abonnement_id in gemaakt:
        api.call(
            "DELETE", f"/api/v1/storingen/abonnementen/{abonnement_id}", api.token(organisatie)
        )


def laatste_bezorging(api: Api, organisatie: str, abonnement_id: str) -> dict[str, Any] | None:
    mine = api.expect(
        api.call("GET", "/api/v1/storingen/abonnementen", api.token(organisatie)), 200
    )
    [own] = [a for a in mine["abonnementen"] if a["id"] == abonnement_id]
    bezorging: dict[str, Any] | None = own.get("laatsteBezorging")
    return bezorging


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
    api: Api, ontvanger: Ontvanger, abonneer: Abonneer
) -> None:
    operator = api.token(BUREAU, (BEHEER,))
    abonnement = abonneer(ONTVANGER, ontvanger.url)
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

    uiteindelijk(
        lambda: {storing["id"], gepland["id"]} <= {r["storing"]["id"] for r in ontvanger.ontvangen},
        wat="beide berichten bezorgd",
    )
    assert set(ontvanger.hosts) == {f"localhost:{ontvanger.port}"}
    bezorging = uiteindelijk(
        lambda: (b := laatste_bezorging(api, ONTVANGER, abonnement["id"])) and b["gelukt"] and b,
        wat="de bezorging vastgelegd",
    )
    assert bezorging["toelichting"] == "HTTP 200"
    others = api.expect(api.call("GET", "/api/v1/storingen/abonnementen", api.token(ANDER)), 200)
    assert abonnement["id"] not in {a["id"] for a in others["abonnementen"]}


def test_ending_an_outage_needs_the_current_version_and_tells_subscribers_again(
    api: Api, ontvanger: Ontvanger, abonneer: Abonneer
) -> None:
    operator = api.token(BUREAU, (BEHEER,))
    abonneer(ANDER, ontvanger.url)
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

    def versies() -> list[dict[str, Any]]:
        return [r["storing"] for r in ontvanger.ontvangen if r["storing"]["id"] == storing["id"]]

    uiteindelijk(lambda: len(versies()) == 2, wat="beide versies bezorgd")
    # versions may arrive in either order: the latest gewijzigdOp is the current one
    latest = max(versies(), key=lambda v: str(v["gewijzigdOp"]))
    assert latest["einde"] is not None
    assert sorted(v["einde"] is not None for v in versies()) == [False, True]


def test_a_subscriber_that_fails_is_recorded_as_not_reached(
    api: Api, tls: OntvangerCa, abonneer: Abonneer
) -> None:
    failing = Ontvanger(tls, status=500)
    try:
        abonnement = abonneer(ONTVANGER, failing.url)
        operator = api.token(BUREAU, (BEHEER,))
        api.expect(
            api.call("POST", "/api/v1/storingen", operator, melding("Test", datetime.now(UTC))), 201
        )
        bezorging = uiteindelijk(
            lambda: laatste_bezorging(api, ONTVANGER, abonnement["id"]), wat="vastgelegd"
        )
        assert (bezorging["gelukt"], bezorging["toelichting"]) == (False, "HTTP 500")
        assert len(failing.ontvangen) == 3  # first attempt and two retries
        ended = api.call(
            "DELETE", f"/api/v1/storingen/abonnementen/{abonnement['id']}", api.token(ONTVANGER)
        )
        assert api.expect(ended, 200)["id"] == abonnement["id"]
    finally:
        failing.stop()


def test_a_subscription_needs_https(api: Api) -> None:
    answer = api.call(
        "POST",
        "/api/v1/storingen/abonnementen",
        api.token(ONTVANGER),
        {"url": "http://ontvanger.example/x"},
    )
    assert answer.status == 400
    assert answer.json()["invalidParams"][0]["name"] == "body.url"


@pytest.mark.parametrize(
    ("url", "reden"),
    [
        ("https://127.0.0.1/storingen", "127.0.0.1 is een loopback-adres"),
        ("https://10.0.0.1/", "10.0.0.1 is een privé-adres"),
        ("https://[::1]/", "geen IPv6-adres"),
        ("https://169.254.169.254/latest/meta-data/", "metadata-adres van de cloud"),
        ("https://[::ffff:169.254.169.254]/", "geen IPv6-adres"),
        ("https://100.64.0.1/", "geen publiek adres"),
        ("https://metadata.google.internal/", "metadatadienst"),
        ("https://gebruiker:geheim@ontvanger.example/", "gebruikersnaam of wachtwoord"),
    ],
)
def test_a_subscription_to_an_address_inside_the_platform_is_refused(
    api: Api, url: str, reden: str
) -> None:
    answer = api.call("POST", "/api/v1/storingen/abonnementen", api.token(ONTVANGER), {"url": url})
    # its form is refused as bad input; where it points, as well formed but not called
    assert answer.status == (400 if "@" in url or "[" in url else 422), answer.body
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    [param] = answer.json()["invalidParams"]
    assert param["name"] == "body.url"
    assert reden in param["reason"]


def test_a_redirect_is_not_followed(api: Api, tls: OntvangerCa, abonneer: Abonneer) -> None:
    elders = Ontvanger(tls)
    verwijzer = Ontvanger(tls, status=307, location=elders.url)
    try:
        abonnement = abonneer(ONTVANGER, verwijzer.url)
        operator = api.token(BUREAU, (BEHEER,))
        api.expect(
            api.call(
                "POST", "/api/v1/storingen", operator, melding("Omleiding", datetime.now(UTC))
            ),
            201,
        )
        bezorging = uiteindelijk(
            lambda: laatste_bezorging(api, ONTVANGER, abonnement["id"]), wat="vastgelegd"
        )
        assert bezorging["gelukt"] is False
        assert bezorging["toelichting"].startswith("HTTP 307: doorverwijzing")
        assert len(verwijzer.ontvangen) == 1  # a redirect is not worth a retry either
        assert elders.ontvangen == []
    finally:
        verwijzer.stop()
        elders.stop()


def test_a_subscriber_that_hangs_delays_neither_the_operator_nor_other_subscribers(
    api: Api, tls: OntvangerCa, abonneer: Abonneer
) -> None:
    """The hanging subscriber answers only once the test releases it, after the operator's
    POST has returned and another subscriber has been told."""
    vrij = threading.Event()
    hangt = Ontvanger(tls, vrij=vrij)
    vlot = Ontvanger(tls)
    try:
        traag = abonneer(ONTVANGER, hangt.url)
        abonneer(ANDER, vlot.url)
        operator = api.token(BUREAU, (BEHEER,))
        posted = api.call(
            "POST", "/api/v1/storingen", operator, melding("Traag", datetime.now(UTC))
        )
        storing = api.expect(posted, 201)
        # the POST came back while the hanging subscriber has not answered anything, and
        # before any retry to it: the request did not wait for it
        assert hangt.beantwoord == 0
        assert len(hangt.ontvangen) <= 1
        uiteindelijk(
            lambda: storing["id"] in {r["storing"]["id"] for r in vlot.ontvangen},
            wat="de andere abonnee bediend",
        )
        assert hangt.beantwoord == 0
    finally:
        vrij.set()
    try:
        bezorging = uiteindelijk(
            lambda: (b := laatste_bezorging(api, ONTVANGER, traag["id"])) and b["gelukt"] and b,
            wat="de trage abonnee uiteindelijk bediend",
        )
        assert bezorging["storing"] == storing["id"]
    finally:
        hangt.stop()
        vlot.stop()


def test_an_organisation_has_at_most_the_limit_of_subscriptions(
    api: Api, abonneer: Abonneer
) -> None:
    nergens = "https://localhost:9/storingen"  # nothing listens: deliveries fail at once
    for _ in range(MAX_ABONNEMENTEN):
        abonneer(VEEL, nergens)
    answer = api.call("POST", "/api/v1/storingen/abonnementen", api.token(VEEL), {"url": nergens})
    assert answer.status == 409, answer.body
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    assert f"ten hoogste {MAX_ABONNEMENTEN} abonnementen" in answer.json()["detail"]
    others = api.call("POST", "/api/v1/storingen/abonnementen", api.token(ANDER), {"url": nergens})
    ander = api.expect(others, 201)
    api.call("DELETE", f"/api/v1/storingen/abonnementen/{ander['id']}", api.token(ANDER))
