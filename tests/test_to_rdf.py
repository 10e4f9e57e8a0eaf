"""kg.to_rdf: one article's Extraction as RDF under the ontology, with provenance on every fact."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from kg import namespaces as ns
from kg import resolve as r
from kg.gazetteer import VIETNAM, gazetteer
from kg.model import (
    Body,
    Count,
    Document,
    DocumentRef,
    Evidence,
    Extraction,
    Holding,
    Meeting,
    Metadata,
    PersonMention,
    Term,
)
from kg.namespaces import FOAF, KG, ORG, PROV, RDF, RDFS, SCHEMA, SKOS
from kg.to_rdf import to_rdf
from kg.validate import ontology, validate

TEXT = (
    "Đại hội Đảng bộ quận Hồng Bàng lần thứ XXIII\n"
    "Đồng chí Trần Quang Tuấn được bầu là Bí thư Quận ủy Hồng Bàng nhiệm kỳ 2020 - 2025. "
    "Đại hội bầu 41 đồng chí vào Ban Chấp hành."
)
S1 = Evidence(TEXT[45:128], 45, 128)
S2 = Evidence(TEXT[129:], 129, len(TEXT))
HONG_BANG = gazetteer().lookup("Hồng Bàng", "quận")[0]
DANG_BO = Body("party_organization", "Đảng bộ", HONG_BANG)
QUAN_UY = Body("party_committee", "Quận ủy", HONG_BANG)
TERM = Term(2020, 2025)
CONGRESS = Meeting(
    "congress", DANG_BO, S2, ordinal=23, term=TERM, khoa=23, start=date(2020, 7, 20), end=date(2020, 7, 22)
)
DOC = Document(
    "hong-bang.txt",
    "in/hong-bang.txt",
    TEXT,
    Metadata("Đại hội Đảng bộ quận Hồng Bàng lần thứ XXIII", date(2020, 7, 23), "Kim Thành"),
)
EXTRACTION = Extraction(
    doc=DOC,
    persons=(PersonMention("Trần Quang Tuấn", 54, 69, S1),),
    holdings=(Holding("Trần Quang Tuấn", "Bí thư", QUAN_UY, "new", S1, TERM),),
    meetings=(CONGRESS,),
    documents=(DocumentRef("resolution", "Nghị quyết Đại hội XXIII", S2, issuer=DANG_BO, meeting=CONGRESS),),
    counts=(Count("elected_executive", 41, S2, meeting=CONGRESS),),
    units=(HONG_BANG,),
)
ARTICLE = r.article_iri("hong-bang.txt")


@pytest.fixture(scope="module")
def g() -> Graph:
    return to_rdf(EXTRACTION)


def one(g: Graph, s: object, p: URIRef) -> object:
    values = list(g.objects(s, p))  # type: ignore[arg-type]
    assert len(values) == 1, (s, p, values)
    return values[0]


def test_the_graph_conforms_to_the_shapes(g: Graph) -> None:
    report = validate(g)
    assert report.conforms, [str(v) for v in report.violations]


def test_article_with_its_metadata(g: Graph) -> None:
    assert {SCHEMA.NewsArticle, PROV.Entity} <= set(g.objects(ARTICLE, RDF.type))
    assert one(g, ARTICLE, KG.sourceFile) == Literal("hong-bang.txt")
    assert one(g, ARTICLE, SCHEMA.headline) == Literal("Đại hội Đảng bộ quận Hồng Bàng lần thứ XXIII")
    assert one(g, ARTICLE, SCHEMA.datePublished) == Literal("2020-07-23", datatype=ns.XSD.date)
    assert one(g, ARTICLE, SCHEMA.author) == Literal("Kim Thành")


def test_person_is_mentioned_by_the_article(g: Graph) -> None:
    [person] = g.subjects(RDF.type, FOAF.Person)
    assert one(g, person, FOAF.name) == Literal("Trần Quang Tuấn")
    assert (ARTICLE, SCHEMA.mentions, person) in g
    assert person == r.person_iri("Trần Quang Tuấn", "31")


def test_post_is_an_org_membership(g: Graph) -> None:
    [post] = g.subjects(RDF.type, ORG.Membership)
    person, org, role = one(g, post, ORG.member), one(g, post, ORG.organization), one(g, post, ORG.role)
    assert one(g, person, FOAF.name) == Literal("Trần Quang Tuấn")
    assert one(g, org, SKOS.prefLabel) == Literal("Quận ủy Hồng Bàng", lang="vi")
    assert (org, RDF.type, KG.PartyCommittee) in g and (org, RDF.type, ORG.Organization) in g
    assert set(g.objects(role, SKOS.prefLabel)) == {
        Literal("Bí thư", lang="vi"),
        Literal("Secretary", lang="en"),
    }
    assert one(g, post, KG.status) == Literal("new")
    term = one(g, post, ORG.memberDuring)
    assert (term, RDF.type, ns.TIME.Interval) in g
    assert (one(g, term, KG.startYear), one(g, term, KG.endYear)) == (Literal(2020), Literal(2025))
    assert one(g, one(g, term, ns.TIME.hasBeginning), ns.TIME.inXSDgYear) == Literal(
        "2020", datatype=ns.XSD.gYear
    )


def test_body_belongs_to_its_unit_with_english_label(g: Graph) -> None:
    org = r.org_iri(QUAN_UY)
    unit = one(g, org, KG.unit)
    assert unit == r.ID["unit/303"]
    assert Literal("District Party Committee, quận Hồng Bàng", lang="en") in set(g.objects(org, RDFS.label))
    assert one(g, org, KG.bodyKind) == Literal("Quận ủy")


def test_unit_with_code_type_and_parent(g: Graph) -> None:
    unit = r.ID["unit/303"]
    assert (unit, RDF.type, KG.District) in g
    assert one(g, unit, SCHEMA.name) == Literal("Hồng Bàng")
    assert one(g, unit, KG.unitType) == Literal("quận")
    assert one(g, unit, KG.gsoCode) == Literal("303")
    province = one(g, unit, SCHEMA.containedInPlace)
    assert one(g, province, SCHEMA.name) == Literal("Hải Phòng") and (province, RDF.type, KG.Province) in g


def test_meeting(g: Graph) -> None:
    [meeting] = g.subjects(RDF.type, KG.Congress)
    assert one(g, meeting, KG.ordinal) == Literal(23)
    assert one(g, meeting, KG.ordinal).datatype == ns.XSD.integer  # type: ignore[attr-defined]
    assert one(g, meeting, KG.khoa) == Literal(23)
    assert one(g, meeting, SCHEMA.organizer) == r.org_iri(DANG_BO)
    assert one(g, meeting, SCHEMA.startDate) == Literal("2020-07-20", datatype=ns.XSD.date)
    assert one(g, meeting, SCHEMA.endDate) == Literal("2020-07-22", datatype=ns.XSD.date)
    assert one(g, meeting, SCHEMA.name) == Literal("Đại hội Đảng bộ quận Hồng Bàng lần thứ 23", lang="vi")
    assert one(g, meeting, KG["term"]) == r.term_iri(TERM)
    assert (meeting, KG.referencedIn, None) not in g


def test_document_adopted_at_the_meeting(g: Graph) -> None:
    [resolution] = g.subjects(RDF.type, KG.Resolution)
    assert one(g, resolution, KG.issuer) == r.org_iri(DANG_BO)
    assert one(g, resolution, KG.adoptedAt) == r.meeting_iri(CONGRESS)
    assert one(g, resolution, SCHEMA.name) == Literal("Nghị quyết Đại hội XXIII", lang="vi")


def test_count(g: Graph) -> None:
    [count] = g.subjects(RDF.type, KG.Count)
    assert (one(g, count, KG.countOf), one(g, count, KG.value)) == (Literal("elected_executive"), Literal(41))


FACT_CLASSES = (FOAF.Person, ORG.Membership, KG.Congress, KG.Resolution, KG.Count)


@pytest.mark.parametrize("cls", FACT_CLASSES, ids=lambda c: str(c).rsplit("/", 1)[-1])
def test_every_fact_cites_the_article_and_its_sentence(g: Graph, cls: URIRef) -> None:
    for fact in g.subjects(RDF.type, cls):
        assert (fact, PROV.wasDerivedFrom, ARTICLE) in g
        evidence = next(g.objects(fact, KG.evidence))
        start, end = int(one(g, evidence, KG.startOffset)), int(one(g, evidence, KG.endOffset))  # type: ignore
        assert str(one(g, evidence, SCHEMA.text)) == TEXT[start:end]
        assert (evidence, PROV.wasDerivedFrom, ARTICLE) in g


def test_same_extraction_same_triples_and_no_blank_nodes() -> None:
    """Blank nodes would make two builds of one article differ; every node has a stable IRI."""
    first = to_rdf(EXTRACTION)
    assert set(first) == set(to_rdf(EXTRACTION))
    assert not any(isinstance(t, BNode) for t in first.all_nodes())


def test_referenced_meeting_without_number() -> None:
    referenced = Meeting("congress", DANG_BO, S2, term=TERM, referenced=True)
    g = to_rdf(Extraction(doc=DOC, meetings=(referenced,)))
    [meeting] = g.subjects(RDF.type, KG.Congress)
    assert one(g, meeting, KG.referencedIn) == ARTICLE
    assert (meeting, KG.ordinal, None) not in g
    assert validate(g).conforms


def test_national_body_has_the_country_as_unit() -> None:
    politburo = Body("central", "Bộ Chính trị", VIETNAM)
    g = to_rdf(
        Extraction(
            doc=DOC,
            persons=(PersonMention("Tô Lâm", 0, 6, S1),),
            holdings=(Holding("Tô Lâm", "Ủy viên", politburo, "current", S1),),
        )
    )
    org = r.org_iri(politburo)
    assert (org, RDF.type, KG.CentralBody) in g
    assert one(g, one(g, org, KG.unit), KG.gsoCode) == Literal("VN")
    assert validate(g).conforms


def test_unofficial_unit_has_no_official_code() -> None:
    gaz = gazetteer()
    commune = gaz.unofficial("Quỳnh Bá Mới", "phường", "commune", HONG_BANG)
    ward = Body("people_committee", "UBND", commune)
    g = to_rdf(
        Extraction(
            doc=DOC,
            persons=(PersonMention("Trần Văn An", 0, 11, S1),),
            holdings=(Holding("Trần Văn An", "Chủ tịch", ward, "current", S1),),
        )
    )
    node = r.unit_iri(commune)
    assert (node, KG.gsoCode, None) not in g
    assert one(g, node, SCHEMA.containedInPlace) == r.ID["unit/303"]
    assert validate(g).conforms


def test_commune_links_to_its_2025_successor() -> None:
    gaz = gazetteer()
    ba_dinh = gaz.lookup("Ba Đình", "quận")[0]
    [phuc_xa] = [u for u in gaz.lookup("Phúc Xá") if u.parent == ba_dinh.code]
    g = to_rdf(
        Extraction(
            doc=DOC,
            meetings=(Meeting("congress", Body("party_organization", "Đảng bộ", phuc_xa), S2, ordinal=1),),
        )
    )
    assert one(g, r.unit_iri(phuc_xa), KG.successor) == r.ID[f"unit/2025/{gaz.to_2025[phuc_xa.code]}"]


def test_a_renamed_province_links_to_what_it_became() -> None:
    [tth] = gazetteer().lookup("Thừa Thiên Huế", "tỉnh")
    g = to_rdf(Extraction(doc=DOC, meetings=(Meeting("congress", Body("party_organization", "Đảng bộ", tth), S2,
                                                        ordinal=16),)))
    hue = one(g, r.unit_iri(tth), KG.successor)
    assert hue == r.ID["unit/46"] and str(one(g, hue, SCHEMA.name)) == "Huế"
    assert (str(one(g, r.unit_iri(tth), SCHEMA.name)), str(one(g, r.unit_iri(tth), KG.gsoCode))) == ("Thừa Thiên Huế", "46")
    assert validate(g).conforms


def test_names_differing_only_in_diacritics_are_two_people() -> None:
    ubnd = Body("people_committee", "UBND", HONG_BANG)
    g = to_rdf(
        Extraction(
            doc=DOC,
            persons=(PersonMention("Nguyễn Văn Nam", 0, 14, S1), PersonMention("Nguyễn Văn Năm", 20, 34, S1)),
            holdings=(
                Holding("Nguyễn Văn Nam", "Chủ tịch", ubnd, "current", S1),
                Holding("Nguyễn Văn Năm", "Phó Chủ tịch", ubnd, "current", S1),
            ),
        )
    )
    assert sorted(str(n) for n in g.objects(None, FOAF.name)) == ["Nguyễn Văn Nam", "Nguyễn Văn Năm"]
    assert len(set(g.subjects(RDF.type, FOAF.Person))) == 2
    assert validate(g).conforms


def test_the_party_is_not_labelled_with_its_country_twice() -> None:
    party = Body("party", "Đảng Cộng sản Việt Nam", unit=VIETNAM)
    g = to_rdf(Extraction(doc=DOC, meetings=(Meeting("congress", party, S2, ordinal=13, referenced=True),)))
    assert one(g, r.org_iri(party), SKOS.prefLabel) == Literal("Đảng Cộng sản Việt Nam", lang="vi")


def test_every_own_term_written_is_in_the_ontology(g: Graph) -> None:
    written = {t for t in set(g.predicates()) | set(g.objects(None, RDF.type)) if str(t).startswith(str(KG))}
    declared = set(ontology().subjects(RDF.type, None))
    assert KG.atMeeting in written and written <= declared, written - declared
