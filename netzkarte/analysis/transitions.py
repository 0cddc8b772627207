"""Missing links at transitions (Übergangslücken): Kita → Grundschule, Schule → Beruf …

The quality framework ("(Bildungs-)Übergänge fließend gestalten") and the 2011 call for the
model project ("Kooperations- und
Steuerungsbedarf … im Übergang zwischen den Systemen (Kita – Schule – Beruf)") ask whether
the institutions a child leaves are linked to the institutions it moves on to. For every
transition and every district this module lists the institutions of the earlier phase
without a tie to any institution of the later phase, checks whether a committee brings
both sides together, and suggests the most plausible new links.

Which side an institution is on
-------------------------------
An institution is an actor of form Einrichtung or Organisation (persons and offers are
not; a person's ties count for the organisation it belongs to, an offer's for its provider
and venue). Its life phases are its own or its category's defaults (Kita: 0–3 and 3–6,
Grundschule: 6–10 …). For the transition *e → l* it is on the

* **earlier side** if its phases include *e*, not *l*, and it serves at most
  ``max_span`` phases;
* **later side** if its phases include *l*, not *e*, and it serves at most ``max_span``
  phases;
* if its phases include both *e* and *l*, on the side of its category's core phase
  (:func:`~netzkarte.vocab.core_phase`): a Kita (0–3 and 3–6) is on the later side of
  Familie → Kita; Hebamme, Geburtsklinik and Schwangerschaftsberatung (pregnancy and 0–3)
  are on the earlier side of Geburt → Frühe Hilfen. Without a core phase it is on neither
  side.
* An institution whose category has a core phase *outside* the transition is on neither
  side: a Geburtsklinik or a Hebamme is about birth, not about Familie → Kita; a Kita is not
  part of Geburt → Frühe Hilfen.

So at Familie → Kita every Kindertagespflege and Frühförderstelle should be tied to some
Kita, and at Geburt → Frühe Hilfen every Geburtsklinik, Hebamme (of form Einrichtung) and
Schwangerschaftsberatung to some institution of the early help (Kindertagespflege,
Frühförderstelle …).

An institution with a Sozialraum is judged in that Sozialraum, whatever *Ebene* says
("Kommune" on a Kita means a municipal Kita). Institutions working for the whole town or
Kreis — no Sozialraum, Ebene Kreis or Land, or a category serving the whole town such as
the Geburtsklinik, the Jobcenter or the Agentur für Arbeit — are judged in the
whole-municipality finding only and count as partners for every district, whatever their
address (:func:`~netzkarte.analysis.datenlage.local_district`). A category that is part of
another institution (the OGS of a Grundschule) is on neither side.

A finding that says an institution is "ohne Verbindung" must know what it could not see:
when the institution is tied to a partner whose category or life phases are unknown, that
partner may well be the other side. Such institutions are listed as possibly linked, not
as unlinked; when every unlinked institution is possibly linked, or the finding says no
committee brings both sides together while a committee of theirs has unclassified members,
the finding is ``unsicher`` and at most ``low``
(:meth:`~netzkarte.analysis.findings.Finding.uncertain`).

Förderschulen (``special_schools``) are on neither side of the general rule: a Kita's tie
to a Förderschule does not link it to the Grundschule most of its children go to, and the
quality framework's "soziale Inklusion" aims at the regular school. At Schule → Beruf they count as
schools.

Offices (Schulamt, Jugendamt) are administration, not institutions children pass through:
they are on neither side, except the Jobcenter at Schule → Beruf.

Institutions serving more phases (Familienzentrum, Erziehungsberatungsstelle,
Kinderarztpraxis, Jugendamt) accompany children *across* transitions; they are never
reported as unlinked and never count as "the other side". For Schule → Beruf the earlier
side is every school (sector Schule und Bildung, phases include 10–16 Jahre, so Gesamtschule
and Gymnasium too) and the later side is the Jobcenter, the Agentur für Arbeit, the
Berufskolleg and the Kammer (``work_partners``).

A tie is a cooperation, a contract or a referral (also between offers of the two, or one
offer provided by one and held in the other — only offers that run, not planned or ended
ones), or a committee both sit on. Partners are
looked for in the institution's own district plus town-wide institutions; when the district
has no institution of the later phase at all, in the whole municipality.

Examples
--------
>>> from netzkarte import NetworkMap
>>> m = NetworkMap("Kindertal")
>>> m.add_node("K", "actor", name="Kita Regenbogen", category="Kita", district="Nord")
>>> m.add_node("G", "actor", name="Grundschule Nord", category="Grundschule",
...            district="Nord")
>>> [f.title for f in find_transition_gaps(m, transitions=["kita->primary"])][0]
'Kita → Grundschule in Nord: 1 von 1 Einrichtungen ohne Verbindung'
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from netzkarte.analysis.coverage import need_ranks
from netzkarte.analysis.datenlage import BlindSpots, blind_spots, is_institution, local_district
from netzkarte.districts import district_names, haversine_km
from netzkarte.errors import OptionError
from netzkarte.kommunen import PARTNERS_ONLY
from netzkarte.model import NetworkMap
from netzkarte.results import Finding, Severity, TransitionRow
from netzkarte.text import join_and, number
from netzkarte.vocab import (
    CategoryInfo,
    CommitteeType,
    EdgeKind,
    LifePhase,
    NodeType,
    OfferStatus,
    Sector,
    Tier,
    Transition,
    category_info,
    core_phase,
    fold,
)

__all__ = ["TieIndex", "find_transition_gaps", "tie_index", "transition_rows",
           "transition_sides"]

log = logging.getLogger(__name__)

WORK_PARTNERS: tuple[str, ...] = ("Jobcenter", "Agentur für Arbeit", "Jugendberufsagentur",
                                   "Berufskolleg", "Kammer")
SPECIAL_SCHOOLS: tuple[str, ...] = ("Förderschule",)
_TIE_KINDS = (EdgeKind.COOPERATION, EdgeKind.CONTRACT, EdgeKind.REFERRAL)
_RUNNING = (None, OfferStatus.RUNNING)


@dataclass
class TieIndex:
    """Who is tied to whom among institutions and offices (built once per map)."""

    ties: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    parents: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    committees: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    members: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def partners(self, node: str) -> set[str]:
        """Direct partners and organisations (for common-neighbour ranking)."""
        return self.ties[node] | self.parents[node]


def tie_index(m: NetworkMap) -> TieIndex:
    """Ties between institutions/offices, resolving persons and offers to their owners.

    A person stands for the organisations it belongs to, an offer for its providers and
    its venue; an offer provided by one institution and held in another ties the two.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("K", "actor", category="Kita"); m.add_node("G", "actor",
    ...                                                       category="Grundschule")
    >>> m.add_node("O", "offer", venue="K"); _ = m.add_edge("G", "O", "provides")
    >>> sorted(tie_index(m).ties["K"])
    ['G']
    """
    g = m.graph
    idx = TieIndex()
    owners: dict[str, set[str]] = {}

    def resolve(node: str) -> set[str]:
        if node in owners:
            return owners[node]
        data = g.nodes[node]
        out: set[str] = set()
        if is_institution(data):
            out.add(node)
        elif data["type"] is NodeType.ACTOR:  # a person
            out.update(v for _, v, d in g.out_edges(node, data=True)
                       if d["kind"] is EdgeKind.BELONGS_TO and is_institution(g.nodes[v]))
        elif data["type"] is NodeType.OFFER and data.get("status") in _RUNNING:
            # a planned or ended offer links nobody yet (or any more)
            out.update(u for u, _, d in g.in_edges(node, data=True)
                       if d["kind"] is EdgeKind.PROVIDES and is_institution(g.nodes[u]))
            venue = data.get("venue")
            if isinstance(venue, str) and venue in g and is_institution(g.nodes[venue]):
                out.add(venue)
        owners[node] = out
        return out

    def tie(a_set: Iterable[str], b_set: Iterable[str]) -> None:
        b_list = list(b_set)
        for a in a_set:
            for b in b_list:
                if a != b:
                    idx.ties[a].add(b)
                    idx.ties[b].add(a)

    for u, v, d in g.edges(data=True):
        kind = d["kind"]
        if kind in _TIE_KINDS:
            tie(resolve(u), resolve(v))
        elif kind is EdgeKind.MEMBER:
            for a in resolve(u):
                idx.committees[a].add(v)
                idx.members[v].add(a)
        elif kind is EdgeKind.BELONGS_TO and is_institution(g.nodes[u]):
            idx.parents[u].add(v)
    for node, data in g.nodes(data=True):
        if data["type"] is NodeType.OFFER:
            owners_ = resolve(node)
            tie(owners_, owners_)
    return idx


def _label_of(category: str) -> str:
    info = category_info(category)
    return info.label if info is not None else category


def transition_sides(m: NetworkMap, transition: Transition | str, *, max_span: int = 2,
                     work_partners: Sequence[str] = WORK_PARTNERS,
                     special_schools: Sequence[str] = SPECIAL_SCHOOLS
                     ) -> tuple[list[str], list[str]]:
    """Ids of the earlier-side and later-side institutions of a transition.

    See the module docstring for the rule.

    Raises
    ------
    OptionError
        For an unknown transition name.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("K", "actor", category="Kita"); m.add_node("F", "actor",
    ...                                                       category="Familienzentrum")
    >>> m.add_node("G", "actor", category="Grundschule")
    >>> transition_sides(m, "kita->primary")
    (['K'], ['G'])
    """
    t = Transition.parse(transition)
    if t is None:
        raise OptionError(f"Unbekannter Übergang {transition!r}. Erlaubt: "
                         + ", ".join(x.value for x in Transition) + ".")
    early, late = t.phases
    work = {_label_of(w) for w in work_partners}
    special = {_label_of(c) for c in special_schools}
    earlier: list[str] = []
    later: list[str] = []
    # in one Kommune's map cut from a Kreis, the Kreis's institutions are partners only:
    # judged once, for the Kreis (their reach into each Kommune), not once per Kommune
    outside: frozenset[str] = m.graph.graph.get(PARTNERS_ONLY, frozenset())
    for node, data in m.graph.nodes(data=True):
        if not is_institution(data):
            continue
        info = m.classify(node).info
        if info is not None and not getattr(info, "institution", True):
            continue  # part of another institution (the OGS of a Grundschule)
        label = info.label if info is not None else None
        phases = set(data.get("life_phases") or ())
        is_actor = data["type"] is NodeType.ACTOR
        if t is Transition.SCHOOL_WORK:
            if label in work:
                later.append(node)
            elif is_actor and data.get("sector") is Sector.EDUCATION and \
                    LifePhase.SECONDARY in phases:
                earlier.append(node)
            continue
        if not is_actor or not phases or len(phases) > max_span or label in special:
            continue
        core = core_phase(label) if label is not None else None
        if core is not None and core not in (early, late):
            continue  # a Geburtsklinik is about birth, not about Familie → Kita
        if early in phases and late in phases:
            # spans both phases: its category's core phase decides (a Kita at Familie → Kita)
            if core is early:
                earlier.append(node)
            elif core is late:
                later.append(node)
        elif early in phases:
            earlier.append(node)
        elif late in phases:
            later.append(node)
    if outside:
        earlier = [n for n in earlier if n not in outside]
    return earlier, later


def _names(m: NetworkMap, ids: Iterable[str]) -> str:
    return join_and([m.name(i) for i in ids])


def _quoted(m: NetworkMap, ids: Iterable[str]) -> str:
    """Names in „…“, for after a preposition (their articles are unknown)."""
    return join_and([f"„{m.name(i)}“" for i in ids])


def _coords(m: NetworkMap, node: str) -> tuple[float, float] | None:
    data = m.graph.nodes[node]
    lat, lon = data.get("lat"), data.get("lon")
    return (float(lat), float(lon)) if lat is not None and lon is not None else None


def _suggest(m: NetworkMap, idx: TieIndex, node: str, candidates: Sequence[str],
             limit: int, later: LifePhase | None = None) -> list[dict[str, Any]]:
    """Rank candidates: those whose category is about the ``later`` phase first (the
    Grundschule before the Abenteuerspielplatz at Kita → Grundschule), then same district,
    more common partners, shorter distance, name."""
    home = m.graph.nodes[node].get("district")
    mine = idx.partners(node)
    here = _coords(m, node)
    ranked: list[tuple[tuple[int, int, int, float, str], dict[str, Any]]] = []
    for c in candidates:
        there = m.graph.nodes[c].get("district")
        same = bool(home and there and fold(home) == fold(there))
        common = sorted(mine & idx.partners(c))
        pos = _coords(m, c)
        dist = haversine_km(*here, *pos) if here and pos else math.inf
        reasons = ["im selben Sozialraum" if same else
                   f"Sozialraum {there}" if there else "gesamtstädtisch"]
        if common:
            reasons.append(f"{len(common)} gemeinsame{'r' if len(common) == 1 else ''} "
                           f"Partner ({_names(m, common)})")
        if dist < math.inf:
            reasons.append(f"{number(dist, 1)} km entfernt")
        core = 0 if later is None or _about(m.classify(c).info, later) else 1
        ranked.append(((core, 0 if same else 1, -len(common), dist, m.name(c)),
                       {"for": node, "for_name": m.name(node), "id": c, "name": m.name(c),
                        "reason": ", ".join(reasons), "common_partners": len(common),
                        "distance_km": None if dist == math.inf else round(dist, 3)}))
    ranked.sort(key=lambda r: r[0])
    return [dict(r[1], rank=i + 1) for i, r in enumerate(ranked[:limit])]


def _about(info: CategoryInfo | None, phase: LifePhase) -> bool:
    """Is a category mainly about ``phase`` (Grundschule: 6–10 Jahre; Kita at 3–6)?"""
    if info is None:
        return False
    return info.core is phase or (info.core is None and info.life_phases == (phase,))


def _bodies_phrase(m: NetworkMap, bodies: list[str]) -> str:
    """„das Gremium „A““ or „eines der Gremien „A“ oder „B““ (names without articles)."""
    names = [f"„{m.name(b)}“" for b in bodies]
    return f"das Gremium {names[0]}" if len(names) == 1 else \
        f"eines der Gremien {' oder '.join(names)}"


def _end(sentence: str) -> str:
    """The sentence with its full stop, unless a name already ends it („… e. V.“)."""
    return sentence if sentence.endswith((".", "!", "?")) else f"{sentence}."


def _district_bodies(m: NetworkMap, district: str) -> list[str]:
    """The committees working in a Sozialraum, operative ones (tier c, Sozialraumkonferenz)
    first."""
    key = fold(district)
    found = [c for c in m.node_ids(NodeType.COMMITTEE)
             if fold(str(m.graph.nodes[c].get("district") or "")) == key]
    return sorted(found, key=lambda c: (m.graph.nodes[c].get("tier") is not Tier.C
                                        and m.graph.nodes[c].get("committee_type")
                                        is not CommitteeType.DISTRICT_CONFERENCE, m.name(c)))


def _severity(score: float) -> Severity:
    if score >= 0.6:
        return "high"
    return "medium" if score >= 0.3 else "low"


def transition_rows(m: NetworkMap, findings: Iterable[Finding], *, max_span: int = 2,
                    work_partners: Sequence[str] = WORK_PARTNERS,
                    special_schools: Sequence[str] = SPECIAL_SCHOOLS) -> list[TransitionRow]:
    """Per transition of the whole Kommune: institutions of the earlier phase linked and not
    linked to the later phase (the transition figure of the report).

    ``findings`` are the transition gaps found (in report order; of several for the whole
    Kommune the last counts); a transition without one counts its earlier side as linked.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("K", "actor", category="Kita"); m.add_node("G", "actor", category="Grundschule")
    >>> row = transition_rows(m, find_transition_gaps(m))[2]
    >>> row.transition, row.linked, row.unlinked
    ('kita->primary', 0, 1)
    """
    whole = {f.transition: f for f in findings
             if f.kind == "transition_gap" and f.district is None}
    rows = []
    for t in Transition:
        f = whole.get(t.value)
        if f is not None:
            evidence = f.typed_evidence("transition_gap")
            earlier = int(evidence.get("earlier_count") or 0)
            if not evidence.get("later_count"):
                rows.append(TransitionRow(t.value, 0, earlier,
                                          "keine Partner der späteren Phase erfasst"))
                continue
            unlinked = len(evidence.get("unlinked") or ())
            note = "" if evidence.get("committees") else "kein gemeinsames Gremium"
            rows.append(TransitionRow(t.value, earlier - unlinked, unlinked, note))
        else:
            count = len(transition_sides(m, t, max_span=max_span, work_partners=work_partners,
                                         special_schools=special_schools)[0])
            rows.append(TransitionRow(t.value, count, 0,
                                      "" if count else "keine Einrichtungen erfasst"))
    return rows


def find_transition_gaps(
    m: NetworkMap, *,
    transitions: Sequence[Transition | str] = tuple(Transition),
    max_suggestions: int = 3,
    max_span: int = 2,
    work_partners: Sequence[str] = WORK_PARTNERS,
    special_schools: Sequence[str] = SPECIAL_SCHOOLS,
    need_indicator: str | None = None,
) -> list[Finding]:
    """Institutions of the earlier phase without a tie to the later phase, per district.

    Parameters
    ----------
    m : NetworkMap
        The map.
    transitions : sequence, default all five
        Transition names (``"kita->primary"`` …) or :class:`~netzkarte.vocab.Transition`.
    max_suggestions : int, default 3
        New links suggested per unlinked institution: three gives a choice without
        burying the most plausible one.
    max_span : int, default 2
        Institutions serving more life phases than this span the transition themselves
        (Familienzentrum: three) and are left out; two keeps Kita (0–3, 3–6) in.
    work_partners : sequence of str, default Jobcenter, Agentur für Arbeit, Berufskolleg,
        Kammer — the partners a school must reach at Schule → Beruf.
    special_schools : sequence of str, default ("Förderschule",)
        Categories left out of the general rule (see the module docstring).
    need_indicator : str, optional
        District-table column for need (auto-detected as in
        :func:`~netzkarte.analysis.coverage.need_column`).

    Returns
    -------
    list[Finding]
        Kind ``transition_gap``: one per (transition, district) where an institution is
        unlinked or no committee brings both sides together, plus one per transition for
        the whole municipality (``district`` None). ``evidence``: ``unlinked`` (ids),
        ``earlier_count``, ``later_count``, ``share``, ``committees`` (ids of committees
        bringing both sides together), ``need_rank``, ``suggestions`` (list of
        ``{"for", "for_name", "id", "name", "reason", "rank"}``, ranked per institution).
        Severity from score = 0.6 × share unlinked + 0.25 (no committee) + 0.15 × need
        rank: high ≥ 0.6, medium ≥ 0.3.

    Raises
    ------
    OptionError
        For an unknown transition name.

    Notes
    -----
    One pass over the edges builds the tie index; then, per transition and district,
    work is linear in the institutions there (suggestions: unlinked × candidates).

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> find_transition_gaps(NetworkMap())
    []
    """
    idx = tie_index(m)
    spots = blind_spots(m)
    names = district_names(m)
    _, _, ranks = need_ranks(m, need_indicator)
    findings: list[Finding] = []
    for raw in transitions:
        t = Transition.parse(raw)
        if t is None:
            raise OptionError(f"Unbekannter Übergang {raw!r}.")
        earlier, later = transition_sides(m, t, max_span=max_span,
                                          work_partners=work_partners,
                                          special_schools=special_schools)
        if not earlier:
            continue
        if not later:
            findings.append(_no_later_side(m, spots, t, earlier, work_partners))
            continue
        later_set = set(later)
        by_district: defaultdict[str, list[str]] = defaultdict(list)
        later_by_district: defaultdict[str, list[str]] = defaultdict(list)
        wide_later: list[str] = []
        for node in earlier:
            d = local_district(m, node)
            if d:
                by_district[fold(d)].append(node)
        for node in later:
            d = local_district(m, node)
            (later_by_district[fold(d)] if d else wide_later).append(node)
        for key in sorted(by_district, key=lambda k: names.get(k, k)):
            local = later_by_district.get(key, [])
            fallback = not local
            partners = later if fallback else local + wide_later
            findings.extend(_gap(m, idx, spots, t, by_district[key], partners,
                                 names.get(key, key), ranks.get(key), fallback,
                                 max_suggestions, work_partners, later_set))
        findings.extend(_gap(m, idx, spots, t, earlier, sorted(later_set, key=m.name), None,
                             None, False, max_suggestions, work_partners))
    log.info("Übergangslücken: %d Befunde", len(findings))
    return findings


def _no_later_side(m: NetworkMap, spots: BlindSpots, t: Transition, earlier: list[str],
                   work_partners: Sequence[str]) -> Finding:
    """The map holds no institution of the later phase: the gaps cannot be judged."""
    school_work = t is Transition.SCHOOL_WORK
    later_word = (", ".join(work_partners) if school_work
                  else f"Einrichtung der Lebensphase {t.phases[1].label}")
    unplaced = [n for n in spots.reasons if spots.unplaceable(n)
                and is_institution(m.graph.nodes[n])]
    finding = Finding.create(
        "transition_gap", "medium" if school_work else "info",
        f"{t.label}: keine {later_word} in der Karte",
        text=(f"Die Karte enthält {len(earlier)} Einrichtungen der früheren Phase, aber keine "
              f"{later_word}; ob der Übergang {t.label} gestaltet ist, lässt sich nicht "
              "beurteilen."),
        recommendation=(f"{later_word} mit ihren Kooperationen und Gremien in der Karte "
                        "nachtragen."),
        nodes=earlier, transition=t.value, score=0.3 if school_work else 0.0,
        evidence={"unlinked": [], "earlier_count": len(earlier), "later_count": 0,
                  "share": None, "committees": [], "suggestions": []},
        key="no-later-side")
    if unplaced:
        return finding.uncertain(unplaced, _name_map(m, unplaced), "Kategorie und Lebensphasen")
    return finding


def _name_map(m: NetworkMap, nodes: Iterable[str]) -> dict[str, str]:
    return {n: m.name(n) for n in nodes}


def _unplaced_partners(idx: TieIndex, spots: BlindSpots, node: str) -> set[str]:
    """Partners of ``node`` (direct or on a shared committee) whose category or life
    phases are unknown: any of them may be the other side of the transition."""
    out = {p for p in idx.ties[node] if spots.unplaceable(p)}
    for c in idx.committees[node]:
        out.update(p for p in idx.members[c] if p != node and spots.unplaceable(p))
    return out


def _gap(m: NetworkMap, idx: TieIndex, spots: BlindSpots, t: Transition, earlier: list[str],
         partners: list[str], district: str | None, need_rank: float | None, fallback: bool,
         max_suggestions: int, work_partners: Sequence[str],
         later: set[str] | None = None) -> list[Finding]:
    pset = set(partners)
    # a direct tie links wherever the partner is (a Grundschule's pupils go to a secondary
    # school in the next district); a committee links only where it seats the district's
    # partners (a town-wide working group seats some school of the town)
    tied = later if later is not None else pset
    unlinked: list[str] = []
    maybe: dict[str, set[str]] = {}  # unlinked, but tied to an unclassified partner
    bridging: set[str] = set()
    reached: set[str] = set()
    for node in earlier:
        direct = idx.ties[node] & tied
        via = {c for c in idx.committees[node] if idx.members[c] & pset}
        bridging |= via
        reached |= direct
        for c in via:
            reached |= idx.members[c] & pset
        if not direct and not via:
            unplaced = _unplaced_partners(idx, spots, node)
            if unplaced:
                maybe[node] = unplaced
            else:
                unlinked.append(node)
    if not unlinked and bridging:
        return []
    committee_blind: set[str] = set()
    if not bridging:
        for node in earlier:
            for c in idx.committees[node]:
                committee_blind.update(p for p in idx.members[c] if spots.unplaceable(p))
    if not unlinked and maybe:
        # every institution that looks unlinked is tied to someone we cannot place
        return [_gap_finding(m, idx, t, earlier, partners, district, need_rank, fallback,
                             max_suggestions, work_partners, list(maybe), bridging, reached,
                             {}).uncertain(sorted(set().union(*maybe.values())),
                                           _name_map(m, set().union(*maybe.values())),
                                           "Kategorie und Lebensphasen")]
    finding = _gap_finding(m, idx, t, earlier, partners, district, need_rank, fallback,
                           max_suggestions, work_partners, unlinked, bridging, reached, maybe)
    if not unlinked and committee_blind:
        return [finding.uncertain(sorted(committee_blind), _name_map(m, committee_blind),
                                  "Kategorie und Lebensphasen")]
    return [finding]


def _gap_finding(m: NetworkMap, idx: TieIndex, t: Transition, earlier: list[str],
                 partners: list[str], district: str | None, need_rank: float | None,
                 fallback: bool, max_suggestions: int, work_partners: Sequence[str],
                 unlinked: list[str], bridging: set[str], reached: set[str],
                 maybe: dict[str, set[str]]) -> Finding:
    share = len(unlinked) / len(earlier)
    score = min(1.0, 0.6 * share + (0.25 if not bridging else 0.0) + 0.15 * (need_rank or 0))
    where = f"in {district}" if district else "in der Gesamtkommune"
    label = t.label
    # the district findings already carry suggestions for institutions of a district;
    # town-level ones (a Geburtsklinik with an address in Altstadt) get theirs here
    to_suggest = ([u for u in unlinked if not local_district(m, u)] if district is None
                  else unlinked)
    suggestions: list[dict[str, Any]] = []
    if partners:
        for u in to_suggest:
            suggestions.extend(_suggest(m, idx, u, partners, max_suggestions, t.phases[1]))
    if unlinked:
        title = f"{label} {where}: {len(unlinked)} von {len(earlier)} Einrichtungen ohne " \
                "Verbindung"
    else:
        title = f"{label} {where}: kein Gremium bringt beide Seiten zusammen"
    later_word = (", ".join(work_partners) if t is Transition.SCHOOL_WORK
                  else f"Einrichtung der Lebensphase {t.phases[1].label}")
    parts: list[str] = []
    if unlinked:
        parts.append(f"Ohne Kooperation, Kontrakt, Vermittlung oder gemeinsames Gremium mit "
                     f"einer {later_word}"
                     + ("" if district is None or not fallback else " (im Sozialraum gibt es "
                        "keine; gesucht wurde in der ganzen Kommune)")
                     + _end(f": {_names(m, unlinked)}"))
    if not partners:
        parts.append(f"Die Karte enthält keine {later_word}.")
    if maybe:
        parts.append("Nicht mitgezählt, weil sie über einen Partner ohne Kategorie oder "
                     "Lebensphasen verbunden sein könnten: " + "; ".join(
                         f"{m.name(u)} (über {_quoted(m, sorted(ps, key=m.name))})"
                         for u, ps in maybe.items()) + ".")
    if bridging:
        parts.append(_end("Gremien, die beide Seiten zusammenbringen: "
                          + _names(m, sorted(bridging))))
    else:
        parts.append(f"Kein Gremium {where} bringt Einrichtungen beider Seiten zusammen.")
    if t is Transition.SCHOOL_WORK:
        parts.append(_end("Erreichte Partner für den Übergang Schule → Beruf: "
                          + (_names(m, sorted(reached)) or "keine")))
    recs: list[str] = []
    by_inst: defaultdict[str, list[str]] = defaultdict(list)
    for s in suggestions:
        by_inst[s["for"]].append(f"„{s['name']}“ ({s['reason']})")
    for u, items in by_inst.items():
        recs.append(f"„{m.name(u)}“ mit {' oder '.join(items)} in Kontakt bringen")
    rec = "; ".join(recs) + ("." if recs else "")
    if not bridging:
        body = ("einen Arbeitskreis oder ein Netzwerk Schule–Beruf (etwa mit der "
                "Jugendberufsagentur; in NRW: KAoA)" if t is Transition.SCHOOL_WORK
                else "einen Arbeitskreis")
        there = _district_bodies(m, district) if district else []
        rec += ((" " if rec else "") + f"Für den Übergang {label} {where} {body} einrichten "
                + (f"oder das Thema in {_bodies_phrase(m, there[:2])} aufnehmen." if there else
                   "oder das Thema in ein bestehendes Gremium aufnehmen." if district is None
                   else "(ein Gremium des Sozialraums, das es aufnehmen könnte, ist nicht "
                   "erfasst)."))
    evidence: dict[str, Any] = {
        "unlinked": unlinked, "earlier_count": len(earlier), "later_count": len(partners),
        "share": round(share, 4), "committees": sorted(bridging), "need_rank": need_rank,
        "partners_from_whole_municipality": fallback, "suggestions": suggestions}
    if maybe:
        evidence["possibly_linked"] = {u: sorted(ps) for u, ps in maybe.items()}
    if t is Transition.SCHOOL_WORK:
        evidence["work_partners_reached"] = sorted(reached)
    severity = _severity(score)
    if not unlinked and severity != "low":
        # every institution is tied to the other side: a missing committee is a weakness of
        # the structure, not a child falling through the gap
        severity = "low"
    return Finding.create(
        "transition_gap", severity, title, text=" ".join(parts), recommendation=rec,
        nodes=unlinked or earlier,
        transition=t.value, district=district, score=score, evidence=evidence)
