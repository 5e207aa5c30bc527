"""Merge the parts of a run into one GeoPackage (and optional GeoTIFF), in plan order, every chip exactly once.

The parts are read one tile row at a time (memory is bounded by one band of tiles, not the region); their
chips are sorted into plan order and given the chip ids a single-process run gives (position in the plan,
row by row), after checking that the band holds every planned chip once and nothing else. The merged file
is written beside the output and replaces it when complete (``core.outputs.atomic_output``): merging again
gives the same file.
"""

import contextlib

from ...errors import WealthMapError
from ...i18n import tr, tr_noop
from ...outputs import atomic_output
from ..chips import STATUS_OK
from ..predict import FIELDS, _create_output, _GeoTiff, style_output


def _read_part(path, layer_name):
    from osgeo import ogr

    ds = ogr.Open(path)
    if ds is None:
        raise WealthMapError(tr("The part {0} of the run cannot be read; delete it and run again.").format(path))
    layer = ds.GetLayerByName(layer_name) or ds.GetLayer(0)
    names = [name for name, _ in FIELDS]
    chips = []
    for feature in layer:
        values = {n: (None if feature.IsFieldNull(n) else feature.GetField(n)) for n in names}
        chips.append((values, feature.GetGeometryRef().ExportToIsoWkb()))
    ds = None
    return chips


def merge(parts, layout, bundle, output, layer_name, geotiff=None, fixed_qml=None, style=None, feedback=None):
    """Write ``output`` from ``parts`` (``[(tile dict, part path)]`` in plan order); returns ``(values, statuses)``:
    the predicted values (for the legend) and chips per status."""
    from .partition import plan_index

    index = plan_index(layout["rows"])
    with contextlib.ExitStack() as stack:  # both written whole, then each replaces its file (core.outputs)
        tmp = stack.enter_context(atomic_output(output, tr_noop("output GeoPackage")))
        tmp_tif = stack.enter_context(atomic_output(str(geotiff), tr_noop("GeoTIFF"))) if geotiff else None
        values, statuses = _merge_into(tmp, tmp_tif, parts, index, layout, bundle, layer_name, fixed_qml, style,
                                       feedback)
    return values, statuses


def _merge_into(tmp, tmp_tif, parts, index, layout, bundle, layer_name, fixed_qml, style, feedback):
    from osgeo import ogr

    writer = _create_output(tmp, layer_name, layout["srs"], bundle, fixed_qml)
    del writer
    ds = ogr.Open(tmp, 1)
    layer = ds.GetLayerByName(layer_name)
    defn = layer.GetLayerDefn()
    tif = _GeoTiff(tmp_tif, layout) if tmp_tif else None
    values, statuses = [], {}
    bands = {}
    for tile, path in parts:
        bands.setdefault(tile["band"], []).append((tile, path))
    written = 0
    try:
        ds.StartTransaction()
        for band in sorted(bands):
            expected = set()
            for tile, _ in bands[band]:
                expected.update((row, col) for row, cols in tile["rows"] for col in cols)
            found = {}
            for _, path in bands[band]:
                for attrs, wkb in _read_part(path, layer_name):
                    key = (attrs["grid_row"], attrs["grid_col"])
                    if key in found or key not in expected:
                        raise WealthMapError(tr("The part {0} holds the chip (column {1}, row {2}) twice or outside "
                                                "its tile; delete the run folder and run again.").format(
                            path, key[1], key[0]))
                    found[key] = (attrs, wkb)
            if len(found) != len(expected):
                raise WealthMapError(tr("The parts of tile row {0} miss {1} chips; delete the run folder and run "
                                        "again.").format(band, len(expected) - len(found)))
            by_row = {}
            for key in sorted(found, key=index.__getitem__):
                attrs, wkb = found[key]
                chip_id = index[key]
                feature = ogr.Feature(defn)
                feature.SetFID(chip_id + 1)
                for name, _ in FIELDS:
                    value = chip_id if name == "chip_id" else attrs[name]
                    if value is None:
                        feature.SetFieldNull(name)
                    else:
                        feature.SetField(name, value)
                feature.SetGeometry(ogr.CreateGeometryFromWkb(wkb))
                if layer.CreateFeature(feature) != 0:
                    raise WealthMapError(tr("Writing to '{0}' failed.").format(tmp))
                statuses[attrs["status"]] = statuses.get(attrs["status"], 0) + 1
                if attrs["wealth"] is not None and attrs["status"] == STATUS_OK:
                    values.append(attrs["wealth"])
                by_row.setdefault(key[0], []).append((key[1], attrs["wealth"], attrs["uncertainty"]))
                written += 1
            if tif is not None:
                for row in sorted(by_row):
                    tif.write_row(row, by_row[row])
            if feedback is not None:
                feedback.setProgress(95.0 + 5.0 * written / max(1, layout["n_chips"]))
        ds.CommitTransaction()
        ds = None
        if tif is not None:
            tif.close(bundle)
            tif = None
        if written != layout["n_chips"]:
            raise WealthMapError(tr("The merged output has {0} chips, the plan {1}; delete the run folder and run "
                                    "again.").format(written, layout["n_chips"]))
        if fixed_qml is None and values:
            style_output(tmp, layer_name, bundle, values, style)
    finally:
        ds = None
        if tif is not None:
            tif.ds = None
    return values, statuses
