"""Benchmark at national scale: generation, validation, columnar snapshots, a bulk join.

    BENCH_HUISHOUDENS=1520000 python -m bench.national     (default 1,520,000 households)

With the default size the synthetic Netherlands holds over 600,000 benefit recipients
with their households and well over 20 million source records. Measured, each step in a
process of its own (so its peak memory is its own):

1. generation of all files (synth);
2. every source file read and validated by the intake's own record checks, and written
   as Parquet parts to Azurite (the columnar snapshot), as the intake does;
3. a DuckDB join of the recipients (a national population) against the polis snapshot.

The per-person Cosmos documents are not written at this scale: the emulator takes about a
thousand documents a second (bench/bronnen.py measures it), which would take hours here;
their rate is reported by `bench/bronnen.py` at a size the emulator can take.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from local.runtime import Platform, Ports

STEP_GENERATE = """
import sys, time
from datetime import date
from pathlib import Path
from typing import Any
from synth.files import write_world
from synth.world import Wereld
households, uit = int(sys.argv[1]), Path(sys.argv[2])
started = time.perf_counter()
writer = write_world(Wereld(2026, date(2026, 10, 31)).huishoudens(households, 0.4), uit,
                     date(2026, 10, 31), households)
files = list((uit / "gemeenten").rglob("*.csv"))
recipients = sum(1 for p in files for _ in p.open()) - 2 * len(files)
seconds = time.perf_counter() - started
print(RESULT, {"records": writer.records, "recipients": recipients, "seconds": seconds})
"""

STEP_VALIDATE_AND_WRITE = """
import sys, time
import pyarrow as pa
from datetime import date
from pathlib import Path
from typing import Any
from shared.bronnen.catalogus import BY_CODE
from shared.bronnen.intake import SourceRecords
from shared.bronnen.snapshots import ParquetParts
from shared.storage.blobs import iter_lines
uit = Path(sys.argv[1])
results = {}
for path in sorted((uit / "bronnen").rglob("*.csv")):
    bron = BY_CODE[path.parent.parent.name]
    started = time.perf_counter()
    records = SourceRecords(bron, date(2026, 10, 31))
    parts = ParquetParts(bron, "national-bench")
    with path.open("rb") as source:
        chunks = iter(lambda: source.read(4 << 20), b"")
        batch = []
        for record in records.read(iter_lines(chunks)):
            if len(batch) >= 50_000 and batch[-1]["bsn"] != record.bsn:  # whole persons a table
                parts.add(pa.Table.from_pylist(batch, schema=parts.schema))
                batch = []
            batch.append(record.model_dump())
        parts.add(pa.Table.from_pylist(batch, schema=parts.schema))
    problems = records.verdict()
    written = parts.finish()
    seconds = time.perf_counter() - started
    count = records.result.aantal_records
    results[bron.code] = {"records": count, "problems": len(problems), "parts": len(written),
                          "seconds": seconds}
    print(f"  {bron.code:24} {count:11,} records {seconds:7.1f} s", file=sys.stderr, flush=True)
print(RESULT, results)
"""

STEP_JOIN = """
import sys, time, pyarrow as pa, duckdb
from pathlib import Path
from typing import Any
from shared.storage import clients
uit, work = Path(sys.argv[1]), Path(sys.argv[2])
container = clients.blob_service().get_container_client("bronsnapshots")
files = []
started = time.perf_counter()
for blob in container.list_blobs(name_starts_with="uwv-polis/national-bench/"):
    target = work / blob.name.replace("/", "_")
    with target.open("wb") as local:
        for chunk in container.get_blob_client(blob.name).download_blob().chunks():
            local.write(chunk)
    files.append(str(target))
downloaded = time.perf_counter() - started
bsns = [line.split(";")[0] for p in (uit / "gemeenten").rglob("*.csv")
        for line in p.read_text().splitlines()[1:-1]]
started = time.perf_counter()
connection = duckdb.connect()
connection.register("population", pa.table({"bsn": bsns}))
query = "SELECT count(*) FROM read_parquet($f) s SEMI JOIN population p USING (bsn)"
rows = connection.sql(query, params={"f": files}).fetchall()[0][0]
print(RESULT, {"population": len(bsns), "rows": rows, "download_seconds": downloaded,
               "join_seconds": time.perf_counter() - started})
"""

RESULT = "RESULT"


def step(code: str, *args: str, env: dict[str, str] | None = None) -> tuple[dict[str, Any], float]:
    wrapped = (
        f"RESULT = {RESULT!r}\n{code}\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
        "print('PEAK', int(hwm) / 1024)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapped, *args],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    lines = result.stdout.splitlines()
    data = next(line for line in lines if line.startswith(RESULT)).removeprefix(RESULT).strip()
    peak = float(next(line for line in lines if line.startswith("PEAK")).split()[1])
    return json.loads(data.replace("'", '"')), peak


def main() -> None:
    households = int(os.environ.get("BENCH_HUISHOUDENS", "1520000"))
    with tempfile.TemporaryDirectory() as work:
        uit = Path(work) / "synth"
        print(f"national benchmark: {households:,} households", flush=True)
        generated, peak = step(STEP_GENERATE, str(households), str(uit))
        records, seconds = generated["records"], generated["seconds"]
        print(
            f"1. generation: {records:,} records, {generated['recipients']:,} benefit recipients, "
            f"{seconds:.0f} s ({records / seconds:,.0f} records/s), peak {peak:.0f} MB",
            flush=True,
        )
        platform = Platform(Ports.free(), Path(work) / "platform")
        platform.start(with_host=False)
        try:
            validated, peak = step(STEP_VALIDATE_AND_WRITE, str(uit), env=platform.settings)
            total = sum(v["records"] for v in validated.values())
            seconds = sum(v["seconds"] for v in validated.values())
            problems = sum(v["problems"] for v in validated.values())
            print(
                f"2. validation + Parquet: {total:,} records in {seconds:.0f} s "
                f"({total / seconds:,.0f} records/s), {problems} files with problems, "
                f"peak {peak:.0f} MB",
                flush=True,
            )
            joined, peak = step(STEP_JOIN, str(uit), work, env=platform.settings)
            print(
                f"3. bulk join: {joined['population']:,} recipients against the polis snapshot: "
                f"{joined['rows']:,} rows in {joined['join_seconds']:.1f} s "
                f"(download {joined['download_seconds']:.1f} s), peak {peak:.0f} MB",
                flush=True,
            )
        finally:
            platform.stop()


if __name__ == "__main__":
    main()
