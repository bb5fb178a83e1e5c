"""Matching recipients against the sources in DuckDB: every signal rule in one pass.

The population (one or many gemeenten) and each source's snapshot in force are read from
Parquet files on local disk; DuckDB streams them and may spill to disk, so the memory a
run takes is bounded by `GEHEUGEN` rather than by the number of records.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from shared.bronnen.catalogus import CATALOGUS
from shared.bronnen.huishouden import sql_adressleutel, sql_woont_er
from shared.bronnen.kolommen import schema
from shared.rechtmatigheid.signaaltypen import SIGNAALTYPEN, Signaaltype
from shared.rules.parameters import in_force
from shared.rules.voertuigwaarde import afschrijvingsperioden
from shared.storage.duckdb_sql import begrensd, bestanden

GEHEUGEN = "1GB"
"""DuckDB's memory limit: well inside the 2 GiB of a Flex Consumption instance."""

POPULATIE = pa.schema(
    [
        ("gemeente", pa.string()),
        ("bsn", pa.string()),
        ("regeling", pa.string()),
        ("begindatum", pa.date32()),
        ("einddatum", pa.date32()),
        ("partner_bsn", pa.string()),
        ("iban", pa.string()),
        ("postcode", pa.string()),
        ("huisnummer", pa.int64()),
    ]
)

SIGNALEN = pa.schema(
    [
        ("gemeente", pa.string()),
        ("ontvanger", pa.string()),
        ("betrokkene", pa.string()),
        ("rol", pa.string()),
        ("type", pa.string()),
        ("sleutel", pa.string()),
        ("bewijs", pa.string()),
    ]
)


def personen(populatie: str | Path, regelingen: Iterable[str] | None = None) -> list[str]:
    """Every recipient and partner of a population file (POPULATIE), or of those with a
    benefit of one of `regelingen`."""
    filters = None if regelingen is None else [("regeling", "in", list(regelingen))]
    table = pq.read_table(populatie, columns=["bsn", "partner_bsn"], filters=filters)
    return [bsn for kolom in table.columns for bsn in kolom.to_pylist() if bsn]


GELEZEN = pa.schema([("gemeente", pa.string()), ("bsn", pa.string())])

GELEZEN_SQL = (
    "SELECT a.gemeente, o.bsn FROM adressen a JOIN personen p ON p.gemeente = a.gemeente "
    "AND p.ontvanger = a.ontvanger AND p.rol = 'aanvrager' "
    f"JOIN bewoners o ON o.adres_sleutel = a.adres_sleutel AND {sql_woont_er('o', 'p.dag')} "
    "UNION SELECT p.gemeente, r.relatie_bsn FROM personen p JOIN brp_relaties r ON r.bsn = p.bsn "
    "WHERE r.soort IN ('partner', 'kind') AND r.relatie_bsn IS NOT NULL "
    "UNION SELECT p.gemeente, o.bsn FROM personen p JOIN personen o ON o.iban = p.iban "
    "AND o.gemeente <> p.gemeente WHERE p.rol = 'aanvrager' AND o.rol = 'aanvrager'"
)
"""The persons outside the population whose records the rules read, per gemeente: everyone
registered at a recipient's home on the day it is read (the kostendeler rule counts them and
reads their age; the gezin test reads a child's age there), and every partner and child in
the BRP of a recipient or partner (the kostendelersnorm reads the spouse's age, the gezin
test the child's). A reading: a person the rules only passed over in a scan (a record of
someone elsewhere) is not processed for the gemeente; one whose record a rule consulted is,
whether or not it led to a signal; and the recipients of other gemeenten whose benefit is
paid to a recipient's IBAN (the IBAN rule reads the deliveries of every gemeente in the run)."""


@dataclass(frozen=True)
class Matchresultaat:
    signalen: pa.Table
    """SIGNALEN: every signal, before de-duplication against earlier runs."""
    gelezen: pa.Table
    """GELEZEN: the persons besides the population whose records the rules read."""


VOLGORDE = pa.schema([("filename", pa.string()), ("file_row_number", pa.int64())])
"""Besides its fields, each source's view has where a record stands in its snapshot (part
file, row): the order of the delivery, in which a later opgave of a tijdvak is its
correction (`inkomenshistorie.sql_rang_opgave`)."""


def view_name(bron: str) -> str:
    return bron.replace("-", "_")


@dataclass(frozen=True)
class Vermogensgrens:
    """The asset limits (Pw art. 34 lid 3) in force from `ingang` until the next one."""

    ingang: date | None
    """None: in force since always (a fixed pair, for tests and benchmarks)."""
    alleenstaande_cent: int
    gezin_cent: int


Vermogensgrenzen = tuple[int, int] | Sequence[Vermogensgrens]
"""Dated limits, or one (alleenstaande, gezin) pair in force on every date."""

VERMOGENSGRENZEN = pa.schema(
    [
        ("ingang", pa.date32()),
        ("einde", pa.date32()),
        ("alleenstaande_cent", pa.int64()),
        ("gezin_cent", pa.int64()),
    ]
)


def afschrijvingen_tabel(peildatum: date) -> pa.Table:
    """The vehicle depreciation of the approved sets up to the peildatum, for the view
    `afschrijvingen` (`voertuigwaarde.sql_afschrijving`)."""
    rijen = afschrijvingsperioden(peildatum)
    kolommen = ("van", "tot", "maanden", "procent")
    return pa.table(
        {k: [r[i] for r in rijen] for i, k in enumerate(kolommen)},
        schema=pa.schema(
            [
                ("van", pa.date32()),
                ("tot", pa.date32()),
                ("maanden", pa.int32()),
                ("procent", pa.int32()),
            ]
        ),
    )


def vermogensgrenzen_tabel(grenzen: Vermogensgrenzen) -> pa.Table:
    """The limits as half-open periods (`einde` exclusive), for the view `vermogensgrenzen`."""
    rijen: list[Vermogensgrens]
    alleenstaande, gezin = (grenzen[0], grenzen[-1]) if grenzen else (None, None)
    if len(grenzen) == 2 and isinstance(alleenstaande, int) and isinstance(gezin, int):
        rijen = [Vermogensgrens(None, alleenstaande, gezin)]
    else:
        rijen = sorted(
            (g for g in grenzen if isinstance(g, Vermogensgrens)),
            key=lambda g: g.ingang or date.min,
        )
    eindes = [r.ingang for r in rijen[1:]] + ([None] if rijen else [])
    return pa.Table.from_pylist(
        [
            {
                "ingang": r.ingang,
                "einde": einde,
                "alleenstaande_cent": r.alleenstaande_cent,
                "gezin_cent": r.gezin_cent,
            }
            for r, einde in zip(rijen, eindes, strict=True)
        ],
        schema=VERMOGENSGRENZEN,
    )


def _personen_sql(peildatum: date) -> str:
    """Recipients and partners (a table: every rule reads it, the population's files are read
    once) with their benefit period as half-open `bb`..`pe` (an open
    end runs through the peildatum) and `dag`, the day the household is read on: the last
    day of that period, at most the peildatum, and `geboortedatum` from the BRP (NULL when
    the BRP has none; of the first record of the BSN, as `huishouden.persoonsgegevens` reads
    it, should a snapshot from before `Bron.een_per_persoon` hold two). The delivery's
    address has no huisletter or toevoeging: it is read with `sql_adressleutel` as such."""
    peil = f"DATE '{peildatum.isoformat()}'"
    columns = (
        f"regeling, begindatum AS bb, einddatum AS be, coalesce(einddatum, {peil} + 1) AS pe, "
        f"least(coalesce(einddatum, {peil} + 1) - 1, {peil}) AS dag, iban, postcode, huisnummer, "
        f"NULL::VARCHAR AS huisletter, NULL::VARCHAR AS huisnummertoevoeging"
    )
    return (
        f"CREATE TEMP TABLE personen AS WITH x AS ("
        f"SELECT gemeente, bsn AS ontvanger, bsn, 'aanvrager' AS rol, partner_bsn AS partner, "
        f"{columns} FROM populatie "
        f"UNION ALL SELECT gemeente, bsn, partner_bsn, 'partner', bsn, {columns} "
        f"FROM populatie WHERE partner_bsn IS NOT NULL) "
        f"SELECT x.*, b.geboortedatum FROM x LEFT JOIN ("
        f"SELECT bsn, arg_min(geboortedatum, file_row_number) AS geboortedatum FROM brp_personen "
        f"WHERE bsn IN (SELECT bsn FROM x) GROUP BY bsn) b ON b.bsn = x.bsn"
    )


_ADRESKOLOMMEN = ("postcode", "huisnummer", "huisletter", "huisnummertoevoeging")
_UIT_BRP = "b.postcode IS NOT NULL AND b.huisnummer IS NOT NULL"

ADRESSEN = (
    "CREATE TEMP TABLE adressen AS SELECT gemeente, ontvanger, postcode, huisnummer, "
    f"{sql_adressleutel('a')} AS adres_sleutel, adres_bron FROM (SELECT p.gemeente, p.ontvanger, "
    + "".join(f"CASE WHEN {_UIT_BRP} THEN b.{k} ELSE p.{k} END AS {k}, " for k in _ADRESKOLOMMEN)
    + f"CASE WHEN {_UIT_BRP} THEN 'BRP' ELSE 'aanlevering' END AS adres_bron "
    "FROM personen p LEFT JOIN brp_personen b ON b.bsn = p.bsn WHERE p.rol = 'aanvrager') a"
)
"""Each recipient's home: his own BRP address; the delivery's only when the BRP has none. The
intake takes one BRP record per BSN (`Bron.een_per_persoon`); a snapshot from before that
rule holding a BSN twice gives its recipient a home per record."""

BEWONERS = (
    "CREATE TEMP TABLE bewoners AS SELECT o.bsn, o.geboortedatum, o.adres_sinds, "
    f"o.overlijdensdatum, {sql_adressleutel('o')} AS adres_sleutel FROM brp_personen o "
    "SEMI JOIN adressen a ON a.postcode = o.postcode AND a.huisnummer = o.huisnummer"
)
"""Everyone the BRP registers at a recipient's home (on any date), with the home's key. The
rules that look for co-residents join this table on the key instead of keying every row of
the BRP. The semi join compares postcode and huisnummer as stored: validation normalises
both in the sources and the deliveries (`models.bronnen.Postcode`), so no BRP row with the
key of a recipient's home is left out."""


def parameters(peildatum: date) -> dict[str, int]:
    """The ages and counts the rules take as SQL parameters, in force on the peildatum."""
    p = in_force(
        peildatum,
        [
            "kostendeler_minimumleeftijd",
            "kostendelersnorm_minimumleeftijd",
            "meerderjarigheid",
            "studie_uitsluiting_leeftijd",
            "kostendeler_maximum_op_adres",
        ],
    )
    return {name: int(w.value) for name, w in p.items()}


def _rule(signaaltype: Signaaltype) -> str:
    return (
        f"SELECT gemeente, ontvanger, betrokkene, rol, '{signaaltype.code}' AS type, sleutel, "
        f"to_json(bewijs)::VARCHAR AS bewijs FROM ({signaaltype.sql})"
    )


def match(
    populatie: list[str],
    snapshots: dict[str, list[str]],
    peildatum: date,
    grenzen_cent: Vermogensgrenzen,
    werkmap: Path,
) -> Matchresultaat:
    """Every signal of the population on the peildatum, and who was read for it.
    `grenzen_cent`: the vermogensgrenzen by date (`verwerking.vermogensgrenzen_cent`);
    each rule takes the one in force on its own date."""
    connection = begrensd(GEHEUGEN, werkmap)
    for bron in CATALOGUS:
        files = snapshots.get(bron.code) or []
        if files:
            connection.execute(
                f"CREATE TEMP VIEW {view_name(bron.code)} AS SELECT * FROM "
                f"read_parquet({bestanden(files)}, filename = true, file_row_number = true)"
            )
        else:
            leeg = pa.schema([*schema(bron.model), *VOLGORDE])
            connection.register(view_name(bron.code), leeg.empty_table())
    connection.execute(
        f"CREATE TEMP VIEW populatie AS SELECT * FROM read_parquet({bestanden(populatie)})"
    )
    connection.register("vermogensgrenzen", vermogensgrenzen_tabel(grenzen_cent))
    connection.register("afschrijvingen", afschrijvingen_tabel(peildatum))
    connection.execute(_personen_sql(peildatum))
    connection.execute(ADRESSEN)
    connection.execute(BEWONERS)
    waarden = {"peildatum": peildatum, **parameters(peildatum)}
    per_regel = []
    for signaaltype in SIGNAALTYPEN:  # one query each: as one UNION ALL it took twice as long
        query = _rule(signaaltype)
        params = {name: value for name, value in waarden.items() if f"${name}" in query}
        tabel: pa.Table = connection.sql(query, params=params).to_arrow_table()
        per_regel.append(tabel.cast(SIGNALEN))
    gelezen: pa.Table = connection.sql(GELEZEN_SQL).to_arrow_table()
    connection.close()
    return Matchresultaat(pa.concat_tables(per_regel), gelezen.cast(GELEZEN))
