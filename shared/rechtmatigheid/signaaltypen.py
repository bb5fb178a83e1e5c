"""The signal types: each a rule over the sources, its source, and the period overlap it needs.

Every rule is one DuckDB query over what `matching.py` prepares:

- `personen`: each recipient and (as rol `partner`) the partner, with the gemeente, the
  benefit period as a half-open `bb`..`pe` (`pe` exclusive; an open end runs through the
  run's peildatum) and `dag`, the day the household is read on (the last day of that
  period, at most the peildatum) and `geboortedatum` from the BRP (NULL: not known);
- `adressen`: each recipient's home as an `Adres.sleutel` (`huishouden.sql_adressleutel`):
  the recipient's own BRP address, the delivery's postcode and huisnummer only when the BRP
  has none (`adres_bron`);
- `bewoners`: everyone the BRP registers at one of those homes (on any date), with the
  home's key `adres_sleutel` and `bsn`, `geboortedatum`, `adres_sinds`, `overlijdensdatum`;
- `vermogensgrenzen`: the asset limits as half-open periods (`ingang`..`einde`);
- one view per source (`dji_detenties`, `uwv_polis`, …) with the snapshot in force;
- SQL parameters: `$peildatum` and the ages and counts, in force on the peildatum, from the
  parameter files (`$kostendeler_minimumleeftijd`, `$kostendelersnorm_minimumleeftijd`,
  `$meerderjarigheid` from the household parameters; `$studie_uitsluiting_leeftijd`,
  `$kostendeler_maximum_op_adres` from the rechtmatigheid parameters).

A rule selects `persoon` columns plus `sleutel` (what makes the fact this fact) and
`bewijs` (a struct with the evidence). Only facts that fall within the benefit period
count, read half-open as everywhere (`periode.sql_overlappen`, `periode.sql_op`): a fact
that ends on the day the benefit starts does not overlap it. Household notions (address,
partner, children, kostendelers, age) come from `shared/bronnen/huishouden.py` and
`shared/rules/leeftijd.py`, the vehicle value from `shared/rules/voertuigwaarde.py`. The
`bewijs` holds nothing that changes by the run date alone (an age, the run's date): a
signal is delivered once per fact and again only when its evidence changes (`opslag.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.bronnen.huishouden import sql_studerend, sql_woont_er
from shared.bronnen.inkomenshistorie import sql_rang_opgave
from shared.rules.leeftijd import sql_leeftijd
from shared.rules.periode import sql_op, sql_overlappen
from shared.rules.voertuigwaarde import METHODE, sql_handelswaarde_cent


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


def overlapt(begin: str, einde: str = "NULL") -> str:
    """The fact's period `begin`..`einde` (exclusive; NULL: open) shares a day with the
    benefit period."""
    return sql_overlappen("p.bb", "p.pe", begin, einde)


def in_periode(dag: str) -> str:
    """The day falls within the benefit period."""
    return sql_op("p.bb", "p.pe", dag)


def gezin(bsn: str, partner: str, adres: str, dag: str) -> str:
    """Whether the person has a gezin on the date (Pw art. 4 lid 1, 34 lid 3): a partner,
    or a child of him or the partner (BRP relation in force) under `$meerderjarigheid` by
    the child's own birth date who lives, alive, at the home `adres` (`huishouden`: a child
    relation alone is not enough). `adres`: a recipient's home (`adressen`), so the child is
    looked up among its `bewoners`."""
    kind = (
        f"EXISTS (SELECT 1 FROM brp_relaties k JOIN bewoners c ON c.bsn = k.relatie_bsn "
        f"WHERE k.soort = 'kind' AND k.bsn IN ({bsn}, {partner}) "
        f"AND {sql_op('k.begindatum', 'k.einddatum', dag)} "
        f"AND {sql_leeftijd('c.geboortedatum', dag)} < $meerderjarigheid "
        f"AND c.adres_sleutel = {adres} AND {sql_woont_er('c', dag)})"
    )
    return f"({partner} IS NOT NULL OR {kind})"


GEEN_VERMOGENSTOETS = ("IOAW", "IOAZ")
"""Regelingen without an asset test: the Wet IOAW and the Wet IOAZ test income only; the
asset limits of Pw art. 34 do not govern them (VERMOGEN, VOERTUIG_WAARDE, BOX3)."""


def met_vermogenstoets(regeling: str = "p.regeling") -> str:
    """The benefit is one with the Participatiewet's asset test (not IOAW or IOAZ)."""
    return f"{regeling} NOT IN ({', '.join(_literal(r) for r in GEEN_VERMOGENSTOETS)})"


GEEN_VERMOGENSTOETS_TEKST = (
    "Niet gemeld bij een uitkering IOAW of IOAZ: de vermogensgrenzen van de Participatiewet "
    "(art. 34) gelden daar niet (Wet IOAW en Wet IOAZ: geen vermogenstoets, alleen een "
    "inkomenstoets)."
)


def kostendelersnorm_leeftijd(bsn: str, geboren: str, partner: str, dag: str) -> str:
    """Whether the kostendelersnorm can apply to the belanghebbende on the date (Pw art. 22a
    lid 1: "de belanghebbende van 21 jaar of ouder"; lid 3: spouses of whom one is 18, 19 or
    20 and the other 21 or older): he has a BRP birth date (`geboren`) and he, or his partner
    (delivered, or the spouse in the BRP in force on the date), is
    `$kostendelersnorm_minimumleeftijd` or older. Without his BRP birth date: false (his age
    is not known). Each lookup is by BSN equality, so DuckDB joins it by hash."""
    minimum = "$kostendelersnorm_minimumleeftijd"
    oud = f"{sql_leeftijd('z.geboortedatum', dag)} >= {minimum}"
    zelf = f"{sql_leeftijd(geboren, dag)} >= {minimum}"
    geleverd = f"EXISTS (SELECT 1 FROM brp_personen z WHERE z.bsn = {partner} AND {oud})"
    echtgenoot = (
        f"EXISTS (SELECT 1 FROM brp_relaties e JOIN brp_personen z ON z.bsn = e.relatie_bsn "
        f"WHERE e.bsn = {bsn} AND e.soort = 'partner' "
        f"AND {sql_op('e.begindatum', 'e.einddatum', dag)} AND {oud})"
    )
    return f"({geboren} IS NOT NULL AND ({zelf} OR {geleverd} OR {echtgenoot}))"


def leeftijd_bij_samenloop(begin: str) -> str:
    """Age on the first day the benefit and the fact (from `begin`) run together."""
    return sql_leeftijd("p.geboortedatum", f"greatest(p.bb, {begin})")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


SIGNAALTYPEN: tuple[Signaaltype, ...] = (
    Signaaltype(
        "DETENTIE",
        "uitsluitingsgronden",
        "Detentie",
        "DJI (dji-detenties)",
        "Een periode van detentie, ook in het buitenland, die de uitkeringsperiode overlapt; een "
        "detentie die eindigt op de dag dat de uitkering begint overlapt niet "
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
        "Voortvluchtig sinds een datum voor het einde van de uitkeringsperiode "
        "(Participatiewet art. 13 lid 1 onder b).",
        f"SELECT {PERSOON}, v.sinds::VARCHAR AS sleutel, struct_pack(sinds := v.sinds) AS bewijs "
        f"FROM personen p JOIN cjib_voortvluchtigen v ON v.bsn = p.bsn WHERE {overlapt('v.sinds')}",
    ),
    Signaaltype(
        "UITKERING_ANDERE_GEMEENTE",
        "uitsluitingsgronden",
        "Uitkering van een andere gemeente",
        "Gemeenten (gemeenten-uitkeringen)",
        "Een bijstandsuitkering van een andere gemeente in dezelfde periode; een uitkering die "
        "eindigt op de dag dat deze begint overlapt niet.",
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
        "kinderbijslag telt niet, AOW niet naast AIO (die de AOW aanvult); een uitkering die "
        "eindigt op de dag dat de bijstand begint overlapt niet (Participatiewet art. 15, 31 lid 2, 47a).",
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
        "DUO (duo-studiefinanciering), BRP (brp-personen: geboortedatum)",
        "Studiefinanciering in de uitkeringsperiode van een ontvanger of partner die op de eerste "
        "dag dat beide lopen jonger is dan 27 jaar (leeftijd_bij_samenloop). Participatiewet art. 13 "
        'lid 2 onder c: geen recht op algemene bijstand heeft degene "die jonger is dan 27 jaar en '
        "uit ’s Rijks kas bekostigd onderwijs kan volgen en 1°. in verband daarmee aanspraak heeft "
        'op studiefinanciering op grond van de Wet studiefinanciering 2000". Wie 27 of ouder is '
        "wordt niet gemeld.",
        f"SELECT {PERSOON}, s.soort || '/' || s.begindatum AS sleutel, "
        f"struct_pack(soort := s.soort, begindatum := s.begindatum, einddatum := s.einddatum, "
        f"leeftijd_bij_samenloop := {leeftijd_bij_samenloop('s.begindatum')}) AS bewijs "
        f"FROM personen p JOIN duo_studiefinanciering s ON s.bsn = p.bsn "
        f"WHERE {overlapt('s.begindatum', 's.einddatum')} "
        f"AND {leeftijd_bij_samenloop('s.begindatum')} < $studie_uitsluiting_leeftijd",
    ),
    Signaaltype(
        "KOSTENDELER",
        "woon- en leefsituatie",
        "Kostendeler op het adres",
        "BRP (brp-personen, brp-relaties), DUO (duo-studiefinanciering, duo-inschrijvingen)",
        "Een ander persoon van 27 jaar of ouder staat in de BRP ingeschreven in dezelfde woning als "
        'de ontvanger: postcode, huisnummer, huisletter en huisnummertoevoeging gelijk ("12-1" en '
        '"12-2" zijn twee woningen). Het adres van de ontvanger is zijn adres in de BRP; alleen als '
        "de BRP geen adres van hem heeft, postcode en huisnummer uit de aanlevering (adres_bron in "
        "het bewijs). Leeftijd, adres en leven op de peildatum, of op de laatste dag van de "
        "uitkering als die eerder eindigde. Niet gemeld: de partner (uit de aanlevering of de "
        "echtgenoot in de BRP, lid 1 onder a), en wie studiefinanciering of een inschrijving in het "
        "onderwijs heeft (lid 1 onder d). Een commerciële huur- of kostgangersovereenkomst (lid 1 "
        "onder b en c) staat in geen bron: de gemeente beoordeelt die "
        "(Participatiewet art. 19a lid 1). De kostendelersnorm geldt alleen voor een "
        'belanghebbende "van 21 jaar of ouder" (art. 22a lid 1), en voor gehuwden van wie de een '
        "18, 19 of 20 jaar is en de ander 21 of ouder (lid 3): gemeld wordt alleen als de "
        "ontvanger, of zijn partner (uit de aanlevering of de echtgenoot in de BRP), op die dag 21 "
        "jaar of ouder is; zonder geboortedatum van de ontvanger in de BRP is zijn leeftijd niet "
        "bekend en wordt niets gemeld. Het bewijs noemt aantal_op_adres: hoeveel personen van 27 "
        "jaar of ouder op die dag op het adres staan ingeschreven, de ontvanger meegeteld als hij "
        "27 of ouder is en daar op die dag staat ingeschreven. Bij meer "
        "dan 10 (parameter kostendeler_maximum_op_adres) wordt niets gemeld: zo'n adres is meestal "
        "een zorginstelling of een complex met kamers op één adres; wie in een inrichting (art. 1 "
        "onder f) verblijft heeft de norm van art. 23, niet de kostendelersnorm van art. 22a, en of "
        "een adres een inrichting is, of één woning, staat niet in de BRP. Een keuze van het "
        "bureau, geen wettelijke grens: de gemeente beoordeelt zulke adressen zelf.",
        "SELECT gemeente, ontvanger, betrokkene, rol, medebewoner AS sleutel, "
        "struct_pack(medebewoner := medebewoner, geboortedatum := geboortedatum, "
        "adres_sinds := adres_sinds, adres := adres_sleutel, adres_bron := adres_bron, "
        "aantal_op_adres := aantal_op_adres) AS bewijs FROM (SELECT m.*, ("
        "SELECT count(*) FROM bewoners x WHERE x.adres_sleutel = m.adres_sleutel "
        f"AND {sql_woont_er('x', 'm.dag')} "
        f"AND {sql_leeftijd('x.geboortedatum', 'm.dag')} >= $kostendeler_minimumleeftijd"
        ") AS aantal_op_adres FROM ("
        f"SELECT {PERSOON}, p.bsn, p.geboortedatum AS geboren, p.partner, p.dag, "
        "a.adres_sleutel, a.adres_bron, o.bsn AS medebewoner, o.geboortedatum, o.adres_sinds "
        "FROM personen p JOIN adressen a ON a.gemeente = p.gemeente AND a.ontvanger = p.ontvanger "
        f"JOIN bewoners o ON o.adres_sleutel = a.adres_sleutel AND {sql_woont_er('o', 'p.dag')} "
        "WHERE p.rol = 'aanvrager' AND o.bsn <> p.bsn AND o.bsn IS DISTINCT FROM p.partner "
        f"AND {sql_leeftijd('o.geboortedatum', 'p.dag')} >= $kostendeler_minimumleeftijd) m) k "
        "WHERE aantal_op_adres <= $kostendeler_maximum_op_adres "
        f"AND {kostendelersnorm_leeftijd('k.bsn', 'k.geboren', 'k.partner', 'k.dag')} "
        "AND NOT EXISTS (SELECT 1 FROM brp_relaties e WHERE e.bsn = k.bsn AND e.soort = 'partner' "
        f"AND e.relatie_bsn = k.medebewoner AND {sql_op('e.begindatum', 'e.einddatum', 'k.dag')}) "
        f"AND NOT {sql_studerend('k.medebewoner', 'k.dag')}",
    ),
    Signaaltype(
        "INKOMSTEN",
        "inkomsten",
        "Nieuwe inkomstenverhouding",
        "UWV (uwv-polis)",
        "Een dienstverband of Sv-uitkering die binnen de uitkeringsperiode begon "
        "(Participatiewet art. 31 en 32). Een uitkering in de polisadministratie van een "
        "instantie (UWV, SVB) die ook in de uitkeringen van die instantie staat, is één inkomen: "
        "die meldt Uitkering van UWV of SVB, niet nog eens deze (ook de AOW naast AIO niet). "
        "Van elk tijdvak telt alleen de laatste opgave: een latere opgave van dezelfde "
        "inkomstenverhouding en hetzelfde tijdvak is de correctie van de eerdere. Het bewijs noemt "
        "het SV-loon van het laatste tijdvak.",
        "SELECT gemeente, ontvanger, betrokkene, rol, loonheffingennummer || '/' || begindatum AS sleutel, "
        "struct_pack(loonheffingennummer := loonheffingennummer, soort := soort, begindatum := begindatum, "
        "eerste_periode := eerste, laatste_periode := laatste, loon_sv_laatste_cent := loon) AS bewijs "
        "FROM (SELECT gemeente, ontvanger, betrokkene, rol, i.loonheffingennummer, i.begindatum, "
        "any_value(i.soort_inkomen) AS soort, min(i.periode) AS eerste, max(i.periode) AS laatste, "
        "arg_max(i.loon_sv_cent, (i.periode, i.tijdvak_begin)) AS loon FROM ("
        f"SELECT {PERSOON}, i.* FROM personen p JOIN uwv_polis i ON i.bsn = p.bsn "
        f"WHERE {in_periode('i.begindatum')} "
        f"QUALIFY {sql_rang_opgave('i', 'p.gemeente', 'p.ontvanger', 'p.rol')} = 1) i "
        "WHERE NOT (i.soort_inkomen = 'uitkering' AND EXISTS (SELECT 1 FROM uitkeringen u "
        "WHERE u.bsn = i.bsn AND u.instantie = i.uitkeringsinstantie "
        f"AND {sql_overlappen('u.begindatum', 'u.einddatum', 'i.begindatum', 'i.einddatum')})) "
        "GROUP BY gemeente, ontvanger, betrokkene, rol, i.loonheffingennummer, i.begindatum)",
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
        f"AND {overlapt('make_date(k.jaar, 1, 1)', 'make_date(k.jaar + 1, 1, 1)')}",
    ),
    Signaaltype(
        "BOX3",
        "inkomsten",
        "Inkomen box 1 met vermogen in box 3",
        "Belastingdienst (bd-inkomen)",
        "Een grondslag sparen en beleggen (box 3) in een jaar dat de uitkeringsperiode overlapt; "
        "het box-1-inkomen staat erbij (Participatiewet art. 34). Box 1 alleen is geen signaal: "
        "de uitkering zelf is box-1-inkomen. " + GEEN_VERMOGENSTOETS_TEKST,
        f"SELECT {PERSOON}, k.jaar::VARCHAR AS sleutel, struct_pack(jaar := k.jaar, box1_cent := k.box1_cent, "
        f"box3_grondslag_cent := k.box3_grondslag_cent) AS bewijs "
        f"FROM personen p JOIN bd_inkomen k ON k.bsn = p.bsn WHERE k.box3_grondslag_cent > 0 "
        f"AND {met_vermogenstoets()} "
        f"AND {overlapt('make_date(k.jaar, 1, 1)', 'make_date(k.jaar + 1, 1, 1)')}",
    ),
    Signaaltype(
        "VERMOGEN",
        "vermogen",
        "Saldi boven de vermogensgrens",
        "Belastingdienst (bd-rekeningen), BRP (brp-personen, brp-relaties)",
        "De saldi op de peildatum van de Belastingdienst (31-12) binnen de uitkeringsperiode, van "
        "ontvanger en partner samen, liggen boven de vermogensgrens die op die peildatum gold "
        "(Participatiewet art. 34 lid 3; grenzen gedateerd, zie parameters). De grens voor gehuwden "
        "en alleenstaande ouders geldt bij een partner of een kind jonger dan 18 jaar (eigen "
        "geboortedatum) van ontvanger of partner dat op die datum op het adres van de ontvanger "
        "woont (art. 4 lid 1); anders die voor een alleenstaande. Een saldo boven de grens is een "
        "reden om te vragen, geen overtreding: niet als vermogen telt het vermogen bij de aanvang "
        "van de bijstand voor zover het onder de grens lag (art. 34 lid 2 onder b), en evenmin "
        '"spaargelden opgebouwd tijdens de periode waarin bijstand wordt ontvangen" (lid 2 onder '
        "c). Hoe het saldo is ontstaan blijkt niet uit de bron: de gemeente beoordeelt het. "
        + GEEN_VERMOGENSTOETS_TEKST,
        "SELECT gemeente, ontvanger, ontvanger AS betrokkene, 'aanvrager' AS rol, peildatum::VARCHAR AS sleutel, "
        "struct_pack(peildatum := peildatum, totaal_saldo_cent := totaal, grens_cent := grens, "
        "rekeningen := rekeningen, huishouden := huishouden) AS bewijs FROM ("
        "SELECT *, CASE WHEN is_gezin THEN gezin_cent ELSE alleenstaande_cent END AS grens, "
        "CASE WHEN is_gezin THEN 'gezin' ELSE 'alleenstaande' END AS huishouden FROM ("
        f"SELECT s.*, g.alleenstaande_cent, g.gezin_cent, "
        f"{gezin('h.bsn', 'h.partner', 'a.adres_sleutel', 's.peildatum')} AS is_gezin FROM ("
        "SELECT p.gemeente, p.ontvanger, r.peildatum, sum(r.saldo_cent) AS totaal, count(*) AS rekeningen "
        f"FROM personen p JOIN bd_rekeningen r ON r.bsn = p.bsn WHERE {in_periode('r.peildatum')} "
        f"AND {met_vermogenstoets()} GROUP BY p.gemeente, p.ontvanger, r.peildatum) s "
        f"JOIN vermogensgrenzen g ON {sql_op('g.ingang', 'g.einde', 's.peildatum')} "
        "JOIN personen h ON h.gemeente = s.gemeente AND h.ontvanger = s.ontvanger AND h.rol = 'aanvrager' "
        "JOIN adressen a ON a.gemeente = s.gemeente AND a.ontvanger = s.ontvanger "
        "WHERE s.totaal > g.alleenstaande_cent)) WHERE totaal > grens",
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
        f"WHERE r.iban <> p.iban AND r.saldo_cent > 0 AND {in_periode('r.peildatum')}",
    ),
    Signaaltype(
        "IBAN_GEDEELD",
        "informatieplicht",
        "Eén rekening voor meer huishoudens",
        "Aanlevering gemeenten",
        "Het IBAN waarop de uitkering wordt betaald is ook dat van een ander huishouden in de "
        "aanleveringen met een uitkering in dezelfde periode (Participatiewet art. 17 lid 1).",
        "SELECT p.gemeente, p.ontvanger, p.ontvanger AS betrokkene, 'aanvrager' AS rol, p.iban AS sleutel, "
        "struct_pack(iban := p.iban, huishoudens := count(DISTINCT o.ontvanger) + 1) AS bewijs "
        "FROM personen p JOIN personen o ON o.iban = p.iban AND o.ontvanger <> p.ontvanger "
        "AND o.rol = 'aanvrager' AND coalesce(o.partner, '') <> p.ontvanger "
        f"AND {sql_overlappen('p.bb', 'p.pe', 'o.bb', 'o.pe')} "
        "WHERE p.rol = 'aanvrager' GROUP BY p.gemeente, p.ontvanger, p.iban",
    ),
    Signaaltype(
        "VOERTUIG_WAARDE",
        "informatieplicht",
        "Voertuig met een hoge waarde",
        "RDW (rdw-voertuigen), BRP (brp-personen, brp-relaties)",
        "Een voertuig op naam waarvan de geschatte waarde boven de vermogensgrens van het huishouden "
        "ligt (grens als bij VERMOGEN, op de peildatum of de laatste dag van de uitkering). "
        "Geschat is niet de catalogusprijs maar de handelswaarde: "
        + METHODE
        + " (handelswaarde_cent en methode in het bewijs). De Participatiewet waardeert "
        "bezittingen op "
        '"de waarde in het economische verkeer bij vrije oplevering" (art. 34 lid 1 onder a): een '
        "verkoopwaarde. De schatting benadert wat de handel bij inkoop of inruil betaalt, en die "
        "ligt lager: de regel kan daardoor alleen te weinig melden (een voertuig met een schatting "
        "onder de grens kan in het economische verkeer meer waard zijn), niet te veel. De gemeente "
        "beoordeelt de werkelijke waarde. " + GEEN_VERMOGENSTOETS_TEKST,
        "SELECT gemeente, ontvanger, betrokkene, rol, sleutel, struct_pack(kenteken := kenteken, "
        "merk := merk, catalogusprijs_cent := catalogusprijs_cent, grens_cent := grens, "
        "tenaamstelling_sinds := tenaamstelling_sinds, datum_eerste_toelating := datum_eerste_toelating, "
        f"handelswaarde_cent := handelswaarde_cent, methode := {_literal(METHODE)}) AS bewijs FROM ("
        "SELECT *, CASE WHEN is_gezin THEN gezin_cent ELSE alleenstaande_cent END AS grens FROM ("
        f"SELECT w.*, {gezin('w.bsn', 'w.partner', 'w.adres_sleutel', 'w.dag')} AS is_gezin FROM ("
        f"SELECT {PERSOON}, p.bsn, p.partner, p.dag, a.adres_sleutel, v.kenteken AS sleutel, v.kenteken, "
        "v.merk, v.catalogusprijs_cent, v.tenaamstelling_sinds, v.datum_eerste_toelating, "
        "g.alleenstaande_cent, g.gezin_cent, "
        f"{sql_handelswaarde_cent('v.catalogusprijs_cent', 'v.datum_eerste_toelating', 'p.dag')} "
        "AS handelswaarde_cent "
        "FROM personen p JOIN rdw_voertuigen v ON v.bsn = p.bsn "
        "JOIN adressen a ON a.gemeente = p.gemeente AND a.ontvanger = p.ontvanger "
        f"JOIN vermogensgrenzen g ON {sql_op('g.ingang', 'g.einde', 'p.dag')} "
        f"WHERE {overlapt('v.tenaamstelling_sinds')} AND {met_vermogenstoets()}) w "
        "WHERE w.handelswaarde_cent > w.alleenstaande_cent)) WHERE handelswaarde_cent > grens",
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
        "DUO/CRIHO (duo-inschrijvingen), BRP (brp-personen: geboortedatum)",
        "Een inschrijving bij een hogeschool of universiteit in de uitkeringsperiode van een "
        "ontvanger of partner die op de eerste dag dat beide lopen jonger is dan 27 jaar "
        "(leeftijd_bij_samenloop). Participatiewet art. 13 lid 2 onder c: geen recht op algemene "
        'bijstand heeft degene "die jonger is dan 27 jaar en uit ’s Rijks kas bekostigd onderwijs '
        'kan volgen" en daarvoor aanspraak heeft op studiefinanciering (1°). Wie 27 of ouder is '
        "wordt niet gemeld.",
        f"SELECT {PERSOON}, i.brin || '/' || i.begindatum AS sleutel, struct_pack(onderwijssoort := i.onderwijssoort, "
        f"brin := i.brin, begindatum := i.begindatum, einddatum := i.einddatum, "
        f"leeftijd_bij_samenloop := {leeftijd_bij_samenloop('i.begindatum')}) AS bewijs "
        f"FROM personen p JOIN duo_inschrijvingen i ON i.bsn = p.bsn "
        f"WHERE i.onderwijssoort IN ('HBO', 'WO') AND {overlapt('i.begindatum', 'i.einddatum')} "
        f"AND {leeftijd_bij_samenloop('i.begindatum')} < $studie_uitsluiting_leeftijd",
    ),
)

BY_CODE = {t.code: t for t in SIGNAALTYPEN}
