"""The API against its own OpenAPI document: schema-based fuzzing with schemathesis.

Every operation is called with generated requests, with a token of each kind it lets in, on
a platform of its own (the fuzzer writes: it must not change what other tests rely on). A
token refused at the door is refused whatever the request holds: the route-access matrix
(`test_route_access.py`) checks that refusal for every route and every kind of caller.
A request the document calls valid must not be refused as malformed, an invalid one must
get a 4xx problem+json, nothing may answer 5xx, and every answer must match the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance
from stdnum.nl import bsn

from function_app import app  # noqa: F401  (registers every route's declaration)
from functions import _openapi
from functions._http import ENDPOINTS
from local.issuer import local_client_id
from local.runtime import Platform
from local.seed import BUREAU, DOORSTROOMPUNT, GEMEENTE
from shared.models.base import SAMENHANG
from shared.security.access import (
    AUTORISATIEBEHEER,
    BEHEER,
    BETROUWBAARHEID,
    BURGER,
    HERBEREKENING,
    INZAGE,
    PARAMETERBEHEER,
    PARAMETERVASTSTELLING,
    SYSTEEM,
    Beheer,
    Dienstgebruik,
    Inwoner,
    Publiek,
)
from shared.validation.organisatie import Soort
from tests.conftest import start_platform

pytestmark = pytest.mark.e2e

SCHEMA = schemathesis.openapi.from_dict(_openapi.build(ENDPOINTS))
SCHEMA.config.phases.update(phases=["examples", "fuzzing"])
"""Generated requests, valid and invalid; the exhaustive coverage phase would take longer
than the five minutes `make test` may take."""


def _elfproef(digits: str) -> bool:
    return digits != "000000000" and bsn.checksum(digits) == 0


schemathesis.openapi.format("bsn", st.from_regex(r"\A[0-9]{9}\Z").filter(_elfproef))
BURGER_BSN = "999990019"
KINDS = {
    "systeem": (GEMEENTE, SYSTEEM),
    "beheer": (BUREAU, BEHEER),
    "autorisatiebeheer": (BUREAU, AUTORISATIEBEHEER),
    "inzage": (BUREAU, INZAGE),
    "herberekening": (BUREAU, HERBEREKENING),
    "parameterbeheer": (BUREAU, PARAMETERBEHEER),
    "parametervaststelling": (BUREAU, PARAMETERVASTSTELLING),
    "burger": (BURGER_BSN, BURGER),
}
"""Per token kind, whose token and its role; a resident's token names him by his BSN."""
OPAQUE = {"query.vervolg"}
"""Parameters no schema can check: a continuation token is valid only if the API gave it."""
UNDESCRIBABLE = {SAMENHANG}
"""Rules between fields (an end after its start, one of two fields), which JSON Schema cannot
say: the document names them in the model's description and the refusal by this code."""
ALLEEN_DOORSTROOMPUNT = {
    f"/api/{e.route}"
    for e in ENDPOINTS
    if isinstance(e.access, Dienstgebruik) and Soort.GEMEENTE not in e.access.doel.soorten
}
"""Paths only a Doorstroompunt is connected to: the seeded one calls them."""
ROUTES = {("/api/" + e.route, e.method): e for e in ENDPOINTS}


def aan_de_deur_geweigerd(path: str, method: str, kind: str) -> bool:
    """Whether a token of this kind is refused before anything of the request is read: an
    operator's token on a service route, an organisation's on an operator route, an operator
    without the route's role."""
    access = ROUTES[(path, method)].access
    if isinstance(access, Inwoner) or kind == "burger":
        return not isinstance(access, Publiek) and (kind == "burger") != isinstance(access, Inwoner)
    if isinstance(access, Dienstgebruik):
        return kind != "systeem"
    if isinstance(access, Beheer):
        return kind == "systeem" or KINDS[kind][1] not in access.rollen
    return False


def binnengelaten(path: str, method: str) -> list[str]:
    """The kinds of token this operation reads the request of."""
    kinds = [kind for kind in KINDS if not aan_de_deur_geweigerd(path, method, kind)]
    assert kinds, f"no kind of token reaches {method} {path}"
    return kinds


EXAMPLES = 5
"""Per operation and token kind: enough to reach each schema branch, within the five
minutes `make test` may take."""


@schemathesis.check
def valid_requests_are_not_refused_as_malformed(ctx, response, case):  # type: ignore[no-untyped-def]
    """A request the document calls valid may be refused for what it names (404, 409, 412,
    422 for dates without known amounts), never as malformed (400), unless only an opaque
    token was not recognised or a rule between fields was broken."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    if response.status_code == 400:
        invalid = response.json().get("invalidParams", [])
        explained = invalid and all(
            p["name"] in OPAQUE or p["code"] in UNDESCRIBABLE for p in invalid
        )
        if not explained:
            raise AssertionError(f"a valid request was refused as malformed: {response.text}")
    return None


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    running = start_platform(Path(tmp_path_factory.mktemp("fuzz")), seed=True)
    yield running
    running.stop()


@SCHEMA.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_answers_as_documented(case, fuzzed: Platform) -> None:  # type: ignore[no-untyped-def]
    path, method = case.operation.path, case.method.upper()
    for kind in binnengelaten(path, method):
        organisatie, role = KINDS[kind]
        if kind == "systeem" and path in ALLEEN_DOORSTROOMPUNT:
            organisatie = DOORSTROOMPUNT  # the organisation the purpose serves: the request is read
        if kind == "burger":
            token = fuzzed.local_issuer.mint_burger(organisatie, next(iter(BETROUWBAARHEID)))
        else:
            token = fuzzed.local_issuer.mint(local_client_id(organisatie, [role]), [role])
        case.call_and_validate(
            base_url=fuzzed.url,
            headers={"Authorization": f"Bearer {token}"},
            excluded_checks=[positive_data_acceptance],
            additional_checks=[valid_requests_are_not_refused_as_malformed],
        )
