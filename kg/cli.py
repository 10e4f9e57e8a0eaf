"""The kg command line: each command parses options, calls one library function, prints the result."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import KgError


class _Group(click.Group):
    """Print a KgError as one line on stderr and exit with its code; never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Build, validate and query a knowledge graph of Vietnamese political news."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Output directory: graph.ttl and report.json are written there.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extract and validate with N local worker processes.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Send extraction to this dask.distributed scheduler.")
@click.option("--store", "store_url", metavar="URL", help="Also load the graph into this SPARQL 1.1 endpoint.")
@click.option("--prune", is_flag=True, help="Remove facts of articles that are no longer among the inputs.")
def build(inputs: tuple[str, ...], out: str, workers: int, scheduler: str | None, store_url: str | None,
          prune: bool) -> None:
    """Build the graph of INPUT files or directories (.txt, .html, .jsonl).

    Exit codes: 0 built and conforms to the shapes, 1 built but does not conform,
    2 bad usage or nothing readable, 3 built but some inputs failed (see report.json).
    """
    from .pipeline import build as run_build

    done = [0]

    def progress(message: str) -> None:
        if message.startswith("failed: "):
            click.echo(f"kg: {message}", err=True)
            return
        done[0] += 1
        if sys.stderr.isatty():
            click.echo(f"\rkg: built {done[0]} articles", err=True, nl=False)

    report = run_build(list(inputs), Path(out), on_progress=progress, workers=workers, scheduler=scheduler,
                       store_url=store_url, prune=prune)
    if sys.stderr.isatty() and done[0]:
        click.echo("", err=True)
    c = report.counts
    click.echo(f"articles {report.documents['new']}  people {c.get('people', 0)}  bodies {c.get('bodies', 0)}  "
               f"posts {c.get('posts', 0)}  meetings {c.get('meetings', 0)}  resolutions {c.get('resolutions', 0)}  "
               f"triples {report.triples}  failed {report.documents['failed']}")
    click.echo(f"SHACL: {'conforms' if report.conforms else f'{len(report.violations)} violations'}  "
               f"-> {Path(out) / 'graph.ttl'}, {Path(out) / 'report.json'} ({report.seconds:.1f} s)")
    sys.exit(report.exit_code)


@main.command()
@click.argument("graph")
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE as an RDF term (<iri>, integer, \"text\"@lang, "
                   "\"13\"^^xsd:string or text). Repeatable.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              help="Stop the query after SECONDS and report it (default: no limit).")
def query(graph: str, query: str, fmt: str, params: tuple[str, ...], timeout: float | None) -> None:
    """Run QUERY (a name from queries/, e.g. who_led_what, or a .rq file) on GRAPH.

    GRAPH is a `kg build` output directory, an RDF file or an http(s):// SPARQL endpoint.
    """
    from .query import format_rows, run_query

    click.echo(format_rows(run_query(graph, query, params, timeout=timeout), fmt))


@main.command()
@click.argument("graph")
def validate(graph: str) -> None:
    """Validate GRAPH against the SHACL shapes; exit 0 conforms, 1 does not, 2 bad input."""
    from .store import load_rdflib
    from .validate import validate as run_validate

    result = run_validate(load_rdflib(graph))
    for violation in result.violations:
        click.echo(str(violation))
    click.echo("conforms" if result.conforms else f"does not conform: {len(result.violations)} violations")
    sys.exit(0 if result.conforms else 1)


@main.command()
@click.argument("graph")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["turtle", "ntriples", "trig", "jsonld", "graphml", "gexf", "json"]))
@click.option("-o", "output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def export(graph: str, fmt: str, output: str | None) -> None:
    """Export GRAPH as RDF (turtle, ntriples, trig, jsonld) or a network (graphml, gexf, json)."""
    from .export import export as run_export

    data = run_export(graph, fmt, Path(output) if output else None)
    if data is not None:
        sys.stdout.buffer.write(data)


@main.command()
@click.argument("graph")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats(graph: str, fmt: str) -> None:
    """Network statistics of GRAPH: counts by type, central officials, communities, careers."""
    from .network import stats_report

    click.echo(stats_report(graph, fmt))


@main.command()
@click.argument("graph")
@click.option("-o", "output", default="graph.html", show_default=True, type=click.Path(dir_okay=False),
              help="Output file: .html (interactive, works offline), .png or .svg.")
@click.option("--format", "fmt", type=click.Choice(["html", "png", "svg"]),
              help="Output format (default: from the file name).")
def viz(graph: str, output: str, fmt: str | None) -> None:
    """Draw the network of officials and bodies of GRAPH."""
    from .viz import visualize

    click.echo(visualize(graph, Path(output), fmt))


@main.command()
@click.argument("graph")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
def serve(graph: str, host: str, port: int) -> None:
    """Serve GRAPH as a read-only SPARQL 1.1 Protocol endpoint (Ctrl-C stops it)."""
    from .serve import serve as run_serve

    run_serve(graph, host, port, on_ready=lambda url: click.echo(f"kg: SPARQL endpoint at {url}", err=True))
