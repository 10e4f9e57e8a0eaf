"""Reading inputs: every file, record and encoding is read or reported, and the rest of the batch
is still built."""
from __future__ import annotations

import hashlib
import json
import os
import socket
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from kg import read as kg_read
from kg.cli import main
from kg.errors import InputError
from kg.model import Document, Failure
from kg.text import TONES
from kg.read import (Unreadable, check_text, decode, legacy_font_encoding, parse_date, read,
                     repair_mojibake)

ARTICLE = (
    "Đại hội Đảng bộ quận Hồng Bàng lần thứ XXIII, nhiệm kỳ 2020 - 2025\n\n"
    "Đồng chí Trần Quang Tuấn tiếp tục được bầu là Bí thư Quận ủy Hồng Bàng nhiệm kỳ 2020 - 2025. "
    "Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ quận khóa XXIII đã bầu Ban Thường vụ Quận ủy gồm "
    "13 đồng chí; đồng chí Nguyễn Văn Hiếu được bầu giữ chức Phó Bí thư Thường trực Quận ủy.\n"
)


def items(*inputs: Path) -> list[Document | Failure]:
    return list(read([str(p) for p in inputs]))


def only_document(*inputs: Path) -> Document:
    out = items(*inputs)
    assert len(out) == 1 and isinstance(out[0], Document), out
    return out[0]


def only_failure(*inputs: Path) -> Failure:
    out = items(*inputs)
    assert len(out) == 1 and isinstance(out[0], Failure), out
    return out[0]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# -- legacy encodings, produced the way old software did ------------------------------------------


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps ă, â, ơ, đ… whole and writes the five tones as combining marks."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in marks if c not in TONES))
            out += base.encode("cp1258") + "".join(c for c in marks if c in TONES).encode("cp1258")
    return bytes(out)


def to_tcvn3(text: str) -> str:
    """TCVN3 (ABC) as the Latin-1 characters it shows as; its fonts have lower-case letters only."""
    table = {v: k for k, v in kg_read._TCVN3.items() if not unicodedata.combining(v)}
    return "".join(table.get(c, table.get(c.lower(), c)) for c in unicodedata.normalize("NFC", text))


def to_vni(text: str) -> str:
    """VNI: base letter followed by a diacritic character."""
    letters = {v: k for k, v in kg_read._VNI_LETTERS.items()}
    marks = {"".join(sorted(v)): k for k, v in kg_read._VNI_MARKS.items() if k.islower()}
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in letters:
            out.append(letters[char])
            continue
        base, *rest = unicodedata.normalize("NFD", char)
        if "\u031b" in rest:  # ơ, ư are letters of their own in VNI
            base = letters[unicodedata.normalize("NFC", base + "\u031b")]
            rest = [m for m in rest if m != "\u031b"]
        mark = marks.get("".join(sorted(rest)), "") if rest else ""
        out.append(base + (mark.upper() if base.isupper() else mark))
    return "".join(out)


def mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252, its undefined bytes kept as C1 characters (as Windows does)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


# -- plain text and its encodings -------------------------------------------------------------------


def test_utf8_article_is_read_with_a_stable_id_relative_to_its_root(tmp_path: Path) -> None:
    write(tmp_path / "in" / "quan" / "a.txt", ARTICLE.encode())
    doc = only_document(tmp_path / "in")
    assert doc.id == "quan/a.txt"
    assert doc.text == ARTICLE
    assert doc.source == str(tmp_path / "in" / "quan" / "a.txt")
    assert only_document(tmp_path / "in" / "quan" / "a.txt").id == "a.txt"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_file_is_reported(tmp_path: Path, data: bytes) -> None:
    assert "empty file" in only_failure(write(tmp_path / "e.txt", data)).error


@pytest.mark.parametrize("data, what", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    ("Đại hội\x00\x00\x01 Đảng bộ".encode(), "NUL"),
    (bytes(range(256)) * 40, "NUL"),
])
def test_binary_files_are_reported(tmp_path: Path, data: bytes, what: str) -> None:
    failure = only_failure(write(tmp_path / "b.txt", data))
    assert what in failure.error and "not article text" in failure.error


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    data = bytes([1, 2, 3, 4, 5, 6, 0x1B, 0x7F]) * 500 + ARTICLE.encode()
    assert "binary" in only_failure(write(tmp_path / "c.txt", data)).error


@pytest.mark.parametrize("encode", [
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),
    lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    lambda t: t.encode("utf-16-le"),  # no BOM
    lambda t: t.encode("utf-32"),
    lambda t: to_cp1258(t),
], ids=["utf8-bom", "utf16", "utf16be-bom", "utf16le-no-bom", "utf32", "windows-1258"])
def test_unicode_and_windows_1258_are_decoded(tmp_path: Path, encode) -> None:
    doc = only_document(write(tmp_path / "a.txt", encode(ARTICLE)))
    assert doc.text == unicodedata.normalize("NFC", ARTICLE)
    assert doc.metadata.headline == ARTICLE.splitlines()[0]


@pytest.mark.parametrize("ending", ["Phạm Văn Bình", "Phạm Văn Bình\n\nTheo Báo Hà Tĩnh",
                                    "Phạm Văn Bình - Phòng VHTT\nNguồn: Cổng thông tin huyện",
                                    "Tác giả: Phạm Văn Bình", "Bài và ảnh: Phạm Văn Bình",
                                    "Bài: Phạm Văn Bình\nẢnh: Minh Thu"])
def test_the_byline_is_found_above_the_source_line(tmp_path: Path, ending: str) -> None:
    doc = only_document(write(tmp_path / "a.txt", (ARTICLE + "\n" + ending + "\n").encode("utf-8")))
    assert doc.metadata.author == "Phạm Văn Bình"


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    text = "Ông Tô Lâm và bà Mai.\nLe café de la Mairie a été rénové à Paris, déclare l'élu.\n"
    assert only_document(write(tmp_path / "l.txt", text.encode("latin-1"))).text == text


def test_windows_1258_html_declaring_its_charset(tmp_path: Path) -> None:
    page = (f'<html><head><meta charset="windows-1258"><title>Đại hội</title></head>'
            f'<body><p>{ARTICLE}</p></body></html>')
    doc = only_document(write(tmp_path / "p.html", to_cp1258(page)))
    assert "Trần Quang Tuấn" in doc.text and doc.metadata.headline == "Đại hội"


def test_undecidable_bytes_are_reported(tmp_path: Path) -> None:
    data = "Выборы в городской совет прошли в воскресенье, сообщает газета.".encode("koi8-r")
    assert "not UTF-8" in only_failure(write(tmp_path / "r.txt", data)).error


@pytest.mark.parametrize("damage", [mojibake, lambda t: mojibake(mojibake(t)),
                                    lambda t: mojibake(t).encode("utf-8").decode("latin-1")],
                         ids=["once", "twice", "latin-1"])
def test_mojibake_is_repaired(tmp_path: Path, damage) -> None:
    garbled = damage(ARTICLE)
    assert "Ä‘" in garbled or "Ã" in garbled
    assert repair_mojibake(garbled) == ARTICLE
    assert only_document(write(tmp_path / "m.txt", garbled.encode("utf-8"))).text == ARTICLE


def test_mojibake_that_lost_bytes_is_reported(tmp_path: Path) -> None:
    # Windows-1252 has no character for 0x81, 0x8D, 0x8F, 0x90, 0x9D: "ề", "Đ"… come out damaged.
    garbled = ARTICLE.encode("utf-8").decode("cp1252", errors="replace")
    failure = only_failure(write(tmp_path / "m.txt", garbled.encode("utf-8")))
    assert "mojibake" in failure.error


def test_real_vietnamese_is_neither_mojibake_nor_legacy() -> None:
    for path in sorted((Path(__file__).resolve().parent.parent / "data" / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert repair_mojibake(text) == text
        assert legacy_font_encoding(text) is None
        assert check_text(text) == text


def test_legacy_font_tables() -> None:
    assert kg_read._from_tcvn3("§¹i héi B¶o Th¾ng M\xadêng Kh\xad¬ng") == "Đại hội Bảo Thắng Mường Khương"
    assert kg_read._from_vni("Ñaïi hoäi Xin chaøo caùc baïn ñöôïc") == "Đại hội Xin chào các bạn được"


@pytest.mark.parametrize("convert, name", [(to_tcvn3, "TCVN3"), (to_vni, "VNI")])
def test_legacy_font_encodings_are_reported(tmp_path: Path, convert, name: str) -> None:
    legacy = convert(ARTICLE)
    assert legacy != ARTICLE
    as_bytes = only_failure(write(tmp_path / "bytes.txt", legacy.encode("cp1252", errors="replace")))
    as_unicode = only_failure(write(tmp_path / "pasted.txt", legacy.encode("utf-8")))
    for failure in (as_bytes, as_unicode):
        assert name in failure.error and "convert it to Unicode" in failure.error


def test_scan_takes_bytes_and_document_decodes_them(tmp_path: Path) -> None:
    """scan only splits the inputs into articles with a checksum of their bytes; what is wrong
    with an article's text is found by document, with the record's line."""
    lines = [json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False),
             json.dumps({"id": "b", "text": to_tcvn3(ARTICLE)}, ensure_ascii=False)]
    path = write(tmp_path / "feed.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))
    raw = list(kg_read.scan([str(path)]))
    assert [r.id for r in raw] == ["feed.jsonl#a", "feed.jsonl#b"]
    assert raw[0].checksum == hashlib.sha256((lines[0] + "\n").encode("utf-8")).hexdigest()
    good, bad = map(kg_read.document, raw)
    assert isinstance(good, Document) and good.text == ARTICLE
    assert isinstance(bad, Failure) and bad.line == 2 and "TCVN3" in bad.error


# -- HTML ------------------------------------------------------------------------------------------


PAGE = """<!DOCTYPE html [<!ENTITY boom "&boom;&boom;&boom;">]>
<html><head>
<title>Đại hội Đảng bộ quận Hồng Bàng</title>
<meta property="og:title" content="Đại hội Đảng bộ quận Hồng Bàng lần thứ XXIII">
<meta name="author" content="Kim Thành">
<meta property="article:published_time" content="2020-07-16T08:00:00+07:00">
<link rel="stylesheet" href="http://example.invalid/style.css">
<style>p { color: red } .x::after { content: "Lượt xem" }</style>
<script>document.write("Bí thư Giả Mạo"); fetch("http://example.invalid/track")</script>
</head><body>
<nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a></nav>
<article>
<p>Đồng chí Trần Quang Tuấn tiếp tục được bầu là Bí thư Quận ủy Hồng Bàng &amp; Trưởng&nbsp;ban,
&#272;ảng bộ &boom; &lt;b&gt;.</p>
<img src="http://example.invalid/photo.jpg" alt="ảnh">
<p>Hội nghị đã bầu 13 đồng chí vào Ban Thường vụ Quận ủy.</p>
<script type="text/javascript">var x = "<p>không phải bài</p>";</script>
</article>
<footer>Bản quyền</footer>
</body></html>"""


def test_html_main_text_and_metadata_without_scripts_styles_or_network(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("reading HTML must not touch the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    doc = only_document(write(tmp_path / "p.html", PAGE.encode()))
    assert doc.text.startswith("Đồng chí Trần Quang Tuấn")
    assert "Bí thư Quận ủy Hồng Bàng & Trưởng ban, Đảng bộ &boom; <b>." in doc.text  # standard entities only
    assert "13 đồng chí" in doc.text
    for absent in ("Giả Mạo", "color", "Trang chủ", "không phải bài", "fetch", "Lượt xem"):
        assert absent not in doc.text
    assert doc.metadata.headline == "Đại hội Đảng bộ quận Hồng Bàng lần thứ XXIII"
    assert doc.metadata.author == "Kim Thành"
    assert doc.metadata.published == date(2020, 7, 16)


def test_html_without_article_element_and_without_head_end(tmp_path: Path) -> None:
    page = "<html><head><title>Tin</title><body><div><p>Hội nghị Ban Chấp hành Đảng bộ tỉnh</p></div>"
    doc = only_document(write(tmp_path / "p.htm", page.encode()))
    assert doc.text == "Hội nghị Ban Chấp hành Đảng bộ tỉnh" and doc.metadata.headline == "Tin"


def test_html_with_no_text_is_reported(tmp_path: Path) -> None:
    page = b"<html><head><script>var a = 1;</script></head><body><nav>Menu</nav></body></html>"
    assert "no article text" in only_failure(write(tmp_path / "p.html", page)).error


def test_malformed_html_is_read_in_linear_time(tmp_path: Path) -> None:
    # html.parser takes minutes on these (quadratic rescans); the reader does one pass.
    page = "<p>Đại hội Đảng bộ</p>" + "<![CDATA[" * 100_000 + "<!" * 100_000 + "<a b='" + "x" * 100_000
    doc = only_document(write(tmp_path / "p.html", page.encode()))
    assert doc.text.startswith("Đại hội Đảng bộ")


# -- JSONL -----------------------------------------------------------------------------------------


def jsonl(*records: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records).encode()


def test_jsonl_bad_lines_are_reported_with_their_numbers_and_the_rest_is_built(tmp_path: Path) -> None:
    data = jsonl(
        {"id": "a1", "url": "http://x/a1", "title": "Đại hội", "published": "16/07/2020", "text": ARTICLE},
        '{"id": "a2", "text": "Đại hội',            # 2: truncated
        "",                                           # 3: blank, skipped
        [1, 2, 3],                                    # 4: not an object
        {"id": "a5"},                                 # 5: no text
        {"id": "a6", "text": 42},                     # 6: text not a string
        {"id": "a1", "text": ARTICLE},                # 7: duplicate id
        {"id": "a8", "text": "Ông A\u2028bà B"},      # 8: U+2028 inside the text is not a line break
        {"text": ARTICLE, "title": ["not", "a", "string"]},  # 9: no id: its line number
        "[" * 100_000,                                # 10: nested too deeply
        {"id": {"x": 1}, "text": ARTICLE},            # 11: bad id
    )
    out = items(write(tmp_path / "batch.jsonl", data))
    docs = [x for x in out if isinstance(x, Document)]
    failures = {x.line: x.error for x in out if isinstance(x, Failure)}
    assert [d.id for d in docs] == ["batch.jsonl#a1", "batch.jsonl#a8", "batch.jsonl#9"]
    assert docs[0].metadata.published == date(2020, 7, 16) and docs[0].metadata.url == "http://x/a1"
    assert docs[1].text == "Ông A\u2028bà B"
    assert docs[2].metadata.headline is None
    assert sorted(failures) == [2, 4, 5, 6, 7, 10, 11]
    assert "malformed" in failures[2] and "column" in failures[2]
    assert "not an object" in failures[4]
    assert "no 'text'" in failures[5] and "not a string" in failures[6]
    assert "duplicate id 'a1' (first on line 1)" in failures[7]
    assert "nested too deeply" in failures[10] and "'id'" in failures[11]
    assert all(isinstance(x, Failure) and x.source.endswith("batch.jsonl") for x in out if x not in docs)


def test_jsonl_encodings_and_empty_files(tmp_path: Path) -> None:
    record = jsonl({"id": 7, "text": ARTICLE})
    assert only_document(write(tmp_path / "bom.jsonl", b"\xef\xbb\xbf" + record)).id == "bom.jsonl#7"
    assert only_document(write(tmp_path / "u16.jsonl", record.decode().encode("utf-16"))).text == ARTICLE
    assert "empty" in only_failure(write(tmp_path / "empty.jsonl", b"\n\n")).error
    assert "PDF" in only_failure(write(tmp_path / "pdf.jsonl", b"%PDF-1.4\n")).error
    moji = jsonl({"id": 1, "text": mojibake(ARTICLE)})
    assert only_document(write(tmp_path / "moji.jsonl", moji)).text == ARTICLE
    legacy = only_failure(write(tmp_path / "tcvn.jsonl", jsonl({"id": 1, "text": to_tcvn3(ARTICLE)})))
    assert legacy.line == 1 and "TCVN3" in legacy.error


def test_jsonl_line_over_the_limit_is_reported_and_the_next_lines_built(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg_read, "MAX_FILE_BYTES", 2000)
    data = jsonl({"id": "big", "text": "Đại hội " * 1000}, {"id": "ok", "text": ARTICLE})
    out = items(write(tmp_path / "b.jsonl", data))
    assert isinstance(out[0], Failure) and out[0].line == 1 and "limit" in out[0].error
    assert isinstance(out[1], Document) and out[1].id == "b.jsonl#ok"


# -- size limits and long lines ----------------------------------------------------------------------


def test_file_over_the_size_limit_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg_read, "MAX_FILE_BYTES", 1000)
    failure = only_failure(write(tmp_path / "big.txt", ARTICLE.encode() * 10))
    assert "more than the" in failure.error and "split it" in failure.error


def test_article_over_the_character_limit_is_reported(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg_read, "MAX_ARTICLE_CHARS", 1000)
    assert "characters" in only_failure(write(tmp_path / "long.txt", ARTICLE.encode() * 10)).error


def test_very_long_lines_are_read(tmp_path: Path) -> None:
    # One long line of capitals and spaces: the byline and date patterns must not backtrack on it.
    line = "Đ" + "A" * 150_000 + " " * 150_000 + "B" * 150_000 + "!"
    doc = only_document(write(tmp_path / "line.txt", ("Tin\n" + line).encode()))
    assert doc.metadata.author is None and len(doc.text) == len(line) + 4


# -- files and directories --------------------------------------------------------------------------


def test_missing_input_raises_before_anything_is_read(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE.encode())
    with pytest.raises(InputError, match="does not exist"):
        items(tmp_path / "a.txt", tmp_path / "nope")


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a.txt", ARTICLE.encode())
    locked = write(tmp_path / "b.txt", ARTICLE.encode())
    real_open = open

    def guarded(path: object, *args: object, **kwargs: object) -> object:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(kg_read, "open", guarded, raising=False)
    out = items(tmp_path)
    assert isinstance(out[0], Document)
    assert isinstance(out[1], Failure) and "permission denied" in out[1].error


def test_unlistable_directory_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a.txt", ARTICLE.encode())
    write(tmp_path / "secret" / "b.txt", ARTICLE.encode())
    real_scandir = os.scandir

    def guarded(path: object) -> object:
        if Path(str(path)).name == "secret":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(kg_read.os, "scandir", guarded)
    out = items(tmp_path)
    assert isinstance(out[0], Document)
    assert isinstance(out[1], Failure) and "cannot list directory" in out[1].error


def test_symlink_loops_end_and_each_file_is_read_once(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", ARTICLE.encode())
    write(tmp_path / "in" / "sub" / "b.txt", ARTICLE.encode())
    (tmp_path / "in" / "sub" / "up").symlink_to(tmp_path / "in")
    (tmp_path / "in" / "sub" / "self").symlink_to(tmp_path / "in" / "sub")
    (tmp_path / "in" / "loop.txt").symlink_to(tmp_path / "in" / "loop.txt")
    (tmp_path / "in" / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    out = items(tmp_path / "in")
    assert [d.id for d in out if isinstance(d, Document)] == ["a.txt", "sub/b.txt"]
    errors = {Path(f.source).name: f.error for f in out if isinstance(f, Failure)}
    assert "broken symbolic link" in errors["broken.txt"] and "loop" in errors["loop.txt"]


def test_file_vanishing_during_the_run_is_reported(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        write(tmp_path / name, ARTICLE.encode())
    stream: Iterator[Document | Failure] = read([str(tmp_path)])
    first = next(stream)
    (tmp_path / "b.txt").unlink()
    rest = list(stream)
    assert isinstance(first, Document) and first.id == "a.txt"
    assert isinstance(rest[0], Failure) and "disappeared" in rest[0].error
    assert isinstance(rest[1], Document) and rest[1].id == "c.txt"


def test_file_name_that_is_not_utf8_gets_a_printable_id(tmp_path: Path) -> None:
    with open(os.fsencode(tmp_path) + b"/t\xe0i.txt", "wb") as f:  # a Latin-1 name from a Windows archive
        f.write(ARTICLE.encode())
    doc = only_document(tmp_path)
    assert doc.id == "t\\xe0i.txt" and doc.source.endswith("t\\xe0i.txt")
    doc.id.encode("utf-8")  # ids, IRIs and reports are UTF-8


def test_fifo_is_reported_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    assert "not a regular file" in only_failure(tmp_path / "pipe.txt").error


def test_hidden_files_and_other_suffixes_are_left_out_of_directories(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE.encode())
    write(tmp_path / "._a.txt", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    write(tmp_path / ".git" / "notes.txt", b"x")
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff")
    assert [x.id for x in items(tmp_path)] == ["a.txt"]  # type: ignore[union-attr]


# -- the whole batch through `kg build` ---------------------------------------------------------------


def test_build_reports_every_bad_input_and_builds_the_good_ones(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    write(corpus / "good.txt", ARTICLE.encode())
    write(corpus / "empty.txt", b"")
    write(corpus / "binary.txt", b"\x00\x01\x02" * 100)
    write(corpus / "legacy.txt", to_vni(ARTICLE).encode("cp1252", errors="replace"))
    write(corpus / "cp1258.txt", to_cp1258(ARTICLE.replace("Trần Quang Tuấn", "Lê Văn Hùng")))
    other = ARTICLE.replace("Trần Quang Tuấn", "Phạm Minh Chính")
    write(corpus / "batch.jsonl", jsonl({"id": "x", "text": other}, "{broken"))
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    failures = {(Path(f["source"]).name, f.get("line")) for f in report["failures"]}
    assert failures == {("empty.txt", None), ("binary.txt", None), ("legacy.txt", None), ("batch.jsonl", 2)}
    assert report["documents"]["failed"] == 4 and report["documents"]["new"] == 3
    stderr_lines = [line for line in result.stderr.splitlines() if line.startswith("kg: failed: ")]
    assert len(stderr_lines) == 4 and any("batch.jsonl:2:" in line for line in stderr_lines)
    graph = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    for name in ("Trần Quang Tuấn", "Lê Văn Hùng", "Phạm Minh Chính"):
        assert name in graph


# -- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("16/07/2020", date(2020, 7, 16)), ("6.7.2020", date(2020, 7, 6)),
    ("2020-07-16T08:00:00+07:00", date(2020, 7, 16)), ("Thứ năm, 16-07-2020 | 08:00", date(2020, 7, 16)),
    ("31/02/2020", None), ("", None), (None, None), ("2020", None),
])
def test_parse_date(text: str | None, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_decode_is_strict_about_damaged_boms() -> None:
    with pytest.raises(Unreadable, match="invalid UTF-8"):
        decode(b"\xef\xbb\xbfabc\xff")


@given(st.text(alphabet=st.characters(blacklist_characters=[chr(c) for c in range(0x300, 0x370)])))
def test_words_found_without_combining_marks_are_the_words_found_with_them(text: str) -> None:
    """vietnamese_score's fast pattern, used on text without combining marks, finds the same words."""
    assert kg_read._LETTERS.findall(text) == kg_read._WORD.findall(text)
