"""`netzkarte karte` and `netzkarte analyse` on the shipped Kindertal workbook."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from netzkarte.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "kindertal_2019.xlsx"
KINDS = {"parallel_structure", "transition_gap", "coverage_gap", "bottleneck", "promoter",
         "quality_standard", "isolated"}


def test_karte_writes_one_offline_file_with_findings(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "karte.html"
    assert main(["karte", str(EXAMPLE), "-o", str(target), "--layout", "kette"]) == 0
    page = target.read_text(encoding="utf-8")
    assert "Kindertal" in page and "Befunde" in page
    assert "https://" not in page.split("<body", 1)[0].replace("https://www.w3.org", "")
    assert "Karte geschrieben" in capsys.readouterr().out


def test_karte_anonym_hides_person_names(tmp_path: Path) -> None:
    target = tmp_path / "anonym.html"
    assert main(["karte", str(EXAMPLE), "-o", str(target), "--anonym", "--ohne-befunde"]) == 0
    page = target.read_text(encoding="utf-8")
    assert "Julia Neumann" not in page  # the coordinator, a person
    assert "Jugendamt" in page


def test_karte_invalid_input_exit_1_and_nothing_written(tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.json"
    broken.write_text('{"schema": "netzkarte/1", "nodes": [], "edges": '
                      '[{"source": "X", "target": "Y", "kind": "cooperation"}]}',
                      encoding="utf-8")
    target = tmp_path / "karte.html"
    assert main(["karte", str(broken), "-o", str(target)]) in (1, 2)
    assert not target.exists()


def test_analyse_summary_json_and_action_list(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out_json, out_xlsx = tmp_path / "befunde.json", tmp_path / "massnahmen.xlsx"
    assert main(["analyse", str(EXAMPLE), "--json", str(out_json), "--xlsx", str(out_xlsx)]) == 0
    text = capsys.readouterr().out
    assert "Netzwerkanalyse Kindertal" in text and "Befunde:" in text
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    assert set(doc) == {"municipality", "generated", "netzkarte_version", "summary", "findings",
                        "quality_checks", "data_quality"}
    assert {f["confidence"] for f in doc["findings"]} <= {"sicher", "unsicher"}
    assert doc["municipality"] == "Kindertal"
    assert {f["kind"] for f in doc["findings"]} <= KINDS
    assert all(q["status"] in {"pass", "warn", "fail", "unknown"} for q in doc["quality_checks"])
    wb = openpyxl.load_workbook(out_xlsx)
    assert wb.worksheets[0].max_row == len(doc["findings"]) + 1


def test_analyse_same_input_same_json(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    main(["analyse", str(EXAMPLE), "--json", str(a)])
    main(["analyse", str(EXAMPLE), "--json", str(b)])
    da, db = (json.loads(p.read_text(encoding="utf-8")) for p in (a, b))
    da.pop("generated"), db.pop("generated")
    assert da == db


def test_bericht_anonym_names_no_person(tmp_path: Path) -> None:
    target = tmp_path / "bericht.html"
    assert main(["bericht", str(EXAMPLE), "-o", str(target), "--anonym"]) == 0
    page = target.read_text(encoding="utf-8")
    assert "Netzwerkbericht Kindertal" in page and "Julia Neumann" not in page
    assert "@kindertal.example" not in page
