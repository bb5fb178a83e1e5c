"""A date or moment in a request is an ISO text: a number is refused, never read as a Unix
time (pydantic would otherwise take 1700000000 as 2023-11-14)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from shared.models.kwijtschelding import ToetsVerzoek
from shared.models.verwerkingen import Verwerking

VERZOEK = {"bsn": "111222333", "belastingsoort": "AFVALSTOFFENHEFFING", "aanslagbedrag": "300"}


def test_a_number_for_a_date_is_refused_and_the_iso_text_taken() -> None:
    with pytest.raises(ValidationError, match="peildatum: een datum is een ISO-tekst"):
        ToetsVerzoek.model_validate({**VERZOEK, "peildatum": 1_700_000_000})
    assert str(ToetsVerzoek.model_validate({**VERZOEK, "peildatum": "2026-05-01"}).peildatum) == (
        "2026-05-01"
    )


def test_a_number_for_a_moment_is_refused_by_its_alias() -> None:
    regel = {
        "id": "x",
        "betrokkene": "ab" * 32,
        "traceId": "1" * 32,
        "operationId": "2" * 16,
        "naam": "n",
        "activiteit": "a",
        "status": "OK",
        "startTijd": "2026-05-01T00:00:00Z",
        "eindTijd": 1_700_000_000,
        "ontvanger": "GM0363",
        "auditId": "a",
        "ttl": 1,
    }
    with pytest.raises(ValidationError, match="eindTijd: een datum is een ISO-tekst"):
        Verwerking.model_validate(regel)
    assert Verwerking.model_validate({**regel, "eindTijd": "2026-05-01T00:00:01Z"}).emmer == "ab"
