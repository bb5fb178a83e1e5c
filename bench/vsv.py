"""Benchmark: the daily VSV run for a national register.

    BENCH_HUISHOUDENS=1520000 BENCH_JONGEREN=60000 python -m bench.vsv   (default: national)

The register: 60,000 young people followed (the issue's estimate for the whole country,
an estimate, not a count), drawn from the 16- to 26-year-olds of the synthetic Netherlands
of `bench.rechtmatigheid` (generated once into `.local/bench-rechtmatigheid`, reused), with
their polisadministratie, UWV/SVB benefits and the gemeenten's benefits. The day before
lacks the relations of 2% of them (they begin today); today's polis records an end for 1%
(they end today).

In the same run, on the same files:
- reference: the bare DuckDB join of the register with the day's snapshots of the three
  income sources, rows counted;
- the daily run as `Signalen.signaleer` does it: the register read from the store (the
  Cosmos emulator, every followed young person), each source's day against the day before
  for those in priority 1 or without one (`Signalen.vergelijk`), each signal written to the
  store once with its audit entry;
- then the processing per young person held that the daily run writes (`vergeleken`): an
  audit entry and a processing-log line each.
"""

from __future__ import annotations

import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from bench.rechtmatigheid import PEIL, peak_mb, prepare
from local.runtime import Platform, Ports
from shared.models.vsv import Aanmeldreden, Registratie
from shared.storage import clients
from shared.storage.containers import VSV_REGISTER
from shared.storage.documents import to_document
from shared.storage.duckdb_sql import bestanden
from shared.vsv.register import Register, registratie_id
from shared.vsv.relaties import BRONNEN
from shared.vsv.signalen import Paar, Signalen, te_volgen, vergeleken

PUNTEN = 39
"""Doorstroompunten the register is spread over (one per region)."""
EINDE = date(2026, 5, 15)


def _register(con: duckdb.DuckDBPyConnection, brp: list[str], aantal: int) -> list[str]:
    jong, oud = date(PEIL.year - 16, PEIL.month, PEIL.day), date(PEIL.year - 26, 1, 1)
    rijen = con.execute(
        f"SELECT DISTINCT bsn FROM read_parquet({bestanden(brp)}) "
        "WHERE geboortedatum BETWEEN $oud AND $jong ORDER BY hash(bsn) LIMIT $n",
        {"oud": oud, "jong": jong, "n": aantal},
    ).fetchall()
    return [bsn for (bsn,) in rijen]


def _dagen(con: duckdb.DuckDBPyConnection, polis: list[str], work: Path) -> tuple[str, str]:
    """(today's polis, yesterday's): 2% of the register begin today, 1% end today."""
    nu, vorig = work / "polis-nu.parquet", work / "polis-vorig.parquet"
    bron = f"read_parquet({bestanden(polis)})"
    con.execute(
        f"COPY (SELECT * REPLACE (CASE WHEN bsn IN (SELECT bsn FROM register) "
        f"AND hash(bsn) % 100 = 1 THEN DATE '{EINDE}' ELSE einddatum END AS einddatum) "
        f"FROM {bron}) TO '{nu}' (FORMAT parquet)"
    )
    con.execute(
        f"COPY (SELECT * FROM {bron} WHERE NOT (bsn IN (SELECT bsn FROM register) "
        f"AND hash(bsn) % 50 = 2)) TO '{vorig}' (FORMAT parquet)"
    )
    return str(nu), str(vorig)


def reference(con: duckdb.DuckDBPyConnection, paren: dict[str, Paar]) -> tuple[float, int]:
    started = time.perf_counter()
    rows = 0
    for paar in paren.values():
        [(n,)] = con.execute(
            f"SELECT count(*) FROM read_parquet({bestanden(paar.nu)}) JOIN register USING (bsn)"
        ).fetchall()
        rows += n
    return time.perf_counter() - started, rows


def _vul_register(bsns: list[str]) -> None:
    container = clients.cosmos_database().get_container_client(VSV_REGISTER.name)
    registraties = (
        Registratie(
            id=registratie_id(bsn),
            bsn=bsn,
            doorstroompunt=f"DP{i % PUNTEN + 1:02d}",
            aangemeld_op=PEIL,
            reden=Aanmeldreden.VOORTIJDIG_SCHOOLVERLATER,
            prioriteit=None if i % 3 else 1,
        )
        for i, bsn in enumerate(bsns)
    )
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda r: container.upsert_item(to_document(r)), registraties))


def main() -> None:
    households = int(os.environ.get("BENCH_HUISHOUDENS", "1520000"))
    aantal = int(os.environ.get("BENCH_JONGEREN", "60000"))
    root = Path(os.environ.get("BENCH_ROOT", ".local/bench-rechtmatigheid"))
    work = root / "work-vsv"
    work.mkdir(parents=True, exist_ok=True)
    print(f"vsv daily run: {households:,} households, a register of {aantal:,} young people")
    snapshots, _ = prepare(households, root)
    con = duckdb.connect()
    bsns = _register(con, snapshots["brp-personen"], aantal)
    con.register("register", pa.table({"bsn": pa.array(bsns, pa.string())}))
    nu, vorig = _dagen(con, snapshots["uwv-polis"], work)
    paren = {"uwv-polis": Paar(PEIL, [nu], [vorig])}
    for bron in BRONNEN[1:]:
        paren[bron] = Paar(PEIL, snapshots[bron], snapshots[bron])
    records = sum(
        con.execute(f"SELECT count(*) FROM read_parquet({bestanden(p.nu)})").fetchall()[0][0]
        for p in paren.values()
    )
    print(f"  {len(bsns):,} followed; {records:,} records in the day's three income sources")
    ref_seconds, ref_rows = reference(con, paren)
    print(f"  reference: bare DuckDB join             {ref_seconds:7.1f} s  ({ref_rows:,} rows)")
    with tempfile.TemporaryDirectory(prefix="bench-vsv-") as tmp:
        platform = Platform(Ports.free(), Path(tmp) / "platform")
        platform.start(with_host=False)
        try:
            os.environ.update(platform.settings)
            clients.reset()
            _vul_register(bsns)
            moment = datetime(2026, 6, 1, 6, tzinfo=UTC)
            register = Register()
            started = time.perf_counter()
            volgen = te_volgen(register)
            gelezen = time.perf_counter() - started
            nieuw = Signalen(register, clock=lambda: moment).vergelijk(volgen, paren)
            seconds = time.perf_counter() - started
            started = time.perf_counter()
            vergeleken(volgen)
            verantwoord = time.perf_counter() - started
        finally:
            platform.stop()
    print(
        f"  daily run: {seconds:7.1f} s (x{seconds / ref_seconds:.1f} of the reference): "
        f"register read {gelezen:.1f} s ({len(volgen):,} in priority 1 or none), "
        f"{nieuw:,} signals written"
    )
    print(
        f"  and a processing per young person held: {verantwoord:7.1f} s for {len(volgen):,} "
        f"(audit entry and processing-log line each; {len(volgen) / verantwoord:,.0f} persons/s)"
    )
    print(f"  peak RSS                                {peak_mb():7.0f} MB")


if __name__ == "__main__":
    main()
