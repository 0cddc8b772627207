"""Several workbooks into one map: Kreis records matched, IDs kept apart per Kommune,
references resolved inside each workbook, snapshots, every problem with its file name."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from netzkarte import NetworkMap, analyze, save, write_excel
from netzkarte.datasets.synthetic import synthetic
from netzkarte.errors import InputError
from netzkarte.io.combine import combine, per_municipality, read_many, read_sources


@pytest.fixture(scope="module")
def kreis() -> NetworkMap:
    """A synthetic Kreis of three Kommunen with every problem planted."""
    return synthetic(1500, seed=4, municipalities=3, plant="all").map


def _edges(m: NetworkMap) -> Counter[tuple[str, str, str]]:
    return Counter((u, v, d["kind"].value) for u, v, d in m.graph.edges(data=True))


def _same_map(a: NetworkMap, b: NetworkMap) -> None:
    assert set(a.graph) == set(b.graph)
    assert _edges(a) == _edges(b)
    assert [n for n in a.graph if a.graph.nodes[n] != b.graph.nodes[n]] == []


def _same_result(a: NetworkMap, b: NetworkMap) -> None:
    ra, rb = analyze(a, progress=False), analyze(b, progress=False)
    assert [(f.id, f.title, f.severity, f.municipality) for f in ra.findings] == \
        [(f.id, f.title, f.severity, f.municipality) for f in rb.findings]
    assert {(q.id, q.status, q.municipality) for q in ra.quality_checks} == \
        {(q.id, q.status, q.municipality) for q in rb.quality_checks}


def test_three_kommune_workbooks_and_a_kreis_workbook_give_the_one_map(
        kreis: NetworkMap, tmp_path: Path) -> None:
    files = per_municipality(kreis)
    assert [name for name, _ in files] == ["Musterstadt 1", "Musterstadt 2", "Musterstadt 3",
                                           "Musterkreis"]
    for name, part in files:
        write_excel(part, tmp_path / f"{name}.xlsx")
    combined, report = read_many([tmp_path])
    assert report.ok, [i.message for i in report.errors]
    _same_map(kreis, combined)
    _same_result(kreis, combined)


def test_repeated_kreis_records_are_one_node(kreis: NetworkMap, tmp_path: Path) -> None:
    """Without a Kreis workbook: each Kommune's workbook repeats the Kreis records it
    needs; they become one node each, their ties one tie each."""
    kommunen = per_municipality(kreis)[:3]
    kreisjugendamt = next(n for n, d in kreis.graph.nodes(data=True)
                          if d.get("level") is not None and d["level"].value == "county"
                          and kreis.classify(n).label == "Jugendamt")
    assert all(kreisjugendamt in part for _, part in kommunen)  # repeated in every file
    paths = [write_excel(part, tmp_path / f"{name}.xlsx") for name, part in kommunen]
    combined, report = read_many(paths)
    assert report.ok
    nodes = set().union(*(set(part.graph) for _, part in kommunen))
    assert set(combined.graph) == nodes
    ties: Counter[tuple[str, str, str]] = Counter()
    for _, part in kommunen:
        ties |= _edges(part)  # a tie in several files is one tie
    assert _edges(combined) == ties
    assert [n for n in nodes if combined.graph.nodes[n] != kreis.graph.nodes[n]] == []
    assert not [i for i in report.warnings if i.code == "combined-id-qualified"]


def _town(name: str, kita: str, *, when: date | None = None, kreis_id: str = "JA",
          contact: str | None = None) -> NetworkMap:
    m = NetworkMap(name)
    m.meta.county = "Musterkreis"
    m.meta.snapshot = when
    m.meta.mission = f"Gut aufwachsen in {name}"
    m.set_districts(pd.DataFrame({"children": [100]},
                                 index=pd.Index(["Nord"], name="district")))
    m.add_node("K-1", "actor", name=kita, category="Kita", district="Nord")
    m.add_node("SG", "committee", name="Steuerungsgruppe", tier="a")
    m.add_node(kreis_id, "office", name="Kreisjugendamt", category="Jugendamt",
               level="Kreis", contact=contact)
    m.add_edge("K-1", "SG", "member")
    m.add_edge(kreis_id, "SG", "member", function="Vorsitz")
    m.add_edge("K-1", kreis_id, "cooperation")
    return m


def test_an_id_of_two_kommunen_is_qualified_and_references_stay_in_their_workbook() -> None:
    both = combine([("adorf.xlsx", _town("Adorf", "Kita Sonne")),
                    ("bstadt.xlsx", _town("Bstadt", "Kita Mond"))])
    m = both.map
    assert sorted(m.graph) == ["Adorf/K-1", "Adorf/SG", "Bstadt/K-1", "Bstadt/SG", "JA"]
    assert m.name("Adorf/K-1") == "Kita Sonne" and m.name("Bstadt/K-1") == "Kita Mond"
    # Adorf's membership goes to Adorf's steering group, Bstadt's to Bstadt's
    assert m.members("Adorf/SG") == ["Adorf/K-1", "JA"]
    assert m.members("Bstadt/SG") == ["Bstadt/K-1", "JA"]
    assert both.ids[("bstadt.xlsx", "K-1")] == "Bstadt/K-1"
    codes = {i.code for i in both.report.warnings}
    assert {"combined-id-qualified", "combined-kept-apart",
            "combined-district-renamed"} <= codes
    qualified = next(i for i in both.report.warnings if i.code == "combined-id-qualified")
    assert "K-1 → Bstadt/K-1 (bstadt.xlsx)" in qualified.message
    # the Sozialräume of the same name are two, each in its Kommune
    assert m.graph.nodes["Adorf/K-1"]["district"] == "Nord (Adorf)"
    assert dict(m.districts["municipality"]) == {"Nord (Adorf)": "Adorf",
                                                 "Nord (Bstadt)": "Bstadt"}
    assert m.meta.municipality == "Musterkreis"


def test_kreis_records_match_by_name_and_ebene_whatever_their_ids() -> None:
    both = combine([("adorf.xlsx", _town("Adorf", "Kita Sonne", kreis_id="JA")),
                    ("bstadt.xlsx", _town("Bstadt", "Kita Mond", kreis_id="KJA"))])
    m = both.map
    offices = [n for n, d in m.graph.nodes(data=True) if d["type"].value == "office"]
    assert offices == ["JA"]
    assert both.ids[("bstadt.xlsx", "KJA")] == "JA"
    assert sorted(v for _, v, d in m.graph.out_edges("JA", data=True)
                  if d["kind"].value == "member") == ["Adorf/SG", "Bstadt/SG"]


def test_differing_kreis_records_warn_and_the_newest_wins() -> None:
    both = combine([("adorf.xlsx", _town("Adorf", "Kita Sonne", when=date(2023, 1, 1),
                                         contact="alt@kreis.example")),
                    ("bstadt.xlsx", _town("Bstadt", "Kita Mond", when=date(2024, 1, 1),
                                          contact="neu@kreis.example"))])
    assert both.map.graph.nodes["JA"]["contact"] == "neu@kreis.example"
    note = next(i for i in both.report.warnings if i.code == "combined-record-differs")
    assert "Kreisjugendamt" in note.message and "Kontakt" in note.message
    assert "adorf.xlsx" in note.message and "bstadt.xlsx" in note.message


def test_an_institution_without_ebene_in_two_workbooks_is_shared_with_a_note() -> None:
    a, b = _town("Adorf", "Kita Sonne"), _town("Bstadt", "Kita Mond")
    for m in (a, b):
        m.add_node("JC", "office", name="Jobcenter Musterkreis", category="Jobcenter")
        m.add_edge("JC", "SG", "member")
    both = combine([("adorf.xlsx", a), ("bstadt.xlsx", b)])
    assert "JC" in both.map and "Adorf/JC" not in both.map
    note = next(i for i in both.report.warnings if i.code == "combined-shared-record")
    assert "Jobcenter Musterkreis" in note.message and "Spalte „Kommune“" in note.message


def test_two_snapshots_of_a_kommune_give_the_map_and_the_earlier_one() -> None:
    old = _town("Adorf", "Kita Sonne", when=date(2022, 6, 30))
    new = _town("Adorf", "Kita Sonne", when=date(2024, 6, 30))
    new.add_node("K-2", "actor", name="Kita Neu", category="Kita", district="Nord")
    new.add_edge("K-2", "SG", "member")
    both = combine([("adorf_2022.xlsx", old), ("adorf_2024.xlsx", new),
                    ("bstadt.xlsx", _town("Bstadt", "Kita Mond", when=date(2024, 6, 30)))])
    assert [(s.label, s.used) for s in both.sources] == [
        ("adorf_2022.xlsx", "earlier"), ("adorf_2024.xlsx", "current"),
        ("bstadt.xlsx", "current")]
    assert "K-2" in both.map and both.earlier is not None and "K-2" not in both.earlier
    # the same IDs in both snapshots, so the comparison matches them
    assert set(both.earlier.graph) <= set(both.map.graph)
    assert both.earlier_municipalities() == ["Adorf"]
    assert any(i.code == "combined-earlier-snapshot" and "adorf_2022.xlsx" in i.message
               for i in both.report.warnings)


def test_every_problem_keeps_its_file_name_and_the_others_are_still_read(
        tmp_path: Path) -> None:
    save(_town("Adorf", "Kita Sonne"), tmp_path / "adorf.json")
    (tmp_path / "bstadt.json").write_text('{"schema": "netzkarte/1", "nodes": 3}',
                                          encoding="utf-8")
    (tmp_path / "cdorf.xlsx").write_bytes(b"kein Excel")
    (tmp_path / "~$adorf.xlsx").write_bytes(b"Sperrdatei von Excel")
    (tmp_path / "notizen.txt").write_text("wird nicht gelesen", encoding="utf-8")
    combined = read_sources([tmp_path])
    assert not combined.report.ok
    files = {s.label: s.used for s in combined.sources}
    assert files == {"adorf.json": "current", "bstadt.json": "unreadable",
                     "cdorf.xlsx": "unreadable"}
    for issue in combined.report.errors:
        assert issue.message.startswith(("bstadt.json: ", "cdorf.xlsx: ")), issue.message
    assert {i.message.split(":")[0] for i in combined.report.errors} == {"bstadt.json",
                                                                         "cdorf.xlsx"}
    assert "K-1" in combined.map


def test_missing_paths_and_empty_folders_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="gibt es nicht"):
        read_many([tmp_path / "fehlt.xlsx"])
    (tmp_path / "leer").mkdir()
    with pytest.raises(InputError, match="keine Arbeitsmappe"):
        read_many([tmp_path / "leer"])


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = save(_town("Adorf", "Kita Sonne"), tmp_path / "adorf.json")
    combined = read_sources([path, tmp_path])
    assert [s.label for s in combined.sources] == ["adorf.json"]
    assert sorted(combined.map.graph) == ["JA", "K-1", "SG"]


def test_each_kommune_keeps_its_leitbild(kreis: NetworkMap) -> None:
    a, b = _town("Adorf", "Kita Sonne"), _town("Bstadt", "Kita Mond")
    b.meta.mission = ""
    m = combine([("adorf.xlsx", a), ("bstadt.xlsx", b)]).map
    checks = {(q.municipality, q.id): q.status
              for q in analyze(m, progress=False).quality_checks}
    assert checks[("Adorf", "qs-mission-goals")] != checks[("Bstadt", "qs-mission-goals")]


def test_offices_of_two_kreise_stay_apart_however_alike() -> None:
    a, b = _town("Adorf", "Kita Sonne"), _town("Bstadt", "Kita Mond", kreis_id="KJA")
    b.meta.county = "Anderkreis"
    m = combine([("adorf.xlsx", a), ("bstadt.xlsx", b)]).map
    assert sorted(n for n, d in m.graph.nodes(data=True) if d["type"].value == "office") \
        == ["JA", "KJA"]
    assert m.meta.county == "Musterkreis, Anderkreis"


def test_netzkarte_outputs_in_a_folder_are_left_out_and_named_as_a_map_refused(
        tmp_path: Path) -> None:
    """The folder `netzkarte demo` writes holds the workbook, the Maßnahmenliste and the
    findings JSON: read as one map, the outputs are left out with a note; named alone as a
    map, they get an error that says what they are."""
    import json as json_module

    import openpyxl

    from netzkarte.io.own_outputs import own_output, refuse_own_output

    save(_town("Adorf", "Kita Sonne"), tmp_path / "adorf.json")
    book = openpyxl.Workbook()
    book.active.title = "Maßnahmen"
    book.create_sheet("Datenlage")
    book.save(tmp_path / "massnahmenliste.xlsx")
    (tmp_path / "befunde.json").write_text(
        json_module.dumps({"municipality": "Adorf", "findings": [], "quality_checks": []}),
        encoding="utf-8")
    combined = read_sources([tmp_path])
    assert combined.report.ok, combined.report.errors
    assert [s.label for s in combined.sources] == ["adorf.json"]
    notes = [i.message for i in combined.report.warnings
             if i.code == "combined-output-skipped"]
    assert len(notes) == 2 and any("Maßnahmenliste" in n for n in notes)
    assert own_output(tmp_path / "adorf.json") is None
    with pytest.raises(InputError, match="ist eine Maßnahmenliste") as err:
        refuse_own_output(tmp_path / "massnahmenliste.xlsx")
    assert err.value.code == "own-output"
    named = read_sources([tmp_path / "adorf.json", tmp_path / "befunde.json"])
    assert [i.code for i in named.report.errors] == ["own-output"]


def test_an_id_reused_for_another_entry_in_a_later_snapshot_is_not_qualified() -> None:
    """Kita 2 of 2022 closed and K-2 now names a new Kita: the IDs need to be unique in
    each map, not across snapshots, so the current map keeps the user's IDs."""
    old = _town("Adorf", "Kita Sonne", when=date(2022, 6, 30))
    old.add_node("K-2", "actor", name="Kita Alt", category="Kita", district="Nord")
    new = _town("Adorf", "Kita Sonne", when=date(2024, 6, 30))
    new.add_node("K-2", "actor", name="Kita Neu", category="Kita", district="Nord")
    both = combine([("adorf_2022.xlsx", old), ("adorf_2024.xlsx", new)])
    assert both.map.name("K-2") == "Kita Neu"
    assert both.earlier is not None and both.earlier.name("K-2") == "Kita Alt"
    assert not [i for i in both.report.warnings if i.code == "combined-id-qualified"]


def test_what_the_category_filled_stays_untyped_in_the_combined_map(tmp_path: Path) -> None:
    """Sektor and Lebensphasen left empty in each Kommune's file are filled by the
    category for the analyses, and remain empty cells when the Kreis exports the whole."""
    for town in ("Adorf", "Bstadt"):
        save(_town(town, f"Kita {town}"), tmp_path / f"{town.lower()}.json")
    combined = read_sources([tmp_path])
    kita = next(n for n in combined.map.graph if combined.map.name(n) == "Kita Adorf")
    assert combined.map.graph.nodes[kita]["sector"] is not None  # for the analyses
    assert {"sector", "life_phases"} <= set(combined.map.defaulted[kita])
    exported = tmp_path / "export" / "kreis.xlsx"
    exported.parent.mkdir()
    write_excel(combined.map, exported)
    import openpyxl

    sheet = openpyxl.load_workbook(exported)["Akteure"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] == "Kita Adorf")
    assert row[header.index("Sektor")] in (None, "")
