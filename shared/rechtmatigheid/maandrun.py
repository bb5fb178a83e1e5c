"""The monthly run: every gemeente's recipients against the sources, in one pass.

1. Matching: one DuckDB job over all populations and the snapshots in force writes the
   signals found to Parquet, partitioned by gemeente (streamed, memory bounded by
   `matching.GEHEUGEN`, spilling to disk when needed).
2. Storage: per gemeente, each recipient and partner matched is audited (one processing per
   person), then only new and changed signals are written to Cosmos and to the gemeente's
   signal files; then a marker records that the gemeente is done. The
   gemeenten are spread over `processen` worker processes, each with its own SDK client
   (one client is CPU-bound at about 700 writes/s, whatever its threads), and each
   process stores `GELIJKTIJDIG` gemeenten at a time (`processen=1`: in the calling process).

Stopped at any point and started again with the same run id, the run skips gemeenten with
a marker and redoes the others; because writes are idempotent (deterministic ids, content
hashes), nothing is written twice and nothing is lost.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from shared.intake.processing import Bestand
from shared.rechtmatigheid import matching
from shared.rechtmatigheid.opslag import SignaalRepository
from shared.rechtmatigheid.verwerking import audit_gecontroleerd, write_signal_files
from shared.storage import clients
from shared.storage.containers import BlobContainers

log = logging.getLogger(__name__)
SIGNALEN, GELEZEN = "signalen", "gelezen"
"""The tables of stage 1, each a folder of `werkmap`."""

GELIJKTIJDIG = 3
"""Gemeenten stored at once per process: one gemeente's index reads and file uploads
overlap another's signal writes (a gemeente has a few hundred signals, so those fixed
round trips weigh)."""


@dataclass(frozen=True)
class Resultaat:
    gemeenten: int
    overgeslagen: int
    signalen_gevonden: int
    geleverd: int
    matching_seconden: float
    opslag_seconden: float


def _marker(run_id: str, gemeente: str) -> str:
    return f"rechtmatigheid/maandrun/{run_id}/{gemeente}.klaar"


def _done(run_id: str, gemeente: str) -> bool:
    blob = clients.blob_service().get_blob_client(
        BlobContainers.TERUGMELDINGEN, _marker(run_id, gemeente)
    )
    return bool(blob.exists())


def _store(arguments: tuple[str, str, list[tuple[str, str]]]) -> tuple[int, int]:
    """Worker of the pool (a process of its own, so with its own SDK client): store some
    gemeenten's signals; returns (found, delivered)."""
    try:
        return _store_gemeenten(*arguments)
    except Exception as error:  # SDK errors carry tracebacks that cannot cross processes
        raise RuntimeError(f"{type(error).__name__}: {error}") from None


def _store_gemeenten(run_id: str, folder: str, gemeenten: list[tuple[str, str]]) -> tuple[int, int]:
    """`gemeenten`: each with its population."""
    repository = SignaalRepository()
    store = partial(_store_gemeente, repository, run_id, folder)
    with ThreadPoolExecutor(max_workers=GELIJKTIJDIG, thread_name_prefix="gemeenten") as pool:
        results = list(pool.map(lambda g: store(*g), gemeenten))
    return sum(r[0] for r in results), sum(r[1] for r in results)


def _store_gemeente(
    repository: SignaalRepository, run_id: str, folder: str, gemeente: str, populatie: str
) -> tuple[int, int]:
    if _done(run_id, gemeente):
        return 0, 0
    table = _deel(Path(folder) / SIGNALEN, gemeente, matching.SIGNALEN)
    gelezen = _deel(Path(folder) / GELEZEN, gemeente, matching.GELEZEN)
    audit_gecontroleerd(gemeente, populatie, gelezen.column("bsn").to_pylist())
    bestand = Bestand(
        "rechtmatigheid", gemeente, f"maandrun-{run_id}", f"maandrun-{run_id}", run_id
    )
    signalen = repository.bewaar(
        table,
        f"maandrun-{run_id}",
        datetime.now(UTC),
        leveren=partial(write_signal_files, bestand),
    )
    clients.blob_service().get_blob_client(
        BlobContainers.TERUGMELDINGEN, _marker(run_id, gemeente)
    ).upload_blob(b"", overwrite=True)
    return table.num_rows, len(signalen)


def _deel(folder: Path, gemeente: str, schema: pa.Schema) -> pa.Table:
    """The gemeente's part of a table `match_all` wrote."""
    part = folder / f"gemeente={gemeente}"
    table = pq.read_table(part) if part.exists() else schema.empty_table()
    if "gemeente" not in table.column_names:
        table = table.append_column("gemeente", [[gemeente] * table.num_rows])
    return table.select(schema.names).cast(schema)


def match_all(
    populaties: list[str],
    snapshots: dict[str, list[str]],
    peildatum: date,
    grenzen: matching.Vermogensgrenzen,
    werkmap: Path,
) -> Path:
    """Stage 1: all signals and the persons read, written as Parquet partitioned by gemeente
    in `werkmap` (returned)."""
    werkmap.mkdir(parents=True, exist_ok=True)
    resultaat = matching.match(populaties, snapshots, peildatum, grenzen, werkmap)
    connection = duckdb.connect()
    for naam, table in ((SIGNALEN, resultaat.signalen), (GELEZEN, resultaat.gelezen)):
        connection.register(naam, table)
        connection.execute(
            f"COPY {naam} TO '{werkmap / naam}' "
            "(FORMAT PARQUET, PARTITION_BY (gemeente), OVERWRITE_OR_IGNORE)"
        )
    connection.close()
    return werkmap


def run_month(
    run_id: str,
    populaties: dict[str, str],
    snapshots: dict[str, list[str]],
    peildatum: date,
    grenzen: matching.Vermogensgrenzen,
    werkmap: Path,
    processen: int = 2,
) -> Resultaat:
    started = time.perf_counter()
    folder = match_all(list(populaties.values()), snapshots, peildatum, grenzen, werkmap)
    matched = time.perf_counter() - started
    todo = [g for g in sorted(populaties) if not _done(run_id, g)]
    chunks = [[(g, populaties[g]) for g in todo[i::processen]] for i in range(processen)]
    work = [(run_id, str(folder), chunk) for chunk in chunks if chunk]
    started = time.perf_counter()
    if processen == 1:  # in this process: no interpreter to start for a single worker
        results = [_store_gemeenten(*arguments) for arguments in work]
    else:
        with multiprocessing.get_context("spawn").Pool(processen) as pool:
            results = pool.map(_store, work)
    stored = time.perf_counter() - started
    return Resultaat(
        gemeenten=len(populaties),
        overgeslagen=len(populaties) - len(todo),
        signalen_gevonden=sum(r[0] for r in results),
        geleverd=sum(r[1] for r in results),
        matching_seconden=matched,
        opslag_seconden=stored,
    )
