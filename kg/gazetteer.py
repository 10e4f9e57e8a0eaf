"""The official gazetteer of administrative units (GSO codes), pre- and post-July-2025."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .errors import ResourceError
from .model import Unit
from .resources import resource
from .text import ascii_slug, fold

NEW = "2025/"  # code prefix of the units of the structure in force from 1 July 2025
VIETNAM = Unit(code="VN", name="Việt Nam", type="", level="country")

# Which levels a type word can name; "thành phố" is a province-level city or a district-level one.
TYPE_LEVELS = {
    "tỉnh": ("province",),
    "thành phố": ("province", "district"),
    "quận": ("district",),
    "huyện": ("district",),
    "thị xã": ("district",),
    "phường": ("commune",),
    "xã": ("commune",),
    "thị trấn": ("commune",),
}


def _load(name: str) -> list[Unit]:
    path = resource("data", "gazetteer", name)
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t")[:3] != ["code", "name", "type"]:
        raise ResourceError(f"{path} is not a gazetteer file: rerun scripts/make_gazetteer.py")
    return [Unit(*line.split("\t")) for line in lines[1:] if line]


@dataclass
class Gazetteer:
    units: dict[str, Unit]
    by_name: dict[str, list[Unit]]
    by_ascii: dict[str, list[Unit]]
    new_units: dict[str, Unit]
    to_2025: dict[str, str]
    province_heads: frozenset[str] = frozenset()
    by_name_2025: dict[str, list[Unit]] = field(default_factory=dict)

    def get(self, code: str) -> Unit | None:
        return VIETNAM if code == VIETNAM.code else self.units.get(code)

    def province_of(self, unit: Unit) -> Unit | None:
        return self.units.get(unit.province) if unit.level != "country" else None

    def parent_of(self, unit: Unit) -> Unit | None:
        return self.units.get(unit.parent) if unit.parent else None

    def lookup(self, name: str, type_word: str | None = None, within: Unit | None = None,
               levels: tuple[str, ...] | None = None) -> list[Unit]:
        """Units called `name`, narrowed by type word, level and an enclosing unit; best first."""
        found = self._narrow(self.by_name.get(fold(name), []), type_word, levels)
        if not found:  # a unit of the structure in force from July 2025 ("xã Hòa Vang", Đà Nẵng)
            found = self._narrow(self.by_name_2025.get(fold(name), []), type_word, levels)
        if within is not None and within.level != "country":
            inside = [u for u in found if self.contains(within, u)]
            if not inside:
                # A misspelt name ("Đăk Song" for Đắk Song) is accepted only when, without its
                # diacritics, it names exactly one unit inside the province the text is about, even
                # if the misspelling is the exact name of a unit elsewhere (xã Đăk Song, Gia Lai).
                loose = [u for u in self._narrow(self.by_ascii.get(ascii_slug(name), []), type_word, levels)
                         if self.contains(within, u)]
                inside = loose if len(loose) == 1 else []
            found = inside or found
        order = {"province": 0, "district": 1, "commune": 2}
        return sorted(found, key=lambda u: (order.get(u.level, 3), u.code))

    @staticmethod
    def _narrow(units: list[Unit], type_word: str | None, levels: tuple[str, ...] | None) -> list[Unit]:
        return [u for u in units
                if (not type_word or u.type == type_word) and (not levels or u.level in levels)]

    def contains(self, outer: Unit, inner: Unit) -> bool:
        unit: Unit | None = inner
        while unit is not None:
            if unit.code == outer.code:
                return True
            if unit.level == outer.level == "province" and fold(unit.name) == fold(outer.name):
                return True  # a 2025 province inside which the text names the province of the same name
            unit = self.parent_of(unit)
        return False

    def is_official(self, unit: Unit) -> bool:
        return unit.code in self.units or unit.code == VIETNAM.code

    @staticmethod
    def gso_code(unit: Unit) -> str:
        """The GSO code itself: units of the 2025 structure carry theirs as '2025/CODE'."""
        return unit.code.rsplit("/", 1)[-1]

    def unofficial(self, name: str, type_word: str, level: str, parent: Unit) -> Unit:
        """A unit the text names but the gazetteer lacks (merged or renamed since): kept under the
        unit that contains it, with a code derived from its parent's."""
        province = parent.code if parent.level == "province" else parent.province
        return Unit(f"{parent.code}.{ascii_slug(name)}", name, type_word, level, parent.code, province)

    def starts_province(self, key: str) -> bool:
        """Whether a folded word opens some province's name (a cheap test before a lookup)."""
        return key in self.province_heads

    def has_name(self, name: str) -> bool:
        return fold(name) in self.by_name


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    units = _load("units.tsv")
    by_name: dict[str, list[Unit]] = defaultdict(list)
    by_ascii: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        by_name[fold(unit.name)].append(unit)
        by_ascii[ascii_slug(unit.name)].append(unit)
    mapping = {}
    for line in resource("data", "gazetteer", "map_2025.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        old, new = line.split("\t")
        mapping[old] = new
    # Units of the July-2025 structure are looked up only when no earlier unit has the name; their
    # codes are prefixed so that they never collide with the older codes they reuse.
    new_units = _load("units_2025.tsv")
    current = [Unit(f"{NEW}{u.code}", u.name, u.type, u.level, f"{NEW}{u.parent}" if u.parent else "",
                    f"{NEW}{u.province}") for u in new_units]
    by_name_2025: dict[str, list[Unit]] = defaultdict(list)
    for unit in current:
        by_name_2025[fold(unit.name)].append(unit)
    return Gazetteer(
        units={u.code: u for u in units + current},
        by_name=dict(by_name),
        by_ascii=dict(by_ascii),
        new_units={u.code: u for u in new_units},
        by_name_2025=dict(by_name_2025),
        to_2025=mapping,
        province_heads=frozenset(fold(u.name).split()[0] for u in units if u.level == "province"),
    )
