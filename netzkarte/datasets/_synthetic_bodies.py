"""Committees of a synthetic map: steering groups, networks, conferences, Kreis bodies.

Private to :mod:`netzkarte.datasets.synthetic`: :class:`BodyPlanner` adds the tiered steering
structure — tier a Steuerungsgruppe and Lenkungskreis, tier b thematic networks and working
groups, tier c Sozialraumkonferenzen — and the boards (Jugendhilfeausschuss, AG nach § 78
SGB VIII) to a town whose places :mod:`netzkarte.datasets._synthetic_places` has made.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from netzkarte.datasets._synthetic_builder import Builder
from netzkarte.datasets._synthetic_data import DISTRICT_EXTRA, PHASES, SCHOOLS
from netzkarte.datasets._synthetic_town import District, Kommune, Targets, Town
from netzkarte.vocab import (
    CommitteeType,
    EdgeKind,
    Level,
    LifePhase,
    MemberFunction,
    NetworkKind,
    NodeType,
    Role,
    Tier,
)

__all__ = ["BodyPlanner"]

_P = LifePhase


class BodyPlanner:
    """Adds the committees of ``town`` to ``builder`` and seats their members.

    Reads the ids :class:`~netzkarte.datasets._synthetic_places.Places` registered on
    ``town``, writes ``Kommune.committees``, ``town.county_committees`` and
    ``town.steering``; ``targets`` says which steering groups lack power or sectors.
    :meth:`committee` is also how the plants add theirs.
    """

    def __init__(self, town: Town, targets: Targets, builder: Builder,
                 rng: random.Random) -> None:
        self.town = town
        self.targets = targets
        self.builder = builder
        self.rng = rng

    # committees -------------------------------------------------------------------------
    def committee(self, key: str, owner: dict[str, str], name: str, ctype: CommitteeType,
                  tier: Tier | None, level: Level, topics: tuple[str, ...],
                  phases: Sequence[LifePhase], *, municipality: str | None = None,
                  district: str | None = None, lead: str | None = None,
                  meetings: int = 4, legitimated: bool | None = None,
                  kind: NetworkKind = NetworkKind.EXCHANGE, reports_to: str | None = None
                  ) -> str:
        cid = self.builder.add(NodeType.COMMITTEE, name, committee_type=ctype, tier=tier,
                               level=level, municipality=municipality, district=district,
                               topics=topics, life_phases=tuple(phases),
                               meetings_per_year=meetings, lead=lead, legitimated=legitimated,
                               network_kind=kind)
        owner[key] = cid
        if reports_to:
            self.builder.tie(cid, reports_to, EdgeKind.REPORTS_TO)
        return cid

    def size(self, median: float, low: int, high: int) -> int:
        return min(high, max(low, int(self.rng.lognormvariate(math.log(median), 0.45))))

    def kommune_bodies(self, k: Kommune) -> None:
        b, ids, cids = self.builder, k.ids, self.town.county_ids[k.county]
        com = k.committees
        nd = len(k.districts)
        loc = (k.name,)
        no_power = k.index == self.targets.no_power
        sg = self.committee("sg", com, f"Steuerungsgruppe Präventionskette {k.name}",
                            CommitteeType.STEERING_GROUP, Tier.A, Level.MUNICIPALITY,
                            ("Präventionskette", "Gesamtstrategie", "Leitbild"), PHASES,
                            lead=ids["youth"] if no_power else ids["top"], legitimated=True,
                            municipality=k.name)
        self.town.steering.append(sg)
        if no_power:
            b.join(ids["youth"], sg, MemberFunction.CHAIR)
        else:
            b.join(ids["mayor"], sg, MemberFunction.CHAIR)
            b.join(ids["dezernent"], sg)
            b.join(ids["youth"], sg)
        b.join(ids["coord"], sg, MemberFunction.COORDINATION)
        core = [ids["school"], ids["social"], cids["jobs"], cids["edu"], cids["welfare0"]]
        if k.index != self.targets.no_sector:
            core += [ids["urban"], cids["health"]]
        if self.rng.random() < 0.6:
            core.append(cids["ki"])
        for nid in core:
            b.join(nid, sg)
        district_pool = [n for group in self.town.district_actors[k.index] for n in group]
        persons = [n for d in k.districts for n in b.reg.get((d.name, "Person"), ())]
        tier_b = self.size(10 + 0.8 * nd, 8, 80)
        if k.own_youth_office:
            fh = self.committee("fh", com, f"Netzwerk Frühe Hilfen {k.name}",
                                CommitteeType.NETWORK, Tier.B, Level.MUNICIPALITY,
                                ("Frühe Hilfen", "Kinderschutz", "Willkommensbesuche"),
                                (_P.PREGNANCY, _P.U3), lead=ids["youth"], reports_to=sg,
                                legitimated=True, municipality=k.name)
            b.join(ids["youth"], fh, MemberFunction.CHAIR)
            b.join(ids["coord"], fh, MemberFunction.COORDINATION)
            b.join(cids["clinic"], fh)
            b.join(cids["health"], fh)
            b.fill(fh, [n for d in k.districts for c in ("Hebamme", "Familienzentrum",
                                                           "Kinderarztpraxis", "Kita")
                        for n in b.reg.get((d.name, c), ())]
                   + b.find(["Schwangerschaftsberatung", "Erziehungsberatungsstelle",
                             "Freier Träger"], loc), tier_b)
        else:
            fh = self.committee("fh", com, f"Lokales Netzwerk Starke Kinder – Starke Jugend "
                                f"{k.name}", CommitteeType.NETWORK, Tier.B, Level.MUNICIPALITY,
                                ("Austausch", "Präventionskette vor Ort"), PHASES,
                                lead=cids["youth"], meetings=1, legitimated=True,
                                reports_to=sg, municipality=k.name)
            b.join(cids["youth"], fh, MemberFunction.CHAIR)
            b.join(ids["coord"], fh, MemberFunction.COORDINATION)
            for nid in (ids["mayor"], ids["social"], cids["edu"], cids["school"],
                        cids["health"], cids["ki"], cids["vhs"], cids["police"]):
                b.join(nid, fh)
            b.fill(fh, district_pool + persons, self.size(22 + nd, 12, 90))
        work = self.committee("work", com, f"Arbeitskreis Übergang Schule–Beruf {k.name}",
                              CommitteeType.WORKING_GROUP, Tier.B, Level.MUNICIPALITY,
                              ("Übergang Schule–Beruf", "Berufsorientierung vor Ort",
                               "Praktika"), (_P.SECONDARY, _P.TRANSITION_WORK),
                              lead=ids["school"], reports_to=sg, municipality=k.name)
        b.join(ids["school"], work, MemberFunction.CHAIR)
        for nid in (cids["agentur"], cids["jobs"], cids["bk0"],
                    cids["ihk" if k.index % 2 else "hwk"]):
            b.join(nid, work)
        for nid in b.find(["Bildungsträger", "Betrieb"], loc):
            b.join(nid, work)
        schools = [n for d in k.districts for c in SCHOOLS for n in b.reg.get((d.name, c), ())]
        b.fill(work, schools, len(b.members[work]) + self.size(6 + nd, 2, 60))
        edu = self.committee("edu", com, f"Bildungsnetzwerk {k.name}", CommitteeType.NETWORK,
                             Tier.B, Level.MUNICIPALITY,
                             ("Bildung", "Übergang Kita–Grundschule", "Sprachförderung"),
                             (_P.KITA, _P.PRIMARY, _P.SECONDARY), lead=cids["edu"],
                             reports_to=sg, municipality=k.name)
        b.join(ids["dezernent"], edu, MemberFunction.CHAIR)
        b.join(cids["edu"], edu, MemberFunction.COORDINATION)
        for nid in (cids["school"], cids["ki"], *b.find(["Bibliothek"], loc)):
            b.join(nid, edu)
        b.fill(edu, [n for d in k.districts for c in ("Kita", "Grundschule", "Familienzentrum",
                                                      *SCHOOLS)
                     for n in b.reg.get((d.name, c), ())], tier_b)
        health = self.committee("health", com, f"Arbeitskreis Kindergesundheit {k.name}",
                                CommitteeType.WORKING_GROUP, Tier.B, Level.MUNICIPALITY,
                                ("Kindergesundheit", "Bewegung und Ernährung",
                                 "Schuleingangsuntersuchung"), (_P.U3, _P.KITA, _P.PRIMARY),
                                lead=cids["health"], reports_to=sg, municipality=k.name)
        b.join(cids["health"], health, MemberFunction.CHAIR)
        b.join(ids["sport"], health)
        b.fill(health, [n for d in k.districts for c in (
            "Kinderarztpraxis", "Therapiepraxis", "Sportverein", "Kita", "Familienzentrum",
            "Grundschule") for n in b.reg.get((d.name, c), ())]
            + b.find(["Frühförderstelle"], loc), self.size(9 + 0.5 * nd, 8, 60))
        if k.own_youth_office:
            ag = self.committee("ag78", com, f"AG nach § 78 SGB VIII Kindertagesbetreuung "
                                f"{k.name}", CommitteeType.AG78, Tier.B, Level.MUNICIPALITY,
                                ("Kindertagesbetreuung", "Kita-Platzplanung"),
                                (_P.U3, _P.KITA), lead=ids["youth"], reports_to=sg,
                                municipality=k.name)
            b.join(ids["youth"], ag, MemberFunction.CHAIR)
            b.join(ids["planner"], ag, MemberFunction.COORDINATION)
            for nid in b.find(["Freier Träger"], loc) + [cids[f"welfare{i}"] for i in range(4)]:
                b.join(nid, ag)
            b.fill(ag, [n for d in k.districts for n in b.reg.get((d.name, "Kita"), ())],
                   self.size(12 + 0.5 * nd, 8, 50))
            jha = self.committee("jha", com, f"Jugendhilfeausschuss {k.name}",
                                 CommitteeType.BOARD, None, Level.MUNICIPALITY,
                                 ("Jugendhilfeplanung", "Haushalt Jugendhilfe"), PHASES,
                                 lead=ids["youth"], meetings=6, legitimated=True,
                                 municipality=k.name)
            b.join(ids["party0"], jha, MemberFunction.CHAIR)
            b.join(ids["youth"], jha, MemberFunction.COORDINATION)
            for nid in [ids["party1"], ids["party2"], *(cids[f"welfare{i}"] for i in range(4)),
                        *b.find(["Freier Träger"], loc)]:
                b.join(nid, jha)
        for d in k.districts:
            self.district_conference(k, d, edu)

    def district_conference(self, k: Kommune, d: District, reports_to: str) -> None:
        b = self.builder
        srk = self.committee(d.name, k.committees, f"Sozialraumkonferenz {d.name}",
                             CommitteeType.DISTRICT_CONFERENCE, Tier.C, Level.DISTRICT,
                             ("Sozialraum", "Vernetzung vor Ort", "Elternbeteiligung"), PHASES,
                             municipality=k.name, district=d.name, lead=k.ids["youth"],
                             meetings=self.rng.choice((4, 6, 10)), reports_to=reports_to,
                             kind=NetworkKind.PRODUCTION if self.rng.random() < 0.3
                             else NetworkKind.EXCHANGE)
        keyperson = [p for p in b.reg.get((d.name, "Person"), ())
                     if b.nodes[p][1].get("roles") == (Role.KEY_PERSON,)]
        b.join(keyperson[0], srk, MemberFunction.COORDINATION)
        b.join(k.ids["youth"], srk)
        pool = [n for c in ("Kita", "Grundschule", "Familienzentrum", "Jugendzentrum", *SCHOOLS,
                            "Kinderarztpraxis", "Person", *DISTRICT_EXTRA)
                for n in dict.fromkeys(b.reg.get((d.name, c), ()))]
        b.fill(srk, pool, self.size(12, 6, 35))

    def county_bodies(self, c: int) -> None:
        b, ids, com = self.builder, self.town.county_ids[c], self.town.county_committees[c]
        name = self.town.counties[c]
        kom = [k for k in self.town.kommunen if k.county == c]
        lead = self.committee("lead", com, f"Lenkungskreis Präventionskette {name}",
                              CommitteeType.STEERING_CIRCLE, Tier.A, Level.COUNTY,
                              ("Präventionskette", "Kreisstrategie"), PHASES, lead=ids["top"],
                              legitimated=True)
        b.join(ids["landrat"], lead, MemberFunction.CHAIR)
        b.join(ids["coord"], lead, MemberFunction.COORDINATION)
        for key in ("dezernent", "youth", "school", "social", "health", "plan", "edu", "ki",
                    "jobs", "welfare0"):
            b.join(ids[key], lead)

        def body(key: str, label: str, ctype: CommitteeType, topics: tuple[str, ...],
                 phases: Sequence[LifePhase], chair: str, coord: str | None,
                 core: Sequence[str], pool: Sequence[str], size: int,
                 tier: Tier | None = Tier.B) -> None:
            cid = self.committee(key, com, f"{label} {name}", ctype, tier, Level.COUNTY, topics,
                                 phases, lead=chair, meetings=self.rng.choice((2, 3, 4)),
                                 reports_to=lead if tier else None)
            b.join(chair, cid, MemberFunction.CHAIR)
            if coord:
                b.join(coord, cid, MemberFunction.COORDINATION)
            for nid in core:
                b.join(nid, cid)
            b.fill(cid, pool, size)

        def across(*cats: str, kommunen: Sequence[Kommune] = kom) -> list[str]:
            return [n for k in kommunen for d in k.districts for cat in cats
                    for n in b.reg.get((d.name, cat), ())]

        welfare = [ids[f"welfare{i}"] for i in range(4)]
        body("health", "Kommunale Gesundheitskonferenz", CommitteeType.CONFERENCE,
             ("Gesundheitsberichterstattung", "Gesundheitsförderung", "Versorgung"), PHASES,
             ids["health"], ids["health_plan"], [ids["clinic"], ids["spz"], *welfare,
                                                 *(k.ids["social"] for k in kom)],
             across("Kinderarztpraxis", "Hebamme", "Therapiepraxis"), self.size(32, 15, 90))
        body("rbn", "Regionales Bildungsnetzwerk", CommitteeType.NETWORK,
             ("Regionale Bildungslandschaft", "Bildungsmonitoring"), PHASES, ids["school"],
             ids["edu"], [ids["vhs"], ids["bk0"], ids["ki"], *(k.ids["school"] for k in kom)],
             across("Grundschule", *SCHOOLS)[:: max(1, len(kom))], self.size(25, 12, 80))
        bks = [v for key, v in ids.items() if key.startswith("bk")]
        body("kaoa", "Kommunale Koordinierung Kein Abschluss ohne Anschluss",
             CommitteeType.WORKING_GROUP, ("KAoA", "Ausbildungsmarkt", "Kommunale Koordinierung"),
             (_P.SECONDARY, _P.TRANSITION_WORK), ids["edu"], ids["kaoa"],
             [ids["agentur"], ids["jobs"], ids["ihk"], ids["hwk"], ids["school"], *bks],
             [k.ids["school"] for k in kom], 8 + len(kom))
        no_office = [k for k in kom if not k.own_youth_office]
        body("fh", "Kreisnetzwerk Frühe Hilfen", CommitteeType.NETWORK,
             ("Frühe Hilfen", "Familienhebammen", "Qualitätsentwicklung"), (_P.PREGNANCY, _P.U3),
             ids["youth"], ids["fh_coord"], [ids["health"], ids["clinic"], ids["spz"]],
             [n for k in no_office for n in b.find(["Schwangerschaftsberatung"], (k.name,))]
             + across("Hebamme", "Familienzentrum", kommunen=no_office), self.size(22, 10, 70))
        body("jha", "Jugendhilfeausschuss", CommitteeType.BOARD,
             ("Jugendhilfeplanung", "Haushalt Jugendhilfe"), PHASES, ids["party0"],
             ids["youth"], [ids["party1"], ids["party2"], *welfare],
             [n for k in no_office for n in b.find(["Freier Träger"], (k.name,))],
             self.size(15, 10, 25), tier=None)
        body("welfare", "Arbeitsgemeinschaft der Freien Wohlfahrtspflege",
             CommitteeType.WORKING_GROUP, ("Freie Wohlfahrtspflege", "Trägerabstimmung"), PHASES,
             welfare[0], None, welfare[1:], [], 4, tier=None)

