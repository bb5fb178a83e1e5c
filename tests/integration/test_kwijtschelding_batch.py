"""A kwijtschelding file over a synthetic world: what the API lists afterwards, page by page,
is exactly what `tests/data/kwijtschelding/uitkomsten.json` holds (each household's
booked figures, and a digest of every field of every answer). That file was written by
the platform while it still stored one document per household, so a change in how the
outcomes are stored cannot change a single outcome, line or amount unseen.

    UITKOMSTEN_HERSCHRIJVEN=1 pytest tests/integration/test_kwijtschelding_batch.py

writes the file anew: only for a deliberate change of the rules, reviewed in its diff."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from local.runtime import Platform
from local.world import publish_as_parquet
from shared.bronnen.publicatie import publicaties
from shared.errors import Invalid
from shared.intake.processing import Bestand
from shared.kwijtschelding import opslag, verwerking
from shared.kwijtschelding.opslag import Toetsingen
from shared.models.kwijtschelding import KOLOMMEN
from shared.storage import clients
from shared.storage.vervolg import inpakken
from synth.files import write_world
from synth.world import Wereld
from tests.conftest import gebruik_eigen_database

pytestmark = pytest.mark.integration

VERWACHT = Path(__file__).parent.parent / "data" / "kwijtschelding" / "uitkomsten.json"
ORGANISATIE = "GM0363"
BRONPEIL, AANVRAAG = date(2026, 4, 30), date(2026, 5, 1)
HUISHOUDENS = 240
PAGINA = 7
"""Smaller than any stored chunk, so pages end inside one and continue in the next."""


@pytest.fixture(scope="module")
def aanvragers(
    tmp_path_factory: pytest.TempPathFactory, emulators: Platform
) -> Iterator[list[str]]:
    """The world's sources published as snapshots in a database of this module's own; the
    heads of its households."""
    saved = {name: os.environ.get(name) for name in emulators.settings}
    os.environ.update(emulators.settings)
    gebruik_eigen_database("kwijtschelding-batch")
    publicaties.cache_clear()
    root = tmp_path_factory.mktemp("kwijtschelding-batch")
    households = list(Wereld(61, BRONPEIL).huishoudens(HUISHOUDENS, 0.4))
    heads = [h.leden[0].bsn for h in households]
    write_world(iter(households), root / "synth", BRONPEIL, HUISHOUDENS)
    publish_as_parquet(root / "synth", BRONPEIL, verwerking.ALLE_BRONNEN, root)
    yield heads
    publicaties.cache_clear()
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    clients.reset()


def aanvraagbestand(heads: list[str]) -> list[str]:
    """Every head applies; every fifth with a second assessment (one household, one
    capacity), every third with woonlasten and a premium of its own."""
    lines = [";".join(KOLOMMEN)]
    for index, bsn in enumerate(heads):
        ambtshalve = "J" if index % 2 else "N"
        kosten = "85000;15000;0;0;N" if index % 3 == 0 else ";;;;N"
        lines.append(
            f"{ORGANISATIE};{bsn};AFVALSTOFFENHEFFING;31500;{AANVRAAG};{ambtshalve};{kosten}"
        )
        if index % 5 == 0:
            lines.append(f"{ORGANISATIE};{bsn};RIOOLHEFFING;19850;{AANVRAAG};{ambtshalve};{kosten}")
    lines.append(f"#aantal;{len(lines) - 1}")
    return lines


def vergelijkbaar(toetsing: dict[str, Any]) -> dict[str, Any]:
    """A listed toetsing without what names this run (its delivery and the ids made of it)."""
    return {k: v for k, v in toetsing.items() if k not in ("id", "levering")}


def kern(toetsing: dict[str, Any]) -> dict[str, Any]:
    """What a tax system books of a toetsing: kept line by line in the file, to show where
    a difference is; the whole answer is compared by its digest."""
    u = toetsing["uitkomst"]
    return {
        "regels": toetsing["regels"],
        "bsn": toetsing["bsn"],
        "uitkomst": u["uitkomst"],
        "aanslagen": [
            [a["belastingsoort"], a["kwijtschelding"], a["teBetalen"]] for a in u["aanslagen"]
        ],
        "betalingscapaciteit": u["betalingscapaciteit"],
        "vermogen": u["vermogen"],
        "belemmeringen": [b["soort"] for b in u["belemmeringen"]],
    }


def digest(uitkomsten: list[dict[str, Any]]) -> str:
    canon = json.dumps(uitkomsten, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canon.encode()).hexdigest()


def test_the_listed_outcomes_of_a_file_are_those_of_one_document_per_household(
    aanvragers: list[str],
) -> None:
    levering = f"batch-{uuid.uuid4().hex[:8]}"
    bestand = Bestand("kwijtschelding", ORGANISATIE, "aanvragen.csv", levering, "c-batch")
    lines = aanvraagbestand(aanvragers)
    result = verwerking.process(bestand, iter(lines))
    assert (result.aantal_records, result.aantal_afgekeurd) == (len(lines) - 2, 0), [
        a.reden for a in result.afkeuringen[:3]
    ]

    gelezen: list[dict[str, Any]] = []
    vervolg = None
    while True:
        pagina, vervolg = Toetsingen().van(ORGANISATIE, levering, PAGINA, vervolg)
        assert len(pagina) <= PAGINA
        gelezen.extend(t.openbaar().model_dump(mode="json", by_alias=True) for t in pagina)
        if vervolg is None:
            break
    assert [t["levering"] for t in gelezen] == [levering] * HUISHOUDENS
    assert len({t["id"] for t in gelezen}) == HUISHOUDENS
    uitkomsten = [vergelijkbaar(t) for t in gelezen]

    nu = {"sha256": digest(uitkomsten), "huishoudens": [kern(t) for t in uitkomsten]}
    if os.environ.get("UITKOMSTEN_HERSCHRIJVEN"):
        VERWACHT.parent.mkdir(parents=True, exist_ok=True)
        VERWACHT.write_text(json.dumps(nu, indent=1, ensure_ascii=False) + "\n")
    toen = json.loads(VERWACHT.read_text())
    assert len(nu["huishoudens"]) == len(toen["huishoudens"]) == HUISHOUDENS
    for dit, dat in zip(nu["huishoudens"], toen["huishoudens"], strict=True):
        assert dit == dat, f"regel {dat['regels'][0]} luidt anders dan voorheen"
    assert nu["sha256"] == toen["sha256"], "every line books the same, another field differs"
    heel, geen_vervolg = Toetsingen().van(ORGANISATIE, levering, 1000, None)
    assert [t.id for t in heel] == [t["id"] for t in gelezen]
    assert geen_vervolg is None
    persoon = gelezen[100]
    assert [t.id for t in Toetsingen().van_persoon(persoon["bsn"])] == [persoon["id"]]
    with pytest.raises(Invalid):
        Toetsingen().van(ORGANISATIE, levering, PAGINA, inpakken('{"deel": "weg", "na": 1}'))
    soorten = {t["uitkomst"]["uitkomst"] for t in uitkomsten}
    assert soorten == {"TOEGEKEND", "GEDEELTELIJK", "AFGEWEZEN"}, "the world covers each outcome"


def test_a_retry_cut_into_fewer_parts_leaves_no_part_of_the_first_attempt(
    aanvragers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A delivery processed again (the host retries it) after something changed the size of
    its parts: the listing holds each household once, as the second attempt stored it."""
    levering = f"opnieuw-{uuid.uuid4().hex[:8]}"
    bestand = Bestand("kwijtschelding", ORGANISATIE, "aanvragen.csv", levering, "c-opnieuw")
    lines = aanvraagbestand(aanvragers)
    monkeypatch.setattr(opslag, "PER_DEEL", 50)
    verwerking.process(bestand, iter(lines))
    monkeypatch.undo()
    verwerking.process(bestand, iter(lines))
    listed, vervolg = Toetsingen().van(ORGANISATIE, levering, 1000, None)
    assert vervolg is None
    assert len(listed) == len({t.id for t in listed}) == HUISHOUDENS
    delen = Toetsingen()._index(ORGANISATIE, levering, "", 10)
    assert [d["aantal"] for d in delen] == [100, 100, 40]
