"""A build killed with SIGKILL leaves the previous outputs and the store usable, and the next build
completes with the graph a clean build gives."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_pipeline import article, clean_build, corpus, ntriples, write_corpus

from kg.pipeline import build
from kg.store import EmbeddedDataset, LocalGraph, open_graph
from kg.views import views

CHILD = """
import sys
from pathlib import Path
from kg.pipeline import build

build([sys.argv[1]], Path(sys.argv[2]), on_progress=lambda m: print(m, flush=True), prune=True, batch_size=1,
      store_triples=1)
print("done", flush=True)
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def killed_build(inputs: Path, out: Path, after_lines: int, delay: float = 0.0) -> None:
    """Run a build in a child process and kill it after it reported `after_lines` articles."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(inputs), str(out)], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    for _ in range(after_lines):
        if child.stdout.readline() in ("", "done\n"):  # type: ignore[union-attr]
            break
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()  # type: ignore[union-attr]


def assert_usable(out: Path, previous: bytes, final: list[str]) -> None:
    graph = (out / "graph.ttl").read_bytes()
    assert graph == previous or sorted(str(t) for t in ox.parse(graph, format=ox.RdfFormat.TURTLE)) == final
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["triples"] > 0
    rows = open_graph(str(out)).select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {})
    assert int(rows.rows[0][0].value) > 0


@pytest.mark.parametrize(("after_lines", "delay"), [(1, 0.0), (6, 0.05), (6, 0.1)])
def test_a_killed_build_leaves_usable_outputs_and_the_next_build_completes(
        tmp_path: Path, after_lines: int, delay: float) -> None:
    """Killed while storing articles (1 of 6 stored), or after the last one: while validating or
    writing graph.ttl, depending on the machine's speed."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    build([str(write_corpus(inputs, corpus(4)))], out)
    previous = (out / "graph.ttl").read_bytes()
    final = corpus(8, **{"a0.txt": article(0, deputy="Đỗ Văn Chiến"), "a1.txt": article(1, ordinal="XXIV")})
    del final["a3.txt"]
    expected = ntriples(clean_build(final, tmp_path))
    killed_build(write_corpus(inputs, final), out, after_lines, delay)
    assert_usable(out, previous, expected)
    result = build([str(inputs)], out, prune=True)
    assert ntriples(out) == expected and result.conforms
    assert result.documents["seen"] == 7 and result.counts["articles"] == 7
    assert not list(out.glob(".*.tmp"))


class Killed(Exception):
    """Stands for SIGKILL at a point a signal cannot be timed to hit."""


def test_articles_a_killed_build_was_bulk_loading_are_replaced_or_pruned(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed after new articles' facts were bulk-loaded, before the transaction that records their
    hashes: the next build replaces the ones still among the inputs and --prune removes the others."""
    real = EmbeddedDataset.update

    def killed_before_recording(self: EmbeddedDataset, sparql: str) -> None:
        if sparql.startswith("DELETE DATA"):
            raise Killed
        real(self, sparql)

    inputs, out = tmp_path / "in", tmp_path / "out"
    monkeypatch.setattr(EmbeddedDataset, "update", killed_before_recording)
    with pytest.raises(Killed):
        build([str(write_corpus(inputs, corpus(4)))], out)
    monkeypatch.undo()
    graph = LocalGraph(out)
    assert graph.view(views()["who_led_what"].key) is None  # half-loaded articles have no rows: SPARQL answers
    del graph
    final = corpus(3, **{"a0.txt": article(0, deputy="Đỗ Văn Chiến")})
    expected = ntriples(clean_build(final, tmp_path))
    result = build([str(write_corpus(inputs, final))], out, prune=True)
    assert ntriples(out) == expected and result.conforms
    assert {str(t) for t in LocalGraph(out).triples()} == set(expected)  # the store, not only graph.ttl
    assert (result.documents["changed"], result.documents["new"], result.documents["removed"]) == (3, 0, 1)
    assert not list(out.glob(".*.tmp"))
