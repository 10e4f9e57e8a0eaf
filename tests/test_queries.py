"""The named queries in queries/: they parse, document themselves, and keep the DESIGN.md §5 columns."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import DESIGN_COLUMNS, ROOT

from kg.namespaces import PREFIXES
from kg.query import load_query, run_query

QUERIES = sorted((ROOT / "queries").glob("*.rq"))
ISSUE_QUERIES = {"person_career", "unit_bodies", "meeting_outcomes", "documents"}


def header(path: Path) -> str:
    """The leading comment block, without its '#' marks."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").rstrip())
    return "\n".join(lines)


def documented_columns(path: Path) -> list[str]:
    text = header(path)
    m = re.search(r"Columns:(.*?)(?:\nParameters|\Z)", text, flags=re.DOTALL)
    assert m, f"{path.name}: no 'Columns:' line in the header comment"
    listed = re.sub(r"\([^)]*\)", "", m.group(1))  # drop explanations in parentheses
    return [c.strip().rstrip(".") for c in re.split(r"[,\s]+", listed) if c.strip().rstrip(".")]


def select_columns(path: Path) -> list[str]:
    store = ox.Store()
    result = store.query(path.read_text(encoding="utf-8"), prefixes=PREFIXES)
    return [v.value for v in result.variables]


def documented_params(path: Path) -> list[str]:
    m = re.search(r"Parameters[^:]*:(.*)", header(path))
    return re.findall(r"--param (\w+)=", m.group(1)) if m else []


def test_the_named_queries_of_the_design_and_the_issue_exist() -> None:
    assert set(DESIGN_COLUMNS) | ISSUE_QUERIES <= {p.stem for p in QUERIES}


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_query_parses(path: Path) -> None:
    assert load_query(str(path)) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_query_starts_with_what_it_answers_and_its_columns(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), f"{path.name} must start with a comment saying what it answers"
    purpose = header(path).split("\n")[0]
    assert len(purpose.split()) >= 4 and not purpose.startswith("Columns")
    assert documented_columns(path) == select_columns(path)


@pytest.mark.parametrize("name", sorted(DESIGN_COLUMNS))
def test_design_columns_come_first_in_order(name: str) -> None:
    columns = select_columns(ROOT / "queries" / f"{name}.rq")
    assert columns[: len(DESIGN_COLUMNS[name])] == DESIGN_COLUMNS[name]


@pytest.mark.parametrize("name", sorted(DESIGN_COLUMNS))
def test_design_columns_come_back_from_a_run(name: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    result = run_query(str(empty), name)
    assert list(result.columns[: len(DESIGN_COLUMNS[name])]) == DESIGN_COLUMNS[name] and result.rows == ()


@pytest.mark.parametrize("name", sorted(DESIGN_COLUMNS))
def test_one_row_per_fact_per_source(name: str, rows) -> None:
    found = rows(name)
    keys = [tuple(r[c] for c in DESIGN_COLUMNS[name]) for r in found]
    assert found and len(keys) == len(set(keys))
    assert all(r["source"].endswith(".txt") for r in found)


# A value of digits binds as an xsd:integer: a document number of digits only ("13", where others
# read "33/2014") is given as a string.
DIGIT_STRINGS = {("documents", "number")}
PARAMS = [(p, param) for p in QUERIES for param in documented_params(p)]


def test_some_queries_document_parameters() -> None:
    documented = {p.stem for p in QUERIES if documented_params(p)}
    assert documented >= {"who_led_what", "people", "meetings", "person_career"}


@pytest.mark.parametrize("path,param", PARAMS, ids=lambda x: x.name if isinstance(x, Path) else x)
def test_documented_parameter_is_a_column_and_filters(path: Path, param: str, rows) -> None:
    """A --param the header documents must narrow the rows, never just be pasted into every row."""
    assert param in select_columns(path)
    everything = rows(str(path))
    assert everything, f"{path.name} returns nothing on the sample corpus"
    value = next((r[param] for r in everything if r[param]), None)
    assert value is not None, f"{path.name}: {param} is always empty on the sample corpus"
    given = f'"{value}"^^xsd:string' if (path.stem, param) in DIGIT_STRINGS else value
    narrowed = rows(str(path), f"{param}={given}")
    assert narrowed and all(r[param] == value for r in narrowed)
    assert len(narrowed) < len(everything) or all(r[param] == value for r in everything)
    assert rows(str(path), f"{param}=no such value at all") == []
