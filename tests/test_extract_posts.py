"""Persons and posts: title before the name, apposition after it, verbs that give a post."""
from __future__ import annotations

import pytest
from extract_helpers import holdings, persons, run, statuses


@pytest.mark.parametrize("text, expected", [
    # title before the name, the unit named between them
    ("Phát biểu khai mạc hội nghị, Bí thư Quận ủy Hoàng Mai Nguyễn Xuân Linh nhấn mạnh.",
     {("Nguyễn Xuân Linh", "Bí thư", "Quận ủy Hoàng Mai", "Hoàng Mai")}),
    ("Chủ tịch UBND quận Hoàng Mai Nguyễn Minh Tâm điều hành phần thảo luận.",
     {("Nguyễn Minh Tâm", "Chủ tịch", "UBND quận Hoàng Mai", "Hoàng Mai")}),
    ("Bí thư Quận ủy quận 1 Dương Anh Đức đánh giá cao kết quả.",
     {("Dương Anh Đức", "Bí thư", "Quận ủy 1", "1")}),
    # several posts before one name share the unit named last
    ("Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Bình Thuận Nguyễn Hoài Anh trao quyết định.",
     {("Nguyễn Hoài Anh", "Bí thư", "Tỉnh ủy Bình Thuận", "Bình Thuận"),
      ("Nguyễn Hoài Anh", "Chủ tịch", "HĐND tỉnh Bình Thuận", "Bình Thuận")}),
    # apposition with a dash and member shorthand (TUV in a province-level city is a Thành ủy member)
    ("Đồng chí Trần Đức Hoạt - TUV, Bí thư Quận ủy, Chủ tịch HĐND quận Nam Từ Liêm phát biểu.",
     {("Trần Đức Hoạt", "Ủy viên", "Thành ủy Hà Nội", "Hà Nội"),
      ("Trần Đức Hoạt", "Bí thư", "Quận ủy Nam Từ Liêm", "Nam Từ Liêm"),
      ("Trần Đức Hoạt", "Chủ tịch", "HĐND quận Nam Từ Liêm", "Nam Từ Liêm")}),
    # lower-case titles, "Phó Ban" for Phó Trưởng Ban, the board named in the role
    ("Ông Trần Quang Vinh - Phó Bí thư thường trực huyện ủy Thống Nhất cho biết.",
     {("Trần Quang Vinh", "Phó Bí thư Thường trực", "Huyện ủy Thống Nhất", "Thống Nhất")}),
    ("Gia đình ông Nguyễn Văn Đấu, Phó Ban Tổ chức tỉnh ủy Đồng Nai, xây nhà trái phép.",
     {("Nguyễn Văn Đấu", "Phó Trưởng Ban", "Ban Tổ chức Tỉnh ủy Đồng Nai", "Đồng Nai")}),
    ("Trưởng ban Tổ chức Thành ủy Hà Nội Vũ Đức Bảo phát biểu tại buổi làm việc.",
     {("Vũ Đức Bảo", "Trưởng Ban", "Ban Tổ chức Thành ủy Hà Nội", "Hà Nội")}),
    # a Standing Committee member is one of the committee, not a member of a separate body
    ("Ông Thái Bảo, Ủy viên Ban Thường vụ Tỉnh ủy, Chủ tịch HĐND tỉnh Đồng Nai phát biểu.",
     {("Thái Bảo", "Ủy viên Ban Thường vụ", "Tỉnh ủy Đồng Nai", "Đồng Nai"),
      ("Thái Bảo", "Chủ tịch", "HĐND tỉnh Đồng Nai", "Đồng Nai")}),
    # the Party committee of a People's Committee agency
    ("Với 213/213 phiếu, đồng chí Tạ Nam Chiến, Chủ tịch UBND quận Ba Đình được bầu làm Bí thư Đảng ủy "
     "cơ quan UBND quận Ba Đình.",
     {("Tạ Nam Chiến", "Chủ tịch", "UBND quận Ba Đình", "Ba Đình"),
      ("Tạ Nam Chiến", "Bí thư", "Đảng ủy cơ quan UBND quận Ba Đình", "Ba Đình")}),
    # a commune the gazetteer no longer lists keeps its own name
    ("Ông Hồ Khắc Thành - Bí thư Đảng ủy xã Quỳnh Bá, huyện Quỳnh Lưu nghỉ hưu.",
     {("Hồ Khắc Thành", "Bí thư", "Đảng ủy xã Quỳnh Bá", "Quỳnh Bá")}),
    # the Fatherland Front in its several spellings
    ("Bà Nguyễn Thị Thu Hằng, Chủ tịch Ủy ban MTTQ Việt Nam phường Bến Nghé, quận 1 trao quà.",
     {("Nguyễn Thị Thu Hằng", "Chủ tịch", "UBMTTQ phường Bến Nghé", "Bến Nghé")}),
    # departments, police divisions and delegations
    ("Đại tá Nguyễn Văn Hùng, Giám đốc Công an tỉnh Sơn La báo cáo.",
     {("Nguyễn Văn Hùng", "Giám đốc", "Công an tỉnh Sơn La", "Sơn La")}),
    ("Giám đốc Sở Giáo dục và Đào tạo TP.HCM Nguyễn Văn Hiếu ký văn bản.",
     {("Nguyễn Văn Hiếu", "Giám đốc", "Sở Giáo dục và Đào tạo thành phố Hồ Chí Minh", "Hồ Chí Minh")}),
    ("Lê Kim Toàn - Phó Bí thư Thường trực Tỉnh ủy, Trưởng đoàn ĐBQH tỉnh Bình Định dự họp.",
     {("Lê Kim Toàn", "Phó Bí thư Thường trực", "Tỉnh ủy Bình Định", "Bình Định"),
      ("Lê Kim Toàn", "Trưởng đoàn", "Đoàn ĐBQH tỉnh Bình Định", "Bình Định")}),
    # glued tokens from stripped links
    ("Ngày 23/5, ông Nguyễn Văn Khánh - Chủ tịch UBND huyện Tây Sơn (Bình Định) đã có quyết định về việc"
     "tạm đình chỉ công tácđối với ôngNgô Luân- Chủ tịch UBND xã Tây Giang.",
     {("Nguyễn Văn Khánh", "Chủ tịch", "UBND huyện Tây Sơn", "Tây Sơn"),
      ("Ngô Luân", "Chủ tịch", "UBND xã Tây Giang", "Tây Giang")}),
    # misspelt district names resolve inside the province
    ("Ông Lê Viết Sinh, Huyện ủy viên, Phó Chủ tịch UBND huyện Đăk Song, tỉnh Đắk Nông bị khiển trách.",
     {("Lê Viết Sinh", "Ủy viên", "Huyện ủy Đắk Song", "Đắk Song"),
      ("Lê Viết Sinh", "Phó Chủ tịch", "UBND huyện Đắk Song", "Đắk Song")}),
    # a bare post takes the body of the next post of its kind in the sentence
    ("Đồng chí Nguyễn Văn Sơn được bầu làm Bí thư, đồng chí Trần Thị Tâm được bầu làm Phó Bí thư Thường trực "
     "Huyện ủy Lâm Thao.",
     {("Nguyễn Văn Sơn", "Bí thư", "Huyện ủy Lâm Thao", "Lâm Thao"),
      ("Trần Thị Tâm", "Phó Bí thư Thường trực", "Huyện ủy Lâm Thao", "Lâm Thao")}),
    ("Đồng chí Nguyễn Văn Sơn được bầu làm Bí thư; ông Phạm Văn Bảy làm Chủ tịch UBND xã Sơn Vi.",
     {("Phạm Văn Bảy", "Chủ tịch", "UBND xã Sơn Vi", "Sơn Vi")}),
    # the inspectorate and the procuracy, by name and abbreviation
    ("Ông Trần Văn Quý, Chánh Thanh tra tỉnh Nghệ An và ông Phan Văn Đức, Viện trưởng VKSND tỉnh Nghệ An dự.",
     {("Trần Văn Quý", "Chánh Thanh tra", "Thanh tra tỉnh Nghệ An", "Nghệ An"),
      ("Phan Văn Đức", "Viện trưởng", "Viện Kiểm sát nhân dân tỉnh Nghệ An", "Nghệ An")}),
    # a body in the apposition is no post, and the posts after it are read
    ("Đồng chí Hà Văn Dũng, Thường trực Huyện ủy, Chủ tịch HĐND huyện Mai Châu phát biểu.",
     {("Hà Văn Dũng", "Chủ tịch", "HĐND huyện Mai Châu", "Mai Châu")}),
    ("Thay mặt Thường trực Huyện ủy Mai Châu, đồng chí Hà Văn Dũng phát biểu.", set()),
    # a role ending in a body's name ("Thường trực") before the body itself
    ("Đồng chí Nguyễn Văn An, Phó Trưởng Ban Thường trực Ban Tổ chức Tỉnh ủy Thái Bình phát biểu.",
     {("Nguyễn Văn An", "Phó Trưởng Ban Thường trực", "Ban Tổ chức Tỉnh ủy Thái Bình", "Thái Bình")}),
    # the Youth Union of a province, named like its Party committee
    ("Đồng chí Đỗ Thị Giang, Bí thư Tỉnh đoàn Hưng Yên dự.",
     {("Đỗ Thị Giang", "Bí thư", "Tỉnh Đoàn Hưng Yên", "Hưng Yên")}),
    # elected or added "vào" a committee: one of its members
    ("Đồng chí Nguyễn Văn Sơn được bầu bổ sung vào Ban Thường vụ Thị ủy Hương Trà nhiệm kỳ 2020 - 2025.",
     {("Nguyễn Văn Sơn", "Ủy viên Ban Thường vụ", "Thị ủy Hương Trà", "Hương Trà")}),
    ("Đồng chí Lê Văn Tám trúng cử vào Ban Chấp hành Đảng bộ tỉnh Quảng Nam.",
     {("Lê Văn Tám", "Ủy viên", "Tỉnh ủy Quảng Nam", "Quảng Nam")}),
])
def test_posts(text: str, expected: set) -> None:
    assert holdings(text) == expected


def test_verb_gives_post_to_every_person_of_the_subject_group() -> None:
    text = ("Theo đó, tại Quyết định số 2074-QĐNS/TW, Ban Bí thư chỉ định ông Đỗ Văn Chung - Giám đốc Sở Nội vụ, "
            "và ông Phan Thế Hanh - Giám đốc Sở Tài chính, tham gia Ban Chấp hành Đảng bộ tỉnh Bình Thuận.")
    found = holdings(text)
    assert ("Đỗ Văn Chung", "Ủy viên", "Tỉnh ủy Bình Thuận", "Bình Thuận") in found
    assert ("Phan Thế Hanh", "Ủy viên", "Tỉnh ủy Bình Thuận", "Bình Thuận") in found
    assert ("Phan Thế Hanh", "Giám đốc", "Sở Tài chính tỉnh Bình Thuận", "Bình Thuận") in found


def test_negated_verb_gives_no_post() -> None:
    text = ("Ông Lê Thanh Hải, ủy viên Bộ Chính trị, Bí thư Thành ủy TPHCM và bà Nguyễn Thị Thu Hà, "
            "phó Bí thư Thành ủy TPHCM (khóa IX) không tham gia Ban chấp hành Đảng bộ TPHCM khóa X.")
    found = holdings(text)
    assert ("Lê Thanh Hải", "Bí thư", "Thành ủy Hồ Chí Minh", "Hồ Chí Minh") in found
    assert not any(role == "Ủy viên" and org.startswith("Thành ủy") for _, role, org, _ in found)


def test_title_before_a_name_is_not_the_previous_persons() -> None:
    text = ("Trả lời báo chí về công trình của gia đình ông Nguyễn Văn Đấu, Bí thư Tỉnh ủy Đồng Nai "
            "Nguyễn Phú Cường nhấn mạnh.")
    assert holdings(text) == {("Nguyễn Phú Cường", "Bí thư", "Tỉnh ủy Đồng Nai", "Đồng Nai")}


def test_title_without_a_named_person_is_not_a_holding() -> None:
    assert holdings("Đại hội bầu 2 đồng chí Phó Bí thư Quận ủy; Bí thư Đảng ủy xã mới sẽ được bầu sau.") == set()


def test_status_former_new_and_current() -> None:
    found = statuses("Ông Thái Bảo từng giữ chức Phó Chánh Văn phòng Tỉnh ủy, Bí thư Huyện ủy Thống Nhất. "
                     "Ngày 7/5, Ban Bí thư chuẩn y ông Thái Bảo giữ chức Phó Bí thư Tỉnh ủy Đồng Nai.")
    assert found[("Thái Bảo", "Phó Chánh Văn phòng")] == "former"
    assert found[("Thái Bảo", "Bí thư")] == "former"
    assert found[("Thái Bảo", "Phó Bí thư")] == "new"
    assert statuses("Nguyên Chủ tịch UBND tỉnh Bình Dương Trần Thanh Liêm bị khai trừ.")[
        ("Trần Thanh Liêm", "Chủ tịch")] == "former"


def test_a_post_of_a_unit_marked_old_is_former() -> None:
    text = "Bà Phan Thị Kim Thành, Chủ tịch UBND phường Tương Mai (cũ), quận Hoàng Mai phát biểu."
    assert statuses(text) == {("Phan Thị Kim Thành", "Chủ tịch"): "former"}


def test_term_of_a_post() -> None:
    from extract_helpers import run

    ext = run("Đồng chí Trần Quang Tuấn, Bí thư Quận ủy nhiệm kỳ trước tiếp tục được tín nhiệm bầu là "
              "Bí thư Quận ủy Hồng Bàng nhiệm kỳ 2020 - 2025.")
    (post,) = ext.holdings
    assert (post.status, post.term.label if post.term else None) == ("new", "2020-2025")


def test_a_specific_role_replaces_the_general_one() -> None:
    text = ("Các Phó Bí thư Thành ủy TP.HCM gồm: Ông Võ Văn Thưởng - Phó Bí thư Thường trực Thành ủy. "
            "Ông Võ Văn Thưởng tái cử làm phó Bí thư Thành ủy TPHCM.")
    assert {r for _, r, _, _ in holdings(text)} == {"Phó Bí thư Thường trực"}


@pytest.mark.parametrize("text, expected", [
    ("Phát biểu khai mạc, đồng chí Trần Đức Hoạt nhấn mạnh.", {"Trần Đức Hoạt"}),
    ("Bí thư Tỉnh ủy Nguyễn Đình Trung và Chủ tịch UBND tỉnh Đỗ Tiến Đông (tỉnh Đắk Lắk) dự lễ.",
     {"Nguyễn Đình Trung", "Đỗ Tiến Đông"}),
    # names with "Anh", which is also an honorific
    ("Theo Phó Bí thư Thường trực Huyện ủy Phúc Thọ Đoàn Tuấn Anh, hạn chế còn nhiều.", {"Đoàn Tuấn Anh"}),
    ("Ông Y Thanh Hà Niê Kđăm, Chủ tịch UBND tỉnh Đắk Lắk phát biểu.", {"Y Thanh Hà Niê Kđăm"}),
    # "Kỳ" is a name's syllable; "Kỳ họp" ends a name
    ("Miễn nhiệm chức vụ Phó Chủ tịch UBND thành phố Thủ Đức đối với ông Nguyễn Kỳ Phùng.", {"Nguyễn Kỳ Phùng"}),
    ("Đồng chí Nguyễn Văn Kỳ phát biểu. Chủ tọa là đồng chí Lê Văn Nam Kỳ họp thứ 5 khai mạc.",
     {"Nguyễn Văn Kỳ", "Lê Văn Nam"}),
    # given names that are also words opening a phrase (Trường THPT, Chánh Văn phòng, Hội nghị)
    ("Đồng chí Nguyễn Xuân Trường, Bí thư Huyện ủy và đồng chí Nguyễn Văn Chánh phát biểu.",
     {"Nguyễn Xuân Trường", "Nguyễn Văn Chánh"}),
    ("Ông Phạm Văn Hội và ông Nguyễn Văn Được dự lễ cùng ông Lê Văn Sáng.",
     {"Phạm Văn Hội", "Nguyễn Văn Được", "Lê Văn Sáng"}),
    ("Đồng chí Phạm Ngọc Nghị, Chủ tịch UBND tỉnh phát biểu. Đồng chí Nguyễn Văn Nam Nghị quyết số 15 nêu rõ.",
     {"Phạm Ngọc Nghị", "Nguyễn Văn Nam"}),
    ("Thầy Nguyễn Văn An Trường THPT Lê Lợi và đồng chí Lê Văn Nam Chánh Văn phòng Huyện ủy dự họp.",
     {"Nguyễn Văn An", "Lê Văn Nam"}),
    # names of ethnic minorities: Hmong, Tày, Central Highlands (H'Yim, K'Ré)
    ("Ông Hờ A Di, Chủ tịch UBND huyện Mù Cang Chải và bà Ma Thị Thúy dự họp.", {"Hờ A Di", "Ma Thị Thúy"}),
    ("Bà H'Yim Kđoh, Phó Chủ tịch UBND tỉnh Đắk Lắk và ông Điểu K'Ré phát biểu.", {"H'Yim Kđoh", "Điểu K'Ré"}),
    ("Miễn nhiệm chức danh Phó Chủ tịch UBND huyện Krông Pắc đối với bà H' Zin Niê và bà H’Yến Niê.",
     {"H' Zin Niê", "H’Yến Niê"}),
    # Khmer, Chăm, Raglai and Thái family names
    ("Bà Sơn Thị Ánh Hồng, ông Danh Út, bà Kim Ngọc Thái và ông Chau Sóc Khăng dự họp.",
     {"Sơn Thị Ánh Hồng", "Danh Út", "Kim Ngọc Thái", "Chau Sóc Khăng"}),
    ("Ông Đàng Năng Thọ, ông Chamaléa Thị Thủy và ông Điêu Chính Tới phát biểu.",
     {"Đàng Năng Thọ", "Chamaléa Thị Thủy", "Điêu Chính Tới"}),
    # Gia Rai and Cơ Tu family names
    ("Ông Rah Lan Chung, bà Puih H'Lan, ông Alăng Ngọc Anh và ông Bling Mia phát biểu.",
     {"Rah Lan Chung", "Puih H'Lan", "Alăng Ngọc Anh", "Bling Mia"}),
    ("Đoàn công tác đến Kim Bôi, Sơn La và Sơn Động. Danh sách cán bộ được công bố.", set()),
    # places and streets named after people are not persons
    ("Hoàng Mai hướng tới mục tiêu trở thành động lực phát triển phía Nam Thủ đô.", set()),
    ("Đoàn công tác đi qua đường Nguyễn Văn Linh và trường THPT Lê Hồng Phong.", set()),
    ("Đoàn dâng hương tại Đền thờ Lý Thường Kiệt, thăm Bệnh viện Đa khoa Phạm Ngọc Thạch.", set()),
    ("Học sinh tham quan lăng Chủ tịch Hồ Chí Minh.", set()),
    ("Theo báo Hà Nội Mới, nhiều hộ dân phản ánh.", set()),
    # photo credits and bylines are authors
    ("Bí thư Quận ủy phát biểu. Ảnh: Kim Thành\n\nKim Thành", set()),
])
def test_persons(text: str, expected: set) -> None:
    assert persons(text) == expected


def test_post_given_to_the_persons_after_doi_voi() -> None:
    text = ("Tại kỳ họp, đại biểu HĐND tỉnh Đồng Tháp bầu bổ sung chức vụ Ủy viên UBND tỉnh, nhiệm kỳ 2016-2021 "
            "đối với ông Nguyễn Văn Hiểu, Giám đốc Công an tỉnh và ông Đoàn Thanh Bình, Giám đốc Sở Thông tin và "
            "Truyền thông; miễn nhiệm chức vụ Chủ tịch UBND tỉnh đối với ông Hà Đức Toại.")
    found = statuses(text)
    assert found[("Nguyễn Văn Hiểu", "Ủy viên")] == "new"
    assert found[("Đoàn Thanh Bình", "Ủy viên")] == "new"
    assert found[("Nguyễn Văn Hiểu", "Giám đốc")] == "current"
    assert found[("Hà Đức Toại", "Chủ tịch")] == "former"


def test_an_object_verb_does_not_reach_back_to_an_earlier_person() -> None:
    text = ("Theo đề nghị của Chủ tịch UBND tỉnh Kon Tum Lê Ngọc Tuấn, các đại biểu đã bỏ phiếu bầu bổ sung "
            "Ủy viên UBND tỉnh nhiệm kỳ 2021 - 2026.")
    assert holdings(text) == {("Lê Ngọc Tuấn", "Chủ tịch", "UBND tỉnh Kon Tum", "Kon Tum")}


def test_former_posts_in_a_discipline_case() -> None:
    text = ("Thủ tướng quyết định thi hành kỷ luật đối với ông Lê Thanh Cung, nguyên phó bí thư Tỉnh ủy, "
            "nguyên bí thư Ban cán sự đảng, nguyên chủ tịch UBND tỉnh Bình Dương nhiệm kỳ 2011 - 2016.")
    assert holdings(text) == {("Lê Thanh Cung", "Phó Bí thư", "Tỉnh ủy Bình Dương", "Bình Dương"),
                              ("Lê Thanh Cung", "Bí thư", "Ban cán sự đảng tỉnh Bình Dương", "Bình Dương"),
                              ("Lê Thanh Cung", "Chủ tịch", "UBND tỉnh Bình Dương", "Bình Dương")}
    found = statuses("Quyết định xóa tư cách chức vụ chủ tịch UBND tỉnh Thanh Hóa giai đoạn 2015 - 2020 đối với "
                     "ông Nguyễn Đình Xứng.")
    assert found == {("Nguyễn Đình Xứng", "Chủ tịch"): "former"}


def test_listed_units_go_to_listed_persons_in_order() -> None:
    text = ("Bà Hoàng Thị Thúy Lan, ông Chẩu Văn Lâm, ông Trần Văn Nam tiếp tục được bầu giữ chức Bí thư Tỉnh ủy "
            "Vĩnh Phúc, Tuyên Quang, Bình Dương.")
    assert {(p, u) for p, _, _, u in holdings(text)} == {
        ("Hoàng Thị Thúy Lan", "Vĩnh Phúc"), ("Chẩu Văn Lâm", "Tuyên Quang"), ("Trần Văn Nam", "Bình Dương")}


def test_a_renamed_unit_type_still_finds_the_unit() -> None:
    (found,) = holdings("Đồng chí Phạm Văn Thành, nguyên Chủ tịch UBND thị xã Đông Triều, tỉnh Quảng Ninh.")
    assert found[3] == "Đông Triều"


def test_role_ending_in_its_body_head() -> None:
    assert holdings("Ông Nguyễn Văn Bình, Trưởng Công an xã Tân Phú, huyện Đồng Phú bị cách chức.") == {
        ("Nguyễn Văn Bình", "Trưởng Công an", "Công an xã Tân Phú", "Tân Phú")}


def test_a_post_given_to_a_person_named_again_by_given_name_only() -> None:
    text = ("UBKT Tỉnh ủy cảnh cáo ông Trần Viết Cự, Phó Chủ tịch UBND huyện Tuy Đức. Theo UBKT Tỉnh ủy, với "
            "trách nhiệm là Huyện ủy viên, Trưởng phòng Tài chính - Kế hoạch từ năm 2007- 2015, ông Cự có khuyết điểm.")
    assert ("Trần Viết Cự", "Trưởng phòng", "Phòng Tài chính - Kế hoạch huyện Tuy Đức", "Tuy Đức") in holdings(text)


def test_a_given_name_shared_by_two_full_names_refers_to_neither() -> None:
    text = ("Ông Nguyễn Văn Cự và ông Trần Viết Cự dự họp. Bí thư Huyện ủy Tuy Đức, ông Cự phát biểu.")
    assert holdings(text) == set()


def test_a_district_dissolved_in_2025_is_found_without_its_province() -> None:
    text = "Đồng chí Nguyễn Văn Hoàn, Bí thư Huyện ủy Yên Dũng chủ trì hội nghị."
    assert holdings(text) == {("Nguyễn Văn Hoàn", "Bí thư", "Huyện ủy Yên Dũng", "Yên Dũng")}


def test_thua_thien_hue_keeps_its_name_and_its_city_of_hue() -> None:
    text = ("Đồng chí Lê Trường Lưu được bầu giữ chức Bí thư Tỉnh ủy Thừa Thiên Huế. Ông Nguyễn Văn Phương, "
            "Bí thư Thành ủy Huế dự đại hội.")
    ext = run(text)
    found = {(h.person, h.body.label, h.body.unit.code) for h in ext.holdings}  # type: ignore[union-attr]
    assert found == {("Lê Trường Lưu", "Tỉnh ủy Thừa Thiên Huế", "former/46"),
                     ("Nguyễn Văn Phương", "Thành ủy Huế", "former/474")}


def test_bare_thanh_uy_beside_a_district_level_city_is_that_citys() -> None:
    text = "Đồng chí Hoàng Tùng, Phó Bí thư Thành ủy, Chủ tịch UBND TP Thủ Đức báo cáo."
    assert ("Hoàng Tùng", "Phó Bí thư", "Thành ủy Thủ Đức", "Thủ Đức") in holdings(text)


def test_bare_thanh_uy_beside_a_city_named_elsewhere_in_the_sentence_is_the_provinces() -> None:
    text = "Ông Nguyễn Văn Nên, Bí thư Thành ủy phát biểu tại buổi làm việc với thành phố Thủ Đức."
    assert holdings(text) == {("Nguyễn Văn Nên", "Bí thư", "Thành ủy Hồ Chí Minh", "Hồ Chí Minh")}


def test_a_commune_in_apposition_with_its_district() -> None:
    (found,) = run("Ông Nguyễn Văn An, Bí thư Đảng ủy xã Tân Thành, huyện Hàm Thuận Nam phát biểu.").holdings
    assert found.body.unit is not None and found.body.unit.parent == "598"  # not a Tân Thành of another district


def test_bare_thanh_uy_beside_a_named_city_committee_is_the_provinces() -> None:
    text = "Đồng chí Nguyễn Văn Hiếu, Ủy viên Ban Thường vụ Thành ủy, Bí thư Thành ủy TP Thủ Đức chủ trì."
    assert holdings(text) == {("Nguyễn Văn Hiếu", "Ủy viên Ban Thường vụ", "Thành ủy Hồ Chí Minh", "Hồ Chí Minh"),
                              ("Nguyễn Văn Hiếu", "Bí thư", "Thành ủy Thủ Đức", "Thủ Đức")}


def test_committees_joined_are_those_of_the_post_given_after_them() -> None:
    text = ("Ban Thường vụ Huyện ủy Hàm Thuận Nam chỉ định đồng chí Trần Văn Lâm, Huyện ủy viên, Phó Chủ tịch UBND "
            "huyện tham gia Ban Chấp hành, Ban Thường vụ và giữ chức Bí thư Đảng ủy xã Tân Thành nhiệm kỳ 2020-2025.")
    found = holdings(text)
    assert ("Trần Văn Lâm", "Ủy viên Ban Thường vụ", "Đảng ủy xã Tân Thành", "Tân Thành") in found
    assert ("Trần Văn Lâm", "Ủy viên", "Huyện ủy Hàm Thuận Nam", "Hàm Thuận Nam") in found
    assert not any(h[1] == "Ủy viên Ban Thường vụ" and h[3] == "Hàm Thuận Nam" for h in found)
    text = ("Đồng chí Nguyễn Văn An được bầu vào Ban Thường vụ Huyện ủy và được phân công giữ chức Bí thư Đảng ủy "
            "xã Tân Thành, huyện Hàm Thuận Nam.")  # the committee written out keeps its own
    assert holdings(text) == {("Nguyễn Văn An", "Ủy viên Ban Thường vụ", "Huyện ủy Hàm Thuận Nam", "Hàm Thuận Nam"),
                              ("Nguyễn Văn An", "Bí thư", "Đảng ủy xã Tân Thành", "Tân Thành")}


def test_elected_into_a_standing_committee() -> None:
    assert holdings("Hội nghị đã bầu đồng chí Nguyễn Văn An vào Ban Thường vụ Huyện ủy Hàm Thuận Nam.") == {
        ("Nguyễn Văn An", "Ủy viên Ban Thường vụ", "Huyện ủy Hàm Thuận Nam", "Hàm Thuận Nam")}
    text = "Ông Nguyễn Văn Cường, Chủ tịch UBND xã Tân Thành cho biết, vào đầu năm Ban Chấp hành Đảng bộ xã đã họp."
    assert {h[1] for h in holdings(text)} == {"Chủ tịch"}  # "vào" a time, not a committee
    text = ("Đồng chí Lê Văn An, Bí thư Tỉnh ủy Long An đề nghị giới thiệu những đồng chí tiêu biểu vào Ban Chấp "
            "hành Đảng bộ tỉnh.")
    assert {h[1] for h in holdings(text)} == {"Bí thư"}  # "vào" far from its person: the speaker gets nothing
    text = ("Hội nghị bầu đồng chí Nguyễn Văn An vào Ban Thường vụ Huyện ủy Hàm Thuận Nam, đồng thời giữ chức Bí thư "
            "Đảng ủy xã Tân Thành.")
    assert holdings(text) == {("Nguyễn Văn An", "Ủy viên Ban Thường vụ", "Huyện ủy Hàm Thuận Nam", "Hàm Thuận Nam"),
                              ("Nguyễn Văn An", "Bí thư", "Đảng ủy xã Tân Thành", "Tân Thành")}


def test_a_bare_committee_of_a_unit_whose_type_has_changed_since() -> None:
    text = ("HĐND thị xã Phú Mỹ họp chuyên đề. Ông Nguyễn Văn Thọ, Phó Bí thư Thị ủy đã được bầu giữ chức Chủ tịch "
            "UBND thị xã. Ông Nguyễn Văn Hùng, nguyên Chủ tịch UBND thị xã được điều động giữ chức Bí thư Huyện ủy "
            "Xuyên Mộc.")
    found = holdings(text)
    assert ("Nguyễn Văn Thọ", "Phó Bí thư", "Thị ủy Phú Mỹ", "Phú Mỹ") in found  # a thành phố since 2025
    assert ("Nguyễn Văn Hùng", "Chủ tịch", "UBND thành phố Phú Mỹ", "Phú Mỹ") in found


def test_a_province_in_the_name_of_an_agent_is_not_a_person() -> None:
    for province in ("Đồng Nai", "Bà Rịa - Vũng Tàu"):
        text = f"Ông Nguyễn Văn Hùng được Ban Thường vụ Tỉnh ủy {province} điều động giữ chức Bí thư Huyện ủy Xuân Lộc."
        assert holdings(text) == {("Nguyễn Văn Hùng", "Bí thư", "Huyện ủy Xuân Lộc", "Xuân Lộc")}, province


def test_a_district_spelt_otherwise_than_the_gazetteer_with_no_province_named() -> None:
    text = "Đồng chí Giàng Seo Phử, Bí thư Huyện ủy Mù Cang Chải và đồng chí Sùng A Hồ, Chủ tịch UBND huyện dự họp."
    assert holdings(text) == {("Giàng Seo Phử", "Bí thư", "Huyện ủy Mù Căng Chải", "Mù Căng Chải"),
                              ("Sùng A Hồ", "Chủ tịch", "UBND huyện Mù Căng Chải", "Mù Căng Chải")}


def test_the_office_of_the_na_delegation_and_the_peoples_council() -> None:
    assert holdings("Bà Trần Thị Bích, Chánh Văn phòng Đoàn ĐBQH và HĐND tỉnh Quảng Nam dự.") == {
        ("Trần Thị Bích", "Chánh Văn phòng", "Đoàn ĐBQH và HĐND tỉnh Quảng Nam", "Quảng Nam")}


@pytest.mark.parametrize("text,committee", [
    ("Ông Nguyễn Văn An, Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Thành ủy Cần Thơ phát biểu.", "Thành ủy Cần Thơ"),
    ("Ông Trần Văn Bình, Ủy viên Ban Thường vụ, Phó Chủ tịch UBND tỉnh Long An phát biểu.", "Tỉnh ủy Long An"),
])
def test_a_standing_committee_member_of_the_committee_the_chain_names_after(text: str, committee: str) -> None:
    assert any(h[1] == "Ủy viên Ban Thường vụ" and h[2] == committee for h in holdings(text))


def test_posts_given_respectively() -> None:
    text = ("Hội nghị đã bầu các đồng chí Nguyễn Văn An, Trần Văn Bình, Lê Thị Cúc lần lượt giữ chức Bí thư, "
            "Phó Bí thư Thường trực, Phó Bí thư Huyện ủy Tuy Phước.")
    assert holdings(text) == {("Nguyễn Văn An", "Bí thư", "Huyện ủy Tuy Phước", "Tuy Phước"),
                              ("Trần Văn Bình", "Phó Bí thư Thường trực", "Huyện ủy Tuy Phước", "Tuy Phước"),
                              ("Lê Thị Cúc", "Phó Bí thư", "Huyện ủy Tuy Phước", "Tuy Phước")}


def test_a_bodiless_secretary_of_the_committee_of_the_unit_named_after() -> None:
    found = holdings("Ông Đỗ Văn Dũng, Bí thư kiêm Chủ tịch UBND xã Tân Hà và bà Lê Thị Em, Phó Bí thư, Chủ tịch "
                     "HĐND xã Tân Hà phát biểu.")
    assert ("Đỗ Văn Dũng", "Bí thư", "Đảng ủy xã Tân Hà", "Tân Hà") in found
    assert ("Lê Thị Em", "Phó Bí thư", "Đảng ủy xã Tân Hà", "Tân Hà") in found
    assert holdings("Ông Trần Văn Bình, Phó Bí thư, Giám đốc Sở Y tế tỉnh Long An phát biểu.") == {
        ("Trần Văn Bình", "Giám đốc", "Sở Y tế tỉnh Long An", "Long An")}


def test_the_person_a_post_is_taken_from_gets_the_next_one() -> None:
    text = ("Các đại biểu đã miễn nhiệm chức danh Chủ tịch UBND huyện Quảng Xương đối với đồng chí Đinh Văn Hùng do "
            "được Ban Thường vụ Tỉnh ủy điều động, phân công giữ chức Bí thư Huyện ủy Quảng Xương.")
    assert statuses(text) == {("Đinh Văn Hùng", "Chủ tịch"): "former", ("Đinh Văn Hùng", "Bí thư"): "new"}
    text = ("HĐND tỉnh miễn nhiệm chức vụ Chủ tịch UBND tỉnh Long An đối với ông Nguyễn Văn An; ông Trần Văn Bình "
            "được bầu giữ chức Chủ tịch UBND tỉnh.")  # another name first: the next verb is that one's
    assert statuses(text) == {("Nguyễn Văn An", "Chủ tịch"): "former", ("Trần Văn Bình", "Chủ tịch"): "new"}


def test_the_members_a_committee_lists() -> None:
    text = ("Đại hội đã bầu Ban Thường vụ Huyện ủy Krông Pắc khóa XXI gồm 11 đồng chí: Nguyễn Văn An, Trần Văn Bình "
            "và Lê Thị Cúc.")
    assert holdings(text) == {(p, "Ủy viên Ban Thường vụ", "Huyện ủy Krông Pắc", "Krông Pắc")
                              for p in ("Nguyễn Văn An", "Trần Văn Bình", "Lê Thị Cúc")}
    # a listed person with a post of their own has that post
    text = ("Ủy ban Kiểm tra Huyện ủy Krông Pắc gồm các đồng chí: Lê Văn Cường, Chủ nhiệm Ủy ban Kiểm tra Huyện ủy; "
            "Phạm Thị Dung.")
    assert holdings(text) == {
        ("Lê Văn Cường", "Chủ nhiệm", "Ủy ban Kiểm tra Huyện ủy Krông Pắc", "Krông Pắc"),
        ("Phạm Thị Dung", "Ủy viên", "Ủy ban Kiểm tra Huyện ủy Krông Pắc", "Krông Pắc")}
    # a count is not a list: the name after it is the next clause's subject
    text = "Ủy ban Kiểm tra Huyện ủy Krông Pắc gồm 5 đồng chí, đồng chí Lê Văn Cường được bầu làm Phó Chủ nhiệm."
    assert holdings(text) == {("Lê Văn Cường", "Phó Chủ nhiệm", "Ủy ban Kiểm tra Huyện ủy Krông Pắc", "Krông Pắc")}


def test_the_members_a_list_on_the_next_lines_names() -> None:
    text = ("Đại hội Đảng bộ huyện Krông Pa lần thứ XVII đã bầu Ban Thường vụ Huyện ủy.\n"
            "Danh sách Ban Thường vụ Huyện ủy khóa XVII:\n1. Đồng chí Ksor Tới\n2. Đồng chí Lê Hùng\n"
            "3. Nguyễn Văn Hòa, Chủ tịch UBND huyện\nĐồng chí Trần Văn Bình phát biểu.")
    assert holdings(text) == {
        ("Ksor Tới", "Ủy viên Ban Thường vụ", "Huyện ủy Krông Pa", "Krông Pa"),
        ("Lê Hùng", "Ủy viên Ban Thường vụ", "Huyện ủy Krông Pa", "Krông Pa"),
        ("Nguyễn Văn Hòa", "Chủ tịch", "UBND huyện Krông Pa", "Krông Pa")}  # a post of their own instead
    assert "Lê Hùng" in persons(text)  # two syllables, vouched for by the list
    text = ("Ban Thường vụ Đảng ủy xã Ea Tiêu khóa XXV (nhiệm kỳ 2025 - 2030) gồm 3 đồng chí:\n"
            "- Bà Trần Thị Mai\n+ H'Yim Êban.")
    assert holdings(text) == {(p, "Ủy viên Ban Thường vụ", "Đảng ủy xã Ea Tiêu", "Ea Tiêu")
                              for p in ("Trần Thị Mai", "H'Yim Êban")}
    # a colon that opens no list of members
    text = "Ban Thường vụ Huyện ủy Krông Pa đề nghị:\nĐồng chí Ksor Tới, Bí thư Huyện ủy Krông Pa."
    assert holdings(text) == {("Ksor Tới", "Bí thư", "Huyện ủy Krông Pa", "Krông Pa")}


def test_a_bare_post_of_the_body_named_before_it() -> None:
    text = ("Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ huyện Krông Pắc đã bầu Ban Thường vụ gồm 13 đồng chí; đồng "
            "chí Nguyễn Văn An được bầu làm Bí thư, các đồng chí Trần Văn Bình, Lê Thị Cúc được bầu làm Phó Bí thư.")
    assert holdings(text) == {("Nguyễn Văn An", "Bí thư", "Huyện ủy Krông Pắc", "Krông Pắc"),
                              ("Trần Văn Bình", "Phó Bí thư", "Huyện ủy Krông Pắc", "Krông Pắc"),
                              ("Lê Thị Cúc", "Phó Bí thư", "Huyện ủy Krông Pắc", "Krông Pắc")}
    # or of the last post of its kind
    text = "HĐND tỉnh Đắk Lắk đã bầu ông Nguyễn Văn An giữ chức Chủ tịch UBND tỉnh, ông Trần Văn Bình làm Phó Chủ tịch."
    assert holdings(text) == {("Nguyễn Văn An", "Chủ tịch", "UBND tỉnh Đắk Lắk", "Đắk Lắk"),
                              ("Trần Văn Bình", "Phó Chủ tịch", "UBND tỉnh Đắk Lắk", "Đắk Lắk")}


def test_a_bare_party_committee_of_the_commune_the_chain_names() -> None:
    assert holdings("Ông Phạm Văn Dũng, Phó Bí thư Đảng ủy, Chủ tịch UBND phường Tân Định, quận 1 phát biểu.") == {
        ("Phạm Văn Dũng", "Phó Bí thư", "Đảng ủy phường Tân Định", "Tân Định"),
        ("Phạm Văn Dũng", "Chủ tịch", "UBND phường Tân Định", "Tân Định")}


def test_shorthand_posts() -> None:
    assert holdings("Đ/c Nguyễn Văn An - PBT Thường trực Huyện ủy, PCT UBND huyện Krông Pắc; đồng chí Lê Thị Cúc, "
                    "UV BTV Huyện ủy Krông Pắc dự.") == {
        ("Nguyễn Văn An", "Phó Bí thư Thường trực", "Huyện ủy Krông Pắc", "Krông Pắc"),
        ("Nguyễn Văn An", "Phó Chủ tịch", "UBND huyện Krông Pắc", "Krông Pắc"),
        ("Lê Thị Cúc", "Ủy viên Ban Thường vụ", "Huyện ủy Krông Pắc", "Krông Pắc")}


def test_the_economic_and_social_affairs_committee_is_the_councils() -> None:
    assert holdings("Ông Lê Văn Bình, Trưởng Ban Kinh tế - Xã hội HĐND huyện Đức Trọng phát biểu.") == {
        ("Lê Văn Bình", "Trưởng Ban", "Ban Kinh tế - Xã hội HĐND huyện Đức Trọng", "Đức Trọng")}


def test_kho_names_of_one_word_and_with_their_family_names() -> None:
    text = "Huyện Đức Trọng. Đồng chí K' Bình - Trưởng Ban Tổ chức Huyện ủy và ông Ka Sô Liễng dự."
    assert holdings(text) == {("K' Bình", "Trưởng Ban", "Ban Tổ chức Huyện ủy Đức Trọng", "Đức Trọng")}
    assert persons(text) == {"K' Bình", "Ka Sô Liễng"}


def test_a_title_before_a_comma_is_anothers_when_the_name_has_its_own_post() -> None:
    text = "Thừa ủy quyền của Chủ tịch UBND tỉnh Lâm Đồng, ông Lê Văn Cường, Giám đốc Sở Nội vụ trao quyết định."
    assert holdings(text) == {("Lê Văn Cường", "Giám đốc", "Sở Nội vụ tỉnh Lâm Đồng", "Lâm Đồng")}
    assert holdings("Bí thư Tỉnh ủy Lâm Đồng, ông Nguyễn Thái Học phát biểu.") == {
        ("Nguyễn Thái Học", "Bí thư", "Tỉnh ủy Lâm Đồng", "Lâm Đồng")}


@pytest.mark.parametrize("text, expected", [
    ("Bí thư Tỉnh ủy Lâm Đồng, ông Trần Đức Quận phát biểu.", {"Trần Đức Quận"}),
    ("Ông Nguyễn Văn An Quận 1 dự.", {"Nguyễn Văn An"}),  # a type word before its unit's name ends a name
    ("Ông Nguyễn Văn An Quận Hoàng Mai dự.", {"Nguyễn Văn An"}),
])
def test_a_given_name_that_is_a_type_word(text: str, expected: set[str]) -> None:
    assert persons(text) == expected


@pytest.mark.parametrize("text", ["Huyện Krông Pắc. Ông Lê Văn Em, Bí thư Huyện Đoàn phát biểu.",
                                  "Ông Lê Văn Em, Bí thư Huyện đoàn Krông Pắc phát biểu."])
def test_the_district_youth_union(text: str) -> None:
    assert holdings(text) == {("Lê Văn Em", "Bí thư", "Huyện Đoàn Krông Pắc", "Krông Pắc")}


@pytest.mark.parametrize("post, body", [
    ("Phó Trưởng Đoàn ĐBQH chuyên trách tỉnh Nghệ An", ("Phó Trưởng đoàn", "Đoàn ĐBQH tỉnh Nghệ An")),
    ("Phó Trưởng Đoàn chuyên trách Đoàn ĐBQH tỉnh Nghệ An", ("Phó Trưởng đoàn", "Đoàn ĐBQH tỉnh Nghệ An")),
    ("Trưởng Ban Quản lý Khu kinh tế tỉnh Nghệ An", ("Trưởng Ban", "Ban Quản lý Khu kinh tế tỉnh Nghệ An")),
    ("Giám đốc Bảo hiểm xã hội tỉnh Nghệ An", ("Giám đốc", "Bảo hiểm xã hội tỉnh Nghệ An")),
    ("Cục trưởng Cục Thuế tỉnh Nghệ An", ("Cục trưởng", "Cục Thuế tỉnh Nghệ An")),
    ("Hiệu trưởng Trường Chính trị tỉnh Nghệ An", ("Hiệu trưởng", "Trường Chính trị tỉnh Nghệ An")),
    ("Phó Giám đốc phụ trách Sở Xây dựng tỉnh Nghệ An", ("Phó Giám đốc", "Sở Xây dựng tỉnh Nghệ An")),
    ("Trưởng Đoàn Đại biểu Quốc hội khóa XV tỉnh Nghệ An", ("Trưởng đoàn", "Đoàn ĐBQH tỉnh Nghệ An")),
    ("Chủ tịch Ủy ban Mặt trận Tổ quốc (MTTQ) Việt Nam tỉnh Nghệ An", ("Chủ tịch", "UBMTTQ tỉnh Nghệ An")),
    ("Cục trưởng Cục Quản lý thị trường tỉnh Nghệ An", ("Cục trưởng", "Cục Quản lý thị trường tỉnh Nghệ An")),
    ("Thủ trưởng Cơ quan CSĐT Công an tỉnh Nghệ An", ("Thủ trưởng Cơ quan CSĐT", "Công an tỉnh Nghệ An")),
])
def test_posts_of_delegations_economic_zones_and_branches_of_national_agencies(post: str, body: tuple) -> None:
    assert holdings(f"Ông Lê Văn Tùng, {post} dự.") == {("Lê Văn Tùng", *body, "Nghệ An")}


@pytest.mark.parametrize("aside", ["57 tuổi", "SN 1968", "sinh năm 1968"])
def test_a_post_after_the_age_in_parentheses(aside: str) -> None:
    text = f"Bị can Trịnh Văn Cường ({aside}, nguyên Giám đốc Sở Nội vụ tỉnh Thanh Hóa) bị bắt."
    assert statuses(text) == {("Trịnh Văn Cường", "Giám đốc"): "former"}


@pytest.mark.parametrize("text", [
    "Ông Lê Văn Tùng bị cách chức Chủ tịch UBND xã Nghi Phong, huyện Nghi Lộc.",
    "Ông Lê Văn Tùng bị miễn nhiệm chức vụ Chủ tịch UBND xã Nghi Phong, huyện Nghi Lộc.",
    "Ông Lê Văn Tùng đã được HĐND xã Nghi Phong, huyện Nghi Lộc miễn nhiệm chức danh Chủ tịch UBND xã.",
])
def test_a_passive_clause_gives_the_post_to_the_person_before_the_verb(text: str) -> None:
    assert statuses(text) == {("Lê Văn Tùng", "Chủ tịch"): "former"}


def test_an_acting_post_given() -> None:
    assert holdings("Huyện Nghi Lộc, tỉnh Nghệ An. Ông Lê Văn Tùng được giao quyền Chủ tịch UBND huyện.") == {
        ("Lê Văn Tùng", "Quyền Chủ tịch", "UBND huyện Nghi Lộc", "Nghi Lộc")}
    assert holdings("Ông Lê Văn Tùng được giao nhiệm vụ phụ trách UBND huyện Nghi Lộc.") == set()


def test_a_special_zone_of_2025() -> None:
    assert holdings("Ông Lê Văn Tùng, Bí thư Đảng ủy đặc khu Côn Đảo, TPHCM dự.") == {
        ("Lê Văn Tùng", "Bí thư", "Đảng ủy đặc khu Côn Đảo", "Côn Đảo")}


def test_a_post_taken_from_persons_listed_after_doi_voi_cac_ong() -> None:
    text = ("HĐND tỉnh Bình Định miễn nhiệm chức danh ủy viên UBND tỉnh nhiệm kỳ 2021 - 2026 đối với các ông: Lê "
            "Hoàng Nghi - nguyên Giám đốc Sở Kế hoạch và Đầu tư, lý do đã chuyển công tác khác từ ngày 1/3/2025; Tạ "
            "Xuân Chánh - nguyên Giám đốc Sở Dân tộc và Tôn giáo.")
    assert holdings(text) == {
        ("Lê Hoàng Nghi", "Ủy viên", "UBND tỉnh Bình Định", "Bình Định"),
        ("Lê Hoàng Nghi", "Giám đốc", "Sở Kế hoạch và Đầu tư tỉnh Bình Định", "Bình Định"),
        ("Tạ Xuân Chánh", "Ủy viên", "UBND tỉnh Bình Định", "Bình Định"),
        ("Tạ Xuân Chánh", "Giám đốc", "Sở Dân tộc và Tôn giáo tỉnh Bình Định", "Bình Định")}


def test_a_plural_title_is_each_listed_persons() -> None:
    text = "Dự có các Phó Chủ tịch HĐND tỉnh Bình Định Đoàn Văn Phi, Huỳnh Thúy Vân - Tỉnh ủy viên và Lê Kim Toàn."
    assert holdings(text) == {
        ("Đoàn Văn Phi", "Phó Chủ tịch", "HĐND tỉnh Bình Định", "Bình Định"),
        ("Huỳnh Thúy Vân", "Ủy viên", "Tỉnh ủy Bình Định", "Bình Định"),  # a post of her own instead
        ("Lê Kim Toàn", "Phó Chủ tịch", "HĐND tỉnh Bình Định", "Bình Định")}


def test_a_bare_tinh_is_not_a_centrally_run_city() -> None:
    text = ("Đoàn tàu vào TP Hồ Chí Minh dừng tại Ga Diêu Trì. Phó Chủ tịch UBND tỉnh Lâm Hải Giang đón đoàn. "
            "Tỉnh Bình Định rất hân hạnh được đón tiếp đoàn.")
    assert holdings(text) == {("Lâm Hải Giang", "Phó Chủ tịch", "UBND tỉnh Bình Định", "Bình Định")}


@pytest.mark.parametrize("text, expected", [
    ("Hai hộ dân Nguyễn Thị Đường, 71 tuổi và Nguyễn Thị Tường, 61 tuổi cho biết.",
     {"Nguyễn Thị Đường", "Nguyễn Thị Tường"}),  # a place word that ends a name is a given name
    ("Hai thửa đất tại khu dân cư Đồng Trụ Tây và Trạng Voi.", set()),
])
def test_place_words_in_and_before_names(text: str, expected: set[str]) -> None:
    assert persons(text) == expected


def test_a_name_ends_before_a_street() -> None:
    assert "Nguyễn Văn Nam" in persons("Ông Nguyễn Văn Nam Đường Lê Lợi bị ngập.")


def test_a_body_of_a_province_named_without_its_type_word() -> None:
    text = ("Đại tá Đinh Văn Nơi, Giám đốc Công an An Giang được điều động giữ chức vụ Giám đốc Công an "
            "Quảng Ninh.")
    assert holdings(text) == {("Đinh Văn Nơi", "Giám đốc", "Công an tỉnh An Giang", "An Giang"),
                              ("Đinh Văn Nơi", "Giám đốc", "Công an tỉnh Quảng Ninh", "Quảng Ninh")}


def test_a_post_given_to_a_counted_list_after_gom() -> None:
    text = ("UBND TPHCM bổ nhiệm 3 Phó Giám đốc Sở Giao thông công chánh TPHCM gồm các ông: Nguyễn Xuân Hoàng, "
            "Nguyễn Minh Nhựt và Võ Trung Trực.")
    assert holdings(text) == {(p, "Phó Giám đốc", "Sở Giao thông công chánh thành phố Hồ Chí Minh", "Hồ Chí Minh")
                              for p in ("Nguyễn Xuân Hoàng", "Nguyễn Minh Nhựt", "Võ Trung Trực")}


@pytest.mark.parametrize("text", [
    "Huyện Hải Hà. Bà Nông Thị Mai Huyền, Trưởng ban Tổ chức - Cán bộ Cơ quan Ủy ban Trung ương MTTQ phát biểu.",
    "Tỉnh Bình Định. Ông Nguyễn Thanh Lâm, Ủy viên Ban chấp hành Đảng bộ Chính phủ phát biểu.",
])
def test_a_board_or_committee_of_a_body_not_read_is_not_the_articles_units(text: str) -> None:
    assert holdings(text) == set()


def test_a_bare_party_committee_is_the_one_the_sentence_named_before() -> None:
    text = "Về phía Đảng uỷ UBND tỉnh Bình Định có đồng chí Phạm Anh Tuấn, Bí thư Đảng uỷ, Chủ tịch UBND tỉnh."
    assert holdings(text) == {("Phạm Anh Tuấn", "Bí thư", "Đảng ủy UBND tỉnh Bình Định", "Bình Định"),
                              ("Phạm Anh Tuấn", "Chủ tịch", "UBND tỉnh Bình Định", "Bình Định")}


def test_a_council_or_committee_named_bare_is_the_unit_the_text_is_on() -> None:
    text = ("Lãnh đạo phường Tương Mai, quận Hoàng Mai: - Đồng chí Võ Xuân Trọng (Bí thư Đảng ủy, Chủ tịch HĐND), - "
            "đồng chí Đào Thị Thu Hằng (Phó Bí thư, Chủ tịch UBND).")
    posts = [("Võ Xuân Trọng", "Bí thư", "Đảng ủy"), ("Võ Xuân Trọng", "Chủ tịch", "HĐND"),
             ("Đào Thị Thu Hằng", "Phó Bí thư", "Đảng ủy"), ("Đào Thị Thu Hằng", "Chủ tịch", "UBND")]
    assert holdings(text) == {(p, r, f"{b} phường Tương Mai", "Tương Mai") for p, r, b in posts}


@pytest.mark.parametrize("text, expected", [
    ("Tỉnh Bình Định. Đối với gia đình bà Phan Thị Cúc, Chủ tịch UBND tỉnh giao tổ giúp việc xác minh lại.", set()),
    ("Huyện Tây Sơn. Đối với ông Nguyễn Văn An, Phó Chủ tịch UBND xã Tây Giang bị kỷ luật cảnh cáo.",
     {("Nguyễn Văn An", "Phó Chủ tịch", "UBND xã Tây Giang", "Tây Giang")}),
])
def test_a_bare_title_after_a_fronted_name_is_the_next_clauses_subject(text: str, expected: set) -> None:
    assert holdings(text) == expected


def test_a_commune_formed_in_2025_its_party_boards_and_its_name_without_type_word() -> None:
    text = ("Xã Phong Hải, tỉnh Lào Cai. Ông Nguyễn Ngọc Tuấn – Ủy viên Ban Thường vụ Đảng ủy, Trưởng Ban Xây dựng "
            "Đảng xã; ông Bùi Quang Hưng - Bí thư Đảng ủy Phong Hải phát biểu.")
    assert holdings(text) == {
        ("Nguyễn Ngọc Tuấn", "Ủy viên Ban Thường vụ", "Đảng ủy xã Phong Hải", "Phong Hải"),
        ("Nguyễn Ngọc Tuấn", "Trưởng Ban", "Ban Xây dựng Đảng Đảng ủy xã Phong Hải", "Phong Hải"),
        ("Bùi Quang Hưng", "Bí thư", "Đảng ủy xã Phong Hải", "Phong Hải")}
    assert {u.code for u in run(text).units if u.name == "Phong Hải"} == {"2025/02902"}  # Lào Cai's, not Huế's


def test_a_ministers_post_does_not_end_the_chain() -> None:
    text = ("Đồng chí Bùi Quang Vinh, nguyên Bộ trưởng Bộ Kế hoạch và Đầu tư, nguyên Bí thư Tỉnh ủy Lào Cai dự.")
    assert holdings(text) == {("Bùi Quang Vinh", "Bộ trưởng", "Bộ Kế hoạch và Đầu tư Việt Nam", "Việt Nam"),
                              ("Bùi Quang Vinh", "Bí thư", "Tỉnh ủy Lào Cai", "Lào Cai")}


def test_a_bare_party_committee_alone_is_the_commune_the_text_is_on() -> None:
    text = ("Về phía lãnh đạo xã Phong Hải, tỉnh Lào Cai: Đồng chí Phạm Văn Viên – Phó Bí thư Thường trực Đảng ủy.")
    assert holdings(text) == {("Phạm Văn Viên", "Phó Bí thư Thường trực", "Đảng ủy xã Phong Hải", "Phong Hải")}
    assert holdings("Tỉnh Lào Cai. Ông Phạm Văn Viên, Bí thư Đảng ủy phát biểu.") == set()  # no commune named


def test_an_ambiguous_commune_alone_places_no_district() -> None:
    text = ("Huyện ủy tổ chức hội nghị tại xã Trường Xuân. Đồng chí Đoàn Văn Sự - Phó Bí thư Thường trực Huyện ủy chủ "
            "trì hội nghị.")
    assert holdings(text) == set()


@pytest.mark.parametrize("text", ["Tân Chủ tịch UBND huyện Nghi Lộc là ông Lê Văn Tùng.",
                                  "Chủ tịch UBND huyện Nghi Lộc - ông Lê Văn Tùng cho biết."])
def test_a_title_then_a_dash_or_la_and_the_named_person(text: str) -> None:
    assert holdings(text) == {("Lê Văn Tùng", "Chủ tịch", "UBND huyện Nghi Lộc", "Nghi Lộc")}


@pytest.mark.parametrize("verb", ["trúng cử chức danh", "đắc cử", "được hiệp thương cử làm"])
def test_more_verbs_of_election(verb: str) -> None:
    assert statuses(f"Ông Lê Văn Tùng {verb} Chủ tịch UBND xã Nghi Phong, huyện Nghi Lộc.") == {
        ("Lê Văn Tùng", "Chủ tịch"): "new"}
