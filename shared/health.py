"""Health of the platform's dependencies, for the status service."""

from __future__ import annotations

from collections.abc import Callable

from shared.storage import clients
from shared.storage.containers import BlobContainers

OK = "ok"
TIMEOUT_SECONDS = 3


def _cosmos() -> None:
    clients.cosmos_database().read(timeout=TIMEOUT_SECONDS)


def _blob() -> None:
    container = clients.blob_service().get_container_client(BlobContainers.AANLEVERINGEN)
    container.get_container_properties(timeout=TIMEOUT_SECONDS)


CHECKS: dict[str, Callable[[], None]] = {"cosmos": _cosmos, "blob": _blob}


def _describe(error: Exception) -> str:
    first_line = (str(error).strip().splitlines() or [""])[0]
    return f"{type(error).__name__}: {first_line[:200]}"


def bronnen_zonder_snapshot(
    published: Callable[[str], object | None] | None = None,
) -> list[str]:
    """The sources of the catalogue that have no snapshot published at all: real-time
    services cannot derive anything from them yet (e.g. while a new environment, or the
    local world, is still being loaded)."""
    from shared.bronnen.catalogus import CATALOGUS
    from shared.bronnen.publicatie import publicaties

    lookup = published or publicaties().publicatie
    return [bron.code for bron in CATALOGUS if lookup(bron.code) is None]


def check() -> dict[str, str]:
    """`ok` per dependency, or what went wrong (the first line of the error)."""
    results = {}
    for name, probe in CHECKS.items():
        try:
            probe()
            results[name] = OK
        except Exception as error:
            results[name] = _describe(error)
    return results
