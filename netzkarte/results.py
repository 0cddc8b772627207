"""The results contract: what the analyses hand to the renderers.

Every type a renderer reads lives here — findings with their typed evidence, quality
checks, the :class:`AnalysisResult` with the tables the figures and the report show, the
comparison of two snapshots and the Kreis overview — together with their German labels.
``netzkarte.analysis`` fills these types (:func:`netzkarte.analysis.core.analyze`),
``netzkarte.render`` only reads them: render never imports the analyses, and this module
imports neither (only model, schema, vocab, text and errors).

The JSON of ``analyse --json`` (:meth:`AnalysisResult.to_dict`) and of ``vergleich --json``
(:meth:`Comparison.to_dict`) is a published contract; the typed evidence below describes
the keys of ``findings[].evidence`` per kind and changes none of them.

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
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict, cast, overload

import pandas as pd

from netzkarte.schema import PERSONAL_FIELDS
from netzkarte.text import count_noun, enumerate_names
from netzkarte.vocab import EdgeKind, Strength

if TYPE_CHECKING:
    from netzkarte.model import NetworkMap

__all__ = [
    "BROKERAGE_ROLES",
    "DATENLAGE_LABELS",
    "KIND_LABELS",
    "PRIVATE_FIELDS",
    "PRIVATE_VALUE",
    "REASONS",
    "SEVERITY_LABELS",
    "SEVERITY_RANK",
    "STATUS_LABELS",
    "STATUS_TEXT",
    "AnalysisResult",
    "BottleneckEvidence",
    "Comparison",
    "Confidence",
    "CoverageGapEvidence",
    "DataQuality",
    "DataQualityAnalysis",
    "DataQualityNode",
    "EdgeKey",
    "Evidence",
    "Finding",
    "IsolatedEvidence",
    "KommuneResult",
    "Overview",
    "ParallelStructureEvidence",
    "PromoterEvidence",
    "QualityCheck",
    "QualityStandardEvidence",
    "Suggestion",
    "TransitionGapEvidence",
    "TransitionRow",
    "role_label",
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
STATUS_TEXT: dict[str, str] = {"pass": "erfüllt", "warn": "teilweise erfüllt",
                               "fail": "nicht erfüllt", "unknown": "unbekannt"}
"""The status of a quality check as it reads after its title and in running text
(„Sitzungsrhythmus der Steuerungsebenen: teilweise erfüllt“); :data:`STATUS_LABELS` are the
short words of a status column beside the symbols ✓ ! ✗ ?."""
SEVERITY_RANK: dict[str, int] = {"high": 0, "medium": 1, "low": 2, "info": 3}
"""Report order of the severities (0 first)."""

REASONS: dict[str, str] = {
    "unknown_category": "Kategorie unbekannt",
    "ambiguous_category": "Kategorie mehrdeutig",
    "no_category": "ohne Kategorie",
    "no_life_phase": "ohne Lebensphase",
    "no_district": "ohne Sozialraum (gesamtstädtisch gewertet)",
    "no_sector": "ohne Handlungsfeld",
    "planned_offer": "Angebot erst geplant",
    "no_answer": "Partner hat nicht geantwortet",
}
"""Why a node falls out of an analysis (the *Datenlage*, :mod:`netzkarte.analysis.
datenlage`), with its German label."""

DATENLAGE_LABELS: dict[str, str] = {"good": "gut", "gaps": "lückenhaft",
                                    "poor": "unzureichend"}
"""The Datenlage of a Kommune in three steps, with their German labels."""

BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
"""Gould & Fernandez (1989) brokerage roles, in their usual order (the columns of the
``brokerage`` table)."""

_ROLE_LABELS = {"coordinator": "Koordinator", "itinerant": "Berater",
                "representative": "Repräsentant", "gatekeeper": "Türsteher",
                "liaison": "Verbindungsperson"}


def role_label(role: str) -> str:
    """German label of a brokerage role.

    >>> role_label("gatekeeper")
    'Türsteher'
    """
    return _ROLE_LABELS[role]


# --- typed evidence ---------------------------------------------------------------------------
#
# ``Finding.evidence`` stays a plain dict (its keys are the JSON of ``analyse --json``); these
# TypedDicts say which keys each kind of finding carries, and :meth:`Finding.typed_evidence`
# reads it through them. Every key is optional (``total=False``): the checks of one kind fill
# different keys, and a result read back from JSON or built by hand may carry fewer.


class Evidence(TypedDict, total=False):
    """Keys any finding may carry."""

    #: which check of the analysis found it (``dropout``, ``one_sided`` …)
    check: str
    #: nodes the analysis could not classify that might fill the claimed absence
    #: (:meth:`Finding.uncertain`)
    unclassified: list[str]


Suggestion = TypedDict("Suggestion", {
    "for": str, "for_name": str, "id": str, "name": str, "reason": str,
    "common_partners": int, "distance_km": float | None, "rank": int}, total=False)
"""A suggested partner of a transition gap: ``for`` the unlinked institution, ``id`` the
partner of the next phase (drawn as a dashed line on the map)."""


class TransitionGapEvidence(Evidence, total=False):
    """``transition_gap``: institutions of the earlier phase without a tie to the later."""

    unlinked: list[str]
    earlier_count: int
    later_count: int
    share: float | None
    committees: list[str]
    need_rank: float | None
    partners_from_whole_municipality: bool
    suggestions: list[Suggestion]
    possibly_linked: dict[str, list[str]]
    work_partners_reached: list[str]


class CoverageGapEvidence(Evidence, total=False):
    """``coverage_gap``: a district and life phase without offer, a need–offer mismatch, a
    service out of reach, or (Kreis maps) a Kreis service missing in some Kommunen."""

    phase: str
    children: float | None
    need: float | None
    need_rank: float | None
    indicator: str | None
    planned: list[str]
    town_wide_offers: list[str]
    spearman: float
    basis: str
    districts: int
    density: float
    median: float
    service: str
    missing: list[str]
    max_distance_km: float
    reached: list[str]


class BottleneckEvidence(Evidence, total=False):
    """``bottleneck``: a node whose loss cuts the network, a bridge, concentration of
    brokerage, overloaded persons, unreachable or far parts."""

    node: str
    person: bool
    cut_off_from_steering: int
    disconnected: int
    parts: list[str]
    component_size: int
    sides: list[list[str]]
    share: float
    gini: float
    top: list[str]
    committees: int
    limit: int
    meetings_per_year: float | None
    members: int
    lead: str | None
    count: int
    max_steps: int
    steps: dict[str, int]


class ParallelStructureEvidence(Evidence, total=False):
    """``parallel_structure``: two committees of overlapping mandate and membership, or
    offers doubling each other."""

    jaccard: float
    overlap: float
    shared_members: list[str]
    shared_topics: list[str]
    phases: list[str]
    topic_similarity: float | None
    phase_similarity: float | None
    type_similarity: float | None
    mandate: float | None
    area_overlap: str | None
    cross_level: bool
    action: str
    offers: list[str]
    providers: list[str]
    category: str


class PromoterEvidence(Evidence, total=False):
    """``promoter``: bodies without power or expert promoters, unmatched promoters."""

    members: int
    ranks: list[str]
    actors: int
    experts: int
    powers: int
    count: int
    sector: str


class IsolatedEvidence(Evidence, total=False):
    """``isolated``: nodes without ties, only belongs-to ties, offers without provider,
    one-sided ties."""

    type: str
    no_edges: bool
    reported_by: str | None
    other_side_took_part: bool


class QualityStandardEvidence(Evidence, total=False):
    """``quality_standard``: a check of the quality framework that is not met, or (Kreis
    maps) a Kommune without a local body."""

    status: str
    standard: str
    municipality: str


EVIDENCE_TYPES: dict[str, type] = {
    "transition_gap": TransitionGapEvidence, "coverage_gap": CoverageGapEvidence,
    "bottleneck": BottleneckEvidence, "parallel_structure": ParallelStructureEvidence,
    "promoter": PromoterEvidence, "isolated": IsolatedEvidence,
    "quality_standard": QualityStandardEvidence,
}
"""The evidence type of each finding kind."""


# --- Datenlage --------------------------------------------------------------------------------
#
# ``AnalysisResult.data_quality`` is ``data_quality`` of ``analyse --json``, documented in
# docs/analysen.md (section "Im JSON"); keys and their order are that published shape.


class DataQualityNode(TypedDict):
    """A node with a blind spot (``data_quality["nodes"][i]``)."""

    id: str
    name: str
    #: node type code (``actor``, ``offer`` …)
    type: str
    category: str | None
    #: keys of :data:`REASONS`
    reasons: list[str]
    #: the categories an ambiguous category could mean (only then)
    candidates: NotRequired[list[str]]


class DataQualityAnalysis(TypedDict):
    """What one kind of analysis could not judge (``data_quality["analyses"][kind]``)."""

    #: ids of the nodes it left out
    left_out: list[str]
    #: ids of its uncertain findings
    uncertain_findings: list[str]


class DataQuality(TypedDict, total=False):
    """The *Datenlage* of a result (:func:`netzkarte.analysis.datenlage.data_quality`).

    ``analyze`` fills every key; a result built by hand has none (``{}``), so readers use
    ``.get``.
    """

    #: reason (key of :data:`REASONS`, in that order) → number of nodes
    counts: dict[str, int]
    nodes: list[DataQualityNode]
    #: finding kind (or ``metrics``) → what it left out
    analyses: dict[str, DataQualityAnalysis]
    #: ids of all uncertain findings
    uncertain_findings: list[str]
    #: German sentences: what to fill in and what that would change
    advice: list[str]


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

    @overload
    def typed_evidence(self, kind: Literal["transition_gap"]) -> TransitionGapEvidence: ...
    @overload
    def typed_evidence(self, kind: Literal["coverage_gap"]) -> CoverageGapEvidence: ...
    @overload
    def typed_evidence(self, kind: Literal["bottleneck"]) -> BottleneckEvidence: ...
    @overload
    def typed_evidence(self, kind: Literal["parallel_structure"]) -> ParallelStructureEvidence:
        ...
    @overload
    def typed_evidence(self, kind: Literal["promoter"]) -> PromoterEvidence: ...
    @overload
    def typed_evidence(self, kind: Literal["isolated"]) -> IsolatedEvidence: ...
    @overload
    def typed_evidence(self, kind: Literal["quality_standard"]) -> QualityStandardEvidence: ...
    @overload
    def typed_evidence(self, kind: None = None) -> Evidence: ...

    def typed_evidence(self, kind: Kind | None = None) -> Evidence:
        """The evidence read through the type of its kind (:data:`EVIDENCE_TYPES`).

        ``kind`` must be this finding's kind (a :class:`ValueError` otherwise); without it
        only the keys every kind may carry (:class:`Evidence`) are typed. The dict itself
        is returned, not a copy.

        >>> f = Finding.create("transition_gap", "high", "Lücke", transition="kita_school",
        ...                    evidence={"earlier_count": 3, "unlinked": ["K"]})
        >>> f.typed_evidence("transition_gap").get("earlier_count")
        3
        """
        if kind is not None and kind != self.kind:
            raise ValueError(f"Befund {self.id} ist von der Art {self.kind}, nicht {kind}.")
        return cast(Evidence, self.evidence)

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


@dataclass(frozen=True)
class TransitionRow:
    """One transition of the whole Kommune for the transition figure: institutions of the
    earlier phase linked and not linked to the later phase, and a German note."""

    transition: str  # value of :class:`~netzkarte.vocab.Transition`
    linked: int
    unlinked: int
    note: str = ""


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
    data_quality: DataQuality = field(default_factory=DataQuality)
    #: the map the findings are about (not serialised; Jupyter shows the result on it)
    network: NetworkMap | None = field(default=None, repr=False, compare=False)
    # What the figures and the report show beside the findings (not serialised; filled by
    # analyze, empty in a result built by hand or read back from JSON):
    #: offers per district × life phase: index (district display name, life phase value),
    #: columns ``offers``, ``per_1000_children``, ``need`` … (see
    #: :func:`netzkarte.analysis.coverage.coverage_table`)
    coverage: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False, compare=False)
    #: the column of the Sozialräume sheet used as need indicator, if any
    need_column: str | None = None
    #: the map's Sozialräume: folded key → display name, in map order
    districts: dict[str, str] = field(default_factory=dict)
    #: per transition of the whole Kommune: linked and unlinked institutions
    transitions: list[TransitionRow] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.findings = sorted(self.findings,
                               key=lambda f: (SEVERITY_RANK[f.severity], -f.score, f.id))

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def centrality(self) -> pd.DataFrame:
        """Centrality per actor and office (``tables["centrality"]``; empty when missing)."""
        return self.tables.get("centrality", pd.DataFrame())

    @property
    def brokerage(self) -> pd.DataFrame:
        """Brokerage roles per actor and office, one column per :data:`BROKERAGE_ROLES`,
        ``total`` and ``cross_group`` (``tables["brokerage"]``; empty when missing)."""
        return self.tables.get("brokerage", pd.DataFrame())

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
        counts = {s: sum(f.severity == s for f in self.findings) for s in SEVERITY_RANK}
        head = (f"<p><b>{html.escape(self.municipality or '')}</b>: {len(self.findings)} "
                "Befunde " + ", ".join(f"{n} {SEVERITY_LABELS[s]}" for s, n in counts.items()
                                       if n) + "</p>")
        rows = "".join(
            f"<tr><td>{SEVERITY_LABELS[f.severity]}</td><td>{KIND_LABELS[f.kind]}</td>"
            f"<td>{html.escape(f.title)}</td><td>{html.escape(f.recommendation)}</td></tr>"
            for f in self.findings[:50])
        rest = len(self.findings) - 50
        more = (f"<p>… und {count_noun(rest, 'weiterer Befund', 'weitere Befunde')} "
                "(<code>to_frame()</code>)</p>" if rest > 0 else "")
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


# --- comparison of two snapshots ----------------------------------------------------------------

EdgeKey = tuple[str, str, str]
"""``(source, target, kind)``; symmetric kinds with the two ids sorted."""

PRIVATE_FIELDS: frozenset[str] = PERSONAL_FIELDS | {"note"}
"""Node fields whose values shared outputs (``to_dict``, the HTML page) do not show: a
change is reported, its content is not (contact data is personal, notes often are too —
the map shows them only with ``--mit-kontaktdaten`` as well)."""
PRIVATE_VALUE = "(nicht ausgegeben)"


@dataclass
class Comparison:
    """What changed from ``old`` to ``new`` (all ids refer to the maps' stable IDs)."""

    old: NetworkMap
    new: NetworkMap
    nodes_added: list[str] = field(default_factory=list)
    nodes_removed: list[str] = field(default_factory=list)
    nodes_changed: list[tuple[str, str, str, str]] = field(default_factory=list)
    edges_added: list[EdgeKey] = field(default_factory=list)
    edges_removed: list[EdgeKey] = field(default_factory=list)
    strength_changed: list[tuple[EdgeKey, int, int]] = field(default_factory=list)
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)
    findings_resolved: list[Finding] = field(default_factory=list)
    findings_new: list[Finding] = field(default_factory=list)
    findings_kept: list[Finding] = field(default_factory=list)
    findings_continued: list[tuple[Finding, Finding]] = field(default_factory=list)
    quality_changes: list[tuple[str, str, str, str]] = field(default_factory=list)
    figure_keys: dict[str, str] = field(default_factory=dict)
    old_result: AnalysisResult | None = None
    new_result: AnalysisResult | None = None

    def __repr__(self) -> str:
        s = self.summary()
        when = " → ".join(str(m.meta.snapshot or "?") for m in (self.old, self.new))
        return (f"<Comparison {self.new.meta.municipality or self.old.meta.municipality or '?'}"
                f" {when}: {s['nodes_added']} Knoten neu, {s['nodes_removed']} entfallen, "
                f"{s['edges_added']} Beziehungen neu, {s['edges_removed']} entfallen, "
                f"{s['findings_resolved']} Befunde gelöst, {s['findings_new']} neu>")

    def _label(self, node_id: str) -> str:
        for m in (self.new, self.old):
            if node_id in m:
                return m.name(node_id)
        return node_id

    def summary(self) -> dict[str, int]:
        """Counts of every kind of change."""
        return {"nodes_added": len(self.nodes_added), "nodes_removed": len(self.nodes_removed),
                "nodes_changed": len({c[0] for c in self.nodes_changed}),
                "edges_added": len(self.edges_added), "edges_removed": len(self.edges_removed),
                "strength_changed": len(self.strength_changed),
                "findings_resolved": len(self.findings_resolved),
                "findings_new": len(self.findings_new),
                "findings_kept": len(self.findings_kept),
                "quality_changes": len(self.quality_changes)}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (``netzkarte vergleich --json``)."""
        def node(nid: str, m: NetworkMap) -> dict[str, Any]:
            return {"id": nid, "name": m.name(nid), "type": m.node_type(nid).value}

        def edge(key: EdgeKey) -> dict[str, Any]:
            return {"source": key[0], "target": key[1], "kind": key[2]}

        figures = [] if self.figures.empty else [
            {"figure": idx, "key": self.figure_keys.get(str(idx), str(idx)),
             "old": _jsonable(row["alt"]), "new": _jsonable(row["neu"]),
             "change": _jsonable(row["Veränderung"]),
             "rating": _jsonable(row.get("Bewertung", ""))}
            for idx, row in self.figures.iterrows()]
        return {
            "old": {"municipality": self.old.meta.municipality,
                    "snapshot": _jsonable(self.old.meta.snapshot)},
            "new": {"municipality": self.new.meta.municipality,
                    "snapshot": _jsonable(self.new.meta.snapshot)},
            "summary": self.summary(),
            "nodes_added": [node(n, self.new) for n in self.nodes_added],
            "nodes_removed": [node(n, self.old) for n in self.nodes_removed],
            "nodes_changed": [{"id": n, "field": f,
                               "old": PRIVATE_VALUE if f in PRIVATE_FIELDS else o,
                               "new": PRIVATE_VALUE if f in PRIVATE_FIELDS else w}
                              for n, f, o, w in self.nodes_changed],
            "edges_added": [edge(k) for k in self.edges_added],
            "edges_removed": [edge(k) for k in self.edges_removed],
            "strength_changed": [{**edge(k), "old": a, "new": b}
                                 for k, a, b in self.strength_changed],
            "figures": figures,
            "findings_resolved": [f.to_dict() for f in self.findings_resolved],
            "findings_new": [f.to_dict() for f in self.findings_new],
            "findings_kept": [f.id for f in self.findings_kept],
            "quality_changes": [{"id": i, "title": t, "old": o, "new": n}
                                for i, t, o, n in self.quality_changes],
        }

    def to_json(self) -> str:
        """Serialised :meth:`to_dict`."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, default=str)

    def to_frame(self) -> pd.DataFrame:
        """One row per change, German columns (Art, Änderung, Knoten, Details)."""
        rows: list[dict[str, str]] = []
        for n in self.nodes_added:
            rows.append({"Art": "Knoten", "Änderung": "neu", "Knoten": self._label(n),
                         "Details": self.new.node_type(n).label})
        for n in self.nodes_removed:
            rows.append({"Art": "Knoten", "Änderung": "entfallen", "Knoten": self._label(n),
                         "Details": self.old.node_type(n).label})
        for n, fld, o, w in self.nodes_changed:
            rows.append({"Art": "Knoten", "Änderung": "geändert", "Knoten": self._label(n),
                         "Details": f"{fld}: {o} → {w}"})
        for label, keys in (("neu", self.edges_added), ("entfallen", self.edges_removed)):
            for u, v, kind in keys:
                rows.append({"Art": "Beziehung", "Änderung": label,
                             "Knoten": f"{self._label(u)} – {self._label(v)}",
                             "Details": EdgeKind(kind).label})
        for (u, v, _), a, b in self.strength_changed:
            rows.append({"Art": "Beziehung", "Änderung": "Stärke geändert",
                         "Knoten": f"{self._label(u)} – {self._label(v)}",
                         "Details": f"{Strength(a).label} → {Strength(b).label}"})
        for label, found in (("gelöst", self.findings_resolved), ("neu", self.findings_new)):
            for finding in found:
                rows.append({"Art": "Befund", "Änderung": label, "Knoten": finding.title,
                             "Details": finding.severity})
        return pd.DataFrame(rows, columns=["Art", "Änderung", "Knoten", "Details"])

    def headline(self) -> str:
        """One German sentence with the main counts (plain text, not escaped)."""
        s = self.summary()
        title = self.new.meta.municipality or self.old.meta.municipality or ""
        text = (f"Vergleich {title}".rstrip() + f": {s['nodes_added']} Knoten neu, "
                f"{s['nodes_removed']} entfallen, {s['edges_added']} Beziehungen neu, "
                f"{s['edges_removed']} entfallen")
        if self.old_result is None or self.new_result is None:
            return text + " (ohne Analysen)."
        return text + f", {s['findings_resolved']} Befunde gelöst, {s['findings_new']} neu."

    def _repr_html_(self) -> str:
        """Inline display in Jupyter: the comparison page's body (figures, changes, findings)."""
        try:
            from netzkarte.render.comparison import comparison_fragment
        except ImportError:  # the render layer is optional for the data object
            head = html.escape(self.headline())
            table = "" if self.figures.empty else self.figures.to_html(
                float_format=lambda x: f"{x:.3g}")
            return f"<p>{head}</p>{table}"
        return comparison_fragment(self)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, float):
        return None if value != value else round(value, 6)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return _jsonable(value.item())
    return str(value)


# --- the Kreis and Land overview ----------------------------------------------------------------


@dataclass
class KommuneResult:
    """One Kommune of the overview.

    ``map`` is its own map (its nodes and the Kreis nodes serving it,
    :func:`~netzkarte.analysis.kommunen.split_by_municipality`); ``result`` its part of the
    analysis (see the module docstring for ``result.summary["kommune"]``); ``change`` the
    comparison with its earlier snapshot, if one was given.
    """

    name: str
    map: NetworkMap
    result: AnalysisResult
    change: Comparison | None = None

    @property
    def block(self) -> dict[str, Any]:
        """``result.summary["kommune"]``: the figures of the overview table."""
        block: dict[str, Any] = self.result.summary["kommune"]
        return block


@dataclass
class Overview:
    """Every Kommune of a Kreis or Land map, analysed once.

    Attributes
    ----------
    title : str
        The Kreis or Land (the map's name).
    county : str
        The Kreise the map names.
    snapshot : date or None
        The newest *Stand* of the map.
    kommunen : list of KommuneResult
        In alphabetical order (numbers by value: 2 before 10).
    county_findings : list of Finding
        Findings of the Kreis and Land level (``municipality`` ``None``).
    whole : AnalysisResult
        The analysis of the whole map (what ``netzkarte analyse`` gives).
    checks : list of (str, str)
        The quality checks (id, title) in the framework's order: the matrix columns.
    """

    title: str
    county: str
    snapshot: date | None
    kommunen: list[KommuneResult]
    county_findings: list[Finding]
    whole: AnalysisResult
    checks: list[tuple[str, str]] = field(default_factory=list)

    @property
    def generated(self) -> str:
        """When the analysis ran (ISO, from the analysis)."""
        return self.whole.generated
