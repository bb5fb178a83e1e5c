"""Upload grants in Cosmos DB, partitioned by the organisation whose folder they open."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from shared.models.upload import Upload
from shared.storage.containers import UPLOADS
from shared.storage.documents import ConcurrentChange, DocumentRepository

log = logging.getLogger(__name__)


class UploadRepository(DocumentRepository[Upload]):
    def __init__(self) -> None:
        super().__init__(UPLOADS, Upload)

    def voor_blob(self, organisatie: str, blobpad: str) -> list[Upload]:
        """Every grant ever given for this blob (few: one per attempt), oldest first."""
        return sorted(
            self.all(
                "SELECT * FROM c WHERE c.organisatie = @organisatie AND c.blobpad = @blobpad",
                {"@organisatie": organisatie, "@blobpad": blobpad},
                partition=organisatie,
            ),
            key=lambda upload: upload.uitgegeven,
        )

    def actief(self, organisatie: str, moment: datetime) -> int:
        """How many of the organisation's grants are still valid at `moment`."""
        items = self.container.query_items(
            "SELECT VALUE COUNT(1) FROM c WHERE c.organisatie = @organisatie AND c.verloopt > @nu",
            parameters=[
                {"name": "@organisatie", "value": organisatie},
                # stored as pydantic writes UTC (…Z, with fractions): compare on the second
                {"name": "@nu", "value": moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")},
            ],
            partition_key=organisatie,
        )
        return int(str(next(iter(items), 0)))

    def koppel(self, upload: Upload, aanlevering: str) -> None:
        """Let the grant name the delivery its file became (idempotent)."""
        for _ in range(3):
            found = self.get(upload.organisatie, upload.id)
            if found is None or found[0].aanlevering == aanlevering:
                return
            try:
                self.replace(
                    upload.id, found[0].model_copy(update={"aanlevering": aanlevering}), found[1]
                )
                return
            except ConcurrentChange:
                continue
        log.warning("uploadmachtiging %s niet aan aanlevering %s gekoppeld", upload.id, aanlevering)
