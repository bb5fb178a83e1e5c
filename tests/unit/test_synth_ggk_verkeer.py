"""The synthetic GGk traffic holds what it says: every message of every flow passes the GGk's
layers, every invalid envelope is refused by the check it names, and a retour comes after the
message it answers."""

from __future__ import annotations

from shared.ggk import xml
from shared.ggk.envelop import Afzender, Soort, toets
from synth.ggk import BERICHTCODES, Client
from synth.ggk_verkeer import verkeer

ALLES: frozenset[Soort] = frozenset({"gemeente", "aanbieder"})


def test_each_envelope_passes_or_is_refused_by_the_check_it_names() -> None:
    zendingen = verkeer(
        ("0363", "0344"), ("01234567", "87654321"), (Client("111222333"),), 120, seed=7
    )
    gezien: set[str] = set()
    for zending in zendingen:
        gemeente = zending.organisatie[2:] if zending.organisatie.startswith("GM") else None
        _, afkeur = toets(zending.envelop, Afzender(gemeente), ALLES)
        if zending.verwacht == "referentie_niet_uniek":  # the one check with state: the hub's
            assert afkeur is None
            assert zending.referentienummer in gezien
        else:
            assert (afkeur.sleutel if afkeur else None) == zending.verwacht, zending.functie
        if zending.heen is not None:
            assert zending.heen in gezien, f"{zending.functie} before the message it answers"
        gezien.add(zending.referentienummer)


def test_the_flows_carry_every_message_type_the_ggk_has_a_schema_for() -> None:
    zendingen = verkeer(("0363",), ("01234567",), (Client("111222333"),), 120, seed=7)
    geleverd = {z.functie for z in zendingen if z.verwacht is None}
    met_schema = {f for f in BERICHTCODES if xml.berichtschema(f) is not None}
    assert geleverd == met_schema


def test_the_same_seed_gives_the_same_day() -> None:
    def dag() -> list[tuple[str, str, str | None]]:
        zendingen = verkeer(("0363", "0344"), ("01234567",), (Client("111222333"),), 40, seed=3)
        return [(z.organisatie, z.functie, z.verwacht) for z in zendingen]

    assert dag() == dag()
