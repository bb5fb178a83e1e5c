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


PER_SCHRIJF = 100_000
"""Records written to Parquet at a time (`bron_als_parquet`)."""


def bron_als_parquet(uit: Path, peildatum: date, code: str, doel: Path) -> int:
    """The records of source `code` in a generated world (`uit`, as `synth.files.write_world`
    wrote it), validated as the intake validates them, as one Parquet file; how many. Written
    `PER_SCHRIJF` records at a time, so a national-scale file fits in memory."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from shared.bronnen.catalogus import BY_CODE
    from shared.bronnen.intake import SourceRecords
    from shared.bronnen.kolommen import schema
    from shared.storage.blobs import iter_lines

    bron = BY_CODE[code]
    kolommen = schema(bron.model)
    aantal = 0
    with pq.ParquetWriter(doel, kolommen) as out:
        for path in sorted((uit / "bronnen" / code).rglob("*.csv")):
            with path.open("rb") as source:
                chunks = iter(partial(source.read, 4 << 20), b"")
                batch: list[dict[str, object]] = []
                for record in SourceRecords(bron, peildatum).read(iter_lines(chunks)):
                    batch.append(record.model_dump())
                    if len(batch) == PER_SCHRIJF:
                        out.write_table(pa.Table.from_pylist(batch, schema=kolommen))
                        aantal, batch = aantal + len(batch), []
                out.write_table(pa.Table.from_pylist(batch, schema=kolommen))
                aantal += len(batch)
    return aantal


def populatie_als_parquet(bestand: Path, doel: Path) -> None:
    """A gemeente's recipients file of a generated world (`gemeenten/{gemeente}/...csv`) as
    the population Parquet the monthly matching reads."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from shared.models.rechtmatigheid import KOLOMMEN, Ontvanger
    from shared.rechtmatigheid.matching import POPULATIE

    gemeente = bestand.parent.name
    rows = [
        {
            "gemeente": gemeente,
            **Ontvanger.from_row(dict(zip(KOLOMMEN, line.split(";"), strict=True))).model_dump(),
        }
        for line in bestand.read_text().splitlines()[1:-1]
    ]
    pq.write_table(pa.Table.from_pylist(rows, schema=POPULATIE), doel)


def publish_as_parquet(uit: Path, peildatum: date, bronnen: Iterable[str], werkmap: Path) -> None:
    """Publish the sources of a generated world (`uit`) straight as Parquet snapshots
    (`bron_als_parquet`), without the intake's per-person documents: for the batch services,
    which read snapshots in bulk."""
    from shared.bronnen.publicatie import publicaties
    from shared.models.bronsnapshot import Snapshot
    from shared.storage.blobs import PARQUET, BlobStore
    from shared.storage.containers import BlobContainers

    for code in bronnen:
        target = werkmap / f"{code}.parquet"
        rows = bron_als_parquet(uit, peildatum, code, target)
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
