"""Persistent geocoding cache (SQLite in the QGIS profile).

Key: provider, endpoint, options and the *normalised* address text, hashed. A batch writes
its results as it goes (every few dozen rows), so a cancelled or crashed run resumes
where it stopped and a rerun makes no requests. Review edits are stored as manual
results that win over the provider's. Errors are never cached (a rerun retries them).
Also counts requests per provider and day (for daily caps such as VWorld's).
"""

import datetime
import hashlib
import json
import os
import sqlite3
import threading
import time

from .. import settings
from .normalize import normalize


def cache_key(identity, text, options):
    norm = normalize(text)
    payload = json.dumps([identity, options, norm], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def default_cache_path():
    return os.path.join(settings.cache_dir(), "geocode_cache.sqlite")


class GeocodeCache:
    def __init__(self, path=None):
        self.path = path or default_cache_path()
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        self.lock = threading.Lock()
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

    def get_many(self, keys):
        """``{key: (candidates, manual)}`` for the keys found."""
        found = {}
        keys = list(keys)
        with self.lock:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                marks = ",".join("?" * len(chunk))
                for key, cands, manual in self.con.execute(
                        "SELECT key, candidates, manual FROM results WHERE key IN ({})".format(marks), chunk):
                    found[key] = (json.loads(cands), bool(manual))
        return found

    def put_many(self, items, provider):
        """Store ``[(key, query, candidates)]`` (provider results; manual ones are kept)."""
        if not items:
            return
        now = time.time()
        with self.lock:
            self.con.executemany(
                "INSERT INTO results(key, provider, query, candidates, manual, created) VALUES(?,?,?,?,0,?) "
                "ON CONFLICT(key) DO UPDATE SET candidates=excluded.candidates, created=excluded.created "
                "WHERE results.manual = 0",
                [(k, provider, q, json.dumps(c, ensure_ascii=False), now) for k, q, c in items],
            )
            self.con.commit()

    def put_manual(self, key, query, candidate, provider="manual"):
        """A reviewed result: it wins over the provider's on every later run."""
        with self.lock:
            self.con.execute(
                "INSERT INTO results(key, provider, query, candidates, manual, created) VALUES(?,?,?,?,1,?) "
                "ON CONFLICT(key) DO UPDATE SET candidates=excluded.candidates, manual=1, created=excluded.created",
                (key, provider, query, json.dumps([candidate], ensure_ascii=False), time.time()),
            )
            self.con.commit()

    def count(self):
        with self.lock:
            return self.con.execute("SELECT count(*) FROM results").fetchone()[0]

    # --- daily usage ----------------------------------------------------------------
    @staticmethod
    def today():
        return datetime.date.today().isoformat()

    def usage_today(self, provider):
        with self.lock:
            row = self.con.execute("SELECT n FROM usage WHERE provider=? AND day=?",
                                   (provider, self.today())).fetchone()
        return row[0] if row else 0

    def add_usage(self, provider, n):
        if n <= 0:
            return
        with self.lock:
            self.con.execute(
                "INSERT INTO usage(provider, day, n) VALUES(?,?,?) ON CONFLICT(provider, day) DO UPDATE SET n=n+?",
                (provider, self.today(), n, n))
            self.con.commit()

    def close(self):
        with self.lock:
            self.con.close()
