"""The Bicep declares every container the code uses, with the same partition key."""

from __future__ import annotations

import re
from pathlib import Path

from shared.storage.containers import COSMOS_CONTAINERS, BlobContainers

INFRA = Path(__file__).resolve().parents[2] / "infra"


def test_every_cosmos_container_is_declared_with_its_partition_key() -> None:
    bicep = (INFRA / "app" / "cosmos.bicep").read_text()
    declared = {
        name: (key, int(ttl) if ttl else None)
        for name, key, ttl in re.findall(
            r"\{ name: '([^']+)', partitionKey: '([^']+)'(?:, defaultTtl: (\d+))? \}", bicep
        )
    }
    assert declared == {c.name: (c.partition_key, c.default_ttl_seconds) for c in COSMOS_CONTAINERS}


def test_every_blob_container_is_declared() -> None:
    bicep = (INFRA / "app" / "storage.bicep").read_text()
    block = bicep.split("var containers = [", 1)[1].split("]", 1)[0]
    assert set(re.findall(r"'([^']+)'", block)) == set(BlobContainers.ALL)
