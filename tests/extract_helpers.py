"""Run the extractor on a short text and return its facts as plain tuples, for readable asserts."""
from __future__ import annotations

from datetime import date

from kg.model import Document, Extraction, Metadata
from kg.pipeline import extract_document


def run(text: str, published: date | None = date(2024, 8, 15)) -> Extraction:
    return extract_document(Document("t.txt", "t.txt", text, Metadata(published=published)))


def persons(text: str, **kw: object) -> set[str]:
    return {p.name for p in run(text, **kw).persons}  # type: ignore[arg-type]


def holdings(text: str, **kw: object) -> set[tuple[str, str, str, str]]:
    """(person, role, organisation label, unit name)."""
    ext = run(text, **kw)  # type: ignore[arg-type]
    return {(h.person, h.role, h.body.label, h.body.unit.name if h.body.unit else "") for h in ext.holdings}


def statuses(text: str) -> dict[tuple[str, str], str]:
    return {(h.person, h.role): h.status for h in run(text).holdings}


def meetings(text: str, **kw: object) -> set[tuple[str, int | None, str]]:
    """(kind, ordinal, unit name of the organizer)."""
    ext = run(text, **kw)  # type: ignore[arg-type]
    return {(m.kind, m.ordinal, m.organizer.unit.name if m.organizer.unit else "") for m in ext.meetings}
