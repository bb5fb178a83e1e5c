"""Benchmark: the monthly rechtmatigheid run at national scale.

    BENCH_HUISHOUDENS=1520000 python -m bench.rechtmatigheid   (default: national scale)

A synthetic Netherlands (over 600,000 recipients, over 36 million source records at the
default size) is generated once into `.local/bench-rechtmatigheid` (reused when there).
Its sources are validated as the intake does and written as Parquet snapshots; every
gemeente's delivery file becomes a population file. Then, in the same run, on the same
files:

- reference: a bare DuckDB join of recipients (and partners) with all sources on BSN
  with period overlap, writing the matched rows to Parquet;
- the matching stage of the monthly run (all 15 signal rules), with the ratio;
- a curve: the matching and the reference for the first gemeenten up to 100,000, 300,000
  and 600,000 recipients, and the time each further recipient adds between those points
  (linear growth: a constant step, on top of a fixed part that reads the national snapshots);
- the whole run: matching, storing only new and changed signals in the Cosmos emulator
  (2 processes) and writing the signal files; writes/s, against the write ceiling measured
  in the same emulator (bare upserts of signal-sized documents, same processes and
  threads); peak RSS of this process.

The whole run is measured twice in one emulator: a first run (every signal new), then
the next month on the same world (nothing changed: nothing may be delivered again).
The whole run stores the first BENCH_OPSLAG_GEMEENTEN gemeenten by code (default 20, about
32,000 recipients; the writes/s and their ratio are the figures). All 342 write an audit
entry and a processing-log line for each of about 1.9 million persons a month: about 19
times as long (extrapolated from the 20: some 23 minutes for the two months).
BENCH_OPSLAG_GEMEENTEN=342 for that.
The matching stage always runs on all gemeenten.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import resource
import shutil
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from itertools import pairwise
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
from azure.cosmos import PartitionKey

import synth
from local.runtime import Platform, Ports
from local.world import bron_als_parquet, populatie_als_parquet
from shared.bronnen.catalogus import BY_CODE
from shared.rechtmatigheid.maandrun import run_month
from shared.rechtmatigheid.matching import match
from shared.rechtmatigheid.opslag import SCHRIJVERS
from shared.rechtmatigheid.signaaltypen import SIGNAALTYPEN
from shared.storage import clients
from shared.storage.throttling import retry_idempotent
from synth.files import write_world
from synth.world import Wereld

PEIL = date(2026, 5, 31)
GRENZEN = (800_000, 1_600_000)
PLAFOND = "bench-schrijfplafond"
PLAFOND_DOCUMENTEN = 20_000


def peak_mb() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, children)


def world_version() -> str:
    """Changes whenever the generator does, so a stale cached world is not reused."""
    sources = sorted(Path(synth.__file__).parent.glob("*.py"))
    return hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:12]


def prepare(households: int, root: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    marker = root / f"ready-{households}-{world_version()}"
    uit, parquet = root / "synth", root / "parquet"
    if not marker.exists():
        started = time.perf_counter()
        for stale in [uit, parquet, *root.glob("ready-*")]:
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink(missing_ok=True)
        write_world(Wereld(2026, PEIL).huishoudens(households, 0.4), uit, PEIL, households)
        parquet.mkdir(parents=True, exist_ok=True)
        for code in sorted(p.name for p in (uit / "bronnen").iterdir()):
            bron_als_parquet(uit, PEIL, code, parquet / f"{code}.parquet")
        for path in sorted((uit / "gemeenten").rglob("*.csv")):
            populatie_als_parquet(path, parquet / f"pop-{path.parent.name}.parquet")
        marker.touch()
        print(
            f"  world prepared in {time.perf_counter() - started:.0f} s (generated, validated, Parquet)"
        )
    snapshots = {
        p.stem: [str(p)] for p in parquet.glob("*.parquet") if not p.stem.startswith("pop-")
    }
    populaties = {p.stem.removeprefix("pop-"): str(p) for p in parquet.glob("pop-*.parquet")}
    return snapshots, populaties


def reference(
    populaties: list[str], snapshots: dict[str, list[str]], work: Path
) -> tuple[float, int]:
    facts = []
    for bron, files in snapshots.items():
        model = BY_CODE[bron].model.model_fields
        begin = (
            "begindatum"
            if "begindatum" in model
            else ("peildatum" if "peildatum" in model else "NULL")
        )
        einde = "einddatum" if "einddatum" in model else "NULL"
        facts.append(
            f"SELECT bsn, {begin}::DATE AS b, {einde}::DATE AS e FROM read_parquet({files!r})"
        )
    started = time.perf_counter()
    connection = duckdb.connect()
    connection.execute("SET memory_limit = '1GB'")
    connection.execute(f"SET temp_directory = '{work}'")
    query = (
        f"COPY (WITH pop AS (SELECT bsn, begindatum, einddatum FROM read_parquet({populaties!r}) "
        f"UNION ALL SELECT partner_bsn, begindatum, einddatum FROM read_parquet({populaties!r}) WHERE partner_bsn IS NOT NULL), "
        f"facts AS ({' UNION ALL '.join(facts)}) "
        f"SELECT pop.bsn, facts.b, facts.e FROM pop JOIN facts ON facts.bsn = pop.bsn "
        f"WHERE coalesce(facts.b, DATE '1900-01-01') <= coalesce(pop.einddatum, DATE '{PEIL}') "
        f"AND coalesce(facts.e, DATE '9999-12-31') >= pop.begindatum) TO '{work / 'reference.parquet'}' (FORMAT PARQUET)"
    )
    connection.execute(query)
    rows = connection.execute(f"SELECT count(*) FROM '{work / 'reference.parquet'}'").fetchall()[0][
        0
    ]
    connection.close()
    return time.perf_counter() - started, int(rows)


def _upsert_bare(arguments: tuple[range, dict[str, object]]) -> None:
    """Worker (a process of its own, like the run's): upsert documents, nothing else."""
    numbers, template = arguments
    container = clients.cosmos_database().get_container_client(PLAFOND)

    def upsert(i: int) -> None:
        document = {**template, "id": f"plafond-{i}", "organisatie": f"GM{i % 342:04d}"}
        retry_idempotent(lambda: container.upsert_item(document))

    with ThreadPoolExecutor(max_workers=SCHRIJVERS) as pool:
        list(pool.map(upsert, numbers))


def write_ceiling(processen: int, template: dict[str, object]) -> float:
    """Writes/s of bare upserts with the run's processes and threads, in this emulator."""
    clients.cosmos_database().create_container_if_not_exists(PLAFOND, PartitionKey("/organisatie"))
    parts = [(range(k, PLAFOND_DOCUMENTEN, processen), template) for k in range(processen)]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(processen) as pool:
        pool.map(_upsert_bare, parts)
    return PLAFOND_DOCUMENTEN / (time.perf_counter() - started)


def main() -> None:
    households = int(os.environ.get("BENCH_HUISHOUDENS", "1520000"))
    root = Path(os.environ.get("BENCH_ROOT", ".local/bench-rechtmatigheid"))
    work = root / "work"
    work.mkdir(parents=True, exist_ok=True)
    print(f"rechtmatigheid monthly run: {households:,} households")
    snapshots, populaties = prepare(households, root)
    recipients = sum(pq.read_metadata(p).num_rows for p in populaties.values())
    records = sum(pq.read_metadata(f[0]).num_rows for f in snapshots.values())
    print(f"  {len(populaties)} gemeenten, {recipients:,} recipients, {records:,} source records")
    ref_seconds, ref_rows = reference(list(populaties.values()), snapshots, work)
    print(
        f"  reference: bare DuckDB join + Parquet   {ref_seconds:7.1f} s  ({ref_rows:,} matched rows)"
    )
    started = time.perf_counter()
    resultaat = match(list(populaties.values()), snapshots, PEIL, GRENZEN, work)
    found = resultaat.signalen
    matching_seconds = time.perf_counter() - started
    print(
        f"  matching stage, {len(SIGNAALTYPEN)} signal rules         {matching_seconds:7.1f} s  ({found.num_rows:,} signals, "
        f"{resultaat.gelezen.num_rows:,} other persons read)  "
        f"x{matching_seconds / ref_seconds:.2f} of the reference"
    )
    print("  curve: the first gemeenten up to N recipients, against the same snapshots")
    punten: list[tuple[int, float]] = []
    for doel in (100_000, 300_000, 600_000):
        deel, aantal = [], 0
        for pad in populaties.values():
            if aantal >= doel:
                break
            deel.append(pad)
            aantal += pq.read_metadata(pad).num_rows
        ref, _ = reference(deel, snapshots, work)
        started = time.perf_counter()
        match(deel, snapshots, PEIL, GRENZEN, work)
        seconden = time.perf_counter() - started
        print(
            f"    {aantal:>9,} recipients: matching {seconden:5.1f} s, reference {ref:4.1f} s "
            f"(x{seconden / ref:.2f}); {seconden / aantal * 1e6:.1f} µs per recipient"
        )
        punten.append((aantal, seconden))
    stappen = [(t2 - t1) / (n2 - n1) for (n1, t1), (n2, t2) in pairwise(punten)]
    vast = punten[0][1] - punten[0][0] * (punten[-1][1] - punten[0][1]) / (
        punten[-1][0] - punten[0][0]
    )
    print(
        f"    growth: each further recipient adds "
        f"{' then '.join(f'{stap * 1e6:.1f} µs' for stap in stappen)} "
        f"(the second step x{stappen[1] / stappen[0]:.2f} of the first; linear growth keeps it "
        f"near 1); fixed part, reading the national snapshots, about {vast:.1f} s"
    )
    per_type = Counter(found.column("type").to_pylist())
    print("  signals per type: " + ", ".join(f"{t} {n:,}" for t, n in per_type.most_common()))
    template = found.slice(0, 1).to_pylist()[0]
    del found, resultaat
    sample_size = int(os.environ.get("BENCH_OPSLAG_GEMEENTEN", "20"))
    sample = dict(sorted(populaties.items())[:sample_size])
    sample_recipients = sum(pq.read_metadata(p).num_rows for p in sample.values())
    processen = int(os.environ.get("BENCH_PROCESSEN", "2"))
    platform_dir = root / f"platform-{time.time_ns()}"
    platform = Platform(Ports.free(), platform_dir)
    platform.start(with_host=False)
    try:
        os.environ.update(platform.settings)
        clients.reset()
        ceiling = write_ceiling(processen, template)
        print(
            f"  reference: bare upserts of {PLAFOND_DOCUMENTEN:,} signal-sized documents, "
            f"{processen} processes x {SCHRIJVERS} threads: {ceiling:,.0f} writes/s"
        )
        for month in ("first run", "next month, nothing changed"):
            run_id = f"bench-{time.time_ns()}"
            started = time.perf_counter()
            result = run_month(
                run_id, sample, snapshots, PEIL, GRENZEN, work / run_id, processen=processen
            )
            total = time.perf_counter() - started
            rate = result.geleverd / max(result.opslag_seconden, 1e-9)
            print(
                f"  {month}, {len(sample)} gemeenten ({sample_recipients:,} recipients): "
                f"{total:.1f} s (match {result.matching_seconden:.1f} s, "
                f"store + files {result.opslag_seconden:.1f} s); "
                f"{result.geleverd:,} signals delivered, {rate:,.0f} writes/s "
                f"with {processen} processes (x{rate / ceiling:.2f} of the bare upserts)"
            )
            shutil.rmtree(work / run_id, ignore_errors=True)
    finally:
        platform.stop()
        shutil.rmtree(platform_dir, ignore_errors=True)
    print(f"  peak RSS (this process or a worker)     {peak_mb():7.0f} MB")


if __name__ == "__main__":
    main()
