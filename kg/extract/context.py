"""Which administrative units a document is about: named units in reading order, so that a bare
"Quận ủy" or "UBND tỉnh" resolves to the unit the text last named at that level."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer, gazetteer
from ..model import Unit

# The levels a bare reference can mean; "city" is a province-level city when the document's
# province is one, else the district-level city.
LEVELS = ("province", "district", "commune")


@dataclass
class Context:
    """Named units in document order (normalized offsets) and the document's main unit per level."""

    mentions: list[tuple[int, Unit]] = field(default_factory=list)
    primary: dict[str, Unit] = field(default_factory=dict)
    gaz: Gazetteer = field(default_factory=gazetteer)

    def add(self, position: int, unit: Unit) -> None:
        self.mentions.append((position, unit))

    def finish(self) -> None:
        """Choose the main unit of each level: the most named, its province kept consistent."""
        self.mentions.sort(key=lambda m: m[0])
        counts = Counter(u for _, u in self.mentions)
        first = {u: p for p, u in reversed(self.mentions)}
        for level in ("district", "commune", "province"):
            units = [u for u in counts if u.level == level]
            if level == "province":
                units += [p for u in counts if u.level != "province" and (p := self.gaz.province_of(u))]
            if units:
                best = max(units, key=lambda u: (counts[u], -first.get(u, 10**9)))
                self.primary.setdefault(level, best)
        district = self.primary.get("district")
        if district and "province" in self.primary and not self.gaz.contains(self.primary["province"], district):
            named = [u for u in counts if u.level == "province"]
            if not named:
                self.primary["province"] = self.gaz.province_of(district) or self.primary["province"]

    def within(self, position: int) -> Unit | None:
        """The unit to search inside for an ambiguous name: the province most recently named."""
        province = self.last("province", position)
        return province

    def last(self, level: str, position: int, type_word: str | None = None,
             sentence: tuple[int, int] | None = None) -> Unit | None:
        """The unit of `level` the text named last before `position`, else the document's main one.
        Within `sentence` (start, end) a unit named anywhere in the sentence outranks earlier
        sentences: 'Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Bình Thuận Nguyễn Hoài Anh'."""
        best, best_pos, ahead = None, -1, None
        for pos, unit in self.mentions:
            candidate = unit if unit.level == level else self._ancestor(unit, level)
            if candidate is None or (type_word is not None and candidate.type != type_word):
                continue
            if pos <= position:
                best, best_pos = candidate, pos
            elif sentence is not None and pos < sentence[1] and ahead is None:
                ahead = candidate
        if sentence is not None and ahead is not None and best_pos < sentence[0]:
            return ahead
        if best is not None:
            return best
        main = self.primary.get(level)
        if main is not None and (type_word is None or main.type == type_word):
            return main
        return None

    def _ancestor(self, unit: Unit, level: str) -> Unit | None:
        parent = self.gaz.parent_of(unit)
        while parent is not None:
            if parent.level == level:
                return parent
            parent = self.gaz.parent_of(parent)
        return None
