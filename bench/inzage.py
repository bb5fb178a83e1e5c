"""Benchmark: assembling the answer to an access request for one person.

    BENCH_HUISHOUDENS=2000 BENCH_VERWERKINGEN=1000 python -m bench.inzage

A synthetic Netherlands of `BENCH_HUISHOUDENS` households goes through the source intake into
the Cosmos emulator; the person with the most source records is the subject, with
`BENCH_VERWERKINGEN` processings of his data on record (two years of a heavy user: monthly
checks, calculations, toetsen). The time to read a person does not grow with the number of
persons (point reads, one partition of the processing log); what it grows with is his own
records and processings, which is what this person has most of.

In the same run:
- reference: the bare reads of the same data (his records in every source, one page of his
  processing log);
- the answer as an operator assembles it (`shared.inzage.antwoord.samenstellen`, five times,
  the median), and its PDF.
The outcome queries (calculations, signals, toetsingen by person) are cross-partition: in
Azure they use the index; the emulator scans its small containers.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

from local.runtime import Platform, Ports
from shared.bronnen import intake
from shared.bronnen.raadplegen import Bronnen
from shared.intake.processing import Bestand
from shared.inzage.antwoord import samenstellen
from shared.inzage.pdf import pdf
from shared.models.inzage import Inzageverzoek, VerzoekStatus
from shared.security import audit
from shared.security.diensten import (
    BVV_BEREKENEN,
    KWIJTSCHELDING_TOETSEN,
    RECHTMATIGHEID_CONTROLEREN,
)
from shared.security.pseudonym import bsn_hash
from shared.settings import audit_hash_key
from shared.storage.verwerkingen import Verwerkingslog
from synth.files import write_world
from synth.world import Wereld

PEIL = date(2026, 5, 31)


def _bronnen(uit: Path) -> Counter[str]:
    """Every source file of the world through the intake; the records per person."""
    per_persoon: Counter[str] = Counter()
    for pad in sorted((uit / "bronnen").rglob("*.csv")):
        bron = pad.parent.parent.name
        regels = pad.read_text(encoding="utf-8").splitlines()
        per_persoon.update(r.split(";", 1)[0] for r in regels[1:-1])
        bestand = Bestand("bronnen", bron, f"{PEIL.isoformat()}/{pad.name}", f"bench-{bron}", "b")
        intake.process(bestand, iter(regels))
    return per_persoon


def _verwerkingen(bsn: str, aantal: int) -> None:
    doelen = (RECHTMATIGHEID_CONTROLEREN, BVV_BEREKENEN, KWIJTSCHELDING_TOETSEN)
    for n in range(aantal):
        audit.verwerkt(f"GM{363 + n % 3:04d}", "bench", doelen[n % 3], [bsn])


def main() -> None:
    huishoudens = int(os.environ.get("BENCH_HUISHOUDENS", "2000"))
    aantal = int(os.environ.get("BENCH_VERWERKINGEN", "1000"))
    with tempfile.TemporaryDirectory(prefix="bench-inzage-") as tmp:
        platform = Platform(Ports.free(), Path(tmp) / "platform")
        platform.start(with_host=False)
        try:
            os.environ.update(platform.settings)
            uit = Path(tmp) / "synth"
            write_world(Wereld(21, PEIL).huishoudens(huishoudens, 0.4), uit, PEIL, huishoudens)
            started = time.perf_counter()
            per_persoon = _bronnen(uit)
            print(
                f"sources of {huishoudens:,} households taken in: {time.perf_counter() - started:.1f} s"
            )
            bsn, records = per_persoon.most_common(1)[0]
            _verwerkingen(bsn, aantal)
            print(f"subject: {records} source records, {aantal:,} processings on record")

            vandaag = datetime.now(UTC).date()
            started = time.perf_counter()
            Bronnen().persoon(bsn, vandaag)
            Verwerkingslog().van(bsn_hash(bsn, audit_hash_key()), page_size=aantal, vervolg=None)
            reference = time.perf_counter() - started

            verzoek = Inzageverzoek(
                id="bench", bsn=bsn, ontvangen_op=vandaag, identiteit="bench", termijn=vandaag,
                uiterste_termijn=vandaag, status=VerzoekStatus.ONTVANGEN, geregistreerd_door="b",
            )  # fmt: skip
            tijden = []
            for _ in range(5):
                started = time.perf_counter()
                antwoord = samenstellen(verzoek, "bench", datetime.now(UTC))
                tijden.append(time.perf_counter() - started)
            started = time.perf_counter()
            brief = pdf(verzoek, antwoord)
            pdf_tijd = time.perf_counter() - started
            samengesteld = statistics.median(tijden)
            print(f"reference (bare reads of the same data): {reference * 1000:.0f} ms")
            print(
                f"answer assembled: {samengesteld * 1000:.0f} ms median of 5 "
                f"(x{samengesteld / reference:.1f} of the reference); "
                f"{sum(len(g.records) for g in antwoord.gegevens)} records, "
                f"{len(antwoord.uitkomsten)} outcomes, {len(antwoord.verwerkingen):,} processings"
            )
            print(f"PDF: {pdf_tijd * 1000:.0f} ms, {len(brief) / 1024:.0f} KiB")
        finally:
            platform.stop()


if __name__ == "__main__":
    main()
