"""``analyze``: run every analysis of a map and gather the findings.

One call computes the key figures of the collaboration network (density, components,
communities, E-I index, centrality, brokerage) and runs every analysis — parallel
structures, transition gaps, coverage gaps, bottlenecks, promoters, isolated nodes and the
quality framework. Thresholds pass through as keyword arguments to the analysis that
declares them; the defaults and their reasons are documented there.

Examples
--------
>>> from netzkarte import NetworkMap
>>> m = NetworkMap("Beispiel")
>>> m.add_node("K", "actor", name="Kita Wiese", category="Kita")
>>> result = analyze(m, progress=False)
>>> result.summary["nodes"]["actor"], [f.title for f in result.by_kind("isolated")]
(1, ['Kita Wiese ist mit niemandem verbunden'])
"""

from __future__ import annotations

import difflib
import hashlib
import inspect
import logging
import math
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import networkx as nx
import pandas as pd

from netzkarte.analysis.bottlenecks import find_bottlenecks
from netzkarte.analysis.coverage import coverage_table, find_coverage_gaps
from netzkarte.analysis.datenlage import data_quality, format_data_quality
from netzkarte.analysis.isolated import find_isolated
from netzkarte.analysis.kommunen import find_county_gaps, split_by_municipality
from netzkarte.analysis.parallel import find_parallel_structures
from netzkarte.analysis.promoters import find_promoter_gaps
from netzkarte.analysis.quality import check_quality
from netzkarte.analysis.steering import STEERING_BODY_DEFINITION, steering_bodies_text
from netzkarte.analysis.transitions import find_transition_gaps, transition_rows
from netzkarte.districts import district_names, need_column
from netzkarte.errors import NetzkarteError, OptionError
from netzkarte.gc_pause import gc_paused
from netzkarte.kommunen import municipalities, municipality_of
from netzkarte.model import NetworkMap
from netzkarte.progress import progress_bar
from netzkarte.results import (
    KIND_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    STATUS_TEXT,
    AnalysisResult,
    Finding,
    QualityCheck,
)
from netzkarte.text import count_noun, date_text, join_and, number
from netzkarte.vocab import CONFIRMATION_COLUMN, Confirmation, EdgeKind, NodeType, Sector

__all__ = ["ANALYSES", "METRIC_OPTIONS", "Analysis", "add_tables", "analysis_options",
           "analyze", "confirmed_ties_only", "format_summary"]

log = logging.getLogger(__name__)


Output = tuple[list[Finding], list[QualityCheck]]
"""What one analysis run gives: findings and quality checks (most give no checks)."""


@dataclass(frozen=True)
class Analysis:
    """One analysis of :func:`analyze`.

    ``run(m, tables, **options)`` is the one signature every analysis has: the map, the
    key-figure tables computed once beforehand (``centrality`` …), and the analysis's own
    keyword options, which are those of ``function`` (the public function documented in
    its module). ``per_municipality``: run once per Kommune when a map holds several (its
    suggestions and checks never cross a Kommune's border); otherwise on the whole map.
    """

    key: str
    label: str  # German, for the progress bar
    function: Callable[..., Any]
    run: Callable[..., Output]
    per_municipality: bool = False


def _findings_only(func: Callable[..., list[Finding]]) -> Callable[..., Output]:
    def run(m: NetworkMap, tables: dict[str, pd.DataFrame], **options: Any) -> Output:
        return func(m, **options), []
    return run


def _bottlenecks(m: NetworkMap, tables: dict[str, pd.DataFrame], **options: Any) -> Output:
    return find_bottlenecks(m, centrality_table=tables["centrality"], **options), []


def _quality(m: NetworkMap, tables: dict[str, pd.DataFrame], **options: Any) -> Output:
    checks, findings = check_quality(m, **options)
    return findings, checks


ANALYSES: tuple[Analysis, ...] = (
    Analysis("parallel", "Parallelstrukturen", find_parallel_structures,
             _findings_only(find_parallel_structures)),
    Analysis("transitions", "Übergänge", find_transition_gaps,
             _findings_only(find_transition_gaps), per_municipality=True),
    Analysis("coverage", "Versorgungslücken", find_coverage_gaps,
             _findings_only(find_coverage_gaps), per_municipality=True),
    Analysis("bottlenecks", "Engpässe", find_bottlenecks, _bottlenecks),
    Analysis("promoters", "Promotoren", find_promoter_gaps, _findings_only(find_promoter_gaps),
             per_municipality=True),
    Analysis("isolated", "Isolierte Knoten", find_isolated, _findings_only(find_isolated)),
    Analysis("quality", "Qualitätsrahmen", check_quality, _quality, per_municipality=True),
)
"""Every analysis ``analyze`` runs, in this order. A new analysis is a module with a
public function ``(m, *, options…) -> list[Finding]`` and one line here."""

METRIC_OPTIONS: dict[str, Any] = {"seed": 0, "resolution": 1.0, "backend": "auto",
                                  "exact_max_nodes": 5000, "pivots": 1000}
"""Options of the key figures: seed of Leiden and of the pivot sample, Leiden resolution
(see :func:`~netzkarte.analysis.metrics.communities`), centrality backend, the component
size up to which betweenness and closeness are exact, and the pivots of the estimate above
it (see :func:`~netzkarte.analysis.metrics.centrality`)."""

_RESERVED = {"centrality_table"}  # passed by analyze itself, not by the user


def _options_of(func: Callable[..., Any]) -> dict[str, Any]:
    params = inspect.signature(func).parameters.values()
    return {p.name: p.default for p in params
            if p.kind is inspect.Parameter.KEYWORD_ONLY and p.name not in _RESERVED}


def analysis_options() -> dict[str, dict[str, Any]]:
    """Every option ``analyze`` accepts, per analysis, with its default.

    >>> analysis_options()["bottlenecks"]["max_committees"]
    5
    """
    out: dict[str, dict[str, Any]] = {"metrics": dict(METRIC_OPTIONS)}
    for analysis in ANALYSES:
        out[analysis.key] = _options_of(analysis.function)
    return out


def _route(options: dict[str, Any], funcs: dict[str, Callable[..., Any]]
           ) -> dict[str, dict[str, Any]]:
    accepted = {key: _options_of(func) for key, func in funcs.items()}
    accepted["metrics"] = dict(METRIC_OPTIONS)
    routed: dict[str, dict[str, Any]] = {key: {} for key in accepted}
    known = sorted({name for opts in accepted.values() for name in opts})
    for name, value in options.items():
        targets = [key for key, opts in accepted.items() if name in opts]
        if not targets:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" Meinten Sie „{close[0]}“?" if close else ""
            raise OptionError(f"analyze() kennt die Option „{name}“ nicht.{hint} Bekannt sind: "
                              f"{', '.join(known)}.")
        for key in targets:
            routed[key][name] = value
    return routed


def analyze(m: NetworkMap, *, progress: bool | None = None, confirmed_only: bool = False,
            **options: Any) -> AnalysisResult:
    """Run every analysis on a map: key figures, findings, quality checks, tables.

    Parameters
    ----------
    m : NetworkMap
    progress : bool, optional
        Show a progress bar. ``None`` (default): only when stderr is a terminal.
    confirmed_only : bool, default False
        After a Bestandsaufnahme with the partners: judge everything on the ties both sides
        confirmed (and the ties no survey touched); one-sided, unconfirmed and disputed ties
        are left out (:func:`confirmed_ties_only`). The summary says so.
    **options
        Thresholds of the analyses, passed to every analysis that declares an option of that
        name (``need_indicator`` goes to transitions, coverage and quality alike). See
        :func:`analysis_options` for the full list, and the analysis functions for what each
        means and why its default is what it is. Among them:
        ``seed`` (0), ``resolution`` (1.0), ``backend`` ("auto"), ``exact_max_nodes``
        (5000), ``pivots`` (1000) for the key figures;
        :func:`~netzkarte.analysis.bottlenecks.find_bottlenecks`: ``cut_off_high`` (3),
        ``max_steps`` (3), ``max_committees`` (5), ``max_betweenness_share`` (0.5),
        ``min_bridge_side`` (2).

    Returns
    -------
    AnalysisResult
        ``findings`` sorted by severity then score (stable ids: the same map gives the same
        JSON apart from ``generated``); ``summary`` (nodes per type, edges per kind,
        density, components, communities, modularity, E-I index, …); ``quality_checks``;
        ``tables``: ``centrality``, ``brokerage``, ``communities``, ``ei_index``;
        ``network``: the map itself, so that in Jupyter the result shows on the map with
        its findings panel.

    Raises
    ------
    OptionError
        For an option no analysis knows (German message with the closest known name).

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> analyze(NetworkMap("Leer"), progress=False).summary["components"]
    0
    >>> analyze(NetworkMap(), max_comittees=3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netzkarte.errors.OptionError: analyze() kennt die Option „max_comittees“ nicht. ...

    Notes
    -----
    The heavy steps are betweenness and closeness (O(n·m), igraph) and Leiden (near
    linear); everything else is linear in the size of the map. See
    ``benchmarks/analysis_benchmark.py`` for timings up to 50,000 nodes.
    """
    if not isinstance(m, NetworkMap):
        raise NetzkarteError(f"analyze() erwartet eine Netzwerkkarte (NetworkMap), nicht "
                             f"{type(m).__name__}.")
    original = m
    if confirmed_only:
        m = confirmed_ties_only(m)
    routed = _route(options, {a.key: a.function for a in ANALYSES})
    with gc_paused():
        result = _analyze(m, routed, progress, confirmed_only)
    result.network = original  # Jupyter shows the result on its map
    return result


def _analyze(m: NetworkMap, routed: dict[str, dict[str, Any]], progress: bool | None,
             confirmed_only: bool) -> AnalysisResult:
    started = time.perf_counter()
    findings: list[Finding] = []
    checks: list[QualityCheck] = []
    parts = list(split_by_municipality(m)) if len(municipalities(m)) > 1 else []
    bar = progress_bar(len(ANALYSES) + 1, desc="Analyse", enabled=progress)
    try:
        bar.set_postfix_str("Kennzahlen")
        summary, tables = _key_figures(m, **routed["metrics"])
        bar.update()
        for analysis in ANALYSES:
            bar.set_postfix_str(analysis.label)
            runs = parts if parts and analysis.per_municipality else [(None, m)]
            per_part: list[tuple[str | None, list[Finding]]] = []
            for muni, part in runs:
                more, their_checks = analysis.run(part, tables, **routed[analysis.key])
                checks += [replace(q, municipality=muni or m.meta.municipality or None)
                           for q in their_checks]
                per_part.append((muni, more))
            findings += _once_per_kreis_body(per_part) if parts else per_part[0][1]
            bar.update()
        if parts:
            findings += [_scoped(f, muni) for f, muni in find_county_gaps(m)]
    finally:
        bar.close()
    if parts:
        owner = municipality_of(m)
        findings = [f if f.municipality else replace(f, municipality=_common(owner, f.nodes))
                    for f in findings]
    else:
        municipality = m.meta.municipality or None
        findings = [f if f.municipality else replace(f, municipality=municipality)
                    for f in findings]
    findings = _unique_ids(findings)
    summary.update(_finding_counts(findings, checks))
    if confirmed_only:
        summary["confirmed_ties_only"] = True
    from netzkarte import __version__

    involved = {n for f in findings for n in f.nodes}
    result = AnalysisResult(municipality=m.meta.municipality, summary=summary,
                            findings=findings, quality_checks=list(checks), tables=tables,
                            version=__version__,
                            names={n: m.name(n) for n in sorted(involved) if n in m},
                            data_quality=data_quality(m, findings))
    transition_options = {k: v for k, v in routed["transitions"].items()
                          if k != "need_indicator"}
    add_tables(m, result, need_indicator=routed["coverage"].get("need_indicator"),
               **transition_options)
    log.info("Analyse %s: %d Befunde in %.1f s", m.meta.municipality or "(ohne Namen)",
             len(findings), time.perf_counter() - started)
    return result


def add_tables(m: NetworkMap, result: AnalysisResult, *, need_indicator: str | None = None,
               **options: Any) -> AnalysisResult:  # other analyses' options are ignored
    """Fill the tables of ``result`` that the figures and the report show beside the
    findings: ``coverage``, ``need_column``, ``districts`` and ``transitions`` (see
    :class:`~netzkarte.results.AnalysisResult`). Returns ``result`` (changed in place).

    ``need_indicator`` is that of the coverage analysis; ``options`` go to
    :func:`~netzkarte.analysis.transitions.transition_rows` (``max_span`` …), the other
    options of the coverage analysis are ignored. The transition rows read the result's
    transition gaps.

    >>> from netzkarte import NetworkMap
    >>> from netzkarte.results import AnalysisResult
    >>> m = NetworkMap(); m.add_node("K", "actor", name="Kita", category="Kita", district="Nord")
    >>> add_tables(m, AnalysisResult("Beispiel", {}, [])).districts
    {'nord': 'Nord'}
    """
    rows = {k: v for k, v in options.items()
            if k in ("max_span", "work_partners", "special_schools")}
    result.coverage = coverage_table(m, need_indicator=need_indicator)
    result.need_column = need_column(m, need_indicator)
    result.districts = district_names(m)
    result.transitions = transition_rows(m, result.by_kind("transition_gap"), **rows)
    return result


_TIES = (EdgeKind.COOPERATION, EdgeKind.CONTRACT, EdgeKind.REFERRAL)
_UNSURE = (Confirmation.ONE_SIDED, Confirmation.UNCONFIRMED, Confirmation.DISPUTED)


def _confirmation(data: dict[str, Any]) -> Confirmation | None:
    return Confirmation.parse((data.get("extra") or {}).get(CONFIRMATION_COLUMN))


def confirmed_ties_only(m: NetworkMap) -> NetworkMap:
    """A copy of the map without the ties a Bestandsaufnahme could not confirm.

    Cooperation, contract and referral ties marked one-sided, unconfirmed or disputed
    (edge column *Bestätigung*) are left out; ties no survey touched (typed by the
    coordinator) and memberships stay.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> for n in "ABC":
    ...     m.add_node(n, "actor", name=n)
    >>> _ = m.add_edge("A", "B", "cooperation", extra={"Bestätigung": "bestätigt"})
    >>> _ = m.add_edge("A", "C", "cooperation", extra={"Bestätigung": "einseitig"})
    >>> confirmed_ties_only(m).graph.number_of_edges()
    1
    """
    out = m.copy()
    drop = [(u, v, k) for u, v, k, d in out.graph.edges(keys=True, data=True)
            if d["kind"] in _TIES and _confirmation(d) in _UNSURE]
    out.graph.remove_edges_from(drop)
    out._cache.clear()
    return out


def _tie_sources(m: NetworkMap) -> dict[str, Any]:
    """Key figures of a Bestandsaufnahme: how many ties both sides named (reciprocity)."""
    states = [_confirmation(d) for _, _, d in m.graph.edges(data=True) if d["kind"] in _TIES]
    surveyed = [s for s in states if s is not None]
    if not surveyed:
        return {}
    both = sum(s in (Confirmation.CONFIRMED, Confirmation.DISAGREEING) for s in surveyed)
    return {"surveyed_ties": len(surveyed), "reciprocity": _clean(both / len(surveyed)),
            "one_sided_ties": sum(s is Confirmation.ONE_SIDED for s in surveyed),
            "unconfirmed_ties": sum(s is Confirmation.UNCONFIRMED for s in surveyed),
            "disputed_ties": sum(s is Confirmation.DISPUTED for s in surveyed)}


def _once_per_kreis_body(per_part: list[tuple[str | None, list[Finding]]]) -> list[Finding]:
    """The findings of one analysis over the Kommunen, each scoped to its Kommune; a
    finding every Kommune's run repeats word for word about the same nodes (a Kreis body
    that sits in each Kommune's map, such as the Jugendhilfeausschuss des Kreistags) is
    kept once, for the Kreis, naming the Kommunen it was found in."""
    seen: dict[tuple[Any, ...], list[str]] = {}
    first: dict[tuple[Any, ...], Finding] = {}
    for muni, found in per_part:
        for f in found:
            key = (f.kind, f.severity, f.title, f.text, f.nodes)
            seen.setdefault(key, []).append(muni or "")
            first.setdefault(key, f)
    out: list[Finding] = []
    for key, munis in seen.items():
        f = first[key]
        if len(munis) == 1:
            out.append(_scoped(f, munis[0] or None))
        else:
            out.append(replace(f, text=f"{f.text} (Gleicher Befund für {join_and(munis)}.)"))
    return out


def _scoped(f: Finding, municipality: str | None) -> Finding:
    """A finding of one Kommune: its Kommune named, its id distinct from the same finding
    in another Kommune (stable: the same input gives the same id)."""
    if municipality is None:
        return f
    digest = hashlib.sha1(f"{f.id}|{municipality}".encode()).hexdigest()[:10]
    return replace(f, municipality=municipality, id=f"{f.kind}-{digest}")


def _common(owner: dict[str, str | None], nodes: tuple[str, ...]) -> str | None:
    """The one Kommune a finding's nodes belong to, else ``None`` (Kreis level).

    Kreis- and Land-level nodes do not count: a person of Adorf on nine committees, some
    of them the Kreis's, or a Kreis office providing doubled offers in an Adorf district,
    is a finding of Adorf. Nodes of several Kommunen, or of none, make it Kreis level.
    """
    found = {owner.get(n) for n in nodes} - {None}
    return found.pop() if len(found) == 1 else None


def _unique_ids(findings: list[Finding]) -> list[Finding]:
    """Same id twice (two analyses hashing the same nodes) gets a deterministic suffix."""
    seen: Counter[str] = Counter()
    out: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.id, f.title, f.text)):
        seen[f.id] += 1
        out.append(f if seen[f.id] == 1 else replace(f, id=f"{f.id}-{seen[f.id]}"))
    return out


def _clean(value: float) -> float | None:
    """Round for a stable JSON; NaN (undefined) becomes ``None`` (JSON null)."""
    return None if value is None or math.isnan(value) else round(float(value), 6)


def _key_figures(m: NetworkMap, *, seed: int = 0, resolution: float = 1.0,
                 backend: str = "auto", exact_max_nodes: int = 5000, pivots: int = 1000
                 ) -> tuple[dict[str, Any], dict[str, pd.DataFrame]]:
    from netzkarte.analysis.bottlenecks import distances_to, offer_ties
    from netzkarte.analysis.metrics import (
        brokerage,
        centrality,
        communities,
        ei_index,
        gini,
        sector_groups,
        tie_digraph,
    )
    from netzkarte.analysis.steering import steering_bodies, steering_members

    counts = m.counts()
    graph = m.collaboration_graph()
    n = graph.number_of_nodes()
    table = centrality(m, backend=backend,  # type: ignore[arg-type]
                       exact_max_nodes=exact_max_nodes, pivots=pivots, seed=seed)
    parts = communities(graph, seed=seed, resolution=resolution)
    table["community"] = [parts.membership[x] for x in table.index]
    steering = steering_members(m)
    dist = distances_to(graph, steering, offer_ties(m))
    table["steps_to_steering"] = pd.array([dist.get(x) for x in table.index], dtype="Int64")
    groups = sector_groups(m)
    ei = ei_index(graph, groups)
    broker = brokerage(tie_digraph(m), groups)
    info_cols = [c for c in ("name", "sector") if c in table]
    broker = pd.concat([table[info_cols], broker], axis=1) if len(broker) else broker
    comp_sizes = sorted((len(c) for c in nx.connected_components(graph)), reverse=True)
    reachable = [d for x, d in dist.items() if x not in steering]
    summary: dict[str, Any] = {
        "nodes": {t.value: counts[t.value] for t in NodeType},
        "edges": m.edge_counts(),
        "actors_and_offices": n,
        "collaboration_ties": graph.number_of_edges(),
        "density": _clean(nx.density(graph)) if n > 1 else 0.0,
        "components": len(comp_sizes),
        "largest_component_share": _clean(comp_sizes[0] / n) if n else None,
        "communities": parts.count,
        "modularity": _clean(parts.modularity),
        "ei_index": _clean(ei.overall),
        "ei_index_by_sector": {str(k): _clean(v) for k, v in ei.per_group.items()},
        "betweenness_gini": _clean(gini(table["betweenness"].tolist())) if n else None,
        "cross_sector_brokerage": int(broker["cross_group"].sum()) if len(broker) else 0,
        "steering_bodies": len(steering_bodies(m)),
        "steering_members": len(steering),
        "mean_steps_to_steering": _clean(sum(reachable) / len(reachable)) if reachable
        else None,
        "unreachable_from_steering": (n - len(dist)) if steering else None,
        **_tie_sources(m),
    }
    sector_label = {s.value: s.label for s in Sector}
    ei_table = pd.DataFrame(
        {"sector": [sector_label.get(str(k), str(k)) for k in ei.per_group],
         "ei_index": list(ei.per_group.values())},
        index=pd.Index([str(k) for k in ei.per_group], name="group"))
    community_rows = []
    for index, members in enumerate(parts.groups()):
        sectors = Counter(groups[x] for x in members if x in groups)
        main = sectors.most_common(1)[0][0] if sectors else None
        community_rows.append({"community": index, "size": len(members),
                               "main_sector": sector_label.get(main) if main else None,
                               "members": "; ".join(m.name(x) for x in members[:10])
                               + (" …" if len(members) > 10 else "")})
    tables = {"centrality": table, "brokerage": broker,
              "communities": pd.DataFrame(community_rows,
                                          columns=["community", "size", "main_sector",
                                                   "members"]).set_index("community"),
              "ei_index": ei_table}
    return summary, tables


def _finding_counts(findings: list[Finding], checks: list[QualityCheck]) -> dict[str, Any]:
    kinds: Counter[str] = Counter(f.kind for f in findings)
    severities: Counter[str] = Counter(f.severity for f in findings)
    statuses: Counter[str] = Counter(q.status for q in checks)
    return {"findings": len(findings),
            "findings_by_kind": {k: kinds[k] for k in KIND_LABELS},
            "findings_by_severity": {s: severities[s] for s in SEVERITY_LABELS},
            "quality_checks": {s: statuses[s] for s in STATUS_LABELS}}


def _local_time(stamp: str) -> str:
    """The ISO time stamp of a result as a German local date and time
    („30.11.2026, 19:31 Uhr“); what is no ISO time stays as it is.

    >>> _local_time("2019-03-31T10:05:00+00:00").endswith(" Uhr"), _local_time("gestern")
    (True, 'gestern')
    """
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return str(stamp)
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return date_text(local, time=", %H:%M Uhr")


def format_summary(result: AnalysisResult, *, top: int = 10) -> str:
    """German plain-text summary for the command line: figures, counts, top findings.

    Parameters
    ----------
    result : AnalysisResult
    top : int
        How many findings to list.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap("Beispiel")
    >>> m.add_node("K", "actor", name="Kita Wiese", category="Kita")
    >>> print(format_summary(analyze(m, progress=False)).splitlines()[0])
    Netzwerkanalyse Beispiel
    """
    s = result.summary
    nodes = s.get("nodes", {})
    labels = {t.value: t.label for t in NodeType}
    plural = {"actor": "Akteure", "office": "Ämter", "committee": "Gremien",
              "offer": "Angebote"}
    lines = [f"Netzwerkanalyse {result.municipality or '(ohne Namen)'}",
             f"netzkarte {result.version} · erstellt am {_local_time(result.generated)}", ""]
    node_part = ", ".join(count_noun(nodes.get(t, 0), labels[t], plural.get(t, labels[t]))
                          for t in labels)
    edge_total = sum(s.get("edges", {}).values())
    lines.append(f"Knoten: {node_part}; {count_noun(edge_total, 'Beziehung', 'Beziehungen')}")
    edge_part = ", ".join(f"{EdgeKind(k).label} {v}" for k, v in s.get("edges", {}).items()
                          if v)
    if edge_part:
        lines.append(f"Beziehungen nach Art: {edge_part}")
    lines.append(
        f"Kooperationsnetz: Dichte {number(s.get('density'), 3)} · "
        f"{count_noun(s.get('components', 0), 'Komponente', 'Komponenten')} · "
        f"{count_noun(s.get('communities', 0), 'Teilnetz', 'Teilnetze')} "
        f"(Modularität {number(s.get('modularity'), 2)}) · "
        f"E-I-Index {number(s.get('ei_index'), 2, sign=True)}")
    if s.get("steering_bodies"):
        unreachable = s.get("unreachable_from_steering") or 0
        lines.append(f"Steuerung: {steering_bodies_text(s['steering_bodies'])} "
                     f"({STEERING_BODY_DEFINITION}) mit "
                     f"{count_noun(s['steering_members'], 'Mitglied', 'Mitgliedern')}; "
                     f"Akteure und Ämter sind im Mittel "
                     f"{number(s.get('mean_steps_to_steering'), 1)} Schritte davon entfernt, "
                     f"{unreachable} ohne Weg dorthin")
    else:
        lines.append(f"Steuerung: kein Steuerungsgremium erfasst ({STEERING_BODY_DEFINITION})")
    if s.get("surveyed_ties"):
        lines.append(f"Bestandsaufnahme: {s['surveyed_ties']} erfragte Beziehungen, davon "
                     f"{number(100 * (s.get('reciprocity') or 0), 0)} % von beiden Seiten "
                     f"genannt, {s.get('one_sided_ties', 0)} einseitig, "
                     f"{s.get('unconfirmed_ties', 0)} unbestätigt, "
                     f"{s.get('disputed_ties', 0)} bestritten"
                     + (" – ausgewertet nur mit bestätigten Beziehungen"
                        if s.get("confirmed_ties_only") else ""))
    by_sev = s.get("findings_by_severity", {})
    lines += ["", f"Befunde: {len(result.findings)} ("
              + ", ".join(f"{SEVERITY_LABELS[k]} {v}" for k, v in by_sev.items()) + ")"]
    by_kind = [f"{KIND_LABELS[k]} {v}" for k, v in s.get("findings_by_kind", {}).items() if v]
    if by_kind:
        lines.append("nach Art: " + ", ".join(by_kind))
    if result.quality_checks:
        statuses: Counter[str] = Counter(q.status for q in result.quality_checks)
        lines.append("Qualitätsrahmen: " + ", ".join(
            f"{statuses[k]} {label}" for k, label in STATUS_TEXT.items()))
    quality_lines = format_data_quality(result.data_quality)
    if quality_lines:
        lines += ["", *quality_lines]
    if result.findings:
        shown = result.findings[:top]
        lines += ["", f"Die wichtigsten {count_noun(len(shown), 'Befund', 'Befunde')} "
                  "(Nummern wie in Karte und Maßnahmenliste):"]
        width = len(str(len(shown)))
        for i, f in enumerate(shown, 1):
            unsure = ", unsicher" if f.confidence == "unsicher" else ""
            lines.append(f"{i:>{width}}. [{SEVERITY_LABELS[f.severity]}{unsure}] "
                         f"{KIND_LABELS[f.kind]}: {f.title}")
        if len(result.findings) > top:
            rest = len(result.findings) - top
            lines.append(f"… und {count_noun(rest, 'weiterer Befund', 'weitere Befunde')}")
    return "\n".join(lines)
