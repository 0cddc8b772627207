"""`netzkarte erhebung` and `netzkarte zusammenfuehren`: German messages and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from survey_helpers import ANSWERED, KOOPERATION, fill, small_map

from netzkarte import validate_excel, write_excel
from netzkarte.cli import main


@pytest.fixture
def karte(tmp_path: Path) -> Path:
    return write_excel(small_map(), tmp_path / "karte.xlsx")


def test_erhebung_writes_one_per_partner_and_a_blank(karte: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["erhebung", str(karte), "-o", str(tmp_path / "fb")]) == 0
    names = sorted(p.name for p in (tmp_path / "fb").iterdir())
    assert len(names) == 8 and "Fragebogen_neuer_Partner.xlsx" in names
    out = capsys.readouterr().out
    assert "7 Fragebögen und ein leerer" in out and "netzkarte zusammenfuehren" in out


def test_erhebung_only_some_partners(karte: Path, tmp_path: Path) -> None:
    assert main(["erhebung", str(karte), "-o", str(tmp_path / "fb"), "--partner", "K1",
                 "JA", "--partner", "GS"]) == 0
    assert len(list((tmp_path / "fb").iterdir())) == 4


def test_erhebung_unknown_partner_is_exit_1(karte: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["erhebung", str(karte), "-o", str(tmp_path / "fb"), "--partner", "K7"]) == 1
    err = capsys.readouterr().err
    assert "K7" in err and "Traceback" not in err


def test_erhebung_unreadable_map_is_exit_2(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["erhebung", str(tmp_path / "fehlt.xlsx"), "-o", str(tmp_path / "fb")]) == 2
    assert "fehlt.xlsx" in capsys.readouterr().err


def _answers(karte: Path, tmp_path: Path) -> list[Path]:
    main(["erhebung", str(karte), "-o", str(tmp_path / "fb"), "--partner", "K1", "GS", "-q"])
    k1 = next((tmp_path / "fb").glob("Fragebogen_K1_*"))
    gs = next((tmp_path / "fb").glob("Fragebogen_GS_*"))
    back = tmp_path / "back"
    back.mkdir()
    return [fill(k1, back / "a.xlsx", answered=ANSWERED, contacts={"EB": (KOOPERATION, 2)}),
            fill(gs, back / "b.xlsx", answered=ANSWERED)]


def test_zusammenfuehren_with_a_broken_answer_is_exit_1_and_merges_the_rest(
        karte: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = _answers(karte, tmp_path)
    broken = tmp_path / "back" / "kaputt.xlsx"
    broken.write_bytes(b"\x00" * 100)
    out = tmp_path / "neu.xlsx"
    code = main(["zusammenfuehren", str(karte), str(answers[0]), str(broken), str(answers[1]),
                 "-o", str(out), "--bericht", str(tmp_path / "r.html"), "--entscheidungen",
                 str(tmp_path / "r.xlsx"), "--staerke", "maximum"])
    captured = capsys.readouterr()
    assert code == 1
    assert "kaputt.xlsx" in captured.err and "Traceback" not in captured.err
    assert "Antworten: 2 übernommen, 1 nicht verwendbar." in captured.out
    assert (tmp_path / "r.html").exists() and (tmp_path / "r.xlsx").exists()
    merged, report = validate_excel(out)
    assert report.ok and merged is not None
    assert main(["pruefen", str(out)]) == 0


def test_zusammenfuehren_wrong_names_are_exit_2_and_write_nothing(
        karte: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = _answers(karte, tmp_path)
    assert main(["zusammenfuehren", str(karte), *map(str, answers), "-o",
                 str(tmp_path / "neu.csv")]) == 2
    assert "muss auf .xlsx enden" in capsys.readouterr().err
    assert main(["zusammenfuehren", str(karte), *map(str, answers), "-o", str(karte)]) == 2
    assert "Eingabedateien" in capsys.readouterr().err
    before = karte.read_bytes()
    assert main(["zusammenfuehren", str(karte), *map(str, answers), "-o",
                 str(tmp_path / "neu.xlsx"), "--entscheidungen", str(karte)]) == 2
    assert karte.read_bytes() == before and not (tmp_path / "neu.xlsx").exists()


def test_zusammenfuehren_prints_details_without_a_report(
        karte: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = _answers(karte, tmp_path)
    assert main(["zusammenfuehren", str(karte), *map(str, answers), "-o",
                 str(tmp_path / "neu.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "Rücklauf: 2 von 2 (100 %)" in out  # only K1 and GS were asked (--partner)
    assert "Beziehungen: 1 bestätigt" in out


def test_help_is_german(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["zusammenfuehren", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Aufruf:" in out and "--entscheidungen" in out and "minimum" in out
