"""The kg command line through click's CliRunner: help texts, exit codes, one-line errors, formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import DESIGN_COLUMNS, Built

from kg.cli import main

ARTICLE = (
    "Đại hội Đảng bộ quận Hồng Bàng lần thứ XXIII, nhiệm kỳ 2020 - 2025\n\n"
    "Đồng chí Trần Quang Tuấn tiếp tục được bầu là Bí thư Quận ủy Hồng Bàng nhiệm kỳ 2020 - 2025.\n"
)


def kg(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="kg")


def words(text: str) -> str:
    return " ".join(text.split())


def one_error_line(result: Result) -> str:
    """The error a command printed: exactly one line on stderr, nothing on stdout, no traceback."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr.rstrip("\n")


# -- help ----------------------------------------------------------------------------------------


def test_main_help_lists_every_command() -> None:
    result = kg("--help")
    assert result.exit_code == 0
    for name in ("build", "query", "validate", "export", "stats", "viz", "serve"):
        assert name in result.stdout


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help(command: str) -> None:
    result = kg(command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: kg {command} ")
    text = main.commands[command].help or ""
    assert len(text.split()) >= 5, f"kg {command} needs a sentence of help"
    assert words(text.split("\n\n")[0]) in words(result.stdout)


def test_help_documents_the_exit_codes() -> None:
    assert "exit 0 conforms, 1 does not, 2 bad input" in words(kg("validate", "--help").stdout)
    build_help = words(kg("build", "--help").stdout)
    assert "0 built and conforms" in build_help and "3 built but some inputs failed" in build_help


def test_version() -> None:
    result = kg("--version")
    assert result.exit_code == 0 and result.stdout.startswith("kg, version ")


# -- errors: one line, exit 2 --------------------------------------------------------------------


def test_build_missing_input(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir"
    line = one_error_line(kg("build", str(missing), "--out", str(tmp_path / "out")))
    assert line == f"kg: error: input {missing} does not exist: give article files or directories"
    assert not (tmp_path / "out").exists()


def test_build_nothing_readable(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    line = one_error_line(kg("build", str(tmp_path), "--out", str(tmp_path / "out")))
    assert line == f"kg: error: no readable article in {tmp_path}: give .txt, .html or .jsonl files"


def test_build_without_input_is_a_usage_error() -> None:
    result = kg("build")
    assert result.exit_code == 2 and "Missing argument" in result.stderr


def test_query_unknown_name(built: Built) -> None:
    line = one_error_line(kg("query", str(built.out), "who_lead_what"))
    assert line == (
        "kg: error: unknown query 'who_lead_what': use one of documents, meeting_outcomes, meetings, "
        "people, person_career, unit_bodies, who_led_what or a path to a .rq file"
    )


def test_query_malformed_rq(built: Built, tmp_path: Path) -> None:
    rq = tmp_path / "broken.rq"
    rq.write_text("# broken\nSELECT ?x WHERE { ?x ", encoding="utf-8")
    line = one_error_line(kg("query", str(built.out), str(rq)))
    assert line.startswith(f"kg: error: malformed query {rq}: error at 2:")


def test_query_missing_rq(built: Built, tmp_path: Path) -> None:
    rq = tmp_path / "missing.rq"
    assert (
        one_error_line(kg("query", str(built.out), str(rq))) == f"kg: error: query file {rq} does not exist"
    )


def test_query_refuses_updates(built: Built, tmp_path: Path) -> None:
    rq = tmp_path / "drop.rq"
    rq.write_text("# Drops everything.\nDROP ALL", encoding="utf-8")
    line = one_error_line(kg("query", str(built.out), str(rq)))
    assert line.startswith("kg: error: kg query is read-only: ") and "DROP" in line
    assert kg("query", str(built.out), "people").stdout.count("\n") > 3  # the graph is untouched


def test_query_missing_graph(tmp_path: Path) -> None:
    line = one_error_line(kg("query", str(tmp_path / "out"), "people"))
    assert line == (
        f"kg: error: graph {tmp_path / 'out'} does not exist: give a `kg build` output directory, "
        "an RDF file or a URL"
    )


def test_query_bad_param(built: Built) -> None:
    line = one_error_line(kg("query", str(built.out), "people", "--param", "personName"))
    assert line == (
        "kg: error: bad --param 'personName': write NAME=VALUE, e.g. --param name='Trần Quang Tuấn'"
    )


def test_export_unknown_format_is_a_usage_error(built: Built) -> None:
    result = kg("export", str(built.out), "--format", "xml")
    assert result.exit_code == 2 and "'xml' is not one of" in result.stderr and result.stdout == ""


# -- kg query: formats and parameters ------------------------------------------------------------


def test_query_table(built: Built) -> None:
    result = kg("query", str(built.out), "people")
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["personName", "source", "person"]
    assert set(lines[1]) <= {"-", " "}
    assert "Trần Quang Tuấn" in result.stdout
    assert lines[-1] == f"({len(lines) - 3} rows)"


def test_query_csv(built: Built) -> None:
    result = kg("query", str(built.out), "who_led_what", "--format", "csv")
    assert result.exit_code == 0 and result.stderr == ""
    records = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(records[0])[:8] == DESIGN_COLUMNS["who_led_what"]
    assert {
        "personName": "Trần Quang Tuấn",
        "roleLabel": "Bí thư",
        "start": "2020",
        "end": "2025",
    }.items() <= next(r for r in records if r["personName"] == "Trần Quang Tuấn").items()


def test_query_json_keeps_integers_and_nulls(built: Built) -> None:
    result = kg("query", str(built.out), "meetings", "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    records = json.loads(result.stdout)
    assert records and all(isinstance(r["ordinal"], int) or r["ordinal"] is None for r in records)
    assert any(r["ordinal"] == 3 for r in records)
    assert any(r["startDate"] is None for r in records)


def test_query_param_binds_a_value(built: Built) -> None:
    result = kg(
        "query", str(built.out), "who_led_what", "--format", "json", "--param", "personName=Trần Đức Hoạt"
    )
    records = json.loads(result.stdout)
    assert records and {r["personName"] for r in records} == {"Trần Đức Hoạt"}


def test_query_params_combine(built: Built) -> None:
    result = kg(
        "query",
        str(built.out),
        "who_led_what",
        "--format",
        "json",
        "--param",
        "personName=Trần Đức Hoạt",
        "--param",
        "roleLabel=Chủ tịch",
    )
    records = json.loads(result.stdout)
    assert [(r["roleLabel"], r["organizationLabel"]) for r in records] == [
        ("Chủ tịch", "HĐND quận Nam Từ Liêm")
    ]


def test_query_param_is_a_term_not_query_text(built: Built) -> None:
    sneaky = 'x" } UNION { ?post ?p ?o } #'
    result = kg("query", str(built.out), "people", "--format", "json", "--param", f"personName={sneaky}")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_query_integer_param(built: Built) -> None:
    result = kg("query", str(built.out), "meetings", "--format", "json", "--param", "ordinal=14")
    records = json.loads(result.stdout)
    assert records and {r["ordinal"] for r in records} == {14}


def test_query_rq_file(built: Built, tmp_path: Path) -> None:
    rq = tmp_path / "count.rq"
    rq.write_text(
        "# How many persons.\n# Columns: n\nSELECT (COUNT(*) AS ?n) WHERE { ?p a foaf:Person }\n",
        encoding="utf-8",
    )
    result = kg("query", str(built.out), str(rq), "--format", "csv")
    assert result.exit_code == 0 and result.stdout.splitlines()[0] == "n"
    assert int(result.stdout.splitlines()[1]) > 3


# -- kg build, kg export -------------------------------------------------------------------------


def test_build_prints_a_summary_and_exits_0(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hong-bang.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = kg("build", str(tmp_path / "in"), "--out", str(out))
    assert result.exit_code == 0, result.output
    summary = result.stdout.splitlines()
    assert summary[0].startswith("articles 1  people 1 ")
    assert summary[1].startswith(f"SHACL: conforms  -> {out / 'graph.ttl'}, {out / 'report.json'}")
    assert (out / "graph.ttl").is_file() and json.loads((out / "report.json").read_text())["conforms"]


def test_build_exits_3_when_an_input_fails(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\x01binary")
    result = kg("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 3, result.output
    assert "bad.txt" in result.stderr and "bad.txt" not in result.stdout
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert [f["source"].endswith("bad.txt") for f in report["failures"]] == [True]


def test_export_to_stdout_and_to_a_file(built: Built, tmp_path: Path) -> None:
    to_stdout = kg("export", str(built.out), "--format", "ntriples")
    assert to_stdout.exit_code == 0 and to_stdout.stdout.count(" .\n") == built.report.triples
    target = tmp_path / "graph.nt"
    to_file = kg("export", str(built.out), "--format", "ntriples", "-o", str(target))
    assert (to_file.exit_code, to_file.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") == to_stdout.stdout
