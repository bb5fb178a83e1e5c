"""Each gemeente's verordening individuele inkomenstoeslag (`shared.beleid`). The law has no
default: without one the toets cannot be done (the raad must set it, art. 8 lid 1 b)."""

from __future__ import annotations

from shared.beleid import VerplichtBeleidsregister
from shared.models.inkomenstoeslag import (
    InkomenstoeslagBeleid,
    InkomenstoeslagBeleidDocument,
    VastgesteldInkomenstoeslagBeleid,
)
from shared.storage.containers import INKOMENSTOESLAGBELEID


class InkomenstoeslagBeleidRegister(
    VerplichtBeleidsregister[
        InkomenstoeslagBeleid, InkomenstoeslagBeleidDocument, VastgesteldInkomenstoeslagBeleid
    ]
):
    def __init__(self) -> None:
        super().__init__(
            INKOMENSTOESLAGBELEID,
            InkomenstoeslagBeleidDocument,
            InkomenstoeslagBeleid,
            VastgesteldInkomenstoeslagBeleid,
            "individuele-inkomenstoeslag",
            "inkomenstoeslagbeleid",
            "deze gemeente heeft geen verordening individuele inkomenstoeslag vastgelegd "
            "(PUT /api/v1/individuele-inkomenstoeslag/beleid); de wet kent geen standaard",
        )
