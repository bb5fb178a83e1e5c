"""Benchmark: which engine joins a population against a columnar source snapshot fastest.

A batch service joins a gemeente's population (a set of BSNs) against a source snapshot
(Parquet). This compares, on the same files in the same run, pyarrow (`is_in` filter),
DuckDB (SQL semi-join) and polars (lazy scan + semi-join), reading the snapshot's
Parquet from local disk (a batch job downloads the parts once). Prints seconds and
peak memory per engine; the ratio is against pyarrow.

    BENCH_SYNTH=.local/bench-synth python -m bench.bulk_engines
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from shared.bronnen.catalogus import BY_CODE
from shared.bronnen.kolommen import schema

BRON = "uwv-polis"


def to_parquet(csv_path: Path, target: Path) -> int:
    target_schema = schema(BY_CODE[BRON].model)
    types = {f.name: pa.string() if pa.types.is_decimal(f.type) else f.type for f in target_schema}
    convert = pacsv.ConvertOptions(column_types=types, strings_can_be_null=True)
    closing_line = pacsv.ParseOptions(delimiter=";", invalid_row_handler=lambda row: "skip")
    table = pacsv.read_csv(csv_path, parse_options=closing_line, convert_options=convert)
    pq.write_table(table, target, compression="zstd")
    return int(table.num_rows)


ENGINES = {
    "pyarrow": """
import pyarrow.parquet as pq, pyarrow.compute as pc, pyarrow as pa
t = pq.read_table(PARQUET)
out = t.filter(pc.is_in(t["bsn"], value_set=pa.array(BSNS)))
""",
    "duckdb": """
import duckdb, pyarrow as pa
population = pa.table({"bsn": BSNS})
query = "SELECT s.* FROM read_parquet($f) s SEMI JOIN population p USING (bsn)"
out = duckdb.connect().execute(query, {"f": PARQUET}).to_arrow_table()
""",
    "polars": """
import polars as pl
population = pl.DataFrame({"bsn": BSNS})
out = pl.scan_parquet(PARQUET).join(population.lazy(), on="bsn", how="semi").collect()
""",
}


def run_engine(name: str, parquet: Path, bsns_file: Path) -> tuple[float, float, int]:
    code = f"""
import time
PARQUET = {str(parquet)!r}
BSNS = open({str(bsns_file)!r}).read().split()
started = time.perf_counter()
{ENGINES[name]}
elapsed = time.perf_counter() - started
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0].split()[1]
print(elapsed, int(hwm) / 1024, len(out))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    elapsed, rss, rows = result.stdout.split()
    return float(elapsed), float(rss), int(rows)


def main() -> None:
    synth = Path(os.environ.get("BENCH_SYNTH", ".local/bench-synth"))
    csv_path = next((synth / "bronnen" / BRON).glob("*/*.csv"))
    with tempfile.TemporaryDirectory() as work:
        parquet = Path(work) / f"{BRON}.parquet"
        rows = to_parquet(csv_path, parquet)
        bsns = sorted(set(pq.read_table(parquet, columns=["bsn"])["bsn"].to_pylist()))
        population = random.Random(1).sample(  # noqa: S311 (a sample, not a secret)
            bsns, k=max(1, len(bsns) // 3)
        )
        bsns_file = Path(work) / "bsns.txt"
        bsns_file.write_text("\n".join(population))
        print(f"bulk join: {rows:,} {BRON} records, population {len(population):,} BSNs")
        reference = None
        for name in ENGINES:
            elapsed, rss, found = run_engine(name, parquet, bsns_file)
            reference = reference or elapsed
            ratio = elapsed / reference
            print(f"  {name:8} {elapsed:6.2f} s  x{ratio:4.2f}  peak {rss:7.1f} MB  {found:,} rows")


if __name__ == "__main__":
    main()
