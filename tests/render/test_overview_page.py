"""The overview page and workbook: the same tables, escaped names, anonymous without any
Kommune name, an offline page, and a folder of maps and reports replaced as a whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from netzkarte import NetworkMap
from netzkarte.analysis.overview import Overview, overview
from netzkarte.datasets.synthetic import synthetic
from netzkarte.errors import InputError
from netzkarte.render import overview as ov_render
from netzkarte.render.overview import (
    anonymous_labels,
    overview_tables,
    render_overview,
    write_overview,
)

HOSTILE = '<script>window.__pwned=1</script>"Ort'


@pytest.fixture(scope="module")
def kreis() -> Overview:
    s = synthetic(1500, seed=6, municipalities=3)
    m: NetworkMap = s.map
    # a Kommune name that tries to break out of the page
    m.set_districts(m.districts.assign(municipality=[
        HOSTILE if v == "Musterstadt 3" else v for v in m.districts["municipality"]]))
    for _, data in m.graph.nodes(data=True):
        if data.get("municipality") == "Musterstadt 3":
            data["municipality"] = HOSTILE
    m._cache.clear()
    return overview(m, progress=False)


def test_page_is_offline_escaped_and_lists_every_kommune(kreis: Overview) -> None:
    page = render_overview(kreis)
    assert "<script>" not in page and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "http://" not in page and "https://" not in page and "src=" not in page
    for k in kreis.kommunen:
        assert f'<th scope="row">{k.name}</th>' in page or k.name == HOSTILE
    assert page.count('<tr>') >= 3 * 5


def test_anonymous_page_and_workbook_name_no_kommune(kreis: Overview, tmp_path: Path) -> None:
    files = write_overview(kreis, tmp_path / "anonym.html", anonymous=True,
                           xlsx=tmp_path / "anonym.xlsx")
    assert files.folder is None and not (tmp_path / "anonym_dateien").exists()
    page = files.page.read_text(encoding="utf-8")
    wb = openpyxl.load_workbook(tmp_path / "anonym.xlsx")
    cells = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows()
                     for c in row if c.value is not None)
    for text in (page, cells):
        assert "Musterstadt" not in text and "pwned" not in text and "Musterkreis" not in text
        assert "Kommune A" in text and "Kommune C" in text


def test_anonymous_letters_do_not_follow_the_alphabet() -> None:
    names = [f"Stadt {chr(65 + i)}" for i in range(26)] + ["Zweiundzwanzig"]
    labels = anonymous_labels(names)
    assert len(set(labels.values())) == 27 and "Kommune AA" in labels.values()
    assert [labels[n] for n in sorted(names)] != sorted(labels.values())


def test_workbook_holds_the_tables_of_the_page(kreis: Overview, tmp_path: Path) -> None:
    files = write_overview(kreis, tmp_path / "uebersicht.html", xlsx=tmp_path / "u.xlsx",
                           details=False)
    assert files.folder is None
    wb = openpyxl.load_workbook(tmp_path / "u.xlsx")
    tables = overview_tables(kreis)
    assert wb.sheetnames == ["Kommunen", "Qualitätsrahmen", "Befunde", "Datenlage",
                             "Kreisebene"]
    for ws, table in zip(wb.worksheets, tables, strict=True):
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
        assert rows == [[c.excel for c in row] for row in table.rows]
    matrix = wb["Qualitätsrahmen"]
    assert [c.value for c in matrix[1]][1:] == [title for _, title in kreis.checks]


def test_details_folder_is_written_next_to_the_page_and_replaced_whole(
        kreis: Overview, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = write_overview(kreis, tmp_path / "uebersicht.html")
    assert files.folder == tmp_path / "uebersicht_dateien"
    written = sorted(p.name for p in files.folder.iterdir())
    assert len(written) == 6 and written[0] == "musterstadt-1_bericht.html"
    page = files.page.read_text(encoding="utf-8")
    assert 'href="uebersicht_dateien/musterstadt-2_karte.html"' in page
    before = {p.name: p.read_bytes() for p in files.folder.iterdir()}

    calls: list[Any] = []

    def broken(*args: Any, **kwargs: Any) -> Path:
        calls.append(args)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return Path(args[1])

    import netzkarte.render.html_map as html_map

    monkeypatch.setattr(html_map, "write_map", broken)
    with pytest.raises(OSError):
        write_overview(kreis, tmp_path / "uebersicht.html")
    assert {p.name: p.read_bytes() for p in files.folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uebersicht.html",
                                                          "uebersicht_dateien"]


def test_a_folder_with_other_files_is_not_replaced(kreis: Overview, tmp_path: Path) -> None:
    folder = tmp_path / "uebersicht_dateien"
    folder.mkdir()
    (folder / "meine_notizen.docx").write_bytes(b"Notizen")
    with pytest.raises(InputError, match="andere Dateien"):
        write_overview(kreis, tmp_path / "uebersicht.html")
    assert not (tmp_path / "uebersicht.html").exists()
    assert [p.name for p in folder.iterdir()] == ["meine_notizen.docx"]


def test_reports_of_the_kommunen_skip_the_figures_unless_asked(
        kreis: Overview, tmp_path: Path) -> None:
    one = kreis.kommunen[0]
    assert ov_render.details_folder(tmp_path / "x.html") == tmp_path / "x_dateien"
    from netzkarte.render.report import render_report

    page = render_report(one.map, result=one.result, include_map=False, figures=False)
    assert 'id="ohne-abbildungen"' in page and "<svg" not in page
    assert "Netzwerkbericht Musterstadt 1" in page
