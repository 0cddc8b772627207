"""The exception family and the validation report.

Validation never stops at the first problem (frictionless style): every problem becomes an
:class:`Issue` with sheet, Excel row, column, value, a stable :class:`IssueCode` and a German
message that says how to fix it; :class:`ValidationError` is raised once, at the end, carrying
the whole :class:`ValidationReport`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

__all__ = [
    "EndpointError",
    "InputError",
    "Issue",
    "IssueCode",
    "NetzkarteError",
    "OptionError",
    "UnknownNodeError",
    "UnknownValueError",
    "ValidationError",
    "ValidationReport",
]

Severity = Literal["error", "warning"]


class IssueCode(StrEnum):
    """The stable code of every problem netzkarte reports (:attr:`Issue.code`,
    :attr:`InputError.code`).

    The value is the string scripts see in ``netzkarte pruefen --json``; it does not change
    between versions. Each member is explained in German in the code tables of
    ``docs/vorlage.md`` (a test holds the two together). Being a ``str``, a member compares
    equal to its value and is written as it by ``json.dumps``.

    >>> IssueCode.DUPLICATE_ID == "duplicate-id", IssueCode("unknown-reference").name
    (True, 'UNKNOWN_REFERENCE')
    """

    # --- the file cannot be read (InputError, exit code 2) ------------------------------------
    FILE_MISSING = "file-missing"
    """There is no file (or folder) at the path."""
    FILE_EMPTY = "file-empty"
    """The file has 0 bytes."""
    NOT_A_FILE = "not-a-file"
    """The path is a folder where a file is needed."""
    NOT_A_WORKBOOK = "not-a-workbook"
    """Not an .xlsx workbook (old .xls, CSV, renamed or damaged file)."""
    ENCRYPTED_WORKBOOK = "encrypted-workbook"
    """The workbook is encrypted with a password."""
    FILE_TOO_LARGE = "file-too-large"
    """The file is larger than the reader allows (or than memory holds)."""
    ZIP_TOO_LARGE = "zip-too-large"
    """Unpacked, the workbook would be disproportionately large (a zip bomb)."""
    TOO_MANY_ROWS = "too-many-rows"
    """A sheet has more rows than the reader allows."""
    DEFUSEDXML_MISSING = "defusedxml-missing"
    """The installation lacks defusedxml, without which no workbook is read."""
    UNKNOWN_FORMAT = "unknown-format"
    """A file suffix (or questionnaire format) netzkarte cannot read or write."""
    EMPTY_FOLDER = "empty-folder"
    """A folder given as input holds no .xlsx or .json file."""
    NOT_JSON = "not-json"
    """A .json file that is not valid UTF-8 JSON."""
    WRONG_SCHEMA = "wrong-schema"
    """JSON that is no netzkarte export, or one of another schema version."""
    BAD_JSON_STRUCTURE = "bad-json-structure"
    """A netzkarte JSON export whose top-level parts have the wrong shape."""
    NOT_GEOJSON = "not-geojson"
    """A file of district shapes that is not GeoJSON."""
    OWN_OUTPUT = "own-output"
    """A file named as a map is one of netzkarte's outputs (Maßnahmenliste, findings …)."""
    NOT_A_QUESTIONNAIRE = "not-a-questionnaire"
    """A file given as survey answer that is no questionnaire of netzkarte."""
    NOT_A_FEEDBACK = "not-a-feedback"
    """A file given as decisions that is no Rückmeldung of netzkarte."""
    FILE_ERROR = "file-error"
    """The operating system refused to read a questionnaire."""

    # --- the command or function was called wrongly (OptionError, exit code 2) ---------------
    UNKNOWN_OPTION = "unknown-option"
    """A keyword option or option value a function does not know."""
    OPTION_CONFLICT = "option-conflict"
    """Two options that do not go together."""
    WRONG_SUFFIX = "wrong-suffix"
    """An output file name with the wrong suffix."""
    OUTPUT_IS_INPUT = "output-is-input"
    """An output that would overwrite an input, or land in an input folder."""
    FILE_EXISTS = "file-exists"
    """An output that exists and is not replaced without being asked to."""
    UNKNOWN_INDICATOR = "unknown-indicator"
    """A need indicator that is no column of the districts sheet."""

    # --- sheets and columns --------------------------------------------------------------------
    MISSING_SHEET = "missing-sheet"
    """A sheet of the template is missing or renamed."""
    MISSING_COLUMN = "missing-column"
    """A required column is missing or its header changed."""
    DUPLICATE_COLUMN = "duplicate-column"
    """A header appears twice in one sheet."""
    EMPTY_SHEET = "empty-sheet"
    """A sheet without data (warning)."""
    UNKNOWN_SHEET = "unknown-sheet"
    """A sheet the template does not know; it is not read (warning)."""
    GUESSED_HEADER = "guessed-header"
    """A header with an addition ("Stärke (1–4)") matched to its column (warning)."""
    UNKNOWN_COLUMN = "unknown-column"
    """A column the template does not know; kept as an extra column (warning)."""

    # --- single cells --------------------------------------------------------------------------
    MISSING_VALUE = "missing-value"
    """A required cell is empty."""
    DUPLICATE_ID = "duplicate-id"
    """An ID used twice (also across sheets)."""
    GENERATED_ID = "generated-id"
    """An empty ID was generated (warning)."""
    AMBIGUOUS_ID = "ambiguous-id"
    """Two IDs that differ only in case."""
    NORMALISED_ID = "normalised-id"
    """An ID or reference with invisible characters that were dropped (warning)."""
    UNKNOWN_REFERENCE = "unknown-reference"
    """A reference to an ID (or name) that does not exist."""
    AMBIGUOUS_REFERENCE = "ambiguous-reference"
    """A reference by a name that several entries carry."""
    NAME_REFERENCE = "name-reference"
    """A reference by a unique name instead of an ID (warning)."""
    WRONG_REFERENCE_TYPE = "wrong-reference-type"
    """A reference to the wrong kind of entry (an offer as member …)."""
    UNKNOWN_VALUE = "unknown-value"
    """A value not in the list (an error for fixed lists, else a warning)."""
    GUESSED_VALUE = "guessed-value"
    """A value read as a similar list value (warning)."""
    BAD_VALUE = "bad-value"
    """A JSON value of the wrong type (a number where a list of texts belongs …)."""
    UNKNOWN_CATEGORY = "unknown-category"
    """A category that is not known for this sheet (warning)."""
    GUESSED_CATEGORY = "guessed-category"
    """A category inferred from part of a word or from the entry's name (warning)."""
    AMBIGUOUS_CATEGORY = "ambiguous-category"
    """A category that fits several (warning)."""
    CONTRADICTION = "contradiction"
    """Values of one row that contradict each other, e.g. level and district (warning)."""
    BUILTIN_CATEGORY = "builtin-category"
    """An own category named like a built-in one; the own one applies (warning)."""
    DUPLICATE_CATEGORY = "duplicate-category"
    """A category or spelling twice in the sheet *Kategorien*."""
    BAD_STRENGTH = "bad-strength"
    """A strength that is neither 1 to 4 nor a known word; the text is kept (warning)."""
    BAD_NUMBER = "bad-number"
    """No readable number (warning), or a number that cannot be (error)."""
    BAD_DATE = "bad-date"
    """A date that cannot be read."""
    BAD_BOOL = "bad-bool"
    """Something other than yes or no in a yes/no column."""
    SELF_LOOP = "self-loop"
    """A relation of an entry with itself."""
    REFERENCE_CYCLE = "reference-cycle"
    """Reporting lines or parents that run in a circle."""
    DUPLICATE_EDGE = "duplicate-edge"
    """The same relation twice (warning)."""
    POSSIBLE_DUPLICATE = "possible-duplicate"
    """Entries of one sheet and Sozialraum whose names differ only in spelling (warning)."""
    REINTERPRETED_RELATION = "reinterpreted-relation"
    """A relation whose Art does not fit its entries, read as what it means (warning)."""
    TOTAL_ROW = "total-row"
    """A total row (Summe, Gesamt …) at the bottom of a sheet, skipped (warning)."""
    UNKNOWN_DISTRICT = "unknown-district"
    """A district that is not in the sheet *Sozialräume* (warning)."""
    DUPLICATE_DISTRICT = "duplicate-district"
    """A district twice in the sheet *Sozialräume*."""
    EXCEL_ERROR = "excel-error"
    """An Excel error value such as ``#REF!`` (an error in IDs and references)."""
    FORMULA_WITHOUT_VALUE = "formula-without-value"
    """A formula without a stored result (an error in IDs and references)."""
    CONTROL_CHARACTER = "control-character"
    """Invisible control characters, removed (warning)."""
    MERGED_CELLS = "merged-cells"
    """Merged cells; the top value is used for each row of the range (warning)."""
    CELL_TOO_LONG = "cell-too-long"
    """Writing .xlsx: a text longer than an Excel cell holds."""

    # --- several files read as one map (io/combine.py, warnings) -------------------------------
    COMBINED_ID_QUALIFIED = "combined-id-qualified"
    """An ID naming different entries in several files now carries the Kommune."""
    COMBINED_SHARED_RECORD = "combined-shared-record"
    """An entry without level and Kommune in several files became one shared entry."""
    COMBINED_KEPT_APART = "combined-kept-apart"
    """A committee or offer without level stays one per Kommune."""
    COMBINED_RECORD_DIFFERS = "combined-record-differs"
    """A shared entry differs between the files."""
    COMBINED_DISTRICT_RENAMED = "combined-district-renamed"
    """Districts of the same name in several Kommunen carry their Kommune."""
    COMBINED_CATEGORY_DIFFERS = "combined-category-differs"
    """An own category defined differently in the files; the first applies."""
    COMBINED_EARLIER_SNAPSHOT = "combined-earlier-snapshot"
    """A file is an earlier snapshot of a Kommune, used for the comparison."""
    COMBINED_OLDER_SNAPSHOT = "combined-older-snapshot"
    """A file older than two other snapshots of its Kommune; not used."""
    COMBINED_OUTPUT_SKIPPED = "combined-output-skipped"
    """A file in an input folder is one of netzkarte's outputs, not a map: left out."""

    # --- survey answers merged into a map (survey/) --------------------------------------------
    ANSWER_ROW = "answer-row"
    """A row or field of an answer that is not taken over as it stands."""
    OTHER_MAP = "other-map"
    """A questionnaire of another Kommune; not taken over."""
    OTHER_SNAPSHOT = "other-snapshot"
    """A questionnaire made from another snapshot of the map (warning)."""
    UNKNOWN_PARTNER = "unknown-partner"
    """A questionnaire whose partner is not on the map (or, blank, has no name)."""
    PARTNER_MISMATCH = "partner-mismatch"
    """The hidden sheet and the own-record sheet name different partner IDs."""


class NetzkarteError(ValueError):
    """Base class of every error netzkarte raises on purpose (message in German)."""


class InputError(NetzkarteError):
    """The command cannot start: a file cannot be read at all (missing, empty, not a
    workbook, too large) or, as :class:`OptionError`, an argument is wrong.

    The command line ends with exit code 2. ``code`` is the stable :class:`IssueCode` of
    the cause (``file-missing``, ``not-a-workbook``, ``zip-too-large`` …).
    """

    def __init__(self, message: str, code: IssueCode) -> None:
        super().__init__(message)
        self.code = code


class UnknownValueError(NetzkarteError):
    """A value, attribute or name the vocabulary or the model does not know (an unknown
    node type, sector label or attribute passed to :meth:`NetworkMap.add_node`)."""


class EndpointError(NetzkarteError):
    """An edge connects node types its kind does not allow (e.g. an offer as member)."""


class OptionError(InputError, TypeError):
    """A bad argument, not bad input data: a keyword option or option value a function does
    not know, an output path that would overwrite an input, options that do not go together
    (German message with the fix; exit code 2 like every :class:`InputError`)."""

    def __init__(self, message: str, code: IssueCode = IssueCode.UNKNOWN_OPTION) -> None:
        super().__init__(message, code)


class UnknownNodeError(NetzkarteError, KeyError):
    """A node id that is not in the map."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in the input.

    ``row`` is the Excel row number as the user sees it (header = row 1), ``None`` for
    problems of a whole sheet or file. ``code`` is a stable :class:`IssueCode`
    (``unknown-reference``, ``duplicate-id`` …) so scripts can rely on it; ``message`` is
    German and says how to fix the problem.
    """

    code: IssueCode
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None
    severity: Severity = "error"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict in the shape of ``pruefen --json`` (docs/vorlage.md)."""
        value = self.value  # (asdict would deep-copy; a report may hold 500,000 issues)
        if value is not None and not isinstance(value, str | int | float | bool):
            value = str(value)
        return {"code": self.code, "message": self.message, "sheet": self.sheet,
                "row": self.row, "column": self.column, "value": value,
                "severity": self.severity}

    def __str__(self) -> str:
        where = ", ".join(
            part for part in (
                f"Blatt „{self.sheet}“" if self.sheet else "",
                f"Zeile {self.row}" if self.row is not None else "",
                f"Spalte „{self.column}“" if self.column else "",
            ) if part
        )
        return f"{where}: {self.message}" if where else self.message


@dataclass
class ValidationReport:
    """Every issue found while reading one input, plus the node and edge counts."""

    issues: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    source: str | None = None

    @property
    def errors(self) -> list[Issue]:
        """Issues that make the input invalid."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        """Issues where a guess was made; the input still imports."""
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        """``True`` when there is no error (warnings are allowed)."""
        return not self.errors

    def add(self, code: IssueCode, message: str, *, sheet: str | None = None,
            row: int | None = None, column: str | None = None, value: Any = None,
            severity: Severity = "error") -> None:
        """Record one issue."""
        self.issues.append(Issue(code, message, sheet, row, column, value, severity))

    def warn(self, code: IssueCode, message: str, **where: Any) -> None:
        """Record a warning (a guess was made)."""
        self.add(code, message, severity="warning", **where)

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``netzkarte pruefen --json`` (documented in docs/vorlage.md)."""
        def strip(issue: Issue) -> dict[str, Any]:
            data = issue.to_dict()
            data.pop("severity")
            return data
        return {"ok": self.ok, "errors": [strip(i) for i in self.errors],
                "warnings": [strip(i) for i in self.warnings], "counts": dict(self.counts)}

    def to_frame(self) -> Any:
        """Every issue as a pandas DataFrame with German column names (errors first).

        >>> r = ValidationReport()
        >>> r.add(IssueCode.UNKNOWN_REFERENCE, "Gremium „G-9“ gibt es nicht.",
        ...       sheet="Mitgliedschaften", row=4, column="Gremium", value="G-9")
        >>> frame = r.to_frame()
        >>> frame.loc[0, "Art"], frame.loc[0, "Blatt"], int(frame.loc[0, "Zeile"])
        ('Fehler', 'Mitgliedschaften', 4)
        """
        import pandas as pd  # lazily: the CLI imports this module on start-up

        labels = {"error": "Fehler", "warning": "Warnung"}
        rows = [{"Art": labels[i.severity], "Blatt": i.sheet, "Zeile": i.row,
                 "Spalte": i.column, "Wert": i.value, "Meldung": i.message, "Code": i.code}
                for i in [*self.errors, *self.warnings]]
        frame = pd.DataFrame(rows, columns=["Art", "Blatt", "Zeile", "Spalte", "Wert", "Meldung",
                                            "Code"])
        frame["Zeile"] = frame["Zeile"].astype("Int64")
        return frame


class ValidationError(NetzkarteError):
    """The input has errors; ``report`` holds all of them (exit code 1)."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        n = len(report.errors)
        super().__init__(
            f"Die Eingabe enthält {n} Fehler" + (f" ({report.source})" if report.source else "")
            + ". " + "; ".join(str(i) for i in report.errors[:3])
            + (" …" if n > 3 else "")
        )
