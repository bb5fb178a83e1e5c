"""The inkomens- en vermogenstoets as a monthly file: `aanleveringen/inkomens-en-
vermogenstoets/{gemeente}/{bestand}`, header `bsn;peildatum`, one household per line, closing
line `#aantal;N`. Each household is tested as in real time (the same audit per person); the
report goes to `terugmeldingen/inkomens-en-vermogenstoets/{gemeente}/{bestand}.uitkomsten`
as CSV (one line per household) and JSON.

The file is read to its end before anything is tested, so a file refused as a whole (a wrong
closing line) tests nobody. Its lines wait in memory: a monthly list of a gemeente's
applicants is some thousands, and the intake bounds a file's lines.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from datetime import date

from shared.errors import DomainError
from shared.intake.processing import Bestand, Verwerkingsresultaat, bestandskanaal
from shared.intake.regels import regels
from shared.minimatoets.toetsen import Minimatoetsen
from shared.models.minimatoets import MinimatoetsUitkomst, MinimatoetsVerzoek
from shared.rules.parameters import MissingParameters
from shared.security.diensten import MINIMATOETS_TOETSEN
from shared.storage.blobs import BlobStore
from shared.storage.containers import BlobContainers
from shared.telemetrie import gebeurtenis
from shared.validation.identifiers import check_bsn

KOLOMMEN = ("bsn", "peildatum")
RAPPORT_KOLOMMEN = (
    "regel",
    "bsn",
    "peildatum",
    "uitkomst",
    "belemmeringen",
    "minima_uitkering",
    "inkomensnorm",
    "toetspercentage",
    "toetsbedrag",
    "netto_inkomen",
    "overschrijding",
    "overschrijding_procent_toetsbedrag",
    "toelichting",
)


def _verzoek(velden: dict[str, str]) -> MinimatoetsVerzoek:
    return MinimatoetsVerzoek(
        bsn=check_bsn(velden["bsn"]), peildatum=date.fromisoformat(velden["peildatum"])
    )


def _rapportregel(regel: int, u: MinimatoetsUitkomst, bsn: str) -> list[object]:
    def tekst(waarde: object) -> str:
        return "" if waarde is None else str(waarde)

    return [
        regel,
        bsn,
        u.peildatum.isoformat(),
        u.uitkomst.value,
        ",".join(b.soort.value for b in u.belemmeringen),
        tekst(u.minima_uitkering),
        tekst(u.inkomensnorm),
        tekst(u.toetspercentage),
        tekst(u.toetsbedrag),
        tekst(u.netto_inkomen),
        tekst(u.overschrijding),
        tekst(u.overschrijding_procent_toetsbedrag),
        " | ".join(b.toelichting for b in u.belemmeringen),
    ]


def process(bestand: Bestand, lines: Iterator[str]) -> Verwerkingsresultaat:
    """A `Processor` for `aanleveringen/inkomens-en-vermogenstoets/{gemeente}/{bestand}`."""
    result = Verwerkingsresultaat()
    verzoeken: list[tuple[int, MinimatoetsVerzoek]] = []
    for regel, velden in regels(lines, KOLOMMEN, result, "huishoudens"):
        if velden is None:
            continue
        try:
            verzoeken.append((regel, _verzoek(velden)))
        except ValueError as error:
            result.afkeuren(regel, str(error))
    caller = bestandskanaal(bestand, MINIMATOETS_TOETSEN)
    toetsen = Minimatoetsen()
    uit = io.StringIO()
    writer = csv.writer(uit, delimiter=";", lineterminator="\n")
    writer.writerow(RAPPORT_KOLOMMEN)
    uitkomsten: list[dict[str, object]] = []
    tellingen: Counter[str] = Counter()
    for regel, verzoek in verzoeken:
        try:
            uitkomst = toetsen.toets(caller, verzoek)
        except (DomainError, MissingParameters) as error:
            result.afkeuren(regel, getattr(error, "detail", str(error)))
            continue
        writer.writerow(_rapportregel(regel, uitkomst, verzoek.bsn))
        uitkomsten.append(
            {"regel": regel, "bsn": verzoek.bsn, **uitkomst.model_dump(mode="json", by_alias=True)}
        )
        tellingen[uitkomst.uitkomst.value] += 1
    base = f"inkomens-en-vermogenstoets/{bestand.organisatie}/{bestand.bestandsnaam}.uitkomsten"
    BlobStore().write_together(
        BlobContainers.TERUGMELDINGEN,
        [
            (f"{base}.csv", [uit.getvalue().encode()], "text/csv; charset=utf-8"),
            (
                f"{base}.json",
                [json.dumps(uitkomsten, ensure_ascii=False).encode()],
                "application/json",
            ),
        ],
    )
    for afloop, aantal in tellingen.items():
        gebeurtenis(
            "toetsing",
            dienst=MINIMATOETS_TOETSEN.dienst,
            organisatie=bestand.organisatie,
            uitkomst=afloop,
            aantal=aantal,
        )
    return result
