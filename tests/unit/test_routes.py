"""Every route of the function app is declared, so it is documented (and later authorised)."""

from __future__ import annotations

from typing import Any

import pytest

from functions import _openapi
from functions._http import ENDPOINTS
from tests import indexed

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def registered() -> list[dict[str, Any]]:
    triggers = [f.get_trigger() for f in indexed.functions()]
    bindings = [t.get_dict_repr() for t in triggers if t is not None]
    return [b for b in bindings if b["type"] == "httpTrigger"]


def declared_routes() -> set[tuple[str, str]]:
    return {(e.route, e.method) for e in ENDPOINTS}


def test_every_registered_http_route_is_declared(registered: list[dict[str, Any]]) -> None:
    for binding in registered:
        for method in binding["methods"]:
            assert (binding["route"], str(method.value)) in declared_routes(), binding["route"]


def test_the_foundation_routes_exist(registered: list[dict[str, Any]]) -> None:
    routes = {b["route"] for b in registered}
    assert {"v1/status", "v1/openapi.json", "v1/aanleveringen", "v1/aanleveringen/{id}"} <= routes


def test_openapi_documents_every_declared_route_with_its_models(
    registered: list[dict[str, Any]],
) -> None:
    document = _openapi.build(ENDPOINTS)
    assert document["openapi"].startswith("3.")
    for endpoint in ENDPOINTS:
        operation = document["paths"][endpoint.path][endpoint.method.lower()]
        if endpoint.response_model is not None:
            ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            assert ref.rsplit("/", 1)[1] in document["components"]["schemas"]


def test_openapi_names_query_and_path_parameters(registered: list[dict[str, Any]]) -> None:
    operation = _openapi.build(ENDPOINTS)["paths"]["/api/v1/aanleveringen/{id}"]["get"]
    parameters = {(p["in"], p["name"]): p["required"] for p in operation["parameters"]}
    assert parameters == {("path", "id"): True, ("query", "organisatie"): False}


def test_errors_are_documented_as_problem_json(registered: list[dict[str, Any]]) -> None:
    operation = _openapi.build(ENDPOINTS)["paths"]["/api/v1/aanleveringen/{id}"]["get"]
    for code in ("400", "404", "500"):
        assert "application/problem+json" in operation["responses"][code]["content"]


def test_the_document_names_exactly_the_services_that_take_files() -> None:
    from shared.intake.uploads import BESTANDSDIENSTEN
    from shared.models.upload import BESTANDSDIENST_NAMEN

    assert set(BESTANDSDIENSTEN) == set(BESTANDSDIENST_NAMEN)
