"""Writing a snapshot of a source while its file streams in: per person and columnar.

- `PersonDocuments` (real-time services): one Cosmos document per person per snapshot in
  `bronfeiten`, partitioned by BSN, id = hash(bsn, bron, snapshot): a retried trigger
  rewrites the same documents. Writes run concurrently, with a bound on those in flight.
- `ParquetParts` (batch services): Parquet parts of at most `PART_ROWS` rows in the
  `bronsnapshots` container, written through a local temporary file, so memory stays
  bounded whatever the size of the source.

`SnapshotWriter` feeds both. Nothing written is visible to readers until `publish`; a
rejected file's parts are removed and its person documents are never in force (they
expire with the container's TTL).
"""

from __future__ import annotations

import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from shared.bronnen.catalogus import Bron
from shared.bronnen.kolommen import schema
from shared.bronnen.publicatie import publicaties
from shared.models.bronnen import BronRecord
from shared.models.bronsnapshot import Bronfeiten, Snapshot
from shared.storage import clients
from shared.storage.blobs import PARQUET, BlobStore
from shared.storage.containers import BRONFEITEN, BlobContainers
from shared.storage.documents import to_document
from shared.storage.ids import document_id
from shared.storage.throttling import retry_idempotent

PART_ROWS = 2_000_000
BATCH_ROWS = 50_000
WRITERS = 8
"""Concurrent document writes. Measured: the Python SDK spends about a millisecond of CPU per
request, so more threads than this do not write faster (bench/bronnen.py)."""
IN_FLIGHT = 256


class PersonDocuments:
    def __init__(self, bron: Bron, snapshot: str, peildatum: date) -> None:
        self.bron = bron
        self.snapshot = snapshot
        self.peildatum = peildatum
        self.container = clients.cosmos_database().get_container_client(BRONFEITEN.name)
        self.pool = ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="bronfeiten")
        self.slots = threading.BoundedSemaphore(IN_FLIGHT)
        self.pending: list[Future[Any]] = []

    def add(self, bsn: str, records: list[BronRecord]) -> None:
        document = Bronfeiten(
            id=document_id(bsn, self.bron.code, self.snapshot),
            bsn=bsn,
            bron=self.bron.code,
            snapshot=self.snapshot,
            peildatum=self.peildatum,
            records=[r.model_dump(mode="json", exclude={"bsn"}) for r in records],
        )
        self.slots.acquire()
        future = self.pool.submit(self._upsert, to_document(document))
        future.add_done_callback(lambda _: self.slots.release())
        self.pending.append(future)
        if len(self.pending) >= 4 * IN_FLIGHT:
            self._collect(wait=False)

    def _upsert(self, document: dict[str, Any]) -> None:
        retry_idempotent(lambda: self.container.upsert_item(document))

    def _collect(self, *, wait: bool) -> None:
        still = []
        for future in self.pending:
            if wait or future.done():
                future.result()  # a failed write fails the delivery (and so its retry)
            else:
                still.append(future)
        self.pending = still

    def finish(self) -> None:
        self._collect(wait=True)
        self.pool.shutdown()

    def abandon(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class ParquetParts:
    def __init__(self, bron: Bron, snapshot: str) -> None:
        self.prefix = f"{bron.code}/{snapshot}"
        self.schema = schema(bron.model)
        self.store = BlobStore()
        self.tempdir = tempfile.TemporaryDirectory(prefix="snapshot-")
        self.local = Path(self.tempdir.name) / "part.parquet"
        self.rows: list[dict[str, Any]] = []
        self.part_rows = 0
        self.writer: pq.ParquetWriter | None = None
        self.parts: list[str] = []

    def add(self, records: list[BronRecord]) -> None:
        self.rows.extend(r.model_dump() for r in records)
        if len(self.rows) >= BATCH_ROWS:
            self._write_batch()

    def _write_batch(self) -> None:
        if not self.rows:
            return
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.local, self.schema, compression="zstd")
        self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
        self.part_rows += len(self.rows)
        self.rows = []
        if self.part_rows >= PART_ROWS:
            self._close_part()

    def _close_part(self) -> None:
        if self.writer is None:
            return
        self.writer.close()
        self.writer = None
        path = f"{self.prefix}/part-{len(self.parts):05d}.parquet"
        self.store.upload_file(BlobContainers.BRONSNAPSHOTS, path, self.local, PARQUET)
        self.parts.append(path)
        self.part_rows = 0

    def finish(self) -> list[str]:
        """Every part written; their paths in the `bronsnapshots` container."""
        self._write_batch()
        self._close_part()
        self.tempdir.cleanup()
        return [f"{BlobContainers.BRONSNAPSHOTS}/{p}" for p in self.parts]

    def abandon(self) -> None:
        if self.writer is not None:
            self.writer.close()
        for path in self.parts:
            self.store.client(BlobContainers.BRONSNAPSHOTS, path).delete_blob()
        self.tempdir.cleanup()


class SnapshotWriter:
    def __init__(self, bron: Bron, snapshot: str, peildatum: date) -> None:
        self.bron = bron
        self.snapshot = snapshot
        self.peildatum = peildatum
        self.documents = PersonDocuments(bron, snapshot, peildatum)
        self.columns = ParquetParts(bron, snapshot)
        self.personen = 0
        self.records = 0

    def add_person(self, bsn: str, records: list[BronRecord]) -> None:
        """All records of one person (the file is sorted by BSN, so they come together)."""
        self.personen += 1
        self.records += len(records)
        self.documents.add(bsn, records)
        self.columns.add(records)

    def publish(self) -> Snapshot:
        """Finish every write, then make this snapshot the one in force, in one write."""
        parts = self.columns.finish()
        self.documents.finish()
        snapshot = Snapshot(
            snapshot=self.snapshot,
            peildatum=self.peildatum,
            gepubliceerd=datetime.now(UTC),
            aantal_records=self.records,
            aantal_personen=self.personen,
            parquet=parts,
        )
        publicaties().publish(self.bron.code, snapshot)
        return snapshot

    def discard(self) -> None:
        """The file is rejected: stop writing and remove the parts; nothing was published."""
        self.documents.abandon()
        self.columns.abandon()
