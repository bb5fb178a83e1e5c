"""Each gemeente's verordening individuele inkomenstoeslag (`shared.beleid`). The law has no
default: without one the toets cannot be done (the raad must set it, art. 8 lid 1 b)."""

from __future__ import annotations

from shared.beleid import Beleidsregister
from shared.errors import NotFound
from shared.models.inkomenstoeslag import (
    InkomenstoeslagBeleid,
    InkomenstoeslagBeleidDocument,
    VastgesteldInkomenstoeslagBeleid,
)
from shared.security.access import Caller
from shared.storage.containers import INKOMENSTOESLAGBELEID

GEEN = (
    "deze gemeente heeft geen verordening individuele inkomenstoeslag vastgelegd "
    "(PUT /api/v1/individuele-inkomenstoeslag/beleid); de wet kent geen standaard"
)


class InkomenstoeslagBeleidRegister(
    Beleidsregister[InkomenstoeslagBeleid, InkomenstoeslagBeleidDocument]
):
    def __init__(self) -> None:
        super().__init__(
            INKOMENSTOESLAGBELEID,
            InkomenstoeslagBeleidDocument,
            "individuele-inkomenstoeslag",
            "inkomenstoeslagbeleid",
            lambda _: None,  # the law leaves every choice to the raad; the model bounds it
        )

    def van(self, organisatie: str) -> tuple[VastgesteldInkomenstoeslagBeleid, str]:
        """The gemeente's verordening and its ETag; NotFound when it set none."""
        found = self.eigen(organisatie)
        if found is None:
            raise NotFound(GEEN)
        document, etag = found
        velden = document.model_dump(include=set(InkomenstoeslagBeleid.model_fields))
        return (
            VastgesteldInkomenstoeslagBeleid(
                **velden, organisatie=organisatie, gewijzigd_op=document.gewijzigd_op
            ),
            etag,
        )

    def vastleggen(
        self, caller: Caller, organisatie: str, beleid: InkomenstoeslagBeleid, etag: str | None
    ) -> tuple[VastgesteldInkomenstoeslagBeleid, str]:
        nieuw = self.zet(caller, organisatie, beleid, etag)
        return self.van(organisatie)[0], nieuw
