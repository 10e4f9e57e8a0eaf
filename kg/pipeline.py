"""The only place the order of the stages is written:
scan → document → normalize → nlp → extract → resolve/to_rdf → validate → store.

A build is incremental: an article whose bytes (and kg's own code and data) are unchanged since the
last build of the same output is skipped before its text is even decoded; a changed one has its facts replaced in one store
transaction; `prune` retracts the articles no longer among the inputs. Extraction runs in batches,
here, in local processes or on Dask workers, and streams: memory holds a few batches and one group
of articles to store, never the corpus. Validation looks only at the nodes the changed articles
touch, with what they point to: those only one article describes as it is extracted, the others
once the store holds every article that describes them.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from itertools import islice
from pathlib import Path
from typing import TypeVar

from rdflib import Graph

from .errors import InputError, NothingToBuild
from .extract import extract
from .model import Document, Extraction, Failure, Prepared, RawArticle
from .namespaces import FOAF, KG, ORG, SCHEMA
from .nlp import sentences
from .normalize import normalize
from .parallel import Pool
from .read import document, scan
from .resolve import article_iri, article_scoped
from .resources import resource
from .store import (
    GRAPH_FILE,
    VIEWS_DIR,
    ArticleGraph,
    Dataset,
    GraphFile,
    atomic_write,
    describe_ntriples,
    describe_snapshot,
    ntriples,
    open_dataset,
    redact,
    remove_stale_temporaries,
    subject_iris,
    to_rdflib,
    turtle_block,
)
from .to_rdf import to_rdf, triples
from .validate import validate
from .views import article_views, merge, views

REPORT_FILE = "report.json"
BATCH_SIZE = 32  # articles per extraction task
# New articles are stored in groups of at least this many triples: each group is one bulk load, and
# fewer, larger loads leave the store's background compaction less to do (half its CPU at 1,000 articles).
STORE_TRIPLES = 20_000
LOOKUP_SIZE = 512  # articles whose previous content hashes are looked up at once
# Validation holds one chunk in memory at a time: the described nodes and the types of the nodes they
# point to (which pyshacl validates too, in vain: the larger the chunk, the less of that).
VALIDATION_CHUNK = 2000  # nodes
# A graph this small whose nodes mostly changed is validated in one pyshacl run instead of chunks.
WHOLE_GRAPH_LIMIT = 40_000  # triples
# pyshacl leaves the memory of each run fragmented: beyond a few chunks, they run in a child process
# replaced every so many chunks, so that the build's memory does not grow with the corpus.
CHUNKS_IN_PROCESS = 4
CHUNKS_PER_CHILD = 20
# Modules that never change what a build stores: editing them keeps previous builds' articles.
_OUTPUT_ONLY = {"cli.py", "serve.py", "query.py", "export.py", "network.py", "viz.py", "parallel.py", "worker.py",
                "progress.py", "validate.py", "stats.py"}
_CLASSES = {"articles": SCHEMA.NewsArticle, "people": FOAF.Person, "bodies": ORG.Organization,
            "posts": ORG.Membership, "congresses": KG.Congress, "plenums": KG.Plenum, "sessions": KG.Session,
            "resolutions": KG.Resolution}
Progress = Callable[[str], None]
T = TypeVar("T")


def prepare(doc: Document) -> Prepared:
    norm = normalize(doc.text)
    return Prepared(doc=doc, norm=norm, sentences=sentences(norm))


def extract_document(doc: Document) -> Extraction:
    return extract(prepare(doc))


def document_graph(doc: Document) -> Graph:
    """One article's RDF as an rdflib Graph."""
    return to_rdf(extract_document(doc))


def document_ntriples(doc: Document) -> bytes:
    """One article's RDF as N-Triples: the unit of work of a build."""
    return ntriples(triples(extract_document(doc)))


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
    store: str = ""

    @property
    def exit_code(self) -> int:
        if self.failures:
            return 3
        return 0 if self.conforms else 1

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)


# --- what decides an article's graph ---------------------------------------------------------------

def _digest(parts: Iterable[bytes]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return ""


def _files(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """kg's code and data files and underthesea's version: a change to any of them changes every
    article's graph, so it is part of every content hash."""
    package = Path(__file__).resolve().parent
    code = [p for p in _files(package, "*.py") if not (p.parent == package and p.name in _OUTPUT_ONLY)]
    data = _files(resource("data", "lexicons")) + _files(resource("data", "gazetteer"))
    keys = [view.key.encode() for view in views().values()]
    return _digest([_version("underthesea").encode()] + keys + [p.read_bytes() for p in code + data])


@lru_cache(maxsize=1)
def shapes_fingerprint() -> str:
    """The shapes, the ontology and the validator: a change revalidates the whole graph."""
    files = _files(resource("shapes"), "*.ttl") + [resource("ontology", "kg.ttl"),
                                                    Path(__file__).resolve().parent / "validate.py"]
    return _digest([_version("pyshacl").encode()] + [p.read_bytes() for p in files])


def content_digest(article: RawArticle) -> str:
    """Everything an article's graph depends on: its id, its bytes (text and metadata) and the
    pipeline (the reader's code included: the same bytes give the same text)."""
    parts = (pipeline_fingerprint(), article.id, article.checksum)
    return _digest(p.encode("utf-8", "surrogatepass") for p in parts)


# --- work sent to workers --------------------------------------------------------------------------

@dataclass(frozen=True)
class Task:
    doc: Document
    iri: str
    digest: str
    known: bool  # the dataset holds a previous version of the article


@dataclass(frozen=True)
class Built:
    id: str
    source: str
    iri: str
    digest: str
    known: bool
    ntriples: bytes | None
    error: str | None = None
    views: tuple[tuple[str, str], ...] = ()
    turtle: bytes = b""  # the article's block of graph.ttl
    checked: tuple[str, ...] = ()  # its nodes validated here, with their violations
    violations: tuple[dict, ...] = ()


def extract_batch(tasks: Sequence[Task]) -> list[Built]:
    """Build each article's graph as N-Triples; one failing article does not stop the batch."""
    out = []
    for t in tasks:
        try:
            data = document_ntriples(t.doc)
            out.append(Built(t.doc.id, t.doc.source, t.iri, t.digest, t.known, data, views=article_views(data),
                             turtle=turtle_block(t.iri, data)))
        except Exception as exc:  # reported as this article's failure
            error = f"extraction failed: {type(exc).__name__}: {exc}"
            out.append(Built(t.doc.id, t.doc.source, t.iri, t.digest, t.known, None, error))
    return _validate_own_nodes(out)


def warm_up() -> None:
    """Load what a batch needs (lexicons, gazetteer, the sentence splitter, shapes) by building one
    sentence: done once in the process local workers are forked from, not in each of them."""
    extract_batch([Task(Document("warm-up", "warm-up", "Bí thư Huyện ủy Tuy Phước Nguyễn Văn An phát biểu."),
                        str(article_iri("warm-up")), "", False)])


def _validate_own_nodes(built: list[Built]) -> list[Built]:
    """Validate the nodes that only their own article describes (its memberships, evidence, counts),
    here, in one pyshacl run for the batch: that share of validation then runs on every worker,
    alongside extraction, and the store's queue keeps only the nodes several articles describe."""
    own = [[n for n in subject_iris(b.ntriples) if article_scoped(n)] if b.ntriples else [] for b in built]
    nodes = [n for nodes in own for n in nodes]
    if not nodes:
        return built
    data = b"".join(b.ntriples for b in built if b.ntriples)
    _, violations = validate_chunk((nodes, describe_ntriples(data, nodes)))
    by_focus: dict[str, list[dict]] = {}
    for v in violations:
        by_focus.setdefault(v["focus"], []).append(v)
    return [replace(b, checked=tuple(mine), violations=tuple(v for n in mine for v in by_focus.get(n, ())))
            for b, mine in zip(built, own)]


def validate_in_snapshot(chunk: tuple[list[str], str]) -> tuple[list[str] | None, list[dict]]:
    """validate_chunk of the nodes, described from a snapshot of the store (a path)."""
    nodes, snapshot = chunk
    return validate_chunk((nodes, describe_snapshot(snapshot, nodes)))


def validate_chunk(chunk: tuple[list[str] | None, bytes]) -> tuple[list[str] | None, list[dict]]:
    """Validate the described nodes (None: all); only their own violations count (the nodes they
    point to come with their types only, and are validated in their own chunk)."""
    nodes, data = chunk
    violations = [asdict(v) for v in validate(to_rdflib(data), nodes).violations]
    if nodes is None:
        return nodes, violations
    wanted = set(nodes)
    return nodes, [v for v in violations if v["focus"] in wanted]


# --- the build -------------------------------------------------------------------------------------

def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class _Run:
    """One build's bookkeeping: the report, the articles seen, progress messages."""

    def __init__(self, on_progress: Progress | None, graph_file: GraphFile | None = None) -> None:
        self.report = BuildReport()
        self.graph_file = graph_file
        self.seen: set[str] = set()  # article IRIs: what --prune keeps, and duplicates
        self.retracted: list[str] = []  # stored articles whose new version is unreadable
        self.progress = on_progress or (lambda message: None)

    def fail(self, failure: Failure) -> None:
        entry: dict = {"source": failure.source, "error": failure.error}
        if failure.line is not None:
            entry["line"] = failure.line
        self.report.failures.append(entry)
        self.report.documents["failed"] += 1
        line = f":{failure.line}" if failure.line else ""
        self.progress(f"failed: {failure.source}{line}: {failure.error}")

    def articles(self, items: Iterable[RawArticle | Failure]) -> Iterator[tuple[RawArticle, str]]:
        for item in items:
            if isinstance(item, Failure):
                self.fail(item)
                continue
            iri = str(article_iri(item.id))
            if iri in self.seen:
                self.fail(Failure(item.source, f"article id {item.id} appears twice in the inputs; the first "
                                               "one is kept: give each article a distinct id"))
                continue
            self.seen.add(iri)
            yield item, iri

    def tasks(self, items: Iterable[RawArticle | Failure], dataset: Dataset,
              batch_size: int) -> Iterator[list[Task]]:
        """Batches of the articles that are new or changed; unchanged ones are counted and skipped
        before their text is decoded and checked."""
        ready: list[Task] = []
        for chunk in _chunks(self.articles(items), LOOKUP_SIZE):
            previous = dataset.content_hashes([iri for _, iri in chunk])
            for article, iri in chunk:
                digest = content_digest(article)
                if previous.get(iri) == digest:
                    self.report.documents["seen"] += 1
                    self.report.documents["unchanged"] += 1
                    continue
                doc = document(article)
                if isinstance(doc, Failure):
                    self.unreadable(doc, iri, iri in previous)
                else:
                    self.report.documents["seen"] += 1
                    ready.append(Task(doc, iri, digest, iri in previous))
            while len(ready) >= batch_size:
                yield ready[:batch_size]
                ready = ready[batch_size:]
        if ready:
            yield ready

    def unreadable(self, failure: Failure, iri: str, known: bool) -> None:
        """An article whose text cannot be used: as if it were not among the inputs (a clean build
        would not have it), so its previous version goes too."""
        self.fail(failure)
        self.seen.discard(iri)
        if known:
            self.retracted.append(iri)

    def extracted(self, batches: Iterable[list[Built]], triples: int) -> Iterator[list[Built]]:
        """The extracted batches in groups of at least `triples` triples (the last one smaller);
        each article is reported as it arrives."""
        group: list[Built] = []
        size = 0
        for batch in batches:
            for b in batch:
                if b.ntriples is None:
                    self.fail(Failure(b.source, b.error or "extraction failed"))
                else:
                    size += b.ntriples.count(b"\n")
                    self.progress(b.id)
            group += batch
            if size >= triples:
                yield group
                group, size = [], 0
        if group:
            yield group

    def commit(self, dataset: Dataset, results: Sequence[Built]) -> None:
        """Store a group of articles; a changed article that now fails loses its old facts, as a
        clean build would not have them."""
        graphs = []
        for b in results:
            if b.ntriples is not None:
                graphs.append(ArticleGraph(b.iri, b.digest, b.ntriples, b.views, b.known, b.checked, b.violations))
            elif b.known:
                graphs.append(ArticleGraph(b.iri, None, None))
        dataset.replace(graphs)
        for b in results:
            if b.ntriples is None:
                continue
            if self.graph_file is not None:
                self.graph_file.add(b.iri, b.turtle)
            self.report.documents["changed" if b.known else "new"] += 1

    def retract(self, dataset: Dataset) -> None:
        dataset.replace([ArticleGraph(iri, None, None) for iri in self.retracted])
        self.retracted = []

    def prune(self, dataset: Dataset, batch_size: int) -> None:
        gone = [iri for iri in dataset.articles() if iri not in self.seen]
        for chunk in _chunks(gone, batch_size):
            dataset.replace([ArticleGraph(iri, None, None) for iri in chunk])
            self.report.documents["removed"] += len(chunk)

    def validate(self, dataset: Dataset, pool: Pool) -> None:
        waiting = dataset.waiting()
        if waiting and self.report.triples <= WHOLE_GRAPH_LIMIT and waiting * 2 >= dataset.subjects():
            dataset.record_all(validate_chunk((None, dataset.default_ntriples()))[1])
        elif waiting:
            self._validate_chunks(dataset, pool, waiting)
        found = dataset.violations()
        found.sort(key=lambda v: (v["label"], v["path"], v["message"], v["focus"]))
        self.report.violations = found
        self.report.conforms = not found

    def _validate_chunks(self, dataset: Dataset, pool: Pool, waiting: int) -> None:
        """The waiting nodes a chunk at a time. Local worker processes describe their chunks from a
        snapshot of the store; otherwise this process describes them (here, while a child process
        validates the previous chunk)."""
        with dataset.snapshot() if pool.local_processes else contextlib.nullcontext() as snapshot:
            nodes = _chunks(dataset.pending(), _chunk_size(waiting, pool.workers))
            if snapshot is not None:
                fn: Callable = validate_in_snapshot
                chunks: Iterator[tuple] = ((n, snapshot) for n in nodes)
            else:
                fn, chunks = validate_chunk, ((n, dataset.describe(n)) for n in nodes)
            if waiting <= CHUNKS_IN_PROCESS * VALIDATION_CHUNK:
                results = pool.map(fn, chunks)
            else:
                results = pool.map_isolated(fn, chunks, CHUNKS_PER_CHILD)
            for done, violations in results:
                dataset.record_validation(done or [], violations)

    def usable(self) -> int:
        d = self.report.documents
        return d["new"] + d["changed"] + d["unchanged"]


def _chunk_size(waiting: int, workers: int) -> int:
    """At most VALIDATION_CHUNK nodes a chunk, in a multiple of `workers` chunks of one size: no
    worker is left idle while another validates a last, lone chunk."""
    chunks = -(-waiting // VALIDATION_CHUNK)
    chunks = -(-chunks // workers) * workers
    return max(1, -(-waiting // chunks))


def _check_paths(inputs: Sequence[str], out: Path) -> None:
    for given in inputs:
        if not Path(given).exists():
            raise InputError(f"input {given} does not exist: give article files or directories")
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out} is a file: give a directory for graph.ttl and report.json")


def _count(dataset: Dataset) -> dict[str, int]:
    counts = dataset.count_instances({name: str(cls) for name, cls in _CLASSES.items()})
    counts["meetings"] = counts.pop("congresses") + counts.pop("plenums") + counts.pop("sessions")
    return counts


def build(inputs: list[str], out: Path, on_progress: Progress | None = None, workers: int = 1,
          scheduler: str | None = None, store_url: str | None = None, prune: bool = False,
          batch_size: int = BATCH_SIZE, store_triples: int = STORE_TRIPLES) -> BuildReport:
    """Build (or bring up to date) the knowledge graph of `inputs` in the store of `out` (out/store,
    or the SPARQL endpoint `store_url`), then write out/graph.ttl and out/report.json."""
    started = time.perf_counter()
    _check_paths(inputs, out)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out)
    remove_stale_temporaries(out / VIEWS_DIR)
    with open_dataset(out, store_url) as dataset, Pool(workers, scheduler, preload=("kg.worker",)) as pool, \
            contextlib.closing(GraphFile(out / GRAPH_FILE, dataset.graph_file_current())) as graph_file:
        run = _Run(on_progress, graph_file)
        run.report.store = redact(store_url) if store_url else str(out / "store")
        # Before storing: articles come with some of their nodes validated against the current shapes.
        dataset.prepare_validation(shapes_fingerprint())
        extracted = pool.map(extract_batch, run.tasks(scan(inputs), dataset, batch_size))
        for group in run.extracted(extracted, store_triples):
            run.commit(dataset, group)
        run.retract(dataset)
        if run.usable() == 0:
            raise NothingToBuild(f"no readable article in {', '.join(inputs)}: give .txt, .html or .jsonl "
                                 "files")
        if prune:
            run.prune(dataset, batch_size)
        run.report.triples = dataset.count_triples()
        run.validate(dataset, pool)
        merge(dataset)
        dataset.write_turtle(graph_file)
        run.report.counts = _count(dataset)
    run.report.seconds = round(time.perf_counter() - started, 3)
    atomic_write(out / REPORT_FILE, run.report.to_json().encode("utf-8"))
    return run.report
