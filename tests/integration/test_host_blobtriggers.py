"""The local host's stand-in for Event Grid: every blob reaches each trigger whose path it
matches, once per blob and ETag, whatever other triggers listen on the same container."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from azure.storage.blob import BlobClient

from local.host import BlobEvents, BlobFunction, pattern_regex
from shared.storage import clients
from tests.e2e.http import wait_for

pytestmark = pytest.mark.integration


def trigger(naam: str, container: str, pad: str, ontvangen: list[tuple[str, str]]) -> BlobFunction:
    slot = threading.Lock()

    def call(blob: BlobClient) -> None:
        with slot:
            ontvangen.append((naam, blob.blob_name))

    return BlobFunction(
        name=naam,
        container=container,
        prefix=pad.split("{", 1)[0],
        regex=pattern_regex(pad, last_spans_folders=True),
        connection="BlobStorage",
        argument="blob",
        call=call,
    )


def test_each_blob_reaches_the_triggers_of_its_path_once_per_etag(
    app_settings: dict[str, Any],
) -> None:
    container = f"c{uuid.uuid4().hex[:12]}"
    service = clients.blob_service()
    service.create_container(container)
    ontvangen: list[tuple[str, str]] = []
    events = BlobEvents(
        [
            trigger("ggk", container, "ggk/{organisatie}/{name}", ontvangen),
            trigger("kwijtschelding", container, "kwijtschelding/{organisatie}/{name}", ontvangen),
        ]
    )
    namen = ["ggk/GM0363/a.xml", "kwijtschelding/GM0363/b.csv", "overig/GM0363/c.csv"]
    for naam in namen:
        service.get_blob_client(container, naam).upload_blob(b"1")
    try:
        assert events.poll_once() == 2
        assert events.poll_once() == 0  # nothing new: nothing again
        service.get_blob_client(container, namen[1]).upload_blob(b"2", overwrite=True)
        assert events.poll_once() == 1  # a new ETag of the same blob
        wait_for(lambda: len(ontvangen) == 3, timeout=10, what="three deliveries")
    finally:
        events.stop()
    assert sorted(ontvangen) == [
        ("ggk", "ggk/GM0363/a.xml"),
        ("kwijtschelding", "kwijtschelding/GM0363/b.csv"),
        ("kwijtschelding", "kwijtschelding/GM0363/b.csv"),
    ]
