"""Benchmark: assembling the answer to an access request for a person of the national world.

    BENCH_HUISHOUDENS=1520000 BENCH_STANDEN=13 BENCH_VERWERKINGEN=1000 python -m bench.inzage

The subject is the person with the most source records in the synthetic Netherlands of
`bench.rechtmatigheid` (1,520,000 households, generated once into `.local/bench-rechtmatigheid`
and reused). His file is made as large as the platform would hold on him:
- his records of every source in `BENCH_STANDEN` snapshots, one per month-end back from the
  peildatum (13: the platform holds a copy for 400 days after its date), each published by the
  intake's own writer (per-person documents and the columnar parts);
- `BENCH_VERWERKINGEN` processings of his data on record (two years of a heavy user: monthly
  checks, calculations, toetsen);
- outcomes on him: a rechtmatigheid signal in each of 24 monthly runs, stored by the run's
  own repository.
The other persons of the world are not written to the emulator (hours at its rate,
`bench.bronnen`): the answer reads him by key (his sources per reference date in one query
on his emmer, one partition of the processing log), so they do not enter those reads. The
outcome queries are by person across partitions: in Azure they use the index; the emulator
scans its containers, which here hold only his outcomes.

In the same run:
- reference: the bare reads of the same data (his records in every snapshot, his processing
  log), five times, the median;
- the answer as an operator assembles it (`shared.inzage.antwoord.samenstellen`, five times,
  the median), and its PDF.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import duckdb
import pyarrow as pa

from bench.rechtmatigheid import PEIL, prepare
from local.runtime import Platform, Ports
from shared.bronnen.catalogus import BY_CODE
from shared.bronnen.raadplegen import Bronnen
from shared.bronnen.snapshots import SnapshotWriter
from shared.inzage.antwoord import samenstellen
from shared.inzage.pdf import pdf
from shared.models.inzage import Inzageverzoek, VerzoekStatus
from shared.rechtmatigheid.matching import SIGNALEN
from shared.rechtmatigheid.opslag import SignaalRepository
from shared.security import audit
from shared.security.diensten import (
    BVV_BEREKENEN,
    KWIJTSCHELDING_TOETSEN,
    RECHTMATIGHEID_CONTROLEREN,
)
from shared.security.pseudonym import bsn_hash
from shared.settings import audit_hash_key
from shared.storage import clients
from shared.storage.duckdb_sql import bestanden
from shared.storage.verwerkingen import Verwerkingslog


def _maandeinden(aantal: int) -> list[date]:
    """`aantal` month-ends, the peildatum's month first."""
    dagen, dag = [], PEIL
    for _ in range(aantal):
        dagen.append(dag)
        dag = dag.replace(day=1) - timedelta(days=1)
    return dagen


def _onderwerp(snapshots: dict[str, list[str]]) -> tuple[str, dict[str, list[dict[str, object]]]]:
    """The person with the most records over all sources, and his records per source."""
    con = duckdb.connect()
    alle = " UNION ALL ".join(
        f"SELECT bsn FROM read_parquet({bestanden(files)})" for files in snapshots.values()
    )
    [(bsn,)] = con.sql(
        f"SELECT bsn FROM ({alle}) GROUP BY bsn ORDER BY count(*) DESC, bsn LIMIT 1"
    ).fetchall()
    records: dict[str, list[dict[str, object]]] = {}
    for code, files in snapshots.items():
        tabel: pa.Table = con.sql(
            f"SELECT * FROM read_parquet({bestanden(files)}) WHERE bsn = $bsn", params={"bsn": bsn}
        ).to_arrow_table()
        if tabel.num_rows:
            records[code] = tabel.to_pylist()
    return bsn, records


def _standen(bsn: str, records: dict[str, list[dict[str, object]]], dagen: list[date]) -> None:
    """His records in a snapshot of each source on each day, as the intake publishes them."""
    for dag in sorted(dagen):
        for code, rijen in records.items():
            bron = BY_CODE[code]
            writer = SnapshotWriter(bron, f"bench-{code}-{dag.isoformat()}", dag)
            part = writer.part()
            part.add_person(
                bsn, [bron.model.model_validate(r, context={"peildatum": PEIL}) for r in rijen]
            )
            writer.add(part.finish())
            writer.publish()


def _verwerkingen(bsn: str, aantal: int) -> None:
    doelen = (RECHTMATIGHEID_CONTROLEREN, BVV_BEREKENEN, KWIJTSCHELDING_TOETSEN)
    for n in range(aantal):
        audit.verwerkt(f"GM{363 + n % 3:04d}", "bench", doelen[n % 3], [bsn])


def _signalen(bsn: str, maanden: int) -> None:
    """A detention signal on him in each monthly run (each month a new stay)."""
    repository = SignaalRepository()
    for maand in range(maanden):
        rij = {
            "gemeente": "GM0363", "ontvanger": bsn, "betrokkene": bsn, "rol": "aanvrager",
            "type": "DETENTIE", "sleutel": f"bench-{maand}",
            "bewijs": json.dumps({"begindatum": f"2025-{maand % 12 + 1:02d}-01"}),
        }  # fmt: skip
        repository.bewaar(
            pa.Table.from_pylist([rij], schema=SIGNALEN), f"bench-{maand}", datetime.now(UTC)
        )


T = TypeVar("T")


def mediaan_van_vijf(meting: Callable[[], T]) -> tuple[float, T]:
    """Seconds of `meting`, the median of five runs (the first runs of a process fill its
    caches), and its last result."""
    tijden = []
    for _ in range(5):
        started = time.perf_counter()
        resultaat = meting()
        tijden.append(time.perf_counter() - started)
    return statistics.median(tijden), resultaat


def main() -> None:
    households = int(os.environ.get("BENCH_HUISHOUDENS", "1520000"))
    aantal_standen = int(os.environ.get("BENCH_STANDEN", "13"))
    aantal = int(os.environ.get("BENCH_VERWERKINGEN", "1000"))
    root = Path(os.environ.get("BENCH_ROOT", ".local/bench-rechtmatigheid"))
    print(f"inzage: the heaviest person of a world of {households:,} households")
    snapshots, _ = prepare(households, root)
    started = time.perf_counter()
    bsn, records = _onderwerp(snapshots)
    per_stand = sum(len(r) for r in records.values())
    print(
        f"  subject found in {time.perf_counter() - started:.1f} s: {per_stand} records in "
        f"{len(records)} sources"
    )
    dagen = _maandeinden(aantal_standen)
    with tempfile.TemporaryDirectory(prefix="bench-inzage-") as tmp:
        platform = Platform(Ports.free(), Path(tmp) / "platform")
        platform.start(with_host=False)
        try:
            os.environ.update(platform.settings)
            clients.reset()
            started = time.perf_counter()
            _standen(bsn, records, dagen)
            _verwerkingen(bsn, aantal)
            _signalen(bsn, 24)
            print(
                f"  his file written in {time.perf_counter() - started:.1f} s: "
                f"{per_stand * len(dagen):,} records in {len(dagen)} snapshots of each source, "
                f"{aantal:,} processings, 24 signals"
            )

            def kale_lezingen() -> None:
                bronnen = Bronnen()
                for dag in dagen:
                    bronnen.persoon(bsn, dag, list(records))
                log, vervolg = Verwerkingslog(), None
                while True:
                    _, vervolg = log.van(
                        bsn_hash(bsn, audit_hash_key()), page_size=1000, vervolg=vervolg
                    )
                    if vervolg is None:
                        break

            reference, _ = mediaan_van_vijf(kale_lezingen)

            vandaag = datetime.now(UTC).date()
            verzoek = Inzageverzoek(
                id="bench", bsn=bsn, ontvangen_op=vandaag, identiteit="bench", termijn=vandaag,
                uiterste_termijn=vandaag, status=VerzoekStatus.ONTVANGEN, geregistreerd_door="b",
            )  # fmt: skip
            samengesteld, antwoord = mediaan_van_vijf(
                lambda: samenstellen(verzoek, "bench", datetime.now(UTC))
            )
            started = time.perf_counter()
            brief = pdf(verzoek, antwoord)
            pdf_tijd = time.perf_counter() - started
            print(f"  reference (bare reads, median of 5):       {reference * 1000:7.0f} ms")
            print(
                f"  answer assembled, median of 5:            {samengesteld * 1000:7.0f} ms "
                f"(x{samengesteld / reference:.1f} of the reference): "
                f"{sum(len(g.records) for g in antwoord.gegevens):,} records, "
                f"{len(antwoord.uitkomsten)} outcomes, {len(antwoord.verwerkingen):,} processings"
            )
            print(f"  PDF:                                      {pdf_tijd * 1000:7.0f} ms, "
                  f"{len(brief) / 1024:.0f} KiB")  # fmt: skip
        finally:
            platform.stop()


if __name__ == "__main__":
    main()
