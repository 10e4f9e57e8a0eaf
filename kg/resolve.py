"""Entity resolution: deterministic IRIs, one per real person, body, unit, meeting and document.

Units are identified by their GSO code; bodies by their unit and their path of heads; meetings by
organizer, kind and ordinal (or term); persons by normalized name *within a province*, so the same
name in two provinces stays two people while one official named in several articles of a province
is one IRI.
"""
from __future__ import annotations

import hashlib
from urllib.parse import quote

from rdflib import URIRef

from .gazetteer import gazetteer
from .model import Body, DocumentRef, Extraction, Meeting, Term, Unit
from .namespaces import ID
from .text import ascii_slug, fold


def digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def unit_iri(unit: Unit) -> URIRef:
    return ID[f"unit/{unit.code}"]


def _body_path(body: Body) -> str:
    own = ascii_slug(" ".join(p for p in (body.head, body.qualifier) if p))
    return f"{_body_path(body.parent)}/{own}" if body.parent is not None else own


def org_iri(body: Body) -> URIRef:
    code = body.unit.code if body.unit is not None else "x"
    return ID[f"org/{code}/{_body_path(body)}"]


def role_iri(role: str) -> URIRef:
    return ID[f"role/{ascii_slug(role)}"]


def term_iri(term: Term) -> URIRef:
    return ID[f"term/{term.start}-{term.end}"]


def year_iri(year: int) -> URIRef:
    return ID[f"year/{year}"]


def article_iri(doc_id: str) -> URIRef:
    return ID["article/" + quote(doc_id, safe="/#-_.")]


def meeting_iri(m: Meeting) -> URIRef:
    which = str(m.ordinal) if m.ordinal is not None else (m.term.label if m.term else
                                                          (m.start.isoformat() if m.start else "x"))
    code = m.organizer.unit.code if m.organizer.unit is not None else "x"
    return ID[f"meeting/{code}/{_body_path(m.organizer)}/{m.kind}-{which}"]


def document_iri(d: DocumentRef, article: URIRef) -> URIRef:
    """A numbered document of a known issuer is one IRI across articles; others stay per article."""
    if d.number and d.issuer is not None:
        return ID[f"document/{d.kind}/{digest(org_iri(d.issuer), fold(d.number))}"]
    return ID[f"document/{d.kind}/{digest(article, fold(d.name))}"]


def person_scope(ext: Extraction, name: str) -> str:
    """The province whose officials this person is counted among: the province of the most local
    post the article gives them, else the province the article is about, else the country."""
    gaz = gazetteer()
    key = fold(name)
    units = [h.body.unit for h in ext.holdings if fold(h.person) == key and h.body.unit is not None
             and h.body.unit.level != "country"]
    order = {"commune": 0, "district": 1, "province": 2}
    units.sort(key=lambda u: order.get(u.level, 3))
    if not units:
        units = [u for u in ext.units if u.level != "country"]
    for unit in units:
        province = unit if unit.level == "province" else gaz.province_of(unit)
        if province is not None:  # one official of Thừa Thiên Huế and of Huế, as it is now called
            return gaz.current_code(province.code)
    return "VN"


def person_iri(name: str, scope: str) -> URIRef:
    """A readable slug plus a short hash of the folded name: the slug drops diacritics, so without the
    hash 'Nguyễn Văn Nam' and 'Nguyễn Văn Năm' of one province would be merged into one person."""
    return ID[f"person/{scope}/{ascii_slug(name)}-{digest(fold(name))[:6]}"]


# The nodes whose IRIs are the article's or hash it: only that article states facts about them.
_ARTICLE_SCOPED = tuple(str(ID[kind]) for kind in ("article/", "membership/", "evidence/", "count/"))


def article_scoped(iri: str) -> bool:
    """Whether only one article describes the node, so that its graph holds all the node's facts."""
    return iri.startswith(_ARTICLE_SCOPED)


def membership_iri(article: URIRef, person: URIRef, role: str, org: URIRef) -> URIRef:
    return ID[f"membership/{digest(article, person, role, org)}"]


def count_iri(article: URIRef, start: int, what: str, index: int) -> URIRef:
    return ID[f"count/{digest(article, start, what, index)}"]


def evidence_iri(article: URIRef, start: int, end: int) -> URIRef:
    return ID[f"evidence/{digest(article, start, end)}"]
