"""The map page without a browser: allow-list, privacy, escaping, offline, atomic writes."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from map_fixtures import HOSTILE_NAMES, SECRET_MAIL, build_big_map, hostile_findings

from netzkarte import NetworkMap
from netzkarte.analysis.findings import AnalysisResult, Finding
from netzkarte.render.html_map import (
    EDGE_KEYS,
    NODE_KEYS,
    build_payload,
    json_for_script,
    render_map,
    write_map,
)

_DATA = re.compile(r'<script type="application/json" id="netzkarte-data">(.*?)</script>', re.S)


def page_payload(page: str) -> dict[str, object]:
    match = _DATA.search(page)
    assert match is not None
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def test_payload_carries_only_allow_listed_keys(hostile_map: NetworkMap) -> None:
    payload = build_payload(hostile_map, with_contacts=True, findings=hostile_findings())
    assert all(set(n) <= NODE_KEYS for n in payload["nodes"])
    assert all(set(e) <= EDGE_KEYS for e in payload["edges"])
    page = render_map(hostile_map, with_contacts=True)
    assert "GEHEIMWERT-123" not in page and "Geheimspalte" not in page  # extra column
    assert "GEHEIMNOTIZ" not in page  # edge note


def test_contact_data_never_appears_by_default(hostile_map: NetworkMap) -> None:
    for layout in ("netz", "kette", "kreis"):
        page = render_map(hostile_map, layout=layout, findings=hostile_findings())
        assert SECRET_MAIL not in page
        assert "jugendamt@example.org" not in page
        assert "example.org" not in json.dumps(page_payload(page))


def test_contact_data_with_mit_kontaktdaten(hostile_map: NetworkMap) -> None:
    payload = page_payload(render_map(hostile_map, with_contacts=True))
    person = next(n for n in payload["nodes"] if n["label"] == "Erika Geheim")  # type: ignore[index,union-attr]
    assert person["contact"] == SECRET_MAIL  # type: ignore[index]
    assert person["note"] == "privat: " + SECRET_MAIL  # type: ignore[index]


def test_anonymous_replaces_person_names_everywhere(hostile_map: NetworkMap) -> None:
    findings = [Finding.create("bottleneck", "medium", "Erika Geheim trägt zu viel",
                               nodes=["P1"], recommendation="Erika Geheim entlasten.")]
    page = render_map(hostile_map, anonymous=True, findings=findings)
    assert "Erika" not in page and "Geheim trägt" not in page
    payload = page_payload(page)
    person = next(n for n in payload["nodes"] if n["type"] == "actor"  # type: ignore[index,union-attr]
                  and n.get("form") == "person")  # type: ignore[union-attr]
    assert person["label"] == f"Hebamme ({HOSTILE_NAMES[1]})"  # category (organisation)
    assert "uid" not in person and "note" not in person
    finding = payload["findings"][0]  # type: ignore[index]
    assert finding["title"] == f"Hebamme ({HOSTILE_NAMES[1]}) trägt zu viel"
    assert payload["meta"]["anonymous"] is True  # type: ignore[index]


def test_anonymous_numbers_persons_that_would_look_the_same() -> None:
    m = NetworkMap()
    m.add_node("JA", "office", name="Jugendamt")
    for pid in ("P1", "P2"):
        m.add_node(pid, "actor", name=f"Name {pid}", form="Person")
        m.add_edge(pid, "JA", "belongs_to")
    labels = sorted(n["label"] for n in build_payload(m, anonymous=True)["nodes"])
    assert labels == ["Jugendamt", "Person (Jugendamt) #1", "Person (Jugendamt) #2"]


def test_json_block_cannot_be_broken_out_of(hostile_map: NetworkMap) -> None:
    page = render_map(hostile_map, findings=hostile_findings())
    block = _DATA.search(page)
    assert block is not None
    raw = block.group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\u2028" not in page and "\u2029" not in page
    payload = json.loads(raw)
    texts = {n["label"] for n in payload["nodes"]} | {n.get("district") for n in payload["nodes"]}
    assert texts >= set(HOSTILE_NAMES)
    # the only scripts are: data, vis-network, our own — nothing came from a name
    assert page.count("\n<script") == 3
    assert "sourceMappingURL" not in page


def test_json_for_script_round_trips() -> None:
    value = {"a": "</script><!-- & \u2028 \u2029 'x' \"y\""}
    text = json_for_script(value)
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == value


def test_title_and_heading_are_escaped(hostile_map: NetworkMap) -> None:
    page = render_map(hostile_map, title=HOSTILE_NAMES[0])
    assert f"<title>{html.escape(HOSTILE_NAMES[0])}</title>" in page
    assert "<script>window.__pwned" not in page
    assert "Netzwerkkarte Gefahrstadt &lt;b&gt;" in render_map(hostile_map)


def test_page_works_offline(small_map: NetworkMap) -> None:
    page = render_map(small_map)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", page, re.I)
    assert "@import" not in page and "<link" not in page.lower()
    assert "default-src 'none'" in page  # the browser refuses any request anyway
    assert "vis-network" in page and "9.1.2" in page  # inlined from pyvis's bundle


def test_findings_map_to_page_nodes_and_edges(small_map: NetworkMap) -> None:
    f = Finding.create("transition_gap", "high", "Kita ohne Grundschule",
                       nodes=["KITA1", "GS1", "UNBEKANNT"], edges=[("GS1", "KITA1")],
                       recommendation="Kooperation vereinbaren.")
    result = AnalysisResult("Testheim", {}, [f])
    payload = build_payload(small_map, findings=result)
    ids = {n["uid"]: n["id"] for n in payload["nodes"]}
    edge_ids = {(e["from"], e["to"], e["kind"]): e["id"] for e in payload["edges"]}
    shown = payload["findings"][0]
    assert shown["nodes"] == [ids["KITA1"], ids["GS1"]]  # the unknown id is dropped
    assert shown["edges"] == [edge_ids[(ids["KITA1"], ids["GS1"], "cooperation")]]
    assert shown["kindLabel"] == "Übergangslücke" and shown["severityLabel"] == "hoch"


def test_size_by_a_numeric_column(small_map: NetworkMap) -> None:
    small_map.add_node("CAFE", "offer", name="Elterncafé Nord", category="Elterncafé",
                       capacity=40)
    small_map.add_node("CAFE2", "offer", name="Elterncafé Süd", category="Elterncafé",
                       capacity=10)
    payload = build_payload(small_map, size_by="capacity")
    size = {n["uid"]: n["size"] for n in payload["nodes"]}
    assert size["CAFE"] > size["CAFE2"] == size["JA"]  # no capacity: smallest
    assert payload["legend"]["size"] == "Größe: capacity"
    with pytest.raises(ValueError, match=r"Knotengröße.*'einwohner'"):
        build_payload(small_map, size_by="einwohner")


def test_cluster_keys_by_district_and_committee(small_map: NetworkMap) -> None:
    by_district = {n["uid"]: n.get("cl") for n in
                   build_payload(small_map, cluster="district")["nodes"]}
    assert by_district["KITA1"] == by_district["GS1"] == "Sozialraum Nord"
    assert by_district["JA"] is None
    by_committee = {n["uid"]: n.get("cl") for n in
                    build_payload(small_map, cluster="committee")["nodes"]}
    # the coordinator sits on both; the smaller committee wins
    assert by_committee["KOORD"] == "Gremium Sozialraumkonferenz Nord"
    assert by_committee["BM"] == "Gremium Steuerungsgruppe"
    with pytest.raises(ValueError, match="Bündelung"):
        build_payload(small_map, cluster="farbe")  # type: ignore[arg-type]


def test_write_map_is_atomic(small_map: NetworkMap, tmp_path: Path) -> None:
    target = tmp_path / "karte.html"
    target.write_text("alt", encoding="utf-8")
    with pytest.raises(ValueError):
        write_map(small_map, target, layout="spirale")
    assert target.read_text(encoding="utf-8") == "alt"
    assert write_map(small_map, target, layout="kette") == target
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["karte.html"]  # no temp file left


def test_to_html_returns_string_or_writes_file(small_map: NetworkMap, tmp_path: Path) -> None:
    page = small_map.to_html(layout="kreis")
    assert isinstance(page, str) and 'data-layout="kreis"' in page
    out = small_map.to_html(tmp_path / "k.html", anonymous=True)
    assert out == tmp_path / "k.html"
    assert "Frau Kurz" not in out.read_text(encoding="utf-8")


def test_repr_html_is_an_iframe_with_the_escaped_page(hostile_map: NetworkMap) -> None:
    shown = hostile_map._repr_html_()
    assert shown.count("<iframe") == 1 and 'srcdoc="' in shown
    assert "Gefahrstadt &lt;b&gt;: 6 Akteure" in shown
    srcdoc = shown.split('srcdoc="', 1)[1].split('"', 1)[0]
    assert "<" not in srcdoc and '"' not in srcdoc  # attribute-escaped
    assert html.unescape(srcdoc) == render_map(hostile_map)
    assert SECRET_MAIL not in shown


def test_a_5000_node_page_stays_below_8_mb() -> None:
    m = build_big_map(5000)
    page = render_map(m)
    assert len(page.encode("utf-8")) <= 8_000_000
    assert page_payload(page)["meta"]["nodeCount"] == len(m)  # type: ignore[index]
