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

BERICHTCODES = {
    "WMO301": "414",
    "WMO305": "418",
    "WMO307": "420",
    "JW301": "436",
    "JW305": "438",
    "JW307": "440",
}
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
    categorie = categorie or ("01" if _domein(functie) == "wmo" else "40")
    client_xml = (
        f"<m:Client><m:Bsn>{client.bsn}</m:Bsn>"
        f"<m:Geboortedatum><b:Datum>{client.geboortedatum.isoformat()}</b:Datum></m:Geboortedatum>"
        f"<m:Geslacht>{client.geslacht}</m:Geslacht>"
        f"<m:Naam><b:Geslachtsnaam><b:Achternaam>{escape(client.achternaam)}</b:Achternaam>"
        "</b:Geslachtsnaam><b:NaamGebruik>1</b:NaamGebruik></m:Naam>"
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
        f"<m:Client><m:Bsn>{client.bsn}</m:Bsn>"
        f"<m:Geboortedatum><b:Datum>{client.geboortedatum.isoformat()}</b:Datum></m:Geboortedatum>"
        f"<m:Geslacht>{client.geslacht}</m:Geslacht>"
        f"<m:Naam><b:Geslachtsnaam><b:Achternaam>{escape(client.achternaam)}</b:Achternaam>"
        "</b:Geslachtsnaam></m:Naam>"
        "<m:StartProducten><m:StartProduct>"
        f"<m:ToewijzingNummer>{toewijzingnummer}</m:ToewijzingNummer>"
        f"<m:Begindatum>{(begindatum or dagtekening).isoformat()}</m:Begindatum>"
        "<m:StatusAanlevering>1</m:StatusAanlevering>"
        "</m:StartProduct></m:StartProducten></m:Client>"
    )
    header = _header(functie, agb, gemeente, identificatie, dagtekening)
    return _bericht(functie, header + client_xml)


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
