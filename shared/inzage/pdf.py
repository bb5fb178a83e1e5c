"""The answer to an access request as a resident reads it: Dutch, plain language, A4.

Uses of a confidential activity are in the operators' answer, marked; the letter leaves them
out, as the resident's own usage view does (the ground is in the register of activities)."""

from __future__ import annotations

from shared.models.inzage import InzageAntwoord, Inzageverzoek
from shared.pdf import Document

TITEL = "Inzage in uw gegevens"


def _datum(tekst: str) -> str:
    return tekst[:10]


def pdf(verzoek: Inzageverzoek, antwoord: InzageAntwoord) -> bytes:
    doc = Document(TITEL, verzoek.id[:12])
    doc.alias_nb_pages()
    doc.tekst(TITEL, size=17, style="B")
    doc.tekst(
        f"U vroeg op {verzoek.ontvangen_op.isoformat()} welke gegevens wij over u hebben en wie "
        "ze gebruikte (AVG art. 15). Dit is ons antwoord, samengesteld op "
        f"{antwoord.samengesteld_op.date().isoformat()}."
    )
    doc.kop("Wat de bronnen over u bevatten")
    if not antwoord.gegevens:
        doc.tekst("De bronnen bevatten op deze dag geen gegevens over u.")
    for bron in antwoord.gegevens:
        peildatum = bron.peildatum.isoformat() if bron.peildatum else "onbekend"
        doc.punt(f"(stand van {peildatum})", f"{bron.houder}: {bron.omschrijving}")
        for record in bron.records:
            velden = "; ".join(f"{k}: {v}" for k, v in record.items() if v not in (None, ""))
            doc.tekst(f"   {velden}", size=8.5)
    doc.kop("Uitkomsten over u en hoe die tot stand kwamen")
    if not antwoord.uitkomsten:
        doc.tekst("Het platform heeft geen uitkomsten over u bewaard.")
    for uitkomst in antwoord.uitkomsten:
        wie = uitkomst.organisatie_naam or uitkomst.organisatie
        doc.punt(f"voor {wie}, {_datum(uitkomst.datum)}", uitkomst.soort.capitalize())
        gegevens = "; ".join(f"{k}: {v}" for k, v in uitkomst.gegevens.items() if v is not None)
        doc.tekst(f"   {gegevens}", size=8.5)
        doc.tekst(f"   Hoe: {uitkomst.uitleg}", size=8.5)
        if uitkomst.achtergehouden:
            weg = ", ".join(uitkomst.achtergehouden)
            doc.tekst(f"   Weggelaten (gegevens van een ander): {weg}", size=8.5)
    doc.kop("Wie uw gegevens gebruikte, wanneer en waarom")
    gebruik = [v for v in antwoord.verwerkingen if v.vertrouwelijk is None]  # see the module
    if not gebruik:
        doc.tekst("Er is geen gebruik van uw gegevens vastgelegd.")
    rijen: list[tuple[str, ...]] = [("Wanneer", "Organisatie", "Waarvoor", "Grondslag")]
    rijen += [
        (
            v.tijdstip.date().isoformat(),
            v.organisatie_naam or v.organisatie,
            v.handeling,
            v.grondslag,
        )
        for v in gebruik
    ]
    if gebruik:
        doc.tabel(rijen, (22, 38, 60, 50), ("LEFT", "LEFT", "LEFT", "LEFT"), size=8)
    doc.kop("Hoe lang wij gegevens bewaren")
    doc.tekst(antwoord.bewaartermijnen)
    doc.kop("Gegevens van anderen")
    doc.tekst(antwoord.anderen)
    doc.kop("Uw rechten")
    doc.tekst(antwoord.rechten)
    return bytes(doc.output())
