"""netzkarte: Netzwerkkarten kommunaler Präventionsketten.

Read a filled Excel template, validate it, analyse the network and draw it::

    import netzkarte as nk
    karte = nk.read_excel("netzkarte.xlsx")      # or nk.datasets.kindertal()
    befunde = nk.analyze(karte)                  # findings, quality checks, tables
    karte.to_html("karte.html", findings=befunde)

In Jupyter ``befunde`` shows itself on the interactive map with its findings panel;
``nk.show(karte, befunde, layout="kette")`` chooses layout, height or anonymity.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from netzkarte.errors import (
    EndpointError,
    InputError,
    Issue,
    IssueCode,
    NetzkarteError,
    UnknownNodeError,
    ValidationError,
    ValidationReport,
)

if TYPE_CHECKING:
    from netzkarte import datasets
    from netzkarte.analysis import analyze
    from netzkarte.analysis.compare import compare
    from netzkarte.analysis.overview import overview
    from netzkarte.io.excel import read_excel, validate_excel
    from netzkarte.io.exchange import load, save
    from netzkarte.io.template import write_excel, write_template
    from netzkarte.model import MapMeta, NetworkMap
    from netzkarte.render.html_map import Findings, MapView
    from netzkarte.results import AnalysisResult, Comparison, Finding, QualityCheck

__version__ = "0.1.0"

__all__ = [
    "AnalysisResult",
    "Comparison",
    "EndpointError",
    "Finding",
    "InputError",
    "Issue",
    "IssueCode",
    "MapMeta",
    "NetworkMap",
    "NetzkarteError",
    "QualityCheck",
    "UnknownNodeError",
    "ValidationError",
    "ValidationReport",
    "__version__",
    "analyze",
    "compare",
    "datasets",
    "load",
    "overview",
    "read_excel",
    "save",
    "show",
    "validate_excel",
    "write_excel",
    "write_template",
]

_LAZY: dict[str, str] = {
    "datasets": "netzkarte.datasets",
    **dict.fromkeys(("AnalysisResult", "Comparison", "Finding", "QualityCheck"),
                    "netzkarte.results"),
    "analyze": "netzkarte.analysis",
    "compare": "netzkarte.analysis.compare",
    "overview": "netzkarte.analysis.overview",
    **dict.fromkeys(("read_excel", "validate_excel"), "netzkarte.io.excel"),
    **dict.fromkeys(("load", "save"), "netzkarte.io.exchange"),
    **dict.fromkeys(("write_excel", "write_template"), "netzkarte.io.template"),
    **dict.fromkeys(("MapMeta", "NetworkMap"), "netzkarte.model"),
}
"""Where each public name lives; it is imported on first use. ``netzkarte pruefen`` and
:func:`read_excel` need neither the analyses, the exports nor the example datasets: their
import cost every start about 0.05 s of CPU, a tenth of reading a Kreis-scale workbook."""


def __getattr__(name: str) -> Any:
    """The public names of :data:`_LAZY`, imported on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    found = importlib.import_module(module)
    value = found if name == "datasets" else getattr(found, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def show(m: NetworkMap, findings: Findings | None = None, *, height: int = 650,
         **options: Any) -> MapView:
    """The map inline in a notebook: :func:`netzkarte.render.html_map.show`.

    ``nk.show(karte, befunde, layout="kette")``. Without findings the Stadtplan still
    outlines the coverage gaps: they are computed here (the map computes no analysis).

    Examples
    --------
    >>> import netzkarte as nk
    >>> m = nk.NetworkMap("Kindertal")
    >>> m.add_node("JA", "office", name="Jugendamt", category="Jugendamt")
    >>> "<iframe srcdoc=" in show(m, layout="kreis", height=400)._repr_html_()
    True
    """
    from netzkarte.render.html_map import show as show_map

    return show_map(m, findings, height=height, **_with_coverage_gaps(m, findings, options))


def _with_coverage_gaps(m: NetworkMap, findings: object, options: dict[str, Any]
                        ) -> dict[str, Any]:
    """``options`` of a map, with the coverage gaps the Stadtplan outlines when no findings
    are given (``coverage_gaps`` of :func:`netzkarte.render.html_map.build_payload`)."""
    if options.get("layout") != "stadtplan" or findings is not None \
            or options.get("coverage_gaps") is not None:
        return options
    from netzkarte.analysis.coverage import find_coverage_gaps
    from netzkarte.analysis.kommunen import split_by_municipality
    from netzkarte.kommunen import municipalities

    # one Kommune at a time, as analyze judges a map of several
    parts = [p for _, p in split_by_municipality(m)] if len(municipalities(m)) > 1 else [m]
    gaps = [f for part in parts
            for f in find_coverage_gaps(part, need_indicator=options.get("need_indicator"))]
    return {**options, "coverage_gaps": gaps}


logging.getLogger(__name__).addHandler(logging.NullHandler())
