"""What the sources hold, for services: per person (real time) and in bulk (batch).

- `Bronnen.persoon(bsn, peildatum)`: per source, the snapshot in force on the reference
  date and that person's records in it, read only where the snapshot may hold him (its
  filter of persons, `leden`, says which cannot). A snapshot says where its documents are:
  in the person's emmer (`Snapshot.persoonsemmers`), where one query reads all his sources;
  published before that, in its own emmers (`Snapshot.emmers`) or by BSN, a point read each.
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
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from functools import cache, partial
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
from shared.storage.emmers import emmer, persoonsemmer
from shared.storage.ids import document_id

M = TypeVar("M", Bronfeiten, Bronadres)


@dataclass(frozen=True)
class Stand:
    """One source on one person: the snapshot used (None: no snapshot for the date)."""

    bron: str
    snapshot: Snapshot | None
    records: list[BronRecord]


@dataclass(frozen=True)
class _Lezing:
    """What a lookup reads of one source: the snapshot in force (None: none for the date) and
    the person's document id in it (None: the snapshot certainly does not hold him)."""

    bron: str
    snapshot: Snapshot | None
    sleutel: str | None


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

    @staticmethod
    def _in_force(codes: list[str], peildatum: date) -> list[Snapshot | None]:
        """The snapshot in force of each source; publications to read again (every
        `CACHE_SECONDS`) are read side by side, and then the filters not yet at hand."""
        in_force = partial(publicaties().in_force, peildatum=peildatum)
        if all(publicaties().vers(code) for code in codes):
            snapshots = [in_force(code) for code in codes]
        else:
            snapshots = list(_readers().map(in_force, codes))
        filters = {
            (s.ledenfilter, s.gepubliceerd)
            for s in snapshots
            if s is not None and s.ledenfilter is not None
            if not leden.bekend(s.ledenfilter, s.gepubliceerd)
        }
        if filters:
            list(_readers().map(lambda filter_: leden.lees(*filter_), filters))
        return snapshots

    @staticmethod
    def _lezing(bron: str, snapshot: Snapshot | None, bsn: str) -> _Lezing:
        if snapshot is None:
            return _Lezing(bron, None, None)
        sleutel = feiten_id(bsn, bron, snapshot)
        if snapshot.ledenfilter is not None:
            filter_ = leden.lees(snapshot.ledenfilter, snapshot.gepubliceerd)
            if filter_ is not None and not filter_.kan_bevatten(sleutel):
                return _Lezing(bron, snapshot, None)  # certainly not in it: nothing to read
        return _Lezing(bron, snapshot, sleutel)

    def persoon(
        self, bsn: str, peildatum: date, bronnen: Iterable[str] | None = None
    ) -> list[Stand]:
        """What the sources hold on one person as in force on the reference date.

        All sources, or only those a service needs (`bronnen`). The snapshots published by
        person are read together, one query in his emmer; a snapshot published before them
        is a point read of its own, side by side with that query.
        """
        codes = [b.code for b in CATALOGUS] if bronnen is None else list(bronnen)
        unknown = [code for code in codes if code not in BY_CODE]
        if unknown:
            raise ValueError(f"onbekende bronnen: {', '.join(unknown)}")
        snapshots = self._in_force(codes, peildatum)
        lezingen = [
            self._lezing(code, snapshot, bsn)
            for code, snapshot in zip(codes, snapshots, strict=True)
        ]
        per_emmer: dict[str, list[str]] = {}
        opdrachten: list[Callable[[], dict[str, Bronfeiten]]] = []
        for lezing in lezingen:
            snapshot, sleutel = lezing.snapshot, lezing.sleutel
            if snapshot is None or sleutel is None:
                continue
            if snapshot.persoonsemmers is None:
                opdrachten.append(partial(self._los, snapshot, sleutel, bsn))
            else:
                partitie = persoonsemmer(bsn, snapshot.persoonsemmers)
                per_emmer.setdefault(partitie, []).append(sleutel)
        opdrachten += [partial(self.feiten.get_many, p, ids) for p, ids in per_emmer.items()]
        gevonden: dict[str, Bronfeiten] = {}
        if opdrachten:  # the last one here, the others beside it
            futures = [_readers().submit(opdracht) for opdracht in opdrachten[:-1]]
            gevonden.update(opdrachten[-1]())
            for future in futures:
                gevonden.update(future.result())
        return [self._stand(lezing, gevonden.get(lezing.sleutel or ""), bsn) for lezing in lezingen]

    def _los(self, snapshot: Snapshot, sleutel: str, bsn: str) -> dict[str, Bronfeiten]:
        found = _lees(snapshot, sleutel, self.feiten, self.feiten_per_bsn, bsn)
        return {sleutel: found} if found else {}

    @staticmethod
    def _stand(lezing: _Lezing, found: Bronfeiten | None, bsn: str) -> Stand:
        if lezing.snapshot is None:
            return Stand(lezing.bron, None, [])
        model = BY_CODE[lezing.bron].model
        context = {"peildatum": lezing.snapshot.peildatum}
        records = [
            model.model_validate({**r, "bsn": bsn}, context=context)
            for r in (found.records if found else [])
        ]
        return Stand(lezing.bron, lezing.snapshot, records)

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
