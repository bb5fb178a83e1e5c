"""The published VUM contracts (`contracten/`, see its HERKOMST.md) as the rules of the exchange.

The exchange checks what it is asked and what it is answered against the contract itself, with
an OpenAPI 3.0 schema validator (openapi-schema-validator, the validator of the python-openapi
project that openapi-core builds on), never against a copy of the rules in our own code:

- a bemiddelaar's selectievraag against the Bemiddelaar contract's request body (else a 400
  naming each field);
- a bron's answer against the Bron contract's 200 body (else that bron counts as failed, and
  none of its answer reaches the bemiddelaar).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from openapi_schema_validator import OAS30Validator, oas30_format_checker

from shared.security.diensten import VUM_VACATURES, VUM_WERKZOEKENDE_PROFIELEN, Doel

CONTRACTEN = Path(__file__).parent / "contracten"
VERSIE = "3.0.0"
"""`X-VUM-berichtVersie` and `API-Version` of both contracts: the only value either allows."""


@dataclass(frozen=True)
class Domein:
    """One kind of matching data the exchange carries, with the names its contracts use."""

    pad: str
    """The first part of the contract's paths: `/{pad}/matches`, `/{pad}/{id}`."""
    bestand: str
    """The contracts' file name part: `VUM-Bron-{bestand}.yaml`."""
    doel: Doel
    """The purpose a bemiddelaar must be connected for."""
    bron_id: str
    """The property by which a bron identifies a result (and the name of its path parameter)."""
    detail: str
    """The property of the Bemiddelaar's detail answer that holds the record."""

    def bron_contract(self) -> dict[str, Any]:
        return _contract(f"VUM-Bron-{self.bestand}.yaml")

    def bemiddelaar_contract(self) -> dict[str, Any]:
        return _contract(f"VUM-Bemiddelaar-{self.bestand}.yaml")


VACATURES = Domein("vacatures", "Vacatures", VUM_VACATURES, "idVacature", "vacature")
WERKZOEKENDE_PROFIELEN = Domein(
    "werkzoekendeProfielen",
    "WerkzoekendeProfielen",
    VUM_WERKZOEKENDE_PROFIELEN,
    "idWerkzoekende",
    "werkzoekende",
)
DOMEINEN: dict[str, Domein] = {d.pad: d for d in (VACATURES, WERKZOEKENDE_PROFIELEN)}


@cache
def _contract(naam: str) -> dict[str, Any]:
    inhoud: dict[str, Any] = yaml.safe_load((CONTRACTEN / naam).read_text(encoding="utf-8"))
    return inhoud


def _json_schema(contract: dict[str, Any], pad: str, methode: str, deel: str) -> dict[str, Any]:
    """The JSON schema of an operation's request body (`deel` "request") or of an answer
    (`deel` its status code), as the contract gives it."""
    operatie = contract["paths"][pad][methode]
    if deel == "request":
        inhoud = operatie["requestBody"]
        if "$ref" in inhoud:
            inhoud = contract["components"]["requestBodies"][inhoud["$ref"].rsplit("/", 1)[1]]
    else:
        inhoud = operatie["responses"][deel]
    schema: dict[str, Any] = inhoud["content"]["application/json"]["schema"]
    return schema


@cache
def _validator(naam: str, pad: str, methode: str, deel: str) -> OAS30Validator:
    contract = _contract(naam)
    schema = _json_schema(contract, pad, methode, deel)
    # the contract's components beside the schema, so its `#/components/...` references resolve
    return OAS30Validator(
        {**schema, "components": contract["components"]}, format_checker=oas30_format_checker
    )


@dataclass(frozen=True)
class Afwijking:
    plek: str
    """Where, as a dotted path (`vraagObject.selectiegebied.postcode`)."""
    reden: str


def _afwijkingen(validator: OAS30Validator, inhoud: Any) -> list[Afwijking]:
    gevonden = sorted(validator.iter_errors(inhoud), key=lambda e: list(map(str, e.path)))
    return [
        Afwijking(".".join(str(deel) for deel in fout.absolute_path), fout.message[:300])
        for fout in gevonden
    ]


def vraag_afwijkingen(domein: Domein, vraag: Any) -> list[Afwijking]:
    """How a bemiddelaar's selectievraag departs from the Bemiddelaar contract (none: valid)."""
    naam = f"VUM-Bemiddelaar-{domein.bestand}.yaml"
    return _afwijkingen(_validator(naam, f"/{domein.pad}/matches", "post", "request"), vraag)


def bron_matches_afwijkingen(domein: Domein, antwoord: Any) -> list[Afwijking]:
    """How a bron's answer to a selectievraag departs from the Bron contract."""
    naam = f"VUM-Bron-{domein.bestand}.yaml"
    return _afwijkingen(_validator(naam, f"/{domein.pad}/matches", "post", "200"), antwoord)


def bron_detail_afwijkingen(domein: Domein, antwoord: Any) -> list[Afwijking]:
    """How a bron's answer to a detail request departs from the Bron contract."""
    naam = f"VUM-Bron-{domein.bestand}.yaml"
    pad = f"/{domein.pad}/{{{domein.bron_id}}}"
    return _afwijkingen(_validator(naam, pad, "get", "200"), antwoord)
