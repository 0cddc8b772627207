"""Isolated nodes (Isoliert): who and what is not connected to the network.

Findings of kind ``"isolated"``:

* nodes with no edge at all — an actor or office nobody works with, a committee with
  neither members nor reporting line (offers: see the next point);
* actors and offices whose only ties are ``belongs_to`` — organisationally placed, but in
  no committee, cooperation, contract, referral or offer (an office or organisation whose
  own persons or units are active is involved through them and not reported);
* offers without a provider (Träger) — nobody is responsible for them (ended offers are
  left out);
* ties reported by one side only: where the survey recorded who reported a cooperation or
  contract (edge attribute ``reported_by``), a tie one side named and the other did not
  confirm. If the other side reported nothing at all, it probably did not take part in the
  survey (info); if it reported other ties but not this one, the two see their relation
  differently (low).

Examples
--------
>>> from netzkarte import NetworkMap
>>> m = NetworkMap()
>>> m.add_node("K", "actor", name="Kita Wiese", category="Kita")
>>> [(f.severity, f.title) for f in find_isolated(m)]
[('medium', 'Kita Wiese ist mit niemandem verbunden')]
"""

from __future__ import annotations

import logging
from collections import defaultdict

from netzkarte.analysis.bottlenecks import named
from netzkarte.model import NetworkMap, reporters
from netzkarte.results import Finding, Severity
from netzkarte.text import join_and, quote
from netzkarte.vocab import ActorForm, EdgeKind, NodeType, OfferStatus

__all__ = ["find_isolated", "reporters"]  # reporters: moved to netzkarte.model

log = logging.getLogger(__name__)

_SYMMETRIC = (EdgeKind.COOPERATION, EdgeKind.CONTRACT)


def find_isolated(m: NetworkMap) -> list[Finding]:
    """Isolated nodes, belongs-to-only actors, offers without provider, one-sided ties.

    Parameters
    ----------
    m : NetworkMap

    Returns
    -------
    list of Finding
        Kind ``"isolated"``. Severities: actor/office without any edge medium (a person:
        low), committee without any edge low; only ``belongs_to`` ties low (a person:
        info); offer without provider low; a one-sided tie low, or info when the other
        side reported nothing at all.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("A", "actor", name="Kita A"); m.add_node("B", "actor", name="Schule B")
    >>> m.add_node("C", "actor", name="Verein C")
    >>> _ = m.add_edge("A", "B", "cooperation", reported_by="A")
    >>> _ = m.add_edge("B", "C", "cooperation", reported_by="B")
    >>> [(f.severity, f.nodes) for f in find_isolated(m)]
    [('low', ('A', 'B')), ('info', ('B', 'C'))]

    Notes
    -----
    One pass over nodes and edges: O(n + m).
    """
    findings: list[Finding] = []
    g = m.graph
    # who runs a committee (Federführung) or hosts an offer (Ort) is tied to it, edge or not
    attached = {v for _, d in g.nodes(data=True)
                for v in (d.get("lead"), d.get("venue")) if isinstance(v, str)}
    for node, data in g.nodes(data=True):
        ntype = data["type"]
        if ntype is NodeType.OFFER:
            continue
        name = m.name(node)
        person = data.get("form") is ActorForm.PERSON
        if g.degree(node) == 0 and node not in attached:
            if ntype is NodeType.COMMITTEE:
                severity: Severity = "low"
                text = f"{name} hat weder eingetragene Mitglieder noch einen Berichtsweg."
                rec = ("Mitglieder und Berichtsweg („Berichtet an“) eintragen – oder prüfen, "
                       "ob das Gremium noch besteht.")
            else:
                severity = "low" if person else "medium"
                text = (f"{name} ({ntype.label}) hat keine einzige Beziehung: keine "
                        "Mitgliedschaft, Kooperation, Vermittlung oder Trägerschaft.")
                rec = (f"{named(m, node)} ansprechen und in ein passendes Gremium (z. B. die "
                       "Sozialraumkonferenz) oder eine Kooperation einbinden – oder fehlende "
                       "Beziehungen nachtragen.")
            findings.append(Finding.create(
                "isolated", severity, f"{name} ist mit niemandem verbunden", text=text,
                recommendation=rec, nodes=[node], district=data.get("district"),
                key="no_edges", score=1.0, evidence={"check": "no_edges",
                                                     "type": ntype.value}))
            continue
        if ntype not in (NodeType.ACTOR, NodeType.OFFICE):
            continue
        if _only_belongs_to(m, node) and not any(
                not _only_belongs_to(m, u) for u, _, d in g.in_edges(node, data=True)
                if d["kind"] is EdgeKind.BELONGS_TO):  # active staff or units: involved
            parents = [str(v) for _, v, d in g.out_edges(node, data=True)
                       if d["kind"] is EdgeKind.BELONGS_TO]
            where = (f" (gehört zu {join_and([named(m, p) for p in parents])})" if parents
                     else "")
            findings.append(Finding.create(
                "isolated", "info" if person else "low",
                f"{name} ist nur organisatorisch eingebunden",
                text=f"{name}{where} hat außer der Zugehörigkeit keine Beziehung: keine "
                     "Mitgliedschaft, Kooperation, Vermittlung oder Trägerschaft.",
                recommendation=f"Prüfen, ob {named(m, node)} in einem Gremium mitwirkt oder mit "
                               "Partnern kooperiert, und das nachtragen oder anbahnen.",
                nodes=[node, *parents], district=data.get("district"), key="belongs_only",
                score=0.5, evidence={"check": "belongs_only"}))
    findings += _offer_findings(m)
    findings += _one_sided_findings(m)
    log.info("Isolierte: %d Befunde", len(findings))
    return findings


def _only_belongs_to(m: NetworkMap, node: str) -> bool:
    g = m.graph
    return all(d["kind"] is EdgeKind.BELONGS_TO for _, _, d in g.out_edges(node, data=True)) \
        and all(d["kind"] is EdgeKind.BELONGS_TO for _, _, d in g.in_edges(node, data=True))


def _offer_findings(m: NetworkMap) -> list[Finding]:
    out: list[Finding] = []
    g = m.graph
    for node in m.node_ids(NodeType.OFFER):
        data = g.nodes[node]
        if data.get("status") is OfferStatus.ENDED:
            continue
        if any(d["kind"] is EdgeKind.PROVIDES for _, _, d in g.in_edges(node, data=True)):
            continue
        name = m.name(node)
        alone = g.degree(node) == 0
        out.append(Finding.create(
            "isolated", "low", f"Angebot {quote(name)} hat keinen Träger",
            text=f"Für das Angebot {quote(name)} ist kein Anbieter (Trägerschaft) eingetragen"
                 + (" und es ist auch sonst mit nichts verbunden." if alone else "."),
            recommendation="Anbieter in der Spalte „Anbieter“ eintragen; läuft das Angebot "
                           "nicht mehr, den Status „beendet“ setzen.",
            nodes=[node], district=data.get("district"), key="no_provider",
            score=1.0 if alone else 0.5,
            evidence={"check": "no_provider", "no_edges": alone}))
    return out


def _one_sided_findings(m: NetworkMap) -> list[Finding]:
    reported: defaultdict[frozenset[str], set[str]] = defaultdict(set)
    respondents: set[str] = set()
    pairs: dict[frozenset[str], tuple[str, str]] = {}
    for u, v, _, d in m.iter_edges():
        who = reporters(m, d.get("reported_by"), u, v)
        respondents |= who
        if d["kind"] in _SYMMETRIC and who:
            pair = frozenset((u, v))
            reported[pair] |= who
            pairs.setdefault(pair, (u, v))
    out: list[Finding] = []
    for pair, who in reported.items():
        if len(who) == 2:
            continue
        u, v = pairs[pair]
        (reporter,) = who
        other = v if reporter == u else u
        took_part = other in respondents
        a, b = named(m, reporter), named(m, other)
        text = (f"{a} hat eine Beziehung zu {b} gemeldet, {b} aber nicht. "
                + (f"{b} hat andere Beziehungen gemeldet, diese nicht: die beiden sehen ihre "
                   "Zusammenarbeit unterschiedlich." if took_part else
                   f"{b} hat keine Beziehungen gemeldet und war vermutlich nicht an der "
                   "Erhebung beteiligt."))
        out.append(Finding.create(
            "isolated", "low" if took_part else "info",
            f"Beziehung {m.name(reporter)} – {m.name(other)} nur einseitig gemeldet", text=text,
            recommendation=(f"Bei {b} nachfragen, ob und wie die Zusammenarbeit mit {a} "
                            "besteht; ggf. Stärke und Form gemeinsam klären."),
            nodes=[reporter, other], edges=[(u, v)], key="one_sided",
            score=0.5 if took_part else 0.0,
            evidence={"check": "one_sided", "reported_by": reporter,
                      "other_side_took_part": took_part}))
    return out
