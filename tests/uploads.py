"""Upload grants as the API stores them, for tests of the intake's own checks.

Tests that are about the file channel get their grant from the API
(`tests.e2e.api.Api.drop`); a test that needs a file from an organisation the API would
refuse a grant (to show the intake refuses it too), or that drives the intake without the
API, stores the grant itself with this and then writes the blob.
"""

from __future__ import annotations

from datetime import UTC, datetime

from shared.intake.uploads import machtiging
from shared.models.upload import Upload


def grant(organisatie: str, dienst: str, bestandsnaam: str, client_id: str = "test") -> Upload:
    return machtiging(organisatie, client_id, organisatie, dienst, bestandsnaam, datetime.now(UTC))
