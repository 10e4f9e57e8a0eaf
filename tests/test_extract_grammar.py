"""The small parsers: Roman numerals, ordinals, terms, unit references, day-month dates."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract.context import Context
from kg.extract.grammar import Grammar, parse_day_month, roman, to_roman
from kg.text import tokenize


def grammar(text: str) -> Grammar:
    ctx = Context()
    ctx.finish()
    return Grammar(tokenize(text), ctx)


@pytest.mark.parametrize("text, value", [("XXIII", 23), ("XIV", 14), ("IX", 9), ("MMXXV", 2025), ("I", 1)])
def test_roman(text: str, value: int) -> None:
    assert roman(text) == value
    assert to_roman(value) == text


@pytest.mark.parametrize("text", ["", "IIII", "VX", "Xa", "ABC"])
def test_not_roman(text: str) -> None:
    assert roman(text) is None


@pytest.mark.parametrize("text, value", [("lần thứ 14", 14), ("lần thứ XXIII", 23), ("thứ nhất", 1),
                                         ("thứ Mười bảy", 17), ("XIII", 13), ("lần 3", 3)])
def test_ordinal(text: str, value: int) -> None:
    assert grammar(text).ordinal(0) == (value, len(tokenize(text)))


@pytest.mark.parametrize("text, label", [("nhiệm kỳ 2020 - 2025", "2020-2025"), ("(Nhiệm kỳ 2020-2025)", "2020-2025"),
                                         ("nhiệm kỳ 2015–2020", "2015-2020")])
def test_term(text: str, label: str) -> None:
    found = grammar(text).term(0)
    assert found is not None and found[0].label == label


def test_term_must_not_end_before_it_starts() -> None:
    assert grammar("nhiệm kỳ 2025 - 2020").term(0) is None


@pytest.mark.parametrize("text, name, type_word", [
    ("quận Hồng Bàng", "Hồng Bàng", "quận"), ("TP.HCM", "Hồ Chí Minh", "thành phố"),
    ("quận 1", "1", "quận"), ("huyện Tây Sơn (Bình Định)", "Tây Sơn", "huyện"),
    ("tỉnh Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu", "tỉnh"), ("NTL", "Nam Từ Liêm", "quận"),
])
def test_unit_ref(text: str, name: str, type_word: str) -> None:
    g = grammar(text)
    found = g.unit_ref(0)
    assert found is not None
    unit, end, explicit = found
    assert (unit.name, unit.type, end, explicit) == (name, type_word, len(g.t), True)


@pytest.mark.parametrize("text, published, start, end", [
    ("Sáng 15/5, Ban Thường vụ họp", date(2025, 5, 17), date(2025, 5, 15), None),
    ("Trong hai ngày 28, 29/2, Đại hội", date(2020, 2, 29), date(2020, 2, 28), date(2020, 2, 29)),
    ("Ngày 5-6, Quận ủy tổ chức", date(2024, 6, 5), date(2024, 6, 5), None),
    ("Chiều 21.4, Ban Thường vụ", date(2025, 4, 22), date(2025, 4, 21), None),
    ("Ngày 2/7/2021, HĐND tỉnh", None, date(2021, 7, 2), None),
    ("Sáng 15/5, họp", None, None, None),
    ("Ngày 20 tháng 6 năm 2021, Đảng bộ xã", None, date(2021, 6, 20), None),
    ("Trong hai ngày 14 và 15 tháng 10, Đại hội", date(2025, 10, 16), date(2025, 10, 14), date(2025, 10, 15)),
])
def test_day_month(text: str, published: date | None, start: date | None, end: date | None) -> None:
    assert parse_day_month(text, published) == (start, end)
