"""The basisberekening as a PDF a debtor can read: every amount with its legal ground."""

from __future__ import annotations

from decimal import Decimal

from fpdf import FPDF

from shared.models.bvv import Berekening
from shared.models.uitleg import Herkomst

LEEFSITUATIES = {
    "ALLEENSTAANDE": "alleenstaande",
    "ALLEENSTAANDE_OUDER": "alleenstaande ouder",
    "GEHUWD_ZONDER_KINDEREN": "gehuwd of samenwonend, zonder kinderen",
    "GEHUWD_MET_KINDEREN": "gehuwd of samenwonend, met kinderen",
}


def euro(amount: Decimal) -> str:
    """Dutch notation.

    >>> euro(Decimal("2191.42"))
    'EUR 2.191,42'
    """
    text = f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"EUR {text}"


def _latin(text: str) -> str:
    """The PDF core fonts know Latin-1 only; other symbols are written out."""
    plain = text.replace("×", "x").replace("−", "-").replace("€", "EUR")
    return plain.encode("latin-1", "replace").decode("latin-1")


def _herkomst(herkomst: Herkomst) -> str:
    if herkomst.herkomst == "opgegeven":
        return "opgegeven"
    if herkomst.herkomst == "aangenomen":
        return herkomst.toelichting or "aangenomen"
    periode = f", {herkomst.periode}" if herkomst.periode else ""
    return f"bron {herkomst.bron}{periode}"


class _Document:
    def __init__(self) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.set_title("Berekening beslagvrije voet")
        self.pdf.add_page()

    def line(self, text: str, size: int = 9, bold: bool = False) -> None:
        self.pdf.set_font("Helvetica", "B" if bold else "", size)
        self.pdf.multi_cell(0, size * 0.55, _latin(text), new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str) -> None:
        self.pdf.ln(2)
        self.line(text, 10, bold=True)


def basisberekening(berekening: Berekening) -> bytes:
    doc = _Document()
    doc.line("Berekening beslagvrije voet", 15, bold=True)
    doc.line(
        f"Peildatum {berekening.peildatum.isoformat()}, geldig tot "
        f"{berekening.geldig_tot.isoformat()}",
        10,
    )
    doc.line(f"Leefsituatie: {LEEFSITUATIES[berekening.invoer.leefsituatie.value]}", 10)
    doc.line(f"Kenmerk: {berekening.id}", 10)
    doc.heading(f"Beslagvrije voet per maand: {euro(berekening.beslagvrije_voet)}")
    doc.line(
        f"Ruimte voor beslag (aflossingscapaciteit): {euro(berekening.aflossingscapaciteit)}",
        10,
        bold=True,
    )
    doc.heading("Zo is het bedrag opgebouwd")
    for onderdeel in berekening.onderdelen:
        doc.line(f"{onderdeel.omschrijving}: {euro(onderdeel.bedrag)} ({onderdeel.artikel})")
    doc.heading("Gebruikte gegevens")
    for herkomst in berekening.bronnen:
        doc.line(f"{herkomst.invoer}: {_herkomst(herkomst)}")
    if berekening.waarschuwingen:
        doc.heading("Let op")
        for waarschuwing in berekening.waarschuwingen:
            doc.line(f"- {waarschuwing}")
    doc.heading("Bedragen uit de wet en hun bron")
    for p in berekening.parameters:
        doc.line(f"{p.naam} = {p.waarde} (vanaf {p.ingang}; {p.artikel}; {p.bron})", 7)
    return bytes(doc.pdf.output())
