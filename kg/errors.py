"""One exception tree: every error a user can cause is a KgError whose message says what to do."""
from __future__ import annotations


class KgError(Exception):
    """Base of all kg errors; the CLI prints its message on one line and exits with `exit_code`."""

    exit_code = 2


class InputError(KgError):
    """An input file or directory cannot be used."""


class NothingToBuild(InputError):
    """No readable article was found in the inputs."""


class QueryError(KgError):
    """A named query is unknown, a .rq file is malformed, or a parameter is bad."""


class GraphError(KgError):
    """A GRAPH argument is not a build directory, an RDF file or an endpoint."""


class ResourceError(KgError):
    """A data file shipped with kg (lexicon, shapes, ontology, gazetteer) is missing or malformed."""
