"""What the analyses cannot judge from an empty column is „unbekannt“ or „unsicher“, never a
„hoch“: a town that fills in only what it knows (a tester's workbook without memberships,
roles or Steuerungsebenen) got four such findings."""

from __future__ import annotations

from netzkarte import NetworkMap
from netzkarte.analysis.promoters import find_promoter_gaps
from netzkarte.analysis.quality import check_quality
from netzkarte.analysis.steering import steering_groups


def _town() -> NetworkMap:
    m = NetworkMap("Kleinwalden")
    m.add_node("BM", "office", name="Bürgermeisterin", category="Verwaltungsspitze")
    m.add_node("JA", "office", name="Jugendamt", category="Jugendamt")
    m.add_node("SG", "committee", name="Steuerungsgruppe", committee_type="Steuerungsgruppe")
    m.add_node("AK", "committee", name="AK Kita-Schule")
    m.add_node("K", "actor", name="Kita Sonne", category="Kita", district="Nord")
    return m


def _status(m: NetworkMap, check: str) -> str:
    return next(q.status for q in check_quality(m)[0] if q.id == check)


def test_the_steering_group_of_the_whole_chain_is_the_tier_a_one() -> None:
    m = NetworkMap("Großhausen")
    m.add_node("FH", "committee", name="Steuerungsgruppe Frühe Hilfen",
               committee_type="Steuerungsgruppe", tier="b")
    m.add_node("LK", "committee", name="Lenkungskreis Präventionskette",
               committee_type="Lenkungskreis", tier="a")
    assert steering_groups(m) == ["LK"]
    m.add_node("SG", "committee", name="Steuerungsgruppe Präventionskette",
               committee_type="Steuerungsgruppe", tier="a")
    assert steering_groups(m) == ["SG"]


def test_a_steering_group_without_members_is_not_judged_as_if_it_had_none() -> None:
    m = _town()
    findings = find_promoter_gaps(m)
    assert findings and all(f.severity == "low" and f.confidence == "unsicher"
                            for f in findings if "SG" in f.nodes)
    assert _status(m, "qs-steering-sectors") == "unknown"


def test_no_roles_and_no_tiers_anywhere_are_unknown_not_failed() -> None:
    m = _town()
    assert _status(m, "qs-coordination-exists") == "unknown"
    assert _status(m, "qs-district-bodies") == "unknown"
    m.add_node("P", "actor", name="Frau Koordina", form="Person", roles=["Fachpromotor"])
    assert _status(m, "qs-coordination-exists") == "fail"  # roles are used, none is hers
