"""NetworkMap: the typed Netzwerkkarte over an ``nx.MultiDiGraph``.

Nodes carry a ``type`` (:class:`~netzkarte.vocab.NodeType`) and the attributes of the
template (docs/vorlage.md); edges carry a ``kind`` (:class:`~netzkarte.vocab.EdgeKind`). The
allowed endpoints of each kind are enforced whenever something is added, so every map in
memory is well-typed. Extra columns of the user's workbook live in each node's or edge's
``extra`` dict and are written back on export.

Examples
--------
>>> from netzkarte import NetworkMap
>>> m = NetworkMap(municipality="Kindertal")
>>> m.add_node("JA", "office", name="Jugendamt", category="Jugendamt")
>>> m.add_node("SG", "committee", name="Steuerungsgruppe", committee_type="Steuerungsgruppe")
>>> _ = m.add_edge("JA", "SG", "member", function="Vorsitz")
>>> m.counts()["committee"], m.counts()["edges"]
(1, 1)
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from netzkarte.errors import EndpointError, UnknownNodeError, UnknownValueError
from netzkarte.schema import DISTRICT_BASE_COLUMNS, SHEETS, ValueKind, sheet
from netzkarte.text import count_noun
from netzkarte.vocab import (
    LIFE_PHASE_ORDER,
    EdgeKind,
    LifePhase,
    MemberFunction,
    NodeType,
    Strength,
    Term,
    endpoint_problem,
    fold,
)
from netzkarte.vocab.categories import BUILTIN, CategoryCatalogue, CategoryInfo, Recognition

__all__ = ["NODE_FIELDS", "MapMeta", "NetworkMap", "reporters"]

log = logging.getLogger(__name__)

NODE_FIELDS: dict[NodeType, tuple[str, ...]] = {
    sheet.node_type: tuple(c.attr for c in sheet.columns if c.attr != "id" and c.edge is None)
    for sheet in SHEETS if sheet.node_type is not None
}
"""Known attributes per node type, in template order (``extra`` holds the rest); derived
from the template's sheets (reference columns that create an edge are edges, not fields)."""

EDGE_FIELDS = ("function", "strength", "formal", "since", "note", "reported_by")
_MEMBER_FIELDS = frozenset(c.attr for c in sheet("Mitgliedschaften").columns) - {
    "source", "target"}
_TIE_FIELDS = frozenset(EDGE_FIELDS) - {"function"}

_ENUM_FIELDS: dict[str, type[Term]] = {
    c.attr: c.enum for s in SHEETS for c in s.columns
    if c.kind is ValueKind.ENUM and c.enum is not None and c.attr != "kind"}
_MULTI_ENUM_FIELDS: dict[str, type[Term]] = {
    c.attr: c.enum for s in SHEETS for c in s.columns
    if c.kind is ValueKind.MULTI_ENUM and c.enum is not None}


@dataclass
class MapMeta:
    """What the map describes: municipality, snapshot date, source file and more."""

    municipality: str = ""
    county: str = ""
    title: str = ""
    snapshot: date | None = None
    mission: str = ""  # Leitbild
    goals: tuple[str, ...] = ()  # strategische Ziele
    source: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _apply_defaults(data: dict[str, Any], node_type: NodeType, info: CategoryInfo | None
                    ) -> dict[str, Any] | None:
    """Fill empty sector, life phases and form from the recognised category; return what
    was filled (attribute → value), ``None`` when nothing was."""
    if info is None or info.node_type is not node_type:
        return None
    filled: dict[str, Any] = {}
    if "sector" not in data:
        data["sector"] = filled["sector"] = info.sector
    if info.life_phases and "life_phases" not in data:
        data["life_phases"] = filled["life_phases"] = info.life_phases
    if node_type is NodeType.ACTOR and info.form is not None and "form" not in data:
        data["form"] = filled["form"] = info.form
    return filled or None


def _coerce(key: str, value: Any) -> Any:
    """Turn user-level values (labels, lists) into the stored typed form."""
    if value is None:
        return None
    if key in _ENUM_FIELDS:
        enum = _ENUM_FIELDS[key]
        if type(value) is enum:  # already typed (importers): nothing to parse
            return value
        parsed = enum.parse(value)
        if parsed is None:
            raise UnknownValueError(f"Unbekannter Wert für {key}: {value!r}. "
                             f"Erlaubt: {', '.join(enum.labels())}.")
        return parsed
    if key in _MULTI_ENUM_FIELDS:
        enum = _MULTI_ENUM_FIELDS[key]
        items = [value] if isinstance(value, str) else list(value)
        out = []
        for item in items:
            parsed = enum.parse(item)
            if parsed is None:
                raise UnknownValueError(f"Unbekannter Wert für {key}: {item!r}.")
            if parsed not in out:
                out.append(parsed)
        if key == "life_phases":
            out.sort(key=lambda p: LIFE_PHASE_ORDER.index(LifePhase(p)))
        return tuple(out)
    if key == "topics":
        return (value,) if isinstance(value, str) else tuple(value)
    if key == "strength":
        if type(value) is Strength:
            return value
        parsed_strength = Strength.parse(value)
        if parsed_strength is None:
            raise UnknownValueError(f"Stärke muss 1 bis 4 sein, nicht {value!r}.")
        return parsed_strength
    return value


class NetworkMap:
    """A municipality's Netzwerkkarte: typed nodes, typed edges, districts, metadata.

    Parameters
    ----------
    municipality : str
        Name of the municipality or Kreis the map describes.
    meta : MapMeta, optional
        Full metadata; ``municipality`` overrides its field when given.

    Notes
    -----
    ``graph`` is an ``nx.MultiDiGraph``: several ties of different kinds can join the same
    pair. Symmetric kinds (cooperation, contract) are stored once, in the direction given.
    Use :meth:`collaboration_graph` and :meth:`committee_graph` for analyses.
    """

    def __init__(self, municipality: str = "", *, meta: MapMeta | None = None) -> None:
        self.graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        self.meta = meta or MapMeta()
        if municipality:
            self.meta.municipality = municipality
        self.districts: pd.DataFrame = pd.DataFrame(
            columns=[c.attr for c in DISTRICT_BASE_COLUMNS]).set_index("district")
        #: order of extra (unknown) columns per sheet, for a faithful export
        self.extra_columns: dict[str, list[str]] = {}
        #: built-in categories plus the Kommune's own (sheet *Kategorien*)
        self.categories: CategoryCatalogue = BUILTIN
        #: what sheet *Kategorien* says about an own category beyond its definition, by
        #: label: ``"note"`` (Bemerkung) and the extra columns by header
        self.category_extra: dict[str, dict[str, Any]] = {}
        #: node → the attributes its category's defaults filled in (sector, life phases,
        #: form) and their values; the analyses use them like typed values, the Excel
        #: export leaves these cells empty as the user did
        self.defaulted: dict[str, dict[str, Any]] = {}
        self._cache: dict[str, Any] = {}

    # --- building -------------------------------------------------------------------------

    def add_node(self, node_id: str, node_type: NodeType | str, *, name: str = "",
                 extra: Mapping[str, Any] | None = None, **attrs: Any) -> None:
        """Add (or update) a node of ``node_type``.

        Attribute values may be German labels or English codes; they are parsed with the
        vocabulary. Empty sector or life phases are filled from the category's defaults.

        Raises
        ------
        UnknownValueError
            For unknown attributes or values, or a node id already used by another type.
        """
        ntype = node_type if type(node_type) is NodeType else NodeType.parse(node_type)
        if ntype is None:
            raise UnknownValueError(f"Unbekannter Knotentyp {node_type!r}.")
        node_id = str(node_id)
        if node_id in self.graph and self.graph.nodes[node_id]["type"] is not ntype:
            raise UnknownValueError(f"Die ID {node_id!r} gehört schon zu einem Knoten vom Typ "
                             f"{self.graph.nodes[node_id]['type'].label}.")
        allowed = NODE_FIELDS[ntype]
        data: dict[str, Any] = {"type": ntype, "name": name or node_id}
        for key, value in attrs.items():
            if key not in allowed:
                raise UnknownValueError(f"{ntype.label} kennt kein Attribut {key!r}. "
                                 f"Bekannt: {', '.join(allowed)}.")
            coerced = _coerce(key, value)
            if coerced is not None and coerced != ():
                data[key] = coerced
        filled = _apply_defaults(data, ntype, self.categories.recognize(
            data.get("category"), name=name, node_type=ntype).info)
        if filled:
            self.defaulted[node_id] = filled
        else:
            self.defaulted.pop(node_id, None)
        data["extra"] = dict(extra or {})
        self.graph.add_node(node_id, **data)
        self._cache.clear()

    def add_edge(self, source: str, target: str, kind: EdgeKind | str, *,
                 extra: Mapping[str, Any] | None = None, **attrs: Any) -> int:
        """Add a typed edge and return its key.

        Raises
        ------
        UnknownNodeError
            If an endpoint is not in the map.
        EndpointError
            If the kind does not allow these node types (an offer as committee member,
            ``reports_to`` pointing at an offer …) or the edge is a self-loop.
        """
        ekind = kind if type(kind) is EdgeKind else EdgeKind.parse(kind)
        if ekind is None:
            raise UnknownValueError(f"Unbekannte Beziehungsart {kind!r}.")
        source, target = str(source), str(target)
        for node in (source, target):
            if node not in self.graph:
                raise UnknownNodeError(f"Knoten {node!r} ist nicht in der Karte.")
        if source == target:
            raise EndpointError(f"{ekind.label}: {source!r} kann nicht mit sich selbst "
                                "verbunden sein.")
        problem = self.endpoint_problem(source, target, ekind)
        if problem:
            raise EndpointError(f"{source} → {target}: {problem}")
        data: dict[str, Any] = {"kind": ekind}
        allowed = _MEMBER_FIELDS if ekind is EdgeKind.MEMBER else _TIE_FIELDS
        for key, value in attrs.items():
            if key not in allowed:
                raise UnknownValueError(f"{ekind.label} kennt kein Attribut {key!r}. "
                                 f"Bekannt: {', '.join(sorted(allowed))}.")
            coerced = _coerce(key, value)
            if coerced is not None:
                data[key] = coerced
        if ekind is EdgeKind.MEMBER:
            data.setdefault("function", MemberFunction.MEMBER)
        data["extra"] = dict(extra or {})
        edge_key = self._insert_edge(source, target, data)
        self._cache.clear()
        return edge_key

    def _add_typed_node(self, node_id: str, node_type: NodeType, data: dict[str, Any]) -> None:
        """Insert a node whose attributes an importer has already parsed and checked.

        ``data`` holds ``name``, the typed attributes exactly as :meth:`add_node` stores them
        (enum members, sorted tuples) and ``extra``. Category defaults are applied as in
        :meth:`add_node`; nothing is parsed again (the importer's fast path).
        """
        data["type"] = node_type
        filled = _apply_defaults(data, node_type, self.categories.recognize(
            data.get("category"), name=data.get("name"), node_type=node_type).info)
        if filled:
            self.defaulted[node_id] = filled
        elif self.defaulted:
            self.defaulted.pop(node_id, None)
        g: Any = self.graph
        if node_id in g._node or g.node_attr_dict_factory is not dict:  # pragma: no cover
            g.add_node(node_id, **data)
        else:  # what nx.DiGraph.add_node does for a new node, without copying ``data``
            g._succ[node_id] = g.adjlist_inner_dict_factory()
            g._pred[node_id] = g.adjlist_inner_dict_factory()
            g._node[node_id] = data
            nx._clear_cache(g)
        self._cache.clear()

    def _add_typed_edge(self, source: str, target: str, data: dict[str, Any]) -> int:
        """Insert an edge an importer has already checked (endpoints, types, self-loop).

        ``data`` holds ``kind`` (an :class:`EdgeKind`), typed attributes and ``extra``.
        """
        if data["kind"] is EdgeKind.MEMBER and "function" not in data:
            data["function"] = MemberFunction.MEMBER
        g: Any = self.graph
        succ = g._succ[source]
        if target in succ or g.edge_attr_dict_factory is not dict:
            edge_key = self._insert_edge(source, target, data)
        else:  # the first edge of a pair, the common case, inlined
            keydict = succ[target] = g.edge_key_dict_factory()
            g._pred[target][source] = keydict
            keydict[0] = data
            edge_key = 0
            nx._clear_cache(g)
        self._cache.clear()
        return edge_key

    def _insert_edge(self, source: str, target: str, data: dict[str, Any]) -> int:
        """``graph.add_edge(source, target, **data)`` for two existing nodes, minus overhead.

        Same result and key as networkx's ``MultiDiGraph.add_edge`` (the next free integer
        key per pair), written against its adjacency dicts because importers add tens of
        thousands of edges and the generic method spends most of its time on checks that
        :meth:`add_edge` has already made.
        """
        g: Any = self.graph
        succ = g._succ[source]
        keydict: dict[int, Any] | None = succ.get(target)
        if keydict is None:
            keydict = g.edge_key_dict_factory()
            succ[target] = keydict
            g._pred[target][source] = keydict
        key = len(keydict)
        while key in keydict:
            key += 1
        if g.edge_attr_dict_factory is dict:
            keydict[key] = data  # the caller hands over a fresh dict
        else:  # pragma: no cover - a graph subclass with its own attribute dicts
            datadict = g.edge_attr_dict_factory()
            datadict.update(data)
            keydict[key] = datadict
        nx._clear_cache(g)
        return key

    def endpoint_problem(self, source: str, target: str, kind: EdgeKind) -> str | None:
        """German reason why ``kind`` may not join these two nodes, else ``None``."""
        s, t = self.graph.nodes[source], self.graph.nodes[target]
        return endpoint_problem(kind, s["type"], t["type"], s.get("form"), t.get("form"))

    def remove_node(self, node_id: str) -> None:
        """Remove a node and all its edges."""
        if node_id not in self.graph:
            raise UnknownNodeError(f"Knoten {node_id!r} ist nicht in der Karte.")
        self.graph.remove_node(node_id)
        self.defaulted.pop(node_id, None)
        self._cache.clear()

    def set_districts(self, table: pd.DataFrame) -> None:
        """Set the district table (index: district name; population, children, indicators)."""
        self.districts = table
        self._cache.clear()

    # --- reading --------------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.graph.number_of_nodes())

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.graph

    def __iter__(self) -> Iterator[str]:
        return iter(self.graph)

    def __repr__(self) -> str:
        c = self.counts()
        parts = ", ".join(count_noun(c[key], one, many) for key, one, many in (
            ("actor", "Akteur", "Akteure"), ("office", "Amt", "Ämter"),
            ("committee", "Gremium", "Gremien"), ("offer", "Angebot", "Angebote"),
            ("edges", "Beziehung", "Beziehungen")))
        return f"<NetworkMap {self.meta.municipality or '?'}: {parts}>"

    def node(self, node_id: str) -> dict[str, Any]:
        """The attribute dict of one node (live view: do not mutate)."""
        try:
            return dict(self.graph.nodes[node_id])
        except KeyError:
            raise UnknownNodeError(f"Knoten {node_id!r} ist nicht in der Karte.") from None

    def node_type(self, node_id: str) -> NodeType:
        """Type of one node."""
        return self.node(node_id)["type"]  # type: ignore[no-any-return]

    def name(self, node_id: str) -> str:
        """Display name of one node."""
        return str(self.graph.nodes[node_id].get("name") or node_id)


    def classify(self, node_id: str) -> Recognition:
        """How the node's category is read: built-in or own category, guessed, or unknown.

        The name is the second hint when the category is empty or unknown; an ambiguous
        category (``"Beratungsstelle"``) is unknown for the analyses.

        >>> m = NetworkMap()
        >>> m.add_node("S", "actor", name="Gesamtschule am Park")
        >>> m.classify("S").label
        'Gesamtschule'
        """
        data = self.graph.nodes[node_id]
        return self.categories.recognize(data.get("category"), name=data.get("name"),
                                         node_type=data["type"])

    def set_categories(self, custom: Iterable[CategoryInfo]) -> None:
        """Use the Kommune's own categories (they win over built-in ones of the same name).

        Call it before nodes are added: category defaults (sector, life phases) are filled
        in when a node is added.
        """
        self.categories = CategoryCatalogue(custom)
        self._cache.clear()
    def node_ids(self, node_type: NodeType | str | None = None) -> list[str]:
        """Ids of all nodes, or of one type, in insertion order."""
        if node_type is None:
            return list(self.graph)
        ntype = NodeType.parse(node_type)
        return [n for n, d in self.graph.nodes(data=True) if d["type"] is ntype]

    def iter_edges(self, kind: EdgeKind | str | None = None
                   ) -> Iterator[tuple[str, str, int, dict[str, Any]]]:
        """``(source, target, key, data)`` for every edge, or every edge of one kind."""
        ekind = EdgeKind.parse(kind) if kind is not None else None
        for u, v, k, d in self.graph.edges(keys=True, data=True):
            if ekind is None or d["kind"] is ekind:
                yield u, v, k, d

    def counts(self) -> dict[str, int]:
        """Nodes per type and the number of edges (keys as in ``pruefen --json``)."""
        # the node and adjacency dicts directly: the views iterate in Python, and
        # number_of_edges() sums the degree of every node through them, which costs more
        # than reading a Kreis-scale workbook's edges
        nodes: dict[str, dict[str, Any]] = self.graph._node  # type: ignore[attr-defined]
        by_type = Counter(map(itemgetter("type"), nodes.values()))
        out = {t.value: by_type.get(t, 0) for t in NodeType}
        succ: dict[str, dict[str, dict[int, Any]]] = self.graph._succ  # type: ignore[attr-defined]
        out["edges"] = sum(sum(map(len, nbrs.values())) for nbrs in succ.values())
        return out

    def edge_counts(self) -> dict[str, int]:
        """Edges per kind."""
        by_kind = Counter(d["kind"] for _, _, d in self.graph.edges(data=True))
        return {k.value: by_kind.get(k, 0) for k in EdgeKind}

    def nodes(self, node_type: NodeType | str | None = None) -> pd.DataFrame:
        """One row per node (index ``id``); columns are the type's attributes.

        Multi-values are tuples, enums are their English codes; ``extra`` attributes become
        columns after the known ones.
        """
        ntype = NodeType.parse(node_type) if node_type is not None else None
        fields = NODE_FIELDS[ntype] if ntype else ("name", *sorted(
            {f for fs in NODE_FIELDS.values() for f in fs} - {"name"}))
        rows: list[dict[str, Any]] = []
        extras: dict[str, None] = {}
        for nid, data in self.graph.nodes(data=True):
            if ntype is not None and data["type"] is not ntype:
                continue
            row: dict[str, Any] = {"id": nid, "type": data["type"].value}
            for f in fields:
                value = data.get(f)
                row[f] = value.value if isinstance(value, Term) else value
                if isinstance(value, tuple):
                    row[f] = tuple(v.value if isinstance(v, Term) else v for v in value)
            for k, v in data.get("extra", {}).items():
                extras[k] = None
                row[k] = v
            rows.append(row)
        columns = ["id", "type", *fields, *extras]
        return pd.DataFrame(rows, columns=columns).set_index("id")

    @property
    def actors(self) -> pd.DataFrame:
        """Actors (Akteure) as a DataFrame."""
        return self.nodes(NodeType.ACTOR)

    @property
    def offices(self) -> pd.DataFrame:
        """Offices (Ämter) as a DataFrame."""
        return self.nodes(NodeType.OFFICE)

    @property
    def committees(self) -> pd.DataFrame:
        """Committees (Gremien) as a DataFrame."""
        return self.nodes(NodeType.COMMITTEE)

    @property
    def offers(self) -> pd.DataFrame:
        """Offers (Angebote) as a DataFrame."""
        return self.nodes(NodeType.OFFER)

    def edges(self, kind: EdgeKind | str | None = None) -> pd.DataFrame:
        """One row per edge: source, target, kind and the edge attributes."""
        rows: list[dict[str, Any]] = []
        extras: dict[str, None] = {}
        for u, v, k, d in self.iter_edges(kind):
            row: dict[str, Any] = {"source": u, "target": v, "key": k, "kind": d["kind"].value}
            for f in EDGE_FIELDS:
                value = d.get(f)
                row[f] = value.value if isinstance(value, Term | Strength) else value
            for name, value in d.get("extra", {}).items():
                extras[name] = None
                row[name] = value
            rows.append(row)
        return pd.DataFrame(rows, columns=["source", "target", "key", "kind", *EDGE_FIELDS,
                                           *extras])

    # --- neighbourhoods -------------------------------------------------------------------

    def members(self, committee: str) -> list[str]:
        """Ids of a committee's members, in insertion order."""
        return [u for u, _, d in self.graph.in_edges(committee, data=True)
                if d["kind"] is EdgeKind.MEMBER]

    def memberships(self, node_id: str) -> list[str]:
        """Ids of the committees a node sits on."""
        return [v for _, v, d in self.graph.out_edges(node_id, data=True)
                if d["kind"] is EdgeKind.MEMBER]

    def organisation(self, node_id: str) -> str | None:
        """The organisation or office a person/facility belongs to (first ``belongs_to``)."""
        for _, v, d in self.graph.out_edges(node_id, data=True):
            if d["kind"] is EdgeKind.BELONGS_TO:
                return str(v)
        return None

    # --- projections ----------------------------------------------------------------------

    def collaboration_graph(self, *, comembership: bool = True) -> nx.Graph[str]:
        """Actor–actor projection (actors and offices) as an undirected weighted graph.

        Two actors are joined when they cooperate, have a contract, refer to each other,
        one belongs to or funds the other, or (with ``comembership``) they sit on a committee
        together (a committee's Federführung counts as sitting on it). Edge attributes:
        ``weight`` (number of such links), ``committees`` (the shared committees), ``kinds``
        (direct tie kinds).

        Notes
        -----
        Co-membership makes a clique of each committee: O(sum of squared committee sizes).
        The result is cached until the map changes; treat it as read-only.
        """
        key = f"collab:{comembership}"
        if key in self._cache:
            return self._cache[key]  # type: ignore[no-any-return]
        g: nx.Graph[str] = nx.Graph()
        # written against the adjacency dicts (what nx.Graph.add_edge does, without its
        # checks): a Land map has hundreds of thousands of co-memberships
        adj: dict[str, dict[str, dict[str, Any]]] = g._adj  # type: ignore[attr-defined]
        attrs: dict[str, dict[str, Any]] = g._node  # type: ignore[attr-defined]
        source: Any = self.graph
        for nid, data in source._node.items():
            if data["type"] in (NodeType.ACTOR, NodeType.OFFICE):
                adj[nid], attrs[nid] = {}, {}
        direct = (EdgeKind.COOPERATION, EdgeKind.CONTRACT, EdgeKind.REFERRAL,
                  EdgeKind.BELONGS_TO, EdgeKind.FUNDS)
        for u, row in source._succ.items():
            if u not in adj:
                continue
            for v, keydict in row.items():
                if v not in adj:
                    continue
                for data in keydict.values():
                    d = data["kind"]
                    if d not in direct:
                        continue
                    tie = adj[u].get(v)
                    if tie is not None:
                        tie["weight"] += 1
                        tie["kinds"].add(d)
                    else:
                        adj[u][v] = adj[v][u] = {"weight": 1, "kinds": {d}, "committees": []}
        if comembership:
            for committee in self.node_ids(NodeType.COMMITTEE):
                seated = set(self.members(committee))
                lead = source._node[committee].get("lead")
                if seated and isinstance(lead, str) and lead in adj:
                    seated.add(lead)  # the Federführung runs the committee: it meets them
                for u, v in combinations(sorted(seated), 2):
                    for x in (u, v):
                        if x not in adj:
                            adj[x], attrs[x] = {}, {}
                    tie = adj[u].get(v)
                    if tie is not None:
                        tie["weight"] += 1
                        tie["committees"].append(committee)
                    else:
                        adj[u][v] = adj[v][u] = {"weight": 1, "kinds": set(),
                                                 "committees": [committee]}
        nx._clear_cache(g)
        self._cache[key] = g
        return g

    def committee_graph(self) -> nx.Graph[str]:
        """Committee–committee projection through shared members.

        Edge attributes: ``shared`` (member ids), ``weight`` (their number) and ``jaccard``
        (shared / union of the two member sets).
        """
        if "committees" in self._cache:
            return self._cache["committees"]  # type: ignore[no-any-return]
        g: nx.Graph[str] = nx.Graph()
        members: dict[str, set[str]] = {}
        by_member: defaultdict[str, list[str]] = defaultdict(list)
        for committee in self.node_ids(NodeType.COMMITTEE):
            g.add_node(committee)
            members[committee] = set(self.members(committee))
            for m in members[committee]:
                by_member[m].append(committee)
        pairs: set[tuple[str, str]] = set()
        for committees in by_member.values():
            pairs.update(combinations(sorted(committees), 2))
        for a, b in sorted(pairs):
            shared = members[a] & members[b]
            g.add_edge(a, b, shared=sorted(shared), weight=len(shared),
                       jaccard=len(shared) / len(members[a] | members[b]))
        self._cache["committees"] = g
        return g

    # --- conveniences ---------------------------------------------------------------------

    def subgraph(self, node_ids: Iterable[str]) -> NetworkMap:
        """A new map with only these nodes and the edges among them.

        Nodes and edges keep the map's order; every node and edge gets its own attribute
        dict (and its own ``extra``). Linear in the kept nodes and their adjacency.
        """
        keep = set(node_ids)
        out = NetworkMap(meta=self.meta)
        out.graph = self._induced(keep)
        out.districts = self.districts.copy()
        out.extra_columns = {k: list(v) for k, v in self.extra_columns.items()}
        out.categories = self.categories
        out.category_extra = {k: dict(v) for k, v in self.category_extra.items()}
        out.defaulted = {n: filled for n in out.graph if (filled := self.defaulted.get(n))}
        return out

    def _induced(self, keep: set[str]) -> nx.MultiDiGraph[str]:
        """The graph induced by ``keep``, written against networkx's adjacency dicts.

        Same result as ``graph.subgraph(keep).copy()`` with fresh ``extra`` dicts, but in
        map order and without the filtered views, which cost a lookup per neighbour of
        every kept node on each call (splitting a Land map into 150 Kommunen spent most
        of its time there).
        """
        g: Any = self.graph
        out: Any = nx.MultiDiGraph()
        out.graph.update(g.graph)
        nodes, succ, pred = out._node, out._succ, out._pred
        order = [n for n in g._node if n in keep] if 2 * len(keep) > len(g._node) else \
            sorted((n for n in keep if n in g._node), key=self._position().__getitem__)
        for n in order:
            data = dict(g._node[n])
            data["extra"] = dict(data.get("extra", {}))
            nodes[n], succ[n], pred[n] = data, {}, {}
        for u in order:
            row = succ[u]
            for v, keydict in g._succ[u].items():
                if v in nodes:
                    copied = {k: {**d, "extra": dict(d.get("extra", {}))}
                              for k, d in keydict.items()}
                    row[v] = copied
                    pred[v][u] = copied
        return out  # type: ignore[no-any-return]

    def _position(self) -> dict[str, int]:
        """Node → its index in map order (cached until the map changes)."""
        cached = self._cache.get("position")
        if not isinstance(cached, dict):
            cached = {n: i for i, n in enumerate(self.graph)}
            self._cache["position"] = cached
        return cached

    def copy(self) -> NetworkMap:
        """A deep enough copy: graph, districts, metadata and extra-column order."""
        out = self.subgraph(self.graph.nodes)
        out.meta = MapMeta(**{**self.meta.__dict__, "extra": dict(self.meta.extra)})
        return out

    # --- display --------------------------------------------------------------------------

    def to_html(self, path: str | os.PathLike[str] | None = None, **options: Any
                ) -> str | Path:
        """The interactive map: written to ``path`` (returns the path) or as an HTML string.

        Options are those of :func:`netzkarte.render.html_map.render_map` (``layout``,
        ``anonymous``, ``with_contacts``, ``findings``, ``title``, ``cluster``, ``size_by``).
        The Stadtplan without findings outlines the coverage gaps the analysis finds.
        """
        from netzkarte import _with_coverage_gaps
        from netzkarte.render import html_map

        options = _with_coverage_gaps(self, options.get("findings"), options)
        if path is None:
            return html_map.render_map(self, **options)
        return html_map.write_map(self, path, **options)

    def _repr_html_(self) -> str:
        """Inline display in Jupyter: summary and the map in an ``<iframe srcdoc>``."""
        from netzkarte.render import html_map

        return html_map.notebook_html(self)


_REPORTER_SPLIT = re.compile(r"[;,|/\n]+")
_BOTH = {fold(w) for w in ("beide", "beidseitig", "both", "gegenseitig")}


def reporters(m: NetworkMap, value: object, u: str, v: str) -> set[str]:
    """Which endpoints of ``u–v`` a ``reported_by`` value names (by id or name).

    ``"beide"`` / ``"both"`` names both; names of third parties are ignored. The map shows
    who named a one-sided tie, the isolation analysis judges it.

    >>> m = NetworkMap()
    >>> m.add_node("A", "actor", name="Kita A"); m.add_node("B", "actor", name="Schule B")
    >>> sorted(reporters(m, "kita a; B", "A", "B")), reporters(m, "Jugendamt", "A", "B")
    (['A', 'B'], set())
    """
    if value is None:
        return set()
    keys = {fold(part) for part in _REPORTER_SPLIT.split(str(value)) if part.strip()}
    if keys & _BOTH:
        return {u, v}
    return {n for n in (u, v) if fold(n) in keys or fold(m.name(n)) in keys}
