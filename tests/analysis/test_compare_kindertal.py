"""Kindertal 2017 → 2019: the comparison shows what the first cycle of the action plan brought.

The quality framework's case study: after two years Kindertal has new Familienzentren and parent
counselling in the burdened north, more ties, and Sozialraumkonferenzen that close
transition gaps. Also: the JSON shape, and ``netzkarte vergleich`` on the example workbooks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

from netzkarte.analysis.compare import Comparison, compare
from netzkarte.analysis.coverage import coverage_table
from netzkarte.cli import main
from netzkarte.datasets import kindertal
from netzkarte.vocab import EdgeKind, LifePhase

NORTH = {"Nordstadt", "Kreuzfeld", "Zechenhöhe"}  # north of the motorway
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OLD_XLSX, NEW_XLSX = EXAMPLES / "kindertal_2017.xlsx", EXAMPLES / "kindertal_2019.xlsx"


@pytest.fixture(scope="module")
def diff() -> Comparison:
    return compare(kindertal(2017), kindertal(2019))


def test_kitas_in_the_north_became_familienzentren(diff: Comparison) -> None:
    became = {node for node, attr, old, new in diff.nodes_changed
              if attr == "category" and old == "Kita" and new == "Familienzentrum"}
    assert became == {"A-KITA-NS2", "A-KITA-KF2", "A-KITA-KF3"}
    assert {str(diff.new.node(n)["district"]) for n in became} <= NORTH


def test_new_parent_counselling_offers_in_the_north(diff: Comparison) -> None:
    counselling = {n for n in diff.nodes_added
                   if diff.new.node_type(n).value == "offer"
                   and "Sprechstunde der Erziehungsberatung" in diff.new.name(n)}
    assert counselling == {"ANG-EBSPRECH-NS1", "ANG-EBSPRECH-NS2", "ANG-EBSPRECH-KF1",
                           "ANG-EBSPRECH-KF2", "ANG-EBSPRECH-KF3"}
    assert {str(diff.new.node(n)["district"]) for n in counselling} <= NORTH
    # every one is placed in a Familienzentrum (the "Sprechstunde im Familienzentrum")
    assert all("Familienzentrum" in diff.new.name(n) for n in counselling)


def test_more_ties_and_none_lost(diff: Comparison) -> None:
    assert diff.edges_removed == [] and diff.nodes_removed == []
    cooperation = [k for k in diff.edges_added if k[2] == EdgeKind.COOPERATION.value]
    assert len(cooperation) == 24
    row = diff.figures.loc["Beziehungen: Kooperation"]
    assert (row["alt"], row["neu"], row["Veränderung"], row["Bewertung"]) == (
        132, 156, 24, "günstig")
    # ties only grew closer: no strength went down
    assert diff.strength_changed and all(new > old for _, old, new in diff.strength_changed)


def test_new_sozialraumkonferenzen_closed_the_committee_gaps(diff: Comparison) -> None:
    resolved = {(f.transition, f.district): f for f in diff.findings_resolved
                if f.kind == "transition_gap"}
    assert sorted(f.title for f in resolved.values()) == [
        "Familie → Kita in der Gesamtkommune: kein Gremium bringt beide Seiten zusammen",
        "Grundschule → weiterführende Schule in Altstadt: kein Gremium bringt beide Seiten "
        "zusammen",
        "Kita → Grundschule in Altstadt: kein Gremium bringt beide Seiten zusammen",
        "Kita → Grundschule in Zechenhöhe: kein Gremium bringt beide Seiten zusammen"]
    # every institution had a partner in 2017; what was missing was a common body
    assert all(f.evidence["unlinked"] == [] and f.evidence["committees"] == []
               for f in resolved.values())
    # what closed them: the two Sozialraumkonferenzen founded since, seating both sides
    assert {"G-SRK-ZH", "G-SRK-AS"} <= set(diff.nodes_added)
    assert {"A-KITA-ZH1", "A-GS-ZH1"} <= set(diff.new.members("G-SRK-ZH"))
    assert {"A-KITA-AS1", "A-GS-AS1", "A-RS-AS"} <= set(diff.new.members("G-SRK-AS"))
    assert ("qs-transition-committees", "Gremium für jeden Übergang", "warn",
            "pass") in diff.quality_changes


def test_remaining_transition_findings_name_the_new_bodies(diff: Comparison) -> None:
    kept = {(o.transition, o.district): (o, n) for o, n in diff.findings_continued
            if o.kind == "transition_gap"}
    # Grundschule → weiterführende Schule in Zechenhöhe stays open: the Sozialraumkonferenz
    # seats the Grundschule only with the Förderschule, which is not the regular next school
    assert ("primary->secondary", "Zechenhöhe") in kept
    assert {"A-GS-ZH1", "A-FOES-ZH"} <= set(diff.new.members("G-SRK-ZH"))
    old, new = kept[("kita->primary", None)]
    assert set(new.evidence["committees"]) - set(old.evidence["committees"]) == {
        "G-SRK-AS", "G-SRK-ZH"}
    # Familie → Kita: the Frühförderstelle serves the whole town (Ebene Kommune) and is
    # judged once, not in Zechenhöhe; since 2019 the Sozialraumkonferenz seats it with Kitas,
    # so the town-wide finding "kein Gremium" is resolved (see the test above)
    assert not any(t == "u3->kita" for t, _ in kept)
    assert {"A-FRUEH", "A-KITA-ZH1"} <= set(diff.new.members("G-SRK-ZH"))


def test_the_new_finding_is_the_coordinator_on_six_committees(diff: Comparison) -> None:
    # the Stiftung Wohlfahrtspflege, a Land foundation funding an offer since 2019, is not
    # judged for its way to the town's steering group
    assert [f.title for f in diff.findings_new] == ["Julia Neumann sitzt in 6 Gremien"]


def test_pregnancy_is_covered_town_wide_and_nordstadt_gained_a_local_offer(
        diff: Comparison) -> None:
    # the Babybesuchsdienst and the Familienhebammen visit families in every district
    # (town-wide, outreach), so no district lacks an offer around birth in either year
    for m in (diff.old, diff.new):
        table = coverage_table(m)
        assert (table.xs("pregnancy", level="phase")["town_wide"] >= 2).all()
    assert not [f for f in diff.findings_resolved + diff.findings_new
                if f.kind == "coverage_gap" and f.evidence.get("phase") == "pregnancy"]
    # the Hebammensprechstunde brings one into the Nordstadt itself
    offer = diff.new.node("ANG-HEBSPRECH-NS")
    assert "ANG-HEBSPRECH-NS" in diff.nodes_added
    assert offer["district"] == "Nordstadt" and LifePhase.PREGNANCY in offer["life_phases"]
    assert coverage_table(diff.old).loc[("Nordstadt", "pregnancy"), "offers"] == 0
    assert coverage_table(diff.new).loc[("Nordstadt", "pregnancy"), "offers"] >= 1


def test_persisting_findings_are_not_counted_as_resolved_and_new(diff: Comparison) -> None:
    def topic(title: str) -> str:
        return re.sub(r"\d+", "#", title)

    resolved = {(f.kind, f.district, topic(f.title)) for f in diff.findings_resolved}
    new = {(f.kind, f.district, topic(f.title)) for f in diff.findings_new}
    assert resolved.isdisjoint(new)
    s = diff.summary()
    assert s["findings_kept"] + s["findings_resolved"] == len(diff.old_result.findings)  # type: ignore[union-attr]
    assert s["findings_kept"] + s["findings_new"] == len(diff.new_result.findings)  # type: ignore[union-attr]
    # the two districts' access gap persists but became less severe
    moved = {(o.district, o.severity, n.severity) for o, n in diff.findings_continued
             if o.kind == "coverage_gap" and o.severity != n.severity}
    assert moved == {("Nordstadt", "high", "medium"), ("Kreuzfeld", "high", "medium")}


def test_json_shape(diff: Comparison) -> None:
    data = json.loads(diff.to_json())
    assert set(data) == {"old", "new", "summary", "nodes_added", "nodes_removed",
                         "nodes_changed", "edges_added", "edges_removed", "strength_changed",
                         "figures", "findings_resolved", "findings_new", "findings_kept",
                         "quality_changes"}
    assert data["old"] == {"municipality": "Kindertal", "snapshot": "2017-06-30"}
    assert data["new"] == {"municipality": "Kindertal", "snapshot": "2019-03-31"}
    s = data["summary"]
    assert (s["nodes_added"], s["edges_added"], s["findings_resolved"]) == (
        len(data["nodes_added"]), len(data["edges_added"]), len(data["findings_resolved"]))
    assert {"id": "G-SRK-ZH", "name": "Sozialraumkonferenz Zechenhöhe",
            "type": "committee"} in data["nodes_added"]
    assert {"source": "A-FRUEH", "target": "G-SRK-ZH", "kind": "member"} in data["edges_added"]
    density = next(f for f in data["figures"] if f["key"] == "density")
    assert density["figure"] == "Dichte" and density["rating"] == "günstig"
    assert density["change"] == pytest.approx(density["new"] - density["old"], abs=1e-6)
    finding = data["findings_resolved"][0]
    assert {"id", "kind", "severity", "title", "recommendation", "nodes"} <= set(finding)
    # notes are personal enough to stay out of shared outputs
    notes = [c for c in data["nodes_changed"] if c["field"] == "note"]
    assert notes and all(c["new"] == "(nicht ausgegeben)" for c in notes)


# --- the command line -----------------------------------------------------------------------


def test_cli_writes_html_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html_out, json_out = tmp_path / "v.html", tmp_path / "v.json"
    code = main(["vergleich", str(OLD_XLSX), str(NEW_XLSX), "-o", str(html_out),
                 "--json", str(json_out)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Vergleich Kindertal: Stand 30.06.2017 → 31.03.2019" in out
    assert "Befunde: 5 gelöst, 1 neu, 30 weiterhin offen" in out
    assert f"Geschrieben: {html_out}" in out and f"Geschrieben: {json_out}" in out
    page = html_out.read_text(encoding="utf-8")
    assert "Vergleich der Netzwerkkarte Kindertal" in page
    assert "Sozialraumkonferenz Zechenhöhe" in page
    data = json.loads(json_out.read_text(encoding="utf-8"))
    assert data["summary"]["nodes_added"] == 37
    assert [f.name for f in tmp_path.iterdir() if f.name.startswith(".")] == []  # no temp left


def test_cli_default_output_and_json_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    old_json, new_json = tmp_path / "alt.json", tmp_path / "neu.json"
    assert main(["export", str(OLD_XLSX), "-o", str(old_json)]) == 0
    assert main(["export", str(NEW_XLSX), "-o", str(new_json)]) == 0
    assert main(["vergleich", str(old_json), str(new_json)]) == 0
    assert (tmp_path / "vergleich.html").is_file()
    (tmp_path / "vergleich.html").unlink()
    assert main(["vergleich", str(old_json), str(new_json), "--json", "nur.json"]) == 0
    assert (tmp_path / "nur.json").is_file() and not (tmp_path / "vergleich.html").exists()
    capsys.readouterr()


def test_cli_unreadable_input_exits_2_and_keeps_old_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "vergleich.html"
    target.write_text("alter Inhalt", encoding="utf-8")
    code = main(["vergleich", str(OLD_XLSX), str(tmp_path / "fehlt.xlsx"), "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 2
    assert "fehlt.xlsx" in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "alter Inhalt"


def test_cli_invalid_input_exits_1_with_the_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "kaputt.xlsx"
    workbook = openpyxl.load_workbook(NEW_XLSX)
    sheet = workbook["Mitgliedschaften"]
    headers = {cell.value: int(cell.column or 0) for cell in sheet[1]}
    sheet.cell(row=2, column=headers["Gremium"], value="G-GIBTSNICHT")
    workbook.save(broken)
    code = main(["vergleich", str(OLD_XLSX), str(broken), "-o", str(tmp_path / "v.html")])
    err = capsys.readouterr().err
    assert code == 1
    assert "Mitgliedschaften" in err and "G-GIBTSNICHT" in err
    assert not (tmp_path / "v.html").exists()
