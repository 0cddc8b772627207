"""The style table: one visual language, distinguishable colours, German legend."""

from __future__ import annotations

from itertools import combinations

import pytest

from netzkarte.render import style
from netzkarte.vocab import EdgeKind, NodeType, Role, Sector, Strength


def test_every_sector_has_its_own_colour_far_from_all_others() -> None:
    colours = [style.SECTOR_COLOURS[s] for s in Sector]
    assert len(colours) == 11 and len(set(colours)) == 11
    labs = {c: style.hex_to_lab(c) for c in colours}
    closest = min(style.delta_e2000(labs[a], labs[b]) for a, b in combinations(colours, 2))
    assert closest >= 15, f"two sector colours are only ΔE2000 {closest:.1f} apart"


def test_no_sector_grey_is_distinct_from_every_sector() -> None:
    grey = style.hex_to_lab(style.NO_SECTOR_COLOUR)
    assert all(style.delta_e2000(grey, style.hex_to_lab(c)) >= 15
               for c in style.SECTOR_COLOURS.values())


@pytest.mark.parametrize(("lab1", "lab2", "expected"), [
    # Sharma, Wu & Dalal (2005), table 1, pairs 1, 7 and 15
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
])
def test_ciede2000_matches_the_published_test_data(
        lab1: tuple[float, float, float], lab2: tuple[float, float, float],
        expected: float) -> None:
    assert style.delta_e2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_sector_colour_accepts_labels_and_falls_back_to_grey() -> None:
    assert style.sector_colour("Schule und Bildung") == "#0072B2"
    assert style.sector_colour(Sector.HEALTH) == "#009E73"
    assert style.sector_colour("Quatsch") == style.NO_SECTOR_COLOUR


def test_each_node_type_has_a_different_shape_and_marker() -> None:
    shapes = {style.NODE_STYLES[t].vis_shape for t in NodeType}
    markers = {style.NODE_STYLES[t].mpl_marker for t in NodeType}
    assert len(shapes) == len(markers) == len(NodeType)
    assert style.NODE_STYLES[NodeType.OFFICE].label == "Amt"


def test_edge_styles_tell_the_kinds_apart() -> None:
    s = style.EDGE_STYLES
    assert set(s) == set(EdgeKind)
    assert s[EdgeKind.MEMBER].width < s[EdgeKind.COOPERATION].width
    assert s[EdgeKind.REFERRAL].arrows and not s[EdgeKind.COOPERATION].arrows
    assert s[EdgeKind.REPORTS_TO].dashes and s[EdgeKind.BELONGS_TO].dashes
    assert s[EdgeKind.BELONGS_TO].dashes[0] < s[EdgeKind.REPORTS_TO].dashes[0]  # dotted
    assert not s[EdgeKind.COOPERATION].dashes
    assert s[EdgeKind.BELONGS_TO].mpl_linestyle == (0, (2, 4))
    assert s[EdgeKind.COOPERATION].mpl_linestyle == "solid"


def test_cooperation_grows_with_strength_other_kinds_do_not() -> None:
    widths = [style.edge_width(EdgeKind.COOPERATION, s) for s in Strength]
    assert widths == sorted(widths) and len(set(widths)) == 4
    assert style.edge_width(EdgeKind.MEMBER, 4) == style.EDGE_STYLES[EdgeKind.MEMBER].width


def test_badges_are_unique_letters_in_a_fixed_order() -> None:
    assert len(set(style.BADGES.values())) == len(Role)
    assert style.badge_text(["Lotse", "Machtpromotor", "Netzwerkkoordination"]) == "M·K·L"
    assert style.badge_text([]) == ""


def test_node_sizes_by_square_root_with_fallbacks() -> None:
    assert style.node_sizes({"a": 0, "b": 4, "c": 16}, size_range=(10, 30)) == {
        "a": 10.0, "b": 20.0, "c": 30.0}
    assert style.node_sizes({"a": None, "b": "x", "c": 9, "d": 1}, size_range=(10, 30)) == {
        "a": 10.0, "b": 10.0, "c": 30.0, "d": 10.0}
    assert style.node_sizes({"a": 3, "b": 3}, size_range=(10, 30)) == {"a": 20.0, "b": 20.0}


def test_legend_is_german_and_lists_what_is_present() -> None:
    lg = style.legend(node_types=[NodeType.OFFER], sectors=[Sector.WORK, Sector.HEALTH],
                      edge_kinds=[EdgeKind.COOPERATION], roles=[Role.GUIDE],
                      size_label="Kapazität")
    assert [t["label"] for t in lg["types"]] == ["Angebot"]
    assert [s["label"] for s in lg["sectors"]] == ["Gesundheit", "Arbeit und Ausbildung"]
    assert lg["edges"][0]["label"].startswith("Kooperation")
    assert lg["roles"] == [{"code": "guide", "label": "Lotse", "badge": "L"}]
    assert lg["size"] == "Größe: Kapazität"
    full = style.legend()
    assert len(full["sectors"]) == 11 and any(t["code"] == "person" for t in full["types"])
