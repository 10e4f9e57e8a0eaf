"""Read inputs (.txt, .html, .jsonl and directories of them) into Documents, reporting failures."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from .errors import InputError
from .model import Document, Failure, Metadata

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PUBLISHED = re.compile(r"(?im)^\s*(?:ngày đăng|ngày|đăng lúc|cập nhật)?:?\s*(?:\w+,\s*)?(\d{1,2}/\d{1,2}/\d{4})\s*(?:[|,-]\s*\d{1,2}:\d{2}.*)?$")
_BYLINE_NAME = re.compile(r"^(?:[A-ZĐÂĂÊÔƠƯÀ-Ỹ][\w.]*\s?){1,5}$")


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


def decode(data: bytes, source: str) -> str:
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{source}: binary file (NUL bytes), not an article")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not UTF-8 text (byte {exc.start}); convert it to UTF-8") from None


def _byline(text: str) -> str | None:
    """The author credited on the article's last line ('Kim Thành', 'Nguyễn Như Cẩn - Phòng VHTT')."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    for line in reversed(lines[-3:]):
        name = re.split(r"\s+[-–(]\s*|\s*\(", line)[0].strip().rstrip(".")
        if line.lower().startswith(("phiên bản", "bản đồ")):
            continue
        if _BYLINE_NAME.match(name) and 1 <= len(name.split()) <= 5 and not name.isupper():
            return name
        break
    return None


def txt_metadata(text: str) -> Metadata:
    published, headline = None, None
    lines = [line.strip() for line in text.splitlines()]
    for i, line in enumerate(lines[:12]):
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


class _HtmlText(HTMLParser):
    """Title, meta tags and the text of block elements; scripts and styles are skipped."""

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "article", "section"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.parts: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("script", "style", "noscript", "template"):
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = a.get("property") or a.get("name") or a.get("itemprop")
            if key and "content" in a:
                self.meta[key.lower()] = a["content"]
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript", "template") and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title += data
        else:
            self.parts.append(data)


def html_document(doc_id: str, source: str, html: str) -> Document:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    body = re.sub(r"[ \t]*\n[ \t\n]*", "\n\n", "".join(parser.parts)).strip()
    meta = parser.meta
    headline = meta.get("og:title") or parser.title.strip() or None
    published = parse_date(meta.get("article:published_time") or meta.get("pubdate") or meta.get("date"))
    author = meta.get("author") or meta.get("article:author") or _byline(body)
    return Document(doc_id, source, body, Metadata(headline, published, author, meta.get("og:url")))


def jsonl_documents(path: Path, doc_id: str, text: str) -> Iterator[Document | Failure]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            body = rec["text"]
            if not isinstance(body, str):
                raise TypeError("'text' is not a string")
        except (ValueError, KeyError, TypeError) as exc:
            yield Failure(str(path), f"malformed JSONL record: {exc}", number)
            continue
        rid = str(rec.get("id") or number)
        meta = Metadata(rec.get("title"), parse_date(rec.get("published")), rec.get("author"), rec.get("url"))
        yield Document(f"{doc_id}#{rid}", str(path), body, meta)


def read_file(path: Path, doc_id: str) -> Iterator[Document | Failure]:
    try:
        text = decode(path.read_bytes(), str(path))
    except (OSError, InputError) as exc:
        yield Failure(str(path), str(exc) if isinstance(exc, InputError) else f"cannot read: {exc.strerror}")
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from jsonl_documents(path, doc_id, text)
    elif suffix in (".html", ".htm"):
        yield html_document(doc_id, str(path), text)
    elif not text.strip():
        yield Failure(str(path), "empty file")
    else:
        yield Document(doc_id, str(path), text, txt_metadata(text))


def _walk(root: Path) -> Iterator[Path]:
    seen: set[Path] = set()
    stack = [root]
    while stack:
        directory = stack.pop()
        real = directory.resolve()
        if real in seen:  # a symlink loop
            continue
        seen.add(real)
        try:
            entries = sorted(directory.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir():
                stack.append(entry)
            elif entry.suffix.lower() in SUFFIXES:
                yield entry
        stack.sort(reverse=True)


def read(inputs: list[str]) -> Iterator[Document | Failure]:
    """Every article in the inputs, in a stable order; unreadable ones as Failures."""
    for given in inputs:
        path = Path(given)
        if not path.exists():
            raise InputError(f"input {given} does not exist: give article files or directories")
        if path.is_dir():
            for file in _walk(path):
                yield from read_file(file, file.relative_to(path).as_posix())
        else:
            yield from read_file(path, path.name)

