"""A certificate authority of its own for HTTPS servers on this machine: the local bronnen of
VUM (`local.vumbron`) and the tests' webhook receivers.

`LokaleCa.maak(dir, host)` writes `ca.pem` (what the platform trusts locally, the setting
`STORINGEN_TEST_CA`) and a certificate for `host` signed by it, valid for a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class LokaleCa:
    ca: Path
    certificaat: Path
    sleutel: Path

    @classmethod
    def maak(cls, map: Path, host: str) -> LokaleCa:
        map.mkdir(parents=True, exist_ok=True)
        nu = datetime.now(UTC) - timedelta(minutes=5)
        ca_sleutel = ec.generate_private_key(ec.SECP256R1())
        ca_naam = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "IB-Next test-CA")])
        ca = (
            x509.CertificateBuilder()
            .subject_name(ca_naam)
            .issuer_name(ca_naam)
            .public_key(ca_sleutel.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(nu)
            .not_valid_after(nu + timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(ca_sleutel.public_key()), critical=False
            )
            .sign(ca_sleutel, hashes.SHA256())
        )
        sleutel = ec.generate_private_key(ec.SECP256R1())
        certificaat = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
            .issuer_name(ca_naam)
            .public_key(sleutel.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(nu)
            .not_valid_after(nu + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_sleutel.public_key()),
                critical=False,
            )
            .sign(ca_sleutel, hashes.SHA256())
        )
        paden = cls(map / "ca.pem", map / f"{host}.pem", map / f"{host}.key")
        paden.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
        paden.certificaat.write_bytes(certificaat.public_bytes(serialization.Encoding.PEM))
        paden.sleutel.write_bytes(
            sleutel.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        return paden
