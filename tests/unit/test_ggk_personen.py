"""Whom a stored GGk message is about, read from its content when it is read: the envelope's
message, the original a Fo01 holds, and nobody in what is not XML."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from shared.ggk.berichten import personen_in
from shared.ggk.envelop import Afkeur, Afzender, toets
from shared.ggk.fo01 import fo01
from synth.ggk import Client, Prestatie, declaratie, envelop, toewijzing
from synth.identifiers import BsnReeks

DAG = date(2026, 11, 2)
AGB = "01234567"


def test_the_persons_of_an_envelope_are_those_of_its_message() -> None:
    bericht = toewijzing("WMO301", "0363", AGB, Client("111222333"), "T1", DAG)
    assert personen_in(envelop("WMO301", "0363", AGB, str(uuid.uuid4()), bericht)) == ["111222333"]


def test_a_fo01_is_about_the_persons_of_the_envelope_it_refused() -> None:
    bericht = toewijzing("WMO301", "0363", AGB, Client("123456782"), "T1", DAG)
    inhoud = envelop("WMO301", "0363", AGB, "geen-uuid", bericht)
    gelezen, afkeur = toets(inhoud, Afzender("0363"), frozenset({"gemeente", "aanbieder"}))
    assert afkeur is not None
    assert afkeur.sleutel == "geen_uuid"
    _, foutbericht = fo01(gelezen, afkeur, datetime(2026, 11, 2, tzinfo=UTC), inhoud)
    assert personen_in(foutbericht) == ["123456782"]


def test_a_message_put_in_the_envelope_as_elements_is_about_its_persons() -> None:
    bericht = toewijzing("WMO301", "0363", AGB, Client("111222333"), "T1", DAG)
    inhoud = envelop("WMO301", "0363", AGB, str(uuid.uuid4()), b"").replace(
        b"<GGK:xmlBestand></GGK:xmlBestand>",
        b"<GGK:xmlBestand>" + bericht.split(b"?>", 1)[1] + b"</GGK:xmlBestand>",
    )
    assert personen_in(inhoud) == ["111222333"]


def test_what_is_not_xml_is_about_nobody() -> None:
    afkeur = Afkeur("envelop_schema", "geen XML")
    leeg = toets(b"111222333", Afzender("0363"), frozenset({"gemeente"}))[0]
    _, foutbericht = fo01(leeg, afkeur, datetime(2026, 11, 2, tzinfo=UTC), b"111222333")
    assert personen_in(b"111222333") == []
    assert personen_in(foutbericht) == []


def test_every_client_of_a_large_declaration_is_a_person_once() -> None:
    reeks = BsnReeks(10_000_000)
    prestaties = [
        Prestatie(
            Client(reeks.next()), f"R{i}", "40", date(2026, 10, 1), date(2026, 10, 31), 1, 100
        )
        for i in range(2_000)
    ]
    bericht = declaratie("JW323", AGB, "0363", "D1", DAG, "DECL1", prestaties * 2)
    inhoud = envelop("JW323", AGB, "0363", str(uuid.uuid4()), bericht)
    assert personen_in(inhoud) == [p.client.bsn for p in prestaties]
