"""Each gemeente's norms for the inkomens- en vermogenstoets (`shared.beleid`). Without them
there is no toets: the norms are the gemeente's own (art. 35 lid 3 leaves them to it)."""

from __future__ import annotations

from shared.beleid import VerplichtBeleidsregister
from shared.models.minimatoets import MinimaBeleid, MinimaBeleidDocument, VastgesteldMinimaBeleid
from shared.storage.containers import MINIMABELEID


class MinimaBeleidRegister(
    VerplichtBeleidsregister[MinimaBeleid, MinimaBeleidDocument, VastgesteldMinimaBeleid]
):
    def __init__(self) -> None:
        super().__init__(
            MINIMABELEID,
            MinimaBeleidDocument,
            MinimaBeleid,
            VastgesteldMinimaBeleid,
            "inkomens-en-vermogenstoets",
            "minimabeleid",
            "deze gemeente heeft geen normen voor de inkomens- en vermogenstoets vastgelegd "
            "(PUT /api/v1/inkomens-en-vermogenstoets/beleid)",
        )
