"""A GGk envelope checked in layers, as the chain's error-code table names them.

Each layer either passes or refuses with one Fo01 code (`foutcodes.yaml`) and the `plek`
`client` (the sender's message is wrong). In order: size; well-formed XML; `referentienummer`
(and a retour's `crossRefnummer`) a UUID v4; the envelope's schema; `berichtcode` Di01
for a heen message, Du01 for a retour; the zender is the caller (a gemeente by its CBS code;
VECOZO sends for care providers, by their AGB code); the functie is one this kind of sender
sends; the ontvanger is known and connected; the payload base64, UTF-8 without BOM; its
schema (of that message type and version); its header agrees with the envelope; and the
rules of the iStandaard that need no earlier message (CS002: every BSN passes the elfproef).

Checked elsewhere: a referentienummer unique per sender (`berichten`, against the store).
Not checked here, because they need the receiver's administration or earlier messages:
TR019, TR056 and the other cross-message rules (the receiver answers them in its retour),
and the external-source rules TR378/TR381 (CBS and product code lists).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field, replace
from typing import Literal

from lxml import etree
from stdnum.nl import bsn as bsn_nummer

from shared.ggk import xml
from shared.ggk.foutcodes import code

MAX_BYTES = 25 * 1024 * 1024
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
FUNCTIE = re.compile(r"^(WMO|JW)([0-9]{3})$")
STUF = "{http://www.egem.nl/StUF/StUF0301}"
GGK = "{http://www.stufstandaarden.nl/koppelvlak/ggk0210}"
GEMEENTECODE = re.compile(r"^[0-9]{4}$")
AGBCODE = re.compile(r"^[0-9]{8}$")
VECOZO = "VECOZO"

Soort = Literal["gemeente", "aanbieder"]
HEEN: dict[Soort, frozenset[str]] = {
    "gemeente": frozenset({"301", "319", "325"}),
    "aanbieder": frozenset({"305", "307", "315", "317", "323"}),
}
"""The heen messages each side sends (Di01): toewijzing, antwoord, declaratie-antwoord; start,
stop, verzoek om toewijzing, verzoek om wijziging, declaratie."""
RETOUR: dict[Soort, frozenset[str]] = {
    "gemeente": frozenset({"306", "308", "316", "318"}),
    "aanbieder": frozenset({"302", "320"}),
}
"""The retours (Du01): each side answers the other's heen messages."""


class Onleesbaar(ValueError):
    """Not XML at all: there is no referentienummer to answer with a Fo01."""


@dataclass(frozen=True)
class Afkeur:
    sleutel: str
    omschrijving: str

    @property
    def code(self) -> str:
        return code(self.sleutel)[0]

    @property
    def tekst(self) -> str:
        return f"{code(self.sleutel)[1]}: {self.omschrijving}"


@dataclass(frozen=True)
class Envelop:
    soort: str
    """Di01 (heen) or Du01 (retour)."""
    zender: str
    zender_applicatie: str
    ontvanger: str
    referentienummer: str
    crossrefnummer: str | None
    functie: str
    versie: str
    """applicatieVersie + applicatieSubversie, for the Fo01's `details`."""
    bericht: bytes | None = None
    boom: etree._Element | None = field(default=None, compare=False, repr=False)
    """The message as the layers parsed it (once): what is read of it after routing."""

    @property
    def details(self) -> str:
        return f"{self.functie}-{self.versie}"


@dataclass(frozen=True)
class Afzender:
    """Who sends, as the platform knows the caller: a gemeente (its CBS code) or VECOZO."""

    gemeentecode: str | None
    """None: VECOZO, sending for care providers."""


def soort_van(organisatie: str) -> Soort | None:
    if GEMEENTECODE.fullmatch(organisatie):
        return "gemeente"
    if AGBCODE.fullmatch(organisatie):
        return "aanbieder"
    return None


def _tekst(element: etree._Element, pad: str) -> str | None:
    gevonden = element.find(pad)
    return gevonden.text.strip() if gevonden is not None and gevonden.text else None


def lees(inhoud: bytes) -> tuple[etree._Element, Envelop]:
    """The envelope's fields as far as they can be read (to answer even a refusal with the
    sender's referentienummer); `Onleesbaar` when it is not XML."""
    try:
        root = xml.lees(inhoud)
    except etree.XMLSyntaxError as error:
        raise Onleesbaar(f"geen geldige XML: {error}") from None
    stuur = f"{GGK}stuurgegevens"
    versie = "".join(
        _tekst(root, f"{GGK}parameters/{GGK}{naam}") or ""
        for naam in ("applicatieVersie", "applicatieSubversie")
    )
    envelop = Envelop(
        soort=_tekst(root, f"{stuur}/{STUF}berichtcode") or "",
        zender=_tekst(root, f"{stuur}/{STUF}zender/{STUF}organisatie") or "",
        zender_applicatie=_tekst(root, f"{stuur}/{STUF}zender/{STUF}applicatie") or "",
        ontvanger=_tekst(root, f"{stuur}/{STUF}ontvanger/{STUF}organisatie") or "",
        referentienummer=_tekst(root, f"{stuur}/{STUF}referentienummer") or "",
        crossrefnummer=_tekst(root, f"{stuur}/{STUF}crossRefnummer"),
        functie=_tekst(root, f"{stuur}/{STUF}functie") or "",
        versie=versie,
    )
    return root, envelop


def base64_inhoud(tekst: str) -> bytes | None:
    """An xmlBestand's content; None when it is not base64. (xs:base64Binary may be wrapped
    in lines: whitespace is no part of the content.)"""
    try:
        return base64.b64decode("".join(tekst.split()), validate=True)
    except (binascii.Error, ValueError):
        return None


def _payload(root: etree._Element) -> bytes | Afkeur:
    tekst = _tekst(root, f"{GGK}parameters/{GGK}bericht/{GGK}xmlBestand")
    if tekst is None:
        return Afkeur("bericht_schema", "het GGk neemt alleen een xmlBestand (iWmo/iJw) aan")
    inhoud = base64_inhoud(tekst)
    if inhoud is None:
        return Afkeur("bericht_schema", "het xmlBestand is geen base64")
    if inhoud.startswith(b"\xef\xbb\xbf"):
        return Afkeur("bericht_schema", "het bericht begint met een BOM; UTF-8 zonder BOM")
    try:
        inhoud.decode("utf-8")
    except UnicodeDecodeError:
        return Afkeur("bericht_schema", "het bericht is geen UTF-8")
    return inhoud


def _bericht(envelop: Envelop, bericht: etree._Element) -> Afkeur | None:
    """The message against its schema, its header against the envelope, and CS002."""
    schema = xml.berichtschema(envelop.functie)
    if schema is None:
        return Afkeur("bericht_schema", f"het GGk heeft geen schema voor {envelop.functie}")
    fouten = xml.fouten(schema, bericht)
    if fouten:
        return Afkeur("bericht_schema", "; ".join(fouten[:5]))
    ns = etree.QName(bericht).namespace
    header = bericht.find(f"{{{ns}}}Header")
    afzender = _tekst(header, f"{{{ns}}}Afzender") if header is not None else None
    ontvanger = _tekst(header, f"{{{ns}}}Ontvanger") if header is not None else None
    heen = (envelop.zender, envelop.ontvanger)
    verwacht = heen if envelop.soort == "Di01" else heen[::-1]
    if (afzender, ontvanger) != verwacht:
        return Afkeur(
            "niet_geautoriseerd",
            f"Afzender {afzender} en Ontvanger {ontvanger} in het bericht horen niet bij de "
            f"envelop ({envelop.zender} aan {envelop.ontvanger})",
        )
    for element in bericht.iter(f"{{{ns}}}Bsn"):
        if not bsn_nummer.is_valid(element.text or ""):
            regel = element.sourceline
            return Afkeur("regel", f"CS002: de Bsn op regel {regel} voldoet niet aan de elfproef")
    return None


def toets(
    inhoud: bytes, afzender: Afzender, aangesloten: frozenset[Soort]
) -> tuple[Envelop, Afkeur | None]:
    """The envelope, and the first layer that refuses it (None: it may be routed). What is not
    XML at all is refused as an envelope that does not conform, with no fields read.
    `aangesloten`: the kinds of receiver that can be reached (a gemeente is checked by
    code by the caller of this function; care providers through VECOZO)."""
    onbekend = Envelop("", "", "", "", "", None, "", "")
    if len(inhoud) > MAX_BYTES:  # not parsed: the limit is what bounds the parser
        return onbekend, Afkeur("te_groot", f"{len(inhoud)} bytes, ten hoogste {MAX_BYTES}")
    try:
        root, envelop = lees(inhoud)
    except Onleesbaar as error:
        return onbekend, Afkeur("envelop_schema", str(error))
    # the schema also holds the UUID form; its own code (IB009) says more, so it goes first
    if not UUID4.fullmatch(envelop.referentienummer):
        return envelop, Afkeur("geen_uuid", f"referentienummer {envelop.referentienummer}")
    if envelop.soort == "Du01" and not UUID4.fullmatch(envelop.crossrefnummer or ""):
        return envelop, Afkeur("geen_uuid", f"crossRefnummer {envelop.crossrefnummer}")
    fouten = xml.fouten(xml.envelopschema(), root)
    if fouten:
        return envelop, Afkeur("envelop_schema", "; ".join(fouten[:5]))
    gevonden = FUNCTIE.fullmatch(envelop.functie)
    if gevonden is None or envelop.soort not in ("Di01", "Du01"):
        reden = f"{envelop.soort} met functie {envelop.functie}"
        return envelop, Afkeur("berichtcode_functie", reden)
    nummer = gevonden.group(2)
    zender_soort, ontvanger_soort = soort_van(envelop.zender), soort_van(envelop.ontvanger)
    eigen = (
        envelop.zender == afzender.gemeentecode
        if afzender.gemeentecode
        else (zender_soort == "aanbieder")
    )
    if zender_soort is None or not eigen:
        return envelop, Afkeur(
            "niet_geautoriseerd", f"de zender {envelop.zender} is niet de eigen organisatie"
        )
    toegestaan = (HEEN if envelop.soort == "Di01" else RETOUR)[zender_soort]
    if nummer not in toegestaan:
        andere = RETOUR if envelop.soort == "Di01" else HEEN
        sleutel = "berichtcode_functie" if nummer in andere[zender_soort] else "functie_organisatie"
        return envelop, Afkeur(
            sleutel, f"een {zender_soort} stuurt geen {envelop.functie} als {envelop.soort}"
        )
    if (
        ontvanger_soort is None
        or ontvanger_soort == zender_soort
        or ontvanger_soort not in aangesloten
    ):
        return envelop, Afkeur("ontvanger_onbekend", f"organisatie {envelop.ontvanger}")
    payload = _payload(root)
    if isinstance(payload, Afkeur):
        return envelop, payload
    envelop = replace(envelop, bericht=payload)
    try:
        boom = xml.lees(payload)
    except etree.XMLSyntaxError as error:
        return envelop, Afkeur("bericht_schema", f"het bericht is geen geldige XML: {error}")
    envelop = replace(envelop, boom=boom)
    return envelop, _bericht(envelop, boom)
