"""kg.network: the RDF graph as a typed networkx graph, its exports, statistics and layout."""
from __future__ import annotations

import io
import json
import math
import random
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from rdflib import Graph, Literal, URIRef

from kg import namespaces as ns
from kg import network
from kg.errors import GraphError
from kg.export import export
from kg.namespaces import FOAF, ID, KG, ORG, PROV, RDF, RDFS, SCHEMA, SKOS

# Two district secretaries of Hải Phòng and Hà Nội, a meeting report and a referenced resolution,
# in the shape kg build writes (see kg/to_rdf.py).
TINY = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix kg: <https://w3id.org/vnkg/ontology#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix id: <https://w3id.org/vnkg/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .

id:article\\/a.txt a schema:NewsArticle , prov:Entity ; kg:sourceFile "a.txt" ;
    schema:headline "Đại hội Đảng bộ quận Hồng Bàng lần thứ XXIII" ;
    schema:datePublished "2020-08-10"^^xsd:date ; schema:mentions id:person\\/31\\/tran-quang-tuan .
id:article\\/b.txt a schema:NewsArticle , prov:Entity ; kg:sourceFile "b.txt" ;
    schema:datePublished "2022-06-23"^^xsd:date ; schema:url "https://example.org/b"^^xsd:anyURI ;
    schema:mentions id:person\\/01\\/tran-duc-hoat .
id:person\\/31\\/tran-quang-tuan a foaf:Person ; foaf:name "Trần Quang Tuấn" ;
    prov:wasDerivedFrom id:article\\/a.txt ; kg:evidence id:evidence\\/e1 .
id:person\\/01\\/tran-duc-hoat a foaf:Person ; foaf:name "Trần Đức Hoạt" ;
    prov:wasDerivedFrom id:article\\/b.txt ; kg:evidence id:evidence\\/e2 .
id:evidence\\/e1 a kg:Evidence ; prov:wasDerivedFrom id:article\\/a.txt ; kg:startOffset 281 ; kg:endOffset 414 ;
    schema:text "Đồng chí Trần Quang Tuấn, Bí thư Quận ủy nhiệm kỳ trước tiếp tục được tín nhiệm bầu là Bí thư Quận ủy Hồng Bàng nhiệm kỳ 2020 - 2025." .
id:evidence\\/e2 a kg:Evidence ; prov:wasDerivedFrom id:article\\/b.txt ; kg:startOffset 660 ; kg:endOffset 760 ;
    schema:text "Phát biểu khai mạc hội nghị, đồng chí Trần Đức Hoạt - TUV, Bí thư Quận ủy, Chủ tịch HĐND quận nhấn mạnh." .
id:evidence\\/e3 a kg:Evidence ; prov:wasDerivedFrom id:article\\/a.txt ; kg:startOffset 0 ; kg:endOffset 88 ;
    schema:text "Đại hội bầu 41 đồng chí vào Ban Chấp hành Đảng bộ quận khóa XXIII, nhiệm kỳ 2020 - 2025." .
id:membership\\/m1 a org:Membership ; org:member id:person\\/31\\/tran-quang-tuan ; org:organization id:org\\/303\\/quan-uy ;
    org:role id:role\\/bi-thu ; org:memberDuring id:term\\/2020-2025 ; kg:status "new" ;
    prov:wasDerivedFrom id:article\\/a.txt ; kg:evidence id:evidence\\/e1 .
id:membership\\/m0 a org:Membership ; org:member id:person\\/31\\/tran-quang-tuan ; org:organization id:org\\/303\\/quan-uy ;
    org:role id:role\\/bi-thu ; org:memberDuring id:term\\/2015-2020 ; kg:status "former" ;
    prov:wasDerivedFrom id:article\\/a.txt ; kg:evidence id:evidence\\/e1 .
id:membership\\/m2 a org:Membership ; org:member id:person\\/01\\/tran-duc-hoat ; org:organization id:org\\/019\\/quan-uy ;
    org:role id:role\\/bi-thu ; kg:status "current" ; prov:wasDerivedFrom id:article\\/b.txt ; kg:evidence id:evidence\\/e2 .
id:membership\\/m3 a org:Membership ; org:member id:person\\/01\\/tran-duc-hoat ; org:organization id:org\\/019\\/hdnd ;
    org:role id:role\\/chu-tich ; kg:status "current" ; prov:wasDerivedFrom id:article\\/b.txt ; kg:evidence id:evidence\\/e2 .
id:role\\/bi-thu a org:Role ; skos:prefLabel "Bí thư"@vi , "Secretary"@en .
id:role\\/chu-tich a org:Role ; skos:prefLabel "Chủ tịch"@vi , "Chair"@en .
id:term\\/2020-2025 a time:Interval ; kg:startYear 2020 ; kg:endYear 2025 .
id:term\\/2015-2020 a time:Interval ; kg:startYear 2015 ; kg:endYear 2020 .
id:org\\/303\\/dang-bo a org:Organization , kg:PartyOrganization ; skos:prefLabel "Đảng bộ quận Hồng Bàng"@vi ;
    kg:unit id:unit\\/303 .
id:org\\/303\\/quan-uy a org:Organization , kg:PartyCommittee ; skos:prefLabel "Quận ủy Hồng Bàng"@vi ;
    rdfs:label "District Party Committee, quận Hồng Bàng"@en ; kg:bodyKind "Quận ủy" ; kg:unit id:unit\\/303 ;
    org:subOrganizationOf id:org\\/303\\/dang-bo .
id:org\\/019\\/quan-uy a org:Organization , kg:PartyCommittee ; skos:prefLabel "Quận ủy Nam Từ Liêm"@vi ; kg:unit id:unit\\/019 .
id:org\\/019\\/hdnd a org:Organization , kg:PeoplesCouncil ; skos:prefLabel "HĐND quận Nam Từ Liêm"@vi ; kg:unit id:unit\\/019 .
id:unit\\/303 a kg:District ; rdfs:label "quận Hồng Bàng"@vi ; schema:name "Hồng Bàng" ; kg:unitType "quận" ;
    kg:gsoCode "303" ; schema:containedInPlace id:unit\\/31 .
id:unit\\/31 a kg:Province ; rdfs:label "thành phố Hải Phòng"@vi ; schema:name "Hải Phòng" ; kg:unitType "thành phố" .
id:unit\\/019 a kg:District ; rdfs:label "quận Nam Từ Liêm"@vi ; schema:name "Nam Từ Liêm" ; kg:unitType "quận" ;
    schema:containedInPlace id:unit\\/01 .
id:unit\\/01 a kg:Province ; rdfs:label "thành phố Hà Nội"@vi ; schema:name "Hà Nội" .
id:meeting\\/303\\/dang-bo\\/congress-23 a kg:Congress ; schema:name "Đại hội Đảng bộ quận Hồng Bàng lần thứ 23"@vi ;
    schema:organizer id:org\\/303\\/dang-bo ; kg:ordinal 23 ; kg:term id:term\\/2020-2025 ;
    prov:wasDerivedFrom id:article\\/a.txt ; kg:evidence id:evidence\\/e3 .
id:document\\/resolution\\/r1 a kg:Resolution ; schema:name "Nghị quyết Đại hội XXIII Đảng bộ quận"@vi ;
    kg:issuer id:org\\/303\\/dang-bo ; kg:adoptedAt id:meeting\\/303\\/dang-bo\\/congress-23 ;
    prov:wasDerivedFrom id:article\\/a.txt .
id:count\\/c1 a kg:Count ; kg:value 41 ; prov:wasDerivedFrom id:article\\/a.txt .
"""
TUAN = str(ID["person/31/tran-quang-tuan"])
HOAT = str(ID["person/01/tran-duc-hoat"])
CONGRESS = str(ID["meeting/303/dang-bo/congress-23"])


def tiny_graph() -> Graph:
    return Graph().parse(data=TINY, format="turtle")


@pytest.fixture(scope="module")
def net() -> nx.MultiDiGraph:
    return network.to_networkx(tiny_graph())


def edge_types(net: nx.MultiDiGraph, u: str, v: str) -> set[str]:
    return {d["type"] for d in net.get_edge_data(u, v, default={}).values()}


# ---------------------------------------------------------------- a synthetic graph at scale

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE = ("Văn", "Thị", "Minh", "Quang", "Đức", "Xuân", "Thanh", "Hữu", "Ngọc", "Công")
GIVEN = ("Tuấn", "Hoạt", "Linh", "Tâm", "Nam", "Chiến", "Dũng", "Hà", "Hải", "Sơn", "Long", "Phương", "Lan")
BODIES = (("quan-uy", "Quận ủy", KG.PartyCommittee), ("ubnd", "UBND quận", KG.PeoplesCommittee),
          ("hdnd", "HĐND quận", KG.PeoplesCouncil), ("dang-bo", "Đảng bộ quận", KG.PartyOrganization),
          ("ban-to-chuc", "Ban Tổ chức Quận ủy", KG.PartyBoard))
ROLES = ("Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch", "Ủy viên", "Trưởng ban")


def synthetic_graph(people: int = 2600, seed: int = 7) -> Graph:
    """A graph shaped like a national build: provinces, districts with five bodies each, officials
    holding one to three posts (some at the province), congresses, plenums, resolutions, articles.
    2,600 people give about 5,000 nodes."""
    rng = random.Random(seed)
    g = Graph()
    add = g.add
    districts = max(1, people // 12)
    provinces = max(1, districts // 20)
    terms = []
    for start in (2015, 2020):
        term = ID[f"term/{start}-{start + 5}"]
        add((term, RDF.type, ns.TIME.Interval))
        add((term, KG.startYear, Literal(start)))
        add((term, KG.endYear, Literal(start + 5)))
        terms.append((term, start))
    roles = {}
    for i, name in enumerate(ROLES):
        roles[name] = ID[f"role/r{i}"]
        add((roles[name], RDF.type, ORG.Role))
        add((roles[name], SKOS.prefLabel, Literal(name, lang="vi")))
    province_bodies = []
    for p in range(provinces):
        unit = ID[f"unit/p{p}"]
        add((unit, RDF.type, KG.Province))
        add((unit, RDFS.label, Literal(f"tỉnh Số {p}", lang="vi")))
        body = ID[f"org/p{p}/tinh-uy"]
        add((body, RDF.type, ORG.Organization))
        add((body, RDF.type, KG.PartyCommittee))
        add((body, SKOS.prefLabel, Literal(f"Tỉnh ủy Số {p}", lang="vi")))
        add((body, KG.unit, unit))
        province_bodies.append(body)
    evidence_count = 0
    for d in range(districts):
        p = d % provinces
        unit = ID[f"unit/d{d}"]
        add((unit, RDF.type, KG.District))
        add((unit, RDFS.label, Literal(f"quận Thứ {d}", lang="vi")))
        add((unit, SCHEMA.containedInPlace, ID[f"unit/p{p}"]))
        bodies = []
        for slug, head, cls in BODIES:
            body = ID[f"org/d{d}/{slug}"]
            add((body, RDF.type, ORG.Organization))
            add((body, RDF.type, cls))
            add((body, SKOS.prefLabel, Literal(f"{head} Thứ {d}", lang="vi")))
            add((body, KG.unit, unit))
            bodies.append(body)
        add((bodies[0], ORG.subOrganizationOf, bodies[3]))
        add((bodies[4], ORG.subOrganizationOf, bodies[0]))
        articles = []
        for a in range(3):
            article = ID[f"article/d{d}-{a}.txt"]
            add((article, RDF.type, SCHEMA.NewsArticle))
            add((article, KG.sourceFile, Literal(f"d{d}-{a}.txt")))
            add((article, SCHEMA.headline, Literal(f"Tin quận Thứ {d} số {a}")))
            add((article, SCHEMA.datePublished, Literal(f"{2016 + a * 2}-0{1 + a}-15", datatype=ns.XSD.date)))
            articles.append(article)
        congress, plenum = ID[f"meeting/d{d}/congress"], ID[f"meeting/d{d}/plenum"]
        for meeting, cls, organizer, name in ((congress, KG.Congress, bodies[3], "Đại hội Đảng bộ"),
                                              (plenum, KG.Plenum, bodies[0], "Hội nghị Quận ủy")):
            add((meeting, RDF.type, cls))
            add((meeting, SCHEMA.name, Literal(f"{name} quận Thứ {d}", lang="vi")))
            add((meeting, SCHEMA.organizer, organizer))
            add((meeting, KG["term"], terms[1][0]))
            add((meeting, PROV.wasDerivedFrom, articles[2]))
        resolution = ID[f"document/d{d}"]
        add((resolution, RDF.type, KG.Resolution))
        add((resolution, SCHEMA.name, Literal(f"Nghị quyết Đại hội Đảng bộ quận Thứ {d}", lang="vi")))
        add((resolution, KG.issuer, bodies[3]))
        add((resolution, KG.adoptedAt, congress))
        add((resolution, PROV.wasDerivedFrom, articles[2]))
        for k in range(people // districts):
            person = ID[f"person/d{d}/{k}"]
            name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            add((person, RDF.type, FOAF.Person))
            add((person, FOAF.name, Literal(name)))
            for h in range(rng.choice((1, 1, 2, 2, 3))):
                province = h == 2 and rng.random() < 0.5
                body = province_bodies[p] if province else rng.choice(bodies)
                role = rng.choice(ROLES)
                term, start = rng.choice(terms)
                article = articles[2] if start == 2020 else rng.choice(articles[:2])
                evidence_count += 1
                evidence = ID[f"evidence/{evidence_count}"]
                add((evidence, RDF.type, KG.Evidence))
                add((evidence, SCHEMA.text, Literal(f"Đồng chí {name}, {role} nhiệm kỳ {start} - {start + 5}.")))
                add((evidence, PROV.wasDerivedFrom, article))
                membership = ID[f"membership/{evidence_count}"]
                for pred, obj in ((RDF.type, ORG.Membership), (ORG.member, person), (ORG.organization, body),
                                  (ORG.role, roles[role]), (ORG.memberDuring, term),
                                  (KG.status, Literal(rng.choice(("current", "new", "former")))),
                                  (PROV.wasDerivedFrom, article), (KG.evidence, evidence)):
                    add((membership, pred, obj))
                add((article, SCHEMA.mentions, person))
                add((person, KG.evidence, evidence))
    return g


# ---------------------------------------------------------------- to_networkx

def test_nodes_are_typed_with_label_kind_and_iri(net: nx.MultiDiGraph) -> None:
    kinds = {n: d["type"] for n, d in net.nodes(data=True)}
    assert kinds[TUAN] == "person"
    assert kinds[str(ID["org/303/quan-uy"])] == "organization"
    assert kinds[str(ID["unit/303"])] == "unit"
    assert kinds[CONGRESS] == "meeting"
    assert kinds[str(ID["document/resolution/r1"])] == "resolution"
    assert kinds[str(ID["article/a.txt"])] == "article"
    assert str(ID["evidence/e1"]) not in net and str(ID["count/c1"]) not in net
    committee = net.nodes[str(ID["org/303/quan-uy"])]
    assert committee["label"] == "Quận ủy Hồng Bàng"  # the Vietnamese prefLabel, not the English label
    assert committee["kind"] == "Party committee"  # the ontology's label of the most specific class
    assert net.nodes[str(ID["unit/303"])]["label"] == "quận Hồng Bàng"
    assert net.nodes[CONGRESS]["term"] == "2020-2025" and net.nodes[CONGRESS]["ordinal"] == "23"
    assert net.nodes[str(ID["article/b.txt"])]["url"] == "https://example.org/b"


def test_posts_carry_role_term_status_and_source(net: nx.MultiDiGraph) -> None:
    posts = {k: d for k, d in net.get_edge_data(TUAN, str(ID["org/303/quan-uy"])).items()}
    assert set(posts) == {"holds_post|Bí thư|2020-2025", "holds_post|Bí thư|2015-2020"}
    current = posts["holds_post|Bí thư|2020-2025"]
    assert (current["role"], current["term"], current["status"], current["source"]) == \
        ("Bí thư", "2020-2025", "new", "a.txt")
    assert (current["start"], current["end"]) == ("2020", "2025")
    assert current["memberships"] == str(ID["membership/m1"])


def test_structural_edges(net: nx.MultiDiGraph) -> None:
    committee, party = str(ID["org/303/quan-uy"]), str(ID["org/303/dang-bo"])
    resolution = str(ID["document/resolution/r1"])
    assert edge_types(net, committee, party) == {"sub_organization_of"}
    assert edge_types(net, committee, str(ID["unit/303"])) == {"located_in"}
    assert edge_types(net, str(ID["unit/303"]), str(ID["unit/31"])) == {"located_in"}
    assert edge_types(net, party, CONGRESS) == {"organized"}
    assert edge_types(net, resolution, CONGRESS) == {"adopted_at"}
    assert edge_types(net, party, resolution) == {"issued"}
    assert edge_types(net, TUAN, str(ID["article/a.txt"])) == {"source_article"}


def test_meeting_edges_are_derived_from_the_report(net: nx.MultiDiGraph) -> None:
    # Elected: a new post in a body of the meeting's unit, read from the article reporting the congress.
    assert edge_types(net, TUAN, CONGRESS) == {"elected_at", "at_meeting"}
    assert net.get_edge_data(TUAN, CONGRESS)["elected_at|Bí thư"]["role"] == "Bí thư"
    assert not net.has_edge(HOAT, CONGRESS)


def test_referenced_meeting_is_not_a_report() -> None:
    g = tiny_graph()
    for article in list(g.objects(URIRef(CONGRESS), PROV.wasDerivedFrom)):
        g.add((URIRef(CONGRESS), KG.referencedIn, article))
    assert not network.to_networkx(g).has_edge(TUAN, CONGRESS)


def test_same_graph_gives_same_export() -> None:
    first = network.write_network(network.to_networkx(tiny_graph()), "graphml")
    second = network.write_network(network.to_networkx(tiny_graph()), "graphml")
    assert first == second


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_read_back(net: nx.MultiDiGraph, fmt: str) -> None:
    data = network.write_network(net, fmt)
    back = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(data))
    assert back.number_of_nodes() == net.number_of_nodes()
    assert back.number_of_edges() == net.number_of_edges()
    assert back.nodes[TUAN]["label"] == "Trần Quang Tuấn"


def test_json_export_is_node_link(net: nx.MultiDiGraph) -> None:
    data = json.loads(network.write_network(net, "json"))
    assert {"nodes", "links", "directed", "multigraph"} <= set(data)
    back = nx.node_link_graph(data, edges="links")
    assert back.nodes[TUAN]["type"] == "person"
    assert any(link["type"] == "holds_post" and link["role"] == "Chủ tịch" for link in data["links"])


def test_unknown_network_format_is_a_kg_error(net: nx.MultiDiGraph) -> None:
    with pytest.raises(GraphError, match="graphml, gexf or json"):
        network.write_network(net, "dot")


def test_export_command_writes_graphml(tmp_path: Path) -> None:
    source = tmp_path / "graph.ttl"
    source.write_text(TINY, encoding="utf-8")
    export(str(source), "graphml", tmp_path / "graph.graphml")
    back = nx.read_graphml(tmp_path / "graph.graphml")
    assert back.nodes[HOAT]["label"] == "Trần Đức Hoạt"


# ---------------------------------------------------------------- facets

def test_units_include_the_units_that_contain_them(net: nx.MultiDiGraph) -> None:
    units = network.node_units(net)
    assert units[TUAN] == [str(ID["unit/303"]), str(ID["unit/31"])]
    assert units[CONGRESS] == [str(ID["unit/303"]), str(ID["unit/31"])]
    assert units[str(ID["article/b.txt"])] == [str(ID["unit/01"]), str(ID["unit/019"])]


def test_facets_give_roles_and_terms(net: nx.MultiDiGraph) -> None:
    facets = network.node_facets(net)
    assert facets[HOAT]["roles"] == ["Bí thư", "Chủ tịch"]
    assert facets[TUAN]["terms"] == ["2015-2020", "2020-2025"]
    assert facets[str(ID["document/resolution/r1"])]["terms"] == ["2020-2025"]  # from the congress adopting it


# ---------------------------------------------------------------- statistics

def test_stats_rank_officials_and_find_concurrent_posts(net: nx.MultiDiGraph) -> None:
    stats = network.network_stats(net)
    assert stats["counts"]["nodes"]["person"] == 2
    assert stats["counts"]["edges"]["holds_post"] == 4
    assert stats["by_degree"][0]["name"] == "Trần Quang Tuấn"  # body and congress
    assert {r["name"] for r in stats["by_betweenness"]} == {"Trần Quang Tuấn", "Trần Đức Hoạt"}
    assert not stats["betweenness_sampled"]
    # Tuấn's two posts are one after the other (2015-2020 former, 2020-2025 new): not at once.
    assert stats["concurrent_posts"] == [{"name": "Trần Đức Hoạt", "iri": HOAT,
                                          "posts": ["Bí thư, Quận ủy Nam Từ Liêm", "Chủ tịch, HĐND quận Nam Từ Liêm"]}]


def test_stats_units_components_and_communities(net: nx.MultiDiGraph) -> None:
    stats = network.network_stats(net)
    hong_bang = next(r for r in stats["units"] if r["unit"] == "quận Hồng Bàng")
    assert (hong_bang["bodies"], hong_bang["office_holders"], hong_bang["holders"]) == (2, 1, ["Trần Quang Tuấn"])
    assert stats["components"]["count"] == 2  # Hải Phòng and Hà Nội share nothing without articles
    assert stats["communities"]["count"] >= 2
    assert stats == network.network_stats(net)  # Louvain and sampling are seeded


def test_career_is_in_time_order(net: nx.MultiDiGraph) -> None:
    career = next(c for c in network.careers(net) if c["name"] == "Trần Quang Tuấn")
    assert [(p["when"], p["status"]) for p in career["posts"]] == [("2015-2020", "former"), ("2020-2025", "new")]
    hoat = next(c for c in network.careers(net) if c["name"] == "Trần Đức Hoạt")
    assert {p["when"] for p in hoat["posts"]} == {"2022-06-23"}  # no term: the article's date


def test_stats_report_formats(tmp_path: Path) -> None:
    source = tmp_path / "graph.ttl"
    source.write_text(TINY, encoding="utf-8")
    data = json.loads(network.stats_report(str(source), "json"))
    assert data["by_degree"][0]["name"] == "Trần Quang Tuấn"
    table = network.stats_report(str(source), "table")
    for title in ("Nodes by type", "Officials by degree", "Officials by betweenness",
                  "People holding several posts at once", "Bodies and office-holders per unit",
                  "Connected components: 2", "Communities (Louvain)", "Careers in time order"):
        assert title in table
    assert "Chủ tịch, HĐND quận Nam Từ Liêm" in table


def test_stats_report_on_a_missing_graph_is_a_kg_error(tmp_path: Path) -> None:
    with pytest.raises(GraphError):
        network.stats_report(str(tmp_path / "nothing"), "table")


def test_betweenness_is_sampled_and_seeded_on_large_graphs(monkeypatch: pytest.MonkeyPatch) -> None:
    net = network.to_networkx(synthetic_graph(people=240))
    monkeypatch.setattr(network, "SAMPLE_ABOVE", 100)
    monkeypatch.setattr(network, "SAMPLE_SOURCES", 40)
    first = network.network_stats(net)
    assert first["betweenness_sampled"]
    assert first["by_betweenness"] == network.network_stats(net)["by_betweenness"]
    assert first["by_betweenness"][0]["betweenness"] > 0


# ---------------------------------------------------------------- layout

def test_layout_places_every_node_deterministically(net: nx.MultiDiGraph) -> None:
    pos = network.layout(net)
    assert set(pos) == set(net.nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    assert pos == network.layout(network.to_networkx(tiny_graph()))


def test_layout_keeps_components_apart() -> None:
    two = nx.disjoint_union(nx.cycle_graph(12), nx.path_graph(6))
    pos = network.layout(nx.relabel_nodes(two, str))
    boxes = []
    for component in nx.connected_components(two):
        xs = [pos[str(n)][0] for n in component]
        ys = [pos[str(n)][1] for n in component]
        boxes.append((min(xs), max(xs), min(ys), max(ys)))
    (a0, a1, b0, b1), (c0, c1, d0, d1) = boxes
    assert a1 < c0 or c1 < a0 or b1 < d0 or d1 < b0


def test_force_layout_puts_neighbours_close() -> None:
    grid = nx.convert_node_labels_to_integers(nx.grid_2d_graph(25, 25))  # 625 nodes: the block layout
    edges = np.array(list(grid.edges), dtype=np.int64)
    pos = network.force_layout(grid.number_of_nodes(), edges, seed=1)
    assert pos.shape == (625, 2) and np.abs(pos).max() <= 1.0 + 1e-9
    edge_length = np.linalg.norm(pos[edges[:, 0]] - pos[edges[:, 1]], axis=1).mean()
    rng = np.random.default_rng(0)
    pairs = rng.integers(0, 625, size=(2000, 2))
    random_length = np.linalg.norm(pos[pairs[:, 0]] - pos[pairs[:, 1]], axis=1).mean()
    assert edge_length < random_length / 5
    assert np.array_equal(pos, network.force_layout(625, edges, seed=1))


def test_an_empty_graph_has_empty_statistics_and_layout() -> None:
    empty = network.to_networkx(Graph())
    stats = network.network_stats(empty)
    assert stats["counts"] == {"nodes": {}, "edges": {}}
    assert stats["components"]["count"] == 0 and stats["communities"]["count"] == 0
    assert network.layout(empty) == {}
