"""On Kindertal the analyses find what the quality framework's case study describes,
and nothing absurd."""

from __future__ import annotations

import pytest

from netzkarte import AnalysisResult, analyze
from netzkarte.datasets import kindertal

NORTH_BURDENED = ("Nordstadt", "Kreuzfeld")


@pytest.fixture(scope="module")
def results() -> dict[int, AnalysisResult]:
    return {year: analyze(kindertal(year)) for year in (2017, 2019)}


def _reach(result: AnalysisResult, district: str) -> list[str]:
    return [f.title for f in result.by_kind("coverage_gap")
            if f.district == district and f.evidence.get("check") == "service_reach"]


def test_2017_burdened_north_without_paediatrician_or_counselling(
        results: dict[int, AnalysisResult]) -> None:
    for district in NORTH_BURDENED:
        titles = _reach(results[2017], district)
        assert titles == [f"{district}: keine Kinderarztpraxis und keine "
                          "Erziehungsberatungsstelle im Umkreis von 1,5 km"]
        finding = next(f for f in results[2017].by_kind("coverage_gap")
                       if f.title == titles[0])
        assert finding.severity == "high"
    # the better-off south of the A 40 is not flagged
    assert _reach(results[2017], "Südpark") == [] and _reach(results[2017], "Lindenhöhe") == []


def test_2019_counselling_consultation_hours_reach_the_north(
        results: dict[int, AnalysisResult]) -> None:
    # the first cycle brought Erziehungsberatung consultation hours into the Familienzentren;
    # a paediatric practice is still missing
    for district in NORTH_BURDENED:
        assert _reach(results[2019], district) == [f"{district}: keine Kinderarztpraxis "
                                                    "im Umkreis von 1,5 km"]


def test_the_planted_parallel_structures_are_found(results: dict[int, AnalysisResult]) -> None:
    titles = [f.title for f in results[2019].by_kind("parallel_structure")]
    assert ("Mögliche Parallelstruktur: Netzwerk Frühe Hilfen Kindertal und Netzwerk Frühe "
            "Hilfen Kreis Kindertal-Lernfurt") in titles
    assert any("Arbeitskreis Übergang Schule–Beruf" in t and "KAoA" in t for t in titles)
    assert any("Sozialraumkonferenz Nordstadt" in t and "Stadtteilarbeitskreis" in t
               for t in titles)
    assert "4 gleichartige Angebote „Elterncafé“ in Kreuzfeld" in titles
    # statutory committees of town and Kreis are not a parallel structure
    assert not any("Jugendhilfeausschuss" in t for t in titles)
    assert len(titles) <= 6


def test_steering_group_meets_the_core_standards(results: dict[int, AnalysisResult]) -> None:
    checks = {q.id: q for q in results[2019].quality_checks}
    for check in ("qs-steering-exists", "qs-steering-sectors", "qs-steering-power",
                  "qs-coordination-exists", "qs-coordination-rank", "qs-tiers",
                  "qs-mission-goals"):
        assert checks[check].status == "pass", (check, checks[check].evidence)
    assert checks["qs-district-bodies"].status == "warn"
    assert "Wiesental" in checks["qs-district-bodies"].evidence


def test_the_coordinator_is_a_known_bottleneck(results: dict[int, AnalysisResult]) -> None:
    titles = [f.title for f in results[2019].by_kind("bottleneck")]
    assert any(t.startswith("Julia Neumann") for t in titles)
