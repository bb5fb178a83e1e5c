"""A file dropped in Blob Storage is followed through the HTTP API (track & trace)."""

from __future__ import annotations

import pytest

from local.runtime import Platform
from local.seed import GEMEENTE
from tests.e2e.api import Api
from tests.e2e.http import wait_for

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    return Api(platform)


def test_a_dropped_file_reaches_verwerkt_through_the_api(api: Api) -> None:
    name = api.drop(GEMEENTE, b"bsn;regeling\n111222333;PW\n999999990;IOAW;x\n")
    delivery = api.wait_until_finished(GEMEENTE, name)
    assert delivery["status"] == "verwerkt"
    assert delivery["aantalRecords"] == 2
    assert delivery["aantalAfgekeurd"] == 1
    assert delivery["afkeuringen"] == [{"regel": 3, "reden": "3 velden, de kop heeft er 2"}]
    one = api.call("GET", f"/api/v1/aanleveringen/{delivery['id']}", api.token(GEMEENTE))
    assert api.expect(one, 200) == delivery


def test_the_same_file_dropped_twice_is_one_delivery(api: Api, platform: Platform) -> None:
    content = b"a;b\n1;2\n"
    name = api.drop(GEMEENTE, content)
    delivery = api.wait_until_finished(GEMEENTE, name)
    api.drop(GEMEENTE, content, name)  # a new ETag: Event Grid delivers it again
    host_log = platform.workspace / "host.log"
    wait_for(
        lambda: f"aanlevering {delivery['id']} is al verwerkt" in host_log.read_text(),
        what="the second event seen and ignored",
    )
    same_name = [d for d in api.deliveries(GEMEENTE) if d["bestandsnaam"] == name]
    assert [d["id"] for d in same_name] == [delivery["id"]]
    assert same_name[0]["pogingen"] == 1


def test_an_unreadable_file_is_afgewezen_and_in_quarantaine(api: Api) -> None:
    name = api.drop(GEMEENTE, "naam\nJoëlle\n".encode("latin-1"))
    delivery = api.wait_until_finished(GEMEENTE, name)
    assert delivery["status"] == "afgewezen"
    assert delivery["afkeuringen"] == [{"regel": None, "reden": "geen geldige UTF-8 bij byte 7"}]
    assert (
        delivery["quarantaine"] == f"quarantaine/aanleveringen/proefaanlevering/{GEMEENTE}/{name}"
    )


def test_an_unknown_delivery_is_404_problem_json(api: Api) -> None:
    answer = api.call("GET", f"/api/v1/aanleveringen/{'0' * 64}", api.token(GEMEENTE))
    assert answer.status == 404
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    assert answer.json()["status"] == 404


def test_an_unknown_query_parameter_is_400_naming_it(api: Api) -> None:
    answer = api.call("GET", "/api/v1/aanleveringen?paginagrootte=5", api.token(GEMEENTE))
    assert answer.status == 400
    assert [p["name"] for p in answer.json()["invalidParams"]] == ["query.paginagrootte"]


def test_an_unknown_route_is_404_and_a_wrong_method_405(api: Api) -> None:
    assert api.call("GET", "/api/v1/bestaat-niet").status == 404
    wrong_method = api.call("DELETE", "/api/v1/aanleveringen", api.token(GEMEENTE))
    assert wrong_method.status == 405
    assert wrong_method.headers["Allow"] == "GET"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/aanleveringen",
        "/api/v1/kwijtschelding/toetsingen",
        "/api/v1/rechtmatigheid/signalen",
    ],
)
def test_a_malformed_continuation_token_is_400_not_500(api: Api, path: str) -> None:
    """A `vervolg` that is not one the API gave is bad input: 400 problem+json naming it."""
    answer = api.call("GET", f"{path}?vervolg=bestaat-niet", api.token(GEMEENTE))
    assert answer.status == 400, answer.body[:300]
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    assert [p["name"] for p in answer.json()["invalidParams"]] == ["query.vervolg"]


def test_pages_follow_volgende_to_the_end_without_repeats(api: Api) -> None:
    """`volgende` is the opaque `vervolg` of the next page; the last page has none."""
    names = [api.drop(GEMEENTE, f"a;b\n{i};x\n".encode()) for i in range(3)]
    for name in names:
        api.wait_until_finished(GEMEENTE, name)
    seen: list[str] = []
    vervolg: str | None = None
    for _ in range(50):
        query = "paginaGrootte=2" + (f"&vervolg={vervolg}" if vervolg else "")
        page = api.expect(
            api.call("GET", f"/api/v1/aanleveringen?{query}", api.token(GEMEENTE)), 200
        )
        seen += [a["bestandsnaam"] for a in page["aanleveringen"]]
        vervolg = page["volgende"]
        if vervolg is None:
            break
        assert vervolg.startswith("v1.")
    assert vervolg is None
    assert set(names) <= set(seen)
    assert len(seen) == len(set(seen))
