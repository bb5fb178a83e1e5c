"""The documents of one snapshot spread over a fixed number of partitions (emmers), written
in transactional batches.

A source file holds up to millions of persons. Written one request per document, the
intake spends about two milliseconds of SDK CPU on each (`python -m bench.bronnen`); an
upsert of a hundred documents of one partition in one transactional batch costs about a
twentieth of that per document. So a snapshot's documents go to `EMMERS` partitions:

- a person's document to the person's emmer (`persoonsemmer`): the same `EMMERS` partitions
  for every snapshot of every source, chosen by a keyed hash of the BSN, so a lookup of all
  sources on one person is one query in one partition (a point read per source cost ~1.75
  ms of SDK CPU each, measured over 2,000 point reads against the local emulator);
- an address document (and a person's, in a snapshot published before the persons'
  emmers) to the snapshot's own emmer, `emmer(snapshot, id, emmers)`: derived from the
  document's id (a keyed hash, so nothing of the BSN) and from the snapshot. A reader
  computes the same emmer from the id it reads and the snapshot's `emmers`.

Either way a file's documents spread over `EMMERS` partitions, so the batches are as full;
expiry is per document (the container's TTL), not per partition.

A person's emmer holds 1/`EMMERS` of all person documents kept (`BRONFEITEN`: 400 days after
their last write, so up to 14 monthly snapshots, and a copy more for every source delivered
again). At ~310 bytes of JSON per record (measured over a synthetic world's intake) and the
42 million records a month of the national world of `bench.rechtmatigheid`, 14 snapshots
make ~180 GB, ~2.9 GB per emmer: a seventh of a logical partition's 20 GB, which also counts
the index and Cosmos' own fields (learn.microsoft.com/azure/cosmos-db/concepts-limits). Real
national volumes may be several times the synthetic world's: the operators are alerted when
the container passes 640 GiB, 10 GiB an emmer (`infra/app/operations.bicep`).

A batch holds at most `BATCH` (100) operations and a payload of at most 2 MB (Azure Cosmos
DB, "Transactional batch operations": learn.microsoft.com/azure/cosmos-db/transactional-batch),
so a batch is sent when it has `BATCH` documents or the next would pass `BATCH_BYTES`. A
document is measured as the SDK sends it by default, compact JSON with non-ASCII characters
escaped: never less than the same JSON in UTF-8, which the SDK sends when a client opts in.
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from shared.storage import clients
from shared.storage.containers import CosmosContainer
from shared.storage.documents import BATCH, upsert_together
from shared.storage.ids import persoon_id
from shared.storage.throttling import retry_idempotent

EMMERS = 64
"""Partitions per snapshot, and the persons' emmers of all snapshots. A national polis
snapshot (10 million persons) gives ~156,000 documents per partition; a writer holds at most
a batch per emmer."""
PERSOONSEMMER = "persoonsemmer"
"""The natural key's second part of a person's emmer: its hash is no document id."""
BATCH_BYTES = 1_000_000
"""Serialised documents per batch, half the service's 2 MB payload limit (room for the
operations around them)."""
WRITERS = 4
"""Batches written side by side: enough to keep the emulator and the SDK busy on 2 cores."""
IN_FLIGHT = 2 * WRITERS


def emmer(snapshot: str, document_id: str, emmers: int) -> str:
    """The partition of a snapshot's document: `{snapshot}.{n}`, n from its (hex) id.

    >>> emmer("s1", "ff" * 32, 64)
    's1.63'
    >>> emmer("s1", "00" * 32, 64)
    's1.0'
    """
    return f"{snapshot}.{int(document_id[:8], 16) % emmers}"


def persoonsemmer(bsn: str, emmers: int) -> str:
    """The partition of a person's documents in every snapshot published by person
    (`Snapshot.persoonsemmers`): `persoon.{n}`, n from a keyed hash of the BSN alone. All
    sources' documents of one person then share a partition, and a lookup reads them in one
    query (`DocumentRepository.get_many`) instead of a point read per source."""
    return f"persoon.{int(persoon_id(bsn, PERSOONSEMMER)[:8], 16) % emmers}"


@dataclass
class _Emmer:
    documents: list[dict[str, Any]] = field(default_factory=list)
    bytes: int = 0


class Batches:
    """Documents gathered per emmer into batches the service accepts (pure: no I/O).

    `add` returns the batches that are full; `rest` the partial ones at the end. Every
    document must carry its `emmer`; a document larger than `BATCH_BYTES` is a batch of its
    own (the service's document limit of 2 MB still applies to it).
    """

    def __init__(self) -> None:
        self.open: dict[str, _Emmer] = {}

    def add(self, document: dict[str, Any]) -> list[list[dict[str, Any]]]:
        size = len(json.dumps(document, separators=(",", ":")))  # escaped: all ASCII
        gathering = self.open.setdefault(document["emmer"], _Emmer())
        full = []
        if gathering.documents and gathering.bytes + size > BATCH_BYTES:
            full.append(gathering.documents)
            gathering.documents, gathering.bytes = [], 0
        gathering.documents.append(document)
        gathering.bytes += size
        if len(gathering.documents) == BATCH:
            full.append(gathering.documents)
            gathering.documents, gathering.bytes = [], 0
        return full

    def rest(self) -> list[list[dict[str, Any]]]:
        rest = [gathering.documents for gathering in self.open.values() if gathering.documents]
        self.open.clear()
        return rest


class EmmerUpserts:
    """Documents upserted into one container partitioned by `/emmer`, a batch per emmer at a
    time, `WRITERS` batches side by side. Ids are deterministic and an upsert is idempotent,
    so a retried trigger rewrites the same documents."""

    def __init__(self, spec: CosmosContainer) -> None:
        if spec.partition_key != "/emmer":
            raise ValueError(f"{spec.name} is not partitioned by emmer")
        self.container = clients.cosmos_database().get_container_client(spec.name)
        self.batches = Batches()
        self.pool = ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix=spec.name)
        self.slots = threading.BoundedSemaphore(IN_FLIGHT)
        self.pending: list[Future[Any]] = []
        self.written = 0

    def add(self, document: dict[str, Any]) -> None:
        self.written += 1
        for batch in self.batches.add(document):
            self._send(batch)

    def _send(self, batch: list[dict[str, Any]]) -> None:
        self.slots.acquire()
        future = self.pool.submit(self._upsert, batch)
        future.add_done_callback(lambda _: self.slots.release())
        self.pending.append(future)
        if len(self.pending) >= 4 * IN_FLIGHT:
            self._collect(wait=False)

    def _upsert(self, batch: list[dict[str, Any]]) -> None:
        if len(batch) == 1:
            retry_idempotent(lambda: self.container.upsert_item(batch[0]))
            return
        upsert_together(self.container, batch, batch[0]["emmer"])

    def _collect(self, *, wait: bool) -> None:
        still = []
        for future in self.pending:
            if wait or future.done():
                future.result()  # a failed write fails the delivery (and so its retry)
            else:
                still.append(future)
        self.pending = still

    def finish(self) -> None:
        for batch in self.batches.rest():
            self._send(batch)
        self._collect(wait=True)
        self.pool.shutdown()

    def abandon(self) -> None:
        self.pool.shutdown(cancel_futures=True)
