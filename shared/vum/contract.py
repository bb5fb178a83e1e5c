"""The published VUM contracts (`contracten/`, see its HERKOMST.md) as the rules of the exchange.

The exchange checks what it is asked and what it is answered against the contract's own schemas,
never against a copy of the rules in our own code:

- a bemiddelaar's selectievraag against the Bemiddelaar contract's request body (else a 400
  naming each field);
- a bron's answer against the Bron contract's 200 body (else that bron counts as failed, and
  none of its answer reaches the bemiddelaar).

The validator is jsonschema-rs (Rust, the validator schemathesis uses) in Draft 4 with formats:
an OpenAPI 3.0 Schema Object is an extended subset of that draft (JSON Schema Wright draft 00),
and the keywords 3.0 adds (`nullable`, `discriminator`, `readOnly`, `writeOnly`) occur in none of
these contracts. Measured (`python -m bench.vum` and a 100-result answer): 0.1 ms a bron answer,
where openapi-schema-validator (pure Python, OAS 3.0 dialect) took 34 ms and held the exchange
to 5 answers a second. The tests judge the exchange with openapi-core, a full OpenAPI validator.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

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
def _validator(naam: str, pad: str, methode: str, deel: str) -> jsonschema_rs.Draft4Validator:
    contract = _contract(naam)
    schema = _json_schema(contract, pad, methode, deel)
    # the contract's components beside the schema, so its `#/components/...` references resolve
    return jsonschema_rs.Draft4Validator(
        {**schema, "components": contract["components"]}, validate_formats=True
    )


@dataclass(frozen=True)
class Afwijking:
    plek: str
    """Where, as a dotted path (`vraagObject.selectiegebied.postcode`)."""
    reden: str


def _afwijkingen(validator: jsonschema_rs.Draft4Validator, inhoud: Any) -> list[Afwijking]:
    gevonden = sorted(validator.iter_errors(inhoud), key=lambda e: list(map(str, e.instance_path)))
    return [
        Afwijking(".".join(str(deel) for deel in fout.instance_path), fout.message[:300])
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
