"""The printable mededeling of a beslagvrije voet: what a debtor receives (Rv art. 475i lid 2).

Rv 475i lid 2 and Besluit beslagvrije voet art. 7 prescribe a model (Regeling beslagvrije
voet, bijlage 2, "Model mededeling beslagvrije voet", as replaced by Stcrt. 2022, 34869).
Only the opening of that model was readable: "Overzicht van uw beslagvrije voet", an
explanation, a call to check the data, the amount, and "Dit overzicht gaat over". The
sections after it follow what 475i lid 2 and lid 3 require the mededeling to contain: the
data the amount rests on, how it was calculated, the duty to report (475g lid 1) within
four weeks, and the ways to ask for a higher amount (475da lid 5 to 7, 475e lid 1).

Everything is in plain Dutch: no field names of the API; the rule parameters are an annex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from shared.bronnen.catalogus import BY_CODE
from shared.models.bvv import Berekening, Invoerwaarden
from shared.models.uitleg import GebruiktParameter, Herkomst
from shared.pdf import Document, pdf_tekst
from shared.rules.parameters import parameters, regeling_van

TITEL = "Overzicht van uw beslagvrije voet"
KOPPEN = (
    TITEL,
    "Dit overzicht gaat over",
    "Welke gegevens wij hebben gebruikt",
    "Hoe wij uw beslagvrije voet hebben berekend",
    "Controleer uw gegevens en meld wijzigingen binnen vier weken",
    "Zo vraagt u om een hogere beslagvrije voet",
    "Bijlage: bedragen uit wet- en regelgeving",
)
"""The section headings, in the order of the document."""

LEEFSITUATIES = {
    "ALLEENSTAANDE": "alleenstaande",
    "ALLEENSTAANDE_OUDER": "alleenstaande ouder",
    "GEHUWD_ZONDER_KINDEREN": "gehuwd of samenwonend, zonder kinderen",
    "GEHUWD_MET_KINDEREN": "gehuwd of samenwonend, met kinderen",
}

GEGEVENS = {
    "leefsituatie": "Uw leefsituatie",
    "woonadres_in_nederland": "Woonadres in Nederland",
    "woonland_buiten_nederland": "Land waar u woont (buiten Nederland)",
    "belastbaar_jaarinkomen": "Belastbaar inkomen per jaar (C), van u en uw echtgenoot of partner",
    "inkomen_maand": "Uw inkomen per maand",
    "niet_beslagen_inkomen_partner_maand": (
        "Inkomen van uw echtgenoot of partner waarop geen beslag ligt, per maand"
    ),
    "niet_beslagen_eigen_inkomen_maand": "Uw eigen inkomen waarop geen beslag ligt, per maand",
    "woonkosten_maand": "Uw woonkosten per maand",
    "verzoek_verhoging_woonkosten": "Verzoek om verhoging voor woonkosten",
    "inrichting_kosten_maand": "Prijs van verzorging of verpleging in een inrichting, per maand",
}
"""The inputs in words, in the order shown; the key is the field of `Invoerwaarden`."""

HERKOMST_NAMEN = {"inrichting": "inrichting_kosten_maand"}
"""Origins recorded under a request field that differs from the stored input's."""

BRONNEN = {
    "brp-personen": "Basisregistratie Personen (BRP)",
    "brp-relaties": "relaties in de BRP (partner en kinderen)",
    "uwv-polis": "polisadministratie van UWV",
    "uitkeringen": "uitkeringen van UWV en SVB",
}
"""A source in words; another is named by its description in the catalogue."""

ONDERDELEN = {
    "ZORG": "Voor de zorgverzekering: de zorgtoeslag die u door uw inkomen niet krijgt",
    "HUUR": "Voor het wonen: de huurtoeslag die u door uw inkomen niet krijgt",
    "KIND": "Voor uw kinderen: het kindgebonden budget dat u door uw inkomen niet krijgt",
    "MAXIMUM": "Verlaagd tot het hoogste bedrag voor uw leefsituatie",
    "ZONDER_WOONADRES": "Zonder woonadres in Nederland: 47,5% van de bijstandsnorm voor gehuwden",
    "WOONLANDFACTOR": "Aangepast aan het land waar u woont (woonlandfactor)",
    "WOONKOSTEN": "Verhoging op uw verzoek, omdat uw woonkosten hoog zijn",
    "INRICHTING_KOSTEN": "De prijs van uw verzorging of verpleging in de inrichting",
    "INRICHTING_NORM": "Twee derde van de bijstandsnorm voor mensen in een inrichting",
    "INRICHTING_PREMIE": "Een bedrag voor uw zorgverzekering",
    "AFTREK_PARTNER": (
        "Min het inkomen van uw echtgenoot of partner waarop geen beslag ligt "
        "(ten hoogste de helft)"
    ),
    "AFTREK_EIGEN": "Min uw eigen inkomen waarop geen beslag ligt",
    "INKOMEN_95": "Verlaagd tot 95% van uw inkomen: hoger mag de beslagvrije voet niet zijn",
    "NUL": "Verhoogd tot nul: de beslagvrije voet is nooit negatief",
}

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

_CAMEL = re.compile(r"\b[a-z]+(?:[A-Z][a-z0-9]*)+\b")
_SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def euro(amount: Decimal) -> str:
    """Dutch notation.

    >>> euro(Decimal("2191.42"))
    '€ 2.191,42'
    >>> euro(Decimal("-250"))
    '− € 250,00'
    """
    text = f"{abs(amount):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"− € {text}" if amount < 0 else f"€ {text}"


def datum(value: date | str) -> str:
    """A date in words; a text that is not an ISO date is returned as it is.

    >>> datum(date(2026, 6, 15))
    '15 juni 2026'
    >>> datum("2026-05")
    'mei 2026'
    """
    if isinstance(value, date):
        return f"{value.day} {MAANDEN[value.month - 1]} {value.year}"
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
        return f"{MAANDEN[int(value[5:]) - 1]} {value[:4]}"
    try:
        return datum(date.fromisoformat(value))
    except ValueError:
        return value


def in_woorden(text: str) -> str:
    """Field names of the API or of parameters, as words.

    >>> in_woorden("inkomenMaand is het brutoloon")
    'uw inkomen per maand is het brutoloon'
    >>> in_woorden("zie norm_gehuwden en fooBar")
    'zie norm gehuwden en foo bar'
    """

    def camel(match: re.Match[str]) -> str:
        snake = _snake(match.group(0))
        label = GEGEVENS.get(snake)
        return label[0].lower() + label[1:] if label else snake.replace("_", " ")

    return _SNAKE.sub(lambda m: m.group(0).replace("_", " "), _CAMEL.sub(camel, text))


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _waarde(invoer: Invoerwaarden, veld: str) -> str:
    value = getattr(invoer, veld)
    if veld == "leefsituatie":
        return LEEFSITUATIES.get(invoer.leefsituatie.value, invoer.leefsituatie.value.lower())
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Decimal):
        return euro(value)
    return str(value)


def _herkomst(herkomst: Herkomst | None) -> str:
    if herkomst is None or herkomst.herkomst == "opgegeven":
        return "Opgegeven bij de aanvraag van deze berekening"
    if herkomst.herkomst == "aangenomen":
        return "Niet opgegeven en niet gevonden; aangenomen: " + in_woorden(
            herkomst.toelichting or "geen"
        )
    bronnen = " en ".join(_bron(code.strip()) for code in (herkomst.bron or "").split(","))
    delen = [bronnen[:1].upper() + bronnen[1:]]
    if herkomst.periode:
        delen.append(f"over {datum(herkomst.periode)}")
    if herkomst.snapshot:
        delen.append(f"stand van {datum(herkomst.snapshot)}")
    if herkomst.toelichting:
        delen.append(in_woorden(herkomst.toelichting))
    return "; ".join(delen)


def _bron(code: str) -> str:
    if code in BRONNEN:
        return BRONNEN[code]
    return BY_CODE[code].omschrijving if code in BY_CODE else f"bron {code}"


def _gebruikt(berekening: Berekening) -> Iterable[tuple[str, str, str]]:
    """(what, value, where from) for each input the calculation used."""
    herkomst = {HERKOMST_NAMEN.get(h.invoer) or _snake(h.invoer): h for h in berekening.bronnen}
    invoer = berekening.invoer
    for veld, label in GEGEVENS.items():
        value = getattr(invoer, veld)
        if veld not in herkomst and (value is None or value is False):
            continue
        yield label, _waarde(invoer, veld), _herkomst(herkomst.get(veld))


def _parameter_tekst(p: GebruiktParameter) -> tuple[str, str]:
    """(what it is, its value with its unit) of a rule parameter."""
    if p.naam.startswith("woonlandfactor_"):
        land = p.naam.removeprefix("woonlandfactor_")
        return f"Woonlandfactor voor het land met code {land}", p.waarde.replace(".", ",")
    regeling = regeling_van(p.naam)
    known = parameters(regeling.map)[p.naam] if regeling else None
    omschrijving = known.description if known else in_woorden(p.naam)
    unit = known.unit if known else None
    value = Decimal(p.waarde)
    if unit == "EUR/maand":
        return omschrijving, f"{euro(value)} per maand"
    if unit == "EUR/jaar":
        return omschrijving, f"{euro(value)} per jaar"
    if unit == "ratio":
        percentage = f"{value * 100:f}".rstrip("0").rstrip(".").replace(".", ",")
        return omschrijving, f"{percentage}%"
    return omschrijving, p.waarde


def _parameter(berekening: Berekening, naam: str) -> Decimal | None:
    found = next((p for p in berekening.parameters if p.naam == naam), None)
    return Decimal(found.waarde) if found else None


def _bedrag(doc: Document, berekening: Berekening) -> None:
    """The model's opening: what the BVV is, the call to check, and the amount."""
    doc.set_font("Helvetica", "B", 18)
    doc.set_text_color(*doc.ACCENT)
    doc.cell(0, 10, TITEL, new_x="LMARGIN", new_y="NEXT")
    doc.set_text_color(0)
    doc.tekst(
        f"Berekend op {datum(berekening.berekend_op.date())} door organisatie "
        f"{berekening.organisatie}. Kenmerk: {berekening.id}",
        8.5,
        kleur=90,
    )
    doc.ln(3)
    doc.tekst(
        "Ligt er beslag op uw inkomen, of verrekent een schuldeiser met uw inkomen? Dan houdt "
        "u altijd een deel van uw inkomen zelf, voor uw vaste lasten en om van te leven. Dat "
        "deel heet de beslagvrije voet. Wat u daarboven ontvangt, gaat naar de schuld."
    )
    doc.ln(2)
    doc.tekst(
        "Controleer de gegevens in dit overzicht. Klopt er iets niet, of is uw situatie "
        "veranderd? Meld het binnen vier weken; hoe, leest u verderop.",
        style="B",
    )
    doc.ln(3)
    top = doc.get_y()
    doc.set_fill_color(*doc.VLAK)
    doc.rect(doc.l_margin, top, doc.epw, 27, style="F")
    doc.set_xy(doc.l_margin + 4, top + 3)
    doc.set_font("Helvetica", "", 10.5)
    doc.cell(0, 6, "Uw beslagvrije voet is", new_x="LMARGIN", new_y="NEXT")
    doc.set_x(doc.l_margin + 4)
    doc.set_font("Helvetica", "B", 17)
    doc.cell(0, 9, pdf_tekst(f"{euro(berekening.beslagvrije_voet)} per maand"))
    doc.set_xy(doc.l_margin + 4, top + 19)
    doc.set_font("Helvetica", "", 9.5)
    doc.cell(
        0,
        5,
        pdf_tekst(
            f"Geldig van {datum(berekening.peildatum)} tot {datum(berekening.geldig_tot)}. "
            f"Ruimte voor aflossing: {euro(berekening.aflossingscapaciteit)} per maand."
        ),
    )
    doc.set_y(top + 30)


def _over(doc: Document, berekening: Berekening) -> None:
    doc.kop("Dit overzicht gaat over")
    doc.tekst(
        f"Uw periodiek inkomen van {euro(berekening.invoer.inkomen_maand)} per maand, op "
        f"{datum(berekening.peildatum)}. Van dit inkomen houdt u "
        f"{euro(berekening.beslagvrije_voet)} per maand zelf. Ten hoogste "
        f"{euro(berekening.aflossingscapaciteit)} per maand kan naar de schuld gaan."
    )
    if berekening.gewijzigd_door_herberekening:
        doc.ln(1)
        doc.tekst(
            "Dit bedrag is opnieuw berekend, omdat de bedragen in de wet zijn gewijzigd.",
            style="I",
        )


def _gegevens(doc: Document, berekening: Berekening) -> None:
    doc.kop("Welke gegevens wij hebben gebruikt", ruimte=75)
    rows: list[tuple[str, ...]] = [("Gegeven", "Waarde", "Waar het vandaan komt")]
    rows += _gebruikt(berekening)
    doc.tabel(rows, (36, 22, 42), ("LEFT", "LEFT", "LEFT"))


def _berekening(doc: Document, berekening: Berekening) -> None:
    doc.kop("Hoe wij uw beslagvrije voet hebben berekend", ruimte=75)
    rows: list[tuple[str, ...]] = [("Onderdeel", "Wetsartikel", "Bedrag per maand")]
    for o in berekening.onderdelen:
        wat = _onderdeel(o.code, berekening) or in_woorden(o.omschrijving)
        rows.append((wat, o.artikel, euro(o.bedrag)))
    rows.append(("Uw beslagvrije voet", "", euro(berekening.beslagvrije_voet)))
    doc.tabel(rows, (52, 28, 20), ("LEFT", "LEFT", "RIGHT"), laatste_vet=True)
    doc.tekst(
        "Rv is het Wetboek van Burgerlijke Rechtsvordering. De bedragen per onderdeel zijn op "
        "centen afgerond; alleen de uitkomst wordt afgerond, dus de optelling kan een cent "
        "verschillen. De bedragen uit de wet staan in de bijlage.",
        8.5,
        kleur=90,
    )
    if berekening.waarschuwingen:
        doc.ln(2)
        doc.tekst("Let op bij deze berekening", 10.5, "B")
        doc.ln(1)
        for waarschuwing in berekening.waarschuwingen:
            zin = in_woorden(waarschuwing)
            doc.punt(zin[:1].upper() + zin[1:])


def _onderdeel(code: str, berekening: Berekening) -> str | None:
    if code == "NORM":
        gehuwd = berekening.invoer.leefsituatie.gehuwd
        return f"Basis: 95% van de bijstandsnorm voor {'gehuwden' if gehuwd else 'alleenstaanden'}"
    return ONDERDELEN.get(code)


def _controleren(doc: Document, berekening: Berekening) -> None:
    doc.kop("Controleer uw gegevens en meld wijzigingen binnen vier weken")
    for punt in (
        "Kloppen uw leefsituatie, uw adres en uw inkomen? Staat er in de Basisregistratie "
        "Personen iets dat niet klopt, bijvoorbeeld een kind dat niet (meer) bij u woont? Laat "
        "dat eerst bij uw gemeente aanpassen en meld het daarna aan ons.",
        "Heeft u of uw echtgenoot of partner inkomsten waarop geen beslag ligt, of inkomsten "
        "die niet bij UWV bekend zijn? Geef die door. U bent verplicht de gegevens te geven die "
        "nodig zijn om uw beslagvrije voet vast te stellen (Rv art. 475g lid 1).",
        "Meldt u binnen vier weken na ontvangst van dit overzicht iets waardoor uw "
        "beslagvrije voet hoger wordt, dan geldt het hogere bedrag vanaf het begin van het "
        "beslag (Rv art. 475i lid 3). Meldt u het later, dan gaat het hogere bedrag later in.",
        "Verandert uw situatie later blijvend, bijvoorbeeld doordat u gaat samenwonen of uw "
        "inkomen daalt? Meld het met uitleg; dan wordt uw beslagvrije voet opnieuw "
        "vastgesteld (Rv art. 475d lid 3).",
    ):
        doc.punt(punt)
    doc.tekst(
        f"Neem contact op met de organisatie die u dit overzicht stuurde ("
        f"{berekening.organisatie}) en noem het kenmerk {berekening.id}.",
        9.5,
    )


def _hoger(doc: Document, berekening: Berekening) -> None:
    doc.kop("Zo vraagt u om een hogere beslagvrije voet")
    huurgrens = _parameter(berekening, "maximale_huurgrens")
    drempel = (
        f"hoger dan {euro(huurgrens * Decimal('1.10'))} per maand (de rekenhuur van "
        f"{euro(huurgrens)} plus 10%)"
        if huurgrens is not None
        else "ten minste 10% hoger dan de rekenhuur van de Wet op de huurtoeslag"
    )
    punten = [
        (
            "Hoge woonkosten (Rv art. 475da lid 5).",
            f"Zijn uw woonkosten {drempel}? Dan wordt uw "
            "beslagvrije voet op uw verzoek verhoogd met het bedrag daarboven, zolang u die "
            "woonkosten heeft en ten hoogste 18 maanden (Regeling beslagvrije voet art. 1a). "
            "Bent u gehuwd of samenwonend, dan alleen voor zover het inkomen van uw echtgenoot "
            "of partner waarop geen beslag ligt niet genoeg is voor die woonkosten.",
        ),
        (
            "Verlenging (Rv art. 475da lid 6).",
            "Kan de schuld binnen zes maanden helemaal betaald worden, dan kan de verhoging voor "
            "woonkosten op uw verzoek ten hoogste zes maanden langer gelden.",
        ),
        (
            "Eigen woning, of een huurwoning zonder recht op huurtoeslag (Rv art. 475da lid 7).",
            _lid_7(berekening),
        ),
        (
            "Geen adres in de Basisregistratie Personen (Rv art. 475e lid 1).",
            "Heeft u wel een vaste woon- of verblijfplaats die niet in de BRP staat, en geeft u "
            "inzicht in uw leefsituatie en uw inkomsten? Dan geldt het lage bedrag zonder "
            "woonadres in Nederland niet voor u.",
        ),
        (
            "Kantonrechter (Rv art. 475fa).",
            "Leidt uw beslagvrije voet tot een onredelijk harde situatie door iets waarmee in de "
            "berekening geen rekening is gehouden? Dan kunt u de kantonrechter vragen de "
            "beslagvrije voet voor een bepaalde tijd te verhogen.",
        ),
    ]
    for titel, tekst in punten:
        doc.punt(tekst, titel)


def _lid_7(berekening: Berekening) -> str:
    een = _parameter(berekening, "inkomensgrens_lid7_alleenstaande")
    meer = _parameter(berekening, "inkomensgrens_lid7_meerpersoons")
    grens = (
        f"lager dan {euro(een)} per jaar als u alleenstaand bent, of {euro(meer)} als u met "
        "meer personen bent"
        if een is not None and meer is not None
        else "lager dan de grens van dat artikel"
    )
    return (
        "Woont u in uw eigen woning, of in een huurwoning die niet voldoet aan art. 11 van de "
        f"Wet op de huurtoeslag, en is uw belastbaar inkomen (met dat van uw echtgenoot) {grens}? "
        "Dan wordt uw beslagvrije voet op uw verzoek verhoogd. Als huurder kunt u gevraagd "
        "worden een bewijsstuk te geven."
    )


def _bijlage(doc: Document, berekening: Berekening) -> None:
    doc.add_page()
    doc.kop("Bijlage: bedragen uit wet- en regelgeving")
    doc.tekst(
        "Deze bedragen en percentages gelden op de peildatum. Bij elk staat vanaf wanneer het "
        "geldt en waar het vandaan komt.",
        9,
    )
    doc.ln(1)
    rows: list[tuple[str, ...]] = [("Wat", "Waarde", "Geldt vanaf", "Bron")]
    for p in berekening.parameters:
        omschrijving, waarde = _parameter_tekst(p)
        rows.append((omschrijving, waarde, datum(p.ingang), f"{p.artikel}. {p.bron}"))
    doc.tabel(rows, (29, 18, 11, 42), ("LEFT", "RIGHT", "LEFT", "LEFT"), size=7)


def basisberekening(berekening: Berekening) -> bytes:
    doc = Document(TITEL, berekening.id)
    _bedrag(doc, berekening)
    _over(doc, berekening)
    _gegevens(doc, berekening)
    _berekening(doc, berekening)
    _controleren(doc, berekening)
    _hoger(doc, berekening)
    _bijlage(doc, berekening)
    return bytes(doc.output())
