"""Benchmark: the monthly inkomstenverrekening (OIB) of a national delivery.

    BENCH_HUISHOUDENS=1520000 python -m bench.oib   (default: national scale)

On the synthetic Netherlands of `bench.rechtmatigheid` (over 600,000 recipients, generated
once into `.local/bench-rechtmatigheid` and reused), in the same run, on the same files:

- reference: the bare DuckDB join of recipients (and partners) with the polis snapshot on
  BSN with period overlap, written to Parquet;
- the inkomstenverrekening of every recipient (`levering.verreken`: the opgaven read and
  de-duplicated in DuckDB, each household's months computed by the rules), first with no
  earlier delivery (everything new), then the next month on the same facts (nothing may be
  delivered again). Files and the stand's upload are not part of it: they are the signal
  files' mechanism, measured in `bench.rechtmatigheid`.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

from bench.rechtmatigheid import PEIL, peak_mb, prepare, reference
from shared.inkomstenverrekening.levering import verreken
from shared.inkomstenverrekening.maanden import Keuze
from shared.rules.oib import Vakantiegeld


def main() -> None:
    households = int(os.environ.get("BENCH_HUISHOUDENS", "1520000"))
    root = Path(os.environ.get("BENCH_ROOT", ".local/bench-rechtmatigheid"))
    work = root / "work-oib"
    work.mkdir(parents=True, exist_ok=True)
    print(f"inkomstenverrekening (OIB): {households:,} households")
    snapshots, populaties = prepare(households, root)
    bestanden = sorted(populaties.values())
    recipients = sum(pq.read_metadata(p).num_rows for p in bestanden)
    polis = {"uwv-polis": snapshots["uwv-polis"]}
    records = pq.read_metadata(polis["uwv-polis"][0]).num_rows
    print(f"  {len(bestanden)} gemeenten, {recipients:,} recipients, {records:,} polis opgaven")
    ref_seconds, ref_rows = reference(bestanden, polis, work)
    print(f"  reference: bare DuckDB join + Parquet  {ref_seconds:7.1f} s  ({ref_rows:,} rows)")
    keuze = Keuze(Vakantiegeld.AANSPRAAK, vrijlating_arbeid=True)
    maand = f"{PEIL:%Y-%m}"
    stand_opgaven: dict[str, str] = {}
    stand_maanden: dict[str, str] = {}
    for run in ("first delivery", "next month, nothing changed"):
        started = time.perf_counter()
        opgaven, maanden = verreken(
            bestanden, snapshots, maand, keuze, stand_opgaven, stand_maanden, work
        )
        seconds = time.perf_counter() - started
        redenen = Counter(
            "computed" if m["reden"] is None else m["reden"].split(":")[0][:60] for m in maanden
        )
        print(
            f"  {run}: {seconds:7.1f} s, {recipients / seconds:,.0f} recipients/s "
            f"(x{seconds / ref_seconds:.1f} of the reference); {len(opgaven):,} opgaven and "
            f"{len(maanden):,} months delivered"
        )
        if maanden:
            print("    months: " + "; ".join(f"{r} {n:,}" for r, n in redenen.most_common(4)))
    print(f"  peak RSS                              {peak_mb():7.0f} MB")


if __name__ == "__main__":
    main()
