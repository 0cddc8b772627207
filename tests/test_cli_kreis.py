"""Several workbooks and folders on the command line: karte, analyse, bericht and
uebersicht read them as one map; problems keep their file names; outputs never land where
they would be read as inputs."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from netzkarte import write_excel
from netzkarte.cli import main
from netzkarte.datasets.synthetic import synthetic
from netzkarte.io.combine import per_municipality


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three Kommunen and their Kreis, one workbook each."""
    out = tmp_path_factory.mktemp("kreis")
    for name, part in per_municipality(synthetic(1500, seed=8, municipalities=3).map):
        write_excel(part, out / f"{name}.xlsx")
    return out


def test_analyse_and_karte_read_a_folder_as_one_map(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "befunde.json"
    assert main(["analyse", str(folder), "--json", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Netzwerkanalyse Musterkreis")
    result = json.loads(target.read_text(encoding="utf-8"))
    assert {f["municipality"] for f in result["findings"]} >= {
        "Musterstadt 1", "Musterstadt 2", "Musterstadt 3"}
    assert main(["karte", *sorted(str(p) for p in folder.iterdir()),
                 "-o", str(tmp_path / "karte.html"), "--ohne-befunde"]) == 0
    assert "Karte geschrieben" in capsys.readouterr().out


def test_bericht_reads_several_files(folder: Path, tmp_path: Path) -> None:
    files = sorted(str(p) for p in folder.iterdir() if "Musterkreis" not in p.name)
    assert main(["bericht", *files, "-o", str(tmp_path / "bericht.html")]) == 0
    assert "Musterstadt 3" in (tmp_path / "bericht.html").read_text(encoding="utf-8")


def test_uebersicht_writes_page_folder_and_workbook(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page, book = tmp_path / "uebersicht.html", tmp_path / "uebersicht.xlsx"
    assert main(["uebersicht", str(folder), "-o", str(page), "--xlsx", str(book)]) == 0
    out = capsys.readouterr().out
    assert "Übersicht geschrieben" in out and "3 Kommunen" in out
    assert len(list((tmp_path / "uebersicht_dateien").iterdir())) == 6
    assert openpyxl.load_workbook(book).sheetnames[0] == "Kommunen"
    assert main(["uebersicht", str(folder), "-o", str(tmp_path / "anonym.html"),
                 "--anonym"]) == 0
    assert "Musterstadt" not in (tmp_path / "anonym.html").read_text(encoding="utf-8")
    assert not (tmp_path / "anonym_dateien").exists()


def test_a_broken_file_fails_with_its_name_and_writes_nothing(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "kaputt.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Akteure"
    wb.save(broken)
    target = tmp_path / "uebersicht.html"
    assert main(["uebersicht", str(folder), str(broken), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "kaputt.xlsx: " in err and "Traceback" not in err
    assert not target.exists() and not (tmp_path / "uebersicht_dateien").exists()


def test_outputs_that_would_be_read_as_inputs_are_refused(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p.name for p in folder.iterdir())
    assert main(["analyse", str(folder), "--xlsx", str(folder / "liste.xlsx")]) == 2
    assert "Eingabeordner" in capsys.readouterr().err
    assert main(["uebersicht", str(folder), "-o", str(tmp_path / "u.html"),
                 "--xlsx", str(folder / "u.xlsx")]) == 2
    assert main(["uebersicht", str(folder), "-o", str(folder / "Musterkreis.xlsx")]) == 2
    assert sorted(p.name for p in folder.iterdir()) == before
    assert main(["karte", str(tmp_path / "gibt-es-nicht"), "-o",
                 str(tmp_path / "k.html")]) == 2
    assert "gibt es nicht" in capsys.readouterr().err


def test_pruefen_checks_a_folder_and_several_files_as_one_map(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An administrator of a Kreis checks every Kommune's workbook at once: the counts are
    those of the combined map, and a problem names its file, sheet, row and column."""
    assert main(["pruefen", str(folder), "--json"]) == 0
    whole = json.loads(capsys.readouterr().out)
    assert whole["ok"] is True and whole["errors"] == []
    assert whole["counts"]["actor"] > 0
    files = sorted(folder.iterdir())
    broken = tmp_path / files[0].name
    book = openpyxl.load_workbook(files[0])
    sheet = book["Mitgliedschaften"]
    sheet.cell(row=2, column=2, value="G-GIBT-ES-NICHT")
    book.save(broken)
    assert main(["pruefen", str(broken), *map(str, files[1:])]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"Prüfung von {broken}, ")
    line = next(x for x in out.splitlines() if "G-GIBT-ES-NICHT" in x)
    assert f"{broken.name}: " in line and "Zeile 2, Spalte „Gremium“" in line
    assert main(["pruefen", str(broken), *map(str, files[1:]), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    (error,) = [e for e in doc["errors"] if e["value"] == "G-GIBT-ES-NICHT"]
    assert (error["sheet"], error["row"], error["column"]) == ("Mitgliedschaften", 2, "Gremium")
    assert error["message"].startswith(f"{broken.name}: ")


def test_export_combines_a_folder_into_one_file_that_analyses_like_the_folder(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A Kreis hands on one file of all its Kommunen: the export of the folder reads back
    as the same map and yields the same findings, Kommune by Kommune."""
    def findings(*inputs: str) -> list[tuple[str, str, str]]:
        target = tmp_path / "befunde.json"
        assert main(["analyse", *inputs, "--json", str(target)]) == 0
        doc = json.loads(target.read_text(encoding="utf-8"))
        return sorted((f["municipality"] or "", f["kind"], f["severity"])
                      for f in doc["findings"])

    whole = findings(str(folder))
    assert len({kommune for kommune, _, _ in whole}) >= 3
    for suffix in (".xlsx", ".json"):
        exported = tmp_path / f"kreis{suffix}"
        assert main(["export", str(folder), "-o", str(exported)]) == 0
        assert "Exportiert" in capsys.readouterr().out
        assert findings(str(exported)) == whole
    before = sorted(p.name for p in folder.iterdir())
    assert main(["export", str(folder), "-o", str(folder / "kreis.json")]) == 2
    assert "Eingabeordner" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_massnahmenliste_named_as_the_map_is_refused_with_what_it_is(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    actions = tmp_path / "massnahmen.xlsx"
    assert main(["analyse", str(next(folder.iterdir())), "--xlsx", str(actions)]) == 0
    capsys.readouterr()
    for command in (["analyse", str(actions)], ["pruefen", str(actions)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "ist eine Maßnahmenliste" in err and "Traceback" not in err
