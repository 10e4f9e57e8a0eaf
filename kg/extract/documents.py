"""Resolutions, directives, projects, programmes and decisions, and the counts an article reports."""
from __future__ import annotations

from datetime import date

from ..model import Count, DocumentRef, Evidence, Meeting
from ..read import parse_date
from .grammar import Grammar
from .meetings import Found as FoundMeeting

_CODE = {"/", "-"}


def _number(g: Grammar, j: int) -> tuple[str | None, int]:
    """'số 13', '33/2014', '2083-QĐNS/TW', '02-CTr/TU' -> (number, next index)."""
    if g.key(j) == "số":
        j += 1
    if j >= len(g.t) or not g.t[j].is_number:
        return None, j
    k = j + 1
    while k < len(g.t) and g.t[k].start == g.t[k - 1].end and (g.t[k].text in _CODE or g.t[k].is_word):
        k += 1
    while k > j + 1 and g.t[k - 1].text in _CODE:
        k -= 1
    return "".join(t.text for t in g.t[j:k]), k


def _issued(g: Grammar, j: int) -> tuple[date | None, int]:
    if g.key(j) == "ngày" and j + 1 < len(g.t):
        k = j + 1
        text = ""
        while k < len(g.t) and g.t[k].start == g.t[k - 1].end or k == j + 1:
            text += g.t[k].text
            k += 1
            if k >= len(g.t):
                break
        issued = parse_date(text)
        if issued is not None:
            return issued, k
    return None, j


def scan(g: Grammar, evidence: Evidence, meetings: list[FoundMeeting], text: str) -> list[DocumentRef]:
    """Documents named in one sentence; `text` is the normalized document the tokens point into."""
    out = []
    by_start = {m.start: m for m in meetings}
    i = 0
    while i < len(g.t):
        match = g.lex.documents.match(g.t, i)
        if match is None or not g.t[i].is_title:
            i += 1
            continue
        entry, n = match
        number, j = _number(g, i + n)
        issued, j = _issued(g, j)
        meeting: Meeting | None = None
        if j in by_start:
            meeting, j = by_start[j].meeting, by_start[j].end
        issuer = None
        if g.key(j) == "của" and (b := g.body(j + 1)) is not None:
            issuer, j = b[0], b[1]
        elif meeting is not None:
            issuer = meeting.organizer
        if number or meeting or issuer:
            name = text[g.t[i].start:g.t[j - 1].end]
            out.append(DocumentRef(kind=entry.value, name=name.strip(" ,;"), evidence=evidence, number=number,
                                   issuer=issuer, issued=issued, meeting=meeting))
        i = max(j, i + n)
    return out


def counts(g: Grammar, evidence: Evidence, sentence: str) -> list[Count]:
    out = []
    for pattern, what in g.lex.counts:
        for m in pattern.finditer(sentence):
            total = m.groupdict().get("total")
            out.append(Count(what=what, value=int(m.group("n").replace(".", "")), evidence=evidence,
                             total=int(total) if total else None))
    return out
