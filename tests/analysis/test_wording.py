"""What the readers at a network meeting see: counts in the right number, statuses that read
as sentences, one word and one count for the steering bodies, the same finding number in
the summary and the Maßnahmenliste, and a German date on the summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

from netzkarte import NetworkMap
from netzkarte.analysis import analyze
from netzkarte.analysis.core import format_summary
from netzkarte.analysis.quality import check_quality
from netzkarte.analysis.steering import is_steering_body, steering_bodies, steering_groups
from netzkarte.datasets import kindertal
from netzkarte.render.action_list import write_action_list
from netzkarte.results import AnalysisResult, Finding, role_label
from netzkarte.text import enumerate_names


@pytest.fixture(scope="module")
def kindertal_2019() -> tuple[NetworkMap, AnalysisResult]:
    m = kindertal(2019)
    return m, analyze(m, progress=False)


# --- 1. a count and its words agree ---------------------------------------------------------


def test_one_more_name_is_named_not_counted() -> None:
    assert enumerate_names(["A", "B", "C"], limit=2) == "A, B und C"
    assert enumerate_names(["A", "B", "C", "D"], limit=2) == "A, B und 2 weitere"
    assert enumerate_names(["A"], total=2, other="weiterer Eintrag") == \
        "A und 1 weiterer Eintrag"


def test_summary_counts_the_remaining_findings_in_the_right_number(small_map: NetworkMap
                                                                   ) -> None:
    result = analyze(small_map, progress=False)
    assert len(result.findings) >= 3
    one_left = format_summary(result, top=len(result.findings) - 1).splitlines()
    assert one_left[-1] == "… und 1 weiterer Befund"
    two_left = format_summary(result, top=len(result.findings) - 2).splitlines()
    assert two_left[-1] == "… und 2 weitere Befunde"
    assert "1 Angebot;" in format_summary(result)  # „1 Angebote“ before


def test_key_figures_use_singular_and_plural(small_map: NetworkMap) -> None:
    text = format_summary(analyze(small_map, progress=False))
    assert "Kooperationsnetz: Dichte" in text
    assert "· 1 Komponente ·" in text
    assert "Steuerung: 1 Steuerungsgremium (" in text
    for wrong in ("(n)", "(en)", "/-", "Communit", "Gemeinschaft", "Cluster", "Betweenness",
                  "Zusammenarbeitsnetz"):
        assert wrong not in text


def test_six_contracts_name_five_and_one_more() -> None:
    m = NetworkMap("Vertragsstadt")
    for i in range(7):
        m.add_node(f"A{i}", "actor", name=f"Träger {i}")
    for i in range(1, 7):
        m.add_edge("A0", f"A{i}", "contract")
    checks, _ = check_quality(m)
    [qc] = [c for c in checks if c.id == "qs-contracts"]
    assert qc.evidence.startswith("6 Kontrakte: ")
    assert qc.evidence.endswith(" und 1 weiterer.")


# --- 2. names after a preposition ---------------------------------------------------------


def test_a_name_after_a_preposition_is_quoted(kindertal_2019: tuple[NetworkMap, AnalysisResult]
                                              ) -> None:
    _, result = kindertal_2019
    [roth] = [f for f in result.findings if f.title == "Gisela Roth ist nur organisatorisch "
              "eingebunden"]
    assert "(gehört zu „Schulamt für den Kreis Kindertal-Lernfurt“)" in roth.text
    texts = " ".join(f"{f.title} {f.text} {f.recommendation}" for f in result.findings)
    assert not re.search(r"\b(gehört zu|Mitglied(?:er)? von) [A-ZÄÖÜ]", texts)


# --- 3. no English, no jargon --------------------------------------------------------------


def test_brokerage_roles_are_german_words() -> None:
    labels = [role_label(r) for r in ("coordinator", "itinerant", "representative",
                                      "gatekeeper", "liaison")]
    assert labels == ["Koordinator", "Berater", "Repräsentant", "Türsteher",
                      "Verbindungsperson"]


# --- 4. a quality finding ends in a status that reads as German -------------------------------


def test_quality_findings_say_teilweise_or_nicht_erfuellt(
        kindertal_2019: tuple[NetworkMap, AnalysisResult]) -> None:
    _, result = kindertal_2019
    quality = result.by_kind("quality_standard")
    assert quality
    for f in quality:
        ending = {"warn": ": teilweise erfüllt", "fail": ": nicht erfüllt"}[
            f.evidence["status"]]
        assert f.title.endswith(ending), f.title
    failing = NetworkMap("Ohne Koordination")
    failing.add_node("A", "actor", name="Kita")
    # roles are entered (so the check can judge), none is Netzwerkkoordination
    failing.add_node("P", "actor", name="Frau Fach", form="Person", roles=["Fachpromotor"])
    _, findings = check_quality(failing)
    coordination = [f for f in findings if f.evidence["check"] == "qs-coordination-exists"]
    assert [f.title for f in coordination] == [
        "Hauptamtliche Netzwerkkoordination: nicht erfüllt"]
    assert "Qualitätsrahmen: 15 erfüllt, 4 teilweise erfüllt, 0 nicht erfüllt, 0 unbekannt" \
        in format_summary(result)


# --- 5. the summary's time stamp ----------------------------------------------------------


def test_summary_shows_a_german_date_and_the_json_keeps_iso(small_map: NetworkMap) -> None:
    result = analyze(small_map, progress=False)
    second = format_summary(result).splitlines()[1]
    assert re.fullmatch(r"netzkarte \S+ · erstellt am \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr",
                        second), second
    assert "T" in json.loads(result.to_json())["generated"]


# --- 6. the steering bodies: one definition, one count, one word ----------------------------


def test_steering_bodies_are_counted_alike_everywhere(
        kindertal_2019: tuple[NetworkMap, AnalysisResult]) -> None:
    m, result = kindertal_2019
    bodies = steering_bodies(m)
    names = {m.name(b) for b in bodies}
    # tier a, and the Kreis's Steuerkreis KAoA entered at level b: a steering type
    assert names == {"Verwaltungsvorstandskonferenz",
                     "Steuerungsgruppe „Gut aufwachsen in Kindertal“",
                     "Lenkungskreis Regionales Bildungsnetzwerk Kindertal-Lernfurt",
                     "Steuerkreis KAoA Kreis Kindertal-Lernfurt"}
    assert all(is_steering_body(m.graph.nodes[b]) for b in bodies)
    assert result.summary["steering_bodies"] == len(bodies) == 4
    assert result.summary["steering_members"] == len({u for b in bodies
                                                      for u in m.members(b)})
    assert (f"Steuerung: 4 Steuerungsgremien (Steuerungsebene a oder Gremientyp "
            f"Steuerungsgruppe bzw. Lenkungskreis) mit "
            f"{result.summary['steering_members']} Mitgliedern") in format_summary(result)
    # the quality framework checks the Steuerungsgruppe, one of them, and names the others
    [group] = steering_groups(m)
    assert group in bodies
    [exists] = [q for q in result.quality_checks if q.id == "qs-steering-exists"]
    assert exists.evidence.startswith(f"Steuerungsgruppe: {m.name(group)}.")
    for other in names - {m.name(group)}:
        assert other in exists.evidence
    assert "Weitere Steuerungsgremien: " in exists.evidence


def test_a_steering_type_below_tier_a_counts_as_a_steering_body() -> None:
    m = NetworkMap("Lenkstadt")
    m.add_node("LK", "committee", name="Lenkungskreis Frühe Hilfen",
               committee_type="Lenkungskreis", tier="b")
    m.add_node("AK", "committee", name="Arbeitskreis", committee_type="Arbeitskreis", tier="b")
    m.add_node("J", "office", name="Jugendamt", category="Jugendamt")
    m.add_edge("J", "LK", "member")
    m.add_edge("J", "AK", "member")
    result = analyze(m, progress=False)
    assert steering_bodies(m) == ["LK"]
    assert result.summary["steering_bodies"] == 1
    assert "Steuerung: 1 Steuerungsgremium (" in format_summary(result)


def test_ways_to_the_steering_bodies_say_steuerungsgremium() -> None:
    m = NetworkMap("Fernstadt")
    m.add_node("VV", "committee", name="Verwaltungsvorstand", tier="a")
    m.add_node("B", "office", name="Bauamt")
    m.add_edge("B", "VV", "member")
    m.add_node("X", "actor", name="Verein Fern", category="Sportverein")
    m.add_node("Y", "actor", name="Kita Fern", category="Kita")
    m.add_edge("X", "Y", "cooperation")
    result = analyze(m, progress=False)
    [cut_off] = [f for f in result.by_kind("bottleneck")
                 if f.evidence.get("check") == "unreachable"]
    assert cut_off.title == "2 Akteure ohne Weg zu einem Steuerungsgremium"
    assert cut_off.text.startswith("Von „Verein Fern“ und „Kita Fern“ führt kein Weg zu "
                                   "einem Mitglied eines Steuerungsgremiums")
    assert "Steuerungsgruppe" not in cut_off.title + cut_off.text
    assert result.summary["unreachable_from_steering"] == 2


# --- 7. the finding numbers of the Maßnahmenliste -------------------------------------------


def test_action_list_numbers_match_the_summary(
        kindertal_2019: tuple[NetworkMap, AnalysisResult], tmp_path: Path) -> None:
    _, result = kindertal_2019
    rows = list(openpyxl.load_workbook(write_action_list(result, tmp_path / "m.xlsx"))[
        "Maßnahmen"].iter_rows(min_row=2, values_only=True))
    numbered = {int(m.group(1)): m.group(2) for line in format_summary(result).splitlines()
                if (m := re.match(r"\s*(\d+)\. \[[^]]+\] [^:]+: (.*)$", line))}
    assert len(numbered) == 10
    for number, title in numbered.items():
        assert rows[number - 1][0] == number
        assert rows[number - 1][4] == title


def test_action_list_names_everyone_involved(tmp_path: Path) -> None:
    names = {f"N{i}": f"Einrichtung Nummer {i}" for i in range(14)}
    f = Finding.create("bottleneck", "low", "Viele Beteiligte", nodes=list(names))
    result = AnalysisResult("Beispiel", {}, [f], names=names)
    ws = openpyxl.load_workbook(write_action_list(result, tmp_path / "m.xlsx"))["Maßnahmen"]
    assert ws["H2"].value == "; ".join(names.values())
    assert "weitere" not in ws["H2"].value


def test_action_list_cuts_only_what_a_cell_cannot_hold(tmp_path: Path) -> None:
    names = {f"N{i}": f"{i:04d} " + "x" * 995 for i in range(40)}  # 40 × 1000 characters
    f = Finding.create("bottleneck", "low", "Sehr viele Beteiligte", nodes=list(names))
    result = AnalysisResult("Beispiel", {}, [f], names=names)
    cell = openpyxl.load_workbook(write_action_list(result, tmp_path / "m.xlsx"))[
        "Maßnahmen"]["H2"].value
    assert len(cell) <= 32_767
    shown = cell.split("; … und ")[0].split("; ")
    rest = 40 - len(shown)
    assert shown == list(names.values())[:len(shown)] and rest >= 1
    assert cell.endswith(f"; … und {rest} weitere Einträge" if rest > 1
                         else "; … und 1 weiterer Eintrag")
