"""Named queries kept as per-article views: the stored rows answer exactly as SPARQL over the merged
graph does, stay right across incremental builds, and give way to SPARQL when they cannot."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg import views as v
from kg.query import parse_param, run_query
from kg.store import (BUILD_GRAPH, STORE_DIR, VIEW, VIEWS_DIR, ArticleGraph, EmbeddedDataset, LocalGraph,
                      open_graph)

from conftest import ARTICLES, Built

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAMS = {"who_led_what": [(), ("roleLabel=Bí thư",), ("unitName=Hồng Bàng", "roleLabel=Bí thư"),
                           ("personName=Không Có Ai",)],
          "people": [(), ("personName=Trần Quang Tuấn",)]}


def test_the_named_queries_marked_as_views_load() -> None:
    found = v.views()
    assert {"who_led_what", "people"} <= set(found)
    wlw = found["who_led_what"]
    assert wlw.columns[:3] == ("personName", "roleLabel", "organizationLabel")
    assert wlw.order == ("source", "personName", "roleLabel", "organizationLabel")


def test_a_view_key_changes_with_the_query_text() -> None:
    wlw = v.views()["who_led_what"]
    edited = v._view(wlw.name, wlw.text.replace("?personName ?roleLabel ?organizationLabel\n",
                                                "?personName ?organizationLabel ?roleLabel\n"))
    assert edited.key != wlw.key and edited.key.startswith("who_led_what/")


@pytest.mark.parametrize("text", [
    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?o",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY DESC(?s)",
    "ASK { ?s ?p ?o }",
])
def test_a_query_that_cannot_be_a_view_is_refused(text: str) -> None:
    with pytest.raises(v.ViewError, match="marked as a view"):
        v._view("bad", text)


terms = st.one_of(
    st.none(),
    st.text().map(ox.Literal),
    st.tuples(st.text(), st.sampled_from(["vi", "en", "en-GB"])).map(lambda t: ox.Literal(t[0], language=t[1])),
    st.integers().map(lambda i: ox.Literal(str(i), datatype=ox.NamedNode(XSD + "integer"))),
    st.text(alphabet="abcxyz/:-ư", min_size=1).map(lambda s: ox.NamedNode("https://w3id.org/vnkg/id/" + s)),
)


@given(terms)
def test_a_cell_holds_any_term_on_one_line(term: ox.Literal | ox.NamedNode | None) -> None:
    cell = v.encode(term)
    assert "\t" not in cell and "\n" not in cell
    assert v.decode(cell) == term


def test_sort_keys_follow_sparql_order_by() -> None:
    integer = ox.NamedNode(XSD + "integer")
    ordered = [None, ox.BlankNode("b"), ox.NamedNode("http://a"), ox.Literal("9", datatype=integer),
               ox.Literal("10", datatype=integer), ox.Literal("Bí thư"), ox.Literal("Chủ tịch", language="vi")]
    assert sorted(reversed(ordered), key=v.sort_key) == ordered


def _same(graph_dir: Path, query: str, params: tuple[str, ...] = (), merged: bool = True) -> None:
    source = open_graph(str(graph_dir))
    assert isinstance(source, LocalGraph)
    assert (source.merged_view(v.views()[query].key) is not None) is merged
    kept = v.answer(source, query, dict(parse_param(p) for p in params))
    assert kept is not None, "the build's store should answer from its views"
    sparql = run_query(str(graph_dir / "graph.ttl"), query, params)
    assert kept.columns == sparql.columns
    assert list(kept.rows) == list(sparql.rows)


@pytest.mark.parametrize("query", sorted(PARAMS))
def test_views_answer_as_sparql_over_the_merged_graph(built: Built, query: str) -> None:
    for params in PARAMS[query]:
        _same(built.out, query, params)
    assert run_query(str(built.out), query).rows  # the sample corpus has rows for both


def test_views_follow_an_incremental_build(tmp_path: Path) -> None:
    from kg.pipeline import build

    corpus = tmp_path / "articles"
    shutil.copytree(ARTICLES, corpus)
    out = tmp_path / "out"
    build([str(corpus)], out)
    first = sorted(corpus.glob("*.txt"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("Trần Quang Tuấn", "Trần Quang Tú"), encoding="utf-8")
    sorted(corpus.glob("*.txt"))[1].unlink()
    report = build([str(corpus)], out, prune=True)
    assert report.documents["changed"] == 1 and report.documents["removed"] == 1
    for query in PARAMS:
        _same(out, query)
    names = {row[0].value for row in run_query(str(out), "who_led_what").rows}
    assert "Trần Quang Tú" in names and "Trần Quang Tuấn" not in names


def test_a_store_without_views_is_queried_with_sparql(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(built.out, out)
    store = ox.Store(str(out / STORE_DIR))
    store.update(f"DELETE {{ GRAPH <{BUILD_GRAPH}> {{ ?a ?p ?r }} }} WHERE {{ GRAPH <{BUILD_GRAPH}> "
                 f"{{ ?a ?p ?r }} FILTER STRSTARTS(STR(?p), \"{VIEW}who_led_what/\") }}")
    store.flush()
    del store
    shutil.rmtree(out / VIEWS_DIR)
    assert v.answer(open_graph(str(out)), "who_led_what", {}) is None
    assert run_query(str(out), "who_led_what").rows == run_query(str(built.graph), "who_led_what").rows


def test_merged_rows_of_a_store_changed_since_are_not_used(built: Built, tmp_path: Path) -> None:
    """A build killed after storing articles, before merging the views again: each article's rows
    answer, sorted at query time."""
    out = tmp_path / "out"
    shutil.copytree(built.out, out)
    article = "https://w3id.org/vnkg/id/article/extra.txt"
    with EmbeddedDataset(out / STORE_DIR) as dataset:
        data = f'<{article}> <https://schema.org/headline> "x" .\n'.encode()
        dataset.replace([ArticleGraph(article, "h", data, v.article_views(data))])
    for query in PARAMS:
        for params in PARAMS[query]:
            _same(out, query, params, merged=False)
