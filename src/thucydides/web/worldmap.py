"""Country outlines for the map page, projected on the server into SVG paths.

The outlines are Natural Earth's 1:110m countries as the npm package ``world-atlas`` ships them
(TopoJSON), installed next to this module by ``make`` (``npm ci`` in ``src/thucydides/web``). The map
uses the plate carrée projection: x from longitude, y from latitude, on a 360 x 180 canvas scaled by
``SCALE``.
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
                points = [project(lon, lat) for lon, lat in _ring(arcs, ring)]
                if len(points) > 2:
                    parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
        if parts:
            out.append((str(geometry.get("properties", {}).get("name", "")), "".join(parts)))
    return tuple(out)
