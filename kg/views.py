"""Named queries kept as per-article views, so that they answer in a fraction of a second however
large the graph.

A named query whose header says `# View: per article` gives, over the merged graph, the union of its
rows over each article's own graph: every row stands on one article's facts (its posts, evidence and
source) and on labels every article states alike. A build runs such a query over each article's
graph as it extracts it, and stores the rows beside the article's content hash; an unchanged article
keeps them, a changed one has them replaced in the same transaction as its facts. At its end, the
build merges every article's rows in the order of the query's ORDER BY into one file per view.
`kg query DIR NAME` then reads those rows instead of joining a million triples and filters them by
the --param values (RDF-term equality, as the SPARQL binding would). Merged rows older than the store
give way to each article's rows, sorted at query time; a graph whose articles lack some rows (a file,
an endpoint, an older build) is queried with SPARQL.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

from .errors import KgError
from .resources import resource
from .store import Dataset, LocalGraph, RemoteGraph, Rows, Term, select_ntriples

_MARK = re.compile(r"^#\s*View:\s*per article\b", re.MULTILINE | re.IGNORECASE)
# The only solution modifier a view can apply: ORDER BY plain variables, at the very end.
_TAIL = re.compile(r"\}\s*(?:ORDER\s+BY((?:\s+\?\w+)+))?\s*$", re.IGNORECASE)
_NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("integer", "decimal", "double", "float", "int",
                                                            "long", "short", "nonNegativeInteger")}
_STRING = "http://www.w3.org/2001/XMLSchema#string"


class ViewError(KgError):
    """A query marked as a view cannot be one."""


@dataclass(frozen=True)
class View:
    name: str  # the named query's name
    text: str
    columns: tuple[str, ...]
    order: tuple[str, ...]  # ORDER BY variables

    @property
    def key(self) -> str:
        """Name and version: an edited query's old rows are never used."""
        return f"{self.name}/{hashlib.sha256(self.text.encode('utf-8')).hexdigest()[:12]}"


def _view(name: str, text: str) -> View:
    tail = _TAIL.search(text)
    if tail is None:
        raise ViewError(f"queries/{name}.rq is marked as a view but ends in a modifier other than ORDER BY "
                        "?variable…: remove the `# View: per article` line")
    result = ox.Store().query(text)
    if not isinstance(result, ox.QuerySolutions):
        raise ViewError(f"queries/{name}.rq is marked as a view but is not a SELECT query")
    columns = tuple(v.value for v in result.variables)
    order = tuple(v.lstrip("?") for v in (tail.group(1) or "").split())
    if not set(order) <= set(columns):
        raise ViewError(f"queries/{name}.rq is marked as a view but orders by a variable it does not select")
    return View(name, text, columns, order)


@lru_cache(maxsize=1)
def views() -> dict[str, View]:
    """The named queries marked as views, by name."""
    found = {}
    for path in sorted(resource("queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        if _MARK.search(text):
            found[path.stem] = _view(path.stem, text)
    return found


# --- rows as text -----------------------------------------------------------------------------------
# A row is a line of tab-separated cells; a cell is a kind letter and the term: "" unbound, "i" IRI,
# "b" blank node, "s" string, "l" lang + " " + text, "t" datatype + " " + text. Splitting lines in
# Python and building each distinct term once is several times faster than parsing a results format.

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {v: k for k, v in _ESCAPES.items()}
_ESCAPED = re.compile(r"\\[\\tnr]")


def _escape(text: str) -> str:
    return text.translate(str.maketrans(_ESCAPES)) if any(c in text for c in _ESCAPES) else text


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: _UNESCAPES[m.group()], text) if "\\" in text else text


def encode(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return "i" + _escape(term.value)
    if isinstance(term, ox.BlankNode):
        return "b" + _escape(term.value)
    if term.language:
        return f"l{term.language} {_escape(term.value)}"
    if term.datatype.value == _STRING:
        return "s" + _escape(term.value)
    return f"t{_escape(term.datatype.value)} {_escape(term.value)}"


def decode(cell: str) -> Term | None:
    kind, rest = cell[:1], cell[1:]
    if not kind:
        return None
    if kind in "lt":
        extra, _, rest = rest.partition(" ")
        if kind == "l":
            return ox.Literal(_unescape(rest), language=extra)
        return ox.Literal(_unescape(rest), datatype=ox.NamedNode(_unescape(extra)))
    if kind == "i":
        return ox.NamedNode(_unescape(rest))
    if kind == "b":
        return ox.BlankNode(_unescape(rest))
    return ox.Literal(_unescape(rest))


def sort_key(term: Term | None) -> tuple:
    """SPARQL's ORDER BY: unbound, then blank nodes, IRIs, numbers by value, other literals by text."""
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    if term.datatype.value in _NUMERIC:
        try:
            return (3, float(term.value), term.value)
        except ValueError:
            pass
    return (4, term.value, term.language or term.datatype.value)


# --- at build time: an article's rows --------------------------------------------------------------

def article_views(ntriples: bytes) -> tuple[tuple[str, str], ...]:
    """Each view's rows over one article's graph, as (view key, lines). The lines are sorted: a stable
    sort by the ORDER BY keys then gives ties in the same order in every run."""
    kept = list(views().values())
    found = select_ntriples(ntriples, [view.text for view in kept])
    return tuple((view.key, "".join(sorted("\t".join(encode(t) for t in row) + "\n" for row in rows.rows)))
                 for view, rows in zip(kept, found))


# --- at query time ---------------------------------------------------------------------------------

class _Terms(dict):
    """Cell text -> term; a value met again (a unit, a role, a source) is decoded once."""

    def __missing__(self, cell: str) -> Term | None:
        found = self[cell] = decode(cell)
        return found


class _Keys(dict):
    """Cell text -> sort key."""

    def __init__(self, terms: _Terms) -> None:
        super().__init__()
        self.terms = terms

    def __missing__(self, cell: str) -> tuple:
        found = self[cell] = sort_key(self.terms[cell])
        return found


def _rows(lines: str, view: View, bindings: dict[str, Term], ordered: bool) -> list[tuple[Term | None, ...]]:
    """The lines' rows that match `bindings`, sorted by the view's ORDER BY unless `ordered` already."""
    terms = _Terms()
    term, key = terms.__getitem__, _Keys(terms).__getitem__
    order = [view.columns.index(v) for v in view.order]
    wanted = [(view.columns.index(k), v) for k, v in bindings.items()]
    rows = []
    for line in lines.split("\n"):
        if not line:
            continue
        cells = line.split("\t")
        row = tuple(map(term, cells))
        if wanted and not all(row[i] == v for i, v in wanted):
            continue
        rows.append(row if ordered else ([key(cells[i]) for i in order], row))
    if ordered:
        return rows
    rows.sort(key=lambda r: r[0])
    return [r[1] for r in rows]


def sorted_lines(lines: str, view: View) -> str:
    """The lines in the order of the view's ORDER BY (ties in the order given)."""
    key = _Keys(_Terms()).__getitem__
    order = [view.columns.index(v) for v in view.order]

    def line_key(line: str) -> list[tuple]:
        cells = line.split("\t")
        return [key(cells[i]) for i in order]

    return "".join(line + "\n" for line in sorted((x for x in lines.split("\n") if x), key=line_key))


def merge(dataset: Dataset) -> None:
    """Keep each view's rows over every article merged and sorted, so that a query only reads them."""
    for view in views().values():
        lines = dataset.view_rows(view.key)
        if lines is not None:
            dataset.keep_merged(view.key, sorted_lines(lines, view))


def answer(source: LocalGraph | RemoteGraph, query: str, bindings: dict[str, Term]) -> Rows | None:
    """The named query's rows from the stored views, or None when SPARQL must answer."""
    view = views().get(query)
    if view is None or not isinstance(source, LocalGraph) or not set(bindings) <= set(view.columns):
        return None
    merged = source.merged_view(view.key)
    if merged is not None:
        return Rows(view.columns, tuple(_rows(merged, view, bindings, ordered=True)))
    stored = source.view(view.key)
    if stored is None:
        return None
    return Rows(view.columns, tuple(_rows(stored, view, bindings, ordered=False)))
