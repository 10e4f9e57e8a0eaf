"""The lexicons in data/lexicons, loaded once, with token tries for longest-match lookup."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ResourceError
from .resources import resource
from .text import Token, fold, tokenize


def _rows(name: str, columns: int) -> list[list[str]]:
    path: Path = resource("data", "lexicons", name)
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < columns:
            raise ResourceError(f"{path}:{number}: expected {columns} tab-separated columns, got {len(cells)}")
        rows.append([c.strip() for c in cells])
    return rows


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: `value` is its canonical form, `data` the other columns."""

    surface: str
    value: str
    data: tuple[str, ...] = ()


class Trie:
    """Longest match of multi-token entries over folded token keys."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self._root: dict = {}
        for entry in entries:
            node = self._root
            for token in tokenize(entry.surface):
                node = node.setdefault(token.key, {})
            node[None] = entry

    def match(self, tokens: Sequence[Token], i: int) -> tuple[Entry, int] | None:
        """(entry, number of tokens) of the longest entry starting at tokens[i]."""
        # Most calls fail on the first token: that path does no more than one lookup.
        node = self._root.get(tokens[i].key) if i < len(tokens) else None
        if node is None:
            return None
        best = (node[None], 1) if None in node else None
        for j in range(i + 1, len(tokens)):
            node = node.get(tokens[j].key)
            if node is None:
                break
            if None in node:
                best = (node[None], j - i + 1)
        return best


@dataclass(frozen=True)
class Lexicon:
    surnames: frozenset[str]
    name_prefixes: frozenset[str]
    not_given: frozenset[str]
    given_or_word: frozenset[str]
    honorifics: Trie
    roles: Trie
    bodies: Trie
    unit_types: Trie
    unit_aliases: Trie
    status: Trie
    appoint: Trie
    meetings: Trie
    meeting_exclude: Trie
    documents: Trie
    members: Trie
    party_sectors: Trie
    place_words: Trie
    departments: Trie
    ordinals: dict[str, int]
    counts: tuple[tuple[re.Pattern[str], str], ...]
    furniture: tuple[str, ...]
    role_english: dict[str, str]
    body_english: dict[str, str]
    body_families: dict[str, frozenset[str]]  # canonical head -> the role families that hold posts in it


def _entries(name: str, columns: int) -> list[Entry]:
    return [Entry(r[0], r[1] if len(r) > 1 else r[0], tuple(r[2:])) for r in _rows(name, columns)]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    roles = _entries("roles.tsv", 4)
    bodies = _entries("bodies.tsv", 6)
    return Lexicon(
        surnames=frozenset(fold(r[0]) for r in _rows("surnames.txt", 1)),
        name_prefixes=frozenset(fold(r[0]) for r in _rows("name_prefixes.txt", 1)),
        not_given=frozenset(fold(r[0]) for r in _rows("not_given_names.txt", 1)),
        given_or_word=frozenset(fold(r[0]) for r in _rows("given_or_word.txt", 1)),
        honorifics=Trie(_entries("honorifics.txt", 1)),
        roles=Trie(roles),
        bodies=Trie(bodies),
        unit_types=Trie(_entries("unit_types.tsv", 3)),
        unit_aliases=Trie(_entries("unit_aliases.tsv", 2)),
        status=Trie(_entries("status.tsv", 2)),
        appoint=Trie(_entries("appoint.tsv", 3)),
        meetings=Trie(_entries("meetings.tsv", 2)),
        meeting_exclude=Trie(_entries("meeting_exclude.txt", 1)),
        documents=Trie(_entries("documents.tsv", 3)),
        members=Trie(_entries("members.tsv", 2)),
        party_sectors=Trie(_entries("party_sectors.tsv", 2)),
        place_words=Trie(_entries("place_words.txt", 1)),
        departments=Trie(_entries("departments.txt", 1)),
        ordinals={fold(r[0]): int(r[1]) for r in _rows("ordinals.tsv", 2)},
        counts=tuple((re.compile(r[0], re.IGNORECASE), r[1]) for r in _rows("counts.tsv", 2)),
        furniture=tuple(r[0] for r in _rows("furniture.txt", 1)),
        role_english={e.value: e.data[0] for e in roles},
        body_english={e.data[0]: e.data[3] for e in bodies},
        body_families=_families(bodies),
    )


def _families(bodies: list[Entry]) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for e in bodies:
        out[e.data[0]] = out.get(e.data[0], frozenset()) | frozenset(e.data[2].split(","))
    return out
