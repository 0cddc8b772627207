"""Findings, quality checks and the analysis result: moved to :mod:`netzkarte.results`.

The types every analysis returns and every renderer reads live in the results contract
(:mod:`netzkarte.results`); this module keeps the old import path working.

>>> from netzkarte.analysis.findings import Finding
>>> from netzkarte.results import Finding as Same
>>> Finding is Same
True
"""

from __future__ import annotations

from netzkarte.results import (
    KIND_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    AnalysisResult,
    Confidence,
    Finding,
    Kind,
    QualityCheck,
    Severity,
    Status,
)

__all__ = [
    "KIND_LABELS",
    "SEVERITY_LABELS",
    "STATUS_LABELS",
    "AnalysisResult",
    "Confidence",
    "Finding",
    "Kind",
    "QualityCheck",
    "Severity",
    "Status",
]
