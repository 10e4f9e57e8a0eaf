"""Meetings: kind, ordinal (Arabic, Roman, words), organizer and its unit, term, dates."""
from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import meetings, run


@pytest.mark.parametrize("text, expected", [
    ("Đại hội đại biểu Đảng bộ huyện Thanh Trì lần thứ XXIV, nhiệm kỳ 2020-2025 đã bầu 45 đồng chí.",
     {("congress", 24, "Thanh Trì")}),
    ("Sáng ngày 23/6, BCH Đảng bộ quận Nam Từ Liêm khóa III, nhiệm kỳ 2020 - 2025 đã tổ chức Hội nghị lần thứ 14.",
     {("plenum", 14, "Nam Từ Liêm")}),
    ("Chiều 13/2, Quận ủy Hoàng Mai tổ chức Hội nghị Ban Chấp hành Đảng bộ lần thứ 22, nhiệm kỳ 2020-2025.",
     {("plenum", 22, "Hoàng Mai")}),
    ("Chiều 28/6, Hội đồng nhân dân tỉnh Hà Nam khóa XIX, nhiệm kỳ 2021-2026 tổ chức Kỳ họp thứ 30.",
     {("session", 30, "Hà Nam")}),
    ("Kỳ họp thứ Mười bảy, HĐND tỉnh Lào Cai khóa XVI bế mạc chiều 12/7.", {("session", 17, "Lào Cai")}),
    ("Tại phiên họp thứ nhất, Ban Chấp hành Đảng bộ TP.HCM khóa X đã bầu Ban Thường vụ Thành ủy.",
     {("plenum", 1, "Hồ Chí Minh")}),
    # a congress the text refers to, of the country and of the city around the district
    ("Đại biểu tham gia vào Dự thảo Văn kiện Đại hội XIII của Đảng và Văn kiện Đại hội XVI Đảng bộ thành phố "
     "tại Đại hội Đảng bộ quận Hồng Bàng lần thứ XXIII.",
     {("congress", 13, "Việt Nam"), ("congress", 16, "Hải Phòng"), ("congress", 23, "Hồng Bàng")}),
    ("Đại hội Đảng toàn quốc lần thứ XIV sẽ diễn ra vào đầu năm 2026.", {("congress", 14, "Việt Nam")}),
    # a conference held by a body, with no ordinal
    ("Ngày 5-6, Quận ủy quận 1 (TP HCM) tổ chức hội nghị tổng kết 10 năm thực hiện Nghị quyết 33/2014.",
     {("plenum", None, "1")}),
    ("Sáng 15/5, Ban Thường vụ Tỉnh ủyĐồng Naitổ chức Hội nghị công bố quyết định của Ban Bí thư.",
     {("plenum", None, "Đồng Nai")}),
    # not Party or State meetings, or a bare mention of the meeting already reported
    ("Hoàn thành nhiệm vụ phục vụ Đại hội Thể thao Đông Nam Á lần thứ 31 diễn ra trên địa bàn quận Ba Đình.", set()),
    ("Đại hội đại biểu Hội Nông dân tỉnh Bắc Giang lần thứ X thành công tốt đẹp.", set()),
    ("Tại Đại hội, các đại biểu đã thảo luận sôi nổi.", set()),
])
def test_meetings(text: str, expected: set) -> None:
    assert meetings(text) == expected


def test_unnumbered_mention_with_the_same_term_joins_the_numbered_congress() -> None:
    text = ("Quận ủy Hoàng Mai cho ý kiến về Báo cáo chính trị trình Đại hội Đảng bộ Quận nhiệm kỳ 2025-2030; "
            "Tờ trình phân bổ đại biểu dự Đại hội đại biểu Đảng bộ Quận lần thứ V; đánh giá kết quả thực hiện "
            "Nghị quyết Đại hội Đảng bộ nhiệm kỳ 2020-2025.")
    found = {(m.ordinal, m.term.label if m.term else None) for m in run(text).meetings}
    assert found == {(5, "2025-2030"), (None, "2020-2025")}


def test_dates_resolve_year_from_publication_and_span_days() -> None:
    ext = run("Trong hai ngày 28, 29/2, Ban Chấp hành Đảng bộ cơ quan UBND quận Ba Đình đã tổ chức Đại hội "
              "Đảng bộ cơ quan UBND quận lần thứ III nhiệm kỳ 2020 - 2025.", published=date(2020, 2, 29))
    (m,) = ext.meetings
    assert (m.kind, m.ordinal, m.start, m.end) == ("congress", 3, date(2020, 2, 28), date(2020, 2, 29))
    assert m.organizer.label == "Đảng bộ cơ quan UBND quận Ba Đình"


def test_a_day_after_publication_belongs_to_the_year_before() -> None:
    (m,) = run("Sáng 12/11, Ban Thường vụ Tỉnh ủy Thanh Hóa tổ chức hội nghị công bố quyết định.",
               published=date(2024, 8, 15)).meetings
    assert m.start == date(2023, 11, 12)
    assert m.organizer.label == "Ban Thường vụ Tỉnh ủy Thanh Hóa"


def test_congress_of_an_agency_party_organisation() -> None:
    found = {(m.ordinal, m.organizer.label) for m in run(
        "Đại hội Đảng bộ Công an tỉnh Bắc Giang lần thứ XXXII thành công. "
        "Đại hội Đảng bộ Quân sự tỉnh Lạng Sơn lần thứ XVI diễn ra ngày 5/6.").meetings}
    assert found == {(32, "Đảng bộ Công an tỉnh Bắc Giang"), (16, "Đảng bộ Quân sự tỉnh Lạng Sơn")}


COMMUNE_CONGRESS = (
    "Đại hội Đại biểu Đảng bộ xã Tân Lập lần thứ I, nhiệm kỳ 2025 - 2030\n\n"
    "Sáng 20/7/2025, Đảng bộ xã Tân Lập, tỉnh Phú Thọ tổ chức Đại hội Đại biểu lần thứ I, nhiệm kỳ 2025 - 2030.\n\n"
    "Đại hội đã bầu Ban Chấp hành Đảng bộ xã khóa I gồm 29 đồng chí. Tại phiên họp thứ nhất, Ban Chấp hành đã "
    "bầu đồng chí Hà Thị Minh Nguyệt giữ chức Bí thư Đảng ủy xã.\n"
)


def test_a_commune_named_in_the_headline_is_the_one_in_the_province_the_body_names() -> None:
    """Many provinces have a xã Tân Lập: the headline's is searched in the province the text names
    later, not taken as the first in the gazetteer."""
    ext = run(COMMUNE_CONGRESS)
    assert {m.organizer.unit.province for m in ext.meetings if m.organizer.unit} == {"25"}  # Phú Thọ


def test_a_body_with_its_province_in_apposition_organizes_the_congress() -> None:
    assert meetings(COMMUNE_CONGRESS) == {("congress", 1, "Tân Lập"), ("plenum", 1, "Tân Lập")}


def test_the_first_plenum_after_a_congress_is_its_committees() -> None:
    """'Tại phiên họp thứ nhất, Ban Chấp hành …' names no unit: the congress's organisation's."""
    text = ("Đảng bộ phường Ba Đình tổ chức Đại hội lần thứ I, nhiệm kỳ 2025 - 2030. Tại phiên họp thứ nhất, "
            "Ban Chấp hành đã bầu Ban Thường vụ gồm 9 đồng chí.")
    assert meetings(text) == {("congress", 1, "Ba Đình"), ("plenum", 1, "Ba Đình")}


def test_an_unnumbered_mention_joins_the_only_numbered_session_of_its_council() -> None:
    text = ("Ngày 5/12/2023, HĐND thành phố Thủ Đức khóa I, nhiệm kỳ 2021 - 2026 tổ chức kỳ họp thứ 12. "
            "Tại kỳ họp, HĐND thành phố đã miễn nhiệm chức vụ Phó Chủ tịch UBND thành phố Thủ Đức đối với "
            "ông Nguyễn Kỳ Phùng.")
    assert meetings(text) == {("session", 12, "Thủ Đức")}


def test_a_numeral_ending_a_units_name_is_not_the_ordinal() -> None:
    text = "Đại hội đại biểu Đảng bộ phường Hải Châu I lần thứ XIII, nhiệm kỳ 2020-2025 thành công."
    assert {m.ordinal for m in run(text).meetings} == {13}


def test_a_district_dissolved_in_2020_names_the_congress_of_the_headline() -> None:
    text = ("Quận 9 tổ chức Đại hội Đảng bộ lần thứ VI\n\nNgày 20/7/2020, Đảng bộ quận 9 tổ chức Đại hội đại biểu "
            "lần thứ VI, nhiệm kỳ 2020-2025. Đồng chí Hồ Văn Nghĩa, Chủ tịch UBND xã Đông Phú, huyện Hoành Bồ báo cáo.")
    assert meetings(text) == {("congress", 6, "9")}


def test_a_mass_organisations_congress_named_before_it_is_not_a_meeting() -> None:
    text = ("Cùng ngày, Hội Nông dân huyện Bát Xát tổ chức Đại hội đại biểu lần thứ X, nhiệm kỳ 2023-2028. "
            "Đảng bộ huyện Bát Xát tổ chức Hội nghị lần thứ 5.")
    assert meetings(text) == {("plenum", 5, "Bát Xát")}


def test_an_aside_naming_the_kind_of_session_before_its_council() -> None:
    text = ("Tại kỳ họp thứ 16 (kỳ họp bất thường), HĐND tỉnh Ninh Thuận khóa X đã bầu ông Trần Quốc Nam. "
            "Ông Nam quê xã Phước Hải, huyện Ninh Phước.")
    assert meetings(text) == {("session", 16, "Ninh Thuận")}
    assert meetings("Đại hội đại biểu lần thứ XXVI (nhiệm kỳ 2020-2025) Đảng bộ quận Hai Bà Trưng.") == {
        ("congress", 26, "Hai Bà Trưng")}


def test_an_unnamed_organizer_is_of_the_unit_named_before_not_a_hometown_named_after() -> None:
    text = ("HĐND tỉnh Ninh Thuận họp. Chiều 4/12, tại kỳ họp thứ 16, ông Trần Quốc Nam được bầu làm Chủ tịch UBND "
            "tỉnh. Ông Nam quê xã Phước Hải, huyện Ninh Phước.")
    assert meetings(text) == {("session", 16, "Ninh Thuận")}


def test_the_next_levels_congress_in_a_communes_report_is_the_districts() -> None:
    text = ("Đảng bộ xã Ea Kly, huyện Krông Pắc tổ chức Đại hội lần thứ XV. Đại hội đã bầu đoàn đại biểu đi dự Đại "
            "hội Đảng bộ huyện lần thứ XXI. Phát biểu tại Đại hội Đảng bộ xã, ông Trần Văn Bình nói.")
    assert meetings(text) == {("congress", 15, "Ea Kly"), ("congress", 21, "Krông Pắc")}


def test_the_partys_congress_after_a_local_meeting_is_the_partys() -> None:
    text = ("Huyện ủy Nghi Lộc tổ chức hội nghị. Quán triệt Nghị quyết Đại hội XIII của Đảng và Nghị quyết Đại hội "
            "Đảng bộ huyện lần thứ XXV.")
    assert meetings(text) == {("plenum", None, "Nghi Lộc"), ("congress", 13, "Việt Nam"), ("congress", 25, "Nghi Lộc")}


def test_a_peoples_committee_after_a_session_is_the_next_clauses_subject() -> None:
    text = ("Tại kỳ họp, các đại biểu HĐND tỉnh Bình Định đã thông qua 10 nghị quyết. Phát biểu tại kỳ họp, ông Hồ "
            "Quốc Dũng đề nghị ngay sau kỳ họp, UBND tỉnh khẩn trương chỉ đạo xây dựng kế hoạch.")
    assert meetings(text) == {("session", None, "Bình Định")}
    assert {m.organizer.label for m in run(text).meetings} == {"HĐND tỉnh Bình Định"}


def test_a_congress_numbered_by_the_committee_it_elects() -> None:
    assert meetings("Đại hội đại biểu Đảng bộ xã Phong Hải, tỉnh Lào Cai khóa I, nhiệm kỳ 2025-2030 bế mạc.") == {
        ("congress", 1, "Phong Hải")}


def test_a_place_a_longer_subject_ends_with_does_not_organize() -> None:
    text = ("UBND huyện Như Thanh phối hợp với Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa tổ chức hội nghị "
            "tập huấn.")
    assert ("plenum", None, "Thanh Hóa") not in meetings(text)


def test_a_session_of_the_body_named_after_cua() -> None:
    text = "UBKT Tỉnh ủy Đắk Nông thông báo kết quả kỳ họp thứ 50 của UBKT Tỉnh ủy."
    assert {(m.kind, m.ordinal, m.organizer.label) for m in run(text).meetings} == {
        ("session", 50, "Ủy ban Kiểm tra Tỉnh ủy Đắk Nông")}


@pytest.mark.parametrize("text", [
    "Sáng 28/6, HĐND xã Nghi Phong (mới) tổ chức kỳ họp thứ nhất, nhiệm kỳ 2021-2026.",
    "Sáng 28/6, HĐND xã Nghi Phong lâm thời khóa 1, nhiệm kỳ 2021-2026 đã tổ chức Kỳ họp thứ nhất.",
])
def test_a_word_between_the_organizer_and_to_chuc(text: str) -> None:
    assert meetings(text) == {("session", 1, "Nghi Phong")}


def test_a_unit_that_holds_the_congress_is_its_party_organisations() -> None:
    """An ambiguous ward in the headline is searched in the province of the city the body names."""
    text = ("Phường An Hòa tổ chức Đại hội Đảng bộ lần thứ XI\n\n"
            "Đảng bộ phường An Hòa (TP. Rạch Giá) tổ chức Đại hội đại biểu lần thứ XI, nhiệm kỳ 2020-2025.")
    assert meetings(text) == {("congress", 11, "An Hòa")}
    assert {u.code for u in run(text).units if u.name == "An Hòa"} == {"30748"}  # of Rạch Giá, Kiên Giang
