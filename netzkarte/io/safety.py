"""Guards run before a workbook is parsed: existence, size, zip bombs, row caps.

An ``.xlsx`` file is a zip archive of XML parts. A file of a few kilobytes can unpack to
gigabytes (a "zip bomb"), and a worksheet can declare millions of rows. Administrators send
these files around by e-mail, so every import first checks, cheaply and without parsing
any sheet, that the file is what it claims to be and that reading it stays within
:class:`Limits`. Every refusal is an :class:`~netzkarte.errors.InputError` with a German
message and a stable ``code`` attribute.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "leer.xlsx"
>>> _ = p.write_bytes(b"")
>>> try:
...     check_workbook(p)
... except InputError as err:
...     print(err.code)
file-empty
"""

from __future__ import annotations

import importlib
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from netzkarte.errors import InputError, IssueCode

__all__ = ["Limits", "check_workbook", "foreign_sheets", "is_encrypted", "require_defusedxml",
           "too_many_rows", "workbook_error"]

_MB = 1024 * 1024
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"\$?[A-Z]{1,3}\$?(\d+)"
                        rb"(?::\$?[A-Z]{1,3}\$?(\d+))?\"")
_HEAD_BYTES = 8192  # the <dimension> element sits in the first few hundred bytes
_XML_PART_BYTES = 2 * _MB  # workbook.xml and its rels are small; never read more
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (BIFF) and other OLE files
_SAVE_AS = ("Bitte öffnen Sie die Datei in Excel oder LibreOffice und speichern Sie sie als "
            ".xlsx-Arbeitsmappe (Datei → Speichern unter → Excel-Arbeitsmappe (.xlsx)).")


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds for one imported workbook.

    Parameters
    ----------
    max_file_bytes : int
        Size of the file on disk (default 50 MB). A Kreis-scale workbook of 15,000 nodes
        is about 2–3 MB; 50 MB leaves room for pictures and formatting while keeping a
        mistaken upload (a video, a database dump) from being read into memory.
    max_uncompressed_bytes : int
        Summed uncompressed size of all zip members (default 300 MB). Real workbooks
        unpack to 5–15× their size; this stops zip bombs before anything is unpacked.
    max_rows : int
        Rows per sheet, header included (default 250,000). The largest plan (60,000 nodes of a
        state programme, docs/grundlagen.md) stays far below; a sheet
        with a million rows is almost always a formatting accident that would only waste
        minutes of parsing.

    Examples
    --------
    >>> Limits(max_rows=1000).max_rows
    1000
    """

    max_file_bytes: int = 50 * _MB
    max_uncompressed_bytes: int = 300 * _MB
    max_rows: int = 250_000


def workbook_error(code: IssueCode, message: str) -> InputError:
    """An :class:`InputError` with a stable ``code``.

    >>> workbook_error(IssueCode.FILE_EMPTY, "Die Datei ist leer.").code
    <IssueCode.FILE_EMPTY: 'file-empty'>
    """
    return InputError(message, code)


def require_defusedxml() -> None:
    """Make sure ``defusedxml`` is importable (openpyxl then parses XML safely).

    openpyxl switches to defusedxml automatically when it is installed, which blocks
    entity-expansion ("billion laughs") and external-entity attacks in hostile workbooks.

    Raises
    ------
    InputError
        If ``defusedxml`` is missing.

    Examples
    --------
    >>> require_defusedxml()
    """
    try:
        importlib.import_module("defusedxml")
    except ImportError:
        raise workbook_error(
            IssueCode.DEFUSEDXML_MISSING,
            "Das Paket „defusedxml“ fehlt; ohne es werden Excel-Dateien nicht sicher gelesen. "
            "Installieren Sie netzkarte neu (pip install netzkarte) oder führen Sie "
            "„pip install defusedxml“ aus.") from None


# Directory entry of a compound file: the name in UTF-16LE, zero-padded to 64 bytes, then its
# length in bytes including the terminating zero. Excel stores a password-protected .xlsx as
# a compound file with the streams "EncryptionInfo" and "EncryptedPackage" (MS-OFFCRYPTO).
_ENCRYPTED_STREAMS = tuple((name.encode("utf-16-le") + b"\0\0", (len(name) + 1) * 2)
                           for name in ("EncryptedPackage", "EncryptionInfo"))


def is_encrypted(path: str | os.PathLike[str]) -> bool:
    """Is ``path`` a password-protected (encrypted) Office document?

    Looks for a directory entry named ``EncryptedPackage`` or ``EncryptionInfo`` in the
    compound file: entries are 128 bytes, aligned to 128 bytes after the 512-byte header,
    with the name's byte length at offset 64. Called only for files that start with the
    compound-file signature; the file is within the size limit by then.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "alt.xls"
    >>> _ = p.write_bytes(_OLE_MAGIC + bytes(1016))
    >>> is_encrypted(p)
    False
    """
    data = Path(path).read_bytes()
    for name, length in _ENCRYPTED_STREAMS:
        at = data.find(name, 512)
        while at != -1:
            if at % 128 == 0 and int.from_bytes(data[at + 64:at + 66], "little") == length:
                return True
            at = data.find(name, at + 1)
    return False


def _not_a_workbook(path: Path, head: bytes) -> InputError:
    if head.startswith(_OLE_MAGIC) and is_encrypted(path):
        return workbook_error(
            IssueCode.ENCRYPTED_WORKBOOK,
            f"„{path.name}“ ist mit einem Passwort geschützt (verschlüsselt); netzkarte kann "
            "die Daten darin nicht lesen. Öffnen Sie die Datei in Excel, entfernen Sie das "
            "Kennwort (Datei → Informationen → Arbeitsmappe schützen → Mit Kennwort "
            "verschlüsseln, Feld leeren) und speichern Sie sie erneut. In LibreOffice: Datei → "
            "Speichern unter, „Mit Kennwort speichern“ abwählen.")
    if head.startswith(_OLE_MAGIC):
        what = "eine alte Excel-Datei (.xls) oder ein anderes Office-Format"
    elif head.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
        what = "eine HTML- oder XML-Datei"
    elif b"\x00" not in head:
        what = "eine Textdatei (z. B. CSV)"
    else:
        what = "keine Excel-Arbeitsmappe"
    return workbook_error(
        IssueCode.NOT_A_WORKBOOK,
        f"„{path.name}“ ist {what}, keine .xlsx-Arbeitsmappe. {_SAVE_AS}")


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Map worksheet part names (``xl/worksheets/sheet1.xml``) to sheet names."""
    from defusedxml import ElementTree  # type: ignore[import-untyped]

    names: dict[str, str] = {}
    try:
        book = _bounded_read(zf, "xl/workbook.xml", _XML_PART_BYTES)
        rels = _bounded_read(zf, "xl/_rels/workbook.xml.rels", _XML_PART_BYTES)
        targets: dict[str, str] = {}
        for rel in ElementTree.fromstring(rels):
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            targets[rel.get("Id", "")] = str(PurePosixPath(part))
        for element in ElementTree.fromstring(book).iter():
            if element.tag.endswith("}sheet"):
                rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
                if rid in targets:
                    names[targets[rid]] = element.get("name", targets[rid])
    except Exception:  # names only improve the message; fall back to part names
        return {}
    return names


def _bounded_read(zf: zipfile.ZipFile, member: str, limit: int) -> bytes:
    with zf.open(member) as fh:
        return fh.read(limit)


def check_workbook(path: str | os.PathLike[str], limits: Limits | None = None) -> None:
    """Check that ``path`` is a readable ``.xlsx`` within ``limits``, without parsing it.

    Reads only the zip directory and the first bytes of each worksheet (its declared
    ``<dimension>``). The declared dimension can be wrong or missing, so the importer
    also caps the rows it actually reads (:func:`netzkarte.io.excel.read_tables`).

    Parameters
    ----------
    path : str or path-like
        The workbook.
    limits : Limits, optional
        Upper bounds; defaults to ``Limits()``.

    Raises
    ------
    InputError
        With ``code`` ``file-missing``, ``file-empty``, ``not-a-workbook``,
        ``encrypted-workbook``, ``file-too-large``, ``zip-too-large`` or ``too-many-rows``
        and a German message.

    Examples
    --------
    >>> try:
    ...     check_workbook("gibt-es-nicht.xlsx")
    ... except InputError as err:
    ...     print(err.code)
    file-missing
    """
    limits = limits or Limits()
    p = Path(path)
    if not p.is_file():
        hint = " (das ist ein Ordner)" if p.is_dir() else ""
        raise workbook_error(IssueCode.FILE_MISSING,
                             f"Die Datei „{p}“ gibt es nicht{hint}. Prüfen Sie Pfad und "
                             "Dateinamen.")
    size = p.stat().st_size
    if size == 0:
        raise workbook_error(IssueCode.FILE_EMPTY,
                             f"Die Datei „{p.name}“ ist leer (0 Byte). Speichern Sie die "
                             "Arbeitsmappe in Excel erneut.")
    if size > limits.max_file_bytes:
        raise workbook_error(
            IssueCode.FILE_TOO_LARGE,
            f"Die Datei „{p.name}“ ist {size / _MB:.1f} MB groß; erlaubt sind "
            f"{limits.max_file_bytes / _MB:.0f} MB. Entfernen Sie Bilder und nicht benötigte "
            "Blätter oder teilen Sie die Daten auf.")
    with p.open("rb") as fh:
        head = fh.read(512)
    if not zipfile.is_zipfile(p):
        raise _not_a_workbook(p, head)
    try:
        with zipfile.ZipFile(p) as zf:
            _check_archive(zf, p, limits)
    except zipfile.BadZipFile:
        raise workbook_error(IssueCode.NOT_A_WORKBOOK,
                             f"„{p.name}“ ist beschädigt und lässt sich nicht öffnen. "
                             f"{_SAVE_AS}") from None


def _check_archive(zf: zipfile.ZipFile, p: Path, limits: Limits) -> None:
    infos = zf.infolist()
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        raise workbook_error(
            IssueCode.NOT_A_WORKBOOK,
            f"„{p.name}“ ist ein ZIP-Archiv oder ein anderes Dokument (z. B. .docx oder .ods), "
            f"aber keine Excel-Arbeitsmappe. {_SAVE_AS}")
    total = sum(i.file_size for i in infos)
    if total > limits.max_uncompressed_bytes:
        raise workbook_error(
            IssueCode.ZIP_TOO_LARGE,
            f"„{p.name}“ würde entpackt {total / _MB:.0f} MB belegen; erlaubt sind "
            f"{limits.max_uncompressed_bytes / _MB:.0f} MB. Die Datei ist entweder beschädigt "
            "oder enthält sehr große eingebettete Inhalte: Speichern Sie nur die Tabellen in "
            "einer neuen Arbeitsmappe.")
    sheets = [i.filename for i in infos
              if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]
    if not sheets:
        return
    labels: dict[str, Any] = _sheet_names(zf)
    for member in sheets:
        head = _bounded_read(zf, member, _HEAD_BYTES)
        match = _DIMENSION.search(head)
        if match is None:
            continue  # no declaration: the row cap while reading still applies
        last_row = int(match.group(2) or match.group(1))
        if last_row > limits.max_rows:
            name = labels.get(member, PurePosixPath(member).stem)
            raise too_many_rows(str(name), last_row, limits)


def foreign_sheets(path: str | os.PathLike[str]) -> list[str]:
    """Names of the sheets of a workbook that are not part of the template.

    Reads only the workbook part; an unreadable file gives ``[]``.

    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "eigen.xlsx"
    >>> wb = openpyxl.Workbook(); wb.active.title = "Akteure"
    >>> _ = wb.create_sheet("Notizen"); wb.save(p)
    >>> foreign_sheets(p)
    ['Notizen']
    """
    from netzkarte.schema import SHEET_ORDER
    from netzkarte.vocab import fold

    known = {fold(name) for name in SHEET_ORDER}
    try:
        with zipfile.ZipFile(path) as zf:
            names = list(_sheet_names(zf).values())
    except (OSError, zipfile.BadZipFile):
        return []
    return [name for name in names if fold(name) not in known]


def too_many_rows(sheet: str, rows: int, limits: Limits) -> InputError:
    """The German ``too-many-rows`` error for one sheet."""
    return workbook_error(
        IssueCode.TOO_MANY_ROWS,
        f"Das Blatt „{sheet}“ reicht bis Zeile {rows:,}".replace(",", ".")
        + f"; erlaubt sind {limits.max_rows:,} Zeilen je Blatt. ".replace(",", ".")
        + "Oft sind leere, aber formatierte Zeilen am Ende schuld: Markieren Sie die Zeilen "
          "unter den Daten, löschen Sie sie (Zeilen löschen, nicht nur Inhalt) und speichern "
          "Sie erneut.")
