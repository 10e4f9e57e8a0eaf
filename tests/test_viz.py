"""kg.viz: the self-contained HTML page and the static pictures (the browser test is test_viz_browser.py)."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from test_network import HOAT, TINY, TUAN, tiny_graph

from kg import viz
from kg.errors import GraphError
from kg.namespaces import FOAF, ID
from kg.network import layout, to_networkx


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    path.write_text(TINY, encoding="utf-8")
    return path


def page_json(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, flags=re.DOTALL)
    assert match, "the page carries its data in one JSON script element"
    return json.loads(match.group(1))


def render(graph=None) -> str:
    g = graph if graph is not None else tiny_graph()
    net = to_networkx(g)
    return viz.html_page(g, net, layout(net), "kg: test").decode("utf-8")


def test_html_is_written_and_summarised(graph_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "view" / "graph.html"
    summary = viz.visualize(str(graph_file), out, None)
    assert summary.startswith(f"{out}: ") and "2 people" in summary and "\n" not in summary
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "__KG_" not in page


def test_page_needs_no_network() -> None:
    page = render()
    code = re.sub(r'<script type="application/json" id="kg-data">.*?</script>', "", page, flags=re.DOTALL)
    for pattern in (r"<script[^>]+src=", r"<link\b", r"@import", r"url\(", r"\bfetch\(", r"XMLHttpRequest",
                    r"\bimport\(", r"https?://(?!www\.w3\.org)"):
        assert not re.search(pattern, code), f"the page must not load anything: found {pattern}"
    assert "default-src 'none'" in page  # and the browser is told to refuse any load


def test_page_data_has_nodes_edges_and_evidence() -> None:
    data = page_json(render())
    nodes = {n["id"]: n for n in data["nodes"]}
    tuan = nodes[TUAN]
    assert (tuan["l"], tuan["t"]) == ("Trần Quang Tuấn", "person")
    sentences = [data["evidence"][i]["x"] for i in tuan["e"]]
    assert any(s.startswith("Đồng chí Trần Quang Tuấn, Bí thư Quận ủy") for s in sentences)
    article = data["nodes"][data["evidence"][tuan["e"][0]]["a"]]
    assert article["f"]["source_file"] == "a.txt"  # each sentence points at its article node
    index = {n["id"]: i for i, n in enumerate(data["nodes"])}
    posts = [e for e in data["edges"] if e["s"] == index[HOAT] and e["k"] == "holds_post"]
    assert sorted(data["roles"][e["r"]] for e in posts) == ["Bí thư", "Chủ tịch"]
    assert all(e["e"] for e in posts)  # a post carries its evidence
    assert set(data["styles"]["types"]) >= {"person", "organization", "unit", "meeting", "resolution", "article"}


def test_filters_get_units_as_a_tree_roles_and_terms() -> None:
    data = page_json(render())
    labels = [(data["nodes"][i]["l"], depth) for i, depth in data["units"]]
    assert labels.index(("thành phố Hải Phòng", 0)) + 1 == labels.index(("quận Hồng Bàng", 1))
    assert data["terms"] == ["2015-2020", "2020-2025"]
    assert data["roles"][0] == "Bí thư"  # the most frequent role first
    tuan = next(n for n in data["nodes"] if n["id"] == TUAN)
    assert {data["nodes"][u]["l"] for u in tuan["u"]} == {"quận Hồng Bàng", "thành phố Hải Phòng"}


def test_a_label_cannot_break_out_of_the_script_element() -> None:
    g = tiny_graph()
    hostile = "</script><script>alert(1)</script><!-- & ]]>"
    g.set((URIRef(TUAN), FOAF.name, Literal(hostile)))
    page = render(g)
    assert "</script><script>alert" not in page and "<!--" not in page.split('id="kg-data">', 1)[1]
    assert page.count("</script>") == 2  # the data element and the code element
    assert any(n["l"] == hostile for n in page_json(page)["nodes"])


def test_same_graph_gives_the_same_page() -> None:
    assert render() == render()


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_static_pictures(graph_file: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"graph.{suffix}"
    viz.visualize(str(graph_file), out, None)
    data = out.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    else:
        root = ET.fromstring(data)
        assert root.tag.endswith("svg")
        assert "Trần Quang Tuấn" in data.decode("utf-8") or b"<path" in data  # names drawn as text or glyphs
        viz.visualize(str(graph_file), tmp_path / "again.svg", "svg")
        assert (tmp_path / "again.svg").read_bytes() == data  # no date, fixed ids


def test_format_option_wins_over_the_suffix(graph_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "picture.out"
    viz.visualize(str(graph_file), out, "png")
    assert out.read_bytes().startswith(b"\x89PNG")


def test_unknown_format_is_a_kg_error(graph_file: Path, tmp_path: Path) -> None:
    with pytest.raises(GraphError, match=r"\.html, \.png or \.svg"):
        viz.visualize(str(graph_file), tmp_path / "graph.pdf", None)


def test_missing_graph_is_a_kg_error(tmp_path: Path) -> None:
    with pytest.raises(GraphError):
        viz.visualize(str(tmp_path / "missing"), tmp_path / "graph.html", None)


def test_person_without_a_post_still_belongs_to_its_articles_units() -> None:
    g = tiny_graph()
    lone = ID["person/31/le-van-a"]
    g.add((lone, FOAF.name, Literal("Lê Văn A")))
    g.add((lone, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), FOAF.Person))
    g.add((ID["article/a.txt"], URIRef("https://schema.org/mentions"), lone))
    data = page_json(render(g))
    node = next(n for n in data["nodes"] if n["id"] == str(lone))
    assert {data["nodes"][u]["l"] for u in node["u"]} == {"quận Hồng Bàng", "thành phố Hải Phòng"}
