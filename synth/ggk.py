"""Synthetic iWmo/iJw 3.2 messages and their GGk envelopes, schema-valid unless asked not to be.

Each message carries one Client (3.2); names, addresses and products are invented. The
envelope is the StUF ggk0210 `Di01` (heen) or `Du01` (retour) with the message as base64
UTF-8 without BOM.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, date, datetime
from xml.sax.saxutils import escape

from lxml import etree

BERICHTCODES = {
    "WMO301": "414",
    "WMO302": "415",
    "WMO305": "418",
    "WMO306": "419",
    "WMO307": "420",
    "WMO308": "421",
    "WMO315": "444",
    "WMO316": "445",
    "WMO317": "480",
    "WMO318": "481",
    "WMO319": "482",
    "WMO320": "483",
    "WMO323": "484",
    "WMO325": "485",
    "JW301": "436",
    "JW302": "437",
    "JW305": "438",
    "JW306": "439",
    "JW307": "440",
    "JW308": "441",
    "JW315": "446",
    "JW316": "447",
    "JW317": "486",
    "JW318": "487",
    "JW319": "488",
    "JW320": "489",
    "JW323": "490",
    "JW325": "491",
}
"""The BerichtCode of each message type (iWmo and iJw 3.2). The project has no schema of the
iWmo retours and WMO325: built, they are refused by the GGk."""
RETOUR_VAN = {"301": "302", "305": "306", "307": "308", "315": "316", "317": "318", "319": "320"}
"""The retour message type of each heen type (302 answers 301, …)."""
RETOURKLASSEN = {
    "302": ("Client", "Relatie", "Contact", "ToegewezenProduct"),
    "306": ("Client", "StartProduct"),
    "308": ("Client", "StopProduct"),
    "316": ("Client", "AangevraagdProduct"),
    "318": ("Client", "Verzoek", "OngewijzigdProduct", "TeWijzigenProduct", "NieuwProduct"),
    "320": ("Antwoord", "Woonplaatsbeginsel"),
}
"""The message classes of each retour type that carry their own RetourCodes (as last child),
from the JW retour schemas."""
GOEDGEKEURD = "0200"
"""RetourCode 0200: no remark on this message class (approved)."""
XSD_VERSIE = {"wmo": "1.0.0", "jw": "0.1.0"}
"""`BerichtXsdVersie`/`BasisschemaXsdVersie` as the schemas' appinfo gives them."""


def _domein(functie: str) -> str:
    return "wmo" if functie.startswith("WMO") else "jw"


def _ns(functie: str) -> tuple[str, str]:
    domein = _domein(functie)
    standaard = "iwmo" if domein == "wmo" else "ijw"
    base = f"http://www.istandaarden.nl/{standaard}/3_2"
    return f"{base}/{functie.lower()}/schema", f"{base}/basisschema/schema"


@dataclass(frozen=True)
class Client:
    bsn: str
    geboortedatum: date = date(1950, 3, 1)
    geslacht: str = "2"
    achternaam: str = "Jansen"
    postcode: str = "1012JR"
    huisnummer: int = 1


def _header(functie: str, afzender: str, ontvanger: str, identificatie: str, dag: date) -> str:
    versie = XSD_VERSIE[_domein(functie)]
    return (
        f"<m:Header><m:BerichtCode>{BERICHTCODES[functie]}</m:BerichtCode>"
        "<m:BerichtVersie>3</m:BerichtVersie><m:BerichtSubversie>2</m:BerichtSubversie>"
        f"<m:Afzender>{afzender}</m:Afzender><m:Ontvanger>{ontvanger}</m:Ontvanger>"
        f"<m:BerichtIdentificatie><b:Identificatie>{escape(identificatie)}</b:Identificatie>"
        f"<b:Dagtekening>{dag.isoformat()}</b:Dagtekening></m:BerichtIdentificatie>"
        f"<m:XsdVersie><b:BasisschemaXsdVersie>{versie}</b:BasisschemaXsdVersie>"
        f"<b:BerichtXsdVersie>{versie}</b:BerichtXsdVersie></m:XsdVersie></m:Header>"
    )


def _bericht(functie: str, inhoud: str) -> bytes:
    ns, basis = _ns(functie)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><m:Bericht xmlns:m="{ns}" xmlns:b="{basis}">'
        f"{inhoud}</m:Bericht>"
    ).encode()


def _client_kop(client: Client, *, naamgebruik: bool = False) -> str:
    """Bsn, Geboortedatum, Geslacht and Naam: how most messages open their Client."""
    gebruik = "<b:NaamGebruik>1</b:NaamGebruik>" if naamgebruik else ""
    return (
        f"<m:Bsn>{client.bsn}</m:Bsn>"
        f"<m:Geboortedatum><b:Datum>{client.geboortedatum.isoformat()}</b:Datum></m:Geboortedatum>"
        f"<m:Geslacht>{client.geslacht}</m:Geslacht>"
        f"<m:Naam><b:Geslachtsnaam><b:Achternaam>{escape(client.achternaam)}</b:Achternaam>"
        f"</b:Geslachtsnaam>{gebruik}</m:Naam>"
    )


def standaard_categorie(functie: str) -> str:
    """The first product category of the message's domain (Wmo 01, Jeugdwet 40)."""
    return "01" if _domein(functie) == "wmo" else "40"


def toewijzing(
    functie: str,
    gemeente: str,
    agb: str,
    client: Client,
    identificatie: str,
    dagtekening: date,
    toewijzingnummer: int = 1,
    categorie: str | None = None,
    ingangsdatum: date | None = None,
) -> bytes:
    """A WMO301 or JW301: the gemeente (four-digit CBS code) assigns a product to a provider;
    by default of the first category of its domain (Wmo 01, Jeugdwet 40)."""
    ingang = ingangsdatum or dagtekening
    categorie = categorie or standaard_categorie(functie)
    client_xml = (
        f"<m:Client>{_client_kop(client, naamgebruik=True)}"
        "<m:Contactgegevens><m:Contact><m:Soort>01</m:Soort><m:Adres>"
        f"<b:Huis><b:Huisnummer>{client.huisnummer}</b:Huisnummer></b:Huis>"
        f"<b:Postcode>{client.postcode}</b:Postcode><b:LandCode>NL</b:LandCode>"
        "</m:Adres></m:Contact></m:Contactgegevens>"
        "<m:ToegewezenProducten><m:ToegewezenProduct>"
        f"<m:ToewijzingNummer>{toewijzingnummer}</m:ToewijzingNummer>"
        f"<m:Product><b:Categorie>{categorie}</b:Categorie></m:Product>"
        f"<m:Toewijzingsdatum>{dagtekening.isoformat()}</m:Toewijzingsdatum>"
        "<m:Toewijzingstijd>09:00:00</m:Toewijzingstijd>"
        f"<m:Ingangsdatum>{ingang.isoformat()}</m:Ingangsdatum>"
        "</m:ToegewezenProduct></m:ToegewezenProducten></m:Client>"
    )
    header = _header(functie, gemeente, agb, identificatie, dagtekening)
    return _bericht(functie, header + client_xml)


def start_levering(
    functie: str,
    agb: str,
    gemeente: str,
    client: Client,
    identificatie: str,
    dagtekening: date,
    toewijzingnummer: int = 1,
    begindatum: date | None = None,
) -> bytes:
    """A WMO305 or JW305: the provider reports the start of the assigned product."""
    client_xml = (
        f"<m:Client>{_client_kop(client)}"
        "<m:StartProducten><m:StartProduct>"
        f"<m:ToewijzingNummer>{toewijzingnummer}</m:ToewijzingNummer>"
        f"<m:Begindatum>{(begindatum or dagtekening).isoformat()}</m:Begindatum>"
        "<m:StatusAanlevering>1</m:StatusAanlevering>"
        "</m:StartProduct></m:StartProducten></m:Client>"
    )
    header = _header(functie, agb, gemeente, identificatie, dagtekening)
    return _bericht(functie, header + client_xml)


def stop_levering(
    functie: str,
    agb: str,
    gemeente: str,
    client: Client,
    identificatie: str,
    dagtekening: date,
    begindatum: date,
    toewijzingnummer: int = 1,
    einddatum: date | None = None,
) -> bytes:
    """A WMO307 or JW307: the provider reports the end of the product it started
    (RedenBeeindiging 20, a code both domains' schemas allow)."""
    client_xml = (
        f"<m:Client>{_client_kop(client)}"
        "<m:StopProducten><m:StopProduct>"
        f"<m:ToewijzingNummer>{toewijzingnummer}</m:ToewijzingNummer>"
        f"<m:Begindatum>{begindatum.isoformat()}</m:Begindatum>"
        "<m:RedenBeeindiging>20</m:RedenBeeindiging>"
        f"<m:Einddatum>{(einddatum or dagtekening).isoformat()}</m:Einddatum>"
        "<m:StatusAanlevering>1</m:StatusAanlevering>"
        "</m:StopProduct></m:StopProducten></m:Client>"
    )
    header = _header(functie, agb, gemeente, identificatie, dagtekening)
    return _bericht(functie, header + client_xml)


def verzoek_om_toewijzing(
    functie: str,
    agb: str,
    gemeente: str,
    client: Client,
    identificatie: str,
    dagtekening: date,
    referentie: str,
    categorie: str | None = None,
) -> bytes:
    """A WMO315 or JW315 (VOT): the provider asks the gemeente to assign a product, referred
    by the gemeente itself (Verwijzer type 01)."""
    categorie = categorie or standaard_categorie(functie)
    client_xml = (
        f"<m:Client>{_client_kop(client)}"
        "<m:AangevraagdeProducten><m:AangevraagdProduct>"
        f"<m:ReferentieAanbieder>{escape(referentie)}</m:ReferentieAanbieder>"
        f"<m:Product><b:Categorie>{categorie}</b:Categorie></m:Product>"
        f"<m:ToewijzingIngangsdatum>{dagtekening.isoformat()}</m:ToewijzingIngangsdatum>"
        "<m:Verwijzer><b:Type>01</b:Type></m:Verwijzer>"
        "</m:AangevraagdProduct></m:AangevraagdeProducten></m:Client>"
    )
    header = _header(functie, agb, gemeente, identificatie, dagtekening)
    return _bericht(functie, header + client_xml)


def verzoek_om_wijziging(
    functie: str,
    agb: str,
    gemeente: str,
    client: Client,
    identificatie: str,
    dagtekening: date,
    referentie: str,
    toewijzingnummer: int = 1,
) -> bytes:
    """A WMO317 or JW317 (VOW): the provider asks to change an assigned product from a date
    (RedenVerzoek 1)."""
    inhoud = (
        f"<m:Client><m:Bsn>{client.bsn}</m:Bsn><m:Verzoek>"
        f"<m:ReferentieAanbieder>{escape(referentie)}</m:ReferentieAanbieder>"
        "<m:RedenVerzoek>1</m:RedenVerzoek>"
        "<m:TeWijzigenProducten><m:TeWijzigenProduct>"
        f"<m:ToewijzingNummer>{toewijzingnummer}</m:ToewijzingNummer>"
        f"<m:GewensteIngangsdatum>{dagtekening.isoformat()}</m:GewensteIngangsdatum>"
        "</m:TeWijzigenProduct></m:TeWijzigenProducten></m:Verzoek></m:Client>"
    )
    header = _header(functie, agb, gemeente, identificatie, dagtekening)
    return _bericht(functie, header + inhoud)


def antwoord(
    functie: str,
    gemeente: str,
    agb: str,
    identificatie: str,
    dagtekening: date,
    referentie: str,
    toegekend: bool = True,
) -> bytes:
    """A WMO319 or JW319: the gemeente's answer to a VOT or VOW (VerzoekAntwoord 1 granted,
    2 refused with reason 1)."""
    reden = "" if toegekend else "<m:RedenAfwijzingVerzoek>1</m:RedenAfwijzingVerzoek>"
    inhoud = (
        f"<m:Antwoord><m:ReferentieAanbieder>{escape(referentie)}</m:ReferentieAanbieder>"
        f"<m:VerzoekAntwoord>{1 if toegekend else 2}</m:VerzoekAntwoord>{reden}</m:Antwoord>"
    )
    header = _header(functie, gemeente, agb, identificatie, dagtekening)
    return _bericht(functie, header + inhoud)


@dataclass(frozen=True)
class Prestatie:
    """One delivered product in a declaration: volume in units (04: uur) at a tariff in cents."""

    client: Client
    referentie: str
    categorie: str
    begindatum: date
    einddatum: date
    volume: int
    tarief_cent: int
    toewijzingnummer: int = 1
    productcode: str = "01A01"

    @property
    def bedrag_cent(self) -> int:
        return self.volume * self.tarief_cent


def _prestatie_xml(prestatie: Prestatie, retourcodes: str = "") -> str:
    return (
        "<m:Prestatie><m:ProductReferentie>"
        f"<b:ReferentieNummer>{escape(prestatie.referentie)}</b:ReferentieNummer>"
        "</m:ProductReferentie>"
        f"<m:ToewijzingNummer>{prestatie.toewijzingnummer}</m:ToewijzingNummer>"
        f"<m:ProductCategorie>{prestatie.categorie}</m:ProductCategorie>"
        f"<m:ProductCode>{prestatie.productcode}</m:ProductCode>"
        f"<m:ProductPeriode><b:Begindatum>{prestatie.begindatum.isoformat()}</b:Begindatum>"
        f"<b:Einddatum>{prestatie.einddatum.isoformat()}</b:Einddatum></m:ProductPeriode>"
        f"<m:GeleverdVolume>{prestatie.volume}</m:GeleverdVolume><m:Eenheid>04</m:Eenheid>"
        f"<m:ProductTarief>{prestatie.tarief_cent}</m:ProductTarief>"
        f"<m:IngediendBedrag><b:Bedrag>{prestatie.bedrag_cent}</b:Bedrag>"
        f"<b:DebetCredit>D</b:DebetCredit></m:IngediendBedrag>{retourcodes}</m:Prestatie>"
    )


def _clienten_xml(prestaties: list[Prestatie], retourcodes: str = "") -> str:
    per_client: dict[str, list[Prestatie]] = {}
    for prestatie in prestaties:
        per_client.setdefault(prestatie.client.bsn, []).append(prestatie)
    return (
        "<m:Clienten>"
        + "".join(
            f"<m:Client><m:Bsn>{bsn}</m:Bsn><m:Prestaties>"
            + "".join(_prestatie_xml(p, retourcodes) for p in eigen)
            + f"</m:Prestaties>{retourcodes}</m:Client>"
            for bsn, eigen in per_client.items()
        )
        + "</m:Clienten>"
    )


def _totaal(naam: str, cent: int) -> str:
    return (
        f"<m:{naam}><b:TotaalBedrag>{cent}</b:TotaalBedrag>"
        f"<b:DebetCredit>D</b:DebetCredit></m:{naam}>"
    )


def _periode(prestaties: list[Prestatie]) -> str:
    begin = min(p.begindatum for p in prestaties).isoformat()
    eind = max(p.einddatum for p in prestaties).isoformat()
    return f"<b:Begindatum>{begin}</b:Begindatum><b:Einddatum>{eind}</b:Einddatum>"


def declaratie(
    functie: str,
    agb: str,
    gemeente: str,
    identificatie: str,
    dagtekening: date,
    nummer: str,
    prestaties: list[Prestatie],
) -> bytes:
    """A WMO323 or JW323: the provider declares delivered products, of one or more clients,
    over the period they cover ("som van declaratieperiode", the only method in 3.2)."""
    totaal = sum(p.bedrag_cent for p in prestaties)
    inhoud = (
        f"<m:Declaratie><m:DeclaratieNummer>{nummer}</m:DeclaratieNummer>"
        f"<m:DeclaratiePeriode>{_periode(prestaties)}</m:DeclaratiePeriode>"
        f"<m:DeclaratieDagtekening>{dagtekening.isoformat()}</m:DeclaratieDagtekening>"
        f"{_totaal('TotaalIngediendBedrag', totaal)}{_clienten_xml(prestaties)}</m:Declaratie>"
    )
    header = _header(functie, agb, gemeente, identificatie, dagtekening)
    return _bericht(functie, header + inhoud)


def _retourcodes(code: str) -> str:
    return f"<m:RetourCodes><m:RetourCode>{code}</m:RetourCode></m:RetourCodes>"


def declaratie_antwoord(
    gemeente: str,
    agb: str,
    identificatie: str,
    dagtekening: date,
    declaratie_identificatie: str,
    declaratie_dagtekening: date,
    nummer: str,
    prestaties: list[Prestatie],
    retourcode: str = GOEDGEKEURD,
) -> bytes:
    """A JW325: the gemeente's answer to a JW323, every class with `retourcode` and, when that
    is 0200, the whole declared amount granted. (The WMO325 schema is missing.)"""
    functie = "JW325"
    totaal = sum(p.bedrag_cent for p in prestaties)
    toegekend = totaal if retourcode == GOEDGEKEURD else 0
    codes = _retourcodes(retourcode)
    versie = XSD_VERSIE[_domein(functie)]
    header = _header(functie, gemeente, agb, identificatie, dagtekening).replace(
        "</m:Header>",
        "<m:DeclaratieIdentificatie>"
        f"<b:Identificatie>{escape(declaratie_identificatie)}</b:Identificatie>"
        f"<b:Dagtekening>{declaratie_dagtekening.isoformat()}</b:Dagtekening>"
        "</m:DeclaratieIdentificatie>"
        f"<m:XsdVersieDeclaratie><b:BasisschemaXsdVersie>{versie}</b:BasisschemaXsdVersie>"
        f"<b:BerichtXsdVersie>{versie}</b:BerichtXsdVersie></m:XsdVersieDeclaratie>"
        f"{codes}</m:Header>",
    )
    inhoud = (
        f"<m:DeclaratieAntwoord><m:DeclaratieNummer>{nummer}</m:DeclaratieNummer>"
        f"{_totaal('TotaalIngediendBedrag', totaal)}{_totaal('TotaalToegekendBedrag', toegekend)}"
        f"{_clienten_xml(prestaties, codes)}{codes}</m:DeclaratieAntwoord>"
    )
    return _bericht(functie, header + inhoud)


def retour(
    heen: bytes,
    identificatie: str,
    dagtekening: date,
    retourcode: str = GOEDGEKEURD,
) -> bytes:
    """The retour of a heen message (302 of 301, 306 of 305, …): the heen message in the
    retour's namespace with its original Afzender and Ontvanger (the retour header rule), the
    retour's own identification, and `retourcode` on every message class."""
    root = etree.fromstring(heen)
    heen_ns = etree.QName(root).namespace
    heen_functie = heen_ns.split("/")[-2].upper()
    nummer = RETOUR_VAN[heen_functie[-3:]]
    functie = heen_functie[:-3] + nummer
    ns, _ = _ns(functie)
    for element in root.iter():
        naam = etree.QName(element)
        if naam.namespace == heen_ns:
            element.tag = f"{{{ns}}}{naam.localname}"
    for klasse in RETOURKLASSEN[nummer]:
        for element in list(root.iter(f"{{{ns}}}{klasse}")):
            element.append(_retourcodes_element(ns, retourcode))
    header = root.find(f"{{{ns}}}Header")
    code = root.find(f"{{{ns}}}Header/{{{ns}}}BerichtCode")
    if header is None or code is None:
        raise ValueError("geen heenbericht: de Header of zijn BerichtCode ontbreekt")
    code.text = BERICHTCODES[functie]
    basis = _ns(functie)[1]
    versie = XSD_VERSIE[_domein(functie)]
    identificatie_retour = etree.SubElement(header, f"{{{ns}}}IdentificatieRetour")
    identificatie_retour.text = identificatie
    etree.SubElement(header, f"{{{ns}}}DagtekeningRetour").text = dagtekening.isoformat()
    xsd = etree.SubElement(header, f"{{{ns}}}XsdVersieRetour")
    etree.SubElement(xsd, f"{{{basis}}}BasisschemaXsdVersie").text = versie
    etree.SubElement(xsd, f"{{{basis}}}BerichtXsdVersie").text = versie
    header.append(_retourcodes_element(ns, retourcode))
    nieuw = etree.Element(f"{{{ns}}}Bericht", nsmap={"m": ns, "b": basis})
    nieuw.extend(list(root))
    return etree.tostring(nieuw, xml_declaration=True, encoding="UTF-8")


def _retourcodes_element(ns: str, retourcode: str) -> etree._Element:
    codes = etree.Element(f"{{{ns}}}RetourCodes")
    etree.SubElement(codes, f"{{{ns}}}RetourCode").text = retourcode
    return codes


STUF = "http://www.egem.nl/StUF/StUF0301"
GGK = "http://www.stufstandaarden.nl/koppelvlak/ggk0210"


def envelop(
    functie: str,
    zender: str,
    ontvanger: str,
    referentienummer: str,
    bericht: bytes,
    *,
    retour: bool = False,
    crossrefnummer: str | None = None,
    moment: datetime | None = None,
    applicatie: str = "Synthetische applicatie",
) -> bytes:
    """A GGk envelope around one message: zender and ontvanger as the GGk names them (a CBS
    code, an AGB code, `VECOZO`)."""
    soort = "Du01" if retour else "Di01"
    element = "envelopRetourbericht-ggk_Du01" if retour else "envelopHeenbericht-ggk_Di01"
    tijdstip = (moment or datetime(2026, 11, 2, 9, 0, tzinfo=UTC)).strftime("%Y%m%d%H%M%S")
    cross = f"<StUF:crossRefnummer>{crossrefnummer}</StUF:crossRefnummer>" if crossrefnummer else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><GGK:{element} xmlns:StUF="{STUF}" '
        f'xmlns:GGK="{GGK}"><GGK:stuurgegevens><StUF:berichtcode>{soort}</StUF:berichtcode>'
        f"<StUF:zender><StUF:organisatie>{zender}</StUF:organisatie>"
        f"<StUF:applicatie>{escape(applicatie)}</StUF:applicatie></StUF:zender>"
        f"<StUF:ontvanger><StUF:organisatie>{ontvanger}</StUF:organisatie>"
        "<StUF:applicatie>GGk</StUF:applicatie></StUF:ontvanger>"
        f"<StUF:referentienummer>{referentienummer}</StUF:referentienummer>"
        f"<StUF:tijdstipBericht>{tijdstip}</StUF:tijdstipBericht>{cross}"
        f"<StUF:functie>{functie}</StUF:functie></GGK:stuurgegevens>"
        "<GGK:parameters><GGK:applicatieVersie>0001</GGK:applicatieVersie>"
        "<GGK:applicatieSubversie>0000</GGK:applicatieSubversie>"
        "<GGK:functieVersie>0003</GGK:functieVersie><GGK:functieSubversie>0002</GGK:functieSubversie>"
        f"<GGK:bericht><GGK:xmlBestand>{base64.b64encode(bericht).decode()}</GGK:xmlBestand>"
        f"</GGK:bericht></GGK:parameters></GGK:{element}>"
    ).encode()
