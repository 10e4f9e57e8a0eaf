"""RDF namespaces: the project's own namespace is the one constant BASE."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

BASE = "https://w3id.org/vnkg/"
KG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "id": str(ID),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "time": str(TIME),
    "xsd": str(XSD),
}

__all__ = ["BASE", "KG", "ID", "SCHEMA", "FOAF", "ORG", "OWL", "PROV", "RDF", "RDFS", "SKOS", "TIME",
           "XSD", "PREFIXES"]
