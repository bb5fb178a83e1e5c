"""The signal types: each a rule over the sources, its source, and the period overlap it needs.

Every rule is one DuckDB query over two views prepared by `matching.py`:

- `personen`: each recipient and (as rol `partner`) the partner, with the gemeente, the
  benefit period `bb`..`be` (open end: the run's peildatum) and the household type;
- one view per source (`dji_detenties`, `uwv_polis`, …) with the snapshot in force.

A rule selects `persoon` columns plus `sleutel` (what makes the fact this fact) and
`bewijs` (a struct with the evidence). Only facts that fall within the benefit period
count (`overlapt(begin, einde)`); a signal is delivered once per fact and again only when
its evidence changes (`opslag.py`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Signaaltype:
    code: str
    groep: str
    omschrijving: str
    bron: str
    regel: str
    """Rule and source in words: what the gemeente reads about this signal."""
    sql: str


PERSOON = "p.gemeente, p.ontvanger, p.bsn AS betrokkene, p.rol"
OVERLAP = "({begin} <= coalesce(p.be, $peildatum) AND coalesce({einde}, DATE '9999-12-31') >= p.bb)"


def overlapt(begin: str, einde: str = "NULL") -> str:
    return OVERLAP.format(begin=begin, einde=einde)


SIGNAALTYPEN: tuple[Signaaltype, ...] = (
    Signaaltype(
        "DETENTIE",
        "uitsluitingsgronden",
        "Detentie",
        "DJI (dji-detenties)",
        "Een periode van detentie, ook in het buitenland, die de uitkeringsperiode overlapt "
        "(Participatiewet art. 13 lid 1 onder a).",
        f"SELECT {PERSOON}, d.begindatum::VARCHAR AS sleutel, "
        f"struct_pack(begindatum := d.begindatum, einddatum := d.einddatum, land := d.land) AS bewijs "
        f"FROM personen p JOIN dji_detenties d ON d.bsn = p.bsn WHERE {overlapt('d.begindatum', 'd.einddatum')}",
    ),
    Signaaltype(
        "VOORTVLUCHTIG",
        "uitsluitingsgronden",
        "Voortvluchtig veroordeelde",
        "CJIB (cjib-voortvluchtigen)",
        "Voortvluchtig sinds een datum binnen of voor het einde van de uitkeringsperiode "
        "(Participatiewet art. 13 lid 1 onder b).",
        f"SELECT {PERSOON}, v.sinds::VARCHAR AS sleutel, struct_pack(sinds := v.sinds) AS bewijs "
        f"FROM personen p JOIN cjib_voortvluchtigen v ON v.bsn = p.bsn WHERE {overlapt('v.sinds')}",
    ),
    Signaaltype(
        "UITKERING_ANDERE_GEMEENTE",
        "uitsluitingsgronden",
        "Uitkering van een andere gemeente",
        "Gemeenten (gemeenten-uitkeringen)",
        "Een bijstandsuitkering van een andere gemeente in dezelfde periode.",
        f"SELECT {PERSOON}, u.gemeentecode || '/' || u.begindatum AS sleutel, "
        f"struct_pack(gemeentecode := u.gemeentecode, regeling := u.regeling, begindatum := u.begindatum, "
        f"einddatum := u.einddatum) AS bewijs FROM personen p JOIN gemeenten_uitkeringen u ON u.bsn = p.bsn "
        f"WHERE 'GM' || u.gemeentecode <> p.gemeente AND {overlapt('u.begindatum', 'u.einddatum')}",
    ),
    Signaaltype(
        "VOORLIGGENDE_VOORZIENING",
        "uitsluitingsgronden",
        "Uitkering van UWV of SVB",
        "UWV/SVB (uitkeringen)",
        "Een uitkering van UWV of SVB (WW, WIA, Wajong, AOW, ANW) in de uitkeringsperiode; "
        "kinderbijslag telt niet, AOW niet naast AIO (die de AOW aanvult) (Participatiewet art. 15, 31 lid 2, 47a).",
        f"SELECT {PERSOON}, u.instantie || '/' || u.regeling || '/' || u.begindatum AS sleutel, "
        f"struct_pack(instantie := u.instantie, regeling := u.regeling, begindatum := u.begindatum, "
        f"einddatum := u.einddatum, bedrag_per_maand_cent := u.bedrag_per_maand_cent) AS bewijs "
        f"FROM personen p JOIN uitkeringen u ON u.bsn = p.bsn "
        f"WHERE u.regeling <> 'KINDERBIJSLAG' AND NOT (u.regeling = 'AOW' AND p.regeling = 'AIO') "
        f"AND {overlapt('u.begindatum', 'u.einddatum')}",
    ),
    Signaaltype(
        "STUDIEFINANCIERING",
        "uitsluitingsgronden",
        "Recht op studiefinanciering",
        "DUO (duo-studiefinanciering)",
        "Studiefinanciering in de uitkeringsperiode (Participatiewet art. 13 lid 2 onder c).",
        f"SELECT {PERSOON}, s.soort || '/' || s.begindatum AS sleutel, "
        f"struct_pack(soort := s.soort, begindatum := s.begindatum, einddatum := s.einddatum) AS bewijs "
        f"FROM personen p JOIN duo_studiefinanciering s ON s.bsn = p.bsn "
        f"WHERE {overlapt('s.begindatum', 's.einddatum')}",
    ),
    Signaaltype(
        "KOSTENDELER",
        "woon- en leefsituatie",
        "Kostendeler op het adres",
        "BRP (brp-personen)",
        "Een ander persoon van 21 jaar of ouder staat op het adres van de ontvanger ingeschreven "
        "(Participatiewet art. 22a).",
        "SELECT p.gemeente, p.ontvanger, p.bsn AS betrokkene, p.rol, o.bsn AS sleutel, "
        "struct_pack(medebewoner := o.bsn, geboortedatum := o.geboortedatum, adres_sinds := o.adres_sinds) AS bewijs "
        "FROM personen p JOIN brp_personen o ON o.postcode = p.postcode AND o.huisnummer = p.huisnummer "
        "WHERE p.rol = 'aanvrager' AND o.bsn <> p.bsn AND o.bsn <> coalesce(p.partner, '') "
        "AND o.overlijdensdatum IS NULL AND o.geboortedatum <= $peildatum - INTERVAL 21 YEAR "
        "AND coalesce(o.adres_sinds, DATE '1900-01-01') <= coalesce(p.be, $peildatum)",
    ),
    Signaaltype(
        "INKOMSTEN",
        "inkomsten",
        "Nieuwe inkomstenverhouding",
        "UWV (uwv-polis)",
        "Een dienstverband of Sv-uitkering die binnen de uitkeringsperiode begon "
        "(Participatiewet art. 31 en 32).",
        "SELECT gemeente, ontvanger, betrokkene, rol, loonheffingennummer || '/' || begindatum AS sleutel, "
        "struct_pack(loonheffingennummer := loonheffingennummer, soort := soort, begindatum := begindatum, "
        "eerste_periode := eerste, laatste_periode := laatste, loon_sv_laatste_cent := loon) AS bewijs "
        "FROM (SELECT p.gemeente, p.ontvanger, p.bsn AS betrokkene, p.rol, i.loonheffingennummer, i.begindatum, "
        "any_value(i.soort_inkomen) AS soort, min(i.periode) AS eerste, max(i.periode) AS laatste, "
        "arg_max(i.loon_sv_cent, i.periode) AS loon FROM personen p JOIN uwv_polis i ON i.bsn = p.bsn "
        "WHERE i.begindatum BETWEEN p.bb AND coalesce(p.be, $peildatum) "
        "GROUP BY p.gemeente, p.ontvanger, p.bsn, p.rol, i.loonheffingennummer, i.begindatum)",
    ),
    Signaaltype(
        "HEFFINGSKORTINGEN",
        "inkomsten",
        "Uitbetaalde heffingskortingen",
        "Belastingdienst (bd-inkomen)",
        "Heffingskortingen in een jaar dat de uitkeringsperiode overlapt (Participatiewet art. 31).",
        f"SELECT {PERSOON}, k.jaar::VARCHAR AS sleutel, "
        f"struct_pack(jaar := k.jaar, heffingskortingen_cent := k.heffingskortingen_cent) AS bewijs "
        f"FROM personen p JOIN bd_inkomen k ON k.bsn = p.bsn WHERE k.heffingskortingen_cent > 0 "
        f"AND {overlapt('make_date(k.jaar, 1, 1)', 'make_date(k.jaar, 12, 31)')}",
    ),
    Signaaltype(
        "BOX3",
        "inkomsten",
        "Inkomen box 1 met vermogen in box 3",
        "Belastingdienst (bd-inkomen)",
        "Een grondslag sparen en beleggen (box 3) in een jaar dat de uitkeringsperiode overlapt; "
        "het box-1-inkomen staat erbij (Participatiewet art. 34). Box 1 alleen is geen signaal: "
        "de uitkering zelf is box-1-inkomen.",
        f"SELECT {PERSOON}, k.jaar::VARCHAR AS sleutel, struct_pack(jaar := k.jaar, box1_cent := k.box1_cent, "
        f"box3_grondslag_cent := k.box3_grondslag_cent) AS bewijs "
        f"FROM personen p JOIN bd_inkomen k ON k.bsn = p.bsn WHERE k.box3_grondslag_cent > 0 "
        f"AND {overlapt('make_date(k.jaar, 1, 1)', 'make_date(k.jaar, 12, 31)')}",
    ),
    Signaaltype(
        "VERMOGEN",
        "vermogen",
        "Saldi boven de vermogensgrens",
        "Belastingdienst (bd-rekeningen)",
        "De saldi op 31-12 van ontvanger en partner samen liggen boven de vermogensgrens van het "
        "huishouden (Participatiewet art. 34 lid 3; grens gedateerd, zie parameters).",
        "SELECT p.gemeente, p.ontvanger, p.ontvanger AS betrokkene, 'aanvrager' AS rol, "
        "r.peildatum::VARCHAR AS sleutel, struct_pack(peildatum := r.peildatum, "
        "totaal_saldo_cent := sum(r.saldo_cent), grens_cent := any_value(p.vermogensgrens_cent), "
        "rekeningen := count(*)) AS bewijs FROM personen p JOIN bd_rekeningen r ON r.bsn = p.bsn "
        "WHERE r.peildatum BETWEEN p.bb AND coalesce(p.be, $peildatum) "
        "GROUP BY p.gemeente, p.ontvanger, r.peildatum "
        "HAVING sum(r.saldo_cent) > any_value(p.vermogensgrens_cent)",
    ),
    Signaaltype(
        "BANKREKENING_ONBEKEND",
        "informatieplicht",
        "Rekening die de gemeente niet kent",
        "Belastingdienst (bd-rekeningen)",
        "Een rekening met een positief saldo van ontvanger of partner die niet de rekening is waarop de "
        "uitkering wordt betaald (Participatiewet art. 17 lid 1). Lege rekeningen worden niet gemeld: "
        "minder, betere signalen (een keuze van het bureau, geen wettelijke grens).",
        f"SELECT {PERSOON}, r.iban AS sleutel, struct_pack(iban := r.iban, soort := r.soort, "
        f"peildatum := r.peildatum, saldo_cent := r.saldo_cent) AS bewijs "
        f"FROM personen p JOIN bd_rekeningen r ON r.bsn = p.bsn "
        f"WHERE r.iban <> p.iban AND r.saldo_cent > 0 AND r.peildatum BETWEEN p.bb AND coalesce(p.be, $peildatum)",
    ),
    Signaaltype(
        "IBAN_GEDEELD",
        "informatieplicht",
        "Eén rekening voor meer huishoudens",
        "Aanlevering gemeenten",
        "Het IBAN waarop de uitkering wordt betaald is ook dat van een ander huishouden in de "
        "aanleveringen (Participatiewet art. 17 lid 1).",
        "SELECT p.gemeente, p.ontvanger, p.ontvanger AS betrokkene, 'aanvrager' AS rol, p.iban AS sleutel, "
        "struct_pack(iban := p.iban, huishoudens := count(DISTINCT o.ontvanger) + 1) AS bewijs "
        "FROM personen p JOIN personen o ON o.iban = p.iban AND o.ontvanger <> p.ontvanger "
        "AND o.rol = 'aanvrager' AND coalesce(o.partner, '') <> p.ontvanger "
        "WHERE p.rol = 'aanvrager' GROUP BY p.gemeente, p.ontvanger, p.iban",
    ),
    Signaaltype(
        "VOERTUIG_WAARDE",
        "informatieplicht",
        "Voertuig met een hoge waarde",
        "RDW (rdw-voertuigen)",
        "Een voertuig op naam met een catalogusprijs boven de vermogensgrens van het huishouden "
        "(Participatiewet art. 34; de catalogusprijs is niet de dagwaarde, de gemeente beoordeelt).",
        f"SELECT {PERSOON}, v.kenteken AS sleutel, struct_pack(kenteken := v.kenteken, merk := v.merk, "
        f"catalogusprijs_cent := v.catalogusprijs_cent, grens_cent := p.vermogensgrens_cent, "
        f"tenaamstelling_sinds := v.tenaamstelling_sinds) AS bewijs "
        f"FROM personen p JOIN rdw_voertuigen v ON v.bsn = p.bsn "
        f"WHERE v.catalogusprijs_cent > p.vermogensgrens_cent AND {overlapt('v.tenaamstelling_sinds')}",
    ),
    Signaaltype(
        "VOERTUIGEN_MEERDERE",
        "informatieplicht",
        "Meer dan één voertuig",
        "RDW (rdw-voertuigen)",
        "Twee of meer voertuigen op naam in de uitkeringsperiode (Participatiewet art. 17 lid 1).",
        f"SELECT {PERSOON}, string_agg(v.kenteken, ',' ORDER BY v.kenteken) AS sleutel, "
        f"struct_pack(kentekens := list(v.kenteken ORDER BY v.kenteken)) AS bewijs "
        f"FROM personen p JOIN rdw_voertuigen v ON v.bsn = p.bsn WHERE {overlapt('v.tenaamstelling_sinds')} "
        f"GROUP BY ALL HAVING count(*) >= 2",
    ),
    Signaaltype(
        "HOGER_ONDERWIJS",
        "informatieplicht",
        "Inschrijving hoger onderwijs",
        "DUO/CRIHO (duo-inschrijvingen)",
        "Een inschrijving bij een hogeschool of universiteit in de uitkeringsperiode "
        "(Participatiewet art. 13 lid 2 onder c).",
        f"SELECT {PERSOON}, i.brin || '/' || i.begindatum AS sleutel, struct_pack(onderwijssoort := i.onderwijssoort, "
        f"brin := i.brin, begindatum := i.begindatum, einddatum := i.einddatum) AS bewijs "
        f"FROM personen p JOIN duo_inschrijvingen i ON i.bsn = p.bsn "
        f"WHERE i.onderwijssoort IN ('HBO', 'WO') AND {overlapt('i.begindatum', 'i.einddatum')}",
    ),
)

BY_CODE = {t.code: t for t in SIGNAALTYPEN}
