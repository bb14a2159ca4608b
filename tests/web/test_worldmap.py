"""The map's outlines: rings that cross the 180th meridian are cut there instead of drawn across the map."""

from __future__ import annotations

import pytest

from thucydides.web.worldmap import WIDTH, country_paths, split_at_antimeridian


def area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def test_a_ring_across_the_antimeridian_becomes_two_pieces_one_each_side() -> None:
    # an island from 170°E to 170°W, 10°N to 20°N: its edges run 170 -> -170 and back
    ring = [(170.0, 10.0), (-170.0, 10.0), (-170.0, 20.0), (170.0, 20.0)]
    pieces = split_at_antimeridian(ring)
    assert len(pieces) == 2
    east, west = sorted(pieces, key=lambda p: -max(lon for lon, _ in p))
    assert {lon for lon, _ in east} == {170.0, 180.0} and {lon for lon, _ in west} == {-180.0, -170.0}
    assert area(east) == pytest.approx(100) and area(west) == pytest.approx(100)
    for piece in pieces:
        assert all(abs(a[0] - b[0]) <= 180 for a, b in zip(piece, piece[1:] + piece[:1], strict=True))


def test_a_ring_round_the_south_pole_is_closed_along_the_pole() -> None:
    ring = [(-180.0, -80.0), (-90.0, -80.0), (0.0, -80.0), (90.0, -80.0), (180.0, -80.0)]
    pieces = split_at_antimeridian(ring)
    assert sum(area(p) for p in pieces) == pytest.approx(360 * 10)
    assert all(-180 <= lon <= 180 and -90 <= lat <= -80 for p in pieces for lon, lat in p)


def test_a_ring_away_from_the_antimeridian_is_left_alone() -> None:
    ring = [(10.0, 10.0), (20.0, 10.0), (20.0, 20.0)]
    assert split_at_antimeridian(ring) == [ring]


def test_no_country_outline_runs_across_the_map() -> None:
    paths = dict(country_paths())
    if not paths:
        pytest.skip("the world-atlas outlines are not installed (make: npm ci in src/thucydides/web)")
    for name in ("Russia", "Fiji"):
        for ring in paths[name].split("M")[1:]:
            xs = [float(point.split(",")[0]) for point in ring.rstrip("Z").split("L")]
            assert all(abs(a - b) < WIDTH / 2 for a, b in zip(xs, xs[1:] + xs[:1], strict=True)), name
