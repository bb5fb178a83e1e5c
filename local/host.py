"""A local Functions host for `function_app.app` (dev-only; Azure runs the real host).

- Every HTTP trigger is served at `/api/<route>` with its methods by a real HTTP server.
- Every blob trigger with an Event Grid source receives the blobs created in Azurite
  whose path matches its binding pattern, at least once per blob and ETag, as Event
  Grid would deliver BlobCreated. Azurite emits no events, so the host polls.
- A blob whose function keeps failing is, after `MAX_ATTEMPTS`, moved to
  `quarantaine/` with the error beside it (Event Grid's dead-lettering, locally). The
  intake decides first: it counts each attempt when it starts and quarantines a delivery
  after `MAX_POGINGEN` (3), marking it `afgewezen`; this is the fallback for failures it
  cannot count (before a delivery is registered).

Run: `python -m local.host --port 7071` with the settings in the environment.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import signal
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import azure.functions as func
from azure.core.exceptions import ResourceNotFoundError
from azure.storage.blob import BlobServiceClient

from local import issuer
from local.issuer import LocalIssuer
from shared import log
from shared.intake.pipeline import MAX_POGINGEN
from shared.storage.blobs import BlobStore

logger = logging.getLogger("local.host")

POLL_SECONDS = 0.3
MAX_ATTEMPTS = MAX_POGINGEN + 2
"""5, as the Functions host retries a blob trigger; more than the intake's `MAX_POGINGEN`,
so that the platform's own rule quarantines a delivery (and marks it) before the host would."""
ROUTE_PREFIX = "api"


def pattern_regex(pattern: str, *, last_spans_folders: bool) -> re.Pattern[str]:
    """A Functions route or blob path pattern as a regex; `{x}` and `{x:int}` are parts.

    In an HTTP route a part is one segment, except a catch-all `{*x}`; in a blob path
    the last part may span folders, as in the Functions host.

    >>> pattern_regex("v1/a/{id}", last_spans_folders=False).match("v1/a/abc")["id"]
    'abc'
    >>> pattern_regex("v1/a/{id}", last_spans_folders=False).match("v1/a/abc/b") is None
    True
    >>> pattern_regex("p/{org}/{name}", last_spans_folders=True).match("p/GM1/sub/a.csv")["name"]
    'sub/a.csv'
    """
    parts = re.split(r"({[^}]+})", pattern)
    placeholders = [i for i, part in enumerate(parts) if part.startswith("{")]
    regex = ""
    for i, part in enumerate(parts):
        if part.startswith("{"):
            name = part[1:-1].split(":")[0].rstrip("?")
            spans = name.startswith("*") or (last_spans_folders and i == placeholders[-1])
            regex += f"(?P<{name.lstrip('*')}>{'.+' if spans else '[^/]+'})"
        else:
            regex += re.escape(part)
    return re.compile(f"^{regex}$")


@dataclass(frozen=True)
class HttpFunction:
    name: str
    regex: re.Pattern[str]
    methods: frozenset[str]
    argument: str
    call: Any


@dataclass(frozen=True)
class BlobFunction:
    name: str
    container: str
    prefix: str
    regex: re.Pattern[str]
    connection: str
    argument: str
    call: Any


def index(app: func.FunctionApp) -> tuple[list[HttpFunction], list[BlobFunction]]:
    """Read the registered functions once (a second `get_functions()` call raises)."""
    http_functions, blob_functions = [], []
    for function in app.get_functions():
        name = str(function.get_function_name())
        trigger = function.get_trigger()
        if trigger is None:
            raise ValueError(f"{name}: a function needs a trigger")
        binding = trigger.get_dict_repr()
        if binding["type"] == "httpTrigger":
            methods = frozenset(str(getattr(m, "value", m)) for m in binding.get("methods") or [])
            http_functions.append(
                HttpFunction(
                    name=name,
                    regex=pattern_regex(binding["route"], last_spans_folders=False),
                    methods=methods,
                    argument=binding["name"],
                    call=function.get_user_function(),
                )
            )
        elif binding["type"] == "blobTrigger":
            if str(binding.get("source")) != "EventGrid":
                raise ValueError(f"{name}: only Event Grid blob triggers run on Flex Consumption")
            container, path = binding["path"].split("/", 1)
            blob_functions.append(
                BlobFunction(
                    name=name,
                    container=container,
                    prefix=path.split("{", 1)[0],
                    regex=pattern_regex(path, last_spans_folders=True),
                    connection=binding["connection"],
                    argument=binding["name"],
                    call=function.get_user_function(),
                )
            )
        elif binding["type"] == "timerTrigger":
            logger.info(
                "%s: timer (%s) is not scheduled locally; its operator endpoint does the same work",
                name,
                binding.get("schedule"),
            )
        else:
            raise ValueError(f"{name}: the local host does not run {binding['type']} triggers")
    return http_functions, blob_functions


def _problem(status: int, title: str, detail: str) -> tuple[int, dict[str, str], bytes]:
    body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail})
    return status, {"Content-Type": "application/problem+json"}, body.encode()


def _json(content: object) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "application/json"}, json.dumps(content).encode()


class HttpFront:
    def __init__(self, functions: list[HttpFunction], local_issuer: LocalIssuer | None) -> None:
        self.functions = functions
        self.local_issuer = local_issuer

    def issuer_document(self, path: str) -> tuple[int, dict[str, str], bytes]:
        if self.local_issuer is not None:
            if path == f"{issuer.PATH}/.well-known/openid-configuration":
                return _json(self.local_issuer.openid_configuration())
            if path == f"{issuer.PATH}/discovery/v2.0/keys":
                return _json(self.local_issuer.jwks())
        return _problem(404, "Not Found", "Deze route bestaat niet.")

    def dispatch(
        self, method: str, target: str, headers: dict[str, str], body: bytes, base_url: str
    ) -> tuple[int, dict[str, str], bytes]:
        url = urlsplit(target)
        if url.path.startswith(f"{issuer.PATH}/"):
            return self.issuer_document(url.path)
        path = url.path.lstrip("/")
        if not path.startswith(f"{ROUTE_PREFIX}/"):
            return _problem(404, "Not Found", "Alle routes beginnen met /api/.")
        route = path[len(ROUTE_PREFIX) + 1 :]
        matched = [(f, m) for f in self.functions if (m := f.regex.match(route))]
        if not matched:
            return _problem(404, "Not Found", "Deze route bestaat niet.")
        # The most specific routes win, as in the Functions host: `storingen/abonnementen`
        # is not also `storingen/{id}`, so its `Allow` names only its own methods.
        fewest = min(len(m.groupdict()) for _, m in matched)
        matched = [(f, m) for f, m in matched if len(m.groupdict()) == fewest]
        allowed = [(f, m) for f, m in matched if method in f.methods]
        if not allowed:
            methods = sorted({m for f, _ in matched for m in f.methods})
            status, response_headers, content = _problem(
                405, "Method Not Allowed", "Deze methode is hier niet toegestaan."
            )
            return status, {**response_headers, "Allow": ", ".join(methods)}, content
        function, match = allowed[0]
        request = func.HttpRequest(
            method=method,
            url=base_url + target,
            headers=headers,
            params=dict(parse_qsl(url.query, keep_blank_values=True)),
            route_params=match.groupdict(),
            body=body,
        )
        response: func.HttpResponse = function.call(**{function.argument: request})
        response_headers = dict(response.headers)
        if response.mimetype:
            charset = f"; charset={response.charset}" if response.charset else ""
            response_headers["Content-Type"] = f"{response.mimetype}{charset}"
        return response.status_code, response_headers, response.get_body()


def _make_handler(front: HttpFront) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "ib-next-local-host"
        disable_nagle_algorithm = True  # else headers and body wait ~40 ms for a delayed ACK

        def _serve(self) -> None:
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0:
                self.close_connection = True
                self._send(*_problem(400, "Bad Request", "Content-Length is geen getal."))
                return
            body = self.rfile.read(length) if length else b""
            host = self.headers.get("Host") or "127.0.0.1"
            try:
                status, headers, content = front.dispatch(
                    self.command, self.path, dict(self.headers.items()), body, f"http://{host}"
                )
            except Exception:
                logger.exception("function failed outside its own error handling")
                status, headers, content = _problem(500, "Internal Server Error", "Fout in host.")
            self._send(status, headers, content)

        def _send(self, status: int, headers: dict[str, str], content: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                if name.lower() not in ("content-length", "transfer-encoding"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(content)

        def __getattr__(self, name: str) -> Any:
            """Every method reaches the dispatcher, which answers one no route serves with
            405 problem+json and `Allow`, as the Functions host does (not the 501 HTML of
            `BaseHTTPRequestHandler`)."""
            if name.startswith("do_"):
                return self._serve
            raise AttributeError(name)

        def log_message(self, format: str, *args: Any) -> None:
            logger.info("%s %s", self.command, urlsplit(self.path).path)

    return Handler


class BlobEvents:
    """Deliver new blobs (and new ETags of a blob) to matching blob triggers."""

    def __init__(self, functions: list[BlobFunction], workers: int = 4) -> None:
        self.functions = functions
        self.seen: set[tuple[str, str, str]] = set()
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="blob-trigger")
        self.stopping = threading.Event()
        self.services: dict[str, BlobServiceClient] = {}

    def service(self, connection: str) -> BlobServiceClient:
        if connection not in self.services:
            value = os.environ.get(connection)
            if not value:
                raise RuntimeError(f"setting {connection} (blob connection) is not configured")
            self.services[connection] = BlobServiceClient.from_connection_string(value)
        return self.services[connection]

    def poll_once(self) -> int:
        """One listing per container (most triggers share `aanleveringen`), not per trigger."""
        dispatched = 0
        per_container: dict[tuple[str, str], list[BlobFunction]] = {}
        for function in self.functions:
            per_container.setdefault((function.connection, function.container), []).append(function)
        for (connection, name), functions in per_container.items():
            container = self.service(connection).get_container_client(name)
            prefix = os.path.commonprefix([f.prefix for f in functions])  # noqa: RUF071 (a listing prefix is characters)
            try:
                blobs = list(container.list_blobs(name_starts_with=prefix))
            except ResourceNotFoundError:
                continue
            for item in blobs:
                for function in functions:
                    key = (function.name, item.name, item.etag)
                    if key in self.seen or not function.regex.match(item.name):
                        continue
                    self.seen.add(key)
                    self.pool.submit(self.deliver, function, item.name)
                    dispatched += 1
        return dispatched

    def deliver(self, function: BlobFunction, name: str) -> None:
        service = self.service(function.connection)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            client = service.get_blob_client(function.container, name)
            try:
                function.call(**{function.argument: client})
                return
            except ResourceNotFoundError:
                return  # the blob is gone (moved by an earlier delivery): nothing to deliver
            except Exception as error:
                logger.warning("%s failed on attempt %d: %s", function.name, attempt, error)
                if attempt == MAX_ATTEMPTS or self.stopping.wait(2 ** (attempt - 1)):
                    self.dead_letter(service, function, name, error)
                    return

    def dead_letter(
        self, service: BlobServiceClient, function: BlobFunction, name: str, error: Exception
    ) -> None:
        source = service.get_blob_client(function.container, name)
        reason = f"{function.name} faalde {MAX_ATTEMPTS} keer: {type(error).__name__}"
        try:
            path = BlobStore(service).quarantine(source, reason)
            logger.error("%s: moved to %s", function.name, path)
        except Exception:
            logger.exception("could not move %s/%s to quarantaine", function.container, name)

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                self.poll_once()
            except Exception as error:
                logger.warning("blob poll failed: %s", error)
            self.stopping.wait(POLL_SECONDS)

    def stop(self) -> None:
        self.stopping.set()
        self.pool.shutdown(wait=True, cancel_futures=True)


def _local_issuer() -> LocalIssuer | None:
    """The local issuer, when the settings point the app at it."""
    keys, url = os.environ.get("LOCAL_ISSUER_KEYS"), os.environ.get("AUTH_ISSUER", "")
    if not keys or not url.endswith(issuer.PATH):
        return None
    local_issuer = LocalIssuer(Path(keys), url)
    local_issuer.signing_key()  # create the first key before anyone asks for the JWKS
    return local_issuer


class _Server(ThreadingHTTPServer):
    request_queue_size = 128
    """Connections waiting to be accepted (socketserver's default is 5): 32 clients that
    connect at once while every core is busy would otherwise be reset."""


def serve(port: int) -> None:
    log.install()
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(log.JsonFormatter())
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    logging.getLogger("azure").setLevel(logging.WARNING)

    from function_app import app

    http_functions, blob_functions = index(app)
    front = HttpFront(http_functions, _local_issuer())
    server = _Server(("127.0.0.1", port), _make_handler(front))
    server.daemon_threads = True
    events = BlobEvents(blob_functions)
    poller = threading.Thread(target=events.run, name="blob-events", daemon=True)
    poller.start()

    def shutdown(signum: int, frame: object) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    logger.info(
        "host on http://127.0.0.1:%d: %d HTTP, %d blob functions",
        port,
        len(http_functions),
        len(blob_functions),
    )
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        events.stop()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=7071)
    serve(parser.parse_args().port)


if __name__ == "__main__":
    main()
