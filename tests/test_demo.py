"""``run_demo`` and ``netzkarte demo``: the example town written into a folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from netzkarte import cli, demo
from netzkarte.datasets import kindertal
from netzkarte.demo import DemoOutputs, run_demo
from netzkarte.io.excel import validate_excel

FILES = ["kindertal_2019.xlsx", "kindertal_2017.xlsx", "karte_kindertal.html",
         "befunde_kindertal.json", "massnahmenliste_kindertal.xlsx",
         "bericht_kindertal.html", "vergleich_kindertal.html"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> DemoOutputs:
    return run_demo(tmp_path_factory.mktemp("demo"))


def test_run_demo_writes_every_file_in_order(outputs: DemoOutputs) -> None:
    assert [p.name for p in outputs.paths()] == FILES
    assert sorted(p.name for p in outputs.folder.iterdir()) == sorted(FILES)  # no temp files
    assert outputs.workbook_2019 == outputs.folder / "kindertal_2019.xlsx"
    assert outputs.map_html == outputs.folder / "karte_kindertal.html"
    assert all(f.description for f in outputs.files)


@pytest.mark.parametrize(("name", "year"), [("kindertal_2019.xlsx", 2019),
                                            ("kindertal_2017.xlsx", 2017)])
def test_demo_workbooks_validate_cleanly_and_hold_kindertal(outputs: DemoOutputs, name: str,
                                                            year: int) -> None:
    read, report = validate_excel(outputs.folder / name)
    assert (report.errors, report.warnings) == ([], [])
    assert read is not None
    assert read.counts() == kindertal(year).counts()
    assert read.meta.snapshot == kindertal(year).meta.snapshot


def test_demo_findings_map_and_action_list_are_about_kindertal(outputs: DemoOutputs) -> None:
    assert outputs.findings_json is not None and outputs.action_list is not None
    findings = json.loads(outputs.findings_json.read_text(encoding="utf-8"))
    assert findings["municipality"] == "Kindertal"
    assert findings["summary"]["nodes"]["committee"] == 31
    assert findings["findings"]
    page = (outputs.folder / "karte_kindertal.html").read_text(encoding="utf-8")
    assert "Steuerungsgruppe „Gut aufwachsen in Kindertal“" in page
    sheets = load_workbook(outputs.action_list, read_only=True).sheetnames
    assert sheets == ["Maßnahmen", "Qualitätsrahmen", "Datenlage"]


def test_second_run_overwrites_cleanly(tmp_path: Path) -> None:
    first = run_demo(tmp_path)
    (tmp_path / "kindertal_2019.xlsx").write_bytes(b"kaputt")
    (tmp_path / "befunde_kindertal.json").write_text("{}", encoding="utf-8")
    (tmp_path / "eigene_notiz.txt").write_text("bleibt", encoding="utf-8")
    second = run_demo(tmp_path)
    assert second.paths() == first.paths()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*FILES, "eigene_notiz.txt"])
    assert validate_excel(tmp_path / "kindertal_2019.xlsx")[1].ok
    assert json.loads((tmp_path / "befunde_kindertal.json").read_text(encoding="utf-8"))[
        "municipality"] == "Kindertal"
    assert (tmp_path / "eigene_notiz.txt").read_text(encoding="utf-8") == "bleibt"


def test_cli_demo_prints_existing_paths_in_german(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "ausgabe"
    assert cli.main(["demo", "-o", str(target)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Beispielstadt Kindertal geschrieben nach {target.resolve()}:"
    listed = [Path(line.split("  – ")[0].strip()) for line in out[1:]]
    assert [p.name for p in listed] == FILES
    assert all(p.exists() for p in listed)
    assert "Netzwerkkarte" in out[3] and "Maßnahmenliste" in out[5]


def test_cli_demo_uses_netzkarte_demo_by_default(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(demo, "STEPS", demo.STEPS[:1])  # the workbook is enough
    assert cli.main(["demo"]) == 0
    assert (tmp_path / "netzkarte-demo" / "kindertal_2019.xlsx").exists()
    assert "netzkarte-demo" in capsys.readouterr().out


def test_cli_demo_unwritable_folder_is_a_german_error(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    blocker = tmp_path / "datei"
    blocker.write_text("", encoding="utf-8")
    assert cli.main(["demo", "-o", str(blocker)]) == 2
    err = capsys.readouterr().err
    assert "kann nicht gelesen oder geschrieben werden" in err and "Traceback" not in err


def test_demo_report_and_comparison_are_written(outputs: DemoOutputs) -> None:
    report = outputs.report.read_text(encoding="utf-8")
    assert "Netzwerkbericht Kindertal" in report and "Qualitätsrahmen" in report
    comparison = outputs.comparison.read_text(encoding="utf-8")
    assert "2017" in comparison and "2019" in comparison and "gelöst" in comparison
