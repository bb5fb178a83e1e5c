"""The operator API: only autorisatiebeheer grants, not to itself, on the version last read."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from local.runtime import Platform
from local.seed import BUREAU
from tests.conftest import BEWAARTIJD
from tests.e2e.api import Api, iso

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    return Api(platform)


def grant_body(dienst: str = "aanleveringen", doel: str = "volgen") -> dict[str, str]:
    return {
        "dienst": dienst,
        "doel": doel,
        "grondslag": "art. 1 test",
        "geldigVan": iso(datetime.now(UTC)),
    }


def test_an_operator_with_only_beheer_cannot_grant(api: Api) -> None:
    api.organisation("GM0201")
    answer = api.call(
        "POST", "/api/v1/organisaties/GM0201/aansluitingen", api.operator, grant_body()
    )
    assert answer.status == 403
    listed = api.call("GET", "/api/v1/organisaties/GM0201/aansluitingen", api.operator)
    assert api.expect(listed, 200)["aansluitingen"] == []


def test_nobody_grants_a_connection_to_their_own_organisation(api: Api) -> None:
    answer = api.call(
        "POST", f"/api/v1/organisaties/{BUREAU}/aansluitingen", api.admin, grant_body()
    )
    assert answer.status == 403
    assert "zelf" in answer.json()["detail"]


def test_nobody_binds_their_own_client(api: Api) -> None:
    from local.issuer import local_client_id

    own_client = local_client_id(BUREAU, ["autorisatiebeheer"])
    body = {"organisatie": "GM0363", "omschrijving": "x", "geldigVan": iso(datetime.now(UTC))}
    answer = api.call("PUT", f"/api/v1/koppelingen/{own_client}", api.admin, body)
    assert answer.status == 403


def test_a_grant_for_a_purpose_the_service_does_not_have_is_400(api: Api) -> None:
    api.organisation("GM0202")
    body = grant_body(doel="alles")
    answer = api.call("POST", "/api/v1/organisaties/GM0202/aansluitingen", api.admin, body)
    assert answer.status == 400
    assert "kent geen doel alles" in answer.json()["detail"]


def test_a_body_with_bad_fields_is_400_naming_each_and_changes_nothing(api: Api) -> None:
    api.organisation("GM0203")
    body = {"dienst": "aanleveringen", "doel": "volgen", "geldigVan": "gisteren"}
    answer = api.call("POST", "/api/v1/organisaties/GM0203/aansluitingen", api.admin, body)
    assert answer.status == 400
    names = {p["name"] for p in answer.json()["invalidParams"]}
    assert names == {"body.grondslag", "body.geldigVan"}
    listed = api.call("GET", "/api/v1/organisaties/GM0203/aansluitingen", api.admin)
    assert api.expect(listed, 200)["aansluitingen"] == []


def test_a_change_without_if_match_is_428_and_with_a_stale_etag_412(api: Api) -> None:
    api.organisation("GM0204")
    created = api.connect("GM0204", "aanleveringen", "volgen")
    path = f"/api/v1/organisaties/GM0204/aansluitingen/{created['id']}"
    first = api.call("GET", path, api.admin).headers["ETag"]
    change = {"grondslag": "gewijzigd", "geldigVan": created["geldigVan"]}
    assert api.call("PUT", path, api.admin, change).status == 428
    changed = api.call("PUT", path, api.admin, change, {"If-Match": first})
    assert api.expect(changed, 200)["grondslag"] == "gewijzigd"
    stale = api.call(
        "PUT", path, api.admin, {**change, "grondslag": "weer anders"}, {"If-Match": first}
    )
    assert stale.status == 412
    assert api.expect(api.call("GET", path, api.admin), 200)["grondslag"] == "gewijzigd"


def test_a_revoked_connection_is_kept_with_its_end_and_stops_access(api: Api) -> None:
    api.organisation("GM0205")
    api.bind("GM0205")
    created = api.connect("GM0205", "aanleveringen", "volgen")
    assert api.call("GET", "/api/v1/aanleveringen", api.token("GM0205")).status == 200
    path = f"/api/v1/organisaties/GM0205/aansluitingen/{created['id']}"
    etag = api.call("GET", path, api.admin).headers["ETag"]
    revoked = api.expect(api.call("DELETE", path, api.admin, headers={"If-Match": etag}), 200)
    assert revoked["geldigTot"] is not None
    assert api.call("GET", "/api/v1/aanleveringen", api.token("GM0205")).status == 403


def test_ending_a_binding_stops_the_clients_tokens_at_once(api: Api) -> None:
    api.organisation("GM0206")
    client_id = api.bind("GM0206")
    api.connect("GM0206", "aanleveringen", "volgen")
    token = api.token("GM0206")
    assert api.call("GET", "/api/v1/aanleveringen", token).status == 200
    etag = api.call("GET", f"/api/v1/koppelingen/{client_id}", api.admin).headers["ETag"]
    ended = api.call(
        "DELETE", f"/api/v1/koppelingen/{client_id}", api.admin, headers={"If-Match": etag}
    )
    assert ended.status == 200
    assert api.call("GET", "/api/v1/aanleveringen", token).status == 403


def test_a_file_from_an_organisation_without_connection_is_rejected_with_the_reason(
    api: Api,
) -> None:
    api.organisation("GM0207")
    name = api.drop_under_stored_grant("GM0207", b"a;b\n1;2\n")
    api.bind("GM0207")
    api.connect("GM0207", "aanleveringen", "volgen")  # may follow deliveries, may not deliver
    delivery = api.wait_until_finished("GM0207", name)
    assert delivery["status"] == "afgewezen"
    assert delivery["aantalRecords"] is None
    assert delivery["afkeuringen"] == [
        {"regel": None, "reden": "GM0207 heeft geen actieve aansluiting op proefaanlevering"}
    ]


ANDERE_INSTANTIE = """
import sys
from datetime import UTC, datetime
from shared.storage.toegang import AansluitingRepository
organisatie, aansluiting = sys.argv[1:]
repository = AansluitingRepository()
huidig, etag = repository.get(organisatie, aansluiting)
repository.replace(aansluiting, huidig.model_copy(update={"geldig_tot": datetime.now(UTC)}), etag)
"""


def test_a_connection_ended_by_another_instance_stops_access_within_the_bewaartijd(
    api: Api, platform: Platform
) -> None:
    """The host keeps the rights it read (`toegangscache`); a change made elsewhere (here a
    process of its own writing to the store, as another instance of the app would) reaches
    it at the latest a bewaartijd later (the tests' hosts keep rights BEWAARTIJD seconds)."""
    api.organisation("GM0208")
    api.bind("GM0208")
    created = api.connect("GM0208", "aanleveringen", "volgen")
    token = api.token("GM0208")
    assert api.call("GET", "/api/v1/aanleveringen", token).status == 200
    platform.run_module("-c", ANDERE_INSTANTIE, "GM0208", created["id"])
    beeindigd = time.monotonic()
    while (status := api.call("GET", "/api/v1/aanleveringen", token).status) == 200:
        assert time.monotonic() - beeindigd < BEWAARTIJD + 1, "still allowed past the bound"
        time.sleep(0.1)
    assert status == 403
