"""Token-level parsers for the phrases the extractors combine: unit references, bodies, posts,
chains of posts, person names, ordinals, terms and dates.

Every parser takes the sentence's tokens and a start index and returns what it read with the
index just after it, or None; none of them looks at a particular article's wording.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from ..gazetteer import TYPE_LEVELS, VIETNAM, gazetteer
from ..lexicon import lexicon
from ..model import Body, Term, Unit
from ..text import Token
from .context import Context

SEPARATORS = {",", "-", "–", "—", ":"}
CHAIN_JOINERS = {",", "và", "kiêm", "-", "–", "—", "đồng thời là", "đồng thời"}
NEGATIONS = {"không", "chưa", "thôi", "không được"}
_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
COMMITTEE_BY_TYPE = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "quận": "Quận ủy", "huyện": "Huyện ủy",
                     "thị xã": "Thị ủy", "phường": "Đảng ủy", "xã": "Đảng ủy", "thị trấn": "Đảng ủy",
                     "đặc khu": "Đảng ủy"}
HEAD_TYPES = {"Tỉnh ủy": ("province", "tỉnh"), "Quận ủy": ("district", "quận"), "Huyện ủy": ("district", "huyện"),
              "Thị ủy": ("district", "thị xã"), "Thành ủy": ("city", "thành phố"), "Tỉnh Đoàn": ("province", "tỉnh"),
              "Thành Đoàn": ("city", "thành phố"), "Huyện Đoàn": ("district", "huyện"),
              "Quận Đoàn": ("district", "quận"), "Thị Đoàn": ("district", "thị xã")}
# Bodies whose head the unit's Party committee names in the same breath: "Phó Bí thư, Chủ tịch UBND
# xã" (not "Phó Bí thư, Giám đốc Sở": the department's own Party committee).
_LED_WITH_THE_COMMITTEE = {"people_committee", "people_council", "fatherland_front", "na_delegation"}
# The types a unit of a type may have become since an article named it (huyện → thị xã → thành phố).
_UPGRADES = {"huyện": {"thị xã", "thành phố", "quận"}, "thị xã": {"thành phố", "quận"},
             "xã": {"thị trấn", "phường"}, "thị trấn": {"phường"}}
# Roles whose last word is also the head of their body: "Trưởng Ban|Ban Tổ chức", "Trưởng đoàn|Đoàn ĐBQH".
_HEAD_IN_ROLE = {"board", "delegation", "dept", "police", "inspectorate"}  # "Chánh Thanh tra|Thanh tra tỉnh"
# Bodies whose Party organisation is named after them: "Đảng bộ cơ quan UBND quận", "Đảng ủy Công an tỉnh".
_AGENCY_KINDS = {"people_committee", "people_council", "police", "military_command", "inspectorate", "treasury",
                 "procuracy", "court", "fatherland_front", "department"}
# Sub-bodies that, named bare ("Ban Thường vụ"), belong to the Party committee the text is about.
_PARTY_SUB_BODIES = {"standing_committee", "inspection_committee", "party_board"}
SUB_BODIES = {"standing_committee", "standing_office", "inspection_committee", "party_board", "office", "council_board"}
UNIT_BODIES = {"party_caucus", "delegation_and_council", "people_committee", "people_council", "fatherland_front",
               "mass_organization", "na_delegation", "police", "inspectorate", "treasury", "procuracy", "court",
               "military_command", "party_organization", "state_branch", "political_school"}


def roman(text: str) -> int | None:
    """'XXIII' -> 23; None when not a Roman numeral."""
    if not text or not _ROMAN.match(text):
        return None
    total = 0
    for a, b in zip(text, text[1:] + " "):
        value = _ROMAN_VALUES[a]
        total += -value if b != " " and _ROMAN_VALUES[b] > value else value
    return total


def to_roman(number: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


@dataclass(frozen=True)
class Post:
    role: str
    family: str
    body: Body | None
    status: str
    explicit: bool  # the body's unit was named, not taken from context
    term: Term | None
    end: int


@dataclass(frozen=True)
class Name:
    text: str
    start: int  # token indices
    end: int


class Grammar:
    """Parsers over one sentence's tokens; `ctx` resolves units the text leaves implicit."""

    def __init__(self, tokens: list[Token], ctx: Context) -> None:
        self.t = tokens
        self.ctx = ctx
        self.lex = lexicon()
        self.gaz = gazetteer()

    # -- small helpers -------------------------------------------------------------------
    def key(self, i: int) -> str:
        return self.t[i].key if 0 <= i < len(self.t) else ""  # no wrapping round to the end

    def pos(self, i: int) -> int:
        return self.t[min(i, len(self.t) - 1)].start if self.t else 0

    def last(self, level: str, i: int, type_word: str | None = None) -> Unit | None:
        """The unit of `level` the text means at token i when it does not name one."""
        span = (self.t[0].start, self.t[-1].end) if self.t else None
        return self.ctx.last(level, self.pos(i), type_word, span)

    def words(self, i: int, keys: set[str]) -> int:
        """Length of the longest phrase of `keys` (multi-word allowed) at i, or 0."""
        best = 0
        for k in keys:
            parts = k.split()
            if [self.key(i + n) for n in range(len(parts))] == parts:
                best = max(best, len(parts))
        return best

    # -- numbers, terms, dates ---------------------------------------------------------------
    def number(self, i: int) -> tuple[int, int] | None:
        """An ordinal or count at i: '14', 'XXIII', 'nhất' -> (value, next index)."""
        if i >= len(self.t):
            return None
        tok = self.t[i]
        if tok.is_number and len(tok.text) <= 4:
            return int(tok.text), i + 1
        if (value := roman(tok.text)) is not None:
            return value, i + 1
        two = f"{tok.key} {self.key(i + 1)}"
        if two in self.lex.ordinals:
            return self.lex.ordinals[two], i + 2
        if tok.key in self.lex.ordinals:
            return self.lex.ordinals[tok.key], i + 1
        return None

    def ordinal(self, i: int) -> tuple[int, int] | None:
        """'lần thứ 14', 'lần thứ XXIII', 'thứ nhất', 'lần 3', 'XIII' -> (n, next index)."""
        j = i
        if self.key(j) == "lần":
            j += 1
        if self.key(j) == "thứ":
            j += 1
        if j == i and not (i < len(self.t) and roman(self.t[i].text)):
            return None
        return self.number(j)

    def term(self, i: int) -> tuple[Term, int] | None:
        """'nhiệm kỳ 2020 - 2025', '(Nhiệm kỳ 2020-2025)', 'từ năm 2007 - 2015' -> (Term, next index)."""
        j = i + (self.key(i) == "(")
        if (self.key(j), self.key(j + 1)) not in (("nhiệm", "kỳ"), ("giai", "đoạn"), ("từ", "năm")):
            return None
        j += 2
        if not (j + 2 < len(self.t) + 1 and self.t[j:j + 1] and self.t[j].is_number and len(self.t[j].text) == 4):
            return None
        start = int(self.t[j].text)
        k = j + 1
        if self.key(k) in {"-", "–", "—", "/"}:
            k += 1
        if k < len(self.t) and self.t[k].is_number and len(self.t[k].text) == 4:
            end = int(self.t[k].text)
            k += 1
            if self.key(k) == ")" and j - 2 > i:
                k += 1
            if start <= end:
                return Term(start, end), k
        return None

    def khoa(self, i: int) -> tuple[int, int] | None:
        """'khóa III' -> (3, next index)."""
        if self.key(i) != "khóa":
            return None
        return self.number(i + 1)

    # -- units ---------------------------------------------------------------------------
    def _name_tokens(self, i: int, limit: int = 6) -> list[int]:
        """End indices (exclusive) of candidate unit names starting at i, longest first."""
        ends = []
        j = i
        while j < len(self.t) and j - i < limit:
            tok = self.t[j]
            if tok.text in {"-", "–"} and ends:
                j += 1
                continue
            if not tok.is_word:
                break
            j += 1
            ends.append(j)
        return list(reversed(ends))

    def _lookup(self, i: int, end: int, type_word: str | None, levels: tuple[str, ...] | None) -> Unit | None:
        name = " ".join(t.text for t in self.t[i:end] if t.is_word)
        if not self.t[i].is_title and not self.t[i].is_number:
            return None
        within = self.ctx.within(self.pos(i))
        found = self.gaz.lookup(name, type_word, within=within, levels=levels)
        if found and (outer := self._enclosing_after(end)) is not None:
            found = [u for u in found if self.gaz.contains(outer, u)] or \
                self.gaz.lookup(name, type_word, within=outer, levels=levels) or found
        if within is None and len(found) > 1:
            self.ctx.guessed = True
        return found[0] if found else None

    def _enclosing_after(self, j: int) -> Unit | None:
        """The unit named in apposition after a unit's name: 'xã Tân Thành, huyện Hàm Thuận Nam',
        'phường An Hòa (TP. Rạch Giá)', 'xã Tân Lập (Phú Thọ)'."""
        if self.key(j) not in {",", "("}:
            return None
        ref = self.unit_ref(j + 1, bare=False) or \
            (self.unit_name(j + 1, None, ("province", "district")) if self.key(j) == "(" else None)
        return ref[0] if ref is not None and ref[0].level in ("province", "district") else None

    def unit_name(self, i: int, type_word: str | None = None,
                  levels: tuple[str, ...] | None = None) -> tuple[Unit, int] | None:
        """A gazetteer name at i (longest match), optionally of a type or levels."""
        alias = self.lex.unit_aliases.match(self.t, i)
        if alias:
            entry, n = alias
            if entry.value == VIETNAM.name:
                return (VIETNAM, i + n) if levels is None or "country" in levels else None
            found = self.gaz.lookup(entry.value, entry.data[0] if entry.data and entry.data[0] else None)
            if found and (levels is None or found[0].level in levels):
                return found[0], i + n
        if i >= len(self.t) or not (self.t[i].is_title or self.t[i].is_number):
            return None
        for end in self._name_tokens(i):
            unit = self._lookup(i, end, type_word, levels)
            if unit is not None:
                return unit, end
        return None

    def _bare(self, level: str, type_word: str, i: int) -> Unit | None:
        if level == "city":
            city = self._city_of_next_post(i)
            if city is not None:
                return city
            province = self.last("province", i)
            if province is not None and province.type == "thành phố":
                return province
            return self.last("district", i, "thành phố") or province
        if level == "province":
            found = self.last(level, i)
            if type_word == "tỉnh" and found is not None and found.type != "tỉnh":
                # "UBND tỉnh" after "TP Hồ Chí Minh" is the article's tỉnh, if it names one
                return self.last(level, i, "tỉnh") or self.ctx.following(level, self.pos(i), "tỉnh") or found
            return found
        found = self.last(level, i, type_word)
        if found is None and type_word in _UPGRADES:
            # "Thị ủy" of thị xã Phú Mỹ, a thành phố since: a unit of a type it may have become
            found = self.ctx.last(level, self.pos(i), main=False)  # named before, not later nor the main one
            return found if found is not None and found.type in _UPGRADES[type_word] else None
        return found

    def _city_of_next_post(self, i: int) -> Unit | None:
        """A bare "Thành ủy" whose chain goes on to the People's Committee or Council of a
        district-level city is that city's: "Phó Bí thư Thành ủy, Chủ tịch UBND TP Thủ Đức"; not when
        it goes on to that city's own Thành ủy: "Ủy viên Ban Thường vụ Thành ủy, Bí thư Thành ủy TP Thủ
        Đức" (the first is the province's)."""
        if self.key(i) not in {",", "kiêm"}:
            return None
        post = self.post(i + 1)
        unit = post.body.unit if post is not None and post.body is not None else None
        if unit is None or post.body.kind not in _LED_WITH_THE_COMMITTEE:  # type: ignore[union-attr]
            return None
        return unit if unit.level == "district" and unit.type == "thành phố" else None

    def unit_ref(self, i: int, bare: bool = True) -> tuple[Unit, int, bool] | None:
        """'quận Hồng Bàng', 'TP.HCM', 'tỉnh' (bare: from context) -> (unit, next, explicit)."""
        alias = self.unit_name(i) if self.lex.unit_aliases.match(self.t, i) else None
        if alias:
            return alias[0], self._paren_unit(alias[1]), True
        match = self.lex.unit_types.match(self.t, i)
        if not match:
            return None
        entry, n = match
        body = self.lex.bodies.match(self.t, i)
        if body is not None and body[1] > n:
            return None  # "Huyện Đoàn", "Huyện ủy": a body, not a district named "Đoàn"
        type_word, level = entry.value, entry.data[0]
        levels = TYPE_LEVELS.get(type_word)
        # A type word that has since changed ("thị xã" → "thành phố") still names the unit of that level.
        named = self.unit_name(i + n, type_word, levels) or self.unit_name(i + n, None, levels) \
            or self._unofficial(i + n, type_word, level)
        if named:
            return named[0], self._paren_unit(named[1]), True
        if not bare:
            return None
        unit = self._bare(level, type_word, i)
        if unit is None:
            return None
        j = i + n + (self.key(i + n) == "này")
        return unit, j, False

    def _unofficial(self, j: int, type_word: str, level: str) -> tuple[Unit, int] | None:
        """'xã Quỳnh Bá' where the gazetteer has no such commune: a unit under the one in context."""
        if level not in ("commune", "district"):
            return None
        k = j
        while k < len(self.t) and k - j < 3 and (self.t[k].is_title or (self.t[k].is_number and k == j)) \
                and not self._starts_phrase(k) and self.t[k].key not in self.lex.not_given:
            k += 1
        if k == j or self.names_at(j) is not None and k - j >= 2:
            return None
        # A commune lies in the district the text is about, or (since July 2025) directly in its province.
        parent = (self.last("district", j) or self.last("province", j)) if level == "commune" \
            else self.last("province", j)
        if parent is None:
            return None
        name = " ".join(t.text for t in self.t[j:k])
        return self.gaz.unofficial(name, type_word, level, parent), k

    def _starts_phrase(self, i: int) -> bool:
        # Meetings, verbs, documents: "Kỳ họp", "Được bầu", "Nghị quyết" end a name, where "Kỳ", "Được",
        # "Nghị" may be one.
        return any(trie.match(self.t, i) for trie in (self.lex.roles, self.lex.bodies, self.lex.unit_types,
                                                       self.lex.members, self.lex.meetings, self.lex.appoint,
                                                       self.lex.documents))

    def _paren_unit(self, j: int) -> int:
        """Skip '(Bình Định)' or '(TP HCM)' after a unit: it only confirms the province."""
        if self.key(j) == "(":
            inner = self.unit_ref(j + 1, bare=False) or self.unit_name(j + 1)
            if inner and self.key(inner[1]) == ")":
                return inner[1] + 1
        return j

    # -- bodies --------------------------------------------------------------------------
    def body(self, i: int, default_unit: bool = False) -> tuple[Body, int, bool] | None:
        """A Party or State body at i -> (body, next index, unit named explicitly)."""
        match = self.lex.bodies.match(self.t, i)
        if not match:
            return None
        entry, n = match
        kind, head, level = entry.value, entry.data[0], entry.data[1]
        j = i + n
        if kind == "central":
            return Body(kind, head, unit=VIETNAM), j, True
        if kind in SUB_BODIES:
            return self._sub_body(kind, head, j)
        if kind == "party_committee":
            return self._committee(head, level, j, default_unit)
        if kind in ("department", "division", "management_board", "party_cell"):
            return self._named_body(kind, head, j)
        if kind == "ministry":  # "Bộ Kế hoạch và Đầu tư": a ministry, of the country
            named = self._named_body(kind, head, j)
            return (replace(named[0], unit=VIETNAM), named[1], True) if named is not None else None
        if kind == "party_organization" and (agency := self.agency(j)) is not None:
            qualifier, unit, end, explicit = agency
            return Body(kind, head, unit=unit, qualifier=qualifier), end, explicit
        if kind in UNIT_BODIES:
            j += self.words(j, _INTERIM)  # "HĐND lâm thời phường Tương Mai"
            if (khoa := self.khoa(j)) is not None and self.unit_ref(khoa[1], bare=False):
                j = khoa[1]  # "Đoàn Đại biểu Quốc hội khóa XV tỉnh Vĩnh Long"
            ref = self.unit_ref(j)
            if ref:
                unit, k, explicit = ref
                return Body(kind, head, unit=unit), k + self.words(k, _INTERIM), explicit
            named = self.unit_name(j, None, ("province",))
            if named and named[1] > j + 1:  # "Công an An Giang", "UBND Quảng Ninh": a province's two-word name
                return Body(kind, head, unit=named[0]), self._paren_unit(named[1]), True
            if head in HEAD_TYPES:  # "Tỉnh Đoàn Hưng Yên", "Thành Đoàn", "Huyện Đoàn": the unit without its type word
                named = self.unit_name(j, None, ("province", "district") if level == "city" else (level,))
                if named:
                    return Body(kind, head, unit=named[0]), named[1], True
                return Body(kind, head, unit=self._bare(level, HEAD_TYPES[head][1], j)), j, False
            if kind == "party_organization" and not default_unit:
                return None
            return Body(kind, head, unit=self._default_unit(i) if default_unit else None), j, False
        return None

    def _commune_named_before(self, j: int) -> tuple[Unit, int, bool] | None:
        """'Bí thư Đảng ủy Phong Hải': a commune without its type word, when the text named it before."""
        named = self.unit_name(j, None, ("commune",))
        if named is None or named[0] not in {u for p, u in self.ctx.mentions if p < self.pos(j)}:
            return None
        return named[0], named[1], True

    def _unknown_name(self, j: int) -> bool:
        """A capitalized word after a body that names neither a unit nor the body's khóa or term."""
        return j < len(self.t) and self.t[j].is_title and self.key(j) not in {"khóa", "nhiệm", "lần"} \
            and self.khoa(j) is None and not self._starts_phrase(j)

    def agency(self, j: int) -> tuple[str, Unit, int, bool] | None:
        """What a Party organisation is of, after 'Đảng bộ' / 'Đảng ủy': 'cơ quan UBND quận Ba Đình',
        'Công an tỉnh', 'Quân sự tỉnh', 'Khối các cơ quan tỉnh' -> (qualifier, unit, next, explicit)."""
        k = j + 2 if (self.key(j), self.key(j + 1)) == ("cơ", "quan") else j
        inner = self.body(k)
        if inner is not None and inner[0].unit is not None and inner[0].kind in _AGENCY_KINDS:
            return " ".join(t.text for t in self.t[j:k]) + (" " if k > j else "") + inner[0].head, \
                inner[0].unit, inner[1], inner[2]
        words = self.lex.party_sectors.match(self.t, j)
        if words is not None:
            ref = self.unit_ref(j + words[1])
            if ref is not None:
                return words[0].value, ref[0], ref[1], ref[2]
        return None

    def _default_unit(self, i: int) -> Unit | None:
        return self.last("district", i) or self.last("province", i)

    def _sub_body(self, kind: str, head: str, j: int) -> tuple[Body, int, bool]:
        parent = self.body(j)
        if parent and parent[0].kind in ("party_committee", "people_committee", "people_council", "na_delegation",
                                         "fatherland_front", "central"):
            return Body(kind, head, unit=parent[0].unit, parent=parent[0]), parent[1], parent[2]
        # "Trưởng Ban Xây dựng Đảng xã": a commune's board, where a bare "tỉnh" or "huyện" is no board's
        ref = self.unit_ref(j, bare=False) or (self.unit_ref(j) if self.key(j) in _COMMUNE_WORDS else None)
        if ref:  # "Ban Tổ chức tỉnh Đồng Nai": the board of that unit's Party committee
            unit, k, _ = ref
            committee = Body("party_committee", COMMITTEE_BY_TYPE.get(unit.type, "Đảng ủy"), unit=unit)
            return Body(kind, head, unit=unit, parent=committee), k, True
        # "Trưởng ban Tổ chức - Cán bộ Cơ quan Ủy ban Trung ương MTTQ": a board of a body not read
        unknown = self.key(j) in {"-", "–"} and self._unknown_name(j + 1) or self._unknown_name(j)
        unit = self._default_unit(j) if kind in _PARTY_SUB_BODIES and not unknown else None
        if unit is None:
            return Body(kind, head), j, False
        committee = Body("party_committee", COMMITTEE_BY_TYPE.get(unit.type, "Đảng ủy"), unit=unit)
        return Body(kind, head, unit=unit, parent=committee), j, False

    def _committee(self, head: str, level: str, j: int, default_unit: bool) -> tuple[Body, int, bool] | None:
        if head == "Ban Chấp hành Đảng bộ" or head == "Đảng ủy":
            agency = self.agency(j)
            if agency is not None:
                qualifier, unit, end, explicit = agency
                return Body("party_committee", "Đảng ủy", unit=unit, qualifier=qualifier), end, explicit
            ref = self.unit_ref(j) or self._commune_named_before(j)
            if ref:
                unit, k, explicit = ref
                return Body("party_committee", COMMITTEE_BY_TYPE.get(unit.type, "Đảng ủy"), unit=unit), k, explicit
            if head == "Đảng ủy" and not default_unit or self._unknown_name(j):
                return Body("party_committee", head), j, False  # "Đảng bộ Chính phủ": no unit's
            unit = self._default_unit(j) if default_unit or head != "Đảng ủy" else None
            if unit is None:
                return Body("party_committee", "Đảng ủy"), j, False
            return Body("party_committee", COMMITTEE_BY_TYPE.get(unit.type, "Đảng ủy"), unit=unit), j, False
        lvl, type_word = HEAD_TYPES.get(head, (level, None))
        levels = ("province", "district") if lvl == "city" else (lvl,)
        named = self.unit_name(j, type_word, levels) or self.unit_name(j, None, levels)
        if named is None:
            ref = self.unit_ref(j, bare=False)
            named = (ref[0], ref[1]) if ref else None
        if named:
            return Body("party_committee", head, unit=named[0]), self._paren_unit(named[1]), True
        unit = self._bare(lvl, type_word or "", j)
        if head == "Tỉnh ủy" and unit is not None and unit.type != "tỉnh":
            unit = self.last("province", j)
        return Body("party_committee", head, unit=unit), j, False

    def _named_body(self, kind: str, head: str, j: int) -> tuple[Body, int, bool] | None:
        """'Sở Nội vụ', 'Phòng Tài chính - Kế hoạch', 'phòng PA 90', 'Chi bộ Phòng PA 92'."""
        place = self.lex.place_words.match(self.t, j) if kind == "party_cell" else None
        if place is not None:  # "Chi bộ ấp Phước Lộc, xã Phước Hậu"
            k = j + place[1]
            while k < len(self.t) and k - j < 5 and (self.t[k].is_title or self.t[k].is_number):
                k += 1
            qualifier = " ".join(t.text for t in self.t[j:k])
            ref = self.unit_ref(k + (self.key(k) == ","))
            unit = ref[0] if ref else self.last("commune", j)
            return Body(kind, head, unit=unit, qualifier=qualifier), ref[1] if ref else k, ref is not None and ref[2]
        match = self.lex.departments.match(self.t, j)
        if match:
            qualifier = match[0].value
            k = j + match[1]
        else:
            k = j
            while k < len(self.t) and k - j < 4 and (self.t[k].text.isupper() or self.t[k].is_number) \
                    and self.t[k].is_word:
                k += 1
            qualifier = " ".join(t.text for t in self.t[j:k])
        if kind == "party_cell" and not qualifier:
            inner = self.body(j)
            if inner:
                return Body(kind, head, unit=inner[0].unit, parent=inner[0]), inner[1], inner[2]
        if not qualifier and kind != "party_cell":
            return None
        ref = self.unit_ref(k) if self.key(k) not in {",", "-"} else None
        if ref is None and self.key(k) == "," and self.key(k + 1) == "công" and self.key(k + 2) == "an":
            police = self.body(k + 1)
            if police:
                return Body(kind, head, unit=police[0].unit, qualifier=qualifier, parent=police[0]), police[1], police[2]
        if ref:
            unit, end, explicit = ref
            return Body(kind, head, unit=unit, qualifier=qualifier), end, explicit
        fallback = self.last("district", j) if kind == "division" else self.last("province", j)
        return Body(kind, head, unit=fallback, qualifier=qualifier), k, False

    # -- posts ---------------------------------------------------------------------------
    def post(self, i: int, body_only: bool = False) -> Post | None:
        """'nguyên Bí thư Huyện ủy Thống Nhất', 'TUV', 'Chủ tịch UBND xã Tây Giang, nhiệm kỳ 2021 - 2026'."""
        status = "current"
        st = self.lex.status.match(self.t, i)
        if st:
            status, i = st[0].value, i + st[1]
        member = self.lex.members.match(self.t, i)
        if member:
            return self._member_post(member[0].value, i + member[1], status)
        role = self.lex.roles.match(self.t, i)
        if role is None:
            if body_only and (b := self.body(i)) and b[0].kind in ("party_committee", "central", "standing_committee"):
                return self._finish_post("Ủy viên", "member", b[0], status, b[2], b[1])
            return None
        entry, n = role
        family = entry.data[1]
        body_at = self._head_in_role(family, i, n)
        # A body right after the whole role comes first: "Phó Trưởng Ban Thường trực|Ban Tổ chức".
        parsed = (self.body(i + n) if body_at != i + n else None) or self.body(body_at)
        if parsed is None:
            ref = self.unit_ref(i + n, bare=False)
            if ref and family in ("party", "chair"):
                unit, end, explicit = ref
                kind, head = ("party_committee", COMMITTEE_BY_TYPE.get(unit.type, "Đảng ủy")) if family == "party" \
                    else ("people_committee", "UBND")
                return self._finish_post(entry.value, family, Body(kind, head, unit=unit), status, explicit, end)
            return Post(entry.value, family, None, status, False, None, i + n)
        body, end, explicit = parsed
        if body.unit is None and body.kind in _LED_WITH_THE_COMMITTEE and not (end < len(self.t) and self.t[end].is_title):
            # "Lãnh đạo phường Tương Mai: đồng chí A (Bí thư Đảng ủy, Chủ tịch HĐND)": the unit the text is on
            body = replace(body, unit=self.ctx.subject(self.pos(i)))
        return self._finish_post(entry.value, family, body, status, explicit, end)

    def _head_in_role(self, family: str, i: int, n: int) -> int:
        """Where the body starts when the role's last words are its head: 'Trưởng Ban|Ban Tổ chức',
        'Trưởng đoàn|Đoàn ĐBQH', 'Trưởng phòng|Phòng Nội vụ', 'Trưởng Công an|Công an xã'."""
        if family in _HEAD_IN_ROLE:
            for k in (2, 1):
                match = self.lex.bodies.match(self.t, i + n - k) if n > k else None
                if match is not None and match[1] >= k:
                    return i + n - k
        return i + n

    def _member_post(self, heads: str, j: int, status: str) -> Post:
        province = self.last("province", j)
        head = heads.split("|")[-1] if "|" in heads and province and province.type == "thành phố" else heads.split("|")[0]
        canonical = {"tỉnh ủy": "Tỉnh ủy", "thành ủy": "Thành ủy", "quận ủy": "Quận ủy", "huyện ủy": "Huyện ủy",
                     "thị ủy": "Thị ủy", "đảng ủy": "Đảng ủy"}[head]
        lvl, type_word = HEAD_TYPES.get(canonical, ("commune", ""))
        named = self.unit_name(j, None, ("province", "district") if lvl == "city" else (lvl,))
        if named:
            return self._finish_post("Ủy viên", "member", Body("party_committee", canonical, unit=named[0]), status,
                                     True, named[1])
        unit = self._bare(lvl, type_word, j) if canonical != "Đảng ủy" else None
        return self._finish_post("Ủy viên", "member", Body("party_committee", canonical, unit=unit), status, False, j)

    def member_post(self, body: Body, j: int, explicit: bool) -> Post:
        """Membership of a body named up to j, with the khóa or term after it: 'Ban Thường vụ Huyện
        ủy khóa XXI' -> Ủy viên Ban Thường vụ of the Huyện ủy."""
        return self._finish_post("Ủy viên", "member", body, "current", explicit, j)

    def _finish_post(self, role: str, family: str, body: Body, status: str, explicit: bool, j: int) -> Post:
        term = None
        k = j + (self.key(j) == ",")
        if (kh := self.khoa(k)) is not None:
            j = kh[1]
            k = j + (self.key(j) == ",")
        if (t := self.term(k)) is not None:
            term, j = t
        if self.key(j) == "(" and self.key(j + 1) in {"nay", "khóa", "từ", "giai"}:  # "(nay là …)", "(khóa IX)"
            close = next((x for x in range(j, min(j + 15, len(self.t))) if self.t[x].text == ")"), None)
            if close is not None:
                j = close + 1
        if (self.key(j), self.key(j + 1), self.key(j + 2)) == ("(", "cũ", ")"):
            status, j = "former", j + 3  # "Chủ tịch UBND phường Tương Mai (cũ)": of a unit merged since
        if role == "Ủy viên" and body.kind == "standing_committee" and body.parent is not None:
            role, body = "Ủy viên Ban Thường vụ", body.parent
        return Post(role, family, body, status, explicit, term, j)

    def chain(self, i: int, body_only: bool = False) -> list[Post]:
        """Posts joined by ',', 'và', 'kiêm', '-': 'TUV, Bí thư Quận ủy, Chủ tịch HĐND quận'."""
        posts: list[Post] = []
        j = i
        while True:
            post = self.post(j, body_only=body_only)
            if post is None:
                break
            posts.append(post)
            j = post.end
            joined = self.words(j, CHAIN_JOINERS)
            # After "và" (not a comma, which starts the group's own predicate) a verb may carry on.
            verb = self.lex.appoint.match(self.t, j + joined) if joined and self.key(j) != "," else None
            if verb is not None and self.post(j + joined + verb[1], body_only=True) is not None:
                joined += verb[1]  # "tham gia Ban Chấp hành, Ban Thường vụ và giữ chức Phó Bí thư …"
                body_only = True
            if not joined or self.post(j + joined, body_only=body_only) is None:
                break
            if self.names_at(j + joined) and self.key(j) in {",", "và"}:
                break
            j += joined
        if posts and posts[0].status != "current":  # "nguyên Bí thư Huyện ủy, Chủ tịch UBND huyện": both former
            posts = [p if p.status != "current" else replace(p, status=posts[0].status) for p in posts]
        return self._commune_committee(self.share_units(_committee_for_members(posts)), i)

    def _commune_committee(self, posts: list[Post], i: int) -> list[Post]:
        """A bare 'Đảng ủy' still unplaced is the committee of the commune the text is on: 'Về phía lãnh đạo
        xã Phong Hải: đồng chí A – Phó Bí thư Thường trực Đảng ủy'."""
        if not any(p.body == _BARE_PARTY_COMMITTEE for p in posts):
            return posts
        unit = self.ctx.subject(self.pos(i))
        if unit is None or unit.level != "commune":
            return posts
        return [replace(p, body=replace(p.body, unit=unit)) if p.body == _BARE_PARTY_COMMITTEE else p for p in posts]

    def share_units(self, posts: list[Post]) -> list[Post]:
        """A unit named once serves the whole chain: 'Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Bình Thuận'."""
        # not the country a central post names: "Ủy viên Trung ương Đảng, Chủ tịch HĐND tỉnh"
        named = [p.body.unit for p in posts if p.explicit and p.body is not None and p.body.unit is not None
                 and p.body.unit.level != "country"]
        if not named:
            return posts
        out = []
        for post in posts:
            body = post.body
            if body is not None and not post.explicit:
                unit = self._shared(named, body)
                if unit is not None:
                    body = _with_unit(body, unit)
            out.append(replace(post, body=body))
        return out

    def _shared(self, named: list[Unit], body: Body) -> Unit | None:
        want = body.unit.level if body.unit is not None else None
        for unit in named:
            candidates = [unit] + self._ancestors(unit)
            for c in candidates:
                if want is None or c.level == want:
                    if body.kind == "party_committee" and body.head in HEAD_TYPES:
                        lvl, type_word = HEAD_TYPES[body.head]
                        if lvl != "city" and c.type != type_word:
                            continue
                    return c
        return None

    def _ancestors(self, unit: Unit) -> list[Unit]:
        out = []
        parent = self.gaz.parent_of(unit)
        while parent is not None:
            out.append(parent)
            parent = self.gaz.parent_of(parent)
        return out

    # -- names ---------------------------------------------------------------------------
    def _blocks_name(self, i: int) -> bool:
        tok = self.t[i]
        if tok.key in self.lex.not_given or not tok.is_title or len(tok.text) > 7:
            return True
        if tok.key in self.lex.given_or_word and i + 1 < len(self.t):
            # "Trường THPT", "Sáng 20/7" (phrases of the lexicons, "Chánh Văn phòng", "Hội nghị", below);
            # not "Nguyễn Xuân Trường," nor "Nguyễn Kỳ Phùng".
            after = self.t[i + 1]
            if after.is_word and not after.text[0].islower() and not after.is_title:
                return True
        if tok.key in _STREET_OR_GIVEN and i + 1 < len(self.t) and self.t[i + 1].is_title:
            return True  # "… Đường Lê Lợi": a street's name begins, where "Nguyễn Thị Đường" ends a name
        if self._type_word_alone(i):
            return False  # "Trần Đức Quận phát biểu": a type word naming no unit ends a name
        return self._starts_phrase(i)

    def _type_word_alone(self, i: int) -> bool:
        """A capitalized unit type word with no unit's name after it, and no other phrase at i."""
        match = self.lex.unit_types.match(self.t, i)
        after = self.t[i + 1] if i + 1 < len(self.t) else None
        if match is None or match[1] != 1 or (after is not None and (after.is_title or after.is_number)):
            return False
        return not any(trie.match(self.t, i) for trie in (self.lex.roles, self.lex.bodies, self.lex.members,
                                                           self.lex.meetings, self.lex.appoint, self.lex.documents))

    def after_place_word(self, i: int) -> bool:
        """'đường Nguyễn Văn Linh', 'Trường THPT Lê Hồng Phong': the name is a place's or a thing's."""
        return any((m := self.lex.place_words.match(self.t, i - k)) is not None and m[1] == k for k in (1, 2, 3)
                   if i - k >= 0)

    def names_at(self, i: int) -> Name | None:
        """A Vietnamese personal name at i: a surname and one to four more capitalized syllables."""
        if i >= len(self.t) or not (self.t[i].is_title or self.t[i].text == "Y"):
            return None
        key = self.t[i].key
        if key not in self.lex.surnames and key not in self.lex.name_prefixes \
                and key[:2] not in self.lex.name_prefixes:  # "H'Yim": the prefix H' glued to its word
            return self._given_name(i)
        j = i + 1
        while j < len(self.t) and j - i < 5 and not self._blocks_name(j):
            j += 1
        if j - i < 2 and not (key[:2] in self.lex.name_prefixes and len(key) > 3):
            return None  # a name of one word only with its prefix: "K'Bình", "H'Yim"
        return Name(" ".join(t.text for t in self.t[i:j]), i, j)


    def _given_name(self, i: int) -> Name | None:
        """'ông Cự' after 'Trần Viết Cự' was named: the article's only full name ending so."""
        full = self.ctx.given.get(self.t[i].key)
        if full is None or i == 0 or self.t[i - 1].key not in _SHORT_HONORIFICS:
            return None
        if i + 1 < len(self.t) and self.t[i + 1].is_title:
            return None
        return Name(full, i, i + 1)


_STREET_OR_GIVEN = {"đường"}  # a given name, or a street when a name follows
_INTERIM = {"lâm thời"}  # the council of a unit just formed: "HĐND phường Tương Mai lâm thời"
_COMMUNE_WORDS = {"xã", "phường", "thị trấn"}
_BARE_PARTY_COMMITTEE = Body("party_committee", "Đảng ủy")  # "Đảng ủy" with no unit or agency after it
_SHORT_HONORIFICS = {"ông", "bà", "chí", "anh", "chị"}  # "chí" closes "đồng chí"


def _committee_for_members(posts: list[Post]) -> list[Post]:
    """A member's or secretary's post with no body is of the Party committee a later post of the chain
    names, or else of its unit: 'Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Thành ủy Cần Thơ' (of Thành
    ủy Cần Thơ), 'Bí thư kiêm Chủ tịch UBND xã Tân Hà' (of Đảng ủy xã Tân Hà). A bare 'Đảng ủy' is the
    commune's whose council or committee the chain names: 'Bí thư Đảng ủy, Chủ tịch HĐND xã'."""
    out = []
    for k, post in enumerate(posts):
        unplaced = post.body == _BARE_PARTY_COMMITTEE
        if (post.body is None and post.family in ("member", "party")) or unplaced:
            later = next((b for p in posts[k + 1:] for b in (p.body, p.body.parent if p.body else None)
                          if b is not None and b.kind == "party_committee" and b.unit is not None), None)
            unit = next((p.body.unit for p in posts[k + 1:] if p.body is not None and p.body.unit is not None
                         and p.body.kind in _LED_WITH_THE_COMMITTEE and p.body.unit.level != "country"), None)
            if later is None and unit is not None:
                later = Body("party_committee", COMMITTEE_BY_TYPE.get(unit.type, "Đảng ủy"), unit=unit)
            if later is not None and unplaced and later.head != "Đảng ủy":
                later = None  # "Đảng ủy" names no district's or province's committee
            if later is not None:
                post = replace(post, body=later, explicit=any(p.explicit for p in posts[k + 1:]))
        out.append(post)
    return out


def with_unit(body: Body, unit: Unit) -> Body:
    """The same kind of body in another unit."""
    return _with_unit(body, unit)


def _with_unit(body: Body, unit: Unit) -> Body:
    parent = _with_unit(body.parent, unit) if body.parent is not None else None
    head = body.head
    if body.kind == "party_committee" and head == "Ban Chấp hành Đảng bộ":  # it is the unit's "Tỉnh ủy"…
        head = COMMITTEE_BY_TYPE.get(unit.type, head)
    return replace(body, unit=unit, parent=parent, head=head)


def parse_day_month(text: str, published: date | None) -> tuple[date | None, date | None]:
    """'Sáng 15/5', 'Trong hai ngày 28, 29/2', 'Ngày 5-6', 'Chiều 21.4', '2/7/2021', 'Ngày 20 tháng 6 năm
    2021' -> (start, end)."""
    m = re.search(r"(?:ngày|sáng|chiều|tối|trưa)\s+(?:ngày\s+)?(\d{1,2})(?:\s*(?:,|và|-)\s*(\d{1,2}))?"
                  r"(?:[/.-]|\s+tháng\s+)(\d{1,2})(?:(?:[/.-]|\s+năm\s+)(\d{4}))?", text, flags=re.IGNORECASE)
    if not m:
        return None, None
    year = int(m.group(4)) if m.group(4) else (published.year if published else None)
    if year is None:
        return None, None
    try:
        month = int(m.group(3))
        start = date(year, month, int(m.group(1)))
        end = date(year, month, int(m.group(2))) if m.group(2) else None
    except ValueError:
        return None, None
    if published and not m.group(4) and start > published:
        try:
            start = start.replace(year=year - 1)
            end = end.replace(year=year - 1) if end else None
        except ValueError:
            return None, None
    return start, end

