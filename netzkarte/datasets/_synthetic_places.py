"""Kreis, Kommunen, districts and offers of a synthetic map: the places before the bodies.

Private to :mod:`netzkarte.datasets.synthetic`. :class:`Places` adds offices, persons,
facilities and offers of a laid-out :class:`~netzkarte.datasets._synthetic_town.Town`
through a :class:`~netzkarte.datasets._synthetic_builder.Builder`, and registers their ids
on the town for the committees (:mod:`netzkarte.datasets._synthetic_bodies`) and the
finishing steps (:mod:`netzkarte.datasets._synthetic_finish`).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from netzkarte.datasets._synthetic_builder import Builder, slug
from netzkarte.datasets._synthetic_data import (
    CAT_PHASES,
    DISTRICT_EXTRA,
    FIRST_NAMES,
    KITA_NAMES,
    LAST_NAMES,
    OFFER_PROVIDERS,
    OFFER_VENUES,
    PHASES,
    REFERRERS,
    SCHOOL_NAMES,
    SCHOOLS,
    TARGET_GROUPS,
)
from netzkarte.datasets._synthetic_town import District, Kommune, Targets, Town
from netzkarte.vocab import (
    EdgeKind,
    Level,
    LifePhase,
    NodeType,
    OfferStatus,
    Rank,
    Role,
    Sector,
    Strength,
)

__all__ = ["Places"]


class Places:
    """Adds the offices, persons, facilities and offers of ``town`` to ``builder``.

    ``rng`` is the run's main random stream, ``names`` the separate stream of person names
    (so that names do not shift the structure). :meth:`county` fills ``town.county_ids``,
    :meth:`kommune` ``Kommune.ids``, :meth:`district` ``town.district_actors``; the plant
    tags of ``targets`` keep the planted gaps open.
    """

    def __init__(self, town: Town, targets: Targets, builder: Builder, rng: random.Random,
                 names: random.Random) -> None:
        self.town = town
        self.targets = targets
        self.builder = builder
        self.rng = rng
        self.names = names

    # Kreis ------------------------------------------------------------------------------
    def county(self, c: int) -> None:
        b, name = self.builder, self.town.counties[c]
        ids = self.town.county_ids[c]
        scope = (name,)
        work_gap = self.targets.gap_work is not None and self.town.kommunen[
            self.town.districts[self.targets.gap_work].kommune].county == c
        sw = ("sw_late",) if work_gap else ()
        mail = slug(name)

        def office(key: str, label: str, category: str, rank: Rank, parent: str | None,
                   tags: Sequence[str] = ()) -> str:
            ids[key] = b.add(NodeType.OFFICE, label, category=category, level=Level.COUNTY,
                             rank=rank, scope=scope, tags=tags)
            if parent:
                b.tie(ids[key], ids[parent], EdgeKind.BELONGS_TO)
            return ids[key]

        office("top", f"Landratsamt {name}", "Verwaltungsspitze", Rank.TOP, None)
        office("dez", f"Dezernat Jugend, Soziales und Gesundheit {name}", "Dezernat",
               Rank.DEPARTMENT_HEAD, "top")
        office("youth", f"Kreisjugendamt {name}", "Jugendamt", Rank.OFFICE_HEAD, "dez")
        office("health", f"Gesundheitsamt {name}", "Gesundheitsamt", Rank.OFFICE_HEAD, "dez")
        office("social", f"Sozialamt {name}", "Sozialamt", Rank.OFFICE_HEAD, "dez")
        office("school", f"Schulamt für den {name}", "Schulamt", Rank.OFFICE_HEAD, "top")
        office("edu", f"Regionales Bildungsbüro {name}", "Bildungsbüro", Rank.OFFICE_HEAD, "top")
        office("ki", f"Kommunales Integrationszentrum {name}", "Kommunales Integrationszentrum",
               Rank.OFFICE_HEAD, "top")
        office("jobs", f"Jobcenter {name}", "Jobcenter", Rank.OFFICE_HEAD, "dez", sw)
        office("plan", f"Kreisentwicklung und Statistik {name}", "Statistikstelle",
               Rank.OFFICE_HEAD, "top")
        nr = self.names
        ids["landrat"] = b.person(nr, ids["top"], sector=Sector.POLITICS, rank=Rank.TOP,
                                  roles=(Role.POWER_PROMOTER,), level=Level.COUNTY,
                                  municipality=None, note="Landrat/Landrätin", mail=mail)
        ids["dezernent"] = b.person(nr, ids["dez"], sector=Sector.POLITICS,
                                    rank=Rank.DEPARTMENT_HEAD, level=Level.COUNTY,
                                    municipality=None, note="Kreisdezernat", mail=mail)
        ids["coord"] = b.person(nr, ids["youth"], sector=Sector.YOUTH_WELFARE,
                                rank=Rank.STAFF_UNIT,
                                roles=(Role.COORDINATOR, Role.PROCESS_PROMOTER),
                                level=Level.COUNTY, municipality=None,
                                note="Präventionskoordination Kreis", mail=mail)
        ids["fh_coord"] = b.person(nr, ids["youth"], sector=Sector.YOUTH_WELFARE,
                                   rank=Rank.PROFESSIONAL, roles=(Role.COORDINATOR,),
                                   level=Level.COUNTY, municipality=None,
                                   note="Netzwerkkoordination Frühe Hilfen", mail=mail)
        ids["kaoa"] = b.person(nr, ids["edu"], sector=Sector.EDUCATION, rank=Rank.PROFESSIONAL,
                               roles=(Role.COORDINATOR,), level=Level.COUNTY, municipality=None,
                               note="Kommunale Koordinierung KAoA", mail=mail)
        ids["health_plan"] = b.person(nr, ids["health"], sector=Sector.HEALTH,
                                      rank=Rank.PROFESSIONAL, roles=(Role.EXPERT_PROMOTER,),
                                      level=Level.COUNTY, municipality=None,
                                      note="Gesundheitsberichterstattung", mail=mail)

        def actor(key: str, label: str, category: str, tags: Sequence[str] = (),
                  **attrs: Any) -> str:
            ids[key] = b.add(NodeType.ACTOR, label, category=category, level=Level.COUNTY,
                             scope=scope, tags=tags, **attrs)
            return ids[key]

        actor("agentur", f"Agentur für Arbeit {name}", "Agentur für Arbeit", sw)
        actor("ihk", f"IHK {name}", "Kammer", sw)
        actor("hwk", f"Handwerkskammer {name}", "Kammer", sw)
        n_bk = 1 + sum(1 for k in self.town.kommunen if k.county == c) // 6
        for i in range(n_bk):
            actor(f"bk{i}", f"Berufskolleg {name} {i + 1}", "Berufskolleg", sw)
        for i, welfare in enumerate(("AWO", "Caritasverband", "Diakonie", "DRK")):
            actor(f"welfare{i}", f"{welfare} {name}", "Wohlfahrtsverband",
                  rank=Rank.OFFICE_HEAD)
        actor("clinic", f"Klinikum {name}, Geburtshilfe", "Geburtsklinik")
        actor("spz", f"Sozialpädiatrisches Zentrum {name}", "Sozialpädiatrisches Zentrum")
        actor("vhs", f"Volkshochschule {name}", "Volkshochschule")
        actor("police", f"Kreispolizeibehörde {name}", "Polizei")
        actor("court", f"Amtsgericht {name}, Familiengericht", "Familiengericht")
        actor("foundation", f"Bürgerstiftung {name}", "Stiftung")
        for i, party in enumerate(("Fraktion A", "Fraktion B", "Fraktion C")):
            actor(f"party{i}", f"{party} im Kreistag {name}", "Politische Fraktion")
        b.tie(ids["clinic"], ids["health"], EdgeKind.COOPERATION, strength=Strength.COOPERATION)
        b.tie(ids["court"], ids["youth"], EdgeKind.COOPERATION, strength=Strength.COORDINATION)
        b.tie(ids["police"], ids["youth"], EdgeKind.COOPERATION, strength=Strength.EXCHANGE)
        b.tie(ids["spz"], ids["clinic"], EdgeKind.COOPERATION, strength=Strength.COOPERATION)
        b.tie(ids["agentur"], ids["jobs"], EdgeKind.CONTRACT, formal=True)
        b.tie(ids["vhs"], ids["edu"], EdgeKind.COOPERATION, strength=Strength.COOPERATION)

    # Kommune ----------------------------------------------------------------------------
    def kommune(self, k: Kommune) -> None:
        b, ids, cids = self.builder, k.ids, self.town.county_ids[k.county]
        scope = (k.name,)
        mail = slug(k.name)

        def office(key: str, label: str, category: str, rank: Rank, parent: str | None) -> None:
            ids[key] = b.add(NodeType.OFFICE, label, category=category,
                             level=Level.MUNICIPALITY, municipality=k.name, rank=rank,
                             scope=scope)
            if parent:
                b.tie(ids[key], ids[parent], EdgeKind.BELONGS_TO)

        office("top", f"Bürgermeisterbüro {k.name}", "Verwaltungsspitze", Rank.TOP, None)
        office("dez", f"Dezernat Bildung, Jugend und Soziales {k.name}", "Dezernat",
               Rank.DEPARTMENT_HEAD, "top")
        if k.own_youth_office:
            office("youth", f"Jugendamt {k.name}", "Jugendamt", Rank.OFFICE_HEAD, "dez")
            office("jhp", f"Jugendhilfeplanung {k.name}", "Jugendhilfeplanung",
                   Rank.DIVISION_HEAD, "youth")
        else:
            ids["youth"] = cids["youth"]
        office("school", f"Schulverwaltungsamt {k.name}", "Schulverwaltungsamt",
               Rank.OFFICE_HEAD, "dez")
        office("social", f"Sozialamt {k.name}", "Sozialamt", Rank.OFFICE_HEAD, "dez")
        office("urban", f"Stadtplanung {k.name}", "Stadtplanung", Rank.OFFICE_HEAD, "top")
        office("sport", f"Amt für Kultur und Sport {k.name}", "Sportamt", Rank.OFFICE_HEAD, "dez")
        office("registry", f"Standesamt {k.name}", "Standesamt", Rank.DIVISION_HEAD, "top")

        def person(key: str, org: str, sector: Sector, rank: Rank, roles: tuple[Role, ...],
                   note: str) -> None:
            ids[key] = b.person(self.names, org, sector=sector, rank=rank, roles=roles,
                                level=Level.MUNICIPALITY, municipality=k.name, note=note,
                                mail=mail)

        person("mayor", ids["top"], Sector.POLITICS, Rank.TOP, (Role.POWER_PROMOTER,),
               "Bürgermeister:in")
        person("dezernent", ids["dez"], Sector.POLITICS, Rank.DEPARTMENT_HEAD, (),
               "Beigeordnete:r")
        person("coord", ids["youth"], Sector.YOUTH_WELFARE, Rank.STAFF_UNIT,
               (Role.COORDINATOR, Role.PROCESS_PROMOTER), "Präventionskoordination")
        person("planner", ids.get("jhp", ids["social"]), Sector.YOUTH_WELFARE,
               Rank.PROFESSIONAL, (Role.EXPERT_PROMOTER,), "Jugendhilfe- und Sozialplanung")
        nd = len(k.districts)

        def actor(label: str, category: str, parent: str | None = None, **attrs: Any) -> str:
            nid = b.add(NodeType.ACTOR, label, category=category, level=Level.MUNICIPALITY,
                        municipality=k.name, scope=scope, **attrs)
            if parent:
                b.tie(nid, parent, EdgeKind.BELONGS_TO)
            return nid

        welfare = [cids[f"welfare{i}"] for i in range(4)]
        for i in range(max(1, nd // 3)):
            actor(f"Jugendhilfe {k.name} e. V. {i + 1}", "Freier Träger",
                  self.rng.choice(welfare) if i % 2 else None)
        for i in range(max(1, nd // 6)):
            actor(f"Erziehungsberatungsstelle {k.name} {i + 1}", "Erziehungsberatungsstelle",
                  self.rng.choice(welfare))
        actor(f"Schwangerschaftsberatung {k.name}", "Schwangerschaftsberatung", welfare[1])
        actor(f"Familienbildungsstätte {k.name}", "Familienbildungsstätte", welfare[2])
        actor(f"Stadtbibliothek {k.name}", "Bibliothek", ids["sport"])
        actor(f"Bezirksdienst Polizei {k.name}", "Polizei", cids["police"])
        actor(f"Wohnungsbaugesellschaft {k.name}", "Wohnungsunternehmen")
        actor(f"Bildungswerk {k.name}", "Bildungsträger")
        actor(f"Hilfen zur Erziehung {k.name}", "Hilfen zur Erziehung", welfare[0])
        for i in range(max(1, nd // 4)):
            actor(f"Ausbildungsbetrieb {k.name} {i + 1}", "Betrieb")
        if nd >= 5:
            actor(f"Frühförderstelle {k.name}", "Frühförderstelle", welfare[3])
        if k.own_youth_office:
            for i, party in enumerate(("Fraktion A", "Fraktion B", "Fraktion C")):
                ids[f"party{i}"] = actor(f"{party} im Rat {k.name}", "Politische Fraktion")
        # contracts binding the Leitbild (quality framework: with the Kreis and the welfare AG)
        b.tie(ids["top"], cids["top"], EdgeKind.CONTRACT, formal=True)
        if self.rng.random() < 0.5:
            b.tie(ids["top"], welfare[0], EdgeKind.CONTRACT, formal=True)
        b.tie(ids["coord"], ids["planner"], EdgeKind.COOPERATION, strength=Strength.COORDINATION)
        b.tie(ids["coord"], cids["coord"], EdgeKind.COOPERATION, strength=Strength.COOPERATION)

    # districts --------------------------------------------------------------------------
    def district(self, k: Kommune, d: District, budget: float) -> None:
        b, rng, nr = self.builder, self.rng, self.names
        kp, sw = d.name == self.targets.gap_kita, d.name == self.targets.gap_work
        size = max(22.0, budget)
        # "Ungleiches ungleich behandeln": offers per child rise with the burden
        n_offers = max(7, round(0.24 * size * (1 + 1.5 * d.burden)))
        if d.name == self.targets.gap_cover:
            n_offers = max(3, n_offers // 2)
        n_kita = max(1, round(0.14 * size))
        n_gs, n_sec = max(1, round(n_kita / 2.5)), max(1, round(n_kita / 4))
        n_fz, n_ped = max(1, round(n_kita / 4)), max(1, round(size / 45))
        n_lead, n_head = round(n_kita * 0.4), round(n_gs * 0.5)
        used = 1 + n_offers + n_kita + n_gs + n_sec + n_fz + 2 * n_ped + 3 + n_lead + n_head
        n_extra = max(1, round(size - used))
        d.population = int(round(n_kita * 800 * rng.uniform(0.95, 1.05), -1))
        d.children = int(d.population * (0.14 + 0.06 * d.burden))
        loc = {"level": Level.DISTRICT, "municipality": k.name, "district": d.name}
        cids = self.town.county_ids[k.county]
        carriers = [*b.find(["Freier Träger"], (k.name,)), cids["welfare0"], cids["welfare1"],
                    cids["welfare2"], k.ids["youth"]]

        def actor(label: str, category: str, parent: str | None = None,
                  tags: Sequence[str] = (), **attrs: Any) -> str:
            nid = b.add(NodeType.ACTOR, label, category=category, scope=(d.name,), tags=tags,
                        **loc, **attrs)
            if parent:
                b.tie(nid, parent, EdgeKind.BELONGS_TO)
            return nid

        def pname(i: int, pool: Sequence[str]) -> str:
            return pool[(i + len(d.name)) % len(pool)]

        kitas = [actor(f"Kita {pname(i, KITA_NAMES)} ({d.name})", "Kita",
                       rng.choice(carriers), ("kp_early",) if kp else ())
                 for i in range(n_kita)]
        fzs = [actor(f"Familienzentrum {d.name} {i + 1}", "Familienzentrum",
                     rng.choice(carriers), ("kp_early",) if kp else ()) for i in range(n_fz)]
        gss = [actor(f"Grundschule {pname(i, SCHOOL_NAMES)} ({d.name})", "Grundschule",
                     k.ids["school"], ("kp_late",) if kp else ()) for i in range(n_gs)]
        secs = [actor(f"{cat} {d.name}" + (f" {i + 1}" if i else ""), cat, k.ids["school"],
                      ("sw_early",) if sw else ())
                for i, cat in enumerate(rng.choices(SCHOOLS, (1, 2, 3, 2, 1 if j else 0))[0]
                                        for j in range(n_sec))]
        peds = [actor(f"Kinderarztpraxis {d.name} {i + 1}", "Kinderarztpraxis")
                for i in range(n_ped)]
        midwives = [actor(f"{nr.choice(FIRST_NAMES)} {nr.choice(LAST_NAMES)}", "Hebamme",
                          sector=Sector.HEALTH) for _ in range(n_ped)]
        youth = actor(f"Jugendzentrum {d.name}", "Jugendzentrum", rng.choice(carriers))
        extras = [actor(f"{cat} {d.name} {i + 1}", cat) for i, cat in
                  enumerate(rng.choice(DISTRICT_EXTRA) for _ in range(n_extra))]

        def person(org: str, sector: Sector, rank: Rank, roles: tuple[Role, ...],
                   note: str) -> None:
            b.person(nr, org, sector=sector, rank=rank, roles=roles, level=Level.DISTRICT,
                     municipality=k.name, district=d.name, note=note, scope=(d.name,))

        for i, kita in enumerate(kitas[:n_lead]):
            person(kita, Sector.YOUTH_WELFARE, Rank.DIVISION_HEAD,
                   (Role.EXPERT_PROMOTER,) if i % 3 == 0 else (), "Kita-Leitung")
        for gs in gss[:n_head]:
            person(gs, Sector.EDUCATION, Rank.DIVISION_HEAD, (), "Schulleitung")
        person(youth, Sector.YOUTH_WELFARE, Rank.PROFESSIONAL, (Role.KEY_PERSON,),
               "Drehpunktperson im Quartier")
        person(fzs[0], Sector.YOUTH_WELFARE, Rank.PROFESSIONAL, (Role.GUIDE,),
               "Familienlotsin")
        # the ties a clean chain needs (the plant tags veto them in gap districts)
        for early in kitas + fzs:
            b.cooperate(early, rng.choice(gss))
        regular = [n for n in secs if b.cat[n] != "Förderschule"]  # first one always is
        for gs in gss:
            b.cooperate(gs, rng.choice(regular))
        for sec in secs:
            b.tie(sec, cids["agentur"], EdgeKind.COOPERATION, strength=Strength.COOPERATION,
                  formal=True)
            b.cooperate(sec, youth)
        for i, mw in enumerate(midwives):
            b.cooperate(mw, fzs[i % len(fzs)])
            b.cooperate(peds[i], rng.choice(fzs + kitas))
        own = kitas + fzs + gss + secs + peds + midwives + [youth] + extras
        local = [n for c in ("Freier Träger", "Erziehungsberatungsstelle", "Bibliothek",
                             "Polizei", "Wohnungsunternehmen", "Sportamt", "Sozialamt")
                 for n in b.reg.get((k.name, c), ())]
        neighbours = self.town.district_actors.get(k.index, [])
        for nid in own:
            for _ in range(rng.choices((0, 1, 2, 3, 5), (15, 40, 28, 12, 5))[0]):
                r = rng.random()
                if r < 0.65 or not neighbours:
                    other = rng.choice(own)
                elif r < 0.85:
                    other = rng.choice(local)
                else:
                    other = rng.choice(rng.choice(neighbours))
                b.cooperate(nid, other)
        for extra in extras:
            if b.degree[extra] == 0:
                b.cooperate(extra, rng.choice(kitas + gss + [youth]))
        self.town.district_actors.setdefault(k.index, []).append(own)
        if d.name != self.targets.gap_kita:
            for nid in b.find(["Frühförderstelle"], (k.name,)):
                b.cooperate(nid, rng.choice(gss))
        self.offers(k, d, n_offers)

    def offers(self, k: Kommune, d: District, n: int) -> None:
        rng = self.rng
        scope = (d.name, k.name, self.town.counties[k.county])
        banned = set(self.targets.gap_phases) if d.name == self.targets.gap_cover else set()
        cats = list(OFFER_PROVIDERS)
        wanted: list[tuple[str, tuple[LifePhase, ...]]] = []
        for phase in PHASES:  # at least one offer per life phase
            if phase in banned:
                continue
            # where a coverage gap is planted, the other districts are well served
            for _ in range(2 if phase in self.targets.gap_phases else 1):
                cat = rng.choice([c for c in cats if phase in CAT_PHASES[c]])
                wanted.append((cat, (phase,)))
        while len(wanted) < n:
            cat = rng.choice(cats)
            phases = tuple(p for p in CAT_PHASES[cat] if p not in banned)
            if not phases:
                continue
            start = rng.randrange(len(phases))
            wanted.append((cat, tuple(phases[start:start + rng.randint(1, 3)])))
        referrers = self.builder.find(REFERRERS, (d.name,))
        made = [self.offer(k, d, cat, phases, i, scope, referrers)
                for i, (cat, phases) in enumerate(wanted)]
        # only running offers cover a district: where a phase has only planned ones, the
        # first of them runs (no random draw, so the rest of the town stays as it was)
        nodes = self.builder.nodes
        running = {p for oid in made if nodes[oid][1].get("status") is OfferStatus.RUNNING
                   for p in nodes[oid][1]["life_phases"]}
        for phase in PHASES:
            if phase in banned or phase in running:
                continue
            for oid in made:
                if phase in nodes[oid][1]["life_phases"]:
                    nodes[oid][1]["status"] = OfferStatus.RUNNING
                    running.update(nodes[oid][1]["life_phases"])
                    break

    def offer(self, k: Kommune, d: District, cat: str, phases: tuple[LifePhase, ...], i: int,
              scope: Sequence[str], referrers: Sequence[str]) -> str:
        b, rng = self.builder, self.rng
        oid = b.add(NodeType.OFFER, f"{cat} {d.name} {i + 1}", category=cat, life_phases=phases,
                    municipality=k.name, district=d.name,
                    status=OfferStatus.RUNNING if rng.random() < 0.9 else OfferStatus.PLANNED,
                    outreach=True if cat in ("Babybesuchsdienst", "Lotsendienst") else None,
                    capacity=rng.choice((None, 12, 15, 20, 25, 40)),
                    target_group=TARGET_GROUPS[phases[0]], scope=(d.name,))
        providers = (b.find(OFFER_PROVIDERS[cat], scope, every=True)
                     or b.find(["Freier Träger"], scope))
        b.attach(rng.choice(providers), oid, EdgeKind.PROVIDES)
        if rng.random() < 0.5:
            venues = b.find([rng.choice(OFFER_VENUES)], (d.name,))
            venue = rng.choice(venues) if venues else None
            if venue and not b.clash(oid, venue):
                b.nodes[oid][1]["venue"] = venue
                b.merge_tags(oid, venue)
        if rng.random() < 0.35:
            funder = rng.choice((k.ids["youth"], k.ids["social"],
                                 self.town.county_ids[k.county]["foundation"],
                                 self.town.county_ids[k.county]["health"]))
            b.attach(funder, oid, EdgeKind.FUNDS)
        for _ in range(rng.choices((0, 1, 2, 3), (30, 35, 25, 10))[0]):
            if referrers:
                b.attach(rng.choice(referrers), oid, EdgeKind.REFERRAL)
        previous = b.reg.get((d.name, "#offers"), [])
        if previous and rng.random() < 0.15:
            b.tie(rng.choice(previous), oid, EdgeKind.REFERRAL)
        b.reg[(d.name, "#offers")].append(oid)
        return oid

