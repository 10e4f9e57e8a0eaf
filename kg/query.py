"""Named and file SPARQL queries, parameters bound as RDF terms, and result formatting."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError
from .namespaces import PREFIXES
from .resources import resource
from .store import Rows, Term, open_graph

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_UPDATE = re.compile(r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE | re.MULTILINE)
_INT = re.compile(r"^[+-]?\d+$")


def named_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted(resource("queries").glob("*.rq"))}


def load_query(query: str) -> str:
    """A query name from queries/ (without .rq) or a path to a .rq file -> its text."""
    path = Path(query)
    if query.endswith(".rq") or path.exists():
        if not path.is_file():
            raise QueryError(f"query file {query} does not exist")
        text = path.read_text(encoding="utf-8")
    else:
        known = named_queries()
        if query not in known:
            raise QueryError(f"unknown query '{query}': use one of {', '.join(known)} or a path to a .rq file")
        text = known[query].read_text(encoding="utf-8")
    body = re.sub(r"(?m)#.*$", "", text)
    if _UPDATE.search(re.sub(r"(?is)PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>", "", body)):
        raise QueryError("kg query is read-only: SPARQL updates (INSERT, DELETE, DROP…) are refused")
    try:
        ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryError(f"malformed query {query}: {str(exc).splitlines()[0]}") from None
    return text


def parse_param(param: str) -> tuple[str, Term]:
    """NAME=VALUE -> (NAME, RDF term): <iri>, an integer, "text"@lang, or a plain string."""
    name, sep, value = param.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _NAME.match(name):
        raise QueryError(f"bad --param {param!r}: write NAME=VALUE, e.g. --param name='Trần Quang Tuấn'")
    if value.startswith("<") and value.endswith(">") and len(value) > 2:
        try:
            return name, ox.NamedNode(value[1:-1])
        except ValueError:
            raise QueryError(f"bad IRI in --param {name}: {value}") from None
    if _INT.match(value):
        return name, ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    m = re.match(r'^"(.*)"@([A-Za-z]+(?:-[A-Za-z0-9]+)*)$', value, flags=re.DOTALL)
    if m:
        return name, ox.Literal(m.group(1), language=m.group(2))
    return name, ox.Literal(value)


def run_query(graph: str, query: str, params: list[str] | tuple[str, ...] = ()) -> Rows:
    text = load_query(query)
    bindings = dict(parse_param(p) for p in params)
    return open_graph(graph).select(text, bindings)


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
    return _table(list(rows.columns), table)


def _json_value(term: Term | None) -> object:
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("#integer"):
        return int(term.value)
    return None if term is None else term.value


def _table(columns: list[str], rows: list[list[str]], width: int = 48) -> str:
    clipped = [[v if len(v) <= width else v[: width - 1] + "…" for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in clipped]) for i, c in enumerate(columns)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in clipped]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
