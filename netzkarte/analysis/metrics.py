"""Network metrics of a Netzwerkkarte: centrality, communities, E-I index, brokerage.

Heavy work (betweenness, closeness, Leiden) runs through igraph; networkx serves as the
readable reference on small graphs, and the tests hold the two against each other. Every
function takes a :class:`~netzkarte.model.NetworkMap` (and then works on its actor–actor
projection, :meth:`~netzkarte.model.NetworkMap.collaboration_graph`) or a plain networkx
graph.

Examples
--------
>>> import networkx as nx
>>> g = nx.path_graph(["a", "b", "c"])
>>> centrality(g)["betweenness"].to_dict()
{'a': 0.0, 'b': 1.0, 'c': 0.0}
>>> ei_index(g, {"a": "x", "b": "x", "c": "y"}).overall
0.0
"""

from __future__ import annotations

import contextlib
import logging
import math
import random
import warnings
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import pandas as pd

from netzkarte.errors import NetzkarteError
from netzkarte.model import NetworkMap
from netzkarte.results import BROKERAGE_ROLES, role_label
from netzkarte.vocab import EDGE_RULES, EdgeKind, NodeType, Term

if TYPE_CHECKING:
    import igraph

__all__ = [
    "AUTO_IGRAPH_NODES",
    "BROKERAGE_ROLES",
    "EXACT_MAX_NODES",
    "MEASURES",
    "PIVOTS",
    "Communities",
    "EIIndex",
    "brokerage",
    "cached_igraph",
    "centrality",
    "communities",
    "ei_index",
    "gini",
    "role_label",
    "sector_groups",
    "tie_digraph",
    "to_igraph",
]

log = logging.getLogger(__name__)

Backend = Literal["auto", "igraph", "networkx"]

AUTO_IGRAPH_NODES = 500
"""With ``backend="auto"``, graphs with at least this many nodes go through igraph.

Below it networkx finishes in well under a second and is the easier code to read and debug;
above it igraph's C implementation is 20–100× faster (benchmarks/analysis_benchmark.py).
"""

EXACT_MAX_NODES = 5000
"""Connected components up to this size get exact betweenness and closeness.

5,000 actors is a Kreis with a dozen Kommunen (docs/grundlagen.md, "Kreis und Kommunen");
exact betweenness there takes a few seconds, while it grows with n·m beyond — minutes for a
state programme.
"""

PIVOTS = 1000
"""Random pivots per component above :data:`EXACT_MAX_NODES` for the estimates.

With 1,000 pivots the estimate of a broker carrying 1 % of all shortest paths is off by a
few percent (standard error ∝ 1/√pivots), ample for ranking brokers, at about one sixth of
the exact cost for 5,000 actors and one thirtieth for 30,000.
"""

MEASURES = ("degree", "betweenness", "closeness", "eigenvector")
"""Centrality measures :func:`centrality` can compute."""

def _graph_of(source: NetworkMap | nx.Graph[Any]) -> nx.Graph[Any]:
    if isinstance(source, NetworkMap):
        return source.collaboration_graph()
    if isinstance(source, nx.Graph):
        return source
    raise NetzkarteError(f"Erwartet wird eine Netzwerkkarte oder ein networkx-Graph, nicht "
                         f"{type(source).__name__}.")


def _backend(graph: nx.Graph[Any], backend: str) -> Literal["igraph", "networkx"]:
    if backend == "auto":
        return "igraph" if graph.number_of_nodes() >= AUTO_IGRAPH_NODES else "networkx"
    if backend in ("igraph", "networkx"):
        return backend  # type: ignore[return-value]
    raise NetzkarteError(f"Unbekanntes Backend {backend!r}: erlaubt sind „auto“, „igraph“ "
                         "und „networkx“.")


def to_igraph(graph: nx.Graph[Any], *, weight: str = "weight") -> igraph.Graph:
    """Convert a networkx graph to igraph, keeping node ids and edge weights.

    Parameters
    ----------
    graph : networkx.Graph or DiGraph (multigraphs are collapsed, weights summed)
    weight : str
        Edge attribute read as weight; missing weights count as 1.

    Returns
    -------
    igraph.Graph
        Vertex ``i`` is the ``i``-th node of ``graph`` (attribute ``name``); edge
        attribute ``weight``.

    Examples
    --------
    >>> import networkx as nx
    >>> g = to_igraph(nx.Graph([("a", "b", {"weight": 2})]))
    >>> g.vs["name"], g.es["weight"]
    (['a', 'b'], [2.0])
    """
    import igraph as ig

    nodes = list(graph)
    index = {n: i for i, n in enumerate(nodes)}
    if graph.is_multigraph():
        summed: dict[tuple[int, int], float] = defaultdict(float)
        for u, v, d in graph.edges(data=True):
            a, b = index[u], index[v]
            if not graph.is_directed() and a > b:
                a, b = b, a
            summed[(a, b)] += float(d.get(weight, 1))
        edges = list(summed)
        weights = list(summed.values())
    else:
        edges = []
        weights = []
        for u, v, d in graph.edges(data=True):
            edges.append((index[u], index[v]))
            weights.append(float(d.get(weight, 1)))
    g = ig.Graph(n=len(nodes), edges=edges, directed=graph.is_directed())
    g.vs["name"] = nodes
    g.es["weight"] = weights
    return g


_IGRAPH_CACHE: weakref.WeakKeyDictionary[Any, tuple[int, int, Any]] = (
    weakref.WeakKeyDictionary())


def cached_igraph(graph: nx.Graph[Any]) -> igraph.Graph:
    """:func:`to_igraph`, converted once per graph object (treat it as read-only).

    ``analyze`` needs the same projection in igraph for centrality, communities and the
    cut structure; converting a 300,000-edge projection takes about a second.
    """
    shape = (graph.number_of_nodes(), graph.number_of_edges())
    hit = _IGRAPH_CACHE.get(graph)
    if hit is not None and hit[:2] == shape:
        return hit[2]
    g = to_igraph(graph)
    _IGRAPH_CACHE[graph] = (*shape, g)
    return g


# --- centrality ---------------------------------------------------------------------------


@contextlib.contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """igraph draws from Python's ``random`` (Leiden, ARPACK start vectors): seed a private
    generator for the duration and leave the global state alone."""
    import igraph as ig

    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def _igraph_centrality(graph: nx.Graph[Any], measures: Sequence[str], *, exact_max_nodes: int,
                       pivots: int, seed: int) -> dict[str, list[float]]:
    with _seeded(seed):
        return _igraph_centrality_seeded(graph, measures, exact_max_nodes=exact_max_nodes,
                                         pivots=pivots, seed=seed)


def _igraph_centrality_seeded(graph: nx.Graph[Any], measures: Sequence[str], *,
                              exact_max_nodes: int, pivots: int, seed: int
                              ) -> dict[str, list[float]]:
    g = cached_igraph(graph)
    n = g.vcount()
    out: dict[str, list[float]] = {}
    comp = g.connected_components()
    membership = comp.membership
    sizes = comp.sizes()
    if "degree" in measures:
        out["degree"] = [float(d) for d in g.degree()]
        out["strength"] = [float(s) for s in g.strength(weights="weight")]
    exact = n <= exact_max_nodes or max(sizes) <= exact_max_nodes
    if "betweenness" in measures:
        # igraph counts unordered pairs without normalising; networkx divides by the
        # number of ordered pairs of the other n-1 nodes, (n-1)(n-2), and halves it for
        # undirected graphs — the same scale as below.
        raw = g.betweenness(directed=False) if exact else _sampled_betweenness(
            g, comp, exact_max_nodes, pivots, seed)
        scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
        out["betweenness"] = [b * scale for b in raw]
    if "closeness" in measures:
        # igraph normalises over the reachable nodes only; networkx (Wasserman & Faust
        # improved formula) also multiplies by the reachable share (r-1)/(n-1).
        raw_c = g.closeness(normalized=True) if exact else _sampled_closeness(
            g, comp, exact_max_nodes, pivots, seed)
        out["closeness"] = [
            0.0 if math.isnan(c) or n < 2 else c * (sizes[membership[i]] - 1) / (n - 1)
            for i, c in enumerate(raw_c)]
    if "eigenvector" in measures:
        values = [0.0] * n
        for members in comp:
            if len(members) == 1:
                continue
            sub = g.induced_subgraph(members) if len(members) < n else g
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                ev = sub.eigenvector_centrality(weights="weight")
            top = max(ev) or 1.0
            for i, v in zip(members, ev, strict=True):
                values[i] = v / top
        out["eigenvector"] = values
    return out


def _split(g: igraph.Graph, comp: Any, exact_max_nodes: int
           ) -> tuple[list[int], list[list[int]]]:
    """Vertices of the small components (computed exactly, together) and the big ones."""
    # induced_subgraph keeps the vertices in ascending order: sort to zip results back
    small = sorted(v for members in comp if len(members) <= exact_max_nodes for v in members)
    big = [sorted(members) for members in comp if len(members) > exact_max_nodes]
    return small, big


def _pivots(members: list[int], pivots: int, seed: int) -> list[int]:
    return sorted(random.Random(seed).sample(range(len(members)), min(pivots, len(members))))


def _exact_in_small(g: igraph.Graph, comp: Any, exact_max_nodes: int, fill: float,
                    measure: Callable[[igraph.Graph], list[float]]
                    ) -> tuple[list[float], list[list[int]]]:
    """``measure`` computed exactly on the small components, ``fill`` elsewhere.

    Returns the values per vertex of ``g`` and the member lists of the big components,
    which the caller estimates.
    """
    out = [fill] * g.vcount()
    small, big = _split(g, comp, exact_max_nodes)
    if small:
        for v, x in zip(small, measure(g.induced_subgraph(small)), strict=True):
            out[v] = x
    return out, big


def _sampled_betweenness(g: igraph.Graph, comp: Any, exact_max_nodes: int, pivots: int,
                         seed: int) -> list[float]:
    """Exact in small components; Brandes–Pich pivot estimate in big ones.

    With ``sources=P`` igraph sums the dependencies of the |P| sources; over all sources
    that is the exact (unordered) betweenness, so the sum scaled by c/|P| estimates it
    without bias (Brandes & Pich 2007).
    """
    raw, big = _exact_in_small(g, comp, exact_max_nodes, 0.0,
                               lambda sub: sub.betweenness(directed=False))
    for members in big:
        sub = g.induced_subgraph(members)
        sources = _pivots(members, pivots, seed)
        factor = len(members) / len(sources)
        for v, b in zip(members, sub.betweenness(directed=False, sources=sources),
                        strict=True):
            raw[v] = b * factor
    return raw


def _sampled_closeness(g: igraph.Graph, comp: Any, exact_max_nodes: int, pivots: int,
                       seed: int) -> list[float]:
    """Exact in small components; Eppstein–Wang pivot estimate in big ones.

    The sum of distances of a node is estimated from its distances to |P| random pivots,
    scaled to the component: Σd ≈ (c−1)/|P∖{v}| · Σ_{p∈P} d(v, p).
    """
    import numpy as np

    out, big = _exact_in_small(g, comp, exact_max_nodes, math.nan,
                               lambda sub: sub.closeness(normalized=True))
    for members in big:
        sub = g.induced_subgraph(members)
        sources = _pivots(members, pivots, seed)
        total = np.zeros(len(members))
        for start in range(0, len(sources), 100):  # 100 rows of distances at a time
            chunk = sources[start:start + 100]
            total += np.asarray(sub.distances(source=chunk), dtype=float).sum(axis=0)
        count = np.full(len(members), float(len(sources)))
        count[sources] -= 1.0  # a pivot's distance to itself says nothing
        with np.errstate(divide="ignore", invalid="ignore"):
            closeness = count / total  # (c-1) / Σd with the estimate above: c-1 cancels
        for v, c in zip(members, closeness.tolist(), strict=True):
            out[v] = c if math.isfinite(c) else math.nan
    return out


def _networkx_centrality(graph: nx.Graph[Any], measures: Sequence[str]
                         ) -> dict[str, list[float]]:
    nodes = list(graph)
    out: dict[str, list[float]] = {}
    if "degree" in measures:
        out["degree"] = [float(graph.degree(n)) for n in nodes]
        out["strength"] = [float(graph.degree(n, weight="weight")) for n in nodes]
    if "betweenness" in measures:
        b = nx.betweenness_centrality(graph)
        out["betweenness"] = [b[n] for n in nodes]
    if "closeness" in measures:
        c = nx.closeness_centrality(graph)
        out["closeness"] = [c[n] for n in nodes]
    if "eigenvector" in measures:
        ev: dict[Any, float] = dict.fromkeys(nodes, 0.0)
        for members in nx.connected_components(graph):
            if len(members) == 1:
                continue
            part = nx.eigenvector_centrality(graph.subgraph(members), max_iter=1000,
                                             tol=1e-10, weight="weight")
            top = max(part.values()) or 1.0
            ev.update({k: v / top for k, v in part.items()})
        out["eigenvector"] = [ev[n] for n in nodes]
    return out


def centrality(source: NetworkMap | nx.Graph[Any], *, backend: Backend = "auto",
               measures: Sequence[str] = MEASURES, exact_max_nodes: int = EXACT_MAX_NODES,
               pivots: int = PIVOTS, seed: int = 0) -> pd.DataFrame:
    """Degree, betweenness, closeness and eigenvector centrality of every actor.

    Parameters
    ----------
    source : NetworkMap or networkx.Graph
        A map (then its collaboration projection is used and name, type, sector and
        district columns are added) or an undirected graph.
    backend : {"auto", "igraph", "networkx"}
        ``"auto"`` uses igraph from :data:`AUTO_IGRAPH_NODES` nodes on, networkx below.
        Both give the same numbers (tested to 1e-9).
    measures : sequence of str
        Subset of :data:`MEASURES`.
    exact_max_nodes : int, default :data:`EXACT_MAX_NODES`
        Connected components up to this size get exact betweenness and closeness; larger
        ones (igraph backend only) an unbiased pivot estimate.
    pivots : int, default :data:`PIVOTS`
        Number of random pivots (sources) per large component.
    seed : int
        Seed of the pivot sample: the same input gives the same numbers.

    Returns
    -------
    pandas.DataFrame
        Index: node id. ``degree`` (number of partners), ``strength`` (sum of tie weights),
        ``betweenness`` (normalised as networkx does, 0–1), ``closeness`` (Wasserman &
        Faust, scaled by the reachable share as networkx does), ``eigenvector`` (weighted,
        computed per connected component and scaled to a maximum of 1 there), and
        ``component`` (0 = largest connected component).

    Examples
    --------
    >>> import networkx as nx
    >>> table = centrality(nx.star_graph(3), backend="networkx")
    >>> table.loc[0, ["degree", "betweenness", "closeness"]].tolist()
    [3.0, 1.0, 1.0]

    Notes
    -----
    Betweenness and closeness use hop counts, not the tie weights: in the projection a
    weight counts how many links join two actors (more is closer), which is not a
    distance. Exact betweenness (Brandes 2001) and closeness cost O(n·m) — about three
    minutes each for a 30,000-actor state programme. Above ``exact_max_nodes`` the igraph
    backend therefore estimates both from ``pivots`` random sources in O(pivots·m):
    betweenness after Brandes & Pich (2007, "Centrality estimation in large networks"),
    closeness after Eppstein & Wang (2004, "Fast approximation of centrality").
    Eigenvector centrality is meaningful per connected component only, hence the
    per-component scaling.
    """
    graph = _graph_of(source)
    unknown = [x for x in measures if x not in MEASURES]
    if unknown:
        raise NetzkarteError(f"Unbekanntes Zentralitätsmaß {unknown[0]!r}: erlaubt sind "
                             f"{', '.join(MEASURES)}.")
    which = _backend(graph, backend)
    nodes = list(graph)
    if isinstance(exact_max_nodes, bool) or not isinstance(exact_max_nodes, int) \
            or exact_max_nodes < 1 or isinstance(pivots, bool) or not isinstance(pivots, int) \
            or pivots < 1:
        raise NetzkarteError("exact_max_nodes und pivots müssen ganze Zahlen ≥ 1 sein.")
    values = (_igraph_centrality(graph, measures, exact_max_nodes=exact_max_nodes,
                                 pivots=pivots, seed=seed)
              if which == "igraph" and nodes else _networkx_centrality(graph, measures))
    table = pd.DataFrame(values, index=pd.Index(nodes, name="id"))
    table["component"] = _component_numbers(graph, nodes)
    if isinstance(source, NetworkMap):
        info = _node_info(source, nodes)
        table = pd.concat([info, table], axis=1)
    log.debug("Zentralität für %d Knoten berechnet (%s)", len(nodes), which)
    return table


def _component_numbers(graph: nx.Graph[Any], nodes: list[Any]) -> list[int]:
    comps = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(map(str, c))))
    number = {n: i for i, comp in enumerate(comps) for n in comp}
    return [number[n] for n in nodes]


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Term) else value


def _node_info(m: NetworkMap, nodes: list[str]) -> pd.DataFrame:
    rows = []
    for n in nodes:
        d = m.graph.nodes[n]
        rows.append({"name": m.name(n), "type": _plain(d["type"]),
                     "form": _plain(d.get("form")), "sector": _plain(d.get("sector")),
                     "district": d.get("district")})
    return pd.DataFrame(rows, index=pd.Index(nodes, name="id"),
                        columns=["name", "type", "form", "sector", "district"])


def gini(values: Iterable[float]) -> float:
    """Gini coefficient of non-negative values (0 equal, → 1 concentrated on one).

    >>> gini([1, 1, 1, 1]), gini([0, 0, 0, 4])
    (0.0, 0.75)
    """
    xs = sorted(float(v) for v in values)
    total = sum(xs)
    n = len(xs)
    if n == 0 or total <= 0:
        return 0.0
    weighted = sum((i + 1) * x for i, x in enumerate(xs))
    return (2 * weighted) / (n * total) - (n + 1) / n


# --- communities --------------------------------------------------------------------------


@dataclass(frozen=True)
class Communities:
    """A partition into communities: ``membership`` node → community number.

    Communities are numbered by size (0 = largest; ties broken by the smallest node id),
    so the same input always gives the same numbers.
    """

    membership: dict[Any, int]
    modularity: float
    sizes: tuple[int, ...] = field(default=())

    @property
    def count(self) -> int:
        """Number of communities (isolated nodes are communities of one)."""
        return len(self.sizes)

    def groups(self) -> list[list[Any]]:
        """The node lists of the communities, largest first."""
        out: list[list[Any]] = [[] for _ in self.sizes]
        for node, c in self.membership.items():
            out[c].append(node)
        return out


def communities(source: NetworkMap | nx.Graph[Any], *, seed: int = 0,
                resolution: float = 1.0) -> Communities:
    """Communities of the collaboration projection (Leiden, modularity, seeded).

    Parameters
    ----------
    source : NetworkMap or networkx.Graph
    seed : int
        Seed of the random number generator igraph uses; the same seed on the same input
        gives the same partition. The global ``random`` state is left untouched.
    resolution : float
        Modularity resolution γ; 1.0 is classic Newman–Girvan modularity.

    Returns
    -------
    Communities

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"),
    ...               ("x", "z"), ("c", "x")])
    >>> parts = communities(g)
    >>> parts.count, parts.membership["a"] == parts.membership["b"]
    (2, True)

    Notes
    -----
    Traag, Waltman & van Eck (2019), "From Louvain to Leiden", with
    ``objective_function="modularity"`` and ``n_iterations=-1`` (iterate until stable),
    weighted by the number of links between two actors. Near-linear in the number of edges.
    """
    graph = _graph_of(source)
    nodes = list(graph)
    if not nodes:
        return Communities({}, 0.0, ())
    g = cached_igraph(graph)
    nodes = g.vs["name"]  # the same order as the graph, without networkx's views
    weights = "weight" if g.ecount() else None
    with _seeded(seed):
        part = g.community_leiden(objective_function="modularity", weights=weights,
                                  resolution=resolution, n_iterations=-1)
    raw = part.membership
    # for the modularity objective Leiden's quality is the (generalised) modularity
    modularity = float(part.quality) if g.ecount() else 0.0
    by_label: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(raw):
        by_label[label].append(i)
    names = [str(x) for x in nodes]
    order = sorted(by_label.values(), key=lambda ids: (-len(ids), min(names[i] for i in ids)))
    membership: dict[Any, int] = {}
    for number, ids in enumerate(order):
        for i in ids:
            membership[nodes[i]] = number
    return Communities(membership={n: membership[n] for n in nodes},
                       modularity=float(modularity), sizes=tuple(len(ids) for ids in order))


# --- E-I index ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EIIndex:
    """Krackhardt & Stern's E-I index, overall and per group."""

    overall: float
    external: int
    internal: int
    per_group: dict[Any, float]

    def to_frame(self) -> pd.DataFrame:
        """One row per group: E-I index."""
        return pd.DataFrame({"ei_index": self.per_group}).rename_axis("group")


def ei_index(graph: nx.Graph[Any], groups: Mapping[Any, Hashable | None]) -> EIIndex:
    """E-I index (E − I) / (E + I): +1 all ties cross groups, −1 all stay inside.

    Parameters
    ----------
    graph : networkx.Graph or DiGraph
        Ties are counted as given: each edge of an undirected graph once, each arc of a
        directed graph once (a reciprocated pair counts twice).
    groups : mapping node → group
        Nodes missing from the mapping (or mapped to ``None``) and their ties are left out.

    Returns
    -------
    EIIndex
        ``overall`` over all ties; ``per_group[g]`` over the ties with at least one end in
        ``g`` (external: the other end in another group). ``nan`` where there is no tie.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph([("A", "B"), ("A", "C"), ("B", "C"), ("B", "D"), ("C", "D"),
    ...                 ("D", "A")])
    >>> round(ei_index(g, {"A": 1, "B": 1, "C": 2, "D": 2}).overall, 4)
    0.3333

    Notes
    -----
    Krackhardt, D. & Stern, R. N. (1988): Informal networks and organizational crises.
    Social Psychology Quarterly 51(2), 123–140. O(m).
    """
    external = internal = 0
    ext_g: Counter[Any] = Counter()
    int_g: Counter[Any] = Counter()
    for u, v in graph.edges():
        gu, gv = groups.get(u), groups.get(v)
        if gu is None or gv is None:
            continue
        if gu == gv:
            internal += 1
            int_g[gu] += 1
        else:
            external += 1
            ext_g[gu] += 1
            ext_g[gv] += 1
    present = sorted({g for g in groups.values() if g is not None}, key=str)
    per_group = {g: _ei(ext_g[g], int_g[g]) for g in present}
    return EIIndex(_ei(external, internal), external, internal, per_group)


def _ei(external: int, internal: int) -> float:
    total = external + internal
    return (external - internal) / total if total else math.nan


# --- brokerage ------------------------------------------------------------------------------


def brokerage(digraph: nx.DiGraph[Any], groups: Mapping[Any, Hashable | None]) -> pd.DataFrame:
    """Gould & Fernandez brokerage roles of every node of a directed graph.

    A node ``b`` brokers on every two-path ``a → b → c`` (``a ≠ c``) that is *open*, i.e.
    there is no direct tie ``a → c`` (the broker is needed only where the two are not
    tied themselves). By the groups of ``a``, ``b`` and ``c``:

    ========================  ===========================  ====================
    role                      groups                       German
    ========================  ===========================  ====================
    coordinator               a, b, c in one group         Koordinator
    itinerant (consultant)    a, c together, b outside     Berater
    representative            a, b together, c outside     Repräsentant
    gatekeeper                b, c together, a outside     Türsteher
    liaison                   all three different          Verbindungsperson
    ========================  ===========================  ====================

    Parameters
    ----------
    digraph : networkx.DiGraph
    groups : mapping node → group
        Nodes without a group take part in no counted two-path (their row is zero).

    Returns
    -------
    pandas.DataFrame
        Index: node; one column per role of :data:`BROKERAGE_ROLES`, plus ``total`` and
        ``cross_group`` (all roles but coordinator).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph([("A", "B"), ("A", "C"), ("B", "C"), ("B", "D"), ("C", "D"),
    ...                 ("D", "A")])
    >>> table = brokerage(g, {"A": 1, "B": 1, "C": 2, "D": 2})
    >>> table.loc["D", ["itinerant", "representative"]].tolist()
    [1, 1]

    Notes
    -----
    Gould, R. V. & Fernandez, R. M. (1989): Structures of mediation: A formal approach to
    brokerage in transaction networks. Sociological Methodology 19, 89–126; the open
    two-path convention is the one of statnet's ``sna::brokerage``. Counting is done per
    broker from group tallies of its in- and out-neighbours, minus reciprocated pairs
    (``a = c``) and closed two-paths (found by set intersection): O(Σ in·groups² + m·d).
    """
    rows: dict[Any, Counter[str]] = {}
    succ = {n: set(digraph.successors(n)) for n in digraph}
    for b in digraph:
        counts: Counter[str] = Counter()
        rows[b] = counts
        gb = groups.get(b)
        if gb is None:
            continue
        ins = [a for a in digraph.predecessors(b) if a != b and groups.get(a) is not None]
        outs = [c for c in succ[b] if c != b and groups.get(c) is not None]
        if not ins or not outs:
            continue
        pairs: Counter[tuple[Any, Any]] = Counter()
        in_g = Counter(groups[a] for a in ins)
        out_g = Counter(groups[c] for c in outs)
        for ga, na in in_g.items():
            for gc, nc in out_g.items():
                pairs[(ga, gc)] += na * nc
        out_set = set(outs)
        for a in ins:
            if a in out_set:  # a → b → a is no two-path
                pairs[(groups[a], groups[a])] -= 1
            for c in succ[a] & out_set:  # closed: a → c exists
                if c != a:
                    pairs[(groups[a], groups[c])] -= 1
        for (ga, gc), k in pairs.items():
            if k:
                counts[_role(ga, gb, gc)] += k
    table = pd.DataFrame.from_dict(
        {n: [c.get(r, 0) for r in BROKERAGE_ROLES] for n, c in rows.items()},
        orient="index", columns=list(BROKERAGE_ROLES)).astype("int64")
    table.index.name = "id"
    table["total"] = table[list(BROKERAGE_ROLES)].sum(axis=1)
    table["cross_group"] = table["total"] - table["coordinator"]
    return table


def _role(ga: Any, gb: Any, gc: Any) -> str:
    if ga == gb == gc:
        return "coordinator"
    if ga == gc:
        return "itinerant"
    if ga == gb:
        return "representative"
    if gb == gc:
        return "gatekeeper"
    return "liaison"


def tie_digraph(m: NetworkMap) -> nx.DiGraph[str]:
    """The directed tie graph among actors and offices (for brokerage).

    Symmetric kinds (cooperation, contract — ``EDGE_RULES[kind].directed`` is false) run
    both ways; directed kinds among actors and offices (referral, belongs_to, funds) as
    given.
    Memberships are not ties: they go into the projection, not here.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("a", "actor"); m.add_node("b", "actor")
    >>> _ = m.add_edge("a", "b", "cooperation")
    >>> sorted(tie_digraph(m).edges())
    [('a', 'b'), ('b', 'a')]
    """
    g: nx.DiGraph[str] = nx.DiGraph()
    kinds = (EdgeKind.COOPERATION, EdgeKind.CONTRACT, EdgeKind.REFERRAL, EdgeKind.BELONGS_TO,
             EdgeKind.FUNDS)
    types = (NodeType.ACTOR, NodeType.OFFICE)
    for n, d in m.graph.nodes(data=True):
        if d["type"] in types:
            g.add_node(n)
    for u, v, d in m.graph.edges(data=True):
        kind = d["kind"]
        if kind not in kinds or u not in g or v not in g:
            continue
        g.add_edge(u, v)
        if not EDGE_RULES[kind].directed:
            g.add_edge(v, u)
    return g


def sector_groups(m: NetworkMap) -> dict[str, str]:
    """Node id → sector code for actors and offices with a sector.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("JA", "office", category="Jugendamt")
    >>> sector_groups(m)
    {'JA': 'youth_welfare'}
    """
    out: dict[str, str] = {}
    for n, d in m.graph.nodes(data=True):
        if d["type"] in (NodeType.ACTOR, NodeType.OFFICE) and d.get("sector") is not None:
            out[n] = str(_plain(d["sector"]))
    return out
