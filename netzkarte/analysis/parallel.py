"""Parallel structures (Parallelstrukturen): duplicate committees and duplicate offers.

The quality framework (third station, "Kommunale Steuerung"; docs/grundlagen.md) asks to
integrate the existing networks instead of building new ones and warns twice against
*Parallelstrukturen*: bodies with the same mandate and largely the same people, above all
the same body existing at Kreis and at Kommune level ("Wie werden hier Doppelstrukturen
vermieden und Synergien genutzt?"). This
module finds such committee pairs and, on the offer side, offers of one kind by different
providers in one district of which at least one has no place – a question to coordinate,
not proof of a duplicate: several Elterncafés, each in its own Familienzentrum or in its
own district, are normal local provision.

Examples
--------
>>> from netzkarte import NetworkMap
>>> m = NetworkMap("Kindertal")
>>> for c, lvl in (("K1", "Kreis"), ("K2", "Kommune")):
...     m.add_node(c, "committee", name=f"Netzwerk Frühe Hilfen ({lvl})",
...                committee_type="Netzwerk", level=lvl, topics=["Frühe Hilfen"],
...                life_phases=["0-3"])
>>> for a in ("A", "B", "C"):
...     m.add_node(a, "office", name=f"Amt {a}")
...     _ = m.add_edge(a, "K1", "member"); _ = m.add_edge(a, "K2", "member")
>>> [f.kind for f in find_parallel_structures(m)]
['parallel_structure']
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from netzkarte.districts import offer_district
from netzkarte.model import NetworkMap
from netzkarte.results import Finding, Severity
from netzkarte.text import join_and, number
from netzkarte.vocab import (
    ActorForm,
    CommitteeType,
    EdgeKind,
    Level,
    LifePhase,
    Method,
    NodeType,
    OfferStatus,
    fold,
)

__all__ = ["STATUTORY_TYPES", "committee_pair_evidence", "find_parallel_structures",
           "mandate_words"]

log = logging.getLogger(__name__)

# Words that say what kind of body it is or where it sits, not what it is about.
_GENERIC_WORDS = frozenset(fold(w) for w in (
    "und", "der", "die", "das", "den", "dem", "des", "für", "fuer", "im", "in", "am", "an",
    "zum", "zur", "von", "vom", "mit", "bei", "nach", "auf", "aus", "über", "ueber", "e", "v",
    "netzwerk", "netzwerke", "arbeitskreis", "ak", "ag", "arbeitsgruppe", "arbeitsgemeinschaft",
    "gremium", "runde", "runder", "tisch", "kreis", "stadt", "gemeinde", "kommune",
    "kommunal", "kommunales", "kommunale", "kommunaler", "lokal", "lokales", "lokale", "regional",
    "regionales", "regionale", "gruppe", "konferenz", "steuerungsgruppe", "lenkungskreis",
    "projektgruppe", "qualitätszirkel", "sozialraumkonferenz", "stadtteilkonferenz", "sgb",
    "viii", "78", "nord", "süd", "ost", "west", "mitte", "sued",
))
_WORD = re.compile(r"[\w]+", re.UNICODE)

# Committee types that do the same kind of job; a pair of related types counts half.
_TYPE_FAMILIES: tuple[frozenset[CommitteeType], ...] = (
    frozenset({CommitteeType.STEERING_GROUP, CommitteeType.STEERING_CIRCLE}),
    frozenset({CommitteeType.NETWORK, CommitteeType.WORKING_GROUP, CommitteeType.AG78,
               CommitteeType.QUALITY_CIRCLE}),
    frozenset({CommitteeType.CONFERENCE, CommitteeType.DISTRICT_CONFERENCE}),
)
_WIDE_LEVELS = frozenset({Level.STATE, Level.COUNTY})
_MANDATE_WEIGHTS = {"topics": 0.45, "phases": 0.3, "type": 0.25}


def mandate_words(m: NetworkMap, committee: str) -> frozenset[str]:
    """Folded content words of a committee's topics (its name when no topic is given).

    Generic words (``Netzwerk``, ``Arbeitskreis``, ``Kreis``, articles …) and the names of
    the municipality and the committee's district are dropped, so ``"Netzwerk Frühe Hilfen
    Kreis"`` and ``"AK Frühe Hilfen"`` both give ``{"fruehe", "hilfen"}``.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap("Kindertal")
    >>> m.add_node("G", "committee", name="Netzwerk Frühe Hilfen Kindertal")
    >>> sorted(mandate_words(m, "G"))
    ['fruehe', 'hilfen']
    """
    data = m.graph.nodes[committee]
    texts: Iterable[str] = data.get("topics") or (data.get("name", ""),)
    drop = set(_GENERIC_WORDS)
    for place in (m.meta.municipality, m.meta.county, data.get("municipality"),
                  data.get("district")):
        if place:
            drop.update(fold(w) for w in _WORD.findall(str(place)))
    words = {fold(w) for text in texts for w in _WORD.findall(str(text))}
    return frozenset(w for w in words if len(w) > 1 and w not in drop)


def _spelled(m: NetworkMap, committees: Iterable[str], words: Iterable[str]) -> list[str]:
    """Folded topic words as the committees' own texts spell them („Frühe“, not „fruehe“)."""
    spelling: dict[str, str] = {}
    for committee in committees:
        data = m.graph.nodes[committee]
        for text in (*(data.get("topics") or ()), data.get("name", "")):
            for word in _WORD.findall(str(text)):
                spelling.setdefault(fold(word), word)
    return [spelling.get(w, w) for w in words]


def _jaccard(a: frozenset[Any] | set[Any], b: frozenset[Any] | set[Any]) -> float | None:
    if not a or not b:
        return None
    return len(a & b) / len(a | b)


def _type_similarity(a: CommitteeType | None, b: CommitteeType | None) -> float | None:
    if a is None or b is None:
        return None
    if a is b:
        return 1.0
    return 0.5 if any(a in fam and b in fam for fam in _TYPE_FAMILIES) else 0.0


def _area_overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two committees work for an overlapping area.

    Two different districts, or two different municipalities neither of which is a
    Kreis/Land body, do not overlap; anything missing is taken as "could overlap".
    """
    da, db = a.get("district"), b.get("district")
    if da and db and fold(da) != fold(db):
        return False
    ma, mb = a.get("municipality"), b.get("municipality")
    wide = a.get("level") in _WIDE_LEVELS or b.get("level") in _WIDE_LEVELS
    return not (ma and mb and fold(ma) != fold(mb) and not wide)


def _same_district(a: dict[str, Any], b: dict[str, Any]) -> bool:
    da, db = a.get("district"), b.get("district")
    return bool(da and db and fold(da) == fold(db))


def _cross_level(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One body at Kreis (or Land) level, the other at Kommune or Sozialraum level."""
    la, lb = a.get("level"), b.get("level")
    if la is None or lb is None or la is lb:
        return False
    return (la in _WIDE_LEVELS) != (lb in _WIDE_LEVELS)


def committee_pair_evidence(m: NetworkMap, a: str, b: str, *,
                            shared: Iterable[str] | None = None) -> dict[str, Any]:
    """Membership and mandate overlap of two committees (the numbers behind a finding).

    Returns a dict with ``jaccard``, ``overlap`` (shared / size of the smaller body),
    ``shared_members``, ``shared_topics``, ``phases`` (shared life-phase codes),
    ``mandate`` (0–1 or ``None`` when neither topics, names nor phases tell),
    ``area_overlap`` and ``cross_level``.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("X", "committee", topics=["Sprache"]); m.add_node("Y", "committee",
    ...                                                                topics=["Sprache"])
    >>> committee_pair_evidence(m, "X", "Y")["mandate"]
    1.0
    """
    da, db = m.graph.nodes[a], m.graph.nodes[b]
    ma, mb = set(m.members(a)), set(m.members(b))
    common = set(shared) if shared is not None else ma & mb
    union = ma | mb
    wa, wb = mandate_words(m, a), mandate_words(m, b)
    pa, pb = frozenset(da.get("life_phases") or ()), frozenset(db.get("life_phases") or ())
    parts = {"topics": _jaccard(wa, wb), "phases": _jaccard(pa, pb),
             "type": _type_similarity(da.get("committee_type"), db.get("committee_type"))}
    area = _area_overlap(da, db)
    known = {k: v for k, v in parts.items() if v is not None}
    mandate: float | None = None
    if "topics" in known or "phases" in known:  # the type alone says nothing about content
        weight = sum(_MANDATE_WEIGHTS[k] for k in known)
        mandate = sum(_MANDATE_WEIGHTS[k] * v for k, v in known.items()) / weight
        if not area:
            mandate = 0.0
        elif _same_district(da, db) and parts["phases"] is not None:
            # two bodies of one Sozialraum for the same life phases share their mandate
            # whatever their topics are called (Stadtteilarbeitskreis and Sozialraumkonferenz)
            mandate = max(mandate, 0.4 + 0.3 * parts["phases"])
    return {
        "jaccard": round(len(common) / len(union), 4) if union else 0.0,
        "overlap": round(len(common) / min(len(ma), len(mb)), 4) if ma and mb else 0.0,
        "shared_members": sorted(common),
        "shared_topics": sorted(wa & wb),
        "phases": [p.value for p in sorted(pa & pb, key=lambda p: LifePhase(p).position)],
        "topic_similarity": None if parts["topics"] is None else round(parts["topics"], 4),
        "phase_similarity": None if parts["phases"] is None else round(parts["phases"], 4),
        "type_similarity": parts["type"],
        "mandate": None if mandate is None else round(mandate, 4),
        "area_overlap": area,
        "cross_level": _cross_level(da, db),
    }


def _severity(score: float) -> Severity:
    if score >= 0.8:
        return "high"
    return "medium" if score >= 0.65 else "low"


def _names(m: NetworkMap, ids: Iterable[str]) -> str:
    return join_and([m.name(i) for i in ids])


STATUTORY_TYPES: frozenset[CommitteeType] = frozenset({CommitteeType.BOARD,
                                                      CommitteeType.COUNCIL})
"""Committee types required by law at every level; never parallel structures."""


def find_parallel_structures(
    m: NetworkMap, *,
    min_member_jaccard: float = 0.3,
    min_member_overlap: float = 0.6,
    min_mandate: float = 0.6,
    min_score: float = 0.5,
    level_bonus: float = 0.35,
    merge_jaccard: float = 0.6,
    merge_mandate: float = 0.75,
    offers: bool = True,
    statutory: Iterable[CommitteeType] = STATUTORY_TYPES,
) -> list[Finding]:
    """Committee pairs and offers that duplicate each other.

    A committee pair is a parallel structure when its membership overlaps
    (Jaccard ≥ ``min_member_jaccard`` *or* overlap coefficient ≥ ``min_member_overlap``)
    **and** its mandate overlaps (mandate ≥ ``min_mandate``). Shared members alone are
    not enough: the same Amtsleitung sitting in the Jugendhilfeausschuss and the
    Netzwerk Frühe Hilfen is normal, not a duplicate.

    Parameters
    ----------
    m : NetworkMap
        The map.
    min_member_jaccard : float, default 0.3
        Shared members / all members. 0.3 means roughly one in three seats is taken by
        the same organisations twice — at that point the two bodies are talking to
        themselves in two rooms (default chosen so a 4-of-10 overlap counts, 2-of-10 not).
    min_member_overlap : float, default 0.6
        Shared members / size of the smaller body: a small body whose members mostly sit
        in the larger one too (Kreis network containing the Kommune network) counts even
        when the Jaccard index is low.
    min_mandate : float, default 0.6
        Weighted similarity of topics (folded content words of topics, else of the name;
        weight 0.45), life phases (0.3) and committee type (0.25, related types half).
        0.6 needs the topics to agree to a large part: "Frühe Hilfen" vs "Frühe Hilfen;
        Kinderschutz" passes, "Frühe Hilfen" vs "Übergang Schule–Beruf" does not. Pairs
        whose areas do not overlap (different districts or municipalities) have mandate 0.
    min_score : float, default 0.5
        Reported pairs score at least this (score = mean of membership and mandate, then
        raised by ``level_bonus``).
    level_bonus : float, default 0.35
        The same body at Kreis and Kommune level is the case the quality framework names;
        its score is raised by ``level_bonus × (1 − score)`` — it stays within [0, 1] and
        always above the same pair at one level.
    merge_jaccard, merge_mandate : float, default 0.6 and 0.75
        Above both (and at one level) the recommendation is to merge the bodies;
        otherwise, with many shared members, to send one delegate; else to clarify the
        mandate.
    offers : bool, default True
        Also report offers that may duplicate each other (same category, overlapping life
        phases, same target group where both give one, different providers, in the same
        district, not ended), where at least one of the two is not placed in a
        Regeleinrichtung (Ort, or a providing facility). Offers in different districts, or
        without a district (town-wide), are never compared with each other. Language
        support in each Kita, career orientation in each school is the placement the
        quality framework asks for ("Angebote zu den Menschen bringen"), and offers in one
        house are coordinated by its staff: neither is a parallel structure. The finding
        („4 gleichartige Angebote …“) asks to coordinate and to add the missing place;
        whether one is dispensable only capacity and its use can tell.
    statutory : iterable of CommitteeType, default Ausschuss and Rat/Kreistag
        Committee types that law requires at each level (a Jugendhilfeausschuss of the
        town with its own Jugendamt and one of the Kreis): never reported as parallel.

    Returns
    -------
    list[Finding]
        Kind ``parallel_structure``; committee findings carry ``evidence`` with
        ``jaccard``, ``overlap``, ``shared_members``, ``shared_topics``, ``phases``,
        ``mandate``, ``cross_level`` and ``action`` (``merge`` / ``delegate`` /
        ``clarify``).

    Notes
    -----
    Only committee pairs that share at least one member are looked at (the edges of
    :meth:`NetworkMap.committee_graph`), so the work grows with the number of such pairs,
    not with the square of the number of committees. Offers are grouped by
    (district, category) before pairs are formed.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> find_parallel_structures(NetworkMap())
    []
    """
    cg: nx.Graph[str] = m.committee_graph()
    size = {c: len(m.members(c)) for c in cg}
    exempt = set(statutory)
    findings: list[Finding] = []
    for a, b, edge in sorted(cg.edges(data=True), key=lambda e: (min(e[0], e[1]),
                                                                  max(e[0], e[1]))):
        a, b = sorted((a, b))
        if {m.graph.nodes[a].get("committee_type"),
                m.graph.nodes[b].get("committee_type")} & exempt:
            continue
        # cheap membership filter first: most pairs share one or two members only
        overlap = edge["weight"] / min(size[a], size[b])
        if edge["jaccard"] < min_member_jaccard and overlap < min_member_overlap:
            continue
        ev = committee_pair_evidence(m, a, b, shared=edge["shared"])
        mandate = ev["mandate"]
        if mandate is None or mandate < min_mandate:
            continue
        if ev["jaccard"] < min_member_jaccard and ev["overlap"] < min_member_overlap:
            continue
        membership = max(ev["jaccard"], ev["overlap"] * 0.8)
        score = (membership + mandate) / 2
        if ev["cross_level"]:
            score += level_bonus * (1 - score)
        score = min(1.0, score)
        if score < min_score:
            continue
        findings.append(_committee_finding(m, a, b, ev, score, merge_jaccard, merge_mandate,
                                           min_member_overlap))
    if offers:
        findings.extend(_duplicate_offers(m))
    log.info("Parallelstrukturen: %d Befunde", len(findings))
    return findings


def _committee_finding(m: NetworkMap, a: str, b: str, ev: dict[str, Any], score: float,
                       merge_jaccard: float, merge_mandate: float,
                       min_member_overlap: float) -> Finding:
    na, nb = m.name(a), m.name(b)
    shared = ev["shared_members"]
    if not ev["cross_level"] and ev["jaccard"] >= merge_jaccard and ev["mandate"] >= \
            merge_mandate:
        action = "merge"
        rec = (f"„{na}“ und „{nb}“ zusammenlegen oder eines der beiden Gremien mit neuem "
               "Auftrag versehen; die Steuerungsgruppe sollte das entscheiden.")
    elif ev["cross_level"] or ev["overlap"] >= min_member_overlap:
        action = "delegate"
        rec = (f"Statt {len(shared)} Doppelmitgliedschaften eine Person als Delegierte "
               f"zwischen „{na}“ und „{nb}“ benennen (geteilter Sitz), Sitzungstermine und "
               "Meilensteinplanung abstimmen.")
    else:
        action = "clarify"
        rec = (f"Auftrag und Zuständigkeit von „{na}“ und „{nb}“ schriftlich abgrenzen "
               "(wer bearbeitet welches Thema für welche Altersgruppe?).")
    topics = ", ".join(f"„{w}“" for w in _spelled(m, (a, b), ev["shared_topics"])) or "–"
    phases = ", ".join(LifePhase(p).label for p in ev["phases"]) or "–"
    levels = ""
    if ev["cross_level"]:
        la, lb = m.graph.nodes[a].get("level"), m.graph.nodes[b].get("level")
        levels = (f" Sie arbeiten auf verschiedenen Ebenen ({la.label if la else '?'} und "
                  f"{lb.label if lb else '?'}); ob beide nötig sind, klärt ein Gespräch.")
    both = number(100 * ev["jaccard"], 0) if ev["jaccard"] is not None else "?"
    small = number(100 * ev["overlap"], 0) if ev["overlap"] is not None else "?"
    text = (f"„{na}“ und „{nb}“ teilen {len(shared)} Mitglieder ({_names(m, shared)}) – "
            f"{both} % aller Mitglieder beider Gremien, {small} % des kleineren – und einen "
            f"ähnlichen Auftrag (gemeinsame Stichworte: {topics}; Lebensphasen: "
            f"{phases}).{levels}")
    evidence = {**ev, "action": action}
    return Finding.create(
        "parallel_structure", _severity(score),
        f"Mögliche Parallelstruktur: {na} und {nb}", text=text, recommendation=rec,
        nodes=[a, b], edges=[(a, b)], score=score, evidence=evidence, key="committees")


# --- offers -------------------------------------------------------------------------------


def _category_key(m: NetworkMap, offer: str) -> str | None:
    """The offer's category as grouping key: recognised label, else the folded text;
    ``None`` for an ambiguous word ("Beratung"), which says nothing about sameness."""
    rec = m.classify(offer)
    if rec.info is not None:
        return fold(rec.info.label)
    if rec.method is Method.AMBIGUOUS or not rec.text:
        return None
    return fold(rec.text)


def _place(m: NetworkMap, data: dict[str, Any], providers: frozenset[str]) -> str | None:
    """Where an offer takes place: its Ort, else the facility that provides it."""
    if data.get("venue"):
        return str(data["venue"])
    for p in sorted(providers):
        if m.graph.nodes[p].get("form") is ActorForm.FACILITY:
            return p
    return None


def _duplicate_offers(m: NetworkMap) -> list[Finding]:
    groups: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    providers: dict[str, frozenset[str]] = {}
    places: dict[str, str | None] = {}
    for offer, data in m.graph.nodes(data=True):
        if data["type"] is not NodeType.OFFER or data.get("status") is OfferStatus.ENDED:
            continue
        category, district = data.get("category"), offer_district(m, offer)
        prov = frozenset(u for u, _, d in m.graph.in_edges(offer, data=True)
                         if d["kind"] is EdgeKind.PROVIDES)
        key = _category_key(m, offer) if category else None
        if key is None or not district or not prov or not data.get("life_phases"):
            continue
        providers[offer] = prov
        places[offer] = _place(m, data, prov)
        groups[(fold(district), key)].append(offer)
    findings: list[Finding] = []
    for (_, _), offers in sorted(groups.items()):
        if len(offers) < 2:
            continue
        pairs: nx.Graph[str] = nx.Graph()
        for i, x in enumerate(offers):
            dx = m.graph.nodes[x]
            for y in offers[i + 1:]:
                dy = m.graph.nodes[y]
                if providers[x] & providers[y]:
                    continue
                if not set(dx["life_phases"]) & set(dy["life_phases"]):
                    continue
                tx, ty = dx.get("target_group"), dy.get("target_group")
                if tx and ty and fold(tx) != fold(ty):
                    continue
                px, py = places[x], places[y]
                if px and py:  # both placed: each in its own Regeleinrichtung, or
                    continue   # together in one, whose staff coordinate them already
                pairs.add_edge(x, y)
        for comp in nx.connected_components(pairs):
            findings.append(_offer_finding(m, sorted(comp), providers, places))
    return findings


def _offer_finding(m: NetworkMap, offers: list[str], providers: dict[str, frozenset[str]],
                   places: dict[str, str | None]) -> Finding:
    """Offers of one category in one district that may duplicate each other.

    Several offers of a kind in a district can all be needed; without their places and
    numbers the map cannot tell. The finding says how many there are, which have no place
    (the reason they are compared at all), the places per year where all give them, and
    asks to coordinate – merging is a question for the capacity and its use, not for the
    map.
    """
    first = m.graph.nodes[offers[0]]
    district = offer_district(m, offers[0]) or ""
    category = m.classify(offers[0]).label or str(first.get("category"))
    provs = sorted({p for o in offers for p in providers[o]})
    phases = sorted({p for o in offers for p in m.graph.nodes[o]["life_phases"]},
                    key=lambda p: LifePhase(p).position)
    n = len(offers)
    unplaced = [o for o in offers if not places.get(o)]
    listing = "; ".join(f"„{m.name(o)}“ ({_names(m, sorted(providers[o]))})" for o in offers)
    text = (f"Im Sozialraum {district} laufen {n} Angebote der Kategorie {category} für "
            f"dieselbe Lebensphase von {len(provs)} verschiedenen Trägern: {listing}.")
    loose = join_and([f"„{m.name(o)}“" for o in unplaced])
    if unplaced and len(unplaced) < n:
        text += (f" {loose} {'hat' if len(unplaced) == 1 else 'haben'} keinen Ort (weder "
                 "Ort noch eine Einrichtung als Träger); die übrigen finden in einer "
                 "Einrichtung statt.")
    elif unplaced:
        text += " Keines hat einen Ort (weder Ort noch eine Einrichtung als Träger)."
    capacities = [m.graph.nodes[o].get("capacity") for o in offers]
    if all(c is not None for c in capacities):
        text += " Plätze pro Jahr: " + "; ".join(
            f"„{m.name(o)}“ {number(c)}" for o, c in zip(offers, capacities, strict=True)) + "."
        weigh = ("Ob alle gebraucht werden, zeigt erst die Auslastung dieser Plätze; erst "
                 "dann ist ein Zusammenlegen eine Frage.")
    else:
        weigh = ("Mehrere Angebote können im Sozialraum gebraucht werden: Ob eines "
                 "entbehrlich ist, lässt sich ohne Zahlen zu Plätzen und Auslastung nicht "
                 "sagen (Spalte Kapazität).")
    rec = (f"{_names(m, provs)} sollten ihre Angebote „{category}“ in {district} abstimmen "
           "(Zeiten, Zielgruppen, gemeinsame Werbung)"
           + (f" und den Ort von {loose} nachtragen" if unplaced else "") + f". {weigh}")
    score = min(1.0, 0.5 + 0.1 * len(provs))
    return Finding.create(
        "parallel_structure", "medium" if len(provs) >= 3 else "low",
        f"{n} gleichartige Angebote „{category}“ in {district}", text=text,
        recommendation=rec, nodes=[*offers, *provs], district=district or None, score=score,
        evidence={"offers": offers, "providers": provs, "category": category,
                  "phases": [LifePhase(p).value for p in phases]}, key="offers")
