"""kg.pipeline.build: incremental builds equal clean builds, prune, failures, streaming, validation
of what changed only."""

from __future__ import annotations

import json
from dataclasses import asdict
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kg import pipeline
from kg.errors import InputError, NothingToBuild
from kg.namespaces import FOAF, KG
from kg.pipeline import build
from kg.store import ntriples as store_ntriples
from kg.store import to_rdflib
from kg.validate import validate

# Hải Phòng's districts: a deputy secretary named in several articles is one person of one province.
UNITS = ("Hồng Bàng", "Ngô Quyền", "Lê Chân", "Hải An", "Kiến An", "Đồ Sơn")
PEOPLE = ("Trần Quang Tuấn", "Nguyễn Văn Nam", "Lê Thị Hoa", "Phạm Văn Đức", "Hoàng Văn Hùng", "Vũ Thị Lan")


def article(i: int, deputy: str = "Phạm Minh Đức", ordinal: str = "XXIII") -> str:
    unit, person = UNITS[i % len(UNITS)], PEOPLE[i % len(PEOPLE)]
    return (f"Đại hội Đảng bộ quận {unit} lần thứ {ordinal}, nhiệm kỳ 2020 - 2025\n\n"
            f"Đồng chí {person} tiếp tục được bầu là Bí thư Quận ủy {unit} nhiệm kỳ 2020 - 2025. "
            f"Đồng chí {deputy} được bầu làm Phó Bí thư Quận ủy {unit}.\n")


def write_corpus(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def corpus(n: int, **changes: str) -> dict[str, str]:
    texts = {f"a{i}.txt": article(i) for i in range(n)}
    texts.update(changes)
    return texts


def ntriples(out: Path) -> list[str]:
    """The built graph as sorted N-Triples lines."""
    data = (out / "graph.ttl").read_bytes()
    return sorted(str(t) for t in ox.parse(data, format=ox.RdfFormat.TURTLE))


def report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def clean_build(texts: dict[str, str], tmp: Path) -> Path:
    out = tmp / "clean"
    build([str(write_corpus(tmp / "clean-in", texts))], out)
    return out


# -- incremental builds --------------------------------------------------------------------------


def test_second_build_skips_every_unchanged_article(tmp_path: Path) -> None:
    inputs = write_corpus(tmp_path / "in", corpus(3))
    build([str(inputs)], tmp_path / "out")
    first = (tmp_path / "out" / "graph.ttl").read_bytes()
    again = build([str(inputs)], tmp_path / "out")
    assert again.documents == {"seen": 3, "new": 0, "changed": 0, "unchanged": 3, "removed": 0, "failed": 0}
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == first
    assert again.counts["articles"] == 3 and again.triples > 0


def test_changed_added_and_pruned_articles_give_the_clean_build(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    build([str(write_corpus(inputs, corpus(4)))], tmp_path / "out")
    final = corpus(4, **{"a1.txt": article(1, deputy="Đỗ Văn Chiến"), "a9.txt": article(9)})
    del final["a2.txt"]
    result = build([str(write_corpus(inputs, final))], tmp_path / "out", prune=True)
    assert result.documents == {"seen": 4, "new": 1, "changed": 1, "unchanged": 2, "removed": 1, "failed": 0}
    assert report(tmp_path / "out")["documents"] == result.documents
    clean = clean_build(final, tmp_path)
    assert ntriples(tmp_path / "out") == ntriples(clean)
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes()


def test_a_fact_two_articles_state_survives_the_removal_of_one(tmp_path: Path) -> None:
    inputs = write_corpus(tmp_path / "in", corpus(2))  # both name deputy Phạm Minh Đức of Hải Phòng
    build([str(inputs)], tmp_path / "out")
    write_corpus(inputs, {"a0.txt": article(0)})
    build([str(inputs)], tmp_path / "out", prune=True)
    lines = ntriples(tmp_path / "out")
    assert any('"Phạm Minh Đức"' in line for line in lines)
    assert not any("Ngô Quyền" in line for line in lines)
    assert lines == ntriples(clean_build({"a0.txt": article(0)}, tmp_path))


def test_without_prune_articles_missing_from_the_inputs_stay(tmp_path: Path) -> None:
    build([str(write_corpus(tmp_path / "in", corpus(3)))], tmp_path / "out")
    result = build([str(write_corpus(tmp_path / "in", corpus(1)))], tmp_path / "out")
    assert result.documents["removed"] == 0 and result.counts["articles"] == 3


def test_a_new_pipeline_rebuilds_every_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = write_corpus(tmp_path / "in", corpus(2))
    build([str(inputs)], tmp_path / "out")
    monkeypatch.setattr(pipeline, "pipeline_fingerprint", lambda: "another version of kg")
    assert build([str(inputs)], tmp_path / "out").documents["changed"] == 2


def test_content_digest_depends_on_text_metadata_and_id(tmp_path: Path) -> None:
    from kg.read import scan

    def digest(folder: str, name: str, record: dict) -> str:
        path = tmp_path / folder / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        (article,) = scan([str(path)])
        return pipeline.content_digest(article)

    record = {"id": "1", "text": "Đại hội", "title": "h"}
    base = digest("in", "a.jsonl", record)
    assert digest("elsewhere", "a.jsonl", record) == base
    variants = [digest("in", "b.jsonl", record), digest("in", "a.jsonl", {**record, "text": "Đại hội!"}),
                digest("in", "a.jsonl", {**record, "title": "H"}), digest("in", "a.jsonl", {**record, "id": "2"})]
    assert len({base, *variants}) == 5


# -- failures ------------------------------------------------------------------------------------


def test_a_changed_article_that_fails_loses_its_old_facts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = write_corpus(tmp_path / "in", corpus(2))
    build([str(inputs)], tmp_path / "out")
    real = pipeline.document_ntriples

    def failing(doc):  # type: ignore[no-untyped-def]
        if doc.id == "a1.txt":
            raise RuntimeError("boom")
        return real(doc)

    monkeypatch.setattr(pipeline, "document_ntriples", failing)
    result = build([str(write_corpus(inputs, corpus(2, **{"a1.txt": article(1, ordinal="XXIV")})))],
                   tmp_path / "out")
    assert result.exit_code == 3 and result.documents["failed"] == 1
    assert result.failures == [
        {"source": str(inputs / "a1.txt"), "error": "extraction failed: RuntimeError: boom"}]
    assert ntriples(tmp_path / "out") == ntriples(clean_build({"a0.txt": article(0)}, tmp_path))
    monkeypatch.setattr(pipeline, "document_ntriples", real)
    assert build([str(inputs)], tmp_path / "out").documents["new"] == 1  # retried: it has no hash


def test_a_changed_article_that_is_now_unreadable_loses_its_old_facts(tmp_path: Path) -> None:
    inputs = write_corpus(tmp_path / "in", corpus(2))
    build([str(inputs)], tmp_path / "out")
    (inputs / "a1.txt").write_bytes(b"\x00\x01 binary")
    result = build([str(inputs)], tmp_path / "out")
    assert result.documents["failed"] == 1 and result.documents["seen"] == 1
    assert ntriples(tmp_path / "out") == ntriples(clean_build({"a0.txt": article(0)}, tmp_path))


def test_unchanged_articles_are_not_decoded_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Deciding that an article is unchanged takes its bytes only: the text checks (mojibake,
    legacy encodings) are for the new and changed ones."""
    inputs = write_corpus(tmp_path / "in", corpus(3))
    build([str(inputs)], tmp_path / "out")
    decoded: list[str] = []
    real = pipeline.document

    def watching(article):  # type: ignore[no-untyped-def]
        decoded.append(article.id)
        return real(article)

    monkeypatch.setattr(pipeline, "document", watching)
    write_corpus(inputs, corpus(3, **{"a2.txt": article(2, ordinal="XXIV")}))
    result = build([str(inputs)], tmp_path / "out")
    assert decoded == ["a2.txt"] and result.documents["unchanged"] == 2 and result.documents["seen"] == 3


def test_an_article_given_twice_is_built_once(tmp_path: Path) -> None:
    one = write_corpus(tmp_path / "in", corpus(1)) / "a0.txt"
    result = build([str(one), str(one)], tmp_path / "out")
    assert result.documents["new"] == 1 and result.documents["failed"] == 1
    assert "appears twice" in result.failures[0]["error"]


def test_nothing_readable_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(NothingToBuild):
        build([str(tmp_path / "in")], tmp_path / "out")


def test_bad_paths_fail_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        build([str(tmp_path / "missing")], tmp_path / "out")
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="is a file"):
        build([str(write_corpus(tmp_path / "in", corpus(1)))], tmp_path / "file")
    assert not (tmp_path / "out").exists()


# -- progress and streaming ----------------------------------------------------------------------


def test_progress_gets_each_built_article_and_each_failure(tmp_path: Path) -> None:
    inputs = write_corpus(tmp_path / "in", corpus(2))
    (inputs / "bad.txt").write_bytes(b"\x00\x01")
    messages: list[str] = []
    build([str(inputs)], tmp_path / "out", on_progress=messages.append)
    assert sorted(m for m in messages if not m.startswith("failed: ")) == ["a0.txt", "a1.txt"]
    assert next(m for m in messages if m.startswith("failed: ")).startswith(f"failed: {inputs / 'bad.txt'}")


def test_extraction_streams_a_bounded_number_of_articles(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles are read as the store takes them: the build never holds more than a lookup window
    and a batch, whatever the number of inputs."""
    inputs = write_corpus(tmp_path / "in", corpus(24))
    pulled, ahead = [0], []
    real_scan, real_commit = pipeline.scan, pipeline._Run.commit

    def counting_scan(paths: list[str]) -> Iterator:
        for item in real_scan(paths):
            pulled[0] += 1
            yield item

    def watching_commit(self, dataset, results):  # type: ignore[no-untyped-def]
        real_commit(self, dataset, results)
        built = self.report.documents["new"]
        ahead.append(pulled[0] - built)

    monkeypatch.setattr(pipeline, "scan", counting_scan)
    monkeypatch.setattr(pipeline, "LOOKUP_SIZE", 4)
    monkeypatch.setattr(pipeline._Run, "commit", watching_commit)
    result = build([str(inputs)], tmp_path / "out", batch_size=2, store_triples=1)
    assert result.documents["new"] == 24 and len(ahead) == 12
    assert max(ahead) <= 4 + 2


def test_new_articles_are_stored_in_groups_of_a_number_of_triples(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches are grouped until they hold store_triples triples; every article is reported as it
    is extracted, and the graph is the one per-batch storing gives."""
    inputs = write_corpus(tmp_path / "in", corpus(12))
    groups: list[int] = []
    real_commit = pipeline._Run.commit

    def watching_commit(self, dataset, results):  # type: ignore[no-untyped-def]
        groups.append(len(results))
        real_commit(self, dataset, results)

    monkeypatch.setattr(pipeline._Run, "commit", watching_commit)
    per_article = len(ntriples(clean_build({"a0.txt": article(0)}, tmp_path)))
    groups.clear()
    messages: list[str] = []
    result = build([str(inputs)], tmp_path / "grouped", on_progress=messages.append, batch_size=2,
                   store_triples=per_article * 5)
    assert groups == [6, 6] and len(messages) == 12 and result.documents["new"] == 12
    build([str(inputs)], tmp_path / "single", batch_size=2, store_triples=1)
    assert groups[2:] == [2] * 6
    assert ntriples(tmp_path / "grouped") == ntriples(tmp_path / "single")


# -- validation ----------------------------------------------------------------------------------


def _second_name(monkeypatch: pytest.MonkeyPatch, doc_id: str, name: str) -> None:
    """Make article `doc_id` give its deputy secretary another spelling of his name."""
    real = pipeline.document_ntriples

    def renaming(doc):  # type: ignore[no-untyped-def]
        if doc.id != doc_id:
            return real(doc)
        graph = to_rdflib(real(doc))
        for person in list(graph.subjects(FOAF.name, Literal("Phạm Minh Đức"))):
            graph.add((URIRef(person), FOAF.name, Literal(name)))
        return store_ntriples(graph)

    monkeypatch.setattr(pipeline, "document_ntriples", renaming)


def test_a_violation_across_two_articles_is_found_when_the_second_arrives(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = write_corpus(tmp_path / "in", corpus(2))
    assert build([str(inputs)], tmp_path / "out").conforms
    real = pipeline.document_ntriples
    _second_name(monkeypatch, "a2.txt", "Phạm Minh Đúc")
    write_corpus(inputs, corpus(3))
    result = build([str(inputs)], tmp_path / "out")
    assert result.documents["new"] == 1 and not result.conforms and result.exit_code == 1
    assert [(v["path"], v["label"] in ("Phạm Minh Đức", "Phạm Minh Đúc")) for v in result.violations] == \
        [("foaf:name", True)]
    unchanged = build([str(inputs)], tmp_path / "out")  # remembered, not revalidated
    assert unchanged.violations == result.violations
    monkeypatch.setattr(pipeline, "document_ntriples", real)
    write_corpus(inputs, corpus(2))
    assert build([str(inputs)], tmp_path / "out", prune=True).conforms


def _watch_validation(monkeypatch: pytest.MonkeyPatch) -> list:
    """The node lists each pyshacl run is given (None: the whole graph at once)."""
    validated: list = []
    real = pipeline.validate_chunk

    def watching(chunk):  # type: ignore[no-untyped-def]
        validated.append(chunk[0])
        return real(chunk)

    monkeypatch.setattr(pipeline, "validate_chunk", watching)
    return validated


def subjects(out: Path) -> int:
    return len({line.split(" ")[0] for line in ntriples(out)})


def test_validation_looks_only_at_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = write_corpus(tmp_path / "in", corpus(12))
    build([str(inputs)], tmp_path / "out")
    validated = _watch_validation(monkeypatch)
    build([str(inputs)], tmp_path / "out")
    assert validated == []
    write_corpus(inputs, corpus(12, **{"a0.txt": article(0, ordinal="XXIV")}))
    build([str(inputs)], tmp_path / "out")
    assert None not in validated and 0 < sum(map(len, validated)) < subjects(tmp_path / "out") / 2


def test_new_shapes_revalidate_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = write_corpus(tmp_path / "in", corpus(2))
    build([str(inputs)], tmp_path / "out")
    validated = _watch_validation(monkeypatch)
    monkeypatch.setattr(pipeline, "shapes_fingerprint", lambda: "new shapes")
    monkeypatch.setattr(pipeline, "WHOLE_GRAPH_LIMIT", 0)  # in chunks, to count the nodes
    build([str(inputs)], tmp_path / "out")
    assert sum(map(len, validated)) == subjects(tmp_path / "out")


def _second_status(monkeypatch: pytest.MonkeyPatch, doc_id: str) -> None:
    """Make article `doc_id` give each of its posts a second status: a violation of its own nodes."""
    real = pipeline.document_ntriples

    def twice(doc):  # type: ignore[no-untyped-def]
        data = real(doc)
        if doc.id != doc_id:
            return data
        graph = to_rdflib(data)
        for post in list(graph.subjects(KG.status, None)):
            graph.add((post, KG.status, Literal("acting")))
        return store_ntriples(graph)

    monkeypatch.setattr(pipeline, "document_ntriples", twice)


def test_a_build_finds_what_one_run_over_the_whole_graph_finds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An article's own nodes validated as it is extracted, the others in chunks from the store:
    the violations of one pyshacl run over the finished graph, no more and no fewer."""
    _second_name(monkeypatch, "a1.txt", "Phạm Minh Đúc")  # a person two articles describe
    _second_status(monkeypatch, "a2.txt")  # posts only their article describes
    inputs = write_corpus(tmp_path / "in", corpus(4))
    monkeypatch.setattr(pipeline, "VALIDATION_CHUNK", 7)
    monkeypatch.setattr(pipeline, "WHOLE_GRAPH_LIMIT", 0)
    validated = _watch_validation(monkeypatch)
    chunked = build([str(inputs)], tmp_path / "chunked")
    graph = Graph().parse(tmp_path / "chunked" / "graph.ttl", format="turtle")
    whole = sorted({json.dumps(asdict(v), sort_keys=True) for v in validate(graph).violations})
    assert sorted(json.dumps(v, sort_keys=True) for v in chunked.violations) == whole  # each once
    assert {v["path"] for v in chunked.violations} == {"foaf:name", "kg:status"} and len(whole) > 2
    assert None not in validated and len(validated) > 3


def test_many_chunks_are_validated_in_a_child_process_that_is_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = write_corpus(tmp_path / "in", corpus(4))
    whole = build([str(inputs)], tmp_path / "whole")
    children: list[int] = []
    real = pipeline.Pool.map_isolated

    def counting(self, fn, batches, recycle):  # type: ignore[no-untyped-def]
        children.append(recycle)
        return real(self, fn, batches, recycle)

    monkeypatch.setattr(pipeline.Pool, "map_isolated", counting)
    for name, value in (("WHOLE_GRAPH_LIMIT", 0), ("VALIDATION_CHUNK", 5), ("CHUNKS_IN_PROCESS", 2),
                        ("CHUNKS_PER_CHILD", 2)):
        monkeypatch.setattr(pipeline, name, value)
    isolated = build([str(inputs)], tmp_path / "isolated")
    assert children == [2]
    assert isolated.violations == whole.violations
    assert (tmp_path / "isolated" / "graph.ttl").read_bytes() == (tmp_path / "whole" / "graph.ttl").read_bytes()


def test_a_builds_n_triples_are_the_graph_of_the_article() -> None:
    """The build serializes the facts without an rdflib Graph; the graph it would have is the same."""
    from conftest import ARTICLES

    from kg.model import Document

    for path in sorted(ARTICLES.glob("*.txt")):
        doc = Document(path.name, str(path), path.read_text(encoding="utf-8"))
        lines = pipeline.document_ntriples(doc).splitlines()
        assert len(lines) == len(set(lines)) > 20
        assert sorted(lines) == sorted(store_ntriples(pipeline.document_graph(doc)).splitlines())
