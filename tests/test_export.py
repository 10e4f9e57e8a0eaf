"""kg.export: RDF formats load back with the same triples; network formats load in networkx."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import networkx as nx
import pytest
from conftest import FIXTURES, Built
from rdflib import Graph

from kg.errors import GraphError
from kg.export import FORMATS, RDF_FORMATS, export

RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "trig": "trig", "jsonld": "json-ld"}
TINY = FIXTURES / "shapes" / "Membership.ok.ttl"


def as_set(data: bytes, fmt: str) -> set:
    with warnings.catch_warnings():  # rdflib reads TriG through its deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        return set(Graph().parse(data=data.decode("utf-8"), format=RDFLIB_FORMAT[fmt]))


@pytest.fixture(scope="module")
def stored(built: Built) -> set:
    return set(Graph().parse(built.graph, format="turtle"))


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_export_loads_back_with_the_same_triples(built: Built, stored: set, fmt: str) -> None:
    data = export(str(built.out), fmt)
    assert isinstance(data, bytes)
    assert as_set(data, fmt) == stored


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_export_is_deterministic(fmt: str) -> None:
    assert export(str(TINY), fmt) == export(str(TINY), fmt)


def test_turtle_export_of_a_build_is_its_graph_file(built: Built) -> None:
    assert export(str(built.out), "turtle") == built.graph.read_bytes()


def test_turtle_export_uses_the_project_prefixes() -> None:
    text = export(str(TINY), "turtle").decode("utf-8")  # type: ignore[union-attr]
    assert "@prefix kg: <https://w3id.org/vnkg/ontology#> ." in text
    assert "foaf:name" in text


def test_export_from_a_file_or_a_directory_is_the_same(built: Built, tmp_path: Path) -> None:
    nt = tmp_path / "graph.nt"
    nt.write_bytes(export(str(built.out), "ntriples"))  # type: ignore[arg-type]
    assert export(str(nt), "ntriples") == export(str(built.out), "ntriples")
    # A build directory hands out its graph.ttl (a block per article); a file is serialized anew.
    assert as_set(export(str(nt), "turtle"), "turtle") == as_set(export(str(built.out), "turtle"), "turtle")


def test_export_to_a_file_writes_it_and_returns_nothing(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "graph.jsonld"
    assert export(str(TINY), "jsonld", target) is None
    assert as_set(target.read_bytes(), "jsonld") == set(Graph().parse(TINY))
    assert [p.name for p in target.parent.iterdir()] == ["graph.jsonld"]  # no temporary file left


def test_graphml_loads_in_networkx(tmp_path: Path) -> None:
    export(str(TINY), "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert "https://w3id.org/vnkg/id/person/31/tran-quang-tuan" in g
    assert "https://w3id.org/vnkg/id/org/303/quan-uy" in g
    assert g.number_of_edges() >= 1


def test_gexf_loads_in_networkx(tmp_path: Path) -> None:
    export(str(TINY), "gexf", tmp_path / "g.gexf")
    g = nx.read_gexf(tmp_path / "g.gexf")
    assert g.number_of_nodes() >= 2 and g.number_of_edges() >= 1


def test_json_is_node_link_data() -> None:
    data = json.loads(export(str(TINY), "json"))  # type: ignore[arg-type]
    assert {"nodes", "links"} <= set(data)
    ids = {n["id"] for n in data["nodes"]}
    assert all(link["source"] in ids and link["target"] in ids for link in data["links"])


def test_every_format_is_known() -> None:
    assert set(FORMATS) == {"turtle", "ntriples", "trig", "jsonld", "graphml", "gexf", "json"}


def test_unknown_format() -> None:
    with pytest.raises(GraphError, match="unknown export format xml: use one of turtle"):
        export(str(TINY), "xml")


def test_missing_graph(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="does not exist"):
        export(str(tmp_path / "none.ttl"), "turtle")
