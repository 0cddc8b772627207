"""The example notebooks run top to bottom, show what they promise, and stay reproducible.

Every notebook in ``examples/`` is executed with nbclient on the venv's ``python3`` kernel,
in a temporary working directory (files the notebooks write land there, not in the repo).
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import nbformat as _nbformat
import pytest
from nbclient import NotebookClient

from netzkarte.analysis.findings import AnalysisResult, Finding

nbformat: Any = _nbformat  # untyped library

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))

EXPECTED: dict[str, list[str]] = {
    "01_erster_blick_kindertal.ipynb": [
        "<NetworkMap Kindertal: 134 Akteure", "Netzwerkanalyse Kindertal",
        'class="netzkarte-notebook"', 'class="netzkarte-befunde"', "Steuerungsgruppe vorhanden",
        "erfüllt",
        "Karte gespeichert: kindertal_karte.html"],
    "02_vorlage_pruefen_karte.ipynb": [
        "gültig: False", "Blatt „Mitgliedschaften“, Zeile 4, Spalte „Gremium“",
        "meinten Sie „G-AK“?", "gültig: True – 0 Fehler",
        "<NetworkMap Musterstadt: 3 Akteure, 3 Ämter, 3 Gremien, 3 Angebote",
        'class="netzkarte-notebook"'],
    "03_analyse_vertieft.ipynb": [
        "sitzt in 5 Gremien",  # only with the stricter max_committees=4
        "betweenness", "cross_group", "Zechenhöhe",
        "Vergleich Kindertal: 37 Knoten neu", 'class="nk-cmp"',
        "gelöst: Kita → Grundschule in Zechenhöhe",
        "Vergleich gespeichert: vergleich_kindertal.html"],
}


def _make_notebooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_notebooks",
                                                  EXAMPLES / "make_notebooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _outputs(nb: Any) -> tuple[str, list[str]]:
    """All text and HTML the notebook produced, and the errors it raised."""
    text: list[str] = []
    errors: list[str] = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out["output_type"] == "error":
                errors.append(f"{out['ename']}: {out['evalue']}")
            elif out["output_type"] == "stream":
                text.append(out["text"])
            else:
                data = out.get("data", {})
                text.append(data.get("text/plain", ""))
                text.append(data.get("text/html", ""))
    return "\n".join(text), errors


def test_the_three_notebooks_exist() -> None:
    assert [p.name for p in NOTEBOOKS] == sorted(EXPECTED)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_shows_key_outputs(path: Path, tmp_path: Path) -> None:
    work = tmp_path / "arbeit"
    work.mkdir()
    shutil.copy(path, work / path.name)
    nb = nbformat.read(work / path.name, as_version=4)
    before = sorted(p.name for p in EXAMPLES.iterdir())
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(work)}}).execute()
    text, errors = _outputs(nb)
    assert errors == []
    for expected in EXPECTED[path.name]:
        assert expected in text, f"{path.name}: „{expected}“ fehlt in der Ausgabe"
    assert "Traceback" not in text
    assert sorted(p.name for p in EXAMPLES.iterdir()) == before  # nothing written to the repo


def test_notebooks_in_repo_are_clean_and_match_the_generator() -> None:
    make = _make_notebooks()
    for path in NOTEBOOKS:
        stored = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") and c.get("execution_count") is None
                   for c in stored.cells if c.cell_type == "code"), path.name
        generated = make.build(make.NOTEBOOKS[path.name])
        assert nbformat.writes(generated) == nbformat.writes(stored), (
            f"{path.name} weicht von examples/make_notebooks.py ab: "
            "python examples/make_notebooks.py ausführen")


def test_markdown_cells_explain_every_step_in_german() -> None:
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        kinds = [c.cell_type for c in nb.cells]
        assert kinds[0] == "markdown" and kinds.count("markdown") >= 5, path.name
        prose = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert " die " in prose and " und " in prose


# --- Jupyter displays -----------------------------------------------------------------------


def test_findings_display_escapes_and_summarises() -> None:
    hostile = "<img src=x onerror=alert(1)>"
    result = AnalysisResult("Testheim <b>", {}, [
        Finding.create("isolated", "high", hostile, nodes=["A"], recommendation=hostile),
        Finding.create("bottleneck", "low", "Engpass", nodes=["B"])])
    html = result._repr_html_()
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "2 Befunde" in html and "1 hoch" in html and "1 niedrig" in html
    assert list(result.quality_frame().columns) == ["Prüfung", "Status", "Beleg", "Standard"]


def test_map_display_has_summary_and_inline_map(small_map: Any) -> None:
    html = small_map._repr_html_()
    assert "Testheim: 4 Akteure, 3 Ämter, 2 Gremien, 1 Angebote, 15 Beziehungen" in html
    assert "<iframe srcdoc=" in html


def test_tables_are_dataframes_with_clear_columns(small_map: Any) -> None:
    import pandas as pd

    from netzkarte.analysis import analyze
    from netzkarte.analysis.compare import compare
    from netzkarte.analysis.coverage import coverage_table

    result = analyze(small_map, progress=False)
    frames = {"findings": result.to_frame(), "quality": result.quality_frame(),
              "nodes": small_map.nodes(), "edges": small_map.edges(),
              "coverage": coverage_table(small_map),
              "comparison": compare(small_map, small_map.copy(), analyses=False).to_frame(),
              **result.tables}
    assert all(isinstance(f, pd.DataFrame) for f in frames.values())
    assert list(frames["findings"].columns)[:4] == ["ID", "Art", "Schwere", "Befund"]
    assert list(frames["comparison"].columns) == ["Art", "Änderung", "Knoten", "Details"]
    assert {"betweenness", "degree"} <= set(frames["centrality"].columns)
