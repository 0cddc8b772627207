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

import html
import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from netzkarte.model import NODE_FIELDS, NetworkMap
from netzkarte.vocab import EDGE_RULES, EdgeKind, NodeType, Strength, Term

if TYPE_CHECKING:
    from netzkarte.analysis.findings import AnalysisResult, Finding

__all__ = ["Comparison", "EdgeKey", "compare"]

log = logging.getLogger(__name__)

EdgeKey = tuple[str, str, str]
"""``(source, target, kind)``; symmetric kinds with the two ids sorted."""


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
    old_result: AnalysisResult | None = None
    new_result: AnalysisResult | None = None

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
                "findings_new": len(self.findings_new)}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (``netzkarte vergleich --json``)."""
        def node(nid: str, m: NetworkMap) -> dict[str, Any]:
            return {"id": nid, "name": m.name(nid), "type": m.node_type(nid).value}

        def edge(key: EdgeKey) -> dict[str, Any]:
            return {"source": key[0], "target": key[1], "kind": key[2]}

        figures = [] if self.figures.empty else [
            {"figure": idx, "old": _jsonable(row["alt"]), "new": _jsonable(row["neu"]),
             "change": _jsonable(row["Veränderung"])} for idx, row in self.figures.iterrows()]
        return {
            "old": {"municipality": self.old.meta.municipality,
                    "snapshot": _jsonable(self.old.meta.snapshot)},
            "new": {"municipality": self.new.meta.municipality,
                    "snapshot": _jsonable(self.new.meta.snapshot)},
            "summary": self.summary(),
            "nodes_added": [node(n, self.new) for n in self.nodes_added],
            "nodes_removed": [node(n, self.old) for n in self.nodes_removed],
            "nodes_changed": [{"id": n, "field": f, "old": o, "new": w}
                              for n, f, o, w in self.nodes_changed],
            "edges_added": [edge(k) for k in self.edges_added],
            "edges_removed": [edge(k) for k in self.edges_removed],
            "strength_changed": [{**edge(k), "old": a, "new": b}
                                 for k, a, b in self.strength_changed],
            "figures": figures,
            "findings_resolved": [f.to_dict() for f in self.findings_resolved],
            "findings_new": [f.to_dict() for f in self.findings_new],
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

    def _repr_html_(self) -> str:
        s = self.summary()
        title = html.escape(self.new.meta.municipality or self.old.meta.municipality or "")
        parts = [f"<p><b>Vergleich {title}</b>: {s['nodes_added']} Knoten neu, "
                 f"{s['nodes_removed']} entfallen, {s['edges_added']} Beziehungen neu, "
                 f"{s['edges_removed']} entfallen, {s['findings_resolved']} Befunde gelöst, "
                 f"{s['findings_new']} neu.</p>"]
        if not self.figures.empty:
            parts.append(self.figures.to_html(float_format=lambda x: f"{x:.3g}"))
        return "".join(parts)


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


def _figures(old: AnalysisResult | None, new: AnalysisResult | None, a: NetworkMap,
             b: NetworkMap) -> pd.DataFrame:
    rows: dict[str, tuple[Any, Any]] = {}
    for t in NodeType:
        rows[f"Knoten: {t.label}"] = (a.counts()[t.value], b.counts()[t.value])
    for k in EdgeKind:
        rows[f"Beziehungen: {k.label}"] = (a.edge_counts()[k.value], b.edge_counts()[k.value])
    if old is not None and new is not None:
        for key, value in old.summary.items():
            other = new.summary.get(key)
            if isinstance(value, int | float) and isinstance(other, int | float) \
                    and not isinstance(value, bool):
                rows[key] = (value, other)
        rows["Befunde (hoch)"] = (sum(f.severity == "high" for f in old.findings),
                                  sum(f.severity == "high" for f in new.findings))
        rows["Befunde (gesamt)"] = (len(old.findings), len(new.findings))
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["alt", "neu"])
    frame["Veränderung"] = frame["neu"].astype(float) - frame["alt"].astype(float)
    return frame


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
    nodes in both years counts as kept, not as resolved and new.
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
        old_f = {f.id: f for f in old_result.findings}
        new_f = {f.id: f for f in new_result.findings}
        diff.findings_resolved = [f for i, f in old_f.items() if i not in new_f]
        diff.findings_new = [f for i, f in new_f.items() if i not in old_f]
        diff.findings_kept = [f for i, f in new_f.items() if i in old_f]
    diff.figures = _figures(old_result, new_result, old, new)
    log.info("Vergleich: %d Knoten neu, %d entfallen, %d Beziehungen neu, %d entfallen",
             len(diff.nodes_added), len(diff.nodes_removed), len(diff.edges_added),
             len(diff.edges_removed))
    return diff
