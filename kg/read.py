"""Read inputs (.txt, .html, .jsonl and directories of them) into Documents, reporting failures.

Every input ends as a Document or a Failure saying why it cannot be used and what to do; nothing a
user feeds the reader may stop the batch. Text is decoded only when that can be done with
confidence: UTF-8 (with or without BOM), UTF-16/32 with a BOM or recognisable without one,
doubly encoded UTF-8 (mojibake), and 8-bit Windows-1258 or Latin-1 text; legacy Vietnamese font
encodings (TCVN3/ABC, VNI) and everything unrecognisable are reported, never silently garbled.

Reading is two stages: `scan` splits the inputs into articles with a checksum of their bytes, and
`document` decodes and checks one; a build decodes only the articles whose checksum changed.
"""
from __future__ import annotations

import errno
import hashlib
import html as html_lib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .model import Document, Failure, Metadata, RawArticle
from .text import is_syllable

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
# One article (a file, or a line of a JSONL file) is at most this big: real articles are well under
# 1 MB, and extraction time grows faster than linearly with the length of a sentence.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_ARTICLE_CHARS = 500_000
_SAMPLE = 20_000  # characters judged when recognising an encoding
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # category Cc but \t\n\v\f\r

_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PUBLISHED = re.compile(r"(?im)^\s*(?:ngày đăng|ngày|đăng lúc|cập nhật)?:?\s*(?:\w+,\s*)?"
                        r"(\d{1,2}/\d{1,2}/\d{4})\s*(?:[|,-]\s*\d{1,2}:\d{2}.*)?$")
_CAPITAL = "A-ZĐÂĂÊÔƠƯÀ-Ỹ"
# Words separated by single spaces, each capitalized: linear, whatever the line (no nested repeats).
_BYLINE_NAME = re.compile(rf"[{_CAPITAL}][\w.]*(?:\s[{_CAPITAL}][\w.]*){{0,4}}")
# What credits a byline: "Tác giả: Nguyễn Văn Nam", "Bài và ảnh: Minh Thu", "Tin, ảnh: Hà Anh".
_CREDIT = re.compile(r"^(?:tác giả|bài|tin|bài và ảnh|tin và ảnh|bài, ảnh|tin, ảnh|pv|nhóm pv)\s*:\s*",
                     re.IGNORECASE)


class Unreadable(ValueError):
    """Why a file, a JSONL record or a text cannot be used as an article; it becomes a Failure."""


def parse_date(text: str | None) -> date | None:
    """'29/02/2020', '2020-02-29' or '2020-02-29T08:53:00+07:00' -> date; None when not a date."""
    if not text:
        return None
    m = _ISO.search(text)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = _DATE.search(text)
        if m:
            return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None
    return None


# --- Text that is not Unicode Vietnamese: judged by its share of well-formed syllables ----------------

_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")  # stray combining marks stay in their word
_LETTERS = re.compile(r"[^\W\d_]+")  # the same words when there is no combining mark: twice as fast
_COMBINING = re.compile("[\u0300-\u036f]")


def vietnamese_score(text: str) -> tuple[float, int]:
    """(share of well-formed syllables, count) among the words with a non-ASCII letter in a sample of
    the text; (1.0, 0) when there is no such word to judge."""
    sample = unicodedata.normalize("NFC", text[:_SAMPLE])
    words = [w for w in (_WORD if _COMBINING.search(sample) else _LETTERS).findall(sample) if not w.isascii()]
    if not words:
        return 1.0, 0
    return sum(map(is_syllable, words)) / len(words), len(words)


# --- Legacy Vietnamese font encodings: recognised so that they can be reported ---------------------

# TCVN 5712 (TCVN3, the ABC fonts .VnTime…), bytes 0x80-0xFF as the Latin-1 characters its text
# shows as ("§¹i héi" for "Đại hội"); TCVN3 text uses 0xA1-0xFF, 0x80-0x9F hold VN1 capitals.
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"
    " ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịò"
    "ỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ"
)
_TCVN3 = {chr(0x80 + i): c for i, c in enumerate(_TCVN3_HIGH) if c != " "}

# VNI Windows: a base letter followed by a diacritic character ("Ñaïi hoäi" for "Đại hội").
_VNI_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, sắc, huyền, hỏi, ngã, nặng
_VNI_MARKS = dict(zip("ùøûõï", _VNI_TONES[1:]))
_VNI_MARKS.update(zip("âáàåãä", ("\u0302" + t for t in _VNI_TONES)))  # circumflex
_VNI_MARKS.update(zip("êéèúüë", ("\u0306" + t for t in _VNI_TONES)))  # breve
_VNI_MARKS.update({k.upper(): v for k, v in _VNI_MARKS.items()})
_VNI_LETTERS = dict(zip("ôöñíìæóòîÔÖÑÍÌÆÓÒÎ", "ơưđíìỉĩịỵƠƯĐÍÌỈĨỊỴ"))
_VNI_SYLLABLE = re.compile(f"([A-Za-zơưƠƯ])([{''.join(_VNI_MARKS)}])")


def _from_tcvn3(text: str) -> str:
    return unicodedata.normalize("NFC", "".join(_TCVN3.get(c, c) for c in text))


def _from_vni(text: str) -> str:
    letters = "".join(_VNI_LETTERS.get(c, c) for c in text)
    return unicodedata.normalize("NFC", _VNI_SYLLABLE.sub(lambda m: m[1] + _VNI_MARKS[m[2]], letters))


_LEGACY = (("TCVN3 (ABC)", _from_tcvn3), ("VNI", _from_vni))


def legacy_font_encoding(text: str) -> str | None:
    """'TCVN3 (ABC)' or 'VNI' when the text is Vietnamese typed in a legacy font encoding: its words
    are mostly not Vietnamese syllables, and become so once converted from that encoding."""
    sample = text[:_SAMPLE]
    score, count = vietnamese_score(sample)
    if score >= 0.85 or count < 3:
        return None
    for name, convert in _LEGACY:
        converted, converted_count = vietnamese_score(convert(sample))
        if converted >= 0.8 and converted - score >= 0.25 and converted_count >= 3:
            return name
    return None


# --- Doubly encoded UTF-8 (mojibake): "Ä‘áº¡i" for "đại" --------------------------------------------

# The character each byte 0x80-0xFF becomes when UTF-8 is misread as Latin-1 or Windows-1252.
_MOJI_BYTE: dict[str, int] = {}
for _b in range(0x80, 0x100):
    _MOJI_BYTE[chr(_b)] = _b
    try:
        _MOJI_BYTE[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        pass


def _moji_class(low: int, high: int) -> str:
    return "[" + "".join(re.escape(c) for c, b in _MOJI_BYTE.items() if low <= b <= high) + "]"


_CONT = _moji_class(0x80, 0xBF)
_MOJIBAKE = re.compile(f"{_moji_class(0xC2, 0xDF)}{_CONT}|{_moji_class(0xE0, 0xEF)}{_CONT}{{2}}"
                       f"|{_moji_class(0xF0, 0xF4)}{_CONT}{{3}}")
# What is left of Vietnamese mojibake when bytes were lost on the way ("á»?" for "ề").
_MOJIBAKE_TRACE = re.compile("á[º»]|[ÃÄÆ][\u0080-\u009f\u00a1-\u00bf‘’“”\ufffd]|â€")


def _plausible(char: str) -> bool:
    """A character that Vietnamese text may contain once repaired, or a byte of mojibake still to
    be repaired in the next round."""
    o = ord(char)
    return (0x80 <= o <= 0x24F or 0x300 <= o <= 0x36F or 0x1EA0 <= o <= 0x1EFF or 0x2000 <= o <= 0x20AC
            or char in _MOJI_BYTE)


def _repair_once(text: str) -> tuple[str, int]:
    repaired = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal repaired
        try:
            char = bytes(_MOJI_BYTE[c] for c in m.group()).decode("utf-8")
        except UnicodeDecodeError:
            return m.group()
        if not _plausible(char):
            return m.group()
        repaired += 1
        return char

    return _MOJIBAKE.sub(fix, text), repaired


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252/Latin-1 (once or more) when the result reads as better
    Vietnamese; raise Unreadable when the text is mojibake that cannot be repaired with confidence."""
    repaired = text
    for _ in range(3):
        repaired, count = _repair_once(repaired)
        if count < 2:
            break
        # A no-break space lost in transit leaves "Ã " where "à" was: only after a lower-case letter.
        repaired = re.sub(r"(?<=[a-zđ])Ã (?=\s|[a-zđ])", "à ", repaired)
    was_mojibake = repaired != text and vietnamese_score(repaired)[0] >= vietnamese_score(text)[0]
    if was_mojibake:
        text = repaired
    traces = len(_MOJIBAKE_TRACE.findall(text))
    if traces >= (1 if was_mojibake else 2):
        raise Unreadable(f"doubly encoded UTF-8 (mojibake such as 'Ä‘' for 'đ') that cannot be repaired with "
                         f"confidence ({traces} damaged sequences): export the article again as UTF-8")
    return text


# --- Bytes -> text ----------------------------------------------------------------------------------

_BOMS = ((b"\xef\xbb\xbf", "utf-8", "UTF-8"), (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
         (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"), (b"\xff\xfe", "utf-16-le", "UTF-16"),
         (b"\xfe\xff", "utf-16-be", "UTF-16"))
_MAGIC = ((b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or .docx/.odt document)"),
          (b"\x1f\x8b", "a gzip archive"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"GIF8", "a GIF image"), (b"\xd0\xcf\x11\xe0", "a Microsoft Office document (.doc)"),
          (b"{\\rtf", "an RTF document"), (b"\x7fELF", "an executable"), (b"BZh", "a bzip2 archive"),
          (b"7z\xbc\xaf", "a 7-Zip archive"), (b"\xfd7zXZ", "an xz archive"))
_WESTERN_PUNCTUATION = set("\u00a0«»°©®·–—‘’‚“”„…•€£§¶±×÷¿¡ºª")


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes fill one byte of each pair, as in UTF-16 text."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 8:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.2 and even_nul < 0.01:
        return "utf-16-le"
    if even_nul > 0.2 and odd_nul < 0.01:
        return "utf-16-be"
    return None


def _reject_binary(head: bytes) -> None:
    """Unreadable when the bytes begin like a known binary format (PDF, ZIP, images…)."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise Unreadable(f"{what}, not article text: give .txt, .html or .jsonl text")


def _latin_script(text: str) -> bool:
    """Mostly Latin letters, Vietnamese ones included, punctuation and spaces: how UTF-16 guessed
    without a BOM must read, where binary data would read as a soup of CJK and symbols."""
    sample = text[:_SAMPLE]
    latin = sum(1 for c in sample if c < "\u0250" or "\u1ea0" <= c <= "\u1eff" or "\u2000" <= c <= "\u206f")
    return bool(sample) and latin >= 0.95 * len(sample)


def _western(text: str) -> bool:
    """Latin-1 text of a Western language: accented letters among mostly ASCII ones, no symbol soup
    (Cyrillic or CJK bytes read as Latin-1 are nearly all accented letters or symbols)."""
    letters = [c for c in text[:_SAMPLE] if c.isalpha()]
    foreign = [c for c in text[:_SAMPLE] if not c.isascii()]
    if any(not c.isalpha() and c not in _WESTERN_PUNCTUATION for c in foreign):
        return False
    return sum(1 for c in foreign if c.isalpha()) <= 0.4 * max(len(letters), 1)


def _decode_8bit(data: bytes) -> str:
    """Windows-1258 or Latin-1/Windows-1252 text, chosen by how Vietnamese it reads; else Unreadable."""
    latin = data.decode("latin-1")
    if (legacy := legacy_font_encoding(latin)) is not None:
        raise Unreadable(_legacy_message(legacy))
    candidates = []
    for codec in ("cp1258", "cp1252"):
        try:
            text = unicodedata.normalize("NFC", data.decode(codec))
        except UnicodeDecodeError:
            continue
        score, count = vietnamese_score(text)
        candidates.append((score, count, codec == "cp1258", text))
    if candidates:
        score, count, vietnamese, text = max(candidates, key=lambda c: (c[0], c[2]))
        if count and score >= 0.8 and (vietnamese or _western(text)):
            return text
        if any(not c[2] and _western(c[3]) for c in candidates):
            return next(c[3] for c in candidates if not c[2])
    raise Unreadable("not UTF-8, and not recognisably Windows-1258 or Latin-1 text either: "
                     "save the article as UTF-8")


def _legacy_message(name: str) -> str:
    return (f"Vietnamese typed in the legacy {name} font encoding, not Unicode: convert it to Unicode "
            "(e.g. with UniKey's converter) and save it as UTF-8")


def decode(data: bytes) -> str:
    """The text of a file's bytes (without BOM), or Unreadable saying why it is not text."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise Unreadable(f"invalid {name} text at byte {exc.start + len(bom)}: "
                                 "save it again as UTF-8") from None
    head = data[:65536]
    _reject_binary(head)
    codec = _utf16_without_bom(head)
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = ""
        if _latin_script(text):
            return text
    if b"\x00" in head:
        raise Unreadable("binary data (NUL bytes), not article text: give .txt, .html or .jsonl text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_8bit(data)


def check_text(text: str) -> str:
    """The text of an article, repaired when it is mojibake; Unreadable when it is too long, binary,
    mojibake beyond repair or in a legacy font encoding."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise Unreadable(f"article text has {len(text):,} characters, more than the {MAX_ARTICLE_CHARS:,} "
                         "allowed for one article: split it into separate articles")
    text = repair_mojibake(text)  # first: mojibake of mojibake is full of C1 control characters
    sample = text[:_SAMPLE]
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > 0.05 * len(sample):
        raise Unreadable("binary data (control characters), not article text")
    if (legacy := legacy_font_encoding(text)) is not None:
        raise Unreadable(_legacy_message(legacy))
    return text


# --- Metadata -----------------------------------------------------------------------------------


def _byline(text: str) -> str | None:
    """The author credited on the article's last line ('Kim Thành', 'Nguyễn Như Cẩn - Phòng VHTT')."""
    lines = [line.strip() for line in text[-2000:].strip().splitlines() if line.strip()]
    for line in reversed(lines[-3:]):
        line = _CREDIT.sub("", line)
        name = re.split(r"\s+[-–(]\s*|\s*\(", line[:200])[0].strip().rstrip(".")
        if line.lower().startswith(("phiên bản", "bản đồ", "theo ", "nguồn", "ảnh:")):  # furniture, source, photos
            continue
        if _BYLINE_NAME.fullmatch(name) and 1 <= len(name.split()) <= 5 and not name.isupper():
            return name
        break
    return None


def txt_metadata(text: str) -> Metadata:
    published, headline = None, None
    lines = [line.strip()[:1000] for line in text[:20000].splitlines()[:12]]
    for i, line in enumerate(lines):
        m = _PUBLISHED.match(line)
        if m and (published := parse_date(m.group(1))):
            previous = [x for x in lines[:i] if x]
            headline = previous[-1] if previous else None
            break
    if headline is None:
        first = next((x for x in lines if x), "")
        if first and len(first) < 200 and not first.endswith("."):
            headline = first
    return Metadata(headline=headline, published=published, author=_byline(text))


# --- HTML -----------------------------------------------------------------------------------------

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


# A tag, its attributes up to ">"; a quote left open runs to the end, as in browsers, so that
# scanning stays linear whatever the page (html.parser is quadratic on some malformed input).
_TAG = re.compile(r"""<(/?)([A-Za-z][^\s/>]*)((?:[^>"']+|"[^"]*(?:"|\Z)|'[^']*(?:'|\Z))*)>?""")
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"?|'[^']*'?|[^\s>]+))?""")
_RAW_TEXT = {"script", "style", "textarea", "title", "noscript", "template", "iframe", "xmp", "noembed",
             "noframes"}
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "article", "section",
           "main", "blockquote", "figcaption", "dd", "dt", "pre", "hr", "table", "ul", "ol", "title"}
_SKIP = {"svg", "math", "object", "nav", "aside", "select", "button"}  # not "form": ASP.NET pages
_MAIN = {"article", "main"}
_SPACES = re.compile(r"\s+")


def _attrs(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR.finditer(text):
        value = (m.group(2) or "").strip("\"'")
        out.setdefault(m.group(1).lower(), html_lib.unescape(value))
    return out


class _Page:
    """Title, meta tags and text of an HTML page, read in one linear pass: scripts, styles,
    navigation and forms' widgets are skipped; only the standard HTML character references are
    expanded and nothing is ever fetched."""

    def __init__(self, html: str) -> None:
        self.title = ""
        self.meta: dict[str, str] = {}
        self.parts: list[str] = []
        self.main: list[str] = []
        self._skip = 0
        self._in_head = False  # its end tag is optional: <body> ends it too
        self._main: tuple[str, int] | None = None  # tag of the main container, its nesting depth
        self._read(html)

    def _read(self, html: str) -> None:
        pos, n = 0, len(html)
        while pos < n:
            lt = html.find("<", pos)
            if lt < 0:
                lt = n
            self._text(html[pos:lt])
            if lt == n:
                break
            m = _TAG.match(html, lt)
            if m is not None:
                pos = self._tag(html, m)
            elif html.startswith("<!--", lt):
                end = html.find("-->", lt + 4)
                pos = n if end < 0 else end + 3
            elif html.startswith(("<!", "<?", "</"), lt):  # doctype, CDATA, bogus comment: up to ">"
                end = html.find(">", lt)
                pos = n if end < 0 else end + 1
            else:
                self._text("<")
                pos = lt + 1

    def _tag(self, html: str, m: re.Match[str]) -> int:
        closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            self._end(name)
            return m.end()
        self._start(name, attrs)
        if name not in _RAW_TEXT or attrs.rstrip().endswith("/"):
            return m.end()
        close = re.compile(rf"</{name}[\s/>]", re.IGNORECASE).search(html, m.end())
        content = html[m.end():close.start() if close else len(html)]
        if name == "title" and not self._skip and not self.title:
            self.title = " ".join(html_lib.unescape(content).split())[:500]
        elif name == "textarea":
            self._text(content)
        if close is None:
            return len(html)
        end = html.find(">", close.end() - 1)
        return len(html) if end < 0 else end + 1

    def _start(self, name: str, attrs: str) -> None:
        if name == "meta":
            a = _attrs(attrs)
            key = a.get("property") or a.get("name") or a.get("itemprop")
            if key and "content" in a:
                self.meta.setdefault(key.lower(), a["content"][:2000])
            return
        if name in ("head", "body"):
            self._in_head = name == "head"
        elif name in _SKIP and not attrs.rstrip().endswith("/"):
            self._skip += 1
        if self._main is None and (name in _MAIN or ("itemprop" in attrs and
                                                     _attrs(attrs).get("itemprop") == "articleBody")):
            self._main = (name, 0)
        if self._main is not None and self._main[0] == name:
            self._main = (name, self._main[1] + 1)
        if name in _BLOCKS:
            self._append("\n")

    def _end(self, name: str) -> None:
        if name in _BLOCKS:
            self._append("\n")
        if name == "head":
            self._in_head = False
        elif name in _SKIP and self._skip:
            self._skip -= 1
        if self._main is not None and self._main[0] == name:
            depth = self._main[1] - 1
            self._main = (name, depth) if depth else None

    def _text(self, text: str) -> None:
        """Character data: its line breaks are spaces, as in a browser; blocks make the paragraphs."""
        if text:
            self._append(_SPACES.sub(" ", html_lib.unescape(text)))

    def _append(self, text: str) -> None:
        if self._skip or self._in_head:
            return
        self.parts.append(text)
        if self._main is not None:
            self.main.append(text)


def _paragraphs(parts: Iterable[str]) -> str:
    """Lines stripped, blank ones dropped, paragraphs separated by one blank line (linear time)."""
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n\n".join(line for line in lines if line)


def decode_html(data: bytes) -> str:
    """HTML bytes as text, recognised like any text; failing that, in the charset the page declares."""
    try:
        return decode(data)
    except Unreadable:
        m = _CHARSET.search(data[:4096])
        if m is None:
            raise
        try:
            return unicodedata.normalize("NFC", data.decode(m.group(1).decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            raise Unreadable(f"not UTF-8, and not in the charset {m.group(1).decode('ascii')!r} the page "
                             "declares: save it as UTF-8") from None


def html_document(doc_id: str, source: str, html: str) -> Document:
    page = _Page(html)
    main = _paragraphs(page.main)
    body = main if len(main) >= 100 else _paragraphs(page.parts)
    if not body:
        raise Unreadable("no article text in the HTML page (only markup, scripts or navigation)")
    body = check_text(body)
    meta = page.meta
    headline = meta.get("og:title") or page.title or None
    published = parse_date(meta.get("article:published_time") or meta.get("pubdate") or meta.get("date"))
    author = meta.get("author") or meta.get("article:author") or _byline(body)
    return Document(doc_id, source, body, Metadata(headline, published, author, meta.get("og:url")))


# --- JSONL ----------------------------------------------------------------------------------------


def _field(rec: dict, name: str) -> str | None:
    value = rec.get(name)
    return value if isinstance(value, str) and value.strip() else None


def jsonl_record(line: bytes) -> tuple[str | None, str, Metadata]:
    """(id, text, metadata) of one JSONL line, the text not yet checked; Unreadable saying what is
    wrong with it."""
    if b"\x00" in line:
        raise Unreadable("binary data (NUL bytes) on this line")
    try:
        rec = json.loads(decode(line) if not line.isascii() else line)
    except RecursionError:
        raise Unreadable("malformed JSONL record: nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise Unreadable(f"malformed JSONL record: {exc.msg} at column {exc.colno}") from None
    except ValueError as exc:
        raise Unreadable(f"malformed JSONL record: {exc}") from None
    if not isinstance(rec, dict):
        raise Unreadable(f"malformed JSONL record: a JSON {type(rec).__name__}, not an object")
    body = rec.get("text")
    if not isinstance(body, str):
        raise Unreadable("JSONL 'text' is not a string" if body is not None
                         else "JSONL record has no 'text' string")
    if not body.strip():
        raise Unreadable("JSONL record has an empty 'text'")
    rid = rec.get("id")
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, (str, int)) or not str(rid).strip()):
        raise Unreadable("JSONL 'id' must be a non-empty string or an integer")
    meta = Metadata(_field(rec, "title"), parse_date(_field(rec, "published")), _field(rec, "author"),
                    _field(rec, "url"))
    return (None if rid is None else str(rid).strip()), body, meta


def _lines(f: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) of a binary file, a line longer than MAX_FILE_BYTES as (number, None) without
    ever holding more than that in memory."""
    number = 0
    while True:
        line = f.readline(MAX_FILE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_FILE_BYTES:
            while line and not line.endswith(b"\n"):
                line = f.readline(1 << 20)
            yield number, None
            continue
        yield number, line[3:] if number == 1 and line.startswith(b"\xef\xbb\xbf") else line


def _jsonl_lines(f: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    head = f.read(65536)
    f.seek(0)
    _reject_binary(head)
    if head.startswith(tuple(bom for bom, _, _ in _BOMS[1:])) or b"\x00" in head:
        # UTF-16/32 JSONL is rare enough to be read whole, within the limit of one article;
        # binary data is reported by decode().
        text = decode(_read_limited(f))
        for number, line in enumerate(text.split("\n"), 1):
            yield number, line.encode("utf-8")
        return
    yield from _lines(f)


def jsonl_articles(f: BinaryIO, source: str, doc_id: str) -> Iterator[RawArticle | Failure]:
    seen: dict[str, int] = {}
    records = 0
    for number, line in _jsonl_lines(f):
        if line is None:
            yield Failure(source, f"line is longer than {MAX_FILE_BYTES // 2**20} MB, the limit for one "
                                  "article: split the article", number)
            continue
        if not line.strip():
            continue
        records += 1
        try:
            rid, body, meta = jsonl_record(line)
            rid = rid or str(number)
            if rid in seen:
                raise Unreadable(f"duplicate id {rid!r} (first on line {seen[rid]}): "
                                 "give each record its own id")
        except Unreadable as exc:
            yield Failure(source, str(exc), number)
            continue
        seen[rid] = number
        yield RawArticle(f"{doc_id}#{rid}", source, _checksum(line), text=body, metadata=meta, line=number)
    if records == 0:
        yield Failure(source, "empty file: no JSONL record in it")


# --- Files and directories ------------------------------------------------------------------------


def _read_limited(f: BinaryIO) -> bytes:
    data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        size = os.fstat(f.fileno()).st_size
        raise Unreadable(f"file has {size / 2**20:.0f} MB, more than the {MAX_FILE_BYTES // 2**20} MB "
                         "allowed for one article: split it into one article per file or per JSONL line")
    return data


def printable(name: str) -> str:
    """A file name as UTF-8 text: bytes that are not UTF-8 (a name from a Windows archive) are shown
    as \\xNN escapes, so that ids, IRIs and reports can carry it."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _os_error(path: Path, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        if path.is_symlink():
            return "broken symbolic link: its target does not exist"
        return "file disappeared before it could be read (moved or deleted during the run)"
    if isinstance(exc, PermissionError):
        return "permission denied: make it readable (chmod a+r) or leave it out"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop: it points back to itself"
    return f"cannot read: {exc.strerror or exc}"


def _checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document(article: RawArticle) -> Document | Failure:
    """The article's text decoded and checked, with its metadata; a Failure saying why it cannot be
    used."""
    try:
        return _document(article)
    except Unreadable as exc:
        return Failure(article.source, str(exc), article.line)


def _document(article: RawArticle) -> Document:
    if article.text is not None:
        return Document(article.id, article.source, check_text(article.text), article.metadata)
    if article.source.lower().endswith((".html", ".htm")):
        return html_document(article.id, article.source, decode_html(article.data))
    text = decode(article.data)
    if not text.strip():
        raise Unreadable("empty file")
    text = check_text(text)
    return Document(article.id, article.source, text, txt_metadata(text))


def scan_file(path: Path, doc_id: str) -> Iterator[RawArticle | Failure]:
    """The articles of one file, not yet decoded: one (or several, from JSONL) or Failures saying
    why not."""
    source, doc_id = printable(str(path)), printable(doc_id)
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise Unreadable("not a regular file (a FIFO, socket or device): give article files")
        with open(path, "rb") as f:
            if path.suffix.lower() == ".jsonl":
                yield from jsonl_articles(f, source, doc_id)
            else:
                data = _read_limited(f)
                yield RawArticle(doc_id, source, _checksum(data), data)
    except Unreadable as exc:
        yield Failure(source, str(exc))
    except OSError as exc:
        yield Failure(source, _os_error(path, exc))


def _walk(root: Path) -> Iterator[Path | Failure]:
    """Article files under `root` in sorted depth-first order, hidden ones (.git, ._x.txt) left out;
    each real directory is entered once, so symbolic link loops end; a directory that cannot be
    listed is a Failure."""
    seen: set[str] = set()
    stack: list[Path] = [root]
    while stack:
        directory = stack.pop()
        real = os.path.realpath(directory)
        if real in seen:
            continue
        seen.add(real)
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Failure(printable(str(directory)), "cannot list directory: " + _os_error(directory, exc))
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = directory / entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(path)
            elif entry.name.lower().endswith(SUFFIXES):
                yield path
        stack.extend(reversed(subdirs))


def read(inputs: list[str]) -> Iterator[Document | Failure]:
    """Every article in the inputs, in a stable order; unreadable ones as Failures. Raises InputError
    only when an input path does not exist."""
    for item in scan(inputs):
        yield item if isinstance(item, Failure) else document(item)


def scan(inputs: list[str]) -> Iterator[RawArticle | Failure]:
    """`read`'s articles before their text is decoded and checked (`document` does that): a caller
    that already has an article in the same version need not pay for it."""
    paths = [Path(given) for given in inputs]
    for given, path in zip(inputs, paths):
        if not path.exists() and not path.is_symlink():
            raise InputError(f"input {printable(given)} does not exist: give article files or directories")
    for path in paths:
        if path.is_dir():
            for item in _walk(path):
                if isinstance(item, Failure):
                    yield item
                else:
                    yield from scan_file(item, item.relative_to(path).as_posix())
        else:
            yield from scan_file(path, path.name)
