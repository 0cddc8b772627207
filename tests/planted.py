"""Findings against the synthetic ground truth: what was found, what contradicts the map.

Shared by tests and benchmarks (``from planted import missed, contradictions``). A planted
problem is *found* when a finding of severity high or medium reports it in its place (its
district, body or person). A serious finding *contradicts* the ground truth when the map the
workbook describes refutes it by construction of the generator:

* coverage gap "Kein Angebot für P in D" — ``D`` has a running offer for ``P``;
* "D: keine X erreichbar" — an institution of category ``X`` (not unclassifiable) lies in
  ``D`` or provides a running or planned offer there;
* transition gap listing unlinked institutions — one of them is on the earlier side (its
  true category) and has a cooperation, contract or referral with, a committee seat beside,
  or an offer shared with an institution of the later side (same district for Kita →
  Grundschule and Grundschule → weiterführende Schule, same Kommune for Familie → Kita,
  anywhere for Schule → Beruf and Geburt → Frühe Hilfen);
* transition gap "kein Gremium bringt beide Seiten zusammen" in ``D`` — a committee seats an
  institution of the core earlier side in ``D`` and one of the later side;
* parallel structure — two or more of its committees are not one planted pair;
* isolated ("mit niemandem verbunden", "ohne Träger", "nur Zugehörigkeit") — the node has
  edges, a provider, or edges other than belongs_to;
* overload — the person sits on no more committees than the finding's limit;
* no coordination — the committee has a member with Vorsitz or Koordination;
* dropout of a node that is no planted bridge — an actor it claims cut off still reaches a
  member of a Steuerungsgruppe without it, in the collaboration network (ties, belonging,
  shared committees: ``NetworkMap.collaboration_graph``);
* no power promoter / Verwaltungsspitze trägt die Steuerung — the body has a member at
  Verwaltungsspitze or Dezernat rank or with the role Machtpromotor;
* Steuerungsgruppe bereichsübergreifend besetzt — the body's members cover every core
  sector.

Other findings (inequity of offers, promoter pairs, distances to the steering …) make no
claim the construction decides; they are not judged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from netzkarte import NetworkMap
from netzkarte.analysis import AnalysisResult, Finding
from netzkarte.datasets.synthetic import (
    BIRTH_SIDE,
    CORE_SECTORS,
    EARLY_HELP_SIDE,
    KITA_SIDE,
    SCHOOLS,
    WORK_SIDE,
    GroundTruth,
)
from netzkarte.vocab import ActorForm, EdgeKind, MemberFunction, NodeType, OfferStatus, Rank, Role

__all__ = ["PLANT_OF_ITEM", "contradictions", "found", "missed", "planted_items", "serious"]

SERIOUS = ("high", "medium")
REGULAR = tuple(s for s in SCHOOLS if s != "Förderschule")
# transition -> (earlier categories, core earlier categories, later categories, partner scope)
SIDES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str]] = {
    "kita->primary": (KITA_SIDE, ("Kita",), ("Grundschule",), "local"),
    "primary->secondary": (("Grundschule",), ("Grundschule",), REGULAR, "local"),
    "secondary->transition_work": (SCHOOLS, SCHOOLS, WORK_SIDE, "any"),
    "u3->kita": (("Kindertagespflege", "Frühförderstelle"),
                 ("Kindertagespflege", "Frühförderstelle"), ("Kita",), "local"),
    "pregnancy->u3": (BIRTH_SIDE, BIRTH_SIDE, EARLY_HELP_SIDE, "any"),
}
_ONE_NODE = {("isolated", "no_edges"), ("overloaded_person", "overload"),
             ("no_coordination", "no_coordination")}
PLANT_OF_ITEM = {
    "parallel_pairs": "parallel", "transition_gaps": "transition_gap",
    "bridge_persons": "bridge_person", "coverage_gaps": "coverage_gap",
    "steering_without_power": "steering_no_power",
    "steering_missing_sectors": "steering_missing_sector", "isolated": "isolated",
    "overloaded_persons": "overloaded_person",
    "committees_without_coordination": "no_coordination"}


def serious(result: AnalysisResult) -> list[Finding]:
    """Findings of severity high or medium."""
    return [f for f in result.findings if f.severity in SERIOUS]


def _check(f: Finding) -> str | None:
    value = f.evidence.get("check")
    return str(value) if value is not None else None


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == b.casefold()


# --- recall -------------------------------------------------------------------------------


def planted_items(truth: GroundTruth) -> list[tuple[str, object]]:
    """Every planted problem as (plant name, item): one per pair, gap, node or body."""
    items: list[tuple[str, object]] = []
    for field_name, plant in PLANT_OF_ITEM.items():
        value = getattr(truth, field_name)
        for item in (value.items() if isinstance(value, dict) else value):
            items.append((plant, item))
    return items


def found(findings: Iterable[Finding], plant: str, item: object) -> bool:
    """Does one of ``findings`` report this planted item in its place?"""
    for f in findings:
        if plant == "parallel" and f.kind == "parallel_structure":
            if set(item) <= set(f.nodes):  # type: ignore[call-overload]
                return True
        elif plant == "transition_gap" and f.kind == "transition_gap":
            transition, district = item  # type: ignore[misc]
            if f.transition == transition and _same(f.district, district) \
                    and f.evidence.get("unlinked"):
                return True
        elif plant == "coverage_gap" and f.kind == "coverage_gap":
            district, phase = item  # type: ignore[misc]
            if _same(f.district, district) and f.evidence.get("phase") == phase:
                return True
        elif plant == "bridge_person" and _check(f) == "dropout":
            if f.nodes and f.nodes[0] == item:
                return True
        elif plant == "steering_no_power" and (
                (f.kind == "promoter" and _check(f) == "no_power")
                or _check(f) == "qs-steering-power"):
            if item in f.nodes:
                return True
        elif plant == "steering_missing_sector" and _check(f) == "qs-steering-sectors":
            if item[0] in f.nodes:  # type: ignore[index]
                return True
        elif (plant, _check(f)) in _ONE_NODE and f.nodes and f.nodes[0] == item \
                and (plant != "isolated" or f.kind == "isolated"):
            return True
    return False


def missed(result: AnalysisResult, truth: GroundTruth) -> list[str]:
    """Planted problems that no high or medium finding reports in their place."""
    findings = serious(result)
    return [f"{plant} {item!r}" for plant, item in planted_items(truth)
            if not found(findings, plant, item)]


# --- contradictions -----------------------------------------------------------------------


class _Truth:
    """Indexes of the map a workbook describes, built once per map."""

    def __init__(self, m: NetworkMap, truth: GroundTruth) -> None:
        self.m, self.t = m, truth
        g = m.graph
        self.g = g
        self.members: defaultdict[str, set[str]] = defaultdict(set)
        self.seats: defaultdict[str, set[str]] = defaultdict(set)
        self.functions: defaultdict[str, set[object]] = defaultdict(set)
        self.ties: defaultdict[str, set[str]] = defaultdict(set)
        self.providers: defaultdict[str, set[str]] = defaultdict(set)
        self.referrers: defaultdict[str, set[str]] = defaultdict(set)
        for u, v, d in g.edges(data=True):
            kind = d["kind"]
            if kind is EdgeKind.MEMBER:
                self.members[v].add(u)
                self.seats[u].add(v)
                self.functions[v].add(d.get("function"))
            elif kind in (EdgeKind.COOPERATION, EdgeKind.CONTRACT, EdgeKind.REFERRAL):
                self.ties[u].add(v)
                self.ties[v].add(u)
                if kind is EdgeKind.REFERRAL and g.nodes[v]["type"] is NodeType.OFFER:
                    self.referrers[v].add(u)
            if kind is EdgeKind.PROVIDES:
                self.providers[v].add(u)
        self.holders: defaultdict[str, set[str]] = defaultdict(set)  # offer -> owners
        self.offers_of: defaultdict[str, set[str]] = defaultdict(set)  # owner -> offers
        for n, d in g.nodes(data=True):
            if d["type"] is NodeType.OFFER:
                owners = set(self.providers[n])
                if d.get("venue"):
                    owners.add(d["venue"])
                self.holders[n] = owners
                for o in owners | self.referrers[n]:
                    self.offers_of[o].add(n)
        self.unclassifiable = set(truth.unclassifiable)

    def node(self, n: str) -> dict[str, object]:
        return self.g.nodes[n] if n in self.g else {}

    def cat(self, n: str) -> str:
        return str(self.node(n).get("category") or "")

    def linked(self, a: str, b: str) -> bool:
        if b in self.ties[a] or self.seats[a] & self.seats[b]:
            return True
        return any(b in self.holders[o] for o in self.offers_of[a]) or any(
            a in self.holders[o] for o in self.offers_of[b])

    def partners(self, transition: str, u: str) -> list[str]:
        _, _, later, scope = SIDES[transition]
        here = self.node(u)
        out = []
        for n, d in self.g.nodes(data=True):
            if d.get("category") not in later:
                continue
            if scope == "local" and (
                    d.get("district") != here.get("district") if here.get("district")
                    else d.get("municipality") != here.get("municipality")):
                continue
            out.append(n)
        return out

    def running(self, district: str, phase: str) -> bool:
        return any(d["type"] is NodeType.OFFER and _same(str(d.get("district")), district)
                   and d.get("status") is OfferStatus.RUNNING
                   and phase in {p.value for p in d.get("life_phases", ())}  # type: ignore[attr-defined]
                   for _, d in self.g.nodes(data=True))

    def service_in(self, label: str, district: str) -> bool:
        for n, d in self.g.nodes(data=True):
            if d.get("category") != label or n in self.unclassifiable \
                    or d.get("form") is ActorForm.PERSON:
                continue
            if _same(str(d.get("district")), district):
                return True
            for offer in [o for o in self.offers_of[n] if n in self.providers[o]]:
                od = self.g.nodes[offer]
                if od.get("status") is not OfferStatus.ENDED and \
                        _same(str(od.get("district")), district):
                    return True
        return False

    def still_reach_steering(self, person: str, nodes: Iterable[str]) -> list[str]:
        """Of ``nodes``, those still tied to a steering-group member without ``person``
        (in the map's collaboration network: ties, belonging and shared committees)."""
        h = nx.Graph(self.m.collaboration_graph())
        if person in h:
            h.remove_node(person)
        steering = {n for sg in self.t.steering_groups for n in self.members[sg]} - {person}
        reached: set[str] = set()
        for s in steering:
            if s in h and s not in reached:
                reached |= nx.node_connected_component(h, s)
        return [n for n in nodes if n in reached]

    def powered(self, committee: str) -> bool:
        for n in self.members[committee]:
            d = self.node(n)
            if d.get("rank") in (Rank.TOP, Rank.DEPARTMENT_HEAD) or \
                    Role.POWER_PROMOTER in d.get("roles", ()):  # type: ignore[operator]
                return True
        return False


def contradictions(result: AnalysisResult, m: NetworkMap, truth: GroundTruth) -> list[str]:
    """High or medium findings that the map a workbook describes refutes (see module doc)."""
    t = _Truth(m, truth)
    planted_pairs = [set(p) for p in truth.parallel_pairs]
    out: list[str] = []

    def bad(f: Finding, why: str) -> None:
        out.append(f"[{f.severity}] {f.kind}/{_check(f) or f.transition or ''}: {f.title} — "
                   f"{why}")

    for f in serious(result):
        check = _check(f)
        if f.kind == "coverage_gap" and f.evidence.get("phase") and f.district:
            if t.running(f.district, str(f.evidence["phase"])):
                bad(f, "a running offer for this phase is there")
        elif f.kind == "coverage_gap" and check == "service_reach" and f.district:
            for label in f.evidence.get("missing", ()):
                if t.service_in(str(label), f.district):
                    bad(f, f"{label} is there")
        elif f.kind == "transition_gap" and f.transition in SIDES:
            earlier, core, _, _ = SIDES[f.transition]
            unlinked = [u for u in f.evidence.get("unlinked", ()) if u in m.graph]
            for u in unlinked:
                if t.cat(u) in earlier and any(t.linked(u, p)
                                               for p in t.partners(f.transition, u)):
                    bad(f, f"{u} ({m.name(u)}) is tied to the later side")
            if not f.evidence.get("unlinked") and f.district:
                for c, seated in t.members.items():
                    early = [n for n in seated if t.cat(n) in core
                             and _same(str(t.node(n).get("district")), f.district)]
                    if early and any(p in seated for p in t.partners(f.transition, early[0])):
                        bad(f, f"committee {c} ({m.name(c)}) seats both sides")
                        break
        elif f.kind == "parallel_structure":
            bodies = {n for n in f.nodes if t.node(n).get("type") is NodeType.COMMITTEE}
            if len(bodies) >= 2 and not any(bodies <= p for p in planted_pairs):
                bad(f, f"{sorted(bodies)} are no planted duplicates")
        elif f.kind == "isolated" and f.nodes and f.nodes[0] in m.graph:
            n = f.nodes[0]
            kinds = {d["kind"] for _, _, d in (*m.graph.in_edges(n, data=True),
                                               *m.graph.out_edges(n, data=True))}
            if check == "no_edges" and kinds:
                bad(f, f"{n} has edges")
            elif check == "no_provider" and t.providers[n]:
                bad(f, f"{n} has a provider")
            elif check == "belongs_only" and kinds - {EdgeKind.BELONGS_TO}:
                bad(f, f"{n} has other edges")
        elif check == "overload" and f.nodes and f.nodes[0] in m.graph:
            if len(t.seats[f.nodes[0]]) <= int(f.evidence.get("limit", 5)):
                bad(f, f"{f.nodes[0]} sits on {len(t.seats[f.nodes[0]])} committees")
        elif check == "no_coordination" and f.nodes and f.nodes[0] in m.graph:
            if t.functions[f.nodes[0]] & {MemberFunction.CHAIR, MemberFunction.COORDINATION}:
                bad(f, f"{f.nodes[0]} has a chair or coordination")
        elif check == "dropout" and f.nodes and f.nodes[0] in m.graph \
                and f.nodes[0] not in truth.bridge_persons:
            listed = [n for n in f.nodes[1:]
                      if t.node(n).get("type") in (NodeType.ACTOR, NodeType.OFFICE)]
            kept = t.still_reach_steering(f.nodes[0], listed)
            if kept:
                bad(f, f"without {f.nodes[0]}, {kept[:3]} still reach the steering group")
        elif (f.kind == "promoter" and check == "no_power") or check == "qs-steering-power":
            for c in f.nodes:
                if t.node(c).get("type") is NodeType.COMMITTEE and t.powered(c):
                    bad(f, f"{c} has a member at the top or a Machtpromotor")
        elif check == "qs-steering-sectors":
            for c in f.nodes:
                if t.node(c).get("type") is NodeType.COMMITTEE:
                    have = {t.node(n).get("sector") for n in t.members[c]}
                    if all(s in have for s in CORE_SECTORS):
                        bad(f, f"{c} covers every core sector")
    return out
