"""Guards before parsing: missing, empty and foreign files, zip bombs, row caps, defusedxml."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import openpyxl.xml
import pytest
from xlsx_helpers import as_rows, base_sheets, write_base, write_workbook

from netzkarte import InputError
from netzkarte.io.excel import read_excel, read_tables, validate_excel
from netzkarte.io.safety import Limits, check_workbook, require_defusedxml

SAVE_AS = "speichern Sie sie als .xlsx"


def _code(path: Path, limits: Limits | None = None) -> tuple[str, str]:
    with pytest.raises(InputError) as caught:
        read_excel(path, limits=limits)
    return caught.value.code, str(caught.value)


def _small(tmp_path: Path, rows: int = 30) -> Path:
    table: list[list[object]] = [["ID", "Name"]]
    table += [[f"A{i}", f"N{i}"] for i in range(rows - 1)]
    return write_workbook(tmp_path / "klein.xlsx", {"Akteure": table})


def test_missing_file(tmp_path: Path) -> None:
    code, message = _code(tmp_path / "gibtsnicht.xlsx")
    assert code == "file-missing" and "gibt es nicht" in message and "Prüfen Sie" in message


def test_folder_instead_of_file(tmp_path: Path) -> None:
    code, message = _code(tmp_path)
    assert code == "file-missing" and "Ordner" in message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "leer.xlsx"
    path.write_bytes(b"")
    code, message = _code(path)
    assert code == "file-empty" and "leer" in message


def test_csv_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "akteure.xlsx"
    path.write_text("ID;Name\nA-1;Kita Nord\n", encoding="utf-8")
    code, message = _code(path)
    assert code == "not-a-workbook" and "Textdatei" in message and SAVE_AS in message


def test_old_xls_renamed(tmp_path: Path) -> None:
    path = tmp_path / "alt.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    code, message = _code(path)
    assert code == "not-a-workbook" and ".xls" in message and SAVE_AS in message


def test_other_zip_document(tmp_path: Path) -> None:
    path = tmp_path / "brief.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    code, message = _code(path)
    assert code == "not-a-workbook" and "keine Excel-Arbeitsmappe" in message


def test_truncated_workbook(tmp_path: Path) -> None:
    good = write_base(tmp_path / "gut.xlsx")
    path = tmp_path / "kaputt.xlsx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    code, message = _code(path)
    assert code == "not-a-workbook" and SAVE_AS in message


def test_broken_workbook_xml(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook><sheets>")
    code, message = _code(path)
    assert code == "not-a-workbook" and SAVE_AS in message


def test_file_too_large(tmp_path: Path) -> None:
    path = write_base(tmp_path / "gross.xlsx")
    code, message = _code(path, Limits(max_file_bytes=1000))
    assert code == "file-too-large" and "erlaubt sind" in message


def _bomb(path: Path, megabytes: int) -> Path:
    """A workbook-looking zip with one huge, highly compressible member."""
    chunk = b"\x00" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/media/image1.bin", "w") as fh:
            for _ in range(megabytes):
                fh.write(chunk)
    return path


def test_zip_bomb_with_default_limits(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "bombe.xlsx", 310)
    assert path.stat().st_size < 2 * 1024 * 1024  # small on disk …
    code, message = _code(path)  # … but refused before anything is unpacked
    assert code == "zip-too-large" and "310 MB" in message


def test_zip_bomb_with_small_limit(tmp_path: Path) -> None:
    code, _ = _code(_bomb(tmp_path / "bombe.xlsx", 3), Limits(max_uncompressed_bytes=2 * 2**20))
    assert code == "zip-too-large"


def test_declared_rows_over_the_cap(tmp_path: Path) -> None:
    code, message = _code(_small(tmp_path, rows=30), Limits(max_rows=10))
    assert code == "too-many-rows"
    assert "„Akteure“ reicht bis Zeile 30" in message and "Zeilen löschen" in message


def test_declared_dimension_of_a_million_rows(tmp_path: Path) -> None:
    path = _rewrite_dimension(write_base(tmp_path / "k.xlsx"), "A1:P1048576")
    with pytest.raises(InputError) as caught:
        check_workbook(path)
    assert caught.value.code == "too-many-rows" and "1.048.576" in str(caught.value)


def test_lying_dimension_is_not_trusted(tmp_path: Path) -> None:
    path = _rewrite_dimension(_small(tmp_path, rows=30), "A1:B2")
    check_workbook(path, Limits(max_rows=10))  # the declaration passes …
    code, message = _code(path, Limits(max_rows=10))  # … the rows actually read do not
    assert code == "too-many-rows" and "Akteure" in message


def test_rows_at_the_cap_are_fine(tmp_path: Path) -> None:
    tables = read_tables(_small(tmp_path, rows=10), limits=Limits(max_rows=10))
    assert len(tables.sheets["Akteure"]) == 9


def _rewrite_dimension(path: Path, ref: str) -> Path:
    out = path.with_name("umgeschrieben.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(),
                              data)
            dst.writestr(info, data)
    return out


def test_openpyxl_parses_xml_with_defusedxml() -> None:
    assert openpyxl.xml.DEFUSEDXML is True
    require_defusedxml()


def test_missing_defusedxml_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def fake(name: str, package: str | None = None) -> object:
        if name == "defusedxml":
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", fake)
    with pytest.raises(InputError) as caught:
        require_defusedxml()
    assert caught.value.code == "defusedxml-missing" and "pip install" in str(caught.value)


def test_validate_excel_still_raises_input_error_for_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        validate_excel(tmp_path / "nichts.xlsx")


def test_reading_imports_no_openpyxl_and_no_heavy_libraries(tmp_path: Path) -> None:
    data = base_sheets()
    path = write_workbook(tmp_path / "k.xlsx", {n: as_rows(r) for n, r in data.items()})
    code = ("import sys, netzkarte.io.excel as x; m = x.read_excel(sys.argv[1]); "
            "print(len(m), sorted(k for k in sys.modules if k.split('.')[0] in "
            "{'openpyxl', 'matplotlib', 'igraph', 'pyvis'}))")
    run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                         text=True, check=True, cwd=Path(__file__).resolve().parents[2])
    assert run.stdout.split() == ["10", "[]"]
