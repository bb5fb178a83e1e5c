"""Fixtures shared by the suite: the local platform on free loopback ports."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from local.provision import provision
from local.runtime import Platform, Ports
from shared.parametersets.opslag import vastgestelde_sets
from shared.rules import parameters
from shared.storage import clients

BEWAARTIJD = 2
"""Seconds the tests' hosts keep the rights they read (`toegangscache`): short, so that the
test of a revocation made elsewhere waits only this long."""
os.environ["TOEGANG_BEWAARTIJD_SECONDEN"] = str(BEWAARTIJD)


def start_platform(workspace: Path, *, with_host: bool = True, seed: bool = False) -> Platform:
    platform = Platform(Ports.free(), workspace)
    try:
        platform.start(with_host=with_host, seed=seed)
        if with_host:
            platform.wait_healthy()
    except BaseException:
        platform.stop()
        raise
    return platform


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """Emulators, provisioning and the local Functions host, once for the whole session."""
    running = start_platform(tmp_path_factory.mktemp("platform"), seed=True)
    yield running
    running.stop()


def gebruik_eigen_database(naam: str) -> None:
    """Point this process at a Cosmos database of its own, provisioned: the sources published
    in it are the only ones in force (the emulators are shared by the tests of a worker)."""
    os.environ["COSMOS_DATABASE"] = naam
    clients.reset()
    provision()


@pytest.fixture(scope="session")
def emulators(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """Emulators of their own, provisioned, with no host: integration tests drive the code."""
    running = start_platform(tmp_path_factory.mktemp("emulators"), with_host=False)
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def code_parametersets() -> Iterator[None]:
    """The rules compute with the code's initial sets, whatever a test imported before
    (importing `function_app` installs the store, as the function app does)."""
    parameters.gebruik(parameters.uit_code)
    yield
    parameters.gebruik(parameters.uit_code)


@pytest.fixture
def app_settings(emulators: Platform) -> Iterator[dict[str, str]]:
    """This process configured as the function app is, against the integration emulators,
    with the approved parameter sets of the store."""
    saved = {name: os.environ.get(name) for name in emulators.settings}
    os.environ.update(emulators.settings)
    clients.reset()
    vastgestelde_sets.vergeet()
    parameters.gebruik(vastgestelde_sets)
    yield emulators.settings
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    clients.reset()
