"""Export a graph to RDF formats (through Oxigraph) or network formats (through networkx)."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import GraphError
from .store import atomic_write, load_rdflib, open_graph

RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
               "jsonld": ox.RdfFormat.JSON_LD}
NETWORK_FORMATS = ("graphml", "gexf", "json")
FORMATS = tuple(RDF_FORMATS) + NETWORK_FORMATS


def export(graph: str, fmt: str, output: Path | None = None) -> bytes | None:
    """Serialize GRAPH as `fmt`; write to `output` (atomically) or return the bytes."""
    if fmt in RDF_FORMATS:
        data = open_graph(graph).serialize(RDF_FORMATS[fmt])
    elif fmt in NETWORK_FORMATS:
        from .network import to_networkx, write_network

        data = write_network(to_networkx(load_rdflib(graph)), fmt)
    else:
        raise GraphError(f"unknown export format {fmt}: use one of {', '.join(FORMATS)}")
    if output is None:
        return data
    atomic_write(output, data)
    return None
