"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over a graph, for SPARQLWrapper, curl, YASGUI.

Queries come by GET (?query=) or POST (form-encoded `query=`, or an application/sparql-query body);
results are JSON, XML, CSV or TSV (graphs: Turtle, N-Triples, RDF/XML, JSON-LD), chosen by the
Accept header or a `format` parameter. Updates are refused with 403. The server binds 127.0.0.1
unless told otherwise. A build directory is reopened when a newer build has finished, so the endpoint
always answers from the last complete build.
"""
from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .errors import GraphError, KgError, QueryError
from .store import GRAPH_FILE, Answer, LocalGraph, RemoteGraph, open_graph

PATHS = ("/sparql", "/query", "/")
FORMATS = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle",
    "ntriples": "application/n-triples", "nt": "application/n-triples", "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
ALIASES = {"application/json": FORMATS["json"], "application/xml": FORMATS["xml"], "text/xml": FORMATS["xml"],
           "text/plain": FORMATS["ntriples"]}
MAX_BODY = 10_000_000


class _Source:
    """The graph being served; a build directory is reopened after each finished build."""

    def __init__(self, graph: str) -> None:
        self.graph = graph
        self._lock = threading.Lock()
        self._stamp = self._build_stamp()
        self._source = open_graph(graph)

    def _build_stamp(self) -> int | None:
        path = Path(self.graph) / GRAPH_FILE
        if self.graph.startswith(("http://", "https://")) or not path.exists():
            return None
        return path.stat().st_mtime_ns

    def get(self) -> LocalGraph | RemoteGraph:
        with self._lock:
            stamp = self._build_stamp()
            if stamp != self._stamp:
                self._source, self._stamp = open_graph(self.graph), stamp
            return self._source


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, graph: str, host: str, port: int) -> None:
        self.source = _Source(graph)
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            raise GraphError(f"cannot listen on {host}:{port}: {exc.strerror}; choose another --port") \
                from None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/sparql"


def accepted(header: str | None, fmt: str | None) -> list[str]:
    """Media types the client accepts, most preferred first (q-values honoured, aliases resolved)."""
    if fmt:
        return [FORMATS.get(fmt.lower(), ALIASES.get(fmt.lower(), fmt.lower()))]
    ranked = []
    for position, part in enumerate((header or "*/*").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, position, ALIASES.get(media.lower(), media.lower())))
    return [media for _, _, media in sorted(ranked)]


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql"

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path not in PATHS:
            return self._error(HTTPStatus.NOT_FOUND, f"no such endpoint {url.path}: use /sparql")
        self._dispatch(urllib.parse.parse_qs(url.query))

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path not in PATHS:
            return self._error(HTTPStatus.NOT_FOUND, f"no such endpoint {url.path}: use /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large")
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get_content_type() or "").lower()
        params = urllib.parse.parse_qs(url.query)
        if kind == "application/sparql-update":
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        if kind == "application/sparql-query":
            params["query"] = [body]
        elif kind == "application/x-www-form-urlencoded":
            params.update(urllib.parse.parse_qs(body))
        else:
            return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                               "send application/sparql-query or application/x-www-form-urlencoded")
        self._dispatch(params)

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.end_headers()

    def do_PUT(self) -> None:
        self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only")

    do_DELETE = do_PATCH = do_PUT

    def _dispatch(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        if any(params.get(k, [""])[0] for k in ("default-graph-uri", "named-graph-uri")):
            return self._error(HTTPStatus.BAD_REQUEST,
                               "default-graph-uri and named-graph-uri are not supported")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._error(HTTPStatus.BAD_REQUEST,
                               "give exactly one SPARQL query in the `query` parameter")
        fmt = (params.get("format") or params.get("output") or [None])[0]
        try:
            answer = self.server.source.get().answer(queries[0], accepted(self.headers.get("Accept"), fmt))
        except QueryError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, str(exc))
        except KgError as exc:
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
        self._send(HTTPStatus.OK, answer)

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")

    def _send(self, status: HTTPStatus, answer: Answer) -> None:
        self.send_response(status)
        self._cors()
        charset = "; charset=utf-8" if answer.media_type.startswith("text/") or "json" in answer.media_type \
            or "xml" in answer.media_type else ""
        self.send_header("Content-Type", answer.media_type + charset)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, Answer((message + "\n").encode("utf-8"), "text/plain"))


def make_server(graph: str, host: str = "127.0.0.1", port: int = 7878) -> SparqlServer:
    """A server for `graph`, bound but not yet serving (port 0 picks a free port)."""
    return SparqlServer(graph, host, port)


def serve(graph: str, host: str, port: int, on_ready: Callable[[str], None]) -> None:
    """Serve `graph` until interrupted; `on_ready` receives the endpoint's URL once it listens."""
    server = make_server(graph, host, port)
    try:
        on_ready(server.url)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
