"""netzkarte: Netzwerkkarten kommunaler Präventionsketten.

Read a filled Excel template, validate it, analyse the network and draw it::

    import netzkarte as nk
    karte = nk.read_excel("netzkarte.xlsx")      # or nk.datasets.kindertal()
    befunde = nk.analyze(karte)                  # findings, quality checks, tables
    karte.to_html("karte.html", findings=befunde)
"""

from __future__ import annotations

import logging

from netzkarte import datasets
from netzkarte.analysis import AnalysisResult, Finding, QualityCheck, analyze
from netzkarte.analysis.compare import Comparison, compare
from netzkarte.errors import (
    EndpointError,
    InputError,
    Issue,
    NetzkarteError,
    UnknownNodeError,
    ValidationError,
    ValidationReport,
)
from netzkarte.io.excel import read_excel, validate_excel
from netzkarte.io.exchange import load, save
from netzkarte.io.template import write_excel, write_template
from netzkarte.model import MapMeta, NetworkMap

__version__ = "0.1.0"

__all__ = [
    "AnalysisResult",
    "Comparison",
    "EndpointError",
    "Finding",
    "InputError",
    "Issue",
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
    "read_excel",
    "save",
    "validate_excel",
    "write_excel",
    "write_template",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
