"""Writing a snapshot of a source while its file streams in: per person and columnar.

- `PersonDocuments` (real-time services): one Cosmos document per person per snapshot in
  `bronfeitenperemmer`, id = keyed hash(bsn, bron, snapshot), in the person's emmer
  (`shared.storage.emmers.persoonsemmer`, shared by all his sources): written a hundred of
  one emmer at a time, and a retried trigger rewrites the same documents.
- `ParquetParts` (batch services): Parquet parts of about `PART_ROWS` rows in the
  `bronsnapshots` container, written through a local temporary file, so memory stays
  bounded whatever the size of the source.

- `AddressIndex` (real-time services, sources with `Bron.adresindex`): at `publish`, one
  document per address where two or more persons are registered, in
  `bronadressenperemmer`, id = hash(hashed address, snapshot), in the snapshot's emmers,
  holding their BSNs. The addresses are grouped in DuckDB over the local copies of the
  Parquet parts (kept until then), with a memory limit, spilling to disk beyond it.

A file is written in runs of whole persons (`SnapshotPart`: their documents, and their
records as a table), each in any process; the `SnapshotWriter` takes the runs in the file's
order into the Parquet parts and the filter of persons, and publishes. Nothing written is
visible to readers until `publish`; a rejected file's parts are removed and its person and
address documents are never in force (they expire with the container's TTL).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from shared import settings
from shared.bronnen import leden
from shared.bronnen.catalogus import Bron
from shared.bronnen.huishouden import sql_adressleutel
from shared.bronnen.kolommen import schema
from shared.bronnen.publicatie import publicaties
from shared.models.bronnen import BronRecord
from shared.models.bronsnapshot import Bronadres, Bronfeiten, Snapshot
from shared.security.pseudonym import adres_hash
from shared.storage.blobs import PARQUET, BlobStore
from shared.storage.containers import BRONADRESSEN, BRONFEITEN, BlobContainers
from shared.storage.documents import to_document
from shared.storage.duckdb_sql import begrensd
from shared.storage.emmers import EMMERS, EmmerUpserts, emmer, persoonsemmer
from shared.storage.ids import document_id, persoon_id

PART_ROWS = 2_000_000
GROUP_ROWS = 50_000
"""Rows per Parquet row group: parts of a file come in runs of a few thousand persons."""

ADRES_BATCH = 10_000
"""Addresses fetched from DuckDB at a time."""
GEHEUGEN = "512MB"
"""DuckDB's memory limit while it groups the addresses (beyond it, it spills to disk)."""


def feiten_id(bsn: str, bron: str, snapshot: Snapshot | str) -> str:
    """The id of what one snapshot of one source holds on one person: keyed, as the BSN is
    in its natural key (ids appear in dependency telemetry)."""
    code = snapshot.snapshot if isinstance(snapshot, Snapshot) else snapshot
    return persoon_id(bsn, bron, code)


def indexadres(sleutel: str) -> str:
    """An address (`Adres.sleutel`) as the index knows it: a keyed hash (the audit key), so
    the stored index names no address."""
    return adres_hash(sleutel, settings.audit_hash_key())


class PersonDocuments:
    def __init__(self, bron: Bron, snapshot: str, peildatum: date) -> None:
        self.bron = bron
        self.snapshot = snapshot
        self.peildatum = peildatum
        self.upserts = EmmerUpserts(BRONFEITEN)

    def add(self, bsn: str, sleutel: str, records: list[BronRecord]) -> None:
        """One person's document; `sleutel` is its id (`feiten_id`)."""
        self.upserts.add(
            to_document(
                Bronfeiten(
                    id=sleutel,
                    emmer=persoonsemmer(bsn, EMMERS),
                    bsn=bsn,
                    bron=self.bron.code,
                    snapshot=self.snapshot,
                    peildatum=self.peildatum,
                    records=[r.model_dump(mode="json", exclude={"bsn"}) for r in records],
                )
            )
        )

    def finish(self) -> None:
        self.upserts.finish()

    def abandon(self) -> None:
        self.upserts.abandon()


class AddressIndex:
    """The persons at each shared address of one snapshot, written to `bronadressenperemmer`."""

    def __init__(self, snapshot: str, peildatum: date) -> None:
        self.snapshot = snapshot
        self.peildatum = peildatum
        self.upserts = EmmerUpserts(BRONADRESSEN)

    def write(self, parts: list[Path], werkmap: Path) -> int:
        """One document per address of two or more persons in these Parquet parts; how many."""

        if not parts:
            return 0
        sleutel = sql_adressleutel("p")
        query = (
            f"SELECT {sleutel} AS sleutel, "  # noqa: S608 (SQL of ours, no input)
            "list(DISTINCT p.bsn ORDER BY p.bsn) AS bewoners FROM read_parquet($files) p "
            "WHERE p.postcode IS NOT NULL AND p.huisnummer IS NOT NULL "
            "GROUP BY sleutel HAVING count(DISTINCT p.bsn) >= 2"
        )
        connection = begrensd(GEHEUGEN, werkmap)
        try:
            files = [str(part) for part in parts]
            result = connection.sql(query, params={"files": files})
            reader = result.to_arrow_reader(ADRES_BATCH)
            for batch in reader:
                for row in batch.to_pylist():
                    adres = indexadres(row["sleutel"])
                    sleutel = document_id(adres, self.snapshot)
                    self.upserts.add(
                        to_document(
                            Bronadres(
                                id=sleutel,
                                emmer=emmer(self.snapshot, sleutel, EMMERS),
                                adres=adres,
                                snapshot=self.snapshot,
                                peildatum=self.peildatum,
                                bewoners=row["bewoners"],
                            )
                        )
                    )
        except BaseException:
            self.upserts.abandon()
            raise
        finally:
            connection.close()
        self.upserts.finish()
        return self.upserts.written


class ParquetParts:
    """The parts, written locally and uploaded one by one. With `keep_local`, the local copies
    stay (`local`) until `cleanup`, for work on the whole snapshot after `finish`."""

    def __init__(self, bron: Bron, snapshot: str, *, keep_local: bool = False) -> None:
        self.prefix = f"{bron.code}/{snapshot}"
        self.schema = schema(bron.model)
        self.store = BlobStore()
        self.tempdir = tempfile.TemporaryDirectory(prefix="snapshot-")
        self.werkmap = Path(self.tempdir.name)
        self.keep_local = keep_local
        self.local: list[Path] = []
        self.tables: list[pa.Table] = []
        self.rows = 0
        self.part_rows = 0
        self.writer: pq.ParquetWriter | None = None
        self.parts: list[str] = []

    def _local_part(self) -> Path:
        return self.werkmap / f"part-{len(self.parts):05d}.parquet"

    def add(self, table: pa.Table) -> None:
        """Records of the snapshot (in the file's order), as a table of its schema and of
        whole persons; written in row groups of `GROUP_ROWS`. A part is closed only between
        tables, so a person's records are in one part, in the file's order (the matching reads
        a person's latest opgave by its row in the part)."""
        if table.num_rows:
            self.tables.append(table)
            self.rows += table.num_rows
        if self.rows >= GROUP_ROWS:
            self._write_group()

    def _write_group(self) -> None:
        if not self.rows:
            return
        if self.writer is None:
            self.writer = pq.ParquetWriter(self._local_part(), self.schema, compression="zstd")
        self.writer.write_table(pa.concat_tables(self.tables))
        self.part_rows += self.rows
        self.tables, self.rows = [], 0
        if self.part_rows >= PART_ROWS:
            self._close_part()

    def _close_part(self) -> None:
        if self.writer is None:
            return
        self.writer.close()
        self.writer = None
        local = self._local_part()
        path = f"{self.prefix}/{local.name}"
        self.store.upload_file(BlobContainers.BRONSNAPSHOTS, path, local, PARQUET)
        self.parts.append(path)
        self.part_rows = 0
        if self.keep_local:
            self.local.append(local)
        else:
            local.unlink()

    def finish(self) -> list[str]:
        """Every part written; their paths in the `bronsnapshots` container."""
        self._write_group()
        self._close_part()
        if not self.keep_local:
            self.cleanup()
        return [f"{BlobContainers.BRONSNAPSHOTS}/{p}" for p in self.parts]

    def cleanup(self) -> None:
        """Remove the local copies (and DuckDB's spill files in the same directory)."""
        self.tempdir.cleanup()

    def abandon(self) -> None:
        if self.writer is not None:
            self.writer.close()
        for path in self.parts:
            self.store.client(BlobContainers.BRONSNAPSHOTS, path).delete_blob()
        self.cleanup()


@dataclass
class Geschreven:
    """What one part of a snapshot wrote (`SnapshotPart`), handed to its `SnapshotWriter`: the
    part's records as a table (for the Parquet parts) and its persons (for the filter). It
    crosses processes, so it holds no open resources."""

    personen: int
    records: int
    tabel: pa.Table
    leden: leden.Ledenverzameling


class SnapshotPart:
    """Writes the person documents of a run of whole persons of one snapshot, and gathers
    their records for the snapshot's Parquet parts. Many parts of one snapshot may be written
    side by side, each in a process of its own; their documents are never in force until the
    `SnapshotWriter` publishes."""

    def __init__(self, bron: Bron, snapshot: str, peildatum: date) -> None:
        self.bron = bron
        self.snapshot = snapshot
        self.schema = schema(bron.model)
        self.documents = PersonDocuments(bron, snapshot, peildatum)
        self.rows: list[dict[str, Any]] = []
        self.leden = leden.Ledenverzameling()
        self.personen = 0

    def add_person(self, bsn: str, records: list[BronRecord]) -> None:
        """All records of one person (the file is sorted by BSN, so they come together)."""
        self.personen += 1
        sleutel = feiten_id(bsn, self.bron.code, self.snapshot)
        self.documents.add(bsn, sleutel, records)
        self.rows.extend(r.model_dump() for r in records)
        self.leden.voeg_toe(sleutel)

    def finish(self) -> Geschreven:
        """Every document written (or an error); what the writer needs of the rest."""
        self.documents.finish()
        tabel = pa.Table.from_pylist(self.rows, schema=self.schema)
        return Geschreven(self.personen, len(self.rows), tabel, self.leden)

    def abandon(self) -> None:
        self.documents.abandon()


class SnapshotWriter:
    """Makes one snapshot of a source from its parts, in the file's order, and publishes it."""

    def __init__(self, bron: Bron, snapshot: str, peildatum: date) -> None:
        self.bron = bron
        self.snapshot = snapshot
        self.peildatum = peildatum
        self.columns = ParquetParts(bron, snapshot, keep_local=bron.adresindex)
        self.leden = leden.Ledenverzameling()
        self.personen = 0
        self.records = 0

    def part(self) -> SnapshotPart:
        """A part to write in this process."""
        return SnapshotPart(self.bron, self.snapshot, self.peildatum)

    def add(self, geschreven: Geschreven) -> None:
        """A part whose documents are written, in the order of the file."""
        self.personen += geschreven.personen
        self.records += geschreven.records
        self.columns.add(geschreven.tabel)
        self.leden.voeg_samen(geschreven.leden)

    def publish(self) -> Snapshot:
        """Finish the Parquet parts (and the address index of a source that feeds it), then
        make this snapshot the one in force, in one write."""
        parts = self.columns.finish()
        ledenfilter = leden.bewaar(self.bron.code, self.snapshot, self.leden)
        adressen = None
        if self.bron.adresindex:
            index = AddressIndex(self.snapshot, self.peildatum)
            adressen = index.write(self.columns.local, self.columns.werkmap)
            self.columns.cleanup()
        snapshot = Snapshot(
            snapshot=self.snapshot,
            peildatum=self.peildatum,
            gepubliceerd=datetime.now(UTC),
            aantal_records=self.records,
            aantal_personen=self.personen,
            parquet=parts,
            adressen=adressen,
            ledenfilter=ledenfilter,
            emmers=EMMERS,
            persoonsemmers=EMMERS,
        )
        publicaties().publish(self.bron.code, snapshot)
        return snapshot

    def discard(self) -> None:
        """The file is rejected: remove the parts; nothing was published (documents already
        written are never in force and expire with the container's TTL)."""
        self.columns.abandon()
