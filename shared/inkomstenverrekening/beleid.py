"""Each gemeente's choices for the inkomstenverrekening (`shared.beleid`): without them it
receives no inkomstenverrekening (the choice for holiday pay has no default in the law)."""

from __future__ import annotations

from shared.beleid import VerplichtBeleidsregister
from shared.models.inkomstenverrekening import (
    InkomstenverrekeningBeleid,
    InkomstenverrekeningBeleidDocument,
    VastgesteldInkomstenverrekeningBeleid,
)
from shared.storage.containers import INKOMSTENVERREKENINGBELEID


class InkomstenverrekeningBeleidRegister(
    VerplichtBeleidsregister[
        InkomstenverrekeningBeleid,
        InkomstenverrekeningBeleidDocument,
        VastgesteldInkomstenverrekeningBeleid,
    ]
):
    def __init__(self) -> None:
        super().__init__(
            INKOMSTENVERREKENINGBELEID,
            InkomstenverrekeningBeleidDocument,
            InkomstenverrekeningBeleid,
            VastgesteldInkomstenverrekeningBeleid,
            "inkomstenverrekening",
            "inkomstenverrekeningbeleid",
            "deze gemeente heeft geen keuzes voor de inkomstenverrekening vastgelegd "
            "(PUT /api/v1/inkomstenverrekening/beleid) en krijgt er geen",
        )
