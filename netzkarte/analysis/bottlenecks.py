"""Coordination bottlenecks (Engpässe): on whom does the network depend?

The analysis works on the actor–actor projection (:meth:`NetworkMap.collaboration_graph`)
and reports, as findings of kind ``"bottleneck"``:

* **drop-out** — a person, facility, organisation or office whose departure cuts other
  actors off from the steering bodies (Steuerungsgremien: tier a, Steuerungsgruppe or
  Lenkungskreis; :func:`~netzkarte.analysis.steering.steering_bodies`) or splits the
  network.
  The seed asks for structures that are "nicht personenabhängig"; a person as the only
  link is the most serious case;
* **bridges** — a single tie that alone joins two parts of the network;
* **concentration** — one actor carries a large share of all brokerage (betweenness);
* **overload** — persons sitting on too many committees;
* **no coordination** — committees without a member in the function Vorsitz or
  Koordination;
* **far from steering** — actors more than a few steps from the steering bodies, or with
  no path to it at all. A way counts over the ties of the projection and over running
  offers: who provides, funds or hosts the same offer works with the others on it (the
  library that runs a reading club in a school). Actors on Ebene Land (a state
  foundation, a ministry) are not expected to have a way to a municipality's steering
  group and are not reported.

Examples
--------
>>> from netzkarte import NetworkMap
>>> m = NetworkMap("Beispiel")
>>> for node in ("A", "B", "X", "Y", "Z"):
...     m.add_node(node, "actor", name=node)
>>> m.add_node("P", "actor", name="Frau P", form="Person")
>>> m.add_node("SG", "committee", name="Steuerungsgruppe", tier="a")
>>> for node in ("A", "B", "P"):
...     _ = m.add_edge(node, "SG", "member", function="Koordination" if node == "A" else None)
>>> for node in ("X", "Y", "Z"):
...     _ = m.add_edge("P", node, "cooperation")
>>> [(f.severity, f.nodes[0]) for f in find_bottlenecks(m) if f.evidence.get("check") == "dropout"]
[('high', 'P')]
"""

from __future__ import annotations

import logging
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from netzkarte.analysis.steering import is_steering_body, steering_members
from netzkarte.errors import NetzkarteError
from netzkarte.model import NetworkMap
from netzkarte.results import Finding, Severity
from netzkarte.text import enumerate_names, number, quote
from netzkarte.vocab import (
    ActorForm,
    EdgeKind,
    Level,
    MemberFunction,
    NodeType,
    OfferStatus,
    Rank,
    Role,
    Tier,
)

__all__ = ["CutInfo", "cut_structure", "distances_to", "find_bottlenecks", "name_list",
           "offer_ties"]

log = logging.getLogger(__name__)

_COORDINATING = (MemberFunction.CHAIR, MemberFunction.COORDINATION)
_LIST_CAP = 50  # node ids listed per finding; the evidence keeps the full count
_LOWER: dict[Severity, Severity] = {"high": "medium", "medium": "low", "low": "info",
                                    "info": "info"}


def named(m: NetworkMap, node: str) -> str:
    """A node's name for running text: a person's as it is, any other in „…“ — its article
    is unknown, and „gehört zu Schulamt“ is no German.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("P", "actor", name="Eva Roth", form="Person")
    >>> m.add_node("JA", "office", name="Jugendamt")
    >>> f"Fällt {named(m, 'JA')} weg", f"Fällt {named(m, 'P')} weg"
    ('Fällt „Jugendamt“ weg', 'Fällt Eva Roth weg')
    """
    return m.name(node) if _is_person(m, node) else quote(m.name(node))


def name_list(m: NetworkMap, nodes: Iterable[str], *, limit: int = 5,
              total: int | None = None, others: str = "weitere", quoted: bool = False) -> str:
    """German enumeration of node names: „A, B und C“ or „A, B und 7 weitere“.

    ``total`` is the full count when ``nodes`` is already a sample; ``others`` the word for
    the rest (``"weiteren"`` after a dative); ``quoted`` names them as :func:`named` does
    (after a preposition).

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> for n in "abc":
    ...     m.add_node(n, "actor", name=n.upper())
    >>> name_list(m, "abc"), name_list(m, "abc", limit=1), name_list(m, "ab", total=9)
    ('A, B und C', 'A und 2 weitere', 'A, B und 7 weitere')
    """
    return enumerate_names([named(m, n) if quoted else m.name(n) for n in nodes],
                           limit=limit, total=total, others=others)


def distances_to(graph: nx.Graph[Any], sources: Iterable[Any],
                 extra: Mapping[Any, Iterable[Any]] | None = None) -> dict[Any, int]:
    """Hop distance of every node reachable from any of ``sources`` (multi-source BFS),
    over the edges of ``graph`` and the ``extra`` ties (node -> neighbours, both ways
    listed; e.g. :func:`offer_ties`).

    >>> import networkx as nx
    >>> distances_to(nx.path_graph(4), [0])
    {0: 0, 1: 1, 2: 2, 3: 3}
    >>> distances_to(nx.empty_graph(3), [0], {0: [2], 2: [0]})
    {0: 0, 2: 1}
    """
    adj: Mapping[Any, Iterable[Any]] = graph.adj
    if extra:
        adj = {u: [*graph.adj[u], *extra.get(u, ())] for u in graph}
    dist: dict[Any, int] = {}
    queue: deque[Any] = deque()
    for s in sources:
        if s in adj and s not in dist:
            dist[s] = 0
            queue.append(s)
    while queue:
        u = queue.popleft()
        du = dist[u] + 1
        for v in adj[u]:
            if v not in dist:
                dist[v] = du
                queue.append(v)
    return dist


def offer_ties(m: NetworkMap) -> dict[str, set[str]]:
    """Actors and offices that work on the same running offer: its providers, funders
    and venue, each tied to the others (node -> the others).

    >>> m = NetworkMap()
    >>> for node in ("B", "S", "F"):
    ...     m.add_node(node, "actor", name=node)
    >>> m.add_node("O", "offer", name="Leseclub", venue="S")
    >>> _ = m.add_edge("B", "O", "provides"); _ = m.add_edge("F", "O", "funds")
    >>> {k: sorted(v) for k, v in sorted(offer_ties(m).items())}
    {'B': ['F', 'S'], 'F': ['B', 'S'], 'S': ['B', 'F']}
    """
    cached = m._cache.get("offer_ties")  # key figures and bottlenecks both ask for them
    if isinstance(cached, dict):
        return cached
    g = m.graph
    ties: defaultdict[str, set[str]] = defaultdict(set)
    for offer in m.node_ids(NodeType.OFFER):
        data = g.nodes[offer]
        if data.get("status") not in (None, OfferStatus.RUNNING):
            continue  # a planned or ended offer joins nobody yet (or any more)
        people = {u for u, _, d in g.in_edges(offer, data=True)
                  if d["kind"] in (EdgeKind.PROVIDES, EdgeKind.FUNDS)}
        venue = data.get("venue")
        if isinstance(venue, str) and venue in g:
            people.add(venue)
        people = {x for x in people
                  if g.nodes[x]["type"] in (NodeType.ACTOR, NodeType.OFFICE)}
        for x in people:
            ties[x] |= people - {x}
    m._cache["offer_ties"] = found = dict(ties)
    return found


# --- cut structure (block-cut tree) -------------------------------------------------------


@dataclass(frozen=True)
class CutInfo:
    """What removing one node does to its connected component.

    ``parts`` lists, for each piece the component falls into, its size and the number of
    steering members in it. ``cut_off`` holds some ids of the pieces without a steering
    member (at most 50), ``cut_off_count`` their full number.
    """

    node: Any
    component_size: int
    parts: tuple[tuple[int, int], ...]
    steering_in_component: int
    cut_off_count: int
    cut_off: tuple[Any, ...]

    @property
    def disconnected(self) -> int:
        """Nodes no longer connected to the largest remaining piece."""
        sizes = [s for s, _ in self.parts]
        return sum(sizes) - max(sizes) if sizes else 0


def cut_structure(graph: nx.Graph[Any], steering: Iterable[Any] = ()) -> tuple[
        dict[Any, CutInfo], list[tuple[Any, Any, int, int]]]:
    """Articulation points and bridges with the pieces they separate, in one pass.

    Parameters
    ----------
    graph : networkx.Graph
    steering : iterable of nodes
        Members of the steering group; a piece without one of them is "cut off".

    Returns
    -------
    cuts : dict node → CutInfo
        Every articulation point, plus a steering member that is the only one of its
        component (its departure cuts everybody else in that component off).
    bridges : list of (u, v, side_u, side_v)
        Every bridge with the number of nodes on either side.

    Examples
    --------
    >>> import networkx as nx
    >>> cuts, bridges = cut_structure(nx.path_graph(["a", "b", "c", "d"]), ["a"])
    >>> cuts["b"].cut_off_count, sorted(cuts["c"].cut_off)
    (2, ['d'])
    >>> bridges[1]
    ('b', 'c', 2, 2)

    Notes
    -----
    Biconnected components come from igraph once (Hopcroft–Tarjan, O(n + m)); the sizes of
    the pieces follow from subtree sums on the block-cut tree, so nothing is removed and
    recomputed per node: O(n + m) overall, plus O(50) per listed piece.
    """
    from netzkarte.analysis.metrics import cached_igraph

    g = cached_igraph(graph)
    names: list[Any] = g.vs["name"] if g.vcount() else []
    steering_set = set(steering)
    steer = {i for i, n in enumerate(names) if n in steering_set}
    blocks_cover, aps = g.biconnected_components(return_articulation_points=True)
    blocks: list[list[int]] = [list(b) for b in blocks_cover]
    ap_set = set(aps)
    comp = g.connected_components()
    membership = comp.membership
    comp_sizes = comp.sizes()
    comp_steer: defaultdict[int, int] = defaultdict(int)
    for i in steer:
        comp_steer[membership[i]] += 1

    # block-cut tree: block b ↔ articulation point v
    blocks_of: defaultdict[int, list[int]] = defaultdict(list)
    for b, verts in enumerate(blocks):
        for v in verts:
            if v in ap_set:
                blocks_of[v].append(b)
    own = [(sum(1 for v in verts if v not in ap_set),
            sum(1 for v in verts if v not in ap_set and v in steer)) for verts in blocks]
    parent_of_block: dict[int, int] = {}  # block → parent AP (-1 for a root block)
    parent_of_ap: dict[int, int] = {}  # AP → parent block
    order: list[tuple[str, int]] = []
    seen_blocks: set[int] = set()
    for root in range(len(blocks)):
        if root in seen_blocks:
            continue
        seen_blocks.add(root)
        parent_of_block[root] = -1
        stack: list[tuple[str, int]] = [("B", root)]
        while stack:
            kind, x = stack.pop()
            order.append((kind, x))
            if kind == "B":
                for v in blocks[x]:
                    if v in ap_set and v != parent_of_block[x] and v not in parent_of_ap:
                        parent_of_ap[v] = x
                        stack.append(("A", v))
            else:
                for b in blocks_of[x]:
                    if b != parent_of_ap[x] and b not in seen_blocks:
                        seen_blocks.add(b)
                        parent_of_block[b] = x
                        stack.append(("B", b))
    sub_block = [(0, 0)] * len(blocks)
    sub_ap: dict[int, tuple[int, int]] = {}
    children_of_ap: defaultdict[int, list[int]] = defaultdict(list)
    children_of_block: defaultdict[int, list[int]] = defaultdict(list)
    for kind, x in reversed(order):
        if kind == "B":
            size, st = own[x]
            for v in children_of_block[x]:
                size += sub_ap[v][0]
                st += sub_ap[v][1]
            sub_block[x] = (size, st)
            if parent_of_block[x] >= 0:
                children_of_ap[parent_of_block[x]].append(x)
        else:
            size, st = 1, int(x in steer)
            for b in children_of_ap[x]:
                size += sub_block[b][0]
                st += sub_block[b][1]
            sub_ap[x] = (size, st)
            children_of_block[parent_of_ap[x]].append(x)

    def collect(start_blocks: list[int], start_aps: list[int], blocked: int) -> list[int]:
        """Up to _LIST_CAP vertices reachable in the tree from the starts, avoiding `blocked`."""
        found: list[int] = []
        seen_b: set[int] = set()
        seen_a: set[int] = {blocked}
        todo: list[tuple[str, int]] = [("B", b) for b in start_blocks]
        todo += [("A", a) for a in start_aps]
        while todo and len(found) < _LIST_CAP:
            kind, x = todo.pop()
            if kind == "B":
                if x in seen_b:
                    continue
                seen_b.add(x)
                for v in blocks[x]:
                    if v in ap_set:
                        if v not in seen_a:
                            todo.append(("A", v))
                    else:
                        found.append(v)
            else:
                if x in seen_a:
                    continue
                seen_a.add(x)
                found.append(x)
                todo.extend(("B", b) for b in blocks_of[x] if b not in seen_b)
        return sorted(found, key=lambda i: str(names[i]))[:_LIST_CAP]

    cuts: dict[Any, CutInfo] = {}
    for v in sorted(ap_set):
        c = membership[v]
        total_steer = comp_steer[c]
        parts: list[tuple[int, int, str, int]] = [
            (sub_block[b][0], sub_block[b][1], "child", b) for b in children_of_ap[v]]
        up_size = comp_sizes[c] - sub_ap[v][0]
        if up_size > 0:
            parts.append((up_size, total_steer - sub_ap[v][1], "up", parent_of_ap[v]))
        others = total_steer - int(v in steer)
        cut_parts = [p for p in parts if p[1] == 0] if others else list(parts)
        if not total_steer:
            cut_parts = []
        listed: list[int] = []
        for _, _, where, b in cut_parts:
            if len(listed) >= _LIST_CAP:
                break
            if where == "child":
                listed += collect([b], [], v)
            else:
                listed += collect([parent_of_ap[v]], [], v)
        cuts[names[v]] = CutInfo(
            node=names[v], component_size=comp_sizes[c],
            parts=tuple(sorted(((s, st) for s, st, _, _ in parts), reverse=True)),
            steering_in_component=total_steer,
            cut_off_count=sum(p[0] for p in cut_parts),
            cut_off=tuple(names[i] for i in sorted(listed, key=lambda i: str(names[i]))
                          [:_LIST_CAP]))
    # a steering member that is the only one in its component, but no articulation point
    lonely = {membership[v]: v for v in steer
              if comp_steer[membership[v]] == 1 and v not in ap_set
              and comp_sizes[membership[v]] > 1}
    rest: defaultdict[int, list[Any]] = defaultdict(list)
    if lonely:
        for i, c in enumerate(membership):
            if c in lonely and i != lonely[c]:
                rest[c].append(names[i])
    for c, v in lonely.items():
        cuts[names[v]] = CutInfo(
            node=names[v], component_size=comp_sizes[c], parts=((comp_sizes[c] - 1, 0),),
            steering_in_component=1, cut_off_count=comp_sizes[c] - 1,
            cut_off=tuple(sorted(rest[c], key=str)[:_LIST_CAP]))

    pair_block = {frozenset(verts): b for b, verts in enumerate(blocks) if len(verts) == 2}
    bridges: list[tuple[Any, Any, int, int]] = []
    for e in g.bridges():
        u, v = g.es[e].tuple
        size = comp_sizes[membership[u]]
        b = pair_block[frozenset((u, v))]
        kids = children_of_block[b]
        if kids:  # the side below a child articulation point is its subtree
            x = kids[0]
            side_u = sub_ap[x][0] if x == u else size - sub_ap[x][0]
        else:  # a leaf block: the endpoint that is no articulation point has degree 1
            side_u = size - 1 if parent_of_block[b] == u else 1
        bridges.append((names[u], names[v], side_u, size - side_u))
    return cuts, bridges


def _n(count: int, one: str, many: str) -> str:
    """German singular/plural: ``_n(3, "1 Akteur", "{} Akteure")`` → ``"3 Akteure"``."""
    return one if count == 1 else many.format(count)


def _is_person(m: NetworkMap, node: str) -> bool:
    return m.graph.nodes[node].get("form") is ActorForm.PERSON


def _check_int(name: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise NetzkarteError(f"Die Option {name} muss eine ganze Zahl ≥ {minimum} sein, "
                             f"nicht {value!r}.")
    return value


def find_bottlenecks(m: NetworkMap, *, cut_off_high: int = 3, max_steps: int = 3,
                     max_committees: int = 5, max_betweenness_share: float = 0.5,
                     min_bridge_side: int = 2,
                     centrality_table: pd.DataFrame | None = None) -> list[Finding]:
    """Coordination bottlenecks of a map (findings of kind ``"bottleneck"``).

    Parameters
    ----------
    m : NetworkMap
    cut_off_high : int, default 3
        A *person* whose departure cuts at least this many actors off from the steering
        group is a high-severity finding (any other node: medium). Three actors are a
        small operative cluster — a Kita, a Familienzentrum and a Grundschule of one
        district — whose loss leaves a transition of the chain without a link.
    max_steps : int, default 3
        Actors further than this many steps from a steering member are reported. In the
        tiered structure a → b → c an operative actor meets a district body member (1),
        who sits with a project group member (2), who sits on the steering group (3);
        more relay stations than the tiers provide mean information gets lost.
    max_committees : int, default 5
        Persons on more committees are overloaded: one seat per tier (a, b, c) plus two
        thematic networks is what a person can attend and prepare beside the day job.
    max_betweenness_share : float, default 0.5
        If one actor carries at least this share of all betweenness, the network is
        star-shaped around it: at least half of the brokerage runs through one desk.
    min_bridge_side : int, default 2
        Bridges are reported when both sides hold at least this many actors; a bridge to a
        single actor is just that actor's only tie and shows in its drop-out finding.
    centrality_table : DataFrame, optional
        Output of :func:`~netzkarte.analysis.metrics.centrality` when already computed
        (``analyze`` passes it to avoid computing betweenness twice).

    Returns
    -------
    list of Finding

    Raises
    ------
    NetzkarteError
        For a threshold of the wrong type or range.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("P", "actor", name="Herr P", form="Person")
    >>> for i in range(6):
    ...     m.add_node(f"G{i}", "committee", name=f"Gremium {i}")
    ...     _ = m.add_edge("P", f"G{i}", "member", function="Koordination")
    >>> [f.title for f in find_bottlenecks(m)]
    ['Herr P sitzt in 6 Gremien']

    Notes
    -----
    O(n + m) for the cut structure (block-cut tree) and the distances (one multi-source
    BFS), plus the betweenness of :func:`~netzkarte.analysis.metrics.centrality`
    (O(n·m), igraph) unless ``centrality_table`` is given.
    """
    _check_int("cut_off_high", cut_off_high, 1)
    _check_int("max_steps", max_steps, 1)
    _check_int("max_committees", max_committees, 1)
    _check_int("min_bridge_side", min_bridge_side, 1)
    if not isinstance(max_betweenness_share, int | float) or not 0 < max_betweenness_share <= 1:
        raise NetzkarteError("Die Option max_betweenness_share muss zwischen 0 und 1 liegen, "
                             f"nicht {max_betweenness_share!r}.")
    graph = m.collaboration_graph()
    steering = steering_members(m)
    findings: list[Finding] = []
    cuts, bridges = cut_structure(graph, steering)
    findings += _dropout_findings(m, graph, cuts, bool(steering), cut_off_high)
    findings += _bridge_findings(m, bridges, min_bridge_side, cut_off_high)
    if centrality_table is None and graph.number_of_nodes() > 2:
        from netzkarte.analysis.metrics import centrality

        centrality_table = centrality(graph, measures=("betweenness",))
    if centrality_table is not None:
        findings += _concentration_findings(m, centrality_table, max_betweenness_share)
    findings += _overload_findings(m, max_committees)
    findings += _coordination_findings(m)
    if steering:
        findings += _distance_findings(m, graph, steering, max_steps)
    log.info("Engpässe: %d Befunde", len(findings))
    return findings


def _dropout_severity(person: bool, count: int, k: int) -> Severity | None:
    """Persons: high from k actors on, medium from 2, low for 1. Others one step lower;
    a facility or organisation as the only link of a single actor (typically its own staff
    member) is normal and not reported."""
    if person:
        return "high" if count >= k else "medium" if count >= 2 else "low" if count else None
    return "medium" if count >= k else "low" if count >= 2 else None


def _dropout_findings(m: NetworkMap, graph: nx.Graph[Any], cuts: Mapping[str, CutInfo],
                      has_steering: bool, k: int) -> list[Finding]:
    out: list[Finding] = []
    n = max(graph.number_of_nodes(), 1)
    for node, info in cuts.items():
        person = _is_person(m, node)
        steering_here = info.steering_in_component > 0
        if steering_here and info.cut_off_count:
            count = info.cut_off_count
            severity = _dropout_severity(person, count, k)
        elif steering_here:
            count = info.disconnected
            severity = "low" if count >= k else None
        else:
            count = info.disconnected
            base = _dropout_severity(person, count, k)
            severity = _LOWER[base] if base else None
        if severity is None:
            continue
        who = named(m, node)
        if steering_here and info.cut_off_count:
            listed = name_list(m, info.cut_off, total=count, others="weiteren", quoted=True)
            lose = _n(count, "verliert 1 Akteur", "verlieren {} Akteure")
            title = f"Fällt {who} weg, {lose} die Verbindung zu den Steuerungsgremien"
            text = (f"{who} ist die einzige Verbindung von {listed} zu den Steuerungsgremien. "
                    + ("Die Anbindung ist hier personenabhängig." if person else
                       f"Die Anbindung hängt hier an {who} allein."))
        else:
            title = (f"Fällt {who} weg, zerfällt das Netzwerk "
                     f"({_n(count, '1 Akteur', '{} Akteure')} abgetrennt)")
            text = (f"Ohne {who} zerfällt das Netz in {len(info.parts)} Teile der Größen "
                    + ", ".join(str(s) for s, _ in info.parts) + "."
                    + ("" if has_steering else " Ein Steuerungsgremium ist nicht erfasst."))
        recommendation = (
            "Vertretung regeln und die Kontakte auf mehrere Schultern verteilen: die "
            "betroffenen Akteure direkt mit einem weiteren Mitglied eines Steuerungsgremiums "
            "oder einem Gremium verbinden (nicht personenabhängig)." if person else
            f"Zweite Verbindung schaffen: die betroffenen Akteure unabhängig von {who} in "
            "ein Gremium oder eine Kooperation einbinden.")
        out.append(Finding.create(
            "bottleneck", severity, title, text=text, recommendation=recommendation,
            nodes=[node, *info.cut_off], district=m.graph.nodes[node].get("district"),
            score=count / n, key=f"dropout:{node}",
            evidence={"check": "dropout", "node": node, "person": person,
                      "cut_off_from_steering": info.cut_off_count,
                      "disconnected": info.disconnected,
                      "parts": [s for s, _ in info.parts],
                      "component_size": info.component_size}))
    return out


def _bridge_findings(m: NetworkMap, bridges: Iterable[tuple[str, str, int, int]],
                     min_side: int, k: int) -> list[Finding]:
    out: list[Finding] = []
    n = max(len(m), 1)
    for u, v, su, sv in bridges:
        small = min(su, sv)
        if small < min_side:
            continue
        severity: Severity = "medium" if small >= k else "low"
        title = f"Einzige Verbindung zwischen zwei Netzteilen: {m.name(u)} – {m.name(v)}"
        text = (f"Die Beziehung zwischen {named(m, u)} und {named(m, v)} ist die einzige "
                f"Verbindung zwischen einem Teil mit {su} und einem mit {sv} Akteuren.")
        out.append(Finding.create(
            "bottleneck", severity, title, text=text,
            recommendation="Eine zweite Verbindung zwischen den beiden Teilen schaffen, "
                           "etwa durch ein gemeinsames Gremium oder eine weitere Kooperation.",
            nodes=[u, v], edges=[(u, v)], score=small / n, key="bridge",
            evidence={"check": "bridge", "sides": [su, sv]}))
    return out


def _concentration_findings(m: NetworkMap, table: pd.DataFrame, share_limit: float
                            ) -> list[Finding]:
    from netzkarte.analysis.metrics import gini

    if "betweenness" not in table or table.empty:
        return []
    b = table["betweenness"].astype(float)
    total = float(b.sum())
    if total <= 0:
        return []
    top = b.sort_values(ascending=False, kind="stable")
    node = str(top.index[0])
    share = float(top.iloc[0]) / total
    if share < share_limit or node not in m:
        return []
    top5 = [{"id": str(i), "share": round(float(v) / total, 4)} for i, v in top.head(5).items()]
    percent = f"{number(100 * share, 0)} %"
    return [Finding.create(
        "bottleneck", "medium",
        f"Die Vermittlung im Netzwerk hängt an {named(m, node)} ({percent})",
        text=(f"{named(m, node)} liegt auf {percent} aller kürzesten Wege, über die andere "
              "Akteure und Ämter einander erreichen (Vermittlungsrolle). Das Netz ist "
              "sternförmig um diese Stelle gebaut."),
        recommendation="Weitere Akteure als Vermittler stärken (z. B. Sozialraumkoordination, "
                       "Lotsen) und direkte Kontakte zwischen den Partnern fördern.",
        nodes=[node], score=share, key="concentration",
        evidence={"check": "concentration", "share": round(share, 4),
                  "gini": round(gini(b.tolist()), 4), "top": top5})]


def _overload_findings(m: NetworkMap, limit: int) -> list[Finding]:
    out: list[Finding] = []
    for node in m.node_ids(NodeType.ACTOR):
        if not _is_person(m, node):
            continue
        seats = sorted(set(m.memberships(node)))
        if len(seats) <= limit:
            continue
        meetings = [m.graph.nodes[c].get("meetings_per_year") for c in seats]
        known = [float(x) for x in meetings if isinstance(x, int | float)]
        severity: Severity = "high" if len(seats) >= 2 * limit else "medium"
        text = (f"{m.name(node)} ist Mitglied in {len(seats)} Gremien: "
                f"{name_list(m, seats, limit=8)}."
                + (f" Das sind mindestens {sum(known):.0f} Sitzungen im Jahr." if known else ""))
        recommendation = ("Sitze auf mehrere Personen verteilen oder Gremien zusammenlegen "
                          "(Parallelstrukturen prüfen); Vertretungen benennen.")
        duty = _seats_by_office(m, node)
        if duty:
            # the coordinator's job is to sit there; a mayor's seats come with the office
            severity = _LOWER[severity]
            text += f" {duty}"
            recommendation = ("Prüfen, welche Sitze wirklich persönlich wahrgenommen werden "
                              "müssen; für die übrigen Vertretungen benennen und Sitzungen "
                              "bündeln (Parallelstrukturen prüfen).")
        out.append(Finding.create(
            "bottleneck", severity, f"{m.name(node)} sitzt in {len(seats)} Gremien",
            text=text,
            recommendation=recommendation,
            nodes=[node, *seats], district=m.graph.nodes[node].get("district"),
            score=len(seats) / limit, key="overload",
            evidence={"check": "overload", "committees": len(seats), "limit": limit,
                      "meetings_per_year": sum(known) if known else None}))
    return out


def _seats_by_office(m: NetworkMap, person: str) -> str:
    """Why many seats may come with a person's position (a sentence), else ``""``: the
    Netzwerkkoordination sits in the committees by job, the Verwaltungsspitze (Bürgermeisterin,
    Landrat) by office."""
    data = m.graph.nodes[person]
    if Role.COORDINATOR in (data.get("roles") or ()):
        return ("Als Netzwerkkoordination gehört die Mitarbeit in den Gremien zur Aufgabe; "
                "entscheidend ist, dass sie vertreten werden kann.")
    if data.get("rank") is Rank.TOP:
        return ("Als Verwaltungsspitze sind viele dieser Sitze mit dem Amt verbunden; "
                "entscheidend ist, dass sie vertreten werden kann.")
    return ""


def _coordination_findings(m: NetworkMap) -> list[Finding]:
    out: list[Finding] = []
    for committee in m.node_ids(NodeType.COMMITTEE):
        data = m.graph.nodes[committee]
        functions = [d.get("function") for _, _, d in m.graph.in_edges(committee, data=True)
                     if d["kind"] is EdgeKind.MEMBER]
        if any(f in _COORDINATING for f in functions):
            continue
        if not functions and m.graph.degree(committee) == 0:
            continue  # no edge at all: reported by the isolated analysis
        upper = is_steering_body(data) or data.get("tier") is Tier.B
        # a Federführung typed as a name without a row of its own is kept in ``extra``
        lead = data.get("lead") or (data.get("extra") or {}).get("Federführung")
        severity: Severity = "info" if lead else ("medium" if upper else "low")
        name = m.name(committee)
        if not functions:
            text = f"Für „{name}“ sind keine Mitglieder eingetragen."
        else:
            text = (f"Kein Mitglied von „{name}“ ({len(functions)} eingetragen) hat die "
                    "Funktion Vorsitz oder Koordination.")
        if lead:
            shown = m.name(lead) if isinstance(lead, str) and lead in m.graph else lead
            text += f" Als Federführung ist „{shown}“ eingetragen."
        out.append(Finding.create(
            "bottleneck", severity, f"{name}: kein Vorsitz und keine Koordination eingetragen",
            text=text,
            recommendation="Wer den Vorsitz führt oder koordiniert, in den Mitgliedschaften "
                           "mit dieser Funktion eintragen – oder, wenn es niemanden gibt, "
                           "jemanden benennen: Ohne koordinierende Funktion fehlt der Faden "
                           "zur Steuerung.",
            nodes=[committee], district=data.get("district"),
            score=float(len(functions)), key="no_coordination",
            evidence={"check": "no_coordination", "members": len(functions),
                      "lead": str(lead) if lead else None}))
    return out


def _distance_findings(m: NetworkMap, graph: nx.Graph[Any], steering: set[str],
                       max_steps: int) -> list[Finding]:
    dist = distances_to(graph, steering, offer_ties(m))
    far: defaultdict[str | None, list[str]] = defaultdict(list)
    unreachable: defaultdict[str | None, list[str]] = defaultdict(list)
    for node in graph:
        if m.graph.degree(node) == 0:
            continue  # no edge at all: reported by the isolated analysis
        if m.graph.nodes[node].get("level") is Level.STATE:
            continue  # a Land foundation or ministry: beyond the Kommune's steering
        district = m.graph.nodes[node].get("district")
        d = dist.get(node)
        if d is None:
            unreachable[district].append(node)
        elif d > max_steps:
            far[district].append(node)
    n = max(graph.number_of_nodes(), 1)
    out: list[Finding] = []
    for district, nodes in sorted(unreachable.items(), key=lambda kv: str(kv[0])):
        where = f" in {district}" if district else ""
        out.append(Finding.create(
            "bottleneck", "medium",
            f"{_n(len(nodes), '1 Akteur', '{} Akteure')}{where} ohne Weg zu einem "
            "Steuerungsgremium",
            text=(f"Von {name_list(m, nodes, others='weiteren', quoted=True)} führt kein Weg "
                  "zu einem Mitglied eines Steuerungsgremiums, auch nicht über andere: "
                  "keine Kooperation, "
                  "kein Kontrakt, keine Vermittlung, keine Zugehörigkeit, kein gemeinsames "
                  "Gremium und kein gemeinsames Angebot."),
            recommendation="Über ein Gremium der Ebene c (z. B. Sozialraumkonferenz) oder eine "
                           "Kooperation mit einem gut eingebundenen Partner anschließen.",
            nodes=sorted(nodes)[:_LIST_CAP], district=district, score=len(nodes) / n,
            key="unreachable",
            evidence={"check": "unreachable", "count": len(nodes)}))
    for district, nodes in sorted(far.items(), key=lambda kv: str(kv[0])):
        where = f" in {district}" if district else ""
        steps = sorted({dist[x] for x in nodes})
        out.append(Finding.create(
            "bottleneck", "low",
            f"{_n(len(nodes), '1 Akteur', '{} Akteure')}{where} mehr als {max_steps} "
            "Schritte von den Steuerungsgremien entfernt",
            text=(f"{name_list(m, nodes, quoted=True)} "
                  f"{_n(len(nodes), 'erreicht', 'erreichen')} ein Steuerungsgremium erst über "
                  f"{' bzw. '.join(map(str, steps))} Schritte."),
            recommendation="Kürzere Wege schaffen: Mitwirkung in einem Gremium, dessen "
                           "Mitglieder auch auf Ebene b oder a vertreten sind.",
            nodes=sorted(nodes)[:_LIST_CAP], district=district, score=len(nodes) / n,
            key=f"far:{max_steps}",
            evidence={"check": "far", "count": len(nodes), "max_steps": max_steps,
                      "steps": steps}))
    return out
