"""The synthetic generator: shape, determinism, and planted problems checked structurally.

Every planted problem is verified with plain networkx on the generated graph (not with
the analyses it is meant to test), and the clean map is checked for the absence of each.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pytest

from netzkarte import InputError, NetworkMap
from netzkarte.datasets.synthetic import (
    BIRTH_SIDE,
    CORE_SECTORS,
    EARLY_HELP_SIDE,
    FAMILY_SIDE,
    FAMILY_SIDE_KOMMUNE,
    INDICATORS,
    KITA_SIDE,
    PLANTS,
    SCHOOLS,
    WORK_SIDE,
    GroundTruth,
    SyntheticMap,
    synthetic,
)
from netzkarte.vocab import (
    ActorForm,
    EdgeKind,
    Level,
    LifePhase,
    MemberFunction,
    NodeType,
    Rank,
    Role,
    Tier,
    endpoint_problem,
)

# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clean() -> SyntheticMap:
    return synthetic(300, seed=0)


@pytest.fixture(scope="module")
def clean_kreis() -> SyntheticMap:
    return synthetic(1200, seed=5, municipalities=4)


@pytest.fixture(scope="module")
def planted() -> SyntheticMap:
    return synthetic(300, seed=0, plant="all")


@pytest.fixture(scope="module")
def planted_kreis() -> SyntheticMap:
    return synthetic(1200, seed=5, municipalities=4, plant="all")


# --- structural helpers (networkx only) -------------------------------------------------


def _undirected(m: NetworkMap) -> nx.Graph[str]:
    return nx.Graph(m.graph.to_undirected(as_view=True))


def _hubs(m: NetworkMap) -> dict[str, set[str]]:
    """Committees a node sits on and offers it provides, funds, refers to or hosts."""
    hubs: defaultdict[str, set[str]] = defaultdict(set)
    for u, v, d in m.graph.edges(data=True):
        if d["kind"] is EdgeKind.MEMBER or m.graph.nodes[v]["type"] is NodeType.OFFER:
            hubs[u].add(v)
    for n, d in m.graph.nodes(data=True):
        if d["type"] is NodeType.OFFER and d.get("venue"):
            hubs[d["venue"]].add(n)
    return hubs


def _linked(m: NetworkMap, hubs: dict[str, set[str]], a: str, b: str) -> bool:
    """Direct tie of any kind, a shared committee or a shared offer."""
    g = m.graph
    return g.has_edge(a, b) or g.has_edge(b, a) or bool(hubs.get(a, set()) & hubs.get(b, set()))


def _ids(m: NetworkMap, categories: Iterable[str], district: str | None = None) -> list[str]:
    cats = set(categories)
    return [n for n, d in m.graph.nodes(data=True) if d.get("category") in cats
            and (district is None or d.get("district") == district)]


def _districts(m: NetworkMap) -> list[str]:
    return list(m.districts.index)


def _persons(m: NetworkMap) -> list[str]:
    return [n for n, d in m.graph.nodes(data=True) if d.get("form") is ActorForm.PERSON]


def _seats(m: NetworkMap) -> Counter[str]:
    return Counter(u for u, _, d in m.graph.edges(data=True) if d["kind"] is EdgeKind.MEMBER)


def _offers_per_cell(m: NetworkMap) -> Counter[tuple[str, LifePhase]]:
    cells: Counter[tuple[str, LifePhase]] = Counter()
    for _, d in m.graph.nodes(data=True):
        if d["type"] is NodeType.OFFER:
            for phase in d.get("life_phases", ()):
                cells[(d["district"], phase)] += 1
    return cells


def _powered(m: NetworkMap, committee: str) -> bool:
    for member in m.members(committee):
        d = m.graph.nodes[member]
        if Role.POWER_PROMOTER in d.get("roles", ()) or d.get("rank") in (
                Rank.TOP, Rank.DEPARTMENT_HEAD):
            return True
    return False


def _missing_sectors(m: NetworkMap, committee: str) -> list[str]:
    have = {m.graph.nodes[n].get("sector") for n in m.members(committee)}
    return [s.value for s in CORE_SECTORS if s not in have]


def _uncoordinated(m: NetworkMap) -> list[str]:
    lead = (MemberFunction.CHAIR, MemberFunction.COORDINATION)
    out = []
    for c in m.node_ids(NodeType.COMMITTEE):
        functions = [d.get("function") for _, _, d in m.graph.in_edges(c, data=True)
                     if d["kind"] is EdgeKind.MEMBER]
        if not any(f in lead for f in functions):
            out.append(c)
    return out


def _disconnected_by(m: NetworkMap, g: nx.Graph[str], person: str,
                     steering: list[str]) -> set[str]:
    def reach(graph: nx.Graph[str]) -> set[str]:
        return set().union(*(nx.node_connected_component(graph, s) for s in steering))

    before = reach(g)
    h = g.copy()
    h.remove_node(person)
    return {n for n in before - reach(h) - {person}
            if m.graph.nodes[n]["type"] is NodeType.ACTOR}


def _same_mandate_overlaps(m: NetworkMap) -> list[tuple[str, str, float]]:
    """Committee pairs with identical topics and life phases, with their member Jaccard."""
    cg = m.committee_graph()
    out = []
    for a, b, d in cg.edges(data=True):
        na, nb = m.graph.nodes[a], m.graph.nodes[b]
        if (set(na.get("topics", ())) == set(nb.get("topics", ()))
                and na.get("life_phases") == nb.get("life_phases")
                and (na.get("district") is None or na.get("district") == nb.get("district"))):
            out.append((a, b, d["jaccard"]))
    return out


# --- shape, size, determinism -----------------------------------------------------------


@pytest.mark.parametrize("n", [300, 1000, 5000])
@pytest.mark.parametrize("plant", [None, "all"])
def test_size_within_ten_percent(n: int, plant: str | None) -> None:
    assert abs(len(synthetic(n, seed=2, plant=plant).map) - n) <= 0.1 * n


def test_same_seed_same_map_different_seed_different_map() -> None:
    a, b, c = (synthetic(400, seed=s, plant="all") for s in (4, 4, 5))
    assert list(a.map.graph.nodes(data=True)) == list(b.map.graph.nodes(data=True))
    assert list(a.map.graph.edges(keys=True, data=True)) == list(
        b.map.graph.edges(keys=True, data=True))
    assert a.map.districts.equals(b.map.districts)
    assert a.truth == b.truth
    assert list(a.map.graph.edges()) != list(c.map.graph.edges())


def test_every_node_type_and_edge_kind_present(clean: SyntheticMap) -> None:
    counts, kinds = clean.map.counts(), clean.map.edge_counts()
    assert all(counts[t.value] > 0 for t in NodeType)
    assert all(kinds[k.value] > 0 for k in EdgeKind), kinds


def test_every_edge_obeys_the_endpoint_rules(planted_kreis: SyntheticMap) -> None:
    g = planted_kreis.map.graph
    for u, v, d in g.edges(data=True):
        s, t = g.nodes[u], g.nodes[v]
        assert endpoint_problem(d["kind"], s["type"], t["type"], s.get("form"),
                                t.get("form")) is None, (u, v, d["kind"])


def test_preset_sizes_pick_kommunen_and_districts() -> None:
    town = synthetic(300)
    assert town.map.districts["municipality"].nunique() == 1
    assert 5 <= len(town.map.districts) <= 7
    kreis = synthetic(5000)
    assert kreis.map.districts["municipality"].nunique() == 12
    youth_offices = [n for n, d in kreis.map.graph.nodes(data=True)
                     if d.get("category") == "Jugendamt"]
    assert len(youth_offices) == 4  # the Hochsauerlandkreis talk: 12 Kommunen share 4 Jugendämter
    assert synthetic(600, municipalities=3, districts_per_municipality=4
                     ).map.districts.groupby("municipality").size().tolist() == [4, 4, 4]


def test_levels_and_districts_are_coherent(clean_kreis: SyntheticMap) -> None:
    m = clean_kreis.map
    table = m.districts
    for n, d in m.graph.nodes(data=True):
        if d.get("district") is not None:
            assert d["district"] in table.index, n
            assert table.loc[d["district"], "municipality"] == d["municipality"], n
        if d.get("level") is Level.DISTRICT:
            assert d.get("district"), n
        if d.get("level") is Level.COUNTY:
            assert d.get("municipality") is None and d.get("district") is None, n
        if d.get("tier") is Tier.C:
            assert d["level"] is Level.DISTRICT
    assert all(d.get("district") for _, d in m.graph.nodes(data=True)
               if d["type"] is NodeType.OFFER)


def test_district_table_is_plausible(clean_kreis: SyntheticMap) -> None:
    t = clean_kreis.map.districts
    assert list(t.columns[:3]) == ["municipality", "population", "children"]
    assert [c for c in t.columns if c in INDICATORS] == list(INDICATORS)
    assert (t["children"] < t["population"]).all() and (t["population"] > 500).all()
    assert t[INDICATORS[0]].between(2, 50).all() and t[INDICATORS[1]].between(8, 66).all()
    assert t[INDICATORS[2]].between(4, 23).all()
    assert (t[INDICATORS[0]] > 25).any() and (t[INDICATORS[0]] < 15).any()  # some burdened
    for col in INDICATORS:
        assert t[col].idxmax() == clean_kreis.truth.neediest_district
    assert clean_kreis.map.meta.county == "Musterkreis"


def test_committee_sizes_and_memberships_are_heavy_tailed() -> None:
    m = synthetic(5000, seed=1).map
    sizes = [len(m.members(c)) for c in m.node_ids(NodeType.COMMITTEE)]
    assert sum(8 <= s <= 25 for s in sizes) / len(sizes) > 0.5
    assert max(sizes) >= 40
    seats = _seats(m)
    actors = m.node_ids(NodeType.ACTOR)
    assert sum(seats[a] <= 2 for a in actors) / len(actors) > 0.8
    assert max(seats.values()) >= 6  # offices and organisations sit on many bodies


def test_kitas_belong_and_persons_belong(clean: SyntheticMap) -> None:
    m = clean.map
    for p in _persons(m):
        if m.graph.nodes[p]["category"] == "Person":
            assert m.organisation(p) is not None, p


def test_bad_arguments_are_german_input_errors() -> None:
    with pytest.raises(InputError, match="Unbekannte Probleme"):
        synthetic(300, plant=["parallel", "gibtsnicht"])
    with pytest.raises(InputError, match="mindestens 150"):
        synthetic(50)


# --- the clean map is clean -------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["clean", "clean_kreis"])
def test_clean_map_has_no_planted_problem(fixture: str, request: pytest.FixtureRequest) -> None:
    s: SyntheticMap = request.getfixturevalue(fixture)
    m, truth = s.map, s.truth
    assert truth == GroundTruth(steering_groups=truth.steering_groups,
                                neediest_district=truth.neediest_district,
                                clean_districts=_districts(m))
    hubs = _hubs(m)
    work = _ids(m, WORK_SIDE)
    for district in _districts(m):
        primaries = _ids(m, ["Grundschule"], district)
        for early in _ids(m, KITA_SIDE, district):
            assert any(m.graph.has_edge(early, gs) or m.graph.has_edge(gs, early)
                       for gs in primaries), early
        for school in _ids(m, SCHOOLS, district):
            assert any(_linked(m, hubs, school, w) for w in work), school
        # Familie → Kita: a Kindertagespflege cooperates with a Kita of its district
        kitas = _ids(m, ["Kita"], district)
        for early in _ids(m, FAMILY_SIDE, district):
            assert any(m.graph.has_edge(early, k) or m.graph.has_edge(k, early)
                       for k in kitas), early
    for early in _ids(m, FAMILY_SIDE_KOMMUNE):  # the Frühförderstelle: a Kita of its Kommune
        town = m.graph.nodes[early]["municipality"]
        assert any(m.graph.has_edge(early, k) or m.graph.has_edge(k, early)
                   for k in _ids(m, ["Kita"]) if m.graph.nodes[k]["municipality"] == town)
    cells = _offers_per_cell(m)
    assert all(cells[(d, p)] > 0 for d in _districts(m) for p in LifePhase)
    for sg in truth.steering_groups:
        assert _powered(m, sg) and _missing_sectors(m, sg) == [], sg
    assert all(j < 0.5 for _, _, j in _same_mandate_overlaps(m))
    assert [n for n in m.graph if m.graph.degree(n) == 0] == []
    seats = _seats(m)
    assert max(seats[p] for p in _persons(m)) <= 5
    assert _uncoordinated(m) == []


@pytest.mark.parametrize("fixture", ["clean", "clean_kreis", "planted_kreis", "no_early_help"])
def test_birth_side_shares_a_fruehe_hilfen_network(fixture: str,
                                                   request: pytest.FixtureRequest) -> None:
    if fixture == "no_early_help":
        # Musterstadt 3 has neither a Frühförderstelle nor a Kindertagespflege: its
        # Schwangerschaftsberatung goes to the Kreisnetzwerk, which seats one of the Kreis
        s = synthetic(600, seed=0, municipalities=3, districts_per_municipality=4)
        assert [n for n in _ids(s.map, EARLY_HELP_SIDE)
                if s.map.graph.nodes[n]["municipality"] == "Musterstadt 3"] == []
    else:
        s = request.getfixturevalue(fixture)
    m = s.map
    hubs = _hubs(m)
    later = _ids(m, EARLY_HELP_SIDE)
    births = _ids(m, BIRTH_SIDE)
    assert later and len(births) == len(m.districts["municipality"].unique()) + 1
    for birth in births:
        shared = {c for e in later for c in hubs.get(birth, set()) & hubs.get(e, set())}
        assert any("Frühe Hilfen" in m.name(c) for c in shared), birth


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_clean_map_serves_needier_districts_better(seed: int) -> None:
    m = synthetic(400, seed=seed).map
    offers = Counter(d["district"] for _, d in m.graph.nodes(data=True)
                     if d["type"] is NodeType.OFFER)
    per_child = m.districts.index.map(lambda d: offers[d]).to_series(
        index=m.districts.index) / m.districts["children"]
    need = m.districts[INDICATORS[0]]
    assert need.rank().corr(per_child.rank()) > 0.3


def test_clean_map_has_no_person_as_single_bridge(clean: SyntheticMap) -> None:
    m = clean.map
    g = _undirected(m)
    persons = set(_persons(m))
    for p in set(nx.articulation_points(g)) & persons:
        assert len(_disconnected_by(m, g, p, clean.truth.steering_groups)) < 5, p


# --- every planted problem is really there ----------------------------------------------


def test_plant_all_plants_every_problem(planted: SyntheticMap) -> None:
    assert planted.truth.planted == PLANTS


@pytest.mark.parametrize("fixture", ["planted", "planted_kreis"])
def test_parallel_bodies(fixture: str, request: pytest.FixtureRequest) -> None:
    s: SyntheticMap = request.getfixturevalue(fixture)
    m = s.map
    [(kreis, kommune)] = s.truth.parallel_pairs
    a, b = m.graph.nodes[kreis], m.graph.nodes[kommune]
    assert (a["level"], b["level"]) == (Level.COUNTY, Level.MUNICIPALITY)
    assert a["topics"] == b["topics"] and a["life_phases"] == b["life_phases"]
    assert m.committee_graph()[kreis][kommune]["jaccard"] >= 0.6
    strong = {frozenset((x, y)) for x, y, j in _same_mandate_overlaps(m) if j >= 0.5}
    assert strong == {frozenset((kreis, kommune))}


@pytest.mark.parametrize("fixture", ["planted", "planted_kreis"])
def test_transition_gaps(fixture: str, request: pytest.FixtureRequest) -> None:
    s: SyntheticMap = request.getfixturevalue(fixture)
    m, truth = s.map, s.truth
    hubs = _hubs(m)
    gaps = dict(truth.transition_gaps)
    assert set(gaps) == {"kita->primary", "secondary->transition_work"}
    kita_d, work_d = gaps["kita->primary"], gaps["secondary->transition_work"]
    early = _ids(m, KITA_SIDE, kita_d)
    schools = _ids(m, SCHOOLS, work_d)
    assert sorted(truth.unlinked_institutions) == sorted(early + schools)
    assert early and schools
    for e in early:
        assert not any(_linked(m, hubs, e, gs) for gs in _ids(m, ["Grundschule"], kita_d))
    work = _ids(m, WORK_SIDE)
    for school in schools:
        assert not any(_linked(m, hubs, school, w) for w in work), school
    # every other district stays linked
    for district in set(_districts(m)) - {kita_d}:
        for e in _ids(m, KITA_SIDE, district):
            assert any(_linked(m, hubs, e, gs) for gs in _ids(m, ["Grundschule"], district))
    for school in _ids(m, SCHOOLS):
        if m.graph.nodes[school]["district"] != work_d:
            assert any(_linked(m, hubs, school, w) for w in work), school


@pytest.mark.parametrize("fixture", ["planted", "planted_kreis"])
def test_bridge_person(fixture: str, request: pytest.FixtureRequest) -> None:
    s: SyntheticMap = request.getfixturevalue(fixture)
    m = s.map
    [bridge] = s.truth.bridge_persons
    assert m.graph.nodes[bridge]["form"] is ActorForm.PERSON
    g = _undirected(m)
    cut = _disconnected_by(m, g, bridge, s.truth.steering_groups)
    assert cut == set(s.truth.cut_off) and len(cut) >= 5
    # in the actor projection too: the cluster hangs on the bridge alone
    collab = m.collaboration_graph()
    assert all(set(collab[a]) <= set(cut) | {bridge} for a in cut)


@pytest.mark.parametrize("fixture", ["planted", "planted_kreis"])
def test_coverage_gap(fixture: str, request: pytest.FixtureRequest) -> None:
    s: SyntheticMap = request.getfixturevalue(fixture)
    m, truth = s.map, s.truth
    cells = _offers_per_cell(m)
    assert 1 <= len(truth.coverage_gaps) <= 2
    gap_cells = {(d, LifePhase(p)) for d, p in truth.coverage_gaps}
    assert {d for d, _ in gap_cells} == {truth.neediest_district}
    for d in _districts(m):
        for p in LifePhase:
            assert (cells[(d, p)] == 0) == ((d, p) in gap_cells), (d, p)
    richer = [cells[(d, p)] for d in _districts(m) if d != truth.neediest_district
              for _, p in gap_cells]
    assert sum(richer) / len(richer) >= 2


def test_steering_problems_in_different_kommunen(planted_kreis: SyntheticMap) -> None:
    m, truth = planted_kreis.map, planted_kreis.truth
    [weak] = truth.steering_without_power
    [(partial, sectors)] = truth.steering_missing_sectors.items()
    assert weak != partial and sectors == ["urban", "health"]  # CORE_SECTORS order
    for sg in truth.steering_groups:
        assert m.graph.nodes[sg]["tier"] is Tier.A
        assert _powered(m, sg) == (sg != weak), sg
        assert _missing_sectors(m, sg) == (sectors if sg == partial else []), sg


def test_steering_problems_in_one_town(planted: SyntheticMap) -> None:
    m, truth = planted.map, planted.truth
    [sg] = truth.steering_groups
    assert truth.steering_without_power == [sg] and not _powered(m, sg)
    assert _missing_sectors(m, sg) == truth.steering_missing_sectors[sg]


@pytest.mark.parametrize("fixture", ["planted", "planted_kreis"])
def test_isolated_overloaded_and_uncoordinated(fixture: str,
                                               request: pytest.FixtureRequest) -> None:
    s: SyntheticMap = request.getfixturevalue(fixture)
    m, truth = s.map, s.truth
    assert sorted(n for n in m.graph if m.graph.degree(n) == 0) == sorted(truth.isolated)
    assert len(truth.isolated) >= 3
    seats = _seats(m)
    assert {p for p in _persons(m) if seats[p] > 5} == set(truth.overloaded_persons)
    assert all(seats[p] >= 8 for p in truth.overloaded_persons)
    assert _uncoordinated(m) == truth.committees_without_coordination
    assert len(truth.committees_without_coordination) == 1


def test_single_plants_leave_the_rest_clean() -> None:
    s = synthetic(300, seed=9, plant=["isolated"])
    assert s.truth.planted == ("isolated",)
    assert s.truth.parallel_pairs == [] and s.truth.transition_gaps == []
    assert _uncoordinated(s.map) == []
    assert all(_offers_per_cell(s.map)[(d, p)] > 0 for d in _districts(s.map)
               for p in LifePhase)
    assert s.map.node(s.truth.isolated[0])["district"] not in s.truth.clean_districts


# --- Excel round trip -------------------------------------------------------------------


def test_a_planted_map_written_to_excel_validates_without_errors(tmp_path: Path) -> None:
    from netzkarte.io.excel import validate_excel
    from netzkarte.io.template import write_excel

    s = synthetic(300, seed=0, plant="all")
    path = write_excel(s.map, tmp_path / "synthetisch.xlsx")
    back, report = validate_excel(path)
    assert report.errors == []
    assert back is not None and back.counts() == s.map.counts()
    assert set(back.districts.index) == set(s.map.districts.index)
