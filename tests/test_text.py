"""kg.text: folding keys, slugs and tokens shared by every stage."""

from __future__ import annotations

import unicodedata
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.text import Token, ascii_slug, fold, tokenize


@pytest.mark.parametrize(
    "text,key",
    [
        ("Quận uỷ Hồng Bàng", "quận ủy hồng bàng"),
        ("Quận ủy Hồng Bàng", "quận ủy hồng bàng"),
        ("hoà bình", "hòa bình"),
        ("sức khoẻ", "sức khỏe"),
        ("Khoá XIII", "khóa xiii"),
        ("Thuỷ", "thủy"),
        ("UỶ BAN", "ủy ban"),
        ("tuỳ", "tùy"),
        ("toạ đàm", "tọa đàm"),
        ("  Bí   thư\nQuận ủy ", "bí thư quận ủy"),
    ],
)
def test_fold_unifies_tone_placement_case_and_spaces(text: str, key: str) -> None:
    assert fold(text) == key


@pytest.mark.parametrize(
    "word", ["quý", "Quý", "QUỶ", "quỳnh", "của", "mùa", "hoàn", "khuya", "thuở", "Nguyễn"]
)
def test_fold_leaves_other_rhymes_alone(word: str) -> None:
    assert fold(word) == word.lower()


def test_fold_composes_decomposed_text() -> None:
    assert fold(unicodedata.normalize("NFD", "Trần Quang Tuấn")) == "trần quang tuấn"


@given(st.text(alphabet="aàáảãạoòóỏõọuùúủũụyỳýỷỹỵeèéẻẽẹhkqtQUOAY ", max_size=20))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(
    "text,slug",
    [
        ("Trần Quang Tuấn", "tran-quang-tuan"),
        ("Đảng ủy cơ quan UBND", "dang-uy-co-quan-ubnd"),
        ("Quận 1", "quan-1"),
        ("Ban Kinh tế - Ngân sách", "ban-kinh-te-ngan-sach"),
        ("Đắk R'Lấp", "dak-r-lap"),
        ("!!", "x"),
    ],
)
def test_ascii_slug(text: str, slug: str) -> None:
    assert ascii_slug(text) == slug


def test_tokenize_gives_offsets_into_the_text() -> None:
    text = "Ngày 23/6/2022, TP.HCM có 1.234 đảng viên"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == [
        "Ngày",
        "23",
        "/",
        "6",
        "/",
        "2022",
        ",",
        "TP.",
        "HCM",
        "có",
        "1.234",
        "đảng",
        "viên",
    ]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_tokenize_shifts_offsets() -> None:
    [token] = tokenize("Tuấn", offset=100)
    assert (token.start, token.end, token.key) == (100, 104, "tuấn")


def test_tokenize_keys_are_folded() -> None:
    assert [t.key for t in tokenize("Quận uỷ")] == ["quận", "ủy"]


def test_tokenize_keeps_apostrophe_names_whole() -> None:
    assert [t.text for t in tokenize("huyện Đắk R'Lấp")] == ["huyện", "Đắk", "R'Lấp"]


def test_tokenize_glues_a_name_prefix_to_the_word_after_its_space() -> None:
    assert [t.text for t in tokenize("bà H' Zin Niê và H’ Yến")] == ["bà", "H' Zin", "Niê", "và", "H’ Yến"]
    assert Token("H' Zin", 0, 6, "h'zin").is_title
    assert fold("H' Zin Niê") == fold("H’Zin Niê") == fold("H'Zin Niê")  # one person however spaced
    assert [t.text for t in tokenize("chữ 'K' và 'H' là")] == ["chữ", "'", "K", "'", "và", "'", "H", "'", "là"]


@given(st.text(max_size=60))
def test_tokens_are_slices_in_order(text: str) -> None:
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert all(a.end <= b.start for a, b in pairwise(tokens))
    assert "".join(text.split()) == "".join("".join(t.text.split()) for t in tokens)  # "H' Zin" is one


@pytest.mark.parametrize(
    "text,word,title,number",
    [
        ("Tuấn", True, True, False),
        ("UBND", True, False, False),
        ("tuấn", True, False, False),
        ("Đ", True, True, False),
        ("2020", True, False, True),
        (",", False, False, False),
        ("K'Ré", True, True, False),
        ("H'Yim", True, True, False),
        ("K'RÉ", True, False, False),
    ],
)
def test_token_kinds(text: str, word: bool, title: bool, number: bool) -> None:
    t = Token(text, 0, len(text), fold(text))
    assert (t.is_word, t.is_title, t.is_number) == (word, title, number)
