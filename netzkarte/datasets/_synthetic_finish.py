"""Finishing a synthetic map: top-up, clean-chain guarantees, a tie and a lead for everyone.

Private to :mod:`netzkarte.datasets.synthetic`: :class:`Finisher` runs the steps after the
places and committees — fill up to the target size, tie the Familie → Kita and Geburt →
Frühe Hilfen chains — and, after the plants, :meth:`Finisher.tidy` gives every other node a
tie and every committee a lead.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from netzkarte.datasets._synthetic_builder import Builder
from netzkarte.datasets._synthetic_data import (
    CAT_PHASES,
    DISTRICT_EXTRA,
    EARLY_HELP_SIDE,
    FAMILY_SIDE,
    FAMILY_SIDE_KOMMUNE,
    OFFER_PROVIDERS,
    REFERRERS,
)
from netzkarte.datasets._synthetic_places import Places
from netzkarte.datasets._synthetic_town import Kommune, Targets, Town
from netzkarte.vocab import EdgeKind, Level, MemberFunction, NodeType, Strength

__all__ = ["Finisher"]


class Finisher:
    """Completes the map in ``builder`` of a town with places and committees.

    ``places`` makes the offers of :meth:`top_up`; ``rng`` is the run's main random stream,
    ``family_rng`` the later stream of :meth:`family_ties` and :meth:`early_help_seats`
    (added later: keeps older maps stable).
    """

    def __init__(self, town: Town, targets: Targets, builder: Builder, places: Places,
                 rng: random.Random, family_rng: random.Random) -> None:
        self.town = town
        self.targets = targets
        self.builder = builder
        self.places = places
        self.rng = rng
        self.family_rng = family_rng

    def top_up(self, target: int) -> None:
        """Add offers and clubs in random districts until the map has ``target`` nodes."""
        b, rng = self.builder, self.rng
        districts = [(k, d) for k in self.town.kommunen for d in k.districts]
        weights = [d.budget * k.budget * (0.2 + d.burden) for k, d in districts]
        i = 0
        while len(b.nodes) < target:
            k, d = rng.choices(districts, weights)[0]
            i += 1
            if rng.random() < 0.6 and d.name != self.targets.gap_cover:
                cat = rng.choice(list(OFFER_PROVIDERS))
                phases = CAT_PHASES[cat]
                start = rng.randrange(len(phases))
                self.places.offer(k, d, cat, phases[start:start + 2], 1000 + i,
                           (d.name, k.name, self.town.counties[k.county]),
                           b.find(REFERRERS, (d.name,)))
            else:
                cat = rng.choice(DISTRICT_EXTRA)
                nid = b.add(NodeType.ACTOR, f"{cat} {d.name} {100 + i}", category=cat,
                            level=Level.DISTRICT, municipality=k.name, district=d.name,
                            scope=(d.name,))
                for _ in range(rng.randint(1, 2)):
                    b.cooperate(nid, rng.choice(rng.choice(self.town.district_actors[k.index])))

    def family_ties(self) -> None:
        """Tie every Familie-side institution to a Kita, so Familie → Kita is clean.

        Runs after :meth:`top_up` (which adds Kindertagespflege too) and draws from its own
        random stream, so the rest of the map does not shift. No plant removes these ties.
        (Hebammen and the Schwangerschaftsberatung are about birth: see
        :meth:`early_help_seats`.)
        """
        b, rng = self.builder, self.family_rng
        for k in self.town.kommunen:
            town_kitas = [n for d in k.districts for n in b.reg.get((d.name, "Kita"), ())]
            for d in k.districts:
                kitas = b.reg.get((d.name, "Kita"), ())
                for nid in b.find(FAMILY_SIDE, (d.name,), every=True):
                    self._tie_to_kita(nid, kitas or town_kitas, rng)
            for nid in b.find(FAMILY_SIDE_KOMMUNE, (k.name,), every=True):
                self._tie_to_kita(nid, town_kitas, rng)

    def _tie_to_kita(self, nid: str, kitas: Sequence[str], rng: random.Random) -> None:
        b = self.builder
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
        b, rng = self.builder, self.family_rng
        pools = {k.index: self._early_help(k) for k in self.town.kommunen}
        county_pools: list[list[str]] = [[] for _ in self.town.counties]
        for k in self.town.kommunen:
            county_pools[k.county] += pools[k.index]
        everywhere = [n for pool in county_pools for n in pool]
        for k in self.town.kommunen:
            county_net = self.town.county_committees[k.county]["fh"]
            own = k.own_youth_office and bool(pools[k.index])
            net = k.committees["fh"] if own else county_net
            for nid in b.find(["Schwangerschaftsberatung"], (k.name,)):
                b.join(nid, net)
            self._seat_early_help(net, pools[k.index], rng)
        seated = {n for k in self.town.kommunen if "fh" in k.committees
                  for n in b.members[k.committees["fh"]]}
        relies = {k.county for k in self.town.kommunen
                  if not (k.own_youth_office and pools[k.index])}
        for c, com in enumerate(self.town.county_committees):
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
        b = self.builder
        return [*b.find(["Frühförderstelle"], (k.name,)),
                *(n for d in k.districts for n in b.reg.get((d.name, "Kindertagespflege"), ()))]

    def _seat_early_help(self, net: str, pool: Sequence[str], rng: random.Random) -> None:
        b = self.builder
        if not pool or any(b.cat[n] in EARLY_HELP_SIDE for n in b.members[net]):
            return
        first = [n for n in pool if b.cat[n] == "Frühförderstelle"] or list(pool)
        b.join(rng.choice(first), net)

    def tidy(self, *, isolated: Iterable[str], uncoordinated: Iterable[str]) -> None:
        """Give every node a tie and every committee a chair (except where planted).

        ``isolated`` nodes stay without a tie, the ``uncoordinated`` committees without a
        Vorsitz or Koordination.
        """
        b = self.builder
        skip = set(isolated)
        without_lead = set(uncoordinated)
        for nid, (ntype, attrs) in b.nodes.items():
            if nid in skip or b.degree[nid]:
                continue
            k = next((k for k in self.town.kommunen if k.name == attrs.get("municipality")), None)
            anchor = k.ids["youth"] if k else self.town.county_ids[0]["youth"]
            if ntype is NodeType.OFFER:
                b.attach(anchor, nid, EdgeKind.PROVIDES)
            elif ntype is NodeType.COMMITTEE:
                b.join(anchor, nid, MemberFunction.COORDINATION)
            else:
                b.cooperate(nid, anchor)
        lead = (MemberFunction.CHAIR, MemberFunction.COORDINATION)
        for cid, seats in b.members.items():
            if cid in without_lead:
                for member in seats:
                    seats[member] = MemberFunction.MEMBER
            elif seats and not any(f in lead for f in seats.values()):
                seats[next(iter(seats))] = MemberFunction.COORDINATION
