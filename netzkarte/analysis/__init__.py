"""Analyses of a Netzwerkkarte: pure functions from a map to findings and tables.

``analyze`` runs all of them; each module can also be used on its own
(``netzkarte.analysis.bottlenecks.find_bottlenecks`` …). Importing this package is cheap:
igraph and the analysis modules load only when an analysis runs.
"""

from __future__ import annotations

from netzkarte.analysis.core import analyze, format_summary
from netzkarte.results import AnalysisResult, Finding, QualityCheck

__all__ = ["AnalysisResult", "Finding", "QualityCheck", "analyze", "format_summary"]
