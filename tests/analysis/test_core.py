"""analyze: the documented JSON, stable ids, options, progress, the German summary."""

from __future__ import annotations

import json

import pytest

import netzkarte
from netzkarte import NetworkMap, NetzkarteError
from netzkarte.analysis import AnalysisResult, analyze, format_summary
from netzkarte.analysis.core import analysis_options
from netzkarte.analysis.metrics import ei_index, sector_groups
from netzkarte.errors import OptionError

KINDS = {"parallel_structure", "transition_gap", "coverage_gap", "bottleneck", "promoter",
         "quality_standard", "isolated"}
SEVERITIES = ["high", "medium", "low", "info"]
FINDING_KEYS = {"id", "kind", "severity", "title", "text", "recommendation", "nodes", "edges",
                "transition", "district", "score", "evidence", "confidence", "municipality"}


def test_analyze_gives_the_contract_json(small_map: NetworkMap) -> None:
    result = analyze(small_map, progress=False)
    data = json.loads(result.to_json())
    assert set(data) == {"municipality", "generated", "netzkarte_version", "summary",
                         "findings", "quality_checks", "data_quality"}
    assert data["municipality"] == "Testheim"
    assert data["netzkarte_version"] == netzkarte.__version__
    summary = data["summary"]
    assert summary["nodes"] == {"actor": 4, "office": 3, "committee": 2, "offer": 1}
    assert summary["edges"] == {"member": 7, "cooperation": 1, "referral": 1, "provides": 1,
                                "belongs_to": 2, "reports_to": 1, "contract": 1, "funds": 1}
    # 7 actors/offices, 11 collaboration ties: 11 / 21
    assert summary["density"] == pytest.approx(11 / 21, abs=1e-6)
    assert summary["components"] == 1
    assert summary["communities"] >= 1
    assert summary["steering_members"] == 4
    assert summary["findings"] == len(data["findings"])
    assert data["findings"], "the small map has findings"
    for f in data["findings"]:
        assert set(f) == FINDING_KEYS
        assert f["kind"] in KINDS
        assert f["severity"] in SEVERITIES
        assert f["confidence"] in {"sicher", "unsicher"}
        assert f["municipality"] == "Testheim"
        assert isinstance(f["nodes"], list) and all(n in small_map for n in f["nodes"])
        assert all(isinstance(e, list) and len(e) == 2 for e in f["edges"])
    order = [(SEVERITIES.index(f["severity"]), -f["score"]) for f in data["findings"]]
    assert order == sorted(order)
    ids = [f["id"] for f in data["findings"]]
    assert len(ids) == len(set(ids))
    for q in data["quality_checks"]:
        assert {"id", "title", "status", "evidence"} <= set(q)
        assert q["status"] in {"pass", "warn", "fail", "unknown"}


def test_same_input_gives_the_same_json(small_map: NetworkMap) -> None:
    from maps import build_small_map

    first = analyze(small_map, progress=False).to_dict()
    second = analyze(build_small_map(), progress=False).to_dict()
    first.pop("generated")
    second.pop("generated")
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


def test_summary_ei_index_is_the_sector_ei_of_the_projection(small_map: NetworkMap) -> None:
    result = analyze(small_map, progress=False)
    expected = ei_index(small_map.collaboration_graph(), sector_groups(small_map)).overall
    assert result.summary["ei_index"] == pytest.approx(expected, abs=1e-6)


def test_tables(small_map: NetworkMap) -> None:
    tables = analyze(small_map, progress=False).tables
    assert {"centrality", "brokerage", "communities", "ei_index"} <= set(tables)
    cen = tables["centrality"]
    assert {"degree", "betweenness", "closeness", "eigenvector", "community",
            "steps_to_steering"} <= set(cen.columns)
    assert cen.loc["KITA1", "steps_to_steering"] == 1
    assert tables["brokerage"].loc["JA", "name"] == "Jugendamt"
    assert tables["communities"]["size"].sum() == 7


def test_options_reach_the_analysis_that_declares_them(small_map: NetworkMap) -> None:
    plain = analyze(small_map, progress=False)
    assert not [f for f in plain.by_kind("bottleneck") if f.evidence["check"] == "overload"]
    strict = analyze(small_map, progress=False, max_committees=1)
    overload = [f for f in strict.by_kind("bottleneck") if f.evidence["check"] == "overload"]
    assert [f.nodes[0] for f in overload] == ["KOORD"]  # Frau Kurz sits on SG and SRK


def test_unknown_option_is_a_german_error_with_a_suggestion(small_map: NetworkMap) -> None:
    with pytest.raises(OptionError, match="Meinten Sie „max_committees“") as info:
        analyze(small_map, max_comittees=3)
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, NetzkarteError)
    with pytest.raises(NetzkarteError, match="NetworkMap"):
        analyze("karte.xlsx")  # type: ignore[arg-type]


def test_analysis_options_lists_defaults() -> None:
    options = analysis_options()
    assert options["metrics"] == {"seed": 0, "resolution": 1.0, "backend": "auto",
                                  "exact_max_nodes": 5000, "pivots": 1000}
    assert options["bottlenecks"] == {"cut_off_high": 3, "max_steps": 3, "max_committees": 5,
                                      "max_betweenness_share": 0.5, "min_bridge_side": 2}
    assert "centrality_table" not in options["bottlenecks"]


def test_progress_bar_only_when_asked(small_map: NetworkMap,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    analyze(small_map)  # stderr is no terminal under pytest
    assert "Analyse" not in capsys.readouterr().err
    analyze(small_map, progress=True)
    assert "Analyse" in capsys.readouterr().err


def test_empty_map() -> None:
    result = analyze(NetworkMap("Leer"), progress=False)
    assert result.summary["nodes"] == {"actor": 0, "office": 0, "committee": 0, "offer": 0}
    assert result.summary["components"] == 0
    json.loads(result.to_json())


def test_format_summary(small_map: NetworkMap) -> None:
    result = analyze(small_map, progress=False)
    text = format_summary(result, top=3)
    lines = text.splitlines()
    assert lines[0] == "Netzwerkanalyse Testheim"
    assert "Knoten: 4 Akteure, 3 Ämter, 2 Gremien, 1 Angebot; 15 Beziehungen" in lines
    assert f"Befunde: {len(result.findings)} (" in text
    assert "Die wichtigsten 3 Befunde (Nummern wie in Karte und Maßnahmenliste):" in lines
    first = result.findings[0]
    assert any(line.endswith(first.title) and line.startswith("1. ") for line in lines)
    assert lines[-1] == f"… und {len(result.findings) - 3} weitere Befunde"


def test_result_keeps_names_of_involved_nodes(small_map: NetworkMap) -> None:
    result: AnalysisResult = analyze(small_map, progress=False)
    involved = {n for f in result.findings for n in f.nodes}
    assert set(result.names) == involved
    assert all(result.names[n] == small_map.name(n) for n in involved)
