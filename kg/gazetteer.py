"""The official gazetteer of administrative units (GSO codes): the structure before July 2025, the
units it no longer has (dissolved or renamed in 2019-25), and the structure from July 2025."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .errors import ResourceError
from .model import Unit
from .resources import resource
from .text import ascii_slug, fold

NEW = "2025/"  # code prefix of the units of the structure in force from 1 July 2025
FORMER = "former/"  # code prefix of a unit under an earlier name, when its code now has another one
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
    "đặc khu": ("commune",),  # an island district made a commune-level special zone in 2025
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
    renamed: dict[str, str] = field(default_factory=dict)  # former/46 (tỉnh Thừa Thiên Huế) -> 46 (Huế)
    former: frozenset[str] = frozenset()  # codes of the units gone (dissolved or renamed) by July 2025
    former_parents: dict[str, tuple[str, ...]] = field(default_factory=dict)  # units moved by a merger

    def __post_init__(self) -> None:
        self._former_name = {new: old for old, new in self.renamed.items()}  # 46 (Huế) -> former/46

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
        same_level = TYPE_LEVELS.get(type_word or "", ())
        if not found and within is None and type_word and \
                not any(u.level in same_level for u in self.by_name.get(fold(name), [])):
            # "huyện Mù Cang Chải" for Mù Căng Chải: a spelling that, without its diacritics, names
            # one unit of its type in the whole country; not when a unit of that level has the exact
            # name: "xã Gia Thụy" is phường Gia Thụy (its type has changed), not xã Gia Thủy
            loose = self._narrow(self.by_ascii.get(ascii_slug(name), []), type_word, levels)
            found = loose if len(loose) == 1 else []
        if within is not None and within.level != "country":
            # thành phố Huế in tỉnh Thừa Thiên Huế is the city inside it, not the province renamed Huế
            inside = [u for u in found if self.contains(within, u) and u.code != self.renamed.get(within.code)]
            if not inside:  # "xã Phong Hải, tỉnh Lào Cai": a unit formed in 2025 that an older one is named like
                inside = [u for u in self._narrow(self.by_name_2025.get(fold(name), []), type_word, levels)
                          if self.contains(within, u)]
            if not inside:
                # Inside the province the text is about, a misspelt name ("Đăk Song" for Đắk Song)
                # is the one unit there it names without its diacritics, even if the misspelling is
                # the exact name of a unit elsewhere (xã Đăk Song, Gia Lai).
                loose = [u for u in self._narrow(self.by_ascii.get(ascii_slug(name), []), type_word, levels)
                         if self.contains(within, u)]
                inside = loose if len(loose) == 1 else []
            found = inside or found
        order = {"province": 0, "district": 1, "commune": 2}
        # at one level, a unit of the pre-July-2025 structure before one gone by then
        return sorted(found, key=lambda u: (order.get(u.level, 3), u.code in self.former, u.code))

    @staticmethod
    def _narrow(units: list[Unit], type_word: str | None, levels: tuple[str, ...] | None) -> list[Unit]:
        return [u for u in units
                if (not type_word or u.type == type_word) and (not levels or u.level in levels)]

    def contains(self, outer: Unit, inner: Unit) -> bool:
        # a unit under its former name holds what it holds under its present one, and the reverse
        codes = {outer.code, self.current_code(outer.code), self._former_name.get(outer.code)}
        todo, seen = [inner], {inner.code}
        while todo:
            unit = todo.pop()
            if unit.code in codes:
                return True
            if unit.level == outer.level == "province" and fold(unit.name) == fold(outer.name):
                return True  # a 2025 province inside which the text names the province of the same name
            # today's parent, and the one it had before a merger (xã Đồng Lâm: thành phố Hạ Long, huyện Hoành Bồ)
            for code in (unit.parent, *self.former_parents.get(unit.code, ())):
                parent = self.units.get(code) if code else None
                if parent is not None and parent.code not in seen:
                    seen.add(parent.code)
                    todo.append(parent)
        return False

    def current_code(self, code: str) -> str:
        """The code a unit has under its present name (tỉnh Thừa Thiên Huế's is Huế's)."""
        return self.renamed.get(code, code)

    def is_official(self, unit: Unit) -> bool:
        return unit.code in self.units or unit.code == VIETNAM.code

    @staticmethod
    def gso_code(unit: Unit) -> str:
        """The GSO code itself: units of the 2025 structure carry theirs as '2025/CODE', renamed ones
        as 'former/CODE'."""
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


def _former_parents() -> dict[str, tuple[str, ...]]:
    path = resource("data", "gazetteer", "parents_former.tsv")
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != "code\tformer_parent":
        raise ResourceError(f"{path} is not a gazetteer file: rerun scripts/make_gazetteer.py")
    parents: dict[str, tuple[str, ...]] = defaultdict(tuple)
    for code, parent in (line.split("\t") for line in lines[1:] if line):
        parents[code] += (parent,)
    return dict(parents)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    # Units gone by July 2025 are looked up with the others: articles of the years before name them.
    units = _load("units.tsv")
    former = _load("units_former.tsv")
    by_name: dict[str, list[Unit]] = defaultdict(list)
    by_ascii: dict[str, list[Unit]] = defaultdict(list)
    for unit in units + former:
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
        units={u.code: u for u in units + former + current},
        by_name=dict(by_name),
        by_ascii=dict(by_ascii),
        new_units={u.code: u for u in new_units},
        by_name_2025=dict(by_name_2025),
        to_2025=mapping,
        province_heads=frozenset(fold(u.name).split()[0] for u in units + former if u.level == "province"),
        renamed={u.code: u.code.removeprefix(FORMER) for u in former if u.code.startswith(FORMER)},
        former=frozenset(u.code for u in former),
        former_parents=_former_parents(),
    )
