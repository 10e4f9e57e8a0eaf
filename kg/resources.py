"""Where the data files shipped with kg live: the source tree, or kg/_resources in a wheel."""
from __future__ import annotations

from pathlib import Path

from .errors import ResourceError

_PACKAGE = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE / "_resources", _PACKAGE.parent)


def resource(*parts: str) -> Path:
    """Path of a shipped data file, e.g. resource("queries", "people.rq")."""
    for root in _CANDIDATES:
        path = root.joinpath(*parts)
        if path.exists():
            return path
    raise ResourceError(f"kg data file {'/'.join(parts)} is missing: reinstall kg (pip install -e .)")
