"""The three layouts: deterministic, complete, and saying what they promise."""

from __future__ import annotations

import itertools
import math
import random

import pytest
from map_fixtures import build_big_map

from netzkarte import NetworkMap
from netzkarte.render.layouts import LAYOUTS, compute_layout
from netzkarte.vocab import LIFE_PHASE_ORDER


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_layouts_are_deterministic_and_place_every_node(small_map: NetworkMap,
                                                        name: str) -> None:
    first = compute_layout(small_map, name)
    second = compute_layout(small_map, name)
    assert first.positions == second.positions
    assert set(first.positions) == set(small_map.graph.nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.positions.values())
    assert len(set(first.positions.values())) == len(small_map)  # no two on one spot


def test_netz_depends_on_the_seed_but_leaves_global_random_alone(small_map: NetworkMap
                                                                 ) -> None:
    random.seed(123)
    expected = random.random()
    random.seed(123)
    a = compute_layout(small_map, "netz", seed=1)
    assert random.random() == expected
    b = compute_layout(small_map, "netz", seed=2)
    assert a.positions != b.positions


def test_unknown_layout_is_a_german_error(small_map: NetworkMap) -> None:
    with pytest.raises(ValueError, match=r"Unbekanntes Layout 'spirale'.*kette"):
        compute_layout(small_map, "spirale")


def _phase_map() -> NetworkMap:
    m = NetworkMap("Kette")
    for phase in LIFE_PHASE_ORDER:
        m.add_node(phase.value, "actor", name=phase.label, sector="Soziales",
                   life_phases=[phase])
    m.add_node("both", "actor", name="Kita und Grundschule", sector="Soziales",
               life_phases=["kita", "primary", "secondary"])
    m.add_node("school", "actor", name="Schule", sector="Schule", life_phases=["kita"])
    m.add_node("G", "committee", name="AK Übergang")
    m.add_edge("pregnancy", "G", "member")
    m.add_edge("transition_work", "G", "member")
    m.add_node("JC", "office", name="Jobcenter", sector="Arbeit")
    m.add_edge("transition_work", "JC", "belongs_to")
    return m


def test_kette_x_follows_the_life_phases() -> None:
    pos = compute_layout(_phase_map(), "kette").positions
    xs = [pos[p.value][0] for p in LIFE_PHASE_ORDER]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    # a node of kita, primary and secondary sits at primary, the mean of its phases
    assert pos["both"][0] == pytest.approx(pos["primary"][0], abs=40)


def test_kette_y_is_the_sector_in_vocabulary_order() -> None:
    pos = compute_layout(_phase_map(), "kette").positions
    # Schule und Bildung comes before Soziales in the vocabulary
    assert pos["school"][1] < pos["kita"][1] - 50


def test_kette_places_committees_and_offices_among_their_members() -> None:
    pos = compute_layout(_phase_map(), "kette").positions
    low, high = pos["pregnancy"][0], pos["transition_work"][0]
    assert low + 100 < pos["G"][0] < high - 100
    assert pos["JC"][0] == pytest.approx(high, abs=60)


def test_kette_puts_nodes_without_phase_left_of_pregnancy() -> None:
    m = _phase_map()
    m.add_node("none", "actor", name="Stiftung ohne Phase", sector="Soziales")
    pos = compute_layout(m, "kette").positions
    assert pos["none"][0] < pos["pregnancy"][0]


def test_kreis_rings_from_steering_at_the_centre_to_offers(small_map: NetworkMap) -> None:
    pos = compute_layout(small_map, "kreis").positions
    r = {n: math.hypot(*p) for n, p in pos.items()}
    assert r["SG"] < 60  # tier a steering group at the centre
    assert r["SG"] < r["JA"] < r["TR"] < r["KITA1"] < r["CAFE"]
    assert r["JA"] == pytest.approx(r["JC"], abs=1)  # both offices on the same ring
    assert r["SRK"] == pytest.approx(r["KITA1"], abs=70)  # tier c with the district actors


def test_kreis_gives_each_sector_its_own_wedge() -> None:
    m = build_big_map(300, seed=3)
    lay = compute_layout(m, "kreis")
    spans: dict[str, list[float]] = {}
    for node, (x, y) in lay.positions.items():
        sector = m.graph.nodes[node].get("sector")
        if math.hypot(x, y) < 100:
            continue  # the centre is shared
        angle = (math.atan2(y, x) + math.pi / 2) % (2 * math.pi)
        spans.setdefault(str(sector), []).append(angle)
    ranges = sorted((min(a), max(a)) for a in spans.values())
    for (_, end), (start, _) in itertools.pairwise(ranges):
        assert end < start, "two sector wedges overlap"


def test_kette_keeps_a_crowded_cell_readable() -> None:
    m = NetworkMap()
    for i in range(200):
        m.add_node(f"K{i}", "actor", name=f"Kita {i}", category="Kita")
    pos = list(compute_layout(m, "kette").positions.values())
    closest = min(math.dist(a, b) for i, a in enumerate(pos) for b in pos[i + 1:])
    assert closest > 15
