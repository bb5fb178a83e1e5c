"""A result file is never replaced by a partial one, and files that belong together (a CSV
and its JSON) are replaced together or not at all (issue 13 §4)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from azure.storage.blob import BlobClient

from shared.intake.processing import Bestand
from shared.kwijtschelding.verwerking import Rapport
from shared.rechtmatigheid.verwerking import write_signal_files
from shared.storage import clients
from shared.storage.blobs import BlobStore
from shared.storage.containers import BlobContainers

pytestmark = pytest.mark.integration

OUD = b"de vorige, volledige inhoud\n"


@pytest.fixture
def organisatie(app_settings: dict[str, str]) -> str:
    return f"GM{uuid.uuid4().hex[:8]}"


def blob(path: str) -> BlobClient:
    return clients.blob_service().get_blob_client(BlobContainers.TERUGMELDINGEN, path)


def test_a_writer_that_fails_midway_leaves_the_old_content_readable(organisatie: str) -> None:
    path = f"proefaanlevering/{organisatie}/x.csv.terugmelding.json"
    blob(path).upload_blob(OUD, overwrite=True)

    def chunks() -> Iterator[bytes]:
        yield b"x" * (clients.BLOB_CHUNK_BYTES + 1)  # a block is staged
        raise ConnectionError("de schrijver valt weg")

    with pytest.raises(ConnectionError):
        BlobStore().write_stream(BlobContainers.TERUGMELDINGEN, path, chunks(), "text/plain")
    assert blob(path).download_blob().readall() == OUD
    BlobStore().write_stream(BlobContainers.TERUGMELDINGEN, path, [b"nieuw"], "text/plain")
    assert blob(path).download_blob().readall() == b"nieuw"


@pytest.fixture
def json_writes_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write of a `.json` blob fails (the connection drops while it is written)."""

    def failing(name: str) -> Any:
        original = getattr(BlobClient, name)

        def write(self: BlobClient, *args: Any, **kwargs: Any) -> Any:
            if self.blob_name.endswith(".json"):
                raise ConnectionError("de verbinding valt weg")
            return original(self, *args, **kwargs)

        return write

    for name in ("upload_blob", "stage_block", "commit_block_list"):
        monkeypatch.setattr(BlobClient, name, failing(name))


def bestand(dienst: str, organisatie: str) -> Bestand:
    return Bestand(dienst, organisatie, "levering.csv", "id", "corr-12345678")


def test_signal_files_are_replaced_together_or_not_at_all(
    organisatie: str, json_writes_fail: None
) -> None:
    base = f"rechtmatigheid/{organisatie}/levering.csv.signalen"
    blob(f"{base}.csv").upload_blob(OUD, overwrite=True)
    with pytest.raises(ConnectionError):
        write_signal_files(bestand("rechtmatigheid", organisatie), [])
    assert blob(f"{base}.csv").download_blob().readall() == OUD


def test_kwijtschelding_outcomes_are_replaced_together_or_not_at_all(
    organisatie: str, json_writes_fail: None, tmp_path: Path
) -> None:
    base = f"kwijtschelding/{organisatie}/levering.csv.uitkomsten"
    blob(f"{base}.csv").upload_blob(OUD, overwrite=True)
    rapport = Rapport(tmp_path)
    rapport.voeg_toe([])
    with pytest.raises(ConnectionError):
        rapport.schrijf(bestand("kwijtschelding", organisatie))
    assert blob(f"{base}.csv").download_blob().readall() == OUD
