"""Kommunen in one map: which node belongs to which Kommune, and the map of each.

Präventionsketten are built per Kommune but steered across them: a Kreisjugendamt serves
several kreisangehörige Kommunen with their own local networks, and a Land programme
compares dozens of Kommunen (docs/grundlagen.md, "Kreis und Kommunen"). A map may therefore
hold several Kommunen and the Kreis (and Land) bodies above them. This module cuts the
map into one map per Kommune, each with the Kreis- and Land-level nodes that serve it, so
that transitions, coverage, promoters and the quality framework are judged per Kommune
and their suggestions never cross a Kommune's border (except to a Kreis- or Land-level
institution).

Which Kommune a node belongs to is decided by :func:`netzkarte.kommunen.municipality_of`
(a map-level helper the importer uses too).

Examples
--------
>>> from netzkarte import NetworkMap
>>> m = NetworkMap("Kreis Beispiel")
>>> m.meta.county = "Kreis Beispiel"
>>> m.add_node("K1", "actor", name="Kita A", category="Kita", municipality="Adorf")
>>> m.add_node("K2", "actor", name="Kita B", category="Kita", municipality="Bstadt")
>>> m.add_node("JA", "office", name="Kreisjugendamt", category="Jugendamt", level="Kreis")
>>> [(name, len(sub)) for name, sub in split_by_municipality(m)]
[('Adorf', 2), ('Bstadt', 2)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from netzkarte.kommunen import (
    PARTNERS_ONLY,
    county_names,
    meta_for,
    municipalities,
    municipality_of,
)
from netzkarte.model import NetworkMap
from netzkarte.results import Finding
from netzkarte.text import join_and
from netzkarte.vocab import EdgeKind, NodeType, fold

__all__ = ["COUNTY_SERVICES", "find_county_gaps", "split_by_municipality"]


def split_by_municipality(m: NetworkMap) -> Iterator[tuple[str, NetworkMap]]:
    """One map per Kommune: its nodes plus the Kreis- and Land-level nodes serving it.

    In a map of one Kreis that is every Kreis- and Land-level node. A map naming several
    Kreise in ``meta.county`` (a Land programme) gives each Kommune only the Kreis- and
    Land-level nodes of its own Kreis: the groups of them tied to each other (Kreis
    offices, their people and bodies) that have a tie to the Kommune, plus those tied to
    no Kommune at all — a Jugendamt of another Kreis is no partner for a suggestion.

    Each sub-map keeps the map's categories and metadata (``meta.municipality`` set to the
    Kommune, Leitbild and goals of the Kommune where the map keeps them per Kommune) and
    only its own Sozialräume. Kommunen come in alphabetical order. Linear in the size of
    the sub-maps.
    """
    own = municipality_of(m)
    above = [n for n, muni in own.items() if muni is None]
    serving = _serving(m, own, above) if len(county_names(m)) > 1 else None
    joint = _joint_committees(m, own)
    districts = m.districts
    has_column = "municipality" in districts.columns
    for muni, nodes in sorted(municipalities(m).items(), key=lambda kv: fold(kv[0])):
        sub = m.subgraph([*nodes, *(above if serving is None else serving[muni]),
                          *joint.get(muni, ())])
        sub.meta = meta_for(m, muni)
        if has_column:
            mask = [isinstance(v, str) and fold(v) == fold(muni)
                    for v in districts["municipality"]]
            sub.districts = districts.loc[mask].copy()
            mine = {fold(d) for d in sub.districts.index}
        else:
            mine = {fold(d) for n in nodes if (d := m.graph.nodes[n].get("district"))}
            sub.districts = districts.loc[[fold(d) in mine for d in districts.index]].copy()
        # a Kreis office's or a neighbour's committee's Sozialraum lies in another Kommune:
        # here it is no district of this Kommune (its findings would name a foreign one)
        for node in sub.graph:
            if own.get(node) != muni:
                data = sub.graph.nodes[node]
                district = data.get("district")
                if isinstance(district, str) and fold(district) not in mine:
                    del data["district"]
        for committee in joint.get(muni, ()):
            _place_joint(sub, committee, {n for n in nodes if n in sub.graph})
        sub.graph.graph[PARTNERS_ONLY] = frozenset(n for n in sub.graph if own.get(n) != muni)
        yield muni, sub


def _place_joint(sub: NetworkMap, committee: str, locals_: set[str]) -> None:
    """A joint committee in one Kommune's map works where that Kommune's members are:
    the Familienbeirat of Oberried and Wernsdorf is, for Wernsdorf, a body in Wernsdorf."""
    g = sub.graph
    data = g.nodes[committee]
    if data.get("district"):
        return
    places = {g.nodes[u].get("district") for u, _, d in g.in_edges(committee, data=True)
              if d["kind"] is EdgeKind.MEMBER and u in locals_}
    places.discard(None)
    if len(places) == 1:
        data["district"] = places.pop()


def _joint_committees(m: NetworkMap, own: dict[str, str | None]) -> dict[str, list[str]]:
    """Per Kommune the committees of other Kommunen its own actors and offices sit on (a
    Familienbeirat of two Gemeinden entered under one of them): in the Kommune's map they
    bring its members together like its own committees."""
    g: Any = m.graph
    out: defaultdict[str, list[str]] = defaultdict(list)
    for committee in m.node_ids(NodeType.COMMITTEE):
        home = own.get(committee)
        if home is None:
            continue  # Kreis bodies are in every Kommune's map anyway
        members = {own.get(u) for u, _, d in g.in_edges(committee, data=True)
                   if d["kind"] is EdgeKind.MEMBER}
        for muni in sorted(x for x in members if x is not None and x != home):
            out[muni].append(committee)
    return out


def _serving(m: NetworkMap, own: dict[str, str | None], above: list[str]
             ) -> dict[str, list[str]]:
    """Per Kommune the Kreis/Land nodes of its own Kreis (see :func:`split_by_municipality`).

    The Kreis- and Land-level nodes fall into groups tied among themselves; a group
    serves every Kommune one of its nodes is tied to, a group tied to no Kommune serves
    all. Map order is kept.
    """
    g = m.graph
    group: dict[str, int] = {}
    for start in above:
        if start in group:
            continue
        group[start] = start_group = len(group)
        todo = [start]
        while todo:
            node = todo.pop()
            for nb in (*g._succ[node], *g._pred[node]):  # type: ignore[attr-defined]
                if own.get(nb, "") is None and nb not in group:
                    group[nb] = start_group
                    todo.append(nb)
    served: defaultdict[int, set[str]] = defaultdict(set)
    for node in above:
        for nb in (*g._succ[node], *g._pred[node]):  # type: ignore[attr-defined]
            muni = own.get(nb)
            if muni is not None:
                served[group[node]].add(muni)
    out: defaultdict[str, list[str]] = defaultdict(list)
    everyone = [n for n in above if group[n] not in served]
    for node in above:
        for muni in served.get(group[node], ()):
            out[muni].append(node)
    return {muni: sorted([*out.get(muni, ()), *everyone], key=m._position().__getitem__)
            for muni in municipalities(m)}


COUNTY_SERVICES: tuple[str, ...] = ("Jugendamt", "Jobcenter", "Agentur für Arbeit",
                                    "Gesundheitsamt", "Erziehungsberatungsstelle",
                                    "Frühförderstelle", "Schulamt")
"""Categories of Kreis-level services whose reach into each Kommune is checked."""

_REACH_KINDS = (EdgeKind.COOPERATION, EdgeKind.CONTRACT, EdgeKind.REFERRAL,
                EdgeKind.PROVIDES, EdgeKind.FUNDS, EdgeKind.MEMBER)


def find_county_gaps(m: NetworkMap, *, services: tuple[str, ...] = COUNTY_SERVICES
                     ) -> list[tuple[Finding, str | None]]:
    """Kreis-level findings of a map with several Kommunen, each with its Kommune.

    * a Kommune with no committee of its own (no local network, no steering body) —
      ``quality_standard``, medium, named by its Kommune;
    * a Kreis-level service (Kreisjugendamt, Jobcenter, Gesundheitsamt … — ``services``)
      with no tie, membership or offer in some Kommunen — ``coverage_gap`` at Kreis level
      (``municipality`` ``None``), medium when it misses more than a third of them.

    A person counts for the service it belongs to. Linear in nodes and edges.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap("Kreis")
    >>> m.add_node("A", "actor", name="Kita A", category="Kita", municipality="Adorf")
    >>> m.add_node("B", "actor", name="Kita B", category="Kita", municipality="Bstadt")
    >>> m.add_node("N", "committee", name="Netzwerk Adorf", municipality="Adorf")
    >>> [(f.title, muni) for f, muni in find_county_gaps(m)]
    [('Bstadt: kein eigenes Netzwerk und kein Steuerungsgremium', 'Bstadt')]
    """
    owner = municipality_of(m)
    g = m.graph
    kommunen = sorted(municipalities(m), key=fold)
    out: list[tuple[Finding, str | None]] = []
    with_committee = {owner[n] for n, d in g.nodes(data=True)
                      if d["type"] is NodeType.COMMITTEE and owner.get(n)}
    with_committee |= set(_joint_committees(m, owner))  # a seat in a joint body counts
    for muni in kommunen:
        if muni in with_committee:
            continue
        out.append((Finding.create(
            "quality_standard", "medium",
            f"{muni}: kein eigenes Netzwerk und kein Steuerungsgremium",
            text=(f"Für {muni} ist kein Gremium der Kommune erfasst – weder ein lokales "
                  "Netzwerk noch eine Steuerungsgruppe. Ob die Präventionskette dort "
                  "gesteuert wird, lässt sich nur über Kreisgremien erkennen."),
            recommendation=(f"Klären, ob {muni} ein lokales Netzwerk hat, und es mit "
                            "Mitgliedern und Berichtsweg in die Karte aufnehmen; sonst mit der "
                            "Kommune eines aufbauen."),
            evidence={"check": "county-local-body", "municipality": muni},
            key=f"local-body-{fold(muni)}"), muni))
    kreis_level: defaultdict[str, list[str]] = defaultdict(list)
    local: defaultdict[str, set[str]] = defaultdict(set)
    wanted = set(services)
    for node, home in owner.items():
        if g.nodes[node]["type"] is NodeType.COMMITTEE:
            continue
        label = m.classify(node).label
        if label is None or label not in wanted:
            continue
        if home is None:
            kreis_level[label].append(node)
        else:
            local[label].add(home)
    for label in services:
        providers = kreis_level.get(label)
        if not providers:
            continue
        # a Kommune with its own Jugendamt (or reached by any Kreis-level one) is served;
        # several Kreise in one map each serve their own Kommunen
        reached = set().union(*(_reached(m, owner, p) for p in providers))
        if not reached:
            continue  # reaching nobody at all: isolated nodes, reported as such
        missing = [k for k in kommunen if k not in reached and k not in local[label]]
        if not missing:
            continue
        share = len(missing) / len(kommunen)
        names = join_and([m.name(p) for p in providers[:3]]) + (" …" if len(providers) > 3
                                                                 else "")
        out.append((Finding.create(
            "coverage_gap", "medium" if share > 1 / 3 else "low",
            f"{label}: {len(missing)} von {len(kommunen)} Kommunen ohne Verbindung",
            text=(f"{join_and(missing)} {'hat' if len(missing) == 1 else 'haben'} selbst "
                  f"keine Stelle der Kategorie „{label}“ und keine erfasste Verbindung zu "
                  f"der auf Kreisebene ({names}): weder eine Kooperation noch einen "
                  "gemeinsamen Sitz in einem Gremium noch ein Angebot dort oder für den "
                  "ganzen Kreis."),
            recommendation=(f"Prüfen, wie {label} in {join_and(missing[:3])}"
                            f"{' …' if len(missing) > 3 else ''} vertreten ist (Sitz im lokalen "
                            "Netzwerk, Sprechstunde vor Ort), und es in der Karte nachtragen."),
            nodes=providers, score=share,
            evidence={"check": "county_reach", "service": label, "missing": missing,
                      "reached": sorted(reached, key=fold)},
            key=f"county-reach-{fold(label)}"), None))
    return out


def _reached(m: NetworkMap, owner: dict[str, str | None], service: str) -> set[str]:
    """Kommunen a Kreis service is tied to, itself or through its people: by a tie to one
    of their nodes, by a committee seat shared with one of their actors or offices, or by
    an offer it provides for the whole Kreis (an offer without Kommune: all of them)."""
    g = m.graph
    agents = {service} | {u for u, _, d in g.in_edges(service, data=True)
                          if d["kind"] is EdgeKind.BELONGS_TO}
    reached: set[str] = set()
    for agent in agents:
        for _, v, d in g.out_edges(agent, data=True):
            if d["kind"] not in _REACH_KINDS:
                continue
            if owner.get(v):
                reached.add(owner[v])  # type: ignore[arg-type]
            if d["kind"] is EdgeKind.MEMBER:
                reached.update(owner[u] for u, _, e in g.in_edges(v, data=True)  # type: ignore[misc]
                               if e["kind"] is EdgeKind.MEMBER and owner.get(u))
            elif d["kind"] is EdgeKind.PROVIDES and owner.get(v, "") is None:
                reached.update(municipalities(m))
        for u, _, d in g.in_edges(agent, data=True):
            if d["kind"] in _REACH_KINDS and owner.get(u):
                reached.add(owner[u])  # type: ignore[arg-type]
    return reached
