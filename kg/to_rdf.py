"""Map one article's Extraction to RDF under the ontology, with provenance on every fact."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from . import resolve as r
from .gazetteer import gazetteer
from .lexicon import lexicon
from .model import Body, Count, DocumentRef, Evidence, Extraction, Holding, Meeting, Term, Unit
from .namespaces import FOAF, KG, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, TIME, XSD

BODY_CLASS = {
    "party_organization": KG.PartyOrganization, "party_committee": KG.PartyCommittee, "party_cell": KG.PartyCell,
    "standing_committee": KG.StandingCommittee, "standing_office": KG.StandingOffice,
    "inspection_committee": KG.InspectionCommittee, "party_board": KG.PartyBoard, "council_board": KG.CouncilBoard,
    "office": KG.Office, "people_committee": KG.PeoplesCommittee, "people_council": KG.PeoplesCouncil,
    "fatherland_front": KG.FatherlandFront, "mass_organization": KG.MassOrganization,
    "na_delegation": KG.NationalAssemblyDelegation, "party_caucus": KG.PartyBoard, "central": KG.CentralBody, "party": KG.CentralBody,
}
UNIT_CLASS = {"country": KG.Country, "province": KG.Province, "district": KG.District, "commune": KG.Commune}
MEETING_CLASS = {"congress": KG.Congress, "plenum": KG.Plenum, "session": KG.Session}
MEETING_LABEL = {"congress": "Đại hội", "plenum": "Hội nghị", "session": "Kỳ họp"}
DOCUMENT_CLASS = {
    "resolution": KG.Resolution, "directive": KG.Directive, "project": KG.Project, "programme": KG.Programme,
    "decision": KG.Decision, "plan": KG.Plan, "conclusion": KG.Conclusion, "decree": KG.Decree,
    "regulation": KG.Regulation, "circular": KG.Circular, "guidance": KG.Guidance,
}


def vi(text: str) -> Literal:
    return Literal(text, lang="vi")


Triple = tuple[URIRef, URIRef, URIRef | Literal]


class _Builder:
    def __init__(self, ext: Extraction) -> None:
        # In insertion order, each once: an rdflib Graph would cost as much as the extraction.
        self.triples: dict[Triple, None] = {}
        self.ext = ext
        self.article = r.article_iri(ext.doc.id)
        self.gaz = gazetteer()
        self.lex = lexicon()

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.triples[(s, p, o)] = None

    def fact(self, node: URIRef, ev: Evidence) -> None:
        """Provenance: the fact comes from this article, read from this sentence."""
        self.add(node, PROV.wasDerivedFrom, self.article)
        e = r.evidence_iri(self.article, ev.start, ev.end)
        self.add(node, KG.evidence, e)
        self.add(e, RDF.type, KG.Evidence)
        self.add(e, SCHEMA.text, Literal(ev.text))
        self.add(e, KG.startOffset, Literal(ev.start))
        self.add(e, KG.endOffset, Literal(ev.end))
        self.add(e, PROV.wasDerivedFrom, self.article)

    def article_node(self) -> None:
        doc, a = self.ext.doc, self.article
        self.add(a, RDF.type, SCHEMA.NewsArticle)
        self.add(a, RDF.type, PROV.Entity)
        self.add(a, KG.sourceFile, Literal(doc.id))
        meta = doc.metadata
        if meta.headline:
            self.add(a, SCHEMA.headline, Literal(meta.headline))
        if meta.published:
            self.add(a, SCHEMA.datePublished, Literal(meta.published.isoformat(), datatype=XSD.date))
        if meta.author:
            self.add(a, SCHEMA.author, Literal(meta.author))
        if meta.url:
            self.add(a, SCHEMA.url, Literal(meta.url, datatype=XSD.anyURI))

    def unit(self, unit: Unit) -> URIRef:
        node = r.unit_iri(unit)
        self.add(node, RDF.type, UNIT_CLASS[unit.level])
        self.add(node, SCHEMA.name, Literal(unit.name))
        self.add(node, RDFS.label, vi(unit.label))
        if self.gaz.is_official(unit):
            self.add(node, KG.gsoCode, Literal(self.gaz.gso_code(unit)))
        if unit.type:
            self.add(node, KG.unitType, Literal(unit.type))
        parent = self.gaz.parent_of(unit)
        if parent is not None:
            self.add(node, SCHEMA.containedInPlace, self.unit(parent))
        new = self.gaz.to_2025.get(unit.code) if unit.level == "commune" else None
        if new and new in self.gaz.new_units:
            self.add(node, KG.successor, self.successor(self.gaz.new_units[new]))
        renamed = self.gaz.get(self.gaz.current_code(unit.code))
        if renamed is not None and renamed.code != unit.code:
            self.add(node, KG.successor, self.unit(renamed))
        return node

    def successor(self, unit: Unit) -> URIRef:
        """A unit of the structure in force from July 2025 (34 provinces, communes under them)."""
        node = r.ID[f"unit/2025/{unit.code}"]
        self.add(node, RDF.type, UNIT_CLASS[unit.level])
        self.add(node, SCHEMA.name, Literal(unit.name))
        self.add(node, RDFS.label, vi(unit.label))
        self.add(node, KG.gsoCode, Literal(unit.code))
        self.add(node, KG.unitType, Literal(unit.type))
        province = self.gaz.new_units.get(unit.province)
        if province is not None and province.code != unit.code:
            self.add(node, SCHEMA.containedInPlace, self.successor(province))
        return node

    def body(self, body: Body) -> URIRef:
        node = r.org_iri(body)
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, RDF.type, BODY_CLASS.get(body.kind, KG.Agency))
        self.add(node, SKOS.prefLabel, vi(body.label))
        self.add(node, RDFS.label, vi(body.label))
        self.add(node, KG.bodyKind, Literal(" ".join(p for p in (body.head, body.qualifier) if p)))
        english = self.lex.body_english.get(body.head)
        if english:
            self.add(node, RDFS.label, Literal(f"{english}, {body.unit.label}" if body.unit else english, lang="en"))
        if body.unit is not None:
            self.add(node, KG.unit, self.unit(body.unit))
        if body.parent is not None:
            self.add(node, ORG.subOrganizationOf, self.body(body.parent))
        return node

    def term(self, term: Term) -> URIRef:
        node = r.term_iri(term)
        self.add(node, RDF.type, TIME.Interval)
        self.add(node, RDFS.label, vi(f"nhiệm kỳ {term.start}-{term.end}"))
        self.add(node, KG.startYear, Literal(term.start))
        self.add(node, KG.endYear, Literal(term.end))
        for p, year in ((TIME.hasBeginning, term.start), (TIME.hasEnd, term.end)):
            instant = r.year_iri(year)
            self.add(node, p, instant)
            self.add(instant, RDF.type, TIME.Instant)
            self.add(instant, TIME.inXSDgYear, Literal(str(year), datatype=XSD.gYear))
        return node

    def person(self, name: str) -> URIRef:
        node = r.person_iri(name, r.person_scope(self.ext, name))
        self.add(node, RDF.type, FOAF.Person)
        self.add(node, FOAF.name, Literal(name))
        return node

    def holding(self, h: Holding) -> None:
        person, org = self.person(h.person), self.body(h.body)
        node = r.membership_iri(self.article, person, h.role, org)
        role = r.role_iri(h.role)
        self.add(role, RDF.type, ORG.Role)
        self.add(role, SKOS.prefLabel, vi(h.role))
        if (english := self.lex.role_english.get(h.role)) is not None:
            self.add(role, SKOS.prefLabel, Literal(english, lang="en"))
        self.add(node, RDF.type, ORG.Membership)
        self.add(node, ORG.member, person)
        self.add(node, ORG.organization, org)
        self.add(node, ORG.role, role)
        self.add(node, KG.status, Literal(h.status))
        if h.term is not None:
            self.add(node, ORG.memberDuring, self.term(h.term))
        self.fact(node, h.evidence)

    def meeting(self, m: Meeting) -> URIRef:
        node = r.meeting_iri(m)
        self.add(node, RDF.type, MEETING_CLASS[m.kind])
        name = " ".join(x for x in (MEETING_LABEL[m.kind], m.organizer.label,
                                     f"lần thứ {m.ordinal}" if m.ordinal else "") if x)
        self.add(node, SCHEMA.name, vi(name))
        self.add(node, SCHEMA.organizer, self.body(m.organizer))
        if m.ordinal is not None:
            self.add(node, KG.ordinal, Literal(m.ordinal))
        if m.khoa is not None:
            self.add(node, KG.khoa, Literal(m.khoa))
        if m.term is not None:
            self.add(node, KG["term"], self.term(m.term))
        if m.start is not None:
            self.add(node, SCHEMA.startDate, Literal(m.start.isoformat(), datatype=XSD.date))
        if m.end is not None:
            self.add(node, SCHEMA.endDate, Literal(m.end.isoformat(), datatype=XSD.date))
        if m.referenced:  # per article: another article may report the same meeting
            self.add(node, KG.referencedIn, self.article)
        if m.organizer.unit is not None:
            self.add(node, SCHEMA.location, self.unit(m.organizer.unit))
        self.fact(node, m.evidence)
        return node

    def document(self, d: DocumentRef) -> None:
        node = r.document_iri(d, self.article)
        self.add(node, RDF.type, DOCUMENT_CLASS.get(d.kind, KG.Document))
        self.add(node, SCHEMA.name, vi(d.name))
        if d.number:
            self.add(node, KG.documentNumber, Literal(d.number))
        if d.issuer is not None:
            self.add(node, KG.issuer, self.body(d.issuer))
        if d.issued is not None:
            self.add(node, SCHEMA.dateCreated, Literal(d.issued.isoformat(), datatype=XSD.date))
        if d.meeting is not None:
            self.add(node, KG.adoptedAt, self.meeting(d.meeting))
        self.fact(node, d.evidence)

    def count(self, c: Count, index: int) -> None:
        node = r.count_iri(self.article, c.evidence.start, c.what, index)
        self.add(node, RDF.type, KG.Count)
        self.add(node, KG.countOf, Literal(c.what))
        self.add(node, KG.value, Literal(c.value))
        if c.total is not None:
            self.add(node, KG.total, Literal(c.total))
        if c.meeting is not None:
            self.add(node, KG.atMeeting, r.meeting_iri(c.meeting))
        self.fact(node, c.evidence)


def triples(ext: Extraction) -> list[Triple]:
    """The article's facts: article, persons and mentions, posts, meetings, documents, counts."""
    b = _Builder(ext)
    b.article_node()
    for mention in ext.persons:
        person = b.person(mention.name)
        b.add(b.article, SCHEMA.mentions, person)
        b.fact(person, mention.evidence)
    for h in ext.holdings:
        b.holding(h)
    for m in ext.meetings:
        b.meeting(m)
    for d in ext.documents:
        b.document(d)
    for i, c in enumerate(ext.counts):
        b.count(c, i)
    return list(b.triples)


def to_rdf(ext: Extraction) -> Graph:
    """The article's graph (see `triples`)."""
    g = Graph()
    for t in triples(ext):
        g.add(t)
    return g
