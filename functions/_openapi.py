"""The OpenAPI 3 document, generated from the declared endpoints and their pydantic models."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from functions._http import API_VERSION, ContractOperatie, Endpoint, path_parts, path_pattern
from shared.models.problem import MEDIA_TYPE, Problem
from shared.security.access import Publiek

REF_TEMPLATE = "#/components/schemas/{model}"
BEARER = "entraId"


def _query_parameters(schema: dict[str, Any]) -> list[dict[str, Any]]:
    parameters = []
    required = set(schema.get("required", []))
    for name, property_schema in schema.get("properties", {}).items():
        parameter = {"name": name, "in": "query", "required": name in required}
        if "description" in property_schema:
            parameter["description"] = property_schema["description"]
        parameter["schema"] = {k: v for k, v in property_schema.items() if k != "description"}
        parameters.append(parameter)
    return parameters


def _operation(
    endpoint: Endpoint, refs: dict[Any, dict[str, Any]], schemas: dict[str, Any]
) -> dict[str, Any]:
    problem = refs[Problem]
    parameters: list[dict[str, Any]] = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "string", "pattern": path_pattern(name).pattern},
        }
        for name in path_parts(endpoint.route)
    ]
    if endpoint.query_model is not None:
        query_schema = schemas[refs[endpoint.query_model]["$ref"].rsplit("/", 1)[1]]
        parameters += _query_parameters(query_schema)
    if endpoint.if_match is not None:
        parameters.append(
            {
                "name": "If-Match",
                "in": "header",
                "required": endpoint.if_match,
                "description": "The ETag last read (412 when stale, 428 when absent)"
                + ("." if endpoint.if_match else "; needed only to change what exists."),
                "schema": {"type": "string", "minLength": 1},
            }
        )
    responses: dict[str, Any] = {}
    if endpoint.response_model is not None:
        responses["200"] = {
            "description": HTTPStatus.OK.phrase,
            "content": {"application/json": {"schema": refs[endpoint.response_model]}},
        }
    for code in endpoint.problems:
        responses[str(code)] = {
            "description": HTTPStatus(code).phrase,
            "content": {MEDIA_TYPE: {"schema": problem}},
        }
    for code, description in endpoint.extra_responses.items():
        responses[str(code)] = {"description": description}
        if endpoint.response_model is not None:
            schema = refs[endpoint.response_model]
            responses[str(code)]["content"] = {"application/json": {"schema": schema}}
    responses["500"] = {
        "description": HTTPStatus.INTERNAL_SERVER_ERROR.phrase,
        "content": {MEDIA_TYPE: {"schema": problem}},
    }
    operation: dict[str, Any] = {
        "operationId": endpoint.name,
        "summary": endpoint.summary,
        "tags": [endpoint.tag],
        "responses": responses,
        "security": [] if isinstance(endpoint.access, Publiek) else [{BEARER: []}],
    }
    if parameters:
        operation["parameters"] = parameters
    if endpoint.body_model is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": refs[endpoint.body_model]}},
        }
    if endpoint.xml_body:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/xml": {"schema": {"type": "string", "format": "binary"}}},
        }
    return operation


def _uit_contract(contract: ContractOperatie, node: Any) -> Any:
    """`node` of the contract with its references made ours: a schema reference points at the
    contract's schema among ours (prefixed with `kenmerk`), any other reference (a parameter,
    header or request body) is replaced by what it names."""
    if isinstance(node, list):
        return [_uit_contract(contract, item) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/"):
        soort, naam = ref.removeprefix("#/components/").split("/", 1)
        if soort == "schemas":
            return {"$ref": f"#/components/schemas/{contract.kenmerk}.{naam}"}
        return _uit_contract(contract, contract.document["components"][soort][naam])
    return {key: _uit_contract(contract, value) for key, value in node.items()}


def _contract_schemas(contract: ContractOperatie) -> dict[str, Any]:
    schemas = contract.document["components"]["schemas"]
    return {
        f"{contract.kenmerk}.{naam}": _uit_contract(contract, schema)
        for naam, schema in schemas.items()
    }


def _contract_operation(endpoint: Endpoint, contract: ContractOperatie) -> dict[str, Any]:
    """The contract's own operation, as the platform serves it: with our token, and with the
    answers the platform adds (403 for a party not connected, 404 for an unknown id) in the
    contract's error body."""
    operation: dict[str, Any] = _uit_contract(
        contract, contract.document["paths"][contract.pad][contract.methode]
    )
    fout = {
        "application/json": {"schema": {"$ref": f"#/components/schemas/{contract.kenmerk}.Error"}}
    }
    responses = operation["responses"]
    for code in endpoint.problems:
        responses.setdefault(str(code), {"description": HTTPStatus(code).phrase})
    for code, response in responses.items():
        if int(code) >= 400:
            response.setdefault("content", fout)
    operation.update(
        operationId=endpoint.name,
        summary=endpoint.summary,
        tags=[endpoint.tag],
        security=[{BEARER: []}],
    )
    return operation


def build(endpoints: list[Endpoint]) -> dict[str, Any]:
    models: set[type[BaseModel]] = {Problem}
    for endpoint in endpoints:
        declared = (endpoint.response_model, endpoint.query_model, endpoint.body_model)
        models.update(m for m in declared if m is not None)
    ordered = sorted(models, key=lambda m: f"{m.__module__}.{m.__name__}")
    keyed, definitions = models_json_schema(
        [(model, "validation") for model in ordered], by_alias=True, ref_template=REF_TEMPLATE
    )
    refs = {model: dict(schema) for (model, _), schema in keyed.items()}
    schemas: dict[str, Any] = definitions.get("$defs", {})
    paths: dict[str, dict[str, Any]] = {}
    for endpoint in endpoints:
        if endpoint.contract is not None:
            schemas.update(_contract_schemas(endpoint.contract))
            operation = _contract_operation(endpoint, endpoint.contract)
        else:
            operation = _operation(endpoint, refs, schemas)
        paths.setdefault(endpoint.path, {})[endpoint.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "IB-Next",
            "version": API_VERSION,
            "description": "Informatiediensten voor gemeenten, waterschappen en doorstroompunten.",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                BEARER: {
                    "type": "http",
                    "scheme": "bearer",
                    "bearerFormat": "JWT",
                    "description": "An Entra ID access token (OAuth2 client credentials).",
                }
            },
        },
    }
