"""The problems a synthetic map can have on purpose, and the truth about them.

Private to :mod:`netzkarte.datasets.synthetic`: :class:`Planter` breaks the clean guarantees
named in :data:`~netzkarte.datasets._synthetic_data.PLANTS` that the earlier steps have not
already broken through :class:`~netzkarte.datasets._synthetic_town.Targets` (the transition
and coverage gaps, the steering groups without power or sectors), and returns what it
planted as the fields of :class:`~netzkarte.datasets._synthetic_data.GroundTruth`;
:func:`cut_off` completes the bridge person's entry once the map is built.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from typing import Any

from netzkarte.datasets._synthetic_bodies import BodyPlanner
from netzkarte.datasets._synthetic_builder import Builder
from netzkarte.datasets._synthetic_data import (
    CORE_SECTORS,
    KITA_SIDE,
    OVERLOAD,
    PHASES,
    SCHOOLS,
)
from netzkarte.datasets._synthetic_town import Targets, Town
from netzkarte.model import NetworkMap
from netzkarte.vocab import (
    CommitteeType,
    Level,
    MemberFunction,
    NodeType,
    Rank,
    Role,
    Sector,
    Tier,
    Transition,
)

__all__ = ["Planter", "cut_off"]


class Planter:
    """Plants the problems of ``targets`` in ``builder`` and says where they are.

    Committees of the plants are made by ``bodies``; ``rng`` is the run's main random
    stream, ``names`` that of person names.
    """

    def __init__(self, town: Town, targets: Targets, builder: Builder, bodies: BodyPlanner,
                 rng: random.Random, names: random.Random) -> None:
        self.town = town
        self.targets = targets
        self.builder = builder
        self.bodies = bodies
        self.rng = rng
        self.names = names

    def plant(self) -> dict[str, Any]:
        """Plant the requested problems; the result holds GroundTruth fields by name."""
        b, rng, t = self.builder, self.rng, self.targets
        p = t.plants
        k0 = self.town.kommunen[0]
        cids = self.town.county_ids[k0.county]
        county_com = self.town.county_committees[k0.county]
        truth: dict[str, Any] = {}
        touched: set[str] = set()
        if "transition_gap" in p:
            assert t.gap_kita and t.gap_work
            truth["transition_gaps"] = [(Transition.KITA_PRIMARY.value, t.gap_kita),
                                        (Transition.SCHOOL_WORK.value, t.gap_work)]
            truth["unlinked_institutions"] = [
                *b.find(KITA_SIDE, (t.gap_kita,)), *b.find(SCHOOLS, (t.gap_work,))]
            touched |= {t.gap_kita, t.gap_work}
        if t.gap_cover:
            truth["coverage_gaps"] = [(t.gap_cover, ph.value) for ph in t.gap_phases]
            touched.add(t.gap_cover)
        if t.no_power is not None:
            truth["steering_without_power"] = [self.town.kommunen[t.no_power].committees["sg"]]
        if t.no_sector is not None:
            truth["steering_missing_sectors"] = {
                self.town.kommunen[t.no_sector].committees["sg"]: [
                    s.value for s in CORE_SECTORS if s in (Sector.HEALTH, Sector.URBAN)]}
        if "bridge_person" in p:
            bridge = b.person(self.names, cids["ki"], sector=Sector.INTEGRATION,
                              rank=Rank.PROFESSIONAL,
                              roles=(Role.GUIDE, Role.RELATIONSHIP_PROMOTER),
                              level=Level.MUNICIPALITY, municipality=k0.name,
                              note="Integrationslotsin")
            b.join(bridge, k0.committees["edu"], force=True)
            ak = self.bodies.committee("bridge", k0.committees, "Arbeitskreis Familien mit "
                                f"Zuwanderungsgeschichte {k0.name}", CommitteeType.WORKING_GROUP,
                                None, Level.MUNICIPALITY,
                                ("Integration", "Elternarbeit", "Mehrsprachigkeit"), PHASES,
                                municipality=k0.name, lead=bridge, meetings=6)
            b.join(bridge, ak, MemberFunction.COORDINATION, force=True)
            cluster = [b.add(NodeType.ACTOR, label, category=cat, level=Level.MUNICIPALITY,
                             municipality=k0.name) for label, cat in (
                ("Deutsch-Türkischer Elternverein", "Migrantenorganisation"),
                ("Verein afrikanischer Familien", "Migrantenorganisation"),
                ("Elterninitiative Brücke", "Ehrenamtsinitiative"),
                ("Nachbarschaftshilfe International", "Ehrenamtsinitiative"),
                ("Moscheegemeinde Ost", "Kirchengemeinde"),
                ("Kulturverein Vielfalt", "Kultureinrichtung"))]
            for i, nid in enumerate(cluster):
                b.join(nid, ak, force=True)
                b.cooperate(nid, cluster[(i + 1) % len(cluster)])
            truth["bridge_persons"] = [bridge]
        if "isolated" in p:
            d = k0.districts[-1]
            truth["isolated"] = [
                b.add(NodeType.ACTOR, label, category=cat, level=Level.DISTRICT,
                      municipality=k0.name, district=d.name) for label, cat in (
                    (f"Logopädische Praxis {d.name}", "Therapiepraxis"),
                    (f"Elterninitiative Spielplatz {d.name}", "Ehrenamtsinitiative"),
                    (f"Turnverein {d.name} 1899", "Sportverein"))]
            touched.add(d.name)
        if "overloaded_person" in p:
            person = k0.ids["planner"]
            banned = {k0.committees.get("work"), k0.committees.get("sg"),
                      k0.committees.get("bridge"), county_com["lead"]}
            options = [c for c in (*k0.committees.values(), *county_com.values())
                       if c not in banned]
            rng.shuffle(options)
            for cid in options:
                if b.seats[person] >= OVERLOAD:
                    break
                b.join(person, cid, force=True)
            truth["overloaded_persons"] = [person]
        if "no_coordination" in p:
            truth["committees_without_coordination"] = [k0.committees["health"]]
        if "parallel" in p:
            source = k0.committees["work"]
            attrs = b.nodes[source][1]
            par = self.bodies.committee("parallel", county_com, "Kreisarbeitskreis Übergang "
                                 f"Schule–Beruf {self.town.counties[k0.county]}",
                                 CommitteeType.WORKING_GROUP, Tier.B, Level.COUNTY,
                                 attrs["topics"], attrs["life_phases"], lead=cids["edu"],
                                 reports_to=county_com["lead"])
            b.join(cids["kaoa"], par, MemberFunction.COORDINATION)
            for member, function in list(b.members[source].items()):
                if rng.random() < 0.85 or function is not MemberFunction.MEMBER:
                    b.join(member, par, function)
            for member in b.members[source]:
                if _jaccard(b.members[source], b.members[par]) >= 0.6:
                    break
                b.join(member, par)
            truth["parallel_pairs"] = [(par, source)]
        truth["clean_districts"] = [d for d in self.town.districts if d not in touched]
        return truth


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def cut_off(network_map: NetworkMap, bridge: str, steering: Sequence[str]) -> list[str]:
    """Actors connected to a steering group with ``bridge`` and not without it."""
    g = network_map.graph

    def reach(without: str | None) -> set[str]:
        seen = {sg for sg in steering if sg != without}
        todo = list(seen)
        while todo:
            node = todo.pop()
            for nb in (*g.succ[node], *g.pred[node]):
                if nb not in seen and nb != without:
                    seen.add(nb)
                    todo.append(nb)
        return seen

    before, after = reach(None), reach(bridge)
    return [n for n in g if n in before and n not in after and n != bridge
            and g.nodes[n]["type"] is NodeType.ACTOR]

