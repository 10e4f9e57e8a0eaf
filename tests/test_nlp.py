"""kg.nlp: sentences of the normalized text, with offsets the extractors can map back."""

from __future__ import annotations

from itertools import pairwise

from kg.nlp import sentences
from kg.normalize import normalize


def split(text: str) -> list[str]:
    norm = normalize(text)
    found = sentences(norm)
    assert all(norm.text[s.start : s.end] == s.text for s in found)
    assert all(a.end <= b.start for a, b in pairwise(found))
    return [s.text for s in found]


def test_sentences_of_a_paragraph() -> None:
    text = (
        "Đại hội bầu 41 đồng chí vào Ban Chấp hành Đảng bộ quận khóa XXIII, nhiệm kỳ 2020 - 2025. "
        "Đồng chí Trần Quang Tuấn tiếp tục được bầu là Bí thư Quận ủy Hồng Bàng."
    )
    assert split(text) == [
        "Đại hội bầu 41 đồng chí vào Ban Chấp hành Đảng bộ quận khóa XXIII, nhiệm kỳ 2020 - 2025.",
        "Đồng chí Trần Quang Tuấn tiếp tục được bầu là Bí thư Quận ủy Hồng Bàng.",
    ]


def test_a_line_break_ends_a_sentence() -> None:
    """Headlines and captions have no final full stop but stand on lines of their own."""
    text = "Hội nghị lần thứ 14 Ban Chấp hành Đảng bộ quận khóa III\nNgày 23/6, Quận ủy tổ chức Hội nghị."
    assert split(text) == [
        "Hội nghị lần thứ 14 Ban Chấp hành Đảng bộ quận khóa III",
        "Ngày 23/6, Quận ủy tổ chức Hội nghị.",
    ]


def test_blank_lines_and_empty_text_give_no_sentences() -> None:
    assert split("") == []
    assert split("\n\n \n") == []
    assert split("Một.\n\n\nHai.") == ["Một.", "Hai."]


def test_offsets_are_into_the_normalized_text() -> None:
    text = "Lượt xem: 157\n\nQuận uỷ  Hồng Bàng họp. Đồng chí Bí thư phát biểu."
    norm = normalize(text)
    found = sentences(norm)
    assert [s.text for s in found] == ["Quận ủy Hồng Bàng họp.", "Đồng chí Bí thư phát biểu."]
    start, end = norm.original(found[0].start, found[0].end)
    assert text[start:end] == "Quận uỷ  Hồng Bàng họp."


def test_abbreviations_do_not_end_sentences_early() -> None:
    text = "Đồng chí Nguyễn Văn A, Chủ tịch UBND TP. Hồ Chí Minh dự Hội nghị."
    assert split(text) == [text]
