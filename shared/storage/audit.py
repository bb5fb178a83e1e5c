"""The audit log in Cosmos DB: append-only.

This class can add an entry and read entries; it has no way to change or remove one,
and it is the only code that touches the audit container (a test keeps it so). In
Azure the app's identity gets a data-plane role on this container without replace or
delete, so not even a bug elsewhere could change the log.

Entries are written in hash chains (`shared.security.auditketen`): each has the id
`{keten}:{volgnummer}`, so a second writer of the same place in a chain gets a conflict
(`Bezet`) instead of a silent overwrite. Several entries of one organisation (one
partition) go in one transactional batch of creates (`BATCH` at most): all or none.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from azure.cosmos import ContainerProxy
from azure.cosmos.exceptions import CosmosBatchOperationError

from shared.models.audit import AuditRegel, utc_text
from shared.storage import clients
from shared.storage.containers import AUDIT
from shared.storage.documents import BATCH, create_together, to_document
from shared.storage.throttling import retry_throttled


class Bezet(Exception):
    """An entry with this id (this place in its chain) exists already."""


class AuditLog:
    @property
    def container(self) -> ContainerProxy:
        """A proxy on the process-wide client (making one does no I/O)."""
        return clients.cosmos_database().get_container_client(AUDIT.name)

    def append(self, regel: AuditRegel) -> None:
        """One entry; an entry with its id raises `CosmosResourceExistsError`."""
        retry_throttled(lambda: self.container.create_item(to_document(regel)))

    def append_all(self, regels: list[AuditRegel]) -> None:
        """Entries of one organisation, at most `BATCH`, created together or not at all."""
        if len(regels) == 1:
            self.append(regels[0])
            return
        organisaties = {regel.organisatie for regel in regels}
        if len(organisaties) != 1 or len(regels) > BATCH:
            raise ValueError(f"een batch is 1 tot {BATCH} regels van één organisatie")
        try:
            create_together(self.container, regels, regels[0].organisatie)
        except CosmosBatchOperationError as error:
            if error.error_index is not None and _status(error) == 409:
                raise Bezet(regels[error.error_index].id) from error
            raise

    def last_of_chain(self, organisatie: str, keten: str) -> AuditRegel | None:
        """The entry with the highest volgnummer in a chain (None: the chain is empty)."""
        items = self.container.query_items(
            "SELECT TOP 1 * FROM c WHERE c.organisatie = @o AND c.keten = @k"
            " ORDER BY c.volgnummer DESC",
            parameters=[{"name": "@o", "value": organisatie}, {"name": "@k", "value": keten}],
            partition_key=organisatie,
        )
        found = retry_throttled(lambda: list(items))
        return _regel(found[0]) if found else None

    def every_document(self, organisatie: str | None = None) -> Iterator[dict[str, Any]]:
        """Every entry as stored (of one organisation, or all), in no order: for verifying."""
        if organisatie is None:
            yield from self.container.query_items(
                "SELECT * FROM c", enable_cross_partition_query=True
            )
        else:
            yield from self.container.query_items(
                "SELECT * FROM c WHERE c.organisatie = @o",
                parameters=[{"name": "@o", "value": organisatie}],
                partition_key=organisatie,
            )

    def of_organisation(
        self,
        organisatie: str,
        van: datetime,
        tot: datetime,
        *,
        page_size: int,
        continuation: str | None = None,
    ) -> tuple[list[AuditRegel], str | None]:
        """Entries of one organisation in [van, tot), oldest first."""
        pages = self.container.query_items(
            "SELECT * FROM c WHERE c.organisatie = @o AND c.tijdstip >= @van AND c.tijdstip < @tot"
            " ORDER BY c.tijdstip",
            parameters=[
                {"name": "@o", "value": organisatie},
                {"name": "@van", "value": utc_text(van)},
                {"name": "@tot", "value": utc_text(tot)},
            ],
            partition_key=organisatie,
            max_item_count=page_size,
        ).by_page(continuation)
        page = retry_throttled(lambda: list(next(pages, [])))
        token: str | None = getattr(pages, "continuation_token", None)
        return [_regel(d) for d in page], token

    def of_person(self, bsn_hash: str) -> list[AuditRegel]:
        """Every entry about one person, across organisations (for inzage)."""
        items = self.container.query_items(
            "SELECT * FROM c WHERE c.bsnHash = @h ORDER BY c.tijdstip",
            parameters=[{"name": "@h", "value": bsn_hash}],
            enable_cross_partition_query=True,
        )
        return [_regel(d) for d in items]


def _status(error: CosmosBatchOperationError) -> int | None:
    responses = error.operation_responses or []
    index = error.error_index
    if index is None or index >= len(responses):
        return None
    status: int | None = responses[index].get("statusCode")
    return status


def _regel(document: dict[str, object]) -> AuditRegel:
    return AuditRegel.model_validate({k: v for k, v in document.items() if not k.startswith("_")})
