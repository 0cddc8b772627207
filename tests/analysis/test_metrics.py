"""Metrics: igraph against networkx, the brokerage and E-I reference examples, Leiden."""

from __future__ import annotations

import itertools
import math
import random

import networkx as nx
import pytest

from netzkarte import NetworkMap, NetzkarteError
from netzkarte.analysis.metrics import (
    BROKERAGE_ROLES,
    brokerage,
    centrality,
    communities,
    ei_index,
    gini,
    sector_groups,
    tie_digraph,
    to_igraph,
)

# The reference example of the issue: groups {A, B} and {C, D}.
REF_EDGES = [("A", "B"), ("A", "C"), ("B", "C"), ("B", "D"), ("C", "D"), ("D", "A")]
REF_GROUPS = {"A": "g1", "B": "g1", "C": "g2", "D": "g2"}


def test_brokerage_reference_example() -> None:
    rows = brokerage(nx.DiGraph(REF_EDGES), REF_GROUPS).to_dict(orient="index")
    got = {n: {r: rows[n][r] for r in BROKERAGE_ROLES if rows[n][r]} for n in "ABCD"}
    table = brokerage(nx.DiGraph(REF_EDGES), REF_GROUPS)
    assert got == {"A": {"itinerant": 1, "gatekeeper": 1}, "B": {"representative": 1},
                   "C": {"gatekeeper": 1}, "D": {"itinerant": 1, "representative": 1}}
    assert table["coordinator"].sum() == 0
    assert table["liaison"].sum() == 0
    assert table.loc["D", "total"] == 2
    assert table.loc["A", "cross_group"] == 2


def test_ei_index_reference_example_is_one_third() -> None:
    directed = ei_index(nx.DiGraph(REF_EDGES), REF_GROUPS)
    undirected = ei_index(nx.Graph(REF_EDGES), REF_GROUPS)
    assert directed.overall == pytest.approx(1 / 3)
    assert undirected.overall == pytest.approx(1 / 3)
    assert (directed.external, directed.internal) == (4, 2)
    # per group: 4 external ties touch each group, 1 internal tie lies inside it
    assert directed.per_group == {"g1": pytest.approx(0.6), "g2": pytest.approx(0.6)}


def test_ei_index_counts_reciprocated_arcs_twice_and_skips_ungrouped_nodes() -> None:
    g = nx.DiGraph([("A", "B"), ("B", "A"), ("A", "C"), ("A", "X")])
    result = ei_index(g, {"A": 1, "B": 1, "C": 2})
    assert (result.external, result.internal) == (1, 2)
    assert result.overall == pytest.approx(-1 / 3)
    assert math.isnan(ei_index(nx.Graph(), {"A": 1}).overall)


def test_brokerage_roles_by_groups() -> None:
    g = nx.DiGraph([("a", "b"), ("b", "c")])
    assert brokerage(g, {"a": 1, "b": 1, "c": 1}).loc["b", "coordinator"] == 1
    assert brokerage(g, {"a": 1, "b": 2, "c": 3}).loc["b", "liaison"] == 1
    assert brokerage(g, {"a": 1, "b": 2, "c": 1}).loc["b", "itinerant"] == 1
    # a closed two-path (a → c exists) needs no broker
    closed = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    assert brokerage(closed, {"a": 1, "b": 1, "c": 1}).loc["b", "total"] == 0
    # a → b → a is no two-path; an ungrouped end is left out
    back = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "x")])
    assert brokerage(back, {"a": 1, "b": 1}).loc["b", "total"] == 0


def _brute_brokerage(g: nx.DiGraph[int], groups: dict[int, int]) -> dict[int, dict[str, int]]:
    out = {n: dict.fromkeys(BROKERAGE_ROLES, 0) for n in g}
    for a, b, c in itertools.permutations(g, 3):
        if g.has_edge(a, b) and g.has_edge(b, c) and not g.has_edge(a, c):
            ga, gb, gc = groups[a], groups[b], groups[c]
            role = ("coordinator" if ga == gb == gc else "itinerant" if ga == gc else
                    "representative" if ga == gb else "gatekeeper" if gb == gc else "liaison")
            out[b][role] += 1
    return out


@pytest.mark.parametrize("seed", range(10))
def test_brokerage_matches_brute_force_enumeration(seed: int) -> None:
    rng = random.Random(seed)
    g = nx.gnp_random_graph(14, 0.25, seed=seed, directed=True)
    groups = {n: rng.randint(0, 2) for n in g}
    rows = brokerage(g, groups).to_dict(orient="index")
    expected = _brute_brokerage(g, groups)
    for n in g:
        assert {r: rows[n][r] for r in BROKERAGE_ROLES} == expected[n]


def _random_graph(seed: int) -> nx.Graph[int]:
    rng = random.Random(seed)
    n = rng.randint(5, 60)
    g: nx.Graph[int] = nx.gnm_random_graph(n, rng.randint(n // 2, 3 * n), seed=seed)
    for u, v in g.edges():
        g[u][v]["weight"] = rng.randint(1, 4)
    return g


@pytest.mark.parametrize("seed", range(20))
def test_igraph_and_networkx_centrality_agree(seed: int) -> None:
    g = _random_graph(seed)
    fast = centrality(g, backend="igraph")
    slow = centrality(g, backend="networkx")
    for col in ("degree", "strength", "betweenness", "closeness", "component"):
        assert (fast[col] - slow[col]).abs().max() <= 1e-9, col
    # eigenvector: networkx iterates to its tolerance, igraph uses ARPACK
    assert (fast["eigenvector"] - slow["eigenvector"]).abs().max() <= 1e-6


@pytest.mark.parametrize("seed", range(5))
def test_pivot_estimate_with_every_node_as_pivot_is_exact(seed: int) -> None:
    g = _random_graph(seed)
    g.add_edges_from([(1000, 1001), (1001, 1002)])  # a small component stays exact
    sampled = centrality(g, backend="igraph", exact_max_nodes=4, pivots=len(g))
    exact = centrality(g, backend="networkx")
    for col in ("betweenness", "closeness"):
        assert (sampled[col] - exact[col]).abs().max() <= 1e-9, col


def test_pivot_estimate_finds_the_brokers() -> None:
    # 30 cliques of 8 on a ring, each joined to the next through one broker
    g: nx.Graph[int] = nx.Graph()
    for c in range(30):
        g.add_edges_from(itertools.combinations(range(c * 8, c * 8 + 8), 2))
        g.add_edge(c * 8, ((c + 1) % 30) * 8 + 1)
    exact = centrality(g, backend="networkx")
    sampled = centrality(g, backend="igraph", exact_max_nodes=50, pivots=60, seed=1)
    top = set(exact["betweenness"].nlargest(60).index)
    assert set(sampled["betweenness"].nlargest(60).index) == top
    rel = (sampled["betweenness"] - exact["betweenness"]).abs()[list(top)] \
        / exact["betweenness"][list(top)]
    assert rel.max() < 0.35
    assert (sampled["closeness"] - exact["closeness"]).abs().max() < 0.02
    assert centrality(g, backend="igraph", exact_max_nodes=50, pivots=60, seed=1).equals(
        sampled)


def test_centrality_of_a_star_and_a_path() -> None:
    star = centrality(nx.star_graph(4), backend="igraph")
    assert star.loc[0, "betweenness"] == 1.0
    assert star.loc[1, "betweenness"] == 0.0
    assert star.loc[0, "eigenvector"] == pytest.approx(1.0)
    path = centrality(nx.path_graph(["a", "b", "c"]), backend="igraph")
    assert path["closeness"].tolist() == pytest.approx([2 / 3, 1.0, 2 / 3])


def test_centrality_of_a_map_uses_the_collaboration_projection(small_map: NetworkMap) -> None:
    table = centrality(small_map)
    assert set(table.index) == {"BM", "JA", "JC", "KOORD", "KITA1", "GS1", "TR"}
    assert table.loc["KOORD", "name"] == "Frau Kurz"
    assert table.loc["KITA1", "sector"] == "youth_welfare"
    # KOORD sits on both committees: 5 partners (SG members + SRK members + belongs_to JA)
    assert table.loc["KOORD", "degree"] == 5
    assert table["betweenness"].idxmax() == "KOORD"


def test_centrality_rejects_unknown_backend_and_measure() -> None:
    with pytest.raises(NetzkarteError, match="Backend"):
        centrality(nx.path_graph(3), backend="gpu")  # type: ignore[arg-type]
    with pytest.raises(NetzkarteError, match="Zentralitätsmaß"):
        centrality(nx.path_graph(3), measures=("pagerank",))


def test_to_igraph_keeps_names_weights_and_direction() -> None:
    g = to_igraph(nx.DiGraph([("x", "y", {"weight": 3}), ("y", "z")]))
    assert g.is_directed()
    assert g.vs["name"] == ["x", "y", "z"]
    assert g.es["weight"] == [3.0, 1.0]
    multi: nx.MultiGraph[str] = nx.MultiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    h = to_igraph(multi)
    assert h.ecount() == 2
    assert sorted(h.es["weight"]) == [1.0, 2.0]


def _two_cliques() -> nx.Graph[str]:
    g: nx.Graph[str] = nx.Graph()
    g.add_edges_from(itertools.combinations("abcde", 2))
    g.add_edges_from(itertools.combinations("vwxyz", 2))
    g.add_edge("e", "v")
    return g


def test_communities_split_two_cliques_deterministically() -> None:
    g = _two_cliques()
    state = random.getstate()
    parts = communities(g, seed=3)
    assert random.getstate() == state  # the global generator is left alone
    assert parts.count == 2
    assert parts.sizes == (5, 5)
    assert {n for n, c in parts.membership.items() if c == 0} == set("abcde")
    expected = nx.community.modularity(g, [set("abcde"), set("vwxyz")])
    assert parts.modularity == pytest.approx(expected)
    assert communities(g, seed=3) == parts


def test_communities_of_an_empty_graph() -> None:
    assert communities(nx.Graph()).count == 0


def test_tie_digraph_directions(small_map: NetworkMap) -> None:
    g = tie_digraph(small_map)
    assert g.has_edge("KITA1", "GS1") and g.has_edge("GS1", "KITA1")  # cooperation
    assert g.has_edge("JA", "TR") and g.has_edge("TR", "JA")  # contract is symmetric
    assert g.has_edge("KOORD", "JA") and not g.has_edge("JA", "KOORD")  # belongs_to
    assert "CAFE" not in g and "SG" not in g
    assert g.number_of_edges() == 6


def test_sector_groups_and_gini(small_map: NetworkMap) -> None:
    groups = sector_groups(small_map)
    assert groups["JC"] == "work"
    assert "SG" not in groups
    assert gini([0, 0, 0, 0]) == 0.0
    assert gini([0, 0, 0, 4]) == pytest.approx(0.75)
