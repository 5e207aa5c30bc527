"""Geocoding providers behind one interface.

``provider.search(text, countries=None, viewbox=None, limit=5, feedback=None)`` returns a list
of candidates ``{"lon", "lat", "address", "score" (0..1), "match_type"}`` (EPSG:4326), best
first. Providers: ``offline`` (the default: the bundled gazetteer plus optional address
indexes, no network), ``nominatim``, ``photon``, ``pelias``, ``google``, ``kakao``, ``vworld``.

Usage policies: the public Nominatim (nominatim.openstreetmap.org) gets at most one request
per second and bulk runs over :data:`PUBLIC_NOMINATIM_BULK_LIMIT` new addresses are refused
(its policy forbids heavy use; run your own server); other public services get their own
rates; only self-hosted (loopback/private network) endpoints get parallel requests.
"""

from urllib.parse import urlparse

from ..errors import WealthMapError
from ..i18n import tr, tr_noop
from .answers import InvalidAnswerError, lonlat, number, projected
from .answers import text as answer_text
from .gazetteer import gazetteer_path
from .http import HttpClient, HttpError, auth_key, is_local_url, is_loopback_url, redact, throttle_for
from .index import AddressIndex
from .matching import search_offline
from .normalize import text_score, tokens
from .parse import parse_address

PUBLIC_NOMINATIM_BULK_LIMIT = 1000

PROVIDERS = {
    "offline": tr_noop("Offline index (no network)"),
    "nominatim": tr_noop("Nominatim (OpenStreetMap)"),
    "photon": tr_noop("Photon (komoot)"),
    "pelias": tr_noop("Pelias"),
    "google": tr_noop("Google Geocoding API"),
    "kakao": tr_noop("Kakao Local (Korea)"),
    "vworld": tr_noop("VWorld (Korea)"),
}
DEFAULT_ENDPOINTS = {
    "nominatim": "https://nominatim.openstreetmap.org",
    "photon": "https://photon.komoot.io",
    "pelias": "https://api.geocode.earth",
    "google": "https://maps.googleapis.com",
    "kakao": "https://dapi.kakao.com",
    "vworld": "https://api.vworld.kr",
}
# requests per second for public endpoints (self-hosted: unlimited and parallel)
PUBLIC_RATES = {"nominatim": 1.0, "photon": 1.0, "pelias": 10.0, "google": 40.0, "kakao": 10.0, "vworld": 10.0}
KEYED = ("pelias", "google", "kakao", "vworld")
VWORLD_DAILY_CAP = 40000


def cleaned_query(text):
    """``(parsed, query)``: the parsed parts of ``text`` and the text a service gets: the matchable parts
    only (no care-of name, unit, floor, PO box or note), or ``text`` itself when nothing was recognised."""
    parsed = parse_address(text)
    return parsed, parsed["query"] or text


def nominatim_structured(parsed):
    """Nominatim's structured search parameters (``street``, ``city``, ``postalcode``, ``country``) for a
    parsed address with a street and a town or postcode; ``None`` otherwise (Korean forms go as ``q``)."""
    if not parsed.get("street") or not (parsed.get("locality") or parsed.get("postcode")):
        return None
    if parsed.get("form"):  # Korean road/lot forms: Nominatim's free-text search handles them better
        return None
    params = {"street": " ".join(p for p in (parsed.get("house_number"), parsed["street"]) if p)}
    if parsed.get("town"):  # one locality part (the one after the street); the others are only in q
        params["city"] = parsed["town"]
    if parsed.get("postcode"):
        params["postalcode"] = parsed["postcode"]
    if parsed.get("country"):
        params["country"] = parsed["country"]
    return params


class Provider:
    name = "base"
    endpoint = ""
    workers = 1
    daily_cap = None

    #: Requests one address may take at most without retries (VWorld: road address, then parcel).
    requests_per_address = 1

    def redact(self, text):
        """``text`` without the provider's secrets (an error text a service echoes the key in)."""
        return str(text)

    def cache_identity(self):
        """What makes results differ: provider, endpoint (never the key)."""
        return "{}|{}".format(self.name, self.endpoint)

    def search(self, text, countries=None, viewbox=None, limit=5, feedback=None):
        raise NotImplementedError

    def requests_made(self):
        return 0

    def check_bulk(self, n_new):
        """Raise when a batch of ``n_new`` uncached addresses breaks the provider's usage policy;
        return a warning text (or ``None``) when it is allowed but slow or limited."""
        return None


class OfflineProvider(Provider):
    """The bundled gazetteer plus any address index files; no network."""

    name = "offline"
    workers = 1

    def __init__(self, index_paths=None, use_gazetteer=True):
        paths = [p for p in (index_paths or []) if p]
        self.indexes = [AddressIndex(p) for p in paths]
        gaz = gazetteer_path() if use_gazetteer else None
        if gaz:
            self.indexes.append(AddressIndex(gaz))
        if not self.indexes:
            raise WealthMapError(tr("No offline address index: give an index file or keep the bundled gazetteer."))
        self.endpoint = ";".join(p for p in paths) + ("+gazetteer" if gaz else "")
        self.gazetteer = self.indexes[-1] if gaz else None

    def cache_identity(self):
        """The index files and their builds: a rebuilt index gets new answers, not its old cached ones."""
        return "{}|{}|{}".format(self.name, self.endpoint, ";".join(index.build for index in self.indexes))

    def search(self, text, countries=None, viewbox=None, limit=5, feedback=None):
        # the matchable parts of the address (parse.py), the raw text as a fallback, country words checked
        return search_offline(self.indexes, text, countries=countries, viewbox=viewbox, limit=limit,
                              gazetteer=self.gazetteer)

    def close(self):
        for index in self.indexes:
            index.close()


class WebProvider(Provider):
    """Common part of the HTTP providers."""

    needs_key = False

    def __init__(self, endpoint=None, authcfg=None, timeout=20.0, retries=3, workers=None, rate=None,
                 backoff=0.5, max_wait=60.0):
        self.endpoint = (endpoint or DEFAULT_ENDPOINTS[self.name]).rstrip("/")
        parsed = urlparse(self.endpoint)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise WealthMapError(
                tr("The endpoint '{0}' is not an http(s) URL. Example: https://nominatim.example.org").format(
                    self.endpoint))
        self.local = is_local_url(self.endpoint)
        self.key = None
        if self.needs_key:
            if not authcfg:
                raise WealthMapError(
                    tr("{0} needs an API key: store it in QGIS's authentication database (Settings > Options > "
                       "Authentication, method Basic, key as password) and choose that configuration.").format(
                        self.name))
            self.key = auth_key(authcfg)
            if parsed.scheme != "https" and not is_loopback_url(self.endpoint):
                raise WealthMapError(
                    tr("{0} sends an API key: use an https:// endpoint (got {1}).").format(self.name, self.endpoint))
        if rate is None:
            rate = 0.0 if self.local else PUBLIC_RATES.get(self.name, 1.0)
        if workers is None:
            workers = 8 if self.local else 1
        self.workers = max(1, int(workers)) if self.local else 1  # parallel only for self-hosted endpoints
        self.rate = rate
        self.client = HttpClient(timeout=timeout, retries=retries, backoff=backoff, max_wait=max_wait,
                                 secrets=[self.key], throttle=throttle_for(self.cache_identity(), rate))

    def requests_made(self):
        return self.client.requests_made

    def redact(self, text):
        return redact(text, [self.key])

    def get(self, path, params, headers=None, feedback=None):
        try:
            return self.client.get_json(self.endpoint + path, params=params, headers=headers, feedback=feedback)
        except HttpError:
            raise

    @staticmethod
    def _float(value):
        """A finite float, or ``None`` (NaN, infinite, huge, booleans and text that is not a number)."""
        return number(value)

    @staticmethod
    def _dict(value):
        return value if isinstance(value, dict) else {}

    @staticmethod
    def _items(items, build):
        """Candidates from the answer's ``items`` through ``build(item)`` (a candidate, ``None`` to skip, or
        :class:`InvalidAnswerError`); when every item is invalid, the row fails with the first reason."""
        out, reason = [], None
        for item in items:
            try:
                if not isinstance(item, dict):
                    raise InvalidAnswerError(tr("an item of the service's answer is not a record"))
                cand = build(item)
            except InvalidAnswerError as err:
                reason = reason or err
                continue
            if cand is not None:
                out.append(cand)
        if reason is not None and not out:
            raise reason
        return out

    @staticmethod
    def _coordinates(feature):
        """``(lon, lat)`` of a GeoJSON feature's point, checked."""
        geometry = feature.get("geometry")
        coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if not isinstance(coords, list) or len(coords) < 2:
            raise InvalidAnswerError(tr("an item of the service's answer has no point coordinates"))
        return lonlat(coords[0], coords[1])

    def _malformed(self):
        return HttpError(tr("the service's answer does not have the documented format"))


class NominatimProvider(WebProvider):
    name = "nominatim"

    def check_bulk(self, n_new):
        public = not self.local and urlparse(self.endpoint).hostname == "nominatim.openstreetmap.org"
        if public and n_new > PUBLIC_NOMINATIM_BULK_LIMIT:
            raise WealthMapError(
                tr("{0} new addresses for the public Nominatim server: its usage policy forbids bulk geocoding "
                   "(at most 1 request per second, no heavy use). Geocode at most {1} at a time, use the offline "
                   "index, or run your own Nominatim (scripts/setup_service_nominatim.sh).").format(
                    n_new, PUBLIC_NOMINATIM_BULK_LIMIT))
        if public and n_new:
            return tr("The public Nominatim server allows one request per second: {0} new addresses take about "
                      "{1:.0f} minutes. For larger tables use the offline index or your own server.").format(
                n_new, n_new / 60.0)
        return None

    def search(self, text, countries=None, viewbox=None, limit=5, feedback=None):
        parsed, text = cleaned_query(text)
        params = {"q": text, "format": "jsonv2", "limit": limit, "addressdetails": 1}
        if countries:
            params["countrycodes"] = ",".join(c.lower() for c in countries)
        if viewbox:
            params["viewbox"] = ",".join(str(v) for v in viewbox)
            params["bounded"] = 1
        structured = nominatim_structured(parsed)
        data = None
        if structured:  # street/city/postalcode/country; the cleaned text as q when that finds nothing
            query = {k: v for k, v in params.items() if k != "q"}
            query.update(structured)
            data = self.get("/search", query, feedback=feedback)
        if not structured or data == []:
            data = self.get("/search", params, feedback=feedback)
        if isinstance(data, dict) and data.get("error"):
            raise HttpError(str(data.get("error")))
        if not isinstance(data, list):
            raise self._malformed()
        qt = tokens(text)

        def build(item):
            lon, lat = lonlat(item.get("lon"), item.get("lat"))
            address = answer_text(item.get("display_name"))
            rank = self._float(item.get("place_rank")) or 0
            kind = "house" if rank >= 28 else "street" if rank >= 26 else "place" if rank >= 13 else "region"
            return {"lon": lon, "lat": lat, "address": address, "score": text_score(qt, address),
                    "match_type": kind}

        return self._items(data, build)


class PhotonProvider(WebProvider):
    name = "photon"

    def search(self, text, countries=None, viewbox=None, limit=5, feedback=None):
        _parsed, text = cleaned_query(text)
        params = {"q": text, "limit": limit}
        if viewbox:
            params["bbox"] = ",".join(str(v) for v in viewbox)
        data = self.get("/api", params, feedback=feedback)
        if not isinstance(data, dict) or not isinstance(data.get("features"), list):
            raise self._malformed()
        qt = tokens(text)
        wanted = {c.lower() for c in countries} if countries else None

        def build(feat):
            lon, lat = self._coordinates(feat)
            props = self._dict(feat.get("properties"))
            if wanted and answer_text(props.get("countrycode")).lower() not in wanted:
                return None
            part = {k: answer_text(props.get(k)) for k in ("name", "street", "housenumber", "postcode", "city",
                                                          "country", "type")}
            street = " ".join(x for x in (part["street"], part["housenumber"]) if x)
            parts = [part["name"], street, " ".join(x for x in (part["postcode"], part["city"]) if x),
                     part["country"]]
            address = ", ".join(p for p in parts if p)
            kind = part["type"] or ("house" if part["housenumber"] else "place")
            return {"lon": lon, "lat": lat, "address": address, "score": text_score(qt, address),
                    "match_type": kind}

        return self._items(data["features"], build)


class PeliasProvider(WebProvider):
    name = "pelias"
    needs_key = True

    def search(self, text, countries=None, viewbox=None, limit=5, feedback=None):
        _parsed, text = cleaned_query(text)
        params = {"text": text, "size": limit, "api_key": self.key}
        if countries:
            params["boundary.country"] = ",".join(c.upper() for c in countries)
        if viewbox:
            params.update({"boundary.rect.min_lon": viewbox[0], "boundary.rect.min_lat": viewbox[1],
                           "boundary.rect.max_lon": viewbox[2], "boundary.rect.max_lat": viewbox[3]})
        data = self.get("/v1/search", params, feedback=feedback)
        if not isinstance(data, dict) or not isinstance(data.get("features"), list):
            raise self._malformed()
        qt = tokens(text)

        def build(feat):
            lon, lat = self._coordinates(feat)
            props = self._dict(feat.get("properties"))
            address = answer_text(props.get("label")) or answer_text(props.get("name"))
            conf = self._float(props.get("confidence"))
            if conf is not None:
                conf = min(1.0, max(0.0, conf))
            score = text_score(qt, address) if conf is None else round(0.5 * conf + 0.5 * text_score(qt, address), 4)
            kind = answer_text(props.get("match_type")) or answer_text(props.get("layer"))
            return {"lon": lon, "lat": lat, "address": address, "score": score, "match_type": kind}

        return self._items(data["features"], build)


class GoogleProvider(WebProvider):
    name = "google"
    needs_key = True
    TYPES = {"ROOFTOP": "house", "RANGE_INTERPOLATED": "interpolated", "GEOMETRIC_CENTER": "street",
             "APPROXIMATE": "place"}

    def search(self, text, countries=None, viewbox=None, limit=5, feedback=None):
        _parsed, text = cleaned_query(text)
        params = {"address": text, "key": self.key}
        if countries:
            params["components"] = "|".join("country:" + c.upper() for c in countries)
        if viewbox:
            params["bounds"] = "{},{}|{},{}".format(viewbox[1], viewbox[0], viewbox[3], viewbox[2])
        data = self.get("/maps/api/geocode/json", params, feedback=feedback)
        if not isinstance(data, dict) or "status" not in data:
            raise self._malformed()
        status = data["status"]
        if status == "ZERO_RESULTS":
            return []
        if status in ("REQUEST_DENIED",):
            raise HttpError(tr("Google refused the request: {0}. Check the API key.").format(
                self.redact(data.get("error_message", status))), fatal=True)
        if status in ("OVER_QUERY_LIMIT", "OVER_DAILY_LIMIT"):
            raise HttpError(tr("Google's quota is exceeded ({0}). Finished rows are cached: run again later.").format(
                status), fatal=True)
        if status != "OK":
            raise HttpError(tr("Google answered {0}").format(status))
        results = data.get("results", [])
        if not isinstance(results, list):
            raise self._malformed()
        qt = tokens(text)

        def build(item):
            geom = self._dict(item.get("geometry"))
            loc = self._dict(geom.get("location"))
            lon, lat = lonlat(loc.get("lng"), loc.get("lat"))
            address = answer_text(item.get("formatted_address"))
            score = text_score(qt, address) * (0.8 if item.get("partial_match") is True else 1.0)
            kind = geom.get("location_type")
            return {"lon": lon, "lat": lat, "address": address, "score": round(score, 4),
                    "match_type": self.TYPES.get(kind, "place") if isinstance(kind, str) else "place"}

        return self._items(results[:limit], build)


class KakaoProvider(WebProvider):
    name = "kakao"
    needs_key = True
    TYPES = {"ROAD_ADDR": "road_address", "REGION_ADDR": "parcel_address", "ROAD": "road", "REGION": "region"}

    def search(self, text, countries=None, viewbox=None, limit=5, feedback=None):
        _parsed, text = cleaned_query(text)  # the road-name (or 지번) form without 동/호, floors, building names
        params = {"query": text, "analyze_type": "similar", "size": max(1, min(int(limit), 30))}
        data = self.get("/v2/local/search/address.json", params, headers={"Authorization": "KakaoAK " + self.key},
                        feedback=feedback)
        if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
            raise self._malformed()
        qt = tokens(text)

        def build(doc):
            lon, lat = lonlat(doc.get("x"), doc.get("y"))
            road = answer_text(self._dict(doc.get("road_address")).get("address_name"))
            address = answer_text(doc.get("address_name")) or road
            score = max(text_score(qt, address), text_score(qt, road))
            kind = doc.get("address_type")
            return {"lon": lon, "lat": lat, "address": address, "score": score,
                    "match_type": self.TYPES.get(kind, "address") if isinstance(kind, str) else "address"}

        out = self._items(data["documents"], build)
        if viewbox:
            out = [c for c in out if viewbox[0] <= c["lon"] <= viewbox[2] and viewbox[1] <= c["lat"] <= viewbox[3]]
        return out


class VWorldProvider(WebProvider):
    """VWorld getcoord: road address first, then parcel (지번) address; daily request cap."""

    name = "vworld"
    needs_key = True
    requests_per_address = 2
    daily_cap = VWORLD_DAILY_CAP

    def search(self, text, countries=None, viewbox=None, limit=5, feedback=None):
        parsed, text = cleaned_query(text)  # road-name form without 동/호 and floors; a 지번 form asks parcel first
        qt = tokens(text)
        for kind in (("parcel", "road") if parsed.get("form") == "lot" else ("road", "parcel")):
            params = {"service": "address", "request": "getcoord", "version": "2.0", "crs": "epsg:4326",
                      "address": text, "refine": "true", "simple": "false", "format": "json", "type": kind,
                      "key": self.key}
            data = self.get("/req/address", params, feedback=feedback)
            response = data.get("response") if isinstance(data, dict) else None
            if not isinstance(response, dict) or "status" not in response:
                raise self._malformed()
            status = response["status"]
            if status == "NOT_FOUND":
                continue
            if status == "ERROR":
                error = response.get("error") or {}
                if not isinstance(error, dict):
                    error = {"text": str(error)}
                code = str(error.get("code", ""))
                if code in ("INVALID_KEY", "INCORRECT_KEY", "UNAVAILABLE_KEY", "OVER_REQUEST_LIMIT"):
                    raise HttpError(tr("VWorld refused the request: {0} ({1}).").format(
                        code, self.redact(error.get("text", ""))), fatal=True)
                raise HttpError(tr("VWorld error {0}: {1}").format(code, self.redact(error.get("text", ""))))
            result = self._dict(response.get("result"))
            point = result.get("point")
            if not isinstance(point, dict):
                raise InvalidAnswerError(tr("the service's answer has no point coordinates"))
            # asked for EPSG:4326; an answer in another CRS (result.crs) is transformed and checked
            crs = result.get("crs")
            lon, lat = projected(point.get("x"), point.get("y"), crs if isinstance(crs, str) else "")
            refined = answer_text(self._dict(response.get("refined")).get("text")) or text
            return [{"lon": lon, "lat": lat, "address": refined, "score": max(text_score(qt, refined), 0.0),
                     "match_type": "road_address" if kind == "road" else "parcel_address"}]
        return []


CLASSES = {"nominatim": NominatimProvider, "photon": PhotonProvider, "pelias": PeliasProvider,
           "google": GoogleProvider, "kakao": KakaoProvider, "vworld": VWorldProvider}


def make_provider(name="offline", endpoint=None, authcfg=None, index_paths=None, use_gazetteer=True, timeout=20.0,
                  retries=3, workers=None, rate=None, backoff=0.5, max_wait=60.0):
    """Create a provider by name; raises :class:`WealthMapError` for an unknown one."""
    name = (name or "offline").lower()
    if name == "offline":
        return OfflineProvider(index_paths, use_gazetteer=use_gazetteer)
    if name not in CLASSES:
        raise WealthMapError(tr("Unknown geocoding provider '{0}'. Choose one of: {1}.").format(
            name, ", ".join(PROVIDERS)))
    return CLASSES[name](endpoint=endpoint, authcfg=authcfg, timeout=timeout, retries=retries, workers=workers,
                         rate=rate, backoff=backoff, max_wait=max_wait)
