"""Which node types each kind of tie may connect (the edge rules of the model).

>>> EDGE_RULES[EdgeKind.MEMBER].directed
True
"""

from __future__ import annotations

from dataclasses import dataclass

from netzkarte.vocab.terms import ActorForm, EdgeKind, NodeType

__all__ = ["EDGE_RULES", "EdgeRule", "endpoint_problem"]


@dataclass(frozen=True, slots=True)
class EdgeRule:
    """Which node types an edge kind may connect, and whether direction matters."""

    sources: frozenset[NodeType]
    targets: frozenset[NodeType]
    directed: bool
    description: str  # German, for messages: "Akteur/Amt → Gremium"


_AO = frozenset({NodeType.ACTOR, NodeType.OFFICE})
EDGE_RULES: dict[EdgeKind, EdgeRule] = {
    EdgeKind.MEMBER: EdgeRule(_AO, frozenset({NodeType.COMMITTEE}), True,
                              "Akteur oder Amt → Gremium"),
    EdgeKind.COOPERATION: EdgeRule(_AO, _AO, False, "Akteur/Amt ↔ Akteur/Amt"),
    EdgeKind.REFERRAL: EdgeRule(frozenset({NodeType.ACTOR, NodeType.OFFER}),
                                frozenset({NodeType.ACTOR, NodeType.OFFER}), True,
                                "Akteur/Angebot → Akteur/Angebot"),
    EdgeKind.PROVIDES: EdgeRule(_AO, frozenset({NodeType.OFFER}), True,
                                "Akteur oder Amt → Angebot"),
    EdgeKind.BELONGS_TO: EdgeRule(_AO, _AO, True,
                                  "Person/Einrichtung → Organisation/Amt oder Amt → Amt"),
    EdgeKind.REPORTS_TO: EdgeRule(frozenset({NodeType.COMMITTEE}),
                                  frozenset({NodeType.COMMITTEE, NodeType.OFFICE}), True,
                                  "Gremium → Gremium oder Amt"),
    EdgeKind.CONTRACT: EdgeRule(_AO, _AO, False, "Akteur/Amt ↔ Akteur/Amt"),
    EdgeKind.FUNDS: EdgeRule(_AO, frozenset({NodeType.OFFER}), True,
                             "Amt oder Akteur → Angebot"),
}
"""Allowed endpoints per edge kind (docs/vorlage.md, sheet Beziehungen)."""


def endpoint_problem(kind: EdgeKind, source: NodeType, target: NodeType,
                     source_form: ActorForm | None = None,
                     target_form: ActorForm | None = None) -> str | None:
    """German reason why ``source → target`` is not allowed for ``kind``, else ``None``.

    ``belongs_to`` is finer than node types: a person or facility belongs to an
    organisation or office; an office belongs to an office; an organisation belongs to
    an organisation (a Träger's sub-unit) or office.

    >>> endpoint_problem(EdgeKind.MEMBER, NodeType.OFFER, NodeType.COMMITTEE)
    'Mitglied verbindet nur Akteur oder Amt → Gremium, hier aber Angebot → Gremium.'
    """
    rule = EDGE_RULES[kind]
    if source not in rule.sources or target not in rule.targets:
        return (f"{kind.label[:1].upper()}{kind.label[1:]} verbindet nur {rule.description}, "
                f"hier aber {source.label} → {target.label}.")
    if kind is EdgeKind.BELONGS_TO:
        if source is NodeType.OFFICE and target is not NodeType.OFFICE:
            return "Ein Amt kann nur zu einem anderen Amt gehören (Übergeordnet)."
        if target is NodeType.ACTOR and target_form is ActorForm.PERSON:
            return "Niemand kann zu einer Person gehören: Ziel muss Organisation oder Amt sein."
        if (source is NodeType.ACTOR and source_form is ActorForm.ORGANISATION
                and target is NodeType.ACTOR and target_form is ActorForm.FACILITY):
            return "Eine Organisation kann nicht zu einer Einrichtung gehören."
    return None
