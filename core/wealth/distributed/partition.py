"""Partitions of a run: square tiles of the chip plan (prediction), groups of points (training features).

Square tiles, not full-width row bands: each chip needs its context neighbours (a 3 x 3 head reads one
chip around it), which a partition embeds again as a halo; a square tile has the least halo for its
chips (measured: 4-row bands embedded 1,462 chips for 1,032, square tiles far fewer).
"""

import math

#: Chips per tile side by default (a tile of at most 16 x 16 = 256 chips: a few seconds of work on one core,
#: so that a lost worker loses little and progress moves; the fixed cost per partition is 20-40 ms).
DEFAULT_TILE = 16


def tiles(rows, tile=DEFAULT_TILE):
    """Split the plan's ``rows`` (``[(row, [cols])]``) into square tiles of ``tile`` x ``tile`` chips.

    Returns a list in plan order (tile rows top to bottom, tiles left to right) of dicts: ``key``
    (``"r{tile_row}_c{tile_col}"``), ``band`` (tile row), ``cells`` (``(c0, c1, r0, r1)``, end excluded),
    ``rows`` (``[(row, [cols])]`` of the plan inside the tile) and ``n_chips``. Empty tiles are left out.
    """
    tile = max(1, int(tile))
    if not rows:
        return []
    c_min = min(min(cols) for _, cols in rows)
    r_min = min(row for row, _ in rows)
    found = {}
    for row, cols in rows:
        tr = (row - r_min) // tile
        for col in cols:
            tc = (col - c_min) // tile
            found.setdefault((tr, tc), {}).setdefault(row, []).append(col)
    out = []
    for (tr, tc) in sorted(found):
        by_row = found[(tr, tc)]
        c0, r0 = c_min + tc * tile, r_min + tr * tile
        part_rows = [(row, sorted(by_row[row])) for row in sorted(by_row)]
        out.append({"key": "r{}_c{}".format(tr, tc), "band": tr, "cells": (c0, c0 + tile, r0, r0 + tile),
                    "rows": part_rows, "n_chips": sum(len(c) for _, c in part_rows)})
    return out


def plan_index(rows):
    """``{(row, col): chip_id}``: the chip ids of a single-process run (plan order, row by row)."""
    index, i = {}, 0
    for row, cols in rows:
        for col in cols:
            index[(row, col)] = i
            i += 1
    return index


#: Side, in chips, of the square blocks that order survey points into groups (neighbours share context chips).
POINT_BLOCK = 8


def point_groups(cells, size):
    """Group survey points for training features: ``cells`` is ``[(point index, asset, (grid key, row, col))]``
    (the raster a point is read from and its chip cell); points are grouped by asset first (each worker opens
    each asset once), then ordered by square blocks of ``POINT_BLOCK`` chips (not row by row: a group of
    neighbours embeds fewer halo chips) and cut into groups of at most ``size`` points.
    Returns ``[(asset, [point indices])]`` in a stable order."""
    by_asset = {}
    for index, asset, cell in cells:
        key, row, col = cell
        block = (str(key), row // POINT_BLOCK, col // POINT_BLOCK, row, col)
        by_asset.setdefault(asset, []).append((block, index))
    groups = []
    for asset in sorted(by_asset, key=str):
        items = sorted(by_asset[asset])
        n = max(1, math.ceil(len(items) / max(1, int(size))))
        step = math.ceil(len(items) / n)
        for i in range(0, len(items), step):
            groups.append((asset, [index for _, index in items[i:i + step]]))
    return groups
