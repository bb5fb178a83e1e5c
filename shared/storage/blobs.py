"""Blob access in chunks: files of any size stream through bounded memory."""

from __future__ import annotations

import codecs
import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from azure.storage.blob import BlobClient, BlobServiceClient, ContentSettings

from shared.storage import clients
from shared.storage.containers import BlobContainers

PARQUET = "application/vnd.apache.parquet"


class UnreadableFile(Exception):
    """The file cannot be read as what it claims to be; the reason says why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def iter_chunks(blob: BlobClient) -> Iterator[bytes]:
    """The blob's content in chunks of at most `clients.BLOB_CHUNK_BYTES`."""
    yield from blob.download_blob(max_concurrency=1).chunks()


def download(blob: BlobClient, target: Path) -> Path:
    """The blob in a local file, chunk by chunk; the file appears only when it is whole."""
    partial = target.with_name(target.name + ".part")
    with partial.open("wb") as out:
        for chunk in iter_chunks(blob):
            out.write(chunk)
    partial.rename(target)
    return target


def sha256_of(chunks: Iterable[bytes]) -> tuple[str, int]:
    """The SHA-256 (hex) and size of a stream of chunks."""
    digest = hashlib.sha256()
    size = 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def iter_lines(chunks: Iterable[bytes]) -> Iterator[str]:
    """Decode UTF-8 (a byte-order mark is dropped) and yield lines without their endings.

    >>> list(iter_lines([b"\\xef\\xbb\\xbfa;b\\r\\n1;", b"2\\n3;4"]))
    ['a;b', '1;2', '3;4']
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    pending = ""
    offset = 0
    for chunk in chunks:
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError as error:
            position = offset + error.start
            raise UnreadableFile(f"geen geldige UTF-8 bij byte {position}") from error
        offset += len(chunk)
        lines = (pending + text).split("\n")
        pending = lines.pop()
        for line in lines:
            yield line.removesuffix("\r")
    try:
        pending += decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        raise UnreadableFile("het bestand eindigt midden in een UTF-8-teken") from error
    if pending:
        yield pending.removesuffix("\r")


class BlobStore:
    def __init__(self, service: BlobServiceClient | None = None) -> None:
        self._service = service or clients.blob_service()

    def client(self, container: str, path: str) -> BlobClient:
        return self._service.get_blob_client(container, path)

    def write_json(self, container: str, path: str, content: Any) -> str:
        data = json.dumps(content, ensure_ascii=False, indent=2).encode("utf-8")
        self.client(container, path).upload_blob(
            data,
            overwrite=True,
            content_settings=ContentSettings(content_type="application/json; charset=utf-8"),
        )
        return f"{container}/{path}"

    def write_stream(
        self, container: str, path: str, chunks: Iterable[bytes], content_type: str
    ) -> str:
        self.client(container, path).upload_blob(
            iter(chunks),
            overwrite=True,
            content_settings=ContentSettings(content_type=content_type),
        )
        return f"{container}/{path}"

    def upload_file(self, container: str, path: str, local: Path, content_type: str) -> str:
        """A local file to a blob, chunk by chunk."""
        with local.open("rb") as content:
            chunks = iter(lambda: content.read(clients.BLOB_CHUNK_BYTES), b"")
            return self.write_stream(container, path, chunks, content_type)

    def quarantine(self, source: BlobClient, reason: str) -> str:
        """Move a blob to `quarantaine/` under the same path, its reason in a file beside it."""
        path = f"{source.container_name}/{source.blob_name}"
        properties = source.get_blob_properties()
        self.write_stream(
            BlobContainers.QUARANTAINE,
            path,
            iter_chunks(source),
            properties.content_settings.content_type or "application/octet-stream",
        )
        self.write_json(
            BlobContainers.QUARANTAINE,
            f"{path}.reden.json",
            {"bron": path, "reden": reason, "etag": properties.etag},
        )
        source.delete_blob()
        return f"{BlobContainers.QUARANTAINE}/{path}"
