"""Named and file SPARQL queries: read-only, parameters bound as RDF terms (never pasted into the
query text), an optional time limit that really stops the query, and result formatting.

Endpoint credentials come from the environment (KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD, or
KG_ENDPOINT_TOKEN; kg.store sends them), never from the URL, and are blanked out of every error.
"""
from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import re
import threading
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from .errors import KgError, QueryError
from .namespaces import PREFIXES
from .resources import resource
from .store import LocalGraph, RemoteGraph, Rows, Term, open_graph
from .views import answer as view_answer

CREDENTIAL_VARIABLES = ("KG_ENDPOINT_USER", "KG_ENDPOINT_PASSWORD", "KG_ENDPOINT_TOKEN")
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INT = re.compile(r"[+-]?[0-9]+")
_LANG_LITERAL = re.compile(r'"(.*)"@([A-Za-z]+(?:-[A-Za-z0-9]+)*)', re.DOTALL)
_TYPED_LITERAL = re.compile(r'"(.*)"\^\^(?:xsd:([A-Za-z]+)|<([^<>"{}|^`\\\s]+)>)', re.DOTALL)
_XSD = "http://www.w3.org/2001/XMLSchema#"
# SPARQL tokens, enough to find keywords outside comments, IRIs, strings and prefixed names.
_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<var>[?$]\w+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<bnode>_:[\w.-]+)
  | (?P<pname>(?:[^\W\d][\w.-]*)?:[\w.:%\\-]*)
  | (?P<word>[^\W\d]\w*)
  | (?P<other>\S)
""", re.VERBOSE | re.DOTALL)


def named_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted(resource("queries").glob("*.rq"))}


def _read_query_file(query: str) -> str:
    path = Path(query)
    if not path.is_file():
        raise QueryError(f"query file {query} does not exist")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise QueryError(f"query file {query} is not UTF-8 text") from None
    except OSError as exc:
        raise QueryError(f"cannot read query file {query}: {exc.strerror}") from None


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(m.lastgroup or "", m.group()) for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]


def query_variables(text: str) -> set[str]:
    """Names of the variables a query mentions (without ? or $)."""
    return {value[1:] for kind, value in _tokens(text) if kind == "var"}


def check_read_only(text: str) -> None:
    """QueryError when the text is a SPARQL update, whatever its case, comments or PREFIX lines."""
    words = {value.upper() for kind, value in _tokens(text) if kind == "word"}
    found = sorted(words & UPDATE_KEYWORDS)
    if found:
        raise QueryError(f"kg query is read-only: this is a SPARQL update ({', '.join(found)}), which is "
                         "refused; use SELECT, ASK, CONSTRUCT or DESCRIBE")


def load_query(query: str) -> str:
    """A query name from queries/ (without .rq) or a path to a .rq file -> its text, checked to be a
    well-formed read-only query."""
    if query.endswith(".rq") or Path(query).exists():
        text = _read_query_file(query)
    else:
        known = named_queries()
        if query not in known:
            raise QueryError(f"unknown query '{query}': use one of {', '.join(known)} "
                             "or a path to a .rq file")
        text = known[query].read_text(encoding="utf-8")
    check_read_only(text)
    try:
        ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryError(f"malformed query {query}: {str(exc).splitlines()[0]}") from None
    return text


def parse_param(param: str) -> tuple[str, Term]:
    """NAME=VALUE -> (NAME, RDF term): <iri>, an integer, "text"@lang, "value"^^xsd:type (or
    ^^<datatype iri>: "13"^^xsd:string for a string of digits), or a plain string."""
    name, sep, value = param.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _NAME.fullmatch(name):
        raise QueryError(f"bad --param {param!r}: write NAME=VALUE, e.g. --param name='Trần Quang Tuấn'")
    if value.startswith("<") and value.endswith(">") and len(value) > 2:
        try:
            return name, ox.NamedNode(value[1:-1])
        except ValueError:
            raise QueryError(f"bad IRI in --param {name}: {value!r}") from None
    if _INT.fullmatch(value):
        return name, ox.Literal(value, datatype=ox.NamedNode(_XSD + "integer"))
    m = _LANG_LITERAL.fullmatch(value)
    if m:
        return name, ox.Literal(m.group(1), language=m.group(2))
    m = _TYPED_LITERAL.fullmatch(value)
    if m:
        return name, ox.Literal(m.group(1), datatype=ox.NamedNode(m.group(3) or _XSD + m.group(2)))
    return name, ox.Literal(value)


def _bindings(text: str, query: str, params: list[str] | tuple[str, ...]) -> dict[str, Term]:
    bindings = dict(parse_param(p) for p in params)
    variables = query_variables(text)
    unknown = sorted(set(bindings) - variables)
    if unknown:
        raise QueryError(f"query {query} has no variable ?{unknown[0]} for --param: its variables are "
                         f"{', '.join(sorted(variables)) or 'none'}")
    return bindings


def run_query(graph: str, query: str, params: list[str] | tuple[str, ...] = (),
              timeout: float | None = None) -> Rows:
    """Rows of the read-only QUERY on GRAPH with --param values bound as RDF terms; a query still
    running after `timeout` seconds is stopped and reported."""
    if timeout is not None and not timeout > 0:
        raise QueryError(f"--timeout must be a positive number of seconds, not {timeout}")
    try:
        text = load_query(query)
        bindings = _bindings(text, query, params)
        source = open_graph(graph)
        kept = view_answer(source, query, bindings)
        if kept is not None:
            return kept
        if timeout is None:
            return source.select(text, bindings)
        return _select_bounded(graph, source, text, bindings, timeout)
    except KgError as exc:
        exc.args = (redact(str(exc)),)
        raise


def redact(message: str) -> str:
    """The message with endpoint credentials (from the environment or inside URLs) blanked out."""
    message = re.sub(r"(?<=//)[^/@\s]+@", "***@", message)
    for name in CREDENTIAL_VARIABLES:
        secret = os.environ.get(name, "")
        if len(secret) >= 3:
            message = message.replace(secret, "***")
    return message


# --- Time limit -----------------------------------------------------------------------------------


def _select_in_child(target: LocalGraph | RemoteGraph | str, text: str, bindings: dict[str, Term],
                     send: Connection) -> None:
    """Run in a child process: the rows, or the error, go back through the pipe."""
    try:
        source = open_graph(target) if isinstance(target, str) else target
        send.send(("rows", source.select(text, bindings)))
    except KgError as exc:
        send.send(("error", exc))
    except Exception as exc:  # reported in the parent as a failed query, not a traceback
        send.send(("error", QueryError(f"query failed: {type(exc).__name__}: {exc}")))
    finally:
        send.close()


def _select_bounded(graph: str, source: LocalGraph | RemoteGraph, text: str, bindings: dict[str, Term],
                    timeout: float) -> Rows:
    """Run the query in a child process that is killed when the time is up: a thread could not be
    stopped in the middle of Oxigraph's evaluation. A forked child shares the graph already loaded;
    where forking is unsafe (other threads running) a fresh child loads it again."""
    fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    context = multiprocessing.get_context("fork" if fork else "spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_select_in_child, args=(source if fork else graph, text, bindings, send),
                            daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryError(f"query stopped after the {timeout:g} s time limit: make it more selective "
                             "(a LIMIT, more specific patterns) or allow more time with --timeout")
        kind, payload = receive.recv()
    except EOFError:
        raise QueryError(f"the query process ended without a result (exit code {child.exitcode})") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if kind == "error":
        raise payload
    return payload


# --- Output ---------------------------------------------------------------------------------------


def _cell(term: Term | None) -> str:
    return "" if term is None else term.value


def format_rows(rows: Rows, fmt: str) -> str:
    if fmt == "json":
        records = [{c: _json_value(v) for c, v in zip(rows.columns, row)} for row in rows.rows]
        return json.dumps(records, ensure_ascii=False, indent=2)
    table = [[_cell(v) for v in row] for row in rows.rows]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(rows.columns)
        writer.writerows(table)
        return out.getvalue().rstrip("\n")
    return text_table(list(rows.columns), table)


def _json_value(term: Term | None) -> object:
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("#integer") \
            and _INT.fullmatch(term.value):
        return int(term.value)
    return None if term is None else term.value


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _printable(value: str) -> str:
    """A table cell on one line, its control characters shown escaped: data from articles or RDF
    files must not break rows or send escape sequences to the terminal."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], value)


def text_table(columns: list[str], rows: list[list[str]], width: int = 48) -> str:
    """Rows as aligned columns of text, cells clipped to `width`, with a row count."""
    rows = [[_printable(v) for v in row] for row in rows]
    clipped = [[v if len(v) <= width else v[: width - 1] + "…" for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in clipped]) for i, c in enumerate(columns)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in clipped]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
