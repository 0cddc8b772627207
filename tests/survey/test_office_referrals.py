"""Referrals to and from offices survive the survey: asked, answered and merged as referrals.

A Jugendamt (an office) that refers families to the Erziehungsberatungsstelle, and a Kita
that refers them to the Jugendamt, answer „Vermittlung“ in their questionnaires; the merge
keeps the kind and the direction (it used to turn them into cooperations).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from survey_helpers import ANSWERED, VERMITTLUNG_AN, VERMITTLUNG_VON, fill, small_map, write_for

from netzkarte import NetworkMap
from netzkarte.survey import merge_answers
from netzkarte.survey.questionnaire import write_questionnaire
from netzkarte.vocab import EdgeKind


def _kinds(m: NetworkMap, u: str, v: str) -> set[EdgeKind]:
    return {d["kind"] for d in m.graph.get_edge_data(u, v, default={}).values()}


def test_an_office_answers_referrals_both_ways(tmp_path: Path) -> None:
    base = small_map()
    sent = write_for(base, "JA", tmp_path / "versand", "jugendamt.xlsx")
    answer = fill(sent, tmp_path / "jugendamt_antwort.xlsx", answered=ANSWERED,
                  contacts={"EB": (VERMITTLUNG_AN, None), "K2": (VERMITTLUNG_VON, None)})
    result = merge_answers(base, [answer])
    assert result.ok, result.problem_lines()
    assert not [issue for _, issue in result.problems if "Vermittlung" in issue.message]
    assert _kinds(result.map, "JA", "EB") == {EdgeKind.REFERRAL}
    assert _kinds(result.map, "K2", "JA") == {EdgeKind.REFERRAL}
    assert not _kinds(result.map, "EB", "JA")


def test_a_referral_to_an_office_is_prefilled_in_the_next_questionnaire(tmp_path: Path
                                                                       ) -> None:
    base = small_map()
    base.add_edge("K1", "JA", "referral")
    path = write_questionnaire(base, "K1", tmp_path / "k1.xlsx")
    ws = load_workbook(path)["Ihre Kontakte"]
    rows = {row[0].value: [c.value for c in row] for row in ws.iter_rows(min_row=4)}
    assert VERMITTLUNG_AN in rows["JA"]
