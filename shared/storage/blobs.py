"""Blob access in chunks: files of any size stream through bounded memory."""

from __future__ import annotations

import base64
import codecs
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from azure.storage.blob import BlobBlock, BlobClient, BlobServiceClient, ContentSettings

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


MAX_REGEL_TEKENS = 65_536
"""The longest line a delivered file may have, in characters (its line ending not counted).

The longest record of any service's format is a few hundred characters (a kwijtschelding
line with the longest belastingsoort is under 300), so 64 Ki leaves a margin of two
hundredfold while a line costs at most a quarter of a megabyte in memory; it is also below
the csv module's field limit (131 072), so a line that passes never trips that. A file
without newlines is read in bounded chunks and its overflow counted, never gathered."""


class TeLangeRegel(str):
    """Stands in for a line longer than `MAX_REGEL_TEKENS`: empty, with the line's length.

    The text itself is not kept; the reader of the records reports it with its line number.
    """

    lengte: int

    def __new__(cls, lengte: int) -> TeLangeRegel:
        regel = super().__new__(cls, "")
        regel.lengte = lengte
        return regel


def iter_lines(chunks: Iterable[bytes], max_tekens: int = MAX_REGEL_TEKENS) -> Iterator[str]:
    """Decode UTF-8 (a byte-order mark is dropped) and yield lines without their endings.

    Linear in the file's size: each chunk is split once and a line spanning chunks is kept
    as a list of its parts. A line longer than `max_tekens` is yielded as a `TeLangeRegel`;
    its parts beyond the limit are only counted.

    >>> list(iter_lines([b"\\xef\\xbb\\xbfa;b\\r\\n1;", b"2\\n3;4"]))
    ['a;b', '1;2', '3;4']
    >>> [getattr(r, "lengte", r) for r in iter_lines([b"ab\\nabcd", b"ef\\ncd"], max_tekens=3)]
    ['ab', 6, 'cd']
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    delen: list[str] = []  # the line spanning chunks, while it is within the limit
    lengte = 0  # its length so far, counted on beyond the limit
    vorige = ""  # its last part (a "\r" there may belong to the line ending)
    offset = 0

    def regel(laatste: str) -> str:
        totaal = lengte + len(laatste)
        if totaal <= max_tekens + 1:  # + 1: a "\r" before the "\n"
            text = "".join((*delen, laatste)).removesuffix("\r")
            if len(text) <= max_tekens:
                return text
        cr = (laatste or vorige).endswith("\r")
        return TeLangeRegel(totaal - cr)

    for chunk in chunks:
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError as error:
            position = offset + error.start
            raise UnreadableFile(f"geen geldige UTF-8 bij byte {position}") from error
        offset += len(chunk)
        lines = text.split("\n")
        rest = lines.pop()
        if lines:
            yield regel(lines[0])
            delen, lengte, vorige = [], 0, ""
            for line in lines[1:]:
                yield line.removesuffix("\r") if len(line) <= max_tekens else regel(line)
        if rest:
            lengte += len(rest)
            vorige = rest
            if lengte <= max_tekens + 1:
                delen.append(rest)
            else:
                delen.clear()
    try:
        rest = decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        raise UnreadableFile("het bestand eindigt midden in een UTF-8-teken") from error
    if rest or lengte:
        yield regel(rest)


def chunks_of(local: Path) -> Iterator[bytes]:
    """A local file in chunks of `BLOB_CHUNK_BYTES`."""
    with local.open("rb") as content:
        yield from iter(lambda: content.read(clients.BLOB_CHUNK_BYTES), b"")


class Klaargezet:
    """A blob's new content staged as blocks, not yet visible; `commit` makes it the
    blob's content in one step (Put Block List)."""

    def __init__(self, client: BlobClient, blocks: list[BlobBlock], content_type: str) -> None:
        self.client = client
        self.blocks = blocks
        self.content_type = content_type

    def commit(self) -> str:
        self.client.commit_block_list(
            self.blocks, content_settings=ContentSettings(content_type=self.content_type)
        )
        return f"{self.client.container_name}/{self.client.blob_name}"


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

    def stage(
        self, container: str, path: str, chunks: Iterable[bytes], content_type: str
    ) -> Klaargezet:
        """The blob's new content as uncommitted blocks of up to `BLOB_CHUNK_BYTES`; the
        blob keeps its previous content (readers see no change) until `commit`."""
        client = self.client(container, path)
        prefix = uuid.uuid4().hex
        blocks: list[BlobBlock] = []

        def put(data: bytes | bytearray) -> None:
            block_id = base64.b64encode(f"{prefix}-{len(blocks):08d}".encode()).decode()
            client.stage_block(block_id, bytes(data))
            blocks.append(BlobBlock(block_id=block_id))

        buffer = bytearray()
        for chunk in chunks:
            buffer += chunk
            while len(buffer) >= clients.BLOB_CHUNK_BYTES:
                put(buffer[: clients.BLOB_CHUNK_BYTES])
                del buffer[: clients.BLOB_CHUNK_BYTES]
        if buffer or not blocks:
            put(buffer)
        return Klaargezet(client, blocks, content_type)

    def write_stream(
        self, container: str, path: str, chunks: Iterable[bytes], content_type: str
    ) -> str:
        """Staged, then committed at once: a writer that fails midway leaves the previous
        content whole (never a partial file)."""
        return self.stage(container, path, chunks, content_type).commit()

    def write_together(
        self, container: str, files: Iterable[tuple[str, Iterable[bytes], str]]
    ) -> None:
        """Several blobs (path, chunks, content type) that belong together, such as a CSV and
        its JSON: all are staged before any is committed, so a failure while writing leaves
        every one of them as it was (the commits follow each other within milliseconds)."""
        staged = [self.stage(container, path, chunks, kind) for path, chunks, kind in files]
        for klaar in staged:
            klaar.commit()

    def upload_file(self, container: str, path: str, local: Path, content_type: str) -> str:
        """A local file to a blob, chunk by chunk."""
        return self.write_stream(container, path, chunks_of(local), content_type)

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
