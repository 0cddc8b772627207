"""Coverage gaps: district × phase, need weighting, unequal treatment, service reach."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from netzkarte import InputError, NetworkMap
from netzkarte.analysis.coverage import coverage_table, find_coverage_gaps, need_column

ALL = ["Schwangerschaft", "0-3", "Kita", "Grundschule", "10-16", "16-27"]


def _districts(m: NetworkMap, rows: dict[str, tuple[int, float]]) -> None:
    m.set_districts(pd.DataFrame(
        {"children": [c for c, _ in rows.values()],
         "SGB-II-Quote Kinder": [q for _, q in rows.values()]},
        index=pd.Index(list(rows), name="district")))


def _offer(m: NetworkMap, oid: str, district: str, phases: list[str], **kw: Any) -> None:
    m.add_node(oid, "offer", name=f"Angebot {oid}", district=district, life_phases=phases,
               **kw)


def test_coverage_table_counts_running_offers_and_planned_apart() -> None:
    m = NetworkMap("Kindertal")
    _districts(m, {"Nord": (2000, 0.3), "Süd": (1000, 0.1)})
    _offer(m, "O1", "Nord", ["Kita", "Grundschule"])
    _offer(m, "O2", "Nord", ["Kita"], status="geplant")
    _offer(m, "O3", "Nord", ["Kita"], status="beendet")
    m.add_node("K", "actor", name="Kita Süd", category="Kita", district="Süd")
    m.add_node("O4", "offer", name="Elterncafé", venue="K", life_phases=["0-3"])
    t = coverage_table(m)
    # only running offers cover; the planned one is counted apart, the ended one not at all
    assert t.loc[("Nord", "kita"), "offers"] == 1
    assert t.loc[("Nord", "kita"), "planned"] == 1
    assert t.loc[("Nord", "kita"), "per_1000_children"] == 0.5
    assert t.loc[("Nord", "primary"), "offers"] == 1
    assert t.loc[("Süd", "u3"), "offers"] == 1  # district of its venue
    assert t.loc[("Süd", "u3"), "need"] == 0.1
    assert len(t) == 12


def test_need_column_detection_and_bad_name() -> None:
    m = NetworkMap()
    m.set_districts(pd.DataFrame({"children": [1], "Anteil BuT": [0.2]}, index=["Nord"]))
    assert need_column(m) == "Anteil BuT"
    assert need_column(m, "anteil but") == "Anteil BuT"
    with pytest.raises(InputError, match="Sozialräume"):
        need_column(m, "Arbeitslosenquote")
    m.set_districts(pd.DataFrame({"children": [1]}, index=["Nord"]))
    assert need_column(m) is None


def test_district_phase_without_offers_weighted_by_need() -> None:
    m = NetworkMap("Kindertal")
    _districts(m, {"Nord": (1000, 0.4), "Mitte": (1000, 0.2), "Süd": (1000, 0.05)})
    for i, d in enumerate(["Nord", "Mitte", "Süd"]):
        _offer(m, f"A{i}", d, ALL[1:])  # nothing for pregnancy anywhere
    _offer(m, "P", "Süd", ["Schwangerschaft"])
    gaps = {(f.district, f.evidence["phase"]): f.severity
            for f in find_coverage_gaps(m, services=()) if "phase" in f.evidence}
    assert gaps == {("Nord", "pregnancy"): "high", ("Mitte", "pregnancy"): "medium"}


def test_unweighted_without_indicator() -> None:
    m = NetworkMap()
    _offer(m, "A", "Nord", ALL[:-1])
    [f] = find_coverage_gaps(m, services=())
    assert (f.district, f.evidence["phase"], f.severity) == ("Nord", "transition_work",
                                                             "medium")
    assert f.title == "Kein Angebot für 16–27 Jahre (Übergang Schule–Beruf) in Nord"


def _unequal_map() -> NetworkMap:
    m = NetworkMap("Kindertal")
    need = {"N1": 0.40, "N2": 0.35, "M": 0.20, "S1": 0.10, "S2": 0.05}
    offers = {"N1": 1, "N2": 2, "M": 3, "S1": 5, "S2": 6}
    _districts(m, {d: (1000, q) for d, q in need.items()})
    for d, n in offers.items():
        for i in range(n):
            _offer(m, f"{d}-{i}", d, ALL)
    return m


def test_neediest_districts_with_fewest_offers() -> None:
    found = find_coverage_gaps(_unequal_map(), services=())
    [rho] = [f for f in found if "spearman" in f.evidence]
    assert rho.evidence["spearman"] == -1.0
    assert rho.severity == "high"
    assert "N1" in rho.text
    burdened = sorted(str(f.district) for f in found
                      if f.evidence.get("check") == "burdened_below_median")
    assert burdened == ["N1", "N2"]  # top quarter of five = 2 districts, both below median 3


def test_positive_correlation_is_fine() -> None:
    m = NetworkMap("Kindertal")
    need = {"N1": 0.40, "N2": 0.35, "M": 0.20, "S1": 0.10}
    _districts(m, {d: (1000, q) for d, q in need.items()})
    for d, n in {"N1": 4, "N2": 3, "M": 2, "S1": 1}.items():
        for i in range(n):
            _offer(m, f"{d}-{i}", d, ALL)
    assert find_coverage_gaps(m, services=()) == []


def test_burdened_districts_without_paediatric_or_counselling_care() -> None:
    m = NetworkMap("Kindertal")
    _districts(m, {"Nord-West": (900, 0.38), "Nord-Ost": (800, 0.31), "Süd": (700, 0.04)})
    m.add_node("KA", "actor", name="Kinderarztpraxis Dr. Süd", category="Kinderarztpraxis",
               district="Süd", lat=51.40, lon=7.20)
    m.add_node("EB", "actor", name="Erziehungsberatung Süd",
               category="Erziehungsberatungsstelle", district="Süd", lat=51.40, lon=7.21)
    m.add_node("FZ", "actor", name="Familienzentrum Ost", category="Familienzentrum",
               district="Nord-Ost", lat=51.48, lon=7.20)
    m.add_node("SP", "offer", name="EB-Sprechstunde im Familienzentrum", venue="FZ",
               category="Beratungssprechstunde")
    m.add_edge("EB", "SP", "provides")
    m.add_node("K", "actor", name="Kita Nord-West", category="Kita", district="Nord-West",
               lat=51.47, lon=7.15)
    reach = {f.district: f for f in find_coverage_gaps(m, phases=())
             if f.evidence.get("check") == "service_reach"}
    assert set(reach) == {"Nord-West", "Nord-Ost"}
    assert reach["Nord-West"].evidence["missing"] == ["Kinderarztpraxis",
                                                     "Erziehungsberatungsstelle"]
    assert reach["Nord-Ost"].evidence["missing"] == ["Kinderarztpraxis"]  # Sprechstunde
    assert reach["Nord-West"].severity == "high"
    # the title says what was tested: nothing within 1.5 km, not "unreachable"
    assert reach["Nord-West"].title == ("Nord-West: keine Kinderarztpraxis und keine "
                                        "Erziehungsberatungsstelle im Umkreis von 1,5 km")
    assert reach["Nord-Ost"].title == "Nord-Ost: keine Kinderarztpraxis im Umkreis von 1,5 km"
    # the nearest, with its distance
    assert "„Kinderarztpraxis Dr. Süd“ (Kinderarztpraxis, 8,5 km)" in reach["Nord-West"].text
    assert "(0,38) hoch belastet" in reach["Nord-West"].text


def test_service_within_walking_distance_counts() -> None:
    m = NetworkMap()
    m.add_node("KA", "actor", name="Kinderarzt", category="Kinderarztpraxis",
               district="Süd", lat=51.400, lon=7.200)
    m.add_node("K", "actor", name="Kita Nord", category="Kita", district="Nord",
               lat=51.405, lon=7.200)  # 0.56 km away
    found = find_coverage_gaps(m, phases=(), services=("Kinderarztpraxis",))
    assert found == []
    far = find_coverage_gaps(m, phases=(), services=("Kinderarztpraxis",),
                             max_distance_km=0.5)
    assert [f.district for f in far] == ["Nord"]


def test_no_such_service_in_map_is_info_not_alarm() -> None:
    m = NetworkMap()
    m.add_node("K", "actor", name="Kita Nord", category="Kita", district="Nord")
    found = find_coverage_gaps(m, phases=())
    assert [(f.severity, f.title) for f in found] == [
        ("info", "Keine Einrichtung „Kinderarztpraxis“ erfasst"),
        ("info", "Keine Einrichtung „Erziehungsberatungsstelle“ erfasst")]


def test_district_without_children_is_not_a_gap() -> None:
    m = NetworkMap()
    m.set_districts(pd.DataFrame({"children": [0]}, index=pd.Index(["Hafen"],
                                                                  name="district")))
    assert find_coverage_gaps(m, services=()) == []
    assert math.isnan(coverage_table(m)["per_1000_children"].iloc[0])


# --- synthetic maps with planted problems ---------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_synthetic_planted_coverage_gaps_found_and_clean_control_quiet(seed: int) -> None:
    from netzkarte.datasets.synthetic import synthetic

    planted = synthetic(400, seed=seed, plant=["coverage_gap"])
    gaps = {(f.district, f.evidence.get("phase")): f.severity
            for f in find_coverage_gaps(planted.map)}
    assert planted.truth.coverage_gaps
    for gap in planted.truth.coverage_gaps:
        assert gaps.get(gap) == "high"  # the neediest district
    clean = find_coverage_gaps(synthetic(400, seed=seed).map)
    assert [f.title for f in clean if f.severity == "high"] == []
    assert [f for f in clean if "phase" in f.evidence] == []


def test_a_gap_beside_a_kita_says_the_kita_is_no_offer_and_where_one_could_run() -> None:
    """„Kein Angebot für 3–6 Jahre“ in a district with a Kita reads as absurd unless it says
    what is meant: offers for families, which could take place in that very Kita."""
    m = NetworkMap("Oederan")
    _districts(m, {"Börnichen": (300, 0.1), "Kernstadt": (900, 0.1)})
    _offer(m, "K", "Kernstadt", ALL)
    _offer(m, "B", "Börnichen", ["Schwangerschaft", "0-3", "Grundschule", "10-16", "16-27"])
    m.add_node("KITA", "actor", name="Kita Zwergenland Börnichen", category="Kita",
               district="Börnichen")
    (gap,) = [f for f in find_coverage_gaps(m, services=())
              if f.evidence.get("phase") == "kita"]
    assert "Einrichtungen wie „Kita Zwergenland Börnichen“ zählen hier nicht" in gap.text
    assert "z. B. in „Kita Zwergenland Börnichen“" in gap.recommendation
