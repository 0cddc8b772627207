"""The command line: exit codes, German output, ``pruefen --json``, atomic writes, start-up."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from netzkarte import NetworkMap, ValidationReport, __version__, cli
from netzkarte.io.exchange import read_json, write_json

ISSUE_KEYS = {"sheet", "row", "column", "value", "message"}
COUNT_KEYS = {"actor", "office", "committee", "offer", "edges"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def karte_json(small_map: NetworkMap, tmp_path: Path) -> Path:
    return write_json(small_map, tmp_path / "karte.json")


@pytest.fixture
def bad_json(tmp_path: Path) -> Path:
    path = tmp_path / "kaputt.json"
    path.write_text(json.dumps({
        "schema": "netzkarte/1",
        "nodes": [{"id": "K1", "type": "actor", "name": "Kita Nord"},
                  {"id": "SG", "type": "committee", "name": "Steuerungsgruppe"}],
        "edges": [{"source": "K1", "target": "G-99", "kind": "member"},
                  {"source": "K1", "target": "SG", "kind": "member"}],
    }), encoding="utf-8")
    return path


# --- argument parsing -----------------------------------------------------------------------


def test_version_and_help_are_german(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"netzkarte {__version__}\n", "")
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert out.startswith("Aufruf: netzkarte")
    for word in ("Befehle:", "Optionen:", "diese Hilfe zeigen", "vorlage", "pruefen", "karte",
                 "analyse", "bericht", "vergleich", "export", "demo"):
        assert word in out
    code, out, _ = run(capsys, "export", "--help")
    assert code == 0 and "Argumente:" in out and "die Endung bestimmt das Format" in out


@pytest.mark.parametrize(("argv", "german"), [
    ([], "Es fehlt: BEFEHL"),
    (["pruefen"], "Es fehlt: DATEI"),
    (["gibtsnicht"], "ungültige Auswahl 'gibtsnicht'"),
    (["pruefen", "a.xlsx", "--farbe"], "Unbekannte Angaben: --farbe"),
    (["karte", "a.xlsx", "-o", "k.html", "--layout", "spirale"],
     "--layout: ungültige Auswahl 'spirale' (möglich: 'netz', 'kette', 'kreis', 'stadtplan')"),
    (["export", "a.xlsx"], "Es fehlt: -o/--ausgabe"),
    (["export", "a.xlsx", "-o"], "-o/--ausgabe braucht einen Wert"),
])
def test_usage_errors_exit_2_in_german(capsys: pytest.CaptureFixture[str], argv: list[str],
                                       german: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert german in err
    assert "Aufruf: netzkarte" in err and "Fehler:" in err
    assert "usage" not in err and "error" not in err and "Traceback" not in err


def test_every_contract_command_is_registered() -> None:
    assert set(cli.COMMANDS) == {"vorlage", "pruefen", "karte", "analyse", "bericht",
                                 "vergleich", "export", "demo", "erhebung", "zusammenfuehren",
                                 "uebersicht"}
    parser = cli.build_parser()
    args = parser.parse_args(["karte", "a.xlsx", "-o", "k.html", "--layout", "kette",
                              "--anonym", "--mit-kontaktdaten"])
    assert (args.layout, args.anonym, args.mit_kontaktdaten) == ("kette", True, True)
    args = parser.parse_args(["analyse", "a.xlsx", "--json", "b.json", "--xlsx", "b.xlsx"])
    assert (args.json, args.xlsx) == ("b.json", "b.xlsx")
    args = parser.parse_args(["vergleich", "alt.xlsx", "neu.json", "-o", "v.html",
                              "--json", "v.json"])
    assert (args.alt, args.neu, args.ausgabe, args.json) == ("alt.xlsx", "neu.json",
                                                             "v.html", "v.json")
    assert parser.parse_args(["demo"]).ausgabe == "netzkarte-demo"
    assert parser.parse_args(["vorlage"]).pfad == "netzkarte_vorlage.xlsx"
    assert parser.parse_args(["bericht", "a.xlsx", "-o", "b.html"]).ausgabe == "b.html"


# --- pruefen --------------------------------------------------------------------------------


def test_pruefen_valid_json(capsys: pytest.CaptureFixture[str], karte_json: Path) -> None:
    code, out, err = run(capsys, "pruefen", str(karte_json))
    assert code == 0, err
    assert "Die Datei ist gültig." in out
    assert out.rstrip().splitlines()[-1] == (
        "0 Fehler, 0 Warnungen — Akteure: 4, Ämter: 3, Gremien: 2, Angebote: 1, "
        "Beziehungen: 15")


def test_pruefen_invalid_json_lists_every_error(capsys: pytest.CaptureFixture[str],
                                                bad_json: Path) -> None:
    code, out, _ = run(capsys, "pruefen", str(bad_json))
    assert code == 1
    assert "Fehler (1):" in out and "Blatt „Mitgliedschaften“" in out
    assert "Wert „G-99“" in out and "gibt es in „nodes“ nicht" in out
    assert out.rstrip().splitlines()[-1].startswith("1 Fehler, 0 Warnungen — Akteure: 1,")


def test_pruefen_json_output_has_the_contract_shape(capsys: pytest.CaptureFixture[str],
                                                    bad_json: Path) -> None:
    code, out, _ = run(capsys, "pruefen", str(bad_json), "--json")
    assert code == 1
    doc = json.loads(out)
    assert set(doc) == {"ok", "errors", "warnings", "counts"}
    assert doc["ok"] is False and doc["warnings"] == []
    assert doc["counts"] == {"actor": 1, "office": 0, "committee": 1, "offer": 0, "edges": 1}
    (error,) = doc["errors"]
    assert set(error) >= ISSUE_KEYS
    assert (error["sheet"], error["row"], error["column"], error["value"]) == (
        "Mitgliedschaften", None, "Zu", "G-99")


def _fake_report() -> ValidationReport:
    report = ValidationReport(source="karte.xlsx", counts={
        "actor": 12, "office": 5, "committee": 3, "offer": 4, "edges": 20})
    report.add("unknown-reference", "Gremium „G-99“ gibt es nicht. Tragen Sie es im Blatt "
               "Gremien ein oder korrigieren Sie die ID.", sheet="Mitgliedschaften", row=14,
               column="Gremium", value="G-99")
    report.add("bad-date", "„31.02.2019“ ist kein Datum. Schreiben Sie TT.MM.JJJJ.",
               sheet="Akteure", row=3, column="Seit", value="31.02.2019")
    report.warn("unknown-category", "Kategorie „Kitta“ ist unbekannt. Meinten Sie „Kita“?",
                sheet="Akteure", row=7, column="Kategorie", value="Kitta")
    return report


def test_pruefen_xlsx_report_grouped_by_sheet(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    from netzkarte.io import excel

    monkeypatch.setattr(excel, "validate_excel", lambda path: (None, _fake_report()))
    code, out, _ = run(capsys, "pruefen", str(tmp_path / "karte.xlsx"))
    assert code == 1
    lines = out.splitlines()
    assert lines.index("  Blatt „Akteure“") < lines.index("  Blatt „Mitgliedschaften“")
    assert ("    - Zeile 14, Spalte „Gremium“, Wert „G-99“: Gremium „G-99“ gibt es nicht. "
            "Tragen Sie es im Blatt Gremien ein oder korrigieren Sie die ID.") in lines
    assert "Warnungen (1):" in lines
    assert lines[-1] == ("2 Fehler, 1 Warnung — Akteure: 12, Ämter: 5, Gremien: 3, "
                         "Angebote: 4, Beziehungen: 20")


def test_pruefen_xlsx_json_is_exactly_the_report(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    from netzkarte.io import excel

    monkeypatch.setattr(excel, "validate_excel", lambda path: (None, _fake_report()))
    code, out, _ = run(capsys, "pruefen", str(tmp_path / "karte.xlsx"), "--json")
    assert code == 1
    doc = json.loads(out)
    assert doc == _fake_report().to_dict()
    assert doc["errors"][0] == {"code": "unknown-reference", "sheet": "Mitgliedschaften",
                                "row": 14, "column": "Gremium", "value": "G-99",
                                "message": doc["errors"][0]["message"]}
    assert "„G-99“" in out  # UTF-8, not \u201e escapes


def test_pruefen_real_workbook(capsys: pytest.CaptureFixture[str], small_map: NetworkMap,
                               tmp_path: Path) -> None:
    from netzkarte.io.template import write_excel

    path = write_excel(small_map, tmp_path / "karte.xlsx")
    code, out, _ = run(capsys, "pruefen", str(path), "--json")
    doc = json.loads(out)
    assert code == 0 and doc["ok"] is True and doc["errors"] == []
    assert doc["counts"] == {"actor": 4, "office": 3, "committee": 2, "offer": 1, "edges": 15}


# --- unreadable input: exit 2, German, never a traceback ------------------------------------


def _unreadable(tmp_path: Path, case: str) -> Path:
    if case == "missing":
        return tmp_path / "gibt-es-nicht.xlsx"
    if case == "directory":
        (tmp_path / "ordner.xlsx").mkdir()
        return tmp_path / "ordner.xlsx"
    if case == "text-as-xlsx":
        (tmp_path / "liste.xlsx").write_text("ID;Name\nK1;Kita\n", encoding="utf-8")
        return tmp_path / "liste.xlsx"
    if case == "broken-zip":
        with zipfile.ZipFile(tmp_path / "kaputt.xlsx", "w") as zf:
            zf.writestr("hallo.txt", "keine Arbeitsmappe")
        return tmp_path / "kaputt.xlsx"
    if case == "bad-json":
        (tmp_path / "karte.json").write_text('{"schema": "netzkarte/1", "nodes": [',
                                             encoding="utf-8")
        return tmp_path / "karte.json"
    if case == "foreign-json":
        (tmp_path / "graph.json").write_text(json.dumps(nx.node_link_data(nx.path_graph(3))),
                                             encoding="utf-8")
        return tmp_path / "graph.json"
    assert case == "csv"
    (tmp_path / "liste.csv").write_text("ID;Name\n", encoding="utf-8")
    return tmp_path / "liste.csv"


CASES = ["missing", "directory", "text-as-xlsx", "broken-zip", "bad-json", "foreign-json", "csv"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", ["pruefen", "export"])
def test_unreadable_input_exits_2_without_traceback(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path, case: str,
                                                    command: str) -> None:
    path = _unreadable(tmp_path, case)
    extra = ["-o", str(tmp_path / "ziel.json")] if command == "export" else []
    code, out, err = run(capsys, command, str(path), *extra)
    assert code == 2, err
    assert "Traceback" not in out + err and "interner Fehler" not in err
    assert err.startswith("netzkarte: ")
    assert any(word in err for word in ("gibt es nicht", "Ordner", "Arbeitsmappe",
                                        "beschädigt", "kein gültiges JSON",
                                        "keine netzkarte-Datei", "Unbekanntes Dateiformat"))
    assert not (tmp_path / "ziel.json").exists()


def test_pruefen_json_for_unreadable_file(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    code, out, err = run(capsys, "pruefen", str(tmp_path / "fehlt.xlsx"), "--json")
    assert code == 2
    doc = json.loads(out)
    assert doc["ok"] is False and doc["counts"] == dict.fromkeys(COUNT_KEYS, 0)
    (error,) = doc["errors"]
    assert error["code"] == "file-missing" and set(error) >= ISSUE_KEYS
    assert "gibt es nicht" in error["message"] and "gibt es nicht" in err


# --- export ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json", ".xlsx"])
def test_export_every_format(capsys: pytest.CaptureFixture[str], karte_json: Path,
                             tmp_path: Path, suffix: str) -> None:
    target = tmp_path / "aus" / f"ziel{suffix}"
    code, out, err = run(capsys, "export", str(karte_json), "-o", str(target))
    assert code == 0, err
    assert out == f"Exportiert: {target} (10 Knoten, 15 Beziehungen)\n"
    if suffix == ".graphml":
        assert nx.read_graphml(target).number_of_nodes() == 10
    elif suffix == ".gexf":
        assert nx.read_gexf(target).nodes["KITA1"]["label"] == "Kita Sonnenschein"
    elif suffix == ".json":
        assert read_json(target).counts() == read_json(karte_json).counts()
    else:
        assert zipfile.is_zipfile(target)


def test_export_round_trip_through_xlsx(capsys: pytest.CaptureFixture[str], karte_json: Path,
                                        tmp_path: Path) -> None:
    xlsx, back = tmp_path / "k.xlsx", tmp_path / "zurueck.json"
    assert run(capsys, "export", str(karte_json), "-o", str(xlsx))[0] == 0
    assert run(capsys, "export", str(xlsx), "-o", str(back))[0] == 0
    from strategies import assert_maps_equal

    assert_maps_equal(read_json(karte_json), read_json(back))


def test_export_invalid_input_exits_1_and_writes_nothing(capsys: pytest.CaptureFixture[str],
                                                         bad_json: Path,
                                                         tmp_path: Path) -> None:
    target = tmp_path / "ziel.graphml"
    code, out, err = run(capsys, "export", str(bad_json), "-o", str(target))
    assert code == 1 and out == ""
    assert "G-99" in err and "1 Fehler, 0 Warnungen" in err
    assert not target.exists()


def test_export_unknown_target_format(capsys: pytest.CaptureFixture[str], karte_json: Path,
                                      tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", str(karte_json), "-o", str(tmp_path / "k.csv"))
    assert code == 2
    assert "Unbekanntes Zielformat „.csv“. Möglich sind .xlsx, .json, .graphml, .gexf." in err


def test_failed_export_leaves_existing_output_untouched(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, karte_json: Path,
        tmp_path: Path) -> None:
    from netzkarte.io import exchange

    target = tmp_path / "karte.graphml"
    target.write_text("Stand von gestern", encoding="utf-8")

    def half_then_crash(graph: object, path: Path, **_: object) -> None:
        Path(path).write_text("<graphml>…", encoding="utf-8")
        raise RuntimeError("Datenträger voll")

    monkeypatch.setattr(exchange.nx, "write_graphml", half_then_crash)
    code, _, err = run(capsys, "export", str(karte_json), "-o", str(target))
    assert code == 3
    assert "interner Fehler" in err and "--debug" in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "Stand von gestern"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["karte.graphml", "karte.json"]


def test_unwritable_target_exits_2(capsys: pytest.CaptureFixture[str], karte_json: Path,
                                   tmp_path: Path) -> None:
    blocker = tmp_path / "datei"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "export", str(karte_json), "-o", str(blocker / "k.json"))
    assert code == 2
    assert ("kann nicht gelesen oder geschrieben werden: dort liegt eine Datei, wo ein Ordner "
            "sein müsste") in err and "Traceback" not in err


# --- the error boundary ---------------------------------------------------------------------


def test_internal_error_and_debug(capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch, karte_json: Path) -> None:
    def bug(args: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(cli.COMMANDS, "pruefen", bug)
    code, _, err = run(capsys, "pruefen", str(karte_json))
    assert code == 3
    assert err.count("\n") == 1 and "interner Fehler (ZeroDivisionError" in err
    assert "erneut mit --debug" in err
    code, _, err = run(capsys, "pruefen", str(karte_json), "--debug")
    assert code == 3 and "Traceback (most recent call last)" in err


def test_ctrl_c_exits_130(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                          karte_json: Path) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.COMMANDS, "export", interrupted)
    code, _, err = run(capsys, "export", str(karte_json), "-o", "x.json")
    assert code == 130 and "Abgebrochen" in err


def test_verbose_and_quiet(capsys: pytest.CaptureFixture[str], karte_json: Path,
                           tmp_path: Path) -> None:
    target = str(tmp_path / "k.graphml")
    _, _, err = run(capsys, "export", str(karte_json), "-o", target, "-v")
    assert f"Karte gelesen: {karte_json} (10 Knoten, 15 Beziehungen)" in err
    _, _, err = run(capsys, "-q", "export", str(karte_json), "-o", target)
    assert err == ""
    _, _, err = run(capsys, "export", str(karte_json), "-o", target)
    assert err == ""  # default: warnings only


# --- vorlage --------------------------------------------------------------------------------


def test_vorlage_writes_and_never_overwrites(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "vorlage")
    target = tmp_path / "netzkarte_vorlage.xlsx"
    assert code == 0 and target.is_file()
    assert out.startswith(f"Vorlage geschrieben: {target}\n")
    with zipfile.ZipFile(target) as zf:
        assert "xl/workbook.xml" in zf.namelist()
    target.write_bytes(b"ausgefuellt")
    code, _, err = run(capsys, "vorlage")
    assert code == 2 and "gibt es schon" in err and "--ueberschreiben" in err
    assert target.read_bytes() == b"ausgefuellt"
    assert run(capsys, "vorlage", "--ueberschreiben")[0] == 0
    assert zipfile.is_zipfile(target)
    code, _, err = run(capsys, "vorlage", "vorlage.xls")
    assert code == 2 and "muss auf .xlsx enden" in err


# --- real processes -------------------------------------------------------------------------


def _python(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120, check=False)


def test_python_m_netzkarte(tmp_path: Path) -> None:
    done = _python("-m", "netzkarte", "--help", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("Aufruf: netzkarte")
    done = _python("-m", "netzkarte", "pruefen", "fehlt.xlsx", cwd=tmp_path)
    assert done.returncode == 2
    assert "gibt es nicht" in done.stderr and "Traceback" not in done.stderr


def test_console_script_is_installed(tmp_path: Path) -> None:
    script = shutil.which("netzkarte", path=str(Path(sys.executable).parent))
    assert script is not None, "pip install -e . installiert das Skript „netzkarte“"
    done = subprocess.run([script, "--version"], capture_output=True, text=True, cwd=tmp_path,
                          timeout=120, check=False)
    assert done.returncode == 0 and done.stdout == f"netzkarte {__version__}\n"


def test_start_up_does_not_import_heavy_libraries(karte_json: Path, tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from netzkarte.cli import main\n"
        "codes = [main(['--help']), main(['pruefen', sys.argv[1]]),\n"
        "         main(['export', sys.argv[1], '-o', sys.argv[2]])]\n"
        "heavy = sorted(m for m in ('matplotlib', 'igraph', 'pyvis') if m in sys.modules)\n"
        "print('CODES', codes, 'HEAVY', heavy)\n"
    )
    done = _python("-c", probe, str(karte_json), str(tmp_path / "k.gexf"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "CODES [0, 0, 0] HEAVY []"


# --- set-up instructions --------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def test_readme_setup_block_matches_ci_script() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```bash\n")
    setup = blocks[1].split("```")[0].strip().splitlines()
    assert setup == [
        'python3 -m venv .venv && . .venv/bin/activate && pip install -e ".[test]" && '
        "netzkarte demo -o netzkarte-demo",
        ".ci/run",
    ]
    test_line = blocks[2].split("```")[0].strip()
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
    assert "set -euo pipefail" in script
    commands = [line.strip() for line in script.splitlines()
                if line.strip() and not line.lstrip().startswith(("#", "echo"))]
    assert commands[-3:] == ["ruff check .", "mypy", test_line]
    assert 'python -m pip install -q -e ".[test]"' in commands


def test_template_folder_is_not_inside_the_package() -> None:
    assert (ROOT / "netzkarte").is_dir()
    assert not list((ROOT / "netzkarte").rglob("data_templates"))
    assert not list((ROOT / "netzkarte").rglob("*.xlsx"))
