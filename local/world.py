"""Load a small synthetic world into the running platform: its source files, through intake.

The files are generated (deterministically) and dropped in Azurite at
`bronnen/{bron}/{peildatum}/{bron}.csv`, exactly as a source holder delivers; the local
host's blob trigger takes each through the intake, and a snapshot is in force once its
file is complete.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path

from azure.storage.blob import BlobServiceClient

from local.runtime import Platform
from shared.bronnen.catalogus import CATALOGUS
from synth.files import write_world
from synth.world import Wereld

PEILDATUM = date(2026, 5, 31)
"""Within the period whose beslagvrije-voet amounts are known (to 30 June 2026), so that
every service can be tried on this world."""


def load_world(platform: Platform, *, seed: int = 1, huishoudens: int = 300) -> Path:
    uit = platform.workspace / "synth"
    write_world(Wereld(seed, PEILDATUM).huishoudens(huishoudens, 0.4), uit, PEILDATUM, huishoudens)
    service = BlobServiceClient.from_connection_string(platform.settings["BlobStorage"])
    for path in sorted((uit / "bronnen").rglob("*.csv")):
        blob = path.relative_to(uit / "bronnen").as_posix()
        with path.open("rb") as content:
            service.get_blob_client("bronnen", blob).upload_blob(content, overwrite=True)
    return uit


def wait_until_published(platform: Platform, timeout: float = 120) -> int:
    """Seconds until every source has a snapshot in force on the peildatum."""
    os.environ.update(platform.settings)
    from shared.bronnen.publicatie import publicaties  # reads the settings just set

    started = time.monotonic()
    while True:
        publicaties.cache_clear()
        missing = [b.code for b in CATALOGUS if publicaties().in_force(b.code, PEILDATUM) is None]
        if not missing:
            return round(time.monotonic() - started)
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"no snapshot in force after {timeout}s for: {', '.join(missing)}")
        time.sleep(0.5)


def publish_as_parquet(uit: Path, peildatum: date, bronnen: Iterable[str], werkmap: Path) -> None:
    """Publish the sources of a generated world (`uit`, as `synth.files.write_world` wrote it)
    straight as Parquet snapshots, validated as the intake does but without its per-person
    documents: for the batch services, which read snapshots in bulk. Streams each file, so a
    national-scale world fits in memory."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from shared.bronnen.catalogus import BY_CODE
    from shared.bronnen.intake import SourceRecords
    from shared.bronnen.kolommen import schema
    from shared.bronnen.publicatie import publicaties
    from shared.models.bronsnapshot import Snapshot
    from shared.storage.blobs import PARQUET, BlobStore, iter_lines
    from shared.storage.containers import BlobContainers

    for code in bronnen:
        bron = BY_CODE[code]
        target = werkmap / f"{code}.parquet"
        rows = 0
        with pq.ParquetWriter(target, schema(bron.model)) as out:
            for path in sorted((uit / "bronnen" / code).rglob("*.csv")):
                with path.open("rb") as source:
                    chunks = iter(partial(source.read, 4 << 20), b"")
                    records = SourceRecords(bron, peildatum).read(iter_lines(chunks))
                    batch = [record.model_dump() for record in records]
                rows += len(batch)
                out.write_table(pa.Table.from_pylist(batch, schema=schema(bron.model)))
        blob = f"wereld/{code}/{uuid.uuid4().hex}.parquet"
        BlobStore().upload_file(BlobContainers.BRONSNAPSHOTS, blob, target, PARQUET)
        snapshot = Snapshot(
            snapshot=f"wereld-{uuid.uuid4().hex}",
            peildatum=peildatum,
            gepubliceerd=datetime.now(UTC),
            aantal_records=rows,
            aantal_personen=0,
            parquet=[f"{BlobContainers.BRONSNAPSHOTS}/{blob}"],
        )
        publicaties().publish(code, snapshot)
