"""The in-memory builder of a synthetic map.

Private to :mod:`netzkarte.datasets.synthetic`: :class:`Builder` collects nodes, edges and
memberships (with the plant tags that veto ties across a planted gap) before writing one
:class:`~netzkarte.model.NetworkMap`. It knows nothing of towns or committees; the modules
after it add those through its methods.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from netzkarte.datasets._synthetic_data import FIRST_NAMES, LAST_NAMES, PERSON_CAP
from netzkarte.model import MapMeta, NetworkMap
from netzkarte.vocab import EdgeKind, Level, MemberFunction, NodeType, Rank, Role, Sector, Strength

__all__ = ["Builder", "slug"]

# plant tags that never meet in a tie or committee: the two sides of a planted gap
_CLASH = {("kp_early", "kp_late"), ("kp_late", "kp_early"),
          ("sw_early", "sw_late"), ("sw_late", "sw_early")}


def slug(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-"})
    return "".join(c for c in text.lower().translate(table) if c.isalnum() or c == "-")


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

    def merge_tags(self, hub: str, node: str) -> None:
        """``hub`` (an offer or committee) takes on the plant tags of ``node``."""
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
            self.merge_tags(offer, actor)
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
        self.merge_tags(committee, member)
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

