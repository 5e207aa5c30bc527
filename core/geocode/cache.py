"""Persistent geocoding cache (SQLite in the QGIS profile).

Key: provider, endpoint, options and the *normalised* address text, hashed. A batch writes
its results as it goes (every few dozen rows), so a cancelled or crashed run resumes
where it stopped and a rerun makes no requests. Review edits are stored as manual
results that win over the provider's. Errors are never cached (a rerun retries them).
Also counts requests per provider and day (for daily caps such as VWorld's).

Robustness: a damaged file (not a database, truncated, failing ``PRAGMA quick_check``) is renamed
``<name>.corrupt-<UTC time>`` and a new cache is started, with a warning; entries that cannot be read
(bad JSON, invalid points) are dropped and asked again; a cache that cannot be written raises
:class:`CacheUnavailableError` (the batch then runs without it, see :func:`open_cache`).
"""

import contextlib
import datetime
import hashlib
import json
import os
import sqlite3
import threading
import time

from .. import settings
from ..errors import WealthMapError
from ..i18n import tr
from .http import parse_json
from .normalize import normalize


def cache_key(identity, text, options):
    norm = normalize(text)
    payload = json.dumps([identity, options, norm], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def default_cache_path():
    return os.path.join(settings.cache_dir(), "geocode_cache.sqlite")


class CacheUnavailableError(WealthMapError):
    """The cache cannot be opened for writing (read-only folder, a path under a file...)."""


def _is_corrupt(err):
    text = str(err).lower()
    return isinstance(err, sqlite3.DatabaseError) and not isinstance(err, sqlite3.OperationalError) or any(
        word in text for word in ("malformed", "not a database", "corrupt", "file is encrypted"))


def _unwritable(path, err):
    return CacheUnavailableError(tr("The geocoding cache {0} cannot be written ({1}): geocoding runs without the cache "
                               "(nothing is remembered for a rerun). Choose a writable folder in the WealthMap "
                               "options (geocoding cache folder).").format(path, err))


class GeocodeCache:
    """The cache file; a corrupt one is moved aside and started again (see :attr:`warnings`).

    ``GeocodeCache(path)`` raises :class:`CacheUnavailableError` when the file cannot be created or written. A
    failure in the middle of a batch (the disk fills, the file is damaged while in use) turns the cache off
    for the rest of the run with a warning instead of stopping the batch."""

    def __init__(self, path=None):
        try:
            self.path = path or default_cache_path()
        except OSError as err:  # the profile's folder cannot be created
            raise _unwritable(err.filename or settings.GEOCODE_CACHE_DIR.value() or "geocode_cache.sqlite",
                              err.strerror or err) from None
        self.lock = threading.Lock()
        self.warnings = []
        self.broken = False
        self.con = None
        try:
            os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        except OSError as err:
            raise _unwritable(self.path, err.strerror or err) from None
        if os.path.isdir(self.path):
            raise _unwritable(self.path, tr("it is a folder"))
        try:
            self._open()
        except sqlite3.DatabaseError as err:
            self._close_quietly()
            if not _is_corrupt(err):
                raise _unwritable(self.path, err) from None
            moved = self._move_aside()
            self._warn(tr("The geocoding cache {0} was damaged ({1}); it was moved to {2} and a new, empty cache "
                          "was started (addresses are asked again).").format(self.path, err, moved))
            try:
                self._open()
            except sqlite3.DatabaseError as again:
                self._close_quietly()
                raise _unwritable(self.path, again) from None

    def _open(self):
        self.con = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=NORMAL")
        self.con.executescript(
            """
            CREATE TABLE IF NOT EXISTS results(key TEXT PRIMARY KEY, provider TEXT, query TEXT,
                candidates TEXT, manual INTEGER DEFAULT 0, created REAL);
            CREATE TABLE IF NOT EXISTS usage(provider TEXT, day TEXT, n INTEGER, PRIMARY KEY(provider, day));
            """
        )
        problems = [r[0] for r in self.con.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError("; ".join(str(p) for p in problems)[:300])
        # a cache that cannot be written (read-only file or folder) fails here, not in the middle of a batch
        self.con.execute("BEGIN IMMEDIATE")
        self.con.execute("ROLLBACK")

    def _close_quietly(self):
        if self.con is not None:
            try:
                self.con.close()
            except sqlite3.Error:
                pass
            self.con = None

    def _move_aside(self):
        """Rename the damaged file (and its -wal/-shm companions) to ``<name>.corrupt-<UTC time>``."""
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = "{}.corrupt-{}".format(self.path, stamp)
        try:
            os.replace(self.path, target)
        except OSError as err:
            raise _unwritable(self.path, err.strerror or err) from None
        for suffix in ("-wal", "-shm", "-journal"):
            if os.path.exists(self.path + suffix):
                try:
                    os.replace(self.path + suffix, target + suffix)
                except OSError:
                    pass
        return target

    def _warn(self, text):
        from .. import log as wm_log

        wm_log.warning(text)
        self.warnings.append(text)

    def _failed(self, err):
        """A database error while in use: the cache is off for the rest of this run (said once)."""
        if not self.broken:
            self.broken = True
            self._warn(tr("The geocoding cache {0} failed while in use ({1}); the rest of this run goes without "
                          "it. If it happens again, delete the file.").format(self.path, err))

    def get_many(self, keys):
        """``{key: (candidates, manual)}`` for the keys found. Rows that cannot be read (bad JSON, invalid
        candidates) count as not cached and are deleted (the address is asked again), with a warning."""
        from .answers import InvalidAnswerError, clean_candidates

        found = {}
        bad = []
        keys = list(keys)
        if self.broken:
            return found
        with self.lock:
            try:
                for i in range(0, len(keys), 500):
                    chunk = keys[i:i + 500]
                    marks = ",".join("?" * len(chunk))
                    for key, cands, manual in self.con.execute(
                            "SELECT key, candidates, manual FROM results WHERE key IN ({})".format(marks), chunk):
                        try:
                            found[key] = (clean_candidates(parse_json(cands)), bool(manual))
                        except (ValueError, TypeError, InvalidAnswerError):
                            bad.append(key)
                if bad:
                    self.con.executemany("DELETE FROM results WHERE key = ?", [(k,) for k in bad])
                    self.con.commit()
            except sqlite3.Error as err:
                self._failed(err)
                return {}
        if bad:
            self._warn(tr("{0} entries of the geocoding cache {1} could not be read and were dropped; those "
                          "addresses are asked again.").format(len(bad), self.path))
        return found

    def put_many(self, items, provider):
        """Store ``[(key, query, candidates)]`` (provider results; manual ones are kept)."""
        if not items:
            return
        now = time.time()
        if self.broken:
            return
        with self.lock, self._guard():
            self.con.executemany(
                "INSERT INTO results(key, provider, query, candidates, manual, created) VALUES(?,?,?,?,0,?) "
                "ON CONFLICT(key) DO UPDATE SET candidates=excluded.candidates, created=excluded.created "
                "WHERE results.manual = 0",
                [(k, provider, q, json.dumps(c, ensure_ascii=False), now) for k, q, c in items],
            )
            self.con.commit()

    def put_manual(self, key, query, candidate, provider="manual"):
        """A reviewed result: it wins over the provider's on every later run."""
        if self.broken:
            return
        with self.lock, self._guard():
            self.con.execute(
                "INSERT INTO results(key, provider, query, candidates, manual, created) VALUES(?,?,?,?,1,?) "
                "ON CONFLICT(key) DO UPDATE SET candidates=excluded.candidates, manual=1, created=excluded.created",
                (key, provider, query, json.dumps([candidate], ensure_ascii=False), time.time()),
            )
            self.con.commit()

    def count(self):
        with self.lock:
            return self.con.execute("SELECT count(*) FROM results").fetchone()[0]

    @contextlib.contextmanager
    def _guard(self):
        try:
            yield
        except (sqlite3.Error, ValueError) as err:
            self._failed(err)

    # --- daily usage ----------------------------------------------------------------
    @staticmethod
    def today():
        return datetime.date.today().isoformat()

    def usage_today(self, provider):
        row = None
        if self.broken:
            return 0
        with self.lock, self._guard():
            row = self.con.execute("SELECT n FROM usage WHERE provider=? AND day=?",
                                   (provider, self.today())).fetchone()
        return row[0] if row else 0

    def add_usage(self, provider, n):
        if n <= 0 or self.broken:
            return
        with self.lock, self._guard():
            self.con.execute(
                "INSERT INTO usage(provider, day, n) VALUES(?,?,?) ON CONFLICT(provider, day) DO UPDATE SET n=n+?",
                (provider, self.today(), n, n))
            self.con.commit()

    def close(self):
        with self.lock:
            self._close_quietly()


def open_cache(path=None):
    """``(cache or None, warnings)``: the cache, or ``None`` and the reason when it cannot be written."""
    try:
        cache = GeocodeCache(path)
    except CacheUnavailableError as err:
        from .. import log as wm_log

        wm_log.warning(str(err))
        return None, [str(err)]
    return cache, list(cache.warnings)
