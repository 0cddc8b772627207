"""Promoters (Promotoren): is the steering backed by power and by expertise, and do they meet?

Witte's promoter model (1973) explains why innovations in organisations succeed: a
*Machtpromotor* (power promoter) drives change through hierarchical position — persuasion,
political backing for "unbequeme" goals —, a *Fachpromotor* (expert promoter) through
expertise, whatever the rank. Change works best when the two cooperate. The quality
framework of the prevention chains (docs/grundlagen.md) turns this into Prüffragen: which power and
which expert promoters of which levels and sectors are involved, and how are they brought
together ("Matching zwischen Macht- und Fachpromotoren")?

Findings of kind ``"promoter"``:

* a steering body (tier a, or Steuerungsgruppe / Lenkungskreis) without a power promoter —
  no member has the role Machtpromotor or the rank Verwaltungsspitze or
  Verwaltungsvorstand/Dezernat, directly or as a person belonging to such an office;
* a steering body without an expert promoter among its members;
* power or expert promoters without any link to one of the other kind (no shared committee,
  no direct tie) — the "Matching" is missing;
* sectors (Handlungsfelder) of the map without any promoter.

Source: Witte, E. (1973): Organisation für Innovationsentscheidungen – Das
Promotoren-Modell. Göttingen: Schwartz.

Examples
--------
>>> from netzkarte import NetworkMap
>>> m = NetworkMap()
>>> m.add_node("SG", "committee", name="Steuerungsgruppe", tier="a")
>>> m.add_node("JA", "office", name="Jugendamt", rank="Amtsleitung")
>>> _ = m.add_edge("JA", "SG", "member", function="Vorsitz")
>>> [(f.severity, f.title) for f in find_promoter_gaps(m)][0]
('high', 'Steuerungsgruppe: kein Machtpromotor in der Steuerung')
"""

from __future__ import annotations

import logging
from typing import Any

from netzkarte.analysis.bottlenecks import name_list, named
from netzkarte.analysis.steering import steering_groups
from netzkarte.model import NetworkMap
from netzkarte.results import Finding, Severity
from netzkarte.vocab import ActorForm, EdgeKind, NodeType, Rank, Role, Sector

__all__ = ["CORE_SECTORS", "find_promoter_gaps", "is_expert_promoter", "is_power_promoter"]

log = logging.getLogger(__name__)

_POWER_RANKS = (Rank.TOP, Rank.DEPARTMENT_HEAD)
_POWER_CATEGORIES = ("Verwaltungsspitze", "Dezernat")
_PROMOTER_ROLES = (Role.POWER_PROMOTER, Role.EXPERT_PROMOTER, Role.PROCESS_PROMOTER,
                   Role.RELATIONSHIP_PROMOTER)

CORE_SECTORS = (Sector.YOUTH_WELFARE, Sector.EDUCATION, Sector.SOCIAL, Sector.URBAN,
                Sector.HEALTH)
"""Sectors the steering must at least cover (quality framework, "Besetzung der
Steuerungsgruppe")."""


def is_power_promoter(m: NetworkMap, node: str) -> bool:
    """Power promoter by role, by rank (Verwaltungsspitze, Dezernat) or as such an office.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("D3", "office", category="Dezernat")
    >>> m.add_node("X", "actor", roles=["Machtpromotor"])
    >>> m.add_node("Y", "actor", rank="Amtsleitung")
    >>> [is_power_promoter(m, n) for n in ("D3", "X", "Y")]
    [True, True, False]
    """
    d = m.graph.nodes[node]
    if Role.POWER_PROMOTER in d.get("roles", ()) or d.get("rank") in _POWER_RANKS:
        return True
    if d["type"] is NodeType.OFFICE:
        return m.classify(node).label in _POWER_CATEGORIES
    return False


def is_expert_promoter(m: NetworkMap, node: str) -> bool:
    """Expert promoter: the role Fachpromotor is recorded.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("X", "actor", roles="Fachpromotorin")
    >>> is_expert_promoter(m, "X")
    True
    """
    return Role.EXPERT_PROMOTER in m.graph.nodes[node].get("roles", ())


def _backing(m: NetworkMap, member: str) -> str | None:
    """The power node backing a steering body through this member, if any."""
    if is_power_promoter(m, member):
        return member
    if m.graph.nodes[member].get("form") is ActorForm.PERSON:
        for _, office, d in m.graph.out_edges(member, data=True):
            if d["kind"] is EdgeKind.BELONGS_TO and is_power_promoter(m, office):
                return str(office)
    return None


def find_promoter_gaps(m: NetworkMap) -> list[Finding]:
    """Promoter findings (kind ``"promoter"``) of a map, after Witte (1973).

    Parameters
    ----------
    m : NetworkMap

    Returns
    -------
    list of Finding
        Steering bodies without power promoter (high) or without expert promoter
        (medium); power promoters with no link to any expert promoter (medium) and expert
        promoters with no link to any power promoter (low); sectors without any promoter
        (low for the five core sectors of the steering, info otherwise). When the map
        records no promoter role at all, one info finding replaces the last three checks.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("SG", "committee", name="Lenkungskreis", tier="a")
    >>> m.add_node("BM", "office", name="Bürgermeister", rank="Verwaltungsspitze")
    >>> m.add_node("K", "actor", name="Frau K", form="Person", roles="Fachpromotor",
    ...            sector="Kinder- und Jugendhilfe")
    >>> _ = m.add_edge("BM", "SG", "member", function="Vorsitz")
    >>> _ = m.add_edge("K", "SG", "member")
    >>> [f.title for f in find_promoter_gaps(m)]
    []

    Notes
    -----
    "Linked" means adjacent in the collaboration projection: a shared committee or a
    direct tie (cooperation, contract, referral, belongs_to). O(n + m) plus the
    projection. Source: Witte, E. (1973): Organisation für Innovationsentscheidungen –
    Das Promotoren-Modell.
    """
    findings: list[Finding] = []
    bodies = steering_groups(m)
    no_expert: set[str] = set()
    for body in bodies:
        found = _steering_findings(m, body)
        no_expert |= {body for f in found if f.evidence["check"] == "no_expert"}
        findings += found
    actors = m.node_ids(NodeType.ACTOR) + m.node_ids(NodeType.OFFICE)
    any_role = any(set(m.graph.nodes[n].get("roles", ())) & set(_PROMOTER_ROLES)
                   for n in actors)
    if not any_role:
        if actors:
            findings.append(Finding.create(
                "promoter", "info", "Keine Promotorenrollen erfasst",
                text="Bei keinem Akteur und keinem Amt ist eine Rolle Machtpromotor, "
                     "Fachpromotor, Prozesspromotor oder Beziehungspromotor eingetragen.",
                recommendation="Rollen in der Spalte „Rollen“ ergänzen: wer treibt die "
                               "Präventionskette mit Position, wer mit Fachwissen voran?",
                key="no_roles", evidence={"check": "no_roles", "actors": len(actors)}))
        log.info("Promotoren: %d Befunde", len(findings))
        return findings
    findings += _matching_findings(m, actors, no_expert)
    findings += _sector_findings(m, actors)
    log.info("Promotoren: %d Befunde", len(findings))
    return findings


def _steering_findings(m: NetworkMap, body: str) -> list[Finding]:
    members = m.members(body)
    name = m.name(body)
    out: list[Finding] = []
    backers = {b for b in (_backing(m, x) for x in members) if b is not None}
    lead = m.graph.nodes[body].get("lead")
    if isinstance(lead, str) and lead in m.graph and (backing := _backing(m, lead)):
        backers.add(backing)  # the Bürgermeisterin runs it as Federführung
    evidence: dict[str, Any] = {"members": len(members)}
    if not backers:
        present = {m.graph.nodes[x].get("rank") for x in members}
        ranks = [r.label for r in Rank if r in present]  # highest first
        text = (f"Kein Mitglied von „{name}“ ({len(members)} eingetragen) ist als Machtpromotor "
                "eingetragen oder gehört zur Verwaltungsspitze oder zum Verwaltungsvorstand."
                + (f" Eingetragene Hierarchieebenen: {', '.join(ranks)}." if ranks else ""))
        if not members:
            text = f"Für „{name}“ sind keine Mitglieder eingetragen."
        out.append(Finding.create(
            "promoter", "high", f"{name}: kein Machtpromotor in der Steuerung", text=text,
            recommendation="Verwaltungsspitze oder Dezernat in die Steuerung holen (Vorsitz "
                           "oder Mitglied): „unbequeme“ Ziele brauchen politische "
                           "Rückendeckung (Witte 1973).",
            nodes=[body], district=m.graph.nodes[body].get("district"), key="no_power",
            score=1.0, evidence={"check": "no_power", **evidence, "ranks": ranks if members
                                 else []}))
    experts = [x for x in members if is_expert_promoter(m, x)]
    if not experts:
        powers = sorted(backers)
        text = (f"Kein Mitglied von „{name}“ ({len(members)} eingetragen) ist als "
                "Fachpromotor eingetragen.")
        if powers:
            text += (f" Damit fehlt {name_list(m, powers, quoted=True)} in der Steuerung die "
                     "Verbindung zur Fachexpertise (Zusammenspiel von Macht- und "
                     "Fachpromotoren).")
        out.append(Finding.create(
            "promoter", "medium", f"{name}: kein Fachpromotor beteiligt", text=text,
            recommendation="Fachkräfte mit Fach- und Methodenwissen (z. B. Jugendhilfeplanung, "
                           "Frühe Hilfen, Bildungsbüro) in die Steuerung einbinden.",
            nodes=[body, *powers], district=m.graph.nodes[body].get("district"),
            key="no_expert", score=1.0, evidence={"check": "no_expert", **evidence}))
    if not members:  # nothing entered to judge by: say so, never more than „niedrig“
        out = [f.uncertain([body], {body: name}, "Mitglieder (Blatt „Mitgliedschaften“)")
               for f in out]
    return out


def _represented_by_people(m: NetworkMap, node: str) -> bool:
    """An office or organisation whose persons are in the map acts through them."""
    if m.graph.nodes[node].get("form") is ActorForm.PERSON:
        return False
    return any(d["kind"] is EdgeKind.BELONGS_TO
               and m.graph.nodes[u].get("form") is ActorForm.PERSON
               for u, _, d in m.graph.in_edges(node, data=True))


def _matching_findings(m: NetworkMap, actors: list[str], no_expert: set[str]
                       ) -> list[Finding]:
    graph = m.collaboration_graph()
    powers = [n for n in actors if is_power_promoter(m, n)]
    experts = [n for n in actors if is_expert_promoter(m, n)]
    if not powers or not experts:
        return []
    power_set, expert_set = set(powers), set(experts)
    out: list[Finding] = []
    for node in powers:
        if node in expert_set or expert_set & set(graph[node]):
            continue
        if _represented_by_people(m, node) or set(m.memberships(node)) & no_expert:
            continue  # its people are judged, or the steering finding already says it
        out.append(Finding.create(
            "promoter", "medium", f"{m.name(node)} (Rolle Machtpromotor) ohne Verbindung "
                                  "zu Fachpromotoren",
            text=f"{named(m, node)} sitzt mit keinem Fachpromotor in einem Gremium und hat "
                 f"keine direkte Beziehung zu einem ({name_list(m, experts)}).",
            recommendation="Macht- und Fachpromotoren zusammenbringen, z. B. in der "
                           "Steuerungsgruppe oder einem gemeinsamen Planungsworkshop.",
            nodes=[node], key="unmatched_power", score=0.5,
            evidence={"check": "unmatched_power", "experts": len(experts)}))
    lonely: dict[str, list[str]] = {}
    for node in experts:
        if node in power_set or power_set & set(graph[node]):
            continue
        where = m.graph.nodes[node].get("municipality") or ""
        lonely.setdefault(str(where), []).append(node)
    for where, nodes in sorted(lonely.items()):
        place = f" ({where})" if where else ""
        # a person's role, not their gender: "Dr. Heike Sommer (Rolle Fachpromotor)"
        count = (f"{m.name(nodes[0])} ({where + ', ' if where else ''}Rolle Fachpromotor)"
                 if len(nodes) == 1 else f"{len(nodes)} Fachpromotoren{place}")
        out.append(Finding.create(
            "promoter", "low", f"{count} ohne Verbindung zu Machtpromotoren",
            text=f"{name_list(m, nodes)} {'sitzt' if len(nodes) == 1 else 'sitzen'} mit "
                 "keinem Machtpromotor in einem Gremium und "
                 f"{'hat' if len(nodes) == 1 else 'haben'} keine direkte Beziehung zu einem.",
            recommendation="Der Fachexpertise Rückendeckung verschaffen: Zugang zu einem "
                           "Gremium mit Verwaltungsspitze oder Dezernat.",
            nodes=sorted(nodes)[:50], key=f"unmatched_expert:{where}",
            score=len(nodes) / max(len(experts), 1),
            evidence={"check": "unmatched_expert", "count": len(nodes),
                      "powers": len(powers)}))
    return out


def _sector_findings(m: NetworkMap, actors: list[str]) -> list[Finding]:
    present: dict[Sector, int] = {}
    promoted: set[Sector] = set()
    for n in actors:
        d = m.graph.nodes[n]
        sector = d.get("sector")
        if sector is None:
            continue
        present[sector] = present.get(sector, 0) + 1
        if set(d.get("roles", ())) & set(_PROMOTER_ROLES) or is_power_promoter(m, n):
            promoted.add(sector)
    out: list[Finding] = []
    for sector in Sector:
        if sector not in present or sector in promoted:
            continue
        severity: Severity = "low" if sector in CORE_SECTORS else "info"
        out.append(Finding.create(
            "promoter", severity, f"Keine Promotoren im Handlungsfeld {sector.label}",
            text=f"Keiner der {present[sector]} Akteure und Ämter im Handlungsfeld "
                 f"{sector.label} ist als Macht-, Fach-, Prozess- oder Beziehungspromotor "
                 "eingetragen.",
            recommendation=f"Im Handlungsfeld {sector.label} eine Person gewinnen, die die "
                           "Präventionskette fachlich oder mit ihrer Position vorantreibt.",
            key=f"sector:{sector.value}", score=present[sector] / max(len(actors), 1),
            evidence={"check": "sector_without_promoter", "sector": sector.value,
                      "actors": present[sector]}))
    return out
