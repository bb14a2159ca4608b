"""Country outlines for the map page, projected on the server into SVG paths.

The outlines are Natural Earth's 1:110m countries as the npm package ``world-atlas`` ships them
(TopoJSON), installed next to this module by ``make`` (``npm ci`` in ``src/thucydides/web``). The map
uses the plate carrée projection: x from longitude, y from latitude, on a 360 x 180 canvas scaled by
``SCALE``; outlines that cross the 180th meridian are cut there, so none is drawn across the whole map.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

SCALE = 2.5
WIDTH, HEIGHT = 360 * SCALE, 180 * SCALE
ATLAS = Path(__file__).resolve().parent / "node_modules" / "world-atlas" / "countries-110m.json"


def atlas_path() -> Path:
    """Where the TopoJSON is: ``$THUCYDIDES_WORLD_ATLAS`` or the npm package beside this module."""
    return Path(os.environ.get("THUCYDIDES_WORLD_ATLAS") or ATLAS)


def project(lon: float, lat: float) -> tuple[float, float]:
    """Longitude and latitude to map coordinates (plate carrée)."""
    return round((lon + 180.0) * SCALE, 1), round((90.0 - lat) * SCALE, 1)


def _arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute (lon, lat) points (quantised, delta-encoded when transformed)."""
    transform = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        points = []
        x = y = 0.0
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((position[0], position[1]))
        out.append(points)
    return out


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc[1:] if points else arc)
    return points


Ring = list[tuple[float, float]]


def split_at_antimeridian(ring: Ring) -> list[Ring]:
    """The ring as pieces that stay within longitudes -180..180, so that no edge jumps across the map.

    A ring whose edges cross the 180th meridian (Russia's Chukotka, Fiji) is made continuous (longitudes
    may run past 180), a ring around a pole (Antarctica) is closed along the pole, and the result is
    clipped to the map once as it is and once moved by a full turn each way.
    """
    if all(abs(a[0] - b[0]) <= 180 for a, b in zip(ring, ring[1:] + ring[:1], strict=True)):
        return [ring]
    flat = [ring[0]]
    for lon, lat in ring[1:]:
        lon += 360 * round((flat[-1][0] - lon) / 360)
        flat.append((lon, lat))
    if abs(flat[-1][0] - flat[0][0]) > 180:  # goes round a pole: close it along the pole's line
        pole = -90.0 if sum(lat for _, lat in ring) < 0 else 90.0
        flat += [(flat[-1][0], pole), (flat[0][0], pole)]
    pieces = []
    for turn in (-360, 0, 360):
        piece = _clip_longitude([(lon + turn, lat) for lon, lat in flat])
        if len(piece) > 2 and abs(_area(piece)) > 1e-9:
            pieces.append(piece)
    return pieces


def _clip_longitude(ring: Ring) -> Ring:
    """The part of the ring between longitudes -180 and 180 (Sutherland-Hodgman on a band, which is convex)."""
    for side in (-1.0, 1.0):
        def inside(point: tuple[float, float], side: float = side) -> bool:
            return point[0] * side <= 180

        out: Ring = []
        for i, current in enumerate(ring):
            previous = ring[i - 1]
            if inside(current) != inside(previous):
                edge = 180 * side
                t = (edge - previous[0]) / (current[0] - previous[0])
                out.append((edge, previous[1] + t * (current[1] - previous[1])))
            if inside(current):
                out.append(current)
        ring = out
        if not ring:
            break
    return ring


def _area(ring: Ring) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


@cache
def country_paths() -> tuple[tuple[str, str], ...]:
    """(country name, SVG path data) for each country; empty when the outlines are not installed."""
    path = atlas_path()
    if not path.is_file():
        return ()
    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs = _arcs(topo)
    out = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        kind = geometry.get("type")
        polygons = [geometry["arcs"]] if kind == "Polygon" else geometry.get("arcs", []) if kind == "MultiPolygon" else []
        parts = []
        for polygon in polygons:
            for ring in polygon:
                for piece in split_at_antimeridian(_ring(arcs, ring)):
                    points = [project(lon, lat) for lon, lat in piece]
                    if len(points) > 2:
                        parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
        if parts:
            out.append((str(geometry.get("properties", {}).get("name", "")), "".join(parts)))
    return tuple(out)
