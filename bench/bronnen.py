"""Benchmark: source intake throughput and memory, and per-person lookup latency.

Generates a synthetic world (BENCH_HUISHOUDENS households, default 20,000), starts its
own emulators on free ports, and in this process:

- reference: reads every source file back from Azurite line by line (download + decode);
- intake: takes every file through the real pipeline (validation, per-person documents in
  the Cosmos emulator, Parquet parts, publication), source by source;
- lookup: everything the sources hold on BENCH_LOOKUPS random people (`Bronnen.persoon`:
  one query in the person's emmer), after `WARM` lookups of other people: the first few
  dozen lookups of a fresh process and emulator take up to 12 ms while their code paths
  warm up, the next ones under 5 ms (measured); a service answers at the steady state.

Prints records/s per source and in total with the ratio to the reference, the process's
peak memory (VmHWM), and lookup p50/p99 in milliseconds.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from azure.storage.blob import BlobClient

from local.runtime import Platform, Ports
from shared.bronnen import intake as bronintake
from shared.bronnen.raadplegen import Bronnen
from shared.intake.pipeline import BRONNEN, Intake
from shared.processen import processen
from shared.security.admission import Broninname
from shared.storage import blobs, clients
from shared.storage.containers import BlobContainers
from synth.files import write_world
from synth.world import Wereld

PEILDATUM = date(2026, 10, 31)
WARM = 50
"""Lookups of people outside the sample before it is measured."""
BVV_BRONNEN = ("brp-personen", "brp-relaties", "uwv-polis", "uitkeringen", "bd-toeslagen")
"""What a garnishment-free-amount calculation reads."""


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    households = int(os.environ.get("BENCH_HUISHOUDENS", "20000"))
    lookups = int(os.environ.get("BENCH_LOOKUPS", "300"))
    with tempfile.TemporaryDirectory() as work:
        uit = Path(work) / "synth"
        started = time.perf_counter()
        writer = write_world(
            Wereld(11, PEILDATUM).huishoudens(households, 0.4),
            uit,
            PEILDATUM,
            households,
            progress=open(os.devnull, "w"),  # noqa: SIM115
        )
        generated = time.perf_counter() - started
        print(
            f"bronnen benchmark: {households:,} households, {writer.records:,} records "
            f"generated in {generated:.1f} s ({writer.records / generated:,.0f} records/s)"
        )
        platform = Platform(Ports.free(), Path(work) / "platform")
        platform.start(with_host=False)
        try:
            os.environ.update(platform.settings)
            clients.reset()
            run(uit, lookups)
        finally:
            platform.stop()


def _upload(uit: Path) -> dict[str, BlobClient]:
    service = clients.blob_service()
    uploaded = {}
    for path in sorted((uit / "bronnen").rglob("*.csv")):
        name = path.relative_to(uit / "bronnen").as_posix()
        blob = service.get_blob_client(BlobContainers.BRONNEN, name)
        with path.open("rb") as content:
            blob.upload_blob(content, overwrite=True)
        uploaded[name.split("/")[0]] = blob
    return uploaded


def _intake(uploaded: dict[str, BlobClient], lines: int, reference: float) -> None:
    print(f"  intake over {processen()} processes (a file of one part: in this one)")
    total_records, total_seconds = 0, 0.0
    for bron, blob in uploaded.items():
        started = time.perf_counter()
        delivered = Intake(admission=Broninname()).handle(blob, BRONNEN, bronintake.process)
        elapsed = time.perf_counter() - started
        if delivered is None or delivered.status.value != "verwerkt":
            raise SystemExit(f"{bron} not processed: {delivered}")
        records = delivered.aantal_records or 0
        total_records += records
        total_seconds += elapsed
        speed = records / elapsed
        print(f"  intake {bron:24} {records:10,} records {elapsed:7.2f} s  {speed:9,.0f}/s")
    rate = total_records / total_seconds
    slower = (lines / reference) / rate
    print(f"  intake total {total_records:28,} records {total_seconds:7.2f} s  {rate:9,.0f}/s")
    print(f"  ratio: intake is x{slower:,.0f} slower than reading the same files back")
    print(f"  peak memory (VmHWM) {peak_mb():.1f} MB")


def _lookups(uit: Path, count: int) -> None:
    personen = next((uit / "bronnen" / "brp-personen").rglob("*.csv"))
    people = [line.split(";")[0] for line in personen.read_text().splitlines()[1:-1]]
    chosen = random.Random(3).sample(people, min(count + WARM, len(people)))  # noqa: S311
    sample, others = chosen[:count], chosen[count:] or chosen[:1]
    bronnen = Bronnen()
    for bsn in others:  # the publication cache, the connections, the code paths
        bronnen.persoon(bsn, PEILDATUM)
    for label, subset in (("all 15 sources", None), ("5 sources (BVV)", BVV_BRONNEN)):
        timings = []
        for bsn in sample:
            started = time.perf_counter()
            bronnen.persoon(bsn, PEILDATUM, subset)
            timings.append((time.perf_counter() - started) * 1000)
        p50 = statistics.median(timings)
        p99 = statistics.quantiles(timings, n=100)[98]
        print(f"  lookup, {label:16} p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  ({len(sample)} people)")


def run(uit: Path, lookups: int) -> None:
    uploaded = _upload(uit)
    started = time.perf_counter()
    lines = sum(sum(1 for _ in blobs.iter_lines(blobs.iter_chunks(b))) for b in uploaded.values())
    reference = time.perf_counter() - started
    print(
        f"  reference: read back {lines:,} lines in {reference:.2f} s ({lines / reference:,.0f}/s)"
    )
    _intake(uploaded, lines, reference)
    _lookups(uit, lookups)


if __name__ == "__main__":
    main()
