"""Aan- en afmelden in bulk: a Doorstroompunt's file
`aanleveringen/vsv/{doorstroompunt}/{bestand}`, header `bsn;actie;reden;datum` and closing
line `#aantal;N`, one young person per line: `AANMELDEN` with an aanmeldreden or `AFMELDEN`
with an afmeldreden. Each line is handled as the same request by API would be; a line that
is refused is in the feedback report with its reason, and the others stand.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import ValidationError

from shared.errors import DomainError
from shared.intake.processing import Bestand, Verwerkingsresultaat, bestandskanaal
from shared.intake.regels import regels
from shared.models.vsv import Aanmelding, Afmelding
from shared.security.diensten import VSV_VOLGEN
from shared.validation.identifiers import check_bsn
from shared.vsv.register import Register, registratie_id

KOLOMMEN = ("bsn", "actie", "reden", "datum")
ACTIES = ("AANMELDEN", "AFMELDEN")


def _reden(error: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())


def process(bestand: Bestand, lines: Iterator[str]) -> Verwerkingsresultaat:
    """A `Processor` for `aanleveringen/vsv/{doorstroompunt}/{bestand}`."""
    result = Verwerkingsresultaat()
    caller = bestandskanaal(bestand, VSV_VOLGEN)
    register = Register()
    for regel, velden in regels(lines, KOLOMMEN, result, "aan- of afmeldingen"):
        if velden is None:
            continue
        actie = velden["actie"]
        if actie not in ACTIES:
            result.afkeuren(regel, f"actie moet zijn: {' of '.join(ACTIES)}")
            continue
        try:
            bsn = check_bsn(velden["bsn"])
            reden_en_datum = {"reden": velden["reden"], "datum": velden["datum"]}
            if actie == "AANMELDEN":
                aanmelding = Aanmelding.model_validate({"bsn": bsn, **reden_en_datum})
                register.aanmelden(caller, aanmelding)
            else:
                afmelding = Afmelding.model_validate(reden_en_datum)
                register.afmelden(caller, registratie_id(bsn), afmelding)
        except ValueError as error:  # a BSN, reason or date that is not one
            reden = _reden(error) if isinstance(error, ValidationError) else str(error)
            result.afkeuren(regel, reden)
        except DomainError as error:
            result.afkeuren(regel, error.detail)
    return result
