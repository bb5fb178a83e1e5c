"""Who may ask the VUM exchange, as whom, and how the exchange names them to a bron.

A bemiddelaar names parties by OIN in its headers (the contracts' README, "Berichtuitwisseling"):
`X-VUM-toParty` the exchange (the bureau's OIN), `X-VUM-fromParty` the asking
verwerkingsverantwoordelijke, `X-VUM-viaParty` its verwerker (itself when it has none). The
platform has already authenticated the caller's client and found its organisation; the headers
must then agree with that:

- `toParty` is the bureau's OIN (`VUM_OIN`): a message meant for another exchange is refused;
- `fromParty` is the OIN registered for the caller's organisation: a party asks only as itself;
- `viaParty` is whoever runs the caller's application (a techpartner of the gemeente): the
  binding of that client to the organisation is the platform's proof of the relation, so the
  header is recorded and passed on, not checked against a register the platform does not keep.

`X-VUM-SUWIparty`, which the exchange sends each bron, says whether the asking party takes part
in SUWI: the public SUWI-bemiddelingsorganisaties, UWV and the gemeenten (matchingsgegevens.nl,
"Voorwaarden voor deelname aan VUM": publieke SUWI-bemiddelingsorganisaties "zoals UWV en
gemeenten"; Wet SUWI sets their task of matching work and job seekers). Other public and
private bemiddelaars may join VUM later; a kind of organisation added for them is not a SUWI
party unless it is added here.
"""

from __future__ import annotations

from shared.validation.organisatie import Soort

SUWI_PARTIJEN = frozenset({Soort.GEMEENTE, Soort.UWV})


def neemt_deel_aan_suwi(soort: Soort) -> bool:
    return soort in SUWI_PARTIJEN


def waarom_niet(naar: str, van: str, uitwisseling_oin: str, eigen_oin: str | None) -> str | None:
    """Why the headers do not fit the authenticated caller (None: they do); the reason is for
    the audit log and the caller alike: it names only OINs the caller sent or holds."""
    if naar != uitwisseling_oin:
        return "X-VUM-toParty is niet het OIN van deze uitwisselingsvoorziening"
    if eigen_oin is None:
        return "voor uw organisatie is geen OIN vastgelegd; vraag het autorisatiebeheer"
    if van != eigen_oin:
        return "X-VUM-fromParty is niet het OIN van uw organisatie"
    return None
