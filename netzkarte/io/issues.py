"""The issue log one import fills (see :mod:`netzkarte.io.build`).

The builder, the reference resolver (:class:`~netzkarte.io.refs.References`) and the column
parser (:class:`~netzkarte.io.columns.ColumnReader`) each get the same :class:`IssueLog`
and report through it; ``report`` is the :class:`~netzkarte.errors.ValidationReport` the
import returns.

>>> log = IssueLog("karte.xlsx")
>>> log.warn(IssueCode.GENERATED_ID, "Die ID fehlt.", "Akteure", 4, "ID")
>>> [(i.code.value, i.severity, i.row) for i in log.report.issues]
[('generated-id', 'warning', 4)]
"""

from __future__ import annotations

from netzkarte.errors import Issue, IssueCode, ValidationReport

__all__ = ["IssueLog"]


class IssueLog:
    """The report of one import and the positional way to add to it.

    :meth:`ValidationReport.add` without its keyword arguments: a workbook may have
    100,000 issues. ``issues`` is ``report.issues``, for appending ready-made issues.
    """

    __slots__ = ("issues", "report")

    def __init__(self, source: str | None) -> None:
        self.report = ValidationReport(source=source)
        self.issues = self.report.issues

    def error(self, code: IssueCode, message: str, sheet: str | None = None,
              row: int | None = None, column: str | None = None, value: object = None
              ) -> None:
        """Record an error: the input is invalid."""
        self.issues.append(Issue(code, message, sheet, row, column, value, "error"))

    def warn(self, code: IssueCode, message: str, sheet: str | None = None,
             row: int | None = None, column: str | None = None, value: object = None
             ) -> None:
        """Record a warning: a guess was made, the input still imports."""
        self.issues.append(Issue(code, message, sheet, row, column, value, "warning"))
