"""``anonymous`` beyond the map: comparison page and JSON, Maßnahmenliste, CLI outputs.

On Kindertal (40 persons over 2017 and 2019, among them the coordinator Julia Neumann) no
person's name and no person's id — ids like ``A-P-NEUMANN`` are built from names — may
appear in an anonymous output, while the ordinary outputs still name them.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from netzkarte import NetworkMap
from netzkarte.analysis.compare import PRIVATE_VALUE, Comparison, compare
from netzkarte.analysis.core import analyze
from netzkarte.analysis.findings import AnalysisResult, Finding
from netzkarte.cli import main
from netzkarte.datasets import kindertal
from netzkarte.render.action_list import write_action_list
from netzkarte.render.comparison import (
    comparison_json,
    format_comparison,
    render_comparison,
    write_comparison,
)
from netzkarte.render.privacy import Anonymizer, anonymous_result
from netzkarte.vocab import ActorForm, NodeType

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
COORDINATOR = "Julia Neumann"


def _persons(*maps: NetworkMap) -> dict[str, str]:
    """Id → name of every actor of form Person in the maps."""
    return {node: m.name(node) for m in maps for node, data in m.graph.nodes(data=True)
            if data["type"] is NodeType.ACTOR and data.get("form") is ActorForm.PERSON}


def _leaks(text: str, persons: dict[str, str]) -> list[str]:
    """The person names and (whole-token) person ids that occur in ``text``."""
    names = [name for name in persons.values() if name in text]
    ids = [node for node in persons
           if re.search(rf"(?<![\w-]){re.escape(node)}(?![\w-])", text)]
    return names + ids


def _cells(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    return "\n".join(str(value) for sheet in book.worksheets
                     for row in sheet.iter_rows(values_only=True)
                     for value in row if value is not None)


@cache
def _diff() -> Comparison:
    return compare(kindertal(2017), kindertal(2019), analyses=True)


@cache
def _analysed() -> tuple[NetworkMap, AnalysisResult]:
    m = kindertal(2019)
    return m, analyze(m, progress=False)


def test_kindertal_has_persons_and_the_coordinator_is_one() -> None:
    persons = _persons(kindertal(2017), kindertal(2019))
    assert COORDINATOR in persons.values()
    assert len(persons) >= 20


# --- comparison ------------------------------------------------------------------------------


def test_anonymous_comparison_page_names_no_person() -> None:
    diff = _diff()
    persons = _persons(diff.old, diff.new)
    page = render_comparison(diff, anonymous=True)
    assert _leaks(page, persons) == []
    labels = Anonymizer(diff.new, diff.old).labels
    assert sum(label in page for label in set(labels.values())) >= 5
    plain = render_comparison(diff, figures=False)
    assert COORDINATOR in plain
    assert len(_leaks(plain, persons)) >= 10


def test_anonymous_comparison_json_names_no_person_and_drops_person_ids() -> None:
    diff = _diff()
    persons = _persons(diff.old, diff.new)
    text = comparison_json(diff, anonymous=True)
    assert _leaks(text, persons) == []
    data = json.loads(text)
    labels = Anonymizer(diff.new, diff.old).labels
    person_entries = [e for key in ("nodes_added", "nodes_removed")
                      for e in data[key] if e["name"] in labels.values()]
    assert person_entries, "Kindertal 2017 → 2019 adds or loses persons"
    assert all("id" not in e for e in person_entries)
    assert data["summary"] == diff.summary()  # counts unchanged
    plain = comparison_json(diff)
    assert COORDINATOR in plain and "A-P-NEUMANN" in plain
    assert json.loads(plain)["summary"] == data["summary"]


def test_anonymous_comparison_summary_hides_names_in_finding_titles() -> None:
    m = NetworkMap("Testheim")
    m.add_node("JA", "office", name="Jugendamt")
    m.add_node("P1", "actor", name="Anna Kurz", form="Person", category="Lotsin")
    m.add_edge("P1", "JA", "belongs_to")
    alone = Finding.create("isolated", "high", "Anna Kurz ist allein", nodes=["P1"])
    diff = compare(m, m.copy(), old_result=AnalysisResult("Testheim", {}, []),
                   new_result=AnalysisResult("Testheim", {}, [alone]))
    assert format_comparison(diff).splitlines()[-1] == "  neu (hoch): Anna Kurz ist allein"
    assert format_comparison(diff, anonymous=True).splitlines()[-1] == \
        "  neu (hoch): Lotsin (Jugendamt) ist allein"
    page = render_comparison(diff, anonymous=True, figures=False)
    assert "Anna Kurz" not in page and "Lotsin (Jugendamt) ist allein" in page


def test_anonymous_comparison_of_a_tiny_map_exact() -> None:
    old = NetworkMap("Testheim")
    old.add_node("JA", "office", name="Jugendamt")
    old.add_node("P1", "actor", name="Anna Kurz", form="Person", category="Lotsin")
    old.add_node("P10", "actor", name="Kita P10", category="Kita")
    old.add_edge("P1", "JA", "belongs_to")
    new = old.copy()
    new.graph.nodes["P1"]["name"] = "Anna Lang"
    new.add_edge("P1", "P10", "cooperation", strength=2)
    diff = compare(old, new, analyses=False)
    data = json.loads(comparison_json(diff, anonymous=True))
    assert data["nodes_changed"] == [{"field": "name", "old": PRIVATE_VALUE,
                                      "new": PRIVATE_VALUE, "name": "Lotsin (Jugendamt)"}]
    assert data["edges_added"] == [{"source": "Lotsin (Jugendamt)", "target": "P10",
                                    "kind": "cooperation"}]
    page = render_comparison(diff, anonymous=True, figures=False)
    assert "Anna" not in page and "Lotsin (Jugendamt)" in page and "Kita P10" in page
    plain = render_comparison(diff, figures=False)
    assert "Anna Kurz" in plain and "Anna Lang" in plain


def test_anonymizer_replaces_whole_ids_longest_names_first() -> None:
    m = NetworkMap()
    m.add_node("JA", "office", name="Jugendamt")
    m.add_node("P1", "actor", name="Anna Maria", form="Person", category="Hebamme")
    m.add_node("P2", "actor", name="Anna Maria Schulz", form="Person", category="Lotsin")
    m.add_edge("P2", "JA", "belongs_to")
    anon = Anonymizer(m)
    assert anon.text("Anna Maria Schulz und Anna Maria; P1, P10, AP1") == \
        "Lotsin (Jugendamt) und Hebamme; Hebamme, P10, AP1"
    assert anon.deep({"P1": ("P2", 3)}) == {"Hebamme": ("Lotsin (Jugendamt)", 3)}


# --- Maßnahmenliste and analysis result ------------------------------------------------------


def test_anonymous_result_names_no_person_and_keeps_finding_ids() -> None:
    m, result = _analysed()
    persons = _persons(m)
    shown = anonymous_result(result, m)
    assert _leaks(shown.to_json(), persons) == []
    assert [f.id for f in shown.findings] == [f.id for f in result.findings]
    assert COORDINATOR in result.to_json()  # the original is untouched


def test_anonymous_action_list_cells_name_no_person(tmp_path: Path) -> None:
    m, result = _analysed()
    persons = _persons(m)
    anonymous = write_action_list(result, tmp_path / "anonym.xlsx", anonymous=True, network=m)
    cells = _cells(anonymous)
    assert _leaks(cells, persons) == []
    assert "Jugendamt" in cells
    plain = _cells(write_action_list(result, tmp_path / "liste.xlsx"))
    assert COORDINATOR in plain


def test_anonymous_action_list_needs_the_map(tmp_path: Path) -> None:
    target = tmp_path / "liste.xlsx"
    f = Finding.create("isolated", "low", "Anna Kurz ist allein", nodes=["P1"])
    with pytest.raises(ValueError, match="network=karte"):
        write_action_list(AnalysisResult("Testheim", {}, [f]), target, anonymous=True)
    assert not target.exists()


# --- command line ----------------------------------------------------------------------------


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code = main(args)
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def _example_persons() -> dict[str, str]:
    from netzkarte.io.exchange import load

    return _persons(load(EXAMPLES / "kindertal_2017.xlsx"), load(EXAMPLES / "kindertal_2019.xlsx"))


def test_cli_analyse_anonym(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    persons = _example_persons()
    source = str(EXAMPLES / "kindertal_2019.xlsx")
    outputs: dict[bool, dict[str, Any]] = {}
    for anonymous in (True, False):
        folder = tmp_path / ("anonym" if anonymous else "offen")
        folder.mkdir()
        args = ["analyse", source, "--json", str(folder / "b.json"),
                "--xlsx", str(folder / "b.xlsx")] + (["--anonym"] if anonymous else [])
        outputs[anonymous] = {"out": _run(args, capsys),
                              "json": (folder / "b.json").read_text(encoding="utf-8"),
                              "xlsx": _cells(folder / "b.xlsx")}
    for name, text in outputs[True].items():
        assert _leaks(text, persons) == [], name
    assert COORDINATOR in outputs[False]["json"] and COORDINATOR in outputs[False]["xlsx"]
    assert _leaks(outputs[False]["out"], persons)  # the top findings name persons
    anon, plain = json.loads(outputs[True]["json"]), json.loads(outputs[False]["json"])
    assert [f["id"] for f in anon["findings"]] == [f["id"] for f in plain["findings"]]


def test_cli_vergleich_anonym(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    persons = _example_persons()
    old, new = str(EXAMPLES / "kindertal_2017.xlsx"), str(EXAMPLES / "kindertal_2019.xlsx")
    page, data = tmp_path / "v.html", tmp_path / "v.json"
    out = _run(["vergleich", old, new, "-o", str(page), "--json", str(data), "--anonym"],
               capsys)
    for name, text in (("stdout", out), ("html", page.read_text(encoding="utf-8")),
                       ("json", data.read_text(encoding="utf-8"))):
        assert _leaks(text, persons) == [], name
    _run(["vergleich", old, new, "-o", str(page), "--json", str(data)], capsys)
    assert COORDINATOR in page.read_text(encoding="utf-8")
    assert COORDINATOR in data.read_text(encoding="utf-8")


def test_write_comparison_anonymous_file(tmp_path: Path) -> None:
    diff = _diff()
    written = write_comparison(diff, tmp_path / "v.html", anonymous=True, figures=False)
    assert _leaks(written.read_text(encoding="utf-8"), _persons(diff.old, diff.new)) == []
