"""Configuration from environment variables, read lazily.

Importing the function app never reads a setting: a missing value becomes a
`MissingSetting` error at the first use, naming the variable to set.

In Azure every connection is identity-based (a user-assigned managed identity,
its client id in `AZURE_CLIENT_ID`); keys and connection strings are accepted
only for the local emulators.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from urllib.parse import urlparse

BLOB_CONNECTION = "BlobStorage"
"""Name of the blob connection; blob triggers bind to it with `connection=BLOB_CONNECTION`."""

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class MissingSetting(RuntimeError):
    """A setting the code needs is not configured."""

    def __init__(self, *names: str) -> None:
        self.names = names
        super().__init__(f"setting not configured: {' or '.join(names)}")


class UnsafeSetting(RuntimeError):
    """A key or connection string was configured for a non-emulator endpoint."""


class Waar(StrEnum):
    AZURE = "azure"
    """Set by the infrastructure (infra/app/function.bicep) in every environment."""
    LOKAAL = "lokaal"
    """Only for the local emulators; never in Azure."""
    OPTIONEEL = "optioneel"
    """Has a default; set only to override it."""


SETTINGS: dict[str, Waar] = {
    f"{BLOB_CONNECTION}__serviceUri": Waar.OPTIONEEL,
    f"{BLOB_CONNECTION}__blobServiceUri": Waar.AZURE,
    BLOB_CONNECTION: Waar.LOKAAL,
    "COSMOS_ENDPOINT": Waar.AZURE,
    "COSMOS_KEY": Waar.LOKAAL,
    "COSMOS_DATABASE": Waar.AZURE,
    "AZURE_CLIENT_ID": Waar.AZURE,
    "AUTH_ISSUER": Waar.AZURE,
    "AUTH_AUDIENCE": Waar.AZURE,
    "AUTH_OPENID_CONFIGURATION": Waar.OPTIONEEL,
    "BURGER_ISSUER": Waar.AZURE,
    "BURGER_AUDIENCE": Waar.AZURE,
    "BURGER_OPENID_CONFIGURATION": Waar.OPTIONEEL,
    "AUDIT_HASH_KEY": Waar.AZURE,
    "APPLICATIONINSIGHTS_CONNECTION_STRING": Waar.AZURE,
    "APP_VERSION": Waar.AZURE,
    "TOEGANG_BEWAARTIJD_SECONDEN": Waar.OPTIONEEL,
    "WERKPROCESSEN": Waar.OPTIONEEL,
    "VUM_OIN": Waar.AZURE,
    "STORINGEN_TESTHOSTS": Waar.LOKAAL,
    "STORINGEN_TEST_CA": Waar.LOKAAL,
}
"""Every setting the code reads, and where it comes from; reading another one is a bug.
`tests/unit/test_infra_consistency.py` checks the infrastructure sets every AZURE one."""


def _get(name: str) -> str | None:
    if name not in SETTINGS:
        raise KeyError(f"{name} is not a declared setting (shared.settings.SETTINGS)")
    value = os.environ.get(name, "").strip()
    return value or None


def _require(name: str) -> str:
    value = _get(name)
    if value is None:
        raise MissingSetting(name)
    return value


def is_loopback(url: str) -> bool:
    return (urlparse(url).hostname or "") in LOOPBACK_HOSTS


@dataclass(frozen=True)
class CosmosSettings:
    endpoint: str
    database: str
    key: str | None
    """Only for the local emulator; in Azure the managed identity is used."""


@dataclass(frozen=True)
class BlobSettings:
    connection_string: str | None
    """Only for Azurite; in Azure `BlobStorage__blobServiceUri` and the managed identity."""
    service_uri: str | None


@cache
def cosmos() -> CosmosSettings:
    endpoint = _require("COSMOS_ENDPOINT")
    key = _get("COSMOS_KEY")
    if key is not None and not is_loopback(endpoint):
        raise UnsafeSetting("COSMOS_KEY is for the local emulator only; Azure uses the identity")
    return CosmosSettings(endpoint=endpoint, database=cosmos_database(), key=key)


def cosmos_database() -> str:
    """The database's name alone: what is kept per database needs no endpoint to know it."""
    return _get("COSMOS_DATABASE") or "ibnext"


@cache
def blob() -> BlobSettings:
    connection_string = _get(BLOB_CONNECTION)
    service_uri = _get(f"{BLOB_CONNECTION}__blobServiceUri") or _get(
        f"{BLOB_CONNECTION}__serviceUri"
    )
    if connection_string is None and service_uri is None:
        raise MissingSetting(BLOB_CONNECTION, f"{BLOB_CONNECTION}__blobServiceUri")
    if connection_string is not None and not _is_emulator_connection(connection_string):
        raise UnsafeSetting(f"{BLOB_CONNECTION} as a connection string is for Azurite only")
    return BlobSettings(connection_string=connection_string, service_uri=service_uri)


def _is_emulator_connection(connection_string: str) -> bool:
    parts = dict(part.split("=", 1) for part in connection_string.split(";") if "=" in part)
    if parts.get("UseDevelopmentStorage", "").lower() == "true":
        return True
    return is_loopback(parts.get("BlobEndpoint", ""))


@dataclass(frozen=True)
class AuthSettings:
    issuer: str
    """The token issuer, e.g. `https://login.microsoftonline.com/{tenant}/v2.0`."""
    audience: str
    """The application ID URI (or client id) of this API, e.g. `api://ib-next`."""
    openid_configuration: str
    """Where the issuer's OpenID configuration (and so its JWKS) is published."""


@cache
def auth() -> AuthSettings:
    """The issuer of the organisations' and operators' tokens (Entra ID)."""
    return _auth("AUTH")


def burger_auth() -> AuthSettings:
    """The identity provider the platform trusts for residents (DigiD at eIDAS level
    substantieel or hoog, through the broker the bureau contracts): its tokens name the
    resident's BSN as subject and reach only the resident's own routes."""
    return _auth("BURGER")


def _auth(prefix: str) -> AuthSettings:
    issuer = _require(f"{prefix}_ISSUER").rstrip("/")
    if not issuer.startswith("https://") and not is_loopback(issuer):
        raise UnsafeSetting(
            f"{prefix}_ISSUER must be https (plain http only for a loopback issuer)"
        )
    discovery = (
        _get(f"{prefix}_OPENID_CONFIGURATION") or f"{issuer}/.well-known/openid-configuration"
    )
    return AuthSettings(
        issuer=issuer, audience=_require(f"{prefix}_AUDIENCE"), openid_configuration=discovery
    )


def audit_hash_key() -> bytes:
    """The key of the BSN hash in the audit log (a Key Vault reference in Azure)."""
    key = _require("AUDIT_HASH_KEY").encode("utf-8")
    if len(key) < 32:
        raise UnsafeSetting("AUDIT_HASH_KEY must be at least 32 characters")
    return key


@dataclass(frozen=True)
class StoringenTest:
    """Local receivers of outage notices (tests, `make run`); never in Azure."""

    hosts: frozenset[str]
    """Host names whose webhook may resolve to loopback (and only to loopback)."""
    ca: str | None
    """A PEM file of the CA that signs the local receivers' certificates."""


@cache
def storingen_test() -> StoringenTest:
    """`STORINGEN_TESTHOSTS` (comma-separated) and `STORINGEN_TEST_CA`: accepted only for
    loopback names and only while the platform runs on the local emulators, so no setting
    in Azure can open the webhooks to the platform's own network."""
    hosts = frozenset(
        h.strip().rstrip(".").lower()
        for h in (_get("STORINGEN_TESTHOSTS") or "").split(",")
        if h.strip()
    )
    ca = _get("STORINGEN_TEST_CA")
    if not hosts and ca is None:
        return StoringenTest(hosts=frozenset(), ca=None)
    if not is_loopback(_get("COSMOS_ENDPOINT") or ""):
        raise UnsafeSetting(
            "STORINGEN_TESTHOSTS and STORINGEN_TEST_CA are for the local emulators only"
        )
    for host in hosts:
        if host != "localhost" and not host.endswith(".localhost"):
            raise UnsafeSetting(f"STORINGEN_TESTHOSTS: {host} is not a loopback name")
    return StoringenTest(hosts=hosts, ca=ca)


def managed_identity_client_id() -> str | None:
    return _get("AZURE_CLIENT_ID")


def applicationinsights_connection_string() -> str | None:
    """Where telemetry goes (an identifier, not a secret: the resource accepts Entra ID only)."""
    return _get("APPLICATIONINSIGHTS_CONNECTION_STRING")


def app_version() -> str:
    return _get("APP_VERSION") or "0.1.0-dev"


TOEGANG_BEWAARTIJD = 30.0
"""Seconds the stored rights an access decision reads are kept in an instance (a platform
choice: a revocation reaches every instance within half a minute; `toegangscache`)."""


def toegang_bewaartijd() -> float:
    """`TOEGANG_BEWAARTIJD_SECONDEN`, default `TOEGANG_BEWAARTIJD`; 0 keeps nothing."""
    value = _get("TOEGANG_BEWAARTIJD_SECONDEN")
    try:
        seconden = TOEGANG_BEWAARTIJD if value is None else float(value)
    except ValueError:
        seconden = -1
    if not 0 <= seconden <= 300:
        raise ValueError(f"TOEGANG_BEWAARTIJD_SECONDEN is {value!r}: seconds from 0 to 300")
    return seconden


def vum_oin() -> str:
    """`VUM_OIN`: the bureau's OIN, by which the VUM exchange names itself (X-VUM-toParty of
    what a bemiddelaar sends, X-VUM-fromParty of what it answers)."""
    oin = _require("VUM_OIN")
    if not re.fullmatch(r"[0-9]{20}", oin):
        raise UnsafeSetting("VUM_OIN is an OIN: 20 digits")
    return oin


def werkprocessen() -> int | None:
    """`WERKPROCESSEN`: at most this many processes for a stream's work (`shared.processen`,
    which never uses more than 4; 1 keeps the work in this process); None: as many as the
    cores. The infrastructure sets it from the instance's memory: a worker process holds
    about 320 MB (`python -m bench.bronnen`)."""
    value = _get("WERKPROCESSEN")
    if value is None:
        return None
    if not value.isdigit() or not 1 <= int(value) <= 16:
        raise ValueError(f"WERKPROCESSEN is {value!r}: a number from 1 to 16")
    return int(value)


def omgeving() -> frozenset[tuple[str, str]]:
    """The whole environment as it is now: what a process started now would read its settings
    from (`shared.processen` starts new processes when it changes)."""
    return frozenset(os.environ.items())


def clear_cache() -> None:
    """Forget settings read so far (tests and the local host change the environment)."""
    cosmos.cache_clear()
    blob.cache_clear()
    auth.cache_clear()
    storingen_test.cache_clear()
