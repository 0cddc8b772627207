"""Read a returned questionnaire: who answered, when, and every row they filled in.

The partner is recognised by the file's content, never by its name: first the hidden sheet
*Erhebung*, then the custom document properties, then the *ID* row of *Ihre Einrichtung*.
Columns are found by their header wherever they stand (a partner may reorder them); a header
row moved down by inserted rows is found too. Problems never raise: each becomes an
:class:`~netzkarte.errors.Issue` with the answer's sheet and row. An ``error`` means a part
of the answer cannot be used (a missing sheet or column); only an unreadable file raises
:class:`~netzkarte.errors.InputError`.

The time of the answer is, in this order: the date in *Ausgefüllt am* (with the time of the
last save when it is the same day), the time the file was last saved (document property),
the file's modification time.

>>> import tempfile, pathlib
>>> from netzkarte import NetworkMap
>>> from netzkarte.survey.questionnaire import write_questionnaire
>>> m = NetworkMap("Kindertal")
>>> m.add_node("K1", "actor", name="Kita Sonnenschein", category="Kita")
>>> m.add_node("GS", "actor", name="Grundschule am Park", category="Grundschule")
>>> answer = read_answer(write_questionnaire(m, "K1", pathlib.Path(tempfile.mkdtemp()) / "x.xlsx"))
>>> answer.partner, answer.municipality, [r.cells["ID"] for r in answer.contacts]
('K1', 'Kindertal', ['GS'])
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from netzkarte.errors import InputError, Issue, IssueCode
from netzkarte.io.cells import cell_text, is_blank, parse_date
from netzkarte.io.safety import Limits, check_workbook, require_defusedxml, workbook_error
from netzkarte.schema import sheet
from netzkarte.survey.layout import (
    COMMITTEE_HEADERS,
    COMMITTEES_SHEET,
    CONTACT_HEADERS,
    CONTACTS_SHEET,
    FORMAT,
    INFO_SHEET,
    NEW_EXTRA_HEADERS,
    NEW_SHEET,
    OFFER_HEADERS,
    OFFERS_SHEET,
    OWN_FILLED,
    OWN_HEADERS,
    OWN_SHEET,
)
from netzkarte.vocab import fold

__all__ = ["Answer", "AnswerRow", "OwnField", "load_rows", "open_answer", "partner_id_from_text",
           "read_answer"]

_HEADER_SCAN = 12  # rows searched for the header row
_REQUIRED: dict[str, tuple[str, ...]] = {
    OWN_SHEET: ("Feld", "Ihre Angabe"),
    CONTACTS_SHEET: ("ID", "Name", "Art"),
    COMMITTEES_SHEET: ("ID", "Name", "Mitglied"),
    OFFERS_SHEET: ("ID", "Name"),
    NEW_SHEET: ("Name",),
}
_HEADERS: dict[str, tuple[str, ...]] = {
    OWN_SHEET: OWN_HEADERS,
    CONTACTS_SHEET: CONTACT_HEADERS,
    COMMITTEES_SHEET: COMMITTEE_HEADERS,
    OFFERS_SHEET: OFFER_HEADERS,
    NEW_SHEET: (*sheet("Akteure").headers, *NEW_EXTRA_HEADERS),
}
_GIVEN: dict[str, tuple[str, ...]] = {
    CONTACTS_SHEET: ("ID", "Name", "Handlungsfeld", "Sozialraum"),
    COMMITTEES_SHEET: ("ID", "Name", "Gremientyp", "Sozialraum"),
    OFFERS_SHEET: ("ID",),
}
_NS_CORE = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            "dcterms": "http://purl.org/dc/terms/"}
_NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_ID_IN_BRACKETS = re.compile(r"\(([^()]+)\)\s*$")


@dataclass
class AnswerRow:
    """One filled row: its sheet and Excel row, cells by header, extra columns by header."""

    sheet: str
    row: int
    cells: dict[str, object]
    extra: dict[str, object] = field(default_factory=dict)

    def text(self, header: str) -> str | None:
        """The cell as stripped text (``None`` if empty)."""
        return cell_text(self.cells.get(header))


@dataclass
class OwnField:
    """One row of *Ihre Einrichtung*: field, what the map said, what the partner says."""

    field: str
    before: object
    answer: object
    row: int

    @property
    def changed(self) -> bool:
        """Whether the partner changed the pre-filled value."""
        return fold(cell_text(self.before) or "") != fold(cell_text(self.answer) or "")


@dataclass
class Answer:
    """A returned questionnaire, read but not yet merged.

    ``info`` holds the facts of the hidden sheet *Erhebung* (or the document properties):
    ``Kommune``, ``Stand``, ``Partner-ID``, ``Erstellt`` … ``partner`` is the answering
    partner's id (``None`` for the blank questionnaire), ``answered`` the time of the
    answer. ``issues`` are the problems found while reading (sheet, row, message).
    """

    source: str
    info: dict[str, str]
    partner: str | None
    answered: datetime
    own: list[OwnField] = field(default_factory=list)
    contacts: list[AnswerRow] = field(default_factory=list)
    committees: list[AnswerRow] = field(default_factory=list)
    offers: list[AnswerRow] = field(default_factory=list)
    new_partners: list[AnswerRow] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    columns: dict[str, set[str]] = field(default_factory=dict)
    """Per sheet: the known headers the answer has (a deleted column is not "emptied")."""
    unusable: set[str] = field(default_factory=set)
    """Sheets that could not be read (missing, or a required column missing)."""
    order: int = 0
    """Position on the command line (breaks ties between answers of the same time)."""
    path: Path | None = None

    def release(self) -> None:
        """Drop the rows once merged (a merge of many answers keeps one in memory)."""
        self.contacts, self.committees, self.offers, self.new_partners = [], [], [], []

    @property
    def municipality(self) -> str:
        """The Kommune of the map the questionnaire was written for."""
        return self.info.get("Kommune", "")

    @property
    def blank(self) -> bool:
        """The blank questionnaire for new partners."""
        return self.partner is None

    def own_value(self, name: str) -> OwnField | None:
        """The row of *Ihre Einrichtung* for one field, if present."""
        key = fold(name)
        return next((f for f in self.own if fold(f.field) == key), None)

    def problem(self, code: IssueCode, message: str, sheet_name: str | None = None,
                row: int | None = None, column: str | None = None, value: Any = None,
                *, error: bool = False) -> None:
        """Record a problem of this answer."""
        self.issues.append(Issue(code, message, sheet_name, row, column, value,
                                 "error" if error else "warning"))


def _local(stamp: datetime) -> datetime:
    if stamp.tzinfo is None:
        return stamp
    return stamp.astimezone().replace(tzinfo=None)


def _xml_props(path: Path) -> tuple[dict[str, str], datetime | None, datetime | None]:
    """Custom properties (``netzkarte …``), created and modified from the docProps parts."""
    from defusedxml import ElementTree  # type: ignore[import-untyped]

    custom: dict[str, str] = {}
    created = modified = None
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if "docProps/custom.xml" in names:
            root = ElementTree.fromstring(zf.read("docProps/custom.xml")[:1 << 20])
            for prop in root.findall(f"{{{_NS_CUSTOM}}}property"):
                name = prop.get("name") or ""
                if name.startswith("netzkarte ") and len(prop):
                    custom[name.removeprefix("netzkarte ")] = (prop[0].text or "").strip()
        if "docProps/core.xml" in names:
            root = ElementTree.fromstring(zf.read("docProps/core.xml")[:1 << 20])
            for tag, target in (("created", "c"), ("modified", "m")):
                node = root.find(f"dcterms:{tag}", _NS_CORE)
                if node is None or not (node.text or "").strip():
                    continue
                try:
                    stamp = _local(datetime.fromisoformat(node.text.strip().replace("Z",
                                                                                   "+00:00")))
                except ValueError:
                    continue
                if target == "c":
                    created = stamp
                else:
                    modified = stamp
    return custom, created, modified


def _filled(value: object) -> bool:
    """A non-empty cell (calamine gives ``""`` for empty ones; text of spaces is empty)."""
    if value is None or value == "":
        return False
    if value.__class__ is str:
        return not value.isspace()
    return not is_blank(value)


def _find_sheet(book: Any, name: str) -> str | None:
    wanted = fold(name)
    return next((s for s in book.sheet_names if fold(s) == wanted), None)


def _header_row(rows: list[list[Any]], required: Sequence[str]) -> int | None:
    keys = {fold(r) for r in required}
    for i, row in enumerate(rows[:_HEADER_SCAN]):
        found = {fold(cell_text(c) or "") for c in row}
        if keys <= found:
            return i
    return None


def _table(answer: Answer, book: Any, name: str) -> list[AnswerRow] | None:
    """The rows of one data sheet, or ``None`` when it cannot be read."""
    actual = _find_sheet(book, name)
    if actual is None:
        answer.unusable.add(name)
        answer.problem(IssueCode.MISSING_SHEET, f"Das Blatt „{name}“ fehlt im Fragebogen; seine "
                       "Angaben fehlen deshalb. Bitten Sie den Partner, den Fragebogen "
                       "vollständig zurückzuschicken.", name, error=True)
        return None
    rows: list[list[Any]] = book.get_sheet_by_name(actual).to_python(skip_empty_area=False)
    required = _REQUIRED[name]
    at = _header_row(rows, required)
    if at is None:
        present = {fold(cell_text(c) or "") for r in rows[:_HEADER_SCAN] for c in r}
        missing = [h for h in required if fold(h) not in present]
        answer.unusable.add(name)
        answer.problem(IssueCode.MISSING_COLUMN, f"Im Blatt „{name}“ fehlt die Spalte "
                       f"{', '.join(f'„{h}“' for h in missing)}; das Blatt kann nicht gelesen "
                       "werden. Stellen Sie die Spalte mit dieser Überschrift wieder her (sie "
                       "steht in jedem Fragebogen) und führen Sie erneut zusammen.", name,
                       error=True)
        return None
    known = {fold(h): h for h in _HEADERS[name]}
    columns: list[tuple[int, str, bool]] = []  # index, header, known
    seen: set[str] = set()
    for j, cell in enumerate(rows[at]):
        text = cell_text(cell)
        if text is None:
            continue
        header = known.get(fold(text))
        if header is not None and header not in seen:
            seen.add(header)
            columns.append((j, header, True))
        else:
            columns.append((j, text, False))
    answer.columns[name] = seen
    for header in _HEADERS[name]:
        if header not in seen and header not in required and name != NEW_SHEET:
            answer.problem(IssueCode.MISSING_COLUMN,
                           f"Im Blatt „{name}“ fehlt die Spalte „{header}“; "
                           "die übrigen Spalten werden gelesen.", name, at + 1, header)
    out: list[AnswerRow] = []
    known_columns = [(j, h) for j, h, is_known in columns if is_known]
    extra_columns = [(j, h) for j, h, is_known in columns if not is_known]
    for i in range(at + 1, len(rows)):
        row = rows[i]
        width = len(row)
        cells = {h: v for j, h in known_columns if j < width and _filled(v := row[j])}
        extra = {h: v for j, h in extra_columns if j < width and _filled(v := row[j])}
        if cells or extra:
            out.append(AnswerRow(name, i + 1, cells, extra))
    return out


def _own(answer: Answer, book: Any) -> None:
    rows = _table(answer, book, OWN_SHEET)
    for row in rows or ():
        label = row.text("Feld")
        if label is None:
            continue
        answer.own.append(OwnField(label, row.cells.get("Bisher"),
                                   row.cells.get("Ihre Angabe"), row.row))


def _info(book: Any) -> dict[str, str]:
    actual = _find_sheet(book, INFO_SHEET)
    if actual is None:
        return {}
    info: dict[str, str] = {}
    for row in book.get_sheet_by_name(actual).to_python(skip_empty_area=False)[:50]:
        if len(row) >= 2 and cell_text(row[0]):
            info[str(cell_text(row[0]))] = cell_text(row[1]) or ""
    return info


def _answered(answer: Answer, created: datetime | None, modified: datetime | None,
              path: Path) -> datetime:
    saved = modified or datetime.fromtimestamp(path.stat().st_mtime, UTC).astimezone(
        ).replace(tzinfo=None)
    filled = answer.own_value(OWN_FILLED)
    if filled is not None and not is_blank(filled.answer):
        day, _ = parse_date(filled.answer)
        if day is None:
            answer.problem(IssueCode.BAD_DATE,
                           f"„{cell_text(filled.answer)}“ ist kein Datum; als Zeit "
                           "der Antwort gilt die letzte Speicherung der Datei.", OWN_SHEET,
                           filled.row, "Ihre Angabe", filled.answer)
        elif isinstance(day, date):
            return saved if saved.date() == day else datetime(day.year, day.month, day.day)
    del created
    return saved.replace(microsecond=0)


def _open(p: Path, limits: Limits | None) -> Any:
    from python_calamine import CalamineWorkbook

    require_defusedxml()
    check_workbook(p, limits or Limits())
    try:
        return CalamineWorkbook.from_path(os.fspath(p))
    except Exception as err:  # calamine raises its own error types
        raise workbook_error(IssueCode.NOT_A_WORKBOOK, f"„{p.name}“ lässt sich nicht als "
                             f"Excel-Arbeitsmappe lesen ({err}). Bitten Sie den Partner, die "
                             "Datei in Excel oder LibreOffice zu öffnen und erneut als .xlsx "
                             "zu speichern.") from None


def open_answer(path: str | os.PathLike[str], *, order: int = 0,
                limits: Limits | None = None) -> Answer:
    """Read who answered and when (hidden sheet, properties, *Ihre Einrichtung*).

    The rows of the other sheets are read by :func:`load_rows`; a merge of hundreds of
    answers keeps only one answer's rows in memory at a time.

    Raises
    ------
    InputError
        The file cannot be read at all (missing, no ``.xlsx``, damaged, too large) or is
        no questionnaire of netzkarte.
    """
    p = Path(path)
    book = _open(p, limits)
    try:
        custom, created, modified = _xml_props(p)
    except (OSError, zipfile.BadZipFile, ValueError) as err:
        raise workbook_error(IssueCode.NOT_A_WORKBOOK,
                             f"„{p.name}“ lässt sich nicht lesen ({err}). "
                             "Bitten Sie den Partner, die Datei erneut als .xlsx zu "
                             "speichern.") from None
    info = _info(book) or dict(custom)
    for key, value in custom.items():
        info.setdefault(key, value)
    has_sheets = _find_sheet(book, CONTACTS_SHEET) or _find_sheet(book, OWN_SHEET)
    if not info and not has_sheets:
        template = _find_sheet(book, "Akteure") and _find_sheet(book, "Beziehungen")
        what = ("eine Netzwerkkarte (ausgefüllte Vorlage), kein Fragebogen. Geben Sie sie als "
                "erste Datei an, die Fragebögen danach" if template else
                "kein Fragebogen der Bestandsaufnahme (es fehlen die Blätter „Ihre "
                "Einrichtung“ und „Ihre Kontakte“)")
        raise InputError(f"„{p.name}“ ist {what}.", IssueCode.NOT_A_QUESTIONNAIRE)
    answer = Answer(p.name, info, None, datetime.min, order=order, path=p)
    if info.get("Format") and info["Format"] != FORMAT:
        answer.problem(IssueCode.UNKNOWN_FORMAT,
                       f"Der Fragebogen hat das Format „{info['Format']}“; "
                       f"erwartet wird „{FORMAT}“. Gelesen wird, was passt.")
    _own(answer, book)
    partner = info.get("Partner-ID") or None
    id_row = answer.own_value("ID")
    own_id = (cell_text(id_row.before) or cell_text(id_row.answer)) if id_row else None
    if partner is None and own_id:
        partner = own_id
    elif partner and own_id and fold(own_id) != fold(partner):
        answer.problem(IssueCode.PARTNER_MISMATCH,
                       f"Das versteckte Blatt nennt die ID „{partner}“, "
                       f"das Blatt „{OWN_SHEET}“ die ID „{own_id}“. Gelesen wird „{partner}“; "
                       "prüfen Sie, ob Blätter aus einem anderen Fragebogen eingefügt wurden.",
                       OWN_SHEET, id_row.row if id_row else None, "Bisher", own_id)
    answer.partner = partner
    answer.answered = _answered(answer, created, modified, p)
    return answer


def load_rows(answer: Answer, *, limits: Limits | None = None) -> Answer:
    """Read the rows of *Ihre Kontakte*, *Ihre Gremien*, *Ihre Angebote*, *Neue Partner*."""
    if answer.path is None:
        return answer
    book = _open(answer.path, limits)
    answer.contacts = _table(answer, book, CONTACTS_SHEET) or []
    answer.committees = _table(answer, book, COMMITTEES_SHEET) or []
    answer.offers = _table(answer, book, OFFERS_SHEET) or []
    answer.new_partners = _table(answer, book, NEW_SHEET) or []
    return answer


def read_answer(path: str | os.PathLike[str], *, order: int = 0,
                limits: Limits | None = None) -> Answer:
    """Read one returned questionnaire completely (:func:`open_answer`, :func:`load_rows`).

    Parameters
    ----------
    path : str or PathLike
        The ``.xlsx`` file the partner sent back (any name).
    order : int, default 0
        Position among the answers of one merge (the later wins at the same time).
    limits : Limits, optional
        Size and row caps of the importer.

    Returns
    -------
    Answer

    Raises
    ------
    InputError
        The file cannot be read at all or is no questionnaire of netzkarte.
    """
    return load_rows(open_answer(path, order=order, limits=limits), limits=limits)


def partner_id_from_text(text: str) -> str:
    """``"Caritasverband (A-CARITAS)"`` → ``"A-CARITAS"``; other text unchanged."""
    match = _ID_IN_BRACKETS.search(text)
    return match.group(1).strip() if match else text.strip()
