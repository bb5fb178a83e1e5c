"""Rights found before they are asked for: a gemeente's adult residents who meet its own
norms for a regeling they do not receive yet, each with the facts that make them likely
eligible, so the gemeente can approach them.

The gemeente's connection for `proactieve-dienstverlening/signaleren` carries the legal basis
(its `grondslag`); without that connection its file is refused by the intake. The file,
`aanleveringen/proactieve-dienstverlening/{gemeente}/{bestand}` with header `bsn;regeling`
and closing line `#aantal;N`, names who already receives a regeling (`INKOMENSTOESLAG`: an
individuele inkomenstoeslag in the last twelve months, `KWIJTSCHELDING`, `MINIMAREGELINGEN`)
and who objected to being approached (`BEZWAAR`, AVG art. 21): a household is not tested
for a regeling either partner receives, and not at all when either objected. An empty list
(`#aantal;0`) tests every resident.

Readings:
- Residents: the BRP snapshot in force on the day of the file, gemeentecode of the gemeente,
  in the Netherlands, alive, adult; a married couple once.
- A regeling is tested only where the gemeente set its norms (a verordening individuele
  inkomenstoeslag, norms for its minimaregelingen); kwijtschelding with its own policy or the
  law's default.
- Kwijtschelding ambtshalve: the toets needs an assessment; the household is listed when its
  betalingscapaciteit is nil and nothing stands in the way (vermogen, a car, …), so that any
  assessment would be remitted in full. Housing costs are in no source and count as nil:
  the capacity is overestimated, so someone may be missed, never wrongly listed.
- Each toets is the real-time one, audited per person read under this purpose.
- The list holds the BSN, the regeling and the toets's figures, nothing of the household
  members.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from shared.bronnen.raadplegen import Bronnen
from shared.errors import DomainError
from shared.inkomenstoeslag.beleid import InkomenstoeslagBeleidRegister
from shared.inkomenstoeslag.toetsen import Inkomenstoeslagtoetsen
from shared.intake.processing import Bestand, Verwerkingsresultaat, bestandskanaal
from shared.intake.regels import regels
from shared.kwijtschelding.toetsen import Toetsen as Kwijtscheldingtoetsen
from shared.minimatoets.beleid import MinimaBeleidRegister
from shared.minimatoets.toetsen import Minimatoetsen
from shared.models.inkomenstoeslag import InkomenstoeslagVerzoek
from shared.models.kwijtschelding import ToetsVerzoek
from shared.models.minimatoets import MinimatoetsVerzoek
from shared.proactief.bewoners import huishoudens
from shared.rechtmatigheid.verwerking import snapshots_in_force
from shared.rules.iit import Uitkomst as IitUitkomst
from shared.rules.minimatoets import Uitkomst as MinimaUitkomst
from shared.rules.parameters import MissingParameters
from shared.security.access import Caller
from shared.security.diensten import PROACTIEF_SIGNALEREN
from shared.storage.blobs import BlobStore
from shared.storage.containers import BlobContainers
from shared.storage.terugmeldmap import Terugmeldmap
from shared.validation.identifiers import check_bsn

KOLOMMEN = ("bsn", "regeling")
REGELINGEN = ("INKOMENSTOESLAG", "KWIJTSCHELDING", "MINIMAREGELINGEN")
BEZWAAR = "BEZWAAR"
BESTANDEN = Terugmeldmap(
    "proactieve-dienstverlening",
    {".kansen.csv": "text/csv", ".kansen.json": "application/json"},
    ("bsn",),
)
LIJST_KOLOMMEN = ("bsn", "regeling", "feiten")
NOMINALE_AANSLAG = Decimal(1)  # not statutory: only the betalingscapaciteit is used
BELASTINGSOORT = "afvalstoffenheffing"  # not statutory: a local tax remission applies to


def _tekst(waarde: Decimal | None) -> str:
    return "" if waarde is None else f"{waarde:.2f}"


def _inkomenstoeslag(
    toetsen: Inkomenstoeslagtoetsen, caller: Caller, bsn: str, peildatum: date
) -> str | None:
    u = toetsen.toets(caller, InkomenstoeslagVerzoek(bsn=bsn, peildatum=peildatum))
    if u.uitkomst is not IitUitkomst.VOLDOET:
        return None
    feiten = [
        f"{len(u.maanden)} maanden onder de inkomensgrens van de verordening",
        f"toeslag {_tekst(u.bedrag)} per jaar",
    ]
    return "; ".join(feiten + list(u.lezingen))


def _minimaregelingen(
    toetsen: Minimatoetsen, caller: Caller, bsn: str, peildatum: date
) -> str | None:
    u = toetsen.toets(caller, MinimatoetsVerzoek(bsn=bsn, peildatum=peildatum))
    if u.uitkomst is not MinimaUitkomst.VOLDOET or u.minima_uitkering is not None:
        return None  # a running minima benefit: the gemeente knows this household already
    return (
        f"netto inkomen {_tekst(u.netto_inkomen)} tegen toetsbedrag {_tekst(u.toetsbedrag)} "
        f"({u.toetspercentage}% van de norm {_tekst(u.inkomensnorm)})"
    )


def _kwijtschelding(
    toetsen: Kwijtscheldingtoetsen, caller: Caller, bsn: str, peildatum: date
) -> str | None:
    verzoek = ToetsVerzoek(
        bsn=bsn,
        peildatum=peildatum,
        belastingsoort=BELASTINGSOORT,
        aanslagbedrag=NOMINALE_AANSLAG,
    )
    u = toetsen.toets(caller, verzoek)
    if u.betalingscapaciteit > 0 or u.belemmeringen:
        return None
    return (
        f"betalingscapaciteit 0,00: netto besteedbaar inkomen "
        f"{_tekst(u.netto_besteedbaar_inkomen)} tegen kosten van bestaan "
        f"{_tekst(u.kosten_van_bestaan)}; woonlasten niet bekend (als nul gerekend)"
    )


Toets = Callable[[Caller, str, date], "str | None"]


def _toetsen(gemeente: str) -> dict[str, Toets]:
    """The regelingen the gemeente set its norms for."""
    bronnen = Bronnen()
    toetsen: dict[str, Toets] = {
        "KWIJTSCHELDING": partial(_kwijtschelding, Kwijtscheldingtoetsen(bronnen))
    }
    if InkomenstoeslagBeleidRegister().eigen(gemeente) is not None:
        toetsen["INKOMENSTOESLAG"] = partial(_inkomenstoeslag, Inkomenstoeslagtoetsen(bronnen))
    if MinimaBeleidRegister().eigen(gemeente) is not None:
        toetsen["MINIMAREGELINGEN"] = partial(_minimaregelingen, Minimatoetsen(bronnen))
    return toetsen


def _csv(kansen: list[dict[str, str]]) -> Iterator[bytes]:
    uit = io.StringIO()
    writer = csv.writer(uit, delimiter=";", lineterminator="\n")
    writer.writerow(LIJST_KOLOMMEN)
    for kans in kansen:
        writer.writerow([kans[k] for k in LIJST_KOLOMMEN])
    yield uit.getvalue().encode()


def process(
    bestand: Bestand, lines: Iterator[str], peildatum: date | None = None
) -> Verwerkingsresultaat:
    """A `Processor` for `aanleveringen/proactieve-dienstverlening/{gemeente}/{bestand}`."""
    result = Verwerkingsresultaat()
    bekend: dict[str, set[str]] = {}
    for regel, velden in regels(lines, KOLOMMEN, result, "inwoners", leeg_toegestaan=True):
        if velden is None:
            continue
        regeling = velden["regeling"]
        try:
            bsn = check_bsn(velden["bsn"])
        except ValueError as error:
            result.afkeuren(regel, str(error))
            continue
        if regeling not in (*REGELINGEN, BEZWAAR):
            result.afkeuren(regel, f"onbekende regeling {regeling!r}")
            continue
        bekend.setdefault(bsn, set()).add(regeling)
    peildatum = peildatum or datetime.now(UTC).date()
    caller = bestandskanaal(bestand, PROACTIEF_SIGNALEREN)
    toetsen = _toetsen(bestand.organisatie)
    kansen: list[dict[str, str]] = []
    niet_getoetst: Counter[str] = Counter()
    for bsn, partner in huishoudens(bestand.organisatie, snapshots_in_force(peildatum), peildatum):
        al = bekend.get(bsn, set()) | bekend.get(partner or "", set())
        if BEZWAAR in al:
            continue
        for regeling, toets in toetsen.items():
            if regeling in al:
                continue
            try:
                feiten = toets(caller, bsn, peildatum)
            except (DomainError, MissingParameters) as error:
                niet_getoetst[f"{regeling}: {getattr(error, 'detail', str(error))[:80]}"] += 1
                continue
            if feiten is not None:
                kansen.append({"bsn": bsn, "regeling": regeling, "feiten": feiten})
    kop: dict[str, Any] = {
        "gemeente": bestand.organisatie,
        "levering": bestand.delivery_id,
        "peildatum": peildatum.isoformat(),
        "regelingen": sorted(toetsen),
        "nietGetoetst": dict(niet_getoetst),
    }
    basis = f"{BESTANDEN.map_van(bestand.organisatie)}{bestand.delivery_id}.kansen"
    BlobStore().write_together(
        BlobContainers.TERUGMELDINGEN,
        [
            (f"{basis}.csv", _csv(kansen), "text/csv; charset=utf-8"),
            (
                f"{basis}.json",
                [json.dumps({**kop, "kansen": kansen}, ensure_ascii=False, indent=1).encode()],
                "application/json; charset=utf-8",
            ),
        ],
    )
    return result
