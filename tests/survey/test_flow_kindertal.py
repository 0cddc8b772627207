"""The whole Bestandsaufnahme on the Kindertal example, through the command line.

Send questionnaires to ten partners, get eight back (two saved by LibreOffice Calc, one
corrected late, one blank from a new partner), merge, decide the duplicate in the
Rückmeldung workbook, merge again: the map validates and shows confirmed and one-sided ties.
LibreOffice runs once for both files; without ``soffice`` those two answers are used as
saved by openpyxl and the round-trip test is skipped.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from survey_helpers import ANSWERED, EARLY, KOOPERATION, LATE, fill, libreoffice_resave

from netzkarte import datasets, read_excel, validate_excel, write_excel
from netzkarte.cli import main
from netzkarte.survey import non_responders, read_answer, tie_confirmation

PARTNERS = ["A-KITA-NS1", "A-KITA-NS2", "A-GS-NS1", "AMT-JA", "AMT-FH", "A-KIA-ZH", "A-TDEV",
            "A-SSB", "A-FRUEH", "A-QM-NS"]
HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


@dataclass
class Flow:
    folder: Path
    karte: Path
    sent: dict[str, Path]
    answers: list[Path]
    libreoffice: list[tuple[Path, Path]]  # (as filled, as saved by LibreOffice)


def _state(states: dict[tuple[str, str], str], u: str, v: str) -> str | None:
    return states.get((u, v)) or states.get((v, u))


@pytest.fixture(scope="module")
def flow(tmp_path_factory: pytest.TempPathFactory) -> Flow:
    folder = tmp_path_factory.mktemp("kindertal")
    karte = write_excel(datasets.kindertal(), folder / "kindertal.xlsx")
    assert main(["erhebung", str(karte), "-o", str(folder / "versand"), "--partner",
                 *PARTNERS, "-q"]) == 0
    sent: dict[str, Path] = {}
    for path in (folder / "versand").iterdir():
        key = "NEU" if "neuer_Partner" in path.name else path.name.split("_")[1]
        sent[key] = path
    back = folder / "antworten"
    back.mkdir()
    filled = {
        "A-KITA-NS1": fill(sent["A-KITA-NS1"], back / "regenbogen.xlsx", answered=ANSWERED,
                           contacts={"A-SSB": (KOOPERATION, 3)},
                           new_partners=[{"Name": "Familienzentrum Pusteblume Sozialwerk-Kita "
                                                  "e.V.", "Art": KOOPERATION}]),
        "A-KITA-NS2-early": fill(sent["A-KITA-NS2"], back / "pusteblume.xlsx", answered=EARLY),
        "A-KITA-NS2-late": fill(sent["A-KITA-NS2"], back / "pusteblume_neu.xlsx",
                                answered=LATE, contacts={"A-GS-NS2": (KOOPERATION, 1)}),
        "A-GS-NS1": fill(sent["A-GS-NS1"], back / "ggs_foerderturm.xlsx", answered=ANSWERED),
        "AMT-JA": fill(sent["AMT-JA"], back / "jugendamt.xlsx", answered=ANSWERED),
        "AMT-FH": fill(sent["AMT-FH"], back / "fruehe_hilfen.xlsx", answered=ANSWERED),
        "A-KIA-ZH": fill(sent["A-KIA-ZH"], back / "kinderarzt.xlsx", answered=ANSWERED),
        "A-TDEV": fill(sent["A-TDEV"], back / "elternverein.xlsx", answered=ANSWERED,
                       new_partners=[{"Name": "Kinderarztpraxis Zechenhohe",
                                      "Art": KOOPERATION}]),
        "A-SSB": fill(sent["A-SSB"], back / "schwangerschaftsberatung.xlsx",
                      answered=ANSWERED),
        "NEU": fill(sent["NEU"], back / "stadtteilmuetter.xlsx", answered=ANSWERED,
                    own={"Name": "Stadtteilmütter Nordstadt", "Sozialraum": "Nordstadt"},
                    contacts={"A-KITA-NS1": (KOOPERATION, 2)}),
    }
    pairs: list[tuple[Path, Path]] = []
    if HAS_SOFFICE:  # one LibreOffice run for both files
        originals = [filled["A-GS-NS1"], filled["AMT-JA"]]
        saved = libreoffice_resave(originals, folder / "libreoffice")
        pairs = list(zip(originals, saved, strict=True))
        filled["A-GS-NS1"], filled["AMT-JA"] = saved
    return Flow(folder, karte, sent, list(filled.values()), pairs)


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed; "
                    "apt-get install -y libreoffice-calc")
def test_a_questionnaire_saved_by_libreoffice_reads_back_the_same(flow: Flow) -> None:
    assert len(flow.libreoffice) == 2
    for original, saved in flow.libreoffice:
        a, b = read_answer(original), read_answer(saved)
        assert (a.partner, a.info) == (b.partner, b.info)
        assert (a.own, a.contacts, a.committees, a.offers, a.new_partners) == \
            (b.own, b.contacts, b.committees, b.offers, b.new_partners)
        assert b.issues == []
        # protection, hidden sheets and dropdowns survive LibreOffice
        wb = load_workbook(saved)
        assert wb["Ihre Kontakte"].protection.sheet
        assert wb["Erhebung"].sheet_state == "hidden"
        assert any(dv.type == "list" for dv in
                   wb["Ihre Kontakte"].data_validations.dataValidation)


def test_the_whole_flow(flow: Flow, capsys: pytest.CaptureFixture[str]) -> None:
    neu, html, xlsx = (flow.folder / n for n in ("neu.xlsx", "rueckmeldung.html",
                                                 "rueckmeldung.xlsx"))
    args = ["zusammenfuehren", str(flow.karte), *map(str, flow.answers), "-o", str(neu),
            "--bericht", str(html), "--entscheidungen", str(xlsx)]
    assert main(args) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "Antworten: 9 übernommen, 1 ersetzt durch eine spätere." in out
    assert "Rücklauf: 8 von 10 (80 %), dazu 1 neue Partner; ohne Antwort: 2." in out

    first = read_excel(neu)
    assert sorted(non_responders(first)) == ["A-FRUEH", "A-QM-NS"]
    assert "NEU-KINDERARZTPRAXIS-ZECHENHOHE" in first
    states = tie_confirmation(first)
    assert _state(states, "A-KITA-NS1", "A-GS-NS1") == "confirmed"
    assert _state(states, "A-KITA-NS1", "A-SSB") == "disagreeing"
    assert _state(states, "A-KITA-NS1", "A-KITA-NS2") == "one_sided"  # matched by name
    assert _state(states, "A-KITA-NS2", "A-GS-NS2") == "unconfirmed"  # the late correction
    # the Kita could not name a partner its questionnaire did not list: unconfirmed
    assert _state(states, "NEU-STADTTEILMUETTER-NORDSTADT", "A-KITA-NS1") == "unconfirmed"

    # the coordinator decides the duplicate in the Rückmeldung and merges again
    wb = load_workbook(xlsx)
    dup = wb["Dubletten"]
    rows = [[c.value for c in r] for r in dup.iter_rows(min_row=2)]
    # best candidate first; a weaker one (another Kinderarztpraxis …höhe) as "möglich"
    assert [(r[0], r[2], r[5]) for r in rows] == [
        ("NEU-KINDERARZTPRAXIS-ZECHENHOHE", "A-KIA-ZH", "wahrscheinlich"),
        ("NEU-KINDERARZTPRAXIS-ZECHENHOHE", "A-KIA-LH", "möglich")]
    dup.cell(2, 9).value = "dieselbe"
    wb.save(xlsx)
    assert main(args) == 0, capsys.readouterr().err
    capsys.readouterr()
    merged, report = validate_excel(neu)
    assert report.ok and merged is not None
    assert "NEU-KINDERARZTPRAXIS-ZECHENHOHE" not in merged
    states = tie_confirmation(merged)
    assert _state(states, "A-TDEV", "A-KIA-ZH") == "one_sided"
    assert "confirmed" in states.values() and "one_sided" in states.values()
    assert main(["pruefen", str(neu)]) == 0
    page = html.read_text(encoding="utf-8")
    assert "Keine offenen Dubletten." in page
    assert "Kinderarztpraxis Zechenhohe" in page and "Ihre Entscheidung: dieselbe" in page
    kept = load_workbook(xlsx)["Dubletten"]
    assert [c.value for c in kept[2]][8] == "dieselbe"

