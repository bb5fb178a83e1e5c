"""A monthly file of applicants: every household tested against its own organisation's policy.

The file may hold requests of several organisations (a belastingsamenwerking works for
gemeenten and waterschappen at once): each line names its organisation, which must be the
one that dropped the file or one that gave it an active mandate. The applicants are tested
`PER_KEER` at a time, so memory stays bounded whatever the file's size: the sources are
read in bulk per chunk (one DuckDB read per source; each snapshot downloaded once), the
policies once per organisation. Each household's outcome is stored under its organisation
and written back, with its line number, as
`terugmeldingen/kwijtschelding/{organisatie}/{bestand}.uitkomsten.csv` and `.json`: in file
order, except that requests whose dates fall under different source snapshots are grouped
per snapshot.
"""

from __future__ import annotations

import csv
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from shared.bronnen.intake import reason_of
from shared.bronnen.publicatie import publicaties
from shared.bronnen.raadplegen import Bronnen
from shared.errors import Invalid
from shared.intake.processing import Bestand, Verwerkingsresultaat
from shared.intake.regels import regels
from shared.kwijtschelding.beleid import BeleidRepository
from shared.kwijtschelding.gegevens import BRONNEN, Records, afleiden, partner_van
from shared.kwijtschelding.toetsen import huishouden, uitkomst
from shared.models.kwijtschelding import KOLOMMEN, Aanvraag, Toetsing, VastgesteldBeleid
from shared.models.uitleg import Herkomst
from shared.rules.afronding import op_centen
from shared.rules.kwijtschelding.toets import toets
from shared.rules.parameters import MissingParameters
from shared.storage.blobs import BlobStore
from shared.storage.containers import KWIJTSCHELDINGEN, BlobContainers
from shared.storage.documents import DocumentRepository, to_document
from shared.storage.ids import document_id
from shared.storage.throttling import retry_idempotent
from shared.storage.toegang import OrganisatieRepository
from shared.telemetrie import gebeurtenis

SCHRIJVERS = 8
PER_KEER = 5_000
RAPPORT_KOLOMMEN = (
    "regel", "organisatie", "bsn", "belastingsoort", "aanslagbedrag", "uitkomst",
    "kwijtschelding", "te_betalen", "betalingscapaciteit", "vermogen", "belemmeringen",
    "ambtshalve_verlenging", "waarschuwingen",
)  # fmt: skip


@dataclass(frozen=True)
class Regel:
    nummer: int
    aanvraag: Aanvraag


def _aanvragen(lines: Iterator[str], result: Verwerkingsresultaat) -> list[Regel]:
    gelezen: list[Regel] = []
    seen: dict[tuple[str, str, str], int] = {}
    for regel, velden in regels(lines, KOLOMMEN, result, "aanvragen"):
        if velden is None:
            continue
        try:
            aanvraag = Aanvraag.from_row(velden)
        except ValidationError as error:
            result.afkeuren(regel, reason_of(error))
            continue
        key = (aanvraag.organisatie, aanvraag.bsn, aanvraag.belastingsoort)
        if key in seen:
            result.afkeuren(regel, f"dezelfde aanvraag staat al op regel {seen[key]}")
            continue
        seen[key] = regel
        gelezen.append(Regel(regel, aanvraag))
    return gelezen


def _mag_namens(bestand: Bestand, moment: datetime) -> Callable[[str], bool]:
    found = OrganisatieRepository().find(bestand.organisatie)

    def allowed(organisatie: str) -> bool:
        if organisatie == bestand.organisatie:
            return True
        return found is not None and found[0].mandaat_actief(organisatie, moment)

    return allowed


def _snapshots(peildatum: date) -> tuple[str | None, ...]:
    return tuple(
        s.snapshot if (s := publicaties().in_force(bron, peildatum)) else None for bron in BRONNEN
    )


class Bronlezer:
    """The records of applicants and their partners, read in bulk (one DuckDB read per
    source per chunk); the snapshots' parts are downloaded once, to `werkmap`."""

    def __init__(self, werkmap: Path, bronnen: Bronnen | None = None) -> None:
        self.werkmap = werkmap
        self.bronnen = bronnen or Bronnen()

    def lees(self, peildatum: date, bsns: set[str]) -> tuple[dict[str, Records], set[str]]:
        per_bsn: dict[str, Records] = defaultdict(dict)
        bekend: set[str] = set()
        relaties = self._bulk("brp-relaties", peildatum, bsns, per_bsn, bekend)
        partners = {p for bsn in relaties if (p := partner_van(per_bsn[bsn], peildatum))}
        everyone = bsns | partners
        self._bulk("brp-relaties", peildatum, partners - bsns, per_bsn, bekend)
        for bron in BRONNEN[1:]:
            self._bulk(bron, peildatum, everyone, per_bsn, bekend)
        return per_bsn, bekend

    def _bulk(
        self,
        bron: str,
        peildatum: date,
        bsns: set[str],
        per_bsn: dict[str, Records],
        bekend: set[str],
    ) -> set[str]:
        if not bsns:
            return set()
        snapshot, table = self.bronnen.bulk(bron, peildatum, bsns, self.werkmap)
        if snapshot is not None:
            bekend.add(bron)
        found = set()
        for row in table.to_pylist():
            per_bsn[row["bsn"]].setdefault(bron, []).append(row)
            found.add(row["bsn"])
        return found


class Toetsingen(DocumentRepository[Toetsing]):
    def __init__(self) -> None:
        super().__init__(KWIJTSCHELDINGEN, Toetsing)

    def bewaar(self, toetsingen: list[Toetsing]) -> None:
        def upsert(toetsing: Toetsing) -> None:
            retry_idempotent(lambda: self.container.upsert_item(to_document(toetsing)))

        with ThreadPoolExecutor(max_workers=SCHRIJVERS, thread_name_prefix="toetsingen") as pool:
            list(pool.map(upsert, toetsingen))

    def van(
        self, organisatie: str, levering: str | None, page_size: int, continuation: str | None
    ) -> tuple[list[Toetsing], str | None]:
        where = "c.organisatie = @o" + (" AND c.levering = @l" if levering else "")
        parameters = {"@o": organisatie, **({"@l": levering} if levering else {})}
        return self.query(
            f"SELECT * FROM c WHERE {where} ORDER BY c.regel",  # noqa: S608 (fixed text)
            parameters,
            partition=organisatie,
            page_size=page_size,
            continuation=continuation,
        )


def _cent(value: int) -> Decimal:
    return Decimal(value) / 100


def _toets(
    regel: Regel,
    bestand: Bestand,
    beleid: VastgesteldBeleid,
    per_bsn: dict[str, Records],
    bekend: set[str],
) -> Toetsing:
    a = regel.aanvraag
    aanvrager = per_bsn.get(a.bsn, {})
    partner_bsn = partner_van(aanvrager, a.aanvraagdatum)
    partner = per_bsn.get(partner_bsn, {}) if partner_bsn else None
    gegeven: dict[str, Any] = {
        "peildatum": a.aanvraagdatum,
        "belastingsoort": a.belastingsoort,
        "aanslagbedrag": _cent(a.aanslagbedrag_cent),
        "woonlasten_maand": _cent(a.woonlasten_maand_cent),
        "zorgpremie_maand": _cent(a.zorgpremie_maand_cent),
        "kinderopvang_maand": _cent(a.kinderopvang_maand_cent),
    }
    afgeleid = afleiden(aanvrager, partner, a.aanvraagdatum, set(gegeven), bekend)
    h = huishouden(gegeven, afgeleid)
    herkomst = [
        Herkomst(invoer=naam, herkomst="opgegeven")
        for naam in ("aanslagbedrag", "woonlastenMaand", "zorgpremieMaand", "kinderopvangMaand")
    ]
    return Toetsing(
        id=document_id(bestand.delivery_id, str(regel.nummer)),
        organisatie=a.organisatie,
        aangeleverd_door=bestand.organisatie,
        levering=bestand.delivery_id,
        regel=regel.nummer,
        bsn=a.bsn,
        ambtshalve_verlenging=a.ambtshalve == "J",
        uitkomst=uitkomst(a.organisatie, h, toets(h, beleid.regel()), beleid, afgeleid, herkomst),
    )


def process(bestand: Bestand, lines: Iterator[str]) -> Verwerkingsresultaat:
    """A `Processor` for `aanleveringen/kwijtschelding/{organisatie}/{bestand}`."""
    result = Verwerkingsresultaat()
    regels = _aanvragen(lines, result)
    allowed = _mag_namens(bestand, datetime.now(UTC))
    toegestaan = []
    for regel in regels:
        if allowed(regel.aanvraag.organisatie):
            toegestaan.append(regel)
        else:
            result.afkeuren(
                regel.nummer,
                f"{bestand.organisatie} heeft geen actief mandaat van {regel.aanvraag.organisatie}",
            )
    beleid = cache(lambda organisatie: BeleidRepository().van(organisatie)[0])
    groepen: dict[tuple[str | None, ...], list[Regel]] = defaultdict(list)
    for regel in toegestaan:
        groepen[_snapshots(regel.aanvraag.aanvraagdatum)].append(regel)
    tellingen: Counter[tuple[str, str]] = Counter()
    with tempfile.TemporaryDirectory(prefix="kwijtschelding-") as work:
        lezer, rapport, opslag = Bronlezer(Path(work)), Rapport(Path(work)), Toetsingen()
        for groep in groepen.values():
            peildatum = min(r.aanvraag.aanvraagdatum for r in groep)
            for start in range(0, len(groep), PER_KEER):
                deel = groep[start : start + PER_KEER]
                per_bsn, bekend = lezer.lees(peildatum, {r.aanvraag.bsn for r in deel})
                toetsingen = []
                for regel in deel:
                    organisatie = regel.aanvraag.organisatie
                    try:
                        toetsingen.append(
                            _toets(regel, bestand, beleid(organisatie), per_bsn, bekend)
                        )
                    except (MissingParameters, Invalid) as error:
                        result.afkeuren(regel.nummer, str(error))
                opslag.bewaar(toetsingen)
                rapport.voeg_toe(toetsingen)
                tellingen.update((t.organisatie, t.uitkomst.uitkomst.value) for t in toetsingen)
        rapport.schrijf(bestand)
    for (organisatie, afloop), aantal in tellingen.items():
        gebeurtenis(
            "toetsing",
            dienst="kwijtschelding",
            organisatie=organisatie,
            uitkomst=afloop,
            aantal=aantal,
        )
    return result


class Rapport:
    """The outcomes as CSV (for the tax systems) and JSON, built on disk chunk by chunk and
    written to `terugmeldingen/kwijtschelding/{organisatie}/{bestand}.uitkomsten.*`."""

    def __init__(self, werkmap: Path) -> None:
        self.csv = werkmap / "uitkomsten.csv"
        self.json = werkmap / "uitkomsten.json"
        with self.csv.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out, delimiter=";", lineterminator="\n").writerow(RAPPORT_KOLOMMEN)
        self.json.write_text("[", encoding="utf-8")
        self.leeg = True

    def voeg_toe(self, toetsingen: list[Toetsing]) -> None:
        with self.csv.open("a", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, delimiter=";", lineterminator="\n")
            writer.writerows(_csv_regel(t) for t in toetsingen)
        with self.json.open("a", encoding="utf-8") as out:
            for t in toetsingen:
                out.write(("\n" if self.leeg else ",\n") + t.model_dump_json(by_alias=True))
                self.leeg = False

    def schrijf(self, bestand: Bestand) -> None:
        with self.json.open("a", encoding="utf-8") as out:
            out.write("\n]\n")
        base = f"kwijtschelding/{bestand.organisatie}/{bestand.bestandsnaam}.uitkomsten"
        store = BlobStore()
        store.upload_file(
            BlobContainers.TERUGMELDINGEN, f"{base}.csv", self.csv, "text/csv; charset=utf-8"
        )
        store.upload_file(
            BlobContainers.TERUGMELDINGEN, f"{base}.json", self.json, "application/json"
        )


def _csv_regel(t: Toetsing) -> list[object]:
    u = t.uitkomst
    return [
        t.regel,
        t.organisatie,
        t.bsn,
        u.belastingsoort,
        op_centen(u.aanslagbedrag),
        u.uitkomst.value,
        op_centen(u.kwijtschelding),
        op_centen(u.te_betalen),
        op_centen(u.betalingscapaciteit),
        op_centen(u.vermogen),
        ",".join(b.soort.value for b in u.belemmeringen),
        "J" if t.ambtshalve_verlenging else "N",
        " | ".join(u.waarschuwingen),
    ]
