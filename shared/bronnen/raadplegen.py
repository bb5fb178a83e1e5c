"""What the sources hold, for services: per person (real time) and in bulk (batch).

- `Bronnen.persoon(bsn, peildatum)`: per source, the snapshot in force on the reference
  date and that person's records in it: one point read per source that may hold him (its
  filter of persons, `leden`, says which cannot), all at once. A snapshot says where its
  documents are (`Snapshot.emmers`): in its emmers, or, published before them, by BSN.
- `Bronnen.bulk(bron, peildatum, bsns)`: the records of a population in the snapshot in
  force, joined in DuckDB against the snapshot's Parquet parts (downloaded once to a
  temporary directory). DuckDB was chosen by measurement (`python -m bench.bulk_engines`):
  on a million polis records DuckDB and polars both joined in about half the time of
  pyarrow; DuckDB used the least memory of the three and states the join as plain SQL.
- `Bronnen.bewoners(adres, peildatum)`: the BSNs registered at an address in the
  `brp-personen` snapshot in force, from the address index (`bronadressenperemmer`): one point read.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TypeVar

import pyarrow as pa

from shared.bronnen import leden
from shared.bronnen.catalogus import ADRESBRON, BY_CODE, CATALOGUS
from shared.bronnen.huishouden import Adres
from shared.bronnen.publicatie import publicaties
from shared.bronnen.snapshots import feiten_id, indexadres
from shared.models.bronnen import BronRecord
from shared.models.bronsnapshot import Bronadres, Bronfeiten, Snapshot
from shared.storage import clients
from shared.storage.blobs import download
from shared.storage.containers import (
    BRONADRESSEN,
    BRONADRESSEN_PER_ADRES,
    BRONFEITEN,
    BRONFEITEN_PER_BSN,
    BlobContainers,
)
from shared.storage.documents import DocumentRepository
from shared.storage.emmers import emmer
from shared.storage.ids import document_id

M = TypeVar("M", Bronfeiten, Bronadres)


@dataclass(frozen=True)
class Stand:
    """One source on one person: the snapshot used (None: no snapshot for the date)."""

    bron: str
    snapshot: Snapshot | None
    records: list[BronRecord]


class GeenAdresindex(LookupError):
    """No snapshot of the address source is in force on the date, or the one in force was
    published without an address index: who lives where is unknown, not "nobody"."""


@cache
def _readers() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=len(CATALOGUS), thread_name_prefix="bronnen")


def _lees(
    snapshot: Snapshot,
    sleutel: str,
    in_emmers: DocumentRepository[M],
    voor_de_emmers: DocumentRepository[M],
    partitie_voor_de_emmers: str,
) -> M | None:
    """A snapshot's document by its id: in the snapshot's emmer, or, for a snapshot published
    before the emmers, in the older container under its partition there."""
    if snapshot.emmers is None:
        found = voor_de_emmers.get(partitie_voor_de_emmers, sleutel)
    else:
        found = in_emmers.get(emmer(snapshot.snapshot, sleutel, snapshot.emmers), sleutel)
    return found[0] if found else None


class Bronnen:
    def __init__(self) -> None:
        self.feiten = DocumentRepository(BRONFEITEN, Bronfeiten)
        self.feiten_per_bsn = DocumentRepository(BRONFEITEN_PER_BSN, Bronfeiten)
        self.adressen = DocumentRepository(BRONADRESSEN, Bronadres)
        self.adressen_per_adres = DocumentRepository(BRONADRESSEN_PER_ADRES, Bronadres)

    def _stand(self, bron: str, bsn: str, peildatum: date) -> Stand:
        snapshot = publicaties().in_force(bron, peildatum)
        if snapshot is None:
            return Stand(bron, None, [])
        sleutel = feiten_id(bsn, bron, snapshot)
        if snapshot.ledenfilter is not None:
            filter_ = leden.lees(snapshot.ledenfilter, snapshot.gepubliceerd)
            if filter_ is not None and not filter_.kan_bevatten(sleutel):
                return Stand(bron, snapshot, [])  # certainly not in it: nothing to read
        found = _lees(snapshot, sleutel, self.feiten, self.feiten_per_bsn, bsn)
        model = BY_CODE[bron].model
        records = [
            model.model_validate({**r, "bsn": bsn}, context={"peildatum": snapshot.peildatum})
            for r in (found.records if found else [])
        ]
        return Stand(bron, snapshot, records)

    def persoon(
        self, bsn: str, peildatum: date, bronnen: Iterable[str] | None = None
    ) -> list[Stand]:
        """What the sources hold on one person as in force on the reference date.

        All sources, or only those a service needs (`bronnen`): each one is a point read.
        """
        codes = [b.code for b in CATALOGUS] if bronnen is None else list(bronnen)
        unknown = [code for code in codes if code not in BY_CODE]
        if unknown:
            raise ValueError(f"onbekende bronnen: {', '.join(unknown)}")
        readers = _readers()
        futures = [readers.submit(self._stand, code, bsn, peildatum) for code in codes]
        return [future.result() for future in futures]

    def bewoners(self, adres: Adres, peildatum: date) -> list[str]:
        """The BSNs registered at the address in the `brp-personen` snapshot in force on the
        date, sorted, when two or more persons are; [] when one or none is (the index keeps
        shared addresses only: a person living alone finds [], not himself).

        Registered in the snapshot, as the source holds it: whether each one lived there on
        the date (`adres_sinds`, `overlijdensdatum`) is for the caller to read in his
        records (`huishouden.afleiden` does). One point read.

        Raises `GeenAdresindex` when no snapshot with an address index is in force.
        """
        snapshot = publicaties().in_force(ADRESBRON.code, peildatum)
        if snapshot is None or snapshot.adressen is None:
            raise GeenAdresindex(
                f"geen stand van {ADRESBRON.code} met adresindex op {peildatum.isoformat()}"
            )
        geindexeerd = indexadres(adres.sleutel)
        sleutel = document_id(geindexeerd, snapshot.snapshot)
        found = _lees(snapshot, sleutel, self.adressen, self.adressen_per_adres, geindexeerd)
        return list(found.bewoners) if found else []

    def bulk(
        self,
        bron: str,
        peildatum: date,
        bsns: Iterable[str],
        werkmap: Path | None = None,
        where: str | None = None,
        params: dict[str, object] | None = None,
    ) -> tuple[Snapshot | None, pa.Table]:
        """The records of these people in the snapshot in force (an empty table if none).

        With a `werkmap`, the snapshot's parts are downloaded there once and reused by the
        next calls (a batch reads its population in chunks); without, to a temporary one.
        With `where` (DuckDB SQL over the snapshot as `s`, with `params`), the records that
        match it instead of those of `bsns` (e.g. everyone at a set of addresses).
        """
        import duckdb  # imported here: only batch services pay for loading it

        from shared.bronnen.kolommen import schema

        snapshot = publicaties().in_force(bron, peildatum)
        if snapshot is None or not snapshot.parquet:
            return snapshot, schema(BY_CODE[bron].model).empty_table()
        population = pa.table({"bsn": pa.array(sorted(set(bsns)), pa.string())})
        with (
            nullcontext(str(werkmap)) if werkmap else tempfile.TemporaryDirectory(prefix="bulk-")
        ) as work:
            files = [self._download(path, Path(work)) for path in snapshot.parquet]
            connection = duckdb.connect()
            connection.register("population", population)
            query = (
                f"SELECT s.* FROM read_parquet($files) s WHERE {where}"  # noqa: S608 (SQL of ours)
                if where
                else "SELECT s.* FROM read_parquet($files) s SEMI JOIN population p USING (bsn)"
            )
            arguments = {"files": files, **(params or {})}
            table: pa.Table = connection.sql(query, params=arguments).to_arrow_table()
            connection.close()
        return snapshot, table

    @staticmethod
    def _download(path: str, work: Path) -> str:
        container, blob_path = path.split("/", 1)
        if container != BlobContainers.BRONSNAPSHOTS:
            raise ValueError(f"not a snapshot part: {path}")
        target = work / blob_path.replace("/", "_")
        if target.exists():
            return str(target)
        blob = clients.blob_service().get_blob_client(container, blob_path)
        return str(download(blob, target))
