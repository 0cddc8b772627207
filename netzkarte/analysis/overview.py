"""The Kreis and Land overview: one analysis, read per Kommune.

A Kreis coordinator or a Land's Servicestelle compares the Präventionsketten of many
Kommunen. :func:`overview` analyses the combined map once (:func:`~netzkarte.analysis.
core.analyze`, which judges transitions, coverage, promoters and the quality framework
per Kommune) and gives every Kommune its own :class:`~netzkarte.analysis.findings.
AnalysisResult`: its findings and quality checks from that analysis, the key figures of
its map (its own nodes and the Kreis nodes serving it), its *Datenlage* over its own
entries, and — where an earlier snapshot of it exists — what changed
(:func:`netzkarte.compare`). Renderers only format these results
(:mod:`netzkarte.render.overview`); every number of the overview is in them.

The overview block of each Kommune (``result.summary["kommune"]``)
---------------------------------------------------------------------
``nodes``
    Its own nodes by type (without the Kreis and Land level).
``ties``
    Edges with at least one of its own nodes at an end.
``county_nodes``
    Kreis- and Land-level nodes in its map.
``steering``, ``coordination``
    Status of the checks *Steuerungsgruppe vorhanden* and *Hauptamtliche
    Netzwerkkoordination* (``pass``/``warn``/``fail``/``unknown``).
``quality``
    The quality framework at a glance: ``unknown`` when the Datenlage is poor (then a
    missing answer neither reads as fulfilled nor as failed); else ``fail`` when a check
    fails, ``warn`` when a check is partly met or unknown, ``pass`` only when every check
    is met.
``datenlage``
    ``good``, ``gaps`` or ``poor`` (:data:`DATENLAGE_LABELS`): from the share of its own
    entries the analyses could not judge (:data:`GAPS_SHARE`, :data:`POOR_SHARE`), the
    checks that stayed unknown and the uncertain findings.
``unclassified``, ``judged``, ``unknown_checks``, ``uncertain_findings``
    The numbers behind it.
``snapshot``
    Its *Stand* (ISO date) or ``None``.
``change``
    With an earlier snapshot: ``since`` (its *Stand*), nodes and ties added and removed,
    findings resolved and new, quality checks better and worse; else ``None``.

Examples
--------
>>> from netzkarte.datasets.synthetic import synthetic
>>> s = synthetic(1500, seed=2, municipalities=3)
>>> ov = overview(s.map, progress=False)
>>> [k.name for k in ov.kommunen]
['Musterstadt 1', 'Musterstadt 2', 'Musterstadt 3']
>>> block = ov.kommunen[0].result.summary["kommune"]
>>> block["steering"], block["datenlage"]
('pass', 'good')
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from typing import Any

from netzkarte.analysis.core import (
    METRIC_OPTIONS,
    _finding_counts,
    _key_figures,
    add_tables,
    analyze,
)
from netzkarte.analysis.datenlage import data_quality
from netzkarte.analysis.kommunen import split_by_municipality
from netzkarte.gc_pause import gc_paused
from netzkarte.kommunen import municipalities, municipality_of
from netzkarte.model import NetworkMap
from netzkarte.progress import progress_bar
from netzkarte.results import (
    DATENLAGE_LABELS,
    AnalysisResult,
    Comparison,
    Finding,
    KommuneResult,
    Overview,
    QualityCheck,
)
from netzkarte.vocab import NodeType, fold

__all__ = ["DATENLAGE_LABELS", "GAPS_SHARE", "POOR_SHARE", "KommuneResult", "Overview",
           "overview"]

log = logging.getLogger(__name__)

GAPS_SHARE = 0.1
"""From this share of own entries the analyses could not judge, the Datenlage is
*lückenhaft*: one in ten Kitas or offers unplaced already hides gaps."""
POOR_SHARE = 0.3
"""From this share it is *unzureichend*: the findings of the Kommune say little."""

_STEERING = "qs-steering-exists"
_COORDINATION = "qs-coordination-exists"
_RANK = {"fail": 0, "warn": 1, "pass": 2}


def overview(m: NetworkMap, *, earlier: NetworkMap | None = None,
             result: AnalysisResult | None = None, progress: bool | None = None,
             **options: Any) -> Overview:
    """Analyse a map of several Kommunen once and give each Kommune its own result.

    Parameters
    ----------
    m : NetworkMap
        A Kreis or Land map (e.g. from :func:`netzkarte.io.combine.read_many`); a map of
        one Kommune gives an overview of one.
    earlier : NetworkMap, optional
        Earlier snapshots of some Kommunen, with the same IDs
        (:attr:`netzkarte.io.combine.Combined.earlier`): each such Kommune gets
        ``change``.
    result : AnalysisResult, optional
        ``analyze(m)`` when already computed.
    progress : bool, optional
        Progress bars (``None``: when stderr is a terminal).
    **options
        Options of :func:`~netzkarte.analysis.core.analyze` (thresholds, ``seed`` …).

    Returns
    -------
    Overview

    Notes
    -----
    One analysis of the whole map, then per Kommune the key figures of its map (igraph,
    about 30 ms for 400 nodes) and its Datenlage; with ``earlier``, both snapshots of
    each such Kommune are analysed on their own for the comparison.
    """
    with gc_paused():
        whole = result if result is not None else analyze(m, progress=progress, **options)
        owner = municipality_of(m)
        named = municipalities(m)
        if named:
            parts = sorted(split_by_municipality(m), key=lambda kv: _natural(kv[0]))
        else:
            parts = [(m.meta.municipality or "(ohne Namen)", m)]
        findings: defaultdict[str, list[Finding]] = defaultdict(list)
        checks: defaultdict[str, list[QualityCheck]] = defaultdict(list)
        single = len(parts) == 1
        for f in whole.findings:
            key = fold(parts[0][0]) if single and f.municipality is not None else \
                fold(f.municipality or "")
            findings[key].append(f)
        for q in whole.quality_checks:
            key = fold(parts[0][0]) if single else fold(q.municipality or "")
            checks[key].append(q)
        metric_options = {"backend": "igraph",
                          **{k: v for k, v in options.items() if k in METRIC_OPTIONS}}
        old_parts = ({fold(name): part for name, part in split_by_municipality(earlier)}
                     if earlier is not None and len(earlier) else {})
        old_above = ({n for n, home in municipality_of(earlier).items() if home is None}
                     if earlier is not None else set())
        out: list[KommuneResult] = []
        bar = progress_bar(len(parts), desc="Kommunen", enabled=progress)
        try:
            for name, part in parts:
                bar.set_postfix_str(name[-30:])
                own = [n for n in part.graph if owner.get(n) == name] if named \
                    else list(part.graph)
                mine = findings.get(fold(name), [])
                their_checks = checks.get(fold(name), [])
                summary, tables = _key_figures(part, **metric_options)
                summary.update(_finding_counts(mine, their_checks))
                dq = data_quality(part, mine, only=own)
                involved = {n for f in mine for n in f.nodes}
                res = AnalysisResult(municipality=name, summary=summary, findings=mine,
                                     quality_checks=their_checks, tables=tables,
                                     generated=whole.generated, version=whole.version,
                                     names={n: m.name(n) for n in sorted(involved) if n in m},
                                     data_quality=dq)
                add_tables(part, res, **options)
                change = None
                old = old_parts.get(fold(name))
                if old is not None:
                    from netzkarte.analysis.compare import compare

                    # the Kreis records the earlier file had: the rest of the Kreis is no
                    # change of this Kommune
                    mine_set = set(own)
                    now = part.subgraph([n for n in part.graph
                                         if n in mine_set or n in old_above])
                    now.meta = part.meta
                    change = compare(old, now, analyses=True)
                summary["kommune"] = _block(part, own, res, change)
                out.append(KommuneResult(name, part, res, change))
                bar.update()
        finally:
            bar.close()
    order: dict[str, str] = {}
    for k in out:
        for q in k.result.quality_checks:
            order.setdefault(q.id, q.title)
    county = [f for f in whole.findings if f.municipality is None] if not single else []
    log.info("Übersicht: %d Kommunen, %d Befunde auf Kreisebene", len(out), len(county))
    return Overview(title=m.meta.municipality or m.meta.county or "", county=m.meta.county,
                    snapshot=m.meta.snapshot, kommunen=out, county_findings=county,
                    whole=whole, checks=list(order.items()))


def _natural(name: str) -> list[tuple[int, int, str]]:
    """„Musterstadt 2“ before „Musterstadt 10“."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p)
            for p in re.split(r"(\d+)", fold(name)) if p]


def _status(checks: list[QualityCheck], check_id: str) -> str:
    for q in checks:
        if q.id == check_id:
            return q.status
    return "unknown"


def _block(part: NetworkMap, own: list[str], result: AnalysisResult,
           change: Comparison | None) -> dict[str, Any]:
    """The figures of one Kommune in the overview (see the module docstring)."""
    g = part.graph
    mine = set(own)
    nodes = {t.value: 0 for t in NodeType}
    for n in own:
        nodes[g.nodes[n]["type"].value] += 1
    ties = sum(1 for u, v in g.edges() if u in mine or v in mine)
    dq = result.data_quality
    unclassified = sum(1 for entry in dq.get("nodes") or ()
                       if set(entry.get("reasons") or ()) - {"planned_offer"})
    judged = sum(1 for n in own if g.nodes[n]["type"] is not NodeType.COMMITTEE)
    checks = result.quality_checks
    unknown = sum(q.status == "unknown" for q in checks)
    uncertain = sum(f.confidence == "unsicher" for f in result.findings)
    share = unclassified / judged if judged else 1.0
    many_unknown = unknown >= max(3, len(checks) / 3) if checks else True
    if not judged or share >= POOR_SHARE or many_unknown:
        datenlage = "poor"
    elif share >= GAPS_SHARE or unknown or uncertain:
        datenlage = "gaps"
    else:
        datenlage = "good"
    statuses = {q.status for q in checks}
    if datenlage == "poor":  # with these data neither „erfüllt“ nor „nicht erfüllt“ holds
        quality = "unknown"
    elif "fail" in statuses:
        quality = "fail"
    elif statuses & {"warn", "unknown"}:
        quality = "warn"
    else:
        quality = "pass"
    snapshot = part.meta.snapshot
    return {"nodes": nodes, "ties": ties, "county_nodes": len(g) - len(own),
            "steering": _status(checks, _STEERING),
            "coordination": _status(checks, _COORDINATION),
            "quality": quality, "datenlage": datenlage, "unclassified": unclassified,
            "judged": judged, "unknown_checks": unknown, "uncertain_findings": uncertain,
            "snapshot": snapshot.isoformat() if snapshot else None,
            "change": _change(change) if change is not None else None}


def _change(diff: Comparison) -> dict[str, Any]:
    better = worse = 0
    for _, _, before, after in diff.quality_changes:
        if before in _RANK and after in _RANK:
            better += _RANK[after] > _RANK[before]
            worse += _RANK[after] < _RANK[before]
    s = diff.summary()
    since = diff.old.meta.snapshot
    return {"since": since.isoformat() if since else None,
            "nodes_added": s["nodes_added"], "nodes_removed": s["nodes_removed"],
            "edges_added": s["edges_added"], "edges_removed": s["edges_removed"],
            "findings_resolved": s["findings_resolved"], "findings_new": s["findings_new"],
            "quality_better": better, "quality_worse": worse}
