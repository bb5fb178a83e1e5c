"""A typed repository over one Cosmos container: point reads, conditional writes, queries.

Every write goes through `retry_throttled`; every replace is conditional on the ETag the
document was read with, so concurrent changes are detected instead of overwritten.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any, Generic, TypeVar

from azure.core import MatchConditions
from azure.cosmos import ContainerProxy
from azure.cosmos.exceptions import (
    CosmosAccessConditionFailedError,
    CosmosHttpResponseError,
    CosmosResourceExistsError,
    CosmosResourceNotFoundError,
)
from pydantic import BaseModel, ValidationError

from shared.errors import Invalid
from shared.storage import clients
from shared.storage.containers import CosmosContainer
from shared.storage.throttling import retry_idempotent, retry_throttled
from shared.storage.vervolg import inpakken, uitpakken

M = TypeVar("M", bound=BaseModel)
log = logging.getLogger(__name__)
BATCH = 100
"""Operations in one Cosmos transactional batch (the service's limit)."""
TOKEN_KB = 1
"""The store's continuation token is kept to 1 KB, so a `vervolg` fits in any URL
(`shared.storage.vervolg.MAX_TEKENS`)."""


class ConcurrentChange(Exception):
    """The document changed since it was read (its ETag no longer matches)."""


class AlreadyExists(Exception):
    """A document with this id exists already."""


def to_document(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True)


def create_together(container: ContainerProxy, models: list[M], partition_key: str) -> None:
    """Create these documents of one partition (at most `BATCH`) in one transactional batch:
    all or none (`CosmosBatchOperationError` names the operation that failed)."""
    operations = [("create", (to_document(model),)) for model in models]
    retry_throttled(lambda: container.execute_item_batch(operations, partition_key=partition_key))


def upsert_together(
    container: ContainerProxy, documents: list[dict[str, Any]], partition_key: str
) -> None:
    """Upsert these documents of one partition (at most `BATCH`) in one transactional batch:
    all or none. An upsert rewrites the same document, so a batch whose answer was lost is
    sent again."""
    operations = [("upsert", (document,)) for document in documents]
    retry_idempotent(lambda: container.execute_item_batch(operations, partition_key=partition_key))


def _parameters(values: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"name": name, "value": value} for name, value in values.items()]


def _scope(partition: str | None) -> dict[str, Any]:
    if partition is None:
        return {"enable_cross_partition_query": True}
    return {"partition_key": partition}


class DocumentRepository(Generic[M]):
    def __init__(self, spec: CosmosContainer, model: type[M]) -> None:
        self.spec = spec
        self.model = model

    @property
    def container(self) -> ContainerProxy:
        """A proxy on the process-wide client (making one does no I/O)."""
        return clients.cosmos_database().get_container_client(self.spec.name)

    def from_document(self, document: dict[str, Any]) -> M:
        return self.model.model_validate({k: v for k, v in document.items() if k[0] != "_"})

    def _readable(self, document: dict[str, Any]) -> M | None:
        """The document as the model, or None (logged for the operators) when it is not one:
        one bad document never makes a read of its neighbours fail."""
        try:
            return self.from_document(document)
        except ValidationError as error:
            fouten = ", ".join(
                f"{'.'.join(str(p) for p in e['loc'])}: {e['type']}"
                for e in error.errors(include_url=False, include_input=False)
            )
            log.error(
                "onleesbaar document %s in %s overgeslagen (%s)",
                document.get("id"),
                self.spec.name,
                fouten,
            )
            return None

    def _readables(self, documents: Iterable[dict[str, Any]]) -> Iterator[M]:
        for document in documents:
            model = self._readable(document)
            if model is not None:
                yield model

    def get(self, partition: str, document_id: str) -> tuple[M, str] | None:
        """The document and its ETag, or None when the partition has no such document."""
        try:
            document = retry_throttled(
                lambda: self.container.read_item(document_id, partition_key=partition)
            )
        except CosmosResourceNotFoundError:
            return None
        model = self._readable(document)
        return None if model is None else (model, str(document["_etag"]))

    def get_many(self, partition: str, document_ids: list[str]) -> dict[str, M]:
        """The documents of one partition with these ids, by id, in one request (a missing
        id is absent): a query on the ids within the partition, as the SDK's `read_items`
        does per partition, without its fan-out over threads. One id is a point read."""
        if not document_ids:
            return {}
        if len(document_ids) == 1:
            one = self.get(partition, document_ids[0])
            return {document_ids[0]: one[0]} if one else {}
        names = [f"@id{n}" for n in range(len(document_ids))]
        sql = f"SELECT * FROM c WHERE c.id IN ({', '.join(names)})"  # noqa: S608 (names of ours)
        parameters = dict(zip(names, document_ids, strict=True))
        found = {}
        for document in self.rijen(sql, parameters, partition=partition):
            model = self._readable(document)
            if model is not None:
                found[str(document["id"])] = model
        return found

    def create(self, model: M) -> str:
        try:
            document = retry_throttled(lambda: self.container.create_item(to_document(model)))
        except CosmosResourceExistsError as error:
            raise AlreadyExists(getattr(model, "id", "")) from error
        return str(document["_etag"])

    def upsert(self, model: M) -> str:
        """Create or overwrite: for documents whose newest version is simply the truth."""
        document = retry_throttled(lambda: self.container.upsert_item(to_document(model)))
        return str(document["_etag"])

    def replace(self, document_id: str, model: M, etag: str) -> str:
        """Replace only if unchanged since it was read with `etag`."""
        try:
            document = retry_throttled(
                lambda: self.container.replace_item(
                    document_id,
                    to_document(model),
                    etag=etag,
                    match_condition=MatchConditions.IfNotModified,
                )
            )
        except CosmosAccessConditionFailedError as error:
            raise ConcurrentChange(document_id) from error
        return str(document["_etag"])

    def query(
        self,
        sql: str,
        parameters: dict[str, Any],
        *,
        partition: str | None,
        page_size: int,
        continuation: str | None = None,
    ) -> tuple[list[M], str | None]:
        """One page of a query, in one partition (or across all when `partition` is None);
        `continuation` and the token returned are `vervolg` texts (`shared.storage.vervolg`)."""
        try:
            token_in = uitpakken(continuation) if continuation else None
        except ValueError as error:
            raise Invalid(str(error)) from None
        pages = self.container.query_items(
            sql,
            parameters=_parameters(parameters),
            max_item_count=page_size,
            continuation_token_limit=TOKEN_KB,
            **_scope(partition),
        ).by_page(token_in)
        try:
            page = retry_throttled(lambda: list(next(pages, [])))
        except CosmosHttpResponseError as error:
            if error.status_code == 400 and token_in is not None:
                reden = "vervolg wordt niet (meer) herkend: begin bij de eerste pagina"
                raise Invalid(reden) from None
            raise
        token: str | None = getattr(pages, "continuation_token", None)
        if token is not None and token == token_in and not page:
            token = None  # the local emulator echoes an unknown token: no endless next page
        return list(self._readables(page)), inpakken(token)

    def rijen(
        self, sql: str, parameters: dict[str, Any], *, partition: str | None
    ) -> list[dict[str, Any]]:
        """The rows of a query that selects fields, not documents of the model."""
        return retry_throttled(
            lambda: list(
                self.container.query_items(
                    sql, parameters=_parameters(parameters), **_scope(partition)
                )
            )
        )

    def all(self, sql: str, parameters: dict[str, Any], *, partition: str | None) -> Iterator[M]:
        items = self.container.query_items(
            sql, parameters=_parameters(parameters), **_scope(partition)
        )
        yield from self._readables(items)
