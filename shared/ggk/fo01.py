"""The Fo01 foutbericht the GGk answers a refused envelope with (StUF 0301, as the
specification's example): the code of the check, `plek` client, the description, the
details `{functie}-{applicatieVersie}{applicatieSubversie}` and the original envelope."""

from __future__ import annotations

import uuid
from datetime import datetime
from xml.sax.saxutils import escape

from lxml import etree

from shared.ggk import xml
from shared.ggk.envelop import Afkeur, Envelop

GGK_ORGANISATIE = "IB"
GGK_APPLICATIE = "GGKWebservice"
OMSCHRIJVING = 200
"""StUF 0301 `Foutomschrijving`: at most 200 characters (the full reason is in the track)."""


def fo01(envelop: Envelop, afkeur: Afkeur, moment: datetime, origineel: bytes) -> tuple[str, bytes]:
    """(its referentienummer, the Fo01) to the sender of `envelop`."""
    referentie = str(uuid.uuid4())
    cross = (
        f"<StUF:crossRefnummer>{escape(envelop.referentienummer)}</StUF:crossRefnummer>"
        if envelop.referentienummer
        else ""
    )
    try:  # the original as elements (detailsXML holds XML, not text), when it is XML
        details_xml = etree.tostring(xml.lees(origineel), encoding="unicode")
    except etree.XMLSyntaxError:
        details_xml = ""
    bericht = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<StUF:Fo01Bericht xmlns:StUF="http://www.egem.nl/StUF/StUF0301">'
        "<StUF:stuurgegevens><StUF:berichtcode>Fo01</StUF:berichtcode>"
        f"<StUF:zender><StUF:organisatie>{GGK_ORGANISATIE}</StUF:organisatie>"
        f"<StUF:applicatie>{GGK_APPLICATIE}</StUF:applicatie></StUF:zender>"
        f"<StUF:ontvanger><StUF:organisatie>{escape(envelop.zender[:200])}</StUF:organisatie>"
        f"<StUF:applicatie>{escape(envelop.zender_applicatie[:50] or 'onbekend')}</StUF:applicatie>"
        "</StUF:ontvanger>"
        f"<StUF:referentienummer>{referentie}</StUF:referentienummer>"
        f"<StUF:tijdstipBericht>{moment:%Y%m%d%H%M%S}</StUF:tijdstipBericht>{cross}"
        "</StUF:stuurgegevens><StUF:body>"
        f"<StUF:code>{escape(afkeur.code)}</StUF:code><StUF:plek>client</StUF:plek>"
        f"<StUF:omschrijving>{escape(afkeur.tekst[:OMSCHRIJVING])}</StUF:omschrijving>"
        f"<StUF:details>{escape(envelop.details[:1000])}</StUF:details>"
        f"<StUF:detailsXML>{details_xml}</StUF:detailsXML>"
        "</StUF:body></StUF:Fo01Bericht>"
    )
    return referentie, bericht.encode()
