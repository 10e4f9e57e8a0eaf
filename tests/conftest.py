"""Shared fixtures: paths of the repository's data and one build of the sample corpus per session."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # importing the pipeline loads underthesea: only tests that build pay for it
    from kg.pipeline import BuildReport

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

Rows = list[dict[str, str]]

# DESIGN.md §5: the first columns of the named queries, in order (fixed; more may follow).
DESIGN_COLUMNS = {
    "who_led_what": ["personName", "roleLabel", "organizationLabel", "unitName", "unitType", "start", "end",
                     "source"],
    "people": ["personName", "source"],
    "meetings": ["kind", "ordinal", "organizationLabel", "unitName", "startDate", "source"],
}


@dataclass(frozen=True)
class Built:
    """`kg build data/articles --out out` done once: the output directory and the build report."""

    out: Path
    report: BuildReport

    @property
    def graph(self) -> Path:
        return self.out / "graph.ttl"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("built") / "out"
    report = build([str(ARTICLES)], out)
    return Built(out, report)


def run_rows(graph: Path | str, query: str, *params: str) -> Rows:
    """A named query or .rq file run on `graph`, each row as {column: value or ''}."""
    from kg.query import run_query

    result = run_query(str(graph), query, params)
    return [{c: ("" if v is None else v.value) for c, v in zip(result.columns, row)} for row in result.rows]


@pytest.fixture(scope="session")
def rows(built: Built) -> Callable[..., Rows]:
    """rows("who_led_what", "personName=Trần Quang Tuấn") on the session's build of data/articles."""
    return lambda query, *params: run_rows(built.out, query, *params)
