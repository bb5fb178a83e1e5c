"""The platform's printable documents: A4, Helvetica, in plain Dutch for a resident."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.fonts import FontFace


def pdf_tekst(text: str) -> str:
    """The core fonts write Windows-1252; a symbol outside it is written out."""
    plain = text.replace("−", "-").replace("≥", ">=").replace("≤", "<=").replace("€ ", "€\u00a0")
    return plain.encode("cp1252", "replace").decode("cp1252")


class Document(FPDF):
    """A4 in Helvetica; every page but the first names the document and its reference."""

    GRIJS = (90, 90, 90)
    ACCENT = (21, 66, 115)
    VLAK = (232, 240, 248)

    def __init__(self, titel: str, kenmerk: str) -> None:
        super().__init__(format="A4")
        self.titel = titel
        self.kenmerk = kenmerk
        self.core_fonts_encoding = "windows-1252"
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=18)
        self.set_title(titel)
        self.set_lang("nl")
        self.add_page()

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font("Helvetica", "", 8)
            self.set_text_color(*self.GRIJS)
            self.cell(0, 5, pdf_tekst(f"{self.titel} - kenmerk {self.kenmerk}"))
            self.ln(8)
            self.set_text_color(0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(*self.GRIJS)
        self.cell(0, 5, f"Pagina {self.page_no()} van {{nb}}", align="C")
        self.set_text_color(0)

    def tekst(self, text: str, size: float = 10, style: str = "", kleur: int = 0) -> None:
        self.set_font("Helvetica", style, size)
        self.set_text_color(kleur)
        self.multi_cell(0, size * 0.5, pdf_tekst(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0)

    def kop(self, text: str, ruimte: float = 45) -> None:
        """A section heading, on a new page when less than `ruimte` mm is left."""
        if self.get_y() > self.h - ruimte:
            self.add_page()
        self.ln(4)
        self.set_font("Helvetica", "B", 12.5)
        self.set_text_color(*self.ACCENT)
        self.multi_cell(0, 7, pdf_tekst(text), new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*self.ACCENT)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_text_color(0)
        self.ln(2)

    def punt(self, text: str, titel: str | None = None) -> None:
        """A bullet; its `titel` in bold (our own text, so markdown cannot misfire)."""
        self.set_font("Helvetica", "", 10)
        self.cell(5, 5, pdf_tekst("•"))
        regel = f"**{titel}** {text}" if titel else text
        self.multi_cell(
            0,
            5,
            pdf_tekst(regel),
            align="L",
            markdown=titel is not None,
            new_x="LMARGIN",
            new_y="NEXT",
        )
        self.ln(1)

    def tabel(
        self,
        rows: list[tuple[str, ...]],
        widths: tuple[int, ...],
        align: tuple[str, ...],
        size: float = 9,
        laatste_vet: bool = False,
    ) -> None:
        self.set_font("Helvetica", "", size)
        with self.table(
            col_widths=widths,
            text_align=align,
            line_height=size * 0.5,
            borders_layout="HORIZONTAL_LINES",
            headings_style=FontFace(emphasis="BOLD", fill_color=self.VLAK),
            padding=(1.2, 1.5),
            v_align="TOP",
        ) as table:
            for n, cells in enumerate(rows):
                style = FontFace(emphasis="BOLD") if laatste_vet and n == len(rows) - 1 else None
                row = table.row(style=style)
                for cell in cells:
                    row.cell(pdf_tekst(cell))
        self.ln(1)
