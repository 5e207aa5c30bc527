"""STAC API item search through QGIS's network stack.

The client is ``QgsBlockingNetworkRequest`` (QGIS's proxy settings, SSL configuration and an
optional ``authcfg`` from QGIS's authentication database come with it; no new dependency, and it
runs in a ``QgsTask`` thread). pystac-client was not chosen: its normal install replaces
Debian's ``requests``/``urllib3`` on ``sys.path`` and it bypasses QGIS's proxy and authentication
configuration; the search is a few small JSON requests.

``search(query, bbox)`` posts ``/search`` (``collections``, ``bbox``, ``datetime``, ``limit`` and the
``query`` extension's ``eo:cloud_cover``), follows ``next`` links (``POST`` with a body, or ``GET``)
up to ``query.max_items``, and filters again on the client (cloud cover, season months, footprint),
so a catalogue that ignores a filter still gives the right items. Planetary Computer's asset URLs
are signed with its token endpoint (``sign="planetary-computer"``); the token is kept in memory only.
"""

import datetime
import json
import threading
import time
from urllib.parse import urlencode

from ..errors import WealthMapError
from ..i18n import tr
from ..tasks import check_cancel
from .items import Item

#: Built-in catalogues: name -> (search URL root, collection, signing).
ENDPOINTS = {
    "earth-search": ("https://earth-search.aws.element84.com/v1", "sentinel-2-l2a", None),
    "planetary-computer": ("https://planetarycomputer.microsoft.com/api/stac/v1", "sentinel-2-l2a",
                           "planetary-computer"),
    "copernicus": ("https://stac.dataspace.copernicus.eu/v1", "sentinel-2-l2a", None),
}
QUERY_KEYS = ("endpoint", "collection", "datetime", "max_cloud", "months", "max_items", "page_size", "authcfg", "sign",
              "token_url")
#: keys a query dict may carry for the composite or point job (``method``, ``mode``...), ignored by the search
JOB_KEYS = ("method", "mode", "mask", "window_px", "output", "cache_dir", "folder", "bands", "workers",
            "max_items_point")
PC_TOKEN_URL = "https://planetarycomputer.microsoft.com/api/sas/v1/token/{collection}"


class StacQuery:
    """What to search: ``endpoint`` (a name of :data:`ENDPOINTS` or a STAC API URL), ``collection``,
    ``datetime`` (``"2023-06-01/2023-08-31"``), ``max_cloud`` (item cloud cover, %), ``months`` (season:
    e.g. ``[6, 7, 8]``), ``max_items`` (after paging), ``page_size``, ``authcfg`` (QGIS authentication
    configuration id for the catalogue and the assets), ``sign`` (``"planetary-computer"`` or ``None``),
    ``token_url`` (the signing token endpoint)."""

    def __init__(self, endpoint="earth-search", collection=None, datetime=None, max_cloud=30.0, months=None,
                 max_items=100, page_size=50, authcfg=None, sign=None, token_url=None):
        name = str(endpoint or "earth-search").strip()
        if name in ENDPOINTS:
            url, default_collection, default_sign = ENDPOINTS[name]
        else:
            url, default_collection, default_sign = name, "sentinel-2-l2a", None
        if not url.lower().startswith(("http://", "https://")):
            raise WealthMapError(tr("The STAC catalogue '{0}' is neither one of {1} nor an http(s) URL.").format(
                name, ", ".join(ENDPOINTS)))
        self.endpoint = name
        self.url = url.rstrip("/")
        self.collection = collection or default_collection
        self.datetime = _check_datetime(datetime)
        self.max_cloud = None if max_cloud in (None, "") else float(max_cloud)
        self.months = sorted({int(m) for m in months}) if months else None
        if self.months and not all(1 <= m <= 12 for m in self.months):
            raise WealthMapError(tr("Season months must be between 1 and 12 (got {0}).").format(self.months))
        self.max_items = int(max_items)
        self.page_size = max(1, int(page_size))
        self.authcfg = authcfg or None
        self.sign = default_sign if sign is None else (sign or None)
        self.token_url = token_url or (PC_TOKEN_URL if self.sign == "planetary-computer" else None)

    @classmethod
    def of(cls, value):
        """A :class:`StacQuery` from itself, a dict of its arguments (``{"endpoint": ..., "datetime": ...}``)
        or an endpoint name/URL."""
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            args = dict(value)
            if "stac" in args:
                args["endpoint"] = args.pop("stac")
            if isinstance(args.get("endpoint"), cls):
                return args["endpoint"]
            for key in JOB_KEYS:  # options of the job reading the items, not of the search
                args.pop(key, None)
            unknown = sorted(set(args) - set(QUERY_KEYS))
            if unknown:
                raise WealthMapError(tr("Unknown STAC query key(s) {0}: use {1}.").format(
                    ", ".join(unknown), ", ".join(QUERY_KEYS + JOB_KEYS)))
            return cls(**args)
        return cls(endpoint=value)

    def as_dict(self):
        return {"endpoint": self.url, "collection": self.collection, "datetime": self.datetime,
                "max_cloud": self.max_cloud, "months": self.months, "max_items": self.max_items}


def is_query(value):
    """Whether ``value`` names a STAC query (a :class:`StacQuery` or a dict with ``stac``/``endpoint``)."""
    return isinstance(value, StacQuery) or (isinstance(value, dict) and ("stac" in value or "endpoint" in value))


def _check_datetime(text):
    if not text:
        return None
    text = str(text).strip()
    for part in text.split("/"):
        if part in ("", ".."):
            continue
        try:
            datetime.datetime.fromisoformat(part.replace("Z", "+00:00"))
        except ValueError as err:
            raise WealthMapError(tr("The date range '{0}' is not of the form 2023-06-01/2023-08-31.").format(
                text)) from err
    if "/" not in text:
        return text
    start, end = text.split("/", 1)
    # a plain end date means the whole day
    if len(end) == 10:
        end += "T23:59:59Z"
    if len(start) == 10:
        start += "T00:00:00Z"
    return start + "/" + end


# --- HTTP through QGIS -----------------------------------------------------------------------
def http_json(url, body=None, authcfg=None, feedback=None, what=None):
    """GET (or POST ``body`` as JSON) ``url`` with QGIS's network stack; returns the decoded JSON.

    Raises a :class:`WealthMapError` naming the URL for an unreachable host, a timeout (which
    ``QgsBlockingNetworkRequest`` reports as success with an empty body), an HTTP error or non-JSON."""
    from qgis.core import QgsBlockingNetworkRequest
    from qgis.PyQt.QtCore import QByteArray, QUrl
    from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

    what = what or tr("The STAC catalogue")
    request = QgsBlockingNetworkRequest()
    if authcfg:
        request.setAuthCfg(authcfg)
    qreq = QNetworkRequest(QUrl(url))
    qreq.setRawHeader(b"Accept", b"application/geo+json, application/json")
    qreq.setRawHeader(b"User-Agent", b"WealthMap QGIS plugin")
    if body is not None:
        qreq.setHeader(QNetworkRequest.KnownHeaders.ContentTypeHeader, "application/json")
        code = request.post(qreq, QByteArray(json.dumps(body).encode("utf-8")), True, feedback)
    else:
        code = request.get(qreq, True, feedback)
    reply = request.reply()
    status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
    content = bytes(reply.content())
    if feedback is not None and feedback.isCanceled():
        check_cancel(feedback)
    if code != QgsBlockingNetworkRequest.ErrorCode.NoError or reply.error() != QNetworkReply.NetworkError.NoError:
        if status:
            raise WealthMapError(tr("{0} at {1} answered HTTP {2}: {3}. Check the URL, the collection and the "
                                    "search parameters.").format(what, url, status, _snippet(content)))
        raise WealthMapError(tr("{0} at {1} cannot be reached ({2}). Check the URL and your network or proxy "
                                "settings (Settings > Options > Network).").format(what, url,
                                                                                   request.errorMessage()))
    if not content:
        raise WealthMapError(tr("{0} at {1} gave an empty answer (HTTP {2}; a timeout gives this too). Try again "
                                "or raise the network timeout (Settings > Options > Network).").format(
            what, url, status))
    try:
        return json.loads(content.decode("utf-8"))
    except ValueError as err:
        raise WealthMapError(tr("{0} at {1} did not answer JSON: {2}").format(what, url, _snippet(content))) from err


def _snippet(content):
    return content[:200].decode("utf-8", "replace").replace("\n", " ")


# --- search ------------------------------------------------------------------------------------
def search(query, bbox, feedback=None, progress=None):
    """Items of ``query`` whose footprints meet ``bbox`` (lon/lat ``(xmin, ymin, xmax, ymax)``), sorted by date.

    Raises a :class:`WealthMapError` when the catalogue is unreachable or no item matches (saying
    which filter to relax)."""
    query = StacQuery.of(query)
    bbox = [float(v) for v in bbox]
    body = {"collections": [query.collection], "bbox": bbox, "limit": min(query.page_size, query.max_items)}
    if query.datetime:
        body["datetime"] = query.datetime
    if query.max_cloud is not None:
        body["query"] = {"eo:cloud_cover": {"lte": query.max_cloud}}
    url = query.url + "/search"
    raw, pages, seen = [], 0, set()
    page = http_json(url, body, query.authcfg, feedback)
    while True:
        pages += 1
        for feature in page.get("features") or []:
            if feature.get("id") not in seen:
                seen.add(feature.get("id"))
                raw.append(feature)
        if progress:
            progress(len(raw))
        nxt = next((link for link in page.get("links") or [] if link.get("rel") == "next"), None)
        if nxt is None or len(raw) >= query.max_items or not page.get("features"):
            break
        check_cancel(feedback)
        if str(nxt.get("method", "GET")).upper() == "POST":
            next_body = dict(body, **nxt["body"]) if nxt.get("merge") else nxt.get("body") or body
            page = http_json(nxt["href"], next_body, query.authcfg, feedback)
        else:
            page = http_json(nxt["href"], None, query.authcfg, feedback)
    items = []
    for feature in raw[:query.max_items]:
        item = Item(feature, query.url)
        if query.max_cloud is not None and item.cloud is not None and item.cloud > query.max_cloud:
            continue
        if query.months and item.datetime.month not in query.months:
            continue
        if item.bbox and not _meets(item.bbox, bbox):
            continue
        items.append(item)
    if not items:
        raise WealthMapError(tr("No Sentinel-2 item of '{0}' at {1} matches the search ({2} found before the "
                                "cloud and season filters): dates {3}, cloud cover <= {4}%, months {5}. Widen the "
                                "date range or the season, or allow more cloud.").format(
            query.collection, query.url, len(raw), query.datetime or tr("any"),
            query.max_cloud if query.max_cloud is not None else 100, query.months or tr("all")))
    items.sort(key=lambda it: (it.datetime, it.id))
    if query.sign:
        Signer.for_query(query).sign(items, feedback)
    return items


def _meets(a, b):
    return not (a[0] > b[2] or a[2] < b[0] or a[1] > b[3] or a[3] < b[1])


def search_url(query, bbox):
    """The ``GET /search`` URL of a query (shown to users, for a browser or curl)."""
    query = StacQuery.of(query)
    params = {"collections": query.collection, "bbox": ",".join(repr(float(v)) for v in bbox),
              "limit": query.page_size}
    if query.datetime:
        params["datetime"] = query.datetime
    return query.url + "/search?" + urlencode(params)


class Signer:
    """Planetary Computer's SAS tokens: one per collection, fetched from the token endpoint and kept in
    memory (never in settings or logs) until a minute before it expires."""

    _lock = threading.Lock()
    _tokens = {}

    def __init__(self, token_url, collection, authcfg=None):
        self.url = token_url.format(collection=collection)
        self.authcfg = authcfg

    @classmethod
    def for_query(cls, query):
        return cls(query.token_url, query.collection, query.authcfg)

    def token(self, feedback=None):
        with self._lock:
            cached = self._tokens.get(self.url)
            if cached and cached[1] > time.time() + 60:
                return cached[0]
        answer = http_json(self.url, None, self.authcfg, feedback, what=tr("The signing token endpoint"))
        token = answer.get("token")
        if not token:
            raise WealthMapError(tr("The signing token endpoint {0} gave no token.").format(self.url))
        expiry = time.time() + 1800
        try:
            text = str(answer.get("msft:expiry", "")).replace("Z", "+00:00")
            expiry = datetime.datetime.fromisoformat(text).timestamp()
        except ValueError:
            pass
        with self._lock:
            self._tokens[self.url] = (token, expiry)
        return token

    def sign(self, items, feedback=None):
        token = self.token(feedback)
        for item in items:
            for asset in item.assets.values():
                if "sig=" not in asset.href:
                    asset.href += ("&" if "?" in asset.href else "?") + token
        return items
