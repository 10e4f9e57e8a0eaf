"""kg serve: a read-only SPARQL 1.1 Protocol endpoint that SPARQLWrapper and curl-like clients query."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Built
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from test_pipeline import corpus, write_corpus

from kg.pipeline import build
from kg.serve import SparqlServer, accepted, make_server, serve

NAMES = """PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name } ORDER BY ?name"""


@pytest.fixture(scope="module")
def server(built: Built) -> Iterator[SparqlServer]:
    srv = make_server(str(built.out), port=0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def client(url: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


def names_by_json(url: str, method: str = "GET") -> list[str]:
    result = client(url, NAMES, JSON, method).queryAndConvert()
    return [b["name"]["value"] for b in result["results"]["bindings"]]  # type: ignore[index]


def http(url: str, data: bytes | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get_content_type(), exc.read()


def test_binds_localhost_by_default(server: SparqlServer) -> None:
    assert server.server_address[0] == "127.0.0.1"
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/sparql", server.url)


def test_sparqlwrapper_gets_json_by_get_and_post(server: SparqlServer, rows) -> None:
    expected = sorted({r["personName"] for r in rows("people")})
    assert sorted(set(names_by_json(server.url))) == expected
    assert names_by_json(server.url, POST) == names_by_json(server.url)


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_gets_csv_and_tsv(server: SparqlServer, fmt: str, delimiter: str) -> None:
    data = client(server.url, NAMES, fmt).queryAndConvert()
    table = list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter=delimiter))  # type: ignore[union-attr]
    assert table[0] in (["name"], ["?name"]) and len(table) - 1 == len(names_by_json(server.url))


def test_sparqlwrapper_gets_xml_and_turtle(server: SparqlServer) -> None:
    document = client(server.url, NAMES, XML).queryAndConvert()
    assert len(document.getElementsByTagName("result")) == len(names_by_json(server.url))  # type: ignore[union-attr]
    persons = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <http://xmlns.com/foaf/0.1/Person> ; ?p ?o }"
    graph = client(server.url, persons, TURTLE).queryAndConvert()
    assert b"foaf" in graph or b"http://xmlns.com/foaf/0.1/" in graph  # type: ignore[operator]


def test_ask_answers_a_boolean(server: SparqlServer) -> None:
    assert client(server.url, "ASK { ?s a <http://xmlns.com/foaf/0.1/Person> }", JSON).queryAndConvert() == \
        {"head": {}, "boolean": True}


def test_updates_are_refused(server: SparqlServer) -> None:
    insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    with pytest.raises(urllib.error.HTTPError) as refused:
        client(server.url, insert, JSON, POST).query()
    assert refused.value.code == 403
    assert http(server.url, insert.encode(), {"Content-Type": "application/sparql-update"})[0] == 403
    as_query = http(f"{server.url}?{urllib.parse.urlencode({'query': insert})}")
    assert as_query[0] == 400 and b"malformed" in as_query[2]
    assert "http://example.org/a" not in str(names_by_json(server.url))


def test_content_negotiation_and_errors(server: SparqlServer) -> None:
    query = urllib.parse.urlencode({"query": NAMES})
    prefer_xml = {"Accept": "text/csv;q=0.5, application/sparql-results+xml"}
    status, media, _ = http(f"{server.url}?{query}", headers=prefer_xml)
    assert (status, media) == (200, "application/sparql-results+xml")
    assert http(f"{server.url}?{query}&format=tsv")[1] == "text/tab-separated-values"
    assert http(server.url)[0] == 400
    assert http(server.url.replace("/sparql", "/nowhere") + f"?{query}")[0] == 404
    assert http(server.url, NAMES.encode(), {"Content-Type": "application/sparql-query"})[0] == 200
    assert http(server.url, b"x", {"Content-Type": "image/png"})[0] == 415


def test_accept_header_order() -> None:
    assert accepted("text/csv;q=0.2, application/json, */*;q=0.1", None) == [
        "application/sparql-results+json", "text/csv", "*/*"]
    assert accepted(None, "turtle") == ["text/turtle"]


def test_a_new_build_is_served_without_restart(tmp_path: Path) -> None:
    inputs = write_corpus(tmp_path / "in", corpus(1))
    build([str(inputs)], tmp_path / "out")
    srv = make_server(str(tmp_path / "out"), port=0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        before = names_by_json(srv.url)
        build([str(write_corpus(inputs, corpus(2)))], tmp_path / "out")
        after = names_by_json(srv.url)
    finally:
        srv.shutdown()
        srv.server_close()
    assert len(after) > len(before)


def test_serve_announces_its_url(built: Built) -> None:
    urls: list[str] = []
    ready = threading.Event()

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    threading.Thread(target=serve, args=(str(built.out), "127.0.0.1", 0, on_ready), daemon=True).start()
    assert ready.wait(30)
    assert names_by_json(urls[0])


def test_kg_serve_command(built: Built) -> None:
    command = [str(Path(sys.executable).parent / "kg"), "serve", str(built.out), "--port", "0"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = process.stderr.readline()  # type: ignore[union-attr]
        url = line.rsplit(" ", 1)[-1].strip()
        assert line.startswith("kg: SPARQL endpoint at http://127.0.0.1:"), line
        assert names_by_json(url)
    finally:
        process.terminate()
        process.wait(timeout=10)
