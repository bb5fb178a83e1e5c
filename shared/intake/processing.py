"""What a service's processor receives and returns."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from azure.storage.blob import BlobClient

from shared.models.aanlevering import Afkeuring
from shared.security.access import Caller, Dienstgebruik
from shared.security.diensten import Doel
from shared.security.tokens import Identity


class FileRejected(Exception):
    """The file as a whole is not accepted (empty, wrong header, wrong organisation …).

    `resultaat` carries the counts when the file was read to its end before the verdict.
    """

    def __init__(
        self, *afkeuringen: Afkeuring, resultaat: Verwerkingsresultaat | None = None
    ) -> None:
        self.afkeuringen = list(afkeuringen)
        self.resultaat = resultaat
        super().__init__("; ".join(a.reden for a in afkeuringen))


@dataclass(frozen=True)
class Bestand:
    """A delivered file, as the path `aanleveringen/{dienst}/{organisatie}/{bestandsnaam}` says."""

    dienst: str
    organisatie: str
    bestandsnaam: str
    delivery_id: str
    correlation_id: str


def bestandskanaal(bestand: Bestand, doel: Doel) -> Caller:
    """Who a delivered file acts as: the organisation whose folder it is (the upload grant
    tied the file to it; the intake refuses a file without one), with the delivery named as
    the client in the audit."""
    kanaal = f"bestandskanaal {bestand.delivery_id}"
    return Caller(
        Identity(kanaal, frozenset(), kanaal),
        bestand.organisatie,
        bestand.organisatie,
        Dienstgebruik(doel),
    )


@dataclass
class Verwerkingsresultaat:
    aantal_records: int = 0
    afkeuringen: list[Afkeuring] = field(default_factory=list)
    aantal_afgekeurd: int = 0
    """All rejected records; `afkeuringen` keeps only the first `MAX_AFKEURINGEN` reasons."""

    MAX_AFKEURINGEN = 10_000

    def afkeuren(self, regel: int, reden: str) -> None:
        self.aantal_afgekeurd += 1
        if len(self.afkeuringen) < self.MAX_AFKEURINGEN:
            self.afkeuringen.append(Afkeuring(regel=regel, reden=reden))

    def voeg_samen(self, deel: Verwerkingsresultaat) -> None:
        """The rejections of a part of the same file, read after those already here."""
        self.aantal_afgekeurd += deel.aantal_afgekeurd
        ruimte = self.MAX_AFKEURINGEN - len(self.afkeuringen)
        self.afkeuringen.extend(deel.afkeuringen[: max(0, ruimte)])

    @property
    def aantal_goedgekeurd(self) -> int:
        return self.aantal_records - self.aantal_afgekeurd


@dataclass(frozen=True)
class BlobVerwerking:
    """A service's handling of one delivered file as bytes (XML, a zip), not as lines: it
    reads the blob itself, within the same rules as a `Processor`."""

    verwerk: Callable[[Bestand, BlobClient], Verwerkingsresultaat]


class Processor(Protocol):
    """A service's handling of one delivered file, line by line.

    It raises `FileRejected` for a file that is wrong as a whole and
    `shared.storage.blobs.UnreadableFile` for one that cannot be read; any other
    error is a failure of ours, retried by the trigger.
    """

    def __call__(self, bestand: Bestand, lines: Iterator[str]) -> Verwerkingsresultaat: ...
