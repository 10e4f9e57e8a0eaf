"""SHACL validation with pyshacl (the only module that imports it) and a readable report."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH, NamespaceManager

from .namespaces import FOAF, KG, PREFIXES, RDF, RDFS, SCHEMA, SKOS
from .resources import resource

_LABELS = (FOAF.name, SKOS.prefLabel, RDFS.label, SCHEMA.name, KG.sourceFile, SCHEMA.text)


@dataclass(frozen=True)
class Violation:
    focus: str
    label: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.label} [{self.path}]: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]


@lru_cache(maxsize=1)
def shapes() -> Graph:
    g = Graph()
    for path in sorted(resource("shapes").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


@lru_cache(maxsize=1)
def ontology() -> Graph:
    return Graph().parse(resource("ontology", "kg.ttl"), format="turtle")


def _label(data: Graph, node: object) -> str:
    for p in _LABELS:
        value = data.value(node, p)  # type: ignore[arg-type]
        if value is not None:
            return str(value)
    return str(node)


@lru_cache(maxsize=1)
def _prefixes() -> NamespaceManager:
    """The project's prefixes, not the data graph's: a graph read from N-Triples binds none of them."""
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace)
    return manager


def _short(term: object) -> str:
    if isinstance(term, URIRef):
        try:
            return _prefixes().normalizeUri(term)
        except ValueError:
            return str(term)
    return str(term) if term is not None else ""


def validate(data: Graph) -> ValidationReport:
    """Validate `data` (with the ontology mixed in for class hierarchy) against shapes/."""
    conforms, results, _ = shacl_validate(data, shacl_graph=shapes(), ont_graph=ontology(), inference="none",
                                          allow_warnings=True)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        violations.append(Violation(str(focus), _label(data, focus), _short(path), str(message or "")))
    violations.sort(key=lambda v: (v.label, v.path, v.message, v.focus))
    return ValidationReport(bool(conforms), tuple(violations))
