"""Benchmark: a large delivery streams through the intake pipeline in bounded memory.

Generates a delivery of BENCH_MB megabytes (default 256) and uploads it as GM0363's
system would: through the SAS URL of an upload grant (never on disk, never whole in
memory). Then it measures in the same run:

- reference: downloading the blob in chunks and hashing it (the I/O floor);
- pipeline: the full intake of the same file (hash pass + connection check + audit +
  line-by-line processing + Cosmos updates + feedback report), as `proefaanlevering`
  processes it for GM0363 (connected by the local seed).

Prints throughput, the ratio pipeline/reference, and the process's peak memory before
and after the pipeline (its growth is what the pipeline holds, independent of file size).
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from azure.storage.blob import BlobClient

from local.runtime import Platform, Ports
from shared.intake import proefaanlevering
from shared.intake.pipeline import Intake
from shared.intake.uploads import uitgeven
from shared.security.admission import Aansluitingstoets
from shared.security.diensten import PROEFAANLEVERING_TESTEN
from shared.storage import blobs, clients

GEMEENTE = "GM0363"
"""Connected to proefaanlevering by the local seed."""
RECORD = b"111222333;PW;2026-01-01;2026-12-31;NL91ABNA0417164300\n"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def mb_per_s(size: int, seconds: float) -> str:
    return f"{size / seconds / 2**20:7.1f} MB/s"


def generated(megabytes: int) -> Iterator[bytes]:
    yield b"bsn;regeling;begin;einde;iban\n"
    chunk = RECORD * (4 * 1024 * 1024 // len(RECORD))
    remaining = megabytes * 1024 * 1024
    while remaining > 0:
        yield chunk[:remaining]
        remaining -= len(chunk)


def main() -> None:
    megabytes = int(os.environ.get("BENCH_MB", "256"))
    with tempfile.TemporaryDirectory() as workspace:
        platform = Platform(Ports.free(), Path(workspace))
        platform.start(with_host=False, seed=True)
        try:
            os.environ.update(platform.settings)
            clients.reset()
            run(megabytes)
        finally:
            platform.stop()


def run(megabytes: int) -> None:
    name = f"bench-{megabytes}mb.csv"
    grant = uitgeven(
        aanvrager=GEMEENTE,
        client_id="bench",
        namens=GEMEENTE,
        dienst=proefaanlevering.DIENST,
        bestandsnaam=name,
    )
    print(f"intake benchmark: {megabytes} MB delivery, {len(RECORD)}-byte records")
    started = time.perf_counter()
    upload = BlobClient.from_blob_url(grant.upload_url)  # may write, not read
    upload.upload_blob(generated(megabytes))
    blob = clients.blob_service().get_blob_client(upload.container_name, upload.blob_name)
    print(f"  upload (generated, streamed)   {time.perf_counter() - started:7.2f} s")

    rss_before = peak_rss_mb()
    started = time.perf_counter()
    digest, size = blobs.sha256_of(blobs.iter_chunks(blob))
    reference = time.perf_counter() - started
    print(f"  reference: download + sha256   {reference:7.2f} s  {mb_per_s(size, reference)}")

    started = time.perf_counter()
    intake = Intake(admission=Aansluitingstoets(PROEFAANLEVERING_TESTEN))
    delivered = intake.handle(blob, proefaanlevering.DIENST, proefaanlevering.process)
    pipeline = time.perf_counter() - started
    if delivered is None or delivered.aantal_records is None or delivered.inhoud_hash != digest:
        raise SystemExit(f"the pipeline did not process the delivery: {delivered}")
    records = delivered.aantal_records
    print(
        f"  pipeline: intake + processing  {pipeline:7.2f} s  {mb_per_s(size, pipeline)}"
        f"  {records / pipeline:,.0f} records/s  ({records:,} records, status {delivered.status})"
    )
    print(f"  ratio pipeline / reference     {pipeline / reference:7.2f}")
    print(f"  peak RSS before pipeline       {rss_before:7.1f} MB")
    print(f"  peak RSS after pipeline        {peak_rss_mb():7.1f} MB  (file {size / 2**20:.0f} MB)")


if __name__ == "__main__":
    main()
