"""Change between two snapshots of the same municipality's Netzwerkkarte.

Nodes are matched by their stable ID, ties by ``(source, target, kind)`` (both directions
for the symmetric kinds cooperation and contract), findings by their stable finding id.
The quality circle's question — what did the last cycle change? — becomes: which nodes and
ties appeared or were lost, how the key figures moved, which findings were resolved and
which are new.

Examples
--------
>>> from netzkarte import NetworkMap
>>> old = NetworkMap("Testheim"); old.add_node("A", "actor", name="Kita A")
>>> new = NetworkMap("Testheim"); new.add_node("A", "actor", name="Kita A")
>>> new.add_node("B", "actor", name="Familienzentrum B", category="Familienzentrum")
>>> _ = new.add_edge("A", "B", "cooperation", strength=2)
>>> diff = compare(old, new, analyses=False)
>>> diff.nodes_added, len(diff.edges_added)
(['B'], 1)
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from typing import Any

import pandas as pd

from netzkarte.model import NODE_FIELDS, NetworkMap
from netzkarte.results import (
    PRIVATE_FIELDS,
    PRIVATE_VALUE,
    AnalysisResult,
    Comparison,
    EdgeKey,
    Finding,
)
from netzkarte.vocab import EDGE_RULES, EdgeKind, NodeType, Strength, Term

__all__ = ["FIGURES", "PRIVATE_FIELDS", "PRIVATE_VALUE", "Comparison", "EdgeKey", "compare"]

log = logging.getLogger(__name__)

FIGURES: dict[str, tuple[str, int]] = {
    "actors_and_offices": ("Akteure und Ämter im Kooperationsnetz", 0),
    "collaboration_ties": ("Verbindungen im Kooperationsnetz", 1),
    "density": ("Dichte", 1),
    "components": ("Komponenten (voneinander getrennte Teile)", -1),
    "largest_component_share": ("Anteil in der größten Komponente", 1),
    "communities": ("Teilnetze (eng verbundene Gruppen)", 0),
    "modularity": ("Modularität", 0),
    "ei_index": ("E-I-Index (Verbindungen über Handlungsfelder)", 1),
    "betweenness_gini": ("Ungleichverteilung der Vermittlungsrolle (Gini)", -1),
    "cross_sector_brokerage": ("Vermittlungen zwischen Handlungsfeldern", 1),
    "steering_bodies": ("Steuerungsgremien", 0),
    "steering_members": ("Mitglieder der Steuerungsgremien", 0),
    "mean_steps_to_steering": ("Mittlere Schritte zu den Steuerungsgremien", -1),
    "unreachable_from_steering": ("Ohne Weg zu einem Steuerungsgremium", -1),
}
"""Key figures of the analysis summary in the comparison: key → (German label, polarity).

Polarity says what a rise means for a Präventionskette: ``1`` favourable (more ties, more
cross-sector brokerage), ``-1`` unfavourable (more separate parts, more dependence on a
few brokers), ``0`` neither. Node and edge counts are neutral except ties (favourable)."""

_RATING = {1: "günstig", -1: "ungünstig", 0: ""}

def _edge_key(u: str, v: str, kind: EdgeKind) -> EdgeKey:
    if not EDGE_RULES[kind].directed and v < u:
        u, v = v, u
    return (u, v, kind.value)


def _edge_index(m: NetworkMap) -> tuple[Counter[EdgeKey], dict[EdgeKey, int]]:
    keys: Counter[EdgeKey] = Counter()
    strengths: dict[EdgeKey, int] = {}
    for u, v, _, d in m.iter_edges():
        key = _edge_key(u, v, d["kind"])
        keys[key] += 1
        if isinstance(d.get("strength"), Strength):
            strengths[key] = max(strengths.get(key, 0), int(d["strength"]))
    return keys, strengths


def _show(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, Term):
        return value.label
    if isinstance(value, tuple):
        return "; ".join(_show(v) for v in value) or "–"
    return str(value)


def _figures(old: AnalysisResult | None, new: AnalysisResult | None, a: NetworkMap,
             b: NetworkMap) -> tuple[pd.DataFrame, dict[str, str]]:
    """The key-figure table (German row labels) and label → stable key (for JSON)."""
    rows: dict[str, tuple[Any, Any, int]] = {}
    keys: dict[str, str] = {}

    def add(key: str, label: str, before: Any, after: Any, polarity: int) -> None:
        rows[label] = (before, after, polarity)
        keys[label] = key

    for t in NodeType:
        add(f"nodes.{t.value}", f"Knoten: {t.label}", a.counts()[t.value], b.counts()[t.value],
            0)
    for k in EdgeKind:
        add(f"edges.{k.value}", f"Beziehungen: {k.label}", a.edge_counts()[k.value],
            b.edge_counts()[k.value], 1 if k in _TIE_KINDS else 0)
    if old is not None and new is not None:
        for key, (label, polarity) in FIGURES.items():
            before, after = old.summary.get(key), new.summary.get(key)
            if _number(before) and _number(after):
                add(key, label, before, after, polarity)
        for key, (label, polarity) in _EXTRA_FIGURES.items():
            before, after = _count_at(old, key), _count_at(new, key)
            add(key, label, before, after, polarity)
    # object columns keep counts as ints (108, not 108.000000) beside ratios like 0.1318
    frame = pd.DataFrame(
        {"alt": pd.Series([row[0] for row in rows.values()], dtype=object),
         "neu": pd.Series([row[1] for row in rows.values()], dtype=object),
         "Veränderung": pd.Series([_change(row[0], row[1]) for row in rows.values()],
                                  dtype=object)})
    frame.index = pd.Index(list(rows), name="Kennzahl")
    frame["Bewertung"] = [
        "" if change == 0 or change != change else _RATING[rows[label][2] * (1 if change > 0
                                                                              else -1)]
        for label, change in zip(frame.index, frame["Veränderung"], strict=True)]
    return frame, keys


_TIE_KINDS = frozenset({EdgeKind.COOPERATION, EdgeKind.REFERRAL, EdgeKind.CONTRACT})

_EXTRA_FIGURES: dict[str, tuple[str, int]] = {
    "findings": ("Befunde (gesamt)", -1),
    "findings_by_severity.high": ("Befunde (hoch)", -1),
    "findings_by_kind.transition_gap": ("Befunde: Übergangslücken", -1),
    "findings_by_kind.coverage_gap": ("Befunde: Versorgungslücken", -1),
    "findings_by_kind.parallel_structure": ("Befunde: Parallelstrukturen", -1),
    "findings_by_kind.bottleneck": ("Befunde: Engpässe", -1),
    "quality_checks.pass": ("Qualitätsrahmen: erfüllt", 1),
    "quality_checks.fail": ("Qualitätsrahmen: nicht erfüllt", -1),
}


def _change(before: Any, after: Any) -> int | float:
    if isinstance(before, int) and isinstance(after, int):
        return after - before
    return round(float(after) - float(before), 6)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _count_at(result: AnalysisResult, key: str) -> int:
    """A count from the summary (``"findings_by_kind.transition_gap"``), else from findings."""
    head, _, tail = key.partition(".")
    value: Any = result.summary.get(head)
    if tail:
        value = value.get(tail) if isinstance(value, dict) else None
    if _number(value):
        return int(value)
    if head == "findings":
        return len(result.findings)
    if head == "findings_by_severity":
        return sum(f.severity == tail for f in result.findings)
    if head == "findings_by_kind":
        return sum(f.kind == tail for f in result.findings)
    return sum(q.status == tail for q in result.quality_checks)


_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")


def _topic(f: Finding) -> tuple[str, str, str, str]:
    """What a finding is about, apart from its numbers and exact node set."""
    return (f.kind, f.transition or "", f.district or "", _DIGITS.sub("#", f.title))


def _match_findings(old: list[Finding], new: list[Finding]
                    ) -> tuple[list[Finding], list[Finding], list[tuple[Finding, Finding]]]:
    """Pair old and new findings: by stable id first, then by topic (one-to-one)."""
    new_by_id = {f.id: f for f in new}
    pairs = [(f, new_by_id[f.id]) for f in old if f.id in new_by_id]
    paired_old = {o.id for o, _ in pairs}
    paired_new = {n.id for _, n in pairs}
    waiting: defaultdict[tuple[str, str, str, str], list[Finding]] = defaultdict(list)
    for f in new:
        if f.id not in paired_new:
            waiting[_topic(f)].append(f)
    resolved: list[Finding] = []
    for f in old:
        if f.id in paired_old:
            continue
        candidates = waiting.get(_topic(f))
        if candidates:
            partner = candidates.pop(0)
            pairs.append((f, partner))
            paired_new.add(partner.id)
        else:
            resolved.append(f)
    appeared = [f for f in new if f.id not in paired_new]
    return resolved, appeared, pairs


def _quality_changes(old: AnalysisResult, new: AnalysisResult) -> list[tuple[str, str, str, str]]:
    before = {q.id: q for q in old.quality_checks}
    out: list[tuple[str, str, str, str]] = []
    for q in new.quality_checks:
        prior = before.get(q.id)
        if prior is not None and prior.status != q.status:
            out.append((q.id, q.title, prior.status, q.status))
    return out


def compare(old: NetworkMap, new: NetworkMap, *, analyses: bool = True,
            old_result: AnalysisResult | None = None,
            new_result: AnalysisResult | None = None) -> Comparison:
    """Compare two snapshots of one Netzwerkkarte.

    Parameters
    ----------
    old, new : NetworkMap
        The earlier and the later snapshot (e.g. Kindertal 2017 and 2019).
    analyses : bool
        Run :func:`netzkarte.analysis.analyze` on both (unless results are given) to
        compare key figures and findings. ``False`` compares structure only (fast).
    old_result, new_result : AnalysisResult, optional
        Precomputed analyses, to avoid running them twice.

    Returns
    -------
    Comparison
        Added/removed/changed nodes, added/removed ties, strength changes, a key-figure
        table (``figures``: alt, neu, Veränderung) and resolved/new findings.

    Notes
    -----
    Linear in the size of both maps plus the cost of the two analyses. Findings are matched
    by their stable ids, which hash the finding's kind and nodes: a finding about the same
    nodes in both years counts as kept, not as resolved and new. A finding whose node set
    changed but whose topic stayed (same kind, transition, district and title apart from
    its numbers, e.g. "4 gleichartige Angebote „Elterncafé“ in Kreuzfeld" with one provider more)
    also counts as kept (``findings_continued`` pairs old and new); otherwise a coordinator
    would read it as solved and as new at once.
    """
    diff = Comparison(old=old, new=new)
    old_ids, new_ids = set(old.graph), set(new.graph)
    diff.nodes_added = [n for n in new.graph if n not in old_ids]
    diff.nodes_removed = [n for n in old.graph if n not in new_ids]
    for nid in new.graph:
        if nid not in old_ids:
            continue
        a, b = old.graph.nodes[nid], new.graph.nodes[nid]
        for fld in ("type", *NODE_FIELDS[b["type"]]):
            if a.get(fld) != b.get(fld):
                diff.nodes_changed.append((nid, fld, _show(a.get(fld)), _show(b.get(fld))))
    old_edges, old_strength = _edge_index(old)
    new_edges, new_strength = _edge_index(new)
    diff.edges_added = sorted((new_edges - old_edges).elements())
    diff.edges_removed = sorted((old_edges - new_edges).elements())
    diff.strength_changed = sorted(
        (k, old_strength[k], s) for k, s in new_strength.items()
        if k in old_strength and old_strength[k] != s)
    if analyses and (old_result is None or new_result is None):
        from netzkarte.analysis.core import analyze

        old_result = old_result or analyze(old)
        new_result = new_result or analyze(new)
    diff.old_result, diff.new_result = old_result, new_result
    if old_result is not None and new_result is not None:
        resolved, appeared, pairs = _match_findings(old_result.findings, new_result.findings)
        diff.findings_resolved, diff.findings_new = resolved, appeared
        diff.findings_continued = pairs
        order = {f.id: i for i, f in enumerate(new_result.findings)}
        diff.findings_kept = sorted((n for _, n in pairs), key=lambda f: order[f.id])
        diff.quality_changes = _quality_changes(old_result, new_result)
    diff.figures, diff.figure_keys = _figures(old_result, new_result, old, new)
    log.info("Vergleich: %d Knoten neu, %d entfallen, %d Beziehungen neu, %d entfallen",
             len(diff.nodes_added), len(diff.nodes_removed), len(diff.edges_added),
             len(diff.edges_removed))
    return diff
