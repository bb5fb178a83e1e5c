"""The answer to an access request: everything held on the person, every outcome produced on
him with its logic, and every processing of his data (AVG art. 15 lid 1 and 3).

Other people's data are left out (art. 15 lid 4): of the sources only the person's own
records, with another person's BSN replaced; of a calculation the fields about the partner
(and the taxable income, which holds the partner's); a signal only when its fact is about him
(a signal about his partner is the partner's, and is in the partner's own answer), and never
its evidence, which can hold a housemate's data (a reading: the gemeente that received the
signal can show him the evidence about himself). Each left-out field is named in
`achtergehouden`. Confidential processing activities are in the answer, marked with their
ground, for the operators who decide on release; the resident's letter and his own usage
view never show them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from shared import settings
from shared.bronnen.catalogus import BY_CODE
from shared.bronnen.catalogus import CATALOGUS as BRONCATALOGUS
from shared.bronnen.publicatie import publicaties
from shared.bronnen.raadplegen import Bronnen, Stand
from shared.kwijtschelding.opslag import Toetsingen
from shared.models.inzage import (
    Brongegevens,
    InzageAntwoord,
    Inzageverzoek,
    UitkomstOverU,
    Verwerkingsregel,
)
from shared.security.pseudonym import bsn_hash
from shared.storage import clients
from shared.storage.containers import (
    BVV_BEREKENINGEN,
    SIGNALEN,
    VSV_REGISTER,
    VSV_SIGNALEN,
    WLZ_SIGNALEN,
    CosmosContainer,
)
from shared.storage.toegang import OrganisatieRepository
from shared.storage.verwerkingen import Verwerkingslog
from shared.verwerkingen import vertrouwelijk
from shared.verwerkingen.gebruik import Activiteit

EEN_ANDER = "een andere persoon"
RECHTEN = (
    "U kunt ons vragen gegevens te verbeteren of aan te vullen (AVG art. 16), te wissen (art. "
    "17) of het gebruik ervan te beperken (art. 18), en u kunt bezwaar maken tegen het gebruik "
    "(art. 21). Gegevens uit een bron (zoals de BRP of de polisadministratie) laat u verbeteren "
    "bij de organisatie die de bron bijhoudt. U kunt een klacht indienen bij de Autoriteit "
    "Persoonsgegevens (art. 77) of naar de rechter gaan (art. 79)."
)
ANDEREN = (
    "Gegevens van andere mensen, zoals uw partner of huisgenoten, staan niet in dit overzicht "
    "(AVG art. 15 lid 4). Uit de bronnen staan alleen de gegevens die over u gaan; waar een "
    "bron naar een ander verwijst, staat er 'een andere persoon' in plaats van diens "
    "burgerservicenummer. Bij een uitkomst staat onder 'achtergehouden' welk gegeven is "
    "weggelaten, zonder dat gegeven zelf. Het bewijs bij een signaal staat er niet in, omdat "
    "het gegevens van huisgenoten kan bevatten; de gemeente die het signaal kreeg, kan u het "
    "bewijs over uzelf laten zien."
)
BEWAARTERMIJNEN = (
    "Kopieën van de bronnen bewaart het platform 400 dagen na de datum van de stand. Uitkomsten "
    "(berekeningen, toetsingen, signalen) twee jaar. Het gebruik van uw gegevens zo lang als "
    "de verwerkingsactiviteit voorschrijft, hieronder per gebruik. Dit zijn termijnen van het "
    "platform zelf; er is geen wettelijke termijn voor."
)
UITLEG = {
    "beslagvrije voet": (
        "De beslagvrije voet is het deel van uw inkomen dat bij beslag of verrekening niet mag "
        "worden afgenomen. Het platform berekende dit bedrag met de regels van het Wetboek van "
        "Burgerlijke Rechtsvordering (art. 475c tot en met 475fa), uit uw inkomen, uw "
        "leefsituatie en uw woonkosten zoals de bronnen en de organisatie die opgaven. De "
        "organisatie die beslag legt of verrekent, besluit zelf; het platform besluit niets."
    ),
    "signaal rechtmatigheid": (
        "Het platform vergelijkt de bijstandsontvangers die de gemeente opgeeft met de bronnen. "
        "Een signaal betekent dat een bron een feit meldt dat van belang kan zijn voor het "
        "recht op bijstand (Participatiewet art. 17 en 64), zoals inkomen, een uitkering of "
        "detentie. Een signaal is geen besluit: de gemeente onderzoekt het en beslist zelf."
    ),
    "kwijtschelding": (
        "Het platform toetste of u kwijtschelding van de belasting kunt krijgen, met de regels "
        "van de Uitvoeringsregeling Invorderingswet 1990 (art. 10 tot en met 17): uw netto "
        "besteedbaar inkomen wordt vergeleken met de kosten van bestaan en uw vermogen getoetst. "
        "De gemeente of het waterschap beslist over uw verzoek."
    ),
    "vsv": (
        "Het Doorstroompunt van uw regio volgt jongeren zonder startkwalificatie (Wet educatie "
        "en beroepsonderwijs art. 9.2.4 en 9.2.5). Het platform meldt wanneer werk of een "
        "uitkering begint of eindigt en geeft wekelijks een prioriteit (1 tot 5) volgens de "
        "gepubliceerde regels: werk, uitkering en het loon per maand tegenover een drempel. Het "
        "Doorstroompunt bepaalt zelf of en hoe het contact opneemt."
    ),
    "signaal wlz": (
        "Het platform vergelijkt de Wmo-voorzieningen die de gemeente toewees met het "
        "Wlz-register van het CIZ. Een signaal betekent dat u naast een Wlz-indicatie een "
        "Wmo-voorziening heeft; de gemeente onderzoekt dat en beslist zelf."
    ),
}


def eigen_records(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The person's own records without his BSN, another's BSN replaced (art. 15 lid 4)."""
    return [
        {
            sleutel: (EEN_ANDER if waarde and sleutel.endswith("_bsn") else waarde)
            for sleutel, waarde in record.items()
            if sleutel != "bsn"
        }
        for record in records
    ]


def _query(container: CosmosContainer, sql: str, waarde: str) -> Iterator[dict[str, Any]]:
    items = (
        clients.cosmos_database()
        .get_container_client(container.name)
        .query_items(
            sql, parameters=[{"name": "@p", "value": waarde}], enable_cross_partition_query=True
        )
    )
    yield from items


def _uitkomst(
    soort: str,
    organisatie: str,
    datum: str,
    gegevens: dict[str, Any],
    achtergehouden: list[str] | None = None,
) -> UitkomstOverU:
    return UitkomstOverU(
        soort=soort,
        organisatie=organisatie,
        datum=datum,
        gegevens=gegevens,
        uitleg=UITLEG[soort],
        achtergehouden=achtergehouden or [],
    )


def _bvv(gehasht: str) -> Iterator[UitkomstOverU]:
    for doc in _query(BVV_BEREKENINGEN, "SELECT * FROM c WHERE c.bsnHash = @p", gehasht):
        invoer = doc.get("invoer", {})
        partner = sorted(k for k in invoer if "partner" in k.lower())
        if partner or "GEHUWD" in str(invoer.get("leefsituatie", "")).upper():
            partner = sorted({*partner, "belastbaarJaarinkomen"} & invoer.keys())  # joint
        yield _uitkomst(
            "beslagvrije voet",
            doc["organisatie"],
            str(doc.get("peildatum")),
            {
                "beslagvrijeVoet": doc.get("beslagvrijeVoet"),
                "geldigTot": doc.get("geldigTot"),
                "invoer": {k: v for k, v in invoer.items() if k not in partner},
            },
            [f"invoer.{k}" for k in partner],
        )


def _signalen(bsn: str) -> Iterator[UitkomstOverU]:
    """Signals whose fact is about him, whether he or his partner is the recipient."""
    for doc in _query(SIGNALEN, "SELECT * FROM c WHERE c.betrokkeneBsn = @p", bsn):
        yield _uitkomst(
            "signaal rechtmatigheid",
            doc["organisatie"],
            str(doc.get("geleverdOp")),
            {"type": doc.get("type"), "omschrijving": doc.get("omschrijving")},
            ["bewijs"],
        )


def _kwijtschelding(bsn: str) -> Iterator[UitkomstOverU]:
    for toetsing in Toetsingen().van_persoon(bsn):
        uitkomst = toetsing.uitkomst
        yield _uitkomst(
            "kwijtschelding",
            toetsing.organisatie,
            str(uitkomst.peildatum),
            uitkomst.model_dump(
                mode="json", by_alias=True, include={"uitkomst", "kwijtschelding", "te_betalen"}
            ),
        )


def _vsv(bsn: str) -> Iterator[UitkomstOverU]:
    for doc in _query(VSV_REGISTER, "SELECT * FROM c WHERE c.bsn = @p", bsn):
        for punt in {g["doorstroompunt"] for g in doc.get("geschiedenis", [])}:
            yield _uitkomst(
                "vsv",
                punt,
                str(doc.get("aangemeldOp")),
                {
                    "geschiedenis": [g for g in doc["geschiedenis"] if g["doorstroompunt"] == punt],
                    "prioriteit": doc.get("prioriteit")
                    if doc.get("doorstroompunt") == punt
                    else None,
                },
            )
    for doc in _query(VSV_SIGNALEN, "SELECT * FROM c WHERE c.bsn = @p", bsn):
        yield _uitkomst(
            "vsv",
            doc["doorstroompunt"],
            str(doc.get("bronPeildatum")),
            {k: doc.get(k) for k in ("soort", "gebeurtenis", "bron", "omschrijving")},
        )


def _wlz(bsn: str) -> Iterator[UitkomstOverU]:
    for doc in _query(WLZ_SIGNALEN, "SELECT * FROM c WHERE c.bsn = @p", bsn):
        yield _uitkomst(
            "signaal wlz",
            doc["gemeente"],
            str(doc.get("indicatieBegindatum")),
            {k: doc.get(k) for k in ("zorgprofiel", "indicatieBegindatum")},
        )


def _verwerkingen(gehasht: str, register: Activiteit) -> Iterator[Verwerkingsregel]:
    log, vervolg = Verwerkingslog(), None
    while True:
        regels, vervolg = log.van(gehasht, page_size=1000, vervolg=vervolg)
        for regel in regels:
            activiteit = register(regel.activiteit)
            yield Verwerkingsregel(
                tijdstip=regel.start_tijd,
                organisatie=regel.ontvanger,
                handeling=activiteit.naam if activiteit else regel.activiteit,
                grondslag=activiteit.grondslag if activiteit else "",
                bronnen=list(activiteit.bronnen) if activiteit else [],
                bewaartermijn=activiteit.bewaartermijn_bron if activiteit else "",
                vertrouwelijk=(activiteit.vertrouwelijk if activiteit else "niet in het register"),
            )
        if vervolg is None:
            return


def _alle_standen(bsn: str) -> list[Stand]:
    """His records in every snapshot the platform still holds, not only those in force: a
    copy of each is personal data held (newest first per source)."""
    per_dag: dict[date, list[str]] = defaultdict(list)
    for bron in BRONCATALOGUS:
        publicatie = publicaties().publicatie(bron.code)
        for snapshot in publicatie.snapshots if publicatie else []:
            per_dag[snapshot.peildatum].append(bron.code)
    bronnen = Bronnen()
    standen = [s for dag, codes in per_dag.items() for s in bronnen.persoon(bsn, dag, codes)]
    return sorted(
        standen,
        key=lambda s: (s.bron, -(s.snapshot.peildatum.toordinal() if s.snapshot else 0)),
    )


def samenstellen(
    verzoek: Inzageverzoek,
    antwoord_id: str,
    moment: datetime,
    register: Activiteit | None = None,
) -> InzageAntwoord:
    """`register`: default the register with the confidentiality in force."""
    gehasht = bsn_hash(verzoek.bsn, settings.audit_hash_key())
    standen = _alle_standen(verzoek.bsn)
    gegevens = [
        Brongegevens(
            bron=s.bron,
            houder=BY_CODE[s.bron].houder,
            omschrijving=BY_CODE[s.bron].omschrijving,
            peildatum=s.snapshot.peildatum if s.snapshot else None,
            records=eigen_records([r.model_dump(mode="json") for r in s.records]),
        )
        for s in standen
        if s.records
    ]
    uitkomsten = [
        *_bvv(gehasht),
        *_signalen(verzoek.bsn),
        *_kwijtschelding(verzoek.bsn),
        *_vsv(verzoek.bsn),
        *_wlz(verzoek.bsn),
    ]
    verwerkingen = list(_verwerkingen(gehasht, register or vertrouwelijk.register()))
    namen = OrganisatieRepository().namen(
        [u.organisatie for u in uitkomsten] + [v.organisatie for v in verwerkingen]
    )
    return InzageAntwoord(
        id=antwoord_id,
        verzoek=verzoek.id,
        samengesteld_op=moment,
        gegevens=gegevens,
        uitkomsten=[
            u.model_copy(update={"organisatie_naam": namen[u.organisatie]}) for u in uitkomsten
        ],
        verwerkingen=[
            v.model_copy(update={"organisatie_naam": namen[v.organisatie]}) for v in verwerkingen
        ],
        rechten=RECHTEN,
        anderen=ANDEREN,
        categorieen=sorted(
            {f"{g.houder}: {g.omschrijving}" for g in gegevens} | {u.soort for u in uitkomsten}
        ),
        bewaartermijnen=BEWAARTERMIJNEN,
    )
