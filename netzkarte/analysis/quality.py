"""Quality framework (Qualitätsrahmen): the Präventionsstandards the map can answer.

The quality framework ("Der Qualitätsrahmen zum Aufbau einer Präventionskette",
docs/grundlagen.md) sets out four stations (Leitbild, strategische Ziele, kommunale Steuerung,
wissensbasiertes Handeln), each with Präventionsstandards and Prüffragen; the slides
"Präventionsketten: Was? Warum? Wie? In NRW?" add
the reflection questions a–g ("Welche Voraussetzungen liegen in meiner Kommune schon
vor?"). Each check below answers one of them from the data, with status

* ``pass`` — the data shows the standard is met;
* ``warn`` — partly met, or met with a caveat named in the evidence;
* ``fail`` — the data shows it is not met;
* ``unknown`` — the data cannot tell (a column left empty, nothing recorded to judge by).
  Never a guessed pass.

Every ``fail`` and ``warn`` also becomes a :class:`Finding` of kind ``quality_standard``.
The German list of checks is in ``docs/qualitaetsrahmen.md``.

Examples
--------
>>> from netzkarte import NetworkMap
>>> checks, findings = check_quality(NetworkMap())
>>> {c.id: c.status for c in checks}["qs-steering-exists"]
'unknown'
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from netzkarte.analysis.coverage import need_ranks
from netzkarte.analysis.steering import steering_bodies, steering_groups
from netzkarte.analysis.transitions import TieIndex, tie_index, transition_sides
from netzkarte.districts import district_names, offer_district
from netzkarte.model import NetworkMap
from netzkarte.results import STATUS_TEXT, Finding, QualityCheck, Severity, Status
from netzkarte.text import count_noun, join_and, number, quote
from netzkarte.vocab import (
    LIFE_PHASE_ORDER,
    ActorForm,
    CommitteeType,
    EdgeKind,
    LifePhase,
    MemberFunction,
    NodeType,
    OfferStatus,
    Rank,
    Role,
    Sector,
    Tier,
    Transition,
    fold,
)

__all__ = ["CHECKS", "check_quality", "steering_committees"]

log = logging.getLogger(__name__)

REQUIRED_SECTORS: tuple[Sector, ...] = (Sector.YOUTH_WELFARE, Sector.EDUCATION, Sector.SOCIAL,
                                        Sector.URBAN, Sector.HEALTH)
_HIGH_RANKS = (Rank.TOP, Rank.DEPARTMENT_HEAD, Rank.OFFICE_HEAD)
_POWER_RANKS = (Rank.TOP, Rank.DEPARTMENT_HEAD)
_POWER_CATEGORIES = frozenset({"Verwaltungsspitze", "Dezernat"})
_CIVIL_CATEGORIES = frozenset({"Ehrenamtsinitiative", "Migrantenorganisation",
                               "Kirchengemeinde", "Stiftung", "Sportverein"})
_WORD = re.compile(r"\w+")
_NETWORKS: dict[str, tuple[str, ...]] = {
    "Frühe Hilfen": ("fruehehilfen",),
    "KAoA / Übergang Schule–Beruf": ("kaoa", "keinabschlussohneanschluss",
                                     "uebergangschuleberuf", "jugendberufsagentur"),
    "Bildungsbüro / Regionales Bildungsnetzwerk": ("bildungsbuero", "bildungsnetzwerk", "rbn"),
    "Kommunales Integrationszentrum": ("integrationszentrum",),
    "Gesundheitskonferenz": ("gesundheitskonferenz",),
}


def steering_committees(m: NetworkMap) -> list[str]:
    """The steering group(s) the checks look at (:func:`~netzkarte.analysis.steering.
    steering_groups`: the Steuerungsgruppe, one of the steering bodies).

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap(); m.add_node("S", "committee", committee_type="Lenkungskreis")
    >>> steering_committees(m)
    ['S']
    """
    return steering_groups(m)


@dataclass
class _Ctx:
    """What several checks need, computed once."""

    m: NetworkMap
    opts: dict[str, Any]
    steering: list[str]
    committees: list[str]
    idx: TieIndex
    reports: dict[str, list[str]] = field(default_factory=dict)

    def label(self, node: str) -> str | None:
        """The recognised category (built-in or the Kommune's own), else the raw text."""
        rec = self.m.classify(node)
        if rec.info is not None:
            return rec.info.label
        cat = self.m.graph.nodes[node].get("category")
        return str(cat) if cat else None

    def names(self, ids: Iterable[str]) -> str:
        return join_and([self.m.name(i) for i in ids]) or "–"

    def quoted(self, ids: Iterable[str]) -> str:
        """Names in „…“, for after a preposition: the article a name needs is unknown
        („in „Steuerungsgruppe Kindertal““, not „in Steuerungsgruppe Kindertal“)."""
        return join_and([quote(self.m.name(i)) for i in ids]) or "–"

    def members(self, committee: str, *, guests: bool = True) -> list[str]:
        return [u for u, _, d in self.m.graph.in_edges(committee, data=True)
                if d["kind"] is EdgeKind.MEMBER
                and (guests or d.get("function") is not MemberFunction.GUEST)]

    def organisations(self, node: str) -> list[str]:
        return [v for _, v, d in self.m.graph.out_edges(node, data=True)
                if d["kind"] is EdgeKind.BELONGS_TO]

    def sectors(self, node: str) -> set[Sector]:
        """A person speaks for its organisation; its own (default) sector only without one."""
        data = self.m.graph.nodes[node]
        if data.get("form") is ActorForm.PERSON:
            orgs = self.organisations(node)
            if orgs:
                return {s for o in orgs if (s := self.m.graph.nodes[o].get("sector"))}
        sector = data.get("sector")
        return {sector} if sector else set()

    def is_power(self, node: str) -> bool:
        data = self.m.graph.nodes[node]
        return (data.get("rank") in _POWER_RANKS or self.label(node) in _POWER_CATEGORIES
                or Role.POWER_PROMOTER in (data.get("roles") or ()))

    def reaches(self, start: str, targets: set[str]) -> bool:
        seen, queue = {start}, deque([start])
        while queue:
            for nxt in self.reports.get(queue.popleft(), ()):
                if nxt in targets:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        return False

    def active_offers(self) -> list[str]:
        return [n for n, d in self.m.graph.nodes(data=True)
                if d["type"] is NodeType.OFFER and d.get("status") is not OfferStatus.ENDED]


def _qc(check: Callable[[_Ctx], tuple[Status, str, list[str]]], ctx: _Ctx) -> QualityCheck:
    cid, title, standard = _META[check.__name__]
    status, evidence, nodes = check(ctx)
    return QualityCheck(id=cid, title=title, status=status, evidence=evidence,
                        standard=standard, nodes=tuple(nodes))


def _no_steering() -> tuple[Status, str, list[str]]:
    return "unknown", "Ohne Steuerungsgruppe in der Karte nicht prüfbar.", []


# --- station 3: steering --------------------------------------------------------------------


def steering_exists(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Station 3, standard "Aufbau einer verlässlichen, kommunal abgestimmten
    Steuerungsstruktur"; reflection question d (Steuerungsgruppe)."""
    if ctx.steering:
        others = [c for c in steering_bodies(ctx.m) if c not in ctx.steering]
        also = (f" Weitere Steuerungsgremien: {ctx.names(others)}; die Standards des "
                "Qualitätsrahmens gelten der Steuerungsgruppe." if others else "")
        return "pass", f"Steuerungsgruppe: {ctx.names(ctx.steering)}.{also}", ctx.steering
    if not ctx.committees:
        return "unknown", "Die Karte enthält keine Gremien.", []
    return ("fail", f"Unter den {len(ctx.committees)} Gremien ist keine Steuerungsgruppe "
            "(Gremientyp Steuerungsgruppe/Lenkungskreis oder Steuerungsebene a).", [])


def steering_sectors(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Station 3, "Besetzung der Steuerungsgruppe": at least Kinder- und Jugendhilfe,
    Schule, Soziales, Stadtentwicklung and Gesundheit(-sförderung) are represented — in
    each steering group (a Kreis with several Kommunen has several)."""
    if not ctx.steering:
        return _no_steering()
    if not any(ctx.members(c) for c in ctx.steering):
        return ("unknown", f"Für {ctx.names(ctx.steering)} sind keine Mitglieder eingetragen; "
                "die Besetzung lässt sich nicht prüfen. Tragen Sie die Mitglieder im Blatt "
                "„Mitgliedschaften“ ein.", list(ctx.steering))
    required: Sequence[Sector] = ctx.opts["required_sectors"]
    gaps: dict[str, list[Sector]] = {}
    for c in ctx.steering:
        present: set[Sector] = set()
        for member in ctx.members(c):
            present |= ctx.sectors(member)
        missing = [s for s in required if s not in present]
        if missing:
            gaps[c] = missing
    if not gaps:
        return "pass", "Alle geforderten Bereiche sind vertreten.", []
    blind = [member for c in gaps for member in ctx.members(c) if not ctx.sectors(member)]
    if blind:
        # members without Handlungsfeld might be exactly the missing sectors
        text = "; ".join(f"In {quote(ctx.m.name(c))} scheinen zu fehlen: "
                         + ", ".join(s.label for s in missing) for c, missing in gaps.items())
        return ("unknown", f"{text}. Nicht beurteilbar, weil bei {ctx.quoted(blind)} kein "
                "Handlungsfeld eingetragen ist.", blind)
    worst = max(len(v) for v in gaps.values())
    status: Status = "warn" if worst <= 2 else "fail"
    text = "; ".join(f"In {quote(ctx.m.name(c))} fehlen: " + ", ".join(s.label for s in missing)
                     for c, missing in gaps.items())
    return status, text + ".", list(gaps)


def steering_rank(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Station 3 Prüffrage: "Sind die beteiligten Fachbereiche hochrangig vertreten, also
    mindestens auf der Ebene der Amtsleitung?" Guests are not counted, nor is whoever sits
    there with the function Koordination: the coordination is a Stabsstelle by design
    (station 3) and attends to run the group, not to represent a Fachbereich."""
    if not ctx.steering:
        return _no_steering()
    coordinating = {u for c in ctx.steering for u, _, d in ctx.m.graph.in_edges(c, data=True)
                    if d["kind"] is EdgeKind.MEMBER
                    and d.get("function") is MemberFunction.COORDINATION}
    members = sorted({u for c in ctx.steering for u in ctx.members(c, guests=False)}
                     - coordinating)
    if not members:
        return "unknown", f"Für {ctx.quoted(ctx.steering)} sind keine Mitglieder eingetragen.", []
    known = {u: ctx.m.graph.nodes[u].get("rank") for u in members}
    known = {u: r for u, r in known.items() if r is not None}
    if not known:
        return "unknown", "Bei keinem Mitglied ist die Hierarchieebene eingetragen.", []
    low = sorted(u for u, r in known.items() if r not in _HIGH_RANKS)
    unknown = len(members) - len(known)
    if not low and unknown * 2 <= len(members):
        return ("pass", f"Alle {len(known)} Mitglieder mit bekannter Hierarchieebene sind "
                "mindestens Amtsleitung" + (f"; bei {unknown} fehlt die Angabe." if unknown
                                            else "."), [])
    if low and len(low) * 2 > len(known):
        return "fail", f"Unterhalb der Amtsleitung: {ctx.names(low)}.", low
    text = (f"Unterhalb der Amtsleitung: {ctx.names(low)}. " if low else "") + \
        (f"Bei {unknown} von {len(members)} Mitgliedern fehlt die Hierarchieebene."
         if unknown else "")
    return "warn", text.strip(), low


def steering_power(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Station 1 standard "Prävention ist Chef-/Chefinnensache" and station 3 (Leadership
    des Verwaltungsvorstandes): each steering group is chaired or backed by the
    Verwaltungsspitze, a Dezernat or a Machtpromotor."""
    if not ctx.steering:
        return _no_steering()
    chaired, backed, without, unjudged = [], [], [], []
    for c in ctx.steering:
        chairs: set[str] = set()
        members: set[str] = set()
        for u, _, d in ctx.m.graph.in_edges(c, data=True):
            if d["kind"] is EdgeKind.MEMBER:
                members.add(u)
                if d.get("function") is MemberFunction.CHAIR:
                    chairs.add(u)
        lead = ctx.m.graph.nodes[c].get("lead")
        if isinstance(lead, str) and lead in ctx.m.graph:
            chairs.add(lead)
        if any(ctx.is_power(u) for u in chairs):
            chaired.append(c)
        elif any(ctx.is_power(u) for u in members):
            backed.append(c)
        elif any(ctx.m.graph.nodes[u].get("rank") or ctx.m.graph.nodes[u].get("roles")
                 or ctx.label(u) for u in members | chairs):
            without.append(c)
        else:
            unjudged.append(c)
    if without:
        return ("fail", "Weder Verwaltungsspitze noch Dezernat noch ein Machtpromotor sitzt in "
                f"{ctx.quoted(without)}.", without)
    if backed:
        return ("warn", f"In {ctx.quoted(backed)} ist die Verwaltungsspitze (oder ein "
                "Machtpromotor) Mitglied, hat aber nicht den Vorsitz.", backed)
    if unjudged and not chaired:
        return "unknown", "Weder Hierarchieebene noch Rollen der Mitglieder sind eingetragen.", []
    text = f"Vorsitz/Federführung bei Verwaltungsspitze oder Machtpromotor: " \
        f"{ctx.names(chaired)}."
    if unjudged:
        return "warn", text + f" Nicht beurteilbar: {ctx.names(unjudged)}.", unjudged
    return "pass", text, chaired


def steering_legitimated(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Station 3 Prüffrage "Ist die Steuerungsstruktur durch Politik und Verwaltungsvorstand
    legitimiert?"; station 1 "Demokratische Legitimation"."""
    if not ctx.steering:
        return _no_steering()
    values = {c: ctx.m.graph.nodes[c].get("legitimated") for c in ctx.steering}
    no = sorted(c for c, v in values.items() if v is False)
    empty = sorted(c for c, v in values.items() if v is None)
    if no:
        return "fail", f"Nicht politisch legitimiert: {ctx.names(no)}.", no
    if len(empty) == len(values):
        return "unknown", f"„Politisch legitimiert“ ist bei {ctx.quoted(ctx.steering)} nicht " \
            "ausgefüllt.", []
    if empty:
        return "warn", f"„Politisch legitimiert“ fehlt bei {ctx.quoted(empty)}.", empty
    return "pass", f"Politisch beschlossen: {ctx.names(ctx.steering)}.", []


def coordination_exists(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Station 3 standard "Einsetzung einer entscheidungsbefähigten hauptamtlichen
    Netzwerkkoordination" (role Netzwerkkoordination, not an Ehrenamt)."""
    coords = _coordinators(ctx)
    if not coords and not any(d.get("roles") for _, d in ctx.m.graph.nodes(data=True)):
        return ("unknown", "In der Karte ist bei niemandem eine Rolle eingetragen; ob es eine "
                "Netzwerkkoordination gibt, lässt sich nicht prüfen. Tragen Sie bei der "
                "koordinierenden Person oder Stelle die Rolle Netzwerkkoordination ein.", [])
    if not coords:
        return "fail", "Niemand hat die Rolle Netzwerkkoordination.", []
    volunteer = [c for c in coords if ctx.m.graph.nodes[c].get("rank") is Rank.VOLUNTEER]
    if len(volunteer) == len(coords):
        return ("warn", f"Die Koordination ({ctx.names(coords)}) ist ehrenamtlich, nicht "
                "hauptamtlich.", coords)
    return "pass", f"Netzwerkkoordination: {ctx.names(coords)}.", coords


def _coordinators(ctx: _Ctx) -> list[str]:
    return [n for n, d in ctx.m.graph.nodes(data=True)
            if Role.COORDINATOR in (d.get("roles") or ())]


def coordination_rank(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Station 3: the coordination sits "hoch genug" — a Stabsfunktion at Amtsleitung,
    Dezernat or Verwaltungsspitze (rank Stabsstelle or higher, or attached to
    Verwaltungsspitze/Dezernat); Abteilungsleitung only with "Prokura" (warn)."""
    coords = _coordinators(ctx)
    if not coords:
        return "unknown", "Keine Netzwerkkoordination in der Karte.", []
    ok_ranks = (*_HIGH_RANKS, Rank.STAFF_UNIT)
    good, middle, low, unknown = [], [], [], []
    for c in coords:
        rank = ctx.m.graph.nodes[c].get("rank")
        attached = any(ctx.label(o) in _POWER_CATEGORIES or
                       ctx.m.graph.nodes[o].get("rank") in _POWER_RANKS
                       for o in ctx.organisations(c))
        if rank in ok_ranks:
            good.append(c)
        elif attached or rank is Rank.DIVISION_HEAD:
            middle.append(c)
        elif rank is None:
            unknown.append(c)
        else:
            low.append(c)
    if good:
        return "pass", "Ausreichend hoch angesiedelt: " + "; ".join(
            f"{ctx.m.name(c)} ({ctx.m.graph.nodes[c]['rank'].label})" for c in good) + ".", good
    if middle:
        return ("warn", f"{ctx.names(middle)}: keine Stabsfunktion; eigenständiges Handeln "
                "(„Prokura“) muss eigens geregelt sein.", middle)
    if low:
        return ("fail", f"{ctx.names(low)} ist als Fachkraft/Ehrenamt angesiedelt – zu niedrig "
                "für eigenständige Außenkontakte.", low)
    return "unknown", f"Bei {ctx.quoted(unknown)} ist die Hierarchieebene nicht eingetragen.", []


def networks_tied(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Station 3 "Bestehende Strukturen nutzen" and Prüffrage "Ist die Kooperation … mit
    präventionsrelevanten, aufgabenspezifischeren Netzwerken (Frühe Hilfen, KAoA, regionale
    Bildungsnetzwerke etc.) geregelt?": each such network (also Bildungsbüro, KI,
    Gesundheitskonferenz) shares a member with the steering or reports to it."""
    found = _existing_networks(ctx)
    if not found:
        return "unknown", "Keine der bekannten Strukturen (Frühe Hilfen, KAoA, Bildungsbüro/" \
            "RBN, KI, Gesundheitskonferenz) ist in der Karte erkennbar.", []
    if not ctx.steering:
        return _no_steering()
    steer = set(ctx.steering)
    steer_members = {u for c in ctx.steering for u in ctx.members(c)}
    tied, loose = [], []
    for node in found:
        if _tied(ctx, node, steer, steer_members):
            tied.append(node)
        else:
            loose.append(node)
    if not loose:
        return "pass", f"Mit der Steuerungsgruppe verbunden: {ctx.names(tied)}.", tied
    status: Status = "warn" if tied else "fail"
    return status, f"Ohne gemeinsames Mitglied und ohne Berichtsweg zur Steuerungsgruppe: " \
        f"{ctx.names(loose)}." + (f" Verbunden: {ctx.names(tied)}." if tied else ""), loose


def _existing_networks(ctx: _Ctx) -> list[str]:
    out = []
    for node, data in ctx.m.graph.nodes(data=True):
        if data["type"] not in (NodeType.COMMITTEE, NodeType.OFFICE) or node in ctx.steering:
            continue
        texts = [str(data.get("name", "")), *(str(t) for t in data.get("topics") or ()),
                 ctx.label(node) or ""]
        whole = " ".join(fold(t) for t in texts)
        words = {fold(w) for t in texts for w in _WORD.findall(t)}
        for keys in _NETWORKS.values():
            if any((k in words) if len(k) <= 4 else (k in whole) for k in keys):
                out.append(node)
                break
    return out


def _tied(ctx: _Ctx, node: str, steer: set[str], steer_members: set[str]) -> bool:
    g = ctx.m.graph
    if g.nodes[node]["type"] is NodeType.COMMITTEE:
        return bool(set(ctx.members(node)) & steer_members) or ctx.reaches(node, steer)
    if node in steer_members:
        return True
    staff = {u for u, _, d in g.in_edges(node, data=True) if d["kind"] is EdgeKind.BELONGS_TO}
    if staff & steer_members:
        return True
    return any(ctx.reaches(c, steer) for c in ctx.m.memberships(node))


def tiers_exist(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Station 3 "tiefengestaffelte Steuerungsstruktur": (a) gesamtkommunale Leitung,
    (b) gesamtkommunale Koordinierung, (c) operative Steuerung im Sozialraum."""
    tiers = {t: [c for c in ctx.committees if ctx.m.graph.nodes[c].get("tier") is t]
             for t in Tier}
    if not any(tiers.values()):
        return "unknown", "Die Steuerungsebene (a/b/c) ist bei keinem Gremium eingetragen.", []
    missing = [t for t in Tier if not tiers[t]]
    if not missing:
        return "pass", "; ".join(f"{t.label}: {ctx.names(tiers[t])}" for t in Tier) + ".", []
    status: Status = "warn" if len(missing) == 1 else "fail"
    return status, "Es fehlt: " + ", ".join(t.label for t in missing) + ".", []


def reporting_lines(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Station 3 / Kindertal: feedback from the operative level reaches the steering
    ("Berichtet an" from c via b to a; a direct c → a line counts too)."""
    tier_a = {c for c in ctx.committees if ctx.m.graph.nodes[c].get("tier") is Tier.A}
    lower = [c for c in ctx.committees
             if ctx.m.graph.nodes[c].get("tier") in (Tier.B, Tier.C)]
    if not tier_a or not lower:
        return "unknown", "Es gibt keine Gremien der Ebene a und der Ebenen b/c, deren " \
            "Berichtswege sich prüfen ließen.", []
    cut = [c for c in lower if not ctx.reaches(c, tier_a)]
    if not cut:
        return "pass", f"Alle {len(lower)} Gremien der Ebenen b und c berichten (mittelbar) " \
            f"an {ctx.quoted(sorted(tier_a))}.", []
    status: Status = "warn" if len(cut) < len(lower) else "fail"
    return status, f"Ohne Berichtsweg zur Ebene a: {ctx.names(cut)}.", cut


def district_bodies(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Station 3 tier (c) and reflection question g (Sozialraumkonferenzen):
    every district has an operative body (tier c or Sozialraumkonferenz of that district)."""
    names = district_names(ctx.m)
    if not names:
        return "unknown", "Keine Sozialräume in der Karte.", []
    if ctx.committees and not any(
            ctx.m.graph.nodes[c].get("tier") or ctx.m.graph.nodes[c].get("committee_type")
            is CommitteeType.DISTRICT_CONFERENCE for c in ctx.committees):
        return ("unknown", "Bei keinem Gremium ist eine Steuerungsebene eingetragen (und keines "
                "ist eine Sozialraumkonferenz); welche Gremien operativ im Sozialraum arbeiten, "
                "lässt sich nicht erkennen.", [])
    covered = set()
    for c in ctx.committees:
        data = ctx.m.graph.nodes[c]
        if data.get("district") and (data.get("tier") is Tier.C or data.get(
                "committee_type") is CommitteeType.DISTRICT_CONFERENCE):
            covered.add(fold(data["district"]))
    missing = [names[k] for k in names if k not in covered]
    if not missing:
        return "pass", f"Alle {len(names)} Sozialräume haben ein operatives Gremium.", []
    status: Status = "fail" if len(missing) == len(names) else "warn"
    return status, "Ohne operatives Gremium: " + ", ".join(missing) + ".", []


def meeting_rhythm(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Station 3 "tiefengestaffelte Steuerungsstruktur": tier a meets e.g. quarterly,
    tier b e.g. monthly or fortnightly (thresholds ``min_meetings_a`` / ``_b``)."""
    need = {Tier.A: ctx.opts["min_meetings_a"], Tier.B: ctx.opts["min_meetings_b"]}
    rated, low = [], []
    for c in ctx.committees:
        data = ctx.m.graph.nodes[c]
        tier, n = data.get("tier"), data.get("meetings_per_year")
        if tier in need and n is not None:
            rated.append(c)
            if float(n) < need[tier]:
                low.append(c)
    if not rated:
        return "unknown", "Sitzungen pro Jahr sind für Gremien der Ebenen a/b nicht " \
            "eingetragen.", []
    if low:
        rhythm = [f"{ctx.m.name(c)} ("
                  + number(ctx.m.graph.nodes[c]['meetings_per_year'])
                  + "×/Jahr)" for c in low]
        return "warn", "Seltener als empfohlen: " + "; ".join(rhythm) + ".", low
    return "pass", f"Sitzungsrhythmus erfüllt bei {ctx.quoted(rated)}.", []


# --- stations 1, 2, 4 and the guidelines ----------------------------------------------------


def mission_goals(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Station 1 (Präventionsleitbild) and station 2 (strategische Ziele); reflection questions
    reflection questions b and c. Both empty gives ``unknown``: the metadata block is
    optional, an empty field cannot tell "no Leitbild" from "not entered"."""
    mission, goals = ctx.m.meta.mission.strip(), [g for g in ctx.m.meta.goals if g.strip()]
    if mission and goals:
        return "pass", f"Leitbild „{mission}“ und {len(goals)} strategische Ziele erfasst.", []
    if mission:
        return "warn", f"Leitbild „{mission}“ erfasst, aber keine strategischen Ziele.", []
    if goals:
        return "warn", f"{len(goals)} strategische Ziele, aber kein Leitbild erfasst.", []
    return "unknown", "Leitbild und strategische Ziele sind nicht eingetragen.", []


def contracts(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Station 1 standard "Verbindliche Implementierung durch Kontrakt" (edge Kontrakt)."""
    pairs = [(u, v) for u, v, _, _ in ctx.m.iter_edges(EdgeKind.CONTRACT)]
    if not pairs:
        return "warn", "Kein Kontrakt erfasst (Beziehungsart Kontrakt).", []
    shown = "; ".join(f"{ctx.m.name(u)} – {ctx.m.name(v)}" for u, v in pairs[:5])
    more = (f" und {count_noun(len(pairs) - 5, 'weiterer', 'weitere')}" if len(pairs) > 5
            else "")
    return "pass", f"{len(pairs)} Kontrakte: {shown}{more}.", []


def phase_offers(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Leitlinie "lückenloses Netz" from pregnancy to work (Leitlinie Eltern stärken;
    the life phases of docs/grundlagen.md): every life phase has a running or planned offer."""
    offers = ctx.active_offers()
    if not offers:
        return "unknown", "Die Karte enthält keine laufenden oder geplanten Angebote.", []
    covered = {p for o in offers for p in ctx.m.graph.nodes[o].get("life_phases") or ()}
    missing = [p for p in LIFE_PHASE_ORDER if p not in covered]
    if not missing:
        return "pass", f"Alle Lebensphasen haben Angebote ({len(offers)} Angebote).", []
    status: Status = "warn" if len(missing) <= 2 else "fail"
    return status, "Ohne Angebot: " + ", ".join(LifePhase(p).label for p in missing) + ".", []


def transition_committees(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Leitlinie "(Bildungs-)Übergänge fließend gestalten" and the 2011 call for the model
    project (Kita – Schule – Beruf): for each transition a committee has members from both sides."""
    bridged, open_, unclear = [], [], []
    for t in Transition:
        earlier, later = transition_sides(ctx.m, t, max_span=ctx.opts["max_span"])
        if not earlier or not later:
            unclear.append(t)
            continue
        e_com = {c for u in earlier for c in ctx.idx.committees[u]}
        later_set = set(later)
        if any(ctx.idx.members[c] & later_set for c in e_com):
            bridged.append(t)
        else:
            open_.append(t)
    if not bridged and not open_:
        return "unknown", "Für keinen Übergang sind Einrichtungen beider Seiten erfasst.", []
    parts = []
    if open_:
        parts.append("Kein gemeinsames Gremium: " + ", ".join(t.label for t in open_) + ".")
    if unclear:
        parts.append("Nicht beurteilbar (eine Seite fehlt in der Karte): "
                     + ", ".join(t.label for t in unclear) + ".")
    if bridged:
        parts.append("Mit gemeinsamem Gremium: " + ", ".join(t.label for t in bridged) + ".")
    status: Status = ("pass" if not open_ and not unclear else
                      "fail" if not bridged else "warn")
    return status, " ".join(parts), []


def guides(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Leitlinie "Aufsuchender Ansatz", Clearing- und Lotsenfunktion (Lotsen, docs/grundlagen.md):
    someone has the role Lotse or an offer of category Lotsendienst exists."""
    g = ctx.m.graph
    found = [n for n, d in g.nodes(data=True)
             if Role.GUIDE in (d.get("roles") or ()) or
             (d["type"] is NodeType.OFFER and ctx.label(n) == "Lotsendienst"
              and d.get("status") is not OfferStatus.ENDED)]
    if found:
        return "pass", f"Lotsen: {ctx.names(found)}.", found
    if any(True for _ in ctx.m.iter_edges(EdgeKind.REFERRAL)):
        return "warn", "Vermittlungswege sind erfasst, aber niemand hat die Rolle Lotse.", []
    return "fail", "Weder Lotsen noch Lotsendienste noch Vermittlungswege erfasst.", []


def venue_offers(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Leitlinie "Aufsuchender Ansatz – Platzierung des Angebots in der Regeleinrichtung":
    offers held in a Kita, school or Familienzentrum (Ort) or outreach offers exist,
    above all in the burdened districts (need rank ≥ ``burdened_rank``)."""
    offers = ctx.active_offers()
    if not offers:
        return "unknown", "Die Karte enthält keine laufenden oder geplanten Angebote.", []
    g = ctx.m.graph

    def in_facility(offer: str) -> bool:  # an office as Ort (town hall): no Regeleinrichtung
        venue = g.nodes[offer].get("venue")
        return isinstance(venue, str) and venue in g and g.nodes[venue]["type"] is NodeType.ACTOR

    placed = [o for o in offers if in_facility(o) or g.nodes[o].get("outreach") is True]
    if not placed:
        return "fail", "Kein Angebot findet in einer Regeleinrichtung statt oder ist " \
            "aufsuchend.", []
    col, _, ranks = need_ranks(ctx.m, ctx.opts["need_indicator"])
    names = district_names(ctx.m)
    burdened = [k for k, r in ranks.items() if r >= ctx.opts["burdened_rank"]]
    have = {fold(d) for o in placed if (d := offer_district(ctx.m, o))}
    lacking = [names.get(k, k) for k in sorted(burdened) if k not in have]
    if lacking:
        return ("warn", f"{len(placed)} Angebote in Regeleinrichtungen/aufsuchend, aber keines "
                f"in den belasteten Sozialräumen (nach „{col}“): {', '.join(lacking)}.", [])
    where = f", auch in allen belasteten Sozialräumen (nach „{col}“)" if burdened else ""
    return "pass", f"{len(placed)} Angebote in Regeleinrichtungen oder aufsuchend{where}.", []


def civil_society(ctx: _Ctx) -> tuple[Status, str, list[str]]:
    """Leitlinie "Beteiligungsorientierung" and "Verantwortungsgemeinschaft mit ausgeprägt
    zivilgesellschaftlicher Komponente": civil-society or parents' organisations
    (Ehrenamt, Elterninitiativen, Migrantenorganisationen …) sit on some committee."""
    g = ctx.m.graph
    civil = []
    for n, d in g.nodes(data=True):
        if d["type"] is not NodeType.ACTOR:
            continue
        info = ctx.m.classify(n).info
        # a civic category counts whatever Sektor was typed (Stadtteilmütter run by the
        # Diakonie, entered under Kinder- und Jugendhilfe); a sports club is a Verein
        civic = (d.get("sector") is Sector.CIVIL_SOCIETY or ctx.label(n) in _CIVIL_CATEGORIES
                 or (info is not None and info.sector is Sector.CIVIL_SOCIETY
                     and info.label != "Person"))
        if d.get("form") is ActorForm.PERSON:
            typed_civic = (d.get("sector") is Sector.CIVIL_SOCIETY
                           and "sector" not in ctx.m.defaulted.get(n, {}))
            if d.get("rank") is Rank.VOLUNTEER or typed_civic:
                civil.append(n)
        elif civic:
            civil.append(n)
    if not civil:
        blind = [n for n, d in g.nodes(data=True)
                 if d["type"] is NodeType.ACTOR and d.get("form") is not ActorForm.PERSON
                 and d.get("sector") is None]
        if blind:
            return ("unknown", "Kein Akteur ist als zivilgesellschaftlich eingeordnet; bei "
                    f"{ctx.names(blind)} fehlt das Handlungsfeld (etwa Vereine oder "
                    "Elterninitiativen?). Tragen Sie es ein, dann lässt sich das prüfen.", blind)
        return "fail", "Keine zivilgesellschaftlichen Akteure oder Elternvertretungen " \
            "in der Karte.", []
    # an organisation sits where its people sit (the Stadtteilmutter in the network)
    people: dict[str, list[str]] = {}
    for u, v, e in g.edges(data=True):
        if e["kind"] is EdgeKind.BELONGS_TO:
            people.setdefault(v, []).append(u)
    seated = [n for n in civil
              if ctx.m.memberships(n) or any(ctx.m.memberships(p) for p in people.get(n, ()))]
    if seated:
        return "pass", f"In Gremien vertreten: {ctx.names(seated)}.", seated
    return ("warn", f"{ctx.names(civil)} sitzen in keinem Gremium.", civil)


_META: dict[str, tuple[str, str, str]] = {
    "steering_exists": ("qs-steering-exists", "Steuerungsgruppe vorhanden",
                        "Station 3: verlässliche Steuerungsstruktur; Reflexionsfrage d"),
    "steering_sectors": ("qs-steering-sectors", "Steuerungsgruppe bereichsübergreifend besetzt",
                         "Station 3: Besetzung der Steuerungsgruppe"),
    "steering_rank": ("qs-steering-rank", "Mitglieder mindestens auf Ebene der Amtsleitung",
                      "Station 3, Prüffrage „hochrangig vertreten“"),
    "steering_power": ("qs-steering-power", "Verwaltungsspitze trägt die Steuerung",
                       "Station 1: Prävention ist Chef-/Chefinnensache"),
    "steering_legitimated": ("qs-steering-legitimated", "Steuerung politisch legitimiert",
                             "Station 3, Prüffrage Legitimation; Station 1"),
    "coordination_exists": ("qs-coordination-exists", "Hauptamtliche Netzwerkkoordination",
                            "Station 3: hauptamtliche Netzwerkkoordination"),
    "coordination_rank": ("qs-coordination-rank", "Koordination hoch genug angesiedelt",
                          "Station 3: Stabsfunktion auf Ebene Amtsleitung oder höher"),
    "networks_tied": ("qs-networks-tied", "Bestehende Netzwerke an die Steuerung angebunden",
                      "Station 3: bestehende Strukturen nutzen"),
    "tiers_exist": ("qs-tiers", "Tiefengestaffelte Steuerung (Ebenen a, b, c)",
                    "Station 3: tiefengestaffelte Steuerungsstruktur"),
    "reporting_lines": ("qs-reporting-lines", "Berichtswege von c über b nach a",
                        "Station 3 / Kindertal: Rückkopplung zur Steuerungsgruppe"),
    "district_bodies": ("qs-district-bodies", "Jeder Sozialraum hat ein operatives Gremium",
                        "Station 3 Ebene c; Reflexionsfrage g"),
    "meeting_rhythm": ("qs-meeting-rhythm", "Sitzungsrhythmus der Steuerungsebenen",
                       "Station 3: vierteljährlich (a), monatlich (b)"),
    "mission_goals": ("qs-mission-goals", "Leitbild und strategische Ziele",
                      "Stationen 1 und 2; Reflexionsfragen b und c"),
    "contracts": ("qs-contracts", "Verbindlichkeit durch Kontrakte",
                  "Station 1: Implementierung durch Kontrakt"),
    "phase_offers": ("qs-phase-offers", "Angebote für jede Lebensphase",
                     "Leitlinie: lückenloses Netz von der Schwangerschaft bis zum Beruf"),
    "transition_committees": ("qs-transition-committees", "Gremium für jeden Übergang",
                              "Leitlinie: Übergänge fließend gestalten"),
    "guides": ("qs-guides", "Lotsen vorhanden",
               "Leitlinie Aufsuchender Ansatz: Clearing- und Lotsenfunktion"),
    "venue_offers": ("qs-venue-offers", "Angebote in Regeleinrichtungen",
                     "Leitlinie Aufsuchender Ansatz: Platzierung in der Regeleinrichtung"),
    "civil_society": ("qs-civil-society", "Zivilgesellschaft und Eltern beteiligt",
                      "Leitlinie Beteiligungsorientierung"),
}

CHECKS: tuple[Callable[[_Ctx], tuple[Status, str, list[str]]], ...] = (
    steering_exists, steering_sectors, steering_rank, steering_power, steering_legitimated,
    coordination_exists, coordination_rank, networks_tied, tiers_exist, reporting_lines,
    district_bodies, meeting_rhythm, mission_goals, contracts, phase_offers,
    transition_committees, guides, venue_offers, civil_society,
)
"""All checks, in report order (each docstring names the standard it answers)."""

# (severity of a fail, severity of a warn)
_SEVERITY: dict[str, tuple[Severity, Severity]] = {
    "qs-steering-exists": ("high", "medium"), "qs-coordination-exists": ("high", "medium"),
    "qs-steering-sectors": ("high", "medium"), "qs-steering-power": ("high", "medium"),
}
_RECOMMENDATION: dict[str, str] = {
    "qs-steering-exists": "Eine ämter- und trägerübergreifende Steuerungsgruppe auf "
    "Leitungsebene einsetzen oder ein bestehendes Gremium mit diesem Auftrag versehen.",
    "qs-steering-sectors": "Die fehlenden Bereiche in die Steuerungsgruppe einladen.",
    "qs-steering-rank": "Die Fachbereiche bitten, mindestens die Amtsleitung zu entsenden.",
    "qs-steering-power": "Verwaltungsspitze oder Dezernat für den Vorsitz gewinnen "
    "(„Chefsache“), z. B. über einen Quartiersrundgang.",
    "qs-steering-legitimated": "Die Steuerungsstruktur durch Rat/Ausschuss und "
    "Verwaltungsvorstand beschließen lassen und das in der Karte eintragen.",
    "qs-coordination-exists": "Eine hauptamtliche, im Stellenplan verankerte "
    "Netzwerkkoordination einsetzen.",
    "qs-coordination-rank": "Die Koordination als Stabsstelle bei Amtsleitung, Dezernat oder "
    "Verwaltungsspitze ansiedeln oder ihr „Prokura“ für ämterübergreifendes Handeln geben.",
    "qs-networks-tied": "Die genannten Netzwerke über ein gemeinsames Mitglied oder einen "
    "Berichtsweg an die Steuerungsgruppe anbinden, statt Parallelstrukturen aufzubauen.",
    "qs-tiers": "Die fehlenden Steuerungsebenen einrichten oder bestehenden Gremien zuordnen.",
    "qs-reporting-lines": "Für die genannten Gremien „Berichtet an“ festlegen.",
    "qs-district-bodies": "In den genannten Sozialräumen eine Sozialraumkonferenz oder "
    "operative Runde einrichten.",
    "qs-meeting-rhythm": "Sitzungsrhythmus prüfen: Leitungsebene etwa vierteljährlich, "
    "Koordinierungsebene etwa monatlich.",
    "qs-mission-goals": "Leitbild und strategische Ziele beschließen und in der Karte "
    "eintragen.",
    "qs-contracts": "Leitbild und Ziele per Kontrakt mit Trägern, Kreis und Netzwerken "
    "verbindlich machen.",
    "qs-phase-offers": "Für die fehlenden Lebensphasen Angebote planen.",
    "qs-transition-committees": "Für die genannten Übergänge ein Gremium mit Einrichtungen "
    "beider Seiten schaffen oder ein bestehendes beauftragen.",
    "qs-guides": "Lotsen in Regeleinrichtungen benennen (Clearing- und Lotsenfunktion).",
    "qs-venue-offers": "Angebote in vertrauten Einrichtungen der belasteten Sozialräume "
    "platzieren, z. B. Sprechstunden im Familienzentrum.",
    "qs-civil-society": "Eltern, Initiativen und Migrantenorganisationen in Gremien "
    "beteiligen.",
}


def check_quality(
    m: NetworkMap, *,
    required_sectors: Sequence[Sector] = REQUIRED_SECTORS,
    need_indicator: str | None = None,
    burdened_rank: float = 0.5,
    min_meetings_a: float = 4,
    min_meetings_b: float = 10,
    max_span: int = 2,
) -> tuple[list[QualityCheck], list[Finding]]:
    """Run every check of the quality framework.

    Parameters
    ----------
    m : NetworkMap
        The map.
    required_sectors : sequence of Sector
        Sectors the steering group must cover; default the five the quality framework names
        as minimum
        (Kinder- und Jugendhilfe, Schule, Soziales, Stadtentwicklung, Gesundheit).
    need_indicator : str, optional
        District need column (auto-detected: SGB II, Armut, BuT).
    burdened_rank : float, default 0.5
        Districts whose need percentile rank is at least this count as burdened (the
        upper half) for the venue-offer check.
    min_meetings_a, min_meetings_b : float, default 4 and 10
        Quality framework: tier a meets e.g. quarterly (4), tier b e.g. monthly (12; 10 allows for
        the summer break).
    max_span : int, default 2
        As in :func:`~netzkarte.analysis.transitions.find_transition_gaps`.

    Returns
    -------
    tuple[list[QualityCheck], list[Finding]]
        One check per entry of :data:`CHECKS` (ids ``qs-…``), and a ``quality_standard``
        finding for every ``fail`` (severity medium, high for the core checks) and ``warn``
        (low, medium for the core checks).

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> checks, _ = check_quality(NetworkMap())
    >>> len(checks) >= 15
    True
    """
    ctx = _Ctx(m=m, opts={"required_sectors": tuple(required_sectors),
                          "need_indicator": need_indicator, "burdened_rank": burdened_rank,
                          "min_meetings_a": min_meetings_a, "min_meetings_b": min_meetings_b,
                          "max_span": max_span},
               steering=steering_committees(m), committees=m.node_ids(NodeType.COMMITTEE),
               idx=tie_index(m))
    for u, v, _, _ in m.iter_edges(EdgeKind.REPORTS_TO):
        ctx.reports.setdefault(u, []).append(v)
    checks = [_qc(check, ctx) for check in CHECKS]
    findings: list[Finding] = []
    for qc in checks:
        if qc.status not in ("fail", "warn"):
            continue
        fail_sev, warn_sev = _SEVERITY.get(qc.id, ("medium", "low"))
        severity = fail_sev if qc.status == "fail" else warn_sev
        findings.append(Finding.create(
            "quality_standard", severity, f"{qc.title}: {STATUS_TEXT[qc.status]}",
            text=qc.evidence, recommendation=_RECOMMENDATION.get(qc.id, ""), nodes=qc.nodes,
            score=1.0 if qc.status == "fail" else 0.5,
            evidence={"check": qc.id, "status": qc.status, "standard": qc.standard},
            key=qc.id))
    log.info("Qualitätsrahmen: %d Prüfungen, %d Befunde", len(checks), len(findings))
    return checks, findings
