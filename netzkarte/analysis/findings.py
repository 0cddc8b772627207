"""Findings: what the analyses report, in the JSON shape of ``analyse --json``.

Every analysis is a pure function ``NetworkMap → list[Finding]`` (plus DataFrames); the
:class:`AnalysisResult` gathers them, sorts by severity then score and serialises.

>>> f = Finding.create("isolated", "low", "Kita Sonnenschein ist isoliert",
...                    nodes=["A-1"], text="Keine Beziehung.", recommendation="Einladen.")
>>> f.id.startswith("isolated-")
True
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from netzkarte.text import enumerate_names

if TYPE_CHECKING:
    from netzkarte.model import NetworkMap

__all__ = [
    "KIND_LABELS",
    "SEVERITY_LABELS",
    "STATUS_LABELS",
    "AnalysisResult",
    "Confidence",
    "Finding",
    "QualityCheck",
]

Kind = Literal["parallel_structure", "transition_gap", "coverage_gap", "bottleneck", "promoter",
               "quality_standard", "isolated"]
Severity = Literal["high", "medium", "low", "info"]
Status = Literal["pass", "warn", "fail", "unknown"]
Confidence = Literal["sicher", "unsicher"]

KIND_LABELS: dict[str, str] = {
    "parallel_structure": "Parallelstruktur", "transition_gap": "Übergangslücke",
    "coverage_gap": "Versorgungslücke", "bottleneck": "Engpass", "promoter": "Promotoren",
    "quality_standard": "Qualitätsstandard", "isolated": "Isoliert",
}
SEVERITY_LABELS: dict[str, str] = {"high": "hoch", "medium": "mittel", "low": "niedrig",
                                   "info": "Hinweis"}
STATUS_LABELS: dict[str, str] = {"pass": "erfüllt", "warn": "teilweise", "fail": "nicht erfüllt",
                                 "unknown": "unbekannt"}
_SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2, "info": 3}


@dataclass(frozen=True)
class Finding:
    """One finding of an analysis.

    ``id`` is stable: the same input gives the same id (it hashes kind, nodes, transition,
    district and a discriminator, never a counter or the clock).
    """

    id: str
    kind: Kind
    severity: Severity
    title: str
    text: str = ""
    recommendation: str = ""
    nodes: tuple[str, ...] = ()
    edges: tuple[tuple[str, str], ...] = ()
    transition: str | None = None
    district: str | None = None
    score: float = 0.0
    evidence: dict[str, Any] = field(default_factory=dict)
    confidence: Confidence = "sicher"
    municipality: str | None = None

    @classmethod
    def create(cls, kind: Kind, severity: Severity, title: str, *, text: str = "",
               recommendation: str = "", nodes: list[str] | tuple[str, ...] = (),
               edges: list[tuple[str, str]] | tuple[tuple[str, str], ...] = (),
               transition: str | None = None, district: str | None = None,
               score: float = 0.0, evidence: dict[str, Any] | None = None,
               key: str = "") -> Finding:
        """Build a finding with its stable id (``key`` disambiguates same-node findings)."""
        basis = "|".join([kind, key, transition or "", district or "", *sorted(nodes)])
        digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:10]
        return cls(id=f"{kind}-{digest}", kind=kind, severity=severity, title=title,
                   text=text, recommendation=recommendation, nodes=tuple(nodes),
                   edges=tuple((str(u), str(v)) for u, v in edges), transition=transition,
                   district=district, score=round(float(score), 4), evidence=evidence or {})

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the ``findings[]`` of ``analyse --json``)."""
        data = asdict(self)
        data["nodes"] = list(self.nodes)
        data["edges"] = [list(e) for e in self.edges]
        return data

    def uncertain(self, unclassified: list[str] | tuple[str, ...], names: dict[str, str],
                  what: str) -> Finding:
        """This finding, marked ``unsicher``: nodes the analysis could not classify might
        fill the absence it claims.

        The severity is capped at ``low``; ``evidence["unclassified"]`` lists the nodes and
        the text names them and what to fill in (``what``, German, e.g. "Kategorie und
        Lebensphasen"). The id stays the same, so a later snapshot with the nodes
        classified compares as the same finding.

        >>> f = Finding.create("coverage_gap", "high", "Kein Angebot", district="Nord")
        >>> g = f.uncertain(["O-1"], {"O-1": "Krabbelgruppe"}, "Lebensphasen")
        >>> g.severity, g.confidence, g.evidence["unclassified"]
        ('low', 'unsicher', ['O-1'])
        """
        ids = sorted(dict.fromkeys(unclassified), key=lambda n: (names.get(n, n), n))
        listed = enumerate_names([names.get(n, n) for n in ids], quoted=True)
        note = (f" Unsicher: {listed} {'ist' if len(ids) == 1 else 'sind'} nicht "
                f"eingeordnet und könnte{'' if len(ids) == 1 else 'n'} die Lücke füllen. "
                f"Tragen Sie dort {what} ein; dann lässt sich der Befund sicher beurteilen.")
        severity: Severity = "low" if self.severity in ("high", "medium") else self.severity
        return replace(self, severity=severity, confidence="unsicher",
                       text=(self.text + note).strip(),
                       evidence={**self.evidence, "unclassified": ids})


@dataclass(frozen=True)
class QualityCheck:
    """One check of the quality framework: pass / warn / fail / unknown with evidence."""

    id: str
    title: str
    status: Status
    evidence: str
    standard: str = ""  # the Präventionsstandard / Prüffrage it answers
    nodes: tuple[str, ...] = ()
    municipality: str | None = None  # the Kommune checked (maps of several Kommunen)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the ``quality_checks[]`` of ``analyse --json``)."""
        data = asdict(self)
        data["nodes"] = list(self.nodes)
        return data


@dataclass
class AnalysisResult:
    """Everything ``analyze`` found: summary figures, findings, quality checks.

    In Jupyter a result shows itself with the interactive map and its findings panel when it
    knows its map (``network``, set by :func:`~netzkarte.analysis.core.analyze`), else as a
    table of the findings.
    """

    municipality: str
    summary: dict[str, Any]
    findings: list[Finding]
    quality_checks: list[QualityCheck] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    generated: str = field(default_factory=lambda: datetime.now().astimezone().isoformat(
        timespec="seconds"))
    version: str = ""
    #: display names of the nodes the findings involve (not serialised; for renderers)
    names: dict[str, str] = field(default_factory=dict)
    #: what the analyses could not judge (Datenlage); see :mod:`netzkarte.analysis.datenlage`
    data_quality: dict[str, Any] = field(default_factory=dict)
    #: the map the findings are about (not serialised; Jupyter shows the result on it)
    network: NetworkMap | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.findings = sorted(self.findings,
                               key=lambda f: (_SEVERITY_RANK[f.severity], -f.score, f.id))

    def __len__(self) -> int:
        return len(self.findings)

    def by_kind(self, kind: str) -> list[Finding]:
        """Findings of one kind, in report order."""
        return [f for f in self.findings if f.kind == kind]

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``netzkarte analyse --json`` (documented in docs/analysen.md)."""
        return {"municipality": self.municipality, "generated": self.generated,
                "netzkarte_version": self.version, "summary": self.summary,
                "findings": [f.to_dict() for f in self.findings],
                "quality_checks": [q.to_dict() for q in self.quality_checks],
                "data_quality": self.data_quality}

    def to_json(self, **kwargs: Any) -> str:
        """Serialised :meth:`to_dict` (UTF-8, German characters unescaped)."""
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), ensure_ascii=False, default=str, **kwargs)

    def to_frame(self) -> pd.DataFrame:
        """One row per finding with German column names, for notebooks and Excel."""
        rows = [{"ID": f.id, "Art": KIND_LABELS[f.kind], "Schwere": SEVERITY_LABELS[f.severity],
                 "Befund": f.title, "Erläuterung": f.text, "Empfehlung": f.recommendation,
                 "Übergang": f.transition, "Sozialraum": f.district, "Wert": f.score,
                 "Sicherheit": f.confidence, "Knoten": "; ".join(f.nodes)}
                for f in self.findings]
        return pd.DataFrame(rows, columns=["ID", "Art", "Schwere", "Befund", "Erläuterung",
                                           "Empfehlung", "Übergang", "Sozialraum", "Wert",
                                           "Sicherheit", "Knoten"])

    def quality_frame(self) -> pd.DataFrame:
        """The quality framework as a table: one row per check, German column names.

        >>> r = AnalysisResult("Testheim", {}, [], [QualityCheck("qs-x", "Steuerungsgruppe "
        ...                    "vorhanden", "pass", "Steuerungsgruppe SG.")])
        >>> r.quality_frame().loc["qs-x", "Status"]
        'erfüllt'
        """
        rows = [{"ID": q.id, "Prüfung": q.title, "Status": STATUS_LABELS[q.status],
                 "Beleg": q.evidence, "Standard": q.standard} for q in self.quality_checks]
        return pd.DataFrame(rows, columns=["ID", "Prüfung", "Status", "Beleg", "Standard"]
                            ).set_index("ID")

    def _repr_html_(self) -> str:
        counts = {s: sum(f.severity == s for f in self.findings) for s in _SEVERITY_RANK}
        head = (f"<p><b>{html.escape(self.municipality or '')}</b>: {len(self.findings)} "
                "Befunde " + ", ".join(f"{n} {SEVERITY_LABELS[s]}" for s, n in counts.items()
                                       if n) + "</p>")
        rows = "".join(
            f"<tr><td>{SEVERITY_LABELS[f.severity]}</td><td>{KIND_LABELS[f.kind]}</td>"
            f"<td>{html.escape(f.title)}</td><td>{html.escape(f.recommendation)}</td></tr>"
            for f in self.findings[:50])
        more = (f"<p>… und {len(self.findings) - 50} weitere (<code>to_frame()</code>)</p>"
                if len(self.findings) > 50 else "")
        table = ("<table><thead><tr><th>Schwere</th><th>Art</th><th>Befund</th>"
                 "<th>Empfehlung</th></tr></thead><tbody>" + rows + "</tbody></table>" + more)
        if self.network is None:
            return head + table
        from netzkarte.render.html_map import notebook_html

        # the map with its findings panel: a click on a finding highlights and zooms to it
        return ('<div class="netzkarte-befunde">' + head
                + "<p>Links auf der Karte die Befunde: ein Klick hebt hervor, was er betrifft."
                "</p>" + notebook_html(self.network, findings=self)
                + "<details><summary>Befunde als Tabelle</summary>" + table + "</details></div>")
