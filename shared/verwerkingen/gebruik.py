"""What a resident sees of the processing log: who used his data, when, what for, on which
basis and from which sources, newest first, in the fields of a data tracker.

Activities the register marks confidential are withheld by activity, never line by line,
and each withholding is itself on record in the audit log (partition `burgers`), with the
activity and its legal ground, for the bureau's review.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from shared import settings
from shared.bronnen.catalogus import BY_CODE
from shared.models.audit import Resultaat
from shared.models.verwerkingen import Gebruik, GebruikLijst, GebruikQuery, Verwerking
from shared.security import audit
from shared.security.access import BURGERS, Caller
from shared.security.pseudonym import bsn_hash
from shared.storage.toegang import OrganisatieRepository
from shared.storage.verwerkingen import Verwerkingslog
from shared.verwerkingen import vertrouwelijk
from shared.verwerkingen.activiteiten import Verwerkingsactiviteit

BEWAARTERMIJN = (
    "Elk gebruik blijft zo lang zichtbaar als de verwerkingsactiviteit voorschrijft (meestal "
    "twee jaar) en wordt daarna verwijderd."
)

Activiteit = Callable[[str], Verwerkingsactiviteit | None]


def _bron(code: str) -> str:
    bron = BY_CODE.get(code)
    return f"{bron.houder}: {bron.omschrijving}" if bron else code


def gebruik(
    caller: Caller, query: GebruikQuery, activiteit: Activiteit | None = None
) -> GebruikLijst:
    """One page of the uses of the calling resident's data; `activiteit`: the register to
    read them with (default: the register with the confidentiality in force)."""
    activiteit = activiteit or vertrouwelijk.register()
    bsn = caller.identity.subject
    regels, volgende = Verwerkingslog().van(
        bsn_hash(bsn, settings.audit_hash_key()),
        page_size=query.pagina_grootte,
        vervolg=query.vervolg,
    )
    audit.record(
        "inzage gebruik lezen",
        Resultaat.TOEGESTAAN,
        organisatie=BURGERS,
        client_id=caller.identity.client_id,
        bsn=bsn,
    )
    getoond, achtergehouden = _zichtbaar(regels, activiteit)
    for (activiteit_id, grond), aantal in sorted(achtergehouden.items()):
        audit.record(
            "inzage gebruik achtergehouden",
            Resultaat.TOEGESTAAN,
            organisatie=BURGERS,
            client_id=caller.identity.client_id,
            reden=f"{aantal} verwerking(en) van {activiteit_id} achtergehouden: {grond}",
            bsn=bsn,
        )
    namen = OrganisatieRepository().namen(r.ontvanger for r, _ in getoond)
    return GebruikLijst(
        gebruik=[
            Gebruik(
                tijdstip=regel.start_tijd,
                organisatie=regel.ontvanger,
                organisatie_naam=namen[regel.ontvanger],
                handeling=a.naam,
                grondslag=a.grondslag,
                bronnen=[_bron(code) for code in a.bronnen],
                systeem=f"IB-Next, dienst {a.doel.dienst}",
            )
            for regel, a in getoond
        ],
        volgende=volgende,
        bewaartermijn=BEWAARTERMIJN,
    )


def _zichtbaar(
    regels: list[Verwerking], activiteit: Activiteit
) -> tuple[list[tuple[Verwerking, Verwerkingsactiviteit]], Counter[tuple[str, str]]]:
    """The lines shown with their activity, and per withheld activity (its id and ground)
    how many lines were withheld. A line of an activity the register does not know is
    withheld too: what is shown must say what it was for."""
    getoond, achtergehouden = [], Counter[tuple[str, str]]()
    for regel in regels:
        a = activiteit(regel.activiteit)
        if a is None:
            achtergehouden[(regel.activiteit, "niet in het register")] += 1
        elif a.vertrouwelijk:
            achtergehouden[(a.id, a.vertrouwelijk)] += 1
        else:
            getoond.append((regel, a))
    return getoond, achtergehouden
