"""kg.resolve: stable IRIs, one per real entity; persons merge within a province, never across."""

from __future__ import annotations

from datetime import date

import pytest

from kg import resolve as r
from kg.gazetteer import VIETNAM, gazetteer
from kg.model import Body, Document, DocumentRef, Evidence, Extraction, Holding, Meeting, Term, Unit

EV = Evidence("Câu dẫn chứng.", 0, 14)


def unit(name: str, type_word: str) -> Unit:
    return gazetteer().lookup(name, type_word)[0]


HONG_BANG = unit("Hồng Bàng", "quận")
BA_DINH = unit("Ba Đình", "quận")
HANOI = unit("Hà Nội", "thành phố")
QUAN_UY_HB = Body("party_committee", "Quận ủy", HONG_BANG)
DANG_BO_HB = Body("party_organization", "Đảng bộ", HONG_BANG)


def extraction(*holdings: Holding, units: tuple[Unit, ...] = ()) -> Extraction:
    return Extraction(doc=Document("a.txt", "a.txt", "…"), holdings=holdings, units=units)


def test_iris_are_deterministic_and_readable() -> None:
    assert r.unit_iri(HONG_BANG) == r.ID["unit/303"]
    assert r.org_iri(QUAN_UY_HB) == r.ID["org/303/quan-uy"]
    assert r.role_iri("Phó Bí thư Thường trực") == r.ID["role/pho-bi-thu-thuong-truc"]
    assert r.term_iri(Term(2020, 2025)) == r.ID["term/2020-2025"]
    assert r.year_iri(2020) == r.ID["year/2020"]
    assert r.person_iri("Trần Quang Tuấn", "31") == r.person_iri("Trần Quang Tuấn", "31")
    assert str(r.person_iri("Trần Quang Tuấn", "31")).startswith(str(r.ID["person/31/tran-quang-tuan-"]))


def test_nested_bodies_keep_their_path() -> None:
    standing = Body("standing_committee", "Ban Thường vụ", HONG_BANG, parent=QUAN_UY_HB)
    assert r.org_iri(standing) == r.ID["org/303/quan-uy/ban-thuong-vu"]
    qualified = Body("party_committee", "Đảng ủy", BA_DINH, qualifier="cơ quan UBND")
    assert r.org_iri(qualified) == r.ID["org/001/dang-uy-co-quan-ubnd"]
    assert r.org_iri(Body("people_committee", "UBND")) == r.ID["org/x/ubnd"]


def test_only_nodes_minted_from_their_article_are_article_scoped() -> None:
    article = r.article_iri("a.txt")
    person = r.person_iri("Trần Quang Tuấn", "31")
    own = [article, r.membership_iri(article, person, "Bí thư", r.org_iri(QUAN_UY_HB)),
           r.evidence_iri(article, 0, 14), r.count_iri(article, 0, "đảng viên", 0)]
    shared = [person, r.unit_iri(HONG_BANG), r.org_iri(QUAN_UY_HB), r.role_iri("Bí thư"), r.term_iri(Term(2020, 2025)),
              r.document_iri(DocumentRef("resolution", "Nghị quyết số 15", EV, "15", QUAN_UY_HB), article)]
    assert [r.article_scoped(str(i)) for i in own + shared] == [True] * len(own) + [False] * len(shared)


def test_article_iri_escapes_the_file_name() -> None:
    assert r.article_iri("000_8b6c0513b3aa446f.txt") == r.ID["article/000_8b6c0513b3aa446f.txt"]
    assert r.article_iri("sub dir/Bài viết.txt") == r.ID["article/sub%20dir/B%C3%A0i%20vi%E1%BA%BFt.txt"]
    assert r.article_iri("news.jsonl#3") == r.ID["article/news.jsonl#3"]


def test_person_names_differing_only_in_diacritics_are_two_people() -> None:
    assert r.person_iri("Nguyễn Văn Nam", "01") != r.person_iri("Nguyễn Văn Năm", "01")
    assert r.person_iri("Lê Văn Hùng", "01") != r.person_iri("Lê Văn Hưng", "01")


def test_person_iri_folds_tone_placement_and_case() -> None:
    assert r.person_iri("Lê Thị Hoà", "01") == r.person_iri("Lê Thị Hòa", "01")


def test_same_name_in_two_provinces_is_two_people() -> None:
    assert r.person_iri("Nguyễn Văn Nam", "01") != r.person_iri("Nguyễn Văn Nam", "31")


def test_person_scope_is_the_province_of_the_most_local_post() -> None:
    ext = extraction(
        Holding("Trần Quang Tuấn", "Ủy viên", Body("party_committee", "Thành ủy", HANOI), "current", EV),
        Holding("Trần Quang Tuấn", "Bí thư", QUAN_UY_HB, "new", EV),
    )
    assert r.person_scope(ext, "Trần Quang Tuấn") == "31"


def test_person_scope_falls_back_to_the_articles_units_then_the_country() -> None:
    assert r.person_scope(extraction(units=(BA_DINH,)), "Tạ Nam Chiến") == "01"
    assert r.person_scope(extraction(units=(VIETNAM,)), "Tạ Nam Chiến") == "VN"
    national = Holding("Tô Lâm", "Ủy viên", Body("central", "Bộ Chính trị", VIETNAM), "current", EV)
    assert r.person_scope(extraction(national), "Tô Lâm") == "VN"


def test_person_scope_of_a_renamed_province_is_its_present_one() -> None:
    """An official of tỉnh Thừa Thiên Huế (2020) and of thành phố Huế (2025) is one person."""
    [tth] = gazetteer().lookup("Thừa Thiên Huế", "tỉnh")
    ext = extraction(Holding("Lê Trường Lưu", "Bí thư", Body("party_committee", "Tỉnh ủy", tth), "current", EV))
    assert r.person_scope(ext, "Lê Trường Lưu") == "46"


def test_meetings_are_keyed_by_organizer_kind_and_number() -> None:
    third = Meeting("congress", DANG_BO_HB, EV, ordinal=3)
    assert r.meeting_iri(third) == r.ID["meeting/303/dang-bo/congress-3"]
    assert r.meeting_iri(Meeting("congress", DANG_BO_HB, Evidence("khác", 5, 9), ordinal=3)) == r.meeting_iri(
        third
    )
    assert r.meeting_iri(Meeting("plenum", DANG_BO_HB, EV, ordinal=3)) != r.meeting_iri(third)
    by_term = Meeting("congress", DANG_BO_HB, EV, term=Term(2020, 2025))
    assert r.meeting_iri(by_term) == r.ID["meeting/303/dang-bo/congress-2020-2025"]
    by_date = Meeting("plenum", QUAN_UY_HB, EV, start=date(2022, 6, 23))
    assert r.meeting_iri(by_date) == r.ID["meeting/303/quan-uy/plenum-2022-06-23"]


def test_numbered_documents_of_an_issuer_are_one_across_articles() -> None:
    a, b = r.article_iri("a.txt"), r.article_iri("b.txt")
    numbered = DocumentRef("directive", "Chỉ thị số 13", EV, number="13", issuer=QUAN_UY_HB)
    assert r.document_iri(numbered, a) == r.document_iri(numbered, b)
    unnumbered = DocumentRef("resolution", "Nghị quyết Đại hội", EV, issuer=DANG_BO_HB)
    assert r.document_iri(unnumbered, a) != r.document_iri(unnumbered, b)
    other_issuer = DocumentRef("directive", "Chỉ thị số 13", EV, number="13", issuer=DANG_BO_HB)
    assert r.document_iri(other_issuer, a) != r.document_iri(numbered, a)


@pytest.mark.parametrize(
    "make",
    [
        lambda a: r.membership_iri(a, r.person_iri("Trần Quang Tuấn", "31"), "Bí thư", r.org_iri(QUAN_UY_HB)),
        lambda a: r.evidence_iri(a, 10, 120),
    ],
)
def test_per_article_facts_differ_between_articles(make) -> None:
    a, b = r.article_iri("a.txt"), r.article_iri("b.txt")
    assert make(a) == make(a) != make(b)


def test_digest_is_stable() -> None:
    assert r.digest("a", 1) == r.digest("a", 1) != r.digest("a1")
    assert len(r.digest("x")) == 16


def test_one_official_across_articles_and_namesakes_apart() -> None:
    from rdflib import Graph

    from kg.model import Document
    from kg.namespaces import FOAF
    from kg.pipeline import document_graph

    texts = {
        "a.txt": "Bí thư Huyện ủy Đông Anh Nguyễn Văn Minh phát biểu tại hội nghị.",
        "b.txt": "Đồng chí Nguyễn Văn Minh, Bí thư Huyện ủy Đông Anh, kiểm tra công trình.",
        "c.txt": "Ông Nguyễn Văn Minh, Chủ tịch UBND huyện Cái Bè, tỉnh Tiền Giang cho biết.",
    }
    g = Graph()
    for name, text in texts.items():
        g += document_graph(Document(name, name, text))
    people = sorted(str(p) for p in g.subjects(FOAF.name, None))
    assert len(people) == 2  # Hà Nội's secretary named twice, Tiền Giang's namesake once
    assert {p.split("/")[-2] for p in people} == {"01", "82"}
