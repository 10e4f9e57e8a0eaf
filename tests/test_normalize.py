"""kg.normalize: NFC, one tone placement, whitespace and page furniture, with a map to the original."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.normalize import normalize


def check_map(original: str) -> None:
    n = normalize(original)
    assert len(n.offsets) == len(n.text) + 1 and n.offsets[-1] == len(original)
    assert list(n.offsets) == sorted(n.offsets)
    assert all(0 <= o <= len(original) for o in n.offsets)


@pytest.mark.parametrize(
    "original,text",
    [
        ("Quận uỷ Hồng Bàng", "Quận ủy Hồng Bàng"),
        ("Hội nghị khoá III, nhiệm kỳ 2020 - 2025", "Hội nghị khóa III, nhiệm kỳ 2020 - 2025"),
        ("Ban Chấp hành\u00a0Đảng bộ", "Ban Chấp hành Đảng bộ"),
        ("Bí  thư\tQuận ủy", "Bí thư Quận ủy"),
        ("dòng một\r\ndòng hai", "dòng một\ndòng hai"),
        ("a\n\n\n\nb", "a\n\nb"),
        ("  thụt đầu dòng  \nhết", "thụt đầu dòng\nhết"),
        ("Bí\u200b thư\ufeff", "Bí thư"),
        ("Tỉnh ủyĐồng Nai", "Tỉnh ủy Đồng Nai"),
        ("leftcenterrightdel Ảnh: Đại hội", "Ảnh: Đại hội"),
        ("Chủ tịch UBND tỉnh Bắc NinhVương Quốc Tuấnyêu cầu", "Chủ tịch UBND tỉnh Bắc Ninh Vương Quốc Tuấn yêu cầu"),
        ("Ông Lê Quang Tiếnphát biểu", "Ông Lê Quang Tiến phát biểu"),
        ("Hội Nông dân Việt Namtổ chức", "Hội Nông dân Việt Namtổ chức"),  # no surname: not a person's name
        ("bà H Yim Êban phát biểu", "bà H Yim Êban phát biểu"),
    ],
)
def test_normalized_text(original: str, text: str) -> None:
    assert normalize(original).text == text
    check_map(original)


def test_nfc() -> None:
    original = unicodedata.normalize("NFD", "Trần Quang Tuấn")
    n = normalize(original)
    assert n.text == "Trần Quang Tuấn" and unicodedata.is_normalized("NFC", n.text)
    start, end = n.original(0, 4)
    assert unicodedata.normalize("NFC", original[start:end]) == "Trần"


def test_span_ending_in_a_decomposed_character_keeps_its_tone_mark() -> None:
    original = unicodedata.normalize("NFD", "ông Hoà")
    n = normalize(original)
    start, end = n.original(4, 7)
    assert unicodedata.normalize("NFC", original[start:end]) == "Hoà"


@pytest.mark.parametrize(
    "line",
    [
        "Lượt xem: 157",
        "Phiên bản di động",
        "BẢN ĐỒ SỐ",
        "Tiếp tục cập nhật.",
        "In bài viết",
        "Chia sẻ bài viết:",
        "Tin liên quan",
        "(Tổng hợp)",
    ],
)
def test_furniture_lines_are_removed(line: str) -> None:
    n = normalize(f"Đại hội bầu 41 đồng chí.\n{line}\nHết.")
    assert line.lower() not in n.text.lower()
    assert n.text.startswith("Đại hội bầu 41 đồng chí.\n") and n.text.endswith("Hết.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Tổng hợp ý kiến các đại biểu, Đại hội bầu đồng chí Trần Văn An làm Bí thư.",
        "Bình luận về kết quả Đại hội, đồng chí Bí thư Quận ủy nhấn mạnh yêu cầu mới.",
        "Quay lại với nội dung nhân sự, Đại hội bầu 41 đồng chí vào Ban Chấp hành.",
    ],
)
def test_body_sentences_that_start_like_furniture_are_kept(sentence: str) -> None:
    """Furniture patterns match whole lines, not every line that starts with the same words."""
    assert normalize(f"Mở đầu.\n{sentence}\nHết.").text == f"Mở đầu.\n{sentence}\nHết."


def test_map_points_back_to_the_original_words() -> None:
    original = "Lượt xem: 157\n\nĐồng chí  Trần Quang Tuấn,\u00a0Bí thư Quận uỷ."
    n = normalize(original)
    at = n.text.index("Trần Quang Tuấn")
    start, end = n.original(at, at + len("Trần Quang Tuấn"))
    assert original[start:end] == "Trần Quang Tuấn"
    at = n.text.index("Quận ủy")
    start, end = n.original(at, at + len("Quận ủy"))
    assert original[start:end] == "Quận uỷ"


def test_same_length_changes_keep_the_identity_map() -> None:
    original = "Hội nghị khoá III của Quận uỷ"
    assert normalize(original).offsets == tuple(range(len(original) + 1))


def test_empty_text() -> None:
    n = normalize("")
    assert (n.text, n.offsets) == ("", (0,))


def test_normalize_is_idempotent_on_its_output() -> None:
    once = normalize("Lượt xem: 3\nQuận uỷ  Hồng Bàng\u00a0tổ chức\r\n\n\n\nHội nghị").text
    assert normalize(once).text == once


@given(
    st.text(
        alphabet=st.sampled_from(list("aoàuỷyhQ \n\t\r\u00a0\u200b\u0301\u0300Đủ.LXượtem:1")), max_size=60
    )
)
def test_offset_map_is_monotonic_and_complete(original: str) -> None:
    check_map(original)
