"""kg.gazetteer: official units by name, type, level and enclosing unit; the 2025 successors."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.gazetteer as gazetteer_module
from kg.errors import ResourceError
from kg.gazetteer import VIETNAM, gazetteer
from kg.model import Unit


@pytest.fixture(scope="module")
def gaz() -> gazetteer_module.Gazetteer:
    return gazetteer()


def codes(units: list[Unit]) -> list[str]:
    return [u.code for u in units]


def test_a_district_by_name(gaz) -> None:
    [hong_bang] = gaz.lookup("Hồng Bàng")
    assert (hong_bang.name, hong_bang.type, hong_bang.level) == ("Hồng Bàng", "quận", "district")
    assert hong_bang.label == "quận Hồng Bàng"
    assert gaz.province_of(hong_bang).name == "Hải Phòng"  # type: ignore[union-attr]


def test_lookup_folds_case_and_tone_placement(gaz) -> None:
    assert codes(gaz.lookup("hồng bàng")) == codes(gaz.lookup("Hồng Bàng"))
    assert gaz.lookup("Thanh Hoá", "tỉnh") == gaz.lookup("Thanh Hóa", "tỉnh") != []


def test_type_word_narrows(gaz) -> None:
    assert {u.type for u in gaz.lookup("Ba Đình")} >= {"quận", "phường", "xã"}
    assert [(u.name, u.type) for u in gaz.lookup("Ba Đình", "quận")] == [("Ba Đình", "quận")]
    assert gaz.lookup("Ba Đình", "huyện") == []


def test_provinces_come_first_then_districts_then_communes(gaz) -> None:
    order = {"province": 0, "district": 1, "commune": 2}
    for name in ("Ba Đình", "Hải Phòng", "Long An"):
        found = gaz.lookup(name)
        assert [order[u.level] for u in found] == sorted(order[u.level] for u in found)


def test_levels_narrow(gaz) -> None:
    assert {u.level for u in gaz.lookup("Ba Đình", levels=("commune",))} == {"commune"}


def test_enclosing_unit_prefers_units_inside_it(gaz) -> None:
    [thanh_hoa] = gaz.lookup("Thanh Hóa", "tỉnh")
    inside = gaz.lookup("Ba Đình", within=thanh_hoa)
    assert inside and all(gaz.contains(thanh_hoa, u) for u in inside)
    [hanoi] = gaz.lookup("Hà Nội", levels=("province",))
    assert codes(gaz.lookup("Ba Đình", within=hanoi)) == ["001"]


def test_enclosing_unit_never_empties_the_answer(gaz) -> None:
    [hai_phong] = gaz.lookup("Hải Phòng", levels=("province",))
    assert codes(gaz.lookup("Nam Từ Liêm", within=hai_phong)) == codes(gaz.lookup("Nam Từ Liêm"))


def test_numbered_districts(gaz) -> None:
    [q1] = gaz.lookup("1", "quận")
    assert q1.label == "quận 1" and gaz.province_of(q1).name == "Hồ Chí Minh"  # type: ignore[union-attr]


def test_city_type_word_finds_both_levels(gaz) -> None:
    assert gaz.lookup("Hải Phòng", "thành phố")[0].level == "province"
    assert gaz.lookup("Thủ Đức", "thành phố")[0].level == "district"


def test_misspelt_name_within_a_province_or_unique_for_its_type(gaz) -> None:
    [dak_nong] = gaz.lookup("Đắk Nông", "tỉnh")
    [found] = gaz.lookup("Đăk Song", "huyện", within=dak_nong)
    assert found.type == "huyện" and gaz.contains(dak_nong, found)
    assert gaz.lookup("Đăk Song", "huyện") == [found]  # the one huyện so spelt, diacritics aside
    assert gaz.lookup("Đăk Sông") == []  # no type word: too loose
    [mu_cang_chai] = gaz.lookup("Mù Cang Chải", "huyện")
    assert mu_cang_chai.name == "Mù Căng Chải"
    assert gaz.lookup("Tân Phu", "xã") == []  # several communes are Tân Phú
    assert gaz.lookup("Gia Thụy", "xã") == []  # phường Gia Thụy has the exact name: not xã Gia Thủy


def test_contains_parent_and_province(gaz) -> None:
    [hanoi] = gaz.lookup("Hà Nội", levels=("province",))
    [ba_dinh] = gaz.lookup("Ba Đình", "quận")
    [commune] = [u for u in gaz.lookup("Phúc Xá") if u.parent == ba_dinh.code]
    assert gaz.parent_of(commune) == ba_dinh and gaz.parent_of(ba_dinh) == hanoi
    assert gaz.province_of(commune) == hanoi and gaz.province_of(hanoi) == hanoi
    assert gaz.contains(hanoi, commune) and gaz.contains(ba_dinh, commune) and gaz.contains(commune, commune)
    assert not gaz.contains(commune, ba_dinh)
    assert gaz.parent_of(hanoi) is None


def test_the_country(gaz) -> None:
    assert gaz.get("VN") == VIETNAM and VIETNAM.label == "Việt Nam"
    assert gaz.province_of(VIETNAM) is None
    assert gaz.is_official(VIETNAM)


def test_get_and_has_name(gaz) -> None:
    assert gaz.get("303").name == "Hồng Bàng"  # type: ignore[union-attr]
    assert gaz.get("99999") is None
    assert gaz.has_name("hồng bàng") and not gaz.has_name("Hồng Bàng Mới")


def test_unofficial_unit_hangs_under_its_parent(gaz) -> None:
    [district] = gaz.lookup("Hồng Bàng", "quận")
    unit = gaz.unofficial("Quỳnh Bá Mới", "phường", "commune", district)
    assert unit.code == "303.quynh-ba-moi" and unit.parent == "303" and unit.province == "31"
    assert not gaz.is_official(unit) and gaz.is_official(district)
    assert gaz.parent_of(unit) == district and gaz.contains(district, unit)


def test_2025_successors(gaz) -> None:
    [ba_dinh] = gaz.lookup("Ba Đình", "quận")
    [commune] = [u for u in gaz.lookup("Phúc Xá") if u.parent == ba_dinh.code]
    new = gaz.new_units[gaz.to_2025[commune.code]]
    assert new.level == "commune" and gaz.new_units[new.parent].name == "Hà Nội"


def test_bad_gazetteer_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "units.tsv").write_text("id\tname\n01\tHà Nội\n", encoding="utf-8")
    monkeypatch.setattr(gazetteer_module, "resource", lambda *parts: tmp_path / parts[-1])
    with pytest.raises(ResourceError, match="units.tsv is not a gazetteer file"):
        gazetteer_module._load("units.tsv")


def test_a_commune_of_the_2025_structure_when_no_older_unit_has_the_name(gaz) -> None:
    (unit,) = gaz.lookup("Hòa Vang", "xã")
    assert (unit.level, unit.code.startswith("2025/"), gaz.gso_code(unit)) == ("commune", True, unit.code[5:])
    danang = gaz.lookup("Đà Nẵng", "thành phố")[0]
    assert not danang.code.startswith("2025/")
    assert gaz.contains(danang, unit)  # the 2025 city of the same name
    assert gaz.lookup("Hòa Vang", "huyện")[0].code == "497"  # the older district still wins for its type


def test_a_district_dissolved_in_the_2023_25_mergers(gaz) -> None:
    [yen_dung] = gaz.lookup("Yên Dũng", "huyện")
    assert (yen_dung.code, yen_dung.level, gaz.province_of(yen_dung).name) == ("221", "district", "Bắc Giang")  # type: ignore[union-attr]
    assert gaz.is_official(yen_dung) and gaz.gso_code(yen_dung) == "221"
    [bac_giang] = gaz.lookup("Bắc Giang", "tỉnh")
    assert codes(gaz.lookup("Lão Hộ", within=bac_giang)) == ["07684"]  # one of its communes


def test_a_renamed_province_under_its_former_name(gaz) -> None:
    [tth] = gaz.lookup("Thừa Thiên Huế", "tỉnh")
    assert (tth.code, tth.level, gaz.gso_code(tth), gaz.current_code(tth.code)) == ("former/46", "province", "46", "46")
    [phu_vang] = gaz.lookup("Phú Vang", "huyện")
    assert gaz.contains(tth, phu_vang)  # a district it held, which Huế holds now
    # thành phố Huế in tỉnh Thừa Thiên Huế: the city inside it, not the province renamed Huế
    assert codes(gaz.lookup("Huế", "thành phố", within=tth)) == ["former/474"]
    assert codes(gaz.lookup("Huế", "thành phố"))[0] == "46"
    assert gaz.contains(gaz.get("46"), gaz.get("former/474"))  # and Huế holds what Thừa Thiên Huế held
    assert gaz.current_code("303") == "303"


def test_a_commune_under_the_district_it_had_before_a_merger(gaz) -> None:
    [hoanh_bo] = gaz.lookup("Hoành Bồ", "huyện")  # dissolved in 2020 into thành phố Hạ Long
    [dong_lam] = gaz.lookup("Đồng Lâm", "xã", within=hoanh_bo)
    assert dong_lam.code == "07042" and gaz.contains(hoanh_bo, dong_lam)
    assert gaz.parent_of(dong_lam).name == "Hạ Long"  # type: ignore[union-attr]


def test_a_district_code_now_held_by_another_name(gaz) -> None:
    assert codes(gaz.lookup("2", "quận")) == ["former/769"]  # quận 2; 769 is thành phố Thủ Đức now
    assert codes(gaz.lookup("Thủ Đức", "quận")) == ["762"] and codes(gaz.lookup("Thủ Đức", "thành phố")) == ["769"]


def test_a_unit_formed_in_2025_inside_the_unit_given(gaz) -> None:
    lao_cai = gaz.lookup("Lào Cai", "tỉnh")[0]
    assert [u.code for u in gaz.lookup("Phong Hải", "xã")] == ["19840"]  # of Huế, gone in 2025
    assert [u.code for u in gaz.lookup("Phong Hải", "xã", within=lao_cai)] == ["2025/02902"]
