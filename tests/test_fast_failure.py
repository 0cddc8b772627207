"""Fast failure: a workbook full of mistakes costs time and memory in proportion to its size.

"Meinten Sie" suggestions come from an index once the first few hundred unknown IDs have
been compared with every ID; ``pruefen`` prints 200 problems per sheet and counts the rest;
``pruefen --json`` lists every problem without building the whole text at once.
(The timings are in ``benchmarks/failure_benchmark.py``.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from netzkarte import cli
from netzkarte.cli import REPORT_LIMIT, format_report
from netzkarte.errors import ValidationReport
from netzkarte.io import refs
from netzkarte.io.build import build_map


def _many_typos(n_actors: int, n_typos: int) -> dict[str, list[dict[str, Any]]]:
    actors = [{"ID": f"A-{i:05d}", "Name": f"Kita {i}", "Kategorie": "Kita"}
              for i in range(n_actors)]
    relations = [{"Von": f"A-{i % n_actors:05d}", "Zu": f"A-{(i * 7 + 1) % n_actors:05d}x",
                  "Art": "Kooperation"} for i in range(n_typos)]
    return {"Akteure": actors, "Ämter": [], "Gremien": [], "Angebote": [],
            "Mitgliedschaften": [], "Beziehungen": relations}


def test_suggestions_for_many_unknown_ids_come_from_an_index(
        monkeypatch: pytest.MonkeyPatch) -> None:
    full_scans = 0
    extract = refs.process.extract

    def counting(query: str, choices: Any, **kwargs: Any) -> Any:
        nonlocal full_scans
        if len(choices) >= 2000:  # every ID of the workbook
            full_scans += 1
        return extract(query, choices, **kwargs)

    monkeypatch.setattr(refs.process, "extract", counting)
    _, report = build_map(_many_typos(2000, 1500))
    unknown = [i for i in report.errors if i.code == "unknown-reference"]
    assert len(unknown) == 1500
    assert full_scans <= refs._SCANS  # not one scan of all IDs per typo
    # past the scans, an ID one letter away is still suggested
    last = unknown[-1]
    assert last.value == "A-00494x" and "meinten Sie „A-00494“" in last.message


def _report(n: int, sheet: str = "Beziehungen") -> ValidationReport:
    report = ValidationReport(counts={"actor": 3, "edges": 0})
    for row in range(2, n + 2):
        report.add("unknown-reference", f"Die ID „X{row}“ gibt es nicht.", sheet=sheet,
                   row=row, column="Von", value=f"X{row}")
    report.warn("empty-sheet", "Das Blatt „Ämter“ enthält keine Einträge.", sheet="Ämter")
    return report


def test_the_printed_report_lists_200_problems_per_sheet_and_counts_the_rest() -> None:
    text = format_report(_report(12_545))
    lines = text.splitlines()
    assert sum(line.startswith("    - Zeile") for line in lines) == REPORT_LIMIT == 200
    assert "    … und 12.345 weitere Fehler in diesem Blatt (alle: netzkarte pruefen DATEI " \
        "--json)" in lines
    assert "Zeile 201," in text and "Zeile 202," not in text  # the first rows, in order
    assert lines[-1].startswith("12.545 Fehler, 1 Warnung — ")
    assert "Das Blatt „Ämter“ enthält keine Einträge." in text  # other sheets still shown
    assert format_report(_report(300), limit=None).count("    - Zeile") == 300


def test_pruefen_json_lists_every_problem(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    report = _report(450)
    monkeypatch.setattr(cli, "_validate", lambda path: report)
    assert cli.main(["pruefen", str(tmp_path / "k.xlsx"), "--json"]) == 1
    out = capsys.readouterr().out
    doc = json.loads(out)
    assert len(doc["errors"]) == 450 and len(doc["warnings"]) == 1
    assert out == json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    assert cli.main(["pruefen", str(tmp_path / "k.xlsx")]) == 1
    printed = capsys.readouterr().out
    assert "… und 250 weitere Fehler in diesem Blatt" in printed


def test_many_warnings_open_with_an_overview_by_kind() -> None:
    """A hurried administrator's workbook has hundreds of warnings of three kinds: the
    text starts with how many of each and where the first is; a short report does not."""
    from netzkarte.errors import IssueCode

    report = ValidationReport()
    for row in range(2, 32):
        report.warn(IssueCode.NAME_REFERENCE, "„Stadt“ ist keine ID, sondern ein Name.",
                    sheet="Akteure", row=row, column="Organisation", value="Stadt")
    for row in range(5, 10):
        report.warn(IssueCode.UNKNOWN_CATEGORY, "Die Kategorie „FZ“ ist nicht bekannt.",
                    sheet="Akteure", row=row, column="Kategorie", value="FZ")
    lines = format_report(report).splitlines()
    assert lines[0] == "Übersicht: 35 Warnungen nach Art"
    assert lines[1].startswith("  30 × Name statt ID") and "Zeile 2" in lines[1]
    assert lines[2].startswith("   5 × Kategorie nicht bekannt") and "Zeile 5" in lines[2]
    assert "Warnungen (35):" in lines
    short = ValidationReport()
    short.warn(IssueCode.UNKNOWN_CATEGORY, "Die Kategorie „FZ“ ist nicht bekannt.",
               sheet="Akteure", row=5)
    assert not format_report(short).startswith("Übersicht")


def test_one_more_problem_is_named_in_the_singular() -> None:
    from netzkarte.errors import IssueCode

    report = ValidationReport()
    for row in range(2, 5):
        report.warn(IssueCode.UNKNOWN_CATEGORY, "Die Kategorie „FZ“ ist nicht bekannt.",
                    sheet="Akteure", row=row)
    assert "… und 1 weitere Warnung in diesem Blatt" in format_report(report, limit=2)
    report.add(IssueCode.DUPLICATE_ID, "doppelt", sheet="Akteure", row=2)
    report.add(IssueCode.DUPLICATE_ID, "doppelt", sheet="Akteure", row=3)
    assert "… und 1 weiterer Fehler in diesem Blatt" in format_report(report, limit=1)
