"""The merge of returned questionnaires: exact expected result of a planted survey.

The scenario (``survey_helpers.scenario``) plants disagreeing strengths and kinds, one-sided
ties, a tie both sides deny, a legal-form variant and a typo of existing names, a late
correction and a partner that never answers. Everything below is written out by hand from
the plan, not read from the code under test.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest
from survey_helpers import LATE, Scenario, scenario

from netzkarte import NetworkMap, read_excel, validate_excel, write_excel
from netzkarte.survey import (
    EDGE_SIDE_SOURCE,
    EDGE_SIDE_TARGET,
    EDGE_SOURCE,
    EDGE_STATUS,
    Confirmation,
    Decisions,
    MergeResult,
    StrengthRule,
    merge_answers,
    non_responders,
    tie_confirmation,
)
from netzkarte.vocab import EdgeKind

EXPECTED_TIES: dict[frozenset[str], tuple[str, str, int]] = {
    # pair: (kind, state, merged strength under the default rule "minimum")
    frozenset({"K1", "GS"}): ("cooperation", "confirmed", 3),
    frozenset({"K1", "FZ"}): ("cooperation", "disagreeing", 2),
    frozenset({"K1", "EB"}): ("cooperation", "one_sided", 2),
    frozenset({"K1", "K2"}): ("cooperation", "one_sided", 1),
    frozenset({"K1", "NEU-GRUNDSCHULE-PRAK"}): ("cooperation", "unconfirmed", 2),
    frozenset({"K2", "EB"}): ("cooperation", "disagreeing", 2),
    frozenset({"K2", "GS"}): ("cooperation", "disputed", 2),
    frozenset({"GS", "JA"}): ("cooperation", "confirmed", 1),
    frozenset({"FZ", "JA"}): ("cooperation", "disagreeing", 3),
    frozenset({"EB", "GA"}): ("cooperation", "unconfirmed", 2),
    frozenset({"NEU-STADTTEILMUETTER-SUED", "K2"}): ("cooperation", "unconfirmed", 2),
}


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return scenario(tmp_path_factory.mktemp("survey"))


@pytest.fixture(scope="module")
def merged(planted: Scenario) -> MergeResult:
    return merge_answers(planted.base, planted.files)


def _ties(m: NetworkMap) -> dict[frozenset[str], tuple[str, str, int]]:
    out = {}
    for (u, v), state in tie_confirmation(m).items():
        data = next(iter(m.graph.get_edge_data(u, v).values()))
        if data["kind"] is not EdgeKind.MEMBER:
            out[frozenset({u, v})] = (data["kind"].value, state, int(data["strength"]))
    return out


def test_every_tie_has_the_planned_kind_state_and_strength(merged: MergeResult) -> None:
    assert _ties(merged.map) == EXPECTED_TIES
    assert merged.ok and merged.failed == []


def test_memberships_confirmed_by_the_member(merged: MergeResult) -> None:
    states = tie_confirmation(merged.map)
    assert states[("FZ", "NFH")] == states[("JA", "NFH")] == "confirmed"


def test_one_sided_ties_name_their_reporter(merged: MergeResult) -> None:
    m = merged.map
    assert m.graph["K1"]["EB"][0]["reported_by"] == "K1"
    assert m.graph["K1"]["K2"][0]["reported_by"] == "K1"
    assert m.graph["EB"]["GA"][0]["reported_by"] == "EB"


def test_both_sides_and_their_provenance_are_stored(merged: MergeResult) -> None:
    extra = merged.map.graph["K1"]["FZ"][0]["extra"]
    assert extra[EDGE_STATUS] == "abweichend"
    assert extra[EDGE_SIDE_SOURCE] == ("kita sonnenschein.xlsx, Ihre Kontakte, Zeile 4, "
                                       "06.05.2019 11:00: Kooperation, Stärke 3")
    assert extra[EDGE_SIDE_TARGET] == ("FZ.xlsx, Ihre Kontakte, Zeile 5, 06.05.2019 11:00: "
                                       "Kooperation, Stärke 2")
    assert "kita sonnenschein.xlsx" in extra[EDGE_SOURCE] and "FZ.xlsx" in extra[EDGE_SOURCE]


def test_disagreeing_kinds_become_cooperation_and_keep_both_answers(merged: MergeResult) -> None:
    m = merged.map
    kinds = {d["kind"] for d in m.graph.get_edge_data("FZ", "JA").values()}
    assert kinds == {EdgeKind.COOPERATION}
    extra = m.graph["FZ"]["JA"][0]["extra"]
    assert extra[EDGE_SIDE_SOURCE].endswith("Kontrakt, Stärke 3")
    assert extra[EDGE_SIDE_TARGET].endswith("Kooperation, Stärke 3")


def test_the_late_correction_replaces_the_early_answer(merged: MergeResult) -> None:
    status = {a.source: a.status for a in merged.answers}
    assert status["eb.xlsx"] == "ersetzt" and status["eb_korrigiert.xlsx"] == "übernommen"
    side = merged.map.graph["K1"]["EB"][0]["extra"][EDGE_SIDE_TARGET]
    assert side.startswith("eb_korrigiert.xlsx") and side.endswith("kein Kontakt")


def test_duplicates_are_listed_with_evidence_and_never_merged(merged: MergeResult) -> None:
    [dup] = merged.duplicates
    assert (dup.new, dup.existing, dup.level) == ("NEU-GRUNDSCHULE-PRAK", "GS", "wahrscheinlich")
    assert "Tippfehler? „prak“ / „park“" in dup.evidence
    assert "gleiche Sozialraum (Nord)" in dup.evidence
    assert "NEU-GRUNDSCHULE-PRAK" in merged.map and "GS" in merged.map
    [match] = merged.matched  # the legal-form variant: same key, matched and listed
    assert (match.mention, match.node) == ("Städt. Kindertagesstätte Regenbogen gGmbH", "K2")


def test_response_rate_overall_and_by_group(merged: MergeResult) -> None:
    r = merged.response
    assert (r.asked, r.answered, r.new, r.missing) == (7, 6, 1, ["GA"])
    assert [(g.label, g.asked, g.answered) for g in r.by_sector] == [
        ("Gesundheit", 1, 0), ("Kinder- und Jugendhilfe", 5, 5), ("Schule und Bildung", 1, 1)]
    assert [(g.label, g.asked, g.answered) for g in r.by_district] == [
        ("Nord", 3, 3), ("Süd", 2, 2), ("ohne Sozialraum", 2, 1)]
    assert non_responders(merged.map) == ["GA"]
    assert merged.map.meta.extra["Bestandsaufnahme Rücklauf"] == "6 von 7 (86 %)"


def test_corrections_and_new_records(merged: MergeResult) -> None:
    m = merged.map
    assert m.node("FZ")["contact"] == "info@fz-nord.example"
    assert [(c.node, c.field, c.after) for c in merged.corrections] == [
        ("FZ", "Kontakt", "info@fz-nord.example"),
        ("NEU-ANG-BABYTREFF-NORD", "neues Angebot", "Babytreff Nord")]
    assert m.node("NEU-STADTTEILMUETTER-SUED")["district"] == "Süd"
    assert ("FZ", "NEU-ANG-BABYTREFF-NORD") in {(u, v) for u, v, _, _ in
                                                m.iter_edges("provides")}
    assert m.node("NEU-GRUNDSCHULE-PRAK")["extra"]["Mögliche Dublette"] == "GS (94 %)"


def test_base_map_is_not_changed(planted: Scenario, merged: MergeResult) -> None:
    assert "NEU-GRUNDSCHULE-PRAK" not in planted.base
    assert planted.base.graph["FZ"]["JA"][0]["kind"] is EdgeKind.CONTRACT


def test_nothing_answered_is_lost(planted: Scenario, merged: MergeResult) -> None:
    """Every contact row with an Art is a side report on an edge, or a listed problem."""
    from netzkarte.survey.answers import read_answer

    stored = {str(d["extra"].get(c)) for _, _, d in merged.map.graph.edges(data=True)
              for c in (EDGE_SIDE_SOURCE, EDGE_SIDE_TARGET) if d["extra"].get(c)}
    listed = {(src, i.row) for src, i in merged.problems}
    used = {a.source for a in merged.answers if a.status == "übernommen"}
    for path in planted.files:
        answer = read_answer(path)
        if path.name not in used:
            continue
        for row in [*answer.contacts, *answer.new_partners]:
            if row.cells.get("Art"):
                where = f"{path.name}, {row.sheet}, Zeile {row.row},"
                assert any(s.startswith(where) for s in stored) or \
                    (path.name, row.row) in listed, where


@pytest.mark.parametrize(("rule", "expected"), [
    (StrengthRule.MINIMUM, {"K1-FZ": 2, "K2-EB": 2}),
    (StrengthRule.MAXIMUM, {"K1-FZ": 3, "K2-EB": 3}),
    (StrengthRule.MEAN, {"K1-FZ": 3, "K2-EB": 3}),
    # K1 and FZ answered in the same minute: the smaller; EB's late correction is newest
    (StrengthRule.LATEST, {"K1-FZ": 2, "K2-EB": 3}),
])
def test_strength_rules(planted: Scenario, rule: StrengthRule, expected: dict[str, int]
                        ) -> None:
    m = merge_answers(planted.base, planted.files, rule=rule).map
    got = {"K1-FZ": int(m.graph["K1"]["FZ"][0]["strength"]),
           "K2-EB": int(m.graph["K2"]["EB"][0]["strength"])}
    assert got == expected


def test_merging_the_same_answers_twice_changes_nothing(planted: Scenario, merged: MergeResult,
                                                        tmp_path: Path) -> None:
    def digest(p: Path) -> str:
        return hashlib.sha256(p.read_bytes()).hexdigest()

    # the merged workbook, read back, merged with the same answers again: the same file
    merged_file = read_excel(write_excel(merged.map, tmp_path / "merged.xlsx"))
    before = write_excel(merged_file, tmp_path / "before.xlsx")
    after = write_excel(merge_answers(merged_file, planted.files).map, tmp_path / "after.xlsx")
    assert digest(before) == digest(after)
    # every answer given twice in one run: the same as once
    once = write_excel(merged.map, tmp_path / "once.xlsx")
    doubled = merge_answers(planted.base, [*planted.files, *planted.files])
    assert digest(once) == digest(write_excel(doubled.map, tmp_path / "doubled.xlsx"))


def test_a_later_answer_in_a_later_run_replaces_the_earlier(planted: Scenario,
                                                            tmp_path: Path) -> None:
    first = [p for p in planted.files if p.name != "eb_korrigiert.xlsx"]
    step1 = write_excel(merge_answers(planted.base, first).map, tmp_path / "step1.xlsx")
    step1_map = read_excel(step1)
    assert _ties(step1_map)[frozenset({"K1", "EB"})] == ("cooperation", "confirmed", 2)
    step2 = merge_answers(step1_map, [planted.answers["EB_late"]])
    assert _ties(step2.map) == EXPECTED_TIES
    # and an older answer merged after a newer one is skipped
    step3 = merge_answers(step2.map, [planted.answers["EB_early"]])
    assert [a.status for a in step3.answers] == ["älter"]
    assert _ties(step3.map) == EXPECTED_TIES


def test_the_merged_workbook_validates_and_keeps_every_survey_column(merged: MergeResult,
                                                                     tmp_path: Path) -> None:
    path = write_excel(merged.map, tmp_path / "neu.xlsx")
    again, report = validate_excel(path)
    assert report.ok, [str(i) for i in report.errors]
    assert again is not None
    assert tie_confirmation(again) == tie_confirmation(merged.map)
    assert non_responders(again) == ["GA"]
    assert again.node("NEU-GRUNDSCHULE-PRAK")["extra"]["Quelle"].startswith(
        "neu aus Antwort: kita sonnenschein.xlsx, Neue Partner, Zeile 5")
    assert again.node("K1")["extra"]["Antwort"] == "06.05.2019 11:00 (kita sonnenschein.xlsx)"


def test_decisions_merge_duplicates_and_settle_conflicts(planted: Scenario) -> None:
    d = Decisions()
    d.add_duplicate("NEU-GRUNDSCHULE-PRAK", "Grundschule am Prak", "GS", "dieselbe")
    d.add_tie("K2", "GS", "entfernen")
    d.add_tie("K1", "FZ", "Angabe Von")
    d.add_tie("EB", "GA", "behalten")
    decided = merge_answers(planted.base, planted.files, decisions=d)
    m = decided.map
    assert "NEU-GRUNDSCHULE-PRAK" not in m and decided.duplicates == []
    # K1's tie to the typo went to GS: GS had one already (confirmed), so nothing doubled
    assert [d["kind"] for d in m.graph.get_edge_data("K1", "GS").values()] == [
        EdgeKind.COOPERATION]
    assert m.graph.get_edge_data("K2", "GS") is None and m.graph.get_edge_data("GS", "K2") is None
    assert int(m.graph["K1"]["FZ"][0]["strength"]) == 3  # as K1 answered
    assert m.graph["K1"]["FZ"][0]["extra"]["Entscheidung"] == "Angabe von K1"
    assert m.graph["EB"]["GA"][0]["extra"]["Entscheidung"] == "behalten"
    assert {t.status for t in decided.ties if t.decision} == {Confirmation.DISAGREEING,
                                                              Confirmation.UNCONFIRMED}
    assert any("entfernt" in r for r in decided.removed)


def test_decided_duplicate_applies_to_a_merged_map_too(planted: Scenario,
                                                       merged: MergeResult) -> None:
    d = Decisions()
    d.add_duplicate("NEU-GRUNDSCHULE-PRAK", "Grundschule am Prak", "GS", "dieselbe")
    again = merge_answers(merged.map, [planted.answers["JA"]], decisions=d)
    assert "NEU-GRUNDSCHULE-PRAK" not in again.map
    assert any("zusammengeführt" in r for r in again.removed)


def test_different_decision_removes_the_mark(planted: Scenario) -> None:
    d = Decisions()
    d.add_duplicate("NEU-GRUNDSCHULE-PRAK", "Grundschule am Prak", "GS", "verschieden")
    result = merge_answers(planted.base, planted.files, decisions=d)
    assert result.duplicates == []
    assert "Mögliche Dublette" not in result.map.node("NEU-GRUNDSCHULE-PRAK")["extra"]


def test_answer_times(merged: MergeResult) -> None:
    late = next(a for a in merged.answers if a.source == "eb_korrigiert.xlsx")
    assert late.answered == LATE


def test_the_date_in_ausgefuellt_am_is_the_time_of_the_answer(planted: Scenario,
                                                              tmp_path: Path) -> None:
    from survey_helpers import fill

    path = fill(planted.sent["GA"], tmp_path / "ga.xlsx", answered=LATE,
                own={"Ausgefüllt am": "03.05.2019"})
    result = merge_answers(planted.base, [path])
    assert result.answers[0].answered == datetime(2019, 5, 3)
    assert result.map.node("GA")["extra"]["Antwort"] == "03.05.2019 00:00 (ga.xlsx)"


def test_json_export_keeps_the_survey(merged: MergeResult, tmp_path: Path) -> None:
    from netzkarte import load, save

    again = load(save(merged.map, tmp_path / "karte.json"))
    assert tie_confirmation(again) == tie_confirmation(merged.map)
    assert non_responders(again) == ["GA"]

