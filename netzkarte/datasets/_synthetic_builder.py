"""The in-memory builder and the geography of a synthetic map.

Private to :mod:`netzkarte.datasets.synthetic`: name pools and category tables, the
:class:`Builder` that collects nodes, edges and memberships before writing one
:class:`~netzkarte.model.NetworkMap`, the Kreis/Kommune/district layout and the generated
Sozialräume table.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from netzkarte.datasets.synthetic import INDICATORS, PERSON_CAP
from netzkarte.model import MapMeta, NetworkMap
from netzkarte.vocab import (
    EdgeKind,
    Level,
    LifePhase,
    MemberFunction,
    NodeType,
    Rank,
    Role,
    Sector,
    Strength,
    category_info,
)

__all__ = ["CAT_PHASES", "DISTRICT_EXTRA", "FIRST_NAMES", "GOALS", "KITA_NAMES", "LAST_NAMES",
           "OFFER_PROVIDERS", "OFFER_VENUES", "PHASES", "REFERRERS", "SCHOOL_NAMES",
           "TARGET_GROUPS", "Builder", "District", "Kommune", "district_table", "layout", "slug"]

# --- names --------------------------------------------------------------------------------

_DISTRICT_NAMES = (
    "Altstadt", "Nord", "Süd", "Ost", "West", "Mitte", "Bahnhofsviertel", "Heide", "Bergfeld",
    "Talaue", "Neustadt", "Hafen", "Kirchdorf", "Lindenhof", "Rosenhügel", "Eichenkamp",
    "Wiesengrund", "Mühlenberg", "Sonnenfeld", "Am Wald", "Brückenviertel", "Feldmark",
    "Hochheide", "Schlossberg", "Auenviertel", "Gartenstadt", "Kolonie", "Oberdorf")
KITA_NAMES = (
    "Sonnenschein", "Regenbogen", "Pusteblume", "Löwenzahn", "Kunterbunt", "Sternschnuppe",
    "Wirbelwind", "Schatzkiste", "Zwergenland", "Spatzennest", "Entdeckerland", "Arche Noah",
    "St. Marien", "St. Josef", "Am Park", "Wiesenweg", "Kleine Strolche", "Farbklecks")
SCHOOL_NAMES = (
    "am Park", "an der Linde", "am Mühlenbach", "Sonnenhügel", "Astrid Lindgren",
    "Erich Kästner", "Brüder Grimm", "am Wald", "Anne Frank", "Marie Curie", "Kopernikus",
    "Geschwister Scholl", "Hermann Hesse", "Am Rosenhügel")
FIRST_NAMES = ("Anna", "Maria", "Sabine", "Petra", "Julia", "Katrin", "Fatma", "Elena", "Sarah",
               "Claudia", "Monika", "Aylin", "Nina", "Birgit", "Thomas", "Michael", "Andreas",
               "Stefan", "Markus", "Jan", "Mehmet", "Peter", "Frank", "Tobias", "Daniel", "Uwe")
LAST_NAMES = ("Schmidt", "Müller", "Meyer", "Schulz", "Becker", "Hoffmann", "Koch", "Richter",
              "Wolf", "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner",
              "Krause", "Lehmann", "Köhler", "Yilmaz", "Kaya", "Brandt", "Vogel", "Jansen",
              "Arslan", "Winter", "Bauer", "Sommer", "Roth", "Engel")
GOALS = ("Chancengerecht aufwachsen von Anfang an", "Eltern beteiligen und stärken",
         "Übergänge gemeinsam gestalten", "Vielfalt als Stärke")

_P = LifePhase
PHASES = tuple(LifePhase)
_CLASH = {("kp_early", "kp_late"), ("kp_late", "kp_early"),
          ("sw_early", "sw_late"), ("sw_late", "sw_early")}

# offer category → provider categories (district first, then Kommune, then Kreis)
OFFER_PROVIDERS: dict[str, tuple[str, ...]] = {
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
OFFER_VENUES = ("Kita", "Familienzentrum", "Grundschule", "Jugendzentrum", "Gesamtschule")
REFERRERS = ("Kita", "Familienzentrum", "Kinderarztpraxis", "Hebamme", "Jugendzentrum",
             "Person")
DISTRICT_EXTRA = ("Sportverein", "Kirchengemeinde", "Migrantenorganisation",
                  "Ehrenamtsinitiative", "Therapiepraxis", "Musikschule", "Sportverein",
                  "Kindertagespflege", "Bibliothek", "Sportverein")

CAT_PHASES: dict[str, tuple[LifePhase, ...]] = {}
for _cat in OFFER_PROVIDERS:
    _info = category_info(_cat)
    assert _info is not None and _info.node_type is NodeType.OFFER, _cat
    CAT_PHASES[_cat] = _info.life_phases
TARGET_GROUPS = {_P.PREGNANCY: "Schwangere und werdende Eltern",
                 _P.U3: "Familien mit Kindern unter 3",
                 _P.KITA: "Kinder von 3 bis 6 und ihre Eltern", _P.PRIMARY: "Grundschulkinder",
                 _P.SECONDARY: "Schülerinnen und Schüler ab 10",
                 _P.TRANSITION_WORK: "Jugendliche und junge Erwachsene"}


def slug(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-"})
    return "".join(c for c in text.lower().translate(table) if c.isalnum() or c == "-")


@dataclass
class District:
    name: str
    kommune: int
    budget: float
    burden: float
    population: int = 0
    children: int = 0


@dataclass
class Kommune:
    index: int
    name: str
    county: int
    budget: float
    own_youth_office: bool
    districts: list[District] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)  # role → node id
    committees: dict[str, str] = field(default_factory=dict)  # key → committee id


class Builder:
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
        first, last = name_rng.choice(FIRST_NAMES), name_rng.choice(LAST_NAMES)
        contact = f"{slug(first)[0]}.{slug(last)}@{mail}.example" if mail else None
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


def layout(n_nodes: int, municipalities: int | None, per_kommune: int | None,
           rng: random.Random) -> tuple[list[str], list[Kommune]]:
    m = municipalities or (1 if n_nodes < 1500
                           else max(2, round(12 * (n_nodes / 5000) ** 0.52)))
    n_counties = max(1, round(m / 12))
    counties = ["Musterkreis"] if n_counties == 1 else [
        f"Musterkreis {i + 1}" for i in range(n_counties)]
    weights = sorted((rng.lognormvariate(0, 0.55) for _ in range(m)), reverse=True)
    total = sum(weights)
    spare = n_nodes - 42 * n_counties
    kommunen: list[Kommune] = []
    own_per_county = [max(1, math.ceil(sum(1 for i in range(m) if i % n_counties == c) / 4))
                      for c in range(n_counties)]
    seen: Counter[int] = Counter()
    for i, w in enumerate(weights):
        county = i % n_counties
        seen[county] += 1
        name = "Musterstadt" if m == 1 else f"Musterstadt {i + 1}"
        kommunen.append(Kommune(i, name, county, spare * w / total,
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
            k.districts.append(District(name, k.index, dw[j] / sum(dw), burden))
    return counties, kommunen


def district_table(kommunen: list[Kommune], rng: random.Random) -> tuple[pd.DataFrame, str]:
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

