"""The SDK clients, created once per process and shared by every repository."""

from __future__ import annotations

from functools import cache

import requests
import urllib3
from azure.core.credentials import TokenCredential
from azure.core.pipeline.transport import RequestsTransport
from azure.cosmos import CosmosClient, DatabaseProxy
from azure.identity import DefaultAzureCredential, ManagedIdentityCredential
from azure.storage.blob import BlobServiceClient

from shared import settings
from shared.storage import toegangscache

BLOB_CHUNK_BYTES = 4 * 1024 * 1024
"""Blobs are read and written in chunks of this size: a 1 GB file never sits in memory."""


@cache
def credential() -> TokenCredential:
    client_id = settings.managed_identity_client_id()
    if client_id:
        return ManagedIdentityCredential(client_id=client_id)
    return DefaultAzureCredential()


COSMOS_CONNECTIONS = 64
"""Connections kept open to Cosmos DB: enough for the concurrent writes of a source intake."""


def _cosmos_transport() -> RequestsTransport:
    session = requests.Session()
    # Not the environment's proxies or .netrc: Cosmos DB is reached directly, and looking them
    # up cost a file check on every request (a tenth of the host's time, bench.realtime).
    session.trust_env = False
    adapter = requests.adapters.HTTPAdapter(pool_maxsize=COSMOS_CONNECTIONS)
    session.mount("https://", adapter)
    return RequestsTransport(session=session, session_owner=False)


@cache
def cosmos_client() -> CosmosClient:
    config = settings.cosmos()
    if config.key is not None:
        # The emulator serves a self-signed certificate on loopback only (see settings).
        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
        return CosmosClient(
            config.endpoint,
            credential=config.key,
            connection_verify=False,
            transport=_cosmos_transport(),
        )
    return CosmosClient(config.endpoint, credential=credential(), transport=_cosmos_transport())


def cosmos_database() -> DatabaseProxy:
    return cosmos_client().get_database_client(settings.cosmos().database)


@cache
def blob_service() -> BlobServiceClient:
    config = settings.blob()
    if config.connection_string is not None:
        return BlobServiceClient.from_connection_string(
            config.connection_string,
            max_single_get_size=BLOB_CHUNK_BYTES,
            max_chunk_get_size=BLOB_CHUNK_BYTES,
        )
    if config.service_uri is None:
        raise settings.MissingSetting(f"{settings.BLOB_CONNECTION}__serviceUri")
    return BlobServiceClient(
        config.service_uri,
        credential=credential(),
        max_single_get_size=BLOB_CHUNK_BYTES,
        max_chunk_get_size=BLOB_CHUNK_BYTES,
    )


def reset() -> None:
    """Drop the clients and what was kept of the store they read (the local host and tests
    switch emulators between runs)."""
    settings.clear_cache()
    toegangscache.vergeet()
    for cached in (credential, cosmos_client, blob_service):
        cached.cache_clear()
