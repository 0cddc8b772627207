"""The example town Kindertal as a :class:`~netzkarte.model.NetworkMap`.

Kindertal is the fictitious town of the quality framework's case study (docs/grundlagen.md):
about 60,000 inhabitants, burdened districts north of the motorway, a steering group chaired
by the Bürgermeisterin and a prevention coordinator at the Jugendamt. Its rows ship as data
files (``netzkarte/datasets/data/kindertal_2017.json`` and ``kindertal_2019.json``, one list
of rows per sheet, keyed by the template's headers); this module builds them through
:func:`netzkarte.io.build.build_map`, the same path an Excel import takes, so the example is
checked by the same validator as every user's workbook.

Two snapshots exist: 2017 (start state, Stand 30.06.2017) and 2019 (after the first two-year
cycle of the action plan, Stand 31.03.2019). The data files and the workbooks
``examples/kindertal_2017.xlsx`` and ``examples/kindertal_2019.xlsx`` are written by the
repository's tool (the example itself is edited in ``tools/kindertal_data.py``)::

    python tools/regenerate.py

Examples
--------
>>> from netzkarte.datasets import kindertal
>>> karte = kindertal(2019)
>>> karte.meta.municipality, karte.meta.snapshot.isoformat()
('Kindertal', '2019-03-31')
"""

from __future__ import annotations

import json
import logging
import os
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from netzkarte.errors import NetzkarteError, ValidationError, ValidationReport
from netzkarte.model import NetworkMap

__all__ = ["DATA", "REGENERATE", "SOURCE", "YEARS", "example_path", "kindertal",
           "kindertal_report", "write_examples"]

log = logging.getLogger(__name__)

YEARS: tuple[int, ...] = (2017, 2019)
"""The snapshots of Kindertal that exist."""
SOURCE = "netzkarte.datasets.kindertal"
"""``meta.source`` of the maps built here."""
REGENERATE = "python tools/regenerate.py"
"""The command that rewrites the shipped data files and example workbooks."""
DATA = Path(__file__).resolve().parent / "data"
"""Where the rows of the example live (``kindertal_<year>.json``)."""

_EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        allowed = " und ".join(str(y) for y in YEARS)
        raise NetzkarteError(f"Kindertal gibt es nur für die Jahre {allowed}, nicht für "
                             f"{year!r}. Rufen Sie z. B. kindertal(2019) auf.")
    return year


def _rows(year: int) -> tuple[dict[str, list[dict[str, Any]]], dict[str, object]]:
    """The sheets (row dicts keyed by header) and the metadata of one snapshot."""
    doc = json.loads((DATA / f"kindertal_{year}.json").read_text(encoding="utf-8"))
    sheets = {name: [dict(zip(sheet["headers"], row, strict=True)) for row in sheet["rows"]]
              for name, sheet in doc["sheets"].items()}
    return sheets, {**doc["meta"], "Stand": date.fromisoformat(doc["cutoff"])}


@lru_cache(maxsize=len(YEARS))
def _built(year: int) -> tuple[NetworkMap, ValidationReport]:
    rows, meta = _rows(year)
    network_map, report = _build_rows(rows, meta)
    if not report.ok:  # a defect of the bundled data, caught by the tests
        raise ValidationError(report)
    return network_map, report


def _build_rows(rows: dict[str, list[dict[str, Any]]], meta: dict[str, object]
                   ) -> tuple[NetworkMap, ValidationReport]:
    """Build rows through the importer's builder (imported here: it pulls in pandas I/O)."""
    from netzkarte.io.build import build_map

    return build_map(rows, meta=meta, source=SOURCE)


def _detached(network_map: NetworkMap) -> NetworkMap:
    """A copy whose node and edge ``extra`` dicts are not shared with the cached map."""
    out = network_map.copy()
    for _, attrs in out.graph.nodes(data=True):
        if isinstance(attrs.get("extra"), dict):
            attrs["extra"] = dict(attrs["extra"])
    for _, _, attrs in out.graph.edges(data=True):
        if isinstance(attrs.get("extra"), dict):
            attrs["extra"] = dict(attrs["extra"])
    return out


def kindertal(year: int = 2019) -> NetworkMap:
    """The Netzwerkkarte of the example town Kindertal.

    Parameters
    ----------
    year : {2019, 2017}
        2019: after the first cycle of the action plan (Stand 31.03.2019); 2017: the start
        state (Stand 30.06.2017). Node ids are stable between the two, so they can be
        compared (:func:`netzkarte.analysis.compare.compare`).

    Returns
    -------
    NetworkMap
        A fresh copy on every call: change it freely. ``meta`` carries municipality, Kreis,
        title, Stand, Leitbild and the four strategic goals; the further facts of the case
        study (Bundesland, Einwohner, Programmgebiete …) are in ``meta.extra``.

    Raises
    ------
    NetzkarteError
        For any other year.

    Examples
    --------
    >>> karte = kindertal()
    >>> karte.meta.mission
    'Gut aufwachsen in Kindertal'
    >>> len(karte.node_ids("committee")) > len(kindertal(2017).node_ids("committee"))
    True

    Notes
    -----
    The first call per year builds the map (about 0.1 s); later calls copy the cached one.
    """
    network_map, _ = _built(_year(year))
    out = _detached(network_map)
    log.info("Kindertal %d: %d Knoten, %d Beziehungen", year, len(out),
             out.graph.number_of_edges())
    return out


def kindertal_report(year: int = 2019) -> ValidationReport:
    """The validator's report on the Kindertal rows (no errors, no warnings).

    Examples
    --------
    >>> report = kindertal_report(2017)
    >>> len(report.errors), len(report.warnings)
    (0, 0)
    """
    return _built(_year(year))[1]


def example_path(year: int = 2019, folder: str | os.PathLike[str] | None = None) -> Path:
    """Where the example workbook of ``year`` lives (default: the repository's ``examples``).

    Examples
    --------
    >>> example_path(2017, "out").as_posix()
    'out/kindertal_2017.xlsx'
    """
    base = Path(folder) if folder is not None else _EXAMPLES
    return base / f"kindertal_{_year(year)}.xlsx"


def write_examples(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write ``kindertal_2019.xlsx`` and ``kindertal_2017.xlsx`` (atomically) into ``folder``.

    Parameters
    ----------
    folder : str or path-like, optional
        Target folder, created if missing; default the repository's ``examples`` folder.

    Returns
    -------
    list of Path
        The written workbooks, 2019 first.

    Examples
    --------
    >>> import tempfile
    >>> [p.name for p in write_examples(tempfile.mkdtemp())]
    ['kindertal_2019.xlsx', 'kindertal_2017.xlsx']
    """
    from netzkarte.io.template import write_excel

    return [write_excel(kindertal(year), example_path(year, folder))
            for year in sorted(YEARS, reverse=True)]
