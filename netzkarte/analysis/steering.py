"""The steering structure: which committees steer, and who sits there.

Two words, each for one thing, the same in every output (docs/analysen.md, „Steuerung“):

* **Steuerungsgremien** (:func:`steering_bodies`): every committee at Steuerungsebene a, and
  every committee of type Steuerungsgruppe or Lenkungskreis whatever its level (a
  programme's Steuerkreis at the Kreis, entered at level b, steers too). The key figures
  count them and their members (``steering_bodies``, ``steering_members``), and the
  distances and bottlenecks measure the way to their members.
* **die Steuerungsgruppe** (:func:`steering_groups`): the one body the quality framework
  asks for (docs/grundlagen.md) — a reliable, cross-sector body at the top of the tiered
  structure. The quality checks and the promoters look at its composition. It is one of
  the Steuerungsgremien.

>>> from netzkarte import NetworkMap
>>> m = NetworkMap()
>>> m.add_node("SG", "committee", committee_type="Steuerungsgruppe")
>>> m.add_node("VV", "committee", tier="a")
>>> steering_groups(m), steering_bodies(m)
(['SG'], ['SG', 'VV'])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from netzkarte.model import NetworkMap
from netzkarte.text import count_noun
from netzkarte.vocab import CommitteeType, NodeType, Tier, is_steering_body

__all__ = ["STEERING_BODY_DEFINITION", "is_steering_body", "steering_bodies",
           "steering_bodies_text", "steering_groups", "steering_members"]

STEERING_BODY_DEFINITION = ("Steuerungsebene a oder Gremientyp Steuerungsgruppe bzw. "
                            "Lenkungskreis")
"""What a Steuerungsgremium is, in German, for a key figure's explanation."""


def steering_bodies_text(count: int) -> str:
    """The count of steering bodies in the number it needs.

    >>> steering_bodies_text(1), steering_bodies_text(4)
    ('1 Steuerungsgremium', '4 Steuerungsgremien')
    """
    return count_noun(count, "Steuerungsgremium", "Steuerungsgremien")


def steering_bodies(m: NetworkMap) -> list[str]:
    """Ids of the steering bodies (Steuerungsgremien): tier a, or type Steuerungsgruppe /
    Lenkungskreis at any tier.

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

    Committees of type Steuerungsgruppe at tier a (or without tier); without any, a
    Lenkungskreis at tier a, then any tier-a body, then a Steuerungsgruppe at another tier,
    then a Lenkungskreis. Always among :func:`steering_bodies`. The other steering bodies (a
    Verwaltungsvorstandskonferenz, a programme's steering circle at Kreis level) steer
    something else and are not held to the standards of the quality framework for *the*
    Steuerungsgruppe (docs/grundlagen.md).

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("VV", "committee", tier="a"); m.add_node("SG", "committee",
    ...                                                     committee_type="Steuerungsgruppe")
    >>> steering_groups(m), steering_bodies(m)
    (['SG'], ['VV', 'SG'])
    """
    committees = [(n, d) for n, d in m.graph.nodes(data=True)
                  if d["type"] is NodeType.COMMITTEE]
    group, circle = CommitteeType.STEERING_GROUP, CommitteeType.STEERING_CIRCLE

    def top(d: dict[str, Any]) -> bool:  # tier a, or no tier given
        return d.get("tier") in (None, Tier.A)

    # a Steuerungsgruppe entered at tier b (of the Frühe Hilfen, say) is not *the* one when
    # a Lenkungskreis of the whole chain sits at tier a
    rules: tuple[Callable[[dict[str, Any]], bool], ...] = (
        lambda d: d.get("committee_type") is group and top(d),
        lambda d: d.get("committee_type") is circle and d.get("tier") is Tier.A,
        lambda d: d.get("tier") is Tier.A,
        lambda d: d.get("committee_type") is group,
        lambda d: d.get("committee_type") is circle)
    for wanted in rules:
        found = [n for n, d in committees if wanted(d)]
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
