"""Where graphs live: the only module that knows Oxigraph and SPARQL endpoints.

A GRAPH argument is a `kg build` output directory, an RDF file (.ttl, .nt, .trig, .nq, .jsonld) or
an http(s):// SPARQL endpoint. Writing is atomic: a temporary file renamed over the old one.
"""
from __future__ import annotations

import json
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from .errors import GraphError, QueryError
from .namespaces import PREFIXES

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
}
GRAPH_FILE = "graph.ttl"
Term = ox.NamedNode | ox.BlankNode | ox.Literal


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


def sorted_triples(graph: Graph) -> list[ox.Triple]:
    """The graph's triples in a stable order (subject, predicate, object as N-Triples)."""
    triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return triples


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def serialize(triples: Iterable[ox.Triple], fmt: ox.RdfFormat) -> bytes:
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""


def write_graph(graph: Graph, path: Path) -> int:
    """Write the graph as sorted Turtle (or the format of the suffix); the number of triples."""
    triples = sorted_triples(graph)
    atomic_write(path, serialize(triples, FORMATS.get(path.suffix, ox.RdfFormat.TURTLE)))
    return len(triples)


@dataclass(frozen=True)
class Rows:
    columns: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]


class LocalGraph:
    """An RDF file or build directory loaded into an in-memory Oxigraph store."""

    def __init__(self, path: Path) -> None:
        file = path / GRAPH_FILE if path.is_dir() else path
        if not file.exists():
            raise GraphError(f"{path} has no {GRAPH_FILE}: run `kg build INPUT --out {path}` first")
        fmt = FORMATS.get(file.suffix.lower())
        if fmt is None:
            raise GraphError(f"{file}: unknown RDF format; use .ttl, .nt, .trig, .nq or .jsonld")
        self.store = ox.Store()
        try:
            self.store.bulk_load(path=str(file), format=fmt)
        except (SyntaxError, ValueError, OSError) as exc:
            raise GraphError(f"{file} is not valid RDF: {exc}") from None

    def select(self, sparql: str, bindings: dict[str, Term]) -> Rows:
        subs = {ox.Variable(k): v for k, v in bindings.items()}
        try:
            result = self.store.query(sparql, substitutions=subs, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL query: {str(exc).splitlines()[0]}") from None
        if isinstance(result, ox.QuerySolutions):
            columns = tuple(v.value for v in result.variables)
            return Rows(columns, tuple(tuple(sol[c] for c in columns) for sol in result))
        if isinstance(result, ox.QueryBoolean):
            return Rows(("result",), ((ox.Literal(str(bool(result)).lower()),),))
        return Rows(("subject", "predicate", "object"), tuple((t.subject, t.predicate, t.object) for t in result))

    def triples(self) -> Iterator[ox.Triple]:
        for quad in self.store.quads_for_pattern(None, None, None):
            yield ox.Triple(quad.subject, quad.predicate, quad.object)

    def __len__(self) -> int:
        return len(self.store)


class RemoteGraph:
    """A SPARQL 1.1 endpoint, queried over the SPARQL Protocol (read only)."""

    def __init__(self, url: str) -> None:
        self.url = url

    def select(self, sparql: str, bindings: dict[str, Term]) -> Rows:
        if bindings:  # bound as a VALUES block of N-Triples terms: escaped, never pasted as text
            names = " ".join(f"?{k}" for k in bindings)
            values = " ".join(str(v) for v in bindings.values())
            sparql = f"{sparql}\nVALUES ({names}) {{ ({values}) }}"
        data = urllib.parse.urlencode({"query": sparql}).encode()
        request = urllib.request.Request(self.url, data=data, headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                payload = json.load(response)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise GraphError(f"SPARQL endpoint {self.url} failed: {exc}") from None
        columns = tuple(payload.get("head", {}).get("vars", []))
        rows = tuple(tuple(_from_json(b.get(c)) for c in columns) for b in payload["results"]["bindings"])
        return Rows(columns, rows)


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
        raise GraphError(f"graph {graph} does not exist: give a `kg build` output directory, an RDF file or a URL")
    return LocalGraph(path)


def load_rdflib(graph: str) -> Graph:
    """The whole graph as an rdflib Graph (for validation and networkx export)."""
    source = open_graph(graph)
    if isinstance(source, RemoteGraph):
        rows = source.select("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {})
        triples: Iterable[ox.Triple] = (ox.Triple(*r) for r in rows.rows)  # type: ignore[misc]
    else:
        triples = source.triples()
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return Graph().parse(data=data.decode("utf-8"), format="nt")
