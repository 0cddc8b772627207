"""Static figures: what each shows on tiny hand-built maps and on Kindertal, grey-safe, stable."""

from __future__ import annotations

import base64
import itertools
import subprocess
import sys
from typing import Any

import pandas as pd
import pytest
from matplotlib.figure import Figure

from netzkarte import NetworkMap
from netzkarte.analysis.core import analyze
from netzkarte.analysis.findings import AnalysisResult, QualityCheck
from netzkarte.datasets import kindertal
from netzkarte.render import figures as fg
from netzkarte.render.style import (
    SECTOR_COLOURS,
    SEVERITY_COLOURS,
    STATUS_COLOURS,
    hex_to_lab,
)
from netzkarte.vocab import Sector


@pytest.fixture(scope="module")
def kt() -> tuple[NetworkMap, AnalysisResult]:
    m = kindertal(2019)
    return m, analyze(m, progress=False)


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))
            if t.get_text()]


def _point_count(fig: Figure) -> int:
    return sum(len(c.get_offsets()) for c in fig.axes[0].collections
               if type(c).__name__ == "PathCollection")


# --- overview -------------------------------------------------------------------------------


@pytest.mark.parametrize(("layout", "title"), [
    ("netz", "Netzwerkkarte Testheim – Netz (nach Verbindungen angeordnet)"),
    ("kette", "Netzwerkkarte Testheim – Kette (Lebensphasen × Handlungsfeld)"),
    ("kreis", "Netzwerkkarte Testheim – Kreis (Handlungsfelder × Steuerungsebenen)")])
def test_overview_draws_every_node_in_each_layout(small_map: NetworkMap, layout: str,
                                                  title: str) -> None:
    fig = fg.overview_figure(small_map, layout=layout)
    assert isinstance(fig, Figure)
    assert fig.axes[0].get_title() == title
    assert _point_count(fig) == len(small_map) == 10
    texts = _texts(fig)
    assert "Kita Sonnenschein" in texts and "Frau Kurz" in texts
    # legend: the four shapes and the sectors present, in German
    for word in ("Akteur", "Amt", "Gremium", "Angebot", "Kinder- und Jugendhilfe",
                 "Arbeit und Ausbildung"):
        assert word in texts


def test_overview_uses_the_style_table_for_shapes_and_colours(small_map: NetworkMap) -> None:
    fig = fg.overview_figure(small_map)
    scatters = [c for c in fig.axes[0].collections if type(c).__name__ == "PathCollection"]
    assert [c.get_label() for c in scatters] == ["Akteur", "Amt", "Gremium", "Angebot"]
    office = scatters[1]  # BM (politics), JA (youth welfare), JC (work)
    colours = {tuple(round(x, 3) for x in rgba[:3]) for rgba in office.get_facecolors()}

    def rgb(hex_colour: str) -> tuple[float, ...]:
        return tuple(round(int(hex_colour[i:i + 2], 16) / 255, 3) for i in (1, 3, 5))

    assert colours == {rgb(SECTOR_COLOURS[s]) for s in (Sector.POLITICS, Sector.YOUTH_WELFARE,
                                                         Sector.WORK)}


def test_overview_anonymous_hides_person_names(small_map: NetworkMap) -> None:
    texts = _texts(fg.overview_figure(small_map, anonymous=True))
    assert "Frau Kurz" not in texts
    assert "Person (Jugendamt)" in texts


def test_overview_rejects_an_unknown_layout_in_german(small_map: NetworkMap) -> None:
    with pytest.raises(ValueError, match="Unbekanntes Layout"):
        fg.overview_figure(small_map, layout="spirale")


def test_overview_of_kindertal_labels_only_the_most_connected(kt: tuple[NetworkMap, Any]
                                                              ) -> None:
    m, _ = kt
    fig = fg.overview_figure(m, layout="kreis", max_labels=25)
    assert _point_count(fig) == len(m) == 322
    labels = [t for t in fig.axes[0].texts if t.get_zorder() == 3]
    # at most 25, the steering group among them; a name that finds no free side of its
    # point is left out rather than printed over another
    assert 15 <= len(labels) <= 25
    assert any(t.get_text().startswith("Steuerungsgruppe") for t in labels)
    renderer = fig._get_renderer()  # type: ignore[attr-defined]
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))


def test_overview_labels_every_steering_body_first() -> None:
    """A Lenkungskreis entered at level b steers too (as the analyses count it): on a map
    too big to name everything it is named although nobody sits in it yet."""
    m = NetworkMap("Steuerheim")
    m.add_node("LK", "committee", name="Steuerkreis KAoA", committee_type="Lenkungskreis",
               tier="b")
    m.add_node("AK", "committee", name="Arbeitskreis Kita", committee_type="Arbeitskreis",
               tier="b")
    for i in range(12):
        m.add_node(f"K{i}", "actor", name=f"Kita {i}", category="Kita")
        m.add_edge(f"K{i}", "AK", "member")
        if i:
            m.add_edge(f"K{i}", f"K{i - 1}", "cooperation")
    labels = [t.get_text() for t in fg.overview_figure(m, max_labels=3).axes[0].texts
              if t.get_zorder() == 3]
    assert "Steuerkreis KAoA" in labels and len(labels) <= 3  # the rest by degree


def _kindertal_figures(kt: tuple[NetworkMap, Any]) -> dict[str, Figure]:
    m, result = kt
    return {"overview-netz": fg.overview_figure(m), "overview-kette": fg.overview_figure(
        m, layout="kette"), "overview-kreis": fg.overview_figure(m, layout="kreis"),
        "coverage": fg.coverage_heatmap(analyze(m)), "transitions": fg.transition_chart(result),
        "overlap": fg.overlap_matrix(m), "centrality": fg.centrality_bars(m, result=result),
        "brokerage": fg.brokerage_bars(m, result=result),
        "quality": fg.quality_traffic_light(result)}


def test_every_figure_fits_the_a4_text_column_with_text_of_7_pt_or_more(
        kt: tuple[NetworkMap, Any]) -> None:
    """The report shows a figure at the column's width (182 mm = 7.17 in): a figure at most
    that wide is printed at its natural size or larger, so its font sizes are the printed
    ones. The saved SVG is the tight box: no text is cut off at its edge."""
    import re

    for name, fig in _kindertal_figures(kt).items():
        svg = fg.figure_to_svg(fig)
        width_pt = float(re.search(r'<svg[^>]*width="([0-9.]+)pt"', svg).group(1))  # type: ignore[union-attr]
        assert width_pt <= 72 * 7.17, name
        # user units are points: the font sizes are those of the figure at natural size
        sizes = [float(v) for v in re.findall(r"font-size:\s*([0-9.]+)px", svg)]
        assert sizes and min(sizes) >= 7.0, (name, min(sizes))


# --- coverage -------------------------------------------------------------------------------


def test_coverage_heatmap_counts_offers_per_district_and_phase(small_map: NetworkMap) -> None:
    fig = fg.coverage_heatmap(analyze(small_map, progress=False))
    ax = fig.axes[0]
    assert ax.get_title() == "Angebote je Sozialraum und Lebensphase"
    assert ax.images[0].get_array().tolist() == [[0, 1, 1, 0, 0, 0]]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Nord"]
    assert [t.get_text() for t in ax.texts] == ["0", "1", "1", "0", "0", "0"]
    assert sum(1 for p in ax.patches if p.get_hatch() == "///") == 4  # the empty cells
    assert "kein Bedarfs-\nindikator im Blatt\nSozialräume" in _texts(fig)


def test_coverage_heatmap_puts_the_neediest_district_first() -> None:
    m = NetworkMap("Ort")
    m.set_districts(pd.DataFrame({"children": [300, 500], "SGB-II-Quote": [12.5, 40.0]},
                                 index=pd.Index(["Süd", "Nord"], name="district")))
    m.add_node("O1", "offer", name="Elterncafé", category="Elterncafé", district="Süd")
    fig = fg.coverage_heatmap(analyze(m, progress=False))
    heat, side = fig.axes[0], fig.axes[1]
    assert [t.get_text() for t in heat.get_yticklabels()] == ["Nord", "Süd"]
    assert heat.images[0].get_array().tolist() == [[0] * 6, [0, 1, 1, 0, 0, 0]]
    assert [round(p.get_width(), 1) for p in side.patches] == [40.0, 12.5]
    assert side.get_xlabel() == "SGB-II-Quote"
    assert [t.get_text() for t in side.texts] == [" 40,0", " 12,5"]


# --- transitions ----------------------------------------------------------------------------


def _bars(fig: Figure) -> list[tuple[int, int]]:
    """(linked, unlinked) per transition from the two bar containers."""
    linked, unlinked = fig.axes[0].containers
    return [(round(a.get_width()), round(b.get_width())) for a, b in zip(linked, unlinked,
                                                                         strict=True)]


def test_transition_chart_counts_linked_and_unlinked_institutions() -> None:
    m = NetworkMap("Ort")
    m.add_node("K1", "actor", name="Kita A", category="Kita", district="Nord")
    m.add_node("K2", "actor", name="Kita B", category="Kita", district="Nord")
    m.add_node("G", "actor", name="Grundschule Nord", category="Grundschule", district="Nord")
    m.add_edge("K1", "G", "cooperation")
    fig = fg.transition_chart(analyze(m, progress=False))
    ax = fig.axes[0]
    assert ax.get_title() == ("Übergänge: Einrichtungen mit und ohne Verbindung zur nächsten "
                              "Phase")
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Geburt → Frühe Hilfen", "Familie → Kita", "Kita → Grundschule",
        "Grundschule → weiterführende Schule", "Schule → Beruf"]
    assert _bars(fig)[2] == (1, 1)
    # hatched (grey-safe) unlinked bars, and the legend says which is which
    assert all(p.get_hatch() == "///" for p in ax.containers[1])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["verbunden",
                                                                   "ohne Verbindung"]


def test_transition_chart_with_a_tie_shows_no_gap(small_map: NetworkMap) -> None:
    assert _bars(fg.transition_chart(analyze(small_map, progress=False)))[2] == (1, 0)


def test_transition_chart_from_a_result_matches_its_findings(kt: tuple[NetworkMap, Any]
                                                             ) -> None:
    m, result = kt
    whole = {f.transition: f for f in result.by_kind("transition_gap") if f.district is None}
    f = whole["kita->primary"]
    expected = (f.evidence["earlier_count"] - len(f.evidence["unlinked"]),
                len(f.evidence["unlinked"]))
    assert expected[1] > 0
    assert _bars(fg.transition_chart(result))[2] == expected
    assert _bars(fg.transition_chart(result)) == _bars(fg.transition_chart(analyze(m)))


# --- committees -----------------------------------------------------------------------------


def test_overlap_matrix_is_the_jaccard_of_shared_members(small_map: NetworkMap) -> None:
    fig = fg.overlap_matrix(small_map)
    ax = fig.axes[0]
    assert ax.get_title() == "Gemeinsame Mitglieder der Gremien"
    values = ax.images[0].get_array()
    assert values.shape == (2, 2)
    assert values.mask.tolist() == [[True, False], [False, True]]  # diagonal left out
    # SG (BM, JA, JC, KOORD) and SRK (KITA1, GS1, KOORD) share one of six members
    assert values[0, 1] == pytest.approx(1 / 6)
    assert [t.get_text() for t in ax.texts] == [",17", ",17"]


def test_overlap_matrix_orders_similar_committees_together() -> None:
    m = NetworkMap()
    for c in ("A", "B", "C", "D"):
        m.add_node(c, "committee", name=f"Gremium {c}")
    for i in range(4):
        m.add_node(f"x{i}", "actor")
        m.add_node(f"y{i}", "actor")
        m.add_edge(f"x{i}", "A", "member")
        m.add_edge(f"x{i}", "C", "member")
        m.add_edge(f"y{i}", "B", "member")
        m.add_edge(f"y{i}", "D", "member")
    order = [t.get_text() for t in fg.overlap_matrix(m).axes[0].get_yticklabels()]
    assert abs(order.index("Gremium A") - order.index("Gremium C")) == 1
    assert abs(order.index("Gremium B") - order.index("Gremium D")) == 1


def test_overlap_matrix_shows_only_the_top_committees_of_big_maps(
        kt: tuple[NetworkMap, Any]) -> None:
    m, _ = kt
    assert len(m.node_ids("committee")) == 31
    assert fg.overlap_matrix(m).axes[0].images[0].get_array().shape == (30, 30)
    assert fg.overlap_matrix(m, top=8).axes[0].images[0].get_array().shape == (8, 8)


# --- centrality and brokerage ---------------------------------------------------------------


def test_centrality_bars_rank_by_betweenness(small_map: NetworkMap) -> None:
    fig = fg.centrality_bars(small_map, result=analyze(small_map, progress=False), top=3)
    ax = fig.axes[0]
    # the German word the analyses use, no English term in title or axis
    assert ax.get_title() == "Zentrale Akteure: die 3 mit der größten Vermittlungsrolle"
    assert ax.get_xlabel().startswith("Vermittlungsrolle (Anteil der kürzesten Wege")
    assert not any("Betweenness" in text for text in _texts(fig))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Frau Kurz", "Jugendamt",
                                                            "Kita Sonnenschein"]
    assert [round(p.get_width(), 4) for p in ax.patches] == [0.3667, 0.1667, 0.1]
    anonymous = fg.centrality_bars(small_map, result=analyze(small_map), top=3, anonymous=True)
    assert anonymous.axes[0].get_yticklabels()[0].get_text() == "Person (Jugendamt)"


def test_centrality_bars_on_kindertal_show_fifteen(kt: tuple[NetworkMap, Any]) -> None:
    m, result = kt
    ax = fg.centrality_bars(m, result=result).axes[0]
    assert len(ax.patches) == 15
    widths = [p.get_width() for p in ax.patches]
    assert widths == sorted(widths, reverse=True)


def test_brokerage_bars_stack_the_five_roles() -> None:
    m = NetworkMap()
    m.add_node("a", "actor", name="Kita", category="Kita")
    m.add_node("b", "office", name="Jobcenter", category="Jobcenter")
    m.add_node("c", "actor", name="Grundschule", category="Grundschule")
    m.add_edge("a", "b", "cooperation")
    m.add_edge("b", "c", "cooperation")
    ax = fg.brokerage_bars(m, result=analyze(m, progress=False)).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Jobcenter"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Koordinator", "Berater", "Repräsentant", "Türsteher", "Verbindungsperson"]
    # a → b → c and c → b → a: three sectors, so both two-paths make b a liaison
    assert [p.get_width() for p in ax.patches] == [0, 0, 0, 0, 2]
    assert len({p.get_hatch() for p in ax.patches}) == 5  # told apart without colour


def test_brokerage_bars_without_brokers_say_so() -> None:
    m = NetworkMap()
    m.add_node("a", "actor")
    assert "Niemand vermittelt" in " ".join(_texts(fg.brokerage_bars(m, result=analyze(m))))


# --- quality --------------------------------------------------------------------------------


def test_quality_traffic_light_has_one_row_per_check() -> None:
    checks = [QualityCheck(f"qs-{s}", f"Prüfung {s}", s, "") for s in
              ("pass", "warn", "fail", "unknown")]
    fig = fg.quality_traffic_light(checks)
    ax = fig.axes[0]
    assert ax.get_title() == "Qualitätsrahmen: Stand der Prüffragen"
    assert [t.get_text() for t in ax.texts][::2] == ["✓ erfüllt", "! teilweise",
                                                     "✗ nicht erfüllt", "? unbekannt"]
    fills = ["#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in p.get_facecolor()[:3]))
             for p in ax.patches]
    assert fills == [STATUS_COLOURS[s] for s in ("pass", "warn", "fail", "unknown")]


def test_quality_traffic_light_of_kindertal(kt: tuple[NetworkMap, Any]) -> None:
    _, result = kt
    ax = fg.quality_traffic_light(result).axes[0]
    assert len(ax.patches) == len(result.quality_checks) == 19
    assert [t.get_text() for t in ax.texts][1::2] == [q.title for q in result.quality_checks]


@pytest.mark.parametrize("table", [STATUS_COLOURS, SEVERITY_COLOURS])
def test_status_colours_stay_apart_in_grey(table: dict[str, str]) -> None:
    lightness = [hex_to_lab(c)[0] for c in table.values()]
    assert all(abs(a - b) >= 10 for a, b in itertools.combinations(lightness, 2))


# --- embedding and determinism ----------------------------------------------------------------


def test_same_map_gives_the_same_svg_twice(small_map: NetworkMap) -> None:
    result = analyze(small_map)
    for make in (lambda: fg.overview_figure(small_map), lambda: fg.coverage_heatmap(result),
                 lambda: fg.centrality_bars(small_map, result=result)):
        first, second = make(), make()
        assert fg.figure_to_svg(first) == fg.figure_to_svg(second) == fg.figure_to_svg(first)


def test_svg_for_html_is_inline_ready_and_unique(small_map: NetworkMap) -> None:
    fig = fg.overlap_matrix(small_map)
    one = fg.svg_for_html(fig, id_prefix="a", label="Gremien <Matrix>")
    two = fg.svg_for_html(fig, id_prefix="b")
    assert one.startswith("<svg") and "<?xml" not in one and "<!DOCTYPE" not in one
    assert "http" not in one
    assert 'aria-label="Gremien &lt;Matrix&gt;"' in one
    ids_one = set(fg._ID.findall(one))
    assert ids_one and not ids_one & set(fg._ID.findall(two))
    assert all(ref.startswith("a-") for _, ref in fg._REF.findall(one))


def test_hostile_names_stay_text_in_the_svg(hostile_map: NetworkMap) -> None:
    svg = fg.figure_to_svg(fg.overview_figure(hostile_map))
    assert "<script" not in svg and "<img" not in svg and "<svg onload" not in svg
    assert "&lt;script&gt;" in svg and "&lt;img src=x onerror=" in svg


def test_png_data_uri_is_a_png(small_map: NetworkMap) -> None:
    uri = fg.figure_to_png_data_uri(fg.transition_chart(analyze(small_map, progress=False)), dpi=40)
    assert uri.startswith("data:image/png;base64,")
    assert base64.b64decode(uri.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    assert uri == fg.figure_to_png_data_uri(fg.transition_chart(analyze(small_map)), dpi=40)


def test_importing_figures_does_not_import_matplotlib() -> None:
    code = ("import sys, netzkarte.render.figures, netzkarte.render.report\n"
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
