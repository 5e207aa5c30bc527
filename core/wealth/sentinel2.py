"""Sentinel-2 products (SAFE) as one raster: the bands the plugin reads, stacked at 10 m in a VRT.

A Level-1C or Level-2A product as ESA delivers it (a ``.SAFE`` folder, its ``.zip``, the product's
``MTD_MSIL1C.xml`` / ``MTD_MSIL2A.xml``, or the GDAL sub-dataset QGIS opens from it, such as
``SENTINEL2_L2A:/path/MTD_MSIL2A.xml:10m:EPSG_32633``) keeps every band in its own JPEG 2000 file,
at 10, 20 or 60 m. :func:`product_vrt` writes a VRT that stacks the spectral bands (and, for L2A, the
scene classification ``SCL``) on the 10 m grid of the tile: 20 and 60 m bands upsampled bilinearly,
SCL by nearest neighbour. Its bands are named (``B02``, ...), and its metadata carries what the
reflectance conversion needs, read from the product's metadata file: the processing baseline and the
quantification value and additive offset (``-1000`` from processing baseline 04.00 on), so that
``reflectance = (DN + offset) / quantification`` is right for old and new products alike.

What a sub-dataset lists depends on GDAL: the L2A 10 m sub-dataset has 4 bands (B4, B3, B2, B8) up to
GDAL 3.9 and 6 from GDAL 3.10 (the aerosol and water-vapour maps ``AOT`` and ``WVP`` added, listed even when
their files are missing). The plugin never reads a sub-dataset's bands: it reads the product's band files,
so a layer of either form predicts the same; :func:`subdataset_bands` tells the spectral bands from the
auxiliary maps (:data:`AUXILIARY_BANDS`) for messages and checks.

Only the files' paths are read here (no pixels); the VRT is cached in the QGIS profile
(``wealthmap/cache/sentinel2``). Products
with several tiles in different UTM zones (before 2016) are refused with a message.
"""

import hashlib
import os
import re
import tempfile
import xml.etree.ElementTree as ET

from ..errors import WealthMapError
from ..i18n import tr

#: ESA's band ids (``band_id`` attributes in the metadata) in order.
BAND_IDS = ["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12"]
METADATA_FILES = ("MTD_MSIL2A.xml", "MTD_MSIL1C.xml")
#: L2A maps that GDAL >= 3.10 lists in the sub-datasets besides the spectral bands: no reflectances.
AUXILIARY_BANDS = ("AOT", "WVP")
#: Older products (before December 2016) name it e.g. ``S2A_OPER_MTD_SAFL1C_PDMC_20160119T...xml``.
_OLD_METADATA = re.compile(r"^S2[AB]_OPER_MTD_SAFL(1C|2A)_.*\.xml$", re.IGNORECASE)


def _is_metadata_name(name):
    return name in METADATA_FILES or bool(_OLD_METADATA.match(name))
_BAND_FILE = re.compile(r"_(B0[1-9]|B1[0-2]|B8A|SCL)(?:_(10|20|60)m)?\.jp2$", re.IGNORECASE)
_BASELINE_IN_NAME = re.compile(r"_N(\d{2})(\d{2})_")


def _gdal():
    from osgeo import gdal

    gdal.UseExceptions()
    return gdal


def subdataset_bands(ds):
    """``(spectral, auxiliary)``: the ``BANDNAME`` of each band of an opened GDAL ``SENTINEL2_L*`` sub-dataset
    (``["B4", "B3", "B2", "B8"]`` for the 10 m one), and the auxiliary maps GDAL >= 3.10 adds
    (:data:`AUXILIARY_BANDS`)."""
    names = [ds.GetRasterBand(i).GetMetadataItem("BANDNAME") or ds.GetRasterBand(i).GetDescription().split(",")[0]
             for i in range(1, ds.RasterCount + 1)]
    return [n for n in names if n not in AUXILIARY_BANDS], [n for n in names if n in AUXILIARY_BANDS]


def metadata_path(path):
    """The product's metadata file (a local or ``/vsizip/`` path) when ``path`` names a Sentinel-2
    product (SAFE folder, zip, metadata file or GDAL ``SENTINEL2_L*`` sub-dataset), else ``None``."""
    gdal = _gdal()
    text = str(path).split("!!::!!")[0]  # QGIS's sub-layer notation: name!!::!!description
    if text.lower().startswith("/vsizip/sentinel2_l"):  # how QGIS 3.22 lists a zipped product's sub-datasets
        text = text[len("/vsizip/"):]
    if text.upper().startswith("SENTINEL2_L"):
        body = text.split(":", 1)[1] if ":" in text else ""
        parts = body.rsplit(":", 2)
        inner = parts[0] if len(parts) == 3 and not body.lower().endswith(".zip") else body
        if inner.lower().endswith(".zip"):  # the zip itself, without the path inside it
            return metadata_path(inner[len("/vsizip/"):] if inner.startswith("/vsizip/") else inner)
        return inner
    base = os.path.basename(text.rstrip("/\\"))
    if _is_metadata_name(base):
        return text
    # a file or folder inside a product (e.g. one band's JPEG 2000 dragged into QGIS from IMG_DATA): the product
    parts = text.replace("\\", "/").split("/")
    for i in range(len(parts) - 1, 0, -1):
        if parts[i].upper().endswith(".SAFE") and i < len(parts) - 1:
            return _metadata_in(gdal, "/".join(parts[:i + 1]))
    if text.lower().endswith(".zip") and not text.startswith("/vsi"):
        if not os.path.isfile(text):
            return None
        root = "/vsizip/" + text
        try:
            entries = gdal.ReadDirRecursive(root) or []
        except RuntimeError:
            return None
        for entry in entries:
            if _is_metadata_name(os.path.basename(entry)) and entry.count("/") <= 1:
                return root + "/" + entry
        return None
    if os.path.isdir(text):
        return _metadata_in(gdal, text)
    return None


def _metadata_in(gdal, folder):
    """The metadata file at the root of a product folder (local or virtual), or ``None``."""
    for name in METADATA_FILES:
        if gdal.VSIStatL(_join(folder, name)) is not None:
            return _join(folder, name)
    try:
        names = gdal.ReadDir(folder) or []
    except RuntimeError:
        names = []
    old = sorted(n for n in names if _OLD_METADATA.match(n))
    return _join(folder, old[0]) if old else None


def _join(folder, name):
    """``folder/name`` with forward slashes (GDAL's virtual paths; Windows accepts them too)."""
    return str(folder).replace("\\", "/").rstrip("/") + "/" + str(name).replace("\\", "/").lstrip("/")


def _read_text(path):
    gdal = _gdal()
    stat = gdal.VSIStatL(path)
    handle = gdal.VSIFOpenL(path, "rb")
    if handle is None or stat is None:
        raise WealthMapError(tr("Cannot read the Sentinel-2 metadata file '{0}'.").format(path))
    try:
        return gdal.VSIFReadL(1, stat.size, handle).decode("utf-8", "replace")
    finally:
        gdal.VSIFCloseL(handle)


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def read_metadata(mtd):
    """``{"level", "baseline", "quantification", "offsets" {band: DN offset}}`` from the metadata file."""
    try:
        root = ET.fromstring(_read_text(mtd))
    except ET.ParseError as err:
        raise WealthMapError(tr("The Sentinel-2 metadata file '{0}' is not valid XML ({1}).").format(mtd, err)) from err
    level = "L2A" if "2A" in _local(root.tag).upper() or re.search(r"(MSIL|SAFL)2A", os.path.basename(mtd)) else "L1C"
    info = {"level": level, "baseline": None, "quantification": None, "offsets": {}}
    for element in root.iter():
        tag, value = _local(element.tag), (element.text or "").strip()
        if tag == "PROCESSING_BASELINE" and value:
            info["baseline"] = value
        elif tag in ("BOA_QUANTIFICATION_VALUE", "QUANTIFICATION_VALUE") and value:
            if tag == "BOA_QUANTIFICATION_VALUE" or info["quantification"] is None:
                info["quantification"] = float(value)
        elif tag in ("BOA_ADD_OFFSET", "RADIO_ADD_OFFSET") and value:
            band_id = int(element.attrib.get("band_id", -1))
            if 0 <= band_id < len(BAND_IDS):
                info["offsets"][BAND_IDS[band_id]] = float(value)
    if info["baseline"] is None:
        match = _BASELINE_IN_NAME.search(mtd)
        if match:
            info["baseline"] = "{}.{}".format(match.group(1), match.group(2))
    return info


def band_files(mtd):
    """``{band: [paths]}`` of the product's band files, the finest resolution of each band (one path per
    tile)."""
    gdal = _gdal()
    root = _join(os.path.dirname(mtd), "GRANULE")
    try:
        entries = gdal.ReadDirRecursive(root) or []
    except RuntimeError:
        entries = []
    best = {}
    for entry in entries:
        match = _BAND_FILE.search(entry)
        if not match or "/IMG_DATA/" not in "/" + entry.replace("\\", "/"):
            continue
        band = match.group(1).upper()
        res = int(match.group(2) or {"B02": 10, "B03": 10, "B04": 10, "B08": 10, "B01": 60, "B09": 60,
                                     "B10": 60}.get(band, 20))
        path = _join(root, entry)
        current = best.get(band)
        if current is None or res < current[0]:
            best[band] = (res, [path])
        elif res == current[0]:
            current[1].append(path)
    return {band: sorted(paths) for band, (_, paths) in best.items()}


def product_vrt(path):
    """Path of a VRT stacking the product's bands at 10 m (see the module), or ``None`` when ``path`` is
    not a Sentinel-2 product."""
    mtd = metadata_path(path)
    if mtd is None:
        return None
    gdal = _gdal()
    if gdal.VSIStatL(mtd) is None:
        raise WealthMapError(tr("The Sentinel-2 product '{0}' has no metadata file '{1}'. Open the product's "
                                "MTD_MSIL2A.xml / MTD_MSIL1C.xml, its .SAFE folder or its .zip.").format(path, mtd))
    info = read_metadata(mtd)
    files = band_files(mtd)
    spectral = [b for b in BAND_IDS if b in files]
    if not spectral:
        raise WealthMapError(tr("No band files (IMG_DATA/*_B02*.jp2 ...) were found in the Sentinel-2 product "
                                "'{0}'. Download the complete product (.zip) and open it again.").format(mtd))
    order = spectral + (["SCL"] if "SCL" in files else [])
    name = os.path.basename(os.path.dirname(mtd)) or os.path.basename(mtd)
    key = hashlib.sha1("|".join([mtd] + [";".join(files[b]) for b in order]).encode("utf-8")).hexdigest()[:16]
    folder = cache_folder("sentinel2")
    out = os.path.join(folder, "{}_{}.vrt".format(re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:80], key))
    if os.path.exists(out):
        return out
    sources = {}
    for band in order:
        paths = files[band]
        if len(paths) == 1:
            sources[band] = paths[0]
            continue
        mosaic = os.path.join(folder, "{}_{}_{}.vrt".format(key, band, len(paths)))
        ds, reason = None, ""
        try:
            zones = {gdal.Open(p).GetProjection() for p in paths}
            if len(zones) > 1:  # BuildVRT would leave out the tiles of the other zones
                reason = tr("its tiles lie in {0} different coordinate systems").format(len(zones))
            else:
                ds = gdal.BuildVRT(mosaic, paths)
        except RuntimeError as err:
            reason = str(err)
        if ds is None:
            raise WealthMapError(tr("The tiles of the Sentinel-2 product '{0}' cannot be combined ({1}). Open "
                                    "each tile's band files separately.").format(name, reason))
        ds = None
        sources[band] = mosaic
    ref = gdal.Open(sources[next(b for b in order if b in ("B02", "B03", "B04", "B08"))]
                    if any(b in order for b in ("B02", "B03", "B04", "B08")) else sources[order[0]])
    gt, width, height = ref.GetGeoTransform(), ref.RasterXSize, ref.RasterYSize
    xmax, ymin = gt[0] + gt[1] * width, gt[3] + gt[5] * height
    srs_wkt = ref.GetProjection()
    ref = None
    lines = ['<VRTDataset rasterXSize="{}" rasterYSize="{}">'.format(width, height),
             "  <SRS>{}</SRS>".format(_escape(srs_wkt)),
             "  <GeoTransform>{}</GeoTransform>".format(", ".join(repr(float(v)) for v in gt)),
             "  <Metadata>",
             '    <MDI key="SENTINEL2_PRODUCT">{}</MDI>'.format(_escape(name)),
             '    <MDI key="PROCESSING_LEVEL">Level-{}</MDI>'.format(info["level"][1:])]
    if info["baseline"]:
        lines.append('    <MDI key="PROCESSING_BASELINE">{}</MDI>'.format(_escape(info["baseline"])))
    quant = info["quantification"] or 10000.0
    offsets = [info["offsets"][b] for b in spectral if b in info["offsets"]]
    prefix = "BOA_" if info["level"] == "L2A" else ""
    lines.append('    <MDI key="{}QUANTIFICATION_VALUE">{}</MDI>'.format(prefix, repr(quant)))
    if offsets:
        lines.append('    <MDI key="{}">{}</MDI>'.format("BOA_ADD_OFFSET" if prefix else "RADIO_ADD_OFFSET",
                                                        repr(offsets[0])))
    lines.append("  </Metadata>")
    for i, band in enumerate(order, start=1):
        src = gdal.Open(sources[band])
        sgt, sw, sh = src.GetGeoTransform(), src.RasterXSize, src.RasterYSize
        dtype = gdal.GetDataTypeName(src.GetRasterBand(1).DataType)
        src = None
        if abs(sgt[0] - gt[0]) > 1e-6 or abs(sgt[3] - gt[3]) > 1e-6 or \
                abs(sgt[0] + sgt[1] * sw - xmax) > 1e-6 or abs(sgt[3] + sgt[5] * sh - ymin) > 1e-6:
            raise WealthMapError(tr("The band {0} of the Sentinel-2 product '{1}' does not cover the same area as "
                                    "its 10 m bands; the product looks incomplete or altered.").format(band, name))
        kind = "SimpleSource" if (sw, sh) == (width, height) or band == "SCL" else 'ComplexSource resampling="bilinear"'
        close = kind.split()[0]
        lines += ['  <VRTRasterBand dataType="{}" band="{}">'.format(dtype, i),
                  "    <Description>{}</Description>".format(band),
                  "    <NoDataValue>0</NoDataValue>",
                  "    <{}>".format(kind),
                  '      <SourceFilename relativeToVRT="0">{}</SourceFilename>'.format(_escape(sources[band])),
                  "      <SourceBand>1</SourceBand>",
                  '      <SrcRect xOff="0" yOff="0" xSize="{}" ySize="{}"/>'.format(sw, sh),
                  '      <DstRect xOff="0" yOff="0" xSize="{}" ySize="{}"/>'.format(width, height)]
        if close == "ComplexSource":
            lines.append("      <NODATA>0</NODATA>")
        lines += ["    </{}>".format(close), "  </VRTRasterBand>"]
    lines.append("</VRTDataset>")
    return write_vrt(out, lines)


def cache_folder(name):
    """Where the VRTs WealthMap writes are kept: the QGIS profile's ``wealthmap/cache/<name>`` (the
    temporary folder when the profile cannot be written)."""
    try:
        from ..settings import data_dir

        return data_dir("cache", name)
    except OSError:
        folder = os.path.join(tempfile.gettempdir(), "wealthmap_" + name)
        os.makedirs(folder, exist_ok=True)
        return folder


def write_vrt(path, lines):
    """Write a VRT's XML lines at once (a reader never sees half a file); returns ``path``."""
    tmp = path + ".part"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.replace(tmp, path)
    return path


def require_product(path):
    """Raise a clear :class:`WealthMapError` unless ``path`` names a Sentinel-2 product (for file parameters)."""
    if metadata_path(path) is None:
        raise WealthMapError(tr("'{0}' is not a Sentinel-2 product (a .zip holding a .SAFE folder, or its "
                                "MTD_MSIL2A.xml / MTD_MSIL1C.xml). Give other rasters as raster layers.").format(path))
    return path


def _escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
