"""Property-based fuzzing of the template: whatever lands in a cell, the promise holds.

Random values of every kind – Excel error strings, formulas without a result, control
characters, huge numbers, dates, unicode, empty and very long text – go into random cells
(headers included) of a small valid workbook written with openpyxl. Then
``netzkarte pruefen`` and ``netzkarte export … -o out.json`` run through
:func:`netzkarte.cli.main`: the exit code is a documented one (0, 1 or 2, never 3), the
output is German, nothing prints a traceback, a workbook ``pruefen`` accepts is exported
(and the export reads back), and a failed export leaves the existing output file
untouched.
"""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsx_helpers import as_rows, base_sheets, write_workbook

from netzkarte import cli

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what openpyxl refuses to write
_SENTINEL = '{"schema": "nicht überschreiben"}\n'
_GERMAN = ("Fehler", "Datei", "gültig", "Zeile", "Blatt", "Sie ")

ERRORS = ["#REF!", "#N/A", "#DIV/0!", "#NAME?", "#VALUE!", "#NUM!", "#NULL!"]
FORMULAS = ["=SUMME(A1:A3)", "=Gremien!A2", "=1/0", "=", "=SVERWEIS(A2;Akteure!A:B;2;0)",
            "=\"K1\""]
WORDS = ["K1", "k1", "JA", "SG", "SRK", "CAFE", "TR", "GS1", "P1", "Nord", "k. A.", "–", "?",
         "ja", "nein", "Kooperation", "berichtet an", "gehört zu", "Mitglied", "viel", "3",
         "ca. 15", "Herbst 2021", "0–16 Jahre", "Kita", "Stärke (1–4)", "Organisation (ID)",
         "ID", "Name", "Von", "Zu", "Art", "K\u00a01", "\ufeffK1", "Cafe\u0301", "K1\u200b"]

TARGETED = [("Angebote", "Kapazität"), ("Angebote", "Ort"), ("Angebote", "Anbieter"),
            ("Gremien", "Sitzungen pro Jahr"), ("Gremien", "Berichtet an"),
            ("Gremien", "Federführung"), ("Ämter", "Übergeordnet"), ("Akteure", "ID"),
            ("Akteure", "Organisation"), ("Akteure", "Breitengrad"),
            ("Sozialräume", "Einwohner"), ("Sozialräume", "Kinder unter 18"),
            ("Sozialräume", "SGB-II-Quote Kinder"), ("Beziehungen", "Stärke"),
            ("Beziehungen", "Von"), ("Mitgliedschaften", "Seit"), ("Akteure", "Name")]

_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
_controls = st.text(st.characters(min_codepoint=0, max_codepoint=0x9F), min_size=1,
                    max_size=8).map(lambda s: f"K{s}1")
VALUES: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(ERRORS), st.sampled_from(FORMULAS), st.sampled_from(WORDS),
    _controls, _text,
    st.sampled_from(["", " ", "\n", None]),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e308, -1e308, 10**15, 10**15 + 1, -5, 0, 2**63]),
    st.booleans(),
    st.dates(min_value=date(1900, 1, 1)), st.datetimes(min_value=datetime(1900, 1, 1)),
    st.integers(min_value=1, max_value=40_000).map(lambda n: "x" * n),
)


def _cell(value: Any) -> Any:
    """The value as Excel would store it: control characters as ``_x0007_`` escapes."""
    if isinstance(value, str):
        return _ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    return value


@st.composite
def workbooks(draw: st.DrawFn) -> dict[str, list[list[Any]]]:
    """The base workbook (with an Anleitung) as rows, with 1–6 random cells changed."""
    sheets: dict[str, list[list[Any]]] = {
        "Anleitung": [["Netzwerkkarte – Anleitung"], [], ["Kommune", "Testheim"],
                      ["Stand", "31.03.2019"]]}
    sheets.update({name: as_rows(rows) for name, rows in base_sheets().items()})
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):  # a cell of a column that takes numbers or references
            name, header = draw(st.sampled_from(TARGETED))
            rows = sheets[name]
            if header not in rows[0]:
                rows[0].append(header)
            r, c = draw(st.integers(1, len(rows) - 1)), rows[0].index(header)
        else:  # any cell: the header row, a data row or one more, one column more
            name = draw(st.sampled_from(sorted(sheets)))
            rows = sheets[name]
            r = draw(st.integers(0, len(rows)))
            while len(rows) <= r:
                rows.append([])
            c = draw(st.integers(0, max(len(row) for row in rows)))
        row = rows[r]
        row.extend([None] * (c + 1 - len(row)))
        row[c] = _cell(draw(VALUES))
    return sheets


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(workbooks())
@pytest.mark.filterwarnings("error")  # a deprecation today is a crash with the next pandas
def test_whatever_is_in_a_cell_the_promise_holds(sheets: dict[str, list[list[Any]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = write_workbook(Path(tmp) / "karte.xlsx", sheets)
        checked, out, err = _run("pruefen", str(source))
        code = checked
        assert code in (0, 1, 2), (code, out, err)
        assert "Traceback" not in out + err
        assert any(word in out + err for word in _GERMAN), (out, err)
        if code == 2:
            assert err.startswith("netzkarte: "), err

        target = Path(tmp) / "out.json"
        target.write_text(_SENTINEL, encoding="utf-8")
        code, out, err = _run("export", str(source), "-o", str(target))
        assert code in (0, 1, 2), (code, out, err)
        assert "Traceback" not in out + err
        if checked == 0:  # what pruefen accepts, export writes
            assert code == 0, err
        if code == 0:
            assert "Exportiert:" in out
            assert _run("pruefen", str(target))[0] == 0  # the export reads back
        else:
            assert any(word in err for word in _GERMAN), err
            assert target.read_text(encoding="utf-8") == _SENTINEL  # untouched
