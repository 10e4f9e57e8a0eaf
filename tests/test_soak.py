"""Soak: 2,000 generated articles, 5% of them bad (empty, binary, wrong encoding, broken JSONL), built
with `kg build` in a child process: every good article's facts are in the graph, every bad one is in
report.json `failures`, and peak memory stays flat next to a 200-article build."""
from __future__ import annotations

import csv
import json
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT, run_rows
from test_read import mojibake, to_cp1258, to_tcvn3

from kg.extract.grammar import to_roman

ARTICLES = 2000
SMALL = 200
BAD_EVERY = 20  # 5%
MIDDLE = ["Văn", "Thị", "Minh", "Quang", "Đức", "Hữu", "Thanh", "Ngọc", "Xuân", "Hồng"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hùng", "Hải", "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Tuấn",
         "Việt", "Hoa", "Lan", "Mai", "Hương", "Linh", "Khánh", "Trung", "Hiếu", "Lâm", "Thành"]
COMMITTEE = {"quận": "Quận ủy", "huyện": "Huyện ủy", "thị xã": "Thị ủy"}
# The facts of the generated articles, one row per fact and article. Each query is one connected
# group of patterns, so that it stays fast on any number of articles.
PREFIXES = """
PREFIX kg: <https://w3id.org/vnkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
"""
HOLDINGS = PREFIXES + """
SELECT ?source ?personName ?role ?unitName WHERE {
  ?article kg:sourceFile ?source .
  ?post prov:wasDerivedFrom ?article ; org:member ?person ; org:role ?r ; org:organization ?org .
  ?person foaf:name ?personName .
  ?r skos:prefLabel ?role .
  ?org kg:unit ?unit .
  ?unit schema:name ?unitName .
  FILTER(lang(?role) = "vi")
}
"""
CONGRESSES = PREFIXES + """
SELECT ?source ?ordinal ?unitName WHERE {
  ?article kg:sourceFile ?source .
  ?meeting prov:wasDerivedFrom ?article ; a kg:Congress ; kg:ordinal ?ordinal ; schema:organizer ?org .
  ?org kg:unit ?unit .
  ?unit schema:name ?unitName .
}
"""


@dataclass
class Corpus:
    """Where each good article's facts come from (its source id) and each bad input's (name, line)."""

    persons: dict[str, set[str]] = field(default_factory=dict)
    holdings: dict[str, set[tuple[str, str, str]]] = field(default_factory=dict)
    meetings: dict[str, set[tuple[int, str]]] = field(default_factory=dict)
    bad: set[tuple[str, int | None]] = field(default_factory=set)


def _lexicon() -> tuple[list[str], list[tuple[dict[str, str], dict[str, str]]]]:
    lines = (ROOT / "data" / "lexicons" / "surnames.txt").read_text(encoding="utf-8").splitlines()
    surnames = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    with (ROOT / "data" / "gazetteer" / "units.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    provinces = {r["code"]: r for r in rows if r["level"] == "province"}
    districts = [r for r in rows if r["level"] == "district" and r["type"] in COMMITTEE]
    names = [r["name"] for r in districts]
    # A district name used once in the country, written as ordinary words ("Hoàng Mai", not "KBang").
    plain = [r for r in districts if names.count(r["name"]) == 1
             and all(w.isdigit() or w[:1].isupper() and w[1:].islower() for w in r["name"].split())]
    return surnames, [(r, provinces[r["province"]]) for r in plain]


def _article(i: int, rng: random.Random, surnames: list[str], units: list) -> tuple[str, list[str], int, str]:
    unit, province = units[i * 7 % len(units)]
    kind, name = unit["type"], unit["name"]
    people: list[str] = []
    while len(people) < 3:
        person = f"{rng.choice(surnames)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        if person not in people:
            people.append(person)
    ordinal, day, month = rng.randint(2, 30), rng.randint(1, 28), rng.randint(5, 8)
    numeral, committee = to_roman(ordinal), COMMITTEE[kind]
    text = (
        f"Đại hội đại biểu Đảng bộ {kind} {name} lần thứ {numeral}, nhiệm kỳ 2020 - 2025\n"
        f"Ngày đăng {day:02d}/{month:02d}/2020 | 09:12\n\n"
        f"Sáng {day}/{month}, Đảng bộ {kind} {name}, {province['type']} {province['name']} tổ chức "
        f"Đại hội đại biểu lần thứ {numeral}, nhiệm kỳ 2020 - 2025.\n\n"
        f"Đại hội đã bầu {rng.randint(31, 45)} đồng chí vào Ban Chấp hành Đảng bộ {kind} khóa {numeral}.\n\n"
        f"Đồng chí {people[0]} được bầu giữ chức Bí thư {committee} {name} nhiệm kỳ 2020 - 2025.\n\n"
        f"Đồng chí {people[1]} được bầu làm Phó Bí thư {committee}.\n\n"
        f"Ông {people[2]}, Chủ tịch UBND {kind} {name} trình bày báo cáo chính trị tại Đại hội.\n")
    return text, people, ordinal, name


def _bad(i: int, text: str, rng: random.Random) -> bytes:
    """Empty, binary, or text in an encoding that cannot be read with confidence."""
    kind = i // BAD_EVERY % 7
    if kind == 0:
        return b""
    if kind == 1:
        return b"%PDF-1.4\n" + rng.randbytes(600)
    if kind == 2:
        return rng.randbytes(800) + b"\x00"
    if kind == 3:
        return to_tcvn3(text).encode("latin-1", errors="replace")
    if kind == 4:
        return text.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")  # lost bytes
    return "Сообщение о выборах в районный совет депутатов.".encode("koi8-r")


def _good(i: int, text: str) -> tuple[str, bytes]:
    """Mostly UTF-8 text; some HTML, UTF-16, Windows-1258 and repairable mojibake."""
    if i % 10 == 5:
        body = "".join(f"<p>{line}</p>" for line in text.splitlines()[3:])
        page = (f"<html><head><title>{text.splitlines()[0]}</title><script>var x = 1;</script></head>"
                f"<body><nav>Trang chủ</nav><article>{body}</article></body></html>")
        return ".html", page.encode("utf-8")
    encode = {11: lambda t: t.encode("utf-16"), 13: to_cp1258, 17: lambda t: mojibake(t).encode("utf-8")}
    return ".txt", encode.get(i % 20, lambda t: t.encode("utf-8"))(text)


def make_corpus(root: Path, count: int) -> Corpus:
    """`count` articles in `root`: files of their own, and one line each of root/batch.jsonl."""
    surnames, units = _lexicon()
    rng = random.Random(2020)
    corpus, records = Corpus(), []
    root.mkdir(parents=True)
    for i in range(count):
        text, people, ordinal, unit = _article(i, rng, surnames, units)
        if i % BAD_EVERY == 7 and i // BAD_EVERY % 7 == 6:
            records.append('{"id": "%d", "text": "%s' % (i, text[:40]))  # cut short: broken JSON
            corpus.bad.add(("batch.jsonl", len(records)))
            continue
        if i % BAD_EVERY == 7:
            (root / f"a{i:04d}.txt").write_bytes(_bad(i, text, rng))
            corpus.bad.add((f"a{i:04d}.txt", None))
            continue
        if i % 10 == 3:
            record = {"id": str(i), "title": text.splitlines()[0], "text": text}
            records.append(json.dumps(record, ensure_ascii=False))
            source = f"batch.jsonl#{i}"
        else:
            suffix, data = _good(i, text)
            source = f"a{i:04d}{suffix}"
            (root / source).write_bytes(data)
        corpus.persons[source] = set(people)
        corpus.holdings[source] = {(people[0], "Bí thư", unit), (people[2], "Chủ tịch", unit)}
        corpus.meetings[source] = {(ordinal, unit)}
    (root / "batch.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return corpus


# Runs `kg build` and, at exit, writes the process's own peak resident memory (VmHWM, kB). Not
# wait4()'s ru_maxrss: that counts the memory the child inherited from the test process it was
# forked from. A one-worker build is a single process.
_MEASURED_BUILD = """import atexit, re, sys
from pathlib import Path
target = Path(sys.argv[1])
def peak():
    status = Path("/proc/self/status").read_text()
    target.write_text(re.search(r"VmHWM:\\s+(\\d+)", status).group(1))
atexit.register(peak)
sys.argv = ["kg"] + sys.argv[2:]
from kg.cli import main
main()
"""


def kg_builds(*builds: tuple[Path, Path]) -> list[tuple[int, int]]:
    """Run `kg build CORPUS --out OUT` for each (corpus, out), each in a fresh process, side by side:
    (exit code, peak resident memory in kB) of each."""
    children = [(subprocess.Popen([sys.executable, "-c", _MEASURED_BUILD, str(out.parent / f"{out.name}.peak"),
                                   "build", str(corpus), "--out", str(out)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), out)
                for corpus, out in builds]
    return [(child.wait(), int((out.parent / f"{out.name}.peak").read_text())) for child, out in children]


@dataclass(frozen=True)
class Soak:
    corpus: Corpus = field(repr=False)
    out: Path  # the big build's output directory
    exit_code: int
    small_rss: int  # peak resident memory of each build, kB
    big_rss: int


@pytest.fixture(scope="module")
def soak(tmp_path_factory: pytest.TempPathFactory) -> Soak:
    base = tmp_path_factory.mktemp("soak")
    make_corpus(base / "small", SMALL)
    corpus = make_corpus(base / "big", ARTICLES)
    (_, small_rss), (code, big_rss) = kg_builds((base / "small", base / "small-out"),
                                                (base / "big", base / "big-out"))
    return Soak(corpus, base / "big-out", code, small_rss, big_rss)


def test_the_generated_corpus_is_five_percent_bad(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", ARTICLES)
    assert len(corpus.bad) == ARTICLES // BAD_EVERY
    assert len(corpus.persons) + len(corpus.bad) == ARTICLES
    assert {name.rsplit(".", 1)[-1] for name in corpus.persons} >= {"txt", "html"}
    assert any(name == "batch.jsonl" for name, _ in corpus.bad)


def test_every_bad_article_is_reported(soak: Soak) -> None:
    corpus = soak.corpus
    assert soak.exit_code == 3
    report = json.loads((soak.out / "report.json").read_text(encoding="utf-8"))
    reported = {(Path(f["source"]).name, f.get("line")) for f in report["failures"]}
    assert reported == corpus.bad
    assert report["documents"]["failed"] == len(corpus.bad)
    assert report["documents"]["new"] == len(corpus.persons)


def _query(out: Path, name: str, text: str) -> list[dict[str, str]]:
    path = out.parent / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return run_rows(out, str(path))


def test_every_good_article_has_its_facts_in_the_graph(soak: Soak) -> None:
    corpus, out = soak.corpus, soak.out
    people: dict[str, set[str]] = {}
    holdings: dict[str, set[tuple[str, str, str]]] = {}
    meetings: dict[str, set[tuple[int, str]]] = {}
    for row in run_rows(out, "people"):
        people.setdefault(row["source"], set()).add(row["personName"])
    for row in _query(out, "holdings", HOLDINGS):
        holdings.setdefault(row["source"], set()).add((row["personName"], row["role"], row["unitName"]))
    for row in _query(out, "congresses", CONGRESSES):
        meetings.setdefault(row["source"], set()).add((int(row["ordinal"]), row["unitName"]))
    missing = [source for source in corpus.persons
               if not corpus.persons[source] <= people.get(source, set())
               or not corpus.holdings[source] <= holdings.get(source, set())
               or not corpus.meetings[source] <= meetings.get(source, set())]
    assert missing == [], f"{len(missing)} good articles lack facts, e.g. {missing[:3]}"


# Validation was what grew (the store's write buffers filling with the queue's deletions, pyshacl's
# fragmented heap): the store is flushed after each chunk, and many chunks run in a child process
# that is replaced every few chunks.
def test_memory_stays_flat(soak: Soak) -> None:
    # Ten times the articles may cost 1.3 times the small build's peak plus 50 MB. Most of the small
    # peak (~150 MB of ~245 MB) is the interpreter, libraries and models, paid once: if the rest grew
    # linearly with the articles, the big build would peak at 10x that growth, ~1 GB, far above the
    # bound (~370 MB); flat memory leaves room for noise and for the store's larger files and caches.
    big_mb, small_mb = soak.big_rss / 1024, soak.small_rss / 1024
    assert big_mb <= 1.3 * small_mb + 50, \
        f"peak RSS {big_mb:.0f} MB for {ARTICLES} articles, {small_mb:.0f} MB for {SMALL}"
