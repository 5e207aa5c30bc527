"""Reading Sentinel-2 rasters as reflectance on the model's grid.

* Bands are found from band descriptions (``B2``, ``B02``, ``blue``, ``B04 (red)``...), the
  GDAL metadata items ``BANDNAME``/``WAVELENGTH_NAME``, or a user mapping
  ``{"B02": 1, "B03": 2, ...}`` (1-based band numbers).
* Digital numbers become reflectance with ``reflectance = DN * scale + offset``. The scale
  and offset come, in this order, from the caller, the band's GDAL scale/offset, the metadata
  items ``REFLECTANCE_SCALE``/``REFLECTANCE_OFFSET``, ``BOA_QUANTIFICATION_VALUE``/
  ``QUANTIFICATION_VALUE`` and ``BOA_ADD_OFFSET``/``RADIO_ADD_OFFSET``; otherwise integer
  data uses ``scale = 1/10000`` and, for processing baseline 04.00 and later
  (``PROCESSING_BASELINE`` metadata), ``offset = -0.1`` (the +1000 DN offset ESA added to
  L2A and L1C products in January 2022). Float data whose values are already below ~2 is
  taken as reflectance (scale 1). 8-bit rasters (screenshots, RGB renderings) are refused.
* Nodata: the band's nodata value, else 0 for integer data (Sentinel-2's NO_DATA), and
  non-finite values. An ``SCL`` band (L2A scene classification), when present, is read with
  nearest-neighbour resampling.
* The model grid is projected (metres): the raster's CRS when it is projected, else the UTM
  zone of the region. A raster on another grid (degrees, 20 m, rotated) is resampled window by
  window (each warped into memory by GDAL's multithreaded warper), so nothing holds the whole raster.

Main entry points::

    src = RasterSource("s2.tif")                       # or RasterSource(path, band_map={...}, scale=..., offset=...)
    src.require_bands(["B02", "B03", "B04", "B08", "B11"])
    refl, valid = read_bbox(src, (xmin, ymin, xmax, ymax), "EPSG:4326", ["B04", "B03", "B02"], gsd=10)
    refl, valid = read_window_at(src, lon, lat, "EPSG:4326", 2560, ["B04", "B03", "B02"])

``refl`` is float32 ``(bands, H, W)`` reflectance with NaN where ``valid`` (bool ``(H, W)``)
is False. A :class:`RasterSource` holds a GDAL handle: use one per thread.
"""

import math
import os
import re

import numpy as np

from ..errors import WealthMapError
from ..i18n import tr

BAND_ALIASES = {
    "B01": ("b1", "b01", "coastal", "aerosol", "coastal_aerosol", "coastal aerosol"),
    "B02": ("b2", "b02", "blue"),
    "B03": ("b3", "b03", "green"),
    "B04": ("b4", "b04", "red"),
    "B05": ("b5", "b05", "rededge1", "red_edge_1", "red edge 1"),
    "B06": ("b6", "b06", "rededge2", "red_edge_2", "red edge 2"),
    "B07": ("b7", "b07", "rededge3", "red_edge_3", "red edge 3"),
    "B08": ("b8", "b08", "nir", "nir08", "near infrared"),
    "B8A": ("b8a", "nir08a", "nir_narrow", "rededge4", "narrow nir"),
    "B09": ("b9", "b09", "water_vapour", "water vapour", "wv"),
    "B10": ("b10", "cirrus"),
    "B11": ("b11", "swir16", "swir1", "swir_1", "swir 1"),
    "B12": ("b12", "swir22", "swir2", "swir_2", "swir 2"),
    "SCL": ("scl", "scene_classification", "scene classification", "scene_classification_map"),
}
#: SCL classes that are not data (0 no data, 1 saturated or defective).
SCL_INVALID = (0, 1)
#: SCL classes counted as cloud (3 cloud shadow, 8 cloud medium probability, 9 high probability, 10 thin cirrus).
SCL_CLOUD = (3, 8, 9, 10)


def file_stat(path):
    """``os.stat`` of the file behind a raster path (for caches and input hashes): the file itself, a
    Sentinel-2 product's zip or metadata file (also for a ``SENTINEL2_L*`` sub-dataset name), else ``None``."""
    from .sentinel2 import metadata_path

    path = str(path)
    if os.path.exists(path):
        return os.stat(path)
    try:
        mtd = metadata_path(path)
    except WealthMapError:
        mtd = None
    if mtd and mtd.startswith("/vsizip/") and ".zip" in mtd.lower():
        inner = mtd[len("/vsizip/"):]
        mtd = inner[:inner.lower().index(".zip") + 4]  # the zip file itself
    return os.stat(mtd) if mtd and os.path.exists(mtd) else None


def canonical_band(text):
    """``"B02"`` for ``"B2"``, ``"b02"``, ``"Blue"``, ``"B2 (blue)"``, ``"B02 - 490nm"``...; ``None`` if unknown."""
    raw = str(text or "").strip().lower()
    if not raw:
        return None
    candidates = [raw, raw.replace("-", "_"), raw.replace("_", " ")]
    match = re.match(r"^(?:band\s*)?(b\s*0?(?:[1-9]|1[0-2])a?|scl)\b", raw)
    if match:
        candidates.insert(0, match.group(1).replace(" ", ""))
    inner = re.search(r"\(([^)]*)\)", raw)
    if inner:
        candidates.append(inner.group(1).strip())
    for key in candidates:
        for band, names in BAND_ALIASES.items():
            if key == band.lower() or key in names:
                return band
    return None


_FILE_BAND = re.compile(r"(?:^|[_\-. ])(b0?[1-9]|b1[0-2]|b8a|scl)(?:$|[_\-. ])", re.IGNORECASE)


def band_from_filename(path):
    """The band a single-band file's name says (``T33UUU_20230615T101559_B02_10m.jp2``, ``B04.tif``,
    ``red.tif``, ``S2_nir.tif``), or ``None``."""
    stem = os.path.splitext(os.path.basename(str(path)))[0]
    name = canonical_band(stem)
    if name:
        return name
    match = _FILE_BAND.search(stem)
    if match:
        return canonical_band(match.group(1))
    for token in re.split(r"[_\-. ]", stem):
        name = canonical_band(token)
        if name:
            return name
    return None


def vrt_band_files(ds):
    """``[path or None]`` per band of a VRT: the one file each band reads (``None`` for several or none)."""
    out = []
    folder = os.path.dirname(ds.GetDescription() or "")
    for i in range(1, ds.RasterCount + 1):
        sources = ds.GetRasterBand(i).GetMetadata("vrt_sources") or {}
        names = set()
        for xml in sources.values():
            match = re.search(r"<SourceFilename([^>]*)>([^<]+)</SourceFilename>", xml)
            if match:
                path = match.group(2).strip()
                if 'relativeToVRT="1"' in match.group(1) and folder and not path.startswith("/vsi"):
                    path = os.path.join(folder, path)
                names.add(path)
        out.append(names.pop() if len(names) == 1 else None)
    return out


def _gdal():
    from osgeo import gdal, osr

    gdal.UseExceptions()
    return gdal, osr


def srs_from(crs):
    """An ``osr.SpatialReference`` (traditional x/y axis order) from WKT, ``EPSG:n``, an int, an
    ``osr`` object or a ``QgsCoordinateReferenceSystem``."""
    _, osr = _gdal()
    if isinstance(crs, osr.SpatialReference):
        srs = crs.Clone()
    else:
        srs = osr.SpatialReference()
        if hasattr(crs, "toWkt"):
            crs = crs.toWkt()
        text = str(crs if crs is not None else "")
        if not text:
            raise WealthMapError(tr("No coordinate reference system was given for the region or point."))
        try:
            failed = srs.ImportFromEPSG(crs) if isinstance(crs, int) else srs.SetFromUserInput(text)
        except RuntimeError:
            failed = True
        if failed or not (srs.IsProjected() or srs.IsGeographic()):
            raise WealthMapError(tr("The coordinate reference system '{0}' is not recognised. Give it as EPSG:code "
                                    "(e.g. EPSG:32633 for UTM zone 33N), as WKT, or as a QGIS CRS.").format(
                text[:200]))
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def parse_band_map(text):
    """``"B02=1, B03=2"`` → ``{"B02": 1, "B03": 2}`` (``None`` when empty); a dict is returned as it is."""
    if isinstance(text, dict):
        return text
    text = (text or "").strip()
    if not text:
        return None
    mapping = {}
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise WealthMapError(tr("The band mapping '{0}' is not of the form B02=1, B03=2, ...").format(text))
        name, index = part.split("=", 1)
        try:
            mapping[name.strip()] = int(index)
        except ValueError as err:
            raise WealthMapError(tr("The band mapping '{0}' is not of the form B02=1, B03=2, ...").format(
                text)) from err
    return mapping


def utm_srs(lon, lat):
    """The WGS 84 / UTM zone containing (lon, lat)."""
    zone = int(math.floor((lon + 180.0) / 6.0)) % 60 + 1
    return srs_from((32600 if lat >= 0 else 32700) + zone)


class RasterSource:
    """A raster opened with GDAL, with its Sentinel-2 bands, reflectance scale/offset and nodata.

    :param path: any GDAL raster (GeoTIFF, VRT, JP2...).
    :param band_map: optional ``{"B02": 1, ...}`` (1-based band numbers) overriding detection.
    :param scale: optional reflectance scale (``reflectance = DN * scale + offset``).
    :param offset: optional reflectance offset (in reflectance units, e.g. -0.1).
    """

    def __init__(self, path, band_map=None, scale=None, offset=None):
        from .sentinel2 import product_vrt

        gdal, osr = _gdal()
        self.path = str(path)
        # a Sentinel-2 product (SAFE folder, zip, MTD_MSIL*.xml, or a SENTINEL2_L* sub-dataset as QGIS opens
        # it): its band files stacked at 10 m in a VRT, with the product's reflectance conversion
        self.sentinel2_vrt = product_vrt(self.path)
        opened = self.sentinel2_vrt or self.path
        exists = self.sentinel2_vrt is not None or os.path.exists(self.path) or self.path.startswith("/vsi")
        try:
            self.ds = gdal.Open(opened)
        except RuntimeError as err:
            if not exists:  # neither a file nor a GDAL dataset name (e.g. NETCDF:"f.nc":var)
                raise WealthMapError(tr("The raster '{0}' does not exist. Choose an existing raster file.").format(
                    self.path)) from err
            raise WealthMapError(tr("GDAL cannot open the raster '{0}' ({1}). Choose a GeoTIFF, VRT or JP2 "
                                    "file.").format(self.path, err)) from err
        if self.ds is None or self.ds.RasterCount == 0:
            raise WealthMapError(tr("The raster '{0}' has no bands.").format(self.path))
        mosaic = self.ds.GetMetadataItem("WEALTHMAP_MOSAIC")
        self.name = (self.ds.GetMetadataItem("SENTINEL2_PRODUCT") if self.sentinel2_vrt else None) or \
            (tr("mosaic of {0}").format(mosaic) if mosaic else None) or os.path.basename(self.path)
        self.width, self.height = self.ds.RasterXSize, self.ds.RasterYSize
        self.geotransform = self.ds.GetGeoTransform(can_return_null=True)
        wkt = self.ds.GetProjection()
        if not wkt or self.geotransform is None:
            raise WealthMapError(tr("The raster '{0}' has no coordinate reference system or georeferencing. Assign "
                                    "its CRS (Raster > Projections > Assign Projection) or use a georeferenced "
                                    "file.").format(self.name))
        self.srs = srs_from(wkt)
        self.wkt = self.srs.ExportToWkt()
        self.is_projected = bool(self.srs.IsProjected()) and abs(self.srs.GetLinearUnits() - 1.0) < 1e-9
        self.rotated = abs(self.geotransform[2]) > 0 or abs(self.geotransform[4]) > 0
        first = self.ds.GetRasterBand(1)
        self.data_type = gdal.GetDataTypeName(first.DataType)
        if self.data_type == "Byte":
            raise WealthMapError(tr("The raster '{0}' is 8-bit ({1} bands of Byte): it looks like a screenshot or "
                                    "an RGB rendering, not Sentinel-2 reflectance. Use the original 16-bit "
                                    "(UInt16/Int16) or Float32 bands.").format(self.name, self.ds.RasterCount))
        self.band_map = self._bands(band_map)
        self.has_scl = "SCL" in self.band_map
        try:
            self.scale, self.offset = self._reflectance(scale, offset)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError) as err:
            raise WealthMapError(tr("The reflectance scale or offset of the raster '{0}' cannot be read ({1}). Give "
                                    "them (scale, offset: reflectance = DN x scale + offset, e.g. 0.0001 and "
                                    "-0.1).").format(self.name, err)) from err
        if not (math.isfinite(self.scale) and self.scale > 0 and math.isfinite(self.offset)):
            raise WealthMapError(tr("The reflectance conversion of the raster '{0}' is unusable: scale {1!r} and "
                                    "offset {2!r} (from {3}); the scale must be a finite number above 0, the offset "
                                    "finite, or every chip would get the same value. Give them (scale, offset: "
                                    "reflectance = DN x scale + offset, e.g. 0.0001 and -0.1).").format(
                self.name, self.scale, self.offset, self.reflectance_source))
        self._osr = osr

    @property
    def is_jpeg2000(self):
        """JPEG 2000 data (the file, or the files a VRT reads): slow to decode (see docs/wealth.md)."""
        driver = self.ds.GetDriver().ShortName
        if driver.startswith("JP2") or driver == "JPEG2000":
            return True
        if driver == "VRT":
            return _vrt_reads_jpeg2000(self.ds)
        return False

    # --- bands ------------------------------------------------------------------------------
    def _bands(self, band_map):
        band_map = parse_band_map(band_map)  # "B02=1, B03=2" as the dock and Processing take it, or a dict
        if band_map:
            mapping = {}
            for key, index in dict(band_map).items():
                name = canonical_band(key) or str(key)
                index = int(index)
                if not 1 <= index <= self.ds.RasterCount:
                    raise WealthMapError(tr("The band mapping sends {0} to band {1}, but '{2}' has {3} bands.").format(
                        name, index, self.name, self.ds.RasterCount))
                mapping[name] = index
            return mapping
        mapping = {}
        for i in range(1, self.ds.RasterCount + 1):
            band = self.ds.GetRasterBand(i)
            for text in (band.GetDescription(), band.GetMetadataItem("BANDNAME"),
                         band.GetMetadataItem("WAVELENGTH_NAME")):
                name = canonical_band(text)
                if name and name not in mapping:
                    mapping[name] = i
                    break
        if not mapping and self.ds.GetDriver().ShortName == "VRT":
            # a VRT stacking single-band files (QGIS "Build Virtual Raster", one band per file): the files' names
            files = vrt_band_files(self.ds)
            names = [band_from_filename(f) if f else None for f in files]
            if names and all(names) and len(set(names)) == len(names):
                mapping = {name: i + 1 for i, name in enumerate(names)}
        return mapping

    def band_names(self):
        """``{index: canonical name}`` of the detected bands."""
        return {v: k for k, v in self.band_map.items()}

    def require_bands(self, needed, model_name=None):
        """Raise a clear :class:`WealthMapError` when a band the model needs is missing."""
        absent = [b for b in needed if b not in self.band_map]
        if absent:
            found = ", ".join("{}={}".format(k, v) for k, v in sorted(self.band_map.items())) or tr("none")
            raise WealthMapError(tr(
                "The raster '{0}' lacks the band(s) {1} that the model {2} needs (bands found from the band "
                "descriptions: {3}). Name the bands B02, B03, ... in the raster, or map them yourself (band "
                "mapping: e.g. B02=1, B03=2).").format(self.name, ", ".join(absent), model_name or "", found))

    # --- reflectance ---------------------------------------------------------------------------
    def _metadata(self, key):
        for domain in ("", "IMAGE_STRUCTURE"):
            value = self.ds.GetMetadataItem(key, domain)
            if value not in (None, ""):
                return value
        band = self.ds.GetRasterBand(1)
        value = band.GetMetadataItem(key)
        return value if value not in (None, "") else None

    def _sentinel2_product_of_files(self):
        """The metadata (:func:`sentinel2.read_metadata`, plus ``mtd``) of the Sentinel-2 product whose band
        files this raster reads (a VRT of files inside a ``.SAFE``), else ``None``."""
        from .sentinel2 import metadata_path, read_metadata

        if self.ds.GetDriver().ShortName != "VRT":
            return None
        for path in (self.ds.GetFileList() or [])[1:]:
            if ".safe" not in str(path).lower():
                continue
            try:
                mtd = metadata_path(path)
                info = read_metadata(mtd) if mtd else None
            except WealthMapError:
                info = None
            if info is not None:
                return dict(info, mtd=mtd)
        return None

    def processing_baseline(self):
        product = getattr(self, "product_metadata", None)
        if product and product.get("baseline"):
            try:
                return float(product["baseline"])
            except ValueError:
                pass
        value = self._metadata("PROCESSING_BASELINE")
        try:
            return float(value) if value is not None else None
        except ValueError:
            return None

    def _reflectance(self, scale, offset):
        """Return ``(scale, offset)`` with ``reflectance = DN * scale + offset``; records ``reflectance_source``."""
        if scale is not None:
            self.reflectance_source = "user"
            return float(scale), float(offset or 0.0)
        band = self.ds.GetRasterBand(1)
        gscale, goffset = band.GetScale(), band.GetOffset()
        if gscale not in (None, 1.0, 0.0) or goffset not in (None, 0.0):
            self.reflectance_source = "gdal_scale_offset"
            return float(gscale or 1.0), float(goffset or 0.0) if offset is None else float(offset)
        value = self._metadata("REFLECTANCE_SCALE")
        if value is not None:
            self.reflectance_source = "metadata REFLECTANCE_SCALE/OFFSET"
            meta_offset = self._metadata("REFLECTANCE_OFFSET")
            return float(value), float(offset if offset is not None else (meta_offset or 0.0))
        quant = self._metadata("BOA_QUANTIFICATION_VALUE") or self._metadata("QUANTIFICATION_VALUE")
        add = self._metadata("BOA_ADD_OFFSET") or self._metadata("RADIO_ADD_OFFSET")
        product = self._sentinel2_product_of_files() if quant is None else None
        if product is not None:  # e.g. a VRT built from a product's band files: the product's own conversion
            self.product_metadata = product
            q = float(product["quantification"] or 10000.0)
            offsets = [product["offsets"][b] for b in sorted(product["offsets"]) if b in self.band_map]
            self.reflectance_source = "Sentinel-2 product metadata ({})".format(product["mtd"])
            return 1.0 / q, float(offset) if offset is not None else (offsets[0] / q if offsets else 0.0)
        if quant is not None:
            self.reflectance_source = "metadata QUANTIFICATION_VALUE/ADD_OFFSET"
            q = float(quant)
            return 1.0 / q, float(offset) if offset is not None else float(add or 0.0) / q
        if self.data_type.startswith("Float"):
            sample = self._float_sample(band)
            if sample.size and float(np.percentile(sample, 99)) <= 2.0:
                self.reflectance_source = "float data already in reflectance"
                return 1.0, float(offset or 0.0)
        baseline = self.processing_baseline()
        if baseline is not None and baseline >= 4.0 and offset is None:
            self.reflectance_source = "processing baseline {:.2f}: DN/10000 - 0.1".format(baseline)
            return 1e-4, -0.1
        self.reflectance_source = "default DN/10000"
        return 1e-4, float(offset or 0.0)

    def _float_sample(self, band):
        """Valid values of a float band to tell reflectance (0..1) from digital numbers: nine 64 px windows
        spread over the raster (a tile's nodata wedge often fills a corner), nodata, zeros and NaN left out;
        when those hold none, the whole band read at 128 x 128."""
        nodata = band.GetNoDataValue()

        def valid(values):
            values = values[np.isfinite(values)]
            values = values[values != 0]
            return values[values != nodata] if nodata is not None else values

        w, h = self.width, self.height
        sw, sh = min(64, w), min(64, h)
        parts = []
        for fy in (0.1, 0.5, 0.9):
            for fx in (0.1, 0.5, 0.9):
                x0 = int(min(max(fx * w - sw / 2, 0), w - sw))
                y0 = int(min(max(fy * h - sh / 2, 0), h - sh))
                parts.append(valid(band.ReadAsArray(x0, y0, sw, sh).astype(np.float64).ravel()))
        sample = np.concatenate(parts)
        if not sample.size:
            whole = band.ReadAsArray(0, 0, w, h, buf_xsize=min(w, 128), buf_ysize=min(h, 128))
            sample = valid(whole.astype(np.float64).ravel())
        return sample

    def nodata(self, index):
        value = self.ds.GetRasterBand(index).GetNoDataValue()
        if value is None and not self.data_type.startswith("Float"):
            return 0
        return value

    # --- geometry ---------------------------------------------------------------------------
    def pixel_size(self):
        gt = self.geotransform
        return abs(gt[1]), abs(gt[5])

    def bounds(self):
        """(xmin, ymin, xmax, ymax) in the raster's CRS."""
        gt = self.geotransform
        xs = [gt[0], gt[0] + gt[1] * self.width + gt[2] * self.height, gt[0] + gt[1] * self.width,
              gt[0] + gt[2] * self.height]
        ys = [gt[3], gt[3] + gt[4] * self.width + gt[5] * self.height, gt[3] + gt[4] * self.width,
              gt[3] + gt[5] * self.height]
        return min(xs), min(ys), max(xs), max(ys)


#: Threads of GDAL's warper when a raster is resampled onto the grid (``None``: all CPUs).
WARP_THREADS = None
#: Resampled (warped) reading: bytes of GDAL's block cache a reader may fill before it drops its datasets'
#: cached blocks (at least three rows of the source's blocks across the raster; see ``GridReader.read``).
BLOCK_CACHE_BUDGET = 128 * 1024 * 1024


def _vrt_reads_jpeg2000(ds, depth=3):
    """Whether a VRT reads JPEG 2000 files (looking into VRTs it reads, as a mosaic's)."""
    gdal, _ = _gdal()
    for path in (ds.GetFileList() or [])[1:9]:
        text = str(path).lower()
        if text.endswith((".jp2", ".j2k")):
            return True
        if text.endswith(".vrt") and depth > 0:
            try:
                sub = gdal.Open(str(path))
            except RuntimeError:
                sub = None
            if sub is not None and _vrt_reads_jpeg2000(sub, depth - 1):
                return True
    return False


def decoding_block_height(ds, depth=3):
    """Rows of the blocks GDAL decodes for ``ds``: its own block height, or for a VRT the tallest of its
    own and its (first few) source files' (a VRT of JPEG 2000 band files decodes 1024-row tiles; VRTs of
    VRTs, as a mosaic of Sentinel-2 products, are looked into as well)."""
    gdal, _ = _gdal()
    heights = [ds.GetRasterBand(1).GetBlockSize()[1]]
    if ds.GetDriver().ShortName == "VRT" and depth > 0:
        for path in (ds.GetFileList() or [])[1:9]:
            try:
                sub = gdal.Open(path)
            except RuntimeError:
                sub = None
            if sub is not None and sub.RasterCount:
                heights.append(decoding_block_height(sub, depth - 1))
    return max(1, max(heights))


def block_row_bytes(ds, height=None):
    """Bytes of one row of ``ds``'s blocks across the whole raster, every band decoded."""
    gdal, _ = _gdal()
    band = ds.GetRasterBand(1)
    width = band.GetBlockSize()[0]
    across = -(-ds.RasterXSize // max(1, width)) + 1
    return across * width * (height or band.GetBlockSize()[1]) * gdal.GetDataTypeSize(band.DataType) // 8 \
        * ds.RasterCount


class GridReader:
    """Reads windows of a :class:`RasterSource` on a model grid (projected CRS, ``gsd`` metres).

    The grid's pixel (col 0, row 0) has its top-left corner at ``(origin_x, origin_y)``.
    When the raster already lies on this grid (same CRS, pixel size ``gsd``, origin on a pixel
    corner), windows are read directly; otherwise each window is warped into memory (average
    resampling when shrinking, bilinear when enlarging, nearest neighbour for SCL; ``bounds`` is
    not needed then and kept for callers). Reads outside the raster come back invalid.
    """

    def __init__(self, source, srs, gsd, origin_x, origin_y, bands, bounds=None, with_scl=True):
        gdal, _ = _gdal()
        self._cache_base = gdal.GetCacheUsed()
        self._block_h = decoding_block_height(source.ds)
        self._budget = max(BLOCK_CACHE_BUDGET, 3 * block_row_bytes(source.ds, self._block_h))
        self._last_bottom = None
        self.source = source
        self.srs = srs_from(srs)
        self.gsd = float(gsd)
        self.origin_x, self.origin_y = float(origin_x), float(origin_y)
        self.bands = list(bands)
        source.require_bands(self.bands)
        self.indexes = [source.band_map[b] for b in self.bands]
        self.scl_index = source.band_map.get("SCL") if with_scl else None
        gt = source.geotransform
        same_crs = source.is_projected and bool(self.srs.IsSame(source.srs))
        px, py = source.pixel_size()
        col_off = (self.origin_x - gt[0]) / self.gsd  # grid px (0, 0) in raster px
        row_off = (gt[3] - self.origin_y) / self.gsd
        self.direct = (same_crs and not source.rotated and abs(px - self.gsd) < 1e-6 * self.gsd
                       and abs(py - self.gsd) < 1e-6 * self.gsd and gt[5] < 0
                       and abs(col_off - round(col_off)) < 1e-6 and abs(row_off - round(row_off)) < 1e-6)
        if self.direct:
            self.ds = source.ds
            self.scl_ds = source.ds
            self.col_off, self.row_off = int(round(col_off)), int(round(row_off))
            self.ds_indexes = self.indexes
            self.ds_scl = self.scl_index
            self.vrt_nodata = None
            return
        # resampling: each window is warped on its own into memory (GDAL's warper with its threads; a warped
        # VRT read window by window was 1.5-2.7x slower, see docs/wealth.md)
        shrink = True  # rough source resolution in metres, to choose the resampling
        if source.is_projected:
            shrink = px <= self.gsd * 1.01
        nd = [source.nodata(i) for i in self.indexes]
        src_nd = " ".join("nan" if v is None else repr(float(v)) for v in nd)
        sub = gdal.Translate("", source.ds, format="VRT", bandList=self.indexes)
        self._keep = [sub]
        self.ds = sub
        self.col_off = self.row_off = 0
        self._warp_options = dict(format="MEM", dstSRS=self.srs.ExportToWkt(),
                                  resampleAlg="average" if shrink else "bilinear", srcNodata=src_nd,
                                  dstNodata=src_nd, multithread=True,
                                  warpOptions=["NUM_THREADS={}".format(WARP_THREADS or "ALL_CPUS")])
        self.vrt_nodata = nd
        self.ds_indexes = list(range(1, len(self.indexes) + 1))
        self.scl_ds = self.ds_scl = None
        if self.scl_index is not None:
            self.scl_ds = gdal.Translate("", source.ds, format="VRT", bandList=[self.scl_index])
            self._keep.append(self.scl_ds)
            self.ds_scl = 1

    def _warp(self, ds, col0, row0, ncols, nrows, **options):
        """Window ``(col0, row0, ncols, nrows)`` of the grid warped from ``ds``: an array ``(bands, nrows,
        ncols)``."""
        gdal, _ = _gdal()
        x0, y1 = self.origin_x + col0 * self.gsd, self.origin_y - row0 * self.gsd
        kwargs = dict(self._warp_options, **options)
        out = gdal.Warp("", ds, outputBounds=(x0, y1 - nrows * self.gsd, x0 + ncols * self.gsd, y1),
                        width=ncols, height=nrows, **kwargs)
        data = out.ReadAsArray()
        out = None
        return np.asarray(data).reshape(-1, nrows, ncols)

    def _nodata_values(self):
        if self.vrt_nodata is not None:
            return list(self.vrt_nodata)
        return [self.source.nodata(i) for i in self.indexes]

    def read(self, col0, row0, ncols, nrows, chip_px=None, fill=np.nan):
        """See :meth:`_read`. Windows are read in row order and GDAL keeps every decoded block in its cache
        (up to 5 % of the RAM by default), which would make memory grow with the region. So, reading
        the raster directly, the blocks of the rows already passed are dropped when a window starts in a
        new row of blocks (no block is ever decoded twice; at most about one row of blocks stays
        cached); resampling, they are dropped once they pass a budget (:data:`BLOCK_CACHE_BUDGET`, at
        least three rows of the source's blocks)."""
        y0 = row0 + self.row_off
        if self.direct:
            if self._last_bottom is not None and y0 // self._block_h > self._last_bottom // self._block_h:
                self._release_blocks()
            self._last_bottom = y0 + nrows - 1
        out = self._read(col0, row0, ncols, nrows, chip_px, fill)
        if not self.direct:
            gdal, _ = _gdal()
            if gdal.GetCacheUsed() > self._cache_base + self._budget:
                self._release_blocks()
                self._cache_base = min(self._cache_base, gdal.GetCacheUsed())
        return out

    def _release_blocks(self):
        for ds in [self.ds, self.scl_ds, self.source.ds] + list(getattr(self, "_keep", [])):
            if ds is not None:
                ds.FlushCache()

    def _read(self, col0, row0, ncols, nrows, chip_px=None, fill=np.nan):
        """Reflectance ``(bands, nrows, ncols)`` (NaN where invalid), valid mask and SCL (or ``None``).

        With ``chip_px`` (``nrows == chip_px``, ``ncols`` a multiple of it) the same pixels come in
        chip layout: reflectance ``(n, bands, chip_px, chip_px)`` (contiguous), valid and SCL
        ``(n, chip_px, chip_px)``; the reordering happens in the one pass that converts digital
        numbers to reflectance. Pixels outside the raster are invalid; so are nodata, non-finite
        values and SCL 0/1; their reflectance is ``fill`` (NaN by default).
        """
        x0, y0 = col0 + self.col_off, row0 + self.row_off
        nb = len(self.bands)
        if not self.direct:
            ax0, ay0, ax1, ay1 = x0, y0, x0 + ncols, y0 + nrows  # the warp fills what lies outside with nodata
        else:
            width, height = self.ds.RasterXSize, self.ds.RasterYSize
            ax0, ay0 = max(0, x0), max(0, y0)
            ax1, ay1 = min(width, x0 + ncols), min(height, y0 + nrows)
            if chip_px and nrows == chip_px and (ax0, ay0, ax1, ay1) == (x0, y0, x0 + ncols, y0 + nrows):
                return self._read_chips(x0, y0, ncols // chip_px, chip_px, fill)
        if ax1 <= ax0 or ay1 <= ay0:
            dn = np.zeros((nb, nrows, ncols), dtype=np.float32)
            inside = np.zeros((nrows, ncols), dtype=bool)
            scl = np.zeros((nrows, ncols), dtype=np.uint8) if self.ds_scl is not None else None
        else:
            if self.direct:
                data = self.ds.ReadAsArray(ax0, ay0, ax1 - ax0, ay1 - ay0, band_list=self.ds_indexes)
            else:
                data = self._warp(self.ds, col0, row0, ncols, nrows)
            data = data.reshape(nb, ay1 - ay0, ax1 - ax0)
            sl = (slice(ay0 - y0, ay1 - y0), slice(ax0 - x0, ax1 - x0))
            if (ax1 - ax0, ay1 - ay0) == (ncols, nrows):
                dn, inside = data, None
            else:
                dn = np.zeros((nb, nrows, ncols), dtype=data.dtype)
                dn[:, sl[0], sl[1]] = data
                inside = np.zeros((nrows, ncols), dtype=bool)
                inside[sl] = True
            scl = None
            if self.ds_scl is not None:
                if self.direct:
                    s = self.scl_ds.ReadAsArray(ax0, ay0, ax1 - ax0, ay1 - ay0, band_list=[self.ds_scl])
                else:
                    s = self._warp(self.scl_ds, col0, row0, ncols, nrows, resampleAlg="near", srcNodata=0,
                                   dstNodata=0)
                scl = np.zeros((nrows, ncols), dtype=np.uint8)
                scl[sl] = np.asarray(s).reshape(ay1 - ay0, ax1 - ax0)
        valid = _valid_mask(dn, self._nodata_values())
        if inside is not None:
            valid &= inside
        if scl is not None:
            valid &= ~np.isin(scl, SCL_INVALID)
        if chip_px:
            n = ncols // chip_px
            dn = dn.reshape(nb, chip_px, n, chip_px).transpose(2, 0, 1, 3)
            valid = np.ascontiguousarray(valid.reshape(chip_px, n, chip_px).transpose(1, 0, 2))
            if scl is not None:
                scl = np.ascontiguousarray(scl.reshape(chip_px, n, chip_px).transpose(1, 0, 2))
            return _scaled(dn, self.source.scale, self.source.offset, valid[:, None], fill), valid, scl
        return _scaled(dn, self.source.scale, self.source.offset, valid[None], fill), valid, scl


    def _read_chips(self, x0, y0, n, px, fill):
        """:meth:`read` in chip layout for a window inside the raster: GDAL writes each chip's bands
        straight into its slot of one ``(n, bands, px, px)`` array (no reordering pass), then one
        conversion pass to reflectance."""
        first = self.ds.GetRasterBand(self.ds_indexes[0])
        dn = np.empty((n, len(self.bands), px, px), dtype=_numpy_type(first.DataType))
        scl = np.empty((n, px, px), dtype=np.uint8) if self.ds_scl is not None else None
        for j in range(n):
            self.ds.ReadAsArray(x0 + j * px, y0, px, px, band_list=self.ds_indexes, buf_obj=dn[j])
            if scl is not None:
                self.scl_ds.GetRasterBand(self.ds_scl).ReadAsArray(x0 + j * px, y0, px, px, buf_obj=scl[j])
        nodata = self._nodata_values()
        if dn.dtype.kind == "u" and all(v is not None and float(v) == 0.0 for v in nodata):
            valid = dn.min(axis=1) != 0  # unsigned data, nodata 0 in every band: one reduction
        else:
            valid = _valid_mask(dn.transpose(1, 0, 2, 3), nodata)
        if scl is not None:
            valid &= ~np.isin(scl, SCL_INVALID)
        return _scaled(dn, self.source.scale, self.source.offset, valid[:, None], fill), valid, scl


def _numpy_type(gdal_type):
    from osgeo import gdal_array

    return np.dtype(gdal_array.GDALTypeCodeToNumericTypeCode(gdal_type))


def _valid_mask(data, nodata):
    """Pixels with data in every band: not the band's nodata value, finite for float data."""
    valid = np.ones(data.shape[1:], dtype=bool)
    for k, nd in enumerate(nodata):
        band = data[k]
        if nd is not None and not (isinstance(nd, float) and math.isnan(nd)):
            valid &= band != nd
        if band.dtype.kind == "f":
            valid &= np.isfinite(band)
    return valid


def _scaled(data, scale, offset, invalid_where, fill=np.nan):
    """float32 contiguous ``data * scale + offset`` (any strides in) with ``fill`` where ``invalid_where``
    (broadcastable) is False: one conversion pass, one in-place add."""
    refl = np.empty(data.shape, dtype=np.float32)
    np.multiply(data, np.float32(scale), out=refl, casting="unsafe")
    if offset:
        refl += np.float32(offset)
    if not invalid_where.all():
        np.copyto(refl, np.float32(fill), where=~invalid_where)
    return refl


def working_srs(source, lon=None, lat=None):
    """The projected CRS of the model grid: the raster's when projected in metres, else UTM at (lon, lat)."""
    if source.is_projected:
        return source.srs.Clone()
    if lon is None:
        xmin, ymin, xmax, ymax = transform_bbox(source.bounds(), source.srs, srs_from(4326))
        lon, lat = (xmin + xmax) / 2.0, (ymin + ymax) / 2.0
    return utm_srs(lon, lat)


def transform_bbox(bbox, src, dst, densify=21):
    """Transform (xmin, ymin, xmax, ymax) between CRSs, densifying the edges."""
    _, osr = _gdal()
    src, dst = srs_from(src), srs_from(dst)
    if src.IsSame(dst):
        return tuple(float(v) for v in bbox)
    ct = osr.CoordinateTransformation(src, dst)
    xmin, ymin, xmax, ymax = bbox
    ts = np.linspace(0.0, 1.0, densify)
    pts = ([(xmin + t * (xmax - xmin), ymin) for t in ts] + [(xmin + t * (xmax - xmin), ymax) for t in ts]
           + [(xmin, ymin + t * (ymax - ymin)) for t in ts] + [(xmax, ymin + t * (ymax - ymin)) for t in ts])
    out = np.array([p[:2] for p in ct.TransformPoints(pts)], dtype=float)
    out = out[np.all(np.isfinite(out), axis=1)]
    if not len(out):
        raise WealthMapError(tr("The region cannot be transformed to the raster's coordinate system."))
    return float(out[:, 0].min()), float(out[:, 1].min()), float(out[:, 0].max()), float(out[:, 1].max())


def grid_origin(source, srs, chip_m):
    """Top-left anchor of the chip grid: the raster's corner when it is on this CRS, else a multiple of ``chip_m``."""
    srs = srs_from(srs)
    if source.is_projected and srs.IsSame(source.srs) and not source.rotated:
        return source.geotransform[0], source.geotransform[3]
    return 0.0, 0.0


def read_bbox(source, bbox, crs, bands, gsd=10.0, srs=None):
    """Reflectance of ``bands`` over ``bbox`` (in ``crs``) on a ``gsd`` grid in a projected CRS.

    ``srs`` picks the grid CRS (default: :func:`working_srs`). Returns ``(refl, valid)``:
    float32 ``(len(bands), H, W)`` with NaN where invalid, and the bool mask ``(H, W)``. The
    grid is anchored as for prediction (:func:`grid_origin` with a 1-pixel step), so windows
    read here and chips predicted later line up.
    """
    if not isinstance(source, RasterSource):
        source = RasterSource(source)
    crs_srs = srs_from(crs)
    if srs is None:
        lonlat = transform_bbox(bbox, crs_srs, srs_from(4326))
        srs = working_srs(source, (lonlat[0] + lonlat[2]) / 2.0, (lonlat[1] + lonlat[3]) / 2.0)
    srs = srs_from(srs)
    xmin, ymin, xmax, ymax = transform_bbox(bbox, crs_srs, srs)
    ox, oy = grid_origin(source, srs, gsd)
    c0 = math.floor((xmin - ox) / gsd + 1e-9)
    c1 = math.ceil((xmax - ox) / gsd - 1e-9)
    r0 = math.floor((oy - ymax) / gsd + 1e-9)
    r1 = math.ceil((oy - ymin) / gsd - 1e-9)
    reader = GridReader(source, srs, gsd, ox, oy, bands, bounds=(xmin, ymin, xmax, ymax), with_scl=False)
    refl, valid, _ = reader.read(c0, r0, max(1, c1 - c0), max(1, r1 - r0))
    return refl, valid


def read_window_at(source, x, y, crs, size_m, bands, gsd=10.0):
    """Reflectance of a square window ``size_m`` wide centred on point (x, y) given in ``crs``.

    Returns ``(refl, valid)`` as :func:`read_bbox`, exactly ``round(size_m / gsd)`` pixels wide.
    """
    if not isinstance(source, RasterSource):
        source = RasterSource(source)
    pt_srs = srs_from(crs)
    _, osr = _gdal()
    lonlat = (x, y)
    if not pt_srs.IsSame(srs_from(4326)):
        lonlat = osr.CoordinateTransformation(pt_srs, srs_from(4326)).TransformPoint(x, y)[:2]
    srs = working_srs(source, lonlat[0], lonlat[1])
    cx, cy = osr.CoordinateTransformation(pt_srs, srs).TransformPoint(x, y)[:2] if not pt_srs.IsSame(srs) else (x, y)
    n = max(1, int(round(size_m / gsd)))
    ox, oy = grid_origin(source, srs, gsd)
    c0 = int(round((cx - ox) / gsd - n / 2.0))
    r0 = int(round((oy - cy) / gsd - n / 2.0))
    half = n * gsd / 2.0
    reader = GridReader(source, srs, gsd, ox, oy, bands, bounds=(cx - half - gsd, cy - half - gsd,
                                                                cx + half + gsd, cy + half + gsd), with_scl=False)
    refl, valid, _ = reader.read(c0, r0, n, n)
    return refl, valid
