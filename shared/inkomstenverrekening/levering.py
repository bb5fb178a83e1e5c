"""The monthly inkomstenverrekening of one gemeente: with its rechtmatigheid delivery (the
same recipients, no second file), every new or corrected opgave of a recipient or partner
with its net, and every month whose income against the bijstand differs from what was
delivered before, as `{levering}.opgaven.csv`, `.maanden.csv` and `.inkomstenverrekening.json`
in `terugmeldingen/inkomstenverrekening/{gemeente}/`.

What was delivered is kept as a stand per gemeente (a fingerprint per opgave and per month,
Parquet beside the population): the next run delivers only what differs from it. The files
are written before the stand, so a run that fails between the two delivers the same again,
never less. A month is marked as the law lets it be settled from the month of the delivery:
LOPEND (that month or later), VERREKENEN (middelen of the six months before: Pw art. 58 lid
4, without a terugvorderingsbesluit) or HERZIEN (older: art. 54 lid 3 and 58). The polis has
no payment date: the month an income is over counts as the month it was received.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import groupby
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from azure.core.exceptions import ResourceNotFoundError
from pydantic.alias_generators import to_camel

from shared.bronnen.inkomen import maand_index
from shared.inkomstenverrekening import maanden, opgaven
from shared.inkomstenverrekening.beleid import InkomstenverrekeningBeleidRegister
from shared.intake.processing import Bestand, bestandskanaal
from shared.rules import oib
from shared.security import audit
from shared.security.diensten import INKOMSTENVERREKENING_VERREKENEN
from shared.storage import clients
from shared.storage.blobs import PARQUET, BlobStore, download
from shared.storage.containers import BlobContainers
from shared.storage.terugmeldmap import Terugmeldmap
from shared.storage.toegang import AansluitingRepository

BESTANDEN = Terugmeldmap(
    "inkomstenverrekening",
    {
        ".opgaven.csv": "text/csv",
        ".maanden.csv": "text/csv",
        ".inkomstenverrekening.json": "application/json",
    },
    ("bsn", "ontvanger", "ontvanger_bsn", "ontvangerBsn"),
)
STAND = pa.schema([("sleutel", pa.string()), ("vingerafdruk", pa.string())])

OPGAVE_KOLOMMEN = (
    "status",
    "ontvanger_bsn",
    "bsn",
    "rol",
    "loonheffingennummer",
    "soort_inkomen",
    "uitkeringsinstantie",
    "loontijdvak",
    "tijdvak_begin",
    "tijdvak_einde",
    "periode",
    "loon_lb",
    "netto_normaal",
    "vakantiegeld_bruto",
    "vakantiegeld_netto",
    "bijzonder_bruto",
    "bijzonder_netto",
    "reden",
)
MAAND_KOLOMMEN = (
    "status",
    "ontvanger_bsn",
    "maand",
    "verrekening",
    "arbeid",
    "vroegere_arbeid",
    "eenmalig",
    "vakantiegeld",
    "vrijlating",
    "te_verrekenen",
    "reden",
)


@dataclass(frozen=True)
class Resultaat:
    ontvangers: int
    opgaven: int
    """New or corrected opgaven delivered (incl. those without a net)."""
    zonder_netto: int
    maanden: int
    """Months delivered."""
    niet_berekend: int


def _stand_pad(gemeente: str, soort: str) -> str:
    return f"inkomstenverrekening/{gemeente}/stand-{soort}.parquet"


def _lees_stand(gemeente: str, soort: str, werkmap: Path) -> dict[str, str]:
    blob = clients.blob_service().get_blob_client(
        BlobContainers.BRONSNAPSHOTS, _stand_pad(gemeente, soort)
    )
    try:
        pad = download(blob, werkmap / f"stand-{soort}.parquet")
    except ResourceNotFoundError:
        return {}
    tabel = pq.read_table(pad)
    return dict(zip(tabel["sleutel"].to_pylist(), tabel["vingerafdruk"].to_pylist(), strict=True))


def _bewaar_stand(gemeente: str, soort: str, stand: dict[str, str], werkmap: Path) -> None:
    pad = werkmap / f"stand-{soort}-nieuw.parquet"
    pq.write_table(
        pa.table({"sleutel": list(stand), "vingerafdruk": list(stand.values())}, schema=STAND),
        pad,
    )
    BlobStore().upload_file(BlobContainers.BRONSNAPSHOTS, _stand_pad(gemeente, soort), pad, PARQUET)


def verrekening(maand: str, leveringsmaand: str) -> str:
    if maand_index(maand) >= maand_index(leveringsmaand):
        return "LOPEND"
    return "VERREKENEN" if oib.verrekenbaar(maand, leveringsmaand) else "HERZIEN"


def _opgave_sleutel(rij: dict[str, Any]) -> str:
    return "|".join(
        str(rij[k])
        for k in ("ontvanger", "bsn", "loonheffingennummer", "begindatum", "tijdvak_begin")
    )


def verreken(
    populaties: list[str],
    snapshots: dict[str, list[str]],
    leveringsmaand: str,
    keuze: maanden.Keuze,
    stand_opgaven: dict[str, str],
    stand_maanden: dict[str, str],
    werkmap: Path,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The opgaven and months to deliver (as rows); the stands are brought up to date."""
    gelezen = opgaven.lees(
        populaties, snapshots.get("uwv-polis", []), snapshots.get("brp-personen", []), werkmap
    )
    te_leveren_opgaven: list[dict[str, Any]] = []
    te_leveren_maanden: list[dict[str, Any]] = []
    for ontvanger, groep in groupby(gelezen, key=lambda r: r["ontvanger"]):
        rijen = list(groep)
        status: dict[str, str] = {}
        for rij in rijen:
            sleutel = _opgave_sleutel(rij)
            vorige = stand_opgaven.get(sleutel)
            if vorige != rij["vingerafdruk"]:
                status[sleutel] = "NIEUW" if vorige is None else "GECORRIGEERD"
                stand_opgaven[sleutel] = rij["vingerafdruk"]
        if not status:
            continue
        regels, maandregels = maanden.huishouden(rijen, keuze)
        for rij, regel in zip(rijen, regels, strict=True):
            if (s := status.get(_opgave_sleutel(rij))) is not None:
                te_leveren_opgaven.append(_opgave_rij(s, regel))
        for maand in maandregels:
            sleutel, vingerafdruk = f"{ontvanger}|{maand.maand}", maand.vingerafdruk()
            vorige = stand_maanden.get(sleutel)
            if vorige != vingerafdruk:
                stand_maanden[sleutel] = vingerafdruk
                s = "NIEUW" if vorige is None else "GECORRIGEERD"
                te_leveren_maanden.append(_maand_rij(s, maand, leveringsmaand))
    return te_leveren_opgaven, te_leveren_maanden


def _opgave_rij(status: str, regel: maanden.Opgaveregel) -> dict[str, Any]:
    return {
        "status": status,
        "ontvanger_bsn": regel.ontvanger,
        **{k: getattr(regel, k) for k in OPGAVE_KOLOMMEN if k not in ("status", "ontvanger_bsn")},
    }


def _maand_rij(status: str, maand: maanden.Maandregel, leveringsmaand: str) -> dict[str, Any]:
    def som(veld: str) -> Any:
        return sum((getattr(p, veld) for p in maand.personen), maanden.NUL)

    bekend = maand.reden is None
    return {
        "status": status,
        "ontvanger_bsn": maand.ontvanger,
        "maand": maand.maand,
        "verrekening": verrekening(maand.maand, leveringsmaand),
        **{
            veld: som(veld) if bekend else None
            for veld in ("arbeid", "vroegere_arbeid", "eenmalig", "vakantiegeld", "vrijlating")
        },
        "te_verrekenen": maand.te_verrekenen,
        "reden": maand.reden,
        "personen": [
            {
                "bsn": p.bsn,
                "rol": p.rol,
                "arbeid": p.arbeid,
                "vroegere_arbeid": p.vroegere_arbeid,
                "eenmalig": p.eenmalig,
                "vakantiegeld": p.vakantiegeld,
                "vrijlating": p.vrijlating,
                "vrijlating_soort": p.vrijlating_soort.value,
                "inkomen": p.inkomen,
            }
            for p in maand.personen
        ],
    }


def _tekst(waarde: Any) -> str:
    """A field as the files write it: amounts (all in euro) to the cent."""
    if waarde is None:
        return ""
    return f"{waarde:.2f}" if isinstance(waarde, Decimal) else str(waarde)


def _csv(kolommen: tuple[str, ...], rijen: list[dict[str, Any]]) -> Iterator[bytes]:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\n")
    writer.writerow(kolommen)
    for rij in rijen:
        writer.writerow([_tekst(rij[k]) for k in kolommen])
    yield text.getvalue().encode()


def _camel(waarde: Any) -> Any:
    if isinstance(waarde, dict):
        return {to_camel(k): _camel(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_camel(v) for v in waarde]
    return waarde


def _json(
    kop: dict[str, Any], opgaven_: list[dict[str, Any]], maanden_: list[dict[str, Any]]
) -> Iterator[bytes]:
    inhoud = _camel({**kop, "opgaven": opgaven_, "maanden": maanden_})
    yield json.dumps(inhoud, default=_tekst, ensure_ascii=False, indent=1).encode()


LEZINGEN = (
    "netto per opgave: loon voor de loonbelasting min privégebruik auto, vrijgestelde "
    "voordelen (art. 31 lid 2 c en p), loonheffing normaal tarief, Zvw-bijdrage en "
    "WGA-premie (Regeling Participatiewet, IOAW en IOAZ; de polis splitst Zvw en WGA niet: "
    "ze gaan van het normale loon af)",
    "een maand telt de loontijdvakken van die maand; vierwekenloon als maandbedrag (13/12); "
    "eenmalige beloningen naar de twaalf maanden tot en met hun betaling (art. 32 lid 2)",
    "vrijlating art. 31 lid 2 n volgens de keuze van de gemeente, de zes maanden geteld vanaf "
    "de begindatum van de uitkering; r en y past de gemeente zelf toe",
    "de polis kent geen betaaldatum: de maand waarover het inkomen gaat geldt als de maand "
    "van ontvangst (art. 58 lid 4)",
)


def lever(
    bestand: Bestand, populatie: Path, snapshots: dict[str, list[str]], peildatum: date
) -> Resultaat | None:
    """The gemeente's inkomstenverrekening of the delivery's month, when it chose to receive
    one (its policy and an active connection); None otherwise."""
    gemeente = bestand.organisatie
    gevonden = InkomstenverrekeningBeleidRegister().eigen(gemeente)
    aansluiting = AansluitingRepository().find(
        gemeente, INKOMSTENVERREKENING_VERREKENEN.dienst, INKOMSTENVERREKENING_VERREKENEN.code
    )
    if gevonden is None or aansluiting is None or not aansluiting[0].is_actief(datetime.now(UTC)):
        return None
    beleid = gevonden[0]
    keuze = maanden.Keuze(beleid.vakantiegeld, beleid.vrijlating_arbeid)
    leveringsmaand = f"{peildatum:%Y-%m}"
    with tempfile.TemporaryDirectory(prefix="inkomstenverrekening-") as map_:
        werkmap = Path(map_)
        stand_opgaven = _lees_stand(gemeente, "opgaven", werkmap)
        stand_maanden = _lees_stand(gemeente, "maanden", werkmap)
        te_opgaven, te_maanden = verreken(
            [str(populatie)],
            snapshots,
            leveringsmaand,
            keuze,
            stand_opgaven,
            stand_maanden,
            werkmap,
        )
        kop = {
            "gemeente": gemeente,
            "levering": bestand.bestandsnaam,
            "leveringsmaand": leveringsmaand,
            "vakantiegeld": keuze.vakantiegeld.value,
            "vrijlating_arbeid": keuze.vrijlating_arbeid,
            "lezingen": list(LEZINGEN),
        }
        basis = f"{BESTANDEN.map_van(gemeente)}{bestand.bestandsnaam}"
        BlobStore().write_together(
            BlobContainers.TERUGMELDINGEN,
            [
                (
                    f"{basis}.opgaven.csv",
                    _csv(OPGAVE_KOLOMMEN, te_opgaven),
                    "text/csv; charset=utf-8",
                ),
                (
                    f"{basis}.maanden.csv",
                    _csv(MAAND_KOLOMMEN, te_maanden),
                    "text/csv; charset=utf-8",
                ),
                (
                    f"{basis}.inkomstenverrekening.json",
                    _json(kop, te_opgaven, te_maanden),
                    "application/json; charset=utf-8",
                ),
            ],
        )
        _bewaar_stand(gemeente, "opgaven", stand_opgaven, werkmap)
        _bewaar_stand(gemeente, "maanden", stand_maanden, werkmap)
    bsns = (
        [r["bsn"] for r in te_opgaven]
        + [p["bsn"] for r in te_maanden for p in r["personen"]]
        + [r["ontvanger_bsn"] for r in te_maanden]
    )
    audit.personen(
        bestandskanaal(bestand, INKOMSTENVERREKENING_VERREKENEN),
        "inkomstenverrekening geleverd",
        INKOMSTENVERREKENING_VERREKENEN,
        bsns,
    )
    return Resultaat(
        ontvangers=len({r["ontvanger_bsn"] for r in te_opgaven + te_maanden}),
        opgaven=len(te_opgaven),
        zonder_netto=sum(1 for r in te_opgaven if r["reden"]),
        maanden=len(te_maanden),
        niet_berekend=sum(1 for r in te_maanden if r["reden"]),
    )
