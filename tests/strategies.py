"""Hypothesis strategies for random but valid NetworkMaps, and a map comparison helper.

``network_maps()`` builds maps through the public API (``add_node``/``add_edge``), so every
map obeys ``vocab.EDGE_RULES`` and ``endpoint_problem``. It covers all node types, every
edge kind, random enums and multi-values, unicode names with umlauts, quotes and markup,
dates, extra columns, raw text of unknown enum values, districts with indicators, the
Kommune's own categories (sheet *Kategorien*, used by some nodes) and the map metadata.

No map has a circle of *Übergeordnet* or *Berichtet an* (an import error in every
format). ``network_maps(excel=True)`` restricts the maps to what the Excel template can
hold (the I/O conventions): no node attributes a sheet has no column for, no parallel
duplicate edges, no extra values of types a cell cannot keep (dates in extra columns), no
``meta.extra``.

``assert_maps_equal(a, b)`` compares nodes with typed attributes, edges as multisets,
districts by value, own categories with their notes, metadata (without ``source``) and the
extra-column order.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from datetime import date, datetime
from typing import Any

import pandas as pd
from hypothesis import strategies as st

from netzkarte import NetworkMap
from netzkarte.model import NODE_FIELDS
from netzkarte.schema import CATEGORY_NODE_TYPES, CATEGORY_SHEET, NODE_SHEETS, SHEETS
from netzkarte.vocab import (
    CATEGORIES,
    EDGE_RULES,
    LIFE_PHASE_ORDER,
    ActorForm,
    CategoryInfo,
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
    Term,
    Tier,
    category_info,
    fold,
)

__all__ = ["assert_maps_equal", "map_differences", "network_maps", "texts"]

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüÄÖÜß"
_ALPHABET = _LETTERS + "0123456789 .,-()/&'\"„“<>!?é"
TRICKY_NAMES = (
    "Kita „Sonnenschein“", 'Träger "Weiße Rose" e. V.', "O'Brien & Söhne GmbH",
    "<img src=x onerror=alert(1)>", "Grundschule Am Bärenbrunnen", "ÄÖÜ äöü ß",
    "Familienzentrum Süd-Ost (AWO)", "Schule & Beruf <Übergang>",
)
_EXTRA_HEADERS = ("Träger-Nr.", "Öffnungszeiten", "Interne Notiz", "Förderprogramm",
                  "Ansprechperson Ü")
_INDICATORS = ("SGB-II-Quote Kinder", "Anteil BuT", "Befunde Schuleingangsuntersuchung")
_KNOWN_HEADERS = {fold(h) for s in SHEETS for h in s.headers}
assert not {fold(h) for h in _EXTRA_HEADERS + _INDICATORS} & _KNOWN_HEADERS
# Non-strict enum columns whose unknown values are kept as raw text in extra[header].
_LENIENT = {"form": ActorForm, "level": Level, "rank": Rank, "committee_type": CommitteeType,
            "network_kind": NetworkKind, "status": OfferStatus}


def _clean(text: str) -> str:
    return " ".join(text.split())


@functools.cache
def texts(max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-empty single-line texts starting with a letter (umlauts, quotes, markup)."""
    generated = st.tuples(st.sampled_from(_LETTERS), st.text(_ALPHABET, max_size=max_size)
                          ).map(lambda t: _clean(t[0] + t[1]))
    return st.one_of(generated, st.sampled_from(TRICKY_NAMES))


def _words() -> st.SearchStrategy[str]:
    """Short texts for multi-value items (no separators)."""
    return st.text(_LETTERS, min_size=1, max_size=10)


def _dates() -> st.SearchStrategy[date]:
    return st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))


def _subset(enum: type[Term]) -> st.SearchStrategy[list[Any]]:
    return st.lists(st.sampled_from(list(enum)), min_size=1, max_size=3, unique=True)


def _categories(node_type: NodeType) -> st.SearchStrategy[str]:
    known = [c.label for c in CATEGORIES if c.node_type is node_type]
    return st.one_of(st.sampled_from(known), texts(12))


def _coordinate(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False).map(lambda x: round(x, 6))


def _extra_values(excel: bool) -> st.SearchStrategy[Any]:
    base: list[st.SearchStrategy[Any]] = [texts(12), st.integers(-1000, 100000)]
    if not excel:
        base += [_dates(), st.floats(-1e6, 1e6, allow_nan=False), st.booleans()]
    return st.one_of(*base)


# Strategies that do not depend on the map being built (built once: drawing is then cheap).
_ATTR_MAKERS: dict[str, st.SearchStrategy[Any]] = {
    "form": st.sampled_from(list(ActorForm)),
    "sector": st.sampled_from(list(Sector)),
    "level": st.sampled_from(list(Level)),
    "municipality": texts(12),
    "life_phases": _subset(LifePhase),
    "roles": _subset(Role),
    "rank": st.sampled_from(list(Rank)),
    "lat": _coordinate(47.0, 55.0),
    "lon": _coordinate(6.0, 15.0),
    "contact": st.sampled_from(["kita@example.org", "Tel. 0201 12 34-5", "Frau Öz"]),
    "note": texts(),
    "committee_type": st.sampled_from(list(CommitteeType)),
    "tier": st.sampled_from(list(Tier)),
    "topics": st.lists(_words(), min_size=1, max_size=3, unique=True),
    "meetings_per_year": st.integers(1, 52).map(float),
    "legitimated": st.booleans(),
    "network_kind": st.sampled_from(list(NetworkKind)),
    "target_group": texts(16),
    "outreach": st.booleans(),
    "status": st.sampled_from(list(OfferStatus)),
    "capacity": st.integers(0, 5000),
}
_CATEGORY_MAKERS = {t: _categories(t) for t in NodeType}
_IDS = st.tuples(st.sampled_from(_LETTERS),
                 st.text(_LETTERS + "0123456789-_", max_size=6)).map("".join)
_EXTRA_VALUES = {excel: _extra_values(excel) for excel in (False, True)}


@st.composite
def _own_categories(draw: st.DrawFn) -> list[CategoryInfo]:
    """Own categories as sheet *Kategorien* reads them back: no built-in spelling reused,
    every spelling unique, life phases in order. A prefix keeps short texts from reading as
    "keine Angabe" (``k. A.``, ``n. b.``)."""
    spellings = st.lists(texts(14).map(lambda t: f"Eigene {t}").filter(
        lambda t: category_info(t) is None), min_size=1, max_size=3, unique_by=fold)
    groups = draw(st.lists(spellings, max_size=3))
    out: list[CategoryInfo] = []
    seen: set[str] = set()
    for group in groups:
        group = [g for g in group if fold(g) not in seen]
        if not group:
            continue
        seen.update(fold(g) for g in group)
        ntype = draw(st.sampled_from(CATEGORY_NODE_TYPES))
        phases = draw(st.lists(st.sampled_from(list(LifePhase)), max_size=3, unique=True))
        form = draw(st.one_of(st.none(), st.sampled_from(list(ActorForm)))) if (
            ntype is NodeType.ACTOR) else None
        out.append(CategoryInfo(
            group[0], ntype, draw(st.sampled_from(list(Sector))),
            tuple(sorted(phases, key=LIFE_PHASE_ORDER.index)), form, tuple(group[1:]),
            town_wide=draw(st.booleans()), custom=True))
    return out


@st.composite
def _node_attrs(draw: st.DrawFn, node_type: NodeType, *, excel: bool, districts: list[str],
                ao_ids: list[str], actor_ids: list[str],
                own: tuple[str, ...] = ()) -> dict[str, Any]:
    """Random attributes for one node of ``node_type`` (refs point at earlier nodes)."""
    fields = set(NODE_FIELDS[node_type])
    if excel:
        fields &= {c.attr for c in NODE_SHEETS[node_type].columns}
    attrs: dict[str, Any] = {}
    for key in sorted(fields - {"name"}):
        if not draw(st.booleans()):
            continue
        if key == "category":
            attrs[key] = draw(st.sampled_from(own) if own and draw(st.booleans())
                              else _CATEGORY_MAKERS[node_type])
        elif key == "district":
            use_table = bool(districts) and draw(st.booleans())
            # a free name must not be a case variant of a table name: the importer maps
            # "nord" to the table's "Nord" (with a warning), which is not a round trip
            taken = {d.casefold() for d in districts}
            attrs[key] = draw(st.sampled_from(districts)) if use_table else draw(
                texts(10).filter(lambda t, taken=taken: t.casefold() not in taken))
        elif key == "lead" and ao_ids:
            attrs[key] = draw(st.sampled_from(ao_ids))
        elif key == "venue" and actor_ids:
            attrs[key] = draw(st.sampled_from(actor_ids))
        elif key in _ATTR_MAKERS:
            attrs[key] = draw(_ATTR_MAKERS[key])
    return attrs


@st.composite
def network_maps(draw: st.DrawFn, *, excel: bool = False, max_nodes: int = 5,
                 max_edges: int = 14) -> NetworkMap:
    """A random valid NetworkMap.

    Parameters
    ----------
    excel : bool
        Only what the Excel template can represent (see module docstring).
    max_nodes : int
        Upper bound of nodes *per type*.
    max_edges : int
        Upper bound of edge attempts (invalid endpoint pairs are skipped).
    """
    meta_municipality = draw(texts(12))
    m = NetworkMap(meta_municipality)
    m.meta.county = draw(st.one_of(st.just(""), texts(12)))
    m.meta.title = draw(st.one_of(st.just(""), texts()))
    m.meta.snapshot = draw(st.one_of(st.none(), _dates()))
    m.meta.mission = draw(st.one_of(st.just(""), texts(40)))
    m.meta.goals = tuple(draw(st.lists(texts(16), max_size=3, unique=True)))
    if not excel:
        m.meta.extra = draw(st.dictionaries(_words(), _words(), max_size=2))

    # districts first: nodes may name them
    names = draw(st.lists(texts(14), max_size=3, unique_by=fold))
    indicators = draw(st.lists(st.sampled_from(_INDICATORS), max_size=2, unique=True))
    if names:
        rows = []
        for name in names:
            row: dict[str, Any] = {"district": name, "municipality": meta_municipality,
                                   "population": draw(st.integers(0, 200000)),
                                   "children": draw(st.integers(0, 40000))}
            for ind in indicators:
                row[ind] = draw(st.one_of(st.just(math.nan),
                                          st.floats(0, 100).map(lambda x: round(x, 3))))
            rows.append(row)
        table = pd.DataFrame(rows, columns=["district", "municipality", "population",
                                            "children", *indicators]).set_index("district")
        m.set_districts(table)

    extra_columns = {s.name: draw(st.lists(st.sampled_from(_EXTRA_HEADERS), max_size=2,
                                           unique=True))
                     for s in SHEETS if s.name != "Sozialräume"}
    # own categories before the nodes: their defaults are filled in when a node is added
    own = draw(_own_categories())
    m.set_categories(own)
    for info in own:
        kept: dict[str, Any] = {h: draw(_EXTRA_VALUES[excel])
                                for h in extra_columns[CATEGORY_SHEET.name] if draw(st.booleans())}
        if draw(st.booleans()):
            kept["note"] = f"Notiz {draw(texts())}"
        if kept:
            m.category_extra[info.label] = kept
    own_labels = {t: tuple(c.label for c in own if c.node_type is t) for t in NodeType}
    used_ids: set[str] = set()
    for ntype in (NodeType.OFFICE, NodeType.ACTOR, NodeType.COMMITTEE, NodeType.OFFER):
        sheet = NODE_SHEETS[ntype]
        for _ in range(draw(st.integers(0, max_nodes))):
            nid = draw(_IDS.filter(lambda x: fold(x) not in used_ids))
            used_ids.add(fold(nid))
            attrs = draw(_node_attrs(ntype, excel=excel, districts=names,
                                     ao_ids=m.node_ids("actor") + m.node_ids("office"),
                                     actor_ids=m.node_ids("actor"), own=own_labels[ntype]))
            extra = {h: draw(_EXTRA_VALUES[excel]) for h in extra_columns[sheet.name]
                     if draw(st.booleans())}
            m.add_node(nid, ntype, name=draw(texts()), extra=extra, **attrs)
            data = m.graph.nodes[nid]
            # raw text of an unknown value in a lenient enum column (kept in extra[header])
            if draw(st.integers(0, 4)) == 0 and "category" not in data:
                lenient = [c for c in sheet.columns if c.attr in _LENIENT
                           and c.attr not in data]
                if lenient:
                    col = draw(st.sampled_from(lenient))
                    data["extra"][col.header] = draw(
                        st.sampled_from(["Bundesebene XY", "Sonstiges Qq", "unbekannt ZZ"]))
    m.extra_columns = {k: v for k, v in extra_columns.items() if v}

    nodes = list(m.graph)
    ao = m.node_ids("actor") + m.node_ids("office")
    seen: set[tuple[str, str, EdgeKind]] = set()
    if len(nodes) >= 2:
        for _ in range(draw(st.integers(0, max_edges))):
            kind = draw(st.sampled_from(list(EdgeKind)))
            rule = EDGE_RULES[kind]
            sources = [n for n in nodes if m.graph.nodes[n]["type"] in rule.sources]
            targets = [n for n in nodes if m.graph.nodes[n]["type"] in rule.targets]
            if not sources or not targets:
                continue
            u, v = draw(st.sampled_from(sources)), draw(st.sampled_from(targets))
            if u == v or m.endpoint_problem(u, v, kind):
                continue
            if kind in _HIERARCHIES and _reaches(m, v, u, kind):
                continue  # a circle of Übergeordnet/Berichtet an is an import error
            if excel:
                pair = {(u, v, kind)} | ({(v, u, kind)} if not EDGE_RULES[kind].directed
                                          else set())
                if pair & seen:
                    continue
                seen |= pair
            attrs = draw(_edge_attrs(kind, ao_ids=ao))
            sheet_name = "Mitgliedschaften" if kind is EdgeKind.MEMBER else "Beziehungen"
            extra = {h: draw(_EXTRA_VALUES[excel]) for h in extra_columns[sheet_name]
                     if draw(st.booleans())}
            m.add_edge(u, v, kind, extra=extra, **attrs)
    return m


_HIERARCHIES = (EdgeKind.BELONGS_TO, EdgeKind.REPORTS_TO)


def _reaches(m: NetworkMap, start: str, goal: str, kind: EdgeKind) -> bool:
    """Does a path of ``kind`` edges lead from ``start`` to ``goal``?"""
    todo, seen = [start], {start}
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for _, nxt, k in m.graph.out_edges(node, data="kind"):
            if k is kind and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


@st.composite
def _edge_attrs(draw: st.DrawFn, kind: EdgeKind, *, ao_ids: list[str]) -> dict[str, Any]:
    makers: dict[str, st.SearchStrategy[Any]] = {
        "function": st.sampled_from(list(MemberFunction)),
        "strength": st.sampled_from(list(Strength)),
        "formal": st.booleans(),
        "since": _dates(),
        "note": texts(),
    }
    if ao_ids:
        makers["reported_by"] = st.sampled_from(ao_ids)
    # the model allows function only on memberships, strength/formal/reported_by on ties
    allowed = ({"function", "since", "note"} if kind is EdgeKind.MEMBER
               else set(makers) - {"function"})
    return {k: draw(makers[k]) for k in sorted(allowed) if draw(st.booleans())}


# --- comparison ---------------------------------------------------------------------------


def _canon(value: Any) -> Any:
    """A comparable form that keeps the type family (enum vs text, date vs datetime)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, str | date):
        value = value.item()
    if isinstance(value, Term):
        return (type(value).__name__, value.value)
    if isinstance(value, Strength):
        return ("Strength", int(value))
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return None if isinstance(value, float) and math.isnan(value) else ("num",
                                                                           float(value))
    if isinstance(value, datetime):
        return ("datetime", value.isoformat())
    if isinstance(value, date):
        return ("date", value.isoformat())
    if isinstance(value, tuple | list):
        return ("seq", tuple(_canon(v) for v in value)) if value else None
    if isinstance(value, dict):
        return ("dict", tuple(sorted((k, _canon(v)) for k, v in value.items()
                                     if _canon(v) is not None)))
    return ("str", str(value))


def _canon_data(data: dict[str, Any]) -> dict[str, Any]:
    return {k: c for k, v in data.items() if (c := _canon(v)) is not None}


def map_differences(a: NetworkMap, b: NetworkMap, *, limit: int = 12) -> list[str]:
    """Human-readable differences between two maps (empty when they are equal)."""
    out: list[str] = []
    if set(a.graph) != set(b.graph):
        out.append(f"nodes only in a: {sorted(set(a.graph) - set(b.graph))}, "
                   f"only in b: {sorted(set(b.graph) - set(a.graph))}")
    for nid in a.graph:
        if nid in b.graph:
            da, db = _canon_data(a.graph.nodes[nid]), _canon_data(b.graph.nodes[nid])
            if da != db:
                keys = sorted(k for k in set(da) | set(db) if da.get(k) != db.get(k))
                out.append(f"node {nid!r}: " + "; ".join(
                    f"{k}: {da.get(k)!r} != {db.get(k)!r}" for k in keys))
    ea = Counter((u, v, repr(sorted(_canon_data(d).items())))
                 for u, v, d in a.graph.edges(data=True))
    eb = Counter((u, v, repr(sorted(_canon_data(d).items())))
                 for u, v, d in b.graph.edges(data=True))
    if ea != eb:
        out.append(f"edges only in a: {sorted((ea - eb).elements())}; "
                   f"only in b: {sorted((eb - ea).elements())}")
    ma = {k: _canon(v) for k, v in a.meta.__dict__.items() if k != "source"}
    mb = {k: _canon(v) for k, v in b.meta.__dict__.items() if k != "source"}
    if ma != mb:
        out.append(f"meta: {ma} != {mb}")
    if a.categories.custom != b.categories.custom:
        out.append(f"own categories: {a.categories.custom} != {b.categories.custom}")
    ka = {k: _canon(v) for k, v in a.category_extra.items() if _canon(v) is not None}
    kb = {k: _canon(v) for k, v in b.category_extra.items() if _canon(v) is not None}
    if ka != kb:
        out.append(f"category notes and extras: {ka} != {kb}")
    ca = {k: v for k, v in a.extra_columns.items() if v}
    cb = {k: v for k, v in b.extra_columns.items() if v}
    if ca != cb:
        out.append(f"extra_columns: {ca} != {cb}")
    out.extend(_district_differences(a.districts, b.districts))
    return out[:limit]


def _district_differences(a: pd.DataFrame, b: pd.DataFrame) -> list[str]:
    if len(a) == 0 and len(b) == 0:
        extra_a = [c for c in a.columns if c not in ("municipality", "population", "children")]
        extra_b = [c for c in b.columns if c not in ("municipality", "population", "children")]
        return [] if extra_a == extra_b else [f"district columns: {extra_a} != {extra_b}"]
    if [str(c) for c in a.columns] != [str(c) for c in b.columns]:
        return [f"district columns: {list(a.columns)} != {list(b.columns)}"]
    if [str(i) for i in a.index] != [str(i) for i in b.index]:
        return [f"district names: {list(a.index)} != {list(b.index)}"]
    rows_a = [[_canon(x) for x in r] for r in a.itertuples(index=False)]
    rows_b = [[_canon(x) for x in r] for r in b.itertuples(index=False)]
    return [] if rows_a == rows_b else [f"district values: {rows_a} != {rows_b}"]


def assert_maps_equal(a: NetworkMap, b: NetworkMap) -> None:
    """Assert that two maps hold the same data (see :func:`map_differences`)."""
    problems = map_differences(a, b)
    assert not problems, "maps differ:\n  " + "\n  ".join(problems)

