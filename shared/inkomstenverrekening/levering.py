"""The monthly inkomstenverrekening of one gemeente: with its rechtmatigheid delivery (the
same recipients, no second file), every new or corrected opgave of a recipient or partner
with its net, and every month whose income against the bijstand differs from what was
delivered before, as `{aanlevering}.opgaven.csv`, `.maanden.csv` and
`.inkomstenverrekening.json` in `terugmeldingen/inkomstenverrekening/{gemeente}/`, named after
the delivery's id (a file name a gemeente uses every month does not overwrite last month's).

What was delivered is kept as a stand per gemeente (a fingerprint per opgave and per month
of its current recipients, one Parquet blob beside the population, naming the delivery that
wrote it): the next run delivers only what differs from it. The files and the audit of each
person delivered come before the stand, so a run that fails between them delivers (and
audits) the same again, never less; a retry of a delivery whose stand is written changes
nothing. A month is marked as the law lets it be settled from the month of the delivery:
LOPEND (that month or later), VERREKENEN (middelen of the six months before: Pw art. 58 lid
4, without a terugvorderingsbesluit) or HERZIEN (older: art. 54 lid 3 and 58). The polis has
no payment date: the month an income is over counts as the month it was received.
"""

from __future__ import annotations

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
from shared.csvbestand import csv_bestand
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
STAND = pa.schema([("soort", pa.string()), ("sleutel", pa.string()), ("vingerafdruk", pa.string())])

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


@dataclass
class Stand:
    """What was delivered to a gemeente: a fingerprint per opgave and per month, and the
    delivery that brought it up to date. One blob, so it changes as a whole."""

    opgaven: dict[str, str]
    maanden: dict[str, str]
    levering: str | None = None


def _stand_pad(gemeente: str) -> str:
    return f"inkomstenverrekening/{gemeente}/stand.parquet"


def _lees_stand(gemeente: str, werkmap: Path) -> Stand:
    blob = clients.blob_service().get_blob_client(
        BlobContainers.BRONSNAPSHOTS, _stand_pad(gemeente)
    )
    try:
        pad = download(blob, werkmap / "stand.parquet")
    except ResourceNotFoundError:
        return Stand({}, {})
    tabel = pq.read_table(pad)
    stand = Stand({}, {}, (tabel.schema.metadata or {}).get(b"levering", b"").decode() or None)
    for soort, sleutel, vingerafdruk in zip(
        *(tabel[k].to_pylist() for k in ("soort", "sleutel", "vingerafdruk")), strict=True
    ):
        (stand.opgaven if soort == "opgave" else stand.maanden)[sleutel] = vingerafdruk
    return stand


def _bewaar_stand(
    gemeente: str, stand: Stand, levering: str, ontvangers: set[str], werkmap: Path
) -> None:
    """The stand after `levering`, kept only for the recipients of that delivery: a person
    who left the population leaves the stand."""
    rijen = [
        (soort, sleutel, vingerafdruk)
        for soort, deel in (("opgave", stand.opgaven), ("maand", stand.maanden))
        for sleutel, vingerafdruk in deel.items()
        if sleutel.split("|", 1)[0] in ontvangers
    ]
    tabel = pa.table(
        {k: [r[i] for r in rijen] for i, k in enumerate(("soort", "sleutel", "vingerafdruk"))},
        schema=STAND.with_metadata({"levering": levering}),
    )
    pad = werkmap / "stand-nieuw.parquet"
    pq.write_table(tabel, pad)
    BlobStore().upload_file(BlobContainers.BRONSNAPSHOTS, _stand_pad(gemeente), pad, PARQUET)


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
    """The opgaven and months to deliver (as rows); the stands are brought up to date. Every
    household is computed, and a month delivered when its outcome differs from the stand."""
    maanden.vergeet_parameters()
    gelezen = opgaven.lees(populaties, snapshots, werkmap)
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
        # every household is computed again: a month can change without a changed opgave
        # (the population, the gemeente's choices, a parameter that became known)
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
    "alleen ontvangers van algemene bijstand van de gemeente (PW); AIO verrekent de SVB, "
    "IOAW, IOAZ en Bbz kennen eigen regels",
    "netto per opgave: loon voor de loonbelasting min privégebruik auto, vrijgestelde "
    "voordelen (art. 31 lid 2 c en p), loonheffing normaal tarief, Zvw-bijdrage en "
    "WGA-premie (Regeling Participatiewet, IOAW en IOAZ; de polis splitst Zvw en WGA niet: "
    "ze gaan van het normale loon af)",
    "een maand telt de loontijdvakken van die maand; vierwekenloon als maandbedrag (13/12); "
    "eenmalige beloningen naar de twaalf maanden tot en met hun betaling (art. 32 lid 2); "
    "uitbetaald vakantiegeld voor de twaalfden verdiend in de uitkering",
    "een maand waarin de uitkering maar een deel loopt, rekent de gemeente zelf toe",
    "het inkomen van de partner telt vanaf het huwelijk of partnerschap in de BRP; een "
    "partner die de BRP niet als zodanig kent, over de hele uitkering",
    "vrijlating art. 31 lid 2 n volgens de keuze van de gemeente, vanaf 27 jaar (leeftijd op "
    "de eerste van de maand); de zes maanden geteld als maanden met inkomen uit arbeid vanaf "
    "de begindatum van de uitkering waarin de vrijlating kon gelden; vanaf 2027 art. 34a; "
    "r en y past de gemeente zelf toe",
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
    aangesloten = AansluitingRepository().actief(
        gemeente,
        INKOMSTENVERREKENING_VERREKENEN.dienst,
        INKOMSTENVERREKENING_VERREKENEN.code,
        datetime.now(UTC),
    )
    if gevonden is None or not aangesloten:
        return None
    beleid = gevonden[0]
    keuze = maanden.Keuze(beleid.vakantiegeld, beleid.vrijlating_arbeid)
    leveringsmaand = f"{peildatum:%Y-%m}"
    with tempfile.TemporaryDirectory(prefix="inkomstenverrekening-") as map_:
        werkmap = Path(map_)
        stand = _lees_stand(gemeente, werkmap)
        if stand.levering == bestand.delivery_id:
            return None  # delivered and recorded already: a retry changes nothing
        te_opgaven, te_maanden = verreken(
            [str(populatie)],
            snapshots,
            leveringsmaand,
            keuze,
            stand.opgaven,
            stand.maanden,
            werkmap,
        )
        audit.verwerkt(  # every household's income was read and computed, delivered or not
            gemeente,
            "inkomstenverrekening berekend",
            INKOMSTENVERREKENING_VERREKENEN,
            opgaven.personen(populatie),
        )
        kop = {
            "gemeente": gemeente,
            "levering": bestand.delivery_id,
            "bestand": bestand.bestandsnaam,
            "leveringsmaand": leveringsmaand,
            "vakantiegeld": keuze.vakantiegeld.value,
            "vrijlating_arbeid": keuze.vrijlating_arbeid,
            "lezingen": list(LEZINGEN),
        }
        json_inhoud = b"".join(_json(kop, te_opgaven, te_maanden))
        basis = f"{BESTANDEN.map_van(gemeente)}{bestand.delivery_id}"
        BlobStore().write_together(
            BlobContainers.TERUGMELDINGEN,
            [
                (
                    f"{basis}.opgaven.csv",
                    csv_bestand(OPGAVE_KOLOMMEN, te_opgaven, _tekst),
                    "text/csv; charset=utf-8",
                ),
                (
                    f"{basis}.maanden.csv",
                    csv_bestand(MAAND_KOLOMMEN, te_maanden, _tekst),
                    "text/csv; charset=utf-8",
                ),
                (
                    f"{basis}.inkomstenverrekening.json",
                    [json_inhoud],
                    "application/json; charset=utf-8",
                ),
            ],
        )
        audit.personen(
            bestandskanaal(bestand, INKOMSTENVERREKENING_VERREKENEN),
            "inkomstenverrekening geleverd",
            INKOMSTENVERREKENING_VERREKENEN,
            BESTANDEN.personen_in(".inkomstenverrekening.json", json_inhoud),
        )
        ontvangers = set(pq.read_table(populatie, columns=["bsn"])["bsn"].to_pylist())
        _bewaar_stand(gemeente, stand, bestand.delivery_id, ontvangers, werkmap)
    return Resultaat(
        ontvangers=len({r["ontvanger_bsn"] for r in te_opgaven + te_maanden}),
        opgaven=len(te_opgaven),
        zonder_netto=sum(1 for r in te_opgaven if r["reden"]),
        maanden=len(te_maanden),
        niet_berekend=sum(1 for r in te_maanden if r["reden"]),
    )
