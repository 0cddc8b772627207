"""The Kreis overview: planted problems found in the right Kommune or at Kreis level, none
crossing a border, every number of the overview from the per-Kommune results, and a
Kommune whose data say little never reading as fulfilled."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from netzkarte import NetworkMap, analyze
from netzkarte.analysis.findings import AnalysisResult
from netzkarte.analysis.kommunen import municipality_of
from netzkarte.analysis.overview import Overview, overview
from netzkarte.datasets.synthetic import GroundTruth, synthetic
from netzkarte.io.combine import combine, per_municipality
from netzkarte.render.overview import overview_tables
from netzkarte.vocab import EdgeKind, Level, NodeType


def _cut_schulamt(m: NetworkMap, keep: str) -> str:
    """Plant a Kreis-level problem: the Kreis Schulamt reaches only the Kommune ``keep``
    (no tie to another Kommune's nodes, no seat on a committee with their members, no
    offer for the whole Kreis)."""
    owner = municipality_of(m)
    office = next(n for n, d in m.graph.nodes(data=True)
                  if d.get("level") is Level.COUNTY and m.classify(n).label == "Schulamt")
    agents = {office} | {u for u, _, d in m.graph.in_edges(office, data=True)
                         if d["kind"] is EdgeKind.BELONGS_TO}

    def elsewhere(node: str) -> bool:
        data = m.graph.nodes[node]
        if owner.get(node) not in (None, keep):
            return True
        if data["type"] is NodeType.COMMITTEE:
            return any(owner.get(x) not in (None, keep) for x in m.members(node))
        return data["type"] is NodeType.OFFER and owner.get(node) is None

    drop = [(u, v, k) for agent in agents
            for u, v, k in [*m.graph.out_edges(agent, keys=True),
                            *m.graph.in_edges(agent, keys=True)]
            if elsewhere(v if u == agent else u)]
    m.graph.remove_edges_from(drop)
    m._cache.clear()
    return office


@pytest.fixture(scope="module")
def planted() -> tuple[NetworkMap, GroundTruth, AnalysisResult, Overview]:
    s = synthetic(1500, seed=2, municipalities=3, plant="all")
    _cut_schulamt(s.map, keep="Musterstadt 1")
    result = analyze(s.map, progress=False)
    return s.map, s.truth, result, overview(s.map, result=result, progress=False)


def test_planted_problems_are_found_in_their_kommune(
        planted: tuple[NetworkMap, GroundTruth, AnalysisResult, Overview]) -> None:
    m, truth, result, _ = planted
    owner = municipality_of(m)
    where = {d: m.districts.loc[d, "municipality"] for d in m.districts.index}
    for transition, district in truth.transition_gaps:
        found = [f for f in result.by_kind("transition_gap")
                 if f.transition == transition and f.district == district]
        assert found and {f.municipality for f in found} == {where[district]}
    for district, _ in truth.coverage_gaps:
        found = [f for f in result.by_kind("coverage_gap") if f.district == district]
        assert found and {f.municipality for f in found} == {where[district]}
    checks = {(q.municipality, q.id): q.status for q in result.quality_checks}
    for steering in truth.steering_without_power:
        home = owner[steering]
        assert checks[(home, "qs-steering-power")] == "fail"
        assert [k for (k, cid), st in checks.items()
                if cid == "qs-steering-power" and st == "fail"] == [home]
    for steering in truth.steering_missing_sectors:
        assert checks[(owner[steering], "qs-steering-sectors")] != "pass"
    for node in [*truth.isolated, *truth.overloaded_persons]:
        found = [f for f in result.findings if node in f.nodes
                 and f.kind in ("isolated", "bottleneck")]
        assert found and {f.municipality for f in found} == {owner[node]}, node
    kreis_ak, kommune_ak = truth.parallel_pairs[0]
    assert owner[kreis_ak] is None
    found = [f for f in result.by_kind("parallel_structure")
             if {kreis_ak, kommune_ak} <= set(f.nodes)]
    assert found and {f.municipality for f in found} == {owner[kommune_ak]}


def test_a_kreis_service_reaching_one_kommune_is_a_kreis_level_finding(
        planted: tuple[NetworkMap, GroundTruth, AnalysisResult, Overview]) -> None:
    _, _, result, ov = planted
    reach = [f for f in result.findings if f.evidence.get("check") == "county_reach"]
    assert [(f.municipality, f.evidence["service"], f.evidence["missing"]) for f in reach] \
        == [(None, "Schulamt", ["Musterstadt 2", "Musterstadt 3"])]
    assert reach[0].id in {f.id for f in ov.county_findings}
    assert all(reach[0].id not in {f.id for f in k.result.findings} for k in ov.kommunen)


def test_no_finding_crosses_a_kommune_border(
        planted: tuple[NetworkMap, GroundTruth, AnalysisResult, Overview]) -> None:
    m, _, result, _ = planted
    owner = municipality_of(m)
    for f in result.findings:
        homes = {owner[n] for n in f.nodes if n in owner} - {None}
        if f.municipality is not None:
            assert homes <= {f.municipality}, f.title
        for s in f.evidence.get("suggestions") or []:
            a, b = owner.get(s["for"]), owner.get(s["id"])
            assert a is None or b is None or a == b, f.title


def test_the_overview_numbers_are_the_per_kommune_results(
        planted: tuple[NetworkMap, GroundTruth, AnalysisResult, Overview]) -> None:
    m, _, result, ov = planted
    owner = municipality_of(m)
    assert [k.name for k in ov.kommunen] == ["Musterstadt 1", "Musterstadt 2", "Musterstadt 3"]
    assert sum(len(k.result.findings) for k in ov.kommunen) + len(ov.county_findings) == \
        len(result.findings)
    tables = {t.key: t for t in overview_tables(ov)}
    for k, row, matrix, kinds in zip(ov.kommunen, tables["kommunen"].rows,
                                     tables["qualitaet"].rows, tables["befunde"].rows,
                                     strict=True):
        own = [n for n in m.graph if owner[n] == k.name]
        assert k.result.findings == [f for f in result.findings if f.municipality == k.name]
        assert k.result.quality_checks == [q for q in result.quality_checks
                                           if q.municipality == k.name]
        counts = Counter(m.graph.nodes[n]["type"].value for n in own)
        b = k.block
        assert b["nodes"] == {t.value: counts[t.value] for t in NodeType}
        assert b["ties"] == sum(1 for u, v in m.graph.edges() if owner[u] == k.name
                                or owner[v] == k.name)
        # the table shows exactly these numbers
        assert row[0].text == k.name
        assert [c.value for c in row[2:8]] == [counts["actor"], counts["office"],
                                               counts["committee"], counts["offer"],
                                               b["ties"], b["county_nodes"]]
        assert row[12].value == len(k.result.findings)
        statuses = {q.id: q.status for q in k.result.quality_checks}
        assert [c.css for c in matrix[1:]] == [f"status-{statuses[cid]}"
                                              for cid, _ in ov.checks]
        by_kind = Counter(f.kind for f in k.result.findings)
        assert [c.value for c in kinds[1:8]] == [by_kind[kind] for kind in (
            "parallel_structure", "transition_gap", "coverage_gap", "bottleneck", "promoter",
            "quality_standard", "isolated")]
        steering = statuses.get("qs-steering-exists", "unknown")
        assert b["steering"] == steering and row[8].value == {
            "pass": "ja", "fail": "nein", "warn": "teilweise", "unknown": "unbekannt"}[steering]


def test_a_kommune_with_many_unknowns_reads_unknown_never_fulfilled() -> None:
    s = synthetic(1500, seed=3, municipalities=3)
    m = s.map
    owner = municipality_of(m)
    for n, data in m.graph.nodes(data=True):
        if owner[n] == "Musterstadt 2" and data["type"] is not NodeType.COMMITTEE:
            for field in ("category", "life_phases", "sector", "district"):
                data.pop(field, None)
    m._cache.clear()
    ov = overview(m, progress=False)
    blocks = {k.name: k.block for k in ov.kommunen}
    assert blocks["Musterstadt 2"]["datenlage"] == "poor"
    assert blocks["Musterstadt 2"]["quality"] == "unknown"
    assert blocks["Musterstadt 1"]["datenlage"] == "good"
    row = next(r for r in overview_tables(ov)[0].rows if r[0].text == "Musterstadt 2")
    shown = " ".join(c.text for c in row)
    assert "unbekannt" in shown and "unzureichend" in shown and "erfüllt" not in shown
    assert "(unvollständig)" in row[12].text


def test_a_kommune_with_an_earlier_snapshot_shows_its_change() -> None:
    s = synthetic(1500, seed=5, municipalities=3)
    files = per_municipality(s.map)
    old = dict(per_municipality(s.map))["Musterstadt 2"]  # a copy
    old.meta.snapshot = date(2022, 6, 30)
    gone = [n for n, d in old.graph.nodes(data=True) if d["type"] is NodeType.OFFER
            and municipality_of(old)[n] == "Musterstadt 2"][:4]
    for n in gone:
        old.remove_node(n)
    both = combine([(f"{name}.json", part) for name, part in files]
                   + [("musterstadt2_2022.json", old)])
    ov = overview(both.map, earlier=both.earlier, progress=False)
    changes = {k.name: k.block["change"] for k in ov.kommunen}
    assert changes["Musterstadt 1"] is None and changes["Musterstadt 3"] is None
    change = changes["Musterstadt 2"]
    assert change["since"] == "2022-06-30" and change["nodes_added"] == 4
    assert change["nodes_removed"] == 0
    assert any(t.key == "veraenderung" for t in overview_tables(ov))


def test_a_single_kommune_gives_an_overview_of_one() -> None:
    from netzkarte.datasets import kindertal

    ov = overview(kindertal(2019), progress=False)
    assert [k.name for k in ov.kommunen] == ["Kindertal"]
    assert len(ov.kommunen[0].result.findings) == len(ov.whole.findings)
    assert ov.county_findings == []


def test_in_a_land_each_kommune_sees_only_its_own_kreis() -> None:
    import re

    from netzkarte.analysis.kommunen import county_names, split_by_municipality

    m = synthetic(4000, seed=3, municipalities=20).map
    kreise = county_names(m)
    assert kreise == ["Musterkreis 1", "Musterkreis 2"]
    owner = municipality_of(m)
    for name, part in split_by_municipality(m):
        above = [m.name(n) for n in part.graph if owner[n] is None]
        named = Counter(k for text in above for k in kreise
                        if re.search(rf"{k}\b", text))
        assert len(named) == 1, (name, named)  # one Kreis, never the other
    # and the files of its Kommunen and Kreise give back the Land
    both = combine(per_municipality(m))
    assert set(both.map.graph) == set(m.graph)
    assert both.map.graph.number_of_edges() == m.graph.number_of_edges()
