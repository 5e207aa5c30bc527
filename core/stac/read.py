"""Reading only what is needed from an item's COG assets with GDAL ``/vsicurl/``.

* Each asset is opened as ``/vsicurl?empty_dir=yes&max_retry=N&retry_delay=S&url=<href>``: no
  directory listing or side-car probing (6 assets took 55 requests with GDAL's defaults, 12 with
  ``empty_dir``), retries of transient errors (``max_retry`` is 0 by default).
* Per worker thread, :class:`HttpOptions` sets thread-local GDAL options (never process-wide, so a
  user's local rasters keep their side-car files): ``GDAL_HTTP_TIMEOUT``,
  ``GDAL_HTTP_CONNECTTIMEOUT``, ``GDAL_HTTP_LOW_SPEED_TIME``/``LIMIT`` (a stalled server fails
  instead of hanging), ``GDAL_HTTP_MERGE_CONSECUTIVE_RANGES=YES``, QGIS's proxy
  (``GDAL_HTTP_PROXY``) and the headers of a QGIS authentication configuration
  (``GDAL_HTTP_HEADERS``; never written to settings or logs). ``GDAL_HTTP_MULTIRANGE`` is left to its
  default (parallel ranges): ``SINGLE_GET`` downloads whole files from servers without multi-range.
* :func:`item_vrt` stacks an item's assets on its 10 m grid in a VRT written from the item's
  ``proj:`` fields, in GDAL's ``/vsimem/`` (no request is made to write it, and signed URLs never reach the disk;
  sources are opened on first read): 20 m bands
  bilinear, SCL nearest; its metadata carries the item's reflectance scale and offset, so
  ``core.wealth.raster.RasterSource`` and ``GridReader`` read it as any raster (and resample
  an item of another UTM zone onto the grid).
* :class:`NetStats` reports requests and bytes with GDAL's network statistics
  (``CPL_VSIL_NETWORK_STATS_ENABLED``; counters are per process, so two jobs at once share them).
"""

import hashlib
import json
import os
import re
import threading
from urllib.parse import quote

from ..errors import WealthMapError
from ..i18n import tr
from ..wealth.sentinel2 import _escape, write_vrt

#: seconds / counts used unless the caller says otherwise
DEFAULT_HTTP = {"timeout": 30, "connect_timeout": 10, "low_speed_time": 15, "max_retry": 3, "retry_delay": 0.5}


def vsicurl(href, max_retry=3, retry_delay=0.5):
    """The GDAL path of a remote asset with the options in the path (``empty_dir``: no directory listing)."""
    if href.startswith("/vsi") or not href.lower().startswith(("http://", "https://")):
        if href.startswith("s3://"):
            raise WealthMapError(tr("The asset '{0}' is on S3 and needs credentials; this catalogue gives no https "
                                    "link for it. Use Earth Search or Planetary Computer.").format(href[:120]))
        return href
    return "/vsicurl?empty_dir=yes&max_retry={}&retry_delay={}&url={}".format(int(max_retry), float(retry_delay),
                                                                            quote(href, safe=""))


def auth_headers(authcfg):
    """``"Name: value\\r\\n..."`` of the HTTP headers a QGIS authentication configuration adds (``""`` without)."""
    if not authcfg:
        return ""
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QUrl
    from qgis.PyQt.QtNetwork import QNetworkRequest

    request = QNetworkRequest(QUrl("https://example.invalid/"))
    ok = QgsApplication.authManager().updateNetworkRequest(request, authcfg)
    if isinstance(ok, tuple):
        ok = ok[0]
    if not ok:
        raise WealthMapError(tr("The authentication configuration '{0}' cannot be applied. Check it in Settings > "
                                "Options > Authentication.").format(authcfg))
    lines = []
    for name in request.rawHeaderList():
        lines.append("{}: {}".format(bytes(name).decode("latin-1"), bytes(request.rawHeader(name)).decode("latin-1")))
    return "\r\n".join(lines)


def qgis_proxy():
    """QGIS's HTTP proxy as ``host:port`` (and ``user:password``), or ``None`` when none is set."""
    try:
        from qgis.core import QgsSettings
    except ImportError:
        return None, None
    settings = QgsSettings()
    if str(settings.value("proxy/proxyEnabled", False)).lower() not in ("true", "1"):
        return None, None
    host = settings.value("proxy/proxyHost", "")
    port = settings.value("proxy/proxyPort", "")
    if not host:
        return None, None
    user = settings.value("proxy/proxyUser", "")
    password = settings.value("proxy/proxyPassword", "")
    return "{}:{}".format(host, port) if port else host, ("{}:{}".format(user, password) if user else None)


class HttpOptions:
    """Thread-local GDAL HTTP options for one worker thread: ``with HttpOptions(...): ...`` (or
    :meth:`apply` once in a pool thread)."""

    def __init__(self, timeout=30, connect_timeout=10, low_speed_time=15, max_retry=3, retry_delay=0.5,
                 headers="", proxy=None, proxy_auth=None):
        self.options = {
            "GDAL_HTTP_TIMEOUT": str(int(timeout)), "GDAL_HTTP_CONNECTTIMEOUT": str(int(connect_timeout)),
            "GDAL_HTTP_LOW_SPEED_TIME": str(int(low_speed_time)), "GDAL_HTTP_LOW_SPEED_LIMIT": "1",
            "GDAL_HTTP_MAX_RETRY": str(int(max_retry)), "GDAL_HTTP_RETRY_DELAY": str(float(retry_delay)),
            "GDAL_HTTP_MERGE_CONSECUTIVE_RANGES": "YES", "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
            "GDAL_HTTP_HEADERS": headers or None, "GDAL_HTTP_PROXY": proxy, "GDAL_HTTP_PROXYUSERPWD": proxy_auth,
            "CPL_VSIL_CURL_USE_HEAD": None,
        }
        self.max_retry, self.retry_delay = int(max_retry), float(retry_delay)

    @classmethod
    def make(cls, authcfg=None, **http):
        proxy, proxy_auth = qgis_proxy()
        params = dict(DEFAULT_HTTP, **{k: v for k, v in http.items() if v is not None})
        return cls(headers=auth_headers(authcfg), proxy=proxy, proxy_auth=proxy_auth, **params)

    def apply(self):
        from osgeo import gdal

        for key, value in self.options.items():
            gdal.SetThreadLocalConfigOption(key, value)

    def clear(self):
        from osgeo import gdal

        for key in self.options:
            gdal.SetThreadLocalConfigOption(key, None)

    def __enter__(self):
        self.apply()
        return self

    def __exit__(self, *exc):
        self.clear()


class NetStats:
    """Requests and bytes GDAL's network layer made since :meth:`start` (process-wide counters)."""

    def __init__(self):
        self.base = (0, 0)

    @staticmethod
    def current():
        from osgeo import gdal

        try:
            stats = json.loads(gdal.NetworkStatsGetAsSerializedJSON() or "{}")
        except (ValueError, RuntimeError):
            return 0, 0
        methods = stats.get("methods") or {}
        count = sum(int(m.get("count", 0)) for m in methods.values())
        nbytes = sum(int(m.get("downloaded_bytes", 0)) for m in methods.values())
        return count, nbytes

    def start(self):
        from osgeo import gdal

        gdal.SetConfigOption("CPL_VSIL_NETWORK_STATS_ENABLED", "YES")  # counting only; changes no behaviour
        self.base = self.current()
        return self

    def delta(self):
        count, nbytes = self.current()
        return {"requests": count - self.base[0], "bytes": nbytes - self.base[1]}


def item_key(item, bands):
    """A stable identity of the item's assets that a read uses (ids and hrefs without query strings)."""
    spec = [item.id] + ["{}={}".format(b, item.assets[b].href.split("?")[0]) for b in bands if b in item.assets]
    return hashlib.sha256("|".join(spec).encode("utf-8")).hexdigest()[:20]


_vrt_lock = threading.Lock()


def item_vrt(item, bands, http=None, folder=None):
    """Path of a VRT stacking ``bands`` (and ``SCL`` when in ``bands``) of ``item`` at 10 m (see the module)."""
    http = http or HttpOptions()
    item.require(bands)
    ref_band = next((b for b in ("B02", "B03", "B04", "B08") if b in item.assets), bands[0])
    ref = item.assets[ref_band]
    if ref.transform is None or ref.shape is None or item.epsg is None:
        raise WealthMapError(tr("The STAC item '{0}' has no proj:epsg / proj:transform / proj:shape: the plugin "
                                "needs them to read windows. Choose a catalogue whose items have the projection "
                                "extension.").format(item.id))
    gt, (height, width) = ref.transform, ref.shape
    scale, offset = item.reflectance(ref_band)
    key = hashlib.sha256("|".join([item_key(item, bands), ",".join(bands), str(http.max_retry),
                                   str(http.retry_delay), repr(scale), repr(offset),
                                   "|".join(item.assets[b].href for b in bands)]).encode("utf-8")).hexdigest()[:20]
    from osgeo import gdal

    # in GDAL's memory file system, never on disk: signed hrefs carry tokens
    out = "/vsimem/wealthmap_stac/{}_{}.vrt".format(item.id.replace("/", "_")[:80], key)
    if folder:
        out = os.path.join(folder, os.path.basename(out))
    if gdal.VSIStatL(out) is not None:
        return out
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(int(item.epsg))
    lines = ['<VRTDataset rasterXSize="{}" rasterYSize="{}">'.format(width, height),
             "  <SRS>{}</SRS>".format(_escape(srs.ExportToWkt())),
             "  <GeoTransform>{}</GeoTransform>".format(", ".join(repr(float(v)) for v in gt)),
             "  <Metadata>",
             '    <MDI key="REFLECTANCE_SCALE">{}</MDI>'.format(repr(scale)),
             '    <MDI key="REFLECTANCE_OFFSET">{}</MDI>'.format(repr(offset)),
             '    <MDI key="STAC_ITEM">{}</MDI>'.format(_escape(item.id)),
             '    <MDI key="PROCESSING_BASELINE">{}</MDI>'.format(_escape(item.baseline or "")),
             "  </Metadata>"]
    for i, band in enumerate(bands, start=1):
        asset = item.assets[band]
        ashape = asset.shape or (height, width)
        dtype = "Byte" if band == "SCL" else "UInt16"
        resample = "" if band == "SCL" or ashape == (height, width) else ' resampling="bilinear"'
        kind = "ComplexSource" if resample else "SimpleSource"
        lines += ['  <VRTRasterBand dataType="{}" band="{}">'.format(dtype, i),
                  "    <Description>{}</Description>".format(band),
                  "    <NoDataValue>0</NoDataValue>",
                  "    <{}{}>".format(kind, resample),
                  '      <SourceFilename relativeToVRT="0">{}</SourceFilename>'.format(
                      _escape(vsicurl(asset.href, http.max_retry, http.retry_delay))),
                  "      <SourceBand>1</SourceBand>",
                  '      <SourceProperties RasterXSize="{}" RasterYSize="{}" DataType="{}" BlockXSize="{}" '
                  'BlockYSize="{}"/>'.format(ashape[1], ashape[0], dtype, min(ashape[1], 1024), min(ashape[0], 1024)),
                  '      <SrcRect xOff="0" yOff="0" xSize="{}" ySize="{}"/>'.format(ashape[1], ashape[0]),
                  '      <DstRect xOff="0" yOff="0" xSize="{}" ySize="{}"/>'.format(width, height)]
        if kind == "ComplexSource":
            lines.append("      <NODATA>0</NODATA>")
        lines += ["    </{}>".format(kind), "  </VRTRasterBand>"]
    lines.append("</VRTDataset>")
    with _vrt_lock:
        if folder:
            return write_vrt(out, lines)
        gdal.FileFromMemBuffer(out, ("\n".join(lines) + "\n").encode("utf-8"))
        return out


def translate_gdal_error(err, item, band=None, heard=()):
    """A user's sentence for a GDAL error reading an asset (404/403 at open, a 500 on a tile, a 503 on the
    header read that GDAL calls 'not recognized as a supported file format', a timeout, a truncated file).
    ``heard``: the messages a pushed GDAL error handler caught (the HTTP status is only there). Query
    strings (signatures, tokens) are cut from every URL."""
    text = re.sub(r"(https?://[^\s?]+)\?\S*", r"\1", str(err) + " " + " ".join(str(m) for m in heard))
    low = text.lower()
    if re.search(r"http (error|response) code: 5\d\d", low) or "not recognized as a supported file format" in low:
        why = tr("the server failed (HTTP 5xx) while the file's header was read")
    elif re.search(r"code: 40[13]\b", low) or "access denied" in low or "permission denied" in low:
        why = tr("access denied (HTTP 401/403): the URL needs signing or credentials")
    elif "404" in low or "does not exist" in low or "no such file" in low:
        why = tr("the asset does not exist (HTTP 404)")
    elif "timeout" in low or "timed out" in low or "operation too slow" in low:
        why = tr("the server stalled (timeout)")
    elif "tiffread" in low or "ireadblock" in low or "short read" in low or "truncat" in low:
        why = tr("the file is damaged or truncated ({0})").format(str(err).strip()[:120])
    else:
        why = str(err).strip().splitlines()[-1][:200] if str(err).strip() else tr("read error")
    return tr("{0}: {1}").format(item.id + (" " + band if band else ""), why)
