"""The knowledge graph as a networkx graph: typed nodes and edges for analysis and export."""
from __future__ import annotations

import io
import json

import networkx as nx
from rdflib import Graph, URIRef

from .namespaces import FOAF, KG, ORG, RDF, SCHEMA, SKOS

NODE_TYPES = {FOAF.Person: "person", ORG.Organization: "organization", KG.Province: "unit", KG.District: "unit",
              KG.Commune: "unit", KG.Country: "unit", KG.Congress: "meeting", KG.Plenum: "meeting",
              KG.Session: "meeting", KG.Resolution: "resolution", KG.Directive: "resolution",
              KG.Project: "resolution", KG.Programme: "resolution", KG.Decision: "resolution",
              SCHEMA.NewsArticle: "article"}
_LABELS = (FOAF.name, SKOS.prefLabel, SCHEMA.name, SCHEMA.headline, KG.sourceFile)


def _label(g: Graph, node: URIRef) -> str:
    for p in _LABELS:
        value = g.value(node, p)
        if value is not None:
            return str(value)
    return str(node).rsplit("/", 1)[-1]


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """Persons, organisations, units, meetings, resolutions and articles with typed edges."""
    net = nx.MultiDiGraph()
    for cls, kind in NODE_TYPES.items():
        for node in g.subjects(RDF.type, cls):
            if str(node) not in net:
                net.add_node(str(node), label=_label(g, node), type=kind, iri=str(node))

    def edge(s: object, o: object, kind: str, **attrs: str) -> None:
        if str(s) in net and str(o) in net:
            net.add_edge(str(s), str(o), key=kind + attrs.get("role", ""), type=kind, **attrs)

    for m in g.subjects(RDF.type, ORG.Membership):
        role = g.value(g.value(m, ORG.role), SKOS.prefLabel) or ""
        term = g.value(m, ORG.memberDuring)
        edge(g.value(m, ORG.member), g.value(m, ORG.organization), "holds_post", role=str(role),
             status=str(g.value(m, KG.status) or ""), term=_label(g, term) if term else "")
    for s, o in g.subject_objects(ORG.subOrganizationOf):
        edge(s, o, "sub_organization_of")
    for s, o in g.subject_objects(KG.unit):
        edge(s, o, "located_in")
    for s, o in g.subject_objects(SCHEMA.containedInPlace):
        edge(s, o, "located_in")
    for s, o in g.subject_objects(SCHEMA.organizer):
        edge(o, s, "organized")
    for s, o in g.subject_objects(KG.adoptedAt):
        edge(s, o, "adopted_at")
    for s, o in g.subject_objects(SCHEMA.mentions):
        edge(o, s, "source_article")
    return net


def write_network(net: nx.MultiDiGraph, fmt: str) -> bytes:
    if fmt == "json":
        data = nx.node_link_data(net, edges="links")
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(net, buffer)
    else:
        nx.write_gexf(net, buffer)
    return buffer.getvalue()
