"""The steering structure: which committees steer the prevention chain, and who sits there.

The quality framework asks for *the* Steuerungsgruppe (docs/grundlagen.md): a reliable,
cross-sector body at the top of the tiered steering structure (Ebene a). Several analyses
need to know which committees that is — the bottlenecks (who is cut off from it), the
promoters (who backs it), the quality checks (how it is composed) and the key figures
(distance to it). They all ask this module.

>>> from netzkarte import NetworkMap
>>> m = NetworkMap()
>>> m.add_node("SG", "committee", committee_type="Steuerungsgruppe")
>>> steering_groups(m)
['SG']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netzkarte.model import NetworkMap
from netzkarte.vocab import CommitteeType, NodeType, Tier

__all__ = ["is_steering_body", "steering_bodies", "steering_groups", "steering_members"]

_STEERING_TYPES = (CommitteeType.STEERING_GROUP, CommitteeType.STEERING_CIRCLE)


def is_steering_body(data: Mapping[str, Any]) -> bool:
    """Whether a committee's attributes make it a steering body (tier a or steering type)."""
    return data.get("tier") is Tier.A or data.get("committee_type") in _STEERING_TYPES


def steering_bodies(m: NetworkMap) -> list[str]:
    """Ids of the steering bodies: tier a, or type Steuerungsgruppe / Lenkungskreis.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("SG", "committee", committee_type="Lenkungskreis")
    >>> m.add_node("AK", "committee", committee_type="Arbeitskreis", tier="b")
    >>> steering_bodies(m)
    ['SG']
    """
    return [n for n, d in m.graph.nodes(data=True)
            if d["type"] is NodeType.COMMITTEE and is_steering_body(d)]


def steering_groups(m: NetworkMap) -> list[str]:
    """The steering group(s) of the prevention chain, which the quality framework checks.

    Committees of type Steuerungsgruppe; without any, the tier-a bodies; without those,
    Lenkungskreise. Other tier-a bodies (a Verwaltungsvorstandskonferenz, a programme's
    steering circle at Kreis level) steer something else and are not held to the
    standards of the quality framework for *the* Steuerungsgruppe
    (docs/grundlagen.md).

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("VV", "committee", tier="a"); m.add_node("SG", "committee",
    ...                                                     committee_type="Steuerungsgruppe")
    >>> steering_groups(m), steering_bodies(m)
    (['SG'], ['VV', 'SG'])
    """
    committees = [(n, d) for n, d in m.graph.nodes(data=True)
                  if d["type"] is NodeType.COMMITTEE]
    for key, value in (("committee_type", CommitteeType.STEERING_GROUP), ("tier", Tier.A),
                       ("committee_type", CommitteeType.STEERING_CIRCLE)):
        found = [n for n, d in committees if d.get(key) is value]
        if found:
            return found
    return []


def steering_members(m: NetworkMap) -> set[str]:
    """Actors and offices sitting on any steering body.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("SG", "committee", tier="a"); m.add_node("JA", "office")
    >>> _ = m.add_edge("JA", "SG", "member")
    >>> steering_members(m)
    {'JA'}
    """
    return {u for body in steering_bodies(m) for u in m.members(body)}
