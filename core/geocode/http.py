"""HTTP for web geocoders: timeouts, retries with backoff honouring ``Retry-After``, QGIS proxy
settings, throttles per provider, API keys from QGIS's authentication database.

Keys are read from an ``authcfg`` id at request time and never written to settings,
logs, projects, output layers or error messages (:func:`redact` removes them).
"""

import email.utils
import ipaddress
import json
import random
import threading
import time
from urllib.parse import urlparse

from ..errors import WealthMapError
from ..i18n import tr

USER_AGENT = "WealthMap-QGIS-plugin/1.0 (+https://github.com/wealthmap)"


class Throttle:
    """At most ``rate`` requests per second across threads (``rate`` <= 0: unlimited)."""

    def __init__(self, rate):
        self.rate = float(rate or 0)
        self.lock = threading.Lock()
        self.next_at = 0.0
        self.times = []

    def wait(self, feedback=None):
        if self.rate <= 0:
            self.times.append(time.monotonic())
            return
        with self.lock:
            now = time.monotonic()
            slot = max(now, self.next_at)
            self.next_at = slot + 1.0 / self.rate
        while True:
            left = slot - time.monotonic()
            if left <= 0:
                break
            if feedback is not None and feedback.isCanceled():
                break
            time.sleep(min(left, 0.1))
        self.times.append(time.monotonic())


_THROTTLES = {}
_THROTTLES_LOCK = threading.Lock()


def throttle_for(key, rate):
    """The shared throttle of one provider endpoint (same object for every batch in the process)."""
    with _THROTTLES_LOCK:
        t = _THROTTLES.get(key)
        if t is None or t.rate != float(rate or 0):
            t = _THROTTLES[key] = Throttle(rate)
        return t


def is_local_url(url):
    """True for loopback, private-network and ``localhost`` endpoints (self-hosted services)."""
    host = (urlparse(url).hostname or "").lower()
    if host in ("localhost",) or host.endswith(".local") or host.endswith(".internal"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private or ip.is_link_local


def is_loopback_url(url):
    """True for ``localhost`` and loopback addresses only (where a key over plain http never leaves the machine)."""
    host = (urlparse(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def redact(text, secrets):
    text = str(text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def auth_key(authcfg):
    """The API key stored under ``authcfg`` in QGIS's authentication database.

    Accepts a *Basic* configuration (the key is the password), an *EsriToken* one (the
    token), or any method with a ``key``/``apikey``/``token`` value.
    """
    if not authcfg:
        return None
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    manager = QgsApplication.authManager()
    config = QgsAuthMethodConfig()
    ok = manager.loadAuthenticationConfig(authcfg, config, True)
    if not ok or not config.isValid(True):
        raise WealthMapError(
            tr("The authentication configuration '{0}' was not found or could not be decrypted. Create it in "
               "Settings > Options > Authentication (method Basic, the API key as password) and choose it.").format(
                authcfg)
        )
    for name in ("key", "apikey", "api_key", "token", "password"):
        value = config.config(name, "")
        if value:
            return value
    raise WealthMapError(
        tr("The authentication configuration '{0}' holds no API key: put the key in its password field.").format(
            authcfg)
    )


def qgis_proxies(url):
    """``requests`` proxies from QGIS's network settings (none for loopback or excluded URLs)."""
    from qgis.core import QgsSettings

    if is_local_url(url) and (urlparse(url).hostname or "") in ("127.0.0.1", "localhost", "::1"):
        return {"http": None, "https": None}
    s = QgsSettings()
    enabled = str(s.value("proxy/proxyEnabled", False)).lower() in ("true", "1")
    if not enabled:
        return None
    kind = str(s.value("proxy/proxyType", "HttpProxy"))
    if kind == "DefaultProxy":
        return None  # requests reads the system proxy from the environment
    for excluded in str(s.value("proxy/proxyExcludedUrls", "") or "").split("|"):
        if excluded and url.startswith(excluded):
            return {"http": None, "https": None}
    host = str(s.value("proxy/proxyHost", "") or "")
    port = str(s.value("proxy/proxyPort", "") or "")
    if not host:
        return None
    user = str(s.value("proxy/proxyUser", "") or "")
    password = str(s.value("proxy/proxyPassword", "") or "")
    scheme = "socks5h" if "socks" in kind.lower() else "http"
    cred = "{}:{}@".format(user, password) if user else ""
    proxy = "{}://{}{}{}".format(scheme, cred, host, ":" + port if port else "")
    return {"http": proxy, "https": proxy}


def retry_after_seconds(value, default):
    """Seconds from a ``Retry-After`` header (delta-seconds or HTTP date)."""
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError):
        return default


class HttpError(Exception):
    """A request failed after its retries (``fatal``: stop the batch, e.g. a bad key or quota)."""

    def __init__(self, message, fatal=False, status=None):
        super().__init__(message)
        self.fatal = fatal
        self.status = status


#: The largest answer read (geocoding answers are a few kB; a server streaming without end is cut off).
MAX_ANSWER_BYTES = 8 * 1024 * 1024


class _TooSlowError(Exception):
    pass


def _abort(response):
    """Stop a read blocked in another thread: shut the socket down (closing it does not wake a blocked
    ``recv``), then close the response. The socket is reached through urllib3's objects where they are."""
    import socket

    for find in (lambda: response.raw._connection.sock, lambda: response.raw._fp.fp.raw._sock):
        try:
            sock = find()
        except AttributeError:
            continue
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            break
    response.close()


def _text(body, response):
    try:
        return body.decode(response.encoding or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know (e.g. "charset=bogus"): read it as UTF-8
        return body.decode("utf-8", errors="replace")


def parse_json(text):
    """The JSON value of ``text``, or ``ValueError`` for anything that is not JSON, nested too deep
    (``RecursionError``) or holding a number too long to read."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deep") from None


class HttpClient:
    """GET JSON with retries. One per batch; thread-safe (``requests.Session`` per thread)."""

    def __init__(self, timeout=20.0, retries=3, backoff=0.5, max_wait=60.0, secrets=(), throttle=None,
                 headers=None):
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.backoff = float(backoff)
        self.max_wait = float(max_wait)
        self.secrets = [s for s in secrets if s]
        self.throttle = throttle
        self.headers = dict(headers or {})
        self.local = threading.local()
        self.requests_made = 0
        self.count_lock = threading.Lock()

    def session(self):
        import requests

        s = getattr(self.local, "session", None)
        if s is None:
            s = self.local.session = requests.Session()
            s.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
            s.headers.update(self.headers)
            s.max_redirects = 5
        return s

    def _read_body(self, response, started):
        """The answer's bytes, read within the request's timeout counted from ``started`` (``requests``' own
        timeout limits each socket read only: a server sending a byte every second would never time out)
        and at most :data:`MAX_ANSWER_BYTES`. A watchdog closes the connection at the deadline."""
        remaining = max(0.05, self.timeout - (time.monotonic() - started))
        watchdog = threading.Timer(remaining, _abort, (response,))
        watchdog.daemon = True
        watchdog.start()
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(chunk_size=16384):
                size += len(chunk)
                if size > MAX_ANSWER_BYTES:
                    raise HttpError(tr("the service's answer is larger than {0} MB; it is not a geocoding "
                                       "answer").format(MAX_ANSWER_BYTES // (1024 * 1024)))
                chunks.append(chunk)
                if time.monotonic() - started > self.timeout:
                    raise _TooSlowError()
        except (HttpError, _TooSlowError):
            raise
        except Exception:  # noqa: BLE001 - whatever the closed connection raised, past the deadline it is a timeout
            if time.monotonic() - started >= self.timeout * 0.95:
                raise _TooSlowError() from None
            raise
        finally:
            watchdog.cancel()
            response.close()
        return b"".join(chunks)

    def get_json(self, url, params=None, headers=None, feedback=None):
        import requests

        last = None
        proxies = qgis_proxies(url)
        for attempt in range(self.retries + 1):
            if feedback is not None and feedback.isCanceled():
                raise HttpError(tr("Cancelled."))
            if self.throttle is not None:
                self.throttle.wait(feedback)
            wait = self.backoff * (2 ** attempt) * (0.75 + 0.5 * random.random())
            try:
                with self.count_lock:
                    self.requests_made += 1
                started = time.monotonic()
                keyed = any(self.secrets)  # a key in the URL must not follow a redirect to another host
                response = self.session().get(url, params=params, headers=headers, timeout=self.timeout,
                                              proxies=proxies, stream=True, allow_redirects=not keyed)
                if keyed and response.is_redirect:
                    target = urlparse(response.headers.get("Location", "")).hostname or "?"
                    response.close()
                    raise HttpError(tr("The service redirects to {0}; an API key is not sent on to another "
                                       "address. Set the endpoint to the address it redirects to.").format(target),
                                    fatal=True)
                if response.status_code not in (401, 403):
                    body = self._read_body(response, started)
            except _TooSlowError:
                last = tr("no complete answer within {0:.0f} s (timeout)").format(self.timeout)
            except requests.exceptions.TooManyRedirects:
                raise HttpError(tr("The service redirects in a loop (more than 5 redirects). Check the endpoint."),
                                fatal=True) from None
            except requests.exceptions.Timeout:
                last = tr("no answer within {0:.0f} s (timeout)").format(self.timeout)
            except requests.exceptions.ConnectionError as err:
                last = tr("connection failed ({0})").format(redact(type(err).__name__, self.secrets))
            except requests.exceptions.RequestException as err:
                last = redact(err, self.secrets)
            else:
                status = response.status_code
                if status in (401, 403):
                    raise HttpError(
                        tr("The service refused the request (HTTP {0}): the API key is missing, wrong or not "
                           "allowed for this service. Check the authentication configuration.").format(status),
                        fatal=True, status=status)
                if status == 429 or status >= 500:
                    last = tr("HTTP {0} from the service").format(status)
                    if status == 429:
                        wait = retry_after_seconds(response.headers.get("Retry-After"), wait)
                        if attempt == self.retries:
                            raise HttpError(
                                tr("The service's rate limit or quota is exceeded (HTTP 429) even after {0} "
                                   "retries. Finished rows are cached: run again later to resume.").format(
                                    self.retries), fatal=True, status=429)
                    elif response.headers.get("Retry-After"):
                        wait = retry_after_seconds(response.headers.get("Retry-After"), wait)
                elif status >= 400:
                    raise HttpError(tr("HTTP {0} from the service: {1}").format(
                        status, redact(_text(body, response)[:200], self.secrets)), status=status)
                else:
                    try:
                        return parse_json(_text(body, response))
                    except ValueError:
                        last = tr("the service answered with malformed JSON")
            if attempt < self.retries:
                wait = min(wait, self.max_wait)
                end = time.monotonic() + wait
                while time.monotonic() < end:
                    if feedback is not None and feedback.isCanceled():
                        break
                    time.sleep(min(0.05, max(0.0, end - time.monotonic())))
        raise HttpError(tr("Request failed after {0} attempts: {1}").format(self.retries + 1, last))
