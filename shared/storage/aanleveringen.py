"""Deliveries in Cosmos DB, partitioned by the organisation that delivered them."""

from __future__ import annotations

from typing import Any

from azure.core import MatchConditions
from azure.cosmos import ContainerProxy
from azure.cosmos.exceptions import (
    CosmosAccessConditionFailedError,
    CosmosResourceExistsError,
    CosmosResourceNotFoundError,
)

from shared.models.aanlevering import Aanlevering
from shared.storage import clients
from shared.storage.containers import AANLEVERINGEN
from shared.storage.throttling import retry_throttled


class ConcurrentChange(Exception):
    """The document changed since it was read (its ETag no longer matches)."""


class AlreadyExists(Exception):
    """A document with this id exists already."""


def _to_document(aanlevering: Aanlevering) -> dict[str, Any]:
    return aanlevering.model_dump(mode="json", by_alias=True)


def _from_document(document: dict[str, Any]) -> Aanlevering:
    return Aanlevering.model_validate({k: v for k, v in document.items() if not k.startswith("_")})


class AanleveringRepository:
    def __init__(self, container: ContainerProxy | None = None) -> None:
        self._container = container

    @property
    def container(self) -> ContainerProxy:
        if self._container is None:
            self._container = clients.cosmos_database().get_container_client(AANLEVERINGEN.name)
        return self._container

    def get(self, organisatie: str, aanlevering_id: str) -> tuple[Aanlevering, str] | None:
        """The delivery and its ETag, or None when this organisation has no such delivery."""
        try:
            document = retry_throttled(
                lambda: self.container.read_item(aanlevering_id, partition_key=organisatie)
            )
        except CosmosResourceNotFoundError:
            return None
        return _from_document(document), document["_etag"]

    def create(self, aanlevering: Aanlevering) -> str:
        try:
            document = retry_throttled(
                lambda: self.container.create_item(_to_document(aanlevering))
            )
        except CosmosResourceExistsError as error:
            raise AlreadyExists(aanlevering.id) from error
        return str(document["_etag"])

    def replace(self, aanlevering: Aanlevering, etag: str) -> str:
        """Replace only if unchanged since read: two workers never both claim a delivery."""
        try:
            document = retry_throttled(
                lambda: self.container.replace_item(
                    aanlevering.id,
                    _to_document(aanlevering),
                    etag=etag,
                    match_condition=MatchConditions.IfNotModified,
                )
            )
        except CosmosAccessConditionFailedError as error:
            raise ConcurrentChange(aanlevering.id) from error
        return str(document["_etag"])

    def list(
        self, organisatie: str, *, page_size: int, continuation: str | None = None
    ) -> tuple[list[Aanlevering], str | None]:
        """One page of the organisation's deliveries, newest first, and the next page's token."""
        pages = self.container.query_items(
            "SELECT * FROM c WHERE c.organisatie = @organisatie ORDER BY c.ontvangen DESC",
            parameters=[{"name": "@organisatie", "value": organisatie}],
            partition_key=organisatie,
            max_item_count=page_size,
        ).by_page(continuation)
        page = retry_throttled(lambda: list(next(pages, [])))
        token: str | None = getattr(pages, "continuation_token", None)
        return [_from_document(d) for d in page], token
