"""Resolutions, directives, projects and the counts an article reports."""
from __future__ import annotations

from datetime import date

from extract_helpers import run


def test_numbered_documents_with_issuer_and_date() -> None:
    ext = run("Báo cáo về Đề án 216 ngày 26/7/2018 của UBND quận Nam Từ Liêm; thực hiện Chỉ thị số 13, "
              "Chỉ thị số 14 của Thành ủy.")
    found = {(d.kind, d.number, d.issuer.label if d.issuer else None, d.issued) for d in ext.documents}
    assert ("project", "216", "UBND quận Nam Từ Liêm", date(2018, 7, 26)) in found
    assert ("directive", "14", "Thành ủy Hà Nội", None) in found
    assert ("directive", "13", None, None) in found


def test_codes_and_the_meeting_that_adopted_a_resolution() -> None:
    ext = run("Hội nghị Tỉnh ủy Bắc Ninh lần thứ 18 thông qua Nghị quyết số 12-NQ/TU của Ban Chấp hành Đảng bộ "
              "tỉnh; thực hiện Nghị quyết Đại hội XXIII Đảng bộ quận Hồng Bàng.")
    by_number = {d.number: d for d in ext.documents}
    assert by_number["12-NQ/TU"].issuer.label == "Tỉnh ủy Bắc Ninh"
    (congress,) = [d for d in ext.documents if d.meeting is not None]
    assert (congress.meeting.kind, congress.meeting.ordinal) == ("congress", 23)


def test_counts() -> None:
    ext = run("Đại hội bầu 41 đồng chí vào Ban Chấp hành Đảng bộ quận; bầu Đoàn đại biểu gồm 17 đại biểu "
              "chính thức và 2 đại biểu dự khuyết. Với 213/213 phiếu, đồng chí A được bầu. Đảng bộ có "
              "20 chi bộ trực thuộc với tổng số 1.228 đảng viên.")
    found = {(c.what, c.value, c.total) for c in ext.counts}
    assert {("elected_executive", 41, None), ("delegates_official", 17, None), ("delegates_alternate", 2, None),
            ("votes", 213, 213), ("party_cells", 20, None), ("party_members", 1228, None)} <= found


def test_counts_belong_to_the_meeting_the_article_reports() -> None:
    ext = run("Ban Chấp hành Đảng bộ cơ quan UBND quận Ba Đình tổ chức Đại hội Đảng bộ cơ quan UBND quận lần thứ III. "
              "Đại hội bầu 9 đồng chí vào Ban Chấp hành. Với 213/213 phiếu, đồng chí Tạ Nam Chiến được bầu.")
    assert {(c.what, c.meeting.ordinal if c.meeting else None) for c in ext.counts} == {
        ("elected_executive", 3), ("votes", 3)}
