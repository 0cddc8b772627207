"""Datenlage: what the analyses could not judge, and why.

An analysis that claims an absence ("kein Angebot für 0–3 Jahre in Nord", "Kita ohne
Verbindung zu einer Grundschule", "keine Kinderarztpraxis im Umkreis von 1,5 km") is only
as good as the classification of the map. A Krabbelgruppe whose category netzkarte does not know and
whose life phases are empty is invisible to the coverage analysis; a "Beratungsstelle" may
be an Erziehungs- or a Schwangerschaftsberatung. This module lists such blind spots once
per map (:func:`blind_spots`), so that every analysis can mark a finding as uncertain when
an unclassified node could fill the absence it claims, and :func:`data_quality` gathers
the *Datenlage* of ``analyse --json``: per analysis the nodes left out and why, the
uncertain findings, and what filling in the missing values would change.

Reasons (``REASONS``, German labels for messages):

* ``unknown_category`` / ``ambiguous_category`` / ``no_category`` — institutions, offices
  and offers whose category is not recognised (and whose name does not tell it either);
* ``no_life_phase`` — institutions and offers without life phases (none typed, none from
  the category): transitions and coverage cannot place them;
* ``no_district`` — facilities of a category that works in a Sozialraum (Kita, school …)
  but without one: they are judged town-wide;
* ``no_sector`` — actors and offices without Handlungsfeld: sector checks (steering group
  composition, civil society) and the E-I index cannot count them;
* ``planned_offer`` — offers only planned: they do not cover a district yet;
* ``no_answer`` — partners asked in a Bestandsaufnahme who have not answered (map
  metadata :data:`~netzkarte.vocab.NO_ANSWER_KEY`): their ties may be missing, so gaps,
  bottlenecks and isolation around them are judged on what others reported.

Examples
--------
>>> from netzkarte import NetworkMap
>>> m = NetworkMap()
>>> m.add_node("O", "offer", name="Spielkreis Wiesel", district="Nord")
>>> blind_spots(m).reasons["O"]
('no_category', 'no_life_phase')
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from netzkarte.model import NetworkMap
from netzkarte.results import (
    KIND_LABELS,
    REASONS,
    DataQuality,
    DataQualityAnalysis,
    DataQualityNode,
    Finding,
)
from netzkarte.text import enumerate_names
from netzkarte.vocab import NO_ANSWER_KEY, ActorForm, Level, Method, NodeType, OfferStatus

__all__ = [
    "AFFECTS",
    "REASONS",
    "BlindSpots",
    "blind_spots",
    "data_quality",
    "format_data_quality",
    "is_institution",
    "local_district",
]

AFFECTS: dict[str, tuple[str, ...]] = {
    "unknown_category": ("transition_gap", "coverage_gap"),
    "ambiguous_category": ("transition_gap", "coverage_gap"),
    "no_category": ("transition_gap", "coverage_gap"),
    "no_life_phase": ("transition_gap", "coverage_gap"),
    "no_district": ("transition_gap", "coverage_gap"),
    "no_sector": ("quality_standard", "metrics"),
    "planned_offer": ("coverage_gap",),
    "no_answer": ("transition_gap", "bottleneck", "isolated"),
}
"""Which analyses each reason blinds (``metrics``: E-I index and brokerage by sector)."""

_CATEGORY_REASONS = {Method.AMBIGUOUS: "ambiguous_category", Method.UNKNOWN: "unknown_category",
                     Method.EMPTY: "no_category"}
_CATEGORY_ONLY = frozenset({"unknown_category", "ambiguous_category", "no_category"})


def is_institution(data: dict[str, Any]) -> bool:
    """Offices and actors that are no person (facilities and organisations)."""
    return data["type"] is NodeType.OFFICE or (
        data["type"] is NodeType.ACTOR and data.get("form") is not ActorForm.PERSON)


def local_district(m: NetworkMap, node: str) -> str | None:
    """The Sozialraum a node works in, ``None`` when it works for the whole town or Kreis.

    A facility with a Sozialraum works there whatever *Ebene* says ("Kommune" on a Kita
    means a municipal Kita). Town-wide is: no Sozialraum, Ebene Kreis or Land, or a
    category serving the whole town (Geburtsklinik, Jobcenter, Agentur für Arbeit …).

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("K", "actor", name="Städt. Kita Nord", category="Kita",
    ...            level="Kommune", district="Nord")
    >>> m.add_node("J", "office", name="Jobcenter", category="Jobcenter")
    >>> local_district(m, "K"), local_district(m, "J")
    ('Nord', None)
    """
    data = m.graph.nodes[node]
    district = data.get("district")
    if not district or data.get("level") in (Level.COUNTY, Level.STATE):
        return None
    info = m.classify(node).info
    if info is not None and info.town_wide:
        return None
    return str(district)


@dataclass
class BlindSpots:
    """Per node the reasons it cannot be judged (only nodes with at least one reason)."""

    reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    candidates: dict[str, tuple[str, ...]] = field(default_factory=dict)
    offices: set[str] = field(default_factory=set)

    def with_reason(self, *reasons: str) -> list[str]:
        """Nodes having any of these reasons, in map order."""
        wanted = set(reasons)
        return [n for n, rs in self.reasons.items() if wanted.intersection(rs)]

    def unplaceable(self, node: str) -> bool:
        """``True`` when nothing says which life phases the node serves: it could be on
        either side of a transition and could fill any coverage gap.

        Actors and offers are placed by their life phases (typed or from the category), so
        a known phase is enough even without a category. Offices have no life-phase
        column: an office is unplaceable when its category is unknown (it might be the
        Jobcenter).
        """
        reasons = self.reasons.get(node, ())
        if node in self.offices:
            return bool(_CATEGORY_ONLY.intersection(reasons))
        return "no_life_phase" in reasons


def blind_spots(m: NetworkMap) -> BlindSpots:
    """The blind spots of a map, computed once and cached until the map changes.

    Linear in the number of nodes.
    """
    cached = m._cache.get("blind_spots")
    if isinstance(cached, BlindSpots):
        return cached
    out = BlindSpots()
    silent = {part.strip() for part in str(m.meta.extra.get(NO_ANSWER_KEY, "")).split(";")}
    for node, data in m.graph.nodes(data=True):
        ntype = data["type"]
        if ntype is NodeType.COMMITTEE:
            continue
        reasons: list[str] = []
        person = ntype is NodeType.ACTOR and data.get("form") is ActorForm.PERSON
        if not person:
            rec = m.classify(node)
            if rec.info is None:
                reasons.append(_CATEGORY_REASONS.get(rec.method, "unknown_category"))
                if rec.method is Method.AMBIGUOUS:
                    out.candidates[node] = rec.candidates
            if ntype is not NodeType.OFFICE and not data.get("life_phases"):
                reasons.append("no_life_phase")
            if ntype is NodeType.ACTOR and _district_bound(data, rec.info):
                reasons.append("no_district")
        if ntype is not NodeType.OFFER and data.get("sector") is None:
            reasons.append("no_sector")
        if ntype is NodeType.OFFER and data.get("status") is OfferStatus.PLANNED:
            reasons.append("planned_offer")
        if node in silent:
            reasons.append("no_answer")
        if reasons:
            out.reasons[node] = tuple(reasons)
            if ntype is NodeType.OFFICE:
                out.offices.add(node)
    m._cache["blind_spots"] = out
    return out


def _district_bound(data: dict[str, Any], info: Any) -> bool:
    """A facility of a category that works in a Sozialraum, but without one.

    Organisations and offers without a Sozialraum legitimately work town-wide (a
    Wohlfahrtsverband, a town-wide Elternkurs); a Kita or school without one cannot be
    judged in its district.
    """
    if data.get("district") or data.get("level") in (Level.COUNTY, Level.STATE):
        return False
    if data.get("form") is not ActorForm.FACILITY:
        return False
    return info is not None and not info.town_wide


def data_quality(m: NetworkMap, findings: Iterable[Finding], *,
                 only: Collection[str] | None = None) -> DataQuality:
    """The *Datenlage* of an analysis run (``data_quality`` in ``analyse --json``).

    ``only`` limits it to these nodes (one Kommune's own, in a map of several); the
    findings are taken as given.

    Returns
    -------
    DataQuality
        ``counts`` (reason → number of nodes), ``nodes`` (one entry per node with a blind
        spot: ``id``, ``name``, ``type``, ``category``, ``reasons`` and, for ambiguous
        categories, ``candidates``), ``analyses`` (finding kind → ``left_out``: ids of the
        nodes it could not judge, ``uncertain_findings``: ids of its uncertain findings),
        ``uncertain_findings`` (all of them) and ``advice`` (German sentences: what to fill
        in and what that would change).

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("O", "offer", name="Spielkreis Wiesel", district="Nord")
    >>> data_quality(m, [])["counts"]["no_life_phase"]
    1
    """
    spots = blind_spots(m)
    if only is not None:
        keep = set(only)
        spots = BlindSpots({n: r for n, r in spots.reasons.items() if n in keep},
                           {n: c for n, c in spots.candidates.items() if n in keep},
                           spots.offices & keep)
    findings = list(findings)
    counts: Counter[str] = Counter(r for rs in spots.reasons.values() for r in rs)
    nodes: list[DataQualityNode] = []
    left_out: defaultdict[str, list[str]] = defaultdict(list)
    for node, reasons in spots.reasons.items():
        data = m.graph.nodes[node]
        entry: DataQualityNode = {"id": node, "name": m.name(node), "type": data["type"].value,
                                  "category": data.get("category"), "reasons": list(reasons)}
        if node in spots.candidates:
            entry["candidates"] = list(spots.candidates[node])
        nodes.append(entry)
        for kind in dict.fromkeys(k for r in reasons for k in AFFECTS[r]):
            left_out[kind].append(node)
    uncertain: defaultdict[str, list[str]] = defaultdict(list)
    for f in findings:
        if f.confidence == "unsicher":
            uncertain[f.kind].append(f.id)
    kinds = sorted(set(left_out) | set(uncertain), key=_kind_order)
    analyses: dict[str, DataQualityAnalysis] = {
        k: {"left_out": left_out.get(k, []), "uncertain_findings": uncertain.get(k, [])}
        for k in kinds}
    return {"counts": {r: counts[r] for r in REASONS},
            "nodes": nodes,
            "analyses": analyses,
            "uncertain_findings": [i for k in kinds for i in uncertain.get(k, [])],
            "advice": _advice(m, spots, counts, uncertain)}


def _kind_order(kind: str) -> int:
    order = [*KIND_LABELS, "metrics"]
    return order.index(kind) if kind in order else len(order)


def _names(m: NetworkMap, nodes: list[str], limit: int = 5) -> str:
    return enumerate_names([m.name(n) for n in nodes], limit=limit, quoted=True)


def _advice(m: NetworkMap, spots: BlindSpots, counts: Counter[str],
            uncertain: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    n_uncertain = sum(len(v) for v in uncertain.values())
    decided = (f" Danach lassen sich {n_uncertain} unsichere Befunde sicher beurteilen."
               if n_uncertain else "")
    unplaced = spots.with_reason("unknown_category", "ambiguous_category", "no_category")
    if unplaced:
        ambiguous = spots.with_reason("ambiguous_category")
        amb = (f" Mehrdeutig sind {_names(m, ambiguous)}: wählen Sie die passende Kategorie."
               if ambiguous else "")
        out.append(f"{_count(unplaced, 'Eintrag', 'Einträge')} ohne erkannte Kategorie "
                   f"({_names(m, unplaced)}). "
                   "Tragen Sie eine Kategorie aus der Liste ein oder legen Sie im Blatt "
                   "„Kategorien“ eigene an; dann zählen sie bei Übergängen und in der "
                   f"Versorgung.{amb}{decided}")
        decided = ""
    phaseless = spots.with_reason("no_life_phase")
    if phaseless:
        what = _count(phaseless, "Einrichtung oder Angebot", "Einrichtungen oder Angebote")
        out.append(f"{what} ohne Lebensphase "
                   f"({_names(m, phaseless)}). Mit Lebensphasen gehen sie in Übergänge und "
                   f"Versorgungslücken ein.{decided}")
    no_district = spots.with_reason("no_district")
    if no_district:
        out.append(f"{_count(no_district, 'Eintrag', 'Einträge')} ohne Sozialraum "
                   f"({_names(m, no_district)}) "
                   f"{'wurde' if len(no_district) == 1 else 'wurden'} gesamtstädtisch "
                   "gewertet. Mit Sozialraum werden sie dort beurteilt, wo sie arbeiten.")
    no_sector = spots.with_reason("no_sector")
    if no_sector:
        out.append(f"{_count(no_sector, 'Akteur oder Amt', 'Akteure oder Ämter')} ohne "
                   "Handlungsfeld "
                   f"({_names(m, no_sector)}). Mit Handlungsfeld zählen sie bei der "
                   "Zusammensetzung der Steuerungsgruppe, bei zivilgesellschaftlichen Akteuren "
                   "und im E-I-Index.")
    silent = spots.with_reason("no_answer")
    if silent:
        out.append(f"{_count(silent, 'Partner hat', 'Partner haben')} auf die "
                   f"Bestandsaufnahme nicht geantwortet ({_names(m, silent)}). Ihre Kontakte "
                   "kennt die Karte nur aus den Angaben anderer; Übergänge, Engpässe und "
                   "Isolierte um sie herum stehen unter diesem Vorbehalt. Eine Erinnerung "
                   "lohnt sich.")
    if counts["planned_offer"]:
        planned = spots.with_reason("planned_offer")
        one = len(planned) == 1
        out.append(f"{len(planned)} {'Angebot ist' if one else 'Angebote sind'} erst geplant "
                   f"({_names(m, planned)}); {'es zählt' if one else 'sie zählen'} noch nicht "
                   "als Versorgung. Sobald es läuft, Status „laufend“ eintragen.")
    return out


def _count(nodes: list[str], one: str, many: str) -> str:
    return f"1 {one}" if len(nodes) == 1 else f"{len(nodes)} {many}"


def format_data_quality(dq: DataQuality) -> list[str]:
    """German lines for the command line's *Datenlage* section (empty when all is known).

    >>> format_data_quality({"counts": {}, "advice": [], "uncertain_findings": []})
    []
    """
    counts = {k: v for k, v in (dq.get("counts") or {}).items() if v}
    if not counts and not dq.get("uncertain_findings"):
        return []
    lines = ["Datenlage (was die Analysen nicht beurteilen konnten):"]
    if counts:
        lines.append("  " + "; ".join(f"{REASONS.get(k, k)}: {v}" for k, v in counts.items()))
    n = len(dq.get("uncertain_findings") or [])
    if n:
        lines.append(f"  {n} Befund{'e sind' if n != 1 else ' ist'} deshalb unsicher "
                     "(höchstens „niedrig“).")
    lines += [f"  – {a}" for a in dq.get("advice") or []]
    return lines
