"""Rights found before they are asked for: a gemeente's adult residents who likely meet its
own norms for a regeling they do not receive yet, each with the figures that make it likely,
so the gemeente can check and approach them. A list of leads, never a decision.

The gemeente's connection for `proactieve-dienstverlening/signaleren` carries the legal basis
(its `grondslag`); without it there is no upload grant and no list. The file,
`aanleveringen/proactieve-dienstverlening/{gemeente}/{bestand}` with header `bsn;regeling`
and closing line `#aantal;N`, names who already receives a regeling (`INKOMENSTOESLAG`: an
individuele inkomenstoeslag in the last twelve months, `KWIJTSCHELDING`, `MINIMAREGELINGEN`),
who objected to being approached (`BEZWAAR`, AVG art. 21) and who withdrew an objection
(`BEZWAAR_INGETROKKEN`). Objections are kept by the platform until withdrawn, so one missing
from a later file is not lost; a household is not read at all when either partner objected,
and not tested for a regeling either receives. A line that cannot be read refuses the file
(it could be an objection), as does an empty file.

Readings:
- Residents: the BRP snapshot in force on the day of the file, gemeentecode of the gemeente,
  in the Netherlands, alive, adult; a married couple once, from the lower BSN.
- Nobody is read, not even the BRP, when a source the toetsen need has no snapshot in force
  (income or assets would read as nil) or the bijstandsnormen of the date are not known; the
  list says why (`nietGelezen`). `nietGetoetst` counts the households read but not tested,
  per reason.
- A regeling is tested only where the gemeente set its norms (a verordening individuele
  inkomenstoeslag, norms for its minimaregelingen); kwijtschelding with its own policy or the
  law's default.
- The individuele inkomenstoeslag as the verordening tests it: one that tests the vermogen
  (which only the resident can give) or looks back past the known norms is not met by a
  proactive run (ONVOLLEDIG), so such a gemeente's list holds no IIT.
- Kwijtschelding ambtshalve: the toets needs an assessment: a nominal one of EUR 1 of a kind
  the policy remits. The household is listed when it is remitted in full with a
  betalingscapaciteit of nil and nothing in the way (vermogen, a car, …): then any
  assessment would be. Housing costs are in no source and count as nil (the capacity is
  overestimated).
- What no source holds is not known: being an ondernemer, an eigen woning, living together
  unmarried, studying or detention are not tested, and "no income known" is not "no
  income". The gemeente checks each lead before it approaches anyone.
- Each toets is the real-time one, audited per person read under this purpose.
- The list holds the BSN, the regeling and the toets's household figures.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from azure.core.exceptions import ResourceNotFoundError

from shared.bronnen.raadplegen import Bronnen
from shared.csvbestand import csv_bestand
from shared.errors import DomainError
from shared.inkomenstoeslag.beleid import InkomenstoeslagBeleidRegister
from shared.inkomenstoeslag.toetsen import Inkomenstoeslagtoetsen
from shared.intake.processing import (
    Bestand,
    FileRejected,
    Verwerkingsresultaat,
    bestandskanaal,
)
from shared.intake.regels import regels
from shared.kwijtschelding.toetsen import Toetsen as Kwijtscheldingtoetsen
from shared.minimatoets.beleid import MinimaBeleidRegister
from shared.minimatoets.toetsen import Minimatoetsen
from shared.models.aanlevering import Afkeuring
from shared.models.inkomenstoeslag import InkomenstoeslagVerzoek
from shared.models.kwijtschelding import ToetsVerzoek
from shared.models.minimatoets import MinimatoetsVerzoek
from shared.proactief.bewoners import huishoudens
from shared.rechtmatigheid.verwerking import snapshots_in_force
from shared.rules.iit import Uitkomst as IitUitkomst
from shared.rules.kwijtschelding.toets import Uitkomst as KwijtscheldingUitkomst
from shared.rules.minimatoets import Uitkomst as MinimaUitkomst
from shared.rules.parameters import MissingParameters, in_force
from shared.security.access import Caller
from shared.security.diensten import PROACTIEF_SIGNALEREN
from shared.storage import clients
from shared.storage.blobs import BlobStore
from shared.storage.containers import BlobContainers
from shared.storage.terugmeldmap import Terugmeldmap
from shared.validation.identifiers import check_bsn

KOLOMMEN = ("bsn", "regeling")
REGELINGEN = ("INKOMENSTOESLAG", "KWIJTSCHELDING", "MINIMAREGELINGEN")
BEZWAAR, INGETROKKEN = "BEZWAAR", "BEZWAAR_INGETROKKEN"
NODIGE_BRONNEN = (
    "brp-personen",
    "brp-relaties",
    "uwv-polis",
    "uitkeringen",
    "gemeenten-uitkeringen",
    "bd-rekeningen",
    "rdw-voertuigen",
)
"""Without a snapshot of each, income or assets would read as nil and someone be listed
wrongly: nobody is tested."""
NORMEN = ["norm_alleenstaande", "norm_gehuwden"]
"""Every toets holds the income against a bijstandsnorm: unknown on the date, nobody is read."""
BESTANDEN = Terugmeldmap(
    "proactieve-dienstverlening",
    {".kansen.csv": "text/csv", ".kansen.json": "application/json"},
    ("bsn",),
)
LIJST_KOLOMMEN = ("bsn", "regeling", "feiten")
NOMINALE_AANSLAG = Decimal(1)  # not statutory: only the betalingscapaciteit is used
BELASTINGSOORT = "afvalstoffenheffing"  # not statutory: a local tax remission applies to
"""The assessment's kind when the gemeente's policy names none (all qualify)."""


def _tekst(waarde: Decimal | None) -> str:
    return "" if waarde is None else f"{waarde:.2f}"


def _inkomenstoeslag(
    toetsen: Inkomenstoeslagtoetsen, caller: Caller, bsn: str, peildatum: date
) -> str | None:
    u = toetsen.toets(caller, InkomenstoeslagVerzoek(bsn=bsn, peildatum=peildatum))
    if u.uitkomst is not IitUitkomst.VOLDOET:
        return None
    feiten = [f"{len(u.maanden)} maanden getoetst aan de inkomensgrens van de verordening"]
    if u.gemiddeld_procentueel is not None:
        feiten.append(f"gemiddeld {u.gemiddeld_procentueel}% van de norm")
    feiten.append(f"toeslag {_tekst(u.bedrag)} per jaar")
    return "; ".join(feiten)  # household figures only: no reading that names a member


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
    toetsen: Kwijtscheldingtoetsen,
    belastingsoort: str,
    caller: Caller,
    bsn: str,
    peildatum: date,
) -> str | None:
    verzoek = ToetsVerzoek(
        bsn=bsn,
        peildatum=peildatum,
        belastingsoort=belastingsoort,
        aanslagbedrag=NOMINALE_AANSLAG,
    )
    u = toetsen.toets(caller, verzoek)
    if u.uitkomst is not KwijtscheldingUitkomst.TOEGEKEND:
        return None
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
    kwijtschelding = Kwijtscheldingtoetsen(bronnen)
    beleid, _ = kwijtschelding.beleid.van(gemeente)  # read once per run, not per household
    soort = (beleid.belastingsoorten or [BELASTINGSOORT])[0]
    toetsen: dict[str, Toets] = {"KWIJTSCHELDING": partial(_kwijtschelding, kwijtschelding, soort)}
    if InkomenstoeslagBeleidRegister().eigen(gemeente) is not None:
        toetsen["INKOMENSTOESLAG"] = partial(_inkomenstoeslag, Inkomenstoeslagtoetsen(bronnen))
    if MinimaBeleidRegister().eigen(gemeente) is not None:
        toetsen["MINIMAREGELINGEN"] = partial(_minimaregelingen, Minimatoetsen(bronnen))
    return toetsen


def _bezwaren_pad(gemeente: str) -> str:
    return f"proactieve-dienstverlening/{gemeente}/bezwaren.json"


def bezwaren(gemeente: str, nieuw: set[str], ingetrokken: set[str]) -> set[str]:
    """The gemeente's residents who objected, kept by the platform until withdrawn: an
    objection missing from a later file (a failed export) is not lost."""
    blob = clients.blob_service().get_blob_client(
        BlobContainers.BRONSNAPSHOTS, _bezwaren_pad(gemeente)
    )
    try:
        eerder = set(json.loads(blob.download_blob().readall()))
    except ResourceNotFoundError:
        eerder = set()
    nu = (eerder | nieuw) - ingetrokken
    if nu != eerder:
        blob.upload_blob(json.dumps(sorted(nu)).encode(), overwrite=True)
    return nu


def _lees(lines: Iterator[str], result: Verwerkingsresultaat) -> dict[str, set[str]]:
    """Per BSN what the file says of him. One line that cannot be read refuses the file: it
    could be an objection."""
    bekend: dict[str, set[str]] = {}
    for regel, velden in regels(lines, KOLOMMEN, result, "inwoners"):
        if velden is None:
            continue
        regeling = velden["regeling"]
        try:
            bsn = check_bsn(velden["bsn"])
        except ValueError as error:
            result.afkeuren(regel, str(error))
            continue
        if regeling not in (*REGELINGEN, BEZWAAR, INGETROKKEN):
            result.afkeuren(regel, f"onbekende regeling {regeling!r}")
            continue
        bekend.setdefault(bsn, set()).add(regeling)
    if result.afkeuringen:
        eerste = result.afkeuringen[0]
        raise FileRejected(
            Afkeuring(
                regel=eerste.regel,
                reden=f"{eerste.reden}; een onleesbare regel kan een bezwaar zijn: de lijst "
                "wordt niet gemaakt",
            ),
            resultaat=result,
        )
    return bekend


def _niet_te_toetsen(snapshots: dict[str, list[str]], peildatum: date) -> str | None:
    """Why nobody can be tested on the date, checked before anyone is read."""
    zonder = [b for b in NODIGE_BRONNEN if not snapshots.get(b)]
    if zonder:
        return f"geen stand van {', '.join(zonder)} op {peildatum}"
    try:
        in_force(peildatum, NORMEN)
    except MissingParameters as error:
        return str(error)
    return None


def process(
    bestand: Bestand, lines: Iterator[str], peildatum: date | None = None
) -> Verwerkingsresultaat:
    """A `Processor` for `aanleveringen/proactieve-dienstverlening/{gemeente}/{bestand}`."""
    result = Verwerkingsresultaat()
    bekend = _lees(lines, result)
    gemeente = bestand.organisatie
    bezwaar = bezwaren(
        gemeente,
        {b for b, r in bekend.items() if BEZWAAR in r},
        {b for b, r in bekend.items() if INGETROKKEN in r},
    )
    peildatum = peildatum or datetime.now(UTC).date()
    snapshots = snapshots_in_force(peildatum)
    caller = bestandskanaal(bestand, PROACTIEF_SIGNALEREN)
    toetsen = _toetsen(gemeente)
    kansen: list[dict[str, str]] = []
    niet_getoetst: Counter[str] = Counter()
    waarom_niet = _niet_te_toetsen(snapshots, peildatum)
    for bsn, partner in huishoudens(gemeente, snapshots, peildatum) if waarom_niet is None else []:
        if bsn in bezwaar or partner in bezwaar:
            continue
        al = bekend.get(bsn, set()) | bekend.get(partner or "", set())
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
        "gemeente": gemeente,
        "levering": bestand.delivery_id,
        "peildatum": peildatum.isoformat(),
        "regelingen": sorted(toetsen),
        "nietGelezen": waarom_niet,
        "nietGetoetst": dict(niet_getoetst),
    }
    basis = f"{BESTANDEN.map_van(gemeente)}{bestand.delivery_id}.kansen"
    BlobStore().write_together(
        BlobContainers.TERUGMELDINGEN,
        [
            (f"{basis}.csv", csv_bestand(LIJST_KOLOMMEN, kansen), "text/csv; charset=utf-8"),
            (
                f"{basis}.json",
                [json.dumps({**kop, "kansen": kansen}, ensure_ascii=False, indent=1).encode()],
                "application/json; charset=utf-8",
            ),
        ],
    )
    return result
