"""``netzkarte demo``: write the example town Kindertal into a folder.

One call writes everything a newcomer needs to see what netzkarte does, from the bundled
Kindertal data: both workbooks (2019 and 2017, the filled template), the interactive map,
the findings as JSON, the Maßnahmenliste, the meeting report and the 2017 → 2019
comparison. Each output is a :class:`DemoStep` in :data:`STEPS`.

Examples
--------
>>> import tempfile
>>> out = run_demo(tempfile.mkdtemp())
>>> out.workbook_2019.name, out.workbook_2017.name
('kindertal_2019.xlsx', 'kindertal_2017.xlsx')
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from netzkarte.datasets.kindertal import kindertal
from netzkarte.progress import progress_bar

if TYPE_CHECKING:
    from netzkarte.model import NetworkMap
    from netzkarte.results import AnalysisResult

__all__ = ["STEPS", "DemoContext", "DemoOutputs", "DemoStep", "WrittenFile", "run_demo"]

log = logging.getLogger(__name__)

YEAR, EARLIER = 2019, 2017


@dataclass
class DemoContext:
    """What the steps share: the target folder, the two maps and (once) the analysis."""

    folder: Path
    progress: bool = False

    @cached_property
    def map(self) -> NetworkMap:
        """Kindertal 2019."""
        return kindertal(YEAR)

    @cached_property
    def map_2017(self) -> NetworkMap:
        """Kindertal 2017 (the start state)."""
        return kindertal(EARLIER)

    @cached_property
    def result(self) -> AnalysisResult:
        """``analyze(map)``, computed once for map, findings, list, report and comparison."""
        from netzkarte.analysis.core import analyze

        return analyze(self.map, progress=self.progress)


@dataclass(frozen=True)
class DemoStep:
    """One output of the demo: ``write(context, path)`` writes ``path`` atomically."""

    filename: str
    description: str  # German, shown by ``netzkarte demo``
    write: Callable[[DemoContext, Path], Path]


@dataclass(frozen=True)
class WrittenFile:
    """A file the demo wrote, with its German description."""

    path: Path
    description: str


_WORKBOOK = "kindertal_{year}.xlsx"
_MAP = "karte_kindertal.html"
_FINDINGS = "befunde_kindertal.json"
_ACTIONS = "massnahmenliste_kindertal.xlsx"
_REPORT = "bericht_kindertal.html"
_COMPARISON = "vergleich_kindertal.html"


@dataclass(frozen=True)
class DemoOutputs:
    """The files :func:`run_demo` wrote, in order, and how long it took."""

    folder: Path
    files: tuple[WrittenFile, ...]
    seconds: float = 0.0

    def get(self, filename: str) -> Path | None:
        """The path written for ``filename`` (e.g. ``"karte_kindertal.html"``), or ``None``."""
        return next((f.path for f in self.files if f.path.name == filename), None)

    def _required(self, filename: str) -> Path:
        path = self.get(filename)
        if path is None:  # only when a caller ran a subset of the steps
            raise LookupError(f"{filename} wurde nicht geschrieben")
        return path

    def paths(self) -> list[Path]:
        """All written paths, in order."""
        return [f.path for f in self.files]

    @property
    def workbook_2019(self) -> Path:
        """``kindertal_2019.xlsx``."""
        return self._required(_WORKBOOK.format(year=YEAR))

    @property
    def workbook_2017(self) -> Path:
        """``kindertal_2017.xlsx``."""
        return self._required(_WORKBOOK.format(year=EARLIER))

    @property
    def map_html(self) -> Path:
        """``karte_kindertal.html``."""
        return self._required(_MAP)

    @property
    def findings_json(self) -> Path:
        """``befunde_kindertal.json``."""
        return self._required(_FINDINGS)

    @property
    def action_list(self) -> Path:
        """``massnahmenliste_kindertal.xlsx``."""
        return self._required(_ACTIONS)

    @property
    def report(self) -> Path:
        """``bericht_kindertal.html``."""
        return self._required(_REPORT)

    @property
    def comparison(self) -> Path:
        """``vergleich_kindertal.html``."""
        return self._required(_COMPARISON)


# --- the steps -------------------------------------------------------------------------------


def _workbook(year: int) -> Callable[[DemoContext, Path], Path]:
    def write(context: DemoContext, path: Path) -> Path:
        from netzkarte.io.template import write_excel

        return write_excel(context.map if year == YEAR else context.map_2017, path)
    return write


def _map(context: DemoContext, path: Path) -> Path:
    from netzkarte.render.html_map import write_map

    return write_map(context.map, path, layout="netz", findings=context.result)


def _findings(context: DemoContext, path: Path) -> Path:
    from netzkarte.io.atomic import atomic_write_text

    return atomic_write_text(path, context.result.to_json())


def _actions(context: DemoContext, path: Path) -> Path:
    from netzkarte.render.action_list import write_action_list

    return write_action_list(context.result, path)


def _report(context: DemoContext, path: Path) -> Path:
    from netzkarte.render.report import write_report

    return write_report(context.map, path, result=context.result)


def _comparison(context: DemoContext, path: Path) -> Path:
    from netzkarte.analysis.compare import compare
    from netzkarte.render.comparison import write_comparison

    diff = compare(context.map_2017, context.map, new_result=context.result)
    return write_comparison(diff, path)


STEPS: tuple[DemoStep, ...] = (
    DemoStep(_WORKBOOK.format(year=YEAR), "Arbeitsmappe Kindertal, Stand 31.03.2019 "
             "(ausgefüllte Vorlage)", _workbook(YEAR)),
    DemoStep(_WORKBOOK.format(year=EARLIER), "Arbeitsmappe Kindertal, Stand 30.06.2017 "
             "(Ausgangslage, zum Vergleich)", _workbook(EARLIER)),
    DemoStep(_MAP, "interaktive Netzwerkkarte (im Browser öffnen)", _map),
    DemoStep(_FINDINGS, "Befunde aller Analysen (JSON)", _findings),
    DemoStep(_ACTIONS, "Maßnahmenliste zum Weiterbearbeiten (Excel)", _actions),
    DemoStep(_REPORT, "Bericht für die Netzwerksitzung (druckbar)", _report),
    DemoStep(_COMPARISON, "Vergleich 2017 → 2019: was der erste Zyklus gebracht hat",
             _comparison),
)
"""Workbooks, map, findings, Maßnahmenliste, report, comparison — in this order."""


def run_demo(folder: str | os.PathLike[str], *, progress: bool = False) -> DemoOutputs:
    """Write the example town Kindertal into ``folder``.

    Parameters
    ----------
    folder : str or path-like
        Target folder, created if missing. Existing files of the same names are replaced
        (atomically: an interrupted run leaves the previous file intact); other files in
        the folder are left alone.
    progress : bool, default False
        Show a progress bar over the steps.

    Returns
    -------
    DemoOutputs
        The written files with German descriptions, in the order of :data:`STEPS`.

    Examples
    --------
    >>> import tempfile
    >>> out = run_demo(tempfile.mkdtemp())
    >>> [f.path.name for f in out.files][:2]
    ['kindertal_2019.xlsx', 'kindertal_2017.xlsx']

    Notes
    -----
    About 5–10 s, most of it the analyses of the 2019 map and the report's figures; the
    analysis runs once and serves map, findings, list, report and comparison.
    """
    started = time.perf_counter()
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    context = DemoContext(target, progress=progress)
    written: list[WrittenFile] = []
    bar = progress_bar(len(STEPS), desc="Kindertal", unit="Datei", enabled=progress)
    try:
        for step in STEPS:
            bar.set_postfix_str(step.filename)
            path = step.write(context, target / step.filename)
            log.info("Demo: %s geschrieben", path)
            written.append(WrittenFile(Path(path), step.description))
            bar.update()
    finally:
        bar.close()
    seconds = time.perf_counter() - started
    log.info("Beispielstadt Kindertal: %d Dateien in %.1f s nach %s geschrieben", len(written),
             seconds, target)
    return DemoOutputs(target, tuple(written), seconds)
