"""The data model every stage shares: frozen dataclasses with character offsets.

Offsets in `Evidence` and mentions are into the *original* document text, so a fact can
always be shown in the article it came from; stages work on the normalized text and map
back through `Normalized.original`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Metadata:
    headline: str | None = None
    published: date | None = None
    author: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Document:
    """One article as read: `id` is its path relative to the input root (stable across runs)."""

    id: str
    source: str
    text: str
    metadata: Metadata = field(default_factory=Metadata)


@dataclass(frozen=True)
class RawArticle:
    """An article as found in the inputs, before its text is decoded and checked: enough to tell,
    cheaply, whether it changed since the last build."""

    id: str
    source: str
    checksum: str  # SHA-256 of the article's bytes: its file, or its JSONL line
    data: bytes = b""  # a file's bytes
    text: str | None = None  # a JSONL record's text and metadata, parsed with its id
    metadata: Metadata = field(default_factory=Metadata)
    line: int | None = None  # of a JSONL record


@dataclass(frozen=True)
class Normalized:
    """Normalized text with, for each of its characters, the index of the original one."""

    text: str
    offsets: tuple[int, ...]  # len(text) + 1 entries; the last is len(original)
    ends: tuple[int, ...] = ()  # original end of each character (after its combining marks)

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalized span [start, end)."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        last = self.ends[end - 1] if self.ends else self.offsets[end - 1] + 1
        return self.offsets[start], last


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into the normalized text
    end: int
    text: str


@dataclass(frozen=True)
class Prepared:
    """A document after normalize and nlp: what the extractors read."""

    doc: Document
    norm: Normalized
    sentences: tuple[Sentence, ...]
    byline: tuple[str, ...] = ()  # names credited as authors or photographers


@dataclass(frozen=True)
class Unit:
    """An administrative unit of the gazetteer."""

    code: str
    name: str  # without its type word: "Hồng Bàng", "1"
    type: str  # "quận", "huyện", "tỉnh", "thành phố", ...
    level: str  # "country", "province", "district", "commune"
    parent: str = ""
    province: str = ""

    @property
    def label(self) -> str:
        return f"{self.type} {self.name}" if self.type else self.name


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact was read from, with its original character offsets."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Term:
    start: int
    end: int

    @property
    def label(self) -> str:
        return f"{self.start}-{self.end}"


@dataclass(frozen=True)
class Body:
    """A Party or State body: `kind` comes from the body lexicon, `head` is its canonical name."""

    kind: str
    head: str
    unit: Unit | None = None
    parent: Body | None = None
    qualifier: str = ""  # "cơ quan UBND" in "Đảng ủy cơ quan UBND quận", "Nội vụ" in "Sở Nội vụ"

    @property
    def label(self) -> str:
        parts = [self.head]
        if self.qualifier:
            parts.append(self.qualifier)
        if self.parent is not None:
            parts.append(self.parent.label)
        elif self.unit is not None:
            if self.head.endswith(self.unit.name):  # "Đảng Cộng sản Việt Nam", not "… Việt Nam Việt Nam"
                pass
            elif self.unit.level == "country":
                parts.append(self.unit.name)
            elif not self.head_names_level():
                parts.append(self.unit.label)
            else:
                parts.append(self.unit.name)
        return " ".join(p for p in parts if p)

    def head_names_level(self) -> bool:
        """'Quận ủy Hồng Bàng', 'Tỉnh Đoàn Hưng Yên' need no type word; 'UBND quận Hồng Bàng' does."""
        if self.kind == "party_committee":
            return not self.head.startswith("Đảng ủy")
        return self.head.split(" ", 1)[0] in _LEVEL_WORDS


_LEVEL_WORDS = {"Tỉnh", "Thành", "Quận", "Huyện", "Thị"}  # heads that open with their unit's level


@dataclass(frozen=True)
class PersonMention:
    name: str
    start: int  # original offsets of the name
    end: int
    evidence: Evidence


@dataclass(frozen=True)
class Holding:
    person: str
    role: str
    body: Body
    status: str  # "current", "former" or "new"
    evidence: Evidence
    term: Term | None = None


@dataclass(frozen=True)
class Meeting:
    kind: str  # "congress", "plenum", "session"
    organizer: Body
    evidence: Evidence
    ordinal: int | None = None
    term: Term | None = None
    khoa: int | None = None
    start: date | None = None
    end: date | None = None
    referenced: bool = False


@dataclass(frozen=True)
class DocumentRef:
    """A resolution, directive, project, programme or decision the article names."""

    kind: str  # "resolution", "directive", "project", "programme", "decision", "plan"
    name: str
    evidence: Evidence
    number: str | None = None
    issuer: Body | None = None
    issued: date | None = None
    meeting: Meeting | None = None


@dataclass(frozen=True)
class Count:
    """A number the article reports: elected members, delegates, votes, Party members, cells."""

    what: str
    value: int
    evidence: Evidence
    total: int | None = None
    body: Body | None = None
    meeting: Meeting | None = None


@dataclass(frozen=True)
class Extraction:
    doc: Document
    persons: tuple[PersonMention, ...] = ()
    holdings: tuple[Holding, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    documents: tuple[DocumentRef, ...] = ()
    counts: tuple[Count, ...] = ()
    units: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class Failure:
    """An input that could not be read or built: reported, never fatal to the batch."""

    source: str
    error: str
    line: int | None = None
