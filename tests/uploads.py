"""Upload grants as the API stores them, for tests of the intake's own checks.

Tests that are about the file channel get their grant from the API
(`tests.e2e.api.Api.drop`); a test that needs a file from an organisation the API would
refuse a grant (to show the intake refuses it too), or that drives the intake without the
API, stores the grant itself with this and then writes the blob.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from shared.intake.uploads import GELDIGHEID
from shared.models.upload import Upload


def grant(organisatie: str, dienst: str, bestandsnaam: str, client_id: str = "test") -> Upload:
    now = datetime.now(UTC)
    return Upload(
        id=uuid.uuid4().hex,
        organisatie=organisatie,
        aanvrager=organisatie,
        client_id=client_id,
        dienst=dienst,
        bestandsnaam=bestandsnaam,
        blobpad=f"aanleveringen/{dienst}/{organisatie}/{bestandsnaam}",
        uitgegeven=now,
        verloopt=now + GELDIGHEID,
    )
