"""Synthetic Netzwerkkarten of any size, with known problems planted on request.

:func:`synthetic` builds a realistic prevention-chain network — one town, a Kreis with a
dozen Kommunen, or a state programme with 40+ Kommunen side by side — from a seed. The
shape follows seeds 002 and 003: Kreis offices and bodies, Kommunen sharing a few
Jugendämter, a tiered steering structure (tier a Steuerungsgruppe, tier b thematic
networks, tier c Sozialraumkonferenzen), facilities and offers in every district and
life phase, cooperation mostly within district and sector.

Without ``plant`` the map is *clean*: every Kita is tied to a Grundschule of its district,
every Kindertagespflege to a Kita of its district and every Frühförderstelle to a Kita of its
Kommune (Familie → Kita), every Geburtsklinik and Schwangerschaftsberatung shares a Netzwerk
Frühe Hilfen with a Frühförderstelle or Kindertagespflege (Geburt → Frühe Hilfen), every
secondary school is tied to the Agentur für Arbeit, each steering group has a Machtpromotor
and the five core sectors, no two bodies with the same mandate share many members, every
district has offers for every life phase, no node is isolated, no person sits on more than
five committees and every committee has a Vorsitz or Koordination. Each name in
:data:`PLANTS` breaks exactly one of these on purpose, and :class:`GroundTruth` lists what
was broken, so analyses can be tested for recall and for false alarms.

Examples
--------
>>> from netzkarte.datasets.synthetic import synthetic
>>> s = synthetic(300, seed=1, plant=["isolated"])
>>> 270 <= len(s.map) <= 330, len(s.truth.isolated)
(True, 3)
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import pandas as pd

from netzkarte.errors import InputError
from netzkarte.model import MapMeta, NetworkMap
from netzkarte.vocab import (
    CommitteeType,
    EdgeKind,
    Level,
    LifePhase,
    MemberFunction,
    NetworkKind,
    NodeType,
    OfferStatus,
    Rank,
    Role,
    Sector,
    Strength,
    Tier,
    Transition,
    category_info,
)

__all__ = ["BIRTH_SIDE", "CORE_SECTORS", "EARLY_HELP_SIDE", "INDICATORS", "PLANTS", "GroundTruth",
           "SyntheticMap", "synthetic"]

log = logging.getLogger(__name__)

PLANTS: tuple[str, ...] = (
    "parallel", "transition_gap", "bridge_person", "coverage_gap", "steering_no_power",
    "steering_missing_sector", "isolated", "overloaded_person", "no_coordination")
"""Names of the problems :func:`synthetic` can plant (``plant="all"`` plants every one)."""

INDICATORS: tuple[str, ...] = ("SGB-II-Quote Kinder (%)", "Sprachförderbedarf Schuleingang (%)",
                               "Übergewicht Schuleingang (%)")
"""Indicator columns of the generated Sozialräume table (higher = more need)."""

CORE_SECTORS: tuple[Sector, ...] = (Sector.YOUTH_WELFARE, Sector.EDUCATION, Sector.SOCIAL,
                                    Sector.URBAN, Sector.HEALTH)
"""Sectors every clean steering group covers (seed 003, Prüffragen)."""

KITA_SIDE = ("Kita", "Familienzentrum")
"""Categories on the earlier side of the planted Kita → Grundschule gap."""
FAMILY_SIDE = ("Kindertagespflege",)
"""District categories tied to a Kita of their district in every map (Familie → Kita)."""
FAMILY_SIDE_KOMMUNE = ("Frühförderstelle",)
"""Kommune-wide categories tied to a Kita of their Kommune in every map (Familie → Kita)."""
BIRTH_SIDE = ("Geburtsklinik", "Schwangerschaftsberatung")
"""Kreis- and Kommune-level categories on the earlier side of Geburt → Frühe Hilfen."""
EARLY_HELP_SIDE = ("Frühförderstelle", "Kindertagespflege")
"""The generator's categories on the later side of Geburt → Frühe Hilfen (0–3, not birth)."""
SCHOOLS = ("Hauptschule", "Realschule", "Gesamtschule", "Gymnasium", "Förderschule")
"""Categories of weiterführende Schulen (earlier side of Schule → Beruf)."""
WORK_SIDE = ("Jobcenter", "Agentur für Arbeit", "Berufskolleg", "Kammer")
"""Categories on the later side of Schule → Beruf."""
PERSON_CAP = 5  # memberships of any person in a clean map
OVERLOAD = 9  # memberships of the planted overloaded person


@dataclass(frozen=True)
class GroundTruth:
    """What :func:`synthetic` planted: the exact answers analyses should find.

    Every list is empty for a plant that was not requested; everything not listed is clean
    (see the module docstring for the clean guarantees).

    Attributes
    ----------
    planted : tuple of str
        The plant names applied, in :data:`PLANTS` order.
    parallel_pairs : list of (str, str)
        (Kreis-level committee, Kommune-level committee) with identical topics and life
        phases and a member Jaccard index ≥ 0.6.
    transition_gaps : list of (str, str)
        (transition value, district): ``("kita->primary", d)`` — no Kita or Familienzentrum
        of ``d`` has a direct tie, a shared committee or a shared offer with a Grundschule
        of ``d``; ``("secondary->transition_work", d)`` — no weiterführende Schule of ``d``
        reaches Jobcenter, Agentur für Arbeit, Berufskolleg or Kammer that way.
    unlinked_institutions : list of str
        Ids of the earlier-phase institutions of those districts (all of them are unlinked).
    bridge_persons : list of str
        Persons whose removal cuts ``cut_off`` from every steering group.
    cut_off : list of str
        Actors (node type actor) disconnected from the steering groups without the bridge.
    coverage_gaps : list of (str, str)
        (district, life phase value) with no offer at all; the district is the neediest.
    steering_without_power : list of str
        Steering groups with no Machtpromotor and no member at Verwaltungsspitze or Dezernat
        rank.
    steering_missing_sectors : dict of str to list of str
        Steering group id → core sector values none of its members has.
    isolated : list of str
        Nodes without any edge.
    overloaded_persons : list of str
        Persons on at least eight committees (clean persons sit on at most five).
    committees_without_coordination : list of str
        Committees with no member in function Vorsitz or Koordination.
    steering_groups : list of str
        All Kommune steering groups (type Steuerungsgruppe, tier a), clean or not.
    neediest_district : str
        District with the highest value in every indicator column.
    clean_districts : list of str
        Districts touched by no district-level plant (transition gaps, coverage gap,
        isolated nodes, bridge cluster): checks there must find nothing.
    """

    planted: tuple[str, ...] = ()
    parallel_pairs: list[tuple[str, str]] = field(default_factory=list)
    transition_gaps: list[tuple[str, str]] = field(default_factory=list)
    unlinked_institutions: list[str] = field(default_factory=list)
    bridge_persons: list[str] = field(default_factory=list)
    cut_off: list[str] = field(default_factory=list)
    coverage_gaps: list[tuple[str, str]] = field(default_factory=list)
    steering_without_power: list[str] = field(default_factory=list)
    steering_missing_sectors: dict[str, list[str]] = field(default_factory=dict)
    isolated: list[str] = field(default_factory=list)
    overloaded_persons: list[str] = field(default_factory=list)
    committees_without_coordination: list[str] = field(default_factory=list)
    steering_groups: list[str] = field(default_factory=list)
    neediest_district: str = ""
    clean_districts: list[str] = field(default_factory=list)


@dataclass
class SyntheticMap:
    """A generated map and the ground truth of what was planted in it."""

    map: NetworkMap
    truth: GroundTruth


# --- names --------------------------------------------------------------------------------

_DISTRICT_NAMES = (
    "Altstadt", "Nord", "Süd", "Ost", "West", "Mitte", "Bahnhofsviertel", "Heide", "Bergfeld",
    "Talaue", "Neustadt", "Hafen", "Kirchdorf", "Lindenhof", "Rosenhügel", "Eichenkamp",
    "Wiesengrund", "Mühlenberg", "Sonnenfeld", "Am Wald", "Brückenviertel", "Feldmark",
    "Hochheide", "Schlossberg", "Auenviertel", "Gartenstadt", "Kolonie", "Oberdorf")
_KITA_NAMES = (
    "Sonnenschein", "Regenbogen", "Pusteblume", "Löwenzahn", "Kunterbunt", "Sternschnuppe",
    "Wirbelwind", "Schatzkiste", "Zwergenland", "Spatzennest", "Entdeckerland", "Arche Noah",
    "St. Marien", "St. Josef", "Am Park", "Wiesenweg", "Kleine Strolche", "Farbklecks")
_SCHOOL_NAMES = (
    "am Park", "an der Linde", "am Mühlenbach", "Sonnenhügel", "Astrid Lindgren",
    "Erich Kästner", "Brüder Grimm", "am Wald", "Anne Frank", "Marie Curie", "Kopernikus",
    "Geschwister Scholl", "Hermann Hesse", "Am Rosenhügel")
_FIRST = ("Anna", "Maria", "Sabine", "Petra", "Julia", "Katrin", "Fatma", "Elena", "Sarah",
          "Claudia", "Monika", "Aylin", "Nina", "Birgit", "Thomas", "Michael", "Andreas",
          "Stefan", "Markus", "Jan", "Mehmet", "Peter", "Frank", "Tobias", "Daniel", "Uwe")
_LAST = ("Schmidt", "Müller", "Meyer", "Schulz", "Becker", "Hoffmann", "Koch", "Richter",
         "Wolf", "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner",
         "Krause", "Lehmann", "Köhler", "Yilmaz", "Kaya", "Brandt", "Vogel", "Jansen", "Arslan",
         "Winter", "Bauer", "Sommer", "Roth", "Engel")
_GOALS = ("Chancengerecht aufwachsen von Anfang an", "Eltern beteiligen und stärken",
          "Übergänge gemeinsam gestalten", "Vielfalt als Stärke")

_P = LifePhase
_PHASES = tuple(LifePhase)
_CLASH = {("kp_early", "kp_late"), ("kp_late", "kp_early"),
          ("sw_early", "sw_late"), ("sw_late", "sw_early")}

# offer category → provider categories (district first, then Kommune, then Kreis)
_OFFER_PROVIDERS: dict[str, tuple[str, ...]] = {
    "Babybesuchsdienst": ("Jugendamt", "Freier Träger"),
    "Elterncafé": ("Familienzentrum", "Kita"),
    "Familienhebamme (Angebot)": ("Hebamme", "Gesundheitsamt"),
    "Sprachförderung": ("Kita", "Familienzentrum", "Kommunales Integrationszentrum"),
    "Übergangsangebot Kita-Grundschule": ("Grundschule", "Kita"),
    "Übergangsangebot Grundschule-weiterführende Schule": ("Grundschule", "Gesamtschule",
                                                            "Realschule"),
    "Berufsorientierung": ("Agentur für Arbeit", "Bildungsträger", "Jugendzentrum"),
    "Beratungssprechstunde": ("Erziehungsberatungsstelle", "Familienzentrum"),
    "Elternkurs": ("Familienbildungsstätte", "Familienzentrum", "Freier Träger"),
    "Hausaufgabenhilfe": ("Jugendzentrum", "Kirchengemeinde", "Migrantenorganisation",
                          "Freier Träger"),
    "Freizeitangebot": ("Sportverein", "Jugendzentrum", "Musikschule", "Freier Träger"),
    "Gesundheitsförderung": ("Kinderarztpraxis", "Sportverein", "Gesundheitsamt"),
    "Lotsendienst": ("Freier Träger", "Familienzentrum"),
    "Ausbildungsbegleitung": ("Bildungsträger", "Jugendzentrum", "Freier Träger"),
}
_OFFER_VENUES = ("Kita", "Familienzentrum", "Grundschule", "Jugendzentrum", "Gesamtschule")
_REFERRERS = ("Kita", "Familienzentrum", "Kinderarztpraxis", "Hebamme", "Jugendzentrum",
              "Person")
_DISTRICT_EXTRA = ("Sportverein", "Kirchengemeinde", "Migrantenorganisation",
                   "Ehrenamtsinitiative", "Therapiepraxis", "Musikschule", "Sportverein",
                   "Kindertagespflege", "Bibliothek", "Sportverein")


def _slug(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-"})
    return "".join(c for c in text.lower().translate(table) if c.isalnum() or c == "-")


def _pick_plants(plant: Iterable[str] | Literal["all"] | None) -> tuple[str, ...]:
    if plant is None:
        return ()
    wanted = set(PLANTS) if plant == "all" else {str(p) for p in plant}
    unknown = sorted(wanted - set(PLANTS))
    if unknown:
        raise InputError(f"Unbekannte Probleme zum Einpflanzen: {', '.join(unknown)}. "
                         f"Möglich sind: {', '.join(PLANTS)} oder \"all\".", "unknown-value")
    return tuple(p for p in PLANTS if p in wanted)


@dataclass
class _District:
    name: str
    kommune: int
    budget: float
    burden: float
    population: int = 0
    children: int = 0


@dataclass
class _Kommune:
    index: int
    name: str
    county: int
    budget: float
    own_youth_office: bool
    districts: list[_District] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)  # role → node id
    committees: dict[str, str] = field(default_factory=dict)  # key → committee id


class _Builder:
    """Collects nodes, edges and memberships in memory, then writes one NetworkMap."""

    def __init__(self, rng: random.Random, width: int) -> None:
        self.rng = rng
        self.width = width
        self.nodes: dict[str, tuple[NodeType, dict[str, Any]]] = {}
        self.edges: list[tuple[str, str, EdgeKind, dict[str, Any]]] = []
        self.edge_keys: set[tuple[str, str, EdgeKind]] = set()
        self.members: dict[str, dict[str, MemberFunction]] = {}
        self.seats: Counter[str] = Counter()
        self.tags: dict[str, set[str]] = {}
        self.persons: set[str] = set()
        self.cat: dict[str, str] = {}
        self.weight: dict[str, float] = {}
        self.reg: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
        self.degree: Counter[str] = Counter()
        self._count: Counter[str] = Counter()

    # nodes ------------------------------------------------------------------------------
    def add(self, ntype: NodeType, name: str, *, scope: Sequence[str] = (),
            tags: Iterable[str] = (), **attrs: Any) -> str:
        prefix = {NodeType.ACTOR: "A", NodeType.OFFICE: "AMT", NodeType.COMMITTEE: "G",
                  NodeType.OFFER: "ANG"}[ntype]
        self._count[prefix] += 1
        nid = f"{prefix}-{self._count[prefix]:0{self.width}d}"
        self.nodes[nid] = (ntype, {"name": name, **{k: v for k, v in attrs.items()
                                                    if v is not None}})
        category = str(attrs.get("category") or "")
        self.cat[nid] = category
        self.weight[nid] = self.rng.paretovariate(1.6)
        if attrs.get("form") == "person" or category in {"Person", "Hebamme"}:
            self.persons.add(nid)
        if tags:
            self.tags[nid] = set(tags)
        if ntype is NodeType.COMMITTEE:
            self.members[nid] = {}
        for s in scope:
            self.reg[(s, category)].append(nid)
        return nid

    def person(self, name_rng: random.Random, org: str | None, *, sector: Sector, rank: Rank,
               roles: Sequence[Role] = (), level: Level, municipality: str | None,
               district: str | None = None, note: str = "", scope: Sequence[str] = (),
               mail: str | None = None) -> str:
        first, last = name_rng.choice(_FIRST), name_rng.choice(_LAST)
        contact = f"{_slug(first)[0]}.{_slug(last)}@{mail}.example" if mail else None
        pid = self.add(NodeType.ACTOR, f"{first} {last}", form="person", category="Person",
                       sector=sector, rank=rank, roles=tuple(roles), level=level,
                       municipality=municipality, district=district, note=note or None,
                       contact=contact, scope=scope, tags=self.tags.get(org, ()) if org else ())
        if org:
            self.tie(pid, org, EdgeKind.BELONGS_TO)
        return pid

    # edges ------------------------------------------------------------------------------
    def clash(self, a: str, b: str) -> bool:
        ta, tb = self.tags.get(a), self.tags.get(b)
        if not ta or not tb:
            return False
        return any((x, y) in _CLASH for x in ta for y in tb)

    def _merge(self, hub: str, node: str) -> None:
        if node in self.tags:
            self.tags.setdefault(hub, set()).update(self.tags[node])

    def tie(self, u: str, v: str, kind: EdgeKind, **attrs: Any) -> bool:
        symmetric = kind in (EdgeKind.COOPERATION, EdgeKind.CONTRACT)
        key = (min(u, v), max(u, v), kind) if symmetric else (u, v, kind)
        if u == v or key in self.edge_keys or self.clash(u, v):
            return False
        self.edge_keys.add(key)
        self.edges.append((u, v, kind, attrs))
        self.degree[u] += 1
        self.degree[v] += 1
        return True

    def cooperate(self, u: str, v: str) -> bool:
        strength = Strength(self.rng.choices((1, 2, 3, 4), (30, 35, 25, 10))[0])
        formal = True if strength >= 3 and self.rng.random() < 0.5 else None
        return self.tie(u, v, EdgeKind.COOPERATION, strength=strength, formal=formal)

    def attach(self, actor: str, offer: str, kind: EdgeKind) -> bool:
        """Provider/funder/referrer → offer; the offer joins the actor's tag set."""
        if self.clash(offer, actor):
            return False
        if self.tie(actor, offer, kind):
            self._merge(offer, actor)
            return True
        return False

    def join(self, member: str, committee: str, function: MemberFunction = MemberFunction.MEMBER,
             *, force: bool = False) -> bool:
        seats = self.members[committee]
        if member in seats or self.clash(committee, member):
            return False
        if not force and member in self.persons and self.seats[member] >= PERSON_CAP:
            return False
        seats[member] = function
        self.seats[member] += 1
        self.degree[member] += 1
        self.degree[committee] += 1
        self._merge(committee, member)
        return True

    def leave(self, member: str, committee: str) -> None:
        if self.members[committee].pop(member, None) is not None:
            self.seats[member] -= 1
            self.degree[member] -= 1
            self.degree[committee] -= 1

    def fill(self, committee: str, pool: Sequence[str], size: int) -> None:
        """Add members from ``pool``, weighted by activity, until the committee has ``size``."""
        rng = self.rng
        keyed = sorted(pool, key=lambda n: -rng.random() ** (1.0 / self.weight[n]))
        for nid in keyed:
            if len(self.members[committee]) >= size:
                break
            self.join(nid, committee)

    def find(self, categories: Sequence[str], scopes: Sequence[str], *,
             every: bool = False) -> list[str]:
        """Nodes of these categories in the first scope that has any (or in all scopes)."""
        out: list[str] = []
        for s in scopes:
            out += [n for c in categories for n in self.reg.get((s, c), ())]
            if out and not every:
                break
        return out

    def build(self, meta: MapMeta) -> NetworkMap:
        m = NetworkMap(meta=meta)
        for nid, (ntype, attrs) in self.nodes.items():
            m.add_node(nid, ntype, **attrs)
        for u, v, kind, attrs in self.edges:
            m.add_edge(u, v, kind, **{k: a for k, a in attrs.items() if a is not None})
        for committee, seats in self.members.items():
            for member, function in seats.items():
                m.add_edge(member, committee, EdgeKind.MEMBER, function=function)
        return m


# --- layout -------------------------------------------------------------------------------


def _layout(n_nodes: int, municipalities: int | None, per_kommune: int | None,
            rng: random.Random) -> tuple[list[str], list[_Kommune]]:
    m = municipalities or (1 if n_nodes < 1500
                           else max(2, round(12 * (n_nodes / 5000) ** 0.52)))
    n_counties = max(1, round(m / 12))
    counties = ["Musterkreis"] if n_counties == 1 else [
        f"Musterkreis {i + 1}" for i in range(n_counties)]
    weights = sorted((rng.lognormvariate(0, 0.55) for _ in range(m)), reverse=True)
    total = sum(weights)
    spare = n_nodes - 42 * n_counties
    kommunen: list[_Kommune] = []
    own_per_county = [max(1, math.ceil(sum(1 for i in range(m) if i % n_counties == c) / 4))
                      for c in range(n_counties)]
    seen: Counter[int] = Counter()
    for i, w in enumerate(weights):
        county = i % n_counties
        seen[county] += 1
        name = "Musterstadt" if m == 1 else f"Musterstadt {i + 1}"
        kommunen.append(_Kommune(i, name, county, spare * w / total,
                                 own_youth_office=seen[county] <= own_per_county[county]))
    names_used = 0
    for k in kommunen:
        nd = per_kommune or min(30, max(2, round((k.budget - 40) / 36)))
        dw = [rng.lognormvariate(0, 0.3) for _ in range(nd)]
        for j in range(nd):
            base = _DISTRICT_NAMES[names_used % len(_DISTRICT_NAMES)] if m == 1 else \
                _DISTRICT_NAMES[j % len(_DISTRICT_NAMES)]
            rnd = (names_used if m == 1 else j) // len(_DISTRICT_NAMES)
            label = base if rnd == 0 else f"{base} {rnd + 1}"
            names_used += 1
            name = label if m == 1 else f"{k.name}-{label}"
            burden = (0.55 + 0.45 * rng.random() if rng.random() < 0.3
                      else 0.5 * rng.betavariate(1.5, 2.5))
            k.districts.append(_District(name, k.index, dw[j] / sum(dw), burden))
    return counties, kommunen


def _district_table(kommunen: list[_Kommune], rng: random.Random) -> tuple[pd.DataFrame, str]:
    rows: list[dict[str, Any]] = []
    for k in kommunen:
        for d in k.districts:
            rows.append({
                "district": d.name, "municipality": k.name,
                "population": d.population, "children": d.children,
                INDICATORS[0]: round(min(48.0, max(2.0, 4 + 38 * d.burden + rng.gauss(0, 2))), 1),
                INDICATORS[1]: round(min(65.0, max(8.0, 12 + 40 * d.burden + rng.gauss(0, 3))), 1),
                INDICATORS[2]: round(min(22.0, max(4.0, 6 + 11 * d.burden + rng.gauss(0, 1.2))), 1),
            })
    # the neediest district (highest latent burden) leads every indicator
    neediest = max((d for k in kommunen for d in k.districts), key=lambda d: d.burden).name
    row = next(r for r in rows if r["district"] == neediest)
    for col in INDICATORS:
        top = max((r[col] for r in rows if r is not row), default=0.0)
        row[col] = round(max(row[col], top + 0.5), 1)
    table = pd.DataFrame(rows).set_index("district")
    table["population"] = table["population"].astype("int64")
    table["children"] = table["children"].astype("int64")
    return table, neediest


# --- generator ----------------------------------------------------------------------------


class _Generator:
    """One run of :func:`synthetic`: layout, Kreis, Kommunen, districts, bodies, plants."""

    def __init__(self, n_nodes: int, seed: int, municipalities: int | None,
                 per_kommune: int | None, plants: tuple[str, ...]) -> None:
        self.rng = random.Random(seed)
        self.names = random.Random(seed + 7919)  # person names do not shift the structure
        self.family_rng = random.Random(seed + 104729)  # added later: keeps older maps stable
        self.n_nodes = n_nodes
        self.plants = plants
        self.b = _Builder(self.rng, max(4, len(str(n_nodes))))
        self.counties, self.kommunen = _layout(n_nodes, municipalities, per_kommune, self.rng)
        self.county_ids: list[dict[str, str]] = [{} for _ in self.counties]
        self.county_committees: list[dict[str, str]] = [{} for _ in self.counties]
        self.districts = {d.name: d for k in self.kommunen for d in k.districts}
        self.steering: list[str] = []
        self.district_actors: dict[int, list[list[str]]] = {}
        # targets of district-level plants: distinct districts where possible
        self.neediest = max(self.districts.values(), key=lambda d: d.burden).name
        k0 = self.kommunen[0]
        others = [d.name for d in k0.districts if d.name != self.neediest] or [self.neediest]
        self.gap_kita = others[0] if "transition_gap" in plants else None
        self.gap_work = (others[1 % len(others)] if len(others) > 1 else others[0]) \
            if "transition_gap" in plants else None
        self.gap_cover = self.neediest if "coverage_gap" in plants else None
        self.gap_phases: tuple[LifePhase, ...] = ()
        if self.gap_cover:
            self.gap_phases = tuple(sorted(self.rng.sample(_PHASES, 2),
                                           key=lambda p: p.position))
        m = len(self.kommunen)
        self.no_power = 1 % m if "steering_no_power" in plants else None
        self.no_sector = 2 % m if "steering_missing_sector" in plants else None

    # Kreis ------------------------------------------------------------------------------
    def county(self, c: int) -> None:
        b, name = self.b, self.counties[c]
        ids = self.county_ids[c]
        scope = (name,)
        work_gap = self.gap_work is not None and self.kommunen[
            self.districts[self.gap_work].kommune].county == c
        sw = ("sw_late",) if work_gap else ()
        mail = _slug(name)

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
        n_bk = 1 + sum(1 for k in self.kommunen if k.county == c) // 6
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
    def kommune(self, k: _Kommune) -> None:
        b, ids, cids = self.b, k.ids, self.county_ids[k.county]
        scope = (k.name,)
        mail = _slug(k.name)

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
        # contracts binding the Leitbild (seed 003: with the Kreis and the welfare AG)
        b.tie(ids["top"], cids["top"], EdgeKind.CONTRACT, formal=True)
        if self.rng.random() < 0.5:
            b.tie(ids["top"], welfare[0], EdgeKind.CONTRACT, formal=True)
        b.tie(ids["coord"], ids["planner"], EdgeKind.COOPERATION, strength=Strength.COORDINATION)
        b.tie(ids["coord"], cids["coord"], EdgeKind.COOPERATION, strength=Strength.COOPERATION)

    # districts --------------------------------------------------------------------------
    def district(self, k: _Kommune, d: _District, budget: float) -> None:
        b, rng, nr = self.b, self.rng, self.names
        kp, sw = d.name == self.gap_kita, d.name == self.gap_work
        size = max(22.0, budget)
        # "Ungleiches ungleich behandeln": offers per child rise with the burden
        n_offers = max(7, round(0.24 * size * (1 + 1.5 * d.burden)))
        if d.name == self.gap_cover:
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
        cids = self.county_ids[k.county]
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

        kitas = [actor(f"Kita {pname(i, _KITA_NAMES)} ({d.name})", "Kita",
                       rng.choice(carriers), ("kp_early",) if kp else ())
                 for i in range(n_kita)]
        fzs = [actor(f"Familienzentrum {d.name} {i + 1}", "Familienzentrum",
                     rng.choice(carriers), ("kp_early",) if kp else ()) for i in range(n_fz)]
        gss = [actor(f"Grundschule {pname(i, _SCHOOL_NAMES)} ({d.name})", "Grundschule",
                     k.ids["school"], ("kp_late",) if kp else ()) for i in range(n_gs)]
        secs = [actor(f"{cat} {d.name}" + (f" {i + 1}" if i else ""), cat, k.ids["school"],
                      ("sw_early",) if sw else ())
                for i, cat in enumerate(rng.choices(SCHOOLS, (1, 2, 3, 2, 1 if j else 0))[0]
                                        for j in range(n_sec))]
        peds = [actor(f"Kinderarztpraxis {d.name} {i + 1}", "Kinderarztpraxis")
                for i in range(n_ped)]
        midwives = [actor(f"{nr.choice(_FIRST)} {nr.choice(_LAST)}", "Hebamme",
                          sector=Sector.HEALTH) for _ in range(n_ped)]
        youth = actor(f"Jugendzentrum {d.name}", "Jugendzentrum", rng.choice(carriers))
        extras = [actor(f"{cat} {d.name} {i + 1}", cat) for i, cat in
                  enumerate(rng.choice(_DISTRICT_EXTRA) for _ in range(n_extra))]

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
        neighbours = self.district_actors.get(k.index, [])
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
        self.district_actors.setdefault(k.index, []).append(own)
        if d.name != self.gap_kita:
            for nid in b.find(["Frühförderstelle"], (k.name,)):
                b.cooperate(nid, rng.choice(gss))
        self.offers(k, d, n_offers)

    def offers(self, k: _Kommune, d: _District, n: int) -> None:
        rng = self.rng
        scope = (d.name, k.name, self.counties[k.county])
        banned = set(self.gap_phases) if d.name == self.gap_cover else set()
        cats = list(_OFFER_PROVIDERS)
        wanted: list[tuple[str, tuple[LifePhase, ...]]] = []
        for phase in _PHASES:  # at least one offer per life phase
            if phase in banned:
                continue
            # where a coverage gap is planted, the other districts are well served
            for _ in range(2 if phase in self.gap_phases else 1):
                cat = rng.choice([c for c in cats if phase in _CAT_PHASES[c]])
                wanted.append((cat, (phase,)))
        while len(wanted) < n:
            cat = rng.choice(cats)
            phases = tuple(p for p in _CAT_PHASES[cat] if p not in banned)
            if not phases:
                continue
            start = rng.randrange(len(phases))
            wanted.append((cat, tuple(phases[start:start + rng.randint(1, 3)])))
        referrers = self.b.find(_REFERRERS, (d.name,))
        for i, (cat, phases) in enumerate(wanted):
            self.offer(k, d, cat, phases, i, scope, referrers)

    def offer(self, k: _Kommune, d: _District, cat: str, phases: tuple[LifePhase, ...], i: int,
              scope: Sequence[str], referrers: Sequence[str]) -> str:
        b, rng = self.b, self.rng
        oid = b.add(NodeType.OFFER, f"{cat} {d.name} {i + 1}", category=cat, life_phases=phases,
                    municipality=k.name, district=d.name,
                    status=OfferStatus.RUNNING if rng.random() < 0.9 else OfferStatus.PLANNED,
                    outreach=True if cat in ("Babybesuchsdienst", "Lotsendienst") else None,
                    capacity=rng.choice((None, 12, 15, 20, 25, 40)),
                    target_group=_TARGET[phases[0]], scope=(d.name,))
        providers = (b.find(_OFFER_PROVIDERS[cat], scope, every=True)
                     or b.find(["Freier Träger"], scope))
        b.attach(rng.choice(providers), oid, EdgeKind.PROVIDES)
        if rng.random() < 0.5:
            venues = b.find([rng.choice(_OFFER_VENUES)], (d.name,))
            venue = rng.choice(venues) if venues else None
            if venue and not b.clash(oid, venue):
                b.nodes[oid][1]["venue"] = venue
                b._merge(oid, venue)
        if rng.random() < 0.35:
            funder = rng.choice((k.ids["youth"], k.ids["social"],
                                 self.county_ids[k.county]["foundation"],
                                 self.county_ids[k.county]["health"]))
            b.attach(funder, oid, EdgeKind.FUNDS)
        for _ in range(rng.choices((0, 1, 2, 3), (30, 35, 25, 10))[0]):
            if referrers:
                b.attach(rng.choice(referrers), oid, EdgeKind.REFERRAL)
        previous = b.reg.get((d.name, "#offers"), [])
        if previous and rng.random() < 0.15:
            b.tie(rng.choice(previous), oid, EdgeKind.REFERRAL)
        b.reg[(d.name, "#offers")].append(oid)
        return oid

    # committees -------------------------------------------------------------------------
    def committee(self, key: str, owner: dict[str, str], name: str, ctype: CommitteeType,
                  tier: Tier | None, level: Level, topics: tuple[str, ...],
                  phases: Sequence[LifePhase], *, municipality: str | None = None,
                  district: str | None = None, lead: str | None = None,
                  meetings: int = 4, legitimated: bool | None = None,
                  kind: NetworkKind = NetworkKind.EXCHANGE, reports_to: str | None = None
                  ) -> str:
        cid = self.b.add(NodeType.COMMITTEE, name, committee_type=ctype, tier=tier, level=level,
                         municipality=municipality, district=district, topics=topics,
                         life_phases=tuple(phases), meetings_per_year=meetings, lead=lead,
                         legitimated=legitimated, network_kind=kind)
        owner[key] = cid
        if reports_to:
            self.b.tie(cid, reports_to, EdgeKind.REPORTS_TO)
        return cid

    def size(self, median: float, low: int, high: int) -> int:
        return min(high, max(low, int(self.rng.lognormvariate(math.log(median), 0.45))))

    def kommune_bodies(self, k: _Kommune) -> None:
        b, ids, cids = self.b, k.ids, self.county_ids[k.county]
        com = k.committees
        nd = len(k.districts)
        loc = (k.name,)
        no_power = k.index == self.no_power
        sg = self.committee("sg", com, f"Steuerungsgruppe Präventionskette {k.name}",
                            CommitteeType.STEERING_GROUP, Tier.A, Level.MUNICIPALITY,
                            ("Präventionskette", "Gesamtstrategie", "Leitbild"), _PHASES,
                            lead=ids["youth"] if no_power else ids["top"], legitimated=True,
                            municipality=k.name)
        self.steering.append(sg)
        if no_power:
            b.join(ids["youth"], sg, MemberFunction.CHAIR)
        else:
            b.join(ids["mayor"], sg, MemberFunction.CHAIR)
            b.join(ids["dezernent"], sg)
            b.join(ids["youth"], sg)
        b.join(ids["coord"], sg, MemberFunction.COORDINATION)
        core = [ids["school"], ids["social"], cids["jobs"], cids["edu"], cids["welfare0"]]
        if k.index != self.no_sector:
            core += [ids["urban"], cids["health"]]
        if self.rng.random() < 0.6:
            core.append(cids["ki"])
        for nid in core:
            b.join(nid, sg)
        district_pool = [n for group in self.district_actors[k.index] for n in group]
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
                                ("Austausch", "Präventionskette vor Ort"), _PHASES,
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
                                 ("Jugendhilfeplanung", "Haushalt Jugendhilfe"), _PHASES,
                                 lead=ids["youth"], meetings=6, legitimated=True,
                                 municipality=k.name)
            b.join(ids["party0"], jha, MemberFunction.CHAIR)
            b.join(ids["youth"], jha, MemberFunction.COORDINATION)
            for nid in [ids["party1"], ids["party2"], *(cids[f"welfare{i}"] for i in range(4)),
                        *b.find(["Freier Träger"], loc)]:
                b.join(nid, jha)
        for d in k.districts:
            self.district_conference(k, d, edu)

    def district_conference(self, k: _Kommune, d: _District, reports_to: str) -> None:
        b = self.b
        srk = self.committee(d.name, k.committees, f"Sozialraumkonferenz {d.name}",
                             CommitteeType.DISTRICT_CONFERENCE, Tier.C, Level.DISTRICT,
                             ("Sozialraum", "Vernetzung vor Ort", "Elternbeteiligung"), _PHASES,
                             municipality=k.name, district=d.name, lead=k.ids["youth"],
                             meetings=self.rng.choice((4, 6, 10)), reports_to=reports_to,
                             kind=NetworkKind.PRODUCTION if self.rng.random() < 0.3
                             else NetworkKind.EXCHANGE)
        keyperson = [p for p in b.reg.get((d.name, "Person"), ())
                     if b.nodes[p][1].get("roles") == (Role.KEY_PERSON,)]
        b.join(keyperson[0], srk, MemberFunction.COORDINATION)
        b.join(k.ids["youth"], srk)
        pool = [n for c in ("Kita", "Grundschule", "Familienzentrum", "Jugendzentrum", *SCHOOLS,
                            "Kinderarztpraxis", "Person", *_DISTRICT_EXTRA)
                for n in dict.fromkeys(b.reg.get((d.name, c), ()))]
        b.fill(srk, pool, self.size(12, 6, 35))

    def county_bodies(self, c: int) -> None:
        b, ids, com = self.b, self.county_ids[c], self.county_committees[c]
        name = self.counties[c]
        kom = [k for k in self.kommunen if k.county == c]
        lead = self.committee("lead", com, f"Lenkungskreis Präventionskette {name}",
                              CommitteeType.STEERING_CIRCLE, Tier.A, Level.COUNTY,
                              ("Präventionskette", "Kreisstrategie"), _PHASES, lead=ids["top"],
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

        def across(*cats: str, kommunen: Sequence[_Kommune] = kom) -> list[str]:
            return [n for k in kommunen for d in k.districts for cat in cats
                    for n in b.reg.get((d.name, cat), ())]

        welfare = [ids[f"welfare{i}"] for i in range(4)]
        body("health", "Kommunale Gesundheitskonferenz", CommitteeType.CONFERENCE,
             ("Gesundheitsberichterstattung", "Gesundheitsförderung", "Versorgung"), _PHASES,
             ids["health"], ids["health_plan"], [ids["clinic"], ids["spz"], *welfare,
                                                 *(k.ids["social"] for k in kom)],
             across("Kinderarztpraxis", "Hebamme", "Therapiepraxis"), self.size(32, 15, 90))
        body("rbn", "Regionales Bildungsnetzwerk", CommitteeType.NETWORK,
             ("Regionale Bildungslandschaft", "Bildungsmonitoring"), _PHASES, ids["school"],
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
             ("Jugendhilfeplanung", "Haushalt Jugendhilfe"), _PHASES, ids["party0"],
             ids["youth"], [ids["party1"], ids["party2"], *welfare],
             [n for k in no_office for n in b.find(["Freier Träger"], (k.name,))],
             self.size(15, 10, 25), tier=None)
        body("welfare", "Arbeitsgemeinschaft der Freien Wohlfahrtspflege",
             CommitteeType.WORKING_GROUP, ("Freie Wohlfahrtspflege", "Trägerabstimmung"), _PHASES,
             welfare[0], None, welfare[1:], [], 4, tier=None)

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
        table, _ = _district_table(self.kommunen, self.rng)
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
                       mission=f"Gut aufwachsen in {place}", goals=_GOALS,
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
                cat = rng.choice(list(_OFFER_PROVIDERS))
                phases = _CAT_PHASES[cat]
                start = rng.randrange(len(phases))
                self.offer(k, d, cat, phases[start:start + 2], 1000 + i,
                           (d.name, k.name, self.counties[k.county]),
                           b.find(_REFERRERS, (d.name,)))
            else:
                cat = rng.choice(_DISTRICT_EXTRA)
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
        for c, com in enumerate(self.county_committees):
            self._seat_early_help(com["fh"], county_pools[c] or everywhere, rng)

    def _early_help(self, k: _Kommune) -> list[str]:
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
                                ("Integration", "Elternarbeit", "Mehrsprachigkeit"), _PHASES,
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


_CAT_PHASES: dict[str, tuple[LifePhase, ...]] = {}
for _cat in _OFFER_PROVIDERS:
    _info = category_info(_cat)
    assert _info is not None and _info.node_type is NodeType.OFFER, _cat
    _CAT_PHASES[_cat] = _info.life_phases
_TARGET = {_P.PREGNANCY: "Schwangere und werdende Eltern", _P.U3: "Familien mit Kindern unter 3",
           _P.KITA: "Kinder von 3 bis 6 und ihre Eltern", _P.PRIMARY: "Grundschulkinder",
           _P.SECONDARY: "Schülerinnen und Schüler ab 10", _P.TRANSITION_WORK:
           "Jugendliche und junge Erwachsene"}


def synthetic(n_nodes: int = 300, *, seed: int = 0, municipalities: int | None = None,
              plant: Iterable[str] | Literal["all"] | None = None,
              districts_per_municipality: int | None = None) -> SyntheticMap:
    """Generate a realistic Netzwerkkarte of about ``n_nodes`` nodes, optionally with problems.

    Parameters
    ----------
    n_nodes : int, default 300
        Target size (the result is within ±10 %). 300 is one town with about six districts,
        5,000 a Kreis with 12 Kommunen, 50,000 a state programme with 40 Kommunen in three
        Kreise.
    seed : int, default 0
        Same arguments and seed give an identical map, including insertion order.
    municipalities : int, optional
        Number of Kommunen (default: derived from ``n_nodes``).
    plant : iterable of str or "all", optional
        Problems to plant, names from :data:`PLANTS`. Without it the map is clean.
    districts_per_municipality : int, optional
        Fixed number of Sozialräume per Kommune (default: derived from the size).

    Returns
    -------
    SyntheticMap
        ``map`` (a :class:`~netzkarte.model.NetworkMap` with districts table and metadata)
        and ``truth`` (:class:`GroundTruth`: exactly what was planted).

    Raises
    ------
    InputError
        For an unknown plant name or a size below 150 nodes.

    Examples
    --------
    >>> s = synthetic(300, seed=3, plant=["parallel"])
    >>> kreis, kommune = s.truth.parallel_pairs[0]
    >>> s.map.node(kreis)["level"].label, s.map.node(kommune)["level"].label
    ('Kreis', 'Kommune')

    Notes
    -----
    Linear in ``n_nodes``; about 0.2 ms per node (50,000 nodes in roughly ten seconds).
    """
    plants = _pick_plants(plant)
    if n_nodes < 150:
        raise InputError(f"Eine synthetische Karte braucht mindestens 150 Knoten, nicht "
                         f"{n_nodes}.", "bad-number")
    if municipalities is not None and municipalities < 1:
        raise InputError("Es muss mindestens eine Kommune geben.", "bad-number")
    if districts_per_municipality is not None and districts_per_municipality < 2:
        raise InputError("Jede Kommune braucht mindestens zwei Sozialräume.", "bad-number")
    start = time.perf_counter()
    result = _Generator(n_nodes, seed, municipalities, districts_per_municipality, plants).run()
    log.info("Synthetische Karte mit %d Knoten und %d Beziehungen erzeugt (%.1f s)",
             len(result.map), result.map.graph.number_of_edges(), time.perf_counter() - start)
    return result
