"""The audit log in Cosmos DB: append-only.

This class can add an entry and read entries; it has no way to change or remove one,
and it is the only code that touches the audit container (a test keeps it so). In
Azure the app's identity gets a data-plane role on this container without replace or
delete, so not even a bug elsewhere could change the log.
"""

from __future__ import annotations

from datetime import datetime

from azure.cosmos import ContainerProxy

from shared.models.audit import AuditRegel, utc_text
from shared.storage import clients
from shared.storage.containers import AUDIT
from shared.storage.documents import to_document
from shared.storage.throttling import retry_throttled


class AuditLog:
    @property
    def container(self) -> ContainerProxy:
        """A proxy on the process-wide client (making one does no I/O)."""
        return clients.cosmos_database().get_container_client(AUDIT.name)

    def append(self, regel: AuditRegel) -> None:
        retry_throttled(lambda: self.container.create_item(to_document(regel)))

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


def _regel(document: dict[str, object]) -> AuditRegel:
    return AuditRegel.model_validate({k: v for k, v in document.items() if not k.startswith("_")})
