"""SHACL shapes (one conforming and at least one violating fixture per shape), the readable report,
`kg validate`'s exit codes, and the ontology the shapes rely on.

A violating fixture states what it must violate in its header, one `# expect: LABEL | PATH | MESSAGE`
line per violation; the report must contain exactly those.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT, Built
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg.cli import main
from kg.namespaces import FOAF, ID, KG
from kg.validate import Violation, ontology, shapes, validate

SHAPES = FIXTURES / "shapes"
KS = "https://w3id.org/vnkg/shapes#"
SHAPE_NAMES = sorted(
    str(s)[len(KS) :] for s in shapes().subjects(RDF.type, SH.NodeShape) if str(s).startswith(KS)
)
OK = [SHAPES / f"{name}.ok.ttl" for name in SHAPE_NAMES]
BAD = sorted(SHAPES.glob("*.bad*.ttl"))


def expected(path: Path) -> set[tuple[str, str, str]]:
    found = re.findall(r"(?m)^# expect: (.*?) \| (.*?) \| (.*)$", path.read_text(encoding="utf-8"))
    assert found, f"{path.name} has no '# expect: LABEL | PATH | MESSAGE' line"
    return {tuple(x.strip() for x in f) for f in found}  # type: ignore[misc]


def report(path: Path) -> set[tuple[str, str, str]]:
    result = validate(Graph().parse(path, format="turtle"))
    assert result.conforms is (not result.violations)
    return {(v.label, v.path, v.message) for v in result.violations}


def shape_messages(name: str) -> set[str]:
    g = shapes()
    node = URIRef(KS + name)
    return {str(m) for prop in g.objects(node, SH.property) for m in g.objects(prop, SH.message)}


def test_there_are_shapes_for_the_classes_the_issue_names() -> None:
    targets = set(shapes().objects(None, SH.targetClass))
    for cls in (
        FOAF.Person,
        URIRef("http://www.w3.org/ns/org#Membership"),
        KG.Congress,
        KG.Plenum,
        KG.Session,
        URIRef("http://www.w3.org/2006/time#Interval"),
        KG.District,
        KG.Evidence,
    ):
        assert cls in targets


@pytest.mark.parametrize("name", SHAPE_NAMES)
def test_every_shape_has_a_conforming_and_a_violating_fixture(name: str) -> None:
    assert (SHAPES / f"{name}.ok.ttl").is_file()
    assert list(SHAPES.glob(f"{name}.bad*.ttl")), f"no violating fixture for ks:{name}"


def test_every_fixture_belongs_to_a_shape() -> None:
    for path in SHAPES.glob("*.ttl"):
        assert path.name.split(".")[0] in SHAPE_NAMES, path.name


@pytest.mark.parametrize("path", OK, ids=lambda p: p.name)
def test_conforming_fixture_conforms(path: Path) -> None:
    assert report(path) == set()


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_violating_fixture_reports_exactly_its_violations(path: Path) -> None:
    want = expected(path)
    assert report(path) == want
    shape = path.name.split(".")[0]
    assert any(message in shape_messages(shape) for _, _, message in want), (
        f"{path.name} does not violate ks:{shape} itself"
    )


def test_violation_reads_label_path_message() -> None:
    v = Violation(
        "https://w3id.org/vnkg/id/person/31/x", "Tuấn", "foaf:name", "a person has exactly one name"
    )
    assert str(v) == "Tuấn [foaf:name]: a person has exactly one name"


def test_paths_use_the_projects_prefixes_even_when_the_graph_binds_none() -> None:
    """A graph read from N-Triples has no prefixes: the report still says kg:ordinal, not an IRI."""
    g = Graph(bind_namespaces="none")
    meeting = ID["meeting/x"]
    g.add((meeting, RDF.type, KG.Plenum))
    g.add((meeting, KG.ordinal, Literal(0)))
    paths = {v.path for v in validate(g).violations}
    assert {"kg:ordinal", "schema:organizer", "prov:wasDerivedFrom"} <= paths


def test_report_is_sorted_and_repeatable() -> None:
    path = SHAPES / "Membership.bad-incomplete.ttl"
    first = validate(Graph().parse(path)).violations
    assert list(first) == sorted(first, key=lambda v: (v.label, v.path, v.message, v.focus))
    assert validate(Graph().parse(path)).violations == first


def _bad_fixtures() -> Graph:
    g = Graph()
    for path in BAD:
        g.parse(path, format="turtle")
    return g


@pytest.mark.parametrize("focused", [False, True], ids=["whole graph", "focus nodes"])
def test_property_shapes_batched_report_what_pyshacl_reports_node_by_node(
    focused: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kg runs each property shape once over all its value nodes; pyshacl runs it once per node."""
    from pyshacl.constraints.core.shape_based_constraints import PropertyConstraintComponent

    from kg import validate as module

    focus = sorted({str(s) for s in _bad_fixtures().subjects() if isinstance(s, URIRef)}) if focused else None
    ours = validate(_bad_fixtures(), focus).violations
    monkeypatch.setattr(PropertyConstraintComponent, "_evaluate_property_shape", module._unbatched)
    theirs = validate(_bad_fixtures(), focus).violations
    assert len(ours) >= len(BAD)
    assert ours == theirs


def test_empty_graph_conforms() -> None:
    assert validate(Graph()).conforms


# -- kg validate ---------------------------------------------------------------------------------


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_kg_validate_prints_each_violation_and_exits_1(path: Path) -> None:
    result = invoke("validate", str(path))
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    want = expected(path)
    # one constraint can fail twice with one message (an ordinal "3" is neither an integer nor >= 1)
    assert set(lines[:-1]) == {f"{label} [{p}]: {message}" for label, p, message in want}
    assert lines[-1] == f"does not conform: {len(lines) - 1} violations"


@pytest.mark.parametrize("path", OK, ids=lambda p: p.name)
def test_kg_validate_exits_0_on_a_conforming_graph(path: Path) -> None:
    result = invoke("validate", str(path))
    assert (result.exit_code, result.stdout) == (0, "conforms\n")


def test_kg_validate_accepts_a_build_directory(built: Built) -> None:
    result = invoke("validate", str(built.out))
    assert (result.exit_code, result.stdout) == (0, "conforms\n")


def test_kg_validate_exits_2_on_a_missing_graph(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.ttl"
    result = invoke("validate", str(missing))
    assert result.exit_code == 2
    assert result.stderr == (
        f"kg: error: graph {missing} does not exist: give a `kg build` output directory, "
        "an RDF file or a URL\n"
    )
    assert result.stdout == ""


def test_kg_validate_exits_2_on_malformed_turtle(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<\n", encoding="utf-8")
    result = invoke("validate", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: error: {bad} is not valid RDF: ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_kg_validate_exits_2_on_a_directory_without_a_graph(tmp_path: Path) -> None:
    result = invoke("validate", str(tmp_path))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"kg: error: {tmp_path} has no graph.ttl: run `kg build INPUT --out {tmp_path}` first\n"
    )


# -- the ontology --------------------------------------------------------------------------------


def own_terms() -> set[URIRef]:
    o = ontology()
    return {s for s in o.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(str(KG))}


def test_ontology_declares_classes_and_properties() -> None:
    kinds = {t for term in own_terms() for t in ontology().objects(term, RDF.type)}
    assert {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty} <= kinds
    assert len(own_terms()) > 40


@pytest.mark.parametrize("term", sorted(own_terms()), ids=lambda t: str(t)[len(str(KG)) :])
def test_own_term_has_vietnamese_and_english_labels_and_a_comment(term: URIRef) -> None:
    o = ontology()
    languages = sorted(label.language for label in o.objects(term, RDFS.label))  # type: ignore[attr-defined]
    assert languages == ["en", "vi"]
    assert any(str(c).strip() for c in o.objects(term, RDFS.comment))


def test_every_own_term_the_graph_shapes_and_queries_use_is_declared(built: Built) -> None:
    g = Graph().parse(built.graph)
    used = set(g.predicates()) | set(g.objects(None, RDF.type))
    used |= {t for t in shapes().all_nodes() if isinstance(t, URIRef)}
    for rq in (ROOT / "queries").glob("*.rq"):
        used |= {KG[name] for name in re.findall(r"\bkg:(\w+)", rq.read_text(encoding="utf-8"))}
    own = {t for t in used if str(t).startswith(str(KG))}
    assert own and own <= own_terms(), own - own_terms()


def test_subclasses_of_the_ontology_reach_the_reused_vocabularies() -> None:
    o = ontology()
    org = URIRef("http://www.w3.org/ns/org#Organization")
    assert (KG.PartyCommittee, RDFS.subClassOf, org) in o
    assert (KG.Congress, RDFS.subClassOf, KG.Meeting) in o
    assert (KG.District, RDFS.subClassOf, URIRef("https://schema.org/AdministrativeArea")) in o
