"""Merge the parts of a run into one GeoPackage (and optional GeoTIFF), in plan order, every chip exactly once.

The parts are read one tile row at a time (memory is bounded by one band of tiles, not the region); their
chips are sorted into plan order and given the chip ids a single-process run gives (position in the plan,
row by row), after checking that the band holds every planned chip once and nothing else. The merged file
is written beside the output and renamed over it when complete: merging again gives the same file.
"""

import os

from ...errors import WealthMapError
from ...i18n import tr
from ..chips import STATUS_OK
from ..predict import FIELDS, _create_output, _GeoTiff, _remove_output, style_output


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
    from osgeo import ogr

    from .partition import plan_index

    index = plan_index(layout["rows"])
    tmp = output[:-5] + ".merging.gpkg"
    tmp_tif = (str(geotiff) + ".merging.tif") if geotiff else None
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
        _remove_output(output)
        os.replace(tmp, output)
        if tmp_tif:
            os.replace(tmp_tif, str(geotiff))
    finally:
        ds = None
        if tif is not None:
            tif.ds = None
        for path in (tmp, tmp_tif):
            if path and os.path.exists(path):
                _remove_output(path)
    return values, statuses
