"""One-off: move the signals stored under their old unkeyed id to their keyed id.

    python -m shared.rechtmatigheid.sleutelmigratie [GM0363 ...]

Signal ids were a plain SHA-256 over gemeente, type, both BSNs and the fact's key: anyone
who saw an id (dependency telemetry carries it in the Cosmos URL) could find the BSNs by
hashing every BSN. Ids are now keyed (`opslag.signaal_id`). Per gemeente (all gemeenten in
the signal index, or those named) this copies each signal whose id is its old id to its
new id (everything kept: status, outcome, history), removes the old record and rewrites
the gemeente's signal index with the new ids, so the next run recognises every signal.

Run it once after the release that keys the ids, while no monthly run is in progress (the
run itself copes without it: it recognises a signal by either id, `opslag`). It can be
stopped and started again: a signal already moved is skipped, the index is rewritten from
the signals present. The gemeente sees a signal's id change once (the files it received
earlier name the old id; the API answers only the new one).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from functools import partial

from shared.models.rechtmatigheid import Signaal
from shared.rechtmatigheid.opslag import SignaalRepository, oud_signaal_id, signaal_id
from shared.rechtmatigheid.signaalindex import DELEN, IndexDeel, SignaalIndex, _deel
from shared.storage.documents import to_document
from shared.storage.throttling import retry_idempotent


def gemeenten() -> list[str]:
    """Every gemeente with a signal index."""
    rows = SignaalIndex().container.query_items(
        "SELECT c.organisatie FROM c", enable_cross_partition_query=True
    )
    return sorted({row["organisatie"] for row in rows})


def _ids(signaal: Signaal) -> tuple[str, str]:
    natural = (signaal.type, signaal.bsn, signaal.betrokkene_bsn, signaal.sleutel)
    return (
        oud_signaal_id(signaal.organisatie, *natural),
        signaal_id(signaal.organisatie, *natural),
    )


def migreer(gemeente: str) -> int:
    """Move one gemeente's signals and rewrite its index; how many were moved."""
    repository = SignaalRepository()
    nieuw_voor: dict[str, str] = {}
    for signaal in repository.all(
        "SELECT * FROM c WHERE c.organisatie = @g", {"@g": gemeente}, partition=gemeente
    ):
        oud, nieuw = _ids(signaal)
        if signaal.id != oud:
            continue
        moved = signaal.model_copy(update={"id": nieuw})
        retry_idempotent(partial(repository.container.upsert_item, to_document(moved)))
        repository.verwijder_oud(gemeente, oud)
        nieuw_voor[oud] = nieuw
    index = SignaalIndex()
    known = index.lees(gemeente)
    if not any(sid in nieuw_voor for sid in known):
        return len(nieuw_voor)
    delen: dict[str, dict[str, str]] = {_deel(f"{d:x}"): {} for d in range(DELEN)}
    for sid, kort in known.items():
        nieuw = nieuw_voor.get(sid, sid)
        delen[_deel(nieuw)][nieuw] = kort
    for deel, hashes in delen.items():
        found = index.get(gemeente, deel)
        document = IndexDeel(id=deel, organisatie=gemeente, hashes=hashes)
        if found is None:
            if hashes:
                index.create(document)
        else:
            index.replace(deel, document, found[1])
    return len(nieuw_voor)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gemeente", nargs="*", help="only these gemeenten (default: all)")
    args = parser.parse_args(argv)
    for gemeente in args.gemeente or gemeenten():
        print(f"{gemeente}: {migreer(gemeente)} signalen naar hun nieuwe id")
    return 0


if __name__ == "__main__":
    sys.exit(main())
