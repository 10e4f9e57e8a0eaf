"""Which administrative units a document is about: named units in reading order, so that a bare
"Quận ủy" or "UBND tỉnh" resolves to the unit the text last named at that level."""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer, gazetteer
from ..model import Unit



@dataclass
class Context:
    """Named units in document order (normalized offsets) and the document's main unit per level."""

    mentions: list[tuple[int, Unit]] = field(default_factory=list)
    primary: dict[str, Unit] = field(default_factory=dict)
    gaz: Gazetteer = field(default_factory=gazetteer)
    _index: dict[tuple[str, str | None], tuple[list[int], list[Unit]]] = field(default_factory=dict)
    given: dict[str, str | None] = field(default_factory=dict)  # last syllable -> the one full name with it
    # The province to search in before the text names one: the one it names most, found by a
    # first reading ("xã Tân Lập" in a headline, "tỉnh Phú Thọ" only in the body).
    hint: Unit | None = None
    guessed: bool = False  # an ambiguous name was resolved with no province to search in

    def add_name(self, last_syllable: str, name: str) -> None:
        """Remember a full name so 'ông Cự' can refer to it; two names ending alike refer to neither."""
        known = self.given.get(last_syllable, name)
        self.given[last_syllable] = name if known == name else None

    def add(self, position: int, unit: Unit) -> None:
        self.mentions.append((position, unit))
        for (level, type_word), (positions, units) in list(self._index.items()):
            if positions and position < positions[-1]:  # out of order: rebuild this level when asked
                del self._index[(level, type_word)]
                continue
            candidate = unit if unit.level == level else self._placed(unit, level)
            if candidate is not None and (type_word is None or candidate.type == type_word):
                positions.append(position)
                units.append(candidate)

    def _placed(self, unit: Unit, level: str) -> Unit | None:
        """The unit of `level` that contains `unit`; none when the text names no district nor province
        and several communes bear its name: 'xã Trường Xuân' alone places no district."""
        if all(u.level == "commune" for _, u in self.mentions) and len(self.gaz.lookup(unit.name, unit.type)) > 1:
            return None
        return self._ancestor(unit, level)

    def _level(self, level: str, type_word: str | None) -> tuple[list[int], list[Unit]]:
        """Positions and units of `level` (a named unit, or the one containing it), in text order;
        built once per level so a long article costs a binary search per lookup, not a scan."""
        key = (level, type_word)
        if key not in self._index:
            positions, units = [], []
            for pos, unit in sorted(self.mentions, key=lambda m: m[0]):
                candidate = unit if unit.level == level else self._placed(unit, level)
                if candidate is not None and (type_word is None or candidate.type == type_word):
                    positions.append(pos)
                    units.append(candidate)
            self._index[key] = (positions, units)
        return self._index[key]

    def finish(self) -> None:
        """Choose the main unit of each level: the most named, its province kept consistent."""
        self.mentions.sort(key=lambda m: m[0])
        counts = Counter(u for _, u in self.mentions)
        first = {u: p for p, u in reversed(self.mentions)}
        for level in ("district", "commune", "province"):
            units = [u for u in counts if u.level == level]
            if level == "province":
                units += [p for u in counts if u.level != "province" and self._placed(u, "province")
                          and (p := self.gaz.province_of(u))]
            if units:
                best = max(units, key=lambda u: (counts[u], -first.get(u, 10**9)))
                self.primary.setdefault(level, best)
        district = self.primary.get("district")
        if district and "province" in self.primary and not self.gaz.contains(self.primary["province"], district):
            named = [u for u in counts if u.level == "province"]
            if not named:
                self.primary["province"] = self.gaz.province_of(district) or self.primary["province"]

    def within(self, position: int) -> Unit | None:
        """The unit to search inside for an ambiguous name: the province most recently named, else
        the hint."""
        return self.last("province", position) or self.hint

    def named_province(self) -> Unit | None:
        """The province the text names most (first named on a tie), not one deduced from a unit;
        with none named, that of the district it names most: '(TP. Rạch Giá)' is in Kiên Giang."""
        for level in ("province", "district"):
            named = [u for _, u in sorted(self.mentions, key=lambda m: m[0]) if u.level == level]
            if named:
                counts = Counter(named)
                best = max(counts, key=lambda u: (counts[u], -named.index(u)))
                return best if level == "province" else self.gaz.province_of(best)
        return None

    def last(self, level: str, position: int, type_word: str | None = None,
             sentence: tuple[int, int] | None = None, main: bool = True) -> Unit | None:
        """The unit of `level` the text named last before `position`, else (main) the document's main one.
        Within `sentence` (start, end) a unit named anywhere in the sentence outranks earlier
        sentences: 'Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Bình Thuận Nguyễn Hoài Anh'."""
        positions, units = self._level(level, type_word)
        k = bisect_right(positions, position) - 1
        best = units[k] if k >= 0 else None
        if sentence is not None and k + 1 < len(units) and positions[k + 1] < sentence[1] \
                and (best is None or positions[k] < sentence[0]):
            return units[k + 1]
        if best is not None or not main:
            return best
        primary = self.primary.get(level)
        if primary is not None and (type_word is None or primary.type == type_word):
            return primary
        return None

    def subject(self, position: int) -> Unit | None:
        """The unit the text last named before `position`, of any level below the country; of
        'phường Tương Mai, quận Hoàng Mai' the ward, which its district only places."""
        before = [u for p, u in self.mentions if p < position and u.level in ("commune", "district", "province")]
        if not before:
            return None
        last = before[-1]
        for unit in reversed(before[-3:-1]):
            if unit.level != last.level and self.gaz.contains(last, unit):
                return unit
        return last

    def following(self, level: str, position: int, type_word: str) -> Unit | None:
        """The first unit of `level` and type the text names after `position`."""
        positions, units = self._level(level, type_word)
        k = bisect_right(positions, position)
        return units[k] if k < len(units) else None

    def _ancestor(self, unit: Unit, level: str) -> Unit | None:
        parent = self.gaz.parent_of(unit)
        while parent is not None:
            if parent.level == level:
                return parent
            parent = self.gaz.parent_of(parent)
        return None
