"""STAC items of the Sentinel-2 L2A collections as the plugin needs them: assets per band, CRS, reflectance.

The same item layout is read from Earth Search (``sentinel-2-l2a``: asset keys ``blue``, ``green``,
``red``, ``nir``, ``swir16``, ``swir22``, ``scl``...), Microsoft Planetary Computer (``B02``... ``SCL``)
and Copernicus Data Space (``B02_10m``... ``SCL_20m``). Reflectance per item: the asset's
``raster:bands`` ``scale``/``offset`` when given (Earth Search), else ``1/10000`` and, from processing
baseline 04.00 on (``s2:processing_baseline``), ``-0.1`` (the +1000 DN offset); Earth Search's
``earthsearch:boa_offset_applied: true`` means the offset is already in the numbers.
"""

import datetime
import re

from ..errors import WealthMapError
from ..i18n import tr

#: asset keys per band, in the order they are tried (Earth Search, Planetary Computer, Copernicus Data Space)
ASSET_KEYS = {
    "B01": ("coastal", "B01", "B01_60m"), "B02": ("blue", "B02", "B02_10m"), "B03": ("green", "B03", "B03_10m"),
    "B04": ("red", "B04", "B04_10m"), "B05": ("rededge1", "B05", "B05_20m"), "B06": ("rededge2", "B06", "B06_20m"),
    "B07": ("rededge3", "B07", "B07_20m"), "B08": ("nir", "B08", "B08_10m"), "B8A": ("nir08", "B8A", "B8A_20m"),
    "B09": ("nir09", "B09", "B09_60m"), "B11": ("swir16", "B11", "B11_20m"), "B12": ("swir22", "B12", "B12_20m"),
    "SCL": ("scl", "SCL", "SCL_20m"),
}


def _parse_datetime(text):
    text = re.sub(r"(\.\d{1,6})\d*", r"\1", str(text or "").replace("Z", "+00:00"))
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError as err:
        raise WealthMapError(tr("A STAC item has no valid datetime ('{0}').").format(text)) from err
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value


class Asset:
    """One band file of an item: ``href``, ``shape`` (rows, cols), ``transform`` (GDAL geotransform) or ``None``."""

    __slots__ = ("key", "href", "shape", "transform", "scale", "offset", "nodata", "data_type")

    def __init__(self, key, spec):
        self.key = key
        href = spec.get("href") or ""
        alt = (spec.get("alternate") or {}).get("https", {}).get("href")
        if href.startswith("s3://") and alt:
            href = alt
        self.href = href
        shape = spec.get("proj:shape")
        self.shape = (int(shape[0]), int(shape[1])) if shape else None
        t = spec.get("proj:transform")
        self.transform = (float(t[2]), float(t[0]), float(t[1]), float(t[5]), float(t[3]), float(t[4])) \
            if t and len(t) >= 6 else None
        rb = (spec.get("raster:bands") or [{}])[0]
        self.scale = rb.get("scale")
        self.offset = rb.get("offset")
        self.nodata = rb.get("nodata")
        self.data_type = rb.get("data_type")


class Item:
    """A Sentinel-2 L2A STAC item: ``id``, ``datetime``, ``cloud`` (%), ``epsg``, ``tile``, ``bbox``
    (lon/lat), ``geometry`` (GeoJSON), ``baseline``, ``assets`` ``{band: Asset}``, ``raw`` (the JSON)."""

    def __init__(self, feature, source=""):
        self.raw = feature
        self.source = source
        props = feature.get("properties") or {}
        self.id = str(feature.get("id") or "")
        self.collection = feature.get("collection") or ""
        self.datetime = _parse_datetime(props.get("datetime") or props.get("start_datetime"))
        cloud = props.get("eo:cloud_cover")
        self.cloud = float(cloud) if cloud is not None else None
        epsg = props.get("proj:epsg")
        if epsg is None and props.get("proj:code"):
            match = re.search(r"(\d+)$", str(props["proj:code"]))
            epsg = int(match.group(1)) if match else None
        self.epsg = int(epsg) if epsg else None
        self.tile = (str(props.get("grid:code") or "").replace("MGRS-", "") or props.get("s2:mgrs_tile")
                     or props.get("tileId") or "")
        self.baseline = props.get("s2:processing_baseline") or props.get("processing:version")
        self.offset_applied = bool(props.get("earthsearch:boa_offset_applied", False))
        self.bbox = [float(v) for v in feature.get("bbox") or []]
        self.geometry = feature.get("geometry")
        assets = feature.get("assets") or {}
        self.assets = {}
        for band, keys in ASSET_KEYS.items():
            for key in keys:
                if key in assets and assets[key].get("href"):
                    self.assets[band] = Asset(key, assets[key])
                    break

    @property
    def date(self):
        return self.datetime.date().isoformat()

    def require(self, bands):
        """Raise a clear error when the item lacks a band (or SCL) the job reads."""
        absent = [b for b in bands if b not in self.assets]
        if absent:
            raise WealthMapError(tr("The STAC item '{0}' has no asset for {1} (asset keys: {2}). Choose a "
                                    "Sentinel-2 L2A collection of COGs (e.g. Earth Search's sentinel-2-l2a).").format(
                self.id, ", ".join(absent), ", ".join(sorted(self.raw.get("assets") or {}))))

    def reflectance(self, band="B02"):
        """``(scale, offset)`` with ``reflectance = DN * scale + offset`` for this item."""
        asset = self.assets.get(band)
        scale = asset.scale if asset is not None and asset.scale is not None else 1e-4
        if asset is not None and asset.offset is not None:
            offset = float(asset.offset)
        else:
            try:
                offset = -0.1 if float(self.baseline) >= 4.0 else 0.0
            except (TypeError, ValueError):
                offset = 0.0
        if self.offset_applied:
            offset = 0.0
        return float(scale), offset

    def summary(self):
        return {"id": self.id, "date": self.date, "tile": self.tile, "cloud": self.cloud, "epsg": self.epsg,
                "baseline": self.baseline}
