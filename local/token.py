"""`make token ORG=GM0363 [ROLES=systeem]`: print a local access token, and nothing else.
`make token BSN=999990019`: a resident's token, as the identity provider for residents issues
it after a DigiD login at level substantieel (role `burger`, the BSN as subject)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from stdnum.nl import bsn

from local import issuer
from local.emulators import ROOT
from shared.validation.organisatie import is_valid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--org", help="the organisation, e.g. GM0363")
    parser.add_argument("--bsn", help="a resident's BSN: a resident's token instead")
    parser.add_argument("--roles", default="systeem", help="comma-separated app roles")
    parser.add_argument("--lifetime", type=int, default=3600, help="seconds")
    parser.add_argument(
        "--issuer", default=os.environ.get("AUTH_ISSUER") or issuer.issuer_url(7071)
    )
    parser.add_argument("--keys", default=str(ROOT / ".local" / "issuer"))
    arguments = parser.parse_args()
    local_issuer = issuer.LocalIssuer(Path(arguments.keys), arguments.issuer)
    if arguments.bsn:
        if not bsn.is_valid(arguments.bsn):
            parser.error(f"BSN must pass the elfproef, got {arguments.bsn!r}")
        substantieel = "http://eidas.europa.eu/LoA/substantial"
        print(local_issuer.mint_burger(arguments.bsn, substantieel, lifetime_seconds=900))
        return
    if not arguments.org or not is_valid(arguments.org):
        parser.error(f"ORG must be an organisation code such as GM0363, got {arguments.org!r}")
    roles = [role.strip() for role in arguments.roles.split(",") if role.strip()]
    client_id = issuer.local_client_id(arguments.org, roles)
    print(local_issuer.mint(client_id, roles, lifetime_seconds=arguments.lifetime))


if __name__ == "__main__":
    main()
