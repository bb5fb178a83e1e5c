"""The terms of an access request (AVG art. 12 lid 3 and 4) from both sides, and four eyes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from shared.errors import Conflict, Forbidden, NietToegestaan
from shared.inzage.verzoeken import Inzageverzoeken
from shared.models.inzage import (
    RECHTSMIDDELEN,
    InzageverzoekAanvraag,
    Verlenging,
    VerzoekStatus,
    Vrijgave,
    Weigering,
)
from shared.security.access import INZAGE, INZAGE_VERZOEK, Caller
from shared.security.tokens import Identity

pytestmark = pytest.mark.integration
ONTVANGEN = date(2026, 1, 31)


def operator(client: str, dag: date) -> Inzageverzoeken:
    identity = Identity(client, frozenset({INZAGE}), client)
    caller = Caller(identity, "IB0001", "IB0001", INZAGE_VERZOEK)
    return Inzageverzoeken(caller, clock=lambda: datetime(dag.year, dag.month, dag.day, tzinfo=UTC))


def registreer(dag: date = ONTVANGEN) -> str:
    aanvraag = InzageverzoekAanvraag(bsn="999990019", ontvangen_op=ONTVANGEN, identiteit="DigiD")
    verzoek = operator("a", dag).registreer(aanvraag)
    assert (verzoek.termijn, verzoek.status) == (date(2026, 2, 28), VerzoekStatus.ONTVANGEN)
    return verzoek.id


def test_a_request_is_extended_only_within_its_first_month(app_settings: dict[str, str]) -> None:
    binnen, buiten = registreer(), registreer()
    verlengd = operator("a", date(2026, 2, 28)).verleng(binnen, Verlenging(maanden=2, redenen="x"))
    # two further months from the end of the first: 28 April (the earlier reading)
    assert (verlengd.status, verlengd.uiterste_termijn) == (
        VerzoekStatus.VERLENGD,
        date(2026, 4, 28),
    )
    with pytest.raises(NietToegestaan, match="binnen een maand"):
        operator("a", date(2026, 3, 1)).verleng(buiten, Verlenging(maanden=1, redenen="x"))
    with pytest.raises(Conflict):
        operator("a", date(2026, 2, 1)).verleng(binnen, Verlenging(maanden=1, redenen="x"))


def test_an_extension_is_at_most_two_months() -> None:
    Verlenging(maanden=2, redenen="x")
    with pytest.raises(ValidationError):
        Verlenging(maanden=3, redenen="x")


def test_a_request_is_not_received_in_the_future(app_settings: dict[str, str]) -> None:
    aanvraag = InzageverzoekAanvraag(bsn="999990019", ontvangen_op=ONTVANGEN, identiteit="DigiD")
    with pytest.raises(NietToegestaan, match="na vandaag"):
        operator("a", date(2026, 1, 30)).registreer(aanvraag)
    assert operator("a", ONTVANGEN).registreer(aanvraag).status is VerzoekStatus.ONTVANGEN


def test_a_refusal_names_its_reasons_and_redress_and_comes_within_the_first_month(
    app_settings: dict[str, str],
) -> None:
    op_tijd = operator("a", date(2026, 2, 28)).weiger(registreer(), Weigering(redenen="herhaald"))
    assert (op_tijd.status, op_tijd.rechtsmiddelen) == (VerzoekStatus.GEWEIGERD, RECHTSMIDDELEN)
    with pytest.raises(NietToegestaan, match="binnen een maand"):
        operator("a", date(2026, 3, 1)).weiger(registreer(), Weigering(redenen="herhaald"))


def test_the_operator_who_assembled_an_answer_cannot_release_it(
    app_settings: dict[str, str],
) -> None:
    verzoek = registreer()
    eerste = operator("a", ONTVANGEN).stel_samen(verzoek)
    with pytest.raises(Forbidden, match="tweede medewerker"):
        operator("a", ONTVANGEN).geef_vrij(verzoek, Vrijgave(antwoord=eerste.id))
    tweede = operator("a", ONTVANGEN).stel_samen(verzoek)  # assembled again meanwhile
    with pytest.raises(Conflict, match="opnieuw samengesteld"):
        operator("b", ONTVANGEN).geef_vrij(verzoek, Vrijgave(antwoord=eerste.id))
    vrij = operator("b", ONTVANGEN).geef_vrij(verzoek, Vrijgave(antwoord=tweede.id))
    assert (vrij.status, vrij.antwoord) == (VerzoekStatus.VRIJGEGEVEN, tweede.id)
