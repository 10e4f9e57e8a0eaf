"""kg query is read-only and injection-proof: --param values are bound as RDF terms (locally and on
a real SPARQL endpoint), updates are refused, a time limit stops long queries, credentials stay
secret."""
from __future__ import annotations

import json
import multiprocessing
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from conftest import Built

from kg.cli import main
from kg.errors import GraphError, KgError, QueryError
from kg.query import check_read_only, format_rows, load_query, parse_param, redact, run_query
from kg.store import LocalGraph, Rows

INJECTIONS = [
    '"', "'", '"""', "\\", "}", "{", "}}}{{{",
    '" } ; DROP ALL ; SELECT * { "',
    "x' . } DROP ALL ; #",
    "DROP ALL",
    'INSERT DATA { <http://example.org/x> <http://example.org/p> "o" }',
    '"} INSERT DATA { <http://example.org/x> <http://example.org/p> "o" } #',
    "Trần Quang Tuấn\nDROP ALL\n",
    'Trần Quang Tuấn" || "1" = "1',
    '"x"@en } DROP ALL { "',
    "?personName",
    "\x01\x02\x1b[31m\x7f\u2028\u202e",
]
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def kg(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="kg")


def dump(graph: Path | str) -> bytes:
    """The whole graph, sorted N-Triples: equal bytes mean an unchanged graph."""
    return LocalGraph(Path(graph)).serialize(ox.RdfFormat.N_TRIPLES)


@pytest.fixture(scope="module")
def graph(built: Built) -> Iterator[Path]:
    """The sample build, checked to be unchanged once every test of the module has run."""
    before = dump(built.out), built.graph.read_bytes()
    yield built.out
    assert (dump(built.out), built.graph.read_bytes()) == before


def one_error_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.startswith("kg: error: ") and result.stderr.count("\n") == 1, result.stderr
    return result.stderr


# -- parameters are RDF terms ------------------------------------------------------------------------


def test_param_is_bound_not_pasted(graph: Path) -> None:
    rows = run_query(str(graph), "people", ["personName=Trần Quang Tuấn"])
    assert [r[0].value for r in rows.rows] == ["Trần Quang Tuấn"]  # type: ignore[union-attr]
    assert run_query(str(graph), "people", ['personName="Trần Quang Tuấn"']).rows == ()


@pytest.mark.parametrize("value", INJECTIONS + ["\x00"])
def test_injection_strings_through_the_library(graph: Path, value: str) -> None:
    name, term = parse_param(f"personName={value}")
    assert name == "personName" and isinstance(term, (ox.Literal, ox.NamedNode))
    if isinstance(term, ox.Literal):
        assert term.value == value
    assert run_query(str(graph), "people", [f"personName={value}"]).rows == ()


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_through_the_cli(graph: Path, value: str) -> None:
    result = kg("query", str(graph), "people", "--param", f"personName={value}", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.exception is None and "Traceback" not in result.output
    assert json.loads(result.stdout) == []


def test_bad_iri_param_is_one_error_line(graph: Path) -> None:
    param = "person=<http://x> } DROP ALL { <http://y>"
    message = one_error_line(kg("query", str(graph), "people", "--param", param))
    assert "bad IRI" in message


def test_unknown_param_names_the_query_variables(graph: Path) -> None:
    with pytest.raises(QueryError, match=r"no variable \?nme .*personName"):
        run_query(str(graph), "people", ["nme=Trần Quang Tuấn"])


@pytest.mark.parametrize("param, expected", [
    ("n=12", ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ("n=12\n", ox.Literal("12\n")),
    ('n="Hà Nội"@vi', ox.Literal("Hà Nội", language="vi")),
    ('n="13"^^xsd:string', ox.Literal("13")),
    ('n="2020-07-16"^^<http://www.w3.org/2001/XMLSchema#date>',
     ox.Literal("2020-07-16", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))),
    ("n=<https://w3id.org/vnkg/id/x>", ox.NamedNode("https://w3id.org/vnkg/id/x")),
    ("?n=text", ox.Literal("text")),
])
def test_param_forms(param: str, expected: ox.Literal | ox.NamedNode) -> None:
    assert parse_param(param) == ("n", expected)


# -- read-only -------------------------------------------------------------------------------------


UPDATES = [
    "DROP ALL",
    "drop all",
    "# a harmless comment\nDROP ALL",
    "PREFIX ex: <http://example.org/ns#>\nINSERT DATA { ex:a ex:b ex:c }",
    "PREFIX ex: <http://example.org/ns#> insert data { ex:a ex:b ex:c }",
    "SELECT * WHERE { ?s ?p ?o } ;\nCLEAR DEFAULT",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/evil.ttl>",
    "#SELECT\n  \t dRoP   GRAPH <http://example.org/g>",
    "BASE <http://example.org/> CREATE GRAPH <g>",
    "COPY DEFAULT TO <http://example.org/g>",
]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused(graph: Path, tmp_path: Path, update: str) -> None:
    rq = tmp_path / "update.rq"
    rq.write_text(update, encoding="utf-8")
    with pytest.raises(QueryError, match="read-only"):
        run_query(str(graph), str(rq))
    assert "read-only" in one_error_line(kg("query", str(graph), str(rq)))


@pytest.mark.parametrize("query", [
    'SELECT ?insert WHERE { ?insert <http://example.org/drop> "DELETE ALL" } # DROP ALL',
    "SELECT * WHERE { ?s ?p '''multi\nINSERT DATA''' }",
    'ASK { ?s ?p ?o FILTER(?o = "load"@en) }',
    "PREFIX drop: <http://example.org/drop#> SELECT * WHERE { ?s drop:clear ?o }",
])
def test_update_words_in_strings_iris_and_comments_are_fine(query: str) -> None:
    check_read_only(query)


def test_named_queries_are_read_only() -> None:
    for name in ("people", "who_led_what", "meetings"):
        check_read_only(load_query(name))


# -- a real SPARQL endpoint -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> bytes:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


@pytest.fixture(scope="module")
def endpoint(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An Oxigraph server on 127.0.0.1 holding the sample build; its query URL."""
    server = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([server, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _fetch(f"{base}/store?default", built.graph.read_bytes(), {"Content-Type": "text/turtle"})
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("oxigraph serve did not start")
        yield f"{base}/query"
    finally:
        process.kill()
        process.wait()


def _endpoint_triples(url: str) -> list[str]:
    query = urllib.parse.urlencode({"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"}).encode()
    answer = json.loads(_fetch(url, query, {"Accept": "application/sparql-results+json"}))
    rows = answer["results"]["bindings"]
    return sorted(json.dumps(r, sort_keys=True) for r in rows)


def test_injection_strings_on_a_sparql_endpoint(endpoint: str) -> None:
    before = _endpoint_triples(endpoint)
    assert len(before) > 100
    assert len(run_query(endpoint, "people", ["personName=Trần Quang Tuấn"]).rows) == 1
    for value in INJECTIONS:
        assert run_query(endpoint, "people", [f"personName={value}"]).rows == (), value
        result = kg("query", endpoint, "people", "--param", f"personName={value}", "--format", "csv")
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert _endpoint_triples(endpoint) == before


def test_updates_never_reach_a_sparql_endpoint(endpoint: str, tmp_path: Path) -> None:
    before = _endpoint_triples(endpoint)
    for update in UPDATES:
        rq = tmp_path / "u.rq"
        rq.write_text(update, encoding="utf-8")
        assert "read-only" in one_error_line(kg("query", endpoint, str(rq)))
    assert _endpoint_triples(endpoint) == before


# -- time limit ------------------------------------------------------------------------------------


def test_timeout_stops_a_long_query(graph: Path, tmp_path: Path) -> None:
    slow = tmp_path / "slow.rq"
    slow.write_text(SLOW, encoding="utf-8")
    with pytest.raises(QueryError, match="stopped after the 0.5 s time limit"):
        run_query(str(graph), str(slow), timeout=0.5)
    assert multiprocessing.active_children() == []
    assert run_query(str(graph), "person_career", timeout=30) == run_query(str(graph), "person_career")


def test_timeout_with_other_threads_running_uses_a_fresh_process(graph: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # Forking a process with other threads can deadlock: the query runs in a spawned child instead.
    methods: list[str] = []
    get_context = multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context",
                        lambda method: methods.append(method) or get_context(method))
    slow = tmp_path / "slow.rq"
    slow.write_text(SLOW, encoding="utf-8")
    done = threading.Event()
    other = threading.Thread(target=done.wait)
    other.start()
    try:
        # person_career: a named query that SPARQL answers (views answer without a child process)
        assert run_query(str(graph), "person_career", timeout=60) == run_query(str(graph), "person_career")
        with pytest.raises(QueryError, match="time limit"):
            run_query(str(graph), str(slow), timeout=3)
    finally:
        done.set()
        other.join()
    assert methods == ["spawn", "spawn"] and multiprocessing.active_children() == []
    if threading.active_count() == 1:  # earlier tests in the same run may leave threads behind
        run_query(str(graph), "person_career", timeout=60)
        assert methods[-1] == "fork"


def test_timeout_keeps_errors_and_parameters(graph: Path) -> None:
    params = ["personName=Trần Quang Tuấn"]
    rows = run_query(str(graph), "person_career", params, timeout=30)
    assert rows.rows and rows == run_query(str(graph), "person_career", params)
    with pytest.raises(GraphError):
        run_query("http://127.0.0.1:9/query", "people", timeout=30)


@pytest.mark.parametrize("timeout", [0, -1.0])
def test_timeout_must_be_positive(graph: Path, timeout: float) -> None:
    with pytest.raises(QueryError, match="positive"):
        run_query(str(graph), "people", timeout=timeout)


# -- credentials -----------------------------------------------------------------------------------


def test_credentials_in_the_url_are_refused_without_being_echoed(graph: Path) -> None:
    with pytest.raises(KgError) as caught:
        run_query("https://kg:s3cret-pw@127.0.0.1:9/query", "people")
    assert "KG_ENDPOINT_USER" in str(caught.value) and "s3cret-pw" not in str(caught.value)
    result = kg("query", "https://kg:s3cret-pw@127.0.0.1:9/query", "people")
    assert "s3cret-pw" not in result.output and result.exit_code == 2


def test_credentials_from_the_environment_never_appear_in_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_ENDPOINT_USER", "kg-reader")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret-pw")
    url = "http://127.0.0.1:9/s3cret-pw/query"  # even a secret that leaks into the URL is blanked
    for timeout in (None, 30.0):
        with pytest.raises(GraphError) as caught:
            run_query(url, "people", timeout=timeout)
        assert "s3cret-pw" not in str(caught.value) and "127.0.0.1:9" in str(caught.value)
    result = kg("query", url, "people")
    assert result.exit_code == 2 and "s3cret-pw" not in result.output
    assert redact("failed at http://user:pw@host/q with s3cret-pw") == "failed at http://***@host/q with ***"


# -- output ----------------------------------------------------------------------------------------


def test_table_shows_control_characters_escaped() -> None:
    rows = Rows(("name",), ((ox.Literal("Ông A\x1b[31m\nDROP ALL"),),))
    table = format_rows(rows, "table")
    assert "\x1b" not in table and "Ông A\\x1b[31m\\nDROP ALL" in table
    assert len(table.splitlines()) == 4


def test_json_tolerates_ill_typed_integers() -> None:
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    rows = Rows(("n", "m"), ((ox.Literal("12", datatype=integer), ox.Literal("mười", datatype=integer)),))
    assert json.loads(format_rows(rows, "json")) == [{"n": 12, "m": "mười"}]
