"""The only place the order of the stages is written:
read → normalize → nlp → extract → resolve/to_rdf → validate → store."""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import Graph

from .errors import NothingToBuild
from .extract import extract
from .model import Document, Extraction, Failure, Prepared
from .nlp import sentences
from .normalize import normalize
from .read import read
from .store import GRAPH_FILE, atomic_write, write_graph
from .to_rdf import to_rdf
from .validate import ValidationReport, validate

REPORT_FILE = "report.json"
Progress = Callable[[str], None]


def prepare(doc: Document) -> Prepared:
    norm = normalize(doc.text)
    return Prepared(doc=doc, norm=norm, sentences=sentences(norm))


def extract_document(doc: Document) -> Extraction:
    return extract(prepare(doc))


def document_graph(doc: Document) -> Graph:
    """One article's RDF: the unit of work of a build."""
    return to_rdf(extract_document(doc))


@dataclass
class BuildReport:
    documents: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("seen", "new", "changed", "unchanged", "removed", "failed"), 0))
    failures: list[dict] = field(default_factory=list)
    triples: int = 0
    conforms: bool = True
    violations: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        if self.failures:
            return 3
        return 0 if self.conforms else 1

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)


def _fail(report: BuildReport, failure: Failure, on_progress: Progress | None) -> None:
    entry = {"source": failure.source, "error": failure.error}
    if failure.line is not None:
        entry["line"] = failure.line
    report.failures.append(entry)
    report.documents["failed"] += 1
    if on_progress:
        on_progress(f"failed: {failure.source}{':' + str(failure.line) if failure.line else ''}: {failure.error}")


def _count(graph: Graph) -> dict[str, int]:
    from .namespaces import FOAF, KG, ORG, RDF, SCHEMA

    classes = {"articles": SCHEMA.NewsArticle, "people": FOAF.Person, "bodies": ORG.Organization,
               "posts": ORG.Membership, "congresses": KG.Congress, "plenums": KG.Plenum, "sessions": KG.Session,
               "resolutions": KG.Resolution}
    counts = {name: len(set(graph.subjects(RDF.type, cls))) for name, cls in classes.items()}
    counts["meetings"] = counts.pop("congresses") + counts.pop("plenums") + counts.pop("sessions")
    return counts


def build(inputs: list[str], out: Path, on_progress: Progress | None = None, workers: int = 1,
          scheduler: str | None = None, store_url: str | None = None, prune: bool = False) -> BuildReport:
    """Build the knowledge graph of `inputs` into `out`/graph.ttl and `out`/report.json."""
    started = time.perf_counter()
    report = BuildReport()
    graph = Graph()
    for item in read(inputs):
        if isinstance(item, Failure):
            _fail(report, item, on_progress)
            continue
        report.documents["seen"] += 1
        try:
            graph += document_graph(item)
        except Exception as exc:  # one bad article must not stop the batch
            _fail(report, Failure(item.source, f"extraction failed: {type(exc).__name__}: {exc}"), on_progress)
            continue
        report.documents["new"] += 1
        if on_progress:
            on_progress(item.id)
    if report.documents["new"] == 0:
        raise NothingToBuild(f"no readable article in {', '.join(inputs)}: give .txt, .html or .jsonl files")
    result: ValidationReport = validate(graph)
    report.conforms = result.conforms
    report.violations = [asdict(v) for v in result.violations]
    report.triples = write_graph(graph, out / GRAPH_FILE)
    report.counts = _count(graph)
    report.seconds = round(time.perf_counter() - started, 3)
    atomic_write(out / REPORT_FILE, report.to_json().encode("utf-8"))
    return report
