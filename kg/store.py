"""Where graphs live: the only module that knows Oxigraph and SPARQL endpoints.

A GRAPH argument is a `kg build` output directory, an RDF file (.ttl, .nt, .trig, .nq, .jsonld) or
an http(s):// SPARQL endpoint. Writing files is atomic: a temporary file renamed over the old one.

A build keeps its graph in an RDF dataset, embedded (an Oxigraph store in DIR/store/) or behind a
SPARQL 1.1 endpoint (Oxigraph server, Fuseki, Virtuoso, QLever, GraphDB…):

- each article's facts in a named graph whose name is the article's IRI;
- the merged, resolved graph of all articles in the default graph: what queries, exports and the
  SHACL shapes see, on any server without a union-default-graph setting;
- a bookkeeping graph (BUILD_GRAPH): each article's content hash, the nodes waiting for validation
  and the violations found, so that the next build redoes only what changed.

Both kinds of dataset are changed only by SPARQL updates, one transaction per batch of articles, so
a build killed at any moment leaves a consistent dataset that the next build completes.
"""
from __future__ import annotations

import base64
import contextlib
import heapq
import io
import itertools
import json
import mmap
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from .errors import GraphError, KgError, QueryError
from .namespaces import BASE, PREFIXES

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
}
GRAPH_FILE = "graph.ttl"
STORE_DIR = "store"
Term = ox.NamedNode | ox.BlankNode | ox.Literal

BUILD_GRAPH = BASE + "id/graph/build"
_BUILD = BASE + "build#"
CONTENT_HASH, PENDING, VIOLATION = _BUILD + "contentHash", _BUILD + "pending", _BUILD + "violation"
PENDING_GRAPH = _BUILD + "pendingGraph"  # a graph whose subjects wait as a whole: left by earlier kg versions
LOADING = _BUILD + "loading"  # an article whose facts are being bulk-loaded
SHAPES, REVISION, WRITTEN = _BUILD + "shapes", _BUILD + "revision", _BUILD + "graphFileRevision"
VIEW = _BUILD + "view/"  # + a view's name and version: an article's rows of a named query
VIEWS_DIR = "views"  # in a build directory: each view's rows over every article, merged and sorted
SORT_RUN = 400_000  # N-Triples lines sorted in memory at once
# RocksDB keeps writes in memory buffers until they fill up (hundreds of MB over Oxigraph's many
# indexes): flushing them to disk every so many triples keeps a long build's memory flat.
FLUSH_EVERY = 30_000
# Changed articles per SPARQL update: one update of 90 articles took 18 ms an article, of 16 13 ms
# (a transaction's later reads go through its growing write batch).
REPLACE_BATCH = 16
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_UMASK = os.umask(0o022)
os.umask(_UMASK)


# --- terms and files -------------------------------------------------------------------------------

def to_ox(term: object) -> Term:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _to_rdflib_term(term: Term) -> URIRef | BNode | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value) if datatype in (_XSD_STRING, _RDF_LANG_STRING) else \
        Literal(term.value, datatype=URIRef(datatype))


def to_rdflib(ntriples: bytes) -> Graph:
    """N-Triples into an rdflib Graph, parsed by Oxigraph (rdflib's own parser is several times slower)."""
    graph = Graph()
    cache: dict[Term, URIRef | BNode | Literal] = {}

    def term(t: Term) -> URIRef | BNode | Literal:
        found = cache.get(t)
        if found is None:
            found = cache[t] = _to_rdflib_term(t)
        return found

    add = graph.add
    for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        add((term(t.subject), term(t.predicate), term(t.object)))  # type: ignore[arg-type]
    return graph


def ntriples(triples: Iterable[tuple[object, object, object]]) -> bytes:
    """rdflib triples (a Graph, or a list) as N-Triples, unsorted: how an article's facts travel to
    the store."""
    cache: dict[object, Term] = {}

    def term(t: object) -> Term:
        found = cache.get(t)
        if found is None:
            found = cache[t] = to_ox(t)
        return found

    return serialize((ox.Triple(term(s), term(p), term(o)) for s, p, o in triples),  # type: ignore[arg-type]
                     ox.RdfFormat.N_TRIPLES)


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return str(t.subject), str(t.predicate), str(t.object)


def sorted_triples(graph: Graph) -> list[ox.Triple]:
    """The graph's triples in a stable order (subject, predicate, object as N-Triples)."""
    return sorted((ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph), key=_triple_key)


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A file written beside `path` and renamed over it once complete and on disk: readers see the
    old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_file(path) as f:
        f.write(data)


def remove_stale_temporaries(directory: Path) -> None:
    """Temporary files left by a writer that was killed before its rename, and snapshots of the
    store left by a build killed while validating."""
    for tmp in directory.glob(".*.tmp"):
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)


def serialize(triples: Iterable[ox.Triple], fmt: ox.RdfFormat) -> bytes:
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""


def write_graph(graph: Graph, path: Path) -> int:
    """Write the graph as sorted Turtle (or the format of the suffix); the number of triples."""
    triples = sorted_triples(graph)
    atomic_write(path, serialize(triples, FORMATS.get(path.suffix, ox.RdfFormat.TURTLE)))
    return len(triples)


class _Lines(io.RawIOBase):
    """A stream of byte lines as a binary file, for Oxigraph's parser."""

    def __init__(self, lines: Iterable[bytes]) -> None:
        self._lines = iter(lines)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        while not self._pending:
            line = next(self._lines, None)
            if line is None:
                return 0
            self._pending = line
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def _sorted_runs(raw: IO[bytes], scratch: Path) -> Iterator[bytes]:
    """The lines of `raw`, sorted and without repeats: in memory up to SORT_RUN lines, else merged
    from sorted runs on disk, so that memory stays bounded whatever the size of the graph."""
    runs: list[Path] = []
    while True:
        lines = list(itertools.islice(raw, SORT_RUN))
        if not lines:
            break
        lines.sort()
        if not runs and len(lines) < SORT_RUN:
            yield from _unique(lines)
            return
        runs.append(scratch / f"run{len(runs)}.nt")
        runs[-1].write_bytes(b"".join(lines))
    files = [run.open("rb") for run in runs]
    try:
        yield from _unique(heapq.merge(*files))
    finally:
        for f in files:
            f.close()


def _unique(lines: Iterable[bytes]) -> Iterator[bytes]:
    last = None
    for line in lines:
        if line != last and line.strip():
            yield line if line.endswith(b"\n") else line + b"\n"
        last = line


def write_sorted(dump: Callable[[IO[bytes]], None], out: IO[bytes], fmt: ox.RdfFormat) -> None:
    """Write the triples `dump` writes as N-Triples to `out` in `fmt`, sorted by their N-Triples
    lines (subject, predicate, object): the same graph always gives the same bytes."""
    with tempfile.TemporaryDirectory(prefix="kg-sort-") as scratch:
        raw_path = Path(scratch) / "raw.nt"
        with raw_path.open("wb") as raw:
            dump(raw)
        with raw_path.open("rb") as raw:
            lines = _sorted_runs(raw, Path(scratch))
            if fmt == ox.RdfFormat.N_TRIPLES:
                out.writelines(lines)
                return
            prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
            triples = ox.parse(io.BufferedReader(_Lines(lines)), format=ox.RdfFormat.N_TRIPLES)
            ox.serialize(triples, out, format=fmt, prefixes=prefixes)


def sorted_bytes(dump: Callable[[IO[bytes]], None], fmt: ox.RdfFormat) -> bytes:
    out = io.BytesIO()
    write_sorted(dump, out, fmt)
    return out.getvalue()


# --- graph.ttl: a block per article ------------------------------------------------------------------

BLOCK_MARK = b"#@article "


@lru_cache(maxsize=1)
def turtle_header() -> bytes:
    """The @prefix lines every graph.ttl starts with."""
    node = ox.NamedNode(BASE + "x")
    text = ox.serialize([ox.Triple(node, node, node)], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    return b"".join(line for line in text.splitlines(keepends=True) if line.startswith(b"@prefix "))


def turtle_block(iri: str, ntriples: bytes) -> bytes:
    """An article's facts as a block of graph.ttl: a comment naming the article, then its triples
    sorted by their N-Triples lines, in Turtle without the @prefix lines."""
    lines = sorted({line for line in ntriples.splitlines() if line.strip()})
    triples = ox.parse(b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES)
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    body = text[len(turtle_header()):] if text.startswith(turtle_header()) else text
    return BLOCK_MARK + _nt(iri).encode() + b"\n" + body.lstrip(b"\n")


def _blocks(data: bytes | mmap.mmap) -> dict[str, tuple[int, int]]:
    """Where each article's block lies in a graph.ttl: IRI -> (start, end)."""
    starts, at = [], data.find(b"\n" + BLOCK_MARK)
    while at >= 0:
        starts.append(at + 1)
        at = data.find(b"\n" + BLOCK_MARK, at + 1)
    found = {}
    for start, end in zip(starts, starts[1:] + [len(data)]):
        head = data[start + len(BLOCK_MARK):data.find(b"\n", start)]
        found[head.decode("utf-8").strip()[1:-1]] = (start, end)
    return found


class GraphFile:
    """graph.ttl written as one block per article, in the order of the articles' IRIs. A rebuild
    writes the blocks of the articles it extracted and copies the others from the previous file when
    that file is current; facts several articles state (a person, a unit) are in each of their
    blocks, and an RDF parser merges them. The same articles always give the same bytes."""

    def __init__(self, path: Path, reuse: bool = False) -> None:
        self.path = path
        self.reuse = reuse
        self._spill: IO[bytes] | None = None
        self._fresh: dict[str, tuple[int, int]] = {}

    def add(self, iri: str, block: bytes) -> None:
        """A block extracted in this build (written to disk: memory holds none of them)."""
        if self._spill is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._spill = tempfile.TemporaryFile(dir=self.path.parent, prefix=".graph-blocks.")
        start = self._spill.seek(0, os.SEEK_END)
        self._spill.write(block)
        self._fresh[iri] = (start, len(block))

    def _fresh_block(self, iri: str) -> bytes:
        start, size = self._fresh[iri]
        assert self._spill is not None
        self._spill.seek(start)
        return self._spill.read(size)

    def write(self, iris: Iterable[str], facts: Callable[[str], bytes]) -> None:
        """Write graph.ttl with the blocks of `iris` (sorted); `facts(iri)` gives the N-Triples of an
        article that is in neither this build nor the previous file."""
        with contextlib.ExitStack() as stack:
            old: bytes | mmap.mmap = b""
            if self.reuse and self.path.exists() and self.path.stat().st_size:
                f = stack.enter_context(self.path.open("rb"))
                old = stack.enter_context(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
            previous = _blocks(old)
            with atomic_file(self.path) as out:
                out.write(turtle_header())
                for iri in iris:
                    if iri in self._fresh:
                        out.write(self._fresh_block(iri))
                    elif iri in previous:
                        start, end = previous[iri]
                        out.write(old[start:end])
                    else:
                        out.write(turtle_block(iri, facts(iri)))

    def close(self) -> None:
        if self._spill is not None:
            self._spill.close()


def _nt(iri: str) -> str:
    """An IRI in SPARQL / N-Triples syntax."""
    if any(c in iri for c in '<>"{}|^`\\ \n'):
        raise GraphError(f"not a valid IRI: {iri!r}")
    return f"<{iri}>"


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid SPARQL string literal


# --- reading a GRAPH -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rows:
    columns: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]


RESULT_TYPES = {f.media_type.split(";")[0]: f for f in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML,
                                                       ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV)}
GRAPH_TYPES = {f.media_type.split(";")[0]: f for f in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES,
                                                       ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD)}


@dataclass(frozen=True)
class Answer:
    """A query's results serialized for an HTTP client."""

    body: bytes
    media_type: str


def _pick(accept: Sequence[str], offered: Mapping[str, object]) -> str | None:
    """The first media type of `accept` (most preferred first, wildcards allowed) that is offered."""
    for wanted in accept:
        if wanted in offered:
            return wanted
        if wanted in ("*/*", "application/*", "text/*"):
            kind = wanted.split("/")[0]
            return next((m for m in offered if kind == "*" or m.startswith(kind + "/")), None)
    return None


class LocalGraph:
    """A build directory's store (opened read only: builds and other readers may run meanwhile), or
    an RDF file loaded into an in-memory Oxigraph store. A build directory without a store (built
    into a remote endpoint, or by an older kg) is read from its graph.ttl."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.persistent = path.is_dir() and (path / STORE_DIR).is_dir()
        if self.persistent:
            self._pid = os.getpid()
            self._store = _open_read_only(path / STORE_DIR)
            return
        file = path / GRAPH_FILE if path.is_dir() else path
        if not file.exists():
            raise GraphError(f"{path} has no {GRAPH_FILE}: run `kg build INPUT --out {path}` first")
        fmt = FORMATS.get(file.suffix.lower())
        if fmt is None:
            raise GraphError(f"{file}: unknown RDF format; use .ttl, .nt, .trig, .nq or .jsonld")
        self._store = ox.Store()
        try:
            self._store.bulk_load(path=str(file), format=fmt)
        except (SyntaxError, ValueError, OSError) as exc:
            raise GraphError(f"{file} is not valid RDF: {exc}") from None

    @property
    def store(self) -> ox.Store:
        if self.persistent and self._pid != os.getpid():  # a forked child must not share RocksDB's handle
            self._pid, self._store = os.getpid(), _open_read_only(self.path / STORE_DIR)
        return self._store

    def _query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> object:
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self.store.query(sparql, substitutions=subs, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL query: {str(exc).splitlines()[0]}") from None
        except OSError as exc:
            raise GraphError(f"cannot read the store of {self.path}: {exc}") from None

    def select(self, sparql: str, bindings: dict[str, Term]) -> Rows:
        result = self._query(sparql, bindings)
        if isinstance(result, ox.QuerySolutions):
            columns = tuple(v.value for v in result.variables)
            return Rows(columns, tuple(tuple(sol[c] for c in columns) for sol in result))
        if isinstance(result, ox.QueryBoolean):
            return Rows(("result",), ((ox.Literal(str(bool(result)).lower()),),))
        return Rows(("subject", "predicate", "object"),
                    tuple((t.subject, t.predicate, t.object) for t in result))  # type: ignore[attr-defined]

    def view(self, name: str) -> str | None:
        """Every article's rows of the view `name` (a name under VIEW) run together, or None when the
        graph is not a build's store or some article lacks them (built by a kg without that view)."""
        return view_rows(self.store, name) if self.persistent else None

    def merged_view(self, name: str) -> str | None:
        """The rows of the view `name` as the build merged and sorted them, or None when the store
        changed since (or no build merged them)."""
        return merged_view(self.store, self.path, name) if self.persistent else None

    def answer(self, sparql: str, accept: Sequence[str]) -> Answer:
        """Run a query and serialize its results in the first acceptable media type."""
        result = self._query(sparql)
        offered: Mapping[str, object] = GRAPH_TYPES if isinstance(result, ox.QueryTriples) else RESULT_TYPES
        media = _pick(accept, offered) or next(iter(offered))
        return Answer(result.serialize(format=offered[media]) or b"", media)  # type: ignore[attr-defined]

    def triples(self) -> Iterator[ox.Triple]:
        graph = ox.DefaultGraph() if self.persistent else None
        for quad in self.store.quads_for_pattern(None, None, None, graph):
            yield ox.Triple(quad.subject, quad.predicate, quad.object)

    def dump_ntriples(self, out: IO[bytes]) -> None:
        if self.persistent:
            self.store.dump(out, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        else:
            ox.serialize(self.triples(), out, format=ox.RdfFormat.N_TRIPLES)

    def serialize(self, fmt: ox.RdfFormat) -> bytes:
        """The whole graph in `fmt`, sorted; a build's Turtle is its graph.ttl when that is current."""
        graph_file = self.path / GRAPH_FILE
        if fmt == ox.RdfFormat.TURTLE and self.persistent and graph_file.exists() \
                and _graph_file_is_current(self.store):
            return graph_file.read_bytes()
        return sorted_bytes(self.dump_ntriples, fmt)

    def __len__(self) -> int:
        if self.persistent:
            return count_triples(self.store)
        return len(self.store)


def select_ntriples(data: bytes, queries: Sequence[str]) -> list[Rows]:
    """SELECT queries' rows over a small graph given as N-Triples (an article's facts)."""
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.N_TRIPLES)
    out = []
    for sparql in queries:
        result = store.query(sparql, prefixes=PREFIXES)
        assert isinstance(result, ox.QuerySolutions)
        columns = tuple(v.value for v in result.variables)
        out.append(Rows(columns, tuple(tuple(sol[c] for c in columns) for sol in result)))
    return out


def _open_read_only(path: Path, attempts: int = 5) -> ox.Store:
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            # A build compacting the store meanwhile can delete a file the list being read names:
            # the next attempt reads the new list.
            if attempt + 1 == attempts or "No such file" not in str(exc):
                raise GraphError(f"cannot open the store {path}: {exc}; rebuild it with `kg build`") from None
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _build_value(store: ox.Store, predicate: str) -> str | None:
    build = ox.NamedNode(BUILD_GRAPH)
    for quad in store.quads_for_pattern(build, ox.NamedNode(predicate), None, build):
        return quad.object.value
    return None


def _graph_file_is_current(store: ox.Store) -> bool:
    """graph.ttl was written from the store as it is now."""
    revision = _build_value(store, REVISION)
    return revision is not None and revision == _build_value(store, WRITTEN)


def view_rows(store: ox.Store, name: str) -> str | None:
    """Every article's rows of the view `name` run together, or None when some article lacks them."""
    build, view = _nt(BUILD_GRAPH), _nt(VIEW + name)
    # One string built by Oxigraph: thousands of separate literals cost more to hand to Python.
    found = store.query(f"SELECT (COUNT(?a) AS ?n) (GROUP_CONCAT(?rows; separator='') AS ?all) "
                        f"(SUM(IF(BOUND(?rows), 0, 1)) AS ?missing) WHERE {{ GRAPH {build} {{ "
                        f"{_HASH_OR_LOADING} OPTIONAL {{ ?a {view} ?rows }} }} }}")
    n, rows, missing = next(iter(found))  # type: ignore[call-overload, misc]
    return rows.value if int(missing.value) == 0 and int(n.value) > 0 else None


def _merged_file(directory: Path, name: str) -> Path:
    view, _, version = name.partition("/")
    return directory / VIEWS_DIR / f"{view}.{version}.tsv"


def merged_view(store: ox.Store, directory: Path, name: str) -> str | None:
    """The merged rows of the view `name` in the build `directory`, when they were merged from its
    store as it is now: their first line is the revision they were merged at."""
    try:
        first, _, rows = _merged_file(directory, name).read_text(encoding="utf-8").partition("\n")
    except (OSError, UnicodeDecodeError):
        return None
    return rows if first == _build_value(store, REVISION) else None


def count_triples(store: ox.Store) -> int:
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(next(iter(result))["n"].value)  # type: ignore[call-overload, index]


# --- SPARQL endpoints --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Endpoint:
    """A SPARQL 1.1 endpoint: query URL, update URL and Graph Store Protocol URL.

    Given the query URL, the update URL is its sibling `update` when it ends in `/query` (Oxigraph,
    Fuseki), else the same URL (Virtuoso, QLever); the Graph Store Protocol URL is the sibling
    `store` (Oxigraph) or `data` (Fuseki), whichever answers. KG_ENDPOINT_UPDATE and KG_ENDPOINT_GSP
    override them. Credentials come from the environment, KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD
    (HTTP Basic) or KG_ENDPOINT_TOKEN (Bearer), never from the URL; they never appear in messages.
    """

    query_url: str
    update_url: str
    gsp_urls: tuple[str, ...]
    authorization: str | None = None
    timeout: float = 600.0

    @classmethod
    def from_url(cls, url: str) -> Endpoint:
        parts = urllib.parse.urlsplit(url)
        if "@" in parts.netloc:
            raise GraphError("do not put credentials in the endpoint URL: set KG_ENDPOINT_USER and "
                             "KG_ENDPOINT_PASSWORD (or KG_ENDPOINT_TOKEN) in the environment instead")
        query = url.split("#")[0]
        if not parts.path.strip("/"):
            query = query.rstrip("/") + "/query"  # a bare server address: Oxigraph's layout
        path = urllib.parse.urlsplit(query).path.rstrip("/")
        base = query.rsplit("/", 1)[0] if path.endswith(("/query", "/sparql")) else None
        update = os.environ.get("KG_ENDPOINT_UPDATE") or (
            base + "/update" if base and path.endswith("/query") else query)
        gsp = os.environ.get("KG_ENDPOINT_GSP")
        gsp_urls = (gsp,) if gsp else ((base + "/store", base + "/data") if base else (query,))
        return cls(query, update, gsp_urls, _authorization())

    @property
    def public(self) -> str:
        """The URL as it may be shown: no credentials, no query string."""
        return self.query_url.split("?")[0]

    def request(self, url: str, data: bytes | None = None, headers: Mapping[str, str] | None = None,
                method: str | None = None) -> urllib.request.Request:
        all_headers = dict(headers or {})
        if self.authorization:
            all_headers["Authorization"] = self.authorization
        return urllib.request.Request(url, data=data, headers=all_headers, method=method)

    def call(self, request: urllib.request.Request) -> tuple[bytes, str]:
        """The response's body and media type; an HTTP error as a KgError naming the endpoint only."""
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            lines = exc.read()[:300].decode("utf-8", "replace").strip().splitlines()
            message = f"SPARQL endpoint {self.public} answered {exc.code} {exc.reason}" + \
                (f": {lines[0]}" if lines else "")
            raise (QueryError if exc.code == 400 else GraphError)(message) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise GraphError(f"SPARQL endpoint {self.public} failed: {reason}; check the URL and that "
                             "the server runs") from None

    def query(self, sparql: str, accept: str) -> bytes:
        return self.ask(sparql, accept)[0]

    def ask(self, sparql: str, accept: str) -> tuple[bytes, str]:
        data = urllib.parse.urlencode({"query": sparql}).encode()
        return self.call(self.request(self.query_url, data, {
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}))

    def update(self, sparql: str) -> None:
        self.call(self.request(self.update_url, sparql.encode("utf-8"), {
            "Content-Type": "application/sparql-update; charset=utf-8"}))

    def default_graph(self, media_type: str) -> bytes:
        """The default graph, by the Graph Store Protocol when the server has it, else by CONSTRUCT."""
        for url in self.gsp_urls:
            try:
                return self.call(self.request(f"{url}?default", headers={"Accept": media_type}))[0]
            except KgError:
                continue
        return self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", media_type)


def _authorization() -> str | None:
    token = os.environ.get("KG_ENDPOINT_TOKEN")
    if token:
        return f"Bearer {token}"
    user = os.environ.get("KG_ENDPOINT_USER")
    if not user:
        return None
    password = os.environ.get("KG_ENDPOINT_PASSWORD", "")
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def redact(url: str) -> str:
    """A store location as it may appear in logs and reports."""
    return Endpoint.from_url(url).public if url.startswith(("http://", "https://")) else url


class RemoteGraph:
    """A SPARQL 1.1 endpoint, queried over the SPARQL Protocol (read only)."""

    def __init__(self, url: str) -> None:
        self.endpoint = Endpoint.from_url(url)
        self.url = self.endpoint.public

    def select(self, sparql: str, bindings: dict[str, Term]) -> Rows:
        if bindings:  # bound as a VALUES block of N-Triples terms: escaped, never pasted as text
            names = " ".join(f"?{k}" for k in bindings)
            values = " ".join(str(v) for v in bindings.values())
            sparql = f"{sparql}\nVALUES ({names}) {{ ({values}) }}"
        try:
            payload = json.loads(self.endpoint.query(sparql, "application/sparql-results+json"))
        except ValueError as exc:
            raise GraphError(f"SPARQL endpoint {self.url} did not answer JSON results: {exc}") from None
        if "boolean" in payload:
            return Rows(("result",), ((ox.Literal(str(payload["boolean"]).lower()),),))
        columns = tuple(payload.get("head", {}).get("vars", []))
        rows = tuple(tuple(_from_json(b.get(c)) for c in columns) for b in payload["results"]["bindings"])
        return Rows(columns, rows)

    def answer(self, sparql: str, accept: Sequence[str]) -> Answer:
        return Answer(*self.endpoint.ask(sparql, ", ".join(accept) or "*/*"))

    def dump_ntriples(self, out: IO[bytes]) -> None:
        out.write(self.endpoint.default_graph("application/n-triples"))

    def triples(self) -> Iterator[ox.Triple]:
        data = self.endpoint.default_graph("application/n-triples")
        return iter(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))

    def serialize(self, fmt: ox.RdfFormat) -> bytes:
        """The whole graph in `fmt`, sorted: servers answer in orders of their own."""
        return sorted_bytes(self.dump_ntriples, fmt)


def _from_json(cell: dict | None) -> Term | None:
    if cell is None:
        return None
    if cell["type"] == "uri":
        return ox.NamedNode(cell["value"])
    if cell["type"] == "bnode":
        return ox.BlankNode(cell["value"])
    if "xml:lang" in cell:
        return ox.Literal(cell["value"], language=cell["xml:lang"])
    if "datatype" in cell:
        return ox.Literal(cell["value"], datatype=ox.NamedNode(cell["datatype"]))
    return ox.Literal(cell["value"])


def open_graph(graph: str) -> LocalGraph | RemoteGraph:
    if graph.startswith(("http://", "https://")):
        return RemoteGraph(graph)
    path = Path(graph)
    if not path.exists():
        raise GraphError(f"graph {graph} does not exist: give a `kg build` output directory, an RDF file "
                         "or a URL")
    return LocalGraph(path)


def load_rdflib(graph: str) -> Graph:
    """The whole graph as an rdflib Graph (for validation and networkx export)."""
    data = io.BytesIO()
    open_graph(graph).dump_ntriples(data)
    return to_rdflib(data.getvalue())


# --- the dataset a build writes ----------------------------------------------------------------------

@dataclass(frozen=True)
class ArticleGraph:
    """An article's facts as N-Triples; None retracts the article (pruned, or failed to rebuild)."""

    iri: str
    digest: str | None
    ntriples: bytes | None
    views: tuple[tuple[str, str], ...] = ()  # (predicate under VIEW, the article's rows)
    known: bool = True  # the dataset may hold a previous version (False: certainly not)
    # Nodes already validated where the article was extracted (only this article describes them),
    # and their violations: the store records these instead of queueing the nodes.
    checked: tuple[str, ...] = ()
    violations: tuple[Mapping[str, str], ...] = ()


def replace_update(articles: Sequence[ArticleGraph], revision: str) -> str:
    """One SPARQL update (one transaction) that retracts each article's previous facts and asserts
    its new ones, in its named graph and in the merged default graph. A retracted triple leaves the
    default graph only when no other article states it. What validation must look at again is
    queued: the subjects of a retracted version, and the new version's subjects that were not
    validated already (whose violations are recorded instead)."""
    build = _nt(BUILD_GRAPH)
    ops = [f"DELETE WHERE {{ GRAPH {build} {{ {build} <{REVISION}> ?r }} }}",
           f"INSERT DATA {{ GRAPH {build} {{ {build} <{REVISION}> {_string(revision)} }} }}"]
    for article in articles:
        ops += _retraction(article.iri)
    stored = [a for a in articles if a.ntriples is not None and a.digest is not None]
    for article in stored:
        g, data = _nt(article.iri), article.ntriples.decode("utf-8")  # type: ignore[union-attr]
        views = "".join(f" {g} {_nt(VIEW + name)} {_string(rows)} ." for name, rows in article.views)
        ops.append(f"INSERT DATA {{ GRAPH {g} {{\n{data}}}\n{data}GRAPH {build} {{ {g} <{CONTENT_HASH}> "
                   f"{_string(article.digest)} .{views} }} }}")
    checked = [n for a in stored for n in a.checked]
    if checked:  # their previous versions' queue entries and violations
        ops.append(f"DELETE {{ GRAPH {build} {{ ?n ?p ?o }} }} WHERE {{ VALUES ?n {{ {_values(checked)} }} "
                   f"GRAPH {build} {{ ?n ?p ?o }} FILTER (?p IN (<{PENDING}>, <{VIOLATION}>)) }}")
    ops.append(f"INSERT DATA {{ GRAPH {build} {{\n{_validation_state(stored)}\n}} }}")
    return " ;\n".join(ops)


def _retraction(iri: str) -> list[str]:
    """SPARQL operations that remove an article's facts and bookkeeping, queueing its subjects for
    validation; a triple leaves the default graph only when no other article states it."""
    build, g = _nt(BUILD_GRAPH), _nt(iri)
    return [
        # DISTINCT: one insertion per subject, not per triple (5× faster)
        f"INSERT {{ GRAPH {build} {{ ?s <{PENDING}> true }} }} WHERE {{ SELECT DISTINCT ?s WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }} }}",
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {g}) }} }}",
        f"DROP SILENT GRAPH {g}",
        f"DELETE WHERE {{ GRAPH {build} {{ {g} <{CONTENT_HASH}> ?h }} }}",
        f"DELETE WHERE {{ GRAPH {build} {{ {g} <{PENDING_GRAPH}> ?x }} }}",
        f"DELETE WHERE {{ GRAPH {build} {{ {g} <{LOADING}> ?x }} }}",
        f"DELETE {{ GRAPH {build} {{ {g} ?v ?rows }} }} WHERE {{ GRAPH {build} {{ {g} ?v ?rows }} "
        f"FILTER STRSTARTS(STR(?v), {_string(VIEW)}) }}",
    ]


def subject_iris(ntriples: bytes) -> list[str]:
    """The IRI subjects of N-Triples, sorted."""
    found = {line.split(b" ", 1)[0] for line in ntriples.splitlines()}
    return sorted(s[1:-1].decode("utf-8") for s in found if s.startswith(b"<"))


def _validation_state(articles: Iterable[ArticleGraph]) -> str:
    """The build graph's triples for stored articles: the violations of their nodes validated
    already, and the queue entries of the others (queued here, not found by a query later)."""
    lines = []
    for a in articles:
        checked = set(a.checked)
        lines += [f"{_nt(s)} <{PENDING}> true ." for s in subject_iris(a.ntriples or b"") if s not in checked]
        lines.append(_violation_triples(a.violations))
    return "\n".join(line for line in lines if line)


def _describe_query(nodes: Sequence[str]) -> str:
    """What validating `nodes` needs: their triples in the merged graph and the types of the nodes
    they point to (for sh:class)."""
    return ("CONSTRUCT { ?s ?p ?o . ?o a ?t } WHERE { VALUES ?s { " + _values(nodes) + " } ?s ?p ?o "
            "OPTIONAL { ?o a ?t } }")


def describe_snapshot(path: str, nodes: Sequence[str]) -> bytes:
    """`Dataset.describe` over a snapshot: run where the nodes are validated, so that describing
    (a third of validating) is spread over the worker processes too."""
    return _describe(_snapshot(path), nodes)


_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _describe(store: ox.Store, nodes: Sequence[str]) -> bytes:
    """What `_describe_query` constructs, read from the store's indexes: twice as fast as the query."""
    found: dict[ox.Triple, None] = {}
    objects: dict[ox.NamedNode | ox.BlankNode, None] = {}
    default = ox.DefaultGraph()
    for node in nodes:
        for quad in store.quads_for_pattern(ox.NamedNode(node), None, None, default):
            found[quad.triple] = None
            if not isinstance(quad.object, ox.Literal):
                objects[quad.object] = None  # type: ignore[index]
    for target in objects:
        for quad in store.quads_for_pattern(target, _RDF_TYPE, None, default):
            found[quad.triple] = None
    return ox.serialize(found, format=ox.RdfFormat.N_TRIPLES) or b""


def describe_ntriples(data: bytes, nodes: Iterable[str]) -> bytes:
    """What `_describe` reads from a store, read from N-Triples that state all the nodes' facts."""
    wanted = {ox.NamedNode(n) for n in nodes}
    triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    found = dict.fromkeys(t for t in triples if t.subject in wanted)
    objects = {t.object for t in found if not isinstance(t.object, ox.Literal)}
    found.update(dict.fromkeys(t for t in triples if t.predicate == _RDF_TYPE and t.subject in objects))
    return ox.serialize(found, format=ox.RdfFormat.N_TRIPLES) or b""


@lru_cache(maxsize=1)
def _snapshot(path: str) -> ox.Store:
    return _open_read_only(Path(path))


def _values(iris: Iterable[str]) -> str:
    return " ".join(_nt(i) for i in iris)


def _violation_triples(violations: Iterable[Mapping[str, str]]) -> str:
    """A violation is recorded on its focus node; one on a blank node, on the build graph's node
    (cleared when the whole graph is validated again)."""
    return "\n".join(f"{_nt(_iri_or_build(v['focus']))} <{VIOLATION}> "
                     f"{_string(json.dumps(dict(v), sort_keys=True))} ." for v in violations)


def _iri_or_build(node: str) -> str:
    return node if ":" in node and not node.startswith("_:") else BUILD_GRAPH


# An article a killed build left half-loaded has an empty hash: it differs from every content hash, so
# the next build replaces the article, and --prune can remove it.
_HASH_OR_LOADING = (f"{{ ?a <{CONTENT_HASH}> ?h }} UNION {{ ?a <{LOADING}> ?x BIND (\"\" AS ?h) "
                    f"FILTER NOT EXISTS {{ ?a <{CONTENT_HASH}> ?y }} }}")


def _count(rows: Sequence[tuple[Term | None, ...]]) -> int:
    return int(rows[0][0].value) if rows and rows[0][0] is not None else 0


class Dataset:
    """A build's dataset; subclasses say how SPARQL reaches it."""

    location: str

    def update(self, sparql: str) -> None:
        raise NotImplementedError

    def rows(self, sparql: str) -> list[tuple[Term | None, ...]]:
        raise NotImplementedError

    def construct(self, sparql: str) -> bytes:
        """A CONSTRUCT query's triples as N-Triples."""
        raise NotImplementedError

    def _build_value(self, predicate: str) -> str | None:
        build = _nt(BUILD_GRAPH)
        found = self.rows(f"SELECT ?v WHERE {{ GRAPH {build} {{ {build} <{predicate}> ?v }} }}")
        return found[0][0].value if found and found[0][0] is not None else None

    def graph_file_current(self) -> bool:
        """graph.ttl was written from the dataset as it is now."""
        revision = self._build_value(REVISION)
        return revision is not None and revision == self._build_value(WRITTEN)

    def mark_written(self) -> None:
        """Record that graph.ttl now matches the dataset (lets an export hand it out, and the next
        build copy its blocks)."""
        revision, build = self._build_value(REVISION), _nt(BUILD_GRAPH)
        if revision is not None:
            self.update(f"DELETE WHERE {{ GRAPH {build} {{ {build} <{WRITTEN}> ?r }} }} ;\n"
                        f"INSERT DATA {{ GRAPH {build} {{ {build} <{WRITTEN}> {_string(revision)} }} }}")

    def article_ntriples(self, iri: str) -> bytes:
        """An article's own facts (its named graph) as N-Triples."""
        return self.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {_nt(iri)} {{ ?s ?p ?o }} }}")

    def view_rows(self, name: str) -> str | None:
        """Every article's rows of the view `name` run together (None: some article lacks them, or
        the dataset does not keep views)."""
        return None

    def keep_merged(self, name: str, rows: str) -> None:
        """Keep the merged rows of the view `name`, marked with the revision they were merged at."""

    def write_turtle(self, graph_file: GraphFile) -> None:
        """graph.ttl of the dataset's articles: the blocks `graph_file` holds, the others copied from
        its previous file or read from the dataset."""
        graph_file.write(sorted(self.articles()), self.article_ntriples)
        self.mark_written()

    def close(self) -> None:
        """Release the store."""

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def content_hashes(self, iris: Sequence[str]) -> dict[str, str]:
        if not iris:
            return {}
        found = self.rows(f"SELECT ?a ?h WHERE {{ VALUES ?a {{ {_values(iris)} }} "
                          f"GRAPH {_nt(BUILD_GRAPH)} {{ {_HASH_OR_LOADING} }} }}")
        return {a.value: h.value for a, h in found if a is not None and h is not None}

    def articles(self) -> list[str]:
        """Every article the dataset holds (in part, when a killed build was loading it)."""
        found = self.rows(f"SELECT DISTINCT ?a WHERE {{ GRAPH {_nt(BUILD_GRAPH)} {{ {_HASH_OR_LOADING} }} }}")
        return [a.value for (a,) in found if a is not None]

    def replace(self, articles: Sequence[ArticleGraph]) -> None:
        for start in range(0, len(articles), REPLACE_BATCH):
            self.update(replace_update(articles[start:start + REPLACE_BATCH], uuid.uuid4().hex))

    def prepare_validation(self, shapes: str) -> None:
        """Queue the subjects of the articles stored since the last validation, or every node when
        the shapes changed since then; one transaction."""
        build = _nt(BUILD_GRAPH)
        found = self.rows(f"SELECT ?f WHERE {{ GRAPH {build} {{ {build} <{SHAPES}> ?f }} }}")
        ops = [f"INSERT {{ GRAPH {build} {{ ?s <{PENDING}> true }} }} WHERE {{ SELECT DISTINCT ?s WHERE {{ "
               f"GRAPH {build} {{ ?g <{PENDING_GRAPH}> true }} GRAPH ?g {{ ?s ?p ?o }} }} }}",
               f"DELETE WHERE {{ GRAPH {build} {{ ?g <{PENDING_GRAPH}> true }} }}"]
        if not (found and found[0][0] is not None and found[0][0].value == shapes):
            ops += [f"DELETE WHERE {{ GRAPH {build} {{ ?n <{VIOLATION}> ?v }} }}",
                    f"DELETE WHERE {{ GRAPH {build} {{ {build} <{SHAPES}> ?f }} }}",
                    f"INSERT {{ GRAPH {build} {{ ?s <{PENDING}> true }} }} "
                    "WHERE { SELECT DISTINCT ?s WHERE { ?s ?p ?o } }",
                    f"INSERT DATA {{ GRAPH {build} {{ {build} <{SHAPES}> {_string(shapes)} }} }}"]
        self.update(" ;\n".join(ops))

    def pending(self) -> Iterator[str]:
        """The nodes waiting for validation."""
        found = self.rows(f"SELECT ?n WHERE {{ GRAPH {_nt(BUILD_GRAPH)} {{ ?n <{PENDING}> true }} }}")
        return iter([n.value for (n,) in found if isinstance(n, ox.NamedNode)])

    def describe(self, nodes: Sequence[str]) -> bytes:
        return self.construct(_describe_query(nodes))

    @contextmanager
    def snapshot(self) -> Iterator[str | None]:
        """The path of a read-only copy of the store as it is now, which processes on this machine
        can describe nodes from (`describe_snapshot`); None: the dataset has no such copy."""
        yield None

    def record_validation(self, nodes: Sequence[str], violations: Sequence[Mapping[str, str]]) -> None:
        """Replace the violations of `nodes` and take them off the queue, in one transaction."""
        build = _nt(BUILD_GRAPH)
        self.update(f"DELETE {{ GRAPH {build} {{ ?n ?p ?o }} }} WHERE {{ VALUES ?n {{ {_values(nodes)} }} "
                    f"GRAPH {build} {{ ?n ?p ?o }} FILTER (?p IN (<{PENDING}>, <{VIOLATION}>)) }} ;\n"
                    f"INSERT DATA {{ GRAPH {build} {{\n{_violation_triples(violations)}\n}} }}")

    def record_all(self, violations: Sequence[Mapping[str, str]]) -> None:
        """The violations of the whole graph, validated at once: the queue is emptied."""
        build = _nt(BUILD_GRAPH)
        self.update(f"DELETE WHERE {{ GRAPH {build} {{ ?n <{PENDING}> ?x }} }} ;\n"
                    f"DELETE WHERE {{ GRAPH {build} {{ ?n <{VIOLATION}> ?v }} }} ;\n"
                    f"INSERT DATA {{ GRAPH {build} {{\n{_violation_triples(violations)}\n}} }}")

    def waiting(self) -> int:
        """How many nodes wait for validation."""
        build = _nt(BUILD_GRAPH)
        found = self.rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {build} {{ ?s <{PENDING}> true }} }}")
        return _count(found)

    def subjects(self) -> int:
        """How many nodes the merged graph describes."""
        return _count(self.rows("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"))

    def default_ntriples(self) -> bytes:
        """The merged graph as N-Triples."""
        return self.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")

    def violations(self) -> list[dict[str, str]]:
        found = self.rows(f"SELECT ?v WHERE {{ GRAPH {_nt(BUILD_GRAPH)} {{ ?n <{VIOLATION}> ?v }} }}")
        return [json.loads(v.value) for (v,) in found if v is not None]

    def count_triples(self) -> int:
        return _count(self.rows("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))

    def count_instances(self, classes: Mapping[str, str]) -> dict[str, int]:
        values = " ".join(f"({_nt(iri)} {_string(name)})" for name, iri in classes.items())
        found = self.rows(f"SELECT ?name (COUNT(DISTINCT ?s) AS ?n) "
                          f"WHERE {{ VALUES (?c ?name) {{ {values} }} ?s a ?c }} GROUP BY ?name")
        counts = dict.fromkeys(classes, 0)
        counts.update({name.value: int(n.value) for name, n in found if name is not None and n is not None})
        return counts


class EmbeddedDataset(Dataset):
    """An Oxigraph store on disk (RocksDB): transactions survive a killed process."""

    def __init__(self, path: Path) -> None:
        self.location = str(path)
        self._unflushed = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.store: ox.Store | None = ox.Store(str(path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise GraphError(f"the store {path} is in use by another kg build or process; wait for it "
                                 "to finish") from None
            raise GraphError(f"cannot open the store {path}: {exc}; delete it to rebuild from scratch") \
                from None

    @property
    def _store(self) -> ox.Store:
        if self.store is None:
            raise GraphError(f"the store {self.location} is closed")
        return self.store

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except OSError as exc:
            raise GraphError(f"cannot write the store {self.location}: {exc}") from None

    def replace(self, articles: Sequence[ArticleGraph]) -> None:
        new, others = [], []
        for a in articles:
            (new if not a.known and a.ntriples is not None and a.digest is not None else others).append(a)
        super().replace(others)
        if new:
            self._insert(new)
        self._written(sum(a.ntriples.count(b"\n") for a in articles if a.ntriples))

    def _insert(self, articles: Sequence[ArticleGraph]) -> None:
        """Articles the store has never held: their facts bulk-loaded (written straight to the
        store's files, without a transaction: several times faster), between two transactions. The
        first marks them as loading (and changes the revision, so that graph.ttl is marked as
        behind); the last stores their hashes, validation queue and views and clears the marks. A
        build killed in between leaves them marked: the next build replaces them, --prune removes them."""
        build = _nt(BUILD_GRAPH)
        marks = " ".join(f"{_nt(a.iri)} <{LOADING}> true ." for a in articles)
        self.update(f"DELETE WHERE {{ GRAPH {build} {{ {build} <{REVISION}> ?r }} }} ;\n"
                    f"INSERT DATA {{ GRAPH {build} {{ {build} <{REVISION}> {_string(uuid.uuid4().hex)} . "
                    f"{marks} }} }}")
        quads = []
        for a in articles:
            assert a.ntriples is not None
            quads += (a.ntriples, a.ntriples.replace(b" .\n", f" {_nt(a.iri)} .\n".encode()))
        try:
            self._store.bulk_load(b"".join(quads), format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as exc:
            raise GraphError(f"cannot write the store {self.location}: {exc}") from None
        facts = "".join(f"{_nt(a.iri)} <{CONTENT_HASH}> {_string(a.digest or '')} . "
                        + "".join(f"{_nt(a.iri)} {_nt(VIEW + key)} {_string(rows)} . " for key, rows in a.views)
                        for a in articles)
        self.update(f"DELETE DATA {{ GRAPH {build} {{ {marks} }} }} ;\n"
                    f"INSERT DATA {{ GRAPH {build} {{ {facts}\n{_validation_state(articles)} }} }}")

    def view_rows(self, name: str) -> str | None:
        return view_rows(self._store, name)

    def describe(self, nodes: Sequence[str]) -> bytes:
        return _describe(self._store, nodes)

    @contextmanager
    def snapshot(self) -> Iterator[str | None]:
        # A RocksDB checkpoint: hard links to the store's immutable files, made in milliseconds;
        # the build's writes and compactions meanwhile do not touch it.
        path = Path(self.location).parent / f".snapshot-{uuid.uuid4().hex}.tmp"
        try:
            self._store.backup(str(path))
        except OSError as exc:
            raise GraphError(f"cannot snapshot the store {self.location}: {exc}") from None
        try:
            yield str(path)
        finally:
            shutil.rmtree(path, ignore_errors=True)

    def keep_merged(self, name: str, rows: str) -> None:
        path = _merged_file(Path(self.location).parent, name)
        atomic_write(path, f"{_build_value(self._store, REVISION) or ''}\n{rows}".encode("utf-8"))
        for older in path.parent.glob(f"{name.partition('/')[0]}.*.tsv"):
            if older != path:  # an edited query's
                older.unlink(missing_ok=True)

    def prepare_validation(self, shapes: str) -> None:
        super().prepare_validation(shapes)
        self._flush()  # it queued every node stored since the last validation

    def record_validation(self, nodes: Sequence[str], violations: Sequence[Mapping[str, str]]) -> None:
        # Taking nodes off the queue writes as much as storing them did: without a flush, a long
        # validation's deletions pile up in the write buffers. A chunk's pyshacl run dwarfs a flush.
        super().record_validation(nodes, violations)
        self._flush()

    def _written(self, triples: int) -> None:
        self._unflushed += triples
        if self._unflushed >= FLUSH_EVERY:
            self._flush()

    def _flush(self) -> None:
        self._store.flush()
        self._unflushed = 0

    def rows(self, sparql: str) -> list[tuple[Term | None, ...]]:
        result = self._store.query(sparql)
        assert isinstance(result, ox.QuerySolutions)
        columns = [v.value for v in result.variables]
        return [tuple(sol[c] for c in columns) for sol in result]

    def construct(self, sparql: str) -> bytes:
        result = self._store.query(sparql)
        assert isinstance(result, ox.QueryTriples)
        return result.serialize(format=ox.RdfFormat.N_TRIPLES) or b""

    def pending(self) -> Iterator[str]:
        # A snapshot: the queue can be emptied while this runs.
        build = ox.NamedNode(BUILD_GRAPH)
        for quad in self._store.quads_for_pattern(None, ox.NamedNode(PENDING), None, build):
            if isinstance(quad.subject, ox.NamedNode):
                yield quad.subject.value

    def article_ntriples(self, iri: str) -> bytes:
        return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri)) or b""

    def count_triples(self) -> int:
        return count_triples(self._store)

    def default_ntriples(self) -> bytes:
        return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""

    def close(self) -> None:
        if self.store is not None:
            self.store.flush()
            self.store = None


class EndpointDataset(Dataset):
    """A dataset behind a SPARQL 1.1 endpoint: updates by the SPARQL Update protocol (one request per
    batch, which servers run as one transaction), reads by the query protocol and the Graph Store
    Protocol."""

    def __init__(self, url: str) -> None:
        self.endpoint = Endpoint.from_url(url)
        self.location = self.endpoint.public

    def update(self, sparql: str) -> None:
        self.endpoint.update(sparql)

    def rows(self, sparql: str) -> list[tuple[Term | None, ...]]:
        payload = json.loads(self.endpoint.query(sparql, "application/sparql-results+json"))
        columns = payload.get("head", {}).get("vars", [])
        return [tuple(_from_json(b.get(c)) for c in columns) for b in payload["results"]["bindings"]]

    def construct(self, sparql: str) -> bytes:
        return self.endpoint.query(sparql, "application/n-triples")

    def default_ntriples(self) -> bytes:
        return self.endpoint.default_graph("application/n-triples")


def open_dataset(out: Path, store_url: str | None = None) -> Dataset:
    """The dataset a build of `out` writes: `store_url` (an http(s):// SPARQL endpoint) or out/store."""
    if store_url is None:
        return EmbeddedDataset(out / STORE_DIR)
    if not store_url.startswith(("http://", "https://")):
        raise GraphError(f"--store {store_url}: give an http(s):// SPARQL endpoint URL (leave it out to "
                         f"use {out / STORE_DIR})")
    return EndpointDataset(store_url)

