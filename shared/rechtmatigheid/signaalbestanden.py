"""A gemeente's signal files, read through the API instead of from the storage account.

Every delivery and every monthly run writes `{bestand}.signalen.csv` and `.json` to
`terugmeldingen/rechtmatigheid/{gemeente}/` (`verwerking.write_signal_files`). Only that
gemeente reads them: the folder is its own, taken from the caller, never from the request.
A file holds the BSNs of recipients and partners, so reading one is audited per person.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from azure.core.exceptions import ResourceNotFoundError

from shared.models.rechtmatigheid import Signaalbestand
from shared.storage import clients
from shared.storage.containers import BlobContainers

ACHTERVOEGSELS = {".signalen.csv": "text/csv", ".signalen.json": "application/json"}
"""The signal files and their media types; nothing else in the folder is served here."""


def map_van(gemeente: str) -> str:
    return f"rechtmatigheid/{gemeente}/"


def is_signaalbestand(naam: str) -> bool:
    return any(naam.endswith(achtervoegsel) for achtervoegsel in ACHTERVOEGSELS)


def media_type(naam: str) -> str:
    return next(t for a, t in ACHTERVOEGSELS.items() if naam.endswith(a))


def lijst(gemeente: str) -> list[Signaalbestand]:
    """The gemeente's signal files, newest first."""
    container = clients.blob_service().get_container_client(BlobContainers.TERUGMELDINGEN)
    prefix = map_van(gemeente)
    bestanden = [
        Signaalbestand(
            naam=item.name[len(prefix) :], grootte=item.size, gewijzigd=item.last_modified
        )
        for item in container.list_blobs(name_starts_with=prefix)
        if "/" not in item.name[len(prefix) :] and is_signaalbestand(item.name)
    ]
    return sorted(bestanden, key=lambda b: (b.gewijzigd, b.naam), reverse=True)


def lees(gemeente: str, naam: str) -> bytes | None:
    """The file's content, or None when the gemeente has no such signal file."""
    if "/" in naam or not is_signaalbestand(naam):
        return None
    blob = clients.blob_service().get_blob_client(
        BlobContainers.TERUGMELDINGEN, map_van(gemeente) + naam
    )
    try:
        return b"".join(blob.download_blob().chunks())
    except ResourceNotFoundError:
        return None


def personen_in(naam: str, inhoud: bytes) -> list[str]:
    """Every distinct BSN in a signal file (recipients and the partners the facts are of)."""
    rijen: Iterable[dict[str, object]]
    if naam.endswith(".signalen.json"):
        rijen = json.loads(inhoud)
        velden = ("bsn", "betrokkeneBsn")
    else:
        rijen = csv.DictReader(io.StringIO(inhoud.decode("utf-8")), delimiter=";")
        velden = ("bsn", "betrokkene_bsn")
    gezien: dict[str, None] = {}
    for rij in rijen:
        for veld in velden:
            waarde = rij.get(veld)
            if isinstance(waarde, str) and waarde:
                gezien.setdefault(waarde)
    return list(gezien)
