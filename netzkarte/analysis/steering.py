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

    Committees of type Steuerungsgruppe; without any, the tier-a bodies; without those,
    Lenkungskreise. Always among :func:`steering_bodies`. The other steering bodies (a
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
