"""Create the Cosmos database and containers and the blob containers, and store the code's
initial parameter sets, idempotently."""

from __future__ import annotations

import contextlib

from azure.core.exceptions import ResourceExistsError
from azure.cosmos import PartitionKey

from shared import settings
from shared.parametersets.opslag import provisioneer
from shared.storage import clients
from shared.storage.containers import COSMOS_CONTAINERS, BlobContainers


def provision() -> None:
    database = clients.cosmos_client().create_database_if_not_exists(settings.cosmos().database)
    for container in COSMOS_CONTAINERS:
        database.create_container_if_not_exists(
            id=container.name,
            partition_key=PartitionKey(path=container.partition_key),
            default_ttl=container.default_ttl_seconds,
        )
    service = clients.blob_service()
    for name in BlobContainers.ALL:
        with contextlib.suppress(ResourceExistsError):
            service.create_container(name)
    provisioneer()
