"""Sozialraum shapes from a GeoJSON file (``netzkarte karte --sozialraeume FLAECHEN.geojson``).

The Stadtplan layout of the map draws each Sozialraum as an area. Most towns have the
shapes of their districts as GeoJSON (open data portals, QGIS: *Exportieren → Objekte
speichern als → GeoJSON*). This module reads such a file without any GIS library:

* a ``FeatureCollection`` (or a single ``Feature``) of ``Polygon`` and ``MultiPolygon``
  features; other geometries (points, lines) are skipped;
* the name of a feature is the first non-empty property among ``name``, ``Sozialraum``,
  ``Bezeichnung``, ``Stadtteil``, ``Bezirk``, ``Ortsteil``, ``Quartier``, ``Gebiet`` and
  ``district`` (any case and spelling of umlauts); the map matches it to its Sozialräume
  by the folded name (:func:`netzkarte.vocab.fold`);
* coordinates are longitude, latitude in degrees (WGS 84, as RFC 7946 demands). A file in
  projected metres (UTM, Gauß-Krüger) is refused with a German message that says how to
  export it in degrees.

Each polygon keeps its outer ring and its holes (the rings after the first, RFC 7946
§3.1.6): an enclave such as an inner district that lies in a hole of the district around it
is then not covered by the outer district's area. Holes are checked like outer rings; a hole
that lies outside its polygon's outer ring is dropped with a warning.

Errors: a file that cannot be read as JSON raises :class:`~netzkarte.errors.InputError`
(exit code 2); JSON that holds no usable areas raises :class:`GeoJSONError` (exit code 1).

Examples
--------
>>> shapes = parse_district_shapes({"type": "FeatureCollection", "features": [
...     {"type": "Feature", "properties": {"Name": "Nordstadt"},
...      "geometry": {"type": "Polygon",
...                   "coordinates": [[[7.20, 51.46], [7.22, 51.46], [7.21, 51.47],
...                                    [7.20, 51.46]]]}}]})
>>> shapes[0].name, len(shapes[0].rings[0])
('Nordstadt', 4)

A polygon with a hole (a second ring) keeps it:

>>> ring = shapes[0].polygons[0]
>>> hole = ((7.205, 51.462), (7.21, 51.462), (7.21, 51.464), (7.205, 51.462))
>>> with_hole = DistrictShape("Ring", (ring.outer,), ((hole,),))
>>> [(len(p.outer), len(p.holes)) for p in with_hole.polygons]
[(4, 1)]
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netzkarte.errors import InputError, IssueCode, NetzkarteError
from netzkarte.vocab import fold

__all__ = ["MAX_BYTES", "NAME_KEYS", "DistrictShape", "GeoJSONError", "Polygon", "Ring",
           "parse_district_shapes", "read_district_shapes"]

log = logging.getLogger(__name__)

MAX_BYTES = 64 * 1024 * 1024
"""Largest GeoJSON file read (64 MB: the detailed districts of a large city are a few MB)."""

NAME_KEYS: tuple[str, ...] = ("name", "sozialraum", "bezeichnung", "stadtteil", "bezirk",
                              "ortsteil", "quartier", "gebiet", "district", "title", "label")
"""Property names (folded) that may hold a feature's name, in order of preference."""

_EXPORT_HINT = ("Bitte die Flächen in Längen- und Breitengrad (WGS 84, EPSG:4326) speichern, "
                "z. B. in QGIS mit „Exportieren → Objekte speichern als“, Format GeoJSON, "
                "KBS EPSG:4326.")


class GeoJSONError(NetzkarteError):
    """A GeoJSON file that is valid JSON but holds no usable Sozialraum areas (German)."""


Ring = tuple[tuple[float, float], ...]
"""A closed line of (longitude, latitude) points in degrees."""


@dataclass(frozen=True, slots=True)
class Polygon:
    """One polygon of an area: its outer ring and the holes cut out of it."""

    outer: Ring
    holes: tuple[Ring, ...] = ()


@dataclass(frozen=True, slots=True)
class DistrictShape:
    """One named area: the outer ring of each of its polygons as (longitude, latitude) in
    degrees, and per polygon its holes (``holes[i]`` belongs to ``rings[i]``; missing
    entries: no holes)."""

    name: str
    rings: tuple[Ring, ...]
    holes: tuple[tuple[Ring, ...], ...] = ()

    @property
    def polygons(self) -> tuple[Polygon, ...]:
        """The polygons with their holes."""
        return tuple(Polygon(ring, self.holes[i] if i < len(self.holes) else ())
                     for i, ring in enumerate(self.rings))


def read_district_shapes(path: str | os.PathLike[str]) -> list[DistrictShape]:
    """The named areas of a GeoJSON file (see the module docstring).

    Raises
    ------
    InputError
        The file is missing, too large, or not JSON (exit code 2).
    GeoJSONError
        The JSON is no FeatureCollection of named polygons in degrees (exit code 1).
    """
    source = Path(path)
    label = f"„{source.name}“"
    if not source.exists():
        raise InputError(f"Die Flächendatei {label} gibt es nicht ({source}). Bitte den Pfad "
                         "prüfen.", IssueCode.FILE_MISSING)
    if source.is_dir():
        raise InputError(f"{label} ist ein Ordner, keine GeoJSON-Datei.", IssueCode.NOT_A_FILE)
    size = source.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"Die Flächendatei {label} ist mit {size / 1e6:.0f} MB zu groß "
                         f"(höchstens {MAX_BYTES // 1_000_000} MB). Bitte die Flächen "
                         "vereinfacht exportieren.", IssueCode.FILE_TOO_LARGE)
    raw = source.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"Die Flächendatei {label} ist keine Textdatei in UTF-8 (GeoJSON). "
                         "Bitte als GeoJSON speichern.", IssueCode.NOT_GEOJSON) from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"Die Flächendatei {label} ist keine GeoJSON-Datei: kein gültiges "
                         f"JSON (Zeile {exc.lineno}, Spalte {exc.colno}: {exc.msg}). Bitte "
                         "die Flächen als GeoJSON speichern.", IssueCode.NOT_GEOJSON) from exc
    return parse_district_shapes(data, source=label)


def parse_district_shapes(data: Any, *, source: str = "Die Flächendatei"
                          ) -> list[DistrictShape]:
    """The named areas of parsed GeoJSON (``json.load`` output).

    Raises
    ------
    GeoJSONError
        No FeatureCollection or Feature, coordinates that are no degrees, no named
        polygon at all (German message naming ``source``).
    """
    if not isinstance(data, Mapping):
        raise GeoJSONError(f"{source}: GeoJSON beginnt mit einem Objekt "
                           "(„type“: „FeatureCollection“), hier steht etwas anderes.")
    crs = _crs_name(data)
    if crs is not None and not any(k in crs for k in ("4326", "crs84")):
        raise GeoJSONError(f"{source}: Die Koordinaten sind im Bezugssystem „{crs}“ "
                           f"angegeben, nicht in Längen- und Breitengrad. {_EXPORT_HINT}")
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise GeoJSONError(f"{source}: Die FeatureCollection hat keine Liste "
                               "„features“.")
    elif kind == "Feature":
        features = [data]
    else:
        raise GeoJSONError(f"{source}: Erwartet wird eine FeatureCollection mit den Flächen "
                           f"der Sozialräume, der Typ ist aber „{kind}“.")
    shapes: list[DistrictShape] = []
    skipped_geometry = 0
    unnamed = 0
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, Mapping):
            raise GeoJSONError(f"{source}: Eintrag {number} der Liste „features“ ist kein "
                               "Feature.")
        geometry = feature.get("geometry")
        if not isinstance(geometry, Mapping) or geometry.get("type") not in (
                "Polygon", "MultiPolygon"):
            skipped_geometry += 1
            continue
        name = _feature_name(feature.get("properties"))
        if not name:
            unnamed += 1
            continue
        polygons = _polygons(geometry, f"{source}, Fläche „{name}“")
        if polygons:
            shapes.append(DistrictShape(name, tuple(p.outer for p in polygons),
                                        tuple(p.holes for p in polygons)))
    if skipped_geometry:
        log.warning("%s: %d Einträge ohne Fläche (Punkte oder Linien) werden übergangen.",
                    source, skipped_geometry)
    if unnamed:
        log.warning("%s: %d Flächen ohne Namen (Eigenschaft „name“ oder „Sozialraum“) werden "
                    "übergangen.", source, unnamed)
    if not shapes:
        raise GeoJSONError(f"{source}: Die Datei enthält keine benannte Fläche (Polygon oder "
                           "MultiPolygon mit der Eigenschaft „name“ oder „Sozialraum“)."
                           + (f" {unnamed} Flächen haben keinen Namen." if unnamed else ""))
    return shapes


def _crs_name(data: Mapping[str, Any]) -> str | None:
    """The old GeoJSON ``crs`` member (2008 draft), folded, if the file has one."""
    crs = data.get("crs")
    if not isinstance(crs, Mapping):
        return None
    props = crs.get("properties")
    name = props.get("name") if isinstance(props, Mapping) else None
    return str(name).casefold() if name else None


def _feature_name(properties: Any) -> str:
    if not isinstance(properties, Mapping):
        return ""
    by_key = {fold(k): v for k, v in properties.items()}
    for key in NAME_KEYS:
        value = by_key.get(key)
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def _polygons(geometry: Mapping[str, Any], where: str) -> list[Polygon]:
    coords = geometry.get("coordinates")
    polygons = [coords] if geometry.get("type") == "Polygon" else coords
    if not isinstance(polygons, list):
        raise GeoJSONError(f"{where}: Die Koordinaten fehlen oder sind keine Liste.")
    out = []
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise GeoJSONError(f"{where}: Ein Polygon hat keine Punkte.")
        outer = _ring(polygon[0], where)
        holes = []
        for number, raw in enumerate(polygon[1:], start=1):
            hole = _ring(raw, f"{where}, {number}. Loch (innerer Ring)", "Ein Loch")
            if _within_box(hole, outer):
                holes.append(hole)
            else:
                log.warning("%s: Das %d. Loch liegt nicht innerhalb der Fläche und wird "
                            "übergangen.", where, number)
        out.append(Polygon(outer, tuple(holes)))
    return out


def _within_box(inner: Ring, outer: Ring) -> bool:
    """Whether ``inner`` lies within the bounding box of ``outer`` (a cheap sanity check)."""
    xs, ys = [p[0] for p in outer], [p[1] for p in outer]
    return all(min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys) for x, y in inner)


def _ring(ring: Any, where: str, what: str = "Ein Ring") -> Ring:
    if not isinstance(ring, list) or len(ring) < 3:
        raise GeoJSONError(f"{where}: {what} braucht mindestens drei Punkte.")
    out: list[tuple[float, float]] = []
    for position in ring:
        if (not isinstance(position, Sequence) or isinstance(position, str)
                or len(position) < 2):
            raise GeoJSONError(f"{where}: „{str(position)[:40]}“ ist kein Punkt "
                               "[Länge, Breite].")
        lon, lat = position[0], position[1]
        if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                   for v in (lon, lat)):
            raise GeoJSONError(f"{where}: „{str(position)[:40]}“ ist kein Punkt aus zwei "
                               "Zahlen [Länge, Breite].")
        if abs(lon) > 180 or abs(lat) > 90:
            raise GeoJSONError(f"{where}: Die Koordinaten ({lon}, {lat}) sind keine Längen- und "
                               "Breitengrade (z. B. 7.21, 51.46), sondern vermutlich Meter "
                               f"eines projizierten Systems (UTM, Gauß-Krüger). {_EXPORT_HINT}")
        out.append((float(lon), float(lat)))
    return tuple(out)
