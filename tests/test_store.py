"""kg.store: the build dataset (embedded Oxigraph and a real Oxigraph server over SPARQL 1.1),
transactions, sorted atomic Turtle, reading GRAPH arguments, endpoint credentials."""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg import store
from kg.errors import GraphError, KgError
from kg.store import (ArticleGraph, Dataset, EmbeddedDataset, Endpoint, EndpointDataset, GraphFile, LocalGraph,
                      open_graph)

ID = "https://w3id.org/vnkg/id/"
A, B = ID + "article/a.txt", ID + "article/b.txt"
PERSON = f"<{ID}person/31/pham-minh-duc>"
NAME = "<http://xmlns.com/foaf/0.1/name>"


def facts(article: str, *extra: str) -> bytes:
    """An article's N-Triples: its own node, a shared person, and any extra lines."""
    name = article.rsplit("/", 1)[1]
    lines = [f'<{article}> <{ID}p> "{name}" .', f'{PERSON} {NAME} "Phạm Minh Đức" .', *extra]
    return "\n".join(lines).encode("utf-8") + b"\n"


def default_graph(dataset: Dataset) -> set[str]:
    return {" ".join(t.value for t in row if t is not None)
            for row in dataset.rows("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")}


def check_dataset(dataset: Dataset) -> None:
    """What every kind of dataset must do, embedded or remote."""
    dataset.replace([ArticleGraph(A, "h1", facts(A)), ArticleGraph(B, "h2", facts(B))])
    assert dataset.content_hashes([A, B, ID + "article/c.txt"]) == {A: "h1", B: "h2"}
    assert sorted(dataset.articles()) == [A, B]
    assert dataset.count_triples() == 3  # the shared name once in the merged graph
    dataset.prepare_validation("shapes")
    dataset.record_validation(list(dataset.pending()), [])
    dataset.replace([ArticleGraph(A, None, None)])
    person = f"{ID}person/31/pham-minh-duc"
    assert f"{person} http://xmlns.com/foaf/0.1/name Phạm Minh Đức" in default_graph(dataset)
    renamed = facts(B, f'<{B}> <{ID}q> "changed" .').replace("Phạm".encode(), b"Pham")
    dataset.replace([ArticleGraph(B, "h3", renamed)])
    assert not any("Phạm" in t for t in default_graph(dataset))  # stated by no article any more
    assert dataset.content_hashes([A, B]) == {B: "h3"}
    assert set(dataset.pending()) == {A, B, person}  # the subjects of retracted versions
    dataset.record_validation([A, B, person], [])
    dataset.replace([ArticleGraph(A, "h4", facts(A, f'<{ID}x> <{ID}p> "x" .'))])
    assert set(dataset.pending()) == {A, person, f"{ID}x"}  # a new version's subjects wait
    bad = {"focus": B, "label": "b", "path": "p", "message": "bad"}
    dataset.record_validation([A, B, person, f"{ID}x"], [bad])
    assert list(dataset.pending()) == [] and dataset.violations() == [bad]
    dataset.record_validation([B], [])
    assert dataset.violations() == []
    # nodes validated before they are stored: their violations are recorded, only the others wait
    dataset.replace([ArticleGraph(B, "h5", facts(B), checked=(B,), violations=(bad,))])
    assert set(dataset.pending()) == {person} and dataset.violations() == [bad]
    dataset.replace([ArticleGraph(B, "h6", facts(B, f'<{B}> <{ID}q> "r" .'), checked=(B,))])
    assert set(dataset.pending()) == {person} and dataset.violations() == []  # the old version's, replaced
    dataset.replace([ArticleGraph(B, "h7", facts(B))])
    dataset.prepare_validation("shapes")
    assert (dataset.waiting(), dataset.subjects()) == (2, 4)  # B and the person wait, of A, x, B, person
    assert len(dataset.default_ntriples().splitlines()) == dataset.count_triples() == 4
    dataset.record_all([{"focus": A, "label": "a", "path": "p", "message": "bad"}])
    assert dataset.waiting() == 0 and [v["focus"] for v in dataset.violations()] == [A]


# -- the embedded store --------------------------------------------------------------------------


def test_embedded_dataset(tmp_path: Path) -> None:
    with EmbeddedDataset(tmp_path / "store") as dataset:
        check_dataset(dataset)


def test_new_articles_bulk_loaded_with_nodes_validated_before(tmp_path: Path) -> None:
    bad = {"focus": A, "label": "a", "path": "p", "message": "bad"}
    with EmbeddedDataset(tmp_path / "store") as dataset:
        dataset.replace([ArticleGraph(A, "h1", facts(A), known=False, checked=(A,), violations=(bad,)),
                         ArticleGraph(B, "h2", facts(B), known=False)])
        assert set(dataset.pending()) == {B, PERSON[1:-1]} and dataset.violations() == [bad]


def test_describe_n_triples_is_what_the_store_describes(tmp_path: Path) -> None:
    typed = f'<{A}> <{ID}author> {PERSON} .', f"{PERSON} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ID}P> ."
    data = facts(A, *typed)
    with EmbeddedDataset(tmp_path / "store") as dataset:
        dataset.replace([ArticleGraph(A, "h1", data)])
        assert sorted(store.describe_ntriples(data, [A]).splitlines()) == sorted(dataset.describe([A]).splitlines())


def test_embedded_describe_is_what_the_describe_query_constructs(tmp_path: Path) -> None:
    """The store's own indexes give the same triples as the query an endpoint runs: the nodes'
    triples in the merged graph and the types of the nodes they point to, not their other facts."""
    typed = f'<{A}> <{ID}author> {PERSON} .', f"{PERSON} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ID}P> ."
    with EmbeddedDataset(tmp_path / "store") as dataset:
        dataset.replace([ArticleGraph(A, "h1", facts(A, *typed)), ArticleGraph(B, "h2", facts(B))])
        nodes = [A, B, ID + "nowhere"]
        ours = dataset.describe(nodes)
        query = Dataset.describe(dataset, nodes)
        assert sorted(ours.splitlines()) == sorted(query.splitlines())
        assert len(ours.splitlines()) == 4 and NAME.encode() not in ours  # the person's name stays out


def test_a_failing_batch_changes_nothing(tmp_path: Path) -> None:
    with EmbeddedDataset(tmp_path / "store") as dataset:
        dataset.replace([ArticleGraph(A, "h1", facts(A))])
        before = default_graph(dataset)
        with pytest.raises(SyntaxError):
            dataset.replace([ArticleGraph(A, "h2", facts(A)), ArticleGraph(B, "h2", b"<not n-triples")])
        assert default_graph(dataset) == before and dataset.content_hashes([A, B]) == {A: "h1"}


def test_many_changed_articles_are_replaced_in_several_updates(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Each update replaces its articles whole: a triple all of them stated leaves the merged graph,
    whichever update retracts its last one, and a failing article spoils only its own update."""
    monkeypatch.setattr(store, "REPLACE_BATCH", 2)
    iris = [f"{ID}article/{n}.txt" for n in range(5)]
    with EmbeddedDataset(tmp_path / "store") as dataset:
        dataset.replace([ArticleGraph(iri, "h1", facts(iri)) for iri in iris])
        changed = [ArticleGraph(iri, "h2", facts(iri).replace("Phạm".encode(), b"Pham")) for iri in iris]
        updates = []
        monkeypatch.setattr(dataset, "update", lambda sparql, real=dataset.update: (updates.append(1), real(sparql)))
        dataset.replace(changed[:-1])
        assert len(updates) == 2 and any("Phạm" in t for t in default_graph(dataset))  # the last still states it
        broken = ArticleGraph(iris[0], "h3", b"<not n-triples")
        with pytest.raises(SyntaxError):
            dataset.replace([changed[-1], ArticleGraph(iris[1], "h3", changed[1].ntriples), broken])
        assert not any("Phạm" in t for t in default_graph(dataset))
        assert dataset.content_hashes(iris) == {**{iri: "h2" for iri in iris}, iris[1]: "h3"}
        assert dataset.count_triples() == len(iris) + 1


def _triples(turtle: bytes) -> set[ox.Triple]:
    return set(ox.parse(turtle, format=ox.RdfFormat.TURTLE))


def test_one_build_at_a_time(tmp_path: Path) -> None:
    with EmbeddedDataset(tmp_path / "store"):
        code = f"import pathlib, kg.store as s; s.EmbeddedDataset(pathlib.Path({str(tmp_path)!r}) / 'store')"
        child = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True,
                               timeout=60)
        assert "in use by another kg build" in child.stderr


def test_a_build_directory_is_read_from_its_store_while_a_build_writes(tmp_path: Path) -> None:
    with EmbeddedDataset(tmp_path / "store") as dataset:
        dataset.replace([ArticleGraph(A, "h1", facts(A))])
        dataset.write_turtle(GraphFile(tmp_path / "graph.ttl"))
        dataset.replace([ArticleGraph(B, "h2", facts(B))])  # graph.ttl is now behind the store
        graph = open_graph(str(tmp_path))
        assert isinstance(graph, LocalGraph) and graph.persistent and len(graph) == 3
        rows = graph.select("SELECT ?o WHERE { ?s <https://w3id.org/vnkg/id/p> ?o } ORDER BY ?o", {})
        assert [r[0].value for r in rows.rows] == ["a.txt", "b.txt"]
        exported = graph.serialize(ox.RdfFormat.TURTLE)
        assert exported != (tmp_path / "graph.ttl").read_bytes()
        assert len(list(ox.parse(exported, format=ox.RdfFormat.TURTLE))) == 3


def test_turtle_export_of_a_current_build_is_its_graph_file(tmp_path: Path) -> None:
    with EmbeddedDataset(tmp_path / "store") as dataset:
        dataset.replace([ArticleGraph(A, "h1", facts(A))])
        dataset.write_turtle(GraphFile(tmp_path / "graph.ttl"))
    (tmp_path / "graph.ttl").write_bytes(b"# the file, not a new serialization\n")
    exported = open_graph(str(tmp_path)).serialize(ox.RdfFormat.TURTLE)
    assert exported == b"# the file, not a new serialization\n"


def test_a_directory_without_store_is_read_from_graph_ttl(tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").write_text(f'{PERSON} {NAME} "Phạm Minh Đức" .\n', encoding="utf-8")
    graph = open_graph(str(tmp_path))
    assert isinstance(graph, LocalGraph) and not graph.persistent and len(graph) == 1


# -- files ---------------------------------------------------------------------------------------


def test_graph_file_is_sorted_deterministic_and_leaves_no_temporary(tmp_path: Path) -> None:
    lines = [facts(ID + f"article/{i}.txt").decode() for i in (3, 1, 2)]
    with EmbeddedDataset(tmp_path / "one") as first, EmbeddedDataset(tmp_path / "two") as second:
        for i, line in enumerate(lines):
            first.replace([ArticleGraph(ID + f"article/{i}.txt", "h", line.encode())])
        for i, line in reversed(list(enumerate(lines))):
            second.replace([ArticleGraph(ID + f"article/{i}.txt", "h", line.encode())])
        first.write_turtle(GraphFile(tmp_path / "a" / "graph.ttl"))
        second.write_turtle(GraphFile(tmp_path / "b" / "graph.ttl"))
    data = (tmp_path / "a" / "graph.ttl").read_bytes()
    assert data == (tmp_path / "b" / "graph.ttl").read_bytes()
    assert data.startswith(b"@prefix ") and os.listdir(tmp_path / "a") == ["graph.ttl"]
    blocks = data.split(b"\n#@article ")[1:]  # one per article, in the order of their IRIs
    iris = [block.split(b"\n", 1)[0].decode() for block in blocks]
    assert iris == sorted(iris) and len(iris) == 3
    header = data.split(b"\n#@article ")[0] + b"\n"
    for block in blocks:
        subjects = [str(t.subject) for t in ox.parse(header + block.split(b"\n", 1)[1], format=ox.RdfFormat.TURTLE)]
        assert subjects == sorted(subjects)


def test_sorting_in_runs_on_disk_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"".join(facts(ID + f"article/{i}.txt", f'<{ID}x{i % 7}> <{ID}p> "{i}" .') for i in range(40))
    whole = store.sorted_bytes(lambda out: out.write(data), ox.RdfFormat.TURTLE)
    monkeypatch.setattr(store, "SORT_RUN", 9)
    assert store.sorted_bytes(lambda out: out.write(data), ox.RdfFormat.TURTLE) == whole
    nt = store.sorted_bytes(lambda out: out.write(data), ox.RdfFormat.N_TRIPLES).splitlines()
    assert nt == sorted(set(data.splitlines()))


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    store.atomic_write(target, b"old")
    with pytest.raises(RuntimeError), store.atomic_file(target) as f:
        f.write(b"half")
        raise RuntimeError("killed")
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["graph.ttl"]
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # readable like any file the user writes


def test_to_rdflib_reads_what_rdflib_reads() -> None:
    data = (facts(A, f'<{A}> <{ID}n> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .',
                  f'<{A}> <{ID}l> "Bí thư"@vi .', f'<{A}> <{ID}q> "dòng 1\\ndòng \\"2\\"" .'))
    assert set(store.to_rdflib(data)) == set(Graph().parse(data=data.decode(), format="nt"))


# -- endpoints -----------------------------------------------------------------------------------


def test_endpoint_urls_follow_the_servers_layouts(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KG_ENDPOINT_UPDATE", "KG_ENDPOINT_GSP"):
        monkeypatch.delenv(name, raising=False)
    oxigraph = Endpoint.from_url("http://127.0.0.1:7878/query")
    assert (oxigraph.update_url, oxigraph.gsp_urls) == (
        "http://127.0.0.1:7878/update", ("http://127.0.0.1:7878/store", "http://127.0.0.1:7878/data"))
    assert Endpoint.from_url("http://127.0.0.1:7878").query_url == "http://127.0.0.1:7878/query"
    fuseki = Endpoint.from_url("http://h:3030/ds")
    assert (fuseki.update_url, fuseki.gsp_urls) == ("http://h:3030/ds", ("http://h:3030/ds",))
    monkeypatch.setenv("KG_ENDPOINT_UPDATE", "http://h/statements")
    assert Endpoint.from_url("http://h/repositories/kg").update_url == "http://h/statements"


def test_credentials_come_from_the_environment_never_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(GraphError, match="KG_ENDPOINT_USER"):
        Endpoint.from_url("http://user:secret@127.0.0.1:7878/query")
    monkeypatch.setenv("KG_ENDPOINT_USER", "kg")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret-pw")
    seen: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen.append(self.headers.get("Authorization", ""))
            self.send_response(401)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.handle_request, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/query"
    with pytest.raises(KgError) as failure:
        EndpointDataset(url).count_triples()
    server.server_close()
    assert seen == ["Basic " + base64.b64encode(b"kg:s3cret-pw").decode()]
    assert "401" in str(failure.value) and "s3cret" not in str(failure.value)


def test_an_unreachable_endpoint_is_one_clear_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(GraphError, match="check the URL and that the server runs"):
        EndpointDataset(f"http://127.0.0.1:{port}/query").count_triples()


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server on 127.0.0.1, as a deployment would run it."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "oxigraph serve did not start"
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


def _clear(url: str) -> None:
    EndpointDataset(url).update("CLEAR ALL")


def test_endpoint_dataset_on_a_real_oxigraph_server(oxigraph_server: str) -> None:
    _clear(oxigraph_server)
    check_dataset(EndpointDataset(oxigraph_server))


def test_build_into_an_oxigraph_server_equals_the_embedded_build(
        oxigraph_server: str, tmp_path: Path) -> None:
    from test_pipeline import corpus, ntriples, write_corpus

    from kg.pipeline import build

    _clear(oxigraph_server)
    inputs = write_corpus(tmp_path / "in", corpus(3))
    remote = build([str(inputs)], tmp_path / "remote", store_url=oxigraph_server)
    local = build([str(inputs)], tmp_path / "local")
    assert not (tmp_path / "remote" / "store").exists()
    assert ntriples(tmp_path / "remote") == ntriples(tmp_path / "local")
    assert (tmp_path / "remote" / "graph.ttl").read_bytes() == (tmp_path / "local" / "graph.ttl").read_bytes()
    assert (remote.triples, remote.counts, remote.conforms) == (local.triples, local.counts, local.conforms)
    assert json.loads((tmp_path / "remote" / "report.json").read_text())["store"] == oxigraph_server
    again = build([str(inputs)], tmp_path / "remote", store_url=oxigraph_server)
    assert again.documents["unchanged"] == 3
    rows = open_graph(oxigraph_server).select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {})
    assert int(rows.rows[0][0].value) > remote.triples  # per-article named graphs, and bookkeeping
    from kg.export import export

    # The same graph; a build directory hands out its graph.ttl, laid out in blocks per article.
    assert _triples(export(oxigraph_server, "turtle")) == _triples(export(str(tmp_path / "local"), "turtle"))


def test_a_graph_file_copies_unchanged_blocks_and_writes_the_new_ones(tmp_path: Path) -> None:
    path, iris = tmp_path / "graph.ttl", [ID + f"article/{i}.txt" for i in range(3)]
    first = GraphFile(path)
    for iri in iris:
        first.add(iri, store.turtle_block(iri, facts(iri)))
    first.write(iris, facts=lambda iri: pytest.fail(f"{iri} should come from this build"))
    edited = path.read_bytes().replace(b'"0.txt"', b'"0.txt" ; # kept from the previous file\n\t<x:y> "z"')
    path.write_bytes(edited)
    again = GraphFile(path, reuse=True)
    again.add(iris[1], store.turtle_block(iris[1], facts(iris[1], f'<{ID}x> <{ID}p> "new" .')))
    asked: list[str] = []
    again.write(iris[:2] + [ID + "article/9.txt"], facts=lambda iri: asked.append(iri) or facts(iri))
    data = path.read_bytes()
    assert b"kept from the previous file" in data  # 0.txt: copied, not serialized again
    assert b'"new"' in data and b'"2.txt"' not in data and asked == [ID + "article/9.txt"]
    assert data.count(b"#@article ") == 3


def test_a_graph_file_that_is_not_current_is_written_from_the_dataset(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_bytes(b"#@article <" + A.encode() + b">\n<a:stale> <a:b> <a:c> .\n")
    asked: list[str] = []
    GraphFile(path, reuse=False).write([A], facts=lambda iri: asked.append(iri) or facts(iri))
    assert asked == [A] and b"stale" not in path.read_bytes()
