"""The command line under pressure: outputs that are inputs, failing writes, Ctrl+C, bad JSON.

Every case ends with a documented exit code and a German message that names the file the
user gave; an existing output is untouched and no traceback is printed. Where stderr
matters (Python prints "Exception ignored …" only at interpreter shutdown), the command
runs in a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest

from netzkarte import NetworkMap, cli
from netzkarte.io import atomic
from netzkarte.io.atomic import WriteError, atomic_write_text
from netzkarte.io.excel import validate_excel
from netzkarte.io.exchange import read_json, write_json
from netzkarte.io.template import write_excel

ROOT = Path(__file__).resolve().parents[1]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of a folder with its bytes and modification time."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def karte_json(small_map: NetworkMap, tmp_path: Path) -> Path:
    return write_json(small_map, tmp_path / "karte.json")


@pytest.fixture
def karte_xlsx(small_map: NetworkMap, tmp_path: Path) -> Path:
    return write_excel(small_map, tmp_path / "karte.xlsx")


# --- outputs never replace inputs ---------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ["export", "{json}", "-o", "{json}"],
    ["export", "{xlsx}", "-o", "{xlsx}"],
    ["export", "{xlsx}", "-o", "{xlsx}", "--ueberschreiben"],
    ["analyse", "{json}", "--json", "{json}"],
    ["analyse", "{xlsx}", "--xlsx", "{xlsx}"],
    ["vergleich", "{json}", "{xlsx}", "--json", "{json}"],
])
def test_output_that_is_the_input_is_refused(capsys: pytest.CaptureFixture[str],
                                             karte_json: Path, karte_xlsx: Path,
                                             tmp_path: Path, argv: list[str]) -> None:
    before = snapshot(tmp_path)
    args = [a.format(json=karte_json, xlsx=karte_xlsx) for a in argv]
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert "dieselbe Datei wie die Eingabe" in err and "anderen Dateinamen" in err
    assert snapshot(tmp_path) == before


def test_karte_onto_its_workbook_is_refused(capsys: pytest.CaptureFixture[str],
                                           karte_xlsx: Path, tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    code, _, err = run(capsys, "karte", str(karte_xlsx), "-o", str(karte_xlsx))
    assert code == 2
    assert "Die Karte wird als HTML-Datei geschrieben" in err and "karte.html" in err
    assert snapshot(tmp_path) == before
    assert validate_excel(karte_xlsx)[1].ok


@pytest.mark.parametrize("link", ["symlink", "hardlink", "relative"])
def test_same_file_through_a_link_or_another_spelling(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      karte_json: Path, tmp_path: Path,
                                                      link: str) -> None:
    other = tmp_path / "auch.json"
    if link == "symlink":
        other.symlink_to(karte_json)
    elif link == "hardlink":
        os.link(karte_json, other)
    else:
        monkeypatch.chdir(tmp_path)
        other = Path("sub", "..", karte_json.name)
        (tmp_path / "sub").mkdir()
    before = snapshot(tmp_path)
    code, _, err = run(capsys, "export", str(karte_json), "-o", str(other))
    assert code == 2 and "dieselbe Datei wie die Eingabe" in err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(("argv", "message"), [
    (["karte", "{json}", "-o", "karte.png"],
     "-o karte.png: Die Karte wird als HTML-Datei geschrieben; geben Sie einen Namen mit "
     ".html an, z. B. karte.html."),
    (["bericht", "{json}", "-o", "bericht.pdf"],
     "-o bericht.pdf: Der Bericht wird als HTML-Datei geschrieben; geben Sie einen Namen mit "
     ".html an, z. B. bericht.html."),
    (["vergleich", "{json}", "{json}", "-o", "vergleich"],
     "Der Vergleich wird als HTML-Datei geschrieben"),
    (["vergleich", "{json}", "{json}", "--json", "vergleich.txt"],
     "--json vergleich.txt: Der Vergleich wird als JSON-Datei geschrieben"),
    (["analyse", "{json}", "--json", "befunde.xlsx"],
     "--json befunde.xlsx: Die Befunde werden als JSON-Datei geschrieben; geben Sie einen "
     "Namen mit .json an, z. B. befunde.json."),
    (["analyse", "{json}", "--xlsx", "massnahmen.csv"],
     "Die Maßnahmenliste wird als Excel-Arbeitsmappe geschrieben; geben Sie einen Namen mit "
     ".xlsx an, z. B. massnahmen.xlsx."),
])
def test_output_suffix_is_checked_per_command(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch,
                                              karte_json: Path, tmp_path: Path,
                                              argv: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    code, out, err = run(capsys, *[a.format(json=karte_json) for a in argv])
    assert code == 2 and out == ""
    assert message in err
    assert snapshot(tmp_path) == before


def test_export_asks_before_replacing_a_workbook(capsys: pytest.CaptureFixture[str],
                                                 karte_json: Path, tmp_path: Path) -> None:
    own = tmp_path / "meine_kommune.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Akteure"
    wb.create_sheet("Notizen")["A1"] = "Telefonliste, nicht verlieren"
    wb.save(own)
    before = snapshot(tmp_path)
    code, _, err = run(capsys, "export", str(karte_json), "-o", str(own))
    assert code == 2
    assert "gibt es schon" in err and "„Notizen“" in err and "--ueberschreiben" in err
    assert snapshot(tmp_path) == before
    code, _, err = run(capsys, "export", str(karte_json), "-o", str(own), "--ueberschreiben")
    assert code == 0
    assert "wird ersetzt" in err and "„Notizen“" in err and "Formatierungen" in err
    assert "Notizen" not in openpyxl.load_workbook(own, read_only=True).sheetnames


def test_other_formats_are_still_replaced(capsys: pytest.CaptureFixture[str],
                                          karte_json: Path, tmp_path: Path) -> None:
    target = tmp_path / "k.graphml"
    target.write_text("alt", encoding="utf-8")
    assert run(capsys, "export", str(karte_json), "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") != "alt"


# --- failing writes: the file asked for is named, nothing is half-written ----------------


_DRIVER = textwrap.dedent("""
    import errno, os, sys, tempfile, zipfile
    from netzkarte import cli

    mode, calls = sys.argv[1], {"n": 0}
    real_writestr, real_replace, real_mkstemp = (zipfile.ZipFile.writestr, os.replace,
                                                 tempfile.mkstemp)

    def writestr(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 3:  # in the middle of the workbook
            if mode == "ctrl-c":
                raise KeyboardInterrupt
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_writestr(self, *args, **kwargs)

    def replace(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", src)

    def mkstemp(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied",
                              os.path.join(kwargs.get("dir", "."), ".karte.tmp.xlsx"))

    if mode in ("disk-full", "ctrl-c"):
        zipfile.ZipFile.writestr = writestr
    elif mode == "rename":
        os.replace = replace
    elif mode == "read-only-folder":
        tempfile.mkstemp = mkstemp
    sys.exit(cli.main(sys.argv[2:]))
""")


@pytest.mark.parametrize(("mode", "exit_code", "words"), [
    ("disk-full", 2, "kein Platz mehr auf dem Datenträger. Geben Sie Speicherplatz frei"),
    ("ctrl-c", 130, "Abgebrochen (Strg+C)"),
    ("rename", 2, "keine Berechtigung"),
    ("read-only-folder", 2, "keine Berechtigung"),
])
def test_failed_xlsx_write_leaves_no_traceback_and_no_trace(karte_json: Path, tmp_path: Path,
                                                            mode: str, exit_code: int,
                                                            words: str) -> None:
    driver = tmp_path / "driver.py"
    driver.write_text(_DRIVER, encoding="utf-8")
    out_dir = tmp_path / "aus"
    out_dir.mkdir()
    target = out_dir / "ziel.xlsx"
    target.write_bytes(b"Stand von gestern")
    temp_dir = tmp_path / "temp"  # openpyxl's own temporary files go here
    temp_dir.mkdir()
    before = snapshot(out_dir)
    env = {**os.environ, "TMPDIR": str(temp_dir),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(driver), mode, "export", str(karte_json),
                           "-o", str(target), "--ueberschreiben"], capture_output=True,
                          text=True, env=env, timeout=300, check=False)
    assert done.returncode == exit_code, done.stderr
    assert words in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "interner Fehler" not in done.stderr
    if exit_code == 2:
        assert f"„{target}“ kann nicht geschrieben werden" in done.stderr
        assert "ist unverändert" in done.stderr and ".tmp" not in done.stderr
    assert snapshot(out_dir) == before  # the old file, no temporary file left beside it
    assert list(temp_dir.iterdir()) == []


def test_write_error_names_the_target(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full)
    target = tmp_path / "befunde.json"
    with pytest.raises(WriteError) as caught:
        atomic_write_text(target, "{}")
    assert caught.value.filename == str(target) and caught.value.errno == 28
    assert list(tmp_path.iterdir()) == []


# --- bad JSON never ends as an internal error ---------------------------------------------


@pytest.mark.parametrize(("literal", "command"), [
    ("9" * 5000, "pruefen"),
    ("1" + "0" * 400, "pruefen"),
    ("1" + "0" * 400, "export"),
    ("NaN", "export"),
])
def test_bad_json_numbers_exit_1_with_the_path(capsys: pytest.CaptureFixture[str],
                                               karte_json: Path, tmp_path: Path,
                                               literal: str, command: str) -> None:
    doc = json.loads(karte_json.read_text(encoding="utf-8"))
    i = next(i for i, n in enumerate(doc["nodes"]) if n["type"] == "offer")
    doc["nodes"][i]["capacity"] = "@@"
    karte_json.write_text(json.dumps(doc).replace('"@@"', literal), encoding="utf-8")
    target = tmp_path / "x.xlsx"
    extra = ["-o", str(target)] if command == "export" else []
    code, out, err = run(capsys, command, str(karte_json), *extra)
    assert code == 1
    assert f"nodes[{i}].capacity" in out + err
    assert "interner Fehler" not in err and "Traceback" not in err and not target.exists()


def test_pruefen_names_the_json_path(capsys: pytest.CaptureFixture[str], karte_json: Path) -> None:
    doc = json.loads(karte_json.read_text(encoding="utf-8"))
    i = next(i for i, n in enumerate(doc["nodes"]) if n["type"] == "offer")
    doc["nodes"][i]["capacity"] = "@@"
    karte_json.write_text(json.dumps(doc).replace('"@@"', "1" + "0" * 400), encoding="utf-8")
    code, out, _ = run(capsys, "pruefen", str(karte_json))
    assert code == 1 and f"nodes[{i}].capacity" in out and "(401 Ziffern)" in out


def test_district_name_that_is_a_list_exits_1(capsys: pytest.CaptureFixture[str],
                                              karte_json: Path) -> None:
    doc = json.loads(karte_json.read_text(encoding="utf-8"))
    doc["districts"] = {"index": "district", "columns": ["population"], "dtypes": ["Int64"],
                        "data": [[["Nord"], 100]]}
    karte_json.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run(capsys, "pruefen", str(karte_json))
    assert code == 1 and "districts.data[0][0]" in out and "interner Fehler" not in err


def test_export_rechecks_a_map_before_writing(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch,
                                              small_map: NetworkMap, tmp_path: Path) -> None:
    offer = next(n for n, d in small_map.graph.nodes(data=True) if d["type"].value == "offer")
    small_map.graph.nodes[offer]["capacity"] = -5  # the Excel reader lets this through
    monkeypatch.setattr(cli, "load_map", lambda path: small_map)
    target = tmp_path / "k.json"
    code, _, err = run(capsys, "export", "egal.xlsx", "-o", str(target))
    assert code == 1 and "capacity" in err and "ab 0" in err
    assert not target.exists()


# --- texts longer than an Excel cell --------------------------------------------------------


def test_export_of_an_overlong_cell_names_it_and_json_keeps_it(
        capsys: pytest.CaptureFixture[str], small_map: NetworkMap, tmp_path: Path) -> None:
    nid = next(iter(small_map.graph.nodes))
    small_map.graph.nodes[nid]["note"] = "Protokoll " * 4000  # 40,000 characters
    source = write_json(small_map, tmp_path / "lang.json")
    code, _, err = run(capsys, "export", str(source), "-o", str(tmp_path / "lang.xlsx"))
    assert code == 1
    assert "Zeile 2, Spalte „Bemerkung“" in err and f"„{nid}“" in err and "32.767" in err
    assert not (tmp_path / "lang.xlsx").exists()
    assert run(capsys, "export", str(source), "-o", str(tmp_path / "auch.json"))[0] == 0
    assert read_json(tmp_path / "auch.json").graph.nodes[nid]["note"] == "Protokoll " * 4000


# --- the FAQ on IDs says what netzkarte does -----------------------------------------------


def test_faq_on_leading_zeros_is_true(tmp_path: Path) -> None:
    faq = (ROOT / "docs" / "faq.md").read_text(encoding="utf-8")
    assert "`007` und `7` sind für netzkarte verschiedene IDs" in faq
    assert "`7`, `7.0` und „7“" in faq
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in ("Akteure", "Ämter", "Angebote", "Beziehungen"):
        wb.create_sheet(name).append(["ID", "Name"] if name != "Beziehungen"
                                     else ["Von", "Zu", "Art"])
    wb["Akteure"].append(["007", "Kita mit Text-ID"])  # a text cell keeps its zeros
    wb["Akteure"].append([12, "Kita mit Zahl-ID"])  # typed as a number
    committees = wb.create_sheet("Gremien")
    committees.append(["ID", "Name"])
    committees.append(["G1", "Steuerungsgruppe"])
    members = wb.create_sheet("Mitgliedschaften")
    members.append(["Mitglied", "Gremium"])
    members.append([7, "G1"])  # Excel made 7 of 007
    members.append(["12", "G1"])  # text "12" is the number 12
    members.append([12.0, "G1"])
    wb.save(tmp_path / "ids.xlsx")
    _, report = validate_excel(tmp_path / "ids.xlsx")
    unknown = [(i.row, str(i.value)) for i in report.errors if i.code == "unknown-reference"]
    assert unknown == [(2, "7.0")] or unknown == [(2, "7")]
