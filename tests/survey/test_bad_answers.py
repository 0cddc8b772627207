"""Bad answers get a clear German message, lose nothing and never stop the other answers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from survey_helpers import ANSWERED, KOOPERATION, fill, save, small_map, strength, write_for

from netzkarte import NetworkMap, write_excel
from netzkarte.survey import MergeResult, merge_answers, tie_confirmation


def _answer(tmp: Path, partner: str, name: str, **kwargs: Any) -> Path:
    sent = write_for(small_map(), partner, tmp / "sent", f"{partner}.xlsx")
    return fill(sent, tmp / name, answered=ANSWERED, **kwargs)


def _edit(path: Path, change: Callable[[Any], None]) -> Path:
    wb = load_workbook(path)
    change(wb)
    return save(wb, path, ANSWERED)


def _messages(result: MergeResult, source: str) -> list[str]:
    return [i.message for s, i in result.problems if s == source]


def _state(m: NetworkMap, u: str, v: str) -> str | None:
    states = tie_confirmation(m)
    return states.get((u, v)) or states.get((v, u))


def test_questionnaire_of_another_kommune(tmp_path: Path) -> None:
    other = small_map()
    other.meta.municipality = "Lernfurt"
    foreign = write_for(other, "K1", tmp_path, "lernfurt.xlsx")
    good = _answer(tmp_path, "GS", "gs.xlsx", contacts={"JA": (KOOPERATION, 1)})
    result = merge_answers(small_map(), [foreign, good])
    assert result.failed == ["lernfurt.xlsx"]
    [message] = _messages(result, "lernfurt.xlsx")
    assert "Kommune „Lernfurt“" in message and "„Testheim“" in message
    assert [a.status for a in result.answers] == ["nicht verwendbar", "übernommen"]
    assert _state(result.map, "GS", "JA") == "unconfirmed"


def test_questionnaire_of_a_partner_the_map_does_not_have(tmp_path: Path) -> None:
    other = small_map()
    other.add_node("K9", "actor", name="Kita Neun", category="Kita")
    path = write_for(other, "K9", tmp_path, "k9.xlsx")
    result = merge_answers(small_map(), [path])
    assert result.failed == ["k9.xlsx"]
    assert "ID „K9“" in _messages(result, "k9.xlsx")[0]


def test_unreadable_files_among_many(tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"PK\x03\x04 kein zip")
    text = tmp_path / "liste.xlsx"
    text.write_text("ID;Name\n1;Kita", encoding="utf-8")
    template = write_excel(small_map(), tmp_path / "karte.xlsx")
    answers = [_answer(tmp_path, p, f"{p}.xlsx") for p in ("K1", "GS", "JA")]
    result = merge_answers(small_map(), [broken, *answers, text, template,
                                         tmp_path / "fehlt.xlsx"])
    assert result.failed == ["kaputt.xlsx", "liste.xlsx", "karte.xlsx", "fehlt.xlsx"]
    assert result.response.answered == 3
    assert "Netzwerkkarte (ausgefüllte Vorlage), kein Fragebogen" in \
        _messages(result, "karte.xlsx")[0]
    assert "gibt es nicht" in _messages(result, "fehlt.xlsx")[0]


def test_deleted_art_column_makes_the_contacts_unusable_but_not_the_rest(tmp_path: Path
                                                                         ) -> None:
    path = _answer(tmp_path, "FZ", "fz.xlsx", contacts={"K1": (KOOPERATION, 4)},
                   own={"Kontakt": "fz@example.org"})
    _edit(path, lambda wb: wb["Ihre Kontakte"].delete_cols(5))
    result = merge_answers(small_map(), [path])
    assert result.failed == ["fz.xlsx"]
    assert any("fehlt die Spalte „Art“" in m for m in _messages(result, "fz.xlsx"))
    assert result.map.node("FZ")["contact"] == "fz@example.org"
    assert _state(result.map, "K1", "FZ") is None  # nothing read, nothing invented


def test_deleted_strength_column_is_a_warning(tmp_path: Path) -> None:
    path = _answer(tmp_path, "FZ", "fz.xlsx", contacts={"K1": (KOOPERATION, 4)})
    _edit(path, lambda wb: wb["Ihre Kontakte"].delete_cols(6))
    result = merge_answers(small_map(), [path])
    assert result.ok
    assert any("„Stärke“" in m for m in _messages(result, "fz.xlsx"))
    assert int(result.map.graph["K1"]["FZ"][0]["strength"]) == 2  # the map's value stays


def test_reordered_columns_read_the_same(tmp_path: Path) -> None:
    plain = _answer(tmp_path, "K1", "k1.xlsx", contacts={"GS": (KOOPERATION, 4),
                                                         "EB": (KOOPERATION, 1)})
    shuffled = _answer(tmp_path, "K1", "k1_umsortiert.xlsx",
                       contacts={"GS": (KOOPERATION, 4), "EB": (KOOPERATION, 1)})

    def reorder(wb: Any) -> None:
        ws = wb["Ihre Kontakte"]
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
        order = [7, 5, 4, 1, 0, 6, 2, 3]
        for r, row in enumerate(rows, 3):
            for c, j in enumerate(order, 1):
                ws.cell(r, c).value = row[j] if j < len(row) else None

    _edit(shuffled, reorder)
    a = merge_answers(small_map(), [plain])
    b = merge_answers(small_map(), [shuffled])
    assert b.ok and [i for _, i in b.problems] == []

    def ties(r: MergeResult) -> dict[tuple[str, str], tuple[str, int]]:
        return {(u, v): (d["kind"].value, int(d.get("strength") or 0))
                for u, v, _, d in r.map.iter_edges() if d["kind"].value == "cooperation"}

    assert ties(a) == ties(b)
    assert _state(b.map, "K1", "EB") == "unconfirmed"


def test_pasted_rows_unknown_ids_self_and_bad_values(tmp_path: Path) -> None:
    path = _answer(tmp_path, "K1", "k1.xlsx", contacts={"GS": (KOOPERATION, 3)},
                   extra_contacts=[
                       # pasted from another questionnaire: ID of K2, name of the school
                       {"ID": "K2", "Name": "Grundschule am Park", "Art": KOOPERATION},
                       {"ID": "X-99", "Art": KOOPERATION},                  # unknown, no name
                       {"ID": "X-98", "Name": "Hebamme Müller", "Art": KOOPERATION,
                        "Stärke": strength(2)},                            # unknown, named
                       {"ID": "K1", "Name": "Kita Sonnenschein", "Art": KOOPERATION},  # self
                       {"ID": "EB", "Name": "Erziehungsberatungsstelle",
                        "Art": "Trägerschaft"},                            # not a tie kind
                       {"ID": "JA", "Name": "Jugendamt", "Art": KOOPERATION,
                        "Stärke": "viel"},                                 # unknown strength
                       {"ID": "NFH", "Name": "Netzwerk Frühe Hilfen", "Art": KOOPERATION},
                   ])
    result = merge_answers(small_map(), [path])
    assert result.ok  # row problems: listed, the answer itself is used
    messages = _messages(result, "k1.xlsx")
    expected = ["passen nicht zusammen", "„X-99“ gibt es in der Karte nicht, und ein Name",
                "„X-98“ gibt es in der Karte nicht; der Kontakt wird über den Namen",
                "eigene Einrichtung", "„Trägerschaft“ ist keine Art",
                "„viel“ ist keine Stärke", "kein Partner"]
    for words in expected:
        assert any(words in m for m in messages), words
    m = result.map
    assert _state(m, "K1", "K2") is None                     # the pasted row is not used
    assert _state(m, "K1", "NEU-HEBAMME-MUELLER") == "unconfirmed"
    assert _state(m, "K1", "JA") == "unconfirmed"             # JA has not answered
    assert "strength" not in m.graph["K1"]["JA"][0]
    rows = {i.row for s, i in result.problems if s == "k1.xlsx"}
    assert len(rows) == 7  # every bad row is listed once, with its row number


def test_committee_and_offer_problems_are_listed(tmp_path: Path) -> None:
    path = _answer(tmp_path, "FZ", "fz.xlsx", committees={"NFH": "vielleicht"},
                   offers={"": {"ID": "CAFE-X", "Kategorie": "Elterncafé"}})

    def extra_rows(wb: Any) -> None:
        ws = wb["Ihre Gremien"]
        ws.cell(6, 2).value, ws.cell(6, 5).value = "Arbeitskreis Kinderarmut", "ja"

    _edit(path, extra_rows)
    result = merge_answers(small_map(), [path])
    messages = _messages(result, "fz.xlsx")
    assert any("„vielleicht“ ist weder ja noch nein" in m for m in messages)
    assert any("Gremium „Arbeitskreis Kinderarmut“ ist nicht auf der Karte" in m
               for m in messages)
    assert any("„CAFE-X“ gibt es nicht, und ein Name fehlt" in m for m in messages)
    assert _state(result.map, "FZ", "NFH") is None  # no statement read: left as it was


def test_someone_elses_offer_is_not_changed(tmp_path: Path) -> None:
    path = _answer(tmp_path, "K1", "k1.xlsx",
                   offers={"": {"ID": "CAFE", "Name": "Elterncafé Nord", "Status": "beendet"}})
    result = merge_answers(small_map(), [path])
    assert any("gehört laut Karte nicht zu Ihrer Einrichtung" in m
               for m in _messages(result, "k1.xlsx"))
    assert result.map.node("CAFE")["status"].value == "running"


def test_missing_sheet_is_named(tmp_path: Path) -> None:
    path = _answer(tmp_path, "JA", "ja.xlsx", contacts={"GS": (KOOPERATION, 1)})
    _edit(path, lambda wb: wb.remove(wb["Ihre Gremien"]))
    result = merge_answers(small_map(), [path])
    assert result.failed == ["ja.xlsx"]
    assert any("Blatt „Ihre Gremien“ fehlt" in m for m in _messages(result, "ja.xlsx"))
    assert _state(result.map, "GS", "JA") == "unconfirmed"  # the contacts are merged


def test_blank_questionnaire_without_a_name(tmp_path: Path) -> None:
    blank = write_for(small_map(), None, tmp_path, "leer.xlsx")
    result = merge_answers(small_map(), [blank])
    assert result.failed == ["leer.xlsx"]
    assert "fehlt der Name der Einrichtung" in _messages(result, "leer.xlsx")[0]


@pytest.mark.parametrize("flag", ["nein", None])
def test_denied_membership_is_kept_and_marked(tmp_path: Path, flag: str | None) -> None:
    path = _answer(tmp_path, "FZ", "fz.xlsx", committees={"NFH": flag})
    result = merge_answers(small_map(), [path])
    assert tie_confirmation(result.map)[("FZ", "NFH")] == "disputed"
    [conflict] = [t for t in result.ties if t.kind.value == "member"]
    assert (conflict.source, conflict.target) == ("FZ", "NFH")
