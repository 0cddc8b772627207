"""One run of the synthetic generator: every step in order, on one town.

Private to :mod:`netzkarte.datasets.synthetic`: :func:`generate` lays out the town, makes
the collaborators of the run — each handed the town, the plant targets, the builder and the
random streams it draws from — and calls them in the order that fixes the map for a seed:
places, committees, top-up, clean chains, plants, tidying, Sozialräume table.
"""

from __future__ import annotations

import random
from datetime import date

from netzkarte.datasets._synthetic_bodies import BodyPlanner
from netzkarte.datasets._synthetic_builder import Builder
from netzkarte.datasets._synthetic_data import GOALS, GroundTruth, SyntheticMap
from netzkarte.datasets._synthetic_finish import Finisher
from netzkarte.datasets._synthetic_places import Places
from netzkarte.datasets._synthetic_plants import Planter, cut_off
from netzkarte.datasets._synthetic_town import Targets, Town, district_table
from netzkarte.model import MapMeta

__all__ = ["generate"]

_RESERVE = {"bridge_person": 8, "isolated": 3, "parallel": 1}
"""Nodes a plant adds after the top-up (kept free so the size stays on target)."""


def generate(n_nodes: int, seed: int, municipalities: int | None, per_kommune: int | None,
             plants: tuple[str, ...]) -> SyntheticMap:
    """The map of :func:`~netzkarte.datasets.synthetic.synthetic` (arguments checked there)."""
    rng = random.Random(seed)
    names = random.Random(seed + 7919)  # person names do not shift the structure
    family_rng = random.Random(seed + 104729)  # added later: keeps older maps stable
    town = Town.lay_out(n_nodes, municipalities, per_kommune, rng)
    targets = Targets.choose(town, plants, rng)
    builder = Builder(rng, max(4, len(str(n_nodes))))
    places = Places(town, targets, builder, rng, names)
    bodies = BodyPlanner(town, targets, builder, rng)
    finisher = Finisher(town, targets, builder, places, rng, family_rng)
    planter = Planter(town, targets, builder, bodies, rng, names)

    for c in range(len(town.counties)):
        places.county(c)
    for k in town.kommunen:
        before = len(builder.nodes)
        places.kommune(k)
        rest = k.budget - (len(builder.nodes) - before) - 6
        for d in k.districts:
            places.district(k, d, rest * d.budget)
    for k in town.kommunen:
        bodies.kommune_bodies(k)
    for c in range(len(town.counties)):
        bodies.county_bodies(c)
    finisher.top_up(n_nodes - sum(_RESERVE.get(p, 0) for p in plants))
    finisher.family_ties()
    finisher.early_help_seats()
    truth = planter.plant()
    finisher.tidy(isolated=truth.get("isolated", ()),
                  uncoordinated=truth.get("committees_without_coordination", ()))
    table, _ = district_table(town.kommunen, rng)
    network_map = builder.build(_meta(town))
    network_map.set_districts(table)
    if "bridge_person" in plants:
        truth["cut_off"] = cut_off(network_map, truth["bridge_persons"][0], town.steering)
    gt = GroundTruth(planted=plants, steering_groups=list(town.steering),
                     neediest_district=town.neediest, **truth)
    return SyntheticMap(network_map, gt)


def _meta(town: Town) -> MapMeta:
    single = len(town.kommunen) == 1
    place = town.kommunen[0].name if single else (
        town.counties[0] if len(town.counties) == 1 else "Landesprogramm Musterland")
    return MapMeta(municipality=place, county=", ".join(town.counties),
                   title=f"Synthetische Netzwerkkarte {place}", snapshot=date(2024, 6, 30),
                   mission=f"Gut aufwachsen in {place}", goals=GOALS,
                   extra={"Quelle": "synthetisch erzeugt (netzkarte.datasets.synthetic)"})
