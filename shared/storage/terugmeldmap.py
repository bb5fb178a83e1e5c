"""A gemeente's folder of result files in `terugmeldingen/{dienst}/{gemeente}/`, read through
the API instead of from the storage account. Only that gemeente reads its folder: the folder
is taken from the caller, never from the request. The files hold BSNs, so a read is audited
per person (`personen_in`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from azure.core.exceptions import ResourceNotFoundError

from shared.models.rechtmatigheid import Signaalbestand
from shared.storage import clients
from shared.storage.containers import BlobContainers

NAAM_MAX = 200
"""Longer names are no file of ours (a delivery id and a suffix are far shorter)."""


@dataclass(frozen=True)
class Terugmeldmap:
    dienst: str
    achtervoegsels: Mapping[str, str]
    """The files served, by how their names end, with their media types."""
    bsn_velden: tuple[str, ...]
    """The fields (CSV columns, JSON keys at any depth, also in a CSV cell that holds JSON)
    that hold a BSN."""

    def map_van(self, gemeente: str) -> str:
        return f"{self.dienst}/{gemeente}/"

    def hoort_erbij(self, naam: str) -> bool:
        return any(naam.endswith(achtervoegsel) for achtervoegsel in self.achtervoegsels)

    def media_type(self, naam: str) -> str:
        return next(t for a, t in self.achtervoegsels.items() if naam.endswith(a))

    def lijst(self, gemeente: str) -> list[Signaalbestand]:
        """The gemeente's files, newest first."""
        container = clients.blob_service().get_container_client(BlobContainers.TERUGMELDINGEN)
        prefix = self.map_van(gemeente)
        bestanden = [
            Signaalbestand(
                naam=item.name[len(prefix) :], grootte=item.size, gewijzigd=item.last_modified
            )
            for item in container.list_blobs(name_starts_with=prefix)
            if "/" not in item.name[len(prefix) :] and self.hoort_erbij(item.name)
        ]
        return sorted(bestanden, key=lambda b: (b.gewijzigd, b.naam), reverse=True)

    def lees(self, gemeente: str, naam: str) -> bytes | None:
        """The file's content, or None when the gemeente has no such file."""
        if "/" in naam or len(naam) > NAAM_MAX or not self.hoort_erbij(naam):
            return None
        blob = clients.blob_service().get_blob_client(
            BlobContainers.TERUGMELDINGEN, self.map_van(gemeente) + naam
        )
        try:
            return b"".join(blob.download_blob().chunks())
        except ResourceNotFoundError:
            return None

    def personen_in(self, naam: str, inhoud: bytes) -> list[str]:
        """Every distinct BSN in a file, in the order met."""
        if self.media_type(naam) == "application/json":
            waarden = _uit_json(json.loads(inhoud), self.bsn_velden)
        else:
            rijen = csv.DictReader(io.StringIO(inhoud.decode("utf-8")), delimiter=";")
            waarden = (w for rij in rijen for w in _uit_rij(rij, self.bsn_velden))
        gezien: dict[str, None] = {}
        for waarde in waarden:
            if isinstance(waarde, str) and waarde:
                gezien.setdefault(waarde)
        return list(gezien)


def _uit_rij(rij: dict[str | None, Any], velden: tuple[str, ...]) -> Iterator[Any]:
    for kolom, cel in rij.items():
        if kolom in velden:
            yield cel
        elif isinstance(cel, str) and cel.startswith("{"):
            yield from _uit_json(json.loads(cel), velden)  # a file of ours: a bad cell is a bug


def _uit_json(waarde: Any, velden: tuple[str, ...]) -> Iterator[Any]:
    if isinstance(waarde, list):
        for item in waarde:
            yield from _uit_json(item, velden)
    elif isinstance(waarde, dict):
        for sleutel, item in waarde.items():
            if sleutel in velden:
                yield item
            else:
                yield from _uit_json(item, velden)
