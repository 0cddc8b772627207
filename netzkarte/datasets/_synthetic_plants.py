"""Finishing a synthetic map: top-up, clean-chain guarantees, planted problems, tidying.

Private to :mod:`netzkarte.datasets.synthetic`: :class:`Generator` extends
:class:`~netzkarte.datasets._synthetic_bodies.Bodies` with the steps after the structure — fill
up to the target size, tie the Familie → Kita and Geburt → Frühe Hilfen chains, plant the
requested :data:`~netzkarte.datasets.synthetic.PLANTS`, give every other node a tie and every
committee a lead — and returns the map with its
:class:`~netzkarte.datasets.synthetic.GroundTruth`.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from netzkarte.datasets._synthetic_bodies import Bodies
from netzkarte.datasets._synthetic_builder import (
    CAT_PHASES,
    DISTRICT_EXTRA,
    GOALS,
    OFFER_PROVIDERS,
    PHASES,
    REFERRERS,
    Kommune,
    district_table,
)
from netzkarte.datasets.synthetic import (
    CORE_SECTORS,
    EARLY_HELP_SIDE,
    FAMILY_SIDE,
    FAMILY_SIDE_KOMMUNE,
    KITA_SIDE,
    OVERLOAD,
    SCHOOLS,
    GroundTruth,
    SyntheticMap,
)
from netzkarte.model import MapMeta, NetworkMap
from netzkarte.vocab import (
    CommitteeType,
    EdgeKind,
    Level,
    MemberFunction,
    NodeType,
    Rank,
    Role,
    Sector,
    Strength,
    Tier,
    Transition,
)

__all__ = ["Generator"]


class Generator(Bodies):
    """One run of :func:`~netzkarte.datasets.synthetic.synthetic`: structure, then plants."""

    # whole run --------------------------------------------------------------------------
    def run(self) -> SyntheticMap:
        b = self.b
        for c in range(len(self.counties)):
            self.county(c)
        for k in self.kommunen:
            before = len(b.nodes)
            self.kommune(k)
            rest = k.budget - (len(b.nodes) - before) - 6
            for d in k.districts:
                self.district(k, d, rest * d.budget)
        for k in self.kommunen:
            self.kommune_bodies(k)
        for c in range(len(self.counties)):
            self.county_bodies(c)
        reserve = sum({"bridge_person": 8, "isolated": 3, "parallel": 1}.get(p, 0)
                      for p in self.plants)
        self.top_up(self.n_nodes - reserve)
        self.family_ties()
        self.early_help_seats()
        truth = self.plant()
        self.tidy(truth)
        table, _ = district_table(self.kommunen, self.rng)
        meta = self.meta()
        network_map = b.build(meta)
        network_map.set_districts(table)
        if "bridge_person" in self.plants:
            cut = _cut_off(network_map, truth["bridge_persons"][0], self.steering)
            truth["cut_off"] = cut
        gt = GroundTruth(planted=self.plants, steering_groups=list(self.steering),
                         neediest_district=self.neediest, **truth)
        return SyntheticMap(network_map, gt)

    def meta(self) -> MapMeta:
        single = len(self.kommunen) == 1
        place = self.kommunen[0].name if single else (
            self.counties[0] if len(self.counties) == 1 else "Landesprogramm Musterland")
        return MapMeta(municipality=place, county=", ".join(self.counties),
                       title=f"Synthetische Netzwerkkarte {place}", snapshot=date(2024, 6, 30),
                       mission=f"Gut aufwachsen in {place}", goals=GOALS,
                       extra={"Quelle": "synthetisch erzeugt (netzkarte.datasets.synthetic)"})

    def top_up(self, target: int) -> None:
        """Add offers and clubs in random districts until the map has ``target`` nodes."""
        b, rng = self.b, self.rng
        districts = [(k, d) for k in self.kommunen for d in k.districts]
        weights = [d.budget * k.budget * (0.2 + d.burden) for k, d in districts]
        i = 0
        while len(b.nodes) < target:
            k, d = rng.choices(districts, weights)[0]
            i += 1
            if rng.random() < 0.6 and d.name != self.gap_cover:
                cat = rng.choice(list(OFFER_PROVIDERS))
                phases = CAT_PHASES[cat]
                start = rng.randrange(len(phases))
                self.offer(k, d, cat, phases[start:start + 2], 1000 + i,
                           (d.name, k.name, self.counties[k.county]),
                           b.find(REFERRERS, (d.name,)))
            else:
                cat = rng.choice(DISTRICT_EXTRA)
                nid = b.add(NodeType.ACTOR, f"{cat} {d.name} {100 + i}", category=cat,
                            level=Level.DISTRICT, municipality=k.name, district=d.name,
                            scope=(d.name,))
                for _ in range(rng.randint(1, 2)):
                    b.cooperate(nid, rng.choice(rng.choice(self.district_actors[k.index])))

    def family_ties(self) -> None:
        """Tie every Familie-side institution to a Kita, so Familie → Kita is clean.

        Runs after :meth:`top_up` (which adds Kindertagespflege too) and draws from its own
        random stream, so the rest of the map does not shift. No plant removes these ties.
        (Hebammen and the Schwangerschaftsberatung are about birth: see
        :meth:`early_help_seats`.)
        """
        b, rng = self.b, self.family_rng
        for k in self.kommunen:
            town_kitas = [n for d in k.districts for n in b.reg.get((d.name, "Kita"), ())]
            for d in k.districts:
                kitas = b.reg.get((d.name, "Kita"), ())
                for nid in b.find(FAMILY_SIDE, (d.name,), every=True):
                    self._tie_to_kita(nid, kitas or town_kitas, rng)
            for nid in b.find(FAMILY_SIDE_KOMMUNE, (k.name,), every=True):
                self._tie_to_kita(nid, town_kitas, rng)

    def _tie_to_kita(self, nid: str, kitas: Sequence[str], rng: random.Random) -> None:
        b = self.b
        if not kitas or any((min(nid, k), max(nid, k), EdgeKind.COOPERATION) in b.edge_keys
                            for k in kitas):
            return
        strength = Strength(rng.choices((1, 2, 3), (35, 45, 20))[0])
        for kita in rng.sample(list(kitas), len(kitas)):
            if b.tie(nid, kita, EdgeKind.COOPERATION, strength=strength):
                return

    def early_help_seats(self) -> None:
        """Seat Frühe Hilfen institutions with the birth side, so Geburt → Frühe Hilfen is clean.

        The Geburtsklinik already sits on the Kreisnetzwerk Frühe Hilfen and on every
        Kommune's Netzwerk Frühe Hilfen. The Schwangerschaftsberatung joins its Kommune's
        network (the Kreisnetzwerk where the Kommune has no Jugendamt of its own or no
        Frühe Hilfen institution), and each of these networks seats a Frühförderstelle —
        without one a Kindertagespflege — of its Kommune, the Kreisnetzwerk one of its Kreis.
        Only memberships are added (no nodes), drawn from the stream of :meth:`family_ties`.
        """
        b, rng = self.b, self.family_rng
        pools = {k.index: self._early_help(k) for k in self.kommunen}
        county_pools: list[list[str]] = [[] for _ in self.counties]
        for k in self.kommunen:
            county_pools[k.county] += pools[k.index]
        everywhere = [n for pool in county_pools for n in pool]
        for k in self.kommunen:
            county_net = self.county_committees[k.county]["fh"]
            own = k.own_youth_office and bool(pools[k.index])
            net = k.committees["fh"] if own else county_net
            for nid in b.find(["Schwangerschaftsberatung"], (k.name,)):
                b.join(nid, net)
            self._seat_early_help(net, pools[k.index], rng)
        seated = {n for k in self.kommunen if "fh" in k.committees
                  for n in b.members[k.committees["fh"]]}
        relies = {k.county for k in self.kommunen
                  if not (k.own_youth_office and pools[k.index])}
        for c, com in enumerate(self.county_committees):
            # not the institution already seated in a Kommune's network: the Kreis network
            # would otherwise share its members and look like a parallel structure. Only
            # when a Kommune's birth side meets the early help in the Kreis network does
            # that network need a seat at any price.
            pool = [n for n in county_pools[c] if n not in seated]
            if not pool and c in relies:
                pool = county_pools[c] or everywhere
            self._seat_early_help(com["fh"], pool, rng)

    def _early_help(self, k: Kommune) -> list[str]:
        """The Kommune's institutions on the later side of Geburt → Frühe Hilfen."""
        b = self.b
        return [*b.find(["Frühförderstelle"], (k.name,)),
                *(n for d in k.districts for n in b.reg.get((d.name, "Kindertagespflege"), ()))]

    def _seat_early_help(self, net: str, pool: Sequence[str], rng: random.Random) -> None:
        b = self.b
        if not pool or any(b.cat[n] in EARLY_HELP_SIDE for n in b.members[net]):
            return
        first = [n for n in pool if b.cat[n] == "Frühförderstelle"] or list(pool)
        b.join(rng.choice(first), net)

    # plants -----------------------------------------------------------------------------
    def plant(self) -> dict[str, Any]:
        b, rng, p = self.b, self.rng, self.plants
        k0 = self.kommunen[0]
        cids = self.county_ids[k0.county]
        county_com = self.county_committees[k0.county]
        truth: dict[str, Any] = {}
        touched: set[str] = set()
        if "transition_gap" in p:
            assert self.gap_kita and self.gap_work
            truth["transition_gaps"] = [(Transition.KITA_PRIMARY.value, self.gap_kita),
                                        (Transition.SCHOOL_WORK.value, self.gap_work)]
            truth["unlinked_institutions"] = [
                *b.find(KITA_SIDE, (self.gap_kita,)), *b.find(SCHOOLS, (self.gap_work,))]
            touched |= {self.gap_kita, self.gap_work}
        if self.gap_cover:
            truth["coverage_gaps"] = [(self.gap_cover, ph.value) for ph in self.gap_phases]
            touched.add(self.gap_cover)
        if self.no_power is not None:
            truth["steering_without_power"] = [self.kommunen[self.no_power].committees["sg"]]
        if self.no_sector is not None:
            truth["steering_missing_sectors"] = {
                self.kommunen[self.no_sector].committees["sg"]: [
                    s.value for s in CORE_SECTORS if s in (Sector.HEALTH, Sector.URBAN)]}
        if "bridge_person" in p:
            bridge = b.person(self.names, cids["ki"], sector=Sector.INTEGRATION,
                              rank=Rank.PROFESSIONAL,
                              roles=(Role.GUIDE, Role.RELATIONSHIP_PROMOTER),
                              level=Level.MUNICIPALITY, municipality=k0.name,
                              note="Integrationslotsin")
            b.join(bridge, k0.committees["edu"], force=True)
            ak = self.committee("bridge", k0.committees, "Arbeitskreis Familien mit "
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
            par = self.committee("parallel", county_com, "Kreisarbeitskreis Übergang "
                                 f"Schule–Beruf {self.counties[k0.county]}",
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
        truth["clean_districts"] = [d for d in self.districts if d not in touched]
        return truth

    def tidy(self, truth: dict[str, Any]) -> None:
        """Give every node a tie and every committee a chair (except where planted)."""
        b = self.b
        skip = set(truth.get("isolated", ()))
        uncoordinated = set(truth.get("committees_without_coordination", ()))
        for nid, (ntype, attrs) in b.nodes.items():
            if nid in skip or b.degree[nid]:
                continue
            k = next((k for k in self.kommunen if k.name == attrs.get("municipality")), None)
            anchor = k.ids["youth"] if k else self.county_ids[0]["youth"]
            if ntype is NodeType.OFFER:
                b.attach(anchor, nid, EdgeKind.PROVIDES)
            elif ntype is NodeType.COMMITTEE:
                b.join(anchor, nid, MemberFunction.COORDINATION)
            else:
                b.cooperate(nid, anchor)
        lead = (MemberFunction.CHAIR, MemberFunction.COORDINATION)
        for cid, seats in b.members.items():
            if cid in uncoordinated:
                for member in seats:
                    seats[member] = MemberFunction.MEMBER
            elif seats and not any(f in lead for f in seats.values()):
                seats[next(iter(seats))] = MemberFunction.COORDINATION


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def _cut_off(network_map: NetworkMap, bridge: str, steering: Sequence[str]) -> list[str]:
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

