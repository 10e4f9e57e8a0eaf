"""End to end: data/articles becomes a validated graph whose named queries answer real questions."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from conftest import ARTICLES, Built
from rdflib import Graph

HONG_BANG = "000_8b6c0513b3aa446f.txt"
NAM_TU_LIEM = "002_51f19a44640f24e0.txt"
BA_DINH = "004_966c847de589a153.txt"


def test_build_conforms_and_reports_every_article(built: Built) -> None:
    report = json.loads((built.out / "report.json").read_text(encoding="utf-8"))
    assert report["conforms"] is True, report["violations"]
    assert report["violations"] == []
    assert report["documents"]["seen"] == report["documents"]["new"] == len(list(ARTICLES.glob("*.txt")))
    assert report["documents"]["failed"] == 0 and report["failures"] == []


def test_report_has_the_design_keys(built: Built) -> None:
    report = json.loads((built.out / "report.json").read_text(encoding="utf-8"))
    for key in ("documents", "failures", "triples", "conforms", "violations", "seconds"):
        assert key in report
    assert set(report["documents"]) >= {"seen", "new", "changed", "unchanged", "removed", "failed"}
    assert isinstance(report["triples"], int) and report["triples"] > 0
    assert isinstance(report["seconds"], (int, float))


def test_tran_quang_tuan_is_secretary_of_hong_bang_for_2020_2025(rows) -> None:
    found = rows("who_led_what", "personName=Trần Quang Tuấn")
    assert any(
        r["roleLabel"] == "Bí thư"
        and r["organizationLabel"] == "Quận ủy Hồng Bàng"
        and r["unitName"] == "Hồng Bàng"
        and r["unitType"] == "quận"
        and (r["start"], r["end"]) == ("2020", "2025")
        and r["source"].endswith(HONG_BANG)
        for r in found
    ), found


def test_ba_dinh_article_yields_a_third_congress(rows) -> None:
    found = rows("meetings", "kind=Đại hội")
    assert any(r["ordinal"] == "3" and r["source"].endswith(BA_DINH) for r in found), found


def test_nam_tu_liem_secretary_and_fourteenth_plenum(rows) -> None:
    posts = rows("who_led_what", "personName=Trần Đức Hoạt")
    assert any(
        r["roleLabel"] == "Bí thư"
        and r["organizationLabel"] == "Quận ủy Nam Từ Liêm"
        and r["source"].endswith(NAM_TU_LIEM)
        for r in posts
    ), posts
    plenums = rows("meetings", "kind=Hội nghị")
    assert any(
        r["ordinal"] == "14"
        and r["startDate"] == "2022-06-23"
        and r["unitName"] == "Nam Từ Liêm"
        and r["source"].endswith(NAM_TU_LIEM)
        for r in plenums
    ), plenums


@pytest.mark.parametrize("author", ["Kim Thành", "Thanh Hải"])
def test_bylines_are_authors_not_people(rows, author: str) -> None:
    assert author not in {r["personName"] for r in rows("people")}


def test_every_article_has_people_and_sources_name_the_input_file(rows) -> None:
    sources = {r["source"] for r in rows("people")}
    assert sources == {p.name for p in ARTICLES.glob("*.txt")}


def test_graph_loads_unchanged_in_pyoxigraph_with_rdflibs_triple_count(built: Built) -> None:
    data = built.graph.read_bytes()
    by_rdflib = len(Graph().parse(data=data.decode("utf-8"), format="turtle"))
    store = ox.Store()  # a fact several articles state is in each of their blocks: a store merges them
    store.load(data, format=ox.RdfFormat.TURTLE)
    assert by_rdflib == len(store) == built.report.triples


def test_building_twice_gives_byte_identical_graph(built: Built, tmp_path) -> None:
    from kg.pipeline import build

    build([str(ARTICLES)], tmp_path / "again")
    assert (tmp_path / "again" / "graph.ttl").read_bytes() == built.graph.read_bytes()


def test_every_fact_cites_its_sentence_at_its_offsets(built: Built) -> None:
    """The evidence text is exactly the original article text between its offsets."""
    g = ox.Store()
    g.bulk_load(path=str(built.graph), format=ox.RdfFormat.TURTLE)
    query = """SELECT ?file ?text ?start ?end WHERE {
        ?e a kg:Evidence ; schema:text ?text ; kg:startOffset ?start ; kg:endOffset ?end ;
           prov:wasDerivedFrom/kg:sourceFile ?file }"""
    from kg.namespaces import PREFIXES

    seen = 0
    for row in g.query(query, prefixes=PREFIXES):
        original = (ARTICLES / row["file"].value).read_text(encoding="utf-8")
        assert original[int(row["start"].value) : int(row["end"].value)] == row["text"].value
        seen += 1
    assert seen > 10
