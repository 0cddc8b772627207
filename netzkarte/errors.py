"""The exception family and the validation report.

Validation never stops at the first problem (frictionless style): every problem becomes an
:class:`Issue` with sheet, Excel row, column, value, a stable code and a German message that
says how to fix it; :class:`ValidationError` is raised once, at the end, carrying the whole
:class:`ValidationReport`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "EndpointError",
    "InputError",
    "Issue",
    "NetzkarteError",
    "OptionError",
    "UnknownNodeError",
    "UnknownValueError",
    "ValidationError",
    "ValidationReport",
]

Severity = Literal["error", "warning"]


class NetzkarteError(ValueError):
    """Base class of every error netzkarte raises on purpose (message in German)."""


class InputError(NetzkarteError):
    """A file cannot be read at all: missing, empty, not a workbook, too large.

    The command line ends with exit code 2. ``code`` is a stable identifier of the cause
    (``file-missing``, ``not-a-workbook``, ``zip-too-large`` …).
    """

    def __init__(self, message: str, code: str = "input-error") -> None:
        super().__init__(message)
        self.code = code


class UnknownValueError(NetzkarteError):
    """A value, attribute or name the vocabulary or the model does not know (an unknown
    node type, sector label or attribute passed to :meth:`NetworkMap.add_node`)."""


class EndpointError(NetzkarteError):
    """An edge connects node types its kind does not allow (e.g. an offer as member)."""


class OptionError(NetzkarteError, TypeError):
    """A function got a keyword option it does not know (German message with the fix)."""


class UnknownNodeError(NetzkarteError, KeyError):
    """A node id that is not in the map."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in the input.

    ``row`` is the Excel row number as the user sees it (header = row 1), ``None`` for
    problems of a whole sheet or file. ``code`` is stable (``"unknown-reference"``,
    ``"duplicate-id"`` …) so scripts can rely on it; ``message`` is German and says how to
    fix the problem.
    """

    code: str
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

    def add(self, code: str, message: str, *, sheet: str | None = None, row: int | None = None,
            column: str | None = None, value: Any = None, severity: Severity = "error") -> None:
        """Record one issue."""
        self.issues.append(Issue(code, message, sheet, row, column, value, severity))

    def warn(self, code: str, message: str, **where: Any) -> None:
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
        >>> r.add("unknown-reference", "Gremium „G-9“ gibt es nicht.", sheet="Mitgliedschaften",
        ...       row=4, column="Gremium", value="G-9")
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
