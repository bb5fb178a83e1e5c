"""Every Cosmos container and blob container the code uses, declared once.

The local provisioning creates exactly these; the infrastructure declares the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class CosmosContainer:
    name: str
    partition_key: str
    default_ttl_seconds: int | None = None
    """None: documents never expire; set where personal data has a retention period; -1:
    each document carries its own `ttl`."""
    excluded_paths: tuple[str, ...] = ()
    """Paths kept out of the index: read only with the document, never queried on."""


AANLEVERINGEN = CosmosContainer(name="aanleveringen", partition_key="/organisatie")
ORGANISATIES = CosmosContainer(name="organisaties", partition_key="/organisatie")
AANSLUITINGEN = CosmosContainer(name="aansluitingen", partition_key="/organisatie")
KOPPELINGEN = CosmosContainer(name="koppelingen", partition_key="/clientId")
AUDIT = CosmosContainer(name="audit", partition_key="/organisatie", default_ttl_seconds=-1)
"""Append-only: only `shared.storage.audit` writes here, and only creates. Each entry carries
the term of its processing activity as its `ttl` (Cosmos removes it then; nobody else can)."""
BRONFEITEN = CosmosContainer(
    name="bronfeitenperemmer",
    partition_key="/emmer",
    default_ttl_seconds=400 * 24 * 3600,
    excluded_paths=("/records/*",),
)
"""What each source holds on one person, per snapshot, in the person's emmer (a snapshot
published before the persons' emmers: in its own emmers; `shared.storage.emmers`, written a
hundred at a time). Sources refresh monthly; a snapshot is kept 400 days (a year of
reference dates plus a month), then Cosmos removes it. This is the platform's retention
policy for copies of source data, not a legal term."""
BRONFEITEN_PER_BSN = CosmosContainer(
    name="bronfeiten",
    partition_key="/bsn",
    default_ttl_seconds=BRONFEITEN.default_ttl_seconds,
    excluded_paths=("/records/*",),
)
"""The same, for snapshots published before the emmers (`Snapshot.emmers` is None):
partitioned by BSN, one request per document. Only read; nothing is written here any more,
and its last documents expire 400 days after the last such snapshot."""
BRONADRESSEN = CosmosContainer(
    name="bronadressenperemmer",
    partition_key="/emmer",
    default_ttl_seconds=BRONFEITEN.default_ttl_seconds,
    excluded_paths=("/bewoners/*",),
)
"""The address index of a source snapshot (`Bron.adresindex`): per address where two or more
persons are registered, their BSNs, in the snapshot's emmers. The address is stored only as a
keyed hash (`adres`, and through it the id), never in plain. Kept as long as `BRONFEITEN`: a
copy of the same source data."""
BRONADRESSEN_PER_ADRES = CosmosContainer(
    name="bronadressen",
    partition_key="/adres",
    default_ttl_seconds=BRONFEITEN.default_ttl_seconds,
    excluded_paths=("/bewoners/*",),
)
"""The address index of snapshots published before the emmers, partitioned by the hashed
address. Only read, as `BRONFEITEN_PER_BSN`."""
BRONSNAPSHOTS = CosmosContainer(
    name="bronsnapshots", partition_key="/bron", excluded_paths=("/snapshots/*",)
)
SIGNALEN = CosmosContainer(
    name="signalen",
    partition_key="/organisatie",
    default_ttl_seconds=2 * 365 * 24 * 3600,
    excluded_paths=("/bewijs/*",),
)
"""Rechtmatigheid signals per gemeente, kept two years (a policy of the platform)."""
SIGNAALINDEX = CosmosContainer(
    name="signaalindex",
    partition_key="/organisatie",
    default_ttl_seconds=2 * 365 * 24 * 3600,
    excluded_paths=("/hashes/*",),
)
"""Per gemeente, the content hash of every signal delivered (`rechtmatigheid.signaalindex`);
no personal data: the keys are signal ids, themselves hashes. Kept as long as the signals."""
BVV_BEREKENINGEN = CosmosContainer(
    name="bvvberekeningen", partition_key="/organisatie", default_ttl_seconds=2 * 365 * 24 * 3600
)
"""Beslagvrije-voet calculations per organisation. A calculation is valid 12 months (Rv 475d
lid 3); it is kept two years so a decision made on it can still be explained, then Cosmos
removes it. A retention policy of the platform, not a legal term."""
"""Per source, which snapshots are published (the current one first)."""

KWIJTSCHELDINGSBELEID = CosmosContainer(name="kwijtscheldingsbeleid", partition_key="/organisatie")
"""Per organisation its kwijtschelding policy (one document; its changes are in the audit log)."""
INKOMENSTOESLAGBELEID = CosmosContainer(name="inkomenstoeslagbeleid", partition_key="/organisatie")
"""Per gemeente its individuele-inkomenstoeslag verordening (one document; changes audited)."""
MINIMABELEID = CosmosContainer(name="minimabeleid", partition_key="/organisatie")
"""Per gemeente the norms of its inkomens- en vermogenstoets (one document; changes audited)."""
INKOMSTENVERREKENINGBELEID = CosmosContainer(
    name="inkomstenverrekeningbeleid", partition_key="/organisatie"
)
"""Per gemeente its choices for the inkomstenverrekening (one document; changes audited)."""
KWIJTSCHELDINGEN = CosmosContainer(
    name="kwijtscheldingen",
    partition_key="/organisatie",
    default_ttl_seconds=2 * 365 * 24 * 3600,
    excluded_paths=("/toetsingen/*",),
)
"""Per organisation the tested households of batch files, kept two years (a policy of the
platform: long enough to explain a decision and to renew it the next year)."""

UPLOADS = CosmosContainer(
    name="uploads", partition_key="/organisatie", default_ttl_seconds=90 * 24 * 3600
)
"""Upload grants (valet keys) per organisation whose folder they open: who asked, for which
blob, until when. Kept as long as a delivered file (`BlobContainers.RETENTIE_DAGEN`); the
delivery keeps who asked in its own document."""

STORINGEN = CosmosContainer(name="storingen", partition_key="/partitie")
"""Outage notices; few, so one partition."""
STORINGABONNEMENTEN = CosmosContainer(name="storingabonnementen", partition_key="/organisatie")

PARAMETERSETS = CosmosContainer(name="parametersets", partition_key="/regeling")
"""Every version of every parameter set per regeling (`shared.parametersets`): the law's
amounts as operated data. Never deleted: the versions are the history of what the services
computed with."""
"""Per organisation, where it wants outage notices delivered."""

GGK_BERICHTEN = CosmosContainer(
    name="ggkberichten", partition_key="/postbus", default_ttl_seconds=400 * 24 * 3600
)
"""Per postbus (the organisation whose inbox or sent traffic it is) each GGk message's track:
who sent it to whom, when it arrived, was fetched and acknowledged, its retour or Fo01. No
BSN, only its keyed hash (for the audit of a read). Kept 400 days (a policy of the platform:
a year of stuurinformatie and a month to answer about it); the content is kept shorter
(`BlobContainers.GGK_BERICHTEN`)."""
GGK_REFERENTIES = CosmosContainer(
    name="ggkreferenties", partition_key="/zender", default_ttl_seconds=400 * 24 * 3600
)
"""Per sender every referentienummer it used: a second message with one is refused (CC08)."""

WMO_TOEWIJZINGEN = CosmosContainer(
    name="wmotoewijzingen", partition_key="/gemeente", default_ttl_seconds=400 * 24 * 3600
)
"""Per gemeente, the residents with a Wmo toewijzing that passed the GGk (WMO301, never
JW301), with the products' periods: what the daily Wlz-signalen hold against the CIZ
register. Kept 400 days after the last toewijzing (a policy of the platform)."""
WLZ_SIGNALEN = CosmosContainer(
    name="wlzsignalen", partition_key="/gemeente", default_ttl_seconds=2 * 365 * 24 * 3600
)
"""Per gemeente each Wlz-signal: a resident with a Wmo toewijzing and a Wlz-indicatie, once
per indicatie. Kept two years, as the rechtmatigheid signals."""
VSV_REGISTER = CosmosContainer(
    name="vsvregister", partition_key="/bsn", default_ttl_seconds=2 * 365 * 24 * 3600
)
"""Per young person, which Doorstroompunt follows him and the history of his registrations
(`shared.vsv.register`). The weekly report rewrites every followed person, so only a
registration ended two years ago expires (a policy of the platform)."""
VSV_SIGNALEN = CosmosContainer(
    name="vsvsignalen", partition_key="/doorstroompunt", default_ttl_seconds=2 * 365 * 24 * 3600
)
"""Per Doorstroompunt each daily VSV signal (a new or ended income relation), once. Kept two
years, as the other signals."""

VUM_BRONNEN = CosmosContainer(name="vumbronnen", partition_key="/partitie")
"""The VUM bronnen registered by autorisatiebeheer (`shared.vum.bronnen`); few, so one
partition."""
VUM_UITWISSELINGEN = CosmosContainer(
    name="vumuitwisselingen", partition_key="/organisatie", default_ttl_seconds=2 * 365 * 24 * 3600
)
"""Per asking party, each VUM exchange: purpose, which bronnen answered, how many results, how
long. Never the vacancies or profiles themselves: those live only as long as the request. Kept
two years (a policy of the platform, as the other logs of a service's use)."""

VERWERKINGEN = CosmosContainer(name="verwerkingen", partition_key="/emmer", default_ttl_seconds=-1)
"""The processing log (`shared.storage.verwerkingen`): per emmer of data subjects, each line
kept as long as its processing activity says (its own `ttl`, from the register of activities)."""

INZAGEVERZOEKEN = CosmosContainer(
    name="inzageverzoeken", partition_key="/id", default_ttl_seconds=2 * 365 * 24 * 3600
)
"""Residents' access requests (`shared.inzage`), kept two years after the last change (a
policy of the platform: the account of the answer, AVG art. 5 lid 2)."""
INZAGEANTWOORDEN = CosmosContainer(
    name="inzageantwoorden", partition_key="/verzoek", default_ttl_seconds=2 * 365 * 24 * 3600
)
"""Each assembled answer to an access request, by request; kept as long as the requests."""

VERTROUWELIJK = CosmosContainer(name="vertrouwelijk", partition_key="/id")
"""Per processing activity withheld from residents: the ground, who set it and when."""

COSMOS_CONTAINERS: tuple[CosmosContainer, ...] = (
    AANLEVERINGEN,
    ORGANISATIES,
    AANSLUITINGEN,
    KOPPELINGEN,
    AUDIT,
    BRONFEITEN,
    BRONFEITEN_PER_BSN,
    BRONADRESSEN,
    BRONADRESSEN_PER_ADRES,
    BRONSNAPSHOTS,
    BVV_BEREKENINGEN,
    SIGNALEN,
    SIGNAALINDEX,
    KWIJTSCHELDINGSBELEID,
    INKOMENSTOESLAGBELEID,
    MINIMABELEID,
    INKOMSTENVERREKENINGBELEID,
    KWIJTSCHELDINGEN,
    UPLOADS,
    STORINGEN,
    STORINGABONNEMENTEN,
    PARAMETERSETS,
    GGK_BERICHTEN,
    GGK_REFERENTIES,
    WMO_TOEWIJZINGEN,
    WLZ_SIGNALEN,
    VSV_REGISTER,
    VSV_SIGNALEN,
    VUM_BRONNEN,
    VUM_UITWISSELINGEN,
    VERWERKINGEN,
    INZAGEVERZOEKEN,
    INZAGEANTWOORDEN,
    VERTROUWELIJK,
)


class BlobContainers:
    AANLEVERINGEN = "aanleveringen"
    """Files organisations drop: `{dienst}/{organisatie}/{bestand}`."""
    TERUGMELDINGEN = "terugmeldingen"
    """Results and feedback reports written back to the organisation."""
    BRONNEN = "bronnen"
    """Source snapshots from source holders."""
    QUARANTAINE = "quarantaine"
    """Files that could not be read, with the reason beside them."""
    BRONSNAPSHOTS = "bronsnapshots"
    """Columnar (Parquet) snapshots of the sources, for batch services."""
    STORINGBERICHTEN = "storingberichten"
    """Work items of the outage-notice deliveries (`shared.storingen.meldingen`): one per new
    version of a notice, then one per subscription; each is deleted once handled."""

    TAKEN = "taken"
    """Operators' jobs (a recalculation): the order, which triggers the work, and its status.
    No personal data: counts only."""

    GGK_BERICHTEN = "ggkberichten"
    """The content of GGk messages (envelope and message, Fo01s): personal data. Kept 90 days
    after arrival, long after a receiver fetches a message (OP090: a retour within three
    working days); the track stays in Cosmos DB (`GGK_BERICHTEN`)."""

    ALL = (
        AANLEVERINGEN,
        TERUGMELDINGEN,
        BRONNEN,
        QUARANTAINE,
        BRONSNAPSHOTS,
        STORINGBERICHTEN,
        TAKEN,
        GGK_BERICHTEN,
    )

    RETENTIE_DAGEN: ClassVar[dict[str, int]] = {
        AANLEVERINGEN: 90,
        TERUGMELDINGEN: 730,
        BRONNEN: 400,
        QUARANTAINE: 90,
        BRONSNAPSHOTS: 400,
        STORINGBERICHTEN: 7,
        TAKEN: 400,
        GGK_BERICHTEN: 90,
    }
    """Days after its last change that a blob holding personal data is deleted (a lifecycle
    rule in infra/app/storage.bicep): deliveries once their results are back, results as
    long as the signals and outcomes in Cosmos DB, source copies as long as `BRONFEITEN`.
    Policies of the platform, not legal terms. Delivery work items hold no personal data and
    are deleted once handled: the rule only clears what a failure left behind."""
