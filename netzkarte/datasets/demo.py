"""``netzkarte demo``: write the example town Kindertal into a folder.

One call writes everything a newcomer needs to see what netzkarte does, from the bundled
Kindertal data: both workbooks (2019 and 2017, the filled template), the interactive map,
the findings as JSON and the Maßnahmenliste. Each output is a :class:`DemoStep`; a step whose
library function does not exist (yet) is skipped, so the demo runs at every stage of the
project. Later outputs (the meeting report, the 2017/2019 comparison) are added as one line
each in :data:`EXTRA_STEPS`.

Examples
--------
>>> import tempfile
>>> out = run_demo(tempfile.mkdtemp())
>>> out.workbook_2019.name, out.workbook_2017.name
('kindertal_2019.xlsx', 'kindertal_2017.xlsx')
"""

from __future__ import annotations

import importlib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netzkarte.datasets.kindertal import kindertal
from netzkarte.progress import progress_bar

if TYPE_CHECKING:
    from netzkarte.analysis.findings import AnalysisResult
    from netzkarte.model import NetworkMap

__all__ = ["BASE_STEPS", "EXTRA_STEPS", "DemoContext", "DemoOutputs", "DemoStep", "WrittenFile",
           "optional_function", "run_demo"]

log = logging.getLogger(__name__)

YEAR, EARLIER = 2019, 2017


def optional_function(module: str, name: str) -> Callable[..., Any] | None:
    """``module.name`` if that module and function exist, else ``None``.

    Only the absence of ``module`` itself (or of one of its parent packages) counts as
    "not there yet"; a module that exists but fails to import raises as usual.

    Examples
    --------
    >>> optional_function("netzkarte.datasets.kindertal", "kindertal") is not None
    True
    >>> optional_function("netzkarte.render.gibt_es_nicht", "write") is None
    True
    """
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as err:
        parts = module.split(".")
        if err.name in {".".join(parts[:i]) for i in range(1, len(parts) + 1)}:
            return None
        raise
    found = getattr(mod, name, None)
    return found if callable(found) else None


@dataclass
class DemoContext:
    """What the steps share: the target folder, the two maps and (lazily) the analysis."""

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
    def result(self) -> AnalysisResult | None:
        """``analyze(map)``, or ``None`` while the analyses do not exist."""
        analyze = optional_function("netzkarte.analysis.core", "analyze")
        if analyze is None:
            return None
        result: AnalysisResult = analyze(self.map, progress=self.progress)
        return result


@dataclass(frozen=True)
class DemoStep:
    """One output of the demo.

    ``write(context, path)`` writes ``path`` atomically and returns it, or returns ``None``
    when the library function it needs does not exist yet (the step is then skipped).
    """

    filename: str
    description: str  # German, shown by ``netzkarte demo``
    write: Callable[[DemoContext, Path], Path | None]


@dataclass(frozen=True)
class WrittenFile:
    """A file the demo wrote, with its German description."""

    path: Path
    description: str


@dataclass(frozen=True)
class DemoOutputs:
    """The files :func:`run_demo` wrote, in order, and how long it took."""

    folder: Path
    files: tuple[WrittenFile, ...]
    seconds: float = 0.0
    skipped: tuple[str, ...] = field(default=())  # file names whose function is missing

    def get(self, filename: str) -> Path | None:
        """The path written for ``filename`` (e.g. ``"karte_kindertal.html"``), or ``None``."""
        return next((f.path for f in self.files if f.path.name == filename), None)

    def _required(self, filename: str) -> Path:
        path = self.get(filename)
        if path is None:  # the workbooks are always written; only a broken step gets here
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
    def map_html(self) -> Path | None:
        """``karte_kindertal.html`` (``None`` while the map renderer does not exist)."""
        return self.get(_MAP)

    @property
    def findings_json(self) -> Path | None:
        """``befunde_kindertal.json`` (``None`` while the analyses do not exist)."""
        return self.get(_FINDINGS)

    @property
    def action_list(self) -> Path | None:
        """``massnahmenliste_kindertal.xlsx`` (``None`` while its writer does not exist)."""
        return self.get(_ACTIONS)


# --- the steps -------------------------------------------------------------------------------

_WORKBOOK = "kindertal_{year}.xlsx"
_MAP = "karte_kindertal.html"
_FINDINGS = "befunde_kindertal.json"
_ACTIONS = "massnahmenliste_kindertal.xlsx"


def _workbook(year: int) -> Callable[[DemoContext, Path], Path | None]:
    def write(context: DemoContext, path: Path) -> Path:
        from netzkarte.io.template import write_excel

        return write_excel(context.map if year == YEAR else context.map_2017, path)
    return write


def _map(context: DemoContext, path: Path) -> Path | None:
    write_map = optional_function("netzkarte.render.html_map", "write_map")
    if write_map is None:
        return None
    written: Path = write_map(context.map, path, layout="netz", findings=context.result)
    return written


def _findings(context: DemoContext, path: Path) -> Path | None:
    from netzkarte.io.atomic import atomic_write_text

    result = context.result
    return None if result is None else atomic_write_text(path, result.to_json())


def _actions(context: DemoContext, path: Path) -> Path | None:
    write_action_list = optional_function("netzkarte.render.action_list", "write_action_list")
    result = context.result
    if write_action_list is None or result is None:
        return None
    written: Path = write_action_list(result, path)
    return written


BASE_STEPS: tuple[DemoStep, ...] = (
    DemoStep(_WORKBOOK.format(year=YEAR), "Arbeitsmappe Kindertal, Stand 31.03.2019 "
             "(ausgefüllte Vorlage)", _workbook(YEAR)),
    DemoStep(_WORKBOOK.format(year=EARLIER), "Arbeitsmappe Kindertal, Stand 30.06.2017 "
             "(Ausgangslage, zum Vergleich)", _workbook(EARLIER)),
    DemoStep(_MAP, "interaktive Netzwerkkarte (im Browser öffnen)", _map),
    DemoStep(_FINDINGS, "Befunde aller Analysen (JSON)", _findings),
    DemoStep(_ACTIONS, "Maßnahmenliste zum Weiterbearbeiten (Excel)", _actions),
)
"""Workbooks, map, findings, Maßnahmenliste — in this order."""

def _report(context: DemoContext, path: Path) -> Path | None:
    from netzkarte.render.report import write_report

    return write_report(context.map, path, result=context.result)


def _comparison(context: DemoContext, path: Path) -> Path | None:
    from netzkarte.analysis.compare import compare
    from netzkarte.render.comparison import write_comparison

    diff = compare(context.map_2017, context.map, new_result=context.result)
    return write_comparison(diff, path)


EXTRA_STEPS: list[DemoStep] = [
    DemoStep("bericht_kindertal.html", "Bericht für die Netzwerksitzung (druckbar)", _report),
    DemoStep("vergleich_kindertal.html", "Vergleich 2017 → 2019: was der erste Zyklus "
             "gebracht hat", _comparison),
]
"""Further outputs (report, comparison): append a :class:`DemoStep`."""


def run_demo(folder: str | os.PathLike[str], *, progress: bool = False) -> DemoOutputs:
    """Write the example town Kindertal into ``folder``.

    Parameters
    ----------
    folder : str or path-like
        Target folder, created if missing. Existing files of the same names are replaced
        (atomically: an interrupted run leaves the previous file intact).
    progress : bool, default False
        Show a progress bar over the steps (and the analysis).

    Returns
    -------
    DemoOutputs
        The written files with German descriptions, in order: ``kindertal_2019.xlsx``,
        ``kindertal_2017.xlsx``, ``karte_kindertal.html``, ``befunde_kindertal.json``,
        ``massnahmenliste_kindertal.xlsx``, then those of :data:`EXTRA_STEPS`.

    Examples
    --------
    >>> import tempfile
    >>> out = run_demo(tempfile.mkdtemp())
    >>> [f.path.name for f in out.files][:2]
    ['kindertal_2019.xlsx', 'kindertal_2017.xlsx']

    Notes
    -----
    About 5–10 s, most of it the analyses (betweenness, communities) of the 2019 map.
    """
    started = time.perf_counter()
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    context = DemoContext(target, progress=progress)
    steps = [*BASE_STEPS, *EXTRA_STEPS]
    written: list[WrittenFile] = []
    skipped: list[str] = []
    bar = progress_bar(len(steps), desc="Kindertal", unit="Datei", enabled=progress)
    try:
        for step in steps:
            bar.set_postfix_str(step.filename)
            path = step.write(context, target / step.filename)
            if path is None:
                log.info("Demo: %s übersprungen (Funktion noch nicht vorhanden)", step.filename)
                skipped.append(step.filename)
            else:
                log.info("Demo: %s geschrieben", path)
                written.append(WrittenFile(Path(path), step.description))
            bar.update()
    finally:
        bar.close()
    seconds = time.perf_counter() - started
    log.info("Beispielstadt Kindertal: %d Dateien in %.1f s nach %s geschrieben", len(written),
             seconds, target)
    return DemoOutputs(target, tuple(written), seconds, tuple(skipped))


