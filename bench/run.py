"""kg's benchmarks, each side by side with its baseline in the same run; writes bench/RESULTS.md.

    python bench/run.py                      # 1,000 articles; graphs of 10k and 100k triples
    python bench/run.py --big                # 100,000 articles; graphs up to 1M triples (hours)
    python bench/run.py --articles 5000 --graphs 10000,1000000

Measures: extraction chars/s per worker (baseline: underthesea's ner on the same text); build time
with 1 and 2 workers; store load triples/s (baselines: rdflib's parser, Oxigraph's bulk loader);
named-query latency (baseline: rdflib's in-memory store); SHACL validation, full and of a 1% change
(baseline: pyshacl over the whole graph); Turtle export (baseline: rdflib's serializer); a rebuild
with 1% of the articles changed against the full build; peak memory against the number of articles.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import multiprocessing
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import Corpus, write_corpus

from kg import pipeline
from kg.export import export
from kg.model import Document, Metadata
from kg.pipeline import build, document_graph
from kg.query import load_query
from kg.resolve import article_iri
from kg.store import SORT_RUN, EmbeddedDataset, open_graph, sorted_bytes
from kg.store import ntriples as store_ntriples

ROOT = Path(__file__).resolve().parent.parent
REORDERED = Path(__file__).resolve().parent / "queries"  # the named queries with patterns reordered
QUERIES = ("who_led_what", str(REORDERED / "who_led_what.rq"), "people", "meetings", str(REORDERED / "meetings.rq"))
TRIPLES_PER_ARTICLE = 162  # measured on the generated corpus: sizes a corpus for a graph size


@dataclass
class Results:
    sections: list[tuple[str, list[str]]] = field(default_factory=list)

    def add(self, title: str, lines: list[str]) -> None:
        self.sections.append((title, lines))
        print(f"\n## {title}\n" + "\n".join(lines), flush=True)


def timed(fn: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    """Median seconds of `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def bounded(fn: Callable[[], object], limit: float) -> float | None:
    """Seconds `fn` takes in a forked child (which shares what is loaded), or None past `limit`."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        started = time.perf_counter()
        fn()
        send.send(time.perf_counter() - started)

    process = context.Process(target=child, daemon=True)
    process.start()
    try:
        return receive.recv() if receive.poll(limit) else None
    finally:
        process.kill()
        process.join()


def ms(seconds: float | None, limit: float) -> str:
    return f"> {limit:.0f} s (stopped)" if seconds is None else f"{seconds * 1000:,.1f} ms"


def ratio(ours: float | None, theirs: float | None, limit: float = 0.0) -> str:
    """Baseline time / kg time; a stopped baseline took at least `limit`."""
    if ours is None:
        return "—"
    if theirs is None:
        return f"> {limit / ours:,.0f}×" if ours > 0 else "∞"
    return f"{theirs / ours:,.1f}×" if ours > 0 else "∞"


def verdict(ok: bool) -> str:
    return "meets target" if ok else "**misses target**"


@contextmanager
def stage_clock(name: str, into: dict[str, float]) -> Iterator[None]:
    """Time every call of pipeline._Run.<name> during a build."""
    real = getattr(pipeline._Run, name)

    def clocked(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return real(self, *args, **kwargs)
        finally:
            into[name] = into.get(name, 0.0) + time.perf_counter() - started

    setattr(pipeline._Run, name, clocked)
    try:
        yield
    finally:
        setattr(pipeline._Run, name, real)


def clocked_build(inputs: Path, out: Path, **options: object) -> tuple[float, pipeline.BuildReport, dict[str, float]]:
    stages: dict[str, float] = {}
    with stage_clock("commit", stages), stage_clock("validate", stages):
        seconds, report = timed(lambda: build([str(inputs)], out, **options))  # type: ignore[arg-type]
    return seconds, report, stages  # type: ignore[return-value]


# --- extraction --------------------------------------------------------------------------------------

def documents(n: int, seed: int = 7) -> list[Document]:
    return [Document(a["id"], a["id"], a["text"], Metadata(a["title"])) for a in Corpus(seed).articles(n)]


def bench_extraction(results: Results, n: int) -> None:
    from underthesea import ner

    docs = documents(n)
    document_graph(docs[0])  # loads lexicons, gazetteer and underthesea's models
    chars = sum(len(d.text) for d in docs)
    ours, _ = timed(lambda: [document_graph(d) for d in docs])
    sample = docs[: max(3, n // 20)]
    sample_chars = sum(len(d.text) for d in sample)
    ner("Đồng chí Trần Quang Tuấn được bầu làm Bí thư Quận ủy Hồng Bàng.")
    theirs, _ = timed(lambda: [ner(p) for d in sample for p in d.text.split("\n\n") if p.strip()])
    seeds = [Document(p.name, str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "articles").glob("*.txt"))]
    seed_chars = sum(len(d.text) for d in seeds)
    seed_time, _ = timed(lambda: [document_graph(d) for d in seeds], repeat=3)
    rate, ner_rate = chars / ours, sample_chars / theirs
    results.add("Extraction, one worker", [
        "| text | kg (document_graph) | underthesea ner | ratio |", "|---|---|---|---|",
        f"| {n} generated articles, {chars:,} chars | {rate:,.0f} chars/s | {ner_rate:,.0f} chars/s "
        f"({len(sample)} of the articles) | {rate / ner_rate:.1f}× |",
        f"| the 5 sample articles, {seed_chars:,} chars | {seed_chars / seed_time:,.0f} chars/s | | |",
        "", f"Target ≥ 100,000 chars/s and ≥ 9× ner: {verdict(rate >= 100_000 and rate >= 9 * ner_rate)}."])
    profile_extraction(results, docs[: max(20, n // 5)])


def profile_extraction(results: Results, docs: list[Document]) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for d in docs:
        document_graph(d)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    for (path, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "/kg/" in path or "underthesea" in path or "rdflib" in path:
            where = path.split("/kg/")[-1] if "/kg/" in path else path.split("site-packages/")[-1]
            rows.append((tottime, cumtime, calls, f"{where}:{line} {name}"))
    rows.sort(reverse=True)
    lines = ["Own time (tottime) of the hottest functions over " f"{len(docs)} articles, {total:.2f} s in all:", "",
             "| own s | cumulative s | calls | function |", "|---|---|---|---|"]
    lines += [f"| {t:.3f} | {c:.3f} | {n} | `{f}` |" for t, c, n, f in rows[:15]]
    by_stage = {}
    for stage, fn in (("normalize", "normalize"), ("sentences (underthesea)", "sentences"), ("extract", "extract"),
                      ("to_rdf", "to_rdf")):
        by_stage[stage] = sum(v[3] for k, v in stats.stats.items() if k[2] == fn and "/kg/" in k[0])  # type: ignore[attr-defined]
    lines += ["", "Cumulative time by stage: " + ", ".join(f"{k} {v:.2f} s" for k, v in by_stage.items()) + "."]
    results.add("Extraction profile (cProfile)", lines)


# --- builds ------------------------------------------------------------------------------------------

def child_build(inputs: Path, out: Path, workers: int) -> dict:
    """A build in a fresh process: its report, time and peak memory (RSS of that process)."""
    code = ("import json, resource, sys, time; from pathlib import Path; from kg.pipeline import build\n"
            "t = time.perf_counter(); r = build([sys.argv[1]], Path(sys.argv[2]), workers=int(sys.argv[3]))\n"
            "print(json.dumps({'seconds': time.perf_counter() - t, 'triples': r.triples, "
            "'documents': r.documents, 'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))")
    done = subprocess.run([sys.executable, "-c", code, str(inputs), str(out), str(workers)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_builds(results: Results, n: int, work: Path) -> None:
    corpus = work / f"corpus-{n}"
    write_corpus(n, corpus)
    chars = sum(len(json.loads(line)["text"]) for f in corpus.glob("*.jsonl") for line in f.open(encoding="utf-8"))
    load = os.getloadavg()[0]
    one, report, stages = clocked_build(corpus, work / "build-1")
    two, _, stages2 = clocked_build(corpus, work / "build-2", workers=2)
    same = (work / "build-1" / "graph.ttl").read_bytes() == (work / "build-2" / "graph.ttl").read_bytes()
    speedup = one / two
    results.add(f"Build of {n:,} articles ({chars:,} chars, {report.triples:,} triples)", [
        "| workers | seconds | articles/s | chars/s | of which storing | validating |", "|---|---|---|---|---|---|",
        f"| 1 | {one:.1f} | {n / one:.1f} | {chars / one:,.0f} | {stages['commit']:.1f} s | {stages['validate']:.1f} s |",
        f"| 2 (local Dask cluster, started by the build) | {two:.1f} | {n / two:.1f} | {chars / two:,.0f} | "
        f"{stages2['commit']:.1f} s | {stages2['validate']:.1f} s |",
        "", f"2 workers: {speedup:.2f}× one worker (target ≥ 1.7×: {verdict(speedup >= 1.7)}); same graph.ttl: {same}. "
        f"{os.cpu_count()} cores, load average {load:.1f} before the builds (other processes share the machine)."])
    rebuild(results, corpus, work / "build-1", n, one)
    memory(results, n, work)


def memory(results: Results, n: int, work: Path) -> None:
    """Peak memory of one-worker builds of n/8 and n/2 articles, each in a fresh process."""
    rows = []
    for count in (max(1, n // 8), max(1, n // 2)):
        corpus = work / f"corpus-memory-{count}"
        write_corpus(count, corpus, seed=3)
        rows.append((count, child_build(corpus, work / f"build-memory-{count}", 1)))
    (small, a), (large, b) = rows
    results.add("Memory", [
        "| articles | triples | peak RSS of the build process |", "|---|---|---|",
        *[f"| {count:,} | {r['triples']:,} | {r['rss_mb']:.0f} MB |" for count, r in rows], "",
        f"{large / small:.0f}× the articles: {b['rss_mb'] / a['rss_mb']:.2f}× the memory. Extraction streams (a few "
        "batches in memory); what grows is the set of article ids, Oxigraph's caches and, when graph.ttl is written, "
        f"sorting runs of at most {SORT_RUN:,} lines."])


def rebuild(results: Results, corpus: Path, out: Path, n: int, full_seconds: float) -> None:
    changed = frozenset(range(0, n, 100))
    write_corpus(n, corpus, changed=changed)
    seconds, report, stages = clocked_build(corpus, out)
    share = seconds / full_seconds
    results.add(f"Rebuild with 1% of {n:,} articles changed", [
        f"{report.documents['changed']} changed, {report.documents['unchanged']} unchanged: {seconds:.1f} s against "
        f"{full_seconds:.1f} s for the full build = {100 * share:.1f}% (target ≤ 5%: {verdict(share <= 0.05)}).",
        f"Of which storing {stages.get('commit', 0):.2f} s, validating the changed nodes "
        f"{stages.get('validate', 0):.2f} s; the rest is reading and hashing every input, extracting the changed "
        "articles and rewriting graph.ttl (sorted) from the store."])
    write_corpus(n, corpus)


# --- store load ----------------------------------------------------------------------------------------

def bench_store_load(results: Results, n: int, work: Path) -> None:
    from rdflib import Graph

    docs = documents(n, seed=11)
    graphs = [(str(article_iri(d.id)), store_ntriples(document_graph(d))) for d in docs]
    data = b"".join(nt for _, nt in graphs)
    triples = data.count(b"\n")
    path = work / "load-store"
    shutil.rmtree(path, ignore_errors=True)

    def load() -> None:
        with EmbeddedDataset(path) as dataset:
            for first in range(0, len(graphs), pipeline.BATCH_SIZE):
                batch = graphs[first:first + pipeline.BATCH_SIZE]
                dataset.replace([pipeline.ArticleGraph(iri, "h", nt) for iri, nt in batch])

    ours, _ = timed(load)
    rdflib_time, _ = timed(lambda: Graph().parse(data=data.decode("utf-8"), format="nt"))
    import pyoxigraph as ox

    bulk_path = work / "bulk-store"
    shutil.rmtree(bulk_path, ignore_errors=True)
    bulk, _ = timed(lambda: ox.Store(str(bulk_path)).bulk_load(data, format=ox.RdfFormat.N_TRIPLES))
    results.add(f"Store load ({triples:,} triples of {n} articles)", [
        "| loader | triples/s | its time / kg's |", "|---|---|---|",
        f"| kg: one transaction per {pipeline.BATCH_SIZE} articles, each in its named graph and merged into the "
        f"default graph, with content hashes and the validation queue (on disk) | {triples / ours:,.0f} | 1 |",
        f"| rdflib Graph.parse (N-Triples, in memory, no persistence) | {triples / rdflib_time:,.0f} | "
        f"{rdflib_time / ours:.2f} |",
        f"| Oxigraph bulk_load (on disk, one graph, no transactions) | {triples / bulk:,.0f} | {bulk / ours:.2f} |"])


# --- graphs of a given size ----------------------------------------------------------------------------

def bench_graph(results: Results, size: int, work: Path, limit: float) -> None:
    from rdflib import Graph

    from kg.validate import validate

    n = max(10, round(size / TRIPLES_PER_ARTICLE))
    corpus, out = work / f"graph-corpus-{size}", work / f"graph-{size}"
    write_corpus(n, corpus, seed=size)
    build_seconds, report, stages = clocked_build(corpus, out)
    parse_seconds, graph = timed(lambda: Graph().parse(out / "graph.ttl", format="turtle"))
    lines = [f"{n:,} articles, {report.triples:,} triples; built in {build_seconds:.1f} s (validation "
             f"{stages.get('validate', 0):.1f} s); rdflib parses graph.ttl in {parse_seconds:.1f} s.", "",
             "| measure | kg | baseline | ratio |", "|---|---|---|---|"]
    source = open_graph(str(out))
    for name in QUERIES:
        text = load_query(name)
        ours = bounded(lambda text=text: source.select(text, {}), limit)
        rows = len(source.select(text, {}).rows) if ours is not None else None
        if ours is not None:
            again = [bounded(lambda text=text: source.select(text, {}), limit) or limit for _ in range(2)]
            ours = min([ours, *again])
        theirs = bounded(lambda text=text: list(graph.query(text)), limit)
        shown = name if "/" not in name else f"{Path(name).stem}, patterns reordered (bench/queries)"
        lines.append(f"| `{shown}` ({rows if rows is not None else '?'} rows) | {ms(ours, limit)} | "
                     f"{ms(theirs, limit)} (rdflib in memory) | {ratio(ours, theirs, limit)} |")
    full = full_validation(out)
    pyshacl_seconds, whole = timed(lambda: validate(graph))
    lines.append(f"| SHACL of every node, as after new shapes | {full:.1f} s | {pyshacl_seconds:.1f} s (pyshacl over the whole "
                 f"graph; conforms {whole.conforms}) | {ratio(full, pyshacl_seconds)} |")  # type: ignore[attr-defined]
    export_seconds, data = timed(lambda: export(str(out), "turtle"), repeat=3)
    store_seconds, _ = timed(lambda: sorted_bytes(source.dump_ntriples, __import__("pyoxigraph").RdfFormat.TURTLE))
    rdflib_seconds, _ = timed(lambda: graph.serialize(format="turtle"))
    lines.append(f"| Turtle export (`kg export DIR --format turtle`: graph.ttl) | {export_seconds:.2f} s | "
                 f"{rdflib_seconds:.1f} s (rdflib serializer) | {ratio(export_seconds, rdflib_seconds)} |")
    lines.append(f"| Turtle, sorted, serialized again from the store | {store_seconds:.2f} s | {rdflib_seconds:.1f} s | "
                 f"{ratio(store_seconds, rdflib_seconds)} |")
    changed = frozenset(range(0, n, 100))
    write_corpus(n, corpus, seed=size, changed=changed)
    again, report2, stages2 = clocked_build(corpus, out)
    lines.append(f"| SHACL after {report2.documents['changed']} changed articles (1%) | "
                 f"{stages2.get('validate', 0):.2f} s | {pyshacl_seconds:.1f} s (pyshacl over the whole graph) | "
                 f"{ratio(stages2.get('validate', 0), pyshacl_seconds)} |")
    lines.append(f"| rebuild with 1% changed | {again:.1f} s | {build_seconds:.1f} s (full build) | "
                 f"{100 * again / build_seconds:.1f}% |")
    lines += ["", "Targets at 1M triples: who_led_what ≤ 0.5 s, Turtle export ≤ 2 s, SHACL of new facts ≤ 30 s."]
    results.add(f"Graph of {size:,} triples", lines)
    del data


def full_validation(out: Path) -> float:
    """Validate every node again, as after a change of the shapes."""
    with EmbeddedDataset(out / "store") as dataset, pipeline.Pool(1) as pool:
        run = pipeline._Run(None)
        started = time.perf_counter()
        dataset.prepare_validation("benchmark: every node")
        run.validate(dataset, pool)
        return time.perf_counter() - started


# --- report --------------------------------------------------------------------------------------------

def environment() -> list[str]:
    from importlib.metadata import version

    packages = ", ".join(f"{p} {version(p)}" for p in ("pyoxigraph", "rdflib", "pyshacl", "underthesea", "dask"))
    return [f"- {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
            f"load average {os.getloadavg()[0]:.1f} at the start", f"- {packages}"]


def write_results(results: Results, args: argparse.Namespace, started: float, path: Path) -> None:
    text = ["# Benchmark results", "",
            f"Written by `python bench/run.py {' '.join(sys.argv[1:])}` (`make bench`) on {time.strftime('%Y-%m-%d')}, "
            f"in {(time.perf_counter() - started) / 60:.1f} min. Corpus: articles from bench/generate.py "
            "(officials, units of the gazetteer, posts, meetings, dates among fact-free sentences); "
            "ratios are baseline time / kg time (higher is better for kg) unless said otherwise.", "",
            *environment()]
    for title, lines in results.sections:
        text += ["", f"## {title}", "", *lines]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles of the build benchmarks")
    parser.add_argument("--graphs", default="10000,100000", help="graph sizes in triples, comma-separated")
    parser.add_argument("--extract", type=int, default=200, help="articles of the extraction benchmark")
    parser.add_argument("--big", action="store_true", help="100,000 articles and graphs of 10k, 100k, 1M triples")
    parser.add_argument("--query-limit", type=float, default=120.0, help="seconds before a query is stopped")
    parser.add_argument("--workdir", type=Path, help="keep corpora and builds here (default: a temporary directory)")
    parser.add_argument("--results", type=Path, default=Path(__file__).resolve().parent / "RESULTS.md")
    args = parser.parse_args()
    if args.big:
        args.articles, args.graphs = 100_000, "10000,100000,1000000"
    started = time.perf_counter()
    results = Results()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        bench_extraction(results, args.extract)
        bench_store_load(results, min(args.articles, 300), work)
        for size in (int(s) for s in args.graphs.split(",") if s):
            bench_graph(results, size, work, args.query_limit)
        bench_builds(results, args.articles, work)
    finally:
        write_results(results, args, started, args.results)
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nwritten to {args.results}")


if __name__ == "__main__":
    main()
