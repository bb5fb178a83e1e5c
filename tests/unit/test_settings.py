"""Configuration is read lazily; a missing or unsafe value is a clear error at first use."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from shared import settings
from shared.settings import MissingSetting, UnsafeSetting


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("COSMOS_ENDPOINT", "COSMOS_KEY", "COSMOS_DATABASE", "BlobStorage",
                 "BlobStorage__serviceUri", "BlobStorage__blobServiceUri"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    settings.clear_cache()
    yield
    settings.clear_cache()


def test_importing_the_function_app_reads_no_setting() -> None:
    environment = {"PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", "import function_app; print(len(function_app.app.get_functions()))"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 4


def test_missing_cosmos_endpoint_names_the_setting() -> None:
    with pytest.raises(MissingSetting, match="COSMOS_ENDPOINT"):
        settings.cosmos()


def test_missing_blob_connection_names_both_ways_to_set_it() -> None:
    with pytest.raises(MissingSetting, match=r"BlobStorage or BlobStorage__blobServiceUri"):
        settings.blob()


def test_a_cosmos_key_is_refused_for_a_non_loopback_endpoint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COSMOS_ENDPOINT", "https://ibnext.documents.azure.com:443/")
    monkeypatch.setenv("COSMOS_KEY", "a-key")
    with pytest.raises(UnsafeSetting):
        settings.cosmos()


def test_a_blob_connection_string_is_refused_for_a_real_account(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(
        "BlobStorage",
        "DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=x;EndpointSuffix=core.windows.net",
    )
    with pytest.raises(UnsafeSetting):
        settings.blob()


@pytest.mark.parametrize("name", ["BlobStorage__blobServiceUri", "BlobStorage__serviceUri"])
def test_identity_based_blob_connection_is_accepted(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, "https://ibnext.blob.core.windows.net")
    assert settings.blob().service_uri == "https://ibnext.blob.core.windows.net"
    assert settings.blob().connection_string is None


def test_database_defaults_to_ibnext(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COSMOS_ENDPOINT", "https://ibnext.documents.azure.com:443/")
    assert settings.cosmos().database == "ibnext"
    assert settings.cosmos().key is None
