"""A monthly file of applicants: every household tested against its own organisation's policy.

Lines of one household (the same organisation, BSN and request date, with different tax
types) are one request: its assessments share one capacity (URI art. 11). Its figures
(woonlasten, premium, ...) are those of its first line; a later line that gives others is
rejected with its reason, as is a line beyond `MAX_AANSLAGEN` (50) of one household. The
lines need not be sorted: they wait on disk until the file is read (`Aanvragen`), never all
in memory. The report has a line per assessment, with its share.

The file may hold requests of several organisations (a belastingsamenwerking works for
gemeenten and waterschappen at once): each line names its organisation, which must be the
one that dropped the file or one that gave it an active mandate. The applicants are tested
`PER_KEER` at a time, so memory stays bounded whatever the file's size: the sources are
read in bulk per chunk (one DuckDB read per source; each snapshot downloaded once), the
policies once per organisation. The households' outcomes are stored under their
organisation in parts (`shared.kwijtschelding.opslag`) and written back, with their line
numbers, as
`terugmeldingen/kwijtschelding/{organisatie}/{bestand}.uitkomsten.csv` and `.json`: in file
order, except that requests whose dates fall under different source snapshots are grouped
per snapshot.
"""

from __future__ import annotations

import csv
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from shared import settings
from shared.bronnen import huishouden as huishoudens
from shared.bronnen.huishouden import (
    HUISHOUDEN_BRONNEN,
    MEDEBEWONER_BRONNEN,
    Adres,
    Records,
    sql_adressleutel,
)
from shared.bronnen.publicatie import publicaties
from shared.bronnen.raadplegen import Bronnen
from shared.errors import Invalid
from shared.intake.processing import Bestand, Verwerkingsresultaat
from shared.kwijtschelding.aanvragen import Aanvragen, Regel, per
from shared.kwijtschelding.beleid import BeleidRepository
from shared.kwijtschelding.gegevens import LID_BRONNEN, afleiden
from shared.kwijtschelding.opslag import Toetsingen
from shared.kwijtschelding.toetsen import huishouden, uitkomst
from shared.models.kwijtschelding import Toetsing, ToetsingDocument, VastgesteldBeleid
from shared.models.uitleg import Herkomst
from shared.rules.afronding import op_centen
from shared.rules.kwijtschelding.toets import toets
from shared.rules.parameters import MissingParameters
from shared.security import audit
from shared.security.diensten import KWIJTSCHELDING_TOETSEN
from shared.security.pseudonym import bsn_hash
from shared.storage.blobs import BlobStore, chunks_of
from shared.storage.containers import BlobContainers
from shared.storage.ids import document_id
from shared.storage.toegang import OrganisatieRepository
from shared.telemetrie import gebeurtenis

PER_KEER = 5_000
RAPPORT_KOLOMMEN = (
    "regel", "organisatie", "bsn", "belastingsoort", "aanslagbedrag", "uitkomst",
    "kwijtschelding", "te_betalen", "betalingscapaciteit", "vermogen", "belemmeringen",
    "ambtshalve_verlenging", "waarschuwingen",
)  # fmt: skip


def _mag_namens(bestand: Bestand, moment: datetime) -> Callable[[str], bool]:
    found = OrganisatieRepository().find(bestand.organisatie)

    def allowed(organisatie: str) -> bool:
        if organisatie == bestand.organisatie:
            return True
        return found is not None and found[0].mandaat_voor(
            organisatie, KWIJTSCHELDING_TOETSEN, moment
        )

    return allowed


ALLE_BRONNEN = tuple(dict.fromkeys((*LID_BRONNEN, *MEDEBEWONER_BRONNEN)))


def _snapshots(peildatum: date) -> tuple[str | None, ...]:
    return tuple(
        s.snapshot if (s := publicaties().in_force(bron, peildatum)) else None
        for bron in ALLE_BRONNEN
    )


class Bronlezer:
    """The records of applicants and their partners, read in bulk (one DuckDB read per
    source per chunk); the snapshots' parts are downloaded once, to `werkmap`."""

    def __init__(self, werkmap: Path, bronnen: Bronnen | None = None) -> None:
        self.werkmap = werkmap
        self.bronnen = bronnen or Bronnen()

    def lees(
        self, peildatum: date, bsns: set[str]
    ) -> tuple[dict[str, Records], dict[str, list[str]], set[str]]:
        """The records of the applicants' households, the BSNs per address (of the
        applicants' addresses), and the sources with a snapshot in force."""
        per_bsn: dict[str, Records] = defaultdict(dict)
        bekend: set[str] = set()
        for bron in HUISHOUDEN_BRONNEN:
            self._bulk(bron, peildatum, bsns, per_bsn, bekend)
        partners = {p for b in bsns if (p := huishoudens.partner_van(per_bsn[b], peildatum))}
        for bron in HUISHOUDEN_BRONNEN:
            self._bulk(bron, peildatum, partners - bsns, per_bsn, bekend)
        leden = bsns | partners
        for bron in LID_BRONNEN[len(HUISHOUDEN_BRONNEN) :]:
            self._bulk(bron, peildatum, leden, per_bsn, bekend)
        kinderen = {
            kind for lid in leden for kind in huishoudens.relaties(per_bsn[lid], "kind", peildatum)
        }
        self._bulk("brp-personen", peildatum, kinderen - leden, per_bsn, bekend)
        adressen = {adres.sleutel for b in bsns if (adres := huishoudens.adres_van(per_bsn[b]))}
        bewoners = self._bewoners(peildatum, adressen)
        anderen = {b for lijst in bewoners.values() for b in lijst} - leden - kinderen
        for bron in MEDEBEWONER_BRONNEN:
            self._bulk(bron, peildatum, anderen, per_bsn, bekend)
        return per_bsn, bewoners, bekend

    def _bewoners(self, peildatum: date, adressen: set[str]) -> dict[str, list[str]]:
        """Per address key, the BSNs registered there: one DuckDB read of the BRP."""
        _, table = self.bronnen.bulk(
            "brp-personen",
            peildatum,
            (),
            self.werkmap,
            where=f"{sql_adressleutel('s')} IN (SELECT unnest($sleutels))",
            params={"sleutels": sorted(adressen)},
        )
        per_adres: dict[str, list[str]] = defaultdict(list)
        for row in table.to_pylist():
            if (adres := Adres.van(row)) is not None:
                per_adres[adres.sleutel].append(row["bsn"])
        return per_adres

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


def huishouden_van(
    bsn: str, peildatum: date, per_bsn: dict[str, Records], bewoners: dict[str, list[str]]
) -> huishoudens.Huishouden:
    """The household of one applicant from what `Bronlezer.lees` read for its chunk."""
    adres = huishoudens.adres_van(per_bsn.get(bsn, {}))
    return huishoudens.afleiden(
        bsn, peildatum, per_bsn, bewoners.get(adres.sleutel, []) if adres else []
    )


def _cent(value: int) -> Decimal:
    return Decimal(value) / 100


def _toets(
    regel: Regel,
    bestand: Bestand,
    beleid: VastgesteldBeleid,
    per_bsn: dict[str, Records],
    bewoners: dict[str, list[str]],
    bekend: set[str],
) -> ToetsingDocument:
    a = regel.aanvraag
    samenstelling = huishouden_van(a.bsn, a.aanvraagdatum, per_bsn, bewoners)
    gegeven: dict[str, Any] = {
        "peildatum": a.aanvraagdatum,
        "aanslagen": regel.aanslagen,
        "woonlasten_maand": _cent(a.woonlasten_maand_cent),
        "zorgpremie_maand": _cent(a.zorgpremie_maand_cent),
        "kinderopvang_maand": _cent(a.kinderopvang_maand_cent),
        "aflossingen_maand": _cent(a.aflossingen_maand_cent),
        "ondernemer": a.ondernemer == "J",
    }
    afgeleid = afleiden(samenstelling, per_bsn, set(gegeven), bekend)
    h = huishouden(gegeven, afgeleid)
    herkomst = [
        Herkomst(invoer=naam, herkomst="opgegeven")
        for naam in (
            "aanslagen",
            "woonlastenMaand",
            "zorgpremieMaand",
            "kinderopvangMaand",
            "aflossingenMaand",
            "ondernemer",
        )
    ]
    anderen = [samenstelling.partner or "", *samenstelling.kinderen, *samenstelling.kostendelers]
    sleutel = settings.audit_hash_key()
    return ToetsingDocument(
        huishouden_hashes=[bsn_hash(b, sleutel) for b in dict.fromkeys(anderen) if b],
        id=document_id(bestand.delivery_id, str(regel.nummer)),
        organisatie=a.organisatie,
        aangeleverd_door=bestand.organisatie,
        levering=bestand.delivery_id,
        regel=regel.nummer,
        regels=regel.nummers,
        bsn=a.bsn,
        ambtshalve_verlenging=a.ambtshalve == "J",
        uitkomst=uitkomst(a.organisatie, h, toets(h, beleid.regel()), beleid, afgeleid, herkomst),
    )


def _per_organisatie(deel: list[Regel]) -> list[list[Regel]]:
    """The households of a chunk per organisation they are tested for: every person whose
    records are read for them (applicant, partner, children, co-residents) is on record as
    processed for that organisation, one entry and processing-log line each."""
    groepen: dict[str, list[Regel]] = defaultdict(list)
    for regel in deel:
        groepen[regel.aanvraag.organisatie].append(regel)
    return list(groepen.values())


def process(bestand: Bestand, lines: Iterator[str]) -> Verwerkingsresultaat:
    """A `Processor` for `aanleveringen/kwijtschelding/{organisatie}/{bestand}`.

    Memory stays bounded whatever the file's size: the lines wait on disk (`Aanvragen`),
    the households are tested `PER_KEER` at a time and the report is built on disk."""
    result = Verwerkingsresultaat()
    tellingen: Counter[tuple[str, str]] = Counter()
    with (
        tempfile.TemporaryDirectory(prefix="kwijtschelding-") as work,
        Aanvragen(Path(work) / "aanvragen.sqlite") as aanvragen,
    ):
        aanvragen.lees(lines, result)
        for regel in aanvragen.weiger(_mag_namens(bestand, datetime.now(UTC))):
            reden = (
                f"{bestand.organisatie} heeft geen actief mandaat van {regel.aanvraag.organisatie}"
            )
            audit.geweigerd(
                bestand.organisatie,
                "kwijtschelding toetsen",
                KWIJTSCHELDING_TOETSEN,
                [regel.aanvraag.bsn],
                reden,
            )
            for nummer in regel.nummers:
                result.afkeuren(nummer, reden)
        beleid = cache(lambda organisatie: BeleidRepository().van(organisatie)[0])
        lezer, rapport, opslag = Bronlezer(Path(work)), Rapport(Path(work)), Toetsingen()
        begonnen, delen = datetime.now(UTC), Counter[str]()
        for peildatum, groep in aanvragen.groepen(_snapshots):
            for deel in (d for chunk in per(groep, PER_KEER) for d in _per_organisatie(chunk)):
                organisatie = deel[0].aanvraag.organisatie
                per_bsn, bewoners, bekend = lezer.lees(peildatum, {r.aanvraag.bsn for r in deel})
                audit.verwerkt(
                    organisatie, "kwijtschelding getoetst", KWIJTSCHELDING_TOETSEN, per_bsn
                )
                toetsingen = []
                for regel in deel:
                    try:
                        toetsingen.append(
                            _toets(regel, bestand, beleid(organisatie), per_bsn, bewoners, bekend)
                        )
                    except (MissingParameters, Invalid) as error:
                        for nummer in regel.nummers:
                            result.afkeuren(nummer, str(error))
                delen[organisatie] = opslag.bewaar(
                    bestand.delivery_id, organisatie, begonnen, delen[organisatie], toetsingen
                )
                rapport.voeg_toe([t.openbaar() for t in toetsingen])
                tellingen.update((t.organisatie, t.uitkomst.uitkomst.value) for t in toetsingen)
        opslag.ruim_op(bestand.delivery_id, begonnen)
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
            writer.writerows(regel for t in toetsingen for regel in _csv_regels(t))
        with self.json.open("a", encoding="utf-8") as out:
            for t in toetsingen:
                out.write(("\n" if self.leeg else ",\n") + t.model_dump_json(by_alias=True))
                self.leeg = False

    def schrijf(self, bestand: Bestand) -> None:
        with self.json.open("a", encoding="utf-8") as out:
            out.write("\n]\n")
        base = f"kwijtschelding/{bestand.organisatie}/{bestand.bestandsnaam}.uitkomsten"
        BlobStore().write_together(  # both staged before either replaces the previous pair
            BlobContainers.TERUGMELDINGEN,
            [
                (f"{base}.csv", chunks_of(self.csv), "text/csv; charset=utf-8"),
                (f"{base}.json", chunks_of(self.json), "application/json"),
            ],
        )


def _csv_regels(t: Toetsing) -> list[list[object]]:
    """One line per assessment, each with its share of the household's remission."""
    u = t.uitkomst
    return [
        [
            nummer,
            t.organisatie,
            t.bsn,
            a.belastingsoort,
            op_centen(a.aanslagbedrag),
            u.uitkomst.value,
            op_centen(a.kwijtschelding),
            op_centen(a.te_betalen),
            op_centen(u.betalingscapaciteit),
            op_centen(u.vermogen),
            ",".join(b.soort.value for b in u.belemmeringen),
            "J" if t.ambtshalve_verlenging else "N",
            " | ".join(u.waarschuwingen),
        ]
        for nummer, a in zip(t.regels or [t.regel], u.aanslagen, strict=False)
    ]
