"""Which node types each kind of tie may connect (the edge rules of the model).

>>> EDGE_RULES[EdgeKind.MEMBER].directed
True
"""

from __future__ import annotations

from dataclasses import dataclass

from netzkarte.vocab.terms import ActorForm, EdgeKind, NodeType

__all__ = ["EDGE_RULES", "EdgeRule", "endpoint_hint", "endpoint_problem", "reading"]


@dataclass(frozen=True, slots=True)
class EdgeRule:
    """Which node types an edge kind may connect, and whether direction matters."""

    sources: frozenset[NodeType]
    targets: frozenset[NodeType]
    directed: bool
    description: str  # German, for messages: "Akteur/Amt → Gremium"


_AO = frozenset({NodeType.ACTOR, NodeType.OFFICE})
_AOO = frozenset({NodeType.ACTOR, NodeType.OFFICE, NodeType.OFFER})
EDGE_RULES: dict[EdgeKind, EdgeRule] = {
    EdgeKind.MEMBER: EdgeRule(_AO, frozenset({NodeType.COMMITTEE}), True,
                              "Akteur oder Amt → Gremium"),
    EdgeKind.COOPERATION: EdgeRule(_AO, _AO, False, "Akteur/Amt ↔ Akteur/Amt"),
    # referrals run between facilities, offices (ASD, Frühe-Hilfen coordination) and offers
    EdgeKind.REFERRAL: EdgeRule(_AOO, _AOO, True, "Akteur/Amt/Angebot → Akteur/Amt/Angebot"),
    EdgeKind.PROVIDES: EdgeRule(_AO, frozenset({NodeType.OFFER}), True,
                                "Akteur oder Amt → Angebot"),
    EdgeKind.BELONGS_TO: EdgeRule(_AO, _AO, True,
                                  "Person/Einrichtung → Organisation/Amt oder Amt → Amt"),
    EdgeKind.REPORTS_TO: EdgeRule(frozenset({NodeType.COMMITTEE}),
                                  frozenset({NodeType.COMMITTEE, NodeType.OFFICE}), True,
                                  "Gremium → Gremium oder Amt"),
    EdgeKind.CONTRACT: EdgeRule(_AO, _AO, False, "Akteur/Amt ↔ Akteur/Amt"),
    # an office or foundation funds an offer, an institution (Erziehungsberatungsstelle) or
    # a post in an office (Koordinierungsstelle)
    EdgeKind.FUNDS: EdgeRule(_AO, _AOO, True, "Amt oder Akteur → Angebot, Akteur oder Amt"),
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


def reading(kind: EdgeKind, source: NodeType, target: NodeType,
            source_form: ActorForm | None = None, target_form: ActorForm | None = None
            ) -> tuple[EdgeKind, bool] | None:
    """How a *Trägerschaft* or *Finanzierung* whose ends do not fit is meant, if that is
    clear: ``(kind, swapped)`` (``swapped``: the tie runs from ``target`` to ``source``),
    else ``None`` (also when the ends fit).

    * an offer written first (``Angebot → Träger``): the same kind, the other way round;
    * *Trägerschaft* of something that is no offer means that it belongs to its Träger:
      ``belongs_to`` from ``target`` to ``source`` (the Kita to the Verband, the Kita to
      the Jugendamt, an office to its Dezernat) – or, when only that fits, from ``source``
      to ``target`` (a facility or person written first, then its Träger).

    >>> facility, org = ActorForm.FACILITY, ActorForm.ORGANISATION
    >>> reading(EdgeKind.PROVIDES, NodeType.ACTOR, NodeType.ACTOR, org, facility)
    (<EdgeKind.BELONGS_TO: 'belongs_to'>, True)
    >>> reading(EdgeKind.PROVIDES, NodeType.ACTOR, NodeType.ACTOR, facility, org)
    (<EdgeKind.BELONGS_TO: 'belongs_to'>, False)
    >>> reading(EdgeKind.PROVIDES, NodeType.ACTOR, NodeType.OFFICE, org) is None
    True
    """
    if kind not in (EdgeKind.PROVIDES, EdgeKind.FUNDS) or endpoint_problem(
            kind, source, target, source_form, target_form) is None:
        return None
    if source is NodeType.OFFER and target in _AO:
        return kind, True
    if kind is EdgeKind.PROVIDES:
        if endpoint_problem(EdgeKind.BELONGS_TO, target, source, target_form,
                            source_form) is None:
            return EdgeKind.BELONGS_TO, True
        if (source is NodeType.ACTOR and source_form in (ActorForm.FACILITY, ActorForm.PERSON)
                and endpoint_problem(EdgeKind.BELONGS_TO, source, target, source_form,
                                     target_form) is None):
            return EdgeKind.BELONGS_TO, False
    return None


def endpoint_hint(kind: EdgeKind, source: NodeType, target: NodeType,
                  source_form: ActorForm | None = None, target_form: ActorForm | None = None
                  ) -> str | None:
    """German advice for ends that fit no reading of *Trägerschaft*, *Finanzierung* or
    *Vermittlung*: the Art or column meant instead; ``None`` when the plain "enter the
    ID of …" fits.

    >>> print(endpoint_hint(EdgeKind.PROVIDES, NodeType.ACTOR, NodeType.OFFICE))
    ... # doctest: +NORMALIZE_WHITESPACE
    Ein Amt hat keinen Träger. Wählen Sie „gehört zu“, wenn der Eintrag aus „Von“ zum Amt
    gehört (oder tragen Sie das Amt im Blatt „Akteure“ in seiner Spalte „Organisation“ ein),
    „Kontrakt“ für eine Vereinbarung, „Finanzierung“ für Geld, sonst „Kooperation“.
    """
    ends = {source, target}
    if NodeType.COMMITTEE in ends:
        if kind is EdgeKind.REFERRAL:
            return ("Gremien vermitteln nicht: Tragen Sie die Einrichtung, das Amt oder das "
                    "Angebot ein, das Familien weitervermittelt oder sie aufnimmt; wer im "
                    "Gremium sitzt, gehört in das Blatt „Mitgliedschaften“.")
        return ("Gremien tragen und finanzieren nichts und haben keinen Träger: Wer ein "
                "Gremium leitet, gehört im Blatt „Gremien“ in die Spalte „Federführung“, wer "
                "darin mitarbeitet, in das Blatt „Mitgliedschaften“. Tragen Sie hier einen "
                "Akteur oder ein Amt ein.")
    if kind is EdgeKind.PROVIDES and source is NodeType.ACTOR and target is NodeType.OFFICE:
        return ("Ein Amt hat keinen Träger. Wählen Sie „gehört zu“, wenn der Eintrag aus "
                "„Von“ zum Amt gehört (oder tragen Sie das Amt im Blatt „Akteure“ in seiner "
                "Spalte „Organisation“ ein), „Kontrakt“ für eine Vereinbarung, "
                "„Finanzierung“ für Geld, sonst „Kooperation“.")
    if kind is EdgeKind.PROVIDES and source is NodeType.OFFER:
        return ("Ein Angebot trägt nichts: Tragen Sie in „Von“ den Träger ein (einen Akteur "
                "oder ein Amt) und in „Zu“ das Angebot.")
    if kind is EdgeKind.FUNDS and source is NodeType.OFFER:
        return ("Ein Angebot finanziert nichts: Tragen Sie in „Von“ den Geldgeber ein (einen "
                "Akteur oder ein Amt) und in „Zu“, was er finanziert.")
    if (kind is EdgeKind.PROVIDES and ActorForm.PERSON in (source_form, target_form)):
        return ("Eine Person trägt keine andere Person. Wählen Sie „Kooperation“, wenn beide "
                "zusammenarbeiten; gehört eine zu einer Einrichtung, Organisation oder einem "
                "Amt, tragen Sie das im Blatt „Akteure“ in ihrer Spalte „Organisation“ ein.")
    return None
