"""The file channel's valet key: an upload grant (uploadmachtiging) for one blob, for minutes.

An organisation's system asks the API for a grant; the answer holds a SAS URL that can
create and write exactly one blob, `aanleveringen/{dienst}/{organisatie}/{bestandsnaam}`,
until `verloopt`. The intake processes a file only under a grant that was valid when the
blob was written, and records on the delivery who asked for it.
"""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import Field, field_validator

from shared.models.base import ApiModel

BESTANDSNAAM_MAX = 100
"""The longest file name a grant is given for (the blob path stays far below Azure's 1024)."""
BESTANDSNAAM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
BESTANDSNAAM_SCHEMA = r"^[A-Za-z0-9]([A-Za-z0-9_-]|\.[A-Za-z0-9_-])*\.?$"
"""The same rule as `waarom_geen_bestandsnaam` (no `..`) as one pattern, for the document."""
BESTANDSDIENST_NAMEN = (
    "proefaanlevering",
    "kwijtschelding",
    "rechtmatigheid",
    "ggk",
    "inkomens-en-vermogenstoets",
    "proactieve-dienstverlening",
    "vsv",
)
"""The services that take files (`shared.intake.uploads.BESTANDSDIENSTEN`)."""
"""ASCII letters and digits, then also `.`, `_` and `-`: no path separator, no space, no
character a file system or URL reads differently; the first is a letter or digit."""


def waarom_geen_bestandsnaam(naam: str) -> str | None:
    """Why `naam` is not a file name a grant is given for, or None.

    >>> waarom_geen_bestandsnaam("aanvragen-2026-12.csv") is None
    True
    >>> waarom_geen_bestandsnaam("../GM0344/a.csv")
    'alleen letters, cijfers, punt, liggend streepje en minteken; begint met een letter of cijfer'
    >>> waarom_geen_bestandsnaam("a..csv")
    'twee punten achter elkaar zijn niet toegestaan'
    """
    if not naam or len(naam) > BESTANDSNAAM_MAX:
        return f"tussen 1 en {BESTANDSNAAM_MAX} tekens"
    if not BESTANDSNAAM.fullmatch(naam):
        return (
            "alleen letters, cijfers, punt, liggend streepje en minteken; "
            "begint met een letter of cijfer"
        )
    if ".." in naam:
        return "twee punten achter elkaar zijn niet toegestaan"
    return None


class UploadAanvraag(ApiModel):
    """What a system sends to get an upload grant."""

    dienst: str = Field(
        description="The service the file is for, e.g. `kwijtschelding`.",
        json_schema_extra={"enum": list(BESTANDSDIENST_NAMEN)},
    )
    bestandsnaam: str = Field(
        min_length=1,
        max_length=BESTANDSNAAM_MAX,
        json_schema_extra={"pattern": BESTANDSNAAM_SCHEMA},
        description=(
            "The file's name: ASCII letters, digits, `.`, `_` and `-`, starting with a letter "
            f"or digit, no `..`, at most {BESTANDSNAAM_MAX} characters."
        ),
    )

    @field_validator("bestandsnaam")
    @classmethod
    def _veilige_naam(cls, naam: str) -> str:
        reden = waarom_geen_bestandsnaam(naam)
        if reden:
            raise ValueError(reden)
        return naam


class Upload(ApiModel):
    """The stored grant: who asked, for which blob, until when, and what became of it."""

    id: str
    organisatie: str = Field(
        description="Whose folder the blob is in: the caller's organisation, or the gemeente "
        "it acts for under a mandate (partition key)."
    )
    aanvrager: str = Field(description="The organisation of the system that asked.")
    client_id: str = Field(description="The client id of the system that asked.")
    dienst: str
    bestandsnaam: str
    blobpad: str = Field(description="`aanleveringen/{dienst}/{organisatie}/{bestandsnaam}`.")
    uitgegeven: datetime
    verloopt: datetime
    aanlevering: str | None = Field(
        default=None,
        description="The delivery the uploaded file became, once the intake has registered it.",
    )


class UploadMachtiging(ApiModel):
    """The answer to a grant request: where to write the file, and how to follow it."""

    upload: Upload
    upload_url: str = Field(
        description="A SAS URL that can create and write this one blob (no read, no list) "
        "until `verloopt`."
    )
    sas_soort: str = Field(
        description="`user-delegation` (Azure, signed with an Entra ID key) or `service` "
        "(locally: Azurite, signed with the emulator's account key)."
    )
    volgen: str = Field(
        description="The API path that names the delivery (`aanlevering`) once the file is in."
    )


class UploadHerkomst(ApiModel):
    """On a delivery: the grant it was uploaded under, and who asked for it."""

    upload: str = Field(description="The grant's id.")
    aanvrager: str
    client_id: str
    uitgegeven: datetime
    verloopt: datetime
